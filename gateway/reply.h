/* SPDX-License-Identifier: Apache-2.0 */
/* reply.h: pure reply understanding. Text a client (or a specialist) sent ->
 * an intent, a score and safety signals. No I/O, no allocation, no clock.
 *
 * Recall of crisis language outranks everything: when in doubt the parser
 * raises REPLY_SIG_CRISIS, and negation ("not suicidal") only adds
 * REPLY_SIG_NEGATED, it never removes the crisis signal. A crisis signal is
 * reported whatever the intent (a STOP that also says "I want to die" is
 * both an opt-out and a crisis). */
#ifndef GW_REPLY_H
#define GW_REPLY_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

enum reply_intent {
    REPLY_OTHER = 0,
    REPLY_MOOD,   /* a score was found */
    REPLY_STOP,   /* opt out */
    REPLY_START,  /* opt back in */
    REPLY_HELP,
    REPLY_ACK,    /* "ACK 17" from a specialist */
};

enum reply_signal {
    REPLY_SIG_CRISIS       = 1u << 0, /* suicidal ideation, self-harm, overdose, farewell */
    REPLY_SIG_RELAPSE      = 1u << 1, /* drinking or drug use after sobriety */
    REPLY_SIG_NEGATED      = 1u << 2, /* a crisis/relapse phrase appeared negated */
    REPLY_SIG_OUT_OF_RANGE = 1u << 3, /* a number was given but off the scale */
};

/* Extra phrases an operator adds for a community (local slang, drug
 * names), read from a file by vocab.c and passed in through reply_opts.
 * SUBSTANCE words raise relapse after a use verb ("smoked tranq"). */
enum reply_vocab_kind {
    REPLY_VOCAB_CRISIS,
    REPLY_VOCAB_RELAPSE,
    REPLY_VOCAB_SUBSTANCE,
    REPLY_VOCAB__COUNT
};
struct reply_vocab; /* opaque */

struct reply_opts {
    int scale_min, scale_max;        /* default 1-10 when both are 0 */
    const struct reply_vocab *vocab; /* borrowed, may be NULL */
};

struct reply_result {
    enum reply_intent intent;
    bool has_score;
    double score;           /* on the scale, when has_score */
    unsigned signals;       /* enum reply_signal bits */
    int64_t ack_id;         /* for REPLY_ACK, else 0 */
};

/* Parses len bytes of text (UTF-8, not necessarily NUL-terminated; invalid
 * bytes are tolerated). Never reads past len. opts may be NULL. */
void reply_parse(const char *text, size_t len, const struct reply_opts *opts,
                 struct reply_result *out);

/* An empty vocabulary, or NULL when out of memory. Free with
 * reply_vocab_free (NULL is a no-op). */
struct reply_vocab *reply_vocab_new(void);
void reply_vocab_free(struct reply_vocab *v);

/* Adds a phrase of len bytes (UTF-8), written as replies are: it is
 * normalised like a reply (case, accents, repeated letters), a word ending
 * in '*' is a prefix ("fent*"). It must start with a letter and hold only
 * letters, digits and spaces (no clause punctuation, no emoji), at most
 * REPLY_VOCAB_WORDS words. Returns 0, or -1 with a reason in why. */
#define REPLY_VOCAB_WORDS 8
#define REPLY_VOCAB_MAX   4096 /* phrases per kind */
int reply_vocab_add(struct reply_vocab *v, enum reply_vocab_kind kind, const char *phrase,
                    size_t len, char *why, size_t whylen);
size_t reply_vocab_count(const struct reply_vocab *v, enum reply_vocab_kind kind);
/* "crisis", "relapse", "substance"; parse returns -1 for anything else. */
const char *reply_vocab_kind_name(enum reply_vocab_kind k);
int reply_vocab_kind_parse(const char *s, enum reply_vocab_kind *out);

/* "mood", "stop", "start", "help", "ack", "other" */
const char *reply_intent_name(enum reply_intent i);

/* Writes the result as one JSON object (no newline) into out, e.g.
 * {"intent":"mood","score":7,"signals":[],"ack_id":null}. Returns the
 * length, or -1 if out is too small. */
int reply_to_json(const struct reply_result *r, char *out, size_t outsz);

#endif
