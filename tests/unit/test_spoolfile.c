/* test_spoolfile.c: the pure smstools3 spool file parser and formatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "spoolfile.h"

/* Parses a string literal (its length taken with sizeof, so NUL bytes
 * inside count). */
#define PARSE(lit, in, err) spoolfile_parse((lit), sizeof(lit) - 1, (in), (err), sizeof(err))

/* Converts in's body and checks it equals want (want_len bytes). */
static void assert_utf8(const struct spool_in *in, const char *want, size_t want_len)
{
    char out[512], err[SPOOL_ERROR_MAX];
    size_t n = 99;

    assert_int_equal(spoolfile_body_utf8(in, out, sizeof out, &n, err, sizeof err), 0);
    assert_int_equal(n, want_len);
    assert_memory_equal(out, want, want_len);
    assert_int_equal(out[n], '\0');
}

/* The incoming file from peers/README.md, as smsd 3.1 wrote it on Debian 12. */
static void test_real_example(void **state)
{
    static const char file[] =
        "From: 4915550003\n"
        "From_TOA: 91 international, ISDN/telephone\n"
        "From_SMSC: 49172922473\n"
        "Sent: 26-11-23 04:12:02\n"
        "Received: 26-11-23 04:12:03\n"
        "Subject: GSM1\n"
        "Modem: GSM1\n"
        "IMSI: 262019999999999\n"
        "IMEI: 490154203237518\n"
        "Report: no\n"
        "Alphabet: UTF-8\n"
        "Length: 17\n"
        "\n"
        "OK I am safe \xc3\xa4\xc3\xb6 \xe2\x82\xac";
    static const char body[] = "OK I am safe \xc3\xa4\xc3\xb6 \xe2\x82\xac";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_string_equal(in.from, "4915550003");
    assert_int_equal(in.alphabet, SPOOL_ALPHA_UTF8);
    assert_true(in.has_received);
    assert_false(in.received_bad);
    assert_int_equal(in.received.tm_year, 2026 - 1900);
    assert_int_equal(in.received.tm_mon, 10);
    assert_int_equal(in.received.tm_mday, 23);
    assert_int_equal(in.received.tm_hour, 4);
    assert_int_equal(in.received.tm_min, 12);
    assert_int_equal(in.received.tm_sec, 3);
    assert_int_equal(in.received.tm_isdst, -1);
    assert_false(in.is_status_report);
    assert_int_equal(in.body_len, sizeof body - 1);
    assert_memory_equal(in.body, body, sizeof body - 1);
    assert_utf8(&in, body, sizeof body - 1);
}

static void test_iso_8859_15(void **state)
{
    /* 0xE9 e-acute, 0xA4 is the euro sign in 8859-15 (the currency sign in
     * Latin-1), 0xBD oe ligature. */
    static const char file[] = "From: 15555550123\nAlphabet: ISO\n\ncaf\xe9 5\xa4 \xbd";
    static const char want[] = "caf\xc3\xa9 5\xe2\x82\xac \xc5\x93";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_ISO);
    assert_utf8(&in, want, sizeof want - 1);

    /* smsd reads only three letters: "ISO-8859-15", "Latin", "Ansi" are ISO. */
    static const char f2[] = "From: 15555550123\nAlphabet: ISO-8859-15\n\n\xe9";
    assert_int_equal(PARSE(f2, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_ISO);
    assert_utf8(&in, "\xc3\xa9", 2);
    static const char f3[] = "From: 15555550123\nAlphabet: Latin\n\nx";
    assert_int_equal(PARSE(f3, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_ISO);
}

static void test_ucs2(void **state)
{
    /* "Hi", the euro sign, U+1F600 as a surrogate pair, a lone high
     * surrogate followed by "A". */
    static const char file[] = "From: 15555550123\nAlphabet: UCS2\n\n"
                               "\x00H\x00i\x20\xac\xd8\x3d\xde\x00\xd8\x00\x00" "A";
    static const char want[] = "Hi\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd" "A";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_UCS2);
    assert_int_equal(in.body_len, 14);
    assert_utf8(&in, want, sizeof want - 1);

    /* "UCS-2" and "Unicode" are UCS2 too. */
    static const char f2[] = "From: 15555550123\nAlphabet: Unicode\n\n\x00" "a";
    assert_int_equal(PARSE(f2, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_UCS2);
    assert_utf8(&in, "a", 1);

    /* An odd number of bytes cannot be UCS-2. */
    static const char f3[] = "From: 15555550123\nAlphabet: UCS2\n\n\x00H\x00";
    assert_int_equal(PARSE(f3, &in, err), -1);
    assert_non_null(strstr(err, "odd length"));
}

static void test_gsm(void **state)
{
    /* Raw GSM 03.38 (smsd with cs_convert = no): 0x00 '@', 0x02 '$',
     * 0x1B 0x65 the euro sign, 0x5B A-umlaut, 0x11 '_'. */
    static const char file[] = "From: 15555550123\nAlphabet: GSM\n\n"
                               "a\x00" "b\x02 \x1b\x65\x5b\x11";
    static const char want[] = "a@b$ \xe2\x82\xac\xc3\x84_";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_GSM);
    assert_utf8(&in, want, sizeof want - 1);
}

static void test_no_alphabet(void **state)
{
    static const char utf8[] = "From: 15555550123\n\nsafe \xc3\xa4";
    static const char latin[] = "From: 15555550123\n\nsafe \xe4";
    static const char odd[] = "From: 15555550123\nAlphabet: reserved\n\nok \xe4";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(utf8, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_NONE);
    assert_utf8(&in, "safe \xc3\xa4", 7);
    assert_int_equal(PARSE(latin, &in, err), 0);
    assert_utf8(&in, "safe \xc3\xa4", 7);
    assert_int_equal(PARSE(odd, &in, err), 0);
    assert_int_equal(in.alphabet, SPOOL_ALPHA_UNKNOWN);
    assert_utf8(&in, "ok \xc3\xa4", 5);
}

static void test_crlf(void **state)
{
    static const char file[] = "From: 15555550123\r\nAlphabet: UTF-8\r\nReceived: 26-11-23 04:12:03\r\n"
                               "\r\nhello\r\nworld";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_string_equal(in.from, "15555550123");
    assert_int_equal(in.alphabet, SPOOL_ALPHA_UTF8);
    assert_true(in.has_received);
    /* The text is kept as it is, line ends included. */
    assert_int_equal(in.body_len, 12);
    assert_memory_equal(in.body, "hello\r\nworld", 12);
}

static void test_header_names_case_insensitive(void **state)
{
    static const char file[] = "from:15555550123\nALPHABET:  utf-8  \nX-Unknown: whatever\n\nhi";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_string_equal(in.from, "15555550123");
    assert_int_equal(in.alphabet, SPOOL_ALPHA_UTF8);
    assert_int_equal(in.body_len, 2);
}

static void test_missing_from(void **state)
{
    static const char file[] = "Alphabet: UTF-8\nReceived: 26-11-23 04:12:03\n\nI am safe";
    static const char empty[] = "From: \n\nI am safe";
    static const char leading_blank[] = "\nFrom: 15555550123\n\nI am safe";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(PARSE(file, &in, err), -1);
    assert_non_null(strstr(err, "no From"));
    assert_int_equal(PARSE(empty, &in, err), -1);
    assert_non_null(strstr(err, "From"));
    /* A blank first line ends the headers at once: no From. */
    assert_int_equal(PARSE(leading_blank, &in, err), -1);
    assert_non_null(strstr(err, "no From"));
}

static void test_no_blank_line(void **state)
{
    static const char file[] = "From: 15555550123\nAlphabet: UTF-8\n";
    static const char no_nl[] = "From: 15555550123";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(PARSE(file, &in, err), -1);
    assert_non_null(strstr(err, "no blank line"));
    assert_int_equal(PARSE(no_nl, &in, err), -1);
    assert_non_null(strstr(err, "no blank line"));
    assert_int_equal(spoolfile_parse("", 0, &in, err, sizeof err), -1);
    assert_non_null(strstr(err, "no blank line"));
}

static void test_empty_body(void **state)
{
    static const char file[] = "From: 15555550123\nAlphabet: UTF-8\n\n";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_int_equal(in.body_len, 0);
    assert_false(in.is_status_report);
    assert_utf8(&in, "", 0);
}

static void test_status_report(void **state)
{
    static const char file[] = "From: 491721234567\nFrom_SMSC: 491722270333\n"
                               "Sent: 00-02-21 22:26:23\nReceived: 00-02-21 22:26:29\n"
                               "Subject: modem1\nAlphabet: ISO\nUDH: false\n\n"
                               "SMS STATUS REPORT\nMessage_id: 117\n"
                               "Discharge_timestamp: 00-02-21 22:27:01\n"
                               "Status: 0,Ok,short message received by the SME";
    static const char text[] = "From: 491721234567\n\nSMS status, I am fine";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX];

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    assert_true(in.is_status_report);
    /* Only the exact marker makes a status report. */
    assert_int_equal(PARSE(text, &in, err), 0);
    assert_false(in.is_status_report);
}

static void test_header_without_colon(void **state)
{
    /* The body written without the blank line must not be taken as headers. */
    static const char file[] = "From: 15555550123\nI feel awful\n\nmore";
    static const char noname[] = "From: 15555550123\n: value\n\nx";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(PARSE(file, &in, err), -1);
    assert_non_null(strstr(err, "line 2"));
    assert_non_null(strstr(err, "':'"));
    assert_int_equal(PARSE(noname, &in, err), -1);
    assert_non_null(strstr(err, "no name"));
}

static void test_huge_header(void **state)
{
    char file[SPOOL_HEADER_MAX + 100];
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";
    size_t n = 0;

    (void)state;
    n += (size_t)sprintf(file, "From: 15555550123\nSubject: ");
    memset(file + n, 'x', SPOOL_HEADER_MAX);
    n += SPOOL_HEADER_MAX;
    n += (size_t)sprintf(file + n, "\n\nhi");
    assert_int_equal(spoolfile_parse(file, n, &in, err, sizeof err), -1);
    assert_non_null(strstr(err, "longer than"));

    /* Just under the limit is fine. */
    n = (size_t)sprintf(file, "From: 15555550123\nSubject: ");
    memset(file + n, 'x', SPOOL_HEADER_MAX - 9);
    n += SPOOL_HEADER_MAX - 9;
    n += (size_t)sprintf(file + n, "\n\nhi");
    assert_int_equal(spoolfile_parse(file, n, &in, err, sizeof err), 0);
}

static void test_bad_numbers(void **state)
{
    static const char letters[] = "From: 1555abc0123\n\nhi";
    static const char alnum[] = "From: BANK\n\nhi";
    static const char spaces[] = "From: 1 555 555 0123\n\nhi";
    static const char plus_only[] = "From: +\n\nhi";
    static const char too_long[] = "From: 123456789012345678901234567890\n\nhi";
    static const char dup[] = "From: 15555550123\nFrom: 15555550124\n\nhi";
    static const char plus[] = "From: +15555550123\n\nhi";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(PARSE(letters, &in, err), -1);
    assert_non_null(strstr(err, "not a phone number"));
    /* The reason never repeats the number (it would be logged unmasked). */
    assert_null(strstr(err, "1555"));
    assert_int_equal(PARSE(alnum, &in, err), -1);
    assert_int_equal(PARSE(spaces, &in, err), -1);
    assert_int_equal(PARSE(plus_only, &in, err), -1);
    assert_int_equal(PARSE(too_long, &in, err), -1);
    assert_int_equal(PARSE(dup, &in, err), -1);
    assert_non_null(strstr(err, "more than one From"));
    assert_int_equal(PARSE(plus, &in, err), 0);
    assert_string_equal(in.from, "+15555550123");
}

static void test_from_toa(void **state)
{
    static const char national[] = "From: 5555550123\nFrom_TOA: A1 national, ISDN/telephone\n\nhi";
    static const char alpha[] = "From: 123\nFrom_TOA: D0 alphanumeric, unknown\n\nhi";
    static const char intl[] = "From: 15555550123\nFrom_TOA: 91 international, ISDN/telephone\n\nhi";
    static const char unknown[] = "From: 15555550123\nFrom_TOA: 81 unknown, ISDN/telephone\n\nhi";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(PARSE(national, &in, err), -1);
    assert_non_null(strstr(err, "not international"));
    assert_int_equal(PARSE(alpha, &in, err), -1);
    assert_int_equal(PARSE(intl, &in, err), 0);
    assert_int_equal(PARSE(unknown, &in, err), 0);
}

static void test_error_binary_nul(void **state)
{
    static const char error[] = "From: 15555550123\nError: Cannot decode PDU\n\nPDU: 0791...";
    static const char binary[] = "From: 15555550123\nAlphabet: binary\n\n\x01\x02";
    static const char nul[] = "From: 15555550123\nSubject: a\0b\n\nhi";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(PARSE(error, &in, err), -1);
    assert_non_null(strstr(err, "could not decode"));
    assert_int_equal(PARSE(binary, &in, err), -1);
    assert_non_null(strstr(err, "binary"));
    assert_int_equal(PARSE(nul, &in, err), -1);
    assert_non_null(strstr(err, "NUL"));
}

static void test_received(void **state)
{
    static const char four[] = "From: 15555550123\nReceived: 2026-02-28 23:59:59\n\nhi";
    static const char bad[] = "From: 15555550123\nReceived: yesterday\n\nhi";
    static const char feb30[] = "From: 15555550123\nReceived: 26-02-30 10:00:00\n\nhi";
    static const char leap[] = "From: 15555550123\nReceived: 28-02-29 10:00:00\n\nhi";
    static const char trail[] = "From: 15555550123\nReceived: 26-11-23 04:12:03x\n\nhi";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(PARSE(four, &in, err), 0);
    assert_true(in.has_received);
    assert_int_equal(in.received.tm_year, 126);
    assert_int_equal(in.received.tm_mon, 1);
    assert_int_equal(in.received.tm_mday, 28);
    /* An unreadable date is not a reason to refuse the message. */
    assert_int_equal(PARSE(bad, &in, err), 0);
    assert_false(in.has_received);
    assert_true(in.received_bad);
    assert_int_equal(PARSE(feb30, &in, err), 0);
    assert_true(in.received_bad);
    assert_int_equal(PARSE(leap, &in, err), 0);
    assert_true(in.has_received);
    assert_int_equal(PARSE(trail, &in, err), 0);
    assert_true(in.received_bad);
}

static void test_body_buffer_too_small(void **state)
{
    static const char file[] = "From: 15555550123\nAlphabet: ISO\n\n\xa4\xa4\xa4";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "", out[8];
    size_t n = 5;

    (void)state;
    assert_int_equal(PARSE(file, &in, err), 0);
    /* 9 bytes and the NUL do not fit in 8. */
    assert_int_equal(spoolfile_body_utf8(&in, out, sizeof out, &n, err, sizeof err), -1);
    assert_int_equal(n, 0);
    assert_non_null(strstr(err, "does not fit"));
    /* spoolfile_utf8_max is enough. */
    char big[3 * 3 + 1];
    assert_true(sizeof big >= spoolfile_utf8_max(in.body_len) + 1);
    assert_int_equal(spoolfile_body_utf8(&in, big, sizeof big, &n, err, sizeof err), 0);
    assert_int_equal(n, 9);
}

static void test_format(void **state)
{
    char out[256], err[SPOOL_ERROR_MAX] = "";
    long n;

    (void)state;
    n = spoolfile_format("+15555550123", "How are you today, 1-10?", false, out, sizeof out, err,
                         sizeof err);
    assert_string_equal(out, "To: 15555550123\nAlphabet: UTF-8\n\nHow are you today, 1-10?");
    assert_int_equal(n, (long)strlen(out));

    n = spoolfile_format("+15555550123", "Call or text 988", true, out, sizeof out, err,
                         sizeof err);
    assert_string_equal(out, "To: 15555550123\nAlphabet: UTF-8\nPriority: High\n\nCall or text 988");
    assert_int_equal(n, (long)strlen(out));

    /* Newlines inside the text stay; none is added after it. */
    n = spoolfile_format("+4915550001", "line 1\n\nline 3\n", false, out, sizeof out, err,
                         sizeof err);
    assert_string_equal(out, "To: 4915550001\nAlphabet: UTF-8\n\nline 1\n\nline 3\n");

    /* What we write, we can read back. */
    struct spool_in in;
    assert_int_equal(spoolfile_parse(out, (size_t)n, &in, err, sizeof err), -1); /* no From */
    n = spoolfile_format("+15555550123", "", false, out, sizeof out, err, sizeof err);
    assert_string_equal(out, "To: 15555550123\nAlphabet: UTF-8\n\n");
}

static void test_format_errors(void **state)
{
    char out[64], err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(spoolfile_format("15555550123", "x", false, out, sizeof out, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "E.164"));
    assert_int_equal(spoolfile_format("+1555abc0123", "x", false, out, sizeof out, err, sizeof err),
                     -1);
    assert_int_equal(spoolfile_format("+0155555501", "x", false, out, sizeof out, err, sizeof err),
                     -1);
    assert_int_equal(spoolfile_format("+123456", "x", false, out, sizeof out, err, sizeof err), -1);
    assert_int_equal(spoolfile_format("+1234567890123456", "x", false, out, sizeof out, err,
                                      sizeof err),
                     -1);
    assert_int_equal(spoolfile_format(NULL, "x", false, out, sizeof out, err, sizeof err), -1);
    /* A header injection through the number is impossible: digits only. */
    assert_int_equal(spoolfile_format("+1555\nFlash: yes", "x", false, out, sizeof out, err,
                                      sizeof err),
                     -1);
    /* Too small a buffer. */
    char small[40];
    assert_int_equal(spoolfile_format("+15555550123", "0123456789", false, small, sizeof small,
                                      err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "does not fit"));
    /* Exactly big enough: 33 bytes of headers, 6 of text, the NUL; one
     * more byte of text does not fit. */
    assert_int_equal(spoolfile_format("+15555550123", "012345", false, small, sizeof small, err,
                                      sizeof err),
                     39);
    assert_int_equal(spoolfile_format("+15555550123", "0123456", false, small, sizeof small, err,
                                      sizeof err),
                     -1);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(spoolfile_utf8_valid("", 0));
    assert_true(spoolfile_utf8_valid("abc \xc3\xa4 \xe2\x82\xac \xf0\x9f\x98\x80", 15));
    assert_false(spoolfile_utf8_valid("\xe4", 1));              /* Latin-1 a-umlaut */
    assert_false(spoolfile_utf8_valid("\xc0\xaf", 2));          /* overlong '/' */
    assert_false(spoolfile_utf8_valid("\xed\xa0\x80", 3));      /* a surrogate */
    assert_false(spoolfile_utf8_valid("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
    assert_false(spoolfile_utf8_valid("\xe2\x82", 2));          /* cut short */
}

static void test_fnv1a64(void **state)
{
    (void)state;
    /* Published FNV-1a 64-bit test vectors. */
    assert_true(spoolfile_fnv1a64("", 0) == 0xcbf29ce484222325ULL);
    assert_true(spoolfile_fnv1a64("a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(spoolfile_fnv1a64("foobar", 6) == 0x85944171f73967e8ULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_example),
        cmocka_unit_test(test_iso_8859_15),
        cmocka_unit_test(test_ucs2),
        cmocka_unit_test(test_gsm),
        cmocka_unit_test(test_no_alphabet),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_header_names_case_insensitive),
        cmocka_unit_test(test_missing_from),
        cmocka_unit_test(test_no_blank_line),
        cmocka_unit_test(test_empty_body),
        cmocka_unit_test(test_status_report),
        cmocka_unit_test(test_header_without_colon),
        cmocka_unit_test(test_huge_header),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test(test_from_toa),
        cmocka_unit_test(test_error_binary_nul),
        cmocka_unit_test(test_received),
        cmocka_unit_test(test_body_buffer_too_small),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_errors),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_fnv1a64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
