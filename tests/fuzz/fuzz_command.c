/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_command.c: libFuzzer target for the specialist command parser
 * (gateway/model/command.c). Any bytes, any length: libFuzzer hands exactly
 * `size` bytes with no terminator, so ASan catches a read past the text.
 * The properties a specialist's safety depends on are checked: a command
 * names one escalation (1 to 12 digits, never 0) exactly when it is ACK,
 * NOTE, RESOLVE, DONE or SNOOZE (and END, TAKE or @ when not by alias); a note (or TEXT's
 * and @'s message) points inside the input and is not empty or padded; an
 * alias points inside the input and is 1 to 63 alias characters; only
 * SNOOZE has a duration, from 10 minutes to 14 days; and
 * parsing is deterministic. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/command.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct command c, again;
    enum command_kind k = command_parse(text, size, &c);

    if (k != c.kind || (unsigned)k > CMD_SNOOZE)
        __builtin_trap();
    if (strcmp(command_name(k), "invalid") == 0 && k != CMD_INVALID)
        __builtin_trap();
    switch (k) {
    case CMD_ACK:
    case CMD_RESOLVE:
    case CMD_NOTE:
    case CMD_DONE:
    case CMD_SNOOZE:
        if (c.id <= 0 || c.id > 999999999999LL)
            __builtin_trap();
        break;
    case CMD_END:
    case CMD_TAKE:
    case CMD_REPLY:
        /* By number or by alias, never both. */
        if ((c.id != 0) == (c.alias != NULL) || c.id < 0 || c.id > 999999999999LL)
            __builtin_trap();
        break;
    default:
        if (c.id != 0)
            __builtin_trap(); /* no number may leak out of a non-command */
    }
    if (c.alias != NULL) {
        if (k != CMD_TEXT && k != CMD_END && k != CMD_TAKE && k != CMD_REPLY)
            __builtin_trap();
        if (c.alias_len == 0 || c.alias_len > COMMAND_ALIAS_MAX || c.alias < text ||
            c.alias + c.alias_len > text + size)
            __builtin_trap();
        for (size_t i = 0; i < c.alias_len; i++) {
            char ch = c.alias[i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
                __builtin_trap();
        }
    } else if (k == CMD_TEXT || c.alias_len != 0) {
        __builtin_trap();
    }
    if (k == CMD_NOTE || k == CMD_TEXT || k == CMD_REPLY) {
        if (c.note == NULL || c.note_len == 0 || c.note < text ||
            c.note + c.note_len > text + size || is_space(c.note[0]) ||
            is_space(c.note[c.note_len - 1]))
            __builtin_trap();
    } else if (c.note != NULL || c.note_len != 0) {
        __builtin_trap();
    }
    /* Only SNOOZE carries a duration, and always one within its bounds. */
    if ((k == CMD_SNOOZE) != (c.seconds != 0) ||
        (k == CMD_SNOOZE && (c.seconds < COMMAND_SNOOZE_MIN || c.seconds > COMMAND_SNOOZE_MAX)))
        __builtin_trap();
    if (command_parse(text, size, &again) != k || again.id != c.id || again.seconds != c.seconds ||
        again.note != c.note || again.note_len != c.note_len || again.alias != c.alias ||
        again.alias_len != c.alias_len)
        __builtin_trap();
    /* A malformed command is never a command (it reads to the end, no further). */
    if (command_malformed(text, size) && k != CMD_INVALID)
        __builtin_trap();
    /* A NULL text is refused, whatever the length. */
    if (command_parse(NULL, size, &again) != CMD_INVALID)
        __builtin_trap();
    return 0;
}
