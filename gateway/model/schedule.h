/* SPDX-License-Identifier: Apache-2.0 */
/* schedule.h: pure schedule maths. Given a schedule (times of day and
 * weekdays, in the client's IANA zone) and an instant, when is the next
 * check-in due? No clock is read: the caller passes the instant.
 *
 * Daylight-saving rules: a local time that does not exist on a spring-forward
 * day (02:30 in New York) is sent at the first instant after the gap (03:00
 * local wall time that day); a local time that happens twice on a fall-back
 * day is sent once, at its first occurrence. So no check-in is skipped or
 * sent twice when the clocks move. */
#ifndef GW_SCHEDULE_H
#define GW_SCHEDULE_H

#include <stdint.h>
#include "model/settings.h"

/* Returns the first due instant strictly after `after` (unix seconds) for
 * schedule s in zone tz, in *due. Returns 0, or -1 if tz is unknown or the
 * schedule has no times or no days. Looks at most 8 days ahead. */
int schedule_next(const struct gw_schedule *s, const char *tz, int64_t after, int64_t *due);

/* "HH:MM" (00:00-23:59) -> minutes after midnight; -1 if malformed. */
int schedule_parse_hhmm(const char *s);
/* "mon".."sun", also "monday".., case-insensitive -> tm_wday (0 = Sunday); -1 if not. */
int schedule_parse_weekday(const char *s);

/* The local weekday (0 = Sunday) and minute after midnight (0-1439) of
 * instant t in zone tz: what a shift rota or quiet hours compare against.
 * Across a DST change the wall clock jumps, and so does *minute. Returns 0,
 * or -1 if tz is unknown (outputs untouched). */
int schedule_local_time(int64_t t, const char *tz, int *wday, int *minute);

/* The local calendar day of instant t in zone tz: *day is that date as
 * days since 1970-01-01 (a key that changes at local midnight, not at UTC
 * midnight), *start the instant the day began and *end the instant the next
 * one begins (with the DST rules above; a day is 23, 24 or 25 hours long).
 * What a daily count in the program's day keys on. Returns 0, or -1 if tz
 * is unknown or t out of range (outputs untouched). */
int schedule_local_day(int64_t t, const char *tz, int64_t *day, int64_t *start, int64_t *end);

/* Local wall-clock time of instant t in tz, as "2026-11-23 09:00 EST" into out.
 * Returns 0, or -1 if tz is unknown. For people, not for parsing. */
int schedule_format_local(int64_t t, const char *tz, char *out, size_t outsz);

/* Around a run over many clients (the scheduler's batches): between begin
 * and end, TZ is left at the last zone used instead of being put back after
 * every call, and put back once at the end. Same answers, a fraction of the
 * cost (no zone file read per call). Not nested. */
void schedule_tz_batch_begin(void);
void schedule_tz_batch_end(void);

/* The jitter of client client_id's check-in at slot: a deterministic
 * offset in [0, max_seconds) (0 when max_seconds <= 0), so the clients of a
 * schedule are spread over its jitter instead of sent in the same second,
 * and the same client and slot always get the same offset. */
int64_t schedule_jitter(int64_t client_id, int64_t slot, int max_seconds);

/* If instant t is inside quiet hours q in zone tz, *end is the instant they
 * end (local q->end, DST-aware); otherwise *end = t. q NULL or disabled:
 * never quiet. Returns 0, or -1 if tz is unknown. */
int schedule_quiet_end(const struct gw_quiet *q, const char *tz, int64_t t, int64_t *end);

/* The client's next check-in: the first slot of s strictly after `after`
 * (*slot, the nominal time) and when it is sent (*send): the slot plus the
 * client's jitter; when that is inside quiet hours, the end of the quiet
 * hours plus the same jitter. A slot is never sent early. Returns 0, or -1
 * (unknown zone, empty schedule). */
int schedule_plan(const struct gw_schedule *s, const struct gw_quiet *q, const char *tz,
                  int64_t client_id, int64_t after, int64_t *slot, int64_t *send);

/* The instant of local date year-month-day at minute (after midnight) in
 * tz, with the DST rules above (a time in a gap is the gap's end, a repeated
 * time its first occurrence). Returns 0, or -1 for an invalid date or zone. */
int schedule_local_instant(const char *tz, int year, int month, int day, int minute,
                           int64_t *out);

/* Calendar dates <-> days since 1970-01-01 (proleptic Gregorian, no zone):
 * the day numbers schedule_local_day gives. Pure arithmetic. */
int64_t schedule_days_from_civil(int year, int month, int day);
void schedule_civil_from_days(int64_t days, int *year, int *month, int *day);

#endif
