/* SPDX-License-Identifier: Apache-2.0 */
/* android_api.h: what SMS Gateway for Android (the open-source app by
 * capcom6, local-server mode) sends and answers, as plain data. Pure: no
 * I/O, no clock (now is passed in).
 *
 * Webhooks: a JSON event {"event":"sms:received","id":<event id>,
 * "deviceId":...,"payload":{...}} signed with X-Signature = lowercase hex
 * HMAC-SHA256(signing key, raw body followed by the X-Timestamp value),
 * X-Timestamp = unix seconds. */
#ifndef GW_ANDROID_API_H
#define GW_ANDROID_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "provider.h"

enum android_sig {
    ANDROID_SIG_OK = 0,
    ANDROID_SIG_MISSING = -1,  /* no X-Signature or X-Timestamp */
    ANDROID_SIG_STALE = -2,    /* timestamp unreadable or further than max_skew from now */
    ANDROID_SIG_MISMATCH = -3,
};

/* Checks a webhook's signature (compared in constant time) and timestamp. */
enum android_sig android_sig_check(const char *key, const char *body, size_t len,
                                   const char *timestamp, const char *signature, int64_t now,
                                   int64_t max_skew);

/* Writes the lowercase hex signature of body+timestamp into out[65].
 * Returns 0 or -1. */
int android_sig_compute(const char *key, const char *body, size_t len, const char *timestamp,
                        char out[65]);

enum android_event_kind {
    ANDROID_EV_RECEIVED,   /* sms:received */
    ANDROID_EV_SENT,       /* sms:sent */
    ANDROID_EV_DELIVERED,  /* sms:delivered */
    ANDROID_EV_FAILED,     /* sms:failed */
    ANDROID_EV_OTHER,      /* anything else (system:ping, mms:received...): acknowledged */
};

/* One webhook event; strings point into the parsed JSON and live until
 * android_event_free(). */
struct android_event {
    enum android_event_kind kind;
    const char *event;      /* the event's name */
    const char *id;         /* the event's id: unique, the de-duplication key */
    const char *message_id; /* payload.messageId (our send's id for sent/delivered/failed) */
    const char *from;       /* payload.sender, or payload.phoneNumber in older apps */
    const char *to;         /* payload.recipient, "" when absent */
    const char *text;       /* payload.message */
    size_t text_len;
    const char *reason;     /* payload.reason for sms:failed, "" otherwise */
    int64_t received_at;    /* payload.receivedAt as unix seconds, 0 if absent/unreadable */
    void *json;             /* owned */
};

/* Parses an event. Returns 0, or -1 with why filled (not JSON, no event
 * name, and for sms:received no id, sender or message; for the delivery
 * events no messageId). Free with android_event_free either way. */
int android_event_parse(const char *body, size_t len, struct android_event *ev, char *why,
                        size_t whylen);
void android_event_free(struct android_event *ev);

/* "2024-06-22T15:46:11.000+07:00" (or "Z", with or without fraction) ->
 * unix seconds. Returns 0 or -1. */
int android_time_parse(const char *s, int64_t *out);

/* The JSON body of a send: {"textMessage":{"text":...},"phoneNumbers":[to],
 * "withDeliveryReport":true[,"simNumber":n][,"priority":100]}. Returns a
 * malloc'd string (caller frees), or NULL. */
char *android_send_body(const char *to, const char *text, int sim_number, bool urgent);

struct android_send_result {
    int status;            /* enum send_status */
    bool provider_problem; /* credentials or address wrong */
    char id[128];          /* the app's message id on success ("" if unreadable) */
    char error[256];
};

/* 2xx -> SEND_OK with "id"; 400 -> SEND_FAILED; 401/403/404 -> SEND_RETRY
 * with provider_problem; no answer, 408, 429, 5xx -> SEND_RETRY. */
void android_send_classify(int http_status, const char *body, size_t len,
                           const char *transport_error, struct android_send_result *r);

#endif
