/* SPDX-License-Identifier: Apache-2.0 */
/* provider.h: the interface every SMS provider implements (struct
 * provider_ops), and the provider host: the upward calls and values the
 * daemon fills in (struct provider_host, like Kannel's bb_smscconn_cb.h or
 * raft's struct raft_io). A provider reaches the gateway only through
 * p->host: it never sees struct gw, struct gw_config or the store.
 *
 * A provider kind is one const struct provider_ops, named
 * <kind>_provider_ops, listed in providers/registry.c. An instance is a
 * struct provider made from one group of the config's `providers` list.
 * The daemon's side of the host is gateway/daemon/provhost.c; unit tests
 * fill it with a fake (tests/unit/fake_host.h). */
#ifndef GW_PROVIDER_H
#define GW_PROVIDER_H

#include <stdbool.h>
#include <stdint.h>
#include <uv.h>
#include <libconfig.h>

#include "base/settings.h"
#include "base/sms.h"
#include "net/http_server.h"

struct provider;
struct provider_host;

/* What send_done_cb reports. */
enum send_status {
    SEND_OK        = 0,   /* handed to the provider (sent) */
    SEND_RETRY     = -1,  /* temporary: try again later or through the next provider */
    SEND_FAILED    = -2,  /* permanent: bad number, rejected text */
    SEND_OPTED_OUT = -3,  /* permanent: the recipient opted out at the carrier */
};

/* One outbound message, borrowed by send() until done is called. */
struct outmsg {
    int64_t id;         /* messages.id: an idempotency key where the provider has one */
    const char *to;     /* E.164 */
    const char *body;   /* UTF-8 */
    int priority;       /* higher goes first */
    bool urgent;        /* 988 message or specialist alert */
};

/* Called exactly once per successful send() call, possibly before send()
 * returns. provider_msg_id and error are borrowed for the call (may be NULL). */
typedef void (*send_done_cb)(void *arg, int status, const char *provider_msg_id,
                             const char *error);

/* Messages a provider accepted (SEND_OK) that still wait at its peer to be
 * sent (the spool's files in outgoing/ that smsd has not taken). Ages in
 * seconds; 0 when none wait. */
struct provider_backlog {
    int64_t files, urgent_files;
    double oldest_s, oldest_urgent_s;
};

struct provider_ops {
    const char *kind;
    /* Validates cfg (the instance's whole group: name, kind and its own keys;
     * unknown keys are errors) and allocates p->impl. No I/O beyond reading
     * secret files: --check-config calls create() then destroy(). Copy what
     * is kept: the config tree is freed on a reload.
     * Returns 0, or -1 with every problem added to errs. */
    int (*create)(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs);
    /* p->loop and p->host are set. Opens ports, watches directories, registers
     * HTTP routes. Returns 0, or -1 with p->status saying why and nothing
     * left open (stop() is then not called). */
    int (*start)(struct provider *p);
    /* Returns 0 and later calls done exactly once; or returns -1 without
     * calling done (then the message is retried). */
    int (*send)(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg);
    /* Stops watching and listening; calls stopped(p) once every handle is closed. */
    void (*stop)(struct provider *p, void (*stopped)(struct provider *));
    void (*destroy)(struct provider *p); /* frees p->impl; after stop, or instead of start */
    /* Optional (NULL when the provider cannot tell): fills b now, and sets
     * p->degraded (with p->status saying why) while the backlog is stuck,
     * for /healthz and /metrics. Returns 0, or -1 if it cannot be read. */
    int (*backlog)(struct provider *p, struct provider_backlog *b);
};

struct provider {
    const struct provider_ops *ops;
    void *impl;
    char name[CFG_NAME_MAX];
    uv_loop_t *loop;    /* borrowed; set before start() */
    const struct provider_host *host; /* borrowed; set before start() */
    bool healthy;       /* usable for sending; /healthz reports it */
    bool degraded;      /* healthy, but something needs a person (status says
                         * what): /healthz lists it as a problem, still 200 */
    bool running;       /* start() succeeded; set by the gateway */
    char status[256];   /* a human line: why it is not healthy, or "ok" */
};

/* ---- registry (providers/registry.c) ---------------------------------- */

/* The ops for a kind, or NULL. */
const struct provider_ops *provider_kind_find(const char *kind);
/* "spool, fake, ..." for error messages. Static storage. */
const char *provider_kinds_list(void);
/* Makes an instance from its config (its name, its kind and its whole
 * settings group) and calls create(). Returns 0 and *out (owned; free with
 * provider_destroy), or -1 with errors added. */
int provider_new(const char *name, const char *kind, const config_setting_t *settings,
                 struct provider **out, struct cfg_errors *errs);
void provider_destroy(struct provider *p); /* NULL is a no-op */
/* The unknown-key check every provider's create() uses: the keys common to
 * all instances (PROVIDER_COMMON_KEYS: name, kind, and the outbox's
 * rate_per_second) plus the kind's own, NULL-terminated. Returns the number
 * of unknown keys, each added to errs. */
#define PROVIDER_COMMON_KEYS "name", "kind", "rate_per_second"
int provider_check_keys(const config_setting_t *cfg, const char *const *own,
                        struct cfg_errors *errs);

static inline int provider_start(struct provider *p) { return p->ops->start(p); }
static inline int provider_send(struct provider *p, const struct outmsg *m, send_done_cb done,
                                void *arg)
{
    return p->ops->send(p, m, done, arg);
}
/* -1 when the provider has no backlog to tell. */
static inline int provider_backlog(struct provider *p, struct provider_backlog *b)
{
    return p->ops->backlog ? p->ops->backlog(p, b) : -1;
}
static inline void provider_stop(struct provider *p, void (*stopped)(struct provider *))
{
    p->ops->stop(p, stopped);
}

/* ---- upward: the provider host ------------------------------------------ */

/* One received message (struct inmsg) and what a delivery report says
 * happened to a message we sent (enum dlr_state) are in base/sms.h: the
 * core records both. */

/* inbound_queue's answer: rc 0 when committed (or a duplicate), -1 when
 * not (err says why). */
typedef void (*gw_inbound_done)(void *arg, int rc, const char *err);

/* The calls a provider makes upward, and the values it asks for. The
 * daemon fills one per gateway (gateway/daemon/provhost.c); ctx is its
 * own, opaque here. Every call gets the calling provider. The pointer and
 * what it points to outlive the provider's start() .. stopped(). */
struct provider_host {
    void *ctx;
    /* Records an inbound message and everything it causes (mood, opt-out,
     * escalation, replies) in one SQLite transaction. Returns 0 once
     * committed (or already recorded: a duplicate ext_id), and only then
     * may the provider tell its peer "received" (remove the file, answer
     * 200, delete from SIM). Returns -1 if it could not be committed (err
     * says why): the provider must leave the message to be offered again
     * (keep the file, answer 503). */
    int (*inbound)(struct provider *p, const struct inmsg *m, char *err, size_t errlen);
    /* The same, for a provider that can wait for its answer (a webhook
     * whose HTTP answer is deferred): the message is copied and recorded
     * together with the others that arrived in the same pass of the loop,
     * in one transaction, so one disk flush serves them all (group
     * commit). Returns 0 and later calls done(arg, rc, err) exactly once,
     * after the COMMIT. Returns -1 with err filled, and never calls done,
     * when it is refused at once (stopping, store not writable, no memory). */
    int (*inbound_queue)(struct provider *p, const struct inmsg *m, gw_inbound_done done,
                         void *arg, char *err, size_t errlen);
    /* When the newest inbound message recorded from p was received (unix
     * seconds, the received_at given to inbound), into *out; 0 when none
     * was ever recorded. For a provider that reconciles after a restart or
     * an outage by listing what its peer received since then. Returns 0,
     * or -1 with err filled if the store could not be read. */
    int (*inbound_last_time)(struct provider *p, int64_t *out, char *err, size_t errlen);
    /* Records a delivery report for the message p sent as provider_msg_id,
     * in one transaction. Returns 0 once committed, or when the id is
     * unknown or the report changes nothing: the provider answers its peer
     * "received". Returns -1 if it could not be committed (err says why):
     * answer with a retryable error. */
    int (*delivery_report)(struct provider *p, const char *provider_msg_id, enum dlr_state state,
                           const char *error, char *err, size_t errlen);
    /* The gateway's now, unix seconds (tests move it). */
    int64_t (*now)(struct provider *p);
    /* Routes method+path of the gateway's one HTTP listener to h (see
     * http_server_route). Returns 0, or -1 (no listener, table full). */
    int (*http_route)(struct provider *p, const char *method, const char *path, http_handler h,
                      void *hctx);
    /* "http://<host>:<port>", the listener as the gateway itself reaches it
     * (a wildcard listen address as 127.0.0.1), into out. Returns 0, or -1
     * when the gateway has no HTTP listener. */
    int (*http_base_url)(struct provider *p, char *out, size_t outsz);
};

#endif
