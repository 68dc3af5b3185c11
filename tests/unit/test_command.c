/* SPDX-License-Identifier: Apache-2.0 */
/* test_command.c: the specialist command parser (pure). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/command.h"

static enum command_kind parse(const char *t, struct command *c)
{
    return command_parse(t, strlen(t), c);
}

static void ack_forms(void **state)
{
    (void)state;
    struct command c;
    const char *ok[] = {"ACK 17", "ack 17", "Ack #17", "  ACK   17  ", "ACK 17.", "ACK17",
                        "ack\t17\n"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(parse(ok[i], &c), CMD_ACK);
        assert_int_equal(c.id, 17);
    }
    const char *bad[] = {"ACK", "ACK 0", "ACK x", "ACK 17 18", "ACKNOWLEDGED 17", "ACK -3",
                         "ACK 17 thanks", "ACK 1234567890123", "", "   "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i], &c), CMD_INVALID);
        assert_int_equal(c.id, 0);
    }
}

static void note_keeps_its_text(void **state)
{
    (void)state;
    struct command c;
    assert_int_equal(parse("NOTE 17 called, she is safe", &c), CMD_NOTE);
    assert_int_equal(c.id, 17);
    assert_int_equal(c.note_len, strlen("called, she is safe"));
    assert_memory_equal(c.note, "called, she is safe", c.note_len);
    assert_int_equal(parse("note #4: left a voicemail  \n", &c), CMD_NOTE);
    assert_int_equal(c.id, 4);
    assert_int_equal(c.note_len, strlen("left a voicemail"));
    assert_memory_equal(c.note, "left a voicemail", c.note_len);
    /* A note needs text and a number. */
    assert_int_equal(parse("NOTE 17", &c), CMD_INVALID);
    assert_int_equal(parse("NOTE 17 :  ", &c), CMD_INVALID);
    assert_int_equal(parse("NOTE called her", &c), CMD_INVALID);
    /* The text is not NUL-terminated: the parser keeps to len. */
    const char buf[] = {'N', 'O', 'T', 'E', ' ', '9', ' ', 'o', 'k', 'X'};
    assert_int_equal(command_parse(buf, 9, &c), CMD_NOTE);
    assert_int_equal(c.note_len, 2);
}

static void resolve_and_status(void **state)
{
    (void)state;
    struct command c;
    assert_int_equal(parse("RESOLVE 17", &c), CMD_RESOLVE);
    assert_int_equal(c.id, 17);
    assert_int_equal(parse("resolve #200!", &c), CMD_RESOLVE);
    assert_int_equal(c.id, 200);
    assert_int_equal(parse("RESOLVE", &c), CMD_INVALID);
    assert_int_equal(parse("STATUS", &c), CMD_STATUS);
    assert_int_equal(parse(" status ", &c), CMD_STATUS);
    assert_int_equal(parse("STATUS 17", &c), CMD_INVALID);
    assert_int_equal(parse("STATUSES", &c), CMD_INVALID);
}

static void everything_else_is_invalid(void **state)
{
    (void)state;
    struct command c;
    const char *other[] = {"hi", "7", "I will call her", "STOP", "HELP", "ok thanks",
                           "\xff\xfe ACK 1"};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        assert_int_equal(parse(other[i], &c), CMD_INVALID);
    assert_int_equal(command_parse(NULL, 0, &c), CMD_INVALID);
    assert_string_equal(command_name(CMD_NOTE), "note");
    assert_string_equal(command_name((enum command_kind)99), "invalid");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ack_forms),
        cmocka_unit_test(note_keeps_its_text),
        cmocka_unit_test(resolve_and_status),
        cmocka_unit_test(everything_else_is_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
