/* SPDX-License-Identifier: Apache-2.0 */
/* log.h: structured log lines on stderr, one per event:
 *   2026-11-23T04:10:43Z level=info event=inbound.committed provider=spool from=+1555******23
 * Phone numbers are masked by the caller with phone_mask(); message bodies
 * are only ever logged with log_debug. */
#ifndef GW_LOG_H
#define GW_LOG_H

#include <stdio.h>

enum log_level { LL_DEBUG = 0, LL_INFO, LL_WARN, LL_ERROR };

void log_set_level(enum log_level lvl);
enum log_level log_get_level(void);
/* Sets the stream lines go to (stderr by default); for tests. Borrowed. */
void log_set_stream(FILE *f);
/* Parses "debug", "info", "warn", "error". Returns 0, or -1 if unknown. */
int log_level_parse(const char *s, enum log_level *out);

/* fmt carries the key=value pairs after "event=<event>". */
void log_event(enum log_level lvl, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_debug(ev, ...) log_event(LL_DEBUG, ev, __VA_ARGS__)
#define log_info(ev, ...)  log_event(LL_INFO, ev, __VA_ARGS__)
#define log_warn(ev, ...)  log_event(LL_WARN, ev, __VA_ARGS__)
#define log_error(ev, ...) log_event(LL_ERROR, ev, __VA_ARGS__)

#endif
