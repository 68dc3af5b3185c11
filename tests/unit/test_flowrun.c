/* SPDX-License-Identifier: Apache-2.0 */
/* test_flowrun: check-in flows on a temporary store (core/flowrun.c): the
 * first question queued at the start; an off-scale answer asked once more,
 * a second miss left unanswered and the flow moving on; a choice by its
 * words and free text kept as its message; a reply with no open run left
 * alone; STOP keeping the question it stopped at; a C-SSRS whose window
 * ends after yes to question 6 with no answer about when: partly answered
 * and urgent, with the 988 message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/config.h"
#include "core/flowrun.h"
#include "model/flow.h"
#include "store/store.h"
#include "testdir.h"

#define NOW 1900000000

static char tmpdir[] = "/tmp/test_flowrun.XXXXXX";

struct fx {
    struct gw_config *cfg;
    struct store *s;
    struct store_client c;
    int64_t msg;   /* the next inbound message id to pretend */
};

static const char conf[] =
    "program = { name = \"P\"; contact = \"C\"; };\n"
    "providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"d\"; } );\n"
    "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; } );\n"
    "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"call or text 988\";\n"
    "  alert = \"a {escalation}\"; stop = \"s\"; start = \"st\"; help = \"h\"; }; };\n"
    "schedules = ( { name = \"rec\"; times = [ \"09:00\" ]; flow = \"rec\"; },\n"
    "  { name = \"cssrs\"; times = [ \"09:00\" ]; flow = \"cssrs\"; },\n"
    "  { name = \"phq\"; times = [ \"09:00\" ]; flow = \"phq9\"; } );\n"
    "flows = ( { name = \"rec\"; questions = (\n"
    "  { id = \"mood\"; type = \"scale\"; min = 1; max = 10; text = \"Mood 1-10?\"; },\n"
    "  { id = \"where\"; type = \"choice\"; choices = [ \"home\", \"work\" ]; text = \"Where?\"; },\n"
    "  { id = \"note\"; type = \"text\"; text = { en = \"Anything else?\"; es = \"Algo mas?\"; }; }"
    " ); } );\n";

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    char path[256], err[256];
    struct cfg_errors e;
    snprintf(path, sizeof path, "%s/c.conf", tmpdir);
    FILE *fp = fopen(path, "w");
    if (!f || !fp)
        return -1;
    fputs(conf, fp);
    fclose(fp);
    cfg_errors_init(&e);
    if (gw_config_load(&f->cfg, path, &e) != 0) {
        cfg_errors_print(&e, stderr);
        return -1;
    }
    cfg_errors_free(&e);
    snprintf(path, sizeof path, "%s/db.sqlite", tmpdir);
    unlink(path);
    if (store_open(&f->s, path, err, sizeof err) != STORE_OK)
        return -1;
    snprintf(f->c.alias, sizeof f->c.alias, "ana");
    snprintf(f->c.phone, sizeof f->c.phone, "+15555550188");
    snprintf(f->c.tz, sizeof f->c.tz, "UTC");
    snprintf(f->c.schedule, sizeof f->c.schedule, "rec");
    f->c.lang = LANG_EN;
    f->c.state = CLIENT_ACTIVE;
    f->c.created_at = NOW;
    if (store_client_insert(f->s, &f->c) != STORE_OK)
        return -1;
    f->msg = 1000;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->s);
    gw_config_free(f->cfg);
    free(f);
    return 0;
}

/* Starts client's check-in on schedule name, its window an hour. */
static void start(struct fx *f, const char *schedule)
{
    int64_t checkin = 0;
    const struct gw_schedule *sch = gw_config_schedule(f->cfg, schedule);
    assert_non_null(sch);
    assert_int_equal(store_checkin_insert_remind(f->s, f->c.id, NOW, NOW + 3600, 0, &checkin),
                     STORE_OK);
    assert_int_equal(flowrun_start(f->s, sch, &f->c, checkin, NOW + 3600, NOW), STORE_OK);
}

static void say(struct fx *f, const char *text, struct flowrun_effect *fx)
{
    assert_int_equal(flowrun_reply(f->s, f->cfg, &f->c, f->msg++, text, strlen(text), NOW + 60,
                                   fx),
                     STORE_OK);
}

struct sent {
    char kinds[256], last[STORE_BODY_MAX];
};
static int sent_cb(void *ctx, const struct store_msg_row *m)
{
    struct sent *x = ctx;
    size_t n = strlen(x->kinds);
    snprintf(x->kinds + n, sizeof x->kinds - n, "%s%s", n ? " " : "", msg_kind_name(m->kind));
    snprintf(x->last, sizeof x->last, "%s", m->body);
    return 0;
}
/* The kinds of the messages queued to the client, in order, and the last text. */
static void sent(struct fx *f, struct sent *x)
{
    memset(x, 0, sizeof *x);
    assert_int_equal(store_messages_for_client(f->s, f->c.id, sent_cb, x), STORE_OK);
}

static int run_cb(void *ctx, const struct store_flowrun *r)
{
    *(struct store_flowrun *)ctx = *r;
    return 0;
}
static void last_run(struct fx *f, struct store_flowrun *r)
{
    memset(r, 0, sizeof *r);
    assert_int_equal(store_flowruns_for_client(f->s, f->c.id, run_cb, r), STORE_OK);
}

struct answers {
    char text[256];
};
static int ans_cb(void *ctx, const struct store_flow_answer *a)
{
    struct answers *x = ctx;
    size_t n = strlen(x->text);
    snprintf(x->text + n, sizeof x->text - n, "%s%s:%d:%g:%lld", n ? " " : "", a->qid, a->state,
             a->value, (long long)a->message_id);
    return 0;
}

static void test_off_scale_then_unanswered(void **state)
{
    struct fx *f = *state;
    struct flowrun_effect fx;
    struct sent x;
    start(f, "rec");
    sent(f, &x);
    assert_string_equal(x.kinds, "checkin");
    assert_string_equal(x.last, "Mood 1-10?");
    say(f, "15", &fx);
    assert_true(fx.consumed);
    assert_true(fx.unread);
    sent(f, &x);
    assert_string_equal(x.kinds, "checkin retry");
    assert_string_equal(x.last, "Mood 1-10?");
    say(f, "20", &fx);
    assert_true(fx.consumed);
    sent(f, &x);
    assert_string_equal(x.kinds, "checkin retry checkin");
    assert_string_equal(x.last, "Where?");
    /* A choice by its words; free text kept as its message. */
    say(f, "Work.", &fx);
    say(f, "had a long day", &fx);
    assert_true(fx.ended);
    assert_int_equal(fx.sev, SEV_NONE);
    struct store_flowrun r;
    last_run(f, &r);
    assert_string_equal(run_state_name(r.state), "partial"); /* mood was left unanswered */
    assert_int_equal(r.step, -1);
    struct answers a = {""};
    assert_int_equal(store_flow_answers(f->s, r.id, ans_cb, &a), STORE_OK);
    assert_string_equal(a.text, "mood:3:0:1001 where:1:2:1002 note:2:0:1003");
}

static void test_no_run_and_stop(void **state)
{
    struct fx *f = *state;
    struct flowrun_effect fx;
    say(f, "7", &fx);
    assert_false(fx.consumed); /* no flow open: a mood as ever */
    start(f, "rec");
    say(f, "7", &fx);
    assert_int_equal(flowrun_stop(f->s, f->c.id, NOW + 120), STORE_OK);
    struct store_flowrun r;
    last_run(f, &r);
    assert_string_equal(run_state_name(r.state), "stopped");
    assert_int_equal(r.step, 1); /* stopped while "where" waited */
    say(f, "home", &fx);
    assert_false(fx.consumed);
}

/* The fixture's config after a reload whose "rec" flow asks its questions
 * in the order given (ids among mood, where, note; texts marked "v2"). */
static struct gw_config *reloaded(const char *order)
{
    static const char *const qs[][2] = {
        {"mood", "{ id = \"mood\"; type = \"scale\"; min = 1; max = 10; text = \"v2 Mood?\"; }"},
        {"where", "{ id = \"where\"; type = \"choice\"; choices = [ \"home\", \"work\" ];"
                  " text = \"v2 Where?\"; }"},
        {"note", "{ id = \"note\"; type = \"text\"; text = \"v2 Anything?\"; }"},
    };
    char text[4096], path[256], ids[64], *save = NULL;
    struct gw_config *c = NULL;
    struct cfg_errors e;
    snprintf(text, sizeof text, "%.*sflows = ( { name = \"rec\"; questions = ( ",
             (int)(strstr(conf, "flows = (") - conf), conf);
    snprintf(ids, sizeof ids, "%s", order);
    for (char *id = strtok_r(ids, " ", &save); id; id = strtok_r(NULL, " ", &save))
        for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++)
            if (strcmp(qs[i][0], id) == 0)
                snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s",
                         text[strlen(text) - 2] == '(' ? "" : ", ", qs[i][1]);
    snprintf(text + strlen(text), sizeof text - strlen(text), " ); } );\n");
    snprintf(path, sizeof path, "%s/c2.conf", tmpdir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    cfg_errors_init(&e);
    if (gw_config_load(&c, path, &e) != 0)
        cfg_errors_print(&e, stderr);
    cfg_errors_free(&e);
    assert_non_null(c);
    return c;
}

static void reply_with(struct fx *f, struct gw_config *cfg, const char *text,
                       struct flowrun_effect *fx)
{
    assert_int_equal(flowrun_reply(f->s, cfg, &f->c, f->msg++, text, strlen(text), NOW + 60, fx),
                     STORE_OK);
}

/* A reload that reorders the flow while a run waits: by position the
 * reply would answer another question. The run ends with its answers as
 * given and the reply is read as any other (not consumed). */
static void test_reload_reordered_ends_the_run(void **state)
{
    struct fx *f = *state;
    struct flowrun_effect fx;
    struct store_flowrun r;
    start(f, "rec"); /* waits on mood, index 0 */
    struct gw_config *v2 = reloaded("where mood note");
    reply_with(f, v2, "7", &fx);
    assert_false(fx.consumed);
    last_run(f, &r);
    assert_string_equal(run_state_name(r.state), "partial");
    struct answers a = {""};
    assert_int_equal(store_flow_answers(f->s, r.id, ans_cb, &a), STORE_OK);
    assert_string_equal(a.text, ""); /* "7" did not become an answer to "where" */
    gw_config_free(v2);
}

/* Answered questions that moved: mood answered at index 0, the run waits
 * on where (index 1); after the reload where is still at 1 but mood is not
 * at 0 any more, so the stored answers would be read as another's. */
static void test_reload_moved_answer_ends_the_run(void **state)
{
    struct fx *f = *state;
    struct flowrun_effect fx;
    struct store_flowrun r;
    start(f, "rec");
    say(f, "7", &fx);
    struct gw_config *v2 = reloaded("note where mood");
    reply_with(f, v2, "home", &fx);
    assert_false(fx.consumed);
    last_run(f, &r);
    assert_string_equal(run_state_name(r.state), "partial");
    assert_string_equal(r.step_qid, "where");
    gw_config_free(v2);
}

/* A reload that changes only texts (or adds a question after the run's
 * place) leaves the run going: the next question is the new text. */
static void test_reload_same_order_goes_on(void **state)
{
    struct fx *f = *state;
    struct flowrun_effect fx;
    struct sent x;
    start(f, "rec");
    say(f, "7", &fx);
    struct gw_config *v2 = reloaded("mood where note");
    reply_with(f, v2, "home", &fx);
    assert_true(fx.consumed);
    sent(f, &x);
    assert_string_equal(x.last, "v2 Anything?");
    struct store_flowrun r;
    last_run(f, &r);
    assert_string_equal(run_state_name(r.state), "open");
    assert_string_equal(r.step_qid, "note");
    gw_config_free(v2);
}

static void test_cssrs_window_ends_after_yes_to_6(void **state)
{
    struct fx *f = *state;
    struct flowrun_effect fx;
    start(f, "cssrs");
    say(f, "no", &fx);
    say(f, "no", &fx); /* no to 2: on to 6 */
    struct sent x;
    sent(f, &x);
    assert_non_null(strstr(x.last, "Have you ever done anything"));
    say(f, "yes", &fx);
    assert_int_equal(fx.sev, SEV_HIGH);
    assert_false(fx.crisis_text);
    assert_string_equal(fx.reason, "cssrs: c6 1 == 1");
    sent(f, &x);
    assert_string_equal(x.last, "Was that within the past 3 months? Reply YES or NO");

    struct store_flowrun r;
    last_run(f, &r);
    assert_int_equal(flowrun_expire(f->s, f->cfg, &r, NOW + 3601, &fx), STORE_OK);
    assert_string_equal(run_state_name(r.state), "partial");
    assert_int_equal(fx.sev, SEV_URGENT); /* when in doubt, it was recent */
    assert_true(fx.crisis_text);
    assert_non_null(strstr(fx.reason, "not known whether within 3 months"));
    last_run(f, &r);
    assert_string_equal(r.scale, "C-SSRS");
    assert_string_equal(r.band, "high"); /* partial, but a risk level is a floor: kept */
    assert_non_null(strstr(fx.reason, "C-SSRS 1/6 high"));
    assert_int_equal(r.alerted, SEV_URGENT);
    assert_int_equal(r.step, 6);
}

/* A PHQ-9 run whose PHQ-2 (answered 1, 1) is negative, so the
 * instrument's own result is complete, then ended at item 9 by last (a
 * reply), or by the window when last is NULL: the run is not complete
 * (want_state), so it keeps its total and gets no band. */
static void phq2_then_end(struct fx *f, const char *last, const char *want_state)
{
    struct flowrun_effect fx;
    struct store_flowrun r;
    struct sent x;
    start(f, "phq");
    say(f, "1", &fx);
    say(f, "1", &fx);
    sent(f, &x);
    assert_non_null(strstr(x.last, "better off dead"));
    last_run(f, &r);
    if (last)
        say(f, last, &fx);
    else
        assert_int_equal(flowrun_expire(f->s, f->cfg, &r, NOW + 3601, &fx), STORE_OK);
    last_run(f, &r);
    assert_string_equal(run_state_name(r.state), want_state);
    assert_string_equal(r.scale, "PHQ-2");
    assert_int_equal(r.total, 2);
    assert_string_equal(r.band, "");
}

static void test_partial_phq9_has_no_band(void **state)
{
    phq2_then_end(*state, NULL, "partial");
}

static void test_crisis_phq9_has_no_band(void **state)
{
    phq2_then_end(*state, "I want to kill myself", "crisis");
}

TEST_DIR_GROUP(tmpdir)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_off_scale_then_unanswered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_run_and_stop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cssrs_window_ends_after_yes_to_6, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_phq9_has_no_band, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crisis_phq9_has_no_band, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_reordered_ends_the_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_moved_answer_ends_the_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_same_order_goes_on, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
