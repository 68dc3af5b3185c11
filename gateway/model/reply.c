/* SPDX-License-Identifier: Apache-2.0 */
/* reply.c: reply text -> intent, score and safety signals (see reply.h).
 * Pure: no I/O, no clock, no heap allocation at all, whatever the length
 * (the only state is a read-only phrase index built on first use).
 *
 * The text flows through three stages, each bounded in memory, so a reply
 * of any length is scanned to its last byte (a crisis phrase at the end of
 * a 20 KB message is found) in time linear in its length:
 *
 *   1. decode: invalid UTF-8 bytes and NULs become spaces, so the rest of
 *      the text is still read;
 *   2. normalise: NFKC, case folding, accents stripped, default-ignorable
 *      characters (zero-width spaces...) dropped, look-alike punctuation
 *      lumped to ASCII (curly apostrophes, dashes), with utf8proc, on
 *      segments of at most SEG_MAX bytes cut before an ASCII character
 *      (nothing composes across one); pure-ASCII segments skip utf8proc;
 *   3. de-obfuscation: letters written as digits or symbols between
 *      letters become letters ("su1cide", "k1ll", "$uicidal") and
 *      spaced-out single letters are joined ("k i l l", "d.i.e");
 *   4. words: the normalised text becomes a line of space-separated
 *      tokens in a fixed buffer: words (a-z only, apostrophes dropped,
 *      runs of one letter collapsed: "diiiie" -> "die"), numbers ("6.5",
 *      "-3"), mood emoji ("~" tokens), a few symbols ("/", "-", ":", "%") and "|" for a clause
 *      break (. ! ? ; , newline). When the buffer fills up it is scanned
 *      and its last tokens are carried over, so phrases and their context
 *      are never cut.
 *
 * Phrase lists are written in plain spelling; the comparison collapses
 * repeated letters in the pattern the same way, so "kill" matches "kil"
 * and "kiiill". Accents need not be written ("dano" matches "daño").
 *
 * Recall of crisis language comes first: when in doubt a phrase is in the
 * list. Negation ("not", "never", "no" ... up to three words before the
 * phrase, within its clause) adds REPLY_SIG_NEGATED and never removes the
 * crisis signal. NEGATED is only set when EVERY crisis phrase found was
 * negated ("I'm not suicidal but I want to die" is not negated), and it
 * qualifies the relapse signal only when there is no crisis at all, so
 * a negated relapse can never soften an unnegated crisis. A joke marker
 * nearby ("lol", "jk") counts as a negation.
 *
 * Scores: a number next to a mood word or as "N/10" beats a bare one, a
 * bare number ending its clause beats one followed by a word (a count);
 * without any number, mood words and face emoji ("great", "not bad",
 * "muy mal", a crying face) give a place on a 1-10 line mapped onto the
 * scale. An operator's vocabulary (reply_vocab_*) adds crisis, relapse
 * and substance phrases; it is built outside reply_parse, which only
 * reads it.
 *
 * Each stage has its own file (reply_scan.h lists them): the word data
 * and phrase index (reply_words.c), decoding, normalising and tokens
 * (reply_tokens.c), matching (reply_match.c), scores (reply_score.c) and
 * keywords (reply_keywords.c); this file counts risk, scans each chunk and
 * holds the public functions and the operator's vocabulary. */
#include "model/reply.h"

#include "model/reply_concepts.h"
#include "model/reply_model.h"
#include "model/reply_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <utf8proc.h>

/* ---- risk ------------------------------------------------------------------ */

#define RISK_KINDS (1u << PK_CRISIS | 1u << PK_RELAPSE | 1u << PK_EXCEPTION | 1u << PK_USE)

/* Counts a crisis and/or relapse finding at token i, negated when a negator
 * or a joke marker is near. */
static void count_risk(struct scan *sc, size_t i, bool crisis, bool relapse, uint32_t reason)
{
    /* somebody else's, the past, a group's topic, sobriety news: a watch
     * note, not the client's crisis */
    uint32_t ctx = concepts_context_at(i, relapse && !crisis);
    if (ctx != 0) {
        sc->reasons |= ctx;
        if (ctx == REPLY_R_SOBRIETY)
            sc->cf.sober++;
        else
            sc->cf.context++;
        return;
    }
    /* A joke marker ("lol") lowers nothing (rule 4); a denial does. */
    bool neg = rp_negated_at(sc, i);
    sc->reasons |= reason;
    if (crisis) {
        sc->crisis_n++;
        sc->crisis_neg += neg;
        if (neg)
            sc->reasons |= REPLY_R_DENIAL;
    }
    if (relapse) {
        if (neg) { /* "haven't had a drink in 10 days": never relapse */
            sc->cf.sober++;
            sc->reasons |= REPLY_R_SOBRIETY;
        } else {
            sc->relapse_n++;
        }
    }
}

/* An emergency number (911, 988): a crisis whoever dialled it ("my
 * roommate had to call 911"), unless the client dialled it for somebody
 * else; otherwise only a denial lowers it. */
static void count_emergency(struct scan *sc, size_t i)
{
    /* but a class about 988, or the past, is a note */
    uint32_t ctx = concepts_context_at(i, false);
    if (ctx == REPLY_R_TOPIC || ctx == REPLY_R_PAST) {
        sc->reasons |= ctx;
        sc->cf.context++;
        return;
    }
    /* "my neighbor had to call 911 for her husband": somebody else's */
    if (concepts_emergency_for_other(i)) {
        sc->reasons |= REPLY_R_OTHER_PERSON;
        sc->cf.context++;
        return;
    }
    bool neg = rp_negated_at(sc, i);
    sc->crisis_n++;
    sc->crisis_neg += neg;
    sc->dialled_for_other += !neg && concepts_called_for_other(i);
    sc->reasons |= REPLY_R_EMERGENCY | (neg ? REPLY_R_DENIAL : 0);
}

/* Crisis and relapse phrases (built in, the operator's, use verb +
 * substance) starting at word token i, unless an idiom starts there too.
 * Returns true if one was counted. */
static bool picked_up_thing(const struct scan *sc, size_t i)
{
    static const char *const after[] = {"again", "yesterday", "last", "tonight", "today", "this",
                                        "after", "at", "on", "over", "and"};
    size_t j = i + 3;
    return rp_tok_is(sc, i, "i") && rp_tok_is(sc, i + 1, "picked") && rp_tok_is(sc, i + 2, "up") &&
           j < sc->ntok && (tkind(sc, j) == TK_WORD || tkind(sc, j) == TK_NUM) &&
           !rp_tok_in(sc, j, after, NELEM(after)) && !concepts_is_substance(j);
}

static bool risk_at(struct scan *sc, size_t i, const struct hits *h)
{
    bool vc = rp_match_vocab(sc, i, REPLY_VOCAB_CRISIS) != NULL;
    bool vr = rp_match_vocab(sc, i, REPLY_VOCAB_RELAPSE) != NULL, use = rp_use_pair_at(sc, i, h);
    /* "drank a whole pot of coffee": the drink named is the thing drunk */
    if (use && (concepts_soft_drink_at(i) || concepts_prescribed_use_at(i)))
        use = false; /* "taking my oxy as the surgeon prescribed": a watch note */
    bool crisis = h->kind[PK_CRISIS] || vc, relapse = h->kind[PK_RELAPSE] || vr || use;
    /* "I picked up" (a drink, in the rooms' words) before a thing that is
     * no drink or drug: "I picked up two extra shifts", "i picked up
     * groceries" */
    if (h->kind[PK_RELAPSE] && !vr && !use && picked_up_thing(sc, i))
        relapse = false;
    if (!(crisis || relapse))
        return false;
    if (h->kind[PK_EXCEPTION]) {
        /* "una soga nueva pa tender la ropa": a listed idiom that cancels
         * the phrase is everyday, as the concept rules' idioms are */
        if (h->kind[PK_CRISIS] && !vc)
            sc->reasons |= REPLY_R_EVERYDAY;
        return false;
    }
    /* "cut myself shaving", "me corté el dedo picando cebolla": a listed
     * phrase's harm was an accident, as the concept rules read it */
    /* "roofing in this heat is gonna kill me": a listed "kill me" said of
     * a thing */
    if (h->kind[PK_CRISIS] && !vc && !relapse && (concepts_kill_idiom_at(i) || concepts_text_before_at(i))) {
        sc->reasons |= REPLY_R_EVERYDAY; /* nor the model, about a short reply */
        return false;
    }
    /* "relapsed into my old habit of biting my nails": a listed relapse
     * phrase said of an everyday thing */
    if (h->kind[PK_RELAPSE] && !vr && !use && !crisis && concepts_relapse_thing_at(i)) {
        sc->reasons |= REPLY_R_EVERYDAY;
        return false;
    }
    if (h->kind[PK_CRISIS] && !vc && concepts_accident_at(i)) {
        sc->reasons |= REPLY_R_ACCIDENT;
        if (!relapse)
            return false;
        crisis = false;
    }
    uint32_t reason = (crisis && h->kind[PK_CRISIS] ? REPLY_R_PHRASE : 0) |
                      (h->kind[PK_RELAPSE] ? REPLY_R_RELAPSE : 0) | (use ? REPLY_R_USE : 0) |
                      (vc || vr ? REPLY_R_VOCAB : 0);
    count_risk(sc, i, crisis, relapse, reason);
    return true;
}

/* ---- chunk scan ------------------------------------------------------------ */

/* Scans the token line. Non-final: only tokens up to LOOKAHEAD before the
 * end are scanned (the rest is context), then the last LOOKAHEAD +
 * LOOKBACK tokens are moved to the front for the next chunk. */
void rp_chunk_scan(struct scan *sc, bool final)
{
    size_t n = 0, i = 0;
    while (i < sc->len) {
        size_t s = i;
        while (i < sc->len && sc->w[i] != ' ' && sc->w[i] != '\t' && sc->w[i] != GLUE)
            i++;
        if (i > s) { /* a leading tab (see rp_mark_lone_first) leaves nothing before it */
            sc->toff[n] = (uint16_t)s;
            sc->tlen[n] = (uint16_t)(i - s);
            n++;
        }
        i++;
    }
    sc->ntok = n;
    /* The byte after the last token is read as its separator (rp_glued()
     * and the concept rules look for GLUE there): make it a defined one.
     * len < W_FLUSH + TOK_MAX < W_MAX, so there is room. */
    sc->w[sc->len] = '\0';

    size_t own_to = n;
    if (!final)
        own_to = n > LOOKAHEAD ? n - LOOKAHEAD : 0;
    if (sc->first_chunk)
        rp_keywords(sc, final);
    struct rview view = {sc->w, sc->toff, sc->tlen, n};
    concepts_begin(&view);

    sc->mood_skip = 0;
    for (size_t k = sc->own_from; k < own_to; k++) {
        enum tk kd = tkind(sc, k);
        if (kd == TK_WORD) {
            struct hits h;
            unsigned want = RISK_KINDS | 1u << PK_MOOD;
            if (sc->kw == REPLY_OTHER)
                want |= 1u << PK_OPTOUT;
            rp_match_builtin(sc, k, want, &h);
            if (!risk_at(sc, k, &h) && sc->toff[k] > 0 && sc->w[sc->toff[k] - 1] == '\t' &&
                sc->tlen[k] >= 4) {
                /* "I r e l a p s e d" was joined into "irelapsed": also
                 * read it without its first letter */
                struct hits tail;
                sc->toff[k]++;
                sc->tlen[k]--;
                rp_match_builtin(sc, k, RISK_KINDS, &tail);
                risk_at(sc, k, &tail);
                sc->toff[k]--;
                sc->tlen[k]++;
            }
            if (h.kind[PK_OPTOUT] && !rp_negated_within(sc, k, 5) && !rp_optout_reversed(sc, k) &&
                !rp_optout_kept(sc))
                sc->kw = REPLY_STOP;
            rp_mood_word_candidate(sc, k, &h);
        } else if (kd == TK_EMO) {
            rp_mood_emoji_candidate(sc, k);
        } else if (kd == TK_NUM && rp_emergency_at(sc, k) > 0) {
            count_emergency(sc, k);
        }
        if (kd == TK_WORD || kd == TK_NUM)
            rp_score_candidate(sc, k);
    }
    concepts_scan(sc->own_from, own_to, &sc->cf);
    sc->first_chunk = false;

    if (final || n == 0)
        return;
    /* carry the tail over: LOOKBACK tokens of context plus the unscanned ones */
    size_t keep = own_to >= LOOKBACK ? own_to - LOOKBACK : 0;
    size_t off = sc->toff[keep];
    memmove(sc->w, sc->w + off, sc->len - off);
    sc->len -= off;
    sc->own_from = own_to - keep;
}

/* ---- public ---------------------------------------------------------------- */

/* Every field of *sc, before the first byte. */
/* The scale of opts: 1-10 unless it names a valid one. */
static void scale_of(const struct reply_opts *opts, double *smin, double *smax)
{
    *smin = 1;
    *smax = 10;
    if (opts != NULL && !(opts->scale_min == 0 && opts->scale_max == 0) &&
        opts->scale_min < opts->scale_max) {
        *smin = opts->scale_min;
        *smax = opts->scale_max;
    }
}

static void scan_init(struct scan *sc, const struct reply_opts *opts)
{
    scale_of(opts, &sc->smin, &sc->smax);
    sc->len = 0;
    sc->ntok = 0;
    sc->own_from = 0;
    sc->first_chunk = true;
    sc->cur = TK_NONE;
    sc->cur_start = 0;
    sc->last = TK_NONE;
    sc->cur_point = false;
    sc->pending = 0;
    sc->crisis_n = sc->crisis_neg = sc->relapse_n = sc->relapse_neg = 0;
    sc->dialled_for_other = 0;
    memset(&sc->cf, 0, sizeof sc->cf);
    sc->reasons = 0;
    sc->swallow = 0;
    sc->have_best = false;
    sc->best_rank = 0;
    sc->best_val = 0;
    sc->best_oor = false;
    sc->kw = REPLY_OTHER;
    sc->ack_id = 0;
    sc->cur_joined = false;
    sc->nleet = 0;
    sc->prev_letter = false;
    sc->ngap = 0;
    sc->held = 0;
    sc->u8cp = 0;
    sc->u8need = 0;
    sc->vocab = opts != NULL ? opts->vocab : NULL;
    sc->word_val = 0;
    sc->word_rank = 0;
    sc->word_neg = 0;
    sc->mood_skip = 0;

}

/* The most common reply, a bare number of one to three digits ("7",
 * "10"): no phrase can be in it, so it is read here without the scan,
 * exactly as the scan would read it (test_reply checks both agree). An
 * emergency number ("911") takes the full path. Returns true if *out is
 * filled. */
static bool bare_score(const char *text, size_t len, const struct reply_opts *opts,
                       struct reply_result *out)
{
    if (text == NULL || len == 0 || len > 3)
        return false;
    int v = 0;
    for (size_t k = 0; k < len; k++) {
        if (!(text[k] >= '0' && text[k] <= '9'))
            return false;
        v = v * 10 + (text[k] - '0');
    }
    if (len == 3 && (memcmp(text, "911", 3) == 0 || memcmp(text, "988", 3) == 0))
        return false;
    double smin, smax;
    scale_of(opts, &smin, &smax);
    if (v >= smin && v <= smax) {
        out->intent = REPLY_MOOD;
        out->has_score = true;
        out->score = v;
    } else {
        out->signals = REPLY_SIG_OUT_OF_RANGE;
    }
    return true;
}

/* Fills *out for len bytes of text. Everything lives on the stack (about
 * 17 KB); nothing is allocated, so nothing can fail. */

void reply_parse(const char *text, size_t len, const struct reply_opts *opts,
                 struct reply_result *out)
{
    struct scan sc;
    struct norm nm;

    if (out == NULL)
        return;
    memset(out, 0, sizeof *out);
    out->intent = REPLY_OTHER;
    if (bare_score(text, len, opts, out))
        return;
    call_once(&rp_idx_once, rp_index_build_all);

    scan_init(&sc, opts);
    if (text != NULL && len > 0)
        rp_norm_text(&nm, &sc, (const uint8_t *)text, len);
    rp_feed_end(&sc); /* settles held and pending marks, ends the last token */
    rp_chunk_scan(&sc, true);

    unsigned crisis = sc.crisis_n + sc.cf.crisis, crisis_neg = sc.crisis_neg + sc.cf.crisis_neg;
    /* "someone od'd at the bus stop and i called 911": the client dialled
     * for the somebody else of another finding, and nothing else is a
     * crisis: a note */
    if (crisis > 0 && sc.dialled_for_other == crisis - crisis_neg && crisis_neg == 0 &&
        ((sc.reasons | sc.cf.reasons) & REPLY_R_OTHER_PERSON)) {
        crisis = 0;
        sc.cf.context++;
    }
    /* a means at hand and despair in one reply ("got the strap out. im
     * done fr", "tengo las pastillas aqui y ya no puedo mas"): a method and
     * hopelessness together are more than either, so alert rather than
     * ask (each alone asks; MEANS_ONLY is set only for the client's own) */
    uint32_t said = sc.reasons | sc.cf.reasons;
    if (crisis == 0 && (said & REPLY_R_MEANS_ONLY) && (said & REPLY_R_DESPAIR) &&
        !(said & (REPLY_R_DENIAL | REPLY_R_PAST | REPLY_R_TOPIC | REPLY_R_OTHER_PERSON))) {
        crisis = 1;
        sc.cf.reasons |= REPLY_R_MEANS;
    }
    unsigned relapse = sc.relapse_n + sc.cf.relapse;
    if (crisis > 0) {
        out->signals |= REPLY_SIG_CRISIS;
        if (crisis_neg == crisis)
            out->signals |= REPLY_SIG_NEGATED; /* every finding was denied */
    }
    if (relapse > 0)
        out->signals |= REPLY_SIG_RELAPSE;
    /* an opt-out's own words are no request for contact ("stop texting
     * me"), but a call asked for beside it still pages: "no me escriban,
     * llamenme hoy" (the texts stop, a person calls) */
    if (sc.cf.contact > 0 && (sc.kw != REPLY_STOP || rp_call_asked(&sc)))
        out->signals |= REPLY_SIG_CONTACT;
    if (sc.cf.event > 0)
        out->signals |= REPLY_SIG_EVENT;
    if (sc.cf.ambiguous > 0 && crisis == 0)
        out->signals |= REPLY_SIG_AMBIGUOUS;
    if (sc.cf.context > 0 && crisis == 0 && relapse == 0)
        out->signals |= REPLY_SIG_CONTEXT;
    out->reasons = sc.reasons | sc.cf.reasons;
    /* the learned second opinion, told the mood the rules read in words
     * (none beside a number) */
    reply_model_apply(text, len, sc.have_best ? 0 : sc.word_val, out);

    if (sc.kw == REPLY_ACK) {
        out->intent = REPLY_ACK;
        out->ack_id = sc.ack_id;
        return; /* its number is an alert id, not a score */
    }
    /* a short reply with no score and no risk: a misspelt mood word? */
    if (!sc.have_best && sc.word_val == 0 && crisis == 0 && relapse == 0 && len <= 64)
        rp_mood_typo(&sc);
    if (sc.have_best) {
        if (sc.best_oor) {
            out->signals |= REPLY_SIG_OUT_OF_RANGE;
        } else {
            out->has_score = true;
            out->score = sc.best_val;
        }
    } else if (sc.word_val > 0 && crisis == 0 && !(len <= 48 && rp_ack_only(&sc))) {
        /* A mood word, mapped from 1-10 onto the scale and rounded. Not
         * in a crisis reply: "I said I'm fine but..." is not a 6. A reply
         * in words scores 2 at the lowest: the words keep 1 for "the
         * worst" among themselves (a hedge lifts it further), but people
         * who put a number on a mood they wrote in words do not give it 1
         * (README, "Reply understanding": no blind writer did, of 786 word
         * replies). The bottom two of the scale stay together for the
         * alert and the screening question. */
        int v = rp_mood_sarcasm(sc.word_val, text, len);
        v = v < 2 ? 2 : v;
        double x = sc.smin + (v - 1) * (sc.smax - sc.smin) / 9.0;
        out->has_score = true;
        out->score = (double)(long)(x + 0.5);
        out->score_from_words = true;
    }
    /* the bottom of the scale with words of hopelessness: ask directly */
    if (out->has_score && crisis == 0 && sc.cf.hopeless > 0 &&
        out->score <= sc.smin + (sc.smax - sc.smin) / 9.0) {
        out->signals |= REPLY_SIG_AMBIGUOUS;
        out->reasons |= REPLY_R_LOW_HOPELESS;
    }
    if (sc.kw != REPLY_OTHER)
        out->intent = sc.kw;
    else if (out->has_score)
        out->intent = REPLY_MOOD;
}

/* ---- operator vocabulary ---------------------------------------------------- */

static const char *const vocab_kind_names[REPLY_VOCAB__COUNT] = {"crisis", "relapse",
                                                                 "substance"};

const char *reply_vocab_kind_name(enum reply_vocab_kind k)
{
    return (unsigned)k < REPLY_VOCAB__COUNT ? vocab_kind_names[k] : "?";
}

int reply_vocab_kind_parse(const char *s, enum reply_vocab_kind *out)
{
    for (int k = 0; k < REPLY_VOCAB__COUNT; k++)
        if (s != NULL && strcmp(s, vocab_kind_names[k]) == 0) {
            *out = (enum reply_vocab_kind)k;
            return 0;
        }
    return -1;
}

struct reply_vocab *reply_vocab_new(void)
{
    return calloc(1, sizeof(struct reply_vocab));
}

void reply_vocab_free(struct reply_vocab *v)
{
    if (v == NULL)
        return;
    for (int k = 0; k < REPLY_VOCAB__COUNT; k++) {
        for (size_t i = 0; i < v->lists[k].n; i++)
            free((char *)v->lists[k].ph[i].p);
        free(v->lists[k].ph);
        free(v->lists[k].next);
    }
    free(v);
}

size_t reply_vocab_count(const struct reply_vocab *v, enum reply_vocab_kind kind)
{
    return v != NULL && (unsigned)kind < REPLY_VOCAB__COUNT ? v->lists[kind].n : 0;
}

/* Normalises one phrase the way reply_parse reads a reply, into out as
 * pattern words ("fent*", "go to sleep forever"). Returns 0, or -1 with
 * why filled. */
static int phrase_compile(const char *in, size_t len, char *out, size_t outsz, char *why,
                          size_t whylen)
{
    struct scan sc;
    struct norm nm;
    size_t o = 0, words = 0;

    if (len > 200) {
        snprintf(why, whylen, "too long (at most 200 bytes)");
        return -1;
    }
    for (size_t k = 0; k < len; k++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const uint8_t *)in + k,
                                              (utf8proc_ssize_t)(len - k), &cp);
        if (l <= 0) {
            snprintf(why, whylen, "not valid UTF-8");
            return -1;
        }
        k += (size_t)l - 1;
    }
    /* the whole phrase at once, as a reply would be read (spaced letters
     * join); a '*' may only end it */
    size_t e = len;
    while (e > 0 && (in[e - 1] == ' ' || in[e - 1] == '\t'))
        e--;
    bool prefix = false;
    while (e > 0 && in[e - 1] == '*') {
        prefix = true;
        e--;
    }
    if (memchr(in, '*', e) != NULL) {
        snprintf(why, whylen, "only the last word may end in '*' (a prefix)");
        return -1;
    }
    scan_init(&sc, NULL);
    rp_norm_text(&nm, &sc, (const uint8_t *)in, e);
    rp_feed_end(&sc);
    if (sc.len == 0 && e > 0) {
        snprintf(why, whylen, "holds no letter or digit");
        return -1;
    }
    for (size_t t = 0; t < sc.len;) {
        size_t te = t;
        while (te < sc.len && sc.w[te] != ' ' && sc.w[te] != '\t' && sc.w[te] != GLUE)
            te++;
        if (te == t) { /* the tab of rp_mark_lone_first */
            t++;
            continue;
        }
        char c = sc.w[t];
        bool word = c >= 'a' && c <= 'z', num = (c >= '0' && c <= '9') || c == '-';
        if (!word && !num) {
            snprintf(why, whylen,
                     "only letters, digits and spaces (no punctuation, no emoji)");
            return -1;
        }
        if (o == 0 && !word) {
            snprintf(why, whylen, "must start with a letter");
            return -1;
        }
        if (++words > REPLY_VOCAB_WORDS) {
            snprintf(why, whylen, "too many words (at most %d)", REPLY_VOCAB_WORDS);
            return -1;
        }
        if (o + (te - t) + 3 > outsz) {
            snprintf(why, whylen, "too long");
            return -1;
        }
        if (o > 0)
            out[o++] = ' ';
        memcpy(out + o, sc.w + t, te - t);
        o += te - t;
        t = te + 1;
    }
    if (prefix && o > 0)
        out[o++] = '*';
    if (o == 0) {
        snprintf(why, whylen, "empty phrase");
        return -1;
    }
    out[o] = '\0';
    return 0;
}

int reply_vocab_add(struct reply_vocab *v, enum reply_vocab_kind kind, const char *phrase,
                    size_t len, char *why, size_t whylen)
{
    char pat[256];
    if (v == NULL || phrase == NULL || (unsigned)kind >= REPLY_VOCAB__COUNT) {
        snprintf(why, whylen, "internal: bad argument");
        return -1;
    }
    struct reply_vocab_list *l = &v->lists[kind];
    if (l->n >= REPLY_VOCAB_MAX) {
        snprintf(why, whylen, "too many %s phrases (at most %d)", vocab_kind_names[kind],
                 REPLY_VOCAB_MAX);
        return -1;
    }
    if (phrase_compile(phrase, len, pat, sizeof pat, why, whylen) != 0)
        return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct phrase *ph = realloc(l->ph, cap * sizeof *ph);
        if (ph == NULL)
            goto oom;
        l->ph = ph;
        uint16_t *next = realloc(l->next, cap * sizeof *next);
        if (next == NULL)
            goto oom;
        l->next = next;
        l->cap = cap;
    }
    char *dup = strdup(pat);
    if (dup == NULL)
        goto oom;
    l->ph[l->n].p = dup;
    l->ph[l->n].flags = 0;
    l->n++;
    rp_index_fill(l->head, l->next, l->ph, l->n);
    return 0;
oom:
    snprintf(why, whylen, "out of memory");
    return -1;
}

static const char *const reason_names[REPLY_R__COUNT] = {
    "phrase",    "self_death", "self_harm",   "means",    "overdose",     "farewell",
    "time_out",  "burden",     "no_wake",     "emergency", "relapse",     "use",
    "state",     "dealer",     "day_one",     "contact",  "event",        "despair",
    "means_only", "low_hopeless", "other_person", "past", "topic",        "sobriety",
    "denial",    "vocab",      "model",       "accident", "dose",         "everyday",
};

const char *reply_reason_name(enum reply_reason r)
{
    for (int k = 0; k < REPLY_R__COUNT; k++)
        if ((uint32_t)r == 1u << k)
            return reason_names[k];
    return "?";
}

char *reply_reasons_text(uint32_t reasons, char *out, size_t outsz)
{
    size_t n = 0;
    if (outsz == 0)
        return out;
    out[0] = '\0';
    for (int k = 0; k < REPLY_R__COUNT; k++) {
        if (!(reasons & (1u << k)))
            continue;
        int w = snprintf(out + n, outsz - n, "%s%s", n ? "," : "", reason_names[k]);
        if (w < 0 || (size_t)w >= outsz - n) {
            out[n] = '\0'; /* a cut name is left out whole */
            break;
        }
        n += (size_t)w;
    }
    return out;
}

bool reply_is_unclear(const struct reply_result *r)
{
    return r->intent == REPLY_OTHER && !r->has_score && r->signals == 0;
}

const char *reply_intent_name(enum reply_intent i)
{
    switch (i) {
    case REPLY_MOOD: return "mood";
    case REPLY_STOP: return "stop";
    case REPLY_START: return "start";
    case REPLY_HELP: return "help";
    case REPLY_ACK: return "ack";
    case REPLY_OTHER: break;
    }
    return "other";
}

/* {"intent":"mood","score":7,"signals":["crisis"],"ack_id":null}. Returns
 * the length, or -1 (and "" when outsz > 0) if out is too small. */
int reply_to_json(const struct reply_result *r, char *out, size_t outsz)
{
    static const struct {
        unsigned bit;
        const char *name;
    } sigs[] = {
        {REPLY_SIG_CRISIS, "crisis"},
        {REPLY_SIG_RELAPSE, "relapse"},
        {REPLY_SIG_NEGATED, "negated"},
        {REPLY_SIG_OUT_OF_RANGE, "out_of_range"},
        {REPLY_SIG_CONTACT, "contact"},
        {REPLY_SIG_EVENT, "event"},
        {REPLY_SIG_AMBIGUOUS, "ambiguous"},
        {REPLY_SIG_CONTEXT, "context"},
    };
    char buf[256];
    size_t n = 0;
    int k;

    if (out != NULL && outsz > 0)
        out[0] = '\0';
    if (r == NULL || out == NULL)
        return -1;
    k = snprintf(buf, sizeof buf, "{\"intent\":\"%s\",\"score\":", reply_intent_name(r->intent));
    n += (size_t)k;
    if (r->has_score)
        k = snprintf(buf + n, sizeof buf - n, "%g", r->score);
    else
        k = snprintf(buf + n, sizeof buf - n, "null");
    n += (size_t)k;
    k = snprintf(buf + n, sizeof buf - n, ",\"signals\":[");
    n += (size_t)k;
    bool first = true;
    for (size_t i = 0; i < NELEM(sigs); i++) {
        if (!(r->signals & sigs[i].bit))
            continue;
        k = snprintf(buf + n, sizeof buf - n, "%s\"%s\"", first ? "" : ",", sigs[i].name);
        n += (size_t)k;
        first = false;
    }
    if (r->intent == REPLY_ACK)
        k = snprintf(buf + n, sizeof buf - n, "],\"ack_id\":%lld}", (long long)r->ack_id);
    else
        k = snprintf(buf + n, sizeof buf - n, "],\"ack_id\":null}");
    n += (size_t)k;
    if (n + 1 > outsz)
        return -1;
    memcpy(out, buf, n + 1);
    return (int)n;
}

