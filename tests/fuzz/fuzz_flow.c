/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_flow.c: libFuzzer target for the flow validator and step logic
 * (gateway/model/flow.c). The bytes build a random flow definition (types,
 * ranges, choices, ask_if and jump conditions naming any id, jumps,
 * alerts) and then answer it. The properties the daemon depends on:
 * validation never crashes and explains a refusal; on any flow, even a
 * refused one, flow_next terminates; on a validated flow it never says
 * FLOW_INVALID, only offers a question not yet asked whose condition holds,
 * and ends within as many steps as there are questions; reading the rest
 * of the bytes as a reply never reads past them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/flow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ids[] = {"a", "b", "c", "d", "e", "f", "g", "h", "end", "zz", ""};
#define NIDS (sizeof ids / sizeof ids[0])
static const char *const choices[] = {"yes", "no", "AA", "aa", "", "x"};

struct bytes {
    const uint8_t *p;
    size_t n;
};

static uint8_t take(struct bytes *b)
{
    if (b->n == 0)
        return 0;
    b->n--;
    return *b->p++;
}

static void make_cond(struct bytes *b, struct flow_cond *c)
{
    uint8_t x = take(b);
    c->nterms = x % 4 == 0 ? (int)(x / 4 % 3) : 0;
    for (int t = 0; t < c->nterms; t++)
        c->terms[t] = ids[take(b) % NIDS];
    c->op = (enum flow_op)(take(b) % 7); /* 6: an invalid operator */
    c->value = (int8_t)take(b) % 12;
}

static void make_question(struct bytes *b, int i, struct flow_question *q)
{
    uint8_t x = take(b);
    memset(q, 0, sizeof *q);
    q->id = x & 0x80 ? ids[take(b) % NIDS] : ids[i % 8];
    q->text[0] = x & 0x40 ? "" : "Q?";
    q->type = (enum flow_type)(x % 6); /* 5: an invalid type */
    q->min = (int8_t)take(b) % 12;
    q->max = (int8_t)take(b) % 12;
    q->nchoices = take(b) % 5;
    for (int c = 0; c < q->nchoices; c++)
        q->choices[c] = choices[take(b) % 6];
    make_cond(b, &q->ask_if);
    if (take(b) % 3 == 0) {
        q->jump_to = ids[take(b) % NIDS];
        make_cond(b, &q->jump_if);
    }
    q->nalerts = take(b) % 3;
    for (int r = 0; r < q->nalerts; r++) {
        q->alerts[r].op = (enum flow_op)(take(b) % 6);
        q->alerts[r].value = take(b) % 12;
        q->alerts[r].sev = (enum severity)(take(b) % 5);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bytes b = {data, size};
    struct flow_question q[FLOW_MAX_QUESTIONS + 1];
    struct flow f = {"fuzz", q, take(&b) % 10};
    struct flow_answers a;
    char err[256] = "";
    for (int i = 0; i < f.n; i++)
        make_question(&b, i, &q[i]);
    int valid = flow_validate(&f, err, sizeof err) == 0;
    if (!valid && (err[0] == '\0' || memchr(err, '\0', sizeof err) == NULL))
        __builtin_trap(); /* a refusal always says why */
    memset(&a, 0, sizeof a);
    int steps = 0, i;
    while ((i = flow_next(&f, &a)) >= 0) {
        if (i >= f.n || a.state[i] != FLOW_A_NONE || ++steps > f.n)
            __builtin_trap();
        if (valid && !flow_cond_holds(&f, &q[i].ask_if, &a))
            __builtin_trap();
        uint8_t x = take(&b);
        a.state[i] = x % 5 == 0 ? FLOW_A_UNANSWERED : FLOW_A_VALUE;
        a.value[i] = x % 12;
    }
    if (valid && i != FLOW_DONE)
        __builtin_trap();
    /* The rest of the bytes as a reply to the first question. */
    if (valid) {
        struct flow_parsed p;
        char why[64];
        flow_parse_answer(&q[0], (const char *)b.p, b.n, NULL, &p);
        if ((unsigned)p.status > FLOW_P_STOP)
            __builtin_trap();
        if (p.status == FLOW_P_OK && q[0].type != FLOW_TEXT) {
            double lo = q[0].type == FLOW_YESNO ? 0 : q[0].type == FLOW_CHOICE ? 1 : q[0].min;
            double hi = q[0].type == FLOW_YESNO    ? 1
                        : q[0].type == FLOW_CHOICE ? q[0].nchoices
                                                   : q[0].max;
            if (p.value < lo || p.value > hi)
                __builtin_trap(); /* an accepted answer is on the scale */
            flow_alert(&q[0], p.value, why, sizeof why);
        }
    }
    return 0;
}
