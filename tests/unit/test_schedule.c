/* SPDX-License-Identifier: Apache-2.0 */
/* test_schedule.c: schedule_next across zones, weekdays and DST changes;
 * hh:mm and weekday parsing; formatting; TZ left as it was found. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "model/schedule.h"
#include "model/severity.h"

#define ALL_DAYS 0x7fu
#define WEEKDAYS 0x3eu /* Mon..Fri */

/* "2026-11-23 14:00" (UTC) -> unix seconds. */
static int64_t utc(const char *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int n = sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                   &tm.tm_min);
    assert_int_equal(n, 5);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm);
}

static struct gw_schedule sched(unsigned days, int ntimes, ...)
{
    struct gw_schedule s;
    va_list ap;
    memset(&s, 0, sizeof s);
    snprintf(s.name, sizeof s.name, "test");
    s.days = days;
    s.ntimes = ntimes;
    va_start(ap, ntimes);
    for (int i = 0; i < ntimes; i++)
        s.times[i] = va_arg(ap, int);
    va_end(ap);
    s.scale_min = 1;
    s.scale_max = 10;
    return s;
}

#define HM(h, m) ((h) * 60 + (m))

static void expect_next(const struct gw_schedule *s, const char *tz, const char *after_utc,
                        const char *due_utc)
{
    int64_t due = 0;
    assert_int_equal(schedule_next(s, tz, utc(after_utc), &due), 0);
    if (due != utc(due_utc)) {
        char got[64];
        time_t t = (time_t)due;
        strftime(got, sizeof got, "%Y-%m-%d %H:%M:%S", gmtime(&t));
        fail_msg("%s after %s: got %s UTC, want %s UTC", tz, after_utc, got, due_utc);
    }
}

static void expect_local(int64_t t, const char *tz, const char *want)
{
    char buf[64];
    assert_int_equal(schedule_format_local(t, tz, buf, sizeof buf), 0);
    assert_string_equal(buf, want);
}

/* ---- ordinary days ----------------------------------------------------- */

static void test_new_york_normal(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(9, 0));
    /* 07:00 EST Monday -> 09:00 EST the same day */
    expect_next(&s, "America/New_York", "2026-11-23 12:00", "2026-11-23 14:00");
    /* exactly at the due instant: strictly after, so the next day */
    expect_next(&s, "America/New_York", "2026-11-23 14:00", "2026-11-24 14:00");
    /* one second before */
    int64_t due;
    assert_int_equal(schedule_next(&s, "America/New_York", utc("2026-11-23 14:00") - 1, &due), 0);
    assert_int_equal(due, utc("2026-11-23 14:00"));
    /* summer: EDT */
    expect_next(&s, "America/New_York", "2026-07-01 00:00", "2026-07-01 13:00");
    /* late evening local (but already the next day in UTC) */
    expect_next(&s, "America/New_York", "2026-11-24 03:00", "2026-11-24 14:00");
}

static void test_multiple_times(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 3, HM(9, 0), HM(13, 30), HM(20, 0));
    expect_next(&s, "America/New_York", "2026-11-23 12:00", "2026-11-23 14:00");
    expect_next(&s, "America/New_York", "2026-11-23 14:00", "2026-11-23 18:30");
    expect_next(&s, "America/New_York", "2026-11-23 18:30", "2026-11-24 01:00");
    expect_next(&s, "America/New_York", "2026-11-24 01:00", "2026-11-24 14:00");
}

static void test_unsorted_times(void **state)
{
    (void)state;
    /* config.c sorts them, but the maths must not depend on it */
    struct gw_schedule s = sched(ALL_DAYS, 2, HM(20, 0), HM(9, 0));
    expect_next(&s, "UTC", "2026-11-23 08:00", "2026-11-23 09:00");
    expect_next(&s, "UTC", "2026-11-23 09:00", "2026-11-23 20:00");
}

static void test_weekdays_only(void **state)
{
    (void)state;
    struct gw_schedule s = sched(WEEKDAYS, 1, HM(9, 0));
    /* Friday 2026-11-27 18:00 EST -> Monday 2026-11-30 09:00 EST */
    expect_next(&s, "America/New_York", "2026-11-27 23:00", "2026-11-30 14:00");
    /* Saturday -> Monday */
    expect_next(&s, "America/New_York", "2026-11-28 12:00", "2026-11-30 14:00");
    /* Friday 20:00 EST is already Saturday 01:00 UTC: the local weekday counts */
    expect_next(&s, "America/New_York", "2026-11-28 01:00", "2026-11-30 14:00");
    /* Friday 08:00 EST -> Friday 09:00 */
    expect_next(&s, "America/New_York", "2026-11-27 13:00", "2026-11-27 14:00");
}

static void test_single_weekday_a_week_ahead(void **state)
{
    (void)state;
    struct gw_schedule s = sched(1u << 1, 1, HM(9, 0)); /* Mondays */
    /* Monday after 09:00 -> next Monday, 7 days later */
    expect_next(&s, "UTC", "2026-11-23 10:00", "2026-11-30 09:00");
    /* Sunday local in Tokyo is a Monday: weekday of the local date */
    struct gw_schedule sun = sched(1u << 0, 1, HM(23, 0)); /* Sundays 23:00 */
    expect_next(&sun, "Asia/Tokyo", "2026-11-23 00:00", "2026-11-29 14:00");
}

static void test_phoenix_no_dst(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(9, 0));
    expect_next(&s, "America/Phoenix", "2026-01-15 00:00", "2026-01-15 16:00");
    expect_next(&s, "America/Phoenix", "2026-07-15 00:00", "2026-07-15 16:00");
    /* New York's DST day changes nothing here */
    expect_next(&s, "America/Phoenix", "2026-03-08 00:00", "2026-03-08 16:00");
    expect_local(utc("2026-07-15 16:00"), "America/Phoenix", "2026-07-15 09:00 MST");
}

static void test_utc(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(0, 0));
    expect_next(&s, "UTC", "2026-12-31 23:59", "2027-01-01 00:00");
    expect_next(&s, "UTC", "2027-01-01 00:00", "2027-01-02 00:00");
    struct gw_schedule late = sched(ALL_DAYS, 1, HM(23, 59));
    expect_next(&late, "UTC", "2028-02-28 23:59", "2028-02-29 23:59"); /* leap day */
}

static void test_london(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(9, 0));
    expect_next(&s, "Europe/London", "2026-01-10 00:00", "2026-01-10 09:00"); /* GMT */
    expect_next(&s, "Europe/London", "2026-06-10 00:00", "2026-06-10 08:00"); /* BST */
    /* 01:30 does not exist on 2026-03-29 (01:00 GMT -> 02:00 BST): sent at 02:00 BST */
    struct gw_schedule gap = sched(ALL_DAYS, 1, HM(1, 30));
    expect_next(&gap, "Europe/London", "2026-03-28 12:00", "2026-03-29 01:00");
    expect_local(utc("2026-03-29 01:00"), "Europe/London", "2026-03-29 02:00 BST");
    /* 01:30 happens twice on 2026-10-25: first occurrence (BST) only */
    expect_next(&gap, "Europe/London", "2026-10-24 12:00", "2026-10-25 00:30");
    expect_next(&gap, "Europe/London", "2026-10-25 00:30", "2026-10-26 01:30");
}

/* ---- DST in New York ---------------------------------------------------- */

static void test_spring_forward_gap(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(2, 30));
    /* 2026-03-08: 02:00 EST -> 03:00 EDT. 02:30 -> 03:00 EDT = 07:00 UTC,
     * not the 03:30 mktime's normalisation would give. */
    expect_next(&s, "America/New_York", "2026-03-07 12:00", "2026-03-08 07:00");
    expect_local(utc("2026-03-08 07:00"), "America/New_York", "2026-03-08 03:00 EDT");
    /* and the day after, 02:30 EDT again */
    expect_next(&s, "America/New_York", "2026-03-08 07:00", "2026-03-09 06:30");
    /* 02:00 itself is in the gap too; 03:00 is not */
    struct gw_schedule two = sched(ALL_DAYS, 2, HM(2, 0), HM(3, 0));
    expect_next(&two, "America/New_York", "2026-03-07 12:00", "2026-03-08 07:00");
    /* 02:00 maps to 03:00 = the 03:00 check-in itself: one message, not
     * two; next is 02:00 EDT the day after */
    expect_next(&two, "America/New_York", "2026-03-08 07:00", "2026-03-09 06:00");
    /* the hour before the gap is untouched */
    struct gw_schedule one = sched(ALL_DAYS, 1, HM(1, 59));
    expect_next(&one, "America/New_York", "2026-03-07 12:00", "2026-03-08 06:59");
}

static void test_fall_back_ambiguous(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(1, 30));
    /* 2026-11-01: 02:00 EDT -> 01:00 EST; 01:30 happens at 05:30 and 06:30 UTC */
    expect_next(&s, "America/New_York", "2026-10-31 12:00", "2026-11-01 05:30");
    expect_local(utc("2026-11-01 05:30"), "America/New_York", "2026-11-01 01:30 EDT");
    /* asking again from the first occurrence must not give the second one */
    expect_next(&s, "America/New_York", "2026-11-01 05:30", "2026-11-02 06:30");
    /* even from between the two occurrences */
    expect_next(&s, "America/New_York", "2026-11-01 06:00", "2026-11-02 06:30");
}

/* Walks schedule_next from `from` to `to` and checks that each scheduled
 * local time of each day appears exactly once and in order. want_local is
 * the list of local renderings expected, in order. */
static void walk(const struct gw_schedule *s, const char *tz, const char *from, const char *to,
                 const char *const *want_local, size_t nwant)
{
    int64_t t = utc(from), end = utc(to), prev = t;
    size_t i = 0;
    for (;;) {
        int64_t due;
        char buf[64];
        assert_int_equal(schedule_next(s, tz, t, &due), 0);
        assert_true(due > prev);
        if (due > end)
            break;
        assert_true(i < nwant);
        assert_int_equal(schedule_format_local(due, tz, buf, sizeof buf), 0);
        if (strcmp(buf, want_local[i]) != 0)
            fail_msg("check-in %zu: got %s, want %s", i, buf, want_local[i]);
        i++;
        prev = t = due;
    }
    assert_int_equal(i, nwant);
}

static void test_walk_across_spring_forward(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 3, HM(1, 30), HM(2, 30), HM(9, 0));
    static const char *const want[] = {
        "2026-03-07 01:30 EST", "2026-03-07 02:30 EST", "2026-03-07 09:00 EST",
        "2026-03-08 01:30 EST", "2026-03-08 03:00 EDT", "2026-03-08 09:00 EDT",
        "2026-03-09 01:30 EDT", "2026-03-09 02:30 EDT", "2026-03-09 09:00 EDT",
    };
    walk(&s, "America/New_York", "2026-03-07 05:00", "2026-03-09 23:00", want,
         sizeof want / sizeof *want);
}

static void test_walk_across_fall_back(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 3, HM(1, 0), HM(1, 30), HM(9, 0));
    static const char *const want[] = {
        "2026-10-31 01:00 EDT", "2026-10-31 01:30 EDT", "2026-10-31 09:00 EDT",
        "2026-11-01 01:00 EDT", "2026-11-01 01:30 EDT", "2026-11-01 09:00 EST",
        "2026-11-02 01:00 EST", "2026-11-02 01:30 EST", "2026-11-02 09:00 EST",
    };
    walk(&s, "America/New_York", "2026-10-31 04:00", "2026-11-02 23:00", want,
         sizeof want / sizeof *want);
}

static void test_lord_howe_half_hour_dst(void **state)
{
    (void)state;
    /* Lord Howe: +10:30 standard, +11 summer. 2026-10-04 02:00 -> 02:30;
     * 2026-04-05 02:00 -> 01:30. */
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(2, 15));
    expect_next(&s, "Australia/Lord_Howe", "2026-10-03 00:00", "2026-10-03 15:30");
    expect_local(utc("2026-10-03 15:30"), "Australia/Lord_Howe", "2026-10-04 02:30 +11");
    expect_next(&s, "Australia/Lord_Howe", "2026-10-03 15:30", "2026-10-04 15:15");

    struct gw_schedule amb = sched(ALL_DAYS, 1, HM(1, 45));
    /* 01:45 on 2026-04-05 happens at 14:45 UTC (+11) and 15:15 UTC (+10:30) */
    expect_next(&amb, "Australia/Lord_Howe", "2026-04-04 00:00", "2026-04-04 14:45");
    expect_next(&amb, "Australia/Lord_Howe", "2026-04-04 14:45", "2026-04-05 15:15");

    static const char *const want[] = {
        "2026-10-03 01:45 +1030", "2026-10-03 02:15 +1030", "2026-10-04 01:45 +1030",
        "2026-10-04 02:30 +11",   "2026-10-05 01:45 +11",   "2026-10-05 02:15 +11",
    };
    struct gw_schedule two = sched(ALL_DAYS, 2, HM(1, 45), HM(2, 15));
    walk(&two, "Australia/Lord_Howe", "2026-10-02 12:00", "2026-10-05 12:00", want,
         sizeof want / sizeof *want);
}


/* ---- jitter, quiet hours, the plan ------------------------------------------ */

static void test_jitter_bounds(void **state)
{
    (void)state;
    int64_t slot = utc("2026-11-23 14:00");
    int seen[60] = {0}; /* per 10-second bucket of a 600 s jitter */
    for (int64_t id = 1; id <= 20000; id++) {
        int64_t j = schedule_jitter(id, slot, 600);
        assert_in_range(j, 0, 599);
        assert_int_equal(j, schedule_jitter(id, slot, 600)); /* deterministic */
        seen[j / 10]++;
    }
    /* Spread over the whole range, not bunched: every bucket is used, none
     * holds more than three times its share (20000 / 60 = 333). */
    for (int b = 0; b < 60; b++) {
        assert_true(seen[b] > 0);
        assert_true(seen[b] < 1000);
    }
    /* Another slot gives another offset for most clients. */
    int same = 0;
    for (int64_t id = 1; id <= 1000; id++)
        same += schedule_jitter(id, slot, 600) == schedule_jitter(id, slot + 86400, 600);
    assert_true(same < 50);
    assert_int_equal(schedule_jitter(7, slot, 0), 0);
    assert_int_equal(schedule_jitter(7, slot, -5), 0);
    assert_int_equal(schedule_jitter(7, slot, 1), 0);
}

static void expect_quiet_end(const struct gw_quiet *q, const char *tz, const char *t_utc,
                             const char *end_utc)
{
    int64_t end = 0;
    assert_int_equal(schedule_quiet_end(q, tz, utc(t_utc), &end), 0);
    if (end != utc(end_utc)) {
        char got[64];
        time_t tt = (time_t)end;
        strftime(got, sizeof got, "%Y-%m-%d %H:%M:%S", gmtime(&tt));
        fail_msg("%s at %s: quiet until %s UTC, want %s UTC", tz, t_utc, got, end_utc);
    }
}

static void test_quiet_hours(void **state)
{
    (void)state;
    struct gw_quiet q = {.enabled = true, .start = HM(21, 0), .end = HM(8, 0)};
    /* New York, November (EST, UTC-5) */
    expect_quiet_end(&q, "America/New_York", "2026-11-24 04:00", "2026-11-24 13:00"); /* 23:00 */
    expect_quiet_end(&q, "America/New_York", "2026-11-24 12:00", "2026-11-24 13:00"); /* 07:00 */
    expect_quiet_end(&q, "America/New_York", "2026-11-24 02:00", "2026-11-24 13:00"); /* 21:00 */
    expect_quiet_end(&q, "America/New_York", "2026-11-24 13:00", "2026-11-24 13:00"); /* 08:00 */
    expect_quiet_end(&q, "America/New_York", "2026-11-24 01:59", "2026-11-24 01:59"); /* 20:59 */
    expect_quiet_end(&q, "America/New_York", "2026-11-23 17:00", "2026-11-23 17:00"); /* noon */
    /* The nights the clocks move: the quiet hours end at 08:00 local of
     * the new offset (EDT, UTC-4 / EST, UTC-5) */
    expect_quiet_end(&q, "America/New_York", "2026-03-08 04:00", "2026-03-08 12:00");
    expect_quiet_end(&q, "America/New_York", "2026-11-01 03:00", "2026-11-01 13:00");
    /* Phoenix keeps UTC-7 all year */
    expect_quiet_end(&q, "America/Phoenix", "2026-07-01 05:00", "2026-07-01 15:00");
    expect_quiet_end(&q, "America/Phoenix", "2026-01-01 05:00", "2026-01-01 15:00");
    /* London in summer (BST) */
    expect_quiet_end(&q, "Europe/London", "2026-06-10 21:30", "2026-06-11 07:00");
    /* An end inside the spring-forward gap is the gap's end. London
     * 2026-03-29: 01:00 GMT -> 02:00 BST, quiet until 01:30 -> 02:00 BST. */
    struct gw_quiet early = {.enabled = true, .start = HM(23, 0), .end = HM(1, 30)};
    expect_quiet_end(&early, "Europe/London", "2026-03-28 23:30", "2026-03-29 01:00");
    /* Lord Howe 2026-10-04: 02:00 -> 02:30 (+11); quiet until 02:15 -> 02:30 */
    struct gw_quiet lh = {.enabled = true, .start = HM(21, 0), .end = HM(2, 15)};
    expect_quiet_end(&lh, "Australia/Lord_Howe", "2026-10-03 12:00", "2026-10-03 15:30");
    /* A period that does not wrap midnight */
    struct gw_quiet noon = {.enabled = true, .start = HM(12, 0), .end = HM(13, 0)};
    expect_quiet_end(&noon, "UTC", "2026-11-23 12:30", "2026-11-23 13:00");
    expect_quiet_end(&noon, "UTC", "2026-11-23 13:00", "2026-11-23 13:00");
    expect_quiet_end(&noon, "UTC", "2026-11-23 11:59", "2026-11-23 11:59");
    /* Disabled or absent: never quiet */
    struct gw_quiet off = {.enabled = false, .start = HM(0, 0), .end = HM(23, 59)};
    expect_quiet_end(&off, "UTC", "2026-11-23 12:30", "2026-11-23 12:30");
    int64_t end;
    assert_int_equal(schedule_quiet_end(NULL, "UTC", 100, &end), 0);
    assert_int_equal(end, 100);
    assert_int_equal(schedule_quiet_end(&q, "Not/AZone", 100, &end), -1);
}

static void test_plan_jitter_and_quiet(void **state)
{
    (void)state;
    struct gw_quiet q = {.enabled = true, .start = HM(21, 0), .end = HM(8, 0)};
    struct gw_schedule s = sched(ALL_DAYS, 2, HM(7, 0), HM(12, 0));
    int64_t slot, send;
    /* No jitter: 07:00 EST falls in quiet hours -> sent at 08:00 */
    assert_int_equal(schedule_plan(&s, &q, "America/New_York", 1, utc("2026-11-23 05:00"), &slot,
                                   &send), 0);
    assert_int_equal(slot, utc("2026-11-23 12:00"));
    assert_int_equal(send, utc("2026-11-23 13:00"));
    /* Without quiet hours it is sent at 07:00 */
    assert_int_equal(schedule_plan(&s, NULL, "America/New_York", 1, utc("2026-11-23 05:00"),
                                   &slot, &send), 0);
    assert_int_equal(send, utc("2026-11-23 12:00"));
    /* With a 30-minute jitter: the 12:00 slot is sent in [12:00, 12:30),
     * the deferred 07:00 one in [08:00, 08:30), for every client */
    s.jitter_minutes = 30;
    for (int64_t id = 1; id <= 500; id++) {
        assert_int_equal(schedule_plan(&s, &q, "America/New_York", id, utc("2026-11-23 13:00"),
                                       &slot, &send), 0);
        assert_int_equal(slot, utc("2026-11-23 17:00"));
        assert_in_range(send, utc("2026-11-23 17:00"), utc("2026-11-23 17:30") - 1);
        assert_int_equal(send - slot, schedule_jitter(id, slot, 30 * 60));
        assert_int_equal(schedule_plan(&s, &q, "America/New_York", id, utc("2026-11-23 17:00"),
                                       &slot, &send), 0);
        assert_int_equal(slot, utc("2026-11-24 12:00"));
        assert_in_range(send, utc("2026-11-24 13:00"), utc("2026-11-24 13:30") - 1);
    }
    /* Weekdays and quiet hours together: Friday 23:00 -> Monday 08:00+ */
    struct gw_schedule wk = sched(WEEKDAYS, 1, HM(7, 30));
    assert_int_equal(schedule_plan(&wk, &q, "America/New_York", 9, utc("2026-11-28 04:00"),
                                   &slot, &send), 0);
    assert_int_equal(slot, utc("2026-11-30 12:30"));
    assert_int_equal(send, utc("2026-11-30 13:00"));
    /* Across spring-forward in Phoenix (no DST) nothing moves */
    struct gw_schedule ph = sched(ALL_DAYS, 1, HM(9, 0));
    assert_int_equal(schedule_plan(&ph, &q, "America/Phoenix", 3, utc("2026-03-08 00:00"), &slot,
                                   &send), 0);
    assert_int_equal(send, utc("2026-03-08 16:00"));
}

static void test_local_instant(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(schedule_local_instant("America/New_York", 2026, 11, 23, HM(9, 0), &t), 0);
    assert_int_equal(t, utc("2026-11-23 14:00"));
    /* in the spring-forward gap: the gap's end */
    assert_int_equal(schedule_local_instant("America/New_York", 2026, 3, 8, HM(2, 30), &t), 0);
    assert_int_equal(t, utc("2026-03-08 07:00"));
    /* repeated on fall-back: the first occurrence */
    assert_int_equal(schedule_local_instant("America/New_York", 2026, 11, 1, HM(1, 30), &t), 0);
    assert_int_equal(t, utc("2026-11-01 05:30"));
    /* midnight, Lord Howe */
    assert_int_equal(schedule_local_instant("Australia/Lord_Howe", 2026, 12, 1, 0, &t), 0);
    assert_int_equal(t, utc("2026-11-30 13:00"));
    assert_int_equal(schedule_local_instant("UTC", 2028, 2, 29, 0, &t), 0);
    assert_int_equal(schedule_local_instant("UTC", 2026, 2, 29, 0, &t), -1);
    assert_int_equal(schedule_local_instant("UTC", 2026, 13, 1, 0, &t), -1);
    assert_int_equal(schedule_local_instant("UTC", 2026, 4, 31, 0, &t), -1);
    assert_int_equal(schedule_local_instant("UTC", 2026, 4, 1, 24 * 60, &t), -1);
    assert_int_equal(schedule_local_instant("Nowhere/City", 2026, 4, 1, 0, &t), -1);
}

/* The rota's clock: local weekday and minute, across both DST changes. */
static void expect_lt(const char *t_utc, const char *tz, int wday, int minute)
{
    int w = -1, m = -1;
    assert_int_equal(schedule_local_time(utc(t_utc), tz, &w, &m), 0);
    if (w != wday || m != minute)
        fail_msg("%s UTC in %s: got day %d minute %d, want day %d minute %d", t_utc, tz, w, m,
                 wday, minute);
}

static void test_local_time(void **state)
{
    (void)state;
    /* Spring forward, New York, Sunday 2026-03-08: 01:59 EST, then 03:00 EDT. */
    expect_lt("2026-03-08 06:59", "America/New_York", 0, HM(1, 59));
    expect_lt("2026-03-08 07:00", "America/New_York", 0, HM(3, 0));
    /* Fall back, Sunday 2026-11-01: 01:59 EDT, then 01:00 EST again. */
    expect_lt("2026-11-01 05:59", "America/New_York", 0, HM(1, 59));
    expect_lt("2026-11-01 06:00", "America/New_York", 0, HM(1, 0));
    expect_lt("2026-11-01 06:30", "America/New_York", 0, HM(1, 30));
    /* The local day is not the UTC day: Monday 04:30 UTC is Sunday 23:30. */
    expect_lt("2026-11-23 04:30", "America/New_York", 0, HM(23, 30));
    expect_lt("2026-11-23 04:30", "UTC", 1, HM(4, 30));
    /* Half-hour DST (Lord Howe, +10:30 -> +11 on 2026-10-04 02:00). */
    expect_lt("2026-10-03 15:29", "Australia/Lord_Howe", 0, HM(1, 59));
    expect_lt("2026-10-03 15:30", "Australia/Lord_Howe", 0, HM(2, 30));
    /* A shift 22:00-06:00 starting Saturdays, read through this clock
     * (as the on-call rota does): Sunday 01:30 EST after the fall-back is
     * still inside it; Sunday 06:30 is not. */
    struct gw_oncall o = {.start = HM(22, 0), .end = HM(6, 0), .days = 1u << 6};
    int w, m;
    assert_int_equal(schedule_local_time(utc("2026-11-01 06:30"), "America/New_York", &w, &m), 0);
    assert_true(oncall_covers(&o, w, m));
    assert_int_equal(schedule_local_time(utc("2026-11-01 11:30"), "America/New_York", &w, &m), 0);
    assert_false(oncall_covers(&o, w, m));
    /* Bad zones: -1, outputs untouched. */
    w = m = 42;
    assert_int_equal(schedule_local_time(0, "Nowhere/City", &w, &m), -1);
    assert_int_equal(schedule_local_time(0, NULL, &w, &m), -1);
    assert_int_equal(w + m, 84);
    assert_int_equal(schedule_local_time(0, "UTC", NULL, &m), -1);
}

/* The local calendar day (what the daily caps count in): its key changes at
 * local midnight, and its bounds follow DST. */
static void test_local_day(void **state)
{
    (void)state;
    int64_t d, a, b, du, au, bu;
    /* Los Angeles, Monday 2026-11-23 23:30 PST = Tuesday 07:30 UTC: the
     * UTC day has turned, the local one has not. */
    int64_t t = utc("2026-11-24 07:30");
    assert_int_equal(schedule_local_day(t, "America/Los_Angeles", &d, &a, &b), 0);
    assert_int_equal(schedule_local_day(t, "UTC", &du, &au, &bu), 0);
    assert_int_equal(du, d + 1);
    assert_int_equal(a, utc("2026-11-23 08:00")); /* local midnight, PST */
    assert_int_equal(b, utc("2026-11-24 08:00"));
    assert_int_equal(au, utc("2026-11-24 00:00"));
    assert_int_equal(bu, utc("2026-11-25 00:00"));
    /* Half an hour later it is the next local day, the same UTC day. */
    int64_t d2;
    assert_int_equal(schedule_local_day(utc("2026-11-24 08:00"), "America/Los_Angeles", &d2,
                                        &a, &b), 0);
    assert_int_equal(d2, d + 1);
    assert_int_equal(schedule_local_day(utc("2026-11-24 08:00"), "UTC", &d2, &a, &b), 0);
    assert_int_equal(d2, du);
    /* Spring forward (2026-03-08): a 23-hour day; fall back: 25 hours. */
    assert_int_equal(schedule_local_day(utc("2026-03-08 20:00"), "America/Los_Angeles", &d, &a,
                                        &b), 0);
    assert_int_equal(a, utc("2026-03-08 08:00"));
    assert_int_equal(b - a, 23 * 3600);
    assert_int_equal(schedule_local_day(utc("2026-11-01 20:00"), "America/Los_Angeles", &d, &a,
                                        &b), 0);
    assert_int_equal(b - a, 25 * 3600);
    /* The day's last second and the next day's first. */
    assert_int_equal(schedule_local_day(b - 1, "America/Los_Angeles", &d2, &a, &b), 0);
    assert_int_equal(d2, d);
    assert_int_equal(schedule_local_day(b, "America/Los_Angeles", &d2, &a, &b), 0);
    assert_int_equal(d2, d + 1);
    /* Bad zones: -1, outputs untouched. */
    d = a = b = 42;
    assert_int_equal(schedule_local_day(t, "Nowhere/City", &d, &a, &b), -1);
    assert_int_equal(schedule_local_day(t, NULL, &d, &a, &b), -1);
    assert_int_equal(d + a + b, 126);
}

/* ---- bad input and global state ---------------------------------------- */

static void test_unknown_zone(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(9, 0));
    int64_t due = 42;
    char buf[64];
    static const char *const bad[] = {
        "Mars/Olympus_Mons", "", "America", "../../etc/passwd", "America/../UTC",
        "/usr/share/zoneinfo/UTC", "zone.tab", "America/New York", "America//New_York",
        "America/New_York/", "EST5EDT,M3.2.0,M11.1.0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (schedule_next(&s, bad[i], utc("2026-11-23 12:00"), &due) != -1)
            fail_msg("zone \"%s\" accepted", bad[i]);
        assert_int_equal(schedule_format_local(0, bad[i], buf, sizeof buf), -1);
    }
    assert_int_equal(schedule_next(&s, NULL, 0, &due), -1);
    assert_int_equal(due, 42); /* untouched on failure */
}

static void test_no_times_or_days(void **state)
{
    (void)state;
    int64_t due;
    struct gw_schedule none = sched(ALL_DAYS, 0);
    assert_int_equal(schedule_next(&none, "UTC", 0, &due), -1);
    struct gw_schedule nodays = sched(0, 1, HM(9, 0));
    assert_int_equal(schedule_next(&nodays, "UTC", 0, &due), -1);
    struct gw_schedule high = sched(0x80u, 1, HM(9, 0)); /* no real weekday bit */
    assert_int_equal(schedule_next(&high, "UTC", 0, &due), -1);
    struct gw_schedule ok = sched(ALL_DAYS, 1, HM(9, 0));
    assert_int_equal(schedule_next(NULL, "UTC", 0, &due), -1);
    assert_int_equal(schedule_next(&ok, "UTC", 0, NULL), -1);
    assert_int_equal(schedule_next(&ok, "UTC", INT64_MAX, &due), -1);
    assert_int_equal(schedule_next(&ok, "UTC", INT64_MIN, &due), -1);
    /* a garbage time is skipped, the good one still used */
    struct gw_schedule junk = sched(ALL_DAYS, 2, 24 * 60, HM(9, 0));
    assert_int_equal(schedule_next(&junk, "UTC", utc("2026-11-23 10:00"), &due), 0);
    assert_int_equal(due, utc("2026-11-24 09:00"));
}

static void test_tz_restored(void **state)
{
    (void)state;
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(9, 0));
    int64_t due;
    char buf[64];
    time_t t0 = (time_t)utc("2026-11-23 12:00");
    struct tm tm;

    assert_int_equal(setenv("TZ", "Asia/Tokyo", 1), 0);
    tzset();
    assert_int_equal(schedule_next(&s, "America/New_York", utc("2026-11-23 12:00"), &due), 0);
    assert_int_equal(schedule_format_local(due, "Europe/London", buf, sizeof buf), 0);
    assert_string_equal(getenv("TZ"), "Asia/Tokyo");
    localtime_r(&t0, &tm);
    assert_int_equal(tm.tm_hour, 21); /* Tokyo is UTC+9: libc state restored too */

    /* a zone equal to TZ: works and leaves it alone */
    assert_int_equal(schedule_next(&s, "Asia/Tokyo", utc("2026-11-23 12:00"), &due), 0);
    assert_int_equal(due, utc("2026-11-24 00:00"));
    assert_string_equal(getenv("TZ"), "Asia/Tokyo");

    /* a failing call leaves it alone as well */
    assert_int_equal(schedule_next(&s, "Nowhere/Atall", 0, &due), -1);
    assert_string_equal(getenv("TZ"), "Asia/Tokyo");

    /* unset stays unset */
    assert_int_equal(unsetenv("TZ"), 0);
    tzset();
    assert_int_equal(schedule_next(&s, "America/New_York", utc("2026-11-23 12:00"), &due), 0);
    assert_null(getenv("TZ"));

    /* a long TZ value (not held in the small buffer) survives */
    char longtz[300];
    memset(longtz, 'x', sizeof longtz - 1);
    longtz[sizeof longtz - 1] = '\0';
    assert_int_equal(setenv("TZ", longtz, 1), 0);
    assert_int_equal(schedule_next(&s, "UTC", utc("2026-11-23 12:00"), &due), 0);
    assert_string_equal(getenv("TZ"), longtz);
    unsetenv("TZ");
    tzset();
}

static void test_repeated_zone_cheap_and_right(void **state)
{
    (void)state;
    /* Many clients, alternating zones: answers must not leak between them. */
    struct gw_schedule s = sched(ALL_DAYS, 1, HM(9, 0));
    for (int i = 0; i < 200; i++) {
        expect_next(&s, i % 2 ? "America/New_York" : "Europe/London", "2026-11-23 00:00",
                    i % 2 ? "2026-11-23 14:00" : "2026-11-23 09:00");
    }
}

static void test_format_local(void **state)
{
    (void)state;
    char buf[64];
    expect_local(utc("2026-11-23 14:00"), "America/New_York", "2026-11-23 09:00 EST");
    expect_local(utc("2026-07-01 13:00"), "America/New_York", "2026-07-01 09:00 EDT");
    expect_local(0, "UTC", "1970-01-01 00:00 UTC");
    /* too small: -1 and an empty string, never a truncated one */
    assert_int_equal(schedule_format_local(0, "UTC", buf, 10), -1);
    assert_string_equal(buf, "");
    assert_int_equal(schedule_format_local(0, "UTC", buf, 0), -1);
    assert_int_equal(schedule_format_local(0, "UTC", NULL, 10), -1);
}

/* ---- parsing ------------------------------------------------------------ */

static void test_parse_hhmm(void **state)
{
    (void)state;
    assert_int_equal(schedule_parse_hhmm("00:00"), 0);
    assert_int_equal(schedule_parse_hhmm("09:00"), 540);
    assert_int_equal(schedule_parse_hhmm("9:05"), 545);
    assert_int_equal(schedule_parse_hhmm("23:59"), 1439);
    assert_int_equal(schedule_parse_hhmm("12:30"), 750);
    static const char *const bad[] = {
        "24:00", "9:5", "", "ab:cd", "12:60", "12", "12:", ":30", "123:00", "12:000",
        "12:30 ", " 12:30", "12:3a", "-1:00", "12.30", "99:99", "1:2:3", "+9:00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (schedule_parse_hhmm(bad[i]) != -1)
            fail_msg("\"%s\" accepted", bad[i]);
    assert_int_equal(schedule_parse_hhmm(NULL), -1);
}

static void test_parse_weekday(void **state)
{
    (void)state;
    assert_int_equal(schedule_parse_weekday("sun"), 0);
    assert_int_equal(schedule_parse_weekday("Mon"), 1);
    assert_int_equal(schedule_parse_weekday("TUESDAY"), 2);
    assert_int_equal(schedule_parse_weekday("wed"), 3);
    assert_int_equal(schedule_parse_weekday("Thursday"), 4);
    assert_int_equal(schedule_parse_weekday("fri"), 5);
    assert_int_equal(schedule_parse_weekday("saturday"), 6);
    static const char *const bad[] = {"", "mo", "mond", "monday ", "lunes", "7", "sunday1",
                                      "satur"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (schedule_parse_weekday(bad[i]) != -1)
            fail_msg("\"%s\" accepted", bad[i]);
    assert_int_equal(schedule_parse_weekday(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_york_normal),
        cmocka_unit_test(test_multiple_times),
        cmocka_unit_test(test_unsorted_times),
        cmocka_unit_test(test_weekdays_only),
        cmocka_unit_test(test_single_weekday_a_week_ahead),
        cmocka_unit_test(test_phoenix_no_dst),
        cmocka_unit_test(test_utc),
        cmocka_unit_test(test_london),
        cmocka_unit_test(test_spring_forward_gap),
        cmocka_unit_test(test_fall_back_ambiguous),
        cmocka_unit_test(test_walk_across_spring_forward),
        cmocka_unit_test(test_walk_across_fall_back),
        cmocka_unit_test(test_lord_howe_half_hour_dst),
        cmocka_unit_test(test_local_day),
        cmocka_unit_test(test_unknown_zone),
        cmocka_unit_test(test_no_times_or_days),
        cmocka_unit_test(test_tz_restored),
        cmocka_unit_test(test_repeated_zone_cheap_and_right),
        cmocka_unit_test(test_format_local),
        cmocka_unit_test(test_parse_hhmm),
        cmocka_unit_test(test_parse_weekday),
        cmocka_unit_test(test_jitter_bounds),
        cmocka_unit_test(test_quiet_hours),
        cmocka_unit_test(test_plan_jitter_and_quiet),
        cmocka_unit_test(test_local_instant),
        cmocka_unit_test(test_local_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
