/* SPDX-License-Identifier: Apache-2.0 */
/* reply_match.c: the reply parser's token and phrase matching (see
 * reply.c): a token against a pattern word, a phrase at a token, the
 * operator's phrases, negation, a use verb with a substance. */
#include "model/reply_scan.h"

#include <string.h>

/* ---- token helpers ------------------------------------------------------- */

/* Token text t[0..n) (letters already collapsed) against the pattern word
 * at p, in plain spelling, which ends at a space or the NUL; a final '*'
 * makes it a prefix ("suicid*"). Returns the end of the pattern word on a
 * match, else NULL. Walks both at once and stops at the first difference:
 * this is the parser's innermost loop. */
static const char *wild_match(const char *t, size_t n, const char *p, char prev, int *budget);

/* Two real words that read alike once double letters are collapsed: the
 * token never stands for the pattern word ("god" is not "good", "odd" is
 * not "OD", "mall" is not the Spanish "mal", a runny "nose" is no
 * "noose", "flor" no "floor", "leve" no "lleve"). The pattern words with
 * a double letter whose single form is another word in use were listed
 * from the phrase tables; "to"/"too" and "of"/"off" are left to match, as
 * those are the commonest misspellings and change no reading. */
static bool confusable(const char *t, size_t n, const char *pw)
{
    static const char *const pairs[][2] = {{"god", "good"}, {"odd", "od"}, {"gods", "goods"},
                                           {"mall", "mal"}, {"nose", "noose"}, {"noses", "nooses"},
                                           {"flor", "floor"}, {"leve", "lleve"}, {"levo", "llevo"},
                                           {"mon", "moon"}, {"rot", "root"}};
    if (n < 3 || n > 5 || !strchr("gomnflr", t[0]))
        return false; /* no token of the pairs: the innermost loop's common case */
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        size_t l = strlen(pairs[k][1]);
        if (strlen(pairs[k][0]) == n && memcmp(t, pairs[k][0], n) == 0 &&
            strncmp(pw, pairs[k][1], l) == 0 && (pw[l] == ' ' || pw[l] == '\0'))
            return true;
    }
    return false;
}

static const char *word_match_walk(const char *t, size_t n, const char *p)
{
    size_t i = 0;
    char prev = 0;
    const char *pw = p;
    /* both sides compare with repeated letters read once ("kiil" and
     * "kill" are "kil") */
    for (;; p++) {
        char c = *p;
        if (c == ' ' || c == '\0') {
            while (i < n && t[i] == prev && prev >= 'a' && prev <= 'z')
                i++;
            if (i == n && !confusable(t, n, pw))
                return p;
            break;
        }
        if (c == 'g' && prev == 'n' && i == n && n >= 4 && t[n - 2] == 'i' &&
            (p[1] == ' ' || p[1] == '\0')) {
            return p + 1; /* "endin", "killin": the g dropped */
        }
        if (c == '*' && (p[1] == ' ' || p[1] == '\0'))
            return p + 1;
        if (c == prev && c >= 'a' && c <= 'z')
            continue;
        while (i < n && t[i] == prev && t[i] != c && prev >= 'a' && prev <= 'z')
            i++;
        if (i >= n || t[i] != c)
            break;
        prev = c;
        i++;
    }
    if (i < n && t[i] == '*') {
        int budget = 256;
        return wild_match(t + i, n - i, p, prev, &budget);
    }
    return NULL;
}

/* word_match itself: most calls differ at the first letter, said here
 * before the walk (a pattern letter against a token's other first letter,
 * and no censoring star, is no match whatever follows). */
static inline const char *word_match(const char *t, size_t n, const char *p)
{
    if (p[0] >= 'a' && p[0] <= 'z' && n > 0 && t[0] != p[0] && t[0] != '*')
        return NULL;
    /* ... and most of the rest at the second: a pattern letter that does
     * not repeat the first, against a token letter that neither repeats
     * it nor is a star, must be that letter (the walk would stop there) */
    if (n >= 2 && p[0] != '\0' && p[1] >= 'a' && p[1] <= 'z' && p[1] != p[0] && t[1] != t[0] &&
        t[1] != p[1] && t[1] != '*' && t[0] != '*')
        return NULL;
    return word_match_walk(t, n, p);
}

/* The slow path of word_match, for a token with censored letters ("k*l",
 * "s*u*i*c*i*d*e"): each '*' stands for one letter of the pattern or for
 * none, and a letter repeated across one ("l*l") reads once. prev is the
 * last pattern letter matched. budget bounds the backtracking (a token of
 * many stars gives up: a miss, never a hang). */
static const char *wild_match(const char *t, size_t n, const char *p, char prev, int *budget)
{
    if (--*budget < 0)
        return NULL;
    while (*p == prev && prev >= 'a' && prev <= 'z')
        p++;
    char c = *p;
    if (c == '*' && (p[1] == ' ' || p[1] == '\0'))
        return p + 1;
    if (c == ' ' || c == '\0') {
        while (n > 0 && (*t == '*' || *t == prev)) {
            t++;
            n--;
        }
        return n == 0 ? p : NULL;
    }
    if (n == 0)
        return NULL;
    if (*t == '*') {
        const char *e = wild_match(t + 1, n - 1, p + 1, c, budget);
        return e != NULL ? e : wild_match(t + 1, n - 1, p, prev, budget);
    }
    if (*t == c)
        return wild_match(t + 1, n - 1, p + 1, c, budget);
    if (*t == prev)
        return wild_match(t + 1, n - 1, p, prev, budget);
    return NULL;
}

/* Token i against one pattern word (may end in '*'). */
bool rp_tok_is(const struct scan *sc, size_t i, const char *p)
{
    return i < sc->ntok && word_match(sc->w + sc->toff[i], sc->tlen[i], p) != NULL;
}

bool rp_tok_in(const struct scan *sc, size_t i, const char *const *list, size_t n)
{
    if (i >= sc->ntok || tkind(sc, i) != TK_WORD)
        return false;
    char c = sc->w[sc->toff[i]];
    for (size_t k = 0; k < n; k++)
        if (list[k][0] == c && rp_tok_is(sc, i, list[k]))
            return true;
    return false;
}

uint32_t rp_firsts(const char *const *list, size_t n)
{
    uint32_t m = 0;
    for (size_t k = 0; k < n; k++) {
        char c = list[k][0];
        m |= c >= 'a' && c <= 'z' ? 1u << (c - 'a') : RP_FIRST_ANY;
    }
    return m;
}

bool rp_tok_sym(const struct scan *sc, size_t i, char c)
{
    return i < sc->ntok && sc->tlen[i] == 1 && sc->w[sc->toff[i]] == c;
}

/* ---- word sets (reply_scan.h) ---------------------------------------------- */
static size_t letter_row(char c)
{
    return c >= 'a' && c <= 'z' ? (size_t)(c - 'a') : 26;
}

/* t[0..n) with doubled letters read once into out; SIZE_MAX if it does
 * not fit or holds a star */
static size_t squeeze(const char *t, size_t n, char *out)
{
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        if (t[k] == '*' || o >= RP_WSET_KEY)
            return SIZE_MAX;
        if (o > 0 && out[o - 1] == t[k] && t[k] >= 'a' && t[k] <= 'z')
            continue;
        out[o++] = t[k];
    }
    return o;
}

static uint32_t wset_hash(const char *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t j = 0; j < n; j++)
        h = (h ^ (unsigned char)k[j]) * 16777619u;
    return h & (RP_WSET_SLOTS - 1);
}

void rp_wset_build(struct rp_wset *s, const char *const *list, size_t n)
{
    memset(s, 0, sizeof *s);
    s->list = list;
    s->n = n;
    s->slow = n > RP_WSET_SLOTS / 2; /* (a list that long would crowd the slots) */
    for (size_t k = 0; k < n && !s->slow; k++) {
        char key[RP_WSET_KEY];
        size_t kn = squeeze(list[k], strlen(list[k]), key);
        if (kn == SIZE_MAX || kn == 0) {
            s->slow = true; /* the lists are short plain words, but if not */
            continue;
        }
        uint32_t h = wset_hash(key, kn);
        while (s->klen[h] != 0 && !(s->klen[h] == kn && memcmp(s->key[h], key, kn) == 0))
            h = (h + 1) & (RP_WSET_SLOTS - 1);
        memcpy(s->key[h], key, kn);
        s->klen[h] = (uint8_t)kn;
        s->word[h] = list[k];
        s->pair[letter_row(key[0])] |= 1u << letter_row(kn > 1 ? key[1] : '\0');
    }
}

bool rp_wset_in(const struct scan *sc, size_t i, const struct rp_wset *s)
{
    if (i >= sc->ntok || tkind(sc, i) != TK_WORD)
        return false;
    if (s->slow)
        return rp_tok_in(sc, i, s->list, s->n);
    const char *t = sc->w + sc->toff[i];
    size_t n = sc->tlen[i], j = 1;
    while (j < n && t[j] == t[0])
        j++;
    /* a star anywhere takes the slow way below, so only plain first
     * letters are tested here */
    if (t[0] != '*' && (j >= n || t[j] != '*') &&
        !(s->pair[letter_row(t[0])] >> letter_row(j < n ? t[j] : '\0') & 1u))
        return false;
    char key[RP_WSET_KEY];
    size_t kn = squeeze(t, n, key);
    if (kn == SIZE_MAX || (n >= 4 && t[n - 2] == 'i' && t[n - 1] == 'n'))
        return rp_tok_in(sc, i, s->list, s->n);
    /* (a word that reads as another real word once squeezed, "god" and
     * "good", is word_match's to refuse: ask it on a hit) */
    for (uint32_t h = wset_hash(key, kn); s->klen[h] != 0; h = (h + 1) & (RP_WSET_SLOTS - 1))
        if (s->klen[h] == kn && memcmp(s->key[h], key, kn) == 0)
            return rp_tok_is(sc, i, s->word[h]);
    return false;
}

/* If phrase pat matches at token i, returns the index after it, else 0. */
size_t rp_phrase_at(const struct scan *sc, size_t i, const char *pat)
{
    const char *p = pat;
    size_t j = i;
    for (;;) {
        const char *e;
        if (j >= sc->ntok)
            return 0;
        if (p[0] == '.' && p[1] == '.' && p[2] == ' ') {
            /* "take .. pills": up to three words of the clause may stand
             * between ("take all of the pills") */
            for (size_t gap = 0; gap <= 3 && j + gap < sc->ntok; gap++) {
                /* ... no negator among them: "i was not drinking", "i
                 * was crying not drinking" deny what "was .. drinking"
                 * would read */
                if (gap > 0 && (tkind(sc, j + gap - 1) != TK_WORD ||
                                rp_tok_in(sc, j + gap - 1, rp_negators, rp_negators_n)))
                    break;
                size_t end = rp_phrase_at(sc, j + gap, p + 3);
                if (end != 0)
                    return end;
            }
            return 0;
        }
        if ((p[0] == '#' || p[0] == '?') && (p[1] == ' ' || p[1] == '\0')) {
            if (tkind(sc, j) != (p[0] == '#' ? TK_NUM : TK_WORD))
                return 0;
            e = p + 1;
        } else if ((e = word_match(sc->w + sc->toff[j], sc->tlen[j], p)) == NULL) {
            return 0;
        }
        j++;
        if (*e == '\0')
            return j;
        p = e + 1;
        while (j < sc->ntok && tkind(sc, j) == TK_EMO)
            j++; /* "want to 😭 die" */
        if (j < sc->ntok && tkind(sc, j) == TK_BRK)
            j++; /* "want to... die" */
    }
}

/* First phrase of list (chained by head/next, see rp_index_fill) matching at
 * token i, or NULL; *end is the token after it. */
static const struct phrase *match_chain(const struct scan *sc, size_t i,
                                        const struct phrase *list, const uint16_t *head,
                                        const uint16_t *next, size_t *end)
{
    const char *t = sc->w + sc->toff[i];
    size_t second = 1;
    while (second < sc->tlen[i] && t[second] == t[0])
        second++; /* "aaron" is bucketed as "aron", as patterns are */
    char c1 = second < sc->tlen[i] ? t[second] : '\0';
    size_t firsts[2] = {rp_bucket2(t[0], 'a') / IDX_B1, 26}, seconds[2];
    size_t b = rp_bucket2(t[0], c1) % IDX_B1;
    seconds[0] = b;
    seconds[1] = 27;
    /* a censored second letter ("k*ll") may be any */
    bool wild2 = c1 == '*';
    for (int f = firsts[0] == 26 ? 1 : 0; f < 2; f++) {
        for (size_t g = 0; g < (wild2 ? (size_t)IDX_B1 : 2); g++) {
            uint16_t k = head[firsts[f] * IDX_B1 + (wild2 ? g : seconds[g])];
            for (; k != IDX_END; k = next[k]) {
                if ((list[k].flags & P_NOT_AFTER_NUM) && i > 0 && tkind(sc, i - 1) == TK_NUM)
                    continue;
                size_t e = rp_phrase_at(sc, i, list[k].p);
                if (e != 0) {
                    if (end != NULL)
                        *end = e;
                    return &list[k];
                }
            }
        }
    }
    return NULL;
}

/* The operator's phrases of one kind matching at token i, or NULL. */
const struct phrase *rp_match_vocab(const struct scan *sc, size_t i,
                                        enum reply_vocab_kind kind)
{
    const struct reply_vocab_list *l;
    if (sc->vocab == NULL || (l = &sc->vocab->lists[kind])->n == 0)
        return NULL;
    return match_chain(sc, i, l->ph, l->head, l->next, NULL);
}

/* True if a negator stands up to `reach` words before token i, within its
 * clause. */
/* the negators and contrasts as sets: read before every finding */
struct rp_wset rp_negator_set;
static struct rp_wset contrast_set;

void rp_match_build(void)
{
    rp_wset_build(&rp_negator_set, rp_negators, rp_negators_n);
    rp_wset_build(&contrast_set, rp_contrasts, rp_contrasts_n);
}

bool rp_negated_within(const struct scan *sc, size_t i, size_t reach)
{
    for (size_t k = 1; k <= reach && k <= i; k++) {
        size_t j = i - k;
        enum tk kd = tkind(sc, j);
        if (kd == TK_BRK || rp_wset_in(sc, j, &contrast_set))
            return false;
        if (rp_wset_in(sc, j, &rp_negator_set)) {
            /* "no worries im good", "dont worry i'm getting better", "no
             * cap i wanna die": the "no" is a formula of its own word */
            static const char *const formulas[] = {"worries", "worry", "worrys", "problem",
                                                   "problems", "prob", "probs", "lie", "cap",
                                                   "doubt", "joke", "kidding", "preocupes",
                                                   "te", "mames", "manches"};
            return !(k > 1 && rp_tok_in(sc, j + 1, formulas, NELEM(formulas)) &&
                     !(rp_tok_is(sc, j + 1, "te") && !rp_tok_is(sc, j + 2, "preocupes")));
        }
    }
    return false;
}

/* Four words: "no estoy pensando en matarme" */
bool rp_negated_at(const struct scan *sc, size_t i)
{
    return rp_negated_within(sc, i, 4);
}

/* A use verb at token i with a substance (built in or the operator's)
 * within three words of the same clause: "smoked some weed". */
bool rp_use_pair_at(const struct scan *sc, size_t i, const struct hits *h)
{
    if (!h->kind[PK_USE])
        return false;
    for (size_t j = i + 1; j <= i + 3 && j < sc->ntok; j++) {
        enum tk kd = tkind(sc, j);
        if (kd == TK_BRK)
            return false;
        /* "had a few drinks of water": a drink of something else */
        if ((rp_tok_is(sc, j, "drink*") || rp_tok_is(sc, j, "shot*")) && rp_tok_is(sc, j + 1, "of") &&
            !rp_tok_in(sc, j + 2, rp_substances, rp_substances_n))
            continue;
        /* "tomé pura coca cola", "a diet coke": a soda */
        if ((rp_tok_is(sc, j, "coca") || rp_tok_is(sc, j, "coke")) &&
            (rp_tok_is(sc, j + 1, "cola") || rp_tok_is(sc, j + 1, "zero") || rp_tok_is(sc, j - 1, "diet")))
            continue;
        /* "a root beer", "una cerveza sin alcohol", "a non alcoholic beer" */
        if ((rp_tok_is(sc, j, "beer*") || rp_tok_is(sc, j, "cerveza*")) &&
            (rp_tok_is(sc, j - 1, "root") || rp_tok_is(sc, j - 1, "ginger") || rp_tok_is(sc, j - 1, "near") ||
             rp_tok_is(sc, j - 1, "alcoholic") || (rp_tok_is(sc, j + 1, "sin") && rp_tok_is(sc, j + 2, "alcohol"))))
            continue;
        if (kd == TK_WORD && (rp_tok_in(sc, j, rp_substances, rp_substances_n) ||
                              rp_match_vocab(sc, j, REPLY_VOCAB_SUBSTANCE) != NULL))
            return true;
    }
    return false;
}

