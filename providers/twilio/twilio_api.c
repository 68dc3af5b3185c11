/* SPDX-License-Identifier: Apache-2.0 */
/* twilio_api.c: Twilio's answers and webhooks as plain data (jansson for JSON). */
#include "twilio/twilio_api.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define ERR_UNSUBSCRIBED 21610

/* The codes the gateway meets most, for a readable last_error. */
static const char *code_words(int code)
{
    switch (code) {
    case 21211: return "invalid To number";
    case ERR_UNSUBSCRIBED: return "recipient unsubscribed (replied STOP at the carrier)";
    default: return NULL;
    }
}

void twilio_send_classify(int http_status, const char *body, size_t len,
                          const char *transport_error, struct twilio_send_result *r)
{
    memset(r, 0, sizeof *r);
    json_t *j = NULL;
    if (body && len > 0)
        j = json_loadb(body, len, 0, NULL);
    if (j && json_is_object(j)) {
        json_t *c = json_object_get(j, "code");
        if (json_is_integer(c) && json_integer_value(c) > 0 && json_integer_value(c) < 1000000)
            r->code = (int)json_integer_value(c);
    }
    if (http_status == 0) {
        r->status = SEND_RETRY;
        snprintf(r->error, sizeof r->error, "twilio: no answer: %s",
                 transport_error && *transport_error ? transport_error : "unknown error");
    } else if (http_status >= 200 && http_status < 300) {
        r->status = SEND_OK;
        json_t *sid = j ? json_object_get(j, "sid") : NULL;
        if (json_is_string(sid) && json_string_length(sid) < sizeof r->sid)
            snprintf(r->sid, sizeof r->sid, "%s", json_string_value(sid));
    } else {
        const char *words = code_words(r->code);
        char what[96] = "";
        if (r->code)
            snprintf(what, sizeof what, ", error %d%s%s", r->code, words ? ": " : "",
                     words ? words : "");
        if (http_status == 401 || http_status == 403 || http_status == 404) {
            r->status = SEND_RETRY;
            r->provider_problem = true;
            snprintf(r->error, sizeof r->error,
                     "twilio: HTTP %d from Messages.json%s: check account_sid, auth_token and"
                     " base_url", http_status, what);
        } else if (http_status == 408 || http_status == 429 || http_status >= 500) {
            r->status = SEND_RETRY;
            snprintf(r->error, sizeof r->error, "twilio: HTTP %d (temporary)%s", http_status,
                     what);
        } else {
            r->status = r->code == ERR_UNSUBSCRIBED ? SEND_OPTED_OUT : SEND_FAILED;
            snprintf(r->error, sizeof r->error, "twilio: HTTP %d%s", http_status, what);
        }
    }
    json_decref(j);
}

int twilio_status_to_dlr(const char *status, enum dlr_state *out)
{
    static const char *const quiet[] = {"queued", "accepted", "sending", "scheduled",
                                        "receiving", "received", "canceled", NULL};
    if (!status)
        return -1;
    if (strcmp(status, "sent") == 0)
        *out = DLR_SENT;
    else if (strcmp(status, "delivered") == 0 || strcmp(status, "read") == 0)
        *out = DLR_DELIVERED;
    else if (strcmp(status, "undelivered") == 0 || strcmp(status, "failed") == 0)
        *out = DLR_FAILED;
    else {
        for (size_t i = 0; quiet[i]; i++)
            if (strcmp(status, quiet[i]) == 0)
                return 0;
        return -1;
    }
    return 1;
}

int twilio_inbound_parse(const struct urlform *f, struct twilio_inbound *out, char *why,
                         size_t whylen)
{
    memset(out, 0, sizeof *out);
    out->sid = urlform_get(f, "MessageSid");
    if (!out->sid || !*out->sid)
        out->sid = urlform_get(f, "SmsSid");
    out->from = urlform_get(f, "From");
    out->to = urlform_get(f, "To");
    out->account_sid = urlform_get(f, "AccountSid");
    out->body = "";
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->v[i].name, "Body") == 0) {
            out->body = f->v[i].value;
            out->body_len = f->v[i].value_len; /* NULs inside are kept */
            break;
        }
    if (!out->to)
        out->to = "";
    if (!out->account_sid)
        out->account_sid = "";
    if (!out->sid || !*out->sid) {
        snprintf(why, whylen, "no MessageSid");
        return -1;
    }
    if (!out->from || !*out->from) {
        snprintf(why, whylen, "no From");
        return -1;
    }
    return 0;
}

int twilio_date_parse(const char *s, int64_t *out)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char wday[4], mon[4], sign;
    int day, year, hh, mm, ss, off;
    if (!s || sscanf(s, "%3s, %d %3s %d %d:%d:%d %c%4d", wday, &day, mon, &year, &hh, &mm, &ss,
                     &sign, &off) != 9)
        return -1;
    const char *m = strstr(months, mon);
    if (strlen(mon) != 3 || !m || (m - months) % 3 != 0)
        return -1;
    if (day < 1 || day > 31 || year < 1970 || year > 9999 || hh < 0 || hh > 23 || mm < 0 ||
        mm > 59 || ss < 0 || ss > 60 || (sign != '+' && sign != '-') || off < 0 || off > 2359)
        return -1;
    struct tm tm = {.tm_year = year - 1900, .tm_mon = (int)(m - months) / 3, .tm_mday = day,
                    .tm_hour = hh, .tm_min = mm, .tm_sec = ss};
    time_t t = timegm(&tm);
    int64_t o = (off / 100) * 3600 + (off % 100) * 60;
    *out = (int64_t)t - (sign == '+' ? o : -o);
    return 0;
}

static const char *jstr(json_t *o, const char *k, size_t *len)
{
    json_t *v = json_object_get(o, k);
    if (len)
        *len = json_is_string(v) ? json_string_length(v) : 0;
    return json_is_string(v) ? json_string_value(v) : "";
}

int twilio_list_parse(const char *body, size_t len, twilio_listed_cb cb, void *arg, char *next,
                      size_t nextcap, char *why, size_t whylen)
{
    json_error_t je;
    int rc = 0;
    if (nextcap)
        next[0] = '\0';
    json_t *j = json_loadb(body, len, 0, &je);
    if (!j) {
        snprintf(why, whylen, "not JSON: %s (line %d)", je.text, je.line);
        return -1;
    }
    json_t *msgs = json_is_object(j) ? json_object_get(j, "messages") : NULL;
    if (!json_is_array(msgs)) {
        snprintf(why, whylen, "no \"messages\" array");
        rc = -1;
        goto out;
    }
    json_t *np = json_object_get(j, "next_page_uri");
    if (json_is_string(np) && json_string_length(np) < nextcap)
        snprintf(next, nextcap, "%s", json_string_value(np));
    size_t i;
    json_t *m;
    json_array_foreach(msgs, i, m) {
        if (!json_is_object(m))
            continue;
        struct twilio_listed l = {0};
        l.sid = jstr(m, "sid", NULL);
        if (!*l.sid)
            continue;
        l.from = jstr(m, "from", NULL);
        l.to = jstr(m, "to", NULL);
        l.body = jstr(m, "body", &l.body_len);
        l.direction = jstr(m, "direction", NULL);
        l.status = jstr(m, "status", NULL);
        if (twilio_date_parse(jstr(m, "date_sent", NULL), &l.date_sent) != 0 &&
            twilio_date_parse(jstr(m, "date_created", NULL), &l.date_sent) != 0)
            l.date_sent = 0;
        if ((rc = cb(arg, &l)) != 0)
            break;
    }
out:
    json_decref(j);
    return rc;
}

bool twilio_sid_valid(const char *s, const char *prefix)
{
    if (!s || strlen(s) != 34 || strncmp(s, prefix, 2) != 0)
        return false;
    for (int i = 2; i < 34; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* One member as text into p; 1 if left out (null), 0, or -1. */
static int json_field(const char *key, json_t *v, struct urlform_pair *p)
{
    char num[64];
    const char *text = NULL;
    size_t len = 0;
    if (json_is_null(v))
        return 1;
    if (json_is_string(v)) {
        text = json_string_value(v);
        len = json_string_length(v);
    } else if (json_is_integer(v)) {
        len = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        text = num;
    } else if (json_is_real(v)) {
        len = (size_t)snprintf(num, sizeof num, "%.17g", json_real_value(v));
        text = num;
    } else if (json_is_boolean(v)) {
        text = json_is_true(v) ? "true" : "false";
        len = strlen(text);
    } else {
        return -1; /* an object or array: not a webhook of ours */
    }
    p->name_len = strlen(key);
    p->name = malloc(p->name_len + 1);
    p->value = malloc(len + 1);
    if (!p->name || !p->value)
        return -1;
    memcpy(p->name, key, p->name_len + 1);
    memcpy(p->value, text, len);
    p->value[len] = '\0';
    p->value_len = len;
    return 0;
}

int twilio_json_fields(const char *body, size_t len, size_t max_pairs, struct urlform *f)
{
    memset(f, 0, sizeof *f);
    json_t *root = json_loadb(body, len, JSON_ALLOW_NUL, NULL);
    if (!json_is_object(root) || json_object_size(root) > max_pairs) {
        json_decref(root);
        return -1;
    }
    f->v = calloc(json_object_size(root) + 1, sizeof *f->v);
    if (!f->v) {
        json_decref(root);
        return -1;
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        int rc = json_field(key, v, &f->v[f->n]);
        if (rc < 0) {
            f->n++; /* frees what was allocated */
            json_decref(root);
            urlform_free(f);
            return -1;
        }
        if (rc == 0)
            f->n++;
    }
    json_decref(root);
    return 0;
}
