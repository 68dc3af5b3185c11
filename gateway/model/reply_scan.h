/* SPDX-License-Identifier: Apache-2.0 */
/* reply_scan.h: internal to the reply parser (reply*.c): the state of one
 * scan (struct scan), the phrase format, and what each of its files offers
 * the others. The files, one job each:
 *   reply.c           reply_parse: risk counting, the chunk scan, the
 *                     operator's vocabulary, names and JSON
 *   reply_words.c     the word data (every built-in list, the mood
 *                     calibration) and the index that looks phrases up
 *   reply_tokens.c    decoding, normalising and the token line
 *   reply_match.c     token and phrase matching, negation
 *   reply_score.c     numbers and mood words: the score reader
 *   reply_keywords.c  STOP / START / HELP / ACK
 * Not part of the parser's interface (reply.h). */
#ifndef GW_REPLY_SCAN_H
#define GW_REPLY_SCAN_H

#include "model/reply.h"
#include "model/reply_concepts.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <threads.h>
#include <utf8proc.h>

#define SEG_MAX   256               /* bytes of UTF-8 normalised at once */
#define SEG_SOFT  192               /* cut before the next ASCII byte after this */
#define CP_MAX    1024              /* code points after normalising one segment */
#define W_MAX     4096              /* bytes of tokens scanned at once */
#define W_FLUSH   (W_MAX - 256)     /* scan when this full (tokens are short) */
#define TOK_MAX   48                /* longer tokens are split */
#define MAX_TOKS  (W_MAX / 2 + 1)
#define LOOKBACK  8                 /* tokens of context kept before a chunk */
#define LOOKAHEAD 24                /* tokens a chunk leaves to the next one */

#define NORM_OPTS                                                                      \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |        \
     UTF8PROC_IGNORE | UTF8PROC_STRIPMARK | UTF8PROC_LUMP)

/* A phrase is words separated by single spaces; a word ending in '*' is a
 * prefix, "#" stands for any number and "?" for any one word. One clause
 * break, and any mood emoji, may stand between the words of a phrase. */
enum { P_NOT_AFTER_NUM = 1 }; /* "ran 5 kms" is not "kill myself" */
struct phrase {
    const char *p;
    unsigned flags;
};

/* A mood phrase's flags: its 1-10 value, and M_FEEL: only after a feeling
 * word; M_SOLO: one of those that may also stand alone in its clause
 * ("tired", "down today"); M_STRAIN: a strain that, after "but", lowers a
 * good mood one step rather than replacing it ("good but tired"). See the
 * calibration in reply_words.c. */
enum { M_FEEL = 0x100, M_SOLO = 0x200, M_STRAIN = 0x400, M_VAL = 0xff };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The operator's phrases of one kind are chained by the first two letters
 * of their first word (see rp_bucket2), rebuilt on every reply_vocab_add. */
#define IDX_END 0xffffu
#define IDX_B1 28                /* second-letter buckets per first letter */
#define IDX_HEADS (27 * IDX_B1)
struct reply_vocab_list {
    struct phrase *ph; /* ph[k].p owned */
    size_t n, cap;
    uint16_t head[IDX_HEADS];
    uint16_t *next;    /* cap entries */
};
struct reply_vocab {
    struct reply_vocab_list lists[REPLY_VOCAB__COUNT];
};

/* The kinds of built-in phrase (reply_words.c). */
enum pk { PK_CRISIS, PK_RELAPSE, PK_EXCEPTION, PK_OPTOUT, PK_MOOD, PK_USE, PK__COUNT };

struct rp_mood_emoji {
    uint32_t cp;
    uint8_t v;
};

struct numword {
    const char *w;
    int v;
};

/* Token kinds: enum tk (reply_concepts.h). TK_EMO: a mood emoji, written "~"
 * and a letter ('a' + its 1-10 value). */
/* A censored letter ("k*ll") on its way to the token line, where it is '*'.
 * Raw control bytes never reach the token builder (feed_byte). */
#define WILD 0x01
/* The separator of two tokens written with nothing between them, a number
 * and a word ("2day", "b4", "l8r"): such a number is part of a word. */
#define GLUE '\v'

struct scan {
    /* options */
    double smin, smax;
    /* tokens of the current chunk: "w1 w2 w3", each token's start and length */
    char w[W_MAX];
    size_t len;
    uint16_t toff[MAX_TOKS], tlen[MAX_TOKS];
    size_t ntok;
    size_t own_from;   /* tokens before this were scanned with the previous chunk */
    bool first_chunk;
    /* builder state */
    enum tk cur;       /* kind of the token being written, TK_NONE between tokens */
    size_t cur_start;
    enum tk last;      /* kind of the last finished token */
    bool cur_point;    /* the number being written has a decimal point */
    bool cur_joined;   /* the word being written was joined from spaced letters */
    char swallow;      /* a letter repeated three times or more: the rest of its run */
    char pending;      /* '.', ',' or '-' waiting for the next byte */
    /* de-obfuscation ahead of the token builder (see feed_byte) */
    unsigned char leet[3];   /* held '1', '$', '!', '*'... that may stand for letters */
    int nleet;
    bool prev_letter;        /* the last byte passed on was a letter */
    unsigned char gap[4];    /* held separators after a spaced letter ("k i l l") */
    int ngap;
    unsigned char held;      /* a held single letter after the gap */
    uint32_t u8cp;           /* a UTF-8 sequence being decoded (emoji) */
    int u8need;
    const struct reply_vocab *vocab;
    /* findings */
    unsigned crisis_n, crisis_neg, relapse_n, relapse_neg;
    unsigned dialled_for_other; /* emergency numbers the client dialled for somebody else */
    struct concept_findings cf; /* the concept rules', and context */
    uint32_t reasons;
    bool have_best;
    int best_rank;
    double best_val;
    bool best_oor;
    int word_val;            /* best mood word or emoji, 1-10, or 0 */
    int word_rank;
    int word_neg;            /* the best mood word was negated: -1 a bad one, 1 a good one */
    size_t mood_skip;        /* tokens before this belong to a mood phrase already seen */
    enum reply_intent kw;
    int64_t ack_id;
};

struct norm {
    uint8_t seg[SEG_MAX];
    size_t seglen;
    bool nonascii;
    utf8proc_int32_t cps[CP_MAX];
};

/* What the built-in lists say about the phrases starting at a word. */
struct hits {
    bool kind[PK__COUNT];
    unsigned mood;   /* the longest mood phrase's flags (value, M_FEEL...) */
    size_t mood_end; /* the token after it */
};

/* Past the last token is the end of the message: a clause break. Callers
 * look one token ahead ("6 and a half"); toff[] beyond ntok is not set. */
static inline enum tk tkind(const struct scan *sc, size_t i)
{
    return i < sc->ntok ? token_kind(sc->w, sc->toff, sc->tlen, i) : TK_BRK;
}

/* ---- reply_words.c: the word data and the built-in phrase index ---------- */

/* A list and its length (NELEM cannot count an array declared here). */
#define RP_LIST(type, name) extern const type name[]; extern const size_t name##_n
RP_LIST(struct phrase, rp_crisis_phrases);
RP_LIST(struct phrase, rp_relapse_phrases);
RP_LIST(char *const, rp_use_verbs);
RP_LIST(char *const, rp_substances);
RP_LIST(struct phrase, rp_exceptions);
RP_LIST(struct phrase, rp_optout_phrases);
RP_LIST(struct phrase, rp_mood_phrases);
RP_LIST(char *const, rp_mood_next_excl);
RP_LIST(char *const, rp_mood_next_greet);
RP_LIST(char *const, rp_mood_next_time);
RP_LIST(char *const, rp_mood_greeters);
RP_LIST(char *const, rp_mood_intens);
RP_LIST(char *const, rp_mood_hedges);
RP_LIST(char *const, rp_mood_soften);
RP_LIST(char *const, rp_negators);
RP_LIST(char *const, rp_contrasts);
RP_LIST(char *const, rp_stop_words);
RP_LIST(char *const, rp_plain_stop_words);
RP_LIST(char *const, rp_start_words);
RP_LIST(char *const, rp_help_words);
RP_LIST(char *const, rp_fillers);
RP_LIST(char *const, rp_mood_words);
RP_LIST(char *const, rp_mood_after);
RP_LIST(char *const, rp_units);
RP_LIST(char *const, rp_num_prev_excl);
RP_LIST(struct numword, rp_numwords);
RP_LIST(char *const, rp_person_nouns);
RP_LIST(char *const, rp_age_verbs);
RP_LIST(char *const, rp_numword_prev_excl);
RP_LIST(char *const, rp_numword_next_excl);
RP_LIST(struct rp_mood_emoji, rp_mood_emoji);
extern once_flag rp_idx_once;
size_t rp_bucket2(char c0, char c1);
void rp_index_fill(uint16_t *head, uint16_t *next, const struct phrase *list, size_t n);
void rp_index_build_all(void);
/* The mood words a misspelt token starting with `first` may stand for
 * (rp_mood_typo): *idx points at their indices into rp_mood_phrases. */
size_t rp_mood_typo_targets(char first, const uint16_t **idx);
/* The number words starting with letter first (a-z), as indices into
 * rp_numwords; their count. */
size_t rp_numwords_starting(char first, const uint16_t **idx);
void rp_match_builtin(const struct scan *sc, size_t i, unsigned want, struct hits *h);

/* ---- reply_tokens.c: decode, normalise, tokens ---------------------------- */

void rp_mark_lone_first(struct scan *sc);
void rp_feed_end(struct scan *sc);
void rp_norm_text(struct norm *nm, struct scan *sc, const uint8_t *s, size_t len);

/* ---- reply_match.c: matching tokens and phrases ---------------------------- */

bool rp_tok_is(const struct scan *sc, size_t i, const char *p);
bool rp_tok_in(const struct scan *sc, size_t i, const char *const *list, size_t n);
bool rp_tok_sym(const struct scan *sc, size_t i, char c);
/* A word list as a small hash set of its words with doubled letters read
 * once, as word_match reads them ("mesages" is "messages"), so that a
 * token is looked up, not compared with every word: for a list read at
 * every word of every reply (the opt-out anchors, the negators). A token
 * word_match reads in a way of its own (a censoring star, a dropped final
 * g: "textin") is compared with the list word by word instead. */
#define RP_WSET_SLOTS 256 /* a power of two, four times the longest list */
#define RP_WSET_KEY 24
struct rp_wset {
    const char *const *list;
    size_t n;
    char key[RP_WSET_SLOTS][RP_WSET_KEY];
    uint8_t klen[RP_WSET_SLOTS]; /* 0: an empty slot */
    const char *word[RP_WSET_SLOTS]; /* the list's word of the slot */
    /* bit b of pair[a]: a word starts with letters a, b once squeezed (27:
     * anything else), which most tokens fail at once */
    uint32_t pair[27];
    bool slow; /* a list word the set cannot hold: compare word by word */
};
/* s holds list (kept, not copied); rp_wset_in(sc, i, s) is
 * rp_tok_in(sc, i, s->list, s->n), faster */
void rp_wset_build(struct rp_wset *s, const char *const *list, size_t n);
bool rp_wset_in(const struct scan *sc, size_t i, const struct rp_wset *s);
/* rp_negators as a set (built by rp_match_build) */
extern struct rp_wset rp_negator_set;
/* The first letters of a list's pattern words as a mask (bit c - 'a'),
 * with RP_FIRST_ANY if one starts with anything else; rp_may_be_in says
 * no at once for a token whose first letter is none of them (word_match
 * needs the same first letter, or a censoring '*'), before rp_tok_in
 * walks the list. */
#define RP_FIRST_ANY (1u << 26)
uint32_t rp_firsts(const char *const *list, size_t n);
static inline bool rp_may_be_in(const struct scan *sc, size_t i, uint32_t firsts)
{
    if (i >= sc->ntok)
        return false;
    char c = sc->w[sc->toff[i]];
    return !(c >= 'a' && c <= 'z') || (firsts & (RP_FIRST_ANY | 1u << (c - 'a')));
}
size_t rp_phrase_at(const struct scan *sc, size_t i, const char *pat);
const struct phrase *rp_match_vocab(const struct scan *sc, size_t i, enum reply_vocab_kind kind);
bool rp_negated_within(const struct scan *sc, size_t i, size_t reach);
bool rp_negated_at(const struct scan *sc, size_t i);
bool rp_use_pair_at(const struct scan *sc, size_t i, const struct hits *h);

/* ---- reply_score.c: numbers and mood words --------------------------------- */

bool rp_clause_end_at(const struct scan *sc, size_t i);
/* reply_keywords.c: a listed opt-out phrase at k is its opposite: "i dont
 * want these texts to stop" */
bool rp_optout_reversed(const struct scan *sc, size_t k);
/* reply_keywords.c: the reply asks for a call in so many words ("call
 * me", "llamenme"): an opt-out beside it still pages, and "no me
 * escriban" beside it is no opt-out of its own */
bool rp_call_asked(const struct scan *sc);
/* reply_keywords.c: the reply asks to keep the texts ("please dont stop
 * these texts", "keep sending them"), only to move them ("stop texting so
 * early, like 10 instead of 7") or to leave something else ("unsubscribe
 * from the email newsletter"): no opt-out, whatever else it says */
bool rp_optout_kept(const struct scan *sc);
size_t rp_emergency_at(const struct scan *sc, size_t i);
bool rp_glued(const struct scan *sc, size_t i);
void rp_score_candidate(struct scan *sc, size_t i);
void rp_mood_word_candidate(struct scan *sc, size_t i, const struct hits *h);
void rp_mood_emoji_candidate(struct scan *sc, size_t i);
void rp_mood_typo(struct scan *sc);
bool rp_ack_only(const struct scan *sc);
/* A mood said in words, as scored before it is put on the scale, read
 * again for an eye-roll or an upside-down face in text[0..len). */
int rp_mood_sarcasm(int word_val, const char *text, size_t len);

/* ---- reply_keywords.c: STOP / START / HELP / ACK ---------------------------- */

void rp_keywords(struct scan *sc, bool complete);
/* The first-letter masks of its lists, built once with the phrase index
 * (rp_index_build_all). */
void rp_keywords_build(void);
/* the word sets of reply_match.c and reply_score.c (rp_index_build_all) */
void rp_match_build(void);
void rp_score_build(void);

/* ---- reply.c ------------------------------------------------------------------ */

void rp_chunk_scan(struct scan *sc, bool final);

#endif
