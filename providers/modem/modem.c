
/* SPDX-License-Identifier: Apache-2.0 */
/* modem.c: the `modem` provider: a GSM modem on a serial line, driven with
 * AT commands (3GPP TS 27.005 / 27.007) in PDU mode from the libuv loop.
 * It needs no internet at all: the offline-first way out.
 *
 *   { name = "modem"; kind = "modem"; device = "/dev/ttyUSB0"; baud = 115200;
 *     pin = "env:SIM_PIN"; }
 *
 * One command is on the line at a time; each has a time-out. Control
 * commands (initialisation, reading and deleting stored messages) go
 * before sends, urgent sends before ordinary ones.
 *
 * Init: a prelude (ESC CR: leaves a '>' prompt someone left open and ends
 * the line the ESC landed in; CR alone on every other try), AT, ATE0, AT+CMEE=1,
 * AT+CPIN? (and AT+CPIN=<pin> once if the SIM asks: a wrong PIN is never
 * retried, the SIM would lock), AT+CMGF=0, AT+CNMI=2,1,0,<ds>,0 (+CMTI
 * notices), then AT+CMGL=4 reads what waited on the SIM.
 *
 * Send: AT+CMGS=<tpdu length>, wait for '>', the PDU and Ctrl-Z, then
 * +CMGS: <mr> and OK, once per part of a long text. +CMS ERROR codes are
 * mapped to "failed" (the message can never go) or "retry". A long text
 * keeps one concatenation reference over all its tries, and a retry after
 * a part failed resumes from that part (no orphan parts on the phone).
 *
 * Receive: +CMTI -> AT+CMGR=<i> (at once if the line is free) -> decode ->
 * host->inbound() -> only once it returned 0 (committed), AT+CMGD=<i> (safety
 * rule 1). Parts of a long text
 * are joined (smsjoin.c) and deleted together after the joined text is
 * committed. A message that cannot be used (unreadable PDU, alphanumeric
 * sender) is logged and left on the SIM, never deleted unread. AT+CMGL=4 is
 * repeated every poll_seconds: it catches a missed +CMTI and is the
 * liveness probe.
 *
 * Recovery: a command time-out (the modem stopped answering) or a read
 * error / hang-up (unplugged) marks the provider unhealthy with the reason,
 * fails the sends in hand with SEND_RETRY (the outbox keeps them), closes
 * the device and reopens it with a back-off (1 s doubling to 30 s), then
 * initialises again and re-reads the SIM.
 *
 * The provider is split by job (modem_internal.h lists the pieces); this
 * file keeps the small shared helpers (status, the control queue, ignored
 * SIM entries), the tick, create / destroy, start / stop and the ops table. */
#include "modem/modem_internal.h"
/* ---- helpers ----------------------------------------------------------- */

void modem_set_status(struct modem *m)
{
    struct provider *p = m->p;
    p->healthy = m->state == M_READY;
    p->degraded = m->state == M_READY && m->sim_full;
    if (m->state == M_READY && m->sim_full)
        snprintf(p->status, sizeof p->status, "sending ok; SIM message storage full (%d/%d): "
                 "no new text can arrive until messages are deleted from the SIM%s",
                 m->sim_used, m->sim_total,
                 m->inbound_failed ? "; inbound delayed (store failed)" : "");
    else if (m->state == M_READY)
        snprintf(p->status, sizeof p->status, "%s",
                 m->inbound_failed ? "sending ok; inbound delayed (store failed)" : "ok");
    else if (m->state == M_INIT)
        snprintf(p->status, sizeof p->status, "initialising %.100s%s%.120s", m->device,
                 m->why[0] ? " after: " : "", m->why);
    else
        snprintf(p->status, sizeof p->status, "%.250s", m->why[0] ? m->why : "closed");
}

bool modem_ignored(struct modem *m, int index, uint64_t hash)
{
    for (size_t i = 0; i < m->nignored; i++)
        if (m->ignored[i].index == index && m->ignored[i].hash == hash)
            return true;
    return false;
}

void modem_ignore(struct modem *m, int index, uint64_t hash)
{
    size_t i = 0;
    while (i < m->nignored && m->ignored[i].index != index)
        i++;
    if (i == m->nignored && m->nignored == MODEM_MAX_IGNORED)
        return; /* full: it is looked at again at the next read, harmless */
    m->ignored[i].index = index;
    m->ignored[i].hash = hash;
    if (i == m->nignored)
        m->nignored++;
}

struct cmd *modem_cmd_new(enum ctype type, int index, const char *fmt, ...)
{
    struct cmd *c = calloc(1, sizeof *c);
    va_list ap;
    if (c == NULL)
        return NULL;
    c->type = type;
    c->index = index;
    va_start(ap, fmt);
    vsnprintf(c->text, sizeof c->text, fmt, ap);
    va_end(ap);
    return c;
}

void modem_ctl_push(struct modem *m, struct cmd *c, bool front)
{
    if (c == NULL) {
        log_error("modem.oom", "provider=%s", m->p->name);
        return;
    }
    if (front) {
        c->next = m->ctl_head;
        m->ctl_head = c;
        if (m->ctl_tail == NULL)
            m->ctl_tail = c;
        return;
    }
    c->next = NULL;
    if (m->ctl_tail)
        m->ctl_tail->next = c;
    else
        m->ctl_head = c;
    m->ctl_tail = c;
}

/* True if an equal command is queued or on the line (no double reads). */
static bool ctl_has(struct modem *m, enum ctype type, const char *text)
{
    if (m->cur && m->cur->type == type && strcmp(m->cur->text, text) == 0)
        return true;
    for (struct cmd *c = m->ctl_head; c; c = c->next)
        if (c->type == type && strcmp(c->text, text) == 0)
            return true;
    return false;
}

void modem_ctl_add_unique(struct modem *m, enum ctype type, int index, const char *text)
{
    if (!ctl_has(m, type, text))
        modem_ctl_push(m, modem_cmd_new(type, index, "%s", text), false);
}

void modem_ctl_clear(struct modem *m)
{
    while (m->ctl_head) {
        struct cmd *c = m->ctl_head;
        m->ctl_head = c->next;
        free(c);
    }
    m->ctl_tail = NULL;
}

/* ---- the tick: reopening, polling the SIM, joining --------------------- */

static void tick_cb(uv_timer_t *t)
{
    struct modem *m = t->data;
    uint64_t now = uv_now(m->p->loop);

    if (m->stopping)
        return;
    if (m->state == M_CLOSED && now >= m->reopen_at) {
        modem_try_open(m);
        return;
    }
    if (m->state == M_READY && now >= m->next_poll_at) {
        m->next_poll_at = now + m->poll_ms;
        modem_ctl_add_unique(m, C_READ, -1, "AT+CMGL=4");
        modem_ctl_add_unique(m, C_CPMS, -1, "AT+CPMS?");
        modem_dispatch(m);
    }
    if (m->join && smsjoin_count(m->join) > 0)
        modem_join_check(m);
    if (m->state == M_READY)
        modem_dispatch(m);
}

/* ---- provider ops ------------------------------------------------------ */

static int get_int(const config_setting_t *cfg, const char *key, int lo, int hi, int def,
                   int *out, struct provider *p, struct cfg_errors *errs)
{
    const config_setting_t *s = config_setting_get_member(cfg, key);
    *out = def;
    if (s == NULL)
        return 0;
    if (config_setting_type(s) != CONFIG_TYPE_INT) {
        cfg_errors_at(errs, s, "provider \"%s\": %s must be an integer", p->name, key);
        return 1;
    }
    *out = config_setting_get_int(s);
    if (*out < lo || *out > hi) {
        cfg_errors_at(errs, s, "provider \"%s\": %s must be %d to %d", p->name, key, lo, hi);
        return 1;
    }
    return 0;
}

/* Validates the instance's keys and allocates the impl. No I/O beyond a
 * pin given as "file:". Returns 0 or -1 with every problem in errs. */
static int modem_create(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs)
{
    static const char *const keys[] = {"device", "baud", "pin", "timeout_seconds",
                                       "send_timeout_seconds", "poll_seconds",
                                       "join_timeout_seconds", "status_reports", NULL};
    const config_setting_t *d = config_setting_get_member(cfg, "device");
    const config_setting_t *sr = config_setting_get_member(cfg, "status_reports");
    int bad = provider_check_keys(cfg, keys, errs) > 0;
    int baud, to, sto, poll, jto, prc;
    char pin[32];
    struct modem *m;

    if (d == NULL) {
        cfg_errors_at(errs, cfg, "provider \"%s\": device is required (the modem's serial "
                      "device, e.g. \"/dev/ttyUSB0\")", p->name);
        bad = 1;
    } else if (config_setting_type(d) != CONFIG_TYPE_STRING ||
               config_setting_get_string(d)[0] == '\0' ||
               strlen(config_setting_get_string(d)) >= sizeof m->device) {
        cfg_errors_at(errs, d, "provider \"%s\": device must be a non-empty path", p->name);
        bad = 1;
    }
    bad |= get_int(cfg, "baud", 1200, 921600, 115200, &baud, p, errs);
    if (!bad && config_setting_get_member(cfg, "baud") != NULL) {
        bool known = false;
        for (size_t i = 0; i < sizeof modem_bauds / sizeof modem_bauds[0]; i++)
            known |= modem_bauds[i].baud == baud;
        if (!known) {
            cfg_errors_at(errs, config_setting_get_member(cfg, "baud"),
                          "provider \"%s\": baud must be one of 1200, 2400, 4800, 9600, 19200, "
                          "38400, 57600, 115200, 230400, 460800, 921600", p->name);
            bad = 1;
        }
    }
    bad |= get_int(cfg, "timeout_seconds", 1, 300, 10, &to, p, errs);
    bad |= get_int(cfg, "send_timeout_seconds", 1, 600, 60, &sto, p, errs);
    bad |= get_int(cfg, "poll_seconds", 1, 3600, 30, &poll, p, errs);
    bad |= get_int(cfg, "join_timeout_seconds", 1, 86400, 600, &jto, p, errs);
    if (sr != NULL && config_setting_type(sr) != CONFIG_TYPE_BOOL) {
        cfg_errors_at(errs, sr, "provider \"%s\": status_reports must be true or false", p->name);
        bad = 1;
    }
    prc = cfg_secret(cfg, "pin", pin, sizeof pin, errs);
    if (prc < 0) {
        bad = 1;
    } else if (prc == 0) {
        size_t n = strlen(pin);
        bool digits = n >= 4 && n <= 8;
        for (size_t i = 0; i < n; i++)
            digits &= pin[i] >= '0' && pin[i] <= '9';
        if (!digits) {
            cfg_errors_at(errs, config_setting_get_member(cfg, "pin"),
                          "provider \"%s\": pin must be 4 to 8 digits", p->name);
            bad = 1;
        }
    }
    if (bad)
        return -1;
    m = calloc(1, sizeof *m);
    if (m == NULL || (m->join = smsjoin_new()) == NULL) {
        free(m);
        cfg_errors_at(errs, cfg, "provider \"%s\": out of memory", p->name);
        return -1;
    }
    m->p = p;
    m->fd = -1;
    snprintf(m->device, sizeof m->device, "%s", config_setting_get_string(d));
    m->baud = baud;
    if (prc == 0)
        snprintf(m->pin, sizeof m->pin, "%s", pin);
    m->timeout_ms = (unsigned)to * 1000;
    m->send_timeout_ms = (unsigned)sto * 1000;
    m->poll_ms = (unsigned)poll * 1000;
    m->join_timeout = jto;
    m->status_reports = sr != NULL && config_setting_get_bool(sr);
    p->impl = m;
    p->healthy = false;
    snprintf(p->status, sizeof p->status, "not started");
    return 0;
}

static void modem_destroy(struct provider *p)
{
    struct modem *m = p->impl;
    if (m == NULL)
        return;
    smsjoin_free(m->join);
    free(m);
    p->impl = NULL;
}

/* Starts the timers and the first open on the next tick. A device that is
 * not there yet is not an error: the provider says so and keeps trying. */
static int modem_start(struct provider *p)
{
    struct modem *m = p->impl;

    uv_timer_init(p->loop, &m->cmd_timer);
    uv_timer_init(p->loop, &m->tick);
    m->cmd_timer.data = m->tick.data = m;
    m->timers_init = true;
    /* A test makes the tick long to show that nothing waits for it. */
    const char *tick = getenv("CHECKIN_MODEM_TICK_MS");
    m->tick_ms = MODEM_TICK_MS;
    if (tick && *tick && atol(tick) >= 10)
        m->tick_ms = (unsigned)atol(tick);
    m->stopping = false;
    m->state = M_CLOSED;
    m->reopen_at = 0;
    snprintf(m->why, sizeof m->why, "opening %.180s", m->device);
    modem_set_status(m);
    uv_timer_start(&m->tick, tick_cb, 0, m->tick_ms);
    log_info("modem.started", "provider=%s device=%s", p->name, m->device);
    return 0;
}

static void timer_closed_cb(uv_handle_t *h)
{
    struct modem *m = h->data;
    if (--m->closing == 0 && m->stopped) {
        void (*cb)(struct provider *) = m->stopped;
        m->stopped = NULL;
        cb(m->p);
    }
}

static void modem_stop(struct provider *p, void (*stopped)(struct provider *))
{
    struct modem *m = p->impl;

    if (m->stopping)
        return;
    m->stopping = true;
    m->stopped = stopped;
    snprintf(m->why, sizeof m->why, "stopped");
    modem_device_close(m, "stopping");
    p->healthy = false;
    snprintf(p->status, sizeof p->status, "stopped");
    if (m->timers_init) {
        m->closing += 2;
        uv_close((uv_handle_t *)&m->cmd_timer, timer_closed_cb);
        uv_close((uv_handle_t *)&m->tick, timer_closed_cb);
        m->timers_init = false;
    }
    if (m->closing == 0 && m->stopped) {
        m->stopped = NULL;
        stopped(p);
    }
}


const struct provider_ops modem_provider_ops = {
    .kind = "modem",
    .create = modem_create,
    .start = modem_start,
    .send = modem_send,
    .stop = modem_stop,
    .destroy = modem_destroy,
};
