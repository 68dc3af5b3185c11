/* SPDX-License-Identifier: Apache-2.0 */
/* test_spool_results.c: the spool provider reading smsd's results
 * (harness: spool_harness.h): sent/ and failed/ files, status reports and
 * their states, a store failure that keeps the files, an unmatched report,
 * and stop. */
#include "spool_harness.h"

/* ---- smsd's results: sent/, failed/, status reports ------------------ */

static void test_send_ucs2_no_report(void **state)
{
    struct fx *f = *state;
    /* "Hi é€😀": ASCII, 2-, 3- and 4-byte UTF-8; the last a surrogate pair. */
    struct outmsg m = {.id = 5, .to = "+4915550001", .body = "Hi \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"};
    static const char want[] = "To: 4915550001\nAlphabet: UCS2\n\n"
                               "\x00H\x00i\x00 \x00\xe9\x20\xac\xd8\x3d\xde\x00";
    char path[1024];
    size_t len;

    start_with(f, "  alphabet = \"UCS2\";\n  report = false;\n");
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_status, SEND_OK);
    path_of(f, "outgoing", f->done_id, path, sizeof path);
    const char *data = slurp(path, &len);
    assert_int_equal(len, sizeof want - 1);
    assert_memory_equal(data, want, len);
}

static void test_config_alphabet_report(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"/x\";\n"
                                    "  alphabet = \"ISO\";\n  report = \"yes\"; };\n", &errs),
                     -1);
    assert_true(has_error(&errs, ":2:", "alphabet must be \"UTF-8\" or \"UCS2\""));
    assert_true(has_error(&errs, ":3:", "report must be true or false"));
    cfg_errors_free(&errs);
}

static bool dlr_ge_1(struct fx *f) { (void)f; return fh.dlr.calls >= 1; }
static bool dlr_ge_2(struct fx *f) { (void)f; return fh.dlr.calls >= 2; }

/* A sent file as smsd 3.1 leaves it: our headers, its own, Message_id
 * because Report: yes was asked for. */
static const char sent_file[] = "To: 15555550123\n"
                                "Alphabet: UTF-8\n"
                                "Report: yes\n"
                                "Modem: GSM1\n"
                                "Sent: 26-11-23 09:00:02\n"
                                "Message_id: 117\n"
                                "IMSI: 262019999999999\n"
                                "IMEI: 490154203237518\n"
                                "Sending_time: 3\n"
                                "\n"
                                "How are you today, 1-10?";

static void test_sent_then_status_report(void **state)
{
    struct fx *f = *state;
    static const char report[] = "From: 15555550123\n"
                                 "From_SMSC: 491722270333\n"
                                 "Sent: 26-11-23 09:00:02\n"
                                 "Received: 26-11-23 09:00:09\n"
                                 "Subject: GSM1\n"
                                 "Alphabet: ISO\n"
                                 "\n"
                                 "SMS STATUS REPORT\n"
                                 "Message_id: 117\n"
                                 "Discharge_timestamp: 26-11-23 09:00:08\n"
                                 "Status: 0,Ok,short message received by the SME";

    start(f);
    PUT(f, "sent", "gw-42-1790000000-1", sent_file, true);
    PUT(f, "sent", "someone-elses", sent_file, true); /* not ours: left alone */
    assert_true(run_until(f, dlr_ge_1, 5000));
    assert_string_equal(fh.dlr.id[0], "gw-42-1790000000-1");
    assert_int_equal(fh.dlr.state[0], DLR_SENT);
    assert_false(exists(f, "sent", "gw-42-1790000000-1"));
    assert_true(exists(f, "sent", "someone-elses"));
    assert_true(exists(f, "reports", "15555550123.117"));

    PUT(f, "incoming", "GSM1.aB3dE9", report, true);
    assert_true(run_until(f, dlr_ge_2, 5000));
    assert_string_equal(fh.dlr.id[1], "gw-42-1790000000-1");
    assert_int_equal(fh.dlr.state[1], DLR_DELIVERED);
    assert_string_equal(fh.dlr.error[1], "");
    assert_true(run_until(f, incoming_empty, 5000));
    assert_false(exists(f, "reports", "15555550123.117"));
    assert_int_equal(fh.in.calls, 0); /* a report is not a message from a person */
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static void test_failed_file(void **state)
{
    struct fx *f = *state;
    static const char failed_file[] = "To: 15555550123\n"
                                      "Alphabet: UTF-8\n"
                                      "Modem: GSM1\n"
                                      "Failed: 26-11-23 09:00:31\n"
                                      "Fail_reason: +CMS ERROR: 38 (Network out of order)\n"
                                      "\n"
                                      "Call or text 988";

    start(f);
    PUT(f, "failed", "gw-43-1790000000-2", failed_file, true);
    assert_true(run_until(f, dlr_ge_1, 5000));
    assert_string_equal(fh.dlr.id[0], "gw-43-1790000000-2");
    assert_int_equal(fh.dlr.state[0], DLR_FAILED);
    assert_string_equal(fh.dlr.error[0], "+CMS ERROR: 38 (Network out of order)");
    assert_int_equal(count_dir(f, "failed", NULL), 0);

    /* No Fail_reason and headers smsd could not have written: the name and
     * the directory still say what happened. keep_filename = no names it
     * by Original_filename. */
    PUT(f, "failed", "gw-44-1790000000-3", "To: 15555550123\nbroken line\n\nx", true);
    assert_true(run_until(f, dlr_ge_2, 5000));
    assert_string_equal(fh.dlr.id[1], "gw-44-1790000000-3");
    assert_int_equal(fh.dlr.state[1], DLR_FAILED);
    assert_string_equal(fh.dlr.error[1], "smsd moved it to failed/");
}

static void test_report_states(void **state)
{
    struct fx *f = *state;
    static const char still_trying[] = "From: 15555550123\n\nSMS STATUS REPORT\nMessage_id: 117\n"
                                       "Status: 32,Still trying,congestion";
    static const char error[] = "From: 15555550123\n\nSMS STATUS REPORT\nMessage_id: 117\n"
                                "Status: 70,Error,SM validity period expired";

    start(f);
    PUT(f, "sent", "gw-42-1790000000-1", sent_file, true);
    assert_true(run_until(f, dlr_ge_1, 5000));
    /* Still trying: nothing changes, the file goes, the index stays. */
    PUT(f, "incoming", "GSM1.r1", still_trying, true);
    assert_true(run_until(f, incoming_empty, 5000));
    assert_int_equal(fh.dlr.calls, 1);
    assert_true(exists(f, "reports", "15555550123.117"));
    /* A permanent error fails the message, with smsd's words for it. */
    PUT(f, "incoming", "GSM1.r2", error, true);
    assert_true(run_until(f, dlr_ge_2, 5000));
    assert_int_equal(fh.dlr.state[1], DLR_FAILED);
    assert_string_equal(fh.dlr.error[1], "70,Error,SM validity period expired");
}

static void test_result_store_failure_keeps_files(void **state)
{
    struct fx *f = *state;

    start(f);
    fh.dlr.fail_next = 1;
    PUT(f, "sent", "gw-42-1790000000-1", sent_file, true);
    PUT(f, "incoming", "GSM1.good", real_example, true);
    /* The store failed on the sent file: it stays, and the pass stops there
     * (the inbound message waits for the back-off too, nothing is lost). */
    run_ms(f, 300);
    assert_int_equal(fh.dlr.calls, 0);
    assert_true(exists(f, "sent", "gw-42-1790000000-1"));
    assert_true(run_until(f, dlr_ge_1, 5000));
    assert_true(run_until(f, calls_ge_1, 5000));
    assert_false(exists(f, "sent", "gw-42-1790000000-1"));
    assert_int_equal(fh.in.calls, 1);
}

static void test_unmatched_report(void **state)
{
    struct fx *f = *state;
    static const char report[] = "From: 15555550199\n\nSMS STATUS REPORT\nMessage_id: 9\n"
                                 "Status: 0,Ok,short message received by the SME";
    char path[1024];
    struct timespec ts[2];

    start(f);
    PUT(f, "incoming", "GSM1.young", report, true);
    PUT(f, "incoming", "GSM1.old", report, true);
    path_of(f, "incoming", "GSM1.old", path, sizeof path);
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec -= 3600;
    ts[1] = ts[0];
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    run_ms(f, 300);
    /* The young one waits for a sent/ file that may come; the old one, for
     * a message that is not ours, is dropped. Neither is a person's text. */
    assert_true(exists(f, "incoming", "GSM1.young"));
    assert_false(exists(f, "incoming", "GSM1.old"));
    assert_int_equal(fh.dlr.calls, 0);
    assert_int_equal(fh.in.calls, 0);
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static void test_stop_calls_stopped(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 1, .to = "+15555550123", .body = "x"};

    start(f);
    run_ms(f, 20);
    spool_provider_ops.stop(&f->p, stopped_cb);
    assert_false(f->stopped); /* only after the close callbacks */
    assert_true(run_until(f, is_stopped, 2000));
    assert_false(f->p.healthy);
    /* After stop, send refuses without calling done. */
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), -1);
    assert_int_equal(f->done_calls, 0);
    /* A file arriving now is not read. */
    PUT(f, "incoming", "GSM1.late", real_example, true);
    run_ms(f, 100);
    assert_int_equal(fh.in.calls, 0);
    assert_true(exists(f, "incoming", "GSM1.late"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_send_ucs2_no_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_alphabet_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sent_then_status_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_states, setup, teardown),
        cmocka_unit_test_setup_teardown(test_result_store_failure_keeps_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unmatched_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_calls_stopped, setup, teardown),
    };
    log_set_level(LL_DEBUG);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
