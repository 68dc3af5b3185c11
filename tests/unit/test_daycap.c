/* SPDX-License-Identifier: Apache-2.0 */
/* test_daycap.c: the daily caps on ordinary outbound messages
 * (gateway/model/daycap.c): per number and per program, release of a place not
 * used, a new day from zero, seeding, and growth past the first table;
 * keyed on the program's local day (schedule_local_day), as the outbox
 * does, so a cap resets at local midnight and not at UTC midnight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/daycap.h"
#include "model/schedule.h"

static void per_number_and_per_program(void **state)
{
    (void)state;
    struct daycap *d = NULL;
    assert_int_equal(daycap_new(&d), 0);
    assert_int_equal(daycap_reserve(d, 100, "+15555550123", 2, 3), DAYCAP_OK);
    assert_int_equal(daycap_reserve(d, 100, "+15555550123", 2, 3), DAYCAP_OK);
    assert_int_equal(daycap_reserve(d, 100, "+15555550123", 2, 3), DAYCAP_CLIENT);
    assert_int_equal(daycap_reserve(d, 100, "+15555550999", 2, 3), DAYCAP_OK);
    assert_int_equal(daycap_reserve(d, 100, "+15555550888", 2, 3), DAYCAP_PROGRAM);
    assert_int_equal(daycap_total(d, 100), 3);
    assert_int_equal(daycap_count(d, 100, "+15555550123"), 2);
    /* A place given back (the send failed) can be used again. */
    daycap_release(d, 100, "+15555550123");
    assert_int_equal(daycap_total(d, 100), 2);
    assert_int_equal(daycap_reserve(d, 100, "+15555550888", 2, 3), DAYCAP_OK);
    /* Releasing yesterday's place on a new day changes nothing. */
    assert_int_equal(daycap_reserve(d, 101, "+15555550123", 2, 3), DAYCAP_OK);
    daycap_release(d, 100, "+15555550123");
    assert_int_equal(daycap_total(d, 101), 1);
    assert_int_equal(daycap_total(d, 100), 0);
    /* A release never goes below zero. */
    daycap_release(d, 101, "+15555550777");
    daycap_release(d, 101, "+15555550123");
    daycap_release(d, 101, "+15555550123");
    assert_int_equal(daycap_total(d, 101), 0);
    daycap_free(d);
    daycap_free(NULL);
}

static void seeded_counts_apply(void **state)
{
    (void)state;
    struct daycap *d = NULL;
    assert_int_equal(daycap_new(&d), 0);
    daycap_add(d, 7, "+15555550123", 5);
    daycap_add(d, 7, "+15555550124", 0);
    assert_int_equal(daycap_reserve(d, 7, "+15555550123", 5, 100), DAYCAP_CLIENT);
    assert_int_equal(daycap_reserve(d, 7, "+15555550124", 5, 100), DAYCAP_OK);
    assert_int_equal(daycap_total(d, 7), 6);
    daycap_free(d);
}

static void many_numbers_grow_the_table(void **state)
{
    (void)state;
    struct daycap *d = NULL;
    char num[32];
    assert_int_equal(daycap_new(&d), 0);
    for (int i = 0; i < 5000; i++) {
        snprintf(num, sizeof num, "+1555%07d", i);
        assert_int_equal(daycap_reserve(d, 1, num, 1, 100000), DAYCAP_OK);
    }
    for (int i = 0; i < 5000; i += 97) {
        snprintf(num, sizeof num, "+1555%07d", i);
        assert_int_equal(daycap_count(d, 1, num), 1);
        assert_int_equal(daycap_reserve(d, 1, num, 1, 100000), DAYCAP_CLIENT);
    }
    assert_int_equal(daycap_total(d, 1), 5000);
    daycap_free(d);
}

/* The outbox's key for instant t: the local date in zone tz. */
static int64_t local_key(int64_t t, const char *tz)
{
    int64_t day, start, end;
    assert_int_equal(schedule_local_day(t, tz, &day, &start, &end), 0);
    return day;
}

static void counted_in_the_program_local_day(void **state)
{
    (void)state;
    const char *tz = "America/Los_Angeles";
    struct daycap *d = NULL;
    assert_int_equal(daycap_new(&d), 0);
    int64_t afternoon = 1795993200;                 /* 2026-11-29 15:00 PST = 23:00 UTC */
    int64_t late = afternoon + 8 * 3600 + 30 * 60;  /* 23:30 PST = 07:30 UTC on the 30th */
    int64_t after_midnight = late + 45 * 60;        /* 00:15 PST on the 30th */
    assert_int_equal(afternoon / 86400 + 1, late / 86400); /* UTC: two days */
    int64_t k1 = local_key(afternoon, tz), k2 = local_key(late, tz);
    assert_int_equal(k1, k2);                              /* local: one */
    assert_int_equal(daycap_reserve(d, k1, "+15555550123", 2, 100), DAYCAP_OK);
    assert_int_equal(daycap_reserve(d, k1, "+15555550123", 2, 100), DAYCAP_OK);
    /* At 23:30 local the number is still capped (per UTC day it would
     * have started again at 16:00 local). */
    assert_int_equal(daycap_reserve(d, k2, "+15555550123", 2, 100), DAYCAP_CLIENT);
    /* After local midnight, though the same UTC day as 23:30: a new day. */
    int64_t k3 = local_key(after_midnight, tz);
    assert_int_equal(after_midnight / 86400, late / 86400);
    assert_int_equal(k3, k2 + 1);
    assert_int_equal(daycap_reserve(d, k3, "+15555550123", 2, 100), DAYCAP_OK);
    assert_int_equal(daycap_count(d, k3, "+15555550123"), 1);
    daycap_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(per_number_and_per_program),
        cmocka_unit_test(seeded_counts_apply),
        cmocka_unit_test(many_numbers_grow_the_table),
        cmocka_unit_test(counted_in_the_program_local_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
