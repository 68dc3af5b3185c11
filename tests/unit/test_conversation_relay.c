/* SPDX-License-Identifier: Apache-2.0 */
/* test_conversation_relay.c: the relay rules on the real gateway (gw_start
 * on a private loop, a temporary SQLite file, a fake provider), message by
 * message through the group commit: what is queued to whom. Here the
 * STOP rule is checked within one second (the STOP and the next message
 * share a timestamp; only the message id tells them apart), and that the
 * holder gets a client's message itself, not a follow-up as well. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testrelay.h"

#define JORDAN_ONLY                                                                     \
    "specialists = ( { id = \"jordan\"; name = \"Jordan\"; phone = \"" JORDAN "\"; } );\n" \
    "escalation = { flood_window_seconds = 3600; };\n"

static int setup(void **state)
{
    return relay_setup(state, "test_conversation_relay", JORDAN_ONLY);
}

/* ACK opens the conversation; the client's next words reach the holder
 * themselves (no follow-up on top); after STOP the specialist's text is
 * refused until the client writes again, even within the same second. */
static void stop_within_one_second(void **state)
{
    struct fx *f = *state;
    say(f, ALEX, "I want to end it all tonight");
    say(f, JORDAN, "ACK 1");
    assert_int_equal(queued(f, JORDAN, "command", "%is yours. Texts you send here now go to alex%"),
                     1);
    say(f, JORDAN, "Are you safe right now?");
    assert_int_equal(queued(f, ALEX, "conversation", "Are you safe right now?"), 1);
    say(f, ALEX, "I'm doing it now");
    assert_int_equal(queued(f, JORDAN, "conversation", "alex #1: I'm doing it now"), 1);
    assert_int_equal(queued(f, JORDAN, "followup", "%"), 0);

    say(f, ALEX, "STOP");
    assert_int_equal(queued(f, JORDAN, "conversation", "alex #1: STOP"), 1);
    say(f, JORDAN, "please stay");
    assert_int_equal(queued(f, ALEX, "conversation", "please stay"), 0);
    assert_int_equal(queued(f, JORDAN, "command", "%not sent. alex replied STOP%"), 1);
    say(f, ALEX, "wait");
    say(f, JORDAN, "I'm here");
    assert_int_equal(queued(f, ALEX, "conversation", "I'm here"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(stop_within_one_second, setup, relay_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
