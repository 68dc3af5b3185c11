/* SPDX-License-Identifier: Apache-2.0 */
/* reask.h: a pending client (consent.require_confirmation) who has not
 * answered the welcome with YES after consent.reask_after_hours gets the
 * welcome once more, and never a third time: a text lost or missed is
 * asked about again, a person who chose not to answer is not pressed.
 * Each re-ask is queued with its audit line (client.reasked) in one
 * transaction; that line is the record that it went out, so restarts and
 * a moved clock cannot send a second one. Not inside quiet hours (it
 * waits for their end). The daemon runs it at start and then every
 * REASK_POLL_MS on one uv timer (reask_tick in gateway/daemon/gw.c). */
#ifndef GW_REASK_H
#define GW_REASK_H

#include <stdint.h>

#include "config/config.h"
#include "store/store.h"

#define REASK_BATCH   200
#define REASK_POLL_MS (15u * 60 * 1000)

/* Queues the re-ask to at most REASK_BATCH due pending clients, in one
 * transaction. cfg->reask_after_hours <= 0 does nothing. Returns the number
 * queued (>= 0), *more set when a full batch was read (call again), *quiet
 * the number left for later because it is quiet hours where they live; or
 * a STORE_* code. */
int reask_batch(struct store *s, const struct gw_config *cfg, int64_t now, int *more,
                int *quiet);

#endif
