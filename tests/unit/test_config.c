/* SPDX-License-Identifier: Apache-2.0 */
/* test_config.c: gateway/config/config.c — loading, defaults, and every kind of
 * error, each reported as "file:line: reason" and all of them together.
 *
 * Run from the repository root (the test runner does): the shipped
 * etc/checkin.conf and tests/data/config/ are found by relative path.
 * Configs written by a test go to a private mkdtemp directory.
 *
 * Error tests mark the wrong lines of their config text with "#E1", "#E2",
 * ... at the end of the line; expect_marked() checks that there is exactly
 * one error per marked line, at that line number, and no other error. */
#include "config_harness.h"

/* ---- the shipped config ------------------------------------------------- */

static void test_shipped_config(void **state)
{
    char path[PATH_MAX];
    struct gw_config *c = NULL;
    struct cfg_errors e;
    (void)state;

    snprintf(path, sizeof path, "%setc/checkin.conf", repo);
    cfg_errors_init(&e);
    if (gw_config_load(&c, path, &e) != 0)
        print_errors(&e);
    assert_int_equal(e.n, 0);
    assert_non_null(c);

    assert_string_equal(c->file, path);
    assert_string_equal(c->program_name, "Harbor Peer Support");
    assert_string_equal(c->program_contact, "(555) 555-0100");
    assert_string_equal(c->default_tz, "America/New_York");
    assert_string_equal(c->database, "var/checkin.db");
    assert_string_equal(c->pid_file, "var/checkin-gateway.pid");
    assert_int_equal(c->log_level, LL_INFO);
    assert_string_equal(c->http_listen, "127.0.0.1");
    assert_int_equal(c->http_port, 8780);
    assert_int_equal(c->retry_base_seconds, 30);
    assert_int_equal(c->retry_max_seconds, 3600);
    assert_int_equal(c->max_attempts, 10);

    assert_int_equal(c->nproviders, 1);
    assert_string_equal(c->providers[0].name, "spool");
    assert_string_equal(c->providers[0].kind, "spool");
    assert_non_null(c->providers[0].settings);
    const char *dir = NULL;
    assert_int_equal(config_setting_lookup_string(c->providers[0].settings, "dir", &dir),
                     CONFIG_TRUE);
    assert_string_equal(dir, "var/spool");
    assert_int_equal(c->route_checkin.n, 1);
    assert_string_equal(c->route_checkin.names[0], "spool");
    assert_int_equal(c->route_urgent.n, 1);
    assert_string_equal(c->route_urgent.names[0], "spool");

    const struct gw_schedule *s = gw_config_schedule(c, "daily");
    assert_non_null(s);
    assert_int_equal(s->ntimes, 1);
    assert_int_equal(s->times[0], 9 * 60);
    assert_int_equal(s->days, 0x7F);
    assert_int_equal(s->window_minutes, 240);
    assert_int_equal(s->scale_min, 1);
    assert_int_equal(s->scale_max, 10);
    assert_int_equal(s->alert_at_or_below, 2);

    const struct gw_specialist *j = gw_config_specialist(c, "jordan");
    assert_non_null(j);
    assert_string_equal(j->name, "Jordan");
    assert_string_equal(j->phone, "+15555550100");
    assert_non_null(gw_config_specialist(c, j->backup)); /* a real backup */
    assert_ptr_equal(gw_config_specialist_by_phone(c, "+15555550100"), j);

    /* Every template renders with real values; the safety texts say 988. */
    struct tpl_vars v = {
        .program = c->program_name, .contact = c->program_contact, .alias = "Robin",
        .phone = "+15555550123", .score = "2", .scale_min = "1", .scale_max = "10",
        .escalation = "17", .severity = "high", .excerpt = "rough day",
    };
    for (int l = 0; l < LANG__COUNT; l++) {
        for (int id = 0; id < TPL__COUNT; id++) {
            char out[1024];
            const char *t = gw_config_template(c, (enum lang)l, (enum tpl_id)id);
            assert_non_null(t);
            assert_true(template_render(t, &v, out, sizeof out) > 0);
            /* Not the prefixes of the alert, nor a client's relayed words
             * (only who wrote them: "alex #17: ..."). */
            if (id != TPL_REALERT && id != TPL_UPGRADED && id != TPL_CONV_IN)
                assert_non_null(strstr(out, c->program_name));
            if (id == TPL_CRISIS || id == TPL_STOP || id == TPL_HELP)
                assert_non_null(strstr(out, "988"));
            if (id == TPL_HELP)
                assert_non_null(strstr(out, c->program_contact));
            if (id == TPL_ALERT) {
                assert_non_null(strstr(out, "ACK 17"));
                assert_non_null(strstr(out, "+15555550123"));
                assert_non_null(strstr(out, "rough day"));
            }
        }
    }
    /* The English check-in fits one SMS segment. */
    char out[1024];
    assert_true(template_render(gw_config_template(c, LANG_EN, TPL_CHECKIN), &v, out,
                                sizeof out) <= 160);
    /* The Spanish alert is left out on purpose: it falls back to English. */
    assert_ptr_equal(gw_config_template(c, LANG_ES, TPL_ALERT),
                     gw_config_template(c, LANG_EN, TPL_ALERT));
    assert_ptr_not_equal(gw_config_template(c, LANG_ES, TPL_CRISIS),
                         gw_config_template(c, LANG_EN, TPL_CRISIS));
    assert_non_null(strstr(gw_config_template(c, LANG_ES, TPL_CRISIS), "AYUDA"));

    gw_config_free(c);
    cfg_errors_free(&e);
}

/* ---- defaults ----------------------------------------------------------- */

static void test_minimal_defaults(void **state)
{
    char path[PATH_MAX];
    struct gw_config *c = NULL;
    struct cfg_errors e;
    (void)state;

    snprintf(path, sizeof path, "%stests/data/config/good-minimal.conf", repo);
    cfg_errors_init(&e);
    if (gw_config_load(&c, path, &e) != 0)
        print_errors(&e);
    assert_non_null(c);

    assert_string_equal(c->default_tz, "UTC");
    assert_string_equal(c->country, "US");
    assert_string_equal(c->database, "var/checkin.db");
    assert_string_equal(c->pid_file, "var/checkin-gateway.pid");
    assert_int_equal(c->log_level, LL_INFO);
    assert_string_equal(c->http_listen, "127.0.0.1");
    assert_int_equal(c->http_port, 8780);
    assert_int_equal(c->retry_base_seconds, 30);
    assert_int_equal(c->retry_max_seconds, 3600);
    assert_int_equal(c->max_attempts, 10);
    assert_int_equal(c->route_checkin.n, 1);
    assert_string_equal(c->route_checkin.names[0], "spool");
    assert_int_equal(c->route_urgent.n, 1);
    assert_string_equal(c->route_urgent.names[0], "spool");

    assert_int_equal(c->nschedules, 1);
    assert_int_equal(c->schedules[0].days, 0x7F);
    assert_int_equal(c->schedules[0].window_minutes, 240);
    assert_int_equal(c->schedules[0].scale_min, 1);
    assert_int_equal(c->schedules[0].scale_max, 10);
    assert_int_equal(c->schedules[0].alert_at_or_below, 2);

    assert_int_equal(c->nspecialists, 1);
    assert_string_equal(c->specialists[0].name, "jordan"); /* name defaults to the id */
    assert_string_equal(c->specialists[0].backup, "");

    /* No Spanish at all: every Spanish template is the English one, but for
     * the optional welcome texts and the screening question, which have
     * built-in Spanish ones. */
    for (int id = 0; id < TPL__COUNT; id++) {
        if (TPL_IS_CONV(id)) { /* built-in Spanish texts to specialists, a copy of their own */
            assert_ptr_not_equal(c->templates[LANG_ES][id], c->templates[LANG_EN][id]);
            continue;
        }
        if (!TPL_HAS_BUILTIN(id)) {
            assert_ptr_equal(c->templates[LANG_ES][id], c->templates[LANG_EN][id]);
            continue;
        }
        if (id == TPL_SCREEN) {
            assert_non_null(strstr(c->templates[LANG_ES][id], "Responda SI o NO"));
            continue;
        }
        if (id == TPL_AWAY) { /* the answer outside working hours: when, and 988 */
            assert_non_null(strstr(c->templates[LANG_EN][id], "back {back}"));
            assert_non_null(strstr(c->templates[LANG_ES][id], "vuelve el {back}"));
            assert_non_null(strstr(c->templates[LANG_ES][id], "988"));
            continue;
        }
        assert_non_null(strstr(c->templates[LANG_EN][id], "Reply STOP"));
        assert_non_null(strstr(c->templates[LANG_ES][id], "Responda STOP"));
    }
    assert_non_null(strstr(c->templates[LANG_EN][TPL_WELCOME], "988"));
    assert_non_null(strstr(c->templates[LANG_ES][TPL_WELCOME_CONFIRM], "Responda SI"));

    gw_config_free(c);
    cfg_errors_free(&e);
}

static void test_values_read_back(void **state)
{
    (void)state;
    struct gw_config *c = load_good(
        "values.conf",
        "program = { name = \"P\"; contact = \"C\"; timezone = \"Europe/Madrid\"; country = \"ES\"; };\n"
        "daemon = { database = \"/tmp/x.db\"; pid_file = \"/tmp/x.pid\"; log_level = \"DEBUG\"; };\n"
        "http = { listen = \"0.0.0.0\"; port = 0; };\n"
        "outbox = { retry_base_seconds = 5; retry_max_seconds = 5; max_attempts = 1; };\n"
        "providers = ( { name = \"a\"; kind = \"fake\"; },\n"
        "              { name = \"b-2\"; kind = \"fake\"; rate_per_second = 2.5; } );\n"
        "routing = { urgent = [ \"b-2\", \"a\" ]; };\n"
        "schedules = ( { name = \"twice\"; times = [ \"18:30\", \"08:05\", \"18:30\", \"00:00\" ];\n"
        "                days = [ \"mon\", \"Friday\", \"mon\" ]; window_minutes = 1440;\n"
        "                scale = [ 0, 4 ]; alert_at_or_below = 0; } );\n"
        "specialists = ( { id = \"jo\"; name = \"Jo\"; phone = \"+15555550100\"; backup = \"sam\"; },\n"
        "                { id = \"sam\"; phone = \"+442079460000\"; backup = \"\"; } );\n"
        TEMPLATES);

    assert_true(c->providers[0].rate_per_second == 0); /* no limit when left out */
    assert_true(c->providers[1].rate_per_second == 2.5);
    assert_string_equal(c->default_tz, "Europe/Madrid");
    assert_string_equal(c->country, "ES");
    assert_string_equal(c->database, "/tmp/x.db");
    assert_string_equal(c->pid_file, "/tmp/x.pid");
    assert_int_equal(c->log_level, LL_DEBUG);
    assert_string_equal(c->http_listen, "0.0.0.0");
    assert_int_equal(c->http_port, 0);
    assert_int_equal(c->retry_base_seconds, 5);
    assert_int_equal(c->retry_max_seconds, 5);
    assert_int_equal(c->max_attempts, 1);

    /* checkin left out: every provider in config order; urgent as written. */
    assert_int_equal(c->route_checkin.n, 2);
    assert_string_equal(c->route_checkin.names[0], "a");
    assert_string_equal(c->route_checkin.names[1], "b-2");
    assert_int_equal(c->route_urgent.n, 2);
    assert_string_equal(c->route_urgent.names[0], "b-2");
    assert_string_equal(c->route_urgent.names[1], "a");

    const struct gw_schedule *s = gw_config_schedule(c, "twice");
    assert_non_null(s);
    assert_null(gw_config_schedule(c, "daily"));
    assert_int_equal(s->ntimes, 3); /* sorted, the repeat dropped */
    assert_int_equal(s->times[0], 0);
    assert_int_equal(s->times[1], 8 * 60 + 5);
    assert_int_equal(s->times[2], 18 * 60 + 30);
    assert_int_equal(s->days, (1u << 1) | (1u << 5));
    assert_int_equal(s->window_minutes, 1440);
    assert_int_equal(s->scale_min, 0);
    assert_int_equal(s->scale_max, 4);
    assert_int_equal(s->alert_at_or_below, 0);

    assert_string_equal(gw_config_specialist(c, "jo")->backup, "sam");
    assert_string_equal(gw_config_specialist(c, "sam")->name, "sam");
    assert_string_equal(gw_config_specialist_by_phone(c, "+442079460000")->id, "sam");
    assert_null(gw_config_specialist_by_phone(c, "+15555550199"));
    assert_null(gw_config_specialist(c, "nobody"));
    assert_null(gw_config_specialist(c, ""));
    assert_null(gw_config_template(c, LANG__COUNT, TPL_HELP));
    assert_null(gw_config_template(c, LANG_EN, TPL__COUNT));
    gw_config_free(c);
}

/* ---- one test per kind of error ---------------------------------------- */

/* Unknown keys at every level; a provider's own keys are not checked here. */
static void test_err_unknown_keys_every_level(void **state)
{
    (void)state;
    static const char *const needles[] = {
        "unknown setting 'nmae' in program (known: name, contact, timezone, country)",
        "unknown setting 'verbose' in daemon",
        "unknown setting 'host' in http",
        "unknown setting 'retry' in outbox",
        "unknown setting 'sms' in routing",
        "unknown setting 'hour' in schedules[0]",
        "unknown setting 'mail' in specialists[0]",
        "unknown setting 'hello' in templates.en",
        "unknown setting 'bye' in templates.es",
        "unknown setting 'fr' in templates (known: en, es)",
        "unknown setting 'extra' (known: program,",
        NULL,
    };
    expect_marked("unknown2.conf",
                  "program = { name = \"P\"; contact = \"C\";\n"
                  "  nmae = \"x\"; };  #E1\n"
                  "daemon = { verbose = true; };  #E2\n"
                  "http = { host = \"x\"; };  #E3\n"
                  "outbox = { retry = 1; };  #E4\n"
                  "providers = ( { name = \"spool\"; kind = \"spool\"; anything = 1; } );\n"
                  "routing = { sms = [ \"spool\" ]; };  #E5\n"
                  "schedules = ( { name = \"daily\"; times = [ \"09:00\" ];\n"
                  "  hour = 9; } );  #E6\n"
                  "specialists = ( { id = \"jo\"; phone = \"+15555550100\";\n"
                  "  mail = \"x\"; } );  #E7\n"
                  "templates = {\n"
                  "  en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\"; alert = \"a\";\n"
                  "         stop = \"s\"; start = \"s\"; help = \"h\";\n"
                  "    hello = \"x\"; };  #E8\n"
                  "  es = { help = \"h\";\n"
                  "    bye = \"b\"; };  #E9\n"
                  "  fr = { };  #E10\n"
                  "};\n"
                  "extra = 1;  #E11\n",
                  needles);
}

static void test_err_types_all_together(void **state)
{
    (void)state;
    /* outbox given as a scalar: the group itself has the wrong type. */
    static const char *const needles[] = {
        "program.name must be a string, not an integer",
        "daemon.log_level must be a string, not a boolean",
        "http.port must be an integer, not a string",
        "http.listen must be a string, not an array",
        "outbox must be a group { ... }, not an integer",
        "providers[0] must be a group",
        "routing must be a group",
        "schedules[0].times must be an array",
        "schedules[0].window_minutes must be an integer, not a string",
        "schedules[0].days[0] must be a weekday name, not an integer",
        "specialists[0].phone must be a string, not an integer",
        "templates.en.help must be a string, not a list",
        NULL,
    };
    expect_marked("types2.conf",
                  "program = { contact = \"C\";\n"
                  "  name = 5; };  #E1\n"
                  "daemon = { log_level = true; };  #E2\n"
                  "http = { port = \"80\";  #E3\n"
                  "  listen = [ 1 ]; };  #E4\n"
                  "outbox = 5;  #E5\n"
                  "providers = ( \"spool\" );  #E6\n"
                  "routing = [ \"spool\" ];  #E7\n"
                  "schedules = ( { name = \"daily\";\n"
                  "  times = \"09:00\";  #E8\n"
                  "  window_minutes = \"240\";  #E9\n"
                  "  days = [ 1 ]; } );  #E10\n"
                  "specialists = ( { id = \"jo\";\n"
                  "  phone = 15555550100L; } );  #E11\n"
                  "templates = {\n"
                  "  en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\"; alert = \"a\";\n"
                  "         stop = \"s\"; start = \"s\";\n"
                  "    help = ( \"h\" ); };  #E12\n"
                  "};\n",
                  needles);
}

static void test_err_missing_required(void **state)
{
    struct cfg_errors e;
    const char *path;
    (void)state;

    /* Nothing at all: one file-level error per required section. */
    path = load_bad("empty.conf", "# nothing\n", &e);
    assert_int_equal(e.n, 5);
    assert_true(has_error(&e, path, 0, "missing required group program { name, contact }"));
    assert_true(has_error(&e, path, 0, "missing required list providers"));
    assert_true(has_error(&e, path, 0, "missing required list schedules"));
    assert_true(has_error(&e, path, 0, "missing required list specialists"));
    assert_true(has_error(&e, path, 0, "missing required group templates"));
    cfg_errors_free(&e);

    /* Missing keys inside groups: reported at the group's line. */
    static const char *const needles[] = {
        "program: missing required setting: contact",
        "providers[0]: missing required setting 'kind'",
        "providers[1]: missing required setting 'name'",
        "schedules[0]: missing required setting 'times'",
        "schedules[1]: missing required setting 'name'",
        "specialists[0]: missing required setting 'phone'",
        "specialists[1]: missing required setting 'id'",
        "templates.en: missing required template 'help'",
        NULL,
    };
    expect_marked("missing.conf",
                  "program = { name = \"P\"; };  #E1\n"
                  "providers = ( { name = \"spool\"; },  #E2\n"
                  "  { kind = \"spool\"; } );  #E3\n"
                  "schedules = ( { name = \"daily\"; },  #E4\n"
                  "  { times = [ \"09:00\" ]; } );  #E5\n"
                  "specialists = ( { id = \"jo\"; },  #E6\n"
                  "  { phone = \"+15555550100\"; } );  #E7\n"
                  "templates = {\n"
                  "  en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\"; alert = \"a\";  #E8\n"
                  "         stop = \"s\"; start = \"s\"; };\n"
                  "};\n",
                  needles);

    /* An empty list, and templates without English. */
    path = load_bad("missing2.conf",
                    PROGRAM
                    "providers = ( );\n"
                    SCHEDULES SPECIALISTS
                    "templates = { es = { help = \"h\"; }; };\n",
                    &e);
    assert_int_equal(e.n, 2);
    assert_true(has_error(&e, path, 2, "providers must have at least one entry"));
    assert_true(has_error(&e, path, 5, "templates: missing required group 'en'"));
    cfg_errors_free(&e);
}

static void test_err_bad_phone(void **state)
{
    (void)state;
    expect_marked("phone.conf",
                  PROGRAM PROVIDERS SCHEDULES
                  "specialists = (\n"
                  "  { id = \"a\"; phone = \"+15555550100\"; },\n"
                  "  { id = \"b\"; phone = \"5555550101\"; },  #E1\n"
                  "  { id = \"c\"; phone = \"+1 555 555 0102\"; },  #E2\n"
                  "  { id = \"d\"; phone = \"+1555\"; },  #E3\n"
                  "  { id = \"e\"; phone = \"+1234567890123456\"; },  #E4\n"
                  "  { id = \"f\"; phone = \"+1555CALLNOW\"; },  #E5\n"
                  "  { id = \"g\"; phone = \"+05555550100\"; },  #E6\n"
                  "  { id = \"h\"; phone = \"\"; }  #E7\n"
                  ");\n" TEMPLATES,
                  (const char *const[]){
                      "specialists[1].phone \"5555550101\" is not an E.164 number",
                      "specialists[2].phone \"+1 555 555 0102\" is not an E.164 number",
                      "specialists[3].phone \"+1555\" is not an E.164 number",
                      "specialists[4].phone \"+1234567890123456\" is not an E.164 number",
                      "specialists[5].phone \"+1555CALLNOW\" is not an E.164 number",
                      "specialists[6].phone \"+05555550100\" is not an E.164 number",
                      "specialists[7].phone \"\" is not an E.164 number",
                      NULL });
}

static void test_err_timezone(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "Mars/Olympus_Mons", "../../../etc/passwd", "/usr/share/zoneinfo/UTC", "",
        "America", "zone.tab", "America/../UTC",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "program = { name = \"P\"; contact = \"C\";\n"
                 "  timezone = \"%s\"; };  #E1\n"
                 PROVIDERS SCHEDULES SPECIALISTS TEMPLATES,
                 bad[i]);
        expect_marked("tz.conf", text,
                      (const char *const[]){
                          bad[i][0] == '\0' ? "program.timezone is empty"
                                            : "program.timezone: unknown time zone",
                          NULL });
    }
}

/* program.country: a region libphonenumber knows, in upper case. */
static void test_err_country(void **state)
{
    (void)state;
    static const char *const bad[] = { "XX", "us", "USA", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "program = { name = \"P\"; contact = \"C\";\n"
                 "  country = \"%s\"; };  #E1\n"
                 PROVIDERS SCHEDULES SPECIALISTS TEMPLATES,
                 bad[i]);
        expect_marked("country.conf", text,
                      (const char *const[]){
                          bad[i][0] == '\0' ? "program.country is empty"
                                            : "program.country: unknown country",
                          NULL });
    }
}

static void test_tz_is_valid(void **state)
{
    char zdir[PATH_MAX], zfile[PATH_MAX + 32];
    FILE *f;
    (void)state;

    assert_true(tz_is_valid("UTC"));
    assert_true(tz_is_valid("America/New_York"));
    assert_true(tz_is_valid("Europe/Madrid"));
    assert_false(tz_is_valid(NULL));
    assert_false(tz_is_valid(""));
    assert_false(tz_is_valid("/etc/localtime"));
    assert_false(tz_is_valid("/usr/share/zoneinfo/UTC"));
    assert_false(tz_is_valid("../zoneinfo/UTC"));
    assert_false(tz_is_valid("America/../UTC"));
    assert_false(tz_is_valid("America"));          /* a directory */
    assert_false(tz_is_valid("zone.tab"));         /* a file, not a zone */
    assert_false(tz_is_valid("Mars/Olympus_Mons"));
    assert_false(tz_is_valid("America/New_York_and_then_a_name_too_long_to_be_any_zone_at_all"));

    /* $TZDIR, when set, is where zones are looked up. */
    snprintf(zdir, sizeof zdir, "%s/zones", tmpdir);
    assert_int_equal(mkdir(zdir, 0700), 0);
    snprintf(zfile, sizeof zfile, "%s/Test_Zone", zdir);
    f = fopen(zfile, "w");
    assert_non_null(f);
    fputs("TZif2 and the rest of a zone file", f);
    fclose(f);
    assert_int_equal(setenv("TZDIR", zdir, 1), 0);
    assert_true(tz_is_valid("Test_Zone"));
    assert_false(tz_is_valid("UTC"));
    assert_int_equal(unsetenv("TZDIR"), 0);
    assert_false(tz_is_valid("Test_Zone"));
    assert_true(tz_is_valid("UTC"));
    unlink(zfile);
    rmdir(zdir);
}

static void test_err_duplicates(void **state)
{
    (void)state;
    expect_marked("dups.conf",
                  PROGRAM
                  "providers = ( { name = \"spool\"; kind = \"spool\"; },\n"
                  "  { name = \"spool\"; kind = \"fake\"; } );  #E1\n"
                  "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; },\n"
                  "  { name = \"daily\"; times = [ \"10:00\" ]; } );  #E2\n"
                  "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; },\n"
                  "  { id = \"jo\"; phone = \"+15555550101\"; },  #E3\n"
                  "  { id = \"sam\"; phone = \"+15555550100\"; } );  #E4\n"
                  TEMPLATES,
                  (const char *const[]){
                      "providers[1].name: duplicate provider name \"spool\"",
                      "schedules[1].name: duplicate schedule name \"daily\"",
                      "specialists[1].id: duplicate specialist id \"jo\"",
                      "specialists[2].phone: +15555550100 is already another specialist's number",
                      NULL });
}

static void test_err_names(void **state)
{
    (void)state;
    expect_marked("names.conf",
                  PROGRAM
                  "providers = ( { name = \"Spool\"; kind = \"spool\"; },  #E1\n"
                  "  { name = \"a b\"; kind = \"spool\"; },  #E2\n"
                  "  { name = \"ok\"; kind = \"\"; } );  #E3\n"
                  "schedules = ( { name = \"\"; times = [ \"09:00\" ]; } );  #E4\n"
                  "specialists = ( { id = \"jo/1\"; phone = \"+15555550100\"; } );  #E5\n"
                  TEMPLATES,
                  (const char *const[]){
                      "providers[0].name \"Spool\" must be 1-63 of a-z, 0-9",
                      "providers[1].name \"a b\" must be",
                      "providers[2].kind must be 1-63 characters",
                      "schedules[0].name \"\" must be",
                      "specialists[0].id \"jo/1\" must be",
                      NULL });
}

static void test_err_routing(void **state)
{
    struct cfg_errors e;
    const char *path;
    (void)state;

    expect_marked("routing.conf",
                  PROGRAM
                  "providers = ( { name = \"a\"; kind = \"fake\"; }, { name = \"b\"; kind = \"fake\"; } );\n"
                  "routing = {\n"
                  "  checkin = [ \"a\",\n"
                  "              \"twilio\",  #E1\n"
                  "              \"b\",\n"
                  "              \"a\" ];  #E2\n"
                  "  urgent = [ ];  #E3\n"
                  "};\n"
                  SCHEDULES SPECIALISTS TEMPLATES,
                  (const char *const[]){
                      "routing.checkin: unknown provider \"twilio\" (not in providers)",
                      "routing.checkin: provider \"a\" is listed twice",
                      "routing.urgent must name at least one provider",
                      NULL });

    expect_marked("routing2.conf",
                  PROGRAM PROVIDERS
                  "routing = { checkin = [ \"spool\", \"spool\", \"spool\", \"spool\", \"spool\",  #E1\n"
                  "  \"spool\", \"spool\", \"spool\", \"spool\" ];\n"
                  "  urgent = ( 1 ); };  #E2\n"
                  SCHEDULES SPECIALISTS TEMPLATES,
                  (const char *const[]){ "routing.checkin names 9 providers; at most 8",
                                         "routing.urgent[0] must be a provider name", NULL });

    /* rate_per_second: a number of messages a second, or left out. */
    expect_marked("rates.conf",
                  PROGRAM
                  "providers = ( { name = \"a\"; kind = \"fake\"; rate_per_second = 0; },  #E1\n"
                  "  { name = \"b\"; kind = \"fake\"; rate_per_second = \"fast\"; },  #E2\n"
                  "  { name = \"c\"; kind = \"fake\"; rate_per_second = 20000.5; },  #E3\n"
                  "  { name = \"d\"; kind = \"fake\"; rate_per_second = 0.5; },\n"
                  "  { name = \"e\"; kind = \"fake\"; rate_per_second = 30; } );\n"
                  SCHEDULES SPECIALISTS TEMPLATES,
                  (const char *const[]){
                      "providers[0].rate_per_second = 0 is out of range (0.01 to 10000",
                      "providers[1].rate_per_second must be a number (messages a second), not a"
                      " string",
                      "providers[2].rate_per_second = 20000.5 is out of range",
                      NULL });

    /* More providers than a route holds, and no routing: say so. */
    path = load_bad("routing3.conf",
                    PROGRAM
                    "providers = ( { name = \"p1\"; kind = \"f\"; }, { name = \"p2\"; kind = \"f\"; },\n"
                    "  { name = \"p3\"; kind = \"f\"; }, { name = \"p4\"; kind = \"f\"; },\n"
                    "  { name = \"p5\"; kind = \"f\"; }, { name = \"p6\"; kind = \"f\"; },\n"
                    "  { name = \"p7\"; kind = \"f\"; }, { name = \"p8\"; kind = \"f\"; },\n"
                    "  { name = \"p9\"; kind = \"f\"; } );\n"
                    SCHEDULES SPECIALISTS TEMPLATES,
                    &e);
    assert_int_equal(e.n, 2);
    assert_true(has_error(&e, path, 0, "routing.checkin: 9 providers are more than a route"));
    assert_true(has_error(&e, path, 0, "routing.urgent: 9 providers are more than a route"));
    cfg_errors_free(&e);
}

static void test_err_times(void **state)
{
    (void)state;
    expect_marked("times.conf",
                  PROGRAM PROVIDERS
                  "schedules = ( { name = \"a\"; times = [\n"
                  "  \"09:00\",\n"
                  "  \"25:00\",  #E1\n"
                  "  \"09:60\",  #E2\n"
                  "  \"noon\",  #E3\n"
                  "  \"\" ]; },  #E4\n"
                  "  { name = \"b\"; times = [ 900 ]; },  #E5\n"
                  "  { name = \"c\"; times = [ ]; },  #E6\n"
                  "  { name = \"d\"; times = [ \"00:01\", \"00:02\", \"00:03\", \"00:04\",  #E7\n"
                  "    \"00:05\", \"00:06\", \"00:07\", \"00:08\", \"00:09\", \"00:10\", \"00:11\",\n"
                  "    \"00:12\", \"00:13\" ]; } );\n"
                  SPECIALISTS TEMPLATES,
                  (const char *const[]){
                      "schedules[0].times[1]: \"25:00\" is not a time of day \"HH:MM\"",
                      "schedules[0].times[2]: \"09:60\" is not a time of day",
                      "schedules[0].times[3]: \"noon\" is not a time of day",
                      "schedules[0].times[4]: \"\" is not a time of day",
                      "schedules[1].times[0] must be a string \"HH:MM\", not an integer",
                      "schedules[2].times must have 1 to 12 times, not 0",
                      "schedules[3].times must have 1 to 12 times, not 13",
                      NULL });
}

static void test_err_weekdays(void **state)
{
    (void)state;
    expect_marked("days.conf",
                  PROGRAM PROVIDERS
                  "schedules = ( { name = \"a\"; times = [ \"09:00\" ]; days = [\n"
                  "  \"mon\",\n"
                  "  \"funday\" ]; },  #E1\n"
                  "  { name = \"b\"; times = [ \"09:00\" ]; days = [ ]; },  #E2\n"
                  "  { name = \"c\"; times = [ \"09:00\" ]; days = \"mon\"; } );  #E3\n"
                  SPECIALISTS TEMPLATES,
                  (const char *const[]){
                      "schedules[0].days[1]: \"funday\" is not a weekday",
                      "schedules[1].days is empty",
                      "schedules[2].days must be an array of weekday names",
                      NULL });
}

static void test_err_scale_and_threshold(void **state)
{
    (void)state;
    expect_marked("scale.conf",
                  PROGRAM PROVIDERS
                  "schedules = (\n"
                  "  { name = \"a\"; times = [ \"09:00\" ]; scale = [ 10, 1 ]; },  #E1\n"
                  "  { name = \"b\"; times = [ \"09:00\" ]; scale = [ 1 ]; },  #E2\n"
                  "  { name = \"c\"; times = [ \"09:00\" ]; scale = [ 0, 101 ]; },  #E3\n"
                  "  { name = \"d\"; times = [ \"09:00\" ]; scale = [ 5, 5 ]; },  #E4\n"
                  "  { name = \"e\"; times = [ \"09:00\" ]; scale = [ \"1\", \"10\" ]; },  #E5\n"
                  "  { name = \"f\"; times = [ \"09:00\" ]; alert_at_or_below = 11; },  #E6\n"
                  "  { name = \"g\"; times = [ \"09:00\" ]; scale = [ 5, 10 ]; },  #E7\n"
                  "  { name = \"h\"; times = [ \"09:00\" ]; alert_at_or_below = -1; },  #E8\n"
                  "  { name = \"i\"; times = [ \"09:00\" ]; window_minutes = 0; },  #E9\n"
                  "  { name = \"j\"; times = [ \"09:00\" ]; window_minutes = 1441; },  #E10\n"
                  "  { name = \"k\"; times = [ \"09:00\" ]; scale = [ -1, 4 ]; }  #E11\n"
                  ");\n"
                  SPECIALISTS TEMPLATES,
                  (const char *const[]){
                      "schedules[0].scale [ 10, 1 ]: need 0 <= min < max <= 100",
                      "schedules[1].scale must be two integers",
                      "schedules[2].scale [ 0, 101 ]: need",
                      "schedules[3].scale [ 5, 5 ]: need",
                      "schedules[4].scale must be two integers",
                      "schedules[5].alert_at_or_below = 11 is outside the scale 1-10",
                      "schedules[6].alert_at_or_below = 2 (the default) is outside the scale 5-10",
                      "schedules[7].alert_at_or_below = -1 is out of range",
                      "schedules[8].window_minutes = 0 is out of range (1 to 1440)",
                      "schedules[9].window_minutes = 1441 is out of range",
                      "schedules[10].scale [ -1, 4 ]: need",
                      NULL });
}

static void test_err_schedule_extras(void **state)
{
    (void)state;
    expect_marked("extras.conf",
                  PROGRAM PROVIDERS
                  "schedules = (\n"
                  "  { name = \"a\"; times = [ \"09:00\" ]; window_minutes = 60;\n"
                  "    reminder_minutes = 60; },  #E1\n"
                  "  { name = \"b\"; times = [ \"09:00\" ]; reminder_minutes = -1; },  #E2\n"
                  "  { name = \"c\"; times = [ \"09:00\", \"09:20\" ]; jitter_minutes = 20; },  #E3\n"
                  "  { name = \"d\"; times = [ \"09:00\" ]; window_minutes = 15;\n"
                  "    jitter_minutes = 15; },  #E4\n"
                  "  { name = \"e\"; times = [ \"09:00\" ]; jitter_minutes = 121; },  #E5\n"
                  "  { name = \"f\"; times = [ \"09:00\" ]; lang = \"fr\"; },  #E6\n"
                  "  { name = \"g\"; times = [ \"09:00\" ]; question = \"How?\"; },  #E7\n"
                  "  { name = \"h\"; times = [ \"09:00\" ]; question = {\n"
                  "    en = \"{nope}?\"; } },  #E8\n"
                  "  { name = \"i\"; times = [ \"09:00\" ]; question = {\n"
                  "    fr = \"Ca va?\"; } },  #E9\n"
                  "  { name = \"j\"; times = [ \"23:50\", \"00:05\" ]; jitter_minutes = 15; }  #E10\n"
                  ");\n"
                  "quiet_hours = { start = \"21:00\"; end = \"8am\"; };  #E11\n"
                  SPECIALISTS TEMPLATES,
                  (const char *const[]){
                      "schedules[0].reminder_minutes = 60 must be less than window_minutes = 60",
                      "schedules[1].reminder_minutes = -1 is out of range",
                      "schedules[2].jitter_minutes = 20 must be less than the 20 minutes",
                      "schedules[3].jitter_minutes = 15 must be less than window_minutes = 15",
                      "schedules[4].jitter_minutes = 121 is out of range",
                      "schedules[5].lang \"fr\" must be \"en\" or \"es\"",
                      "schedules[6].question must be a group",
                      "schedules[7].question.en: unknown placeholder {nope}",
                      "unknown setting 'fr' in schedules[8].question",
                      "schedules[9].jitter_minutes = 15 must be less than the 15 minutes",
                      "quiet_hours.end: \"8am\" is not a time of day",
                      NULL });
}

static void test_schedule_extras_read_back(void **state)
{
    (void)state;
    struct gw_config *c = load_good(
        "extras-good.conf",
        PROGRAM PROVIDERS
        "schedules = ( { name = \"a\"; times = [ \"09:00\", \"18:00\" ]; window_minutes = 120;\n"
        "  reminder_minutes = 45; jitter_minutes = 10; lang = \"es\";\n"
        "  question = { es = \"{program}: ¿Qué tal, {scale_min}-{scale_max}?\"; }; },\n"
        "  { name = \"b\"; times = [ \"09:00\" ]; } );\n"
        "quiet_hours = { start = \"21:30\"; end = \"07:00\"; };\n"
        SPECIALISTS TEMPLATES);
    const struct gw_schedule *a = gw_config_schedule(c, "a"), *b = gw_config_schedule(c, "b");
    assert_non_null(a);
    assert_int_equal(a->reminder_minutes, 45);
    assert_int_equal(a->jitter_minutes, 10);
    assert_int_equal(a->lang, LANG_ES);
    assert_null(a->question[LANG_EN]);
    assert_non_null(strstr(a->question[LANG_ES], "Qué tal"));
    assert_int_equal(b->reminder_minutes, 0);
    assert_int_equal(b->jitter_minutes, 0);
    assert_int_equal(b->lang, LANG_EN);
    assert_true(c->quiet.enabled);
    assert_int_equal(c->quiet.start, 21 * 60 + 30);
    assert_int_equal(c->quiet.end, 7 * 60);
    /* the reminder template is optional */
    assert_null(gw_config_template(c, LANG_EN, TPL_REMINDER));
    gw_config_free(c);

    struct cfg_errors e;
    cfg_errors_init(&e);
    const char *text = PROGRAM PROVIDERS SCHEDULES
        "quiet_hours = { start = \"08:00\"; end = \"08:00\"; };  #Q\n" SPECIALISTS TEMPLATES;
    const char *path = load_bad("quiet-same.conf", text, &e);
    assert_true(has_error(&e, path, line_of(text, "#Q"), "quiet_hours: start and end are both 08:00"));
    cfg_errors_free(&e);
}

static void test_err_scalars(void **state)
{
    (void)state;
    expect_marked("scalars.conf",
                  "program = { name = \"P\";\n"
                  "  contact = \"\"; };  #E1\n"
                  "daemon = { log_level = \"verbose\";  #E2\n"
                  "  database = \"\"; };  #E3\n"
                  "http = { listen = \"localhost\";  #E4\n"
                  "  port = 70000; };  #E5\n"
                  "outbox = { max_attempts = 0;  #E6\n"
                  "  retry_base_seconds = 600;  #E7\n"
                  "  retry_max_seconds = 60; };\n"
                  PROVIDERS SCHEDULES SPECIALISTS TEMPLATES,
                  (const char *const[]){
                      "program.contact is empty",
                      "daemon.log_level: unknown log level \"verbose\" (debug, info, warn or error)",
                      "daemon.database is empty",
                      "http.listen: \"localhost\" is not a numeric IPv4 address",
                      "http.port = 70000 is out of range (0 to 65535)",
                      "outbox.max_attempts = 0 is out of range",
                      "outbox.retry_base_seconds (600) must not exceed outbox.retry_max_seconds (60)",
                      NULL });

    static const char *const bad_listen[] = { "256.1.1.1", "::1", "127.0.0.1:80", "1.2.3" };
    for (size_t i = 0; i < sizeof bad_listen / sizeof bad_listen[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 PROGRAM "http = { listen = \"%s\"; };  #E1\n"
                 PROVIDERS SCHEDULES SPECIALISTS TEMPLATES,
                 bad_listen[i]);
        expect_marked("listen.conf", text,
                      (const char *const[]){ "is not a numeric IPv4 address", NULL });
    }
    expect_marked("port.conf",
                  PROGRAM "http = { port = -1; };  #E1\n"
                  PROVIDERS SCHEDULES SPECIALISTS TEMPLATES,
                  (const char *const[]){ "http.port = -1 is out of range", NULL });
}

static void test_err_specialist_backup(void **state)
{
    (void)state;
    expect_marked("backup.conf",
                  PROGRAM PROVIDERS SCHEDULES
                  "specialists = (\n"
                  "  { id = \"a\"; phone = \"+15555550100\"; backup = \"c\"; },\n" /* later: fine */
                  "  { id = \"b\"; phone = \"+15555550101\"; backup = \"zed\"; },  #E1\n"
                  "  { id = \"c\"; phone = \"+15555550102\"; backup = \"c\"; }  #E2\n"
                  ");\n" TEMPLATES,
                  (const char *const[]){
                      "specialists[1].backup: unknown specialist id \"zed\"",
                      "specialists[2].backup: \"c\" cannot be their own backup",
                      NULL });
}

static void test_err_templates(void **state)
{
    (void)state;
    expect_marked("templates.conf",
                  PROGRAM PROVIDERS SCHEDULES SPECIALISTS
                  "templates = {\n"
                  "  en = {\n"
                  "    checkin = \"{program}: how are you, {scale_min}-{scale_max}?\";\n"
                  "    retry = \"{program}: a number please, {nmae}\";  #E1\n"
                  "    crisis = \"{program}: someone will call you soon.\";  #E2\n"
                  "    alert = \"\";  #E3\n"
                  "    stop = \"s {{ok}\";\n"
                  "    start = \"{program\";  #E4\n"
                  "    help = \"h\";\n"
                  "  };\n"
                  "  es = {\n"
                  "    checkin = \"{programa}\";  #E5\n"
                  "    crisis = \"Llame al 911.\";  #E6\n"
                  "  };\n"
                  "};\n",
                  (const char *const[]){
                      "templates.en.retry: unknown placeholder {nmae}",
                      "templates.en.crisis must include the 988 Suicide & Crisis Lifeline",
                      "templates.en.alert is empty",
                      "templates.en.start: unterminated placeholder {program (no closing '}')",
                      "templates.es.checkin: unknown placeholder {programa}",
                      "templates.es.crisis must include the 988",
                      NULL });

    expect_marked("templates2.conf",
                  PROGRAM PROVIDERS SCHEDULES SPECIALISTS
                  "templates = \"hello\";  #E1\n",
                  (const char *const[]){ "templates must be a group", NULL });
    expect_marked("templates3.conf",
                  PROGRAM PROVIDERS SCHEDULES SPECIALISTS
                  "templates = {\n" EN_TEMPLATES
                  "  es = [ \"hola\" ];  #E1\n"
                  "};\n",
                  (const char *const[]){ "templates.es must be a group", NULL });
}

static void test_spanish_fallback(void **state)
{
    (void)state;
    struct gw_config *c = load_good(
        "es.conf",
        PROGRAM PROVIDERS SCHEDULES SPECIALISTS
        "templates = {\n" EN_TEMPLATES
        "  es = { checkin = \"¿Cómo está hoy? {scale_min}\"; crisis = \"Llame o envíe AYUDA al 988.\"; };\n"
        "};\n");

    assert_string_equal(gw_config_template(c, LANG_ES, TPL_CHECKIN), "¿Cómo está hoy? {scale_min}");
    assert_string_equal(gw_config_template(c, LANG_ES, TPL_CRISIS), "Llame o envíe AYUDA al 988.");
    assert_string_equal(gw_config_template(c, LANG_EN, TPL_CHECKIN), "c {scale_min}");
    /* The rest is the English text itself (the same pointer, not a copy). */
    for (int id = 0; id < TPL__COUNT; id++) {
        /* The optional welcome texts and screening question a Spanish group leaves out are the
         * built-in Spanish ones, not English. */
        if (TPL_HAS_BUILTIN(id)) {
            assert_non_null(strstr(gw_config_template(c, LANG_ES, (enum tpl_id)id),
                                   id == TPL_AWAY ? "vuelve" : "Responda"));
            continue;
        }
        if (id == TPL_CHECKIN || id == TPL_CRISIS || TPL_IS_CONV(id))
            continue;
        assert_ptr_equal(gw_config_template(c, LANG_ES, (enum tpl_id)id),
                         gw_config_template(c, LANG_EN, (enum tpl_id)id));
    }
    assert_string_equal(gw_config_template(c, LANG_ES, TPL_HELP), "h");
    gw_config_free(c); /* frees each text once (ASan checks) */
}

/* Problems from every section, in one file, all reported at once. */
static void test_err_all_reported_together(void **state)
{
    (void)state;
    expect_marked("many.conf",
                  "program = { name = \"P\"; contact = \"C\";\n"
                  "  timezone = \"Nowhere/City\"; };  #E1\n"
                  "http = { port = \"80\"; };  #E2\n"
                  "providers = ( { name = \"spool\"; kind = \"spool\"; } );\n"
                  "routing = { urgent = [ \"twilio\" ]; };  #E3\n"
                  "schedules = ( { name = \"daily\"; times = [ \"9 o'clock\" ]; } );  #E4\n"
                  "specialists = ( { id = \"jo\"; phone = \"555-0100\"; } );  #E5\n"
                  "templates = {\n"
                  "  en = { checkin = \"{scroe}\";  #E6\n"
                  "    retry = \"r\"; crisis = \"988\"; alert = \"a\"; stop = \"s\"; start = \"s\"; help = \"h\"; };\n"
                  "};\n"
                  "quiet = 1;  #E7\n",
                  (const char *const[]){ "unknown time zone \"Nowhere/City\"",
                                         "http.port must be an integer",
                                         "unknown provider \"twilio\"",
                                         "\"9 o'clock\" is not a time of day",
                                         "\"555-0100\" is not an E.164 number",
                                         "unknown placeholder {scroe}",
                                         "unknown setting 'quiet'",
                                         NULL });
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_config),
        cmocka_unit_test(test_minimal_defaults),
        cmocka_unit_test(test_values_read_back),
        cmocka_unit_test(test_err_unknown_keys_every_level),
        cmocka_unit_test(test_err_types_all_together),
        cmocka_unit_test(test_err_missing_required),
        cmocka_unit_test(test_err_bad_phone),
        cmocka_unit_test(test_err_timezone),
        cmocka_unit_test(test_err_country),
        cmocka_unit_test(test_tz_is_valid),
        cmocka_unit_test(test_err_duplicates),
        cmocka_unit_test(test_err_names),
        cmocka_unit_test(test_err_routing),
        cmocka_unit_test(test_err_times),
        cmocka_unit_test(test_err_weekdays),
        cmocka_unit_test(test_err_scale_and_threshold),
        cmocka_unit_test(test_err_scalars),
        cmocka_unit_test(test_err_schedule_extras),
        cmocka_unit_test(test_schedule_extras_read_back),
        cmocka_unit_test(test_err_specialist_backup),
        cmocka_unit_test(test_err_templates),
        cmocka_unit_test(test_spanish_fallback),
        cmocka_unit_test(test_err_all_reported_together),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
