/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_high.c: the rules of the reply parser that
 * page a person or ask (reply_rules.h): requests for contact, serious life
 * events, despair without a stated intent. */
#include "model/reply_rules.h"

#include "model/reply.h"

/* A request for contact: "can someone call me", "i need to talk to
 * somebody", "necesito hablar con alguien", "call me pls". */
bool rule_contact(const struct ctx *c, size_t i)
{
    /* whether a person is there at all: "is anyone there", "anybody
     * actually reading these", "is this a real person", "hay alguien ahí?" */
    if (in_set(c, i, SET("anyone", "anybody", "somebody", "someone", "alguien")) &&
        ((in_set(c, i + 1, SET("there", "ahi", "alli", "out")) &&
          ((i > 0 && in_set(c, i - 1, SET("is", "hay", "hello", "hola", "hey"))) || i == 0)) ||
         any_str(c, window(c, i, 0, 3, 0), i, SET("reading", "listening", "leyendo", "escuchando",
                 "lee", "reads"))) &&
        !any_in(c, window(c, i, 3, 0, 0), T_NEG, i))
        return true;
    if (in_set(c, i, SET("person", "human", "persona", "humano")) && i > 0 &&
        in_set(c, i - 1, SET("real", "actual", "live")) &&
        !any_in(c, window(c, i, 4, 0, 0), T_NEG, i))
        return true;
    /* "i really need to hear a voice", "i need a voice not a text",
     * "necesito oír una voz" */
    if (in_set(c, i, SET("voice", "voz")) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("hear", "oir", "escuchar")) ||
         (i > 0 && in_set(c, i - 1, SET("a", "una")))) &&
        any_str(c, window(c, i, 7, 0, 0), i, SET("need", "needa", "want", "wanna", "necesito",
                                                  "quiero", "ocupo")) &&
        !any_in(c, window(c, i, 7, 0, 0), T_NEG, i))
        return true;
    /* "need him to hit me up", "can my peer hit me up tonight" (not "the
     * guy hit me up", a call told) */
    if (is(c, i, "hit") && is(c, i + 1, "me") && is(c, i + 2, "up") &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("need", "needa", "can", "could", "pls", "please",
                                                  "plz", "necesito")))
        return true;
    if (!has(c, i, T_CONTACTV) || in_set(c, i, SET("met", "saw", "went", "vi", "fui", "hit")))
        return false;
    /* "can you text me in the afternoon instead of the morning?", "can i
     * get these texts in spanish?", "me pueden mandar los mensajes en
     * español": the program's own texts, their hour or language, asked
     * about (a question for the digest, not a person to page) */
    if ((in_set(c, i, SET("text", "texts", "txt", "message", "messages", "msg", "msgs", "mensajes",
                          "mensaje", "send", "mandar", "manden", "escribir")) &&
         any_str(c, window(c, i, 3, 8, 1), i, SET("instead", "spanish", "english", "espanol", "ingles"))) ||
        (in_set(c, i, SET("texts", "messages", "mensajes", "msgs")) && i > 0 &&
         in_set(c, i - 1, SET("these", "the", "your", "los", "sus", "estos"))))
        return false;
    /* "can my wife come to the family session?": somebody else coming to
     * the program */
    if (is(c, i, "come") && any_in(c, window(c, i, 3, 0, 0), T_OTHER, i) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("session", "group", "meeting", "class", "sesion",
                "grupo", "junta", "reunion")))
        return false;
    /* "tryna text u but...", "trying to call you": the client reaching out
     * now, in the message itself */
    if (i > 0 && in_set(c, i - 1, SET("tryna", "trying", "tryin")) && in_set(c, i + 1, SET("u", "you", "ya")))
        return false;
    /* "ya no me escriban", "no me llamen", "nobody calls me": not asked for */
    if (i > 0 && has(c, i - 1, T_SELFOBJ) && any_in(c, window(c, i, 3, 0, 0), T_NEG, i))
        return false;
    /* "i wanted to call my mom", "gonna text my sister", "le voy a hablar
     * a mi hermana": the client reaching a relative or a friend, not asking
     * to be reached (a peer, a counselor, a case manager are the program's) */
    /* "called my sponsor instead", "she keeps texting me": a call told,
     * not asked for */
    if (in_set(c, i, SET("called", "texted", "messaged", "rang", "dmed", "emailed")) ||
        (i > 0 && in_set(c, i - 1, SET("keeps", "kept", "keep", "sigue", "seguia"))))
        return false;
    /* the relative is the one called ("call my mom", "talk to my sister",
     * "hablar con mi hermana"), not one named later ("contact me about my
     * sister") */
    for (size_t j = i + 1; j <= i + 2 && j + 1 < c->n; j++)
        if ((j == i + 1 || in_set(c, i + 1, SET("to", "with", "a", "con", "w"))) &&
            in_set(c, j, SET("my", "mi", "his", "her", "su")) &&
            (has(c, j + 1, T_OTHER | T_DEALER) || in_set(c, j + 1, SET("sponsor", "padrino",
                                                                       "madrina"))) &&
            !in_set(c, j + 1, SET("counselor", "therapist", "peer", "specialist", "worker",
                                  "manager", "consejero", "consejera", "terapeuta", "companera",
                                  "companero")) &&
            /* "i need to talk to my sister" is distress said: it pages */
            !any_str(c, window(c, i, 3, 0, 0), i, SET("need", "needa", "necesito", "ocupo")))
            return false;
    /* "i think im talking too much", "i think i been talking to my cat for
     * hours", "estaba hablando con mi gato": the client's own talking
     * told, not a call asked for ("i think" is no wish) */
    if (in_set(c, i, SET("talking", "texting", "calling", "chatting", "hablando", "platicando",
                         "texteando")) &&
        i > 0 && in_set(c, i - 1, SET("im", "was", "been", "am", "estoy", "estaba", "estado", "ando")) &&
        !any_str(c, window(c, i, 4, 0, 0), i, SET("need", "needa", "necesito", "ocupo")))
        return false;
    struct span s = window(c, i, 5, 6, 1);
    /* "llámenme", "háblenme", "márcame": the ask is in the word */
    const char *w = c->v->w + c->v->toff[i];
    size_t wn = c->v->tlen[i];
    if (wn > 5 && memcmp(w + wn - 2, "me", 2) == 0 && !is(c, i, "come"))
        return true;
    /* "que me llame", "pueden decirle que me llame": a request in the
     * subjunctive; "mandar a alguien a verme" */
    if (i > 1 && is(c, i - 1, "me") && in_set(c, i - 2, SET("que", "q", "k")) &&
        in_set(c, i, SET("llame", "hable", "marque", "escriba", "contacte", "busque")))
        return true;
    /* "le agradecería que la señora Lupita me llamara hoy" */
    if (i > 1 && is(c, i - 1, "me") && in_set(c, i, SET("llamara", "hablara", "marcara", "escribiera")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("que", "q")))
        return true;
    if (in_set(c, i, SET("verme", "visitarme", "buscarme")) &&
        any_in(c, window(c, i, 5, 1, 0), T_SOMEONE | T_REQUEST, i))
        return true;
    /* "would appreciate a call", "could use a call today", "need a check in" */
    if (in_set(c, i, SET("call", "text", "visit", "callback", "check")) && i > 0 && is(c, i - 1, "a") &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("appreciate", "use", "need", "want", "love", "like",
                                                  "necesito", "ocupo")) &&
        !any_in(c, window(c, i, 4, 0, 0), T_NEG, i))
        return true;
    /* "would it be possible to schedule a call with Tasha this afternoon" */
    if (in_set(c, i, SET("call", "chat", "talk", "meeting", "llamada")) && i > 1 &&
        in_set(c, i - 1, SET("a", "una")) &&
        in_set(c, i - 2, SET("schedule", "set", "book", "arrange", "agendar", "programar")) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("doctor", "dentist", "lawyer", "landlord", "vet",
                 "insurance", "bank", "interview", "plumber")))
        return true;
    /* "is my peer specialist around? i really need her" */
    if (in_set(c, i, SET("around", "available", "in", "there", "working")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("peer", "specialist", "counselor", "sponsor",
                "worker", "consejero", "consejera")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("is", "are", "esta")) &&
        i + 1 < c->n && c->v->w[c->v->toff[i + 1]] == '?')
        return true;
    /* "any of yall free to talk?", "anyone free to talk" */
    if (is(c, i, "talk") && i > 1 && is(c, i - 1, "to") && is(c, i - 2, "free") &&
        any_in(c, window(c, i, 6, 0, 1), T_SOMEONE | T_EVERYONE, i))
        return true;
    /* "need my sponsor or anybody from peer support to call" */
    if (in_set(c, i, SET("call", "text", "reach")) && i > 0 && is(c, i - 1, "to") &&
        any_str(c, window(c, i, 12, 0, 1), i, SET("need", "needa", "necesito")) &&
        any_str(c, window(c, i, 12, 0, 1), i, SET("anybody", "anyone", "someone", "somebody", "peer",
                "specialist", "counselor", "support")))
        return true;
    /* "need my specialist to ring me": the program's person asked for */
    if (any_str(c, window(c, i, 5, 0, 0), i, SET("need", "needa", "necesito", "ocupo")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("specialist", "peer", "counselor", "worker",
                "manager", "someone", "somebody", "alguien", "consejero", "consejera")))
        return true;
    /* "i need to talk", "tengo q hablar con mi consejero", "me marcan
     * cuando puedan", "call me?" */
    if (any_str(c, window(c, i, 3, 0, 0), i, SET("need", "needa", "necesito", "ocupo")) ||
        (any_str(c, window(c, i, 3, 0, 0), i, SET("tengo")) &&
         any_str(c, window(c, i, 2, 0, 0), i, SET("que", "q"))) ||
        (i > 0 && has(c, i - 1, T_SELFOBJ) && (has(c, i + 1, T_BREAK) || c->n <= 6)) ||
        (i == 0 && in_set(c, i + 1, SET("me", "meee")) && c->n <= 4))
        return true;
    /* "llamame" asks by itself; "pls call" is short enough to be a plea */
    if (has(c, i, T_REQUEST) || (c->n <= 4 && any_in(c, s, T_REQUEST, i)))
        return true;
    bool who = any_in(c, s, T_SOMEONE | T_SELFOBJ | T_SELFSUBJ, i) ||
               any_str(c, s, i, SET("we", "us", "nos"));
    /* "please stop texting me", "don't call me" ask for the opposite */
    for (size_t j = s.lo; j < s.hi; j++)
        if (is(c, j, "stop") || is(c, j, "quit") || is(c, j, "dejen") || is(c, j, "deja"))
            return false;
    bool ask = any_in(c, s, T_REQUEST | T_WANT, i) ||
               any_str(c, s, i, SET("like", "available", "there", "pueden", "puedas", "pueda", "puede",
                                    "alguien", "get", "give", "appreciate", "gustaria"));
    return who && ask && !any_in(c, s, T_SAFE, i) && !any_in(c, window(c, i, 3, 0, 0), T_NEG, i);
}

/* A serious life event: a death, the ER or a hospital stay, an arrest, an
 * eviction, a lost job, lost custody, an assault. */
bool rule_event(const struct ctx *c, size_t i)
{
    /* "a mi esposo lo detuvo ICE", "la migra se llevó a mi papá", "my
     * brother got deported" */
    /* "they let me go at the plant", "walked me out with a box" */
    if (is(c, i, "go") && i > 1 && is(c, i - 1, "me") && is(c, i - 2, "let") &&
        any_str(c, window(c, i, 8, 10, 1), i, SET("plant", "work", "job", "shop", "warehouse", "store",
                "office", "company", "years", "box", "fired", "laid")))
        return true;
    /* "the shelter is closing and we have to be out by friday, nowhere to go" */
    if (is(c, i, "nowhere") && any_str(c, window(c, i, 0, 3, 0), i, SET("go", "stay", "live", "sleep")) &&
        any_str(c, window(c, i, 16, 4, 2), i, SET("shelter", "apartment", "house", "landlord", "evicted",
                "eviction", "rent", "lease", "out", "kicked")))
        return true;
    /* "se quemó la traila ... lo perdimos todo", "we lost everything in the fire" */
    if ((is(c, i, "todo") && i > 0 && in_set(c, i - 1, SET("perdimos", "perdi", "perdio"))) ||
        (is(c, i, "everything") && i > 0 && in_set(c, i - 1, SET("lost", "lose"))))
        return any_str(c, window(c, i, 16, 6, 2), i, SET("fire", "flood", "quemo", "incendio", "burned",
                       "hurricane", "huracan", "tornado", "inundacion", "house", "casa", "traila",
                       "trailer", "apartment"));
    /* "me botaron del trabajo", "me corrieron de la chamba" */
    if (in_set(c, i, SET("botaron", "corrieron", "echaron", "despidieron")) && i > 0 && is(c, i - 1, "me") &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("trabajo", "chamba", "jale", "job", "empleo", "chance")))
        return true;
    if (in_set(c, i, SET("ice", "migra")) &&
        any_str(c, window(c, i, 4, 4, 1), i, SET("detuvo", "detuvieron", "agarro", "agarraron",
                "llevo", "detained", "picked", "took", "deported", "deportaron", "arrested",
                "raid", "redada", "arresto")))
        return true;
    /* "my husband hit me", "me pegó mi esposo", "my partner beat me up" */
    if (in_set(c, i, SET("hit", "beat", "pego", "golpeo", "choked", "slapped", "pushed")) &&
        any_in(c, window(c, i, 4, 3, 0), T_OTHER, i) && any_in(c, window(c, i, 2, 2, 0), T_SELFOBJ, i) &&
        !is(c, i + 1, "up") && !(is(c, i + 2, "up") && is(c, i, "hit")))
        return true;
    /* "got beat up by my ex", "my partner beat me up": an assault */
    if (is(c, i, "beat") && (is(c, i + 1, "up") || is(c, i + 2, "up")) &&
        ((i > 0 && in_set(c, i - 1, SET("got", "was", "been", "get", "getting"))) ||
         (is(c, i + 1, "me") && any_in(c, window(c, i, 4, 0, 0), T_OTHER, i))))
        return true;
    /* "got shot", "my cousin was shot": not "a shot of", "got shot down" */
    if (is(c, i, "shot") && i > 0 && in_set(c, i - 1, SET("got", "was", "been", "were", "get")) &&
        !in_set(c, i + 1, SET("of", "down", "at", "glass", "clinic", "flu", "covid", "today")) &&
        !any_in(c, window(c, i, 3, 3, 0), T_SAFE | T_DRUG, i))
        return true;
    /* "house burned down", "se quemó la casa", "apartment flooded", "a heart attack" */
    if ((in_set(c, i, SET("burned", "burnt", "flooded", "quemo", "incendio")) &&
         any_in(c, window(c, i, 3, 3, 0), T_LOSABLE, i) && !any_str(c, window(c, i, 3, 3, 0), i,
         SET("food", "dinner", "toast", "rice", "pizza", "comida", "cookies", "hand", "candle"))) ||
        (is(c, i, "attack") && i > 0 && in_set(c, i - 1, SET("heart", "cardiac"))) ||
        (is(c, i, "foster") && in_set(c, i + 1, SET("care", "home", "homes"))))
        return true;
    if (in_set(c, i, SET("robbed", "mugged", "stolen", "jumped", "asaltaron", "robaron")) &&
        (i > 0 && in_set(c, i - 1, SET("got", "was", "been", "me", "were", "phone", "car"))))
        return true;
    if ((is(c, i, "locked") && is(c, i + 1, "up")) ||
        (is(c, i, "street") && i >= 2 && is(c, i - 1, "the") && is(c, i - 2, "on")) ||
        (in_set(c, i, SET("county", "prison", "rehab", "detox")) &&
         any_str(c, window(c, i, 3, 0, 0), i, SET("out", "in", "sent", "salio", "back"))))
        return true;
    if (in_set(c, i, SET("echar", "echaron", "sacar", "sacaron", "desalojar")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("departamento", "depa", "casa", "apartamento", "cuarto")))
        return true;
    if (in_set(c, i, SET("kids", "hijo", "hijos", "ninos", "son", "daughter", "baby", "kid", "child",
                          "children", "hija", "hijas", "bebe")) &&
        (any_str(c, window(c, i, 4, 4, 0), i, SET("llevaron", "quitaron", "judge", "juez",
                                                   "sociales", "cps", "custody", "foster")) ||
         /* "they took my kids", "took my son away", not "took my son to the park" */
         (any_str(c, window(c, i, 4, 0, 0), i, SET("took", "taken", "removed")) &&
          (any_str(c, window(c, i, 0, 4, 0), i, SET("away", "from", "into")) ||
           i + 1 >= c->n || has(c, i + 1, T_BREAK)))))
        return true;
    /* a crash is an event whatever was driven: "got into a car accident",
     * "tuve un accidente de carro"; not "a happy accident" */
    if (in_set(c, i, SET("accident", "accidente", "wreck", "choque")))
        return !(i > 0 && in_set(c, i - 1, SET("happy", "little", "an", "the", "what"))) &&
               !any_str(c, window(c, i, 3, 3, 0), i, SET("happy", "feliz", "lol", "potty")) &&
               any_str(c, window(c, i, 3, 3, 0), i, SET("car", "carro", "coche", "truck", "bike",
                       "motorcycle", "moto", "camioneta", "got", "was", "were", "had", "tuve",
                       "tuvo", "tuvimos", "tuvieron", "into", "bad", "fuerte"));
    /* "we buried my uncle", "lost my mom", "the doctor said its terminal",
     * "mi mama tuvo un derrame", "house fire" */
    if ((in_set(c, i, SET("buried", "lost", "enterramos", "sepultamos", "enterraron", "perdi",
                          "perdimos")) &&
         in_set(c, i + 1, SET("my", "mi", "our", "a", "nuestra", "nuestro", "al", "a")) &&
         in_set(c, i + 2, SET("mom", "dad", "mother", "father", "brother", "sister", "son",
                              "daughter", "baby", "grandma", "grandpa", "husband", "wife",
                              "partner", "uncle", "aunt", "cousin", "mama", "papa", "madre",
                              "padre", "hermano", "hermana", "hijo", "hija", "abuela",
                              "abuelo", "esposo", "esposa", "bebe", "tio", "tia")) &&
         !in_set(c, i + 3, SET("in", "at", "en", "for", "when", "to"))) ||
        (is(c, i, "terminal") && !in_set(c, i + 1, SET("at", "station", "bus", "b", "c", "a")) &&
         any_str(c, window(c, i, 5, 2, 0), i, SET("doctor", "doc", "cancer", "diagnosis",
                                                   "its", "is", "it", "said", "says"))) ||
        (is(c, i, "derrame") && any_str(c, window(c, i, 3, 1, 0), i,
                                        SET("tuvo", "tuve", "le", "dio", "cerebral"))) ||
        (in_set(c, i, SET("fire", "fuego")) && i > 0 &&
         in_set(c, i - 1, SET("house", "apartment", "apt", "building", "trailer"))))
        return true;
    /* a death's anniversary is a hard day now: "tomorrow is the
     * anniversary of my sons death", "el aniversario de la muerte de mi papa" */
    if (in_set(c, i, SET("anniversary", "aniversario")) &&
        any_str(c, window(c, i, 2, 6, 0), i, SET("death", "died", "passed", "overdose", "suicide",
                                                  "muerte", "murio", "fallecimiento",
                                                  "fallecio")))
        return true;
    /* "landlord gave me 3 days to get out", "kicked me out", "sleeping in my
     * car now", "durmiendo en la calle": losing a home */
    if ((is(c, i, "landlord") &&
         (any_str(c, window(c, i, 0, 8, 0), i, SET("notice", "evict", "evicting", "evicted")) ||
          (any_str(c, window(c, i, 0, 8, 0), i, SET("out", "leave")) &&
           any_str(c, window(c, i, 0, 8, 0), i, SET("get", "move", "kick", "kicking", "kicked",
                                                     "throwing", "days", "weeks"))))) ||
        (in_set(c, i, SET("sleeping", "living", "durmiendo", "viviendo", "slept")) &&
         any_str(c, window(c, i, 0, 3, 0), i, SET("car", "street", "streets", "shelter", "carro",
                                                   "calle", "park", "truck", "refugio")) &&
         any_str(c, window(c, i, 0, 2, 0), i, SET("in", "on", "at", "en", "the", "my", "a")) &&
         !any_str(c, window(c, i, 4, 4, 0), i, SET("nap", "camping", "trip", "road", "lol"))))
        return true;
    /* "they let me go at work", "he put his hands on me again" */
    if ((is(c, i, "let") && is(c, i + 1, "me") && is(c, i + 2, "go") &&
         any_str(c, window(c, i, 5, 6, 0), i, SET("work", "job", "boss", "manager", "company"))) ||
        (is(c, i, "hands") && i > 1 && is(c, i - 2, "put") && is(c, i + 1, "on") &&
         is(c, i + 2, "me")))
        return true;
    if (has(c, i, T_EVENT)) {
        /* "i nearly died when i saw the price", "almost died laughing":
         * a shock or a laugh, no brush with death */
        if (in_set(c, i, SET("died", "die", "mori", "muero")) && i > 0 &&
            in_set(c, i - 1, SET("nearly", "almost", "basically", "literally", "practically", "casi")) &&
            any_str(c, window(c, i, 0, 4, 0), i, SET("when", "laughing", "lol", "lmao", "seeing",
                                                      "cuando", "risa", "de")))
            return false;
        /* "my phone died", "passed my test", "killed it", "fired up" */
        if ((i > 0 && has(c, i - 1, T_IDIOM_PREV)) || has(c, i + 1, T_IDIOM_NEXT) ||
            is(c, i + 1, "up") || is(c, i + 1, "it") ||
            /* "se me murió el celular", "se murio mi carro": the thing
             * named after the Spanish verb */
            (in_set(c, i + 1, SET("el", "la", "mi")) && has(c, i + 2, T_IDIOM_PREV)) ||
            /* "the percs kicked in", "my zoloft finally kicked in": took effect */
            (is(c, i, "kicked") && is(c, i + 1, "in")) ||
            /* "laid out on the couch", "laid down": lying, not laid off */
            (is(c, i, "laid") && in_set(c, i + 1, SET("out", "down", "up", "there", "in", "on"))) ||
            /* "passed the spot on my way home", "passed a cop": went by
             * something (a death is "passed away", "passed last night") */
            (is(c, i, "passed") && in_set(c, i + 1, SET("the", "a", "an", "by", "through", "thru", "your",
                                                         "our", "his", "her", "their", "some"))))
            return false;
        /* "passed my drivers test", "a hospital drama", "a show about jail" */
        return !any_in(c, window(c, i, 4, 3, 0), T_SAFE | T_TOPIC, i) &&
               !any_str(c, window(c, i, 5, 3, 0), i, SET("show", "drama", "series", "episode",
                        "book", "novel", "pelicula", "serie", "novela", "fantasy", "team",
                        "game"));
    }
    if (has(c, i, T_LOSTV))
        return any_in(c, window(c, i, 0, 3, 0), T_LOSABLE, i);
    return false;
}

/* "no one" within the four words before token i ("no one would even
 * notice") */
static bool no_one_before(const struct ctx *c, size_t i)
{
    for (size_t k = 1; k <= 4 && k < i; k++)
        if (is(c, i - k, "one") && is(c, i - k - 1, "no"))
            return true;
    return false;
}

/* Whether an "it" within n words after token i ends its clause ("how i'd
 * do it", not "how i'll do it by friday") */
static bool it_ends(const struct ctx *c, size_t i, size_t n)
{
    for (size_t j = i + 1; j <= i + n && j < c->n && !has(c, j, T_BREAK); j++)
        if (is(c, j, "it"))
            return j + 1 >= c->n || has(c, j + 1, T_BREAK) || is(c, j + 1, "tonight");
    return false;
}

/* Despair without a stated intent ("i'm so done", "what's the point"). */
bool rule_despair(const struct ctx *c, size_t i)
{
    if (has(c, i, T_DESPAIR))
        return true;
    struct span cl = window(c, i, 5, 4, 0);
    /* the client a lost cause, past fixing, with nothing ahead: "i feel
     * like a lost cause", "nobody can fix this", "lo mío no tiene arreglo",
     * "todo está perdido", "no light at the end", "nothing to look forward
     * to", "i dont see it changing" (not "the printer is a lost cause") */
    if ((is(c, i, "cause") && i > 0 && is(c, i - 1, "lost") &&
         any_in(c, window(c, i, 5, 0, 0), T_SELFSUBJ | T_SELFOBJ, i)) ||
        (is(c, i, "perdida") && i > 0 && is(c, i - 1, "causa") &&
         any_in(c, window(c, i, 5, 0, 0), T_SELFSUBJ | T_SELFOBJ, i)) ||
        (is(c, i, "arreglo") && any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
         !any_str(c, window(c, i, 6, 2, 0), i, SET("carro", "coche", "car", "phone", "telefono",
                  "compu", "lavadora", "casa"))) ||
        (is(c, i, "perdido") && i > 1 && is(c, i - 1, "esta") && is(c, i - 2, "todo")) ||
        /* "siento que me estoy hundiendo y nadie me ve", "im drowning and
         * no one notices": going under, alone */
        (in_set(c, i, SET("hundiendo", "hundo", "sinking", "drowning", "ahogando", "ahogo")) && !is(c, i + 1, "into") &&
         any_in(c, window(c, i, 4, 0, 0), T_SELFSUBJ | T_SELFOBJ, i) &&
         any_str(c, window(c, i, 0, 8, 1), i, SET("nadie", "nobody", "noone", "alone", "solo", "sola"))) ||
        /* "everything is falling apart and i cant fix it", "my whole life
         * is falling apart" (not "my car is falling apart") */
        (is(c, i, "falling") && is(c, i + 1, "apart") &&
         any_str(c, window(c, i, 4, 0, 0), i, SET("everything", "life", "world", "everythings"))) ||
        (is(c, i, "light") && i > 0 && is(c, i - 1, "no") && is(c, i + 1, "at")) ||
        (in_set(c, i, SET("fix", "fixed")) && i > 1 &&
         ((is(c, i - 1, "can") && in_set(c, i - 2, SET("nobody", "noone"))) ||
          (is(c, i - 1, "be") && in_set(c, i - 2, SET("cant", "cannot")))) &&
         any_in(c, window(c, i, 6, 6, 1), T_SELFSUBJ | T_SELFOBJ, i) &&
         !any_str(c, window(c, i, 6, 4, 1), i, SET("car", "phone", "sink", "heater", "truck",
                  "computer", "laptop", "tv", "washer", "roof"))) ||
        (is(c, i, "forward") && is(c, i + 1, "to") && i > 2 && is(c, i - 2, "to") &&
         in_set(c, i - 3, SET("nothing", "nada"))) ||
        (in_set(c, i, SET("changing", "change", "cambiar")) &&
         any_str(c, window(c, i, 5, 0, 0), i, SET("see", "never", "wont", "nunca", "nada", "nothing",
                                                   "nothings")) &&
         (any_in(c, window(c, i, 5, 0, 0), T_NEG, i) || any_str(c, window(c, i, 5, 0, 0), i, SET("nothing", "nothings"))) &&
         (in_set(c, i - 1, SET("it", "things", "a")) ||
          (is(c, i - 1, "to") && in_set(c, i - 2, SET("going", "gonna", "ever")))) &&
         !any_str(c, window(c, i, 6, 3, 1), i, SET("oil", "tire", "clothes", "diaper", "job", "plans",
                  "channel", "lightbulb", "ropa", "panal"))))
        return true;
    /* "i've given up on things working out", "me di por vencido" (not
     * "given up drinking", "gave up soda": a habit quit); "stuck in a hole i
     * cant climb out of" */
    if (is(c, i, "up") && i > 0 && in_set(c, i - 1, SET("given", "gave", "giving")) &&
        is(c, i + 1, "on") &&
        in_set(c, i + 2, SET("things", "life", "everything", "myself", "me", "hope", "trying",
                             "getting", "ever", "it", "people", "anything")) &&
        any_in(c, window(c, i, 5, 0, 0), T_SELFSUBJ, i))
        return true;
    /* "running on empty", "tired of fighting the same battle", "tired of
     * pretending im ok", "what was it all for", "no sirvo pa nada" */
    if (is(c, i, "empty") && i > 1 && is(c, i - 1, "on") && in_set(c, i - 2, SET("running", "runnin")) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("tank", "gas", "fuel", "car", "truck")))
        return true;
    if (is(c, i, "empty") && i > 1 && is(c, i - 1, "on") && in_set(c, i - 2, SET("running", "runnin")) &&
        any_str(c, window(c, i, 0, 10, 1), i, SET("station", "sight", "miles")))
        return true;
    if (in_set(c, i, SET("fighting", "pretending", "struggling", "trying", "fingir", "luchar")) && i > 1 &&
        in_set(c, i - 1, SET("of", "de")) &&
        in_set(c, i - 2, SET("tired", "sick", "cansado", "cansada", "harto", "harta")) &&
        /* not a quarrel: "tired of fighting with my sister about the car" */
        !any_str(c, window(c, i, 0, 6, 1), i, SET("traffic", "landlord", "insurance", "kids", "boss",
                 "with", "con", "over")) && !any_in(c, window(c, i, 0, 4, 1), T_OTHER, i))
        return true;
    if (is(c, i, "for") && i > 3 && is(c, i - 1, "all") && is(c, i - 2, "it") &&
        in_set(c, i - 3, SET("was", "is")) && any_str(c, window(c, i, 5, 0, 0), i, SET("what")))
        return true;
    if (is(c, i, "sirvo") && any_in(c, window(c, i, 2, 0, 0), T_NEG, i) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("nada")))
        return true;
    /* "my whole life is one big mistake", "mi vida es un error" */
    if (in_set(c, i, SET("mistake", "waste", "joke", "failure", "error", "fracaso", "desastre")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("life", "vida", "existence")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("my", "mi", "whole", "entire", "toda")) &&
        !any_str(c, window(c, i, 6, 4, 1), i, SET("movie", "show", "game", "book", "diet")))
        return true;
    /* "im empty. like completely hollow inside", "vacía por dentro" */
    if (in_set(c, i, SET("hollow", "empty", "vacio", "vacia")) &&
        (in_set(c, i + 1, SET("inside", "dentro")) ||
         (i > 0 && in_set(c, i - 1, SET("completely", "totally", "so", "just", "toda", "todo")))) &&
        any_in(c, window(c, i, 6, 2, 1), T_SELFSUBJ | T_SELFOBJ, i) &&
        !any_str(c, window(c, i, 6, 4, 1), i, SET("stomach", "fridge", "tank", "house", "wallet",
                 "account", "gas", "battery", "estomago", "panza")))
        return true;
    /* "nothing is ever gonna get better for me" */
    if (in_set(c, i, SET("better")) && any_str(c, window(c, i, 6, 0, 0), i, SET("nothing", "never")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("get", "gets", "getting")) &&
        (any_in(c, window(c, i, 0, 4, 0), T_SELFOBJ | T_SELFSUBJ, i) ||
         (any_str(c, window(c, i, 6, 0, 0), i, SET("ever")) && (i + 1 >= c->n || has(c, i + 1, T_BREAK)))))
        return true;
    /* "ya no espero nada de nadie", "nada tiene arreglo", "no va a cambiar" */
    if (is(c, i, "espero") && any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
        any_str(c, window(c, i, 0, 2, 0), i, SET("nada")))
        return true;
    if (is(c, i, "arreglo") && i > 1 && is(c, i - 1, "tiene") && in_set(c, i - 2, SET("nada", "nadie")))
        return true;
    if (is(c, i, "cambiar") && i > 2 && is(c, i - 1, "a") && is(c, i - 2, "va") && has(c, i - 3, T_NEG) &&
        any_in(c, window(c, i, 10, 6, 1), T_SELFSUBJ | T_SELFOBJ | T_EVERYTHING, i) &&
        !any_str(c, window(c, i, 8, 3, 1), i, SET("horario", "clima", "tiempo", "precio", "renta",
                 "plan", "cita", "trabajo")))
        return true;
    if (is(c, i, "vencido") && i > 1 && is(c, i - 1, "por") && in_set(c, i - 2, SET("di", "doy", "dado")))
        return true;
    if (in_set(c, i, SET("hole", "pit", "hoyo", "pozo")) &&
        any_str(c, window(c, i, 0, 6, 1), i, SET("climb", "get", "salir", "out")) &&
        any_in(c, window(c, i, 0, 6, 1), T_NEG, i) &&
        any_in(c, window(c, i, 6, 6, 1), T_SELFSUBJ | T_SELFOBJ, i) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("dog", "car", "truck", "golf", "digging", "dug",
                 "yard", "tire", "sock", "pants", "money", "debt", "deuda")))
        return true;
    /* "no matter what i do it dont matter", "no matter what i do nothing
     * changes": trying said to be useless */
    if (is(c, i, "matter") && i > 0 && is(c, i - 1, "no") && is(c, i + 1, "what") &&
        any_in(c, window(c, i, 0, 4, 0), T_SELFSUBJ, i) &&
        (any_in(c, window(c, i, 0, 10, 1), T_NEG, i) ||
         any_str(c, window(c, i, 0, 10, 1), i, SET("nothing", "worse", "same", "fails", "started",
                                                    "square"))))
        return true;
    /* "feels like im drowning and nobody notices", "dont see why i bother
     * getting up" */
    if ((is(c, i, "drowning") && any_str(c, window(c, i, 4, 6, 1), i, SET("nobody", "noone", "alone",
            "notices", "cares", "sola", "solo", "nadie"))) ||
        (in_set(c, i, SET("bother", "bothering")) && any_str(c, window(c, i, 3, 0, 0), i, SET("why")) &&
         any_in(c, window(c, i, 6, 0, 0), T_NEG, i)))
        return true;
    /* "no hope", "sin esperanza", "no future for me", "no way out", "no hay salida" */
    if (in_set(c, i, SET("hope", "esperanza", "future", "futuro", "salida", "way")) &&
        (any_in(c, window(c, i, 3, 0, 0), T_NEG, i) || is(c, i - 1, "sin")) &&
        (!is(c, i, "way") || is(c, i + 1, "out")))
        return true;
    /* "tired of everything", "done with everything", "harta de todo", "so over everything" */
    if (in_set(c, i, SET("everything", "todo", "all", "everyone", "life")) &&
        /* "done with that life": the old one, left behind */
        !(i > 0 && in_set(c, i - 1, SET("that", "esa", "old", "party", "street", "drug"))) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("tired", "done", "over", "sick", "exhausted",
                "harto", "harta", "canse", "cansado", "cansada", "fed", "hartos")) &&
        !any_str(c, window(c, i, 0, 3, 0), i, SET("for", "at", "work", "today", "lol")))
        return true;
    /* "i cant keep doing this", "cant keep going like this", "no puedo
     * seguir asi": going on said to be past bearing (not "cant keep doing
     * this job", "cant keep up") */
    if (in_set(c, i, SET("keep", "seguir")) && any_in(c, window(c, i, 2, 0, 0), T_NEG, i) &&
        (is(c, i, "seguir") ? in_set(c, i + 1, SET("asi", "con", "viviendo")) :
         in_set(c, i + 1, SET("doing", "going", "living", "this", "on"))) &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK) || in_set(c, i + 2, SET("this", "like", "on", "asi",
                                                                       "esto", "anymore"))) &&
        !any_str(c, window(c, i, 0, 5, 0), i, SET("job", "work", "shift", "trabajo", "pace",
                 "schedule", "hours", "horario", "up", "paying", "pagando", "rent", "renta")))
        return true;
    /* "im done trying", "tired of fighting", "tired of being tired" */
    if (in_set(c, i, SET("trying", "fighting", "intentar", "luchar", "being")) && i > 0 &&
        (is(c, i - 1, "done") || (is(c, i - 1, "of") && i > 1 && in_set(c, i - 2, SET("tired", "sick"))) ||
         (in_set(c, i - 1, SET("de")) && i > 1 && in_set(c, i - 2, SET("cansado", "cansada", "harto", "harta")))) &&
        (is(c, i, "being") ? in_set(c, i + 1, SET("tired", "alive", "me", "here", "sad", "alone")) :
         (i + 1 >= c->n || has(c, i + 1, T_BREAK) || in_set(c, i + 1, SET("anymore", "so", "to"))) &&
         !in_set(c, i + 1, SET("on"))))
        return true;
    /* "nothing matters", "nada vale la pena", "nothing ever gets better",
     * "ive got nothing left", "i dont care anymore" */
    if (in_set(c, i, SET("nothing", "nada")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("matters", "left", "better", "vale", "importa",
                                                  "works", "changes", "sirve", "mejora", "sentido")))
        return true;
    /* "i keep waking up and it's the same gray nothing", "la misma nada de
     * siempre": every day the same emptiness */
    if (in_set(c, i, SET("nothing", "nada", "emptiness", "void", "vacio")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("same", "misma", "mismo")) &&
        !any_str(c, window(c, i, 3, 0, 0), i, SET("did", "doing", "hice", "hago", "eat", "ate")))
        return true;
    if (in_set(c, i, SET("care", "importa")) && any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
        any_in(c, window(c, i, 0, 3, 0), T_FINAL, i))
        return true;
    /* "my kids deserve better than me", "se merecen una mejor mama": not
     * "you deserve better" said to a friend */
    if (in_set(c, i, SET("deserve", "deserves", "merecen", "merece")) &&
        ((any_str(c, window(c, i, 0, 2, 0), i, SET("better")) &&
          any_str(c, window(c, i, 0, 4, 0), i, SET("than")) &&
          any_in(c, window(c, i, 0, 5, 0), T_SELFOBJ, i)) ||
         (any_str(c, window(c, i, 0, 3, 0), i, SET("mejor")) &&
          any_str(c, window(c, i, 0, 4, 0), i, SET("mama", "papa", "madre", "padre", "que")))))
        return true;
    /* "out of hope", "lost all hope", "perdi la esperanza" */
    if (in_set(c, i, SET("hope", "esperanza", "esperanzas", "hopes")) && i > 1 &&
        ((is(c, i - 1, "of") && is(c, i - 2, "out")) ||
         in_set(c, i - 1, SET("lost", "losing", "lose")) ||
         (in_set(c, i - 1, SET("all", "la", "las", "toda")) &&
          in_set(c, i - 2, SET("lost", "losing", "lose", "perdi", "perdiendo", "perdido")))) &&
        !in_set(c, i + 1, SET("for", "in", "en", "that", "de")))
        return true;
    /* "i hate my life", "odio mi vida": not "i hate my life's commute" */
    if (in_set(c, i, SET("life", "vida")) && i > 1 && in_set(c, i - 1, SET("my", "mi")) &&
        in_set(c, i - 2, SET("hate", "odio", "hating", "detesto")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) ||
         in_set(c, i + 1, SET("so", "rn", "right", "sometimes", "today", "lately", "entera"))))
        return true;
    /* "nobody cares", "no one would even notice", "a nadie le importa": at
     * the clause's end or about the client, not "nobody cares about the
     * game" */
    if (in_set(c, i, SET("cares", "care", "notice", "importa", "importo", "notaria")) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("nobody", "nadie")) || no_one_before(c, i)) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) ||
         (is(c, i + 1, "about") && in_set(c, i + 2, SET("me", "mi"))) ||
         in_set(c, i + 1, SET("anyway", "anyways", "lol", "fr"))))
        return true;
    /* "at my breaking point", "want the pain to stop", "que pare el dolor" */
    if ((is(c, i, "breaking") && is(c, i + 1, "point") && i > 0 &&
         in_set(c, i - 1, SET("my", "the", "a"))) ||
        (in_set(c, i, SET("pain", "hurting", "dolor", "sufrimiento")) &&
         any_str(c, window(c, i, 0, 3, 0), i, SET("stop", "end", "pare", "termine", "acabe")) &&
         any_in(c, window(c, i, 5, 0, 0), T_WANT, i) &&
         !any_str(c, window(c, i, 4, 3, 0), i, SET("back", "knee", "tooth", "head", "leg",
                                                   "neck", "meds", "pill", "espalda", "muela",
                                                   "cabeza"))))
        return true;
    /* "i'm drowning" at the clause's end (not "drowning in homework") */
    if (in_set(c, i, SET("drowning", "ahogando", "ahogo")) &&
        any_in(c, window(c, i, 3, 0, 0), T_SELFSUBJ | T_SELFOBJ, i) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) || in_set(c, i + 1, SET("here", "fr", "lol"))))
        return true;
    /* "no sirvo para nada", "no valgo nada", "ya no tengo fuerzas", "estoy
     * en el fondo" */
    if (((is(c, i, "sirvo") && is(c, i + 1, "para") && is(c, i + 2, "nada")) ||
         (is(c, i, "valgo") && in_set(c, i + 1, SET("nada", "madre", "verga"))) ||
         (is(c, i, "fuerzas") && any_str(c, window(c, i, 3, 0, 0), i, SET("tengo")) &&
          !in_set(c, i + 1, SET("para", "de", "pa")))) &&
        any_in(c, window(c, i, 3, 0, 0), T_NEG, i))
        return true;
    if (is(c, i, "fondo") && i > 2 && is(c, i - 1, "el") && is(c, i - 2, "en") &&
        is(c, i - 3, "estoy") && (i + 1 >= c->n || has(c, i + 1, T_BREAK)))
        return true;
    /* "i know how i'd do it", "ya se como lo voy a hacer": a method known,
     * nothing named; ask (not "i know how to do it", a skill) */
    if (in_set(c, i, SET("how", "como")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("know", "figured", "planned", "se", "pensado",
                                                  "planeado", "decided", "decidi")) &&
        any_in(c, window(c, i, 0, 2, 0), T_SELFSUBJ, i) == (is(c, i, "how")) &&
        ((any_str(c, window(c, i, 0, 4, 0), i, SET("do", "doing")) && it_ends(c, i, 5)) ||
         (any_str(c, window(c, i, 0, 5, 0), i, SET("hacer", "haria", "hago")) &&
          any_str(c, window(c, i, 0, 3, 0), i, SET("lo")))) &&
        !any_str(c, window(c, i, 0, 1, 0), i, SET("to", "a")))
        return true;
    /* "why do i even bother", "why bother": at the clause's end, not "why
     * bother with the bus" */
    if (is(c, i, "bother") && any_str(c, window(c, i, 4, 0, 0), i, SET("why")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) ||
         in_set(c, i + 1, SET("anymore", "trying", "at", "lol", "tbh", "honestly"))))
        return true;
    /* "idk how much longer i can do this", "how much longer can i take
     * this" */
    if (is(c, i, "longer") && i >= 2 && is(c, i - 1, "much") && is(c, i - 2, "how") &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("can", "do", "take", "keep", "last", "hold",
                                                  "handle")))
        return true;
    /* "im broken", "i feel so defeated": the self at the clause's end, not
     * "my phone is broken", "broken leg" */
    if (in_set(c, i, SET("broken", "defeated", "destrozada", "destrozado", "rota", "roto",
                         "destruida", "destruido")) &&
        any_in(c, window(c, i, 3, 0, 0), T_SELFSUBJ, i) &&
        !any_in(c, window(c, i, 3, 0, 0), T_OTHER, i) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) ||
         in_set(c, i + 1, SET("inside", "af", "fr", "por", "dentro", "lol"))))
        return true;
    /* "it's never gonna change", "nada va a cambiar", "nothing will ever
     * change": not "the weather is gonna change" */
    if (in_set(c, i, SET("change", "cambiar", "cambia", "cambie")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("never", "nunca", "nada", "nothing")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("going", "gonna", "will", "ever", "va", "vas",
                                                  "gon", "is")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) || in_set(c, i + 1, SET("ever", "nunca"))))
        return true;
    /* "ya no tengo ganas de nada": no wish for anything any more */
    if (is(c, i, "ganas") && is(c, i + 1, "de") && is(c, i + 2, "nada") &&
        any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("ya")) || i + 3 >= c->n ||
         has(c, i + 3, T_BREAK)))
        return true;
    /* "why do i even bother", "whats the use", "para que sigo intentando" */
    if (in_set(c, i, SET("bother", "use", "caso", "intentando", "sigo")) &&
        any_in(c, window(c, i, 4, 0, 0), T_WHATS, i) && !is(c, i + 1, "of") &&
        (i < 1 || !is(c, i - 1, "to")) &&
        /* "whats the use", "what use is it"; not "what number do i use",
         * "what do i use to log in": a tool asked for */
        (!is(c, i, "use") || (i > 0 && in_set(c, i - 1, SET("the", "what", "whats")) &&
                              !in_set(c, i + 1, SET("to", "for", "on", "with")))))
        return true;
    /* "i cant anymore", "i cant do this anymore", "how much longer can i do
     * this", "cuanto mas pueda aguantar", "end of my rope", "me rindo", "done.
     * just done" */
    if (in_set(c, i, SET("anymore", "longer", "mas")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("cant", "can", "pueda", "puedo", "aguantar",
                                                  "aguanto", "take", "handle")) &&
        /* "i cant come around there anymore", "cant afford it anymore": a
         * visit or a thing given up, no despair */
        !any_str(c, window(c, i, 5, 0, 0), i, SET("come", "go", "visit", "afford", "eat", "wear", "play",
                 "drive", "stay", "hang", "fit", "ir", "venir", "visitar", "comer", "pagar")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("cant", "much", "cuanto", "ya", "idk", "no")))
        return true;
    if (is(c, i, "rope") && i >= 2 && is(c, i - 2, "of") && is(c, i - 3, "end"))
        return true;
    /* "it's never going to get better", "not getting better", "nunca va a
     * mejorar": no better ever coming; not "never better", "better than
     * this", "getting better" said of a cold */
    if (in_set(c, i, SET("better", "mejorar", "mejora")) &&
        (any_str(c, window(c, i, 5, 0, 0), i, SET("never", "nunca", "not", "aint", "isnt", "wont",
                                                   "no")) ||
         /* "i don't see it getting better", "no veo que vaya a mejorar" */
         (any_str(c, window(c, i, 5, 0, 0), i, SET("see", "seeing", "veo")) &&
          any_in(c, window(c, i, 6, 0, 0), T_NEG, i))) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("going", "gonna", "getting", "get", "gets",
                                                  "va", "voy", "vas")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) ||
         in_set(c, i + 1, SET("ever", "nunca", "for", "para", "no", "anytime", "soon"))) &&
        !any_str(c, window(c, i, 5, 0, 0), i, SET("cold", "knee", "cough", "weather", "traffic")))
        return true;
    /* "so tired of fighting", "tired of trying", "cansada de luchar": the
     * fight itself; not "tired of fighting with my sister" */
    if (in_set(c, i, SET("fighting", "trying", "struggling", "luchar", "intentar", "pelear")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("tired", "sick", "cansado", "cansada", "harto",
                                                  "harta", "exhausted", "canse", "cansao")) &&
        !in_set(c, i + 1, SET("with", "con", "for", "por", "to", "a", "the")))
        return true;
    /* "i feel empty inside", "me siento vacia": not a fridge or a room */
    if (in_set(c, i, SET("empty", "vacio", "vacia")) &&
        (in_set(c, i + 1, SET("inside", "por")) ||
         any_str(c, window(c, i, 3, 0, 0), i, SET("feel", "feeling", "siento", "sintiendo"))))
        return true;
    /* "ya no doy pa mas", "no doy para mas": the reply or clause ends on
     * it (not "no le doy mas vueltas") */
    if (is(c, i, "mas") && (i + 1 >= c->n || has(c, i + 1, T_BREAK)) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("doy")) &&
        any_in(c, window(c, i, 5, 0, 0), T_NEG, i))
        return true;
    if ((in_set(c, i, SET("rindo", "rendi")) && (i + 1 >= c->n || has(c, i + 1, T_BREAK))) ||
        (is(c, i, "quit") && in_set(c, i + 1, SET("trying", "life", "everything"))))
        return true;
    /* "im done", "im done fr", "just done tbh": the clause ends with it,
     * or with a word of emphasis only */
    if (is(c, i, "done") && (i == 0 || has(c, i - 1, T_BREAK) || is(c, i - 1, "just") ||
                             is(c, i - 1, "im")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) ||
         (in_set(c, i + 1, SET("fr", "frfr", "tbh", "ngl", "honestly", "deadass", "forreal",
                               "bro", "man", "lol")) &&
          (i + 2 >= c->n || has(c, i + 2, T_BREAK)))))
        return true;
    (void)cl;
    /* "ya no puedo", "no puedo mas", "pa que", "para que" alone */
    if (is(c, i, "puedo") && i > 0 && has(c, i - 1, T_NEG) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) || is(c, i + 1, "mas") ||
         (i > 1 && is(c, i - 2, "ya"))))
        return true;
    if ((is(c, i, "pa") || is(c, i, "para")) && is(c, i + 1, "que") &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK)))
        return true;
    /* (four back: "what even is the point", "what is even the point") */
    if (has(c, i, T_POINT))
        return any_in(c, window(c, i, 4, 1, 0), T_WHATS | T_NEG, i) &&
               /* "sorry if this makes no sense", "my text makes no sense":
                * the message, not life */
               !(is(c, i, "sense") && any_str(c, window(c, i, 4, 0, 0), i, SET("this", "text", "message",
                 "msg", "texts", "typing", "autocorrect", "sentence", "spelling")));
    if (has(c, i, T_DONE))
        return any_in(c, window(c, i, 3, 3, 0), T_INTENS | T_EVERYTHING | T_EVERYTHING, i) &&
               any_in(c, window(c, i, 3, 1, 0), T_SELFSUBJ, i);
    if (has(c, i, T_GIVE)) {
        size_t u = is(c, i + 1, "up") ? i + 1 : (is(c, i + 2, "up") && has(c, i + 1, T_SELFOBJ)) ? i + 2 : 0;
        if (u == 0)
            return false;
        /* "i give up", "gave up on everything", "gave up caring"; not "gave
         * up soda", "gave up smoking" (a habit quit, or a seat, or a diet) */
        size_t o = is(c, u + 1, "on") ? u + 2 : u + 1;
        if (o < c->n && in_set(c, o, SET("the", "my", "a")))
            o++;
        return !(o < c->n && (has(c, o, T_DRUG | T_USEV | T_SOBER) ||
                              in_set(c, o, SET("soda", "smoking", "drinking", "meat", "sugar", "caffeine",
                                               "coffee", "cigarettes", "smokes", "alcohol", "carbs",
                                               "candy", "chocolate", "seat", "car", "vaping", "gluten",
                                               "dairy", "diet", "facebook", "tv", "gaming", "junk",
                                               "fast", "pop", "soda", "lent", "keto", "gym", "spot",
                                               "room", "bed", "job", "apartment", "lease"))));
    }
    return false;
}
