/* SPDX-License-Identifier: Apache-2.0 */
/* config_harness.h: the config tests' harness (test_config.c,
 * test_config_parts.c): a private mkdtemp directory, config texts written
 * there and loaded, and the checks of "file:line: reason" errors; error
 * tests mark the wrong lines with "#E1", "#E2"... (expect_marked). */
#ifndef CONFIG_HARNESS_H
#define CONFIG_HARNESS_H

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

static inline int group_setup(void **state)
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

static inline int group_teardown(void **state)
{
    (void)state;
    rm_test_dir(tmpdir);
    return 0;
}

/* Writes text to tmpdir/name; returns the path (static storage, one per
 * slot so a test can hold a few). */
static inline const char *write_file(const char *name, const char *text)
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

static inline char *read_text(const char *path)
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
static inline int line_of(const char *text, const char *marker)
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
static inline int errors_at(const struct cfg_errors *e, const char *file, int line)
{
    char prefix[PATH_MAX + 32];
    int n = 0;

    if (line > 0)
        snprintf(prefix, sizeof prefix, "%.*s:%d: ", PATH_MAX, file, line);
    else
        snprintf(prefix, sizeof prefix, "%.*s: ", PATH_MAX, file);
    for (size_t i = 0; i < e->n; i++)
        if (strncmp(e->msg[i], prefix, strlen(prefix)) == 0)
            n++;
    return n;
}

/* True if an error at file:line contains needle. */
static inline bool has_error(const struct cfg_errors *e, const char *file, int line, const char *needle)
{
    char prefix[PATH_MAX + 32];

    if (line > 0)
        snprintf(prefix, sizeof prefix, "%.*s:%d: ", PATH_MAX, file, line);
    else
        snprintf(prefix, sizeof prefix, "%.*s: ", PATH_MAX, file);
    for (size_t i = 0; i < e->n; i++)
        if (strncmp(e->msg[i], prefix, strlen(prefix)) == 0 && strstr(e->msg[i], needle) != NULL)
            return true;
    return false;
}

static inline void print_errors(const struct cfg_errors *e)
{
    for (size_t i = 0; i < e->n; i++)
        fprintf(stderr, "  | %s\n", e->msg[i]);
}

/* Loads text (written to tmpdir/name) expecting failure; e is filled. */
static inline const char *load_bad(const char *name, const char *text, struct cfg_errors *e)
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
static inline struct gw_config *load_good(const char *name, const char *text)
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
static inline void expect_marked(const char *name, const char *text, const char *const *needles)
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


#endif
