/* SPDX-License-Identifier: Apache-2.0 */
/* command.h: pure parsing of a peer specialist's text commands.
 *
 *   ACK 17                      I have it: stops the re-alerts
 *   NOTE 17 called, she is safe adds a note
 *   RESOLVE 17                  closes it
 *   STATUS                      my open escalations
 *
 * Conversations through the program number (conversation.c):
 *   END 17, END alex            ends my conversation about #17 / with alex
 *   TAKE 17, TAKE alex          takes over someone else's conversation
 *   TEXT alex how are you?      opens a conversation with my client alex
 *   @17 text, @alex text        to that conversation (when I hold several)
 *
 * Follow-up tasks (followup.c):
 *   DONE 17                     I followed up about #17
 *   SNOOZE 17 4h                remind me in 4 hours (m, h, d; 10m to 14d)
 * A number is an escalation's; anything else of a-z 0-9 _ - is an alias
 * (as typed: the caller folds the case). Whether "Take care" is TAKE with
 * the alias "care" is the caller's to decide (is there such a client?).
 *
 * Case does not matter; "#17" is read as 17; spaces around are ignored.
 * Anything else is CMD_INVALID, answered with the usage text. The caller
 * decides who may command (configured specialist numbers only). */
#ifndef GW_COMMAND_H
#define GW_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum command_kind {
    CMD_INVALID = 0, CMD_ACK, CMD_NOTE, CMD_RESOLVE, CMD_STATUS,
    CMD_END, CMD_TAKE, CMD_TEXT, CMD_REPLY, CMD_DONE, CMD_SNOOZE,
};

struct command {
    enum command_kind kind;
    int64_t id;          /* the escalation number: ACK, NOTE, RESOLVE, DONE, SNOOZE; END,
                            TAKE, @ by number */
    const char *alias;   /* TEXT; END, TAKE, @ by alias: points into the text (borrowed) */
    size_t alias_len;    /* 1 to COMMAND_ALIAS_MAX */
    const char *note;    /* NOTE's note, TEXT's and @'s message: into the text, trimmed */
    size_t note_len;
    int64_t seconds;     /* SNOOZE: how long, COMMAND_SNOOZE_MIN to COMMAND_SNOOZE_MAX */
};

#define COMMAND_ALIAS_MAX 63
#define COMMAND_SNOOZE_MIN (10 * 60)
#define COMMAND_SNOOZE_MAX (14 * 86400)

/* A duration "4h", "30m", "2d" (a number of 1 to 5 digits and one unit, m
 * h d w, any case, no space between) in len bytes of text: 0 and *secs, or
 * -1. Pure; shared with the config's escalation.followup_after. */
int command_duration(const char *text, size_t len, int64_t *secs);

/* Parses len bytes of text. Returns out->kind. */
enum command_kind command_parse(const char *text, size_t len, struct command *out);

/* True if text is not a command but reads as one gone wrong: a command
 * word (or STOP, HELP) followed by nothing but numbers, '#', spaces and
 * punctuation ("ACK", "ACK 17 18", "NOTE 17", "Status?", "END", "STOP"). Inside a conversation such a
 * text is answered with the usage, not sent to the client. */
bool command_malformed(const char *text, size_t len);

/* "ack", "note", "resolve", "status", "end", "take", "text", "reply", "done",
 * "snooze", "invalid" */
const char *command_name(enum command_kind k);

/* The answers are templates (templates.<lang>.usage, acked, ...: config.h). */

#endif
