/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_farewell.c: the farewell rules of the reply parser
 * (reply_rules.h): farewells and final acts, time running out, burden and
 * "better off without me", wishing not to wake up. */
#include "model/reply_rules.h"

#include "model/reply.h"

/* Words that make giving away or saying goodbye everyday: old things
 * given to charity, a move, a job left. */
#define EVERYDAY_GOING SET("old", "donate", "donated", "donating", "goodwill", "moving", "sale", \
                           "mudo", "mudamos", "mudanza", "mudando", \
                           "outgrew", "declutter", "decluttering", "job", "apartment", "summer", \
                           "winter", "weekend", "vacation", "now", "tmrw", "tomorrow", "later")

/* "goodbye to my old job", "bye for now, talk tmrw"; a goodbye to somebody
 * leaving, at a place or an occasion of leaving: "said goodbye to my
 * sister at the airport", "me despedi de mi hijo en la estacion" */
static bool farewell_to_everyday(const struct ctx *c, size_t i)
{
    /* "wrote goodbye cards to my coworkers, last day at the warehouse
     * friday! new job monday": leaving a job for another */
    struct span job = window(c, i, 6, 16, 2);
    if (any_str(c, job, i, SET("coworkers", "coworker", "crew", "team", "classmates", "companeros",
                               "boss", "jefe", "customers", "clientes")) &&
        any_str(c, job, i, SET("new", "next", "nuevo", "retirement", "retiring", "transfer",
                               "transferred", "jubilacion", "promoted", "promotion")))
        return true;
    return any_str(c, window(c, i, 0, 5, 0), i, EVERYDAY_GOING) ||
           (in_set(c, i + 1, SET("to", "a", "de")) &&
            any_str(c, window(c, i, 0, 10, 1), i, SET("airport", "aeropuerto", "station",
                    "estacion", "flight", "vuelo", "bus", "train", "funeral", "velorio",
                    "party", "fiesta", "christmas", "navidad", "thanksgiving", "visit",
                    "visita", "deployed", "deployment", "college", "school", "escuela",
                    "camp", "trip", "viaje")));
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

/* Seeing or joining somebody soon, in span s: "ill see my grandma soon",
 * "voy a estar con mi papa pronto". Said with a goodbye it is a farewell;
 * alone it is a visit. */
static bool reunion_in(const struct ctx *c, struct span s)
{
    for (size_t j = s.lo; j < s.hi; j++) {
        bool with = (in_set(c, j, SET("be", "estar", "reunite", "reunirme")) &&
                     any_str(c, window(c, j, 0, 2, 0), j, SET("with", "con"))) ||
                    in_set(c, j, SET("see", "join", "ver", "alcanzar"));
        if (with && any_in(c, window(c, j, 0, 4, 0), T_OTHER, j) &&
            any_str(c, window(c, j, 0, 7, 0), j, SET("soon", "pronto", "again", "heaven",
                                                      "cielo")) &&
            !any_str(c, window(c, j, 0, 9, 0), j, SET("christmas", "thanksgiving", "navidad",
                     "birthday", "cumple", "visit", "visita", "next", "proxima", "proximo")))
            return true;
    }
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

/* Words that make a message the last one from a number, not from the
 * person: "last text from this number, new one is ...". */
#define NEW_NUMBER SET("number", "phone", "new", "numero", "telefono", "cel", "celular", \
                       "nuevo", "compania", "carrier", "switching", "cambio")

/* Token i is a farewell said by somebody else: "my grandma said goodbye to
 * everyone", "she said her goodbyes" (not "tell my mom goodbye"). */
static bool farewell_by_other(const struct ctx *c, size_t i)
{
    for (size_t k = 1; k <= 2 && k < i; k++)
        if (in_set(c, i - k, SET("said", "says", "say", "dijo", "told")))
            return has(c, i - k - 1, T_OTHER);
    return false;
}

/* Token i is "tell", "dile", "diganle": a message left for family, with
 * love or an apology, "tell my kids i love them", "tell my mom im sorry",
 * "dile a mi mama que la amo"; not "tell my mom happy birthday", "tell my
 * sponsor im sorry i missed group". */
static bool tell_love(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 0, 4, 0);
    if (!any_str(c, s, i, SET("my", "mi", "mis")) || !any_in(c, s, T_OTHER | T_LOSABLE, i))
        return false;
    struct span t = window(c, i, 0, 10, 0);
    return any_str(c, t, i, SET("love", "loved", "sorry", "amo", "quiero", "quise", "perdon",
                                "perdonen", "siento")) &&
           !any_str(c, t, i, SET("late", "missed", "miss", "cant", "make", "birthday", "hi",
                                 "hello", "tarde", "cumpleanos", "saludos", "group", "meeting"));
}

/* Letters of amends or for an occasion: "wrote letters to the people i
 * harmed for step 9", "letters to each of my kids for their birthdays",
 * "una carta a mi padrino para el paso 9". */
static bool amends(const struct ctx *c, size_t i)
{
    return any_str(c, window(c, i, 6, 14, 2), i, SET("step", "steps", "amends", "sponsor", "paso",
                   "pasos", "padrino", "madrina", "harmed", "birthday", "birthdays", "christmas",
                   "cards", "teacher", "cumpleanos", "navidad"));
}

/* Farewells with finality, final acts: "thanks for everything. bye", "tell
 * my kids i love them", "gave my dog to my sister", "letters for everyone",
 * "affairs in order", "this is the last time you'll hear from me". */
static bool belonging_not_means(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & T_BELONGING) && !(c->tags[j] & (T_MEANS | T_MED)))
            return true;
    return false;
}

bool rule_farewell(const struct ctx *c, size_t i)
{
    if (has(c, i, T_FINALACT)) {
        /* "getting my affairs in order", "settling my affairs": set in
         * order for the end (not "my affairs with the landlord", "my
         * affairs are a mess, taxes") */
        if (is(c, i, "affairs"))
            return !is(c, i + 1, "with") &&
                   any_str(c, window(c, i, 3, 4, 0), i, SET("order", "orden", "straight", "settled",
                           "settling", "settle", "sorted", "arranged", "arrange", "tidy", "wrapped",
                           "handled", "final", "last"));
        /* passwords left with someone, not "forgot my passwords" */
        return !any_in(c, window(c, i, 4, 2, 0), T_SAFE, i) &&
               !any_str(c, window(c, i, 4, 2, 0), i, SET("changed", "change", "reset", "update",
                        "updated", "new", "olvide", "cambie", "cambiar", "wifi", "email"));
    }
    if (has(c, i, T_FAREWELL))
        return !farewell_to_everyday(c, i) && !farewell_by_other(c, i) &&
               (any_in(c, window(c, i, 10, 10, 2), T_FINAL | T_EVERYONE | T_EVERYTHING, i) ||
               thanks_for_all(c, window(c, i, 16, 0, 2)) ||
               any_str(c, window(c, i, 10, 10, 2), i, SET("always", "placer", "conocerte",
                       "knowing", "said", "dije", "told", "tell")) ||
               (is(c, i, "despedi") && i >= 2 && is(c, i - 2, "ya")) ||
               (in_set(c, i, SET("goodbye", "adios", "farewell")) &&
                !in_set(c, i + 1, SET("to", "a")) && /* "said goodbye to my sister" */
                reunion_in(c, window(c, i, 12, 12, 2))));
    /* "my last check in", "final message", "la ultima vez que me escriben" */
    if (has(c, i, T_FINAL) && !is(c, i, "ever") && !is(c, i, "anymore") && !is(c, i, "longer") &&
        ((in_set(c, i + 1, SET("message", "msg", "text", "txt", "check", "checkin", "goodbye",
                               "mensaje", "msj", "despedida")) &&
          !any_str(c, window(c, i, 0, 6, 1), i, NEW_NUMBER) &&
          !in_set(c, i + 2, SET("was", "were", "fue", "sounded", "didnt", "had", "got", "weird", "wasnt")) &&
          /* "my last text was weird", "autocorrect made my last text
           * weird", "ignore my last text", "sorry about my last message":
           * the one before, not a farewell */
          !(i > 1 && in_set(c, i - 2, SET("made", "ignore", "about", "for", "in", "disregard", "sorry",
                                          "ignora", "ignoren", "perdon"))) &&
          !any_str(c, window(c, i, 0, 6, 0), i, EVERYDAY_GOING) &&
          !any_str(c, window(c, i, 0, 6, 0), i, SET("before", "until", "antes"))) ||
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
    /* a pet or belongings given away or to somebody, not "gave my dog a
     * bath" */
    if (has(c, i, T_GIVE))
        /* a belonging that is no means: giving away one's guns or pills
         * ("got rid of my guns after my attempt", "gave my meds to my
         * sister to hold") keeps the means away, the safety plan's step */
        return belonging_not_means(c, window(c, i, 2, 6, 0), i) &&
               (any_in(c, window(c, i, 2, 6, 0), T_AWAY, i) ||
                /* "regalar" is giving away by itself: "ya regale mis cosas" */
                (in_set(c, i, SET("regale", "regalar", "regalando")) &&
                 !any_str(c, window(c, i, 0, 8, 0), i, SET("cumple", "cumpleanos", "navidad",
                                                           "regalo"))) ||
                (any_str(c, window(c, i, 0, 6, 0), i, SET("to", "a")) &&
                 any_in(c, window(c, i, 0, 8, 0), T_OTHER | T_SOMEONE | T_EVERYONE, i))) &&
               !has(c, i - 1, T_OTHER) && /* "she gave her dog to her neighbor" */
               !any_str(c, window(c, i, 2, 8, 0), i, EVERYDAY_GOING) &&
               !any_str(c, window(c, i, 0, 10, 0), i, SET("vet", "groomer", "sitter", "bath",
                        "shots", "while", "until", "til", "ride", "veterinario", "birthday",
                        "cumple", "cumpleanos", "christmas", "navidad", "gift", "present"));
    if (in_set(c, i, SET("tell", "dile", "diganle", "digale", "decirle")))
        return tell_love(c, i);
    /* "les dejo mis cosas a mis hermanos", "leaving all my stuff to my
     * sister": belongings left to somebody (not left at their place) */
    if (in_set(c, i, SET("dejo", "leaving", "dejando", "leave")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("cosas", "things", "stuff", "todo", "everything",
                                                  "belongings", "pertenencias")) &&
        any_str(c, window(c, i, 0, 7, 0), i, SET("to", "a", "para")) &&
        any_in(c, window(c, i, 0, 9, 0), T_OTHER | T_EVERYONE, i) &&
        !any_str(c, window(c, i, 0, 9, 0), i, SET("at", "en", "house", "casa", "place", "storage",
                 "car", "carro", "while", "mientras", "until", "hasta", "trip", "viaje")))
        return true;
    /* "signed the truck over to my brother": property handed over */
    if (in_set(c, i, SET("signed", "signing", "firme")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("over", "traspase")) &&
        any_in(c, window(c, i, 0, 8, 0), T_OTHER | T_EVERYONE, i) &&
        !any_str(c, window(c, i, 0, 10, 0), i, SET("lease", "contract", "papers", "job", "offer")))
        return true;
    /* "forgive me for everything", "perdonenme por todo" (not "perdon
     * por todo el ruido") */
    if (in_set(c, i, SET("perdoname", "perdonenme", "perdoneme", "forgive")) &&
        any_in(c, window(c, i, 0, 4, 0), T_EVERYTHING, i)) {
        struct span s = window(c, i, 0, 4, 0);
        /* everything said whole, not "everything i did while using" */
        for (size_t j = s.lo; j < s.hi; j++)
            if (has(c, j, T_EVERYTHING))
                return (j + 1 >= c->n ||
                        has(c, j + 1, T_BREAK | T_OTHER | T_FAREWELL | T_EVERYONE) ||
                        in_set(c, j + 1, SET("love", "te", "los", "las", "please"))) &&
                       !amends(c, i);
    }
    /* "signing off for good", "peace out for good": a farewell made final */
    /* not "cut off my dealer for good", "off the pills for good" */
    if (is(c, i, "good") && i > 0 && is(c, i - 1, "for"))
        return any_str(c, window(c, i, 5, 0, 0), i, SET("off", "out", "bye", "goodbye", "gone")) &&
               !any_in(c, window(c, i, 6, 0, 0), T_DEALER | T_DRUG | T_MED, i);
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
    /* letters to the family, to everyone, to each of the kids; not the
     * amends of a ninth step */
    if (is(c, i, "letters") || is(c, i, "notes") || is(c, i, "cartas"))
        return any_in(c, window(c, i, 4, 8, 1), T_OTHER | T_EVERYONE | T_LOSABLE, i) &&
               /* "kept his number in my notes", "the notes app", "took
                * notes at group": the phone's or a class's */
               !(i > 1 && in_set(c, i - 2, SET("in", "en", "on", "from", "to")) &&
                 in_set(c, i - 1, SET("my", "the", "mis", "las", "his", "her"))) &&
               !in_set(c, i + 1, SET("app", "apps")) &&
               !(i > 0 && in_set(c, i - 1, SET("took", "taking", "take", "takes", "class", "lecture", "meeting"))) &&
               !any_in(c, window(c, i, 5, 5, 0), T_SAFE, i) && !amends(c, i);
    /* a note or a letter left for the family: "left a note for my wife on
     * the truck seat", "le deje una carta a mi hijo"; not a note about the
     * dishes or a love note in a lunch box */
    if (in_set(c, i, SET("note", "letter", "carta", "nota")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("left", "leaving", "deje", "dejando")) &&
        any_str(c, window(c, i, 0, 2, 0), i, SET("for", "to", "para", "a")) &&
        any_in(c, window(c, i, 0, 4, 0), T_OTHER | T_LOSABLE | T_EVERYONE, i) &&
        !any_in(c, window(c, i, 6, 8, 0), T_SAFE, i) &&
        !any_str(c, window(c, i, 6, 8, 0), i, SET("about", "dishes", "rent", "groceries",
                 "fridge", "dinner", "store", "reminder", "birthday", "anniversary", "love",
                 "sweet", "cute", "lunch", "teacher", "school", "landlord", "sobre", "cumple",
                 "maestra", "maestro", "escuela", "amor", "valentine", "pick", "back")) &&
        !amends(c, i))
        return true;
    if (has(c, i, T_NOTE))
        return (any_in(c, window(c, i, 5, 5, 0), T_EVERYONE | T_FINAL | T_FAREWELL, i) ||
                (any_str(c, window(c, i, 0, 4, 0), i, SET("each", "every", "cada")) &&
                 any_in(c, window(c, i, 0, 6, 0), T_OTHER | T_LOSABLE, i))) &&
               !any_in(c, window(c, i, 5, 5, 0), T_SAFE, i) && !amends(c, i);
    return false;
}

/* Time running out: "won't be here much longer", "not gonna make it through
 * the night", "ya no voy a estar". */
bool rule_time_out(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_AROUND))
        return false;
    /* "been walking around in a daze, cant think straight": a place one
     * moves about, not time left */
    if (is(c, i, "around") && i > 0 &&
        in_set(c, i - 1, SET("walking", "walked", "running", "driving", "drove", "sitting", "laying",
                             "lying", "standing", "looking", "wandering", "wandered", "hanging", "stumbling",
                             /* "i cant come around there anymore": a visit */
                             "come", "coming", "came", "go", "going", "hang", "stick", "sticking")))
        return false;
    /* "no podría estar mejor hoy", "couldnt be better today": how good the
     * day could be, no time left */
    if (could_be_better(c, i))
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
int rule_burden(const struct ctx *c, size_t i)
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
    /* "better off if I wasn't in the picture", "if i didnt exist", "if i
     * was never born" */
    if (any_in(c, window(c, i, 0, 8, 0), T_NEG, i) && any_in(c, window(c, i, 0, 8, 0), T_SELFSUBJ, i) &&
        any_str(c, window(c, i, 0, 9, 0), i, SET("picture", "exist", "existed", "born", "existiera",
                "naciera", "nacido", "existido")) &&
        !any_str(c, window(c, i, 8, 10, 1), i, SET("photo", "photos", "pic", "pics", "selfie", "foto",
                 "fotos", "camera", "frame", "album")))
        return 2;
    /* the gone and the self said with this "better", not in the sentence
     * before ("...better off without me. i know better now") */
    struct span own = window(c, i, 6, 6, 0);
    return any_in(c, s, T_GONE, i) && any_in(c, s, T_SELFOBJ | T_SELFSUBJ, i) &&
           (any_in(c, own, T_GONE, i) || any_in(c, window(c, i, 0, 6, 1), T_GONE, i));
}

/* Wishing not to wake up, to sleep forever, for God to take me. */
bool rule_no_wake(const struct ctx *c, size_t i)
{
    if (has(c, i, T_WAKE)) {
        /* "sorry if this makes no sense, just woke up from a nap": a
         * waking told, not wished away */
        if (i > 0 && in_set(c, i - 1, SET("just", "finally", "recien", "acabo")))
            return false;
        struct span s = window(c, i, 8, 2, 0);
        return any_in(c, s, T_NEG, i) &&
               (any_in(c, s, T_WANT | T_SLEEP, i) ||
                any_str(c, s, i, SET("mind", "if", "ojala", "si", "importaria", "importa")));
    }
    if (has(c, i, T_GOD))
        return any_in(c, window(c, i, 4, 4, 0), T_TOOK, i) &&
               any_in(c, window(c, i, 4, 4, 0), T_SELFOBJ, i);
    return false;
}
