/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_cue.c: a state of intoxication shown by cues in the
 * reply rather than said (reply_rules.h): losing the day or the question
 * ("what day is it", "q decia"), sudden love for everyone, nodding off
 * mid-text, "who told u", feeling one's teeth, no sleep and boundless
 * energy, the universe and made-up numbers, a party still going, hours
 * talking to the cat. Each is as often a new parent, good news, a night
 * shift or a mood, so one cue alone is never a state: it goes to the
 * digest with its text (digest_unread). Two cues, or a cue beside an
 * effect (reply_concepts_effect.c), with no everyday cause named, are a
 * state; so is a cue beside a sign of the substance. */
#include "model/reply_rules.h"

#include <string.h>

#include "model/reply.h"

/* How many words of love the reply holds */
static size_t loves_in(const struct ctx *c)
{
    size_t n = 0;
    for (size_t j = 0; j < c->n; j++)
        n += in_set(c, j, SET("love", "luv", "ily", "quiero", "amo", "ilysm"));
    return n;
}

/* Token i starts the words of a cue of time, place, the talk, love or
 * suspicion */
static bool cue_at(const struct ctx *c, size_t i)
{
    /* lost in time: "what day is it", "ya no se ni que dia es", "what
     * time is it", "is it morning or night", "whats today?" */
    if (in_set(c, i, SET("day", "dia", "time", "hora")) && i > 0 &&
        in_set(c, i - 1, SET("what", "que", "q", "k", "wat", "wut")) &&
        ((is(c, i + 1, "is") && in_set(c, i + 2, SET("it", "today"))) ||
         (is(c, i + 1, "it") && is(c, i + 2, "is")) ||
         (is(c, i + 1, "es") && (i + 2 >= c->n || has(c, i + 2, T_BREAK) || in_set(c, i + 2, SET("hoy", "de"))))) &&
        /* not a question about the program ("what day is it today, is
         * group on?", "what time does group start") */
        !any_str(c, window(c, i, 12, 12, 2), i, SET("group", "grupo", "meeting", "reunion", "appointment",
                 "cita", "class", "clase", "court", "corte", "start", "starts", "empieza")))
        return true;
    /* the night not over: "i thought it was still saturday night", "para
     * mi sigue siendo viernes", "yo sigo en el sabado", "pa mi todavia es
     * anoche" */
    if (in_set(c, i, SET("saturday", "friday", "sunday", "sabado", "viernes", "domingo", "anoche", "night")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("still", "sigo", "sigue", "todavia", "siendo")) &&
        !any_str(c, window(c, i, 4, 0, 0), i, SET("work", "trabajo", "shift", "turno")))
        return true;
    /* "ya amanecio y seguimos aqui", "sun came up a while ago", "ya esta
     * saliendo el sol y no me he acostado" */
    if ((is(c, i, "amanecio") && any_str(c, window(c, i, 0, 6, 1), i, SET("seguimos", "sigo", "still",
                                         "aqui", "no", "todavia"))) ||
        (is(c, i, "sun") && in_set(c, i + 1, SET("came", "coming", "is")) &&
         any_str(c, window(c, i, 8, 8, 1), i, SET("still", "all", "night", "havent", "riding", "up"))))
        return true;
    if (in_set(c, i, SET("morning", "night", "manana", "noche", "today", "dia")) && i > 1 &&
        ((is(c, i - 1, "it") && is(c, i - 2, "is")) || (is(c, i - 1, "de") && is(c, i - 2, "es"))) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("or", "o", "night", "noche", "morning", "dia")))
        return true;
    /* ... or in the talk: "what was the question", "wut was the q",
     * "cant remember the question", "perdon q decia", "what was i
     * saying", "que estaba diciendo" */
    if (in_set(c, i, SET("question", "pregunta", "q")) &&
        ((any_str(c, window(c, i, 3, 0, 0), i, SET("what", "whats", "wut", "wat", "cual", "que")) &&
          any_str(c, window(c, i, 3, 0, 0), i, SET("was", "era", "fue"))) ||
         any_str(c, window(c, i, 3, 0, 0), i, SET("remember", "forgot", "olvide", "acuerdo"))) &&
        (!is(c, i, "q") || (i > 1 && is(c, i - 1, "the"))) &&
        !any_str(c, window(c, i, 4, 3, 0), i, SET("group", "grupo", "class", "clase", "test", "exam",
                 "examen", "interview", "entrevista", "homework", "tarea", "quiz")))
        return true;
    /* (not "lo que decia mi mama") */
    if (in_set(c, i, SET("decia", "deciamos", "diciendo", "dicien", "saying", "sayin")) && i > 0 &&
        ((in_set(c, i - 1, SET("que", "q", "k", "estaba")) &&
          (i < 2 || has(c, i - 2, T_BREAK) || in_set(c, i - 2, SET("perdon", "sorry", "ah", "eh", "bueno",
                                                                   "este", "ya", "em", "que")))) ||
         (i > 2 && is(c, i - 1, "i") && is(c, i - 2, "was") && in_set(c, i - 3, SET("what", "wat", "wut")))))
        return true;
    /* ... or in place: "idk where i am", "ni se donde estoy", "whose
     * house is this", "de quien es la casa", "where is everyone" */
    if (in_set(c, i, SET("whose", "quien")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("house", "kitchen", "apartment", "place", "car", "bed", "couch",
                "casa", "cuarto", "cama", "depa", "carro")) &&
        any_str(c, window(c, i, 2, 4, 0), i, SET("this", "is", "es", "esta")))
        return true;
    if (in_set(c, i, SET("where", "donde")) &&
        /* "idk where i am", "no se donde estoy", "where am i", "where is
         * everyone" */
        ((in_set(c, i + 1, SET("i", "estoy", "ando")) && (!is(c, i + 1, "i") || is(c, i + 2, "am")) &&
          any_in(c, window(c, i, 3, 0, 0), T_NEG, i)) ||
         (is(c, i + 1, "am") && is(c, i + 2, "i") && (i + 3 >= c->n || has(c, i + 3, T_BREAK) ||
                                                       in_set(c, i + 3, SET("even", "lol", "rn")))) ||
         (in_set(c, i + 1, SET("is", "did")) && in_set(c, i + 2, SET("everyone", "everybody")))))
        return true;
    /* "im at someones house i think", "estoy en casa de un pana creo",
     * "en el carro de alguien" */
    if (in_set(c, i, SET("someones", "somebodys", "alguien", "pana")) &&
        any_str(c, window(c, i, 4, 1, 0), i, SET("house", "place", "car", "casa", "carro", "couch", "apartment")) &&
        any_str(c, window(c, i, 6, 6, 1), i, SET("think", "idk", "creo", "se", "know")))
        return true;
    /* lost things: "idk where my shoes are", "cant find my car or my
     * friends", "lost my wallet and my ride", "perdi a mis panas" */
    if (in_set(c, i, SET("shoes", "shoe", "zapatos", "tenis", "friends", "amigos", "panas", "car", "carro",
                         "coche", "wallet", "ride", "jacket", "hat", "cartera", "chamarra", "parked")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("find", "where", "encuentro", "donde", "lost", "perdi",
                "know")))
        return true;
    /* love for everyone at once: "i love everybody tonight", "i love
     * the whole world", "i want to hug every single person" */
    if (in_set(c, i, SET("everybody", "everyone", "world", "everything", "person", "all")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("love", "luv", "hug")) &&
        (!in_set(c, i, SET("person", "all")) ||
         any_str(c, window(c, i, 2, 0, 0), i, SET("every", "them", "yall", "you"))) &&
        !any_in(c, window(c, i, 4, 0, 0), T_NEG, i))
        return true;
    /* ("quiero" is also a want: "quiero que todos sepan" is none) "los
     * quiero a todos", "amo a todo el mundo" */
    if (in_set(c, i, SET("todos", "mundo")) && i > 1 &&
        (is(c, i - 1, "a") || (is(c, i - 1, "el") && is(c, i - 2, "todo"))) &&
        any_str(c, window(c, i, 12, 0, 1), i, SET("quiero", "amo", "kiero", "abrazar", "abrazaria", "amo")))
        return true;
    /* "i love u. i love my case worker. i love the gas station", "love
     * you love you love you": love said over and over */
    if (in_set(c, i, SET("love", "luv", "quiero", "amo")) && loves_in(c) >= 3)
        return true;
    /* "best night ever", "la mejor noche de mi vida", "everybody is
     * beautiful" */
    if (in_set(c, i, SET("night", "noche")) && i > 0 && in_set(c, i - 1, SET("best", "mejor")))
        return true;
    if (is(c, i, "beautiful") && i > 1 && is(c, i - 1, "is") && in_set(c, i - 2, SET("everybody", "everyone")))
        return true;
    /* nodding off mid-text: "fell asleep typing", "me duermo
     * escribiendo", "close my eyes for a sec", "fell asleep on the
     * bathroom floor" */
    if (in_set(c, i, SET("typing", "texting", "escribiendo", "writing", "escribir")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("asleep", "duermo", "dormida", "dormido", "nodding",
                "dozing", "durmiendo", "dormi")))
        return true;
    if (in_set(c, i, SET("sec", "second", "segundo", "secs")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("close", "eyes", "cerrar", "ojos", "rest")))
        return true;
    if (in_set(c, i, SET("floor", "piso")) && any_str(c, window(c, i, 4, 2, 0), i, SET("bathroom", "bano")) &&
        any_str(c, window(c, i, 6, 0, 1), i, SET("asleep", "woke", "passed", "dormi", "desperte",
                "laying", "lying", "layin", "tirado", "tirada", "acostado", "acostada")))
        return true;
    /* "who told u", "who gave you my number", "are you tracking my
     * phone", "are the cops with you", "can you see me", "quien te
     * mando", "me estan rastreando" */
    if (in_set(c, i, SET("told", "dijo", "dijeron", "gave", "dio", "mando", "sent")) && i > 0 &&
        ((is(c, i - 1, "who") && in_set(c, i + 1, SET("u", "you", "ya"))) ||
         (is(c, i - 1, "quien") && !is(c, i, "dio")) ||
         (is(c, i, "dio") && is(c, i - 1, "te") && i > 1 && is(c, i - 2, "quien")) ||
         (i > 1 && in_set(c, i - 1, SET("les", "te")) && in_set(c, i - 2, SET("quien", "alguien")))))
        return true;
    if (in_set(c, i, SET("tracking", "spying", "recording", "vigilando", "espiando", "rastreando", "grabando")) &&
        (any_in(c, window(c, i, 3, 3, 0), T_SELFOBJ, i) || any_str(c, window(c, i, 3, 3, 0), i, SET("this"))))
        return true;
    /* "who reads these", "quien lee esto", "is my PO on this thread",
     * "eres de la corte", "why do u need to know", "por que quieres
     * saber" */
    if (in_set(c, i, SET("reads", "reading", "lee", "leyendo")) && i > 0 && in_set(c, i - 1, SET("who", "whos",
                                                                                          "quien", "ta")))
        return true;
    if (in_set(c, i, SET("po", "corte", "oficial", "court", "probation")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("with", "on", "de", "con", "trabajas", "eres", "is")) &&
        any_str(c, window(c, i, 6, 3, 1), i, SET("are", "r", "u", "you", "tu", "eres", "is", "esta")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) || in_set(c, i + 1, SET("on", "thread", "reading"))))
        return true;
    if (in_set(c, i, SET("know", "saber")) && any_str(c, window(c, i, 5, 0, 0), i, SET("why", "por", "porque")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("need", "want", "wanna", "quieres", "queres", "quiere")))
        return true;
    if (in_set(c, i, SET("cops", "police", "policia", "feds")) && any_str(c, window(c, i, 3, 0, 0), i, SET("are", "r")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("with", "there", "listening", "reading")))
        return true;
    if (is(c, i, "see") && i > 1 && in_set(c, i - 1, SET("u", "you")) && in_set(c, i - 2, SET("can", "could")) &&
        is(c, i + 1, "me") && (i + 2 >= c->n || has(c, i + 2, T_BREAK)))
        return true;
    return false;
}

/* Token i starts the words of a cue of the body, the night or secrecy
 * (the second half of them: a SET holds at most 200 words) */
static bool cue_body_at(const struct ctx *c, size_t i)
{
    /* the senses: "i can feel my teeth", "my teeth feel weird",
     * "everything tingles", "why is my phone glowing", "everything is so
     * shiny", "my whole body is buzzing" */
    if (in_set(c, i, SET("teeth", "dientes")) &&
        any_str(c, window(c, i, 3, 3, 0), i, SET("feel", "siento", "sentir", "weird", "raro", "raros")) &&
        !any_str(c, window(c, i, 8, 8, 2), i, SET("dentist", "dentista", "cleaning", "limpieza", "braces",
                 "frenos", "cavity", "caries", "wisdom", "muelas")))
        return true;
    if (in_set(c, i, SET("tingles", "tingling", "hormiguea", "hormiguean", "shiny", "brillante", "buzzing",
                         "electric", "plastilina", "flota")) &&
        (!in_set(c, i, SET("shiny", "brillante", "buzzing", "electric", "flota")) ||
         any_str(c, window(c, i, 5, 0, 0), i, SET("everything", "todo", "body", "cuerpo", "whole", "skin",
                 "piel", "me"))))
        return true;
    if (in_set(c, i, SET("glowing", "glows", "glowed", "brilla", "brillan")) &&
        any_str(c, window(c, i, 4, 4, 0), i, SET("phone", "screen", "telefono", "pantalla", "cel",
                "everything", "todo", "tanto", "it")))
        return true;
    /* "melt into the couch", "im the couch now" */
    if (in_set(c, i, SET("couch", "sofa", "sillon")) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("melt", "melted", "melting", "derrito", "derritiendo")) ||
         (i > 1 && in_set(c, i - 1, SET("the", "el")) && in_set(c, i - 2, SET("im", "soy")))))
        return true;
    /* days without sleep: "havent slept since thursday", "awake for 3
     * days", "llevo dos noches sin pegar el ojo", "no he dormido" */
    if (in_set(c, i, SET("slept", "dormido", "dormio", "ojo")) && i > 0 &&
        (in_set(c, i - 1, SET("havent", "hasnt", "no", "he", "pegar")) ||
         (i > 1 && is(c, i - 1, "he") && is(c, i - 2, "no"))) &&
        any_str(c, window(c, i, 4, 4, 0), i, SET("since", "days", "dias", "noches", "nights", "desde", "he")))
        return true;
    /* "day 3 no sleep", "dos noches sin dormir", "no dormi nada",
     * "havent been to bed yet", "todavia no me he acostado" */
    if ((in_set(c, i, SET("sleep", "dormir")) && i > 0 && in_set(c, i - 1, SET("no", "sin")) &&
         any_str(c, window(c, i, 4, 4, 1), i, SET("day", "days", "nights", "dias", "noches", "straight", "2", "3",
                 "4", "dos", "tres"))) ||
        (is(c, i, "dormi") && i > 0 && is(c, i - 1, "no") && in_set(c, i + 1, SET("nada", "nadita"))) ||
        (is(c, i, "bed") && i > 2 && is(c, i - 1, "to") && is(c, i - 2, "been") &&
         in_set(c, i - 3, SET("havent", "hasnt", "not"))) ||
        (is(c, i, "acostado") && any_in(c, window(c, i, 4, 0, 0), T_NEG, i)))
        return true;
    if (in_set(c, i, SET("awake", "up", "despierto", "despierta")) &&
        any_str(c, window(c, i, 2, 4, 0), i, SET("days", "dias", "since", "desde", "nights", "noches")) &&
        any_str(c, window(c, i, 2, 4, 0), i, SET("for", "since", "3", "2", "4", "three", "two", "tres", "dos",
                "yesterday", "ayer", "desde", "hace")))
        return true;
    /* boundless energy: "who needs sleep", "could run a marathon rn",
     * "never felt more alive", "cleaned the whole house twice",
     * "my brain is going a million miles an hour", "tengo una energia
     * que no me la acabo" */
    if (in_set(c, i, SET("needs", "necesita")) && i > 0 && in_set(c, i - 1, SET("who", "quien")) &&
        in_set(c, i + 1, SET("sleep", "dormir")))
        return true;
    if (in_set(c, i, SET("marathon", "run")) && any_str(c, window(c, i, 4, 0, 0), i, SET("could", "can")) &&
        (is(c, i, "marathon") || any_str(c, window(c, i, 0, 3, 0), i, SET("to", "forever", "miles"))))
        return true;
    if (in_set(c, i, SET("alive", "energy", "energia", "miles", "ideas")) &&
        any_str(c, window(c, i, 5, 3, 0), i, SET("never", "more", "much", "so", "tanta", "tengo", "million",
                "thousand", "mil", "pa", "acabo")) &&
        !any_str(c, window(c, i, 10, 10, 2), i, SET("coffee", "cafe", "workout", "gym", "vitamins", "sober",
                 "sobria", "sobrio", "clean", "limpio", "limpia")))
        return true;
    /* a big task through the night: "reorganized the whole garage by
     * color", "ordene toda la casa", "pinte toda la casa", "wrote like 40
     * pages", "organizando las medias por colores" */
    if (in_set(c, i, SET("reorganized", "organized", "organizing", "organizando", "sorting", "sorted", "ordene",
                         "ordenando", "pinte", "painted", "repainted", "scrubbed", "rearranged")) &&
        any_str(c, window(c, i, 2, 6, 1), i, SET("whole", "entire", "toda", "todo", "entero", "entera", "color",
                "colors", "colores", "all", "every")))
        return true;
    if (in_set(c, i, SET("twice", "veces")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("cleaned", "limpie", "lave", "organized", "reorganized",
                "painted", "repainted", "scrubbed", "vacuumed", "trapee")))
        return true;
    /* the universe in a check-in: "numbers r made up", "we're all
     * stars", "everything is connected", "we are all just energy", "time
     * isnt even real", "todo esta conectado" */
    if (in_set(c, i, SET("universe", "universo", "cosmos", "stars", "estrellas", "galaxy", "galaxia")) &&
        !any_str(c, window(c, i, 8, 8, 1), i, SET("documentary", "documental", "show", "movie", "pelicula",
                 "class", "clase", "book", "libro", "podcast", "museum", "museo", "telescope", "rated",
                 "review", "reviews", "gold", "sticker", "stickers", "miss")))
        return true;
    if (in_set(c, i, SET("connected", "conectado", "conectao", "conectada")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("everything", "todo", "all", "to", "we", "somos")))
        return true;
    if (in_set(c, i, SET("numbers", "time", "tiempo")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("made", "fake", "real", "inventados", "inventado", "existe")) &&
        any_in(c, window(c, i, 0, 4, 0), T_NEG, i))
        return true;
    if (is(c, i, "numbers") && any_str(c, window(c, i, 0, 4, 0), i, SET("made", "fake", "inventados")))
        return true;
    /* (not "what even is the point": despair) */
    if (is(c, i, "even") && i > 0 && is(c, i - 1, "what") && in_set(c, i + 1, SET("is", "are", "r")) &&
        !in_set(c, i + 2, SET("the", "life", "going", "happening", "wrong", "this", "that")) &&
        !has(c, i + 2, T_POINT))
        return true;
    /* the party still going: "the party is still going in my head",
     * "la fiesta sigue", "sigo en la fiesta", "we out here", "still
     * dancing at 6am", "stay up till sunrise" */
    if (in_set(c, i, SET("party", "fiesta")) &&
        (any_str(c, window(c, i, 0, 4, 0), i, SET("still", "sigue", "going", "continua")) ||
         any_str(c, window(c, i, 3, 0, 0), i, SET("sigo", "still"))) &&
        /* not the neighbours' ("la fiesta del vecino sigue desde anoche") */
        !any_in(c, window(c, i, 3, 3, 0), T_OTHER, i) &&
        !any_str(c, window(c, i, 4, 4, 0), i, SET("vecino", "vecinos", "neighbor", "neighbors", "neighbours",
                 "door", "upstairs", "downstairs", "arriba")))
        return true;
    if (is(c, i, "out") && is(c, i + 1, "here") && i > 0 && is(c, i - 1, "we"))
        return true;
    if (in_set(c, i, SET("sunrise", "amanecer")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("till", "until", "hasta", "before", "still", "stay")))
        return true;
    if (in_set(c, i, SET("dancing", "bailando")) && i > 0 && in_set(c, i - 1, SET("still", "seguimos", "sigo")))
        return true;
    /* hours lost to one thing: "talking to my cat for hours", "llevo
     * horas viendo el techo", "watching the fan forever", "my cat has
     * been listening to me since midnight", "mi perro y yo llevamos toda
     * la noche platicando" */
    if (in_set(c, i, SET("hours", "horas", "hrs", "hour", "hora", "forever", "midnight", "night", "noche")) &&
        any_str(c, window(c, i, 8, 3, 1), i, SET("talking", "talkin", "staring", "hablando", "platicando",
                "hablandole", "viendo", "mirando", "watching", "listening", "explain", "cat", "gato", "dog",
                "perro", "fish", "ceiling", "techo", "wall", "pared", "fan", "ventilador", "plantas", "plants",
                "heartbeat", "organizando", "arreglando", "sorting", "taking")) &&
        (!in_set(c, i, SET("night", "noche", "midnight")) ||
         any_str(c, window(c, i, 8, 3, 1), i, SET("all", "toda", "since", "desde"))))
        return true;
    /* the pet who understands: "my fish understands me better than
     * anyone", "he agrees w me on everything", "es bien sabio" */
    if (in_set(c, i, SET("understands", "agrees", "wise", "sabio", "sabia", "entiende")) &&
        any_str(c, window(c, i, 6, 0, 1), i, SET("cat", "gato", "dog", "perro", "fish", "pez", "he", "she")))
        return true;
    /* keeping it quiet: "dont tell anyone", "no one can know about
     * tonight", "no le digas a nadie", "no me reganes" */
    if (is(c, i, "tell") && i > 0 && in_set(c, i - 1, SET("dont", "not", "never")) &&
        i + 1 < c->n && !has(c, i + 1, T_BREAK) &&
        !in_set(c, i + 1, SET("me", "u", "you", "ya", "lies", "anything", "them", "her", "him", "it")) &&
        !any_str(c, window(c, i, 0, 6, 0), i, SET("surprise", "sorpresa", "birthday", "cumple", "party",
                 "gift", "regalo", "kids", "crush")))
        return true;
    if (is(c, i, "know") && i > 1 && is(c, i - 1, "can") && in_set(c, i - 2, SET("one", "nobody")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("tonight", "about", "this", "weekend")))
        return true;
    /* "this is just between us", "eso queda entre nosotros", "no quiero
     * que nadie sepa de hoy", "dont say anything to my wife" */
    if ((is(c, i, "between") && in_set(c, i + 1, SET("us", "u"))) ||
        (is(c, i, "entre") && is(c, i + 1, "nosotros")) ||
        (in_set(c, i, SET("sepa", "sepan")) && i > 0 && is(c, i - 1, "nadie")) ||
        (is(c, i, "say") && i > 0 && in_set(c, i - 1, SET("dont", "not")) && is(c, i + 1, "anything") &&
         is(c, i + 2, "to")))
        return true;
    if (in_set(c, i, SET("digas", "digan", "diga", "reganes", "reganen", "enojes")) && i > 0 &&
        any_str(c, window(c, i, 2, 0, 0), i, SET("no")))
        return true;
    return false;
}

/* Tokens i, i + 1 and i + 2 are the same word ("sorry sorry sorry",
 * "10 10 10", "mucho mucho mucho"): a cue too, never a start. */
static bool said_thrice(const struct ctx *c, size_t i)
{
    if (i + 2 >= c->n || (c->tags[i] & T_BREAK))
        return false;
    size_t n = c->v->tlen[i];
    const char *w = c->v->w + c->v->toff[i];
    for (size_t k = i + 1; k <= i + 2; k++)
        if (c->v->tlen[k] != n || memcmp(c->v->w + c->v->toff[k], w, n) != 0)
            return false;
    return true;
}

size_t cues_in(const struct ctx *c)
{
    size_t n = 0, last = SIZE_MAX;
    for (size_t j = 0; j < c->n && n < 2; j++) {
        if (!(cue_at(c, j) || cue_body_at(c, j) || said_thrice(c, j)))
            continue;
        /* one phrase is one cue ("10 10 10 10" holds two triples) */
        if (last != SIZE_MAX && j < last + 3)
            continue;
        n++;
        last = j;
    }
    return n;
}

/* Good news, a baby, a night shift, a class, a concert said sober: the
 * everyday causes of a cue, beside those of an effect (everyday_cause) */
bool cue_everyday(const struct ctx *c)
{
    if (everyday_cause_of(c, false))
        return true;
    for (size_t j = 0; j < c->n; j++) {
        /* a power cut: "power went out", "se fue la luz" (not a
         * "blackout", which is also a drink's) */
        if ((is(c, j, "power") && any_str(c, window(c, j, 0, 3, 0), j, SET("out", "outage", "cut", "went"))) ||
            (is(c, j, "luz") && j > 1 && is(c, j - 1, "la") && in_set(c, j - 2, SET("fue", "sin", "corto",
                                                                                     "cortaron"))))
            return true;
        if ((c->tags[j] & T_SOBER) ||
            (in_set(c, j, SET("married", "marry", "engaged", "proposed", "matrimonio", "comprometimos",
                             "propuso", "compromiso", "wedding", "boda", "casamos", "casar",
                             "custody", "custodia", "hired", "promoted", "promotion", "raise", "graduated",
                             "graduation", "graduate", "ged", "diploma", "degree", "titulo", "aprobe",
                             "recibi", "paycheck", "sueldo", "birthday", "cumple", "cumpleanos", "won",
                             "gane", "lottery", "nena", "nene", "newborn", "twins", "daughter",
                             "hija", "hijo", "kids", "hijos", "nietos", "grandkids", "church", "iglesia",
                             "prayer", "oracion", "meditation", "meditacion", "yoga", "studying",
                             "estudiando", "finals", "night", "noche")) &&
             /* "night shift", "turno de noche" (not "best night") */
             (!in_set(c, j, SET("night", "noche")) ||
              any_str(c, window(c, j, 2, 2, 0), j, SET("shift", "turno", "nurse", "work", "trabajo")))))
            return true;
    }
    return false;
}

/* The cue at i is the client's, now, beside another cue, an effect or a
 * sign of the substance, and no everyday cause is named. An everyday cause
 * lowers a cue even beside a drug's word: "idk what day it is, i keep
 * nodding off, new baby + night shifts" (a drink or a use said outright is
 * read by the other rules). */
static bool cue_signed(const struct ctx *c, size_t i)
{
    bool drug;
    if (effect_not_now(c, i, false) || cue_everyday(c))
        return false;
    return hinted(c, i, &drug) || cues_in(c) + effects_in(c) >= 2;
}

uint32_t rule_relapse_cue(const struct ctx *c, size_t i)
{
    /* its first words, which gate it: every word cue_at() tests token i
     * against, and no other (scripts/gen-reply-triggers.py stops when the
     * two differ) */
    bool head = in_set(c, i, SET("day", "dia", "time", "hora", "saturday", "friday", "sunday",
                             "sabado", "viernes", "domingo", "anoche", "night", "amanecio", "sun",
                             "morning", "manana", "noche", "today", "question", "pregunta", "q",
                             "decia", "deciamos", "diciendo", "dicien", "saying", "sayin", "whose",
                             "quien", "where", "donde", "someones", "somebodys", "alguien", "pana",
                             "shoes", "shoe", "zapatos", "tenis", "friends", "amigos", "panas", "car",
                             "carro", "coche", "wallet", "ride", "jacket", "hat", "cartera",
                             "chamarra", "parked", "everybody", "everyone", "world", "everything",
                             "person", "all", "todos", "mundo", "love", "luv", "quiero", "amo",
                             "beautiful", "typing", "texting", "escribiendo", "writing", "escribir",
                             "sec", "second", "segundo", "secs", "floor", "piso", "told", "dijo",
                             "dijeron", "gave", "dio", "mando", "sent", "tracking", "spying",
                             "recording", "vigilando", "espiando", "rastreando", "grabando", "reads",
                             "reading", "lee", "leyendo", "po", "corte", "oficial", "court",
                             "probation", "know", "saber", "cops", "police", "policia", "feds", "see"));
    if (head && cue_at(c, i) && cue_signed(c, i))
        return REPLY_R_STATE;
    return 0;
}

/* The same for the cues of the body, the night and secrecy */
uint32_t rule_relapse_cue_body(const struct ctx *c, size_t i)
{
    bool head = in_set(c, i, SET("teeth", "dientes", "tingles", "tingling", "hormiguea", "hormiguean",
                             "shiny", "brillante", "buzzing", "electric", "plastilina", "flota",
                             "glowing", "glows", "glowed", "brilla", "brillan", "couch", "sofa",
                             "sillon", "slept", "dormido", "dormio", "ojo", "sleep", "dormir", "dormi",
                             "bed", "acostado", "awake", "up", "despierto", "despierta", "needs",
                             "necesita", "marathon", "run", "alive", "energy", "energia", "miles",
                             "ideas", "reorganized", "organized", "organizing", "organizando",
                             "sorting", "sorted", "ordene", "ordenando", "pinte", "painted",
                             "repainted", "scrubbed", "rearranged", "twice", "veces", "universe",
                             "universo", "cosmos", "stars", "estrellas", "galaxy", "galaxia",
                             "connected", "conectado", "conectao", "conectada", "numbers", "time",
                             "tiempo", "even", "party", "fiesta", "out", "sunrise", "amanecer",
                             "dancing", "bailando", "hours", "horas", "hrs", "hour", "hora", "forever",
                             "midnight", "night", "noche", "understands", "agrees", "wise", "sabio",
                             "sabia", "entiende", "tell", "know", "between", "entre", "sepa", "sepan",
                             "say", "digas", "digan", "diga", "reganes", "reganen", "enojes"));
    if (head && cue_body_at(c, i) && cue_signed(c, i))
        return REPLY_R_STATE;
    return 0;
}
