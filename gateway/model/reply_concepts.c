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
#include "model/reply_concepts.h"
#include "model/reply_rules.h"

#include "model/reply.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "model/reply_lexicon.h"
#include "model/reply_triggers.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* What the 't' space of the lexicon index says of a word form
 * (reply_triggers.h): a rule starts at it, a rule names it. */
#define LEX_NAMED 2
#define LEX_RULES_SHIFT 8 /* above it, the rules a trigger word starts (TRIG_*) */

/* ---- the lexicon index --------------------------------------------------- */

/* Keys are "x:word" (a form), "e:stem" (an English stem), "s:stem" (a
 * Spanish stem), in one open-addressing table built once. */
/* about 6,700 keys (words, stems, trigger and rule words): a table at
 * 82% full (8,192 slots) probed long runs on every token, a fifth of the
 * parser's lookups; at 41% it costs about 1.5% fewer instructions a reply */
#define LEX_SLOTS 16384
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
        lex_put('t', rule_triggers[k].w, strlen(rule_triggers[k].w),
                LEX_NAMED | (uint64_t)rule_triggers[k].rules << LEX_RULES_SHIFT);
    for (size_t k = 0; k < NELEM(rule_words); k++)
        lex_put('t', rule_words[k], strlen(rule_words[k]), LEX_NAMED);
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

int concepts_edit_distance(const char *a, size_t n, const char *b, size_t m, int limit)
{
    return edit_distance(a, n, b, m, limit);
}

size_t graded_base(const char *t, size_t n)
{
    if (n > 0 && t[n - 1] == 's')
        n--;
    if (n < 5 || (t[n - 1] != 'o' && t[n - 1] != 'a'))
        return 0;
    if (n >= 7 && memcmp(t + n - 5, "isim", 4) == 0)
        return n - 5;
    return memcmp(t + n - 3, "it", 2) == 0 ? n - 3 : 0;
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
    uint64_t named; /* lex_get('t', word): the rules it starts, if it is named */
};
static _Thread_local struct wcache_slot wcache[WCACHE_SLOTS];

/* The tags of word t[0..n) and, in *named, what the rules' trigger table
 * says of it (both looked up once per word while it stays in the cache). */
static uint64_t word_tags(const char *t, size_t n, uint64_t *named)
{
    if (n > WCACHE_LEN) {
        *named = lex_get('t', t, n);
        return word_tags_slow(t, n);
    }
    struct wcache_slot *s = &wcache[lex_hash(t, n) & (WCACHE_SLOTS - 1)];
    if (s->len == n && memcmp(s->w, t, n) == 0) {
        *named = s->named;
        return s->tags;
    }
    uint64_t tags = word_tags_slow(t, n);
    s->len = (uint8_t)n;
    memcpy(s->w, t, n);
    s->tags = tags;
    s->named = *named = lex_get('t', t, n);
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
    /* Caribbean and Andean Spanish drop the d of -ado, -ada: "endrogao",
     * "mareao", "tomaa" are "endrogado", "mareado", "tomada" (for states
     * only: a listed state word said so) */
    if (n >= 5 && n + 1 < sizeof flat && t[n - 2] == 'a' && (t[n - 1] == 'o' || t[n - 1] == 'a')) {
        char d[64];
        memcpy(d, t, n - 1);
        d[n - 1] = 'd';
        d[n] = t[n - 1];
        if ((tags = lex_get('x', d, n + 1) & T_STATE) != 0)
            return tags;
    }
    /* a Spanish superlative or diminutive of a state: "borrachísimo",
     * "pachequísima", "drogadísimos", "pasadito", "borrachita" are
     * "borracho", "pacheca", "drogados", "pasado", "borracha" said more
     * strongly or more softly (the accent is gone by now; "qu" before the
     * ending was a "c"). States only: "buenísimo" stays what the mood
     * words make of it, "poquito" what it was. */
    size_t end;
    if (n >= 6 && n < sizeof flat && (end = graded_base(t, n)) > 0) {
        bool plural = t[n - 1] == 's';
        char b[64];
        size_t bn = end;
        memcpy(b, t, end);
        if (bn >= 3 && b[bn - 2] == 'q' && b[bn - 1] == 'u')
            b[--bn - 1] = 'c';
        b[bn++] = t[n - plural - 1]; /* the final o/a */
        if (plural)
            b[bn++] = 's';
        if ((tags = lex_get('x', b, bn) & T_STATE) != 0)
            return tags;
    }
    /* a medication or a drug named in the plural ("20 seroquels", "two
     * klonopins", "xanaxes"): its names are listed as forms, unstemmed */
    if (n >= 5 && t[n - 1] == 's') {
        size_t m = n >= 6 && t[n - 2] == 'e' && t[n - 3] == 'x' ? n - 2 : n - 1;
        if ((tags = lex_get('x', t, m) & (T_MED | T_DRUG)) != 0)
            return lex_get('x', t, m) & ~T_EVERYDAY;
    }
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


/* ---- tagging ---------------------------------------------------------------- */

static void tag_all(struct ctx *c, const struct rview *v)
{
    c->v = v;
    c->n = v->ntok < CTOK_MAX ? v->ntok : CTOK_MAX;
    for (size_t i = 0; i < c->n; i++) {
        enum tk k = token_kind(v->w, v->toff, v->tlen, i);
        c->trig[i] = 0;
        c->named[i] = true;
        c->first[i] = v->w[v->toff[i]];
        c->key[i] = rp_key(v->w + v->toff[i], v->tlen[i]);
        if (k == TK_WORD) {
            uint64_t named;
            c->tags[i] = word_tags(v->w + v->toff[i], v->tlen[i], &named);
            c->trig[i] = (uint32_t)(named >> LEX_RULES_SHIFT);
            c->named[i] = named != 0;
            /* "am" glued to a number is the time ("at 3am"), not "I am" */
            if (v->tlen[i] == 2 && memcmp(v->w + v->toff[i], "am", 2) == 0 && v->toff[i] > 0 &&
                v->w[v->toff[i] - 1] == '\v')
                c->tags[i] = (c->tags[i] & ~T_SELFSUBJ) | T_TIME;
        } else if (k == TK_NUM) {
            /* an amount, but not a time or a dose written as one ("8am",
             * "25mg", "at 8") */
            /* (but "30ish" is an amount about thirty) */
            const char *after = v->w + v->toff[i] + v->tlen[i];
            bool glued = (v->toff[i] > 0 && v->w[v->toff[i] - 1] == '\v') ||
                         (after[0] == '\v' && !(i + 1 < v->ntok && v->tlen[i + 1] == 3 &&
                                                  memcmp(after + 1, "ish", 3) == 0));
            bool time = i > 0 && token_kind(v->w, v->toff, v->tlen, i - 1) == TK_WORD && v->tlen[i - 1] == 2 &&
                        memcmp(v->w + v->toff[i - 1], "at", 2) == 0;
            c->tags[i] = T_NUMBER | (numval(c, i) >= 4 && !glued && !time ? T_AMOUNT : 0);
            /* "back to 0", "day 1": a rule may start at a number it names */
            c->trig[i] = (uint32_t)(lex_get('t', v->w + v->toff[i], v->tlen[i]) >> LEX_RULES_SHIFT);
        }
        else if (k == TK_BRK)
            c->tags[i] = T_BREAK;
        else
            c->tags[i] = 0;
    }
}

/* A number's value without its sign ("-15" of "ar-15"). */
static double numval_abs(const struct ctx *c, size_t i)
{
    const char *t = c->v->w + c->v->toff[i];
    size_t n = c->v->tlen[i], k = n > 0 && t[0] == '-' ? 1 : 0;
    double x = 0;
    for (; k < n && t[k] >= '0' && t[k] <= '9'; k++)
        x = x * 10 + (t[k] - '0');
    return x;
}

/* Tags that depend on the next or the previous token. A gun named by its
 * calibre or model ("a 9mm", "my dads .38", "the 12 gauge", "an ar-15")
 * is a means as "gun" is: its number is tagged T_MEANS, and is no score
 * (concepts_is_calibre). "2nite" is a time. Numbers are few, so the pass
 * costs little. */
static void tag_neighbours(struct ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        /* "w/o" is read "w" "o": without */
        if (c->first[i] == 'o' && i > 0 && c->v->tlen[i] == 1 && c->v->tlen[i - 1] == 1 &&
            c->v->w[c->v->toff[i - 1]] == 'w')
            c->tags[i] |= T_GONE;
        /* "2nite" is read "2" glued to "nite": tonight */
        if (c->first[i] == 'n' && i > 0 && is(c, i, "nite") && c->v->tlen[i - 1] == 1 &&
            c->v->w[c->v->toff[i - 1]] == '2' && c->v->w[c->v->toff[i] - 1] == '\v')
            c->tags[i] |= T_TIME;
        /* "loaded the ar and put it in the trunk" */
        if (c->first[i] == 'a' && is(c, i, "ar") && i > 0 &&
            in_set(c, i - 1, SET("the", "my", "an", "his", "dads", "their")) &&
            !has(c, i + 1, T_NUMBER))
            c->tags[i] |= T_MEANS;
        /* a drink or a joint named by a word with an everyday sense: "a
         * few tall cans", "two four lokos", "rolled a few j's", "smoked a j" */
        if ((is(c, i, "cans") || is(c, i, "can")) && i > 0 && is(c, i - 1, "tall"))
            c->tags[i] |= T_DRUG;
        if (in_set(c, i, SET("loko", "lokos")) && i > 0 && in_set(c, i - 1, SET("four", "4")))
            c->tags[i] |= T_DRUG;
        if (in_set(c, i, SET("j", "js", "jays")) && i > 0 &&
            (in_set(c, i - 1, SET("a", "few", "couple", "some", "two", "three", "fat")) || has(c, i - 1, T_NUMBER)) &&
            any_str(c, window(c, i, 4, 0, 0), i, SET("rolled", "roll", "rolling", "smoked", "smoke", "smoking",
                    "sparked", "blazed", "hit", "puffed", "passed", "split", "shared")))
            c->tags[i] |= T_DRUG;
        /* "smoked a j": the spaced letters "a j" are read as one word */
        if (is(c, i, "aj") && i > 0 && in_set(c, i - 1, SET("rolled", "smoked", "sparked", "blazed", "hit", "puffed",
                                                             "split", "shared", "smoking", "rolling")))
            c->tags[i] |= T_DRUG;
        /* "extra strength tylenol": the product's name, no extra dose */
        if (c->first[i] == 'e' && is(c, i, "extra") && in_set(c, i + 1, SET("strength", "fuerte")))
            c->tags[i] &= ~T_AMOUNT;
        if (!(c->tags[i] & T_NUMBER))
            continue;
        double x = numval_abs(c, i);
        /* "had a 40 and a couple shots", "grabbed a 40": a forty-ounce of
         * malt liquor, drunk or bought */
        if (x == 40 && i > 1 && in_set(c, i - 1, SET("a", "another", "that", "my")) &&
            /* (not "a 40 minute wait": a unit after it) */
            (i + 1 >= c->n || (c->tags[i + 1] & T_BREAK) ||
             in_set(c, i + 1, SET("and", "n", "last", "tonight", "today", "yesterday", "from", "at", "with",
                                  "earlier", "already", "lol", "rn", "oz", "ounce", "of"))) &&
            any_str(c, window(c, i, 4, 0, 0), i, SET("had", "drank", "drinking", "grabbed", "bought", "copped",
                    "got", "finished", "downed", "sipping", "chugged", "cracked", "split", "killed")))
            c->tags[i] |= T_DRUG;
        bool cal = x == 22 || x == 25 || x == 38 || x == 40 || x == 44 || x == 45 || x == 357 ||
                   x == 380 || x == 410;
        bool gun;
        if (is(c, i + 1, "mm"))
            gun = x == 9 || x == 10; /* "9mm": no other size of mm is a gun said alone */
        else if (in_set(c, i + 1, SET("cal", "caliber", "calibre", "special", "magnum", "acp")))
            gun = cal || x == 9;
        else if (in_set(c, i + 1, SET("gauge", "ga")))
            gun = x == 12 || x == 20 || x == 16 || x == 410;
        else if (i >= 1 && in_set(c, i - 1, SET("ar", "ak")))
            gun = (is(c, i - 1, "ar") && x == 15) || (is(c, i - 1, "ak") && x == 47);
        else if (i >= 1 && in_set(c, i - 1, SET("la", "una")) && is(c, i + 1, "de") &&
                 in_set(c, i + 2, SET("mi", "su", "mis")) && has(c, i + 3, T_OTHER))
            gun = cal || x == 9; /* "la 22 de mi papá": his .22 */
        else
            /* ".38" alone is read "| 38": after "my", "the", "his dad's" */
            gun = cal && i >= 2 && (c->tags[i - 1] & T_BREAK) && c->v->w[c->v->toff[i - 1]] == '|' &&
                  (in_set(c, i - 2, SET("a", "the", "my", "his", "her", "their", "our", "this", "that",
                                        "dads", "moms")) ||
                   (c->tags[i - 2] & T_OTHER));
        if (gun)
            c->tags[i] |= T_MEANS;
    }
}

/* The chunk being read: tagged once by concepts_begin, read by the rest.
 * Per thread, 17 KB: not on the parser's stack. */
static _Thread_local struct ctx chunk;

void concepts_begin(const struct rview *v)
{
    call_once(&lex_once, lex_build);
    tag_all(&chunk, v);
    tag_neighbours(&chunk);
}

bool concepts_is_calibre(size_t i)
{
    return i < chunk.n && (chunk.tags[i] & (T_NUMBER | T_MEANS)) == (T_NUMBER | T_MEANS);
}

bool concepts_is_substance(size_t i)
{
    return i < chunk.n && (chunk.tags[i] & (T_MED | T_DRUG));
}

bool concepts_emergency_for_other(size_t i)
{
    const struct ctx *c = &chunk;
    /* "i gave her 988", "le pasé el 988": the number passed on to another */
    for (size_t j = i >= 3 ? i - 3 : 0; j + 1 < i; j++)
        if (in_set(c, j, SET("gave", "sent", "texted", "told", "showed", "pase", "di", "mande")) &&
            (in_set(c, j + 1, SET("her", "him", "them", "le", "les")) || (c->tags[j + 1] & T_OTHER)))
            return true;
    /* "le di el número de la línea 988": "le" before the verb */
    for (size_t j = i >= 7 ? i - 7 : 1; j < i; j++)
        if (in_set(c, j, SET("di", "pase", "mande", "dimos")) && in_set(c, j - 1, SET("le", "les")))
            return true;
    for (size_t j = i + 1; j < c->n && j <= i + 2; j++) {
        /* "llamamos al 988 con él y ya está con su familia" */
        if (is(c, j, "con") && in_set(c, j + 1, SET("el", "ella", "ellos")) &&
            (j + 2 >= c->n || has(c, j + 2, T_BREAK) || in_set(c, j + 2, SET("y", "pero"))))
            return true;
        if (!in_set(c, j, SET("for", "para", "por")))
            continue;
        size_t k = j + 1;
        if (k < c->n && in_set(c, k, SET("my", "mi", "his", "her", "their", "su", "a", "the",
                                          "el", "la", "our")))
            k++;
        return k < c->n && (c->tags[k] & T_OTHER) && !(c->tags[k] & (T_SELFOBJ | T_SELFSUBJ));
    }
    return false;
}

/* A listed phrase at i said as an idiom of a feeling or a treat, no
 * death: "me quiero morir de la vergüenza", "dying of embarrassment",
 * "overdose of sugar today", "me voy a tirar a la cama". */
static bool idiom_of_everyday(const struct ctx *c, size_t i)
{
    for (size_t j = i; j < c->n && j <= i + 4; j++) {
        size_t n = in_set(c, j + 1, SET("de", "of", "from", "on")) ? j + 2 : 0;
        if (n != 0 && in_set(c, n, SET("la", "el", "the", "too", "so")))
            n++;
        if (n != 0 && n < c->n && has(c, j, T_DIE) &&
            in_set(c, n, SET("verguenza", "pena", "risa", "hambre", "sueno", "calor", "frio", "envidia",
                             "ganas", "aburrimiento", "cansancio", "nervios", "embarrassment",
                             "laughter", "laughing", "boredom", "cringe", "cuteness", "hunger")))
            return true;
        if (n != 0 && n < c->n &&
            in_set(c, j, SET("overdose", "overdosed", "overdosing", "od", "oded", "sobredosis")) &&
            in_set(c, n, SET("sugar", "candy", "chocolate", "netflix", "tv", "caffeine", "coffee", "carbs",
                             "cuteness", "drama", "love", "sun", "work", "azucar", "dulces", "cafe",
                             "pizza", "cake", "cookies", "sweets", "food", "tacos", "series", "anime")))
            return true;
        /* "ya no aguanto a mi jefe", "ya no aguanto el calor": fed up with
         * somebody or the weather, no life not borne */
        if (is(c, j, "aguanto") &&
            ((in_set(c, j + 1, SET("a", "al")) &&
              (has(c, j + 2, T_OTHER) || in_set(c, j + 2, SET("mi", "mis", "este", "esta", "estos",
                                                             "estas", "los", "las", "la", "el")))) ||
             (in_set(c, j + 1, SET("el", "este", "esta")) &&
              in_set(c, j + 2, SET("calor", "frio", "trafico", "ruido", "trabajo", "jefe", "clima",
                                   "tiempo", "olor", "tos", "gripa")))))
            return true;
        /* "me mató el examen": the thing after the verb kills */
        if (j == i + 1 && is(c, i, "me") && thing_kills(c, j))
            return true;
        /* "me voy a tirar a la cama", "me tiré en el sillón": down to rest */
        if (in_set(c, j, SET("tirar", "tirarme", "tiro", "tire", "avento", "aventar")) &&
            in_set(c, j + 1, SET("a", "en", "al")) &&
            any_str(c, window(c, j, 0, 3, 0), j, SET("cama", "sillon", "sofa", "dormir", "descansar",
                    "sillon", "hamaca", "colchon", "piso")))
            return true;
    }
    return false;
}

bool concepts_kill_idiom_at(size_t i)
{
    return i < chunk.n && (kill_said_of_thing(&chunk, i) || idiom_of_everyday(&chunk, i));
}

bool concepts_relapse_thing_at(size_t i)
{
    if (i >= chunk.n)
        return false;
    /* a listed day-one phrase ("back to day 1") of a game, an app or a move */
    const struct ctx *c = &chunk;
    bool count = false;
    for (size_t j = i; j < c->n && j <= i + 3; j++)
        count = count || has(c, j, T_NUMBER) ||
                in_set(c, j, SET("day", "dia", "one", "uno", "zero", "cero", "square", "scratch", "count"));
    return use_of_something_else(c, i) || phrase_state_everyday(c, i) || belief_denied(c, i) ||
           (count && everyday_start(c, i));
}

bool concepts_prescribed_use_at(size_t i)
{
    return i < chunk.n && use_as_prescribed(&chunk, i);
}

bool concepts_soft_drink_at(size_t i)
{
    return i < chunk.n && drink_named_soft(&chunk, i);
}

bool concepts_text_before_at(size_t i)
{
    const struct ctx *c = &chunk;
    return i > 0 && i + 2 < c->n && is(c, i, "my") && is(c, i + 1, "last") &&
           in_set(c, i + 2, SET("text", "message", "msg", "txt", "texts", "messages")) &&
           in_set(c, i - 1, SET("ignore", "made", "about", "for", "in", "disregard", "sorry", "reread",
                                "read", "delete", "forget", "meant"));
}

bool concepts_accident_at(size_t i)
{
    for (size_t j = i; j < chunk.n && j < i + 3; j++)
        if (chunk.tags[j] & T_HARMV)
            return harm_by_accident(&chunk, j);
    return false;
}

bool concepts_called_for_other(size_t i)
{
    const struct ctx *c = &chunk;
    if (i >= c->n)
        return false;
    /* the client dials: "i called 911", "i had to call 911", "llame al 911" */
    bool caller = false;
    for (size_t k = 1; k <= 4 && k <= i && !caller; k++) {
        size_t j = i - k;
        if (in_set(c, j, SET("llame", "marque", "llamamos")))
            caller = true;
        else if (in_set(c, j, SET("called", "call", "dialed", "calling")))
            caller = any_in(c, window(c, j, 3, 0, 0), T_SELFSUBJ, j);
    }
    if (!caller)
        return false;
    /* "on myself", "for me": the client's own emergency */
    if (any_in(c, window(c, i, 0, 3, 0), T_SELFOBJ, i) &&
        !any_str(c, window(c, i, 0, 3, 0), i, SET("my", "mi")))
        return false;
    for (size_t j = 0; j < c->n; j++)
        if (j != i && ((c->tags[j] & T_OTHER) ||
                       in_set(c, j, SET("someone", "somebody", "alguien", "dude", "lady", "man",
                                        "woman", "senor", "senora", "muchacho", "chavo"))))
            return true;
    return false;
}

uint32_t concepts_context_at(size_t i, bool relapse)
{
    return i < chunk.n ? context_of(&chunk, i, relapse, 0) : 0;
}

/* ---- applying the rules -------------------------------------------------------- */

enum finding { F_CRISIS, F_RELAPSE, F_CONTACT, F_EVENT, F_AMBIGUOUS };

/* A finding lowered by its context (why: a REPLY_R_ reason bit) */
static void found_context(struct concept_findings *f, uint32_t why)
{
    f->reasons |= why;
    if (why == REPLY_R_SOBRIETY)
        f->sober++;
    else
        f->context++;
}

static void found_as(const struct ctx *c, struct concept_findings *f, size_t i,
                     enum finding what, uint32_t reason, bool may_deny)
{
    if (what == F_CRISIS || what == F_RELAPSE) {
        uint32_t why = context_of(c, i, what == F_RELAPSE, reason);
        if (why != 0) {
            found_context(f, why);
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
    case F_EVENT:
        if (event_long_ago(c, i)) { /* told as history: a note, no page */
            f->reasons |= REPLY_R_PAST;
            f->context++;
        } else {
            f->event++;
        }
        break;
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

/* A relapse whose rule has read that it is the client's own: only the
 * past, a topic or sobriety news lower it, never somebody else named
 * near it. */
static void found_own_relapse(const struct ctx *c, struct concept_findings *f, size_t i, uint32_t reason)
{
    uint32_t why = context_of(c, i, true, reason);
    if (why != 0 && why != REPLY_R_OTHER_PERSON) {
        found_context(f, why);
    } else {
        f->reasons |= reason;
        f->relapse++;
    }
}

void concepts_scan(size_t from, size_t to, struct concept_findings *f)
{
    struct ctx *cp = &chunk;
#define c (*cp)
/* Whether rule GATE_x can start at token i (reply_triggers.h): one of its
 * words, or a tag it tests there. Most tokens start few rules. */
#define RUNS(rule) ((c.trig[i] & TRIG_##rule) || (c.tags[i] & GATE_##rule))
    if (to > c.n)
        to = c.n;
    for (size_t i = from; i < to; i++) {
        /* most words of a reply start no rule: no tag, and named by none */
        if (c.tags[i] == 0 && !c.trig[i])
            continue;
        if (RUNS(SELF_DEATH) && rule_self_death(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_SELF_DEATH);
        if (RUNS(SELF_HARM) && rule_self_harm(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_SELF_HARM);
        else if ((c.tags[i] & T_HARMV) && harm_by_accident(&c, i))
            f->reasons |= REPLY_R_ACCIDENT;
        if ((c.tags[i] & T_MED) && med_errand(&c, i))
            f->reasons |= REPLY_R_DOSE; /* an errand: the model is not asked */
        if ((c.tags[i] & T_MED) && routine_dose(&c, i)) {
            /* taken as prescribed: the specialist reads it in the digest */
            if (prescribed_to_client(&c, i))
                found_context(f, REPLY_R_DOSE);
            else
                f->reasons |= REPLY_R_DOSE;
        }
        if ((c.tags[i] & T_DRUG) && substance_question(&c, i))
            found_context(f, REPLY_R_TOPIC);
        int m = RUNS(MEANS) ? rule_means(&c, i) : 0;
        if (m == MEANS_EVERYDAY) { /* "traffic on the bridge": the model is not asked */
            f->reasons |= REPLY_R_EVERYDAY;
            m = 0;
        }
        if ((c.tags[i] & T_DIE) && thing_said_dead(&c, i))
            f->reasons |= REPLY_R_EVERYDAY; /* "car battery was dead this morning" */
        uint32_t whose = m == 1 ? context_of(&c, i, false, REPLY_R_MEANS_ONLY) : 0;
        if (m == 2)
            found(&c, f, i, F_CRISIS, REPLY_R_MEANS);
        else if (whose != 0) { /* "my nephew got caught with pills at school" */
            f->reasons |= whose;
            f->context++;
        } else if (m == 1 || m == 3)
            found(&c, f, i, F_AMBIGUOUS, REPLY_R_MEANS_ONLY);
        if (RUNS(OVERDOSE) && rule_overdose(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_OVERDOSE);
        if (RUNS(FAREWELL) && rule_farewell(&c, i))
            found(&c, f, i, F_CRISIS, REPLY_R_FAREWELL);
        if (RUNS(TIME_OUT) && rule_time_out(&c, i))
            found_affirmed(&c, f, i, REPLY_R_TIME_OUT);
        int b = RUNS(BURDEN) ? rule_burden(&c, i) : 0;
        if (b == 2)
            found_affirmed(&c, f, i, REPLY_R_BURDEN);
        else if (b == 1)
            found(&c, f, i, F_CRISIS, REPLY_R_BURDEN);
        if (RUNS(NO_WAKE) && rule_no_wake(&c, i))
            found_affirmed(&c, f, i, REPLY_R_NO_WAKE);
        uint32_t more = RUNS(CRISIS_MORE) ? rule_crisis_more(&c, i) : 0;
        if (more == 0 && RUNS(MEANS_MORE))
            more = rule_means_more(&c, i);
        if (more == 0 && RUNS(FAREWELL_MORE))
            more = rule_farewell_more(&c, i);
        if (more == 0 && RUNS(HARM_MORE))
            more = rule_harm_more(&c, i);
        if (more & (REPLY_R_TIME_OUT | REPLY_R_BURDEN | REPLY_R_NO_WAKE))
            found_affirmed(&c, f, i, more);
        else if (more != 0)
            found(&c, f, i, F_CRISIS, more);
        more = RUNS(RELAPSE_MORE) ? rule_relapse_more(&c, i) : 0;
        if (more == 0 && RUNS(RELAPSE_MORE2))
            more = rule_relapse_more2(&c, i);
        if (more == 0 && RUNS(RELAPSE_MORE3))
            more = rule_relapse_more3(&c, i);
        if (more == 0 && RUNS(RELAPSE_STATE))
            more = rule_relapse_state(&c, i);
        if (more == REPLY_R_DAY_ONE && everyday_start(&c, i))
            more = 0;
        if ((more & (REPLY_R_RELAPSE | REPLY_R_USE)) && use_of_something_else(&c, i))
            more = 0;
        /* "pills that were not mine": the rule's own "not", no denial */
        if (more & RELAPSE_SUBJECT_READ)
            found_own_relapse(&c, f, i, more & ~RELAPSE_SUBJECT_READ);
        else if (more != 0)
            found_as(&c, f, i, F_RELAPSE, more, !relapse_not_own(&c, i));
        uint32_t r = RUNS(RELAPSE) ? rule_relapse(&c, i) : 0;
        if ((r == REPLY_R_DAY_ONE && everyday_start(&c, i)) ||
            ((r & (REPLY_R_RELAPSE | REPLY_R_USE)) && use_of_something_else(&c, i)))
            r = 0;
        if (r != 0)
            found(&c, f, i, F_RELAPSE, r);
        /* "cant feel my face": the rule's own "cant" is the state, no denial */
        if ((RUNS(NUMB_FACE) && rule_numb_face(&c, i)) ||
            (RUNS(RELAPSE_EFFECT) && rule_relapse_effect(&c, i)) ||
            (RUNS(RELAPSE_CUE) && rule_relapse_cue(&c, i)) ||
            (RUNS(RELAPSE_CUE_BODY) && rule_relapse_cue_body(&c, i)) ||
            (RUNS(RELAPSE_WITHDRAWAL) && rule_relapse_withdrawal(&c, i))) {
            /* an effect's rule has read whose it is (its subject is
             * mostly a thing, "the room is spinning", no name) */
            found_own_relapse(&c, f, i, REPLY_R_STATE);
        }
        uint32_t dealer = RUNS(DEALER) ? rule_dealer(&c, i) : 0;
        if (dealer & DEALER_WHEN_READ) {
            f->reasons |= REPLY_R_DEALER;
            f->relapse++;
        } else if (dealer & DEALER_OWN_ACT) {
            found_own_relapse(&c, f, i, REPLY_R_DEALER);
        } else if (dealer != 0) {
            found(&c, f, i, F_RELAPSE, REPLY_R_DEALER);
        }
        if (RUNS(CONTACT) && rule_contact(&c, i))
            found(&c, f, i, F_CONTACT, REPLY_R_CONTACT);
        if (RUNS(EVENT) && rule_event(&c, i))
            found(&c, f, i, F_EVENT, REPLY_R_EVENT);
        bool despair = RUNS(DESPAIR) && rule_despair(&c, i);
        if (despair)
            found(&c, f, i, F_AMBIGUOUS, REPLY_R_DESPAIR);
        if ((c.tags[i] & T_HOPELESS) || despair)
            f->hopeless++;
    }
#undef RUNS
#undef c
}
