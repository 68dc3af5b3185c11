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

static void assert_alias(const struct command *c, const char *alias)
{
    assert_int_equal(c->alias_len, strlen(alias));
    assert_memory_equal(c->alias, alias, c->alias_len);
}

static void assert_text(const struct command *c, const char *text)
{
    assert_int_equal(c->note_len, strlen(text));
    assert_memory_equal(c->note, text, c->note_len);
}

static void end_and_take(void **state)
{
    (void)state;
    struct command c;
    assert_int_equal(parse("END 17", &c), CMD_END);
    assert_int_equal(c.id, 17);
    assert_null(c.alias);
    assert_int_equal(parse("end #17.", &c), CMD_END);
    assert_int_equal(c.id, 17);
    assert_int_equal(parse("End alex", &c), CMD_END);
    assert_int_equal(c.id, 0);
    assert_alias(&c, "alex");
    assert_int_equal(parse("TAKE 4", &c), CMD_TAKE);
    assert_int_equal(c.id, 4);
    assert_int_equal(parse("take Alex_2-b ", &c), CMD_TAKE);
    assert_alias(&c, "Alex_2-b");
    /* "Take care" is TAKE care to the parser; the caller finds no client
     * "care" and relays it as text. "17x" is an alias, not #17. */
    assert_int_equal(parse("Take care", &c), CMD_TAKE);
    assert_alias(&c, "care");
    assert_int_equal(parse("END 17x", &c), CMD_END);
    assert_alias(&c, "17x");
    const char *bad[] = {"END", "TAKE", "END 17 18", "END of the day", "Take 5 minutes",
                         "END alex!!x", "ENDING 17", "take #", "END al/ex"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i], &c), CMD_INVALID);
        assert_int_equal(c.id, 0);
        assert_null(c.alias);
        assert_null(c.note);
    }
    assert_string_equal(command_name(CMD_TAKE), "take");
}

static void text_and_reply(void **state)
{
    (void)state;
    struct command c;
    assert_int_equal(parse("TEXT alex how are you doing?", &c), CMD_TEXT);
    assert_alias(&c, "alex");
    assert_text(&c, "how are you doing?");
    assert_int_equal(parse("text 12: !are you up? ", &c), CMD_TEXT);
    assert_alias(&c, "12"); /* TEXT always names an alias */
    assert_int_equal(c.id, 0);
    assert_text(&c, "!are you up?");
    assert_int_equal(parse("@17 hi there", &c), CMD_REPLY);
    assert_int_equal(c.id, 17);
    assert_text(&c, "hi there");
    assert_int_equal(parse("  @alex: see you at 5", &c), CMD_REPLY);
    assert_alias(&c, "alex");
    assert_text(&c, "see you at 5");
    assert_int_equal(parse("@#9 !now", &c), CMD_REPLY);
    assert_int_equal(c.id, 9);
    assert_text(&c, "!now");
    const char *bad[] = {"TEXT alex", "TEXT", "TEXT  ", "@17", "@ 17 hi", "@", "@17:  ",
                         "TEXTING alex hi", "text al/ex hi"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i], &c), CMD_INVALID);
        assert_null(c.alias);
        assert_null(c.note);
    }
    /* An alias is at most 63 characters. */
    char longer[80] = "TEXT ";
    memset(longer + 5, 'a', 64);
    strcat(longer, " hi");
    assert_int_equal(parse(longer, &c), CMD_INVALID);
    longer[5 + 63] = ' ';
    assert_int_equal(parse(longer, &c), CMD_TEXT);
    assert_int_equal(c.alias_len, 63);
    /* Not NUL-terminated: the parser keeps to len. */
    const char buf[] = {'@', '3', ' ', 'o', 'k', 'X'};
    assert_int_equal(command_parse(buf, 5, &c), CMD_REPLY);
    assert_text(&c, "ok");
}

static void malformed_commands(void **state)
{
    (void)state;
    const char *yes[] = {"ACK", "ACK 17 18", "NOTE 17", "Status?", "END", "take #", "resolve",
                         "  ack 0 ", "TEXT", "END 17 18.", "STOP", "help!"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!command_malformed(yes[i], strlen(yes[i])))
            fail_msg("\"%s\" should read as a malformed command", yes[i]);
    /* Commands, and ordinary words to a client, are not. */
    const char *no[] = {"ACK 17", "END alex", "Take care", "Take 5 minutes to breathe",
                        "Note how you feel", "Text me later", "hi", "", "17",
                        "Acknowledged, thanks", "Stop by the clinic tomorrow"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (command_malformed(no[i], strlen(no[i])))
            fail_msg("\"%s\" should not read as a malformed command", no[i]);
    assert_false(command_malformed(NULL, 3));
}

/* Follow-up tasks: DONE 17 and SNOOZE 17 4h (issue 18 item 4). */
static void done_and_snooze(void **state)
{
    (void)state;
    struct command c;
    assert_int_equal(parse("DONE 17", &c), CMD_DONE);
    assert_int_equal(c.id, 17);
    assert_int_equal(c.seconds, 0);
    assert_int_equal(parse("done #17.", &c), CMD_DONE);
    assert_int_equal(parse("SNOOZE 17 4h", &c), CMD_SNOOZE);
    assert_int_equal(c.id, 17);
    assert_int_equal(c.seconds, 4 * 3600);
    assert_int_equal(parse("snooze #9 30M", &c), CMD_SNOOZE);
    assert_int_equal(c.seconds, 30 * 60);
    assert_int_equal(parse("Snooze 9 2d!", &c), CMD_SNOOZE);
    assert_int_equal(c.seconds, 2 * 86400);
    assert_int_equal(parse("SNOOZE 9 1w", &c), CMD_SNOOZE);
    assert_int_equal(c.seconds, 7 * 86400);
    const char *bad[] = {"DONE", "DONE 17 18", "DONE alex", "SNOOZE 17", "SNOOZE 4h",
                         "SNOOZE 17 4", "SNOOZE 17 4 hours", "SNOOZE 17 5m", "SNOOZE 17 15d",
                         "SNOOZE 17 0h", "SNOOZE 17 4h later", "DONEZO 17", "SNOOZE 17 4x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i], &c), CMD_INVALID);
        assert_int_equal(c.id, 0);
        assert_int_equal(c.seconds, 0);
    }
    /* Gone wrong: answered with the usage, never relayed to a client. */
    const char *wrong[] = {"DONE", "done 17 18", "SNOOZE 17 3 weeks", "Snooze #4 1y", "snooze"};
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++)
        assert_true(command_malformed(wrong[i], strlen(wrong[i])));
    /* Words, not commands: "Done with work, see you" goes to the client. */
    assert_false(command_malformed("Done with work, see you", 23));
    assert_false(command_malformed("Snooze button again", 19));
    assert_string_equal(command_name(CMD_DONE), "done");
    assert_string_equal(command_name(CMD_SNOOZE), "snooze");
    int64_t secs = 0;
    assert_int_equal(command_duration("72h", 3, &secs), 0);
    assert_int_equal(secs, 72 * 3600);
    assert_int_equal(command_duration("h", 1, &secs), -1);
    assert_int_equal(command_duration("123456h", 7, &secs), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ack_forms),
        cmocka_unit_test(note_keeps_its_text),
        cmocka_unit_test(resolve_and_status),
        cmocka_unit_test(everything_else_is_invalid),
        cmocka_unit_test(end_and_take),
        cmocka_unit_test(text_and_reply),
        cmocka_unit_test(malformed_commands),
        cmocka_unit_test(done_and_snooze),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
