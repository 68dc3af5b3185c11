/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts.h: internal to the reply parser (reply.c). Concepts
 * composed over the parser's token line, so that a reply is understood by
 * what its words mean together ("the pills are right here next to me": a
 * means, present, with the self) rather than by a listed sentence.
 *
 * Pure: no I/O, no clock. The lexicon (word -> concept tags) is built once,
 * read-only after; Snowball stemmers (libstemmer) are created once per
 * thread on first use, since a stemmer keeps a work buffer of its own. */
#ifndef GW_REPLY_CONCEPTS_H
#define GW_REPLY_CONCEPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The parser's tokens: w + toff[i] holds tlen[i] bytes of token i. A word
 * starts with a-z, a number with a digit or '-', a clause break is "|", a
 * mood emoji "~" and a letter, anything else is a symbol. */
struct rview {
    const char *w;
    const uint16_t *toff, *tlen;
    size_t ntok;
};

/* The kind of a token, by its first byte (see struct rview); TK_NONE is
 * the parser's "between tokens". The parser and the rules read tokens by
 * this one function. */
enum tk { TK_NONE = 0, TK_WORD, TK_NUM, TK_SYM, TK_BRK, TK_EMO };

static inline enum tk token_kind(const char *w, const uint16_t *toff, const uint16_t *tlen,
                                 size_t i)
{
    char c = w[toff[i]];
    if (c >= 'a' && c <= 'z') return TK_WORD;
    if ((c >= '0' && c <= '9') || (c == '-' && tlen[i] > 1)) return TK_NUM;
    if (c == '|' || c == '?') return TK_BRK; /* '?' ends a question */
    if (c == '~') return TK_EMO;
    return TK_SYM;
}

/* What the concept rules found in one chunk of tokens. Counts, so the
 * parser can tell "every crisis finding was negated" as it does for its
 * phrases; reasons are enum reply_reason bits (reply.h). */
struct concept_findings {
    unsigned crisis, crisis_neg;
    unsigned relapse, relapse_neg;
    unsigned contact, event, ambiguous, context, sober;
    unsigned hopeless; /* words of hopelessness: with a score at the bottom, ask */
    uint32_t reasons;
};

/* Tags the tokens of a chunk (v is borrowed until the next call; the
 * tags are kept per thread). Call before the two below. */
void concepts_begin(const struct rview *v);

/* Applies every concept rule to the tokens [from, to) of the chunk (the
 * tokens around them are context) and adds what it finds to *f. */
void concepts_scan(size_t from, size_t to, struct concept_findings *f);

/* Whether a risk finding at token i (a listed phrase or a rule) is about
 * somebody else, the past, a group's topic or sobriety news rather than
 * the client now: returns the enum reply_reason bit that says which, or
 * 0. */
uint32_t concepts_context_at(size_t i, bool relapse);

/* Whether the emergency number at token i was dialled by the client for
 * somebody else named in the reply ("someone od'd at the bus stop and i
 * called 911"): a note, not the client's crisis. */
bool concepts_called_for_other(size_t i);

/* Whether the emergency number at token i was called for somebody else
 * named after it ("the neighbor had to call 911 for her husband", "called
 * 911 for my dad"): not "for me", "for us". */
bool concepts_emergency_for_other(size_t i);

/* Whether token i of the chunk names a medication or a substance ("20
 * advil": a dose, not a mood). */
bool concepts_is_substance(size_t i);

/* Whether the number at token i names a gun ("9mm", "a .38", "12 gauge"):
 * a means, never a score. */
bool concepts_is_calibre(size_t i);

/* Whether the first harm verb of a phrase at token i (within its first
 * three words: "cut myself shaving", "me corté el dedo picando cebolla")
 * was done by an animal or in a household accident (harm_by_accident). */
bool concepts_accident_at(size_t i);
/* The listed phrase at token i ("kill me") said of a thing or of somebody
 * else ("this heat is gonna kill me"): an idiom (kill_said_of_thing). */
bool concepts_kill_idiom_at(size_t i);
/* A listed relapse phrase at word i said of an everyday thing or cause:
 * "relapsed into my old habit of biting my nails", "recai en el
 * chocolate", "got stoned by the heat". */
bool concepts_relapse_thing_at(size_t i);
/* Token i (a drinking word) names a drink that is no alcohol after it:
 * "drank a whole pot of coffee" ("pot" is no use pair there). */
bool concepts_soft_drink_at(size_t i);
/* The use word at token i takes a routine dose of a medication the
 * client says was prescribed: "taking my oxy as the surgeon prescribed". */
bool concepts_prescribed_use_at(size_t i);
/* The listed "my last text" at word i names the text before, spoken of:
 * "ignore my last text", "autocorrect made my last text weird". */
bool concepts_text_before_at(size_t i);

/* The optimal string alignment distance of a[0..n) and b[0..m), or limit +
 * 1 once it must exceed limit (the typo test of the risk words, also used
 * for mood words). */
int concepts_edit_distance(const char *a, size_t n, const char *b, size_t m, int limit);

#endif
