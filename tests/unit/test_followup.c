/* SPDX-License-Identifier: Apache-2.0 */
/* test_followup.c: follow-up tasks (issue 18 item 4) on the real gateway
 * (gw_start on a private loop, a temporary SQLite file, a fake provider):
 * an ACK plans them; the re-alert timer, with the clock moved, sends each
 * when due, again after the grace, lists it as overdue in STATUS and the
 * digest, then hands it to the backup; DONE and SNOOZE act on the one
 * sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "daemon/escalator.h"
#include "testrelay.h"

#define SAM "+15555550101"
#define PEOPLE                                                                            \
    "specialists = ( { id = \"jordan\"; name = \"Jordan\"; phone = \"" JORDAN "\";"          \
    " backup = \"sam\"; },\n"                                                              \
    "  { id = \"sam\"; name = \"Sam\"; phone = \"" SAM "\"; } );\n"                          \
    "escalation = { flood_window_seconds = 3600; followup_after = \"1d, 3d\";"              \
    " followup_grace_hours = 12; };\n"

/* One number from the database (a count). */
static int64_t one(struct fx *f, const char *sql)
{
    int64_t n = count_in(f->db, sql);
    assert_true(n >= 0);
    return n;
}

/* Moves the gateway's clock on by secs and lets the re-alert timer run. */
static void later(struct fx *f, int64_t secs)
{
    f->gw.time_offset += secs;
    escalator_kick(f->gw.escalator);
    for (int i = 0; i < 50; i++)
        uv_run(&f->loop, UV_RUN_NOWAIT);
}

static int setup(void **state)
{
    return relay_setup(state, "test_followup", PEOPLE);
}

/* Jordan works Monday to Friday, 09:00 to 17:00 (UTC, the program's zone). */
#define PEOPLE_HOURS                                                                      \
    "specialists = ( { id = \"jordan\"; name = \"Jordan\"; phone = \"" JORDAN "\";"          \
    " hours = [ \"mon-fri 09:00-17:00\" ]; } );\n"                                         \
    "escalation = { flood_window_seconds = 3600; followup_after = \"2h\"; };\n"

static int setup_hours(void **state)
{
    return relay_setup(state, "test_followup_hours", PEOPLE_HOURS);
}

/* Sets the gateway's clock to instant t and lets the re-alert timer run. */
static void at(struct fx *f, int64_t t)
{
    later(f, t - gw_now(&f->gw));
}

#define DUE "Follow up with alex (#1): reply DONE 1 or SNOOZE 1 4h."

static void plan_send_done_snooze_overdue_handoff(void **state)
{
    struct fx *f = *state;
    say(f, ALEX, "I want to end it all tonight");
    say(f, JORDAN, "ACK 1");
    assert_int_equal(one(f, "SELECT count(*) FROM followups WHERE escalation_id = 1"), 2);
    say(f, JORDAN, "ACK 1"); /* already his: no second plan */
    assert_int_equal(one(f, "SELECT count(*) FROM followups WHERE escalation_id = 1"), 2);
    /* A snooze gone wrong is answered with the usage, which names the
     * conversation and follow-up commands, and never reaches alex. */
    say(f, JORDAN, "SNOOZE 1 3 weeks");
    assert_int_equal(queued(f, JORDAN, "command",
                            "%Conversations: TEXT alias message, @17 message, END 17, TAKE 17. "
                            "Follow-ups: DONE 17, SNOOZE 17 4h."),
                     1);
    assert_int_equal(queued(f, ALEX, "conversation", "%3 weeks%"), 0);
    /* Nothing due yet: DONE has nothing to act on. */
    say(f, JORDAN, "DONE 1");
    assert_int_equal(queued(f, JORDAN, "command", "P: no follow-up of #1 is due."), 1);

    later(f, 86400 + 5);
    assert_int_equal(queued(f, JORDAN, "followup_task", "P: " DUE), 1);
    say(f, JORDAN, "done 1");
    assert_int_equal(queued(f, JORDAN, "command", "P: follow-up with alex (#1) done. Thank you."),
                     1);
    assert_int_equal(one(f, "SELECT count(*) FROM followups WHERE state = 'done'"
                            " AND done_by = 'jordan'"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = 'followup.done'"), 1);

    /* The second, two days later: snoozed 4 hours, then sent again. */
    later(f, 2 * 86400);
    assert_int_equal(queued(f, JORDAN, "followup_task", "P: " DUE), 2);
    say(f, JORDAN, "SNOOZE 1 4h");
    assert_int_equal(queued(f, JORDAN, "command", "P: follow-up with alex (#1) again in 4h."), 1);
    later(f, 3600);
    assert_int_equal(queued(f, JORDAN, "followup_task", "P: " DUE), 2);
    later(f, 3 * 3600 + 5);
    assert_int_equal(queued(f, JORDAN, "followup_task", "P: " DUE), 3);
    /* Not done within the grace: once more, then overdue, then the backup. */
    later(f, 12 * 3600 + 5);
    assert_int_equal(queued(f, JORDAN, "followup_task", "P: " DUE), 4);
    later(f, 12 * 3600 + 5);
    assert_int_equal(queued(f, JORDAN, "followup_task", "P: " DUE), 4);
    assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = 'followup.overdue'"), 1);
    say(f, JORDAN, "STATUS");
    assert_int_equal(queued(f, JORDAN, "command", "%follow up alex #1 overdue 1d%"), 1);
    assert_true(escalator_digest_now(&f->gw, gw_now(&f->gw)) >= 1);
    assert_int_equal(queued(f, JORDAN, "digest", "%follow up alex #1 overdue 1d.%"), 1);
    later(f, 12 * 3600 + 5);
    assert_int_equal(queued(f, SAM, "followup_task",
                            "P: Jordan has not followed up with alex (#1). Please do: reply "
                            "DONE 1 or SNOOZE 1 4h."),
                     1);
    assert_int_equal(one(f, "SELECT count(*) FROM followups WHERE step = 4"
                            " AND handed_to = 'sam'"), 1);
    /* Nothing more after the hand-off; the backup's DONE closes it. */
    later(f, 7 * 86400);
    assert_int_equal(queued(f, SAM, "followup_task", "%"), 1);
    say(f, SAM, "DONE 1");
    assert_int_equal(one(f, "SELECT count(*) FROM followups WHERE state = 'open'"), 0);
    assert_int_equal(one(f, "SELECT count(*) FROM followups WHERE done_by = 'sam'"), 1);
}

#define WED_1630 1796833800 /* Wednesday 2026-12-09 16:30 UTC */
#define AWAY_THU "P: Jordan is away now and back Thu 09:00. Your message is saved for them. " \
                 "In crisis, call or text 988 now."

/* Working hours: a conversation message outside them gets one automatic
 * answer per evening; a follow-up task due outside them waits for the next
 * shift; a crisis message gets no away answer (the 988 answer and the
 * alert go as always). */
static void working_hours(void **state)
{
    struct fx *f = *state;
    at(f, WED_1630);
    say(f, ALEX, "I want to end it all tonight");
    say(f, JORDAN, "ACK 1");
    say(f, ALEX, "thank you for calling");
    assert_int_equal(queued(f, JORDAN, "conversation", "alex #1: thank you for calling"), 1);
    assert_int_equal(queued(f, ALEX, "away", "%"), 0);
    /* 18:35: the task due at 18:30 waits; alex hears when Jordan is back. */
    at(f, WED_1630 + 2 * 3600 + 300);
    assert_int_equal(queued(f, JORDAN, "followup_task", "%"), 0);
    say(f, ALEX, "I made some dinner");
    assert_int_equal(queued(f, JORDAN, "conversation", "alex #1: I made some dinner"), 1);
    assert_int_equal(queued(f, ALEX, "away", AWAY_THU), 1);
    at(f, WED_1630 + 5 * 3600);
    say(f, ALEX, "had a quiet evening");
    assert_int_equal(queued(f, ALEX, "away", "%"), 1); /* once per evening */
    say(f, ALEX, "I have the pills here, I'm going to take them all");
    assert_int_equal(queued(f, ALEX, "away", "%"), 1);
    assert_int_equal(queued(f, ALEX, "crisis", "%"), 2);
    /* Thursday 09:00: the task goes out; the next evening has its own answer. */
    at(f, WED_1630 + 16 * 3600 + 30 * 60 + 5);
    assert_int_equal(queued(f, JORDAN, "followup_task", "%Follow up with alex (#1)%"), 1);
    say(f, ALEX, "morning");
    assert_int_equal(queued(f, ALEX, "away", "%"), 1);
    at(f, WED_1630 + 26 * 3600);
    say(f, ALEX, "long day");
    assert_int_equal(queued(f, ALEX, "away", "%back Fri 09:00%"), 1);
    at(f, WED_1630 + 49 * 3600); /* Friday 17:30, within the idle time */
    say(f, ALEX, "the cat is asleep");
    assert_int_equal(queued(f, ALEX, "away", "%back Mon 09:00%"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM messages WHERE kind = 'away'"
                            " AND conversation_id IS NOT NULL"), 3);
    /* A day with no message either way: the timer ends it and tells Jordan. */
    at(f, WED_1630 + 49 * 3600 + 24 * 3600 - 60);
    assert_int_equal(queued(f, JORDAN, "command", "%ended after 24 hours%"), 0);
    at(f, WED_1630 + 49 * 3600 + 24 * 3600 + 5);
    assert_int_equal(queued(f, JORDAN, "command",
                            "P: the conversation with alex #1 ended after 24 hours with no "
                            "message. Your texts no longer go to them; TEXT alex to go on."),
                     1);
    assert_int_equal(one(f, "SELECT count(*) FROM conversations WHERE end_reason = 'idle'"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = 'conversation.ended'"
                            " AND detail = 'idle'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(plan_send_done_snooze_overdue_handoff, setup, relay_teardown),
        cmocka_unit_test_setup_teardown(working_hours, setup_hours, relay_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
