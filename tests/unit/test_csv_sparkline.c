/* SPDX-License-Identifier: Apache-2.0 */
/* test_csv_sparkline.c: the pure helpers behind checkinctl's import,
 * export and history: csv.c and sparkline.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/csv.h"
#include "base/sparkline.h"

/* ---- csv_reader ------------------------------------------------------------ */

/* What the reader gave: one "LINE|field|field..." or "LINE!error" a record. */
struct seen {
    char out[1024];
    int stop_at; /* stop (return 7) at this record, 0 = never */
    int records;
};

static int collect(const struct csv_record *rec, void *arg)
{
    struct seen *s = arg;
    size_t n = strlen(s->out);
    if (rec->error) {
        snprintf(s->out + n, sizeof s->out - n, "%ld!%s\n", rec->line, rec->error);
    } else {
        n += (size_t)snprintf(s->out + n, sizeof s->out - n, "%ld", rec->line);
        for (int i = 0; i < rec->n; i++)
            n += (size_t)snprintf(s->out + n, sizeof s->out - n, "|%s", rec->fields[i]);
        snprintf(s->out + n, sizeof s->out - n, "\n");
    }
    return ++s->records == s->stop_at ? 7 : 0;
}

/* Feeds text a line at a time (as import does) and then ends it. */
static int read_all(const char *text, int max_fields, size_t max_bytes, struct seen *s)
{
    struct csv_reader *r = csv_reader_new(max_fields, max_bytes);
    assert_non_null(r);
    long lineno = 0;
    int rc = 0;
    for (const char *p = text; *p && rc == 0;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        rc = csv_reader_feed(r, p, len, ++lineno, collect, s);
        p += len;
    }
    if (rc == 0)
        rc = csv_reader_finish(r, collect, s);
    csv_reader_free(r);
    return rc;
}

static void test_reader_plain_and_quoted(void **state)
{
    (void)state;
    struct seen s = {.out = ""};
    assert_int_equal(read_all("ana,+15555550123,,America/New_York\r\n"
                              "\"a, b\",\"say \"\"hi\"\"\",\"\", x \n"
                              "a,\n"
                              "last,no newline", 8, 4096, &s), 0);
    assert_string_equal(s.out, "1|ana|+15555550123||America/New_York\n"
                               "2|a, b|say \"hi\"||x\n"
                               "3|a|\n"
                               "4|last|no newline\n");
}

static void test_reader_line_break_in_field(void **state)
{
    (void)state;
    struct seen s = {.out = ""};
    /* The record of lines 2-4 is one, named by its first line; the line
     * after it is a record of its own (it used to get a wrong error). */
    assert_int_equal(read_all("alias,phone,name\n"
                              "ana,+15555550181,\"Ana\n"
                              "\n"
                              "# not a comment: inside the quotes\"\n"
                              "bob,+15555550182,Bob\n", 8, 4096, &s), 0);
    assert_string_equal(s.out, "1|alias|phone|name\n"
                               "2|ana|+15555550181|Ana\n\n# not a comment: inside the quotes\n"
                               "5|bob|+15555550182|Bob\n");
}

static void test_reader_skips_blank_and_comment_lines(void **state)
{
    (void)state;
    struct seen s = {.out = ""};
    assert_int_equal(read_all("# first\n\n   \n\r\na,b\n  # indented, \"quoted\n\nc,d\n", 8, 4096,
                              &s), 0);
    assert_string_equal(s.out, "5|a|b\n8|c|d\n");
}

static void test_reader_errors(void **state)
{
    (void)state;
    struct seen s = {.out = ""};
    assert_int_equal(read_all("a,Cy \"C\" D,x\n"  /* a quote inside an unquoted field */
                              "\"x\"y,b\n"        /* text after a closing quote */
                              "ok,1\n"
                              "a,b,c,d\n"         /* more than 3 fields */
                              "0123456789,0123456789\n" /* longer than 16 bytes */
                              "ok,2\n"
                              "gus,\"unclosed\n"  /* runs to the end */
                              "hal,+1\n", 3, 16, &s), 0);
    assert_non_null(strstr(s.out, "1!field 2: a quote that neither opens nor closes"));
    assert_non_null(strstr(s.out, "2!field 1: a quote that neither"));
    assert_non_null(strstr(s.out, "3|ok|1\n"));
    assert_non_null(strstr(s.out, "4!more than 3 fields\n"));
    assert_non_null(strstr(s.out, "5!the record is longer than 16 bytes\n"));
    assert_non_null(strstr(s.out, "6|ok|2\n"));
    assert_non_null(strstr(s.out, "7!field 2: a quote is not closed"));
    assert_int_equal(s.records, 7);
}

static void test_reader_nul_and_stop(void **state)
{
    (void)state;
    struct seen s = {.out = "", .stop_at = 1};
    struct csv_reader *r = csv_reader_new(4, 64);
    assert_non_null(r);
    assert_int_equal(csv_reader_feed(r, "a,b\0c\n", 6, 1, collect, &s), 7);
    assert_string_equal(s.out, "1!field 2 holds a NUL byte\n");
    csv_reader_free(r);
    csv_reader_free(NULL);
}

/* ---- csv_write_field ------------------------------------------------------- */

static char *write_fields(const char *const *v, const bool *text, int n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        assert_int_equal(csv_write_field(f, v[i], text[i]), 0);
    }
    fclose(f);
    return buf;
}

static void test_write_roundtrip(void **state)
{
    (void)state;
    const char *v[] = {"plain", "a, b", "say \"hi\"", " pad", "+15555550123", "", "two\nlines"};
    const bool text[] = {true, true, true, true, false, true, true};
    char *out = write_fields(v, text, 7);
    assert_string_equal(out, "plain,\"a, b\",\"say \"\"hi\"\"\",\" pad\",+15555550123,,"
                             "\"two\nlines\"");
    free(out);
}

static void test_write_formula_guard(void **state)
{
    (void)state;
    const char *v[] = {"=HYPERLINK(\"x\")", "@SUM(1)", "-3", "+15555550123"};
    const bool text[] = {true, true, true, false};
    char *out = write_fields(v, text, 4);
    assert_string_equal(out, "\"'=HYPERLINK(\"\"x\"\")\",\"'@SUM(1)\",\"'-3\",+15555550123");
    free(out);
}

/* ---- sparkline --------------------------------------------------------------- */

static void test_sparkline_utf8(void **state)
{
    (void)state;
    double v[] = {0, 12.4, 12.5, 50, 99.9, 100, -5, 250};
    char out[64];
    assert_int_equal(sparkline(v, 8, true, out, sizeof out), 8);
    assert_string_equal(out, "\u2581\u2581\u2582\u2585\u2588\u2588\u2581\u2588");
    assert_int_equal(strlen(out) + 1, sparkline_size(8, true));
}

static void test_sparkline_ascii_and_gap(void **state)
{
    (void)state;
    double v[] = {0, 30, NAN, 70, 100};
    char out[16];
    assert_int_equal(sparkline(v, 5, false, out, sizeof out), 5);
    assert_string_equal(out, "_- *@"); /* 30 -> level 2, 70 -> level 5 */
}

static void test_sparkline_small_buffer(void **state)
{
    (void)state;
    double v[] = {10, 20, 30, 40};
    char out[7]; /* two blocks and the NUL */
    assert_int_equal(sparkline(v, 4, true, out, sizeof out), 2);
    assert_int_equal(strlen(out), 6);
    assert_int_equal(sparkline(v, 4, false, out, 1), 0);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_plain_and_quoted),
        cmocka_unit_test(test_reader_line_break_in_field),
        cmocka_unit_test(test_reader_skips_blank_and_comment_lines),
        cmocka_unit_test(test_reader_errors),
        cmocka_unit_test(test_reader_nul_and_stop),
        cmocka_unit_test(test_write_roundtrip),
        cmocka_unit_test(test_write_formula_guard),
        cmocka_unit_test(test_sparkline_utf8),
        cmocka_unit_test(test_sparkline_ascii_and_gap),
        cmocka_unit_test(test_sparkline_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
