/* SPDX-License-Identifier: Apache-2.0 */
/* reply_concepts_relapse.c: the relapse rules of the reply parser
 * (reply_rules.h): a state now, use acts in slang, a dealer, day one
 * again. */
#include "model/reply_rules.h"

#include "model/reply.h"

/* Token j is a drug word used of no drug: "a shot at the interview", "a
 * shot of espresso" (but "a shot of tequila"), "a coke and a sandwich". */
bool everyday_drug(const struct ctx *c, size_t j)
{
    /* "the feather duster", "took the duster to the blinds"; "un robo" (a
     * theft); "edible arrangements"; nitrous at the dentist */
    /* "tengo hongos en las unas", "hongos en los pies", "sopa de hongos":
     * a fungus or a dish */
    if (in_set(c, j, SET("hongos", "hongo")))
        return any_str(c, window(c, j, 3, 4, 0), j, SET("pies", "pie", "unas", "una", "piel", "uñas",
                       "sopa", "crema", "pizza", "quesadilla", "quesadillas", "pollo", "champiñones",
                       "vaginal", "infeccion", "doctor", "medico", "pomada", "salsa", "tacos", "arroz",
                       "bosque", "pared", "humedad", "hongos"));
    /* "had 4 cokes at the open bar": sodas */
    if (is(c, j, "cokes"))
        return true;
    /* "una coca light", "coca cola": a soda */
    if (is(c, j, "coca"))
        return in_set(c, j + 1, SET("cola", "light", "zero", "diet", "lite", "sin", "de", "y", "con"));
    /* "the ball hit me": a ball, not an eight ball */
    if (is(c, j, "ball"))
        return !(j > 0 && (has(c, j - 1, T_NUMBER) || in_set(c, j - 1, SET("eight", "8", "an"))));
    if (is(c, j, "duster"))
        return !(j > 0 && in_set(c, j - 1, SET("huffing", "huffed", "huff", "huffin", "sniffing",
                                                "sniffed", "did", "hit", "hitting", "some", "cans", "can"))) &&
               /* "huffed some of the duster" */
               !any_str(c, window(c, j, 4, 0, 0), j, SET("huffing", "huffed", "huff", "huffin", "sniffing",
                        "sniffed"));
    /* "the pot luck at church", "a pot of coffee", "the bbq joint", "my
     * knee joint", "joint custody" */
    if (is(c, j, "pot"))
        return in_set(c, j + 1, SET("luck", "roast", "pie", "holder", "pan", "of", "pans", "lid",
                                    "belly", "hole", "holes", "plant", "plants", "luck")) ||
               (j > 0 && in_set(c, j - 1, SET("crock", "instant", "tea", "coffee", "flower", "honey",
                                               "stock", "soup", "crab", "jackpot", "a", "big")));
    if (is(c, j, "joint"))
        return in_set(c, j + 1, SET("downtown", "account", "custody", "venture", "pain", "pains",
                                    "replacement", "near", "across", "on", "in", "by", "that")) ||
               (j > 0 && in_set(c, j - 1, SET("bbq", "burger", "pizza", "taco", "chicken", "pho", "seafood",
                                               "sushi", "breakfast", "food", "chinese", "wing", "wings",
                                               "knee", "hip", "elbow", "ankle", "shoulder", "finger",
                                               "new", "local", "little", "fast")));
    if (is(c, j, "robo"))
        return j > 0 && in_set(c, j - 1, SET("un", "el", "del", "al", "por", "otro", "the", "a"));
    if (in_set(c, j, SET("edible", "edibles")))
        return in_set(c, j + 1, SET("arrangement", "arrangements", "flowers", "fruit", "glitter")) ||
               (j > 0 && in_set(c, j - 1, SET("is", "not", "isnt", "barely", "perfectly")));
    /* "blasted with snow overnight", "2 feet of snow", "the snow": weather */
    if (is(c, j, "snow"))
        return (j > 0 && in_set(c, j - 1, SET("with", "of", "the", "in", "more", "fresh", "first",
                                                "heavy", "wet", "some", "inches", "feet", "ft"))) ||
               any_str(c, window(c, j, 8, 8, 1), j, SET("inches", "feet", "storm", "shovel", "shoveling",
                       "plow", "roads", "blizzard", "snowing", "overnight", "car", "driveway",
                       "sidewalk", "weather", "forecast", "snowman", "sled", "sledding"));
    if (is(c, j, "nitrous"))
        return any_str(c, window(c, j, 8, 8, 1), j, SET("dentist", "dental", "surgery", "tooth",
                       "teeth", "wisdom", "labor", "birth", "delivery"));
    /* "had a root beer instead", "a near beer", "cerveza sin alcohol" */
    if (in_set(c, j, SET("beer", "beers", "cerveza", "wine")) &&
        ((j > 0 && in_set(c, j - 1, SET("root", "ginger", "near", "na", "nonalcoholic", "n/a"))) ||
         (j > 1 && is(c, j - 1, "alcoholic") && in_set(c, j - 2, SET("non", "no"))) ||
         (is(c, j + 1, "sin") && is(c, j + 2, "alcohol")) ||
         /* "cerveza cero", "beer zero", "n/a beer" */
         in_set(c, j + 1, SET("cero", "zero", "free", "00", "0")) ||
         (j > 2 && is(c, j - 1, "a") && is(c, j - 3, "n"))))
        return true;
    if (is(c, j, "alcohol") && j > 0 && in_set(c, j - 1, SET("sin", "non", "free", "zero")))
        return true;
    /* "wobbly boy", "my girl": a person or a pet, unless bought or used
     * ("copped some boy", "a bag of girl") */
    if (in_set(c, j, SET("boy", "girl")))
        return !(j > 0 && (in_set(c, j - 1, SET("some", "of", "did", "copped", "sniffed", "snorted", "shot",
                                                 "cop", "bag", "bags", "on", "sum", "the", "doing", "do",
                                                 "doin")) ||
                           /* "doing boy and girl again" */
                           (j > 2 && in_set(c, j - 1, SET("and", "n")) && in_set(c, j - 2, SET("boy", "girl")) &&
                            in_set(c, j - 3, SET("doing", "do", "did", "doin", "some", "on")))));
    /* "this cold brew", "iced brew": coffee */
    if (in_set(c, j, SET("brew", "brews")) && j > 0 && in_set(c, j - 1, SET("cold", "coffee", "iced", "nitro")))
        return true;
    /* "a coke with lunch", "una coca con los tacos": a soda, counted */
    if (is(c, j, "coke") || is(c, j, "coca"))
        return (j > 0 && in_set(c, j - 1, SET("a", "una", "unas", "diet", "cold"))) ||
               any_str(c, window(c, j, 3, 3, 0), j, SET("diet", "zero", "can", "soda", "cola",
                       "sandwich", "burger", "fries", "pizza", "lunch", "dinner", "refresco",
                       "tacos", "comida", "tortas", "almuerzo", "cena"));
    /* "a bowl of ramen", "lines of code", "a pint of ice cream": a measure
     * of no drug */
    if (in_set(c, j, SET("bowl", "bowls", "bar", "bars", "line", "lines", "glass", "pint", "pack",
                          "handle")) &&
        is(c, j + 1, "of"))
        return !has(c, j + 2, T_DRUG) || everyday_drug(c, j + 2);
    /* "got a handle on it", "the door handle" */
    if (is(c, j, "handle"))
        return in_set(c, j + 1, SET("on", "it", "this", "that", "things", "the")) ||
               (j > 0 && in_set(c, j - 1, SET("door", "the", "pan", "mug", "cant", "could", "can", "to")));
    /* "granola bars", "took the bars off the bike", "the bar exam", "full
     * bars" of signal */
    if (in_set(c, j, SET("bar", "bars")))
        return (j > 0 && in_set(c, j - 1, SET("granola", "protein", "chocolate", "candy", "snack",
                                              "energy", "monkey", "pull", "grab", "soap", "gold",
                                              "cereal", "handle", "sports", "gay", "karaoke", "salad",
                                              "tiki", "health", "progress", "signal", "wifi", "full",
                                              "chin", "tow"))) ||
               is(c, j + 1, "off") || (j > 0 && is(c, j - 1, "the") && is(c, j + 1, "on")) ||
               in_set(c, j + 1, SET("exam", "exams", "association", "chart", "graph"));
    /* "brown rice", "a brown dog", "brown and white": a colour; heroin is
     * "brown" said bare ("had some brown friday", "on that brown again") */
    if (is(c, j, "brown"))
        return !(j + 1 >= c->n || has(c, j + 1, T_BREAK | T_TIME | T_AGAIN | T_INTENS) ||
                 in_set(c, j + 1, SET("again", "all", "off", "from", "last", "yesterday", "lol", "smh",
                                      "tonight", "with", "w", "friday", "saturday", "sunday", "monday",
                                      "tuesday", "wednesday", "thursday", "til", "till", "today")) ||
                 (in_set(c, j + 1, SET("and", "n")) &&
                  !in_set(c, j + 2, SET("white", "black", "red", "blue", "green", "gold", "gray",
                                        "grey", "orange", "pink", "tan", "yellow", "purple"))));
    /* ecstasy: "popped a bean", "dropped 2 beans", "took half a bean"; not
     * "rice and beans", "a bean burrito", "dropped the beans" */
    if (in_set(c, j, SET("bean", "beans")))
        return !(j > 1 && (has(c, j - 1, T_NUMBER) ||
                           in_set(c, j - 1, SET("a", "an", "two", "three", "couple", "few", "some"))) &&
                 any_str(c, window(c, j, 3, 0, 0), j, SET("popped", "pop", "popping", "poppin",
                         "dropped", "drop", "dropping", "took", "taking", "rolling", "on"))) ||
               in_set(c, j + 1, SET("burrito", "burritos", "dip", "soup", "bag", "sprouts", "salad", "of"));
    /* moonshine: "that shine", "some shine", "a jar of shine"; not "rise
     * and shine", "my shoes shine" */
    if (is(c, j, "shine"))
        return !(j > 0 && in_set(c, j - 1, SET("that", "some", "the", "of", "homemade", "corn",
                                               "moon", "apple", "peach", "drinking", "drank"))) ||
               in_set(c, j + 1, SET("on", "like", "bright", "through", "thru", "in", "and"));
    /* "a crack in my windshield", "cracks on the screen", "crack a joke",
     * "the crack of dawn": a split, no cocaine ("smoked some crack in the
     * car" stays the drug) */
    if (in_set(c, j, SET("crack", "cracks")))
        return (j > 0 && in_set(c, j - 1, SET("a", "the", "small", "big", "hairline", "little", "huge",
                                              "tiny", "long", "new", "another")) &&
                in_set(c, j + 1, SET("in", "on", "across", "down", "from", "along"))) ||
               in_set(c, j + 1, SET("jokes", "joke", "egg", "eggs", "knuckles", "smile", "open")) ||
               (is(c, j + 1, "of") && is(c, j + 2, "dawn"));
    /* "compré margaritas para mi mamá", "un ramo de margaritas": daisies,
     * in Spanish (not "too many margaritas") */
    if (in_set(c, j, SET("margarita", "margaritas")))
        return !any_in(c, window(c, j, 3, 0, 0), T_TOOK | T_USEV, j) &&
               ((j > 0 && in_set(c, j - 1, SET("unas", "las", "mis", "de", "compre", "ramo", "flores",
                                              "sembre", "planta", "plante"))) ||
               any_str(c, window(c, j, 4, 4, 0), j, SET("flores", "flor", "ramo", "jardin", "maceta",
                       "flowers", "garden", "bouquet", "tia", "abuela", "senora")));
    /* "crank up the heat", "a crank call": no meth */
    if (is(c, j, "crank"))
        return in_set(c, j + 1, SET("up", "the", "it", "that", "call", "calls", "caller", "down", "out",
                                    "my", "his", "her", "shaft", "window", "windows", "handle")) &&
               !(is(c, j + 1, "out") && in_set(c, j + 2, SET("his", "her", "their", "the", "of")));
    /* heroin in the Caribbean, lard in the kitchen: "le puse manteca a los
     * frijoles", "manteca de cerdo" */
    if (is(c, j, "manteca"))
        return in_set(c, j + 1, SET("a", "al", "de", "para", "pa", "y")) ||
               any_str(c, window(c, j, 5, 5, 0), j, SET("frijoles", "tamales", "masa", "pan", "tortillas",
                       "cocinar", "receta", "puerco", "cerdo", "cocina", "comida", "puse", "sarten"));
    /* "tengo una piedra en el riñón", "una piedra del zapato": a stone */
    if (in_set(c, j, SET("piedra", "piedras")))
        return in_set(c, j + 1, SET("en", "del", "de", "grande", "que", "al"));
    /* "crystal clear", "a crystal vase", "my coworker crystal", "my sister
     * tina" */
    if (is(c, j, "tina") && (in_set(c, j + 1, SET("is", "was", "and", "said", "says")) ||
                             (j > 0 && in_set(c, j - 1, SET("my", "with", "and", "to", "coworker",
                                      "friend", "sister", "cousin", "aunt", "named", "miss", "ms")))))
        return true;
    if (is(c, j, "crystal"))
        return in_set(c, j + 1, SET("clear", "glass", "glasses", "ball", "vase", "bowl", "light", "is",
                                    "was", "and", "said", "says")) ||
               (j > 0 && in_set(c, j - 1, SET("my", "with", "and", "to", "coworker", "friend", "sister",
                                              "cousin", "aunt", "named")));
    /* "ice skating", "ice cream", "put ice on it" */
    if (is(c, j, "ice"))
        return in_set(c, j + 1, SET("skating", "skate", "cream", "cubes", "cube", "pack", "bath",
                                    "hockey", "fishing", "rink", "tea", "coffee", "water", "storm",
                                    "on", "machine", "maker")) ||
               (j > 0 && in_set(c, j - 1, SET("put", "iced", "the", "on", "black")));
    /* "a drink of water", "drinks of juice": of anything but a drink */
    if (in_set(c, j, SET("drink", "drinks", "trago", "tragos")) && is(c, j + 1, "of"))
        return !has(c, j + 2, T_DRUG);
    if (!is(c, j, "shot"))
        return false;
    /* "my flu shot", "a covid shot and a booster", "b12 shot" */
    if ((j > 0 && in_set(c, j - 1, SET("flu", "covid", "tetanus", "b12", "allergy", "cortisone", "steroid",
                                       "insulin", "vitamin", "booster", "tdap", "shingles", "rabies"))) ||
        any_str(c, window(c, j, 6, 6, 1), j, SET("vaccine", "vaccinated", "booster", "pharmacy", "nurse",
                "tetanus", "vacuna")))
        return true;
    if (is(c, j + 1, "of"))
        return !has(c, j + 2, T_DRUG);
    /* "took a shot at the job" (a try), but "a shot at the bar"; "a shot
     * in the arm", "a shot in the dark", "got a shot in" (a vaccine), but
     * "did a shot in the bathroom" */
    if (is(c, j + 1, "at"))
        return !any_str(c, window(c, j, 0, 4, 0), j, SET("bar", "club", "party", "wedding", "pregame",
                        "bachelor", "bachelorette", "reception", "bday", "birthday", "cookout"));
    if (is(c, j + 1, "in"))
        return any_str(c, window(c, j, 0, 4, 0), j, SET("arm", "dark", "butt", "leg", "shoulder",
                       "back", "foot", "head", "chest", "stomach", "face", "neck", "hip")) ||
               !any_str(c, window(c, j, 3, 0, 0), j, SET("did", "do", "doing", "downed", "pounded",
                        "threw", "had", "took"));
    /* "shot my shot", "shoot your shot": asked somebody out */
    if (j > 1 && in_set(c, j - 1, SET("my", "your", "his", "her")) &&
        in_set(c, j - 2, SET("shot", "shoot", "shooting", "shoots")))
        return true;
    return in_set(c, j + 1, SET("hoops", "clock", "glass", "put", "to", "with", "my", "your"));
}

/* A substance named in span s, other than token skip. */
static bool drug_in(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & T_DRUG) && !everyday_drug(c, j))
            return true;
    return false;
}

/* ---- contact with a dealer ----------------------------------------------
 * Composed: a supplier (a dealer word, "my guy", "the one i buy from", "el
 * que me vende", "he" bringing "it") with an act of reaching, meeting,
 * waiting on, paying or buying from them, and no refusal ("deleted",
 * "blocked", "didn't answer", "told him no") in the clause. The past,
 * somebody else and a group's topic are the context rules' (context_of). */

/* Acts toward a supplier besides the T_CONTACTV and T_GOT words. */
static const char *const dealer_acts[] = {
    "hmu", "messaged", "message", "msg", "dm", "dmd", "snapped", "snap", "reached", "linked",
    "link", "linking", "waiting", "wait", "pulling", "pulled", "way", "omw", "coming", "came",
    "dropping", "dropped", "drop", "bringing", "brought", "bring", "delivers", "delivered",
    "ordered", "order", "sent", "send", "cashapped", "cashapp", "venmo", "venmod", "zelle",
    "paid", "pay", "owe", "cop", "copped", "copping", "pick", "picked", "pickup", "grab", "grabbed",
    "going", "stopped", "slide", "slid", "asked", "ask", "hooked", "looking", "outside", "front",
    "through", "thru", "saved", "get", "gets", "score", "hitting", "called", "texting", "calling",
    "see", "seeing", "meeting", "go", "visit", "here", "heading", "swing", "stop",
    "mensaje", "esperando", "espero", "viene", "vino", "traiga", "trae", "traer", "pague",
    "quede", "junte", "ver", "buscando", "contesto", "surta", "fiado", "pedi", "afuera",
    "camino", "llego", "alla", "escribi", "llame", "hable", "marque", "compre", "comprar", "txtd",
    "txted", "unblocked", "fronted", "fio", "fiao", "fiaron", "trajo", "guardo", "guardado",
    "guardada", "seen", "offered", "offer", "ofrecio"};

/* Words that undo the contact: a refusal, a block, sobriety's own. */
static const char *const dealer_refusals[] = {
    "deleted", "delete", "blocked", "bloquee", "borre", "ignored", "ignore", "ignoring", "told",
    "dije", "avoided", "avoid", "walked", "instead", "changed", "lose", "hung", "drove", "cut",
    "cutting", "rechace", "colgue", "evitar", "evite", "cambie",
    "evitando", "avoiding", "alejarme", "alejarse", "staying", "ring", "voicemail", "declined",
    "decline", "unanswered"};

/* A dealer, plug or connect of no drug: "the dealer at the dealership", "my
 * connect at the job center", "a plug for concert tickets". */
static const char *const everyday_supply[] = {
    "dealership", "dealerships", "lease", "financing", "warranty", "recall", "poker", "blackjack",
    "casino", "honda", "toyota", "ford", "chevy", "nissan", "job", "jobs", "recruiter", "hr",
    "interview", "housing", "apartment", "tickets", "concert", "sneakers", "internship",
    "boletos", "concierto", "trabajo", "chamba",
    "resume", "caseworker", "office", "agency", "union", "crew", "jerseys", "jersey", "team",
    "tenis", "jordan", "jordans", "fabrica", "factory", "rate", "sneaker", "shoes", "merch", "seats",
    /* the car lot's: "the dealer tried to upsell me", "el dealer de carros" */
    "upsell", "upselling", "upsold", "carros", "coches", "autos"};

/* Things a "guy" or "el que me vende" deals in that are no drug. */
static const char *const everyday_trade[] = {
    "shop", "mechanic", "fix", "fixed", "fixing", "couch", "sink", "car", "body", "furniture",
    "office", "voucher", "housing", "caseworker", "program",
    "plumber", "landlord", "paperwork", "tv", "truck", "parts", "part", "tires", "repair",
    "haircut", "barber", "lawn", "taller", "pieza", "pan", "tamales", "tienda", "tacos",
    "elotes", "ropa", "loan", "insurance", "couch", "desk", "bed", "tickets", "sneakers",
    "shoes", "dealership", "movers", "moving", "plumbing", "sale", "fridge", "tiles", "pipes",
    "wifi", "internet", "printer", "roof", "yard", "house", "pizza", "food", "church", "iglesia",
    "coffee", "cafe", "farmers", "market", "mercado", "tomatoes", "veggies", "crew", "landscaping",
    "construction", "college", "chiropractor", "physical", "therapy", "trainer", "barbershop",
    "barberia", "tattoo", "jerseys", "jersey", "team", "tenis", "jordans", "zapatos", "union",
    "doctor", "referred", "dentist", "lawyer", "abogado", "tire", "oil", "brakes"};

/* What an electric plug is found with. */
static const char *const electric[] = {
    "charger", "phone", "outlet", "socket", "cord", "lamp", "cable", "adapter", "extension",
    "wall", "tv", "power", "laptop", "drain", "sink", "tub", "spark", "loose", "printer",
    "speaker", "fridge", "headphones", "earbuds", "heater", "fan", "sparking", "sparks",
    "electrician", "breaker", "cargador", "enchufe", "cel", "celular", "bateria",
    /* "my plug broke", "a usb-c plug" */
    "broke", "broken", "usb", "usbc", "charging", "charge", "melted", "adaptor", "prong", "prongs"};

/* An electric thing near the plug at token i, not a phone that rings
 * ("the plug keeps blowing up my phone"); the outlet may be named a
 * clause before ("the outlet keeps sparking, landlord coming to fix the
 * plug") */
static bool electric_near(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 12, 6, 1);
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != i && in_set(c, j, LIST(electric)) &&
            !(is(c, j, "phone") && j > 1 && is(c, j - 1, "my") &&
              in_set(c, j - 2, SET("up", "blowing", "on", "called", "calling", "texting", "texted"))))
            return true;
    return false;
}

/* A negator that denies no contact: "can't stop", "ngl", "idc". */
static bool dealer_neg(const struct ctx *c, size_t j)
{
    return has(c, j, T_NEG) && !in_set(c, j + 1, SET("stop", "resist", "help", "lie", "wait",
                                                      "even", "know", "care", "cap", "judge",
                                                      "tell", "sleep", "puedo", "aguante", "say",
                                                      "proud", "sure", "sorry", "think", "gonna"));
}

/* A negator after the contact that refuses it: "and i didn't answer",
 * "but i didn't", "told him no", not "don't be mad", "no regrets". */
static bool dealer_neg_after(const struct ctx *c, size_t j)
{
    if (!has(c, j, T_NEG))
        return false;
    if (j + 1 >= c->n || has(c, j + 1, T_BREAK))
        return true; /* "...but i didn't." */
    if (is(c, j + 1, "do") && in_set(c, j + 2, SET("this", "anymore")))
        return false; /* "about to call my dealer i cant do this" */
    /* "need a ride to my guy's spot, bus doesnt go out there": a thing
     * that does not go, no refusal */
    if (j > 0 && in_set(c, j - 1, SET("bus", "buses", "train", "car", "uber", "lyft", "ride", "phone", "app",
                                      "subway", "metro", "camion", "carro", "tren", "bike", "truck")))
        return false;
    if (is(c, j, "no") && j > 0 && in_set(c, j - 1, SET("said", "told", "que", "him", "her", "them")))
        return true;
    for (size_t k = j + 1; k <= j + 2 && k < c->n; k++)
        if (in_set(c, k, SET("answer", "answered", "respond", "responded", "reply", "replied", "text",
                             "call", "pick", "go", "went", "open", "meet", "buy", "bought", "use",
                             "do", "did", "get", "cop", "contesto", "conteste", "compre", "fui",
                             "le", "going", "gonna", "stop", "stopped", "pare", "entre", "baje")))
            return true;
    return false;
}

/* Whether the contact with a supplier at token i is refused or undone: 1
 * by a negator before it in its clause, a refusing one after it or a
 * refusal word; 2 only by sobriety's words ("my dealer friend got clean"),
 * which the context rules then read as sobriety news (or not: "couldn't
 * stay clean"); 0 not. */
/* A refusal taken back after the dealer: "deleted my dealers number but i
 * found it again and called", "blocked my plug but then i unblocked him";
 * not "my dealer called but i didnt answer". */
static bool refusal_undone(const struct ctx *c, size_t i, struct span fwd)
{
    for (size_t j = i + 1; j < fwd.hi; j++) {
        if (!has(c, j, T_CONTRAST))
            continue;
        struct span after = window(c, j, 0, 8, 1);
        /* "but called my sponsor instead": the call went elsewhere */
        if (any_str(c, after, j, SET("instead", "sponsor", "padrino", "madrina", "therapist",
                                     "counselor", "mom", "mama", "sister", "brother", "wife",
                                     "husband", "friend", "hotline", "peer", "group")))
            return false;
        return !any_in(c, after, T_NEG, j) &&
               (any_in(c, after, T_CONTACTV, j) ||
                any_str(c, after, j, SET("called", "texted", "again", "unblocked", "answered",
                                         "llame", "marque", "desbloquee", "conteste")));
    }
    return false;
}

/* Token j is part of a "no" denied, which takes the offer: "didnt say no",
 * "couldnt say no", "no le dije que no", "no pude decir que no". */
bool no_not_said(const struct ctx *c, size_t j)
{
    /* at the last "no" or its saying: a negator before the saying */
    size_t s = j;
    if (is(c, s, "no") && s > 0)
        s--;
    if (is(c, s, "que") && s > 0 && s < j)
        s--;
    bool said_no = s < j || is(c, j + 1, "no") || (is(c, j + 1, "que") && is(c, j + 2, "no"));
    if (said_no && in_set(c, s, SET("say", "said", "dije", "decir", "decirle", "dijo")))
        for (size_t k = s; k > 0 && k + 4 > s; k--)
            if (has(c, k - 1, T_NEG) || in_set(c, k - 1, SET("couldnt", "cudnt", "cant")))
                return !(k > 1 && has(c, k - 2, T_OTHER)); /* "he didnt say no": his */
    /* at the negator: a saying of "no" after it */
    if ((!has(c, j, T_NEG) && !in_set(c, j, SET("couldnt", "cudnt", "cant"))) || (j > 0 && has(c, j - 1, T_OTHER)))
        return false;
    for (size_t k = j + 1; k < c->n && k <= j + 4; k++)
        if (in_set(c, k, SET("say", "said", "dije", "decir", "decirle", "dijo")))
            return is(c, k + 1, "no") || (is(c, k + 1, "que") && is(c, k + 2, "no"));
    return false;
}

static int dealer_refused(const struct ctx *c, size_t i)
{
    struct span back = window(c, i, 8, 0, 0), fwd = window(c, i, 0, 10, 1);
    int sober = 0;
    /* "didn't want to but i texted him": a contrast before ends the denial */
    for (size_t j = i; j > back.lo; j--)
        if (has(c, j - 1, T_CONTRAST)) {
            back.lo = j;
            break;
        }
    for (size_t j = back.lo; j < fwd.hi; j++) {
        if (j == i)
            continue;
        /* "told him to come by" asks him over */
        if (is(c, j, "told") && any_str(c, window(c, j, 0, 4, 0), j, SET("come", "bring", "slide",
                                        "pull", "meet", "drop", "swing", "stop")))
            continue;
        /* "segui caminando", "kept walking": past it */
        if (in_set(c, j, SET("segui", "kept", "keep")) &&
            in_set(c, j + 1, SET("walking", "caminando", "going", "driving", "manejando", "de", "moving")))
            return refusal_undone(c, i, fwd) ? 0 : 1;
        /* "didnt say no", "no le dije que no": a refusal denied; "picked up
         * on the first ring": answered, not let ring */
        if (no_not_said(c, j) || (is(c, j, "ring") && j > 0 && in_set(c, j - 1, SET("first", "second", "1st"))))
            continue;
        /* "told him yes", "le dije que si": an answer that takes it */
        if (in_set(c, j, SET("told", "dije", "said", "dijo")) &&
            any_str(c, window(c, j, 0, 3, 0), j, SET("yes", "yeah", "yea", "yep", "si", "sure", "ok",
                                                      "okay", "bet", "dale", "sale")) &&
            !any_in(c, window(c, j, 0, 4, 0), T_NEG, j))
            continue;
        /* "drove past the spot" turns away; "drove to the spot and bought"
         * goes there */
        if (in_set(c, j, SET("drove", "walked")) && j + 1 < c->n && in_set(c, j + 1, SET("to", "over", "out")) &&
            !any_str(c, window(c, j, 0, 8, 1), j, SET("past", "away", "home", "by", "instead",
                                                       "around", "off")))
            continue;
        if ((j < i ? dealer_neg(c, j) : dealer_neg_after(c, j)) || in_set(c, j, LIST(dealer_refusals)))
            return refusal_undone(c, i, fwd) ? 0 : 1;
        if (has(c, j, T_SOBER))
            sober = 2;
    }
    return sober;
}

/* The person word at token i is the client's: "my guy", "my old dude",
 * "mi vato". */
static bool owned(const struct ctx *c, size_t i)
{
    if (i > 0 && in_set(c, i - 1, SET("my", "mi")))
        return true;
    return i > 1 && in_set(c, i - 1, SET("old", "new", "usual", "viejo")) && in_set(c, i - 2, SET("my", "mi"));
}

/* "guy at work sells crank", "my coworker sells blues out his car": a
 * person described as a seller of a drug (the buying may come a clause
 * later: "..., i bought some") */
static bool seller_described(const struct ctx *c, size_t i)
{
    return any_str(c, window(c, i, 0, 4, 0), i, SET("sells", "deals", "pushes", "vende", "sell", "selling")) &&
           drug_in(c, window(c, i, 0, 7, 0), i);
}

/* The kind of supplier token i names: 0 none, 1 a dealer word or a
 * relative ("the guy i buy from"), 2 a person word the client owns ("my
 * guy"), which a trade of no drug makes everyday. */
static int supplier_at(const struct ctx *c, size_t i)
{
    bool after_det = i > 0 && in_set(c, i - 1, SET("my", "the", "a", "new", "old", "his", "her",
                                                  "your", "that", "this", "our", "mi", "el", "al",
                                                  "un", "del", "su", "nuevo", "viejo", "buscando",
                                                  "tengo", "otro", "ningun"));
    if (in_set(c, i, SET("dealer", "dealers", "connect", "connects", "plug", "plugs", "conecte",
                         "conecta")) &&
        any_str(c, window(c, i, 6, 8, 1), i, LIST(everyday_supply)))
        return 0;
    if (in_set(c, i, SET("connect", "connects", "conecte", "conecta")))
        return after_det && (in_set(c, i - 1, SET("my", "mi")) ||
                             !in_set(c, i + 1, SET("four", "with", "to", "the", "con", "a", "al"))) ? 1 : 0;
    /* "met my plug in the walmart parking lot": a place, not plugging in */
    if (in_set(c, i, SET("plug", "plugs")))
        return (!in_set(c, i + 1, SET("in", "into", "it", "for", "them", "the")) ||
                (is(c, i + 1, "in") && in_set(c, i - 1, SET("my", "mi")) && in_set(c, i + 2, SET("the", "a")) &&
                 any_str(c, window(c, i, 4, 0, 0), i, SET("met", "meet", "meeting", "seeing", "saw", "see",
                                                          "linked", "link", "waiting")))) &&
               !electric_near(c, i) ? 1 : 0;
    /* a dealer word misspelt ("my dealr", "the delaer"): no rule names it;
     * and Spain's "el camello", named by rule_dealer for Colombia's */
    if ((has(c, i, T_DEALER) && !c->named[i]) || is(c, i, "camello"))
        return after_det ? 1 : 0;
    if (in_set(c, i, SET("dealer", "dealers", "diler", "dilers")))
        return i > 0 && in_set(c, i - 1, SET("car", "card", "cards", "auto", "blackjack", "casino",
                                             "truck", "used", "boat", "art", "antique")) ? 0 : 1;
    if (in_set(c, i, SET("supplier", "suppliers", "proveedor", "dboy", "transa", "puntero",
                          "bichote", "narco", "pusher", "puchador", "narcomenudista")))
        return 1;
    /* "el jibaro del parque" (Puerto Rico's street seller); not "soy
     * jibaro", "música jíbara": a seller only with an act (rule_dealer) */
    if (in_set(c, i, SET("jibaro", "jibara")))
        return i > 0 && in_set(c, i - 1, SET("el", "al", "del", "un", "mi", "otro", "ese")) &&
               !any_str(c, window(c, i, 6, 6, 1), i, SET("musica", "soy", "era", "cafe", "campo",
                        "lares", "orgullo", "cuatro", "trova", "sombrero", "pava")) ? 1 : 0;
    /* "guy at work sells crank", "my coworker sells blues out his car": a
     * seller of a drug, described */
    if (in_set(c, i, SET("guy", "dude", "man", "lady", "coworker", "neighbor", "vato", "tipo")) &&
        seller_described(c, i) &&
        !(i > 0 && in_set(c, i - 1, SET("my", "mi"))) == !is(c, i, "coworker"))
        return 1;
    if (in_set(c, i, SET("boy", "man")) && i > 0 && is(c, i - 1, "dope"))
        return 1; /* "the dope boy" */
    /* a supplier named by his trade: "the candy man", "the weed man", "the
     * pill lady"; not "the candy man at the fair", "the ice cream man" */
    if (in_set(c, i, SET("man", "lady", "guy", "dude", "boy", "girl")) && i > 1 &&
        in_set(c, i - 1, SET("candy", "weed", "pill", "pills", "coke", "crack", "molly", "bud", "pot",
                             "xan", "perc", "percs", "blues", "bars", "bean", "smoke", "meth", "ice", "tina",
                             "powder")) &&
        in_set(c, i - 2, SET("the", "my", "a", "that", "this", "our", "old", "new", "ol")) &&
        !is(c, i - 2, "ice"))
        return any_str(c, window(c, i, 8, 8, 1), i, SET("fair", "carnival", "lollipop", "lollipops",
                       "parade", "halloween", "store", "shop", "kids", "kid", "chocolate", "movie",
                       "song", "sammy", "willy", "wonka", "mall", "truck", "cream", "costume",
                       "bakery", "gave", "lotion", "pharmacy", "pharmacist", "doctor")) ? 0 : 1;
    /* "ol boy" (that guy, unnamed) met out of sight: "met ol boy behind the
     * gas station", "met up w ol boy like old times"; not "went fishing
     * with ol boy" */
    if (is(c, i, "boy") && i > 0 && in_set(c, i - 1, SET("ol", "ole", "old")) &&
        !(i > 1 && in_set(c, i - 2, SET("my", "his", "her", "good", "the", "your"))))
        return any_str(c, window(c, i, 4, 0, 0), i, SET("met", "meet", "meeting", "linked", "link",
                       "seen", "saw", "see", "slid", "hit", "went", "pulled", "copped", "got")) &&
               any_str(c, window(c, i, 0, 8, 1), i, SET("behind", "alley", "alleyway", "underpass",
                       "lot", "corner", "times", "trap", "spot", "dope", "bag")) &&
               !any_str(c, window(c, i, 8, 10, 1), i, LIST(everyday_trade)) ? 2 : 0;
    /* "el de la esquina" (the one on the corner), "al de la esquina": a
     * seller unnamed; not "el de la tienda de la esquina", tamales */
    if (is(c, i, "esquina") && i > 2 && is(c, i - 1, "la") && is(c, i - 2, "de") &&
        in_set(c, i - 3, SET("el", "al", "del", "la")))
        return any_str(c, window(c, i, 6, 8, 1), i, LIST(everyday_trade)) ||
               any_str(c, window(c, i, 6, 8, 1), i, SET("dulce", "paletas", "raspados", "fruta",
                       "tortillas", "tamal", "champurrado", "nieve", "helado", "periodico")) ? 0 : 1;
    /* "i know a guy", "the one i used to buy from", "someone who sells" */
    if (in_set(c, i, SET("guy", "dude", "one", "someone", "somebody", "person", "man", "lady"))) {
        struct span s = window(c, i, 0, 6, 0);
        if (i > 1 && is(c, i - 2, "know") && is(c, i - 1, "a"))
            return 1;
        /* "got some blues from a guy", "copped off some dude" */
        if (i > 1 && in_set(c, i - 1, SET("a", "some", "this", "that")) &&
            in_set(c, i - 2, SET("from", "off")) &&
            any_in(c, window(c, i, 6, 0, 0), T_GOT | T_USEACT, i))
            return 1;
        if (any_str(c, s, i, SET("buy", "bought", "get", "got", "cop", "copped", "score", "scored")) &&
            any_str(c, s, i, SET("from", "off")))
            return 1;
        if (any_str(c, window(c, i, 0, 3, 0), i, SET("sells", "sold", "sell", "selling", "deals")) &&
            any_str(c, window(c, i, 0, 2, 0), i, SET("who", "that")))
            return 1;
        /* "a guy who can get me some", "someone that could hook me up" */
        if (any_str(c, window(c, i, 0, 2, 0), i, SET("who", "that")) &&
            any_str(c, window(c, i, 0, 3, 0), i, SET("can", "could", "will")) &&
            any_str(c, window(c, i, 0, 5, 0), i, SET("get", "hook", "score", "find", "plug")) &&
            !any_str(c, window(c, i, 0, 8, 0), i, LIST(everyday_trade)))
            return 1;
    }
    /* "el que me vende", "al que me vendía", "el vato que vende" */
    if (in_set(c, i, SET("vende", "vendia", "vendio", "surte", "surtia", "vendian", "mueve", "movia",
                          "mueven"))) {
        size_t q = i > 0 && in_set(c, i - 1, SET("me", "nos", "le")) ? i - 1 : i;
        if (q > 0 && is(c, q - 1, "que"))
            return !any_str(c, window(c, i, 0, 4, 0), i, LIST(everyday_trade)) &&
               !(in_set(c, i + 1, SET("el", "la", "los", "las", "unos", "unas")) && !has(c, i + 2, T_DRUG)) ? 1 : 0;
    }
    /* "sold me some", "me vendieron": buying, the seller unnamed (the
     * sale is the act) */
    if (in_set(c, i, SET("sold", "sells", "vendio", "vendieron")) &&
        (is(c, i + 1, "me") || (i > 0 && is(c, i - 1, "me")))) {
        size_t o = is(c, i + 1, "me") ? i + 2 : i + 1; /* "sold me his car", "me vendio su bici" */
        return !any_str(c, window(c, i, 4, 5, 0), i, LIST(everyday_trade)) &&
               !(in_set(c, o, SET("his", "her", "their", "my", "su", "sus", "mi", "its")) &&
                 !has(c, o + 1, T_DRUG | T_MED)) ? 3 : 0;
    }
    /* "my guy friends", "my guys from work": company, not a supplier */
    if (in_set(c, i + 1, SET("friends", "friend", "buddies", "coworkers", "cousins", "friday")))
        return 0;
    /* "mi compa anda bien arrebatado", "my guy is so high lol": a person
     * whose state is told, no supplier (the state is read as theirs) */
    if (in_set(c, i, SET("guy", "dude", "man", "boy", "tipo", "vato", "bato", "compa")) &&
        any_in(c, window(c, i, 0, 4, 0), T_STATE, i))
        return 0;
    if (in_set(c, i, SET("guy", "dude", "man", "boy", "tipo", "vato", "bato", "compa", "source",
                          "senor", "hookup", "hook")) &&
        owned(c, i)) {
        /* "MY GUY!! my brother got into college": a cheer, said alone */
        if (i + 1 < c->n && has(c, i + 1, T_BREAK) && (i < 2 || has(c, i - 2, T_BREAK)))
            return 0;
        return 2;
    }
    /* "the dude is pulling up", "a guy is bringing me some": a person
     * word of no one's, with a delivery */
    if (in_set(c, i, SET("guy", "dude", "man", "tipo", "vato")) && i > 0 &&
        in_set(c, i - 1, SET("the", "a", "this", "that", "some", "el", "un", "al", "ese")) &&
        (any_in(c, window(c, i, 4, 0, 0), T_CONTACTV, i) ||
         any_str(c, window(c, i, 4, 6, 0), i, SET("dropping", "pulling", "ordered", "bringing", "drop",
                 "sent", "venmo", "cashapp", "paid", "dope", "bought", "bag", "score", "block", "omw",
                 "traiga", "trae", "vende", "picked", "cop", "copped", "waiting", "outside", "way",
                 "coming", "buy", "vendia", "buscar"))) &&
        /* "my doctor sent me to a guy for my back" */
        !any_str(c, window(c, i, 8, 8, 1), i, LIST(everyday_trade)))
        return 2;
    return 0;
}

/* "he's on his way with it", "she's pulling up w the stuff": somebody
 * bringing "it" to the client. */
static bool bringing_it(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 0, 8, 1);
    if (!any_str(c, s, i, SET("way", "omw", "coming", "pulling", "dropping", "bringing", "outside",
                              "here", "viene", "trae")))
        return false;
    for (size_t j = s.lo; j + 1 < s.hi; j++)
        if (in_set(c, j, SET("with", "w", "con")) &&
            in_set(c, j + 1, SET("it", "the", "my", "lo", "la", "mi")) &&
            (is(c, j + 1, "it") || is(c, j + 1, "lo") || in_set(c, j + 2, SET("stuff", "shit", "pack", "bag", "mio", "stash"))))
            return true;
    return false;
}

/* "you know why", "ya sabes quien", "everyone knows what room": a
 * purpose or a person left unsaid after "know" at token k (not "you know
 * what i mean", "you know how it is") */
static bool left_unsaid(const struct ctx *c, size_t k)
{
    if (!in_set(c, k, SET("know", "knows", "sabes", "sabe", "saben")))
        return false;
    for (size_t j = k + 1; j < c->n && j <= k + 3; j++) {
        if (in_set(c, j, SET("mean", "im", "i", "how", "como", "lo", "it", "the")))
            return false;
        if (in_set(c, j, SET("why", "who", "quien", "cual", "pa", "para", "whom")) ||
            (is(c, j, "what") && in_set(c, j + 1, SET("for", "goes", "room", "happens", "they")) &&
             !in_set(c, j + 2, SET("mean", "means"))) ||
            (is(c, j, "what") && is(c, j + 1, "that") && is(c, j + 2, "means")))
            return true;
    }
    return false;
}

/* A number kept hidden or sworn off, or a person unblocked, reached by the
 * client (token i the number or the marker): "kept T's number. called it
 * last night", "called the number i wrote on a receipt and hid in my
 * wallet", "le marque al numero que mi padrino me hizo borrar", "texted
 * someone i swore i deleted", "unblocked rico", "saque al negro de
 * bloqueados, ya me contesto"; not an ex, family, a doctor, an old friend
 * ("encontre el numero de una amiga de la prepa y le hable"). */
static bool sworn_off_reached(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 10, 12, 2);
    static const char *const markers[] = {"kept", "hid", "hidden", "saved", "guardado", "guardada", "guarde",
                                          "swore", "promised", "prometi", "sponsor", "padrino", "madrina",
                                          "memorized", "memoria", "borrar", "borre", "deleted", "delete",
                                          "blocked", "bloqueados", "bloqueado", "stall", "receipt"};
    bool unblock = in_set(c, i, SET("unblocked", "desbloquee", "bloqueados"));
    if (!unblock && !any_str(c, s, i, LIST(markers)))
        return false;
    if (any_str(c, s, i, SET("ex", "exs", "bf", "gf", "boyfriend", "girlfriend", "husband", "wife", "novio",
                            "novia", "mom", "dad", "mama", "papa", "mother", "father", "sister", "brother",
                            "hermana", "hermano", "doctor", "dentist", "grandson", "nieta", "abuela", "boss",
                            "jefe", "landlord", "amiga", "prepa", "school", "bd", "bm", "babydaddy", "spam",
                            "scam", "bank", "banco", "ig", "instagram", "facebook", "tinder", "hinge")) ||
        any_in(c, s, T_TOPIC | T_SOBER, i))
        return false;
    if (unblock && (i + 1 >= c->n || has(c, i + 1, T_BREAK) || !in_set(c, i + 1, SET("my", "mi", "the", "el", "la"))))
        return !any_in(c, window(c, i, 3, 0, 0), T_NEG, i);
    if (any_str(c, s, i, SET("without", "sin", "ignored", "ignore")))
        return false; /* "deleted the number without answering" */
    for (size_t j = s.lo; j < s.hi; j++) {
        if (j == i || !in_set(c, j, SET("called", "texted", "txted", "used", "dialed", "marque", "escribi", "hable",
                                         "llame", "contesto", "messaged", "dmd", "rang", "calling", "texting")))
            continue;
        /* the client's act: "i called", ", texted", "and used it" (not
         * "my old plug texted me"); Spanish says whose by the verb */
        bool self = in_set(c, j, SET("marque", "escribi", "hable", "llame", "contesto")) ||
                    (j > 0 && (has(c, j - 1, T_SELFSUBJ | T_BREAK) || in_set(c, j - 1, SET("and", "then", "n")))) ||
                    (j > 1 && has(c, j - 2, T_SELFSUBJ)) || j == 0;
        if (self && !is(c, j + 1, "me") && !(is(c, j, "used") && is(c, j + 1, "to")) &&
            !any_in(c, window(c, j, 3, 0, 0), T_NEG, j) &&
            !any_str(c, window(c, j, 3, 0, 0), j, SET("almost", "casi", "nearly", "never", "nunca", "wanted")))
            return true;
    }
    return false;
}

/* "the usual" from someone: "got the usual from the usual spot", "40 for
 * the usual, meeting in the kroger lot", "fui con dona rosa por lo de
 * siempre", "le hable al de siempre, quedamos a las 8"; not "the usual at
 * starbucks", "lo de siempre, trabajo y casa", "mi barbero el de siempre". */
static bool usual_deal(const struct ctx *c, size_t i)
{
    /* "got it from the same dude as always": the same one, bought from */
    if (is(c, i, "always")) {
        if (!(i > 2 && is(c, i - 1, "as") && in_set(c, i - 2, SET("dude", "guy", "man", "plug", "connect")) &&
              any_str(c, window(c, i - 2, 3, 0, 0), i - 2, SET("same"))))
            return false;
        return any_str(c, window(c, i, 10, 2, 1), i, SET("got", "grabbed", "picked", "copped", "bought",
                       "paid", "scored", "cop", "grab", "cashapp", "cashappd", "zelle", "venmo")) &&
               !any_str(c, window(c, i, 10, 6, 1), i, SET("barber", "haircut", "cut", "fade", "mechanic",
                        "tires", "oil", "tacos", "coffee", "food", "lunch")) &&
               !any_in(c, window(c, i, 10, 0, 1), T_NEG | T_OTHER, i);
    }
    if (is(c, i, "usual")) {
        if (!(i > 0 && is(c, i - 1, "the")))
            return false;
        struct span s = window(c, i, 6, 6, 1);
        return any_str(c, s, i, SET("got", "grabbed", "picked", "copped", "for", "meeting", "bought", "from",
                                    "paid", "scored", "cop", "grab")) &&
               !any_str(c, window(c, i, 8, 8, 1), i, SET("coffee", "starbucks", "diner", "breakfast", "lunch",
                        "dinner", "barber", "haircut", "cut", "order", "latte", "dunkin", "tacos", "pizza",
                        "sandwich", "burger", "bakery", "deli", "food", "table", "shift", "seat", "bus",
                        "train", "route", "commute", "workout", "routine", "suspects")) &&
               !any_in(c, window(c, i, 6, 6, 1), T_NEG, i) && !any_in(c, window(c, i, 6, 0, 0), T_OTHER, i);
    }
    /* "siempre" of "lo/al/el de siempre", or of a man named so ("al señor
     * de siempre", "con el vato de siempre"): art is the article's token */
    if (!(i > 1 && is(c, i - 1, "de")))
        return false;
    size_t art = i - 2;
    bool man = in_set(c, art, SET("senor", "vato", "bato", "muchacho", "chavo", "morro", "tipo", "compa", "man"));
    if (man) {
        if (art == 0 || !in_set(c, art - 1, SET("al", "el", "del")))
            return false;
        art--;
    } else if (!in_set(c, art, SET("lo", "al", "el", "del"))) {
        return false;
    }
    bool thing = is(c, art, "lo");
    if (thing)
        return art > 0 && in_set(c, art - 1, SET("por", "pa", "para")) &&
               any_str(c, window(c, i, 8, 0, 0), i, SET("fui", "pase", "voy", "fuimos", "llegue", "compre"));
    /* the usual one: met, reached, paid; or reaching out, answered ("me
     * habló el de siempre y le contesté", "ya me contestó el de siempre") */
    return art > 0 &&
           (in_set(c, art - 1, SET("con", "a")) || is(c, art, "al") ||
            (is(c, art, "el") && in_set(c, art - 1, SET("hablo", "escribio", "marco", "llamo", "mando", "busco",
                                                         "texteo", "vino", "paso", "llego", "contesto",
                                                         "respondio")))) &&
           any_str(c, window(c, i, 8, 6, 1), i, SET("quedamos", "quede", "quedado", "hable", "marque",
                   "escribi", "llame", "fui", "vi", "ver", "verlo", "mensaje", "hablarle", "buscar", "conteste",
                   "respondi", "abri", "sali", "contesto", "pague", "mande", "cash", "cashapp", "zelle",
                   "venmo", "compre")) &&
           !any_str(c, window(c, i, 8, 8, 1), i, SET("barbero", "doctor", "medico", "taxi", "mecanico",
                    "pelo", "cortarme", "corte", "barberia", "unas",
                    "peluquero", "dentista", "abogado", "cafe", "tacos", "padel", "futbol", "partido", "jugar",
                    "gym", "gimnasio", "entrenar", "cena", "comer", "comida", "misa", "iglesia", "cine",
                    "clase", "tenis", "correr", "desayunar", "almorzar", "cafecito", "raite", "ride",
                    "renta", "luz", "cable", "telefono"));
}

/* The place where the client used to buy, named at i ("where i used to
 * score", "donde antes compraba"), and gone to: a going verb of the
 * client's before it ("went back", "drove to", "fui", "volví"), not one
 * passed by ("drove past ... and kept going"), not denied, not somebody
 * else's going, not a going of the past ("back in 2019 i went..."); what
 * was bought left unsaid or a drug ("where i used to buy my groceries"
 * is a shop). */
static bool old_buying_place(const struct ctx *c, size_t i)
{
    struct span after = window(c, i, 0, 5, 0);
    size_t k = 0; /* the buying verb */
    for (size_t j = after.lo + 1; j < after.hi && k == 0; j++) {
        if (is(c, j, "used") && is(c, j + 1, "to") &&
            in_set(c, j + 2, SET("score", "cop", "buy", "get", "pick", "re")))
            k = j + 2;
        else if (in_set(c, j, SET("compraba", "conseguia", "pillaba", "comprabamos", "conectaba")))
            k = j;
    }
    if (k == 0)
        return false;
    if (is(c, k, "pick") || is(c, k, "re"))
        k++; /* "pick up", "re up" */
    if (k + 1 < c->n && !has(c, k + 1, T_BREAK | T_DRUG | T_STATE | T_TIME) &&
        !in_set(c, k + 1, SET("and", "y", "lol", "smh", "from", "de", "con", "with", "again", "otra")))
        return false;
    struct span before = window(c, i, 10, 0, 1);
    if (any_in(c, before, T_PASTMARK, i) || any_str(c, before, i, SET("when", "cuando")))
        return false; /* "when i was using i went to where i used to score" */
    for (size_t j = before.lo; j < i; j++) /* "back in 2019 i went back to ..." */
        if ((is(c, j, "back") && is(c, j + 1, "in")) ||
            (has(c, j, T_NUMBER) && numval(c, j) >= 1950 && numval(c, j) <= 2100))
            return false;
    return any_str(c, before, i, SET("went", "go", "drove", "walked", "ended", "fui", "volvi", "regrese",
                   "termine", "llegue", "fuimos", "back", "stopped", "pare", "camine", "maneje")) &&
           !any_str(c, window(c, i, 10, 12, 2), i, SET("past", "passed", "kept", "segui", "didnt", "didn",
                    "almost", "casi", "drive", "driving", "by", "never", "nunca", "avoid", "evito", "turned")) &&
           !any_in(c, before, T_NEG | T_OTHER, i);
}

/* Contact with a dealer at token i (the supplier): a reason bit, or 0. */
/* A weapon named in s and no drug nor medication: what was bought ("compré
 * un arma con un compa", "bought a gun off a guy") is no drug deal. */
static bool weapon_not_drug(const struct ctx *c, struct span s)
{
    bool weapon = false;
    for (size_t j = s.lo; j < s.hi; j++) {
        if (c->tags[j] & (T_MED | T_DRUG))
            return false;
        weapon = weapon || (c->tags[j] & T_MEANS);
    }
    return weapon;
}

/* A seller told by the verb alone (token i: "sells", "vende"), its
 * wares unsaid or a drug, then the client's own act toward the seller:
 * "my roommate sells and i asked him for some", "kid in my chem class
 * sells carts, bought two", "el vato del trabajo vende y le encargue";
 * or the client gone where it is sold: "fui a la casa donde venden",
 * "went to the house on 5th, everybody knows what they sell there". Not
 * the client's own trade ("i used to sell"), wares of every day ("my
 * uncle sells cars and i bought one"), a turn away ("my sisters bf sells
 * so i told her i cant come around there anymore", "i didnt buy"). */
static bool seller_then_act(const struct ctx *c, size_t i)
{
    size_t b = i; /* the subject's place: "still sells", "was selling" */
    while (b > 0 && in_set(c, b - 1, SET("still", "also", "lowkey", "def", "prob", "was", "is", "tambien",
                                          "todavia", "aun", "sigue", "only", "even", "now", "ya", "used")))
        b--;
    if (b > 0 && (has(c, b - 1, T_SELFSUBJ) || in_set(c, b - 1, SET("we", "i", "yo", "used", "to"))))
        return false;
    size_t o = i + 1; /* the wares: none, a drug, or "out of her salon" */
    bool wares_ok = o >= c->n || has(c, o, T_BREAK | T_DRUG | T_MED) ||
                    in_set(c, o, SET("and", "y", "n", "out", "outta", "from", "to", "too", "also", "now",
                                     "again", "there", "here", "still", "tambien", "e", "pero", "but",
                                     "so", "aqui", "alli", "ahi", "en", "at", "in", "on", "de", "del",
                                     "a", "por", "everything", "whatever", "todo", "lo", "it", "some",
                                     "stuff", "shit", "pills", "pastillas", "carts", "bud", "weed",
                                     "mota", "bars", "blues", "pressed", "was", "is", "lives", "works",
                                     "came", "showed", "esta", "estaba", "vive", "trabaja")) ||
                    drug_in(c, window(c, i, 0, 3, 0), i); /* "vende vapes de thc" */
    if (!wares_ok || any_str(c, window(c, i, 0, 3, 0), i, LIST(everyday_trade)) ||
        any_str(c, window(c, i, 0, 3, 0), i, LIST(everyday_supply)) || dealer_refused(c, i) == 1)
        return false;
    /* where it is sold, gone to: "donde venden", "what they sell there" */
    if (i > 0 && any_str(c, window(c, i, 3, 0, 0), i, SET("donde", "where", "what", "que"))) {
        struct span back = window(c, i, 16, 0, 2);
        for (size_t j = back.lo; j < i; j++)
            if (in_set(c, j, SET("went", "fui", "drove", "walked", "swung", "stopped", "pase", "llegue",
                                 "fuimos", "caminé", "camine", "maneje")) &&
                !any_in(c, window(c, j, 3, 0, 0), T_NEG | T_OTHER, j) &&
                !any_str(c, window(c, j, 0, 3, 0), j, SET("past", "by", "around", "away")))
                return true;
    }
    /* the client's act a clause or two later */
    struct span fwd = window(c, i, 0, 12, 2);
    for (size_t j = i + 1; j < fwd.hi; j++) {
        /* the seller's gift or credit taken: "gave me one for free", "me
         * regaló una pa que vuelva", "fronted me some" (not "gave me a
         * ride", "me dio una chamarra") */
        bool to_me = (in_set(c, j, SET("gave", "fronted", "sold", "tossed", "slid")) && is(c, j + 1, "me")) ||
                     (in_set(c, j, SET("regalo", "dio", "fio", "fiaron", "paso", "vendio")) && is(c, j - 1, "me"));
        size_t w = is(c, j + 1, "me") ? j + 2 : j + 1; /* the thing given */
        if (to_me && !any_in(c, window(c, j, 3, 0, 0), T_NEG, j) &&
            (in_set(c, w, SET("one", "some", "free", "it", "extra", "two", "2", "gratis", "algo", "fiado",
                              "credit", "credito")) ||
             (in_set(c, w, SET("una", "un", "unas", "unos")) &&
              (w + 1 >= c->n || has(c, w + 1, T_BREAK) ||
               in_set(c, w + 1, SET("para", "pa", "pal", "y", "gratis", "de", "mas")))) ||
             drug_in(c, window(c, w, 0, 3, 0), j)))
            return true;
        bool es_self = in_set(c, j, SET("compre", "pedi", "encargue", "escribi", "fui", "llame", "mande",
                                        "hable", "textie", "busque", "conseguí", "consegui"));
        /* "ya hablé con la directora": the act toward somebody else */
        if (es_self && is(c, j + 1, "con") && in_set(c, j + 2, SET("la", "mi", "su", "los", "las", "sus", "mis")))
            continue;
        if (!es_self && !in_set(c, j, SET("asked", "bought", "copped", "texted", "messaged", "called",
                                           "knocked", "went", "left", "grabbed", "picked", "dmd",
                                           "snapped", "hit", "got", "scored", "ordered", "paid", "txted")))
            continue;
        /* "i asked", "and asked", ", bought two": the client, said or dropped */
        bool self = es_self || has(c, j - 1, T_SELFSUBJ) || (j > 1 && has(c, j - 2, T_SELFSUBJ)) ||
                    has(c, j - 1, T_BREAK) || in_set(c, j - 1, SET("and", "n", "then", "so"));
        if (self && !any_in(c, window(c, j, 3, 0, 0), T_NEG, j) &&
            !(is(c, j, "hit") && !in_set(c, j + 1, SET("him", "her", "them", "up"))) &&
            !(is(c, j, "got") && !in_set(c, j + 1, SET("some", "two", "2", "a", "one", "3", "three", "it",
                                                     "from", "off", "me"))))
            return true;
    }
    return false;
}

/* "my cousins dealer came by and i didnt say no": whoever's dealer, the
 * taking after token i is the client's (DEALER_OWN_ACT, or 0). Asked only
 * of a dealer found: a person word ("guy", "one") is common. */
static uint32_t taken_after(const struct ctx *c, size_t i)
{
    for (size_t j = i + 1; j < c->n && j <= i + 14; j++)
        if (no_not_said(c, j))
            return DEALER_OWN_ACT;
    return 0;
}

/* "my buddy knows a guy who knows a guy, we're going", "un compa conoce a
 * alguien que vende, vamos al rato": a go-between to one who sells, and
 * the client going there (not "knows a guy who does drywall", "at the
 * dmv", "un vato que arregla carros", not "we're not going") */
static bool go_between(const struct ctx *c, size_t i)
{
    size_t g = i + 1;
    if (in_set(c, g, SET("a", "un", "una")))
        g++;
    if (!in_set(c, g, SET("guy", "dude", "somebody", "someone", "alguien", "vato", "tipo", "man")))
        return false;
    struct span after = window(c, g, 0, 5, 1);
    if (any_str(c, after, g, LIST(everyday_trade)) || any_str(c, after, g, LIST(everyday_supply)))
        return false;
    /* what the one known does or where, unless it is selling, of a drug
     * or of nothing named ("alguien que vende, vamos") */
    for (size_t k = after.lo; k < after.hi; k++) {
        if (k == g || !in_set(c, k, SET("at", "in", "from", "job", "jobs", "work", "trabajo", "does",
                                        "fixes", "repairs", "hace", "arregla", "vende", "sells")))
            continue;
        bool sells = in_set(c, k, SET("vende", "sells"));
        if (!(sells && (k + 1 >= c->n || has(c, k + 1, T_BREAK) || drug_in(c, window(c, k, 0, 3, 0), k))))
            return false;
    }
    struct span fwd = window(c, g, 0, 14, 2);
    for (size_t j = g + 1; j < fwd.hi; j++) {
        if (!in_set(c, j, SET("going", "goin", "headed", "heading", "vamos", "voy", "quedamos", "fuimos",
                              "tonight", "tonite", "later", "rato")) ||
            any_in(c, window(c, j, 3, 0, 0), T_NEG, j))
            continue;
        /* not somebody else going: "my dad knows a guy, hes going tonight" */
        bool other = false;
        for (size_t k = j > g + 4 ? j - 4 : g + 1; k < j && !other; k++)
            other = has(c, k, T_OTHER) ||
                    in_set(c, k, SET("hes", "shes", "he", "she", "they", "theyre", "va", "van"));
        if (!other)
            return true;
    }
    return false;
}

/* Help called for somebody near the person word at i: an emergency
 * number dialled, an ambulance, CPR ("saw a guy passed out at the bus
 * stop, called 911 for him"). */
static bool rescue_near(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 4, 12, 2);
    for (size_t j = s.lo; j < s.hi; j++)
        if ((has(c, j, T_NUMBER) && numval(c, j) == 911) ||
            in_set(c, j, SET("ambulance", "ambulancia", "paramedics", "paramedicos", "cpr", "ems",
                             "unconscious", "inconsciente", "unresponsive")))
            return true;
    return false;
}

uint32_t rule_dealer(const struct ctx *c, size_t i)
{
    if (in_set(c, i, SET("knows", "know", "knew", "conoce", "conozco", "conocia")) && go_between(c, i))
        return REPLY_R_DEALER | DEALER_OWN_ACT;
    /* Colombia's "camello" is work: "hoy tengo camello todo el dia", "hay
     * mucho camello" (Spain's is a dealer: "llame al camello") */
    if (is(c, i, "camello") &&
        ((i > 0 && in_set(c, i - 1, SET("tengo", "tenemos", "tiene", "hay", "mucho", "poco", "sin", "buscando",
                                        "busco", "consegui", "nuevo", "harto", "tanto"))) ||
         in_set(c, i + 1, SET("todo", "hoy", "manana", "nuevo", "temprano"))))
        return 0;
    /* "saw my old dealer got arrested on the news": the dealer's own
     * trouble told, no contact (not "my plug got locked up so i found a
     * new one") */
    if (in_set(c, i, SET("dealer", "dealers", "plug", "connect", "puntero", "transa")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("arrested", "busted", "locked", "jail", "prison",
                                                   "raided", "arrestaron", "detenido", "preso",
                                                   "agarraron", "encerraron")) &&
        !any_str(c, window(c, i, 0, 16, 2), i, SET("new", "another", "otro", "found", "bought", "copped",
                                                    "compre", "consegui", "nuevo", "called", "texted")))
        return 0;
    /* the client's own act, verified: no one else's use (concepts_scan) */
    if (in_set(c, i, SET("sells", "deals", "vende", "venden", "surte", "selling", "sell", "vendia")) &&
        seller_then_act(c, i))
        return REPLY_R_DEALER | DEALER_OWN_ACT;
    /* "he still has the same number. pickup at 9": a pickup set with the
     * one whose number was kept (not "pickup at 3 for the kids") */
    if (in_set(c, i, SET("pickup", "meetup")) && is(c, i + 1, "at") && has(c, i + 2, T_NUMBER) &&
        any_str(c, window(c, i, 12, 0, 2), i, SET("number", "num", "plug", "connect")) &&
        any_str(c, window(c, i, 12, 0, 2), i, SET("he", "she", "hes", "shes", "guy", "dude")) &&
        !any_str(c, window(c, i, 12, 6, 2), i, SET("kids", "school", "daycare", "order", "pharmacy",
                 "package", "groceries", "car", "prescription", "store")))
        return REPLY_R_DEALER;
    /* "met up w T behind the laundromat, you know what for", "fui a ver
     * al vato, ya sabes pa que": the purpose left unsaid */
    if (in_set(c, i, SET("met", "meet", "linked", "saw", "went", "fui", "drove", "hit", "called",
                          "texted", "llame", "going", "goin", "headed", "heading", "pase", "voy")) &&
        ((any_str(c, window(c, i, 0, 12, 1), i, SET("know")) &&
          any_str(c, window(c, i, 0, 12, 1), i, SET("what")) &&
          any_str(c, window(c, i, 0, 12, 1), i, SET("for"))) ||
         (any_str(c, window(c, i, 0, 12, 1), i, SET("sabes")) &&
          any_str(c, window(c, i, 0, 12, 1), i, SET("pa", "para")) &&
          any_str(c, window(c, i, 0, 12, 1), i, SET("que")))) &&
        !any_in(c, window(c, i, 0, 12, 1), T_MEANS | T_OTHER, i))
        return REPLY_R_DEALER;
    /* "picked up from big mike again, you know what that means", "drove
     * 2 hrs back home to see Junior, you know who Junior is" */
    if (in_set(c, i, SET("met", "meet", "went", "fui", "drove", "picked", "see", "ver", "visit", "seeing",
                          "quedamos", "quede", "quedado", "agarre", "going", "goin", "headed", "heading",
                          "pase", "voy")) &&
        !any_in(c, window(c, i, 3, 0, 0), T_NEG | T_OTHER, i) && !any_in(c, window(c, i, 0, 12, 1), T_MEANS, i)) {
        struct span s = window(c, i, 0, 14, 2);
        for (size_t k = s.lo; k < s.hi; k++)
            if (k != i && left_unsaid(c, k))
                return REPLY_R_DEALER;
    }
    if (in_set(c, i, SET("number", "numero", "num", "unblocked", "desbloquee", "bloqueados", "swore", "promised",
                          "prometi")) &&
        sworn_off_reached(c, i))
        return REPLY_R_DEALER | DEALER_OWN_ACT; /* "kept his number": his is the number, the call mine */
    if (in_set(c, i, SET("usual", "siempre", "always")) && usual_deal(c, i) && dealer_refused(c, i) != 1)
        return REPLY_R_DEALER;
    /* "me fui pal barrio a buscar al de antes", "le escribí al man de
     * antes": the one from before, reached now ("antes" is the man's past,
     * not the act's) */
    if (is(c, i, "antes") && usual_deal(c, i) && dealer_refused(c, i) != 1)
        return REPLY_R_DEALER | DEALER_WHEN_READ;
    /* "called the number. the one im not supposed to call": a contact
     * the client is not to reach, reached (an ex's is romance) */
    if (in_set(c, i, SET("supposed", "sposed", "posed")) && is(c, i + 1, "to") &&
        in_set(c, i + 2, SET("call", "text", "txt", "hit", "contact", "answer", "see")) &&
        any_in(c, window(c, i, 3, 0, 0), T_NEG, i) &&
        any_str(c, window(c, i, 12, 0, 2), i, SET("called", "texted", "txted", "dialed", "answered",
                "messaged", "hit", "unblocked")) &&
        any_str(c, window(c, i, 12, 2, 2), i, SET("number", "numero", "him", "guy", "dude", "plug", "one")) &&
        !any_str(c, window(c, i, 14, 14, 2), i, SET("ex", "bf", "gf", "boyfriend", "girlfriend", "husband",
                 "wife", "babydaddy", "bd", "bm", "exs", "mom", "dad", "mother", "father", "sister",
                 "brother", "lawyer", "po", "victim")))
        return REPLY_R_DEALER | DEALER_OWN_ACT;
    /* "esperando al que tiene", "ya llegó el que vende": the one who has
     * it, unnamed, waited for or reached (not "el que tiene la llave") */
    if (in_set(c, i, SET("tiene", "vende", "trae", "surte", "mueve")) && i > 1 && is(c, i - 1, "que") &&
        in_set(c, i - 2, SET("al", "el", "del")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) ||
         in_set(c, i + 1, SET("y", "pero", "ya", "hoy", "ahorita", "aqui", "alla", "por", "pa", "para"))) &&
        !any_in(c, window(c, i, 8, 0, 1), T_NEG | T_PASTMARK, i) && dealer_refused(c, i) != 1)
        return REPLY_R_DEALER;
    /* "got a number for somebody who has the good stuff", "a guy who's
     * got some": a person who has it */
    if (in_set(c, i, SET("has", "got", "gots", "holds")) && i > 1 && is(c, i - 1, "who") &&
        in_set(c, i - 2, SET("somebody", "someone", "guy", "dude", "girl", "person", "one")) &&
        ((is(c, i + 1, "the") && is(c, i + 2, "good") && in_set(c, i + 3, SET("stuff", "shit", "shi", "stuf"))) ||
         (in_set(c, i + 1, SET("some", "it", "that")) && (i + 2 >= c->n || has(c, i + 2, T_BREAK)))) &&
        !any_in(c, window(c, i, 8, 0, 1), T_NEG, i) && dealer_refused(c, i) != 1)
        return REPLY_R_DEALER;
    /* "went back to the apartments where i used to score", "fui a la casa
     * donde antes compraba": gone back to where the client bought */
    if (in_set(c, i, SET("where", "donde")) && old_buying_place(c, i))
        return REPLY_R_DEALER | DEALER_OWN_ACT | DEALER_WHEN_READ;
    /* "called my old connection back": the old one reached (not "my old
     * connection at the job center") */
    if (is(c, i, "connection") && i > 1 && is(c, i - 1, "old") && in_set(c, i - 2, SET("my", "an")) &&
        (any_in(c, window(c, i, 4, 4, 1), T_CONTACTV, i) ||
         any_str(c, window(c, i, 4, 4, 1), i, SET("called", "texted", "hit", "reached", "answered"))) &&
        !any_str(c, window(c, i, 10, 10, 1), i, LIST(everyday_supply)) &&
        !any_str(c, window(c, i, 10, 10, 1), i, SET("linkedin", "network", "networking", "career", "work",
                                                    "school", "college", "class")) &&
        dealer_refused(c, i) != 1)
        return REPLY_R_DEALER;
    /* "he said the usual, same price as last time": his price, the
     * client's buying */
    if (is(c, i, "usual") && i > 0 && is(c, i - 1, "the") &&
        any_str(c, window(c, i, 6, 6, 1), i, SET("price", "prices")) &&
        any_str(c, window(c, i, 6, 6, 1), i, SET("said", "says", "same", "texted")) &&
        !any_str(c, window(c, i, 10, 10, 1), i, LIST(everyday_trade)) &&
        !any_str(c, window(c, i, 8, 8, 1), i, SET("haircut", "order", "lunch", "rent", "gas", "charged")) &&
        dealer_refused(c, i) != 1)
        return REPLY_R_DEALER | DEALER_OWN_ACT;
    if (in_set(c, i, SET("he", "hes", "she", "shes")) && bringing_it(c, i) && dealer_refused(c, i) != 1)
        return REPLY_R_DEALER;
    /* "drove to the trap house", "was at the trap": where it is sold, gone
     * to (not "a trap house" on the news, nor a song) */
    if (in_set(c, i, SET("traphouse", "trap")) &&
        (is(c, i, "traphouse") || in_set(c, i + 1, SET("house", "spot", "haus"))) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("to", "at", "went", "drove", "walked", "go",
                "going", "back", "stopped", "hit", "pulled", "fui", "pase", "ended")) &&
        !any_in(c, window(c, i, 5, 0, 0), T_OTHER | T_NEG, i) &&
        /* "drove past the trap house and kept going": a win */
        !any_str(c, window(c, i, 3, 0, 0), i, SET("past", "by", "around", "avoided", "avoid")) &&
        !any_str(c, window(c, i, 0, 8, 1), i, SET("kept", "didnt", "without", "turned", "sin")) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("news", "raided", "raid", "song", "music",
                 "beat", "beats", "cops", "police", "busted")))
        return REPLY_R_DEALER;
    /* "fui a la casa del dealer", "went over to my dealers place" */
    if (in_set(c, i, SET("dealer", "dealers", "plug", "plugs", "conecte")) &&
        any_str(c, window(c, i, 4, 2, 0), i, SET("casa", "house", "place", "apartment", "apt", "crib", "depa",
                "spot")) &&
        any_str(c, window(c, i, 7, 0, 0), i, SET("fui", "went", "go", "going", "voy", "drove", "walked",
                "stopped", "pase", "llegue", "ended", "was", "estuve")) &&
        !any_in(c, window(c, i, 8, 0, 0), T_NEG | T_OTHER, i) && dealer_refused(c, i) != 1 &&
        /* "drove past my old dealers house and kept going": a win */
        !any_str(c, window(c, i, 5, 0, 0), i, SET("past", "by", "around", "avoided", "avoid")) &&
        !any_str(c, window(c, i, 0, 8, 1), i, SET("kept", "didnt", "without", "turned", "sin")))
        return REPLY_R_DEALER;
    if (!has(c, i, T_DEALER) && weapon_not_drug(c, window(c, i, 6, 6, 0)))
        return 0;
    if (has(c, i, T_DEALER) || in_set(c, i, SET("guy", "dude", "man", "boy", "tipo", "vato", "compa",
                                                "source", "senor", "one", "someone", "somebody",
                                                "person", "lady", "vende", "vendia", "vendio", "surte",
                                                "surtia", "vendian", "supplier", "suppliers",
                                                "proveedor", "sold", "sells", "vendieron", "bato",
                                                "hookup", "hook", "mueve", "movia", "mueven",
                                                "esquina", "girl", "jibaro", "jibara", "coworker",
                                                "neighbor"))) {
        /* "had to narcan a guy outside", "saw a guy passed out, called
         * 911 for him": a rescue, no supplier */
        if (any_in(c, window(c, i, 4, 4, 1), T_NARCAN, i) || rescue_near(c, i))
            return 0;
        int kind = supplier_at(c, i);
        /* "my connect at the housing office" */
        if (kind == 0 && in_set(c, i, SET("dealer", "dealers", "connect", "connects", "plug", "plugs",
                                          "conecte", "conecta")) &&
            any_str(c, window(c, i, 6, 8, 1), i, LIST(everyday_supply)))
            return 0;
        /* a relative runs long: "the dude who sells to me is on his way" */
        struct span s = window(c, i, 5, has(c, i, T_DEALER) && !seller_described(c, i) ? 6 : 10, 1);
        /* a dealer word needs no verb ("my plug came thru", "el transa"):
         * naming one unrefused is the risk */
        if (kind == 3 && dealer_refused(c, i) != 1)
            return REPLY_R_DEALER | taken_after(c, i);
        if (kind != 0 && dealer_refused(c, i) != 1 &&
            !(kind == 2 && any_str(c, window(c, i, 8, 10, 1), i, LIST(everyday_trade))) &&
            ((kind == 1 && has(c, i, T_DEALER) && !is(c, i, "guy")) ||
             any_in(c, s, T_CONTACTV | T_GOT, i) || any_str(c, s, i, LIST(dealer_acts))))
            return REPLY_R_DEALER | taken_after(c, i);
    }
    /* the dealer's place: "at the trap", "el punto esta abierto", "went to the spot to get some" */
    if (in_set(c, i, SET("trap", "traphouse", "spot", "punto")) &&
        any_str(c, window(c, i, 4, 5, 0), i, SET("dropping", "pulling", "way", "coming", "sent", "paid",
                "stopped", "by", "pal", "swung",
                "dope", "abierto", "buscar", "traiga", "buy", "bought", "house", "waiting", "outside",
                "bag", "score", "at", "to", "went", "going", "fui", "voy", "por", "some")) &&
        !any_str(c, window(c, i, 4, 5, 0), i, SET("fell", "into", "its", "music", "caer", "parking",
                 "sweet", "blind", "tourist", "trampa", "soft", "hot", "favorite", "fav", "rap")) &&
        /* "passed the spot on my way home and kept walking" */
        !(i > 1 && in_set(c, i - 2, SET("passed", "past"))) &&
        /* "the spot by my house got new tacos", "tacos at the spot": a
         * place to eat */
        !any_str(c, window(c, i, 4, 8, 1), i, SET("tacos", "pizza", "wings", "burgers", "food", "menu",
                 "brunch", "boba", "comida", "pupusas", "tamales", "coffee", "cafe", "ramen", "pho",
                 "restaurant")) &&
        dealer_refused(c, i) != 1 &&
        (!is(c, i, "punto") ||
         (any_str(c, window(c, i, 2, 0, 0), i, SET("al", "el", "pal")) &&
          /* "dictado por voz ... por el viento punto digo la lluvia punto":
           * a full stop spoken */
          !any_str(c, window(c, i, 12, 3, 2), i, SET("dictado", "dictando", "voz", "coma", "digo", "final")))))
        return REPLY_R_DEALER;
    /* "link up to grab", "meet up to cop", "slide thru to pick up": a
     * meeting to buy, not "link up to grab lunch" */
    if (in_set(c, i, SET("link", "linking", "linked", "meet", "meeting", "slide", "sliding")) &&
        in_set(c, i + 1, SET("up", "thru", "through")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("grab", "cop", "score", "pick", "get", "buy")) &&
        !any_str(c, window(c, i, 0, 8, 1), i, SET("lunch", "food", "dinner", "coffee", "breakfast",
                 "tacos", "pizza", "burgers", "movie", "game", "groceries", "stuff", "keys", "clothes",
                 "kids", "paperwork", "bite", "boba", "tickets")) &&
        dealer_refused(c, i) != 1)
        return REPLY_R_DEALER;
    /* the number deleted or blocked, reached again: "called the number i
     * deleted", "texted that old number i blocked" (a partner's is
     * romance: "my ex") */
    if (in_set(c, i, SET("number", "numero", "num", "#")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("deleted", "blocked", "erased", "borre", "bloquee")) &&
        (any_in(c, window(c, i, 4, 0, 0), T_CONTACTV, i) ||
         any_str(c, window(c, i, 4, 0, 0), i, SET("called", "texted", "txted", "dialed", "dialled",
                                                   "unblocked", "desbloquee", "hit"))) &&
        !any_str(c, window(c, i, 10, 10, 1), i, SET("ex", "bf", "gf", "boyfriend", "girlfriend", "husband",
                 "wife", "babydaddy", "bd", "bm", "exs", "accident", "novio", "novia", "mom", "dad")))
        return REPLY_R_DEALER; /* its own "deleted" is no refusal */
    /* a price per unit of a drug: "percs, 20 a piece", "blues are 25 a pop
     * now", "2 bars for 10 each"; not "tacos were 2 a piece" */
    if (in_set(c, i, SET("piece", "pop", "apiece", "each", "ea", "pill", "per")) &&
        ((i > 1 && is(c, i - 1, "a") && has(c, i - 2, T_NUMBER)) ||
         (i > 0 && has(c, i - 1, T_NUMBER) && in_set(c, i, SET("apiece", "each", "ea")))) &&
        drug_in(c, window(c, i, 10, 6, 1), i) && !any_in(c, window(c, i, 10, 6, 1), T_SAFE | T_NEG, i))
        return REPLY_R_DEALER;
    /* someone who has it to sell: "the dude in unit 4 got work", "the guy
     * downstairs is holding", "ol boy is serving again"; not "my neighbor
     * got work at the plant", "holding my car", "serving the table" */
    if (in_set(c, i, SET("serving", "servin", "holding", "holdin", "work")) &&
        (!is(c, i, "work") || (i > 0 && (in_set(c, i - 1, SET("got", "has")) ||
                                         (is(c, i - 1, "that") && i > 1 && in_set(c, i - 2, SET("got", "has")))))) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_INTENS | T_AGAIN) ||
         in_set(c, i + 1, SET("again", "now", "rn", "and", "n", "so", "tonight", "lol"))) &&
        any_str(c, window(c, i, 8, 0, 0), i, SET("dude", "guy", "boy", "man", "vato", "plug", "connect",
                                                  "homie", "somebody", "someone", "dudes", "guys")) &&
        !any_str(c, window(c, i, 8, 0, 0), i, SET("his", "her", "waiter", "waitress", "church",
                 "food", "jury", "army", "navy", "military", "country", "time", "sentence", "cell")) &&
        dealer_refused(c, i) != 1)
        return REPLY_R_DEALER;
    /* "my ex's brother is holding and said come thru so i went": a person
     * holding, then the client's way to them (the holder is somebody
     * else, the going is not) */
    if (in_set(c, i, SET("holding", "holdin")) && i > 0 && in_set(c, i - 1, SET("is", "was", "still", "hes", "shes")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK) || in_set(c, i + 1, SET("and", "n", "so", "rn", "tonight", "again"))) &&
        any_in(c, window(c, i, 6, 0, 0), T_OTHER, i) &&
        any_str(c, window(c, i, 0, 10, 1), i, SET("thru", "through", "went", "slid", "omw", "otw", "copped",
                                                  "grabbed", "bought", "picked")) &&
        dealer_refused(c, i) != 1)
        return REPLY_R_DEALER | DEALER_OWN_ACT;
    /* "link me with his plug", "mi compa me va a conectar" */
    if (in_set(c, i, SET("conectar", "link")) &&
        (selfobj_in(c, window(c, i, 4, 4, 0), i) || any_in(c, window(c, i, 4, 4, 0), T_DEALER, i)) &&
        !any_in(c, window(c, i, 4, 4, 0), T_NEG, i))
        return REPLY_R_DEALER;
    return 0;
}

/* A new start of something else: "day one at the new job", "back to square
 * one with my resume", "empiezo desde cero en el trabajo". */
bool everyday_start(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 0, 6, 0);
    /* "empece el laburo nuevo", "started the new job": a new thing begun */
    for (size_t j = i + 1; j <= i + 3 && j < c->n; j++)
        if (in_set(c, j, SET("job", "work", "laburo", "trabajo", "chamba", "jale", "school", "escuela",
                             "semester", "semestre", "shift", "turno", "class", "clase", "diet", "dieta",
                             "gym", "house", "casa", "apartment", "depa")) &&
            (in_set(c, j + 1, SET("nuevo", "nueva")) || is(c, j - 1, "new")))
            return true;
    /* the thing begun may be said first ("starting over at the gym, day
     * one") when the reply names no drink, drug or use, and no "again"
     * ("at work rn, day one again" may be the count) */
    struct span all = {0, c->n};
    bool clean = !any_in(c, all, T_DRUG | T_USEV | T_USEACT | T_STATE, i) &&
                 !any_str(c, all, i, SET("again", "otra", "nuevo", "back", "reset"));
    if (clean)
        s = window(c, i, 6, 6, 1);
    for (size_t j = s.lo; j < s.hi; j++)
        if (in_set(c, j, SET("at", "with", "on", "in", "en", "con", "of", "for", "de")) &&
            any_str(c, window(c, j, 0, 3, 0), j, SET("job", "work", "resume", "school", "semester",
                    "class", "diet", "gym", "project", "apartment", "puzzle", "game", "trabajo",
                    "chamba", "escuela", "dieta", "proyecto", "shift", "training", "internship",
                    "budget", "savings", "taxes", "paperwork", "application", "garden", "workout",
                    "plan", "challenge", "program", "course", "trip", "vacation", "vacay", "cruise",
                    "retreat", "camp", "new")))
            return true;
    /* a game's save, an app's streak, a move: "back to day 1 in stardew",
     * "perdi mi racha de duolingo, a cero otra vez", "moved to denver,
     * starting over out here", "me mude a houston, empezando de cero" */
    struct span wide = window(c, i, 10, 8, 2);
    return any_str(c, wide, i, SET("game", "games", "juego", "partida", "save", "stardew", "minecraft",
                   "level", "nivel", "duolingo", "snap", "snapchat", "wordle", "moved", "mude", "mudamos",
                   "mudo", "mudanza", "moving", "relocated", "ciudad", "city", "pais", "country",
                   "town", "pueblo", "playthrough", "campaign", "console", "xbox", "playstation",
                   "ps5", "switch", "fortnite", "pokemon", "zelda", "sims"));
}

/* Relapse: a state now ("im so high rn", "drunk af", "nodding"), use acts
 * in slang ("copped", "hit a bar"), a dealer contacted, day one again. */
/* A state word in the Spanish superlative or diminutive ("borrachísimo",
 * "pachequísima", "borrachito"): its tags are the base word's (word_tags),
 * and the ending says it more strongly or more softly. */
static bool graded_state(const struct ctx *c, size_t i)
{
    return has(c, i, T_STATE) && graded_base(c->v->w + c->v->toff[i], c->v->tlen[i]) > 0;
}

/* Whether the state word at token i stands alone in its clause: the
 * whole reply ("drunk", "hiiiigh"), or before a feeling ("high and sad"),
 * said of a plain intoxication word or its superlative or diminutive. */
/* "happy and drunk", "sad and drunk", "cansado y borracho", "so tired n
 * high": a state word paired with a feeling said first, the pair opening
 * its clause (after "im", "estoy" or an intensifier at most) */
static bool state_paired(const struct ctx *c, size_t i)
{
    if (i < 2 || !in_set(c, i - 1, SET("and", "n", "y", "&", "an")) ||
        has(c, i - 2, T_OTHER | T_NUMBER | T_BREAK | T_DRUG | T_NEG))
        return false;
    size_t k = i - 2;
    while (k > 0 && k + 2 >= i - 2 &&
           in_set(c, k - 1, SET("so", "really", "super", "muy", "bien", "re", "kinda", "pretty", "im",
                                "estoy", "ando", "feeling", "feelin", "just", "sooo", "soo", "toy")))
        k--;
    return k == 0 || has(c, k - 1, T_BREAK);
}

static bool state_alone(const struct ctx *c, size_t i)
{
    if ((!graded_state(c, i) && !in_set(c, i, SET("high", "drunk", "wasted", "faded", "stoned", "blazed", "buzzed", "tipsy",
                          "geeked", "sloshed", "crossfaded", "borracho", "borracha", "drogado",
                          "drogada", "pedisimo", "zooted", "hammered", "tweaking", "tweakin", "plastered",
                          "trashed", "geeked", "smashed", "schwasted", "shitfaced", "sauced", "blitzed",
                          "zonked", "drnk", "pacheco", "pacheca", "pedote", "jumao", "ajumao", "ajumado",
                          "jendio", "arrebatado", "arrebatada", "empericado", "tomadito", "tomadita",
                          "jincho", "jincha", "colocadisimo", "colocadisima", "empastillado",
                          "empastillada", "twisted", "munted", "fumadisimo", "legless", "blootered",
                          "langers", "trollied", "bladdered", "maggoted", "briago", "briaga", "ebrio",
                          "ebria", "tajado", "tajada", "piripi", "bolinga"))) ||
        (i > 0 && !has(c, i - 1, T_BREAK | T_NUMBER) && !state_paired(c, i)))
        return false;
    if (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_TIME) ||
        in_set(c, i + 1, SET("lol", "lmao", "smh", "ngl", "tbh", "again", "rn", "up", "with", "w",
                             "2nite", "tonite", "nite", "2night", "sry", "sorry", "fr", "frfr", "asf",
                             "bro", "tho", "jaja", "jajaja")) ||
        /* "drnk 2nite": the tokens part "2" from "nite" */
        (has(c, i + 1, T_NUMBER) && in_set(c, i + 2, SET("nite", "night"))))
        return true;
    /* "twisted at the club", "buzzed at my kid's recital", "sauced in the
     * uber": a state somewhere; not "high in", "wasted at work" */
    if (in_set(c, i + 1, SET("at", "in", "en")) && !is(c, i, "high") &&
        !in_set(c, i + 2, SET("work", "trabajo", "school", "practice", "shift", "life")))
        return true;
    /* "faded on the couch watching cartoons" */
    if (is(c, i + 1, "on") && in_set(c, i + 2, SET("the", "my", "a")) &&
        in_set(c, i + 3, SET("couch", "sofa", "floor", "bed", "porch", "beach", "bus", "train", "lawn",
                             "bathroom", "kitchen", "stairs", "futon")))
        return true;
    /* "blazed and watching planet earth": a state while doing a thing */
    if (in_set(c, i + 1, SET("and", "n", "y")) &&
        in_set(c, i + 2, SET("watching", "watchin", "listening", "listenin", "playing", "playin",
                             "chilling", "chillin", "laying", "lying", "sitting", "eating", "texting",
                             "dancing", "vibing", "vibin", "driving", "walking", "viendo", "bailando")))
        return true;
    /* "buzzed off the vodka", "high on that loud" */
    if (in_set(c, i + 1, SET("off", "on")) && (has(c, i + 2, T_DRUG) || has(c, i + 3, T_DRUG)))
        return true;
    /* "stoned out of my mind", "drunk outta my mind" */
    if (in_set(c, i + 1, SET("out", "outta")) && (is(c, i + 2, "mind") || is(c, i + 3, "mind") ||
                                                   is(c, i + 4, "mind")))
        return true;
    /* "buzzed and its only lunch", "borracho y apenas son las 10" */
    if (in_set(c, i + 1, SET("and", "y", "n")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("only", "apenas", "barely", "not")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("lunch", "noon", "morning", "am", "tuesday",
                "monday", "wednesday", "thursday", "mediodia", "manana", "son")))
        return true;
    return in_set(c, i + 1, SET("and", "y", "n")) &&
           in_set(c, i + 2, SET("sad", "lonely", "tired", "depressed", "anxious", "bored", "alone",
                                "numb", "ashamed", "angry", "mad", "scared", "happy", "hungry",
                                "sick", "triste", "solo", "sola", "cansado", "cansada", "aburrido"));
}

/* A state word said of no intoxication: "wasted from work", "loco por el
 * futbol", "esta bien loco el clima", "mareado por la medicina". */
/* "i was on fent for 4 years", "was drunk for ten years": a stretch of
 * the past told with "was", no state now ("been on fent for two years"
 * goes on). */
static bool past_stretch(const struct ctx *c, size_t i)
{
    if (!any_str(c, window(c, i, 3, 0, 0), i, SET("was", "were", "used", "estuve", "anduve")))
        return false;
    for (size_t j = i + 1; j < c->n && j <= i + 4; j++)
        if (in_set(c, j, SET("for", "por")) && j + 2 < c->n &&
            (has(c, j + 1, T_NUMBER) || in_set(c, j + 1, SET("a", "two", "three", "four", "five", "six",
                                                              "many", "several", "ten", "dos", "tres",
                                                              "muchos", "varios"))) &&
            in_set(c, j + 2, SET("years", "yrs", "year", "months", "decades", "decade", "anos", "meses")))
            return true;
    return false;
}

/* Cloth that pills: "my sweater pilled up" is no state. */
static const char *const fabric[] = {"sweater", "sweaters", "shirt", "hoodie", "blanket", "fabric",
                                     "leggings", "jeans", "socks", "sheets", "fleece", "wool",
                                     "couch", "pants", "sweatpants", "cardigan"};

/* Everyday causes a state word may be said of: "buzzed off this cold
 * brew", "faded from this double shift", "stoned by the heat", "drunk
 * with sleep", "drunk on power", "lit up by my boss", "contact high from
 * good news", "borracho de amor", "colocon de sueno". */
static const char *const state_causes[] = {
    "shift", "shifts", "heat", "sun", "caffeine", "coffee", "brew", "espresso", "sugar", "candy",
    "news", "sleep", "nap", "power", "love", "life", "flight", "travel", "exam", "test", "boss",
    "adrenaline", "excitement", "joy", "happiness", "success", "workout", "gym", "music", "vertigo",
    "sedation", "vet", "anesthesia", "dentist", "jetlag", "lag", "tiredness", "exhaustion", "overtime",
    "amor", "sueno", "sol", "felicidad", "alegria", "cansancio", "trabajo", "emocion", "calor", "cafe",
    "poder", "desvelo", "chamba", "azucar", "gusto", "risa", "hambre", "estres", "stress",
    /* good news: "so lit that i passed my GED", "high since i got hired" */
    "passed", "won", "graduated", "hired", "promoted", "promotion", "raise", "aprobe", "gane",
    "ganamos", "graduation", "graduacion"};

/* The state word at i with its everyday cause after it (state_causes;
 * "after" and a doing: "wasted after moving all day", "high as a kite
 * after passing my drivers test"). Not with a drug or a drink there, not
 * "after work" (that is when one drinks), not "in the sun" (only "in
 * love"). */
static bool state_caused(const struct ctx *c, size_t i)
{
    size_t j = i + 1;
    if (in_set(c, j, SET("up", "af", "asf")))
        j++;
    if (is(c, j, "as") && is(c, j + 1, "a"))
        j += 3; /* "high as a kite" */
    if (j + 1 >= c->n ||
        !in_set(c, j, SET("from", "off", "by", "about", "bout", "with", "on", "in", "after", "de", "por", "con",
                          "that", "since", "bc", "cuz", "because")))
        return false;
    struct span after = window(c, j, 0, 5, 0);
    if (drug_in(c, after, i) || any_in(c, after, T_MED | T_USEV | T_USEACT, j))
        return false;
    if (is(c, j, "after")) {
        const char *w = c->v->w + c->v->toff[j + 1];
        size_t n = c->v->tlen[j + 1];
        return n > 4 && memcmp(w + n - 3, "ing", 3) == 0 &&
               !in_set(c, j + 1, SET("drinking", "using", "smoking", "partying", "hitting", "taking",
                                      "doing", "popping", "sipping", "getting"));
    }
    if (is(c, j, "in"))
        return in_set(c, j + 1, SET("love", "luv"));
    /* "got lit up by my supervisor", "lit up by the sunset": scolded, lit */
    if (is(c, i, "lit") && is(c, i + 1, "up") && is(c, j, "by"))
        return true;
    return any_str(c, after, j, LIST(state_causes));
}

/* "walking like im tipsy", "talk like a drunk poet", "dizzy like im
 * drunk", "como si estuviera borracho": a likeness, no state */
static bool state_likeness(const struct ctx *c, size_t i)
{
    return i > 1 && ((in_set(c, i - 1, SET("im", "a", "an", "estuviera", "anduviera")) &&
                      in_set(c, i - 2, SET("like", "como", "si"))) ||
                     (i > 2 && is(c, i - 1, "estuviera") && is(c, i - 2, "si") && is(c, i - 3, "como")));
}

/* A pet is the one high ("the cat got into the catnip and is absolutely
 * baked", "dog is stoned from the vet sedation") */
static bool pet_state(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 10, 0, 1);
    for (size_t j = s.lo; j < i; j++)
        if (in_set(c, j, SET("dog", "cat", "puppy", "kitty", "kitten", "pup", "perro", "gato", "perrito",
                             "gatito", "doggo", "pupper")) &&
            !any_in(c, (struct span){j + 1, i}, T_SELFSUBJ, i))
            return true;
    return false;
}

/* Token j is a Spanish gerund ("buscando", "haciendo"): what one is busy
 * doing */
static bool gerund_at(const struct ctx *c, size_t j)
{
    if (j >= c->n || c->v->tlen[j] <= 5)
        return false;
    const char *w = c->v->w + c->v->toff[j];
    size_t wn = c->v->tlen[j];
    return memcmp(w + wn - 4, "ando", 4) == 0 || memcmp(w + wn - 5, "iendo", 5) == 0;
}

static bool state_everyday(const struct ctx *c, size_t i)
{
    if (state_caused(c, i) || state_likeness(c, i) || pet_state(c, i))
        return true;
    /* "so sleep deprived i feel drunk": a likeness with its everyday cause */
    if (i > 0 && in_set(c, i - 1, SET("feel", "feels", "feeling", "felt", "siento")) && everyday_cause(c) &&
        !drug_in(c, (struct span){0, c->n}, i))
        return true;
    /* "feeling hungover without drinking a drop", "crudo sin tomar nada" */
    if (any_str(c, window(c, i, 0, 4, 0), i, SET("without", "sin", "w/o", "wo")) &&
        any_str(c, window(c, i, 0, 7, 0), i, SET("drinking", "drink", "drop", "tomar", "beber", "gota", "alcohol")))
        return true;
    if (is(c, i, "pilled") && any_str(c, window(c, i, 5, 3, 0), i, LIST(fabric)))
        return true;
    /* "so much wasted food", "wasted my time", "comida desperdiciada" */
    if (is(c, i, "wasted") && in_set(c, i + 1, SET("food", "time", "money", "day", "days", "weekend",
                                                  "effort", "potential", "paper", "water", "gas",
                                                  "energy", "breath", "trip", "talent", "youth")))
        return true;
    /* "the block party was so lit", "the show was lit" */
    if (is(c, i, "lit") && any_str(c, window(c, i, 6, 0, 0), i, SET("party", "show", "concert", "game",
                "vibe", "crowd", "event", "fiesta", "club", "wedding", "festival", "reunion", "grill",
                "candle", "candles", "fire", "tree")))
        return true;
    /* "i sound drunk cause i just got back from the dentist": a look,
     * explained */
    /* "feel drunk but its just the flight", "felt high just looking at
     * it", "said i look high in my ID photo ... i was just squinting" */
    if (i > 0 && in_set(c, i - 1, SET("feel", "felt", "look", "looks", "looked")) &&
        any_str(c, window(c, i, 0, 12, 2), i, SET("just", "only", "cause", "because", "bc", "from",
                "porque", "solo", "nomas")))
        return true;
    if (i > 0 && in_set(c, i - 1, SET("sound", "sounds", "seem", "seems", "look", "looks", "acting",
                                      "parezco", "parece")) &&
        any_str(c, window(c, i, 0, 6, 1), i, SET("cause", "cuz", "because", "bc", "from", "but",
                "porque", "pero", "just", "only")))
        return true;
    /* "my sponsee called me tonight pretty high, i talked him through it" */
    if (any_str(c, window(c, i, 5, 0, 1), i, SET("called", "texted", "facetimed", "messaged", "llamo")) &&
        any_str(c, window(c, i, 0, 8, 1), i, SET("him", "her", "them", "lo", "la")))
        return true;
    /* "ando loco buscando los útiles": busy */
    if (in_set(c, i, SET("loco", "loca", "locos", "locas")) && gerund_at(c, i + 1))
        return true;
    /* "ando volando, tengo mil cosas que hacer", "volando al trabajo":
     * in a hurry (not "volando con la mota") */
    if (is(c, i, "volando") && !drug_in(c, window(c, i, 6, 8, 2), i) &&
        (in_set(c, i + 1, SET("al", "a", "para", "pa")) ||
         any_str(c, window(c, i, 0, 10, 2), i, SET("cosas", "trabajo", "chamba", "prisa", "tarde",
                 "corriendo", "mandados", "pendientes", "pendiente", "ocupado", "ocupada", "tiempo",
                 "escuela", "clases", "juntas", "junta", "entregas", "turno", "busy", "work")) ||
         gerund_at(c, i + 1)))
        return true;
    /* "my ex texted me at 3am clearly high": the one who texted */
    if (any_str(c, window(c, i, 7, 0, 0), i, SET("texted", "called", "facetimed", "messaged", "dmed")) &&
        (any_in(c, window(c, i, 9, 0, 0), T_OTHER, i) ||
         any_str(c, window(c, i, 9, 0, 0), i, SET("ex", "mom", "dad", "brother", "sister", "friend", "buddy",
                 "cousin", "boyfriend", "girlfriend", "bf", "gf", "husband", "wife", "son", "daughter",
                 "roommate", "coworker", "boss", "sponsee", "sponsor", "neighbor", "uncle", "aunt"))) &&
        !any_in(c, window(c, i, 3, 0, 0), T_SELFSUBJ, i))
        return true;
    /* "un sueño bien loco", "el día estuvo loco": a thing */
    if (in_set(c, i, SET("loco", "loca")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("sueno", "dia", "clima", "partido", "trafico", "rollo",
                "mundo", "tiempo", "jefe", "perro", "mes", "ano", "semana")))
        return true;
    /* "pasado mañana": the day after tomorrow */
    if (in_set(c, i, SET("pasado", "pasada")) && in_set(c, i + 1, SET("manana", "mañana")))
        return true;
    /* "mi esposa cree que ando tomado pero solo es el sueño": a belief
     * denied */
    if (any_str(c, window(c, i, 6, 0, 0), i, SET("cree", "creen", "piensa", "piensan", "thinks",
                "think", "thought", "accused", "acusa", "acuso", "says", "dice")) &&
        any_in(c, window(c, i, 0, 6, 1), T_CONTRAST, i) &&
        (any_in(c, window(c, i, 0, 10, 1), T_NEG, i) ||
         any_str(c, window(c, i, 0, 10, 1), i, SET("solo", "just", "only", "nomas", "nada"))))
        return true;
    /* "había un señor bien tomado dormido", "vi a un tipo bien pedo":
     * somebody else, the subject, with no "I" or "me" after him ("this guy
     * at the bar got me drunk" is the client's) */
    struct span who = window(c, i, 5, 0, 0);
    for (size_t j = who.lo; j < i; j++)
        if (in_set(c, j, SET("habia", "vi", "senor", "senora", "tipo", "vecino", "vecina", "muchacho",
                             "muchacha", "hombre", "mujer", "guy", "woman", "lady", "chavo", "chava",
                             "borrachito")) &&
            !any_in(c, (struct span){j + 1, i}, T_SELFSUBJ | T_SELFOBJ, i))
            return true;
    /* "still on a high after my interview", "on such a high": elation */
    if (is(c, i, "high") && i > 1 && is(c, i - 1, "a") && in_set(c, i - 2, SET("on", "riding", "such")))
        return true;
    /* "im high up on a ladder", "rent went up, everything is so high" */
    if (is(c, i, "high") &&
        (is(c, i + 1, "up") ||
         any_str(c, window(c, i, 5, 2, 1), i, SET("rent", "prices", "price", "cost", "costs", "expensive",
                 "groceries", "bills", "gas", "inflation", "precios", "renta")) ||
         (any_str(c, window(c, i, 4, 0, 1), i, SET("everything", "stuff", "things", "todo")) &&
          any_str(c, window(c, i, 10, 0, 1), i, SET("rent", "prices", "price", "cost", "costs",
                  "groceries", "bills", "inflation", "precios", "renta")))))
        return true;
    /* "my kid is so high energy today", "high strung", "high maintenance" */
    if (is(c, i, "high") && in_set(c, i + 1, SET("energy", "strung", "maintenance", "spirits", "alert",
                                                 "hopes", "gear")))
        return true;
    /* "feeling buzzed about the concert", "hyped for saturday" */
    if (in_set(c, i, SET("buzzed", "lit", "hyped", "amped", "geeked", "stoked")) &&
        in_set(c, i + 1, SET("about", "for", "bout")))
        return true;
    /* "blitzed through my to-do list", "hammered the fence posts in" */
    /* "bien lit el cumple de mi sobrino": the party was */
    if (is(c, i, "lit") && in_set(c, i + 1, SET("el", "la", "the")) &&
        in_set(c, i + 2, SET("cumple", "cumpleanos", "fiesta", "boda", "party", "bday", "birthday",
                             "quince", "show", "concert", "game", "partido", "reunion")))
        return true;
    /* "spun out over the bills": worried */
    if (is(c, i, "spun") && is(c, i + 1, "out") && in_set(c, i + 2, SET("over", "about", "bout")))
        return true;
    /* "lifted heavy today, feeling lifted": the gym */
    if (is(c, i, "lifted") && any_str(c, window(c, i, 10, 6, 1), i, SET("heavy", "weights", "gym", "pr",
                "deadlift", "squat", "bench", "workout", "reps")))
        return true;
    /* "ando volado, se me olvido la cita": absent-minded */
    if (in_set(c, i, SET("volado", "volada")) &&
        any_str(c, window(c, i, 0, 8, 1), i, SET("olvido", "olvide", "olvidaba", "distraido", "distraida")))
        return true;
    if (in_set(c, i, SET("blitzed", "hammered", "smashed", "wrecked", "crushed", "plastered")) &&
        in_set(c, i + 1, SET("through", "thru", "the", "a", "in", "out", "down", "nails", "nail", "posts",
                             "that", "this", "it")))
        return true;
    /* "the river is really high", "the creek's high": water */
    if (is(c, i, "high") && any_str(c, window(c, i, 5, 0, 0), i, SET("river", "creek", "water",
                "lake", "waves", "surf", "tide", "grass", "snow", "winds", "wind", "rio", "agua")))
        return true;
    /* "got smashed 30-0 in flag football", "we got hammered in the
     * playoffs": a game lost */
    if (in_set(c, i, SET("smashed", "hammered", "wrecked", "crushed", "bombed", "blitzed")) &&
        any_str(c, window(c, i, 4, 6, 0), i, SET("football", "game", "match", "soccer", "basketball",
                "league", "playoffs", "tournament", "softball", "baseball", "volleyball", "hockey",
                "fantasy", "team", "partido", "futbol", "darts", "pool", "bowling", "trivia", "poker",
                "chess", "qb", "quarterback", "defense", "pickleball", "tennis", "golf")))
        return true;
    /* "el grifo gotea": a tap (Spain) */
    if (in_set(c, i, SET("grifo", "grifa")) && i > 0 &&
        in_set(c, i - 1, SET("el", "un", "del", "al", "the", "a", "ese", "este", "la")))
        return true;
    /* "colocado en una empresa", "trabado en el trafico": placed, stuck */
    /* "re puesto para la entrevista": ready */
    if (in_set(c, i, SET("puesto", "puesta")) && in_set(c, i + 1, SET("para", "pa", "pal")))
        return true;
    /* "my credit score tanked", "the stock tanked": a number fell */
    if (is(c, i, "tanked") && any_str(c, window(c, i, 3, 0, 0), i, SET("score", "scores", "stock", "stocks",
                "grades", "grade", "sales", "economy", "market", "ratings", "battery", "gpa", "credit")))
        return true;
    if (in_set(c, i, SET("colocado", "colocada", "trabado", "trabada")) &&
        in_set(c, i + 1, SET("en", "con", "por", "como", "de", "el", "la", "los", "las", "entre")) &&
        /* (not "trabado de cristal": high on it) */
        !has(c, i + 2, T_DRUG))
        return true;
    /* "la puerta está bien trabada", "se trabó el cierre": a thing stuck */
    if (in_set(c, i, SET("trabado", "trabada", "trabados", "trabadas")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("puerta", "carro", "cierre", "zipper", "llave", "ventana",
                "cajon", "computadora", "compu", "cel", "celular", "telefono", "pantalla", "tornillo",
                "rueda", "door", "car", "lock", "cerradura", "chapa", "trafico", "camion")))
        return true;
    /* "felt almost drunk for a minute" (low sugar), "casi borracho de
     * sueño": near a state is no state; "so tired i feel hungover and i
     * didnt even drink": the drink denied beside it */
    if (has(c, i, T_STATE) && i > 0 &&
        (in_set(c, i - 1, SET("almost", "nearly", "casi")) ||
         (in_set(c, i - 1, SET("feel", "feeling", "felt", "siento")) &&
          any_str(c, window(c, i, 0, 12, 2), i, SET("didnt", "without", "sin", "never")) &&
          any_str(c, window(c, i, 0, 12, 2), i, SET("drink", "drinking", "tomar", "tomado", "beber")) &&
          !any_str(c, window(c, i, 0, 14, 2), i, SET("much", "enough", "mucho", "lot")))))
        return true;
    /* "the traffic on 405 had me tweaking", "this heat got me tweakin":
     * freaking out, said of a thing */
    if (in_set(c, i, SET("tweaking", "tweakin")) && i > 1 && is(c, i - 1, "me") &&
        in_set(c, i - 2, SET("had", "got", "has", "have", "gets", "having", "getting")))
        return true;
    /* "scars are faded now", "faded jeans", "the tattoo faded" */
    if (is(c, i, "faded") &&
        any_str(c, window(c, i, 3, 2, 0), i, SET("scars", "scar", "tattoo", "tattoos", "jeans", "color",
                "colors", "paint", "photo", "sign", "bruise", "bruises", "memory", "memories", "marks",
                "cicatrices", "shirt", "hair", "sun")))
        return true;
    if (past_stretch(c, i))
        return true;
    /* "rollin so hard at the roller rink" */
    if (any_str(c, window(c, i, 4, 8, 1), i, SET("rink", "skates", "skating", "skate", "rollerblades",
                                                  "patines", "skatepark")))
        return true;
    if (is(c, i + 1, "from") && in_set(c, i + 2, SET("work", "school", "shift", "practice", "gym",
                                                     "job", "class", "running", "kids", "trabajo")))
        return true;
    /* "warm and toasty", "toasty by the fire", "the bread came out toasted" */
    if (in_set(c, i, SET("toasty", "toasted")))
        return (i > 0 && in_set(c, i - 1, SET("and", "n", "out", "lightly", "perfectly", "golden"))) ||
               in_set(c, i + 1, SET("in", "under", "by", "inside", "bread", "bagel", "bagels",
                                    "marshmallows", "buns", "perfect", "perfectly", "sandwich"));
    /* "the car spun out", "my head spun", "spun out of control": spun of
     * no meth (which is "spun" after a break, an "I" or a "so") */
    if (is(c, i, "spun"))
        return (i > 0 && !has(c, i - 1, T_BREAK | T_SELFSUBJ | T_INTENS) &&
                !in_set(c, i - 1, SET("been", "was", "got", "get", "getting", "lil", "little", "stay"))) ||
               (is(c, i + 1, "out") && in_set(c, i + 2, SET("of", "on")));
    if (!in_set(c, i, SET("loco", "loca", "mareado", "mareada", "crudo", "cruda", "pasado",
                          "pasada", "prendido", "prendida", "volado", "volada", "acelerado", "acelerada")))
        return false;
    /* "por la medicina", "loco por ti": a cause of no drug */
    if (in_set(c, i + 1, SET("por", "con")) && !any_in(c, window(c, i, 0, 4, 0), T_DRUG | T_USEV, i))
        return true;
    /* dizzy from an everyday cause named anywhere: "la pastilla de la
     * presion como dijo la doctora y ando mareado" */
    if (in_set(c, i, SET("mareado", "mareada")) && everyday_cause(c) && !drug_in(c, (struct span){0, c->n}, i))
        return true;
    /* "bien loco el clima", "que loco", "esta bien loco": a thing, not the client */
    return in_set(c, i + 1, SET("el", "la", "los", "las", "este", "esta", "ese", "esa", "eso")) ||
           (i > 0 && is(c, i - 1, "que")) ||
           any_str(c, window(c, i, 2, 0, 0), i, SET("esta", "es", "fue", "estuvo", "son", "estan",
                                                    "estaba", "estaban", "quedo", "salio")) ||
           /* "la carne estaba cruda", "el pollo salio crudo": food, not a hangover */
           any_str(c, window(c, i, 4, 0, 0), i, SET("carne", "pollo", "comida", "huevo", "huevos",
                   "arroz", "pescado", "frijoles", "pan", "pasta", "papas", "bistec", "steak",
                   "chicken", "tortillas", "masa"));
}

/* Things one cops that are no drug: "copped the new jordans". */
static const char *const purchases[] = {
    "new", "jordans", "shoes", "kicks", "sneakers", "tickets", "ticket", "iphone", "phone",
    "hoodie", "jacket", "fit", "outfit", "game", "ps5", "xbox", "dress", "jersey", "hat", "merch",
    "pair", "sale", "deal", "tix", "nikes", "dunks", "shirt", "jeans", "laptop", "console"};

/* A use word said of no use: "copped some new jordans", "nodding along",
 * "nodding off in front of the tv", "u tweaking", "tweaking about the
 * dishes", "slammed with work". */
/* What is bought again of no drug: "reupped my phone plan", "re-upped
 * the gym membership" */
static bool reupped_everyday(const struct ctx *c, size_t i)
{
    return any_str(c, window(c, i, 0, 4, 0), i,
                   SET("plan", "phone", "minutes", "data", "membership", "subscription", "lease",
                       "contract", "prescription", "script", "meds", "groceries", "gas", "card",
                       "account", "pass", "license", "insurance", "enlistment", "coffee", "snacks")) &&
           !drug_in(c, window(c, i, 0, 4, 0), i);
}

static bool useact_everyday(const struct ctx *c, size_t i)
{
    /* "old pics of me blacked out at parties": a picture of the past */
    if (in_set(c, i, SET("blacked", "blackout")) &&
        any_str(c, window(c, i, 6, 0, 0), i, SET("pics", "pictures", "photos", "videos", "fotos",
                "pic", "picture", "photo", "video", "memories", "footage")))
        return true;
    if (in_set(c, i, SET("reupped", "reuped")))
        return reupped_everyday(c, i);
    if (in_set(c, i, SET("copped", "coppin", "copping")))
        return any_str(c, window(c, i, 0, 4, 0), i, LIST(purchases)) && !drug_in(c, window(c, i, 0, 4, 0), i);
    if (in_set(c, i, SET("nodding", "noddin", "nodded"))) {
        if (in_set(c, i + 1, SET("along", "yes", "my", "his", "her", "head", "at", "in", "to")))
            return true;
        /* "saw a guy nodding at the bus stop" */
        if (any_str(c, window(c, i, 4, 0, 0), i, SET("guy", "man", "woman", "lady", "someone",
                    "somebody", "dude", "girl", "people", "saw", "folks")))
            return true;
        return is(c, i + 1, "off") &&
               (any_str(c, window(c, i, 8, 8, 1), i, SET("tv", "movie", "movies", "show", "couch",
                        "class", "lecture", "meeting", "church", "tired", "sleepy", "exhausted",
                        "book", "reading", "netflix", "bed", "nap", "homework", "sermon", "drive",
                        "shift", "during", "chest", "lap", "arms")) ||
                /* "my baby nodded off": somebody else */
                any_str(c, window(c, i, 3, 0, 0), i, SET("baby", "son", "daughter", "kid", "kids",
                        "he", "she", "dog", "cat", "grandma", "grandpa", "husband", "wife", "toddler")) ||
                /* "nodding off on the bus ... night shift then class" */
                (everyday_cause(c) && !drug_in(c, (struct span){0, c->n}, i)));
    }
    /* "been using it to read", "using the app", "using my planner": a
     * thing used, no drug */
    if (in_set(c, i, SET("using", "usin", "used")) &&
        in_set(c, i + 1, SET("it", "the", "my", "a", "an", "this", "that", "his", "her", "our", "their")) &&
        !drug_in(c, window(c, i, 0, 4, 0), i))
        return true;
    if (in_set(c, i, SET("tweaking", "tweakin")))
        return (i > 0 && in_set(c, i - 1, SET("u", "you", "ur", "youre", "ya", "yall", "hes", "shes"))) ||
               in_set(c, i + 1, SET("about", "over", "bout")) ||
               /* "my buddy called me tweaking, i talked him down" */
               (any_in(c, window(c, i, 5, 0, 0), T_OTHER, i) &&
                any_str(c, window(c, i, 0, 8, 1), i, SET("him", "her", "them")));
    if (in_set(c, i, SET("hammered", "blasted", "slammed", "plastered")))
        return is(c, i + 1, "with") || is(c, i + 1, "w") ||
               /* "hammered by the storm"; not "hammered by noon" */
               (is(c, i + 1, "by") && !in_set(c, i + 2, SET("noon", "lunch", "breakfast", "10am", "11am",
                                                             "9am", "8am", "dinner", "midnight"))) ||
               /* "blasted my music", "blasted the ac" */
               in_set(c, i + 1, SET("my", "the", "music", "it", "some", "that", "this", "his", "her")) ||
               /* "gettin hammered at work today, so many orders": busy */
               (in_set(c, i + 1, SET("at", "by")) &&
                in_set(c, i + 2, SET("work", "job", "the", "orders", "customers", "calls"))) ||
               /* "hammered all day.. building a deck" */
               any_str(c, window(c, i, 6, 12, 3), i, SET("building", "deck", "nails", "drywall",
                       "construction", "fence", "roof", "hammer", "framing"));
    /* "me emborrache de sol", "que colocon de sueno": a likeness */
    if (in_set(c, i, SET("emborrache", "colocon", "borrachera")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("sol", "sueno", "amor", "felicidad", "alegria", "cansancio",
                "trabajo", "comida", "azucar", "musica", "risa", "emocion", "cafe", "coffee", "cafeina")))
        return true;
    return false;
}

/* The client joins the others after their state: "everyone at the
 * cookout was wasted and so was i", "...bien pedos y yo tambien", "me too" */
static bool self_joined(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 0, 8, 1);
    for (size_t j = s.lo; j + 1 < s.hi; j++)
        if ((is(c, j, "so") && in_set(c, j + 1, SET("was", "did", "am")) && is(c, j + 2, "i")) ||
            (is(c, j, "yo") && is(c, j + 1, "tambien")) || (is(c, j, "me") && is(c, j + 1, "too")) ||
            (in_set(c, j, SET("i", "me")) && in_set(c, j + 1, SET("too", "also")) && !negated(c, j)))
            return true;
    return false;
}

/* Everyday things one "relapses" into: "relapsed into my old habit of
 * biting my nails", "fell off the wagon w my diet", "recai en el
 * chocolate", "fell in a k-hole of wikipedia articles". */
static const char *const relapse_things[] = {
    "habit", "habits", "diet", "chocolate", "nails", "sugar", "carbs", "shopping", "netflix", "candy",
    "junk", "wikipedia", "youtube", "tiktok", "gaming", "videogames", "instagram", "reddit", "snacks",
    "chips", "pizza", "cookies", "procrastinating", "procrastination", "series", "serie", "dulces",
    "galletas", "pan", "dieta", "compras", "redes", "soda", "sodas", "refresco",
    "icecream", "cake", "pastel", "fastfood", "doomscrolling", "scrolling", "vaping"};

/* A listed relapse phrase at i whose state or use word (within its first
 * three words) is said of an everyday cause: "got stoned by the heat",
 * "me emborrache de sol". */
bool phrase_state_everyday(const struct ctx *c, size_t i)
{
    for (size_t j = i; j < c->n && j < i + 3; j++)
        if (((c->tags[j] & T_STATE) && state_everyday(c, j)) || ((c->tags[j] & T_USEACT) && useact_everyday(c, j)))
            return true;
    return false;
}

/* "doing my lines for the play", "did my lines with my scene partner": an
 * actor's lines (a possessive before them, or the stage near) */
static bool lines_of_a_part(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 0, 4, 0);
    for (size_t j = s.lo + 1; j < s.hi; j++)
        if (in_set(c, j, SET("lines", "line")) &&
            (in_set(c, j - 1, SET("my", "his", "her", "our", "their", "your")) ||
             any_str(c, window(c, j, 6, 8, 1), j, SET("play", "rehearsal", "script", "audition",
                     "scene", "stage", "musical", "show", "obra", "ensayo", "memorize", "memorizing"))))
            return true;
    return false;
}

/* "was drinking coffee", "been drinking so much water lately", "drank a
 * gallon of tea", "drank a whole pot of coffee", "me tomé toda la botella
 * de agua": a drinking word within the first words of a finding at i, its
 * drink named and none (the exceptions list had a few of these, phrase by
 * phrase). Its measure may be counted ("3 cups", "2 liters") or whole; a
 * bottle with nothing named after it is no soft drink. "coke" after a
 * drinking word is the soda: nobody drinks the powder. */
bool drink_named_soft(const struct ctx *c, size_t i)
{
    for (size_t k = i; k < i + 5 && k < c->n; k++) {
        if (!in_set(c, k, SET("drinking", "drinkin", "drank", "drink", "drinks", "sipping", "sippin",
                              "sipped", "chugged", "chugging", "downed", "guzzled", "bebi", "bebiendo",
                              "tome", "tomando", "tomaba")))
            continue;
        size_t j = k + 1;
        while (j < c->n && j < k + 7 &&
               (has(c, j, T_NUMBER) ||
                in_set(c, j, SET("a", "some", "more", "lots", "lot", "of", "so", "much", "too", "many",
                                 "cup", "cups", "glass", "glasses", "gallon", "gallons", "bottle",
                                 "bottles", "can", "cans", "de", "un", "una", "mucho", "mucha", "puro",
                                 "pura", "only", "just", "iced", "hot", "my", "diet", "black", "green",
                                 "herbal", "sweet", "decaf", "whole", "entire", "pot", "pots", "mug",
                                 "mugs", "liter", "liters", "litre", "litres", "pitcher", "jug",
                                 "carton", "big", "huge", "large", "venti", "double", "half", "oz",
                                 "ounces", "protein", "energy", "sparkling", "cold", "toda", "todo",
                                 "la", "el", "botella", "botellas", "vaso", "vasos", "taza", "tazas",
                                 "litro", "litros", "lata", "latas", "termo", "otra", "otro", "mi",
                                 "caliente", "helado", "frio"))))
            j++;
        return in_set(c, j, SET("water", "coffee", "tea", "juice", "soda", "pop", "milk", "lemonade",
                                "gatorade", "powerade", "kombucha", "smoothie", "smoothies", "sprite",
                                "pepsi", "gingerale", "mocktail", "mocktails", "seltzer", "agua",
                                "cafe", "te", "jugo", "refresco", "refrescos", "leche", "atole",
                                "horchata", "champurrado", "limonada", "cafecito", "waters", "coffees",
                                "teas", "redbull", "monster", "celsius", "electrolytes", "pedialyte",
                                "coke", "cokes", "espresso", "latte", "lattes", "cappuccino", "frappe",
                                "shake", "shakes", "milkshake", "cocoa", "chocolate", "chai", "matcha",
                                "juices", "sodas", "coconut", "licuado", "malteada", "suero", "mate",
                                "jugos", "aguita", "tecito", "cafesito", "chocolatito"));
    }
    return false;
}

/* "the app i used this morning", "the coupon i used yesterday", "that tea
 * i drank last night": the use phrase at i ("i used ...", or its verb
 * after "i") tells what the thing named before it was used for, no use
 * of a drug (a drug or a medication named there is still one: "the pills
 * i took last night"). */
bool use_of_a_thing_named_before(const struct ctx *c, size_t i)
{
    if (i >= 1 && !is(c, i, "i") && is(c, i - 1, "i"))
        i--; /* the finding is at the verb: "drank last night" */
    return i >= 2 && is(c, i, "i") && in_set(c, i + 1, SET("used", "drank", "smoked", "took")) &&
           in_set(c, i - 2, SET("the", "my", "a", "an", "that", "this", "those", "these")) &&
           !(c->tags[i - 1] & (T_DRUG | T_MED | T_BREAK | T_NUMBER)) &&
           !in_set(c, i - 1, SET("stuff", "shit", "thing", "things", "one", "ones", "day", "night",
                                 "time", "week", "weekend", "morning"));
}

/* "taking my oxy exactly as the surgeon prescribed", "me la recetó el
 * dentista": a routine dose at token i of a medication the client says
 * was prescribed (not "wasn't prescribed to me", not "my mom's"). For
 * one in recovery from opioids it is news for the specialist, not a
 * relapse: a watch note in the digest, and no 988 text. */
bool prescribed_to_client(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 6, 8, 1);
    return any_str(c, s, i, SET("prescribed", "prescription", "recetada", "recetado", "recetaron",
                                "receto", "directed", "surgeon", "dentist", "cirujano", "dentista")) &&
           !any_in(c, s, T_NEG, i) && !any_in(c, window(c, i, 3, 0, 0), T_OTHER, i) &&
           !any_str(c, s, i, SET("not", "werent", "wasnt", "isnt", "arent", "aint", "never", "no",
                                 "without", "sin", "nunca", "someone", "somebody", "else", "elses",
                                 "extra", "more", "street", "calle"));
}

/* A use word within the first words at i takes a dose as prescribed
 * (prescribed_to_client): "taking my oxy as the nurse prescribed". */
bool use_as_prescribed(const struct ctx *c, size_t i)
{
    for (size_t j = i; j <= i + 3 && j < c->n; j++)
        if (has(c, j, T_MED) && routine_dose(c, j) && prescribed_to_client(c, j))
            return true;
    return false;
}

bool use_of_something_else(const struct ctx *c, size_t i)
{
    return relapse_of_thing(c, i) || drink_named_soft(c, i) || use_of_a_thing_named_before(c, i) ||
           use_as_prescribed(c, i);
}

bool relapse_of_thing(const struct ctx *c, size_t i)
{
    if (!in_set(c, i, SET("relapsed", "relapse", "relapsing", "relapsd", "recai", "recaida", "recaer",
                          "recaiste", "fell", "wagon", "khole", "k", "hole", "slipped", "slip", "in", "ak")))
        return false;
    struct span s = window(c, i, 0, 7, 0);
    for (size_t j = s.lo + 1; j < s.hi; j++)
        if (in_set(c, j, SET("into", "on", "with", "w", "w/", "en", "con", "of", "de", "to")) &&
            any_str(c, window(c, j, 0, 4, 0), j, LIST(relapse_things)) &&
            !drug_in(c, window(c, j, 0, 4, 0), i))
            return true;
    return false;
}

/* Somebody else's belief that the client used, then the client's "i
 * didn't": "my mom thought i relapsed, i didnt", "mi jefe cree que recai
 * pero no es cierto" (not "i think i relapsed"). */
bool belief_denied(const struct ctx *c, size_t i)
{
    struct span back = window(c, i, 4, 0, 0);
    size_t b = back.hi;
    for (size_t j = back.lo; j < back.hi; j++)
        if (in_set(c, j, SET("thought", "thinks", "think", "accused", "assumed", "assumes", "suspects", "cree",
                             "creyo", "penso", "piensa", "creen", "piensan")) &&
            j > 0 && !has(c, j - 1, T_SELFSUBJ))
            b = j;
    if (b == back.hi)
        return false;
    struct span fwd = window(c, i, 0, 8, 2);
    for (size_t j = i + 1; j < fwd.hi; j++)
        if (in_set(c, j, SET("nope", "nah", "nel"))) /* "think im hungover lol nope" */
            return true;
    for (size_t j = i + 1; j + 1 < fwd.hi; j++)
        if ((has(c, j, T_SELFSUBJ) && has(c, j + 1, T_NEG)) ||
            (is(c, j, "not") && in_set(c, j + 1, SET("true", "so"))) ||
            (is(c, j, "no") && in_set(c, j + 1, SET("es", "fue")) && j + 2 < fwd.hi &&
             in_set(c, j + 2, SET("cierto", "verdad", "asi"))))
            return true;
    return false;
}

uint32_t rule_relapse(const struct ctx *c, size_t i)
{
    if (belief_denied(c, i))
        return 0;
    /* use that does not stop: "cant stop drinking", "couldnt stop using",
     * "no paro de tomar", "no puedo dejar de beber" (not of water or
     * coffee, drink_named_soft; not "cant stop thinking about drinking") */
    if (in_set(c, i, SET("drinking", "drinkin", "using", "usin", "tomar", "beber", "usar", "chupar",
                         "pistear", "drogarme")) && i >= 2 &&
        ((in_set(c, i - 1, SET("stop", "quit")) &&
          in_set(c, i - 2, SET("cant", "cannot", "couldnt", "wont", "didnt"))) ||
         (is(c, i - 1, "de") && in_set(c, i - 2, SET("paro", "parar", "dejar", "dejo", "paraba")) &&
          any_in(c, window(c, i - 2, 3, 0, 0), T_NEG, i - 2))) &&
        !drink_named_soft(c, i))
        return REPLY_R_USE;
    if (has(c, i, T_STATE)) {
        if (state_everyday(c, i))
            return 0;
        /* "showed up faded to work", "llegue crudo al trabajo", "drunk
         * before breakfast", "hammered by noon", "got lit to celebrate" */
        if ((i > 1 && is(c, i - 1, "up") && in_set(c, i - 2, SET("showed", "show", "showing", "turned", "came"))) ||
            (i > 0 && in_set(c, i - 1, SET("llegue", "entre"))) ||
            (in_set(c, i + 1, SET("before", "by")) &&
             in_set(c, i + 2, SET("breakfast", "noon", "lunch", "10am", "9am", "11am", "8am", "mediodia"))) ||
            (is(c, i + 1, "to") && in_set(c, i + 2, SET("celebrate", "forget", "cope", "sleep", "numb"))))
            return REPLY_R_STATE;
        /* "ando bien loco de la mota": high on a drug */
        if (is(c, i + 1, "de") &&
            (has(c, i + 2, T_DRUG) || (in_set(c, i + 2, SET("la", "el")) && has(c, i + 3, T_DRUG))) &&
            any_str(c, window(c, i, 3, 0, 0), i, SET("ando", "toy", "estoy", "andaba", "estaba", "bien",
                                                      "voy", "muy", "re")))
            return REPLY_R_STATE;
        /* "mareado de tanto tomar": a state from drinking */
        if (is(c, i + 1, "de") &&
            (any_str(c, window(c, i, 0, 3, 0), i, SET("tomar", "chupar", "pistear", "beber", "tomado")) ||
             drug_in(c, window(c, i, 0, 3, 0), i)) &&
            any_in(c, window(c, i, 3, 0, 0), T_SELFSUBJ | T_INTENS, i))
            return REPLY_R_STATE;
        /* "the comedown is rough", "my comedown": the state after a use
         * (not somebody else's, not the past, not denied) */
        if (is(c, i, "comedown") && !any_in(c, window(c, i, 6, 6, 1), T_OTHER | T_PASTMARK, i) &&
            !any_in(c, window(c, i, 3, 0, 0), T_NEG, i))
            return REPLY_R_STATE;
        /* "im too drunk to drive", "too high to function": a "to" after
         * "too" measures the state, no idiom's "to" ("dying to"); not
         * somebody else's, not denied */
        if (i > 0 && is(c, i - 1, "too") && is(c, i + 1, "to") &&
            !any_in(c, window(c, i, 6, 0, 1), T_OTHER | T_NEG, i) &&
            /* the client's: an "I" before it, or the clause opening on it
             * ("way too drunk to drive"; not "the guy next to me was too
             * drunk to sit up") */
            (any_in(c, window(c, i, 5, 0, 0), T_SELFSUBJ, i) || i == 1 || has(c, i - 2, T_BREAK) ||
             (i == 2 && in_set(c, i - 2, SET("way", "so", "waaay", "wayyy", "too", "still")))))
            return REPLY_R_STATE;
        /* "sigo borracho de anoche": "de" of a time is no idiom ("muerto
         * de risa") but the state's start */
        bool since = is(c, i + 1, "de") && in_set(c, i + 2, SET("anoche", "ayer", "antier"));
        if ((has(c, i + 1, T_IDIOM_NEXT) && !since) || (i > 0 && has(c, i - 1, T_IDIOM_PREV)))
            return 0;
        /* "spun out again", "so spun rn" (state_everyday has sorted out the car) */
        if (is(c, i, "spun") && (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_INTENS | T_TIME | T_AGAIN) ||
                                 in_set(c, i + 1, SET("out", "af", "again", "all", "lol", "for", "since"))))
            return REPLY_R_STATE;
        if (state_alone(c, i))
            return REPLY_R_STATE;
        /* "wrecked. whiskey. more tmrw": a state beside its drink, at the
         * clause's start */
        if ((i == 0 || has(c, i - 1, T_BREAK)) && drug_in(c, window(c, i, 0, 3, 1), i) &&
            !in_set(c, i + 1, SET("my", "his", "her", "the", "a", "it")) &&
            !any_in(c, window(c, i, 0, 6, 1), T_SAFE | T_NEG, i))
            return REPLY_R_STATE;
        static const char *const joy[] = {"life", "love", "happiness", "vida", "gratitude", "jesus"};
        for (size_t k = 0; k < sizeof joy / sizeof joy[0]; k++)
            if (is(c, i + 1, "on") && is(c, i + 2, joy[k]))
                return 0; /* "high on life" */
        /* "wanted to get high so bad but called my sponsor": a craving
         * turned away */
        if (any_in(c, window(c, i, 4, 0, 0), T_WANT, i) &&
            (any_in(c, window(c, i, 0, 12, 2), T_CONTRAST, i) ||
             any_str(c, window(c, i, 0, 12, 2), i, SET("instead", "sponsor"))))
            return 0;
        /* "bombed my test", "smashed the phone", "lifted weights": a verb
         * with its object, no state */
        if (in_set(c, i + 1, SET("my", "his", "her", "our", "their", "your", "it", "weights", "me")))
            return 0;
        /* "that workout got me wasted", "this heat has me fried": a thing
         * wore the client out */
        if (i > 2 && is(c, i - 1, "me") && in_set(c, i - 2, SET("got", "has", "had", "have")) &&
            in_set(c, i - 3, SET("workout", "gym", "practice", "run", "hike", "shift", "heat", "class",
                                 "day", "week", "job", "kids", "baby", "work", "sun", "cold", "flu")))
            return 0;
        /* "my blood pressure was high", "rent is so high": a number ran high */
        if (any_str(c, window(c, i, 5, 0, 0), i, SET("pressure", "sugar", "rent", "prices", "fever",
                    "tide", "bp", "cholesterol", "expectations", "stakes", "temperature", "temp",
                    "levels", "level", "bills", "bill", "scores", "numbers", "anxiety", "stress")))
            return 0;
        /* "everyone at the party was drunk and i had a sprite": others */
        if (i > 1 && in_set(c, i - 1, SET("was", "were", "got", "is", "are", "estaba", "estaban", "andaban",
                                          "andan", "estan", "bien", "re", "muy", "en")) &&
            any_str(c, window(c, i - 1, 8, 0, 0), i, SET("everyone", "everybody", "they", "he", "she",
                    "people", "guys", "friends", "all", "them", "todos", "ellos", "ellas", "nobody",
                    "office", "team", "crew", "family", "coworkers", "whole", "party", "lado", "vecinos",
                    "vecinas", "homies", "boys")) &&
            !self_joined(c, i))
            return 0;
        /* "my ex texted me drunk at 2am": the one who texted */
        if (i > 1 && is(c, i - 1, "me") &&
            in_set(c, i - 2, SET("texted", "called", "calls", "texts", "messaged", "dmed", "facetimed")))
            return 0;
        /* "was geekin all weekend", "was drunk last night": the client,
         * the subject left out at the clause's start */
        if (i > 0 && in_set(c, i - 1, SET("was", "been")) && (i == 1 || has(c, i - 2, T_BREAK)))
            return REPLY_R_STATE;
        struct span s = window(c, i, 3, 3, 0);
        if (any_in(c, s, T_SELFSUBJ | T_INTENS | T_GOT, i) ||
            any_str(c, s, i, SET("lowkey", "highkey", "sorta", "proper", "absolutely", "totally",
                                 "completely", "rotten", "wicked", "truly", "sigo", "voy", "quedo", "re",
                                 "traigo", "aqui", "aca", "andamos", "estamos",
                                 "been", "stayed", "staying", "getting", "gettin", "feeling", "toy", "ando",
                                 "feelin", "felt", "estaba", "estuve", "anduve", "quede", "puse", "little",
                                 "lil", "bit", "slightly", "tad", "abit", "somewhat")))
            return REPLY_R_STATE;
        return 0;
    }
    if (has(c, i, T_USEACT)) {
        /* "was a blackout drinker for a decade": a stretch of the past */
        if (useact_everyday(c, i) || past_stretch(c, i) || state_everyday(c, i))
            return 0;
        /* "everyone at the work happy hour got hammered, i drove them home" */
        if (i > 1 && in_set(c, i - 1, SET("got", "were", "was", "get", "getting")) &&
            any_str(c, window(c, i - 1, 8, 0, 0), i, SET("everyone", "everybody", "they", "people", "guys",
                    "todos", "homies", "boys", "coworkers", "friends")) &&
            !self_joined(c, i))
            return 0;
        /* "recaí en marzo, pero desde entonces ni una gota", "relapsed in
         * june, clean since then": over */
        if (any_str(c, window(c, i, 0, 10, 1), i, SET("desde", "since")) &&
            any_str(c, window(c, i, 0, 12, 1), i, SET("entonces", "then")))
            return 0;
        static const char *const place[] = {"on", "in", "and", "off", "down", "up", "at", "through"};
        /* "slipped up" said of using: at the end, before a time, or with a
         * use after it ("slipped up and had a few"), not "slipped up at work" */
        if (is(c, i, "slipped") && is(c, i + 1, "up") &&
            (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_TIME | T_AGAIN) ||
             in_set(c, i + 2, SET("last", "yesterday", "this", "over", "friday", "saturday", "sunday")) ||
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
    /* "found my son's weed", "found a baggie in her room": finding is no
     * use; "people at the bus station were smoking crack": others' */
    if (has(c, i, T_USEV | T_GOT | T_TOOK) && !in_set(c, i, SET("found", "find", "finding", "encontre")) &&
        !(any_str(c, window(c, i, 8, 0, 0), i, SET("people", "folks", "everyone", "everybody", "they",
                  "kids", "guys", "dudes", "teens", "crowd", "somebody", "someone")) &&
          any_str(c, window(c, i, 2, 0, 0), i, SET("were", "are", "was", "is", "been"))) &&
        /* "everyone took shots, i did the toast with water": their act */
        !(i > 0 && in_set(c, i - 1, SET("everyone", "everybody", "people", "they", "guys", "todos", "friends")))) {
        struct span s = window(c, i, 0, 5, 0);
        if (drug_in(c, s, i) && !any_in(c, s, T_SAFE, i) && !lines_of_a_part(c, i))
            return REPLY_R_USE;
    }
    /* "got tore up", "getting fucked up": a state in two words */
    /* the f-word censored ("f*cked", "f**ked": the tokens keep one star) */
    if (in_set(c, i, SET("tore", "torn", "fucked", "effed", "fked", "fcked", "fkd", "f*cked", "f*ked",
                          "f*kd")) && is(c, i + 1, "up") &&
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
    if (has(c, i, T_DAY) && (is(c, i + 1, "one") || is(c, i + 1, "uno") || is(c, i + 1, "1"))) {
        struct span s = window(c, i, 4, 4, 0);
        if (any_in(c, s, T_AGAIN, i))
            return REPLY_R_DAY_ONE;
    }
    return 0;
}

/* Token j is a use verb said bare, its object left unsaid: "caved and
 * drank", "gave in and used last night", "la regué y tomé"; not "drank
 * the milk", "used the coupon", "tomé agua". */
static bool bare_use(const struct ctx *c, size_t j)
{
    if (!in_set(c, j, SET("drank", "used", "drink", "use", "tome", "bebi", "consumi", "fume",
                          "smoked", "drinking", "using", "chupe", "pistie")))
        return false;
    return j + 1 >= c->n || has(c, j + 1, T_BREAK | T_TIME | T_AGAIN | T_DRUG) ||
           in_set(c, j + 1, SET("last", "yesterday", "again", "mucho", "anoche", "ayer", "otra",
                                "some", "alot", "lot", "too", "and", "y", "hard", "everything",
                                "all", "til", "till", "until", "hasta", "toda", "todo", "lol", "smh",
                                "friday", "saturday", "sunday", "monday", "tuesday", "wednesday",
                                "thursday", "sabado", "viernes", "domingo", "tonight"));
}

/* Giving in, then a use: "caved and drank", "gave in and used", "messed
 * up and used", "la regué y tomé", "no aguanté y tomé"; and "caved" by
 * itself ("i caved last night", "caved again"), not "caved and bought the
 * shoes". */
static bool gave_in(const struct ctx *c, size_t i)
{
    bool caved = in_set(c, i, SET("caved", "cave", "caving", "folded"));
    if (!caved && !(in_set(c, i, SET("gave", "give", "giving")) && is(c, i + 1, "in")) &&
        !(in_set(c, i, SET("messed", "screwed", "fucked", "effed", "fked")) && is(c, i + 1, "up")) &&
        !(in_set(c, i, SET("regue", "cague", "aguante", "resisti")) && i > 0 &&
          in_set(c, i - 1, SET("la", "no"))))
        return false;
    for (size_t j = i + 1; j <= i + 5 && j < c->n; j++)
        if (bare_use(c, j) && (in_set(c, j - 1, SET("and", "y", "n", "then", "i", "e")) || has(c, j - 1, T_BREAK)))
            return true;
    if (!caved || (i > 0 && !has(c, i - 1, T_BREAK | T_SELFSUBJ) &&
                   !in_set(c, i - 1, SET("finally", "totally", "kinda", "basically", "just", "and", "so"))))
        return false;
    return i + 1 >= c->n || has(c, i + 1, T_BREAK | T_TIME | T_AGAIN) ||
           in_set(c, i + 1, SET("last", "yesterday", "hard", "lol", "smh", "ugh", "again"));
}

/* Intoxication by the count of drinks at token i: "4 beers deep", "6
 * beers in", "few shots down"; not "4 beers in the fridge". */
static bool drinks_deep(const struct ctx *c, size_t i)
{
    return i > 0 &&
           (has(c, i - 1, T_NUMBER) || in_set(c, i - 1, SET("few", "couple", "three", "four", "five",
                                                            "six", "seven", "eight", "ten", "twelve"))) &&
           in_set(c, i + 1, SET("deep", "in", "down")) &&
           (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_INTENS) ||
            in_set(c, i + 2, SET("lol", "already", "and", "lmao", "tonight")));
}

/* More ways of saying a relapse. Returns a reason bit, or 0. */
/* A taking or use verb in s, not denied ("did not take"). */
static bool took_affirmed(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && has(c, j, T_TOOK | T_USEV) && !negated(c, j) &&
            !has(c, j + 1, T_NEG)) /* "did not take": "did" is no use */
            return true;
    return false;
}

static bool to_someone_after(const struct ctx *c, size_t i)
{
    for (size_t j = i + 1; j < c->n && j <= i + 8; j++)
        if (is(c, j, "to") && in_set(c, j + 1, SET("the", "her", "him", "them", "his", "my", "mom",
                                                   "dad", "a", "their", "work", "school")))
            return true;
    return false;
}

bool relapse_not_own(const struct ctx *c, size_t i)
{
    return in_set(c, i, SET("prescribed", "recetadas", "mias", "mine"));
}

uint32_t rule_relapse_more(const struct ctx *c, size_t i)
{
    /* "took pain pills that were not prescribed to me", "unas pastillas que
     * no eran mías" */
    if (in_set(c, i, SET("prescribed", "recetadas", "mias", "mine")) &&
        any_in(c, window(c, i, 4, 0, 0), T_NEG, i) &&
        any_in(c, window(c, i, 8, 0, 1), T_MED | T_DRUG | T_MEANS, i) &&
        took_affirmed(c, window(c, i, 10, 0, 1), i) &&
        !any_in(c, window(c, i, 10, 0, 1), T_OTHER, i))
        return REPLY_R_USE;
    /* somebody else's medication taken: "took some of my moms klonopin",
     * "popped a few of my roommates adderall", "me tomé las pastillas de mi
     * abuela" (not taken to the pharmacy or back to them) */
    if (in_set(c, i, SET("took", "popped", "stole", "tome", "robe", "swiped", "snuck")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("moms", "dads", "sisters", "brothers", "grandmas",
                "grandpas", "wifes", "husbands", "roommates", "friends", "cousins", "aunts", "uncles",
                "boyfriends", "girlfriends", "abuela", "abuelo", "mama", "papa", "hermana", "hermano",
                "tia", "tio", "roomies", "neighbors")) &&
        any_in(c, window(c, i, 0, 7, 0), T_MED, i) &&
        !any_str(c, window(c, i, 0, 8, 0), i, SET("back", "pharmacy", "farmacia", "le", "les",
                 "gave", "organized", "counted", "dropped", "picked", "llevar", "devolvi")) &&
        /* "took my moms pills to her", "to the pharmacy" (not "to sleep") */
        !to_someone_after(c, i) &&
        !any_in(c, window(c, i, 3, 0, 0), T_OTHER | T_NEG, i))
        return REPLY_R_USE;
    /* gambling again for one recovering from it: "volví a apostar",
     * "gambled again", "back at the casino again", "hit the slots again" */
    if (in_set(c, i, SET("apostar", "aposte", "apostando", "gambled", "gambling", "gamble", "casino",
                          "slots", "tragamonedas", "betting", "sportsbook")) &&
        (any_str(c, window(c, i, 4, 4, 1), i, SET("again", "volvi", "otra", "relapsed", "recai",
                 "relapse")) ||
         (i > 1 && is(c, i - 1, "to") && in_set(c, i - 2, SET("back", "went", "relapsed")))) &&
        !any_in(c, window(c, i, 4, 0, 0), T_OTHER | T_NEG, i) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("urge", "urges", "almost", "casi", "ganas", "craving",
                 "didnt", "not", "instead", "drove", "past", "wanted")))
        return REPLY_R_USE;
    /* "me puse a beber otra vez", "volví a tomar": drinking again */
    if (in_set(c, i, SET("beber", "chupar", "pistear")) &&
        (any_str(c, window(c, i, 0, 4, 0), i, SET("otra", "nuevo")) ||
         any_str(c, window(c, i, 3, 0, 0), i, SET("puse", "volvi", "empece"))) &&
        !any_in(c, window(c, i, 4, 0, 0), T_NEG | T_OTHER, i) &&
        !any_str(c, window(c, i, 0, 4, 0), i, SET("agua", "cafe", "te", "jugo", "refresco")))
        return REPLY_R_USE;
    /* "rompí mi sobriedad", "broke my sobriety", "borré mi fecha de
     * sobriedad", "reseteo de días limpios": the count started over */
    if (in_set(c, i, SET("sobriedad", "sobriety", "limpios", "clean")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("rompi", "broke", "perdi", "lost", "borre", "reseteo",
                                                  "reset", "resetee")) &&
        !any_in(c, window(c, i, 4, 0, 0), T_OTHER, i))
        return REPLY_R_DAY_ONE;
    /* "used on tuesday. didnt tell nobody": a use said alone, with its day */
    if (is(c, i, "used") && (i == 0 || has(c, i - 1, T_BREAK)) &&
        (in_set(c, i + 1, SET("again", "last", "yesterday", "today", "tonight", "agian")) ||
         (is(c, i + 1, "on") && in_set(c, i + 2, SET("monday", "tuesday", "wednesday", "thursday",
                                                      "friday", "saturday", "sunday")))))
        return REPLY_R_USE;
    /* "shouldnt have had that last one", "room spinnin" after it */
    if (is(c, i, "one") && i > 1 && is(c, i - 1, "last") && is(c, i - 2, "that") &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("had", "drank", "shouldnt", "shouldve")) &&
        !any_str(c, window(c, i, 8, 4, 1), i, SET("slice", "cookie", "taco", "piece", "game", "round",
                 "episode", "song", "class", "lap", "set", "rep")))
        return REPLY_R_USE;
    /* states in other words: "seeing double rn", "too messed up to answer
     * that", "fried off that stuff" (not double vision from a migraine,
     * nor "messed up about it") */
    if (is(c, i, "double") && i > 0 && in_set(c, i - 1, SET("seeing", "see")) &&
        !any_str(c, window(c, i, 8, 8, 1), i, SET("migraine", "headache", "concussion", "eye",
                 "eyes", "vision", "doctor", "glasses", "tired", "dizzy", "stroke", "sugar", "staring",
                 "spreadsheets", "spreadsheet", "screen", "screens", "computer", "monitor", "reading",
                 "studying", "pantalla", "leyendo")))
        return REPLY_R_STATE;
    if (is(c, i, "messed") && is(c, i + 1, "up") && i > 0 && is(c, i - 1, "too") &&
        is(c, i + 2, "to") && !any_in(c, window(c, i, 4, 0, 0), T_OTHER, i))
        return REPLY_R_STATE;
    if (in_set(c, i, SET("fried", "cooked", "zonked", "wrecked", "twisted", "gone", "tweaked")) &&
        is(c, i + 1, "off") &&
        (has(c, i + 2, T_DRUG) ||
         (in_set(c, i + 2, SET("that", "them", "those", "the", "these")) &&
          (has(c, i + 3, T_DRUG) || in_set(c, i + 3, SET("stuff", "shit", "pills"))))))
        return REPLY_R_STATE;
    if (in_set(c, i, SET("caved", "cave", "caving", "folded", "gave", "give", "giving", "messed",
                          "screwed", "fucked", "effed", "fked", "regue", "cague", "aguante", "resisti")) &&
        gave_in(c, i))
        return REPLY_R_USE;
    if (in_set(c, i, SET("beers", "drinks", "shots", "tallboys", "seltzers", "glasses", "brews",
                          "cervezas", "chelas", "tragos")) &&
        drinks_deep(c, i))
        return REPLY_R_STATE;
    /* "im on something rn" */
    if (is(c, i, "on") && in_set(c, i + 1, SET("something", "somethin", "smth", "sumn", "one")) && i > 0 &&
        has(c, i - 1, T_SELFSUBJ) &&
        /* "people keep asking if i'm on something, i'm not" */
        !any_str(c, window(c, i, 5, 0, 0), i, SET("if", "asking", "asked", "asks", "think", "thinks",
                 "thought", "wondering", "whether")) &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_INTENS | T_AGAIN) ||
         in_set(c, i + 2, SET("lol", "idk", "rn", "again", "tonight", "tonite"))))
        return REPLY_R_STATE;
    /* "killed a fifth", "drank a 40", "finished a 30 rack": a drink by its
     * measure; not "a bottle of water" */
    if (in_set(c, i, SET("killed", "kill", "finished", "drank", "downed", "polished", "crushed",
                          "chugged", "split", "shared", "bought")) &&
        in_set(c, i + 1, SET("a", "the", "another", "half", "un", "una")) &&
        (in_set(c, i + 2, SET("fifth", "handle", "pint", "forty", "40", "rack", "sixer", "twelver",
                              "tallboy", "caguama", "mickey", "bottle", "botella")) ||
         ((has(c, i + 2, T_NUMBER) || in_set(c, i + 2, SET("six", "twelve"))) &&
          in_set(c, i + 3, SET("rack", "pack", "case")))) &&
        !is(c, i + 3, "on") &&
        !(in_set(c, i + 3, SET("of", "de")) && !(has(c, i + 4, T_DRUG) && !everyday_drug(c, i + 4))) &&
        !any_in(c, window(c, i, 0, 6, 0), T_SAFE, i))
        return REPLY_R_USE;
    /* "had a few", "had a couple" said bare: drinks */
    if (is(c, i, "had") && is(c, i + 1, "a") && in_set(c, i + 2, SET("few", "couple")) &&
        (i + 3 >= c->n || has(c, i + 3, T_BREAK | T_TIME | T_AGAIN) ||
         in_set(c, i + 3, SET("last", "yesterday", "too", "lol", "at", "with", "w"))))
        return REPLY_R_USE;
    /* "drank saturday", "used yesterday": a past use verb said bare at the
     * start of a clause */
    /* "la verdad, usé el viernes": Spanish "usé" reads "use" once its
     * accent is gone, so only with a day after it */
    if (is(c, i, "use") && (i == 0 || has(c, i - 1, T_BREAK)) &&
        (in_set(c, i + 1, SET("ayer", "anoche", "anteayer", "hoy")) ||
         (is(c, i + 1, "el") && in_set(c, i + 2, SET("viernes", "sabado", "domingo", "lunes", "martes",
                                                      "miercoles", "jueves", "fin")))))
        return REPLY_R_USE;
    if (in_set(c, i, SET("drank", "used", "tome", "bebi", "consumi", "fume", "smoked", "chupe", "pistie")) &&
        (i == 0 || has(c, i - 1, T_BREAK)) && i + 1 < c->n &&
        (has(c, i + 1, T_TIME | T_AGAIN) ||
         in_set(c, i + 1, SET("last", "yesterday", "anoche", "ayer", "friday", "saturday", "sunday",
                              "monday", "tuesday", "wednesday", "thursday", "sabado", "viernes",
                              "domingo", "again", "otra"))))
        return REPLY_R_USE;
    /* "me puse hasta atrás", "ando hasta la madre", "me puse una peda" */
    if (is(c, i, "hasta") && any_str(c, window(c, i, 3, 0, 0), i, SET("puse", "ando", "estoy", "anduve",
                                      "andaba", "estaba", "quede", "pusimos", "puso")) &&
        (is(c, i + 1, "atras") || (in_set(c, i + 1, SET("la", "el", "las")) &&
                                   in_set(c, i + 2, SET("madre", "culo", "gorro", "chanclas", "tope", "verga")))) &&
        /* "hasta atras con los del trabajo" is with them; "hasta la madre
         * del trafico" is fed up with it */
        !(is(c, i + 1, "atras") ? is(c, i + 2, "de")
                                : in_set(c, i + 3, SET("de", "del", "con", "por", "que", "of"))))
        return REPLY_R_STATE;
    /* "ando en una nota bien chida", "andamos en la nota": high (Mexico);
     * not a grade ("saqué buena nota") nor a note written */
    if (is(c, i, "nota") && i > 2 && in_set(c, i - 1, SET("una", "la")) && is(c, i - 2, "en") &&
        in_set(c, i - 3, SET("ando", "andamos", "andaba", "estoy", "estamos", "anduve", "sigo", "seguimos")) &&
        !in_set(c, i + 1, SET("de", "del", "que", "para", "pa")) &&
        !any_in(c, window(c, i, 6, 0, 0), T_NEG | T_OTHER, i))
        return REPLY_R_STATE;
    if (is(c, i, "peda") && i > 1 && is(c, i - 1, "una") &&
        in_set(c, i - 2, SET("puse", "pusimos", "agarre", "traje", "traigo", "llevo", "tengo", "cargo", "ando")))
        return REPLY_R_STATE;
    /* "volví a caer", "caí otra vez" (not "me caí otra vez": a fall) */
    if ((is(c, i, "caer") && i > 1 && is(c, i - 1, "a") && in_set(c, i - 2, SET("volvi", "vuelvo"))) ||
        (is(c, i, "cai") && !(i > 0 && in_set(c, i - 1, SET("me", "se", "te"))) &&
         (has(c, i + 1, T_AGAIN) || is(c, i + 1, "otra"))))
        return REPLY_R_USE;
    /* "took a few hits of the pipe", "hits off the cart" */
    if (in_set(c, i, SET("hits", "hit", "rips", "pulls", "puffs", "tokes")) && in_set(c, i + 1, SET("of", "off")) &&
        (has(c, i + 2, T_DRUG) || (in_set(c, i + 2, SET("the", "my", "a", "his", "her")) && has(c, i + 3, T_DRUG))) &&
        !everyday_drug(c, has(c, i + 2, T_DRUG) ? i + 2 : i + 3))
        return REPLY_R_USE;
    /* "couple hits of the pen", "rips off the bong": what one smokes from */
    if (in_set(c, i, SET("hits", "rips", "pulls", "puffs", "tokes", "dabs")) && in_set(c, i + 1, SET("of", "off", "from")) &&
        (in_set(c, i + 2, SET("pen", "vape", "bong", "pipe", "cart", "rig", "joint", "blunt", "bowl")) ||
         (in_set(c, i + 2, SET("the", "my", "a", "his", "her", "that")) &&
          in_set(c, i + 3, SET("pen", "vape", "bong", "pipe", "cart", "rig", "joint", "blunt", "bowl")))) &&
        !any_in(c, window(c, i, 6, 6, 0), T_SAFE, i))
        return REPLY_R_USE;
    /* a drink straight from its container: "took a few pulls off my
     * uncle's mason jar", "swigs from the bottle", "sips off his flask";
     * not "swigs of water", "sips from my coffee mug" */
    if (in_set(c, i, SET("pulls", "pull", "swigs", "swig", "sips", "gulps", "hits", "shots")) &&
        in_set(c, i + 1, SET("of", "off", "from", "outta")) &&
        any_str(c, window(c, i, 0, 5, 0), i, SET("bottle", "flask", "jar", "fifth", "handle", "pint",
                                                  "jug", "shine", "forty", "40")) &&
        !any_str(c, window(c, i, 3, 6, 0), i, SET("water", "coffee", "tea", "juice", "soda", "gatorade",
                 "milk", "lemonade", "mug", "cup", "pop", "powerade", "kombucha", "smoothie",
                 "shampoo", "ketchup", "syrup", "medicine", "nyquil")))
        return REPLY_R_USE;
    return 0;
}

/* More of rule_relapse_more, split so that each part starts only at its
 * own words (a long chain of tests ran at every word any part names). */
uint32_t rule_relapse_more2(const struct ctx *c, size_t i)
{
    /* a drink by its measure, the verb in two words: "knocked out a 12
     * pack", "put away a whole 30 rack", "killed off a fifth"; not
     * "knocked out a 12 hour shift", "put away the groceries" */
    if (in_set(c, i, SET("knocked", "put", "killed", "polished", "finished", "threw")) &&
        in_set(c, i + 1, SET("out", "away", "off", "back", "down"))) {
        size_t m = i + 3;
        if (!in_set(c, i + 2, SET("a", "another", "the", "half", "two", "2")))
            m = 0;
        else if (in_set(c, m, SET("whole", "entire", "full")))
            m++;
        if (m != 0 && (in_set(c, m, SET("fifth", "handle", "pint", "forty", "40", "rack", "sixer",
                                         "twelver", "tallboy", "caguama", "bottle", "case")) ||
                       ((has(c, m, T_NUMBER) || in_set(c, m, SET("six", "twelve", "thirty"))) &&
                        in_set(c, m + 1, SET("rack", "pack", "case", "pk")))) &&
            !(in_set(c, m + 1, SET("of", "de")) && !(has(c, m + 2, T_DRUG) && !everyday_drug(c, m + 2))))
            return REPLY_R_USE;
    }
    /* a hangover cured with more: "me curé la cruda con unas chelas",
     * "fixed my hangover with a couple beers", "hair of the dog" */
    if (in_set(c, i, SET("cruda", "resaca", "hangover", "crudota", "cruday")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("cure", "cura", "curar", "curando", "quite", "quitar",
                "quitando", "bajar", "bajando", "baje", "fixed", "fix", "fixing", "cured", "cure",
                "nursing", "nursed", "curing", "pa", "para", "for", "my")) &&
        drug_in(c, window(c, i, 6, 6, 0), i) && !any_in(c, window(c, i, 6, 6, 0), T_NEG | T_SAFE, i))
        return REPLY_R_USE;
    if (is(c, i, "hair") && is(c, i + 1, "of") && is(c, i + 2, "the") && is(c, i + 3, "dog") &&
        !any_in(c, window(c, i, 4, 6, 0), T_NEG, i))
        return REPLY_R_USE;
    /* a blackout after a use: "tomé tequila y no supe más", "fumé algo en
     * la fiesta y no supe de mí"; not "me acosté y no supe más" (asleep) */
    if (is(c, i, "no") && is(c, i + 1, "supe") &&
        (is(c, i + 2, "mas") || (is(c, i + 2, "de") && is(c, i + 3, "mi"))) &&
        any_in(c, window(c, i, 10, 0, 1), T_USEV | T_USEACT, i) &&
        !any_str(c, window(c, i, 10, 0, 1), i, SET("agua", "cafe", "te", "medicina", "pastilla",
                 "pastillas", "jarabe", "pastel", "comida", "dormir", "siesta")))
        return REPLY_R_STATE;
    /* a coy "if you know what I mean" after a drug or a visit again: "tina
     * came back around iykyk", "went n seen tony again if u know what i
     * mean"; not "my ex came back around iykwim" (somebody the client
     * names, which is romance) */
    if (in_set(c, i, SET("iykyk", "iykwim", "know")) &&
        (!is(c, i, "know") ||
         (i > 1 && in_set(c, i - 1, SET("u", "you", "ya")) && is(c, i - 2, "if") &&
          ((in_set(c, i + 1, SET("u", "you", "ya")) && is(c, i + 2, "know")) ||
           (is(c, i + 1, "what") && in_set(c, i + 2, SET("i", "im"))))))) {
        struct span b = window(c, i, 14, 0, 2);
        if (drug_in(c, b, i) ||
            (any_in(c, b, T_AGAIN, i) && any_str(c, b, i, SET("seen", "saw", "see", "went", "visited",
                                                              "hit", "met", "linked", "stopped")) &&
             !any_in(c, b, T_OTHER, i)))
            return REPLY_R_USE;
    }
    /* ecstasy by its street name with its verb: "popped a bean", "dropped
     * 2 beans" (everyday_drug() has the rice and the coffee) */
    if (in_set(c, i, SET("bean", "beans")) && !everyday_drug(c, i))
        return REPLY_R_USE;
    /* a drink or a drug that did it: "that shine had me messed up", "them
     * blues got me stuck"; not "the ice had me slipping" */
    if (in_set(c, i, SET("had", "got", "has", "have", "gets")) && i > 0 && has(c, i - 1, T_DRUG) &&
        !everyday_drug(c, i - 1) && is(c, i + 1, "me") &&
        in_set(c, i + 2, SET("messed", "fucked", "effed", "good", "right", "gone", "twisted", "feeling",
                             "feelin", "leaning", "leanin", "stuck", "nodding", "tweaking", "geeked",
                             "lit", "faded", "wasted", "zooted", "buzzin", "buzzing", "seeing", "throwing")))
        return REPLY_R_STATE;
    /* back to a drug: "volví a la piedra", "volvi al perico" (not "volví a
     * la escuela") */
    if (in_set(c, i, SET("volvi", "regrese", "vuelvo")) &&
        ((is(c, i + 1, "a") && in_set(c, i + 2, SET("la", "el", "las", "los")) && has(c, i + 3, T_DRUG) &&
          !everyday_drug(c, i + 3)) ||
         (is(c, i + 1, "al") && has(c, i + 2, T_DRUG) && !everyday_drug(c, i + 2)) ||
         (is(c, i + 1, "a") && has(c, i + 2, T_DRUG) && !everyday_drug(c, i + 2))))
        return REPLY_R_USE;
    /* "so hi rn": "high" as texted */
    if (is(c, i, "hi") && i > 0 && in_set(c, i - 1, SET("so", "hella", "mad", "super", "too", "sooo", "soo")) &&
        (i + 1 >= c->n || has(c, i + 1, T_INTENS)))
        return REPLY_R_STATE;
    /* "no aguanté y tomé", "couldn't hold out, i drank": read at the "no",
     * whose not-holding-out is the relapse, no denial of it */
    if (in_set(c, i, SET("no", "couldnt", "cant", "didnt")) &&
        in_set(c, i + 1, SET("aguante", "resisti", "pude", "hold", "resist", "help")))
        for (size_t j = i + 2; j <= i + 6 && j < c->n; j++)
            if (bare_use(c, j) && (in_set(c, j - 1, SET("and", "y", "n", "i", "e")) || has(c, j - 1, T_BREAK)))
                return REPLY_R_USE;
    /* "im not sober rn": a state now */
    if (is(c, i, "not") && i > 0 && in_set(c, i - 1, SET("im", "am")) && has(c, i + 1, T_SOBER) &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_INTENS) || in_set(c, i + 2, SET("lol", "tonight"))))
        return REPLY_R_STATE;
    /* "i didn't stay sober this weekend", "couldn't stay clean": read at
     * the negator, which is the news */
    if (in_set(c, i, SET("didnt", "couldnt", "cant", "wasnt", "failed", "havent", "no")) &&
        ((is(c, i, "wasnt") && has(c, i + 1, T_SOBER)) ||
         (in_set(c, i + 1, SET("stay", "stayed", "keep", "remain", "be", "been", "to", "pude", "logre")) &&
          (has(c, i + 2, T_SOBER) ||
           (in_set(c, i + 2, SET("stay", "mantenerme", "quedarme", "seguir")) && has(c, i + 3, T_SOBER))))) &&
        any_str(c, window(c, i, 0, 8, 1), i, SET("weekend", "night", "week", "yesterday", "today",
                "party", "friday", "saturday", "sunday", "used", "drank", "tonight", "anoche",
                "ayer", "tome", "consumi", "fin", "again", "holidays", "vacation")))
        return REPLY_R_USE;
    /* "picked up yesterday", "i picked up again": picking up, the rooms'
     * word for using, said bare; not "nobody picked up", "picked up my kids" */
    if (is(c, i, "picked") && is(c, i + 1, "up") &&
        (i == 0 || has(c, i - 1, T_BREAK | T_SELFSUBJ) || in_set(c, i - 1, SET("finally", "and", "so"))) &&
        (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_TIME | T_AGAIN) ||
         in_set(c, i + 2, SET("yesterday", "last", "friday", "saturday", "sunday", "monday",
                              "tuesday", "wednesday", "thursday", "over", "after", "hard"))))
        return REPLY_R_USE;
    /* "scored some last night", "copped a little": a buy said with no
     * object but a small amount, at a clause's end or a time (not "scored
     * some points", "copped some new shoes") */
    if (in_set(c, i, SET("scored", "copped", "score", "cop")) &&
        (i == 0 || has(c, i - 1, T_SELFSUBJ | T_BREAK)) &&
        (in_set(c, i + 1, SET("some", "more")) ||
         (is(c, i + 1, "a") && in_set(c, i + 2, SET("little", "lil", "bit")))) &&
        (has(c, i + (is(c, i + 1, "a") ? 3 : 2), T_BREAK | T_TIME) ||
         i + (is(c, i + 1, "a") ? 3 : 2) >= c->n ||
         in_set(c, i + (is(c, i + 1, "a") ? 3 : 2), SET("yesterday", "last", "again", "earlier"))))
        return REPLY_R_USE;
    /* "met up with someone to pick up", "fui con el compa a conseguir": a
     * meeting to pick up, said with nothing picked */
    if ((is(c, i, "pick") && is(c, i + 1, "up") &&
         (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_TIME))) ||
        (is(c, i, "conseguir") && (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_TIME))))
        if (i > 0 && in_set(c, i - 1, SET("to", "a")) &&
            any_str(c, window(c, i, 8, 0, 0), i, SET("met", "meet", "meeting", "someone",
                    "somebody", "guy", "dude", "compa", "vato")) &&
            !any_str(c, window(c, i, 8, 0, 0), i, SET("kids", "son", "daughter", "ninos", "hijos",
                     "prescription", "meds", "receta", "groceries", "mandado", "order", "store",
                     "shop", "pharmacy", "tienda", "farmacia", "mall")))
            return REPLY_R_DEALER;
    /* "been doing ice again", "doing lines", "doin some tina" */
    if (in_set(c, i, SET("doing", "doin")) &&
        ((has(c, i + 1, T_DRUG) && !everyday_drug(c, i + 1)) ||
         (in_set(c, i + 1, SET("some", "more", "a", "lines", "the")) && has(c, i + 2, T_DRUG) &&
          !everyday_drug(c, i + 2))) &&
        !any_in(c, window(c, i, 0, 4, 0), T_SAFE, i))
        return REPLY_R_USE;
    return 0;
}

/* States in words of their own (2026-12-07, from set T's figures for
 * states, never its lines): "tripping balls", "pilled out", "smacked
 * out", "off my face", "feeling nice off this bottle", "halfway through a
 * fifth", "ciego de tanto tomar", "ando con la nota". Each is said of the
 * client and of a drug or a drink, not "tripping over", "smacked out of
 * my hand", "wiped the smile off my face", "ciego sin mis lentes". */
/* The drug at token i praised or taken too much of, by the client now
 * (what it does is the rule below's: "shrooms kicked in"):
 * - its strength praised: "que buena esta la mota", "el perico estaba
 *   bueno", "this weed is fire";
 * - too much of it: "de tanto ron", "too much tequila".
 * A street drug or a drink (T_DRUG), never a medication by name: "the new
 * meds have me foggy" is a prescription's. Somebody else's, the past and
 * a denial are the context rules' (context_of). */
static bool drug_at_work(const struct ctx *c, size_t i)
{
    struct span w = window(c, i, 4, 4, 0);
    size_t d = i; /* (a word refused here starts no rule: no trigger) */
    /* drug names that are everyday words first: "the snow was fire" */
    if (in_set(c, d, SET("ball", "balls", "rock", "rocks", "ice", "snow", "glass", "grass", "tree", "trees",
                         "pot", "boy", "girl", "candy", "joint", "blow", "x", "e", "h", "k", "g", "beans",
                         "bean", "hard", "soft", "white", "green", "brown", "dust", "flake", "food", "gas",
                         "loud", "fire", "cream", "chalk", "pollo", "nieve", "hielo", "piedra", "polvo",
                         "crystal", "tina", "dope", "smack", "horse", "juice", "syrup")))
        return false;
    if (any_in(c, window(c, i, 5, 6, 0), T_SAFE | T_TOPIC, i) || any_in(c, window(c, i, 4, 0, 0), T_NEG, i) ||
        any_str(c, window(c, i, 3, 0, 0), i, SET("smell", "olor", "smoke", "humo", "price", "precio",
                "prices", "news", "noticias", "ad", "ads", "commercial", "anuncio", "song", "cancion")))
        return false;
    /* too much of it: "de tanto ron", "demasiado vino" (what follows may
     * say no: "de tanto vino ya no me acuerdo") */
    if ((i > 0 && in_set(c, i - 1, SET("tanto", "tanta", "demasiado", "demasiada"))) ||
        (i > 1 && is(c, i - 1, "much") && is(c, i - 2, "too")))
        return true;
    /* "the weed was strong but i didnt touch it" */
    if (any_in(c, window(c, i, 0, 6, 1), T_NEG, i))
        return false;
    for (size_t j = w.lo; j < w.hi; j++) {
        if (j == i)
            continue;
        /* its strength praised, in the present or just past */
        if (in_set(c, j, SET("bueno", "buena", "buenisimo", "buenisima", "fire", "strong", "potent",
                             "fuerte", "rico", "rica", "bomb", "slaps", "legit", "perrona", "chingona")) &&
            any_str(c, w, i, SET("esta", "estaba", "is", "was", "this", "its", "es", "que", "so", "damn",
                                 "bien", "muy")))
            return true;
    }
    return false;
}

/* A drink counted by the client as it goes on: "on my 3rd beer", "my 2nd
 * bottle of wine", "voy en la tercera chela" (not "my second bottle of
 * water": a drink of T_DRUG only). */
static bool drink_counted(const struct ctx *c, size_t i)
{
    size_t o = i;
    if (i > 2 && in_set(c, i - 1, SET("of", "de")) &&
        in_set(c, i - 2, SET("bottle", "glass", "cup", "can", "botella", "copa", "vaso", "lata", "pint",
                             "shot", "shots")))
        o = i - 2;
    if (o == 0 || (!in_set(c, o - 1, SET("2nd", "3rd", "4th", "5th", "6th", "second", "third", "fourth",
                                           "fifth", "sixth", "segunda", "tercera", "cuarta", "quinta",
                                           "segundo", "tercer", "tercero", "cuarto", "quinto")) &&
                   !in_set(c, o - 1, SET("7th", "8th", "seventh", "eighth", "sexta", "sexto", "septima",
                                         "septimo", "octava", "octavo", "novena", "decima"))))
        return false;
    return o > 1 && in_set(c, o - 2, SET("my", "mi", "la", "el", "on", "en")) &&
           !any_in(c, window(c, i, 5, 4, 0), T_NEG | T_OTHER | T_TOPIC, i);
}

/* The client with a drink or a drug at hand now: "chilling with a beer",
 * "aqui con mi chela viendo el partido", "relaxing w a glass of wine",
 * "me and my bottle tonight"; not "my dad with his beer", "a bbq with beer
 * and brats" (no article of one at hand), a photo, a dream, what would
 * have been ("a year ago id be here with a beer"). Somebody else's and
 * the past are also the context rules' (context_of). */
static bool drink_at_hand(const struct ctx *c, size_t i)
{
    size_t o = i;
    if (i > 2 && in_set(c, i - 1, SET("of", "de")) &&
        in_set(c, i - 2, SET("glass", "bottle", "cup", "can", "botella", "copa", "vaso", "lata", "pint",
                             "shot", "shots", "bucket", "six", "pack", "sixpack", "case", "caja")))
        o = i - 2;
    if (o < 2 || !in_set(c, o - 1, SET("a", "my", "mi", "la", "el", "una", "un", "another", "otra", "otro",
                                         "some", "unas", "unos", "mis", "the", "this", "esta", "este", "mine")))
        return false;
    if (!in_set(c, o - 2, SET("with", "w", "con", "and", "y")) ||
        (in_set(c, o - 2, SET("and", "y")) && !(o > 2 && in_set(c, o - 3, SET("me", "yo")))))
        return false;
    /* nobody else named in the reply's last clauses ("mi papa se quedo
     * dormido con la botella"), nor a verb of theirs ("empezaron con el
     * tequila") */
    if (any_in(c, window(c, i, 16, 3, 2), T_OTHER, i) ||
        any_str(c, window(c, i, 4, 0, 0), i, SET("empezaron", "empezo", "started", "began", "comenzaron",
                "llegaron", "showed", "came", "vino", "vinieron", "encontre", "found", "saw", "vi")))
        return false;
    return !any_in(c, window(c, i, 8, 3, 0), T_NEG | T_TOPIC | T_SAFE | T_SOBER, i) &&
           !any_str(c, window(c, i, 10, 4, 1), i, SET("photo", "pic", "picture", "foto", "dream", "dreamt",
                    "dreamed", "sone", "commercial", "ad", "movie", "pelicula", "used", "would", "id",
                    "solia", "before", "antes", "ago", "hace", "craving", "want", "wanted", "quiero",
                    "ganas", "almost", "casi", "offered", "ofrecieron", "menu", "recipe", "receta",
                    "sauce", "cooked", "cooking", "cocinando", "salsa"));
}

uint32_t rule_relapse_state(const struct ctx *c, size_t i)
{
    size_t n = c->n;
    if (has(c, i, T_DRUG) && !everyday_drug(c, i) &&
        (drug_at_work(c, i) || drink_counted(c, i) || drink_at_hand(c, i)))
        return REPLY_R_STATE;
    /* Spain and the Caribbean: "llevo un ciego que no veo", "menudo
     * pedal llevo", "vaya mona llevo", "llevo una taja encima", "tengo
     * tremenda nota arriba" */
    if (in_set(c, i, SET("llevo", "llevaba", "vaya", "menudo", "menuda", "tremenda", "tremendo",
                         "pillado", "pillao")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("ciego", "pedal", "mona", "mona", "taja", "tajada",
                "pedo", "colocon", "cebollon", "melopea", "cogorza", "castana", "nota", "pedo", "moña")) &&
        !any_in(c, window(c, i, 4, 0, 0), T_NEG | T_OTHER, i))
        return REPLY_R_STATE;
    /* "2 bottles of wine in me", "three beers in me so idk maybe a 5" */
    if (has(c, i, T_DRUG) && !everyday_drug(c, i) && is(c, i + 1, "in") && is(c, i + 2, "me") &&
        !any_in(c, window(c, i, 5, 0, 0), T_NEG | T_OTHER, i))
        return REPLY_R_STATE;
    /* "drank at lunch today", "drank again last night": drinking, said
     * with no drink named, at a clause's start */
    if (in_set(c, i, SET("drank", "drink", "drinking")) && (i == 0 || has(c, i - 1, T_BREAK | T_SELFSUBJ)) &&
        in_set(c, i + 1, SET("at", "last", "today", "tonight", "yesterday", "again", "alone", "all")) &&
        !in_set(c, i + 2, SET("water", "coffee", "tea", "juice", "soda", "night", "day")) &&
        !any_in(c, window(c, i, 3, 0, 0), T_NEG | T_OTHER, i))
        return REPLY_R_USE;
    /* "went back to kratom", "back on that boy this week": a drug taken up again */
    if (is(c, i, "back") && in_set(c, i + 1, SET("to", "on")) &&
        (has(c, i + 2, T_DRUG) || (in_set(c, i + 2, SET("that", "the", "da")) && has(c, i + 3, T_DRUG))) &&
        !any_in(c, window(c, i, 4, 0, 0), T_NEG | T_OTHER | T_TOPIC, i) &&
        !any_str(c, window(c, i, 3, 4, 0), i, SET("talk", "talking", "cut", "cutting", "stepped", "rehab",
                 "meeting", "group", "sober", "recovery")))
        return REPLY_R_USE;
    /* "nangs all night lol", "whippets all weekend": a drug used through
     * a stretch of now, named first */
    if (has(c, i, T_DRUG) && !everyday_drug(c, i) && (i == 0 || has(c, i - 1, T_BREAK)) &&
        is(c, i + 1, "all") && in_set(c, i + 2, SET("night", "day", "weekend", "morning", "afternoon")) &&
        !any_in(c, window(c, i, 0, 8, 1), T_OTHER | T_SOBER, i) && !negated(c, i))
        return REPLY_R_USE;
    /* "higher than my rent rn", "higher than a kite" */
    if (is(c, i, "higher") && is(c, i + 1, "than") &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("kite", "giraffe", "rent", "satellite", "cloud", "clouds")) &&
        !any_str(c, window(c, i, 5, 0, 0), i, SET("prices", "price", "cost", "bill", "bills", "gas", "it",
                 "tree", "building", "water", "ladder", "plane")))
        return REPLY_R_STATE;
    /* "bartender just cut me off": too drunk to be served */
    if (in_set(c, i, SET("bartender", "bar", "bouncer", "cantinero")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("cut")) && any_str(c, window(c, i, 0, 6, 0), i, SET("off")) &&
        !any_in(c, window(c, i, 4, 0, 0), T_OTHER, i))
        return REPLY_R_STATE;
    /* UK: "off my chops", "off my head", "off my face at the footy"; not
     * "wipe that smile off my face" */
    if (in_set(c, i, SET("chops", "tits", "trolley", "nut", "box", "face", "head")) && i > 1 &&
        is(c, i - 1, "my") && is(c, i - 2, "off") &&
        (i == 2 || has(c, i - 3, T_BREAK | T_SELFSUBJ | T_INTENS | T_STATE) ||
         in_set(c, i - 3, SET("completely", "totally", "absolutely", "proper", "well", "was", "am", "been")) ||
         in_set(c, i, SET("chops", "tits", "trolley", "nut", "box"))))
        return REPLY_R_STATE;
    /* "someone offered me a joint and i said yes", "me ofrecieron una
     * chela y dije que si": an offer taken */
    if (in_set(c, i, SET("offered", "ofrecieron", "ofrecio", "offers", "offering")) &&
        drug_in(c, window(c, i, 0, 4, 0), i) && !any_in(c, window(c, i, 4, 0, 0), T_OTHER, i)) {
        struct span s = window(c, i, 0, 12, 1);
        for (size_t j = s.lo; j + 1 < s.hi; j++)
            if ((in_set(c, j, SET("said", "dije")) && (in_set(c, j + 1, SET("yes", "yeah", "si", "sure", "ok")) ||
                                                       (is(c, j + 1, "que") && in_set(c, j + 2, SET("si", "yes"))))) ||
                (in_set(c, j, SET("took", "accepted", "acepte")) && !negated(c, j) &&
                 in_set(c, j + 1, SET("it", "one", "them", "some", "la", "una", "un"))))
                return REPLY_R_USE;
    }
    if (in_set(c, i, SET("tripping", "trippin", "tripped", "trippn")) && is(c, i + 1, "balls"))
        return REPLY_R_STATE;
    /* "coked up at a party", "tweeked out detailing my car", "bar'd out";
     * "messed up on pills", "wired on blow": with the drug named */
    if (in_set(c, i, SET("coked", "tweeked", "tweaked", "methed", "doped", "drugged", "barred",
                          "bard", "benzoed", "geeked", "amped", "messed", "fucked", "wired",
                          "jacked", "cracked", "zonked", "percd", "perced", "xand", "xanned")) &&
        in_set(c, i + 1, SET("up", "out", "on")) && !in_set(c, i + 2, SET("of", "the", "my", "his", "her")) &&
        (drug_in(c, window(c, i, 0, 4, 0), i) ||
         /* "messed up on pills", "zonked on klonopin"; not "messed up on
          * my meds" (a dose missed) */
         (any_in(c, window(c, i, 0, 3, 0), T_MED, i) &&
          !any_str(c, window(c, i, 0, 3, 0), i, SET("my", "her", "his", "dose", "doses"))) ||
         (in_set(c, i, SET("coked", "tweeked", "methed", "doped", "drugged", "barred", "bard", "benzoed",
                          "percd", "perced", "xand", "xanned")) &&
          !is(c, i + 1, "on")) ||
         /* "tweaked out all weekend" (not "tweaked out about the exam") */
         (is(c, i, "tweaked") && is(c, i + 1, "out") &&
          !in_set(c, i + 2, SET("about", "over", "bout", "because", "bc")))) &&
        !any_in(c, window(c, i, 0, 6, 0), T_SAFE, i) && !past_stretch(c, i))
        return REPLY_R_STATE;
    /* "on acid at the lake", "im on a bean rn", "wonky on ket", "been up
     * 3 days on shards": a drug one is on now; not "on suboxone" (no
     * street drug), "was on fent for 4 years", "a talk on meth", "spent 40
     * on weed", "cut back on beer" */
    if (is(c, i, "on") &&
        (drug_in(c, window(c, i, 0, 2, 0), i) ||
         (in_set(c, i + 1, SET("a", "some", "that", "them", "those", "sum")) && drug_in(c, window(c, i + 1, 0, 2, 0), i))) &&
        !in_set(c, i + 1, SET("the", "my")) &&
        !(i > 0 && in_set(c, i - 1, SET("talk", "talks", "show", "documentary", "doc", "video", "class",
                                        "article", "book", "info", "tips", "series", "film", "movie",
                                        "lecture", "presentation", "spent", "spend", "spending", "money",
                                        "cut", "cutting", "back", "down", "save", "saved", "war", "study",
                                        "research", "paper", "essay", "podcast", "program", "focus",
                                        "focused", "advice", "story", "hooked", "blame", "blamed",
                                        "hold", "holding", "went", "go", "going", "run", "sale", "deal",
                                        "prices", "tax", "taxes", "policy", "laws", "law", "ban"))) &&
        !any_in(c, window(c, i, 5, 0, 0), T_TOPIC | T_OTHER | T_PASTMARK | T_NEG, i) &&
        !any_in(c, window(c, i, 4, 6, 0), T_SAFE, i) && !past_stretch(c, i + 1) &&
        /* a drug's name that is an everyday noun ("slipped on ice", "cut
         * my foot on a broken glass") only said of oneself */
        (!any_str(c, window(c, i, 0, 3, 0), i, SET("ice", "glass", "snow", "speed", "crystal", "bars",
                  "bar", "pipe", "joint", "cart", "shine", "brown", "white", "blow", "dope", "grass",
                  "pot", "rack", "case", "handle", "pint", "fifth", "bottle", "forty", "goon", "robo")) ||
         i == 0 || has(c, i - 1, T_SELFSUBJ | T_STATE | T_INTENS) ||
         in_set(c, i - 1, SET("been", "up", "days", "still", "currently", "im"))))
        return REPLY_R_STATE;
    /* a drug with what it is doing now: "klonopin hitting, im so floaty",
     * "shrooms kicked in", "molly got me sweating", "xans and vodka, so
     * sleepy", "jittery from the coke"; not somebody else's, the past, a
     * smell, a topic */
    if (((has(c, i, T_DRUG) && !everyday_drug(c, i)) ||
         /* "them percs finally kicked in": a medication, not one's own dose
          * ("my zoloft kicked in" is a prescription working) */
         (has(c, i, T_MED) && !(i > 0 && in_set(c, i - 1, SET("my", "mi", "mis", "the", "new", "la", "las",
                                                              "el", "los", "su", "sus"))) &&
          /* a medicine by name, not the word for any ("mareado por la medicina") */
          !in_set(c, i, SET("medicina", "medicinas", "medicine", "medication", "medications", "meds", "med",
                            "pill", "pills", "pastilla", "pastillas", "medicamento", "medicamentos", "tabs",
                            "tablets", "capsules", "pastis", "pildoras")) &&
          !any_str(c, window(c, i, 6, 8, 1), i, SET("prescribed", "doctor", "dr", "doc", "psychiatrist",
                   "receta", "recetaron", "medico", "directed", "dose", "dosis")))) &&
        (any_str(c, window(c, i, 0, 3, 0), i, SET("kicked", "kicking", "kickin", "hitting", "hittin",
                 "peaking", "hit", "hits")) ||
         /* "me pego fuerte el porro", "la mota me pego duro" */
         any_str(c, window(c, i, 4, 3, 0), i, SET("pego", "pegando", "subieron", "subio", "pegaron", "pegan",
                 "pega")) ||
         /* "los oxis me tienen quietecito" */
         (any_str(c, window(c, i, 0, 3, 0), i, SET("got", "has", "had", "gots", "tiene", "trae", "tienen",
                  "traen", "tenia", "traia")) &&
          any_str(c, window(c, i, 0, 4, 0), i, SET("me", "mi"))) ||
         any_str(c, window(c, i, 4, 6, 1), i, SET("floaty", "floating", "foggy", "sleepy", "wobbly",
                 "dizzy", "giggling", "giggly", "spinning", "jelly", "mellow", "jittery", "rushing",
                 "detached", "itchy", "wavy", "loopy", "numb", "tingly", "zonked", "zooted",
                 "mareado", "mareada", "volando", "flotando", "pendejo", "happy")) ||
         /* round p60: "the dope is doing its thing", "the wine is still
          * going", "the roxys are strong today", "the speed wore off", "the
          * H does that to me" */
         (any_str(c, window(c, i, 0, 3, 0), i, SET("doing", "strong", "wore", "wearing", "does")) &&
          any_str(c, window(c, i, 0, 5, 0), i, SET("thing", "today", "off", "that", "rn", "tonight"))) ||
         (any_str(c, window(c, i, 0, 2, 0), i, SET("still")) &&
          any_str(c, window(c, i, 0, 3, 0), i, SET("going", "working", "hitting", "kicking", "in"))) ||
         /* "still feeling the pills", "feeling the wine" */
         (i > 1 && in_set(c, i - 1, SET("the", "that", "those", "them")) &&
          in_set(c, i - 2, SET("feeling", "feelin", "feel")))) &&
        !in_set(c, i + 1, SET("smell", "smells", "smelled", "smoke", "sale", "arrest", "bust")) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("smell", "smelled", "smells", "secondhand",
                 "contact", "remember", "used", "back", "dream", "dreamt", "dreamed", "craving",
                 "cravings", "crave", "want", "wanted", "almost", "nearly")) &&
        /* "them percs": a "them" before the drug points at it */
        !any_in(c, window(c, i - (i > 0 && is(c, i - 1, "them")), 5, 0, 1), T_OTHER | T_NEG | T_TOPIC,
                i - (i > 0 && is(c, i - 1, "them"))) &&
        !any_str(c, window(c, i, 0, 6, 1), i, SET("him", "her", "them", "he", "she", "they")) &&
        !any_in(c, window(c, i, 6, 6, 1), T_PASTMARK | T_SAFE | T_SOBER, i))
        return REPLY_R_STATE;
    /* a medication not one's own or beyond the dose: "on my moms ativan",
     * "valium i didnt get from my dr", "took extra adderall" */
    if (has(c, i, T_MED) &&
        (any_str(c, window(c, i, 3, 0, 0), i, SET("moms", "mom", "dads", "brothers", "sisters",
                 "friends", "roommates", "grandmas", "grandmas", "someone", "somebodys",
                 "nanas", "cousins", "boyfriends", "girlfriends", "wifes", "husbands")) ||
         /* (not "extra strength tylenol", a product's name) */
         (any_str(c, window(c, i, 3, 0, 0), i, SET("extra")) && !(i > 0 && is(c, i - 1, "strength"))) ||
         (any_str(c, window(c, i, 0, 8, 1), i, SET("didnt", "not", "wasnt", "werent", "without")) &&
          any_str(c, window(c, i, 0, 10, 1), i, SET("dr", "doctor", "script", "prescription",
                  "prescribed", "mine", "doc", "receta")))) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("on", "took", "popped", "taking", "ate", "snorted",
                 "eating", "popping", "tomé", "tome")) || any_in(c, window(c, i, 4, 0, 0), T_TOOK, i) ||
         /* "took some of my husbands oxycodone": the amount between */
         (any_in(c, window(c, i, 6, 0, 0), T_TOOK, i) &&
          any_str(c, window(c, i, 4, 0, 0), i, SET("some", "few", "couple", "one", "two", "unas", "algunas")))) &&
        /* the owner ("my moms") is no subject; "he", "she" are */
        !any_in(c, window(c, i, 6, 0, 0), T_NEG, i) &&
        !any_str(c, window(c, i, 6, 0, 0), i, SET("he", "she", "they", "hes", "shes", "el", "ella")) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("gave", "give", "giving", "found", "flushed", "threw",
                 "dumped", "returned", "hid", "locked", "refused")))
        return REPLY_R_USE;
    /* "huffed paint", "sniffing gas", "bumped some k", "ate a whole
     * edible", "did some coke", "doing a few lines", "ate some caps" */
    if (in_set(c, i, SET("huffed", "huffing", "huffin", "huff", "sniffed", "sniffing", "sniffin",
                          "bumped", "ate", "eaten", "eating", "did", "done", "doing", "doin")) &&
        (drug_in(c, window(c, i, 0, 4, 0), i) ||
         (in_set(c, i, SET("huffed", "huffing", "huffin", "huff", "sniffed", "sniffing", "sniffin")) &&
          any_str(c, window(c, i, 0, 3, 0), i, SET("paint", "gas", "glue", "markers", "computer",
                  "keyboard", "cans", "spray", "thinner", "gasolina", "resistol", "activo"))) ||
         (in_set(c, i, SET("bumped", "did")) && any_str(c, window(c, i, 0, 2, 0), i, SET("k", "h", "lines", "rails"))) ||
         (in_set(c, i, SET("ate", "eaten", "eating")) &&
          any_str(c, window(c, i, 0, 3, 0), i, SET("caps", "gummy", "gummies", "tabs", "tab"))
          && any_str(c, window(c, i, 6, 8, 1), i, SET("trip", "tripping", "trippin", "seeing",
                     "patterns", "colors", "high", "stoned", "geometry", "melting", "walls")))) &&
        !any_in(c, window(c, i, 5, 6, 0), T_SAFE | T_OTHER | T_NEG | T_TOPIC, i) && !past_stretch(c, i) &&
        !lines_of_a_part(c, i))
        return REPLY_R_USE;
    /* "buzzing off vodka", "floating on xans", "rolling on molly",
     * "throwed off the drank", "juiced up off them blues" */
    if (in_set(c, i, SET("buzzing", "buzzin", "floating", "flying", "rolling", "rollin", "throwed",
                          "juiced", "fried", "cooked", "gone", "toasted", "leaning", "leanin", "wavy",
                          "loopy", "lit", "faded", "twisted", "zooted", "blitzed", "tore")) &&
        (in_set(c, i + 1, SET("off", "on")) ||
         (is(c, i + 1, "up") && in_set(c, i + 2, SET("off", "on")))) &&
        drug_in(c, window(c, i, 0, 5, 0), i) && !any_in(c, window(c, i, 0, 6, 0), T_SAFE, i) &&
        !past_stretch(c, i))
        return REPLY_R_STATE;
    /* "drunk texting u sorry", "high af typing this" */
    if (in_set(c, i, SET("drunk", "high", "drnk")) &&
        in_set(c, i + 1, SET("texting", "txting", "textin", "dialing", "calling", "typing", "texted",
                             "dialed", "posting")) &&
        !(i > 0 && in_set(c, i - 1, SET("no", "not", "stop", "quit", "never", "his", "her", "their"))))
        return REPLY_R_STATE;
    /* "ando picado con las cheves", "alegre con unas chelas": tipsy with them */
    if (in_set(c, i, SET("picado", "picada", "alegre", "alegrito", "alegrita", "entonado", "entonada",
                          "prendido", "prendida", "mareado", "mareada", "happy", "tipsy", "buzzed")) &&
        in_set(c, i + 1, SET("con", "de", "off", "from", "on")) && drug_in(c, window(c, i, 0, 4, 0), i) &&
        !any_in(c, window(c, i, 0, 6, 0), T_SAFE, i))
        return REPLY_R_STATE;
    /* "pilled out", "pilled up", "smacked out": said of oneself or alone */
    if (in_set(c, i, SET("pilled", "smacked", "zonked")) && in_set(c, i + 1, SET("out", "up")) &&
        !in_set(c, i + 2, SET("of", "the", "my", "his", "her", "a", "de")) &&
        !any_str(c, window(c, i, 5, 3, 0), i, LIST(fabric)) && /* "my sweater pilled up" */
        (i + 2 >= n || has(c, i + 2, T_BREAK | T_TIME | T_AGAIN | T_INTENS) ||
         in_set(c, i + 2, SET("lol", "lmao", "rn", "ngl", "tbh", "af", "again")) || i == 0 ||
         has(c, i - 1, T_SELFSUBJ | T_INTENS | T_BREAK) ||
         in_set(c, i - 1, SET("was", "been", "got", "getting", "gettin", "stay", "staying"))))
        return REPLY_R_STATE;
    /* "im off my face", "completely off my tits" */
    if (is(c, i, "off") && is(c, i + 1, "my") && in_set(c, i + 2, SET("face", "tits")) &&
        (i == 0 || has(c, i - 1, T_SELFSUBJ | T_INTENS | T_BREAK) ||
         in_set(c, i - 1, SET("completely", "totally", "absolutely", "proper", "was", "been", "got",
                              "getting", "gettin", "properly"))))
        return REPLY_R_STATE;
    /* "feeling real nice off this bottle", "feelin good off them blues" */
    if (is(c, i, "off") && i > 1 &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("feeling", "feelin", "feel", "felt", "feels")) &&
        any_str(c, window(c, i, 2, 0, 0), i, SET("nice", "good", "great", "right", "fuzzy", "warm",
                "amazing", "lovely", "floaty", "loose", "bien", "chido")) &&
        (drug_in(c, window(c, i, 0, 3, 0), i) ||
         any_str(c, window(c, i, 0, 3, 0), i, SET("bottle", "fifth", "handle", "pint", "forty"))))
        return REPLY_R_STATE;
    /* "halfway through a fifth", "half way thru a handle"; a bottle only
     * of a drink ("halfway through a bottle of wine", not "of shampoo") */
    if (in_set(c, i, SET("through", "thru")) && i > 0 &&
        in_set(c, i - 1, SET("halfway", "way", "midway", "almost", "nearly", "already", "went", "got",
                             "going", "goin")) &&
        in_set(c, i + 1, SET("a", "the", "my", "another", "this", "that"))) {
        size_t m = i + 2 + (size_t)in_set(c, i + 2, SET("whole", "entire", "full"));
        /* "of the purple", "of lean": a drink; "a pint of ice cream" is none */
        size_t d = m + 2 + (size_t)is(c, m + 2, "the");
        bool of_drink = in_set(c, m + 1, SET("of", "de")) &&
                        ((has(c, d, T_DRUG) && !everyday_drug(c, d)) ||
                         in_set(c, d, SET("purple", "lean", "drank", "syrup", "codeine")));
        if (((in_set(c, m, SET("fifth", "handle", "pint", "forty", "40", "sixer", "twelver", "mickey",
                               "caguama")) && (of_drink || !in_set(c, m + 1, SET("of", "de")))) ||
             (is(c, m, "bottle") && of_drink)) &&
            !any_in(c, window(c, i, 0, 6, 0), T_SAFE, i))
            return REPLY_R_USE;
    }
    /* "toy ciego de tanto tomar", "me puse ciego de chelas" */
    if (in_set(c, i, SET("ciego", "ciega")) &&
        (any_str(c, window(c, i, 0, 4, 0), i, SET("tomar", "beber", "chupar", "pistear", "chelas",
                 "cervezas", "tragos", "tomado", "guaro", "pisto")) ||
         drug_in(c, window(c, i, 0, 4, 0), i)) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("toy", "estoy", "ando", "puse", "quede", "estaba",
                "andaba", "bien", "re", "tan", "pusimos")))
        return REPLY_R_STATE;
    /* "ando arriba del cristal", "toy bien arriba con la piedra": high on */
    if (is(c, i, "arriba") && in_set(c, i + 1, SET("de", "del", "con")) &&
        (drug_in(c, window(c, i, 0, 3, 0), i) ||
         any_str(c, window(c, i, 0, 3, 0), i, SET("piedra", "pelota", "foco", "cristal", "perico"))) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("ando", "toy", "estoy", "bien", "andamos", "estamos", "voy")))
        return REPLY_R_STATE;
    /* solvents sniffed: "oliendo pega", "moneando con el thinner", "respiré
     * el thinner", "loco con el resistol" */
    if (in_set(c, i, SET("oliendo", "oli", "oler", "moneando", "monear", "mone", "respire", "inhalando",
                          "inhale", "loco", "loca", "activo", "activa", "huele", "aspirando")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("pega", "resistol", "thinner", "tinner", "activo",
                "cemento", "gasolina", "mona", "solvente", "foco")) &&
        !any_str(c, window(c, i, 0, 6, 1), i, SET("pintando", "pintar", "trabajo", "taller", "pared",
                 "mueble", "carro", "tanque", "gasolinera")) &&
        !any_in(c, window(c, i, 5, 0, 0), T_NEG | T_OTHER, i))
        return REPLY_R_USE;
    /* "en un viaje con hongos", "on a trip on acid": a trip on a drug */
    if (in_set(c, i, SET("viaje", "viajesito", "trip")) && in_set(c, i + 1, SET("con", "de", "on", "off")) &&
        (drug_in(c, window(c, i, 0, 3, 0), i) ||
         any_str(c, window(c, i, 0, 3, 0), i, SET("hongos", "honguitos", "acido", "lsd"))) &&
        !past_stretch(c, i))
        return REPLY_R_STATE;
    /* "im baked", "so baked rn", "im bent, wicked bent": said of oneself,
     * not "i baked cookies", "bent out of shape", "bent over" */
    if (in_set(c, i, SET("baked", "bent")) &&
        (i == 0 || has(c, i - 1, T_BREAK | T_INTENS) ||
         in_set(c, i - 1, SET("im", "so", "was", "been", "getting", "gettin", "super", "wicked", "hella",
                              "mad", "pretty", "kinda", "lowkey", "stay", "stayed", "real"))) &&
        (i + 1 >= n || has(c, i + 1, T_BREAK | T_TIME | T_INTENS | T_AGAIN) ||
         in_set(c, i + 1, SET("lol", "lmao", "rn", "ngl", "tbh", "af", "again", "at", "off", "on")) ||
         /* "im so baked i forgot i was holding my phone" */
         (has(c, i + 1, T_SELFSUBJ) && i > 0 && in_set(c, i - 1, SET("so", "im"))) ||
         /* "im baked and the pizza is taking forever" */
         (is(c, i + 1, "and") && i > 0 && in_set(c, i - 1, SET("im", "so")) &&
          !in_set(c, i + 2, SET("cookies", "bread", "cake", "a", "some", "made")))) &&
        !in_set(c, i + 1, SET("over", "out")) &&
        /* "this heat is killing me, im baked": hot */
        !any_str(c, window(c, i, 8, 6, 1), i, SET("heat", "hot", "sun", "sweating", "oven", "outside",
                 "humid", "humidity", "degrees", "calor", "summer", "ac", "fire")))
        return REPLY_R_STATE;
    /* "ando con la nota", "toy bien en la nota" (Colombia: high or drunk) */
    if (is(c, i, "nota") && i > 1 && is(c, i - 1, "la") && in_set(c, i - 2, SET("con", "en")) &&
        (i + 1 >= n || has(c, i + 1, T_BREAK | T_TIME | T_INTENS | T_AGAIN) ||
         in_set(c, i + 1, SET("ahorita", "jaja", "jajaja", "lol", "otra", "ya", "encima"))) &&
        any_str(c, window(c, i - 2, 3, 0, 0), i, SET("ando", "toy", "estoy", "andaba", "estaba",
                "andamos", "sigo", "bien", "quede")))
        return REPLY_R_STATE;
    return 0;
}

/* What follows a use said bare at i, its drink or drug unsaid: where,
 * with whom ("on the plane home", "con mis primos", "a la cantina" after
 * going), or when and how often ("this morning", "ahorita", "since
 * friday", "todos los días", "three times this week", "all night"). */
static bool use_told_by_when_where(const struct ctx *c, size_t i, bool inf)
{
    size_t p = i + 1;
    if (p >= c->n)
        return false;
    if (in_set(c, p, SET("on", "at", "in", "with", "w", "behind", "outside", "during", "en", "con",
                         "durante", "afuera", "detras")))
        return !in_set(c, p + 1, SET("water", "agua", "coffee", "cafe", "tea", "juice", "jugo",
                                     "refresco", "soda", "milk", "leche", "moderation")) &&
               !in_set(c, p + 2, SET("water", "agua", "coffee", "cafe", "tea", "juice", "jugo",
                                     "refresco"));
    if (inf) /* "fui a tomar a la cantina" */
        return is(c, p, "a") && in_set(c, p + 1, SET("la", "casa", "el"));
    if (in_set(c, p, SET("all", "toda", "todo", "todos", "every", "cada")))
        return in_set(c, p + 1, SET("night", "day", "weekend", "afternoon", "la", "el", "los", "noche",
                                    "dia", "tarde", "fin", "dias", "days", "morning", "week"));
    /* "three times this week", "like 4 times", "dos veces" */
    if ((has(c, p, T_NUMBER) || in_set(c, p, SET("two", "three", "four", "five", "dos", "tres", "cuatro",
                                                  "cinco", "several", "few", "varias"))) &&
        in_set(c, p + 1, SET("times", "veces", "x")))
        return true;
    return has(c, p, T_TIME) ||
           in_set(c, p, SET("this", "last", "yesterday", "ayer", "anoche", "ahorita", "ahora", "rn",
                            "now", "tonight", "since", "desde", "till", "til", "until", "hasta", "again",
                            "otra"));
}

/* A drinking or use verb at i said bare, its drink or drug unsaid, then
 * where, with whom or when (use_told_by_when_where): "drank on the plane
 * home", "tomé en navidad", "estoy tomando ahorita en la fiesta", "me fui
 * a tomar a la cantina", "already used this morning", "i've used three
 * times this week", "he tomado todos los días desde que salí", "he estado
 * usando desde la quincena", "el domingo ya estaba tomando". Said by the
 * client: at the clause's start, after "I" or a verb of being or going
 * of the client's ("was drinking at the park", "terminé tomando con mis
 * tíos"); "used" only after "already", "have" or "been" ("the app i used
 * this morning" is no use); an infinitive only after going ("fui a
 * tomar"), not after wanting or almost. Not denied, not of somebody
 * else ("my uncle was drinking in the garage"), not the past told as
 * over ("i used to drink at that bar"; the caller's context too). */
static bool drank_somewhere(const struct ctx *c, size_t i)
{
    bool inf = in_set(c, i, SET("tomar", "beber", "chupar", "pistear"));
    bool use = in_set(c, i, SET("used", "using", "usado", "usando"));
    /* a use said at the end of its clause after a verb of having or
     * being: "el domingo ya estaba tomando", "and i used." */
    bool at_end = i + 1 >= c->n || has(c, i + 1, T_BREAK);
    if (!use_told_by_when_where(c, i, inf) &&
        !(at_end && i > 0 && (inf || in_set(c, i - 1, SET("estaba", "estado", "tomado", "ive", "been",
                                                          "already")))))
        return false;
    bool own;
    if (inf) {
        own = i >= 2 && is(c, i - 1, "a") &&
              in_set(c, i - 2, SET("fui", "fuimos", "sali", "salimos", "vine", "ir"));
    } else if (use) {
        own = i > 0 && in_set(c, i - 1, SET("already", "ya", "ive", "have", "been", "he", "estado", "has"));
    } else if (i == 0 || has(c, i - 1, T_BREAK | T_SELFSUBJ) ||
               in_set(c, i - 1, SET("already", "ya", "and", "y", "then", "luego", "estoy", "estaba",
                                    "estuve", "ando", "andaba", "anduve", "sigo", "segui", "termine",
                                    "acabe", "quede", "been", "started", "went", "he", "ive", "estado",
                                    "pues"))) {
        own = true;
    } else if (in_set(c, i - 1, SET("was", "were", "am", "im"))) {
        /* "i was drinking at the park"; not "my uncle was drinking in the garage" */
        own = in_set(c, i - 1, SET("am", "im")) || i == 1 || has(c, i - 2, T_BREAK | T_SELFSUBJ);
    } else {
        own = false;
    }
    if (!own)
        return false;
    /* whose: nobody else named as its subject, just before it (Spanish
     * "he", "I have", before a participle is the client: "he tomado", "he
     * estado usando") */
    struct span subj = window(c, i, 3, 0, 0);
    for (size_t j = i; j-- > subj.lo;) {
        if (in_set(c, j, SET("and", "y", "then", "luego", "but", "pero")))
            break; /* "el entierro de mi abuela y terminé tomando": a clause of its own */
        if ((c->tags[j] & T_OTHER) &&
            !(is(c, j, "he") && in_set(c, j + 1, SET("tomado", "bebido", "usado", "estado"))))
            return false;
    }
    struct span before = window(c, i, 6, 0, 0);
    return !any_in(c, before, T_NEG | T_WANT | T_SOBER | T_PASTMARK, i) &&
           !any_str(c, before, i, SET("almost", "casi", "nearly", "urge", "ganas", "tempted", "dream",
                    "dreamt", "dreamed", "sone", "never", "nunca", "if", "si", "would", "could",
                    "solia", "to"));
}

/* The price of the street measure at i is the client's to pay: said by
 * the client ("i paid", "sent him"), or asked of the client by the one who
 * sells ("he wants 60", "me cobra 50"); not "my brother paid 40 for a g". */
/* The street measure at i ("half", "g", or "ag" for "a g") is bought:
 * "for a" before it, a price or a payment said before it, and the measure
 * ends its clause or a drug, a time or the payment follows it; no denial,
 * past, topic or sobriety near, and no everyday thing bought. */
static bool street_price(const struct ctx *c, size_t i)
{
    bool spaced = is(c, i, "ag");
    if (i < (spaced ? 1u : 2u))
        return false;
    size_t f = spaced ? i - 1 : i - 2; /* the "for" */
    if ((!spaced && !in_set(c, i - 1, SET("a", "an", "un", "una", "1"))) ||
        !in_set(c, f, SET("for", "por", "x", "pa", "para")))
        return false;
    return (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_DRUG | T_TIME) ||
            in_set(c, i + 1, SET("now", "rn", "from", "off", "and", "n", "y", "tonight", "later", "cashapp",
                                 "cashapping", "venmo", "zelle"))) &&
           (any_in(c, window(c, f, 6, 0, 1), T_NUMBER, i) ||
            any_str(c, window(c, f, 6, 4, 1), i, SET("cash", "cashapp", "cashapping", "cashapped", "venmo",
                    "zelle", "bucks", "dollars", "dolares", "varos", "pesos"))) &&
           !any_in(c, window(c, i, 8, 4, 1), T_NEG | T_PASTMARK | T_TOPIC | T_SOBER, i) &&
           !any_str(c, window(c, i, 8, 4, 1), i, SET("gas", "pizza", "milk", "tank", "gallon", "sandwich",
                    "tickets", "ticket", "shift", "ride", "uber", "cookies", "gold", "silver", "coffee"));
}

static bool price_paid_by_client(const struct ctx *c, size_t i)
{
    struct span s = window(c, i, 10, 6, 1);
    return any_in(c, s, T_SELFSUBJ, i) ||
           any_str(c, s, i, SET("wants", "want", "asking", "asked", "charges", "charging", "quiere",
                                "cobra", "pide", "sent", "sending", "cashapping", "mande", "pague"));
}

uint32_t rule_relapse_more3(const struct ctx *c, size_t i)
{
    struct span cl = window(c, i, 6, 6, 0);
    /* a price for a street measure: "he wants 60 for a half, cashapping
     * him now", "paid 40 for a g" (the spaced letters "a g" are read as one
     * word, "ag"), "20 for a dub", "sent him 40 on cashapp for an 8th" (not
     * "20 for a half day of daycare", "8 for a half gallon", "paid 40 for a
     * quarter tank") */
    if ((in_set(c, i, SET("g", "gram", "grams", "half", "8th", "eighth", "quarter", "zip", "dub", "ball",
                          "bundle", "gramo", "gramos", "onza", "oz", "teener", "bun")) ||
         is(c, i, "ag")) &&
        street_price(c, i))
        return price_paid_by_client(c, i) ? REPLY_R_DEALER | RELAPSE_SUBJECT_READ : REPLY_R_DEALER;
    /* "he offered me a beer and i didnt say no", "my ex came over with a
     * bottle and i didnt say no", "no le dije que no a la chela": a drink
     * or a drug taken by not refusing it (not "i didnt say no to dessert",
     * "couldnt say no to the flu shot", "he didnt say no") */
    if (in_set(c, i, SET("didnt", "couldnt", "cudnt", "cant", "no", "didn")) && no_not_said(c, i) &&
        !negated(c, i)) { /* at the first negator: the "no" said is denied by it */
        struct span s = window(c, i, 14, 8, 2);
        if ((drug_in(c, s, i) ||
             any_str(c, s, i, SET("bottle", "beer", "beers", "shot", "shots", "drink", "drinks", "chela",
                                  "chelas", "cerveza", "cervezas", "trago", "tragos", "botella", "hit",
                                  "joint", "blunt", "pills", "line", "bump", "pisto", "guaro"))) &&
            !any_str(c, s, i, SET("flu", "vaccine", "covid", "booster", "water", "soda", "coffee", "tea",
                                  "agua", "refresco", "cafe", "dessert", "cake", "postre", "food", "comida")))
            return REPLY_R_USE;
    }
    /* "hiding in the garage with a bottle so the kids dont see me like
     * this", "escondida en el baño con la botella": drinking in secret
     * (not a bottle hidden so as not to drink it, or poured out) */
    if (in_set(c, i, SET("hiding", "hide", "escondido", "escondida", "escondiendome")) &&
        any_str(c, window(c, i, 0, 8, 1), i, SET("bottle", "botella", "flask", "pachita", "anforita", "beers",
                "cervezas", "caguama", "caguamas")) &&
        !any_in(c, window(c, i, 6, 0, 1), T_OTHER | T_NEG | T_PASTMARK, i) &&
        !any_str(c, window(c, i, 0, 12, 2), i, SET("poured", "threw", "tossed", "dumped", "tire", "bote",
                 "wouldnt", "wont", "avoid", "tempted", "tentacion", "temptation", "pills", "pastillas")))
        return REPLY_R_USE;
    /* "re-upped this morning" (a supply bought again; "reupped" is a use
     * word of the lexicon), not "re-upped my phone plan" */
    if (is(c, i, "upped") && i > 0 && is(c, i - 1, "re") && !reupped_everyday(c, i) &&
        !any_in(c, window(c, i, 4, 0, 0), T_NEG | T_OTHER, i))
        return REPLY_R_USE;
    /* "todavía tomada", "ando bien tomado", "llegué tomado": drunk, said
     * with a verb of being or a word of degree (not "he tomado agua", "la
     * foto fue tomada", "tomada de la mano") */
    if (in_set(c, i, SET("tomado", "tomada", "tomados", "tomadas")) && i > 0 &&
        in_set(c, i - 1, SET("estoy", "ando", "sigo", "todavia", "bien", "muy", "toy", "andaba", "estaba",
                             "quede", "llegue", "estamos", "andamos", "medio", "algo", "super", "re",
                             "bastante", "estas", "andas")) &&
        !in_set(c, i + 1, SET("del", "por", "en", "agua", "cafe", "la", "el", "una", "un")) &&
        !(is(c, i + 1, "de") && !in_set(c, i + 2, SET("anoche", "ayer", "antier", "hoy"))) &&
        !any_in(c, window(c, i, 6, 3, 1), T_OTHER | T_NEG | T_PASTMARK | T_SOBER, i) &&
        /* "había un señor bien tomado": somebody described */
        !any_str(c, window(c, i, 5, 0, 0), i, SET("senor", "senora", "tipo", "vato", "muchacho", "muchacha",
                 "hombre", "mujer", "viejo", "vieja", "chavo", "morra", "borracho", "alguien", "gente", "un", "una")))
        return REPLY_R_STATE;
    /* "4 deep and its not even 6", "like 5 deep at the bar": drinks in,
     * with a drink or a bar in the reply (not "3 deep in line", "knee
     * deep", "6 feet deep") */
    if (is(c, i, "deep") && i > 0 &&
        (has(c, i - 1, T_NUMBER) ||
         in_set(c, i - 1, SET("few", "couple", "two", "three", "four", "five", "six", "seven", "eight"))) &&
        !in_set(c, i + 1, SET("in", "into", "breath", "breaths", "sleep")) &&
        (drug_in(c, (struct span){0, c->n}, i) ||
         any_str(c, ((struct span){0, c->n}), i, SET("bar", "drinks", "shots", "beers", "cantina", "pub"))) &&
        !any_in(c, window(c, i, 6, 6, 1), T_OTHER | T_PASTMARK, i) && !any_in(c, window(c, i, 6, 0, 1), T_NEG, i))
        return REPLY_R_USE;
    /* "pretty baked", "im so baked rn", "got baked": high (not "i baked
     * cookies", "baked a cake") */
    if (is(c, i, "baked") && i > 0 &&
        in_set(c, i - 1, SET("pretty", "so", "hella", "super", "mad", "too", "im", "kinda", "lil", "real",
                             "still", "got", "getting", "stay", "sooo", "soo")) &&
        (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_INTENS) ||
         in_set(c, i + 1, SET("and", "rn", "af", "lol", "asf", "right", "now", "rite", "n", "tho"))) &&
        !any_in(c, window(c, i, 6, 6, 1), T_OTHER | T_NEG | T_PASTMARK, i) &&
        /* "this heat is killing me, im baked": cooked by the sun */
        !any_str(c, ((struct span){0, c->n}), i, SET("heat", "sun", "hot", "oven", "outside", "calor", "sol",
                 "sunburn", "beach", "pool")))
        return REPLY_R_STATE;
    /* "todavía voy ciego", "iba ciego" (Spain: very drunk or high; not
     * "ciego de un ojo", "ciego por el sol") */
    if (in_set(c, i, SET("ciego", "ciega", "ciegos", "ciegas")) && i > 0 &&
        /* said in the first person ("iba", "andaba" are his too) */
        (in_set(c, i - 1, SET("voy", "vamos", "ibamos", "sigo", "ando", "andamos")) ||
         (i > 1 && in_set(c, i - 1, SET("bien", "muy", "super", "re", "todavia")) &&
          in_set(c, i - 2, SET("voy", "vamos", "ibamos", "sigo", "ando", "andamos", "todavia")))) &&
        !in_set(c, i + 1, SET("de", "del", "por", "con")) &&
        !any_in(c, window(c, i, 6, 3, 1), T_OTHER | T_NEG | T_PASTMARK, i))
        return REPLY_R_STATE;
    /* "me pegué una traba", "tengo una traba muy fuerte" (Colombia: a
     * high); not "se me traba la lengua" (an effect), "una traba en la
     * puerta" */
    if (is(c, i, "traba") && i > 0 && in_set(c, i - 1, SET("una", "tremenda", "flor", "la", "mi")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("pegue", "pego", "pegamos", "tengo", "traigo", "tenia",
                "cargo", "llevo", "ando", "tremenda")) &&
        !any_str(c, window(c, i, 0, 3, 0), i, SET("puerta", "lengua", "ventana", "cerradura")) &&
        !any_in(c, window(c, i, 6, 6, 1), T_OTHER | T_NEG | T_PASTMARK, i))
        return REPLY_R_USE;
    /* "me chingué un six", "grabbed a sixer": a six-pack by its count */
    if (in_set(c, i, SET("six", "sixer", "doce", "twelve")) && i > 0 && in_set(c, i - 1, SET("un", "a")) &&
        !in_set(c, i + 1, SET("year", "years", "anos", "hour", "hours", "am", "pm", "month", "months",
                              "piece", "dollar", "dollars", "pesos", "inch")) &&
        !(in_set(c, i + 1, SET("de", "of")) && in_set(c, i + 2, SET("agua", "water", "soda", "coca",
                 "refresco", "refrescos", "jugo", "juice", "sodas", "gatorade", "monster"))) &&
        (any_in(c, window(c, i, 4, 0, 0), T_USEV | T_TOOK | T_GOT, i) ||
         any_str(c, window(c, i, 4, 0, 0), i, SET("chingue", "compre", "agarre", "grabbed", "bought"))))
        return REPLY_R_USE;
    /* "went back to using", "ended up drinking", "started using again" */
    if (in_set(c, i, SET("using", "drinking", "smoking", "shooting", "tomando", "bebiendo",
                          "consumiendo", "fumando", "drogandome")) &&
        (any_str(c, window(c, i, 4, 0, 0), i, SET("back", "started", "ended", "been", "keep",
                                                  "kept", "volvi", "empece", "sigo", "segui",
                                                  "andaba", "anduve", "estuve", "ando",
                                                  "termine", "acabe")) ||
         is(c, i + 1, "again")) &&
        /* "been using it to read", "drinking more water", "smoking ribs":
         * a thing, no drug */
        !(in_set(c, i + 1, SET("it", "the", "my", "a", "an", "this", "that", "his", "her", "our",
                                "their", "more", "water", "tea", "coffee", "juice", "ribs", "meat",
                                "brisket", "agua", "cafe", "jugo")) &&
          !drug_in(c, window(c, i, 0, 4, 0), i)))
        return REPLY_R_USE;
    /* round p60: "ended up at the bar", "wound up at the liquor store",
     * "terminé en la cantina": where the evening went, said of oneself
     * (not "my brother ended up at the bar", not "ended up at the bar
     * with a soda") */
    if (in_set(c, i, SET("bar", "bars", "cantina", "cantinas", "pub", "tavern", "liquor", "antro",
                          "licoreria", "taberna")) &&
        any_str(c, window(c, i, 5, 0, 0), i, SET("ended", "wound", "termine", "acabe")) &&
        !any_in(c, window(c, i, 6, 8, 1), T_OTHER | T_NEG | T_PASTMARK | T_SOBER | T_SAFE, i) &&
        !any_str(c, window(c, i, 0, 8, 1), i, SET("soda", "water", "sprite", "agua", "refresco", "job",
                 "working", "trabajando", "karaoke", "trivia", "food", "wings", "comida")))
        return REPLY_R_USE;
    /* "tomé anoche", "tome mucho en la fiesta", "bebi otra vez" */
    if (in_set(c, i, SET("tome", "bebi", "chupe", "pistie", "pistee")) &&
        !any_str(c, window(c, i, 0, 4, 0), i, SET("agua", "refresco", "soda", "cafe", "te", "jugo",
                                                  "pura", "puro", "coca", "leche", "medicina",
                 /* "tomé el tren", "tomé una foto", "tomé la clase": no drink */
                 "tren", "bus", "camion", "metro", "taxi", "uber", "avion", "vuelo", "ruta",
                 "foto", "fotos", "clase", "curso", "siesta", "descanso", "ducha", "turno",
                 "decision", "examen", "pastilla", "pastillas", "vitaminas", "atole",
                 "chocolate", "licuado", "malteada", "nota", "notas")) &&
        any_str(c, window(c, i, 3, 4, 0), i, SET("anoche", "ayer", "mucho", "otra", "finde",
                "fiesta", "demasiado", "toda", "sabado", "viernes", "noche", "hoy", "chingo",
                "madral", "bastante", "lunes", "martes", "miercoles", "jueves", "domingo", "semana")))
        return REPLY_R_USE;
    /* the count starts again: "back to zero", "day 1. again", "white chip
     * again", "lost my 60 days", "0 days clean", "de vuelta a cero" */
    /* "zero" of a score ("smashed 5-0 at darts") is no count */
    /* ... not "0 sleep", "cero paciencia": none of an everyday thing */
    bool zero = (in_set(c, i, SET("zero", "0", "cero")) && !(i > 0 && has(c, i - 1, T_NUMBER)) &&
                 !in_set(c, i + 1, SET("sleep", "hours", "hrs", "energy", "patience", "sueno", "horas",
                                       "energia", "paciencia", "money", "dinero", "bucks", "dollars",
                                       "battery", "bateria", "calories", "chill", "fucks", "sleeping")) &&
                 !(i > 1 && has(c, i - 1, T_BREAK) && has(c, i - 2, T_NUMBER))) ||
                (in_set(c, i, SET("beginning", "principio")) && i > 1 &&
                 (is(c, i - 1, "al") || (is(c, i - 1, "the") && is(c, i - 2, "to")))) ||
                (in_set(c, i, SET("day", "dia")) && in_set(c, i + 1, SET("1", "one", "uno", "2", "two"))) ||
                (is(c, i, "square") && is(c, i + 1, "one"));
    if (zero && (any_in(c, window(c, i, 4, 4, 1), T_AGAIN, i) ||
                 any_str(c, window(c, i, 4, 4, 1), i, SET("now", "ahora", "vuelta", "estoy", "im", "at",
                                                          "clean", "sober", "limpio", "goes"))))
        return REPLY_R_DAY_ONE;
    /* the client's own day one: "today is my day 1", "its day one for me",
     * "hoy es mi día 1", "day 1 ugh" (but "day 1 of the diet": everyday) */
    if (in_set(c, i, SET("day", "dia")) && in_set(c, i + 1, SET("1", "one", "uno")) &&
        !in_set(c, i + 2, SET("of", "de", "del")) &&
        (any_str(c, window(c, i, 3, 0, 0), i, SET("my", "mi", "its", "today", "hoy")) ||
         any_str(c, window(c, i, 0, 4, 0), i, SET("me", "mi", "ugh", "smh", "fml", "sigh"))))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("day", "dia")) && i > 0 && in_set(c, i - 1, SET("first", "primer")) &&
        any_in(c, window(c, i, 0, 3, 0), T_AGAIN, i))
        return REPLY_R_DAY_ONE; /* "hoy es mi primer día otra vez" */
    /* "day 1 for the 3rd time this year", "día 1 por tercera vez" */
    if (in_set(c, i, SET("day", "dia")) && in_set(c, i + 1, SET("1", "one", "uno")) &&
        any_str(c, window(c, i, 0, 6, 0), i, SET("time", "times", "vez", "veces")) &&
        (any_str(c, window(c, i, 0, 6, 0), i, SET("second", "third", "fourth", "fifth", "nth",
                 "segunda", "tercera", "cuarta", "quinta", "another", "otra")) ||
         any_in(c, window(c, i, 0, 6, 0), T_NUMBER, i + 1)))
        return REPLY_R_DAY_ONE;
    /* "my streak is dead", "se acabó mi racha", "perdí mi racha" (not a
     * game's or an app's streak) */
    if (in_set(c, i, SET("streak", "racha")) &&
        any_str(c, window(c, i, 3, 3, 0), i, SET("dead", "over", "gone", "broken", "broke", "ended",
                "lost", "reset", "acabo", "perdi", "rompi", "termino", "murio")) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("duolingo", "snap", "snapchat", "wordle", "game",
                 "gym", "workout", "running", "app", "tiktok", "winning", "losing", "juego")))
        return REPLY_R_DAY_ONE;
    /* "threw away my 90 day chip", "my chip doesnt count anymore", "hoy
     * vuelvo a pedir la ficha blanca" */
    if (in_set(c, i, SET("chip", "ficha")) &&
        (any_str(c, window(c, i, 5, 0, 0), i, SET("threw", "tossed", "lost", "returned", "tire",
                 "devolvi")) ||
         (any_in(c, window(c, i, 0, 6, 1), T_NEG, i) && any_str(c, window(c, i, 0, 6, 1), i,
                 SET("count", "counts", "cuenta", "vale"))) ||
         ((is(c, i + 1, "blanca") || (i > 0 && is(c, i - 1, "white"))) &&
          any_str(c, window(c, i, 5, 0, 0), i, SET("pedir", "vuelvo", "volvi", "pick", "picking",
                  "get", "getting", "recoger", "otra")))))
        return REPLY_R_DAY_ONE;
    /* "count starts over today", "my count started over" */
    if (in_set(c, i, SET("count", "clock", "cuenta")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("starts", "started", "start", "restarts", "restarted",
                "empieza", "empezo")) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("over", "again", "de", "otra")) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("calories", "steps", "reps", "calorias")))
        return REPLY_R_DAY_ONE;
    /* "tengo que volver a contar los días", "a contar otra vez", "start
     * counting again" */
    if (in_set(c, i, SET("contar", "counting", "count")) &&
        ((i > 1 && is(c, i - 1, "a") && in_set(c, i - 2, SET("volver", "vuelvo", "volvi", "empezar",
                                                             "empiezo"))) ||
         (in_set(c, i + 1, SET("otra", "again", "de")) &&
          any_str(c, window(c, i, 0, 3, 0), i, SET("vez", "again", "nuevo", "cero")))) &&
        !any_str(c, window(c, i, 6, 6, 1), i, SET("calories", "calorias", "money", "dinero",
                 "sheep", "ovejas", "steps", "pasos", "reps")))
        return REPLY_R_DAY_ONE;
    /* "rolling hard at this party", "rollin on molly": high on ecstasy, at
     * a party (not "rolling my eyes", "rolling with the punches") */
    if (in_set(c, i, SET("rolling", "rollin")) &&
        any_str(c, window(c, i, 3, 6, 1), i, SET("party", "rave", "club", "festival", "molly",
                "beans", "x", "ecstasy", "face", "balls", "fiesta")) &&
        !in_set(c, i + 1, SET("my", "eyes", "with", "in", "out", "up", "down", "around", "the")))
        return REPLY_R_STATE;
    /* "the room is spinning, too many shots": drunk now */
    if (is(c, i, "spinning") && any_str(c, window(c, i, 3, 0, 0), i, SET("room", "everything", "cuarto")) &&
        any_str(c, window(c, i, 8, 8, 1), i, SET("shots", "drinks", "beers", "drunk", "tragos",
                "cervezas", "wine", "vodka", "tequila", "whiskey")))
        return REPLY_R_STATE;
    /* "blew a rail", "did a couple rails", "railed a line" */
    if (in_set(c, i, SET("rail", "rails")) &&
        any_str(c, window(c, i, 3, 0, 0), i, SET("blew", "did", "doing", "railed", "snorted", "hit",
                                                  "blow", "do")) &&
        /* "the train blew past the rail crossing": a rail of the tracks */
        !any_str(c, window(c, i, 3, 2, 0), i, SET("past", "through", "crossing", "train", "tracks",
                 "road", "fence", "guard", "stair", "stairs")))
        return REPLY_R_USE;
    /* "guess im a newcomer again", "back to being a newcomer" (the rooms'
     * word for the first days) */
    if (in_set(c, i, SET("newcomer", "newbie")) &&
        (any_in(c, window(c, i, 0, 2, 0), T_AGAIN, i) ||
         any_str(c, window(c, i, 4, 0, 0), i, SET("back", "again"))))
        return REPLY_R_DAY_ONE;
    /* "se me borró la cuenta", "volví a empezar la cuenta", "my count reset" */
    if (in_set(c, i, SET("borro", "reinicio", "reset", "resets", "reseteo")) &&
        any_str(c, window(c, i, 3, 3, 0), i, SET("cuenta", "count", "conteo", "dias", "days",
                                                  "clock", "date", "fecha")) &&
        /* not an account: "se me borró la cuenta de instagram" */
        !any_str(c, window(c, i, 3, 6, 0), i, SET("de", "del", "instagram", "facebook", "banco",
                 "bank", "app", "netflix", "correo", "email", "tiktok", "whatsapp", "account",
                 "password", "contrasena", "game", "juego")))
        return REPLY_R_DAY_ONE;
    /* one day counted: "im at 1 day", "ahora tengo 1 día", "24 hours again",
     * "zero days"; not "1 day left", "in 1 day", "zero days off" */
    if (in_set(c, i, SET("1", "24", "0", "one", "un", "zero", "cero")) &&
        (((is(c, i, "1") || in_set(c, i, SET("one", "un"))) && in_set(c, i + 1, SET("day", "dia")) &&
          i > 0 && in_set(c, i - 1, SET("at", "tengo", "have", "got", "llevo"))) ||
         (is(c, i, "24") && in_set(c, i + 1, SET("hours", "hrs", "horas")) &&
          any_in(c, window(c, i, 3, 3, 0), T_AGAIN, i)) ||
         ((is(c, i, "0") || in_set(c, i, SET("zero", "cero"))) && in_set(c, i + 1, SET("days", "dias")) &&
          (i + 2 >= c->n || has(c, i + 2, T_BREAK | T_AGAIN) || in_set(c, i + 2, SET("sober", "clean", "limpio"))))))
        return REPLY_R_DAY_ONE;
    /* a new sobriety date: "my new date is today", "my date is today now";
     * not "a new date for the wedding" */
    if (in_set(c, i, SET("date", "fecha")) && any_str(c, window(c, i, 2, 0, 0), i, SET("my", "mi")) &&
        (any_str(c, window(c, i, 2, 0, 0), i, SET("new", "nueva")) ||
         any_str(c, window(c, i, 0, 4, 0), i, SET("now", "ahora"))) &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("today", "hoy", "now", "ahora", "yesterday", "ayer")) &&
        !any_str(c, window(c, i, 6, 6, 0), i, SET("wedding", "court", "trial", "hearing", "appointment",
                 "boda", "cita", "audiencia", "move", "closing", "surgery", "interview")))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("chip", "ficha")) &&
        any_str(c, window(c, i, 2, 1, 0), i, SET("white", "blanca", "desire", "hour", "hr", "24hr", "horas")) &&
        (any_in(c, window(c, i, 6, 4, 0), T_AGAIN, i) ||
         any_str(c, cl, i, SET("new", "get", "agarrar", "picking", "pick", "picked", "got"))))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("date", "fecha")) && any_in(c, window(c, i, 3, 0, 0), T_SOBER, i) &&
        any_str(c, window(c, i, 3, 5, 0), i, SET("today", "hoy", "changed", "new", "reset",
                                                  "yesterday", "ayer", "now")))
        return REPLY_R_DAY_ONE;
    if (has(c, i, T_LOSTV) && !is(c, i, "lose") &&
        any_str(c, window(c, i, 0, 4, 0), i, SET("days", "months", "time", "dias", "meses", "years",
                                                  "clean", "sobriety", "sobriedad", "tiempo", "date",
                                                  "year", "streak", "chip", "ano", "racha")) &&
        any_str(c, window(c, i, 0, 2, 0), i, SET("my", "mis", "mi")))
        return REPLY_R_DAY_ONE;
    /* "rolling on molly", "up 3 days on ice", "acelerado con cristal" */
    /* "been on that brown all week", "back on them blues" */
    if (is(c, i, "on") && in_set(c, i + 1, SET("that", "them", "dat", "the")) && has(c, i + 2, T_DRUG) &&
        !everyday_drug(c, i + 2) && i > 0 && in_set(c, i - 1, SET("been", "back", "im", "was", "stay", "staying")))
        return REPLY_R_USE;
    if ((is(c, i, "on") || is(c, i, "con")) && has(c, i + 1, T_DRUG) && !everyday_drug(c, i + 1) &&
        !past_stretch(c, i) &&
        /* "made it through the super bowl on coke zero" */
        !in_set(c, i + 2, SET("zero", "cola", "light")) &&
        !any_str(c, window(c, i, 4, 0, 0), i, SET("skating", "slipped", "hockey", "rink", "put",
                                                  "vodka", "some")) &&
        (any_in(c, window(c, i, 5, 0, 0), T_SELFSUBJ | T_STATE | T_INTENS | T_USEACT, i) ||
         /* "been on fent all week", "back on pills", "was on fent last
          * weekend": the subject left out */
         (i > 0 && (i == 1 || has(c, i - 2, T_BREAK)) &&
          (in_set(c, i - 1, SET("been", "back")) ||
           (is(c, i - 1, "was") && any_str(c, window(c, i, 0, 5, 0), i, SET("last", "yesterday",
                "weekend", "tonight", "today", "night", "anoche", "ayer")))))))
        return REPLY_R_STATE;
    if (in_set(c, i, SET("starting", "start", "started", "empezando", "empiezo", "empece", "comienzo",
                          "comence", "comenzar", "comenzando")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("over", "scratch", "cero", "nuevo", "zero")) &&
        !any_str(c, window(c, i, 0, 5, 0), i, SET("job", "school", "semester", "diet", "project")))
        return REPLY_R_DAY_ONE;
    /* (not "lost count of the diapers": too many to count) */
    if (in_set(c, i, SET("streak", "conteo", "count", "app", "contador")) && !is(c, i + 1, "of") &&
        any_str(c, window(c, i, 3, 4, 0), i, SET("gone", "reset", "lost", "broke", "broken",
                                                  "borro", "perdi", "0", "zero", "cero", "reinicie",
                                                  "reinicio", "resetee")))
        return REPLY_R_DAY_ONE;
    if (in_set(c, i, SET("date", "fecha")) &&
        any_str(c, window(c, i, 4, 0, 0), i, SET("change", "changing", "cambiar", "reinicie",
                                                  "reset", "restart", "cambie")) &&
        any_in(c, window(c, i, 3, 4, 0), T_SOBER | T_SELFOBJ, i))
        return REPLY_R_DAY_ONE;
    /* buying from a person: "le compré al de la esquina", "bought from my old guy" */
    if (in_set(c, i, SET("compre", "comprar", "bought", "buy", "cope", "score", "scored")) &&
        any_str(c, window(c, i, 0, 3, 0), i, SET("al", "from", "con")) &&
        !weapon_not_drug(c, window(c, i, 0, 5, 0)) &&
        !any_str(c, window(c, i, 0, 5, 0), i, SET("store", "tienda", "walmart", "target", "costco",
                "market", "mercado", "pharmacy", "farmacia", "amazon", "super", "oxxo", "gas")))
        return REPLY_R_DEALER;
    /* a drug by its measure: "picked up a g", "copped a bundle", "got a 30
     * pack and finished it"; not "a pack of gum", "a bundle of flowers" */
    if (in_set(c, i, SET("g", "gram", "grams", "bundle", "eighth", "ounce", "pack", "gramo", "gramos")) && i > 0 &&
        (is(c, i, "pack") ? has(c, i - 1, T_NUMBER) || in_set(c, i - 1, SET("six", "twelve"))
                          : in_set(c, i - 1, SET("a", "an", "half", "1", "2", "3", "un", "medio"))) &&
        !in_set(c, i + 1, SET("of", "deal", "abs", "de")) &&
        (any_in(c, window(c, i, 4, 0, 0), T_GOT | T_USEV | T_USEACT, i) ||
         /* "me fiaron un gramo", "me vendió medio gramo" */
         any_str(c, window(c, i, 4, 0, 0), i, SET("fio", "fiaron", "fiao", "vendio", "vendieron",
                                                   "compre", "trajo", "dieron", "consegui"))) &&
        !any_in(c, window(c, i, 6, 6, 0), T_SAFE, i))
        return REPLY_R_USE;
    /* "had too much to drink", "a few too many last night" */
    if ((is(c, i, "drink") && i > 1 && is(c, i - 1, "to") && in_set(c, i - 2, SET("much", "many", "lot"))) ||
        (is(c, i, "many") && i > 1 && is(c, i - 1, "too") && is(c, i - 2, "few") &&
         (i + 1 >= c->n || has(c, i + 1, T_BREAK | T_TIME) || in_set(c, i + 1, SET("last", "again", "lol")))))
        return REPLY_R_USE;
    /* "on my 4th beer", "on my third drink": drinking now */
    if (is(c, i, "on") && in_set(c, i + 1, SET("my", "mi")) &&
        (has(c, i + 2, T_NUMBER) || in_set(c, i + 2, SET("second", "third", "fourth", "sixth", "2nd",
                                                          "3rd", "4th", "5th", "6th"))) &&
        (has(c, i + 3, T_DRUG) || in_set(c, i + 3, SET("drink", "beer", "glass", "shot")) ||
         (in_set(c, i + 3, SET("th", "rd", "nd")) &&
          (has(c, i + 4, T_DRUG) || in_set(c, i + 4, SET("drink", "beer", "glass", "shot"))))))
        return REPLY_R_STATE;
    /* a count thrown away: "there goes my clean time", "8 months down the
     * drain", "se me fue la sobriedad"; not "the cravings are gone" */
    if (in_set(c, i, SET("gone", "goes", "drain", "threw", "tossed", "ruined", "fue", "tire",
                          "wasted", "blew", "flushed")) &&
        any_str(c, window(c, i, 4, 6, 0), i, SET("time", "sobriety", "sobriedad", "streak", "days",
                "months", "years", "dias", "meses", "anos", "limpio", "clean", "sober")) &&
        (any_in(c, window(c, i, 4, 6, 0), T_SOBER, i) || any_in(c, window(c, i, 4, 6, 0), T_NUMBER, i)) &&
        !any_str(c, window(c, i, 5, 5, 0), i, SET("cravings", "craving", "urge", "urges", "ganas",
                 "anxiety", "pain", "headache", "shakes", "withdrawals", "sick", "job", "relationship",
                 "marriage", "money", "work", "trabajo", "school")) &&
        !any_in(c, window(c, i, 5, 5, 0), T_NEG, i))
        return REPLY_R_DAY_ONE;
    /* "picked up a g": the tokenizer joins the spaced letters "a g" */
    if (is(c, i, "ag") && any_in(c, window(c, i, 3, 0, 0), T_GOT | T_USEV | T_USEACT, i))
        return REPLY_R_USE;
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
    /* "drank on the plane home", "tomé en navidad", "already used this
     * morning", "he tomado todos los días" */
    if (in_set(c, i, SET("drank", "tome", "bebi", "chupe", "pistie", "drinking", "drinkin", "tomando",
                          "bebiendo", "chupando", "pisteando", "tomar", "beber", "chupar", "pistear",
                          "tomado", "bebido", "used", "using", "usado", "usando")) &&
        drank_somewhere(c, i))
        return REPLY_R_USE | RELAPSE_SUBJECT_READ;
    return 0;
}
