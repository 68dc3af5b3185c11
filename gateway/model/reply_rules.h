/* SPDX-License-Identifier: Apache-2.0 */
/* reply_rules.h: internal to the concept rules of the reply parser
 * (reply_concepts*.c): the concept tags a word gets (reply_lexicon.h holds
 * the words), the tagged line of one chunk, the small readers every rule
 * uses (static inline: the rules call them for every token), and the rules
 * of each family:
 *   reply_concepts.c           the lexicon index, tagging, applying the rules
 *   reply_concepts_context.c   somebody else, the past, a topic, sobriety news
 *   reply_concepts_crisis.c    dying, self-harm, means, overdose, and more
 *   reply_concepts_farewell.c  farewells, final acts, time out, burden, no wake
 *   reply_concepts_relapse.c   use, states, dealers, day one
 *   reply_concepts_effect.c    a state told by its effects
 *   reply_concepts_high.c      requests for contact, life events, despair */
#ifndef GW_REPLY_RULES_H
#define GW_REPLY_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/reply_concepts.h"
#include "model/reply_rules_keys.h"

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

/* The parser's line of a chunk, with each token's tags. */
#define CTOK_MAX 2100
struct ctx {
    const struct rview *v;
    uint64_t tags[CTOK_MAX];
    uint32_t trig[CTOK_MAX]; /* the rules that start at this word (TRIG_*, reply_triggers.h) */
    bool named[CTOK_MAX]; /* some rule names this word (or it is no word) */
    char first[CTOK_MAX]; /* its first byte: most is() tests end on it */
    uint64_t key[CTOK_MAX]; /* its key (rp_key): in_set() compares these */
    size_t n;
};

/* Token i is the word w, which must be a word the rules' source names
 * (scripts/gen-reply-triggers.py lists them all): a token none of them
 * is says no at once. Then first letters first, and no strlen (the rules
 * ask this for every token, hundreds of times). */
static inline bool is(const struct ctx *c, size_t i, const char *w)
{
    if (i >= c->n || c->first[i] != w[0] || !c->named[i])
        return false;
    const char *t = c->v->w + c->v->toff[i];
    size_t n = c->v->tlen[i], k = 0;
    for (; w[k] != '\0'; k++)
        if (k >= n || t[k] != w[k])
            return false;
    return k == n;
}

static inline double numval(const struct ctx *c, size_t i)
{
    const char *t = c->v->w + c->v->toff[i];
    double x = 0;
    for (size_t k = 0; k < c->v->tlen[i] && t[k] >= '0' && t[k] <= '9'; k++)
        x = x * 10 + (t[k] - '0');
    return x;
}

/* The window around token i: back to `back` tokens before it and `fwd`
 * after, stopping at the second clause break either way (a thought often
 * runs over one: "the pills are here. counted them"). */
struct span {
    size_t lo, hi; /* [lo, hi) */
};

static inline struct span window(const struct ctx *c, size_t i, size_t back, size_t fwd, int breaks)
{
    struct span s = {i, i + 1};
    int b = 0;
    while (s.lo > 0 && i - s.lo < back) {
        if (c->tags[s.lo - 1] & T_BREAK && ++b > breaks)
            break;
        s.lo--;
    }
    b = 0;
    while (s.hi < c->n && s.hi - i <= fwd) {
        if (c->tags[s.hi] & T_BREAK && ++b > breaks)
            break;
        s.hi++;
    }
    return s;
}

static inline bool any_in(const struct ctx *c, struct span s, uint64_t mask, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & mask))
            return true;
    return false;
}

static inline bool has(const struct ctx *c, size_t i, uint64_t mask)
{
    return i < c->n && (c->tags[i] & mask);
}

/* A negator within three words before token i, in its clause. */
static inline bool negated(const struct ctx *c, size_t i)
{
    size_t fresh_i = 0; /* how far back an English "I" stands, 0: none */
    for (size_t k = 1; k <= 4 && k <= i; k++) {
        uint64_t t = c->tags[i - k];
        if (t & (T_BREAK | T_CONTRAST))
            return false;
        /* "makes no sense im pretty baked": an English "I" after a "no"
         * and its noun starts a clause of its own, beyond that "no"; not
         * "no way im drinking", "no chance im using" (they deny the clause) */
        if (fresh_i == 0 && (t & T_SELFSUBJ) && k < i &&
            (is(c, i - k, "i") || is(c, i - k, "im") || is(c, i - k, "ive") || is(c, i - k, "id")))
            fresh_i = k;
        /* "can't stop nodding", "no puedo dejar de tomar", "no paro de
         * tomar": not a denial */
        if ((t & T_NEG) && !(k > 1 && (is(c, i - k + 1, "stop") || is(c, i - k + 1, "quit") ||
                                        is(c, i - k + 1, "help") || is(c, i - k + 1, "dejar") ||
                                        is(c, i - k + 1, "paro") || is(c, i - k + 1, "para") ||
                                        ((is(c, i - k + 1, "puedo") || is(c, i - k + 1, "pude")) &&
                                         k > 2 && (is(c, i - k + 2, "dejar") || is(c, i - k + 2, "parar"))))))
            /* "im not ok im super high": a mood denied, then a clause of
             * its own; "hungover? no still drunk": a "no" answered, then
             * what still is */
            return !((fresh_i != 0 && fresh_i < k - 1 &&
                      (is(c, i - k, "no") || is(c, i - k + 1, "ok") || is(c, i - k + 1, "okay") ||
                       is(c, i - k + 1, "good") || is(c, i - k + 1, "fine") || is(c, i - k + 1, "great") ||
                       is(c, i - k + 1, "well")) &&
                      !is(c, i - k + 1, "way") && !is(c, i - k + 1, "chance") && !is(c, i - k + 1, "how")) ||
                     (is(c, i - k, "no") && (is(c, i - k + 1, "still") || is(c, i - k + 1, "sigo") ||
                                             is(c, i - k + 1, "todavia"))));
    }
    return false;
}

/* Token i is one of the words of set (n of them). SET(...) also carries
 * its words' keys (reply_rules_keys.h), and in_set() and any_str() take
 * either form: SET(...), or an array and its count (they are macros that
 * count their arguments: a span written as a compound literal must be a
 * variable first, or the call does not compile). SET's arrays are static
 * (a GNU statement expression, which GCC and Clang both take): built on
 * the stack at every call, they cost more than the comparisons. */
#define SET(...)                                                                             \
    (__extension__({                                                                         \
        static const uint64_t rp_keys_[] = {RP_KEYS(__VA_ARGS__)};                           \
        rp_keys_;                                                                            \
    })),                                                                                     \
        (__extension__({                                                                     \
            static const char *const rp_words_[] = {__VA_ARGS__};                            \
            rp_words_;                                                                       \
        })),                                                                                 \
        (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
/* A word array of a file's own, as in_set and any_str take it (the
 * words compared one by one, no keys) */
#define LIST(a) (a), (sizeof(a) / sizeof((a)[0]))
#define RP_PICK5(_1, _2, _3, _4, _5, name, ...) name
#define in_set(...) RP_PICK5(__VA_ARGS__, in_set_keyed, in_set_words, )(__VA_ARGS__)
#define RP_PICK6(_1, _2, _3, _4, _5, _6, name, ...) name
#define any_str(...) RP_PICK6(__VA_ARGS__, any_str_keyed, any_str_words, )(__VA_ARGS__)

static inline bool in_set_words(const struct ctx *c, size_t i, const char *const *set, size_t n)
{
    if (i >= c->n || !c->named[i])
        return false;
    /* is() for each word, its first tests done once */
    const char *t = c->v->w + c->v->toff[i];
    size_t tn = c->v->tlen[i];
    for (size_t k = 0; k < n; k++) {
        const char *w = set[k];
        if (w[0] != t[0])
            continue;
        size_t m = 1;
        while (m < tn && w[m] == t[m])
            m++;
        if (m == tn && w[m] == '\0')
            return true;
    }
    return false;
}

/* The same with the words' keys: one comparison a word, which says yes
 * only for the word itself (up to seven bytes) or one with its length
 * and first seven bytes, whose rest is then compared. */
static inline bool in_set_keyed(const struct ctx *c, size_t i, const uint64_t *keys,
                                const char *const *set, size_t n)
{
    if (i >= c->n || !c->named[i])
        return false;
    uint64_t key = c->key[i];
    for (size_t k = 0; k < n; k++)
        if (keys[k] == key) {
            /* the word's length from its own key, which the compiler
             * knows for a literal: no tail is read of a short one */
            size_t wn = (size_t)(keys[k] >> 56);
            if (wn <= 7)
                return true;
            if (c->v->tlen[i] == wn &&
                memcmp(c->v->w + c->v->toff[i] + 7, set[k] + 7, wn - 7) == 0)
                return true;
        }
    return false;
}

/* A word of set within span s, other than token skip. The set's first
 * letters are gathered once, so most tokens of a wide span are passed over
 * on their first letter without a walk through the set. */
static inline bool any_str_words(const struct ctx *c, struct span s, size_t skip,
                                 const char *const *set, size_t n)
{
    uint32_t firsts = 0;
    for (size_t k = 0; k < n; k++)
        firsts |= (uint32_t)1 << ((unsigned char)set[k][0] & 31);
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && c->named[j] && (firsts >> ((unsigned char)c->first[j] & 31) & 1) &&
            in_set_words(c, j, set, n))
            return true;
    return false;
}

static inline bool any_str_keyed(const struct ctx *c, struct span s, size_t skip,
                                 const uint64_t *keys, const char *const *set, size_t n)
{
    uint32_t firsts = 0;
    for (size_t k = 0; k < n; k++)
        firsts |= (uint32_t)1 << (keys[k] & 31);
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && c->named[j] && (firsts >> ((unsigned char)c->first[j] & 31) & 1) &&
            in_set_keyed(c, j, keys, set, n))
            return true;
    return false;
}

/* The self as the object of an act: "me", "myself", "mi mismo", not a
 * bare "my" ("cut my hair", "killing time before my appointment"). */
static inline bool selfobj_in(const struct ctx *c, struct span s, size_t skip)
{
    for (size_t j = s.lo; j < s.hi; j++)
        if (j != skip && (c->tags[j] & T_SELFOBJ) &&
            !(is(c, j, "my") || is(c, j, "mi") || is(c, j, "mis")))
            return true;
    return false;
}

/* The self with loose possessives: "in my hand" is the client's. */
static inline bool self_loose(const struct ctx *c, struct span s, size_t skip)
{
    return any_in(c, s, T_SELFSUBJ | T_SELFOBJ, skip);
}

/* ---- the rules, by family (each: does a finding start at token i?) ---- */

/* reply_concepts_context.c: whether a finding at token i (reason: the
 * rule's reason bit, or 0) is about somebody else, the past, a group's
 * topic or sobriety news; returns that reason bit, or 0. */
uint32_t context_of(const struct ctx *c, size_t i, bool relapse, uint32_t reason);
/* Whether a life event at token i lies years back ("my dad died 5 years
 * ago", "arrested back in 2015"): not paged at once. An anniversary is
 * today's event. */
bool event_long_ago(const struct ctx *c, size_t i);

/* reply_concepts_crisis.c. rule_means: 2 a means with intent, presence or
 * time, 1 a means alone (ask, unless it is somebody else's, the past or a
 * topic), 3 a means kept within the client's reach whoever owns it (ask),
 * MEANS_EVERYDAY the word read in an everyday sense ("traffic on the
 * bridge", "the bridge club": the learned model is not asked about a short
 * reply), 0 none. rule_crisis_more: a reason bit. */
#define MEANS_EVERYDAY 4
bool rule_self_death(const struct ctx *c, size_t i);
/* The dying word at i said of a thing named just before it ("car battery
 * was dead"). */
bool thing_said_dead(const struct ctx *c, size_t i);
/* The killing word at j said of a thing or somebody else ("this job is
 * killing me", "el calor me está matando"): an idiom. */
bool thing_kills(const struct ctx *c, size_t j);
bool kill_said_of_thing(const struct ctx *c, size_t j);
bool rule_self_harm(const struct ctx *c, size_t i);
int rule_means(const struct ctx *c, size_t i);
bool rule_overdose(const struct ctx *c, size_t i);
uint32_t rule_crisis_more(const struct ctx *c, size_t i);
/* more of rule_crisis_more, split so that each part starts only at its own
 * words (a long chain of tests at every word it names cost time) */
uint32_t rule_means_more(const struct ctx *c, size_t i);
uint32_t rule_farewell_more(const struct ctx *c, size_t i);
uint32_t rule_harm_more(const struct ctx *c, size_t i);
/* The harm verb at i was done by an animal or in a household accident
 * ("the dog scratched me", "cut my finger chopping onions"), and was not
 * meant or repeated: no self-harm (the reason REPLY_R_ACCIDENT, after
 * which the learned model is not asked, as for somebody else's words). */
bool harm_by_accident(const struct ctx *c, size_t i);
/* A routine dose of the medication at token i ("took 1 tylenol for my
 * back"): the reason REPLY_R_DOSE, after which the model is not asked */
bool routine_dose(const struct ctx *c, size_t i);
/* The being word at token i says how good or bad things could be, no
 * being here: "no podría estar mejor", "couldnt be better", "no puede
 * estar peor" (the burden and time-out readers pass over it) */
bool could_be_better(const struct ctx *c, size_t i);
/* A medication at token i fetched or made ready as an errand: "refill is
 * ready", "blood pressure pills", "fui por mis medicinas" */
bool med_errand(const struct ctx *c, size_t i);

/* reply_concepts_farewell.c. rule_burden: 1 found (a "not" before it is a
 * denial), 2 found in words that hold their own "not", 0 none. */
bool rule_farewell(const struct ctx *c, size_t i);
bool rule_time_out(const struct ctx *c, size_t i);
int rule_burden(const struct ctx *c, size_t i);
bool rule_no_wake(const struct ctx *c, size_t i);

/* reply_concepts_relapse.c: a reason bit, or 0. */
uint32_t rule_relapse(const struct ctx *c, size_t i);
uint32_t rule_relapse_more(const struct ctx *c, size_t i);
/* more of rule_relapse_more, each part started only at its own words */
uint32_t rule_relapse_more2(const struct ctx *c, size_t i);
uint32_t rule_relapse_state(const struct ctx *c, size_t i);
uint32_t rule_relapse_more3(const struct ctx *c, size_t i);
/* rule_relapse_more3 adds RELAPSE_SUBJECT_READ when it has read the act's
 * subject as the client's ("fight w my mom -> drank in the walmart lot"):
 * somebody else named nearby does not make it theirs (the past, sobriety
 * news and a denial still do) */
#define RELAPSE_SUBJECT_READ (1u << 31)
/* The relapse finding at i holds its own "not" ("pills that were not
 * prescribed to me", "que no eran mías"): no denial of it. */
bool relapse_not_own(const struct ctx *c, size_t i);
/* rule_dealer: REPLY_R_DEALER, with DEALER_OWN_ACT when the client's own
 * act toward a seller was read ("my roommate sells and i asked him for
 * some"): the seller is somebody else, the act is not */
#define DEALER_OWN_ACT (1u << 31)
/* ... and DEALER_WHEN_READ when it has also read when: the client's going
 * back now to where they used to buy ("went back to where i used to
 * score"), whose "used to" is the place's past, not the act's */
#define DEALER_WHEN_READ (1u << 30)
uint32_t rule_dealer(const struct ctx *c, size_t i);
/* whether a count starting again at token i is of something else ("day
 * one at the new job") */
bool everyday_start(const struct ctx *c, size_t i);
/* "my mom thought i relapsed, i didnt": another's belief, denied */
bool belief_denied(const struct ctx *c, size_t i);
/* The relapse word at i is of an everyday thing ("relapsed into my old
 * habit of biting my nails", "recai en el chocolate") */
bool relapse_of_thing(const struct ctx *c, size_t i);
/* A drinking word in the first words at i whose drink is named and none
 * ("was drinking coffee") */
bool drink_named_soft(const struct ctx *c, size_t i);
/* The length of the base of a Spanish superlative or diminutive word
 * t[0..n) ("borrach" of "borrachísimo", "pasad" of "pasaditos"): before
 * -ísimo/-ísima or -ito/-ita (plural too); 0 when it is neither */
size_t graded_base(const char *t, size_t n);
/* "the app i used this morning": the thing named before "i used" is what
 * was used */
bool use_of_a_thing_named_before(const struct ctx *c, size_t i);
/* A relapse finding at i that is of something else: a thing relapsed
 * into, a soft drink, a thing used (the three above) */
bool use_of_something_else(const struct ctx *c, size_t i);
bool prescribed_to_client(const struct ctx *c, size_t i);
bool use_as_prescribed(const struct ctx *c, size_t i);
/* Token j is part of a "no" denied ("didnt say no", "no dije que no"). */
bool no_not_said(const struct ctx *c, size_t j);
/* A listed relapse phrase at i whose state or use word is said of an
 * everyday cause ("got stoned by the heat", "me emborrache de sol") */
bool phrase_state_everyday(const struct ctx *c, size_t i);
/* Token j is a drug word used of no drug ("a shot at the interview") */
bool everyday_drug(const struct ctx *c, size_t j);

/* reply_concepts_effect.c: a state told by its effects. rule_numb_face:
 * "cant feel my face" said of no cold or dentist; rule_relapse_effect:
 * any other effect beside a sign of the substance (REPLY_R_STATE, or 0).
 * Both hold their own "not" ("cant", "no siento"): no denial. */
bool rule_numb_face(const struct ctx *c, size_t i);
uint32_t rule_relapse_effect(const struct ctx *c, size_t i);
/* The reply names an everyday cause of an effect (an illness, a doctor, a
 * prescription taken as told, travel, a night shift, a baby, caffeine;
 * no sleep when `sleep`); everyday_cause: with no sleep */
bool everyday_cause_of(const struct ctx *c, bool sleep);
bool everyday_cause(const struct ctx *c);
/* A sign of the substance anywhere in the reply but token i (a drink or a
 * drug: *drug; a use, a bar, "dont tell my sponsor") */
bool hinted(const struct ctx *c, size_t i, bool *drug);
/* The effect or cue at i is told of somebody else, quoted, of the past,
 * or (when `pets`) of a pet */
bool effect_not_now(const struct ctx *c, size_t i, bool pets);
/* How many effects the reply tells, up to two */
size_t effects_in(const struct ctx *c);

/* reply_concepts_cue.c: a state shown by cues ("what day is it", "i
 * love everybody tonight", "who told u"): two cues, or a cue beside an
 * effect, with no everyday cause, or a cue beside a sign of the
 * substance (REPLY_R_STATE, or 0). cues_in: how many, up to two. */
uint32_t rule_relapse_cue(const struct ctx *c, size_t i);
uint32_t rule_relapse_cue_body(const struct ctx *c, size_t i);
size_t cues_in(const struct ctx *c);
/* The everyday causes of a cue: those of an effect but no sleep, good
 * news, a baby, a night shift, a power cut, church, sobriety */
bool cue_everyday(const struct ctx *c);

/* reply_concepts_context.c: a question about a substance ("what is
 * tusi", "que es el cristal"): a topic, no use */
bool substance_question(const struct ctx *c, size_t i);

/* reply_concepts_withdrawal.c: a state of withdrawal ("dope sick", "la
 * malilla", two signs beside a supply run out, the shakes till a drink),
 * of no everyday cause (REPLY_R_STATE, or 0) */
uint32_t rule_relapse_withdrawal(const struct ctx *c, size_t i);

/* reply_concepts_high.c */
bool rule_contact(const struct ctx *c, size_t i);
bool rule_event(const struct ctx *c, size_t i);
bool rule_despair(const struct ctx *c, size_t i);

#endif
