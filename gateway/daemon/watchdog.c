/* SPDX-License-Identifier: Apache-2.0 */
/* watchdog.c: the gateway under systemd's Type=notify. READY=1 once
 * gw_start has the store, the providers and the listener up; STATUS= with
 * the /healthz summary whenever it changes; and, when the unit sets
 * WatchdogSec, WATCHDOG=1 only while the loop, the store and the listener
 * really work: a few times per interval the loop connects to its own
 * listener and asks GET /healthz, and only an HTTP answer, with the store
 * answering a query, sends the ping. A hung loop sends nothing (no timer
 * runs), nor does a listener that stopped accepting or answering, so
 * systemd restarts the gateway (Restart=on-failure). Outside systemd (no
 * NOTIFY_SOCKET) none of this runs. */
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "daemon/gw.h"
#include "net/http_server.h"
#include "base/log.h"
#include "daemon/notify.h"

/* Without a watchdog, how often the status is looked at for STATUS=. */
#define STATUS_EVERY_MS 5000

/* One self-test of the listener: connect, ask, wait for "HTTP/1.". */
struct gw_probe {
    struct gw *gw;         /* borrowed; the probe is gw->probe while it matters */
    uv_tcp_t tcp;
    uv_connect_t conn;
    uv_write_t wr;
    char got[16];
    size_t ngot;
    bool closing;
};

static void probe_free_cb(uv_handle_t *h) { free(h->data); }

/* Ends the probe (at once if nothing started) and forgets it. */
static void probe_close(struct gw_probe *p)
{
    if (p->closing)
        return;
    p->closing = true;
    if (p->gw && p->gw->probe == p)
        p->gw->probe = NULL;
    uv_close((uv_handle_t *)&p->tcp, probe_free_cb);
}

/* The listener answered: the loop, the listener and (asked here) the
 * store work, so the watchdog is fed. */
static void probe_answered(struct gw_probe *p)
{
    struct gw *gw = p->gw;
    if (!gw || gw->stopping)
        return;
    if (store_ping(gw->store) != STORE_OK) {
        log_warn("watchdog.skipped", "reason=\"the database does not answer\"");
        return;
    }
    notify_send("WATCHDOG=1");
}

static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    struct gw_probe *p = h->data;
    (void)suggested;
    *buf = uv_buf_init(p->got + p->ngot, (unsigned)(sizeof p->got - 1 - p->ngot));
}

static void read_cb(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    struct gw_probe *p = s->data;
    (void)buf;
    if (n < 0) {
        probe_close(p);
        return;
    }
    p->ngot += (size_t)n;
    if (p->ngot < 7 && p->ngot < sizeof p->got - 1)
        return;
    if (strncmp(p->got, "HTTP/1.", 7) == 0)
        probe_answered(p);
    probe_close(p);
}

static void write_cb(uv_write_t *w, int status)
{
    struct gw_probe *p = w->data;
    if (status < 0 || p->closing || uv_read_start((uv_stream_t *)&p->tcp, alloc_cb, read_cb) != 0)
        probe_close(p);
}

static void connect_cb(uv_connect_t *c, int status)
{
    static char req[] = "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n";
    struct gw_probe *p = c->data;
    uv_buf_t b = uv_buf_init(req, sizeof req - 1);
    if (status < 0 || p->closing ||
        uv_write(&p->wr, (uv_stream_t *)&p->tcp, &b, 1, write_cb) != 0)
        probe_close(p);
}

/* Starts a probe of the listener; one still unanswered from the last tick
 * is given up (it counts as no answer). */
static void probe_start(struct gw *gw)
{
    struct sockaddr_in sa;
    const char *addr = strcmp(gw->cfg->http_listen, "0.0.0.0") == 0 ? "127.0.0.1"
                                                                      : gw->cfg->http_listen;
    if (gw->probe)
        probe_close(gw->probe);
    if (!gw->http || uv_ip4_addr(addr, http_server_port(gw->http), &sa) != 0)
        return;
    struct gw_probe *p = calloc(1, sizeof *p);
    if (!p || uv_tcp_init(gw->loop, &p->tcp) != 0) {
        free(p);
        return;
    }
    p->gw = gw;
    p->tcp.data = p->conn.data = p->wr.data = p;
    gw->probe = p;
    if (uv_tcp_connect(&p->conn, &p->tcp, (const struct sockaddr *)&sa, connect_cb) != 0)
        probe_close(p);
}

/* STATUS= when the health summary changed since it was last sent. */
static void send_status(struct gw *gw)
{
    char summary[sizeof gw->notify_status], msg[sizeof summary + 8];
    gw_health_summary(gw, summary, sizeof summary);
    if (strcmp(summary, gw->notify_status) == 0)
        return;
    snprintf(gw->notify_status, sizeof gw->notify_status, "%s", summary);
    snprintf(msg, sizeof msg, "STATUS=%s", summary);
    notify_send(msg);
}

static void tick_cb(uv_timer_t *t)
{
    struct gw *gw = t->data;
    if (gw->stopping)
        return;
    send_status(gw);
    if (gw->watchdog_ms)
        probe_start(gw);
}

int gw_notify_ready(struct gw *gw)
{
    if (!getenv("NOTIFY_SOCKET"))
        return 0;
    uint64_t us = notify_watchdog_usec();
    /* Three chances per interval: one lost probe is not yet a restart. */
    gw->watchdog_ms = us ? (us / 1000 / 3 ? us / 1000 / 3 : 1) : 0;
    if (uv_timer_init(gw->loop, &gw->notify_timer) != 0)
        return -1;
    gw->notify_timer.data = gw;
    gw->notify_timer_init = true;
    int rc = notify_send("READY=1");
    if (rc < 0)
        log_warn("notify.failed", "socket=\"%s\" error=\"%s\"", getenv("NOTIFY_SOCKET"),
                 strerror(-rc));
    send_status(gw);
    uint64_t every = gw->watchdog_ms ? gw->watchdog_ms : STATUS_EVERY_MS;
    log_info("notify.ready", "watchdog_ms=%llu", (unsigned long long)(us / 1000));
    if (gw->watchdog_ms)
        probe_start(gw); /* the first ping at once: start-up may have taken a while */
    return uv_timer_start(&gw->notify_timer, tick_cb, every, every);
}

void gw_notify_stopping(struct gw *gw)
{
    if (!gw->notify_timer_init)
        return;
    uv_timer_stop(&gw->notify_timer);
    if (gw->probe)
        probe_close(gw->probe);
    notify_send("STOPPING=1");
}
