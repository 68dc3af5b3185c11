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
#include <dirent.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/config.h"
#include "model/template.h"
#include "testdir.h"

static char tmpdir[] = "/tmp/test_config.XXXXXX";
static char repo[16]; /* "" or "../../": where etc/ is */

/* ---- helpers ----------------------------------------------------------- */

static int group_setup(void **state)
{
    static const char *const prefixes[] = { "", "../", "../../", NULL };
    struct stat st;
    (void)state;

    if (mkdtemp(tmpdir) == NULL)
        return -1;
    for (size_t i = 0; prefixes[i] != NULL; i++) {
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%setc/checkin.conf", prefixes[i]);
        if (stat(p, &st) == 0) {
            snprintf(repo, sizeof repo, "%s", prefixes[i]);
            return 0;
        }
    }
    fprintf(stderr, "test_config: run from the repository root (etc/checkin.conf not found)\n");
    return -1;
}

static int group_teardown(void **state)
{
    (void)state;
    rm_test_dir(tmpdir);
    return 0;
}

/* Writes text to tmpdir/name; returns the path (static storage, one per
 * slot so a test can hold a few). */
static const char *write_file(const char *name, const char *text)
{
    static char paths[8][PATH_MAX];
    static int slot;
    char *p = paths[slot++ % 8];
    FILE *f;

    snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
    f = fopen(p, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    return p;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* 1-based number of the line of text containing marker; fails if none. */
static int line_of(const char *text, const char *marker)
{
    const char *hit = strstr(text, marker);
    int line = 1;

    if (hit == NULL)
        fail_msg("marker \"%s\" not in the config text", marker);
    for (const char *p = text; p < hit; p++)
        if (*p == '\n')
            line++;
    return line;
}

/* How many errors are at file:line (line 0: file-level, "file: ..."). */
static int errors_at(const struct cfg_errors *e, const char *file, int line)
{
    char prefix[PATH_MAX + 32];
    int n = 0;

    if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%d: ", file, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", file);
    for (size_t i = 0; i < e->n; i++)
        if (strncmp(e->msg[i], prefix, strlen(prefix)) == 0)
            n++;
    return n;
}

/* True if an error at file:line contains needle. */
static bool has_error(const struct cfg_errors *e, const char *file, int line, const char *needle)
{
    char prefix[PATH_MAX + 32];

    if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%d: ", file, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", file);
    for (size_t i = 0; i < e->n; i++)
        if (strncmp(e->msg[i], prefix, strlen(prefix)) == 0 && strstr(e->msg[i], needle) != NULL)
            return true;
    return false;
}

static void print_errors(const struct cfg_errors *e)
{
    for (size_t i = 0; i < e->n; i++)
        fprintf(stderr, "  | %s\n", e->msg[i]);
}

/* Loads text (written to tmpdir/name) expecting failure; e is filled. */
static const char *load_bad(const char *name, const char *text, struct cfg_errors *e)
{
    struct gw_config *c = (struct gw_config *)(uintptr_t)1;
    const char *path = write_file(name, text);

    cfg_errors_init(e);
    assert_int_equal(gw_config_load(&c, path, e), -1);
    assert_null(c);
    assert_true(e->n > 0);
    return path;
}

/* Loads text expecting success; returns the config (free it). */
static struct gw_config *load_good(const char *name, const char *text)
{
    struct gw_config *c = NULL;
    struct cfg_errors e;
    const char *path = write_file(name, text);

    cfg_errors_init(&e);
    if (gw_config_load(&c, path, &e) != 0) {
        print_errors(&e);
        fail_msg("%s should load", name);
    }
    assert_non_null(c);
    assert_int_equal(e.n, 0);
    cfg_errors_free(&e);
    return c;
}

/* The config must fail with exactly one error on each line marked "#Ek"
 * (k = 1..n), containing needles[k-1], and no other error. */
static void expect_marked(const char *name, const char *text, const char *const *needles)
{
    struct cfg_errors e;
    const char *path = load_bad(name, text, &e);
    size_t n = 0;

    while (needles[n] != NULL)
        n++;
    for (size_t k = 1; k <= n; k++) {
        char marker[32];
        snprintf(marker, sizeof marker, "#E%zu\n", k);
        int line = line_of(text, marker);
        if (errors_at(&e, path, line) != 1 || !has_error(&e, path, line, needles[k - 1])) {
            print_errors(&e);
            fail_msg("%s: want one error at line %d (#E%zu) containing \"%s\"", name, line, k,
                     needles[k - 1]);
        }
    }
    if (e.n != n) {
        print_errors(&e);
        fail_msg("%s: %zu errors, want %zu", name, e.n, n);
    }
    cfg_errors_free(&e);
}

/* The pieces of a minimal valid config, one per line. */
#define PROGRAM "program = { name = \"P\"; contact = \"C\"; };\n"
#define PROVIDERS "providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"d\"; } );\n"
#define SCHEDULES "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; } );\n"
#define SPECIALISTS "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; } );\n"
#define EN_TEMPLATES                                                                     \
    "en = { checkin = \"c {scale_min}\"; retry = \"r\"; crisis = \"call or text 988\";\n" \
    "       alert = \"a {escalation}\"; stop = \"s\"; start = \"st\"; help = \"h\"; };\n"
#define TEMPLATES "templates = {\n" EN_TEMPLATES "};\n"
#define MINIMAL PROGRAM PROVIDERS SCHEDULES SPECIALISTS TEMPLATES

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
        cmocka_unit_test(test_shipped_config),
        cmocka_unit_test(test_minimal_defaults),
        cmocka_unit_test(test_specialist_templates),
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
