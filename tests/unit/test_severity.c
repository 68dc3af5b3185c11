/* SPDX-License-Identifier: Apache-2.0 */
/* test_severity.c: the configurable escalation rules (pure): relapse
 * severity, the watch trend rules, on-call hours, SMS segment counting; and
 * the escalation / oncall config sections (validated, file:line errors),
 * with the shipped crisis texts kept to one SMS segment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"
#include "model/severity.h"
#include "model/template.h"

static struct gw_escalation rules(void)
{
    struct gw_escalation e = {.watch_drops_in_row = 3, .watch_weekly_drop = 20,
                              .watch_missed_in_row = 3};
    snprintf(e.relapse, sizeof e.relapse, "high");
    return e;
}

static void relapse_severity_is_configurable(void **state)
{
    (void)state;
    struct gw_escalation e = rules();
    struct gw_schedule s = {.scale_min = 1, .scale_max = 10, .alert_at_or_below = 2};
    struct reply_result r = {.intent = REPLY_OTHER, .signals = REPLY_SIG_RELAPSE};
    char reason[128];
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_HIGH);
    assert_string_equal(reason, "relapse");
    snprintf(e.relapse, sizeof e.relapse, "watch");
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_WATCH);
    /* A low score is still high, whatever relapse is set to. */
    r.has_score = true;
    r.score = 1;
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_HIGH);
    assert_string_equal(reason, "score 1 <= 2");
    snprintf(e.relapse, sizeof e.relapse, "urgent");
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_URGENT);
    assert_string_equal(reason, "score 1 <= 2, relapse");
    /* Crisis outranks all; a denial lowers it to high, never further
     * (rule 4). */
    r.signals = REPLY_SIG_CRISIS;
    snprintf(e.relapse, sizeof e.relapse, "watch");
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_URGENT);
    assert_true(severity_sends_crisis_text(&r, &s, &e));
    r.signals = REPLY_SIG_CRISIS | REPLY_SIG_NEGATED;
    r.has_score = false;
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_HIGH);
    assert_false(severity_sends_crisis_text(&r, &s, &e));
    /* A request for contact or a life event pages a person, no 988 text;
     * risk words about somebody else are a watch note. */
    r.signals = REPLY_SIG_CONTACT;
    r.reasons = REPLY_R_CONTACT;
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_HIGH);
    assert_string_equal(reason, "asks for contact");
    assert_false(severity_sends_crisis_text(&r, &s, &e));
    r.signals = REPLY_SIG_EVENT;
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_HIGH);
    r.signals = REPLY_SIG_CONTEXT;
    r.reasons = REPLY_R_OTHER_PERSON;
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_WATCH);
    assert_string_equal(reason, "risk words, not about the client now (other_person)");
    /* an opioid taken as prescribed: a watch note that says so, no 988 text */
    r.reasons = REPLY_R_DOSE;
    assert_int_equal(escalate_severity(&r, &s, &e, reason, sizeof reason), SEV_WATCH);
    assert_string_equal(reason, "a medication taken as prescribed (dose)");
    assert_false(severity_sends_crisis_text(&r, &s, &e));
    assert_int_equal(severity_parse("watch"), SEV_WATCH);
    assert_int_equal(severity_parse("none"), SEV_NONE);
    assert_int_equal(severity_parse(NULL), SEV_NONE);
}

#define NOW 2000000000
#define DAY 86400

static void drops_in_a_row(void **state)
{
    (void)state;
    struct gw_escalation e = rules();
    char reason[256];
    struct trend_point p[] = {{NOW - 5 * DAY, 80}, {NOW - 4 * DAY, 70}, {NOW - 3 * DAY, 60},
                              {NOW - 2 * DAY, 50}};
    assert_int_equal(severity_of_trend(&e, p, 4, 0, NOW, reason, sizeof reason), SEV_WATCH);
    assert_string_equal(reason, "3 drops in a row (80 -> 50)");
    /* Two drops are not three; a level score breaks the run. */
    assert_int_equal(severity_of_trend(&e, p + 1, 3, 0, NOW, reason, sizeof reason), SEV_NONE);
    assert_string_equal(reason, "");
    struct trend_point q[] = {{NOW - 4 * DAY, 80}, {NOW - 3 * DAY, 70}, {NOW - 2 * DAY, 70},
                              {NOW - DAY, 60}};
    assert_int_equal(severity_of_trend(&e, q, 4, 0, NOW, reason, sizeof reason), SEV_NONE);
    /* Off when 0; nothing to see with one point or none. */
    e.watch_drops_in_row = 0;
    assert_int_equal(severity_of_trend(&e, p, 4, 0, NOW, reason, sizeof reason), SEV_NONE);
    e = rules();
    assert_int_equal(severity_of_trend(&e, p, 1, 0, NOW, reason, sizeof reason), SEV_NONE);
    assert_int_equal(severity_of_trend(&e, NULL, 0, 0, NOW, reason, sizeof reason), SEV_NONE);
}

static void weekly_mean_fell(void **state)
{
    (void)state;
    struct gw_escalation e = rules();
    e.watch_drops_in_row = 0;
    char reason[256];
    /* Last week around 70, this week around 45: fell 25 >= 20. */
    struct trend_point p[] = {{NOW - 12 * DAY, 70}, {NOW - 9 * DAY, 70}, {NOW - 5 * DAY, 50},
                              {NOW - 2 * DAY, 40}, {NOW - DAY, 45}};
    assert_int_equal(severity_of_trend(&e, p, 5, 0, NOW, reason, sizeof reason), SEV_WATCH);
    assert_string_equal(reason, "weekly mean fell 25 points (70 -> 45)");
    e.watch_weekly_drop = 30;
    assert_int_equal(severity_of_trend(&e, p, 5, 0, NOW, reason, sizeof reason), SEV_NONE);
    /* A week without scores compares nothing; scores older than two weeks
     * do not count. */
    e.watch_weekly_drop = 20;
    assert_int_equal(severity_of_trend(&e, p + 2, 3, 0, NOW, reason, sizeof reason), SEV_NONE);
    struct trend_point old[] = {{NOW - 20 * DAY, 90}, {NOW - 2 * DAY, 40}};
    assert_int_equal(severity_of_trend(&e, old, 2, 0, NOW, reason, sizeof reason), SEV_NONE);
}

static void missed_in_a_row_and_several_reasons(void **state)
{
    (void)state;
    struct gw_escalation e = rules();
    char reason[256];
    assert_int_equal(severity_of_trend(&e, NULL, 0, 2, NOW, reason, sizeof reason), SEV_NONE);
    assert_int_equal(severity_of_trend(&e, NULL, 0, 3, NOW, reason, sizeof reason), SEV_WATCH);
    assert_string_equal(reason, "3 missed check-ins in a row");
    struct trend_point p[] = {{NOW - 4 * DAY, 90}, {NOW - 3 * DAY, 80}, {NOW - 2 * DAY, 60},
                              {NOW - DAY, 30}};
    assert_int_equal(severity_of_trend(&e, p, 4, 4, NOW, reason, sizeof reason), SEV_WATCH);
    assert_string_equal(reason, "3 drops in a row (90 -> 30); 4 missed check-ins in a row");
    /* A short buffer is cut, never overrun. */
    char tiny[8];
    assert_int_equal(severity_of_trend(&e, p, 4, 4, NOW, tiny, sizeof tiny), SEV_WATCH);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void oncall_hours(void **state)
{
    (void)state;
    /* 18:00-08:00 starting Monday (bit 1) only. */
    struct gw_oncall night = {.start = 18 * 60, .end = 8 * 60, .days = 1u << 1};
    assert_true(oncall_covers(&night, 1, 18 * 60));
    assert_true(oncall_covers(&night, 1, 23 * 60 + 59));
    assert_true(oncall_covers(&night, 2, 7 * 60 + 59)); /* Tuesday morning */
    assert_false(oncall_covers(&night, 2, 8 * 60));
    assert_false(oncall_covers(&night, 2, 18 * 60));    /* Tuesday is not a start day */
    assert_false(oncall_covers(&night, 1, 7 * 60));     /* Monday morning: Sunday's shift */
    assert_false(oncall_covers(&night, 1, 12 * 60));
    struct gw_oncall day = {.start = 9 * 60, .end = 17 * 60, .days = 0x7F};
    assert_true(oncall_covers(&day, 0, 9 * 60));
    assert_false(oncall_covers(&day, 0, 17 * 60));
    assert_false(oncall_covers(&day, 3, 8 * 60 + 59));
    /* 00:00-00:00: the whole day. */
    struct gw_oncall all = {.start = 0, .end = 0, .days = 1u << 6};
    assert_true(oncall_covers(&all, 6, 0));
    assert_true(oncall_covers(&all, 6, 1439));
    assert_false(oncall_covers(&all, 0, 0));
}

static void sms_segment_counting(void **state)
{
    (void)state;
    int ucs2 = -1;
    char buf[400];
    memset(buf, 'a', 160);
    buf[160] = '\0';
    assert_int_equal(sms_segments(buf, &ucs2), 1);
    assert_int_equal(ucs2, 0);
    buf[160] = 'a';
    buf[161] = '\0';
    assert_int_equal(sms_segments(buf, NULL), 2);
    memset(buf, 'a', 306);
    buf[306] = '\0';
    assert_int_equal(sms_segments(buf, NULL), 2);
    buf[306] = 'a';
    buf[307] = '\0';
    assert_int_equal(sms_segments(buf, NULL), 3);
    /* Extension characters take two septets. */
    memset(buf, '{', 80);
    buf[80] = '\0';
    assert_int_equal(sms_segments(buf, NULL), 1);
    buf[80] = '{';
    buf[81] = '\0';
    assert_int_equal(sms_segments(buf, NULL), 2);
    /* é and ñ are GSM; á forces UCS-2 (70 a segment, 67 when split). */
    assert_int_equal(sms_segments("Espa\xc3\xb1ol caf\xc3\xa9", &ucs2), 1);
    assert_int_equal(ucs2, 0);
    assert_int_equal(sms_segments("est\xc3\xa1", &ucs2), 1);
    assert_int_equal(ucs2, 1);
    size_t o = 0;
    for (int i = 0; i < 71; i++)
        buf[o++] = 'a';
    memcpy(buf + o, "\xc3\xa1", 3);
    assert_int_equal(sms_segments(buf, NULL), 2);
    assert_int_equal(sms_segments("", NULL), 1);
    /* Broken UTF-8 is counted, not trusted. */
    assert_int_equal(sms_segments("\xc3(", &ucs2), 1);
    assert_int_equal(ucs2, 1);
}

/* ---- config ---------------------------------------------------------------------- */

static const char *base_conf =
    "program = { name = \"P\"; contact = \"c\"; };\n"
    "providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"var/spool\"; } );\n"
    "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; } );\n"
    "specialists = ( { id = \"jordan\"; phone = \"+15555550100\"; },"
    " { id = \"sam\"; phone = \"+15555550101\"; } );\n"
    "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\";"
    " alert = \"{count} {excerpt}\"; stop = \"s\"; start = \"s\"; help = \"h\"; }; };\n";

/* Loads base_conf + extra; returns the config (or NULL with errs filled). */
static struct gw_config *load(const char *extra, struct cfg_errors *errs)
{
    char path[] = "/tmp/test_severity.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(base_conf, f);
    fputs(extra, f);
    fclose(f);
    struct gw_config *c = NULL;
    cfg_errors_init(errs);
    gw_config_load(&c, path, errs);
    unlink(path);
    return c;
}

static bool has_error(const struct cfg_errors *e, int line, const char *needle)
{
    char at[32];
    snprintf(at, sizeof at, ":%d: ", line);
    for (size_t i = 0; i < e->n; i++)
        if (strstr(e->msg[i], at) && strstr(e->msg[i], needle))
            return true;
    return false;
}

static void escalation_defaults(void **state)
{
    (void)state;
    struct cfg_errors errs;
    struct gw_config *c = load("", &errs);
    assert_non_null(c);
    assert_int_equal(c->esc.realert_seconds, 600);
    assert_int_equal(c->esc.realerts_before_handoff, 1);
    assert_int_equal(c->esc.max_realerts, 6);
    assert_int_equal(c->esc.flood_window_seconds, 1800);
    assert_int_equal(c->esc.late_realert_seconds, 1800);
    assert_int_equal(c->esc.follow_up_hours, 72);
    assert_int_equal(c->esc.screen_timeout_minutes, 30);
    assert_string_equal(c->esc.digest_time, "08:00");
    assert_int_equal(c->esc.digest_minute, 480);
    assert_string_equal(c->esc.relapse, "high");
    assert_int_equal(c->esc.watch_drops_in_row, 3);
    assert_int_equal(c->esc.watch_weekly_drop, 20);
    assert_int_equal(c->esc.watch_missed_in_row, 3);
    assert_int_equal(c->noncall, 0);
    gw_config_free(c);
    cfg_errors_free(&errs);
}

static void escalation_settings_and_oncall(void **state)
{
    (void)state;
    struct cfg_errors errs;
    struct gw_config *c = load(
        "escalation = { realert_seconds = 5; realerts_before_handoff = 0; max_realerts = 3;"
        " flood_window_seconds = 0; late_realert_seconds = 60; follow_up_hours = 24;"
        " digest_time = \"18:30\"; relapse = \"watch\";"
        " watch_drops_in_row = 0; watch_weekly_drop = 10; watch_missed_in_row = 2; };\n"
        "oncall = ( { specialist = \"sam\"; hours = \"18:00-08:00\"; days = [ \"mon\" ]; },"
        " { specialist = \"jordan\"; hours = \"00:00-00:00\"; } );\n",
        &errs);
    for (size_t i = 0; i < errs.n; i++)
        fprintf(stderr, "%s\n", errs.msg[i]);
    assert_non_null(c);
    assert_int_equal(c->esc.realert_seconds, 5);
    assert_int_equal(c->esc.realerts_before_handoff, 0);
    assert_int_equal(c->esc.late_realert_seconds, 60);
    assert_int_equal(c->esc.follow_up_hours, 24);
    assert_int_equal(c->esc.digest_minute, 18 * 60 + 30);
    assert_string_equal(c->esc.relapse, "watch");
    assert_int_equal(c->noncall, 2);
    assert_string_equal(c->oncall[0].specialist, "sam");
    assert_int_equal(c->oncall[0].start, 18 * 60);
    assert_int_equal(c->oncall[0].end, 8 * 60);
    assert_int_equal(c->oncall[0].days, 1u << 1);
    assert_int_equal(c->oncall[1].days, 0x7F);
    gw_config_free(c);
    cfg_errors_free(&errs);
}

static void escalation_errors_have_lines(void **state)
{
    (void)state;
    struct cfg_errors errs;
    struct gw_config *c = load(
        "escalation = {\n"                                   /* line 6 */
        "  realert_seconds = 0;\n"                           /* 7 */
        "  digest_time = \"25:00\";\n"                       /* 8 */
        "  relapse = \"panic\";\n"                           /* 9 */
        "  watch_drops = 3;\n"                               /* 10 */
        "  late_realert_seconds = 0; follow_up_hours = 0; screen_timeout_minutes = 0;\n" /* 11 */
        "};\n"
        "oncall = (\n"                                       /* 13 */
        "  { specialist = \"alex\"; hours = \"18:00-08:00\"; },\n" /* 14 */
        "  { specialist = \"sam\"; hours = \"evenings\"; },\n"     /* 15 */
        "  { specialist = \"sam\"; hours = \"09:00-17:00\"; days = [ \"funday\" ]; }\n" /* 16 */
        ");\n",
        &errs);
    assert_null(c);
    assert_true(has_error(&errs, 7, "escalation.realert_seconds = 0 is out of range"));
    assert_true(has_error(&errs, 8, "is not a time of day"));
    assert_true(has_error(&errs, 9, "is not a severity"));
    assert_true(has_error(&errs, 10, "unknown setting 'watch_drops'"));
    /* Neither can be turned off: the chain must not go silent, and the
     * forwarding after an ACK ends in a reminder, not never. */
    assert_true(has_error(&errs, 11, "escalation.follow_up_hours = 0 is out of range"));
    assert_true(has_error(&errs, 11, "escalation.late_realert_seconds = 0 is out of range"));
    /* An unanswered screening question must escalate, never wait forever. */
    assert_true(has_error(&errs, 11, "escalation.screen_timeout_minutes = 0 is out of range"));
    assert_true(has_error(&errs, 14, "unknown specialist id \"alex\""));
    assert_true(has_error(&errs, 15, "is not \"HH:MM-HH:MM\""));
    assert_true(has_error(&errs, 16, "is not a weekday"));
    assert_int_equal(errs.n, 10);
    cfg_errors_free(&errs);
}

/* The shipped config's crisis texts, rendered with its program name, fit
 * one SMS segment in both languages (and give 988). */
static void shipped_crisis_texts_are_one_segment(void **state)
{
    (void)state;
    const char *paths[] = {"etc/checkin.conf", "../etc/checkin.conf", "../../etc/checkin.conf"};
    struct gw_config *c = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    for (size_t i = 0; i < 3 && c == NULL; i++)
        if (access(paths[i], R_OK) == 0)
            gw_config_load(&c, paths[i], &errs);
    assert_non_null(c);
    for (int l = 0; l < LANG__COUNT; l++) {
        char out[400];
        int ucs2 = -1;
        struct tpl_vars v = {.program = c->program_name, .contact = c->program_contact};
        assert_true(template_render(gw_config_template(c, (enum lang)l, TPL_CRISIS), &v, out,
                                    sizeof out) > 0);
        assert_non_null(strstr(out, "988"));
        assert_int_equal(sms_segments(out, &ucs2), 1);
        assert_int_equal(ucs2, 0);
    }
    gw_config_free(c);
    cfg_errors_free(&errs);
}

/* Working hours (issue 18 item 6): minutes until a shift covers a time. */
static void shifts_until(void **state)
{
    (void)state;
    /* Monday to Friday 09:00-17:00. */
    struct gw_oncall week = {.start = 9 * 60, .end = 17 * 60, .days = 0x3E};
    assert_int_equal(shifts_minutes_until(&week, 1, 3, 10 * 60), 0);           /* Wed 10:00 */
    assert_int_equal(shifts_minutes_until(&week, 1, 3, 17 * 60), 16 * 60);     /* Wed 17:00 */
    assert_int_equal(shifts_minutes_until(&week, 1, 5, 18 * 60), 63 * 60);     /* Fri 18:00 */
    assert_int_equal(shifts_minutes_until(&week, 1, 0, 8 * 60 + 59), 24 * 60 + 1); /* Sun */
    assert_int_equal(shifts_minutes_until(&week, 0, 3, 0), -1);                /* no hours */
    /* Two shifts: the sooner one counts. */
    struct gw_oncall two[2] = {week, {.start = 10 * 60, .end = 14 * 60, .days = 1u << 6}};
    assert_int_equal(shifts_minutes_until(two, 2, 5, 18 * 60), 16 * 60);      /* Sat 10:00 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relapse_severity_is_configurable),
        cmocka_unit_test(drops_in_a_row),
        cmocka_unit_test(shifts_until),
        cmocka_unit_test(weekly_mean_fell),
        cmocka_unit_test(missed_in_a_row_and_several_reasons),
        cmocka_unit_test(oncall_hours),
        cmocka_unit_test(sms_segment_counting),
        cmocka_unit_test(escalation_defaults),
        cmocka_unit_test(escalation_settings_and_oncall),
        cmocka_unit_test(escalation_errors_have_lines),
        cmocka_unit_test(shipped_crisis_texts_are_one_segment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
