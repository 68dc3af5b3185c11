/* SPDX-License-Identifier: Apache-2.0 */
/* log.c: one structured line per event on stderr (or a stream set by tests).
 * Format: "<UTC time> level=<lvl> event=<event> <key=value ...>". The line is
 * built in one buffer and written with one fputs so lines from a future
 * second writer cannot interleave mid-line. */
#include "log.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static enum log_level min_level = LL_INFO;
static FILE *out_stream;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level lvl) { min_level = lvl; }
enum log_level log_get_level(void) { return min_level; }
void log_set_stream(FILE *f) { out_stream = f; }

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

void log_event(enum log_level lvl, const char *event, const char *fmt, ...)
{
    if (lvl < min_level)
        return;
    char line[2048];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%S", &tm);
    int k = snprintf(line + n, sizeof line - n, ".%03ldZ level=%s event=%s", ts.tv_nsec / 1000000,
                     level_names[lvl], event);
    if (k > 0)
        n += (size_t)k < sizeof line - n ? (size_t)k : sizeof line - n - 1;
    if (fmt && *fmt && n < sizeof line - 2) {
        line[n++] = ' ';
        va_list ap;
        va_start(ap, fmt);
        k = vsnprintf(line + n, sizeof line - n, fmt, ap);
        va_end(ap);
        if (k > 0)
            n += (size_t)k < sizeof line - n ? (size_t)k : sizeof line - n - 1;
    }
    /* A value with a newline in it must not forge a second log line. */
    for (size_t i = 0; i < n; i++)
        if (line[i] == '\n' || line[i] == '\r')
            line[i] = ' ';
    if (n >= sizeof line - 1)
        n = sizeof line - 2;
    line[n++] = '\n';
    line[n] = '\0';
    FILE *f = out_stream ? out_stream : stderr;
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
