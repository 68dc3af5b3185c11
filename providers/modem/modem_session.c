/* SPDX-License-Identifier: Apache-2.0 */
/* modem_session.c: the `modem` provider's AT command session: one
 * command on the line at a time with its time-out, the next one chosen
 * (control commands, then urgent sends, then ordinary ones), and every
 * line the modem answers (final results, +CPIN, +CPMS, +CMTI, +CMGL /
 * +CMGR, +CDS) routed to what handles it. Its own file because it is the
 * protocol state machine between the device (modem_device.c) and the jobs
 * (modem_send.c, modem_incoming.c). See modem.c for the whole design. */
#include "modem/modem_internal.h"

/* ---- the command on the line ------------------------------------------- */

static uint64_t cmd_timeout(struct modem *m)
{
    return m->cur && m->cur->type == C_SEND && m->awaiting_pdu_write ? m->send_timeout_ms
                                                                     : m->timeout_ms;
}

static void cmd_timeout_cb(uv_timer_t *t)
{
    struct modem *m = t->data;
    char why[200];
    if (m->cur == NULL)
        return;
    if (m->cur->type == C_ESC) { /* the settling pause is over */
        modem_cmd_done(m);
        return;
    }
    /* Never the AT+CPIN=<pin> text: the PIN stays out of logs. */
    snprintf(why, sizeof why, "modem not answering: %.40s timed out after %" PRIu64 " ms",
             m->cur->type == C_SEND ? "AT+CMGS" : m->cur->type == C_CPIN ? "AT+CPIN" : m->cur->text,
             cmd_timeout(m));
    if (m->cur->type == C_SEND && !m->awaiting_pdu_write)
        (void)modem_put(m, "\x1b", 1); /* leave a half-open prompt */
    modem_device_close(m, why);
}

void modem_arm_timer(struct modem *m)
{
    uv_timer_start(&m->cmd_timer, cmd_timeout_cb, cmd_timeout(m), 0);
}

/* The line is free again (the command on it finished). */
void modem_line_free(struct modem *m)
{
    uv_timer_stop(&m->cmd_timer);
    free(m->cur);
    m->cur = NULL;
    m->awaiting_pdu_write = false;
    m->read_expect_pdu = false;
}

/* The command on the line finished; the next one goes. */
void modem_cmd_done(struct modem *m)
{
    modem_line_free(m);
    modem_dispatch(m);
}

static void init_failed(struct modem *m, const char *what)
{
    char why[200];
    snprintf(why, sizeof why, "initialisation failed: %.170s", what);
    modem_device_close(m, why);
}

void modem_error_text(const struct at_event *e, char *out, size_t outsz)
{
    if (e->kind == AT_CMS_ERROR)
        snprintf(out, outsz, "+CMS ERROR %d: %s", e->code,
                 e->code >= 0 ? at_cms_text(e->code) : e->line + 11);
    else if (e->kind == AT_CME_ERROR)
        snprintf(out, outsz, "+CME ERROR %d: %s", e->code,
                 e->code >= 0 ? at_cme_text(e->code) : e->line + 11);
    else
        snprintf(out, outsz, "%.100s", e->line);
}

static void on_final(struct modem *m, const struct at_event *e)
{
    struct cmd *c = m->cur;
    char err[200];

    if (c == NULL)
        return; /* a stray result: nothing was asked */
    if (c->type == C_SEND) {
        modem_send_result(m, e);
        return;
    }
    if (e->kind == AT_OK) {
        if (c->type == C_INIT_DONE) {
            m->state = M_READY;
            m->opens = 0;
            m->why[0] = '\0';
            m->backoff_ms = 0;
            m->next_poll_at = uv_now(m->p->loop) + m->poll_ms;
            modem_set_status(m);
            log_info("modem.ready", "provider=%s device=%s", m->p->name, m->device);
        } else if (c->type == C_DELETE) {
            log_debug("modem.deleted", "provider=%s index=%d", m->p->name, c->index);
        }
        modem_cmd_done(m);
        return;
    }
    modem_error_text(e, err, sizeof err);
    switch (c->type) {
    case C_OPTIONAL:
        log_warn("modem.command_refused", "provider=%s command=\"%s\" error=\"%s\" note=\"new "
                 "messages are found by polling\"", m->p->name, c->text, err);
        modem_cmd_done(m);
        return;
    case C_CPMS:
        log_debug("modem.cpms_refused", "provider=%s error=\"%s\" note=\"SIM fullness unknown\"",
                  m->p->name, err);
        modem_cmd_done(m);
        return;
    case C_READ:
    case C_DELETE:
        /* 321: the index is empty (already deleted, or a race): harmless. */
        if (!(e->kind == AT_CMS_ERROR && e->code == 321))
            log_warn("modem.command_failed", "provider=%s command=\"%s\" error=\"%s\"",
                     m->p->name, c->text, err);
        modem_cmd_done(m);
        return;
    case C_CPIN:
        m->pin_failed = true;
        log_error("modem.pin_refused", "provider=%s error=\"%s\" note=\"not tried again: fix "
                  "the pin setting and restart\"", m->p->name, err);
        init_failed(m, "the SIM refused the PIN (not tried again; check the pin setting)");
        return;
    default:
        if (m->state != M_READY) {
            char what[200];
            snprintf(what, sizeof what, "%.40s: %.150s", c->text, err);
            init_failed(m, what);
            return;
        }
        modem_cmd_done(m);
        return;
    }
}

/* The SIM's message storage after AT+CPMS?. Full, no new text can be
 * stored: the network keeps them (for a while) and the clinic gets no
 * replies, crisis replies included. Messages the gateway leaves on the SIM
 * (carrier notices, unreadable ones) fill it over time, so a person must
 * be told: healthz lists it (degraded) and the log says it once. */
static void sim_storage(struct modem *m, const char *mem, int used, int total)
{
    bool full = total > 0 && used >= total;
    m->sim_used = used;
    m->sim_total = total;
    if (full && !m->sim_full)
        log_error("modem.sim_full", "provider=%s mem=%s used=%d total=%d note=\"no new text can "
                  "arrive until messages are deleted from the SIM (those left there need a "
                  "person)\"", m->p->name, mem, used, total);
    else if (!full && m->sim_full)
        log_info("modem.sim_space", "provider=%s mem=%s used=%d total=%d", m->p->name, mem, used,
                 total);
    if (full != m->sim_full) {
        m->sim_full = full;
        modem_set_status(m);
    }
}

/* +CPIN: READY / SIM PIN / SIM PUK ... (27.007 8.3; some modems quote
 * the value: +CPIN: "SIM PIN"). */
static void on_cpin(struct modem *m, const char *line)
{
    char v[48];
    const char *s = line + 6;
    size_t n;
    while (*s == ' ' || *s == '"')
        s++;
    snprintf(v, sizeof v, "%s", s);
    n = strlen(v);
    while (n > 0 && (v[n - 1] == '"' || v[n - 1] == ' '))
        v[--n] = '\0';
    if (strcmp(v, "READY") == 0)
        return;
    if (strcmp(v, "SIM PIN") == 0 && m->pin[0] && !m->pin_failed) {
        /* After the AT+CPIN? that is on the line now. */
        struct cmd *c = modem_cmd_new(C_CPIN, -1, "AT+CPIN=\"%s\"", m->pin);
        modem_ctl_push(m, c, true);
        return;
    }
    /* Anything else needs a person: init fails with a clear reason once
     * the OK of AT+CPIN? comes. */
    if (m->cur) {
        const char *what =
            strcmp(v, "SIM PIN") == 0
                ? (m->pin_failed ? "the configured PIN was refused, not tried again; fix pin "
                                   "and restart"
                                 : "set pin in the config")
            : strcmp(v, "SIM PUK") == 0
                ? "PIN entered wrongly too often; unblock it with the PUK in a phone"
                : "unlock it in a phone";
        snprintf(m->why, sizeof m->why, "SIM is locked (%.40s): %s", v, what);
        m->fail_on_ok = true;
    }
}

static void on_line(struct modem *m, const struct at_event *e)
{
    struct cmd *c = m->cur;
    const char *l = e->line;

    if (c == NULL)
        return;
    if (c->type == C_SEND) {
        if (strncmp(l, "+CMGS:", 6) == 0) {
            long mr = strtol(l + 6, NULL, 10);
            if (m->jobs)
                m->jobs->mr_last = (unsigned)(mr & 0xFF);
        }
        return;
    }
    if (c->type == C_CPIN_Q && strncmp(l, "+CPIN:", 6) == 0) {
        on_cpin(m, l);
        return;
    }
    if (c->type == C_CPMS) {
        char mem[8];
        int used, total;
        if (at_parse_cpms(l, mem, &used, &total) == 0)
            sim_storage(m, mem, used, total);
        return;
    }
    if (c->type == C_READ) {
        if (m->read_expect_pdu) {
            m->read_expect_pdu = false;
            modem_on_stored(m, m->read_index, m->read_len, l, e->len);
            return;
        }
        if (strncmp(l, "+CMGL:", 6) == 0) {
            /* +CMGL: <index>,<stat>,[<alpha>],<length> */
            const char *last = strrchr(l, ',');
            m->read_index = atoi(l + 6);
            m->read_len = last ? atoi(last + 1) : -1;
            m->read_expect_pdu = true;
        } else if (strncmp(l, "+CMGR:", 6) == 0) {
            /* +CMGR: <stat>,[<alpha>],<length>; the index is the command's */
            const char *last = strrchr(l, ',');
            m->read_index = c->index;
            m->read_len = last ? atoi(last + 1) : -1;
            m->read_expect_pdu = true;
        }
    }
}

void modem_event_cb(void *arg, const struct at_event *e)
{
    struct modem *m = arg;

    if (m->fd < 0)
        return; /* closed by an earlier event of this chunk */
    if (m->cur && m->cur->type == C_ESC)
        return; /* settling after the prelude; AT+CMGL=4 follows and finds everything */
    switch (e->kind) {
    case AT_CMTI:
    case AT_CDSI: {
        char t[32];
        snprintf(t, sizeof t, "AT+CMGR=%d", e->index);
        /* A new message at this index (even one where an ignored message
         * was): always read it. */
        modem_ctl_add_unique(m, C_READ, e->index, t);
        log_debug("modem.new_message", "provider=%s mem=%s index=%d", m->p->name, e->mem,
                  e->index);
        /* Read it now, not at the next tick: it may be a crisis text. */
        modem_dispatch(m);
        break;
    }
    case AT_CDS:
    case AT_CMT:
        modem_on_stored(m, -1, e->tpdu_len, e->pdu, e->pdu_len);
        break;
    case AT_PROMPT:
        if (m->cur && m->cur->type == C_SEND && !m->awaiting_pdu_write && m->jobs) {
            struct job *j = m->jobs;
            char buf[SMS_SUBMIT_HEX_MAX + 2];
            int n = snprintf(buf, sizeof buf, "%s\x1a", j->pdu.part[j->part].hex);
            m->awaiting_pdu_write = true;
            modem_arm_timer(m);
            (void)modem_put(m, buf, (size_t)n);
        }
        break;
    case AT_OK:
        if (m->fail_on_ok && m->cur && m->cur->type == C_CPIN_Q) {
            char why[200];
            snprintf(why, sizeof why, "%s", m->why);
            init_failed(m, why);
            break;
        }
        on_final(m, e);
        break;
    case AT_ERROR:
    case AT_CMS_ERROR:
    case AT_CME_ERROR:
        on_final(m, e);
        break;
    case AT_TOO_LONG:
        log_warn("modem.line_too_long", "provider=%s", m->p->name);
        m->read_expect_pdu = false;
        break;
    case AT_LINE:
        on_line(m, e);
        break;
    }
}

/* Puts the next command on the line, if the line is free. */
void modem_dispatch(struct modem *m)
{
    char buf[64];
    int n;

    while (m->cur == NULL && m->fd >= 0 && !m->stopping) {
        struct cmd *c = m->ctl_head;
        if (c != NULL) {
            m->ctl_head = c->next;
            if (m->ctl_head == NULL)
                m->ctl_tail = NULL;
            m->cur = c;
            if (c->type == C_ESC) {
                uv_timer_start(&m->cmd_timer, cmd_timeout_cb, MODEM_SETTLE_MS, 0);
                (void)modem_put(m, c->text, strlen(c->text));
                return;
            }
            n = snprintf(buf, sizeof buf, "%s\r", c->text);
            modem_arm_timer(m);
            (void)modem_put(m, buf, (size_t)n);
            return;
        }
        if (m->state == M_READY && m->jobs != NULL) {
            modem_send_next_part(m, m->jobs);
            return;
        }
        return;
    }
}
