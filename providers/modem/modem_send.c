/* SPDX-License-Identifier: Apache-2.0 */
/* modem_send.c: the `modem` provider's sending side: the queue of sends
 * (urgent first), one AT+CMGS per part of a text, the answer to each part,
 * and where a long text stopped part-way, so its retry resumes from that
 * part under the same concatenation reference. Its own file because a send
 * has its own state (struct job, struct resume) and its own rules for
 * "failed" against "retry"; the command session (modem_session.c) only
 * hands it the answers. See modem.c for the whole design. */
#include "modem/modem_internal.h"

static uint64_t pdu_hash(const struct sms_submit *pdu)
{
    uint64_t h = (uint64_t)pdu->nparts;
    for (int k = 0; k < pdu->nparts; k++)
        h = h * 1099511628211ULL ^ hash_fnv1a64(pdu->part[k].hex, strlen(pdu->part[k].hex));
    return h;
}

/* A long text goes back to the outbox after some of its parts were sent:
 * remembers where its next try resumes (a free slot, its own, or the
 * oldest taken). */
static void resume_save(struct modem *m, const struct job *j)
{
    struct resume *r = NULL;
    for (size_t i = 0; i < MODEM_MAX_RESUMES && r == NULL; i++)
        if (m->resumes[i].id == j->id)
            r = &m->resumes[i];
    for (size_t i = 0; i < MODEM_MAX_RESUMES && r == NULL; i++)
        if (m->resumes[i].id == 0)
            r = &m->resumes[i];
    if (r == NULL)
        r = &m->resumes[m->next_resume++ % MODEM_MAX_RESUMES];
    r->id = j->id;
    r->hash = pdu_hash(&j->pdu);
    r->part = j->part;
    memcpy(r->mrs, j->mrs, sizeof r->mrs);
}

/* A new try of a message: if an earlier one stopped part-way, the job
 * starts at the first part not sent, with the earlier parts' TP-MRs. */
static void resume_take(struct modem *m, struct job *j)
{
    for (size_t i = 0; i < MODEM_MAX_RESUMES; i++) {
        struct resume *r = &m->resumes[i];
        if (r->id != j->id)
            continue;
        if (r->hash == pdu_hash(&j->pdu)) {
            j->part = r->part;
            memcpy(j->mrs, r->mrs, sizeof j->mrs);
            log_info("modem.resume", "provider=%s id=%" PRId64 " part=%d of=%d", m->p->name,
                     j->id, j->part + 1, j->pdu.nparts);
        }
        r->id = 0;
    }
}

static void job_finish(struct modem *m, struct job *j, int status, const char *pmid,
                       const char *error)
{
    struct job **pp = &m->jobs;
    if (status == SEND_RETRY && j->part > 0)
        resume_save(m, j);
    while (*pp && *pp != j)
        pp = &(*pp)->next;
    if (*pp)
        *pp = j->next;
    m->njobs--;
    j->done(j->arg, status, pmid, error);
    free(j);
}

/* Every send in hand goes back to the outbox (SEND_RETRY): the modem is
 * gone or stopping. */
void modem_fail_jobs(struct modem *m, const char *why)
{
    char err[256];
    snprintf(err, sizeof err, "modem: %s", why);
    while (m->jobs)
        job_finish(m, m->jobs, SEND_RETRY, NULL, err);
}

void modem_send_result(struct modem *m, const struct at_event *e)
{
    struct job *j = m->jobs;
    char err[200], pmid[40];

    if (j == NULL) {
        modem_cmd_done(m);
        return;
    }
    if (e->kind == AT_OK) {
        j->mrs[j->part] = j->mr_last & 0xFF;
        if (j->part + 1 < j->pdu.nparts) {
            j->part++;
            modem_cmd_done(m); /* the next part goes through dispatch() */
            return;
        }
        snprintf(pmid, sizeof pmid, "m%" PRId64 "-%u", j->id, j->mr_last);
        for (int k = 0; k < j->pdu.nparts; k++) {
            struct mrent *me = &m->mrmap[j->mrs[k]];
            snprintf(me->pmid, sizeof me->pmid, "%s", pmid);
            snprintf(me->to, sizeof me->to, "%s", j->to);
            me->last = k + 1 == j->pdu.nparts;
        }
        log_info("modem.sent", "provider=%s id=%" PRId64 " to=%s parts=%d mr=%u urgent=%d",
                 m->p->name, j->id, j->masked, j->pdu.nparts, j->mr_last, j->urgent ? 1 : 0);
        m->backoff_ms = 0;
        modem_line_free(m);
        job_finish(m, j, SEND_OK, pmid, NULL);
        modem_dispatch(m);
        return;
    }
    modem_error_text(e, err, sizeof err);
    {
        bool permanent = e->kind == AT_CMS_ERROR && at_cms_permanent(e->code);
        char msg[260];
        snprintf(msg, sizeof msg, "modem: %s (part %d of %d)", err, j->part + 1, j->pdu.nparts);
        log_warn("modem.send_failed", "provider=%s id=%" PRId64 " to=%s error=\"%s\" permanent=%d",
                 m->p->name, j->id, j->masked, err, permanent ? 1 : 0);
        modem_line_free(m);
        job_finish(m, j, permanent ? SEND_FAILED : SEND_RETRY, NULL, msg);
    }
    modem_dispatch(m);
}

void modem_send_next_part(struct modem *m, struct job *j)
{
    char buf[32];
    struct cmd *c = modem_cmd_new(C_SEND, -1, "AT+CMGS=%d", j->pdu.part[j->part].tpdu_len);
    int n;
    if (c == NULL) {
        job_finish(m, j, SEND_RETRY, NULL, "modem: out of memory");
        return;
    }
    m->cur = c;
    m->awaiting_pdu_write = false;
    n = snprintf(buf, sizeof buf, "%s\r", c->text);
    modem_arm_timer(m);
    (void)modem_put(m, buf, (size_t)n);
}

/* Encodes the message and queues it (urgent ones first). Returns 0 and
 * calls done later; -1 (done not called) when the modem is closed or the
 * queue is full, so the outbox keeps the message and tries again or fails
 * over; done(SEND_FAILED) at once for a text that cannot be encoded. */
int modem_send(struct provider *p, const struct outmsg *msg, send_done_cb done, void *arg)
{
    struct modem *m = p->impl;
    struct job *j, **pp;
    char err[160], e2[200];

    if (m->stopping || m->state == M_CLOSED || m->njobs >= MODEM_MAX_JOBS)
        return -1;
    j = calloc(1, sizeof *j);
    if (j == NULL)
        return -1;
    /* The reference is the message's id (its low 8 bits): the same on
     * every try, also after a restart, so the parts of one text always
     * join on the phone; consecutive messages still differ. */
    if (pdu_encode_submit(msg->to, msg->body, (unsigned)msg->id, m->status_reports, &j->pdu, err,
                          sizeof err) < 0) {
        free(j);
        snprintf(e2, sizeof e2, "modem: %s", err);
        done(arg, SEND_FAILED, NULL, e2);
        return 0;
    }
    j->id = msg->id;
    snprintf(j->to, sizeof j->to, "%s", msg->to);
    j->urgent = msg->urgent;
    j->done = done;
    j->arg = arg;
    phone_mask(msg->to, j->masked, sizeof j->masked);
    resume_take(m, j);
    /* Urgent jobs go after other urgent ones but before every ordinary one
     * that has not started (the head may be half sent: it stays first). */
    pp = &m->jobs;
    if (*pp && m->cur && m->cur->type == C_SEND)
        pp = &(*pp)->next;
    else if (*pp && (*pp)->part > 0)
        pp = &(*pp)->next;
    while (*pp && (!j->urgent || (*pp)->urgent))
        pp = &(*pp)->next;
    j->next = *pp;
    *pp = j;
    m->njobs++;
    log_debug("modem.queued", "provider=%s id=%" PRId64 " parts=%d coding=%s", p->name, msg->id,
              j->pdu.nparts, j->pdu.coding == SMS_UCS2 ? "ucs2" : "gsm7");
    modem_dispatch(m);
    return 0;
}
