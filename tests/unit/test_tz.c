/* SPDX-License-Identifier: Apache-2.0 */
/* test_tz.c: gateway/base/tz.c, the one home of the zone checks: valid and
 * invalid names as the config judges them (tz_is_valid), legacy names
 * that get a warning (tz_is_legacy), and tz_known, the schedule's stricter
 * check with its cache (a zone found once is not looked up again). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/tz.h"
#include "testdir.h"

static char tmpdir[] = "/tmp/test_tz.XXXXXX";
TEST_DIR_GROUP(tmpdir)

static void valid_and_invalid_names(void **state)
{
    (void)state;
    assert_true(tz_is_valid("UTC"));
    assert_true(tz_is_valid("America/Chicago"));
    assert_true(tz_is_valid("Asia/Kolkata"));
    assert_false(tz_is_valid(NULL));
    assert_false(tz_is_valid(""));
    assert_false(tz_is_valid("/UTC"));
    assert_false(tz_is_valid("Europe/../UTC"));
    assert_false(tz_is_valid("Europe"));        /* a directory */
    assert_false(tz_is_valid("tzdata.zi"));     /* a file, not a zone (when installed) */
    assert_false(tz_is_valid("Atlantis/Capital"));
    char longname[TZ_NAME_MAX + 1];
    memset(longname, 'A', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_false(tz_is_valid(longname));
}

/* EST, US/Central, GB and the areas are test_phone_template's
 * test_tz_legacy; these are the edges. */
static void legacy_names(void **state)
{
    (void)state;
    assert_true(tz_is_legacy("Japan"));
    assert_true(tz_is_legacy("America"));    /* an area name alone is no zone */
    assert_true(tz_is_legacy("Etc"));
    assert_false(tz_is_legacy("Antarctica/Troll"));
    assert_false(tz_is_legacy(NULL));        /* nothing to warn about */
}

static void known_is_stricter_about_the_name(void **state)
{
    (void)state;
    assert_true(tz_known("UTC"));
    assert_true(tz_known("America/New_York"));
    assert_true(tz_known("Etc/GMT+5"));
    assert_false(tz_known(NULL));
    assert_false(tz_known(""));
    assert_false(tz_known("America//New_York")); /* a zone file, but no zone name */
    assert_false(tz_known("America/New York"));
    assert_false(tz_known("America/"));
    assert_false(tz_known("Atlantis/Capital"));
}

/* Writes a file that looks like a compiled zone (magic "TZif") at
 * dir/name. */
static void fake_zone(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("TZif2 and the rest of a zone file", f);
    fclose(f);
}

static void known_zones_are_cached(void **state)
{
    (void)state;
    char zdir[4096], path[4200];
    snprintf(zdir, sizeof zdir, "%s/zones", tmpdir);
    assert_int_equal(mkdir(zdir, 0700), 0);
    fake_zone(zdir, "Test_Zone");
    assert_int_equal(setenv("TZDIR", zdir, 1), 0);
    assert_true(tz_is_valid("Test_Zone"));
    assert_true(tz_known("Test_Zone"));
    /* gone from the disk: tz_is_valid looks again, tz_known remembers */
    snprintf(path, sizeof path, "%s/Test_Zone", zdir);
    assert_int_equal(unlink(path), 0);
    assert_false(tz_is_valid("Test_Zone"));
    assert_true(tz_known("Test_Zone"));
    /* a zone not found is not cached */
    assert_false(tz_known("Other_Zone"));
    fake_zone(zdir, "Other_Zone");
    assert_true(tz_known("Other_Zone"));
    assert_int_equal(unsetenv("TZDIR"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_and_invalid_names),
        cmocka_unit_test(legacy_names),
        cmocka_unit_test(known_is_stricter_about_the_name),
        cmocka_unit_test(known_zones_are_cached),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
