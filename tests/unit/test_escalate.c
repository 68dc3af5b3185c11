/* SPDX-License-Identifier: Apache-2.0 */
/* test_escalate.c: the severity rules (safety rule 4: when in doubt,
 * escalate; negation never silences), the alert excerpt, and the outbox's
 * back-off arithmetic. All pure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/escalate.h"
#include "daemon/outbox.h"

static const struct gw_schedule sched = {
    .name = "daily", .scale_min = 1, .scale_max = 10, .alert_at_or_below = 3,
};

static enum severity sev_of(unsigned signals, bool has_score, double score, char *reason)
{
    struct reply_result r = {.intent = has_score ? REPLY_MOOD : REPLY_OTHER,
                             .has_score = has_score, .score = score, .signals = signals};
    return escalate_severity(&r, &sched, NULL, reason, 128);
}

static void crisis_is_urgent(void **state)
{
    (void)state;
    char reason[128];
    assert_int_equal(sev_of(REPLY_SIG_CRISIS, false, 0, reason), SEV_URGENT);
    assert_string_equal(reason, "crisis language");
    /* A good score does not outweigh crisis language. */
    assert_int_equal(sev_of(REPLY_SIG_CRISIS, true, 9, reason), SEV_URGENT);
}

static void negation_never_silences(void **state)
{
    (void)state;
    char reason[128];
    /* An explicit denial lowers it to high, never to nothing (issue 16). */
    assert_int_equal(sev_of(REPLY_SIG_CRISIS | REPLY_SIG_NEGATED, true, 8, reason), SEV_HIGH);
    assert_string_equal(reason, "crisis language (negated)");
}

static void relapse_and_low_scores_are_high(void **state)
{
    (void)state;
    char reason[128];
    assert_int_equal(sev_of(REPLY_SIG_RELAPSE, true, 7, reason), SEV_HIGH);
    assert_string_equal(reason, "relapse");
    assert_int_equal(sev_of(0, true, 3, reason), SEV_HIGH);
    assert_string_equal(reason, "score 3 <= 3");
    assert_int_equal(sev_of(0, true, 1, reason), SEV_HIGH);
    assert_int_equal(sev_of(0, true, 2.5, reason), SEV_HIGH);
}

static void ordinary_replies_do_not_escalate(void **state)
{
    (void)state;
    char reason[128];
    assert_int_equal(sev_of(0, true, 3.5, reason), SEV_NONE);
    assert_int_equal(sev_of(0, true, 7, reason), SEV_NONE);
    assert_int_equal(sev_of(0, false, 0, reason), SEV_NONE);
    assert_int_equal(sev_of(REPLY_SIG_OUT_OF_RANGE, false, 0, reason), SEV_NONE);
    assert_string_equal(reason, "");
}

static void default_threshold_without_schedule(void **state)
{
    (void)state;
    char reason[128];
    struct reply_result r = {.intent = REPLY_MOOD, .has_score = true, .score = 2};
    assert_int_equal(escalate_severity(&r, NULL, NULL, reason, sizeof reason), SEV_HIGH);
    r.score = 3;
    assert_int_equal(escalate_severity(&r, NULL, NULL, reason, sizeof reason), SEV_NONE);
}

static void severity_names(void **state)
{
    (void)state;
    assert_string_equal(severity_name(SEV_URGENT), "urgent");
    assert_string_equal(severity_name(SEV_HIGH), "high");
    assert_string_equal(severity_name(SEV_WATCH), "watch");
    assert_string_equal(severity_name(SEV_NONE), "none");
    assert_string_equal(severity_name((enum severity)42), "none");
}

static void excerpt_cuts_on_characters(void **state)
{
    (void)state;
    char out[64];
    escalate_excerpt("short", 5, 60, out, sizeof out);
    assert_string_equal(out, "short");
    escalate_excerpt("abcdefghij", 10, 4, out, sizeof out);
    assert_string_equal(out, "abcd...");
    /* Never splits a multi-byte character: "ñ" is two bytes. */
    escalate_excerpt("\xc3\xb1\xc3\xb1\xc3\xb1", 6, 2, out, sizeof out);
    assert_string_equal(out, "\xc3\xb1\xc3\xb1...");
    /* Line breaks become spaces: an alert is one line on a phone. */
    escalate_excerpt("a\nb\r\nc", 6, 60, out, sizeof out);
    assert_string_equal(out, "a b  c");
    /* A stray byte is shown, not passed on. */
    escalate_excerpt("a\xff" "b", 3, 60, out, sizeof out);
    assert_string_equal(out, "a?b");
    /* A truncated multi-byte character at the end does not read past len. */
    escalate_excerpt("ab\xe2\x82", 4, 60, out, sizeof out);
    assert_int_equal(strlen(out) <= 4, 1);
    /* The output buffer bounds the copy. */
    char small[8];
    escalate_excerpt("abcdefghijklmnop", 16, 60, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

static void backoff_doubles_caps_and_jitters(void **state)
{
    (void)state;
    assert_int_equal(outbox_backoff(1, 30, 3600, 0.5), 30);
    assert_int_equal(outbox_backoff(2, 30, 3600, 0.5), 60);
    assert_int_equal(outbox_backoff(3, 30, 3600, 0.5), 120);
    assert_int_equal(outbox_backoff(20, 30, 3600, 0.5), 3600);
    assert_int_equal(outbox_backoff(1000, 30, 3600, 0.5), 3600);
    /* +-20% jitter at the extremes. */
    assert_int_equal(outbox_backoff(1, 100, 3600, 0.0), 80);
    assert_int_equal(outbox_backoff(1, 100, 3600, 1.0), 120);
    /* Never zero: a retry is never immediate. */
    assert_true(outbox_backoff(1, 1, 1, 0.0) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crisis_is_urgent),
        cmocka_unit_test(negation_never_silences),
        cmocka_unit_test(relapse_and_low_scores_are_high),
        cmocka_unit_test(ordinary_replies_do_not_escalate),
        cmocka_unit_test(default_threshold_without_schedule),
        cmocka_unit_test(severity_names),
        cmocka_unit_test(excerpt_cuts_on_characters),
        cmocka_unit_test(backoff_doubles_caps_and_jitters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
