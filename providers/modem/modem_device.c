/* SPDX-License-Identifier: Apache-2.0 */
/* modem_device.c: the `modem` provider's serial line: opening and
 * configuring the device (raw 8N1, the configured speed), the output
 * buffer, reading what the modem writes into the AT parser, closing on a
 * hang-up or error and reopening with a back-off, and the initialisation
 * sequence queued on each open. Its own file because it is the only part
 * that touches the device's descriptor; the rest speaks in AT commands.
 * See modem.c for the whole design. */
#include "modem/modem_internal.h"

static void poll_cb(uv_poll_t *h, int status, int events);

/* The speeds a device can be set to; modem.c checks `baud` against it. */
const struct modem_baud modem_bauds[] = {
    {1200, B1200},     {2400, B2400},     {4800, B4800},     {9600, B9600},
    {19200, B19200},   {38400, B38400},   {57600, B57600},   {115200, B115200},
    {230400, B230400}, {460800, B460800}, {921600, B921600},
};

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
            modem_device_close(m, why);
            return -1;
        }
        memmove(m->out, m->out + w, m->outlen - (size_t)w);
        m->outlen -= (size_t)w;
    }
    update_poll(m);
    return 0;
}

int modem_put(struct modem *m, const char *s, size_t n)
{
    if (m->fd < 0)
        return -1;
    if (MODEM_OUT_MAX - m->outlen < n) {
        modem_device_close(m, "output to the modem is stuck (buffer full)");
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
    for (size_t i = 0; i < sizeof modem_bauds / sizeof modem_bauds[0]; i++)
        if (modem_bauds[i].baud == m->baud)
            sp = modem_bauds[i].speed;
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
void modem_device_close(struct modem *m, const char *why)
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
    modem_ctl_clear(m);
    /* Unhealthy before the sends are handed back, so an urgent failover
     * does not pick this modem again. */
    m->state = M_CLOSED;
    m->p->healthy = false;
    modem_fail_jobs(m, m->why);
    m->nignored = 0; /* the SIM may have changed */
    if (m->stopping)
        return;
    m->backoff_ms = m->backoff_ms == 0 ? MODEM_BACKOFF_MIN_MS : m->backoff_ms * 2;
    if (m->backoff_ms > MODEM_BACKOFF_MAX_MS)
        m->backoff_ms = MODEM_BACKOFF_MAX_MS;
    m->reopen_at = uv_now(m->p->loop) + m->backoff_ms;
    modem_set_status(m);
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
    modem_ctl_push(m, modem_cmd_new(C_ESC, -1, "%s", prelude(m->opens++)), false);
    modem_ctl_push(m, modem_cmd_new(C_PLAIN, -1, "AT"), false);
    modem_ctl_push(m, modem_cmd_new(C_PLAIN, -1, "ATE0"), false);
    modem_ctl_push(m, modem_cmd_new(C_PLAIN, -1, "AT+CMEE=1"), false);
    modem_ctl_push(m, modem_cmd_new(C_CPIN_Q, -1, "AT+CPIN?"), false);
    modem_ctl_push(m, modem_cmd_new(C_PLAIN, -1, "AT+CMGF=0"), false);
    modem_ctl_push(m, modem_cmd_new(C_OPTIONAL, -1, "AT+CNMI=2,1,0,%d,0", m->status_reports ? 1 : 0),
                   false);
    modem_ctl_push(m, modem_cmd_new(C_INIT_DONE, -1, "AT"), false);
    modem_ctl_push(m, modem_cmd_new(C_READ, -1, "AT+CMGL=4"), false);
    modem_ctl_push(m, modem_cmd_new(C_CPMS, -1, "AT+CPMS?"), false);
}

void modem_try_open(struct modem *m)
{
    char why[200];
    int fd = device_open(m, why, sizeof why);

    if (fd < 0) {
        modem_device_close(m, why);
        return;
    }
    m->poll = malloc(sizeof *m->poll);
    if (m->poll == NULL || uv_poll_init(m->p->loop, m->poll, fd) != 0) {
        free(m->poll);
        m->poll = NULL;
        close(fd);
        modem_device_close(m, "cannot watch the device (out of memory or not pollable)");
        return;
    }
    m->poll->data = m;
    m->fd = fd;
    m->poll_events = 0;
    at_parser_init(&m->parser);
    m->state = M_INIT;
    update_poll(m);
    modem_set_status(m);
    log_info("modem.opened", "provider=%s device=%s baud=%d", m->p->name, m->device, m->baud);
    queue_init(m);
    modem_dispatch(m);
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
        modem_device_close(m, why);
        return;
    }
    if (events & UV_WRITABLE)
        if (flush_out(m) < 0)
            return;
    if (events & (UV_READABLE | UV_DISCONNECT)) {
        for (;;) {
            ssize_t r = read(m->fd, buf, sizeof buf);
            if (r > 0) {
                at_parser_feed(&m->parser, buf, (size_t)r, modem_event_cb, m);
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
            modem_device_close(m, why);
            return;
        }
    }
    if (events & UV_DISCONNECT) {
        snprintf(why, sizeof why, "device %.120s disappeared (hang-up)", m->device);
        modem_device_close(m, why);
    }
}
