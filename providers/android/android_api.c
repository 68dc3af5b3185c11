/* SPDX-License-Identifier: Apache-2.0 */
/* android_api.c: SMS Gateway for Android's webhooks and answers (jansson,
 * OpenSSL's HMAC-SHA256). */
#include "android/android_api.h"

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int android_sig_compute(const char *key, const char *body, size_t len, const char *timestamp,
                        char out[65])
{
    static const char hex[] = "0123456789abcdef";
    size_t tl = strlen(timestamp);
    unsigned char *msg = malloc(len + tl + 1);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!msg)
        return -1;
    if (len)
        memcpy(msg, body, len);
    memcpy(msg + len, timestamp, tl);
    unsigned char *r = HMAC(EVP_sha256(), key, (int)strlen(key), msg, len + tl, md, &mdlen);
    free(msg);
    if (!r || mdlen != 32)
        return -1;
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
    return 0;
}

enum android_sig android_sig_check(const char *key, const char *body, size_t len,
                                   const char *timestamp, const char *signature, int64_t now,
                                   int64_t max_skew)
{
    char want[65];
    if (!timestamp || !*timestamp || !signature || !*signature)
        return ANDROID_SIG_MISSING;
    char *end = NULL;
    long long ts = strtoll(timestamp, &end, 10);
    if (!end || *end || end == timestamp || ts <= 0 || ts - now > max_skew ||
        now - ts > max_skew)
        return ANDROID_SIG_STALE;
    if (android_sig_compute(key, body, len, timestamp, want) != 0)
        return ANDROID_SIG_MISMATCH;
    /* Hex case is not a secret: accept upper-case digits too. */
    char got[65];
    size_t n = strlen(signature);
    if (n != 64)
        return ANDROID_SIG_MISMATCH;
    for (size_t i = 0; i < 64; i++)
        got[i] = (signature[i] >= 'A' && signature[i] <= 'F') ? (char)(signature[i] + 32)
                                                              : signature[i];
    return CRYPTO_memcmp(got, want, 64) == 0 ? ANDROID_SIG_OK : ANDROID_SIG_MISMATCH;
}

int android_time_parse(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec, n = 0;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
        return -1;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 ||
        h < 0 || mi < 0 || sec < 0)
        return -1;
    const char *p = s + n;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    int64_t off = 0;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om;
        if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2 || oh > 23 || om > 59 || oh < 0 || om < 0 ||
            strlen(p) != 6)
            return -1;
        off = (*p == '+' ? 1 : -1) * (int64_t)(oh * 3600 + om * 60);
        p += 6;
    } else {
        return -1;
    }
    if (*p)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
                    .tm_min = mi, .tm_sec = sec};
    *out = (int64_t)timegm(&tm) - off;
    return 0;
}

static const char *jstr(json_t *o, const char *k, size_t *len)
{
    json_t *v = json_object_get(o, k);
    if (len)
        *len = json_is_string(v) ? json_string_length(v) : 0;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

void android_event_free(struct android_event *ev)
{
    if (ev && ev->json) {
        json_decref(ev->json);
        ev->json = NULL;
    }
}

int android_event_parse(const char *body, size_t len, struct android_event *ev, char *why,
                        size_t whylen)
{
    json_error_t je;
    memset(ev, 0, sizeof *ev);
    json_t *j = json_loadb(body, len, 0, &je);
    ev->json = j;
    if (!j || !json_is_object(j)) {
        snprintf(why, whylen, "not a JSON object");
        return -1;
    }
    ev->event = jstr(j, "event", NULL);
    ev->id = jstr(j, "id", NULL);
    json_t *pl = json_object_get(j, "payload");
    if (!ev->event) {
        snprintf(why, whylen, "no event name");
        return -1;
    }
    if (strcmp(ev->event, "sms:received") == 0)
        ev->kind = ANDROID_EV_RECEIVED;
    else if (strcmp(ev->event, "sms:sent") == 0)
        ev->kind = ANDROID_EV_SENT;
    else if (strcmp(ev->event, "sms:delivered") == 0)
        ev->kind = ANDROID_EV_DELIVERED;
    else if (strcmp(ev->event, "sms:failed") == 0)
        ev->kind = ANDROID_EV_FAILED;
    else {
        ev->kind = ANDROID_EV_OTHER;
        return 0;
    }
    if (!json_is_object(pl)) {
        snprintf(why, whylen, "no payload");
        return -1;
    }
    ev->message_id = jstr(pl, "messageId", NULL);
    ev->from = jstr(pl, "sender", NULL);
    if (!ev->from)
        ev->from = jstr(pl, "phoneNumber", NULL);
    ev->to = jstr(pl, "recipient", NULL);
    if (!ev->to)
        ev->to = "";
    ev->text = jstr(pl, "message", &ev->text_len);
    ev->reason = jstr(pl, "reason", NULL);
    if (!ev->reason)
        ev->reason = "";
    if (android_time_parse(jstr(pl, "receivedAt", NULL), &ev->received_at) != 0)
        ev->received_at = 0;
    if (ev->kind == ANDROID_EV_RECEIVED) {
        if (!ev->id || !*ev->id) {
            snprintf(why, whylen, "sms:received without an event id");
            return -1;
        }
        if (!ev->from || !*ev->from || !ev->text) {
            snprintf(why, whylen, "sms:received without a sender or a message");
            return -1;
        }
    } else if (!ev->message_id || !*ev->message_id) {
        snprintf(why, whylen, "%s without a messageId", ev->event);
        return -1;
    }
    return 0;
}

char *android_send_body(const char *to, const char *text, int sim_number, bool urgent)
{
    json_t *o = json_pack("{s:{s:s}, s:[s], s:b}", "textMessage", "text", text, "phoneNumbers",
                          to, "withDeliveryReport", 1);
    if (!o)
        return NULL;
    if (sim_number > 0)
        json_object_set_new(o, "simNumber", json_integer(sim_number));
    /* Priority 100 and above skips the app's own send limits (urgent). */
    if (urgent)
        json_object_set_new(o, "priority", json_integer(100));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

void android_send_classify(int http_status, const char *body, size_t len,
                           const char *transport_error, struct android_send_result *r)
{
    memset(r, 0, sizeof *r);
    json_t *j = body && len ? json_loadb(body, len, 0, NULL) : NULL;
    const char *msg = j ? jstr(j, "message", NULL) : NULL;
    if (http_status == 0) {
        r->status = SEND_RETRY;
        snprintf(r->error, sizeof r->error, "android: no answer from the phone: %s",
                 transport_error && *transport_error ? transport_error : "unknown error");
    } else if (http_status >= 200 && http_status < 300) {
        r->status = SEND_OK;
        const char *id = j ? jstr(j, "id", NULL) : NULL;
        if (id && strlen(id) < sizeof r->id)
            snprintf(r->id, sizeof r->id, "%s", id);
    } else if (http_status == 401 || http_status == 403 || http_status == 404) {
        r->status = SEND_RETRY;
        r->provider_problem = true;
        snprintf(r->error, sizeof r->error,
                 "android: HTTP %d from the phone: check base_url, username and password",
                 http_status);
    } else if (http_status == 408 || http_status == 429 || http_status >= 500) {
        r->status = SEND_RETRY;
        snprintf(r->error, sizeof r->error, "android: HTTP %d (temporary)", http_status);
    } else {
        r->status = SEND_FAILED;
        /* Not the app's own text: it may quote the phone number. */
        snprintf(r->error, sizeof r->error, "android: HTTP %d, the phone refused the message%s",
                 http_status, msg ? " (see the app's log)" : "");
    }
    json_decref(j);
}
