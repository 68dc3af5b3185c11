/* SPDX-License-Identifier: Apache-2.0 */
/* conversation.h: a specialist and a client talking through the program's
 * number (issue 18).
 *
 * After ACK 17 (or TEXT alias message, for one of the specialist's own
 * clients) the specialist holds a conversation with the client: while they
 * hold exactly one, whatever they text that is not a command goes to the
 * client from the program's number (the outbox, kind "conversation"; their
 * own number never reaches the client), and what the client writes goes to
 * them as "alex #17: ...". Holding several, a plain text is refused with a
 * short help; "@17 text" or "@alex text" says which. END 17, RESOLVE 17 or
 * escalation.conversation_idle_hours without a message either way end it;
 * TAKE 17 hands it to whoever sends it (audited). Everything here runs
 * inside the inbound transaction and is stored in the client's history. */
#ifndef GW_CONVERSATION_H
#define GW_CONVERSATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct core;

/* A message to the client ignores quiet hours while the client wrote this
 * recently. */
#define CONVERSATION_RECENT_SECONDS 3600

/* ---- the rules for a message to the client (pure) ---- */

enum conversation_verdict {
    CONV_SEND_NOW,        /* due at once */
    CONV_SEND_AFTER_QUIET,/* due when the client's quiet hours end */
    CONV_REFUSED_STOP,    /* not sent: the client opted out and has not written since */
    CONV_REFUSED_PENDING, /* not sent: the client never said YES and never wrote */
};
struct conversation_facts {
    int64_t now;
    bool opted_out;          /* the client replied STOP (and not START since) */
    bool pending;            /* enrolled, waiting for their YES (consent) */
    bool wrote_after_stop;   /* the client wrote after that STOP */
    bool bang;               /* the specialist started the text with '!' */
    int64_t last_client_in;  /* when the client last wrote; 0 = never */
    int64_t quiet_end;       /* the end of the client's quiet hours if now is inside them,
                                else 0 (or now) */
};
/* Not capped by the daily caps (the outbox knows the kind). After STOP,
 * only an answer to a message sent after the STOP; to a client who has
 * not confirmed yet (consent), only once they wrote; inside quiet hours,
 * now if the client wrote within CONVERSATION_RECENT_SECONDS or the
 * specialist started with '!', else when they end. */
enum conversation_verdict conversation_verdict(const struct conversation_facts *f);

/* ---- in the inbound transaction ---- */

/* A configured specialist's text: END, TAKE, TEXT, @ and, while they hold
 * a conversation, plain text. *handled false: not a conversation matter
 * (ACK, NOTE, RESOLVE, STATUS, or plain text with no conversation): the
 * caller goes on with specialist_command. msg_id is their inbound message,
 * linked to the conversation it went to. Returns STORE_OK or a code. */
int conversation_specialist(struct core *core, const struct store_specialist *spec,
                            const char *text, size_t len, int64_t msg_id, int64_t now,
                            bool *handled);

/* spec acknowledged escalation e (ACK): opens a conversation with its
 * client (none for a stranger's number), or attaches e to the one spec
 * already holds with them. *opened tells the caller to answer with
 * TPL_CONV_ACKED. A conversation another specialist holds stays theirs. */
int conversation_acked(struct core *core, const struct store_specialist *spec,
                       const struct store_escalation *e, int64_t now, bool *opened);

/* Escalation id was resolved by spec: its conversation ends (the holder,
 * if someone else, is told). */
int conversation_resolved(struct core *core, const struct store_specialist *spec, int64_t id,
                          int64_t now);

/* Ends every conversation idle for escalation.conversation_idle_hours at
 * now (at the instant its idle time ran out) and tells each holder
 * (TPL_CONV_IDLE, audited conversation.ended "idle"). Runs on the re-alert
 * timer (store_conversations_idle_next) and before any conversation is
 * looked up. In a transaction. Returns how many holders were told, or a
 * STORE_* code. */
int conversation_expire_idle(struct core *core, int64_t now);

/* The key of the specialist holding client_id's open conversation into
 * key[keysz] ("" for none), after ending idle ones. */
int conversation_holder(struct core *core, int64_t client_id, int64_t now, char *key,
                        size_t keysz);

/* Client c wrote msg_id (text[0..len)), already parsed and acted on as
 * always: relayed to the holder of their open conversation, if any
 * (*relayed), at urgent priority (and tied to escalation esc_id) when it
 * escalated (urgent), so a crisis inside a conversation pages the holder. */
int conversation_client(struct core *core, const struct store_client *c, int64_t msg_id,
                        const char *text, size_t len, bool urgent, int64_t esc_id, int64_t now,
                        bool *relayed);

#endif
