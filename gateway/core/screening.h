/* SPDX-License-Identifier: Apache-2.0 */
/* screening.h: the screening question after ambiguous risk (safety rule 6).
 *
 * A reply with ambiguous risk ("I'm so done", "what's the point") and no
 * crisis language gets one direct question at once, urgent class
 * (templates.<lang>.screen), and an open screening is recorded in the same
 * transaction. The client's next reply answers it: a clear no
 * (screen_is_clear_no) is a watch note; anything else opens an urgent
 * escalation with the 988 text. No answer within
 * escalation.screen_timeout_minutes opens an urgent escalation from the
 * re-alert timer, whose wake-up time includes the open deadlines (so a
 * restart keeps it). Every step is audited under the subject
 * "screening:N"; `checkinctl escalations ID` shows the trail of the
 * screenings that became ID. All of it runs inside the caller's store
 * transaction. */
#ifndef GW_SCREENING_H
#define GW_SCREENING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/escalate.h"

struct core;

/* What answering a screening did to the reply. */
struct screening_answer {
    bool answered;          /* the reply was the answer: its escalation is below */
    enum severity severity; /* SEV_WATCH (a clear no) or SEV_URGENT */
    int64_t esc_id;
    bool merged;
    char reason[128];
};

/* Before the reply's own escalation: when the client of in has an open
 * screening and the reply answers it (it is not crisis language, which
 * escalates as usual, nor a STOP, which leaves it open to time out),
 * closes it as a watch note (a clear no) or an urgent escalation with the
 * 988 text (anything else), and fills out. Returns a STORE_* code. */
int screening_answer(struct core *core, const struct escalation_input *in, int64_t now,
                     struct screening_answer *out);

/* After the reply's own escalation (esc_id, 0 for none), for a reply that
 * did not answer a screening: crisis language closes an open screening
 * (it became esc_id); a STOP is audited and leaves it open; ambiguous risk
 * without crisis language and with no screening open asks the question.
 * *asked is set when a question was queued. Returns a STORE_* code. */
int screening_after(struct core *core, const struct escalation_input *in, int64_t esc_id,
                    int64_t now, bool *asked);

/* Open screening sc is past its deadline: an urgent escalation ("screening:
 * no answer in 30 min"), the screening closed as a timeout. Returns a
 * STORE_* code. */
int screening_expire(struct core *core, const struct store_screening *sc, int64_t now);

#endif
