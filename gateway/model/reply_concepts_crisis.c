/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_crisis.c: the crisis rules of the reply parser
 * (reply_rules.h): dying or killing with the self, self-harm, a means with
 * intent, presence or a time, an amount of medication, and the many other
 * ways of saying them that a word list alone misses. */
#include "model/reply_rules.h"

#include "model/reply.h"

/* Dying or killing with the self: "i just want to die", "thinking about
 * killing myself", "better off dead", "quiero morirme". Not "dying to",
 * "dead tired", "died laughing", "my phone died". */
/* The killing word at j is said of a thing or of somebody else doing it
 * to the client, an idiom: "this job is killing me", "my legs are going to
 * kill me tomorrow", "my boss was about to kill me", "el calor me está
 * matando", "el tráfico me va a matar". Not when the client wishes it
 * ("i wish a car would kill me", "quiero que alguien me mate") or pleads
 * ("someone please kill me", "just kill me"), nor "me voy a matar" (the
 * client's own act). */
/* Things that "kill" one in Spanish speech: an exam, the heat, a shift */
static bool killing_thing(const struct ctx *c, size_t k)
{
    return in_set(c, k, SET("examen", "trabajo", "turno", "calor", "frio", "trafico", "dolor", "jefe",
                            "gym", "gimnasio", "entrenamiento", "partido", "viaje", "camino", "trayecto",
                            "chamba", "tarea", "clase", "final", "parcial", "espalda", "cabeza", "rodilla",
                            "pie", "pies", "muela", "cansancio", "hambre", "sueno", "desvelo", "ruido",
                            "cafe", "recibo", "renta", "precio", "precios"));
}

/* "me mató el examen", "ese partido me mató", "me mata el tráfico": a
 * thing named with its article next to the killing verb is its subject
 * ("mató" and "mato" read alike once the accent is gone); not a time ("me
 * mato el lunes" is a plan) nor a feeling ("me mata la tristeza" is
 * escalated). */
bool thing_kills(const struct ctx *c, size_t j)
{
    if (!(j > 0 && is(c, j - 1, "me") && in_set(c, j, SET("mato", "mata", "mataron", "matan"))))
        return false;
    static const char *const det[] = {"el", "la", "los", "las", "este", "esta", "ese", "esa"};
    return (in_set(c, j + 1, det, sizeof det / sizeof det[0]) && killing_thing(c, j + 2)) ||
           (j >= 3 && killing_thing(c, j - 2) && in_set(c, j - 3, det, sizeof det / sizeof det[0]));
}

bool kill_said_of_thing(const struct ctx *c, size_t j)
{
    if (thing_kills(c, j))
        return true;
    bool spanish = in_set(c, j, SET("matando", "matar", "mata", "matan"));
    if (!has(c, j, T_KILL) && !spanish)
        return false;
    struct span before = window(c, j, 6, 0, 0);
    /* "these pills are gonna kill me", "the rope will kill me", "esas
     * pastillas me van a matar": a means that kills is the client's plan
     * (a place, "the traffic on the bridge is killing me", is not) */
    for (size_t k = before.lo; k < j; k++)
        if (has(c, k, T_MEANS | T_MED) &&
            !in_set(c, k, SET("bridge", "roof", "rooftop", "cliff", "cliffs", "tracks", "ledge",
                              "overpass", "building", "puente", "techo", "azotea", "edificio", "vias",
                              "garage", "river", "traffic", "highway", "car", "truck")))
            return false;
    if (any_in(c, before, T_WANT, j) ||
        any_str(c, before, j, SET("someone", "somebody", "anyone", "anybody", "please", "pls", "plz",
                                  "just", "alguien", "ojala", "que")))
        return false;
    /* Spanish: "me está matando", "me va a matar", "me mata" ("me" marks
     * the client either way: the verb's person tells) */
    if (spanish &&
        ((j >= 2 && in_set(c, j - 1, SET("esta", "estan", "anda")) && is(c, j - 2, "me")) ||
         (j >= 3 && is(c, j - 1, "a") && in_set(c, j - 2, SET("va", "van")) && is(c, j - 3, "me")) ||
         (in_set(c, j, SET("mata", "matan")) && j >= 1 && is(c, j - 1, "me"))))
        return true;
    if (!has(c, j, T_KILL))
        return false;
    if (any_in(c, before, T_SELFSUBJ, j))
        return false;
    if (is(c, j + 1, "me") && j > before.lo) {
        static const char *const third[] = {"is", "are", "its", "thats", "youre", "was", "were", "be"};
        /* "is killing me", "is gonna kill me", "are going to kill me",
         * "was about to kill me", "will be the death": a subject named */
        return in_set(c, j - 1, third, sizeof third / sizeof third[0]) ||
               (j >= 2 && in_set(c, j - 1, SET("gonna", "gunna", "finna", "will", "would")) &&
                in_set(c, j - 2, third, sizeof third / sizeof third[0])) ||
               (j >= 3 && is(c, j - 1, "to") && in_set(c, j - 2, SET("going", "about")) &&
                in_set(c, j - 3, third, sizeof third / sizeof third[0])) ||
               /* "this heat will kill me", "my kids will kill me" */
               (in_set(c, j - 1, SET("will", "gonna")) && j >= 2 && !has(c, j - 2, T_SELFSUBJ) &&
                (has(c, j - 2, T_OTHER) || in_set(c, j - 2, SET("heat", "job", "work", "traffic",
                 "commute", "shift", "legs", "back", "feet", "boss", "kids", "this", "that", "it"))));
    }
    return false;
}

/* The dying word at i is said of a thing named just before it, with at
 * most a verb of being between: "car battery was dead this morning", "my
 * laptop is completely dead", "el cel ya se murió". */
bool thing_said_dead(const struct ctx *c, size_t i)
{
    for (size_t k = i; k > 0 && i - k < 3; k--) {
        if (has(c, k - 1, T_IDIOM_PREV))
            return true;
        if (!in_set(c, k - 1, SET("was", "is", "went", "its", "been", "has", "had", "just", "already",
                                  "completely", "totally", "fully", "finally", "se", "me", "le", "ya",
                                  "got", "were", "are", "s", "esta", "estaba", "quedo")))
            return false;
    }
    return false;
}

bool rule_self_death(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_DIE))
        return false;
    if (has(c, i + 1, T_IDIOM_NEXT) || thing_said_dead(c, i))
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
        if (kill_said_of_thing(c, i))
            return false;
        return selfobj_in(c, s, i) && !any_in(c, s, T_IDIOM_NEXT, i);
    }
    if (is(c, i + 1, "my") || is(c, i + 1, "her") || is(c, i + 1, "his"))
        return false; /* "dying my hair" (dyeing) */
    return any_in(c, s, T_WANT | T_BETTER, i) ||
           (any_in(c, s, T_SELFSUBJ, i) && any_in(c, s, T_TIME, i));
}

/* The harm verb at i was done to the client by an animal ("the dog
 * scratched me", "my cat bit me", "got scratched by the cat"), or is a
 * household accident ("cut my finger chopping onions", "burned my hand on
 * the stove", "the knife slipped and cut my hand", "cut myself shaving"):
 * not self-harm, unless it was meant or went on ("on purpose", "again",
 * "until it bled", "too deep"). "I slipped" is a relapse, not an accident:
 * only a tool slips. */
bool could_be_better(const struct ctx *c, size_t i)
{
    return in_set(c, i + 1, SET("mejor", "peor", "better", "worse")) && i > 0 &&
           in_set(c, i - 1, SET("podria", "puede", "puedo", "podia", "pudo", "could", "couldnt", "can",
                                "cant"));
}

bool harm_by_accident(const struct ctx *c, size_t i)
{
    struct span here = window(c, i, 6, 8, 0); /* the accident's own clause */
    /* "me corté el pelo", "cut my bangs", "me corté las uñas": a haircut
     * or nails, no wound (not "... y los brazos") */
    if (in_set(c, i, SET("corte", "cut", "cortar", "cortarme", "cortado", "cortando", "corto")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("pelo", "cabello", "unas", "fleco", "barba", "bigote",
                "puntas", "hair", "nails", "bangs", "beard", "mustache", "pelito", "grena")) &&
        !any_in(c, window(c, i, 0, 8, 1), T_BODY, i))
        return true;
    /* "told my boss the cat scratched me. it wasnt the cat": a cover
     * story, denied */
    for (size_t j = i + 1; j < c->n && j <= i + 12; j++)
        if (in_set(c, j, SET("cat", "dog", "gato", "perro")) && j > 1 &&
            (has(c, j - 1, T_NEG) || has(c, j - 2, T_NEG)))
            return false;
    static const char *const animals[] = {"dog", "dogs", "cat", "cats", "puppy", "kitten",
                                          "perro", "perrito", "gato", "gatito", "bird", "parrot",
                                          "hamster", "rabbit", "horse", "bee", "wasp", "spider"};
    /* the animal did it: just before the verb, or "by the cat" after it */
    if ((i > 0 && in_set(c, i - 1, animals, sizeof animals / sizeof animals[0])) ||
        (i > 1 && in_set(c, i - 2, animals, sizeof animals / sizeof animals[0]) &&
         in_set(c, i - 1, SET("just", "literally", "always", "kept", "keeps", "me"))))
        return true;
    for (size_t j = i + 1; j < here.hi && j <= i + 3; j++)
        if (in_set(c, j, SET("by", "por")) && j + 1 < c->n &&
            (in_set(c, j + 1, animals, sizeof animals / sizeof animals[0]) ||
             (j + 2 < c->n && in_set(c, j + 2, animals, sizeof animals / sizeof animals[0]))))
            return true;
    struct span clause = window(c, i, 6, 8, 1);
    if (any_str(c, clause, i, SET("purpose", "proposito", "again", "otra", "until", "till", "til",
                                  "hasta", "deep", "deeper", "profundo", "want", "wanna",
                                  "urge", "urges", "relapsed", "relapse", "recai", "cutter",
                                  "wrist", "wrists", "thighs", "muneca", "munecas")) ||
        any_in(c, clause, T_KILL | T_DIE, i))
        return false;
    /* "y no fue accidente", "it wasnt an accident": meant */
    struct span after = window(c, i, 0, 12, 1);
    for (size_t j = clause.lo; j < after.hi; j++)
        if (in_set(c, j, SET("accident", "accidente", "accidentally")) &&
            any_in(c, window(c, j, 3, 0, 0), T_NEG, j))
            return false;
    /* a fall or a faint just before: "passed out at work and hit my
     * head", "me desmaye y me pegue en la cabeza", "fell and cut my knee" */
    if (any_str(c, window(c, i, 8, 0, 1), i, SET("passed", "fainted", "fell", "tripped", "desmaye",
                "cai", "resbale", "tropece", "blacked", "collapsed")))
        return true;
    /* a tool that slipped, just before the verb ("the knife slipped and cut") */
    for (size_t j = i >= 4 ? i - 4 : 0; j < i; j++)
        if (in_set(c, j, SET("slipped", "resbalo")) && j > 0 &&
            in_set(c, j - 1, SET("knife", "blade", "cuchillo", "can", "lid", "peeler",
                                 "mandoline", "scissors", "saw", "tijeras")))
            return true;
    if (any_str(c, here, i, SET("accidentally", "accident", "accidente", "accidentalmente",
                                "clumsy")))
        return true;
    /* burned by the sun: "me quemé toda la espalda en la playa, parezco
     * langosta", "got burned at the lake" */
    if (in_set(c, i, SET("burned", "burnt", "burn", "queme", "quemado", "quemada", "quemo")) &&
        any_str(c, window(c, i, 8, 10, 2), i, SET("sun", "sunscreen", "beach", "lake", "pool", "sol",
                "playa", "lago", "alberca", "calor", "heat", "langosta", "lobster", "bloqueador",
                "tan", "sunburn", "asolee")))
        return true;
    /* what the hands were doing: "chopping onions", "shaving", "cocinando" */
    if (any_str(c, window(c, i, 0, 6, 0), i,
                SET("chopping", "cooking", "slicing", "dicing", "peeling", "shaving", "baking",
                    "gardening", "carving", "opening", "fixing", "grilling", "ironing",
                    "cocinando", "picando", "pelando", "rasurando", "afeitando", "abriendo")))
        return true;
    /* "making dinner", "haciendo la comida": a meal being made */
    for (size_t j = i + 1; j < here.hi; j++)
        if (in_set(c, j, SET("making", "fixing", "preparing", "haciendo", "preparando")) &&
            any_str(c, window(c, j, 0, 2, 0), j,
                    SET("dinner", "breakfast", "lunch", "food", "supper", "eggs", "cena",
                        "comida", "desayuno", "almuerzo", "pan", "tortillas", "tamales",
                        "pupusas", "frijoles", "arroz", "cookies", "pancakes")))
            return true;
    /* what it touched ("on the stove", "on a broken glass", "en la
     * estufa") or the household tool it was ("with the iron", "con la
     * plancha"); not "with glass", a blade */
    for (size_t j = i + 1; j < here.hi; j++) {
        if (in_set(c, j, SET("on", "en")) &&
            any_str(c, window(c, j, 0, 3, 0), j,
                    SET("stove", "oven", "pan", "pot", "nail", "fence", "iron", "grill",
                        "heater", "radiator", "kettle", "rack", "tray", "stovetop", "burner",
                        "glass", "counter", "corner", "edge", "wire", "metal", "table", "door",
                        "estufa", "horno", "sarten", "plancha", "clavo", "paper", "papel",
                        "vidrio", "mesa", "puerta", "alambre")))
            return true;
        if (in_set(c, j, SET("with", "con")) &&
            any_str(c, window(c, j, 0, 2, 0), j,
                    SET("iron", "kettle", "pan", "pot", "oven", "stove", "plancha", "sarten",
                        "olla", "horno", "estufa", "paper", "papel", "comal", "aceite", "grease",
                        "griddle", "oil")))
            return true;
    }
    return false;
}

/* The harm verb nearest to token i in its clause was an accident
 * (harm_by_accident). For a tool or a means at i ("burned my hand on the
 * stove", "the knife slipped and cut my hand") the verb before or after
 * it, with no "i" between ("the cat scratched me and i grabbed a knife"
 * is not the knife's accident); for a result at i ("the dog scratched me
 * until i bled") the verb before it. */
static bool accident_near(const struct ctx *c, size_t i, bool result)
{
    struct span s = window(c, i, 6, 6, 0);
    for (size_t j = i; j-- > s.lo;) {
        if (!result && has(c, j, T_SELFSUBJ))
            break;
        if (has(c, j, T_HARMV))
            return harm_by_accident(c, j);
    }
    if (result)
        return false;
    for (size_t j = i + 1; j < s.hi; j++) {
        if (has(c, j, T_SELFSUBJ))
            break;
        if (has(c, j, T_HARMV))
            return harm_by_accident(c, j);
    }
    return false;
}

/* Harm done to the self: "cut myself again", "burning my arms", "me corté
 * los brazos", "hitting myself". */
/* "bought a razor to shave my head": a blade for shaving near token i,
 * not denied ("not for shaving") and not meant as harm ("on purpose",
 * "again", at the wrists). */
static bool shaving_said(const struct ctx *c, size_t i)
{
    for (size_t j = i > 6 ? i - 6 : 0; j < c->n && j <= i + 6; j++)
        if (in_set(c, j, SET("shave", "shaving", "afeitar", "rasurar", "afeitarme", "rasurarme")) &&
            !(j > 1 && in_set(c, j - 1, SET("for", "para", "pa")) && has(c, j - 2, T_NEG)) &&
            !any_str(c, window(c, i, 8, 8, 1), i, SET("purpose", "proposito", "deep", "deeper",
                     "again", "wrist", "wrists", "muneca", "munecas", "thighs", "arm", "arms")))
            return true;
    return false;
}

bool rule_self_harm(const struct ctx *c, size_t i)
{
    /* "slammed my head into the wall over and over": a blow repeated or
     * meant, not "slammed my hand in the car door" */
    if (in_set(c, i, SET("slammed", "slamming", "bashed", "bashing", "smashed", "smashing")))
        return any_str(c, window(c, i, 0, 3, 0), i, SET("head", "fist", "fists", "face")) &&
               any_str(c, window(c, i, 0, 8, 0), i, SET("wall", "walls", "floor", "mirror",
                                                         "pared", "piso", "door", "frame", "doorframe",
                                                         "desk", "table", "counter", "dashboard")) &&
               any_str(c, window(c, i, 0, 10, 0), i, SET("over", "until", "till", "til",
                                                          "purpose", "again", "hasta", "proposito"));
    /* "i relapsed on cutting", "recai en cortarme": self-harm come back */
    if (in_set(c, i, SET("cutting", "cut", "burning", "cortarme", "cortar", "harming")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("relapsed", "relapse", "relapsing", "recai",
                                                  "recaida")))
        return true;
    if (!has(c, i, T_HARMV))
        return false;
    /* "me da lástima verlo así", "qué lástima", "es una lástima": pity,
     * the noun, no hurt */
    if (is(c, i, "lastima") &&
        ((i > 0 && in_set(c, i - 1, SET("da", "dio", "daba", "dan", "dieron", "que", "una", "es", "por",
                                         "mucha", "tanta", "pura"))) ||
         in_set(c, i + 1, SET("que", "de"))))
        return false;
    /* "el zapato me lastima", "estas botas me lastiman": a thing hurts the
     * client ("me lastimo", "me lastimé" are the client's own act) */
    if (in_set(c, i, SET("lastima", "lastiman")) && i > 0 && is(c, i - 1, "me"))
        return false;
    /* "im starving", "the steroids have me wired and starving": hunger;
     * "starving myself" is the harm */
    if (in_set(c, i, SET("starve", "starving", "starved")) && !in_set(c, i + 1, SET("myself", "me", "self")))
        return false;
    /* "la gripa me pego duro", "el soroche me pego": an illness or a
     * thing, named as the subject, struck ("me pegue", "cuando me enojo
     * me pego" are the client) */
    if (is(c, i, "pego") && i > 2 && is(c, i - 1, "me") &&
        in_set(c, i - 3, SET("la", "el", "los", "las", "esa", "ese", "este", "esta", "un", "una")))
        return false;
    /* "me pego fuerte el porro": a drug that hit */
    if (in_set(c, i, SET("pego", "pegando", "pegaba")) && any_in(c, window(c, i, 3, 4, 0), T_DRUG, i))
        return false;
    /* "the bartender cut me off", "cut me some slack", "cut me out of the
     * will": no wound */
    if (in_set(c, i, SET("cut", "cuts", "cutting")) && in_set(c, i + 1, SET("me", "him", "her", "them", "us")) &&
        (in_set(c, i + 2, SET("off", "some", "out", "loose", "short", "in")) ||
         any_str(c, window(c, i, 0, 4, 0), i, SET("slack", "break", "deal"))))
        return false;
    /* "my fingers keep hitting the wrong keys", "hit snooze", "hitting
     * the books": a thing struck, no body */
    if (in_set(c, i, SET("hitting", "hit", "hits", "hittin")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("keys", "key", "button", "buttons", "snooze", "books",
                "gym", "road", "sack", "hay", "send", "reply", "like", "ball", "jackpot", "brakes",
                /* "sleep is hit or miss": now and then */
                "miss")))
        return false;
    /* "burnt out", "me siento burned out": worn out, no burn */
    if (in_set(c, i, SET("burnt", "burned", "burnin", "burning")) && is(c, i + 1, "out"))
        return false;
    /* "punched the heavy bag at boxing til my knuckles split": a sport,
     * unless meant */
    if (any_str(c, window(c, i, 12, 8, 1), i, SET("bag", "boxing", "sparring", "spar", "coach", "gym",
                 "mitts", "gloves", "dojo", "mma", "kickboxing", "boxeo", "costal")) &&
        !any_str(c, window(c, i, 12, 8, 1), i, SET("purpose", "myself", "proposito", "punish",
                 "deserve", "again")))
        return false;
    if (harm_by_accident(c, i) ||
        (in_set(c, i, SET("bled", "bleed", "bleeding", "blood", "sangre", "sangrar")) &&
         accident_near(c, i, true)))
        return false;
    if (shaving_said(c, i))
        return false;
    /* "my stomach hurts", "hurt my back lifting", "me duele la cabeza": pain
     * or an injury, unless done to oneself or meant ("hurt myself",
     * "want to hurt my arm", "hurting my arm on purpose", with a blade) */
    bool lastime = in_set(c, i, SET("lastime", "lastimo", "lastimaba")) && /* "me lastime el tobillo" */
                   (any_in(c, window(c, i, 0, 3, 0), T_BODY, i) ||
                    any_str(c, window(c, i, 0, 3, 0), i, SET("tobillo", "rodilla", "espalda", "pie",
                            "hombro", "cuello", "dedo", "codo", "muela")));
    if ((in_set(c, i, SET("hurt", "hurts", "hurting", "duele", "duelen")) || lastime) &&
        (lastime || !any_str(c, window(c, i, 2, 3, 0), i, SET("myself", "me", "self", "mismo",
                                                              "misma", "lastimarme"))) &&
        !any_str(c, window(c, i, 5, 0, 0), i, SET("want", "wanna", "going", "gonna", "need",
                 "urge", "urges", "quiero", "voy", "ganas")) &&
        !any_in(c, window(c, i, 6, 6, 1), T_MEANS, i) &&
        !any_str(c, window(c, i, 4, 10, 1), i, SET("purpose", "again", "until", "till", "til",
                 "proposito", "deliberately", "intentionally", "bled", "bleed", "blood")))
        return false;
    /* "hit my head on the door", "banged my knee on the table": a bump,
     * unless it was meant or went on ("until it bled", "over and over") */
    if (in_set(c, i, SET("hit", "banged", "bang", "hitting", "bumped", "pegue")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("door", "cabinet", "table", "shelf", "counter",
                "desk", "car", "ceiling", "cupboard", "bed", "fridge", "sink", "puerta", "mesa",
                "closet", "doorframe", "dresser", "stairs", "steps")) &&
        !any_str(c, window(c, i, 0, 10, 0), i, SET("purpose", "until", "till", "til", "over",
                 "again", "myself", "hasta", "proposito", "bled", "bleed", "sangrar")))
        return false;
    /* "me pegué una traba", "me pegue una borrachera", "nos pegamos una
     * peda": a binge given to oneself, no blow (reply_concepts_relapse.c
     * reads the use; "me pegué un tiro" stays a shot) */
    if (in_set(c, i, SET("pegue", "pego", "pegamos", "pegaste")) && in_set(c, i + 1, SET("una", "un", "tremenda", "flor")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("traba", "borrachera", "pea", "peda", "jalada", "fumada",
                 "rascada", "juma", "nota", "prendida", "parranda", "pedota", "borrachota", "trabita", "pedita")))
        return false;
    /* "cutting back on coffee", "cut down on smokes": not the body's back */
    if ((is(c, i + 1, "back") || is(c, i + 1, "down")) && !has(c, i + 2, T_SELFOBJ | T_BODY))
        return false;
    /* "offered me a hit", "took another hit": a drug's hit, no blow */
    if (in_set(c, i, SET("hit", "hits")) && i > 0 &&
        in_set(c, i - 1, SET("a", "another", "one", "first", "couple", "few", "big", "last", "fat")))
        return false;
    if (has(c, i, T_SELFHARM))
        return true;
    /* "me dejo el corte bien fresh", "el corte de pelo": a haircut, the
     * noun (not "me hice un corte") */
    if (is(c, i, "corte") &&
        ((i > 0 && in_set(c, i - 1, SET("el", "del", "al", "buen", "su", "tu", "nuevo", "ese", "este"))) ||
         (is(c, i + 1, "de") && in_set(c, i + 2, SET("pelo", "cabello", "luz", "agua", "caja", "cuentas")))))
        return false;
    /* "hit me up", "hitting me up": a call, no blow */
    if (in_set(c, i, SET("hit", "hitting")) && (is(c, i + 1, "up") || is(c, i + 2, "up")))
        return false;
    /* "the cuts are deeper", "new cuts", "cortes mas profundos" */
    if (in_set(c, i, SET("cuts", "cortes", "burns", "quemaduras")) &&
        any_str(c, window(c, i, 3, 4, 0), i, SET("deeper", "deep", "new", "fresh", "more",
                "again", "profundos", "nuevos", "otra", "mas")))
        return true;
    struct span s = window(c, i, 3, 4, 1);
    /* "the cat scratched me. it wasnt the cat": the one named as doing it
     * taken back */
    bool agent_taken_back = any_str(c, window(c, i, 0, 12, 2), i, SET("wasnt", "werent", "lie", "lied",
                                                                       "lying"));
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == i || !(c->tags[j] & (T_SELFOBJ | T_BODY)))
            continue;
        /* "the ball hit me", "my sister hit me": an English "me" after the
         * verb is done to the client by somebody or something else (the
         * client's own act is "myself", "my arm"; Spanish says "me" first:
         * "me pegue") */
        if (j > i && is(c, j, "me") && !agent_taken_back)
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

/* An amount in s that counts pills or doses: "twenty", "a handful", "x 8";
 * not a strength alone ("my 25mg pill", "mi pastilla de 25 mg", "800mg of
 * advil"), which is one dose as prescribed, nor "every morning". A
 * strength of 2000 mg or more is an amount again. */
/* The number at j is the reply's score, not a count: a share of ten
 * ("7/10", "8 out of 10"; the ten too), not "8/10 of my pills"; or one to
 * ten set apart at the reply's end ("took an advil. 8", "took a tylenol,
 * im an 8", "took my meds, 7 today"). */
static bool score_said(const struct ctx *c, size_t j)
{
    if (!has(c, j, T_NUMBER) || numval(c, j) > 10)
        return false;
    /* the ten of a share: "7/10", "7 outta 10" */
    if (numval(c, j) == 10 && j > 0 &&
        ((has(c, j - 1, T_NUMBER) && c->v->w[c->v->toff[j] - 1] == '/') ||
         (j > 1 && c->v->w[c->v->toff[j - 1]] == '/' && has(c, j - 2, T_NUMBER)) ||
         (j > 1 && in_set(c, j - 1, SET("outta", "sobre", "de")) && has(c, j - 2, T_NUMBER)) ||
         (j > 2 && is(c, j - 1, "of") && is(c, j - 2, "out") && has(c, j - 3, T_NUMBER))))
        return true;
    size_t after = j + 1;
    const char *t = c->v->w + c->v->toff[j];
    size_t tn = c->v->tlen[j];
    if (tn >= 4 && memcmp(t + tn - 3, "/10", 3) == 0)
        ; /* "7/10" read as one token */
    else if (after < c->n && has(c, after, T_NUMBER) && c->v->w[c->v->toff[after] - 1] == '/')
        after += 1; /* "7/10" */
    else if (after < c->n && c->v->w[c->v->toff[after]] == '/' && has(c, after + 1, T_NUMBER))
        after += 2; /* "7 / 10" as tokens */
    else if (after + 1 < c->n && in_set(c, after, SET("outta", "sobre")) && is(c, after + 1, "10"))
        after += 2;
    else if (after + 2 < c->n && is(c, after, "out") && is(c, after + 1, "of") && is(c, after + 2, "10"))
        after += 3;
    bool share = after > j + 1 || (tn >= 4 && memcmp(t + tn - 3, "/10", 3) == 0);
    if (share)
        return !in_set(c, after, SET("of", "de", "pills", "pastillas"));
    bool ends = after >= c->n || has(c, after, T_BREAK) ||
                in_set(c, after, SET("today", "hoy", "tho", "lol", "rn", "tbh", "now", "ahorita"));
    /* (the reply's first word is set apart: "4 today bc the dizziness
     * from my new meds") */
    bool apart = j == 0 || has(c, j - 1, T_BREAK) || in_set(c, j - 1, SET("a", "an", "un", "una"));
    return ends && apart;
}

static bool counted_amount(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip || !has(c, j, T_AMOUNT))
            continue;
        if (score_said(c, j))
            continue;
        /* "7 took my blood pressure pills": the reply's score first, then
         * its news (a count comes after the verb: "took 7") */
        if ((j == 0 || has(c, j - 1, T_BREAK)) && has(c, j, T_NUMBER) && numval(c, j) <= 10 &&
            has(c, j + 1, T_TOOK))
            continue;
        /* "6. meds 2x a day now": the reply's score, set apart by a mark at
         * its start, counts no pills */
        if ((j == 0 || has(c, j - 1, T_BREAK)) && has(c, j + 1, T_BREAK) && has(c, j, T_NUMBER) &&
            numval(c, j) <= 10)
            continue;
        /* "twice a day", "2x a day", "3 times per week", "2 veces al dia":
         * how often a dose is taken, no amount at hand */
        if (any_str(c, window(c, j, 0, 2, 0), j, SET("a", "per", "al", "por", "x", "xa", "times", "veces", "daily")) &&
            any_str(c, window(c, j, 0, 3, 0), j, SET("day", "daily", "week", "night", "dia", "semana", "noche")))
            continue;
        /* "every morning", "todas las noches": a routine, no amount */
        if (in_set(c, j, SET("every", "each", "todas", "todos", "cada")) &&
            any_str(c, window(c, j, 0, 2, 0), j, SET("morning", "night", "day", "evening", "week", "mornings",
                    "nights", "days", "manana", "mananas", "noche", "noches", "dia", "dias", "semana", "tarde", "tardes")))
            continue;
        if (in_set(c, j, SET("mg", "mcg", "ml", "milligrams", "miligramos")) &&
            !(j + 1 < c->n && in_set(c, j + 1, SET("x", "times", "veces"))) &&
            !(j > 0 && has(c, j - 1, T_NUMBER) && numval(c, j - 1) >= 2000))
            continue;
        if (has(c, j, T_NUMBER) && numval(c, j) < 2000 &&
            in_set(c, j + 1, SET("mg", "mcg", "ml", "milligrams", "miligramos")) &&
            !(j + 2 < c->n && in_set(c, j + 2, SET("x", "times", "veces"))))
            continue;
        return true;
    }
    return false;
}

/* A routine dose told at the medication word at token i: "took 1 tylenol
 * for my back earlier", "me tomé una pastilla para el dolor de cabeza",
 * "took my advil like the doctor said", "took 2 of my anxiety pills": one
 * or two of it (or none counted), or three for an ache or as prescribed,
 * and nothing of an overdose in the reply (a count of four or more, all, the bottle, a want, a time to
 * come, the rest). No crisis; the learned model is not asked after it. */
bool routine_dose(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_MED) || !any_in(c, window(c, i, 5, 0, 0), T_TOOK, i))
        return false;
    struct span back = window(c, i, 5, 0, 0);
    for (size_t j = back.lo; j < i; j++)
        if (has(c, j, T_NUMBER) && numval(c, j) > 3)
            return false;
    bool reason = false;
    struct span fwd = window(c, i, 0, 6, 0);
    for (size_t j = i + 1; j < fwd.hi && !reason; j++)
        reason = (in_set(c, j, SET("for", "para", "pal", "pa")) &&
                  any_str(c, window(c, j, 0, 4, 0), j,
                          SET("back", "head", "headache", "tooth", "toothache", "cramps", "pain", "fever",
                              "knee", "neck", "migraine", "period", "allergies", "cold", "flu", "shoulder",
                              "arthritis", "espalda", "cabeza", "muela", "dolor", "colicos", "fiebre",
                              "rodilla", "cuello", "migrana", "gripa", "gripe", "alergia", "resfriado"))) ||
                 in_set(c, j, SET("prescribed", "recetada", "recetado", "directed", "label", "indicado"));
    /* one or two of it need no reason ("took 1 ibuprofen", "took 2 of my
     * anxiety pills"); three, one */
    size_t count = 0;
    for (size_t j = back.lo; j < i; j++)
        if (has(c, j, T_NUMBER))
            count = (size_t)numval(c, j);
    if (i > 0 && in_set(c, i - 1, SET("a", "an", "one", "un", "una", "uno")))
        count = 1; /* "took a tylenol", "una pastilla" */
    /* "took the pills", "tomé un chorro de pastillas": uncounted, no
     * routine without a reason */
    if (!reason && (count == 0 || count > 2))
        return false;
    /* an amount near it: "como veinte", "a bunch", "un monton" (not a
     * score, "feeling a 6", nor a strength, "500 mg") */
    struct span near = window(c, i, 6, 6, 1);
    for (size_t j = near.lo; j < near.hi; j++)
        if (j != i && has(c, j, T_AMOUNT) &&
            !(has(c, j, T_NUMBER) && j > 0 && in_set(c, j - 1, SET("a", "an", "un", "una", "at", "im"))) &&
            !(has(c, j, T_NUMBER) && in_set(c, j + 1, SET("mg", "mcg", "ml", "milligrams", "miligramos"))) &&
            !in_set(c, j, SET("mg", "mcg", "ml", "milligrams", "miligramos")))
            return false;
    for (size_t j = 0; j < c->n; j++)
        if ((has(c, j, T_NUMBER) && numval(c, j) > 3 && j + 1 < c->n &&
             (has(c, j + 1, T_MED | T_MEANS) || in_set(c, j + 1, SET("of", "de")))) ||
            (has(c, j, T_WANT) && !negated(c, j)) ||
            in_set(c, j, SET("all", "whole", "bottle", "rest", "handful", "todas", "todo", "frasco",
                             "bote", "tonight", "overdose", "od", "sobredosis", "more", "mas")))
            return false;
    return true;
}

/* A number of times said before token i: "3x my", "4 times my", "3 veces
 * mi" (two or more). */
static bool times_before(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 4, 0, 0);
    for (size_t j = s.lo; j + 1 < i; j++)
        if (has(c, j, T_NUMBER) && numval(c, j) >= 2 && numval(c, j) <= 20 &&
            in_set(c, j + 1, SET("x", "times", "veces")))
            return true;
    return false;
}

/* A means with intent, presence or a time, and the self: "the pills are
 * right here next to me", "tied the rope in the garage", "bought a gun
 * today". Without intent, presence or time: ambiguous (ask). */
/* "my kids are driving me off a cliff", "pushing me off the ledge":
 * somebody else drives the client to the place at i, an idiom. */
static bool driven_there(const struct ctx *c, size_t i)
{
    for (size_t j = i > 5 ? i - 5 : 1; j < i; j++)
        if (is(c, j, "me") && in_set(c, j - 1, SET("driving", "drive", "drives", "drove", "pushing",
                                                    "push", "pushed")))
            return true;
    return false;
}

/* A crossing waited at on the way: "got stuck at the train tracks
 * behind a freight train, late again", "me tocó esperar en las vías por el
 * tren de carga, llegué tarde"; not waiting there for a train, nor with a
 * want. */
static bool crossing_waited(const struct ctx *c, size_t i)
{
    return in_set(c, i, SET("tracks", "rails", "vias", "rieles")) &&
           /* waited at, not stood on: "im on the train tracks behind the walmart" */
           !any_str(c, window(c, i, 3, 0, 0), i, SET("on", "onto", "sobre", "encima")) &&
           any_str(c, window(c, i, 8, 10, 1), i, SET("stuck", "traffic", "crossing", "blocked", "freight",
                   "detour", "trafico", "atorado", "atorada", "atascado", "atascada", "cruce", "carga")) &&
           !any_in(c, window(c, i, 8, 8, 1), T_WANT, i) &&
           !any_str(c, window(c, i, 8, 10, 1), i, SET("jump", "lie", "lay", "lying", "laying", "standing",
                    "stood", "acostarme", "tirarme", "aventarme", "brincar", "parado", "parada", "wait",
                    "waiting", "esperando", "next"));
}

/* A bridge in the day's traffic or pastimes: "traffic on the bridge was
 * backed up forever, wreck in the left lane", "fishing on the bridge",
 * "the bridge club tonight"; not with a want, a time to come, standing
 * or a jump. */
static bool bridge_passed(const struct ctx *c, size_t i)
{
    if (!in_set(c, i, SET("bridge", "puente", "overpass")) || any_in(c, window(c, i, 8, 8, 1), T_WANT, i))
        return false;
    if (in_set(c, i + 1, SET("club", "game", "tournament", "night")))
        return true; /* the card game */
    return any_str(c, window(c, i, 8, 8, 1), i, SET("traffic", "backed", "wreck", "accident", "lane", "lanes",
                   "toll", "construction", "commute", "fishing", "fished", "pescando", "pescar", "trafico",
                   "choque", "carril", "peaje", "obra", "obras")) &&
           !any_str(c, window(c, i, 8, 8, 1), i, SET("jump", "jumping", "jumped", "standing", "stood", "edge",
                    "ledge", "railing", "tonight", "brincar", "saltar", "tirarme", "aventarme", "parado",
                    "parada", "orilla"));
}

static bool place_means(const struct ctx *c, size_t i)
{
    static const char *const places[] = {"bridge", "roof", "rooftop", "ledge", "tracks",
                                         "cliff", "overpass", "puente", "azotea", "vias",
                                         "techo", "balcon", "edge", "rails", "orilla", "rieles"};
    static const char *const preps[] = {"on", "at", "en", "sobre", "top", "off", "over", "del",
                                        "by", "near"};
    bool place = false;
    for (size_t k = 0; k < sizeof places / sizeof places[0]; k++)
        place = place || is(c, i, places[k]);
    if (!place)
        return false;
    bool strong = in_set(c, i, SET("ledge", "tracks", "rails", "cliff", "overpass", "vias", "orilla",
                                   "acantilado"));
    /* "took the bus over the bridge to my appointment", "drove across the
     * bridge to work": a way across, not a place to stand */
    if (in_set(c, i, SET("bridge", "puente", "overpass")) && i > 1 &&
        (in_set(c, i - 1, SET("over", "across", "under", "cruzando")) ||
         in_set(c, i - 2, SET("over", "across", "under", "cruzando", "cruce", "crossed",
                              "crossing")) ||
         (i > 2 && in_set(c, i - 3, SET("over", "across", "under")))) &&
        any_str(c, window(c, i, 6, 6, 0), i, SET("bus", "train", "drove", "driving", "drive",
                "took", "rode", "ride", "biked", "commute", "traffic", "car", "uber", "ferry",
                "walk", "walked", "walking", "run", "running", "jog", "jogging", "exercise", "bike",
                "subway", "camion", "tren", "carro", "maneje", "crossed", "cruce")) &&
        /* ... but not when the client stayed there: "cruce el puente
         * caminando y me quede un rato ahi parado" */
        !any_str(c, window(c, i, 0, 12, 1), i, SET("parado", "parada", "quede", "stood", "stopped",
                 "stayed", "stared", "staring", "mirando", "rato", "while", "sentado", "sentada")))
        return false;
    if (driven_there(c, i))
        return false;
    /* "el tráfico del puente", "la vista del techo": "del" after a noun
     * is "of the", no place one stands */
    if (i > 1 && is(c, i - 1, "del") &&
        in_set(c, i - 2, SET("trafico", "fila", "cola", "vista", "foto", "fotos", "obra", "obras",
                             "construccion", "reparacion", "peaje", "cruce", "otro", "lado",
                             "arreglo", "gotera", "goteras", "pintura")))
        return false;
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

/* Medication kept in a quantity, no intent said: "a lot of tylenol in the
 * cabinet", "still have my moms leftover morphine", "holding onto my old
 * prescriptions", "a big bottle of sleeping pills". Not a dose taken as
 * prescribed, nor a refill alone. */
static bool med_kept(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_MED) && !in_set(c, i, SET("prescriptions", "recetas")))
        return false;
    struct span s = window(c, i, 6, 4, 1);
    bool stock = any_str(c, s, i, SET("lot", "lots", "big", "huge", "giant", "whole", "entire",
                                      "muchas", "muchos", "bastantes",
                                      "leftover", "leftovers", "old", "extra", "stockpile",
                                      "montón", "monton", "sobraron", "sobrantes", "viejas",
                                      "grande", "bunch", "surgery", "cirugia", "operacion",
                                      "injury", "supply", "suministro"));
    bool kept = any_str(c, window(c, i, 6, 8, 1), i, SET("still", "holding", "hanging", "keep", "keeping", "kept",
                                     "theres", "have", "got", "hay", "tengo", "guardo",
                                     "guardadas", "todavia", "aun", "sigo", "cabinet",
                                     "drawer", "cajon", "gaveta", "botiquin", "sitting",
                                     "dresser", "nightstand", "picked", "guardadas", "guardados"));
    /* a dose taken, not a supply picked up or got */
    struct span before = window(c, i, 4, 0, 0);
    for (size_t j = before.lo; j < before.hi; j++)
        if (j != i && has(c, j, T_TOOK) && !in_set(c, j, SET("picked", "got", "bought", "filled")))
            return false;
    return stock && kept;
}

/* A jump into water is a swim, not a means, when others jumped along ("we
 * jumped off the bridge into the lake") or it was from no height at all
 * ("jumped off the dock into the river"). From a height, alone, it stays a
 * means: "thinking about jumping off the bridge into the river". */
static bool leisure_jump(const struct ctx *c, size_t i)
{
    if (!any_str(c, window(c, i, 0, 7, 0), i, SET("lake", "water", "pool", "river", "ocean",
                 "creek", "quarry", "sea", "lago", "agua", "alberca", "piscina", "rio", "mar")))
        return false;
    bool together = any_str(c, window(c, i, 4, 0, 0), i, SET("we", "were", "us", "lets",
                            "nosotros", "nos", "vamos", "kids", "all")) ||
                    any_str(c, window(c, i, 0, 10, 0), i, SET("with", "con"));
    bool height = any_str(c, window(c, i, 0, 5, 0), i, SET("bridge", "roof", "rooftop",
                          "ledge", "overpass", "cliff", "puente", "azotea", "techo",
                          "edificio", "building"));
    return together || !height;
}

/* A place reached by a leisure jump a few words before: "we jumped off the
 * bridge into the lake", "nos tiramos del puente al rio con mis primos". */
static bool place_of_leisure_jump(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 5, 0, 0);
    for (size_t j = s.lo; j < i; j++)
        if (in_set(c, j, SET("jump", "jumped", "jumping", "tiramos", "aventamos", "saltamos",
                             "brincamos", "tiraron", "saltaron", "brincaron")) &&
            leisure_jump(c, j))
            return true;
    return false;
}

/* Eyes kept on the means at i: "keep looking at the kitchen knives idk",
 * "can't stop staring at the pills", "sigo viendo las navajas". */
static bool eyes_on(const struct ctx *c, size_t i)
{
    for (size_t j = i > 5 ? i - 5 : 0; j < i; j++)
        if (in_set(c, j, SET("staring", "stare", "looking", "mirando", "viendo")) &&
            (any_str(c, window(c, j, 3, 0, 0), j, SET("keep", "kept", "cant", "stop", "sigo", "keeps")) ||
             is(c, j, "staring")))
            return true;
    return false;
}

/* A count of thirty or more in s (not a strength: "90 mg"), or a supply
 * of months: the size of a supply of pills. */
static bool big_supply(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip)
            continue;
        if (has(c, j, T_NUMBER) && numval(c, j) >= 30 && numval(c, j) < 1000 &&
            !in_set(c, j + 1, SET("mg", "mcg", "ml", "milligrams", "miligramos", "dollars", "bucks",
                                  "pesos", "min", "minutes", "days", "dias", "day", "dia", "am", "pm",
                                  "percent")) &&
            !(j > 0 && (in_set(c, j - 1, SET("day", "dia", "$")) || c->v->w[c->v->toff[j] - 1] == '$')))
            return true;
        /* months of it: "a 3 month supply" (one month is the usual fill) */
        if (in_set(c, j, SET("month", "months", "meses")) && j > 0 && has(c, j - 1, T_NUMBER) &&
            numval(c, j - 1) >= 2 &&
            any_str(c, window(c, j, 2, 2, 0), j, SET("supply", "suministro", "worth")))
            return true;
    }
    return false;
}

/* A jump word in s not denied just before it ("not thinking about
 * jumping", "no pienso en brincar"). */
static bool jump_said(const struct ctx *c, struct span s)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (in_set(c, j, SET("jump", "jumping", "brincar", "saltar", "tirarme", "aventarme", "brinco",
                             "salto", "leap")) &&
            !negated(c, j))
            return true;
    return false;
}

/* A medication at i named by what it is for, an everyday complaint
 * ("got my blood pressure pills", "mis pastillas de la presión", "picked
 * up my cholesterol meds"), no supply counted and nothing wanted: a
 * routine refill, not a means to ask about. */
static bool routine_purpose(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 8, 8, 1);
    return any_str(c, window(c, i, 3, 3, 0), i,
                   SET("pressure", "cholesterol", "thyroid", "allergy", "allergies", "diabetes",
                       "sugar", "heart", "reflux", "asthma", "birth", "vitamin", "vitamins", "presion",
                       "colesterol", "tiroides", "alergia", "azucar", "corazon", "gastritis",
                       "asma", "vitaminas")) &&
           !big_supply(c, s, i) && !counted_amount(c, s, i) && !any_in(c, s, T_WANT | T_TIME, i);
}

/* "pharmacist said my refill is ready, picking up my blood pressure
 * meds", "fui por las pastillas del colesterol": a medication at i made
 * ready at the pharmacy, named by what it is for, or gone for; no supply
 * counted, no taking said, no time but a day's ("later", "mañana"; not
 * "tonight", "now"), and nothing wanted but its being ready. An errand: no means at hand, and the learned model is not asked
 * about it (REPLY_R_DOSE, concepts_scan). */
bool med_errand(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_MED))
        return false;
    struct span s = window(c, i, 8, 8, 1);
    bool errand =
        any_str(c, window(c, i, 10, 6, 1), i, SET("pharmacy", "pharmacist", "farmacia", "refill",
                "refills", "cvs", "walgreens", "pickup", "recoger", "surtir", "surtieron")) ||
        routine_purpose(c, i) ||
        any_str(c, window(c, i, 4, 0, 0), i, SET("picked", "picking", "grabbed", "recogi", "fetched")) ||
        (i >= 2 && any_str(c, window(c, i, 3, 0, 0), i, SET("por")) &&
         any_str(c, window(c, i, 4, 0, 0), i, SET("fui", "pase", "voy", "vengo", "ir", "fuimos")));
    if (!errand || counted_amount(c, s, i) || big_supply(c, s, i) ||
        any_str(c, s, i, SET("tonight", "tonite", "2nite", "gonna", "finna", "imma", "ima", "now",
                             "rn", "ahorita", "all", "todas", "todos", "take", "tomar", "tomarme",
                             "tomarmelas", "swallow", "tragar", "down")))
        return false;
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != i && has(c, j, T_WANT) && !in_set(c, j, SET("ready", "listo", "lista", "listos", "listas")))
            return false;
    return true;
}

int rule_means(const struct ctx *c, size_t i)
{
    /* a height and a jump: "toy en la azotea pensando en brincar", "on the
     * roof thinking about jumping"; a height sought: "found a tall enough
     * spot at the parking ramp" */
    if (in_set(c, i, SET("bridge", "roof", "rooftop", "ledge", "overpass", "cliff", "puente",
                         "azotea", "techo", "balcon", "edificio", "building", "ramp")) &&
        any_str(c, window(c, i, 6, 6, 1), i, SET("jump", "jumping", "brincar", "saltar",
                "tirarme", "aventarme", "brinco", "salto", "leap")) &&
        (any_in(c, window(c, i, 6, 6, 1), T_WANT, i) ||
         any_str(c, window(c, i, 6, 6, 1), i, SET("thinking", "pensando", "gonna", "about", "going",
                 "voy", "pienso", "should", "could", "ready", "listo", "lista"))) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("lake", "water", "pool", "river", "ocean",
                 "trampoline", "lago", "agua", "alberca", "rio", "mar")) &&
        jump_said(c, window(c, i, 6, 6, 1)))
        return 2;
    /* a height with no way back down: "top level of the parking garage.
     * not taking the stairs back down", "en la azotea y no voy a bajar" */
    if (in_set(c, i, SET("garage", "roof", "rooftop", "ledge", "bridge", "building", "azotea",
                         "techo", "puente", "edificio", "floor", "level", "piso")) &&
        (!in_set(c, i, SET("floor", "level", "piso")) ||
         any_str(c, window(c, i, 3, 0, 0), i, SET("top", "highest", "ultimo")) ||
         any_in(c, window(c, i, 3, 0, 0), T_NUMBER, i)) &&
        ((any_str(c, window(c, i, 0, 10, 1), i, SET("down", "bajar", "bajo")) &&
          any_in(c, window(c, i, 0, 10, 1), T_NEG, i) &&
          any_str(c, window(c, i, 0, 10, 1), i, SET("stairs", "back", "coming", "elevator",
                  "escaleras", "voy", "walking", "taking", "pienso", "planeo", "going",
                  "plan"))) ||
         (any_str(c, window(c, i, 0, 10, 1), i, SET("window", "ventana")) &&
          any_str(c, window(c, i, 0, 10, 1), i, SET("opens", "open", "abre")) &&
          any_str(c, window(c, i, 0, 12, 1), i, SET("bc", "because", "cuz", "porque", "plan",
                  "jump", "saltar")))))
        return 2;
    /* "parked in the garage at the mall": a public garage a car was left
     * in (a garage at home with a car in it stays a means to ask about) */
    if (in_set(c, i, SET("garage", "garaje", "cochera")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("parked", "park", "parking", "estacione",
                "estacionado")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("mall", "work", "job", "store", "office",
                "hospital", "airport", "downtown", "stadium", "plaza", "trabajo", "tienda",
                "aeropuerto", "centro")) &&
        !any_str(c, window(c, i, 6, 10, 1), i, SET("running", "engine", "motor", "close", "closed",
                 "shut", "hose", "exhaust", "cerrar", "cerre", "prendido")) &&
        !any_str(c, window(c, i, 3, 0, 0), i, SET("top", "roof", "level", "floor")))
        return 0;
    if (is(c, i, "enough") && i > 0 && in_set(c, i - 1, SET("tall", "high")) &&
        any_str(c, window(c, i, 0, 6, 1), i, SET("spot", "place", "building", "bridge", "ramp",
                                                  "floor", "garage", "roof", "ledge")))
        return 2;
    /* a platform's edge is a means only by where one stands */
    bool platform = is(c, i, "platform") || is(c, i, "anden");
    /* a supply told by its size after a refill: "picked up my refill, 90
     * of them", "recogí mi receta, son 90 pastillas": ask (a refill alone
     * is everyday; pills counted so are asked about at the end) */
    if (in_set(c, i, SET("refill", "refills", "receta", "prescription")) &&
        big_supply(c, window(c, i, 8, 8, 1), i) && !any_in(c, window(c, i, 4, 0, 0), T_TOOK, i))
        return 1;

    /* a medication kept in stock ("a whole bottle of oxy left over from
     * surgery"): ask (written as tests of token i, so that the trigger
     * script can tell where the rule starts) */
    if (has(c, i, T_MED) && !has(c, i, T_MEANS) && med_kept(c, i) && !routine_purpose(c, i))
        return 1;
    if (in_set(c, i, SET("prescriptions", "recetas")) && !has(c, i, T_MEANS) && med_kept(c, i))
        return 1;
    if (!has(c, i, T_MEANS) && !platform)
        return 0;
    if (crossing_waited(c, i))
        return 0;
    /* "90 days no pills", "3 meses sin pastillas": time without it,
     * sobriety news */
    if (i > 0 && in_set(c, i - 1, SET("no", "sin", "without")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("days", "weeks", "months", "years", "dias", "semanas",
                "meses", "anos", "day", "week", "month", "year")))
        return 0;
    if (bridge_passed(c, i))
        return MEANS_EVERYDAY;
    /* kitchen knives bought, washed, sharpened: a cook's (unless the eyes
     * stay on them) */
    if (in_set(c, i, SET("knife", "knives", "cuchillo", "cuchillos")) &&
        any_str(c, window(c, i, 3, 3, 0), i, SET("kitchen", "cocina", "steak", "bread", "chef",
                "cooking", "set", "block", "butter", "cocinar")) &&
        !eyes_on(c, i) && !any_in(c, window(c, i, 8, 8, 1), T_WANT | T_TIME, i) &&
        !any_str(c, window(c, i, 8, 8, 1), i, SET("myself", "wrist", "wrists", "mismo", "misma",
                 "muneca", "munecas")))
        return 0;
    /* "the commute over the bridge is killing me", "el tráfico del puente
     * me está matando": the place in an idiom of a thing killing one */
    {
        struct span w = window(c, i, 10, 10, 1);
        for (size_t j = w.lo; j < w.hi; j++)
            if (j != i && kill_said_of_thing(c, j))
                return 0;
    }
    if (!platform && place_means(c, i) && !place_of_leisure_jump(c, i))
        return 2; /* "standing on the bridge", "estoy en el puente" */
    /* a means named and nothing else ("pills 💊", "the rope"): ask */
    if (c->n <= 3 && !platform)
        return 1;
    /* going to a high place or the tracks, or lingering and looking there,
     * no intent said: "drove to the bridge and sat there", "fui al puente
     * otra vez", "looked at the cliffs", "me subi a la azotea a pensar",
     * "no dejo de pensar en el puente": ask */
    if (in_set(c, i, SET("bridge", "roof", "rooftop", "tracks", "overpass", "cliff", "puente",
                         "azotea", "vias", "platform", "anden", "cliffs", "acantilado", "techo",
                         "rieles")) &&
        (any_str(c, window(c, i, 5, 0, 0), i, SET("went", "drove", "walked", "go", "going", "driving",
                "back", "fui", "pase", "regrese", "maneje", "camine", "voy", "ended", "looked",
                "looking", "stood", "standing", "stared", "staring", "thinking", "think",
                "thought", "sat", "subi", "estuve", "pensar", "pensando", "pienso", "viendo",
                "mirando", "parado", "parada", "sentado", "sentada", "near", "cerca", "fije")) ||
         /* "cruce el puente y me quede un rato ahi parado": stayed there */
         any_str(c, window(c, i, 0, 10, 1), i, SET("parado", "parada", "quede", "stood", "stayed",
                 "staring", "mirando", "sentado", "sentada"))))
        return 1;
    /* a high place gone by often of late: "he pasado mucho por el puente
     * últimamente", "been going by the bridge a lot lately": ask */
    if (in_set(c, i, SET("bridge", "roof", "rooftop", "tracks", "overpass", "cliff", "puente",
                         "azotea", "vias", "cliffs", "acantilado", "rieles")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("pasado", "pasando", "pase", "passing", "been",
                "going", "goin", "driving", "walking", "ido", "yendo")) &&
        any_str(c, window(c, i, 6, 6, 1), i, SET("mucho", "ultimamente", "lately", "alot", "lot",
                "seguido", "diario", "every", "cada", "often", "nightly")))
        return 1;
    if (platform)
        return 0;

    /* a weapon or blades kept, hidden or left where the client lives:
     * "my brother left his gun at my place", "mi hermano dejo su pistola
     * aqui", "sigo viendo las navajas"; not a gun left somewhere else, at
     * the range or in the kitchen */
    struct span near = window(c, i, 6, 4, 1);
    if (!in_set(c, i, SET("bridge", "roof", "rooftop", "tracks", "overpass", "cliff", "puente",
                          "azotea", "vias", "garage", "garaje", "cochera", "river", "belt",
                          "cord", "lighter", "cinturon", "tren", "balcon", "exhaust", "hose",
                          "bottle", "frasco", "stash")) &&
        !any_str(c, near, i, SET("range", "clean", "cleaning", "limpiar", "poured", "flushed",
                                 "tossed", "dumped", "threw", "gave", "tire", "regale")) &&
        /* a knife in the kitchen is for cooking; a gun in its drawer is not */
        !(in_set(c, i, SET("knife", "knives", "cuchillo", "cuchillos", "blade", "blades")) &&
          any_str(c, near, i, SET("kitchen", "cocina", "cook", "cooking", "sink", "fregadero"))) &&
        (any_str(c, near, i, SET("still", "viendo", "mirando", "staring", "hid", "hidden",
                                 "escondi", "escondida", "escondido", "keeps", "guarda")) ||
         (any_str(c, near, i, SET("left", "leaves", "dejo", "dejaron", "olvido")) &&
          any_str(c, window(c, i, 6, 6, 1), i, SET("here", "place", "house", "apartment", "apt",
                  "room", "aqui", "aca", "casa", "depa", "cuarto", "departamento", "bed", "cama",
                  "closet", "drawer", "nightstand", "cajon", "gaveta", "couch", "sofa", "dresser",
                  "troca", "truck", "carro", "car", "counter", "table", "mesa")))) &&
        /* "i know where he keeps his gun and i got the key. tonight": a
         * time or a key taken goes on to intent below */
        !any_str(c, window(c, i, 8, 10, 1), i, SET("tonight", "tonite", "key", "llave", "code",
                 "combination", "combo", "hoy")))
        return 3; /* within the client's reach, whoever owns it */
    struct span s = window(c, i, 8, 8, 1);
    /* safe words ("gave my pills to my sister", "locked up"), but "gave
     * me", "handed me" is the means come to the client */
    /* "i keep my hunting rifle by the bed now": a safe use said, the gun
     * kept where one sleeps */
    bool bedside = any_str(c, s, i, SET("bed", "nightstand", "pillow", "cama", "almohada", "buro"));
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != i && has(c, j, T_SAFE) && !(bedside && is(c, j, "hunting")) &&
            /* "not for shaving": the everyday use denied */
            !(j > 1 && in_set(c, j - 1, SET("for", "para", "pa")) && has(c, j - 2, T_NEG)) &&
            /* a refill or supply told by its size, or medication kept in
             * stock, is asked about below whoever prescribed it */
            !(in_set(c, j, SET("supply", "refill", "refills", "receta", "prescription")) &&
              big_supply(c, s, i)) &&
            !(in_set(c, j, SET("doctor", "doctora", "doc", "dr", "medico", "receta", "prescription",
                               "prescribed")) && med_kept(c, i)) &&
            !(in_set(c, j, SET("gave", "handed", "lent")) && is(c, j + 1, "me")) &&
            /* "tied the belt to the rod to test it": a verb, no school test */
            !(in_set(c, j, SET("test", "testing")) && j > 0 && in_set(c, j - 1, SET("to", "it"))))
            return 0;
    if (accident_near(c, i, false))
        return 0;
    /* a rope or a cord said to be for the washing, a tent, a boat ("una
     * soga para tender la ropa", "rope for the tarp"): the purpose right
     * after it */
    if (in_set(c, i, SET("rope", "ropes", "cord", "soga", "cuerda", "lazo", "mecate", "paracord")))
        for (size_t j = i + 1; j < c->n && j <= i + 2; j++)
            if (in_set(c, j, SET("for", "para", "pa", "to")) &&
                any_str(c, window(c, j, 0, 3, 0), j, SET("tender", "ropa", "tendedero",
                        "clothesline", "laundry", "camping", "acampar", "tent", "tarp", "boat",
                        "kayak", "hammock", "hamaca", "climbing", "swing", "swings", "columpio",
                        "tire", "tree", "treehouse", "boxes", "cajas", "truck", "load", "bike",
                        "fence", "garden", "plants", "dog", "perro")))
                return 0;
    /* "21 months off the bottle": sober, in the old phrase */
    if (is(c, i, "bottle") && i > 1 && is(c, i - 1, "the") && in_set(c, i - 2, SET("off", "from")))
        return 0;
    /* a bottle of water, of soda, of baby formula is no means */
    if (in_set(c, i, SET("bottle", "bottles", "frasco", "botella")) &&
        any_str(c, window(c, i, 2, 3, 0), i, SET("water", "soda", "agua", "refresco", "baby",
                "shampoo", "ketchup", "sauce", "milk", "leche", "juice", "jugo", "gatorade",
                "formula", "coke", "pop", "lotion", "perfume")))
        return 0;
    if (med_errand(c, i))
        return 0;
    /* "took my meds", "stop taking my meds": a routine dose */
    if (has(c, i, T_MED) && !counted_amount(c, s, i) && any_in(c, window(c, i, 4, 0, 0), T_TOOK, i))
        return 0; /* (a dose; "took the gun out" is no dose) */
    /* "my allergy pill is 10mg now": a dose told, no count, no want, not
     * at hand ("my 10mg pills are right here next to me" is) */
    if (any_str(c, s, i, SET("mg", "mcg", "ml", "milligrams", "miligramos", "milligram")) &&
        !counted_amount(c, s, i) && !any_in(c, s, T_WANT | T_PRESENCE, i))
        return 0;
    static const char *const soon[] = {"tonight", "tonite", "2nite", "gonna", "finna",
                                       "imma", "ima", "voy", "now", "rn", "ahorita", "later"};
    /* a want said, not denied ("not thinking about jumping") */
    bool intent = false;
    for (size_t j = s.lo; j < s.hi && !intent; j++)
        intent = j != i && ((has(c, j, T_WANT) && !negated(c, j)) ||
                            /* "i will use it on myself", "usarla en mi misma" */
                            (in_set(c, j, SET("myself", "mismo", "misma")) && j > 0 &&
                             in_set(c, j - 1, SET("on", "en", "contra", "mi", "against"))));
    /* "im not gonna do anything dumb with them": no intent */
    for (size_t j = s.lo; !intent && j < s.hi; j++)
        for (size_t k = 0; k < sizeof soon / sizeof soon[0]; k++)
            intent = intent || (is(c, j, soon[k]) && !(j > 0 && has(c, j - 1, T_NEG)));
    bool self = selfobj_in(c, s, i) || any_in(c, s, T_SELFSUBJ, i);
    /* acts that ready a means are intent by themselves ("tied the rope",
     * "loaded the gun", "counted the pills"); a car running in a garage */
    if (in_set(c, i, SET("blade", "blades", "razor", "razors", "navaja", "cuchilla")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("sharpened", "sharpening", "afile", "afilando")))
        return 2; /* "sharpened the blade. its in my bag for later" */
    /* bullets put in: "y ya le puse balas", "put shells in it" */
    if (in_set(c, i, SET("balas", "bullets", "shells", "cartuchos", "tiros")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("puse", "meti", "cargue", "put", "loaded")))
        return 2;
    /* one bullet is all it takes: "bought bullets and i only need one",
     * "solo necesito una" */
    if (in_set(c, i, SET("balas", "bullets", "shells", "cartuchos", "bullet", "bala")) &&
        any_str(c, window(c, i, 0, 10, 1), i, SET("need", "takes", "necesito", "ocupo")) &&
        any_str(c, window(c, i, 0, 12, 1), i, SET("one", "una", "uno")) &&
        any_str(c, window(c, i, 0, 11, 1), i, SET("only", "just", "solo", "nomas")))
        return 2;
    /* the tub filled with a blade at hand: "got the razors out and the tub
     * filled" */
    if (in_set(c, i, SET("razor", "razors", "blade", "blades", "navaja", "cuchilla", "gillette")) &&
        any_str(c, s, i, SET("tub", "bathtub", "tina", "banera")) &&
        any_str(c, s, i, SET("filled", "running", "full", "llena", "llenando")))
        return 2;
    /* "compré veneno pa ratas y ya sé pa qué es", "i know what its for":
     * the purpose known and left unsaid */
    struct span kw = window(c, i, 8, 12, 1);
    if ((any_str(c, kw, i, SET("know")) && any_str(c, kw, i, SET("what")) && any_str(c, kw, i, SET("for"))) ||
        (any_str(c, s, i, SET("se")) && any_str(c, s, i, SET("que")) &&
         any_str(c, s, i, SET("pa", "para")) && any_str(c, s, i, SET("ya", "bien"))))
        if (any_in(c, s, T_GOT, i) || any_str(c, s, i, SET("compre", "bought", "got", "consegui")))
            return 2;
    static const char *const acts[] = {"tied", "loaded", "counted", "lined", "hoarding",
                                       "saving", "saved", "stockpiled", "tie", "load",
                                       "amarre", "cargue", "conte", "junte"};
    for (size_t j = s.lo; j < s.hi; j++)
        for (size_t k = 0; k < sizeof acts / sizeof acts[0]; k++)
            if (is(c, j, acts[k]))
                return 2;
    /* "got my dads gun out of the safe", "saqué la pistola del cajón": a
     * means taken out of where it was kept, not to clean it */
    if (any_str(c, s, i, SET("out", "saque", "sacar")) &&
        any_str(c, s, i, SET("safe", "closet", "drawer", "cabinet", "case", "glovebox", "cajon",
                             "caja", "gaveta")) &&
        any_in(c, s, T_GOT | T_TOOK, i) && !any_str(c, s, i, SET("clean", "cleaning", "limpiar")))
        return 2;
    if (in_set(c, i, SET("garage", "exhaust", "garaje", "cochera")) &&
        (any_in(c, s, T_PRESENCE, i) || any_str(c, s, i, SET("hose", "motor", "engine"))) &&
        /* "mechanic fixed the exhaust": a repair */
        !any_str(c, s, i, SET("mechanic", "shop", "fixed", "fix", "repair", "repaired", "muffler",
                              "mecanico", "taller", "arreglo", "arreglaron")) &&
        (any_in(c, s, T_IDIOM_PREV, i) || self || any_str(c, s, i, SET("hose", "carro", "motor"))))
        return 2;
    /* the engine on and the door shut: "car's in the garage. just need to
     * close the door"; coals and tape: "got a charcoal grill and some duct
     * tape" */
    if ((in_set(c, i, SET("garage", "garaje", "cochera")) &&
         any_str(c, window(c, i, 2, 10, 1), i, SET("close", "closed", "shut", "cerrar", "cerre")) &&
         any_str(c, window(c, i, 6, 10, 1), i, SET("car", "cars", "engine", "running", "motor",
                                                    "carro", "truck", "coche"))) ||
        (is(c, i, "charcoal") && any_str(c, window(c, i, 6, 8, 1), i, SET("tape", "sealed", "seal",
                                                                           "bathroom", "car"))))
        return 2;
    /* charcoal for the grill, no tape, no sealed room */
    if (is(c, i, "charcoal") && any_str(c, window(c, i, 6, 6, 1), i, SET("bbq", "grill",
            "grilling", "cookout", "asada", "barbecue", "bbqing")))
        return 0;
    /* the client alone with it behind a door: "got a blade and im in the
     * bathroom", "encerrada en el bano con las pastillas" */
    if (any_str(c, s, i, SET("bathroom", "bano", "bathtub", "tub", "locked", "encerrado",
                             "encerrada", "closet")) &&
        (any_in(c, s, T_SELFSUBJ, i) || any_str(c, s, i, SET("estoy", "encerrado", "encerrada"))) &&
        !any_in(c, s, T_OTHER | T_SAFE, i) &&
        !any_str(c, s, i, SET("away", "cleaned", "cleaning", "clean", "shower", "showering",
                              "shave", "shaving", "afeitar", "limpie", "guarde")))
        return 2;
    if (((intent && self_loose(c, s, i)) || (any_in(c, s, T_PRESENCE, i) && self_loose(c, s, i))) &&
        /* "my meds are twice a day now", "mis pastillas ahora son diarias":
         * a schedule of doses changed, no means at hand */
        !(in_set(c, i, SET("meds", "medication", "medications", "medicine", "pills", "pastillas",
                           "medicinas", "medicamentos")) &&
          any_str(c, s, i, SET("twice", "daily", "once", "thrice", "veces", "diario", "diarias", "dose",
                               "dosis", "refill", "pharmacy", "farmacia", "prescription", "receta"))))
        return 2; /* "the pills are right here next to me", "my plan is the bridge" */
    /* a means gotten with its everyday use denied, or said to be for the
     * client: "bought rope today and it aint for a project", "picked up a
     * pistol. not for protection", "no es pa defenderme", "its for me";
     * not "guns are not for me" (a dislike) */
    for (size_t j = s.lo; j < s.hi; j++) {
        if (!in_set(c, j, SET("for", "pa", "para")) || j == i)
            continue;
        bool denied = ((j > 0 && has(c, j - 1, T_NEG)) ||
                       (j > 1 && has(c, j - 2, T_NEG) &&
                        in_set(c, j - 1, SET("es", "its", "is", "was", "era", "fue")))) &&
                      /* "not for anything else": the everyday use said is all */
                      !in_set(c, j + 1, SET("anything", "nothing", "otra", "nada"));
        bool mine = j + 1 < c->n && in_set(c, j + 1, SET("me", "mi", "myself")) &&
                    (j + 2 >= c->n || has(c, j + 2, T_BREAK));
        if (denied && !mine && (any_in(c, s, T_GOT | T_TOOK, i) ||
                                any_str(c, s, i, SET("pulled", "saque", "sacar", "out"))))
            return 2;
        if (mine && !denied && j > 0 && in_set(c, j - 1, SET("its", "es", "is", "was")))
            return 2;
    }
    if (intent && any_in(c, s, T_GOT, i))
        return 2; /* "bought razor blades for tonight" */
    /* "got my blood pressure pills": a routine refill, named by its use */
    if (has(c, i, T_MED) && routine_purpose(c, i))
        return 0;
    /* a means owned or kept in the household, whoever's: "mi papa tiene
     * una pistola en su cuarto" */
    static const char *const access[] = {"have", "has", "keep", "keeps", "theres", "owns",
                                         "hay", "tengo", "tiene", "tienen", "guarda", "hold",
                                         "holding", "carrying", "traigo", "ando", "cargando"};
    for (size_t j = s.lo; j < s.hi; j++)
        for (size_t k = 0; k < sizeof access / sizeof access[0]; k++)
            if (is(c, j, access[k]))
                return 3; /* a means at hand, no intent said: ask */
    if (counted_amount(c, s, i) || any_in(c, s, T_GOT, i))
        return 1;
    /* given to the client: "my uncle gave me his pistol", "me dio su arma" */
    for (size_t j = s.lo; j + 1 < s.hi; j++)
        if ((in_set(c, j, SET("gave", "handed", "lent")) && is(c, j + 1, "me")) ||
            (is(c, j, "me") && in_set(c, j + 1, SET("dio", "regalo", "presto", "dejo", "dejaron", "heredo"))))
            return 1;
    /* asked about when nothing above said more: */
    /* medication kept in stock: "tengo muchas pastillas guardadas del
     * doctor" */
    if (has(c, i, T_MED) && med_kept(c, i))
        return 1;
    if (eyes_on(c, i))
        return 1;
    /* a supply told by its size: "my meds came in the mail, 3 month
     * supply 🙃", "son 90 pastillas" */
    if (has(c, i, T_MED) && big_supply(c, window(c, i, 8, 8, 1), i) &&
        !any_in(c, window(c, i, 4, 0, 0), T_TOOK, i))
        return 1;
    /* a high place gone to alone, said after it: "the cliffs at the lake
     * are so tall. went up there alone today" */
    if (in_set(c, i, SET("bridge", "roof", "rooftop", "tracks", "overpass", "cliff", "cliffs", "puente",
                         "azotea", "vias", "acantilado", "techo")) &&
        any_str(c, window(c, i, 0, 12, 2), i, SET("alone", "solo", "sola", "myself")) &&
        any_str(c, window(c, i, 0, 12, 2), i, SET("went", "walked", "drove", "fui", "subi", "climbed",
                "hiked", "stood", "sat")))
        return 1;
    /* pills, a blade or a gun by the bed: "pills on the nightstand", "the
     * gun is under my pillow": within reach, whoever's it is */
    if (in_set(c, i + 1, SET("on", "in", "under", "by", "next", "en", "bajo", "debajo", "junto")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("nightstand", "pillow", "bed", "dresser", "buro",
                "almohada", "cama", "mesita", "bedside")) &&
        !any_in(c, window(c, i, 6, 6, 1), T_SAFE, i))
        return 3;
    return 0;
}

/* An amount of medication taken: "took twenty of my anxiety pills", "400mg
 * x 8", "a handful of tylenol", "the whole bottle"; Narcan. */
/* "in me", "en mi": taken, in "30ish gabapentin 800s in me rn" */
static bool in_me(const struct ctx *c, struct span s)
{
    for (size_t j = s.lo; j + 1 < s.hi; j++)
        if (in_set(c, j, SET("in", "en")) && in_set(c, j + 1, SET("me", "mi")) &&
            (j + 2 >= c->n || !has(c, j + 2, T_BODY)))
            return true;
    return false;
}

bool rule_overdose(const struct ctx *c, size_t i)
{
    if (has(c, i, T_NARCAN))
        /* "had to narcan a guy outside": the client gave it to somebody;
         * "they gave us narcan at group", "nos dieron naloxona", "a narcan
         * kit": handed out to all, a training */
        return any_in(c, window(c, i, 5, 5, 0), T_SELFOBJ | T_SELFSUBJ | T_TOOK, i) &&
               !any_str(c, window(c, i, 4, 2, 0), i, SET("us", "nos", "everyone", "everybody",
                        "todos", "each", "kit", "kits", "box", "training", "class", "free")) &&
               !any_in(c, window(c, i, 0, 3, 0), T_OTHER | T_SOMEONE, i) &&
               !any_str(c, window(c, i, 0, 3, 0), i, SET("guy", "man", "woman", "lady", "dude",
                                                          "someone", "somebody", "kid"));
    /* "i took too many. i didnt mean to": too many of something unnamed,
     * said at a clause's end or of pills (not "took too many pics") */
    if (is(c, i, "many") && i > 1 && is(c, i - 1, "too") && in_set(c, i - 2, SET("took", "taken",
                                                                              "swallowed", "popped")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_MED | T_MEANS)))
        return true;
    /* "lithium. all 30", "all 30 of them": a whole count named by a med */
    if (is(c, i, "all") && has(c, i + 1, T_NUMBER) && numval(c, i + 1) >= 5 &&
        any_in(c, window(c, i, 4, 4, 1), T_MED, i))
        return true;
    /* "me meti un monton de pastillas": Spanish "meterse" pills */
    if (in_set(c, i, SET("meti", "metí")) && any_in(c, window(c, i, 0, 5, 0), T_MED, i) &&
        any_in(c, window(c, i, 0, 5, 0), T_AMOUNT, i))
        return true;
    /* "took double my dose", "me tome el triple de la dosis" */
    /* ... and "took 3x my dose", "4 times my dose", "tome 3 veces mi dosis" */
    if (in_set(c, i, SET("dose", "dosis", "dosage")) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("double", "triple", "twice", "quadruple",
                                                   "doble", "triple", "cuadruple")) ||
         times_before(c, i)) &&
        any_in(c, window(c, i, 6, 0, 0), T_TOOK, i))
        return true;
    if (!has(c, i, T_MED))
        return false;
    struct span s = window(c, i, 7, 4, 1);
    /* pills taken with alcohol: "mixed my pills with a bottle of vodka",
     * "me tome las pastillas con alcohol"; not "can't drink on these meds" */
    if (any_str(c, s, i, SET("mixed", "mixing", "mezcle", "with", "con", "chased", "washed")) &&
        any_str(c, window(c, i, 3, 6, 1), i, SET("vodka", "whiskey", "liquor", "alcohol", "beer",
                "beers", "wine", "tequila", "rum", "booze", "henny", "cerveza", "cervezas",
                "vino", "licor", "ron", "mezcal", "whisky", "gin", "guaro", "pisto", "chelas",
                "aguardiente")) &&
        (any_str(c, s, i, SET("mixed", "mezcle", "chased", "washed", "mixing")) ||
         (any_in(c, s, T_TOOK, i) && any_in(c, window(c, i, 7, 6, 1), T_AMOUNT, i))) &&
        !any_in(c, window(c, i, 5, 0, 0), T_NEG, i))
        return true;
    if (any_str(c, s, i, SET("from", "supply", "prescribed", "dose", "refill")))
        return false; /* "15 mg of methadone now, down from 40" */
    /* taken as the label or the doctor says: "took my 2 advil like the
     * bottle says", "como dijo el doctor", "as directed" */
    if (any_str(c, window(c, i, 7, 8, 1), i, SET("directed", "says", "said", "dijo", "recetaron",
                "receto", "indica", "indicaron", "label", "instructions", "etiqueta")) &&
        !any_str(c, window(c, i, 7, 8, 1), i, SET("whole", "all", "todas", "todos", "entire",
                 "toda", "handful", "punado")))
        return false;
    /* swallowed in other words ("two dozen seroquels down the hatch"), its
     * lethality asked ("100mg x 30 of my zoloft. is that enough"), or with
     * an amount of drink ("half a bottle of advil pm + a fifth of vodka") */
    return counted_amount(c, s, i) &&
           (any_in(c, s, T_TOOK, i) || any_in(c, window(c, i, 0, 4, 0), T_INTENS | T_TIME, i) ||
            any_str(c, window(c, i, 0, 5, 0), i, SET("hatch", "system", "sistema")) ||
            in_me(c, window(c, i, 0, 5, 0)) ||
            (any_str(c, window(c, i, 0, 8, 1), i, SET("enough", "suficiente", "suficientes")) &&
             any_str(c, window(c, i, 0, 8, 1), i, SET("is", "es", "sera", "would", "will")) &&
             !any_str(c, window(c, i, 0, 12, 1), i, SET("month", "week", "weeks", "trip", "refill",
                      "mes", "semana", "semanas", "viaje", "days", "dias"))) ||
            (any_str(c, window(c, i, 2, 8, 1), i, SET("fifth", "pint", "handle", "shots", "botella",
                     "caguama", "caguamas", "bottle", "bottles")) &&
             any_str(c, window(c, i, 2, 10, 1), i, SET("vodka", "whiskey", "liquor", "tequila",
                     "rum", "henny", "gin", "wine", "beer", "beers", "vino", "ron", "mezcal",
                     "whisky", "guaro", "cerveza", "cervezas", "aguardiente", "merlot",
                     "chardonnay", "cabernet", "bourbon", "jack", "tito", "titos"))) ||
            /* "60mg methadone on top of the bars" */
            (is(c, i + 1, "on") && is(c, i + 2, "top") && is(c, i + 3, "of") &&
             any_in(c, window(c, i + 3, 0, 3, 0), T_MED | T_DRUG, i)) ||
            /* "mixed my methadone with eight or nine benzos": two downers */
            (any_str(c, window(c, i, 3, 0, 0), i, SET("mixed", "mixing", "mezcle", "combined")) &&
             any_in(c, window(c, i, 0, 6, 1), T_MED, i) && any_in(c, window(c, i, 0, 6, 1), T_AMOUNT, i)));
}

/* More ways of saying dying and its means that a word list alone misses.
 * Returns a reason bit, or 0. */
uint32_t rule_crisis_more(const struct ctx *c, size_t i)
{
    struct span cl = window(c, i, 6, 6, 0);
    /* "dont worry about me anymore", "no se preocupen mas por mi": worry
     * ended for good, time run out (its "dont" is the farewell, no
     * denial), not "dont worry about me, im ok" */
    if (in_set(c, i, SET("worry", "preocupes", "preocupen")) &&
        any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("me", "mi")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("anymore", "nomore", "mas", "again", "nunca")))
        return REPLY_R_TIME_OUT;
    /* "my arms are covered in new marks", "marcas nuevas en las piernas":
     * fresh marks on the body; "dug my nails in until blood" */
    if (in_set(c, i, SET("marks", "scars", "scratches", "marcas", "cicatrices", "rasgunos")) &&
        any_str(c, window(c, i, 3, 3, 0), i, SET("new", "fresh", "nuevas", "nuevos", "frescas",
                                                  "covered", "llenos", "llenas")) &&
        (any_in(c, window(c, i, 5, 5, 0), T_BODY, i) ||
         any_str(c, window(c, i, 5, 5, 0), i, SET("arms", "legs", "wrists", "thighs", "brazos",
                                                   "piernas", "munecas"))) &&
        !any_str(c, window(c, i, 5, 5, 0), i, SET("stretch", "pen", "marker", "tattoo", "tatuaje",
                 "paint", "pintura", "acne", "bites", "surgery", "cirugia")))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("blood", "bled", "bleeding", "sangrar", "sangre")) && i > 0 &&
        in_set(c, i - 1, SET("until", "till", "til", "hasta")) &&
        any_str(c, window(c, i, 8, 0, 0), i, SET("nails", "dug", "picked", "picking", "scratched",
                 "scratching", "rasgune", "unas", "bit", "biting")) &&
        !any_in(c, window(c, i, 8, 0, 0), T_OTHER, i) &&
        /* not done by an animal or somebody to the client, nor a sunburn */
        !any_str(c, window(c, i, 8, 0, 0), i, SET("dog", "cat", "perro", "gato", "puppy", "kitten",
                 "me", "sunburn", "pimple", "zit", "scab", "mosquito")))
        return REPLY_R_SELF_HARM;
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
        (is(c, i + 1, "it") || is(c, i + 1, "things") || is(c, i + 1, "thngs") ||
         is(c, i + 1, "everything") ||
         (is(c, i + 1, "con") && in_set(c, i + 2, SET("todo", "mi")))) &&
        !is(c, i + 2, "with") && !is(c, i + 2, "con") &&
        any_in(c, window(c, i, 4, 4, 0), T_WANT | T_TIME | T_SELFSUBJ, i))
        return REPLY_R_SELF_DEATH;
    /* "quitarme la vida", "want my life to be over", "done living", "i dont
     * see myself alive next week", "no quiero seguir vivo" */
    if (in_set(c, i, SET("quitar", "quitarme", "quito")) && any_str(c, cl, i, SET("vida")))
        return REPLY_R_SELF_DEATH;
    if (in_set(c, i, SET("living", "alive", "vivir", "vivo", "viva", "existir", "exist")) &&
        /* "living the dream but tired", "living my best life": an idiom of
         * a good life, no life to end */
        !(in_set(c, i, SET("living", "livin")) &&
          (is(c, i + 1, "the") ? is(c, i + 2, "dream") : is(c, i + 1, "my") && is(c, i + 2, "best"))) &&
        /* "done painting the living room", "living expenses": a room or a
         * cost, no life */
        !(in_set(c, i, SET("living", "livin")) &&
          in_set(c, i + 1, SET("room", "rooms", "expenses", "costs", "wage", "situation", "arrangements",
                               "space", "quarters", "will"))) &&
        ((any_in(c, cl, T_DONE, i) || (any_in(c, cl, T_NEG, i) && any_in(c, cl, T_WANT, i)) ||
          any_str(c, cl, i, SET("tired", "sick", "cansado", "cansada", "harto", "harta", "see",
                                "seguir", "point", "sentido"))) &&
         !any_in(c, cl, T_OTHER, i)))
        return REPLY_R_SELF_DEATH;
    if (in_set(c, i, SET("life", "vida")) && any_str(c, window(c, i, 0, 3, 0), i, SET("over", "end", "ends")) &&
        any_in(c, cl, T_WANT | T_SELFOBJ, i) &&
        /* "that part of my life is over", "esa etapa de mi vida": a time
         * of it, not the life */
        !(i > 2 && in_set(c, i - 1, SET("my", "mi")) && in_set(c, i - 2, SET("of", "de")) &&
          in_set(c, i - 3, SET("part", "chapter", "phase", "season", "era", "parte", "etapa", "capitulo"))))
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
    /* "why dont i just die already", "xq no me muero ya": a wish asked as
     * a question */
    if (in_set(c, i, SET("die", "muero", "mori", "morire")) &&
        (any_str(c, window(c, i, 6, 0, 0), i, SET("why", "xq", "pq", "porque", "xk")) ||
         (any_str(c, window(c, i, 6, 0, 0), i, SET("que")) &&
          any_str(c, window(c, i, 7, 0, 0), i, SET("por")))) &&
        any_in(c, window(c, i, 4, 0, 0), T_NEG, i) &&
        any_in(c, window(c, i, 4, 0, 0), T_SELFSUBJ | T_SELFOBJ, i))
        return REPLY_R_SELF_DEATH;
    /* "i dont care if i die", "if i died tomorrow", "me da igual morir" */
    if (has(c, i, T_DIE) && !has(c, i + 1, T_IDIOM_NEXT) &&
        any_str(c, window(c, i, 5, 2, 0), i, SET("care", "mind", "matter", "igual", "importa")))
        return REPLY_R_SELF_DEATH;
    /* passive wishes that harm come: "wouldnt mind if a truck hit me", "i
     * hope i get cancer", "ojala me atropellara un carro" */
    struct span far = window(c, i, 10, 10, 1);
    if ((in_set(c, i, SET("hit", "hits", "atropellara", "atropelle", "atropellen", "crash", "cancer",
                          "happens", "happened", "struck", "atropello", "atropellaran", "wreck",
                          "crashes")) ||
         /* "hope the plane goes down on my flight" */
         (in_set(c, i, SET("plane", "flight", "avion", "vuelo")) &&
          any_str(c, window(c, i, 0, 4, 0), i, SET("down", "crash", "crashes", "cae", "caiga",
                                                    "explodes")))) &&
        (any_in(c, far, T_WANT, i) || any_str(c, far, i, SET("mind", "ojala", "quisiera"))) &&
        any_in(c, far, T_SELFOBJ | T_SELFSUBJ, i))
        return REPLY_R_NO_WAKE;
    /* "would be nice to just not be here", "i dont want to be here
     * anymore", "everyone would be happier without me around" */
    if (has(c, i, T_AROUND) && !is(c, i, "through") && !is(c, i, "thru") &&
        any_in(c, window(c, i, 4, 0, 0), T_NEG, i) &&
        !could_be_better(c, i) &&
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
    /* "gonna go see grandma in heaven early", "me voy al cielo pronto": the
     * dead met before one's time (not "grandma is in heaven now") */
    if (in_set(c, i, SET("heaven", "cielo")) &&
        any_str(c, window(c, i, 8, 4, 1), i, SET("early", "soon", "sooner", "tonight", "pronto",
                "temprano", "antes", "bout", "finna", "rn")) &&
        any_in(c, window(c, i, 8, 0, 1), T_TIME | T_SELFSUBJ, i) &&
        any_str(c, window(c, i, 8, 0, 1), i, SET("go", "going", "see", "join", "meet", "ir", "ver",
                                                  "voy", "gonna", "headed")))
        return REPLY_R_NO_WAKE;
    if (has(c, i, T_GOD) && any_str(c, window(c, i, 0, 5, 0), i, SET("recoja", "lleve", "llevara",
                                                                      "take", "takes", "call")) &&
        any_in(c, window(c, i, 4, 5, 0), T_SELFOBJ | T_WANT, i))
        return REPLY_R_NO_WAKE;
    /* "fall asleep forever", "want it all to stop permanently", "make it
     * stop for good" */
    if (in_set(c, i, SET("forever", "permanently", "siempre", "good")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("sleep", "asleep", "stop", "rest", "dormir",
                                                  "disappear", "desaparecer", "gone", "descansar",
                                                  "duermo", "dormirme", "duerma")) &&
        (!is(c, i, "good") || is(c, i - 1, "for")))
        return REPLY_R_NO_WAKE;
    /* "what's the point of me being alive" (not a place: "pasé por el
     * punto y no me paré", "fui al punto") */
    if (has(c, i, T_POINT) && any_str(c, window(c, i, 0, 5, 0), i, SET("alive", "living", "live",
                                                                       "vivir", "existing", "me")) &&
        !(is(c, i, "punto") && i > 0 &&
          (in_set(c, i - 1, SET("al", "pal", "del")) ||
           (i > 1 && is(c, i - 1, "el") && in_set(c, i - 2, SET("por", "en", "al", "desde", "hasta"))))))
        return REPLY_R_SELF_DEATH;
    /* "this is the end", "my time is up", "it won't matter anymore",
     * "won't need these check ins", "no creo que pase de esta noche" */
    if ((is(c, i, "end") && i >= 2 && is(c, i - 1, "the") && is(c, i - 2, "is") &&
         (i < 3 || !in_set(c, i - 3, SET("what")))) ||
        (is(c, i, "time") && is(c, i + 1, "is") && is(c, i + 2, "up") && i > 0 && is(c, i - 1, "my")) ||
        (is(c, i, "matter") && any_in(c, window(c, i, 3, 2, 0), T_FINAL, i) &&
         any_in(c, window(c, i, 3, 0, 0), T_NEG, i)) ||
        (in_set(c, i, SET("need", "needing")) && i > 0 &&
         (has(c, i - 1, T_NEG) || (is(c, i, "needing") && any_in(c, window(c, i, 6, 0, 0), T_NEG, i))) &&
         any_str(c, window(c, i, 0, 4, 0), i, SET("check", "checkins", "texts", "messages"))) ||
        (is(c, i, "pase") && is(c, i + 1, "de") && any_str(c, window(c, i, 0, 4, 0), i, SET("noche", "hoy"))))
        return REPLY_R_FAREWELL;
    return 0;
}

/* Means and overdose in more words: jumping, stepping in front, driving
 * into; a lethal dose looked up, a day picked; an overdose without a name.
 * A second part of rule_crisis_more, gated on its own words. */
uint32_t rule_means_more(const struct ctx *c, size_t i)
{
    /* into water or traffic to die: "gonna walk into the lake", "walk into
     * traffic after my shift", "me voy a meter al mar y no voy a salir",
     * rocks in one's pockets; not a swim, a walk by the water or a near
     * miss with a phone */
    if (in_set(c, i, SET("walk", "walking", "wade", "wading", "step", "stepping", "meter", "meterme",
                         "adentrarme", "caminar")) &&
        (any_str(c, window(c, i, 0, 2, 0), i, SET("into", "al")) ||
         (in_set(c, i, SET("meter", "meterme")) && is(c, i + 1, "en"))) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("lake", "river", "ocean", "sea", "bay", "traffic",
                "highway", "freeway", "interstate", "mar", "rio", "lago", "oceano", "trafico",
                "carretera", "autopista")) &&
        (any_in(c, window(c, i, 5, 0, 1), T_WANT | T_TIME, i) ||
         any_str(c, window(c, i, 10, 10, 2), i, SET("rocks", "stones", "piedras", "pockets",
                 "bolsillos", "forever"))) &&
        !any_str(c, window(c, i, 10, 10, 2), i, SET("swim", "swimming", "fish", "fishing", "kayak",
                 "beach", "paddle", "surf", "nadar", "pescar", "playa", "dog", "kids", "almost",
                 "casi", "phone", "shore", "orilla", "cool", "refrescarme", "calor")))
        return REPLY_R_MEANS;
    /* drowning meant: "gonna drown myself", "quiero ahogarme" (not
     * "drowning in work") */
    if (in_set(c, i, SET("drown", "ahogarme")) && any_in(c, window(c, i, 5, 0, 1), T_WANT | T_TIME, i) &&
        (is(c, i, "ahogarme") || in_set(c, i + 1, SET("myself", "myslef", "me"))))
        return REPLY_R_MEANS;
    /* the trigger pulled: "gonna pull the trigger tonight", "nomas me
     * falta el valor pa jalar el gatillo" (not "pulled the trigger on a
     * new car": a decision) */
    if (in_set(c, i, SET("trigger", "gatillo")) && i > 1 && in_set(c, i - 1, SET("the", "el", "al")) &&
        in_set(c, i - 2, SET("pull", "pulling", "jalar", "jalarle", "apretar", "jalo", "aprieto",
                             "jale", "apriete")) &&
        !in_set(c, i + 1, SET("on", "and")) &&
        (any_in(c, window(c, i, 8, 3, 1), T_WANT | T_TIME, i) ||
         any_str(c, window(c, i, 8, 0, 1), i, SET("courage", "guts", "nerve", "valor", "huevos")) ||
         any_in(c, window(c, i, 14, 4, 2), T_MEANS, i)))
        return REPLY_R_MEANS;
    /* jumping, stepping in front, driving into: "going to jump", "gonna step
     * in front of the bus", "drive into the river", "me tiro del puente" */
    if (in_set(c, i, SET("jump", "jumping", "jumped", "tiro", "tirarme", "aventarme", "avento",
                          "lanzarme", "lanzo", "tirar", "aventar", "avente", "lanzar")) &&
        !in_set(c, i + 1, SET("rope", "in", "into", "on", "start", "the", "a", "at")) &&
        !leisure_jump(c, i) && !negated(c, i) && /* "not thinking about jumping" */
        (any_in(c, window(c, i, 4, 6, 1), T_WANT | T_TIME | T_MEANS, i) ||
         any_str(c, window(c, i, 4, 6, 1), i, SET("off", "del", "desde", "over"))))
        return REPLY_R_MEANS;
    if (in_set(c, i, SET("front", "frente")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("bus", "train", "truck", "traffic", "car", "semi",
                "tren", "camion", "carro", "trailer")) &&
        (any_in(c, window(c, i, 5, 0, 0), T_WANT | T_TIME | T_SELFSUBJ, i) ||
         any_str(c, window(c, i, 5, 0, 0), i, SET("picturing", "picture", "imagining", "imagine",
                 "pensando", "imagino", "imaginando"))))
        return REPLY_R_MEANS;
    if (in_set(c, i, SET("drive", "driving", "drove", "crash", "crashing", "steer", "swerve")) &&
        /* "driving me up the wall", "driving me crazy": an idiom */
        !(is(c, i + 1, "me") && in_set(c, i + 2, SET("up", "crazy", "nuts", "insane", "mad",
                                                       "bananas", "wild", "off"))) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("into", "off", "wall", "tree", "river", "lake",
                                                  "pole", "purpose", "proposito")) &&
        /* "i just drove off": left, off nothing */
        !(is(c, i + 1, "off") && (i + 2 >= c->n || has(c, i + 2, T_BREAK) ||
                                  in_set(c, i + 2, SET("and", "to", "with", "home", "after", "before",
                                                       "without", "fast", "lol")))) &&
        any_in(c, window(c, i, 5, 6, 0), T_WANT | T_TIME | T_SELFSUBJ, i) &&
        !any_str(c, window(c, i, 0, 5, 0), i, SET("work", "store", "town", "home", "school")))
        return REPLY_R_MEANS;
    /* walking or driving to a place to die: "walking to the train tracks
     * now", "drove to the cliff" */
    if (in_set(c, i, SET("tracks", "cliff", "ledge", "overpass", "rooftop", "vias", "acantilado")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("to", "walking", "heading", "headed", "going",
                                                  "drove", "driving", "al", "a", "pa", "voy")) &&
        !driven_there(c, i))
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
    /* "got the dryer hose duct taped to the tailpipe already" */
    if (in_set(c, i, SET("tailpipe", "exhaust")) &&
        any_str(c, window(c, i, 8, 4, 1), i, SET("hose", "taped", "tape")) &&
        !any_str(c, window(c, i, 8, 8, 1), i, SET("mechanic", "shop", "fixed", "fix", "repair", "muffler")))
        return REPLY_R_MEANS;
    /* "mañana me acuesto ahí" by the tracks, "gonna lay down on the tracks" */
    if (in_set(c, i, SET("acuesto", "acostarme", "lay", "lie", "laying", "lying")) &&
        any_in(c, window(c, i, 16, 6, 2), T_MEANS, i) &&
        any_str(c, window(c, i, 16, 6, 2), i, SET("tren", "train", "vias", "tracks", "rieles", "rails",
                "highway", "carretera", "road")) &&
        any_in(c, window(c, i, 16, 6, 2), T_TIME | T_WANT, i))
        return REPLY_R_MEANS;
    /* "el puente ... el viernes es el día" */
    if (is(c, i, "dia") && i > 2 && is(c, i - 1, "el") && is(c, i - 2, "es") &&
        in_set(c, i - 3, SET("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
                             "manana", "hoy")) &&
        any_in(c, window(c, i, 20, 4, 2), T_MEANS, i))
        return REPLY_R_MEANS;
    /* "picked up a pistol saturday. sunday is the day" */
    if (is(c, i, "day") && i > 2 && is(c, i - 1, "the") && is(c, i - 2, "is") &&
        in_set(c, i - 3, SET("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
                             "saturday", "tomorrow", "tonight", "today")) &&
        any_in(c, window(c, i, 20, 4, 2), T_MEANS, i))
        return REPLY_R_MEANS;
    /* a height scouted: "drove by it every day to check the drop", "how
     * far the drop is" */
    if (is(c, i, "drop") && i > 1 && is(c, i - 1, "the") &&
        in_set(c, i - 2, SET("check", "checking", "checked", "measure", "measured", "far", "see")) &&
        !any_str(c, window(c, i, 10, 6, 2), i, SET("price", "prices", "mail", "package", "stock",
                 "temperature", "temp", "score", "ratings", "phone", "call")))
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
    /* (not "picked up my 60 day key tag": fetched) */
    if (in_set(c, i, SET("picked", "set", "chose", "escogi", "elegi", "decidi")) &&
        !(is(c, i + 1, "up") && !is(c, i, "set")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("date", "day", "dia", "fecha", "when", "birthday",
                                                  "cumpleanos")) &&
        !any_str(c, window(c, i, 0, 6, 1), i, SET("wedding", "party", "appointment", "meeting",
                 "cita", "boda", "fiesta", "interview", "court", "move", "trip", "vacation",
                 "keytag", "chip", "coin", "ficha", "medallion", "supply", "refill")))
        return REPLY_R_MEANS;
    /* "took them all.", "swallowed them all", "me las tomé todas": all of
     * them, said last, with nothing named; what else would they be (not
     * "took them all to the park", not somebody else) */
    if (in_set(c, i, SET("took", "swallowed", "popped", "tome", "trague", "take", "taking", "tomando")) &&
        ((in_set(c, i + 1, SET("them", "em", "dem")) && in_set(c, i + 2, SET("all", "allll", "alll")) &&
          (i + 3 >= c->n || has(c, i + 3, T_BREAK))) ||
         (i > 0 && in_set(c, i - 1, SET("las", "los")) && in_set(c, i + 1, SET("todas", "todos")) &&
          (i + 2 >= c->n || has(c, i + 2, T_BREAK)))) &&
        !any_in(c, window(c, i, 5, 0, 0), T_OTHER | T_NEG, i))
        return REPLY_R_OVERDOSE;
    /* overdose without a name: "took everything i had left", "used way too
     * much", "me tome el frasco entero", "me meti demasiado" */
    if (has(c, i, T_TOOK | T_USEV) && !is(c, i, "had") && !is(c, i, "did") &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("everything", "todo", "demasiado", "demasiadas",
                "entero", "completo", "whole", "toda", "todas")) &&
        !any_str(c, window(c, i, 0, 6, 0), i, SET("time", "tiempo", "care", "advice", "notes",
                 "class", "photo", "pics", "turn", "bus", "train", "shower", "semana", "week",
                 "day", "dia", "night", "noche", "weekend", "finde", "tarde", "morning", "manana",
                 /* "me tome todo el domingo": a day's drinking, relapse's to read */
                 "domingo", "sabado", "viernes", "lunes", "martes", "miercoles", "jueves", "sunday",
                 "saturday", "friday", "monday", "tuesday", "wednesday", "thursday",
                 /* "drank my whole paycheck", "drank through my whole first
                  * marriage", "blew my whole budget at target": money or a
                  * stretch of life, no dose */
                 "paycheck", "check", "savings", "rent", "money", "stimulus", "marriage", "life",
                 "budget", "allowance", "bonus", "refund", "tips", "salary", "account",
                 "presupuesto", "aguinaldo", "ahorros", "salario", "propinas",
                 "twenties", "thirties", "career", "childhood", "youth", "college", "pregnancy",
                 "sueldo", "quincena", "dinero", "cheque", "vida", "matrimonio", "juventud")) &&
        /* "drank a whole pot of coffee", "me tomé toda la botella de
         * agua": a soft drink named is no dose */
        !drink_named_soft(c, i) &&
        /* "ate a whole bag of chips", "a whole sleeve of oreos": food,
         * unless pills are named */
        !(in_set(c, i, SET("ate", "eat", "eaten", "eating", "comi", "devoured", "inhaled")) &&
          !any_in(c, window(c, i, 0, 6, 0), T_MED | T_MEANS, i)) &&
        /* "flu hit the whole house", "the storm hit the whole town": what
         * hit is no use, and a house is no dose */
        !(in_set(c, i, SET("hit", "hits", "hitting")) &&
          (any_str(c, window(c, i, 3, 0, 0), i, SET("flu", "cold", "covid", "virus", "bug", "storm", "gripa",
                   "gripe", "hurricane", "tornado", "wave", "heat", "stomach")) ||
           any_str(c, window(c, i, 0, 4, 0), i, SET("house", "family", "team", "town", "city", "office",
                   "neighborhood", "block", "school", "casa", "familia")))))
        return REPLY_R_OVERDOSE;
    /* "used way too much"; not food or a drink ("ate way too much pizza",
     * "drank way too much coffee": a drink is relapse's to read) */
    if (has(c, i, T_TOOK | T_USEV) && is(c, i + 1, "way") && in_set(c, i + 2, SET("too", "more")) &&
        !in_set(c, i, SET("ate", "eat", "eaten", "eating", "comi", "drank", "drink", "drinking")) &&
        !any_str(c, window(c, i, 0, 6, 0), i, SET("food", "pizza", "coffee", "caffeine", "candy",
                 "sugar", "soda", "water", "cake", "tacos", "time", "money", "sun", "cafe",
                 "comida", "dulces")))
        return REPLY_R_OVERDOSE;
    if (has(c, i, T_NARCAN) && !any_str(c, window(c, i, 4, 4, 0), i, SET("carry", "kit", "training",
            "keep", "class", "free", "pharmacy", "farmacia", "kits", "how", "us", "nos", "everyone",
            "everybody", "todos", "each")) &&
        /* "la tuvieron que revivir con narcan": somebody else brought back */
        !any_str(c, window(c, i, 5, 0, 0), i, SET("revivir", "revive", "revived", "la", "lo", "le", "les", "him",
                 "her", "them")))
        return REPLY_R_OVERDOSE;
    return 0;
}

/* Farewells, burden and final acts in more words. A third part of
 * rule_crisis_more, gated on its own words. */
uint32_t rule_farewell_more(const struct ctx *c, size_t i)
{
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
        /* "i didnt have an answer": a noun, nobody's texts */
        !(i > 0 && in_set(c, i - 1, SET("an", "a", "the", "any", "una", "la", "my", "no"))) &&
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
    /* "made my decision", "at peace with my decision"; not a decision
     * judged ("best decision i ever made", "una buena decision") or one
     * about something ("decision about school") */
    if (in_set(c, i, SET("decision", "decidi", "decided")) &&
        any_str(c, window(c, i, 5, 5, 1), i, SET("peace", "paz", "made", "tome", "final", "ready",
                                                  "lista", "listo")) &&
        !(i > 0 && in_set(c, i - 1, SET("best", "good", "great", "smart", "right", "wise", "worst",
                                        "bad", "better", "big", "tough", "hard", "easy", "mejor",
                                        "buena", "dificil", "peor", "gran"))) &&
        !(i + 1 < c->n && in_set(c, i + 1, SET("about", "on", "sobre", "de")) &&
          !has(c, i + 2, T_SELFOBJ | T_SELFSUBJ)))
        return REPLY_R_FAREWELL;
    /* "i got into the pills again" is a relapse: see rule_relapse_more */
    /* "everything's handled", "todo arreglado", "affairs in order" */
    if (in_set(c, i, SET("handled", "arreglado", "sorted", "listo", "taken")) && i > 0 &&
        has(c, i - 1, T_EVERYTHING) && any_in(c, window(c, i, 8, 4, 1), T_WANT | T_FINAL | T_TIME, i))
        return REPLY_R_FAREWELL;
    /* "lay down in the snow till its over", "acostarme hasta que se acabe":
     * waiting out one's own end */
    if (in_set(c, i, SET("over", "acabe", "termine")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("till", "until", "til", "hasta")) &&
        i > 0 && (in_set(c, i - 1, SET("its", "it", "se", "todo")) ||
                  (i > 1 && is(c, i - 1, "is") && is(c, i - 2, "it"))) &&
        any_str(c, window(c, i, 10, 0, 1), i, SET("lay", "lie", "laying", "lying", "freeze",
                "acostarme", "dormirme", "congelarme")) &&
        any_in(c, window(c, i, 12, 0, 1), T_SELFSUBJ | T_SELFOBJ | T_TIME | T_WANT, i))
        return REPLY_R_MEANS;
    /* a beam or a hook tested for a rope: "found a beam strong enough and i
     * have the cord" */
    if (in_set(c, i, SET("beam", "rafter", "hook", "branch", "viga", "gancho", "rama")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("strong", "hold", "holds", "aguanta", "fuerte")) &&
        any_in(c, window(c, i, 8, 10, 1), T_MEANS, i))
        return REPLY_R_MEANS;
    /* medication saved up over time: "been saving my seroquel 3 weeks, got
     * like 60", "llevo semanas juntando mis pastillas" */
    if (in_set(c, i, SET("saving", "saved", "stockpiling", "stockpiled", "hoarding", "hoarded",
                          "stashing", "stashed", "juntando", "guardando", "ahorrando")) &&
        any_in(c, window(c, i, 0, 4, 0), T_MED, i) &&
        (any_in(c, window(c, i, 6, 8, 1), T_AMOUNT, i) ||
         any_str(c, window(c, i, 6, 8, 1), i, SET("weeks", "months", "semanas", "meses", "day"))) &&
        !any_str(c, window(c, i, 6, 8, 1), i, SET("trip", "vacation", "travel", "viaje", "money",
                 "dinero", "coupon", "insurance")))
        return REPLY_R_MEANS;
    /* self-harm's own words for depth and count: "got beans on my arm this
     * time", "cut to styro", "my whole thigh is a barcode now" */
    if (in_set(c, i, SET("beans", "styro", "styrofoam", "barcode", "barcoded")) &&
        any_in(c, window(c, i, 5, 5, 1), T_BODY | T_HARMV, i) &&
        !any_str(c, window(c, i, 5, 5, 1), i, SET("ate", "eat", "eating", "cooked", "cook", "can",
                 "spill", "spilled", "scan", "scanned", "scanner", "cup", "cups", "rice", "chili",
                 "price", "label", "tattoo")))
        return REPLY_R_SELF_HARM;
    /* "carved his name into my forearm w a safety pin": a word or a name cut
     * into the skin (not a pumpkin, a turkey, wood) */
    if (in_set(c, i, SET("carved", "carving", "carve", "etched", "grabe", "tallé",
                          "talle")) &&
        any_in(c, window(c, i, 0, 7, 1), T_BODY, i) &&
        any_str(c, window(c, i, 0, 7, 1), i, SET("into", "in", "on", "en")) &&
        any_in(c, window(c, i, 4, 7, 1), T_SELFSUBJ | T_SELFOBJ, i) &&
        !any_str(c, window(c, i, 4, 7, 1), i, SET("pumpkin", "turkey", "wood", "tree", "tattoo",
                 "tatuaje", "cat", "dog", "gato", "perro")))
        return REPLY_R_SELF_HARM;
    /* an overdose under way: a use and the body failing ("did 2 eightballs
     * back to back, heart is pounding out my chest", "popped twenty blues,
     * lips feel weird", "no puedo respirar despues de la linea") */
    if (in_set(c, i, SET("heart", "lips", "chest", "breathe", "breathing", "respirar", "corazon",
                          "labios", "pecho")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("pounding", "racing", "weird", "blue", "numb",
                "tight", "stopping", "slow", "cant", "cannot", "morados", "acelerado", "puedo",
                "heavy", "exploding", "out")) &&
        any_in(c, window(c, i, 14, 0, 2), T_USEV | T_USEACT | T_DRUG | T_TOOK, i) &&
        any_in(c, window(c, i, 14, 0, 2), T_DRUG | T_MED | T_AMOUNT, i) &&
        !any_in(c, window(c, i, 14, 4, 2), T_OTHER, i))
        return REPLY_R_OVERDOSE;
    /* "id trade places with anybody in a coffin", "envidio a los muertos" */
    if (in_set(c, i, SET("coffin", "casket", "grave", "ataud", "tumba")) &&
        any_str(c, window(c, i, 10, 0, 1), i, SET("trade", "rather", "envy", "jealous", "wish",
                 "ojala", "quisiera", "cambiaria")) &&
        !any_in(c, window(c, i, 10, 4, 1), T_NEG, i))
        return REPLY_R_NO_WAKE;
    /* "tying up loose ends" (not at work before a trip) */
    if (is(c, i, "ends") && i > 2 && is(c, i - 1, "loose") && is(c, i - 2, "up") &&
        in_set(c, i - 3, SET("tying", "tie", "tied", "wrapping", "wrap", "wrapped")) &&
        !any_str(c, window(c, i, 10, 8, 1), i, SET("work", "job", "vacation", "trip", "office",
                 "before", "move", "moving", "semester", "project", "leave")))
        return REPLY_R_FAREWELL;
    /* "told him to take care of mom for me", "cuida a mi perro por mi":
     * somebody left in another's care */
    if (is(c, i, "care") && i > 0 && in_set(c, i - 1, SET("take", "takes")) && is(c, i + 1, "of") &&
        any_str(c, window(c, i, 0, 6, 1), i, SET("for")) && any_str(c, window(c, i, 0, 7, 1), i, SET("me")) &&
        any_in(c, window(c, i, 0, 4, 1), T_OTHER | T_BELONGING, i) &&
        !any_str(c, window(c, i, 6, 8, 1), i, SET("while", "until", "till", "weekend", "trip", "shift",
                 "tonight", "appointment", "tomorrow", "vacation", "hospital")))
        return REPLY_R_FAREWELL;
    /* "make sure my cat goes to my sister", "asegurense de que mi gato se
     * quede con mi hermana": what one leaves behind placed, for good (not
     * for a weekend, a trip or a shift) */
    if (in_set(c, i, SET("sure", "asegurense", "asegurate", "aseguren", "asegures")) &&
        (!is(c, i, "sure") || (i > 0 && in_set(c, i - 1, SET("make", "makes")))) &&
        any_in(c, window(c, i, 0, 6, 1), T_BELONGING, i) &&
        any_str(c, window(c, i, 0, 9, 1), i, SET("goes", "go", "stays", "stay", "quede", "vaya",
                "quedan", "vayan", "gets", "get")) &&
        any_in(c, window(c, i, 0, 12, 1), T_OTHER, i) &&
        !any_str(c, window(c, i, 8, 12, 2), i, SET("while", "until", "till", "weekend", "trip", "shift",
                 "tonight", "appointment", "tomorrow", "vacation", "hospital", "mientras", "fin",
                 "viaje", "turno", "vacaciones", "hospital", "rehab")))
        return REPLY_R_FAREWELL;
    /* "posted my goodbye on fb", "wrote my goodbye" (not a goodbye party) */
    if (is(c, i, "goodbye") && i > 0 && is(c, i - 1, "my") &&
        !any_str(c, window(c, i, 3, 4, 1), i, SET("party", "lunch", "dinner", "card", "cards",
                 "coworkers", "job", "work")))
        return REPLY_R_FAREWELL;
    /* a letter's place told, with love: "la carta está debajo de mi
     * almohada. los quiero mucho", "the letter is on the kitchen table" */
    if (has(c, i, T_NOTE) &&
        any_str(c, window(c, i, 0, 8, 1), i, SET("under", "debajo", "pillow", "almohada", "table",
                "mesa", "drawer", "cajon", "desk", "escritorio", "nightstand", "buro")) &&
        any_str(c, window(c, i, 8, 16, 2), i, SET("love", "quiero", "forgive", "perdonen",
                "sorry", "bendiciones", "blessings", "goodbye", "adios")) &&
        !any_str(c, window(c, i, 6, 8, 1), i, SET("court", "landlord", "lawyer", "job", "school",
                 "reference", "recommendation", "corte", "abogado", "trabajo")))
        return REPLY_R_FAREWELL;
    /* "taking up space on this earth", "a waste of space", "ocupando
     * espacio": one's being a burden */
    if (in_set(c, i, SET("space", "espacio", "oxygen", "oxigeno", "air")) &&
        ((i > 1 && is(c, i - 1, "up") && in_set(c, i - 2, SET("taking", "take", "takin"))) ||
         (i > 1 && is(c, i - 1, "of") && is(c, i - 2, "waste")) ||
         (i > 0 && in_set(c, i - 1, SET("ocupando", "gastando", "wasting")))) &&
        (any_in(c, window(c, i, 6, 4, 1), T_SELFSUBJ | T_SELFOBJ, i) ||
         any_str(c, window(c, i, 6, 0, 1), i, SET("tired", "sick", "cansado", "cansada", "harto",
                                                   "harta", "done"))) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("closet", "garage", "room", "desk", "storage",
                 "couch", "truck", "car", "boxes", "cuarto")))
        return REPLY_R_BURDEN;
    /* "id welcome the end", "looking forward to dying", "ya no hago falta" */
    if (in_set(c, i, SET("end", "death", "dying", "muerte")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("welcome", "forward", "bienvenida", "espero")) &&
        any_in(c, window(c, i, 6, 0, 1), T_SELFSUBJ | T_SELFOBJ, i) &&
        !any_str(c, window(c, i, 3, 3, 1), i, SET("week", "month", "year", "semester", "shift",
                 "season", "game", "movie", "series", "show")))
        return REPLY_R_NO_WAKE;
    if (is(c, i, "falta") && i > 0 && is(c, i - 1, "hago") && any_in(c, window(c, i, 4, 0, 0), T_NEG, i))
        return REPLY_R_BURDEN;
    /* "my family would get along fine w/o me", "estarían bien sin mí" */
    if (in_set(c, i, SET("fine", "ok", "okay", "alright", "bien", "good", "great")) &&
        (any_in(c, window(c, i, 8, 0, 0), T_EVERYONE | T_OTHER, i) ||
         any_str(c, window(c, i, 8, 0, 0), i, SET("kids", "children", "hijos", "ninos"))) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("would", "will", "gonna", "estarian", "estaran",
                                                  "be", "get", "seria", "wud", "wld")) &&
        /* not for a while: "the kids will be fine without me this weekend" */
        !any_str(c, window(c, i, 0, 10, 1), i, SET("weekend", "while", "hours", "hour", "trip",
                 "tonight", "day", "days", "week", "shift", "few", "finde", "rato", "dias")))
        for (size_t j = i + 1; j < c->n && j <= i + 3; j++)
            if (has(c, j, T_GONE) && in_set(c, j + 1, SET("me", "mi", "myself")))
                return REPLY_R_BURDEN;
    /* "im not gonna make it to the weekend" (not to a party or to group) */
    if (is(c, i, "make") && is(c, i + 1, "it") &&
        in_set(c, i + 2, SET("to", "till", "til", "until", "past", "thru", "through")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("weekend", "tomorrow", "tmrw", "friday", "monday",
                "christmas", "morning", "sunday", "saturday", "birthday", "next")) &&
        any_in(c, window(c, i, 4, 0, 0), T_NEG, i) &&
        !any_str(c, window(c, i, 6, 8, 1), i, SET("party", "group", "meeting", "appointment", "game",
                 "work", "class", "shift", "session", "dinner", "bbq", "concert", "on", "time")))
        return REPLY_R_TIME_OUT;
    /* "because tonight its finally over", "tonight it all ends" */
    if (is(c, i, "over") && i > 1 && in_set(c, i - 1, SET("finally", "all")) &&
        in_set(c, i - 2, SET("its", "it", "be", "is")) &&
        any_str(c, window(c, i, 6, 3, 1), i, SET("tonight", "tonite", "today", "hoy", "soon")) &&
        !any_str(c, window(c, i, 8, 4, 1), i, SET("week", "semester", "shift", "exam", "exams",
                 "finals", "school", "season", "work", "court", "case", "storm", "winter")))
        return REPLY_R_TIME_OUT;
    /* "acabo de tomarme un puño de pastillas": a fistful */
    if (is(c, i, "puno") && is(c, i + 1, "de") && any_in(c, window(c, i, 0, 3, 0), T_MED | T_MEANS, i) &&
        any_in(c, window(c, i, 5, 0, 1), T_TOOK, i))
        return REPLY_R_OVERDOSE;
    /* "me toy quedando sin aire" after a use: breath running out */
    if (is(c, i, "aire") && i > 0 && is(c, i - 1, "sin") &&
        any_in(c, window(c, i, 14, 0, 2), T_USEV | T_USEACT | T_DRUG | T_TOOK, i) &&
        !any_in(c, window(c, i, 14, 4, 2), T_OTHER, i))
        return REPLY_R_OVERDOSE;
    /* a handful of whatever: "took a fistful of whatever was in the drawer" */
    if (in_set(c, i, SET("fistful", "handful", "punado")) && any_in(c, window(c, i, 4, 0, 0), T_TOOK, i))
        return REPLY_R_OVERDOSE;
    /* Spanish "ya tengo la cuerda": a means already at hand */
    if (has(c, i, T_MEANS) && i >= 2 && has(c, i - 2, T_GOT) && i >= 3 && is(c, i - 3, "ya") &&
        !routine_purpose(c, i)) /* not "ya tengo mis pastillas de la presión" */
        return REPLY_R_MEANS;
    /* "they'd be better off", "weight on everyone" */
    if (is(c, i, "better") && is(c, i + 1, "off") && any_in(c, window(c, i, 4, 0, 0), T_OTHER | T_EVERYONE, i) &&
        !is(c, i + 2, "taking") && !is(c, i + 2, "with"))
        return REPLY_R_BURDEN;
    if (is(c, i, "weight") && any_str(c, window(c, i, 0, 3, 0), i, SET("everyone", "everybody",
            "family", "them", "you")))
        return REPLY_R_BURDEN;
    /* a day picked: "sunday. i picked sunday", "chose friday" (not "picked
     * sunday for the bbq", "chose the date for the wedding") */
    if (in_set(c, i, SET("picked", "chose", "elegi", "escogi")) &&
        (in_set(c, i + 1, SET("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
                              "saturday", "domingo", "lunes", "martes", "miercoles", "jueves",
                              "viernes", "sabado")) ||
         ((is(c, i + 1, "the") || is(c, i + 1, "la")) && in_set(c, i + 2, SET("date", "day", "fecha")))) &&
        any_in(c, window(c, i, 3, 0, 1), T_SELFSUBJ, i) &&
        !any_str(c, window(c, i, 0, 8, 1), i, SET("for", "to", "para", "pa", "bbq", "party",
                 "wedding", "trip", "appointment", "court", "surgery", "move", "interview",
                 "meeting", "date", "fiesta", "boda", "cita", "viaje")))
        return REPLY_R_MEANS;
    return 0;
}

/* Self-harm and its own words, and more of overdose and despair's
 * extremes. The last part of rule_crisis_more, gated on its own words. */
uint32_t rule_harm_more(const struct ctx *c, size_t i)
{
    /* self-harm, more: "made myself throw up", "pulling my hair out", "cut
     * tonight", "sh'd again", "me pego en la cabeza" */
    if (in_set(c, i, SET("made", "make", "making")) && in_set(c, i + 1, SET("myself", "me")) &&
        in_set(c, i + 2, SET("throw", "puke", "vomit", "bleed", "sick")))
        return REPLY_R_SELF_HARM;
    /* "picking the old scars open again til they bleed", "peeling my
     * scabs off again" */
    if (in_set(c, i, SET("picking", "picked", "pick", "peeling", "peeled", "ripping")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("scars", "scabs", "scab", "scar", "cuts",
                "cicatrices", "costras")) &&
        any_str(c, window(c, i, 0, 8, 1), i, SET("again", "til", "till", "until", "bleed", "bled",
                "open", "otra", "hasta")))
        return REPLY_R_SELF_HARM;
    /* "held ice on my skin til it blistered and then did it again" */
    if (in_set(c, i, SET("blistered", "blisters", "blister", "ampollas")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("til", "till", "until", "hasta")) &&
        any_str(c, window(c, i, 8, 8, 1), i, SET("again", "skin", "purpose", "otra", "piel")))
        return REPLY_R_SELF_HARM;
    /* "me di de golpes contra la pared", "me di golpes otra vez" */
    if (is(c, i, "golpes") && any_str(c, window(c, i, 3, 0, 0), i, SET("di", "doy", "daba", "dando")) &&
        (any_str(c, window(c, i, 0, 5, 0), i, SET("pared", "piso", "espejo")) ||
         any_str(c, window(c, i, 0, 3, 0), i, SET("otra", "mismo", "misma"))))
        return REPLY_R_SELF_HARM;
    /* "otra vez con la gillette en los brazos" */
    if (in_set(c, i, SET("gillette", "navaja", "cuchilla")) &&
        any_str(c, window(c, i, 4, 6, 1), i, SET("brazos", "piernas", "munecas", "arms", "legs",
                "wrists", "thighs")) &&
        any_str(c, window(c, i, 5, 6, 1), i, SET("otra", "again", "vez", "otravez")))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("pulling", "pulled", "pull", "arrancando", "arranco", "ripped", "ripping",
                         "yanked", "tore", "tearing", "arranque")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("hair", "pelo", "cabello", "eyelashes")) &&
        !any_str(c, window(c, i, 0, 6, 0), i, SET("weeds", "carpet", "extensions", "wig", "dog",
                 "cat")))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("cut", "cutting", "burned", "corte")) &&
        (i == 0 || has(c, i - 1, T_BREAK) ||
         (in_set(c, i - 1, SET("and", "so", "then", "y")) &&
          any_in(c, window(c, i - 1, 3, 0, 0), T_SELFSUBJ, i - 1))) &&
        (has(c, i + 1, T_TIME | T_AGAIN) || in_set(c, i + 1, SET("again", "last", "tonight", "otra"))) &&
        !is(c, i + 1, "back")) /* "cutting back on coffee" */
        return REPLY_R_SELF_HARM;
    /* self-harm with a tool or on purpose: "took a lighter to my forearm",
     * "no he comido en 3 dias a proposito", "making myself throw up" */
    if (in_set(c, i, SET("purpose", "proposito", "punish", "castigarme", "deserve", "merezco",
                          "feel", "sentir")) &&
        (!in_set(c, i, SET("feel", "sentir")) || in_set(c, i + 1, SET("something", "pain", "dolor", "algo"))) &&
        any_str(c, window(c, i, 10, 4, 1), i, SET("eaten", "eat", "ate", "meals", "food", "comido",
                "comer", "comida", "throw", "puke", "vomit", "starve", "starving", "hit", "hurt",
                "burn", "cut", "scratch", "pegue", "golpee", "corte", "queme", "myself", "hambre",
                "punched", "punch", "bit", "bite", "pulled", "scratched", "banged", "burned", "como",
                "picking", "pick", "scabs", "belt", "pegue", "slammed", "slam", "golpe", "punos",
                "golpes", "golpee", "pared", "wall")))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("lighter", "stove", "burner", "cigarette", "blade", "razor", "belt",
                          "sharpener", "encendedor", "cigarro", "navaja", "cinturon", "cig", "cigs",
                          "iron", "curling",
                          "cigarettes", "cigarros", "cigarrillo", "cigarrillos")) &&
        any_in(c, window(c, i, 4, 4, 0), T_BODY, i) && any_in(c, window(c, i, 6, 4, 0), T_SELFOBJ | T_SELFSUBJ, i) &&
        !accident_near(c, i, false) && !shaving_said(c, i))
        return REPLY_R_SELF_HARM;
    if (in_set(c, i, SET("sangrar", "sangre", "bled", "bleeding", "bleed", "split")) &&
        any_str(c, window(c, i, 6, 0, 1), i, SET("till", "until", "til", "hasta")) &&
        /* "hit the heavy bag at the gym til my knuckles bled": a sport */
        !any_str(c, window(c, i, 12, 8, 1), i, SET("bag", "boxing", "sparring", "coach", "gym",
                 "mitts", "dojo", "mma", "kickboxing", "boxeo", "costal")) &&
        any_str(c, window(c, i, 8, 0, 1), i, SET("me", "myself", "my", "mi", "mis")) &&
        !accident_near(c, i, true)) /* "the dog scratched me until i bled" */
        return REPLY_R_SELF_HARM;
    return 0;
}
