/* SPDX-License-Identifier: Apache-2.0 */
/* test_android.c: SMS Gateway for Android's webhook signature, events and
 * answers, all pure. Reference signatures computed with Python's hmac
 * (hmac.new(key, (body + timestamp).encode(), sha256).hexdigest()), the
 * verification the app's documentation gives. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "android/android_api.h"
#include "base/log.h"

static const struct {
    const char *key, *body, *ts, *sig;
} refs[] = {
    {"key", "{\"event\":\"sms:received\"}", "1719046000",
     "5a53f28cd172440add50ff29887dd46b594a89ba76a574f4138da01a1f020962"},
    {"k\xc3\xa9y", "", "0", "6650bc4eec87e14aff64f3b83392238aab731629dfa949d4916f1ea29e7b894b"},
    {"secret", "{\"a\":\"\xc2\xbfqu\xc3\xa9? \xf0\x9f\x98\xa2\"}", "1700000000",
     "cdd29f611c59bd52ff4bc273fca2597271216856677d496be26c60474f82e34b"},
};

static void test_signature_reference_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
        char sig[65];
        assert_int_equal(android_sig_compute(refs[i].key, refs[i].body, strlen(refs[i].body),
                                             refs[i].ts, sig), 0);
        assert_string_equal(sig, refs[i].sig);
    }
}

static void test_signature_check(void **state)
{
    (void)state;
    const char *k = refs[0].key, *b = refs[0].body, *ts = refs[0].ts, *s = refs[0].sig;
    size_t n = strlen(b);
    int64_t now = 1719046000;
    assert_int_equal(android_sig_check(k, b, n, ts, s, now, 300), ANDROID_SIG_OK);
    assert_int_equal(android_sig_check(k, b, n, ts, s, now + 300, 300), ANDROID_SIG_OK);
    assert_int_equal(android_sig_check(k, b, n, ts, s, now + 301, 300), ANDROID_SIG_STALE);
    assert_int_equal(android_sig_check(k, b, n, ts, s, now - 301, 300), ANDROID_SIG_STALE);
    assert_int_equal(android_sig_check(k, b, n, NULL, s, now, 300), ANDROID_SIG_MISSING);
    assert_int_equal(android_sig_check(k, b, n, ts, NULL, now, 300), ANDROID_SIG_MISSING);
    assert_int_equal(android_sig_check(k, b, n, ts, "", now, 300), ANDROID_SIG_MISSING);
    assert_int_equal(android_sig_check(k, b, n, "17190x6000", s, now, 300), ANDROID_SIG_STALE);
    assert_int_equal(android_sig_check("other", b, n, ts, s, now, 300), ANDROID_SIG_MISMATCH);
    assert_int_equal(android_sig_check(k, b, n - 1, ts, s, now, 300), ANDROID_SIG_MISMATCH);
    assert_int_equal(android_sig_check(k, b, n, ts, "5a53", now, 300), ANDROID_SIG_MISMATCH);
    /* Upper-case hex is the same signature. */
    char up[65];
    for (int i = 0; i < 65; i++)
        up[i] = (s[i] >= 'a' && s[i] <= 'f') ? (char)(s[i] - 32) : s[i];
    assert_int_equal(android_sig_check(k, b, n, ts, up, now, 300), ANDROID_SIG_OK);
    /* The timestamp is signed too: another one with the same signature fails. */
    assert_int_equal(android_sig_check(k, b, n, "1719046001", s, now, 300), ANDROID_SIG_MISMATCH);
}

static void test_event_received(void **state)
{
    (void)state;
    const char *body = "{\"deviceId\":\"d1\",\"event\":\"sms:received\",\"id\":\"Ey6ECgOkVVFjz3CL48B8C\","
                       "\"payload\":{\"messageId\":\"abc123\",\"message\":\"Android is always a sweet treat!\","
                       "\"sender\":\"+16505551212\",\"recipient\":\"+16505550000\",\"simNumber\":1,"
                       "\"receivedAt\":\"2024-06-22T15:46:11.000+07:00\"},\"webhookId\":\"w\"}";
    struct android_event ev;
    char why[128];
    assert_int_equal(android_event_parse(body, strlen(body), &ev, why, sizeof why), 0);
    assert_int_equal(ev.kind, ANDROID_EV_RECEIVED);
    assert_string_equal(ev.id, "Ey6ECgOkVVFjz3CL48B8C");
    assert_string_equal(ev.from, "+16505551212");
    assert_string_equal(ev.to, "+16505550000");
    assert_string_equal(ev.text, "Android is always a sweet treat!");
    assert_int_equal(ev.received_at, 1719045971); /* 08:46:11Z */
    android_event_free(&ev);
    /* The documented older payload names the sender phoneNumber. */
    const char *old = "{\"event\":\"sms:received\",\"id\":\"e2\",\"payload\":{\"messageId\":\"m\","
                      "\"message\":\"5\",\"phoneNumber\":\"6505551212\",\"simNumber\":null}}";
    assert_int_equal(android_event_parse(old, strlen(old), &ev, why, sizeof why), 0);
    assert_string_equal(ev.from, "6505551212");
    assert_string_equal(ev.to, "");
    assert_int_equal(ev.received_at, 0);
    android_event_free(&ev);
}

static void test_event_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "[1]",
        "{\"id\":\"x\"}",
        "{\"event\":\"sms:received\",\"payload\":{\"message\":\"5\",\"sender\":\"+1\"}}",
        "{\"event\":\"sms:received\",\"id\":\"e\",\"payload\":{\"message\":\"5\"}}",
        "{\"event\":\"sms:received\",\"id\":\"e\",\"payload\":{\"sender\":\"+1\"}}",
        "{\"event\":\"sms:received\",\"id\":\"e\"}",
        "{\"event\":\"sms:delivered\",\"id\":\"e\",\"payload\":{}}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct android_event ev;
        char why[128] = "";
        assert_int_equal(android_event_parse(bad[i], strlen(bad[i]), &ev, why, sizeof why), -1);
        assert_true(strlen(why) > 0);
        android_event_free(&ev);
    }
    struct android_event ev;
    char why[64];
    const char *ping = "{\"event\":\"system:ping\",\"payload\":{\"health\":{}}}";
    assert_int_equal(android_event_parse(ping, strlen(ping), &ev, why, sizeof why), 0);
    assert_int_equal(ev.kind, ANDROID_EV_OTHER);
    android_event_free(&ev);
    const char *failed = "{\"event\":\"sms:failed\",\"id\":\"f\",\"payload\":{\"messageId\":\"m1\","
                         "\"reason\":\"RESULT_ERROR_NO_SERVICE\"}}";
    assert_int_equal(android_event_parse(failed, strlen(failed), &ev, why, sizeof why), 0);
    assert_int_equal(ev.kind, ANDROID_EV_FAILED);
    assert_string_equal(ev.message_id, "m1");
    assert_string_equal(ev.reason, "RESULT_ERROR_NO_SERVICE");
    android_event_free(&ev);
}

static void test_time_parse(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(android_time_parse("2024-06-22T08:46:11Z", &t), 0);
    assert_int_equal(t, 1719045971);
    assert_int_equal(android_time_parse("2024-06-22T15:46:11.123+07:00", &t), 0);
    assert_int_equal(t, 1719045971);
    assert_int_equal(android_time_parse("2024-06-22T03:46:11-05:00", &t), 0);
    assert_int_equal(t, 1719045971);
    assert_int_equal(android_time_parse("2024-06-22 08:46:11", &t), -1);
    assert_int_equal(android_time_parse("2024-06-22T08:46:11", &t), -1);
    assert_int_equal(android_time_parse("2024-06-22T08:46:11+0700", &t), -1);
    assert_int_equal(android_time_parse("2024-13-22T08:46:11Z", &t), -1);
    assert_int_equal(android_time_parse(NULL, &t), -1);
}

static void test_send_body_and_answers(void **state)
{
    (void)state;
    char *b = android_send_body("+15551234567", "\"7\" \xc2\xbfok?", 0, false);
    assert_non_null(b);
    assert_string_equal(b, "{\"textMessage\":{\"text\":\"\\\"7\\\" \xc2\xbfok?\"},\"phoneNumbers\":"
                           "[\"+15551234567\"],\"withDeliveryReport\":true}");
    free(b);
    b = android_send_body("+15551234567", "988", 2, true);
    assert_non_null(strstr(b, "\"simNumber\":2"));
    assert_non_null(strstr(b, "\"priority\":100"));
    free(b);

    struct android_send_result r;
    const char *ok = "{\"id\":\"PyDmBQZZXYmyxMwED8Fzy\",\"state\":\"Pending\"}";
    android_send_classify(202, ok, strlen(ok), NULL, &r);
    assert_int_equal(r.status, SEND_OK);
    assert_string_equal(r.id, "PyDmBQZZXYmyxMwED8Fzy");
    const char *bad = "{\"message\":\"invalid phone number +1555\"}";
    android_send_classify(400, bad, strlen(bad), NULL, &r);
    assert_int_equal(r.status, SEND_FAILED);
    assert_null(strstr(r.error, "+1555"));
    android_send_classify(401, "", 0, NULL, &r);
    assert_int_equal(r.status, SEND_RETRY);
    assert_true(r.provider_problem);
    android_send_classify(500, "", 0, NULL, &r);
    assert_int_equal(r.status, SEND_RETRY);
    assert_false(r.provider_problem);
    android_send_classify(0, NULL, 0, "Connection refused", &r);
    assert_int_equal(r.status, SEND_RETRY);
    assert_non_null(strstr(r.error, "Connection refused"));
}

int main(void)
{
    log_set_level(LL_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signature_reference_values),
        cmocka_unit_test(test_signature_check),
        cmocka_unit_test(test_event_received),
        cmocka_unit_test(test_event_errors),
        cmocka_unit_test(test_time_parse),
        cmocka_unit_test(test_send_body_and_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
