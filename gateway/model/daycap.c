/* SPDX-License-Identifier: Apache-2.0 */
/* daycap.c: a growable open-addressing table of per-number counts for the
 * current day, cleared when the day changes. */
#include "model/daycap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/phone.h"

struct entry {
    char to[PHONE_MAX]; /* "" = free */
    int n;
};

struct daycap {
    int64_t day;
    int64_t total;
    struct entry *e;
    size_t cap, used; /* cap a power of two */
};

int daycap_new(struct daycap **out)
{
    struct daycap *d = calloc(1, sizeof *d);
    if (!d || !(d->e = calloc(64, sizeof *d->e))) {
        free(d);
        return -1;
    }
    d->cap = 64;
    d->day = -1;
    *out = d;
    return 0;
}

void daycap_free(struct daycap *d)
{
    if (!d)
        return;
    free(d->e);
    free(d);
}

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static void new_day(struct daycap *d, int64_t day)
{
    if (d->day == day)
        return;
    memset(d->e, 0, d->cap * sizeof *d->e);
    d->used = 0;
    d->total = 0;
    d->day = day;
}

/* The entry for to, or NULL if absent (and create is false, or no room). */
static struct entry *find(struct daycap *d, const char *to, int create)
{
    if (!*to)
        to = "-";
    for (size_t i = hash(to) & (d->cap - 1);; i = (i + 1) & (d->cap - 1)) {
        struct entry *e = &d->e[i];
        if (strcmp(e->to, to) == 0)
            return e;
        if (e->to[0] != '\0')
            continue;
        if (!create)
            return NULL;
        if ((d->used + 1) * 2 > d->cap) {
            /* Grow to keep probes short; rehash, then look again. */
            if (d->used + 1 > DAYCAP_MAX_NUMBERS)
                return NULL;
            struct entry *old = d->e;
            size_t oldcap = d->cap;
            struct entry *ne = calloc(oldcap * 2, sizeof *ne);
            if (!ne)
                return NULL;
            d->e = ne;
            d->cap = oldcap * 2;
            for (size_t k = 0; k < oldcap; k++) {
                if (old[k].to[0] == '\0')
                    continue;
                size_t j = hash(old[k].to) & (d->cap - 1);
                while (d->e[j].to[0] != '\0')
                    j = (j + 1) & (d->cap - 1);
                d->e[j] = old[k];
            }
            free(old);
            return find(d, to, create);
        }
        snprintf(e->to, sizeof e->to, "%s", to);
        d->used++;
        return e;
    }
}

enum daycap_verdict daycap_reserve(struct daycap *d, int64_t day, const char *to, int per_client,
                                   int per_program)
{
    new_day(d, day);
    if (d->total >= per_program)
        return DAYCAP_PROGRAM;
    struct entry *e = find(d, to ? to : "", 1);
    if (!e)
        return DAYCAP_NOMEM;
    if (e->n >= per_client)
        return DAYCAP_CLIENT;
    e->n++;
    d->total++;
    return DAYCAP_OK;
}

void daycap_release(struct daycap *d, int64_t day, const char *to)
{
    if (d->day != day)
        return;
    struct entry *e = find(d, to ? to : "", 0);
    if (e && e->n > 0) {
        e->n--;
        d->total--;
    }
}

void daycap_add(struct daycap *d, int64_t day, const char *to, int n)
{
    new_day(d, day);
    struct entry *e = n > 0 ? find(d, to ? to : "", 1) : NULL;
    if (e) {
        e->n += n;
        d->total += n;
    }
}

int64_t daycap_total(const struct daycap *d, int64_t day) { return d->day == day ? d->total : 0; }

int daycap_count(const struct daycap *d, int64_t day, const char *to)
{
    if (d->day != day)
        return 0;
    struct entry *e = find((struct daycap *)d, to ? to : "", 0);
    return e ? e->n : 0;
}
