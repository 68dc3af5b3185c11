/* SPDX-License-Identifier: Apache-2.0 */
/* test_utf8.c: the one UTF-8 decoder (gateway/base/utf8.c): valid 1-4 byte
 * sequences, overlongs, surrogates, truncated sequences, values past
 * U+10FFFF, stray continuation bytes; validation; the encoder and its
 * round trip; the lead-byte classification the reply tokenizer uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/utf8.h"

/* Decodes the whole of s (n bytes) as one sequence: its value, or -1 if
 * utf8_decode refuses it (then nothing may have advanced). */
static long decode_one(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp = 0;
    if (utf8_decode((const unsigned char *)s, n, &i, &cp) != 0) {
        assert_int_equal(i, 0);
        return -1;
    }
    assert_int_equal(i, n);
    return (long)cp;
}

static void valid_sequences_of_each_length(void **state)
{
    (void)state;
    assert_int_equal(decode_one("A", 1), 0x41);
    assert_int_equal(decode_one("\x7F", 1), 0x7F);
    assert_int_equal(decode_one("\xC2\x80", 2), 0x80);          /* smallest 2-byte */
    assert_int_equal(decode_one("\xC3\xA9", 2), 0xE9);          /* e acute */
    assert_int_equal(decode_one("\xDF\xBF", 2), 0x7FF);
    assert_int_equal(decode_one("\xE0\xA0\x80", 3), 0x800);     /* smallest 3-byte */
    assert_int_equal(decode_one("\xE2\x82\xAC", 3), 0x20AC);    /* euro sign */
    assert_int_equal(decode_one("\xED\x9F\xBF", 3), 0xD7FF);    /* just below the surrogates */
    assert_int_equal(decode_one("\xEE\x80\x80", 3), 0xE000);    /* just above them */
    assert_int_equal(decode_one("\xEF\xBF\xBF", 3), 0xFFFF);
    assert_int_equal(decode_one("\xF0\x90\x80\x80", 4), 0x10000);
    assert_int_equal(decode_one("\xF0\x9F\x98\x8A", 4), 0x1F60A); /* an emoji */
    assert_int_equal(decode_one("\xF4\x8F\xBF\xBF", 4), 0x10FFFF);
}

static void overlongs_are_refused(void **state)
{
    (void)state;
    assert_int_equal(decode_one("\xC0\x80", 2), -1);         /* NUL in two bytes */
    assert_int_equal(decode_one("\xC1\xBF", 2), -1);         /* 0x7F in two */
    assert_int_equal(decode_one("\xE0\x80\xAF", 3), -1);     /* '/' in three */
    assert_int_equal(decode_one("\xE0\x9F\xBF", 3), -1);     /* 0x7FF in three */
    assert_int_equal(decode_one("\xF0\x80\x80\xAF", 4), -1); /* '/' in four */
    assert_int_equal(decode_one("\xF0\x8F\xBF\xBF", 4), -1); /* 0xFFFF in four */
}

static void surrogates_are_refused(void **state)
{
    (void)state;
    assert_int_equal(decode_one("\xED\xA0\x80", 3), -1); /* U+D800 */
    assert_int_equal(decode_one("\xED\xAF\xBF", 3), -1); /* U+DBFF */
    assert_int_equal(decode_one("\xED\xB0\x80", 3), -1); /* U+DC00 */
    assert_int_equal(decode_one("\xED\xBF\xBF", 3), -1); /* U+DFFF */
}

static void truncated_and_broken_sequences_are_refused(void **state)
{
    (void)state;
    assert_int_equal(decode_one("\xC3", 1), -1);
    assert_int_equal(decode_one("\xE2\x82", 2), -1);
    assert_int_equal(decode_one("\xF0\x9F\x98", 3), -1);
    assert_int_equal(decode_one("\xE2\x41\xAC", 3), -1);     /* ASCII inside */
    assert_int_equal(decode_one("\xF0\x9F\x00\x8A", 4), -1); /* a NUL ends it */
    assert_int_equal(decode_one("\x80", 1), -1);             /* a stray continuation */
    assert_int_equal(decode_one("\xBF", 1), -1);
    /* the bytes are there but n says the text ends sooner */
    size_t i = 0;
    uint32_t cp;
    assert_int_equal(utf8_decode((const unsigned char *)"\xE2\x82\xAC", 2, &i, &cp), -1);
    assert_int_equal(i, 0);
}

static void beyond_u10ffff_is_refused(void **state)
{
    (void)state;
    assert_int_equal(decode_one("\xF4\x90\x80\x80", 4), -1); /* U+110000 */
    assert_int_equal(decode_one("\xF7\xBF\xBF\xBF", 4), -1); /* U+1FFFFF */
    assert_int_equal(decode_one("\xF8\x88\x80\x80\x80", 5), -1);
    assert_int_equal(decode_one("\xFE", 1), -1);
    assert_int_equal(decode_one("\xFF", 1), -1);
}

static void validation_walks_the_whole_text(void **state)
{
    (void)state;
    static const char ok[] = "caf\xC3\xA9 \xE2\x82\xAC 5 \xF0\x9F\x98\x8A";
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid(ok, sizeof ok - 1));
    assert_false(utf8_valid(ok, sizeof ok - 2)); /* cut inside the emoji */
    assert_false(utf8_valid("caf\xE9", 4));      /* Latin-1 */
    assert_true(utf8_valid("a\0b", 3));          /* NUL is a character */
}

static void encoding_round_trips(void **state)
{
    (void)state;
    static const uint32_t cps[] = {0, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000,
                                   0xFFFF, 0x10000, 0x1F60A, 0x10FFFF};
    char b[UTF8_MAX];
    for (size_t k = 0; k < sizeof cps / sizeof cps[0]; k++) {
        size_t n = utf8_encode(cps[k], b);
        assert_in_range(n, 1, UTF8_MAX);
        assert_int_equal(decode_one(b, n), (long)cps[k]);
    }
    assert_int_equal(utf8_encode(0xE9, b), 2);
    assert_memory_equal(b, "\xC3\xA9", 2);
    /* what cannot be encoded becomes U+FFFD */
    assert_int_equal(utf8_encode(0xD800, b), 3);
    assert_memory_equal(b, "\xEF\xBF\xBD", 3);
    assert_int_equal(utf8_encode(0x110000, b), 3);
    assert_memory_equal(b, "\xEF\xBF\xBD", 3);
}

static void lead_bytes_are_classified(void **state)
{
    (void)state;
    uint32_t bits = 0;
    assert_int_equal(utf8_lead('a', &bits), 0);
    assert_int_equal(bits, 'a');
    assert_int_equal(utf8_lead(0xC3, &bits), 1);
    assert_int_equal(bits, 0x03);
    assert_int_equal(utf8_lead(0xE2, &bits), 2);
    assert_int_equal(bits, 0x02);
    assert_int_equal(utf8_lead(0xF0, &bits), 3);
    assert_int_equal(bits, 0x00);
    assert_int_equal(utf8_lead(0x80, NULL), -1);
    assert_int_equal(utf8_lead(0xBF, NULL), -1);
    assert_int_equal(utf8_lead(0xF8, NULL), -1);
    assert_int_equal(utf8_lead(0xFF, NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_sequences_of_each_length),
        cmocka_unit_test(overlongs_are_refused),
        cmocka_unit_test(surrogates_are_refused),
        cmocka_unit_test(truncated_and_broken_sequences_are_refused),
        cmocka_unit_test(beyond_u10ffff_is_refused),
        cmocka_unit_test(validation_walks_the_whole_text),
        cmocka_unit_test(encoding_round_trips),
        cmocka_unit_test(lead_bytes_are_classified),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
