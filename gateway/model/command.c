/* SPDX-License-Identifier: Apache-2.0 */
/* command.c: pure parsing of specialist commands (see command.h). */
#include "model/command.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const char *const names[] = {"invalid", "ack",  "note", "resolve", "status", "end",
                                     "take",    "text", "reply", "done",   "snooze"};

const char *command_name(enum command_kind k)
{
    return (unsigned)k <= CMD_SNOOZE ? names[k] : "invalid";
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

static bool is_alias_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

/* An alias after spaces: 1 to COMMAND_ALIAS_MAX alias characters, ended by
 * the text's end, a space or ':'. */
static bool take_alias(const char *t, size_t len, size_t *i, struct command *out)
{
    size_t j = *i, start;
    skip_space(t, len, &j);
    start = j;
    while (j < len && is_alias_char(t[j]))
        j++;
    if (j == start || j - start > COMMAND_ALIAS_MAX || (j < len && !is_space(t[j]) && t[j] != ':'))
        return false;
    out->alias = t + start;
    out->alias_len = j - start;
    *i = j;
    return true;
}

/* A conversation's target: an escalation number, else an alias. */
static bool take_target(const char *t, size_t len, size_t *i, struct command *out)
{
    size_t j = *i;
    if (take_id(t, len, &j, &out->id) && (j == len || is_space(t[j]) || t[j] == ':' ||
                                          t[j] == '.' || t[j] == '!')) {
        *i = j;
        return true;
    }
    out->id = 0;
    return take_alias(t, len, i, out);
}

/* The rest of the text after an optional separator, trimmed, as out->note;
 * false when nothing is left. */
static bool take_rest(const char *t, size_t len, size_t i, struct command *out)
{
    skip_space(t, len, &i);
    if (i < len && (t[i] == ':' || t[i] == '-' || t[i] == ','))
        i++;
    skip_space(t, len, &i);
    size_t end = len;
    while (end > i && is_space(t[end - 1]))
        end--;
    if (end == i)
        return false;
    out->note = t + i;
    out->note_len = end - i;
    return true;
}

/* END, TAKE, TEXT and @ (see command.h), i past the leading spaces: true
 * if the text starts with one of them (out->kind says whether it is
 * well formed), false to parse it as another command. */
static bool parse_conversation(const char *t, size_t len, size_t i, struct command *out)
{
    enum command_kind k = CMD_INVALID;
    bool ok = false;
    if (i < len && t[i] == '@') {
        i++;
        k = CMD_REPLY;
        ok = i < len && !is_space(t[i]) && take_target(t, len, &i, out) &&
             take_rest(t, len, i, out);
    } else if (take_word(t, len, &i, "end") || take_word(t, len, &i, "take")) {
        k = strncasecmp(t + i - 3, "end", 3) == 0 ? CMD_END : CMD_TAKE;
        ok = take_target(t, len, &i, out) && at_end(t, len, i);
    } else if (take_word(t, len, &i, "text")) {
        k = CMD_TEXT;
        ok = take_alias(t, len, &i, out) && take_rest(t, len, i, out);
    } else {
        return false;
    }
    if (!ok)
        memset(out, 0, sizeof *out);
    else
        out->kind = k;
    return true;
}

int command_duration(const char *t, size_t len, int64_t *secs)
{
    size_t i = 0;
    int64_t v = 0;
    while (i < len && i < 5 && t[i] >= '0' && t[i] <= '9')
        v = v * 10 + (t[i++] - '0');
    if (i == 0 || i + 1 != len || v == 0)
        return -1;
    switch (t[i] | 0x20) {
    case 'm': *secs = v * 60; return 0;
    case 'h': *secs = v * 3600; return 0;
    case 'd': *secs = v * 86400; return 0;
    case 'w': *secs = v * 7 * 86400; return 0;
    default: return -1;
    }
}

/* SNOOZE's duration after spaces, then the end: true and out->seconds. */
static bool take_snooze(const char *t, size_t len, size_t *i, struct command *out)
{
    size_t j = *i, start;
    int64_t secs;
    skip_space(t, len, &j);
    start = j;
    while (j < len && !is_space(t[j]) && t[j] != '.' && t[j] != '!')
        j++;
    if (command_duration(t + start, j - start, &secs) != 0 || secs < COMMAND_SNOOZE_MIN ||
        secs > COMMAND_SNOOZE_MAX)
        return false;
    out->seconds = secs;
    *i = j;
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
    if (parse_conversation(text, len, i, out))
        return out->kind;
    enum command_kind k = take_word(text, len, &i, "ack")       ? CMD_ACK
                          : take_word(text, len, &i, "resolve") ? CMD_RESOLVE
                          : take_word(text, len, &i, "note")    ? CMD_NOTE
                          : take_word(text, len, &i, "done")    ? CMD_DONE
                          : take_word(text, len, &i, "snooze")  ? CMD_SNOOZE
                                                                : CMD_INVALID;
    if (k == CMD_INVALID || !take_id(text, len, &i, &out->id)) {
        out->id = 0;
        return CMD_INVALID;
    }
    if (k == CMD_NOTE) {
        /* The note is the rest, after a separator ("NOTE 17: ..." works too). */
        if (!take_rest(text, len, i, out)) {
            out->id = 0;
            return CMD_INVALID; /* a note needs its text */
        }
    } else if ((k == CMD_SNOOZE && !take_snooze(text, len, &i, out)) || !at_end(text, len, i)) {
        out->id = 0;
        out->seconds = 0;
        return CMD_INVALID;
    }
    out->kind = k;
    return k;
}

bool command_malformed(const char *text, size_t len)
{
    /* STOP and HELP too: a specialist's, meant for the gateway, must not
     * reach a client as their words. */
    static const char *const words[] = {"ack",  "note", "resolve", "status", "end",  "take",
                                        "text", "done", "snooze",  "stop",   "help"};
    struct command c;
    size_t i = 0;
    if (text == NULL || command_parse(text, len, &c) != CMD_INVALID)
        return false;
    skip_space(text, len, &i);
    size_t w;
    for (w = 0; w < sizeof words / sizeof words[0]; w++)
        if (take_word(text, len, &i, words[w]))
            break;
    if (w == sizeof words / sizeof words[0])
        return false;
    /* "SNOOZE 17 3 weeks", "SNOOZE 17 1y": a snooze gone wrong, whatever
     * follows its number. */
    if (strcmp(words[w], "snooze") == 0) {
        skip_space(text, len, &i);
        if (i < len && (text[i] == '#' || (text[i] >= '0' && text[i] <= '9')))
            return true;
    }
    for (; i < len; i++)
        if (!is_space(text[i]) && !(text[i] >= '0' && text[i] <= '9') &&
            !strchr("#.,!?:-", text[i]))
            return false;
    return true;
}
