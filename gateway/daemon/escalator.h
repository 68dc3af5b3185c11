/* SPDX-License-Identifier: Apache-2.0 */
/* escalator.h: the two clocks of escalations, each one uv_timer armed on a
 * time stored in SQLite (no polling, nothing lost across a restart):
 *
 * re-alerts  the earliest realert_at of an open escalation; when due, the
 *            alert is repeated, then handed to the backup / on-call rota
 *            (escalate_realert); the deadlines of unanswered screening
 *            questions ride on the same timer (screening_expire);
 * digest     daily at escalation.digest_time (program.timezone): the watch
 *            rules run over every active client's recent moods and missed
 *            check-ins, and each specialist gets one text listing the
 *            watch findings of their clients. A digest missed while the
 *            gateway was down is sent at start. */
#ifndef GW_ESCALATOR_H
#define GW_ESCALATOR_H

#include <stdint.h>

struct gw;
struct escalator;

int escalator_new(struct escalator **out, struct gw *gw);
/* Re-read the earliest re-alert and digest times (after a new escalation,
 * a reload, SIGUSR1). Cheap; coalesces. */
void escalator_kick(struct escalator *x);
/* Closes the timers; calls done(gw) when both are closed. */
void escalator_stop(struct escalator *x, void (*done)(struct gw *gw));
void escalator_free(struct escalator *x); /* after stop's done; NULL no-op */

/* Runs the digest now, whatever the time (tests, checkinctl). Returns the
 * number of digests queued or a STORE_* code. */
int escalator_digest_now(struct gw *gw, int64_t now);

#endif
