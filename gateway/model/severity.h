/* SPDX-License-Identifier: Apache-2.0 */
/* severity.h: pure escalation rules. No I/O, no clock read: the caller
 * passes the reply, the recent scores, the time.
 *
 * urgent  crisis language, negated or not (safety rule 4);
 * high    a score at or below the schedule's threshold; talk of relapse
 *         (escalation.relapse can move it to urgent or watch);
 * watch   a falling trend (several drops in a row, or a weekly mean that fell
 *         by a set amount) or several missed check-ins in a row: these go
 *         into the daily digest, not into an instant alert. */
#ifndef GW_SEVERITY_H
#define GW_SEVERITY_H

#include <stddef.h>
#include <stdint.h>

#include "model/settings.h"
#include "model/reply.h"
#include "model/states.h" /* enum severity: SEV_NONE, SEV_WATCH, SEV_HIGH, SEV_URGENT */

/* "none", "watch", "high", "urgent" */
const char *severity_name(enum severity s);
/* The inverse of severity_name; SEV_NONE for anything else. */
enum severity severity_parse(const char *name);

/* The severity of one reply under schedule s (NULL: the default 1-10 scale
 * and threshold 2) and the rules esc (NULL: relapse is high). Writes a short
 * human reason ("crisis language (self_death,means)", "score 2 <= 2") into
 * reason. Crisis language is urgent; denied ("not suicidal"), high. A
 * request for contact or a serious life event is high; risk words about
 * somebody else, the past or a group's topic, watch. */
enum severity escalate_severity(const struct reply_result *r, const struct gw_schedule *s,
                                const struct gw_escalation *esc, char *reason,
                                size_t reasonsz);

/* Whether the escalation of r answers the client with the crisis text
 * (988): crisis language not denied, a low score, relapse. Not a denial, a
 * request for contact or a life event alone: a person reaches out. */
bool severity_sends_crisis_text(const struct reply_result *r, const struct gw_schedule *s,
                                const struct gw_escalation *esc);

/* One recorded mood on the 0-100 scale. */
struct trend_point {
    int64_t at;
    double norm;
};

#define TREND_DAY  86400
#define TREND_WEEK (7 * TREND_DAY)

/* The watch rules over a client's moods p[0..n) (oldest first) and the
 * number of check-ins missed in a row up to now. Returns SEV_WATCH with the
 * reasons ("3 drops in a row (70 -> 30); ...") in reason, or SEV_NONE. A
 * rule set to 0 is off. The weekly mean compares the 7 days up to now with
 * the 7 days before them; both weeks need a score. */
enum severity severity_of_trend(const struct gw_escalation *esc, const struct trend_point *p,
                                size_t n, int missed_in_row, int64_t now, char *reason,
                                size_t reasonsz);

/* Whether shift o covers the local weekday wday (0 = Sunday) at minute
 * (0-1439). A shift whose end is not after its start runs past midnight
 * into the next day (end == start: 24 hours); days are the days it starts. */
int oncall_covers(const struct gw_oncall *o, int wday, int minute);

/* The minutes from local weekday wday, minute until one of the n shifts
 * covers it (0: one does now), at most a week ahead; -1 if none ever does
 * (n == 0). Wall-clock minutes: a DST change in between shifts the answer
 * by its hour. */
int shifts_minutes_until(const struct gw_oncall *shifts, int n, int wday, int minute);

#endif
