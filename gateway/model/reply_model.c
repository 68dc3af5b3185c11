/* SPDX-License-Identifier: Apache-2.0 */
/* reply_model.c: features and prediction of the learned second opinion
 * (see reply_model.h). The feature function is shared with the trainer
 * (tests/tools/train_reply_model.c), so a reply is seen the same way when
 * the model is trained and when it is asked. */
#include "model/reply_model.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <threads.h>
#include <utf8proc.h>

/* Case folding, compatibility forms, accents stripped, ignorables dropped,
 * look-alike punctuation lumped: per code point, so nothing is buffered. */
#define MODEL_NORM                                                                     \
    (UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |   \
     UTF8PROC_IGNORE | UTF8PROC_LUMP)
#define WORD_MAX 32 /* bytes of a word; a longer one is cut in pieces */

static enum reply_model_mode model_mode = REPLY_MODEL_ON;

void reply_model_set_mode(enum reply_model_mode m)
{
    model_mode = m;
}

/* ---- features ------------------------------------------------------------ */

struct feats {
    uint32_t *slots;
    size_t n, cap;
    uint32_t set[2 * REPLY_MODEL_FEAT_MAX]; /* open addressing, slot + 1; 0 empty */
    size_t setmask;
    uint8_t word[WORD_MAX];
    size_t wlen, plen; /* plen > 0: a word before this one, whose pair hash is prevb */
    uint32_t prevb;
};

/* FNV-1a leaves its low bits weak: mixed (murmur3's finaliser) before the
 * slot is cut from them. */
static uint32_t slot_of(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h & (REPLY_MODEL_DIM - 1);
}

static void add(struct feats *f, uint32_t h)
{
    uint32_t s = slot_of(h), k = (s * 2654435761u) & (uint32_t)f->setmask;
    if (f->n == f->cap)
        return;
    while (f->set[k] != 0) {
        if (f->set[k] == s + 1)
            return;
        k = (k + 1) & (uint32_t)f->setmask;
    }
    f->set[k] = s + 1;
    f->slots[f->n++] = s;
}

static inline uint32_t fnv1(uint32_t h, uint8_t b)
{
    return (h ^ b) * 16777619u;
}

/* The word just ended: itself, the pair with the one before, and the
 * character 3- to 5-grams of "<word>". Each is FNV-1a of its bytes after
 * a letter of its kind ('w', 'b', 'c'), written out byte by byte: a loop
 * over three bytes cost more than the hashing. The pair's hash of "b" and
 * the word before is kept from that word's end. */
static void word_end(struct feats *f)
{
    if (f->wlen == 0)
        return;
    const uint32_t basis = 2166136261u;
    uint32_t hw = fnv1(basis, 'w'), hb = fnv1(basis, 'b'), hp = fnv1(f->prevb, ' ');
    for (size_t k = 0; k < f->wlen; k++) {
        hw = fnv1(hw, f->word[k]);
        hb = fnv1(hb, f->word[k]);
        hp = fnv1(hp, f->word[k]);
    }
    add(f, hw);
    if (f->plen > 0)
        add(f, hp);
    uint8_t pad[WORD_MAX + 2];
    pad[0] = '<';
    memcpy(pad + 1, f->word, WORD_MAX); /* a constant size: no call */
    pad[f->wlen + 1] = '>';
    size_t pl = f->wlen + 2;
    const uint32_t hc = fnv1(basis, 'c');
    /* the 3-gram at i, then the 4- and 5-gram: one hash, extended; all
     * three while they fit, then the last two starts (a loop over the
     * n-gram lengths mispredicted at every word's end) */
    size_t i = 0;
    for (; i + 5 <= pl; i++) {
        uint32_t h = fnv1(fnv1(fnv1(hc, pad[i]), pad[i + 1]), pad[i + 2]);
        add(f, h);
        add(f, h = fnv1(h, pad[i + 3]));
        add(f, fnv1(h, pad[i + 4]));
    }
    if (i + 4 <= pl) {
        uint32_t h = fnv1(fnv1(fnv1(hc, pad[i]), pad[i + 1]), pad[i + 2]);
        add(f, h);
        add(f, fnv1(h, pad[i + 3]));
        i++;
    }
    if (i + 3 <= pl)
        add(f, fnv1(fnv1(fnv1(hc, pad[i]), pad[i + 1]), pad[i + 2]));
    f->prevb = hb;
    f->plen = f->wlen;
    f->wlen = 0;
}

static void word_byte(struct feats *f, uint8_t b)
{
    if (f->wlen == WORD_MAX)
        word_end(f);
    f->word[f->wlen++] = b;
}

/* One normalised code point: a letter or digit goes into the word, an
 * apostrophe is dropped ("don't" is "dont"), a symbol (an emoji) is a word
 * of its own, anything else ends the word. */
static void feed_cp(struct feats *f, utf8proc_int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            word_byte(f, (uint8_t)cp);
        else if (cp >= 'A' && cp <= 'Z')
            word_byte(f, (uint8_t)(cp - 'A' + 'a'));
        else if (cp != '\'')
            word_end(f);
        return;
    }
    uint8_t u[4];
    utf8proc_ssize_t l = utf8proc_encode_char(cp, u);
    utf8proc_category_t c = utf8proc_category(cp);
    bool letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
    bool digit = c == UTF8PROC_CATEGORY_ND;
    if (!letter && !digit)
        word_end(f);
    if (!letter && !digit && c != UTF8PROC_CATEGORY_SO)
        return;
    if (f->wlen + (size_t)l > WORD_MAX)
        word_end(f);
    memcpy(f->word + f->wlen, u, (size_t)l);
    f->wlen += (size_t)l;
    if (!letter && !digit)
        word_end(f);
}

/* Feeds s[0..n), decoding UTF-8 (an invalid byte ends a word). */
static void feed(struct feats *f, const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp, out[8];
        if (s[i] < 0x80) {
            feed_cp(f, s[i++]);
            continue;
        }
        utf8proc_ssize_t l = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0) {
            word_end(f);
            i++;
            continue;
        }
        i += (size_t)l;
        int bound = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(cp, out, 8, MODEL_NORM, &bound);
        if (k < 0 || k > 8) {
            word_end(f);
            continue;
        }
        for (utf8proc_ssize_t j = 0; j < k; j++)
            feed_cp(f, out[j]);
    }
    word_end(f);
    f->plen = 0; /* no pair across a cut */
}

/* Where a cut at byte i of s[0..n) lands on a character: moved forward
 * past continuation bytes. */
static size_t char_start(const uint8_t *s, size_t n, size_t i)
{
    while (i < n && (s[i] & 0xc0) == 0x80)
        i++;
    return i;
}

static size_t features_into(struct feats *f, const char *text, size_t len, uint32_t *slots,
                            size_t cap)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t want = len * 5 + 16; /* at most about 5 features a byte */
    if (cap > REPLY_MODEL_FEAT_MAX)
        cap = REPLY_MODEL_FEAT_MAX;
    if (want > cap)
        want = cap;
    f->setmask = 16;
    while (f->setmask < 2 * want)
        f->setmask *= 2;
    memset(f->set, 0, f->setmask * sizeof f->set[0]);
    f->setmask--;
    f->slots = slots;
    f->n = 0;
    f->cap = cap;
    f->wlen = f->plen = 0;
    f->prevb = 0;
    if (text == NULL)
        return 0;
    if (len <= REPLY_MODEL_HEAD + REPLY_MODEL_TAIL) {
        feed(f, s, len);
    } else {
        feed(f, s, char_start(s, len, REPLY_MODEL_HEAD));
        size_t t = char_start(s, len, len - REPLY_MODEL_TAIL);
        feed(f, s + t, len - t);
    }
    return f->n;
}

size_t reply_model_features(const char *text, size_t len, uint32_t *slots, size_t cap)
{
    struct feats f;
    return features_into(&f, text, len, slots, cap);
}

/* ---- prediction ---------------------------------------------------------- */

/* Which of the 16 slots of each bucket have an entry (bit s & 15 of
 * present[s >> 4]): the entry of slot s is then counted to, bucket[b] plus
 * the entries before it in its bucket, with no branch on the data. A walk
 * along the bucket branched on every entry and mispredicted about one
 * feature in two. Built once from the table (call_once: safe if a caller
 * is threaded), read-only afterwards. */
static uint16_t present[REPLY_MODEL_BUCKETS];
/* the set bits of a byte (no popcnt instruction is assumed), built with it */
static uint8_t pop8[256];
static once_flag present_once = ONCE_FLAG_INIT;

static void present_build(void)
{
    const struct reply_model_data *m = &reply_model_data;
    for (uint32_t x = 1; x < 256; x++)
        pop8[x] = (uint8_t)(pop8[x >> 1] + (x & 1u));
    for (uint32_t b = 0; b < REPLY_MODEL_BUCKETS; b++)
        for (uint32_t i = m->bucket[b]; i < m->bucket[b + 1]; i++)
            present[b] |= (uint16_t)(1u << (m->e[i].slot_lo & 15u));
}

static inline uint32_t bits16(uint32_t x)
{
    return (uint32_t)pop8[x & 0xffu] + pop8[x >> 8];
}

/* reply_model_weights, once present[] is built */
static inline void weights_at(uint32_t s, int32_t w[REPLY_MODEL__TARGETS])
{
    const struct reply_model_data *m = &reply_model_data;
    s &= REPLY_MODEL_DIM - 1;
    uint32_t b = s >> REPLY_MODEL_BUCKET_SHIFT, bit = s & 15u, mask = present[b];
    uint32_t in = (mask >> bit) & 1u; /* 0 or 1: multiplies, never branches */
    uint32_t idx = (m->bucket[b] + bits16(mask & ((1u << bit) - 1u))) * in;
    for (int t = 0; t < REPLY_MODEL__TARGETS; t++)
        w[t] = m->e[idx].w[t] * (int32_t)in;
}

void reply_model_weights(uint32_t s, int32_t w[REPLY_MODEL__TARGETS])
{
    call_once(&present_once, present_build);
    weights_at(s, w);
}

/* The scores (logits) of both targets for text. */
static void scores(const char *text, size_t len, double sc[REPLY_MODEL__TARGETS])
{
    const struct reply_model_data *m = &reply_model_data;
    struct feats f;
    uint32_t slots[REPLY_MODEL_FEAT_MAX];
    size_t n = features_into(&f, text, len, slots, REPLY_MODEL_FEAT_MAX);
    long dot[REPLY_MODEL__TARGETS] = {0}; /* exact: integer weights */
    call_once(&present_once, present_build);
    for (size_t i = 0; i < n; i++) {
        int32_t w[REPLY_MODEL__TARGETS];
        weights_at(slots[i], w);
        for (int t = 0; t < REPLY_MODEL__TARGETS; t++)
            dot[t] += w[t];
    }
    double norm = n > 0 ? 1.0 / (REPLY_MODEL_WSCALE * sqrt((double)n)) : 0;
    for (int t = 0; t < REPLY_MODEL__TARGETS; t++)
        sc[t] = m->bias[t] + (double)dot[t] * norm;
}

void reply_model_predict(const char *text, size_t len, double p[REPLY_MODEL__TARGETS])
{
    double sc[REPLY_MODEL__TARGETS];
    scores(text, len, sc);
    for (int t = 0; t < REPLY_MODEL__TARGETS; t++)
        p[t] = 1.0 / (1.0 + exp(-sc[t]));
}

static const unsigned target_sig[REPLY_MODEL__TARGETS] = {REPLY_SIG_CRISIS, REPLY_SIG_RELAPSE};

/* Digits and marks alone ("24", "7/10") give the model no words: its
 * opinion there would be the bias of n-grams of numbers; and one short
 * word alone ("y", "ya", "lmao", "mande?") is too little to weigh: its
 * handful of n-grams decide alone, and a lone "ya" read as a crisis, a
 * lone "lmao" as a relapse. The model is asked about two words of two
 * letters or more, or one of six or more (a byte past ASCII counts as a
 * letter: "suicdal", "💊💊" are asked; "kms" and the like are the rules'). */
static bool has_words(const char *text, size_t len)
{
    size_t words = 0, run = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned b = (unsigned char)text[k];
        if (b >= 0x80 || (unsigned)((b | 0x20) - 'a') < 26) {
            if (++run == 6)
                return true;
        } else if (b != '\'') {
            if (run >= 2 && ++words == 2)
                return true;
            run = 0;
        }
    }
    return run >= 2 && words == 1;
}

/* One word alone, with at most marks or digits beside it ("seriously",
 * "bonito", "answered."): the model's few n-grams of one word decide
 * alone, and they reached a threshold on about one everyday dictionary
 * word in 65 (of 5,000 each drawn from Debian's wamerican and wspanish,
 * six letters or more: 76 and 74). What the rules cannot read in one word
 * is no stated intent: the model's crisis reading asks the client the
 * screening question instead (rule 4: when in doubt, escalate), and its
 * relapse reading is dropped, so the reply, not understood, reaches the
 * specialist in the digest (rule 6). An emoji or symbol (a character of
 * three or four UTF-8 bytes) says more than the word: "🥴🍺🍺🍺", "bye 🖤"
 * are read as the model reads them; but the general punctuation a phone
 * puts in (U+2000-U+203F: "seriously…", the curly apostrophe of "who’s")
 * is marks. A byte of a two-byte character is a letter ("lastimado",
 * "borrachísimo"). The words of two letters or more of a reply with no
 * emoji or symbol; SIZE_MAX for one with one.
 *
 * A few words the rules read as a mood and nothing else ("estoy bien",
 * "aqui ando", "igual que siempre") are held the same way: the rules have
 * understood them, and the model's n-grams of "estoy" or "ando", learnt
 * from "estoy bien pedo" and "ando bien loco", are all that it weighs
 * there. Of the parser's own mood phrases (437, each alone and after
 * "estoy", "ando", "im" and "feeling": 2,185 replies) the model alone
 * alarmed on 102, "estoy bien" among them (a relapse alert and the 988
 * text). Held, it alarms on 40: replies of five words, and relapse
 * readings beside a mood below 4, which stand ("fed up", "estoy shitty";
 * "estoy mamado mal, disculpá" is drunk in Buenos Aires and worn out in
 * Bogotá, and the low mood and the apology weigh with the model). */
#define MOOD_FEW_WORDS 4
static size_t plain_words(const char *text, size_t len)
{
    size_t words = 0, run = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned b = (unsigned char)text[k];
        if (b == 0xe2 && k + 2 < len && (unsigned char)text[k + 1] == 0x80) {
            unsigned p = (unsigned char)text[k + 2];
            k += 2;
            if (p == 0x98 || p == 0x99) /* ‘ ’: an apostrophe, inside the word */
                continue;
            words += run >= 2;
            run = 0;
            continue;
        }
        if (b >= 0xe0)
            return SIZE_MAX;
        if (b >= 0x80 || (unsigned)((b | 0x20) - 'a') < 26 || b == '\'') {
            run++;
        } else {
            words += run >= 2;
            run = 0;
        }
    }
    return words + (run >= 2);
}

/* reply_model_asked but for the words, which the caller has looked at */
static bool asked_by_rules(const struct reply_result *rules, int t)
{
    const uint32_t context = REPLY_R_OTHER_PERSON | REPLY_R_PAST | REPLY_R_TOPIC |
                             REPLY_R_SOBRIETY | REPLY_R_DENIAL | REPLY_R_ACCIDENT | REPLY_R_DOSE;
    /* the rules know whose words they are, or said it */
    return !(rules->reasons & context) && !(rules->signals & target_sig[t]);
}

/* A short reply whose risk word the rules read in an everyday sense ("a
 * knife for cooking", "traffic on the bridge", "car battery was dead this
 * morning"): the model, which sees the word and not its sense, is not
 * asked. A long one is: a crisis may follow the day's news. */
#define EVERYDAY_FEW_WORDS 15
static bool everyday_short(const char *text, size_t len, const struct reply_result *rules)
{
    return (rules->reasons & REPLY_R_EVERYDAY) && plain_words(text, len) <= EVERYDAY_FEW_WORDS;
}

bool reply_model_asked(const char *text, size_t len, const struct reply_result *rules, int t)
{
    return asked_by_rules(rules, t) && has_words(text, len) && !everyday_short(text, len, rules);
}

void reply_model_apply(const char *text, size_t len, int words_mood, struct reply_result *out)
{
    if (model_mode == REPLY_MODEL_OFF)
        return;
    if (model_mode == REPLY_MODEL_ONLY)
        out->signals &= ~(unsigned)(REPLY_SIG_CRISIS | REPLY_SIG_RELAPSE | REPLY_SIG_NEGATED);
    /* the model alone (ONLY) is asked about every reply with words */
    const struct reply_result rules = *out;
    bool ask[REPLY_MODEL__TARGETS], any = false;
    for (int t = 0; t < REPLY_MODEL__TARGETS; t++) {
        ask[t] = model_mode == REPLY_MODEL_ONLY || asked_by_rules(&rules, t);
        any |= ask[t];
    }
    if (!any || !has_words(text, len)) /* the words looked at once, for both */
        return;
    if (model_mode != REPLY_MODEL_ONLY && everyday_short(text, len, &rules))
        return;
    double p[REPLY_MODEL__TARGETS];
    reply_model_predict(text, len, p);
    for (int t = 0; t < REPLY_MODEL__TARGETS; t++)
        if (ask[t] && !(out->signals & target_sig[t]) && p[t] >= reply_model_data.threshold[t]) {
            /* looked at only for an alarm: held, a crisis reading asks
             * the screening question and a relapse reading is dropped */
            size_t words = plain_words(text, len);
            bool few = words <= MOOD_FEW_WORDS && words_mood > 0;
            bool held = words == 1 || (few && (t == REPLY_MODEL_CRISIS || words_mood >= 4));
            if (held && t == REPLY_MODEL_RELAPSE)
                continue;
            out->signals |= held ? (unsigned)REPLY_SIG_AMBIGUOUS : target_sig[t];
            out->reasons |= REPLY_R_MODEL;
        }
    if (out->signals & REPLY_SIG_CRISIS)
        out->signals &= ~(unsigned)REPLY_SIG_AMBIGUOUS; /* as the rules do: alert, don't ask */
}
