/* SPDX-License-Identifier: Apache-2.0 */
/* reply_score.c: the reply parser's score reader (see reply.c): numbers
 * (digits, number words, fractions, ranges) and mood words and emoji. */
#include "model/reply_scan.h"

#include <string.h>

/* ---- word sets ------------------------------------------------------------ */

/* Lists read at every number or short reply, as sets (rp_score_build). */
static const char *const quantity_verbs[] = {
    "slept",  "sleep",   "paid",   "pay",     "owe",      "owed",   "spent",   "spend",
    "cost",   "costs",   "took",   "take",    "gained",   "lost",   "weigh",   "weighed",
    "weighs", "ran",     "walked", "drove",   "ate",      "worked", "waited",  "earned",
    "won",    "scored",  "bowled", "saved",   "borrowed", "lent",   "sent",    "read",
    "counted", "dormi",  "pague",  "debo",    "gaste",    "trabaje", "gane",   "camine",
    "corri",  "comi",    "espere", "pese",    "ahorre",   "cobre",  "tome",    "tomo",
    /* asking for a moment: "give me 5", "gimme 10", "wait 5" */
    "give",   "gimme",   "wait",
    /* when, not how: "there in 10", "llego en 10" */
    "there",  "llego",   "salgo",  "termino", "back",
};
static const char *const quantity_hedges[] = {"like", "about", "abt", "bout", "around", "maybe",
                                     "only", "just", "almost", "nearly", "over", "under",
                                     "barely", "prob", "probably", "prolly", "a", "an",
                                     "the", "me", "como", "unos", "unas", "solo", "in", "en"};
/* A mood word mistyped as the whole reply, or with only words of time,
 * hedges, thanks or cheer beside it ("sevn tdy", "eihgt today", "sxi i
 * think", "nien thx"): those words (rp_mood_typo) */
static const char *const mood_typo_aside[] = {"today", "tdy", "tday", "hoy", "rn", "now", "ahora",
                                    "ahorita", "tonight", "i", "think", "guess", "maybe",
                                    "prob", "creo", "tho", "lol", "haha", "jaja", "thanks",
                                    "thx", "ty", "gracias", "yay", "im", "a", "an", "un",
                                    "una", "feeling", "fr", "tbh", "ish", "bendiciones"};
/* The words of a correction between two scores, and the small words
 * that may stand among them (corrected_before) */
static const char *const correction_marks[] = {"no", "nah", "wait", "actually", "mean", "mejor", "digo",
                                    "nvm", "scratch", "correction", "sorry", "espera", "esperate",
                                    "honestly", "rather", "perdon", "bueno"};
static const char *const correction_fillers[] = {"i", "that", "it", "its", "a", "an", "un", "una", "being",
                                      "honest", "lol", "jaja", "lets", "say", "make", "more",
                                      "like", "mas", "bien", "dicho", "es", "prob", "probably",
                                      "pues", "ok", "okay", "really", "id", "call", "if",
                                      "im", "to", "be", "tbh"};
static struct rp_wset mood_word_set, num_prev_excl_set, unit_set, aside_set, quantity_verb_set, hedge_set,
    correction_mark_set, correction_filler_set;

void rp_score_build(void)
{
    rp_wset_build(&mood_word_set, rp_mood_words, rp_mood_words_n);
    rp_wset_build(&num_prev_excl_set, rp_num_prev_excl, rp_num_prev_excl_n);
    rp_wset_build(&unit_set, rp_units, rp_units_n);
    rp_wset_build(&aside_set, mood_typo_aside, NELEM(mood_typo_aside));
    rp_wset_build(&quantity_verb_set, quantity_verbs, NELEM(quantity_verbs));
    rp_wset_build(&hedge_set, quantity_hedges, NELEM(quantity_hedges));
    rp_wset_build(&correction_mark_set, correction_marks, NELEM(correction_marks));
    rp_wset_build(&correction_filler_set, correction_fillers, NELEM(correction_fillers));
}

/* ---- numbers --------------------------------------------------------------- */

/* t[0..n) and the word w read alike with repeated letters read once
 * ("fiive" and "five", "thre" and "three"); both must be at least four
 * letters once read so, so "to", "too" are not "two". */
static bool same_collapsed(const char *t, size_t n, const char *w)
{
    size_t i = 0, m = 0;
    char prev_t = 0, prev_w = 0;
    for (;;) {
        while (i < n && t[i] == prev_t)
            i++;
        while (*w != '\0' && *w == prev_w)
            w++;
        if (i == n || *w == '\0')
            return i == n && *w == '\0' && m >= 4;
        if (t[i] != *w)
            return false;
        prev_t = t[i++];
        prev_w = *w++;
        m++;
    }
}

static bool sound_alike_placed(const struct scan *sc, size_t i);

/* Token i as a number (digits or a number word). *intdigits is the number
 * of digits before the decimal mark (0 for words). */
/* Token j is a unit that makes the number before it a count ("3 hrs",
 * "400mg x 8"); not the "x" of Spanish text-speak, "por" ("7 x ahora",
 * "un 6 x hoy"), a texted "and" ("6 nd a half"), nor "bb". */
static bool unit_at(const struct scan *sc, size_t j)
{
    static const char *const por[] = {"ahora", "ahorita", "hoy", "now", "today", "el", "lo", "la",
                                      "fa", "favor", "fis", "q", "que", "eso", "suerte"};
    return rp_wset_in(sc, j, &unit_set) &&
           !(rp_tok_is(sc, j, "x") && j + 1 < sc->ntok && rp_tok_in(sc, j + 1, por, NELEM(por))) &&
           /* "siete bb": a "bb" (babe) only reads as the unit "b" once its
            * letters are read once */
           !(sc->tlen[j] == 2 && memcmp(sc->w + sc->toff[j], "bb", 2) == 0) &&
           /* "6 nd a half": an "and", not the "nd" of "2nd" */
           !(rp_tok_is(sc, j, "nd") && (rp_tok_is(sc, j + 1, "a") || rp_tok_is(sc, j + 1, "half")));
}

/* "un sietecito", "un seisito", "cuatrito", "un sietico": a Spanish number
 * word made small (fondly, or to soften it), read as the number. */
static bool numword_diminutive(const char *t, size_t n, double *v)
{
    static const char *const sfx[] = {"cito", "sito", "ito", "ico"};
    static const char *const words[] = {"uno", "dos", "tres", "cuatro", "cinco",
                                        "seis", "siete", "ocho", "nueve", "diez"};
    for (size_t s = 0; s < NELEM(sfx); s++) {
        size_t l = strlen(sfx[s]);
        if (n < l + 3 || memcmp(t + n - l, sfx[s], l) != 0)
            continue;
        size_t b = n - l; /* the stem, then its lost last vowel back */
        for (size_t w = 0; w < NELEM(words); w++) {
            size_t wl = strlen(words[w]);
            if ((wl == b && memcmp(words[w], t, b) == 0) ||
                (wl == b + 1 && memcmp(words[w], t, b) == 0 &&
                 (words[w][b] == 'o' || words[w][b] == 'e'))) {
                *v = (double)(w + 1);
                return true;
            }
        }
    }
    return false;
}

static bool num_at(const struct scan *sc, size_t i, double *v, bool *is_word, int *intdigits)
{
    if (i >= sc->ntok)
        return false;
    enum tk kd = tkind(sc, i);
    if (kd == TK_WORD) {
        /* most words are not number words: their first letters, as a mask */
        static const uint32_t firsts = 1u << ('z' - 'a') | 1u << ('o' - 'a') |
                                       1u << ('t' - 'a') | 1u << ('f' - 'a') |
                                       1u << ('s' - 'a') | 1u << ('e' - 'a') |
                                       1u << ('n' - 'a') | 1u << ('c' - 'a') |
                                       1u << ('u' - 'a') | 1u << ('d' - 'a') |
                                       1u << ('a' - 'a') | /* "ate" */
                                       1u << ('k' - 'a');  /* "kuatro" */
        char c = sc->w[sc->toff[i]];
        const char *t = sc->w + sc->toff[i];
        size_t n = sc->tlen[i];
        /* "sixish", "sevenish": the hedge of "7ish" on a number word */
        if (n > 5 && memcmp(t + n - 3, "ish", 3) == 0)
            n -= 3;
        if (n >= 6 && numword_diminutive(t, n, v)) {
            *is_word = true;
            *intdigits = 0;
            return true;
        }
        if (!(firsts & (1u << (c - 'a'))) || n > 7)
            return false;
        /* "sixx", "tenn", "fivee": a last letter doubled by a slip of the
         * thumb (three or more already read as one, reply_tokens.c) */
        size_t tries = n > 3 && t[n - 1] == t[n - 2] ? 2 : 1;
        const uint16_t *idx;
        size_t nidx = rp_numwords_starting(c, &idx);
        for (size_t m = n; tries-- > 0; m--) {
            if (m > 6)
                continue;
            for (size_t q = 0; q < nidx; q++) {
                size_t k = idx[q];
                if (strlen(rp_numwords[k].w) == m && memcmp(t, rp_numwords[k].w, m) == 0) {
                    if (!sound_alike_placed(sc, i))
                        return false; /* "for a 20", "me too" */
                    *v = rp_numwords[k].v;
                    *is_word = true;
                    *intdigits = 0;
                    return true;
                }
            }
        }
        /* a letter doubled or a double one typed once, inside the word:
         * "fiive", "siette", "thre" (both sides read with repeats once);
         * only a token with a double, or "thre", can differ so */
        bool dbl = n == 4 && memcmp(t, "thre", 4) == 0;
        for (size_t k = 1; k < n && !dbl; k++)
            dbl = t[k] == t[k - 1];
        for (size_t q = 0; dbl && n >= 4 && q < nidx; q++)
            if (same_collapsed(t, n, rp_numwords[idx[q]].w)) {
                size_t k = idx[q];
                *v = rp_numwords[k].v;
                *is_word = true;
                *intdigits = 0;
                return true;
            }
        return false;
    }
    if (kd != TK_NUM)
        return false;
    const char *t = sc->w + sc->toff[i];
    size_t n = sc->tlen[i], j = 0;
    bool neg = false;
    double val = 0, scale = 0.1;
    int nd = 0;
    if (t[0] == '-') {
        neg = true;
        j = 1;
    }
    for (; j < n && t[j] >= '0' && t[j] <= '9'; j++, nd++)
        val = val * 10 + (t[j] - '0');
    if (j < n && t[j] == ',' && n - j - 1 != 1) {
        /* "1,000": a thousands separator; only "6,5" is a decimal comma */
        for (j++; j < n && t[j] >= '0' && t[j] <= '9'; j++, nd++)
            val = val * 10 + (t[j] - '0');
    } else if (j < n && (t[j] == '.' || t[j] == ',')) {
        for (j++; j < n && t[j] >= '0' && t[j] <= '9'; j++, scale /= 10)
            val += (t[j] - '0') * scale;
    }
    *v = neg ? -val : val;
    *is_word = false;
    *intdigits = nd;
    return true;
}

static bool num_simple(const struct scan *sc, size_t i, double *v)
{
    bool w;
    int nd;
    return num_at(sc, i, v, &w, &nd) && nd <= 3;
}

static bool is_article(const struct scan *sc, size_t i)
{
    static const char *const words[] = {"a", "an", "un", "una"};
    return rp_tok_in(sc, i, words, NELEM(words));
}

/* A token that joins two numbers into a range or a fraction. */
static bool is_link(const struct scan *sc, size_t i)
{
    static const char *const words[] = {"to", "or", "o", "u", "a", "of", "de", "d", "sobre", "outta"};
    return rp_tok_sym(sc, i, '/') || rp_tok_sym(sc, i, '-') || rp_tok_in(sc, i, words, NELEM(words));
}

/* Token j joins the numbers around it: is_link, or the "and" of "between
 * 4 and 5". */
static const char *const betweens[] = {"between", "btwn", "entre"};
static bool link_at(const struct scan *sc, size_t j)
{
    if (is_link(sc, j))
        return true;
    if (!(rp_tok_is(sc, j, "and") || rp_tok_is(sc, j, "y") || rp_tok_is(sc, j, "n")) || j < 2)
        return false;
    size_t b = j - 2;
    if (b > 0 && tkind(sc, b) == TK_WORD && is_article(sc, b))
        b--; /* "between a 7 and an 8" */
    return rp_tok_in(sc, b, betweens, NELEM(betweens));
}

/* "point", "pt", "punto" between the two digits of a decimal said in words. */
static bool point_at(const struct scan *sc, size_t i)
{
    static const char *const words[] = {"point", "pt", "punto"};
    return rp_tok_in(sc, i, words, NELEM(words));
}

/* "1/2" at token i: the half of "5 1/2". */
static bool half_at(const struct scan *sc, size_t i)
{
    return i + 2 < sc->ntok && tkind(sc, i) == TK_NUM && sc->tlen[i] == 1 && sc->w[sc->toff[i]] == '1' &&
           rp_tok_sym(sc, i + 1, '/') && tkind(sc, i + 2) == TK_NUM && sc->tlen[i + 2] == 1 &&
           sc->w[sc->toff[i + 2]] == '2';
}

/* "8 8 8 😁": the same short number said again and again, for emphasis,
 * not the digits of a phone number (every neighbour in the run is it). */
static bool same_number_run(const struct scan *sc, size_t i)
{
    size_t n = sc->tlen[i];
    if (n > 2)
        return false;
    bool any = false;
    for (size_t j = i; j > 0 && tkind(sc, j - 1) == TK_NUM; j--) {
        if (sc->tlen[j - 1] != n || memcmp(sc->w + sc->toff[j - 1], sc->w + sc->toff[i], n) != 0)
            return false;
        any = true;
    }
    for (size_t j = i + 1; j < sc->ntok && tkind(sc, j) == TK_NUM; j++) {
        if (sc->tlen[j] != n || memcmp(sc->w + sc->toff[j], sc->w + sc->toff[i], n) != 0)
            return false;
        any = true;
    }
    return any;
}

/* Token i follows a correction of a number said just before: "6... no
 * wait 5", "4, no, mejor 3", "7 i mean 6", "6.. scratch that, 5", "5 - no,
 * being honest its a 4", "6 no espera 7", "seven. no, eight": the later one
 * is meant. Between the two numbers only the words of a correction and
 * the small words around them; any other word is news of its own ("6 no
 * sleep 5 hours"). */
static bool corrected_before(const struct scan *sc, size_t i)
{
    bool mark = false;
    for (size_t k = 1; k <= 9 && k <= i; k++) {
        size_t j = i - k;
        enum tk kd = tkind(sc, j);
        double v;
        bool w;
        int d;
        if (kd == TK_NUM)
            return mark;
        if (kd != TK_WORD)
            continue;
        if (rp_wset_in(sc, j, &correction_mark_set))
            mark = true;
        else if (!rp_wset_in(sc, j, &correction_filler_set))
            return mark && num_at(sc, j, &v, &w, &d); /* "seven. no, eight" */
    }
    return false;
}

/* Any of the three words before token i (within its clause) is a mood word. */
static bool mood_before(const struct scan *sc, size_t i)
{
    for (size_t k = 1; k <= 3 && k <= i; k++) {
        size_t j = i - k;
        enum tk kd = tkind(sc, j);
        if (kd != TK_WORD)
            return false;
        if (rp_wset_in(sc, j, &mood_word_set))
            return true;
    }
    return false;
}

static bool mood_after_at(const struct scan *sc, size_t i)
{
    /* "sevn 2day", "ocho 2nite": the "2" of a word glued to it */
    if (i + 1 < sc->ntok && tkind(sc, i) == TK_NUM && sc->tlen[i] == 1 && sc->w[sc->toff[i]] == '2' &&
        rp_glued(sc, i) && (rp_tok_is(sc, i + 1, "day") || rp_tok_is(sc, i + 1, "nite")))
        return true;
    if (i >= sc->ntok || tkind(sc, i) != TK_WORD)
        return false;
    for (size_t k = 0; k < rp_mood_after_n; k++)
        if (rp_mood_after[k][0] == sc->w[sc->toff[i]] && rp_phrase_at(sc, i, rp_mood_after[k]))
            return true;
    return false;
}

static bool in_scale(const struct scan *sc, double v)
{
    return v >= sc->smin && v <= sc->smax;
}

/* Token i ends a clause: the end of the reply, a clause break, an emoji
 * or a symbol other than '%'. */
bool rp_clause_end_at(const struct scan *sc, size_t i)
{
    if (i >= sc->ntok)
        return true;
    enum tk kd = tkind(sc, i);
    return kd == TK_BRK || kd == TK_EMO || (kd == TK_SYM && !rp_tok_sym(sc, i, '%'));
}

static bool clause_start_at(const struct scan *sc, size_t i)
{
    return i == 0 || tkind(sc, i - 1) == TK_BRK || tkind(sc, i - 1) == TK_EMO;
}

/* An emergency number at token i: "911", "988" (the crisis line), "9-1-1",
 * "9 1 1". Returns how many tokens it takes, or 0. Not part of a longer run
 * of numbers (a phone number), not an id or a count ("room 911", "ACK 911",
 * "911 dollars"). Such a mention is never a score: the parser raises
 * crisis and leaves the number out of the scoring (no out_of_range). */
size_t rp_emergency_at(const struct scan *sc, size_t i)
{
    const char *t = sc->w + sc->toff[i];
    size_t len = 0;
    if (tkind(sc, i) != TK_NUM)
        return 0;
    if (sc->tlen[i] == 3 && (memcmp(t, "911", 3) == 0 || memcmp(t, "988", 3) == 0)) {
        len = 1;
    } else if (sc->tlen[i] == 1 && t[0] == '9') {
        /* "9-1-1", "9 1 1" */
        size_t j = i + 1;
        bool dash = rp_tok_sym(sc, j, '-');
        for (int one = 0; one < 2; one++) {
            if (dash && !rp_tok_sym(sc, j++, '-'))
                return 0;
            if (!(j < sc->ntok && sc->tlen[j] == 1 && sc->w[sc->toff[j]] == '1'))
                return 0;
            j++;
        }
        len = j - i;
    } else {
        return 0;
    }
    size_t next = i + len;
    if (i > 0 && (tkind(sc, i - 1) == TK_NUM || rp_tok_sym(sc, i - 1, '/') || rp_tok_sym(sc, i - 1, ':') ||
                  rp_tok_sym(sc, i - 1, '-') ||
                  rp_wset_in(sc, i - 1, &num_prev_excl_set)))
        return 0;
    if (next < sc->ntok && (tkind(sc, next) == TK_NUM || rp_tok_sym(sc, next, '/') ||
                            rp_tok_sym(sc, next, ':') || rp_tok_sym(sc, next, '%') ||
                            rp_tok_sym(sc, next, '-') || unit_at(sc, next)))
        return 0;
    return len;
}

/* Number token i is written against a word with nothing between ("2day",
 * "b4", "l8r"); "7ish" is still a number. */
bool rp_glued(const struct scan *sc, size_t i)
{
    size_t end = sc->toff[i] + sc->tlen[i];
    if (sc->toff[i] > 0 && sc->w[sc->toff[i] - 1] == GLUE)
        return true;
    return end < sc->len && sc->w[end] == GLUE && !rp_tok_is(sc, i + 1, "ish");
}

/* Glued number token i is still a score: "im8", "im6 today" (after "im"),
 * "8outta10", "7of10" (before "out of ten"). */
static bool glued_score(const struct scan *sc, size_t i)
{
    static const char *const outof[] = {"outta", "out", "of", "otta", "oughta", "nhalf",
                                        "andahalf", "nahalf", "ymedio"}; /* "6nhalf" */
    bool glued_before = sc->toff[i] > 0 && sc->w[sc->toff[i] - 1] == GLUE;
    size_t end = sc->toff[i] + sc->tlen[i];
    bool glued_after = end < sc->len && sc->w[end] == GLUE;
    if (glued_before && !(i > 0 && rp_tok_is(sc, i - 1, "im")))
        return false;
    return !glued_after || rp_tok_in(sc, i + 1, outof, NELEM(outof));
}

/* Token i is part of an emergency number (see rp_emergency_at). */
static bool in_emergency(const struct scan *sc, size_t i)
{
    for (size_t back = 0; back <= 4 && back <= i; back++)
        if (rp_emergency_at(sc, i - back) > back)
            return true;
    return false;
}

/* A verb of quantity before number token i, past hedges and an article:
 * "slept 4", "paid like 300", "took the 7", "gane 20": what was done, or
 * how much, never a mood; or of a time to come: "back in 5", "llego en 10". */
static bool quantity_verb_before(const struct scan *sc, size_t i)
{
    for (size_t k = 1; k <= 3 && k <= i; k++) {
        size_t j = i - k;
        if (tkind(sc, j) != TK_WORD)
            return false;
        if (rp_wset_in(sc, j, &quantity_verb_set))
            return true;
        if (!rp_wset_in(sc, j, &hedge_set))
            return false;
    }
    return false;
}

/* The "2" of "not 2 gud", "not 2 bad" at token i: "too" after a negator,
 * before a word. */
static bool negated_too(const struct scan *sc, size_t i)
{
    return i > 0 && i + 1 < sc->ntok && rp_tok_sym(sc, i, '2') && tkind(sc, i) == TK_NUM &&
           rp_tok_in(sc, i - 1, rp_negators, rp_negators_n) && tkind(sc, i + 1) == TK_WORD;
}

/* A "2" or "4" written for "to", "too" or "for": "going 2 bed", "need 2
 * talk" (after a verb that takes "to"), "u 2?", "me 2", "waiting 4 u", "4 real tho" (before a
 * word that takes "for", not after an article or a mood word: "im a 4
 * real talk" is a score). */
static bool texted_preposition(const struct scan *sc, size_t i)
{
    static const char *const to_verbs[] = {
        "go",    "going", "goin", "gonna", "went",  "came",  "come",   "coming", "headed",
        "heading", "back", "need", "needs", "want", "wanna", "gotta", "have", "had",
        "got",   "ready", "trying", "tryna", "able", "talk", "talked", "listen", "used",
        "due",   "way",   "time", "hard",  "easy",  "moved", "drove", "walked", "ran"};
    static const char *const for_next[] = {"u", "you", "ya", "me", "him", "her", "us", "them",
                                           "real", "sure", "asking", "askin", "checking",
                                           "ur", "your", "my"};
    static const char *const too_after[] = {"u", "you", "ya", "me"};
    if (sc->tlen[i] != 1 || (sc->w[sc->toff[i]] != '2' && sc->w[sc->toff[i]] != '4'))
        return false;
    if (sc->w[sc->toff[i]] == '2' && i > 0 && rp_tok_in(sc, i - 1, too_after, NELEM(too_after)))
        return true; /* "u 2?", "me 2": too */
    if (negated_too(sc, i))
        return true; /* "not 2 gud", "not 2 bad": too */
    if (i + 1 >= sc->ntok || tkind(sc, i + 1) != TK_WORD)
        return false;
    if (sc->w[sc->toff[i]] == '2') /* "going 2 bed", not "going 2 today" */
        return i > 0 && rp_tok_in(sc, i - 1, to_verbs, NELEM(to_verbs)) && !mood_after_at(sc, i + 1);
    if (i > 0 && (is_article(sc, i - 1) || rp_wset_in(sc, i - 1, &mood_word_set)))
        return false;
    return rp_tok_in(sc, i + 1, for_next, NELEM(for_next));
}

/* "a 4 on my test", "got 10 on the quiz": a mark, not a mood. */
static bool grade_after(const struct scan *sc, size_t next)
{
    static const char *const dets[] = {"my", "the", "his", "her", "our", "mi", "el", "la"};
    static const char *const marks[] = {"test", "quiz", "exam", "final", "midterm", "essay",
                                        "paper", "assignment", "homework", "project", "ged",
                                        "examen", "prueba", "tarea", "parcial", "quizz", "finals",
                                        "exams", "tests"};
    /* "sacó 10 en matemáticas", "got a 9 in math": a subject's grade */
    static const char *const subjects[] = {"matematicas", "mate", "mates", "math", "maths", "ingles",
                                           "english", "science", "ciencias", "historia", "history",
                                           "spelling", "reading", "lectura", "espanol", "spanish"};
    static const char *const not_between[] = {"way", "to", "for", "and", "but", "y", "pero", "a", "de",
                                              "camino"};
    if (rp_tok_is(sc, next, "right") || rp_tok_is(sc, next, "correct") || rp_tok_is(sc, next, "wrong"))
        next++; /* "6 out of 10 right on the practice test" */
    if (!(rp_tok_is(sc, next, "on") || rp_tok_is(sc, next, "en") || rp_tok_is(sc, next, "in")))
        return false;
    if (rp_tok_in(sc, next + 1, subjects, NELEM(subjects)))
        return true;
    if (!rp_tok_in(sc, next + 1, dets, NELEM(dets)))
        return false;
    /* "on my spanish quiz", "on the written driving test", "en el parcial":
     * up to two words that name the kind of test between */
    for (size_t j = next + 2; j <= next + 4 && j < sc->ntok && tkind(sc, j) == TK_WORD; j++) {
        if (rp_tok_in(sc, j, marks, NELEM(marks)))
            return true;
        if (rp_tok_in(sc, j, not_between, NELEM(not_between)))
            return false;
    }
    return false;
}

/* The number at token i rates a thing, not the client's day: "rated the
 * movie 9/10", "that new marvel movie? i'd give it a 7", "a la película le
 * doy un 9" (not "today? i'd give it a 7"): a rating verb before it and
 * the thing named in the reply. */
static bool rates_a_thing(const struct scan *sc, size_t i)
{
    static const char *const verbs[] = {"rated", "rate", "rating", "give", "gave", "giving", "doy",
                                        "di", "pongo", "daria", "calificacion", "calificaria"};
    static const char *const things[] = {"movie", "movies", "film", "show", "episode", "book", "album",
                                         "song", "restaurant", "burger", "pizza", "tacos", "game",
                                         "series", "season", "pelicula", "peli", "serie", "libro",
                                         "disco", "cancion", "restaurante", "capitulo", "concierto",
                                         "concert", "food", "comida", "place", "lugar", "app"};
    static const char *const self[] = {"day", "today", "myself", "me", "mood", "dia", "hoy", "week",
                                       "semana", "life", "vida", "night", "noche"};
    static const char *const objs[] = {"it", "that", "this", "the", "a", "an"};
    size_t v = i;
    for (size_t j = i >= 6 ? i - 6 : 0; j < i; j++)
        /* "gave it", "le doy", "rated the movie": a verb of rating, not
         * any "gave" ("le di de comer a las 8") */
        if (rp_tok_in(sc, j, verbs, NELEM(verbs)) &&
            (rp_tok_in(sc, j, verbs, 3) || (j > 0 && rp_tok_is(sc, j - 1, "le")) ||
             rp_tok_in(sc, j + 1, objs, NELEM(objs))))
            v = j;
    if (v == i)
        return false;
    /* "id rate my day a 7": the day rated */
    for (size_t j = v + 1; j < i; j++)
        if (rp_tok_in(sc, j, self, NELEM(self)))
            return false;
    for (size_t j = 0; j < sc->ntok; j++)
        if (rp_tok_in(sc, j, things, NELEM(things)))
            return true;
    return false;
}

/* A sound of hesitation ("uhh", "ummm", "hmm", "mmm", "ehh", "erm"):
 * its letters with repeats collapsed. */
static bool hesitation_at(const struct scan *sc, size_t i)
{
    static const char *const sounds[] = {"uh", "um", "uhm", "hm", "mh", "m", "eh", "ehm", "er",
                                         "erm", "ah", "ahm", "em", "mm"};
    const char *t = sc->w + sc->toff[i];
    size_t n = sc->tlen[i], k = 0;
    char c[8];
    for (size_t j = 0; j < n; j++) {
        if (k > 0 && c[k - 1] == t[j])
            continue;
        if (k == sizeof c - 1)
            return false;
        c[k++] = t[j];
    }
    c[k] = '\0';
    for (size_t q = 0; q < NELEM(sounds); q++)
        if (strcmp(c, sounds[q]) == 0)
            return true;
    return false;
}

/* A number word right after another word that is no mood word, article or
 * link: "a rough one", "a good one", "the kids were seven": a pronoun or a
 * count, not the score ("feeling one", "like a three", "prob seven" are). */
static bool numword_after_word(const struct scan *sc, size_t i)
{
    if (i == 0 || tkind(sc, i - 1) != TK_WORD)
        return false;
    if (hesitation_at(sc, i - 1))
        return false; /* "uhh six i think", "mmm siete" */
    return !rp_wset_in(sc, i - 1, &mood_word_set) && !is_article(sc, i - 1) &&
           !link_at(sc, i - 1) && !rp_tok_is(sc, i - 1, "out") &&
           !rp_tok_is(sc, i - 1, "between") && !rp_tok_is(sc, i - 1, "entre") &&
           !rp_tok_is(sc, i - 1, "hoy"); /* "hoy cuatro", as "today four" */
}

/* "ocho xq ya es viernes", "three bc work", "seis nomas", "an ate lol": a
 * word after a number word that starts a reason, a hedge or a laugh, so the
 * number stands alone. */
static bool clause_opener_at(const struct scan *sc, size_t i)
{
    static const char *const words[] = {"because", "bc", "bcuz", "cuz", "cause", "coz",
                                        "but", "tho", "though", "xq", "pq", "porque",
                                        "pero", "nomas", "nada", "ya", "lol", "lmao", "haha",
                                        "jaja", "jajaja", "jeje", "hehe", "xd", "smh", "idk",
                                        /* a word of address: "un diez mija", "seven bro" */
                                        "mija", "mijo", "bro", "sis", "fam", "hermano",
                                        "hermana", "amiga", "amigo", "wey", "guey", "homie",
                                        "pana", "parce", "mk", "asere", "broder", "mano",
                                        "nmas", "compa", "loco", "maje", "vale", "q", "que",
                                        "bb", "babe", "bebe", "beba", "ntp", "fr", "frfr",
                                        "ngl", "tbh",
                                        /* thanks, blessings, cheers and sorry after the
                                         * number: "Seven thank you dear", "setee
                                         * bendiciones", "SEVEN YAY", "nine sorry" */
                                        "thank", "thanks", "thx", "ty", "tysm", "gracias", "grax",
                                        "bendiciones", "blessings", "dear", "yay", "yey", "woohoo",
                                        "woo", "sorry", "perdon", "oops",
                                        /* punctuation dictated by voice-to-text: "Six period
                                         * thank you", "Seis coma gracias", "Ocho signo de
                                         * exclamacion", "un siete punto" */
                                        "period", "comma", "coma", "punto", "signo",
                                        "exclamation"};
    /* "a TEN no cap": no lie, said after */
    if (rp_tok_is(sc, i, "no") && rp_tok_is(sc, i + 1, "cap"))
        return true;
    /* "un tres la verdad", "un seis la neta": honestly, said after */
    if (rp_tok_is(sc, i, "la") && (rp_tok_is(sc, i + 1, "verdad") || rp_tok_is(sc, i + 1, "neta")))
        return true;
    static const char *const dear[] = {"amor", "vida", "reina", "rey", "cielo", "corazon",
                                       "love", "dear", "friend"};
    /* "nueve mi amor", "seven my friend": a word of address */
    if ((rp_tok_is(sc, i, "mi") || rp_tok_is(sc, i, "my")) && rp_tok_in(sc, i + 1, dear, NELEM(dear)))
        return true;
    return rp_tok_in(sc, i, words, NELEM(words));
}

/* "ocho ocho perdon se repitio": the same number word twice in a row is
 * one number said twice (a stutter, or voice-to-text repeating itself). */
static bool same_word_at(const struct scan *sc, size_t i, size_t j)
{
    return j < sc->ntok && tkind(sc, j) == TK_WORD && sc->tlen[i] == sc->tlen[j] &&
           memcmp(sc->w + sc->toff[i], sc->w + sc->toff[j], sc->tlen[i]) == 0;
}

static bool past_after(const struct scan *sc, size_t next);

/* "yesterday 3", "was a 4", "ayer un 5": a mood of before, one word or an
 * article before the number; a score said for now outranks it. */
static bool past_before(const struct scan *sc, size_t i)
{
    static const char *const words[] = {"yesterday", "was", "were", "earlier", "ayer", "anoche",
                                        "estaba", "era", "fue", "started", "used",
                                        "andaba", "estuve", "sentia"};
    /* "was at a 3", "estaba en 4", "was like a 4": where the mood stood */
    static const char *const at[] = {"at", "en", "like", "como", "around"};
    size_t j = i;
    if (j > 0 && is_article(sc, j - 1))
        j--;
    if (j > 1 && rp_tok_in(sc, j - 1, at, NELEM(at)))
        j--;
    if (j == 0 || !rp_tok_in(sc, j - 1, words, NELEM(words)))
        return false;
    /* "3 earlier 6 now": the "earlier" closes the number before it */
    return !(j >= 2 && tkind(sc, j - 2) == TK_NUM && past_after(sc, j - 1));
}

/* "3 earlier", "a 4 yesterday": a past word right after a number (at
 * token next) puts that number in the past. */
static bool past_after(const struct scan *sc, size_t next)
{
    static const char *const words[] = {"earlier", "yesterday", "ayer", "anoche", "before"};
    return rp_tok_in(sc, next, words, NELEM(words));
}

/* "went from 4 to 7", "from a 3 to a 6": a change of mood, told from its
 * start (the number at token i) to where it stands now; the end is the
 * score. A change verb before "from", or an article before the number,
 * tells it from hours ("work from 4 to 7", "from 8 to 5"). */
static bool change_from(const struct scan *sc, size_t i)
{
    static const char *const verbs[] = {"went", "gone", "going", "go", "jumped", "moved",
                                        "dropped", "climbed", "came", "bounced", "fell", "up",
                                        "down", "been"};
    size_t j = i;
    bool art = j > 0 && is_article(sc, j - 1);
    if (art)
        j--;
    if (j == 0 || !rp_tok_is(sc, j - 1, "from"))
        return false;
    return art || (j >= 2 && rp_tok_in(sc, j - 2, verbs, NELEM(verbs)));
}

/* "im at 7", "feeling at a 5": "at" after "im" is where the mood stands,
 * not a time ("at 7", "still at 6?" are). */
static bool at_is_mood(const struct scan *sc, size_t at)
{
    static const char *const words[] = {"im", "am", "feeling", "feel", "hovering"};
    return rp_tok_is(sc, at, "at") && at > 0 && rp_tok_in(sc, at - 1, words, NELEM(words));
}

/* "a tree", "im a for", "today im a too": a word that sounds like a
 * number (voice-to-text) is one only after an article that starts the
 * clause or follows where a score is said ("im", "feeling", "say", "at");
 * "saw a tree", "a for sale sign", "me too" are words. */
static bool sound_alike_placed(const struct scan *sc, size_t i)
{
    static const char *const alikes[] = {"tree", "for", "too"};
    static const char *const lead[] = {"im", "feeling", "feel", "at", "like", "say", "prob",
                                       "maybe", "today", "hoy", "around", "bout", "about"};
    if (!rp_tok_in(sc, i, alikes, NELEM(alikes)))
        return true;
    if (i == 0 || !is_article(sc, i - 1))
        return false;
    size_t a = i - 1;
    return clause_start_at(sc, a) || (a > 0 && rp_tok_in(sc, a - 1, lead, NELEM(lead)));
}

/* The token after a percent sign or word at token j ("%", "percent",
 * "pct", "por ciento", "porciento"), or 0 if none is there. */
static size_t percent_end(const struct scan *sc, size_t j)
{
    static const char *const words[] = {"percent", "pct", "porciento", "percen", "precent"};
    if (rp_tok_sym(sc, j, '%') || rp_tok_in(sc, j, words, NELEM(words)))
        return j + 1;
    if (rp_tok_is(sc, j, "por") && rp_tok_is(sc, j + 1, "ciento"))
        return j + 2;
    return 0;
}

/* The percent at tokens [i, end) is the whole answer: nothing beside it
 * but marks, emoji and the small words of an aside ("honestly 60%", "like
 * 90% today"). A percent among other words is a share of something else
 * ("100% sure", "phone at 5%", "got 80% on my test"). */
static bool percent_alone(const struct scan *sc, size_t i, size_t end)
{
    static const char *const more[] = {"honestly", "like", "about", "around", "bout", "abt",
                                       "como", "solid", "at", "el", "dia", "day"};
    for (size_t j = 0; j < sc->ntok; j++) {
        if (j == i)
            j = end;
        if (j >= sc->ntok)
            break;
        enum tk kd = tkind(sc, j);
        if (kd == TK_NUM)
            return false;
        if (kd == TK_WORD && !rp_wset_in(sc, j, &aside_set) && !rp_tok_in(sc, j, more, NELEM(more)))
            return false;
    }
    return true;
}

/* "6, mayb 7", "3.. maybe 4", "5 o quizas 6", "5? 6?": a number, then a
 * hedge (or marks alone) and the number next to it on the scale, is
 * between the two. Returns the token of the second number, or 0. */
static const char *const range_hedges[] = {"maybe", "mayb", "mby", "prob", "probably", "quizas",
                                           "quiza", "talvez"};
static size_t hedged_range_at(const struct scan *sc, size_t i, double v)
{
    size_t j = i + 1;
    int b = 0;
    for (; b < 3 && j < sc->ntok && tkind(sc, j) == TK_BRK; b++)
        j++;
    /* "5? 6?", "6..7": the next number on the scale after marks alone,
     * ending the reply's words, is the same hedge unsaid */
    bool marks = b > 0 && tkind(sc, j) == TK_NUM &&
                 /* the first said as a score itself: "5? 6?", "maybe a 5? 6?",
                  * not "up since 5. 6 today" */
                 (clause_start_at(sc, i) || (i > 0 && is_article(sc, i - 1)));
    if (!marks && !rp_tok_in(sc, j, range_hedges, NELEM(range_hedges)))
        return 0;
    size_t k = marks ? j : j + 1;
    double d;
    bool dw;
    int dnd;
    if (!num_at(sc, k, &d, &dw, &dnd) || (d - v != 1 && v - d != 1) || !rp_clause_end_at(sc, k + 1))
        return 0;
    /* not a count going on ("7. 8. 9. 10 days") */
    size_t after = k + 1;
    while (marks && after < sc->ntok && tkind(sc, after) == TK_BRK)
        after++;
    if (marks && after < sc->ntok && tkind(sc, after) == TK_NUM)
        return 0;
    return k;
}

/* Token i is the second number of a hedged range (hedged_range_at). */
static bool hedged_range_second(const struct scan *sc, size_t i)
{
    bool marks = i >= 2 && tkind(sc, i - 1) == TK_BRK;
    if (i < 2 || (!marks && !rp_tok_in(sc, i - 1, range_hedges, NELEM(range_hedges))))
        return false;
    size_t j = marks ? i - 1 : i - 2;
    for (int b = 0; b < 3 && j > 0 && tkind(sc, j) == TK_BRK; b++)
        j--;
    double v;
    bool w;
    int nd;
    return num_at(sc, j, &v, &w, &nd) && hedged_range_at(sc, j, v) == i;
}

/* "3 today! job apps i mean", "did 7 today. laps at the pool i mean", "3
 * hoy, solicitudes de trabajo digo": a thing named after the number, then
 * "i mean" or "digo" to end the clause, says what the number counted.
 * Not "7 i mean 8" (a correction), nor "7. tired i mean" (a mood). */
static bool counted_thing_said_after(const struct scan *sc, size_t i)
{
    for (size_t j = i + 2; j < sc->ntok; j++) {
        size_t w; /* the word before the closing words */
        if (rp_tok_is(sc, j, "mean") && rp_tok_is(sc, j - 1, "i"))
            w = j - 2;
        else if (rp_tok_is(sc, j, "digo") || (rp_tok_is(sc, j, "decir") && rp_tok_is(sc, j - 1, "quiero")))
            w = rp_tok_is(sc, j, "decir") ? j - 2 : j - 1;
        else
            continue;
        if (!(w > i && tkind(sc, w) == TK_WORD && !rp_wset_in(sc, w, &mood_word_set) &&
              rp_clause_end_at(sc, j + 1)))
            return false;
        /* the thing: a plural ("job apps", "laps") or a noun after "my",
         * "the", "el" ("my daughter") */
        static const char *const dets[] = {"my", "the", "mi", "el", "la", "los", "las", "mis"};
        for (size_t k = i + 1; k <= w; k++)
            if (tkind(sc, k) == TK_WORD &&
                ((sc->tlen[k] >= 4 && sc->w[sc->toff[k] + sc->tlen[k] - 1] == 's') ||
                 (k > i + 1 && rp_tok_in(sc, k - 1, dets, NELEM(dets)))))
                return true;
        return false;
    }
    return false;
}

/* Considers token i as a score; keeps the best candidate so far. Ranks:
 * 4 = "N/10", "N out of 10"; 3 = next to a mood word ("feeling 6", "6
 * today"); 2 = a bare number ending its clause ("rough day. 3"); 1 = a
 * bare number followed by a word, likely a count ("took 2 naps"). Ties go
 * to the first. A number word counts only with rank 3 or more, or alone
 * in its clause ("Three.", "tres, mal dia"): "one day at a time" is not a
 * score. */
void rp_score_candidate(struct scan *sc, size_t i)
{
    double v, d = 0;
    bool is_word, dw;
    int nd, dnd;

    if (!num_at(sc, i, &v, &is_word, &nd) || nd > 3)
        return; /* years, phone numbers, ids: not a score attempt */
    if (!is_word && rp_glued(sc, i) && !glued_score(sc, i))
        return; /* "2day", "b4", "l8r": part of a word */
    if (!is_word && in_emergency(sc, i))
        return; /* "call 911" */
    if (!is_word && (concepts_is_calibre(i) || concepts_is_substance(i)))
        return; /* "my dads .38", "had a 40" (of malt liquor) */
    if ((i > 0 && rp_tok_sym(sc, i - 1, '$')) || rp_tok_sym(sc, i + 1, '$'))
        return; /* "$5", "20$", "its $7 for the bus pass": money */
    /* "3 x a day", "2x per week", "3 x al dia": how often, no mood (the
     * spaced letters of "x a" may have been joined as "xa") */
    {
        static const char *const per[] = {"a", "per", "al", "por", "each", "every", "cada"};
        static const char *const spans[] = {"day", "days", "week", "night", "nights", "month", "dia",
                                            "semana", "noche", "mes", "daily", "hour", "hr"};
        size_t x = i + 1;
        if (rp_tok_is(sc, x, "xa") && rp_tok_in(sc, x + 1, spans, NELEM(spans)))
            return;
        if ((rp_tok_is(sc, x, "x") || rp_tok_is(sc, x, "times")) && rp_tok_in(sc, x + 1, per, NELEM(per)) &&
            rp_tok_in(sc, x + 2, spans, NELEM(spans)))
            return;
        if (rp_tok_is(sc, x, "x") && rp_tok_in(sc, x + 1, spans, NELEM(spans)))
            return; /* "2x daily" */
    }
    /* "family of 5", "a pack of 20": a count (not "out of 10", "kind of 6") */
    if (i >= 2 && rp_tok_is(sc, i - 1, "of") && tkind(sc, i - 2) == TK_WORD &&
        !rp_tok_is(sc, i - 2, "out") && !rp_tok_is(sc, i - 2, "kind") && !rp_tok_is(sc, i - 2, "sort"))
        return;
    /* "a rough one", "the kids were seven" */
    if (is_word && numword_after_word(sc, i))
        return;
    /* "9 casi 10", "7 and a half, almost 8": the score said stands, the
     * one it nears is no second score */
    static const char *const nearly[] = {"casi", "almost", "nearly", "practically"};
    if (sc->have_best && i > 0 && rp_tok_in(sc, i - 1, nearly, NELEM(nearly)))
        return;
    if (quantity_verb_before(sc, i) && !corrected_before(sc, i))
        return; /* "slept 4", "paid 300" (not "6... no wait 5") */
    if (!is_word && texted_preposition(sc, i))
        return; /* "going 2 bed", "waiting 4 u" */
    /* the second half of "6-7", "7/10", "7 out of 10", "6 or a 7": seen
     * from the first */
    if (i >= 2 && link_at(sc, i - 1) && num_simple(sc, i - 2, &d))
        return;
    if (i >= 3 && is_article(sc, i - 1) && link_at(sc, i - 2) && num_simple(sc, i - 3, &d))
        return;
    if (i >= 3 && rp_tok_is(sc, i - 1, "of") && rp_tok_is(sc, i - 2, "out") && num_simple(sc, i - 3, &d))
        return;
    if (i >= 2 && point_at(sc, i - 1) && num_simple(sc, i - 2, &d))
        return; /* the ".5" of "7 point 5" */
    if (hedged_range_second(sc, i))
        return; /* the "7" of "6, maybe 7" */
    /* times: "10:30", "at 3" */
    if ((i > 0 && rp_tok_sym(sc, i - 1, ':')) ||
        (rp_tok_sym(sc, i + 1, ':') && i + 2 < sc->ntok && tkind(sc, i + 2) == TK_NUM))
        return;
    /* not "day" of "2day": a word glued to a number before it is text-speak */
    if (i > 0 && rp_wset_in(sc, i - 1, &num_prev_excl_set) && !at_is_mood(sc, i - 1) &&
        !(sc->toff[i - 1] > 0 && sc->w[sc->toff[i - 1] - 1] == GLUE) && !change_from(sc, i))
        return;
    /* "my kid is 7", "mi hija tiene 5": an age */
    if (i >= 2 && rp_tok_in(sc, i - 1, rp_age_verbs, rp_age_verbs_n) &&
        rp_tok_in(sc, i - 2, rp_person_nouns, rp_person_nouns_n))
        return;
    /* "when i was 17", "cuando tenia 15": the client's age then */
    if (i >= 3 && (rp_tok_is(sc, i - 3, "when") || rp_tok_is(sc, i - 3, "since")) &&
        rp_tok_is(sc, i - 2, "i") && rp_tok_is(sc, i - 1, "was"))
        return;
    if (i >= 2 && rp_tok_is(sc, i - 2, "cuando") &&
        (rp_tok_is(sc, i - 1, "tenia") || rp_tok_is(sc, i - 1, "era")))
        return;
    /* "555 123 4567": numbers in a row are a phone number or an id (but the
     * "2" of "2day" is part of a word) */
    if (!is_word && !same_number_run(sc, i) &&
        ((i > 0 && tkind(sc, i - 1) == TK_NUM && !rp_glued(sc, i - 1)) ||
         (i + 1 < sc->ntok && tkind(sc, i + 1) == TK_NUM && !rp_glued(sc, i + 1) &&
          !half_at(sc, i + 1))))
        return;
    /* money: "4.99" */
    if (!is_word && memchr(sc->w + sc->toff[i], '.', sc->tlen[i]) != NULL &&
        sc->tlen[i] - (size_t)((const char *)memchr(sc->w + sc->toff[i], '.', sc->tlen[i]) -
                               (sc->w + sc->toff[i])) > 2)
        return;

    if (rates_a_thing(sc, i))
        return; /* "rated the movie 9/10" */
    if (counted_thing_said_after(sc, i))
        return; /* "3 today! job apps i mean" */
    /* "went to 7-eleven", "seven/eleven run": the store */
    if (v == 7 && (rp_tok_sym(sc, i + 1, '-') || rp_tok_sym(sc, i + 1, '/')) &&
        (rp_tok_is(sc, i + 2, "eleven") || rp_tok_is(sc, i + 2, "11")))
        return;
    int rank = 0;
    double val = v;
    bool oor = !in_scale(sc, v);
    size_t next = i + 1, second = next + 1;
    if (link_at(sc, next) && is_article(sc, second) && num_at(sc, second + 1, &d, &dw, &dnd))
        second++; /* "6 or a 7" */
    if (link_at(sc, next) && num_at(sc, second, &d, &dw, &dnd) && dnd <= 3) {
        if (rp_tok_sym(sc, next, '/')) {
            if (rp_tok_sym(sc, second + 1, '/'))
                return; /* a date */
            if (d == sc->smax) {
                rank = 4;
            } else if (d == v + 1 && in_scale(sc, v) && in_scale(sc, d)) {
                val = (v + d) / 2; /* "3/4": three or four */
            } else {
                return; /* a fraction or a date */
            }
        } else if (rp_tok_is(sc, next, "of") || rp_tok_is(sc, next, "de") || rp_tok_is(sc, next, "d") ||
                   rp_tok_is(sc, next, "sobre") || rp_tok_is(sc, next, "outta")) {
            if (d != sc->smax)
                return; /* "2 of 3 days" */
            rank = 4;
        } else if ((d < v || !in_scale(sc, d)) && rp_tok_sym(sc, next, '-') &&
                   unit_at(sc, second + 1)) {
            second = i; /* "8 - 2 days sober", "6.5 - 40 min drive": a dash, then a count */
        } else if (rp_tok_is(sc, next, "to") && change_from(sc, i) && in_scale(sc, d)) {
            val = d; /* "went from 4 to 7": where it ended */
            rank = 3;
            oor = oor || !in_scale(sc, d);
        } else {
            if (d < v)
                return; /* "from 8 to 5", "de 8 a 5": hours, not a score */
            if (d == v && !rp_tok_is(sc, next, "or") && !rp_tok_is(sc, next, "o"))
                return; /* "game ended 2 to 2", "3-3": a tie, not a range */
            if ((v == sc->smin || v == 1) && d == sc->smax && !rp_tok_is(sc, next, "or") &&
                !rp_tok_is(sc, next, "o") && !rp_tok_is(sc, next, "u"))
                return; /* "on a scale of 1-10": the scale itself */
            val = (v + d) / 2; /* "6-7", "6 to 7", "6 or 7", "6 a 7", "between 4 and 5" */
            oor = oor || !in_scale(sc, d);
            /* "between six and seven", "entre seis y siete": a range said
             * as one, numbers in words too */
            if (i > 0 && rp_tok_in(sc, i - 1, betweens, NELEM(betweens)))
                rank = 3;
        }
        next = second + 1;
    } else if (rp_tok_is(sc, next, "out") && rp_tok_is(sc, next + 1, "of") &&
               num_at(sc, next + 2, &d, &dw, &dnd)) {
        if (d != sc->smax)
            return;
        rank = 4;
        next += 3;
    }
    /* "60%", "90% today!!", "70 percent", "60 por ciento": a share of the
     * scale, read as it (60% of 10 is 6). Only a scale from 0 or 1 has a top
     * to take a share of: on a -5..-3 scale "5%" would land off it. */
    size_t pe = percent_end(sc, next);
    if (pe != 0 && val == v && v <= 100 && sc->smin >= 0 && sc->smax > 0 &&
        percent_alone(sc, i, pe)) {
        val = (double)(long)(v * sc->smax / 100.0 * 2 + 0.5) / 2; /* to a half */
        if (val < sc->smin)
            val = sc->smin;
        oor = false;
        rank = 4;
        next = pe;
    } else if (pe != 0) {
        return; /* "100% sure", "battery at 5%", "50% off": no score */
    }
    if (unit_at(sc, next) ||
        rp_phrase_at(sc, next, "o clock") != 0 || grade_after(sc, next))
        return;
    /* "en 5 llego", "en 10 te marco": a wait, then what follows it ("ando
     * en 5" stays a mood) */
    static const char *const after_wait[] = {"llego", "salgo", "paso", "voy", "vuelvo", "regreso",
                                             "bajo", "subo", "termino", "te", "les", "nos", "lo",
                                             "estamos", "llegamos", "salimos", "ahi", "alla"};
    if (i > 0 && rp_tok_is(sc, i - 1, "en") && val == v && next < sc->ntok &&
        rp_tok_in(sc, next, after_wait, NELEM(after_wait)))
        return;
    size_t hr = val == v && next == i + 1 ? hedged_range_at(sc, i, v) : 0;
    double d2 = 0;
    bool w2;
    int n2;
    if (hr != 0 && num_at(sc, hr, &d2, &w2, &n2) && in_scale(sc, v) && in_scale(sc, d2)) {
        val = (v + d2) / 2; /* "6, mayb 7", "10 maybe 9" */
        next = hr + 1;
    } else if (point_at(sc, next) && num_at(sc, next + 1, &d, &dw, &dnd) && dnd <= 1 && d >= 0 && d <= 9 &&
        val == v) {
        val += d / 10; /* "seven point five", "7 pt 5", "seis punto cinco" */
        next += 2;
    } else if (half_at(sc, next) && val == v) {
        val += 0.5; /* "5 1/2" */
        next += 3;
    } else if ((rp_tok_is(sc, next, "and") || rp_tok_is(sc, next, "n") || rp_tok_is(sc, next, "y")) &&
               half_at(sc, next + 1) && val == v) {
        val += 0.5; /* "3 and 1/2", "3 & 1/2" ('&' is read "and") */
        next += 4;
    }
    /* "5 point 1", "5 1/2" on a 1-5 scale: the fraction took it off the
     * scale, as "5.1" is (found by fuzz_reply) */
    oor = oor || !in_scale(sc, val);
    /* the second of "4 and 9" */
    if (i >= 2 && (rp_tok_is(sc, i - 1, "and") || rp_tok_is(sc, i - 1, "y")) && num_simple(sc, i - 2, &d) &&
        !mood_before(sc, i - 2))
        return;
    /* "kids are 4 and 9", "mis hijos tienen 6 y 11 años": counts */
    if ((rp_tok_is(sc, next, "and") || rp_tok_is(sc, next, "y")) && num_simple(sc, next + 1, &d) &&
        (unit_at(sc, next + 2) || rp_clause_end_at(sc, next + 2)) &&
        !mood_before(sc, i))
        return;
    /* a medication or a substance after it, or after words that say what
     * it is for ("took my 2 blood pressure pills", "3 extra strength
     * tylenol"): a dose, never a mood */
    static const char *const med_for[] = {"blood", "pressure", "bp", "cholesterol", "allergy",
                                          "anxiety", "sleeping", "sleep", "pain", "extra", "strength",
                                          "heart", "thyroid", "water", "diabetes", "sugar", "stomach",
                                          "migraine", "seizure", "nerve", "iron", "fish", "oil",
                                          "prenatal", "vitamin", "vitamins", "little", "small", "big",
                                          "white", "morning", "night", "nighttime", "daily", "regular"};
    for (size_t k = next; k < sc->ntok && k <= next + 2; k++) {
        if (concepts_is_substance(k))
            return;
        if (tkind(sc, k) != TK_WORD || !rp_tok_in(sc, k, med_for, NELEM(med_for)))
            break;
    }
    static const char *const halves[] = {"and a half", "n a half", "na half", "y media", "y medio",
                                         "n a haf", "and a haf", "na haf", "nd a half", "nd a haf",
                                         "an a half", "nda half",
                                         "nhalf", "andahalf", "nahalf", "ymedio", "y mdio", "y mdia",
                                         "and half", "n half"};
    bool half = false;
    for (size_t k = 0; k < NELEM(halves); k++) {
        size_t e = next < sc->ntok && tkind(sc, next) == TK_WORD ? rp_phrase_at(sc, next, halves[k]) : 0;
        if (e != 0) {
            val += 0.5; /* "six and a half" */
            next = e;
            half = true;
            break;
        }
    }
    /* "ocho y pico", "seis y algo", "seven and something": a little over
     * the number, read as it */
    {
        static const char *const over[] = {"pico", "algo", "something"};
        static const char *const ands[] = {"y", "and", "n"};
        if (rp_tok_in(sc, next, ands, NELEM(ands)) && rp_tok_in(sc, next + 1, over, NELEM(over)))
            next += 2;
    }
    /* "four-year-old": a number word joined to a word by a hyphen is part
     * of a compound, not a score ("four-five" is a range, read above) */
    if (is_word && next == i + 1 && rp_tok_sym(sc, next, '-')) {
        if (!rp_tok_is(sc, next + 1, "ish"))
            return;
        next++; /* "seven-ish" */
    }
    /* "4 then 7", "4 -> 7" (read "then", reply_tokens.c): the later state */
    bool later = (i >= 2 && tkind(sc, i - 2) == TK_NUM && rp_tok_is(sc, i - 1, "then")) ||
                 corrected_before(sc, i);
    if (rank < 4 && (mood_before(sc, i) || mood_after_at(sc, next) || later))
        rank = 3;
    /* "was gonna say 6 ... call it a 5", "lets say 4": the score settled on */
    {
        size_t a = i > 0 && is_article(sc, i - 1) ? i - 1 : i;
        if (rank < 4 && a >= 2 && rp_tok_is(sc, a - 1, "it") && rp_tok_is(sc, a - 2, "call"))
            rank = 4;
        /* "ponle 5", "ponele un 6", "dale un 7": Spanish for "call it" */
        static const char *const put[] = {"ponle", "ponele", "pongale", "dale", "pongamos"};
        if (rank < 4 && a >= 1 && rp_tok_in(sc, a - 1, put, NELEM(put)))
            rank = 4;
    }
    /* "un cinco", "a 6": an article may stand first; "hoy un cuatro",
     * "today a 6": and the day before it */
    size_t first = i > 0 && is_article(sc, i - 1) ? i - 1 : i;
    if (first > 0 && (rp_tok_is(sc, first - 1, "hoy") || rp_tok_is(sc, first - 1, "today")))
        first--;
    if (first > 0 && tkind(sc, first - 1) == TK_WORD && hesitation_at(sc, first - 1))
        first--; /* "ummm seven" */
    /* "ok un tres", "pues un cuatro", "well a six": a word that opens a
     * reply stands before the score as a hesitation does */
    static const char *const openers[] = {"ok", "okay", "okey", "oki", "k", "pues", "pos", "bueno",
                                          "well", "so", "welp"};
    if (first > 0 && tkind(sc, first - 1) == TK_WORD && rp_tok_in(sc, first - 1, openers, NELEM(openers)))
        first--;
    size_t after = next;
    if (is_word && same_word_at(sc, i, after))
        after++; /* "ocho ocho" */
    bool alone = (clause_start_at(sc, i) || clause_start_at(sc, first)) &&
                 (rp_clause_end_at(sc, after) || (is_word && clause_opener_at(sc, after)));
    if (rank == 0)
        rank = rp_clause_end_at(sc, next) ? 2 : 1;
    if (rank < 4 && (past_before(sc, i) || past_after(sc, next)))
        rank = 1; /* "yesterday 3 today 6", "was a 4 earlier, now a 6": the later one */
    /* "4 interviews", "6 credits", "3 loads", "7 solicitudes": a number
     * before a plural noun counts things; never a mood */
    if (rank == 1 && next < sc->ntok && tkind(sc, next) == TK_WORD && sc->tlen[next] >= 4 &&
        sc->w[sc->toff[next] + sc->tlen[next] - 1] == 's') {
        static const char *const not_nouns[] = {"thanks", "gracias", "yes", "this", "guess",
                                                "less", "plus", "always", "tbh", "bless", "pues",
                                                "thnks", "thx", "pls", "es", "estas", "lol", "nomas", "nmas",
                                                "lets", "its", "thats", "whats", "yess", "yesss",
                                                "bendiciones", "blessings"};
        if (!rp_tok_in(sc, next, not_nouns, NELEM(not_nouns)) && !same_word_at(sc, i, next))
            return;
    }
    if (is_word) {
        /* "ate" is 8 only as "an ate", "ate outta ten" or the whole reply:
         * "i ate" is a meal */
        if (rp_tok_is(sc, i, "ate") && rank < 4 &&
            !(sc->ntok == 1 || (i > 0 && is_article(sc, i - 1)) || (i == 0 && half)))
            return;

        if (rank < 3 && !alone)
            return;
        if (i > 0 && rp_tok_in(sc, i - 1, rp_numword_prev_excl, rp_numword_prev_excl_n))
            return;
        /* "uno y otro", "one and all"; but "entre seis y siete" is a range */
        if (rp_tok_in(sc, next, rp_numword_next_excl, rp_numword_next_excl_n) && !link_at(sc, next))
            return;
    }
    /* "5, 5 y medio", "like a 6... mayb 6.5", "5 outta 10 prolly 5 n a
     * half": the half said after its whole number refines it */
    bool refines = sc->have_best && !sc->best_oor && !oor && val == sc->best_val + 0.5 &&
                   sc->best_val == (double)(long)sc->best_val;
    if (refines && rank < sc->best_rank)
        rank = sc->best_rank;
    /* "im 42 and a 6 today", "6. my mom is 70 today": a number off the
     * scale is likelier an age or a count than the score beside it */
    int eff = rank;
    if (sc->have_best && rank >= 2 && rank < 4 && !oor && sc->best_oor && sc->best_rank < 4)
        eff = sc->best_rank + 1;
    else if (sc->have_best && oor && !sc->best_oor && sc->best_rank >= 2 && rank < 4)
        return;
    if (!sc->have_best || eff > sc->best_rank || refines) {
        sc->have_best = true;
        sc->best_rank = rank;
        sc->best_val = val;
        sc->best_oor = oor;
    }
}

/* A contrast ("but", "pero", "though") in the two tokens before token i. */
static bool contrast_before(const struct scan *sc, size_t i)
{
    for (size_t k = 1; k <= 2 && k <= i; k++) {
        if (tkind(sc, i - k) != TK_WORD)
            return false;
        if (rp_tok_in(sc, i - k, rp_contrasts, rp_contrasts_n))
            return true;
    }
    return false;
}

/* Whether a softening hedge comes right before the mood word at token i
 * ("kinda", "a little", "kind of", "un poco"). A comparison keeps its
 * value: "a little better" says up, not how far. */
static bool hedged_at(const struct scan *sc, size_t i)
{
    static const char *const compared[] = {"better", "worse", "mejor", "peor", "worst"};
    if (i == 0 || rp_tok_in(sc, i, compared, NELEM(compared)))
        return false;
    if (rp_tok_in(sc, i - 1, rp_mood_hedges, rp_mood_hedges_n))
        return true;
    static const char *const kinds[] = {"kind", "sort"};
    return i >= 2 && rp_tok_is(sc, i - 1, "of") && rp_tok_in(sc, i - 2, kinds, NELEM(kinds));
}

/* A mood word's value after the modifiers of the calibration (reply_words.c):
 * negation (softened by "too", "tan"...), an intensifier, a hedge. */
static int mood_modified(const struct scan *sc, size_t i, int v, bool negated, bool intens)
{
    if (negated) {
        /* before the word, or starting its phrase ("not so good": "so good") */
        bool soft = rp_tok_in(sc, i, rp_mood_soften, rp_mood_soften_n) ||
                    (i > 0 && rp_tok_in(sc, i - 1, rp_mood_soften, rp_mood_soften_n)) ||
                    (i > 0 && negated_too(sc, i - 1)); /* "not 2 gud": too */
        if (v >= 8)
            return 4; /* "not great", "not happy" */
        if (v >= 5)
            return soft && v >= 6 ? 4 : 3; /* "not good", "not so good" */
        return 6; /* "not bad" */
    }
    if (intens)
        return v >= 6 && v < 9 ? v + 1 : v <= 4 && v > 2 ? v - 1 : v; /* "super good" */
    if (hedged_at(sc, i) && v != 5) {
        int step = v >= 9 || v <= 2 ? 2 : 1; /* "a little awesome" 7, "kinda tough" 4 */
        return v > 5 ? (v - step < 6 ? 6 : v - step) : (v + step > 4 ? 4 : v + step);
    }
    return v;
}

/* Considers token i as a mood word or phrase ("great", "not bad", "muy
 * mal"); the later of two equally placed ones wins, one after a feeling
 * word ("I'm fine") over one without; a strain after "but" lowers a good
 * one ("good but tired"). */
/* Whether the mood word at token i is said of somebody else: "she's doing
 * better", "my cat had surgery and is fine", "mi mama esta bien". Looking
 * back in the clause, the client ("i", "im", "estoy") or a neutral subject
 * ("it", "everything", "today") ends the search first. */
static bool mood_of_other(const struct scan *sc, size_t i)
{
    /* "feel", "feeling" are not the client's alone: "my dog is feeling
     * better" */
    static const char *const self[] = {"i", "im", "id", "ive", "me", "yo", "estoy", "ando",
                                       "siento", "am"};
    /* the client's own day, like work: "my shift was rough", "class was
     * great" */
    static const char *const neutral[] = {"it", "its", "that", "thats", "everything", "today",
                                          "day", "life", "things", "todo", "hoy", "work", "shift",
                                          "class", "clase", "meeting", "trabajo", "chamba",
                                          "esto", "eso", "all"};
    static const char *const others[] = {"she", "he", "shes", "hes", "they", "theyre", "ella",
                                         "ellos", "ellas", "cat", "dog", "perrito", "perrita",
                                         "gato", "gatito", "puppy", "kitten", "pup"};
    static const char *const being[] = {"is", "are", "was", "esta", "estan", "anda", "andan",
                                        "seems", "looks", "sounds", "se", "were", "fue", "estuvo",
                                        "estaba", "s", "been", "had", "has", "went", "goes",
                                        "works", "worked", "running", "runs", "tuvo", "saco",
                                        "paso"};
    /* things whose state is news, not the client's mood: "the car is
     * running rough", "the movie was great", "el trafico estuvo horrible" */
    static const char *const things[] = {"car", "truck", "phone", "wifi", "internet", "tv",
                                         "laptop", "computer", "weather", "traffic", "food",
                                         "coffee", "game", "team", "movie", "show", "concert",
                                         "carro", "trafico", "comida", "clima", "pelicula",
                                         "partido", "celular", "house", "casa", "apartment",
                                         "engine", "motor", "bus", "train", "camion", "tren",
                                         "party", "fiesta", "cookout", "bbq", "wedding", "boda",
                                         "trip", "viaje"};
    bool verb = false;
    for (size_t k = 1; k <= 10 && k <= i; k++) {
        size_t j = i - k;
        if (tkind(sc, j) == TK_BRK)
            return false;
        if (rp_tok_in(sc, j, self, NELEM(self)) || rp_tok_in(sc, j, neutral, NELEM(neutral)))
            return false;
        if (rp_tok_in(sc, j, being, NELEM(being)))
            verb = true;
        if (rp_tok_in(sc, j, others, NELEM(others)) ||
            (verb && (rp_tok_in(sc, j, rp_person_nouns, rp_person_nouns_n) ||
                      rp_tok_in(sc, j, things, NELEM(things)))))
            return true;
    }
    return false;
}

/* The mood word at tokens [i, end) stands in a question ("why, do i sound
 * bad?") or in a clause about yesterday ("yesterday was rough", "ayer
 * estaba fatal"; not "better than yesterday", "mejor que ayer"). */
static bool asked_or_before(const struct scan *sc, size_t i, size_t end)
{
    static const char *const before[] = {"yesterday", "ayer", "anoche", "yday", "yest"};
    static const char *const than[] = {"than", "que", "como", "then"};
    size_t lo = i, hi = end;
    while (lo > 0 && tkind(sc, lo - 1) != TK_BRK)
        lo--;
    while (hi < sc->ntok && tkind(sc, hi) != TK_BRK)
        hi++;
    if (hi < sc->ntok && rp_tok_sym(sc, hi, '?'))
        return true;
    for (size_t j = lo; j < hi; j++)
        if (rp_tok_in(sc, j, before, NELEM(before)) && !(j > 0 && rp_tok_in(sc, j - 1, than, NELEM(than))))
            return true;
    return false;
}

/* "ando bien pisto", "bien gacho el día", "toy bn pdo": Spanish "bien"
 * before a word it intensifies is no "fine" of its own. The word after it
 * is the reading: a mood word is read next ("bien cansada"), and a word
 * the parser does not know leaves the reply to the model and to a person
 * (rule 6), never a 7. "bien" stays a mood before a break, the end, or
 * the words that follow a plain "bien" ("bien gracias", "bien y tu",
 * "bien pero cansada", "bien hoy", "bien la verdad"). */
static bool bien_intensifies(const struct scan *sc, size_t i, size_t end)
{
    static const char *const bien[] = {"bien", "bn", "bieen"};
    static const char *const then[] = {
        "gracias", "grax", "grasias", "thanks", "thank", "thx", "ty", "y", "e", "and", "n",
        "hoy", "today", "aqui", "aca", "nomas", "noma", "pues", "pos", "todo", "toda", "todos",
        "la", "el", "lo", "los", "las", "al", "de", "del", "en", "con", "por", "para", "pa",
        "que", "q", "ya", "mas", "o", "tu", "usted", "ud", "lol", "ok", "okay", "oki", "bien",
        "bn", "bueno", "dios", "porque", "pq", "xq", "como", "cuando", "hasta", "desde", "asi",
        "nada", "todavia", "aun", "tambien", "tmb", "igual", "siempre", "casi", "sin", "me",
        "te", "se", "mi", "su", "tranqui", "amigo", "amiga", "mija", "mijo", "compa", "bro",
        "gracia", "si", "no", "u", "you", "just", "i", "im", "so", "too", "now", "thnx",
        "tks", "graciass", "grs", "grcs", "jaja*", "jeje*", "haha*", "hehe*", "jsjs*", "xd",
        /* whom the reply is said to: "bien primo", "bien carnal" */
        "primo", "prima", "carnal", "hermano", "hermana", "mano", "wey", "guey", "men", "papi",
        "mami", "jefe", "jefa", "doc", "profe", "hijo", "hija", "senora", "senor", "miss", "amor",
        "mae", "pana", "parce", "hermanito", "hermanita", "manito"};
    if (end != i + 1 || !rp_tok_in(sc, i, bien, NELEM(bien)) || end >= sc->ntok ||
        tkind(sc, end) != TK_WORD || sc->tlen[end] < 3)
        return false;
    if (i > 0 && rp_tok_is(sc, i - 1, "todo"))
        return false; /* "todo bien primo": "todo bien" is the mood */
    if (rp_tok_in(sc, end, then, NELEM(then)) || rp_tok_in(sc, end, rp_mood_after, rp_mood_after_n) ||
        rp_tok_in(sc, end, rp_contrasts, rp_contrasts_n) ||
        rp_tok_in(sc, end, rp_negators, rp_negators_n))
        return false;
    struct hits next;
    rp_match_builtin(sc, end, 1u << PK_MOOD, &next);
    return !next.kind[PK_MOOD]; /* a mood word is read next, intensified */
}

void rp_mood_word_candidate(struct scan *sc, size_t i, const struct hits *h)
{
    size_t end = h->mood_end;
    if (i < sc->mood_skip || !h->kind[PK_MOOD])
        return;
    sc->mood_skip = end; /* "muy bien" is not also "bien" */
    if (bien_intensifies(sc, i, end))
        return;
    /* "not good at all" is no skill ("good at math") */
    bool at_all = rp_tok_is(sc, end, "at") && rp_tok_is(sc, end + 1, "all") &&
                  rp_negated_at(sc, i);
    /* "good so far", "solid day so far": "so" that starts no clause */
    bool so_far = rp_tok_is(sc, end, "so") && rp_tok_is(sc, end + 1, "far");
    /* "excited for the weekend", "grateful for today": gladness about
     * what is coming is still the client's mood ("fine for me", "good for
     * you", "scared for my cousin" are not) */
    static const char *const feel_for[] = {"excited", "stoked", "pumped", "hyped", "grateful",
                                           "thankful"};
    bool feel_about = rp_tok_is(sc, end, "for") && rp_tok_in(sc, i, feel_for, NELEM(feel_for));
    if ((rp_tok_in(sc, end, rp_mood_next_excl, rp_mood_next_excl_n) && !at_all && !so_far &&
         !feel_about) ||
        ((h->mood & M_VAL) >= 5 &&
         (rp_tok_in(sc, end, rp_mood_next_greet, rp_mood_next_greet_n) ||
          (rp_tok_in(sc, end, rp_mood_next_time, rp_mood_next_time_n) &&
           rp_tok_in(sc, i, rp_mood_greeters, rp_mood_greeters_n)))))
        return;
    if (i >= 2 && rp_tok_is(sc, i - 1, "a") && rp_tok_is(sc, i - 2, "have"))
        return; /* "have a good day" */
    /* "room is spinning so bad", "raining so bad", "it stinks so bad":
     * how much of the thing before, no mood ("feel so bad", "today is so
     * bad" stay one; so do pain, "my back hurts so bad", a want, "i want
     * it so bad", and missing somebody) */
    static const char *const so_bad_verbs[] = {"raining", "snowing", "pouring", "spinning", "itching",
                                               "itches", "stinks", "smells", "coughing", "sneezing"};
    if (rp_tok_is(sc, i, "bad") && i >= 2 && rp_tok_in(sc, i - 1, rp_mood_intens, rp_mood_intens_n) &&
        (rp_tok_in(sc, i - 2, so_bad_verbs, NELEM(so_bad_verbs)) ||
         (i >= 3 && rp_tok_in(sc, i - 3, so_bad_verbs, NELEM(so_bad_verbs)) &&
          rp_tok_in(sc, i - 2, (const char *const[]){"it", "them", "him", "her", "that", "this"}, 6))))
        return;
    /* "my bad" (sorry), "my good friend", "oh my gooood": after "my" a
     * mood word is an apology, a praise of someone or an oath */
    if (i > 0 && (rp_tok_is(sc, i - 1, "my") || rp_tok_is(sc, i - 1, "mi")))
        return;
    if (mood_of_other(sc, i))
        return;
    /* "2 cups of coffee, normal", "paid 40 for it, fair": words that judge
     * a measure judge the number beside them, not the day */
    static const char *const judges[] = {"normal", "fair"};
    if (rp_tok_in(sc, i, judges, NELEM(judges)))
        for (size_t j = 0; j < sc->ntok; j++)
            if (tkind(sc, j) == TK_NUM)
                return;
    /* "my car should be fine": a forecast of something, not a mood */
    if (i >= 2 && rp_tok_is(sc, i - 1, "be") &&
        (rp_tok_is(sc, i - 2, "should") || rp_tok_is(sc, i - 2, "will") || rp_tok_is(sc, i - 2, "gonna")))
        return;
    /* "50% better": a measure, not a mood word */
    if (i > 0 && ((tkind(sc, i - 1) == TK_NUM && !negated_too(sc, i - 1)) || rp_tok_sym(sc, i - 1, '%')))
        return;
    /* "bien, cansada", "good. tired": a strain said as the next clause
     * is a "but" unsaid */
    bool clause_after = i > 0 && tkind(sc, i - 1) == TK_BRK;
    if ((h->mood & M_STRAIN) && sc->word_val > 5 && (contrast_before(sc, i) || clause_after)) {
        sc->word_val--; /* "good but tired": still good, a step lower */
        return;
    }
    /* "really tired", and "tired af": the intensifier said after */
    bool intens = (i > 0 && rp_tok_in(sc, i - 1, rp_mood_intens, rp_mood_intens_n)) ||
                  rp_tok_is(sc, end, "af") || rp_tok_is(sc, end, "asf");
    bool feel = mood_before(sc, i);
    /* "tired", "down today": a feeling word said alone; or opening the
     * reply before "and" ("anxious n cant focus", "cansada y con dolor") */
    static const char *const ands[] = {"and", "n", "y", "&", "an"};
    bool solo = (h->mood & M_SOLO) && clause_start_at(sc, i) &&
                (rp_clause_end_at(sc, end) || mood_after_at(sc, end) ||
                 (i == 0 && rp_tok_in(sc, end, ands, NELEM(ands))));
    /* "pretty down today", "kinda low": a hedge says it is a feeling too */
    static const char *const hedged[] = {"pretty", "kinda", "sorta", "little", "lil", "bit",
                                         "fairly", "quite", "medio", "lowkey"};
    if ((h->mood & M_FEEL) && !feel && !intens && !solo &&
        !(i > 0 && rp_tok_in(sc, i - 1, hedged, NELEM(hedged))))
        return;
    int base = (int)(h->mood & M_VAL);
    bool negated = rp_negated_at(sc, i);
    int v = mood_modified(sc, i, base, negated, intens);
    if (negated && at_all && base >= 5)
        v--; /* "not good at all" 2, "not ok at all" */
    int neg = negated ? (base >= 5 ? 1 : -1) : 0;
    /* a feeling word before it ranks it higher; a mood asked about ("do i
     * sound bad?") or said of yesterday ("yesterday was rough") lower, with
     * an emoji: a word said for now wins over both */
    int rank = asked_or_before(sc, i, end) ? 1 : feel ? 3 : 2;
    if (rank >= sc->word_rank) {
        /* "not great, not terrible", "ni tan bien ni tan mal": the middle */
        if (neg != 0 && sc->word_neg == -neg)
            v = 5;
        /* "good but not great", "good, not amazing": the top denied after
         * a good word leaves the good word, a step lower (6), not 4 */
        else if (negated && base >= 8 && sc->word_val >= 6 && sc->word_neg == 0)
            v = sc->word_val - 1;
        sc->word_rank = rank;
        sc->word_val = v;
        sc->word_neg = neg;
    }
}

/* A misspelt single mood word ("fantasic", "terrbile"): a token of six
 * letters or more one edit from a listed word of seven or more (shorter
 * ones have everyday neighbours: "coming", "coping"), their first
 * two letters alike, not an adverb ("incredibly tired" is not
 * "incredible"). For a short reply (six tokens at most) with no score at
 * all (reply_parse);
 * fills word_val like rp_mood_word_candidate, the later such word winning. */
void rp_mood_typo(struct scan *sc)
{
    if (sc->ntok > 6)
        return; /* a mood said in words alone is short; a longer reply is news */
    /* a number word mistyped, as the whole reply ("fiev", "fuor", "nuebe!!"):
     * one edit from it, the first letter kept; not an everyday word one
     * edit away ("none", "tree", "seen", "even") */
    static const char *const near_numbers[] = {"none", "tree", "seen", "even", "dies", "died",
                                               "fire", "fine", "sieve", "nice", "note", "ocha",
                                               "seas", "sets", "site", "sits", "dice"};
    /* ... or with only words of time, hedges, thanks or cheer beside it
     * ("sevn tdy", "eihgt today", "sxi i think", "nien thx") */
    size_t substance = 0, at = 0; /* words and numbers other than those */
    for (size_t i = 0; i < sc->ntok && substance < 2; i++)
        if (tkind(sc, i) == TK_NUM ||
            (tkind(sc, i) == TK_WORD && !rp_wset_in(sc, i, &aside_set))) {
            substance++;
            at = i;
        }
    size_t tn = sc->tlen[at];
    if (substance == 1 && tkind(sc, at) == TK_WORD && tn >= 3 && tn <= 6 &&
        !rp_tok_in(sc, at, near_numbers, NELEM(near_numbers))) {
        const char *t = sc->w + sc->toff[at];
        /* both slips below keep the first letter: only the number words
         * that start with it, in list order */
        const uint16_t *idx;
        size_t nw = rp_numwords_starting(t[0], &idx);
        for (size_t q = 0; q < nw; q++) {
            size_t k = idx[q];
            const char *w = rp_numwords[k].w;
            size_t wn = strlen(w);
            if (strcmp(w, "for") == 0 || strcmp(w, "too") == 0 || strcmp(w, "tree") == 0 ||
                strcmp(w, "ate") == 0)
                continue; /* sound-alikes are words first: "fro" is no "for" */
            /* three letters, the last two swapped ("sxi", "tne"): the
             * only slip a word that short is read through ("tow" is a
             * word) */
            bool swapped3 = tn == 3 && wn == 3 && t[0] == w[0] && t[1] == w[2] && t[2] == w[1] &&
                            t[1] != t[2] && !(t[0] == 't' && t[1] == 'o' && t[2] == 'w');
            if (((tn >= 4 && wn >= 4 && w[0] == t[0] && concepts_edit_distance(t, tn, w, wn, 1) == 1) ||
                 swapped3) &&
                rp_numwords[k].v >= sc->smin && rp_numwords[k].v <= sc->smax) {
                sc->have_best = true;
                sc->best_rank = 1;
                sc->best_val = rp_numwords[k].v;
                sc->best_oor = false;
                return;
            }
        }
    }
    for (size_t i = 0; i < sc->ntok; i++) {
        const char *t = sc->w + sc->toff[i];
        size_t n = sc->tlen[i];
        if (tkind(sc, i) != TK_WORD || n < 6 || (t[n - 2] == 'l' && t[n - 1] == 'y'))
            continue;
        const uint16_t *idx;
        size_t nt = rp_mood_typo_targets(t[0], &idx);
        for (size_t k = 0; k < nt; k++) {
            const struct phrase *ph = &rp_mood_phrases[idx[k]];
            if (ph->p[1] != t[1])
                continue;
            /* an exact word was weighed (and maybe refused: "the traffic
             * is horrible") by rp_mood_word_candidate */
            if (concepts_edit_distance(t, n, ph->p, strlen(ph->p), 1) == 1 &&
                !mood_of_other(sc, i)) {
                sc->word_rank = 1;
                sc->word_val = mood_modified(sc, i, (int)(ph->flags & M_VAL), rp_negated_at(sc, i), false);
                break;
            }
        }
    }
}

/* Token i is a thumb up (written "~gt", reply_tokens.c). */
static bool thumb_at(const struct scan *sc, size_t i)
{
    return tkind(sc, i) == TK_EMO && sc->tlen[i] == 3 && sc->w[sc->toff[i] + 2] == 't';
}

/* A thumb up beside words or another face says how the day goes ("good
 * 👍", "🙂👍"); thumbs alone are a receipt of the text, as "ok thanks" is
 * (rp_ack_only): no score is stored that the client never gave, and the
 * reply is read in the digest. Writers differ here: four training lines
 * scored a lone thumb 7, the outside writers of eight blind sets and of
 * round p61 called it no answer. */
static bool thumbs_only(const struct scan *sc)
{
    for (size_t j = 0; j < sc->ntok; j++)
        if (tkind(sc, j) != TK_BRK && !thumb_at(sc, j))
            return false;
    return true;
}

void rp_mood_emoji_candidate(struct scan *sc, size_t i)
{
    if (thumb_at(sc, i) && thumbs_only(sc))
        return;
    int v = sc->w[sc->toff[i] + 1] - 'a' + 1;
    if (v >= 1 && v <= 10 && sc->word_rank <= 1) { /* not over a word said for now */
        sc->word_rank = 1;
        sc->word_val = v;
    }
}

/* "oh just great 🙃", "genial, otra vez sin luz 🙄", "living the dream
 * 🙄": praise beside an eye-roll or an upside-down face is said the other
 * way round. A good word reads as a bad day (3), the middle a step below
 * it; a low word stays as it is. The faces are matched in the raw text:
 * they are no mood emoji, so the tokens do not keep them. */
int rp_mood_sarcasm(int word_val, const char *text, size_t len)
{
    if (word_val < 5 || text == NULL)
        return word_val;
    static const char roll[] = "\xF0\x9F\x99\x84", upside[] = "\xF0\x9F\x99\x83";
    bool marked = false;
    for (size_t i = 0; i + 4 <= len && !marked; i++)
        marked = (unsigned char)text[i] == 0xF0 &&
                 (memcmp(text + i, roll, 4) == 0 || memcmp(text + i, upside, 4) == 0);
    if (!marked)
        return word_val;
    return word_val >= 7 ? 3 : word_val - 1;
}

/* "ok thx", "jaja ok", "k thank you", "ok bye": an "ok" with nothing
 * beside it but thanks, a laugh or a sign-off acknowledges a message, it
 * is no mood (a lone "ok" is a 5). */
bool rp_ack_only(const struct scan *sc)
{
    static const char *const oks[] = {"ok", "okay", "k", "kk", "okk", "oki", "okey", "okie",
                                      "vale"};
    static const char *const acks[] = {"thx", "thanks", "thank", "you", "ty", "tysm", "jaja",
                                       "jajaja", "jeje", "haha", "hahaha", "lol", "gracias",
                                       "got", "it", "gotcha", "noted", "np", "u",
                                       /* a sign-off: "ok bye" closes the talk, no mood */
                                       "bye", "byee", "ttyl", "cya", "adios", "goodnight",
                                       "gn", "nite"};
    /* words that acknowledge by themselves, even beside a thumb or a
     * smile: "recibido 👍", "got it 👍", "ok, recibido" ("ok 👍" alone
     * stays a mood) */
    static const char *const received[] = {"recibido", "recibida", "received", "enterado",
                                           "enterada", "entendido", "entendida", "understood",
                                           "noted", "gotcha", "copy"};
    bool ok = false, ack = false, strong = false, emo = false;
    for (size_t i = 0; i < sc->ntok; i++) {
        enum tk k = tkind(sc, i);
        if (k == TK_BRK)
            continue;
        if (k == TK_EMO) {
            emo = true;
            continue;
        }
        if (k != TK_WORD)
            return false;
        if (rp_tok_in(sc, i, oks, NELEM(oks)))
            ok = true;
        else if (rp_tok_in(sc, i, received, NELEM(received)))
            strong = true;
        else if (rp_tok_in(sc, i, acks, NELEM(acks)))
            ack = true, strong = strong || (rp_tok_is(sc, i, "it") && i > 0 && rp_tok_is(sc, i - 1, "got"));
        else
            return false;
    }
    return strong || (ok && ack && !emo);
}
