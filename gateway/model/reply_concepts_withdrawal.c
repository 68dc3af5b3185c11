/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_withdrawal.c: a state after the use (reply_rules.h):
 * withdrawal ("dope sick", "con la malilla", "sweating and aching since i
 * ran out", "hands wont stop shaking till i get a drink in me") and the
 * hangover ("worst hangover of my life", "con un guayabo"). Sickness from a
 * supply that ran out says the client was using until then, and the next
 * use is close: the specialist hears it today. Most of its signs (sweats,
 * chills, aches, the shakes) are as often the flu, a fever or the cold, so
 * a sign counts only with another sign and a supply run out, or with a
 * need to use to stop it; words that name withdrawal count by themselves.
 * A withdrawal the client chose is sobriety news ("day 3 clean, the
 * sweats are brutal", "when i quit"), and so is one told as a story of
 * then; another person's is theirs. An everyday cause (the flu, a doctor,
 * the heat) lowers a sign. */
#include "model/reply_rules.h"

#include "model/reply.h"

/* What ran out is a substance or the client's supply of one ("ran out of
 * my subs", "se me acabaron las pastillas", or nothing named: "since i
 * ran out"), not gas, coffee or time. Token j is the word after the verb. */
static bool supply_after(const struct ctx *c, size_t j)
{
    size_t k = j;
    if (in_set(c, k, SET("of", "la", "el", "las", "los", "mi", "mis")))
        k++;
    if (in_set(c, k, SET("my", "the", "mi", "mis", "la", "el", "las", "los", "his", "her")))
        k++;
    if (k == j)
        return true; /* "since i ran out", "ran out yesterday" */
    return has(c, k, T_DRUG | T_MED) ||
           in_set(c, k, SET("pills", "subs", "stuff", "supply", "stash", "it", "meds", "pastillas",
                            "droga", "dope", "fix", "shit", "mierda"));
}

/* The reply says the supply ran out ("ran out", "se me acabó", "no pills
 * left"). */
static bool ran_out_in(const struct ctx *c)
{
    for (size_t j = 0; j < c->n; j++) {
        if (in_set(c, j, SET("ran", "run", "running", "runnin", "runing")) && is(c, j + 1, "out") &&
            supply_after(c, j + 2))
            return true;
        if (in_set(c, j, SET("acabo", "acabaron", "termino", "terminaron")) && j > 0 &&
            is(c, j - 1, "me") && supply_after(c, j + 1))
            return true;
        /* "no pills left", "nothing left since saturday" */
        if (is(c, j, "left") && j > 0 &&
            (in_set(c, j - 1, SET("none", "nothing", "nada")) ||
             (j > 1 && is(c, j - 2, "no") &&
              (has(c, j - 1, T_DRUG | T_MED) || in_set(c, j - 1, SET("pills", "subs", "stuff", "dope"))))))
            return true;
    }
    return false;
}

/* Token j, a sign, is followed by a need to use to stop it: "shaking till
 * i get a drink in me", "temblando hasta que me tome algo". */
static bool need_to_stop(const struct ctx *c, size_t j)
{
    for (size_t k = j + 1; k < c->n && k <= j + 6; k++) {
        if (has(c, k, T_BREAK))
            return false;
        if (!in_set(c, k, SET("till", "until", "til", "untill", "hasta")))
            continue;
        for (size_t m = k + 1; m < c->n && m <= k + 6; m++)
            if (has(c, m, T_DRUG | T_USEV | T_USEACT) ||
                in_set(c, m, SET("drink", "hit", "fix", "dose", "trago", "algo", "something")))
                return true;
        return false;
    }
    return false;
}

/* The hangover word at token j is one of drink: no other kind near it
 * ("emotional hangover", "sugar hangover", "resaca emocional", "la resaca
 * del mar", "resaca de domingo, demasiada comida"), nor the film
 * ("watching the hangover"). */
static bool hangover_of_drink(const struct ctx *c, size_t j)
{
    static const char *const kinds[] = {
        "emotional", "emocional", "sugar", "food", "carb", "vulnerability", "social", "work", "holiday",
        "caffeine", "coffee", "netflix", "anesthesia", "anestesia", "book", "gaming", "sleep",
        "shopping", "adrenaline", "azucar", "comida", "mar", "olas", "playa", "marea", "cure", "cures",
        "remedy", "remedies", "remedio", "movie", "film", "pelicula", "watching", "watched", "viendo",
        "heat", "calor", "sun", "sol"};
    if (any_str(c, window(c, j, 2, 6, 1), j, LIST(kinds)))
        return false;
    /* "the hangover" as a film: watched, or part 2 */
    return !(j > 0 && is(c, j - 1, "the") &&
             (any_str(c, window(c, j, 4, 3, 0), j, SET("watch", "watching", "watched", "saw", "movie", "part", "film")) ||
              has(c, j + 1, T_NUMBER)));
}

/* What word token i is: a name of withdrawal by itself (W_NAME: "dope
 * sick", "dopesick", "la malilla"; the noun "withdrawal(s)" or
 * "abstinencia" only beside the self, as a counselor's talk of it is not
 * the client's), a name only beside a sign (W_NAME_SIGNED: "el mono" is as
 * often a monkey or "cute", "jonesing" a craving for tacos), a sign of it
 * (W_SIGN), or none. Called for every token when counting. */
enum { W_NONE, W_SIGN, W_NAME_SIGNED, W_NAME };
static int withdrawal_word(const struct ctx *c, size_t i)
{
    if (in_set(c, i, SET("dopesick", "dopesik", "malilla")) ||
        (is(c, i, "dope") && in_set(c, i + 1, SET("sick", "sik"))))
        return W_NAME;
    /* the hangover, last night's drink: "worst hangover of my life",
     * "tengo una resaca horrible", "con un guayabo tremendo"; not an
     * emotional or a sugar one, the sea's "resaca", nor the film */
    if (in_set(c, i, SET("hangover", "hangova", "hangovers", "resaca", "guayabo", "chuchaqui")))
        return hangover_of_drink(c, i) ? W_NAME : W_NONE;
    if (in_set(c, i, SET("withdrawals", "withdrawal", "abstinencia")))
        return any_in(c, window(c, i, 4, 4, 0), T_SELFSUBJ | T_SELFOBJ, i) ? W_NAME : W_NONE;
    if ((is(c, i, "mono") && i > 0 && in_set(c, i - 1, SET("el", "un", "tengo"))) ||
        in_set(c, i, SET("jonesing", "jonesin")))
        return W_NAME_SIGNED;
    if (in_set(c, i, SET("sweating", "sweats", "sweaty", "chills", "aching", "achy", "aches", "yawning",
                         "yawn", "sneezing", "goosebumps", "cramps", "cramping", "diarrhea", "shits",
                         "shaking", "shakes", "shaky", "tremors", "clammy", "sudando", "sudar", "sudor", "sudores", "escalofrios", "temblando", "tiemblo",
                         "temblor", "temblores", "bostezando", "bostezos", "diarrea", "calambres",
                         "huesos")))
        return W_SIGN;
    /* "runny nose", "restless legs", "legs wont stop kicking",
     * "everything hurts", "me duele todo" */
    if ((in_set(c, i, SET("runny", "restless")) && in_set(c, i + 1, SET("nose", "legs"))) ||
        (is(c, i, "kicking") && i > 0 && any_str(c, window(c, i, 4, 0, 0), i, SET("legs", "leg"))) ||
        (is(c, i, "hurts") && i > 0 && in_set(c, i - 1, SET("everything", "body", "bones"))) ||
        (is(c, i, "duele") && in_set(c, i + 1, SET("todo", "todito"))))
        return W_SIGN;
    return W_NONE;
}

/* How many signs the reply tells, not denied, up to two; whether it names
 * withdrawal anywhere but token skip (*named). */
static size_t signs_in(const struct ctx *c, size_t skip, bool *named)
{
    size_t n = 0;
    *named = false;
    for (size_t j = 0; j < c->n; j++) {
        int w = withdrawal_word(c, j);
        /* "no sweats", not "no paro de sudar" (cannot stop) */
        if (w == W_SIGN && n < 2 &&
            (!negated(c, j) || any_str(c, window(c, j, 3, 0, 0), j, SET("paro", "stop", "para", "dejo"))))
            n++;
        *named = *named || (j != skip && w == W_NAME);
    }
    return n;
}

/* Withdrawal starts at token i: a name of it, "el mono" beside a sign, a
 * sign beside a name or the need to use, or two signs beside a supply
 * run out. */
static bool withdrawal_at(const struct ctx *c, size_t i)
{
    int w = withdrawal_word(c, i);
    if (w == W_NONE)
        return false;
    bool named;
    size_t signs = signs_in(c, i, &named);
    if (w == W_NAME || (w == W_NAME_SIGNED && signs > 0))
        return true;
    return w == W_SIGN && (named || need_to_stop(c, i) || (signs >= 2 && ran_out_in(c)));
}

/* The withdrawal was chosen ("withdrawal was hell when i quit", "en el
 * detox") or is told as a story of then ("cuando dejé la heroína tuve la
 * malilla", "when i was in jail i was dope sick"): no use now. */
static bool chosen_or_then(const struct ctx *c)
{
    bool when = false, was = false;
    for (size_t j = 0; j < c->n; j++) {
        if (in_set(c, j, SET("quit", "quitting", "deje", "dejar", "dejando", "detox", "detoxing", "rehab",
                             "kicked", "taper", "tapering", "desintox", "desintoxicacion", "clinica",
                             "hospital", "inpatient", "stopped")))
            return true;
        when = when || in_set(c, j, SET("when", "cuando", "back"));
        was = was || in_set(c, j, SET("was", "were", "had", "tuve", "estaba", "estuve", "tenia", "pase"));
    }
    return when && was;
}

/* The way down from a high, said of oneself (round p60): "havent come
 * down yet", "coming down hard", "still coming down", "estoy bajando del
 * cristal". Not "coming down with a cold", "come down here", "the rain is
 * coming down hard", "coming down from the mountains", "bajando de peso". */
static bool come_down_at(const struct ctx *c, size_t i)
{
    if (is(c, i, "bajando"))
        return in_set(c, i + 1, SET("del", "de")) &&
               (has(c, i + 2, T_DRUG) || (in_set(c, i + 2, SET("la", "el")) && has(c, i + 3, T_DRUG))) &&
               !any_in(c, window(c, i, 6, 0, 1), T_OTHER, i);
    if (!is(c, i + 1, "down"))
        return false;
    /* how: "yet", "hard", "rough", or the drug it is from */
    bool how = in_set(c, i + 2, SET("yet", "hard", "rough", "bad", "ruff", "now", "rn", "slow", "finally")) ||
               (is(c, i + 2, "from") && any_in(c, window(c, i, 0, 5, 0), T_DRUG, i)) ||
               (i + 2 >= c->n && (i == 0 || in_set(c, i - 1, SET("still", "havent", "hasnt", "cant", "finally"))));
    /* whose: the client's, told at the clause's start or by a word of now;
     * a bare "come" only after a word that makes it no order ("havent come
     * down yet"; not "come down now, dinner is ready") */
    bool mine = (!is(c, i, "come") && (i == 0 || has(c, i - 1, T_BREAK))) ||
                any_in(c, window(c, i, 3, 0, 0), T_SELFSUBJ, i) ||
                any_str(c, window(c, i, 3, 0, 0), i, SET("still", "havent", "hasnt", "finally", "just"));
    if (is(c, i, "come") && !(i > 0 && in_set(c, i - 1, SET("havent", "hasnt", "cant", "to", "didnt", "wont",
                                                            "finally", "just", "aint", "not", "never"))))
        return false;
    return how && mine && !any_in(c, window(c, i, 6, 6, 1), T_OTHER | T_PASTMARK | T_SAFE, i) &&
           !any_str(c, window(c, i, 0, 6, 1), i, SET("with", "stairs", "here", "mountain", "hill",
                    "rain", "snow", "cold", "flu", "fever", "sugar", "caffeine", "coffee"));
}

uint32_t rule_relapse_withdrawal(const struct ctx *c, size_t i)
{
    /* its first words, which gate it: every word withdrawal_word() tests
     * token i against (scripts/gen-reply-triggers.py checks the two) */
    bool head = in_set(c, i, SET("dopesick", "dopesik", "malilla", "withdrawals", "withdrawal",
                                 "abstinencia", "hangover", "hangova", "hangovers", "resaca", "guayabo",
                                 "chuchaqui", "dope", "mono", "sweating",
                                 "sweats", "sweaty", "chills", "aching", "achy", "aches", "yawning",
                                 "yawn", "sneezing", "goosebumps", "cramps", "cramping", "diarrhea",
                                 "shits", "shaking", "shakes", "shaky", "tremors", "clammy", "jonesing",
                                 "jonesin", "sudando", "sudar", "sudor", "sudores", "escalofrios",
                                 "temblando", "tiemblo", "temblor", "temblores", "bostezando", "bostezos",
                                 "diarrea", "calambres", "huesos", "runny", "restless", "kicking", "hurts",
                                 "duele"));
    if (head && withdrawal_word(c, i) && withdrawal_at(c, i) && !negated(c, i) &&
        !effect_not_now(c, i, false) && !everyday_cause_of(c, true) && !chosen_or_then(c))
        return REPLY_R_STATE;
    if (in_set(c, i, SET("come", "coming", "comin", "bajando")) && come_down_at(c, i))
        return REPLY_R_STATE;
    return 0;
}
