/* SPDX-License-Identifier: Apache-2.0 */
/* tz.h: THE time-zone name checks, owned here and nowhere else: is a name
 * an IANA zone file (tz_is_valid, what the config accepts), is it a legacy
 * link (tz_is_legacy, what gets a warning), and the process-wide cache of
 * zones already found (tz_known, what the schedule maths asks for every
 * client). Switching TZ to a zone is schedule.c's. Reads the zone files
 * under $TZDIR or /usr/share/zoneinfo; no allocation. */
#ifndef GW_TZ_H
#define GW_TZ_H

#include <stdbool.h>

/* The longest zone name plus its NUL (config.h's CFG_TZ_MAX). */
#define TZ_NAME_MAX 64

/* True if tz names an IANA zone file under $TZDIR or /usr/share/zoneinfo
 * (no "..", no leading '/'), e.g. "America/New_York", "UTC". Reads the
 * file's magic each call. */
bool tz_is_valid(const char *tz);

/* True if tz is a legacy name (EST, US/Central): not UTC and not under one
 * of the IANA areas (America/, Europe/, ..., Etc/). Pure. */
bool tz_is_legacy(const char *tz);

/* True if tz is shaped like a zone name (relative, no "..", "//" or
 * trailing '/', only the characters zone names use) and tz_is_valid. The
 * last 16 zones found are cached, process-wide like TZ itself, so the
 * scheduler's run over every client reads each zone's file once. Not
 * thread-safe (the daemon is single-threaded). */
bool tz_known(const char *tz);

#endif
