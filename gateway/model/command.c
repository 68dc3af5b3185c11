/* SPDX-License-Identifier: Apache-2.0 */
/* command.c: pure parsing of specialist commands (see command.h). */
#include "model/command.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const char *const names[] = {"invalid", "ack", "note", "resolve", "status"};

const char *command_name(enum command_kind k)
{
    return (unsigned)k <= CMD_STATUS ? names[k] : "invalid";
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void skip_space(const char *t, size_t len, size_t *i)
{
    while (*i < len && is_space(t[*i]))
        (*i)++;
}

/* The word at t[*i] if it is `word` (any case) followed by a non-letter. */
static bool take_word(const char *t, size_t len, size_t *i, const char *word)
{
    size_t n = strlen(word);
    if (len - *i < n || strncasecmp(t + *i, word, n) != 0)
        return false;
    if (*i + n < len) {
        char c = t[*i + n];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return false;
    }
    *i += n;
    return true;
}

/* An escalation number: optional '#', 1 to 12 digits. */
static bool take_id(const char *t, size_t len, size_t *i, int64_t *id)
{
    size_t j = *i, digits = 0;
    int64_t v = 0;
    skip_space(t, len, &j);
    if (j < len && t[j] == '#')
        j++;
    while (j < len && t[j] >= '0' && t[j] <= '9' && digits < 12) {
        v = v * 10 + (t[j++] - '0');
        digits++;
    }
    if (digits == 0 || v == 0 || (j < len && t[j] >= '0' && t[j] <= '9'))
        return false;
    *id = v;
    *i = j;
    return true;
}

/* True if only spaces and closing punctuation remain ("ACK 17." is fine). */
static bool at_end(const char *t, size_t len, size_t i)
{
    for (; i < len; i++)
        if (!is_space(t[i]) && t[i] != '.' && t[i] != '!')
            return false;
    return true;
}

enum command_kind command_parse(const char *text, size_t len, struct command *out)
{
    size_t i = 0;
    memset(out, 0, sizeof *out);
    if (text == NULL)
        return CMD_INVALID;
    skip_space(text, len, &i);

    if (take_word(text, len, &i, "status")) {
        if (at_end(text, len, i))
            out->kind = CMD_STATUS;
        return out->kind;
    }
    enum command_kind k = take_word(text, len, &i, "ack")       ? CMD_ACK
                          : take_word(text, len, &i, "resolve") ? CMD_RESOLVE
                          : take_word(text, len, &i, "note")    ? CMD_NOTE
                                                                : CMD_INVALID;
    if (k == CMD_INVALID || !take_id(text, len, &i, &out->id)) {
        out->id = 0;
        return CMD_INVALID;
    }
    if (k == CMD_NOTE) {
        /* The note is the rest, after a separator ("NOTE 17: ..." works too). */
        skip_space(text, len, &i);
        if (i < len && (text[i] == ':' || text[i] == '-' || text[i] == ','))
            i++;
        skip_space(text, len, &i);
        size_t end = len;
        while (end > i && is_space(text[end - 1]))
            end--;
        if (end == i) {
            out->id = 0;
            return CMD_INVALID; /* a note needs its text */
        }
        out->note = text + i;
        out->note_len = end - i;
    } else if (!at_end(text, len, i)) {
        out->id = 0;
        return CMD_INVALID;
    }
    out->kind = k;
    return k;
}
