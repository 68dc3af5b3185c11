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

#include "csv.h"
#include "sparkline.h"

/* ---- csv_split ----------------------------------------------------------- */

static void test_split_plain(void **state)
{
    (void)state;
    char line[] = "ana,+15555550123,,America/New_York";
    char *f[8], err[128];
    assert_int_equal(csv_split(line, f, 8, err, sizeof err), 4);
    assert_string_equal(f[0], "ana");
    assert_string_equal(f[1], "+15555550123");
    assert_string_equal(f[2], "");
    assert_string_equal(f[3], "America/New_York");
}

static void test_split_quoted(void **state)
{
    (void)state;
    char line[] = "\"a, b\",\"say \"\"hi\"\"\",\"\",x";
    char *f[8], err[128];
    assert_int_equal(csv_split(line, f, 8, err, sizeof err), 4);
    assert_string_equal(f[0], "a, b");
    assert_string_equal(f[1], "say \"hi\"");
    assert_string_equal(f[2], "");
    assert_string_equal(f[3], "x");
}

static void test_split_errors(void **state)
{
    (void)state;
    char *f[3], err[128];
    char a[] = "\"open,b";
    assert_int_equal(csv_split(a, f, 3, err, sizeof err), -1);
    assert_non_null(strstr(err, "not closed"));
    char b[] = "\"x\"y,b";
    assert_int_equal(csv_split(b, f, 3, err, sizeof err), -1);
    assert_non_null(strstr(err, "after the closing quote"));
    char c[] = "a,b,c,d";
    assert_int_equal(csv_split(c, f, 3, err, sizeof err), -1);
    assert_non_null(strstr(err, "more than 3"));
    char d[] = "a,b\"c\"";  /* a quote inside an unquoted field is text */
    assert_int_equal(csv_split(d, f, 3, err, sizeof err), 2);
    assert_string_equal(f[1], "b\"c\"");
    char e[] = "";
    assert_int_equal(csv_split(e, f, 3, err, sizeof err), 1);
    assert_string_equal(f[0], "");
    char g[] = "a,";
    assert_int_equal(csv_split(g, f, 3, err, sizeof err), 2);
    assert_string_equal(f[1], "");
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
        cmocka_unit_test(test_split_plain),
        cmocka_unit_test(test_split_quoted),
        cmocka_unit_test(test_split_errors),
        cmocka_unit_test(test_write_roundtrip),
        cmocka_unit_test(test_write_formula_guard),
        cmocka_unit_test(test_sparkline_utf8),
        cmocka_unit_test(test_sparkline_ascii_and_gap),
        cmocka_unit_test(test_sparkline_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
