/* SPDX-License-Identifier: Apache-2.0 */
/* notify.h: the service manager's notification protocol (sd_notify(3)),
 * written out here rather than linking libsystemd for two datagrams: a
 * line "READY=1", "STATUS=...", "WATCHDOG=1" or "STOPPING=1" sent to the
 * AF_UNIX datagram socket $NOTIFY_SOCKET names (a path, or "@name" in the
 * abstract namespace). Without $NOTIFY_SOCKET everything is a no-op, so
 * the daemon runs the same outside systemd. No loop, no globals. */
#ifndef GW_NOTIFY_H
#define GW_NOTIFY_H

#include <stdint.h>

/* Sends state (e.g. "READY=1\nSTATUS=ok") to $NOTIFY_SOCKET. Returns 1 if
 * sent, 0 if not under a service manager, or a negative errno. */
int notify_send(const char *state);
/* The watchdog interval systemd asks for ($WATCHDOG_USEC, when
 * $WATCHDOG_PID is unset or this process), in microseconds; 0 = none. */
uint64_t notify_watchdog_usec(void);

#endif
