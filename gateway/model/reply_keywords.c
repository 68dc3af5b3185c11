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
    "recordatorios", "subscription", "suscripcion", "mensaje", "msjs", "msj", "mensajitos",
};

/* the word lists read at every word of a clause, as sets (built in
 * rp_keywords_build) */
static struct rp_wset msg_index, stopv_index, wish_index, stop_index, filler_index;

static bool msg_noun_at(const struct scan *sc, size_t i)
{
    return rp_wset_in(sc, i, &msg_index) ||
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
                                      "los", "sus", "tus", "all", "daily", "de", "my", "mi", "do",
                                      "doing", "hacer", "seguir", "recibiendo", "q", "k", "el", "la",
                                      "servicio", "service", "con", "text", "lleguen", "llegue"};
    /* "stop getting the 1-10 texts", "the check in texts" */
    return rp_tok_in(sc, i, gap, NELEM(gap)) || tkind(sc, i) == TK_NUM || tkind(sc, i) == TK_SYM ||
           rp_tok_is(sc, i, "check") || (rp_tok_is(sc, i, "in") && i > 0 && rp_tok_is(sc, i - 1, "check"));
}

/* A negator (or "no longer", "ya no") just before token i. */
static bool wish_negated(const struct scan *sc, size_t i)
{
    if (i == 0)
        return false;
    if (rp_wset_in(sc, i - 1, &rp_negator_set) || rp_tok_is(sc, i - 1, "longer") ||
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
static const char *const stopv[] = {"stop", "paren", "cancel", "cancelen", "detengan",
                                    "quit", "cease", "halt", "suspendan", "end", "cancelar",
                                    "parar", "parenle", "pararle", "discontinue", "stahp", "stpo"};
static const char *const wish[] = {"want", "wanna", "wish", "need", "quiero", "necesito", "deseo",
                                   "kiero", "quisiera", "quiere", "wants"};

static bool optout_clause(const struct scan *sc, size_t lo, size_t hi)
{
    static const char *const removev[] = {"remove", "delete", "erase", "borren", "borra",
                                          "borrar", "quiten", "quitar", "saquen", "sacar", "saca",
                                          "eliminen", "elimina", "eliminar"};
    static const char *const numberd[] = {"this", "my", "mi", "este", "our", "the", "el", "her", "his", "su"};
    static const char *const numbern[] = {"number", "numero", "num", "phone", "cel", "celular"};
    /* "when do the texts stop?": a question, not a wish */
    static const char *const asks[] = {"when", "what", "how", "why", "does", "do", "will", "if",
                                       "cuando", "hope", "ojala"};
    bool neg = false; /* a negator or a question before the texts */
    for (size_t i = lo; i < hi; i++) {
        neg = neg || rp_wset_in(sc, i, &rp_negator_set);
        neg = neg || rp_tok_in(sc, i, asks, NELEM(asks));
        if (msg_noun_at(sc, i) && !neg) {
            size_t e = i + (rp_tok_is(sc, i, "check") ? 2 : 1);
            for (size_t k = e; k < hi && k <= e + 2 && !rp_wset_in(sc, k, &rp_negator_set); k++)
                if (rp_tok_is(sc, k, "stop") && polite_to(sc, k + 1, hi))
                    return true;
        }
        if (rp_wset_in(sc, i, &stopv_index) && !(i > lo && wish_negated(sc, i))) {
            size_t k = i + 1;
            while (k < hi && k <= i + 3 && !msg_noun_at(sc, k) && wish_gap_word(sc, k))
                k++;
            if (k < hi && msg_noun_at(sc, k) && !from_another(sc, k + 1))
                return true;
        }
        if (rp_wset_in(sc, i, &wish_index) && wish_negated(sc, i)) {
            size_t k = i + 1;
            while (k < hi && k <= i + 6 && !msg_noun_at(sc, k) && wish_gap_word(sc, k))
                k++;
            size_t after = k + (rp_tok_is(sc, k, "check") ? 2 : 1);
            /* (not "i dont want these texts to stop") */
            if (k < hi && msg_noun_at(sc, k) && !from_another(sc, after) &&
                !(rp_tok_is(sc, after, "stop") || (rp_tok_is(sc, after, "to") && rp_tok_is(sc, after + 1, "stop"))))
                return true;
            /* "i dont wanna get these anymore" */
            /* ... "i dont want these anymore" */
            if (k < hi && (rp_tok_is(sc, k, "anymore") || rp_tok_is(sc, k, "nomore")) && k >= i + 2 &&
                (rp_tok_is(sc, k - 1, "these") || rp_tok_is(sc, k - 1, "them")) &&
                (k == i + 2 || rp_tok_in(sc, k - 2, (const char *const[]){"get", "receive", "getting"}, 3)))
                return true;
        }
        if (rp_tok_in(sc, i, removev, NELEM(removev)) && rp_tok_in(sc, i + 1, numberd, NELEM(numberd)) &&
            i + 2 < hi && rp_tok_in(sc, i + 2, numbern, NELEM(numbern)))
            return true;
    }
    return false;
}

/* More forms of the clause [lo, hi) asking for the texts to stop, each
 * with its look-alike left out:
 * - being sent to, denied: "no me sigan mandando", "ya no me manden",
 *   "ya no quiero que me escriban", "favor de ya no enviarme mensajes"
 *   (not when the reply asks for a call: "no me escriban, llamenme");
 * - "dejen de mandarme mensajes", "dejad de enviarme", "dejen de
 *   molestar con los mensajes" (not "deja de preocuparte");
 * - removal of the client: "take me off", "remove me", "quitenme",
 *   "quitadme de la lista", "quitarme de los mensajes", "I'd like to be
 *   removed from the list", "please remove it" said of this number,
 *   "como me salgo de esta lista";
 * - "darme de baja", "den de baja";
 * - "I'd rather not get these messages", "not interested anymore, take me
 *   off", "I no longer wish to participate", "ya no deseo formar parte";
 * - "stop these", "u can stop now", "make these stop" (not "make it stop",
 *   which is despair);
 * - "leave me alone with these texts" (not "leave me alone"). */
/* The words optout_more() starts at, and their first letters (set by
 * rp_keywords_build): most tokens are passed over on their first letter. */
static const char *const more_starts[] = {
    "sigan", "manden", "envien", "escriban", "textees", "texteen", "llegue", "lleguen", "molesten",
    "mandes", "escribas", "envies", "mandarme", "enviarme", "escribirme", "textearme", "molestarme",
    "dejen", "deja", "dejad", "dejes", "dejar", "take", "remove", "unsubscribe", "quitenme", "quitadme",
    "quitarme", "sacame", "sacarme", "saquenme", "quitame", "borrenme", "eliminenme", "removed", "list",
    "lista", "baja", "rather", "participate", "participar", "interested", "stop", "stahp", "stpo", "alone",
    "revoke", "turn", "salir", "salirme", "quitar", "sacar", "borrar", "bajenme", "bajame", "number",
    "numero", "envieis", "mandeis", "escribais", "texts", "txts", "messages", "msgs", "mensajes",
    "textos", "msjs", "mensajitos", "texting"};
static struct rp_wset more_index;

bool rp_call_asked(const struct scan *sc)
{
    static const char *const call[] = {"call", "llamen", "llamenme", "llamame", "llame", "marquen",
                                       "marcame", "marquenme", "llamada", "callme"};
    for (size_t k = 0; k < sc->ntok; k++)
        if (rp_tok_in(sc, k, call, NELEM(call)))
            return true;
    return false;
}

static bool optout_more(const struct scan *sc, size_t lo, size_t hi)
{
    static const char *const sendv[] = {"sigan", "manden", "envien", "escriban", "textees", "texteen",
                                        "llegue", "lleguen", "molesten", "mandes", "escribas", "envies",
                                        "mandarme", "enviarme", "escribirme", "textearme", "molestarme",
                                        "envieis", "mandeis", "escribais"};
    static const char *const leavev[] = {"dejen", "deja", "dejad", "dejes", "dejar"};
    static const char *const afterleave[] = {"mandar", "mandarme", "enviar", "enviarme", "escribir",
                                             "escribirme", "textear", "textearme", "texting", "sending"};
    static const char *const meoff[] = {"quitenme", "quitadme", "quitarme", "sacame", "sacarme", "saquenme",
                                        "quitame", "borrenme", "eliminenme", "bajenme", "bajame"};
    static const char *const lists[] = {"list", "lista", "mensajes", "msjs", "messages", "texts", "programa",
                                        "program", "sistema", "system", "servicio", "textos"};
    for (size_t i = lo; i < hi; i++) {
        if (!rp_wset_in(sc, i, &more_index))
            continue;
        /* (a "dejen de" between says the opposite: "no dejen de mandarme") */
        if (rp_tok_in(sc, i, sendv, NELEM(sendv)) && !rp_call_asked(sc) &&
            !(i > lo + 1 && rp_tok_in(sc, i - 1, (const char *const[]){"de", "d"}, 2) &&
              rp_tok_in(sc, i - 2, leavev, NELEM(leavev)))) {
            /* a negation within three words before, with "me" between
             * (or in the word: "enviarme") */
            bool me = rp_tok_is(sc, i - 1, "me") || (i > lo + 1 && rp_tok_is(sc, i - 2, "me")) ||
                      sc->tlen[i] > 6;
            /* ... of the texts, or of nothing else: "no me escriban", "no
             * me sigan mandando esto", "ya no me manden mas"; not an
             * errand ("no me mandes a la tienda") */
            static const char *const obj[] = {"mas", "more", "nada", "esto", "eso", "estos", "esos",
                                              "mandando", "enviando", "escribiendo", "texteando",
                                              "anymore", "ya", "por", "porfa", "please", "pls", "gracias",
                                              "de", "los", "sus", "mensajes"};
            size_t a = i + 1;
            bool texts = a >= hi || msg_noun_at(sc, a) || rp_tok_in(sc, a, obj, NELEM(obj));
            for (size_t k = i > lo + 5 ? i - 5 : lo; me && texts && k < i; k++)
                if (rp_wset_in(sc, k, &rp_negator_set))
                    return true;
        }
        /* (not "no dejen de mandarme mensajes, me ayudan") */
        if (rp_tok_in(sc, i, leavev, NELEM(leavev)) && rp_tok_in(sc, i + 1, (const char *const[]){"de", "d"}, 2) &&
            !(i > lo && rp_wset_in(sc, i - 1, &rp_negator_set)) &&
            (rp_tok_in(sc, i + 2, afterleave, NELEM(afterleave)) ||
             (rp_tok_in(sc, i + 2, (const char *const[]){"molestar", "molestarme"}, 2) &&
              (rp_tok_in(sc, i + 3, (const char *const[]){"con"}, 1) || i + 3 >= hi))))
            return true;
        /* "take me off", "remove me", "quitenme", alone or before a list */
        bool off = (rp_tok_is(sc, i, "take") && rp_tok_is(sc, i + 1, "me") && rp_tok_is(sc, i + 2, "off")) ||
                   (rp_tok_in(sc, i, (const char *const[]){"remove", "unsubscribe"}, 2) &&
                    rp_tok_is(sc, i + 1, "me"));
        size_t after = i + (rp_tok_is(sc, i, "take") ? 3 : 2);
        if (rp_tok_in(sc, i, meoff, NELEM(meoff)))
            off = true, after = i + 1;
        if (off) {
            size_t k = after;
            while (k < hi && rp_tok_in(sc, k, (const char *const[]){"from", "de", "the", "la", "los", "las",
                                                                      "this", "your", "esta", "su", "sus",
                                                                      "of", "ur", "these", "those", "estos",
                                                                      "daily", "text", "check", "in"}, 20))
                k++;
            if (k >= hi || polite_to(sc, k, hi) || rp_tok_in(sc, k, lists, NELEM(lists)))
                return true;
        }
        /* "to be removed from the list", "asked to be removed" */
        if (rp_tok_is(sc, i, "removed") && i > lo && rp_tok_in(sc, i - 1, (const char *const[]){"be", "get"}, 2))
            return true;
        /* "please remove it" of this number */
        if (rp_tok_is(sc, i, "remove") && rp_tok_in(sc, i + 1, (const char *const[]){"it", "this", "us"}, 3) &&
            (i + 2 >= hi || polite_to(sc, i + 2, hi))) {
            for (size_t k = 0; k < sc->ntok; k++)
                if (rp_tok_in(sc, k, (const char *const[]){"number", "numero", "phone"}, 3))
                    return true;
        }
        /* "como me salgo de esta lista", "how do i get off this list" */
        if (rp_tok_in(sc, i, (const char *const[]){"list", "lista"}, 2) && i > lo + 1 &&
            rp_tok_in(sc, i - 2, (const char *const[]){"off", "de", "from"}, 3) &&
            rp_tok_in(sc, i - 1, (const char *const[]){"this", "the", "your", "esta", "la", "su"}, 6)) {
            for (size_t k = i > lo + 5 ? i - 5 : lo; k < i; k++)
                if (rp_tok_in(sc, k, (const char *const[]){"salgo", "salir", "salirme", "get", "take",
                                                           "quitar", "sacar", "borrar", "remove", "removed"}, 10))
                    return true;
        }
        /* "darme de baja", "den de baja", "kiero darme d baja" */
        if (rp_tok_is(sc, i, "baja") && i > lo + 1 && rp_tok_in(sc, i - 1, (const char *const[]){"de", "d"}, 2) &&
            rp_tok_in(sc, i - 2, (const char *const[]){"dar", "darme", "den", "denme", "deme", "dan", "doy"}, 7))
            return true;
        /* "I'd rather not get these messages" */
        if (rp_tok_is(sc, i, "rather") && rp_tok_is(sc, i + 1, "not")) {
            size_t k = i + 2;
            while (k < hi && k <= i + 7 && !msg_noun_at(sc, k) && wish_gap_word(sc, k))
                k++;
            if (k < hi && msg_noun_at(sc, k))
                return true;
        }
        /* "I no longer wish to participate", "ya no deseo formar parte de
         * los mensajes", "not interested anymore" */
        if (rp_tok_in(sc, i, (const char *const[]){"participate", "participar"}, 2) && i > lo + 1 &&
            ((rp_tok_is(sc, i - 1, "to") && rp_tok_in(sc, i - 2, (const char *const[]){"wish", "want"}, 2) &&
              wish_negated(sc, i - 2)) ||
             (rp_tok_in(sc, i - 1, (const char *const[]){"deseo", "quiero"}, 2) && wish_negated(sc, i - 1))))
            return true;
        if (rp_tok_is(sc, i, "interested") && rp_tok_is(sc, i - 1, "not") &&
            rp_tok_in(sc, i + 1, (const char *const[]){"anymore", "nomore"}, 2))
            return true;
        /* "stop these", "can u stop these after today", "u can stop now",
         * "make these stop coming" */
        if (rp_tok_in(sc, i, (const char *const[]){"stop", "stahp", "stpo"}, 3) &&
            (rp_tok_is(sc, i + 1, "these") ||
             (rp_tok_is(sc, i + 1, "now") && i > lo + 1 && rp_tok_is(sc, i - 1, "can") &&
              rp_tok_in(sc, i - 2, (const char *const[]){"u", "you", "ya"}, 3)) ||
             (i > lo + 1 && rp_tok_is(sc, i - 1, "these") && rp_tok_is(sc, i - 2, "make"))))
            return true;
        /* "take the number off", "take this number off the list", "quiten
         * el numero de la lista" (the number of this phone) */
        if (rp_tok_in(sc, i, (const char *const[]){"number", "numero"}, 2) && i > lo + 1 &&
            rp_tok_in(sc, i - 1, (const char *const[]){"the", "this", "my", "her", "his", "el", "este", "mi", "su"}, 9) &&
            ((rp_tok_is(sc, i - 2, "take") && rp_tok_is(sc, i + 1, "off")) ||
             (rp_tok_in(sc, i - 2, (const char *const[]){"quiten", "saquen", "borren", "quitar", "sacar", "borrar"}, 6) &&
              rp_tok_is(sc, i + 1, "de") && rp_tok_in(sc, i + 3, lists, NELEM(lists)))))
            return true;
        /* "me pueden quitar de los mensajes", "quiero salirme de la lista",
         * "me quiero salir de lo de los mensajes", "i want out of the
         * texting thing": out of the texts, said of the client */
        if (rp_tok_in(sc, i, (const char *const[]){"quitar", "sacar", "borrar", "salir", "salirme"}, 5)) {
            bool me = rp_tok_is(sc, i, "salirme");
            for (size_t k = i > lo + 3 ? i - 3 : lo; k < i && !me; k++)
                me = rp_tok_is(sc, k, "me");
            for (size_t k = i + 1; me && k < hi && k <= i + 6; k++)
                if (msg_noun_at(sc, k) || rp_tok_in(sc, k, (const char *const[]){"texting", "lista", "list"}, 3))
                    return !rp_wset_in(sc, i - 1, &rp_negator_set);
        }
        /* read from the texts named (rare words; "with" and "out" are not):
         * "enough with the texts", "ya basta con los mensajitos", "que lata
         * con los mensajes", "alto a los mensajes", "off with these texts",
         * "porfa stop a los textos", "parenle ya con los msjs", "i want out
         * of the texting thing" */
        if (msg_noun_at(sc, i) || rp_tok_is(sc, i, "texting")) {
            size_t k = i;
            while (k > lo && k + 4 > i &&
                   rp_tok_in(sc, k - 1, (const char *const[]){"the", "these", "those", "your", "los", "las", "sus",
                                                              "tus", "estos", "all", "ya"}, 11))
                k--;
            if (k > lo + 1 && rp_tok_in(sc, k - 1, (const char *const[]){"with", "con", "a", "w"}, 4) &&
                rp_tok_in(sc, k - 2, (const char *const[]){"enough", "basta", "alto", "lata", "off", "stop",
                                                           "parenle"}, 7))
                return true;
            if (k > lo + 2 && rp_tok_is(sc, k - 1, "of") && rp_tok_is(sc, k - 2, "out") &&
                rp_tok_in(sc, k - 3, (const char *const[]){"want", "wanna"}, 2))
                return true;
        }
        /* "I revoke consent to receive text messages" */
        if (rp_tok_is(sc, i, "revoke") && rp_tok_in(sc, i + 1, (const char *const[]){"consent", "my"}, 2))
            return true;
        /* "how do i turn these off? please just turn them off" */
        if (rp_tok_is(sc, i, "turn") && rp_tok_in(sc, i + 1, (const char *const[]){"these", "them"}, 2) &&
            rp_tok_is(sc, i + 2, "off")) {
            for (size_t k = 0; k < sc->ntok; k++)
                if (rp_tok_in(sc, k, (const char *const[]){"please", "pls", "plz", "just"}, 4))
                    return true;
        }
        /* "you can stop", "u can stop now lol": the client lets the texts go
         * (not "you can stop by", "can you stop") */
        if (rp_tok_in(sc, i, (const char *const[]){"stop", "stahp", "stpo"}, 3) && i > lo + 1 &&
            rp_tok_is(sc, i - 1, "can") && rp_tok_in(sc, i - 2, (const char *const[]){"u", "you", "ya"}, 3) &&
            (i + 1 >= hi || rp_tok_in(sc, i + 1, (const char *const[]){"now", "lol", "thanks", "thx", "ty",
                                                                       "already", "texting", "checking"}, 8)))
            return true;
        /* "STOP this is a work phone", "please stop, this is a business
         * line", "wrong number, stop" */
        if (rp_tok_in(sc, i, (const char *const[]){"stop", "stahp", "stpo", "sotp"}, 4) &&
            !(i > 0 && rp_wset_in(sc, i - 1, &rp_negator_set))) {
            for (size_t k = 0; k + 1 < sc->ntok; k++)
                if ((rp_tok_in(sc, k, (const char *const[]){"work", "business", "company", "office"}, 4) &&
                     rp_tok_in(sc, k + 1, (const char *const[]){"phone", "line", "number", "cell"}, 4)) ||
                    (rp_tok_is(sc, k, "wrong") && rp_tok_in(sc, k + 1, (const char *const[]){"number", "person", "numero"}, 3)) ||
                    (rp_tok_is(sc, k, "numero") && rp_tok_is(sc, k + 1, "equivocado")))
                    return true;
        }
        /* "leave me alone with these texts" */
        if (rp_tok_is(sc, i, "alone") && rp_tok_is(sc, i - 1, "me")) {
            for (size_t k = i + 1; k < hi && k <= i + 4; k++)
                if (msg_noun_at(sc, k))
                    return true;
        }
    }
    return false;
}

bool rp_optout_reversed(const struct scan *sc, size_t k)
{
    for (size_t j = k; j < sc->ntok && j < k + 6 && tkind(sc, j) != TK_BRK; j++)
        if (msg_noun_at(sc, j)) {
            size_t a = j + (rp_tok_is(sc, j, "check") ? 2 : 1);
            return rp_tok_is(sc, a, "stop") || (rp_tok_is(sc, a, "to") && rp_tok_is(sc, a + 1, "stop"));
        }
    return false;
}

bool rp_optout_kept(const struct scan *sc)
{
    static const char *const stopw[] = {"stop", "paren", "parar", "dejen", "dejes"};
    static const char *const keepw[] = {"keep", "sigan", "continue", "continuen"};
    static const char *const sending[] = {"these", "those", "them", "the", "sending", "texting", "getting",
                                          "messaging", "mandar", "mandarme", "enviar", "enviarme",
                                          "escribir", "escribirme", "de", "los", "texts", "messages",
                                          "mensajes", "coming", "mandando", "enviando", "escribiendo"};
    static const char *const when[] = {"early", "late", "earlier", "later", "instead", "weekends", "weekend",
                                       "temprano", "tarde", "morning", "night", "madrugada", "noche"};
    static const char *const other[] = {"email", "emails", "newsletter", "newsletters", "mailing",
                                        "correo", "correos", "netflix", "spotify", "gym", "app"};
    for (size_t k = 0; k < sc->ntok; k++) {
        /* "please dont stop these texts", "no dejen de mandarme" */
        if (rp_tok_in(sc, k, stopw, NELEM(stopw)) && k > 0 && rp_wset_in(sc, k - 1, &rp_negator_set) &&
            rp_tok_in(sc, k + 1, sending, NELEM(sending)))
            return true;
        /* "keep sending them", "sigan mandando" (not "no me sigan mandando",
         * nor the complaint "why do i keep getting these") */
        if (rp_tok_in(sc, k, keepw, NELEM(keepw)) && rp_tok_in(sc, k + 1, sending, NELEM(sending)) &&
            !(k > 0 && rp_tok_in(sc, k - 1, (const char *const[]){"me", "i", "we", "still", "u", "you",
                                                                  "they", "just", "yo"}, 9)) &&
            !(k > 1 && rp_wset_in(sc, k - 2, &rp_negator_set)) &&
            !(k > 0 && rp_wset_in(sc, k - 1, &rp_negator_set)))
            return true;
        /* "stop texting so early", "stop sending them at 6am" with a time to
         * move to: a schedule, not an opt-out */
        if (rp_tok_is(sc, k, "stop") && !rp_wset_in(sc, k - (k > 0), &rp_negator_set)) {
            bool soon = false, moved = false;
            for (size_t j = k + 1; j < sc->ntok && j <= k + 8 && tkind(sc, j) != TK_BRK; j++)
                soon = soon || rp_tok_in(sc, j, when, NELEM(when));
            for (size_t j = k + 1; j < sc->ntok && j <= k + 16; j++)
                moved = moved || rp_tok_in(sc, j, (const char *const[]){"instead", "later", "after", "like",
                                                                         "mejor", "despues", "en", "vez"}, 8);
            if (soon && moved)
                return true;
        }
        /* "unsubscribe from the email newsletter" */
        if (rp_tok_in(sc, k, (const char *const[]){"unsubscribe", "unsuscribe", "desuscribir", "desuscribirme"}, 4) &&
            rp_tok_in(sc, k + 1, (const char *const[]){"from", "de", "del"}, 3)) {
            for (size_t j = k + 2; j < sc->ntok && j <= k + 5; j++)
                if (rp_tok_in(sc, j, other, NELEM(other)))
                    return true;
        }
    }
    return false;
}

/* Every form of a plain-words opt-out names the texts, a number or
 * "anymore": most replies have none, and are read once, cheaply. */
static const char *const anchors[] = {
    "texts", "txts", "messages", "msgs", "checkins", "check", "reminders", "mensajes",
    "textos", "recordatorios", "subscription", "suscripcion", "anymore", "nomore",
    "number", "numero", "num", "phone", "cel", "celular", "mensaje", "msjs", "msj", "mensajitos",
    "sigan", "manden", "envien", "escriban", "textees", "texteen", "llegue", "lleguen", "molesten",
    "mandes", "escribas", "envies", "mandarme", "enviarme", "escribirme", "textearme", "molestarme",
    "dejen", "deja", "dejad", "dejes", "dejar", "off", "remove", "removed", "unsubscribe", "quitenme",
    "quitadme", "quitarme", "sacame", "sacarme", "saquenme", "quitame", "borrenme", "eliminenme",
    "list", "lista", "baja", "rather", "participate", "participar", "interested", "these", "alone",
    "stop", "revoke", "salir", "salirme", "quitar", "sacar", "borrar", "bajenme", "bajame", "envieis",
    "mandeis", "escribais"};
/* the anchors as a set, and the first letters of the words a keyword
 * clause may hold: most tokens start with none of them */
static struct rp_wset anchor_index;
static uint32_t clause_first;

void rp_keywords_build(void)
{
    static const char *const opt_take[] = {"opt", "take"};
    rp_wset_build(&anchor_index, anchors, NELEM(anchors));
    rp_wset_build(&more_index, more_starts, NELEM(more_starts));
    rp_wset_build(&msg_index, msg_nouns, NELEM(msg_nouns));
    rp_wset_build(&stopv_index, stopv, NELEM(stopv));
    rp_wset_build(&wish_index, wish, NELEM(wish));
    rp_wset_build(&stop_index, rp_stop_words, rp_stop_words_n);
    rp_wset_build(&filler_index, rp_fillers, rp_fillers_n);
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
        if (rp_wset_in(sc, a, &anchor_index))
            break;
    if (a == n)
        return false;
    for (size_t lo = from; lo < n;) {
        size_t hi = lo;
        while (hi < n && tkind(sc, hi) != TK_BRK)
            hi++;
        if (optout_clause(sc, lo, hi) || optout_more(sc, lo, hi))
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

    /* (rp_optout_kept walks the reply: asked only of an opt-out found) */
    if (optout_said(sc, i) && !rp_optout_kept(sc)) {
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
            if (rp_wset_in(sc, i, &stop_index)) {
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
            } else if (!rp_wset_in(sc, i, &filler_index)) {
                other = true;
            }
        }
        if (i >= n && !complete)
            return; /* the clause may go on in the next chunk */
        i++;
        if (!stop && !start && !other)
            continue; /* "please." */
        if (first && !other && stop != start && !(stop && rp_optout_kept(sc))) {
            sc->kw = stop ? REPLY_STOP : REPLY_START;
            return;
        }
        first = false;
        last_stop = plain && !other && !start;
    }
    if (last_stop && complete && !rp_optout_kept(sc))
        sc->kw = REPLY_STOP;
}

