/* SPDX-License-Identifier: Apache-2.0 */
/* reply_keywords.c: the reply parser's keyword reader (see reply.c): STOP,
 * START, HELP and ACK. */
#include "model/reply_scan.h"

#include <string.h>

/* ---- keywords -------------------------------------------------------------- */

/* ---- opt-outs in plain words ---------------------------------------------- */

/* The program's texts by name, plural or "check ins": "text" alone is
 * also a verb ("i dont want to text him"). */
static const char *const msg_nouns[] = {
    "texts", "txts", "messages", "msgs", "checkins", "reminders", "mensajes", "textos",
    "recordatorios", "subscription", "suscripcion",
};

static bool msg_noun_at(const struct scan *sc, size_t i)
{
    return rp_tok_in(sc, i, msg_nouns, NELEM(msg_nouns)) ||
           (rp_tok_is(sc, i, "check") && rp_tok_is(sc, i + 1, "ins"));
}

/* The words that may stand between the wish and the texts: "dont want
 * (to get any more) texts", "ya no quiero (que me manden) mensajes". */
/* Only politeness from token i to hi: "make the texts stop (please)",
 * not "my texts stop sending sometimes". */
static bool polite_to(const struct scan *sc, size_t i, size_t hi)
{
    static const char *const polite[] = {"please", "pls", "plz", "now", "thanks", "thank", "you",
                                         "thx", "ty", "asap", "already", "ok", "por", "favor",
                                         "porfa", "gracias", "ya"};
    for (; i < hi; i++)
        if (!rp_tok_in(sc, i, polite, NELEM(polite)))
            return false;
    return true;
}

/* The texts of somebody else: "messages from my ex", "mensajes de mi
 * ex" (but "texts from you", "from this number" are the program's). */
static bool from_another(const struct scan *sc, size_t i)
{
    static const char *const whose[] = {"my", "mi", "him", "her", "his", "that", "people", "ese",
                                        "esa", "su"};
    return (rp_tok_is(sc, i, "from") || rp_tok_is(sc, i, "de")) && rp_tok_in(sc, i + 1, whose, NELEM(whose));
}

static bool wish_gap_word(const struct scan *sc, size_t i)
{
    static const char *const gap[] = {"to", "get", "getting", "receive", "receiving", "any", "more",
                                      "these", "those", "the", "your", "ur", "them", "recibir",
                                      "que", "me", "manden", "envien", "mandes", "mas", "estos",
                                      "los", "sus", "tus", "all", "daily", "de", "my", "mi"};
    return rp_tok_in(sc, i, gap, NELEM(gap));
}

/* A negator (or "no longer", "ya no") just before token i. */
static bool wish_negated(const struct scan *sc, size_t i)
{
    if (i == 0)
        return false;
    if (rp_tok_in(sc, i - 1, rp_negators, rp_negators_n) || rp_tok_is(sc, i - 1, "longer") ||
        rp_tok_is(sc, i - 1, "nolonger"))
        return true;
    return i > 1 && rp_tok_is(sc, i - 1, "not") && rp_tok_is(sc, i - 2, "do");
}

/* The clause [lo, hi) asks for the texts to stop without the keyword:
 * - the texts, then "stop" ending the clause: "i want these texts to
 *   stop", "make the messages stop" (not "i hope these texts never stop");
 * - a stop verb before the texts: "paren los mensajes", "cancel my
 *   subscription", "cancelen los mensajes" (not "para": Spanish "for");
 * - a wish denied, then the texts: "i dont want to get texts anymore", "i
 *   no longer wish to receive these messages", "i dont need these texts
 *   anymore", "ya no quiero mensajes"; or "...get these anymore";
 * - a number removed: "remove this number", "saquen mi numero de la
 *   lista". */
static bool optout_clause(const struct scan *sc, size_t lo, size_t hi)
{
    static const char *const stopv[] = {"stop", "paren", "cancel", "cancelen", "detengan",
                                        "quit", "cease", "halt", "suspendan", "end"};
    static const char *const wish[] = {"want", "wanna", "wish", "need", "quiero", "necesito"};
    static const char *const removev[] = {"remove", "delete", "erase", "borren", "borra",
                                          "borrar", "quiten", "quitar", "saquen", "sacar", "saca"};
    static const char *const numberd[] = {"this", "my", "mi", "este", "our"};
    static const char *const numbern[] = {"number", "numero", "num", "phone", "cel", "celular"};
    /* "when do the texts stop?": a question, not a wish */
    static const char *const asks[] = {"when", "what", "how", "why", "does", "do", "will", "if",
                                       "cuando", "hope", "ojala"};
    bool neg = false; /* a negator or a question before the texts */
    for (size_t i = lo; i < hi; i++) {
        neg = neg || rp_tok_in(sc, i, rp_negators, rp_negators_n);
        neg = neg || rp_tok_in(sc, i, asks, NELEM(asks));
        if (msg_noun_at(sc, i) && !neg) {
            size_t e = i + (rp_tok_is(sc, i, "check") ? 2 : 1);
            for (size_t k = e; k < hi && k <= e + 2 && !rp_tok_in(sc, k, rp_negators, rp_negators_n); k++)
                if (rp_tok_is(sc, k, "stop") && polite_to(sc, k + 1, hi))
                    return true;
        }
        if (rp_tok_in(sc, i, stopv, NELEM(stopv)) && !(i > lo && wish_negated(sc, i))) {
            size_t k = i + 1;
            while (k < hi && k <= i + 3 && !msg_noun_at(sc, k) && wish_gap_word(sc, k))
                k++;
            if (k < hi && msg_noun_at(sc, k) && !from_another(sc, k + 1))
                return true;
        }
        if (rp_tok_in(sc, i, wish, NELEM(wish)) && wish_negated(sc, i)) {
            size_t k = i + 1;
            while (k < hi && k <= i + 6 && !msg_noun_at(sc, k) && wish_gap_word(sc, k))
                k++;
            if (k < hi && msg_noun_at(sc, k) && !from_another(sc, k + (rp_tok_is(sc, k, "check") ? 2 : 1)))
                return true;
            /* "i dont wanna get these anymore" */
            if (k < hi && (rp_tok_is(sc, k, "anymore") || rp_tok_is(sc, k, "nomore")) && k >= i + 3 &&
                (rp_tok_is(sc, k - 1, "these") || rp_tok_is(sc, k - 1, "them")) &&
                (rp_tok_in(sc, k - 2, (const char *const[]){"get", "receive", "getting"}, 3)))
                return true;
        }
        if (rp_tok_in(sc, i, removev, NELEM(removev)) && rp_tok_in(sc, i + 1, numberd, NELEM(numberd)) &&
            i + 2 < hi && rp_tok_in(sc, i + 2, numbern, NELEM(numbern)))
            return true;
    }
    return false;
}

/* Every form of a plain-words opt-out names the texts, a number or
 * "anymore": most replies have none, and are read once, cheaply. */
static const char *const anchors[] = {
    "texts", "txts", "messages", "msgs", "checkins", "check", "reminders", "mensajes",
    "textos", "recordatorios", "subscription", "suscripcion", "anymore", "nomore",
    "number", "numero", "num", "phone", "cel", "celular"};
/* their first letters (taken from the list, so it stays true to it), and
 * those of the words a keyword clause may hold: most tokens start with
 * none of them */
static uint32_t anchors_first, clause_first;

void rp_keywords_build(void)
{
    static const char *const opt_take[] = {"opt", "take"};
    anchors_first = rp_firsts(anchors, NELEM(anchors));
    clause_first = rp_firsts(rp_stop_words, rp_stop_words_n) |
                   rp_firsts(rp_start_words, rp_start_words_n) |
                   rp_firsts(rp_fillers, rp_fillers_n) | rp_firsts(opt_take, NELEM(opt_take));
}

/* Any clause of the chunk is a plain-words opt-out (a crisis in the same
 * reply still escalates: rule 5). */
static bool optout_said(const struct scan *sc, size_t from)
{
    size_t n = sc->ntok, a = from;
    for (; a < n; a++)
        if (rp_may_be_in(sc, a, anchors_first) && rp_tok_in(sc, a, anchors, NELEM(anchors)))
            break;
    if (a == n)
        return false;
    for (size_t lo = from; lo < n;) {
        size_t hi = lo;
        while (hi < n && tkind(sc, hi) != TK_BRK)
            hi++;
        if (optout_clause(sc, lo, hi))
            return true;
        lo = hi + 1;
    }
    return false;
}

/* STOP / START / HELP / ACK from the first chunk. STOP and START: the
 * first clause that is not only politeness must be a keyword clause
 * ("Stop.", "please stop texting me", "STOP. I want to die"), so "I can't
 * stop crying" is not an opt-out. HELP: the whole message is the word.
 * complete: the chunk holds the whole message. */
void rp_keywords(struct scan *sc, bool complete)
{
    size_t n = sc->ntok, i = 0, words = 0;

    while (i < n && tkind(sc, i) == TK_BRK)
        i++;
    if (rp_tok_is(sc, i, "ack")) {
        size_t j = i + 1;
        const char *t = j < n ? sc->w + sc->toff[j] : NULL;
        if (t != NULL && tkind(sc, j) == TK_NUM && t[0] != '-' && sc->tlen[j] <= 15) {
            int64_t id = 0;
            size_t k;
            for (k = 0; k < sc->tlen[j] && t[k] >= '0' && t[k] <= '9'; k++)
                id = id * 10 + (t[k] - '0');
            if (k == sc->tlen[j] && id > 0) {
                sc->kw = REPLY_ACK;
                sc->ack_id = id;
                return;
            }
        }
    }

    for (size_t k = 0; k < n; k++)
        words += tkind(sc, k) == TK_WORD || tkind(sc, k) == TK_NUM;
    if (complete && words == 1 && rp_tok_in(sc, i, rp_help_words, rp_help_words_n)) {
        sc->kw = REPLY_HELP;
        return;
    }

    if (optout_said(sc, i)) {
        sc->kw = REPLY_STOP;
        return;
    }

    /* The first clause with words decides, but a reply may also end in a
     * clause of STOP alone ("I'm done with these check ins, stop"); only
     * the plain opt-out words count there, not "end" or "quit" ("it has to
     * end. end"). A crisis in the same reply still escalates (rule 5). */
    bool first = true, last_stop = false;
    while (i < n) {
        bool stop = false, start = false, other = false, plain = false;
        for (; i < n && tkind(sc, i) != TK_BRK; i++) {
            if (other)
                continue; /* a clause of other words decides nothing: skip its rest */
            if (!rp_may_be_in(sc, i, clause_first)) {
                other = true; /* a word no keyword, opt-out or filler starts with */
                continue;
            }
            if (rp_tok_in(sc, i, rp_stop_words, rp_stop_words_n)) {
                stop = true;
                plain = plain || rp_tok_in(sc, i, rp_plain_stop_words, rp_plain_stop_words_n);
                if (rp_tok_is(sc, i, "stop") && rp_tok_is(sc, i + 1, "all"))
                    i++; /* "stop all" */
            } else if (rp_tok_is(sc, i, "opt") && rp_tok_is(sc, i + 1, "out")) {
                stop = true;
                i++;
            } else if (rp_tok_is(sc, i, "take") && rp_tok_is(sc, i + 1, "me") &&
                       rp_tok_is(sc, i + 2, "off") && rp_clause_end_at(sc, i + 3)) {
                stop = true; /* "take me off", said alone */
                i += 2;
            } else if (rp_tok_in(sc, i, rp_start_words, rp_start_words_n)) {
                start = true;
            } else if (!rp_tok_in(sc, i, rp_fillers, rp_fillers_n)) {
                other = true;
            }
        }
        if (i >= n && !complete)
            return; /* the clause may go on in the next chunk */
        i++;
        if (!stop && !start && !other)
            continue; /* "please." */
        if (first && !other && stop != start) {
            sc->kw = stop ? REPLY_STOP : REPLY_START;
            return;
        }
        first = false;
        last_stop = plain && !other && !start;
    }
    if (last_stop && complete)
        sc->kw = REPLY_STOP;
}

