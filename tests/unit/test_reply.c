/* SPDX-License-Identifier: Apache-2.0 */
/* test_reply.c: reply_parse on a table of realistic replies (scores,
 * keywords, crisis and relapse language in English and Spanish, negation,
 * idioms that must not alarm), hostile input (invalid UTF-8, NULs, 20 KB),
 * scales, and reply_to_json. */
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
#include "model/reply_scan.h"

#define C REPLY_SIG_CRISIS
#define R REPLY_SIG_RELAPSE
#define N REPLY_SIG_NEGATED
#define O REPLY_SIG_OUT_OF_RANGE

#define MOOD REPLY_MOOD
#define OTHER REPLY_OTHER
#define STOP REPLY_STOP
#define START REPLY_START
#define HELP REPLY_HELP
#define ACK REPLY_ACK

#define NOSCORE (-1000.0)

struct case_ {
    const char *text;
    enum reply_intent intent;
    double score; /* NOSCORE: has_score must be false */
    unsigned signals;
};

static const struct case_ cases[] = {
    /* ---- plain scores ---- */
    {"7", MOOD, 7, 0},
    {" 7 ", MOOD, 7, 0},
    {"7/10", MOOD, 7, 0},
    {"7 / 10", MOOD, 7, 0},
    {"7 out of 10", MOOD, 7, 0},
    {"6.5", MOOD, 6.5, 0},
    {"6,5", MOOD, 6.5, 0},
    {"\xef\xbc\x96", MOOD, 6, 0},                  /* full-width 6 */
    {"\xef\xbc\x97/\xef\xbc\x91\xef\xbc\x90", MOOD, 7, 0}, /* full-width 7/10 */
    {"I'm a 4 today", MOOD, 4, 0},
    {"I\xe2\x80\x99m a 4 today", MOOD, 4, 0},       /* curly apostrophe */
    {"feeling 6", MOOD, 6, 0},
    {"slept 3 hours, feeling 6", MOOD, 6, 0},
    {"had 2 kids screaming all day but I'm a 5", MOOD, 5, 0},
    {"6-7", MOOD, 6.5, 0},
    {"6 - 7", MOOD, 6.5, 0},
    {"6 to 7", MOOD, 6.5, 0},
    {"maybe a 6 or 7", MOOD, 6.5, 0},
    {"seven", MOOD, 7, 0},
    {"Seven!", MOOD, 7, 0},
    {"feeling like a three", MOOD, 3, 0},
    {"siete", MOOD, 7, 0},
    {"me siento como un cinco", MOOD, 5, 0},
    {"estoy en un 8 hoy", MOOD, 8, 0},
    {"diez", MOOD, 10, 0},
    {"10", MOOD, 10, 0},
    {"10/10 great day!!", MOOD, 10, 0},
    {"1", MOOD, 1, 0},
    {"7.", MOOD, 7, 0},
    {"7!", MOOD, 7, 0},
    {"pretty rough, 3", MOOD, 3, 0},
    {"3, rough day", MOOD, 3, 0},
    {"8 today :)", MOOD, 8, 0},
    {"about 5 I guess", MOOD, 5, 0},
    {"5ish", MOOD, 5, 0},
    {"3/4", MOOD, 3.5, 0},
    {"its like a 6 out of 10", MOOD, 6, 0},
    {"2 of 10", MOOD, 2, 0},
    {"siete de diez", MOOD, 7, 0},
    {"Worked 12 hours, I'm a 6", MOOD, 6, 0},
    {"Day 30 sober, feeling 9", MOOD, 9, 0},
    {"went to my meeting at 7, im at a 4", MOOD, 4, 0},
    {"7 \xf0\x9f\x98\x8a", MOOD, 7, 0},              /* 7 + emoji */
    {"good. 8", MOOD, 8, 0},
    {"mood: 6", MOOD, 6, 0},
    /* ---- numbers that are not scores ---- */
    {"11", OTHER, NOSCORE, O},
    {"0", OTHER, NOSCORE, O},
    {"-3", OTHER, NOSCORE, O},
    {"feeling -3", OTHER, NOSCORE, O},
    {"11/10", OTHER, NOSCORE, O},
    {"zero", OTHER, NOSCORE, O},
    {"slept 3 hours", OTHER, NOSCORE, 0},
    {"meeting at 3pm", OTHER, NOSCORE, 0},
    {"call me at 10:30", OTHER, NOSCORE, 0},
    {"12 days clean", OTHER, NOSCORE, 0},
    {"one day at a time", OTHER, NOSCORE, 0},
    {"no one cares", OTHER, NOSCORE, REPLY_SIG_AMBIGUOUS}, /* "one" is no score; despair asks */
    {"I feel like one of those days", OTHER, NOSCORE, 0},
    {"my appointment is 3/15", OTHER, NOSCORE, 0},
    {"my number is 5551234567", OTHER, NOSCORE, 0},
    {"1,000", OTHER, NOSCORE, 0},
    {"2026", OTHER, NOSCORE, 0},
    {"50% better", OTHER, NOSCORE, 0},
    /* mood words and emoji, mapped onto the scale (more in the corpus) */
    {"ok", MOOD, 5, 0},
    {"good", MOOD, 7, 0},
    {"not great", MOOD, 4, 0},
    /* ---- opt-out and other keywords ---- */
    {"STOP", STOP, NOSCORE, 0},
    {"stop", STOP, NOSCORE, 0},
    {"Stop.", STOP, NOSCORE, 0},
    {"STOP!!", STOP, NOSCORE, 0},
    {"stop please", STOP, NOSCORE, 0},
    {"please stop texting me", STOP, NOSCORE, 0},
    {"Please. Stop.", STOP, NOSCORE, 0},
    {"unsubscribe me", STOP, NOSCORE, 0},
    {"UNSUBSCRIBE", STOP, NOSCORE, 0},
    {"stopall", STOP, NOSCORE, 0},
    {"Cancel", STOP, NOSCORE, 0},
    {"end", STOP, NOSCORE, 0},
    {"QUIT", STOP, NOSCORE, 0},
    {"revoke", STOP, NOSCORE, 0},
    {"optout", STOP, NOSCORE, 0},
    {"opt out", STOP, NOSCORE, 0},
    {"Opt-out please", STOP, NOSCORE, 0},
    {"\xef\xbc\xb3\xef\xbc\xb4\xef\xbc\xaf\xef\xbc\xb0", STOP, NOSCORE, 0}, /* full-width STOP */
    {"stooooop", STOP, NOSCORE, 0},
    {"stop \xf0\x9f\x99\x8f", STOP, NOSCORE, 0},
    {"stop texting me, thanks", STOP, NOSCORE, 0},
    {"STOP. I want to die", STOP, NOSCORE, C},
    {"I can't stop crying", OTHER, NOSCORE, 0},
    {"stop it", OTHER, NOSCORE, 0},
    {"the end", OTHER, NOSCORE, 0},
    {"START", START, NOSCORE, 0},
    {"unstop", START, NOSCORE, 0},
    {"start again please", START, NOSCORE, 0},
    {"yes", OTHER, NOSCORE, 0},
    {"HELP", HELP, NOSCORE, 0},
    {"info?", HELP, NOSCORE, 0},
    {"help me", OTHER, NOSCORE, C}, /* a plea, not the HELP keyword: a person decides */
    {"ACK 17", ACK, NOSCORE, 0},
    {"ack #17", ACK, NOSCORE, 0},
    {"Ack 17 calling her now", ACK, NOSCORE, 0},
    {"ack", OTHER, NOSCORE, 0},
    {"ack -3", OTHER, NOSCORE, 0},
    /* ---- crisis, English ---- */
    {"I want to die", OTHER, NOSCORE, C},
    {"2, I want to die", MOOD, 2, C},
    {"1 out of 10. I want to kill myself", MOOD, 1, C},
    {"i wanna die", OTHER, NOSCORE, C},
    {"accidentally cut too deep last night", OTHER, NOSCORE, C}, /* no accident gone too deep */
    /* self-harm with the verbs of household accidents, meant or repeated
     * (the accidents themselves: tests/corpus/train/lead7.txt) */
    {"burned my arm on the stove on purpose", OTHER, NOSCORE, C},
    {"cut my arm again last night", OTHER, NOSCORE, C},
    {"i burned myself with a lighter to feel something", OTHER, NOSCORE, C},
    {"scratched my arms until they bled again", OTHER, NOSCORE, C},
    {"i slipped and cut again", OTHER, NOSCORE, C},
    {"used a razor on my thighs last night", OTHER, NOSCORE, C},
    {"cut deeper than usual this time", OTHER, NOSCORE, C},
    {"i held my hand on the stove burner till it blistered", OTHER, NOSCORE, C},
    {"me queme el brazo a proposito", OTHER, NOSCORE, C},
    {"me volvi a cortar anoche", OTHER, NOSCORE, C},
    {"me corte las piernas otra vez", OTHER, NOSCORE, C},
    {"me rasguñe hasta sangrar", OTHER, NOSCORE, C},
    /* round p12: a number corrected, said again, with a half, a hedge,
     * a word of address; a number word mistyped alone; a range in words */
    {"6... no wait 5", MOOD, 5, 0},
    {"4... no, mejor 3", MOOD, 3, 0},
    {"wait 5 min", OTHER, NOSCORE, 0},
    {"8 8 8", MOOD, 8, 0},
    {"555 123 4567", OTHER, NOSCORE, 0},
    {"3 and 1/2", MOOD, 3.5, 0},
    /* '&' is read "and" (it was dropped, so "8 & a half" was an 8) */
    {"8 & a half", MOOD, 8.5, 0},
    {"seven & a half", MOOD, 7.5, 0},
    {"3 & 1/2", MOOD, 3.5, 0},
    {"me & my sister went out, 7", MOOD, 7, 0},
    {"got my dads .38 out", OTHER, NOSCORE, REPLY_SIG_AMBIGUOUS}, /* a calibre, no score */
    /* round p18: "so far" after a mood word; the top in idioms; the
     * middle said as neither extreme; a bad start mending */
    {"good so far", MOOD, 7, 0},
    {"solid day so far", MOOD, 7, 0},
    {"feeling like a million bucks", MOOD, 10, 0},
    {"living my best life", MOOD, 9, 0},
    {"not my best day, not my worst", MOOD, 5, 0},
    {"rough morning but its turning around", MOOD, 6, 0},
    /* round p20: a word of address after a number; Central American words */
    {"un 5 nmas", MOOD, 5, 0},
    {"ocho pana", MOOD, 8, 0},
    {"todo cheque maje", MOOD, 7, 0},
    /* round p22: the score settled on, a half glued or misspelt, number
     * words before "q", a typo of nine, feeling strong */
    {"was gonna say 6 but the bus was late. call it a 5", MOOD, 5, 0},
    {"7nhalf", MOOD, 7.5, 0},
    {"7 y mdio", MOOD, 7.5, 0},
    {"ocho q bueno", MOOD, 8, 0},
    {"nien today", MOOD, 9, 0},
    /* round p29: a number word before thanks, cheer, a word of address,
     * dictated punctuation or itself again; a mistyped number word with
     * words of time or hedges; sound-alikes after an article where a
     * score stands; ranges hedged, with "d" for "de", "btwn .. n"; the
     * score said before "casi"; "ponle"; "y pico"; a dash before a count;
     * number words joined by a hyphen; and their everyday twins */
    {"Nine thank you so much", MOOD, 9, 0},
    {"cinco bendiciones a todos", MOOD, 5, 0},
    {"six yay", MOOD, 6, 0},
    {"ocho mi reina", MOOD, 8, 0},
    {"Five comma thanks for asking", MOOD, 5, 0},
    {"un seis punto", MOOD, 6, 0},
    {"tres tres perdon", MOOD, 3, 0},
    {"one day at a time", OTHER, NOSCORE, 0},
    {"three more days till payday", OTHER, NOSCORE, 0},
    {"nien tdy", MOOD, 9, 0},
    {"tne i guess", MOOD, 10, 0},
    {"fuor today", MOOD, 4, 0},
    {"tow", OTHER, NOSCORE, 0},
    {"seen today", OTHER, NOSCORE, 0},
    {"im a tree today", MOOD, 3, 0},
    {"feeling a for", MOOD, 4, 0},
    {"climbed a tree today", OTHER, NOSCORE, 0},
    {"for today im fine", MOOD, 6, 0},
    {"me too", OTHER, NOSCORE, 0},
    {"texted my guy for a 20", OTHER, NOSCORE, REPLY_SIG_RELAPSE | REPLY_SIG_OUT_OF_RANGE},
    {"sicks", MOOD, 6, 0},
    {"4.. mayb 5", MOOD, 4.5, 0},
    {"7, prob 8", MOOD, 7.5, 0},
    {"6 maybe 7 people", MOOD, 6, 0},
    {"7 d 10", MOOD, 7, 0},
    {"between 5 n 6", MOOD, 5.5, 0},
    {"8 almost 9", MOOD, 8, 0},
    {"almost 9", MOOD, 9, 0},
    {"6, no.. ponle 5", MOOD, 5, 0},
    {"siete y pico", MOOD, 7, 0},
    {"7 - 30 min commute", MOOD, 7, 0},
    {"six-seven", MOOD, 6.5, 0},
    {"my six-year-old", OTHER, NOSCORE, 0},
    {"five-ish", MOOD, 5, 0},
    {"10 maybe 9", MOOD, 9.5, 0},
    {"fro", OTHER, NOSCORE, 0},
    /* round p29's words: never better is the top; "not as good" softened;
     * gladness before "for"; the same as always; a party face and a shrug;
     * British, Irish and regional Spanish words */
    {"never been better", MOOD, 10, 0},
    {"not as good as last week", MOOD, 4, 0},
    {"so excited for tonight", MOOD, 9, 0},
    {"scared for my brother", OTHER, NOSCORE, 0},
    {"same as usual", MOOD, 5, 0},
    {"\xF0\x9F\xA5\xB3", MOOD, 9, 0},
    {"\xF0\x9F\xA4\xB7", MOOD, 5, 0},
    {"chuffed today", MOOD, 8, 0},
    {"bien bacan", MOOD, 9, 0},
    {"como el orto", MOOD, 2, 0},
    {"wicked tired", MOOD, 3, 0},
    {"feeling strong", MOOD, 8, 0},
    /* round p25: a date is no score */
    {"court moved to jan 9", OTHER, NOSCORE, 0},
    {"seis mas o menos", MOOD, 6, 0},
    {"un diez mija", MOOD, 10, 0},
    {"9 lets go", MOOD, 9, 0},
    {"kuatro", MOOD, 4, 0},
    {"fiev", MOOD, 5, 0},
    {"nuebe!!", MOOD, 9, 0},
    {"none", OTHER, NOSCORE, 0},
    {"hoy un cuatro", MOOD, 4, 0},
    {"entre seis y siete", MOOD, 6.5, 0},
    {"somos 5 en la casa ahora", OTHER, NOSCORE, 0},
    {"met my sister at the mall", OTHER, NOSCORE, 0},
    /* a sign-off after "ok" is no mood of 5, as "ok thanks" is not */
    {"ok bye", OTHER, NOSCORE, 0},
    {"ok ttyl", OTHER, NOSCORE, 0},
    {"okay goodnight", OTHER, NOSCORE, 0},
    {"want to diiiie", OTHER, NOSCORE, C},
    {"I want 2 die", OTHER, NOSCORE, C},
    {"thinking about killing myself", OTHER, NOSCORE, C},
    {"kiiill myselff", OTHER, NOSCORE, C},
    {"I feel suicidal", OTHER, NOSCORE, C},
    {"Suicide", OTHER, NOSCORE, C},
    {"I'm going to end it all tonight", OTHER, NOSCORE, C},
    {"I want to end my life", OTHER, NOSCORE, C},
    {"gonna take my life", OTHER, NOSCORE, C},
    {"I don't want to be here anymore", OTHER, NOSCORE, C},
    {"I don\xe2\x80\x99t want to be alive", OTHER, NOSCORE, C},
    {"everyone would be better off without me", OTHER, NOSCORE, C},
    {"better off dead", OTHER, NOSCORE, C},
    {"there's no reason to live", OTHER, NOSCORE, C},
    {"I can't go on", OTHER, NOSCORE, C},
    {"I cannot go on like this", OTHER, NOSCORE, C},
    {"i cant do this anymore", OTHER, NOSCORE, C},
    {"I hurt myself again", OTHER, NOSCORE, C},
    {"started cutting myself", OTHER, NOSCORE, C},
    {"self harm", OTHER, NOSCORE, C},
    {"self-harming again", OTHER, NOSCORE, C},
    {"took all my pills", OTHER, NOSCORE, C},
    {"I overdosed", OTHER, NOSCORE, C},
    {"i OD'd last night", OTHER, NOSCORE, C},
    {"gonna OD", OTHER, NOSCORE, C},
    {"goodbye forever", OTHER, NOSCORE, C},
    {"this is goodbye. thank you for everything", OTHER, NOSCORE, C},
    {"kms", OTHER, NOSCORE, C},
    {"i want to unalive myself", OTHER, NOSCORE, C},
    {"I WANT TO DIE", OTHER, NOSCORE, C},
    {"I'd rather be dead", OTHER, NOSCORE, C},
    {"No one would miss me", OTHER, NOSCORE, C},
    {"nobody would care if I was gone", OTHER, NOSCORE, C},
    {"I wish I could go to sleep and never wake up", OTHER, NOSCORE, C},
    {"thinking of ending it", OTHER, NOSCORE, C},
    {"k\xe2\x80\x8bill myself", OTHER, NOSCORE, C}, /* zero-width space inside */
    {"3. Not okay. I want to die", MOOD, 3, C},
    {"I want to... die", OTHER, NOSCORE, C},
    {"please help me I want to die", OTHER, NOSCORE, C},
    {"STOP I want to die", OTHER, NOSCORE, C},
    /* ---- crisis, Spanish ---- */
    {"quiero morir", OTHER, NOSCORE, C},
    {"Me quiero morir", OTHER, NOSCORE, C},
    {"quiero morirme", OTHER, NOSCORE, C},
    {"voy a suicidarme", OTHER, NOSCORE, C},
    {"pienso en matarme", OTHER, NOSCORE, C},
    {"ya no quiero vivir", OTHER, NOSCORE, C},
    {"quiero quitarme la vida", OTHER, NOSCORE, C},
    {"quiero hacerme da\xc3\xb1o", OTHER, NOSCORE, C},
    {"quiero hacerme dano", OTHER, NOSCORE, C},
    {"ya no puedo m\xc3\xa1s", OTHER, NOSCORE, C},
    {"adi\xc3\xb3s para siempre", OTHER, NOSCORE, C},
    {"ya no aguanto m\xc3\xa1s", OTHER, NOSCORE, C},
    {"tengo ganas de morirme", OTHER, NOSCORE, C},
    {"2, me quiero morir", MOOD, 2, C},
    /* ---- negated: crisis kept, negated added ---- */
    {"not suicidal", OTHER, NOSCORE, C | N},
    {"I'm not going to kill myself", OTHER, NOSCORE, C | N},
    {"I don't want to die", OTHER, NOSCORE, C | N},
    {"I would never hurt myself", OTHER, NOSCORE, C | N},
    {"no quiero morir", OTHER, NOSCORE, C | N},
    {"no me quiero morir", OTHER, NOSCORE, C | N},
    {"7, not suicidal just tired", MOOD, 7, C | N},
    {"I'm not suicidal but I want to die", OTHER, NOSCORE, C},
    {"not okay. I want to die", OTHER, NOSCORE, C},
    {"no, I want to die", OTHER, NOSCORE, C},
    /* a concept that holds its own "not" is no denial of it (these were
     * lowered to negated: no 988 text) */
    {"i pray i dont wake up tomorrow", OTHER, NOSCORE, C},
    {"it would be easier if i just wasnt here", OTHER, NOSCORE, C},
    {"not gonna make it through the night", OTHER, NOSCORE, C},
    {"wont b here much longer", OTHER, NOSCORE, C},
    {"soon i wont be anyones problem", OTHER, NOSCORE, C},
    {"cuiden a mi gato cuando yo no este", OTHER, NOSCORE, C},
    /* ---- relapse ---- */
    {"I drank last night", OTHER, NOSCORE, R},
    {"relapsed", OTHER, NOSCORE, R},
    {"I relapsed yesterday, 3", MOOD, 3, R},
    {"used again", OTHER, NOSCORE, R},
    {"got high with my cousin", OTHER, NOSCORE, R},
    {"been drinking all weekend", OTHER, NOSCORE, R},
    {"reca\xc3\xad", OTHER, NOSCORE, R},
    {"volv\xc3\xad a tomar", OTHER, NOSCORE, R},
    {"volvi a beber anoche", OTHER, NOSCORE, R},
    {"volv\xc3\xad a consumir", OTHER, NOSCORE, R},
    /* sobriety news is never relapse (issue 16): a denied relapse is none */
    {"I haven't relapsed", OTHER, NOSCORE, 0},
    {"I relapsed and I want to die", OTHER, NOSCORE, C | R},
    {"I want to die. I haven't been drinking", OTHER, NOSCORE, C},
    {"I used to drink a lot, 8 today", MOOD, 8, 0},
    {"I slipped on the ice, 6", MOOD, 6, 0},
    {"I drank water all day", OTHER, NOSCORE, 0},
    /* ---- idioms that must not alarm ---- */
    {"killing it at work, 9", MOOD, 9, 0},
    {"dying to see my kids", OTHER, NOSCORE, 0},
    {"I could die laughing", OTHER, NOSCORE, 0},
    {"dead tired, 5", MOOD, 5, 0},
    {"this traffic is killing me", OTHER, NOSCORE, 0},
    {"I'm taking my life back one day at a time", OTHER, NOSCORE, 0},
    {"I ran 5 kms today", OTHER, NOSCORE, 0},
    {"odd day, 6", MOOD, 6, 0},
    {"my kids are killing me lol, 6", MOOD, 6, 0},
    {"feeling dead inside", OTHER, NOSCORE, 0},
    /* ---- empty and noise ---- */
    {"", OTHER, NOSCORE, 0},
    {"   ", OTHER, NOSCORE, 0},
    {"\t\n \r\n", OTHER, NOSCORE, 0},
    {"...", OTHER, NOSCORE, 0},
    {"\xf0\x9f\x98\xad\xf0\x9f\x98\xad", MOOD, 2, 0},                /* two crying faces */
};

/* Returns true if text parses as want; prints the difference if not. */
static bool check(const char *text, size_t len, const struct case_ *want)
{
    struct reply_result r;
    char json[256];
    memset(&r, 0x55, sizeof r); /* everything must be written */
    reply_parse(text, len, NULL, &r);
    reply_to_json(&r, json, sizeof json);
    bool ok = r.intent == want->intent && r.signals == want->signals;
    if (want->score == NOSCORE)
        ok = ok && !r.has_score;
    else
        ok = ok && r.has_score && r.score == want->score;
    if (want->intent != REPLY_ACK)
        ok = ok && r.ack_id == 0;
    if (!ok)
        print_error("\"%s\": got %s\n", want->text, json);
    return ok;
}

static void test_table(void **state)
{
    (void)state;
    size_t bad = 0;
    assert_true(sizeof cases / sizeof *cases >= 120);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        bad += !check(cases[i].text, strlen(cases[i].text), &cases[i]);
    assert_int_equal(bad, 0);
}

/* The mood calibration's modifiers (atop rp_mood_phrases, reply_words.c),
 * each with a plain twin: softened negation, a hedge on praise, a strain
 * after "but", two opposite words both negated, a feeling word alone, a
 * misspelt word, greetings only after good words, an age that is no
 * score; and a mood word never hides risk. Every line but the twins
 * failed before the rules were written. */
static void test_mood_calibration(void **state)
{
    (void)state;
    static const struct case_ c[] = {
        {"not good", MOOD, 3, 0},              {"not so good", MOOD, 4, 0},
        {"no tan bien", MOOD, 4, 0},           {"not too shabby", MOOD, 7, 0},
        {"great", MOOD, 8, 0},                 {"pretty great", MOOD, 8, 0},
        {"pretty good", MOOD, 7, 0},           {"good but tired", MOOD, 6, 0},
        {"great but exhausted", MOOD, 7, 0},   {"bien pero cansada", MOOD, 6, 0},
        {"tired but good", MOOD, 7, 0},        {"bad morning, better now", MOOD, 6, 0},
        {"not great, not terrible", MOOD, 5, 0}, {"ni tan bien ni tan mal", MOOD, 5, 0},
        {"tired", MOOD, 4, 0},                 {"cansada", MOOD, 4, 0},
        {"down today", MOOD, 3, 0},            {"i need to calm down", OTHER, NOSCORE, 0},
        {"fantasic", MOOD, 9, 0},              {"terrbile", MOOD, 2, 0},
        {"incredibly tired", OTHER, NOSCORE, 0}, {"the check ins help, keep them coming", OTHER, NOSCORE, 0},
        {"good night", OTHER, NOSCORE, 0},     {"terrible night", MOOD, 2, 0},
        {"mal dia", MOOD, 3, 0},               {"pesimo dia", MOOD, 2, 0},
        {"hard day", MOOD, 3, 0},              {"could be way worse", MOOD, 5, 0},
        {"sev", MOOD, 7, 0},                   {"my kid is 7 today", OTHER, NOSCORE, 0},
        {"my son is 8 and im a 6", MOOD, 6, 0},
        {"tired, i want to die", OTHER, NOSCORE, C},
        /* hedges that soften: a step toward the middle, two from the
         * ends; "pretty" changes nothing; a comparison keeps its value */
        {"a little awesome", MOOD, 7, 0},      {"kinda rough", MOOD, 4, 0},
        {"kind of rough", MOOD, 4, 0},         {"un poco pesimo", MOOD, 3, 0},
        {"medio bien", MOOD, 6, 0},            {"kinda ok", MOOD, 5, 0},
        {"pretty amazing", MOOD, 9, 0},        {"a little better", MOOD, 6, 0},
        {"not happy", MOOD, 4, 0},             {"not great", MOOD, 4, 0},
        /* a negation said strongly, slang intensifiers, a feeling word
         * opening the reply before "and", one's own extremes, Mexican
         * Spanish middles, "alright" as texted; a skill and somebody
         * else's mood far from its subject are no score */
        {"not good at all", MOOD, 2, 0},       {"im good at math", OTHER, NOSCORE, 0},
        {"real good today", MOOD, 8, 0},       {"anxious n cant focus", MOOD, 4, 0},
        {"worst ive ever felt", MOOD, 2, 0},   {"alrite", MOOD, 6, 0},
        {"pues ahi", MOOD, 5, 0},              {"ahi la vamos llevando", MOOD, 5, 0},
        {"my mom got a new job and is doing real good", OTHER, NOSCORE, 0},
        /* the state of a thing is news, even in a long word the typo
         * reading would take; a time of day after a word other than
         * good, buen, feliz says how the day was */
        {"the traffic is horrible", OTHER, NOSCORE, 0},
        {"el carro esta horrible", OTHER, NOSCORE, 0},
        {"car is running rough, taking it to the shop", OTHER, NOSCORE, 0},
        {"traffic was terrible but im good", MOOD, 7, 0},
        {"great morning!", MOOD, 8, 0},        {"good morning", OTHER, NOSCORE, 0},
        {"excelente dia", MOOD, 9, 0},         {"feliz dia", OTHER, NOSCORE, 0},
        /* a mood said for now wins over one asked about, one said of
         * yesterday and an emoji; "better than yesterday" is for now */
        {"great, thanks! why, do i sound bad? lol", MOOD, 8, 0},
        {"a lil better than yesterday, yesterday was rough", MOOD, 6, 0},
        {"mejor que ayer, pero ayer estaba fatal", MOOD, 6, 0},
        {"so happy rn 😭", MOOD, 9, 0},       {"pretty down today", MOOD, 3, 0},
        {"couldnt be better!!", MOOD, 10, 0}, {"mejor imposible", MOOD, 10, 0},
        {"my dog is feeling better after the vet", OTHER, NOSCORE, 0},
        {"my wife's been in a bad mood all week", OTHER, NOSCORE, 0},
        {"la fiesta estuvo increible", OTHER, NOSCORE, 0},
        {"my shift was rough", MOOD, 3, 0},   {"class was great today", MOOD, 8, 0},
        {"happy friday everyone!", OTHER, NOSCORE, 0},
        /* a number word with repeats read once; a score glued to "im" or
         * to "out of ten"; "2day", "b4" stay words, "too" is no "two" */
        {"fiive", MOOD, 5, 0},                 {"thre today", MOOD, 3, 0},
        {"siette jaja", MOOD, 7, 0},           {"im8 today", MOOD, 8, 0},
        {"8outta10", MOOD, 8, 0},              {"me too", OTHER, NOSCORE, 0},
        {"b4 work", OTHER, NOSCORE, 0},
    };
    size_t bad = 0;
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        bad += !check(c[i].text, strlen(c[i].text), &c[i]);
    assert_int_equal(bad, 0);
}

/* A reply in words scores 2 at the lowest: the writers of the blind sets
 * never put a word reply at 1 (README, "Reply understanding"). The words'
 * own order below that stays (a hedge lifts "pesimo" to 3, not 2's 4); a
 * number said is kept, 1 included; on another scale the floor is mapped
 * like any word. Each of the floored lines scored 1 before. */
static void test_mood_word_floor(void **state)
{
    (void)state;
    static const struct case_ c[] = {
        {"terrible", MOOD, 2, 0},           {"the worst", MOOD, 2, 0},
        {"worst day ever", MOOD, 2, 0},     {"pesimo", MOOD, 2, 0},
        {"really miserable", MOOD, 2, 0},   {"devastated", MOOD, 2, 0},
        {"un poco pesimo", MOOD, 3, 0},     {"depressed", MOOD, 2, 0},
        {"1", MOOD, 1, 0},                  {"terrible, a 1", MOOD, 1, 0},
        {"uno", MOOD, 1, 0},                {"honestly a 1 today", MOOD, 1, 0},
    };
    size_t bad = 0;
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        bad += !check(c[i].text, strlen(c[i].text), &c[i]);
    assert_int_equal(bad, 0);
    struct reply_result r;
    struct reply_opts five = {.scale_min = 0, .scale_max = 5};
    reply_parse("terrible", 8, &five, &r); /* 0 + (2 - 1) * 5 / 9, rounded */
    assert_true(r.has_score && r.score_from_words);
    assert_true(r.score == 1);
    reply_parse("0", 1, &five, &r);
    assert_true(r.has_score && r.score == 0);
}

/* Scores (issue 16 item 4, round 5): each rule's wanted reply (it failed
 * before the rule) beside a near-twin that keeps its old reading. A
 * quantity is no mood; text-speak, number words, decimals and halves,
 * ranges and "out of ten" are read; a score among other numbers wins over
 * an age or a count off the scale; mood words placed by the calibration. */
static void test_scores_textspeak_mixed_and_quantities(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double score; /* NOSCORE: has_score must be false */
    } c[] = {
        /* a verb of quantity or of a time to come before the number */
        {"slept 4", NOSCORE},          {"slept bad, 4", 4},
        {"paid like 300", NOSCORE},    {"gained 5", NOSCORE},
        {"dormi 5", NOSCORE},          {"be there in 5", NOSCORE},
        {"llego en 10", NOSCORE},      {"ando en 6", 6},
        {"took the 7 train", NOSCORE}, {"7, took the 6 train to work", 7},
        /* ids, counts left, a clock, a mark on a test */
        {"season 3 episode 4", NOSCORE}, {"unit 4", NOSCORE},
        {"only 3 left", NOSCORE},      {"its 5 o clock somewhere", NOSCORE},
        {"6 o 7", 6.5},                {"got a 4 on my test", NOSCORE},
        {"got a 60 on my test so a 4", 4},
        /* "2" for "to", "4" for "for" */
        {"im going 2 bed", NOSCORE},   {"going 2 today", 2},
        {"waiting 4 u", NOSCORE},      {"im a 4 real talk", 4},
        /* number words: "sixish", "ate", a pronoun "one", a reason after */
        {"sixish", 6},                 {"an ate lol", 8},
        {"ate", 8},                    {"i ate", NOSCORE},
        {"its been a rough one", 3},   {"one", 1},
        {"ocho xq ya es viernes", 8},  {"seis nomas", 6},
        {"the kids were seven and nine", NOSCORE},
        /* decimals and halves said in words or as 1/2 */
        {"seven point five", 7.5},     {"7 pt 5", 7.5},
        {"5 1/2", 5.5},                {"5/10", 5},
        {"6 n half", 6.5},             {"between a 7 and an 8", 7.5},
        {"between 6 and 7", 6.5},
        /* the scale itself is no score; "im at" is no time */
        {"8 on a scale of 1-10", 8},   {"on a scale of 1-10?", NOSCORE},
        {"i'm at 7 out of 10", 7},     {"is group still at 6?", NOSCORE},
        /* off the scale loses to the score beside it */
        {"im 42 and a 6 today", 6},    {"6. my mom is 70 today", 6},
        {"8 - 2 days sober", 8},       {"from 8 to 5", NOSCORE},
        /* mood words placed by the calibration */
        {"living the dream lol", 5},   {"not my best", 4},
        {"better than ever", 10},      {"better", 6},
        {"eh", 5},                     {"good eh", 7},
        {"masomenos", 5},              {"todo tranqui", 7},
        {"not myself today", 4},       {"tired af", 3},
        {"tired", 4},                  {"im off today", NOSCORE},
        /* "½", "u" between two numbers, the past outranked, "2day" */
        {"6½", 6.5},                   {"siete u ocho", 7.5},
        {"ate outta ten", 8},          {"yesterday 3 today 6", 6},
        {"was a 4 all day", 4},        {"2day 6", 6},
        {"day 6", NOSCORE},            {"u 2?", NOSCORE},
        {"2", 2},
        /* round 5 (p10): text-speak; each wanted line failed before */
        {"sixx", 6},                   {"six", 6},
        {"sevn 2day", 7},              {"sevn days", NOSCORE},
        {"\xf0\x9f\x94\x9f", 10},  /* keycap ten */
        {"im @ 7", 7},                 {"meeting @ 6", NOSCORE},
        {"not 2 gud", 4},              {"2. not gud", 2},
        {"nt gud", 3},                 {"gud", 7},
        {"gooood", 7},                 {"oh my gooood", NOSCORE},
        {"muy bn", 8},                 {"bn", 7},
        {"iight", 6},                  {"my bad", NOSCORE},
        {"hangin in", 5},              {"my coat is hangin in the closet", NOSCORE},
        /* the later state wins; money, a count after "of" */
        {"3 earlier 6 now", 6},        {"3 earlier", 3},
        {"was at a 3 earlier, im a 6 now", 6},
        {"went from 4 to 7", 7},       {"work from 4 to 7", NOSCORE},
        {"from a 3 to a 6", 6},        {"from 8 to 5", NOSCORE},
        {"4 -> 7", 7},                 {"4 - 7", 5.5},
        {"8 got my first paycheck $612", 8}, {"$5", NOSCORE},
        {"20$", NOSCORE},              {"its $7 for the bus pass", NOSCORE},
        {"family of 5", NOSCORE},      {"4 of 10", 4},
        {"picked up 2 extra shifts", NOSCORE}, {"the 7 bus", NOSCORE},
        {"idk 2 b honest", NOSCORE},   {"2 b honest im a 5", 5},
        {"ocho jeje", 8},              {"ocho", 8},
        {"a las 2 andaba en 4, ahorita en 7", 7}, {"andaba en 4", 4},
        {"nos vemos el 3", NOSCORE},   {"un 3", 3},
        {"tome 2", NOSCORE},           {"gimme 5", NOSCORE},
        {"wait 5", NOSCORE},           {"i'd give it a 5", 5},
        {"could b worse", 5},          {"alrite", 6},
        {"im gucci", 7},               {"bought a gucci bag", NOSCORE},
        {"vibin", 6},                  {"the party was vibing", NOSCORE},
        {"v tired", 3},                {"ai la llevo", 5},
        /* p58: a number word out of ten, "x" for "por", a texted "and" of a
         * half, marks between two scores, a thing rated, a tie, an address,
         * the store; each wanted reading failed before */
        {"seven/10", 7},               {"Ocho/10", 8},
        {"seven/eleven run lol", NOSCORE}, {"went to 7-eleven", NOSCORE},
        {"7 x ahora", 7},              {"un 6 x hoy", 6},
        {"400mg x 8", NOSCORE},        {"Im at a 6 nd a half", 6.5},
        {"5 n a haf", 5.5},            {"my 2nd day", NOSCORE},
        {"idk maybe a 5? 6?", 5.5},    {"5? 6?", 5.5},
        {"up since 5. 6 today", 6},    {"7. 8. 9. 10 days sober", 7},
        {"rated the movie 9/10 honestly", NOSCORE},
        {"that new marvel movie? id give it a 7 tbh", NOSCORE},
        {"a la pelicula le doy un 9/10", NOSCORE},
        {"went to a movie tonight, id rate my day a 7", 7},
        {"today? id give it a 7", 7},  {"el nino saco 10 en matematicas", NOSCORE},
        {"game ended 2 to 2", NOSCORE}, {"calle 5 de mayo", NOSCORE},
        /* p61: a score corrected in the same reply (the later one is
         * meant, whatever small words stand between), a share of the scale
         * given as the answer, a thumb alone; each wanted reading failed
         * before */
        {"4.. scratch that, 3", 3},    {"8 - no, if im honest its a 7", 7},
        {"5 no espera, 6", 6},         {"nine. no, eight", 8},
        {"3 no sleep 5 hours", 3},     {"80%", 8},
        {"like 70% today", 7},         {"40 percent honestly", 4},
        {"90 por ciento", 9},          {"65%", 6.5},
        {"100% sure i locked the door", NOSCORE},
        {"phone at 5% gotta go", NOSCORE}, {"got 80% on my quiz", NOSCORE},
        {"\xf0\x9f\x91\x8d", NOSCORE}, {"\xf0\x9f\x91\x8d\xf0\x9f\x91\x8d", NOSCORE},
        {"good \xf0\x9f\x91\x8d", 7}, {"8 \xf0\x9f\x91\x8d", 8},
        /* how often, never a mood (the "x a" of "3 x a day" had been
         * joined as a spaced word and the 3 read) */
        {"3 x a day", NOSCORE},        {"2x daily", NOSCORE},
        {"3 times a day", NOSCORE},    {"2 x al dia", NOSCORE},
        /* p64-p65: of two mood phrases at one word the longer is read (a
         * lone "down" is no mood, and had hidden "down in the dumps");
         * praise beside an eye-roll or an upside-down face is said the
         * other way round; "normal" and "fair" beside a number judge the
         * number; idioms and regional words of each step. Each failed
         * before. */
        {"down in the dumps", 3},      {"down in the dumps this week", 3},
        {"amazing \xf0\x9f\x99\x84 my car got towed", 3},
        {"perfect, just perfect \xf0\x9f\x99\x83", 3},
        {"super bien \xf0\x9f\x99\x84 se fue la luz otra vez", 3},
        {"fine \xf0\x9f\x99\x83", 5}, {"bad \xf0\x9f\x99\x84", 3},
        {"normal", 5},                 {"3 coffees today, normal", NOSCORE},
        {"fair", 6},                   {"rent went up 50, fair i guess", NOSCORE},
        {"running on empty this week", 3}, {"bit out of sorts", 4},
        {"im getting there", 6},       {"feeling like a wreck", 2},
        {"macanudo", 9},               {"ando depre hoy", 3},
        {"more bad than good", 3},     {"mas bien que mal", 6},
        /* a strain as the next clause is a "but" unsaid (a step lower) */
        {"bien, cansada", 6},          {"good. tired", 6},
        /* a number word after a sound of hesitation, or before "la
         * verdad" (honestly) */
        {"ummm seven", 7},             {"uhh six i think", 6},
        {"hoy un tres la verdad", 3},  {"un seis la neta", 6},
        {"uh 4 kids", NOSCORE},
        /* "a la 1" is the hour, as "a las 3" was */
        {"termino a la 1, igual un 9", 9}, {"sali a la 1", NOSCORE},
        /* p66: a mark on a test named in a few words, a thing counted
         * said after the number ("i mean", "digo"), a level or a size,
         * a Spanish number word made small or spelt as said; each failed
         * before but the twins */
        {"9/10 on my chem quiz", NOSCORE},
        {"5 out of 10 correct on the permit test", NOSCORE},
        {"7 on my way to the test", 7},
        {"4 today, applications i mean", NOSCORE},
        {"hice 3 hoy, vueltas a la cuadra digo", NOSCORE},
        {"7 i mean 8", 8},             {"7. tired i mean", 7},
        {"talla 7", NOSCORE},          {"size 10 shoes", NOSCORE},
        {"un sietecito", 7},           {"un seisito hoy", 6},
        {"ochito jaja", 8},            {"ceis", 6},
        {"un poquito", NOSCORE},
    };
    size_t bad = 0;
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        struct reply_result r;
        reply_parse(c[i].text, strlen(c[i].text), NULL, &r);
        bool ok = c[i].score == NOSCORE ? !r.has_score : r.has_score && r.score == c[i].score;
        if (!ok) {
            print_message("score: \"%s\": has_score %d score %g, want %g\n", c[i].text,
                          (int)r.has_score, r.score, c[i].score);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Opt-outs in other words than STOP (US rules accept any reasonable
 * means), in English and Spanish, and replies that only look like them:
 * a distressed "I don't want these feelings anymore" must not end the
 * check-ins. The first list failed before (other) but for its first lines. */
static void test_optout_phrasings(void **state)
{
    (void)state;
    static const char *const optouts[] = {
        "please remove me from this list", "opt me out", "no more check-ins",
        "leave me off the list", "I'm done with these check ins, stop",
        "i'm fine but no more check-ins please", "take me off", "take me off your list",
        "i don't want these texts anymore", "cancel my subscription",
        "s\xc3\xa1quenme de la lista", "ya no quiero los mensajes", "basta de mensajes",
        "por favor paren", "no m\xc3\xa1s mensajes", "cancelar suscripci\xc3\xb3n",
        "b\xc3\xb3rrenme de la lista por favor", "I no longer want these messages",
        /* p59: each failed before */
        "sotp", "i dont want these anymore", "desuscribir",
        "she asked me to tell you she doesnt want the check in texts anymore",
        "this is her mom, she is not using this phone anymore, pls take the number off",
        "omg enough with the texts", "ya basta con los mensajitos, no los quiero",
        "alto a los mensajes porfavor", "porfa stop a los textos",
        "I'm with a different provider now so you can take me off these texts",
        "could you please take me off the daily text list? thanks",
        "i want out of the texting thing", "me quiero salir de lo de los mensajes",
        "me pueden quitar de los mensajes?", "que lata con los mensajes, ya bajenme de la lista",
        "I revoke consent to receive text messages from this number",
        "How do I turn these off? Please just turn them off", "you can stop",
        "STOP this is a work phone", "wrong number, stop please",
        "Por favor, no me envieis mas mensajes",
        "quiten el numero de la lista, ella ya no usa este celular",
    };
    static const char *const not_optouts[] = {
        "i don't want these feelings anymore", "take me off the meds?", "it has to end. end",
        "make it stop", "the voices won't stop", "i need to stop drinking", "i quit my job",
        "my plans got cancelled", "i wish the pain would stop", "no more drinking for me",
        "i was dropped off the list at the shelter", "no quiero seguir as\xc3\xad",
        "stop it", "please don't stop texting me", "I can't stop crying",
        /* p59: each read as an opt-out before */
        "please dont stop these texts they help me a lot",
        "can i unsubscribe from the email newsletter but keep getting these texts?",
        "can you stop texting so early? like 10am instead of 7?",
        "you can stop by the office tomorrow", "enough with the rain already",
    };
    size_t bad = 0;
    struct reply_result r;
    for (size_t i = 0; i < sizeof optouts / sizeof *optouts; i++) {
        reply_parse(optouts[i], strlen(optouts[i]), NULL, &r);
        if (r.intent != REPLY_STOP && ++bad)
            print_error("\"%s\": not an opt-out\n", optouts[i]);
    }
    for (size_t i = 0; i < sizeof not_optouts / sizeof *not_optouts; i++) {
        reply_parse(not_optouts[i], strlen(not_optouts[i]), NULL, &r);
        if (r.intent == REPLY_STOP && ++bad)
            print_error("\"%s\": read as an opt-out\n", not_optouts[i]);
    }
    assert_int_equal(bad, 0);
}

/* Self-harm said next to an everyday word (the kitchen, a pet, an iron)
 * is self-harm for the rules alone (the model is a second opinion, not the
 * safety net). A round that exempted "everyday hurts" silenced some of
 * these and lost recall on a blind set; this keeps any such exemption
 * from coming back unnoticed. */
static void test_self_harm_beside_everyday_words(void **state)
{
    (void)state;
    static const char *const harm[] = {
        "cut my wrists in the kitchen", "slit my wrist with a kitchen knife",
        "burned myself with the iron again", "i want to cut myself, my dog is asleep",
        "cut myself again while cooking dinner, didnt even feel it",
        "me cort\xc3\xa9 las venas en la cocina", "me quem\xc3\xa9 otra vez con la plancha",
    };
    size_t bad = 0;
    struct reply_result r;
    reply_model_set_mode(REPLY_MODEL_OFF);
    for (size_t i = 0; i < sizeof harm / sizeof *harm; i++) {
        reply_parse(harm[i], strlen(harm[i]), NULL, &r);
        if (!(r.signals & REPLY_SIG_CRISIS) && ++bad)
            print_error("\"%s\": no crisis from the rules\n", harm[i]);
    }
    reply_model_set_mode(REPLY_MODEL_ON);
    assert_int_equal(bad, 0);
}

static void test_ack_id(void **state)
{
    (void)state;
    struct reply_result r;
    reply_parse("ACK 17", 6, NULL, &r);
    assert_int_equal(r.intent, REPLY_ACK);
    assert_int_equal(r.ack_id, 17);
    reply_parse("ack #123456789012", 17, NULL, &r);
    assert_int_equal(r.intent, REPLY_ACK);
    assert_int_equal(r.ack_id, 123456789012LL);
    /* absurdly long ids are not ids */
    reply_parse("ack 1234567890123456789012", 26, NULL, &r);
    assert_int_equal(r.intent, REPLY_OTHER);
    assert_int_equal(r.ack_id, 0);
    /* a crisis phrase in an ACK still raises the signal */
    const char *t = "ack 5 she says she wants to kill herself, I want to die too";
    reply_parse(t, strlen(t), NULL, &r);
    assert_int_equal(r.intent, REPLY_ACK);
    assert_int_equal(r.ack_id, 5);
    assert_false(r.has_score);
    assert_true(r.signals & REPLY_SIG_CRISIS);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    struct reply_result r;
    reply_parse("\xff\xfe" "7", 3, NULL, &r);
    assert_int_equal(r.intent, REPLY_MOOD);
    assert_true(r.has_score);
    assert_true(r.score == 7);

    /* invalid bytes between words act as spaces: the phrase is still found */
    const char *t = "i want\xc0to\x80\xfe" "die";
    reply_parse(t, strlen(t), NULL, &r);
    assert_true(r.signals & REPLY_SIG_CRISIS);

    /* truncated sequences at the very end, surrogates, overlongs */
    static const char *const junk[] = {"\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80",
                                       "kill myself\xf0\x9f"};
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
        reply_parse(junk[i], strlen(junk[i]), NULL, &r);
    assert_true(r.signals & REPLY_SIG_CRISIS); /* the last one */
}

static void test_nul_bytes(void **state)
{
    (void)state;
    struct reply_result r;
    static const char t[] = "ok\0\0I want to\0die";
    reply_parse(t, sizeof t - 1, NULL, &r);
    assert_true(r.signals & REPLY_SIG_CRISIS);
    static const char s[] = "\0" "7\0";
    reply_parse(s, sizeof s - 1, NULL, &r);
    assert_int_equal(r.intent, REPLY_MOOD);
    assert_true(r.score == 7);
    /* len is obeyed: nothing after it is read */
    reply_parse("7 I want to die", 1, NULL, &r);
    assert_int_equal(r.intent, REPLY_MOOD);
    assert_int_equal(r.signals, 0);
    reply_parse(NULL, 0, NULL, &r);
    assert_int_equal(r.intent, REPLY_OTHER);
    reply_parse("7", 0, NULL, &r);
    assert_int_equal(r.intent, REPLY_OTHER);
    assert_false(r.has_score);
}

/* Builds n bytes of filler text followed by tail into a malloc'ed buffer. */
static char *long_text(size_t n, const char *filler, const char *tail, size_t *len)
{
    size_t fl = strlen(filler), tl = strlen(tail);
    char *b = malloc(n + tl + 1);
    assert_non_null(b);
    for (size_t i = 0; i < n; i++)
        b[i] = filler[i % fl];
    memcpy(b + n, tail, tl + 1);
    *len = n + tl;
    return b;
}

static void test_long_inputs(void **state)
{
    (void)state;
    struct reply_result r;
    size_t len;
    /* 20,000 bytes of ordinary text, then the phrase at the very end */
    static const char *const fillers[] = {
        "work was long and the bus was late again. ",
        "ok ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abababababababababababababababababababababababababababab",
        "\xe4\xbd\xa0\xe5\xa5\xbd",                        /* CJK, no ASCII at all */
        "caf\xc3\xa9 ",                                    /* accents */
        "\xef\xb7\xba",                                    /* U+FDFA: 18-fold expansion */
        "\xff",                                            /* invalid bytes */
        "1 2 3 4 5 ",
        ". , ! ? ",
        "- / : ",
        "e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81", /* marks pile */
    };
    for (size_t f = 0; f < sizeof fillers / sizeof *fillers; f++) {
        char *t = long_text(20000, fillers[f], " I want to kill myself", &len);
        reply_parse(t, len, NULL, &r);
        if (!(r.signals & REPLY_SIG_CRISIS) || (r.signals & REPLY_SIG_NEGATED))
            fail_msg("filler %zu: crisis at the end of 20 KB missed", f);
        free(t);
    }
    /* phrase at the very start of a long message, and negation context kept
     * across the internal chunk boundaries: try many offsets */
    for (size_t n = 3000; n < 9000; n += 37) {
        char *t = long_text(n, "so tired ", " I'm not going to kill myself", &len);
        reply_parse(t, len, NULL, &r);
        if ((r.signals & (REPLY_SIG_CRISIS | REPLY_SIG_NEGATED)) !=
            (REPLY_SIG_CRISIS | REPLY_SIG_NEGATED))
            fail_msg("offset %zu: negated phrase not found intact", n);
        free(t);
    }
    char *t = long_text(20000, "blah ", "", &len);
    memcpy(t, "I want to die ", 14);
    reply_parse(t, len, NULL, &r);
    assert_true(r.signals & REPLY_SIG_CRISIS);
    free(t);
    /* a score far into a long message, next to its mood word */
    t = long_text(9000, "went to work ", " feeling 4", &len);
    reply_parse(t, len, NULL, &r);
    assert_int_equal(r.intent, REPLY_MOOD);
    assert_true(r.score == 4);
    free(t);
    /* long but benign: no signal */
    t = long_text(20000, "busy day at work with the kids. ", "", &len);
    reply_parse(t, len, NULL, &r);
    assert_int_equal(r.signals, 0);
    free(t);
    /* the longest SMS chain (255 segments x 153 characters), the phrase last,
     * written plainly, spaced out and in leet, at many offsets (whole filler
     * words: a stray single letter right before spaced-out letters would
     * join them, "w k i l l" reads "wkil") */
    static const char *const tails[] = {" I want to kill myself", " k i l l myself",
                                        " su1c1dal", " quiero morir"};
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
        for (size_t n = 255 * 153 - 400; n <= 255 * 153 - strlen(tails[k]); n++) {
            if (n % 6 != 0)
                continue;
            t = long_text(n, "tired ", tails[k], &len);
            reply_parse(t, len, NULL, &r);
            if (!(r.signals & REPLY_SIG_CRISIS))
                fail_msg("tail \"%s\" after %zu bytes missed", tails[k], n);
            free(t);
        }
    }
    /* spaced letters straddling the parser's internal chunk boundaries */
    for (size_t n = 3504; n < 4500; n += 12) {
        t = long_text(n, "we x y z go ", " k i l l myself", &len);
        reply_parse(t, len, NULL, &r);
        if (!(r.signals & REPLY_SIG_CRISIS))
            fail_msg("spaced phrase after %zu bytes of spaced letters missed", n);
        free(t);
    }
    /* ~1600-char SMS chain with the phrase straddling many possible cuts */
    for (size_t n = 1500; n < 1700; n += 7) {
        t = long_text(n, "x y ", " better off dead", &len);
        reply_parse(t, len, NULL, &r);
        assert_true(r.signals & REPLY_SIG_CRISIS);
        free(t);
    }
}

static void test_scale(void **state)
{
    (void)state;
    struct reply_result r;
    struct reply_opts five = {.scale_min = 1, .scale_max = 5};
    reply_parse("4", 1, &five, &r);
    assert_true(r.has_score && r.score == 4);
    reply_parse("7", 1, &five, &r);
    assert_false(r.has_score);
    assert_int_equal(r.signals, REPLY_SIG_OUT_OF_RANGE);
    reply_parse("4/5", 3, &five, &r);
    assert_true(r.has_score && r.score == 4);
    reply_parse("7/10", 4, &five, &r); /* another scale's fraction: not a score */
    assert_false(r.has_score);
    struct reply_opts zero = {.scale_min = 0, .scale_max = 10};
    reply_parse("0", 1, &zero, &r);
    assert_true(r.has_score && r.score == 0);
    struct reply_opts dflt = {.scale_min = 0, .scale_max = 0};
    reply_parse("0", 1, &dflt, &r);
    assert_false(r.has_score);
    assert_int_equal(r.signals, REPLY_SIG_OUT_OF_RANGE);
    struct reply_opts bad = {.scale_min = 10, .scale_max = 1}; /* nonsense: falls back to 1-10 */
    reply_parse("7", 1, &bad, &r);
    assert_true(r.has_score && r.score == 7);
    /* a fraction said in words that takes the top of the scale past it is
     * off the scale, as "5.1" is (fuzz_reply found "5 pt 1" scored 5.1 on
     * 1-5 at f302ed0); below the top it stays */
    static const char *const off[] = {"5 pt 1", "5 point 5", "five point one", "5 punto 1", "5 1/2",
                                      "5 and 1/2"};
    for (size_t k = 0; k < sizeof off / sizeof off[0]; k++) {
        reply_parse(off[k], strlen(off[k]), &five, &r);
        if (r.has_score || r.signals != REPLY_SIG_OUT_OF_RANGE)
            fail_msg("\"%s\" on 1-5: score %g (has %d), signals %#x", off[k], r.score, r.has_score,
                     r.signals);
    }
    reply_parse("4 point 5", 9, &five, &r);
    assert_true(r.has_score && r.score == 4.5);
    reply_parse("4 1/2", 5, &five, &r);
    assert_true(r.has_score && r.score == 4.5);
}

/* reply_parse reads a bare 1-3 digit reply on a short path; it must say
 * exactly what the full scan says (a trailing space takes the full path). */
/* The phrase index tries a phrase's second word against the first letter
 * of the token after the first (reply_words.c, rp_match_builtin): that
 * token is found as the phrase walk finds it, past emoji and one break,
 * and a censored one ("m*self") may be any letter. Each is read as the
 * listed phrase (REPLY_R_PHRASE), not only by a concept rule. */
static void test_phrase_second_word(void **state)
{
    (void)state;
    static const char *const said[] = {
        "i want to kill myself", "i want to kill \xf0\x9f\x98\xad myself",
        "i want to kill... myself", "i want to kill m*self", "no one would miss me",
        "no \xf0\x9f\x98\xad one would miss me",
    };
    reply_model_set_mode(REPLY_MODEL_OFF);
    for (size_t k = 0; k < sizeof said / sizeof said[0]; k++) {
        struct reply_result r;
        reply_parse(said[k], strlen(said[k]), NULL, &r);
        if (!(r.signals & REPLY_SIG_CRISIS) || !(r.reasons & REPLY_R_PHRASE))
            fail_msg("\"%s\": signals %#x reasons %#x, want the crisis phrase", said[k],
                     r.signals, (unsigned)r.reasons);
    }
    /* the next word's letter differs: not the phrase */
    struct reply_result r;
    reply_parse("i want to kill time", 19, NULL, &r);
    assert_false(r.reasons & REPLY_R_PHRASE);
    reply_model_set_mode(REPLY_MODEL_ON);
}

/* An injury from an animal or a household accident is read by the rules
 * (REPLY_R_ACCIDENT), and then the learned model is not asked: it had
 * read "burned my hand on the stove this morning lol" as self-harm. */
static void test_accident_reason(void **state)
{
    (void)state;
    static const char *const said[] = {"burned my hand on the stove this morning lol",
                                       "cut myself shaving", "the dog scratched me until i bled",
                                       "me corte el dedo picando cebolla"};
    for (size_t k = 0; k < sizeof said / sizeof said[0]; k++) {
        struct reply_result r;
        reply_parse(said[k], strlen(said[k]), NULL, &r);
        if ((r.signals & REPLY_SIG_CRISIS) || !(r.reasons & REPLY_R_ACCIDENT))
            fail_msg("\"%s\": signals %#x reasons %#x, want an accident", said[k], r.signals,
                     (unsigned)r.reasons);
        char why[256];
        assert_non_null(strstr(reply_reasons_text(r.reasons, why, sizeof why), "accident"));
    }
}

/* A risk word read in an everyday sense carries the reason "everyday";
 * the model, which at 3a49411 read a crisis in the knife, the bridge's
 * traffic, fishing, the bridge club and "tirar a la cama", is not asked
 * about a reply of fifteen words or fewer, and is asked about a longer one
 * (a crisis may follow the day's news). */
static void test_everyday_reason(void **state)
{
    (void)state;
    static const char *const said[] = {
        "bought a real knife for cooking finally, traffic on the bridge was backed up",
        "traffic on the bridge was backed up forever this morning, wreck in the left lane",
        "fishing on the bridge", "i'm going to the bridge club tonight", "me voy a tirar a la cama",
        "car battery was dead this morning so i was late",
        /* a listed idiom that cancels a phrase, and a thing that "killed"
         * (at f5741eb the model read the first as a crisis) */
        "compr\xc3\xa9 una soga nueva pa tender la ropa", "me mat\xc3\xb3 el examen de hoy"};
    char why[256];
    for (size_t k = 0; k < sizeof said / sizeof said[0]; k++) {
        struct reply_result r;
        reply_parse(said[k], strlen(said[k]), NULL, &r);
        if ((r.signals & (REPLY_SIG_CRISIS | REPLY_SIG_AMBIGUOUS | REPLY_SIG_RELAPSE)) ||
            !(r.reasons & REPLY_R_EVERYDAY) || (r.reasons & REPLY_R_MODEL))
            fail_msg("\"%s\": signals %#x reasons %#x, want everyday", said[k], r.signals,
                     (unsigned)r.reasons);
        assert_non_null(strstr(reply_reasons_text(r.reasons, why, sizeof why), "everyday"));
        assert_false(reply_model_asked(said[k], strlen(said[k]), &r, 0));
    }
    const char *longer = "traffic on the bridge was backed up forever this morning, wreck in the left "
                         "lane, got to work late, spilled coffee on my shirt and the printer jammed all day";
    struct reply_result r;
    reply_parse(longer, strlen(longer), NULL, &r);
    assert_true(r.reasons & REPLY_R_EVERYDAY);
    assert_true(reply_model_asked(longer, strlen(longer), &r, 0));
    /* standing on it, or a want, is no everyday sense */
    static const char *const risk[] = {"standing on the bridge in traffic",
                                       "traffic on the bridge, i want to jump"};
    for (size_t k = 0; k < sizeof risk / sizeof risk[0]; k++) {
        reply_parse(risk[k], strlen(risk[k]), NULL, &r);
        if (!(r.signals & REPLY_SIG_CRISIS) || (r.reasons & REPLY_R_EVERYDAY))
            fail_msg("\"%s\": signals %#x reasons %#x, want a crisis", risk[k], r.signals,
                     (unsigned)r.reasons);
    }
}

/* A routine dose told ("took 1 tylenol for my back earlier", which the
 * learned model had read as a crisis) carries the reason "dose", and the
 * model is not asked after it; an overdose beside it is still a crisis. */
static void test_dose_reason(void **state)
{
    (void)state;
    static const char *const said[] = {"took 1 tylenol for my back earlier",
                                       "me tome una pastilla para el dolor de cabeza",
                                       "took my advil like prescribed",
                                       "took 2 advil for my headache, feeling a 6"};
    char why[256];
    for (size_t k = 0; k < sizeof said / sizeof said[0]; k++) {
        struct reply_result r;
        reply_parse(said[k], strlen(said[k]), NULL, &r);
        if ((r.signals & REPLY_SIG_CRISIS) || !(r.reasons & REPLY_R_DOSE) || (r.reasons & REPLY_R_MODEL))
            fail_msg("\"%s\": signals %#x reasons %#x, want a dose", said[k], r.signals,
                     (unsigned)r.reasons);
        assert_non_null(strstr(reply_reasons_text(r.reasons, why, sizeof why), "dose"));
    }
    static const char *const overdose[] = {"took 8 tylenol for my back",
                                           "took 1 tylenol for my back and im taking the rest tonight"};
    for (size_t k = 0; k < sizeof overdose / sizeof overdose[0]; k++) {
        struct reply_result r;
        reply_parse(overdose[k], strlen(overdose[k]), NULL, &r);
        if (!(r.signals & REPLY_SIG_CRISIS) || (r.reasons & REPLY_R_DOSE))
            fail_msg("\"%s\": signals %#x reasons %#x, want a crisis", overdose[k], r.signals,
                     (unsigned)r.reasons);
    }
}

/* A question about a substance asked of the program ("whats fent", "que
 * es el cristal") is a topic for the digest, not a relapse (the learned
 * model had read such questions as one); a use said after the name is
 * not a question. */
static void test_substance_question(void **state)
{
    (void)state;
    static const char *const asked[] = {"whats fent", "what is molly", "what does molly do",
                                        "que es el cristal", "what is molly like lol"};
    for (size_t k = 0; k < sizeof asked / sizeof asked[0]; k++) {
        struct reply_result r;
        reply_parse(asked[k], strlen(asked[k]), NULL, &r);
        if ((r.signals & REPLY_SIG_RELAPSE) || !(r.signals & REPLY_SIG_CONTEXT) || !(r.reasons & REPLY_R_TOPIC))
            fail_msg("\"%s\": signals %#x reasons %#x, want a topic", asked[k], r.signals,
                     (unsigned)r.reasons);
    }
    struct reply_result r;
    const char *used = "what is molly doing to me, i took 2 last night";
    reply_parse(used, strlen(used), NULL, &r);
    assert_true(r.signals & REPLY_SIG_RELAPSE);
}

static void test_bare_numbers(void **state)
{
    (void)state;
    static const struct reply_opts scales[] = {{0, 0, NULL}, {1, 10, NULL}, {0, 4, NULL},
                                               {0, 100, NULL}, {1, 5, NULL}};
    char a[8], b[8];
    for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
        for (int n = 0; n < 1000; n++) {
            for (int width = 1; width <= 3; width++) {
                int la = snprintf(a, sizeof a, "%0*d", width, n);
                if (la > 3)
                    continue;
                int lb = snprintf(b, sizeof b, "%s ", a);
                struct reply_result ra, rb;
                reply_parse(a, (size_t)la, &scales[s], &ra);
                reply_parse(b, (size_t)lb, &scales[s], &rb);
                if (ra.intent != rb.intent || ra.has_score != rb.has_score ||
                    (ra.has_score && ra.score != rb.score) || ra.signals != rb.signals ||
                    ra.ack_id != rb.ack_id)
                    fail_msg("\"%s\" on scale %zu: short path and scan disagree", a, s);
            }
        }
    }
    struct reply_result r;
    reply_parse("911", 3, NULL, &r);
    assert_true(r.signals & REPLY_SIG_CRISIS);
    assert_false(r.signals & REPLY_SIG_OUT_OF_RANGE);
    assert_false(r.has_score);
    reply_parse("11", 2, NULL, &r);
    assert_int_equal(r.signals, REPLY_SIG_OUT_OF_RANGE);
    assert_int_equal(r.intent, REPLY_OTHER);
    reply_parse("07", 2, NULL, &r);
    assert_int_equal(r.intent, REPLY_MOOD);
    assert_true(r.has_score && r.score == 7);
}

/* The index num_at reads number words through holds every one of them,
 * under its first letter (a number word missing there would never be read
 * as a score). */
static void test_numword_index(void **state)
{
    (void)state;
    struct reply_result r;
    reply_parse("7", 1, NULL, &r); /* builds the index */
    reply_parse("seven", 5, NULL, &r);
    for (size_t k = 0; k < rp_numwords_n; k++) {
        const uint16_t *idx;
        size_t n = rp_numwords_starting(rp_numwords[k].w[0], &idx), q = 0;
        while (q < n && idx[q] != k)
            q++;
        if (q == n)
            print_error("number word \"%s\" is not in the index\n", rp_numwords[k].w);
        assert_true(q < n);
    }
}

static void test_json(void **state)
{
    (void)state;
    struct reply_result r;
    char buf[256];
    reply_parse("7", 1, NULL, &r);
    int len = reply_to_json(&r, buf, sizeof buf);
    assert_int_equal(len, (int)strlen(buf));
    assert_string_equal(buf, "{\"intent\":\"mood\",\"score\":7,\"signals\":[],\"ack_id\":null}");

    reply_parse("6.5, not suicidal", 17, NULL, &r);
    reply_to_json(&r, buf, sizeof buf);
    assert_string_equal(
        buf, "{\"intent\":\"mood\",\"score\":6.5,\"signals\":[\"crisis\",\"negated\"],\"ack_id\":null}");

    reply_parse("ack 17", 6, NULL, &r);
    reply_to_json(&r, buf, sizeof buf);
    assert_string_equal(buf, "{\"intent\":\"ack\",\"score\":null,\"signals\":[],\"ack_id\":17}");

    reply_parse("11", 2, NULL, &r);
    reply_to_json(&r, buf, sizeof buf);
    assert_string_equal(
        buf, "{\"intent\":\"other\",\"score\":null,\"signals\":[\"out_of_range\"],\"ack_id\":null}");

    struct reply_result all = {REPLY_STOP, false, 0,
                               REPLY_SIG_CRISIS | REPLY_SIG_RELAPSE | REPLY_SIG_NEGATED |
                                   REPLY_SIG_OUT_OF_RANGE,
                               0, 0, false};
    int n = reply_to_json(&all, buf, sizeof buf);
    const char *want = "{\"intent\":\"stop\",\"score\":null,\"signals\":[\"crisis\",\"relapse\","
                       "\"negated\",\"out_of_range\"],\"ack_id\":null}";
    assert_string_equal(buf, want);
    assert_int_equal(n, (int)strlen(want));
    /* the signals that send a reply to a person (issue 16) */
    struct reply_result paged = {REPLY_OTHER, false, 0,
                                 REPLY_SIG_CONTACT | REPLY_SIG_EVENT | REPLY_SIG_AMBIGUOUS |
                                     REPLY_SIG_CONTEXT,
                                 0, REPLY_R_CONTACT | REPLY_R_PAST, false};
    reply_to_json(&paged, buf, sizeof buf);
    assert_string_equal(buf, "{\"intent\":\"other\",\"score\":null,\"signals\":[\"contact\","
                             "\"event\",\"ambiguous\",\"context\"],\"ack_id\":null}");
    char why[64];
    assert_string_equal(reply_reasons_text(paged.reasons, why, sizeof why), "contact,past");
    assert_string_equal(reply_reasons_text(paged.reasons, why, 9), "contact");
    assert_string_equal(reply_reason_name(REPLY_R_DENIAL), "denial");
    assert_string_equal(reply_reason_name((enum reply_reason)3), "?");
    assert_false(reply_is_unclear(&paged));
    struct reply_result none = {REPLY_OTHER, false, 0, 0, 0, 0, false};
    assert_true(reply_is_unclear(&none));

    /* too small: -1 and an empty string; exactly big enough: fits */
    reply_parse("7", 1, NULL, &r);
    size_t need = strlen("{\"intent\":\"mood\",\"score\":7,\"signals\":[],\"ack_id\":null}") + 1;
    memset(buf, 'x', sizeof buf);
    assert_int_equal(reply_to_json(&r, buf, need - 1), -1);
    assert_string_equal(buf, "");
    assert_int_equal(reply_to_json(&r, buf, need), (int)need - 1);
    assert_int_equal(reply_to_json(&r, buf, 0), -1);
    assert_int_equal(reply_to_json(&r, NULL, 10), -1);
    assert_int_equal(reply_to_json(NULL, buf, sizeof buf), -1);
}

static void test_intent_names(void **state)
{
    (void)state;
    assert_string_equal(reply_intent_name(REPLY_MOOD), "mood");
    assert_string_equal(reply_intent_name(REPLY_STOP), "stop");
    assert_string_equal(reply_intent_name(REPLY_START), "start");
    assert_string_equal(reply_intent_name(REPLY_HELP), "help");
    assert_string_equal(reply_intent_name(REPLY_ACK), "ack");
    assert_string_equal(reply_intent_name(REPLY_OTHER), "other");
    assert_string_equal(reply_intent_name((enum reply_intent)99), "other");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table), cmocka_unit_test(test_optout_phrasings),
        cmocka_unit_test(test_self_harm_beside_everyday_words),        cmocka_unit_test(test_ack_id),
        cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_mood_word_floor), cmocka_unit_test(test_long_inputs),  cmocka_unit_test(test_scale),
        cmocka_unit_test(test_json),         cmocka_unit_test(test_intent_names),
        cmocka_unit_test(test_bare_numbers),
        cmocka_unit_test(test_numword_index),
        cmocka_unit_test(test_phrase_second_word),
        cmocka_unit_test(test_accident_reason),
        cmocka_unit_test(test_dose_reason),
        cmocka_unit_test(test_everyday_reason),
        cmocka_unit_test(test_substance_question),
        cmocka_unit_test(test_mood_calibration),
        cmocka_unit_test(test_scores_textspeak_mixed_and_quantities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
