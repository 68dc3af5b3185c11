/* SPDX-License-Identifier: Apache-2.0 */
/* vocab.h: an operator's vocabulary file -> struct reply_vocab.
 *
 * The file adds crisis and relapse phrases for a community (local slang,
 * drug names) without a rebuild. UTF-8 text, one entry a line:
 *
 *     # a comment; blank lines are ignored
 *     crisis: go to sleep forever
 *     relapse: tranq
 *     substance: perc*        (raises relapse after a use verb: "smoked percs")
 *
 * Phrases are written as people text them; reply_vocab_add says what a
 * phrase may hold. Every bad line is reported as "file:line: reason" and
 * the whole file is refused. */
#ifndef GW_VOCAB_H
#define GW_VOCAB_H

#include "config/config.h"
#include "model/reply.h"

#define VOCAB_FILE_MAX (1024 * 1024) /* bytes */

/* Reads path. Returns 0 and *out (owned by the caller, free with
 * reply_vocab_free), or -1 with *out = NULL and every problem in errs. */
int vocab_load(const char *path, struct reply_vocab **out, struct cfg_errors *errs);

#endif
