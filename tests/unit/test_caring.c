/* SPDX-License-Identifier: Apache-2.0 */
/* test_caring.c: caring contacts (issue 19, item 3). The pure plan
 * (gateway/model/caring.c): days after the local enrolment date, the birthday
 * (29 February in other years), a varied time inside the window that is
 * the same for a client and date whatever asks, quiet hours, the end of
 * the plan, the rotation of texts. And the config loader's kind = "caring"
 * keys, each bad case with its message at its file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "model/caring.h"
#include "model/consent.h"
#include "model/schedule.h"
#include "testconf.h"
#include "testdir.h"

#define NY "America/New_York"

/* "2027-01-10 14:00" (UTC) -> unix seconds. */
static int64_t utc(const char *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    assert_int_equal(sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                            &tm.tm_hour, &tm.tm_min), 5);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm);
}

/* Local "YYYY-MM-DD" and minute of the day of t in tz. */
static void local(int64_t t, const char *tz, char *date, int *minute)
{
    int64_t day, s, e;
    int y, m, d, wday;
    assert_int_equal(schedule_local_day(t, tz, &day, &s, &e), 0);
    schedule_civil_from_days(day, &y, &m, &d);
    snprintf(date, 11, "%04d-%02d-%02d", y, m, d);
    assert_int_equal(schedule_local_time(t, tz, &wday, minute), 0);
}

/* A caring schedule with the default days and window 10:00-18:00. */
static struct gw_schedule caring(void)
{
    static const int days[] = {1, 7, 14, 30, 60, 90, 120, 180, 240, 300, 365};
    struct gw_schedule s;
    memset(&s, 0, sizeof s);
    s.kind = SCHED_CARING;
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        s.caring_days[s.ncaring_days++] = days[i];
    s.caring_from = 10 * 60;
    s.caring_to = 18 * 60;
    return s;
}

static const struct gw_quiet no_quiet = {false, 0, 0};

/* ---- the plan ------------------------------------------------------------------ */

static void test_days_after_enrolment(void **state)
{
    (void)state;
    static const char *const want[] = {"2027-01-11", "2027-01-17", "2027-01-24", "2027-02-09",
                                       "2027-03-11", "2027-04-10", "2027-05-10", "2027-07-09",
                                       "2027-09-07", "2027-11-06", "2028-01-10"};
    struct gw_schedule s = caring();
    struct caring_slot c;
    char date[11], key[32];
    int minute;
    /* 22:00 on 10 January in New York (03:00 on the 11th in UTC): the days
     * count from the client's own date. */
    int64_t enrolled = utc("2027-01-11 03:00"), after = enrolled;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(caring_next(&s, &no_quiet, NY, 7, enrolled, "", after, &c), 0);
        local(c.slot, NY, date, &minute);
        assert_string_equal(date, want[i]);
        assert_true(minute >= 10 * 60 && minute < 18 * 60);
        assert_int_equal(c.send, c.slot);
        assert_false(c.birthday);
        assert_int_equal(c.day_offset, s.caring_days[i]);
        caring_key(&c, key, sizeof key);
        char k[32];
        snprintf(k, sizeof k, "day-%d", s.caring_days[i]);
        assert_string_equal(key, k);
        after = c.slot;
    }
    /* After the last day the plan is over. */
    assert_int_equal(caring_next(&s, &no_quiet, NY, 7, enrolled, "", after, &c), 1);
}

static void test_birthday_feb29(void **state)
{
    (void)state;
    struct gw_schedule s = caring();
    struct caring_slot c;
    char date[11], key[32];
    int minute, found = 0;
    int64_t enrolled = utc("2027-01-10 14:00"), after = enrolled;
    while (caring_next(&s, &no_quiet, NY, 3, enrolled, "02-29", after, &c) == 0) {
        if (c.birthday) {
            local(c.slot, NY, date, &minute);
            assert_string_equal(date, "2027-02-28"); /* 2027 has no 29 February */
            caring_key(&c, key, sizeof key);
            assert_string_equal(key, "birthday-2027");
            assert_true(minute >= 10 * 60 && minute < 18 * 60);
            found++;
        }
        after = c.slot;
    }
    assert_int_equal(found, 1); /* 29 February 2028 is after day 365 */
    /* A leap year keeps the 29th: enrolled in June 2027, the plan reaches it. */
    enrolled = utc("2027-06-01 14:00");
    after = enrolled;
    found = 0;
    while (caring_next(&s, &no_quiet, NY, 3, enrolled, "02-29", after, &c) == 0) {
        if (c.birthday) {
            local(c.slot, NY, date, &minute);
            assert_string_equal(date, "2028-02-29");
            found++;
        }
        after = c.slot;
    }
    assert_int_equal(found, 1);
    assert_int_equal(caring_birthday_day(2027, 2, 29), schedule_days_from_civil(2027, 2, 28));
    assert_int_equal(caring_birthday_day(2028, 2, 29), schedule_days_from_civil(2028, 2, 29));
    assert_int_equal(caring_birthday_day(2100, 2, 29), schedule_days_from_civil(2100, 2, 28));
}

static void test_birthday_on_a_plan_day_and_outside(void **state)
{
    (void)state;
    struct gw_schedule s = caring();
    struct caring_slot c;
    int64_t enrolled = utc("2027-01-10 14:00"), after = enrolled;
    int n = 0, birthdays = 0;
    /* 17 January is day 7: one contact that day, the birthday's. */
    while (caring_next(&s, &no_quiet, "UTC", 3, enrolled, "01-17", after, &c) == 0) {
        n++;
        birthdays += c.birthday;
        if (c.birthday)
            assert_int_equal(c.day_offset, 7);
        after = c.slot;
    }
    assert_int_equal(n, 11);
    assert_int_equal(birthdays, 1);
    /* The enrolment day itself (10 January) is no birthday contact; the
     * next year's 10 January is day 365, which stands for it. */
    after = enrolled;
    n = birthdays = 0;
    while (caring_next(&s, &no_quiet, "UTC", 3, enrolled, "01-10", after, &c) == 0) {
        n++;
        birthdays += c.birthday;
        after = c.slot;
    }
    assert_int_equal(n, 11);
    assert_int_equal(birthdays, 1);
    assert_true(c.birthday && c.ordinal == 2028);
}

static void test_time_varies_deterministically(void **state)
{
    (void)state;
    struct gw_schedule s = caring();
    struct caring_slot a, b, again;
    int64_t enrolled = utc("2027-01-10 14:00");
    int differ = 0, minute;
    char date[11];
    for (int64_t id = 1; id <= 40; id++) {
        assert_int_equal(caring_next(&s, &no_quiet, NY, id, enrolled, "", enrolled, &a), 0);
        assert_int_equal(caring_next(&s, &no_quiet, NY, id + 1, enrolled, "", enrolled, &b), 0);
        /* The same client and date: the same instant, whoever asks from
         * just before it (a restart, a re-plan). */
        assert_int_equal(caring_next(&s, &no_quiet, NY, id, enrolled, "", a.slot - 1, &again), 0);
        assert_int_equal(again.slot, a.slot);
        assert_int_equal(a.day, b.day);
        differ += a.slot != b.slot;
        local(a.slot, NY, date, &minute);
        assert_true(minute >= 10 * 60 && minute < 18 * 60);
    }
    assert_true(differ >= 35); /* clients are spread over the window */
    /* One client's time moves from one contact to the next. */
    int64_t after = enrolled, prev = -1;
    int moved = 0;
    while (caring_next(&s, &no_quiet, NY, 5, enrolled, "", after, &a) == 0) {
        local(a.slot, NY, date, &minute);
        moved += prev >= 0 && minute != prev;
        prev = minute;
        after = a.slot;
    }
    assert_true(moved >= 8);
}

static void test_quiet_hours_defer(void **state)
{
    (void)state;
    struct gw_schedule s = caring();
    const struct gw_quiet q = {true, 10 * 60, 14 * 60};
    struct caring_slot c;
    int64_t enrolled = utc("2027-01-10 14:00"), after = enrolled;
    int deferred = 0, minute;
    char date[11];
    while (caring_next(&s, &q, NY, 11, enrolled, "", after, &c) == 0) {
        local(c.send, NY, date, &minute);
        assert_true(minute >= 14 * 60 && minute < 18 * 60);
        if (c.send != c.slot) {
            assert_int_equal(minute, 14 * 60); /* the end of the quiet hours */
            deferred++;
        }
        after = c.slot;
    }
    assert_true(deferred > 0);
}

static void test_rotation_of_texts(void **state)
{
    (void)state;
    struct gw_schedule s = caring();
    char *t[3] = {"one", "two", "three"};
    for (int i = 0; i < 3; i++)
        s.caring_texts[i].text[LANG_EN] = t[i];
    s.caring_texts[0].text[LANG_ES] = "uno";
    s.ncaring_texts = 3;
    struct caring_slot c;
    int64_t enrolled = utc("2027-01-10 14:00"), after = enrolled;
    const char *prev = NULL;
    int n = 0;
    while (caring_next(&s, &no_quiet, "UTC", 4, enrolled, "", after, &c) == 0) {
        const char *x = caring_text(&s, 4, &c, LANG_EN);
        assert_non_null(x);
        assert_true(prev == NULL || strcmp(prev, x) != 0);
        /* Client 4 starts at text 4 % 3 = 1, then the next one each time. */
        assert_string_equal(x, t[(4 + n) % 3]);
        /* Spanish: its own text where there is one, else the English. */
        const char *es = caring_text(&s, 4, &c, LANG_ES);
        assert_string_equal(es, (4 + n) % 3 == 0 ? "uno" : x);
        prev = x;
        after = c.slot;
        n++;
    }
    assert_int_equal(n, 11);
    /* A birthday gets the birthday text when there is one. */
    s.birthday_text.text[LANG_EN] = "happy birthday";
    struct caring_slot b = {.birthday = true, .ordinal = 2027};
    assert_string_equal(caring_text(&s, 4, &b, LANG_ES), "happy birthday");
}

static void test_parse_birthday(void **state)
{
    (void)state;
    int m = 0, d = 0;
    assert_int_equal(caring_parse_birthday("07-14", &m, &d), 0);
    assert_int_equal(m, 7);
    assert_int_equal(d, 14);
    assert_int_equal(caring_parse_birthday("02-29", &m, &d), 0);
    static const char *const bad[] = {"", "7-14", "07/14", "13-01", "00-10", "02-30", "04-31",
                                      "07-00", "07-14x", "ab-cd", "2027-07-14", NULL};
    for (int i = 0; bad[i]; i++)
        assert_int_equal(caring_parse_birthday(bad[i], &m, &d), -1);
    assert_int_equal(caring_parse_birthday(NULL, &m, &d), -1);
}

static void test_welcome_frequency(void **state)
{
    (void)state;
    struct gw_schedule s = caring();
    char out[64];
    assert_string_equal(consent_frequency(&s, LANG_EN, out, sizeof out), "now and then");
    assert_string_equal(consent_frequency(&s, LANG_ES, out, sizeof out), "de vez en cuando");
}

static void test_not_caring_or_bad_zone(void **state)
{
    (void)state;
    struct gw_schedule s = caring();
    struct caring_slot c;
    assert_int_equal(caring_next(&s, &no_quiet, "Nowhere/Atlantis", 1, 0, "", 0, &c), -1);
    s.kind = SCHED_CHECKIN;
    assert_int_equal(caring_next(&s, &no_quiet, "UTC", 1, 0, "", 0, &c), -1);
}

/* ---- the config ------------------------------------------------------------------ */

static char tmpdir[] = "/tmp/test_caring.XXXXXX";

#define HEAD                                                                               \
    "program = { name = \"P\"; contact = \"C\"; };\n"                                     \
    "providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"d\"; } );\n"             \
    "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; } );\n"                      \
    "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"call or text 988\";\n" \
    "  alert = \"a {escalation}\"; stop = \"s\"; start = \"st\"; help = \"h\"; }; };\n"    \
    "schedules = (\n"
#define TEXTS "texts = ( { en = \"Thinking of you, {peer}\"; } );"

/* Loads HEAD + body + ");", which must fail with exactly one error, on
 * the line marked "#E", containing needle. */
static void expect_error(const char *body, const char *needle)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s\n);\n", HEAD, body);
    expect_conf_error(tmpdir, text, needle);
}

static void test_config_reads_back(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "%s%s", HEAD,
             "  { name = \"caring\"; kind = \"caring\"; window = [ \"11:00\", \"17:30\" ];\n"
             "    texts = ( { en = \"Hi, {peer} here\"; es = \"Hola, soy {peer}\"; },\n"
             "              { en = \"{program} thinks of you\"; } );\n"
             "    birthday_text = { en = \"Happy birthday from {peer}\"; }; lang = \"es\"; },\n"
             "  { name = \"daily\"; times = [ \"09:00\" ]; }\n);\n");
    const char *path = write_test_conf(tmpdir, "good.conf", text);
    struct gw_config *c = NULL;
    struct cfg_errors e;
    cfg_errors_init(&e);
    if (gw_config_load(&c, path, &e) != 0)
        cfg_errors_print(&e, stderr);
    assert_non_null(c);
    const struct gw_schedule *s = gw_config_schedule(c, "caring");
    assert_int_equal(s->kind, SCHED_CARING);
    assert_int_equal(s->ncaring_days, 11); /* the default plan */
    assert_int_equal(s->caring_days[0], 1);
    assert_int_equal(s->caring_days[10], 365);
    assert_int_equal(s->caring_from, 11 * 60);
    assert_int_equal(s->caring_to, 17 * 60 + 30);
    assert_int_equal(s->ncaring_texts, 2);
    assert_string_equal(s->caring_texts[0].text[LANG_ES], "Hola, soy {peer}");
    assert_null(s->caring_texts[1].text[LANG_ES]);
    assert_string_equal(s->birthday_text.text[LANG_EN], "Happy birthday from {peer}");
    assert_int_equal(s->lang, LANG_ES);
    assert_int_equal(gw_config_schedule(c, "daily")->kind, SCHED_CHECKIN);
    gw_config_free(c);
    cfg_errors_free(&e);
}

static void test_err_unknown_kind(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"care\"; " TEXTS " }  #E",
                 "schedules[0].kind \"care\" must be \"checkin\" (the default) or \"caring\"");
}

static void test_err_times_on_caring(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; " TEXTS "\n"
                 "    times = [ \"09:00\" ]; }  #E",
                 "schedules[0].times does not apply to kind = \"caring\"");
}

static void test_err_reminder_on_caring(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; " TEXTS "\n"
                 "    reminder_minutes = 30; }  #E",
                 "schedules[0].reminder_minutes does not apply to kind = \"caring\"");
}

static void test_err_texts_on_checkin(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; times = [ \"09:00\" ];\n    " TEXTS " }  #E",
                 "schedules[0].texts does not apply to a check-in schedule");
}

static void test_err_missing_texts(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; }  #E",
                 "schedules[0]: missing required setting 'texts'");
}

static void test_err_empty_text(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; texts = (\n"
                 "    { en = \"\"; } ); }  #E",
                 "schedules[0].texts[0].en is empty");
}

static void test_err_unknown_placeholder(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; texts = ( { en = \"hi\";\n"
                 "    es = \"Hola {peers}\"; } ); }  #E",
                 "schedules[0].texts[0].es: unknown placeholder {peers}");
}

static void test_err_text_too_long(void **state)
{
    (void)state;
    /* 71 characters with an accent (UCS-2, 70 to a segment). */
    expect_error("  { name = \"x\"; kind = \"caring\"; texts = ( { en = \"hi\"; },\n"
                 "    { en = \"hi\"; es = \"Pensamos en ti hoy y siempre, {peer}. No hace falta "
                 "responder, ¿sí? ok\"; } ); }  #E",
                 "schedules[0].texts[1].es is 2 SMS segments with sample values (Unicode; at "
                 "most 1)");
}

static void test_err_text_without_english(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; texts = (\n"
                 "    { es = \"Hola\"; } ); }  #E",
                 "schedules[0].texts[0]: missing required setting 'en'");
}

static void test_err_days_not_ascending(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; " TEXTS "\n"
                 "    days_after_enrolment = [ 1, 30,\n"
                 "      14 ]; }  #E",
                 "schedules[0].days_after_enrolment[2] = 14 must be greater than the day before"
                 " it (30)");
}

static void test_err_day_out_of_range(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; " TEXTS "\n"
                 "    days_after_enrolment = [\n"
                 "      0, 7 ]; }  #E",
                 "schedules[0].days_after_enrolment[0] must be a whole number of days from 1 to"
                 " 3660");
}

static void test_err_window_backwards(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; " TEXTS "\n"
                 "    window = [ \"18:00\", \"10:00\" ]; }  #E",
                 "schedules[0].window [ \"18:00\", \"10:00\" ]: the start must be before the end");
}

static void test_err_window_malformed(void **state)
{
    (void)state;
    expect_error("  { name = \"x\"; kind = \"caring\"; " TEXTS "\n"
                 "    window = [ \"10am\", \"18:00\" ]; }  #E",
                 "schedules[0].window must be two times of day");
}

TEST_DIR_GROUP(tmpdir)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_after_enrolment),
        cmocka_unit_test(test_birthday_feb29),
        cmocka_unit_test(test_birthday_on_a_plan_day_and_outside),
        cmocka_unit_test(test_time_varies_deterministically),
        cmocka_unit_test(test_quiet_hours_defer),
        cmocka_unit_test(test_rotation_of_texts),
        cmocka_unit_test(test_parse_birthday),
        cmocka_unit_test(test_welcome_frequency),
        cmocka_unit_test(test_not_caring_or_bad_zone),
        cmocka_unit_test(test_config_reads_back),
        cmocka_unit_test(test_err_unknown_kind),
        cmocka_unit_test(test_err_times_on_caring),
        cmocka_unit_test(test_err_reminder_on_caring),
        cmocka_unit_test(test_err_texts_on_checkin),
        cmocka_unit_test(test_err_missing_texts),
        cmocka_unit_test(test_err_empty_text),
        cmocka_unit_test(test_err_unknown_placeholder),
        cmocka_unit_test(test_err_text_too_long),
        cmocka_unit_test(test_err_text_without_english),
        cmocka_unit_test(test_err_days_not_ascending),
        cmocka_unit_test(test_err_day_out_of_range),
        cmocka_unit_test(test_err_window_backwards),
        cmocka_unit_test(test_err_window_malformed),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
