/* SPDX-License-Identifier: Apache-2.0 */
/* smsjoin.h: pure joining of concatenated SMS parts (3GPP TS 23.040
 * 9.2.3.24.1) as they arrive from a modem: by sender, reference and part
 * count; parts may come in any order and more than once (a SIM re-read).
 * A set that stays incomplete past a time-out is handed over as what
 * arrived, so nothing is held back for ever. The clock is passed in.
 * Each part keeps the modem's storage index, so the caller deletes the
 * parts only once the joined text is committed. */
#ifndef GW_SMSJOIN_H
#define GW_SMSJOIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "modem/pdu.h"

#define SMSJOIN_MAX_PARTS 16 /* a set announcing more is not joined: each part stands alone */
#define SMSJOIN_MAX_SETS  32 /* more open sets: the oldest is handed over early */

struct smsjoin_part {
    bool present;
    int index;                /* the modem's storage index */
    uint64_t hash;            /* FNV-1a of the part's PDU: a stable id */
    size_t len;
    char text[SMS_TEXT_MAX];
};

struct smsjoin_set {
    char from[SMS_ADDR_MAX];
    unsigned ref, total, have;
    int64_t first_seen;       /* when its first part arrived (the caller's clock) */
    int64_t scts;             /* the earliest part's time stamp */
    struct smsjoin_part part[SMSJOIN_MAX_PARTS]; /* [seq - 1] */
};

struct smsjoin;

struct smsjoin *smsjoin_new(void);        /* NULL when out of memory */
void smsjoin_free(struct smsjoin *j);     /* NULL is a no-op */

/* Whether p (a decoded SMS-DELIVER) should go through the joiner. */
bool smsjoin_wanted(const struct sms_pdu *p);

/* Adds part p stored at `index` (hash: a stable id of its PDU). A part
 * seen before (same seq) only updates its index. Returns its set
 * (borrowed; valid until smsjoin_remove), or NULL when out of memory. */
struct smsjoin_set *smsjoin_add(struct smsjoin *j, const struct sms_pdu *p, int index,
                                uint64_t hash, int64_t now);

bool smsjoin_complete(const struct smsjoin_set *s);

/* The first set that is complete, or incomplete and older than timeout
 * seconds, or (when SMSJOIN_MAX_SETS are open) the oldest; NULL if none. */
struct smsjoin_set *smsjoin_ready(struct smsjoin *j, int64_t now, int64_t timeout);

/* Seconds until the oldest incomplete set times out (0 if one is already
 * due), or -1 if no set is open. */
int64_t smsjoin_next_due(const struct smsjoin *j, int64_t now, int64_t timeout);

/* The present parts' text in order into out (outsz bytes, NUL-terminated;
 * SMSJOIN_MAX_PARTS * SMS_TEXT_MAX is always enough). Returns the length. */
size_t smsjoin_text(const struct smsjoin_set *s, char *out, size_t outsz);

/* A stable id of the set's present parts (for de-duplication). */
uint64_t smsjoin_id(const struct smsjoin_set *s);

/* Forgets s (after the caller committed and deleted it). */
void smsjoin_remove(struct smsjoin *j, struct smsjoin_set *s);

/* Number of open sets. */
size_t smsjoin_count(const struct smsjoin *j);

#endif
