/* SPDX-License-Identifier: Apache-2.0 */
/* smsjoin.c: joining concatenated SMS parts. Pure: see smsjoin.h. */
#include "modem/smsjoin.h"

#include <stdlib.h>
#include <string.h>

struct smsjoin {
    struct smsjoin_set *set[SMSJOIN_MAX_SETS];
};

struct smsjoin *smsjoin_new(void) { return calloc(1, sizeof(struct smsjoin)); }

void smsjoin_free(struct smsjoin *j)
{
    if (j == NULL)
        return;
    for (size_t i = 0; i < SMSJOIN_MAX_SETS; i++)
        free(j->set[i]);
    free(j);
}

bool smsjoin_wanted(const struct sms_pdu *p)
{
    return p->type == SMS_TYPE_DELIVER && p->concat && p->concat_total > 1 &&
           p->concat_total <= SMSJOIN_MAX_PARTS;
}

struct smsjoin_set *smsjoin_add(struct smsjoin *j, const struct sms_pdu *p, int index,
                                uint64_t hash, int64_t now)
{
    struct smsjoin_set *s = NULL;
    struct smsjoin_part *part;
    size_t free_slot = SMSJOIN_MAX_SETS;

    for (size_t i = 0; i < SMSJOIN_MAX_SETS; i++) {
        struct smsjoin_set *c = j->set[i];
        if (c == NULL) {
            if (free_slot == SMSJOIN_MAX_SETS)
                free_slot = i;
            continue;
        }
        if (c->ref == p->concat_ref && c->total == p->concat_total &&
            strcmp(c->from, p->addr) == 0) {
            s = c;
            break;
        }
    }
    if (s == NULL) {
        if (free_slot == SMSJOIN_MAX_SETS)
            return NULL; /* the caller hands over the oldest (smsjoin_ready) first */
        s = calloc(1, sizeof *s);
        if (s == NULL)
            return NULL;
        memcpy(s->from, p->addr, sizeof s->from);
        s->ref = p->concat_ref;
        s->total = p->concat_total;
        s->first_seen = now;
        s->scts = p->scts;
        j->set[free_slot] = s;
    }
    part = &s->part[p->concat_seq - 1];
    if (!part->present) {
        part->present = true;
        part->len = p->text_len < sizeof part->text ? p->text_len : sizeof part->text - 1;
        memcpy(part->text, p->text, part->len);
        part->text[part->len] = '\0';
        s->have++;
        if (p->scts != 0 && (s->scts == 0 || p->scts < s->scts))
            s->scts = p->scts;
    }
    part->index = index;
    part->hash = hash;
    return s;
}

bool smsjoin_complete(const struct smsjoin_set *s) { return s->have == s->total; }

struct smsjoin_set *smsjoin_ready(struct smsjoin *j, int64_t now, int64_t timeout)
{
    struct smsjoin_set *oldest = NULL;
    size_t open = 0;

    for (size_t i = 0; i < SMSJOIN_MAX_SETS; i++) {
        struct smsjoin_set *s = j->set[i];
        if (s == NULL)
            continue;
        open++;
        if (smsjoin_complete(s) || now - s->first_seen >= timeout)
            return s;
        if (oldest == NULL || s->first_seen < oldest->first_seen)
            oldest = s;
    }
    return open == SMSJOIN_MAX_SETS ? oldest : NULL;
}

int64_t smsjoin_next_due(const struct smsjoin *j, int64_t now, int64_t timeout)
{
    int64_t best = -1;
    for (size_t i = 0; i < SMSJOIN_MAX_SETS; i++) {
        const struct smsjoin_set *s = j->set[i];
        int64_t due;
        if (s == NULL)
            continue;
        due = smsjoin_complete(s) ? 0 : s->first_seen + timeout - now;
        if (due < 0)
            due = 0;
        if (best < 0 || due < best)
            best = due;
    }
    return best;
}

size_t smsjoin_text(const struct smsjoin_set *s, char *out, size_t outsz)
{
    size_t o = 0;
    if (outsz == 0)
        return 0;
    for (unsigned i = 0; i < s->total; i++) {
        const struct smsjoin_part *p = &s->part[i];
        size_t n;
        if (!p->present)
            continue;
        n = p->len < outsz - 1 - o ? p->len : outsz - 1 - o;
        memcpy(out + o, p->text, n);
        o += n;
    }
    out[o] = '\0';
    return o;
}

uint64_t smsjoin_id(const struct smsjoin_set *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned i = 0; i < s->total; i++) {
        uint64_t v = s->part[i].present ? s->part[i].hash : 0;
        for (int k = 0; k < 8; k++) {
            h ^= (v >> (8 * k)) & 0xFF;
            h *= 0x100000001b3ULL;
        }
    }
    return h;
}

void smsjoin_remove(struct smsjoin *j, struct smsjoin_set *s)
{
    for (size_t i = 0; i < SMSJOIN_MAX_SETS; i++)
        if (j->set[i] == s) {
            free(s);
            j->set[i] = NULL;
            return;
        }
}

size_t smsjoin_count(const struct smsjoin *j)
{
    size_t n = 0;
    for (size_t i = 0; i < SMSJOIN_MAX_SETS; i++)
        n += j->set[i] != NULL;
    return n;
}
