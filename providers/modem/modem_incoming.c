/* SPDX-License-Identifier: Apache-2.0 */
/* modem_incoming.c: the `modem` provider's receiving side: a stored
 * message read with AT+CMGR or AT+CMGL is decoded, joined with the other
 * parts of a long text, handed to the host and only then deleted from the
 * SIM (safety rule 1); status reports find the message they are about. Its
 * own file because it is the one place a person's words pass from the modem
 * into the gateway. See modem.c for the whole design. */
#include "modem/modem_internal.h"

/* ---- inbound ----------------------------------------------------------- */

/* Commits text from `from`; on success queues the deletion of the SIM
 * indexes (n of them). Returns 0 or -1 (nothing deleted). */
static int deliver(struct modem *m, const char *from, const char *text, size_t len,
                   int64_t scts, const char *ext_id, const int *idx, size_t n)
{
    char err[256], masked[PHONE_MAX + 8];
    struct inmsg in = {
        .ext_id = ext_id, .from = from, .to = "", .body = text, .body_len = len,
        .received_at = scts,
    };

    phone_mask(from, masked, sizeof masked);
    err[0] = '\0';
    if (m->p->host->inbound(m->p, &in, err, sizeof err) != 0) {
        /* Not committed: the SIM keeps it; the next poll offers it again. */
        log_warn("modem.inbound_deferred", "provider=%s from=%s error=\"%s\"", m->p->name, masked,
                 err[0] ? err : "unknown");
        m->inbound_failed = true;
        modem_set_status(m);
        return -1;
    }
    if (m->inbound_failed) {
        m->inbound_failed = false;
        modem_set_status(m);
        log_info("modem.inbound_resumed", "provider=%s", m->p->name);
    }
    log_info("modem.received", "provider=%s from=%s parts=%zu", m->p->name, masked, n);
    log_debug("modem.body", "provider=%s body_len=%zu", m->p->name, len);
    for (size_t i = 0; i < n; i++) {
        char t[32];
        snprintf(t, sizeof t, "AT+CMGD=%d", idx[i]);
        modem_ctl_add_unique(m, C_DELETE, idx[i], t);
    }
    return 0;
}

static void deliver_set(struct modem *m, struct smsjoin_set *s)
{
    char *text = malloc(SMSJOIN_MAX_PARTS * SMS_TEXT_MAX);
    char ext_id[64], from[PHONE_MAX];
    int idx[SMSJOIN_MAX_PARTS];
    size_t n = 0, len;

    if (text == NULL)
        return; /* stays in the joiner; tried again on the next tick */
    for (unsigned i = 0; i < s->total; i++)
        if (s->part[i].present)
            idx[n++] = s->part[i].index;
    if (!smsjoin_complete(s))
        log_warn("modem.partial_message", "provider=%s parts=%u of=%u note=\"delivered as it "
                 "arrived after waiting %" PRId64 " s\"", m->p->name, s->have, s->total,
                 m->join_timeout);
    len = smsjoin_text(s, text, SMSJOIN_MAX_PARTS * SMS_TEXT_MAX);
    snprintf(ext_id, sizeof ext_id, "sms:%016" PRIx64 ":%u", smsjoin_id(s), s->total);
    if (phone_normalize(s->from, from) == 0 &&
        deliver(m, from, text, len, s->scts, ext_id, idx, n) == 0)
        smsjoin_remove(m->join, s);
    free(text);
}

void modem_join_check(struct modem *m)
{
    struct smsjoin_set *s;
    int64_t now = (int64_t)time(NULL);
    int guard = 0;
    if (now < m->join_retry_at)
        return;
    while ((s = smsjoin_ready(m->join, now, m->join_timeout)) != NULL &&
           guard++ < SMSJOIN_MAX_SETS) {
        size_t before = smsjoin_count(m->join);
        deliver_set(m, s);
        if (smsjoin_count(m->join) == before) {
            m->join_retry_at = now + MODEM_JOIN_RETRY_S; /* not committed: later */
            break;
        }
    }
}

/* Whether a report's TP-RA is the number the message went to: the same
 * E.164 number, or its national tail (some centres drop the country code). */
static bool same_recipient(const char *ra, const char *to)
{
    const char *d = ra[0] == '+' ? ra + 1 : ra;
    size_t n = strlen(d), tn = strlen(to);
    if (ra[0] == '+')
        return strcmp(ra, to) == 0;
    return n >= 6 && n < tn && strcmp(to + tn - n, d) == 0;
}

/* An SMS-STATUS-REPORT (+CDS, or stored: index >= 0). Matched by TP-MR and
 * recipient to a message this process sent; the SIM copy is deleted once
 * the result is committed (or when it matches nothing: it never will). */
static void on_status_report(struct modem *m, const struct sms_pdu *pd, int index)
{
    struct mrent *me = &m->mrmap[pd->mr & 0xFF];
    enum sms_st_class cls = sms_status_class(pd->status);
    enum dlr_state st = cls == SMS_ST_DELIVERED ? DLR_DELIVERED
                        : cls == SMS_ST_FAILED  ? DLR_FAILED : DLR_SENT;
    const char *meaning = sms_status_text(pd->status);
    char err[256], why[120], ra[PHONE_MAX + 8];

    snprintf(why, sizeof why, "status report: %s (TP-ST 0x%02X)", meaning, pd->status);
    phone_mask(pd->addr, ra, sizeof ra);
    if (me->pmid[0] == '\0' || !same_recipient(pd->addr, me->to)) {
        log_warn("modem.report_unmatched", "provider=%s mr=%u to=%s status=0x%02X meaning=\"%s\" "
                 "reason=\"%s\"", m->p->name, pd->mr, ra, pd->status, meaning,
                 me->pmid[0] ? "the recipient is not the one sent to with this reference"
                             : "no message sent with this reference since the start");
    } else if (st == DLR_DELIVERED && !me->last) {
        /* One part of a long text arrived; the last part's report decides. */
        log_info("modem.report_part", "provider=%s mr=%u id=%s status=0x%02X", m->p->name, pd->mr,
                 me->pmid, pd->status);
        me->pmid[0] = '\0';
    } else {
        if (m->p->host->delivery_report(m->p, me->pmid, st, st == DLR_FAILED ? why : NULL, err,
                               sizeof err) != 0) {
            log_warn("modem.report_deferred", "provider=%s mr=%u error=\"%s\"", m->p->name,
                     pd->mr, err);
            return; /* a stored one stays on the SIM: offered again on the next poll */
        }
        log_info("modem.report", "provider=%s mr=%u id=%s status=0x%02X meaning=\"%s\"",
                 m->p->name, pd->mr, me->pmid, pd->status, meaning);
        if (st != DLR_SENT)
            me->pmid[0] = '\0'; /* final: a later report with this MR is another message's */
    }
    if (index >= 0) {
        char t[32];
        snprintf(t, sizeof t, "AT+CMGD=%d", index);
        modem_ctl_add_unique(m, C_DELETE, index, t);
    }
}

/* One stored message (index; -1 for a +CDS shown directly). */
void modem_on_stored(struct modem *m, int index, int tpdu_len, const char *hex, size_t hexlen)
{
    struct sms_pdu *pd;
    char err[160], from[PHONE_MAX], ext_id[48];
    uint64_t h = hash_fnv1a64(hex, hexlen);

    if (index >= 0 && modem_ignored(m, index, h))
        return;
    pd = malloc(sizeof *pd);
    if (pd == NULL)
        return; /* stays on the SIM */
    if (pdu_decode(hex, hexlen, tpdu_len, pd, err, sizeof err) < 0) {
        log_error("modem.pdu_unreadable", "provider=%s index=%d error=\"%s\" note=\"left on the "
                  "SIM\"", m->p->name, index, err);
        log_debug("modem.pdu", "provider=%s index=%d pdu=%.*s", m->p->name, index, (int)hexlen,
                  hex);
        modem_ignore(m, index, h);
        goto out;
    }
    if (pd->type == SMS_TYPE_STATUS_REPORT) {
        on_status_report(m, pd, index);
        goto out;
    }
    if (pd->addr_alpha || phone_normalize(pd->addr, from) < 0) {
        /* No number to answer or to match a client: a carrier or service
         * message. Kept on the SIM for a person to read. */
        log_warn("modem.sender_unusable", "provider=%s index=%d sender_kind=%s note=\"not a full "
                 "international number; left on the SIM\"", m->p->name, index,
                 pd->addr_alpha ? "alphanumeric" : "national");
        modem_ignore(m, index, h);
        goto out;
    }
    if (smsjoin_wanted(pd)) {
        if (smsjoin_add(m->join, pd, index, h, (int64_t)time(NULL)) == NULL) {
            modem_join_check(m); /* full: hand over the oldest, the rest waits for the next poll */
        } else {
            modem_join_check(m);
        }
        goto out;
    }
    snprintf(ext_id, sizeof ext_id, "sms:%016" PRIx64, h);
    deliver(m, from, pd->text, pd->text_len, pd->scts, ext_id, &index, index >= 0 ? 1 : 0);
out:
    free(pd);
}
