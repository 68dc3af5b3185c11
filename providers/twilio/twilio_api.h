/* SPDX-License-Identifier: Apache-2.0 */
/* twilio_api.h: what Twilio's REST API and webhooks say, as plain data.
 * Pure: no I/O, no clock. Used by twilio.c, its tests and its fuzz target. */
#ifndef GW_TWILIO_API_H
#define GW_TWILIO_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "provider.h"
#include "net/urlform.h"

#define TWILIO_SID_MAX 64

/* The outcome of POST .../Messages.json. */
struct twilio_send_result {
    int status;                 /* enum send_status */
    bool provider_problem;      /* credentials or account wrong: not the message's fault */
    int code;                   /* Twilio's error code, or 0 */
    char sid[TWILIO_SID_MAX];   /* the message's sid on success ("" if unreadable) */
    char error[256];            /* a human line when status != SEND_OK */
};

/* Reads an answer: http_status 0 means no answer (transport_error says
 * why). 2xx -> SEND_OK with the sid; 408, 429, 5xx and no answer ->
 * SEND_RETRY; 401, 403, 404 -> SEND_RETRY with provider_problem (another
 * provider may carry the message; the operator must fix the config); error
 * 21610 -> SEND_OPTED_OUT; any other 4xx -> SEND_FAILED. Never logs the
 * body (Twilio's messages quote the phone number). */
void twilio_send_classify(int http_status, const char *body, size_t len,
                          const char *transport_error, struct twilio_send_result *r);

/* A status callback's MessageStatus as a delivery report: returns 1 and
 * *out for sent, delivered, undelivered, failed (and read, as delivered);
 * 0 for the states that say nothing new (queued, accepted, sending,
 * scheduled, ...); -1 for an unknown word. */
int twilio_status_to_dlr(const char *status, enum dlr_state *out);

/* An inbound-message webhook's fields, borrowed from the form. */
struct twilio_inbound {
    const char *sid;    /* MessageSid (or SmsSid) */
    const char *from;
    const char *to;     /* "" when absent */
    const char *body;   /* "" when absent (a picture without text) */
    size_t body_len;
    const char *account_sid; /* "" when absent */
};

/* A JSON webhook's body (an object) as the fields a form would have
 * carried: each member whose value is a string, a number or a boolean,
 * as text (null members are left out, as a form leaves out what is
 * absent). f is the caller's afterwards (urlform_free). Returns 0, or -1
 * (f empty) when the body is not a JSON object, has nested values only
 * where we need text, has more than max_pairs members, or out of memory. */
int twilio_json_fields(const char *body, size_t len, size_t max_pairs, struct urlform *f);

/* Reads an inbound webhook's form. Returns 0, or -1 with why filled
 * (missing MessageSid or From). */
int twilio_inbound_parse(const struct urlform *f, struct twilio_inbound *out, char *why,
                         size_t whylen);

/* "Fri, 24 May 2019 17:44:50 +0000" -> unix seconds. Returns 0, or -1. */
int twilio_date_parse(const char *s, int64_t *out);

/* One message of a list page (borrowed for the callback's call). */
struct twilio_listed {
    const char *sid, *from, *to, *body, *direction, *status;
    size_t body_len;
    int64_t date_sent; /* 0 when absent or unreadable */
};

/* Return 0 to go on, anything else to stop the walk (that value is returned). */
typedef int (*twilio_listed_cb)(void *arg, const struct twilio_listed *m);

/* Walks a ListMessage page (JSON) in its order, calling cb for each
 * message that has a sid; copies next_page_uri into next ("" when there is
 * none or it does not fit). Returns 0, cb's nonzero value, or -1 with why
 * filled when the page is not a ListMessage response. */
int twilio_list_parse(const char *body, size_t len, twilio_listed_cb cb, void *arg, char *next,
                      size_t nextcap, char *why, size_t whylen);

/* True for "AC" + 32 hex digits (an account sid), or prefix "MG" likewise. */
bool twilio_sid_valid(const char *s, const char *prefix);

#endif
