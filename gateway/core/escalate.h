/* SPDX-License-Identifier: Apache-2.0 */
/* escalate.h: from a parsed reply to a human response.
 *
 * The pure rules are in severity.h. escalate_record() writes
 * the escalation, the 988 message to the client and the alert to the
 * specialist into the store, inside the caller's transaction, the same one
 * that records the reply (safety rule 2: a crash can delay an alert, never
 * drop it). */
#ifndef GW_ESCALATE_H
#define GW_ESCALATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "model/reply.h"
#include "model/severity.h"
#include "store/store.h"
#include "model/template.h"
#include "core/core.h"


/* Copies at most maxchars characters of text (UTF-8 boundaries respected,
 * line breaks and control bytes made spaces, "..." added when cut) into out. */
void escalate_excerpt(const char *text, size_t len, size_t maxchars, char *out, size_t outsz);

/* The placeholders about one escalation, with the buffers they point
 * into (so not to be copied once filled). */
struct esc_vars {
    struct tpl_vars v;
    struct store_client client;
    char excerpt[96], esc_no[24], smin[8], smax[8], count[16];
};
/* Fills x for escalation e: program, alias ("unknown number" for a
 * stranger), phone, score, scale, number, severity, state, count and the
 * excerpt of text[0..len). by, how, step and list are left NULL. */
void escalate_vars(struct core *core, const struct store_escalation *e, const char *text,
                   size_t len, struct esc_vars *x);
/* Renders template id for specialist sp, in their language (NULL:
 * English), into out. Returns the length or -1 (logged). */
int escalate_render_to(struct core *core, const struct gw_specialist *sp, enum tpl_id id,
                       const struct tpl_vars *v, char *out, size_t outsz);
/* Appends item to list (a {list} being built for template id, STATUS or
 * the digest) if the text, with room for an "and N more", stays within
 * SPECIALIST_LIST_SEGMENTS for sp. Returns whether it was added. */
bool escalate_list_add(struct core *core, const struct gw_specialist *sp, enum tpl_id id,
                       const struct tpl_vars *v, char *list, size_t listsz, const char *item);

/* Who stands in for specialist own (NULL: gone from the config): their
 * backup, or whoever the oncall rota has on duty at now, or every
 * specialist; own left out. Writes at most max into out; returns how many.
 * The re-alert chain's hand-off uses the same rule. */
int escalate_cover(struct core *core, const struct gw_specialist *own, int64_t now,
                   const struct gw_specialist **out, int max);

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
    bool no_crisis_text;                /* a person reaches out, no automatic 988 text
                                           (a denial, a request for contact, a life event) */
    const char *relayed_to;             /* the key of the specialist holding the client's
                                           conversation (they get the message itself,
                                           conversation.c): no follow-up to them; or NULL */
};

/* Records the escalation and queues, at urgent priority, the 988 message to
 * the sender and an alert to the client's specialist (or, when the client
 * has none or the sender is unknown, to every configured specialist: when in
 * doubt, reach a person), and its first re-alert time. Within the flood
 * window of an unresolved escalation of the same number and at least the
 * same severity, the message is merged into it instead (*merged = true): the
 * 988 message is still queued; while it is open its current recipients are
 * paged again (a chain step) if no alert about it went out within the flood
 * window, else once the window has passed (at most one page per window,
 * never none); when it is acknowledged, a follow-up to the
 * acknowledger (at most one per flood window; a held-back one goes when the
 * window has passed, on the re-alert timer). A message more severe than the
 * escalation raises it instead (*merged = true too): open again, a fresh
 * re-alert chain, an alert marked as an upgrade to the first recipients and
 * the former acknowledger. A watch severity is recorded
 * for the digest only (see escalate_watch). Must run inside a store
 * transaction. Returns 0 and the escalation number in *id_out (0 when
 * nothing was recorded), or a STORE_* code. */
int escalate_record(struct core *core, const struct escalation_input *in, int64_t now,
                    int64_t *id_out, bool *merged);

/* Any other message (not urgent or high: "I'm doing it now" is not crisis
 * language to the parser) from the number of an unresolved urgent/high
 * escalation, however old, is merged into it (count and newest text), with
 * no 988 message. Open: no page of its own, the next re-alert shows it.
 * Acknowledged: sent to the acknowledger as a follow-up, rate-limited as
 * above. Nothing for a number without one (*id_out stays 0). In a
 * transaction. */
int escalate_context(struct core *core, const struct escalation_input *in, int64_t now,
                     int64_t *id_out);

/* A watch finding about client c (reason: "3 drops in a row ..."):
 * merged into the client's unresolved watch escalation, or a new one (no
 * alert: the daily digest carries it). message_id may be 0. In a
 * transaction. */
int escalate_watch(struct core *core, const struct store_client *c, int64_t message_id,
                   const char *reason, int64_t now, int64_t *id_out);

/* One step of the re-alert chain of the open escalation e, whose
 * realert_at is due: the alert again to the same people for the first
 * escalation.realerts_before_handoff steps, then also to the specialist's
 * backup, or whoever is on call, or everyone; after escalation.max_realerts
 * steps (audited as realerts_exhausted, logged as an error) to every
 * specialist every late_realert_seconds (each audited as
 * still_unacknowledged) until someone acknowledges: it never stops while
 * open. Sets the next step's time. In a transaction. */
int escalate_realert(struct core *core, const struct store_escalation *e, int64_t now);

/* The follow-up about acked escalation e (the client wrote again): the
 * count and the newest text to whoever acknowledged it (to the first
 * recipients if they are gone from the config); clears any held-back
 * follow-up. Audited as escalation.followup. In a transaction. */
int escalate_followup(struct core *core, const struct store_escalation *e, int64_t now);

/* Whether the follow-ups of e are over: acknowledged at least
 * escalation.follow_up_hours ago and still unresolved. The person's
 * messages then are ordinary replies again; a new crisis message opens a
 * new escalation (a stale ACK must not absorb it). */
bool escalate_followup_over(struct core *core, const struct store_escalation *e, int64_t now);

/* The one reminder to the acknowledger of e (to the first recipients if
 * they are gone from the config) that it is still unresolved and no longer
 * forwarded, follow_up_hours after the ACK. Audited as
 * escalation.resolve_reminder. In a transaction. */
int escalate_remind_resolve(struct core *core, const struct store_escalation *e, int64_t now);

/* Tells every specialist alerted about e, except `by`, that `by` took it
 * (how: "ACK", "RESOLVE"). In a transaction. */
int escalate_tell_taken(struct core *core, const struct store_escalation *e,
                        const struct store_specialist *by, const char *how, int64_t now);

/* A specialist's text (from a configured specialist number): ACK, NOTE,
 * RESOLVE, STATUS, or the usage answer for anything else; every command is
 * audited and answered. In the inbound transaction. (specialist.c) */
int specialist_command(struct core *core, const struct store_specialist *spec, const char *text,
                       size_t len, int64_t now);
/* Whether specialist sp is outside their working hours (hours = [...], in
 * program.timezone) at instant t: then *back is when the next shift starts
 * (to the minute) and, when text is not NULL, "Mon 09:00" ("lun 09:00" in
 * Spanish) in language l. No hours configured: never away. (escalate.c) */
bool specialist_away(const struct gw_config *cfg, const struct gw_specialist *sp, int64_t t,
                     enum lang l, int64_t *back, char *text, size_t textsz);
/* Renders template id (v) in spec's language and queues it to spec as the
 * answer to a command. A template that does not render is logged and
 * nothing is queued (STORE_OK). In a transaction. (escalate.c: specialist.c,
 * conversation.c and followup.c answer with it) */
int specialist_answer(struct core *core, const struct store_specialist *spec, enum tpl_id id,
                      const struct tpl_vars *v, int64_t now);

#endif
