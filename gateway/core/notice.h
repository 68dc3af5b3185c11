/* SPDX-License-Identifier: Apache-2.0 */
/* notice.h: the texts the gateway sends a person on its own account (the
 * welcome, the YES, STOP, START and HELP answers, the retry question):
 * rendered from the config's templates in the client's language and queued
 * in the outbox, inside the caller's transaction. Used by the daemon
 * (inbound.c) and by checkinctl (the welcome on enrolment). */
#ifndef GW_NOTICE_H
#define GW_NOTICE_H

#include <stdint.h>

#include "config/config.h"
#include "store/store.h"

/* Queues template id to `to` (E.164) as message kind; a welcome to a
 * client inside quiet hours is due when they end. client may be NULL
 * (a stranger): English, and the first schedule for {frequency}. A template
 * that does not render is logged and nothing is queued: STORE_OK, so the
 * caller's record (a reply, an enrolment) is still kept. Returns STORE_OK
 * or a STORE_* code from the queue. */
int notice_queue(struct store *s, const struct gw_config *cfg, const struct store_client *client,
                 const char *to, enum tpl_id id, enum msg_kind kind, int64_t now);
/* The same with {peer} and {back} (may be NULL) and the queued message's id
 * into *id_out (may be NULL; 0 when nothing was queued). */
int notice_queue_with(struct store *s, const struct gw_config *cfg,
                      const struct store_client *client, const char *to, enum tpl_id id,
                      enum msg_kind kind, const char *peer, const char *back, int64_t now,
                      int64_t *id_out);

#endif
