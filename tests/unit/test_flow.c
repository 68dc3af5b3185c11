/* SPDX-License-Identifier: Apache-2.0 */
/* test_flow.c: check-in flows (gateway/model/flow.c, pure): the validator's
 * refusals and their messages, the step logic with skip conditions and
 * jumps, the reading of an answer (scale, off-scale, yes/no, choice, text,
 * STOP, crisis words kept for the caller) and the alert rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config/config.h"
#include "model/flow.h"

_Static_assert(FLOW_LANGS == LANG__COUNT, "flow texts are indexed by enum lang");

/* The recovery check-in of issue 19: mood 1-10, cravings 0-10 (8 or more
 * is high), a meeting (yes/no), and, only after yes, which one. */
static struct flow_question recovery_q[] = {
    {.id = "mood", .text = {"How are you today, 1-10?", "Como esta hoy, 1-10?"},
     .type = FLOW_SCALE, .min = 1, .max = 10},
    {.id = "cravings", .text = {"Cravings today, 0-10?", NULL}, .type = FLOW_SCALE, .min = 0,
     .max = 10, .alerts = {{FLOW_OP_GE, 8, SEV_HIGH}}, .nalerts = 1},
    {.id = "meeting", .text = {"Made it to a meeting? YES or NO", NULL}, .type = FLOW_YESNO},
    {.id = "which", .text = {"Which one? AA, NA or SMART", NULL}, .type = FLOW_CHOICE,
     .choices = {"AA", "NA", "SMART"}, .nchoices = 3,
     .ask_if = {.nterms = 1, .terms = {"meeting"}, .op = FLOW_OP_EQ, .value = 1}},
    {.id = "note", .text = {"Anything else?", NULL}, .type = FLOW_TEXT},
};
#define NREC ((int)(sizeof recovery_q / sizeof recovery_q[0]))

static struct flow_question q[NREC];
static struct flow f = {"recovery", q, NREC};

static int setup(void **state)
{
    (void)state;
    memcpy(q, recovery_q, sizeof q);
    f.n = NREC;
    return 0;
}

static void refused(const char *want)
{
    char err[256] = "";
    assert_int_equal(flow_validate(&f, err, sizeof err), -1);
    if (strstr(err, want) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err, want);
}

static void valid_flow_passes(void **state)
{
    (void)state;
    char err[256] = "";
    assert_int_equal(flow_validate(&f, err, sizeof err), 0);
    assert_string_equal(err, "");
    assert_int_equal(flow_find(&f, "meeting"), 2);
    assert_int_equal(flow_find(&f, "nope"), -1);
    assert_string_equal(flow_text(&q[0], 1), "Como esta hoy, 1-10?");
    assert_string_equal(flow_text(&q[1], 1), "Cravings today, 0-10?"); /* no Spanish: English */
}

static void refuses_duplicate_ids(void **state)
{
    (void)state;
    q[3].id = "mood";
    refused("question 'mood': the id is used twice (questions 1 and 4)");
}

static void refuses_bad_ids_and_texts(void **state)
{
    (void)state;
    q[1].id = "Cravings!";
    refused("question 2: id 'Cravings!'");
    setup(NULL);
    q[1].id = "end";
    refused("question 2: id 'end'");
    setup(NULL);
    q[2].text[0] = "";
    refused("question 'meeting': no English text");
}

static void refuses_bad_range(void **state)
{
    (void)state;
    q[1].min = 10;
    q[1].max = 0;
    refused("question 'cravings': bad range 10-0");
    setup(NULL);
    q[0].max = 1; /* 1-1 */
    refused("question 'mood': bad range 1-1");
}

static void refuses_bad_choices(void **state)
{
    (void)state;
    q[3].nchoices = 1;
    refused("question 'which': a choice needs 2 to 8 options, not 1");
    setup(NULL);
    q[3].choices[2] = "aa";
    refused("question 'which': choice 'aa' is listed twice");
}

static void refuses_condition_on_unknown_or_later_question(void **state)
{
    (void)state;
    q[3].ask_if.terms[0] = "meetings";
    refused("question 'which': ask_if names unknown question 'meetings'");
    setup(NULL);
    q[1].ask_if = (struct flow_cond){.nterms = 1, .terms = {"meeting"}, .op = FLOW_OP_EQ, .value = 1};
    refused("question 'cravings': ask_if names 'meeting', which is not asked before it");
    setup(NULL);
    q[2].ask_if = (struct flow_cond){.nterms = 1, .terms = {"meeting"}, .op = FLOW_OP_EQ, .value = 1};
    refused("question 'meeting': ask_if names 'meeting', which is not asked before it");
    setup(NULL);
    q[4].ask_if = (struct flow_cond){.nterms = 1, .terms = {"note"}, .op = FLOW_OP_EQ, .value = 1};
    refused("question 'note': ask_if names 'note', free text without a value");
}

static void refuses_cycle(void **state)
{
    (void)state;
    q[3].jump_to = "cravings";
    refused("question 'which': going on to 'cravings' makes a cycle");
    setup(NULL);
    q[1].jump_to = "cravings"; /* onto itself */
    q[1].jump_if = (struct flow_cond){.nterms = 1, .terms = {"cravings"}, .op = FLOW_OP_LT, .value = 3};
    refused("question 'cravings': going on to 'cravings' makes a cycle");
}

static void refuses_unreachable_question(void **state)
{
    (void)state;
    q[1].jump_to = "which"; /* unconditional: nothing reaches "meeting" */
    refused("question 'meeting' is unreachable");
    setup(NULL);
    q[0].jump_to = FLOW_END_ID;
    refused("question 'cravings' is unreachable");
    setup(NULL);
    q[0].jump_to = "nowhere";
    refused("question 'mood': jump_to names unknown question 'nowhere'");
    setup(NULL);
    q[0].jump_if = (struct flow_cond){.nterms = 1, .terms = {"mood"}, .op = FLOW_OP_LT, .value = 3};
    refused("question 'mood': jump_if without jump_to");
}

static void refuses_bad_alert_rules(void **state)
{
    (void)state;
    q[1].alerts[0].value = 11;
    refused("question 'cravings': alert rule 1 compares with 11, outside 0-10");
    setup(NULL);
    q[4].alerts[0] = (struct flow_alert){FLOW_OP_EQ, 1, SEV_HIGH};
    q[4].nalerts = 1;
    refused("question 'note': free text has no value for an alert rule");
    setup(NULL);
    q[1].alerts[0].sev = SEV_NONE;
    refused("question 'cravings': alert rule 1 needs an operator and a severity");
}

static void refuses_empty_or_huge_flow(void **state)
{
    (void)state;
    f.n = 0;
    refused("a flow has 1 to 32 questions");
    f.n = FLOW_MAX_QUESTIONS + 1;
    refused("a flow has 1 to 32 questions");
}

static void answer(struct flow_answers *a, int i, double v)
{
    a->state[i] = FLOW_A_VALUE;
    a->value[i] = v;
}

static void steps_with_skip_condition(void **state)
{
    (void)state;
    struct flow_answers a = {0};
    assert_int_equal(flow_next(&f, &a), 0);
    answer(&a, 0, 6);
    assert_int_equal(flow_next(&f, &a), 1);
    answer(&a, 1, 2);
    assert_int_equal(flow_next(&f, &a), 2);
    /* No meeting: "which" is skipped. */
    answer(&a, 2, 0);
    assert_int_equal(flow_next(&f, &a), 4);
    a.state[4] = FLOW_A_TEXT;
    assert_int_equal(flow_next(&f, &a), FLOW_DONE);
    /* A meeting: "which" is asked. */
    a.state[4] = FLOW_A_NONE;
    answer(&a, 2, 1);
    assert_int_equal(flow_next(&f, &a), 3);
    /* An unanswered question moves the flow on; a condition on it fails. */
    a.state[2] = FLOW_A_UNANSWERED;
    assert_int_equal(flow_next(&f, &a), 4);
}

static void steps_with_jump(void **state)
{
    (void)state;
    /* A good mood (8 or more) ends the flow at once. */
    q[0].jump_to = FLOW_END_ID;
    q[0].jump_if = (struct flow_cond){.nterms = 1, .terms = {"mood"}, .op = FLOW_OP_GE, .value = 8};
    assert_int_equal(flow_validate(&f, NULL, 0), 0);
    struct flow_answers a = {0};
    answer(&a, 0, 9);
    assert_int_equal(flow_next(&f, &a), FLOW_DONE);
    answer(&a, 0, 7);
    assert_int_equal(flow_next(&f, &a), 1);
    /* A summed condition: mood + cravings. */
    setup(NULL);
    q[2].ask_if = (struct flow_cond){.nterms = 2, .terms = {"mood", "cravings"}, .op = FLOW_OP_GE, .value = 10};
    assert_int_equal(flow_validate(&f, NULL, 0), 0);
    memset(&a, 0, sizeof a);
    answer(&a, 0, 4);
    answer(&a, 1, 5);
    assert_int_equal(flow_next(&f, &a), 4); /* 9 < 10: neither meeting nor which */
    answer(&a, 1, 6);
    assert_int_equal(flow_next(&f, &a), 2);
}

static void a_cyclic_flow_never_loops(void **state)
{
    (void)state;
    q[4].jump_to = "mood"; /* not validated */
    struct flow_answers a = {0};
    for (int i = 0; i < NREC; i++)
        a.state[i] = FLOW_A_UNANSWERED;
    assert_int_equal(flow_next(&f, &a), FLOW_INVALID);
}

static void parse(int i, const char *text, enum flow_parse_status st, double v)
{
    struct flow_parsed p;
    flow_parse_answer(&q[i], text, strlen(text), NULL, &p);
    if (p.status != st)
        fail_msg("'%s' to %s: status %d, want %d", text, q[i].id, p.status, st);
    if (st == FLOW_P_OK && p.value != v)
        fail_msg("'%s' to %s: value %g, want %g", text, q[i].id, p.value, v);
}

static void parses_answers(void **state)
{
    (void)state;
    parse(0, "6", FLOW_P_OK, 6);
    parse(0, "pretty rough, 3", FLOW_P_OK, 3);
    parse(0, "12", FLOW_P_OFF_SCALE, 0);
    parse(1, "0", FLOW_P_OK, 0);
    parse(1, "blue", FLOW_P_UNCLEAR, 0); /* a mood word is no number of cravings */
    parse(0, "pretty good", FLOW_P_OK, 7); /* ...but answers the 1-10 mood scale */
    parse(2, "yes", FLOW_P_OK, 1);
    parse(2, "Sí", FLOW_P_OK, 1);
    parse(2, "nope", FLOW_P_OK, 0);
    parse(2, "not really", FLOW_P_UNCLEAR, 0);
    parse(3, "smart", FLOW_P_OK, 3);
    parse(3, " NA. ", FLOW_P_OK, 2);
    parse(3, "1", FLOW_P_OK, 1);
    parse(3, "7", FLOW_P_OFF_SCALE, 0);
    parse(4, "went for a walk", FLOW_P_OK, 0);
    parse(4, "   ", FLOW_P_UNCLEAR, 0);
    parse(4, "STOP", FLOW_P_STOP, 0);
    parse(0, "stop", FLOW_P_STOP, 0);
}

/* A percent is a share of the top of a scale from 0 or 1 ("60%" is 6 of
 * 10). A scale below zero has no such top: fuzz_flow found "5%" accepted as
 * 0 on a -5..-3 scale, off the scale it had been asked on. */
static void a_percent_stays_on_its_scale(void **state)
{
    (void)state;
    struct flow_question neg = {.id = "t", .text = {"Q?"}, .type = FLOW_SCALE, .min = -5, .max = -3};
    struct flow_question four = {.id = "u", .text = {"Q?"}, .type = FLOW_SCALE, .min = 0, .max = 4};
    struct flow_parsed p;
    flow_parse_answer(&neg, "5%", 2, NULL, &p);
    assert_int_not_equal(p.status, FLOW_P_OK);
    flow_parse_answer(&neg, "-4", 2, NULL, &p);
    if (p.status == FLOW_P_OK)
        assert_true(p.value >= -5 && p.value <= -3);
    flow_parse_answer(&four, "50%", 3, NULL, &p);
    assert_int_equal(p.status, FLOW_P_OK);
    assert_true(p.value == 2);
    parse(0, "60%", FLOW_P_OK, 6);
}

static void crisis_words_reach_the_caller(void **state)
{
    (void)state;
    struct flow_parsed p;
    const char *t = "no, I want to kill myself";
    flow_parse_answer(&q[2], t, strlen(t), NULL, &p);
    assert_true(p.reply.signals & REPLY_SIG_CRISIS);
    assert_int_not_equal(p.status, FLOW_P_OK); /* not a plain no */
}

static void alert_rules(void **state)
{
    (void)state;
    char why[64];
    assert_int_equal(flow_alert(&q[1], 7, why, sizeof why), SEV_NONE);
    assert_string_equal(why, "");
    assert_int_equal(flow_alert(&q[1], 8, why, sizeof why), SEV_HIGH);
    assert_string_equal(why, "cravings 8 >= 8");
    assert_int_equal(flow_alert(&q[0], 1, why, sizeof why), SEV_NONE);
}

static void names_round_trip(void **state)
{
    (void)state;
    enum flow_op op;
    enum flow_type t;
    for (int i = FLOW_OP_EQ; i <= FLOW_OP_GE; i++) {
        assert_int_equal(flow_op_parse(flow_op_name((enum flow_op)i), &op), 0);
        assert_int_equal(op, i);
    }
    for (int i = FLOW_SCALE; i <= FLOW_TEXT; i++) {
        assert_int_equal(flow_type_parse(flow_type_name((enum flow_type)i), &t), 0);
        assert_int_equal(t, i);
    }
    assert_int_equal(flow_op_parse("=>", &op), -1);
    assert_int_equal(flow_type_parse("date", &t), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(valid_flow_passes, setup),
        cmocka_unit_test_setup(refuses_duplicate_ids, setup),
        cmocka_unit_test_setup(refuses_bad_ids_and_texts, setup),
        cmocka_unit_test_setup(refuses_bad_range, setup),
        cmocka_unit_test_setup(refuses_bad_choices, setup),
        cmocka_unit_test_setup(refuses_condition_on_unknown_or_later_question, setup),
        cmocka_unit_test_setup(refuses_cycle, setup),
        cmocka_unit_test_setup(refuses_unreachable_question, setup),
        cmocka_unit_test_setup(refuses_bad_alert_rules, setup),
        cmocka_unit_test_setup(refuses_empty_or_huge_flow, setup),
        cmocka_unit_test_setup(steps_with_skip_condition, setup),
        cmocka_unit_test_setup(steps_with_jump, setup),
        cmocka_unit_test_setup(a_cyclic_flow_never_loops, setup),
        cmocka_unit_test_setup(parses_answers, setup),
        cmocka_unit_test_setup(a_percent_stays_on_its_scale, setup),
        cmocka_unit_test_setup(crisis_words_reach_the_caller, setup),
        cmocka_unit_test_setup(alert_rules, setup),
        cmocka_unit_test_setup(names_round_trip, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
