/* SPDX-License-Identifier: Apache-2.0 */
/* flow.h: the pure model of a check-in flow (issue 19): a short sequence of
 * questions sent one per text, with skip logic and alert rules. No I/O, no
 * clock, no allocation: the definition is plain data whose strings are
 * borrowed (the config loader or instrument.c owns them), and the state of
 * one administration is the answers so far. The daemon asks
 * flow_next() what to send, flow_parse_answer() what a reply said, and
 * flow_alert() whether an answer alerts the specialist.
 *
 * The order of a flow: questions are asked in their listed order; a
 * question whose ask_if does not hold is skipped; after a question (asked
 * or skipped), its jump (jump_to, when jump_if holds or has no terms) goes
 * to another question or to "end" instead of the next one. Jumps make
 * cycles and unreachable questions possible; flow_validate() refuses them. */
#ifndef GW_FLOW_H
#define GW_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/reply.h"
#include "model/severity.h"

#define FLOW_MAX_QUESTIONS 32
#define FLOW_ID_MAX        32 /* bytes of an id, with the NUL */
#define FLOW_MAX_CHOICES   8
#define FLOW_COND_TERMS    4  /* questions summed by one condition */
#define FLOW_MAX_ALERTS    4
/* Texts per question, indexed like enum lang (config.h): 0 en, 1 es. */
#define FLOW_LANGS 2
#define FLOW_END_ID "end" /* jump_to this ends the flow */

enum flow_type {
    FLOW_SCALE = 0, /* a whole number min..max ("1-10") */
    FLOW_YESNO,     /* yes = 1, no = 0 */
    FLOW_NUMBER,    /* a number min..max ("hours slept") */
    FLOW_CHOICE,    /* one of choices[], its value its position 1..nchoices */
    FLOW_TEXT,      /* free text: no value, no condition or alert on it */
};

enum flow_op { FLOW_OP_EQ = 0, FLOW_OP_NE, FLOW_OP_LT, FLOW_OP_LE, FLOW_OP_GT, FLOW_OP_GE };

/* The sum of the answers to terms[0..nterms) compared with value. A
 * condition with no terms is "always". It holds only when every term was
 * answered with a value: a skipped or unanswered question makes it false. */
struct flow_cond {
    int nterms;
    const char *terms[FLOW_COND_TERMS]; /* question ids */
    enum flow_op op;
    double value;
};

/* The question's own answer compared with value raises sev ("cravings >= 8
 * is high"). */
struct flow_alert {
    enum flow_op op;
    double value;
    enum severity sev;
};

struct flow_question {
    const char *id;               /* [a-z0-9_], unique in the flow, not "end" */
    const char *text[FLOW_LANGS]; /* the SMS; en required, es may be NULL */
    enum flow_type type;
    int min, max;                 /* FLOW_SCALE, FLOW_NUMBER: min < max */
    const char *choices[FLOW_MAX_CHOICES];
    int nchoices;                 /* FLOW_CHOICE: 2..FLOW_MAX_CHOICES */
    struct flow_cond ask_if;      /* no terms: always asked */
    const char *jump_to;          /* NULL: none; a question id or "end" */
    struct flow_cond jump_if;     /* no terms: the jump is unconditional */
    struct flow_alert alerts[FLOW_MAX_ALERTS];
    int nalerts;
};

struct flow {
    const char *name;
    const struct flow_question *q; /* borrowed, n of them */
    int n;
};

/* The answers of one administration, by question index. */
enum flow_astate {
    FLOW_A_NONE = 0,   /* not asked (yet), or skipped */
    FLOW_A_VALUE,      /* answered with value[i] */
    FLOW_A_TEXT,       /* answered with free text (the caller keeps the text) */
    FLOW_A_UNANSWERED, /* asked, no usable answer (the re-ask failed too, or
                          the window closed): the flow moves on */
};
struct flow_answers {
    enum flow_astate state[FLOW_MAX_QUESTIONS];
    double value[FLOW_MAX_QUESTIONS];
};

/* Checks f: 1..FLOW_MAX_QUESTIONS questions; ids well formed and unique;
 * an English text; a range with min < max; 2..FLOW_MAX_CHOICES distinct,
 * non-empty choices; conditions naming known, non-text questions that are
 * asked before (an ask_if names questions that lead to this one; a jump_if
 * may also name its own question); jumps to a known question or "end"; no
 * cycle; every question reachable from the first; alert rules on a
 * question with a value, within its range. Returns 0, or -1 with a
 * message naming the question in err ("question 'q2': ..."; the config
 * loader adds file:line). */
int flow_validate(const struct flow *f, char *err, size_t errsz);

/* The index of question id in f, or -1. */
int flow_find(const struct flow *f, const char *id);

#define FLOW_DONE    (-1) /* no question left: the flow is over */
#define FLOW_INVALID (-2) /* f is not a valid flow (a cycle): never for a validated one */

/* The index of the next question to send given the answers so far (the
 * first one at the start), or FLOW_DONE. Pure: the same answers always
 * give the same step, so the daemon keeps only the answers. */
int flow_next(const struct flow *f, const struct flow_answers *a);

/* How far the answers a went: *asked is how many questions f asks given
 * them, a question not reached counted as left unanswered (the flow as it
 * would have gone on), *answered how many of those were answered. */
void flow_reach(const struct flow *f, const struct flow_answers *a, int *asked, int *answered);

/* Whether condition c of a question of f holds given the answers so far. */
bool flow_cond_holds(const struct flow *f, const struct flow_cond *c,
                     const struct flow_answers *a);

/* The text of q in language lang (0 en, 1 es), English when it has none. */
const char *flow_text(const struct flow_question *q, int lang);

enum flow_parse_status {
    FLOW_P_OK = 0,    /* an answer: value (not for free text) */
    FLOW_P_OFF_SCALE, /* a number outside min..max: ask once more */
    FLOW_P_UNCLEAR,   /* no answer understood: ask once more */
    FLOW_P_STOP,      /* STOP: the flow ends (the caller opts the client out) */
};

struct flow_parsed {
    enum flow_parse_status status;
    double value;             /* for FLOW_P_OK on a question with a value */
    struct reply_result reply; /* the reply parser's reading: the caller
                                  escalates crisis language as for any reply */
};

/* Reads a reply of len bytes (UTF-8, not necessarily NUL-terminated) to
 * question q. Numbers and STOP come from reply_parse (its scale set to the
 * question's range), yes from consent_is_yes, no from screen_is_clear_no
 * (so a "no" with crisis words is not a plain no), a choice by its
 * position or its words. vocab is borrowed and may be NULL. */
void flow_parse_answer(const struct flow_question *q, const char *text, size_t len,
                       const struct reply_vocab *vocab, struct flow_parsed *out);

/* The highest severity q's alert rules give to answer value (SEV_NONE for
 * none), with a reason ("cravings 9 >= 8") in reason. */
enum severity flow_alert(const struct flow_question *q, double value, char *reason,
                         size_t reasonsz);

/* "==", "!=", "<", "<=", ">", ">="; flow_op_parse returns -1 for anything else. */
const char *flow_op_name(enum flow_op op);
int flow_op_parse(const char *s, enum flow_op *out);
/* "scale", "yesno", "number", "choice", "text"; parse returns -1 otherwise. */
const char *flow_type_name(enum flow_type t);
int flow_type_parse(const char *s, enum flow_type *out);

#endif
