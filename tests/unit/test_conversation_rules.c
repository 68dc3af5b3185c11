/* SPDX-License-Identifier: Apache-2.0 */
/* test_conversation_rules.c: the rules for a specialist's message to a client
 * in a conversation (pure: conversation_verdict). The relay itself, through
 * the real daemon, is tests/integration/test_conversation.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/conversation.h"

#define NOW 1800000000

static void outside_quiet_hours_it_goes_now(void **state)
{
    (void)state;
    struct conversation_facts f = {.now = NOW};
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
    f.quiet_end = NOW; /* schedule_quiet_end's "not quiet": the instant itself */
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
    f.last_client_in = NOW - 86400 * 30; /* however long ago they wrote */
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
}

static void quiet_hours_wait_unless_recent_or_bang(void **state)
{
    (void)state;
    struct conversation_facts f = {.now = NOW, .quiet_end = NOW + 3 * 3600};
    /* Never wrote, or wrote more than an hour ago: waits. */
    assert_int_equal(conversation_verdict(&f), CONV_SEND_AFTER_QUIET);
    f.last_client_in = NOW - CONVERSATION_RECENT_SECONDS - 1;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_AFTER_QUIET);
    /* Wrote within the hour: an answer goes at once. */
    f.last_client_in = NOW - CONVERSATION_RECENT_SECONDS;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
    f.last_client_in = NOW - 5;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
    /* "!" sends now whatever the hour. */
    f.last_client_in = 0;
    f.bang = true;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
}

static void after_stop_only_an_answer(void **state)
{
    (void)state;
    struct conversation_facts f = {.now = NOW, .opted_out = true};
    assert_int_equal(conversation_verdict(&f), CONV_REFUSED_STOP);
    /* Neither "!" nor a recent message before the STOP opens the way. */
    f.bang = true;
    f.last_client_in = NOW - 10;
    assert_int_equal(conversation_verdict(&f), CONV_REFUSED_STOP);
    /* A message sent after the STOP may be answered, by the usual rules. */
    f.wrote_after_stop = true;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
    f.bang = false;
    f.last_client_in = NOW - 2 * CONVERSATION_RECENT_SECONDS;
    f.quiet_end = NOW + 600;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_AFTER_QUIET);
    /* Not opted out: wrote_after_stop means nothing. */
    f.opted_out = false;
    f.wrote_after_stop = false;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_AFTER_QUIET);
}

static void unconfirmed_only_once_they_wrote(void **state)
{
    (void)state;
    /* Enrolled, no YES yet (consent): nothing to a client who never wrote. */
    struct conversation_facts f = {.now = NOW, .pending = true, .bang = true};
    assert_int_equal(conversation_verdict(&f), CONV_REFUSED_PENDING);
    /* They wrote: the specialist may answer. */
    f.last_client_in = NOW - 86400;
    assert_int_equal(conversation_verdict(&f), CONV_SEND_NOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outside_quiet_hours_it_goes_now),
        cmocka_unit_test(quiet_hours_wait_unless_recent_or_bang),
        cmocka_unit_test(after_stop_only_an_answer),
        cmocka_unit_test(unconfirmed_only_once_they_wrote),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
