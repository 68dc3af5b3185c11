/* SPDX-License-Identifier: Apache-2.0 */
/* log.h: structured log lines on stderr, one per event:
 *   2026-11-23T04:10:43Z level=info event=inbound.committed provider=spool from=+1555******23
 * Phone numbers are masked by the caller with phone_mask(); message bodies
 * are only ever logged with log_debug. */
#ifndef GW_LOG_H
#define GW_LOG_H

#include <stdint.h>
#include <stdio.h>

enum log_level { LL_DEBUG = 0, LL_INFO, LL_WARN, LL_ERROR };
enum log_format { LF_TEXT = 0, LF_JSON };

void log_set_level(enum log_level lvl);
enum log_level log_get_level(void);
void log_set_format(enum log_format f);
/* Sets the stream lines go to (stderr by default); for tests. Borrowed.
 * Whether it is journald's is looked at again on the next line. */
void log_set_stream(FILE *f);
/* Parses "debug", "info", "warn", "error". Returns 0, or -1 if unknown. */
int log_level_parse(const char *s, enum log_level *out);
/* Parses "text", "json". Returns 0, or -1 if unknown. */
int log_format_parse(const char *s, enum log_format *out);
/* Copies s into out (outsz bytes, always terminated) fit for a "quoted"
 * value: '"' becomes '\'', '\\' becomes '/', control characters a space.
 * Returns out. */
const char *log_value_safe(const char *s, char *out, size_t outsz);

/* fmt carries the key=value pairs after "event=<event>". */
void log_event(enum log_level lvl, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_debug(ev, ...) log_event(LL_DEBUG, ev, __VA_ARGS__)
#define log_info(ev, ...)  log_event(LL_INFO, ev, __VA_ARGS__)
#define log_warn(ev, ...)  log_event(LL_WARN, ev, __VA_ARGS__)
#define log_error(ev, ...) log_event(LL_ERROR, ev, __VA_ARGS__)

/* A bound on one kind of line an outsider can cause at will (a forged
 * webhook): at most LOG_LIMIT_PER_MINUTE of them a minute, and for the
 * rest one summary line when the minute is over. Zeroed means fresh. Pure:
 * the caller logs. */
#define LOG_LIMIT_PER_MINUTE 10
struct log_limit {
    uint64_t window_ms;  /* start of the current minute; 0 before the first line */
    unsigned logged;     /* lines let through in it */
    uint64_t suppressed; /* lines held back in it */
};
/* Whether the line happening at now_ms may be logged (1) or is held back
 * and counted (0). Call log_limit_flush() first. */
int log_limit_take(struct log_limit *l, uint64_t now_ms);
/* Once the minute is over: how many lines it held back (0 if none) for the
 * caller's summary line, and the next minute starts fresh. */
uint64_t log_limit_flush(struct log_limit *l, uint64_t now_ms);

#endif
