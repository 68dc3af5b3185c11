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
#include "config.h"

/* Returns the first due instant strictly after `after` (unix seconds) for
 * schedule s in zone tz, in *due. Returns 0, or -1 if tz is unknown or the
 * schedule has no times or no days. Looks at most 8 days ahead. */
int schedule_next(const struct gw_schedule *s, const char *tz, int64_t after, int64_t *due);

/* "HH:MM" (00:00-23:59) -> minutes after midnight; -1 if malformed. */
int schedule_parse_hhmm(const char *s);
/* "mon".."sun", also "monday".., case-insensitive -> tm_wday (0 = Sunday); -1 if not. */
int schedule_parse_weekday(const char *s);

/* Local wall-clock time of instant t in tz, as "2026-11-23 09:00 EST" into out.
 * Returns 0, or -1 if tz is unknown. For people, not for parsing. */
int schedule_format_local(int64_t t, const char *tz, char *out, size_t outsz);

#endif
