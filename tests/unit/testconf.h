/* SPDX-License-Identifier: Apache-2.0 */
/* testconf.h: a config file written for a unit test, and one that must be
 * refused with exactly one "file:line: reason" on the line marked "#E"
 * (header-only, like testdir.h; include it after cmocka.h). */
#ifndef TESTS_UNIT_TESTCONF_H
#define TESTS_UNIT_TESTCONF_H

#include <stdio.h>
#include <string.h>

#include "config/config.h"

/* Writes text to dir/name. Returns the path (a static buffer: valid until
 * the next call). */
static inline const char *write_test_conf(const char *dir, const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Writes text to dir/c.conf and loads it: the load must fail with exactly
 * one error, "dir/c.conf:LINE: ...", LINE the one marked "#E" in text,
 * containing needle. */
static inline void expect_conf_error(const char *dir, const char *text, const char *needle)
{
    char prefix[600];
    const char *path = write_test_conf(dir, "c.conf", text);
    int line = 1;
    const char *mark = strstr(text, "#E");
    assert_non_null(mark);
    for (const char *p = text; p < mark; p++)
        line += *p == '\n';
    struct gw_config *c = NULL;
    struct cfg_errors e;
    cfg_errors_init(&e);
    assert_int_equal(gw_config_load(&c, path, &e), -1);
    snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
    if (e.n != 1 || strncmp(e.msg[0], prefix, strlen(prefix)) != 0 ||
        strstr(e.msg[0], needle) == NULL) {
        cfg_errors_print(&e, stderr);
        fail_msg("want one error at line %d containing \"%s\"", line, needle);
    }
    cfg_errors_free(&e);
}

#endif
