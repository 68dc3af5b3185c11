/* SPDX-License-Identifier: Apache-2.0 */
/* schedule.c: pure schedule maths (see schedule.h). Given a schedule and an
 * instant, when is the next check-in due, in the client's IANA time zone?
 *
 * Time zones come from the C library: TZ is pointed at the zone, tzset() is
 * called, localtime_r() answers "what is the UTC offset at instant t", and
 * the previous TZ value is put back before returning. That is process-global
 * state (the environment and libc's zone cache): this module is only safe
 * because the daemon is single-threaded. Never call it from a worker thread.
 *
 * Local wall time -> instant is done here rather than by mktime(), because
 * mktime() is vague exactly where we care: for a time inside a
 * spring-forward gap it moves forward by the gap length (02:30 -> 03:30,
 * not the 03:00 we promise), and for an ambiguous fall-back time it may pick
 * either occurrence. We instead try every UTC offset in force around that
 * day, keep the earliest instant whose offset agrees with itself, and, when
 * none does (a gap), binary-search the transition instant. */
#include "model/schedule.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/tz.h"

#define DAY 86400
/* Instants outside this range are refused: keeps day arithmetic and
 * localtime_r far from overflow (about +-34,000 years). */
#define SCHED_LIMIT ((int64_t)1 << 40)

/* ---- TZ switching ------------------------------------------------------ */

struct tz_saved {
    bool changed;  /* we set TZ and must put it back */
    bool was_set;  /* TZ existed before */
    char buf[128]; /* its old value, when it fits */
    char *heap;    /* its old value otherwise (owned) */
};

/* Points TZ at zone tz (already validated). Returns 0, or -1 if the old
 * value could not be saved or TZ could not be set (nothing changed then).
 * When TZ already names this zone nothing is done: no setenv, no tzset
 * (glibc initialises its zone state from TZ on first use, and every change
 * we make is followed by tzset()). */
/* A batch (schedule_tz_batch_begin/end): TZ is not put back after each
 * call, only at the end, so a run over thousands of clients of one zone
 * reads the zone file once instead of twice per call (glibc's tzset()
 * re-reads the file whenever TZ changes). */
static bool batch_on;
static struct tz_saved batch_orig; /* what to put back at the batch's end */

static int tz_save(struct tz_saved *sv, const char *cur)
{
    sv->was_set = cur != NULL;
    sv->heap = NULL;
    if (cur != NULL) {
        size_t n = strlen(cur);
        if (n < sizeof sv->buf) {
            memcpy(sv->buf, cur, n + 1);
        } else {
            sv->heap = strdup(cur);
            if (sv->heap == NULL)
                return -1;
        }
    }
    return 0;
}

static int tz_enter(const char *tz, struct tz_saved *sv)
{
    char want[TZ_NAME_MAX + 1];
    const char *cur = getenv("TZ");

    sv->changed = false;
    sv->was_set = cur != NULL;
    sv->heap = NULL;
    want[0] = ':'; /* ":name" = a zone file, never a POSIX TZ rule string */
    memcpy(want + 1, tz, strlen(tz) + 1);
    if (cur != NULL && (strcmp(cur, want) == 0 || strcmp(cur, tz) == 0))
        return 0;
    if (batch_on) {
        /* sv stays unchanged: tz_leave does nothing; the batch's end puts
         * the first value back. */
        if (!batch_orig.changed) {
            if (tz_save(&batch_orig, cur) != 0)
                return -1;
            batch_orig.changed = true;
        }
        if (setenv("TZ", want, 1) != 0)
            return -1;
        tzset();
        return 0;
    }
    if (cur != NULL) {
        size_t n = strlen(cur);
        if (n < sizeof sv->buf) {
            memcpy(sv->buf, cur, n + 1);
        } else {
            sv->heap = strdup(cur);
            if (sv->heap == NULL)
                return -1;
        }
    }
    if (setenv("TZ", want, 1) != 0) {
        free(sv->heap);
        sv->heap = NULL;
        return -1;
    }
    sv->changed = true;
    tzset();
    return 0;
}

/* Puts back what tz_enter changed (TZ unset if it was unset). */
static void tz_leave(struct tz_saved *sv)
{
    if (!sv->changed)
        return;
    if (sv->was_set)
        setenv("TZ", sv->heap != NULL ? sv->heap : sv->buf, 1);
    else
        unsetenv("TZ");
    tzset();
    free(sv->heap);
    sv->heap = NULL;
    sv->changed = false;
}

void schedule_tz_batch_begin(void) { batch_on = true; }

void schedule_tz_batch_end(void)
{
    batch_on = false;
    tz_leave(&batch_orig);
}

/* ---- calendar arithmetic (proleptic Gregorian, no time zone) ------------ */

/* Days since 1970-01-01 of y-m-d (m 1..12). H. Hinnant's algorithm. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t schedule_days_from_civil(int year, int month, int day)
{
    return days_from_civil(year, month, day);
}

/* The inverse of days_from_civil, by the same author. */
void schedule_civil_from_days(int64_t days, int *year, int *month, int *day)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
}

/* tm_wday of a day number (1970-01-01 was a Thursday). */
static int weekday_of(int64_t days)
{
    int64_t w = (days + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* ---- local time <-> instant -------------------------------------------- */

/* UTC offset (seconds east) in force at instant t in the current TZ.
 * Returns 0, or -1 if the C library cannot convert t. */
static int offset_at(int64_t t, long *off)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if ((int64_t)tt != t || localtime_r(&tt, &tm) == NULL)
        return -1;
    *off = tm.tm_gmtoff;
    return 0;
}

/* The instant at which local wall time `wall` (seconds since the epoch as if
 * the zone were UTC) happens, in the current TZ. offs are the distinct UTC
 * offsets in force around that day. Ambiguous (fall-back) times give their
 * first occurrence; nonexistent (spring-forward) times give the first
 * instant after the gap. Returns 0 and *out, or -1. */
static int resolve_wall(int64_t wall, const long *offs, int noffs, int64_t *out)
{
    bool found = false;
    int64_t best = 0;

    for (int i = 0; i < noffs; i++) {
        int64_t t = wall - offs[i];
        long o;
        if (offset_at(t, &o) != 0)
            return -1;
        if (o == offs[i] && (!found || t < best)) {
            best = t;
            found = true;
        }
    }
    if (found) {
        *out = best;
        return 0;
    }

    /* A gap: no offset maps onto wall. With the offset before the change
     * (lo_off) wall lands after the transition, with the one after it
     * (hi_off) before: the transition lies in between. Find the first
     * instant whose offset is no longer the one in force at `lo`. */
    long min_off = offs[0], max_off = offs[0];
    for (int i = 1; i < noffs; i++) {
        if (offs[i] < min_off)
            min_off = offs[i];
        if (offs[i] > max_off)
            max_off = offs[i];
    }
    int64_t lo = wall - max_off, hi = wall - min_off; /* lo < transition <= hi */
    long lo_off;
    if (min_off == max_off || offset_at(lo, &lo_off) != 0)
        return -1;
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        long o;
        if (offset_at(mid, &o) != 0)
            return -1;
        if (o == lo_off)
            lo = mid;
        else
            hi = mid;
    }
    *out = hi;
    return 0;
}

/* Adds off to offs[] unless already there. */
static void add_offset(long *offs, int *n, long off)
{
    for (int i = 0; i < *n; i++)
        if (offs[i] == off)
            return;
    offs[(*n)++] = off;
}

/* The distinct UTC offsets in force around local day `day` (days since the
 * epoch) into offs[3]. Every instant of that local day lies within 14 h of
 * [midnight, midnight + 24 h] in UTC terms, so these probes see every
 * offset in force that day (zones change offset at most once a day).
 * Returns 0, or -1 if the C library cannot convert. */
static int day_offsets(int64_t day, long *offs, int *noffs)
{
    int64_t midnight = day * DAY;
    int64_t probes[3] = {midnight - DAY, midnight + DAY / 2, midnight + 2 * DAY};
    *noffs = 0;
    for (int i = 0; i < 3; i++) {
        long o;
        if (offset_at(probes[i], &o) != 0)
            return -1;
        add_offset(offs, noffs, o);
    }
    return 0;
}

/* ---- public ------------------------------------------------------------ */

/* Resolves every time of s on local day `day` (days since the epoch) and
 * keeps in *best the earliest instant > after. Returns 0, or -1 if the C
 * library cannot convert. Days whose weekday bit is clear are skipped. */
static int day_best(const struct gw_schedule *s, int64_t day, int64_t after, int64_t *best,
                    bool *found)
{
    if (!(s->days & (1u << weekday_of(day))))
        return 0;
    int64_t midnight = day * DAY; /* local midnight, as if the zone were UTC */
    long offs[3];
    int noffs = 0;
    if (day_offsets(day, offs, &noffs) != 0)
        return -1;
    for (int i = 0; i < s->ntimes; i++) {
        int minute = s->times[i];
        int64_t t;
        if (minute < 0 || minute >= 24 * 60)
            continue; /* config.c refuses these; never schedule garbage */
        if (resolve_wall(midnight + (int64_t)minute * 60, offs, noffs, &t) != 0)
            return -1;
        if (t > after && (!*found || t < *best)) {
            *best = t;
            *found = true;
        }
    }
    return 0;
}

/* Candidates: each local day from the date of `after` for 9 days (today,
 * the same weekday next week, one day of slack), each time in s->times on
 * the days whose weekday bit is set. The answer is the earliest candidate
 * strictly after `after`. Because an ambiguous time always resolves to its
 * first occurrence, calling again with after = that answer moves on instead
 * of producing the second occurrence. Two schedule times inside the same
 * gap (02:15 and 02:45) both map to the gap's end and so yield one
 * check-in, not two. */
int schedule_next(const struct gw_schedule *s, const char *tz, int64_t after, int64_t *due)
{
    struct tz_saved sv;
    struct tm tm;
    int rc = -1;
    bool found = false;
    int64_t best = 0;

    if (s == NULL || due == NULL || s->ntimes <= 0 || s->ntimes > CFG_MAX_TIMES ||
        (s->days & 0x7fu) == 0 || after < -SCHED_LIMIT || after > SCHED_LIMIT)
        return -1;
    if (!tz_known(tz))
        return -1;
    if (tz_enter(tz, &sv) != 0)
        return -1;

    time_t ta = (time_t)after;
    if ((int64_t)ta != after || localtime_r(&ta, &tm) == NULL)
        goto out;
    int64_t day0 = days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);

    for (int k = 0; k <= 8; k++) {
        if (day_best(s, day0 + k, after, &best, &found) != 0)
            goto out;
        if (found) {
            /* A later day cannot beat a candidate of this day, except
             * through a gap that ends after midnight: one more day covers
             * that. */
            if (k < 8 && day_best(s, day0 + k + 1, after, &best, &found) != 0)
                goto out;
            break;
        }
    }
    if (found) {
        *due = best;
        rc = 0;
    }
out:
    tz_leave(&sv);
    return rc;
}

/* Accepts "HH:MM" and, for hand-written config, "H:MM"; minutes always two
 * digits ("9:5" is refused: 09:05 or 09:50?). Nothing else may follow. */
int schedule_parse_hhmm(const char *s)
{
    int h = 0, m = 0, i = 0;

    if (s == NULL)
        return -1;
    while (i < 2 && s[i] >= '0' && s[i] <= '9')
        h = h * 10 + (s[i++] - '0');
    if (i == 0 || s[i] != ':')
        return -1;
    s += i + 1;
    if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') || s[2] != '\0')
        return -1;
    m = (s[0] - '0') * 10 + (s[1] - '0');
    if (h > 23 || m > 59)
        return -1;
    return h * 60 + m;
}

int schedule_parse_weekday(const char *s)
{
    static const char *const names[7][2] = {
        {"sun", "sunday"},   {"mon", "monday"}, {"tue", "tuesday"}, {"wed", "wednesday"},
        {"thu", "thursday"}, {"fri", "friday"}, {"sat", "saturday"},
    };
    if (s == NULL)
        return -1;
    for (int i = 0; i < 7; i++)
        if (strcasecmp(s, names[i][0]) == 0 || strcasecmp(s, names[i][1]) == 0)
            return i;
    return -1;
}

/* Writes "YYYY-MM-DD HH:MM ZZZ". Returns 0, or -1 if tz is unknown, t is
 * out of range or out is too small (then out is "" when outsz > 0). */
int schedule_local_time(int64_t t, const char *tz, int *wday, int *minute)
{
    struct tz_saved sv;
    struct tm tm;
    time_t tt = (time_t)t;
    int rc = -1;

    if (wday == NULL || minute == NULL || !tz_known(tz) || (int64_t)tt != t ||
        t < -SCHED_LIMIT || t > SCHED_LIMIT || tz_enter(tz, &sv) != 0)
        return -1;
    if (localtime_r(&tt, &tm) != NULL) {
        *wday = tm.tm_wday;
        *minute = tm.tm_hour * 60 + tm.tm_min;
        rc = 0;
    }
    tz_leave(&sv);
    return rc;
}

/* The instant local midnight of day d begins in the current TZ. */
static int midnight_of(int64_t d, int64_t *out)
{
    long offs[3];
    int noffs = 0;
    if (day_offsets(d, offs, &noffs) != 0)
        return -1;
    return resolve_wall(d * DAY, offs, noffs, out);
}

int schedule_local_day(int64_t t, const char *tz, int64_t *day, int64_t *start, int64_t *end)
{
    struct tz_saved sv;
    struct tm tm;
    time_t tt = (time_t)t;
    int64_t d, s, e;
    int rc = -1;

    if (day == NULL || start == NULL || end == NULL || !tz_known(tz) || (int64_t)tt != t ||
        t < -SCHED_LIMIT || t > SCHED_LIMIT || tz_enter(tz, &sv) != 0)
        return -1;
    if (localtime_r(&tt, &tm) != NULL) {
        d = days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        if (midnight_of(d, &s) == 0 && midnight_of(d + 1, &e) == 0 && s <= t && t < e) {
            *day = d;
            *start = s;
            *end = e;
            rc = 0;
        }
    }
    tz_leave(&sv);
    return rc;
}

int schedule_format_local(int64_t t, const char *tz, char *out, size_t outsz)
{
    struct tz_saved sv;
    struct tm tm;
    int rc = -1;
    time_t tt = (time_t)t;

    if (out == NULL || outsz == 0)
        return -1;
    out[0] = '\0';
    if (!tz_known(tz) || (int64_t)tt != t || t < -SCHED_LIMIT || t > SCHED_LIMIT)
        return -1;
    if (tz_enter(tz, &sv) != 0)
        return -1;
    /* strftime reads tm_zone, which points into libc's zone data: format
     * before TZ is put back. */
    if (localtime_r(&tt, &tm) != NULL && strftime(out, outsz, "%Y-%m-%d %H:%M %Z", &tm) > 0)
        rc = 0;
    else
        out[0] = '\0';
    tz_leave(&sv);
    return rc;
}

/* ---- jitter, quiet hours, the plan ---------------------------------------- */

/* splitmix64: a well-mixed 64-bit hash, so neighbouring client ids and
 * slots give unrelated offsets. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

int64_t schedule_jitter(int64_t client_id, int64_t slot, int max_seconds)
{
    if (max_seconds <= 0)
        return 0;
    uint64_t h = mix64((uint64_t)client_id ^ mix64((uint64_t)slot));
    return (int64_t)(h % (uint64_t)max_seconds);
}

/* Whether minute-of-day m is inside q. */
static bool quiet_has(const struct gw_quiet *q, int m)
{
    if (q->start < q->end)
        return m >= q->start && m < q->end;
    return m >= q->start || m < q->end; /* wraps midnight */
}

/* In the current TZ: see schedule_quiet_end. */
static int quiet_end_here(const struct gw_quiet *q, int64_t t, int64_t *end)
{
    struct tm tm;
    time_t tt = (time_t)t;
    *end = t;
    if ((int64_t)tt != t || localtime_r(&tt, &tm) == NULL)
        return -1;
    int m = tm.tm_hour * 60 + tm.tm_min;
    if (!quiet_has(q, m))
        return 0;
    int64_t day = days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    /* The evening part of a period that wraps midnight ends tomorrow. */
    if (q->start > q->end && m >= q->start)
        day++;
    long offs[3];
    int noffs = 0;
    int64_t e;
    if (day_offsets(day, offs, &noffs) != 0 ||
        resolve_wall(day * DAY + (int64_t)q->end * 60, offs, noffs, &e) != 0)
        return -1;
    /* A fall-back repeat of the quiet end can resolve before t: then t
     * is in the repeated hour, after the quiet period really ended. */
    if (e > t)
        *end = e;
    return 0;
}

int schedule_quiet_end(const struct gw_quiet *q, const char *tz, int64_t t, int64_t *end)
{
    struct tz_saved sv;
    if (end == NULL)
        return -1;
    *end = t;
    if (q == NULL || !q->enabled)
        return 0;
    if (t < -SCHED_LIMIT || t > SCHED_LIMIT || !tz_known(tz) || tz_enter(tz, &sv) != 0)
        return -1;
    int rc = quiet_end_here(q, t, end);
    tz_leave(&sv);
    return rc;
}

int schedule_plan(const struct gw_schedule *s, const struct gw_quiet *q, const char *tz,
                  int64_t client_id, int64_t after, int64_t *slot, int64_t *send)
{
    int64_t sl, j, t, e;
    if (slot == NULL || send == NULL || schedule_next(s, tz, after, &sl) != 0)
        return -1;
    j = schedule_jitter(client_id, sl, s->jitter_minutes * 60);
    t = sl + j;
    if (schedule_quiet_end(q, tz, t, &e) != 0)
        return -1;
    if (e != t) {
        /* Deferred to the end of quiet hours, spread again by the same
         * jitter so a whole program does not go out at that minute; if
         * that lands in quiet hours again, the end itself. */
        int64_t e2;
        if (schedule_quiet_end(q, tz, e + j, &e2) != 0)
            return -1;
        t = e2 == e + j ? e + j : e;
    }
    *slot = sl;
    *send = t;
    return 0;
}

int schedule_local_instant(const char *tz, int year, int month, int day, int minute,
                           int64_t *out)
{
    struct tz_saved sv;
    if (out == NULL || year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        minute < 0 || minute >= 24 * 60)
        return -1;
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > mdays[month - 1] || (month == 2 && day == 29 && !leap))
        return -1;
    if (!tz_known(tz) || tz_enter(tz, &sv) != 0)
        return -1;
    int64_t d = days_from_civil(year, month, day);
    long offs[3];
    int noffs = 0;
    int rc = -1;
    if (day_offsets(d, offs, &noffs) == 0 &&
        resolve_wall(d * DAY + (int64_t)minute * 60, offs, noffs, out) == 0)
        rc = 0;
    tz_leave(&sv);
    return rc;
}
