/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_effect.c: a state of intoxication told by what it does
 * (reply_rules.h): "the room wont stop spinning", "veo doble", "my jaw
 * wont stop clenching", "las paredes respiran". Such words are as often
 * flu, vertigo, a dentist's numbing, jet lag or joy, so an effect is a
 * relapse only beside a sign of the substance somewhere in the reply (a
 * drink, a drug, a use, or a plea to keep it quiet: "dont tell my
 * sponsor", "no te enojes"), and never when the reply names an everyday
 * cause and no street drug or drink. An effect with no sign at all is left
 * to the digest, where a person reads it. */
#include "model/reply_rules.h"

#include "model/reply.h"

/* Token i starts the words of an effect. */
static bool effect_at(const struct ctx *c, size_t i)
{
    /* "the room is spinning", "got the spins", "everything is spinny",
     * "the room tilts", "im swaying", "keep tipping over" */
    if (in_set(c, i, SET("spinning", "spinny", "spins", "tilting", "tilts", "swaying", "tambaleando",
                         "balanceo", "girando", "inclina", "inclinan")))
        return true;
    /* words that are an effect by themselves: "the ceiling is swirling",
     * "seeing tracers", "everything is rubbery", "legs like jelly",
     * "piernas de fideo", "el mundo esta chueco", "couch locked",
     * "stumbling around", "me zumban los oidos", "bichos debajo de la piel" */
    if (in_set(c, i, SET("swirling", "tracers", "rastros", "sparkly", "rubbery", "jelly", "gelatina",
                         "fideo", "fideos", "noodle", "chueco", "pixelated", "echoey", "buzzy",
                         "stumbling", "tropezando", "slurry", "zumban", "bichos", "hormigueo", "wobbling",
                         "couchlocked", "lightheaded", "spinnin", "derritiendo", "gibberish", "grinning")))
        return true;
    /* "todo gira", "no atino a andar recto", "escucho todo con eco",
     * "dont remember getting home", "no me acuerdo como llegue" */
    if ((is(c, i, "gira") && any_str(c, window(c, i, 2, 0, 0), i, SET("todo", "cuarto", "techo"))) ||
        (is(c, i, "recto") && i > 0 && in_set(c, i - 1, SET("andar", "caminar"))) ||
        (is(c, i, "eco") && i > 0 && in_set(c, i - 1, SET("con", "en"))) ||
        (in_set(c, i, SET("remember", "acuerdo")) && any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
         in_set(c, i + 1, SET("getting", "coming", "how", "como", "cuando", "driving"))))
        return true;
    if ((is(c, i, "locked") && i > 0 && is(c, i - 1, "couch")) ||
        (is(c, i, "lenta") && i > 0 && is(c, i - 1, "camara")) ||
        (is(c, i, "bugs") && any_str(c, window(c, i, 0, 4, 0), i, SET("skin", "crawling"))) ||
        (in_set(c, i, SET("clenching", "clenched", "aprieto", "apretando")) &&
         any_str(c, window(c, i, 0, 3, 0), i, SET("teeth", "jaw", "dientes", "mandibula", "quijada"))) ||
        /* "scratching my nose nonstop", "me pica la nariz" */
        (in_set(c, i, SET("scratching", "scratchin", "itchy", "pica", "rascarme")) &&
         any_str(c, window(c, i, 3, 3, 0), i, SET("nose", "nariz", "todo", "everything", "skin", "piel"))))
        return true;
    /* "cant keep my balance", "no puedo mantener el balance", "can barely
     * stand" */
    if ((in_set(c, i, SET("balance", "equilibrio")) &&
         any_str(c, window(c, i, 3, 0, 0), i, SET("keep", "mantener", "lose", "losing", "perder", "pierdo"))) ||
        (is(c, i, "stand") && i > 0 && in_set(c, i - 1, SET("barely", "cant", "hardly")) &&
         /* not "i cant stand it", "cant stand my boss" */
         !in_set(c, i + 1, SET("it", "him", "her", "them", "this", "that", "people", "my", "the", "when",
                               "being", "how", "his", "those", "these", "you", "u"))))
        return true;
    /* "no puedo ni pararme", "no me puedo parar": cannot stand (not "no
     * puedo pararme de la cama", low spirits) */
    if (in_set(c, i, SET("pararme", "parar")) && any_in(c, window(c, i, 4, 0, 0), T_NEG, i) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("puedo", "podia")) &&
        (is(c, i, "pararme") || (i > 0 && in_set(c, i - 1, SET("me", "puedo")))) &&
        !any_str(c, window(c, i, 0, 4, 0), i, SET("cama", "de", "temprano", "hablar", "comer", "pensar",
                 "llorar", "reir", "trabajar")))
        return true;
    /* "my words wont come out right" */
    if (is(c, i, "words") && any_in(c, window(c, i, 0, 3, 0), T_NEG, i) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("come", "coming")))
        return true;
    /* "head is full of cotton", "sinking into the bed" */
    if ((is(c, i, "cotton") && any_str(c, window(c, i, 5, 0, 0), i, SET("head", "brain", "mouth"))) ||
        (is(c, i, "sinking") && is(c, i + 1, "into")))
        return true;
    if (is(c, i, "tipping") && is(c, i + 1, "over"))
        return true;
    /* "ando bien ido", "bien zombie", "el corazón me late
     * a mil": spaced out, wired, racing (beside a sign of the substance) */
    /* "ando tripeando con ácido" (not "con la nueva de bad bunny": no
     * sign of a drug beside it) */
    if (in_set(c, i, SET("tripeando", "tripiando")))
        return true;
    if (in_set(c, i, SET("ido", "ida", "zombie", "zombi")) && i > 0 &&
        in_set(c, i - 1, SET("bien", "ando", "toy", "estoy", "re", "muy", "super", "todo", "toda")))
        return true;
    if (is(c, i, "late") && any_str(c, window(c, i, 3, 0, 0), i, SET("corazon")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("mil", "rapido", "fuerte")))
        return true;
    /* the nod: "i keep leaning and drooling", "babeando", "dozing mid
     * sentence", "me quedo dormido a media frase", "double vision" */
    if (in_set(c, i, SET("drooling", "babeando", "babeo")))
        return true;
    if (is(c, i, "leaning") && i > 0 && in_set(c, i - 1, SET("keep", "keeps", "kept", "been", "just")))
        return true;
    if (in_set(c, i, SET("dozing", "dozed", "nodding", "falling", "dormido", "dormida")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("mid", "middle", "media", "medio", "mitad")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("sentence", "sentences", "convo", "conversation", "talking",
                "text", "texting", "frase", "platica", "conversacion", "hablando")))
        return true;
    if (is(c, i, "double") && in_set(c, i + 1, SET("vision")))
        return true;
    /* the spins held off: "laying here w one foot on the floor", "con un
     * pie en el piso"; walls walked into: "bumped into every wall",
     * "chocando con las paredes"; "got the wobbles" */
    if (in_set(c, i, SET("foot", "pie")) && any_str(c, window(c, i, 2, 0, 0), i, SET("one", "un", "1")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("floor", "ground", "piso", "suelo")))
        return true;
    if (in_set(c, i, SET("bumped", "bumping", "walking", "walked", "chocando", "choque")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("walls", "wall", "paredes", "pared", "everything", "todo")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("into", "every", "con", "contra")))
        return true;
    if (in_set(c, i, SET("wobbles", "wobblies")))
        return true;

    /* "seeing double", "veo doble", "veo dos de ti" */
    if (in_set(c, i, SET("double", "doble")) && i > 0 &&
        in_set(c, i - 1, SET("seeing", "see", "seein", "veo", "viendo", "todo")))
        return true;
    if (in_set(c, i, SET("dos", "two")) && i > 0 && in_set(c, i - 1, SET("veo", "seeing")) &&
        in_set(c, i + 1, SET("de", "of")))
        return true;
    /* "todo me da vueltas", "me dan las vueltas" */
    if (is(c, i, "vueltas") && any_str(c, window(c, i, 3, 0, 0), i, SET("da", "dan", "dio", "daba")))
        return true;
    /* "slurring", "se me traba la lengua", "my tongue is heavy", "hablo
     * todo enredado" */
    if (in_set(c, i, SET("slurring", "slurred", "slurry", "traba", "enredado", "enredada")))
        return true;
    if (in_set(c, i, SET("tongue", "lengua")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("heavy", "big", "numb", "pesada", "dormida", "thick")))
        return true;
    /* "the walls are breathing", "everything is melting", "las paredes
     * respiran y el piso se derrite", "lights leaving trails" */
    if (in_set(c, i, SET("breathing", "respira", "respiran")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("walls", "wall", "carpet", "ceiling", "floor", "trees",
                "everything", "todo", "paredes", "piso", "techo", "arboles")))
        return true;
    if (in_set(c, i, SET("melting", "melted", "derrite", "derriten", "derretia", "trails", "trail",
                         "streaks", "estelas", "sparkles", "brillitos", "ondulada", "ondulado", "wavy")))
        return true;
    /* "everything sounds far away like im underwater", "slow motion",
     * "floaty", "numb", "tingly", "legs like noodles" */
    if (in_set(c, i, SET("floaty", "floating", "flotando", "floto", "tingly", "wobbly", "swimmy",
                         "noodles", "underwater", "numb", "entumido", "entumida", "blurry", "borroso",
                         "borrosa", "nublada", "nublado", "fuzzy", "syrupy", "spinny")))
        return true;
    if (is(c, i, "slow") && is(c, i + 1, "motion"))
        return true;
    /* "laughing at nothing", "cant stop giggling", "cant stop smiling",
     * "no paro de reirme", "me muero de risa por nada" */
    if (in_set(c, i, SET("giggling", "giggly", "giggles")))
        return true;
    if (in_set(c, i, SET("laughing", "smiling", "talking", "staring", "reirme", "hablar", "sonreir")) &&
        (any_str(c, window(c, i, 3, 0, 0), i, SET("stop", "paro", "dejar", "puedo")) ||
         (is(c, i + 1, "at") && any_str(c, window(c, i, 0, 3, 0), i, SET("nothing", "everything")))))
        return true;
    if (is(c, i, "risa") && any_str(c, window(c, i, 3, 3, 0), i, SET("nada", "todo")))
        return true;
    /* "so loose and chatty", "bien suelta y platicadora", "el cuerpo me
     * vibra", "mareada y calientita" */
    if (in_set(c, i, SET("chatty", "platicadora", "platicador", "vibra", "vibrating", "swaying")))
        return true;
    /* "mareada y calientita"; not "mareado por la medicina" (its cause) */
    if (in_set(c, i, SET("mareada", "mareado")) && !in_set(c, i + 1, SET("por", "con", "de", "from")))
        return true;
    /* "the ceiling is moving", "el techo se mueve", "el piso se va de
     * lado", "todo bien lento", "como si estuviera bajo el agua", "todo
     * suena lejos", "feel like im on a boat", "colors are so bright" */
    if (in_set(c, i, SET("moving", "mueve", "mueven")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("ceiling", "floor", "room", "walls", "techo", "piso",
                "cuarto", "paredes")))
        return true;
    if (is(c, i, "lado") && any_str(c, window(c, i, 3, 0, 0), i, SET("va", "fue")))
        return true;
    if (is(c, i, "lento") && any_str(c, window(c, i, 3, 0, 0), i, SET("todo")))
        return true;
    if (in_set(c, i, SET("agua", "lejos")) && i > 0 && in_set(c, i - 1, SET("el", "bajo", "suena")))
        return true;
    if (is(c, i, "boat") && any_str(c, window(c, i, 5, 0, 0), i, SET("like")))
        return true;
    /* "ando en las nubes" (beside a pill: not daydreaming) */
    if (is(c, i, "nubes") && i > 1 && is(c, i - 1, "las") && is(c, i - 2, "en"))
        return true;
    if (in_set(c, i, SET("colors", "colores", "lights", "luces")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("bright", "brillantes", "pretty", "aura", "loud")))
        return true;
    /* "jaw clenching", "la quijada no me para", "grinding my teeth",
     * "teeth chattering", "rechinando los dientes" */
    if (in_set(c, i, SET("jaw", "quijada", "mandibula")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("clenching", "clenched", "tight", "going", "hurts",
                "tensa", "apretada", "para", "wont", "cant")))
        return true;
    if (in_set(c, i, SET("grinding", "chattering", "rechinando", "mascar")))
        return true;
    /* "heart racing", "my heart is pounding", "el corazon acelerado" */
    if (in_set(c, i, SET("heart", "hearts", "corazon")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("racing", "pounding", "thumping", "going", "acelerado",
                "mil", "million")))
        return true;
    /* "pupils are pinned", "pupils are huge", "eyes r all red", "ojos
     * rojos", "eyelids so heavy", "ojos pesados", "eyes keep crossing" */
    if (in_set(c, i, SET("pupils", "pinned", "pupilas")))
        return true;
    if (in_set(c, i, SET("eyes", "eyelids", "ojos", "parpados")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("red", "heavy", "crossing", "rojos", "pesados", "glassy")))
        return true;
    /* "se me cierran los ojos" */
    if (is(c, i, "cierran") && any_str(c, window(c, i, 0, 2, 0), i, SET("ojos")))
        return true;
    /* "cant walk straight", "no puedo caminar derecho", "cant keep my
     * chin up" */
    if (in_set(c, i, SET("straight", "derecho")) && i > 0 && in_set(c, i - 1, SET("walk", "caminar")))
        return true;
    /* "mouth is so dry", "boca seca", "the munchies", "hambre barbara",
     * "nose burns", "nariz dormida", "cabeceando" */
    if (in_set(c, i, SET("munchies", "cabeceando")))
        return true;
    if (in_set(c, i, SET("mouth", "boca")) && any_str(c, window(c, i, 0, 3, 0), i, SET("dry", "seca")))
        return true;
    if (in_set(c, i, SET("nose", "nariz", "labios", "lips", "cara", "face")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("burns", "numb", "dormida", "dormidos", "drippy",
                "derrite", "melting", "tingly")))
        return true;
    /* "no siento la cara", "no siento las piernas", "cant feel my legs" */
    if (in_set(c, i, SET("siento", "feel")) && i > 0 && in_set(c, i - 1, SET("no", "cant", "cannot")) &&
        in_set(c, i + (in_set(c, i + 1, SET("la", "las", "my", "mis")) ? 2 : 1),
               SET("cara", "piernas", "lengua", "legs", "face", "lips", "teeth", "body", "cuerpo", "pies", "feet",
                   "manos", "hands")))
        return true;
    /* "words r swimming on the screen", "las letras nadan", "my fingers
     * keep hitting the wrong keys", "typing with one eye closed" */
    if (in_set(c, i, SET("swimming", "nadan", "bailan", "dancing", "mueven", "moving")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("words", "letters", "letras", "screen", "pantalla")))
        return true;
    if (is(c, i, "wrong") && is(c, i + 1, "keys"))
        return true;
    if (is(c, i, "eye") && any_str(c, window(c, i, 3, 1, 0), i, SET("one", "closed")))
        return true;
    return false;
}

/* The words of saying at j are said of the client's state: "says im
 * slurring", "dice que ando bien pedo" (not "me dijo que sí", a quote) */
static bool said_of_client(const struct ctx *c, size_t j)
{
    size_t k = j + 1 + (is(c, j + 1, "that") || is(c, j + 1, "que"));
    return in_set(c, j, SET("says", "said", "dice", "dijo")) &&
           (is(c, k, "im") || is(c, k, "estoy") || is(c, k, "ando") || is(c, k, "toy") ||
            (is(c, k, "i") && in_set(c, k + 1, SET("am", "was", "sound", "sounded", "look", "looked"))));
}

/* A sign of a substance or of hiding its use, anywhere in the reply but
 * the effect's own words: a drink or a drug (not one of its everyday
 * senses), a use act, a medication not taken as told, a drink's vessel or
 * place, "took something", "dont tell my sponsor". */
bool hinted(const struct ctx *c, size_t i, bool *drug)
{
    bool hint = false;
    *drug = false;
    for (size_t j = 0; j < c->n; j++) {
        if (j == i)
            continue;
        /* not one denied: "red from allergies not weed", "no ando drogado" */
        /* a street name that is mostly an everyday word is no sign alone
         * ("wobbly boy", "ice on the roads") */
        bool plain = (c->tags[j] & T_DRUG) &&
                     (c->v->tlen[j] < 2 ||
                      in_set(c, j, SET("boy", "girl", "tina", "ice", "snow", "rock", "rocks", "white", "brown",
                                       "candy", "grass", "speed", "blow", "bars", "glass", "clear", "food",
                                       "tea", "green", "crystals")));
        if (((c->tags[j] & T_DRUG) && !plain && !everyday_drug(c, j)) || (c->tags[j] & T_USEACT)) {
            if (negated(c, j))
                continue;
            *drug = true;
            hint = true;
        }
        if ((c->tags[j] & T_MED) || in_set(c, j, SET("bottle", "botella", "flask", "glass", "pregame",
                "mimosas", "champagne", "tabs", "tab", "gummy", "gummies", "pen", "line", "bump",
                "powder", "polvito", "stash", "sesh", "brownies", "favors", "traguitos", "tragos",
                "copa", "copita", "copas", "pachita", "guaro", "romo", "ron", "vino", "jarabe", "raya",
                "pase", "hongito", "hongitos", "toque", "tachita", "tacha", "jack", "40", "bar",
                "shots", "drinks", "dropped", "rolled", "sponsor", "linea", "lineas", "lines", "padrino", "madrina", "oops",
                "iykyk", "nota", "yerba", "acido", "acid", "keta", "ketamina", "chiva", "percos", "perco",
                "tusi", "clonas", "clona", "fernet", "birras", "birra", "roncito", "popper", "poppers",
                "diazepam", "edible", "edibles", "tailgate", "tequila", "oficial", "tachas", "dabbed",
                "dab", "vape", "pen", "cough", "syrup", "lean", "brownie", "mona", "pedo", "pisto", "party",
                "fiesta", "club", "disco", "rave", "enfiestado", "pregaming", "bartender", "cantinero")))
            hint = true;
        /* "whatever was in that water bottle", "me dieron algo", "no eran
         * normales", "the special kind", "not just weed" */
        if ((is(c, j, "whatever") && in_set(c, j + 1, SET("was", "they", "he", "she"))) ||
            (in_set(c, j, SET("dieron", "pasaron", "pasaste", "dio", "paso")) && in_set(c, j + 1, SET("algo", "unos", "unas", "una", "un"))) ||
            (is(c, j, "normales") && j > 0 && is(c, j - 1, "eran")) ||
            (is(c, j, "special") && is(c, j + 1, "kind")) ||
            (is(c, j, "happy") && is(c, j + 1, "hour")))
            hint = true;
        /* "the red cup stuff", "lo del vaso rojo", "mixed it w something" */
        if ((in_set(c, j, SET("cup", "vaso")) && in_set(c, j + (is(c, j, "vaso") ? 1 : -1), SET("red", "rojo"))) ||
            (in_set(c, j, SET("mixed", "mezcle")) && any_str(c, window(c, j, 0, 6, 0), j, SET("something", "algo"))))
            hint = true;
        /* somebody could tell: "my kid noticed", "mi esposa se dio cuenta",
         * "wife says im slurring" */
        if ((said_of_client(c, j) && any_in(c, window(c, j, 3, 0, 0), T_OTHER, j)) ||
            (in_set(c, j, SET("noticed", "notices", "noticing")) &&
             (any_in(c, window(c, j, 3, 0, 0), T_OTHER | T_EVERYONE, j) ||
              any_str(c, window(c, j, 3, 0, 0), j, SET("kid", "kids", "child", "boss", "sponsor")))) ||
            (is(c, j, "cuenta") && j > 1 && in_set(c, j - 1, SET("dio", "dieron")) && is(c, j - 2, "se")))
            hint = true;
        /* "dont tell my sponsor", "no le digas a nadie" */
        if ((in_set(c, j, SET("digas", "digan")) && any_str(c, window(c, j, 2, 0, 0), j, SET("no"))) ||
            (is(c, j, "tell") && j > 0 && in_set(c, j - 1, SET("dont", "pls", "please", "not")) &&
             in_set(c, j + 1, SET("my", "anyone", "anybody", "nobody", "mom", "sponsor", "group"))))
            hint = true;
        /* "took something", "me tome algo", "lo que me meti", "tried a
         * tiny bit", "probe un poquito" */
        /* ... "dont ask what i took" */
        if ((c->tags[j] & (T_USEV | T_TOOK)) &&
            (in_set(c, j + 1, SET("something", "algo", "some", "a", "un", "lo")) ||
             (j > 0 && in_set(c, j - 1, SET("la", "lo"))) ||
             (j > 1 && is(c, j - 1, "i") && is(c, j - 2, "what"))))
            hint = true;
        /* "dont be mad", "no te enojes", "no me reganes", "i know i know",
         * "ya se ya se", "ya tu sabes" */
        if ((in_set(c, j, SET("mad", "enojes", "reganes", "judge")) && j > 0 &&
             in_set(c, j - 1, SET("be", "te", "me"))) ||
            (in_set(c, j, SET("know", "se")) && in_set(c, j + 1, SET("i", "ya")) && in_set(c, j + 2, SET("know", "se"))) ||
            (is(c, j, "tu") && in_set(c, j + 1, SET("sabes", "sabe")) && j > 0 && is(c, j - 1, "ya")))
            hint = true;
    }
    return hint;
}

/* The reply names an everyday cause of the effect: an illness, a doctor
 * or dentist, a prescription taken as told, travel, no sleep (when
 * `sleep`: for a cue, no sleep is the cue itself), caffeine, the cold, joy
 * at news. */
/* The cause named at j is denied: a negator before it with only "from",
 * "the", "es", "por"... between ("its not from the coffee", "no es por el
 * café", "not the flu") */
static bool cause_denied(const struct ctx *c, size_t j)
{
    for (size_t k = j; k > 0 && j - k < 4; k--) {
        if (has(c, k - 1, T_NEG))
            return k < j;
        if (!in_set(c, k - 1, SET("from", "por", "del", "el", "la", "the", "es", "is", "its", "de")))
            return false;
    }
    return false;
}

bool everyday_cause_of(const struct ctx *c, bool sleep)
{
    for (size_t j = 0; j < c->n; j++) {
        /* "its not from coffee", "not the flu", "no es por el café": a
         * cause denied (a negator with only such small words between) */
        if (cause_denied(c, j))
            continue;
        /* "could run a marathon rn": no race run */
        if (is(c, j, "marathon") && any_str(c, window(c, j, 4, 0, 0), j, SET("could", "can")))
            continue;
        /* "cold sweats": no cold caught */
        if (is(c, j, "cold") && in_set(c, j + 1, SET("sweats", "sweat", "sweating")))
            continue;
        if ((c->tags[j] & T_EVENT) || /* a loss, an eviction, the ER: shock, not a drug */
            in_set(c, j, SET("vertigo", "anesthesia", "anestesia", "dentist", "dentista", "root", "wisdom",
                             "muelas", "flu", "gripe", "gripa", "covid", "cold", "resfriado", "allergy",
                             "allergies", "alergia", "allergist", "jet", "flight", "vuelo", "cruise",
                             "crucero", "dilated", "dilation", "dilataron", "oftalmologo",
                             "newborn", "shift", "turno", "work", "trabajo", "chamba", "overtime", "coffee",
                             "redbull", "redbulls", "monster", "preworkout", "celsius", "espresso", "caffeine", "cafe", "massage", "masaje",
                             "migraine", "migrana", "infection", "infeccion", "prescribed", "recetada",
                             "receto", "recetaron", "psychiatrist", "psiquiatra", "doctor", "doc", "cirujano",
                             "surgeon", "surgery", "cirugia", "fever", "fiebre", "exam", "examen",
                             "spray", "dramamine", "antidepressant", "antidepresivo", "baby", "bebe", "heat", "calor",
                             "sunburn", "pregnant", "pregnancy", "embarazada", "embarazo", "panic", "anxiety",
                             "ansiedad", "diabetic", "diabetes", "dehydrated", "deshidratado", "deshidratada",
                             "concussion", "conmocion", "workout", "marathon", "gym", "vertigos", "mareos",
                             "hangry", "fasting", "ayuno", "insomnia", "insomnio", "chemo", "quimio",
                             "hospital", "er", "urgencias", "clinic", "clinica", "dental", "dilatacion", "insomnia", "oculista", "dilato", "optometrist",
                             "ophthalmologist", "eyedrops", "drops", "gotas", "panico", "panic", "ataque",
                             "botaron", "despidieron", "fired", "laid", "ent", "ear", "passed", "died", "murio",
                             "fallecio", "funeral", "velorio", "poisoning", "virus",
                             "insomnio", "doctora", "medico", "medica", "hike", "hiking", "hiked",
                             "race", "carrera", "corri", "caminata", "longest", "presion",
                             "graduation", "graduacion", "spreadsheets", "conjuntivitis", "pinkeye",
                             "rollercoaster", "rusa", "yoga", "deprived", "desvelado", "desvelada", "desvelo")) ||
            /* "no sleep since tuesday", "sin dormir", "havent slept" */
            (sleep && in_set(c, j, SET("sleep", "dormir", "slept")) && j > 0 &&
             in_set(c, j - 1, SET("no", "sin", "havent", "hasnt", "didnt", "without"))) ||
            ((is(c, j, "box") || is(c, j, "caja")) && any_str(c, window(c, j, 3, 2, 0), j,
                    SET("says", "dice"))) ||
            (is(c, j, "tal") && is(c, j + 1, "cual")))
            return true;
    }
    return false;
}

bool everyday_cause(const struct ctx *c)
{
    return everyday_cause_of(c, true);
}

/* The effect told of somebody else ("dad ... slurring when i woke him")
 * or of the past ("heart racing after every line, that was my weekends in
 * college", "cuando consumia ... ya eso quedo atras"), anywhere in the
 * reply: a story is told in several sentences. */
bool effect_not_now(const struct ctx *c, size_t i, bool pets)
{
    /* "my wife had two glasses of wine at dinner and got giggly": the
     * last one named before it, with no "I" after her */
    struct span back = window(c, i, 16, 0, 1);
    for (size_t j = i; j > back.lo; j--) {
        if (c->tags[j - 1] & T_SELFSUBJ)
            break;
        /* "bro todo esta en slow motion": a word of address */
        if (in_set(c, j - 1, SET("bro", "tio", "wey", "mano", "brother", "dude", "bruh", "hermano", "primo")) &&
            (j - 1 == 0 || has(c, j - 2, T_BREAK)))
            continue;
        if (c->tags[j - 1] & T_OTHER)
            return true;
    }
    /* a pet ("dog is stoned from the vet sedation lol wobbly boy"; for a
     * cue, not "talking to my cat for hours") */
    if (pets && any_str(c, window(c, i, 14, 0, 2), i, SET("dog", "cat", "puppy", "kitty", "kitten", "pup", "perro",
                "gato", "perrito", "gatito", "doggo")))
        return true;
    /* somebody's words quoted: 'she texted me "cant feel my face"' (not
     * "my wife says im slurring": said of the client) */
    struct span q = window(c, i, 6, 0, 1);
    for (size_t j = q.lo; j < i; j++)
        if (in_set(c, j, SET("texted", "said", "says", "dijo", "wrote", "posted", "saying", "dice", "decia")) &&
            !said_of_client(c, j))
            return true;
    /* "the guy next to me on the train cant stand up straight" */
    if (any_str(c, window(c, i, 12, 0, 1), i, SET("guy", "dude", "man", "lady", "woman", "girl", "señor",
                "senor", "tipo", "vato", "morra", "chava", "chavo", "muchacho", "muchacha")) &&
        !any_in(c, window(c, i, 3, 0, 0), T_SELFSUBJ, i))
        return true;
    for (size_t j = 0; j < c->n; j++)
        if ((is(c, j, "ago") && j > 0 && in_set(c, j - 1, SET("months", "years", "yrs", "year", "month"))) ||
            in_set(c, j, SET("college", "consumia", "tomaba", "usaba", "quedo", "anymore")) ||
            /* "old photos", "en las fotos viejas", "ya no soy esa persona" */
            (in_set(c, j, SET("photos", "pics", "pictures", "fotos", "videos")) &&
             any_str(c, window(c, j, 2, 2, 0), j, SET("old", "viejas", "antiguas", "throwback"))) ||
            (is(c, j, "ya") && is(c, j + 1, "no") && in_set(c, j + 2, SET("soy", "uso", "tomo", "consumo"))) ||
            (is(c, j, "used") && is(c, j + 1, "to")) || (is(c, j, "back") && is(c, j + 1, "when")) ||
            /* "hace un año a esta hora estaria tres dias sin dormir": a
             * year or months ago, or what would have been */
            (is(c, j, "hace") && in_set(c, j + 2, SET("ano", "anos", "meses", "mes"))) ||
            in_set(c, j, SET("estaria", "andaria")) ||
            (is(c, j, "long") && in_set(c, j + 1, SET("done", "gone", "over"))) ||
            (in_set(c, j, SET("my", "mi")) && in_set(c, j + 1, SET("last", "ultima")) &&
             in_set(c, j + 2, SET("binge", "relapse", "recaida", "bender"))))
            return true;
    return false;
}

/* "cant feel my face lmao": numb from a drug, not from the cold, the
 * dentist or the song. Its "cant" is the state itself, not a denial of it:
 * concepts_scan finds it affirmed. */
bool rule_numb_face(const struct ctx *c, size_t i)
{
    /* "cant feel my face", "no siento la cara", "ya no me siento la cara" */
    if (((is(c, i, "face") && i > 2 && is(c, i - 1, "my") && is(c, i - 2, "feel") &&
          in_set(c, i - 3, SET("cant", "cannot", "cnt"))) ||
         (is(c, i, "cara") && i > 2 && is(c, i - 1, "la") && is(c, i - 2, "siento") &&
          any_str(c, window(c, i - 2, 2, 0, 0), i, SET("no")))))
        return !any_str(c, window(c, i, 12, 12, 2), i, SET("cold", "freezing", "frio", "snow",
                        "winter", "weather", "dentist", "novocaine", "song", "weeknd", "wind",
                        "crying", "laughing", "dentista", "anestesia", "muela", "muelas", "viento",
                        "risa", "llorar", "llorando", "cancion")) && !effect_not_now(c, i, true);
    return false;
}

/* The effect at i beside a sign of the substance, with no everyday
 * cause (unless a street drug or drink is named) and not told of somebody
 * else or of the past. */
/* Effects that are seldom anything but a drug's: things breathing or
 * melting, tracers, colours heard, pinned or huge pupils, a grinding jaw,
 * bugs under the skin, couch lock */
static bool strong_effect(const struct ctx *c, size_t i)
{
    return (in_set(c, i, SET("breathing", "respira", "respiran", "melting", "derrite", "derriten",
                             "derritiendo", "trails", "tracers", "estelas", "rastros", "bichos", "locked")) &&
            !any_str(c, window(c, i, 4, 4, 1), i, SET("ice", "snow", "cream", "helado", "nieve", "chocolate",
                     "butter", "cheese", "heat", "calor", "sun", "hielo", "candle", "vela"))) ||
           in_set(c, i, SET("pupils", "pinned", "pupilas")) ||
           /* "las paredes se mueven", "the walls are moving": the walls
            * the verb's own subject (not moving house: "moving out, the
            * walls are bare"), and not a quake */
           (((in_set(c, i, SET("moving", "movin")) && i > 1 && in_set(c, i - 1, SET("are", "r", "keep", "kept", "were")) &&
              in_set(c, i - 2, SET("walls", "ceiling", "floor"))) ||
             (in_set(c, i, SET("mueven", "mueve")) && i > 1 && is(c, i - 1, "se") &&
              in_set(c, i - 2, SET("paredes", "techo", "piso")))) &&
            !any_str(c, window(c, i, 12, 12, 2), i, SET("earthquake", "quake", "temblor", "temblando",
                     "temblo", "sismo", "terremoto", "truck", "train", "tren", "camion", "wind", "viento",
                     "neighbors", "vecinos", "music", "musica", "bass"))) ||
           (in_set(c, i, SET("jaw", "mandibula", "quijada", "grinding", "clenching", "clenched", "rechinando")) &&
            !any_str(c, window(c, i, 8, 8, 1), i, SET("dentist", "dentista", "stress", "estres", "tmj",
                     "night", "noche", "sleep", "dormir", "guard", "guarda"))) ||
           (in_set(c, i, SET("colors", "colores")) && any_str(c, window(c, i, 3, 3, 0), i, SET("hear", "suenan",
                    "sound", "sounds", "taste", "escucho", "oigo")));
}

/* How many effects the reply tells (two or more: "my tongue is too big
 * and the room keeps doing a slow spin") */
size_t effects_in(const struct ctx *c)
{
    size_t n = 0, part = SIZE_MAX;
    for (size_t j = 0; j < c->n && n < 2; j++) {
        if (!effect_at(c, j))
            continue;
        /* "my face is numb" is one effect told in two words: a word said
         * of the body part just named is no second one */
        if (part != SIZE_MAX && j <= part + 4)
            continue;
        n++;
        part = in_set(c, j, SET("nose", "nariz", "labios", "lips", "cara", "face", "jaw", "quijada",
                                "mandibula", "mouth", "boca", "eyes", "eyelids", "ojos", "tongue", "lengua",
                                "heart", "hearts", "corazon", "colors", "colores", "pupils", "pupilas"))
                   ? j : SIZE_MAX;
    }
    return n;
}

static bool effect_signed(const struct ctx *c, size_t i)
{
    bool drug;
    if (effect_not_now(c, i, true))
        return false;
    if (hinted(c, i, &drug))
        return drug || !everyday_cause(c);
    /* no sign of the substance: two effects or a strong one, and no
     * everyday cause named (an effect alone goes to the digest) */
    /* (a cue counted: its everyday causes too, "i got married!!! still
     * floating, i love everyone") */
    if (everyday_cause(c))
        return false;
    if (strong_effect(c, i) || effects_in(c) >= 2)
        return true;
    return effects_in(c) + cues_in(c) >= 2 && !cue_everyday(c);
}

uint32_t rule_relapse_effect(const struct ctx *c, size_t i)
{
    /* its first words, which gate it: every word effect_at() tests token i
     * against, and no other (scripts/gen-reply-triggers.py stops when the
     * two differ) */
    bool head = in_set(c, i, SET("spinning", "spinny", "spins", "tilting", "tilts", "swaying",
                             "tambaleando", "balanceo", "girando", "inclina", "inclinan",
                             "swirling", "tracers", "rastros", "sparkly", "rubbery", "jelly",
                             "gelatina", "fideo", "fideos", "noodle", "chueco", "pixelated",
                             "echoey", "buzzy", "stumbling", "tropezando", "slurry", "zumban",
                             "bichos", "hormigueo", "wobbling", "couchlocked", "lightheaded",
                             "spinnin", "derritiendo", "gibberish", "grinning", "remember",
                             "acuerdo", "clenching", "clenched", "aprieto", "apretando",
                             "scratching", "scratchin", "itchy", "pica", "rascarme", "balance",
                             "equilibrio", "double", "doble", "dos", "two", "slurring", "slurred",
                             "traba", "enredado", "enredada", "tongue", "lengua", "breathing",
                             "respira", "respiran", "melting", "melted", "derrite", "derriten",
                             "derretia", "trails", "trail", "streaks", "estelas", "sparkles",
                             "brillitos", "ondulada", "ondulado", "wavy", "floaty", "floating",
                             "flotando", "floto", "tingly", "wobbly", "swimmy", "noodles",
                             "underwater", "numb", "entumido", "entumida", "blurry", "borroso",
                             "borrosa", "nublada", "nublado", "fuzzy", "syrupy", "giggling",
                             "giggly", "giggles", "laughing", "smiling", "talking", "staring",
                             "reirme", "hablar", "sonreir", "chatty", "platicadora", "platicador",
                             "vibra", "vibrating", "mareada", "mareado", "moving", "mueve",
                             "mueven", "agua", "lejos", "colors", "colores", "lights", "luces",
                             "jaw", "quijada", "mandibula", "grinding", "chattering", "rechinando",
                             "mascar", "heart", "hearts", "corazon", "pupils", "pinned", "pupilas",
                             "eyes", "eyelids", "ojos", "parpados", "straight", "derecho",
                             "munchies", "cabeceando", "mouth", "boca", "nose", "nariz", "labios",
                             "lips", "cara", "face", "siento", "feel", "swimming", "nadan",
                             "bailan", "dancing", "gira", "recto", "eco", "locked", "lenta",
                             "bugs", "stand", "words", "cotton", "sinking", "tipping", "vueltas",
                             "slow", "risa", "lado", "lento", "boat", "nubes", "cierran", "wrong",
                             "eye", "drooling", "babeando", "babeo", "leaning", "dozing", "dozed",
                             "nodding", "falling", "dormido", "dormida", "ido", "ida", "zombie",
                             "zombi", "late", "tripeando", "tripiando", "pararme", "parar")) ||
                in_set(c, i, SET("foot", "pie", "bumped", "bumping", "walking", "walked", "chocando", "choque",
                                 "wobbles", "wobblies"));
    if (head && effect_at(c, i) && effect_signed(c, i))
        return REPLY_R_STATE;
    return 0;
}
