/* SPDX-License-Identifier: Apache-2.0 */
/* flow.c: check-in flows, pure (see flow.h): the validator, the step
 * logic and the reading of one answer. */
#include "model/flow.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/consent.h"
#include "model/screen.h"

static const char *const op_names[] = {"==", "!=", "<", "<=", ">", ">="};
static const char *const type_names[] = {"scale", "yesno", "number", "choice", "text"};

const char *flow_op_name(enum flow_op op)
{
    return (unsigned)op < sizeof op_names / sizeof op_names[0] ? op_names[op] : "?";
}

/* The index of s in names[0..n), or -1. */
static int name_index(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; s != NULL && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    return -1;
}

int flow_op_parse(const char *s, enum flow_op *out)
{
    int i = name_index(op_names, sizeof op_names / sizeof op_names[0], s);
    if (i >= 0)
        *out = (enum flow_op)i;
    return i < 0 ? -1 : 0;
}

const char *flow_type_name(enum flow_type t)
{
    return (unsigned)t < sizeof type_names / sizeof type_names[0] ? type_names[t] : "?";
}

int flow_type_parse(const char *s, enum flow_type *out)
{
    int i = name_index(type_names, sizeof type_names / sizeof type_names[0], s);
    if (i >= 0)
        *out = (enum flow_type)i;
    return i < 0 ? -1 : 0;
}

static bool compare(double a, enum flow_op op, double b)
{
    switch (op) {
    case FLOW_OP_EQ: return a == b;
    case FLOW_OP_NE: return a != b;
    case FLOW_OP_LT: return a < b;
    case FLOW_OP_LE: return a <= b;
    case FLOW_OP_GT: return a > b;
    case FLOW_OP_GE: return a >= b;
    }
    return false;
}

int flow_find(const struct flow *f, const char *id)
{
    if (f == NULL || id == NULL)
        return -1;
    for (int i = 0; i < f->n && i < FLOW_MAX_QUESTIONS; i++)
        if (f->q[i].id != NULL && strcmp(f->q[i].id, id) == 0)
            return i;
    return -1;
}

bool flow_cond_holds(const struct flow *f, const struct flow_cond *c,
                     const struct flow_answers *a)
{
    double sum = 0;
    if (c->nterms <= 0)
        return true;
    for (int t = 0; t < c->nterms && t < FLOW_COND_TERMS; t++) {
        int i = flow_find(f, c->terms[t]);
        if (i < 0 || a->state[i] != FLOW_A_VALUE)
            return false; /* skipped or unanswered: the condition is not met */
        sum += a->value[i];
    }
    return compare(sum, c->op, c->value);
}

/* The question after i (f->n for the end), given the answers; -1 when the
 * jump names no question (an unvalidated flow). */
static int successor(const struct flow *f, int i, const struct flow_answers *a)
{
    const struct flow_question *q = &f->q[i];
    if (q->jump_to != NULL && flow_cond_holds(f, &q->jump_if, a)) {
        if (strcmp(q->jump_to, FLOW_END_ID) == 0)
            return f->n;
        return flow_find(f, q->jump_to);
    }
    return i + 1;
}

int flow_next(const struct flow *f, const struct flow_answers *a)
{
    if (f == NULL || a == NULL || f->n <= 0 || f->n > FLOW_MAX_QUESTIONS)
        return FLOW_INVALID;
    /* An acyclic flow visits each question at most once. */
    for (int i = 0, steps = 0; i < f->n; steps++) {
        if (i < 0 || steps >= f->n)
            return FLOW_INVALID;
        if (a->state[i] == FLOW_A_NONE && flow_cond_holds(f, &f->q[i].ask_if, a))
            return i;
        i = successor(f, i, a);
    }
    return FLOW_DONE;
}

void flow_reach(const struct flow *f, const struct flow_answers *a, int *asked, int *answered)
{
    struct flow_answers c = *a;
    int q;
    *asked = *answered = 0;
    /* Each step marks one more question: at most f->n steps. */
    for (int steps = 0; steps < f->n && (q = flow_next(f, &c)) >= 0; steps++)
        c.state[q] = FLOW_A_UNANSWERED;
    for (int i = 0; i < f->n; i++) {
        *asked += c.state[i] != FLOW_A_NONE;
        *answered += a->state[i] == FLOW_A_VALUE || a->state[i] == FLOW_A_TEXT;
    }
}

const char *flow_text(const struct flow_question *q, int lang)
{
    if (lang >= 0 && lang < FLOW_LANGS && q->text[lang] != NULL && q->text[lang][0] != '\0')
        return q->text[lang];
    return q->text[0];
}

/* ---- validation ---- */

static int fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err != NULL && errsz > 0)
        vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return -1;
}

static bool id_ok(const char *id)
{
    size_t n = id != NULL ? strlen(id) : 0;
    if (n == 0 || n >= FLOW_ID_MAX || strcmp(id, FLOW_END_ID) == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static bool has_value(enum flow_type t) { return t != FLOW_TEXT; }

/* The range of values question q's answer takes. */
static void value_range(const struct flow_question *q, double *lo, double *hi)
{
    switch (q->type) {
    case FLOW_YESNO: *lo = 0; *hi = 1; break;
    case FLOW_CHOICE: *lo = 1; *hi = q->nchoices; break;
    default: *lo = q->min; *hi = q->max; break;
    }
}

/* Checks what one question says about itself (not its links). */
static int check_question(const struct flow *f, int i, char *err, size_t errsz)
{
    const struct flow_question *q = &f->q[i];
    if (!id_ok(q->id))
        return fail(err, errsz, "question %d: id '%s' must be 1-%d of a-z, 0-9, _ and not '%s'",
                    i + 1, q->id != NULL ? q->id : "", FLOW_ID_MAX - 1, FLOW_END_ID);
    if (flow_find(f, q->id) != i)
        return fail(err, errsz, "question '%s': the id is used twice (questions %d and %d)",
                    q->id, flow_find(f, q->id) + 1, i + 1);
    if (q->text[0] == NULL || q->text[0][0] == '\0')
        return fail(err, errsz, "question '%s': no English text", q->id);
    if ((unsigned)q->type > FLOW_TEXT)
        return fail(err, errsz, "question '%s': unknown answer type", q->id);
    if ((q->type == FLOW_SCALE || q->type == FLOW_NUMBER) && q->min >= q->max)
        return fail(err, errsz, "question '%s': bad range %d-%d (the minimum must be below the maximum)",
                    q->id, q->min, q->max);
    if (q->type == FLOW_CHOICE) {
        if (q->nchoices < 2 || q->nchoices > FLOW_MAX_CHOICES)
            return fail(err, errsz, "question '%s': a choice needs 2 to %d options, not %d", q->id,
                        FLOW_MAX_CHOICES, q->nchoices);
        for (int c = 0; c < q->nchoices; c++) {
            if (q->choices[c] == NULL || q->choices[c][0] == '\0')
                return fail(err, errsz, "question '%s': choice %d is empty", q->id, c + 1);
            for (int d = 0; d < c; d++)
                if (strcasecmp(q->choices[c], q->choices[d]) == 0)
                    return fail(err, errsz, "question '%s': choice '%s' is listed twice", q->id,
                                q->choices[c]);
        }
    }
    if (q->nalerts < 0 || q->nalerts > FLOW_MAX_ALERTS)
        return fail(err, errsz, "question '%s': at most %d alert rules", q->id, FLOW_MAX_ALERTS);
    if (q->nalerts > 0 && !has_value(q->type))
        return fail(err, errsz, "question '%s': free text has no value for an alert rule", q->id);
    for (int r = 0; r < q->nalerts; r++) {
        const struct flow_alert *al = &q->alerts[r];
        double lo, hi;
        value_range(q, &lo, &hi);
        if ((unsigned)al->op > FLOW_OP_GE || al->sev <= SEV_NONE || al->sev > SEV_URGENT)
            return fail(err, errsz, "question '%s': alert rule %d needs an operator and a severity",
                        q->id, r + 1);
        if (al->value < lo || al->value > hi)
            return fail(err, errsz, "question '%s': alert rule %d compares with %g, outside %g-%g",
                        q->id, r + 1, al->value, lo, hi);
    }
    return 0;
}

/* Checks that every term of c names a known question with a value. */
static int check_terms(const struct flow *f, int i, const struct flow_cond *c, const char *what,
                       char *err, size_t errsz)
{
    const char *id = f->q[i].id;
    if (c->nterms < 0 || c->nterms > FLOW_COND_TERMS)
        return fail(err, errsz, "question '%s': %s sums 0 to %d questions", id, what,
                    FLOW_COND_TERMS);
    if (c->nterms > 0 && (unsigned)c->op > FLOW_OP_GE)
        return fail(err, errsz, "question '%s': %s has an unknown operator", id, what);
    for (int t = 0; t < c->nterms; t++) {
        int j = flow_find(f, c->terms[t]);
        if (j < 0)
            return fail(err, errsz, "question '%s': %s names unknown question '%s'", id, what,
                        c->terms[t] != NULL ? c->terms[t] : "");
        if (!has_value(f->q[j].type))
            return fail(err, errsz, "question '%s': %s names '%s', free text without a value", id,
                        what, f->q[j].id);
    }
    return 0;
}

/* The questions reachable in one step from i: up to two, -1 for none;
 * f->n stands for the end. */
static void edges(const struct flow *f, int i, int out[2])
{
    const struct flow_question *q = &f->q[i];
    out[0] = out[1] = -1;
    if (q->jump_to != NULL)
        out[0] = strcmp(q->jump_to, FLOW_END_ID) == 0 ? f->n : flow_find(f, q->jump_to);
    if (q->jump_to == NULL || q->jump_if.nterms > 0)
        out[1] = i + 1; /* falls through when the jump's condition fails */
}

/* Depth-first search for a cycle from i: colour 1 on the path, 2 done.
 * On a cycle, names the question whose jump closes it. */
static int find_cycle(const struct flow *f, int i, uint8_t *colour, char *err, size_t errsz)
{
    int next[2];
    colour[i] = 1;
    edges(f, i, next);
    for (int e = 0; e < 2; e++) {
        int j = next[e];
        if (j < 0 || j >= f->n)
            continue;
        if (colour[j] == 1)
            return fail(err, errsz, "question '%s': going on to '%s' makes a cycle", f->q[i].id,
                        f->q[j].id);
        if (colour[j] == 0 && find_cycle(f, j, colour, err, errsz) != 0)
            return -1;
    }
    colour[i] = 2;
    return 0;
}

/* reach[i]: the questions reachable from i in one or more steps (an
 * acyclic flow: each is computed from later-finished ones). */
static uint32_t reach_from(const struct flow *f, int i, uint32_t *reach, uint8_t *done)
{
    int next[2];
    if (done[i])
        return reach[i];
    edges(f, i, next);
    uint32_t r = 0;
    for (int e = 0; e < 2; e++)
        if (next[e] >= 0 && next[e] < f->n)
            r |= (UINT32_C(1) << next[e]) | reach_from(f, next[e], reach, done);
    reach[i] = r;
    done[i] = 1;
    return r;
}

/* Each term of c must be answered before question i is reached: a question
 * that leads to i (or i itself for a jump, decided after its answer). */
static int check_order(const struct flow *f, int i, const struct flow_cond *c, bool self_ok,
                       const char *what, const uint32_t *reach, char *err, size_t errsz)
{
    for (int t = 0; t < c->nterms; t++) {
        int j = flow_find(f, c->terms[t]);
        if (j == i ? !self_ok : !(reach[j] & (UINT32_C(1) << i)))
            return fail(err, errsz, "question '%s': %s names '%s', which is not asked before it",
                        f->q[i].id, what, f->q[j].id);
    }
    return 0;
}

int flow_validate(const struct flow *f, char *err, size_t errsz)
{
    uint8_t colour[FLOW_MAX_QUESTIONS] = {0}, done[FLOW_MAX_QUESTIONS] = {0};
    uint32_t reach[FLOW_MAX_QUESTIONS] = {0};
    if (f == NULL || f->q == NULL || f->n < 1 || f->n > FLOW_MAX_QUESTIONS)
        return fail(err, errsz, "a flow has 1 to %d questions", FLOW_MAX_QUESTIONS);
    for (int i = 0; i < f->n; i++)
        if (check_question(f, i, err, errsz) != 0)
            return -1;
    for (int i = 0; i < f->n; i++) {
        const struct flow_question *q = &f->q[i];
        if (check_terms(f, i, &q->ask_if, "ask_if", err, errsz) != 0 ||
            check_terms(f, i, &q->jump_if, "jump_if", err, errsz) != 0)
            return -1;
        if (q->jump_to == NULL && q->jump_if.nterms > 0)
            return fail(err, errsz, "question '%s': jump_if without jump_to", q->id);
        if (q->jump_to != NULL && strcmp(q->jump_to, FLOW_END_ID) != 0 &&
            flow_find(f, q->jump_to) < 0)
            return fail(err, errsz, "question '%s': jump_to names unknown question '%s'", q->id,
                        q->jump_to);
    }
    for (int i = 0; i < f->n; i++)
        if (colour[i] == 0 && find_cycle(f, i, colour, err, errsz) != 0)
            return -1;
    uint32_t from_first = reach_from(f, 0, reach, done) | 1u;
    for (int i = 0; i < f->n; i++) {
        if (!(from_first & (UINT32_C(1) << i)))
            return fail(err, errsz, "question '%s' is unreachable: every way past it jumps over it",
                        f->q[i].id);
    }
    for (int i = 0; i < f->n; i++) {
        const struct flow_question *q = &f->q[i];
        if (check_order(f, i, &q->ask_if, false, "ask_if", reach, err, errsz) != 0 ||
            check_order(f, i, &q->jump_if, true, "jump_if", reach, err, errsz) != 0)
            return -1;
    }
    return 0;
}

/* ---- answers ---- */

/* text without surrounding spaces and trailing punctuation: [*b, *e). */
static void trim(const char *text, size_t len, size_t *b, size_t *e)
{
    *b = 0;
    *e = len;
    while (*b < *e && strchr(" \t\r\n", text[*b]) != NULL)
        (*b)++;
    while (*e > *b && strchr(" \t\r\n.!?,;", text[*e - 1]) != NULL)
        (*e)--;
}

/* The position (1..n) of the choice text names, or 0. */
static int match_choice(const struct flow_question *q, const char *text, size_t len)
{
    size_t b, e;
    trim(text, len, &b, &e);
    for (int c = 0; c < q->nchoices && c < FLOW_MAX_CHOICES; c++) {
        size_t n = strlen(q->choices[c]);
        if (n == e - b && strncasecmp(text + b, q->choices[c], n) == 0)
            return c + 1;
    }
    return 0;
}

/* A number answer from the reply parser's reading, into out. Mood words
 * ("pretty good") answer only a 1-10 scale, the one their calibration is
 * written for: on any other ("cravings 0-10") the words mean nothing the
 * question asked, and the question is asked once more. */
static void number_answer(const struct flow_question *q, const struct reply_result *r, bool whole,
                          struct flow_parsed *out)
{
    if (r->score_from_words && !(q->type == FLOW_SCALE && q->min == 1 && q->max == 10))
        return;
    if (r->has_score && (!whole || r->score == floor(r->score))) {
        out->status = FLOW_P_OK;
        out->value = r->score;
    } else if (r->signals & REPLY_SIG_OUT_OF_RANGE) {
        out->status = FLOW_P_OFF_SCALE;
    }
}

void flow_parse_answer(const struct flow_question *q, const char *text, size_t len,
                       const struct reply_vocab *vocab, struct flow_parsed *out)
{
    struct reply_opts opts = {.vocab = vocab};
    size_t b, e;
    memset(out, 0, sizeof *out);
    out->status = FLOW_P_UNCLEAR;
    if (text == NULL)
        len = 0, text = "";
    if (q->type == FLOW_SCALE || q->type == FLOW_NUMBER) {
        opts.scale_min = q->min;
        opts.scale_max = q->max;
    } else if (q->type == FLOW_CHOICE) {
        opts.scale_min = 1;
        opts.scale_max = q->nchoices;
    }
    reply_parse(text, len, &opts, &out->reply);
    if (out->reply.intent == REPLY_STOP) {
        out->status = FLOW_P_STOP;
        return;
    }
    switch (q->type) {
    case FLOW_SCALE:
    case FLOW_CHOICE:
        if (q->type == FLOW_CHOICE && (out->value = match_choice(q, text, len)) > 0) {
            out->status = FLOW_P_OK;
            break;
        }
        number_answer(q, &out->reply, true, out);
        break;
    case FLOW_NUMBER:
        number_answer(q, &out->reply, false, out);
        break;
    case FLOW_YESNO:
        if (consent_is_yes(text, len)) {
            out->status = FLOW_P_OK;
            out->value = 1;
        } else if (screen_is_clear_no(text, len, &out->reply)) {
            out->status = FLOW_P_OK;
            out->value = 0;
        }
        break;
    case FLOW_TEXT:
        trim(text, len, &b, &e);
        if (e > b)
            out->status = FLOW_P_OK;
        break;
    }
}

enum severity flow_alert(const struct flow_question *q, double value, char *reason,
                         size_t reasonsz)
{
    enum severity worst = SEV_NONE;
    if (reason != NULL && reasonsz > 0)
        reason[0] = '\0';
    for (int r = 0; r < q->nalerts && r < FLOW_MAX_ALERTS; r++) {
        const struct flow_alert *al = &q->alerts[r];
        if (al->sev > worst && compare(value, al->op, al->value)) {
            worst = al->sev;
            if (reason != NULL && reasonsz > 0)
                snprintf(reason, reasonsz, "%s %g %s %g", q->id, value, flow_op_name(al->op),
                         al->value);
        }
    }
    return worst;
}
