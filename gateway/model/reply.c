/* SPDX-License-Identifier: Apache-2.0 */
/* reply.c: reply text -> intent, score and safety signals (see reply.h).
 * Pure: no I/O, no clock, no heap allocation at all, whatever the length
 * (the only state is a read-only phrase index built on first use).
 *
 * The text flows through three stages, each bounded in memory, so a reply
 * of any length is scanned to its last byte (a crisis phrase at the end of
 * a 20 KB message is found) in time linear in its length:
 *
 *   1. decode: invalid UTF-8 bytes and NULs become spaces, so the rest of
 *      the text is still read;
 *   2. normalise: NFKC, case folding, accents stripped, default-ignorable
 *      characters (zero-width spaces...) dropped, look-alike punctuation
 *      lumped to ASCII (curly apostrophes, dashes), with utf8proc, on
 *      segments of at most SEG_MAX bytes cut before an ASCII character
 *      (nothing composes across one); pure-ASCII segments skip utf8proc;
 *   3. de-obfuscation: letters written as digits or symbols between
 *      letters become letters ("su1cide", "k1ll", "$uicidal") and
 *      spaced-out single letters are joined ("k i l l", "d.i.e");
 *   4. words: the normalised text becomes a line of space-separated
 *      tokens in a fixed buffer: words (a-z only, apostrophes dropped,
 *      runs of one letter collapsed: "diiiie" -> "die"), numbers ("6.5",
 *      "-3"), mood emoji ("~" tokens), a few symbols ("/", "-", ":", "%") and "|" for a clause
 *      break (. ! ? ; , newline). When the buffer fills up it is scanned
 *      and its last tokens are carried over, so phrases and their context
 *      are never cut.
 *
 * Phrase lists are written in plain spelling; the comparison collapses
 * repeated letters in the pattern the same way, so "kill" matches "kil"
 * and "kiiill". Accents need not be written ("dano" matches "daño").
 *
 * Recall of crisis language comes first: when in doubt a phrase is in the
 * list. Negation ("not", "never", "no" ... up to three words before the
 * phrase, within its clause) adds REPLY_SIG_NEGATED and never removes the
 * crisis signal. NEGATED is only set when EVERY crisis phrase found was
 * negated ("I'm not suicidal but I want to die" is not negated), and it
 * qualifies the relapse signal only when there is no crisis at all, so
 * a negated relapse can never soften an unnegated crisis. A joke marker
 * nearby ("lol", "jk") counts as a negation.
 *
 * Scores: a number next to a mood word or as "N/10" beats a bare one, a
 * bare number ending its clause beats one followed by a word (a count);
 * without any number, mood words and face emoji ("great", "not bad",
 * "muy mal", a crying face) give a place on a 1-10 line mapped onto the
 * scale. An operator's vocabulary (reply_vocab_*) adds crisis, relapse
 * and substance phrases; it is built outside reply_parse, which only
 * reads it. */
#include "model/reply.h"

#include "model/reply_concepts.h"
#include "model/reply_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <utf8proc.h>

#define SEG_MAX   256               /* bytes of UTF-8 normalised at once */
#define SEG_SOFT  192               /* cut before the next ASCII byte after this */
#define CP_MAX    1024              /* code points after normalising one segment */
#define W_MAX     4096              /* bytes of tokens scanned at once */
#define W_FLUSH   (W_MAX - 256)     /* scan when this full (tokens are short) */
#define TOK_MAX   48                /* longer tokens are split */
#define MAX_TOKS  (W_MAX / 2 + 1)
#define LOOKBACK  8                 /* tokens of context kept before a chunk */
#define LOOKAHEAD 24                /* tokens a chunk leaves to the next one */

#define NORM_OPTS                                                                      \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |        \
     UTF8PROC_IGNORE | UTF8PROC_STRIPMARK | UTF8PROC_LUMP)

/* ---- word lists ---------------------------------------------------------- */

/* A phrase is words separated by single spaces; a word ending in '*' is a
 * prefix, "#" stands for any number and "?" for any one word. One clause
 * break, and any mood emoji, may stand between the words of a phrase. */
enum { P_NOT_AFTER_NUM = 1 }; /* "ran 5 kms" is not "kill myself" */
struct phrase {
    const char *p;
    unsigned flags;
};

static const struct phrase crisis_phrases[] = {
    /* English: suicidal ideation, direct */
    {"kill myself", 0}, {"killing myself", 0}, {"killed myself", 0}, {"kill my self", 0},
    {"kms", P_NOT_AFTER_NUM}, {"kill me", 0}, {"suicid*", 0}, {"unaliv*", 0},
    {"end my life", 0}, {"ending my life", 0}, {"end my own life", 0}, {"take my life", 0},
    {"taking my life", 0}, {"take my own life", 0}, {"end it all", 0}, {"ending it all", 0},
    {"end it tonight", 0}, {"end it now", 0}, {"end things", 0}, {"want to end it", 0},
    {"going to end it", 0}, {"gonna end it", 0},
    {"want to die", 0}, {"wanna die", 0}, {"want 2 die", 0}, {"wanted to die", 0},
    {"wanting to die", 0}, {"want to be dead", 0}, {"wish i was dead", 0},
    {"wish i were dead", 0}, {"wish i could die", 0}, {"wish i wasnt alive", 0},
    {"wish i was never born", 0}, {"ready to die", 0}, {"hang myself", 0},
    {"hanging myself", 0}, {"shoot myself", 0}, {"jump off a bridge", 0},
    {"jump off the bridge", 0},
    /* indirect */
    {"dont want to be here", 0}, {"dont wanna be here", 0}, {"do not want to be here", 0},
    {"dont want to be alive", 0}, {"do not want to be alive", 0}, {"dont want to live", 0},
    {"dont wanna live", 0}, {"do not want to live", 0}, {"dont want to exist", 0},
    {"dont want to wake up", 0}, {"no reason to live", 0}, {"nothing to live for", 0},
    {"no point living", 0}, {"no point in living", 0}, {"better off dead", 0},
    {"better off without me", 0}, {"cant go on", 0}, {"cannot go on", 0},
    {"can not go on", 0}, {"cant keep going", 0}, {"cant do this anymore", 0},
    {"cant do this any more", 0}, {"cant take it anymore", 0}, {"cant take this anymore", 0},
    {"cant take it any more", 0}, {"want to disappear", 0}, {"wish i could disappear", 0},
    {"rather be dead", 0}, {"rather die", 0}, {"never wake up", 0}, {"not wake up", 0},
    {"no one would miss me", 0}, {"nobody would miss me", 0}, {"no one would care", 0},
    {"nobody would care", 0}, {"if i was gone", 0}, {"if i were gone", 0},
    {"ending it", 0}, {"want it all to end", 0}, {"want it to end", 0},
    {"give up on life", 0}, {"giving up on life", 0}, {"gave up on life", 0},
    /* self-harm, overdose */
    {"hurt myself", 0}, {"hurting myself", 0}, {"harm myself", 0}, {"harming myself", 0},
    {"self harm*", 0}, {"selfharm*", 0}, {"cut myself", 0}, {"cutting myself", 0},
    {"cutting again", 0}, {"cut my wrist*", 0}, {"slit my wrist*", 0}, {"overdos*", 0},
    {"od", P_NOT_AFTER_NUM}, {"oded", 0}, {"took all my pills", 0}, {"take all my pills", 0},
    {"taking all my pills", 0}, {"took all the pills", 0}, {"took a bunch of pills", 0},
    {"took too many pills", 0}, {"swallowed all my pills", 0},
    /* farewells */
    {"goodbye forever", 0}, {"this is goodbye", 0}, {"final goodbye", 0},
    {"my last goodbye", 0},
    /* Spanish (accents optional) */
    {"quiero morir*", 0}, {"me quiero morir", 0}, {"quisiera morir*", 0},
    {"ganas de morir*", 0}, {"deseo morir*", 0}, {"matarme", 0}, {"me voy a matar", 0},
    {"me quiero matar", 0}, {"no quiero vivir", 0}, {"no quiero seguir viviendo", 0},
    {"no quiero estar aqui", 0}, {"quitarme la vida", 0}, {"acabar con mi vida", 0},
    {"hacerme dano", 0}, {"lastimarme", 0}, {"cortarme", 0}, {"ya no puedo mas", 0},
    {"no puedo mas", 0}, {"no aguanto mas", 0}, {"ya no aguanto", 0},
    {"no quiero despertar", 0}, {"quiero desaparecer", 0}, {"ojala no despertar", 0},
    {"adios para siempre", 0}, {"mejor muert*", 0},
    {"mejor sin mi", 0}, {"sobredosis", 0}, {"todas mis pastillas", 0},
    {"todas las pastillas", 0}, {"no vale la pena vivir", 0}, {"no tengo razon para vivir", 0},
    /* joined up, as typed without spaces or in full-width capitals */
    {"iwanttodie", 0}, {"wanttodie", 0}, {"wannadie", 0}, {"killmyself", 0},
    {"endmylife", 0}, {"quieromorir*", 0},
    /* more English ideation, direct and indirect */
    {"want to kill myself", 0}, {"kys", P_NOT_AFTER_NUM}, {"sewerslide", 0},
    {"sewer slide", 0}, {"ctb", 0},
    {"im a burden", 0}, {"i am a burden", 0}, {"such a burden", 0}, {"being a burden", 0},
    {"point of living", 0}, {"point in living", 0}, {"point of being alive", 0},
    {"point of life", 0}, {"tired of living", 0}, {"tired of being alive", 0},
    {"tired of life", 0}, {"sick of living", 0}, {"sick of being alive", 0},
    {"sleep forever", 0}, {"dont see a way out", 0}, {"cant see a way out", 0},
    {"no way out", 0}, {"thinking about dying", 0}, {"thinking of dying", 0},
    {"think about dying", 0}, {"thoughts of dying", 0}, {"thinking about death", 0},
    {"thoughts of death", 0}, {"done with life", 0}, {"done with living", 0},
    {"want to be gone", 0}, {"wish i could die", 0}, {"dont want to be around", 0},
    /* a plea for help: the specialist decides (plain HELP is the keyword) */
    {"help me", 0}, {"please help", 0}, {"need help", 0}, {"someone help", 0},
    {"somebody help", 0}, {"ayudame", 0}, {"necesito ayuda", 0}, {"auxilio", 0},
    /* plans and means */
    {"have a plan", 0}, {"made a plan", 0}, {"making a plan", 0}, {"got a plan", 0},
    {"wrote my note", 0}, {"wrote a note", 0}, {"goodbye note", 0}, {"goodbye letter", 0},
    {"bought a gun", 0}, {"got a gun", 0}, {"have a gun", 0}, {"loaded the gun", 0},
    {"gun loaded", 0}, {"gun is loaded", 0}, {"got a rope", 0}, {"bought a rope", 0},
    {"have a rope", 0}, {"noose", 0}, {"saving up my pills", 0}, {"saving my pills", 0},
    {"saved up my pills", 0}, {"saved up pills", 0}, {"stockpil*", 0}, {"picked the date", 0},
    {"picked a date", 0}, {"in front of a train", 0}, {"in front of a bus", 0},
    {"in front of a truck", 0}, {"drive my car off", 0}, {"crash my car", 0},
    {"drive off a", 0}, {"jump off", 0}, {"how im going to do it", 0},
    {"how im gonna do it", 0}, {"slit my", 0},
    /* self-harm and overdose */
    {"been cutting", 0}, {"burned myself", 0}, {"burn myself", 0}, {"burning myself", 0},
    {"want to cut", 0}, {"wanna cut", 0}, {"took a whole bottle", 0},
    {"took the whole bottle", 0}, {"took # pills", 0}, {"took like # pills", 0},
    {"took # of my pills", 0}, {"swallowed # pills", 0}, {"swallowed a bunch of pills", 0},
    {"swallowed a bottle", 0}, {"took all my meds", 0}, {"took all my medication", 0},
    {"took all of my pills", 0}, {"took all the meds", 0}, {"too many pills", 0},
    {"oding", 0},
    /* farewells */
    {"goodbye everyone", 0}, {"goodbye everybody", 0}, {"goodbye all", 0},
    {"bye everyone", 0}, {"tell my ? i love", 0}, {"tell my ? that i love", 0},
    {"tell them i love", 0}, {"please take care of my", 0}, {"my last message", 0},
    {"my last text", 0}, {"wont hear from me", 0}, {"never hear from me", 0},
    {"sorry for everything", 0}, {"wont be here tomorrow", 0}, {"wont be around", 0},
    /* Spanish, more */
    {"kiero morir*", 0}, {"me kiero matar", 0}, {"suicid*", 0}, {"soy una carga", 0},
    {"no le veo sentido", 0}, {"ya nada tiene sentido", 0}, {"no tiene sentido vivir", 0},
    {"cansad* de vivir", 0}, {"harto de vivir", 0}, {"harta de vivir", 0},
    {"y no despertar", 0}, {"no volver a despertar", 0}, {"dormir para siempre", 0},
    {"me corte", 0}, {"quiero cortarme", 0}, {"me quiero cortar", 0},
    {"me voy a cortar", 0}, {"me hice dano", 0}, {"me haria dano", 0}, {"me hare dano", 0},
    {"tengo un plan", 0}, {"la soga", 0}, {"una soga", 0}, {"una pistola", 0},
    {"me voy a colgar", 0}, {"colgarme", 0}, {"ahorcarme", 0}, {"me voy a tirar", 0},
    {"tirarme", 0}, {"aventarme", 0}, {"pegarme un tiro", 0}, {"darme un tiro", 0},
    {"adios a todos", 0}, {"cuiden a mis", 0}, {"cuida a mis", 0}, {"ultimo mensaje", 0},
    {"me tome todas", 0}, {"demasiadas pastillas", 0}, {"ya no quiero estar", 0},
    {"no quiero existir", 0}, {"me quiero ir para siempre", 0}, {"quiero matarme", 0},
    {"me quiero suicidar", 0}, {"ganas de matarme", 0}, {"me mato", 0},
    /* an emergency: the specialist decides (digits: see emergency_at) */
    /* gap phrases (".." : up to three words between) */
    {"taking .. own life", 0}, {"take .. own life", 0}, {"sewer slid*", 0},
    {"me voy para siempre", 0}, {"diganle a .. que .. quiero", 0}, {"dile a .. que .. quiero", 0},
    {"cuiden a mi", 0}, {"cuida a mi", 0}, {"cuiden de mi", 0}, {"esta es la despedida", 0},
    {"me pase de pastillas", 0}, {"me pase con las pastillas", 0},
    {"took too much", 0}, {"took way too much", 0}, {"took to much", 0}, {"tome demasiad*", 0},
    {"nadie me .. extranar", 0}, {"nadie me extranaria", 0}, {"nadie .. me extranaria", 0},
    {"no one .. miss me", 0}, {"nobody .. miss me", 0}, {"noone .. miss me", 0},
    {"no one .. notice if i", 0}, {"nobody .. notice if i", 0},
    {"take .. all .. pills", 0}, {"tomar .. todas .. pastillas", 0},
    {"end it .. tonight", 0}, {"acabar con todo", 0}, {"terminar con todo", 0},
    {"need an ambulance", 0}, {"call an ambulance", 0}, {"calling an ambulance", 0},
    {"called an ambulance", 0}, {"call me an ambulance", 0}, {"send an ambulance", 0},
    {"get an ambulance", 0}, {"in an ambulance", 0}, {"nine one one", 0},
    {"una ambulancia", 0}, {"llam* a la ambulancia", 0}, {"nueve uno uno", 0},
};

static const struct phrase relapse_phrases[] = {
    {"relaps*", 0}, {"i drank", 0}, {"drank again", 0}, {"drank last night", 0},
    {"been drinking", 0}, {"was drinking", 0}, {"started drinking", 0},
    {"drinking again", 0}, {"had a drink", 0}, {"had some drinks", 0},
    {"had a few drinks", 0}, {"had drinks", 0}, {"got drunk", 0}, {"got wasted", 0},
    {"got high", 0}, {"getting high", 0}, {"used again", 0}, {"using again", 0},
    {"i used", 0}, {"i slipped", 0}, {"had a slip", 0}, {"fell off the wagon", 0},
    {"picked up again", 0}, {"shot up", 0},
    {"recai*", 0}, {"volvi a tomar", 0}, {"volvi a beber", 0}, {"volvi a consumir", 0},
    {"volvi a usar", 0}, {"volvi a drogarme", 0}, {"estuve tomando", 0},
    {"estuve bebiendo", 0}, {"me emborrache", 0}, {"me drogue", 0},
    {"drank it", 0}, {"bought a bottle", 0}, {"back to day one", 0}, {"back to day 1", 0},
    {"back at day one", 0}, {"back at day 1", 0}, {"lost my sobriety", 0},
    {"broke my sobriety", 0}, {"lost my clean time", 0}, {"lost my clean date", 0},
    {"reset my sobriety", 0}, {"reset my clean date", 0}, {"did a line", 0},
    {"popped some pills", 0}, {"popped pills", 0}, {"popping pills", 0},
    {"popped a pill", 0}, {"i picked up", 0}, {"got loaded", 0}, {"got stoned", 0},
    {"got blackout", 0}, {"blacked out drunk", 0}, {"perdi mi sobriedad", 0},
    {"volvi a fumar", 0}, {"me puse pedo", 0}, {"me puse hasta atras", 0},
    /* out drinking, said as the outing: "me fui de farra", "anduve de peda" */
    {"me fui de farra", 0}, {"anduve de farra", 0}, {"andaba de farra", 0},
    {"estuve de farra", 0}, {"me fui de peda", 0}, {"anduve de peda", 0},
    {"andaba de peda", 0}, {"me fui de parranda", 0}, {"anduve de parranda", 0},
};

/* "smoked weed", "had a beer", "me tome unas cervezas": a use verb, then a
 * substance within three words of the same clause, raises relapse. */
static const char *const use_verbs[] = {
    "smoked", "smoking", "did", "used", "took", "snorted", "sniffed", "shot", "popped",
    "bought", "scored", "drank", "had", "hit", "copped", "tried",
    "tome", "fume", "use", "consumi", "meti", "compre", "bebi", "inhale",
};
static const char *const substances[] = {
    "weed", "pot", "meth", "crack", "coke", "cocaine", "heroin", "dope", "fentanyl", "fent",
    "oxy*", "perc*", "xanax", "xans", "molly", "ecstasy", "joint", "blunt", "acid", "lsd",
    "shrooms", "ketamine", "speed", "beer*", "wine", "vodka", "whiskey", "whisky", "tequila",
    "rum", "gin", "liquor", "booze", "alcohol", "shots", "drinks", "brew*", "cerveza*",
    "chela*", "vino", "mota", "coca", "cocaina", "heroina", "cristal", "piedra", "trago*",
    "pisto", "guaro",
};

/* Idioms that begin where a crisis or relapse phrase begins and cancel it.
 * Only unambiguous ones: when in doubt, escalate. */
static const struct phrase exceptions[] = {
    {"take my life back", 0}, {"taking my life back", 0}, {"took my life back", 0},
    {"killing myself laughing", 0}, {"killed myself laughing", 0}, {"kill myself laughing", 0},
    {"i used to", 0}, {"i slipped on", 0}, {"i slipped and", 0}, {"i drank water", 0},
    {"i drank some water", 0}, {"i drank coffee", 0}, {"i drank tea", 0},
    {"i drank juice", 0}, {"i drank a lot of water", 0},
    {"end it with", 0}, {"ending it with", 0}, {"end things with", 0},
    {"going to end it with", 0}, {"gonna end it with", 0}, {"want to end it with", 0},
    {"have a plan for", 0}, {"have a plan with", 0}, {"made a plan for", 0},
    {"made a plan with", 0}, {"need help with", 0}, {"help me with", 0},
    {"want to cut down", 0}, {"want to cut back", 0}, {"want to cut my hair", 0},
    {"jump off the couch", 0}, {"i picked up my", 0}, {"i picked up the", 0},
    {"i picked up a", 0}, {"i picked up some", 0}, {"i picked up extra", 0},
    /* a drink of something that is no drink of alcohol */
    {"had ? ? drinks of water", 0}, {"had ? drinks of water", 0}, {"had a drink of water", 0},
    {"had ? ? drinks of juice", 0}, {"had a drink of juice", 0},
};

/* Plain-language opt-outs, anywhere in the reply (US rules accept any
 * reasonable means). Not when negated: "please don't stop texting me". */
static const struct phrase optout_phrases[] = {
    {"stop texting", 0}, {"stop sending", 0}, {"stop messaging", 0}, {"stop contacting", 0},
    {"no more msgs", 0}, {"stop getting", 0}, {"dont text this number", 0}, {"unsub", 0},
    {"stop the daily", 0}, {"borren mi numero", 0}, {"stop .. messages", 0},
    {"stop .. texts", 0}, {"stop .. check ins", 0}, {"stop .. checkins", 0},
    {"no more .. texts", 0}, {"no more .. messages", 0}, {"ya no me .. mensajes", 0},
    {"stop txting", 0}, {"stop the texts", 0}, {"stop the messages", 0},
    {"stop these texts", 0}, {"stop these messages", 0},
    {"dont text me", 0}, {"do not text me", 0}, {"dont message me", 0},
    {"do not message me", 0}, {"dont contact me", 0}, {"do not contact me", 0},
    {"dont send me", 0}, {"do not send me", 0}, {"dont txt me", 0},
    {"no more texts", 0}, {"no more messages", 0}, {"no more txts", 0},
    {"remove me from", 0}, {"remove my number", 0},
    /* "take me off the list", but not "take me off the meds?" */
    {"take me off this", 0}, {"take me off your", 0}, {"take me off ur", 0},
    {"take me off the list", 0}, {"take me off of", 0}, {"take me off the texts", 0},
    {"take me off the messages", 0}, {"take my number off", 0},
    {"delete my number", 0}, {"opt out", 0}, {"optout", 0}, {"unsubscribe", 0},
    /* the texts, not "I don't want these feelings anymore" */
    {"stopall", 0}, {"dont want these texts", 0}, {"dont want these messages", 0},
    {"dont want these msgs", 0}, {"dont want these txts", 0}, {"dont want these check ins", 0},
    {"dont want these checkins", 0}, {"do not want these texts", 0},
    {"do not want these messages", 0},
    {"dont want to get these", 0}, {"dont want to receive", 0}, {"dont want any more texts", 0},
    {"dont want any more messages", 0},
    {"no me manden", 0}, {"no me envien", 0}, {"no me escriban", 0}, {"no me mandes", 0},
    {"dejen de escribirme", 0}, {"dejen de mandarme", 0}, {"dejen de enviarme", 0},
    {"deja de escribirme", 0}, {"deja de mandarme", 0}, {"no quiero recibir", 0},
    {"quitenme de la lista", 0}, {"sacame de la lista", 0}, {"darme de baja", 0},
    {"dar de baja", 0}, {"denme de baja", 0},
    /* more of the same kinds: "opt me out", "no more check-ins", "leave me
     * off the list", "sáquenme de la lista", "no más mensajes" */
    {"opt me out", 0}, {"no more check ins", 0}, {"no more checkins", 0},
    {"no more .. check ins", 0}, {"no more .. checkins", 0}, {"leave me off", 0},
    {"keep me off", 0}, {"off this list", 0}, {"off your list", 0}, {"off ur list", 0},
    {"saquenme de", 0}, {"sacame de", 0}, {"quitenme de", 0}, {"quitame de", 0},
    {"borrenme de", 0}, {"borrame de", 0}, {"eliminenme de", 0}, {"eliminame de", 0},
    {"ya no quiero .. mensajes", 0}, {"no quiero .. mensajes", 0}, {"basta de mensajes", 0},
    {"basta de .. mensajes", 0}, {"no mas mensajes", 0}, {"no mas .. mensajes", 0},
    {"no mas textos", 0}, {"cancelar .. suscripcion", 0}, {"cancel .. subscription", 0},
    {"no longer want .. texts", 0}, {"no longer want .. messages", 0},
    {"done with these texts", 0}, {"done with these messages", 0},
    {"done with the texts", 0}, {"done with the messages", 0},
    /* the program or its texts left in other words: "quit sending me
     * these", "i want out of this program", "lose my number", "cancel
     * these texts", "ya no quiero participar", "bórrenme" */
    {"quit sending", 0}, {"quit messaging", 0}, {"quit texting", 0}, {"quit txting", 0},
    {"want out of this", 0}, {"want out of these", 0}, {"want out of the program", 0},
    {"dont want to be in this program", 0}, {"dont want to be in the program", 0},
    {"dont want to do this program", 0}, {"no longer want these", 0},
    {"remove me please", 0}, {"remove me pls", 0}, {"please remove me", 0}, {"remove me", 0},
    {"lose my number", 0}, {"lose this number", 0}, {"cancel these", 0}, {"cancel the texts", 0},
    {"cancel the messages", 0}, {"unenroll me", 0}, {"unenroll", 0},
    {"dejen de escribir", 0}, {"dejen de mandar", 0}, {"dejen de enviar", 0},
    {"borrenme", 0}, {"borren mi", 0}, {"ya no quiero participar", 0},
    {"ya no quiero estar en el programa", 0}, {"ya no quiero estar en este programa", 0},
    {"no quiero estar en el programa", 0}, {"salirme del programa", 0},
    {"no quiero mas textos", 0}, {"no quiero mas .. mensajes", 0}, {"no quiero mas mensajes", 0},
};

/* Words, phrases and (as "~" tokens) emoji that describe a mood, with their
 * place on a 1-10 scale, mapped onto the reply's scale. M_FEEL: only after
 * a feeling word ("feeling down", not "calm down").
 *
 * The calibration. 5-6 is the middle of a 1-10 check-in: "ok" is neither
 * up nor down, so the words are placed by how far from "ok" they say the
 * day is, one step per degree, in both languages alike:
 *   10  the top, said as the top: perfect, best day (ever), on top of the world
 *    9  strong praise: amazing, great, awesome, excellent, wonderful,
 *       fantastic, incredible, genial, excelente, muy bien, super bien,
 *       de maravilla, de lujo
 *    8  clearly good: happy, feliz, content(o/a), blessed, grateful, chido
 *    7  good: good, gud, bien, bn, well (after a feeling word), tranquilo,
 *       much better, mucho mejor
 *    6  a little above ok: fine, decent, not bad, cant complain, no me quejo,
 *       better, mejor (better than before says up, not how far)
 *    5  the middle: ok, okay, alright, so-so, meh, mas o menos, regular,
 *       could be worse / better, hanging in there, getting by, ahi vamos,
 *       ahi la llevo, tirando, ni bien ni mal
 *    4  a little below: rough, blah, not great, been better, surviving,
 *       stressed, and after a feeling word tired, anxious, worried,
 *       cansado, ansioso, preocupado
 *    3  bad: bad, mal, sad, triste, crappy, lousy, sucks, worse, peor,
 *       overwhelmed, agobiado, bajon, and after a feeling word down, low, blue
 *    2  very bad: depressed, deprimido, awful, terrible, horrible, miserable,
 *       shitty, like trash, muy mal, fatal, del asco, un asco, de la chingada
 *    1  the bottom, said as the bottom: the worst, pesimo
 * Modifiers, applied in mood_word_candidate to the word after them:
 *   negation ("not", "no", "never" up to three words before): praise (9+)
 *       becomes 4 ("not great"), a good or middle word 3 ("not good",
 *       "not ok", "no tan bien"), a bad word 6 ("not bad", "no tan mal")
 *   an intensifier right before (really, rly, very, so, super, hella, way,
 *       much, extremely, muy, bastante, bien in "bien mal", re, mucho)
 *       moves the word one step away from the middle: "super good" 8,
 *       "really rough" 3, "way worse" 2, "bastante bien" 8; 9 stays 9 (10
 *       is only said), the middle (5) stays 5
 *   a hedge (pretty, kinda, sorta, a little, medio, un poco) changes
 *       nothing: "pretty good" is good, "kinda rough" rough.
 * Where both independent writers of the training sets (tests/corpus/train)
 * agreed, their value is used: the top words are 9, only "perfect" is 10. */
enum { M_FEEL = 0x100, M_VAL = 0xff };
static const struct phrase mood_phrases[] = {
    {"amazing", 9}, {"fantastic", 9}, {"excellent", 9}, {"perfect", 10}, {"awesome", 9},
    {"incredible", 9}, {"wonderful", 9}, {"excelente", 9}, {"increible", 9},
    {"maravillos*", 9}, {"fantastic*", 9}, {"great", 9}, {"genial", 9}, {"muy bien", 9},
    {"super bien", 9}, {"really good", 8}, {"very good", 8}, {"so good", 8}, {"happy", 8},
    {"feliz", 8}, {"content*", 8}, {"good", 7}, {"bien", 7}, {"well", 7 | M_FEEL},
    {"fine", 6}, {"decent", 6}, {"bn", 7}, {"de maravilla", 9}, {"maravilla", 9},
    {"de lujo", 9}, {"chido", 8}, {"chevere", 8}, {"bacano", 8}, {"gr 8", 9}, {"gud", 7},
    {"gd", 7}, {"fyn", 6}, {"maso", 5}, {"mui bien", 9}, {"re bien", 9}, {"mediocre", 4},
    {"crappy", 3}, {"shitty", 2}, {"like crap", 3}, {"like shit", 2}, {"alright", 5}, {"allright", 5}, {"ok", 5}, {"okay", 5},
    {"okey", 5}, {"so so", 5}, {"mas o menos", 5}, {"asi asi", 5}, {"regular", 5},
    {"meh", 5}, {"blah", 4}, {"sad", 3}, {"triste", 3}, {"bad", 3}, {"mal", 3},
    {"rough", 4}, {"down", 3 | M_FEEL}, {"low", 3 | M_FEEL}, {"blue", 3 | M_FEEL},
    {"depressed", 2}, {"deprimid*", 2}, {"awful", 2}, {"terrible", 2}, {"horrible", 2},
    {"miserable", 2}, {"muy mal", 2}, {"really bad", 2}, {"very bad", 2}, {"fatal", 2},
    {"the worst", 1}, {"pesimo", 1},
    /* the rest of the calibration above: the top and bottom said as such,
     * praise and thanks, comparisons, the middle said many ways, strain */
    {"best day", 10}, {"on top of the world", 10}, {"not the best", 4},
    {"awsome", 9}, {"awesom", 9}, {"terible", 2}, {"blessed", 8}, {"grateful", 8},
    {"tranquil*", 7}, {"cant complain", 6}, {"no me quejo", 6}, {"better", 6},
    {"mejor", 6}, {"been better", 4}, {"could be worse", 5}, {"could be better", 5},
    {"could be worst", 5}, {"hanging in there", 5}, {"hangin in there", 5},
    {"getting by", 5}, {"gettin by", 5}, {"okish", 5}, {"okayish", 5}, {"ok ish", 5},
    {"soso", 5}, {"average", 5}, {"ahi vamos", 5}, {"ahi la llevo", 5}, {"aqui nomas", 5},
    {"ahi nomas", 5}, {"tirando", 5}, {"ni bien ni mal", 5}, {"surviving", 4},
    {"stressed", 4}, {"estresad*", 4}, {"tired", 4 | M_FEEL}, {"anxious", 4 | M_FEEL},
    {"worried", 4 | M_FEEL}, {"cansad*", 4 | M_FEEL}, {"ansios*", 4 | M_FEEL},
    {"preocupad*", 4 | M_FEEL}, {"overwhelmed", 3}, {"agobiad*", 3}, {"lousy", 3},
    {"sucks", 3}, {"sucked", 3}, {"worse", 3}, {"peor", 3}, {"bajon", 3},
    {"bajonead*", 3}, {"like garbage", 2}, {"like trash", 2}, {"del asco", 2},
    {"un asco", 2}, {"de la chingada", 2}, {"de la fregada", 2},
};
/* Mood emoji -> 1-10. Faces only, and thumbs. */
static const struct {
    uint32_t cp;
    uint8_t v;
} mood_emoji[] = {
    {0x1F600, 9}, {0x1F603, 9}, {0x1F604, 9}, {0x1F601, 9}, {0x1F606, 9}, {0x1F929, 10},
    {0x1F60D, 9}, {0x1F970, 9}, {0x1F60A, 8}, {0x1F642, 8}, {0x263A, 8}, {0x1F60C, 7},
    {0x1F60E, 8}, {0x1F44D, 7}, {0x1F4AA, 7}, {0x1F610, 5}, {0x1F611, 5}, {0x1FAE4, 4},
    {0x1F615, 4}, {0x1F612, 4}, {0x1F641, 3}, {0x2639, 3}, {0x1F61F, 3}, {0x1F61E, 3},
    {0x1F614, 3}, {0x1F625, 3}, {0x1F613, 3}, {0x1F623, 3}, {0x1F630, 3}, {0x1F621, 3},
    {0x1F620, 3}, {0x1F44E, 3}, {0x1F622, 2}, {0x1F62D, 2}, {0x1F629, 2}, {0x1F62B, 2},
    {0x1F616, 2}, {0x1F494, 2},
};
/* Words right after a mood word that make it something else ("good
 * morning", "happy birthday", "fine with me"). */
static const char *const mood_next_excl[] = {
    "morning", "night", "nite", "afternoon", "evening", "luck", "job", "news", "birthday",
    "bday", "with", "to", "for", "at", "if", "noche", "tarde", "dia", "suerte", "so", "print",
    "off",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* Words right before a mood word that move it one step away from the
 * middle (the calibration above mood_phrases). */
static const char *const mood_intens[] = {
    "really", "rly", "rlly", "very", "so", "super", "hella", "way", "much", "extremely",
    "mad", "muy", "bastante", "re", "mucho", "bien", "sooo", "truly", "totally",
};

/* The operator's phrases of one kind are chained by the first two letters
 * of their first word (see bucket2), rebuilt on every reply_vocab_add. */
#define IDX_END 0xffffu
#define IDX_B1 28                /* second-letter buckets per first letter */
#define IDX_HEADS (27 * IDX_B1)
struct reply_vocab_list {
    struct phrase *ph; /* ph[k].p owned */
    size_t n, cap;
    uint16_t head[IDX_HEADS];
    uint16_t *next;    /* cap entries */
};
struct reply_vocab {
    struct reply_vocab_list lists[REPLY_VOCAB__COUNT];
};

/* The bucket of a word by its first two letters as the comparison sees
 * them (repeats collapsed): first a-z or 26 (anything else: "#", "?"),
 * second a-z, 26 for a one-letter word, 27 for anything else (a prefix
 * "a*", a digit). Tokens look in their own bucket and in the "27" one. */
static size_t bucket2(char c0, char c1)
{
    size_t b0 = c0 >= 'a' && c0 <= 'z' ? (size_t)(c0 - 'a') : 26;
    size_t b1 = c1 >= 'a' && c1 <= 'z' ? (size_t)(c1 - 'a') : (c1 == ' ' || c1 == '\0') ? 26 : 27;
    return b0 * IDX_B1 + b1;
}

static size_t pattern_bucket(const char *p)
{
    if (!(p[0] >= 'a' && p[0] <= 'z'))
        return bucket2(p[0], '*'); /* "#", "?": searched for every token */
    const char *q = p + 1;
    while (*q == p[0] && p[0] >= 'a' && p[0] <= 'z')
        q++; /* "kkill" compares as "kill" */
    if (*q == '*' && (q[1] == ' ' || q[1] == '\0'))
        return bucket2(p[0], '*'); /* "a*": any second letter */
    return bucket2(p[0], *q);
}

/* head[IDX_HEADS] and next[n] (of at least n entries) for list[0..n). */
static void index_fill(uint16_t *head, uint16_t *next, const struct phrase *list, size_t n)
{
    for (size_t c = 0; c < IDX_HEADS; c++)
        head[c] = IDX_END;
    /* back to front, so each chain keeps the list's order */
    for (size_t k = n; k-- > 0;) {
        size_t b = pattern_bucket(list[k].p);
        next[k] = head[b];
        head[b] = (uint16_t)k;
    }
}

/* All built-in phrase lists in one index, so a word is tried once against
 * the few phrases that can start with it, whatever their list: chained by
 * the first three letters of their first word as the comparison sees them
 * (repeats collapsed; shorter words by the whole word). A phrase whose
 * first word is a prefix of fewer than three letters, or starts with
 * anything but a letter, is tried for every word (there are none today).
 * Built once (call_once: safe if a later caller is threaded), read-only
 * afterwards. */
enum pk { PK_CRISIS, PK_RELAPSE, PK_EXCEPTION, PK_OPTOUT, PK_MOOD, PK_USE, PK__COUNT };
struct pentry {
    const char *p;
    unsigned flags; /* P_NOT_AFTER_NUM; for PK_MOOD its value and M_FEEL */
    uint8_t kind;   /* enum pk */
};
#define PKEYS (27 * 27 * 27)
#define PENTRIES                                                                        \
    (NELEM(crisis_phrases) + NELEM(relapse_phrases) + NELEM(exceptions) +                 \
     NELEM(optout_phrases) + NELEM(mood_phrases) + NELEM(use_verbs))
struct phrase_index {
    uint16_t head[PKEYS];
    uint16_t always;           /* chain tried for every word */
    uint16_t next[PENTRIES];
    struct pentry e[PENTRIES]; /* list by list, each in its order */
    size_t n;
};
static struct phrase_index pidx;
static once_flag idx_once = ONCE_FLAG_INIT;

/* The index key of a word: its first three letters (a-z -> 1-26, 0 past
 * its end). Returns PKEYS when a letter is not a-z (a '*' wildcard, a
 * short prefix): the word must be tried against everything. */
static size_t pkey(const char *t, size_t n)
{
    size_t key = 0, j = 0;
    for (size_t k = 0; k < 3; k++) {
        size_t c = 0;
        while (j > 0 && j < n && t[j] == t[j - 1])
            j++; /* "good" keys as "god", as its pattern does */
        if (j < n) {
            if (!(t[j] >= 'a' && t[j] <= 'z'))
                return PKEYS;
            c = (size_t)(t[j] - 'a' + 1);
            j++;
        }
        key = key * 27 + c;
    }
    return key;
}

/* The key of a pattern's first word, repeats collapsed ("kkill" is
 * "kil"); PKEYS for one tried for every word. */
static size_t pattern_key(const char *p)
{
    char w[3];
    size_t n = 0;
    for (; n < 3 && *p != ' ' && *p != '\0'; p++) {
        if (*p == '*')
            return PKEYS; /* a prefix of fewer than three letters */
        if (n > 0 && *p == w[n - 1])
            continue;
        w[n++] = *p;
    }
    return pkey(w, n);
}

static void index_add(const struct phrase *list, size_t n, enum pk kind)
{
    for (size_t k = 0; k < n; k++)
        pidx.e[pidx.n++] = (struct pentry){list[k].p, list[k].flags, (uint8_t)kind};
}

static void index_build_all(void)
{
    static struct phrase uses[NELEM(use_verbs)];
    for (size_t k = 0; k < NELEM(use_verbs); k++)
        uses[k] = (struct phrase){use_verbs[k], 0};
    pidx.n = 0;
    index_add(crisis_phrases, NELEM(crisis_phrases), PK_CRISIS);
    index_add(relapse_phrases, NELEM(relapse_phrases), PK_RELAPSE);
    index_add(exceptions, NELEM(exceptions), PK_EXCEPTION);
    index_add(optout_phrases, NELEM(optout_phrases), PK_OPTOUT);
    index_add(mood_phrases, NELEM(mood_phrases), PK_MOOD);
    index_add(uses, NELEM(uses), PK_USE);
    for (size_t c = 0; c < PKEYS; c++)
        pidx.head[c] = IDX_END;
    pidx.always = IDX_END;
    for (size_t k = pidx.n; k-- > 0;) { /* back to front: chains keep list order */
        size_t key = pattern_key(pidx.e[k].p);
        uint16_t *h = key == PKEYS ? &pidx.always : &pidx.head[key];
        pidx.next[k] = *h;
        *h = (uint16_t)k;
    }
}

_Static_assert(PENTRIES < IDX_END, "phrase_index.next holds 16-bit entries");

/* Words that negate a phrase up to three words after them. */
static const char *const negators[] = {
    "not",   "no",    "never", "dont",  "doesnt", "didnt",  "wont",    "wouldnt",
    "isnt",  "arent", "aint",  "wasnt", "werent", "havent", "hasnt",   "hadnt",
    "nor",   "nunca", "jamas", "tampoco", "ni",
};
/* Words that end the reach of a negation, like a clause break. */
static const char *const contrasts[] = {"but", "pero", "though", "although", "however", "sino"};

static const char *const stop_words[] = {"stop", "stp", "stopall", "unsubscribe", "cancel", "end",
                                         "quit", "revoke", "optout", "baja", "alto",
                                         "parar", "cancelar", "detener", "paren", "detengan"};
/* Those that mean only an opt-out, even at the end of a longer reply. */
static const char *const plain_stop_words[] = {"stop", "stopall", "unsubscribe", "optout",
                                               "baja", "parar", "paren"};
static const char *const start_words[] = {"start", "unstop"};
static const char *const help_words[] = {"help", "info", "ayuda"};
/* Politeness that may surround a STOP/START keyword. No "it", "all": "end
 * it all" and "stop it" must not opt anybody out. */
static const char *const fillers[] = {
    "please", "pls", "plz", "me", "now", "texting", "text", "texts", "txt", "txts",
    "txting", "messaging", "messages", "message", "msg", "msgs", "sending", "send", "to",
    "thanks", "thank", "you", "thx", "ty", "u", "ok", "okay", "again", "asap", "just",
    "immediately", "por", "favor", "porfa", "gracias", "ya", "mensajes", "de",
    "subscription", "suscripcion", "mi", "my",
};

/* Words near a number that make it a mood score. */
static const char *const mood_words[] = {
    "feeling", "feel", "feelin", "felt", "im", "am", "mood", "rate", "rating", "score",
    "solid", "honestly", "prob", "probably", "maybe", "about", "around", "like", "at",
    "today", "estoy", "siento", "animo", "soy", "como", "doing", "going", "ando", "been",
    "now", "doin", "say", "prolly", "solid", "kinda", "sorta",
};
static const char *const mood_after[] = {"today", "tonight", "rn", "now", "atm", "overall",
                                         "though", "tho", "2day", "hoy dia", "neta", "la neta",
                                         "fr", "tbh", "ngl",
                                         "hoy", "ish", "i guess", "i think", "i suppose",
                                         "honestly", "maybe", "probably", "creo"};
/* A word right after a number that makes it a count, not a score. */
static const char *const units[] = {
    "hour*", "hr*", "h", "min*", "sec*", "day*", "week*", "wk*", "month*", "year*", "yr*",
    "am", "pm", "oclock", "time*", "x", "kid*", "child*", "people", "person*", "friend*",
    "beer*", "drink*", "shot*", "pill*", "mg", "ml", "oz", "lb*", "pound*", "kg", "mile*",
    "job*", "kilometro*", "credit*", "interview*", "load*", "application*",
    "km*", "k", "step*", "meeting*", "dollar*", "buck*", "cup*", "glass*", "bottle*",
    "thing*", "more", "of", "th", "st", "nd", "rd", "hora*", "dia*", "semana*", "mes*",
    "ano*", "vez", "veces", "hijo*", "nino*", "cerveza*", "trago*", "pastilla*",
    /* text-speak: "want 2 die", "need 2 go" */
    "die", "be", "go", "do",
};
/* A word right before a number that makes it a time, a count or an id. */
static const char *const num_prev_excl[] = {
    "at", "day", "dia", "week", "since", "room", "number", "num", "step", "ack", "page", "from",
    "x", "turned", "turns", "turning", "age", "aged", "cumple", "cumplio", "cumplir",
    "thx", "thanks", "thank", "ty",
    "bus", "route", "exit", "apt", "chapter", "until", "til", "till", "by", "before",
    "after", "las", "plan",
};
/* Number words. "un"/"una" are left out: they mostly mean "a". */
struct numword {
    const char *w;
    int v;
};
static const struct numword numwords[] = {
    {"zero", 0}, {"one", 1},   {"two", 2},    {"three", 3},  {"four", 4},  {"five", 5},
    {"six", 6},  {"seven", 7}, {"eight", 8},  {"nine", 9},   {"ten", 10},  {"cero", 0},
    {"uno", 1},  {"dos", 2},   {"tres", 3},   {"cuatro", 4}, {"cinco", 5}, {"seis", 6},
    {"siete", 7}, {"ocho", 8}, {"sevn", 7}, {"sinco", 5}, {"nueve", 9},  {"diez", 10},
};
/* Number words are common outside scores ("no one", "one of those days"):
 * they also count only without these around them. */
static const char *const numword_prev_excl[] = {"the", "no", "that", "this", "which",
                                                "any", "every", "each", "el", "la", "ni"};
static const char *const numword_next_excl[] = {"another", "other", "who", "that", "at",
                                                "by", "on", "last", "y", "and"};

/* ---- token buffer ---------------------------------------------------------- */

/* Token kinds: enum tk (reply_concepts.h). TK_EMO: a mood emoji, written "~"
 * and a letter ('a' + its 1-10 value). */
/* A censored letter ("k*ll") on its way to the token line, where it is '*'.
 * Raw control bytes never reach the token builder (feed_byte). */
#define WILD 0x01
/* The separator of two tokens written with nothing between them, a number
 * and a word ("2day", "b4", "l8r"): such a number is part of a word. */
#define GLUE '\v'

struct scan {
    /* options */
    double smin, smax;
    /* tokens of the current chunk: "w1 w2 w3", each token's start and length */
    char w[W_MAX];
    size_t len;
    uint16_t toff[MAX_TOKS], tlen[MAX_TOKS];
    size_t ntok;
    size_t own_from;   /* tokens before this were scanned with the previous chunk */
    bool first_chunk;
    /* builder state */
    enum tk cur;       /* kind of the token being written, TK_NONE between tokens */
    size_t cur_start;
    enum tk last;      /* kind of the last finished token */
    bool cur_point;    /* the number being written has a decimal point */
    bool cur_joined;   /* the word being written was joined from spaced letters */
    char swallow;      /* a letter repeated three times or more: the rest of its run */
    char pending;      /* '.', ',' or '-' waiting for the next byte */
    /* de-obfuscation ahead of the token builder (see feed_byte) */
    unsigned char leet[3];   /* held '1', '$', '!', '*'... that may stand for letters */
    int nleet;
    bool prev_letter;        /* the last byte passed on was a letter */
    unsigned char gap[4];    /* held separators after a spaced letter ("k i l l") */
    int ngap;
    unsigned char held;      /* a held single letter after the gap */
    uint32_t u8cp;           /* a UTF-8 sequence being decoded (emoji) */
    int u8need;
    const struct reply_vocab *vocab;
    /* findings */
    unsigned crisis_n, crisis_neg, relapse_n, relapse_neg;
    struct concept_findings cf; /* the concept rules', and context */
    uint32_t reasons;
    bool have_best;
    int best_rank;
    double best_val;
    bool best_oor;
    int word_val;            /* best mood word or emoji, 1-10, or 0 */
    int word_rank;
    size_t mood_skip;        /* tokens before this belong to a mood phrase already seen */
    enum reply_intent kw;
    int64_t ack_id;
};

static void chunk_scan(struct scan *sc, bool final);

static void tok_begin(struct scan *sc, enum tk kind)
{
    if (sc->len > 0)
        sc->w[sc->len++] = ' ';
    sc->cur = kind;
    sc->cur_start = sc->len;
    sc->cur_point = false;
    sc->cur_joined = false;
}

/* Finishes the current token; scans the buffer when it is nearly full.
 * Only called between tokens, so a flush never cuts one. */
static void tok_end(struct scan *sc)
{
    if (sc->cur == TK_NONE)
        return;
    sc->last = sc->cur;
    sc->cur = TK_NONE;
    if (sc->len >= W_FLUSH)
        chunk_scan(sc, false);
}

/* A one-character token: a symbol or a clause break (never two breaks in
 * a row, never one first). */
static void tok_single(struct scan *sc, enum tk kind, char c)
{
    tok_end(sc);
    if (kind == TK_BRK && (sc->last == TK_BRK || sc->len == 0))
        return;
    tok_begin(sc, kind);
    sc->w[sc->len++] = c;
    tok_end(sc);
}

static void tok_char(struct scan *sc, enum tk kind, char c)
{
    if (sc->cur != kind) {
        bool glued = (sc->cur == TK_WORD && kind == TK_NUM) || (sc->cur == TK_NUM && kind == TK_WORD);
        tok_end(sc);
        tok_begin(sc, kind);
        if (glued && sc->cur_start > 0)
            sc->w[sc->cur_start - 1] = GLUE; /* "2day", "b4": see glued() */
    } else if (sc->len - sc->cur_start >= TOK_MAX) {
        tok_end(sc);
        tok_begin(sc, kind);
    }
    sc->w[sc->len++] = c;
}

/* Settles a pending '.', ',' or '-' now that byte c follows it. */
static void resolve_pending(struct scan *sc, unsigned char c)
{
    char p = sc->pending;
    bool digit = c >= '0' && c <= '9';
    sc->pending = 0;
    if (p == '.' || p == ',') {
        /* we are still inside a number */
        if (digit) {
            sc->w[sc->len++] = p; /* decimal mark ("6.5", "6,5") */
            sc->cur_point = true;
        } else {
            tok_single(sc, TK_BRK, '|');
        }
        return;
    }
    /* '-': "6-7" and "6 - 7" are ranges, "-3" and "feeling -3" negative,
     * "rough - 3" a dash. */
    if (sc->last == TK_NUM && sc->cur == TK_NONE) {
        tok_single(sc, TK_SYM, '-');
    } else if (digit) {
        tok_end(sc);
        tok_begin(sc, TK_NUM);
        sc->w[sc->len++] = '-';
    }
}

static int emoji_value(uint32_t cp)
{
    for (size_t k = 0; k < NELEM(mood_emoji); k++)
        if (mood_emoji[k].cp == cp)
            return mood_emoji[k].v;
    return 0;
}

/* A byte of a multi-byte UTF-8 character (the normaliser's output is
 * valid): a mood emoji becomes a TK_EMO token, anything else separates. */
static void tok_utf8(struct scan *sc, unsigned char c)
{
    if (c >= 0xc0) {
        sc->u8need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
        sc->u8cp = c & (c >= 0xf0 ? 0x07u : c >= 0xe0 ? 0x0fu : 0x1fu);
        tok_end(sc);
        return;
    }
    if (sc->u8need == 0)
        return;
    sc->u8cp = (sc->u8cp << 6) | (c & 0x3fu);
    if (--sc->u8need > 0)
        return;
    int v = emoji_value(sc->u8cp);
    if (v > 0) {
        tok_begin(sc, TK_EMO);
        sc->w[sc->len++] = '~';
        sc->w[sc->len++] = (char)('a' + v - 1);
        tok_end(sc);
    }
}

/* Appends one byte of normalised, de-obfuscated text to the token line. */
static void tok_byte(struct scan *sc, unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c - 'A' + 'a');
    if (sc->pending)
        resolve_pending(sc, c);

    if (c == WILD) {
        /* a censored letter ("k*ll"): a '*' in the word, see word_match */
        if (!(sc->cur == TK_WORD && sc->w[sc->len - 1] == '*'))
            tok_char(sc, TK_WORD, '*');
        return;
    }
    if (c >= 'a' && c <= 'z') {
        /* Real double letters stay ("good" is not "god", "odd" not "OD");
         * a run of three or more is emphasis and reads as one letter
         * ("diiiie" -> "die", "sooo" -> "so"). */
        if (sc->cur == TK_WORD && sc->swallow == (char)c)
            return;
        sc->swallow = 0;
        if (sc->cur == TK_WORD && sc->len >= sc->cur_start + 2 && sc->w[sc->len - 1] == (char)c &&
            sc->w[sc->len - 2] == (char)c) {
            sc->len--;
            sc->swallow = (char)c;
            return;
        }
        tok_char(sc, TK_WORD, (char)c);
    } else if (c >= '0' && c <= '9') {
        tok_char(sc, TK_NUM, (char)c);
    } else if (c == '\'' || c == '`') {
        /* "don't" -> "dont"; but "OD'd" must not become "odd" */
        if (sc->cur == TK_WORD && sc->len - sc->cur_start == 2 &&
            memcmp(sc->w + sc->cur_start, "od", 2) == 0)
            sc->w[sc->len++] = 'e';
    } else if (c == '.' || c == ',') {
        if (sc->cur == TK_NUM && !sc->cur_point)
            sc->pending = (char)c;
        else
            tok_single(sc, TK_BRK, '|');
    } else if (c == '-') {
        tok_end(sc);
        sc->pending = '-';
    } else if (c == '/' || c == ':') {
        bool after_num = sc->cur == TK_NUM || (sc->cur == TK_NONE && sc->last == TK_NUM);
        if (after_num)
            tok_single(sc, TK_SYM, (char)c);
        else if (c == ':')
            tok_single(sc, TK_BRK, '|');
        else
            tok_end(sc);
    } else if (c == '%') {
        tok_single(sc, TK_SYM, '%');
    } else if (c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r' || c == '(' ||
               c == ')') {
        tok_single(sc, TK_BRK, '|');
    } else if (c >= 0x80) {
        tok_utf8(sc, c);
    } else {
        tok_end(sc); /* space, other punctuation */
    }
}

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Spaced-out letters: "k i l l", "s.u.i.c.i.d.e", "d-i-e" are one word.
 * After a word of one letter (or one already joined), separators are held;
 * a single letter after them joins the word, anything else (a longer word,
 * a digit, the end) lets the held bytes through unchanged. */
static void gap_release(struct scan *sc)
{
    for (int k = 0; k < sc->ngap; k++)
        tok_byte(sc, sc->gap[k]);
    sc->ngap = 0;
}

/* The joined word being written starts with a letter that is a word of its
 * own ("I r e l a p s e d" reads "irelapsed"): its separator becomes a tab,
 * so chunk_scan also tries the phrases on the rest of it. */
static void mark_lone_first(struct scan *sc)
{
    char f = sc->w[sc->cur_start];
    if (sc->cur_joined || !(f == 'i' || f == 'a' || f == 'y' || f == 'o'))
        return;
    if (sc->cur_start == 0) {
        memmove(sc->w + 1, sc->w, sc->len);
        sc->len++;
        sc->cur_start = 1;
    }
    sc->w[sc->cur_start - 1] = '\t';
}

static bool gap_is_stars(const struct scan *sc)
{
    for (int k = 0; k < sc->ngap; k++)
        if (sc->gap[k] != '*')
            return false;
    return sc->ngap > 0;
}

static void spaced_byte(struct scan *sc, unsigned char c)
{
    if (sc->held) {
        unsigned char l = sc->held;
        sc->held = 0;
        if (gap_is_stars(sc)) {
            /* "k*ll", "d*e", "s*u*i*c*i*d*e": stars between single letters
             * are censored letters or separators; a wildcard is both */
            sc->ngap = 0;
            tok_byte(sc, WILD);
            tok_byte(sc, l);
            mark_lone_first(sc);
            sc->cur_joined = true;
        } else if (is_letter(c)) {
            gap_release(sc); /* "i want": a word starts, nothing to join */
            tok_byte(sc, l);
        } else {
            sc->ngap = 0; /* the separators vanish: "k i" -> "ki" */
            tok_byte(sc, l);
            mark_lone_first(sc);
            sc->cur_joined = true;
        }
    } else if (sc->ngap > 0) {
        if (is_letter(c)) {
            sc->held = c;
            return;
        }
        if (!(c == ' ' || c == '.' || c == '-' || c == '_' || c == '*') ||
            sc->ngap == (int)sizeof sc->gap)
            gap_release(sc);
    }
    bool joinable = sc->cur == TK_WORD && (sc->len - sc->cur_start == 1 || sc->cur_joined);
    if (joinable && (c == ' ' || c == '.' || c == '-' || c == '_' || c == '*') &&
        sc->ngap < (int)sizeof sc->gap) {
        sc->gap[sc->ngap++] = c;
        return;
    }
    tok_byte(sc, c);
}

/* Letters written as digits or symbols: "su1cide", "k1ll", "$uicidal",
 * "d!e", "su*cide" (a censored letter: WILD). Only between letters (or, for
 * '$' and '@', before one), so "covid 19", "5ish" and "$5" are left alone;
 * a run of up to three ("k!!ll") counts. */
static unsigned char leet_letter(unsigned char c)
{
    switch (c) {
    case '*': return WILD;
    case '0': return 'o';
    case '1': case '!': return 'i';
    case '3': return 'e';
    case '4': case '@': return 'a';
    case '5': case '$': return 's';
    case '7': return 't';
    default: return 0;
    }
}

static void feed_byte(struct scan *sc, unsigned char c)
{
    if (c < 0x20 && c != '\n' && c != '\r')
        c = ' '; /* control bytes separate; WILD is the parser's own */
    if (sc->nleet > 0) {
        if (leet_letter(c) && sc->nleet < (int)sizeof sc->leet) {
            sc->leet[sc->nleet++] = c; /* "k!!ll" */
            return;
        }
        bool letter = is_letter(c);
        for (int k = 0; k < sc->nleet; k++)
            spaced_byte(sc, letter ? leet_letter(sc->leet[k]) : sc->leet[k]);
        sc->nleet = 0;
        sc->prev_letter = letter;
    }
    /* '*' after a lone letter ("k*ll", "k*i*l*l") is left to spaced_byte */
    bool lone = sc->cur == TK_WORD && (sc->len - sc->cur_start == 1 || sc->cur_joined);
    if (leet_letter(c) && (sc->prev_letter || c == '$' || c == '@') &&
        !(c == '*' && (lone || sc->ngap > 0 || sc->held))) {
        sc->leet[sc->nleet++] = c;
        return;
    }
    sc->prev_letter = is_letter(c);
    spaced_byte(sc, c);
}

/* The end of the text: lets every held byte through and ends the last
 * token. */
static void feed_end(struct scan *sc)
{
    feed_byte(sc, ' ');
    gap_release(sc);
    tok_byte(sc, ' ');
}

/* ---- normalisation ------------------------------------------------------- */

struct norm {
    uint8_t seg[SEG_MAX];
    size_t seglen;
    bool nonascii;
    utf8proc_int32_t cps[CP_MAX];
};

/* Normalises UTF-8 s[0..n) (valid) and feeds the result. Returns 0, or -1
 * if it did not fit in cps (the caller then goes character by character). */
static int norm_run(struct norm *nm, struct scan *sc, const uint8_t *s, size_t n)
{
    utf8proc_ssize_t k = utf8proc_decompose(s, (utf8proc_ssize_t)n, nm->cps, CP_MAX, NORM_OPTS);
    if (k < 0 || k > CP_MAX)
        return -1;
    k = utf8proc_reencode(nm->cps, k, NORM_OPTS);
    if (k < 0)
        return -1;
    const uint8_t *out = (const uint8_t *)nm->cps;
    for (utf8proc_ssize_t i = 0; i < k; i++)
        feed_byte(sc, out[i]);
    return 0;
}

static void seg_flush(struct norm *nm, struct scan *sc)
{
    if (nm->seglen == 0)
        return;
    if (!nm->nonascii) {
        /* ASCII is its own NFKC form; feed_byte lower-cases it */
        for (size_t i = 0; i < nm->seglen; i++)
            feed_byte(sc, nm->seg[i]);
    } else if (norm_run(nm, sc, nm->seg, nm->seglen) != 0) {
        /* Expanded too much (a few characters expand 18-fold): one
         * character at a time; only composition across them is lost. */
        size_t i = 0;
        while (i < nm->seglen) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t l = utf8proc_iterate(nm->seg + i, (utf8proc_ssize_t)(nm->seglen - i), &cp);
            if (l <= 0)
                l = 1;
            if (norm_run(nm, sc, nm->seg + i, (size_t)l) != 0)
                feed_byte(sc, ' ');
            i += (size_t)l;
        }
    }
    nm->seglen = 0;
    nm->nonascii = false;
}

/* Decodes text, replacing invalid bytes and NULs by spaces, and hands it
 * to the normaliser in segments. */
static void norm_text(struct norm *nm, struct scan *sc, const uint8_t *s, size_t len)
{
    size_t i = 0;
    nm->seglen = 0;
    nm->nonascii = false;
    while (i < len) {
        if (s[i] < 0x80) {
            /* before an ASCII byte is a safe place to cut */
            if (nm->seglen >= SEG_SOFT)
                seg_flush(nm, sc);
            nm->seg[nm->seglen++] = s[i] ? s[i] : ' ';
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        size_t rem = len - i;
        utf8proc_ssize_t l = utf8proc_iterate(s + i, (utf8proc_ssize_t)(rem < 4 ? rem : 4), &cp);
        if (nm->seglen + 4 > SEG_MAX)
            seg_flush(nm, sc);
        if (l <= 0) {
            nm->seg[nm->seglen++] = ' ';
            i++;
            continue;
        }
        memcpy(nm->seg + nm->seglen, s + i, (size_t)l);
        nm->seglen += (size_t)l;
        nm->nonascii = true;
        i += (size_t)l;
    }
    seg_flush(nm, sc);
}

/* ---- token helpers ------------------------------------------------------- */

/* Past the last token is the end of the message: a clause break. Callers
 * look one token ahead ("6 and a half"); toff[] beyond ntok is not set. */
static enum tk tkind(const struct scan *sc, size_t i)
{
    return i < sc->ntok ? token_kind(sc->w, sc->toff, sc->tlen, i) : TK_BRK;
}

/* Token text t[0..n) (letters already collapsed) against the pattern word
 * at p, in plain spelling, which ends at a space or the NUL; a final '*'
 * makes it a prefix ("suicid*"). Returns the end of the pattern word on a
 * match, else NULL. Walks both at once and stops at the first difference:
 * this is the parser's innermost loop. */
static const char *wild_match(const char *t, size_t n, const char *p, char prev, int *budget);

/* Two real words that read alike once double letters are collapsed: the
 * token never stands for the pattern word ("god" is not "good", "odd" is
 * not "OD"). */
static bool confusable(const char *t, size_t n, const char *pw)
{
    static const char *const pairs[][2] = {{"god", "good"}, {"odd", "od"}, {"gods", "goods"}};
    if (n < 3 || n > 4 || (t[0] != 'g' && t[0] != 'o'))
        return false; /* no token of the pairs: the innermost loop's common case */
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        size_t l = strlen(pairs[k][1]);
        if (strlen(pairs[k][0]) == n && memcmp(t, pairs[k][0], n) == 0 &&
            strncmp(pw, pairs[k][1], l) == 0 && (pw[l] == ' ' || pw[l] == '\0'))
            return true;
    }
    return false;
}

static const char *word_match_walk(const char *t, size_t n, const char *p)
{
    size_t i = 0;
    char prev = 0;
    const char *pw = p;
    /* both sides compare with repeated letters read once ("kiil" and
     * "kill" are "kil") */
    for (;; p++) {
        char c = *p;
        if (c == ' ' || c == '\0') {
            while (i < n && t[i] == prev && prev >= 'a' && prev <= 'z')
                i++;
            if (i == n && !confusable(t, n, pw))
                return p;
            break;
        }
        if (c == 'g' && prev == 'n' && i == n && n >= 4 && t[n - 2] == 'i' &&
            (p[1] == ' ' || p[1] == '\0')) {
            return p + 1; /* "endin", "killin": the g dropped */
        }
        if (c == '*' && (p[1] == ' ' || p[1] == '\0'))
            return p + 1;
        if (c == prev && c >= 'a' && c <= 'z')
            continue;
        while (i < n && t[i] == prev && t[i] != c && prev >= 'a' && prev <= 'z')
            i++;
        if (i >= n || t[i] != c)
            break;
        prev = c;
        i++;
    }
    if (i < n && t[i] == '*') {
        int budget = 256;
        return wild_match(t + i, n - i, p, prev, &budget);
    }
    return NULL;
}

/* word_match itself: most calls differ at the first letter, said here
 * before the walk (a pattern letter against a token's other first letter,
 * and no censoring star, is no match whatever follows). */
static inline const char *word_match(const char *t, size_t n, const char *p)
{
    if (p[0] >= 'a' && p[0] <= 'z' && n > 0 && t[0] != p[0] && t[0] != '*')
        return NULL;
    return word_match_walk(t, n, p);
}

/* The slow path of word_match, for a token with censored letters ("k*l",
 * "s*u*i*c*i*d*e"): each '*' stands for one letter of the pattern or for
 * none, and a letter repeated across one ("l*l") reads once. prev is the
 * last pattern letter matched. budget bounds the backtracking (a token of
 * many stars gives up: a miss, never a hang). */
static const char *wild_match(const char *t, size_t n, const char *p, char prev, int *budget)
{
    if (--*budget < 0)
        return NULL;
    while (*p == prev && prev >= 'a' && prev <= 'z')
        p++;
    char c = *p;
    if (c == '*' && (p[1] == ' ' || p[1] == '\0'))
        return p + 1;
    if (c == ' ' || c == '\0') {
        while (n > 0 && (*t == '*' || *t == prev)) {
            t++;
            n--;
        }
        return n == 0 ? p : NULL;
    }
    if (n == 0)
        return NULL;
    if (*t == '*') {
        const char *e = wild_match(t + 1, n - 1, p + 1, c, budget);
        return e != NULL ? e : wild_match(t + 1, n - 1, p, prev, budget);
    }
    if (*t == c)
        return wild_match(t + 1, n - 1, p + 1, c, budget);
    if (*t == prev)
        return wild_match(t + 1, n - 1, p, prev, budget);
    return NULL;
}

/* Token i against one pattern word (may end in '*'). */
static bool tok_is(const struct scan *sc, size_t i, const char *p)
{
    return i < sc->ntok && word_match(sc->w + sc->toff[i], sc->tlen[i], p) != NULL;
}

static bool tok_in(const struct scan *sc, size_t i, const char *const *list, size_t n)
{
    if (i >= sc->ntok || tkind(sc, i) != TK_WORD)
        return false;
    char c = sc->w[sc->toff[i]];
    for (size_t k = 0; k < n; k++)
        if (list[k][0] == c && tok_is(sc, i, list[k]))
            return true;
    return false;
}

static bool tok_sym(const struct scan *sc, size_t i, char c)
{
    return i < sc->ntok && sc->tlen[i] == 1 && sc->w[sc->toff[i]] == c;
}

/* If phrase pat matches at token i, returns the index after it, else 0. */
static size_t phrase_at(const struct scan *sc, size_t i, const char *pat)
{
    const char *p = pat;
    size_t j = i;
    for (;;) {
        const char *e;
        if (j >= sc->ntok)
            return 0;
        if (p[0] == '.' && p[1] == '.' && p[2] == ' ') {
            /* "take .. pills": up to three words of the clause may stand
             * between ("take all of the pills") */
            for (size_t gap = 0; gap <= 3 && j + gap < sc->ntok; gap++) {
                if (gap > 0 && tkind(sc, j + gap - 1) != TK_WORD)
                    break;
                size_t end = phrase_at(sc, j + gap, p + 3);
                if (end != 0)
                    return end;
            }
            return 0;
        }
        if ((p[0] == '#' || p[0] == '?') && (p[1] == ' ' || p[1] == '\0')) {
            if (tkind(sc, j) != (p[0] == '#' ? TK_NUM : TK_WORD))
                return 0;
            e = p + 1;
        } else if ((e = word_match(sc->w + sc->toff[j], sc->tlen[j], p)) == NULL) {
            return 0;
        }
        j++;
        if (*e == '\0')
            return j;
        p = e + 1;
        while (j < sc->ntok && tkind(sc, j) == TK_EMO)
            j++; /* "want to 😭 die" */
        if (j < sc->ntok && tkind(sc, j) == TK_BRK)
            j++; /* "want to... die" */
    }
}

/* First phrase of list (chained by head/next, see index_fill) matching at
 * token i, or NULL; *end is the token after it. */
static const struct phrase *match_chain(const struct scan *sc, size_t i,
                                        const struct phrase *list, const uint16_t *head,
                                        const uint16_t *next, size_t *end)
{
    const char *t = sc->w + sc->toff[i];
    size_t second = 1;
    while (second < sc->tlen[i] && t[second] == t[0])
        second++; /* "aaron" is bucketed as "aron", as patterns are */
    char c1 = second < sc->tlen[i] ? t[second] : '\0';
    size_t firsts[2] = {bucket2(t[0], 'a') / IDX_B1, 26}, seconds[2];
    size_t b = bucket2(t[0], c1) % IDX_B1;
    seconds[0] = b;
    seconds[1] = 27;
    /* a censored second letter ("k*ll") may be any */
    bool wild2 = c1 == '*';
    for (int f = firsts[0] == 26 ? 1 : 0; f < 2; f++) {
        for (size_t g = 0; g < (wild2 ? (size_t)IDX_B1 : 2); g++) {
            uint16_t k = head[firsts[f] * IDX_B1 + (wild2 ? g : seconds[g])];
            for (; k != IDX_END; k = next[k]) {
                if ((list[k].flags & P_NOT_AFTER_NUM) && i > 0 && tkind(sc, i - 1) == TK_NUM)
                    continue;
                size_t e = phrase_at(sc, i, list[k].p);
                if (e != 0) {
                    if (end != NULL)
                        *end = e;
                    return &list[k];
                }
            }
        }
    }
    return NULL;
}

/* What the built-in lists say about the phrases starting at a word. */
struct hits {
    bool kind[PK__COUNT];
    unsigned mood;   /* the first mood phrase's flags (value, M_FEEL) */
    size_t mood_end; /* the token after it */
};

/* Tries word token i against the built-in phrases of the kinds in `want`
 * (bits 1 << enum pk), each phrase at most once, and fills *h. */
static void match_builtin(const struct scan *sc, size_t i, unsigned want, struct hits *h)
{
    memset(h, 0, sizeof *h);
    size_t key = pkey(sc->w + sc->toff[i], sc->tlen[i]);
    bool after_num = i > 0 && tkind(sc, i - 1) == TK_NUM;
    /* a wildcard in the first letters ("k*ll"): every phrase */
    bool all = key == PKEYS;
    uint16_t k = all ? 0 : pidx.head[key];
    for (int pass = 0; pass < 2; pass++) {
        while (all ? k < pidx.n : k != IDX_END) {
            const struct pentry *e = &pidx.e[k];
            k = all ? (uint16_t)(k + 1) : pidx.next[k];
            if (!(want & (1u << e->kind)) || h->kind[e->kind])
                continue;
            if (e->kind != PK_MOOD && (e->flags & P_NOT_AFTER_NUM) && after_num)
                continue;
            size_t end = phrase_at(sc, i, e->p);
            if (end == 0)
                continue;
            h->kind[e->kind] = true;
            if (e->kind == PK_MOOD) {
                h->mood = e->flags;
                h->mood_end = end;
            }
        }
        if (all)
            break;
        k = pidx.always;
    }
}

/* The operator's phrases of one kind matching at token i, or NULL. */
static const struct phrase *match_vocab(const struct scan *sc, size_t i,
                                        enum reply_vocab_kind kind)
{
    const struct reply_vocab_list *l;
    if (sc->vocab == NULL || (l = &sc->vocab->lists[kind])->n == 0)
        return NULL;
    return match_chain(sc, i, l->ph, l->head, l->next, NULL);
}

/* True if a negator stands up to `reach` words before token i, within its
 * clause. */
static bool negated_within(const struct scan *sc, size_t i, size_t reach)
{
    for (size_t k = 1; k <= reach && k <= i; k++) {
        size_t j = i - k;
        enum tk kd = tkind(sc, j);
        if (kd == TK_BRK || tok_in(sc, j, contrasts, NELEM(contrasts)))
            return false;
        if (tok_in(sc, j, negators, NELEM(negators)))
            return true;
    }
    return false;
}

/* Four words: "no estoy pensando en matarme" */
static bool negated_at(const struct scan *sc, size_t i)
{
    return negated_within(sc, i, 4);
}

/* A use verb at token i with a substance (built in or the operator's)
 * within three words of the same clause: "smoked some weed". */
static bool use_pair_at(const struct scan *sc, size_t i, const struct hits *h)
{
    if (!h->kind[PK_USE])
        return false;
    for (size_t j = i + 1; j <= i + 3 && j < sc->ntok; j++) {
        enum tk kd = tkind(sc, j);
        if (kd == TK_BRK)
            return false;
        /* "had a few drinks of water": a drink of something else */
        if ((tok_is(sc, j, "drink*") || tok_is(sc, j, "shot*")) && tok_is(sc, j + 1, "of") &&
            !tok_in(sc, j + 2, substances, NELEM(substances)))
            continue;
        if (kd == TK_WORD && (tok_in(sc, j, substances, NELEM(substances)) ||
                              match_vocab(sc, j, REPLY_VOCAB_SUBSTANCE) != NULL))
            return true;
    }
    return false;
}

/* ---- numbers --------------------------------------------------------------- */

/* Token i as a number (digits or a number word). *intdigits is the number
 * of digits before the decimal mark (0 for words). */
static bool num_at(const struct scan *sc, size_t i, double *v, bool *is_word, int *intdigits)
{
    if (i >= sc->ntok)
        return false;
    enum tk kd = tkind(sc, i);
    if (kd == TK_WORD) {
        /* most words are not number words: their first letters, as a mask */
        static const uint32_t firsts = 1u << ('z' - 'a') | 1u << ('o' - 'a') |
                                       1u << ('t' - 'a') | 1u << ('f' - 'a') |
                                       1u << ('s' - 'a') | 1u << ('e' - 'a') |
                                       1u << ('n' - 'a') | 1u << ('c' - 'a') |
                                       1u << ('u' - 'a') | 1u << ('d' - 'a');
        char c = sc->w[sc->toff[i]];
        if (!(firsts & (1u << (c - 'a'))) || sc->tlen[i] > 6)
            return false;
        for (size_t k = 0; k < NELEM(numwords); k++) {
            if (numwords[k].w[0] != c)
                continue;
            if (tok_is(sc, i, numwords[k].w)) {
                *v = numwords[k].v;
                *is_word = true;
                *intdigits = 0;
                return true;
            }
        }
        return false;
    }
    if (kd != TK_NUM)
        return false;
    const char *t = sc->w + sc->toff[i];
    size_t n = sc->tlen[i], j = 0;
    bool neg = false;
    double val = 0, scale = 0.1;
    int nd = 0;
    if (t[0] == '-') {
        neg = true;
        j = 1;
    }
    for (; j < n && t[j] >= '0' && t[j] <= '9'; j++, nd++)
        val = val * 10 + (t[j] - '0');
    if (j < n && t[j] == ',' && n - j - 1 != 1) {
        /* "1,000": a thousands separator; only "6,5" is a decimal comma */
        for (j++; j < n && t[j] >= '0' && t[j] <= '9'; j++, nd++)
            val = val * 10 + (t[j] - '0');
    } else if (j < n && (t[j] == '.' || t[j] == ',')) {
        for (j++; j < n && t[j] >= '0' && t[j] <= '9'; j++, scale /= 10)
            val += (t[j] - '0') * scale;
    }
    *v = neg ? -val : val;
    *is_word = false;
    *intdigits = nd;
    return true;
}

static bool num_simple(const struct scan *sc, size_t i, double *v)
{
    bool w;
    int nd;
    return num_at(sc, i, v, &w, &nd) && nd <= 3;
}

/* A token that joins two numbers into a range or a fraction. */
static bool is_link(const struct scan *sc, size_t i)
{
    static const char *const words[] = {"to", "or", "o", "a", "of", "de", "sobre", "outta"};
    return tok_sym(sc, i, '/') || tok_sym(sc, i, '-') || tok_in(sc, i, words, NELEM(words));
}

/* Token j joins the numbers around it: is_link, or the "and" of "between
 * 4 and 5". */
static bool link_at(const struct scan *sc, size_t j)
{
    if (is_link(sc, j))
        return true;
    return (tok_is(sc, j, "and") || tok_is(sc, j, "y")) && j >= 2 &&
           (tok_is(sc, j - 2, "between") || tok_is(sc, j - 2, "entre"));
}

static bool is_article(const struct scan *sc, size_t i)
{
    static const char *const words[] = {"a", "an", "un", "una"};
    return tok_in(sc, i, words, NELEM(words));
}

/* Any of the three words before token i (within its clause) is a mood word. */
static bool mood_before(const struct scan *sc, size_t i)
{
    for (size_t k = 1; k <= 3 && k <= i; k++) {
        size_t j = i - k;
        enum tk kd = tkind(sc, j);
        if (kd != TK_WORD)
            return false;
        if (tok_in(sc, j, mood_words, NELEM(mood_words)))
            return true;
    }
    return false;
}

static bool mood_after_at(const struct scan *sc, size_t i)
{
    if (i >= sc->ntok || tkind(sc, i) != TK_WORD)
        return false;
    for (size_t k = 0; k < NELEM(mood_after); k++)
        if (mood_after[k][0] == sc->w[sc->toff[i]] && phrase_at(sc, i, mood_after[k]))
            return true;
    return false;
}

static bool in_scale(const struct scan *sc, double v)
{
    return v >= sc->smin && v <= sc->smax;
}

/* Token i ends a clause: the end of the reply, a clause break, an emoji
 * or a symbol other than '%'. */
static bool clause_end_at(const struct scan *sc, size_t i)
{
    if (i >= sc->ntok)
        return true;
    enum tk kd = tkind(sc, i);
    return kd == TK_BRK || kd == TK_EMO || (kd == TK_SYM && !tok_sym(sc, i, '%'));
}

static bool clause_start_at(const struct scan *sc, size_t i)
{
    return i == 0 || tkind(sc, i - 1) == TK_BRK || tkind(sc, i - 1) == TK_EMO;
}

/* An emergency number at token i: "911", "988" (the crisis line), "9-1-1",
 * "9 1 1". Returns how many tokens it takes, or 0. Not part of a longer run
 * of numbers (a phone number), not an id or a count ("room 911", "ACK 911",
 * "911 dollars"). Such a mention is never a score: the parser raises
 * crisis and leaves the number out of the scoring (no out_of_range). */
static size_t emergency_at(const struct scan *sc, size_t i)
{
    const char *t = sc->w + sc->toff[i];
    size_t len = 0;
    if (tkind(sc, i) != TK_NUM)
        return 0;
    if (sc->tlen[i] == 3 && (memcmp(t, "911", 3) == 0 || memcmp(t, "988", 3) == 0)) {
        len = 1;
    } else if (sc->tlen[i] == 1 && t[0] == '9') {
        /* "9-1-1", "9 1 1" */
        size_t j = i + 1;
        bool dash = tok_sym(sc, j, '-');
        for (int one = 0; one < 2; one++) {
            if (dash && !tok_sym(sc, j++, '-'))
                return 0;
            if (!(j < sc->ntok && sc->tlen[j] == 1 && sc->w[sc->toff[j]] == '1'))
                return 0;
            j++;
        }
        len = j - i;
    } else {
        return 0;
    }
    size_t next = i + len;
    if (i > 0 && (tkind(sc, i - 1) == TK_NUM || tok_sym(sc, i - 1, '/') || tok_sym(sc, i - 1, ':') ||
                  tok_sym(sc, i - 1, '-') ||
                  tok_in(sc, i - 1, num_prev_excl, NELEM(num_prev_excl))))
        return 0;
    if (next < sc->ntok && (tkind(sc, next) == TK_NUM || tok_sym(sc, next, '/') ||
                            tok_sym(sc, next, ':') || tok_sym(sc, next, '%') ||
                            tok_sym(sc, next, '-') || tok_in(sc, next, units, NELEM(units))))
        return 0;
    return len;
}

/* Number token i is written against a word with nothing between ("2day",
 * "b4", "l8r"); "7ish" is still a number. */
static bool glued(const struct scan *sc, size_t i)
{
    size_t end = sc->toff[i] + sc->tlen[i];
    if (sc->toff[i] > 0 && sc->w[sc->toff[i] - 1] == GLUE)
        return true;
    return end < sc->len && sc->w[end] == GLUE && !tok_is(sc, i + 1, "ish");
}

/* Token i is part of an emergency number (see emergency_at). */
static bool in_emergency(const struct scan *sc, size_t i)
{
    for (size_t back = 0; back <= 4 && back <= i; back++)
        if (emergency_at(sc, i - back) > back)
            return true;
    return false;
}

/* Considers token i as a score; keeps the best candidate so far. Ranks:
 * 4 = "N/10", "N out of 10"; 3 = next to a mood word ("feeling 6", "6
 * today"); 2 = a bare number ending its clause ("rough day. 3"); 1 = a
 * bare number followed by a word, likely a count ("took 2 naps"). Ties go
 * to the first. A number word counts only with rank 3 or more, or alone
 * in its clause ("Three.", "tres, mal dia"): "one day at a time" is not a
 * score. */
static void score_candidate(struct scan *sc, size_t i)
{
    double v, d = 0;
    bool is_word, dw;
    int nd, dnd;

    if (!num_at(sc, i, &v, &is_word, &nd) || nd > 3)
        return; /* years, phone numbers, ids: not a score attempt */
    if (!is_word && glued(sc, i))
        return; /* "2day", "b4", "l8r": part of a word */
    if (!is_word && in_emergency(sc, i))
        return; /* "call 911" */
    /* the second half of "6-7", "7/10", "7 out of 10", "6 or a 7": seen
     * from the first */
    if (i >= 2 && link_at(sc, i - 1) && num_simple(sc, i - 2, &d))
        return;
    if (i >= 3 && is_article(sc, i - 1) && link_at(sc, i - 2) && num_simple(sc, i - 3, &d))
        return;
    if (i >= 3 && tok_is(sc, i - 1, "of") && tok_is(sc, i - 2, "out") && num_simple(sc, i - 3, &d))
        return;
    /* times: "10:30", "at 3" */
    if ((i > 0 && tok_sym(sc, i - 1, ':')) ||
        (tok_sym(sc, i + 1, ':') && i + 2 < sc->ntok && tkind(sc, i + 2) == TK_NUM))
        return;
    if (i > 0 && tok_in(sc, i - 1, num_prev_excl, NELEM(num_prev_excl)))
        return;
    /* "555 123 4567": numbers in a row are a phone number or an id (but the
     * "2" of "2day" is part of a word) */
    if (!is_word && ((i > 0 && tkind(sc, i - 1) == TK_NUM && !glued(sc, i - 1)) ||
                     (i + 1 < sc->ntok && tkind(sc, i + 1) == TK_NUM && !glued(sc, i + 1))))
        return;
    /* money: "4.99" */
    if (!is_word && memchr(sc->w + sc->toff[i], '.', sc->tlen[i]) != NULL &&
        sc->tlen[i] - (size_t)((const char *)memchr(sc->w + sc->toff[i], '.', sc->tlen[i]) -
                               (sc->w + sc->toff[i])) > 2)
        return;

    int rank = 0;
    double val = v;
    bool oor = !in_scale(sc, v);
    size_t next = i + 1, second = next + 1;
    if (link_at(sc, next) && is_article(sc, second) && num_at(sc, second + 1, &d, &dw, &dnd))
        second++; /* "6 or a 7" */
    if (link_at(sc, next) && num_at(sc, second, &d, &dw, &dnd) && dnd <= 3) {
        if (tok_sym(sc, next, '/')) {
            if (tok_sym(sc, second + 1, '/'))
                return; /* a date */
            if (d == sc->smax) {
                rank = 4;
            } else if (d == v + 1 && in_scale(sc, v) && in_scale(sc, d)) {
                val = (v + d) / 2; /* "3/4": three or four */
            } else {
                return; /* a fraction or a date */
            }
        } else if (tok_is(sc, next, "of") || tok_is(sc, next, "de") ||
                   tok_is(sc, next, "sobre") || tok_is(sc, next, "outta")) {
            if (d != sc->smax)
                return; /* "2 of 3 days" */
            rank = 4;
        } else {
            if (d < v)
                return; /* "from 8 to 5", "de 8 a 5": hours, not a score */
            val = (v + d) / 2; /* "6-7", "6 to 7", "6 or 7", "6 a 7", "between 4 and 5" */
            oor = oor || !in_scale(sc, d);
        }
        next = second + 1;
    } else if (tok_is(sc, next, "out") && tok_is(sc, next + 1, "of") &&
               num_at(sc, next + 2, &d, &dw, &dnd)) {
        if (d != sc->smax)
            return;
        rank = 4;
        next += 3;
    }
    if (tok_sym(sc, next, '%') || tok_in(sc, next, units, NELEM(units)))
        return;
    /* the second of "4 and 9" */
    if (i >= 2 && (tok_is(sc, i - 1, "and") || tok_is(sc, i - 1, "y")) && num_simple(sc, i - 2, &d) &&
        !mood_before(sc, i - 2))
        return;
    /* "kids are 4 and 9", "mis hijos tienen 6 y 11 años": counts */
    if ((tok_is(sc, next, "and") || tok_is(sc, next, "y")) && num_simple(sc, next + 1, &d) &&
        (tok_in(sc, next + 2, units, NELEM(units)) || clause_end_at(sc, next + 2)) &&
        !mood_before(sc, i))
        return;
    /* a medication or a substance after it: a dose, never a mood */
    if (next < sc->ntok && concepts_is_substance(next))
        return;
    static const char *const halves[] = {"and a half", "n a half", "na half", "y media", "y medio"};
    for (size_t k = 0; k < NELEM(halves); k++) {
        size_t e = next < sc->ntok && tkind(sc, next) == TK_WORD ? phrase_at(sc, next, halves[k]) : 0;
        if (e != 0) {
            val += 0.5; /* "six and a half" */
            next = e;
            break;
        }
    }
    if (rank < 4 && (mood_before(sc, i) || mood_after_at(sc, next)))
        rank = 3;
    /* "un cinco", "a 6": an article may stand first */
    bool alone = (clause_start_at(sc, i) || (i > 0 && is_article(sc, i - 1) && clause_start_at(sc, i - 1))) &&
                 clause_end_at(sc, next);
    if (rank == 0)
        rank = clause_end_at(sc, next) ? 2 : 1;
    /* "4 interviews", "6 credits", "3 loads", "7 solicitudes": a number
     * before a plural noun counts things; never a mood */
    if (rank == 1 && next < sc->ntok && tkind(sc, next) == TK_WORD && sc->tlen[next] >= 4 &&
        sc->w[sc->toff[next] + sc->tlen[next] - 1] == 's') {
        static const char *const not_nouns[] = {"thanks", "gracias", "yes", "this", "guess",
                                                "less", "plus", "always", "tbh", "bless", "pues",
                                                "thnks", "thx", "pls", "es", "estas", "lol"};
        if (!tok_in(sc, next, not_nouns, NELEM(not_nouns)))
            return;
    }
    if (is_word) {
        if (rank < 3 && !alone)
            return;
        if (i > 0 && tok_in(sc, i - 1, numword_prev_excl, NELEM(numword_prev_excl)))
            return;
        if (tok_in(sc, next, numword_next_excl, NELEM(numword_next_excl)))
            return;
    }
    if (!sc->have_best || rank > sc->best_rank) {
        sc->have_best = true;
        sc->best_rank = rank;
        sc->best_val = val;
        sc->best_oor = oor;
    }
}

/* Considers token i as a mood word or phrase ("great", "not bad", "muy
 * mal"); the later of two equally placed ones wins, one after a feeling
 * word ("I'm fine") over one without. */
static void mood_word_candidate(struct scan *sc, size_t i, const struct hits *h)
{
    size_t end = h->mood_end;
    if (i < sc->mood_skip || !h->kind[PK_MOOD])
        return;
    sc->mood_skip = end; /* "muy bien" is not also "bien" */
    if (tok_in(sc, end, mood_next_excl, NELEM(mood_next_excl)))
        return;
    if (i >= 2 && tok_is(sc, i - 1, "a") && tok_is(sc, i - 2, "have"))
        return; /* "have a good day" */
    /* "my car should be fine": a forecast of something, not a mood */
    if (i >= 2 && tok_is(sc, i - 1, "be") &&
        (tok_is(sc, i - 2, "should") || tok_is(sc, i - 2, "will") || tok_is(sc, i - 2, "gonna")))
        return;
    /* "50% better": a measure, not a mood word */
    if (i > 0 && (tkind(sc, i - 1) == TK_NUM || tok_sym(sc, i - 1, '%')))
        return;
    bool intens = i > 0 && tok_in(sc, i - 1, mood_intens, NELEM(mood_intens));
    bool feel = mood_before(sc, i);
    if ((h->mood & M_FEEL) && !feel && !intens)
        return;
    int v = (int)(h->mood & M_VAL);
    if (negated_at(sc, i))
        v = v >= 9 ? 4 : v >= 5 ? 3 : 6; /* "not great", "not good", "not bad" */
    else if (intens)
        v = v >= 6 && v < 9 ? v + 1 : v <= 4 && v > 2 ? v - 1 : v; /* "super good" */
    int rank = feel ? 2 : 1;
    if (rank >= sc->word_rank) {
        sc->word_rank = rank;
        sc->word_val = v;
    }
}

static void mood_emoji_candidate(struct scan *sc, size_t i)
{
    int v = sc->w[sc->toff[i] + 1] - 'a' + 1;
    if (v >= 1 && v <= 10 && sc->word_rank <= 1) {
        sc->word_rank = 1;
        sc->word_val = v;
    }
}

/* ---- keywords ----------------------------------------------------------- */

/* STOP / START / HELP / ACK from the first chunk. STOP and START: the
 * first clause that is not only politeness must be a keyword clause
 * ("Stop.", "please stop texting me", "STOP. I want to die"), so "I can't
 * stop crying" is not an opt-out. HELP: the whole message is the word.
 * complete: the chunk holds the whole message. */
static void keywords(struct scan *sc, bool complete)
{
    size_t n = sc->ntok, i = 0, words = 0;

    while (i < n && tkind(sc, i) == TK_BRK)
        i++;
    if (tok_is(sc, i, "ack")) {
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
    if (complete && words == 1 && tok_in(sc, i, help_words, NELEM(help_words))) {
        sc->kw = REPLY_HELP;
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
            if (tok_in(sc, i, stop_words, NELEM(stop_words))) {
                stop = true;
                plain = plain || tok_in(sc, i, plain_stop_words, NELEM(plain_stop_words));
                if (tok_is(sc, i, "stop") && tok_is(sc, i + 1, "all"))
                    i++; /* "stop all" */
            } else if (tok_is(sc, i, "opt") && tok_is(sc, i + 1, "out")) {
                stop = true;
                i++;
            } else if (tok_is(sc, i, "take") && tok_is(sc, i + 1, "me") &&
                       tok_is(sc, i + 2, "off") && clause_end_at(sc, i + 3)) {
                stop = true; /* "take me off", said alone */
                i += 2;
            } else if (tok_in(sc, i, start_words, NELEM(start_words))) {
                start = true;
            } else if (!tok_in(sc, i, fillers, NELEM(fillers))) {
                other = true;
            }
        }
        if (i >= n && !complete)
            return; /* the clause may go on in the next chunk */
        i++;
        if (!stop && !start && !other)
            continue; /* "please." */
        if (first && !other && stop != start) {
            sc->kw = stop ? REPLY_STOP : REPLY_START;
            return;
        }
        first = false;
        last_stop = plain && !other && !start;
    }
    if (last_stop && complete)
        sc->kw = REPLY_STOP;
}

/* ---- risk ------------------------------------------------------------------ */

#define RISK_KINDS (1u << PK_CRISIS | 1u << PK_RELAPSE | 1u << PK_EXCEPTION | 1u << PK_USE)

/* Counts a crisis and/or relapse finding at token i, negated when a negator
 * or a joke marker is near. */
static void count_risk(struct scan *sc, size_t i, bool crisis, bool relapse, uint32_t reason)
{
    /* somebody else's, the past, a group's topic, sobriety news: a watch
     * note, not the client's crisis */
    uint32_t ctx = concepts_context_at(i, relapse && !crisis);
    if (ctx != 0) {
        sc->reasons |= ctx;
        if (ctx == REPLY_R_SOBRIETY)
            sc->cf.sober++;
        else
            sc->cf.context++;
        return;
    }
    /* A joke marker ("lol") lowers nothing (rule 4); a denial does. */
    bool neg = negated_at(sc, i);
    sc->reasons |= reason;
    if (crisis) {
        sc->crisis_n++;
        sc->crisis_neg += neg;
        if (neg)
            sc->reasons |= REPLY_R_DENIAL;
    }
    if (relapse) {
        if (neg) { /* "haven't had a drink in 10 days": never relapse */
            sc->cf.sober++;
            sc->reasons |= REPLY_R_SOBRIETY;
        } else {
            sc->relapse_n++;
        }
    }
}

/* An emergency number (911, 988): a crisis whoever dialled it ("my
 * roommate had to call 911"); only a denial lowers it. */
static void count_emergency(struct scan *sc, size_t i)
{
    /* but a class about 988, or the past, is a note */
    uint32_t ctx = concepts_context_at(i, false);
    if (ctx == REPLY_R_TOPIC || ctx == REPLY_R_PAST) {
        sc->reasons |= ctx;
        sc->cf.context++;
        return;
    }
    bool neg = negated_at(sc, i);
    sc->crisis_n++;
    sc->crisis_neg += neg;
    sc->reasons |= REPLY_R_EMERGENCY | (neg ? REPLY_R_DENIAL : 0);
}

/* Crisis and relapse phrases (built in, the operator's, use verb +
 * substance) starting at word token i, unless an idiom starts there too.
 * Returns true if one was counted. */
static bool risk_at(struct scan *sc, size_t i, const struct hits *h)
{
    bool vc = match_vocab(sc, i, REPLY_VOCAB_CRISIS) != NULL;
    bool vr = match_vocab(sc, i, REPLY_VOCAB_RELAPSE) != NULL, use = use_pair_at(sc, i, h);
    bool crisis = h->kind[PK_CRISIS] || vc, relapse = h->kind[PK_RELAPSE] || vr || use;
    if (!(crisis || relapse) || h->kind[PK_EXCEPTION])
        return false;
    uint32_t reason = (h->kind[PK_CRISIS] ? REPLY_R_PHRASE : 0) |
                      (h->kind[PK_RELAPSE] ? REPLY_R_RELAPSE : 0) | (use ? REPLY_R_USE : 0) |
                      (vc || vr ? REPLY_R_VOCAB : 0);
    count_risk(sc, i, crisis, relapse, reason);
    return true;
}

/* ---- chunk scan ------------------------------------------------------------ */

/* Scans the token line. Non-final: only tokens up to LOOKAHEAD before the
 * end are scanned (the rest is context), then the last LOOKAHEAD +
 * LOOKBACK tokens are moved to the front for the next chunk. */
static void chunk_scan(struct scan *sc, bool final)
{
    size_t n = 0, i = 0;
    while (i < sc->len) {
        size_t s = i;
        while (i < sc->len && sc->w[i] != ' ' && sc->w[i] != '\t' && sc->w[i] != GLUE)
            i++;
        if (i > s) { /* a leading tab (see mark_lone_first) leaves nothing before it */
            sc->toff[n] = (uint16_t)s;
            sc->tlen[n] = (uint16_t)(i - s);
            n++;
        }
        i++;
    }
    sc->ntok = n;
    /* The byte after the last token is read as its separator (glued()
     * and the concept rules look for GLUE there): make it a defined one.
     * len < W_FLUSH + TOK_MAX < W_MAX, so there is room. */
    sc->w[sc->len] = '\0';

    size_t own_to = n;
    if (!final)
        own_to = n > LOOKAHEAD ? n - LOOKAHEAD : 0;
    if (sc->first_chunk)
        keywords(sc, final);
    struct rview view = {sc->w, sc->toff, sc->tlen, n};
    concepts_begin(&view);

    sc->mood_skip = 0;
    for (size_t k = sc->own_from; k < own_to; k++) {
        enum tk kd = tkind(sc, k);
        if (kd == TK_WORD) {
            struct hits h;
            unsigned want = RISK_KINDS | 1u << PK_MOOD;
            if (sc->kw == REPLY_OTHER)
                want |= 1u << PK_OPTOUT;
            match_builtin(sc, k, want, &h);
            if (!risk_at(sc, k, &h) && sc->toff[k] > 0 && sc->w[sc->toff[k] - 1] == '\t' &&
                sc->tlen[k] >= 4) {
                /* "I r e l a p s e d" was joined into "irelapsed": also
                 * read it without its first letter */
                struct hits tail;
                sc->toff[k]++;
                sc->tlen[k]--;
                match_builtin(sc, k, RISK_KINDS, &tail);
                risk_at(sc, k, &tail);
                sc->toff[k]--;
                sc->tlen[k]++;
            }
            if (h.kind[PK_OPTOUT] && !negated_within(sc, k, 5))
                sc->kw = REPLY_STOP;
            mood_word_candidate(sc, k, &h);
        } else if (kd == TK_EMO) {
            mood_emoji_candidate(sc, k);
        } else if (kd == TK_NUM && emergency_at(sc, k) > 0) {
            count_emergency(sc, k);
        }
        if (kd == TK_WORD || kd == TK_NUM)
            score_candidate(sc, k);
    }
    concepts_scan(sc->own_from, own_to, &sc->cf);
    sc->first_chunk = false;

    if (final || n == 0)
        return;
    /* carry the tail over: LOOKBACK tokens of context plus the unscanned ones */
    size_t keep = own_to >= LOOKBACK ? own_to - LOOKBACK : 0;
    size_t off = sc->toff[keep];
    memmove(sc->w, sc->w + off, sc->len - off);
    sc->len -= off;
    sc->own_from = own_to - keep;
}

/* ---- public ---------------------------------------------------------------- */

/* Every field of *sc, before the first byte. */
/* The scale of opts: 1-10 unless it names a valid one. */
static void scale_of(const struct reply_opts *opts, double *smin, double *smax)
{
    *smin = 1;
    *smax = 10;
    if (opts != NULL && !(opts->scale_min == 0 && opts->scale_max == 0) &&
        opts->scale_min < opts->scale_max) {
        *smin = opts->scale_min;
        *smax = opts->scale_max;
    }
}

static void scan_init(struct scan *sc, const struct reply_opts *opts)
{
    scale_of(opts, &sc->smin, &sc->smax);
    sc->len = 0;
    sc->ntok = 0;
    sc->own_from = 0;
    sc->first_chunk = true;
    sc->cur = TK_NONE;
    sc->cur_start = 0;
    sc->last = TK_NONE;
    sc->cur_point = false;
    sc->pending = 0;
    sc->crisis_n = sc->crisis_neg = sc->relapse_n = sc->relapse_neg = 0;
    memset(&sc->cf, 0, sizeof sc->cf);
    sc->reasons = 0;
    sc->swallow = 0;
    sc->have_best = false;
    sc->best_rank = 0;
    sc->best_val = 0;
    sc->best_oor = false;
    sc->kw = REPLY_OTHER;
    sc->ack_id = 0;
    sc->cur_joined = false;
    sc->nleet = 0;
    sc->prev_letter = false;
    sc->ngap = 0;
    sc->held = 0;
    sc->u8cp = 0;
    sc->u8need = 0;
    sc->vocab = opts != NULL ? opts->vocab : NULL;
    sc->word_val = 0;
    sc->word_rank = 0;
    sc->mood_skip = 0;

}

/* The most common reply, a bare number of one to three digits ("7",
 * "10"): no phrase can be in it, so it is read here without the scan,
 * exactly as the scan would read it (test_reply checks both agree). An
 * emergency number ("911") takes the full path. Returns true if *out is
 * filled. */
static bool bare_score(const char *text, size_t len, const struct reply_opts *opts,
                       struct reply_result *out)
{
    if (text == NULL || len == 0 || len > 3)
        return false;
    int v = 0;
    for (size_t k = 0; k < len; k++) {
        if (!(text[k] >= '0' && text[k] <= '9'))
            return false;
        v = v * 10 + (text[k] - '0');
    }
    if (len == 3 && (memcmp(text, "911", 3) == 0 || memcmp(text, "988", 3) == 0))
        return false;
    double smin, smax;
    scale_of(opts, &smin, &smax);
    if (v >= smin && v <= smax) {
        out->intent = REPLY_MOOD;
        out->has_score = true;
        out->score = v;
    } else {
        out->signals = REPLY_SIG_OUT_OF_RANGE;
    }
    return true;
}

/* Fills *out for len bytes of text. Everything lives on the stack (about
 * 17 KB); nothing is allocated, so nothing can fail. */
void reply_parse(const char *text, size_t len, const struct reply_opts *opts,
                 struct reply_result *out)
{
    struct scan sc;
    struct norm nm;

    if (out == NULL)
        return;
    memset(out, 0, sizeof *out);
    out->intent = REPLY_OTHER;
    if (bare_score(text, len, opts, out))
        return;
    call_once(&idx_once, index_build_all);

    scan_init(&sc, opts);
    if (text != NULL && len > 0)
        norm_text(&nm, &sc, (const uint8_t *)text, len);
    feed_end(&sc); /* settles held and pending marks, ends the last token */
    chunk_scan(&sc, true);

    unsigned crisis = sc.crisis_n + sc.cf.crisis, crisis_neg = sc.crisis_neg + sc.cf.crisis_neg;
    unsigned relapse = sc.relapse_n + sc.cf.relapse;
    if (crisis > 0) {
        out->signals |= REPLY_SIG_CRISIS;
        if (crisis_neg == crisis)
            out->signals |= REPLY_SIG_NEGATED; /* every finding was denied */
    }
    if (relapse > 0)
        out->signals |= REPLY_SIG_RELAPSE;
    if (sc.cf.contact > 0 && sc.kw != REPLY_STOP)
        out->signals |= REPLY_SIG_CONTACT;
    if (sc.cf.event > 0)
        out->signals |= REPLY_SIG_EVENT;
    if (sc.cf.ambiguous > 0 && crisis == 0)
        out->signals |= REPLY_SIG_AMBIGUOUS;
    if (sc.cf.context > 0 && crisis == 0 && relapse == 0)
        out->signals |= REPLY_SIG_CONTEXT;
    out->reasons = sc.reasons | sc.cf.reasons;
    reply_model_apply(text, len, out); /* the learned second opinion */

    if (sc.kw == REPLY_ACK) {
        out->intent = REPLY_ACK;
        out->ack_id = sc.ack_id;
        return; /* its number is an alert id, not a score */
    }
    if (sc.have_best) {
        if (sc.best_oor) {
            out->signals |= REPLY_SIG_OUT_OF_RANGE;
        } else {
            out->has_score = true;
            out->score = sc.best_val;
        }
    } else if (sc.word_val > 0 && crisis == 0) {
        /* A mood word, mapped from 1-10 onto the scale and rounded. Not
         * in a crisis reply: "I said I'm fine but..." is not a 6. */
        double x = sc.smin + (sc.word_val - 1) * (sc.smax - sc.smin) / 9.0;
        out->has_score = true;
        out->score = (double)(long)(x + 0.5);
    }
    /* the bottom of the scale with words of hopelessness: ask directly */
    if (out->has_score && crisis == 0 && sc.cf.hopeless > 0 &&
        out->score <= sc.smin + (sc.smax - sc.smin) / 9.0) {
        out->signals |= REPLY_SIG_AMBIGUOUS;
        out->reasons |= REPLY_R_LOW_HOPELESS;
    }
    if (sc.kw != REPLY_OTHER)
        out->intent = sc.kw;
    else if (out->has_score)
        out->intent = REPLY_MOOD;
}

/* ---- operator vocabulary ---------------------------------------------------- */


static const char *const vocab_kind_names[REPLY_VOCAB__COUNT] = {"crisis", "relapse",
                                                                 "substance"};

const char *reply_vocab_kind_name(enum reply_vocab_kind k)
{
    return (unsigned)k < REPLY_VOCAB__COUNT ? vocab_kind_names[k] : "?";
}

int reply_vocab_kind_parse(const char *s, enum reply_vocab_kind *out)
{
    for (int k = 0; k < REPLY_VOCAB__COUNT; k++)
        if (s != NULL && strcmp(s, vocab_kind_names[k]) == 0) {
            *out = (enum reply_vocab_kind)k;
            return 0;
        }
    return -1;
}

struct reply_vocab *reply_vocab_new(void)
{
    return calloc(1, sizeof(struct reply_vocab));
}

void reply_vocab_free(struct reply_vocab *v)
{
    if (v == NULL)
        return;
    for (int k = 0; k < REPLY_VOCAB__COUNT; k++) {
        for (size_t i = 0; i < v->lists[k].n; i++)
            free((char *)v->lists[k].ph[i].p);
        free(v->lists[k].ph);
        free(v->lists[k].next);
    }
    free(v);
}

size_t reply_vocab_count(const struct reply_vocab *v, enum reply_vocab_kind kind)
{
    return v != NULL && (unsigned)kind < REPLY_VOCAB__COUNT ? v->lists[kind].n : 0;
}

/* Normalises one phrase the way reply_parse reads a reply, into out as
 * pattern words ("fent*", "go to sleep forever"). Returns 0, or -1 with
 * why filled. */
static int phrase_compile(const char *in, size_t len, char *out, size_t outsz, char *why,
                          size_t whylen)
{
    struct scan sc;
    struct norm nm;
    size_t o = 0, words = 0;

    if (len > 200) {
        snprintf(why, whylen, "too long (at most 200 bytes)");
        return -1;
    }
    for (size_t k = 0; k < len; k++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const uint8_t *)in + k,
                                              (utf8proc_ssize_t)(len - k), &cp);
        if (l <= 0) {
            snprintf(why, whylen, "not valid UTF-8");
            return -1;
        }
        k += (size_t)l - 1;
    }
    /* the whole phrase at once, as a reply would be read (spaced letters
     * join); a '*' may only end it */
    size_t e = len;
    while (e > 0 && (in[e - 1] == ' ' || in[e - 1] == '\t'))
        e--;
    bool prefix = false;
    while (e > 0 && in[e - 1] == '*') {
        prefix = true;
        e--;
    }
    if (memchr(in, '*', e) != NULL) {
        snprintf(why, whylen, "only the last word may end in '*' (a prefix)");
        return -1;
    }
    scan_init(&sc, NULL);
    norm_text(&nm, &sc, (const uint8_t *)in, e);
    feed_end(&sc);
    if (sc.len == 0 && e > 0) {
        snprintf(why, whylen, "holds no letter or digit");
        return -1;
    }
    for (size_t t = 0; t < sc.len;) {
        size_t te = t;
        while (te < sc.len && sc.w[te] != ' ' && sc.w[te] != '\t' && sc.w[te] != GLUE)
            te++;
        if (te == t) { /* the tab of mark_lone_first */
            t++;
            continue;
        }
        char c = sc.w[t];
        bool word = c >= 'a' && c <= 'z', num = (c >= '0' && c <= '9') || c == '-';
        if (!word && !num) {
            snprintf(why, whylen,
                     "only letters, digits and spaces (no punctuation, no emoji)");
            return -1;
        }
        if (o == 0 && !word) {
            snprintf(why, whylen, "must start with a letter");
            return -1;
        }
        if (++words > REPLY_VOCAB_WORDS) {
            snprintf(why, whylen, "too many words (at most %d)", REPLY_VOCAB_WORDS);
            return -1;
        }
        if (o + (te - t) + 3 > outsz) {
            snprintf(why, whylen, "too long");
            return -1;
        }
        if (o > 0)
            out[o++] = ' ';
        memcpy(out + o, sc.w + t, te - t);
        o += te - t;
        t = te + 1;
    }
    if (prefix && o > 0)
        out[o++] = '*';
    if (o == 0) {
        snprintf(why, whylen, "empty phrase");
        return -1;
    }
    out[o] = '\0';
    return 0;
}

int reply_vocab_add(struct reply_vocab *v, enum reply_vocab_kind kind, const char *phrase,
                    size_t len, char *why, size_t whylen)
{
    char pat[256];
    if (v == NULL || phrase == NULL || (unsigned)kind >= REPLY_VOCAB__COUNT) {
        snprintf(why, whylen, "internal: bad argument");
        return -1;
    }
    struct reply_vocab_list *l = &v->lists[kind];
    if (l->n >= REPLY_VOCAB_MAX) {
        snprintf(why, whylen, "too many %s phrases (at most %d)", vocab_kind_names[kind],
                 REPLY_VOCAB_MAX);
        return -1;
    }
    if (phrase_compile(phrase, len, pat, sizeof pat, why, whylen) != 0)
        return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct phrase *ph = realloc(l->ph, cap * sizeof *ph);
        if (ph == NULL)
            goto oom;
        l->ph = ph;
        uint16_t *next = realloc(l->next, cap * sizeof *next);
        if (next == NULL)
            goto oom;
        l->next = next;
        l->cap = cap;
    }
    char *dup = strdup(pat);
    if (dup == NULL)
        goto oom;
    l->ph[l->n].p = dup;
    l->ph[l->n].flags = 0;
    l->n++;
    index_fill(l->head, l->next, l->ph, l->n);
    return 0;
oom:
    snprintf(why, whylen, "out of memory");
    return -1;
}

static const char *const reason_names[REPLY_R__COUNT] = {
    "phrase",    "self_death", "self_harm",   "means",    "overdose",     "farewell",
    "time_out",  "burden",     "no_wake",     "emergency", "relapse",     "use",
    "state",     "dealer",     "day_one",     "contact",  "event",        "despair",
    "means_only", "low_hopeless", "other_person", "past", "topic",        "sobriety",
    "denial",    "vocab",      "model",
};

const char *reply_reason_name(enum reply_reason r)
{
    for (int k = 0; k < REPLY_R__COUNT; k++)
        if ((uint32_t)r == 1u << k)
            return reason_names[k];
    return "?";
}

char *reply_reasons_text(uint32_t reasons, char *out, size_t outsz)
{
    size_t n = 0;
    if (outsz == 0)
        return out;
    out[0] = '\0';
    for (int k = 0; k < REPLY_R__COUNT; k++) {
        if (!(reasons & (1u << k)))
            continue;
        int w = snprintf(out + n, outsz - n, "%s%s", n ? "," : "", reason_names[k]);
        if (w < 0 || (size_t)w >= outsz - n) {
            out[n] = '\0'; /* a cut name is left out whole */
            break;
        }
        n += (size_t)w;
    }
    return out;
}

bool reply_is_unclear(const struct reply_result *r)
{
    return r->intent == REPLY_OTHER && !r->has_score && r->signals == 0;
}

const char *reply_intent_name(enum reply_intent i)
{
    switch (i) {
    case REPLY_MOOD: return "mood";
    case REPLY_STOP: return "stop";
    case REPLY_START: return "start";
    case REPLY_HELP: return "help";
    case REPLY_ACK: return "ack";
    case REPLY_OTHER: break;
    }
    return "other";
}

/* {"intent":"mood","score":7,"signals":["crisis"],"ack_id":null}. Returns
 * the length, or -1 (and "" when outsz > 0) if out is too small. */
int reply_to_json(const struct reply_result *r, char *out, size_t outsz)
{
    static const struct {
        unsigned bit;
        const char *name;
    } sigs[] = {
        {REPLY_SIG_CRISIS, "crisis"},
        {REPLY_SIG_RELAPSE, "relapse"},
        {REPLY_SIG_NEGATED, "negated"},
        {REPLY_SIG_OUT_OF_RANGE, "out_of_range"},
        {REPLY_SIG_CONTACT, "contact"},
        {REPLY_SIG_EVENT, "event"},
        {REPLY_SIG_AMBIGUOUS, "ambiguous"},
        {REPLY_SIG_CONTEXT, "context"},
    };
    char buf[256];
    size_t n = 0;
    int k;

    if (out != NULL && outsz > 0)
        out[0] = '\0';
    if (r == NULL || out == NULL)
        return -1;
    k = snprintf(buf, sizeof buf, "{\"intent\":\"%s\",\"score\":", reply_intent_name(r->intent));
    n += (size_t)k;
    if (r->has_score)
        k = snprintf(buf + n, sizeof buf - n, "%g", r->score);
    else
        k = snprintf(buf + n, sizeof buf - n, "null");
    n += (size_t)k;
    k = snprintf(buf + n, sizeof buf - n, ",\"signals\":[");
    n += (size_t)k;
    bool first = true;
    for (size_t i = 0; i < NELEM(sigs); i++) {
        if (!(r->signals & sigs[i].bit))
            continue;
        k = snprintf(buf + n, sizeof buf - n, "%s\"%s\"", first ? "" : ",", sigs[i].name);
        n += (size_t)k;
        first = false;
    }
    if (r->intent == REPLY_ACK)
        k = snprintf(buf + n, sizeof buf - n, "],\"ack_id\":%lld}", (long long)r->ack_id);
    else
        k = snprintf(buf + n, sizeof buf - n, "],\"ack_id\":null}");
    n += (size_t)k;
    if (n + 1 > outsz)
        return -1;
    memcpy(out, buf, n + 1);
    return (int)n;
}
