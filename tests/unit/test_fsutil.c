/* SPDX-License-Identifier: Apache-2.0 */
/* test_fsutil.c: gateway/base/fsutil.c in a temporary directory: mkdir -p
 * of a file's parent (new, partly there, all there, a file in the way, no
 * parent at all), the created callback told only of new directories, and
 * the pid file written then read back, or refused when it holds no pid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/fsutil.h"
#include "testdir.h"

static char tmpdir[] = "/tmp/test_fsutil.XXXXXX";
TEST_DIR_GROUP(tmpdir)

/* The created callback: counts the calls, keeps the last directory. */
struct made {
    int n;
    char last[4096];
};

static void on_created(const char *dir, void *arg)
{
    struct made *m = arg;
    m->n++;
    snprintf(m->last, sizeof m->last, "%s", dir);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void makes_every_missing_parent(void **state)
{
    (void)state;
    char path[4096], dir[4096];
    struct made m = {0};
    snprintf(path, sizeof path, "%s/a/b/c/db.sqlite", tmpdir);
    assert_int_equal(fsutil_make_parent_dir(path, on_created, &m), 0);
    snprintf(dir, sizeof dir, "%s/a/b/c", tmpdir);
    assert_true(is_dir(dir));
    assert_int_equal(m.n, 3); /* a, a/b, a/b/c: tmpdir itself was there */
    assert_string_equal(m.last, dir);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0750 & ~(unsigned)umask(umask(0)));
}

static void existing_parts_are_left_and_not_reported(void **state)
{
    (void)state;
    char path[4096], dir[4096];
    struct made m = {0};
    snprintf(dir, sizeof dir, "%s/x", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/x/y/pid", tmpdir);
    assert_int_equal(fsutil_make_parent_dir(path, on_created, &m), 0);
    assert_int_equal(m.n, 1); /* only x/y */
    snprintf(dir, sizeof dir, "%s/x/y", tmpdir);
    assert_string_equal(m.last, dir);
    /* all there: nothing made, still a success */
    m.n = 0;
    assert_int_equal(fsutil_make_parent_dir(path, on_created, &m), 0);
    assert_int_equal(m.n, 0);
    assert_int_equal(fsutil_make_parent_dir(path, NULL, NULL), 0);
}

static void a_file_in_the_way_fails(void **state)
{
    (void)state;
    char path[4096], file[4096];
    struct made m = {0};
    snprintf(file, sizeof file, "%s/plain", tmpdir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/plain/sub/db.sqlite", tmpdir);
    assert_int_equal(fsutil_make_parent_dir(path, on_created, &m), -1);
    assert_int_equal(m.n, 0);
    /* the parent itself a file */
    snprintf(path, sizeof path, "%s/plain/db.sqlite", tmpdir);
    assert_int_equal(fsutil_make_parent_dir(path, on_created, &m), -1);
    assert_int_equal(m.n, 0);
}

static void no_parent_to_make(void **state)
{
    (void)state;
    struct made m = {0};
    assert_int_equal(fsutil_make_parent_dir("db.sqlite", on_created, &m), 0);
    assert_int_equal(fsutil_make_parent_dir("/db.sqlite", on_created, &m), 0);
    assert_int_equal(m.n, 0);
}

static void pid_file_round_trip(void **state)
{
    (void)state;
    char path[4096], tmp[4200], err[256] = "";
    long pid = 0;
    snprintf(path, sizeof path, "%s/gw.pid", tmpdir);
    assert_int_equal(fsutil_read_pid_file(path, &pid), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(fsutil_write_pid_file(path, 4242, err, sizeof err), 0);
    assert_int_equal(fsutil_read_pid_file(path, &pid), 0);
    assert_int_equal(pid, 4242);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(access(tmp, F_OK), -1); /* renamed into place */

    /* a directory that is not there: the message names the file */
    snprintf(path, sizeof path, "%s/none/gw.pid", tmpdir);
    assert_int_equal(fsutil_write_pid_file(path, 4242, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot write pid file"));
    assert_non_null(strstr(err, "none/gw.pid"));
}

static void a_pid_file_without_a_pid_is_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "\n", "abc\n", "12x\n", "1\n", "0\n", "-5\n",
                                      "99999999999\n"};
    char path[4096];
    long pid = 7;
    snprintf(path, sizeof path, "%s/bad.pid", tmpdir);
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(bad[k], f);
        fclose(f);
        assert_int_equal(fsutil_read_pid_file(path, &pid), -2);
        assert_int_equal(pid, 7);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(makes_every_missing_parent),
        cmocka_unit_test(existing_parts_are_left_and_not_reported),
        cmocka_unit_test(a_file_in_the_way_fails),
        cmocka_unit_test(no_parent_to_make),
        cmocka_unit_test(pid_file_round_trip),
        cmocka_unit_test(a_pid_file_without_a_pid_is_refused),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
