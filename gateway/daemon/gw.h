/* SPDX-License-Identifier: Apache-2.0 */
/* gw.h: the gateway context: one libuv loop, the config, the store, the
 * providers, the outbox, the scheduler and the HTTP listener. No globals:
 * everything is reached from a struct gw passed in, so a test can run a
 * private loop. */
#ifndef GW_GW_H
#define GW_GW_H

#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

#include "config/config.h"
#include "core/core.h"
#include "daemon/metrics.h"
#include "store/store.h"
#include "provider.h"

struct provider;
struct outbox;
struct scheduler;
struct escalator;
struct http_server;
struct inbound_item;
struct gw_probe;

struct gw {
    uv_loop_t *loop;              /* borrowed */
    char *config_path;            /* owned */
    struct gw_config *cfg;        /* owned; replaced whole on a valid SIGHUP reload */
    struct store *store;          /* owned */
    struct provider **providers;  /* owned, cfg->nproviders of them, config order */
    struct provider_host host;    /* what the providers reach upward (provhost.c) */
    size_t nproviders;
    struct outbox *outbox;        /* owned */
    struct scheduler *scheduler;  /* owned */
    struct escalator *escalator;  /* owned: re-alert and digest timers */
    struct http_server *http;     /* owned */
    struct senderlimit *senders;  /* owned: per-sender inbound rate (limits.sender_*) */
    struct metrics metrics;       /* counters for GET /metrics (gateway/daemon/metrics_route.c) */
    /* What gateway/core/ works on: the store, cfg and senders above, this
     * gateway's clock and its timers (gw.c fills it in). */
    struct core core;

    uv_signal_t sig_term, sig_int, sig_hup, sig_usr1;
    uv_timer_t stop_timer;        /* bounds the graceful stop */
    uv_timer_t store_probe;       /* while the store cannot write: try a write each second */
    uv_timer_t retention_timer;   /* the daily removal of old message bodies */
    uv_timer_t reask_timer;       /* the one re-ask of a pending client's YES */
    /* Under systemd (watchdog.c): STATUS= updates and the watchdog's self-test. */
    uv_timer_t notify_timer;
    bool notify_timer_init;
    uint64_t watchdog_ms;         /* between self-tests; 0 = no watchdog */
    struct gw_probe *probe;       /* the listener self-test in flight, or NULL */
    char notify_status[256];      /* the last STATUS= sent */
    /* Group commit (inbound_batch.c): received messages wait here for the
     * end of the loop pass, then one transaction records them all. */
    uv_check_t inbound_check;
    uv_idle_t inbound_idle;       /* while messages wait: the poll must not block */
    struct inbound_item **inbound_q;
    size_t inbound_n, inbound_cap;
    struct crypt *crypt;          /* owned; the keys of encryption at rest, or NULL */
    bool stopping;
    bool providers_stopping;      /* providers told to stop (after the outbox drained) */
    int pending_closes;           /* handles and providers still closing */
    int exit_code;
    int lock_fd;                  /* "<database>.lock", flock'd while we run; -1 = none */
    bool pid_written;             /* the pid file is ours to remove at the end */
    /* The last load of the config (the start, then each SIGHUP): whether it
     * was taken, and when (gw_now). For /metrics. */
    bool reload_ok;
    int64_t reload_at;

    /* Added to the wall clock; from CHECKIN_GATEWAY_TIME_OFFSET (seconds),
     * so tests can move the gateway's "now" without waiting. */
    int64_t time_offset;

    /* false from a failed write (disk full, read-only, locked longer than
     * GW_STORE_BUSY_DEGRADED_MS) until a write probe succeeds: inbound is
     * refused with a retryable answer meanwhile, and /healthz says so. */
    bool store_ok;
    char store_status[256];
    uint64_t busy_since_ms;       /* loop time of the first of a run of lock time-outs; 0 = none */
    /* The start-up writes (store_ready in gw.c: specialists, requeueing
     * what a crash left "sending") have not been done yet: the store was
     * read-only or locked at start. The write probe does them first. */
    bool store_unready;
};

/* The gateway's now, unix seconds. */
int64_t gw_now(const struct gw *gw);
/* The same clock in milliseconds (for timers that must not fire up to a
 * second late, and latencies below a second). */
int64_t gw_now_ms(const struct gw *gw);

/* gw_start's answer when another gateway holds the database's lock. */
#define GW_ALREADY_RUNNING (-2)
/* Opens the store, creates and starts providers, the outbox, the scheduler,
 * the listener and the signal handlers on loop. cfg is taken (freed by
 * gw_stop's completion or on failure). Returns 0, GW_ALREADY_RUNNING (with
 * err filled, and nothing touched: not the store, not the pid file) or -1
 * with err filled. */
/* Fills gw->core from gw's config, store and sender table (gw_start does;
 * a bench or a tool that sets those fields itself calls it after). */
void gw_core_bind(struct gw *gw);

int gw_start(struct gw *gw, uv_loop_t *loop, const char *config_path, struct gw_config *cfg,
             char *err, size_t errlen);
/* Begins a graceful stop: no new work, in-flight sends get a bounded time,
 * then every handle is closed and uv_run returns. Idempotent. */
void gw_stop(struct gw *gw);
/* Frees what gw_start made, after uv_run returned. */
void gw_free(struct gw *gw);

/* The provider instance called name, or NULL. */
struct provider *gw_provider(struct gw *gw, const char *name);
/* Something changed in the database behind the daemon's back (checkinctl):
 * re-read the earliest due check-in and the outbox. */
void gw_wake(struct gw *gw);
/* How long one statement of the daemon waits for another process's lock:
 * short, because the loop waits with it. */
#define GW_STORE_BUSY_MS 200
/* Locks that keep failing writes for this long make the store "unwritable". */
#define GW_STORE_BUSY_DEGRADED_MS 2000
/* Records the result of a store write for /healthz and the log. rc is a
 * STORE_* code. A failure marks the store unwritable (a lock only once it
 * lasted GW_STORE_BUSY_DEGRADED_MS) and starts the write probe, which
 * marks it writable again and wakes everything. A success never clears the
 * mark by itself: a write that changed nothing proves nothing. */
void gw_store_result(struct gw *gw, int rc);

/* The /healthz verdict in one line for systemd's STATUS=: "ok", or
 * "degraded: <problem>; <problem>" (200 with problems), or "unhealthy: ..."
 * (/healthz would answer 503). */
void gw_health_summary(struct gw *gw, char *out, size_t outsz);
/* watchdog.c: under systemd (NOTIFY_SOCKET set), READY=1 and the status and
 * watchdog timer; a no-op otherwise. Returns 0 or -1. */
int gw_notify_ready(struct gw *gw);
/* STOPPING=1, and the timer and the self-test end. */
void gw_notify_stopping(struct gw *gw);

/* ---- the provider host (provhost.c) ----------------------------------- */

/* Fills gw->host: the upward calls below, the clock and the listener. */
void gw_provider_host_init(struct gw *gw);
/* Creates and destroys every configured provider, collecting their errors:
 * the provider half of --check-config. Returns 0 or -1. */
int providers_check(const struct gw_config *c, struct cfg_errors *errs);

/* The host's upward calls, as struct provider_host describes them (the
 * gateway's side: gw_inbound in inbound_sync.c, gw_inbound_queue in
 * inbound_batch.c, gw_inbound_last_time in inbound_last.c,
 * gw_delivery_report in delivery_report.c, which hands the report to
 * gateway/core/delivery.c: that re-routes an undelivered escalation
 * message). */
int gw_inbound(struct gw *gw, struct provider *p, const struct inmsg *m, char *err,
               size_t errlen);
int gw_inbound_queue(struct gw *gw, struct provider *p, const struct inmsg *m,
                     gw_inbound_done done, void *arg, char *err, size_t errlen);
int gw_inbound_last_time(struct gw *gw, struct provider *p, int64_t *out, char *err,
                         size_t errlen);
int gw_delivery_report(struct gw *gw, struct provider *p, const char *provider_msg_id,
                       enum dlr_state state, const char *error, char *err, size_t errlen);
/* The outbox sweep's part of delivery_held (delivery_report.c): removes
 * the reports held longer than DELIVERY_HOLD_SECONDS (core/delivery.h),
 * counting each. Returns the number removed or a STORE_* code. */
int gw_delivery_expire(struct gw *gw, int64_t now);

/* Starts the group commit's end-of-pass check. Returns 0 or -1. */
int gw_inbound_start(struct gw *gw);
/* Records every queued inbound message now, in one transaction, and tells
 * each provider the outcome. At the end of every loop pass, and at stop. */
void gw_inbound_flush(struct gw *gw);

/* Counting for /metrics (gateway/daemon/metrics_route.c); p may be NULL (skipped). */
void gw_count_inbound(struct gw *gw, const struct provider *p, enum metric_in what);
void gw_count_send(struct gw *gw, const struct provider *p, enum metric_out what, double seconds);
void gw_count_delivery(struct gw *gw, const struct provider *p, enum metric_dlr what);
/* Registers GET /metrics on gw->http. Returns 0 or -1. */
int gw_metrics_route(struct gw *gw);

#endif
