/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_reply.c: libFuzzer target for the reply parser (gateway/model/reply.c).
 * Any bytes, any length, on three scales, with and without an operator
 * vocabulary; the same bytes are also offered to reply_vocab_add (the
 * phrase compiler) and, if accepted, parsed against that vocabulary. The
 * JSON writer gets a buffer of the size the daemon uses. ASan catches a
 * read past the input: libFuzzer hands us exactly `size` bytes with no
 * terminator. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fixed vocabulary like an operator's, built once. */
static const struct reply_vocab *fixed_vocab(void)
{
    static struct reply_vocab *v;
    static const struct {
        enum reply_vocab_kind kind;
        const char *p;
    } phrases[] = {
        {REPLY_VOCAB_CRISIS, "go to sleep forever"}, {REPLY_VOCAB_CRISIS, "catch the bus"},
        {REPLY_VOCAB_CRISIS, "me quiero petatear"},  {REPLY_VOCAB_RELAPSE, "fent*"},
        {REPLY_VOCAB_RELAPSE, "tranq"},              {REPLY_VOCAB_RELAPSE, "blues 30"},
        {REPLY_VOCAB_SUBSTANCE, "perc*"},            {REPLY_VOCAB_SUBSTANCE, "cuete"},
    };
    char why[256];
    if (v == NULL) {
        v = reply_vocab_new();
        if (v == NULL)
            __builtin_trap();
        for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
            if (reply_vocab_add(v, phrases[i].kind, phrases[i].p, strlen(phrases[i].p), why,
                                sizeof why) != 0)
                __builtin_trap();
    }
    return v;
}

static void parse_check(const uint8_t *data, size_t size, const struct reply_opts *o)
{
    struct reply_result r;
    char json[512];
    int lo = o->scale_max ? o->scale_min : 1, hi = o->scale_max ? o->scale_max : 10;
    reply_parse((const char *)data, size, o, &r);
    if (r.has_score && (r.score < lo || r.score > hi))
        __builtin_trap(); /* a score off the scale must never be reported */
    if (reply_to_json(&r, json, sizeof json) < 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int scales[][2] = {{0, 0}, {1, 5}, {0, 100}};
    const struct reply_vocab *fixed = fixed_vocab();
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        struct reply_opts o = {.scale_min = scales[i][0], .scale_max = scales[i][1]};
        parse_check(data, size, &o);
        o.vocab = fixed;
        parse_check(data, size, &o);
    }

    /* the input as an operator's phrase */
    struct reply_vocab *v = reply_vocab_new();
    char why[256];
    if (v == NULL)
        return 0;
    if (reply_vocab_add(v, (enum reply_vocab_kind)(size % REPLY_VOCAB__COUNT),
                        (const char *)data, size, why, sizeof why) == 0) {
        struct reply_opts o = {.vocab = v};
        parse_check(data, size, &o);
    } else if (why[0] == '\0') {
        __builtin_trap(); /* a refusal always says why */
    }
    reply_vocab_free(v);
    return 0;
}
