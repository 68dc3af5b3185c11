/* SPDX-License-Identifier: Apache-2.0 */
/* caring.h: pure plan of a caring-contacts schedule (kind = "caring").
 *
 * Caring contacts are short messages that expect no reply, sent on days
 * after the client's enrolment (their local calendar day) and on their
 * birthday, at a time inside the schedule's window that varies from contact
 * to contact but is a hash of (client, date): a restart or a re-plan finds
 * the same instant, so nothing is sent twice or moved. Quiet hours defer a
 * contact to their end, as they do a check-in. No clock is read. */
#ifndef GW_CARING_H
#define GW_CARING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/settings.h"

/* One planned contact. */
struct caring_slot {
    int64_t slot;      /* its varied time inside the window (the nominal instant) */
    int64_t send;      /* when it goes: slot, or the end of quiet hours */
    int64_t day;       /* its local date, days since 1970-01-01 */
    bool birthday;     /* a birthday contact (else day_offset's) */
    int day_offset;    /* days after enrolment (also set for a birthday) */
    int ordinal;       /* index in days_after_enrolment; the birthday: its year */
};

/* "MM-DD" (01-01 to 12-31, 02-29 allowed) -> month and day. Returns 0, or
 * -1 if s is not such a date (month and day untouched). */
int caring_parse_birthday(const char *s, int *month, int *day);

/* The local date (days since 1970-01-01) of the birthday month-day in year:
 * 29 February is the 28th in a year that has none. */
int64_t caring_birthday_day(int year, int month, int day);

/* The first contact of caring schedule s whose slot is strictly after
 * `after`, for client client_id enrolled at instant enrolled_at, in zone tz,
 * with birthday "MM-DD" ("" or NULL: unknown). Contacts are the days of
 * s->caring_days after the local enrolment date and each birthday after the
 * enrolment date up to the last of those days; a birthday on one of those
 * days is sent instead of that day's contact. Returns 0 with *out, 1 when
 * the plan has no contact left, -1 (unknown zone, not a caring schedule). */
int caring_next(const struct gw_schedule *s, const struct gw_quiet *q, const char *tz,
                int64_t client_id, int64_t enrolled_at, const char *birthday, int64_t after,
                struct caring_slot *out);

/* The key that marks a contact sent (stored, unique per client):
 * "day-30", "birthday-2027". */
void caring_key(const struct caring_slot *c, char *out, size_t outsz);

/* The text of contact c for client client_id in language l: the birthday
 * text for a birthday when the schedule has one, else the rotation (each
 * client starts at its own place, then the next text per contact). Borrowed
 * from s; a language without its own text gets the English one. */
const char *caring_text(const struct gw_schedule *s, int64_t client_id,
                        const struct caring_slot *c, enum lang l);

#endif
