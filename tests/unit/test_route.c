/* SPDX-License-Identifier: Apache-2.0 */
/* test_route.c: the outbox's pure routing arithmetic (gateway/model/route.c):
 * back-off with jitter and cap, the token bucket behind rate_per_second,
 * the provider circuit (one probe at a time, with back-off) and the choice
 * of a provider along an ordered route. Times are plain numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/route.h"

static void backoff_doubles_caps_and_jitters(void **state)
{
    (void)state;
    assert_int_equal(route_backoff_ms(1, 1000, 60000, 0.5), 1000);
    assert_int_equal(route_backoff_ms(2, 1000, 60000, 0.5), 2000);
    assert_int_equal(route_backoff_ms(3, 1000, 60000, 0.5), 4000);
    assert_int_equal(route_backoff_ms(7, 1000, 60000, 0.5), 60000); /* 64 s capped */
    assert_int_equal(route_backoff_ms(100000, 1000, 60000, 0.5), 60000);
    assert_int_equal(route_backoff_ms(0, 1000, 60000, 0.5), 1000); /* n < 1 counts as 1 */
    /* +-20% */
    assert_int_equal(route_backoff_ms(1, 1000, 60000, 0.0), 800);
    assert_int_equal(route_backoff_ms(1, 1000, 60000, 1.0), 1200);
    assert_int_equal(route_backoff_ms(1, 1000, 60000, 7.0), 1200); /* rnd clamped */
    assert_true(route_backoff_ms(1, 0, 0, 0.0) >= 1);
}

static void bucket_limits_rate(void **state)
{
    (void)state;
    struct tbucket b;
    tbucket_init(&b, 2, 0); /* 2 a second, burst 2 */
    assert_int_equal(tbucket_available(&b, 0), 2);
    assert_int_equal(tbucket_take(&b, 0, false), 0);
    assert_int_equal(tbucket_take(&b, 0, false), 0);
    int64_t w = tbucket_take(&b, 0, false);
    assert_int_equal(w, 500); /* the next token in half a second */
    assert_int_equal(tbucket_available(&b, 499), 0);
    assert_int_equal(tbucket_take(&b, 500, false), 0);
    /* A long pause refills only up to the burst. */
    assert_int_equal(tbucket_available(&b, 100000), 2);
}

static void bucket_fractional_rate_and_unlimited(void **state)
{
    (void)state;
    struct tbucket b;
    tbucket_init(&b, 0.5, 0); /* one every 2 s, burst 1 */
    assert_int_equal(tbucket_take(&b, 0, false), 0);
    assert_int_equal(tbucket_take(&b, 0, false), 2000);
    assert_int_equal(tbucket_take(&b, 1000, false), 1000);
    assert_int_equal(tbucket_take(&b, 2000, false), 0);

    tbucket_init(&b, 0, 0);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(tbucket_take(&b, 0, false), 0);
    assert_int_equal(tbucket_available(&b, 0), INT32_MAX);
}

static void urgent_borrows_with_bounded_debt(void **state)
{
    (void)state;
    struct tbucket b;
    tbucket_init(&b, 1, 0);
    assert_int_equal(tbucket_take(&b, 0, false), 0);
    /* Empty, but an alert is not held back. */
    for (int i = 0; i < 10; i++)
        assert_int_equal(tbucket_take(&b, 0, true), 0);
    /* The debt is bounded to one burst: ordinary traffic waits 2 s, not 10. */
    assert_int_equal(tbucket_take(&b, 0, false), 2000);
    /* A clock that goes backwards does not mint tokens. */
    assert_int_equal(tbucket_available(&b, -5000), 0);
}

static void circuit_probes_one_at_a_time_with_backoff(void **state)
{
    (void)state;
    struct circuit c = {0};
    int64_t w = 0;
    assert_int_equal(circuit_admit(&c, true, false, 0, &w), ADMIT_SEND);
    /* The provider says it cannot send: probe first. */
    assert_int_equal(circuit_admit(&c, false, false, 0, &w), ADMIT_PROBE);

    circuit_failure(&c, false, 1000, 0.5);
    assert_int_equal(c.state, CIRCUIT_DOWN);
    assert_int_equal(c.failures, 1);
    assert_int_equal(circuit_admit(&c, true, false, 1500, &w), ADMIT_NO);
    assert_int_equal(w, 500);
    /* Urgent traffic need not wait for the back-off ... */
    assert_int_equal(circuit_admit(&c, true, true, 1500, &w), ADMIT_PROBE);
    assert_int_equal(circuit_admit(&c, true, false, 2000, &w), ADMIT_PROBE);
    /* ... but while a probe is in flight nobody else goes, urgent or not. */
    c.probing = true;
    assert_int_equal(circuit_admit(&c, true, true, 2000, &w), ADMIT_NO);
    assert_int_equal(circuit_admit(&c, true, false, 9000, &w), ADMIT_NO);

    /* Sends in flight before it opened fail without lengthening the wait. */
    circuit_failure(&c, false, 2000, 0.5);
    assert_int_equal(c.failures, 1);
    assert_true(c.probing);
    /* The probe fails: twice as long, and the slot is free again. */
    circuit_failure(&c, true, 2000, 0.5);
    assert_int_equal(c.failures, 2);
    assert_false(c.probing);
    assert_int_equal(c.retry_at_ms, 4000);
    circuit_failure(&c, true, 4000, 0.5);
    assert_int_equal(c.retry_at_ms, 8000);
    /* A success closes it. */
    circuit_success(&c);
    assert_int_equal(c.state, CIRCUIT_UP);
    assert_int_equal(c.failures, 0);
    assert_int_equal(circuit_admit(&c, true, false, 0, &w), ADMIT_SEND);
}

struct rfx {
    struct circuit c[3];
    struct tbucket b[3];
    struct route_member m[3];
};

static void rfx_init(struct rfx *r, double r0, double r1, double r2)
{
    memset(r, 0, sizeof *r);
    double rates[3] = {r0, r1, r2};
    for (int i = 0; i < 3; i++) {
        tbucket_init(&r->b[i], rates[i], 0);
        r->m[i] = (struct route_member){.c = &r->c[i], .b = &r->b[i], .healthy = true};
    }
}

static void pick_takes_the_first_usable_in_order(void **state)
{
    (void)state;
    struct rfx r;
    bool probe;
    int64_t w;
    rfx_init(&r, 0, 0, 0);
    assert_int_equal(route_pick(r.m, 3, false, 0, &probe, &w), 0);
    assert_false(probe);
    /* The first is down: failover to the second. */
    circuit_failure(&r.c[0], false, 0, 0.5);
    assert_int_equal(route_pick(r.m, 3, false, 10, &probe, &w), 1);
    /* Tried already (this message failed there): the third. */
    r.m[1].tried = true;
    assert_int_equal(route_pick(r.m, 3, false, 10, &probe, &w), 2);
    /* When the first one's probe is due, the next message is the probe. */
    r.m[1].tried = false;
    assert_int_equal(route_pick(r.m, 3, false, 1000, &probe, &w), 0);
    assert_true(probe);
    assert_true(r.c[0].probing);
    /* Meanwhile others go to the second. */
    assert_int_equal(route_pick(r.m, 3, false, 1000, &probe, &w), 1);
    assert_false(probe);
}

static void pick_ordinary_waits_for_tokens_urgent_does_not(void **state)
{
    (void)state;
    struct rfx r;
    bool probe;
    int64_t w = 0;
    rfx_init(&r, 1, 0, 0);
    assert_int_equal(route_pick(r.m, 3, false, 0, &probe, &w), 0);
    /* Out of tokens: ordinary traffic waits for the first, not spilling over. */
    assert_int_equal(route_pick(r.m, 3, false, 0, &probe, &w), -1);
    assert_int_equal(w, 1000);
    /* Urgent goes now, through the same first provider. */
    assert_int_equal(route_pick(r.m, 3, true, 0, &probe, &w), 0);
}

static void pick_with_everything_down(void **state)
{
    (void)state;
    struct rfx r;
    bool probe;
    int64_t w = 0;
    rfx_init(&r, 0, 0, 0);
    for (int i = 0; i < 3; i++)
        circuit_failure(&r.c[i], false, 0, 0.5); /* probes at 1000 */
    assert_int_equal(route_pick(r.m, 3, false, 200, &probe, &w), -1);
    assert_int_equal(w, 800);
    /* Urgent probes each in turn, one probe per provider. */
    assert_int_equal(route_pick(r.m, 3, true, 200, &probe, &w), 0);
    assert_true(probe);
    assert_int_equal(route_pick(r.m, 3, true, 200, &probe, &w), 1);
    assert_int_equal(route_pick(r.m, 3, true, 200, &probe, &w), 2);
    assert_int_equal(route_pick(r.m, 3, true, 200, &probe, &w), -1);
    assert_true(w >= 1);
    /* An empty route. */
    assert_int_equal(route_pick(r.m, 0, true, 0, &probe, &w), -1);
    assert_true(w >= 1);
}

/* Issue 15 item 8: with the first provider down, urgent traffic went to
 * it first (a probe) and waited its whole time-out before the failover. */
static void pick_urgent_goes_to_an_up_provider_first(void **state)
{
    (void)state;
    struct rfx r;
    bool probe;
    int64_t w = 0;
    rfx_init(&r, 0, 0, 0);
    circuit_failure(&r.c[0], false, 0, 0.5); /* down; its probe is due at 1000 */
    /* Before and after its back-off: the second, which is up; no probe. */
    assert_int_equal(route_pick(r.m, 3, true, 200, &probe, &w), 1);
    assert_false(probe);
    assert_int_equal(route_pick(r.m, 3, true, 5000, &probe, &w), 1);
    assert_false(probe);
    assert_false(r.c[0].probing);
    /* A provider that says it is unhealthy is passed over the same way. */
    circuit_success(&r.c[0]);
    r.m[0].healthy = false;
    assert_int_equal(route_pick(r.m, 3, true, 5000, &probe, &w), 1);
    assert_false(probe);
    /* When the up one failed for this message: the down ones in turn. */
    r.m[0].healthy = true;
    circuit_failure(&r.c[0], false, 0, 0.5);
    r.m[1].tried = true;
    assert_int_equal(route_pick(r.m, 3, true, 200, &probe, &w), 2);
    assert_false(probe);
    r.m[2].tried = true;
    assert_int_equal(route_pick(r.m, 3, true, 200, &probe, &w), 0);
    assert_true(probe);
}

static void probe_due_only_after_the_back_off_and_one_at_a_time(void **state)
{
    (void)state;
    struct rfx r;
    rfx_init(&r, 0, 0, 0);
    assert_int_equal(route_probe_due(r.m, 3, 0), -1); /* all up */
    circuit_failure(&r.c[0], false, 0, 0.5);          /* probe due at 1000 */
    r.m[1].tried = true;                              /* the one the message went to */
    assert_int_equal(route_probe_due(r.m, 3, 200), -1);
    assert_int_equal(route_probe_due(r.m, 3, 1000), 0);
    assert_true(r.c[0].probing);
    assert_int_equal(route_probe_due(r.m, 3, 1000), -1); /* one probe at a time */
    r.m[2].healthy = false;                              /* says it cannot send */
    assert_int_equal(route_probe_due(r.m, 3, 1000), 2);
}

static void capacity_counts_what_can_go_now(void **state)
{
    (void)state;
    struct rfx r;
    int64_t w = 0;
    rfx_init(&r, 3, 0, 0);
    assert_int_equal(route_capacity(r.m, 3, 0, &w), 3); /* stops at the first up one */
    for (int i = 0; i < 3; i++)
        tbucket_take(&r.b[0], 0, false);
    assert_int_equal(route_capacity(r.m, 3, 0, &w), 0);
    assert_int_equal(w, 334);
    /* Down first: the probe (1) plus the next, unlimited. */
    rfx_init(&r, 0, 0, 0);
    circuit_failure(&r.c[0], false, 0, 0.5);
    assert_int_equal(route_capacity(r.m, 3, 5000, &w), INT32_MAX);
    rfx_init(&r, 0, 2, 0);
    circuit_failure(&r.c[0], false, 0, 0.5);
    assert_int_equal(route_capacity(r.m, 3, 5000, &w), 3);
    assert_int_equal(route_capacity(r.m, 3, 500, &w), 2);
    /* All down, no probe due. */
    circuit_failure(&r.c[1], false, 0, 0.5);
    circuit_failure(&r.c[2], false, 0, 0.5);
    assert_int_equal(route_capacity(r.m, 3, 500, &w), 0);
    assert_int_equal(w, 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(backoff_doubles_caps_and_jitters),
        cmocka_unit_test(bucket_limits_rate),
        cmocka_unit_test(bucket_fractional_rate_and_unlimited),
        cmocka_unit_test(urgent_borrows_with_bounded_debt),
        cmocka_unit_test(circuit_probes_one_at_a_time_with_backoff),
        cmocka_unit_test(pick_takes_the_first_usable_in_order),
        cmocka_unit_test(pick_ordinary_waits_for_tokens_urgent_does_not),
        cmocka_unit_test(pick_with_everything_down),
        cmocka_unit_test(pick_urgent_goes_to_an_up_provider_first),
        cmocka_unit_test(probe_due_only_after_the_back_off_and_one_at_a_time),
        cmocka_unit_test(capacity_counts_what_can_go_now),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
