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
        {"no tan bien", MOOD, 4, 0},           {"not too shabby", MOOD, 6, 0},
        {"great", MOOD, 9, 0},                 {"pretty great", MOOD, 8, 0},
        {"pretty good", MOOD, 7, 0},           {"good but tired", MOOD, 6, 0},
        {"great but exhausted", MOOD, 8, 0},   {"bien pero cansada", MOOD, 6, 0},
        {"tired but good", MOOD, 7, 0},        {"bad morning, better now", MOOD, 6, 0},
        {"not great, not terrible", MOOD, 5, 0}, {"ni tan bien ni tan mal", MOOD, 5, 0},
        {"tired", MOOD, 4, 0},                 {"cansada", MOOD, 4, 0},
        {"down today", MOOD, 3, 0},            {"i need to calm down", OTHER, NOSCORE, 0},
        {"fantasic", MOOD, 9, 0},              {"terrbile", MOOD, 2, 0},
        {"incredibly tired", OTHER, NOSCORE, 0}, {"the check ins help, keep them coming", OTHER, NOSCORE, 0},
        {"good night", OTHER, NOSCORE, 0},     {"terrible night", MOOD, 2, 0},
        {"mal dia", MOOD, 3, 0},               {"pesimo dia", MOOD, 1, 0},
        {"hard day", MOOD, 4, 0},              {"could be way worse", MOOD, 5, 0},
        {"sev", MOOD, 7, 0},                   {"my kid is 7 today", OTHER, NOSCORE, 0},
        {"my son is 8 and im a 6", MOOD, 6, 0},
        {"tired, i want to die", OTHER, NOSCORE, C},
    };
    size_t bad = 0;
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        bad += !check(c[i].text, strlen(c[i].text), &c[i]);
    assert_int_equal(bad, 0);
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
        {"its been a rough one", 4},   {"one", 1},
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
        {"better than ever", 9},       {"better", 6},
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
    };
    static const char *const not_optouts[] = {
        "i don't want these feelings anymore", "take me off the meds?", "it has to end. end",
        "make it stop", "the voices won't stop", "i need to stop drinking", "i quit my job",
        "my plans got cancelled", "i wish the pain would stop", "no more drinking for me",
        "i was dropped off the list at the shelter", "no quiero seguir as\xc3\xad",
        "stop it", "please don't stop texting me", "I can't stop crying",
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

/* A reply and the signals the rules alone (the model off) must raise for
 * it and must not. */
struct twin {
    const char *text;
    unsigned want, never;
};

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
}

/* reply_parse reads a bare 1-3 digit reply on a short path; it must say
 * exactly what the full scan says (a trailing space takes the full path). */
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
        cmocka_unit_test(test_events_and_relapse_beside_everyday_words),
        cmocka_unit_test(test_farewells_and_slang_beside_everyday_words),
        cmocka_unit_test(test_relapse_beside_everyday_words),
        cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_long_inputs),  cmocka_unit_test(test_scale),
        cmocka_unit_test(test_json),         cmocka_unit_test(test_intent_names),
        cmocka_unit_test(test_bare_numbers),
        cmocka_unit_test(test_means_at_hand_and_despair_forms),
        cmocka_unit_test(test_somebody_else_named_or_described),
        cmocka_unit_test(test_optout_in_plain_words),
        cmocka_unit_test(test_acknowledgement_and_low_hopeless),
        cmocka_unit_test(test_life_events_more_forms),
        cmocka_unit_test(test_mood_calibration),
        cmocka_unit_test(test_scores_textspeak_mixed_and_quantities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
