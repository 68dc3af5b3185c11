/* SPDX-License-Identifier: Apache-2.0 */
/* command.h: pure parsing of a peer specialist's text commands.
 *
 *   ACK 17                      I have it: stops the re-alerts
 *   NOTE 17 called, she is safe adds a note
 *   RESOLVE 17                  closes it
 *   STATUS                      my open escalations
 *
 * Case does not matter; "#17" is read as 17; spaces around are ignored.
 * Anything else is CMD_INVALID, answered with the usage text. The caller
 * decides who may command (configured specialist numbers only). */
#ifndef GW_COMMAND_H
#define GW_COMMAND_H

#include <stddef.h>
#include <stdint.h>

enum command_kind { CMD_INVALID = 0, CMD_ACK, CMD_NOTE, CMD_RESOLVE, CMD_STATUS };

struct command {
    enum command_kind kind;
    int64_t id;          /* the escalation number, for ACK, NOTE and RESOLVE */
    const char *note;    /* NOTE: points into the parsed text (borrowed), trimmed */
    size_t note_len;
};

/* Parses len bytes of text. Returns out->kind. */
enum command_kind command_parse(const char *text, size_t len, struct command *out);

/* "ack", "note", "resolve", "status", "invalid" */
const char *command_name(enum command_kind k);

/* The answers are templates (templates.<lang>.usage, acked, ...: config.h). */

#endif
