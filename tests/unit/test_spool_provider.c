/* SPDX-License-Identifier: Apache-2.0 */
/* test_spool_provider.c: the spool provider on a private loop and a
 * temporary directory, reaching a fake provider host (fake_host.h) that
 * records each upward call and can be told to fail. */
#include "spool_harness.h"



/* ---- config ----------------------------------------------------------- */


static void test_config_missing_dir(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "# spool\nspool = {\n  name = \"spool\";\n  kind = \"spool\";\n};\n",
                                 &errs),
                     -1);
    assert_int_equal(errs.n, 1);
    /* The group starts on line 2. */
    assert_true(has_error(&errs, ":2:", "dir is required"));
    assert_null(f->p.impl);
    cfg_errors_free(&errs);
}

static void test_config_unknown_key(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                    "  dir = \"/tmp/x\";\n  polll = 5;\n};\n",
                                 &errs),
                     -1);
    assert_int_equal(errs.n, 1);
    assert_true(has_error(&errs, ":5:", "polll"));
    assert_null(f->p.impl);
    cfg_errors_free(&errs);
}

static void test_config_wrong_type(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                    "  dir = 5;\n};\n",
                                 &errs),
                     -1);
    assert_int_equal(errs.n, 1);
    assert_true(has_error(&errs, ":4:", "dir must be a string"));
    cfg_errors_free(&errs);

    config_destroy(&f->cfg);
    config_init(&f->cfg);
    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                    "  dir = \"\";\n};\n",
                                 &errs),
                     -1);
    assert_true(has_error(&errs, ":4:", "dir is empty"));
    cfg_errors_free(&errs);
}

static void test_config_ok_no_io(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;
    char text[400];
    struct stat st;

    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"%s\"; };",
             f->spool);
    assert_int_equal(create_from(f, text, &errs), 0);
    assert_int_equal(errs.n, 0);
    assert_non_null(f->p.impl);
    /* create() does no I/O (--check-config): nothing made yet. */
    assert_int_equal(stat(f->spool, &st), -1);
    cfg_errors_free(&errs);
}

/* ---- start / send ----------------------------------------------------- */

static void test_start_creates_dirs(void **state)
{
    struct fx *f = *state;
    static const char *const subs[] = {"outgoing", "incoming", "checked", "sent",
                                       "failed",   "rejected"};
    char path[512];
    struct stat st;

    start(f);
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", f->spool, subs[i]);
        assert_int_equal(stat(path, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        assert_int_equal(st.st_mode & 0777, 0750);
    }
}

static void test_start_fails_on_file(void **state)
{
    struct fx *f = *state;
    char text[600];
    struct cfg_errors errs;
    FILE *fp;

    /* dir is a regular file: start fails, says why, and leaves no handle
     * open (teardown's uv_loop_close checks that). */
    fp = fopen(f->spool, "wb");
    assert_non_null(fp);
    fclose(fp);
    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"%s\"; };",
             f->spool);
    assert_int_equal(create_from(f, text, &errs), 0);
    cfg_errors_free(&errs);
    assert_int_equal(spool_provider_ops.start(&f->p), -1);
    assert_false(f->p.healthy);
    assert_non_null(strstr(f->p.status, "cannot create"));
    assert_non_null(strstr(f->p.status, "Not a directory"));
}


static void test_send_writes_file(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 42, .to = "+15555550123", .body = "How are you today, 1-10?\nReply 1-10",
                       .priority = 0, .urgent = false};
    char path[1024];
    bool dot;
    size_t len;
    char *data;

    start(f);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 1);
    assert_int_equal(f->done_status, SEND_OK);
    assert_string_equal(f->done_err, "");
    assert_true(strncmp(f->done_id, "gw-42-", 6) == 0);
    path_of(f, "outgoing", f->done_id, path, sizeof path);
    data = slurp(path, &len);
    assert_string_equal(data, "To: 15555550123\nAlphabet: UTF-8\nReport: yes\n\n"
                              "How are you today, 1-10?\nReply 1-10");
    assert_int_equal(count_dir(f, "outgoing", &dot), 1);
    assert_false(dot);

    /* Urgent: Priority header; a second file with another name. */
    char first[256];
    snprintf(first, sizeof first, "%s", f->done_id);
    m.id = 43;
    m.urgent = true;
    m.body = "Call or text 988";
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 2);
    assert_int_equal(f->done_status, SEND_OK);
    assert_string_not_equal(first, f->done_id);
    path_of(f, "outgoing", f->done_id, path, sizeof path);
    data = slurp(path, &len);
    assert_string_equal(data, "To: 15555550123\nAlphabet: UTF-8\nPriority: High\nReport: yes\n\n"
                              "Call or text 988");
    assert_int_equal(count_dir(f, "outgoing", &dot), 2);
    assert_false(dot);

    /* The same message id sent again (a retry) gets a file of its own. */
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_status, SEND_OK);
    assert_int_equal(count_dir(f, "outgoing", NULL), 3);
}

static void test_send_bad_number(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 7, .to = "5555550123", .body = "hi"};

    start(f);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 1);
    assert_int_equal(f->done_status, SEND_FAILED);
    assert_non_null(strstr(f->done_err, "spool: "));
    assert_int_equal(count_dir(f, "outgoing", NULL), 0);
}

static void test_send_io_error(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 9, .to = "+15555550123", .body = "hi"};
    char path[512], moved[512];

    start(f);
    /* Replace outgoing/ by a regular file: every write fails (even as root). */
    snprintf(path, sizeof path, "%s/outgoing", f->spool);
    snprintf(moved, sizeof moved, "%s/outgoing.away", f->spool);
    assert_int_equal(rename(path, moved), 0);
    PUT(f, ".", "outgoing", "not a directory", false);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 1);
    assert_int_equal(f->done_status, SEND_RETRY);
    assert_non_null(strstr(f->done_err, "spool: cannot write "));
    assert_non_null(strstr(f->done_err, "Not a directory"));
    assert_false(f->p.healthy);
    assert_non_null(strstr(f->p.status, "cannot write"));

    /* Back to a directory: the next send works and health returns. */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rename(moved, path), 0);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_status, SEND_OK);
    assert_true(f->p.healthy);
    bool dot;
    assert_int_equal(count_dir(f, "outgoing", &dot), 1);
    assert_false(dot);
}

/* ---- inbound ---------------------------------------------------------- */

static void test_files_present_before_start(void **state)
{
    struct fx *f = *state;
    static const char second[] = "From: +15555550123\nAlphabet: ISO\n\n3, rough day \xa4";
    char want_id[256];
    struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_hour = 4, .tm_min = 12,
                    .tm_sec = 3, .tm_isdst = -1};

    /* The directories exist before the gateway starts (smsd made them). */
    char path[512];
    snprintf(path, sizeof path, "%s", f->spool);
    assert_int_equal(mkdir(path, 0750), 0);
    snprintf(path, sizeof path, "%s/incoming", f->spool);
    assert_int_equal(mkdir(path, 0750), 0);
    PUT(f, "incoming", "GSM1.T6BnGM", real_example, true);
    PUT(f, "incoming", "GSM1.zzzzzz", second, true);

    start(f);
    assert_true(run_until(f, calls_ge_2, 5000));
    assert_int_equal(fh.in.calls, 2);

    /* Same mtime: name order. */
    snprintf(want_id, sizeof want_id, "GSM1.T6BnGM:%016llx",
             spoolfile_fnv1a64(real_example, sizeof real_example - 1));
    assert_string_equal(fh.in.c[0].ext_id, want_id);
    assert_string_equal(fh.in.c[0].from, "+4915550003");
    assert_string_equal(fh.in.c[0].to, "");
    assert_int_equal(fh.in.c[0].body_len, strlen("OK I am safe \xc3\xa4\xc3\xb6 \xe2\x82\xac"));
    assert_memory_equal(fh.in.c[0].body, "OK I am safe \xc3\xa4\xc3\xb6 \xe2\x82\xac",
                        fh.in.c[0].body_len);
    assert_int_equal(fh.in.c[0].received_at, (int64_t)mktime(&tm));
    assert_ptr_equal(fh.in.c[0].p, &f->p);
    assert_true(file_present[0]); /* removed only after the commit */

    assert_string_equal(fh.in.c[1].from, "+15555550123");
    assert_int_equal(fh.in.c[1].body_len, strlen("3, rough day \xe2\x82\xac"));
    assert_memory_equal(fh.in.c[1].body, "3, rough day \xe2\x82\xac", fh.in.c[1].body_len);
    assert_int_equal(fh.in.c[1].received_at, 0);

    assert_false(exists(f, "incoming", "GSM1.T6BnGM"));
    assert_false(exists(f, "incoming", "GSM1.zzzzzz"));
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}


static void test_file_dropped_after_start(void **state)
{
    struct fx *f = *state;
    char tmp[1024], final[1024];

    start(f);
    run_ms(f, 50);
    assert_int_equal(fh.in.calls, 0);

    /* The way smsd's peers should write: a dot-name, then a rename. The
     * file is fresh, so the provider also waits for it to settle. */
    path_of(f, "incoming", ".GSM1.new", tmp, sizeof tmp);
    path_of(f, "incoming", "GSM1.new", final, sizeof final);
    PUT(f, "incoming", ".GSM1.new", real_example, false);
    assert_int_equal(rename(tmp, final), 0);
    assert_true(run_until(f, calls_ge_1, 10000));
    assert_string_equal(fh.in.c[0].from, "+4915550003");
    assert_true(run_until(f, incoming_empty, 2000));

    /* And one written in place, as smsd itself does. */
    PUT(f, "incoming", "GSM1.second", "From: 15555550124\n\n7", false);
    assert_true(run_until(f, calls_ge_2, 10000));
    assert_string_equal(fh.in.c[1].from, "+15555550124");
    assert_int_equal(fh.in.c[1].body_len, 1);
    assert_int_equal(fh.in.c[1].body[0], '7');
    assert_true(run_until(f, incoming_empty, 2000));
}


/* A file is read as soon as its writer closes it (inotify IN_CLOSE_WRITE)
 * or it is renamed in (IN_MOVED_TO), not after the settle delay: here the
 * delay is an hour, so reading it at all shows the event was used. A file
 * still open for writing waits (the fallback); closed, it is read. */
static void test_closed_file_read_before_settle(void **state)
{
    struct fx *f = *state;
    char path[1024], tmp[1024];

    start_with(f, "settle_ms = 3600000;\n");
    run_ms(f, 50);

    PUT(f, "incoming", "GSM1.inplace", "From: 15555550124\n\n7", false);
    assert_true(run_until(f, calls_ge_1, 10000));
    assert_string_equal(fh.in.c[0].from, "+15555550124");

    path_of(f, "incoming", ".GSM1.renamed", tmp, sizeof tmp);
    path_of(f, "incoming", "GSM1.renamed", path, sizeof path);
    PUT(f, "incoming", ".GSM1.renamed", "From: 15555550125\n\n8", false);
    assert_int_equal(rename(tmp, path), 0);
    assert_true(run_until(f, calls_ge_2, 10000));
    assert_string_equal(fh.in.c[1].from, "+15555550125");

    path_of(f, "incoming", "GSM1.open", path, sizeof path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "From: 15555550126\n\n", 19), 19);
    run_ms(f, 300); /* events and scans happen; the hour-long fallback does not pass */
    assert_int_equal(fh.in.calls, 2);
    assert_int_equal(write(fd, "9", 1), 1);
    assert_int_equal(close(fd), 0);
    assert_true(run_until(f, calls_ge_3, 10000));
    assert_string_equal(fh.in.c[2].from, "+15555550126");
    assert_true(run_until(f, incoming_empty, 2000));
}

static void test_config_settle_ms(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;
    char text[600];

    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"%s\";"
                                " settle_ms = -1; };\n", f->spool);
    assert_int_equal(create_from(f, text, &errs), -1);
    assert_true(errs.n >= 1);
    assert_non_null(strstr(errs.msg[0], "settle_ms"));
    cfg_errors_free(&errs);
}

static void test_inbound_failure_keeps_file(void **state)
{
    struct fx *f = *state;

    start(f);
    run_ms(f, 20);
    fh.in.fail_next = 2;
    PUT(f, "incoming", "GSM1.retry", real_example, true);
    assert_true(run_until(f, calls_ge_1, 5000));
    /* Not committed: the file stays, the status says why. */
    assert_true(exists(f, "incoming", "GSM1.retry"));
    assert_non_null(strstr(f->p.status, "database is locked"));

    /* Offered again after the back-off (1 s, then 2 s)... */
    assert_true(run_until(f, calls_ge_2, 10000));
    assert_true(exists(f, "incoming", "GSM1.retry"));
    /* ... and once the store works, committed and removed. */
    assert_true(run_until(f, calls_ge_3, 10000));
    assert_true(run_until(f, incoming_empty, 2000));
    /* The same id every time, so the store can de-duplicate. */
    assert_string_equal(fh.in.c[0].ext_id, fh.in.c[1].ext_id);
    assert_string_equal(fh.in.c[1].ext_id, fh.in.c[2].ext_id);
    assert_string_equal(f->p.status, "ok");
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static bool rejected_ge_5(struct fx *f) { return count_dir(f, "rejected", NULL) >= 5; }

static void test_malformed_goes_to_rejected(void **state)
{
    struct fx *f = *state;
    /* A status report without its Message_id cannot be matched to anything. */
    static const char status_report[] = "From: 491721234567\nAlphabet: ISO\n\n"
                                        "SMS STATUS REPORT\nDischarge_timestamp: 02-01-21 22:27:02\n"
                                        "Status: 0,Ok,short message received by the SME";
    char big[70 * 1024];

    start(f);
    run_ms(f, 20);
    PUT(f, "incoming", "GSM1.nofrom", "Alphabet: UTF-8\n\nI am not ok", true);
    PUT(f, "incoming", "GSM1.noblank", "From: 15555550123\nI am not ok", true);
    PUT(f, "incoming", "GSM1.shortnum", "From: 12345\n\nhello", true);
    PUT(f, "incoming", "GSM1.report", status_report, true);
    memset(big, 'x', sizeof big);
    memcpy(big, "From: 15555550123\n\n", 19);
    put(f, "incoming", "GSM1.big", big, sizeof big, true);
    assert_true(run_until(f, rejected_ge_5, 5000));

    assert_int_equal(fh.in.calls, 0);
    assert_int_equal(count_dir(f, "incoming", NULL), 0);
    assert_true(exists(f, "rejected", "GSM1.nofrom"));
    assert_true(exists(f, "rejected", "GSM1.noblank"));
    assert_true(exists(f, "rejected", "GSM1.shortnum"));
    assert_true(exists(f, "rejected", "GSM1.report"));
    assert_true(exists(f, "rejected", "GSM1.big"));

    /* Nothing is lost: the rejected file is the original, byte for byte. */
    char path[1024];
    size_t len;
    path_of(f, "rejected", "GSM1.report", path, sizeof path);
    assert_string_equal(slurp(path, &len), status_report);

    /* A reused name does not overwrite an earlier rejected file. */
    PUT(f, "incoming", "GSM1.nofrom", "Alphabet: UTF-8\n\nsecond", true);
    assert_true(run_until(f, incoming_empty, 5000));
    assert_true(exists(f, "rejected", "GSM1.nofrom.1"));
    path_of(f, "rejected", "GSM1.nofrom", path, sizeof path);
    assert_string_equal(slurp(path, &len), "Alphabet: UTF-8\n\nI am not ok");
}

static void test_ignored_names(void **state)
{
    struct fx *f = *state;

    start(f);
    PUT(f, "incoming", ".GSM1.partial", real_example, true);
    PUT(f, "incoming", "LOCKED.GSM1.abc", real_example, true);
    char sub[512];
    snprintf(sub, sizeof sub, "%s/incoming/subdir", f->spool);
    assert_int_equal(mkdir(sub, 0750), 0);
    PUT(f, "incoming", "GSM1.good", real_example, true);
    assert_true(run_until(f, calls_ge_1, 5000));
    run_ms(f, 100);
    assert_int_equal(fh.in.calls, 1);
    assert_true(strncmp(fh.in.c[0].ext_id, "GSM1.good:", 10) == 0);
    assert_true(exists(f, "incoming", ".GSM1.partial"));
    assert_true(exists(f, "incoming", "LOCKED.GSM1.abc"));
    assert_true(exists(f, "incoming", "subdir"));
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static bool rejected_ge_1(struct fx *f) { return count_dir(f, "rejected", NULL) >= 1; }

static void test_symlink_not_followed(void **state)
{
    struct fx *f = *state;
    char target[512], link_path[1024];
    size_t len;

    start(f);
    /* A well-formed message outside the spool, linked into incoming/. */
    snprintf(target, sizeof target, "%s/elsewhere", f->dir);
    FILE *fp = fopen(target, "wb");
    assert_non_null(fp);
    fputs("From: 15555550123\n\nsecret", fp);
    fclose(fp);
    path_of(f, "incoming", "GSM1.link", link_path, sizeof link_path);
    assert_int_equal(symlink(target, link_path), 0);
    assert_true(run_until(f, rejected_ge_1, 5000));
    run_ms(f, 50);
    assert_int_equal(fh.in.calls, 0);
    assert_true(exists(f, "rejected", "GSM1.link"));
    /* The target is untouched. */
    assert_string_equal(slurp(target, &len), "From: 15555550123\n\nsecret");
}

static bool status_cannot_read(struct fx *f) { return strstr(f->p.status, "cannot read") != NULL; }

static void test_incoming_dir_recreated(void **state)
{
    struct fx *f = *state;
    char path[512];

    start(f);
    run_ms(f, 20);
    /* incoming/ disappears (an operator, a package upgrade)... */
    snprintf(path, sizeof path, "%s/incoming", f->spool);
    rm_rf(path);
    assert_true(run_until(f, status_cannot_read, 5000));
    /* Sending still works, so the provider stays usable (988 messages). */
    assert_true(f->p.healthy);
    /* ... and comes back with a message in it: found, and healthy again. */
    assert_int_equal(mkdir(path, 0750), 0);
    PUT(f, "incoming", "GSM1.back", real_example, true);
    assert_true(run_until(f, calls_ge_1, 10000));
    assert_true(run_until(f, incoming_empty, 2000));
    assert_string_equal(f->p.status, "ok");
    /* The watch follows the new directory: a fresh file is noticed. */
    PUT(f, "incoming", "GSM1.after", "From: 15555550124\n\n5", true);
    assert_true(run_until(f, calls_ge_2, 10000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config_missing_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_unknown_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_wrong_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_ok_no_io, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_creates_dirs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_fails_on_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_writes_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_bad_number, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_io_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_files_present_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_dropped_after_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_closed_file_read_before_settle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_settle_ms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inbound_failure_keeps_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_goes_to_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ignored_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_not_followed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incoming_dir_recreated, setup, teardown),
    };
    log_set_level(LL_DEBUG);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
