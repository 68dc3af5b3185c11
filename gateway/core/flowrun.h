/* SPDX-License-Identifier: Apache-2.0 */
/* flowrun.h: check-in flows running on the store (issue 19). A schedule
 * with flow = "NAME" starts a run with each check-in (the scheduler calls
 * flowrun_start in its batch transaction); each reply from the client
 * while the run is open is read as the answer to the question it waits
 * for (inbound calls flowrun_reply in the reply's transaction), and the
 * next question is queued; the scheduler closes runs whose window ended
 * (flowrun_expire). The model (model/flow.h, model/instrument.h) decides
 * what is next and what alerts; this file keeps the state in the store:
 * flow_runs and flow_answers. Takes (store, config, now): no loop, no
 * struct gw; what is to be escalated is handed back to the caller. */
#ifndef GW_FLOWRUN_H
#define GW_FLOWRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "model/flow.h"
#include "model/severity.h"
#include "store/store.h"

/* What a reply (or a window's end) asks of the escalation. */
struct flowrun_effect {
    bool consumed;    /* the reply answered (or tried to answer) a flow question:
                         it is not a mood, and no other reading applies */
    bool ended;       /* the run ended with this reply */
    bool unread;      /* not understood as an answer: it goes where any
                         unclear reply goes (rule 6, the digest) */
    enum severity sev;/* an alert rule or an instrument's result; SEV_NONE */
    char reason[120]; /* the escalation's {why}: "recovery: cravings 9 >= 8" */
    bool crisis_text; /* the 988 message goes with it (an urgent result) */
};

/* The text of question q of flow f for a client whose language is lang
 * (LANG_EN, LANG_ES): the Spanish one when there is one. */
const char *flowrun_text(const struct flow *f, int q, enum lang lang);

/* The first question f asks (no answers yet), or FLOW_DONE. */
int flowrun_first(const struct flow *f);

/* Client c's check-in checkin_id (window until window_end) on a schedule
 * with a flow: any run still open is closed, a run is recorded and its
 * first question queued to expire with the window. In a transaction. */
int flowrun_start(struct store *s, const struct gw_schedule *sch, const struct store_client *c,
                  int64_t checkin_id, int64_t window_end, int64_t now);

/* Client c wrote body (len bytes, message msg_id). With an open run: the
 * answer is read and stored, an off-scale or unclear one asked once more
 * (then left unanswered), the next question queued or the run finished
 * and scored; crisis language ends it (the caller escalates the reply as
 * always). Without one: out->consumed = false, nothing changes. In a
 * transaction. */
int flowrun_reply(struct store *s, const struct gw_config *cfg, const struct store_client *c,
                  int64_t msg_id, const char *body, size_t len, int64_t now,
                  struct flowrun_effect *out);

/* STOP: client c's open run, if any, ends as stopped. */
int flowrun_stop(struct store *s, int64_t client_id, int64_t now);

/* Run r's window ended: partial (some answers kept) or unanswered, an
 * instrument scored on what was answered; out says whether that result
 * escalates further than the run already did. In a transaction. */
int flowrun_expire(struct store *s, const struct gw_config *cfg, struct store_flowrun *r,
                   int64_t now, struct flowrun_effect *out);

#endif
