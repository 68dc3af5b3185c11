/* SPDX-License-Identifier: Apache-2.0 */
/* metrics.h: the gateway's counters and histograms, kept in memory and
 * served as GET /metrics in the Prometheus text exposition format
 * (version 0.0.4). Counting is a few additions on paths that already run;
 * a scrape adds two aggregate queries (queue depth, escalations) and
 * nothing else touches the database.
 *
 * The text builder (struct prom) is pure and unit-tested; gateway/daemon/gw.c's
 * handler fills it from these counters, the outbox, the listener and the
 * providers. */
#ifndef GW_METRICS_H
#define GW_METRICS_H

#include <stddef.h>
#include <stdint.h>

/* What became of an inbound message a provider handed up. */
enum metric_in {
    MIN_COMMITTED = 0, /* recorded (answered "received") */
    MIN_DUPLICATE,     /* already recorded: acknowledged, nothing changed */
    MIN_REFUSED,       /* not recorded (store, stopping): the peer retries */
    MIN__COUNT
};
/* What a provider answered to one send() (an attempt, not a message). */
enum metric_out {
    MOUT_SENT = 0,  /* accepted */
    MOUT_RETRY,     /* failed for now */
    MOUT_FAILED,    /* refused for good */
    MOUT_OPTED_OUT, /* the carrier says the person opted out */
    MOUT__COUNT
};
/* Delivery reports, by what they said. */
enum metric_dlr { MDLR_SENT = 0, MDLR_DELIVERED, MDLR_FAILED, MDLR__COUNT };
/* Delivery reports that arrived before their message's provider id was
 * recorded (core/delivery.c), by what became of them. */
enum metric_held {
    MHELD_HELD = 0, /* kept in the store */
    MHELD_APPLIED,  /* applied once the outbox recorded the id */
    MHELD_EXPIRED,  /* never matched within DELIVERY_HOLD_SECONDS */
    MHELD_DROPPED,  /* pushed out by newer ones (DELIVERY_HOLD_MAX per provider) */
    MHELD__COUNT
};

#define HIST_MAX_BUCKETS 16

struct histogram {
    const double *bounds; /* upper bounds, ascending; borrowed (static) */
    int n;
    uint64_t counts[HIST_MAX_BUCKETS]; /* per bucket, not cumulative */
    uint64_t inf;                      /* above the last bound */
    double sum;
    uint64_t count;
};

struct metrics_provider {
    uint64_t in[MIN__COUNT];
    uint64_t out[MOUT__COUNT];
    uint64_t dlr[MDLR__COUNT];
    struct histogram send_latency; /* seconds from send() to the provider's answer */
};

struct metrics {
    size_t nprov;
    struct metrics_provider *prov; /* gw->providers order */
    uint64_t answers_suppressed;   /* inbound messages whose automatic answer was not sent */
    uint64_t dlr_held[MHELD__COUNT]; /* early delivery reports, by outcome */
    struct histogram escalation_latency; /* seconds, escalation message queued (ms clock) ->
                                          * accepted by a provider */
};

/* Returns 0, or -1 out of memory. */
int metrics_init(struct metrics *m, size_t nprov);
void metrics_free(struct metrics *m);
/* The provider slot i, or NULL when out of range (counting is then skipped). */
struct metrics_provider *metrics_provider(struct metrics *m, size_t i);
void histogram_observe(struct histogram *h, double v);

/* ---- the text format ------------------------------------------------------ */

struct prom {
    char *buf; /* NUL-terminated; owned until taken */
    size_t len, cap;
    int oom;   /* an allocation failed: the text is incomplete */
};

/* "# HELP name help\n# TYPE name type\n". type: counter, gauge, histogram. */
void prom_family(struct prom *p, const char *name, const char *type, const char *help);
/* One sample: name{labels} value. labels is NULL or "k1", "v1", "k2", "v2",
 * ..., NULL (values escaped as the format wants: \\ \" \n). */
void prom_sample(struct prom *p, const char *name, const char *const *labels, double value);
/* A histogram's _bucket (cumulative, le="+Inf" last), _sum and _count
 * samples, with the labels given (may be NULL) plus le. */
void prom_histogram(struct prom *p, const char *name, const char *const *labels,
                    const struct histogram *h);

/* Appends q's text (samples built apart, e.g. while a query ran). */
void prom_append(struct prom *p, const struct prom *q);

#endif
