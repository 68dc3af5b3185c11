/* SPDX-License-Identifier: Apache-2.0 */
/* retention.h: message bodies are kept retention.message_days days, then
 * removed; the rows stay, so mood scores, escalation records and audit lines
 * (what programs report on) are kept. The daemon runs it at start and then
 * daily on one uv timer, a batch per transaction so the loop never waits
 * long; `checkinctl retention` runs the same thing at once. */
#ifndef GW_RETENTION_H
#define GW_RETENTION_H

#include <stdint.h>

#include "store/store.h"

#define RETENTION_BATCH 1000

/* Removes at most RETENTION_BATCH bodies older than days before now, in one
 * transaction with an audit line (actor: "gateway" or "operator") when any
 * were removed. days <= 0 does nothing. Returns the number removed (>= 0;
 * fewer than RETENTION_BATCH means none are left) or a STORE_* code. */
int retention_batch(struct store *s, int days, int64_t now, const char *actor);

#endif
