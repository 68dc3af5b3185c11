/* SPDX-License-Identifier: Apache-2.0 */
/* testdir.h: removing a unit test's temporary directory, shared by the
 * tests that run the real gateway or store in one (header-only: each unit
 * test is built from its own .c). */
#ifndef TESTS_UNIT_TESTDIR_H
#define TESTS_UNIT_TESTDIR_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Removes everything under dir (files made read-only by a test included),
 * then dir. */
static inline void rm_test_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char p[4096];
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            int n = snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            if (n < 0 || (size_t)n >= sizeof p)
                continue;
            chmod(p, 0700);
            if (unlink(p) != 0 && errno == EISDIR)
                rm_test_dir(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* group_setup and group_teardown (cmocka_run_group_tests) for a test whose
 * tests share the temporary directory dir, a char array "/tmp/NAME.XXXXXX":
 * made before them, removed after. */
#define TEST_DIR_GROUP(dir)                                                                \
    static int group_setup(void **state)                                                  \
    {                                                                                      \
        (void)state;                                                                       \
        return mkdtemp(dir) ? 0 : -1;                                                      \
    }                                                                                      \
    static int group_teardown(void **state)                                               \
    {                                                                                      \
        (void)state;                                                                       \
        rm_test_dir(dir);                                                                  \
        return 0;                                                                          \
    }

/* The path of rel (a path from the repository root) into out: rel itself
 * when the test runs from the root (make test), else beside the test binary
 * (argv0 in $BUILD/tests/). */
static inline void repo_path(const char *argv0, const char *rel, char *out, size_t outsz)
{
    if (access(rel, R_OK) == 0) {
        snprintf(out, outsz, "%s", rel);
        return;
    }
    char self[4096];
    if (realpath(argv0, self) == NULL)
        snprintf(self, sizeof self, ".");
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = '\0';
    snprintf(out, outsz, "%.3000s/../../%s", self, rel);
}

#endif
