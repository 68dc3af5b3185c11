/* SPDX-License-Identifier: Apache-2.0 */
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

#include "model/report.h"

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
static struct report_conv convs[2];
static struct report_followups fus[2];

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
    escs[0] = (struct report_esc){3, "ana", "urgent", "crisis language", ESC_ACKED,
                                  FROM + DAY, FROM + DAY + 600};
    escs[1] = (struct report_esc){2, "ana", "high", "score 2 <= 3 & \"falling\"", ESC_ACKED,
                                  FROM + 10, FROM + 10 + 1800};
    escs[2] = (struct report_esc){1, "", "watch", "3 missed in a row", ESC_OPEN, FROM, 0};

    memset(convs, 0, sizeof convs);
    convs[0] = (struct report_conv){7, 3, "ana", "jordan", "sam", FROM + DAY + 600,
                                    FROM + 2 * DAY, "RESOLVE", 1, 4, 3};
    convs[1] = (struct report_conv){.id = 8, .opened_at = FROM + 3 * DAY, .to_client = 1};
    snprintf(convs[1].alias, sizeof convs[1].alias, "%s", alias_b);
    snprintf(convs[1].opened_by, sizeof convs[1].opened_by, "jordan");
    snprintf(convs[1].holder, sizeof convs[1].holder, "jordan");
    memset(fus, 0, sizeof fus);
    fus[0] = (struct report_followups){"jordan", 3, 1, 1, 1, 1, 1};
    fus[1] = (struct report_followups){"sam", 1, 1, 0, 0, 0, 0};

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
    r->convs = convs;
    r->nconvs = 2;
    r->fus = fus;
    r->nfus = 2;
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
    r.nconvs = 0;
    r.nfus = 0;
    report_totals(&r, &t);
    assert_true(isnan(t.mood_mean));
    assert_true(isnan(t.response_rate));
    assert_int_equal(t.ack_median, -1);
    char *html = render(&r);
    assert_non_null(strstr(html, "no moods recorded in this period"));
    assert_non_null(strstr(html, "no check-ins in this period"));
    assert_non_null(strstr(html, "<td id=\"response-rate\">n/a</td>"));
    assert_non_null(strstr(html, "No escalations in this period."));
    assert_non_null(strstr(html, "<p id=\"conversations\">No conversations in this period.</p>"));
    assert_non_null(strstr(html, "<p id=\"followups\">No follow-up tasks due in this period.</p>"));
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
    /* A dot on each of ana's 3 moods and on each of the mean's 3 days. */
    assert_int_equal(count(html, "<circle "), 6);
    assert_int_equal(count(html, "<circle class=\"mean-pt\""), 3);
    assert_non_null(strstr(html, "<title>daily mean 2026-11-17: 30/100</title>"));
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
    assert_non_null(strstr(html, "<tr><td>&lt;script&gt;x&lt;/script&gt;&quot;&#39; &#65533;"
                                 "</td><td>TEXT</td>"));
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

/* Conversations (issue 18): who, when, how each ended, the messages each
 * way counted; follow-up tasks per specialist. Sections after the
 * escalations, in that order. */
static void test_conversations_and_followups(void **state)
{
    (void)state;
    struct report r;
    fill(&r, "ben");
    char *html = render(&r);
    const char *esc = strstr(html, "<h2>Escalations</h2>");
    const char *conv = strstr(html, "<h2>Conversations</h2>");
    const char *fu = strstr(html, "<h2>Follow-up tasks</h2>");
    assert_non_null(esc);
    assert_non_null(conv);
    assert_non_null(fu);
    assert_true(esc < conv && conv < fu);
    assert_non_null(strstr(html, "<table class=\"list\" id=\"conversations\">"));
    assert_non_null(strstr(html, "<tr><td>ana</td><td>#3</td><td>2026-11-17 00:10 UTC</td>"
                                 "<td>jordan</td><td>2026-11-18 00:00 UTC</td><td>RESOLVE</td>"
                                 "<td>1</td><td>sam</td><td>4</td><td>3</td></tr>"));
    assert_non_null(strstr(html, "<tr><td>ben</td><td>TEXT</td><td>2026-11-19 00:00 UTC</td>"
                                 "<td>jordan</td><td>-</td><td>still open</td><td>0</td>"
                                 "<td>jordan</td><td>1</td><td>0</td></tr>"));
    assert_non_null(strstr(html, "<table class=\"list\" id=\"followups\">"));
    assert_non_null(strstr(html, "<tr><td>jordan</td><td>3</td><td>1</td><td>1</td><td>1</td>"
                                 "<td class=\"bad\">1</td><td>1</td></tr>"));
    assert_non_null(strstr(html, "<tr><td>sam</td><td>1</td><td>1</td><td>0</td><td>0</td>"
                                 "<td>0</td><td>0</td></tr>"));
    free(html);
}

/* The circles of the mood chart (the part of the document up to its </svg>). */
static size_t mood_chart_circles(const char *html, const char *needle)
{
    const char *chart = strstr(html, "id=\"mood-chart\"");
    assert_non_null(chart);
    const char *end = strstr(chart, "</svg>");
    assert_non_null(end);
    char *svg = strndup(chart, (size_t)(end - chart));
    assert_non_null(svg);
    size_t n = count(svg, needle);
    free(svg);
    return n;
}

/* Day one of a program of nine clients (past MAX_LINES: only the daily
 * mean is drawn), one mood each: the mean is one point, which a polyline
 * does not draw; the point must be marked. */
static void test_day_one_mean_is_marked(void **state)
{
    (void)state;
    struct report r;
    struct report_client many[9];
    struct report_mood one[9];
    fill(&r, "ben");
    memset(many, 0, sizeof many);
    for (int i = 0; i < 9; i++) {
        snprintf(many[i].alias, sizeof many[i].alias, "c%d", i);
        one[i] = (struct report_mood){FROM + 9 * 3600 + i, 20.0 + 5 * i, 3, 10};
        many[i].moods = &one[i];
        many[i].nmoods = 1;
    }
    r.clients = many;
    r.nclients = 9;
    r.days = 1;
    r.to = FROM + DAY;
    char *html = render(&r);
    assert_non_null(strstr(html, "only the daily mean is drawn"));
    assert_int_equal(mood_chart_circles(html, "<circle "), 1);
    assert_non_null(strstr(html, "<circle class=\"mean-pt\" cx=\""));
    assert_non_null(strstr(html, "daily mean 2026-11-16: 40/100"));
    free(html);
}

/* Past MAX_DOTS moods the points lose their circles, but a client's only
 * mood (a polyline of one point) keeps its own. */
static void test_lone_point_keeps_its_circle(void **state)
{
    (void)state;
    struct report r;
    enum { N = 1600 };
    struct report_mood *lots = calloc(N, sizeof *lots), lone = {FROM + 3600, 50, 5.5, 10};
    assert_non_null(lots);
    for (int i = 0; i < N; i++)
        lots[i] = (struct report_mood){FROM + i * 60, 50, 5.5, 10};
    fill(&r, "ben");
    clients[0].moods = lots;
    clients[0].nmoods = N;
    clients[1].moods = &lone;
    clients[1].nmoods = 1;
    r.alias = "x"; /* a client's view: no mean line, only the two clients' */
    char *html = render(&r);
    assert_int_equal(mood_chart_circles(html, "<circle "), 1);
    assert_non_null(strstr(html, "<circle cx=\""));
    free(html);
    free(lots);
}

/* The part of html from the first needle on to the next end, or NULL. */
static char *between(const char *html, const char *needle, const char *end)
{
    const char *a = strstr(html, needle);
    const char *b = a ? strstr(a, end) : NULL;
    return b ? strndup(a, (size_t)(b - a)) : NULL;
}

/* Instrument results: a small chart per client and banded scale (complete
 * PHQ-9 / GAD-7 runs only), its grid at the bands' limits and the bands
 * named; the response rate of each flow question in its table. */
static void test_instrument_charts(void **state)
{
    (void)state;
    struct report r;
    struct report_flow fl = {.name = "phq9", .runs = 4, .complete = 3, .partial = 1, .nq = 1};
    fl.q[0] = (struct report_flow_question){"phq1", 4, 3, 6, 3, 1};
    struct report_score sc[] = {
        {FROM + 9 * 3600, "ana", "PHQ-9", 11, 27, "moderate", 0, 0},
        {FROM + DAY + 9 * 3600, "ana", "PHQ-2", 1, 6, "negative", 0, 0},
        {FROM + 2 * DAY + 9 * 3600, "ana", "PHQ-9", 7, 27, "", 4, 9}, /* partial */
        {FROM + 3 * DAY + 9 * 3600, "ana", "PHQ-9", 6, 27, "mild", 0, 0},
        {FROM + 9 * 3600, "ben", "GAD-7", 16, 21, "severe", 0, 0},
        {FROM + DAY + 9 * 3600, "ben", "C-SSRS", 1, 6, "low", 0, 0},
    };
    fill(&r, "ben");
    r.flows = &fl;
    r.nflows = 1;
    r.scores = sc;
    r.nscores = sizeof sc / sizeof sc[0];
    char *html = render(&r);
    assert_non_null(strstr(html, "<tr><td>phq1</td><td>4</td><td>3</td><td>75%</td><td>2.0</td>"));
    assert_int_equal(count(html, "<svg "), 4);
    assert_int_equal(count(html, "</svg>"), 4);
    assert_int_equal(count(html, "class=\"instrument-chart\""), 2);
    char *ana = between(html, "aria-label=\"PHQ-9 of ana over time\"", "</p>");
    assert_non_null(ana);
    /* Two complete PHQ-9s drawn; the partial one and the PHQ-2 are not. */
    assert_int_equal(count(ana, "<circle "), 2);
    assert_non_null(strstr(ana, "<title>ana 2026-11-16 09:00 UTC: 11/27</title>"));
    assert_non_null(strstr(ana, "<title>ana 2026-11-19 09:00 UTC: 6/27</title>"));
    assert_null(strstr(ana, ": 7/27"));
    for (const char *v = "0\0" "5\0" "10\0" "15\0" "20\0" "27\0"; *v; v += strlen(v) + 1) {
        char tick[48];
        snprintf(tick, sizeof tick, "text-anchor=\"end\">%s</text>", v);
        assert_int_equal(count(ana, tick), 1);
    }
    assert_non_null(strstr(ana, "ana, PHQ-9: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19"
                                " moderately severe, 20-27 severe"));
    free(ana);
    char *ben = between(html, "aria-label=\"GAD-7 of ben over time\"", "</p>");
    assert_non_null(ben);
    assert_int_equal(count(ben, "<circle "), 1);
    assert_non_null(strstr(ben, "ben, GAD-7: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe"));
    free(ben);
    assert_null(strstr(html, "C-SSRS of ben"));
    free(html);
}

/* A partly answered run says so, with how far it went, and has no band. */
static void test_partial_result(void **state)
{
    (void)state;
    struct report r;
    struct report_flow fl = {.name = "phq9", .runs = 1, .partial = 1};
    struct report_score sc[] = {
        {FROM + 9 * 3600, "ana", "PHQ-9", 7, 27, "", 6, 9},
        {FROM + DAY + 9 * 3600, "ana", "PHQ-9", 3, 27, "", 0, 0}, /* flow gone: unknown */
    };
    fill(&r, "ben");
    r.flows = &fl;
    r.nflows = 1;
    r.scores = sc;
    r.nscores = 2;
    char *html = render(&r);
    assert_non_null(strstr(html, "<td>ana</td><td>PHQ-9</td><td>partial 7</td>"
                                 "<td>no band (6 of 9 answered)</td>"));
    assert_non_null(strstr(html, "<td>ana</td><td>PHQ-9</td><td>partial 3</td><td>no band</td>"));
    assert_null(strstr(html, "instrument-chart"));
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
        cmocka_unit_test(test_conversations_and_followups),
        cmocka_unit_test(test_day_one_mean_is_marked),
        cmocka_unit_test(test_lone_point_keeps_its_circle),
        cmocka_unit_test(test_instrument_charts),
        cmocka_unit_test(test_partial_result),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
