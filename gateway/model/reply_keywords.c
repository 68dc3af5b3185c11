/* SPDX-License-Identifier: Apache-2.0 */
/* reply_keywords.c: the reply parser's keyword reader (see reply.c): STOP,
 * START, HELP and ACK. */
#include "model/reply_scan.h"

#include <string.h>

/* ---- keywords -------------------------------------------------------------- */

/* STOP / START / HELP / ACK from the first chunk. STOP and START: the
 * first clause that is not only politeness must be a keyword clause
 * ("Stop.", "please stop texting me", "STOP. I want to die"), so "I can't
 * stop crying" is not an opt-out. HELP: the whole message is the word.
 * complete: the chunk holds the whole message. */
void rp_keywords(struct scan *sc, bool complete)
{
    size_t n = sc->ntok, i = 0, words = 0;

    while (i < n && tkind(sc, i) == TK_BRK)
        i++;
    if (rp_tok_is(sc, i, "ack")) {
        size_t j = i + 1;
        const char *t = j < n ? sc->w + sc->toff[j] : NULL;
        if (t != NULL && tkind(sc, j) == TK_NUM && t[0] != '-' && sc->tlen[j] <= 15) {
            int64_t id = 0;
            size_t k;
            for (k = 0; k < sc->tlen[j] && t[k] >= '0' && t[k] <= '9'; k++)
                id = id * 10 + (t[k] - '0');
            if (k == sc->tlen[j] && id > 0) {
                sc->kw = REPLY_ACK;
                sc->ack_id = id;
                return;
            }
        }
    }

    for (size_t k = 0; k < n; k++)
        words += tkind(sc, k) == TK_WORD || tkind(sc, k) == TK_NUM;
    if (complete && words == 1 && rp_tok_in(sc, i, rp_help_words, rp_help_words_n)) {
        sc->kw = REPLY_HELP;
        return;
    }

    /* The first clause with words decides, but a reply may also end in a
     * clause of STOP alone ("I'm done with these check ins, stop"); only
     * the plain opt-out words count there, not "end" or "quit" ("it has to
     * end. end"). A crisis in the same reply still escalates (rule 5). */
    bool first = true, last_stop = false;
    while (i < n) {
        bool stop = false, start = false, other = false, plain = false;
        for (; i < n && tkind(sc, i) != TK_BRK; i++) {
            if (rp_tok_in(sc, i, rp_stop_words, rp_stop_words_n)) {
                stop = true;
                plain = plain || rp_tok_in(sc, i, rp_plain_stop_words, rp_plain_stop_words_n);
                if (rp_tok_is(sc, i, "stop") && rp_tok_is(sc, i + 1, "all"))
                    i++; /* "stop all" */
            } else if (rp_tok_is(sc, i, "opt") && rp_tok_is(sc, i + 1, "out")) {
                stop = true;
                i++;
            } else if (rp_tok_is(sc, i, "take") && rp_tok_is(sc, i + 1, "me") &&
                       rp_tok_is(sc, i + 2, "off") && rp_clause_end_at(sc, i + 3)) {
                stop = true; /* "take me off", said alone */
                i += 2;
            } else if (rp_tok_in(sc, i, rp_start_words, rp_start_words_n)) {
                start = true;
            } else if (!rp_tok_in(sc, i, rp_fillers, rp_fillers_n)) {
                other = true;
            }
        }
        if (i >= n && !complete)
            return; /* the clause may go on in the next chunk */
        i++;
        if (!stop && !start && !other)
            continue; /* "please." */
        if (first && !other && stop != start) {
            sc->kw = stop ? REPLY_STOP : REPLY_START;
            return;
        }
        first = false;
        last_stop = plain && !other && !start;
    }
    if (last_stop && complete)
        sc->kw = REPLY_STOP;
}

