/* SPDX-License-Identifier: Apache-2.0 */
/* daycap.h: pure daily caps on ordinary outbound messages, per recipient
 * number and for the whole program (no I/O, no clock, no time zone: the
 * day is passed in as a key that changes when the day does; the outbox
 * passes the local date in program.timezone, see schedule_local_day).
 *
 * The outbox reserves a message's place before it hands it to a provider
 * and releases it when the attempt does not end in "sent", so messages in
 * flight count and a cap cannot be overrun by a burst. A new day starts
 * from zero. Memory: one entry per number messaged that day, at most
 * DAYCAP_MAX_NUMBERS (past that, the program is treated as capped). */
#ifndef GW_DAYCAP_H
#define GW_DAYCAP_H

#include <stddef.h>
#include <stdint.h>

#define DAYCAP_MAX_NUMBERS (1 << 20)

struct daycap;

/* Returns 0 and *out (free with daycap_free), or -1 out of memory. */
int daycap_new(struct daycap **out);
void daycap_free(struct daycap *d); /* NULL is a no-op */

enum daycap_verdict {
    DAYCAP_OK = 0,   /* reserved */
    DAYCAP_CLIENT,   /* `to` has had per_client today */
    DAYCAP_PROGRAM,  /* the program has had per_program today */
    DAYCAP_NOMEM,    /* out of memory or over DAYCAP_MAX_NUMBERS */
};
/* Reserves one message to `to` on `day`. */
enum daycap_verdict daycap_reserve(struct daycap *d, int64_t day, const char *to, int per_client,
                                   int per_program);
/* Gives back a reservation of `day` (a no-op once the day has changed). */
void daycap_release(struct daycap *d, int64_t day, const char *to);
/* Counts n messages already sent to `to` on `day` (seeding at start). */
void daycap_add(struct daycap *d, int64_t day, const char *to, int n);
/* Messages counted on `day` (0 for another day). */
int64_t daycap_total(const struct daycap *d, int64_t day);
/* Messages counted to `to` on `day`. */
int daycap_count(const struct daycap *d, int64_t day, const char *to);

#endif
