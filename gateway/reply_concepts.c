/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts.c: concepts composed over the reply parser's tokens (see
 * reply_concepts.h). A word gets concept tags from a lexicon, by its own
 * form, by its Snowball stem (English and Spanish), or, for a longer word
 * that is no everyday word, by a typo of one risk word (one edit for 5-7
 * letters, two for 8 or more). Rules then compose tags within a clause and
 * its neighbour: the self with dying, a means with intent, presence or a
 * time, an amount of medication, a farewell with finality, a state of
 * intoxication, a request for contact...
 *
 * The rules favour recall (safety rule 4): the context rules (somebody
 * else, the past, a group's topic, sobriety news) lower a finding to a
 * watch note only when they stand in the same clause as the finding. */
#include "reply_concepts.h"

#include "reply.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "reply_lexicon.h"
#include "reply_triggers.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the lexicon index --------------------------------------------------- */

/* Keys are "x:word" (a form), "e:stem" (an English stem), "s:stem" (a
 * Spanish stem), in one open-addressing table built once. */
#define LEX_SLOTS 8192
#define LEX_ARENA (96 * 1024)
struct lex_slot {
    uint32_t off; /* into arena; 0: empty */
    uint16_t len;
    uint64_t tags;
};
static struct {
    struct lex_slot slot[LEX_SLOTS];
    char arena[LEX_ARENA];
    size_t used;
    /* risk words for the typo match, by length */
    const char *risk[512];
    uint64_t risk_tags[512];
    size_t nrisk;
} lex;
static once_flag lex_once = ONCE_FLAG_INIT;

static uint32_t lex_hash(const char *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

static struct lex_slot *lex_find(const char *k, size_t n, bool add)
{
    uint32_t h = lex_hash(k, n) & (LEX_SLOTS - 1);
    for (size_t probe = 0; probe < LEX_SLOTS; probe++, h = (h + 1) & (LEX_SLOTS - 1)) {
        struct lex_slot *s = &lex.slot[h];
        if (s->off == 0) {
            if (!add || lex.used + n + 1 >= LEX_ARENA)
                return NULL;
            if (lex.used == 0)
                lex.used = 1; /* offset 0 means empty */
            memcpy(lex.arena + lex.used, k, n);
            s->off = (uint32_t)lex.used;
            s->len = (uint16_t)n;
            lex.used += n;
            return s;
        }
        if (s->len == n && memcmp(lex.arena + s->off, k, n) == 0)
            return s;
    }
    return NULL;
}

static void lex_put(char space, const char *w, size_t n, uint64_t tags)
{
    char key[64];
    if (n + 2 > sizeof key)
        return;
    key[0] = space;
    key[1] = ':';
    memcpy(key + 2, w, n);
    struct lex_slot *s = lex_find(key, n + 2, true);
    if (s != NULL)
        s->tags |= tags;
}

static uint64_t lex_get(char space, const char *w, size_t n)
{
    char key[64];
    if (n + 2 > sizeof key)
        return 0;
    key[0] = space;
    key[1] = ':';
    memcpy(key + 2, w, n);
    const struct lex_slot *s = lex_find(key, n + 2, false);
    return s != NULL ? s->tags : 0;
}

/* One stemmer per language and thread (a stemmer is not reentrant);
 * created on first use and kept for the thread's life. NULL when out of
 * memory: words are then looked up by their form alone. */
static _Thread_local struct sb_stemmer *stem_en, *stem_es;

static const char *stem(struct sb_stemmer **sp, const char *lang, const char *w, size_t n,
                        size_t *outn)
{
    if (*sp == NULL && (*sp = sb_stemmer_new(lang, NULL)) == NULL)
        return NULL;
    const sb_symbol *s = sb_stemmer_stem(*sp, (const sb_symbol *)w, (int)n);
    if (s == NULL)
        return NULL;
    *outn = (size_t)sb_stemmer_length(*sp);
    return (const char *)s;
}

/* Stems shorter than this are too common to stand for a word ("mor" is
 * "morir", "mora" and "morado"); such words are listed by their forms. */
#define STEM_MIN 4

static void lex_build(void)
{
    for (size_t k = 0; k < NELEM(lexicon); k++) {
        const struct lex_entry *e = &lexicon[k];
        size_t n = strlen(e->w), sn;
        const char *s;
        lex_put('x', e->w, n, e->tags);
        if ((e->lang & LEX_EN) && !(e->flags & LEX_FORM) &&
            (s = stem(&stem_en, "english", e->w, n, &sn)) != NULL && sn >= STEM_MIN)
            lex_put('e', s, sn, e->tags);
        if ((e->lang & LEX_ES) && !(e->flags & LEX_FORM) &&
            (s = stem(&stem_es, "spanish", e->w, n, &sn)) != NULL && sn >= STEM_MIN)
            lex_put('s', s, sn, e->tags);
        if ((e->flags & LEX_TYPO) && n >= 5 && lex.nrisk < NELEM(lex.risk)) {
            lex.risk[lex.nrisk] = e->w;
            lex.risk_tags[lex.nrisk++] = e->tags;
        }
    }
    for (size_t k = 0; k < NELEM(everyday); k++)
        lex_put('x', everyday[k], strlen(everyday[k]), T_EVERYDAY);
    for (size_t k = 0; k < NELEM(rule_triggers); k++)
        lex_put('t', rule_triggers[k], strlen(rule_triggers[k]), 1);
}

/* Optimal string alignment distance of a[0..n) and b[0..m), or limit + 1
 * once it must exceed limit. */
static int edit_distance(const char *a, size_t n, const char *b, size_t m, int limit)
{
    int d[3][40];
    if (n >= 39 || m >= 39)
        return limit + 1;
    int diff = (int)n - (int)m;
    if (diff > limit || -diff > limit)
        return limit + 1;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        int *cur = d[i % 3], *prev = d[(i - 1) % 3], *pp = d[(i + 1) % 3];
        int best = cur[0] = (int)i;
        for (size_t j = 1; j <= m; j++) {
            int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < c)
                c = prev[j] + 1;
            if (cur[j - 1] + 1 < c)
                c = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < c)
                c = pp[j - 2] + 1;
            cur[j] = c;
            if (c < best)
                best = c;
        }
        if (best > limit)
            return limit + 1;
    }
    return d[n % 3][m];
}

/* The tags of a word token t[0..n) (a-z only), looked up afresh. */
static uint64_t word_tags_slow(const char *t, size_t n);

/* Recently seen words and their tags, per thread: a reply's words recur
 * ("feeling", "today"), and a stem or typo search costs a microsecond. */
#define WCACHE_SLOTS 4096
#define WCACHE_LEN 23
struct wcache_slot {
    uint8_t len; /* 0: empty */
    char w[WCACHE_LEN];
    uint64_t tags;
};
static _Thread_local struct wcache_slot wcache[WCACHE_SLOTS];

static uint64_t word_tags(const char *t, size_t n)
{
    if (n > WCACHE_LEN)
        return word_tags_slow(t, n);
    struct wcache_slot *s = &wcache[lex_hash(t, n) & (WCACHE_SLOTS - 1)];
    if (s->len == n && memcmp(s->w, t, n) == 0)
        return s->tags;
    uint64_t tags = word_tags_slow(t, n);
    s->len = (uint8_t)n;
    memcpy(s->w, t, n);
    s->tags = tags;
    return tags;
}

static uint64_t word_tags_slow(const char *t, size_t n)
{
    uint64_t x = lex_get('x', t, n), tags;
    if (x & ~T_EVERYDAY)
        return x & ~T_EVERYDAY;
    size_t sn;
    const char *s;
    char flat[64];
    size_t fn = 0;
    for (size_t k = 0; k < n && n < sizeof flat; k++)
        if (fn == 0 || flat[fn - 1] != t[k])
            flat[fn++] = t[k];
    if (fn > 0 && fn < n && (tags = lex_get('x', flat, fn) & ~T_EVERYDAY))
        return tags; /* "diie" from "diiiiie" */
    if (n >= 4 && n + 1 < sizeof flat && t[n - 2] == 'i' && t[n - 1] == 'n') {
        char ing[64];
        memcpy(ing, t, n);
        ing[n] = 'g';
        if ((tags = lex_get('x', ing, n + 1) & ~T_EVERYDAY) ||
            ((s = stem(&stem_en, "english", ing, n + 1, &sn)) != NULL && (tags = lex_get('e', s, sn))))
            return tags; /* "cuttin", "endin", "thinkin" */
    }
    if (n >= STEM_MIN) {
        if ((s = stem(&stem_en, "english", t, n, &sn)) != NULL && (tags = lex_get('e', s, sn)))
            return tags;
        if ((s = stem(&stem_es, "spanish", t, n, &sn)) != NULL && (tags = lex_get('s', s, sn)))
            return tags;
    }
    /* a typo of a risk word: never for an everyday word (listed, so a
     * word one edit from "suicide" is not read as it), and the first
     * letter must agree (typos rarely touch it) */
    if (n < 5 || (x & T_EVERYDAY))
        return 0;
    int limit = n >= 8 ? 2 : 1;
    for (size_t k = 0; k < lex.nrisk; k++) {
        const char *r = lex.risk[k];
        size_t rn = strlen(r);
        if (r[0] != t[0])
            continue;
        int lim = rn >= 8 && limit > 1 ? 2 : 1;
        if (edit_distance(t, n, r, rn, lim) <= lim)
            return lex.risk_tags[k];
    }
    return 0;
}

/* ---- tokens ---------------------------------------------------------------- */

enum ck { CK_WORD, CK_NUM, CK_BRK, CK_EMO, CK_SYM };

static enum ck kind(const struct rview *v, size_t i)
{
    char c = v->w[v->toff[i]];
    if (c >= 'a' && c <= 'z')
        return CK_WORD;
    if ((c >= '0' && c <= '9') || (c == '-' && v->tlen[i] > 1))
        return CK_NUM;
    if (c == '|')
        return CK_BRK;
    if (c == '~')
        return CK_EMO;
    return CK_SYM;
}

/* The parser's line of a chunk, with each token's tags. */
#define CTOK_MAX 2100
struct ctx {
    const struct rview *v;
    uint64_t tags[CTOK_MAX];
    bool trig[CTOK_MAX]; /* a rule names this word (reply_triggers.h) */
    size_t n;
};

/* Token i is the word w: first letters first, and no strlen (the rules
 * ask this for every token, hundreds of times). */
static bool is(const struct ctx *c, size_t i, const char *w)
{
    if (i >= c->n)
        return false;
    const char *t = c->v->w + c->v->toff[i];
    size_t n = c->v->tlen[i];
    return t[0] == w[0] && strncmp(t, w, n) == 0 && w[n] == '\0';
}

static double numval(const struct ctx *c, size_t i)
{
    const char *t = c->v->w + c->v->toff[i];
    double x = 0;
    for (size_t k = 0; k < c->v->tlen[i] && t[k] >= '0' && t[k] <= '9'; k++)
        x = x * 10 + (t[k] - '0');
    return x;
}

static void tag_all(struct ctx *c, const struct rview *v)
{
    c->v = v;
    c->n = v->ntok < CTOK_MAX ? v->ntok : CTOK_MAX;
    for (size_t i = 0; i < c->n; i++) {
        enum ck k = kind(v, i);
        c->trig[i] = false;
        if (k == CK_WORD) {
            c->tags[i] = word_tags(v->w + v->toff[i], v->tlen[i]);
            c->trig[i] = lex_get('t', v->w + v->toff[i], v->tlen[i]) != 0;
        } else if (k == CK_NUM) {
            /* an amount, but not a time or a dose written as one ("8am",
             * "25mg", "at 8") */
            bool glued = (v->toff[i] > 0 && v->w[v->toff[i] - 1] == '\v') ||
                         v->w[v->toff[i] + v->tlen[i]] == '\v';
            bool time = i > 0 && kind(v, i - 1) == CK_WORD && v->tlen[i - 1] == 2 &&
                        memcmp(v->w + v->toff[i - 1], "at", 2) == 0;
            c->tags[i] = T_NUMBER | (numval(c, i) >= 4 && !glued && !time ? T_AMOUNT : 0);
        }
        else if (k == CK_BRK)
            c->tags[i] = T_BREAK;
        else
            c->tags[i] = 0;
    }
}

/* The window around token i: back to `back` tokens before it and `fwd`
 * after, stopping at the second clause break either way (a thought often
 * runs over one: "the pills are here. counted them"). */
struct span {
    size_t lo, hi; /* [lo, hi) */
};

static struct span window(const struct ctx *c, size_t i, size_t back, size_t fwd, int breaks)
{
    struct span s = {i, i + 1};
    int b = 0;
    while (s.lo > 0 && i - s.lo < back) {
        if (c->tags[s.lo - 1] & T_BREAK && ++b > breaks)
            break;
        s.lo--;
    }
    b = 0;
    while (s.hi < c->n && s.hi - i <= fwd) {
        if (c->tags[s.hi] & T_BREAK && ++b > breaks)
            break;
        s.hi++;
    }
    return s;
}

static bool any_in(const struct ctx *c, struct span s, uint64_t mask, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & mask))
            return true;
    return false;
}

static bool has(const struct ctx *c, size_t i, uint64_t mask)
{
    return i < c->n && (c->tags[i] & mask);
}

/* A negator within three words before token i, in its clause. */
static bool negated(const struct ctx *c, size_t i)
{
    for (size_t k = 1; k <= 4 && k <= i; k++) {
        uint64_t t = c->tags[i - k];
        if (t & (T_BREAK | T_CONTRAST))
            return false;
        /* "can't stop nodding", "no puedo dejar de tomar": not a denial */
        if ((t & T_NEG) && !(k > 1 && (is(c, i - k + 1, "stop") || is(c, i - k + 1, "quit") ||
                                        is(c, i - k + 1, "help") || is(c, i - k + 1, "dejar"))))
            return true;
    }
    return false;
}

/* Token i is one of the words of set (n of them). */
#define SET(...) ((const char *const[]){__VA_ARGS__}), (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
static bool in_set(const struct ctx *c, size_t i, const char *const *set, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (is(c, i, set[k]))
            return true;
    return false;
}

/* A word of set within span s, other than token skip. */
static bool any_str(const struct ctx *c, struct span s, size_t skip, const char *const *set,
                    size_t n)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && in_set(c, j, set, n))
            return true;
    return false;
}

/* The self as the object of an act: "me", "myself", "mi mismo", not a
 * bare "my" ("cut my hair", "killing time before my appointment"). */
static bool selfobj_in(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & T_SELFOBJ) &&
            !(is(c, j, "my") || is(c, j, "mi") || is(c, j, "mis")))
            return true;
    return false;
}

/* The self with loose possessives: "in my hand" is the client's. */
static bool self_loose(const struct ctx *c, struct span s, size_t skip)
{
    return any_in(c, s, T_SELFSUBJ | T_SELFOBJ, skip);
}

/* ---- context ---------------------------------------------------------------- */

/* The clause of token i: [lo, hi) between breaks. */
static struct span clause(const struct ctx *c, size_t i)
{
    return window(c, i, 40, 40, 0);
}

/* A past marker that means "long ago": "ago" after years, months or a
 * long time ("an hour ago" is now), "hace" before años or meses, "used
 * to", "formerly". */
static bool long_past(const struct ctx *c, struct span s, size_t skip)
{
    static const char *const spans[] = {"year", "years", "yrs", "yr", "month", "months",
                                        "long", "decade", "anos", "meses", "tiempo", "ano"};
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip || !(c->tags[j] & T_PASTMARK))
            continue;
        bool ago = is(c, j, "ago"), hace = is(c, j, "hace");
        if (!ago && !hace)
            return true; /* formerly, anniversary, solia */
        for (size_t k = 1; k <= 3; k++) {
            size_t at = ago ? (j >= k ? j - k : s.hi) : j + k;
            for (size_t w = 0; at < s.hi && w < sizeof spans / sizeof spans[0]; w++)
                if (is(c, at, spans[w]))
                    return true;
        }
    }
    for (size_t j = s.lo; j + 1 < s.hi; j++)
        if (j + 1 != skip && is(c, j, "used") && is(c, j + 1, "to"))
            return true;
    return false;
}

static bool spanish_perfect(const struct ctx *c, size_t j)
{
    /* "he comido", "he tomado": Spanish "I have", not "he" */
    if (!is(c, j, "he") || j + 1 >= c->n)
        return false;
    const char *w = c->v->w + c->v->toff[j + 1];
    size_t n = c->v->tlen[j + 1];
    return n > 3 && (memcmp(w + n - 3, "ido", 3) == 0 || memcmp(w + n - 3, "ado", 3) == 0);
}

/* Somebody else is the subject at token j: "he", "my cousin", "someone",
 * "mi hermano", "se" (Spanish "himself"); not Spanish "he comido" (I have
 * eaten), and not a possessive before the client's own means ("my mom's
 * pills", when the finding is the means) -- but "my husband's been
 * drinking" is a contraction. */
static bool other_subject(const struct ctx *c, size_t j, size_t finding)
{
    if (!((c->tags[j] & T_OTHER) ||
          (in_set(c, j, SET("someone", "somebody", "people")) && finding - j <= 2 &&
           !has(c, j + 1, T_CONTACTV) && !is(c, j + 1, "help")) ||
          in_set(c, j, SET("guy", "lady", "boss", "jefe", "jefa", "sobrino", "sobrina", "cunado",
                           "cunada", "suegra")) ||
          /* "dude at the bus stop was nodding out" */
          (in_set(c, j, SET("dude", "man", "woman", "girl", "kid", "senor", "senora")) &&
           in_set(c, j + 1, SET("at", "in", "on", "from", "outside", "next", "en", "afuera")))))
        return false;
    if (spanish_perfect(c, j))
        return false;
    /* "scratched my arms till they bled": the body, not another person */
    if (j > 0 && in_set(c, j - 1, SET("till", "until", "til", "hasta")))
        return false;
    const char *w = c->v->w + c->v->toff[j];
    bool possessive = j > 0 && (is(c, j - 1, "my") || is(c, j - 1, "mi")) && w[c->v->tlen[j] - 1] == 's';
    bool contraction = has(c, j + 1, T_TIME) || in_set(c, j + 1, SET("been", "is", "was"));
    /* "my dads gun", "my roommates xanax": the client's hands on another's things */
    return !(possessive && !contraction &&
             ((c->tags[finding] & (T_MEANS | T_MED)) || has(c, j + 1, T_MEANS | T_MED | T_DRUG)));
}

/* "the past is over" in the message: "that's behind me", "never again",
 * "not anymore", "ya quedo atras", "eso ya paso", "ya no lo hago" */
static bool over_now(const struct ctx *c, size_t i)
{
    struct span m = window(c, i, 30, 30, 3);
    for (size_t j = m.lo; j < m.hi; j++) {
        if ((is(c, j, "behind") && in_set(c, j + 1, SET("me", "us"))) ||
            (is(c, j, "never") && is(c, j + 1, "again")) ||
            (in_set(c, j, SET("not", "no")) && is(c, j + 1, "anymore")) ||
            (is(c, j, "thats") && is(c, j + 1, "over")) || (is(c, j, "atras") && j > 0 && is(c, j - 1, "quedo")) ||
            (is(c, j, "ya") && is(c, j + 1, "paso")) || (is(c, j, "ya") && is(c, j + 1, "no") && in_set(c, j + 2, SET("lo", "hago", "consumo", "tomo", "uso"))) ||
            (is(c, j, "wake") && is(c, j + 1, "up") && is(c, j + 2, "call")) ||
            (in_set(c, j, SET("sin", "without")) && in_set(c, j + 1, SET("hacerlo", "usar", "tomar", "consumir"))) ||
            (is(c, j, "glad") && any_str(c, window(c, j, 0, 4, 0), j, SET("here", "alive"))) ||
            (is(c, j, "sigo") && is(c, j + 1, "aqui")))
            return true;
    }
    return false;
}

/* A year (1990-2029) or an old time: "in 2015", "back when", "in my using
 * days", "before treatment", "antes", Spanish imperfect ("me cortaba") */
/* "in my 20s", "in my teens", "in college", "as a teenager", "en mi
 * juventud": a time of life long over. */
static bool in_my_youth(const struct ctx *c, size_t j)
{
    if ((is(c, j, "as") && in_set(c, j + 1, SET("a", "teen", "teenager", "kid"))) &&
        in_set(c, j + (is(c, j + 1, "a") ? 2 : 1), SET("teen", "teenager", "kid")))
        return true;
    if (!is(c, j, "in") && !is(c, j, "en"))
        return false;
    if (in_set(c, j + 1, SET("college", "highschool", "juventud")))
        return true;
    if (!in_set(c, j + 1, SET("my", "mi", "mis")) || j + 2 >= c->n)
        return false;
    if (in_set(c, j + 2, SET("twenties", "thirties", "teens", "youth", "juventud")))
        return true;
    const char *w = c->v->w + c->v->toff[j + 2];
    size_t n = c->v->tlen[j + 2];
    return (c->tags[j + 2] & T_NUMBER) && (w[n - 1] == 's' || is(c, j + 3, "s"));
}

static bool past_marks(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip)
            continue;
        if ((c->tags[j] & T_NUMBER) && c->v->tlen[j] == 4) {
            double y = numval(c, j);
            if (y >= 1990 && y <= 2029)
                return true;
        }
        if ((is(c, j, "back") && in_set(c, j + 1, SET("when", "in", "then"))) ||
            (is(c, j, "when") && in_set(c, j + 1, SET("i", "im")) && in_set(c, j + 2, SET("was", "used"))) ||
            (is(c, j, "using") && is(c, j + 1, "days")) || (is(c, j, "before") && in_set(c, j + 1, SET("treatment", "rehab", "recovery"))) ||
            (is(c, j, "antes") && !is(c, j + 1, "de") && !is(c, j + 1, "que")) ||
            (is(c, j, "last") && is(c, j + 1, "time") && any_str(c, window(c, j, 0, 5, 0), j, SET("was", "fue"))) ||
            (is(c, j, "ultima") && any_str(c, window(c, j, 0, 3, 0), j, SET("fue"))) ||
            in_my_youth(c, j))
            return true;
        const char *w = c->v->w + c->v->toff[j];
        size_t n = c->v->tlen[j];
        /* the imperfect, but not "andaba/estaba tomando" (going on) */
        if (n > 5 && !in_set(c, j, SET("andaba", "estaba", "andabamos")) &&
            (memcmp(w + n - 3, "aba", 3) == 0 || in_set(c, j, SET("consumia", "bebia", "vendia", "hacia"))))
            return true;
    }
    return false;
}

static uint32_t context_of(const struct ctx *c, size_t i, bool relapse, uint32_t reason)
{
    struct span s = clause(c, i);
    bool self_near = has(c, i + 1, T_SELFOBJ | T_SELFSUBJ) || reason == REPLY_R_FAREWELL;
    /* "my boss is gonna kill me", "mi jefe me va a matar": somebody else's
     * threat is an idiom */
    if (has(c, i, T_KILL) && is(c, i + 1, "me"))
        self_near = false;
    /* somebody else is the subject before the finding, no "I" between ("my
     * cousin overdosed", "he relapsed", "mi hermano se quiere matar") */
    for (size_t k = 1; !self_near && k <= 8 && k <= i - s.lo; k++) {
        size_t j = i - k;
        /* "I", or "me" as the one it is done to ("mi compa me va a conectar") */
        if ((c->tags[j] & T_SELFSUBJ) ||
            ((c->tags[j] & T_SELFOBJ) && !in_set(c, j, SET("my", "mi", "mis")) && !has(c, i, T_KILL))) {
            self_near = true;
            break;
        }
        if (other_subject(c, j, i))
            return REPLY_R_OTHER_PERSON;
    }
    if (!self_near && !any_in(c, s, T_SELFSUBJ | T_SELFOBJ, i))
        for (size_t j = s.lo; j < s.hi; j++)
            if (j != i && other_subject(c, j, i))
                return REPLY_R_OTHER_PERSON;
    /* a group's or a meeting's topic ("group was about overdose", "relapse
     * prevention plan", "aprendimos a usar narcan") */
    struct span wide = window(c, i, 12, 12, 1);
    if ((any_in(c, wide, T_TOPIC, i) &&
         any_str(c, wide, i, SET("about", "topic", "talked", "discussed", "sobre", "speaker", "shared",
                                 "tema", "hablamos", "hablaron", "presentation", "lecture", "video",
                                 "on", "did", "learned", "discussion", "vimos", "hicimos"))) ||
        any_str(c, wide, i, SET("prevention", "prevencion", "prevenir", "workshop", "taller",
                                "homework", "tarea", "aprendimos", "learned", "ensenaron", "training",
                                "awareness")) ||
        any_str(c, s, i, SET("song", "movie", "lyrics", "podcast", "documentary", "cancion",
                             "pelicula", "book", "episode", "series")))
        return REPLY_R_TOPIC;
    /* the past, over: "relapsed two years ago, clean since" */
    if ((long_past(c, s, i) || past_marks(c, s, i) || over_now(c, i)) && !any_in(c, s, T_TIME, i))
        return REPLY_R_PAST;
    if (relapse && reason != REPLY_R_DAY_ONE && !has(c, i, T_USEACT) &&
        any_in(c, window(c, i, 12, 12, 1), T_SOBER, i) &&
        !any_in(c, s, T_LOSTV, s.hi))
        return REPLY_R_SOBRIETY;
    return 0;
}

/* The chunk being read: tagged once by concepts_begin, read by the rest.
 * Per thread, 17 KB: not on the parser's stack. */
static _Thread_local struct ctx chunk;

void concepts_begin(const struct rview *v)
{
    call_once(&lex_once, lex_build);
    tag_all(&chunk, v);
}

bool concepts_is_substance(size_t i)
{
    return i < chunk.n && (chunk.tags[i] & (T_MED | T_DRUG));
}

uint32_t concepts_context_at(size_t i, bool relapse)
{
    return i < chunk.n ? context_of(&chunk, i, relapse, 0) : 0;
}

/* ---- the rules ---------------------------------------------------------------- */

enum finding { F_CRISIS, F_RELAPSE, F_CONTACT, F_EVENT, F_AMBIGUOUS };

static void found_as(const struct ctx *c, struct concept_findings *f, size_t i,
                     enum finding what, uint32_t reason, bool may_deny)
{
    if (what == F_CRISIS || what == F_RELAPSE) {
        uint32_t why = context_of(c, i, what == F_RELAPSE, reason);
        if (why != 0) {
            f->reasons |= why;
            if (why == REPLY_R_SOBRIETY)
                f->sober++;
            else
                f->context++;
            return;
        }
    }
    f->reasons |= reason;
    bool neg = may_deny && negated(c, i);
    switch (what) {
    case F_CRISIS:
        f->crisis++;
        f->crisis_neg += neg;
        if (neg)
            f->reasons |= REPLY_R_DENIAL;
        break;
    case F_RELAPSE:
        if (neg) { /* "haven't had a drink in 10 days": sobriety news */
            f->sober++;
            f->reasons |= REPLY_R_SOBRIETY;
        } else {
            f->relapse++;
        }
        break;
    case F_CONTACT: f->contact++; break;
    case F_EVENT: f->event++; break;
    case F_AMBIGUOUS: f->ambiguous++; break;
    }
}

static void found(const struct ctx *c, struct concept_findings *f, size_t i, enum finding what,
                  uint32_t reason)
{
    found_as(c, f, i, what, reason, true);
}

/* A finding of a rule whose own words hold a "not" ("won't be here much
 * longer", "i pray i dont wake up", "better if i wasn't here"): that "not"
 * is the concept, no denial of it. */
static void found_affirmed(const struct ctx *c, struct concept_findings *f, size_t i,
                           uint32_t reason)
{
    found_as(c, f, i, F_CRISIS, reason, false);
}

/* Dying or killing with the self: "i just want to die", "thinking about
 * killing myself", "better off dead", "quiero morirme". Not "dying to",
 * "dead tired", "died laughing", "my phone died". */
static bool rule_self_death(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_DIE))
        return false;
    if (has(c, i + 1, T_IDIOM_NEXT) || (i > 0 && has(c, i - 1, T_IDIOM_PREV)))
        return false;
    if (has(c, i, T_SUICIDE))
        return true;
    struct span s = window(c, i, 6, 4, 0);
    if (has(c, i, T_KILL)) {
        /* "this traffic is killing me", "you're killing me": a thing or
         * somebody else does it */
        static const char *const third[] = {"is", "are", "its", "thats", "youre", "was", "were"};
        for (size_t k = 0; i > 0 && k < sizeof third / sizeof third[0]; k++)
            if (is(c, i - 1, third[k]))
                return false;
        return selfobj_in(c, s, i) && !any_in(c, s, T_IDIOM_NEXT, i);
    }
    if (is(c, i + 1, "my") || is(c, i + 1, "her") || is(c, i + 1, "his"))
        return false; /* "dying my hair" (dyeing) */
    return any_in(c, s, T_WANT | T_BETTER, i) ||
           (any_in(c, s, T_SELFSUBJ, i) && any_in(c, s, T_TIME, i));
}

/* Harm done to the self: "cut myself again", "burning my arms", "me corté
 * los brazos", "hitting myself". */
static bool rule_self_harm(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_HARMV))
        return false;
    /* "cutting back on coffee", "cut down on smokes": not the body's back */
    if ((is(c, i + 1, "back") || is(c, i + 1, "down")) && !has(c, i + 2, T_SELFOBJ | T_BODY))
        return false;
    if (has(c, i, T_SELFHARM))
        return true;
    /* "the cuts are deeper", "new cuts", "cortes mas profundos" */
    if (in_set(c, i, SET("cuts", "cortes", "burns", "quemaduras")) &&
        any_str(c, window(c, i, 3, 4, 0), i, SET("deeper", "deep", "new", "fresh", "more",
                "again", "profundos", "nuevos", "otra", "mas")))
        return true;
    struct span s = window(c, i, 3, 4, 1);
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == i || !(c->tags[j] & (T_SELFOBJ | T_BODY)))
            continue;
        /* "my" alone is not the self: "cut my hair" */
        if ((c->tags[j] & T_BODY) || !(is(c, j, "my") || is(c, j, "mi") || is(c, j, "mis")))
            return true;
    }
    /* "i cut again last night", "been cutting" */
    return i > 0 && (has(c, i - 1, T_SELFSUBJ) || is(c, i - 1, "been")) &&
           (any_in(c, window(c, i, 0, 3, 0), T_TIME | T_BREAK, i) ||
            in_set(c, i + 1, SET("again", "deeper", "deep", "myself")));
}

/* A means with intent, presence or a time, and the self: "the pills are
 * right here next to me", "tied the rope in the garage", "bought a gun
 * today". Without intent, presence or time: ambiguous (ask). */
static bool place_means(const struct ctx *c, size_t i)
{
    static const char *const places[] = {"bridge", "roof", "rooftop", "ledge", "tracks",
                                         "cliff", "overpass", "puente", "azotea", "vias",
                                         "techo", "balcon", "edge", "rails", "orilla"};
    static const char *const preps[] = {"on", "at", "en", "sobre", "top", "off", "over", "del",
                                        "by", "near"};
    bool place = false;
    for (size_t k = 0; k < sizeof places / sizeof places[0]; k++)
        place = place || is(c, i, places[k]);
    if (!place)
        return false;
    bool strong = in_set(c, i, SET("ledge", "tracks", "rails", "cliff", "overpass", "vias", "orilla",
                                   "acantilado"));
    for (size_t back = 1; back <= 3 && back <= i; back++)
        for (size_t k = 0; k < sizeof preps / sizeof preps[0]; k++)
            if (is(c, i - back, preps[k]) && strong)
                return true;
            else if (is(c, i - back, preps[k]))
                return any_in(c, window(c, i, 6, 8, 1), T_SELFSUBJ | T_SELFOBJ | T_INTENS, i) ||
                       any_str(c, window(c, i, 6, 4, 1), i, SET("standing", "sitting", "parked",
                               "waiting", "parado", "sentado", "looking", "drop", "now"));
    return false;
}

static int rule_means(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_MEANS))
        return 0;
    if (place_means(c, i))
        return 2; /* "standing on the bridge", "estoy en el puente" */
    struct span s = window(c, i, 8, 8, 1);
    if (any_in(c, s, T_SAFE, i))
        return 0;
    /* "took my meds", "stop taking my meds": a routine dose */
    if (!any_in(c, s, T_AMOUNT, i) && any_in(c, window(c, i, 4, 0, 0), T_TOOK, i))
        return 0;
    static const char *const soon[] = {"tonight", "tonite", "2nite", "gonna", "finna",
                                       "imma", "ima", "voy", "now", "rn", "ahorita"};
    bool intent = any_in(c, s, T_WANT, i);
    for (size_t j = s.lo; !intent && j < s.hi; j++)
        for (size_t k = 0; k < sizeof soon / sizeof soon[0]; k++)
            intent = intent || is(c, j, soon[k]);
    bool self = selfobj_in(c, s, i) || any_in(c, s, T_SELFSUBJ, i);
    /* acts that ready a means are intent by themselves ("tied the rope",
     * "loaded the gun", "counted the pills"); a car running in a garage */
    static const char *const acts[] = {"tied", "loaded", "counted", "lined", "hoarding",
                                       "saving", "saved", "stockpiled", "tie", "load",
                                       "amarre", "cargue", "conte", "junte"};
    for (size_t j = s.lo; j < s.hi; j++)
        for (size_t k = 0; k < sizeof acts / sizeof acts[0]; k++)
            if (is(c, j, acts[k]))
                return 2;
    if (in_set(c, i, SET("garage", "exhaust", "garaje", "cochera")) &&
        (any_in(c, s, T_PRESENCE, i) || any_str(c, s, i, SET("hose", "motor", "engine"))) &&
        (any_in(c, s, T_IDIOM_PREV, i) || self || any_str(c, s, i, SET("hose", "carro", "motor"))))
        return 2;
    if ((intent && self_loose(c, s, i)) || (any_in(c, s, T_PRESENCE, i) && self_loose(c, s, i)))
        return 2; /* "the pills are right here next to me", "my plan is the bridge" */
    if (intent && any_in(c, s, T_GOT, i))
        return 2; /* "bought razor blades for tonight" */
    static const char *const access[] = {"have", "has", "keep", "keeps", "theres", "got",
                                         "hay", "tengo", "tiene", "guarda"};
    if (any_in(c, s, T_AMOUNT | T_GOT, i))
        return 1;
    for (size_t j = s.lo; j < s.hi; j++)
        for (size_t k = 0; k < sizeof access / sizeof access[0]; k++)
            if (is(c, j, access[k]))
                return 1; /* a means at hand, no intent said: ask */
    return 0;
}

/* An amount of medication taken: "took twenty of my anxiety pills", "400mg
 * x 8", "a handful of tylenol", "the whole bottle"; Narcan. */
static bool rule_overdose(const struct ctx *c, size_t i)
{
    if (has(c, i, T_NARCAN))
        return any_in(c, window(c, i, 5, 5, 0), T_SELFOBJ | T_SELFSUBJ | T_TOOK, i);
    if (!has(c, i, T_MED))
        return false;
    struct span s = window(c, i, 7, 4, 1);
    if (any_str(c, s, i, SET("from", "supply", "prescribed", "dose", "refill")))
        return false; /* "15 mg of methadone now, down from 40" */
    return any_in(c, s, T_AMOUNT, i) &&
           (any_in(c, s, T_TOOK, i) || any_in(c, window(c, i, 0, 4, 0), T_INTENS | T_TIME, i));
}

/* Words that make giving away or saying goodbye everyday: old things
 * given to charity, a move, a job left. */
#define EVERYDAY_GOING SET("old", "donate", "donated", "donating", "goodwill", "moving", "sale", \
                           "outgrew", "declutter", "decluttering", "job", "apartment", "summer", \
                           "winter", "weekend", "vacation", "now", "tmrw", "tomorrow", "later")

/* "goodbye to my old job", "bye for now, talk tmrw" */
static bool farewell_to_everyday(const struct ctx *c, size_t i)
{
    return any_str(c, window(c, i, 0, 5, 0), i, EVERYDAY_GOING);
}

/* "thank u for all u did for me", "gracias por todo lo que hicieron" */
static bool thanks_for_all(const struct ctx *c, struct span s)
{
    for (size_t j = s.lo; j + 1 < s.hi; j++)
        if ((is(c, j, "thank") || is(c, j, "thanks") || is(c, j, "thx") || is(c, j, "gracias")) &&
            any_str(c, window(c, j, 0, 5, 0), j, SET("all", "todo")) &&
            any_str(c, window(c, j, 0, 7, 0), j, SET("did", "done", "hiciste", "hicieron")))
            return true;
    return false;
}

/* Token i is "when", "after", "once" or "cuando" followed by the self
 * gone or no longer here: "when im gone", "cuando yo no este". */
static bool gone_after(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 0, 4, 0);
    bool self = any_in(c, s, T_SELFSUBJ, i) || any_str(c, s, i, SET("este", "estare"));
    if (!self || any_str(c, s, i, SET("was", "were", "estaba", "estuve")))
        return false; /* "when i was gone for the weekend" */
    for (size_t j = s.lo; j < s.hi; j++) {
        if (is(c, j, "gone"))
            return !in_set(c, j + 1, SET("on", "to", "for", "away", "out", "from", "at"));
        if ((has(c, j, T_NEG) || is(c, j, "no")) && j + 1 < c->n &&
            (is(c, j + 1, "este") || is(c, j + 1, "estare") ||
             (has(c, j + 1, T_AROUND) && !is(c, j + 1, "through") &&
              (j + 2 >= c->n || has(c, j + 2, T_BREAK | T_FINAL)))))
            return true; /* not "when i'm not around my friends" */
    }
    return false;
}

/* Farewells with finality, final acts: "thanks for everything. bye", "tell
 * my kids i love them", "gave my dog to my sister", "letters for everyone",
 * "affairs in order", "this is the last time you'll hear from me". */
static bool rule_farewell(const struct ctx *c, size_t i)
{
    if (has(c, i, T_FINALACT))
        return !is(c, i + 1, "with"); /* not "my affairs with the landlord" */
    if (has(c, i, T_FAREWELL))
        return !farewell_to_everyday(c, i) &&
               (any_in(c, window(c, i, 10, 10, 2), T_FINAL | T_EVERYONE | T_EVERYTHING, i) ||
               thanks_for_all(c, window(c, i, 16, 0, 2)) ||
               any_str(c, window(c, i, 10, 10, 2), i, SET("always", "placer", "conocerte",
                       "knowing", "said", "dije", "told", "tell")) ||
               (is(c, i, "despedi") && i >= 2 && is(c, i - 2, "ya")));
    /* "my last check in", "final message", "la ultima vez que me escriben" */
    if (has(c, i, T_FINAL) && !is(c, i, "ever") && !is(c, i, "anymore") && !is(c, i, "longer") &&
        (in_set(c, i + 1, SET("message", "msg", "text", "txt", "check", "checkin", "goodbye",
                              "mensaje", "msj", "despedida")) ||
         (is(c, i + 1, "vez") && any_str(c, window(c, i, 0, 5, 0), i, SET("escriben", "hablamos",
                                                                          "sabran", "ven")))))
        return true;
    /* a will, life insurance, a car signed over, instructions for a pet */
    if ((is(c, i, "will") && i > 0 && is(c, i - 1, "my")) ||
        (is(c, i, "insurance") && i > 0 && is(c, i - 1, "life")) ||
        (is(c, i, "signed") && is(c, i + 1, "over")) ||
        (is(c, i, "instructions") && any_in(c, window(c, i, 0, 4, 0), T_BELONGING | T_OTHER, i)))
        return true;
    /* valuables or a pet left for somebody: "left my ring and my wallet for my son" */
    if (in_set(c, i, SET("left", "deje", "leaving", "dejando")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("ring", "wallet", "watch", "dog", "cat", "car",
                "guitar", "jewelry", "anillo", "cartera", "perro", "gato", "carro", "reloj")) &&
        any_in(c, window(c, i, 0, 8, 0), T_OTHER | T_EVERYONE, i))
        return true;
    if (has(c, i, T_GIVE))
        return any_in(c, window(c, i, 2, 6, 0), T_BELONGING, i) &&
               any_in(c, window(c, i, 2, 6, 0), T_AWAY | T_BELONGING, i) &&
               !any_str(c, window(c, i, 2, 8, 0), i, EVERYDAY_GOING);
    /* "signing off for good", "peace out for good": a farewell made final */
    if (is(c, i, "good") && i > 0 && is(c, i - 1, "for"))
        return any_str(c, window(c, i, 5, 0, 0), i, SET("off", "out", "bye", "goodbye", "gone"));
    if (is(c, i, "goodnight") || is(c, i, "goodnite"))
        return has(c, i + 1, T_FINAL) && !is(c, i + 1, "last");
    /* "sorry to let you down one last time" */
    if (is(c, i, "last") && i > 0 && is(c, i - 1, "one"))
        return any_str(c, window(c, i, 8, 2, 0), i, SET("sorry", "forgive", "perdon", "perdoname"));
    /* "when i'm gone", "after i'm gone", "cuando yo no este": arranging
     * for a time without the self */
    if (in_set(c, i, SET("when", "after", "once", "cuando")))
        return gone_after(c, i);
    /* "everything is in order", "put my things in order", "todo en orden" */
    if ((is(c, i, "order") || is(c, i, "orden")) && i > 0 &&
        (is(c, i - 1, "in") || is(c, i - 1, "en")))
        return any_in(c, window(c, i, 5, 0, 0), T_EVERYTHING | T_BELONGING, i);
    /* "if anything happens to me, my sister has the keys" */
    if (is(c, i, "happens") && i > 0 && (is(c, i - 1, "anything") || is(c, i - 1, "something")))
        return is(c, i + 1, "to") && is(c, i + 2, "me");
    if (is(c, i, "hear") && is(c, i + 1, "from") && (is(c, i + 2, "me") || is(c, i + 2, "mi")))
        return any_in(c, window(c, i, 6, 0, 0), T_FINAL | T_NEG, i);
    if (is(c, i, "letters") || is(c, i, "notes") || is(c, i, "cartas"))
        return any_in(c, window(c, i, 4, 8, 1), T_OTHER | T_EVERYONE | T_LOSABLE, i) &&
               !any_in(c, window(c, i, 5, 5, 0), T_SAFE, i);
    if (has(c, i, T_NOTE))
        return any_in(c, window(c, i, 5, 5, 0), T_EVERYONE | T_FINAL | T_FAREWELL, i) &&
               !any_in(c, window(c, i, 5, 5, 0), T_SAFE, i);
    return false;
}

/* Time running out: "won't be here much longer", "not gonna make it through
 * the night", "ya no voy a estar". */
static bool rule_time_out(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_AROUND))
        return false;
    struct span s = window(c, i, 5, 5, 1);
    if (any_in(c, s, T_NEG, i) && any_in(c, s, T_FINAL | T_TIME, i))
        return true;
    /* "won't be here for group next week or ever" */
    if (any_in(c, s, T_NEG, i) &&
        any_str(c, window(c, i, 0, 8, 0), i, SET("ever", "forever", "nunca", "jamas")))
        return true;
    for (size_t j = s.lo; j < s.hi; j++)
        if (is(c, j, "night") || is(c, j, "nite") || is(c, j, "noche"))
            return any_in(c, s, T_NEG, i);
    return false;
}

/* Burden and "better off without me": "everyone would be better off if i
 * wasn't here", "soy un estorbo". 1: found ("i'm not a burden" is a
 * denial of it), 2: found in words that hold their own "not". */
static int rule_burden(const struct ctx *c, size_t i)
{
    if (has(c, i, T_BURDEN))
        return any_in(c, window(c, i, 5, 3, 0), T_SELFSUBJ | T_SELFOBJ, i) ||
               has(c, i, T_SELFHARM);
    /* "soon i won't be anyone's problem", "no one's bother anymore" */
    if (in_set(c, i, SET("problem", "bother", "worry", "responsibility")) && i > 0 &&
        in_set(c, i - 1, SET("anyones", "anybodys", "everyones", "nobodys", "yours")))
        return any_in(c, window(c, i, 6, 0, 0), T_NEG, i) &&
               any_in(c, window(c, i, 6, 0, 0), T_SELFSUBJ, i) ? 2 : 0;
    if (!has(c, i, T_BETTER))
        return false;
    struct span s = window(c, i, 6, 6, 1);
    if (any_in(c, s, T_NEG, i) && any_in(c, window(c, i, 0, 6, 0), T_AROUND, i))
        return 2; /* "better if i wasn't here", "mejor si no estuviera" */
    return any_in(c, s, T_GONE, i) && any_in(c, s, T_SELFOBJ | T_SELFSUBJ, i);
}

/* Wishing not to wake up, to sleep forever, for God to take me. */
static bool rule_no_wake(const struct ctx *c, size_t i)
{
    if (has(c, i, T_WAKE)) {
        struct span s = window(c, i, 8, 2, 0);
        return any_in(c, s, T_NEG, i) &&
               (any_in(c, s, T_WANT | T_SLEEP, i) || any_str(c, s, i, SET("mind", "if", "ojala")));
    }
    if (has(c, i, T_GOD))
        return any_in(c, window(c, i, 4, 4, 0), T_TOOK, i) &&
               any_in(c, window(c, i, 4, 4, 0), T_SELFOBJ, i);
    return false;
}

/* Token j is a drug word used of no drug: "a shot at the interview", "a
 * shot of espresso" (but "a shot of tequila"), "a coke and a sandwich". */
static bool everyday_drug(const struct ctx *c, size_t j)
{
    if (is(c, j, "coke") || is(c, j, "coca"))
        return any_str(c, window(c, j, 3, 3, 0), j, SET("diet", "zero", "can", "soda", "cola",
                       "sandwich", "burger", "fries", "pizza", "lunch", "dinner", "refresco"));
    if (!is(c, j, "shot"))
        return false;
    if (is(c, j + 1, "of"))
        return !has(c, j + 2, T_DRUG);
    return in_set(c, j + 1, SET("at", "hoops", "clock", "glass", "put", "in", "to", "with"));
}

/* A substance named in span s, other than token skip. */
static bool drug_in(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & T_DRUG) && !everyday_drug(c, j))
            return true;
    return false;
}

/* Relapse: a state now ("im so high rn", "drunk af", "nodding"), use acts
 * in slang ("copped", "hit a bar"), a dealer contacted, day one again. */
static uint32_t rule_relapse(const struct ctx *c, size_t i)
{
    if (has(c, i, T_STATE)) {
        if (has(c, i + 1, T_IDIOM_NEXT) || (i > 0 && has(c, i - 1, T_IDIOM_PREV)))
            return 0;
        static const char *const joy[] = {"life", "love", "happiness", "vida", "gratitude", "jesus"};
        for (size_t k = 0; k < sizeof joy / sizeof joy[0]; k++)
            if (is(c, i + 1, "on") && is(c, i + 2, joy[k]))
                return 0; /* "high on life" */
        struct span s = window(c, i, 3, 3, 0);
        if (any_in(c, s, T_SELFSUBJ | T_INTENS | T_GOT, i))
            return REPLY_R_STATE;
        return 0;
    }
    if (has(c, i, T_USEACT)) {
        static const char *const place[] = {"on", "in", "and", "off", "down", "up", "at", "through"};
        for (size_t k = 0; is(c, i, "slipped") && k < sizeof place / sizeof place[0]; k++)
            if (is(c, i + 1, place[k]))
                return 0; /* "slipped on the ice" */
        return REPLY_R_USE;
    }
    if (has(c, i, T_USEV | T_GOT | T_TOOK)) {
        struct span s = window(c, i, 0, 5, 0);
        if (drug_in(c, s, i) && !any_in(c, s, T_SAFE, i))
            return REPLY_R_USE;
    }
    /* "got tore up", "getting fucked up": a state in two words */
    if (in_set(c, i, SET("tore", "torn", "fucked", "effed", "fked", "fcked")) && is(c, i + 1, "up") &&
        i > 0 && in_set(c, i - 1, SET("got", "get", "getting", "gettin", "im", "was")))
        return REPLY_R_STATE;
    /* "went back out" (to using, in the rooms' words), not "went back
     * out to the car" */
    if (is(c, i, "back") && is(c, i + 1, "out") && i > 0 &&
        in_set(c, i - 1, SET("went", "go", "going", "gone", "goin")) &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_TIME | T_AGAIN) ||
         in_set(c, i + 2, SET("friday", "saturday", "sunday", "monday", "tuesday", "wednesday",
                              "thursday", "last", "yesterday", "this", "after", "over"))))
        return REPLY_R_USE;
    if (has(c, i, T_AGAIN) && !is(c, i, "back")) {
        static const char *const counts[] = {"date", "count", "clock", "days", "fecha",
                                             "conteo", "dias", "sobriety", "sobriedad"};
        for (size_t j = i + 1; j <= i + 3 && j < c->n; j++)
            for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
                if (is(c, j, counts[k]))
                    return REPLY_R_DAY_ONE; /* "reset my date", "start my count over" */
    }
    if (has(c, i, T_DEALER)) {
        struct span s = window(c, i, 5, 6, 1);
        if (any_in(c, s, T_CONTACTV | T_CONTACTV | T_GOT, i) && !any_in(c, s, T_SAFE, i))
            return REPLY_R_DEALER;
    }
    if (has(c, i, T_DAY) && (is(c, i + 1, "one") || is(c, i + 1, "uno") || is(c, i + 1, "1"))) {
        struct span s = window(c, i, 4, 4, 0);
        if (any_in(c, s, T_AGAIN, i))
            return REPLY_R_DAY_ONE;
    }
    return 0;
}

/* A request for contact: "can someone call me", "i need to talk to
 * somebody", "necesito hablar con alguien", "call me pls". */
static bool rule_contact(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_CONTACTV) || in_set(c, i, SET("met", "saw", "went", "vi", "fui", "hit")))
        return false;
    struct span s = window(c, i, 5, 6, 1);
    /* "llámenme", "háblenme", "márcame": the ask is in the word */
    const char *w = c->v->w + c->v->toff[i];
    size_t wn = c->v->tlen[i];
    if (wn > 5 && memcmp(w + wn - 2, "me", 2) == 0 && !is(c, i, "come"))
        return true;
    /* "i need to talk", "me marcan cuando puedan", "call me?" */
    if (any_str(c, window(c, i, 3, 0, 0), i, SET("need", "needa", "necesito", "ocupo")) ||
        (i > 0 && has(c, i - 1, T_SELFOBJ) && (has(c, i + 1, T_BREAK) || c->n <= 6)))
        return true;
    /* "llamame" asks by itself; "pls call" is short enough to be a plea */
    if (has(c, i, T_REQUEST) || (c->n <= 4 && any_in(c, s, T_REQUEST, i)))
        return true;
    bool who = any_in(c, s, T_SOMEONE | T_SELFOBJ | T_SELFSUBJ, i) ||
               any_str(c, s, i, SET("we", "us", "nos"));
    /* "please stop texting me", "don't call me" ask for the opposite */
    for (size_t j = s.lo; j < s.hi; j++)
        if (is(c, j, "stop") || is(c, j, "quit") || is(c, j, "dejen") || is(c, j, "deja"))
            return false;
    bool ask = any_in(c, s, T_REQUEST | T_WANT, i) ||
               any_str(c, s, i, SET("like", "available", "there", "pueden", "puedas", "pueda",
                                    "alguien", "get", "give", "appreciate", "gustaria"));
    return who && ask && !any_in(c, s, T_SAFE, i) && !any_in(c, window(c, i, 3, 0, 0), T_NEG, i);
}

/* A serious life event: a death, the ER or a hospital stay, an arrest, an
 * eviction, a lost job, lost custody, an assault. */
static bool rule_event(const struct ctx *c, size_t i)
{
    /* "my husband hit me", "me pegó mi esposo", "my partner beat me up" */
    if (in_set(c, i, SET("hit", "beat", "pego", "golpeo", "choked", "slapped", "pushed")) &&
        any_in(c, window(c, i, 4, 3, 0), T_OTHER, i) && any_in(c, window(c, i, 2, 2, 0), T_SELFOBJ, i) &&
        !is(c, i + 1, "up") && !(is(c, i + 2, "up") && is(c, i, "hit")))
        return true;
    if (in_set(c, i, SET("robbed", "mugged", "stolen", "jumped", "asaltaron", "robaron")) &&
        (i > 0 && in_set(c, i - 1, SET("got", "was", "been", "me", "were", "phone", "car"))))
        return true;
    if ((is(c, i, "locked") && is(c, i + 1, "up")) ||
        (is(c, i, "street") && i >= 2 && is(c, i - 1, "the") && is(c, i - 2, "on")) ||
        (in_set(c, i, SET("county", "prison", "rehab", "detox")) &&
         any_str(c, window(c, i, 3, 0, 0), i, SET("out", "in", "sent", "salio", "back"))))
        return true;
    if (in_set(c, i, SET("echar", "echaron", "sacar", "sacaron", "desalojar")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("departamento", "depa", "casa", "apartamento", "cuarto")))
        return true;
    if ((is(c, i, "kids") || is(c, i, "hijo") || is(c, i, "hijos") || is(c, i, "ninos")) &&
        any_str(c, window(c, i, 4, 4, 0), i, SET("took", "llevaron", "quitaron", "judge", "juez",
                                                  "sociales", "cps", "custody")))
        return true;
    if (has(c, i, T_EVENT)) {
        /* "my phone died", "passed my test", "killed it", "fired up" */
        if ((i > 0 && has(c, i - 1, T_IDIOM_PREV)) || has(c, i + 1, T_IDIOM_NEXT) ||
            is(c, i + 1, "up") || is(c, i + 1, "it"))
            return false;
        return !any_in(c, window(c, i, 4, 2, 0), T_SAFE, i);
    }
    if (has(c, i, T_LOSTV))
        return any_in(c, window(c, i, 0, 3, 0), T_LOSABLE, i);
    return false;
}

/* Despair without a stated intent ("i'm so done", "what's the point"). */
static bool rule_despair(const struct ctx *c, size_t i)
{
    if (has(c, i, T_DESPAIR))
        return true;
    struct span cl = window(c, i, 5, 4, 0);
    /* "no hope", "sin esperanza", "no future for me", "no way out", "no hay salida" */
    if (in_set(c, i, SET("hope", "esperanza", "future", "futuro", "salida", "way")) &&
        (any_in(c, window(c, i, 3, 0, 0), T_NEG, i) || is(c, i - 1, "sin")) &&
        (!is(c, i, "way") || is(c, i + 1, "out")))
        return true;
    /* "tired of everything", "done with everything", "harta de todo", "so over everything" */
    if (in_set(c, i, SET("everything", "todo", "all", "everyone", "life")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("tired", "done", "over", "sick", "exhausted",
                "harto", "harta", "canse", "cansado", "cansada", "fed", "hartos")) &&
        !any_str(c, window(c, i, 0, 3, 0), i, SET("for", "at", "work", "today", "lol")))
        return true;
    /* "nothing matters", "nada vale la pena", "nothing ever gets better",
     * "ive got nothing left", "i dont care anymore" */
    if (in_set(c, i, SET("nothing", "nada")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("matters", "left", "better", "vale", "importa",
                                                  "works", "changes", "sirve", "mejora", "sentido")))
        return true;
    if (in_set(c, i, SET("care", "importa")) && any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
        any_in(c, window(c, i, 0, 3, 0), T_FINAL, i))
        return true;
    /* "why do i even bother", "whats the use", "para que sigo intentando" */
    if (in_set(c, i, SET("bother", "use", "caso", "intentando", "sigo")) &&
        any_in(c, window(c, i, 4, 0, 0), T_WHATS, i) && !is(c, i + 1, "of") &&
        (i < 1 || !is(c, i - 1, "to")))
        return true;
    /* "i cant anymore", "i cant do this anymore", "how much longer can i do
     * this", "cuanto mas pueda aguantar", "end of my rope", "me rindo", "done.
     * just done" */
    if (in_set(c, i, SET("anymore", "longer", "mas")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("cant", "can", "pueda", "puedo", "aguantar",
                                                  "aguanto", "take", "handle")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("cant", "much", "cuanto", "ya", "idk", "no")))
        return true;
    if (is(c, i, "rope") && i >= 2 && is(c, i - 2, "of") && is(c, i - 3, "end"))
        return true;
    if ((in_set(c, i, SET("rindo", "rendi")) && (i + 1 >= c->n || has(c, i + 1, T_BREAK))) ||
        (is(c, i, "quit") && in_set(c, i + 1, SET("trying", "life", "everything"))))
        return true;
    if (is(c, i, "done") && (i == 0 || has(c, i - 1, T_BREAK) || is(c, i - 1, "just") ||
                             is(c, i - 1, "im")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK)))
        return true;
    (void)cl;
    /* "ya no puedo", "no puedo mas", "pa que", "para que" alone */
    if (is(c, i, "puedo") && i > 0 && has(c, i - 1, T_NEG) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) || is(c, i + 1, "mas") ||
         (i > 1 && is(c, i - 2, "ya"))))
        return true;
    if ((is(c, i, "pa") || is(c, i, "para")) && is(c, i + 1, "que") &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK)))
        return true;
    if (has(c, i, T_POINT))
        return any_in(c, window(c, i, 3, 1, 0), T_WHATS | T_NEG, i);
    if (has(c, i, T_DONE))
        return any_in(c, window(c, i, 3, 3, 0), T_INTENS | T_EVERYTHING | T_EVERYTHING, i) &&
               any_in(c, window(c, i, 3, 1, 0), T_SELFSUBJ, i);
    if (has(c, i, T_GIVE))
        return is(c, i + 1, "up") || (is(c, i + 2, "up") && has(c, i + 1, T_SELFOBJ));
    return false;
}

/* More ways of saying dying and its means that a word list alone misses.
 * Returns a reason bit, or 0. */
static uint32_t rule_crisis_more(const struct ctx *c, size_t i)
{
    struct span cl = window(c, i, 6, 6, 0);
    /* death as a relief: "death sounds peaceful", "dying would be easier" */
    if ((is(c, i, "death") || is(c, i, "dying") || is(c, i, "muerte") || is(c, i, "morir")) &&
        in_set(c, i + 1, SET("sounds", "would", "seems", "feels", "looks", "seria", "suena")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("peaceful", "nice", "relief", "easier", "better",
                "appealing", "tempting", "good", "alivio", "mejor", "bonito", "tranquilo")))
        return REPLY_R_SELF_DEATH;
    /* "nobody would notice if i died", "nadie notaria si me muero" */
    if ((is(c, i, "nadie") || is(c, i, "nobody") || (is(c, i, "one") && i > 0 && is(c, i - 1, "no"))) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("notice", "notaria", "extranaria", "care",
                "importaria", "miss")))
        for (size_t j = i + 1; j < c->n && j <= i + 8 && !has(c, j, T_BREAK); j++)
            if ((is(c, j, "if") || is(c, j, "si")) &&
                any_in(c, window(c, j, 0, 4, 0), T_DIE | T_GONE | T_SUICIDE, j) &&
                any_in(c, window(c, j, 0, 3, 0), T_SELFSUBJ | T_SELFOBJ, j))
                return REPLY_R_SELF_DEATH;
    /* "planning to end it", "finna end it", "i want 2 end it 2nite" (not
     * "end it with him"); "end my life", "acabar con mi vida" */
    if (in_set(c, i, SET("end", "ending", "endin", "acabar", "terminar")) &&
        (is(c, i + 1, "it") || is(c, i + 1, "things") || is(c, i + 1, "everything") ||
         (is(c, i + 1, "con") && in_set(c, i + 2, SET("todo", "mi")))) &&
        !is(c, i + 2, "with") && !is(c, i + 2, "con") &&
        any_in(c, window(c, i, 4, 4, 0), T_WANT | T_TIME | T_SELFSUBJ, i))
        return REPLY_R_SELF_DEATH;
    /* "quitarme la vida", "want my life to be over", "done living", "i dont
     * see myself alive next week", "no quiero seguir vivo" */
    if (in_set(c, i, SET("quitar", "quitarme", "quito")) && any_str(c, cl, i, SET("vida")))
        return REPLY_R_SELF_DEATH;
    if (in_set(c, i, SET("living", "alive", "vivir", "vivo", "viva", "existir", "exist")) &&
        ((any_in(c, cl, T_DONE, i) || (any_in(c, cl, T_NEG, i) && any_in(c, cl, T_WANT, i)) ||
          any_str(c, cl, i, SET("tired", "sick", "cansado", "cansada", "harto", "harta", "see",
                                "seguir", "point", "sentido"))) &&
         !any_in(c, cl, T_OTHER, i)))
        return REPLY_R_SELF_DEATH;
    if (in_set(c, i, SET("life", "vida")) && any_str(c, window(c, i, 0, 3, 0), i, SET("over", "end", "ends")) &&
        any_in(c, cl, T_WANT | T_SELFOBJ, i))
        return REPLY_R_SELF_DEATH;
    /* "off myself", "yeet myself", "6 ft under", "leave this world",
     * "irme de este mundo" */
    if (in_set(c, i, SET("off", "yeet", "delete", "unalive")) &&
        in_set(c, i + 1, SET("myself", "mself", "myslf", "meself")))
        return REPLY_R_SELF_DEATH;
    if (in_set(c, i, SET("under")) && i > 0 && in_set(c, i - 1, SET("ft", "feet", "foot")))
        return REPLY_R_SELF_DEATH;
    if (in_set(c, i, SET("world", "mundo", "planet", "earth")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("leave", "leaving", "ir", "irme", "off", "gone",
                                                  "salir", "este", "this")) &&
        any_in(c, window(c, i, 6, 0, 0), T_WANT | T_TIME | T_SELFSUBJ | T_SELFOBJ, i) &&
        !any_str(c, window(c, i, 3, 3, 0), i, SET("travel", "around", "best", "tour", "cup")))
        return REPLY_R_SELF_DEATH;
    /* "i dont care if i die", "if i died tomorrow", "me da igual morir" */
    if (has(c, i, T_DIE) && !has(c, i + 1, T_IDIOM_NEXT) &&
        any_str(c, window(c, i, 5, 2, 0), i, SET("care", "mind", "matter", "igual", "importa")))
        return REPLY_R_SELF_DEATH;
    /* passive wishes that harm come: "wouldnt mind if a truck hit me", "i
     * hope i get cancer", "ojala me atropellara un carro" */
    struct span far = window(c, i, 10, 10, 1);
    if (in_set(c, i, SET("hit", "atropellara", "atropelle", "atropellen", "crash", "cancer",
                          "happens", "happened", "struck", "atropello", "atropellaran", "wreck")) &&
        (any_in(c, far, T_WANT, i) || any_str(c, far, i, SET("mind", "ojala", "quisiera"))) &&
        any_in(c, far, T_SELFOBJ | T_SELFSUBJ, i))
        return REPLY_R_NO_WAKE;
    /* "would be nice to just not be here", "i dont want to be here
     * anymore", "everyone would be happier without me around" */
    if (has(c, i, T_AROUND) && !is(c, i, "through") && !is(c, i, "thru") &&
        any_in(c, window(c, i, 4, 0, 0), T_NEG, i) &&
        (any_in(c, window(c, i, 6, 2, 0), T_WANT, i) || any_str(c, cl, i, SET("nice", "better",
                 "easier", "happier", "mejor", "rather"))))
        return REPLY_R_BURDEN;
    if (in_set(c, i, SET("easier", "happier", "better", "mejor", "lighter")) &&
        any_in(c, window(c, i, 6, 6, 1), T_EVERYONE | T_OTHER, i) &&
        (is(c, i + 1, "without") || is(c, i + 1, "sin") ||
         (any_in(c, window(c, i, 0, 6, 0), T_NEG, i) &&
          any_str(c, window(c, i, 0, 6, 0), i, SET("here", "around", "alive", "in", "estuviera",
                                                   "existiera")))))
        return REPLY_R_BURDEN;
    /* "wish i'd never been born", "nunca haber nacido" */
    if (in_set(c, i, SET("born", "nacido", "nacer")) && any_in(c, window(c, i, 4, 0, 0), T_NEG | T_WANT, i))
        return REPLY_R_NO_WAKE;
    /* "be with my dad again, in heaven", "le pido a dios que me recoja" */
    if (in_set(c, i, SET("heaven", "cielo")) && any_in(c, window(c, i, 10, 3, 1), T_WANT, i))
        return REPLY_R_NO_WAKE;
    if (has(c, i, T_GOD) && any_str(c, window(c, i, 0, 5, 0), i, SET("recoja", "lleve", "llevara",
                                                                      "take", "takes", "call")) &&
        any_in(c, window(c, i, 4, 5, 0), T_SELFOBJ | T_WANT, i))
        return REPLY_R_NO_WAKE;
    /* "fall asleep forever", "want it all to stop permanently", "make it
     * stop for good" */
    if (in_set(c, i, SET("forever", "permanently", "siempre", "good")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("sleep", "asleep", "stop", "rest", "dormir",
                                                  "disappear", "desaparecer", "gone", "descansar")) &&
        (!is(c, i, "good") || is(c, i - 1, "for")))
        return REPLY_R_NO_WAKE;
    /* "what's the point of me being alive" */
    if (has(c, i, T_POINT) && any_str(c, window(c, i, 0, 5, 0), i, SET("alive", "living", "live",
                                                                       "vivir", "existing", "me")))
        return REPLY_R_SELF_DEATH;
    /* "this is the end", "my time is up", "it won't matter anymore",
     * "won't need these check ins", "no creo que pase de esta noche" */
    if ((is(c, i, "end") && i >= 2 && is(c, i - 1, "the") && is(c, i - 2, "is") &&
         (i < 3 || !in_set(c, i - 3, SET("what")))) ||
        (is(c, i, "time") && is(c, i + 1, "is") && is(c, i + 2, "up") && i > 0 && is(c, i - 1, "my")) ||
        (is(c, i, "matter") && any_in(c, window(c, i, 3, 2, 0), T_FINAL, i) &&
         any_in(c, window(c, i, 3, 0, 0), T_NEG, i)) ||
        (is(c, i, "need") && i > 0 && has(c, i - 1, T_NEG) &&
         any_str(c, window(c, i, 0, 4, 0), i, SET("check", "checkins", "texts", "messages"))) ||
        (is(c, i, "pase") && is(c, i + 1, "de") && any_str(c, window(c, i, 0, 4, 0), i, SET("noche", "hoy"))))
        return REPLY_R_FAREWELL;
    /* jumping, stepping in front, driving into: "going to jump", "gonna step
     * in front of the bus", "drive into the river", "me tiro del puente" */
    if (in_set(c, i, SET("jump", "jumping", "jumped", "tiro", "tirarme", "aventarme", "avento",
                          "lanzarme", "lanzo", "tirar")) &&
        !in_set(c, i + 1, SET("rope", "in", "into", "on", "start", "the", "a", "at")) &&
        (any_in(c, window(c, i, 4, 6, 1), T_WANT | T_TIME | T_MEANS, i) ||
         any_str(c, window(c, i, 4, 6, 1), i, SET("off", "del", "desde", "over"))))
        return REPLY_R_MEANS;
    if (in_set(c, i, SET("front", "frente")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("bus", "train", "truck", "traffic", "car", "semi",
                "tren", "camion", "carro", "trailer")) &&
        any_in(c, window(c, i, 5, 0, 0), T_WANT | T_TIME | T_SELFSUBJ, i))
        return REPLY_R_MEANS;
    if (in_set(c, i, SET("drive", "driving", "drove", "crash", "crashing", "steer", "swerve")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("into", "off", "wall", "tree", "river", "lake",
                                                  "pole", "purpose", "proposito")) &&
        any_in(c, window(c, i, 5, 6, 0), T_WANT | T_TIME | T_SELFSUBJ, i) &&
        !any_str(c, window(c, i, 0, 5, 0), i, SET("work", "store", "town", "home", "school")))
        return REPLY_R_MEANS;
    /* walking or driving to a place to die: "walking to the train tracks
     * now", "drove to the cliff" */
    if (in_set(c, i, SET("tracks", "cliff", "ledge", "overpass", "rooftop", "vias", "acantilado")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("to", "walking", "heading", "headed", "going",
                                                  "drove", "driving", "al", "a", "pa", "voy")))
        return REPLY_R_MEANS;
    /* "im gonna do it", "voy a hacerlo" with a means near */
    if ((is(c, i, "do") && is(c, i + 1, "it")) || is(c, i, "hacerlo")) {
        struct span wide = window(c, i, 14, 8, 2);
        if ((any_in(c, window(c, i, 4, 0, 0), T_WANT | T_TIME, i) ||
             any_str(c, window(c, i, 2, 0, 0), i, SET("to", "para"))) &&
            any_in(c, wide, T_MEANS | T_MED, i))
            return REPLY_R_MEANS;
    }
    /* "i have the razor and i know how deep" */
    if (is(c, i, "know") && is(c, i + 1, "how") && any_in(c, window(c, i, 10, 4, 1), T_MEANS, i))
        return REPLY_R_MEANS;
    /* a lethal dose looked up: "looked up how many it takes", "busque
     * cuantas pastillas se necesitan" */
    if (in_set(c, i, SET("looked", "searched", "googled", "busque", "investigue", "research")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("how", "cuantas", "cuantos", "lethal", "dose",
                                                  "dosis", "many")) &&
        !any_str(c, window(c, i, 0, 6, 0), i, SET("calories", "miles", "recipe", "hours")))
        return REPLY_R_MEANS;
    /* a date or a day picked: "picked friday as the day", "set the date. my
     * birthday", "ya escogi el dia" */
    if (in_set(c, i, SET("picked", "set", "chose", "escogi", "elegi", "decidi")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("date", "day", "dia", "fecha", "when")) &&
        !any_str(c, window(c, i, 0, 6, 1), i, SET("wedding", "party", "appointment", "meeting",
                 "cita", "boda", "fiesta", "interview", "court", "move", "trip", "vacation",
                 "keytag", "chip", "coin", "ficha", "medallion", "supply", "refill")))
        return REPLY_R_MEANS;
    /* overdose without a name: "took everything i had left", "used way too
     * much", "me tome el frasco entero", "me meti demasiado" */
    if (has(c, i, T_TOOK | T_USEV) && !is(c, i, "had") && !is(c, i, "did") &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("everything", "todo", "demasiado", "demasiadas",
                "entero", "completo", "whole", "toda", "todas")) &&
        !any_str(c, window(c, i, 0, 6, 0), i, SET("time", "tiempo", "care", "advice", "notes",
                 "class", "photo", "pics", "turn", "bus", "train", "shower", "semana", "week",
                 "day", "dia", "night", "noche", "weekend", "finde", "tarde", "morning", "manana")))
        return REPLY_R_OVERDOSE;
    if (has(c, i, T_TOOK | T_USEV) && is(c, i + 1, "way") && in_set(c, i + 2, SET("too", "more")))
        return REPLY_R_OVERDOSE;
    if (has(c, i, T_NARCAN) && !any_str(c, window(c, i, 4, 4, 0), i, SET("carry", "kit", "training",
            "keep", "class", "free", "pharmacy", "farmacia", "kits", "how")))
        return REPLY_R_OVERDOSE;
    /* farewells: "whoever finds me", "now i can go", "this is goodbye",
     * "forgive me", "you won't have to text me anymore", "ya no van a saber de mi" */
    if (in_set(c, i, SET("finds", "find", "encuentre", "encuentren", "found")) &&
        (in_set(c, i + 1, SET("me", "my")) || (i > 0 && is(c, i - 1, "me"))) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("whoever", "who", "quien", "whomever", "person")))
        return REPLY_R_FAREWELL;
    if ((is(c, i, "go") && any_str(c, window(c, i, 3, 1, 0), i, SET("can", "ready")) &&
         any_str(c, window(c, i, 4, 1, 0), i, SET("now", "finally")) && (i + 1 >= c->n || has(c, i + 1, T_BREAK) || is(c, i + 1, "now"))) ||
        (is(c, i, "ir") && any_str(c, window(c, i, 3, 0, 0), i, SET("puedo", "voy")) && is(c, i - 1, "puedo")))
        return REPLY_R_FAREWELL;
    if (in_set(c, i, SET("forgive", "perdonenme", "perdoname", "perdonen")) &&
        (any_in(c, window(c, i, 8, 8, 2), T_EVERYONE | T_FAREWELL | T_FINAL | T_NOTE, i) ||
         any_str(c, window(c, i, 8, 8, 2), i, SET("love", "quiero", "yall"))))
        return REPLY_R_FAREWELL;
    if (in_set(c, i, SET("text", "hear", "see", "saber", "reply", "replying", "answer", "worry",
                          "checking", "check", "reporting", "writing", "escribiendo", "need")) &&
        any_in(c, window(c, i, 5, 0, 0), T_NEG, i) &&
        /* "don't text me anymore" asks to stop; "you won't have to text me" is a farewell */
        !any_str(c, window(c, i, 4, 0, 0), i, SET("dont", "do", "please", "pls", "stop", "manden")) &&
        (any_in(c, window(c, i, 0, 6, 1), T_FINAL | T_TIME, i) ||
         any_str(c, window(c, i, 0, 6, 1), i, SET("after", "despues", "again", "mi"))) &&
        !any_str(c, window(c, i, 5, 6, 1), i, SET("week", "vacation", "trip", "busy", "work",
                 "signal", "phone", "trabajo", "until", "till")))
        return REPLY_R_FAREWELL;
    if (is(c, i, "despedida") && i > 0 && in_set(c, i - 1, SET("la", "mi")))
        return REPLY_R_FAREWELL;
    if ((is(c, i, "say") || is(c, i, "decir")) && has(c, i + 1, T_FAREWELL) &&
        any_in(c, window(c, i, 4, 0, 0), T_WANT, i))
        return REPLY_R_FAREWELL;
    /* passive: "what if i just stopped being here", "i want to stop being
     * alive", "seria un alivio no existir" */
    if (in_set(c, i, SET("alive", "here", "existir", "exist", "existing", "living")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("stop", "stopped", "stopping", "dejar")) &&
        !any_str(c, window(c, i, 0, 3, 0), i, SET("at", "for", "with", "en")))
        return REPLY_R_NO_WAKE;
    if (in_set(c, i, SET("alivio", "relief", "relieved")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("existir", "exist", "despertar", "wake", "here",
                                                  "alive", "vivir", "gone")))
        return REPLY_R_NO_WAKE;
    /* gratitude and apology that close a life: "thank you for everything you
     * did for me", "sorry for all the trouble i caused", "gracias por todo
     * lo que hicieron por mi", "you've been good to me" */
    if (in_set(c, i, SET("thank", "thanks", "thankyou", "gracias", "sorry", "perdon", "perdonen")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("everything", "todo", "trouble", "problemas")) &&
        (any_in(c, window(c, i, 10, 10, 2), T_FAREWELL | T_FINAL, i) ||
         any_str(c, window(c, i, 0, 10, 1), i, SET("did", "done", "hicieron", "hiciste", "caused",
                 "cause", "always", "siempre", "been", "causado", "cause"))))
        return REPLY_R_FAREWELL;
    if (is(c, i, "good") && i >= 2 && is(c, i - 1, "been") && in_set(c, i + 1, SET("to")) &&
        is(c, i + 2, "me"))
        return REPLY_R_FAREWELL;
    /* "it wasn't their fault", "no fue su culpa" */
    if (in_set(c, i, SET("fault", "culpa")) && any_in(c, window(c, i, 4, 0, 0), T_NEG, i) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("their", "your", "su", "tu", "his", "her", "sus")))
        return REPLY_R_FAREWELL;
    /* "my sister can have my car", "the last time i'll bother you", "at
     * peace with my decision" */
    if (is(c, i, "have") && i > 0 && is(c, i - 1, "can") && is(c, i + 1, "my") &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("car", "truck", "stuff", "things", "dog", "cat",
                "ring", "watch", "guitar", "clothes", "tools", "room", "everything")))
        return REPLY_R_FAREWELL;
    if (is(c, i, "time") && i > 0 && in_set(c, i - 1, SET("last", "final")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("bother", "hear", "talk", "text", "see", "write",
                                                  "ill", "youll", "reporto", "escribo", "molesto")))
        return REPLY_R_FAREWELL;
    if (is(c, i, "vez") && i > 0 && in_set(c, i - 1, SET("ultima")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("reporto", "escribo", "molesto", "hablo", "escriben")))
        return REPLY_R_FAREWELL;
    if (in_set(c, i, SET("decision", "decidi", "decided")) &&
        any_str(c, window(c, i, 5, 5, 1), i, SET("peace", "paz", "made", "tome", "final", "ready",
                                                  "lista", "listo")))
        return REPLY_R_FAREWELL;
    /* "i got into the pills again" is a relapse: see rule_relapse_more */
    /* "everything's handled", "todo arreglado", "affairs in order" */
    if (in_set(c, i, SET("handled", "arreglado", "sorted", "listo", "taken")) && i > 0 &&
        has(c, i - 1, T_EVERYTHING) && any_in(c, window(c, i, 8, 4, 1), T_WANT | T_FINAL | T_TIME, i))
        return REPLY_R_FAREWELL;
    /* a handful of whatever: "took a fistful of whatever was in the drawer" */
    if (in_set(c, i, SET("fistful", "handful", "punado")) && any_in(c, window(c, i, 4, 0, 0), T_TOOK, i))
        return REPLY_R_OVERDOSE;
    /* Spanish "ya tengo la cuerda": a means already at hand */
    if (has(c, i, T_MEANS) && i >= 2 && has(c, i - 2, T_GOT) && i >= 3 && is(c, i - 3, "ya"))
        return REPLY_R_MEANS;
    /* "they'd be better off", "weight on everyone" */
    if (is(c, i, "better") && is(c, i + 1, "off") && any_in(c, window(c, i, 4, 0, 0), T_OTHER | T_EVERYONE, i) &&
        !is(c, i + 2, "taking") && !is(c, i + 2, "with"))
        return REPLY_R_BURDEN;
    if (is(c, i, "weight") && any_str(c, window(c, i, 0, 3, 0), i, SET("everyone", "everybody",
            "family", "them", "you")))
        return REPLY_R_BURDEN;
    /* self-harm, more: "made myself throw up", "pulling my hair out", "cut
     * tonight", "sh'd again", "me pego en la cabeza" */
    if (in_set(c, i, SET("made", "make", "making")) && in_set(c, i + 1, SET("myself", "me")) &&
        in_set(c, i + 2, SET("throw", "puke", "vomit", "bleed", "sick")))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("pulling", "pulled", "pull", "arrancando", "arranco")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("hair", "pelo", "cabello", "eyelashes")))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("cut", "cutting", "burned", "corte")) && (i == 0 || has(c, i - 1, T_BREAK)) &&
        (has(c, i + 1, T_TIME | T_AGAIN) || in_set(c, i + 1, SET("again", "last", "tonight", "otra"))) &&
        !is(c, i + 1, "back")) /* "cutting back on coffee" */
        return REPLY_R_SELF_HARM;
    /* self-harm with a tool or on purpose: "took a lighter to my forearm",
     * "no he comido en 3 dias a proposito", "making myself throw up" */
    if (in_set(c, i, SET("purpose", "proposito", "punish", "castigarme", "deserve", "merezco",
                          "feel")) && (!is(c, i, "feel") || is(c, i + 1, "something") || is(c, i + 1, "pain")) &&
        any_str(c, window(c, i, 10, 4, 1), i, SET("eaten", "eat", "ate", "meals", "food", "comido",
                "comer", "comida", "throw", "puke", "vomit", "starve", "starving", "hit", "hurt",
                "burn", "cut", "scratch", "pegue", "golpee", "corte", "queme", "myself", "hambre",
                "punched", "punch", "bit", "bite", "pulled", "scratched", "banged", "burned", "como",
                "picking", "pick", "scabs", "belt", "pegue", "slammed", "slam", "golpe")))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("lighter", "stove", "burner", "cigarette", "blade", "razor", "belt",
                          "sharpener", "encendedor", "cigarro", "navaja", "cinturon")) &&
        any_in(c, window(c, i, 4, 4, 0), T_BODY, i) && any_in(c, window(c, i, 6, 4, 0), T_SELFOBJ | T_SELFSUBJ, i))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("sangrar", "sangre", "bled", "bleeding", "bleed", "split")) &&
        any_str(c, window(c, i, 6, 0, 1), i, SET("till", "until", "til", "hasta")) &&
        any_str(c, window(c, i, 8, 0, 1), i, SET("me", "myself", "my", "mi", "mis")))
        return REPLY_R_SELF_HARM;
    return 0;
}

/* More ways of saying a relapse. Returns a reason bit, or 0. */
static uint32_t rule_relapse_more(const struct ctx *c, size_t i)
{
    struct span cl = window(c, i, 6, 6, 0);
    /* "went back to using", "ended up drinking", "started using again" */
    if (in_set(c, i, SET("using", "drinking", "smoking", "shooting", "tomando", "bebiendo",
                          "consumiendo", "fumando", "drogandome")) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("back", "started", "ended", "been", "keep",
                                                  "kept", "volvi", "empece", "sigo", "segui",
                                                  "andaba", "anduve", "estuve", "ando")) ||
         is(c, i + 1, "again")))
        return REPLY_R_USE;
    /* "tomé anoche", "tome mucho en la fiesta", "bebi otra vez" */
    if (in_set(c, i, SET("tome", "bebi", "chupe", "pistie", "pistee")) &&
        !any_str(c, window(c, i, 0, 4, 0), i, SET("agua", "refresco", "soda", "cafe", "te", "jugo",
                                                  "pura", "puro", "coca", "leche", "medicina")) &&
        any_str(c, window(c, i, 3, 4, 0), i, SET("anoche", "ayer", "mucho", "otra", "finde",
                "fiesta", "demasiado", "toda", "sabado", "viernes", "noche", "hoy")))
        return REPLY_R_USE;
    /* dealers: contact, waiting, paying, going to them */
    bool dealer = has(c, i, T_DEALER) && !in_set(c, i, SET("guy", "spot", "trap", "punto"));
    if (in_set(c, i, SET("guy", "dude", "man", "tipo", "punto", "spot", "trap")))
        dealer = any_str(c, window(c, i, 4, 5, 0), i, SET("dropping", "pulling", "way", "ordered",
                         "coming", "link", "sent", "venmo", "cashapp", "paid", "dope", "abierto",
                         "buscar", "traiga", "vende", "vendia", "buy", "bought", "used", "house",
                         "waiting", "outside", "bag", "score", "bringing", "drop", "block", "old",
                         "picked"));
    if (in_set(c, i, SET("vende", "vendia", "vendio", "sells", "sold", "bichote")))
        dealer = true;
    if (dealer && !any_in(c, window(c, i, 6, 6, 1), T_SAFE | T_NEG | T_SOBER, i) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("told", "ignored", "deleted", "blocked", "dije",
                                                   "ignore", "avoided", "walked")))
        return REPLY_R_DEALER;
    if (in_set(c, i, SET("conectar", "link")) && any_in(c, window(c, i, 4, 4, 0), T_SELFOBJ | T_DEALER, i) &&
        !any_in(c, window(c, i, 4, 4, 0), T_NEG, i))
        return REPLY_R_DEALER;
    /* the count starts again: "back to zero", "day 1. again", "white chip
     * again", "lost my 60 days", "0 days clean", "de vuelta a cero" */
    bool zero = in_set(c, i, SET("zero", "0", "cero")) ||
                (in_set(c, i, SET("day", "dia")) && in_set(c, i + 1, SET("1", "one", "uno", "2", "two"))) ||
                (is(c, i, "square") && is(c, i + 1, "one"));
    if (zero && (any_in(c, window(c, i, 4, 4, 1), T_AGAIN, i) ||
                 any_str(c, window(c, i, 4, 4, 1), i, SET("now", "ahora", "vuelta", "estoy", "im", "at",
                                                          "clean", "sober", "limpio", "goes"))))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("chip", "ficha")) &&
        any_str(c, window(c, i, 2, 1, 0), i, SET("white", "blanca", "desire")) &&
        (any_in(c, window(c, i, 6, 4, 0), T_AGAIN, i) || any_str(c, cl, i, SET("new", "get", "agarrar"))))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("date", "fecha")) && any_in(c, window(c, i, 3, 0, 0), T_SOBER, i) &&
        any_str(c, window(c, i, 3, 5, 0), i, SET("today", "hoy", "changed", "new", "reset",
                                                  "yesterday", "ayer", "now")))
        return REPLY_R_DAY_ONE;
    if (has(c, i, T_LOSTV) && !is(c, i, "lose") &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("days", "months", "time", "dias", "meses", "years",
                                                  "clean", "sobriety", "sobriedad", "tiempo", "date")) &&
        any_str(c, window(c, i, 0, 2, 0), i, SET("my", "mis", "mi")))
        return REPLY_R_DAY_ONE;
    /* "rolling on molly", "up 3 days on ice", "acelerado con cristal" */
    if ((is(c, i, "on") || is(c, i, "con")) && has(c, i + 1, T_DRUG) &&
        !any_str(c, window(c, i, 4, 0, 0), i, SET("skating", "slipped", "hockey", "rink", "put",
                                                  "vodka", "some")) &&
        any_in(c, window(c, i, 5, 0, 0), T_SELFSUBJ | T_STATE | T_INTENS | T_USEACT, i))
        return REPLY_R_STATE;
    if (in_set(c, i, SET("starting", "start", "started", "empezando", "empiezo", "empece")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("over", "scratch", "cero", "nuevo", "zero")) &&
        !any_str(c, window(c, i, 0, 5, 0), i, SET("job", "school", "semester", "diet", "project")))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("streak", "conteo", "count", "app")) &&
        any_str(c, window(c, i, 3, 4, 0), i, SET("gone", "reset", "lost", "broke", "broken",
                                                  "borro", "perdi", "0", "zero", "cero")))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("date", "fecha")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("change", "changing", "cambiar", "reinicie",
                                                  "reset", "restart", "cambie")) &&
        any_in(c, window(c, i, 3, 4, 0), T_SOBER | T_SELFOBJ, i))
        return REPLY_R_DAY_ONE;
    /* buying from a person: "le compré al de la esquina", "bought from my old guy" */
    if (in_set(c, i, SET("compre", "comprar", "bought", "buy", "cope", "score", "scored")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("al", "from", "con")) &&
        !any_str(c, window(c, i, 0, 5, 0), i, SET("store", "tienda", "walmart", "target", "costco",
                "market", "mercado", "pharmacy", "farmacia", "amazon", "super", "oxxo", "gas")))
        return REPLY_R_DEALER;
    /* "got into the pills again", "back into the bottle" */
    if (is(c, i, "into") && any_str(c, window(c, i, 0, 3, 0), i, SET("pills", "bottle", "drugs", "dope", "meth")) &&
        (any_in(c, window(c, i, 3, 4, 0), T_AGAIN | T_GOT, i) || is(c, i - 1, "back")))
        return REPLY_R_USE;
    /* "slipped and drank" */
    if (is(c, i, "slipped") && is(c, i + 1, "and") && has(c, i + 2, T_USEV | T_USEACT))
        return REPLY_R_USE;
    return 0;
}

void concepts_scan(size_t from, size_t to, struct concept_findings *f)
{
    struct ctx *cp = &chunk;
#define c (*cp)
    if (to > c.n)
        to = c.n;
    for (size_t i = from; i < to; i++) {
        /* most words of a reply start no rule: no tag, and named by none */
        if (c.tags[i] == 0 && !c.trig[i])
            continue;
        if (rule_self_death(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_SELF_DEATH);
        if (rule_self_harm(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_SELF_HARM);
        int m = rule_means(&c, i);
        if (m == 2)
            found(&c, f, i, F_CRISIS, REPLY_R_MEANS);
        else if (m == 1)
            found(&c, f, i, F_AMBIGUOUS, REPLY_R_MEANS_ONLY);
        if (rule_overdose(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_OVERDOSE);
        if (rule_farewell(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_FAREWELL);
        if (rule_time_out(&c, i))
            found_affirmed(&c, f, i, REPLY_R_TIME_OUT);
        int b = rule_burden(&c, i);
        if (b == 2)
            found_affirmed(&c, f, i, REPLY_R_BURDEN);
        else if (b == 1)
            found(&c, f, i, F_CRISIS, REPLY_R_BURDEN);
        if (rule_no_wake(&c, i))
            found_affirmed(&c, f, i, REPLY_R_NO_WAKE);
        uint32_t more = rule_crisis_more(&c, i);
        if (more & (REPLY_R_TIME_OUT | REPLY_R_BURDEN | REPLY_R_NO_WAKE))
            found_affirmed(&c, f, i, more);
        else if (more != 0)
            found(&c, f, i, F_CRISIS, more);
        more = rule_relapse_more(&c, i);
        if (more != 0)
            found(&c, f, i, F_RELAPSE, more);
        uint32_t r = rule_relapse(&c, i);
        if (r != 0)
            found(&c, f, i, F_RELAPSE, r);
        if (rule_contact(&c, i))
            found(&c, f, i, F_CONTACT, REPLY_R_CONTACT);
        if (rule_event(&c, i))
            found(&c, f, i, F_EVENT, REPLY_R_EVENT);
        if (rule_despair(&c, i))
            found(&c, f, i, F_AMBIGUOUS, REPLY_R_DESPAIR);
        if ((c.tags[i] & T_HOPELESS) || rule_despair(&c, i))
            f->hopeless++;
    }
#undef c
}
