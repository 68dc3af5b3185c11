/* SPDX-License-Identifier: Apache-2.0 */
/* inbound.h: between the group commit (inbound_batch.c), which owns the
 * queue and the transaction, and the recording of one message (inbound.c),
 * which owns what a message means. */
#ifndef GW_INBOUND_H
#define GW_INBOUND_H

#include <stdbool.h>
#include <stdint.h>

#include "base/sms.h"
#include "model/reply.h"
#include "model/senderlimit.h"
#include "model/severity.h"

struct core;

/* One received message waiting for the next commit, and what recording it
 * found (kept for the log and the wake-ups, which wait for the COMMIT).
 * The daemon keeps its provider, the copy of the strings and the answer
 * beside it (struct inbound_item, daemon/inbound_batch.c). */
struct inbound_entry {
    const char *provider;    /* the provider instance's name (borrowed) */
    struct inmsg m;          /* the strings borrowed until recorded */
    int64_t now;             /* the gateway's clock when it arrived */

    int rc;                  /* STORE_OK, STORE_EXISTS (a duplicate) or the failure */
    bool refused;            /* not committed: counted, logged, err says why */
    char err[256];
    int64_t msg_id, esc_id;
    bool is_client, merged, reschedule, quiet;
    bool screened;           /* a screening question was asked: its deadline needs a timer */
    enum senderlimit_verdict lim;
    enum severity sev;
    struct reply_result r;
    char masked[32];
    char alias[64];
    char reason[128];
};

/* Records e->m and all it causes inside the open transaction (the caller
 * holds a savepoint around it). Returns STORE_OK, STORE_EXISTS for a message
 * already recorded, or a failure code; the effects outside the database
 * wait for the COMMIT (inbound_committed in gateway/daemon/inbound_batch.c). */
int inbound_record(struct core *core, struct inbound_entry *e);

#endif
