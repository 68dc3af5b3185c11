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
    REPLY_SIG_CONTACT      = 1u << 4, /* asks for a person to get in touch: page at once */
    REPLY_SIG_EVENT        = 1u << 5, /* tells of a serious life event: page at once */
    REPLY_SIG_AMBIGUOUS    = 1u << 6, /* despair, or a means, without a stated intent: ask */
    REPLY_SIG_CONTEXT      = 1u << 7, /* risk words about someone else, the past or a
                                         group's topic: a watch note with the text */
};

/* Why a signal was raised (the concept or rule): bits of
 * reply_result.reasons, named by reply_reason_name() for `checkinctl parse
 * --explain`, the specialist's alert and the escalation's audit trail. */
enum reply_reason {
    REPLY_R_PHRASE       = 1u << 0,  /* a listed crisis phrase */
    REPLY_R_SELF_DEATH   = 1u << 1,  /* the self with dying or killing */
    REPLY_R_SELF_HARM    = 1u << 2,  /* harm done to the self */
    REPLY_R_MEANS        = 1u << 3,  /* a means with intent, presence or a time */
    REPLY_R_OVERDOSE     = 1u << 4,  /* medication by amount, Narcan */
    REPLY_R_FAREWELL     = 1u << 5,  /* farewells and final acts */
    REPLY_R_TIME_OUT     = 1u << 6,  /* "won't be around much longer" */
    REPLY_R_BURDEN       = 1u << 7,  /* burden, "better off without me" */
    REPLY_R_NO_WAKE      = 1u << 8,  /* wishing not to wake up */
    REPLY_R_EMERGENCY    = 1u << 9,  /* 911, 988, an ambulance */
    REPLY_R_RELAPSE      = 1u << 10, /* a listed relapse phrase */
    REPLY_R_USE          = 1u << 11, /* a use verb with a substance */
    REPLY_R_STATE        = 1u << 12, /* high, drunk, wasted now */
    REPLY_R_DEALER       = 1u << 13, /* contact with a dealer */
    REPLY_R_DAY_ONE      = 1u << 14, /* the count starts again */
    REPLY_R_CONTACT      = 1u << 15, /* "can someone call me" */
    REPLY_R_EVENT        = 1u << 16, /* a death, the ER, an arrest, an eviction... */
    REPLY_R_DESPAIR      = 1u << 17, /* despair without a stated intent */
    REPLY_R_MEANS_ONLY   = 1u << 18, /* a means without intent */
    REPLY_R_LOW_HOPELESS = 1u << 19, /* the bottom of the scale with hopeless words */
    REPLY_R_OTHER_PERSON = 1u << 20, /* about somebody else */
    REPLY_R_PAST         = 1u << 21, /* about the past */
    REPLY_R_TOPIC        = 1u << 22, /* a group's or a meeting's topic */
    REPLY_R_SOBRIETY     = 1u << 23, /* sobriety news: never relapse */
    REPLY_R_DENIAL       = 1u << 24, /* an explicit denial ("not suicidal") */
    REPLY_R_VOCAB        = 1u << 25, /* the operator's vocabulary */
    REPLY_R_MODEL        = 1u << 26, /* the learned second opinion (reply_model.h) */
    REPLY_R_ACCIDENT     = 1u << 27, /* an injury from an animal or an accident: no self-harm */
    REPLY_R_DOSE         = 1u << 28, /* a routine dose ("took 1 tylenol for my back"): no overdose */
    REPLY_R_EVERYDAY     = 1u << 29, /* a risk word read in an everyday sense ("a knife for
                                        cooking", "stuck at the tracks behind a train") */
    REPLY_R__COUNT       = 30
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
    uint32_t reasons;       /* enum reply_reason bits */
    bool score_from_words;  /* the score is a mood word's ("pretty good"), mapped
                               from the written 1-10 calibration, not a number */
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

/* "phrase", "self_death", ... for one reason bit; "?" for anything else. */
const char *reply_reason_name(enum reply_reason r);
/* The reasons as "self_death,means" into out (at most outsz bytes, always
 * terminated). Returns out. */
char *reply_reasons_text(uint32_t reasons, char *out, size_t outsz);

/* A reply nobody would otherwise read: no score, no keyword, no signal.
 * It goes to a person (the specialist's digest), never nowhere (rule 6). */
bool reply_is_unclear(const struct reply_result *r);

/* "mood", "stop", "start", "help", "ack", "other" */
const char *reply_intent_name(enum reply_intent i);

/* Writes the result as one JSON object (no newline) into out, e.g.
 * {"intent":"mood","score":7,"signals":[],"ack_id":null}. Returns the
 * length, or -1 if out is too small. */
int reply_to_json(const struct reply_result *r, char *out, size_t outsz);

#endif
