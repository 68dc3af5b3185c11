/* escalate.h: from a parsed reply to a human response.
 *
 * The pure rules are in severity.h. escalate_record() writes
 * the escalation, the 988 message to the client and the alert to the
 * specialist into the store, inside the caller's transaction, the same one
 * that records the reply (safety rule 2: a crash can delay an alert, never
 * drop it). */
#ifndef GW_ESCALATE_H
#define GW_ESCALATE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "reply.h"
#include "severity.h"
#include "store.h"

struct gw;

/* Copies at most maxchars characters of text (UTF-8 boundaries respected,
 * line breaks and control bytes made spaces, "..." added when cut) into out. */
void escalate_excerpt(const char *text, size_t len, size_t maxchars, char *out, size_t outsz);

/* What escalate_record needs about the reply. */
struct escalation_input {
    const struct store_client *client; /* NULL: the sender is not enrolled */
    const char *from;                   /* E.164, the sender */
    int64_t message_id;                 /* the inbound message */
    const struct reply_result *reply;
    const struct gw_schedule *schedule; /* the client's, or NULL */
    enum severity severity;
    const char *reason;
    const char *text;                   /* the reply, for the excerpt */
    size_t text_len;
};

/* Records the escalation and queues, at urgent priority, the 988 message to
 * the sender and an alert to the client's specialist (or, when the client
 * has none or the sender is unknown, to every configured specialist: when in
 * doubt, reach a person). Must run inside a store transaction. Returns 0
 * and the escalation number in *id_out, or a STORE_* code. */
int escalate_record(struct gw *gw, const struct escalation_input *in, int64_t now,
                    int64_t *id_out);

#endif
