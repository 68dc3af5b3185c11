/* test_daycap.c: the daily caps on ordinary outbound messages
 * (gateway/daycap.c): per number and per program, release of a place not
 * used, a new day from zero, seeding, and growth past the first table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "daycap.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(per_number_and_per_program),
        cmocka_unit_test(seeded_counts_apply),
        cmocka_unit_test(many_numbers_grow_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
