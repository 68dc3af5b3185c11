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
 * initialises again and re-reads the SIM. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "modem/at.h"
#include "base/hash.h"
#include "base/log.h"
#include "modem/pdu.h"
#include "base/phone.h"
#include "provider.h"
#include "modem/smsjoin.h"

#define MODEM_TICK_MS        250
#define MODEM_BACKOFF_MIN_MS 1000
#define MODEM_BACKOFF_MAX_MS 30000
#define MODEM_MAX_JOBS       64
#define MODEM_MAX_IGNORED    64
#define MODEM_OUT_MAX        4096
#define MODEM_SETTLE_MS      300  /* after the prelude that starts the initialisation */
#define MODEM_JOIN_RETRY_S   5    /* after a joined text could not be committed */
#define MODEM_MAX_RESUMES    16   /* long texts stopped part-way, kept to resume */

enum mstate { M_CLOSED, M_INIT, M_READY };

enum ctype {
    C_PLAIN,   /* a command whose OK is all we need */
    C_OPTIONAL,/* a command whose ERROR is logged, not fatal (AT+CNMI) */
    C_CPIN_Q,  /* AT+CPIN? */
    C_CPIN,    /* AT+CPIN=<pin> */
    C_INIT_DONE, /* the last init step: READY on OK */
    C_READ,    /* AT+CMGR=<i> or AT+CMGL=4 */
    C_DELETE,  /* AT+CMGD=<i> */
    C_SEND,    /* AT+CMGS=<n>: the head job's current part */
    C_CPMS,    /* AT+CPMS?: how full the SIM is (an ERROR is not fatal) */
    C_ESC,     /* the prelude (see prelude()), then a pause whose input is dropped
                * (a cancelled prompt may answer OK, the line the ESC ended
                * ERROR; neither must be taken for the next reply) */
};

struct cmd {
    struct cmd *next;
    enum ctype type;
    char text[48];
    int index;
};

struct job {
    struct job *next;
    int64_t id;
    bool urgent;
    send_done_cb done;
    void *arg;
    char masked[PHONE_MAX + 8];
    int part;                /* the part being sent */
    unsigned mr_last;
    unsigned mrs[SMS_MAX_PARTS]; /* each sent part's TP-MR */
    char to[PHONE_MAX];      /* E.164, to match status reports' TP-RA */
    struct sms_submit pdu;
};

/* A long text that went back to the outbox part-way (SEND_RETRY): where
 * its next try resumes. Matched by message id and by what was encoded (a
 * changed text starts over). Kept in memory: after a restart the text goes
 * whole again, under the same reference (see modem_send). */
struct resume {
    int64_t id;              /* 0: free */
    uint64_t hash;           /* of every part's PDU */
    int part;                /* the first part not sent */
    unsigned mrs[SMS_MAX_PARTS];
};

/* A sent message's TP-MR, for its status report. The MR is one octet and
 * wraps after 256 parts: the recipient is checked too, and an entry is
 * cleared by its final report. Kept in memory: a report that comes after
 * a restart is logged as unmatched. */
struct mrent {
    char pmid[40];           /* "" when free */
    char to[PHONE_MAX];
    bool last;               /* the last part: its report decides "delivered" */
};

struct modem {
    struct provider *p;
    /* config */
    char device[256];
    int baud;
    char pin[32];            /* as the config gives it (validated: 4-8 digits) */
    unsigned timeout_ms, send_timeout_ms, poll_ms;
    unsigned tick_ms;        /* MODEM_TICK_MS; CHECKIN_MODEM_TICK_MS in tests */
    int64_t join_timeout;
    bool status_reports;

    enum mstate state;
    int fd;
    uv_poll_t *poll;         /* heap: freed in its close callback */
    int poll_events;
    uv_timer_t cmd_timer, tick;
    bool timers_init, stopping;
    int closing;
    void (*stopped)(struct provider *);

    struct at_parser parser;
    char out[MODEM_OUT_MAX];
    size_t outlen;

    struct cmd *ctl_head, *ctl_tail; /* control commands, in order */
    struct job *jobs;        /* sends: urgent first, then in arrival order */
    size_t njobs;
    struct cmd *cur;         /* the command on the line, or NULL */
    bool awaiting_pdu_write; /* C_SEND: the prompt came, the PDU was written */
    /* C_READ: the +CMGR/+CMGL header just seen; its PDU is the next line */
    int read_index, read_len;
    bool read_expect_pdu;

    uint64_t backoff_ms;
    uint64_t reopen_at;      /* uv_now() when the next open is due */
    uint64_t next_poll_at;
    bool pin_failed;         /* a PIN was refused: never try it again */
    unsigned opens;          /* opens since the modem was last ready: picks the prelude */
    struct resume resumes[MODEM_MAX_RESUMES];
    unsigned next_resume;    /* the slot a new one takes when none is free */
    struct smsjoin *join;
    /* SIM messages left there unused (unreadable, alphanumeric sender): by
     * index AND content, since an index freed by someone else (a person
     * deleting a notice) is reused for the next text, which must be read. */
    struct {
        int index;
        uint64_t hash;
    } ignored[MODEM_MAX_IGNORED];
    size_t nignored;
    bool inbound_failed;     /* host->inbound failed: re-read after a back-off */
    int64_t join_retry_at;   /* no joined text is offered before this (unix s) */
    bool fail_on_ok;         /* AT+CPIN? said the SIM is locked: init fails with why */
    struct mrent mrmap[256]; /* TP-MR -> the message, for status reports */
    char why[200];           /* the last reason for being unhealthy */
    int sim_used, sim_total; /* AT+CPMS?: the storage received texts go to */
    bool sim_full;
};

static void dispatch(struct modem *m);
static void device_close(struct modem *m, const char *why);
static void poll_cb(uv_poll_t *h, int status, int events);
static void cmd_timeout_cb(uv_timer_t *t);
static void cmd_done(struct modem *m);

/* ---- helpers ----------------------------------------------------------- */

static const struct {
    int baud;
    speed_t speed;
} bauds[] = {
    {1200, B1200},     {2400, B2400},     {4800, B4800},     {9600, B9600},
    {19200, B19200},   {38400, B38400},   {57600, B57600},   {115200, B115200},
    {230400, B230400}, {460800, B460800}, {921600, B921600},
};

static void set_status(struct modem *m)
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

static bool ignored(struct modem *m, int index, uint64_t hash)
{
    for (size_t i = 0; i < m->nignored; i++)
        if (m->ignored[i].index == index && m->ignored[i].hash == hash)
            return true;
    return false;
}

static void ignore(struct modem *m, int index, uint64_t hash)
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

static struct cmd *cmd_new(enum ctype type, int index, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static struct cmd *cmd_new(enum ctype type, int index, const char *fmt, ...)
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

static void ctl_push(struct modem *m, struct cmd *c, bool front)
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

static void ctl_add_unique(struct modem *m, enum ctype type, int index, const char *text)
{
    if (!ctl_has(m, type, text))
        ctl_push(m, cmd_new(type, index, "%s", text), false);
}

static void ctl_clear(struct modem *m)
{
    while (m->ctl_head) {
        struct cmd *c = m->ctl_head;
        m->ctl_head = c->next;
        free(c);
    }
    m->ctl_tail = NULL;
}

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
static void fail_jobs(struct modem *m, const char *why)
{
    char err[256];
    snprintf(err, sizeof err, "modem: %s", why);
    while (m->jobs)
        job_finish(m, m->jobs, SEND_RETRY, NULL, err);
}

/* ---- output ------------------------------------------------------------ */

static void update_poll(struct modem *m)
{
    int want = UV_READABLE | UV_DISCONNECT | (m->outlen ? UV_WRITABLE : 0);
    if (m->poll && want != m->poll_events) {
        m->poll_events = want;
        uv_poll_start(m->poll, want, poll_cb);
    }
}

/* Writes what is buffered; the rest waits for UV_WRITABLE. Returns 0, or
 * -1 after closing the device. */
static int flush_out(struct modem *m)
{
    while (m->outlen > 0) {
        ssize_t w = write(m->fd, m->out, m->outlen);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            char why[200];
            snprintf(why, sizeof why, "cannot write to %.120s: %s", m->device, strerror(errno));
            device_close(m, why);
            return -1;
        }
        memmove(m->out, m->out + w, m->outlen - (size_t)w);
        m->outlen -= (size_t)w;
    }
    update_poll(m);
    return 0;
}

static int put(struct modem *m, const char *s, size_t n)
{
    if (m->fd < 0)
        return -1;
    if (MODEM_OUT_MAX - m->outlen < n) {
        device_close(m, "output to the modem is stuck (buffer full)");
        return -1;
    }
    memcpy(m->out + m->outlen, s, n);
    m->outlen += n;
    return flush_out(m);
}

/* ---- device ------------------------------------------------------------ */

/* Opens and configures the device: raw 8N1, no flow control by default,
 * the configured speed. Returns the fd or -1 with why filled. */
static int device_open(struct modem *m, char *why, size_t whylen)
{
    struct termios t;
    speed_t sp = B115200;
    int fd = open(m->device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0) {
        snprintf(why, whylen, "cannot open %.150s: %s", m->device, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < sizeof bauds / sizeof bauds[0]; i++)
        if (bauds[i].baud == m->baud)
            sp = bauds[i].speed;
    if (tcgetattr(fd, &t) < 0) {
        snprintf(why, whylen, "%.150s is not a serial device: %s", m->device, strerror(errno));
        close(fd);
        return -1;
    }
    cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cflag &= ~(tcflag_t)(CSTOPB | PARENB);
    /* VMIN 1: a non-blocking read with nothing to read fails with EAGAIN,
     * so 0 means end of file (hang-up), not "no data yet". */
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    cfsetispeed(&t, sp);
    cfsetospeed(&t, sp);
    if (tcsetattr(fd, TCSANOW, &t) < 0) {
        snprintf(why, whylen, "cannot configure %.150s: %s", m->device, strerror(errno));
        close(fd);
        return -1;
    }
    tcflush(fd, TCIOFLUSH);
    return fd;
}

static void poll_closed_cb(uv_handle_t *h)
{
    struct modem *m = h->data;
    free(h);
    if (m != NULL && --m->closing == 0 && m->stopping && m->stopped) {
        void (*cb)(struct provider *) = m->stopped;
        m->stopped = NULL;
        cb(m->p);
    }
}

/* Closes the device (if open), fails what was in hand, and arms the
 * reopen with back-off. why says what happened, for the status line. */
static void device_close(struct modem *m, const char *why)
{
    bool was_ready = m->state == M_READY;

    if (why && why[0])
        snprintf(m->why, sizeof m->why, "%s", why);
    if (m->poll) {
        uv_poll_stop(m->poll);
        m->closing++;
        uv_close((uv_handle_t *)m->poll, poll_closed_cb);
        m->poll = NULL;
        m->poll_events = 0;
    }
    if (m->fd >= 0) {
        close(m->fd);
        m->fd = -1;
    }
    if (m->timers_init)
        uv_timer_stop(&m->cmd_timer);
    free(m->cur);
    m->cur = NULL;
    m->awaiting_pdu_write = false;
    m->read_expect_pdu = false;
    m->outlen = 0;
    m->fail_on_ok = false;
    ctl_clear(m);
    /* Unhealthy before the sends are handed back, so an urgent failover
     * does not pick this modem again. */
    m->state = M_CLOSED;
    m->p->healthy = false;
    fail_jobs(m, m->why);
    m->nignored = 0; /* the SIM may have changed */
    if (m->stopping)
        return;
    m->backoff_ms = m->backoff_ms == 0 ? MODEM_BACKOFF_MIN_MS : m->backoff_ms * 2;
    if (m->backoff_ms > MODEM_BACKOFF_MAX_MS)
        m->backoff_ms = MODEM_BACKOFF_MAX_MS;
    m->reopen_at = uv_now(m->p->loop) + m->backoff_ms;
    set_status(m);
    if (was_ready)
        log_error("modem.unhealthy", "provider=%s device=%s reason=\"%s\" retry_in_ms=%" PRIu64,
                  m->p->name, m->device, m->why, m->backoff_ms);
    else
        log_warn("modem.unavailable", "provider=%s device=%s reason=\"%s\" retry_in_ms=%" PRIu64,
                 m->p->name, m->device, m->why, m->backoff_ms);
}

/* What goes before the first AT of an initialisation, by try (opens since
 * the modem was last ready). ESC cancels a '>' prompt left open (27.005,
 * +CMGS); the CR after it ends the command line the ESC landed in
 * otherwise, so that the AT starts a line of its own (V.250: a command
 * line begins with "AT"). A modem that does not skip bytes before "AT" read
 * ESC, pause, "AT" as "\x1bAT" and refused it at every try. gammu sends
 * the same "\x1b\r". Every other try sends CR alone, no ESC, in case the
 * ESC itself is what the modem takes badly; a prompt left open then is
 * closed by the next try's ESC (only Ctrl-Z, never sent here, would send). */
static const char *prelude(unsigned tries)
{
    return tries % 2 == 0 ? "\x1b\r" : "\r";
}

/* Queues the initialisation sequence (see the top of the file). */
static void queue_init(struct modem *m)
{
    ctl_push(m, cmd_new(C_ESC, -1, "%s", prelude(m->opens++)), false);
    ctl_push(m, cmd_new(C_PLAIN, -1, "AT"), false);
    ctl_push(m, cmd_new(C_PLAIN, -1, "ATE0"), false);
    ctl_push(m, cmd_new(C_PLAIN, -1, "AT+CMEE=1"), false);
    ctl_push(m, cmd_new(C_CPIN_Q, -1, "AT+CPIN?"), false);
    ctl_push(m, cmd_new(C_PLAIN, -1, "AT+CMGF=0"), false);
    ctl_push(m, cmd_new(C_OPTIONAL, -1, "AT+CNMI=2,1,0,%d,0", m->status_reports ? 1 : 0), false);
    ctl_push(m, cmd_new(C_INIT_DONE, -1, "AT"), false);
    ctl_push(m, cmd_new(C_READ, -1, "AT+CMGL=4"), false);
    ctl_push(m, cmd_new(C_CPMS, -1, "AT+CPMS?"), false);
}

static void try_open(struct modem *m)
{
    char why[200];
    int fd = device_open(m, why, sizeof why);

    if (fd < 0) {
        device_close(m, why);
        return;
    }
    m->poll = malloc(sizeof *m->poll);
    if (m->poll == NULL || uv_poll_init(m->p->loop, m->poll, fd) != 0) {
        free(m->poll);
        m->poll = NULL;
        close(fd);
        device_close(m, "cannot watch the device (out of memory or not pollable)");
        return;
    }
    m->poll->data = m;
    m->fd = fd;
    m->poll_events = 0;
    at_parser_init(&m->parser);
    m->state = M_INIT;
    update_poll(m);
    set_status(m);
    log_info("modem.opened", "provider=%s device=%s baud=%d", m->p->name, m->device, m->baud);
    queue_init(m);
    dispatch(m);
}

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
        set_status(m);
        return -1;
    }
    if (m->inbound_failed) {
        m->inbound_failed = false;
        set_status(m);
        log_info("modem.inbound_resumed", "provider=%s", m->p->name);
    }
    log_info("modem.received", "provider=%s from=%s parts=%zu", m->p->name, masked, n);
    log_debug("modem.body", "provider=%s body_len=%zu", m->p->name, len);
    for (size_t i = 0; i < n; i++) {
        char t[32];
        snprintf(t, sizeof t, "AT+CMGD=%d", idx[i]);
        ctl_add_unique(m, C_DELETE, idx[i], t);
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

static void join_check(struct modem *m)
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
        ctl_add_unique(m, C_DELETE, index, t);
    }
}

/* One stored message (index; -1 for a +CDS shown directly). */
static void on_stored(struct modem *m, int index, int tpdu_len, const char *hex, size_t hexlen)
{
    struct sms_pdu *pd;
    char err[160], from[PHONE_MAX], ext_id[48];
    uint64_t h = hash_fnv1a64(hex, hexlen);

    if (index >= 0 && ignored(m, index, h))
        return;
    pd = malloc(sizeof *pd);
    if (pd == NULL)
        return; /* stays on the SIM */
    if (pdu_decode(hex, hexlen, tpdu_len, pd, err, sizeof err) < 0) {
        log_error("modem.pdu_unreadable", "provider=%s index=%d error=\"%s\" note=\"left on the "
                  "SIM\"", m->p->name, index, err);
        log_debug("modem.pdu", "provider=%s index=%d pdu=%.*s", m->p->name, index, (int)hexlen,
                  hex);
        ignore(m, index, h);
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
        ignore(m, index, h);
        goto out;
    }
    if (smsjoin_wanted(pd)) {
        if (smsjoin_add(m->join, pd, index, h, (int64_t)time(NULL)) == NULL) {
            join_check(m); /* full: hand over the oldest, the rest waits for the next poll */
        } else {
            join_check(m);
        }
        goto out;
    }
    snprintf(ext_id, sizeof ext_id, "sms:%016" PRIx64, h);
    deliver(m, from, pd->text, pd->text_len, pd->scts, ext_id, &index, index >= 0 ? 1 : 0);
out:
    free(pd);
}

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
        cmd_done(m);
        return;
    }
    /* Never the AT+CPIN=<pin> text: the PIN stays out of logs. */
    snprintf(why, sizeof why, "modem not answering: %.40s timed out after %" PRIu64 " ms",
             m->cur->type == C_SEND ? "AT+CMGS" : m->cur->type == C_CPIN ? "AT+CPIN" : m->cur->text,
             cmd_timeout(m));
    if (m->cur->type == C_SEND && !m->awaiting_pdu_write)
        (void)put(m, "\x1b", 1); /* leave a half-open prompt */
    device_close(m, why);
}

static void arm_timer(struct modem *m)
{
    uv_timer_start(&m->cmd_timer, cmd_timeout_cb, cmd_timeout(m), 0);
}

/* The line is free again (the command on it finished). */
static void line_free(struct modem *m)
{
    uv_timer_stop(&m->cmd_timer);
    free(m->cur);
    m->cur = NULL;
    m->awaiting_pdu_write = false;
    m->read_expect_pdu = false;
}

/* The command on the line finished; the next one goes. */
static void cmd_done(struct modem *m)
{
    line_free(m);
    dispatch(m);
}

static void init_failed(struct modem *m, const char *what)
{
    char why[200];
    snprintf(why, sizeof why, "initialisation failed: %.170s", what);
    device_close(m, why);
}

static void error_text(const struct at_event *e, char *out, size_t outsz)
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

static void send_next_part(struct modem *m, struct job *j);

static void send_result(struct modem *m, const struct at_event *e)
{
    struct job *j = m->jobs;
    char err[200], pmid[40];

    if (j == NULL) {
        cmd_done(m);
        return;
    }
    if (e->kind == AT_OK) {
        j->mrs[j->part] = j->mr_last & 0xFF;
        if (j->part + 1 < j->pdu.nparts) {
            j->part++;
            cmd_done(m); /* the next part goes through dispatch() */
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
        line_free(m);
        job_finish(m, j, SEND_OK, pmid, NULL);
        dispatch(m);
        return;
    }
    error_text(e, err, sizeof err);
    {
        bool permanent = e->kind == AT_CMS_ERROR && at_cms_permanent(e->code);
        char msg[260];
        snprintf(msg, sizeof msg, "modem: %s (part %d of %d)", err, j->part + 1, j->pdu.nparts);
        log_warn("modem.send_failed", "provider=%s id=%" PRId64 " to=%s error=\"%s\" permanent=%d",
                 m->p->name, j->id, j->masked, err, permanent ? 1 : 0);
        line_free(m);
        job_finish(m, j, permanent ? SEND_FAILED : SEND_RETRY, NULL, msg);
    }
    dispatch(m);
}

static void on_final(struct modem *m, const struct at_event *e)
{
    struct cmd *c = m->cur;
    char err[200];

    if (c == NULL)
        return; /* a stray result: nothing was asked */
    if (c->type == C_SEND) {
        send_result(m, e);
        return;
    }
    if (e->kind == AT_OK) {
        if (c->type == C_INIT_DONE) {
            m->state = M_READY;
            m->opens = 0;
            m->why[0] = '\0';
            m->backoff_ms = 0;
            m->next_poll_at = uv_now(m->p->loop) + m->poll_ms;
            set_status(m);
            log_info("modem.ready", "provider=%s device=%s", m->p->name, m->device);
        } else if (c->type == C_DELETE) {
            log_debug("modem.deleted", "provider=%s index=%d", m->p->name, c->index);
        }
        cmd_done(m);
        return;
    }
    error_text(e, err, sizeof err);
    switch (c->type) {
    case C_OPTIONAL:
        log_warn("modem.command_refused", "provider=%s command=\"%s\" error=\"%s\" note=\"new "
                 "messages are found by polling\"", m->p->name, c->text, err);
        cmd_done(m);
        return;
    case C_CPMS:
        log_debug("modem.cpms_refused", "provider=%s error=\"%s\" note=\"SIM fullness unknown\"",
                  m->p->name, err);
        cmd_done(m);
        return;
    case C_READ:
    case C_DELETE:
        /* 321: the index is empty (already deleted, or a race): harmless. */
        if (!(e->kind == AT_CMS_ERROR && e->code == 321))
            log_warn("modem.command_failed", "provider=%s command=\"%s\" error=\"%s\"",
                     m->p->name, c->text, err);
        cmd_done(m);
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
        cmd_done(m);
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
        set_status(m);
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
        struct cmd *c = cmd_new(C_CPIN, -1, "AT+CPIN=\"%s\"", m->pin);
        ctl_push(m, c, true);
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
            on_stored(m, m->read_index, m->read_len, l, e->len);
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

static void event_cb(void *arg, const struct at_event *e)
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
        ctl_add_unique(m, C_READ, e->index, t);
        log_debug("modem.new_message", "provider=%s mem=%s index=%d", m->p->name, e->mem,
                  e->index);
        /* Read it now, not at the next tick: it may be a crisis text. */
        dispatch(m);
        break;
    }
    case AT_CDS:
    case AT_CMT:
        on_stored(m, -1, e->tpdu_len, e->pdu, e->pdu_len);
        break;
    case AT_PROMPT:
        if (m->cur && m->cur->type == C_SEND && !m->awaiting_pdu_write && m->jobs) {
            struct job *j = m->jobs;
            char buf[SMS_SUBMIT_HEX_MAX + 2];
            int n = snprintf(buf, sizeof buf, "%s\x1a", j->pdu.part[j->part].hex);
            m->awaiting_pdu_write = true;
            arm_timer(m);
            (void)put(m, buf, (size_t)n);
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

static void poll_cb(uv_poll_t *h, int status, int events)
{
    struct modem *m = h->data;
    char buf[1024], why[200];

    if (m->fd < 0 || h != m->poll)
        return;
    if (status < 0) {
        snprintf(why, sizeof why, "device %.120s disappeared or failed (%s)", m->device,
                 uv_strerror(status));
        device_close(m, why);
        return;
    }
    if (events & UV_WRITABLE)
        if (flush_out(m) < 0)
            return;
    if (events & (UV_READABLE | UV_DISCONNECT)) {
        for (;;) {
            ssize_t r = read(m->fd, buf, sizeof buf);
            if (r > 0) {
                at_parser_feed(&m->parser, buf, (size_t)r, event_cb, m);
                if (m->fd < 0)
                    return;
                continue;
            }
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            /* EOF or EIO: the device went away (unplugged, pty closed). */
            snprintf(why, sizeof why, "device %.120s disappeared (%s)", m->device,
                     r == 0 ? "hang-up" : strerror(errno));
            device_close(m, why);
            return;
        }
    }
    if (events & UV_DISCONNECT) {
        snprintf(why, sizeof why, "device %.120s disappeared (hang-up)", m->device);
        device_close(m, why);
    }
}

/* Puts the next command on the line, if the line is free. */
static void dispatch(struct modem *m)
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
                (void)put(m, c->text, strlen(c->text));
                return;
            }
            n = snprintf(buf, sizeof buf, "%s\r", c->text);
            arm_timer(m);
            (void)put(m, buf, (size_t)n);
            return;
        }
        if (m->state == M_READY && m->jobs != NULL) {
            send_next_part(m, m->jobs);
            return;
        }
        return;
    }
}

static void send_next_part(struct modem *m, struct job *j)
{
    char buf[32];
    struct cmd *c = cmd_new(C_SEND, -1, "AT+CMGS=%d", j->pdu.part[j->part].tpdu_len);
    int n;
    if (c == NULL) {
        job_finish(m, j, SEND_RETRY, NULL, "modem: out of memory");
        return;
    }
    m->cur = c;
    m->awaiting_pdu_write = false;
    n = snprintf(buf, sizeof buf, "%s\r", c->text);
    arm_timer(m);
    (void)put(m, buf, (size_t)n);
}

/* ---- the tick: reopening, polling the SIM, joining --------------------- */

static void tick_cb(uv_timer_t *t)
{
    struct modem *m = t->data;
    uint64_t now = uv_now(m->p->loop);

    if (m->stopping)
        return;
    if (m->state == M_CLOSED && now >= m->reopen_at) {
        try_open(m);
        return;
    }
    if (m->state == M_READY && now >= m->next_poll_at) {
        m->next_poll_at = now + m->poll_ms;
        ctl_add_unique(m, C_READ, -1, "AT+CMGL=4");
        ctl_add_unique(m, C_CPMS, -1, "AT+CPMS?");
        dispatch(m);
    }
    if (m->join && smsjoin_count(m->join) > 0)
        join_check(m);
    if (m->state == M_READY)
        dispatch(m);
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
        for (size_t i = 0; i < sizeof bauds / sizeof bauds[0]; i++)
            known |= bauds[i].baud == baud;
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
    set_status(m);
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
    device_close(m, "stopping");
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

/* Encodes the message and queues it (urgent ones first). Returns 0 and
 * calls done later; -1 (done not called) when the modem is closed or the
 * queue is full, so the outbox keeps the message and tries again or fails
 * over; done(SEND_FAILED) at once for a text that cannot be encoded. */
static int modem_send(struct provider *p, const struct outmsg *msg, send_done_cb done, void *arg)
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
    dispatch(m);
    return 0;
}

const struct provider_ops modem_provider_ops = {
    .kind = "modem",
    .create = modem_create,
    .start = modem_start,
    .send = modem_send,
    .stop = modem_stop,
    .destroy = modem_destroy,
};
