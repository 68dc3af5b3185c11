/* SPDX-License-Identifier: Apache-2.0 */
/* senderlimit.c: per-sender token buckets in a bounded open-addressing
 * table. Lookups probe PROBE slots from the sender's hash; there is no
 * deletion, only replacement, so no tombstones are needed. */
#include "model/senderlimit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/phone.h"
#include "model/route.h"

#define PROBE 8

struct entry {
    char sender[PHONE_MAX]; /* "" = free */
    bool limited;
    struct tbucket b;
};

struct senderlimit {
    struct entry *e;
    size_t mask;
    size_t used;
};

int senderlimit_new(struct senderlimit **out, size_t slots)
{
    size_t n = 16;
    while (n < slots && n < ((size_t)1 << 24))
        n <<= 1;
    struct senderlimit *l = calloc(1, sizeof *l);
    if (!l || !(l->e = calloc(n, sizeof *l->e))) {
        free(l);
        return -1;
    }
    l->mask = n - 1;
    *out = l;
    return 0;
}

void senderlimit_free(struct senderlimit *l)
{
    if (!l)
        return;
    free(l->e);
    free(l);
}

size_t senderlimit_count(const struct senderlimit *l) { return l ? l->used : 0; }

/* FNV-1a: short keys, no adversary gains from collisions but a shorter
 * memory of its own flood. */
static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static void fill(struct entry *e, const char *sender, int burst, int per_hour, int64_t now_ms)
{
    memset(e, 0, sizeof *e);
    snprintf(e->sender, sizeof e->sender, "%s", sender);
    tbucket_init(&e->b, per_hour / 3600.0, now_ms);
    e->b.burst = e->b.tokens = burst;
}

enum senderlimit_verdict senderlimit_take(struct senderlimit *l, const char *sender, int burst,
                                          int per_hour, int64_t now_ms)
{
    if (!l || !sender)
        return SENDER_OK;
    if (!*sender)
        sender = "-"; /* "" marks a free slot; senders without a number share one */
    if (burst < 1)
        burst = 1;
    if (per_hour < 1)
        per_hour = 1;
    size_t h = hash(sender);
    struct entry *slot = NULL, *fullest = NULL;
    double most = -1e300;
    for (size_t i = 0; i < PROBE; i++) {
        struct entry *e = &l->e[(h + i) & l->mask];
        if (e->sender[0] == '\0') {
            if (!slot)
                slot = e;
            continue;
        }
        if (strncmp(e->sender, sender, sizeof e->sender - 1) == 0) {
            slot = e;
            fullest = NULL;
            break;
        }
        tbucket_available(&e->b, now_ms); /* refills */
        if (e->b.tokens > most) {
            most = e->b.tokens;
            fullest = e;
        }
    }
    if (!slot || (slot->sender[0] == '\0')) {
        if (!slot)
            slot = fullest; /* forget the quietest neighbour */
        else
            l->used++;
        fill(slot, sender, burst, per_hour, now_ms);
    } else {
        /* A reload may have changed the limit: the next refill uses it. */
        slot->b.rate = per_hour / 3600.0;
        slot->b.burst = burst;
    }
    if (tbucket_take(&slot->b, now_ms, false) == 0) {
        slot->limited = false;
        return SENDER_OK;
    }
    bool first = !slot->limited;
    slot->limited = true;
    return first ? SENDER_LIMITED_FIRST : SENDER_LIMITED;
}
