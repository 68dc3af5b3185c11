/* SPDX-License-Identifier: Apache-2.0 */
/* metrics.c: counters, histograms, and the Prometheus text builder. */
#include "daemon/metrics.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Provider answers are milliseconds on a LAN, seconds over a slow link. */
static const double send_bounds[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                     1,     2.5,  5,     10,   30};
/* The 988 message and alerts should leave within seconds, normally well
 * under one (a message's queue time is kept in milliseconds); the upper
 * buckets show an outage or a crash that delayed them. */
static const double esc_bounds[] = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

#define NELEM(a) ((int)(sizeof a / sizeof a[0]))

int metrics_init(struct metrics *m, size_t nprov)
{
    memset(m, 0, sizeof *m);
    m->prov = calloc(nprov ? nprov : 1, sizeof *m->prov);
    if (!m->prov)
        return -1;
    m->nprov = nprov;
    for (size_t i = 0; i < nprov; i++) {
        m->prov[i].send_latency.bounds = send_bounds;
        m->prov[i].send_latency.n = NELEM(send_bounds);
    }
    m->escalation_latency.bounds = esc_bounds;
    m->escalation_latency.n = NELEM(esc_bounds);
    return 0;
}

void metrics_free(struct metrics *m)
{
    if (!m)
        return;
    free(m->prov);
    m->prov = NULL;
    m->nprov = 0;
}

struct metrics_provider *metrics_provider(struct metrics *m, size_t i)
{
    return m && i < m->nprov ? &m->prov[i] : NULL;
}

void histogram_observe(struct histogram *h, double v)
{
    if (!h || isnan(v))
        return;
    if (v < 0)
        v = 0;
    int i = 0;
    while (i < h->n && v > h->bounds[i])
        i++;
    if (i < h->n)
        h->counts[i]++;
    else
        h->inf++;
    h->sum += v;
    h->count++;
}

/* ---- text ------------------------------------------------------------------ */

static void put(struct prom *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct prom *p, const char *fmt, ...)
{
    if (p->oom)
        return;
    for (;;) {
        size_t room = p->cap - p->len;
        va_list ap;
        va_start(ap, fmt);
        int n = room ? vsnprintf(p->buf + p->len, room, fmt, ap) : -1;
        va_end(ap);
        if (n >= 0 && (size_t)n < room) {
            p->len += (size_t)n;
            return;
        }
        size_t cap = p->cap ? p->cap * 2 : 4096;
        while (n >= 0 && cap < p->len + (size_t)n + 1)
            cap *= 2;
        char *b = realloc(p->buf, cap);
        if (!b) {
            p->oom = 1;
            return;
        }
        p->buf = b;
        p->cap = cap;
        p->buf[p->len] = '\0';
    }
}

void prom_family(struct prom *p, const char *name, const char *type, const char *help)
{
    put(p, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Label values are escaped: backslash, double quote and newline. */
static void put_labels(struct prom *p, const char *const *labels, const char *le)
{
    int any = 0;
    for (int i = 0; labels && labels[i] && labels[i + 1]; i += 2) {
        put(p, "%s%s=\"", any ? "," : "{", labels[i]);
        for (const char *v = labels[i + 1]; *v; v++) {
            if (*v == '\\' || *v == '"')
                put(p, "\\%c", *v);
            else if (*v == '\n')
                put(p, "\\n");
            else
                put(p, "%c", *v);
        }
        put(p, "\"");
        any = 1;
    }
    if (le)
        put(p, "%sle=\"%s\"", any ? "," : "{", le), any = 1;
    if (any)
        put(p, "}");
}

static void put_value(struct prom *p, double v)
{
    if (isnan(v))
        put(p, " NaN\n");
    else if (isinf(v))
        put(p, " %sInf\n", v > 0 ? "+" : "-");
    else if (v == floor(v) && fabs(v) < 1e15)
        put(p, " %.0f\n", v);
    else
        put(p, " %.9g\n", v);
}

void prom_sample(struct prom *p, const char *name, const char *const *labels, double value)
{
    put(p, "%s", name);
    put_labels(p, labels, NULL);
    put_value(p, value);
}

void prom_histogram(struct prom *p, const char *name, const char *const *labels,
                    const struct histogram *h)
{
    uint64_t cum = 0;
    char le[32];
    for (int i = 0; i < h->n; i++) {
        cum += h->counts[i];
        snprintf(le, sizeof le, "%g", h->bounds[i]);
        put(p, "%s_bucket", name);
        put_labels(p, labels, le);
        put_value(p, (double)cum);
    }
    put(p, "%s_bucket", name);
    put_labels(p, labels, "+Inf");
    put_value(p, (double)h->count);
    put(p, "%s_sum", name);
    put_labels(p, labels, NULL);
    put_value(p, h->sum);
    put(p, "%s_count", name);
    put_labels(p, labels, NULL);
    put_value(p, (double)h->count);
}

void prom_append(struct prom *p, const struct prom *q)
{
    if (q && q->buf && q->len)
        put(p, "%s", q->buf);
    if (q && q->oom)
        p->oom = 1;
}
