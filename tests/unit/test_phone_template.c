/* SPDX-License-Identifier: Apache-2.0 */
/* test_phone_template.c: the pure helpers phone.c and template.c, and
 * phone_shim.cc (libphonenumber's verdict on a number). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "base/phone.h"
#include "base/phone_shim.h"
#include "model/template.h"

/* ---- phone_is_e164 ------------------------------------------------------ */

static void test_e164_accepts(void **state)
{
    (void)state;
    assert_true(phone_is_e164("+15555550123"));
    assert_true(phone_is_e164("+442079460000"));
    assert_true(phone_is_e164("+1234567"));         /* 7 digits: the shortest */
    assert_true(phone_is_e164("+123456789012345")); /* 15 digits: the longest */
}

static void test_e164_rejects(void **state)
{
    (void)state;
    assert_false(phone_is_e164(NULL));
    assert_false(phone_is_e164(""));
    assert_false(phone_is_e164("+"));
    assert_false(phone_is_e164("15555550123"));       /* no '+' */
    assert_false(phone_is_e164("+05555550123"));      /* leading zero */
    assert_false(phone_is_e164("+123456"));           /* 6 digits */
    assert_false(phone_is_e164("+1234567890123456")); /* 16 digits */
    assert_false(phone_is_e164("+1 555 555 0123"));   /* not normalised */
    assert_false(phone_is_e164("+1555555012a"));
    assert_false(phone_is_e164("++15555550123"));
    assert_false(phone_is_e164("+15555550123 "));
}

/* ---- phone_lookup (libphonenumber) -------------------------------------- */

static void expect_lookup(const char *in, const char *region, enum phone_kind want_kind,
                          const char *want)
{
    char out[PHONE_MAX];
    enum phone_kind k = phone_lookup(in, region, out);
    if (k != want_kind)
        fail_msg("%s in %s: kind %s, expected %s", in, region, phone_kind_name(k),
                 phone_kind_name(want_kind));
    assert_string_equal(out, want);
}

/* Issue 20: the shape alone let these through; the numbering plans do not. */
static void test_lookup_rejects_invalid(void **state)
{
    (void)state;
    expect_lookup("+10005550100", "US", PHONE_INVALID, "");    /* area code 000 */
    expect_lookup("+4479111234", "US", PHONE_INVALID, "");     /* UK mobile, two digits short */
    expect_lookup("07911 1234", "GB", PHONE_INVALID, "");      /* the same, nationally */
    expect_lookup("555-0123", "US", PHONE_INVALID, "");        /* no area code */
    expect_lookup("call me", "US", PHONE_INVALID, "");
    expect_lookup("", "US", PHONE_INVALID, "");
    expect_lookup(NULL, "US", PHONE_INVALID, "");
    expect_lookup("+12025550123", NULL, PHONE_INVALID, "");
    expect_lookup("+1555555012345678", "US", PHONE_INVALID, "");
}

static void test_lookup_kinds_and_national_forms(void **state)
{
    (void)state;
    expect_lookup("+447911123456", "US", PHONE_MOBILE, "+447911123456");
    expect_lookup("+44 20 7946 0000", "US", PHONE_LANDLINE, "+442079460000");
    expect_lookup("020 7946 0000", "GB", PHONE_LANDLINE, "+442079460000");
    expect_lookup("07911 123456", "GB", PHONE_MOBILE, "+447911123456");
    expect_lookup("(202) 555-0123", "US", PHONE_EITHER, "+12025550123");
    expect_lookup("0012025550123", "GB", PHONE_EITHER, "+12025550123");
    expect_lookup("+34 600 123 456", "US", PHONE_MOBILE, "+34600123456");
    /* The ranges kept for examples: the project's +1555... and Ofcom's. */
    expect_lookup("+1 555 555 0123", "US", PHONE_FICTIONAL, "+15555550123");
    expect_lookup("+447700900123", "US", PHONE_FICTIONAL, "+447700900123");
}

static void test_region_known(void **state)
{
    (void)state;
    assert_true(phone_region_known("US"));
    assert_true(phone_region_known("GB"));
    assert_false(phone_region_known("us"));
    assert_false(phone_region_known("XX"));
    assert_false(phone_region_known("USA"));
    assert_false(phone_region_known(""));
    assert_false(phone_region_known(NULL));
}

static void test_tz_legacy(void **state)
{
    (void)state;
    assert_true(tz_is_legacy("EST"));
    assert_true(tz_is_legacy("US/Central"));
    assert_true(tz_is_legacy("Canada/Eastern"));
    assert_true(tz_is_legacy("GB"));
    assert_false(tz_is_legacy("UTC"));
    assert_false(tz_is_legacy("America/Chicago"));
    assert_false(tz_is_legacy("Europe/London"));
    assert_false(tz_is_legacy("Etc/GMT+5"));
}

/* ---- phone_normalize ---------------------------------------------------- */

static void expect_norm(const char *in, const char *want)
{
    char out[PHONE_MAX];
    int rc = phone_normalize(in, out);
    if (want == NULL) {
        assert_int_equal(rc, -1);
        assert_string_equal(out, "");
    } else {
        assert_int_equal(rc, 0);
        assert_string_equal(out, want);
        assert_true(phone_is_e164(out));
    }
}

static void test_normalize_shapes(void **state)
{
    (void)state;
    expect_norm("+15555550123", "+15555550123");
    expect_norm("+1 (555) 555-0123", "+15555550123");
    expect_norm("+1.555.555.0123", "+15555550123");
    expect_norm("+1 555 555 0123", "+15555550123");
    expect_norm("15555550123", "+15555550123");     /* smstools writes them so */
    expect_norm("0015555550123", "+15555550123");   /* "00" international prefix */
    expect_norm("00 44 20 7946 0000", "+442079460000");
    expect_norm("(+44) 20-7946-0000", "+442079460000");
    expect_norm("+123456789012345", "+123456789012345");
    expect_norm("00123456789012345", "+123456789012345"); /* 15 digits after "00" */
    expect_norm("1234567", "+1234567");
}

static void test_normalize_rejects(void **state)
{
    (void)state;
    expect_norm(NULL, NULL);
    expect_norm("", NULL);
    expect_norm("   ", NULL);
    expect_norm("+", NULL);
    expect_norm("555-CALL-NOW", NULL);     /* letters */
    expect_norm("+1555555012a", NULL);
    expect_norm("tel:+15555550123", NULL);
    expect_norm("+1555", NULL);            /* too short */
    expect_norm("123456", NULL);
    expect_norm("+1234567890123456", NULL); /* 16 digits: too long */
    expect_norm("001234567890123456", NULL);
    expect_norm("12345678901234567890123", NULL);
    expect_norm("+0555550123", NULL);      /* country code cannot start with 0 */
    expect_norm("0555550123", NULL);       /* "+0..." after no "00" prefix */
    expect_norm("1+5555550123", NULL);     /* '+' not first */
    expect_norm("++15555550123", NULL);
    expect_norm("+00 15555550123", NULL);  /* '+' and "00" together */
    expect_norm("+1/555/555/0123", NULL);  /* '/' is not a separator we accept */
}

/* ---- phone_mask --------------------------------------------------------- */

static void test_mask(void **state)
{
    char out[PHONE_MAX + 8];
    (void)state;

    assert_string_equal(phone_mask("+15555550123", out, sizeof out), "+1555*****23");
    assert_ptr_equal(phone_mask("+15555550123", out, sizeof out), out);
    assert_string_equal(phone_mask("+442079460000", out, sizeof out), "+4420******00");
    assert_string_equal(phone_mask("+12345678", out, sizeof out), "+1234**78");
    /* Short strings show nothing but the '+'. */
    assert_string_equal(phone_mask("+123456", out, sizeof out), "+******");
    assert_string_equal(phone_mask("12345", out, sizeof out), "*****");
    assert_string_equal(phone_mask("", out, sizeof out), "");
    assert_string_equal(phone_mask(NULL, out, sizeof out), "");
    /* The middle digits never appear. */
    phone_mask("+19876543210", out, sizeof out);
    assert_null(strstr(out, "654"));
}

static void test_mask_small_buffer(void **state)
{
    char out[6];
    (void)state;

    memset(out, 'x', sizeof out);
    phone_mask("+15555550123", out, sizeof out);
    assert_string_equal(out, "+1555"); /* truncated but NUL-terminated */
    out[0] = 'x';
    phone_mask("+15555550123", out, 1);
    assert_string_equal(out, "");
    assert_null(phone_mask("+15555550123", NULL, 0));
}

/* ---- template_render ---------------------------------------------------- */

static const struct tpl_vars all_vars = {
    .program = "Harbor",
    .contact = "(555) 555-0100",
    .alias = "Robin",
    .phone = "+15555550123",
    .score = "3",
    .scale_min = "1",
    .scale_max = "10",
    .escalation = "17",
    .severity = "high",
    .excerpt = "pretty rough",
};

static void expect_render(const char *tpl, const char *want)
{
    char out[256];
    int n = template_render(tpl, &all_vars, out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, (int)strlen(want));
}

static void test_render_each_placeholder(void **state)
{
    (void)state;
    expect_render("{program}", "Harbor");
    expect_render("{contact}", "(555) 555-0100");
    expect_render("{alias}", "Robin");
    expect_render("{phone}", "+15555550123");
    expect_render("{score}", "3");
    expect_render("{scale_min}", "1");
    expect_render("{scale_max}", "10");
    expect_render("{escalation}", "17");
    expect_render("{severity}", "high");
    expect_render("{excerpt}", "pretty rough");
    expect_render("{program}: How are you today, {scale_min}-{scale_max}?",
                  "Harbor: How are you today, 1-10?");
    expect_render("Reply ACK {escalation} ({alias} {phone}, {severity})",
                  "Reply ACK 17 (Robin +15555550123, high)");
    expect_render("", "");
    expect_render("no placeholders at all", "no placeholders at all");
    expect_render("{score}{score}", "33");
}

static void test_render_braces(void **state)
{
    (void)state;
    expect_render("{{", "{");
    expect_render("{{program}", "{program}");
    expect_render("a {{ b } c }}", "a { b } c }}"); /* '}' is always literal */
    expect_render("{{{score}", "{3");
}

static void test_render_null_values(void **state)
{
    struct tpl_vars v = { 0 };
    char out[64];
    (void)state;

    v.program = "P";
    assert_int_equal(template_render("{program}:{alias}:{score}", &v, out, sizeof out), 3);
    assert_string_equal(out, "P::");
    assert_int_equal(template_render("x{alias}y", NULL, out, sizeof out), 2);
    assert_string_equal(out, "xy");
}

static void test_render_unknown_placeholder(void **state)
{
    char out[64];
    (void)state;

    assert_int_equal(template_render("Hi {nmae}!", &all_vars, out, sizeof out), -1);
    assert_int_equal(template_render("Hi {Program}", &all_vars, out, sizeof out), -1);
    assert_int_equal(template_render("Hi {program", &all_vars, out, sizeof out), -1);
    assert_int_equal(template_render("Hi {}", &all_vars, out, sizeof out), -1);
    assert_int_equal(template_render("{ program }", &all_vars, out, sizeof out), -1);
    /* out is still a string. */
    assert_true(strlen(out) < sizeof out);
}

static void test_render_truncation(void **state)
{
    char out[8];
    (void)state;

    assert_int_equal(template_render("{program} and more", &all_vars, out, sizeof out), -1);
    assert_string_equal(out, "Harbor ");
    /* Exactly fitting is not truncation. */
    assert_int_equal(template_render("1234567", &all_vars, out, sizeof out), 7);
    assert_string_equal(out, "1234567");
    assert_int_equal(template_render("12345678", &all_vars, out, sizeof out), -1);
    assert_string_equal(out, "1234567");
    assert_int_equal(template_render("{phone}", &all_vars, out, sizeof out), -1);
    assert_string_equal(out, "+155555");
    /* No room at all. */
    assert_int_equal(template_render("x", &all_vars, out, 0), -1);
    assert_int_equal(template_render("x", &all_vars, out, 1), -1);
    assert_string_equal(out, "");
}

static void test_render_truncation_utf8(void **state)
{
    char out[6], small[5];
    (void)state;

    /* "¿Cómo" is C2 BF 43 C3 B3 6D 6F: a 5-byte buffer holds 4 bytes, which
     * would end inside "ó"; the partial character is dropped. */
    assert_int_equal(template_render("\xC2\xBF" "C\xC3\xB3mo", NULL, small, sizeof small), -1);
    assert_string_equal(small, "\xC2\xBF" "C");
    /* A cut after a whole character keeps it. */
    assert_int_equal(template_render("ab\xC3\xB3xyz", NULL, out, sizeof out), -1);
    assert_string_equal(out, "ab\xC3\xB3x");
}

/* ---- template_check ----------------------------------------------------- */

static void test_check(void **state)
{
    char bad[16];
    (void)state;

    assert_int_equal(template_check("{program} {contact} {alias} {phone} {score} {scale_min} "
                                    "{scale_max} {escalation} {severity} {excerpt} {{x}",
                                    bad, sizeof bad),
                     0);
    assert_string_equal(bad, "");
    assert_int_equal(template_check("plain", bad, sizeof bad), 0);

    assert_int_equal(template_check("Hi {alias}, {scroe} then {foo}", bad, sizeof bad), -1);
    assert_string_equal(bad, "scroe"); /* the first unknown one */
    assert_int_equal(template_check("{}", bad, sizeof bad), -1);
    assert_string_equal(bad, "");
    assert_int_equal(template_check("x {unterminated", bad, sizeof bad), -1);
    assert_string_equal(bad, "unterminated");
    /* A long name is truncated to fit bad. */
    assert_int_equal(template_check("{abcdefghijklmnopqrstuvwxyz}", bad, sizeof bad), -1);
    assert_string_equal(bad, "abcdefghijklmno");
    /* bad may be omitted. */
    assert_int_equal(template_check("{nope}", NULL, 0), -1);
    assert_int_equal(template_check(NULL, bad, sizeof bad), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_e164_accepts),
        cmocka_unit_test(test_e164_rejects),
        cmocka_unit_test(test_lookup_rejects_invalid),
        cmocka_unit_test(test_lookup_kinds_and_national_forms),
        cmocka_unit_test(test_region_known),
        cmocka_unit_test(test_tz_legacy),
        cmocka_unit_test(test_normalize_shapes),
        cmocka_unit_test(test_normalize_rejects),
        cmocka_unit_test(test_mask),
        cmocka_unit_test(test_mask_small_buffer),
        cmocka_unit_test(test_render_each_placeholder),
        cmocka_unit_test(test_render_braces),
        cmocka_unit_test(test_render_null_values),
        cmocka_unit_test(test_render_unknown_placeholder),
        cmocka_unit_test(test_render_truncation),
        cmocka_unit_test(test_render_truncation_utf8),
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
