/* SPDX-License-Identifier: Apache-2.0 */
/* test_spoolfile.c: the pure smstools3 spool file parser and formatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "spool/spoolfile.h"

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

/* The old positional form, with no report requested, UTF-8. */
static long FMT(const char *to, const char *body, bool urgent, char *out, size_t outsz, char *err,
                size_t errlen)
{
    struct spool_out m = {.to = to, .body = body, .urgent = urgent};
    return spoolfile_format(&m, out, outsz, err, errlen);
}

static void test_format(void **state)
{
    char out[256], err[SPOOL_ERROR_MAX] = "";
    long n;

    (void)state;
    n = FMT("+15555550123", "How are you today, 1-10?", false, out, sizeof out, err,
                         sizeof err);
    assert_string_equal(out, "To: 15555550123\nAlphabet: UTF-8\n\nHow are you today, 1-10?");
    assert_int_equal(n, (long)strlen(out));

    n = FMT("+15555550123", "Call or text 988", true, out, sizeof out, err,
                         sizeof err);
    assert_string_equal(out, "To: 15555550123\nAlphabet: UTF-8\nPriority: High\n\nCall or text 988");
    assert_int_equal(n, (long)strlen(out));

    /* Newlines inside the text stay; none is added after it. */
    n = FMT("+4915550001", "line 1\n\nline 3\n", false, out, sizeof out, err,
                         sizeof err);
    assert_string_equal(out, "To: 4915550001\nAlphabet: UTF-8\n\nline 1\n\nline 3\n");

    /* What we write, we can read back. */
    struct spool_in in;
    assert_int_equal(spoolfile_parse(out, (size_t)n, &in, err, sizeof err), -1); /* no From */
    n = FMT("+15555550123", "", false, out, sizeof out, err, sizeof err);
    assert_string_equal(out, "To: 15555550123\nAlphabet: UTF-8\n\n");
}

static void test_format_errors(void **state)
{
    char out[64], err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(FMT("15555550123", "x", false, out, sizeof out, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "E.164"));
    assert_int_equal(FMT("+1555abc0123", "x", false, out, sizeof out, err, sizeof err),
                     -1);
    assert_int_equal(FMT("+0155555501", "x", false, out, sizeof out, err, sizeof err),
                     -1);
    assert_int_equal(FMT("+123456", "x", false, out, sizeof out, err, sizeof err), -1);
    assert_int_equal(FMT("+1234567890123456", "x", false, out, sizeof out, err,
                                      sizeof err),
                     -1);
    assert_int_equal(FMT(NULL, "x", false, out, sizeof out, err, sizeof err), -1);
    /* A header injection through the number is impossible: digits only. */
    assert_int_equal(FMT("+1555\nFlash: yes", "x", false, out, sizeof out, err,
                                      sizeof err),
                     -1);
    /* Too small a buffer. */
    char small[40];
    assert_int_equal(FMT("+15555550123", "0123456789", false, small, sizeof small,
                                      err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "does not fit"));
    /* Exactly big enough: 33 bytes of headers, 6 of text, the NUL; one
     * more byte of text does not fit. */
    assert_int_equal(FMT("+15555550123", "012345", false, small, sizeof small, err,
                                      sizeof err),
                     39);
    assert_int_equal(FMT("+15555550123", "0123456", false, small, sizeof small, err,
                                      sizeof err),
                     -1);
}

static void test_format_report_ucs2(void **state)
{
    char out[256], err[SPOOL_ERROR_MAX] = "";
    struct spool_out m = {.to = "+15555550123", .body = "ok", .report = true, .urgent = true};
    long n;

    (void)state;
    n = spoolfile_format(&m, out, sizeof out, err, sizeof err);
    assert_string_equal(out, "To: 15555550123\nAlphabet: UTF-8\nPriority: High\nReport: yes\n\nok");
    assert_int_equal(n, (long)strlen(out));

    /* UCS2: big-endian UTF-16; invalid UTF-8 becomes U+FFFD; what we write
     * reads back the same through the incoming parser. */
    m.urgent = m.report = false;
    m.ucs2 = true;
    m.body = "\xc3\xa4\xff\xf0\x9f\x98\x80";
    n = spoolfile_format(&m, out, sizeof out, err, sizeof err);
    static const char want[] = "To: 15555550123\nAlphabet: UCS2\n\n\x00\xe4\xff\xfd\xd8\x3d\xde\x00";
    assert_int_equal(n, (long)sizeof want - 1);
    assert_memory_equal(out, want, sizeof want - 1);

    char in_file[256], text[64];
    size_t tl;
    struct spool_in in;
    int hl = snprintf(in_file, sizeof in_file, "From: 15555550123\nAlphabet: UCS2\n\n");
    memcpy(in_file + hl, want + 32, 8);
    assert_int_equal(spoolfile_parse(in_file, (size_t)hl + 8, &in, err, sizeof err), 0);
    assert_int_equal(spoolfile_body_utf8(&in, text, sizeof text, &tl, err, sizeof err), 0);
    assert_int_equal(tl, 9);
    assert_memory_equal(text, "\xc3\xa4\xef\xbf\xbd\xf0\x9f\x98\x80", 9);

    /* The UCS2 text must fit too: 4 bytes for "ab" after the headers. */
    char small[36];
    m.body = "ab";
    assert_int_equal(spoolfile_format(&m, small, sizeof small, err, sizeof err), -1);
    assert_non_null(strstr(err, "does not fit"));
    char fits[37];
    assert_int_equal(spoolfile_format(&m, fits, sizeof fits, err, sizeof err), 36);
}

static void test_result_sent(void **state)
{
    static const char f[] = "To: 358 12 345 6789\nAlphabet: UTF-8\nReport: yes\nModem: GSM1\n"
                            "Sent: 26-11-23 09:00:02\nMessage_id: 117\nSending_time: 3\n\nhello";
    struct spool_result r;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(spoolfile_parse_result(f, sizeof f - 1, &r, err, sizeof err), 0);
    assert_string_equal(r.to, "358123456789"); /* smsd's grouped form */
    assert_int_equal(r.message_id, 117);
    assert_false(r.failed);
    assert_string_equal(r.original_name, "");

    /* messageids = 3: every part, then " ."; the last part's id counts. */
    static const char all[] = "To: 15555550123\nMessage_id: 115 116 117 .\n\nx";
    assert_int_equal(spoolfile_parse_result(all, sizeof all - 1, &r, err, sizeof err), 0);
    assert_int_equal(r.message_id, 117);
    static const char bad_id[] = "To: 15555550123\nMessage_id: 1x7\n\nx";
    assert_int_equal(spoolfile_parse_result(bad_id, sizeof bad_id - 1, &r, err, sizeof err), 0);
    assert_int_equal(r.message_id, -1);
    /* No report asked: no Message_id. */
    static const char none[] = "To: 15555550123\nModem: GSM1\n\nx";
    assert_int_equal(spoolfile_parse_result(none, sizeof none - 1, &r, err, sizeof err), 0);
    assert_int_equal(r.message_id, -1);
}

static void test_result_failed(void **state)
{
    static const char f[] = "To: 15555550123\nAlphabet: UTF-8\nModem: GSM1\n"
                            "Original_filename: gw-43-1790000000-2\n"
                            "Failed: 26-11-23 09:00:31\n"
                            "Fail_reason: +CMS ERROR: 38 (Network out of order)\r\n\nx";
    struct spool_result r;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(spoolfile_parse_result(f, sizeof f - 1, &r, err, sizeof err), 0);
    assert_true(r.failed);
    assert_string_equal(r.fail_reason, "+CMS ERROR: 38 (Network out of order)");
    assert_string_equal(r.original_name, "gw-43-1790000000-2");

    /* Control bytes in a value cannot reach a log line. */
    static const char ctl[] = "To: 1555\nFail_reason: a\x1b[31mb\x7f\n\nx";
    assert_int_equal(spoolfile_parse_result(ctl, sizeof ctl - 1, &r, err, sizeof err), 0);
    assert_string_equal(r.fail_reason, "a?[31mb?");

    static const char no_to[] = "Modem: GSM1\n\nx";
    assert_int_equal(spoolfile_parse_result(no_to, sizeof no_to - 1, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "no To"));
    static const char no_blank[] = "To: 1555\nModem: GSM1\n";
    assert_int_equal(spoolfile_parse_result(no_blank, sizeof no_blank - 1, &r, err, sizeof err),
                     -1);
    assert_int_equal(spoolfile_parse_result(NULL, 3, &r, err, sizeof err), -1);
}

static void test_report_parse(void **state)
{
    /* smstools3's own example, examples/received_report.sms. */
    static const char f[] = "From: 491721234567\nFrom_SMSC: 491722270333\n"
                            "Sent: 02-01-21 22:26:23\nReceived: 02-01-21 22:26:25\n"
                            "Subject: GSM1\n\nSMS STATUS REPORT\nMessage_id: 117\n"
                            "Discharge_timestamp: 02-01-21 22:27:02\n"
                            "Status: 0,Ok,short message received by the SME\n";
    struct spool_in in;
    struct spool_report rp;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(spoolfile_parse(f, sizeof f - 1, &in, err, sizeof err), 0);
    assert_true(in.is_status_report);
    assert_int_equal(spoolfile_parse_report(in.body, in.body_len, &rp, err, sizeof err), 0);
    assert_int_equal(rp.message_id, 117);
    assert_int_equal(rp.status, 0);
    assert_string_equal(rp.status_text, "0,Ok,short message received by the SME");

    static const char no_status[] = "SMS STATUS REPORT\nMessage_id: 1";
    assert_int_equal(spoolfile_parse_report(no_status, sizeof no_status - 1, &rp, err,
                                            sizeof err), -1);
    assert_non_null(strstr(err, "Status"));
    static const char no_id[] = "SMS STATUS REPORT\r\nStatus: 64,Error,remote procedure error";
    assert_int_equal(spoolfile_parse_report(no_id, sizeof no_id - 1, &rp, err, sizeof err), -1);
    assert_non_null(strstr(err, "Message_id"));
    static const char big[] = "SMS STATUS REPORT\nMessage_id: 1\nStatus: 300,x";
    assert_int_equal(spoolfile_parse_report(big, sizeof big - 1, &rp, err, sizeof err), -1);
    assert_int_equal(spoolfile_parse_report("hello", 5, &rp, err, sizeof err), -1);
    assert_int_equal(spoolfile_parse_report(NULL, 0, &rp, err, sizeof err), -1);
    static const char junk[] = "SMS STATUS REPORT\nno colon here";
    assert_int_equal(spoolfile_parse_report(junk, sizeof junk - 1, &rp, err, sizeof err), -1);

    /* TP-Status ranges, 3GPP TS 23.040 9.2.3.15. */
    assert_int_equal(spoolfile_report_state(0), SPOOL_REPORT_DELIVERED);
    assert_int_equal(spoolfile_report_state(2), SPOOL_REPORT_DELIVERED);
    assert_int_equal(spoolfile_report_state(31), SPOOL_REPORT_DELIVERED);
    assert_int_equal(spoolfile_report_state(32), SPOOL_REPORT_PENDING);
    assert_int_equal(spoolfile_report_state(63), SPOOL_REPORT_PENDING);
    assert_int_equal(spoolfile_report_state(64), SPOOL_REPORT_FAILED);
    assert_int_equal(spoolfile_report_state(96), SPOOL_REPORT_FAILED);
    assert_int_equal(spoolfile_report_state(255), SPOOL_REPORT_FAILED);
}

static void test_udh_incomplete(void **state)
{
    /* Part 2 of 3 of a long message smsd did not join (internal_combine = no). */
    static const char part[] = "From: 15555550123\nAlphabet: ISO\nUDH-DATA: 05 00 03 A7 03 02\n\nrt";
    static const char part16[] = "From: 15555550123\nUDH-DATA: 06 08 04 01 02 02 01\n\nx";
    static const char bad[] = "From: 15555550123\nUDH-DATA: 05 00 0\n\nx";
    static const char inc[] = "From: 15555550123\nIncomplete: yes\n\nhalf a mess";
    struct spool_in in;
    char err[SPOOL_ERROR_MAX] = "";

    (void)state;
    assert_int_equal(spoolfile_parse(part, sizeof part - 1, &in, err, sizeof err), 0);
    assert_int_equal(in.concat_ref, 0xA7);
    assert_int_equal(in.concat_total, 3);
    assert_int_equal(in.concat_seq, 2);
    assert_int_equal(spoolfile_parse(part16, sizeof part16 - 1, &in, err, sizeof err), 0);
    assert_int_equal(in.concat_ref, 0x0102);
    assert_int_equal(in.concat_total, 2);
    assert_int_equal(in.concat_seq, 1);
    /* A broken dump loses only the numbering, never the text. */
    assert_int_equal(spoolfile_parse(bad, sizeof bad - 1, &in, err, sizeof err), 0);
    assert_int_equal(in.concat_total, 0);
    assert_int_equal(in.body_len, 1);
    assert_int_equal(spoolfile_parse(inc, sizeof inc - 1, &in, err, sizeof err), 0);
    assert_true(in.incomplete);
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
        cmocka_unit_test(test_format_report_ucs2),
        cmocka_unit_test(test_result_sent),
        cmocka_unit_test(test_result_failed),
        cmocka_unit_test(test_report_parse),
        cmocka_unit_test(test_udh_incomplete),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_fnv1a64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
