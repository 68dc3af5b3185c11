/* SPDX-License-Identifier: Apache-2.0 */
/* test_instrument.c: the built-in instruments (gateway/model/instrument.c)
 * against their published rules: every PHQ-9 and GAD-7 band edge, the
 * PHQ-2 -> PHQ-9 and GAD-2 -> GAD-7 branches, item 9's alerts, the C-SSRS
 * skip from 2 to 6 and its urgent branch; each flow valid; every text, in
 * both languages, within one SMS segment (template.h's sms_segments). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/instrument.h"
#include "model/template.h"

/* Plays answers vals[] through flow k the way the daemon would: each
 * next question gets the next value. Returns the number of questions asked. */
static int play(enum instrument_kind k, const double *vals, int nvals, struct flow_answers *a,
                int *asked)
{
    const struct flow *f = instrument_flow(k);
    int n = 0, i;
    memset(a, 0, sizeof *a);
    while ((i = flow_next(f, a)) >= 0) {
        assert_true(n < nvals);
        a->state[i] = FLOW_A_VALUE;
        a->value[i] = vals[n];
        if (asked != NULL)
            asked[n] = i;
        n++;
    }
    assert_int_equal(i, FLOW_DONE);
    return n;
}

static void flows_are_valid_and_named(void **state)
{
    (void)state;
    char err[256];
    enum instrument_kind k;
    for (int i = 0; i < INSTR__COUNT; i++) {
        if (flow_validate(instrument_flow((enum instrument_kind)i), err, sizeof err) != 0)
            fail_msg("%s: %s", instrument_name((enum instrument_kind)i), err);
        assert_int_equal(instrument_parse(instrument_name((enum instrument_kind)i), &k), 0);
        assert_int_equal(k, i);
    }
    assert_int_equal(instrument_parse("phq-9", &k), -1);
}

static void every_text_fits_one_segment(void **state)
{
    (void)state;
    int bad = 0;
    for (int k = 0; k < INSTR__COUNT; k++) {
        const struct flow *f = instrument_flow((enum instrument_kind)k);
        for (int i = 0; i < f->n; i++)
            for (int l = 0; l < FLOW_LANGS; l++) {
                const char *t = f->q[i].text[l];
                int ucs2 = 0;
                assert_non_null(t); /* both languages written */
                int segs = sms_segments(t, &ucs2);
                if (segs != 1 || ucs2) {
                    print_error("%s %s [%d]: %d segments%s (%zu bytes): %s\n", f->name,
                                f->q[i].id, l, segs, ucs2 ? ", UCS-2" : "", strlen(t), t);
                    bad++;
                }
            }
    }
    assert_int_equal(bad, 0);
}

static void phq9_bands_at_every_edge(void **state)
{
    (void)state;
    static const struct { int total; const char *band; } edges[] = {
        {0, "minimal"}, {4, "minimal"}, {5, "mild"}, {9, "mild"}, {10, "moderate"},
        {14, "moderate"}, {15, "moderately severe"}, {19, "moderately severe"},
        {20, "severe"}, {27, "severe"},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        assert_string_equal(instrument_phq9_band(edges[i].total), edges[i].band);
    assert_null(instrument_phq9_band(-1));
    assert_null(instrument_phq9_band(28));
}

static void gad7_bands_at_every_edge(void **state)
{
    (void)state;
    static const struct { int total; const char *band; } edges[] = {
        {0, "minimal"}, {4, "minimal"}, {5, "mild"}, {9, "mild"}, {10, "moderate"},
        {14, "moderate"}, {15, "severe"}, {21, "severe"},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        assert_string_equal(instrument_gad7_band(edges[i].total), edges[i].band);
    assert_null(instrument_gad7_band(22));
}

static void phq2_negative_asks_only_items_1_2_and_9(void **state)
{
    (void)state;
    struct flow_answers a;
    struct instrument_score s;
    int asked[9];
    const double v[] = {1, 1, 0};
    assert_int_equal(play(INSTR_PHQ9, v, 3, &a, asked), 3);
    assert_int_equal(asked[2], 8); /* item 9 */
    assert_int_equal(instrument_score(INSTR_PHQ9, &a, &s), 0);
    assert_string_equal(s.scale, "PHQ-2");
    assert_int_equal(s.total, 2);
    assert_int_equal(s.max, 6);
    assert_true(s.complete);
    assert_string_equal(s.band, "negative");
    assert_int_equal(s.severity, SEV_NONE);
}

static void phq2_positive_goes_on_to_phq9(void **state)
{
    (void)state;
    struct flow_answers a;
    struct instrument_score s;
    /* 2 + 1 = 3: the whole PHQ-9; total 2+1+3+3+2+2+1+1+0 = 15. */
    const double v[] = {2, 1, 3, 3, 2, 2, 1, 1, 0};
    assert_int_equal(play(INSTR_PHQ9, v, 9, &a, NULL), 9);
    instrument_score(INSTR_PHQ9, &a, &s);
    assert_string_equal(s.scale, "PHQ-9");
    assert_int_equal(s.total, 15);
    assert_int_equal(s.max, 27);
    assert_true(s.complete);
    assert_string_equal(s.band, "moderately severe");
    assert_int_equal(s.severity, SEV_NONE);
    /* A window that closed after item 5: partial, no band. */
    for (int i = 5; i < 9; i++)
        a.state[i] = FLOW_A_NONE;
    instrument_score(INSTR_PHQ9, &a, &s);
    assert_false(s.complete);
    assert_null(s.band);
    assert_int_equal(s.total, 11);
    assert_int_equal(s.answered, 5);
}

static void phq_item9_alerts(void **state)
{
    (void)state;
    struct flow_answers a;
    struct instrument_score s;
    const struct flow *f = instrument_flow(INSTR_PHQ9);
    char why[64];
    static const enum severity want[4] = {SEV_NONE, SEV_HIGH, SEV_URGENT, SEV_URGENT};
    for (int item9 = 0; item9 <= 3; item9++) {
        const double v[] = {0, 0, item9}; /* even after a negative PHQ-2 */
        play(INSTR_PHQ9, v, 3, &a, NULL);
        instrument_score(INSTR_PHQ9, &a, &s);
        assert_int_equal(s.severity, want[item9]);
        /* The step itself alerts, before the flow ends. */
        assert_int_equal(flow_alert(&f->q[8], item9, why, sizeof why), want[item9]);
    }
    assert_string_equal(s.reason, "phq9 3 >= 2");
}

static void gad2_branch(void **state)
{
    (void)state;
    struct flow_answers a;
    struct instrument_score s;
    const double neg[] = {1, 1};
    assert_int_equal(play(INSTR_GAD7, neg, 2, &a, NULL), 2);
    instrument_score(INSTR_GAD7, &a, &s);
    assert_string_equal(s.scale, "GAD-2");
    assert_string_equal(s.band, "negative");
    const double pos[] = {3, 0, 3, 3, 2, 2, 2}; /* 3: GAD-7, total 15 */
    assert_int_equal(play(INSTR_GAD7, pos, 7, &a, NULL), 7);
    instrument_score(INSTR_GAD7, &a, &s);
    assert_string_equal(s.scale, "GAD-7");
    assert_int_equal(s.total, 15);
    assert_int_equal(s.max, 21);
    assert_string_equal(s.band, "severe");
    assert_int_equal(s.severity, SEV_NONE);
}

static void cssrs_no_to_2_skips_to_6(void **state)
{
    (void)state;
    struct flow_answers a;
    struct instrument_score s;
    int asked[7];
    const double v[] = {1, 0, 0}; /* wish to be dead, no thoughts, nothing done */
    assert_int_equal(play(INSTR_CSSRS, v, 3, &a, asked), 3);
    assert_int_equal(asked[2], flow_find(instrument_flow(INSTR_CSSRS), "c6"));
    instrument_score(INSTR_CSSRS, &a, &s);
    assert_true(s.complete);
    assert_string_equal(s.band, "low");
    assert_int_equal(s.severity, SEV_HIGH);
    const double none[] = {0, 0, 0};
    play(INSTR_CSSRS, none, 3, &a, NULL);
    instrument_score(INSTR_CSSRS, &a, &s);
    assert_string_equal(s.band, "none");
    assert_int_equal(s.severity, SEV_NONE);
}

static void cssrs_urgent_branch(void **state)
{
    (void)state;
    struct flow_answers a;
    struct instrument_score s;
    /* Yes to 2: 3, 4, 5 asked; yes to 4 is urgent. */
    const double v4[] = {1, 1, 0, 1, 0, 0};
    assert_int_equal(play(INSTR_CSSRS, v4, 6, &a, NULL), 6);
    instrument_score(INSTR_CSSRS, &a, &s);
    assert_string_equal(s.band, "high");
    assert_int_equal(s.severity, SEV_URGENT);
    assert_string_equal(s.reason, "c4 1 == 1");
    /* Yes to 3 only: moderate, high alert. */
    const double v3[] = {1, 1, 1, 0, 0, 0};
    play(INSTR_CSSRS, v3, 6, &a, NULL);
    instrument_score(INSTR_CSSRS, &a, &s);
    assert_string_equal(s.band, "moderate");
    assert_int_equal(s.severity, SEV_HIGH);
    /* Yes to 6 within 3 months: urgent; longer ago: moderate, high. */
    const double v6[] = {0, 0, 1, 1};
    assert_int_equal(play(INSTR_CSSRS, v6, 4, &a, NULL), 4);
    instrument_score(INSTR_CSSRS, &a, &s);
    assert_string_equal(s.band, "high");
    assert_int_equal(s.severity, SEV_URGENT);
    const double v6old[] = {0, 0, 1, 0};
    play(INSTR_CSSRS, v6old, 4, &a, NULL);
    instrument_score(INSTR_CSSRS, &a, &s);
    assert_string_equal(s.band, "moderate");
    assert_int_equal(s.severity, SEV_HIGH);
    /* Yes to 6 and no answer about when: urgent (when in doubt, rule 4). */
    a.state[6] = FLOW_A_UNANSWERED;
    instrument_score(INSTR_CSSRS, &a, &s);
    assert_false(s.complete);
    assert_string_equal(s.band, "high");
    assert_int_equal(s.severity, SEV_URGENT);
}

static void answers_0_to_3_parse(void **state)
{
    (void)state;
    const struct flow_question *q = &instrument_flow(INSTR_PHQ9)->q[0];
    struct flow_parsed p;
    for (int v = 0; v <= 3; v++) {
        char t[2] = {(char)('0' + v), 0};
        flow_parse_answer(q, t, 1, NULL, &p);
        assert_int_equal(p.status, FLOW_P_OK);
        assert_true(p.value == v);
    }
    flow_parse_answer(q, "4", 1, NULL, &p);
    assert_int_equal(p.status, FLOW_P_OFF_SCALE);
    q = &instrument_flow(INSTR_CSSRS)->q[0];
    flow_parse_answer(q, "SI", 2, NULL, &p);
    assert_int_equal(p.status, FLOW_P_OK);
    assert_true(p.value == 1);
}

/* How far a run went, for "PHQ-9 partial 7 (6 of 9 answered)": the
 * questions the flow asks given the answers, one not reached counted as
 * left unanswered. */
static void reach_counts_the_questions_the_flow_asks(void **state)
{
    (void)state;
    struct flow_answers a;
    int asked, answered;
    const double v[] = {2, 2, 1, 1, 1, 1, 1, 1, 0};
    play(INSTR_PHQ9, v, 9, &a, NULL);
    for (int i = 4; i < 9; i++)
        a.state[i] = FLOW_A_NONE; /* the window ended after item 4 */
    flow_reach(instrument_flow(INSTR_PHQ9), &a, &asked, &answered);
    assert_int_equal(asked, 9);
    assert_int_equal(answered, 4);
    /* A negative PHQ-2 asks item 9 only after it. */
    const double neg[] = {1, 1, 0};
    play(INSTR_PHQ9, neg, 3, &a, NULL);
    a.state[8] = FLOW_A_UNANSWERED;
    flow_reach(instrument_flow(INSTR_PHQ9), &a, &asked, &answered);
    assert_int_equal(asked, 3);
    assert_int_equal(answered, 2);
    /* C-SSRS: no to 2 skips 3-5; yes to 6 asks when. */
    const double c[] = {0, 0, 1, 1};
    play(INSTR_CSSRS, c, 4, &a, NULL);
    a.state[6] = FLOW_A_NONE;
    flow_reach(instrument_flow(INSTR_CSSRS), &a, &asked, &answered);
    assert_int_equal(asked, 4);
    assert_int_equal(answered, 3);
    /* Nothing answered: the first question, and every one always asked. */
    memset(&a, 0, sizeof a);
    flow_reach(instrument_flow(INSTR_GAD7), &a, &asked, &answered);
    assert_int_equal(asked, 2);
    assert_int_equal(answered, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flows_are_valid_and_named),
        cmocka_unit_test(every_text_fits_one_segment),
        cmocka_unit_test(phq9_bands_at_every_edge),
        cmocka_unit_test(gad7_bands_at_every_edge),
        cmocka_unit_test(reach_counts_the_questions_the_flow_asks),
        cmocka_unit_test(phq2_negative_asks_only_items_1_2_and_9),
        cmocka_unit_test(phq2_positive_goes_on_to_phq9),
        cmocka_unit_test(phq_item9_alerts),
        cmocka_unit_test(gad2_branch),
        cmocka_unit_test(cssrs_no_to_2_skips_to_6),
        cmocka_unit_test(cssrs_urgent_branch),
        cmocka_unit_test(answers_0_to_3_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
