/* SPDX-License-Identifier: Apache-2.0 */
/* reply_lexicon.h: the word data of the concept rules (reply_concepts.c),
 * included by that file only. A word is written as the parser's tokens
 * read it: lower case a-z, no apostrophes ("dont", "im"), no accents
 * ("corte" is "corté"). Each word is indexed by its form and, unless
 * LEX_FORM, by its Snowball stem in its language(s), so "overdosing",
 * "cuts" and "pastillas" need no entry of their own. LEX_TYPO marks the
 * risk words a typo may stand for ("suicdal"). `everyday` lists real words
 * one or two edits from a risk word, which are never read as a typo of it. */
#ifndef GW_REPLY_LEXICON_H
#define GW_REPLY_LEXICON_H

#include <stdint.h>

/* concept tags */
#define TAG(n) ((uint64_t)1 << (n))
#define T_SELFSUBJ   TAG(0)  /* i, im, yo */
#define T_SELFOBJ    TAG(1)  /* me, myself, my, mi */
#define T_OTHER      TAG(2)  /* he, she, my cousin, mi hermano */
#define T_DIE        TAG(3)  /* die, dead, death, morir */
#define T_SUICIDE    TAG(4)  /* suicide, unalive, kms: dying with the self in the word */
#define T_KILL       TAG(5)  /* kill, matar (with the self: crisis) */
#define T_IDIOM_NEXT TAG(6)  /* "dying TO", "dead TIRED", "high SCHOOL" */
#define T_IDIOM_PREV TAG(7)  /* "PHONE died", "BATTERY dead" */
#define T_WANT       TAG(8)  /* want, wish, hope, ready, plan, quiero */
#define T_TIME       TAG(9)  /* tonight, today, tomorrow, gonna, soon */
#define T_HARMV      TAG(10) /* cut, burn, hurt, cortar */
#define T_BODY       TAG(11) /* wrist, arm, thigh, skin */
#define T_SELFHARM   TAG(12) /* words that are harm to the self by themselves */
#define T_MEANS      TAG(13) /* pills, rope, gun, bridge, tracks */
#define T_PRESENCE   TAG(14) /* here, in front of, next to, counted, loaded */
#define T_GOT        TAG(15) /* got, bought, picked up, conseguí */
#define T_AMOUNT     TAG(16) /* handful, whole, all, bunch; numbers of 4 or more */
#define T_SAFE       TAG(17) /* words that make a means, note or event everyday */
#define T_NARCAN     TAG(18)
#define T_MED        TAG(19) /* medication by name */
#define T_TOOK       TAG(20) /* took, swallowed, popped, take */
#define T_FINALACT   TAG(21) /* a final act by itself: "affairs", "testament" */
#define T_FAREWELL   TAG(22) /* goodbye, bye, adios */
#define T_FINAL      TAG(23) /* last, final, forever, anymore, longer */
#define T_EVERYONE   TAG(24) /* everyone, all of you, todos */
#define T_EVERYTHING TAG(25) /* everything, life */
#define T_GIVE       TAG(26) /* give, gave, regalar */
#define T_BELONGING  TAG(27) /* stuff, things, dog, cat, guitar */
#define T_AWAY       TAG(28) /* away, to, a home */
#define T_NOTE       TAG(29) /* note, letter, carta */
#define T_AROUND     TAG(30) /* here, around, alive, through (time left) */
#define T_NEG        TAG(31) /* not, never, dont */
#define T_BURDEN     TAG(32)
#define T_BETTER     TAG(33)
#define T_GONE       TAG(34) /* gone, without, sin */
#define T_WAKE       TAG(35)
#define T_SLEEP      TAG(36)
#define T_GOD        TAG(37)
#define T_STATE      TAG(38) /* high, drunk, wasted, borracho */
#define T_INTENS     TAG(39) /* so, af, rn, now, muy */
#define T_USEACT     TAG(40) /* a use by itself: copped, relapsed, nodding */
#define T_USEV       TAG(41) /* smoked, drank, snorted, took, hit */
#define T_DRUG       TAG(42) /* substances, in slang too */
#define T_DEALER     TAG(43)
#define T_CONTACTV   TAG(44) /* call, text, talk, hablar, llamar, met */
#define T_DAY        TAG(45)
#define T_AGAIN      TAG(46) /* again, over, otra vez, back */
#define T_SOMEONE    TAG(47) /* someone, anyone, you, alguien */
#define T_REQUEST    TAG(48) /* can, could, please, need, necesito */
#define T_EVENT      TAG(49) /* a serious event by itself: funeral, evicted, arrested */
#define T_LOSTV      TAG(50) /* lost, perdi */
#define T_LOSABLE    TAG(51) /* job, custody, house, kids */
#define T_DESPAIR    TAG(52) /* hopeless, pointless: despair by itself */
#define T_POINT      TAG(53) /* point, sentido */
#define T_WHATS      TAG(54) /* what, whats, pa que */
#define T_DONE       TAG(55)
#define T_HOPELESS   TAG(56) /* words of hopelessness beside a low score */
#define T_NUMBER     TAG(57)
#define T_BREAK      TAG(58)
#define T_CONTRAST   TAG(59) /* but, pero */
#define T_TOPIC      TAG(60) /* group, meeting, topic, talked about */
#define T_PASTMARK   TAG(61) /* ago, years, used to, hace */
#define T_SOBER      TAG(62) /* sober, clean, sobriety */
#define T_EVERYDAY   TAG(63) /* a real word: never a typo of a risk word */

#define LEX_EN 1
#define LEX_ES 2
#define LEX_BOTH 3
#define LEX_FORM 1 /* index this form only, not its stem */
#define LEX_TYPO 2 /* a typo may stand for it */

struct lex_entry {
    const char *w;
    uint64_t tags;
    uint8_t lang;
    uint8_t flags;
};

#define EN(w, t) {w, t, LEX_EN, 0}
#define ES(w, t) {w, t, LEX_ES, 0}
#define ENF(w, t) {w, t, LEX_EN, LEX_FORM}
#define ESF(w, t) {w, t, LEX_ES, LEX_FORM}
#define ENT(w, t) {w, t, LEX_EN, LEX_TYPO}
#define EST(w, t) {w, t, LEX_ES, LEX_TYPO}

static const struct lex_entry lexicon[] = {
    /* the self */
    ENF("i", T_SELFSUBJ), ENF("im", T_SELFSUBJ), ENF("ive", T_SELFSUBJ), ENF("id", T_SELFSUBJ),
    ENF("ill", T_SELFSUBJ), ENF("imma", T_SELFSUBJ | T_TIME), ENF("ima", T_SELFSUBJ | T_TIME),
    ENF("me", T_SELFOBJ), ENF("myself", T_SELFOBJ), ENF("my", T_SELFOBJ), ENF("mine", T_SELFOBJ),
    ENF("myslef", T_SELFOBJ), ENF("meself", T_SELFOBJ), ENF("mself", T_SELFOBJ),
    ENF("myslf", T_SELFOBJ), ENF("mysef", T_SELFOBJ), ENF("myselff", T_SELFOBJ),
    ESF("yo", T_SELFSUBJ), ESF("mi", T_SELFOBJ), ESF("mis", T_SELFOBJ), ESF("mismo", T_SELFOBJ),
    ESF("misma", T_SELFOBJ), ESF("conmigo", T_SELFOBJ),
    /* somebody else */
    ENF("he", T_OTHER), ENF("she", T_OTHER), ENF("hes", T_OTHER), ENF("shes", T_OTHER),
    ENF("his", T_OTHER), ENF("her", T_OTHER), ENF("him", T_OTHER), ENF("they", T_OTHER),
    ENF("theyre", T_OTHER), ENF("their", T_OTHER), ENF("them", T_OTHER),
    EN("friend", T_OTHER), EN("cousin", T_OTHER), EN("brother", T_OTHER), EN("sister", T_OTHER),
    ENF("bro", T_OTHER), ENF("sis", T_OTHER), EN("mom", T_OTHER), ENF("moms", T_OTHER),
    EN("mother", T_OTHER), EN("dad", T_OTHER), EN("father", T_OTHER), EN("son", T_OTHER),
    EN("daughter", T_OTHER), EN("roommate", T_OTHER), EN("roomate", T_OTHER),
    EN("buddy", T_OTHER), ENF("bf", T_OTHER), ENF("gf", T_OTHER), EN("boyfriend", T_OTHER),
    EN("girlfriend", T_OTHER), EN("husband", T_OTHER), EN("wife", T_OTHER), EN("uncle", T_OTHER),
    EN("aunt", T_OTHER), EN("homie", T_OTHER), EN("neighbor", T_OTHER), EN("coworker", T_OTHER),
    EN("nephew", T_OTHER), EN("niece", T_OTHER), EN("grandma", T_OTHER), EN("grandpa", T_OTHER),
    EN("ex", T_OTHER), EN("guy", T_OTHER), EN("girl", T_OTHER), EN("client", T_OTHER),
    EN("patient", T_OTHER), EN("celebrity", T_OTHER), EN("character", T_OTHER),
    ESF("ella", T_OTHER), ESF("ellos", T_OTHER),
    ES("hermano", T_OTHER), ES("hermana", T_OTHER), ES("primo", T_OTHER), ES("prima", T_OTHER),
    ESF("tio", T_OTHER), ESF("tia", T_OTHER), ESF("mama", T_OTHER), ESF("papa", T_OTHER),
    ESF("amigo", T_OTHER), ESF("amiga", T_OTHER), ESF("amigos", T_OTHER), ES("vecino", T_OTHER),
    ES("esposo", T_OTHER), ES("esposa", T_OTHER), ES("novio", T_OTHER), ES("novia", T_OTHER),
    ESF("hijo", T_OTHER), ESF("hija", T_OTHER), ESF("compa", T_OTHER), ESF("roomie", T_OTHER),
    ES("companero", T_OTHER), ESF("abuela", T_OTHER), ESF("abuelo", T_OTHER),
    /* dying and killing */
    ENT("die", T_DIE), ENF("died", T_DIE), ENF("dying", T_DIE), ENF("dead", T_DIE),
    ENT("death", T_DIE), ENF("ded", T_DIE), ENF("dye", T_DIE), ENF("diee", T_DIE),
    ENT("suicide", T_SUICIDE | T_DIE), ENT("suicidal", T_SUICIDE | T_DIE),
    ENF("suicidial", T_SUICIDE | T_DIE), ENF("sucidal", T_SUICIDE | T_DIE),
    ENF("unalive", T_SUICIDE | T_DIE), ENF("unaliving", T_SUICIDE | T_DIE),
    ENF("unalived", T_SUICIDE | T_DIE),
    ENF("sewerslide", T_SUICIDE | T_DIE), ENF("selfdelete", T_SUICIDE | T_DIE),
    ENT("kill", T_KILL | T_DIE), ENF("kil", T_KILL | T_DIE), ENF("killin", T_KILL | T_DIE),
    ENF("offing", T_KILL | T_DIE), ENF("kmsl", T_IDIOM_NEXT),
    ES("morir", T_DIE), ESF("morirme", T_DIE), ESF("muero", T_DIE), ESF("muera", T_DIE),
    ESF("muerto", T_DIE), ESF("muerta", T_DIE), EST("muerte", T_DIE), ESF("morirse", T_DIE),
    ESF("morire", T_DIE), ESF("moriria", T_DIE), ESF("muriendo", T_DIE),
    EST("matarme", T_SUICIDE | T_DIE), ESF("matar", T_KILL | T_DIE), ESF("desvivir", T_SUICIDE | T_DIE), ESF("desvivirme", T_SUICIDE | T_DIE), ESF("mato", T_KILL | T_DIE),
    ESF("mate", T_KILL | T_DIE), ES("suicidio", T_SUICIDE | T_DIE),
    EST("suicidarme", T_SUICIDE | T_DIE), ESF("suicida", T_SUICIDE | T_DIE),
    ESF("suicidar", T_SUICIDE | T_DIE), ESF("desaparecer", T_WANT | T_DIE),
    /* idioms around dying */
    ENF("to", T_IDIOM_NEXT), ENF("laughing", T_IDIOM_NEXT), ENF("tired", T_IDIOM_NEXT),
    ENF("inside", T_IDIOM_NEXT), ENF("serious", T_IDIOM_NEXT), ENF("school", T_IDIOM_NEXT),
    ENF("five", T_IDIOM_NEXT), ENF("hopes", T_IDIOM_NEXT), ENF("fives", T_IDIOM_NEXT),
    ENF("pressure", T_IDIOM_NEXT), ENF("score", T_IDIOM_NEXT), ENF("grade", T_IDIOM_NEXT),
    ENF("grades", T_IDIOM_NEXT), ENF("standards", T_IDIOM_NEXT), ENF("quality", T_IDIOM_NEXT),
    ENF("ground", T_IDIOM_NEXT), ENF("risk", T_IDIOM_NEXT), ENF("noon", T_IDIOM_NEXT),
    ENF("rise", T_IDIOM_NEXT), ENF("key", T_IDIOM_NEXT), ENF("end", T_IDIOM_NEXT), ENF("wrong", T_IDIOM_NEXT),
    ENF("de", T_IDIOM_NEXT), ENF("risa", T_IDIOM_NEXT), ENF("hambre", T_IDIOM_NEXT),
    ENF("sueno", T_IDIOM_NEXT), ENF("cansancio", T_IDIOM_NEXT), ENF("calor", T_IDIOM_NEXT),
    ENF("frio", T_IDIOM_NEXT), ENF("fun", T_IDIOM_NEXT),
    EN("phone", T_IDIOM_PREV), EN("battery", T_IDIOM_PREV), EN("car", T_IDIOM_PREV),
    EN("plant", T_IDIOM_PREV), EN("laptop", T_IDIOM_PREV), EN("bateria", T_IDIOM_PREV),
    EN("celular", T_IDIOM_PREV), ENF("tv", T_IDIOM_PREV), EN("show", T_IDIOM_PREV),
    EN("game", T_IDIOM_PREV), EN("party", T_IDIOM_PREV), EN("spirits", T_IDIOM_PREV),
    /* wanting, planning */
    EN("want", T_WANT), ENF("wanna", T_WANT), ENF("wan", T_WANT), ENF("wnt", T_WANT),
    ENF("wana", T_WANT), ENF("wna", T_WANT), ENF("wanted", T_WANT), EN("wish", T_WANT),
    EN("hope", T_WANT), EN("ready", T_WANT), EN("plan", T_WANT), EN("decide", T_WANT),
    ENF("tryna", T_WANT), EN("urge", T_WANT), ENF("prefer", T_WANT), ENF("rather", T_WANT),
    EN("pray", T_WANT), EN("thinking", T_WANT), EN("tempt", T_WANT), ENF("finna", T_WANT | T_TIME),
    EN("consider", T_WANT), EN("fantasize", T_WANT),
    ESF("quiero", T_WANT), ESF("quisiera", T_WANT), ESF("ganas", T_WANT), ESF("deseo", T_WANT),
    ESF("ojala", T_WANT), ESF("pienso", T_WANT), ESF("pensando", T_WANT), ESF("listo", T_WANT),
    ESF("lista", T_WANT), ESF("planeo", T_WANT), ESF("kiero", T_WANT), ESF("qiero", T_WANT),
    ESF("prefiero", T_WANT),
    /* a time, the future */
    EN("tonight", T_TIME), ENF("tonite", T_TIME), ENF("2nite", T_TIME), EN("today", T_TIME),
    EN("tomorrow", T_TIME), ENF("tmrw", T_TIME), ENF("tmr", T_TIME), EN("soon", T_TIME),
    ENF("gonna", T_TIME), ENF("gunna", T_TIME), ENF("gna", T_TIME), ENF("bout", T_TIME), ENF("going", T_TIME), ENF("will", T_TIME),
    EN("weekend", T_TIME), ENF("later", T_TIME),
    ESF("hoy", T_TIME), ESF("manana", T_TIME), ESF("noche", T_TIME), ESF("viernes", T_TIME),
    ESF("sabado", T_TIME), ESF("domingo", T_TIME), ENF("friday", T_TIME), ENF("saturday", T_TIME),
    ENF("sunday", T_TIME), ENF("monday", T_TIME), ENF("morning", T_TIME), ESF("pronto", T_TIME), ESF("voy", T_TIME),
    ESF("vas", T_TIME),
    /* harm to the self */
    EN("cut", T_HARMV), ENF("cuttin", T_HARMV), EN("burn", T_HARMV), ENF("burnt", T_HARMV),
    EN("hurt", T_HARMV), EN("harm", T_HARMV), EN("scratch", T_HARMV), EN("bleed", T_HARMV),
    ENF("bled", T_HARMV), EN("punch", T_HARMV), EN("starve", T_HARMV), EN("slit", T_HARMV),
    EN("carve", T_HARMV), EN("bang", T_HARMV), EN("hitting", T_HARMV),
    ENF("cutter", T_SELFHARM | T_HARMV), ENF("banged", T_HARMV), ENF("hit", T_HARMV),
    ENF("pegue", T_HARMV), ENF("kll", T_KILL | T_DIE), ENF("matr", T_KILL | T_DIE), ESF("m", T_SELFOBJ),
    ENF("acabe", T_TOOK), ENF("eche", T_TOOK), ENF("enough", T_AMOUNT), ENF("everyones", T_EVERYONE),
    ENF("night", T_TIME), ENF("anoche", T_TIME), ENF("rails", T_MEANS), ENF("orilla", T_MEANS),
    ENF("tramadoles", T_MED), ENF("pastillas", T_MED | T_MEANS), ENF("shd", T_SELFHARM | T_HARMV), ENF("bit", T_HARMV),
    ENF("pego", T_HARMV), ENF("pegando", T_HARMV), ENF("golpeo", T_HARMV), ENF("selfharm", T_SELFHARM | T_HARMV),
    ENF("sh", T_SELFHARM | T_HARMV),
    ES("cortar", T_HARMV), ESF("cortarme", T_HARMV | T_SELFHARM), ESF("corte", T_HARMV),
    ESF("cortando", T_HARMV), ES("lastimar", T_HARMV), ESF("lastimarme", T_HARMV | T_SELFHARM),
    ESF("lastime", T_HARMV), ESF("quemar", T_HARMV), ESF("queme", T_HARMV), ESF("dano", T_HARMV),
    ESF("golpear", T_HARMV), ESF("herir", T_HARMV), ESF("herirme", T_HARMV | T_SELFHARM),
    ESF("rayar", T_HARMV),
    EN("wrist", T_BODY), EN("forearm", T_BODY), EN("thighs", T_BODY), ESF("cara", T_BODY),
    ESF("cabeza", T_BODY), ESF("mano", T_BODY | T_PRESENCE), ESF("manos", T_BODY),
    ESF("pierna", T_BODY), EN("arm", T_BODY), EN("thigh", T_BODY), EN("leg", T_BODY),
    EN("skin", T_BODY), EN("stomach", T_BODY), EN("hip", T_BODY), EN("head", T_BODY),
    EN("knuckle", T_BODY), EN("hand", T_BODY | T_PRESENCE), EN("fist", T_BODY),
    EN("face", T_BODY), EN("chest", T_BODY), EN("rib", T_BODY), EN("finger", T_BODY),
    ESF("brazo", T_BODY), ESF("brazos", T_BODY), ESF("munecas", T_BODY), ESF("muneca", T_BODY),
    ESF("piernas", T_BODY), ESF("piel", T_BODY),
    /* means */
    EN("pill", T_MEANS | T_MED), EN("meds", T_MEANS | T_MED), EN("medication", T_MEANS | T_MED),
    EN("rope", T_MEANS), ENF("noose", T_MEANS), EN("gun", T_MEANS), EN("pistol", T_MEANS),
    EN("rifle", T_MEANS), EN("shotgun", T_MEANS), EN("bullet", T_MEANS), EN("blade", T_MEANS),
    EN("razor", T_MEANS), EN("knife", T_MEANS), EN("bridge", T_MEANS), EN("roof", T_MEANS),
    EN("rooftop", T_MEANS), EN("ledge", T_MEANS), EN("tracks", T_MEANS), EN("cliff", T_MEANS),
    EN("overpass", T_MEANS), EN("exhaust", T_MEANS), EN("garage", T_MEANS), EN("belt", T_MEANS),
    EN("cord", T_MEANS), ENF("strap", T_MEANS), ENF("blicky", T_MEANS), ENF("glock", T_MEANS),
    ENF("hose", T_MEANS), ENF("charcoal", T_MEANS), ENF("river", T_MEANS), ENF("garaje", T_MEANS), ENF("cochera", T_MEANS),
    ENF("cinturon", T_MEANS), ENF("lighter", T_MEANS), ENF("blades", T_MEANS), ENF("benzos", T_MEANS | T_MED), EN("bottle", T_MEANS | T_AMOUNT), EN("stash", T_MEANS),
    ES("pastilla", T_MEANS | T_MED), ESF("pastillas", T_MEANS | T_MED), ESF("soga", T_MEANS),
    ESF("cuerda", T_MEANS), ESF("pistola", T_MEANS), ESF("arma", T_MEANS), ESF("navaja", T_MEANS),
    ESF("cuchillo", T_MEANS), ESF("puente", T_MEANS), ESF("azotea", T_MEANS), ESF("vias", T_MEANS),
    ESF("tren", T_MEANS), ESF("balcon", T_MEANS), ESF("cuchilla", T_MEANS),
    ESF("medicamentos", T_MEANS | T_MED), ESF("frasco", T_MEANS | T_AMOUNT),
    /* presence of a means */
    ENF("here", T_PRESENCE | T_AROUND), ENF("front", T_PRESENCE), ENF("next", T_PRESENCE),
    ENF("hand", T_PRESENCE), ENF("holding", T_PRESENCE), EN("count", T_PRESENCE),
    ENF("loaded", T_PRESENCE), ENF("tied", T_PRESENCE), ENF("lined", T_PRESENCE),
    ENF("sitting", T_PRESENCE), ENF("staring", T_PRESENCE), ENF("standing", T_PRESENCE),
    ENF("edge", T_PRESENCE), ENF("top", T_PRESENCE), ENF("hanging", T_PRESENCE), ENF("running", T_PRESENCE),
    ENF("saving", T_PRESENCE), ENF("saved", T_PRESENCE), ENF("hoarding", T_PRESENCE),
    ENF("aqui", T_PRESENCE | T_AROUND), ENF("aca", T_PRESENCE | T_AROUND),
    ESF("frente", T_PRESENCE), ESF("mano", T_PRESENCE), ESF("contadas", T_PRESENCE),
    ESF("cargada", T_PRESENCE), ESF("lado", T_PRESENCE), ESF("encima", T_PRESENCE),
    ESF("guardando", T_PRESENCE), ESF("juntando", T_PRESENCE), ESF("amarrado", T_PRESENCE),
    ESF("prendido", T_PRESENCE), ESF("encendido", T_PRESENCE), ESF("enfrente", T_PRESENCE),
    ESF("cargado", T_PRESENCE), ENF("taped", T_PRESENCE), ENF("counting", T_PRESENCE),
    /* getting */
    ENF("got", T_GOT), ENF("bought", T_GOT), EN("buy", T_GOT), ENF("picked", T_GOT),
    ENF("scored", T_GOT), ENF("grabbed", T_GOT), ENF("found", T_GOT),
    ESF("consegui", T_GOT), ESF("compre", T_GOT), ESF("tengo", T_GOT | T_SELFSUBJ),
    ESF("agarre", T_GOT), ESF("quiero", T_WANT | T_SELFSUBJ), ESF("soy", T_SELFSUBJ),
    /* amounts */
    EN("handful", T_AMOUNT), ENF("whole", T_AMOUNT), ENF("all", T_AMOUNT), EN("bunch", T_AMOUNT),
    ENF("entire", T_AMOUNT), ENF("lot", T_AMOUNT), ENF("lots", T_AMOUNT), ENF("many", T_AMOUNT),
    ENF("twenty", T_AMOUNT), ENF("thirty", T_AMOUNT), ENF("fifty", T_AMOUNT), ENF("ten", T_AMOUNT),
    ENF("dozen", T_AMOUNT), ENF("extra", T_AMOUNT), ENF("double", T_AMOUNT), ENF("every", T_AMOUNT),
    ENF("rest", T_AMOUNT), ENF("fistful", T_AMOUNT), ENF("caja", T_AMOUNT), ENF("once", T_AMOUNT),
    ENF("toda", T_AMOUNT), ENF("las", T_IDIOM_PREV),
    ENF("mg", T_AMOUNT), ENF("x", T_AMOUNT),
    ESF("todas", T_AMOUNT), ESF("todo", T_AMOUNT), ESF("puno", T_AMOUNT),
    ESF("monton", T_AMOUNT), ESF("muchas", T_AMOUNT), ESF("veinte", T_AMOUNT),
    ESF("treinta", T_AMOUNT), ESF("diez", T_AMOUNT),
    /* everyday uses of means, notes and events */
    ENF("range", T_SAFE), ENF("hunting", T_SAFE), ENF("doctor", T_SAFE), ENF("prescribed", T_SAFE),
    ENF("refill", T_SAFE), ENF("pharmacy", T_SAFE), ENF("forgot", T_SAFE), ENF("vitamin", T_SAFE),
    ENF("vitamins", T_SAFE), ENF("test", T_SAFE), ENF("exam", T_SAFE), ENF("quiz", T_SAFE),
    ENF("ged", T_SAFE), ENF("supply", T_SAFE), ENF("prescription", T_SAFE), ENF("dose", T_SAFE),
    ENF("dosage", T_SAFE), ENF("taper", T_SAFE), ENF("tapering", T_SAFE), ENF("clinic", T_SAFE), ENF("license", T_SAFE), ENF("fridge", T_SAFE), ENF("deleted", T_SAFE), ENF("blocked", T_SAFE),
    ENF("delete", T_SAFE), ENF("block", T_SAFE), ENF("lockbox", T_SAFE), ENF("locked", T_SAFE),
    ENF("gave", T_SAFE | T_GIVE), ENF("flushed", T_SAFE), ENF("poured", T_SAFE), ENF("tossed", T_SAFE), ENF("keytag", T_SOBER), ENF("dumped", T_SAFE),
    ENF("cooking", T_SAFE), ENF("recipe", T_SAFE), ENF("fishing", T_SAFE), ENF("drove", T_SAFE),
    ENF("traffic", T_SAFE), ENF("workout", T_SAFE), ENF("gym", T_SAFE), ENF("thank", T_SAFE),
    ENF("doctora", T_SAFE), ENF("receta", T_SAFE), ENF("farmacia", T_SAFE), ENF("bloquee", T_SAFE),
    ENF("borre", T_SAFE),
    /* overdose */
    ENF("narcan", T_NARCAN), ENF("narcanned", T_NARCAN), ENF("narcaned", T_NARCAN),
    ENF("naloxone", T_NARCAN), ENF("naloxona", T_NARCAN),
    ENF("tylenol", T_MED), ENF("advil", T_MED), ENF("ibuprofen", T_MED), ENF("xanax", T_MED),
    ENF("klonopin", T_MED), ENF("ativan", T_MED), ENF("ambien", T_MED), ENF("seroquel", T_MED),
    ENF("trazodone", T_MED), ENF("oxy", T_MED), ENF("oxys", T_MED), ENF("percocet", T_MED),
    ENF("percs", T_MED), ENF("vicodin", T_MED), ENF("insulin", T_MED), ENF("lithium", T_MED),
    ENF("benadryl", T_MED), ENF("aspirin", T_MED), ENF("tramadol", T_MED),
    ENF("gabapentin", T_MED), ENF("suboxone", T_MED), ENF("methadone", T_MED),
    ENF("prazosin", T_MED), ENF("melatonin", T_MED), ENF("alprazolam", T_MED), ENF("quetiapina", T_MED),
    ENF("quetiapine", T_MED), ENF("ibuprofeno", T_MED), ENF("heart", T_IDIOM_NEXT), ENF("presion", T_IDIOM_NEXT),
    ENF("valium", T_MED), ENF("norco", T_MED), ENF("dilaudid", T_MED), ENF("lorazepam", T_MED), ENF("zoloft", T_MED), ENF("lexapro", T_MED), ENF("prozac", T_MED),
    ENF("wellbutrin", T_MED), ENF("adderall", T_MED), ENF("tabs", T_MED), ENF("tablets", T_MED),
    ENF("capsules", T_MED), ENF("sleeping", T_MED), ENF("nyquil", T_MED), ENF("motrin", T_MED),
    ENF("acetaminophen", T_MED), ENF("paracetamol", T_MED), ENF("clonazepam", T_MED),
    ENF("pastis", T_MED), ENF("pildoras", T_MED), ENF("clonazepan", T_MED), ENF("rivotril", T_MED),
    EN("take", T_TOOK), ENF("took", T_TOOK), ENF("taken", T_TOOK), ENF("tooke", T_TOOK),
    EN("swallow", T_TOOK), ENF("popped", T_TOOK | T_USEV), ENF("downed", T_TOOK),
    ENF("chugged", T_TOOK), ESF("tome", T_TOOK | T_USEV), ENF("chased", T_TOOK),
    ENF("finished", T_TOOK | T_DONE), ENF("ate", T_TOOK), ENF("down", T_TOOK), ESF("pase", T_TOOK), ESF("trague", T_TOOK),
    ESF("tomando", T_TOOK), ESF("tomar", T_TOOK), ESF("lleve", T_TOOK),
    /* farewells and final acts */
    ENT("goodbye", T_FAREWELL), ENF("goodbyes", T_FAREWELL), ENF("bye", T_FAREWELL),
    EN("farewell", T_FAREWELL), ENF("byee", T_FAREWELL), ENF("cya", T_FAREWELL),
    ESF("adios", T_FAREWELL), ESF("despedirme", T_FAREWELL), ESF("despido", T_FAREWELL),
    ESF("despedida", T_FAREWELL), ES("despedir", T_FAREWELL),
    ENF("last", T_FINAL), ENF("final", T_FINAL), ENF("forever", T_FINAL), ENF("anymore", T_FINAL),
    ENF("longer", T_FINAL), ENF("ever", T_FINAL), ENF("eternally", T_FINAL),
    ESF("ultimo", T_FINAL), ESF("ultima", T_FINAL), ESF("siempre", T_FINAL),
    ENF("everyone", T_EVERYONE), ENF("everybody", T_EVERYONE), ENF("yall", T_EVERYONE),
    ENF("evryone", T_EVERYONE), ESF("todos", T_EVERYONE), ESF("ustedes", T_EVERYONE),
    ENF("everything", T_EVERYTHING), ENF("evrything", T_EVERYTHING), ENF("life", T_EVERYTHING),
    ESF("todo", T_EVERYTHING), ESF("vida", T_EVERYTHING),
    EN("give", T_GIVE), ENF("giving", T_GIVE), ES("regalar", T_GIVE), ESF("regale", T_GIVE),
    ESF("regalando", T_GIVE), ESF("dejando", T_GIVE),
    EN("stuff", T_BELONGING), ENF("things", T_BELONGING), EN("dog", T_BELONGING),
    EN("cat", T_BELONGING), EN("guitar", T_BELONGING), EN("clothes", T_BELONGING),
    EN("belonging", T_BELONGING), EN("pet", T_BELONGING), EN("puppy", T_BELONGING),
    EN("kitten", T_BELONGING), EN("jewelry", T_BELONGING), ENF("possessions", T_BELONGING),
    ESF("cosas", T_BELONGING), ESF("perro", T_BELONGING), ESF("perrito", T_BELONGING),
    ESF("gato", T_BELONGING), ESF("ropa", T_BELONGING), EN("bike", T_BELONGING),
    EN("game", T_BELONGING), EN("laptop", T_BELONGING), ENF("xbox", T_BELONGING),
    ENF("playstation", T_BELONGING), ENF("ps5", T_BELONGING), EN("ring", T_BELONGING),
    EN("watch", T_BELONGING), EN("tv", T_BELONGING), EN("record", T_BELONGING),
    EN("book", T_BELONGING), EN("tool", T_BELONGING), EN("plant", T_BELONGING),
    ESF("bicicleta", T_BELONGING), ESF("anillo", T_BELONGING), ESF("reloj", T_BELONGING),
    ENF("away", T_AWAY), ENF("home", T_AWAY), ENF("rehome", T_AWAY),
    EN("note", T_NOTE), EN("letter", T_NOTE), ENF("notes", T_NOTE), ESF("carta", T_NOTE),
    ESF("cartas", T_NOTE), ESF("nota", T_NOTE),
    ENF("affairs", T_FINALACT), ENF("passwords", T_FINALACT), ENF("testament", T_FINALACT),
    ENF("contrasenas", T_FINALACT), ENF("permanently", T_FINAL),
    ESF("testamento", T_FINALACT),
    /* time running out */
    ENF("around", T_AROUND), ENF("alive", T_AROUND), ENF("through", T_AROUND),
    ENF("thru", T_AROUND), ESF("estar", T_AROUND), ESF("vivo", T_AROUND), ESF("viva", T_AROUND),
    ESF("aguanto", T_AROUND), ESF("estuviera", T_AROUND), ESF("existiera", T_AROUND),
    ESF("viviera", T_AROUND), ESF("existo", T_AROUND), ENF("exist", T_AROUND), ENF("existed", T_AROUND),
    /* negation */
    ENF("not", T_NEG), ENF("no", T_NEG), ENF("never", T_NEG), ENF("dont", T_NEG),
    ENF("doesnt", T_NEG), ENF("didnt", T_NEG), ENF("wont", T_NEG), ENF("wouldnt", T_NEG),
    ENF("isnt", T_NEG), ENF("arent", T_NEG), ENF("aint", T_NEG), ENF("wasnt", T_NEG),
    ENF("havent", T_NEG), ENF("hasnt", T_NEG), ENF("cant", T_NEG), ENF("cannot", T_NEG),
    ENF("nt", T_NEG), ENF("nunca", T_NEG), ENF("jamas", T_NEG), ENF("ni", T_NEG),
    ENF("dnt", T_NEG), ENF("wnt", T_NEG), ENF("nah", T_NEG), ENF("nope", T_NEG),
    ENF("nor", T_NEG), ENF("without", T_GONE),
    /* burden, better off */
    ENT("burden", T_BURDEN), ESF("carga", T_BURDEN), ESF("estorbo", T_BURDEN),
    ENF("better", T_BETTER), ESF("mejor", T_BETTER), ESF("mejores", T_BETTER),
    ENF("gone", T_GONE), ESF("sin", T_GONE), ENF("w/o", T_GONE), ENF("wo", T_GONE),
    /* waking, sleeping, god */
    EN("wake", T_WAKE), ENF("woke", T_WAKE), ENF("waking", T_WAKE), ES("despertar", T_WAKE),
    ESF("despierte", T_WAKE), ESF("despertarme", T_WAKE),
    EN("sleep", T_SLEEP), ESF("dormir", T_SLEEP), ESF("dormirme", T_SLEEP),
    ENF("god", T_GOD), ENF("lord", T_GOD), ENF("jesus", T_GOD), ESF("dios", T_GOD),
    ESF("diosito", T_GOD), ESF("senor", T_GOD),
    /* relapse: states now */
    ENF("high", T_STATE), ENF("drunk", T_STATE), ENF("wasted", T_STATE), ENF("faded", T_STATE),
    ENF("lit", T_STATE), ENF("buzzed", T_STATE), ENF("tipsy", T_STATE), ENF("hammered", T_USEACT), ENF("rolling", T_STATE),
    ENF("blasted", T_USEACT), ENF("chipping", T_USEACT), ENF("inyecte", T_USEACT),
    ENF("empede", T_USEACT), ENF("pisteando", T_USEACT), ENF("pistear", T_USEACT),
    ENF("puesto", T_STATE), ENF("buzz", T_STATE), ENF("acelerado", T_STATE), ENF("zooted", T_USEACT), ENF("plastered", T_USEACT),
    ESF("pasao", T_USEACT), ESF("jalao", T_USEACT), ESF("arrebatao", T_USEACT),
    ESF("bolo", T_USEACT), ESF("loco", T_STATE), ESF("peda", T_DRUG | T_STATE),
    ENF("stoned", T_STATE), ENF("blazed", T_STATE), ENF("zooted", T_STATE), ENF("tweaking", T_USEACT),
    ENF("tweakin", T_USEACT), ENF("geeked", T_STATE), ENF("nodding", T_USEACT),
    ENF("noddin", T_USEACT), ENF("nodded", T_USEACT), ENF("loaded", T_STATE),
    ENF("trashed", T_STATE), ENF("plastered", T_STATE), ENF("smashed", T_STATE),
    ENF("drunkk", T_STATE), ENF("fucked", T_STATE), ENF("twisted", T_STATE),
    ESF("borracho", T_STATE | T_USEACT), ESF("borracha", T_STATE | T_USEACT),
    ESF("pedo", T_STATE), ESF("pasado", T_STATE), ESF("drogado", T_STATE | T_USEACT),
    ESF("drogada", T_STATE | T_USEACT), ESF("crudo", T_STATE), ESF("cruda", T_STATE),
    ESF("prendido", T_STATE), ESF("volado", T_STATE), ESF("volada", T_STATE),
    ESF("marihuano", T_STATE), ESF("jalado", T_STATE), ESF("enfiestado", T_STATE),
    ESF("tomado", T_STATE), ESF("tomada", T_STATE), ESF("mariado", T_STATE),
    ESF("mareado", T_STATE), ESF("arrebatado", T_STATE), ESF("endrogado", T_STATE | T_USEACT),
    ENF("so", T_INTENS), ENF("af", T_INTENS), ENF("as", T_INTENS), ENF("hell", T_INTENS),
    ENF("ando", T_SELFSUBJ | T_INTENS), ENF("asf", T_INTENS), ENF("rn", T_INTENS), ENF("currently", T_INTENS), ENF("atm", T_INTENS),
    ENF("now", T_INTENS), ENF("really", T_INTENS), ENF("pretty", T_INTENS), ENF("super", T_INTENS),
    ENF("hella", T_INTENS), ENF("kinda", T_INTENS), ENF("still", T_INTENS), ENF("very", T_INTENS),
    ENF("muy", T_INTENS), ENF("bien", T_INTENS), ENF("ahorita", T_INTENS), ENF("ahora", T_INTENS),
    ENF("bastante", T_INTENS), ENF("tan", T_INTENS), ENF("estoy", T_SELFSUBJ),
    ENF("ando", T_SELFSUBJ), ENF("estaba", T_SELFSUBJ), ENF("am", T_SELFSUBJ),
    ENF("getting", T_GOT), ENF("get", T_GOT), ENF("gettin", T_GOT), ENF("feel", T_SELFSUBJ),
    ENF("feeling", T_SELFSUBJ),
    /* relapse: acts */
    ENT("relapse", T_USEACT), ENT("relapsed", T_USEACT), ENF("relapsing", T_USEACT),
    ENF("copped", T_USEACT), ENF("coppin", T_USEACT), ENF("cop", T_USEV),
    ENF("slipped", T_USEACT), ENF("recai", T_USEACT), ENF("recaida", T_USEACT),
    ENF("binge", T_USEACT), ENF("bender", T_USEACT),
    ENF("blackout", T_USEACT), ENF("blacked", T_USEACT), ENF("railed", T_USEV),
    ENF("smoked", T_USEV), ENF("smoking", T_USEV), ENF("smoke", T_USEV), ENF("drank", T_USEV),
    ENF("drinking", T_USEV), ENF("drink", T_USEV), ENF("snorted", T_USEV), ENF("sniffed", T_USEV),
    ENF("shot", T_USEV), ENF("slammed", T_USEV), ENF("used", T_USEV), ENF("using", T_USEV),
    ENF("tried", T_USEV), ENF("did", T_USEV), ENF("hit", T_USEV), ENF("had", T_USEV),
    ENF("poppin", T_USEV), ENF("popping", T_USEV), ENF("sipped", T_USEV), ENF("sippin", T_USEV),
    ENF("sipping", T_USEV), ENF("bumped", T_USEV), ENF("puffed", T_USEV), ENF("dabbed", T_USEV), ENF("rip", T_USEV), ENF("rips", T_USEV),
    ENF("vaped", T_USEV), ENF("injected", T_USEV), ENF("banged", T_USEV),
    ESF("fume", T_USEV), ESF("fumando", T_USEV), ESF("bebi", T_USEV), ESF("bebiendo", T_USEV),
    ESF("consumi", T_USEV | T_USEACT), ESF("consumiendo", T_USEV), ESF("meti", T_USEV),
    ESF("inhale", T_USEV), ESF("tomando", T_USEV), ESF("chupe", T_USEV), ESF("chupando", T_USEV),
    ESF("pisteando", T_USEV), ESF("pistie", T_USEV), ESF("jale", T_USEV), ESF("esnife", T_USEV),
    ESF("probe", T_USEV), ESF("di", T_USEV), ESF("entre", T_USEV), ENF("blew", T_USEV | T_LOSTV),
    ENF("took", T_TOOK | T_USEV), ENF("taking", T_TOOK | T_USEV), ESF("eche", T_USEV), ESF("echamos", T_USEV), ESF("echando", T_USEV),
    ESF("pegue", T_USEV), ESF("fumamos", T_USEV), ESF("tomamos", T_USEV), ESF("use", T_USEV), ESF("drogue", T_USEACT), ESF("emborrache", T_USEACT),
    ESF("me", T_SELFOBJ),
    /* substances, in slang too */
    ENF("weed", T_DRUG), ENF("pot", T_DRUG), ENF("meth", T_DRUG), ENF("crack", T_DRUG),
    ENF("coke", T_DRUG), ENF("cocaine", T_DRUG), ENF("heroin", T_DRUG), ENF("dope", T_DRUG),
    ENF("fentanyl", T_DRUG), ENF("fent", T_DRUG), ENF("fetty", T_DRUG), ENF("tranq", T_DRUG),
    ENF("xans", T_DRUG), ENF("xannies", T_DRUG), ENF("xanies", T_DRUG), ENF("bars", T_DRUG),
    ENF("blues", T_DRUG), ENF("percs", T_DRUG), ENF("roxy", T_DRUG), ENF("roxies", T_DRUG),
    ENF("molly", T_DRUG), ENF("ecstasy", T_DRUG), ENF("joint", T_DRUG), ENF("blunt", T_DRUG),
    ENF("acid", T_DRUG), ENF("lsd", T_DRUG), ENF("shrooms", T_DRUG), ENF("ketamine", T_DRUG),
    ENF("ket", T_DRUG), ENF("speed", T_DRUG), ENF("beer", T_DRUG), ENF("beers", T_DRUG),
    ENF("wine", T_DRUG), ENF("vodka", T_DRUG), ENF("whiskey", T_DRUG), ENF("whisky", T_DRUG),
    ENF("tequila", T_DRUG), ENF("rum", T_DRUG), ENF("gin", T_DRUG), ENF("liquor", T_DRUG),
    ENF("booze", T_DRUG), ENF("alcohol", T_DRUG), ENF("shots", T_DRUG), ENF("drinks", T_DRUG),
    ENF("fifth", T_DRUG), ENF("pint", T_DRUG), ENF("handle", T_DRUG), ENF("tallboy", T_DRUG),
    ENF("tallboys", T_DRUG), ENF("forty", T_DRUG), ENF("brew", T_DRUG), ENF("brews", T_DRUG),
    ENF("blow", T_DRUG), ENF("yayo", T_DRUG), ENF("snow", T_DRUG), ENF("ice", T_DRUG),
    ENF("tina", T_DRUG), ENF("glass", T_DRUG), ENF("shard", T_DRUG), ENF("smack", T_DRUG),
    ENF("boy", T_DRUG), ENF("dab", T_DRUG), ENF("dabs", T_DRUG),
    ENF("cart", T_DRUG), ENF("lean", T_DRUG), ENF("drank", T_DRUG | T_USEV), ENF("oxy", T_DRUG | T_MED),
    ENF("opiates", T_DRUG), ENF("opioids", T_DRUG), ENF("pills", T_MEANS | T_MED),
    ENF("hennessy", T_DRUG), ENF("henny", T_DRUG), ENF("bud", T_DRUG), ENF("bong", T_DRUG),
    ENF("line", T_DRUG), ENF("lines", T_DRUG), ENF("bump", T_DRUG), ENF("rock", T_DRUG),
    ENF("subs", T_DRUG), ENF("pipe", T_DRUG), ENF("bar", T_DRUG), ENF("xanny", T_DRUG),
    ENF("8ball", T_DRUG), ENF("eightball", T_DRUG), ENF("ball", T_DRUG), ENF("speedball", T_DRUG),
    ENF("foco", T_DRUG), ENF("bowl", T_DRUG), ENF("gallo", T_DRUG), ENF("churro", T_DRUG),
    ENF("pericazo", T_DRUG), ESF("mariguano", T_STATE), ESF("mariguana", T_DRUG), ENF("pipa", T_DRUG), ENF("azules", T_DRUG), ENF("pase", T_DRUG | T_TOOK),
    ENF("jalones", T_DRUG), ENF("dragon", T_DRUG), ENF("surte", T_DEALER), ENF("surtir", T_DEALER), ENF("raya", T_DRUG), ENF("rayas", T_DRUG), ENF("pingas", T_DRUG),
    ENF("shot", T_DRUG | T_USEV), ENF("flu", T_SAFE), ENF("vaccine", T_SAFE), ENF("booster", T_SAFE), ENF("k2", T_DRUG), ENF("spice", T_DRUG), ENF("downers", T_DRUG),
    ENF("uppers", T_DRUG), ENF("addys", T_DRUG), ENF("dust", T_DRUG),
    ENF("cola", T_SAFE), ESF("cerveza", T_DRUG), ESF("cervezas", T_DRUG), ESF("chela", T_DRUG), ESF("chelas", T_DRUG),
    ESF("vino", T_DRUG), ESF("mota", T_DRUG), ESF("coca", T_DRUG), ESF("cocaina", T_DRUG),
    ESF("heroina", T_DRUG), ESF("cristal", T_DRUG), ESF("piedra", T_DRUG), ESF("trago", T_DRUG),
    ESF("tragos", T_DRUG), ESF("pisto", T_DRUG), ESF("guaro", T_DRUG), ESF("perico", T_DRUG),
    ESF("polvo", T_DRUG), ESF("perica", T_DRUG), ESF("caguama", T_DRUG), ESF("caguamas", T_DRUG),
    ESF("ron", T_DRUG), ESF("pasto", T_DRUG), ESF("porro", T_DRUG), ESF("toque", T_DRUG),
    ESF("fentanilo", T_DRUG), ESF("guaro", T_DRUG), ESF("chupe", T_DRUG), ESF("alcol", T_DRUG),
    ESF("licor", T_DRUG), ESF("mezcal", T_DRUG), ESF("crico", T_DRUG), ESF("droga", T_DRUG),
    ESF("drogas", T_DRUG), ESF("botella", T_DRUG | T_AMOUNT),
    /* dealers */
    ENF("dealer", T_DEALER), ENF("dealers", T_DEALER), ENF("bichote", T_DEALER), ENF("plug", T_DEALER),
    ENF("connect", T_DEALER), ENF("guy", T_DEALER | T_OTHER), ENF("dboy", T_DEALER),
    ENF("trap", T_DEALER), ENF("traphouse", T_DEALER), ENF("spot", T_DEALER),
    ESF("dealer", T_DEALER), ESF("dilers", T_DEALER), ESF("diler", T_DEALER),
    ESF("transa", T_DEALER), ESF("puntero", T_DEALER), ESF("conecte", T_DEALER),
    ESF("conecta", T_DEALER), ESF("narco", T_DEALER),
    /* contact */
    EN("call", T_CONTACTV), ENF("calling", T_CONTACTV), EN("talk", T_CONTACTV),
    EN("text", T_CONTACTV), ENF("txt", T_CONTACTV), ENF("texted", T_CONTACTV),
    EN("speak", T_CONTACTV), EN("reach", T_CONTACTV), ENF("hmu", T_CONTACTV | T_REQUEST),
    ENF("met", T_CONTACTV), ENF("meet", T_CONTACTV), ENF("visit", T_CONTACTV),
    ENF("went", T_CONTACTV), ENF("saw", T_CONTACTV), ENF("hit", T_CONTACTV | T_USEV),
    ENF("contact", T_CONTACTV), ENF("respond", T_CONTACTV), ENF("answer", T_CONTACTV),
    ENF("check", T_CONTACTV), ENF("vent", T_CONTACTV), ENF("come", T_CONTACTV),
    ESF("llame", T_CONTACTV), ESF("llamen", T_CONTACTV),
    ES("hablar", T_CONTACTV), ES("llamar", T_CONTACTV), ES("marcar", T_CONTACTV), ESF("llamen", T_CONTACTV),
    ESF("llamame", T_CONTACTV | T_REQUEST | T_SELFOBJ), ESF("llameme", T_CONTACTV | T_REQUEST | T_SELFOBJ),
    ESF("marcame", T_CONTACTV | T_REQUEST | T_SELFOBJ), ESF("hablame", T_CONTACTV | T_REQUEST | T_SELFOBJ),
    ESF("escribeme", T_CONTACTV | T_REQUEST | T_SELFOBJ), ESF("platicar", T_CONTACTV),
    ESF("comunicar", T_CONTACTV), ESF("contactar", T_CONTACTV), ESF("llame", T_CONTACTV),
    ESF("hable", T_CONTACTV), ESF("llamo", T_CONTACTV), ESF("escribi", T_CONTACTV),
    ESF("vi", T_CONTACTV), ESF("fui", T_CONTACTV), ESF("marque", T_CONTACTV),
    ESF("marcar", T_CONTACTV), ESF("mande", T_CONTACTV), ESF("textie", T_CONTACTV),
    ESF("buscar", T_CONTACTV), ESF("busque", T_CONTACTV), ESF("hablarle", T_CONTACTV),
    ENF("someone", T_SOMEONE), ENF("somebody", T_SOMEONE), ENF("anyone", T_SOMEONE),
    ENF("anybody", T_SOMEONE), ENF("you", T_SOMEONE), ENF("u", T_SOMEONE), ENF("ya", T_SOMEONE),
    ENF("sum1", T_SOMEONE), ENF("some1", T_SOMEONE), ENF("peer", T_SOMEONE),
    ENF("specialist", T_SOMEONE), ENF("counselor", T_SOMEONE), ENF("sponsor", T_SOMEONE),
    ENF("person", T_SOMEONE), ESF("alguien", T_SOMEONE), ESF("usted", T_SOMEONE),
    ESF("ti", T_SOMEONE), ESF("contigo", T_SOMEONE), ESF("consejera", T_SOMEONE),
    ESF("consejero", T_SOMEONE), ESF("persona", T_SOMEONE), ESF("nadie", T_SOMEONE),
    ENF("can", T_REQUEST), ENF("could", T_REQUEST), ENF("please", T_REQUEST), ENF("pls", T_REQUEST),
    ENF("plz", T_REQUEST), ENF("need", T_REQUEST), ENF("needa", T_REQUEST), ENF("needs", T_REQUEST),
    ENF("would", T_REQUEST), ENF("asap", T_REQUEST), ENF("mind", T_REQUEST),
    ESF("necesito", T_REQUEST), ESF("puedes", T_REQUEST), ESF("puede", T_REQUEST),
    ESF("podria", T_REQUEST), ESF("podrias", T_REQUEST), ESF("porfa", T_REQUEST),
    ESF("favor", T_REQUEST), ESF("urge", T_REQUEST), ESF("ocupo", T_REQUEST),
    /* serious life events */
    ENF("funeral", T_EVENT), ENF("assault", T_EVENT), ENF("overdosed", T_IDIOM_PREV), ENF("passed", T_EVENT), ENF("died", T_EVENT),
    ENF("er", T_EVENT), ENF("hospital", T_EVENT), ENF("hospitalized", T_EVENT),
    ENF("ambulance", T_EVENT), ENF("icu", T_EVENT), ENF("admitted", T_EVENT),
    ENF("psych", T_EVENT), ENF("arrested", T_EVENT), ENF("jail", T_EVENT),
    ENF("cops", T_EVENT), ENF("police", T_EVENT), ENF("evicted", T_EVENT),
    ENF("eviction", T_EVENT), ENF("homeless", T_EVENT), ENF("fired", T_EVENT),
    ENF("laid", T_EVENT), ENF("cps", T_EVENT), ENF("custody", T_EVENT | T_LOSABLE),
    ENF("assaulted", T_EVENT), ENF("raped", T_EVENT), ENF("attacked", T_EVENT),
    ENF("stabbed", T_EVENT),
    ENF("accident", T_EVENT), ENF("miscarriage", T_EVENT),
    ENF("diagnosed", T_EVENT), ENF("cancer", T_EVENT), ENF("stroke", T_EVENT),
    ENF("emergency", T_EVENT), ENF("killed", T_EVENT | T_KILL), ENF("murdered", T_EVENT),
    ENF("kicked", T_EVENT), ENF("deported", T_EVENT), ENF("ice", T_DRUG),
    
    ENF("fallecio", T_EVENT), ENF("murio", T_EVENT), ENF("fallecieron", T_EVENT), ENF("velorio", T_EVENT),
    ENF("funeraria", T_EVENT), ENF("hospitalizado", T_EVENT), ENF("hospitalizada", T_EVENT),
    ENF("urgencias", T_EVENT), ENF("emergencias", T_EVENT), ENF("hospital", T_EVENT),
    ENF("ambulancia", T_EVENT), ENF("arrestaron", T_EVENT), ENF("carcel", T_EVENT),
    ENF("detuvieron", T_EVENT), ENF("policia", T_EVENT), ENF("desalojo", T_EVENT),
    ENF("desalojaron", T_EVENT), ENF("echaron", T_EVENT), ENF("despidieron", T_EVENT),
    ENF("corrieron", T_EVENT), ENF("custodia", T_EVENT | T_LOSABLE), ENF("golpearon", T_EVENT),
    ENF("violaron", T_EVENT), ENF("asaltaron", T_EVENT), ENF("atropello", T_EVENT),
    ENF("choque", T_EVENT), ENF("accidente", T_EVENT), ENF("migra", T_EVENT),
    ENF("deportaron", T_EVENT), ENF("encerrado", T_EVENT),
    ENF("lost", T_LOSTV), ENF("losing", T_LOSTV), ENF("broke", T_LOSTV), ENF("blew", T_LOSTV), ENF("lose", T_LOSTV), ESF("perdi", T_LOSTV),
    ESF("perdiendo", T_LOSTV), ESF("quitaron", T_LOSTV),
    ENF("job", T_LOSABLE), ENF("house", T_LOSABLE), ENF("apartment", T_LOSABLE),
    ENF("place", T_LOSABLE), ENF("kids", T_LOSABLE), ENF("baby", T_LOSABLE),
    ENF("husband", T_LOSABLE | T_OTHER), ENF("wife", T_LOSABLE | T_OTHER), ENF("home", T_LOSABLE | T_AWAY),
    ESF("trabajo", T_LOSABLE), ESF("chamba", T_LOSABLE), ESF("casa", T_LOSABLE),
    ESF("depa", T_LOSABLE), ESF("hijos", T_LOSABLE), ESF("ninos", T_LOSABLE), ESF("bebe", T_LOSABLE),
    /* despair */
    ENF("hopeless", T_DESPAIR | T_HOPELESS), ENF("pointless", T_DESPAIR | T_HOPELESS),
    ENF("worthless", T_DESPAIR | T_HOPELESS), ENF("useless", T_HOPELESS),
    ENF("empty", T_HOPELESS), ENF("numb", T_HOPELESS), ENF("nothing", T_HOPELESS),
    ENF("trapped", T_DESPAIR | T_HOPELESS), ENF("exhausted", T_HOPELESS),
    ENF("giveup", T_DESPAIR | T_HOPELESS), ENF("defeated", T_HOPELESS), ENF("broken", T_HOPELESS),
    ENF("hopelessness", T_DESPAIR | T_HOPELESS), ENF("alone", T_HOPELESS),
    ENF("meaningless", T_DESPAIR | T_HOPELESS), ENF("tired", T_IDIOM_NEXT | T_HOPELESS),
    ESF("desesperado", T_DESPAIR | T_HOPELESS), ESF("desesperada", T_DESPAIR | T_HOPELESS),
    ESF("sin", T_GONE), ESF("vacio", T_HOPELESS), ESF("vacia", T_HOPELESS),
    ESF("inutil", T_HOPELESS), ESF("rendi", T_DESPAIR | T_HOPELESS), ESF("rendirme", T_DESPAIR),
    ESF("harto", T_HOPELESS), ESF("harta", T_HOPELESS), ESF("sola", T_HOPELESS), ESF("solo", T_HOPELESS),
    ESF("cansado", T_HOPELESS), ESF("cansada", T_HOPELESS), ESF("agotado", T_HOPELESS),
    ESF("agotada", T_HOPELESS),
    ENF("point", T_POINT), ENF("sense", T_POINT), ENF("purpose", T_POINT), ENF("reason", T_POINT),
    ESF("sentido", T_POINT), ESF("caso", T_POINT), ESF("punto", T_POINT), ESF("proposito", T_POINT),
    ENF("whats", T_WHATS), ENF("what", T_WHATS), ENF("wats", T_WHATS), ENF("wuts", T_WHATS),
    ENF("whts", T_WHATS), ESF("que", T_WHATS), ESF("pa", T_WHATS), ESF("pq", T_WHATS),
    ESF("cual", T_WHATS),
    ENF("done", T_DONE), ENF("over", T_AGAIN), ENF("finished", T_DONE),
    ESF("acabado", T_DONE), ESF("acabada", T_DONE),
    /* relapse: day one again */
    ENF("day", T_DAY), ENF("dia", T_DAY), ENF("again", T_AGAIN), ENF("back", T_AGAIN),
    ENF("restart", T_AGAIN), ENF("restarting", T_AGAIN), ENF("reset", T_AGAIN),
    ENF("starting", T_AGAIN), ENF("start", T_AGAIN), ENF("otra", T_AGAIN), ENF("nuevo", T_AGAIN),
    ENF("empezar", T_AGAIN), ENF("empezando", T_AGAIN), ENF("cero", T_AGAIN),
    /* context */
    ENF("group", T_TOPIC), ENF("meeting", T_TOPIC), ENF("topic", T_TOPIC), ENF("class", T_TOPIC),
    ENF("session", T_TOPIC), ENF("video", T_TOPIC), ENF("movie", T_TOPIC), ENF("documentary", T_TOPIC),
    ENF("training", T_TOPIC), ENF("speaker", T_TOPIC), ENF("podcast", T_TOPIC), ENF("article", T_TOPIC),
    ENF("lyrics", T_TOPIC), ENF("song", T_TOPIC), ENF("book", T_TOPIC), ENF("news", T_TOPIC),
    ENF("grupo", T_TOPIC), ENF("junta", T_TOPIC), ENF("reunion", T_TOPIC), ENF("tema", T_TOPIC),
    ENF("pelicula", T_TOPIC), ENF("clase", T_TOPIC), ENF("platica", T_TOPIC), ENF("cancion", T_TOPIC),
    ENF("ago", T_PASTMARK),
    
    ENF("past", T_PASTMARK), ENF("former", T_PASTMARK), ENF("formerly", T_PASTMARK),
    ENF("anniversary", T_PASTMARK), ENF("hace", T_PASTMARK),
    ENF("pasado", T_STATE),
    ENF("solia", T_PASTMARK),
    ENF("sober", T_SOBER), ENF("sobriety", T_SOBER), ENF("clean", T_SOBER), ENF("chip", T_SOBER),
    ENF("coin", T_SOBER), ENF("milestone", T_SOBER), ENF("resisted", T_SOBER),
    ENF("refused", T_SOBER), ENF("declined", T_SOBER), ENF("turned", T_SOBER),
    ENF("craving", T_SOBER), ENF("cravings", T_SOBER), ENF("tempted", T_SOBER),
    ENF("sobrio", T_SOBER), ENF("sobria", T_SOBER), ENF("limpio", T_SOBER), ENF("limpia", T_SOBER),
    ENF("sobriedad", T_SOBER), ENF("ficha", T_SOBER), ENF("sin", T_GONE),
    ENF("but", T_CONTRAST), ENF("pero", T_CONTRAST), ENF("though", T_CONTRAST),
    ENF("although", T_CONTRAST), ENF("however", T_CONTRAST), ENF("sino", T_CONTRAST),
    ENF("tho", T_CONTRAST),
};

/* Real words one or two edits from a risk word above: never a typo of it. */
static const char *const everyday[] = {
    "suicide", "dice", "diet", "dies", "dime", "dine", "tie", "lie", "pie", "died", "dried",
    "deaths", "depth", "dearth", "kills", "skill", "still", "mill", "bill", "fill", "hill", "will",
    "till", "gill", "pills", "killer", "goodbye", "goodbyes", "burdens", "garden", "borden",
    "burned", "burden", "relapse", "relapses", "collapse", "elapse", "relaxed", "relayed",
    "released", "relapsed", "matarle", "matarte", "matarlo", "matarla", "mataron", "mataste",
    "muerta", "muerte", "fuerte", "suerte", "muerde", "mueble", "suicidal", "suicida",
    "goodby", "gooder", "deather", "leather", "feather", "heather", "weather", "breath",
    "earth", "dearth", "worth", "north", "birth", "mouth", "teeth", "death", "dealt", "heath",
    "neath", "decide", "decided", "suited", "cuidar", "cuidado",
};

#endif
