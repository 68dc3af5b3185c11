/* SPDX-License-Identifier: Apache-2.0 */
/* test_reply_concepts.c: the concept rules of reply_parse beside the
 * everyday words that must not fire them (each wanted reply failed before
 * its rule; each twin must stay quiet), the rules alone with the learned
 * model off: life events, relapse, a dealer, somebody else named, opt-outs
 * in plain words, a means at hand, despair, farewells, crisis slang,
 * acknowledgements and low scores with hopeless words. Split from
 * test_reply.c, which keeps the table of realistic replies and hostile
 * input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/reply.h"
#include "model/reply_model.h"

/* A reply and the signals the rules alone (the model off) must raise for
 * it and must not. */
struct twin {
    const char *text;
    unsigned want, never;
};

/* Each row's reply scores as it says (0: no score); each miss is printed. */
struct score_row {
    const char *text;
    double score;
};

static void check_score_rows(const struct score_row *rows, size_t n)
{
    size_t missed = 0;
    for (size_t k = 0; k < n; k++) {
        struct reply_result r;
        reply_parse(rows[k].text, strlen(rows[k].text), NULL, &r);
        bool ok = rows[k].score == 0 ? !r.has_score : r.has_score && r.score == rows[k].score;
        if (!ok) {
            print_error("\"%s\": want %g, got %g\n", rows[k].text, rows[k].score,
                        r.has_score ? r.score : 0);
            missed++;
        }
    }
    assert_int_equal(missed, 0);
}

/* How many of t[0..n) miss a wanted signal or raise an unwanted one; each
 * is printed. */
static size_t twins_missed(const struct twin *t, size_t n)
{
    size_t bad = 0;
    struct reply_result r;
    reply_model_set_mode(REPLY_MODEL_OFF);
    for (size_t i = 0; i < n; i++) {
        reply_parse(t[i].text, strlen(t[i].text), NULL, &r);
        if (((r.signals & t[i].want) != t[i].want || (r.signals & t[i].never)) && ++bad)
            print_error("\"%s\": signals %#x from the rules\n", t[i].text, r.signals);
    }
    reply_model_set_mode(REPLY_MODEL_ON);
    return bad;
}

/* Life events, contact with a dealer and day one are composed from words
 * that have everyday twins (a flu shot, burned dinner, a car dealer, a plug
 * for a charger, day 1 of a diet): the rules alone page for the event and alarm for the dealer,
 * and stay quiet for the twin. Kept here, not in the training corpus, so
 * the twins test the rules without moving the model's thresholds. */
static void test_events_and_relapse_beside_everyday_words(void **state)
{
    (void)state;
    static const struct twin twins[] = {
        {"my cousin got shot last night", REPLY_SIG_EVENT, 0},
        {"got a flu shot today", 0, REPLY_SIG_EVENT},
        {"got shot down by a girl lol", 0, REPLY_SIG_EVENT},
        {"our house burned down", REPLY_SIG_EVENT, 0},
        {"burned dinner again lol", 0, REPLY_SIG_EVENT},
        {"they took my son away", REPLY_SIG_EVENT, 0},
        {"took my son to the park", 0, REPLY_SIG_EVENT},
        {"my kids are in foster care now", REPLY_SIG_EVENT, 0},
        {"my dad had a heart attack", REPLY_SIG_EVENT, 0},
        {"we beat the other team", 0, REPLY_SIG_EVENT},
        {"got beat up outside the store", REPLY_SIG_EVENT, 0},
        {"texted my old connect", REPLY_SIG_RELAPSE, 0},
        {"couldnt connect to the wifi", 0, REPLY_SIG_RELAPSE},
        {"hes on his way with it now", REPLY_SIG_RELAPSE, 0},
        {"texted my guy about the couch, hes bringing it saturday", 0, REPLY_SIG_RELAPSE},
        {"el que me vende ya viene en camino", REPLY_SIG_RELAPSE, 0},
        {"el que me vende los tamales ya viene", 0, REPLY_SIG_RELAPSE},
        {"the car dealer called about my loan", 0, REPLY_SIG_RELAPSE},
        {"my dealer texted me and i didnt answer", 0, REPLY_SIG_RELAPSE},
        {"i found a plug for my charger", 0, REPLY_SIG_RELAPSE},
        {"gonna link up to grab some after work", REPLY_SIG_RELAPSE, 0},
        {"gonna link up with my sister to grab lunch", 0, REPLY_SIG_RELAPSE},
        {"today is my day 1", REPLY_SIG_RELAPSE, 0},
        {"it's never going to get better", REPLY_SIG_AMBIGUOUS, 0},
        {"my cold is not getting better", 0, REPLY_SIG_AMBIGUOUS},
        {"it doesnt get better than this lol", 0, REPLY_SIG_AMBIGUOUS},
        {"i'm so tired of fighting", REPLY_SIG_AMBIGUOUS, 0},
        {"tired of fighting with my sister about the car", 0, REPLY_SIG_AMBIGUOUS},
        {"i feel empty inside all the time", REPLY_SIG_AMBIGUOUS, 0},
        {"the fridge is empty again lol", 0, REPLY_SIG_AMBIGUOUS},
        {"ya no doy pa mas", REPLY_SIG_AMBIGUOUS, 0},
        {"honestly it's never gonna get better for me", REPLY_SIG_AMBIGUOUS, 0},
        {"things are not getting better no matter what i do", REPLY_SIG_AMBIGUOUS, 0},
        {"sick of trying. nothing works", REPLY_SIG_AMBIGUOUS, 0},
        {"esto nunca va a mejorar", REPLY_SIG_AMBIGUOUS, 0},
        {"estoy cansada de luchar", REPLY_SIG_AMBIGUOUS, 0},
        {"me siento vacia por dentro", REPLY_SIG_AMBIGUOUS, 0},
        {"the traffic is not getting better", 0, REPLY_SIG_AMBIGUOUS},
        {"my knee is getting better", 0, REPLY_SIG_AMBIGUOUS},
        {"no le doy mas vueltas, todo bien", 0, REPLY_SIG_AMBIGUOUS},
        {"day 1 of my diet", 0, REPLY_SIG_RELAPSE},
        {"its day one for me at the gym", 0, REPLY_SIG_RELAPSE},
        {"my new date is today", REPLY_SIG_RELAPSE, 0},
        {"my date is today, so nervous", 0, REPLY_SIG_RELAPSE},
        {"we set a new date for the wedding", 0, REPLY_SIG_RELAPSE},
        {"im at 1 day", REPLY_SIG_RELAPSE, 0},
        {"1 day left till payday", 0, REPLY_SIG_RELAPSE},
        {"zero days", REPLY_SIG_RELAPSE, 0},
        {"zero days off this month", 0, REPLY_SIG_RELAPSE},
        {"hoy es mi primer d\xc3\xad" "a otra vez", REPLY_SIG_RELAPSE, 0},
        {"hoy es mi primer d\xc3\xad" "a en el trabajo nuevo", 0, REPLY_SIG_RELAPSE},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Somebody else's crisis or use is a note (issue 16 round 5,
 * trap/other_person): a person named alone before the finding ("Marcus
 * relapsed again", the capital gone), a sponsee, a bestie, "someone in my
 * group"; and the twins that stay the client's: a word a reply opens with
 * before a verb whose "I" was left out ("finally relapsed", "fucking
 * relapsed"), the client among the others ("me and my brother got drunk")
 * or joining them after ("and i did too", "with me"), a Spanish verb
 * without its "yo". The rules alone. */
static void test_somebody_else_named_or_described(void **state)
{
    (void)state;
    static const struct twin twins[] = {
        {"Marcus relapsed again", REPLY_SIG_CONTEXT, REPLY_SIG_RELAPSE},
        {"Luis overdosed again this morning", REPLY_SIG_CONTEXT, REPLY_SIG_CRISIS},
        {"lol Kevin is using again", REPLY_SIG_CONTEXT, REPLY_SIG_RELAPSE},
        {"Tony got drunk at the cookout", REPLY_SIG_CONTEXT, REPLY_SIG_RELAPSE},
        {"my sponsee relapsed this weekend", REPLY_SIG_CONTEXT, REPLY_SIG_RELAPSE},
        {"my bestie is suicidal and wont talk to me", REPLY_SIG_CONTEXT, REPLY_SIG_CRISIS},
        {"someone in my group overdosed last week", REPLY_SIG_CONTEXT, REPLY_SIG_CRISIS},
        {"my grandson has been smoking crack", REPLY_SIG_CONTEXT, REPLY_SIG_RELAPSE},
        {"relapsed again", REPLY_SIG_RELAPSE, 0},
        {"Finally relapsed after 90 days", REPLY_SIG_RELAPSE, 0},
        {"Honestly relapsed last night", REPLY_SIG_RELAPSE, 0},
        {"Fucking relapsed", REPLY_SIG_RELAPSE, 0},
        {"Stressed relapsed", REPLY_SIG_RELAPSE, 0},
        {"Accidentally overdosed", REPLY_SIG_CRISIS, 0},
        {"Work sucked and relapsed", REPLY_SIG_RELAPSE, 0},
        {"Marcus and i relapsed", REPLY_SIG_RELAPSE, 0},
        {"me and my brother got drunk last night", REPLY_SIG_RELAPSE, 0},
        {"my cousin n me got high", REPLY_SIG_RELAPSE, 0},
        {"someone please help i overdosed", REPLY_SIG_CRISIS, 0},
        {"kero suisidarme", REPLY_SIG_CRISIS, 0},
        {"anduve pisteando todo el fin", REPLY_SIG_RELAPSE, 0},
        {"Jose se metio una sobredosis anoche", REPLY_SIG_CONTEXT, REPLY_SIG_CRISIS},
        {"no se que hacer, me quiero matar", REPLY_SIG_CRISIS, 0},
        {"my brother relapsed and i did too", REPLY_SIG_RELAPSE, 0},
        {"my roommate relapsed and so did i", REPLY_SIG_RELAPSE, 0},
        {"my cousin got drunk with me last night", REPLY_SIG_RELAPSE, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Opt-outs in plain words, composed (issue 16 round 5, stop/optout): the
 * texts then "stop" ending the clause, a stop verb before the texts, a
 * wish for them denied, a number removed; and the twins that are no
 * opt-out: a question, a hope, a negated stop, "text" as a verb, somebody
 * else's messages, stopping something else. */
static void test_optout_in_plain_words(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool stop;
    } twins[] = {
        {"i want these texts to stop", true},
        {"make the texts stop please", true},
        /* the p52 round: opt-outs the parser had missed, beside twins */
        {"no me sigan mandando esto por favor", true},
        {"ya no quiero que me escriban mas, gracias", true},
        {"favor de ya no enviarme mensajes", true},
        {"no me mandes a la tienda jaja", false},
        {"no me escriban, llamenme hoy porfa", true}, /* and it pages (below) */
        {"dejad de enviarme mensajes", true},
        {"no dejen de mandarme mensajes, me ayudan", false},
        {"deja de preocuparte por mi", false},
        {"ya termine el programa, quitenme de la lista", true},
        {"quitenme, ya no los necesito", true},
        {"please take me off, not interested anymore", true},
        {"id like to be removed from the list", true},
        {"i was dropped off the list at the shelter", false},
        {"como me salgo de esta lista?", true},
        {"how do i get off this list", true},
        {"quiero darme de baja", true},
        {"quiero cancelar los mensajes diarios", true},
        {"id rather not get these messages", true},
        {"i no longer wish to participate", true},
        {"can u stop these after today", true},
        {"i dont want these texts to stop", false},
        {"i dont want these texts", true},
        {"leave me alone with these texts", true},
        {"leave me alone", false},
        {"stahp", true},
        {"unsubscibe", true},
        {"i dont want to get texts anymore", true},
        {"i dont wanna get these anymore", true},
        {"i no longer wish to receive these messages", true},
        {"i dont need these texts anymore, thanks", true},
        {"remove this number", true},
        {"saquen mi numero de la lista", true},
        {"paren los mensajes", true},
        {"cancelen los mensajes", true},
        {"when do the texts stop?", false},
        {"i hope these texts never stop", false},
        {"please dont stop the check ins", false},
        {"i dont want to text my dealer", false},
        {"i dont want to miss my check ins", false},
        {"i dont want to get messages from my ex anymore", false},
        {"i dont want these feelings anymore", false},
        {"i need to stop drinking", false},
        {"no more drinking for me", false},
        {"ya no quiero tomar", false},
        {"stop worrying about me lol", false},
        {"cant stop crying", false},
        /* "stop getting", "stop sending", "don't send me", "no me mandes"
         * name the texts: a client who must stop getting high is not
         * unsubscribed */
        {"i need to stop getting high", false},
        {"stop getting mad at me lol", false},
        {"dont send me memes lol", false},
        {"my texts stop sending sometimes", false},
        {"no me mandes a la tienda jaja", false},
        {"no quiero recibir malas noticias", false},
        {"stop sending me these", true},
        {"stop getting these texts", true},
        {"stop sending the daily reminder", true},
        {"dont send me anything else", true},
        {"no me mandes mas", true},
        {"no me mande mas mensajes", true},
        {"no quiero recibir mas mensajes", true},
        {"please stop sending", true},
    };
    size_t bad = 0;
    struct reply_result r;
    for (size_t i = 0; i < sizeof twins / sizeof *twins; i++) {
        reply_parse(twins[i].text, strlen(twins[i].text), NULL, &r);
        if ((r.intent == REPLY_STOP) != twins[i].stop && ++bad)
            print_error("\"%s\": intent %d\n", twins[i].text, (int)r.intent);
    }
    assert_int_equal(bad, 0);
}

/* Round 5 of the rules (issue 16): a means at hand asks, a strength is
 * not a count, the client dialling for somebody else is a note, despair
 * and hopelessness in more forms; each with a twin that must stay quiet.
 * The rules alone, as above. */
static void test_means_at_hand_and_despair_forms(void **state)
{
    (void)state;
    static const struct twin twins[] = {
        {"my brother left his gun at my place", REPLY_SIG_AMBIGUOUS, REPLY_SIG_CRISIS},
        {"i left my gun at my brothers for now", 0, REPLY_SIG_AMBIGUOUS},
        {"mi hermano dejo su pistola aqui", REPLY_SIG_AMBIGUOUS, REPLY_SIG_CRISIS},
        {"my ex left his hunting rifle here", REPLY_SIG_AMBIGUOUS, 0},
        {"went to the range with my dad", 0, REPLY_SIG_AMBIGUOUS},
        {"i poured out the bottle my brother left here", 0, REPLY_SIG_AMBIGUOUS},
        {"left the knife in the sink", 0, REPLY_SIG_AMBIGUOUS},
        {"got a 30 pack of water bottles from costco", 0, REPLY_SIG_AMBIGUOUS},
        {"got a blade and im in the bathroom", REPLY_SIG_CRISIS, 0},
        {"i relapsed on cutting last night", REPLY_SIG_CRISIS, 0},
        {"lithium. all 30. tell someone", REPLY_SIG_CRISIS, 0},
        {"i took too many. i didnt mean to", REPLY_SIG_CRISIS, 0},
        {"took too many pics at the beach", 0, REPLY_SIG_CRISIS},
        {"car's in the garage. just need to close the door", REPLY_SIG_CRISIS, 0},
        {"my garage door is stuck, cant close it", 0, REPLY_SIG_CRISIS},
        {"bought charcoal for the bbq", 0, REPLY_SIG_CRISIS | REPLY_SIG_AMBIGUOUS},
        {"toy en la azotea pensando en brincar", REPLY_SIG_CRISIS, 0},
        {"found a tall enough spot at the parking ramp", REPLY_SIG_CRISIS, 0},
        {"had to narcan a guy outside the gas station today. he lived", 0,
         REPLY_SIG_CRISIS | REPLY_SIG_RELAPSE},
        {"every night i ask god why he hasnt taken me yet", REPLY_SIG_CRISIS, 0},
        {"signed the truck over to my brother and wrote a note. done", REPLY_SIG_CRISIS, 0},
        {"my best friend left a goodbye note on insta, i called 911 and they found him", 0,
         REPLY_SIG_CRISIS},
        {"me ando cortando otra vez bro, ya tenia 2 meses sin hacerlo", REPLY_SIG_CRISIS, 0},
        {"pa q sigo aqui si solo estorbo", REPLY_SIG_CRISIS, 0},
        {"cant feel my face lmao", REPLY_SIG_RELAPSE, 0},
        {"banged a bag tues in my car", REPLY_SIG_RELAPSE, 0},
        {"had to get well this morning or i wasnt gonna make it to work", REPLY_SIG_RELAPSE, 0},
        {"smoked some loud w the guys after the game", REPLY_SIG_RELAPSE, 0},
        {"had a loud night at the game", 0, REPLY_SIG_RELAPSE},
        {"he fronted me til friday so i owe him 40 now", REPLY_SIG_RELAPSE, 0},
        {"stopped by the trap on mlk after my shift", REPLY_SIG_RELAPSE, 0},
        {"fui pal punto en el caserio anoche", REPLY_SIG_RELAPSE, 0},
        {"my connect at the housing office said the voucher went thru", 0, REPLY_SIG_RELAPSE},
        {"feeling no pain right now if u catch my drift", REPLY_SIG_RELAPSE, 0},
        {"toy jumo, manana hablamos", REPLY_SIG_RELAPSE, 0},
        {"everybody was drinking at the reunion, i had a sprite", 0, REPLY_SIG_RELAPSE},
        {"everyone would be better off without me", REPLY_SIG_CRISIS, 0},
        {"its so cold i cant feel my face", 0, REPLY_SIG_RELAPSE},
        {"got high score on candy crush", 0, REPLY_SIG_RELAPSE},
        {"me mate estudiando pa el examen y lo pase", 0, REPLY_SIG_CRISIS},
        {"bien pacheco", REPLY_SIG_RELAPSE, 0},
        {"andamos bien servidos", REPLY_SIG_RELAPSE, 0},
        {"la comida ya esta servida", 0, REPLY_SIG_RELAPSE},
        {"la carne estaba cruda", 0, REPLY_SIG_RELAPSE},
        {"estoy cruda, no debi tomar", REPLY_SIG_RELAPSE, 0},
        {"slammed my head into the wall over and over", REPLY_SIG_CRISIS, 0},
        {"slammed my hand in the car door", 0, REPLY_SIG_CRISIS},
        {"banged my head on the cabinet lol", 0, REPLY_SIG_CRISIS},
        {"hit my head on the door", 0, REPLY_SIG_CRISIS},
        {"banged my head against the door until it bled", REPLY_SIG_CRISIS, 0},
        {"i hit my head on the wall on purpose", REPLY_SIG_CRISIS, 0},
        {"estoy encerrada en el bano con las pastillas", REPLY_SIG_CRISIS, 0},
        {"cleaned the bathroom and put my razor away", 0, REPLY_SIG_CRISIS},
        {"mi papa tiene una pistola en su cuarto", REPLY_SIG_AMBIGUOUS, 0},
        {"my nephew got caught with pills at school", 0, REPLY_SIG_AMBIGUOUS},
        {"deleted my dealers number but i found it again and called", REPLY_SIG_RELAPSE, 0},
        {"blocked my plug but then i unblocked him", REPLY_SIG_RELAPSE, 0},
        {"my dealer called but i didnt answer", 0, REPLY_SIG_RELAPSE},
        {"wanted to call my dealer but called my sponsor instead", 0, REPLY_SIG_RELAPSE},
        {"no more pills for me, done with that life", 0, REPLY_SIG_AMBIGUOUS},
        {"was geekin all weekend", REPLY_SIG_RELAPSE, 0},
        {"was high all weekend", REPLY_SIG_RELAPSE, 0},
        {"food was wasted at the party", 0, REPLY_SIG_RELAPSE},
        {"she was drunk the whole time", 0, REPLY_SIG_RELAPSE},
        {"sigo viendo las navajas", REPLY_SIG_AMBIGUOUS, 0},
        {"compre navajas nuevas", REPLY_SIG_AMBIGUOUS, 0},
        {"there's a lot of tylenol in the cabinet", REPLY_SIG_AMBIGUOUS, 0},
        {"still have my moms leftover morphine", REPLY_SIG_AMBIGUOUS, 0},
        {"i still have the oxys from my surgery", REPLY_SIG_AMBIGUOUS, 0},
        {"took my tylenol for my back", 0, REPLY_SIG_AMBIGUOUS},
        {"picked up my refill at the pharmacy", 0, REPLY_SIG_AMBIGUOUS},
        {"went and looked at the cliffs at the park today", REPLY_SIG_AMBIGUOUS, 0},
        {"stood near the platform edge for a while", REPLY_SIG_AMBIGUOUS, 0},
        {"the train was late, stood on the platform for an hour", 0, REPLY_SIG_CRISIS},
        {"posted it on the platform", 0, REPLY_SIG_AMBIGUOUS},
        {"me subi a la azotea a pensar", REPLY_SIG_AMBIGUOUS, 0},
        {"pills \xf0\x9f\x92\x8a", REPLY_SIG_AMBIGUOUS, 0},
        {"took my 25mg pill", 0, REPLY_SIG_CRISIS | REPLY_SIG_AMBIGUOUS},
        {"me tome mi pastilla de 25mg", 0, REPLY_SIG_CRISIS},
        {"took 4 of my 25mg pills", REPLY_SIG_CRISIS, 0},
        {"took 5000mg of tylenol", REPLY_SIG_CRISIS, 0},
        {"took double my dose and then some more", REPLY_SIG_CRISIS, 0},
        {"took my normal dose", 0, REPLY_SIG_CRISIS},
        {"the nurse doubled my dose", 0, REPLY_SIG_CRISIS},
        {"mixed my pills with a bottle of vodka", REPLY_SIG_CRISIS, 0},
        {"took my meds with a beer lol", 0, REPLY_SIG_CRISIS},
        {"my doctor said dont mix my meds with alcohol", 0, REPLY_SIG_CRISIS},
        {"i'm od'ing", REPLY_SIG_CRISIS, 0},
        {"me empastill\xc3\xa9", REPLY_SIG_CRISIS, 0},
        {"someone od'd at the bus stop and i called 911", REPLY_SIG_CONTEXT, REPLY_SIG_CRISIS},
        {"i called 911 and my mom came", REPLY_SIG_CRISIS, 0},
        {"i called 911 on myself last night", REPLY_SIG_CRISIS, 0},
        {"why do i even bother", REPLY_SIG_AMBIGUOUS, 0},
        {"why bother with the bus when i can walk", 0, REPLY_SIG_AMBIGUOUS},
        {"idk how much longer i can do this", REPLY_SIG_AMBIGUOUS, 0},
        {"how much longer is group today", 0, REPLY_SIG_AMBIGUOUS},
        {"im broken", REPLY_SIG_AMBIGUOUS, 0},
        {"my phone is broken", 0, REPLY_SIG_AMBIGUOUS},
        {"it's never gonna change", REPLY_SIG_AMBIGUOUS, 0},
        {"the weather is gonna change tomorrow", 0, REPLY_SIG_AMBIGUOUS},
        {"nada va a cambiar", REPLY_SIG_AMBIGUOUS, 0},
        {"ya no tengo ganas de nada", REPLY_SIG_AMBIGUOUS, 0},
        {"no tengo ganas de nada de comer, jaja", 0, REPLY_SIG_AMBIGUOUS},
        {"ya me canse de luchar", REPLY_SIG_AMBIGUOUS, 0},
        {"i don't see it getting better", REPLY_SIG_AMBIGUOUS, 0},
        {"dont worry im getting better", 0, REPLY_SIG_AMBIGUOUS},
        {"i hate my life", REPLY_SIG_AMBIGUOUS, 0},
        {"i hate my life's commute", 0, REPLY_SIG_AMBIGUOUS},
        {"nobody cares", REPLY_SIG_AMBIGUOUS, 0},
        {"no one would even notice", REPLY_SIG_AMBIGUOUS, 0},
        {"nobody cares about the game lol", 0, REPLY_SIG_AMBIGUOUS},
        {"i'm at my breaking point", REPLY_SIG_AMBIGUOUS, 0},
        {"i just want the pain to stop", REPLY_SIG_AMBIGUOUS, 0},
        {"i want my back pain to stop", 0, REPLY_SIG_AMBIGUOUS},
        {"i'm drowning", REPLY_SIG_AMBIGUOUS, 0},
        {"drowning in homework", 0, REPLY_SIG_AMBIGUOUS},
        {"no sirvo para nada", REPLY_SIG_AMBIGUOUS, 0},
        {"siento que no valgo nada", REPLY_SIG_AMBIGUOUS, 0},
        {"ya no tengo fuerzas", REPLY_SIG_AMBIGUOUS, 0},
        {"no tengo fuerzas para ir al gym hoy", 0, REPLY_SIG_AMBIGUOUS},
        {"estoy en el fondo", REPLY_SIG_AMBIGUOUS, 0},
        {"i know how i'd do it", REPLY_SIG_AMBIGUOUS, 0},
        {"ya se como lo voy a hacer", REPLY_SIG_AMBIGUOUS, 0},
        {"i know how to do it", 0, REPLY_SIG_AMBIGUOUS},
        {"i know how you do it", 0, REPLY_SIG_AMBIGUOUS},
        {"ya se como hacerlo", 0, REPLY_SIG_AMBIGUOUS},
        {"i'm out of hope", REPLY_SIG_AMBIGUOUS, 0},
        {"perdi la esperanza", REPLY_SIG_AMBIGUOUS, 0},
        {"lost hope in the refs lol", 0, REPLY_SIG_AMBIGUOUS},
        {"my kids deserve better than me", REPLY_SIG_AMBIGUOUS, 0},
        {"you deserve better than him", 0, REPLY_SIG_AMBIGUOUS},
        {"left a note for my wife on the kitchen table", REPLY_SIG_CRISIS, 0},
        {"le deje una carta a mi hijo", REPLY_SIG_CRISIS, 0},
        {"left a note for my roommate about the dishes", 0, REPLY_SIG_CRISIS},
        {"wrote a letter to my sponsor for step 9", 0, REPLY_SIG_CRISIS},
        {"ya regale mis cosas", REPLY_SIG_CRISIS, 0},
        {"le regale un reloj a mi papa por su cumple", 0, REPLY_SIG_CRISIS},
        {"gave my watch to my dad for his birthday", 0, REPLY_SIG_CRISIS},
        {"its been nice knowing you", REPLY_SIG_CRISIS, 0},
        {"see you on the other side", REPLY_SIG_CRISIS, 0},
        {"ya no me van a ver", REPLY_SIG_CRISIS, 0},
        {"no lie i want to die", REPLY_SIG_CRISIS, REPLY_SIG_NEGATED},
        {"no cap i wanna die", REPLY_SIG_CRISIS, REPLY_SIG_NEGATED},
        /* a jump into water with others, or from no height, is a swim; a
         * height alone stays a means, into water or not */
        {"we jumped off the bridge into the lake lol", 0, REPLY_SIG_CRISIS},
        {"jumped off the dock into the river with my kids", 0, REPLY_SIG_CRISIS},
        {"nos tiramos del puente al rio con mis primos", 0, REPLY_SIG_CRISIS},
        {"thinking about jumping off the bridge into the river", REPLY_SIG_CRISIS, 0},
        {"me tiro del puente al rio", REPLY_SIG_CRISIS, 0},
        {"im on the bridge and i want to jump into the river", REPLY_SIG_CRISIS, 0},
        /* a goodbye with seeing somebody soon; a goodbye to somebody
         * leaving, at a place or an occasion of leaving */
        {"i'll see my mom again soon. goodbye", REPLY_SIG_CRISIS, 0},
        {"voy a estar con mi papa pronto. adios", REPLY_SIG_CRISIS, 0},
        {"said goodbye to my sister at the airport", 0, REPLY_SIG_CRISIS},
        {"said goodbye to my sister, ill see her again at christmas", 0, REPLY_SIG_CRISIS},
        {"me despedi de mi hijo en la estacion", 0, REPLY_SIG_CRISIS},
        /* the client's own past, clearly over: a season or a year gone
         * by, "that was a long time ago" said after, an age then, a
         * burden of the sentence before known better now; each beside
         * its present twin */
        {"i relapsed last spring but ive been sober since june", REPLY_SIG_CONTEXT,
         REPLY_SIG_RELAPSE},
        {"i relapsed last week", REPLY_SIG_RELAPSE, 0},
        {"el año pasado recaí, ahora llevo 8 meses limpio", 0, REPLY_SIG_RELAPSE},
        {"i had a plan to end it. that was a long time ago", REPLY_SIG_CONTEXT, REPLY_SIG_CRISIS},
        {"i have a plan to end it tonight", REPLY_SIG_CRISIS, 0},
        {"last year around this time i was in detox", 0, REPLY_SIG_EVENT},
        {"last night i ended up in the er", REPLY_SIG_EVENT, 0},
        {"i attempted when i was 17, therapy helped a lot", 0, REPLY_SIG_OUT_OF_RANGE},
        {"i used to think everyone would be better off without me. i know better now", 0,
         REPLY_SIG_CRISIS},
        {"everyone would be better off without me", REPLY_SIG_CRISIS, 0},
        /* pain or an injury is no self-harm, food or coffee no overdose;
         * hurt done to oneself or meant, and a use "way too much", are */
        {"my stomach hurts", 0, REPLY_SIG_CRISIS},
        {"ok-ish? my head hurts but mentally fine", 0, REPLY_SIG_CRISIS},
        {"hurt my back lifting boxes at work", 0, REPLY_SIG_CRISIS},
        {"i hurt myself again", REPLY_SIG_CRISIS, 0},
        {"i want to hurt my arm", REPLY_SIG_CRISIS, 0},
        {"been hurting my arm with a lighter", REPLY_SIG_CRISIS, 0},
        {"ate way too much pizza at the bbq lol", 0, REPLY_SIG_CRISIS},
        {"drank way too much coffee, cant sit still", 0, REPLY_SIG_CRISIS},
        {"used way too much last night", REPLY_SIG_CRISIS, 0},
        /* a last message read after the end, not to be looked for, worry
         * ended for good, belongings left to somebody */
        {"by the time you read this it'll be over", REPLY_SIG_CRISIS, 0},
        {"no me busquen", REPLY_SIG_CRISIS, 0},
        {"dont worry about me anymore, its handled", REPLY_SIG_CRISIS, REPLY_SIG_NEGATED},
        {"dont worry about me, im fine", 0, REPLY_SIG_CRISIS},
        {"i dont worry about money anymore", 0, REPLY_SIG_CRISIS},
        {"les dejo mis cosas a mis hermanos", REPLY_SIG_CRISIS, 0},
        {"left my stuff at my brothers place", 0, REPLY_SIG_CRISIS},
        {"leaving my things with my sister while im on my trip", 0, REPLY_SIG_CRISIS},
        /* a buy said with only a small amount; a meeting to pick up with
         * nothing picked */
        {"scored some last night", REPLY_SIG_RELAPSE, 0},
        {"i copped a little", REPLY_SIG_RELAPSE, 0},
        {"scored some points at the game", 0, REPLY_SIG_RELAPSE},
        {"copped some new shoes", 0, REPLY_SIG_RELAPSE},
        {"met up with someone to pick up", REPLY_SIG_RELAPSE, 0},
        {"went to the store to pick up", 0, REPLY_SIG_RELAPSE},
        {"met my sister at the mall to pick up", 0, REPLY_SIG_RELAPSE},
        /* despair: going on past bearing, done trying, tired of being
         * tired; each beside its everyday twin */
        {"i cant keep doing this", REPLY_SIG_AMBIGUOUS, 0},
        {"i cant keep doing this job", 0, REPLY_SIG_AMBIGUOUS},
        {"no puedo seguir asi", REPLY_SIG_AMBIGUOUS, 0},
        {"im done trying", REPLY_SIG_AMBIGUOUS, 0},
        {"done trying on clothes", 0, REPLY_SIG_AMBIGUOUS},
        {"im tired of being tired", REPLY_SIG_AMBIGUOUS, 0},
        {"tired of being stuck in traffic", 0, REPLY_SIG_AMBIGUOUS},
        /* fresh marks on the body, nails dug in until blood */
        {"my arms are covered in new marks", REPLY_SIG_CRISIS, 0},
        {"new stretch marks on my belly lol", 0, REPLY_SIG_CRISIS},
        {"my arms are covered in mosquito bites", 0, REPLY_SIG_CRISIS},
        {"dug my nails in until blood", REPLY_SIG_CRISIS, 0},
        /* a dose taken a number of times over */
        {"took 3x my dose to see what happens", REPLY_SIG_CRISIS, 0},
        {"me tome 3 veces mi dosis", REPLY_SIG_CRISIS, 0},
        {"took my dose 2 times today like the doctor said", 0, REPLY_SIG_CRISIS},
        /* harm done by an animal or in a household accident is no
         * self-harm; the same acts meant, repeated or done alone are */
        {"the dog scratched me until i bled", 0, REPLY_SIG_CRISIS},
        {"my cat bit me lol", 0, REPLY_SIG_CRISIS},
        {"got scratched by the cat this morning", 0, REPLY_SIG_CRISIS},
        {"el gato me rasguño la mano", 0, REPLY_SIG_CRISIS},
        {"cut my finger chopping onions", 0, REPLY_SIG_CRISIS},
        {"burned my hand on the stove", 0, REPLY_SIG_CRISIS},
        {"scratched my arm on a nail at work", 0, REPLY_SIG_CRISIS},
        {"the knife slipped and cut my hand", 0, REPLY_SIG_CRISIS},
        {"burnt my arm on the oven rack", 0, REPLY_SIG_CRISIS},
        {"cut myself shaving, im fine", 0, REPLY_SIG_CRISIS},
        {"me queme la mano con la plancha", 0, REPLY_SIG_CRISIS},
        {"accidentally cut my thumb opening a package", 0, REPLY_SIG_CRISIS},
        {"i scratched my arms until they bled", REPLY_SIG_CRISIS, 0},
        {"burned my arm on the stove on purpose", REPLY_SIG_CRISIS, 0},
        {"i cut myself again last night", REPLY_SIG_CRISIS, 0},
        {"i slipped and cut again", REPLY_SIG_CRISIS, 0},
        {"burned myself with a lighter", REPLY_SIG_CRISIS, 0},
        {"me corte los brazos otra vez", REPLY_SIG_CRISIS, 0},
        {"burned my arm with the iron and it wasnt an accident", REPLY_SIG_CRISIS, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Serious life events in more forms page at once; everyday news with an
 * event's words, and events years back, do not. */
static void test_life_events_more_forms(void **state)
{
    (void)state;
    static const struct twin twins[] = {
        {"got into a car accident", REPLY_SIG_EVENT, 0},
        {"tuve un accidente de carro", REPLY_SIG_EVENT, 0},
        {"what a happy accident lol", 0, REPLY_SIG_EVENT},
        {"we buried my uncle today", REPLY_SIG_EVENT, 0},
        {"buried my face in my pillow", 0, REPLY_SIG_EVENT},
        {"lost my mom yesterday", REPLY_SIG_EVENT, 0},
        {"lost my mom in the store lol", 0, REPLY_SIG_EVENT},
        {"the doctor said its terminal", REPLY_SIG_EVENT, 0},
        {"waiting at the bus terminal", 0, REPLY_SIG_EVENT},
        {"mi mama tuvo un derrame", REPLY_SIG_EVENT, 0},
        {"i wanted to call my mom but she was busy", 0, REPLY_SIG_CONTACT},
        {"wanted to call my dealer but called my sponsor instead", 0, REPLY_SIG_CONTACT},
        {"i want to talk to my counselor", REPLY_SIG_CONTACT, 0},
        {"necesito hablar con mi compa\xc3\xb1" "era", REPLY_SIG_CONTACT, 0},
        {"i need to talk to my sister", REPLY_SIG_CONTACT, 0},
        {"house fire, we lost everything", REPLY_SIG_EVENT, 0},
        {"landlord gave me 3 days to get out", REPLY_SIG_EVENT, 0},
        {"got my affairs with the landlord sorted out", 0, REPLY_SIG_EVENT},
        {"sleeping in my car now", REPLY_SIG_EVENT, 0},
        {"they let me go at work today", REPLY_SIG_EVENT, 0},
        {"he put his hands on me again", REPLY_SIG_EVENT, 0},
        {"tomorrow is the anniversary of my sons death", REPLY_SIG_EVENT, 0},
        {"passed my drivers test", 0, REPLY_SIG_EVENT},
        {"the movie was a hospital drama", 0, REPLY_SIG_EVENT},
        {"watched a show about jail", 0, REPLY_SIG_EVENT},
        {"my fantasy team got killed this week", 0, REPLY_SIG_EVENT},
        {"my dad died 5 years ago", REPLY_SIG_CONTEXT, REPLY_SIG_EVENT},
        {"got arrested back in 2015, been clean since", 0, REPLY_SIG_EVENT},
        {"fui arrestado hace 3 anos", 0, REPLY_SIG_EVENT},
        {"my mom died a month ago and im not ok", REPLY_SIG_EVENT, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* "ok thx", "jaja ok": an acknowledgement, no mood; a lone "ok" and "doing
 * ok thanks" are a 5; a low score with hopeless words asks. */
static void test_acknowledgement_and_low_hopeless(void **state)
{
    (void)state;
    struct reply_result r;
    static const char *const acks[] = {"ok thx", "jaja ok", "ok thank you", "k thanks"};
    for (size_t i = 0; i < sizeof acks / sizeof *acks; i++) {
        reply_parse(acks[i], strlen(acks[i]), NULL, &r);
        assert_false(r.has_score);
    }
    static const char *const fives[] = {"ok", "doing ok thanks", "okay"};
    for (size_t i = 0; i < sizeof fives / sizeof *fives; i++) {
        reply_parse(fives[i], strlen(fives[i]), NULL, &r);
        assert_true(r.has_score);
        assert_true(r.score == 5);
    }
    /* "no worries", "don't worry": a formula, not a "not" before the mood */
    static const char *const good[] = {"no worries im good", "dont worry im getting better",
                                       "no te preocupes estoy bien"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        reply_parse(good[i], strlen(good[i]), NULL, &r);
        assert_true(r.has_score);
        assert_true(r.score >= 6);
    }
    /* a mood said of somebody else is not the client's */
    static const char *const others[] = {"went to the hospital to visit my aunt, she's doing better",
                                         "my cat had surgery and is fine", "mi mama esta bien"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        reply_parse(others[i], strlen(others[i]), NULL, &r);
        assert_false(r.has_score);
    }
    static const char *const mine[] = {"my dog is sick but im good", "my sister came over and it was good",
                                       "good, my mom says hi"};
    for (size_t i = 0; i < sizeof mine / sizeof *mine; i++) {
        reply_parse(mine[i], strlen(mine[i]), NULL, &r);
        assert_true(r.has_score && r.score == 7);
    }
    reply_parse("no te sientes bien?", 19, NULL, &r);
    assert_true(!r.has_score || r.score < 5);
    static const char *const low[] = {"like a 2, i don't see it getting better",
                                      "1. i'm a failure and it's never gonna change",
                                      "1.5 honestly why bother", "2/10 nada va a cambiar",
                                      "uno. ya no tengo ganas de nada", "2 ya me canse de luchar"};
    for (size_t i = 0; i < sizeof low / sizeof *low; i++) {
        reply_parse(low[i], strlen(low[i]), NULL, &r);
        assert_true(r.has_score);
        assert_true(r.signals & REPLY_SIG_AMBIGUOUS);
    }
}

/* Farewells and final acts, and crisis in text-speak (issue 16, round 5),
 * each with an everyday twin: the rules alone (the model off) raise a
 * crisis for the farewell and stay quiet for the twin. Every wanted line
 * failed before its rule was written. */
static void test_farewells_and_slang_beside_everyday_words(void **state)
{
    (void)state;
    static const struct twin twins[] = {
        {"tell my daughter i loved her. always", REPLY_SIG_CRISIS, 0},
        {"tell my mom im sorry", REPLY_SIG_CRISIS, 0},
        {"tell my son i'm sorry and that i love him", REPLY_SIG_CRISIS, 0},
        {"dile a mi mama que la amo", REPLY_SIG_CRISIS, 0},
        {"tell my sponsor im sorry i missed the meeting", 0, REPLY_SIG_CRISIS},
        {"tell my mom happy birthday for me lol", 0, REPLY_SIG_CRISIS},
        {"left my passwords with my sister", REPLY_SIG_CRISIS, 0},
        {"i forgot all my passwords lol", 0, REPLY_SIG_CRISIS},
        {"changed my passwords", 0, REPLY_SIG_CRISIS},
        {"wrote a letter to each of my kids", REPLY_SIG_CRISIS, 0},
        {"wrote letters to the people i harmed, its my 9th step", 0, REPLY_SIG_CRISIS},
        {"wrote letters to each of my kids for their birthdays", 0, REPLY_SIG_CRISIS},
        {"gave my cat to my sister today", REPLY_SIG_CRISIS, 0},
        {"gave my dog a bath lol", 0, REPLY_SIG_CRISIS},
        {"gave my cat to the vet for her shots", 0, REPLY_SIG_CRISIS},
        {"she gave her dog to her neighbor", 0, REPLY_SIG_CRISIS},
        {"perdoname por todo mama", REPLY_SIG_CRISIS, 0},
        {"forgive me for everything", REPLY_SIG_CRISIS, 0},
        {"perdon por todo el ruido de ayer", 0, REPLY_SIG_CRISIS},
        {"forgive me for everything i did while using, i made amends", 0, REPLY_SIG_CRISIS},
        {"goodbye world", REPLY_SIG_CRISIS, 0},
        {"adios mundo", REPLY_SIG_CRISIS, 0},
        {"goodbye 2025", 0, REPLY_SIG_CRISIS},
        {"my grandma said goodbye to everyone before she passed last year", 0, REPLY_SIG_CRISIS},
        {"moving to ohio, last text from this number, new one is 555-201-3344", 0, REPLY_SIG_CRISIS},
        {"this is my last text from this phone, getting a new number monday", 0, REPLY_SIG_CRISIS},
        {"ultimo mensaje de este numero, me cambio de compania", 0, REPLY_SIG_CRISIS},
        {"my last text was weird sorry", 0, REPLY_SIG_CRISIS},
        {"this is my last check in before vacation", 0, REPLY_SIG_CRISIS},
        {"this is my last check in", REPLY_SIG_CRISIS, 0},
        {"i dont want to liv anymore", REPLY_SIG_CRISIS, 0},
        {"gonna end my lyf", REPLY_SIG_CRISIS, 0},
        {"cnt go on", REPLY_SIG_CRISIS, 0},
        {"i cnt wait for friday", 0, REPLY_SIG_CRISIS},
        {"ya no quiero bivir", REPLY_SIG_CRISIS, 0},
        {"no quiero bibir mas", REPLY_SIG_CRISIS, 0},
        {"want to di tbh", REPLY_SIG_CRISIS, 0},
        {"betta off dead", REPLY_SIG_CRISIS, 0},
        {"my betta fish died today", 0, REPLY_SIG_CRISIS},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Relapse (issue 16, round 5): a dealer, use in slang, a state now, said
 * plainly; each wanted line failed before its rule, each twin must not
 * fire. The rules alone: the learned model is the second opinion. */
static void test_relapse_beside_everyday_words(void **state)
{
    (void)state;
    static const struct twin twins[] = {
        /* dealer: a misspelt dealer, despair after the call, a "but" */
        {"called my dealr", REPLY_SIG_RELAPSE, 0},
        {"the dealer at the dealership gave me a good deal", 0, REPLY_SIG_RELAPSE},
        {"about to call my dealer i cant do this", REPLY_SIG_RELAPSE, 0},
        {"my dealer texted, i cant answer him", 0, REPLY_SIG_RELAPSE},
        {"30 days clean but i texted my plug last night", REPLY_SIG_RELAPSE, 0},
        {"thought about texting my plug but im still clean", 0, REPLY_SIG_RELAPSE},
        {"met up with my guy friends for wings", 0, REPLY_SIG_RELAPSE},
        {"my connect at the job center called me back", 0, REPLY_SIG_RELAPSE},
        /* slang acts */
        {"been doing ice again", REPLY_SIG_RELAPSE, 0},
        {"been doing ice skating again", 0, REPLY_SIG_RELAPSE},
        {"picked up yesterday", REPLY_SIG_RELAPSE, 0},
        {"nobody picked up yesterday", 0, REPLY_SIG_RELAPSE},
        {"me chingue un six", REPLY_SIG_RELAPSE, 0},
        {"compre un six de agua", 0, REPLY_SIG_RELAPSE},
        {"copped some blues", REPLY_SIG_RELAPSE, 0},
        {"copped some new jordans", 0, REPLY_SIG_RELAPSE},
        {"did a couple lines of code", 0, REPLY_SIG_RELAPSE},
        {"me tome una coca con los tacos", 0, REPLY_SIG_RELAPSE},
        {"ate a couple granola bars", 0, REPLY_SIG_RELAPSE},
        {"took the bars off the bike", 0, REPLY_SIG_RELAPSE},
        /* states now */
        {"little drunk lol", REPLY_SIG_RELAPSE, 0},
        {"a little tired lol", 0, REPLY_SIG_RELAPSE},
        {"wrecked rn", REPLY_SIG_RELAPSE, 0},
        {"the crossfit class wrecked me", 0, REPLY_SIG_RELAPSE},
        {"4 beers deep", REPLY_SIG_RELAPSE, 0},
        {"4 beers in the fridge", 0, REPLY_SIG_RELAPSE},
        {"im on something rn", REPLY_SIG_RELAPSE, 0},
        {"im so hi rn", REPLY_SIG_RELAPSE, 0},
        {"hi, im so tired rn", 0, REPLY_SIG_RELAPSE},
        {"hiiiigh", REPLY_SIG_RELAPSE, 0},
        {"3. high and sad", REPLY_SIG_RELAPSE, 0},
        {"estoy mareado de tanto tomar", REPLY_SIG_RELAPSE, 0},
        {"estoy mareado por la medicina", 0, REPLY_SIG_RELAPSE},
        {"estoy bien loco por el futbol", 0, REPLY_SIG_RELAPSE},
        {"the tv was on and i kept nodding off", 0, REPLY_SIG_RELAPSE},
        {"u tweaking fr lol", 0, REPLY_SIG_RELAPSE},
        {"im wasted from work lol tired", 0, REPLY_SIG_RELAPSE},
        {"im not sober rn", REPLY_SIG_RELAPSE, 0},
        {"the guy next to me on the bus was nodding out", 0, REPLY_SIG_RELAPSE},
        /* said plainly */
        {"i messed up and used", REPLY_SIG_RELAPSE, 0},
        {"i messed up and used the wrong form", 0, REPLY_SIG_RELAPSE},
        {"caved", REPLY_SIG_RELAPSE, 0},
        {"caved and bought the shoes", 0, REPLY_SIG_RELAPSE},
        {"i gave in and drank", REPLY_SIG_RELAPSE, 0},
        {"no aguante y tome", REPLY_SIG_RELAPSE, 0},
        {"no aguante y tome agua", 0, REPLY_SIG_RELAPSE},
        {"i didnt stay sober this weekend", REPLY_SIG_RELAPSE, 0},
        {"couldnt stay clean, i used", REPLY_SIG_RELAPSE, 0},
        {"i didnt drink, stayed sober all weekend", 0, REPLY_SIG_RELAPSE},
        {"30 days sober but i drank last night", REPLY_SIG_RELAPSE, 0},
        {"wanted to drink so bad but stayed sober", 0, REPLY_SIG_RELAPSE},
        {"llevaba 40 dias sobrio pero ayer tome", REPLY_SIG_RELAPSE, 0},
        {"antes tomaba diario pero ya no", 0, REPLY_SIG_RELAPSE},
        {"my last relapse was last year", 0, REPLY_SIG_RELAPSE},
        {"i used my coping skills", 0, REPLY_SIG_RELAPSE},
        {"shot up out of bed at 5", 0, REPLY_SIG_RELAPSE},
        {"i drank a ton of water", 0, REPLY_SIG_RELAPSE},
        /* a drink by its measure, bare uses, Spanish states, hits */
        {"drank a 40 before work", REPLY_SIG_RELAPSE, 0},
        {"crushed a 30 rack this weekend", REPLY_SIG_RELAPSE, 0},
        {"bought a pint of ice cream", 0, REPLY_SIG_RELAPSE},
        {"got a handle on my anxiety this week", 0, REPLY_SIG_RELAPSE},
        {"finished the bottle of shampoo", 0, REPLY_SIG_RELAPSE},
        {"had a few last night", REPLY_SIG_RELAPSE, 0},
        {"had a few questions about group", 0, REPLY_SIG_RELAPSE},
        {"smoked last night", REPLY_SIG_RELAPSE, 0},
        {"smoked ribs all day saturday", 0, REPLY_SIG_RELAPSE},
        {"used to smoke every day", 0, REPLY_SIG_RELAPSE},
        {"me puse hasta la madre", REPLY_SIG_RELAPSE, 0},
        {"estoy hasta la madre de mi jefe", 0, REPLY_SIG_RELAPSE},
        {"ya estoy hasta el gorro de esto", 0, REPLY_SIG_RELAPSE},
        {"cai otra vez en el vicio", REPLY_SIG_RELAPSE, 0},
        {"me cai otra vez en la calle", 0, REPLY_SIG_RELAPSE},
        {"took a couple hits off the bong", REPLY_SIG_RELAPSE, 0},
        {"they played hits of the 90s at the party", 0, REPLY_SIG_RELAPSE},
        {"slipped up last night", REPLY_SIG_RELAPSE, 0},
        {"smoked crystal", REPLY_SIG_RELAPSE, 0},
        {"crystal from my group says hi", 0, REPLY_SIG_RELAPSE},
        {"my old dealer hit me up and i told him to bring some", REPLY_SIG_RELAPSE, 0},
        {"told my old dealer to lose my number", 0, REPLY_SIG_RELAPSE},
        {"waiting on my connect to hit me back", REPLY_SIG_RELAPSE, 0},
        {"meeting my plug in the gas station lot", REPLY_SIG_RELAPSE, 0},
        {"my plug in the kitchen stopped working", 0, REPLY_SIG_RELAPSE},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Relapse from a second outside view (tests/corpus/train/outside-j.txt,
 * round 5): street names said bare (brown, a bean, boy and girl, shine), a
 * drink from the bottle or by the rack, the hangover cured with more, a
 * blackout after a use, a coy "if u know u know", more regions' street
 * names (zannies, roches, manteca, la piedra); a supplier by his trade,
 * by a price, by what he holds, a deleted number called; states (toasted,
 * spun) with a "bro" after them. Each wanted line failed before its rule;
 * each twin stays quiet: rice, coffee beans, a flu shot, a shift knocked
 * out, the ice cream man, a neighbour's job, a kidney stone, somebody
 * else's weed or drunk neighbour. */
static void test_relapse_outside_view_beside_everyday_words(void **state)
{
    (void)state;
    static const struct twin twins[] = {
        /* street names said bare */
        {"had some brown friday. sick about it", REPLY_SIG_RELAPSE, 0},
        {"had brown rice and chicken for lunch", 0, REPLY_SIG_RELAPSE},
        {"been on that brown all week", REPLY_SIG_RELAPSE, 0},
        {"got a brown dog from the shelter", 0, REPLY_SIG_RELAPSE},
        {"dropped a bean with my cousin saturday", REPLY_SIG_RELAPSE, 0},
        {"had a bean burrito at taco bell", 0, REPLY_SIG_RELAPSE},
        {"copped boy and girl and did em together", REPLY_SIG_RELAPSE, 0},
        {"the new boy and girl in my class are twins", 0, REPLY_SIG_RELAPSE},
        {"that shine had me messed up last night", REPLY_SIG_RELAPSE, 0},
        {"rise and shine, its a good day", 0, REPLY_SIG_RELAPSE},
        {"tina came back around this week if u know u know", REPLY_SIG_RELAPSE, 0},
        {"my sister tina came back around this week", 0, REPLY_SIG_RELAPSE},
        {"went n seen tony again if u know what i mean", REPLY_SIG_RELAPSE, 0},
        {"went n seen my ex again if u know what i mean", 0, REPLY_SIG_RELAPSE},
        /* a drink from the bottle, a shot, a rack, the hangover, a blackout */
        {"took a few pulls off my uncles mason jar", REPLY_SIG_RELAPSE, 0},
        {"took a few swigs of water after my run", 0, REPLY_SIG_RELAPSE},
        {"did a shot in the bathroom at the clinic after", REPLY_SIG_RELAPSE, 0},
        {"took a shot in the dark on that question", 0, REPLY_SIG_RELAPSE},
        {"knocked out a 30 rack between us", REPLY_SIG_RELAPSE, 0},
        {"knocked out a 12 hour shift", 0, REPLY_SIG_RELAPSE},
        {"me cure la cruda con otras 2 caguamas", REPLY_SIG_RELAPSE, 0},
        {"me cure la cruda con menudo y agua", 0, REPLY_SIG_RELAPSE},
        {"probe algo en la disco y no supe mas", REPLY_SIG_RELAPSE, 0},
        {"me acoste y no supe mas, dormi 10 horas", 0, REPLY_SIG_RELAPSE},
        /* a supplier */
        {"texted the number i deleted. still had it memorized", REPLY_SIG_RELAPSE, 0},
        {"deleted his number and blocked him", 0, REPLY_SIG_RELAPSE},
        {"called the number i deleted, it was my ex", 0, REPLY_SIG_RELAPSE},
        {"went n seen the candy man on 5th st", REPLY_SIG_RELAPSE, 0},
        {"the candy man at the fair gave my kid a lollipop", 0, REPLY_SIG_RELAPSE},
        {"found a new guy in the parking lot. percs, 20 a piece", REPLY_SIG_RELAPSE, 0},
        {"tacos were 2 a piece at the truck", 0, REPLY_SIG_RELAPSE},
        {"the dude in unit 4 got work, i been going over there", REPLY_SIG_RELAPSE, 0},
        {"my neighbor got work at the plant", 0, REPLY_SIG_RELAPSE},
        {"the guy at the shop is holding my car", 0, REPLY_SIG_RELAPSE},
        {"my ex put me on with her supplier", REPLY_SIG_RELAPSE, 0},
        {"his dealer keeps showing up at our place", 0, REPLY_SIG_RELAPSE},
        {"met up w ol boy behind the laundromat like old times", REPLY_SIG_RELAPSE, 0},
        {"went fishing with ol boy from work", 0, REPLY_SIG_RELAPSE},
        {"el compa que mueve me fio un gramo", REPLY_SIG_RELAPSE, 0},
        {"el que mueve los muebles llega a las 3", 0, REPLY_SIG_RELAPSE},
        {"el de la esquina me tenia guardado lo de siempre", REPLY_SIG_RELAPSE, 0},
        {"el de la esquina me vendio tamales", 0, REPLY_SIG_RELAPSE},
        /* states, a word of address after them */
        {"im toasty dont judge", REPLY_SIG_RELAPSE, 0},
        {"nice and toasty by the fire", 0, REPLY_SIG_RELAPSE},
        {"spun out, cleaned the whole house 4 times tonight", REPLY_SIG_RELAPSE, 0},
        {"car spun out on the ice this morning", 0, REPLY_SIG_RELAPSE},
        {"toy arrebatao bro", REPLY_SIG_RELAPSE, 0},
        {"my bro is drunk again", 0, REPLY_SIG_RELAPSE},
        /* street names by region, a seller described */
        {"took a couple zannies to sleep", REPLY_SIG_RELAPSE, 0},
        {"volvi a la piedra, perdon", REPLY_SIG_RELAPSE, 0},
        {"volvi a la escuela este semestre", 0, REPLY_SIG_RELAPSE},
        {"me meti manteca otra vez bro", REPLY_SIG_RELAPSE, 0},
        {"le puse manteca a los frijoles", 0, REPLY_SIG_RELAPSE},
        {"tome unas roches pa dormir", REPLY_SIG_RELAPSE, 0},
        {"guy at work sells crank out his truck, bought some friday", REPLY_SIG_RELAPSE, 0},
        {"crank up the heat its freezing", 0, REPLY_SIG_RELAPSE},
        {"my coworker sells cars at the lot", 0, REPLY_SIG_RELAPSE},
        {"fui donde el jibaro del parque y le compre", REPLY_SIG_RELAPSE, 0},
        {"mi abuelo era jibaro de lares", 0, REPLY_SIG_RELAPSE},
        /* somebody else's, a stone */
        {"found my sons weed in his room", 0, REPLY_SIG_RELAPSE},
        {"el vecino estaba bolo gritando toda la noche", 0, REPLY_SIG_RELAPSE},
        {"la senora estaba borracha en la parada", 0, REPLY_SIG_RELAPSE},
        {"estaba borracha en la parada", REPLY_SIG_RELAPSE, 0},
        {"tengo una piedra en el rinon, que dolor", 0, REPLY_SIG_RELAPSE},
        {"fume piedra anoche", REPLY_SIG_RELAPSE, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
    /* a dealer word the rules read as everyday: the retrained model agrees
     * (it raised relapse here before p9.txt's twins were in its corpus) */
    struct reply_result r;
    const char *conn = "my connect at the housing office said the voucher went thru";
    reply_parse(conn, strlen(conn), NULL, &r);
    assert_false(r.signals & REPLY_SIG_RELAPSE);
}

/* Round p11 (means, contact, the dealer, day one, written from outside
 * from FORMAT.md alone): the classes it showed unread, each beside its
 * everyday twin. */
static void test_means_contact_and_count_forms(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, K = REPLY_SIG_CONTACT,
                   A = REPLY_SIG_AMBIGUOUS;
    static const struct twin twins[] = {
        /* a means gotten, its everyday use denied or said to be for the
         * client; a weapon bought is no drug deal */
        {"bought rope at home depot today and it aint for a project", C, 0},
        {"picked up a pistol from a guy today. not for protection", C, 0},
        {"compre un arma con un compa hoy. no es pa defenderme", C, R},
        {"told him it was for coyotes. the gun is for me", C, 0},
        {"went to the range with my brother, shooting guns is not for me", 0, C},
        {"bought rope for the tarp on my truck", 0, C | A},
        {"compre una soga para tender la ropa", 0, C | A},
        /* taken out and at hand; a height with no way down; a high window
         * chosen for it */
        {"took dads revolver out of the safe. its on my lap rn", C, 0},
        {"top level of the parking garage. not taking the stairs back down", C, 0},
        {"got a room on the 22nd floor bc the window opens. thats the plan", C, 0},
        {"my apartment is on the 20th floor and the window opens, nice breeze", 0, C},
        {"took the bus over the bridge to my appointment", 0, C | A},
        {"parked in the garage at the mall and got new shoes", 0, C | A},
        /* a means and despair in one reply: alert, not only ask */
        {"got the strap out. im done fr", C, 0},
        {"im done fr, this traffic is insane", 0, C},
        /* whether anyone is there, a person asked to call */
        {"is anyone there", K, 0},
        {"hello?? anybody actually reading these", K, 0},
        {"hay alguien ahi?", K, 0},
        {"is there a real person on the other end of this", K, 0},
        {"need my specialist to ring me, its important", K, 0},
        {"is marcus working today? need him to hit me up", K, 0},
        {"ya no me escriban", 0, K},
        {"the guy from the shop hit me up about the car", 0, K},
        /* 911 for somebody else, by somebody else */
        {"neighbor had to call 911 for her husband, he took too many pills. hes ok now", 0, C},
        {"my roommate had to call 911 for me", C, 0},
        /* the trap house gone to, not passed; the count reset; "tomé el
         * tren" is a ride */
        {"drove to the trap house after my shift", R, 0},
        {"drove past the trap house and kept going", 0, R},
        {"ugh. day 1 for the 3rd time this year", R, 0},
        {"day 1 of the diet for the 3rd time lol", 0, R},
        {"guess im a newcomer again", R, 0},
        {"im a newcomer at the gym", 0, R},
        {"se me borro la cuenta, volvi a empezar", R, 0},
        {"se me borro la cuenta de instagram", 0, R},
        {"hoy tome el tren para ir a la cita", 0, R},
        {"hoy tome mucho", R, 0},
        /* "mall" is not the Spanish "mal" once its double letter is read
         * once; a voice asked for; a supply kept; a means given */
        {"met my sister at the mall", 0, C},
        {"i really need to hear a voice rn", K, 0},
        {"i hear a voice in my head", 0, K},
        {"picked up a 90 day supply of klonopin today. its just sitting on my dresser", A, C},
        {"picked up my klonopin refill", 0, A | C},
        {"my uncle gave me his pistol", A, 0},
        /* a gun named by its calibre or model, not by "gun": a means, its
         * number no score (".38" was a mood of 38, off the scale) */
        {"got my dads .38 out", A, 0},
        {"i have a .45 in the car", A, 0},
        {"bought a 12 gauge today", A, 0},
        {"my .22 is loaded", C, 0},
        {"i have an ar-15 in the closet", C, 0},
        {"the 45 bus was late, 6", 0, A | C},
        {"a 9mm screw came loose on the shelf", 0, A | C},
        {"mi primo recayo, esta en dia uno otra vez", 0, R},
        {"recai, estoy en dia uno otra vez", R, 0},
        /* round p12: a dose as the label says is no overdose, pills mixed
         * with rum are; narcan asked for; the count started over; tired of
         * existing */
        {"took my 2 advil like the bottle says", 0, C},
        {"6, tome mis 2 pastillas como dijo el doctor", 0, C},
        {"took the whole bottle of advil, the label says dont", C, 0},
        {"mezcle todas mis medicinas con ron, me siento muy mal", C, 0},
        {"if someone has narcan come to my place pls", C, 0},
        {"someone had to narcan a guy outside", 0, C},
        {"my streak is dead", R, 0},
        {"my duolingo streak is dead lol", 0, R},
        {"threw away my 90 day chip, doesnt count anymore", R, 0},
        {"got my 90 day chip today", 0, R},
        {"hoy vuelvo a pedir la ficha blanca", R, 0},
        {"tengo que volver a contar los dias", R, 0},
        {"tengo que contar las calorias otra vez", 0, R},
        {"tired of existing tbh", C, 0},
        {"dont see why im still around", C, 0},
        {"dont see why im still at this job", 0, C},
        /* round p13: hopeless words beside a low score or alone, high or
         * drunk now, a rail blown, "sui" and "dar cuello", sobriety a use
         * ended; everyday twins */
        {"honestly like a 1. i feel like a lost cause", A, 0},
        {"the printer at work is a lost cause", 0, A | C},
        {"2 la verdad, lo mio no tiene arreglo", A, 0},
        {"mi carro no tiene arreglo", 0, A | C},
        {"1 hoy, siento que todo esta perdido", A, 0},
        {"1 again. nobody can fix this and i cant either", A, 0},
        {"nobody can fix the heater in my building", 0, A | C},
        {"2 today. no matter what i do it dont matter", A, 0},
        {"no matter what i do the baby wakes up at 5 lol", 0, A | C},
        {"ive got nothing to look forward to. nothing", A, 0},
        {"its a 2 and honestly i dont see it changing", A, 0},
        {"feels like im drowning and nobody notices", A, 0},
        {"honestly dont see why i bother getting up", A, 0},
        {"rolling hard at this party", R, 0},
        {"rolling my eyes at my brother rn", 0, R},
        {"tryna text u but the room is spinning, too many shots", R, K},
        {"blew a rail in the bathroom at work", R, 0},
        {"the train blew past the rail crossing", 0, R},
        {"me di un par de pericazos anoche", R, 0},
        {"smoked a blunt w my cousin, was 6 months clean before that", R, 0},
        {"6 months clean today", 0, R},
        {"sui thoughts rly bad 2day", C, 0},
        {"me voy a dar cuello", C, 0},
        {"my boss is driving me up the wall but im good", 0, C},
        {"thinking about driving into a wall tonight", C, 0},
        {"8 of 10. 21 months off the bottle", 0, A | C},
        /* round p14: self-harm by picking, ice, hair, blows and a razor
         * brand; a cover story denied; means readied, a day picked, a key
         * to another's gun; everyday twins */
        {"picking the old scars open again til they bleed", C, 0},
        {"picked up my old scarf from the cleaners", 0, C},
        {"told my boss the cat scratched me again. it wasnt the cat", C, 0},
        {"held ice on my skin til it blistered and then did it again", C, 0},
        {"ripped out a bunch of my hair tonight, theres a bald spot now", C, 0},
        {"ripped out the weeds and my hair is a mess", 0, C},
        {"me di de golpes contra la pared otra vez", C, 0},
        {"otra vez con la gillette en los brazos", C, 0},
        {"tome un monton de pastiyas y me siento bien mareada", C, 0},
        {"i know where my uncle keeps his gun and i got the key now. tonight", C, 0},
        {"my uncle keeps his gun locked up at his house", 0, C},
        {"sunday. i picked sunday", C, 0},
        {"we picked sunday for the bbq", 0, C},
        {"sharpened the blade. its in my bag for later", C, 0},
        {"tied the belt to the closet rod to test it", C, 0},
        {"got the razors out and the tub filled", C, 0},
        {"toy en la azotea del edificio y no pienso bajar", C, 0},
        {"compre veneno pa ratas y ya se pa que es", C, 0},
        {"compre veneno pa ratas, hay muchas en el patio", 0, C},
        {"count starts over today", R, 0},
        {"called the dude who used to sell to me", R, 0},
        {"bombed my interview lol, shot myself in the foot", 0, C},
        {"overdosed on christmas cookies at my aunts", 0, C},
        {"gettin hammered at work today, so many orders", 0, R},
        {"worried about my friend, she keeps talking about killing herself. i gave her 988", 0, C},
        {"3 years ago today i overdosed. grateful to be alive", 0, C},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Round p17-p18 (training lines written from FORMAT.md only): the classes
 * its misses showed, each in new words, with everyday twins. */
static void test_round_p17_p18_classes(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, A = REPLY_SIG_AMBIGUOUS;
    static const struct twin twins[] = {
        /* medication in the plural, swallowed in other words, its
         * lethality asked, beside an amount of drink, the body failing */
        {"took like 15 klonopins", C, 0},
        {"a dozen ambiens down the hatch", C, 0},
        {"50mg x 20 of my trazodone. would that be enough", C, 0},
        {"like 15 tylenol pm and half a fifth of whiskey", C, 0},
        {"30ish gabapentin in me rn", C, 0},
        {"snorted 3 lines and my heart is racing so fast", C, 0},
        {"my heart is racing after the gym", 0, C},
        {"my brother did a line and his lips went blue", 0, C},
        /* self-harm's own slang, words carved, cigarettes put out, blows */
        {"went to styro on my thigh last night", C, 0},
        {"my arm looks like a barcode", C, 0},
        {"scanned the barcode at the store", 0, C},
        {"ate beans and rice for lunch", 0, C},
        {"carved her initials into my wrist", C, 0},
        {"carved a pumpkin with my kid", 0, C},
        {"been putting cigs out on my legs", C, 0},
        {"me estoy golpeando la cabeza contra la pared", C, 0},
        {"el gato me araño el brazo", 0, C},
        /* the dead met early, harm hoped for, death wished as a question */
        {"gonna go see my mom in heaven early", C, 0},
        {"my mom is in heaven now, miss her", 0, C},
        {"hope the plane goes down with me on it", C, 0},
        {"hope my plane lands on time", 0, C},
        {"why don't i just die", C, 0},
        {"porque no me muero de una vez", C, 0},
        /* means: traffic pictured, a jump in Mexican Spanish, cold waited
         * out, a beam tested, medication saved up, guns by calibre */
        {"keep picturing stepping in front of a train", C, 0},
        {"me voy a aventar del puente", C, 0},
        {"gonna lie down in the cold till its over", C, 0},
        {"gonna lie down till the storm is over", 0, C},
        {"the rafter in the garage is strong enough, i have the rope", C, 0},
        {"the beam is strong enough to hold the new shelf", 0, C},
        {"been stockpiling my lithium for weeks", C, 0},
        {"saving my insulin for the trip", 0, C},
        {"la 9 de mi tio esta en su cuarto y ya le puse balas", C, 0},
        {"voy a la 22 de mi casa", 0, C},
        {"took the ar out of the safe", C, 0},
        {"thinkin bout endin thngs 2nite", C, 0},
        /* traps: laughter, a job left for another, a pet, a meal, somebody */
        {"mi hija me mató de risa con su baile", 0, C},
        {"said goodbye to my crew at the plant, last shift today! new job starts monday", 0, C},
        {"my cat got into my xanax, at the vet now", 0, R},
        {"me quemé con el aceite haciendo tamales", 0, C},
        {"somebody overdosed in the bathroom at my job", 0, C},
        /* relapse: bought from somebody, drink in slang, states in other
         * words, the dealer's place gone to, the purpose unsaid */
        {"picked up some blues off a dude at the park", R, 0},
        {"back on the sauce again", R, 0},
        {"put the sauce on the ribs", 0, R},
        {"buzzed and its not even noon", R, 0},
        {"seeing double lol", R, 0},
        {"seeing double from this migraine", 0, R},
        {"too messed up to drive home", R, 0},
        {"zonked off those percs", R, 0},
        {"drove to the spot and copped", R, 0},
        {"drove past the spot and kept going", 0, R},
        {"linked with my old connect, you know what for", R, 0},
        /* despair: given up, a hole with no way out */
        {"ive given up on things ever changing", A, 0},
        {"ive given up on the diet lol", 0, A},
        {"stuck in a pit i cant get out of", A, 0},
        {"my truck is stuck in a hole and i cant get it out", 0, A},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Round p19-p20 (training lines written from FORMAT.md only; p20 all in
 * Spanish): the classes its misses showed, in new words, with twins. */
static void test_round_p19_p20_classes(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, A = REPLY_SIG_AMBIGUOUS,
                   K = REPLY_SIG_CONTACT, E = REPLY_SIG_EVENT;
    static const struct twin twins[] = {
        /* farewells: the texts no longer needed, somebody left in care, a
         * goodbye posted, a letter's place told with love */
        {"i dont think ill be needing these check ins after friday", C, 0},
        {"gave my watch to my nephew. told him to take care of grandma for me", C, 0},
        {"can you take care of my dog for me while im at the hospital", 0, C},
        {"posted my goodbye on insta, phone off after this", C, 0},
        {"my goodbye party at work is friday", 0, C},
        {"the letter is under my pillow. i love you all", C, 0},
        {"the letter from the landlord is on the table", 0, C},
        /* burden, death welcome, the end tonight */
        {"tired of taking up space", C, 0},
        {"the boxes are taking up space in my room", 0, C},
        {"my kids would be fine without me", C, 0},
        {"my kids will be fine without me this weekend", 0, C},
        {"siento que ya no hago falta", C, 0},
        {"honestly i would welcome death at this point", C, 0},
        {"i welcome the end of this semester", 0, C},
        {"tonight its finally over", C, 0},
        {"the semester is finally over tonight", 0, C},
        /* Spanish: pain sought, not waking, breath running out, a fistful */
        {"le di punos al espejo, necesitaba sentir dolor", C, 0},
        {"no me importaria si ya no amanezco", C, 0},
        {"me meti doble y me estoy quedando sin aire", C, 0},
        {"acabo de tomarme un puño de clonazepam", C, 0},
        /* a thought of a means is no group's topic for being near one */
        {"got my chip at the meeting. i keep thinking about jumping off the bridge on my way home", C, 0},
        {"group today was on relapse and drinking at the holidays", 0, C | R},
        /* drinks of no alcohol */
        {"had a root beer float after group", 0, R},
        {"me tome una cerveza sin alcohol con la comida", 0, R},
        {"toy trabao ahora", R, 0},
        /* contact asked in many ways; events in Spanish */
        {"could a peer contact me about my son", K, 0},
        {"puedes decirle a mi consejera q me llame", K, 0},
        {"call me?", K, 0},
        {"need a callback asap", K, 0},
        {"would it be possible to telephone me tomorrow", K, 0},
        {"tengo q hablar con mi peer hoy", K, 0},
        {"se llevo la migra a mi hermano", E, 0},
        {"me botaron de la chamba", E, 0},
        /* hopeless in Spanish */
        {"ya no espero nada de la vida", A, 0},
        {"nada tiene arreglo", A, 0},
        {"esto no va a cambiar nunca, estoy cansada", A, 0},
        {"el horario no va a cambiar", 0, A},
        {"mi tio me dejo su pistola", A, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Round p21-p22 (training lines written from FORMAT.md only): the classes
 * its misses showed, in new words, with twins. */
static void test_round_p21_p22_classes(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, A = REPLY_SIG_AMBIGUOUS,
                   K = REPLY_SIG_CONTACT, E = REPLY_SIG_EVENT;
    static const struct twin twins[] = {
        /* a beam that holds one's weight, a drop checked, a birthday
         * picked, a hose to the tailpipe */
        {"got paracord and theres a beam in the shed that will hold my weight", C, 0},
        {"been going by the overpass to check the drop", C, 0},
        {"check the drop in prices at the store", 0, C},
        {"picked my birthday as the day", C, 0},
        {"ran a hose from the tailpipe into the car", C, 0},
        {"mechanic fixed the exhaust, no more taped hose lol", 0, C},
        /* pills with a bottle of wine, two downers mixed, pills in emoji */
        {"thirty tylenol and a bottle of chardonnay", C, 0},
        {"mixed my oxy with six xanax", C, 0},
        {"💊💊💊 took them all", C, 0},
        {"took them all to the pharmacy drop box", 0, C},
        /* a burn with a hot tool; not meaning to do anything is no intent */
        {"held the curling iron on my thigh again", C, 0},
        {"burned my hand on the curling iron doing my hair", 0, C},
        {"have my old pain pills but im not gonna do anything with them", 0, C},
        /* relapse: tar, buzzed off a drink, on the nod; coke zero */
        {"shot some tar last night", R, 0},
        {"buzzed off the tequila rn", R, 0},
        {"on the nod all afternoon", R, 0},
        {"watched the game on coke zero only", 0, R},
        /* despair; somebody else revived, the 988 number passed on */
        {"nothing ever gets better for me", A, 0},
        {"mi primo se metio una sobredosis y lo revivieron con narcan", 0, C},
        {"la vecina se corta, le di el numero 988", 0, C},
        {"my cellmate from county came in hammered last night", 0, R},
        /* a call asked to be set up; tired of trying, of pretending; a
         * wish said now about the past; the tracks to lie down on */
        {"can we schedule a call with my peer tomorrow", K, 0},
        {"gotta schedule a call with the dentist", 0, K},
        {"so tired of pretending im fine", A, 0},
        {"tired of fighting with my landlord", 0, A},
        {"honestly wish i never woke up after the accident last year", C, 0},
        {"i used to wish i was dead but that was years ago", 0, C},
        {"ya se a que hora pasa el tren, manana me acuesto en las vias", C, 0},
        {"tying up loose ends, sold the truck", C, 0},
        {"tying up loose ends at work before vacation", 0, C},
        {"the trailer burned and we lost everything", E, 0},
        {"lost everything in my fantasy league lol", 0, E},
        {"they let me go at the warehouse today", E, 0},
        {"running on empty, no gas station in sight", A, 0},
        {"running on empty, need gas in the truck", 0, A},
        /* giving up on life, not a habit quit */
        {"i give up", A, 0},
        {"gave up on everything", A, 0},
        {"gave up soda for lent", 0, A},
        {"gave up smoking last year", 0, A},
        /* a pickup set with the one whose number was kept */
        {"she still has the same number. pickup at 10", R, 0},
        {"he has my number. pickup at 3 for the kids", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Round p25-p26 (training lines written from FORMAT.md only; p26 all in
 * Spanish): the classes its misses showed, in new words, with twins. */
static void test_round_p25_p26_classes(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, K = REPLY_SIG_CONTACT,
                   A = REPLY_SIG_AMBIGUOUS;
    static const struct twin twins[] = {
        /* not making it to a day, heaven now, a day named with a means,
         * the purpose unsaid two clauses on */
        {"dont think im gonna make it to friday", C, 0},
        {"not gonna make it to the party friday", 0, C},
        {"finna go see my granny in heaven", C, 0},
        {"got a pistol off a guy. saturday is the day", C, 0},
        {"bought a bunch of rope at the store today. you know what for", C, 0},
        /* a use said alone, the last one, drink picked up, count reset */
        {"used on saturday. nobody knows", R, 0},
        {"shouldnt have had that last one. room spinning", R, 0},
        {"shouldnt have had that last slice of pizza", 0, R},
        {"picked up a drink at the party and kept going", R, 0},
        {"rompi mi sobriedad el sabado", R, 0},
        {"borre mi fecha de sobriedad", R, 0},
        {"relapsed back in may, clean since, 6 months now", 0, R},
        {"me puse a beber otra vez", R, 0},
        {"toy volando ahorita", R, 0},
        /* a "but" ends what others said; a wish now; a lesson's topic */
        {"no le digas a mi mama pero quiero quitarme la vida", C, 0},
        {"ojala me hubiera muerto en la sobredosis del año pasado", C, 0},
        {"cuando tenia 20 intente quitarme la vida, hoy estoy bien", 0, C},
        {"en el grupo practicamos con narcan", 0, C},
        {"tome 20 pastillas a ver si duermo pa siempre", C, 0},
        /* round p27-p28: a sport is no self-harm, the dealer of before
         * bought from now, a coffin envied, a Spanish day named with a
         * means, a head slammed on a door frame, empty inside, a life a
         * mistake, nothing ever changing; a rink, a move, concert tickets */
        {"hit the heavy bag at the gym til my knuckles bled", 0, C},
        {"fui con el dealer de antes y le compre", R, 0},
        {"mi conecte de antes ya ni existe", 0, R},
        {"honestly id trade places with anyone in a coffin", C, 0},
        {"fui al puente otra vez. el sabado es el dia", C, 0},
        {"slammed my head against the door frame over and over", C, 0},
        {"i feel completely hollow inside", A, 0},
        {"my whole life has been one big mistake", A, 0},
        {"nothing is ever going to change for me", A, 0},
        {"rolling so hard at the skate rink lol", 0, R},
        {"le regale mis cosas a mi hermana porque me mudo a texas", 0, C},
        {"mi conecta me consiguio boletos pal concierto", 0, R},
        /* contact: the peer asked for by a question, a voice */
        {"is my counselor around? need to talk", K, 0},
        {"anybody there? i need a voice", K, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Rounds p30-p33 (means and plans, relapse, long replies, long everyday
 * news), written from FORMAT.md only: the classes the rules missed or
 * alarmed on, each with its twin. */
static void test_round_p30_p33_classes(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, A = REPLY_SIG_AMBIGUOUS;
    static const struct twin twins[] = {
        /* into water or traffic, drowning meant, a trigger pulled */
        {"tonight im gonna walk into the ocean and keep going", C, 0},
        {"me voy a meter al rio esta noche", C, 0},
        {"walked around the lake with my sister, so pretty", 0, C},
        {"nearly walked into traffic reading my texts lol", 0, C},
        {"i want to drown myself", C, 0},
        {"drowning in paperwork this week", 0, C},
        {"bought a gun, just need to pull the trigger", C, 0},
        {"ya tengo la fusca, me falta el valor pa jalarle al gatillo", C, 0},
        {"we pulled the trigger on the new apartment", 0, C},
        /* a means turned on the self whoever owns it; a pronoun for a means */
        {"i know where my uncles rifle is and i will use it on myself", C, 0},
        {"pulled the pills out and they are not for my headache", C, 0},
        /* pets and the like left in another's care; one is the burden */
        {"make sure my dog goes to my brother", C, 0},
        {"make sure my dog stays with my mom while im at work", 0, C},
        {"he would be better off if i wasnt in the picture", C, 0},
        {"the selfie looks better if im not in the picture", 0, C},
        /* killing said of a thing; a means that kills is a plan */
        {"this heat on the bridge is killing me", 0, C},
        {"my feet are gonna kill me after this shift", 0, C},
        {"el calor del techo me esta matando", 0, C},
        {"these pills are going to kill me tonight", C, 0},
        {"someone please kill me", C, 0},
        {"i wish somebody would kill me", C, 0},
        /* driven to a cliff, a bridge crossed on foot, the traffic of a bridge */
        {"my coworkers are driving me off a cliff", 0, C},
        {"i jog over the bridge every morning", 0, C},
        {"el trafico del puente me tiene loco", 0, C},
        /* the past in months or years since, at school; a judged decision */
        {"two years since they pulled me off the ledge. im doing good", 0, C},
        {"in high school i swallowed a bottle of pills. im ok now", 0, C},
        {"quitting was the best decision i ever made", 0, C},
        {"i made my decision and im at peace", C, 0},
        /* denials and everyday uses */
        {"i run across the bridge for cardio, not thinking about jumping", 0, C},
        {"got a new razor to shave my beard", 0, C},
        {"they gave us narcan kits at the meeting", 0, C},
        {"the paramedics had to narcan me", C, 0},
        {"last nights share was about self harm", 0, C},
        /* a supply told by its size, a means by the bed, a high place alone */
        {"picked up my refill, 120 pills", A, C},
        {"got my prescription, 30 day supply", 0, A | C},
        {"a knife under my pillow", A, 0},
        {"went up to the cliffs by myself today", A, 0},
        {"biked past the bridge a lot lately", A, 0},
        /* relapse: the year lost, gambling, Spain's dealer, drunk in the
         * Caribbean, out of one's mind, another's pills, not one's own */
        {"lost my two years", R, 0},
        {"volvi al casino otra vez", R, 0},
        {"drove past the casino and kept going", 0, R},
        {"quede con el camello", R, 0},
        {"agarre una jumeta anoche", R, 0},
        {"drunk out of my mind rn", R, 0},
        {"took a few of my roommates xanax", R, 0},
        {"tome pastillas que no eran mias", R, 0},
        {"i never take pills that are not mine", 0, R},
        /* and their everyday twins */
        {"i picked up three extra shifts", 0, R},
        {"been using my planner every day", 0, R},
        {"been drinking more water", 0, R},
        {"her blood pressure was a bit high today", 0, R},
        {"had a six pack in my cart and put it back", 0, R},
        {"my old plug texted me and i blocked him", 0, R},
        {"me queme la espalda en la playa", 0, C},
        /* round p34: a sermon's or a talk's topic, faded scars, a stretch
         * of the past told with "was", use going on with "been" */
        {"the pastor preached about suicide today", 0, C},
        {"the counselor covered overdose risk in group", 0, C},
        {"el padre hablo del suicidio en la misa", 0, C},
        {"my old scars have faded a lot", 0, R},
        {"was on pills for six years, 3 years clean", 0, R},
        {"was on fent last weekend", R, 0},
        {"been on fent all week", R, 0},
        {"estoy curao", R, 0},
        /* a topic told in another sentence does not take over the client's
         * own "I" with a time or a want */
        {"we were all joking in the group chat. anyway im going to hang myself tonight", C, 0},
        {"terminamos la tarea de mi hijo. ya tengo la soga y pienso usarla hoy", C, 0},
        {"group tonight was about suicide. i want to learn the warning signs", 0, C},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Relapse said as a state now, and traps in the same words (the round of
 * p35-p40): each state beside an everyday twin, the past told as a story,
 * somebody else. And the safety of the new context: what would have been
 * or "not ... anymore" never lowers a crisis, and a past said after a
 * relapse does not lower it. "cant remember anything, still so drunk" had
 * been lowered by a "remember" anywhere near, "...dice que ando tomado
 * pero si, tome" by a belief with no denial (both fixed); a man named
 * before the client's own "me" does not make it his. */
static void test_round_p35_p40_classes(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"tripping balls rn", R, 0},
        {"tripping over my own feet today lol", 0, R},
        {"coked up at a party, cant stop talking", R, 0},
        {"on acid at the lake", R, 0},
        {"slipped on ice walking the dog", 0, R},
        {"klonopin hitting, im so floaty", 0, C},
        {"xans and vodka, so sleepy", R, 0},
        {"on my moms ativan and im real foggy rn", R, 0},
        {"im baked af rn", R, 0},
        {"i baked cookies for the kids", 0, R},
        {"this heat is killing me, im baked", 0, R},
        {"ando arriba del cristal", R, 0},
        {"ando bien pedo", R, 0},
        {"estoy endrogao", R, 0},
        {"pasado mañana tengo entrevista", 0, R},
        {"my sweater pilled up in the wash", 0, R | C},
        {"feeling buzzed about the concert saturday", 0, R},
        {"we got blasted with snow overnight", 0, R},
        {"just got back from the pot luck at church", 0, R},
        {"we tried the new bbq joint downtown", 0, R},
        {"people at the bus station were smoking crack", 0, R},
        {"my ex texted me at 3am clearly high", 0, R},
        {"the old me would have been drunk by noon", 0, R},
        {"passed the motel where i spent most of 2019 high on meth. today im 3 years clean", 0, R},
        {"cant remember anything, still so drunk", R, 0},
        {"this guy at the bar got me drunk", R, 0},
        {"en el metro habia un senor bien tomado dormido", 0, R},
        {"mi esposa dice que ando tomado pero si, tome", R, 0},
        {"mi esposa cree que ando tomado pero solo es el sueño", 0, R},
        {"relapsed last night. would have called you but i was ashamed", R, 0},
        {"they would have been better off without me", C, 0},
        {"i wanna not exist anymore", C, 0},
        {"bought bullets, only need one", C, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Round p41-p47: a state told by its effects beside a sign of the
 * substance, or by two effects or a strong one with no everyday cause (a
 * single effect with no sign goes to the digest); regional slang; the
 * same effects from everyday causes; state words with an everyday cause,
 * a likeness, a pet; relapse into everyday things; an offer turned down; the
 * past told as a story; and crisis false alarms found on the way (a
 * runny nose read as a noose, food eaten "whole", "just woke up", the
 * text before). Each line of the second kind raised an alarm before. */
static void test_round_p41_p47_classes(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"room wont stop spinning after those shots lol dont tell my sponsor", R, C},
        {"room wont stop spinning, vertigo is back", 0, R | C},
        {"veo doble jaja no le digas a mi madrina", R, C},
        {"veo doble desde que me dilataron las pupilas en el doctor", 0, R | C},
        {"the walls are breathing lol ate a gummy", R, C},
        {"heart racing and i cant sit still, too much coffee before my interview", 0, R | C},
        {"my uncle was slurring at dinner after his third beer", 0, R},
        {"dog is stoned from the vet sedation lol wobbly boy", 0, R},
        {"my eyes are red from allergies not weed", 0, R},
        {"im so buzzed off this cold brew", 0, R},
        {"buzzed off these beers already lol", R, 0},
        {"im so faded from this double shift", 0, R},
        {"high as a kite after passing my drivers test", 0, R},
        {"walking like im tipsy in these new heels", 0, R},
        {"i feel drunk but its just the jet lag", 0, R},
        {"got lit up by my boss for being late", 0, R},
        {"relapsed into my old habit of biting my nails", 0, R},
        {"recai en el chocolate otra vez", 0, R},
        {"relapsed on pills last night", R, 0},
        {"someone offered me a joint and i said yes", R, 0},
        {"someone offered me a joint and i said no", 0, R},
        {"everyone at the cookout was wasted and so was i", R, 0},
        {"this song hits different cause im high rn", R, 0},
        {"recai hace dos dias", R, 0},
        {"recai hace dos anos y desde entonces limpio", 0, R},
        {"back when i used to get wasted every friday i never saw my kids", 0, R},
        {"showed up drunk to work today", R, 0},
        {"runny nose today", 0, C},
        {"my nose is running", 0, C},
        {"tied a noose in the garage", C, 0},
        {"ate a whole bag of chips", 0, C},
        {"ate a whole bottle of my pills", C, 0},
        {"sorry if this makes no sense, just woke up from a nap", 0, C},
        {"i wish i never woke up", C, 0},
        {"ignore my last text, autocorrect", 0, C},
        {"this is my last text", C, 0},
        {"my fingers keep hitting the wrong keys", 0, C},
        {"i keep hitting myself", C, 0},
        {"stumbling around the kitchen giggling at nothing", R, 0},
        {"stumbling around the kitchen, vertigo flare again", 0, R},
        {"the room is spinning", 0, R},
        {"the walls are breathing like for real", R, 0},
        {"my face is numb, just had dental work", 0, R},
        {"the guy next to me on the train keeps saying the room is spinning", 0, R},
        {"my dad drinks a 12 pack every night and i cant stand it", 0, R},
        {"llevo un pedal que no veo", R, 0},
        {"off my chops rn sorry", R, 0},
        {"wipe that smile off my face", 0, R},
        {"voy pedo tio, no me esperes", R, 0},
        {"mi viejo anda pedo otra vez", 0, R},
        {"le conteste a mi viejo dealer", 0, 0},
        {"homies asked if i wanted to get faded, i said im good", 0, R},
        {"homies asked if i wanted to get faded and i said hell yeah", R, 0},
        {"la gripa me pego duro", 0, C},
        {"cuando me enojo me pego", C, 0},
        {"the steroids have me wired and starving", 0, C},
        {"starving myself again", C, 0},
        {"bartender just cut me off lol", R, C},
        {"drank at lunch today", R, 0},
        {"drank water at lunch today", 0, R},
        {"went back to kratom this week", R, 0},
        {"nangs all night lol cant focus", R, 0},
        {"my credit score tanked", 0, R},
        {"estoy re puesto para la entrevista", 0, R},
        {"2 bottles of wine in me so idk maybe a 5", R, 0},
        {"me pego fuerte el porro, estoy en otro planeta", R, C},
        {"perc'd up and chillin", R, 0},
        {"spun since yesterday, havent slept", R, 0},
        {"zooted fr fr", R, 0},
        {"el nino anda bien acelerado con tanto dulce", 0, R},
        {"everyone at the work happy hour got hammered, i drove them home", 0, R},
        {"everyone at the work happy hour got hammered and so did i", R, 0},
        {"that part of my life is over", 0, C},
        {"my life is over", C, 0},
        {"them percs finally kicked in", R, REPLY_SIG_EVENT},
        {"my zoloft finally kicked in", 0, R | REPLY_SIG_EVENT},
        {"estoy mareado por la medicina", 0, R},
        {"passed out at work and hit my head", 0, C},
        {"got evicted, been walking around in a daze", 0, C},
        {"vertigo came back, ENT says its crystals in my inner ear, room spins", 0, R},
        {"my mom passed this morning. i feel numb and floaty", 0, R},
        {"fui a la casa del dealer despues del trabajo", R, 0},
        {"drove past my old dealers house and kept going", 0, R},
        {"lmao im so baked i forgot i was holding my phone", R, 0},
        {"siento que me estoy hundiendo y nadie me ve", REPLY_SIG_AMBIGUOUS, 0},
        {"im sinking into the couch with nobody around lol", 0, REPLY_SIG_AMBIGUOUS},
        {"dictado por voz estoy bien hoy menos por el viento punto digo la lluvia punto", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* The p49 round: a state shown by cues (reply_concepts_cue.c), two of
 * them or one beside an effect or a sign of the substance, beside the
 * same cues with an everyday cause, one cue alone, and the round's other
 * fixes. */
static void test_round_p49_cues(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"lol what day is it. also who told u im up", R, 0},
        {"what day is it lol, baby kept us up all night", 0, R},
        {"what day is it today, is group on?", 0, R},
        {"cant find my shoes or my friends and i love everybody here", R, 0},
        {"cant find my shoes, the kids hid them again", 0, R},
        {"havent slept since friday and i have so much energy, cleaned the garage twice", R, 0},
        {"havent slept since friday, newborn life, cleaned the garage twice anyway", 0, R},
        {"havent slept since friday, so tired", 0, R},
        {"fell asleep typing this sorry what was i saying", R, 0},
        {"fell asleep typing this sorry, night shift again", 0, R},
        {"my teeth feel so weird and my hands are tingly", R, 0},
        {"my teeth feel weird after the dentist cleaning", 0, R},
        {"ya no se ni que dia es, los quiero a todos", R, 0},
        {"ya no se ni que dia es con el bebe, pero los quiero a todos", 0, R},
        {"quiero que todos sepan que voy bien", 0, R},
        {"dont tell anyone ok. dont be mad", R, 0},
        {"dont tell anyone but i got a tattoo", 0, R},
        {"been talking to my cat for hours and everything is connected man", R, 0},
        {"been talking to my cat for hours, power is out", 0, R},
        {"she said yes!!! we're getting married, i love everybody, best night ever", 0, R},
        {"the universe is so big, watched a documentary about it", 0, R},
        {"what even is the point anymore", REPLY_SIG_AMBIGUOUS, R},
        {"what is even the point", REPLY_SIG_AMBIGUOUS, R},
        {"what do i even do at this point with my car", 0, REPLY_SIG_AMBIGUOUS},
        {"got my flu shot, arm is tingly", 0, R},
        {"took a shot and im all tingly", R, 0},
        {"relapsed over the summer, back on track since september", 0, R},
        {"recai en el verano, desde septiembre voy bien", 0, R},
        {"i think im talking too much lol", 0, REPLY_SIG_CONTACT},
        {"i think i need to talk to someone", REPLY_SIG_CONTACT, C},
        {"everyone at the bbq was drinking and i had lemonade all day", 0, R},
        {"everyone at the party was drinking and i joined them", R, 0},
        {"everyone there was drinking and so was i", R, 0},
        {"se fue la luz y llevo horas hablandole al perro sobre el sentido de la vida, todo esta conectado", 0, R},
        {"llevo horas hablandole al perro sobre la vida, todo esta conectado", R, 0},
        {"studied all night for the bar exam, words are floating on the page", 0, R},
        {"popped 2 bars", R, 0},
        {"birthday sleepover, 6 girls, 0 sleep, im a 7 lol", 0, R},
        {"back to 0 days again", R, 0},
        {"empece el laburo nuevo a las 6, ando a full", 0, R},
        {"empece de nuevo, dia uno", R, 0},
        {"ran my longest run ever, legs are jelly and my hands are tingly", 0, R},
        {"me tome la pastilla de la presion como dijo la doctora y ando mareado y con hormigueo", 0, R},
        {"i got married yesterday, still floating and i love everyone", 0, R},
        /* the good news of cue_everyday: all but "married" had been lost
         * to a condition written inside its SET's parentheses */
        {"i love everybody, best night ever, wedding", 0, R},
        {"ME PIDIO MATRIMONIO!!! no paro de abrazar a todo el mundo jaja los quiero a todos", 0, R},
        {"i love everybody, best night ever, church retreat", 0, R},
        {"i love everybody, best night ever", R, 0},
        /* the cue rule's second part */
        {"havent slept in 2 days and reorganized the whole garage by color", R, 0},
        {"newborn, havent slept in 2 days and reorganized the whole garage by color", 0, R},
        {"who reads these. is my PO on this thread", R, 0},
        {"who reads these? just curious about privacy", 0, R},
        {"where am i. whose house is this", R, 0},
        {"i thought it was still saturday night lol, what time is it", R, 0},
        {"what time is it there? i work the night shift so i lose track", 0, R},
        {"la fiesta del vecino sigue desde anoche, gritan que se aman, yo solo quiero dormir", 0, R},
        {"hace un ano a esta hora estaria tres dias sin dormir hablandole a las paredes", 0, R},
        {"love you love you love you, ur the best, what day is it", R, 0},
        {"this is just between us ok. i cant feel my feet lol", R, 0},
        /* an opt-out with a call asked for: the texts stop and a person
         * is paged (the contact signal had been dropped under a STOP) */
        {"no me escriban, llamenme hoy porfa", REPLY_SIG_CONTACT, 0},
        {"stop texting me", 0, REPLY_SIG_CONTACT},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* The round of p54 (states) and p55 (dealers): a seller told by the verb
 * and the client's act toward the seller; a drug praised or taken too
 * much of; drinks counted; a drug that holds the client ("me tienen");
 * an answer that takes the offer ("le dije que si"); and two false alarms
 * found on the way: an English "me" after a harm verb ("the ball hit me"
 * had been self-harm) and a ball read as an eight ball. */
static void test_round_p54_p55_sellers_and_praise(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"my neighbor sells and i went over there tonight", R, 0},
        {"my neighbor sells cars and i bought one", 0, R},
        {"my neighbor sells insurance and i asked him for a quote", 0, R},
        {"my brother in law sells so i told my wife we cant visit anymore", 0, R | C},
        {"i used to sell, now i work at the warehouse", 0, R},
        {"the guy at my job sells, i didnt buy anything", 0, R},
        {"la vecina vende y le pedi un poco anoche", R, 0},
        {"la vecina vende tamales y le compre seis", 0, R},
        {"fui a la casa donde venden, no aguante", R, 0},
        {"walked to the spot where they sell, copped and came home", R, 0},
        {"that coke was fire", R, 0},
        {"que buena estaba la mota de anoche", R, 0},
        {"my brother says the weed is strong there", 0, R},
        {"de tanto vino ya no me acuerdo", R, 0},
        {"on my 4th beer and its not even noon", R, 0},
        {"my 2nd bottle of water today, staying hydrated", 0, R},
        {"los hongos ya me pegaron", R, 0},
        {"tengo hongos en las unas, voy al doctor", 0, C},
        {"las pastillas de la doctora me tienen mareado", 0, C},
        {"el plug me escribio y le dije que si", R, 0},
        {"el plug me escribio y le dije que no", 0, R},
        {"my plug texted me and i told him yes", R, 0},
        {"bro el plug esta afuera, ya voy", R, 0},
        {"the ball hit me right in the face at practice", 0, C},
        {"my sister hit me", REPLY_SIG_EVENT, C},
        {"i hit myself again last night", C, 0},
        {"got an 8 ball and it hit hard", R, 0},
        /* look-alikes of p55: a game's or an app's day one, a move, a
         * cheer, a guy or a plug of everyday trade, a turn away, a belief
         * denied, Colombia's "camello" */
        {"my game save got wiped, back to day 1 on minecraft", 0, R},
        {"perdi la racha en duolingo, otra vez en cero", 0, R},
        {"nos mudamos a phoenix, empezando de cero", 0, R},
        {"day 1 again. i drank last night", R, 0},
        {"MY GUY!! you wont believe it, i got the job", 0, R},
        {"called my guy, he's bringing it by at 9", R, 0},
        {"my guy at the farmers market saved me the good peaches", 0, R},
        {"my plug for concert seats came through, front row", 0, R},
        {"the plug came through, im good for the weekend", R, 0},
        {"walked past the spot and kept walking, proud of me", 0, R},
        {"went to the spot and got a bag", R, 0},
        {"picked up my 90 day key tag tonight", 0, C},
        {"picked the day. saturday", C, 0},
        {"i just drove off, didnt even look back", 0, C},
        {"my aunt thinks i relapsed but i didnt", 0, R},
        {"i think i relapsed last night", R, 0},
        {"hay mucho camello esta semana, ando cansado", 0, R},
        {"llame al camello y ya viene", R, 0},
        {"we passed the old house on the way to church", 0, REPLY_SIG_EVENT},
        {"my uncle passed this morning", REPLY_SIG_EVENT, 0},
        {"cant go to that bar anymore, too many memories", 0, REPLY_SIG_AMBIGUOUS},
        {"i cant do this anymore", C, 0},
        {"el de la esquina me ofrecio y segui de largo", 0, R},
        {"le cambie el numero para que el dealer no me encuentre", 0, R},
        /* p56: a drink at hand; a number sworn off, reached; "the usual"
         * from someone; a purpose left unsaid; and their look-alikes */
        {"just me and my bottle of whiskey on the porch", R, 0},
        {"kept his number in my notes", 0, C},
        {"wrote letters to my kids and my wife", C, 0},
        {"aqui con la caguama viendo el box", R, 0},
        {"my uncle passed out with a beer in his hand", 0, R},
        {"todos con sus chelas y yo con mi coca light", 0, R},
        {"watching the game with my beer zero", 0, R},
        {"everyone took shots, i had water", 0, R},
        {"lost count of the loads of laundry today", 0, R},
        {"kept his number in my notes. called it tonight", R, 0},
        {"my plug texted me and i deleted the number without answering", 0, R},
        {"found my old friend's number and called her, we talked for an hour", 0, R},
        {"texted my ex who i swore i deleted", 0, R},
        {"got the usual from him behind the store", R, 0},
        {"got the usual at starbucks, caramel latte", 0, R},
        {"quede con el de siempre a las 9, ya sabes", R, 0},
        {"quede con el de siempre para el futbol", 0, R},
        {"lo de siempre, trabajo y casa", 0, R},
        {"went to see him after work, you know why", R, 0},
        {"went to see my grandma, you know how she is", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* p57 (relapse states and dealers in everyday words): withdrawal named or
 * shown by its signs beside a supply run out, a refusal denied ("didnt
 * say no"), a seller's gift taken, someone holding then gone to, "el de
 * siempre" answered, "re-upped", a plug that rings the phone, "u know
 * what for", "the usual, same price", an old connection; and their
 * look-alikes: the flu, a chosen detox, the past, somebody else, a
 * counselor's talk, gas or coffee run out, a monkey, a phone plan. */
static void test_round_p57_withdrawal_and_dealers(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"dope sick. everything hurts", R, 0},
        {"con la malilla, no he dormido", R, 0},
        {"sweating and aching since i ran out yesterday", R, 0},
        {"cold sweats and chills, day 2 since my subs ran out", R, 0},
        {"no pills left since sat. runny nose, chills, the shits", R, 0},
        {"sudando y con escalofrios desde que se me acabo, no aguanto", R, 0},
        {"tengo un mono tremendo, no paro de sudar", R, 0},
        {"hands wont stop shaking till i get a drink in me", R, 0},
        {"jonesing so bad. yawning, goosebumps, stomach cramps", R, 0},
        {"withdrawals are kicking my ass since i ran out", R, 0},
        {"my brother is dope sick and asking me for money", 0, R},
        {"flu has me sweating and aching, chills all night", 0, R},
        {"day 4 clean, the sweats and chills are brutal but im doing it", 0, R},
        {"ran out of coffee, yawning and sneezing all day lol", 0, R},
        {"se me acabo la gasolina y camine sudando y temblando de frio", 0, R},
        {"mi hija tiene un mono de peluche nuevo", 0, R},
        {"jonesing for tacos rn", 0, R},
        {"counselor explained what withdrawal does to your sleep", 0, R},
        {"withdrawals from my antidepressant are making me dizzy", 0, R},
        {"withdrawal was hell when i quit the first time", 0, R},
        {"cuando deje la heroina tuve la malilla por dias", 0, R},
        {"the first week of detox i had chills, sweats, everything hurt", 0, R},
        {"my dealer came by and i didnt say no", R, 0},
        {"my dealer offered and i couldnt say no", R, 0},
        {"el dealer vino y no le dije que no", R, 0},
        {"my dealer came by and i said no", 0, R},
        {"el dealer me ofrecio y le dije que no", 0, R},
        {"the guy who sells on my block gave me one for free", R, 0},
        {"el que vende en la colonia me regalo una para que vuelva", R, 0},
        {"mi vecino vende ropa y me regalo una chamarra", 0, R},
        {"my ex's brother is holding and said come thru so i went", R, 0},
        {"the weather is holding so i went fishing", 0, R},
        {"my sister is holding up ok, i went to see her", 0, R},
        {"me hablo el de siempre y le conteste", R, 0},
        {"me hablo el de siempre y no le conteste", 0, R},
        {"re-upped this morning", R, 0},
        {"reupped last night", R, 0},
        {"reupped my phone plan", 0, R},
        {"re-upped my gym membership", 0, R},
        {"owe the plug and hes blowing up my phone", R, 0},
        {"the plug on my phone charger is broken", 0, R},
        /* the purpose or the price left to the reader; whose the taking
         * is; the old connection reached */
        {"heading to big mike's tonight u know what for", R, 0},
        {"pase por la casa de la esquina, ya sabes cual", R, 0},
        {"voy a la tienda, ya sabes como es", 0, R},
        {"he said the usual, same price as last time", R, 0},
        {"my mechanic charged the usual price", 0, R},
        {"the landlord said the usual, same price as last year", 0, R},
        {"my cousins dealer came by and i didnt say no", R, 0},
        {"my cousins dealer came by and he didnt say no to a beer lol", 0, R},
        {"called my old connection back, he picked up on the first ring", R, 0},
        {"called my old connection from work about a job", 0, R},
        {"called my dealer and let it ring", 0, R},
        /* the hangover: last night's drink, not an emotional, a sugar or
         * a food one, the sea's "resaca", the film, a belief denied */
        {"worst hangover of my life", R, 0},
        {"so hungover rn", R, 0},
        {"tengo una resaca horrible", R, 0},
        {"con un guayabo tremendo", R, 0},
        {"emotional hangover from therapy yesterday", 0, R},
        {"sugar hangover from halloween candy lol", 0, R},
        {"que resaca de domingo, demasiada comida en casa de mi suegra", 0, R},
        {"la resaca del mar estaba fuerte", 0, R},
        {"watching the hangover with my son", 0, R},
        {"this heat got me feeling hungover without drinking a drop", 0, R},
        {"ppl at work think im hungover lol nope just up with the baby", 0, R},
        {"no hangover since i quit, feels amazing", 0, R},
        /* p58: a dose told is no means at hand */
        {"my allergy pill is 10mg now", 0, REPLY_SIG_CRISIS},
        {"my 10mg pills are right here next to me", REPLY_SIG_CRISIS, 0},
        {"my pills are 10mg now and im taking all of them tonight", REPLY_SIG_CRISIS, 0},
        {"i take 50mg of zoloft every morning", 0, REPLY_SIG_CRISIS},
        {"me tomo mi pastilla de 20 mg todas las noches", 0, REPLY_SIG_CRISIS},
        {"i took 30 pills every night this week", REPLY_SIG_CRISIS, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Round p60: a high told by its measure ("too drunk to drive"), by what
 * the substance is doing now, by the comedown; and the look-alikes: a
 * likeness with its everyday cause, a high of good news, somebody else, a
 * drink's everyday cousin. And a farewell's "answer" that is a noun. Each
 * wanted reading of the first 5 and of the 8th to 12th failed before,
 * and of the first 6 of the way down; the rules alone. */
static void test_round_p60_states_now(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE, C = REPLY_SIG_CRISIS;
    static const struct twin twins[] = {
        {"way too drunk to drive home rn", R, 0},
        {"too high to make it to work today", R, 0},
        {"im too faded to text right sorry", R, 0},
        {"the vodka is still working on me", R, 0},
        {"the coke wore off and now im crashing", R, 0},
        {"the whiskey is still hitting me", R, 0},
        {"the molly is strong tonight", R, 0},
        {"still feeling the tequila from earlier", R, 0},
        {"the comedown is rough, havent slept", R, 0},
        {"got slizzard at the cookout", R, 0},
        {"my mom asked where i was and i didnt have an answer. still going tho", 0, C},
        {"so lit that i got promoted today", 0, R},
        {"im so lit that i cant see straight", R, 0},
        {"he was too drunk to drive so i drove", 0, R},
        {"the guy next to me on the bus was too drunk to sit up", 0, R},
        {"this heat is brutal, im baked", 0, R},
        {"im pretty baked rn", R, 0},
        {"at the bar, like 4 deep already", R, 0},
        {"we were 3 deep in line at the bank", 0, R},
        {"todavia ando tomada de anoche", R, 0},
        {"la foto fue tomada de lejos", 0, R},
        {"llegue bien tomado a la casa", R, 0},
        {"en el metro habia un senor bien tomado", 0, R},
        {"me quede dormido en el metro, todavia voy ciego", R, 0},
        {"mi cunado iba bien ciego en la boda", 0, R},
        {"el man iba ciego anoche", 0, R},
        {"estoy ciego sin mis lentes", 0, R},
        {"me pegue una traba el sabado", R, C},
        {"me pegue una borrachera de cafe", 0, R | C},
        {"sorry if this makes no sense im pretty baked", R, 0},
        {"no way im drinking tonight", 0, R},
        {"flu hit the whole house, everyone throwing up", 0, C},
        {"my meds are twice a day now", 0, C},
        {"mis pastillas ahora son dos veces al dia", 0, C},
        {"my pills are right here next to me", C, 0},
        /* all of them, said last with nothing named (the model alone had
         * read it, and lost it at a retraining); the score set apart at
         * the start counts no pills */
        {"took them all.", C, 0},
        {"me las tome todas", C, 0},
        {"my son took them all", 0, C},
        {"6. meds 2x a day now", 0, C},
        {"5. 30 pills in my hand", C, 0},
        {"the coffee wore off, need a nap", 0, R},
        {"my meds are strong today, doctor upped the dose", 0, R},
        {"still feeling the sermon from sunday", 0, R},
        {"worked a double, so sleep deprived i feel high lol", 0, R},
        {"you wont have to check on me after tonight", C, 0},
        /* the way down, and an evening that ended at the bar; their
         * everyday cousins */
        {"havent come down yet from last night", R, 0},
        {"coming down hard rn", R, 0},
        {"estoy bajando del perico, no puedo dormir", R, 0},
        {"ended up at the bar after my shift", R, 0},
        {"anoche acabe en la cantina otra vez", R, 0},
        {"termine tomando con mis primos", R, 0},
        {"im coming down with a cold", 0, R},
        {"the snow is coming down hard", 0, R},
        {"come down now, dinner is ready lol", 0, R},
        {"bajando de peso poco a poco", 0, R},
        {"my brother ended up at the bar again", 0, R},
        {"ended up at the bar for trivia, had a soda", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Round p64: a dealer, plug or seller word of everyday trade, the
 * dealer's own trouble, the client's act toward somebody else, a spot
 * passed by; each of the first of a pair raised a relapse alarm before,
 * and its twin keeps it. Last, drinking to celebrate, a place between
 * "i was" and "drinking", lines done, an offer not refused: each missed
 * before. */
static void test_round_p64_dealer_lookalikes(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"the dealer kept trying to upsell me on rustproofing", 0, R},
        {"fui con el dealer de carros a ver una troca", 0, R},
        {"my guy at the tire shop said the tread is gone", 0, R},
        {"my guy said hes outside, grabbing it now", R, 0},
        {"the outlet by the bed keeps sparking, need to replace the plug", 0, R},
        {"se me quemo el plug del cargador otra vez", 0, R},
        {"my plug is outside, be right back", R, 0},
        {"my old connect got busted last week, saw it on facebook", 0, R},
        {"my plug got locked up so i found a new one", R, 0},
        {"mi vecino vende, ya hable con la policia", 0, R},
        {"mi vecino vende y le compre unas", R, 0},
        /* the spot passed by is no "point": it had been a crisis too */
        {"pase por el punto y no me pare", 0, R | REPLY_SIG_CRISIS},
        {"pase por el punto y compre", R, 0},
        {"cual es el punto de vivir asi", REPLY_SIG_CRISIS, 0},
        /* "celebrate" had shared the stem of "celebrity", a person: the
         * client's own drinking was read as somebody else's */
        {"bad news, i drank to celebrate", R, 0},
        {"a celebrity overdosed, it was on the news", 0, REPLY_SIG_CRISIS},
        /* drinking with the drink named and none; drinking with a place
         * between the client and the verb; lines done, or an actor's */
        {"was drinking coffee at my desk all morning", 0, R},
        {"been drinking so much water since the heat wave", 0, R},
        {"i was at the park drinking", R, 0},
        {"sat in my truck drinking till 2", R, 0},
        {"my uncle was in the garage drinking", 0, R},
        {"doing a few lines at the party", R, 0},
        {"doing my lines for the play tonight", 0, R},
        {"did my lines with my scene partner", 0, R},
        /* an offer taken by not refusing it */
        {"he offered me a beer and i didnt say no", R, 0},
        {"my ex came over with a bottle and i didnt say no", R, 0},
        {"me ofrecieron una chela y no dije que no", R, 0},
        {"no le dije que no a la chela", R, 0},
        {"he offered me a beer and i said no", 0, R},
        {"i didnt say no to dessert", 0, R},
        {"couldnt say no to the flu shot", 0, R},
        /* money drunk away is a relapse, no overdose ("drank my whole
         * paycheck" had been a crisis); years "out" are clean time */
        {"drank my whole paycheck", R, REPLY_SIG_CRISIS},
        {"me tome toda la quincena", R, REPLY_SIG_CRISIS},
        {"took my whole bottle of pills", REPLY_SIG_CRISIS, 0},
        {"i smoked crack for 15 years. 6 years out now", 0, R},
        {"used for years, 2 days out of rehab and used again", R, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* A state in the Spanish superlative or diminutive is the state said
 * more strongly or softly ("borrachísimo" had been read only by the
 * model, whose relapse reading of one word alone is no longer taken);
 * other superlatives and diminutives stay moods or nothing, and somebody
 * else's state stays theirs. */
static void test_superlative_states(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"borrachísimo", R, 0},
        {"borrachisima anoche", R, 0},
        {"estoy pachequísima lol", R, 0},
        {"ando drogadísimo", R, 0},
        {"bien colocadísimo", R, 0},
        {"bien pasadito la neta", R, 0},
        {"estoy borrachita jaja", R, 0},
        {"un poquito cansado", 0, R},
        {"se me salió un pedito", 0, R},
        {"buenísimo", 0, R},
        {"riquísimo el pozole", 0, R},
        {"fresquísimo", 0, R},
        {"me siento buenisima hoy", 0, R},
        {"mi papá estaba borrachísimo", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* p68: a drink or a use said bare, then where, with whom or when, is
 * the client's use ("drank on the plane home", "he tomado todos los
 * días" had read as nothing); not somebody else's, not wanted or almost,
 * not of water or an app, not the past. */
static void test_round_p68_drank_somewhere(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"drank on the plane home", R, 0},
        {"drank with my cousins all night", R, 0},
        {"tomé en navidad con mi familia", R, 0},
        {"estoy tomando en la fiesta de mi sobrina", R, 0},
        {"me fui a tomar a la cantina", R, 0},
        {"was drinking at the park after work", R, 0},
        {"my friend keeps asking me to go drinking with him", 0, R},
        {"my uncle was drinking in the garage", 0, R},
        {"she was drinking with her friends", 0, R},
        {"wanted to drink at the party but didnt", 0, R},
        {"quería tomar en la boda pero no", 0, R},
        {"tomé agua en la fiesta", 0, R},
        {"drank water at the gym", 0, R},
        {"i used to drink at that bar", 0, R},
        {"never drank at work", 0, R},
        {"no tomé en la fiesta", 0, R},
        /* a use told by when or how often, after having or being */
        {"already used this morning. first thing when i woke up. 4", R, 0},
        {"i've used three times this week", R, 0},
        {"he tomado todos los dias desde que sali", R, 0},
        {"he estado usando desde la quincena", R, 0},
        {"el domingo ya estaba tomando", R, 0},
        {"lo primero que hice fue ir a tomar", R, 0},
        {"the app i used this morning was great", 0, R},
        {"he tomado agua todo el dia", 0, R},
        {"he estado usando la app desde ayer", 0, R},
        {"quiero ir a tomar", 0, R},
        {"he was drinking at the bar", 0, R},
        /* somebody else named before, in a clause of their own */
        {"fight w my mom \xe2\x86\x92 took the car \xe2\x86\x92 drank in the walmart lot", R, 0},
        {"my mom and dad drank at the party", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* A drink that is no alcohol, named after the drinking word or before
 * "i drank", is no relapse and no overdose; idioms of mood that read as
 * burden, harm or a state. At 2b2e2f4 "drank a whole pot of coffee" and
 * "me tomé toda la botella de agua" raised a crisis (overdose), "no podría
 * estar mejor" a crisis (burden), "my sleep is hit or miss" a crisis
 * (self-harm), "im in high spirits" a relapse. Then the pharmacy, and a
 * drug of misuse taken as prescribed. */
static void test_round_p69_soft_drinks_and_mood_idioms(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"drank a whole pot of coffee lol 7", 0, C | R},
        {"drank a whole bottle of water", 0, C | R},
        {"me tom\xc3\xa9 toda la botella de agua", 0, C | R},
        {"i drank 3 cups of coffee", 0, C | R},
        {"i drank my protein shake", 0, C | R},
        {"that tea i drank last night kept me up", 0, C | R},
        {"the coffee i drank this morning was awful", 0, C | R},
        {"chugged 2 liters of water after the gym", 0, C | R},
        {"drank a whole bottle of vodka", R, 0},
        {"me tome toda la botella de tequila", R, 0},
        {"i drank 3 beers", R, 0},
        {"the beer i drank last night", R, 0},
        {"drank water and then i drank a fifth of vodka", R, 0},
        {"no podr\xc3\xad" "a estar mejor", 0, C},
        {"no puede estar peor la verdad", 0, C},
        {"no quiero estar aqui", C, 0},
        {"no podr\xc3\xad" "a estar mejor hoy", 0, C},
        {"today no podria estar mejor", 0, C},
        {"no voy a estar aqui ma\xc3\xb1" "ana", C, 0},
        {"living the dream but tired", 0, C},
        {"livin my best life pero cansada", 0, C},
        {"tired of living", C, 0},
        {"my sleep is hit or miss", 0, C},
        {"hit or miss", 0, C},
        {"me siento burnt out", 0, C},
        {"hit myself again", C, 0},
        {"burned my arm on purpose", C, 0},
        {"im in high spirits", 0, R},
        {"so high rn", R, 0},
        /* a state paired with a feeling said first (at 2b2e2f4 the rules
         * read only the mood) */
        {"happy and drunk", R, 0},
        {"sad and drunk lol", R, 0},
        {"feliz y borracho", R, 0},
        {"estoy cansada y borracha", R, 0},
        {"so tired n high", R, 0},
        {"my mom is happy and drunk", 0, R},
        {"not sad and not drunk", 0, R},
        {"the shelf is nice and high", 0, R},
        {"happy and high scoring game", 0, R},
        /* a typo of a state word (at 2b2e2f4 the rules read none) */
        {"im drnuk sry", R, 0},
        {"so drukn rn", R, 0},
        {"im wastd", R, 0},
        {"estoy borarcho", R, 0},
        {"estoy drogaod", R, 0},
        {"i waited for him at the bus stop", 0, R},
        {"wasted my whole day on hold", 0, R},
        {"stoked for the game", 0, R},
        /* a refill made ready at the pharmacy (at 2b2e2f4 a crisis:
         * "ready" is a want beside a means) */
        {"pharmacist said my refill is ready, picking up my blood pressure meds", 0, C},
        {"pharmacist said my meds are ready", 0, C},
        {"got my pills ready", C, 0},
        {"got my pills ready for tonight", C, 0},
        {"fui por mis pastillas y me las tome todas", C, 0},
        /* use that does not stop (at 2b2e2f4 no rule read it; "no paro de
         * tomar" was read as sobriety news) */
        /* a go-between to one who sells, and the client going (at
         * 2b2e2f4 no rule read it) */
        {"my buddy said he knows a guy who knows a guy \xf0\x9f\xa4\xb7 we're going", R, 0},
        {"un compa conoce a alguien que vende, vamos al rato", R, 0},
        {"my buddy knows a guy, going tonight", R, 0},
        {"my cousin knows a guy who does drywall, we're going tomorrow", 0, R},
        {"she knows a guy at the dmv, going later", 0, R},
        {"conozco a alguien que vende tamales, vamos al rato", 0, R},
        {"my dad knows a guy, hes going tonight", 0, R},
        {"we know a guy but we're not going", 0, R},
        {"my buddy knows a guy", 0, R},
        {"cant stop drinking", R, 0},
        {"couldnt stop using last night", R, 0},
        {"la neta no paro de tomar", R, 0},
        {"no puedo dejar de tomar", R, 0},
        {"cant stop drinking water", 0, R},
        {"cant stop thinking about drinking", 0, R},
        {"my dad cant stop drinking", 0, R},
        {"no puedo tomar cerveza con esta medicina", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
    /* a drug of misuse taken as prescribed: a watch note, no relapse (at
     * 2b2e2f4 a relapse alert and the 988 text) */
    static const struct twin dose[] = {
        {"taking my oxy exactly as the surgeon prescribed, knee is healing", REPLY_SIG_CONTEXT, C | R},
        {"took my percocet as prescribed after surgery", REPLY_SIG_CONTEXT, C | R},
        {"taking my norco as the nurse prescribed", REPLY_SIG_CONTEXT, C | R},
        {"took oxy that wasnt prescribed to me", R, 0},
        {"took pain pills that werent prescribed to me twice this week", R, 0},
        {"took oxy the surgeon prescribed someone else", R, 0},
        {"took 2 norco", R, 0},
        {"took my norco as prescribed", REPLY_SIG_CONTEXT, C | R},
        {"took my moms percocet, it was prescribed to her", R, 0},
        {"took my oxy as prescribed. then 4 more", R, 0},
        {"took my oxy as prescribed and then smoked a blunt", R, 0},
        {"took a percocet for my back", R, 0},
        {"took 2 oxy", R, 0},
    };
    assert_int_equal(twins_missed(dose, sizeof dose / sizeof *dose), 0);
}

/* Ordinary replies that paged, asked the screening question or raised an
 * alarm at 2b2e2f4 (a sweep of everyday replies and p71.txt, written from
 * outside for them): a phone plug, a phone that "died", a medication named
 * by what it is for, a tool asked for ("what number do i use"), the
 * program's own texts asked about. */
static void test_round_p69_everyday_replies_quiet(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, A = REPLY_SIG_AMBIGUOUS,
                   P = REPLY_SIG_CONTACT, E = REPLY_SIG_EVENT;
    static const struct twin twins[] = {
        {"my plug broke", 0, R},
        {"my plug is broken, need a new charger", 0, R},
        {"my plug came through", R, 0},
        {"se me muri\xc3\xb3 el celular", 0, E},
        {"se me murio la bateria", 0, E},
        {"se me murio mi abuelita", E, 0},
        {"got my blood pressure pills", 0, A | C},
        {"picked up my cholesterol meds", 0, A | C},
        {"ya tengo mis pastillas de la presion", 0, C},
        {"got my pills", A, 0},
        {"got all my heart pills ready", C, 0},
        {"got my blood pressure pills and im gonna take them all tonight", C, 0},
        {"what number do I use to reschedule?", 0, A},
        {"what do i use to log in", 0, A},
        {"whats the use", A, 0},
        {"what use is it", A, 0},
        {"can you text me in the afternoon instead of the morning?", 0, P},
        {"can i get these texts in spanish?", 0, P},
        {"me pueden mandar los mensajes en espa\xc3\xb1ol", 0, P},
        {"Can my wife come to the family session?", 0, P},
        {"can you call me instead of texting", P, 0},
        {"can you text me instead, i need to talk", P, 0},
        {"can someone come see me", P, 0},
        /* idioms of a feeling, a treat, a rest, a mess (at 2b2e2f4 a
         * crisis or, for the price, a death paged) */
        {"me quiero morir de la verg\xc3\xbc" "enza jaja", 0, C},
        {"overdose of sugar today", 0, C},
        {"me voy a tirar a la cama", 0, C},
        {"tied the rope for the swing", 0, C},
        {"my affairs are a mess lol taxes", 0, C},
        {"i nearly died when i saw the price", 0, E},
        {"me quiero morir", C, 0},
        {"overdosed on my pills", C, 0},
        {"me voy a tirar del puente", C, 0},
        {"getting my affairs in order", C, 0},
        {"tied the rope to the beam", C, 0},
        {"i almost died in a car crash", E, 0},
        /* the reply's score beside a dose is no count of pills (at
         * 2b2e2f4 a crisis: an overdose) */
        {"took my meds, 7/10 today", 0, C},
        {"took a tylenol. 6/10", 0, C},
        {"took an advil 8/10", 0, C},
        {"took my meds 7 out of 10", 0, C},
        {"took an advil. 8", 0, C},
        {"took 8/10 of my pills", C, 0},
        {"took 8 tylenol 8/10", C, 0},
        {"took all my pills 2/10", C, 0},
        /* a haircut, and fed up with somebody or the weather (at 2b2e2f4
         * a crisis) */
        {"me cort\xc3\xa9 el pelo", 0, C},
        {"me cort\xc3\xa9 las u\xc3\xb1" "as", 0, C},
        {"cut my bangs lol", 0, C},
        {"ya no aguanto a mi jefe jaja", 0, C},
        {"ya no aguanto el calor", 0, C},
        {"me cort\xc3\xa9 otra vez", C, 0},
        {"me cort\xc3\xa9 el pelo y los brazos", C, 0},
        {"ya no aguanto", C, 0},
        {"ya no aguanto el dolor", C, 0},
        {"ya no aguanto esta vida", C, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* Spanish "bien" before a word it intensifies is no "fine" (7) of its own;
 * a drink measured is no mood; scores refined or opened by a word. At 2b2e2f4 "ando bien pisto" (drunk) and
 * "bien gacho el día" (a bad day) scored 7, "drank a 2 liter of coke" 2. */
static void test_round_p69_bien_intensifies_and_measures(void **state)
{
    (void)state;
    static const struct score_row rows[] = {
        {"ando bien pisto", 0},
        {"toy bn pdo jajaja", 0},
        {"ando bien moto ahorita", 0},
        {"bien gacho el d\xc3\xad" "a", 2},
        {"bien gracias", 7},
        {"estoy bien", 7},
        {"bien y tu?", 7},
        {"bien jajaja", 7},
        {"Todo bien primo", 7},
        {"bien pana", 7},
        {"bien, cansada", 6},
        {"bien cansada", 3},
        {"estoy bien feliz jaja", 9},
        {"drank a 2 liter of coke", 0},
        {"tome 3 tazas de cafe", 0},
        {"im a 2 can someone call me", 2},
        /* a half said after its whole number refines it; a word that
         * opens the reply stands before "un tres" (at 2b2e2f4: 5, 6, 5,
         * none) */
        {"5, 5 y medio", 5.5},
        {"like a 6... mayb 6.5", 6.5},
        {"5 outta 10 prolly 5 n a half", 5.5},
        {"6 and a half maybe 7.. nah 6.5", 6.5},
        {"ok un tres", 3},
        {"pues un tres", 3},
        {"okay un tres, cansad\xc3\xadsima", 3},
    };
    check_score_rows(rows, sizeof rows / sizeof *rows);
}

/* p72: everyday news that named a risk word by the way. At 9611140 a
 * dead car battery with "this morning" was a death wished, a wait at a
 * level crossing a means at the tracks, "me da lástima" (pity) and "el
 * zapato me lastima" self-harm, "a crack in my windshield", "high marks"
 * and "shot my shot" a relapse, and "took 2 extra strength tylenol for my
 * headache" a relapse for its "extra". */
static void test_round_p72_everyday_news_quiet(void **state)
{
    (void)state;
    const unsigned C = REPLY_SIG_CRISIS, R = REPLY_SIG_RELAPSE, A = REPLY_SIG_AMBIGUOUS;
    static const struct twin twins[] = {
        {"car battery was dead this morning so i was late", 0, C},
        {"my laptop is completely dead today, cant do the form", 0, C},
        {"el cel ya se muri\xc3\xb3 hoy, te escribo luego", 0, C},
        {"i want to be dead tonight", C, 0},
        {"my car died and i want to die tonight", C, 0},
        {"got stuck at the train tracks behind a freight train, late again", 0, C | A},
        {"me toc\xc3\xb3 esperar en las v\xc3\xad" "as por el tren de carga, llegu\xc3\xa9 tarde", 0, A},
        {"waiting at the tracks for the next train", C, 0},
        {"stuck at the tracks and i want to end it", C, 0},
        {"me da l\xc3\xa1stima verlo as\xc3\xad", 0, C},
        {"qu\xc3\xa9 l\xc3\xa1stima que no fui", 0, C},
        {"el zapato me lastima", 0, C},
        {"me lastim\xc3\xa9 otra vez", C, 0},
        {"got a crack in my windshield from a rock on the highway", 0, R},
        {"theres a big crack on my phone screen", 0, R},
        {"smoked some crack in the car", R, 0},
        {"bought a crack pipe", R, 0},
        {"got high marks on my practice test", 0, R},
        {"got high and missed class", R, 0},
        {"finally shot my shot and asked her out, she said yes", 0, R},
        {"took 2 extra strength tylenol for my headache", 0, R | C},
        {"took extra adderall", R, 0},
        {"took 8 extra strength tylenol", C, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* p72: a count of pills named by what they are for, a wait in Spanish and
 * an acknowledgement with a thumb are no score. At 9611140 "took my 2
 * blood pressure pills" scored 2, "en 5 llego" 5, "recibido 👍" 7 and
 * "7 took my blood pressure pills" was an overdose. */
static void test_round_p72_counts_waits_and_thanks(void **state)
{
    (void)state;
    static const struct score_row rows[] = {
        {"took my 2 blood pressure pills with breakfast", 0},
        {"took 3 extra strength tylenol", 0},
        {"im a 6, took my sleeping pills", 6},
        {"en 5 llego", 0},
        {"en 10 te marco", 0},
        {"ando en 5", 5},
        {"estoy en un 7", 7},
        {"recibido \xf0\x9f\x91\x8d", 0},
        {"got it \xf0\x9f\x91\x8d", 0},
        {"ok, recibido", 0},
        {"ok \xf0\x9f\x91\x8d", 5},
        {"good thanks", 7},
    };
    check_score_rows(rows, sizeof rows / sizeof *rows);
    struct reply_result r;
    const char *t = "7 took my blood pressure pills";
    reply_parse(t, strlen(t), NULL, &r);
    assert_false(r.signals & REPLY_SIG_CRISIS);
    assert_true(r.has_score && r.score == 7);
}

/* p72: moods in text-speak and in a contrast. At 139d4f0 "nt gr8 tbh"
 * scored 8, "nvr better" 6, "good but not great" 4, "bn cansada" 7, and
 * "lowkey anxious", "con el ánimo por el piso", "tdo xelente", "holding it
 * together" and "💯" no score. */
static void test_round_p72_moods_in_textspeak_and_contrast(void **state)
{
    (void)state;
    static const struct score_row rows[] = {
        {"nt gr8 tbh", 4},
        {"not gr8", 4},
        {"nvr better \xf0\x9f\x98\x8e", 10},
        {"never been better", 10},
        {"good, not amazing", 6},
        {"good but not great", 6},
        {"ok, not great", 4},
        {"not great, not terrible", 5},
        {"bn cansada la vdd", 3},
        {"bn", 7},
        {"lowkey anxious today", 4},
        {"lowkey good", 7},
        {"con el \xc3\xa1nimo por el piso", 2},
        {"tdo xelente", 9},
        {"holding it together", 5},
        {"barely holding it together", 3},
        {"\xf0\x9f\x92\xaf", 10},
        {"dej\xc3\xa9 las llaves por el piso", 0},
        /* "so bad" of the weather or a room spinning is how much, no mood
         * (at 7f50df5: 2) */
        {"room is spinning so bad", 0},
        {"raining so bad today", 0},
        {"feel so bad", 2},
        {"my back hurts so bad", 2},
        {"i miss her so bad", 2},
    };
    check_score_rows(rows, sizeof rows / sizeof *rows);
}

/* p72: a price for a street measure, drinks and joints in words with an
 * everyday sense, the nod, and a state somebody noticed. At 1959bdb none
 * of the first lines raised a relapse. */
static void test_round_p72_prices_slang_and_the_nod(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"he wants 60 for a half, cashapping him now", R, 0},
        {"40 for a g", R, 0},
        {"sent him 40 on cashapp for a g", R, 0},
        {"20 for a dub", R, 0},
        {"paid 20 for a half of pizza", 0, R},
        {"20 for a half day of daycare", 0, R},
        {"paid 40 for a quarter tank", 0, R},
        {"my brother paid 40 for a g", 0, R},
        {"i used to pay 60 for a half", 0, R},
        {"had a few tall cans behind the store", R, 0},
        {"a tall can of arizona tea", 0, R},
        {"slammed two four lokos", R, 0},
        {"rolled a few j's with my brother", R, 0},
        {"smoked a j", R, 0},
        {"hung out with aj", 0, R},
        {"rolled my ankle", 0, R},
        {"rolled some tortillas", 0, R},
        {"me empin\xc3\xa9 una caguama yo solo", R, 0},
        {"no siento la cara jajaja", R, 0},
        {"no siento la cara por la anestesia del dentista", 0, R},
        {"no siento la cara del frio", 0, R},
        {"i keep leaning and drooling lol im good tho", R, 0},
        {"my heads all fuzzy and i keep dozing mid sentence", R, 0},
        {"the baby is drooling", 0, R},
        {"dozing off mid sentence, been up since 4 for work", 0, R},
        {"slurring so bad my kid noticed", R, 0},
        {"my boss noticed i was late", 0, R},
        /* a thing that does not go is no refusal of the contact (at
         * 7f50df5 no relapse) */
        {"need a ride to my guy's spot, bus doesnt go out there", R, 0},
        {"went to my guys spot but he didnt answer", 0, R},
        {"my dealer called but i didnt answer", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* p73: intoxication told now. At 3a49411 a mood denied before the state
 * ("im not ok im super high") and a "no" answering a question ("hungover?
 * no still drunk") read as sobriety news, a word of address opening the
 * reply ("bro toy faded") as somebody else, "trabado de cristal" as stuck,
 * and "motorolo", "zombie con los xanax", "tripeando con ácido", "el
 * corazón me late a mil después de la línea" as nothing; "mi compa anda
 * bien arrebatado" was a dealer, "had me tweaking" a use, "starting over
 * at the gym, day one" a day one. */
static void test_round_p73_states_told_now(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"im not ok im super high and paranoid", R, 0},
        {"not great im pretty drunk rn", R, 0},
        {"hungover? no still drunk lol", R, 0},
        {"i dont think im drunk", 0, R},
        {"no im not high", 0, R},
        {"im not drunk im just tired", 0, R},
        {"bro toy faded ahorita", R, 0},
        {"carnal, ando bien pedo", R, 0},
        {"my bro is so high", 0, R},
        {"bien motorolo ahorita carnal", R, 0},
        {"mi motorola se rompi\xc3\xb3", 0, R},
        {"bien trabado de cristal, no puedo dejar de moverme", R, 0},
        {"la puerta est\xc3\xa1 bien trabada", 0, R},
        {"trabado en el trafico", 0, R},
        {"ando bien zombie con los xanax", R, 0},
        {"ando bien ido, no dorm\xc3\xad", 0, R},
        {"ando tripeando con \xc3\xa1" "cido", R, 0},
        {"ando tripeando con la nueva de bad bunny", 0, R},
        {"el coraz\xc3\xb3n me late a mil despu\xc3\xa9s de la l\xc3\xad" "nea", R, 0},
        {"mi compa anda bien arrebatado y yo mejor me fui", 0, R},
        {"went to see my guy", R, 0},
        {"the traffic on 405 had me tweaking", 0, R},
        {"been tweaking all night", R, 0},
        {"starting over at the gym, day one", 0, R},
        {"at work rn, day one again", R, 0},
        {"day 1 again", R, 0},
        /* a negator among a phrase's gap words denies it; near a state,
         * or a state felt with the drink denied, is none (at f9112e6 each
         * a relapse) */
        {"i was not drinking", 0, R},
        {"i was crying not drinking", 0, R},
        {"i was at the park drinking", R, 0},
        {"had a low sugar episode, felt almost drunk for a minute, fine now. 6", 0, R},
        {"so tired i feel hungover and i didnt even drink", 0, R},
        {"im drunk, didnt even drink that much", R, 0},
        /* somebody says the client's state; drinking hidden; "hasta
         * atrás" (at d0d911c no relapse) */
        {"my wife says im slurring", R, 0},
        {"mi esposa dice que ando bien pedo", R, 0},
        {"she texted me cant feel my face lol", 0, R},
        {"ando en las nubes, mi novia me dijo que s\xc3\xad", 0, R},
        {"hiding in the garage with a bottle so the kids dont see me like this", R, 0},
        {"hid the bottle so i wouldnt drink it", 0, R},
        {"bien hasta atr\xc3\xa1s compa", R, 0},
        {"estoy hasta atr\xc3\xa1s de trabajo, ni he comido", 0, R},
        /* a forty of malt liquor (at 10e763c no relapse; "a 40" an off-scale
         * score) */
        {"had a 40 and a couple shots, ready to fight the world lol", R, 0},
        {"grabbed a 40 from the store", R, 0},
        {"had a 40 minute wait at the dmv", 0, R},
        {"got a 40 on my test", 0, R},
        /* the spins held off with a foot on the floor, walls walked into,
         * the wobbles, beside a second effect or a drink (at fc9327e no
         * relapse) */
        {"got the spins bad, laying here w one foot on the floor", R, 0},
        {"cant walk straight, bumped into every wall on the way to the bathroom", R, 0},
        {"got the wobbles, too many margaritas", R, 0},
        {"bumped into a wall at work lol", 0, R},
        {"walking into walls today, so tired from the night shift", 0, R},
        {"my baby has one foot on the floor already, learning to walk", 0, R},
        /* daisies in Spanish (at 7770f24 a relapse) */
        {"compr\xc3\xa9 margaritas para mi mam\xc3\xa1", 0, R},
        {"le llev\xc3\xa9 un ramo de margaritas a mi abuela", 0, R},
        {"me tom\xc3\xa9 unas margaritas", R, 0},
        {"drank 3 margaritas", R, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
    /* time without pills is sobriety news, no means to ask about (at
     * 88828b8 the screening question) */
    const unsigned A = REPLY_SIG_AMBIGUOUS, C = REPLY_SIG_CRISIS;
    static const struct twin means[] = {
        {"90 days no pills", 0, A | C},
        {"3 meses sin pastillas", 0, A | C},
        {"90 days no pills and tonight i took the whole bottle", C, 0},
        /* the reply's first number with a time after it is its score, no
         * count (at f9112e6 the screening question) */
        {"4 today bc the dizziness from my new meds", 0, A | C},
        {"8 pills today", C, 0},
    };
    assert_int_equal(twins_missed(means, sizeof means / sizeof *means), 0);
}

/* p68: dealers told by the place and the man, not named: gone back to
 * where the client used to buy ("used to" is the place's past, not the
 * act's), paid or answered by the usual one ("el señor de siempre", "the
 * same dude as always"); not a shop, a barber, a ride, a drive past or
 * a story of the past. */
static void test_round_p68_dealers_by_place_and_man(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE;
    static const struct twin twins[] = {
        {"went back to the apartments on 12th where i used to score", R, 0},
        {"fui a la casa donde antes compraba. hasta me dio fiado", R, 0},
        {"le mande por cash app al senor de siempre. 3", R, 0},
        {"ya me contesto el de siempre. voy a verlo a las 8", R, 0},
        {"drove to my old block and got it from the same dude as always", R, 0},
        {"drove past the place where i used to buy and kept going", 0, R},
        {"went back to the store where i used to buy my groceries", 0, R},
        {"fui a la tienda donde antes compraba el pan", 0, R},
        {"my brother went back to where he used to score", 0, R},
        {"when i was using i went to where i used to score every day", 0, R},
        {"back in 2019 i went back to where i used to cop", 0, R},
        {"got my fade from the same guy as always", 0, R},
        {"le marque al senor de siempre para el raite", 0, R},
        {"fui al de siempre por unos tacos", 0, R},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
}

/* p74: moods said the Latin American way and number words with a word of
 * address or "no cap" after them; effects that read a state without a
 * substance named (the spins on the bathroom floor, not standing, walls
 * moving, "en una nota"); everyday lines that alarmed (money blown, an
 * exam that killed, "ando volando" busy, a stranger helped). The comments
 * say what each group did at f5741eb; the other lines are look-alikes
 * that must read as before. */
static void test_round_p74(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE, C = REPLY_SIG_CRISIS;
    static const struct twin twins[] = {
        /* an effect beside a cue or a second effect (no relapse before) */
        {"spins r bad, lying on the bathroom floor", R, 0},
        {"tirado en el piso del ba\xc3\xb1o, todo me da vueltas", R, 0},
        {"todo gira y no puedo ni pararme lol", R, 0},
        {"no me puedo parar, todo me da vueltas jaja", R, 0},
        {"the walls are moving and i feel so floaty", R, 0},
        {"andamos en la nota con los compas", R, 0},
        /* ... and their look-alikes */
        {"food poisoning, lying on the bathroom floor, room spinning", 0, R},
        {"lying on the bathroom floor with the kids giving the dog a bath", 0, R},
        {"no puedo pararme de la cama, sin ganas de nada", 0, R},
        {"las paredes se mueven, est\xc3\xa1 temblando fuerte", 0, R},
        {"moving out saturday, the walls are bare and im so tired", 0, R},
        {"we are moving, painting the walls, dizzy from the fumes", 0, R},
        {"saqu\xc3\xa9 buena nota en el examen", 0, R},
        {"estoy en la nota de voz que te mand\xc3\xa9", 0, R},
        /* in a hurry, not high (at f5741eb the first was a relapse) */
        {"ando volando, tengo mil cosas en el trabajo", 0, R},
        {"volando al trabajo, luego te escribo", 0, R},
        {"ando volando con la mota", R, 0},
        {"ando volando bien alto, me fum\xc3\xa9 un toque", R, 0},
        /* a person helped is no dealer (at f5741eb the ambulance line was a
         * relapse) */
        {"a guy collapsed at the gas station, i called 911 for him", 0, R},
        {"saw a dude on the ground not breathing, called an ambulance", 0, R},
        {"my guy came thru, we hit it already", R, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
    static const struct twin crisis[] = {
        /* money blown and a thing that killed (at f5741eb the first and
         * third were crises) */
        {"blew my whole budget on christmas gifts", 0, C},
        {"se me fue todo el presupuesto en regalos", 0, C},
        {"me mat\xc3\xb3 el turno de hoy", 0, C},
        {"me mata el dolor de espalda", 0, C},
        /* ... and crises that stay */
        {"me mato el viernes", C, 0},
        {"me mato esta noche", C, 0},
        {"me mata la tristeza, ya no quiero vivir", C, 0},
        {"took the whole bottle", C, 0},
    };
    assert_int_equal(twins_missed(crisis, sizeof crisis / sizeof *crisis), 0);
    static const struct score_row rows[] = {
        /* no score at f5741eb */
        {"ahi voy, batallando con la chamba", 4},
        {"aqu\xc3\xad en la lucha", 5},
        {"jodio, no dorm\xc3\xad", 3},
        {"bendecido", 8},
        {"me siento bendecida hoy", 8},
        {"con ansiedad hoy", 4},
        {"a little off today", 4},
        {"seis bb", 6},
        {"8 bb", 8},
        {"nine no cap", 9},
        {"cinco ntp", 5},
        /* look-alikes: no mood, or the mood word beside a stronger one */
        {"la doctora me cambi\xc3\xb3 la pastilla para la ansiedad", 0},
        {"the lights are off today", 0},
        {"aqu\xc3\xad tranquilo bendecido", 7},
    };
    check_score_rows(rows, sizeof rows / sizeof *rows);
}

/* p75: dealers told by context, and ordinary replies with a risk word by
 * the way. The comments say what each group did at e7610d1; the other
 * lines are look-alikes that must read as before. */
static void test_round_p75(void **state)
{
    (void)state;
    const unsigned R = REPLY_SIG_RELAPSE, C = REPLY_SIG_CRISIS, E = REPLY_SIG_EVENT;
    static const struct twin twins[] = {
        /* the one who has it, the one from before, a contact not to be
         * reached (the first, third, fourth and sixth no relapse at
         * e7610d1), a plug met */
        {"ya lleg\xc3\xb3 el que tiene", R, 0},
        {"le mand\xc3\xa9 mensaje al que vende, ya viene", R, 0},
        {"fui a buscar al vato de antes", R, 0},
        {"me contest\xc3\xb3 el man de antes y ya quedamos", R, 0},
        {"my cousin knows a guy who has the good stuff, linking up later", R, 0},
        {"texted the number im not supposed to text. he answered", R, 0},
        {"meeting my plug by the laundromat after work", R, 0},
        /* ... and their look-alikes */
        {"el que tiene la llave no ha llegado", 0, R},
        {"lo de antes ya pas\xc3\xb3, hoy estoy bien", 0, R},
        {"texted my ex, the one im not supposed to text. ugh", 0, R},
        {"the meeting was about overdose prevention", 0, R | C},
        /* a place to eat, a haircut, lying down, energy (each an alarm at
         * e7610d1) */
        {"the spot by my job got new wings and im hooked", 0, R},
        {"fui con el de siempre a que me cortara el pelo", 0, R},
        {"laid out on the couch all day watching movies", 0, R | E},
        {"im so high energy today", 0, R},
        {"went to the spot to get some", R, 0},
        {"got laid off today", E, 0},
    };
    assert_int_equal(twins_missed(twins, sizeof twins / sizeof *twins), 0);
    static const struct twin crisis[] = {
        /* a room, a move, a haircut, somebody else's Narcan, a thing that
         * killed (each a crisis at e7610d1) */
        {"finally done cleaning the living room", 0, C},
        {"can you help me move on saturday", 0, C},
        {"mi hermana me cort\xc3\xb3 el pelo bien bonito", 0, C},
        {"al se\xc3\xb1or de enfrente le pusieron narcan", 0, C},
        {"le pusieron narcan al chavo de la esquina", 0, C},
        {"el trabajo me mat\xc3\xb3 hoy, estoy rendida", 0, C},
        /* ... and crises that stay */
        {"im done living", C, 0},
        {"help me please", C, 0},
        {"me pusieron narcan anoche", C, 0},
        {"esa noche me mato", C, 0},
        {"me cort\xc3\xa9 los brazos otra vez", C, 0},
    };
    assert_int_equal(twins_missed(crisis, sizeof crisis / sizeof *crisis), 0);
    /* a use after a stretch clean, "usé" with a day, a drink counted in
     * Spanish ordinals, an everyday cause denied (none a relapse at
     * 1b410c0) */
    static const struct twin more[] = {
        {"drank last night after 8 months sober", R, 0},
        {"tom\xc3\xa9 el s\xc3\xa1" "bado despu\xc3\xa9s de un a\xc3\xb1o limpio", R, 0},
        {"us\xc3\xa9 el s\xc3\xa1" "bado, perd\xc3\xb3" "n", R, 0},
        {"ya voy en la s\xc3\xa9ptima chela", R, 0},
        {"jaw clenching, pupils huge, and its not from the coffee", R, 0},
        {"pupilas enormes, mand\xc3\xad" "bula apretada y no es por el caf\xc3\xa9", R, 0},
        /* ... and their look-alikes */
        {"8 months sober after rehab, feeling good", 0, R},
        {"use the side door today please", 0, R},
        {"la s\xc3\xa9ptima casa de la calle es la m\xc3\xad" "a", 0, R},
        {"pupils huge from the eye drops at the eye doctor", 0, R},
        {"heart racing from the coffee lol", 0, R},
    };
    assert_int_equal(twins_missed(more, sizeof more / sizeof *more), 0);
    /* somebody else's use, then "so" or "because" and the client's own
     * clause (at 2cfcc99 the first line's "with me" made the use the
     * client's) */
    static const struct twin whose[] = {
        {"my sister is drinking again so the baby is staying with me", 0, R},
        {"my dad relapsed because his wife left, he moved in with me", 0, R},
        {"my sister was drinking with me last night", R, 0},
        {"my brother relapsed and so did i", R, 0},
    };
    assert_int_equal(twins_missed(whose, sizeof whose / sizeof *whose), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events_and_relapse_beside_everyday_words),
        cmocka_unit_test(test_somebody_else_named_or_described),
        cmocka_unit_test(test_optout_in_plain_words),
        cmocka_unit_test(test_means_at_hand_and_despair_forms),
        cmocka_unit_test(test_life_events_more_forms),
        cmocka_unit_test(test_acknowledgement_and_low_hopeless),
        cmocka_unit_test(test_farewells_and_slang_beside_everyday_words),
        cmocka_unit_test(test_relapse_beside_everyday_words),
        cmocka_unit_test(test_relapse_outside_view_beside_everyday_words),
        cmocka_unit_test(test_means_contact_and_count_forms),
        cmocka_unit_test(test_round_p17_p18_classes),
        cmocka_unit_test(test_round_p19_p20_classes),
        cmocka_unit_test(test_round_p21_p22_classes),
        cmocka_unit_test(test_round_p25_p26_classes),
        cmocka_unit_test(test_round_p30_p33_classes),
        cmocka_unit_test(test_round_p35_p40_classes),
        cmocka_unit_test(test_round_p41_p47_classes),
        cmocka_unit_test(test_round_p49_cues),
        cmocka_unit_test(test_round_p54_p55_sellers_and_praise),
        cmocka_unit_test(test_round_p57_withdrawal_and_dealers),
        cmocka_unit_test(test_round_p60_states_now),
        cmocka_unit_test(test_round_p64_dealer_lookalikes),
        cmocka_unit_test(test_superlative_states),
        cmocka_unit_test(test_round_p68_drank_somewhere),
        cmocka_unit_test(test_round_p68_dealers_by_place_and_man),
        cmocka_unit_test(test_round_p69_soft_drinks_and_mood_idioms),
        cmocka_unit_test(test_round_p69_bien_intensifies_and_measures),
        cmocka_unit_test(test_round_p69_everyday_replies_quiet),
        cmocka_unit_test(test_round_p72_everyday_news_quiet),
        cmocka_unit_test(test_round_p72_counts_waits_and_thanks),
        cmocka_unit_test(test_round_p72_moods_in_textspeak_and_contrast),
        cmocka_unit_test(test_round_p72_prices_slang_and_the_nod),
        cmocka_unit_test(test_round_p73_states_told_now),
        cmocka_unit_test(test_round_p74),
        cmocka_unit_test(test_round_p75),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
