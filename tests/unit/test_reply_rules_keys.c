/* SPDX-License-Identifier: Apache-2.0 */
/* test_reply_rules_keys.c: the word keys of the concept rules
 * (gateway/model/reply_rules_keys.h) and the two forms of in_set() and
 * any_str() (gateway/model/reply_rules.h): a key folded from a literal is
 * the key of the same bytes read at run time, and a set says yes to its
 * own words only: not to a word that shares its first seven bytes and its
 * length ("yesterdax"), nor to one of another length that starts the same
 * ("yesterdays", "yesterda"), nor to a prefix or an extension of a short
 * word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/reply_rules.h"

/* A chunk of the words of line (one space between each), all of them
 * named, as tag_all would key them. */
struct chunk {
    char w[256];
    uint16_t toff[32], tlen[32];
    struct rview v;
    struct ctx c;
};

static void chunk_of(struct chunk *k, const char *line)
{
    memset(k, 0, sizeof *k);
    strcpy(k->w, line);
    size_t n = 0, i = 0, len = strlen(line);
    while (i < len) {
        size_t s = i;
        while (i < len && line[i] != ' ')
            i++;
        k->toff[n] = (uint16_t)s;
        k->tlen[n] = (uint16_t)(i - s);
        n++;
        i++;
    }
    k->v = (struct rview){k->w, k->toff, k->tlen, n};
    k->c.v = &k->v;
    k->c.n = n;
    for (size_t j = 0; j < n; j++) {
        k->c.named[j] = true;
        k->c.first[j] = k->w[k->toff[j]];
        k->c.key[j] = rp_key(k->w + k->toff[j], k->tlen[j]);
    }
}

static void test_literal_keys_are_runtime_keys(void **state)
{
    (void)state;
    assert_true(RP_K("") == rp_key("", 0));
    assert_true(RP_K("i") == rp_key("i", 1));
    assert_true(RP_K("me") == rp_key("me", 2));
    assert_true(RP_K("tonight") == rp_key("tonight", 7));
    assert_true(RP_K("tonights") == rp_key("tonights", 8));
    assert_true(RP_K("prevention") == rp_key("prevention", 10));
    assert_true(RP_K("mañana") == rp_key("mañana", strlen("mañana")));
    /* the length is part of the key: a prefix is another key */
    assert_true(RP_K("tonight") != RP_K("tonights"));
    assert_true(RP_K("me") != RP_K("me\0"));
    const uint64_t keys[] = {RP_KEYS("a", "bb", "ccc", "prevention")};
    assert_int_equal(sizeof keys / sizeof keys[0], 4);
    assert_true(keys[3] == rp_key("prevention", 10));
}

static void test_sets_say_yes_to_their_own_words_only(void **state)
{
    (void)state;
    struct chunk k;
    chunk_of(&k, "yesterday yesterdays yesterdax yesterda me mee m prevention");
    const struct ctx *c = &k.c;
    /* yesterday yesterdays yesterdax yesterda me mee m prevention */
    assert_true(in_set(c, 0, SET("today", "yesterday")));
    assert_false(in_set(c, 1, SET("today", "yesterday")));
    assert_false(in_set(c, 2, SET("today", "yesterday")));
    assert_false(in_set(c, 3, SET("today", "yesterday")));
    assert_true(in_set(c, 1, SET("yesterdays")));
    assert_false(in_set(c, 2, SET("yesterdays", "yesterday")));
    assert_true(in_set(c, 4, SET("my", "me")));
    assert_false(in_set(c, 5, SET("my", "me")));
    assert_false(in_set(c, 6, SET("my", "me")));
    assert_true(in_set(c, 7, SET("preventing", "prevention")));
    assert_false(in_set(c, 8, SET("me"))); /* past the last token */
    /* the same answers from an array and its count */
    static const char *const days[] = {"today", "yesterday"};
    assert_true(in_set(c, 0, days, 2));
    assert_false(in_set(c, 1, days, 2));
    assert_false(in_set(c, 2, days, 2));
    /* a token no rule names is none of their words */
    k.c.named[4] = false;
    assert_false(in_set(c, 4, SET("me")));
    k.c.named[4] = true;
    /* any_str over a span, skipping one token */
    struct span all = {0, 8};
    assert_true(any_str(c, all, 99, SET("nothing", "prevention")));
    assert_false(any_str(c, all, 7, SET("nothing", "prevention")));
    assert_false(any_str(c, all, 99, SET("yesterdaz", "preventio", "mmm")));
    assert_true(any_str(c, all, 99, days, 2));
    struct span later = {1, 8};
    assert_false(any_str(c, later, 99, days, 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_keys_are_runtime_keys),
        cmocka_unit_test(test_sets_say_yes_to_their_own_words_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
