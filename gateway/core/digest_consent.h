/* SPDX-License-Identifier: Apache-2.0 */
/* digest_consent.h: the consent changes (STOP, START, YES) of a
 * specialist's clients, as lines of their daily digest, so that the person
 * who works with a client learns that the client opted out; and their
 * unclear replies (no score, no keyword, no signal: reply_is_unclear), with
 * an excerpt, so that nothing a client writes reaches no one (rule 6).
 *
 * The watermark is the audit id of the previous digest run (its digest.run
 * line): the run reads the consent lines after it and writes its own
 * digest.run line in the same transaction, so every change is in exactly
 * one digest, across restarts, without a table of its own. */
#ifndef GW_DIGEST_CONSENT_H
#define GW_DIGEST_CONSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "model/reply.h"
#include "model/template.h"

struct core;

/* What one specialist's digest is being built from: the {list} so far (the
 * watch findings), how many items it shows and how many were left out. */
struct digest_list {
    char *lines;
    size_t size;
    int *shown, *more;
};

/* The pure part: the digest item for consent action ("client.opt_out",
 * "client.opt_in", "client.confirmed") of alias in language l, into out;
 * returns -1 for an action the digest does not list. */
int digest_consent_item(const char *action, const char *alias, enum lang l, bool first,
                        char *out, size_t outsz);

/* The pure part for an unclear reply: 'ana wrote: "what time is group
 * thursday".' (excerpt "" once retention removed the text) in language l,
 * into out; returns the length or -1. */
int digest_unclear_item(const char *alias, const char *excerpt, enum lang l, bool first,
                        char *out, size_t outsz);

/* Whether a client's message that was parsed and acted on, and that
 * nothing else brought to a person (no escalation, no screening, no open
 * conversation), still needs a person to read it (issue 18 item 5): a
 * reply with no score, keyword or signal (reply_is_unclear), and also
 * words beyond a plain answer: a score with more than three words ("6, my
 * sister took the kids again"), HELP with more, or a signal that the
 * caller found raised nothing. A plain mood ("6",
 * "pretty rough, 3"), an off-scale number, STOP, START or YES is not. Pure;
 * *unclear tells which (the audit's reply.unclear or reply.unread). */
bool digest_unread(const struct reply_result *r, const char *text, size_t len, bool *unclear);

/* Adds the consent changes and unclear replies of the clients of specialist sp (store id
 * sp_id) with audit id > after_id (0: no digest ran yet, then only those
 * at or after since) to list, as many as fit within the digest's length
 * (the rest counted in *list->more). *count gets how many there were.
 * Inside the digest's transaction. Returns a STORE_* code. */
int digest_consent_add(struct core *core, const struct gw_specialist *sp, int64_t sp_id,
                       int64_t after_id, int64_t since, const struct tpl_vars *v,
                       struct digest_list *list, int *count);

#endif
