/* SPDX-License-Identifier: Apache-2.0 */
/* test_config_parts.c: gateway/config/ beyond the main sections (harness:
 * config_harness.h): files that cannot be read or parsed, the bad
 * fixtures, secrets (env: and file:), the small pieces (key checks, the
 * error list, names), texts to specialists, follow-up offsets and working
 * hours. */
#include "config_harness.h"

/* ---- files that cannot be read or parsed --------------------------------- */

static void test_err_syntax(void **state)
{
    struct cfg_errors e;
    const char *text = PROGRAM
                       "http = {\n"
                       "  port = = 80;\n"
                       "};\n" PROVIDERS SCHEDULES SPECIALISTS TEMPLATES;
    const char *path;
    char want[PATH_MAX + 32];
    (void)state;

    path = load_bad("syntax.conf", text, &e);
    assert_int_equal(e.n, 1);
    snprintf(want, sizeof want, "%s:3: syntax error", path);
    assert_string_equal(e.msg[0], want);
    cfg_errors_free(&e);

    /* An unterminated group: reported where the parser gave up. */
    path = load_bad("syntax2.conf", PROGRAM "http = { port = 80;\n", &e);
    assert_int_equal(e.n, 1);
    snprintf(want, sizeof want, "%s:", path);
    assert_int_equal(strncmp(e.msg[0], want, strlen(want)), 0);
    assert_non_null(strstr(e.msg[0], "syntax error"));
    cfg_errors_free(&e);
}

static void test_err_missing_file(void **state)
{
    struct cfg_errors e;
    struct gw_config *c = (struct gw_config *)(uintptr_t)1;
    char path[PATH_MAX];
    (void)state;

    snprintf(path, sizeof path, "%s/does-not-exist.conf", tmpdir);
    cfg_errors_init(&e);
    assert_int_equal(gw_config_load(&c, path, &e), -1);
    assert_null(c);
    assert_int_equal(e.n, 1);
    assert_true(has_error(&e, path, 0, "cannot read the configuration file: No such file"));
    cfg_errors_free(&e);

    cfg_errors_init(&e);
    assert_int_equal(gw_config_load(&c, tmpdir, &e), -1);
    assert_int_equal(e.n, 1);
    assert_true(has_error(&e, tmpdir, 0, "is a directory"));
    cfg_errors_free(&e);

    cfg_errors_init(&e);
    assert_int_equal(gw_config_load(&c, "", &e), -1);
    assert_int_equal(e.n, 1);
    assert_non_null(strstr(e.msg[0], "no configuration file given"));
    cfg_errors_free(&e);
}

/* Every tests/data/config/bad-*.conf: one error on each line whose trailing
 * comment says "<- error", at that line, and no other. */
static void test_bad_fixtures(void **state)
{
    static const char *const required[] = { "bad-syntax.conf", "bad-unknown-key.conf",
                                            "bad-phone.conf", "bad-timezone.conf",
                                            "bad-types.conf", NULL };
    char dir[PATH_MAX];
    DIR *d;
    struct dirent *ent;
    int seen = 0, required_seen = 0;
    (void)state;

    snprintf(dir, sizeof dir, "%stests/data/config", repo);
    d = opendir(dir);
    assert_non_null(d);
    while ((ent = readdir(d)) != NULL) {
        char path[PATH_MAX + 256];
        size_t len = strlen(ent->d_name);
        if (strncmp(ent->d_name, "bad-", 4) != 0 || len < 5 ||
            strcmp(ent->d_name + len - 5, ".conf") != 0)
            continue;
        seen++;
        for (size_t i = 0; required[i] != NULL; i++)
            required_seen += strcmp(required[i], ent->d_name) == 0;

        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        char *text = read_text(path);
        struct cfg_errors e;
        struct gw_config *c = NULL;
        size_t marked = 0;
        int line = 1;

        cfg_errors_init(&e);
        assert_int_equal(gw_config_load(&c, path, &e), -1);
        assert_null(c);
        for (char *p = text; *p != '\0';) {
            char *nl = strchr(p, '\n');
            if (nl != NULL)
                *nl = '\0';
            /* Whole-line comments (the header explaining the marker) do not count. */
            if (p[strspn(p, " \t")] != '#' && strstr(p, "<- error") != NULL) {
                marked++;
                if (errors_at(&e, path, line) != 1) {
                    print_errors(&e);
                    fail_msg("%s: want one error at line %d", path, line);
                }
            }
            if (nl == NULL)
                break;
            p = nl + 1;
            line++;
        }
        assert_true(marked > 0);
        if (e.n != marked) {
            print_errors(&e);
            fail_msg("%s: %zu errors for %zu marked lines", path, e.n, marked);
        }
        cfg_errors_free(&e);
        free(text);
    }
    closedir(d);
    assert_true(seen >= 5);
    assert_int_equal(required_seen, 5);
}

/* ---- secrets ------------------------------------------------------------- */

static void test_secret(void **state)
{
    char text[4 * PATH_MAX + 1024], out[16], secret_path[PATH_MAX], empty_path[PATH_MAX],
        crlf_path[PATH_MAX];
    const char *path;
    config_t lc;
    struct cfg_errors e;
    const config_setting_t *g;
    (void)state;

    snprintf(secret_path, sizeof secret_path, "%s", write_file("token", "t0ken\nsecond line\n"));
    snprintf(empty_path, sizeof empty_path, "%s", write_file("empty-token", ""));
    snprintf(crlf_path, sizeof crlf_path, "%s", write_file("crlf-token", "abc\r\n"));
    snprintf(text, sizeof text,
             "p = {\n"
             "  literal = \"s3cret\";\n"                       /* 2 */
             "  env = \"env:CHECKIN_TEST_SECRET\";\n"          /* 3 */
             "  env_unset = \"env:CHECKIN_TEST_UNSET\";\n"     /* 4 */
             "  env_empty = \"env:CHECKIN_TEST_EMPTY\";\n"     /* 5 */
             "  env_noname = \"env:\";\n"                      /* 6 */
             "  file = \"file:%s\";\n"                         /* 7 */
             "  file_missing = \"file:%s/no-such-token\";\n"   /* 8 */
             "  file_empty = \"file:%s\";\n"                   /* 9 */
             "  file_crlf = \"file:%s\";\n"                    /* 10 */
             "  number = 5;\n"                                 /* 11 */
             "  too_long = \"0123456789abcdef\";\n"            /* 12 */
             "  empty = \"\";\n"                               /* 13 */
             "};\n",
             secret_path, tmpdir, empty_path, crlf_path);
    path = write_file("secrets.conf", text);

    config_init(&lc);
    assert_int_equal(config_read_file(&lc, path), CONFIG_TRUE);
    g = config_lookup(&lc, "p");
    assert_non_null(g);
    assert_int_equal(setenv("CHECKIN_TEST_SECRET", "from-env", 1), 0);
    assert_int_equal(setenv("CHECKIN_TEST_EMPTY", "", 1), 0);
    unsetenv("CHECKIN_TEST_UNSET");
    cfg_errors_init(&e);

    assert_int_equal(cfg_secret(g, "literal", out, sizeof out, &e), 0);
    assert_string_equal(out, "s3cret");
    assert_int_equal(cfg_secret(g, "env", out, sizeof out, &e), 0);
    assert_string_equal(out, "from-env");
    assert_int_equal(cfg_secret(g, "file", out, sizeof out, &e), 0);
    assert_string_equal(out, "t0ken"); /* first line only, newline stripped */
    assert_int_equal(cfg_secret(g, "file_crlf", out, sizeof out, &e), 0);
    assert_string_equal(out, "abc");
    assert_int_equal(cfg_secret(g, "absent", out, sizeof out, &e), 1);
    assert_string_equal(out, "");
    assert_int_equal(e.n, 0);

    assert_int_equal(cfg_secret(g, "env_unset", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 4, "environment variable CHECKIN_TEST_UNSET is not set"));
    assert_int_equal(cfg_secret(g, "env_empty", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 5, "environment variable CHECKIN_TEST_EMPTY is empty"));
    assert_int_equal(cfg_secret(g, "env_noname", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 6, "needs a variable name"));
    assert_int_equal(cfg_secret(g, "file_missing", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 8, "cannot read secret file"));
    assert_true(has_error(&e, path, 8, "No such file"));
    assert_int_equal(cfg_secret(g, "file_empty", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 9, "is empty"));
    assert_int_equal(cfg_secret(g, "number", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 11, "number must be a string"));
    assert_int_equal(cfg_secret(g, "too_long", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 12, "too_long is too long (at most 15 bytes)"));
    assert_int_equal(cfg_secret(g, "empty", out, sizeof out, &e), -1);
    assert_true(has_error(&e, path, 13, "empty is empty"));
    assert_int_equal(e.n, 8);
    /* A secret never appears in a message. */
    for (size_t i = 0; i < e.n; i++)
        assert_null(strstr(e.msg[i], "0123456789abcdef"));

    /* A secret that does not fit out is an error, not a truncated secret. */
    char tiny[4];
    assert_int_equal(cfg_secret(g, "env", tiny, sizeof tiny, &e), -1);
    assert_string_equal(tiny, "");
    assert_int_equal(cfg_secret(g, "file", tiny, sizeof tiny, &e), -1);
    assert_string_equal(tiny, "");
    assert_int_equal(e.n, 10);

    cfg_errors_free(&e);
    config_destroy(&lc);
    unsetenv("CHECKIN_TEST_SECRET");
    unsetenv("CHECKIN_TEST_EMPTY");
}

/* ---- small pieces -------------------------------------------------------- */

static void test_check_keys(void **state)
{
    static const char *const allowed[] = { "a", "b", NULL };
    config_t lc;
    struct cfg_errors e;
    (void)state;

    config_init(&lc);
    assert_int_equal(config_read_string(&lc, "g = { a = 1; c = 2;\n d = 3; b = 4; };\n"),
                     CONFIG_TRUE);
    cfg_errors_init(&e);
    assert_int_equal(cfg_check_keys(config_lookup(&lc, "g"), allowed, &e), 2);
    assert_int_equal(e.n, 2);
    assert_non_null(strstr(e.msg[0], ":1: unknown setting 'c' in g (known: a, b)"));
    assert_non_null(strstr(e.msg[1], ":2: unknown setting 'd' in g"));
    assert_int_equal(cfg_check_keys(config_lookup(&lc, "g.a"), allowed, &e), 0); /* not a group */
    cfg_errors_free(&e);
    config_destroy(&lc);
}

static void test_errors_list(void **state)
{
    struct cfg_errors e;
    char buf[256] = "";
    FILE *f;
    (void)state;

    cfg_errors_init(&e);
    cfg_errors_add(&e, "x.conf", 12, "bad %s", "thing");
    cfg_errors_add(&e, "x.conf", 0, "no line");
    cfg_errors_add(&e, "x.conf", -3, "negative line");
    for (int i = 0; i < 40; i++) /* grows past the first allocation */
        cfg_errors_add(&e, "y.conf", i + 1, "n%d", i);
    assert_int_equal(e.n, 43);
    assert_string_equal(e.msg[0], "x.conf:12: bad thing");
    assert_string_equal(e.msg[1], "x.conf: no line");
    assert_string_equal(e.msg[2], "x.conf: negative line");
    assert_string_equal(e.msg[42], "y.conf:40: n39");

    f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    struct cfg_errors two = { e.msg, 2, e.cap };
    cfg_errors_print(&two, f);
    fclose(f);
    assert_string_equal(buf, "x.conf:12: bad thing\nx.conf: no line\n");

    cfg_errors_free(&e);
    assert_int_equal(e.n, 0);
    assert_null(e.msg);
    cfg_errors_free(&e); /* twice is fine */
    cfg_errors_free(NULL);
}

static void test_names(void **state)
{
    enum lang l = LANG__COUNT;
    (void)state;

    assert_string_equal(tpl_name(TPL_CHECKIN), "checkin");
    assert_string_equal(tpl_name(TPL_RETRY), "retry");
    assert_string_equal(tpl_name(TPL_CRISIS), "crisis");
    assert_string_equal(tpl_name(TPL_ALERT), "alert");
    assert_string_equal(tpl_name(TPL_STOP), "stop");
    assert_string_equal(tpl_name(TPL_START), "start");
    assert_string_equal(tpl_name(TPL_HELP), "help");
    assert_string_equal(lang_name(LANG_EN), "en");
    assert_string_equal(lang_name(LANG_ES), "es");
    assert_int_equal(lang_parse("es", &l), 0);
    assert_int_equal(l, LANG_ES);
    assert_int_equal(lang_parse("EN", &l), 0);
    assert_int_equal(l, LANG_EN);
    assert_int_equal(lang_parse("fr", &l), -1);
    assert_int_equal(lang_parse("", &l), -1);
    assert_int_equal(lang_parse(NULL, &l), -1);
    assert_int_equal(l, LANG_EN); /* untouched on failure */
}

static void test_free_null(void **state)
{
    (void)state;
    gw_config_free(NULL);
}

/* ---- texts to specialists --------------------------------------------- */

static void test_specialist_templates(void **state)
{
    (void)state;
    /* Left out: the built-in English texts; Spanish falls back to them. */
    struct gw_config *c = load_good("spec-default.conf", MINIMAL);
    for (int i = TPL_FIRST_SPECIALIST; i < TPL__COUNT; i++) {
        assert_non_null(tpl_default((enum tpl_id)i));
        assert_string_equal(gw_config_template(c, LANG_EN, (enum tpl_id)i),
                            tpl_default((enum tpl_id)i));
        if (!TPL_IS_CONV(i))
            assert_string_equal(gw_config_template(c, LANG_ES, (enum tpl_id)i),
                                tpl_default((enum tpl_id)i));
    }
    /* The conversation texts have Spanish ones of their own. */
    assert_non_null(strstr(gw_config_template(c, LANG_ES, TPL_CONV_HELD), "TAKE {target}"));
    assert_non_null(strstr(gw_config_template(c, LANG_ES, TPL_CONV_HELD), "lo atiende"));
    assert_int_equal(c->specialists[0].lang, LANG_EN);
    gw_config_free(c);
    /* Every built-in text fits, with a long program name and long values. */
    struct tpl_vars v = {
        .program = "Springfield Peer Support Network", .alias = "alias-sixteen-ch",
        .phone = "+15555550123", .escalation = "12345", .severity = "urgent",
        .excerpt = "a sixty character excerpt of what the person wrote, and so..",
        .count = "12", .by = "Jordan Smith-Lee", .how = "RESOLVE", .state = "resolved",
        .step = "10", .list = "",
        .text = "a sixty character message of what the person wrote, and so.",
        .ref = "alias-sixteen-ch #12345", .target = "alias-sixteen-ch",
    };
    char out[1024];
    for (int i = TPL_FIRST_SPECIALIST; i < TPL__COUNT; i++) {
        int n = template_render(tpl_default((enum tpl_id)i), &v, out, sizeof out);
        assert_true(n > 0);
        if (i == TPL_REALERT || i == TPL_UPGRADED)
            assert_true(n <= TPL_PREFIX_MAX);
        else if (sms_segments(out, NULL) > SPECIALIST_MAX_SEGMENTS)
            fail_msg("built-in %s is %d segments: \"%s\"", tpl_name((enum tpl_id)i),
                     sms_segments(out, NULL), out);
    }
    /* The built-in Spanish conversation texts too, and in GSM-7 (a UCS-2
     * text gets 70 characters a segment, not 160). */
    c = load_good("spec-default-es.conf", MINIMAL);
    for (int i = TPL_FIRST_CONV; i < TPL__COUNT; i++) {
        int ucs2 = 0, n = template_render(gw_config_template(c, LANG_ES, (enum tpl_id)i), &v,
                                          out, sizeof out);
        assert_true(n > 0);
        if (sms_segments(out, &ucs2) > SPECIALIST_MAX_SEGMENTS || ucs2)
            fail_msg("built-in es %s is %d segments%s: \"%s\"", tpl_name((enum tpl_id)i),
                     sms_segments(out, NULL), ucs2 ? " (UCS-2)" : "", out);
    }
    gw_config_free(c);

    /* Set in the config, per language; a specialist who reads Spanish. */
    c = load_good("spec-es.conf",
                  PROGRAM PROVIDERS SCHEDULES
                  "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; lang = \"es\"; } );\n"
                  "templates = {\n" EN_TEMPLATES
                  "  es = { acked = \"{program}: #{escalation} es tuyo.\";\n"
                  "         realert = \"SIN CONFIRMAR ({step}): \"; };\n"
                  "};\n");
    assert_int_equal(c->specialists[0].lang, LANG_ES);
    assert_string_equal(gw_config_template(c, LANG_ES, TPL_ACKED), "{program}: #{escalation} es tuyo.");
    assert_string_equal(gw_config_template(c, LANG_ES, TPL_REALERT), "SIN CONFIRMAR ({step}): ");
    assert_string_equal(gw_config_template(c, LANG_ES, TPL_TAKEN), tpl_default(TPL_TAKEN));
    gw_config_free(c);

    /* Too long, a prefix too long, a typo, a language we do not have. */
    static const char *const needles[] = {
        "templates.en.acked is 3 SMS segments with sample values",
        "templates.en.realert is a prefix of the alert and may be at most 40 characters",
        "templates.es.taken: unknown placeholder {bye}",
        "specialists[0].lang \"fr\" must be \"en\" or \"es\"",
        "templates.en.digest is 2 SMS segments",
        NULL,
    };
    expect_marked("spec-bad.conf",
                  PROGRAM PROVIDERS SCHEDULES
                  "specialists = ( { id = \"jo\"; phone = \"+15555550100\";\n"
                  "  lang = \"fr\"; } );#E4\n"
                  "templates = {\n"
                  "  en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\"; alert = \"a\";\n"
                  "  stop = \"s\"; start = \"st\"; help = \"h\";\n"
                  "  acked = \"{program}: #{escalation} is yours. {excerpt} {excerpt} "
                  "{excerpt} {excerpt} {excerpt} {excerpt}\";#E1\n"
                  "  realert = \"NOT YET ACKNOWLEDGED BY ANYONE AT ALL, STEP {step}: \";#E2\n"
                  "  digest = \"{program} daily watch: {list} {excerpt} {excerpt} {excerpt}\"; };#E5\n"
                  "  es = { taken = \"{program}: #{escalation} {bye}\"; };#E3\n"
                  "};\n",
                  needles);
}

/* escalation.followup_after (issue 18 item 4): durations, ascending, each
 * refused at its line; the default is next day, 72 hours, one week. */
static void followup_after(void **state)
{
    (void)state;
    struct gw_config *c = load_good("fu-default.conf", MINIMAL);
    assert_int_equal(c->esc.nfollowups, 3);
    assert_int_equal(c->esc.followup_secs[0], 86400);
    assert_int_equal(c->esc.followup_secs[1], 72 * 3600);
    assert_int_equal(c->esc.followup_secs[2], 7 * 86400);
    assert_int_equal(c->esc.followup_grace_hours, 12);
    gw_config_free(c);
    c = load_good("fu-set.conf", MINIMAL "escalation = { followup_after = \"2h,1d\";"
                                 " followup_grace_hours = 3; };\n");
    assert_int_equal(c->esc.nfollowups, 2);
    assert_int_equal(c->esc.followup_secs[0], 7200);
    assert_int_equal(c->esc.followup_secs[1], 86400);
    assert_int_equal(c->esc.followup_grace_hours, 3);
    gw_config_free(c);
    static const char *const n1[] = {"is not a duration from 1h to 90d", NULL};
    expect_marked("fu-bad.conf", MINIMAL "escalation = {\n followup_after = \"1d, 3 days\"; #E1\n};\n", n1);
    static const char *const n2[] = {"ascending order", NULL};
    expect_marked("fu-order.conf", MINIMAL "escalation = {\n followup_after = \"3d, 1d\"; #E1\n};\n", n2);
    static const char *const n3[] = {"is not a duration from 1h to 90d", NULL};
    expect_marked("fu-short.conf", MINIMAL "escalation = {\n followup_after = \"30m\"; #E1\n};\n", n3);
    static const char *const n4[] = {"followup_grace_hours", NULL};
    expect_marked("fu-grace.conf", MINIMAL "escalation = {\n followup_grace_hours = 0; #E1\n};\n", n4);
}

/* A specialist's working hours (issue 18 item 6): shifts "DAYS HH:MM-HH:MM",
 * each refused at its line. */
static void specialist_hours(void **state)
{
    (void)state;
    struct gw_config *c = load_good("hours.conf", PROGRAM PROVIDERS SCHEDULES
        "specialists = ( { id = \"jo\"; phone = \"+15555550100\";"
        " hours = [ \"mon-fri 09:00-17:00\", \"sat,sun 10:00-12:00\", \"fri-mon 22:00-06:00\" ]; } );\n"
        TEMPLATES);
    const struct gw_specialist *sp = gw_config_specialist(c, "jo");
    assert_int_equal(sp->nhours, 3);
    assert_int_equal(sp->hours[0].days, 0x3E);
    assert_int_equal(sp->hours[0].start, 9 * 60);
    assert_int_equal(sp->hours[0].end, 17 * 60);
    assert_int_equal(sp->hours[1].days, 0x41);
    assert_int_equal(sp->hours[2].days, (1u << 5) | (1u << 6) | 1u | (1u << 1));
    gw_config_free(c);
    static const char *const n1[] = {"hours[1] must be \"DAYS HH:MM-HH:MM\"", NULL};
    expect_marked("hours-bad.conf", PROGRAM PROVIDERS SCHEDULES
        "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; hours = [ \"mon 09:00-12:00\",\n"
        "  \"someday 09:00-17:00\" ]; } ); #E1\n" TEMPLATES, n1);
    static const char *const n2[] = {"hours must be an array of 1 to 8 shifts", NULL};
    expect_marked("hours-type.conf", PROGRAM PROVIDERS SCHEDULES
        "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; hours = \"9-5\"; } ); #E1\n"
        TEMPLATES, n2);
    /* The automatic answer outside working hours must give 988. */
    static const char *const n3[] = {"templates.en.away must include the 988", NULL};
    expect_marked("away-988.conf", PROGRAM PROVIDERS SCHEDULES SPECIALISTS "templates = { en = { checkin = \"c\"; retry = \"r\";"
        " crisis = \"988\"; alert = \"a\"; stop = \"s\"; start = \"st\"; help = \"h\";\n"
        " away = \"{peer} is back {back}\"; #E1\n }; };\n", n3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(followup_after),
        cmocka_unit_test(specialist_hours),
        cmocka_unit_test(test_specialist_templates),
        cmocka_unit_test(test_err_syntax),
        cmocka_unit_test(test_err_missing_file),
        cmocka_unit_test(test_bad_fixtures),
        cmocka_unit_test(test_secret),
        cmocka_unit_test(test_check_keys),
        cmocka_unit_test(test_errors_list),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
