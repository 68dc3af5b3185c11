/* test_report.c: report.c, the HTML report, on data made here: the
 * figures, the escaping of user text, and the shape of the document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report.h"

/* 2026-11-16 00:00 UTC, a Monday. */
#define FROM INT64_C(1794787200)
#define DAY 86400

static struct report_mood moods_a[] = {
    {FROM + 9 * 3600, 70, 7.3, 10}, {FROM + DAY + 9 * 3600, 30, 3.7, 10},
    {FROM + 2 * DAY + 9 * 3600, 50, 5.5, 10},
};
static struct report_checkin checkins_a[] = {
    {FROM + 9 * 3600, REPORT_ANSWERED}, {FROM + DAY + 9 * 3600, REPORT_ANSWERED},
    {FROM + 2 * DAY + 9 * 3600, REPORT_ANSWERED}, {FROM + 3 * DAY + 9 * 3600, REPORT_MISSED},
    {FROM + 6 * DAY + 9 * 3600, REPORT_PENDING},
};
static struct report_checkin checkins_b[] = {
    {FROM + 9 * 3600, REPORT_MISSED},
};

static struct report_client clients[2];
static struct report_esc escs[3];

static void fill(struct report *r, const char *alias_b)
{
    memset(clients, 0, sizeof clients);
    snprintf(clients[0].alias, sizeof clients[0].alias, "ana");
    snprintf(clients[0].state, sizeof clients[0].state, "active");
    clients[0].moods = moods_a;
    clients[0].nmoods = 3;
    clients[0].checkins = checkins_a;
    clients[0].ncheckins = 5;
    snprintf(clients[1].alias, sizeof clients[1].alias, "%s", alias_b);
    snprintf(clients[1].state, sizeof clients[1].state, "paused");
    clients[1].checkins = checkins_b;
    clients[1].ncheckins = 1;

    memset(escs, 0, sizeof escs);
    escs[0] = (struct report_esc){3, "ana", "urgent", "crisis language", "acked",
                                  FROM + DAY, FROM + DAY + 600};
    escs[1] = (struct report_esc){2, "ana", "high", "score 2 <= 3 & \"falling\"", "acked",
                                  FROM + 10, FROM + 10 + 1800};
    escs[2] = (struct report_esc){1, "", "watch", "3 missed in a row", "open", FROM, 0};

    memset(r, 0, sizeof *r);
    r->program = "Peer <Support> & Co";
    r->alias = NULL;
    r->tz = "UTC";
    r->from = FROM;
    r->to = FROM + 7 * DAY;
    r->days = 7;
    r->generated_at = r->to;
    r->clients = clients;
    r->nclients = 2;
    r->escs = escs;
    r->nescs = 3;
}

static char *render(const struct report *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(report_write_html(r, f), 0);
    fclose(f);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void test_totals(void **state)
{
    (void)state;
    struct report r;
    struct report_totals t;
    fill(&r, "ben");
    report_totals(&r, &t);
    assert_int_equal(t.clients, 2);
    assert_int_equal(t.moods, 3);
    assert_true(fabs(t.mood_mean - 50.0) < 1e-9);
    assert_int_equal(t.checkins, 6);
    assert_int_equal(t.answered, 3);
    assert_int_equal(t.missed, 2);
    assert_int_equal(t.pending, 1);
    assert_true(fabs(t.response_rate - 0.6) < 1e-9); /* 3 of 5 settled */
    assert_int_equal(t.escalations, 3);
    assert_int_equal(t.acked, 2);
    assert_int_equal(t.ack_median, 1200); /* (600 + 1800) / 2 */
    assert_int_equal(t.ack_max, 1800);
}

static void test_totals_empty(void **state)
{
    (void)state;
    struct report r;
    struct report_totals t;
    fill(&r, "ben");
    r.nclients = 0;
    r.nescs = 0;
    report_totals(&r, &t);
    assert_true(isnan(t.mood_mean));
    assert_true(isnan(t.response_rate));
    assert_int_equal(t.ack_median, -1);
    char *html = render(&r);
    assert_non_null(strstr(html, "no moods recorded in this period"));
    assert_non_null(strstr(html, "no check-ins in this period"));
    assert_non_null(strstr(html, "<td id=\"response-rate\">n/a</td>"));
    assert_non_null(strstr(html, "No escalations in this period."));
    free(html);
}

static void test_duration(void **state)
{
    (void)state;
    char d[32];
    assert_string_equal(report_duration(45, d, sizeof d), "45 s");
    assert_string_equal(report_duration(600, d, sizeof d), "10 min");
    assert_string_equal(report_duration(3 * 3600 + 5 * 60, d, sizeof d), "3 h 05 min");
    assert_string_equal(report_duration(2 * DAY + 4 * 3600, d, sizeof d), "2 d 4 h");
    assert_string_equal(report_duration(-5, d, sizeof d), "0 s");
}

static void test_html_figures_and_shape(void **state)
{
    (void)state;
    struct report r;
    fill(&r, "ben");
    char *html = render(&r);
    assert_true(strncmp(html, "<!DOCTYPE html>\n<html", 21) == 0);
    assert_non_null(strstr(html, "</html>\n"));
    assert_non_null(strstr(html, "<td id=\"response-rate\">60%</td>"));
    assert_non_null(strstr(html, "<td id=\"n-missed\">2</td>"));
    assert_non_null(strstr(html, "<td id=\"n-answered\">3</td>"));
    assert_non_null(strstr(html, "<td id=\"mood-mean\">50</td>"));
    assert_non_null(strstr(html, "<td id=\"ack-median\">20 min</td>"));
    assert_non_null(strstr(html, "<td id=\"ack-max\">30 min</td>"));
    assert_non_null(strstr(html, "not acknowledged (open 7 d 0 h)"));
    assert_non_null(strstr(html, "(not enrolled)"));
    /* Two charts, each closed; the program view draws the daily mean. */
    assert_int_equal(count(html, "<svg "), 2);
    assert_int_equal(count(html, "</svg>"), 2);
    assert_non_null(strstr(html, "id=\"mood-chart\""));
    assert_non_null(strstr(html, "class=\"mean\""));
    assert_int_equal(count(html, "<circle "), 3);
    /* Self-contained: no script, no outside reference. */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "href="));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "http://www.example"));
    free(html);
}

static void test_html_escapes_user_text(void **state)
{
    (void)state;
    struct report r;
    fill(&r, "<script>x</script>\"'\x01\xff");
    char *html = render(&r);
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "&lt;script&gt;x&lt;/script&gt;&quot;&#39; &#65533;"));
    assert_non_null(strstr(html, "Peer &lt;Support&gt; &amp; Co"));
    assert_non_null(strstr(html, "score 2 &lt;= 3 &amp; &quot;falling&quot;"));
    free(html);
}

static void test_html_one_client(void **state)
{
    (void)state;
    struct report r;
    fill(&r, "ben");
    r.alias = "ana";
    r.nclients = 1;
    r.nescs = 2;
    char *html = render(&r);
    assert_non_null(strstr(html, "client <span id=\"scope\">ana</span>"));
    assert_null(strstr(html, "class=\"mean\"")); /* one client: its own line is enough */
    assert_null(strstr(html, "id=\"clients\""));
    assert_non_null(strstr(html, "<td id=\"response-rate\">75%</td>"));
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_totals_empty),
        cmocka_unit_test(test_duration),
        cmocka_unit_test(test_html_figures_and_shape),
        cmocka_unit_test(test_html_escapes_user_text),
        cmocka_unit_test(test_html_one_client),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
