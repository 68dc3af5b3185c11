/* SPDX-License-Identifier: Apache-2.0 */
/* config.c: etc/checkin.conf (libconfig) -> struct gw_config, validated.
 *
 * The loader never stops at the first problem: every bad setting adds one
 * "file:line: reason" to a struct cfg_errors, so an operator fixes them all
 * in one pass (`checkin-gateway --check-config`). The scalar settings of the
 * program, daemon, http and outbox groups are described by ONE table
 * (`scalars` below) that gives their type, their field in struct gw_config,
 * their default and their validator; the same table drives parsing, the
 * defaults and the unknown-key errors. The lists (providers, routing,
 * schedules, specialists, templates) have their own small parsers, in
 * config_lists.c, config_schedules.c, config_specialists.c and
 * config_texts.c (with the built-in texts); config_internal.h is what they
 * share with this file.
 *
 * Provider groups are only checked for name and kind here: their other keys
 * belong to the provider kind, whose create() validates them (Kannel-style:
 * the schema of a backend lives with the backend). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config/config.h"
#include "config/config_flows.h"
#include "base/crypt.h"
#include "base/phone_shim.h"
#include "model/command.h"
#include "model/schedule.h"
#include "config/config_internal.h"

/* ---- small helpers ---------------------------------------------------- */

bool cfg_is_int(const config_setting_t *s)
{
    return config_setting_type(s) == CONFIG_TYPE_INT || config_setting_type(s) == CONFIG_TYPE_INT64;
}

/* Arrays [ ] and lists ( ) both hold sequences; an empty "[]" parses as an
 * array even where a list of groups is meant. */
bool cfg_is_seq(const config_setting_t *s)
{
    return config_setting_is_array(s) || config_setting_is_list(s);
}

/* Operator-chosen identifiers: [a-z0-9_-]{1,63}. They appear in URLs
 * (/sms/<provider>), in the database and on the command line. */
bool cfg_name_is_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= CFG_NAME_MAX)
        return false;
    for (; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* Copies src into dst[dstsz]; false (and dst untouched) if it does not fit. */
bool cfg_copy_str(char *dst, size_t dstsz, const char *src)
{
    size_t n = strlen(src);
    if (n >= dstsz)
        return false;
    memcpy(dst, src, n + 1);
    return true;
}

/* ---- secrets ---------------------------------------------------------- */

/* Whether a setting's name is one that holds a secret, by its ending:
 * "password", "auth_token", "secret", "pin", "signing_key", or "key" itself
 * (encryption.key); not "key_file". */
static bool secret_name(const char *name)
{
    static const char *const ends[] = {"password", "passwd", "secret", "token", "pin",
                                       "_key", "apikey", NULL};
    size_t n = name ? strlen(name) : 0;
    if (n == 3 && strcasecmp(name, "key") == 0)
        return true;
    for (int i = 0; ends[i]; i++) {
        size_t k = strlen(ends[i]);
        if (n >= k && strcasecmp(name + n - k, ends[i]) == 0)
            return true;
    }
    return false;
}

static void inline_secrets_walk(const config_setting_t *s, char *path, size_t cap,
                                size_t *count, char *names, size_t namescap)
{
    size_t len = strlen(path);
    const char *name = config_setting_name(s);
    if (name)
        snprintf(path + len, cap - len, "%s%s", len ? "." : "", name);
    else if (config_setting_parent(s))
        snprintf(path + len, cap - len, "[%d]", config_setting_index(s));
    if (config_setting_is_aggregate(s)) {
        for (int i = 0; i < config_setting_length(s); i++)
            inline_secrets_walk(config_setting_get_elem(s, (unsigned)i), path, cap, count, names,
                                namescap);
    } else if (config_setting_type(s) == CONFIG_TYPE_STRING && secret_name(name)) {
        const char *v = config_setting_get_string(s);
        if (v && *v && strncmp(v, "env:", 4) != 0 && strncmp(v, "file:", 5) != 0) {
            size_t used = strlen(names);
            snprintf(names + used, namescap - used, "%s%s", used ? "," : "", path);
            (*count)++;
        }
    }
    path[len] = '\0';
}

size_t gw_config_inline_secrets(const struct gw_config *c, char *names, size_t namescap)
{
    char path[512] = "";
    size_t count = 0;
    if (namescap)
        names[0] = '\0';
    if (!c || !namescap)
        return 0;
    inline_secrets_walk(config_root_setting(&c->lc), path, sizeof path, &count, names, namescap);
    return count;
}

/* ---- the loader ------------------------------------------------------- */

void cfg_lerr(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (s != NULL)
        cfg_errors_vat(ld->errs, s, fmt, ap);
    else
        cfg_errors_vadd(ld->errs, ld->c->file, 0, fmt, ap);
    va_end(ap);
    ld->nerr++;
}

void cfg_oom(struct loader *ld)
{
    cfg_lerr(ld, NULL, "out of memory");
}

/* ---- the scalar table ------------------------------------------------- */

enum scalar_type {
    SC_STRING,   /* char * in the struct, owned (strdup) */
    SC_STRBUF,   /* char[size] in the struct */
    SC_INT,      /* int, within [min, max] */
    SC_LOGLEVEL, /* enum log_level, from "debug" | "info" | "warn" | "error" */
    SC_BOOL,     /* bool; default def_int */
    SC_SECRET,   /* char * in the struct, owned, read through cfg_secret (env:, file:);
                  * the check runs on the secret's value, which no message echoes */
};

/* A string validator: 0 if v is acceptable, else -1 with why filled. */
typedef int (*str_check_fn)(const char *v, char *why, size_t whylen);

struct scalar_def {
    const char *group, *key;
    enum scalar_type type;
    size_t offset;       /* of the field in struct gw_config */
    size_t size;         /* SC_STRBUF: the buffer size */
    bool required;
    const char *def_str; /* default for the string-valued types (NULL if required) */
    int def_int, min, max;
    str_check_fn check;  /* extra validation of a string value, or NULL */
};

static int check_tz(const char *v, char *why, size_t whylen)
{
    if (tz_is_valid(v))
        return 0;
    snprintf(why, whylen,
             "unknown time zone \"%s\" (an IANA name such as \"America/New_York\" or \"UTC\")",
             v);
    return -1;
}

/* program.country: the region a national number ("(202) 555-0123") is
 * read in, as libphonenumber knows it. */
static int check_country(const char *v, char *why, size_t whylen)
{
    if (phone_region_known(v))
        return 0;
    snprintf(why, whylen, "unknown country \"%s\" (an ISO 3166 code in upper case, such as "
             "\"US\" or \"GB\")", v);
    return -1;
}

static int check_ipv4(const char *v, char *why, size_t whylen)
{
    struct in_addr a;
    if (inet_pton(AF_INET, v, &a) == 1)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a numeric IPv4 address (e.g. \"127.0.0.1\")", v);
    return -1;
}

static int check_log_format(const char *v, char *why, size_t whylen)
{
    enum log_format f;
    if (log_format_parse(v, &f) == 0)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a log format (text or json)", v);
    return -1;
}

static int check_hhmm(const char *v, char *why, size_t whylen)
{
    if (schedule_parse_hhmm(v) >= 0)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a time of day \"HH:MM\" (00:00 to 23:59)", v);
    return -1;
}

/* "1d, 72h, 1w": 1 to CFG_MAX_FOLLOWUPS durations (command_duration), from
 * 1 hour to 90 days, ascending, comma separated, into secs (may be NULL).
 * Returns how many, or -1 with why filled. */
static int followup_offsets(const char *v, int *secs, char *why, size_t whylen)
{
    int n = 0;
    int64_t prev = 0;
    const char *p = v;
    for (;;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, ", ");
        int64_t d = 0;
        if (n == CFG_MAX_FOLLOWUPS) {
            snprintf(why, whylen, "\"%s\": at most %d follow-ups", v, CFG_MAX_FOLLOWUPS);
            return -1;
        }
        if (command_duration(p, len, &d) != 0 || d < 3600 || d > 90 * 86400) {
            snprintf(why, whylen, "\"%s\": \"%.*s\" is not a duration from 1h to 90d (like "
                     "\"1d, 72h, 1w\")", v, (int)len, p);
            return -1;
        }
        if (d <= prev) {
            snprintf(why, whylen, "\"%s\": list the follow-ups in ascending order, each once",
                     v);
            return -1;
        }
        if (secs)
            secs[n] = (int)d;
        n++;
        prev = d;
        p += len;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return n;
        if (*p++ != ',') {
            snprintf(why, whylen, "\"%s\": separate the durations with commas", v);
            return -1;
        }
    }
}

static int check_followup_after(const char *v, char *why, size_t whylen)
{
    return followup_offsets(v, NULL, why, whylen) < 0 ? -1 : 0;
}

static int check_severity(const char *v, char *why, size_t whylen)
{
    if (strcmp(v, "urgent") == 0 || strcmp(v, "high") == 0 || strcmp(v, "watch") == 0)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a severity (urgent, high or watch)", v);
    return -1;
}

#define F(field) offsetof(struct gw_config, field)
#define FS(field) offsetof(struct gw_config, field), sizeof(((struct gw_config *)0)->field)

/* Every scalar setting. Keys of a group not listed here are errors. */
static const struct scalar_def scalars[] = {
    /* group      key                   type         field                     req    default               int  min  max      check */
    { "program", "name",               SC_STRING,   F(program_name), 0,       true,  NULL,                  0,   0,   0,       NULL },
    { "program", "contact",            SC_STRING,   F(program_contact), 0,    true,  NULL,                  0,   0,   0,       NULL },
    { "program", "timezone",           SC_STRBUF,   FS(default_tz),           false, "UTC",                 0,   0,   0,       check_tz },
    { "program", "country",            SC_STRBUF,   FS(country),              false, "US",                  0,   0,   0,       check_country },
    { "daemon",  "database",           SC_STRING,   F(database), 0,           false, "var/checkin.db",      0,   0,   0,       NULL },
    { "daemon",  "pid_file",           SC_STRING,   F(pid_file), 0,           false, "var/checkin-gateway.pid", 0, 0, 0,       NULL },
    { "daemon",  "log_level",          SC_LOGLEVEL, F(log_level), 0,          false, "info",                0,   0,   0,       NULL },
    { "daemon",  "user",               SC_STRING,   F(user), 0,               false, NULL,                  0,   0,   0,       NULL },
    { "daemon",  "log_format",         SC_STRBUF,   FS(log_format),           false, "text",                0,   0,   0,       check_log_format },
    { "http",    "listen",             SC_STRBUF,   FS(http_listen),          false, "127.0.0.1",           0,   0,   0,       check_ipv4 },
    { "http",    "port",               SC_INT,      F(http_port), 0,          false, NULL,                  8780, 0,  65535,   NULL },
    { "http",    "request_timeout_seconds", SC_INT, F(http_request_timeout), 0, false, NULL,                30,  1,   3600,    NULL },
    { "http",    "connections",        SC_INT,      F(http_connections), 0,   false, NULL,                  1024, 16, 65536,   NULL },
    { "http",    "connections_per_address", SC_INT, F(http_connections_per_address), 0, false, NULL,        768, 1,   65536,   NULL },
    { "limits",  "sender_burst",       SC_INT,      F(limits.sender_burst), 0, false, NULL,                 5,   1,   1000,    NULL },
    { "limits",  "sender_per_hour",    SC_INT,      F(limits.sender_per_hour), 0, false, NULL,              20,  1,   100000,  NULL },
    { "limits",  "daily_per_client",   SC_INT,      F(limits.daily_per_client), 0, false, NULL,             20,  1,   100000,  NULL },
    { "limits",  "daily_per_program",  SC_INT,      F(limits.daily_per_program), 0, false, NULL,            10000, 1, 10000000, NULL },
    { "outbox",  "retry_base_seconds", SC_INT,      F(retry_base_seconds), 0, false, NULL,                  30,  1,   86400,   NULL },
    { "outbox",  "retry_max_seconds",  SC_INT,      F(retry_max_seconds), 0,  false, NULL,                  3600, 1,  604800,  NULL },
    { "outbox",  "max_attempts",       SC_INT,      F(max_attempts), 0,       false, NULL,                  10,  1,   1000,    NULL },
    { "replies", "vocabulary",         SC_STRING,   F(vocabulary_file), 0,    false, NULL,                  0,   0,   0,       NULL },
    { "escalation", "realert_seconds",  SC_INT,      F(esc.realert_seconds), 0, false, NULL,                600, 1,   86400,   NULL },
    { "escalation", "realerts_before_handoff", SC_INT, F(esc.realerts_before_handoff), 0, false, NULL,      1,   0,   10,      NULL },
    { "escalation", "max_realerts",     SC_INT,      F(esc.max_realerts), 0,   false, NULL,                  6,   1,   100,     NULL },
    { "escalation", "late_realert_seconds", SC_INT,  F(esc.late_realert_seconds), 0, false, NULL,           1800, 1,  86400,   NULL },
    { "escalation", "flood_window_seconds", SC_INT,  F(esc.flood_window_seconds), 0, false, NULL,           1800, 0,  86400,   NULL },
    { "escalation", "follow_up_hours",  SC_INT,      F(esc.follow_up_hours), 0, false, NULL,                72,  1,   8760,    NULL },
    { "escalation", "screen_timeout_minutes", SC_INT, F(esc.screen_timeout_minutes), 0, false, NULL,         30,  1,   1440,    NULL },
    { "escalation", "conversation_idle_hours", SC_INT, F(esc.conversation_idle_hours), 0, false, NULL,       24,  1,   720,     NULL },
    { "escalation", "followup_after",   SC_STRBUF,   FS(esc.followup_after),   false, "1d, 72h, 1w",         0,   0,   0,       check_followup_after },
    { "escalation", "followup_grace_hours", SC_INT,  F(esc.followup_grace_hours), 0, false, NULL,           12,  1,   168,     NULL },
    { "escalation", "digest_time",      SC_STRBUF,   FS(esc.digest_time),      false, "08:00",               0,   0,   0,       check_hhmm },
    { "escalation", "relapse",          SC_STRBUF,   FS(esc.relapse),          false, "high",                0,   0,   0,       check_severity },
    { "escalation", "watch_drops_in_row", SC_INT,    F(esc.watch_drops_in_row), 0, false, NULL,              3,   0,   20,      NULL },
    { "escalation", "watch_weekly_drop", SC_INT,     F(esc.watch_weekly_drop), 0, false, NULL,              20,  0,   100,     NULL },
    { "escalation", "watch_missed_in_row", SC_INT,   F(esc.watch_missed_in_row), 0, false, NULL,             3,   0,   50,      NULL },
    { "consent", "require_confirmation", SC_BOOL,   F(require_confirmation), 0, false, NULL,                0,   0,   1,       NULL },
    { "consent", "send_welcome",       SC_BOOL,     F(send_welcome), 0,       false, NULL,                  1,   0,   1,       NULL },
    { "consent", "reask_after_hours",  SC_INT,      F(reask_after_hours), 0,  false, NULL,                  0,   0,   720,     NULL },
    { "retention", "message_days",     SC_INT,      F(retention_days), 0,     false, NULL,                  0,   0,   36500,   NULL },
    { "encryption", "key",             SC_SECRET,   F(encryption_key), 0,     false, NULL,                  0,   0,   0,       crypt_key_check },
    { "encryption", "previous_key",    SC_SECRET,   F(encryption_previous_key), 0, false, NULL,             0,   0,   0,       crypt_key_check },
};
#define NSCALARS (sizeof scalars / sizeof scalars[0])
#define SCALAR_GROUP_KEYS_MAX 16

#undef F
#undef FS

/* Sets one field from a string value (a default or the file's). Returns 0,
 * or -1 with why filled (too long, unknown log level, out of memory). */
static int scalar_set_str(struct gw_config *c, const struct scalar_def *d, const char *v,
                          char *why, size_t whylen)
{
    char *field = (char *)c + d->offset;

    switch (d->type) {
    case SC_STRING: {
        char *dup = strdup(v);
        if (dup == NULL) {
            snprintf(why, whylen, "out of memory");
            return -1;
        }
        free(*(char **)field);
        *(char **)field = dup;
        return 0;
    }
    case SC_STRBUF:
        if (!cfg_copy_str(field, d->size, v)) {
            snprintf(why, whylen, "too long (at most %zu characters)", d->size - 1);
            return -1;
        }
        return 0;
    case SC_LOGLEVEL: {
        enum log_level l;
        if (log_level_parse(v, &l) != 0) {
            snprintf(why, whylen, "unknown log level \"%s\" (debug, info, warn or error)", v);
            return -1;
        }
        *(enum log_level *)(void *)field = l;
        return 0;
    }
    case SC_INT:
    case SC_BOOL:
    case SC_SECRET:
        break;
    }
    snprintf(why, whylen, "internal: not a string setting");
    return -1;
}

static void scalar_defaults(struct loader *ld)
{
    char why[256];

    for (size_t i = 0; i < NSCALARS; i++) {
        const struct scalar_def *d = &scalars[i];
        if (d->type == SC_INT)
            *(int *)(void *)((char *)ld->c + d->offset) = d->def_int;
        else if (d->type == SC_BOOL)
            *(bool *)(void *)((char *)ld->c + d->offset) = d->def_int != 0;
        else if (d->def_str != NULL && scalar_set_str(ld->c, d, d->def_str, why, sizeof why) != 0)
            cfg_lerr(ld, NULL, "%s.%s: default: %s", d->group, d->key, why);
    }
}

/* Parses one present scalar setting s described by d. */
static void scalar_parse(struct loader *ld, const struct scalar_def *d, const config_setting_t *s)
{
    char why[512];
    int type = config_setting_type(s);

    if (d->type == SC_INT) {
        long long v;
        if (!cfg_is_int(s)) {
            cfg_lerr(ld, s, "%s.%s must be an integer, not %s", d->group, d->key, type_name(type));
            return;
        }
        v = config_setting_get_int64(s);
        if (v < d->min || v > d->max) {
            cfg_lerr(ld, s, "%s.%s = %lld is out of range (%d to %d)", d->group, d->key, v, d->min,
                     d->max);
            return;
        }
        *(int *)(void *)((char *)ld->c + d->offset) = (int)v;
        return;
    }

    if (d->type == SC_BOOL) {
        if (type != CONFIG_TYPE_BOOL) {
            cfg_lerr(ld, s, "%s.%s must be true or false, not %s", d->group, d->key,
                     type_name(type));
            return;
        }
        *(bool *)(void *)((char *)ld->c + d->offset) = config_setting_get_bool(s) != 0;
        return;
    }
    if (d->type == SC_SECRET) {
        char secret[256];
        int before = (int)ld->errs->n;
        int rc = cfg_secret(config_setting_parent(s), d->key, secret, sizeof secret, ld->errs);
        if (rc < 0) {
            ld->nerr += (int)ld->errs->n - before > 0 ? (int)ld->errs->n - before : 1;
        } else if (rc == 0 && d->check != NULL && d->check(secret, why, sizeof why) != 0) {
            cfg_lerr(ld, s, "%s.%s: %s", d->group, d->key, why);
        } else if (rc == 0) {
            char **field = (char **)(void *)((char *)ld->c + d->offset);
            if ((*field = strdup(secret)) == NULL)
                cfg_oom(ld);
        }
        explicit_bzero(secret, sizeof secret);
        return;
    }
    if (type != CONFIG_TYPE_STRING) {
        cfg_lerr(ld, s, "%s.%s must be a string, not %s", d->group, d->key, type_name(type));
        return;
    }
    const char *v = config_setting_get_string(s);
    if (v[0] == '\0') {
        cfg_lerr(ld, s, "%s.%s is empty", d->group, d->key);
        return;
    }
    if (d->check != NULL && d->check(v, why, sizeof why) != 0) {
        cfg_lerr(ld, s, "%s.%s: %s", d->group, d->key, why);
        return;
    }
    if (scalar_set_str(ld->c, d, v, why, sizeof why) != 0)
        cfg_lerr(ld, s, "%s.%s: %s", d->group, d->key, why);
}

/* Parses every group named in the scalar table. */
static void parse_scalars(struct loader *ld, const config_setting_t *root)
{
    scalar_defaults(ld);

    for (size_t i = 0; i < NSCALARS; i++) {
        const char *group = scalars[i].group;
        const char *keys[SCALAR_GROUP_KEYS_MAX + 1];
        size_t nkeys = 0;
        bool seen = false;

        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(scalars[j].group, group) == 0;
        if (seen)
            continue; /* the group was handled at its first row */

        const config_setting_t *g = config_setting_get_member(root, group);
        char missing[256] = "";
        for (size_t j = i; j < NSCALARS; j++) {
            if (strcmp(scalars[j].group, group) != 0)
                continue;
            if (nkeys < SCALAR_GROUP_KEYS_MAX)
                keys[nkeys++] = scalars[j].key;
            if (scalars[j].required && (g == NULL || !config_setting_is_group(g) ||
                                        config_setting_get_member(g, scalars[j].key) == NULL)) {
                size_t l = strlen(missing);
                snprintf(missing + l, sizeof missing - l, "%s%s", l ? ", " : "", scalars[j].key);
            }
        }
        keys[nkeys] = NULL;

        if (g == NULL) {
            if (missing[0] != '\0')
                cfg_lerr(ld, NULL, "missing required group %s { %s }", group, missing);
            continue;
        }
        if (!config_setting_is_group(g)) {
            cfg_lerr(ld, g, "%s must be a group { ... }, not %s", group,
                     type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);
        if (missing[0] != '\0')
            cfg_lerr(ld, g, "%s: missing required setting%s: %s", group,
                     strchr(missing, ',') ? "s" : "", missing);
        for (size_t j = i; j < NSCALARS; j++) {
            if (strcmp(scalars[j].group, group) != 0)
                continue;
            const config_setting_t *s = config_setting_get_member(g, scalars[j].key);
            if (s != NULL)
                scalar_parse(ld, &scalars[j], s);
        }
    }

    /* Cross-field rule: a client waiting for a YES must be asked for it. */
    if (ld->c->require_confirmation && !ld->c->send_welcome) {
        const config_setting_t *g = config_setting_get_member(root, "consent");
        cfg_lerr(ld, g, "consent.require_confirmation needs consent.send_welcome: the welcome is "
                 "what asks the client for their YES");
    }

    /* Cross-field rule: the back-off starts below its cap. */
    if (ld->c->retry_base_seconds > ld->c->retry_max_seconds) {
        const config_setting_t *root_outbox = config_setting_get_member(root, "outbox");
        const config_setting_t *at =
            root_outbox ? config_setting_get_member(root_outbox, "retry_base_seconds") : NULL;
        cfg_lerr(ld, at ? at : root_outbox,
                 "outbox.retry_base_seconds (%d) must not exceed outbox.retry_max_seconds (%d)",
                 ld->c->retry_base_seconds, ld->c->retry_max_seconds);
    }
}

/* ---- load / free -------------------------------------------------------- */

/* The program's daily cap must leave room for one client's; one address
 * cannot be allowed more connections than the listener has. */
static void check_limits(struct loader *ld)
{
    const struct gw_limits *l = &ld->c->limits;
    if (l->daily_per_program < l->daily_per_client)
        cfg_lerr(ld, config_lookup(&ld->c->lc, "limits.daily_per_program"),
                 "limits.daily_per_program = %d is below limits.daily_per_client = %d",
                 l->daily_per_program, l->daily_per_client);
    if (ld->c->http_connections_per_address > ld->c->http_connections)
        cfg_lerr(ld, config_lookup(&ld->c->lc, "http.connections_per_address"),
                 "http.connections_per_address = %d is above http.connections = %d",
                 ld->c->http_connections_per_address, ld->c->http_connections);
}

static void validate(struct loader *ld)
{
    static const char *const top[] = { "program", "daemon", "http", "limits", "outbox", "replies",
                                       "consent", "retention", "encryption", "providers",
                                       "routing", "schedules", "quiet_hours", "specialists",
                                       "oncall", "escalation", "templates", "flows", "instruments",
                                       NULL };
    const config_setting_t *root = config_root_setting(&ld->c->lc);

    parse_scalars(ld, root);
    cfg_parse_vocabulary(ld, root);
    check_limits(ld);
    cfg_parse_providers(ld, root);
    cfg_parse_routing(ld, root);
    ld->nerr += cfg_flows_parse(ld->c, root, ld->errs); /* before the schedules that name them */
    ld->nerr += cfg_instruments_parse(ld->c, root, ld->errs);
    cfg_parse_schedules(ld, root);
    cfg_parse_quiet_hours(ld, root);
    cfg_parse_specialists(ld, root);
    cfg_parse_oncall(ld, root);
    ld->c->esc.digest_minute = schedule_parse_hhmm(ld->c->esc.digest_time);
    {
        char why[160];
        int n = followup_offsets(ld->c->esc.followup_after, ld->c->esc.followup_secs, why,
                                 sizeof why);
        ld->c->esc.nfollowups = n > 0 ? n : 0; /* a bad value was reported by its check */
    }
    cfg_parse_templates(ld, root);
    /* Last, so the report reads in the order of the file's sections. */
    ld->nerr += cfg_check_keys(root, top, ld->errs);
}

int gw_config_load(struct gw_config **out, const char *path, struct cfg_errors *errs)
{
    struct gw_config *c = NULL;
    struct loader ld;
    struct stat st;

    *out = NULL;
    if (path == NULL || path[0] == '\0') {
        cfg_errors_add(errs, "(config)", 0, "no configuration file given");
        return -1;
    }
    c = calloc(1, sizeof *c);
    if (c == NULL) {
        cfg_errors_add(errs, path, 0, "out of memory");
        return -1;
    }
    config_init(&c->lc);
    /* Without this, libconfig would quietly turn port = 80.5 into 80. */
    config_set_options(&c->lc, config_get_options(&c->lc) & ~CONFIG_OPTION_AUTOCONVERT);
    c->file = strdup(path);
    if (c->file == NULL) {
        cfg_errors_add(errs, path, 0, "out of memory");
        goto fail;
    }

    /* libconfig only says "file I/O error": look first, to say why. */
    if (stat(path, &st) != 0) {
        cfg_errors_add(errs, path, 0, "cannot read the configuration file: %s", strerror(errno));
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        cfg_errors_add(errs, path, 0, "is a directory, not a configuration file");
        goto fail;
    }
    if (!config_read_file(&c->lc, path)) {
        if (config_error_type(&c->lc) == CONFIG_ERR_FILE_IO)
            cfg_errors_add(errs, path, 0, "cannot read the configuration file: %s",
                           errno ? strerror(errno) : "I/O error");
        else
            cfg_errors_add(errs, config_error_file(&c->lc) ? config_error_file(&c->lc) : path,
                           config_error_line(&c->lc), "%s",
                           config_error_text(&c->lc) ? config_error_text(&c->lc)
                                                      : "syntax error");
        goto fail;
    }

    ld.c = c;
    ld.errs = errs;
    ld.nerr = 0;
    validate(&ld);
    if (ld.nerr > 0)
        goto fail;
    *out = c;
    return 0;

fail:
    gw_config_free(c);
    return -1;
}

void gw_config_free(struct gw_config *c)
{
    if (c == NULL)
        return;
    for (int l = 0; l < LANG__COUNT; l++)
        for (int i = 0; i < TPL__COUNT; i++)
            if (l == LANG_EN || c->templates[l][i] != c->templates[LANG_EN][i])
                free(c->templates[l][i]);
    free(c->oncall);
    /* Key material is wiped, not just freed. */
    if (c->encryption_key != NULL)
        explicit_bzero(c->encryption_key, strlen(c->encryption_key));
    if (c->encryption_previous_key != NULL)
        explicit_bzero(c->encryption_previous_key, strlen(c->encryption_previous_key));
    free(c->encryption_key);
    free(c->encryption_previous_key);
    free(c->specialists);
    free(c->flows);
    free(c->instruments);
    for (size_t i = 0; c->schedules != NULL && i < c->nschedules; i++)
        for (int l = 0; l < LANG__COUNT; l++) {
            struct gw_schedule *sc = &c->schedules[i];
            free(sc->question[l]);
            free(sc->birthday_text.text[l]);
            for (int k = 0; k < sc->ncaring_texts; k++)
                free(sc->caring_texts[k].text[l]);
        }
    free(c->schedules);
    free(c->providers);
    reply_vocab_free(c->vocab);
    free(c->vocabulary_file);
    free(c->pid_file);
    free(c->user);
    free(c->database);
    free(c->program_contact);
    free(c->program_name);
    config_destroy(&c->lc);
    free(c->file);
    free(c);
}

/* ---- lookups ------------------------------------------------------------ */

const struct gw_schedule *gw_config_schedule(const struct gw_config *c, const char *name)
{
    if (c == NULL || name == NULL || name[0] == '\0')
        return NULL;
    for (size_t i = 0; i < c->nschedules; i++)
        if (strcmp(c->schedules[i].name, name) == 0)
            return &c->schedules[i];
    return NULL;
}

const struct gw_specialist *gw_config_specialist(const struct gw_config *c, const char *id)
{
    if (c == NULL || id == NULL || id[0] == '\0')
        return NULL;
    for (size_t i = 0; i < c->nspecialists; i++)
        if (strcmp(c->specialists[i].id, id) == 0)
            return &c->specialists[i];
    return NULL;
}

const struct gw_specialist *gw_config_specialist_by_phone(const struct gw_config *c,
                                                          const char *phone)
{
    if (c == NULL || phone == NULL || phone[0] == '\0')
        return NULL;
    for (size_t i = 0; i < c->nspecialists; i++)
        if (strcmp(c->specialists[i].phone, phone) == 0)
            return &c->specialists[i];
    return NULL;
}

const char *gw_config_template(const struct gw_config *c, enum lang l, enum tpl_id id)
{
    if (c == NULL || (unsigned)l >= LANG__COUNT || (unsigned)id >= TPL__COUNT)
        return NULL;
    return c->templates[l][id];
}
