/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_context.c: the context rules of the reply parser
 * (reply_rules.h): whether a risk finding is about somebody else, the past
 * ("relapsed 2 years ago, clean since"), a group's topic or sobriety news
 * rather than the client now. They lower a finding to a watch note only
 * when they stand in the same clause as the finding (safety rule 4). */
#include "model/reply_rules.h"

#include "model/reply.h"


/* The clause of token i: [lo, hi) between breaks. */
static struct span clause(const struct ctx *c, size_t i)
{
    return window(c, i, 40, 40, 0);
}

/* "used to" at token j names a supplier, not a time: "someone i used to
 * buy from", "the guy i used to get from" (a person word just before). */
static bool bought_from_once(const struct ctx *c, size_t j)
{
    /* "the dude who used to sell to me": the seller then, called now */
    if (in_set(c, j + 2, SET("sell", "serve", "supply")) && in_set(c, j + 3, SET("to", "me")) &&
        j > 1 && (in_set(c, j - 1, SET("who", "that")) || in_set(c, j - 2, SET("guy", "dude", "plug",
                                                                                "dealer", "connect"))))
        return true;
    return in_set(c, j + 2, SET("buy", "get", "cop", "score")) && is(c, j + 3, "from") &&
           j > 1 && (in_set(c, j - 2, SET("someone", "guy", "one", "dude", "person", "man", "plug",
                                          "dealer", "connect", "somebody", "lady")) ||
                     (j > 2 && in_set(c, j - 3, SET("someone", "guy", "one", "dude", "person", "man",
                                                    "plug", "dealer", "connect", "somebody", "lady"))));
}

/* A past marker that means "long ago": "ago" after years, months or a
 * long time ("an hour ago" is now), "hace" before años or meses, "used
 * to", "formerly". */
/* The "no" after the finding at i is itself denied: "i didnt say no",
 * "no dije que no" take the offer. */
static bool no_said_taken(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 0, 14, 1);
    for (size_t j = i; j < s.hi; j++)
        if (no_not_said(c, j))
            return true;
    return false;
}

static bool long_past(const struct ctx *c, struct span s, size_t skip)
{
    static const char *const spans[] = {"year", "years", "yrs", "yr", "month", "months",
                                        "long", "decade", "anos", "meses", "tiempo", "ano"};
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip || !(c->tags[j] & T_PASTMARK))
            continue;
        /* "driving past the bridge": "past" before a place is no time */
        if (is(c, j, "past") && in_set(c, j + 1, SET("the", "a", "my", "that", "this", "his", "her",
                                                     "their", "our", "there", "it")))
            continue;
        bool ago = is(c, j, "ago"), hace = is(c, j, "hace");
        if (!ago && !hace)
            return true; /* formerly, anniversary, solia */
        for (size_t k = 1; k <= 3; k++) {
            size_t at = ago ? (j >= k ? j - k : s.hi) : j + k;
            for (size_t w = 0; at < s.hi && w < sizeof spans / sizeof spans[0]; w++)
                if (is(c, at, spans[w]))
                    return true;
        }
    }
    for (size_t j = s.lo; j + 1 < s.hi; j++)
        if (j + 1 != skip && is(c, j, "used") && is(c, j + 1, "to") && !bought_from_once(c, j))
            return true;
    return false;
}

static bool spanish_perfect(const struct ctx *c, size_t j)
{
    /* "he comido", "he tomado": Spanish "I have", not "he" */
    if (!is(c, j, "he") || j + 1 >= c->n)
        return false;
    const char *w = c->v->w + c->v->toff[j + 1];
    size_t n = c->v->tlen[j + 1];
    return n > 3 && (memcmp(w + n - 3, "ido", 3) == 0 || memcmp(w + n - 3, "ado", 3) == 0);
}

/* Somebody else is the subject at token j: "he", "my cousin", "someone",
 * "mi hermano", "se" (Spanish "himself"); not Spanish "he comido" (I have
 * eaten), and not a possessive before the client's own means ("my mom's
 * pills", when the finding is the means) -- but "my husband's been
 * drinking" is a contraction. */
static bool other_subject(const struct ctx *c, size_t j, size_t finding)
{
    /* most words are no person and named by no rule: said at once (this
     * runs for every word of a finding's clause) */
    if (!(c->tags[j] & T_OTHER) && !c->named[j])
        return false;
    /* Spanish "son" (they are: "son 90 pastillas", "son las 3") is no son */
    if (is(c, j, "son") && (has(c, j + 1, T_NUMBER) ||
                            in_set(c, j + 1, SET("las", "los", "unas", "unos", "muchas", "muchos",
                                                 "bien", "como", "de", "mis", "tus", "puras"))))
        return false;
    /* "took them all": the pills taken, no people */
    if (j > 0 && has(c, j - 1, T_TOOK | T_USEV | T_GOT) && in_set(c, j, SET("them", "em", "it")))
        return false;
    /* "them percs finally kicked in": "them" pointing at the drug */
    if (in_set(c, j, SET("them", "dem")) && j + 1 < c->n && (c->tags[j + 1] & (T_DRUG | T_MED)))
        return false;
    if (!((c->tags[j] & T_OTHER) ||
          /* "everybody was drinking at the reunion"; not "everyone would be
           * better off without me" */
          (in_set(c, j, SET("everybody", "everyone")) &&
           in_set(c, j + 1, SET("was", "were", "got", "took", "did", "had", "drank", "smoked", "started",
                                "went", "kept", "is", "are"))) ||
          /* "someone jumped off the bridge by my job": the one who did it */
          (in_set(c, j, SET("someone", "somebody")) &&
           in_set(c, j + 1, SET("jumped", "overdosed", "died", "oded", "shot", "hung", "killed",
                                "relapsed", "drowned"))) ||
          /* "my dog got into the ibuprofen": a pet did it */
          (in_set(c, j, SET("dog", "cat", "puppy", "kitten", "perro", "gato", "perrito", "gatito",
                            "perra", "gata")) &&
           j > 0 && in_set(c, j - 1, SET("my", "our", "mi", "his", "her"))) ||
          (in_set(c, j, SET("someone", "somebody", "people")) && finding - j <= 2 &&
           !has(c, j + 1, T_CONTACTV) && !is(c, j + 1, "help") &&
           /* "if someone has narcan come to my place": narcan asked for */
           !(has(c, finding, T_NARCAN) && in_set(c, j + 1, SET("has", "with", "got", "tiene")))) ||
          /* "mi viejo anda bien pedo otra vez": a parent */
          (in_set(c, j, SET("viejo", "vieja", "apa", "ama", "jefe", "jefa", "carnal", "compa", "roomie")) && j > 0 &&
           in_set(c, j - 1, SET("mi", "mis")) &&
           /* "mi viejo dealer": old, said of a noun */
           !in_set(c, j + 1, SET("dealer", "plug", "conecte", "contacto", "amigo", "compa", "trabajo",
                                 "barrio", "carro", "numero", "celular", "yo"))) ||
          in_set(c, j, SET("guy", "lady", "boss", "jefe", "jefa", "sobrino", "sobrina", "cunado",
                           "cunada", "suegra", "sponsor", "padrino", "madrina")) ||
          /* "someone in my group overdosed", "alguien en el albergue" */
          (in_set(c, j, SET("someone", "somebody", "alguien")) &&
           in_set(c, j + 1, SET("in", "at", "from", "on", "en", "del", "de"))) ||
          /* "dude at the bus stop was nodding out" */
          (in_set(c, j, SET("dude", "man", "woman", "girl", "kid", "senor", "senora")) &&
           in_set(c, j + 1, SET("at", "in", "on", "from", "outside", "next", "en", "afuera")))))
        return false;
    /* "go see grandma in heaven", "drinking with my cousin": the one met
     * or joined is no subject */
    static const char *const met[] = {"see", "join", "with", "con", "ver", "meet"};
    if ((j > 0 && in_set(c, j - 1, met, sizeof met / sizeof met[0])) ||
        (j > 1 && in_set(c, j - 1, SET("my", "mi", "a")) && in_set(c, j - 2, met, sizeof met / sizeof met[0])))
        return false;
    if (spanish_perfect(c, j))
        return false;
    /* "hella faded bro", "toy bien pedo carnal": a word of address after
     * the finding, at the end of its clause, is the one told */
    if (j > finding && in_set(c, j, SET("bro", "bruh", "man", "dude", "fam", "sis", "carnal", "mano",
                                        "manito", "compa", "primo", "homie", "homies", "guys", "yall",
                                        "cuz", "brother", "homeboy", "homegirl", "girl", "wey", "guey")) &&
        (j + 1 >= c->n || has(c, j + 1, T_BREAK) ||
         in_set(c, j + 1, SET("lol", "lmao", "smh", "fr", "ngl", "rn", "haha", "jaja"))))
        return false;
    /* "bro toy faded ahorita", "carnal, ando bien pedo": a word of address
     * opening the reply, the client said next, is the one told */
    if (j < finding && (j == 0 || has(c, j - 1, T_BREAK)) &&
        in_set(c, j, SET("bro", "bruh", "dude", "fam", "sis", "carnal", "mano", "manito", "compa", "primo",
                         "homie", "cuz", "brother", "wey", "guey", "man")) &&
        (has(c, j + 1, T_BREAK | T_SELFSUBJ) || in_set(c, j + 1, SET("toy", "ando", "estoy", "ya", "im"))))
        return false;
    /* "copped boy and girl": heroin and cocaine, no people (but "the new
     * boy and girl", "a boy and a girl") */
    if (in_set(c, j, SET("girl", "boy")) &&
        ((in_set(c, j - 1, SET("and", "n")) && j > 1 && in_set(c, j - 2, SET("boy", "girl"))) ||
         (in_set(c, j + 1, SET("and", "n")) && in_set(c, j + 2, SET("boy", "girl")))) &&
        !(j > 0 && in_set(c, j - 1, SET("the", "a", "my", "new", "little", "lil", "baby", "his", "her"))) &&
        !(j > 2 && in_set(c, j - 3, SET("the", "a", "my", "new", "little", "lil", "baby", "his", "her"))))
        return false;
    /* "i ask god why he hasnt taken me": he is god, the client's plea */
    if (in_set(c, j, SET("he", "him", "el")) &&
        any_str(c, window(c, j, 5, 0, 1), j, SET("god", "dios", "lord", "jesus", "diosito")))
        return false;
    /* "me and my cousin got drunk", "my brother n me", "mi primo y yo": the
     * client among them */
    if ((in_set(c, j + 1, SET("and", "n", "y")) && has(c, j + 2, T_SELFSUBJ | T_SELFOBJ) &&
         !in_set(c, j + 2, SET("my", "mi", "mis"))) ||
        (j > 1 && in_set(c, j - 1, SET("and", "n", "y")) && has(c, j - 2, T_SELFSUBJ | T_SELFOBJ)) ||
        (j > 2 && in_set(c, j - 1, SET("my", "mi")) && in_set(c, j - 2, SET("and", "n", "y")) &&
         has(c, j - 3, T_SELFSUBJ | T_SELFOBJ)))
        return false;
    /* "scratched my arms till they bled": the body, not another person */
    if (j > 0 && in_set(c, j - 1, SET("till", "until", "til", "hasta")))
        return false;
    /* "got faded w the homies", "drank with my cousin": company after the
     * finding, the client still the subject (but "with my cousin who was
     * drunk": the cousin's) */
    if (j > finding && ((j > 0 && in_set(c, j - 1, SET("with", "w", "con"))) ||
                        (j > 1 && in_set(c, j - 2, SET("with", "w", "con")) &&
                         in_set(c, j - 1, SET("my", "the", "mi", "los", "las", "mis", "un", "una",
                                              "a")))))
        return false;
    /* "i know where my uncle keeps his gun and i got the key now": the
     * client has the way to it */
    if ((c->tags[finding] & T_MEANS) &&
        any_str(c, window(c, finding, 0, 12, 1), finding, SET("key", "llave", "code", "combination",
                "combo", "codigo")) &&
        any_in(c, window(c, finding, 0, 12, 1), T_SELFSUBJ, finding))
        return false;
    /* "neighbor gave me his old rifle", "mi tío me dio su pistola": given
     * to the client, it is at the client's hand */
    if ((c->tags[finding] & (T_MEANS | T_MED)) &&
        ((in_set(c, j + 1, SET("gave", "handed", "lent", "sold")) && is(c, j + 2, "me")) ||
         (is(c, j + 1, "me") && in_set(c, j + 2, SET("dio", "regalo", "presto", "vendio")))))
        return false;
    if (j > 1 && in_set(c, j, SET("his", "her", "su")) && in_set(c, j - 1, SET("me")) &&
        in_set(c, j - 2, SET("gave", "handed", "lent", "sold", "dio", "regalo", "presto")) &&
        (c->tags[finding] & (T_MEANS | T_MED)))
        return false;
    /* "picked up a pistol from a guy", "got pills off my cousin": the one
     * it came from, after a thing the client got */
    if (j > finding && (c->tags[finding] & (T_MEANS | T_MED | T_DRUG)) &&
        ((j > 0 && in_set(c, j - 1, SET("from", "off", "de"))) ||
         (j > 1 && in_set(c, j - 2, SET("from", "off", "de")) &&
          in_set(c, j - 1, SET("my", "the", "a", "some", "this", "that", "mi", "un", "una", "el",
                               "la")))))
        return false;
    const char *w = c->v->w + c->v->toff[j];
    /* "my dads gun", and "took dads revolver" (the "my" left out after a
     * verb of taking) */
    bool possessive = j > 0 && w[c->v->tlen[j] - 1] == 's' &&
                      (is(c, j - 1, "my") || is(c, j - 1, "mi") || has(c, j - 1, T_GOT | T_TOOK) ||
                       in_set(c, j - 1, SET("grabbed", "borrowed", "stole", "took", "agarre")));
    bool contraction = has(c, j + 1, T_TIME) || in_set(c, j + 1, SET("been", "is", "was"));
    /* "my dads gun", "my roommates xanax": the client's hands on another's things */
    return !(possessive && !contraction &&
             ((c->tags[finding] & (T_MEANS | T_MED)) || has(c, j + 1, T_MEANS | T_MED | T_DRUG)));
}

/* Token j is a name: a word of letters only (a capital is gone by now),
 * no word the lexicon tags, and none of the words a reply may open with
 * before a verb whose "I" was left out ("just relapsed", "finally
 * slipped", "honestly drank"): a word in -ly, -ed or -ing is never read
 * as a name.
 * When unsure, not a name: the alarm stands. */
static bool name_at(const struct ctx *c, size_t j)
{
    const char *w = c->v->w + c->v->toff[j];
    size_t n = c->v->tlen[j];
    if (c->tags[j] != 0 || n < 3 || (w[n - 2] == 'l' && w[n - 1] == 'y') ||
        (w[n - 2] == 'e' && w[n - 1] == 'd') || (n > 4 && memcmp(w + n - 3, "ing", 3) == 0))
        return false; /* "finally", "stressed", "fucking": not a name */
    for (size_t k = 0; k < n; k++)
        if (w[k] < 'a' || w[k] > 'z')
            return false;
    return !in_set(c, j, SET("just", "finally", "again", "also", "then", "and", "but", "yeah", "yes",
                             "yea", "yep", "yup", "nah", "nope", "okay", "well", "yesterday", "lol",
                             "lmao", "lmfao", "welp", "whelp", "ugh", "omg", "omfg", "damn", "dang",
                             "dammit", "shit", "fuck", "fml", "hey", "hello", "sorry", "bruh",
                             "guess", "prob", "def", "still", "never", "ever", "got", "went", "been",
                             "think", "thought", "kinda", "sorta", "lowkey", "highkey", "pretty",
                             "super", "hella", "mad", "straight", "idk", "tbh", "ngl", "smh",
                             "anyway", "anyways", "plus", "after", "before", "when", "while",
                             "because", "cause", "cuz", "since", "though", "tho", "hmm", "wow",
                             "oops", "whoops", "yikes", "sigh", "wtf", "almost", "already", "all",
                             "the", "this", "that", "there", "what", "who", "which", "its", "ive",
                             "everything", "nothing", "something", "life", "last", "some", "too",
                            "very", "much", "more", "one", "gonna", "wanna", "gotta", "kept",
                             "keep", "had", "did", "was", "have", "has", "can", "cant", "could",
                             "would", "should", "might", "may", "must", "dont", "didnt", "havent",
                             "not", "basically", "literally", "bout", "about", "update", "news",
                             "sad", "sadly", "apparently", "maybe", "now", "tonight", "today",
                             "pues", "bueno", "ayer", "otra", "vez", "tambien", "creo", "casi",
                             "por", "fin", "yaa", "sis", "fam", "babe", "guys", "yall", "yo",
                             "nobody", "everyone", "everybody", "someone", "somebody", "people",
                             "fuckin", "freakin", "friggin", "frickin", "effin", "bad", "good"));
}

/* A name at the start of the clause of the finding at token at (not a
 * rule's start token i: its words start no rule), then the finding or
 * the verbs of a third person before it: "Marcus relapsed again", "Jess
 * took a bunch of pills", "Kevin is using again", "Tony got drunk". A
 * leading "lol", "so", "omg" may stand before the name. */
static bool named_subject(const struct ctx *c, struct span s, size_t at)
{
    size_t j = s.lo;
    while (j < at && in_set(c, j, SET("lol", "lmao", "omg", "ugh", "so", "and", "well", "smh",
                                     "btw", "fyi", "yo", "bruh", "welp", "update", "news", "big",
                                     "lil", "little", "ol", "old", "young")))
        j++;
    if (j >= at || !name_at(c, j))
        return false;
    /* the finding next ("Marcus relapsed"), or a third person's verbs
     * just before it ("is using", "got drunk"), or a verb of taking or
     * harm first ("took a bunch of pills"); so neither "work sucked,
     * relapsed" nor a Spanish verb whose "yo" was left out ("kero
     * suicidarme", "andaba tomando") reads as a name */
    const char *w = c->v->w + c->v->toff[at];
    size_t n = c->v->tlen[at];
    if (j + 1 == at)
        return (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') ||
               in_set(c, at, SET("od", "odd", "ods", "drank", "took", "shot", "cut", "hung", "got", "gets",
                                  "is", "was", "has", "keeps"));
    /* Spanish "Jose se metio una sobredosis": "se" is a third person's
     * (but "se me fue la mano" is the client's) */
    if (is(c, j + 1, "se") && !in_set(c, j + 2, SET("me", "nos", "te")))
        return j + 6 >= at;
    if (in_set(c, j + 1, SET("took", "drank", "popped", "smoked", "snorted", "shot", "tried",
                             "cut", "hung", "swallowed", "downed")))
        return j + 7 >= at;
    if (j + 3 < at)
        return false;
    for (size_t k = j + 1; k < at; k++)
        if (!in_set(c, k, SET("is", "was", "has", "had", "been", "got", "gets", "getting", "keeps",
                              "kept", "just", "finally", "again", "still", "went", "s")))
            return false;
    return true;
}

/* A wish said now before token i ("kinda wish i never woke up from
 * surgery last year"), not one that used to be ("i used to wish"). */
static bool wish_now(const struct ctx *c, size_t i)
{
    struct span b = window(c, i, 6, 0, 0);
    for (size_t j = b.lo; j < i; j++)
        if (in_set(c, j, SET("wish", "wishing", "ojala", "hubiera")) &&
            !(j > 1 && is(c, j - 1, "to") && in_set(c, j - 2, SET("used", "use"))) &&
            !(j > 0 && in_set(c, j - 1, SET("would", "did", "used"))))
            return true;
    return false;
}

/* Words of a topic talked about in span s (not token skip): "group was
 * about overdose", "the speaker shared", "fue de suicidio"; but "i think
 * about stepping in front of the train" is the client's own thought, not a
 * topic. */
/* A topic's word in span s: a group, a class, a meeting; not "meeting"
 * said as a verb ("meeting my old plug at the mcdonalds on broad") */
static bool topic_in(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & T_TOPIC) &&
            !(is(c, j, "meeting") && in_set(c, j + 1, SET("my", "him", "her", "them", "up", "with", "this",
                                                          "that", "some", "his"))))
            return true;
    return false;
}

static bool topic_talk_in(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip)
            continue;
        if (in_set(c, j, SET("about", "sobre", "on")) && j > 0 &&
            in_set(c, j - 1, SET("think", "thinking", "thinkin", "thought", "pensando", "pienso",
                                 "dreaming", "fantasize", "fantasizing", "obsessing")))
            continue;
        /* "a video on overdose", not "on my commute" */
        if (is(c, j, "on") && in_set(c, j + 1, SET("my", "the", "our", "his", "her", "a")) &&
            !(j > 0 && has(c, j - 1, T_TOPIC)))
            continue;
        if (in_set(c, j, SET("about", "topic", "talked", "discussed", "sobre", "speaker", "shared",
                             "preached", "covered", "explained", "explico", "explicaron", "hablo",
                             "warning", "signs", "senales",
                             "tema", "hablamos", "hablaron", "presentation", "lecture", "video",
                             "on", "did", "learned", "discussion", "vimos", "hicimos", "facilitator",
                             "played", "roleplay", "practiced", "practicamos", "regalaron")) ||
            /* "el grupo de hoy fue de suicidio" */
            (in_set(c, j, SET("fue", "era")) && is(c, j + 1, "de")))
            return true;
    }
    return false;
}

/* "the past is over" in the message: "that's behind me", "never again",
 * "not anymore", "ya quedo atras", "eso ya paso", "ya no lo hago" */
static bool over_now(const struct ctx *c, size_t i)
{
    struct span m = window(c, i, 30, 30, 3);
    for (size_t j = m.lo; j < m.hi; j++) {
        if ((is(c, j, "behind") && in_set(c, j + 1, SET("me", "us"))) ||
            /* "im so far from that man now", "my lowest point was 2016",
             * "narcan saved me" */
            (is(c, j, "far") && is(c, j + 1, "from") && in_set(c, j + 2, SET("that", "those", "it"))) ||
            /* "cuando tenia 20 intente...": a time of life over */
            (is(c, j, "cuando") && in_set(c, j + 1, SET("tenia", "era", "vivia", "estaba", "andaba"))) ||
            /* "relapsed in march, clean since" */
            (in_set(c, j, SET("clean", "sober", "limpio", "limpia")) && in_set(c, j + 1, SET("since", "desde"))) ||
            /* "relapsed over the summer, back on track since september",
             * "desde septiembre voy bien otra vez" */
            (is(c, j, "track") && is(c, j + 1, "since")) ||
            (is(c, j, "desde") && in_set(c, j + 2, SET("voy", "estoy", "ando", "vamos")) &&
             in_set(c, j + 3, SET("bien", "limpio", "limpia"))) ||
            (is(c, j, "lowest") && in_set(c, j + 1, SET("point", "moment")) && is(c, j + 2, "was")) ||
            (is(c, j, "saved") && in_set(c, j + 1, SET("me", "my")) && j > 0 && has(c, j - 1, T_NARCAN)) ||
            (is(c, j, "never") && is(c, j + 1, "again")) ||
            /* "not anymore", "not me anymore" (but "i wanna not exist
             * anymore" is no past) */
            (in_set(c, j, SET("not", "no")) &&
             (is(c, j + 1, "anymore") || (is(c, j + 1, "me") && is(c, j + 2, "anymore")))) ||
            (is(c, j, "thats") && is(c, j + 1, "over")) ||
            /* "that chapter is closed", "not that dude now" */
            (is(c, j, "chapter") && any_str(c, window(c, j, 0, 3, 0), j, SET("closed", "over", "done"))) ||
            /* "that part of my life is over", "esa etapa ya paso" */
            (in_set(c, j, SET("part", "phase", "etapa", "parte")) &&
             any_str(c, window(c, j, 0, 6, 0), j, SET("over", "done", "behind", "paso", "termino", "atras"))) ||
            (is(c, j, "not") && is(c, j + 1, "that") &&
             in_set(c, j + 2, SET("dude", "guy", "person", "girl", "man", "woman")) &&
             in_set(c, j + 3, SET("now", "anymore"))) || (is(c, j, "atras") && j > 0 && is(c, j - 1, "quedo")) ||
            (is(c, j, "ya") && is(c, j + 1, "paso")) || (is(c, j, "ya") && is(c, j + 1, "no") &&
             (in_set(c, j + 2, SET("lo", "consumo", "tomo", "uso")) ||
              (is(c, j + 2, "hago") && !is(c, j + 3, "falta")))) || /* "ya no hago falta": unneeded */
            (is(c, j, "wake") && is(c, j + 1, "up") && is(c, j + 2, "call")) ||
            (in_set(c, j, SET("sin", "without")) && in_set(c, j + 1, SET("hacerlo", "usar", "tomar", "consumir"))) ||
            (is(c, j, "glad") && any_str(c, window(c, j, 0, 4, 0), j, SET("here", "alive"))) ||
            /* "that was a long time ago", "eso fue hace mucho" */
            ((is(c, j + 1, "was") || is(c, j + 1, "fue")) && in_set(c, j, SET("that", "it", "eso")) &&
             ((any_str(c, window(c, j, 0, 6, 0), j, SET("ago")) &&
               any_str(c, window(c, j, 0, 5, 0), j, SET("long", "years", "yrs", "decade"))) ||
              (is(c, j + 2, "hace") && in_set(c, j + 3, SET("mucho", "anos", "tiempo"))))) ||
            /* "sigo aqui" survived; "pa q sigo aqui" asks why */
            (is(c, j, "sigo") && is(c, j + 1, "aqui") &&
             !(j > 0 && in_set(c, j - 1, SET("q", "que", "why", "xq", "pq", "porque")))))
            return true;
    }
    return false;
}

/* A year (1990-2029) or an old time: "in 2015", "back when", "in my using
 * days", "before treatment", "antes", Spanish imperfect ("me cortaba") */
/* "in my 20s", "in my teens", "in college", "as a teenager", "en mi
 * juventud": a time of life long over. */
static bool in_my_youth(const struct ctx *c, size_t j)
{
    if ((is(c, j, "as") && in_set(c, j + 1, SET("a", "teen", "teenager", "kid"))) &&
        in_set(c, j + (is(c, j + 1, "a") ? 2 : 1), SET("teen", "teenager", "kid")))
        return true;
    /* "through most of my 20s", "during my teens", "all of my twenties" */
    if (in_set(c, j, SET("through", "thru", "during", "throughout", "of", "durante")) &&
        in_set(c, j + 1, SET("my", "mi", "mis")) && j + 2 < c->n &&
        (in_set(c, j + 2, SET("twenties", "thirties", "teens", "youth", "juventud")) ||
         ((c->tags[j + 2] & T_NUMBER) &&
          (c->v->w[c->v->toff[j + 2] + c->v->tlen[j + 2] - 1] == 's' || is(c, j + 3, "s")))))
        return true;
    if (!is(c, j, "in") && !is(c, j, "en"))
        return false;
    if (in_set(c, j + 1, SET("college", "highschool", "juventud")))
        return true;
    /* "in high school", "in middle school", "en la prepa", "en la
     * secundaria" */
    if ((in_set(c, j + 1, SET("high", "middle", "junior")) && in_set(c, j + 2, SET("school", "high"))) ||
        (is(c, j + 1, "la") && in_set(c, j + 2, SET("prepa", "secundaria", "preparatoria"))))
        return true;
    if (!in_set(c, j + 1, SET("my", "mi", "mis")) || j + 2 >= c->n)
        return false;
    if (in_set(c, j + 2, SET("twenties", "thirties", "teens", "youth", "juventud")))
        return true;
    const char *w = c->v->w + c->v->toff[j + 2];
    size_t n = c->v->tlen[j + 2];
    return (c->tags[j + 2] & T_NUMBER) && (w[n - 1] == 's' || is(c, j + 3, "s"));
}

/* Token j stands in a Spanish relative that names a supplier: "al que me
 * surtía (antes)", "el que me vendía": a description, not a time. */
static bool relative_es(const struct ctx *c, size_t j)
{
    for (size_t k = 1; k <= 3 && k <= j; k++)
        if (in_set(c, j - k, SET("que", "q")) && j - k > 0 &&
            in_set(c, j - k - 1, SET("el", "al", "del", "vato", "tipo", "compa", "senor", "lo", "la")))
            return true;
    return false;
}

/* "last year", "last summer", "el año pasado", "la navidad pasada": a time
 * long enough over (not "last night", "last week", "last month") */
static bool last_season(const struct ctx *c, size_t j)
{
    if (is(c, j, "last"))
        return in_set(c, j + 1, SET("year", "spring", "summer", "fall", "autumn", "winter",
                                    "christmas", "thanksgiving", "decade", "yr"));
    return in_set(c, j, SET("ano", "verano", "invierno", "navidad", "primavera", "otono")) &&
           in_set(c, j + 1, SET("pasado", "pasada"));
}

/* "my last relapse was last year": the last one, long over */
static bool last_one_over(const struct ctx *c, size_t j)
{
    return is(c, j, "last") && in_set(c, j + 1, SET("relapse", "slip", "drink", "use", "drunk", "high")) &&
           any_str(c, window(c, j, 0, 6, 0), j, SET("was", "fue")) &&
           any_str(c, window(c, j, 0, 7, 0), j, SET("year", "years", "summer", "winter", "spring",
                                                    "christmas", "ano", "anos", "decade"));
}

/* Token j is a year, 1990-2029 ("in 2015"). */
static bool year_at(const struct ctx *c, size_t j)
{
    if (!(c->tags[j] & T_NUMBER) || c->v->tlen[j] != 4)
        return false;
    double y = numval(c, j);
    return y >= 1990 && y <= 2029;
}

static bool past_marks(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip)
            continue;
        if (year_at(c, j))
            return true;
        if ((is(c, j, "back") &&
             (in_set(c, j + 1, SET("when", "then")) ||
              /* "back in 2015", "back in the day", "back in high school"; not
               * "put it back in the fridge" */
              (is(c, j + 1, "in") &&
               (has(c, j + 2, T_NUMBER) || in_set(c, j + 2, SET("high", "college", "school", "highschool",
                    "january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "spring", "summer", "fall",
                    "winter", "jan", "feb", "sept", "oct", "nov", "dec")) ||
                (in_set(c, j + 2, SET("the", "my")) &&
                 in_set(c, j + 3, SET("day", "days", "80s", "90s", "twenties", "teens", "youth",
                                      "using", "drinking", "past"))))))) ||
            (is(c, j, "when") && in_set(c, j + 1, SET("i", "im")) && in_set(c, j + 2, SET("was", "used"))) ||
            (is(c, j, "using") && is(c, j + 1, "days")) || (is(c, j, "before") && in_set(c, j + 1, SET("treatment", "rehab", "recovery"))) ||
            (is(c, j, "antes") && !is(c, j + 1, "de") && !is(c, j + 1, "que") && !relative_es(c, j) &&
             /* "fui con el dealer de antes y le compré": the old one, bought
              * from now (but "mi conecte de antes ya ni existe" is over) */
             !(j > 0 && is(c, j - 1, "de") &&
               any_str(c, window(c, j, 0, 6, 1), j, SET("compre", "bought", "pague", "paid", "copped")))) ||
            (is(c, j, "last") && is(c, j + 1, "time") && any_str(c, window(c, j, 0, 5, 0), j, SET("was", "fue"))) ||
            (is(c, j, "ultima") && any_str(c, window(c, j, 0, 3, 0), j, SET("fue"))) || last_one_over(c, j) ||
            last_season(c, j) ||
            in_my_youth(c, j) ||
            /* a story of one time: "the christmas i showed up drunk", "the
             * night i drank mouthwash", "that time i nodded off" */
            (in_set(c, j, SET("the", "that")) &&
             in_set(c, j + 1, SET("time", "night", "day", "christmas", "year", "summer", "weekend",
                                  "birthday", "thanksgiving", "wedding", "party", "years")) &&
             in_set(c, j + 2, SET("i", "when", "id"))) ||
            /* "remember when id text you high", "old photos of me wasted" */
            (is(c, j, "remember") && in_set(c, j + 1, SET("when", "how", "the", "that", "those"))) ||
            (in_set(c, j, SET("photos", "pics", "pictures", "videos", "fotos")) && j > 0 &&
             in_set(c, j - 1, SET("old", "viejas", "antiguas", "those", "throwback"))) ||
            /* "18 months since they talked me off the ledge", "a year
             * since the garage thing": months or years since it */
            (is(c, j, "since") && j >= 2 &&
             in_set(c, j - 1, SET("months", "years", "yrs", "year", "month", "yr")) &&
             ((c->tags[j - 2] & T_NUMBER) ||
              in_set(c, j - 2, SET("a", "one", "two", "three", "few", "several", "many", "six")))))
            return true;
        const char *w = c->v->w + c->v->toff[j];
        size_t n = c->v->tlen[j];
        /* the imperfect, but not "andaba/estaba tomando" (going on), nor a
         * want or a need told of just now ("necesitaba sentir dolor") */
        if (n > 5 && !in_set(c, j, SET("andaba", "estaba", "andabamos", "necesitaba", "ocupaba",
                                       "buscaba")) && !relative_es(c, j) &&
            (memcmp(w + n - 3, "aba", 3) == 0 || in_set(c, j, SET("consumia", "bebia", "vendia", "hacia", "ponia",
                                                                  "poniamos", "metia", "fumaba"))))
            return true;
    }
    return false;
}

/* In a relapse, what would have been, said before it of the old self:
 * "the old me would have spent this paycheck getting high", "old me:
 * rolling blunts before breakfast", "el viejo yo estaría crudo". Only
 * before the finding ("relapsed. would have called you but..." is a
 * relapse), and not in a crisis: "they would have been better off
 * without me" is the burden itself. */
static bool would_have_been(const struct ctx *c, size_t i)
{
    struct span same = window(c, i, 14, 0, 0), near = window(c, i, 8, 0, 1);
    for (size_t j = near.lo < same.lo ? near.lo : same.lo; j < i; j++)
        if ((j >= near.lo && in_set(c, j, SET("old", "viejo", "antiguo", "vieja", "antigua")) &&
             in_set(c, j + 1, SET("me", "self", "yo"))) ||
            (j >= same.lo && ((in_set(c, j, SET("would", "id")) && in_set(c, j + 1, SET("have", "of", "ve"))) ||
                              in_set(c, j, SET("wouldve", "woulda")))))
            return true;
    return false;
}

/* In a relapse, a past that a time word of today does not bring back:
 * a year named ("most of 2019 high on meth"), "the first time i", "the
 * last time i got drunk", "that time", "aquella vez", "years ago", "hace
 * dos años", "when we were married", "at 13", "en mis tiempos de
 * consumo". The story is told today; the use is not. (Not in a crisis:
 * "the last time i tried was 2019, today i feel it again" is not lowered.) */
static bool strong_past(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == skip)
            continue;
        if (year_at(c, j))
            return true;
        if ((in_set(c, j, SET("the", "my")) && in_set(c, j + 1, SET("first", "last")) &&
             in_set(c, j + 2, SET("time", "night", "drink")) && in_set(c, j + 3, SET("i", "id"))) ||
            (is(c, j, "that") && in_set(c, j + 1, SET("time", "night")) && in_set(c, j + 2, SET("i", "when"))) ||
            /* "como en aquella epoca": a likeness to then, the use is now */
            (is(c, j, "aquella") && in_set(c, j + 1, SET("vez", "noche", "epoca")) &&
             !(j > 1 && is(c, j - 1, "en") && is(c, j - 2, "como"))) ||
            /* "at my worst", "back when", "before rehab", "for like a
             * decade", "de chamaco", "a long long time ago" */
            (is(c, j, "at") && is(c, j + 1, "my") && in_set(c, j + 2, SET("worst", "lowest"))) ||
            (is(c, j, "back") && is(c, j + 1, "when")) ||
            (is(c, j, "before") && in_set(c, j + 1, SET("rehab", "treatment", "recovery", "detox"))) ||
            (is(c, j, "for") && any_str(c, window(c, j, 0, 3, 0), j, SET("decade", "decades")) ) ||
            (is(c, j, "de") && in_set(c, j + 1, SET("chamaco", "chamaca", "chavo", "chava", "morro", "morra",
                                                     "joven", "nino", "nina", "chico", "chica", "adolescente",
                                                     "pelado", "chamo", "pibe", "crio", "carajito"))) ||
            (is(c, j, "ago") && j > 0 && is(c, j - 1, "time") && j > 1 && is(c, j - 2, "long")) ||
            (is(c, j, "mis") && in_set(c, j + 1, SET("tiempos", "epocas"))) ||
            (is(c, j, "my") && in_set(c, j + 1, SET("drinking", "using")) &&
             in_set(c, j + 2, SET("days", "years", "era"))) ||
            (is(c, j, "when") && in_set(c, j + 1, SET("we", "i")) && in_set(c, j + 2, SET("were", "was")) &&
             in_set(c, j + 3, SET("married", "together", "younger", "kids", "young", "dating", "in"))) ||
            (is(c, j, "ago") && j > 0 && in_set(c, j - 1, SET("years", "yrs", "decade", "decades", "months"))) ||
            /* "hace dos años"; not "hace dos días" (a relapse of this week) */
            (is(c, j, "hace") && (has(c, j + 1, T_NUMBER) || in_set(c, j + 1, SET("dos", "tres", "muchos",
                                   "varios", "mucho", "anos"))) &&
             !in_set(c, j + 2, SET("dias", "dia", "semanas", "semana", "horas", "hora", "ratos", "minutos", "noches"))) ||
            (in_set(c, j, SET("at", "a")) && in_set(c, j + 1, SET("los", "age")) && has(c, j + 2, T_NUMBER)) ||
            (is(c, j, "at") && has(c, j + 1, T_NUMBER) && in_set(c, j - (j > 0), SET("was", "started", "began"))))
            return true;
    }
    return false;
}

/* A time word in span s that is now or soon, not a habit of then ("every
 * night", "cada noche"). */
static bool time_now(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & T_TIME) &&
            !(j > 0 && in_set(c, j - 1, SET("every", "each", "cada", "all", "toda"))) &&
            /* "todos los viernes": a habit of then */
            !(j > 1 && in_set(c, j - 1, SET("los", "las")) && in_set(c, j - 2, SET("todos", "todas"))) &&
            /* "3 years ago today": an anniversary, not now */
            !(j > 0 && is(c, j - 1, "ago") && in_set(c, j, SET("today", "tonight"))))
            return true;
    return false;
}

/* Sobriety said in span s of the finding at token skip: a sobriety word,
 * but not one denied ("didn't stay sober", "couldnt stay clean", "no pude
 * mantenerme limpio"), nor one a "but" turns before the finding ("30
 * days sober but i drank last night"). */
static bool sober_said(const struct ctx *c, struct span s, size_t skip)
{
    size_t turn = s.lo; /* the last contrast before the finding */
    for (size_t j = s.lo; j < skip && j < s.hi; j++)
        if (c->tags[j] & T_CONTRAST)
            turn = j + 1;
    for (size_t j = turn; j < s.hi; j++) {
        /* "6 years out now": out of using, counted (prison's word too) */
        bool out_counted = is(c, j, "out") && j > 0 &&
                           in_set(c, j - 1, SET("years", "yrs", "year", "months", "month", "weeks", "days",
                                                "anos", "meses", "dias", "semanas")) &&
                           !in_set(c, j + 1, SET("of", "from")); /* not "2 days out of jail" */
        if (j == skip || !((c->tags[j] & T_SOBER) || out_counted))
            continue;
        /* "was 6 months clean before that": sobriety the finding ended */
        if (j > skip && any_str(c, window(c, j, 0, 3, 0), j, SET("before", "until", "till", "antes",
                                                                  "hasta")))
            continue;
        /* "used yesterday after 4 months clean", "tomé después de un año
         * sobrio": the sobriety the finding came after, and ended */
        if (j > skip && any_str(c, window(c, j, 5, 0, 0), j, SET("after", "despues")))
            continue;
        size_t k = j;
        while (k > s.lo && j - k < 3 && in_set(c, k - 1, SET("stay", "stayed", "keep", "remain", "be",
                                                              "been", "mantenerme", "quedarme", "seguir")))
            k--;
        if (!(k > s.lo && ((c->tags[k - 1] & T_NEG) || in_set(c, k - 1, SET("couldnt", "failed")))))
            return true;
    }
    return false;
}

/* After a drink or a drug named at skip, the client turned it down: "had a
 * bottle of wine in my cart and put it back", "le compré un six a mi papá,
 * yo no tomé nada", "didn't drink a drop". */
static bool resisted_said(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = skip + 1; j < s.hi; j++) {
        /* put back where it was bought or held, not after drinking it */
        if (is(c, j, "put") && in_set(c, j + 1, SET("it", "them", "em")) && is(c, j + 2, "back") &&
            any_str(c, window(c, skip, 0, 12, 2), skip, SET("cart", "basket", "hand", "store",
                    "register", "checkout", "aisle", "shelf", "carrito", "tienda", "caja")))
            return true;
        if (in_set(c, j, SET("regrese", "devolvi")) && j > 0 && in_set(c, j - 1, SET("lo", "la", "los", "las")))
            return true;
        /* "my old dealer texted me... deleted it and blocked the number" */
        if (((in_set(c, j, SET("blocked", "deleted", "ignored")) &&
              in_set(c, j + 1, SET("it", "him", "them", "his", "the", "that", "her"))) ||
             (in_set(c, j, SET("bloquee", "borre")) && j > 0 && in_set(c, j - 1, SET("lo", "la", "los")))) &&
            !negated(c, j))
            return true;
        if (has(c, j, T_USEV | T_TOOK) && negated(c, j) &&
            (in_set(c, j + 1, SET("nada", "nothing", "anything")) ||
             (in_set(c, j + 1, SET("a", "ni")) && in_set(c, j + 2, SET("drop", "gota", "sip", "trago")))))
            return true;
    }
    return false;
}

/* The client joins the other after the finding: "my brother relapsed and
 * i did too", "so did i", "got drunk with me", "se puso pedo conmigo". */
static bool self_too(const struct ctx *c, struct span s, size_t i)
{
    for (size_t j = i + 1; j < s.hi; j++) {
        /* "my ex is drinking again so the kids are with me": what follows
         * "so" or "because" is another clause, its "with me" no company in
         * the finding (but "and so did i" is) */
        if (in_set(c, j, SET("so", "because", "bc", "cuz", "cause", "entonces", "porque")) &&
            !in_set(c, j + 1, SET("did", "do", "am", "was")))
            break;
        if (!(c->tags[j] & (T_SELFSUBJ | T_SELFOBJ)) || in_set(c, j, SET("my", "mi", "mis")))
            continue;
        /* "use it on myself", "lo voy a usar en mi misma": whoever owns
         * the means, the client turns it on the self */
        if (in_set(c, j, SET("myself", "myslef", "mismo", "misma")) && j > 0 &&
            in_set(c, j - 1, SET("on", "to", "against", "en", "contra", "mi")))
            return true;
        if (is(c, j, "conmigo") || (j > 0 && in_set(c, j - 1, SET("with", "w", "con"))) ||
            (j > 1 && is(c, j - 2, "so") && in_set(c, j - 1, SET("did", "do", "am", "was"))) ||
            any_str(c, window(c, j, 0, 3, 0), j, SET("too", "also", "tambien", "aswell")) ||
            /* "everyone was drinking and i joined them", "me les uni" */
            (in_set(c, j, SET("i", "me")) &&
             (in_set(c, j + 1, SET("joined", "uni")) || (is(c, j + 1, "les") && is(c, j + 2, "uni")) ||
              (is(c, j + 1, "jumped") && is(c, j + 2, "in")))))
            return true;
    }
    return false;
}

/* A farewell somebody else made: "my best friend left a goodbye note on
 * insta", "she posted a goodbye": another person, then a verb of leaving
 * or posting it, right before the finding at token f. */
static bool other_left_it(const struct ctx *c, struct span s, size_t f)
{
    for (size_t j = f > s.lo + 4 ? f - 4 : s.lo; j < f; j++)
        if (in_set(c, j, SET("left", "wrote", "posted", "sent", "said", "dejo", "escribio",
                             "publico", "mando")) &&
            j > s.lo && (has(c, j - 1, T_OTHER) || in_set(c, j - 1, SET("he", "she", "they"))) &&
            !any_in(c, window(c, j, 4, 0, 0), T_SELFSUBJ, j))
            return true;
    return false;
}

/* After a burden word at i, the client is named as the one missing: "if
 * I wasn't", "without me", "si yo no estuviera", "sin mi". */
static bool burden_is_self(const struct ctx *c, struct span s, size_t i)
{
    for (size_t j = i + 1; j + 1 < s.hi && j <= i + 6; j++)
        if ((in_set(c, j, SET("if", "si")) && in_set(c, j + 1, SET("i", "im", "yo", "id"))) ||
            (in_set(c, j, SET("without", "sin", "w/o")) && in_set(c, j + 1, SET("me", "mi"))))
            return true;
    return false;
}

uint32_t context_of(const struct ctx *c, size_t i, bool relapse, uint32_t reason)
{
    struct span s = clause(c, i);
    /* "no le digas a mi hermana pero voy a terminar con mi vida": what
     * stands before a "but" is not the finding's context */
    for (size_t j = i; j > s.lo; j--)
        if (c->tags[j - 1] & T_CONTRAST) {
            s.lo = j;
            break;
        }
    bool self_near = has(c, i + 1, T_SELFOBJ | T_SELFSUBJ) ||
                     /* "she'd be better off if I wasn't in the picture":
                      * the others are better off, the client is the burden */
                     (reason == REPLY_R_BURDEN && burden_is_self(c, s, i)) ||
                     (reason == REPLY_R_FAREWELL && !other_left_it(c, s, i)) ||
                     /* "he sold me some", "my plug texted me": the client is the one reached */
                     (reason == REPLY_R_DEALER && selfobj_in(c, window(c, i, 0, 3, 0), i));
    /* "my boss is gonna kill me", "mi jefe me va a matar": somebody else's
     * threat is an idiom */
    /* ... but "i want someone to kill me", "wish somebody would kill me":
     * the client wishes it */
    if (has(c, i, T_KILL) && is(c, i + 1, "me") &&
        !(any_in(c, window(c, i, 5, 0, 0), T_WANT, i) && any_in(c, window(c, i, 6, 0, 0), T_SELFSUBJ, i)) &&
        !any_str(c, window(c, i, 3, 0, 0), i, SET("please", "pls", "plz")))
        self_near = false;
    else if (!self_near && self_too(c, s, i))
        self_near = true;
    /* Spanish leaves the subject out: "mi primo recayó, está en día uno
     * otra vez" is the cousin's ("está", not "estoy"), named in the clause
     * before */
    for (size_t j = i > 3 ? i - 3 : 0; !self_near && j < i; j++) {
        if (!in_set(c, j, SET("esta", "anda", "lleva", "volvio", "sigue", "recayo")))
            continue;
        struct span back = window(c, j, 10, 0, 1);
        bool me = false, other = false;
        for (size_t k = back.lo; k < j; k++) {
            me = me || ((c->tags[k] & (T_SELFSUBJ | T_SELFOBJ)) && !in_set(c, k, SET("mi", "mis")));
            other = other || other_subject(c, k, i);
        }
        if (other && !me)
            return REPLY_R_OTHER_PERSON;
    }
    /* somebody else is the subject before the finding, no "I" between ("my
     * cousin overdosed", "he relapsed", "mi hermano se quiere matar") */
    for (size_t k = 1; !self_near && k <= 8 && k <= i - s.lo; k++) {
        size_t j = i - k;
        /* "I", or "me" as the one it is done to ("mi compa me va a conectar") */
        /* "the guy next to me was nodding out": the client only beside the
         * subject, in a relapse */
        if (relapse && is(c, j, "me") && j > 0 && in_set(c, j - 1, SET("to", "at", "near", "beside", "behind", "by")))
            continue;
        /* "bro el plug esta afuera": a word of address, no subject */
        if (reason == REPLY_R_DEALER && (j == s.lo || has(c, j - 1, T_BREAK)) &&
            in_set(c, j, SET("bro", "bruh", "bra", "mano", "wey", "guey", "hermano", "yo", "dude", "man",
                             "homie", "sis", "girl", "loco", "pana", "parce", "tio")))
            continue;
        /* "put me on with his plug": the dealer's owner, not the subject */
        if (reason == REPLY_R_DEALER && j + 1 == i && in_set(c, j, SET("his", "her", "their", "su", "sus")) &&
            selfobj_in(c, window(c, i, 5, 0, 0), i))
            continue;
        /* "the dude in unit 4 got work", "ran into dude from the block who
         * stay holding": the supplier is the subject of a dealer finding */
        if (reason == REPLY_R_DEALER && j + 8 > i &&
            in_set(c, j, SET("dude", "guy", "man", "boy", "vato", "homie", "someone", "somebody", "lady")) &&
            !(j > 0 && in_set(c, j - 1, SET("my", "his", "her", "mi", "su"))))
            continue;
        /* "my neighbor dude got that work": the dude's description */
        if (reason == REPLY_R_DEALER && j + 8 > i && in_set(c, j + 1, SET("dude", "guy", "vato")))
            continue;
        /* "el vecino estaba bolo": Spanish "estaba" is his, after him */
        if (in_set(c, j, SET("estaba", "andaba", "estuvo", "anduvo")) && j > s.lo &&
            (other_subject(c, j - 1, i) ||
             in_set(c, j - 1, SET("senora", "senor", "tipo", "vato", "muchacho", "muchacha", "chavo",
                                  "morra", "hombre", "mujer", "viejo", "vieja", "senorita"))))
            return REPLY_R_OTHER_PERSON;
        if ((c->tags[j] & T_SELFSUBJ) ||
            ((c->tags[j] & T_SELFOBJ) && !in_set(c, j, SET("my", "mi", "mis")) && !has(c, i, T_KILL))) {
            self_near = true;
            break;
        }
        if (other_subject(c, j, i))
            return REPLY_R_OTHER_PERSON;
    }
    if (!self_near && !any_in(c, (struct span){s.lo, i}, T_SELFSUBJ | T_SELFOBJ, i) &&
        named_subject(c, s, i))
        return REPLY_R_OTHER_PERSON;
    /* "he's on his way with it": the one bringing it is the dealer */
    if (!self_near && reason != REPLY_R_DEALER && !any_in(c, s, T_SELFSUBJ | T_SELFOBJ, i))
        for (size_t j = s.lo; j < s.hi; j++) {
            /* "picked up some fetty off a guy": the one it came from */
            if (j > i && ((j >= 1 && in_set(c, j - 1, SET("off", "from"))) ||
                          (j >= 2 && in_set(c, j - 2, SET("off", "from")) &&
                           in_set(c, j - 1, SET("a", "some", "this", "that", "the")))))
                continue;
            /* "room is spinning lol dont tell my sponsor": the one not to
             * be told is no subject of it */
            if (j > i && any_str(c, window(c, j, 3, 0, 0), j, SET("tell", "digas", "decirle", "tells")))
                continue;
            /* "voy pedo tio": a word of address at the end; "re en pedo en
             * lo de un amigo", "at my cousins": a place or a companion */
            if (j > i && in_set(c, j, SET("tio", "tia", "primo", "prima", "bro", "mano", "wey", "guey",
                                          "hermano", "compa", "loco", "pana", "parce", "asere")) &&
                !in_set(c, j - 1, SET("mi", "my", "su", "el", "la", "his", "her", "tu")))
                continue;
            if (j > i + 1 && (in_set(c, j - 1, SET("de", "con", "with", "w", "at", "en", "por", "para")) ||
                              (in_set(c, j - 2, SET("de", "con", "with", "w", "at", "en")) &&
                               in_set(c, j - 1, SET("un", "una", "mi", "my", "mis", "los", "las", "the", "a")))))
                continue;
            /* "got the razor blades out and they're not for shaving": a
             * pronoun after a means stands for it */
            if (j > i && any_in(c, (struct span){i > 0 ? i - 1 : 0, j}, T_MEANS | T_MED, j) &&
                in_set(c, j, SET("they", "theyre", "them", "their")))
                continue;
            if (j != i && other_subject(c, j, i))
                return REPLY_R_OTHER_PERSON;
        }
    /* "what to do if you have thoughts of self-harm": a lesson's "if you" */
    for (size_t j = s.lo + 2; j + 1 < i; j++)
        if (is(c, j, "if") && is(c, j - 1, "do") && is(c, j - 2, "to") &&
            in_set(c, j + 1, SET("you", "u", "someone", "somebody", "anyone")))
            return REPLY_R_TOPIC;
    /* a group's or a meeting's topic ("group was about overdose", "relapse
     * prevention plan", "aprendimos a usar narcan") */
    struct span wide = window(c, i, 12, 12, 1);
    /* "tonight's share was about self harm": a speaker's share, the noun */
    bool share = false;
    for (size_t j = wide.lo + 1; j < wide.hi && !share; j++)
        share = in_set(c, j, SET("share", "shares")) &&
                in_set(c, j - 1, SET("the", "tonights", "todays", "his", "her", "their", "speakers",
                                     "whose", "last", "nights", "weeks", "mornings", "yesterdays"));
    /* a topic told in another sentence does not take over the client's
     * own "I" with a time or a want: "...texting about it in the group
     * chat. but yeah I'm going to shoot myself tonight", "hicimos la tarea
     * juntas. ya tengo las pastillas y pienso tomármelas esta noche" */
    bool own_now = !has(c, i, T_NARCAN) && /* a rescue learned, no intent */
                   any_in(c, s, T_SELFSUBJ, i) && any_in(c, s, T_TIME | T_WANT, i) &&
                   !any_in(c, s, T_TOPIC, i) && !topic_talk_in(c, s, i);
    if ((!own_now &&
         (((topic_in(c, wide, i) || share) && topic_talk_in(c, wide, i)) ||
          any_str(c, wide, i, SET("prevention", "prevencion", "prevenir", "workshop", "taller",
                                  "homework", "tarea", "aprendimos", "learned", "ensenaron", "training",
                                  "awareness")))) ||
        (any_str(c, s, i, SET("song", "movie", "lyrics", "podcast", "documentary", "cancion",
                              "pelicula", "book", "episode", "series")) &&
         /* "this song hits different bc im high rn": the client's own
          * state now, beside a song */
         !(relapse && i > 0 && any_in(c, window(c, i, 3, 0, 0), T_SELFSUBJ, i) &&
           any_in(c, window(c, i, 0, 3, 0), T_INTENS | T_TIME, i))))
        return REPLY_R_TOPIC;
    /* the past, over: "relapsed two years ago, clean since"; in a relapse,
     * a past before a "but" is turned ("llevaba 40 días sobrio pero ayer
     * tomé") */
    struct span ps = s;
    for (size_t j = s.lo; relapse && j < i; j++)
        if (c->tags[j] & T_CONTRAST)
            ps.lo = j + 1;
    /* over now, unless the finding's own clause says it is back ("me ando
     * cortando otra vez, ya tenia 2 meses sin hacerlo") */
    /* "kinda wish i never woke up from surgery last year": the wish is now */
    /* "people at the bus station were smoking crack": others, in the
     * plural, the client not among them */
    if (relapse && !self_near) {
        struct span before = window(c, i, 8, 0, 0), upto = {before.lo, i + 1};
        if (any_str(c, before, i, SET("people", "folks", "crowd", "teens", "kids", "guys", "everybody",
                    "everyone", "gente", "chavos", "muchachos", "boys", "homies", "fellas", "crew",
                    "squad", "vecinos", "compas", "neighbors", "roommates")) &&
            /* (the finding may be a listed phrase's first word: "everyone
             * at the bbq WAS drinking"; read as a span, not as the token
             * itself, so that "was" starts no rule) */
            any_str(c, upto, SIZE_MAX, SET("were", "are", "was", "estaban",
                    "estaba", "andaban", "estan", "andan", "gettin", "getting")) &&
            !any_in(c, before, T_SELFSUBJ, i))
            return REPLY_R_OTHER_PERSON;
    }
    /* what would have been needs no time of its own: "the old me would
     * have been high by friday" */
    if (relapse && (would_have_been(c, i) || strong_past(c, window(c, i, 10, 10, 1), i)))
        return REPLY_R_PAST;
    if ((long_past(c, ps, i) || past_marks(c, ps, i) ||
         (over_now(c, i) && !any_str(c, s, i, SET("again", "otra", "volvi", "back")))) &&
        !time_now(c, s, i) && !wish_now(c, i))
        return REPLY_R_PAST;
    /* an offer turned down: "homies asked if i wanted to get faded, i said
     * im good", "me invitaron a pistear y les dije que ya no le hago" */
    if (relapse && any_str(c, window(c, i, 8, 0, 1), i, SET("asked", "invited", "offered", "invitaron",
                           "invito", "ofrecieron", "ofrecio", "preguntaron", "wanted")) &&
        any_str(c, window(c, i, 0, 10, 1), i, SET("said", "dije", "told")) &&
        any_str(c, window(c, i, 0, 14, 1), i, SET("good", "no", "nah", "pass", "paso", "hago", "nope")) &&
        !no_said_taken(c, i))
        return REPLY_R_SOBRIETY;
    /* "my sister thinks im using again but i'm not", "mi mamá cree que
     * ando tomando pero no": somebody's belief, denied */
    if (relapse && any_str(c, window(c, i, 6, 0, 1), i, SET("thinks", "think", "thought", "cree",
                           "creen", "piensa", "piensan", "asking", "asked", "asks", "accused", "wondering")) &&
        (any_in(c, window(c, i, 0, 8, 1), T_CONTRAST, i) ||
         any_str(c, window(c, i, 0, 6, 1), i, SET("wasnt", "werent", "isnt", "aint", "not"))) &&
        any_in(c, window(c, i, 0, 10, 1), T_NEG, i))
        return REPLY_R_SOBRIETY;
    if (relapse && reason != REPLY_R_DAY_ONE && !has(c, i, T_USEACT) &&
        (sober_said(c, window(c, i, 12, 12, 1), i) || resisted_said(c, window(c, i, 0, 16, 2), i)) &&
        !any_in(c, s, T_LOSTV, s.hi))
        return REPLY_R_SOBRIETY;
    return 0;
}

bool event_long_ago(const struct ctx *c, size_t i)
{
    struct span s = clause(c, i);
    if (any_str(c, s, i, SET("anniversary", "aniversario", "today", "hoy", "tonight")) ||
        time_now(c, s, i))
        return false;
    for (size_t j = s.lo; j < s.hi; j++) {
        /* "back in 2015" (a year before this one's neighbours) */
        if ((c->tags[j] & T_NUMBER) && c->v->tlen[j] == 4 && numval(c, j) >= 1950 &&
            numval(c, j) <= 2024)
            return true;
        /* "5 years ago", "hace 3 anos", "years back"; not "a month ago" */
        if (in_set(c, j, SET("years", "yrs", "year", "yr", "decade", "anos", "ano")) &&
            (in_set(c, j + 1, SET("ago", "back")) || (j > 1 && is(c, j - 2, "hace")) ||
             (j > 0 && is(c, j - 1, "hace"))))
            return true;
        if (last_season(c, j))
            return true; /* "last year around this time i was in detox" */
        /* "when i was a kid", "cuando era nino" */
        if ((is(c, j, "when") && in_set(c, j + 1, SET("i", "im")) && is(c, j + 2, "was") &&
             any_str(c, window(c, j, 0, 5, 0), j, SET("kid", "little", "young", "teen",
                                                       "teenager", "child", "baby"))) ||
            (is(c, j, "cuando") && is(c, j + 1, "era") &&
             any_str(c, window(c, j, 0, 4, 0), j, SET("nino", "nina", "chico", "chica",
                                                       "joven", "chiquito", "chiquita"))))
            return true;
    }
    return false;
}

/* A question about a substance, asked of the program: "what is tusi",
 * "whats fent", "que es el cristal", "what does molly do". The client asks,
 * uses nothing: a topic for the digest (the learned model, which read such
 * questions as a relapse, is not asked after it). */
bool substance_question(const struct ctx *c, size_t i)
{
    if (!has(c, i, T_DRUG) || i == 0)
        return false;
    size_t q = i - 1;
    if (q > 0 && in_set(c, q, SET("el", "la", "los", "las", "a", "the")))
        q--;
    bool asked = (in_set(c, q, SET("is", "are")) && q > 0 && in_set(c, q - 1, SET("what", "wat", "wut"))) ||
                 in_set(c, q, SET("whats", "wats", "wuts")) ||
                 (in_set(c, q, SET("es", "son")) && q > 0 && in_set(c, q - 1, SET("que", "q", "ke"))) ||
                 (is(c, q, "does") && q > 0 && in_set(c, q - 1, SET("what", "how")));
    if (!asked)
        return false;
    /* nothing after it but the question's end ("do", "like", "?") */
    for (size_t j = i + 1; j < c->n; j++)
        if (!has(c, j, T_BREAK) && !in_set(c, j, SET("do", "like", "exactly", "anyway", "lol", "mean", "even")))
            return false;
    return true;
}

