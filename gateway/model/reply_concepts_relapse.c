/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_relapse.c: the relapse rules of the reply parser
 * (reply_rules.h): a state now, use acts in slang, a dealer, day one
 * again. */
#include "model/reply_rules.h"

#include "model/reply.h"

/* Token j is a drug word used of no drug: "a shot at the interview", "a
 * shot of espresso" (but "a shot of tequila"), "a coke and a sandwich". */
static bool everyday_drug(const struct ctx *c, size_t j)
{
    if (is(c, j, "coke") || is(c, j, "coca"))
        return any_str(c, window(c, j, 3, 3, 0), j, SET("diet", "zero", "can", "soda", "cola",
                       "sandwich", "burger", "fries", "pizza", "lunch", "dinner", "refresco"));
    /* "a drink of water", "drinks of juice": of anything but a drink */
    if (in_set(c, j, SET("drink", "drinks", "trago", "tragos")) && is(c, j + 1, "of"))
        return !has(c, j + 2, T_DRUG);
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
uint32_t rule_relapse(const struct ctx *c, size_t i)
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
        /* "slipped up" said of using: at the end, before a time, or with a
         * use after it ("slipped up and had a few"), not "slipped up at work" */
        if (is(c, i, "slipped") && is(c, i + 1, "up") &&
            (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_TIME | T_AGAIN) ||
             (is(c, i + 2, "and") && (has(c, i + 3, T_USEV | T_USEACT) || is(c, i + 3, "had")))))
            return REPLY_R_USE;
        for (size_t k = 0; is(c, i, "slipped") && k < sizeof place / sizeof place[0]; k++)
            if (is(c, i + 1, place[k]))
                return 0; /* "slipped on the ice" */
        /* "binge watched netflix", "a bender of pizza": a binge of no drug */
        if (in_set(c, i, SET("binge", "bender", "binged", "binging", "bingeing")) &&
            (in_set(c, i + 1, SET("watch", "watched", "watching", "watchin", "eating", "ate",
                                  "eat", "read", "reading", "played", "playing", "cleaned",
                                  "cleaning", "shopping")) ||
             (is(c, i + 1, "of") && !has(c, i + 2, T_DRUG)) ||
             (i > 0 && any_str(c, window(c, i, 1, 0, 0), i, SET("cleaning", "shopping", "eating",
                      "reading", "netflix", "tv", "gaming", "workout", "food", "sugar", "candy",
                      "pizza", "snack", "junk", "study", "studying")))))
            return 0;
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

/* More ways of saying a relapse. Returns a reason bit, or 0. */
uint32_t rule_relapse_more(const struct ctx *c, size_t i)
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
    /* "fell off" (the wagon, left unsaid): "fell off hard", "fell off
     * again this weekend", not "fell off my bike" */
    if (is(c, i, "fell") && is(c, i + 1, "off") &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_TIME | T_AGAIN) ||
         in_set(c, i + 2, SET("hard", "bad", "badly", "big"))))
        return REPLY_R_USE;
    /* "slipped and drank" */
    if (is(c, i, "slipped") && is(c, i + 1, "and") && has(c, i + 2, T_USEV | T_USEACT))
        return REPLY_R_USE;
    return 0;
}
