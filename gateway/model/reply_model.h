/* SPDX-License-Identifier: Apache-2.0 */
/* reply_model.h: the learned second opinion on a reply (issue 16, part 5).
 * Two linear classifiers (logistic regression, trained with liblinear by
 * tests/tools/train_reply_model.c from the labelled corpus) over hashed
 * word and character n-grams: one for crisis, one for relapse. Their
 * weights are the generated, committed gateway/model/reply_model_data.c (`make
 * model` regenerates it); predicting is a dot product over that table, so
 * nothing here links liblinear. Pure: no I/O, no allocation, no clock.
 *
 * reply_parse() asks reply_model_apply() after its rules: the model may
 * raise REPLY_SIG_CRISIS or REPLY_SIG_RELAPSE with the reason
 * REPLY_R_MODEL where the rules raised none, unless the rules recognised
 * the words as somebody else's, the past, a group's topic, sobriety news
 * or a denial (a bag of n-grams cannot tell whose words they are). */
#ifndef GW_REPLY_MODEL_H
#define GW_REPLY_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "model/reply.h"

#define REPLY_MODEL_BITS     18 /* features hash into 2^18 slots */
#define REPLY_MODEL_DIM      (1u << REPLY_MODEL_BITS)
#define REPLY_MODEL_BUCKET_SHIFT 4 /* the table's index: slot >> 4 */
#define REPLY_MODEL_BUCKETS  (REPLY_MODEL_DIM >> REPLY_MODEL_BUCKET_SHIFT)
#define REPLY_MODEL_FEAT_MAX 4096 /* distinct features kept per reply */
/* A longer reply is read from its first HEAD and last TAIL bytes (a crisis
 * said at the end of long news is in the tail); the rules read all of it. */
#define REPLY_MODEL_HEAD 256
#define REPLY_MODEL_TAIL 512

enum reply_model_target { REPLY_MODEL_CRISIS, REPLY_MODEL_RELAPSE, REPLY_MODEL__TARGETS };

/* The committed model (gateway/model/reply_model_data.c, generated): the
 * feature slots with a weight, ascending, each with its weight for both
 * targets side by side, in units of 1/REPLY_MODEL_WSCALE (6 bytes an
 * entry: the table stays small enough to stay in cache beside the
 * rules'); bucket[b]..bucket[b+1] are the entries whose slot >>
 * REPLY_MODEL_BUCKET_SHIFT is b, so an entry keeps only the slot's low
 * 16 bits. A reply's score is bias + sum(w[slot]) / sqrt(distinct
 * features); it is raised when its probability 1 / (1 + e^-score) reaches
 * threshold. */
#define REPLY_MODEL_WSCALE 2048.0
struct reply_model_entry {
    uint16_t slot_lo;
    int16_t w[REPLY_MODEL__TARGETS];
};
struct reply_model_data {
    uint32_t n;
    const struct reply_model_entry *e;
    const uint32_t *bucket; /* REPLY_MODEL_BUCKETS + 1 offsets */
    double bias[REPLY_MODEL__TARGETS];
    double threshold[REPLY_MODEL__TARGETS];
};
extern const struct reply_model_data reply_model_data;

/* The features of len bytes of text, the same at training and prediction
 * time: the text is case-folded with accents stripped (utf8proc), cut into
 * words (letters and digits; apostrophes dropped), and each word gives
 * itself, the pair with the word before it and the character 3-, 4- and
 * 5-grams of "<word>", each hashed (FNV-1a, then mixed) into a slot below
 * REPLY_MODEL_DIM. Writes the distinct slots, in order of first
 * appearance, to slots[0..cap) and returns how many (at most cap; the rest
 * is dropped). Each feature's value is 1/sqrt(count): binary, L2-normed. */
size_t reply_model_features(const char *text, size_t len, uint32_t *slots, size_t cap);

/* The weights of slot s (below REPLY_MODEL_DIM) for both targets, in
 * units of 1/REPLY_MODEL_WSCALE: 0 for a slot with no entry. */
void reply_model_weights(uint32_t s, int32_t w[REPLY_MODEL__TARGETS]);

/* The probability of each target for text, by the committed model. */
void reply_model_predict(const char *text, size_t len, double p[REPLY_MODEL__TARGETS]);

/* Adds the model's signals to a result of the rules (see the top).
 * words_mood: the 1-10 value of the mood the rules read in words, with no
 * number ("estoy bien": 7), or 0: in a few words, the model's alarm is
 * held as on one word alone (a relapse reading only beside a mood of 4 or
 * more). */
void reply_model_apply(const char *text, size_t len, int words_mood, struct reply_result *out);

/* Whether reply_model_apply asks the model for target t, given the
 * rules' result `rules` for text: not when the rules know whose words they
 * are (somebody else, the past, a topic, sobriety, a denial, an
 * accident), not when they raised both signals or this one already, and
 * not for digits and marks alone. The trainer bounds the model's false
 * alarms on the lines where it is asked. */
bool reply_model_asked(const char *text, size_t len, const struct reply_result *rules, int t);

/* For test_blind's figures only (not thread-safe; the daemon never calls
 * it): ON adds the model's signals to the rules' (the default),
 * OFF leaves the rules alone, ONLY replaces the rules' crisis, relapse and
 * negated signals by the model's. */
enum reply_model_mode { REPLY_MODEL_ON, REPLY_MODEL_OFF, REPLY_MODEL_ONLY };
void reply_model_set_mode(enum reply_model_mode m);

#endif
