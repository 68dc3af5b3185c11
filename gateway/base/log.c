/* SPDX-License-Identifier: Apache-2.0 */
/* log.c: one structured line per event on stderr (or a stream set by tests).
 * Format: "<UTC time> level=<lvl> event=<event> <key=value ...>", or the
 * same fields as one JSON object (daemon.log_format = "json"). Under
 * journald (stderr is the stream JOURNAL_STREAM names) every line starts
 * with its syslog priority, "<3>" for an error, which journald strips and
 * keeps, so `journalctl -p err` finds errors. The line is built in one
 * buffer and written with one fputs so lines from a future second writer
 * cannot interleave mid-line. */
#include "base/log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

static enum log_level min_level = LL_INFO;
static enum log_format format = LF_TEXT;
static FILE *out_stream;
static int journal = -1; /* the stream goes to journald: -1 not yet known */

static const char *const level_names[] = {"debug", "info", "warn", "error"};
/* syslog(3) priorities: LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR. */
static const int level_prio[] = {7, 6, 4, 3};

void log_set_level(enum log_level lvl) { min_level = lvl; }
enum log_level log_get_level(void) { return min_level; }
void log_set_format(enum log_format f) { format = f; }

void log_set_stream(FILE *f)
{
    out_stream = f;
    journal = -1;
}

int log_level_parse(const char *s, enum log_level *out)
{
    for (int i = 0; i <= LL_ERROR; i++) {
        if (s && strcasecmp(s, level_names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    return -1;
}

int log_format_parse(const char *s, enum log_format *out)
{
    if (s && strcmp(s, "text") == 0)
        *out = LF_TEXT;
    else if (s && strcmp(s, "json") == 0)
        *out = LF_JSON;
    else
        return -1;
    return 0;
}

/* Whether f is the stream journald gave us: JOURNAL_STREAM is
 * "<device>:<inode>" of it (systemd.exec(5)). A child whose stderr was
 * redirected elsewhere inherits the variable, so the numbers must match. */
static bool is_journal(FILE *f)
{
    const char *js = getenv("JOURNAL_STREAM");
    unsigned long long dev, ino;
    struct stat st;
    if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(fileno(f), &st) != 0)
        return false;
    return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

const char *log_value_safe(const char *s, char *out, size_t outsz)
{
    size_t i = 0;
    if (outsz == 0)
        return out;
    for (; s && *s && i + 1 < outsz; s++) {
        unsigned char c = (unsigned char)*s;
        out[i++] = c == '"' ? '\'' : c == '\\' ? '/' : c < 0x20 ? ' ' : (char)c;
    }
    out[i] = '\0';
    return out;
}

/* The key=value pairs of kv as members of o: a value is a bare word or a
 * "quoted" string (values never hold a '"': callers pass them through
 * log_value_safe or a masking function). A word without '=' is kept under
 * "msg" rather than lost. */
static void kv_to_json(json_t *o, const char *kv)
{
    const char *p = kv;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *k = p;
        while (*p && *p != '=' && *p != ' ')
            p++;
        if (*p != '=') {
            json_object_set_new(o, "msg", json_stringn(k, (size_t)(p - k)));
            continue;
        }
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(p - k), k);
        const char *v = ++p;
        size_t vlen;
        if (*v == '"') {
            const char *end = strchr(++v, '"');
            vlen = end ? (size_t)(end - v) : strlen(v);
            p = v + vlen + (end ? 1 : 0);
        } else {
            vlen = strcspn(v, " ");
            p = v + vlen;
        }
        json_object_set_new(o, key, json_stringn(v, vlen));
    }
}

/* The line as one JSON object into line (at most cap bytes). Returns its
 * length, or 0 when it cannot be built (the text line is written then). */
static size_t json_line(char *line, size_t cap, const char *time, enum log_level lvl,
                        const char *event, const char *kv)
{
    json_t *o = json_pack("{s:s, s:s, s:s}", "time", time, "level", level_names[lvl], "event",
                          event);
    if (!o)
        return 0;
    kv_to_json(o, kv);
    size_t n = json_dumpb(o, line, cap - 2, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return n > cap - 2 ? 0 : n;
}

void log_event(enum log_level lvl, const char *event, const char *fmt, ...)
{
    if (lvl < min_level)
        return;
    FILE *f = out_stream ? out_stream : stderr;
    if (journal < 0)
        journal = is_journal(f);
    char line[2048], kv[1536] = "", ts[40];
    struct timespec now;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    size_t tn = strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(ts + tn, sizeof ts - tn, ".%03ldZ", now.tv_nsec / 1000000);
    if (fmt && *fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(kv, sizeof kv, fmt, ap);
        va_end(ap);
    }
    /* A value with a newline in it must not forge a second log line. */
    for (char *c = kv; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    size_t n = 0;
    if (journal)
        n = (size_t)snprintf(line, sizeof line, "<%d>", level_prio[lvl]);
    size_t body = format == LF_JSON ? json_line(line + n, sizeof line - n, ts, lvl, event, kv) : 0;
    if (body == 0) {
        int k = snprintf(line + n, sizeof line - n, "%s level=%s event=%s%s%s", ts,
                         level_names[lvl], event, kv[0] ? " " : "", kv);
        body = k < 0 ? 0 : (size_t)k < sizeof line - n - 1 ? (size_t)k : sizeof line - n - 2;
    }
    n += body;
    line[n++] = '\n';
    line[n] = '\0';
    fputs(line, f);
    fflush(f);
}

uint64_t log_limit_flush(struct log_limit *l, uint64_t now_ms)
{
    if (!l->window_ms || now_ms - l->window_ms < 60000) return 0;
    uint64_t held = l->suppressed;
    *l = (struct log_limit){0};
    return held;
}

int log_limit_take(struct log_limit *l, uint64_t now_ms)
{
    if (!l->window_ms) l->window_ms = now_ms ? now_ms : 1;
    if (l->logged < LOG_LIMIT_PER_MINUTE) {
        l->logged++;
        return 1;
    }
    l->suppressed++;
    return 0;
}
