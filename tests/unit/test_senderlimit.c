/* SPDX-License-Identifier: Apache-2.0 */
/* test_senderlimit.c: the per-sender inbound rate limit (gateway/model/senderlimit.c):
 * burst, refill, the first-limited signal, independence of senders, a
 * reload's new limit, and bounded memory under a flood of new numbers.
 * Times are plain numbers (milliseconds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/senderlimit.h"

#define HOUR_MS 3600000LL

static void burst_then_limited_then_refilled(void **state)
{
    (void)state;
    struct senderlimit *l = NULL;
    assert_int_equal(senderlimit_new(&l, 64), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, 1000), SENDER_OK);
    assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, 1000), SENDER_LIMITED_FIRST);
    assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, 1001), SENDER_LIMITED);
    assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, 2000), SENDER_LIMITED);
    /* 6 an hour: one token every 10 minutes. */
    assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, 1000 + HOUR_MS / 6 + 1), SENDER_OK);
    assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, 1000 + HOUR_MS / 6 + 2),
                     SENDER_LIMITED_FIRST);
    /* Another sender is not affected. */
    assert_int_equal(senderlimit_take(l, "+15555550999", 3, 6, 2000), SENDER_OK);
    assert_int_equal(senderlimit_count(l), 2);
    /* A long silence refills to the burst, not beyond. */
    int64_t later = 100 * HOUR_MS;
    for (int i = 0; i < 3; i++)
        assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, later), SENDER_OK);
    assert_int_equal(senderlimit_take(l, "+15555550123", 3, 6, later), SENDER_LIMITED_FIRST);
    senderlimit_free(l);
}

static void reload_changes_the_limit(void **state)
{
    (void)state;
    struct senderlimit *l = NULL;
    assert_int_equal(senderlimit_new(&l, 16), 0);
    assert_int_equal(senderlimit_take(l, "a", 1, 1, 0), SENDER_OK);
    assert_int_equal(senderlimit_take(l, "a", 1, 1, 0), SENDER_LIMITED_FIRST);
    /* 3600 an hour is one a second. */
    assert_int_equal(senderlimit_take(l, "a", 1, 3600, 500), SENDER_LIMITED);
    assert_int_equal(senderlimit_take(l, "a", 1, 3600, 1600), SENDER_OK);
    senderlimit_free(l);
}

/* A flood of new numbers cannot grow the table, and cannot make it forget
 * a sender that is being limited (its bucket is the emptiest around). */
static void bounded_under_a_flood_of_numbers(void **state)
{
    (void)state;
    struct senderlimit *l = NULL;
    assert_int_equal(senderlimit_new(&l, 16), 0);
    for (int i = 0; i < 5; i++)
        senderlimit_take(l, "+15555550123", 2, 1, 0);
    char num[32];
    for (int i = 0; i < 10000; i++) {
        snprintf(num, sizeof num, "+1555%07d", i);
        assert_int_equal(senderlimit_take(l, num, 2, 1, 10), SENDER_OK);
        assert_true(senderlimit_count(l) <= 16);
    }
    assert_int_equal(senderlimit_take(l, "+15555550123", 2, 1, 20), SENDER_LIMITED);
    senderlimit_free(l);
}

static void null_and_odd_arguments(void **state)
{
    (void)state;
    assert_int_equal(senderlimit_take(NULL, "x", 1, 1, 0), SENDER_OK);
    senderlimit_free(NULL);
    assert_int_equal(senderlimit_count(NULL), 0);
    struct senderlimit *l = NULL;
    assert_int_equal(senderlimit_new(&l, 0), 0);
    /* burst and rate below 1 count as 1 */
    assert_int_equal(senderlimit_take(l, "", 0, 0, 0), SENDER_OK);
    assert_int_equal(senderlimit_take(l, "", 0, 0, 0), SENDER_LIMITED_FIRST);
    senderlimit_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(burst_then_limited_then_refilled),
        cmocka_unit_test(reload_changes_the_limit),
        cmocka_unit_test(bounded_under_a_flood_of_numbers),
        cmocka_unit_test(null_and_odd_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
