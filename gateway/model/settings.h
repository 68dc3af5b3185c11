/* SPDX-License-Identifier: Apache-2.0 */
/* settings.h (model): the setting types the pure model reads, a schedule,
 * quiet hours, an on-call shift, the escalation settings and the
 * languages. The config loader (config/config.h, which includes this)
 * fills them from etc/checkin.conf and validates them; the model's maths
 * (schedule, caring, consent, severity) only reads them, so they live
 * here, below config/ (README "Layout": model includes only base). */
#ifndef GW_MODEL_SETTINGS_H
#define GW_MODEL_SETTINGS_H

#include <stdbool.h>

#include "base/settings.h"
#include "model/states.h"

#define CFG_MAX_TIMES 12
#define CFG_MAX_CARING_DAYS  32 /* days_after_enrolment of a caring schedule */
#define CFG_MAX_CARING_TEXTS 16 /* texts of a caring schedule */
#define CFG_MAX_FOLLOWUPS 8    /* escalation.followup_after durations */

/* enum lang (LANG_EN, LANG_ES, LANG__COUNT) is a saved state: states.def. */

/* What a schedule sends: check-ins (a question expecting a reply in a
 * window) or caring contacts (short messages expecting none, on days after
 * enrolment and the birthday; see caring.h). */
enum sched_kind { SCHED_CHECKIN, SCHED_CARING };

struct flow;    /* model/flow.h */

/* One caring text per language; text[LANG_ES] NULL = the English one. Owned. */
struct gw_caring_text {
    char *text[LANG__COUNT];
};

struct gw_schedule {
    char name[CFG_NAME_MAX];
    enum sched_kind kind;
    int times[CFG_MAX_TIMES]; /* minutes after local midnight, ascending, unique */
    int ntimes;
    unsigned days;            /* bit n set = weekday n, as struct tm's tm_wday (0 = Sunday) */
    int window_minutes;       /* a reply within this answers the check-in; later it is missed */
    int scale_min, scale_max; /* e.g. 1 and 10 */
    int alert_at_or_below;    /* a score <= this escalates (severity high) */
    int reminder_minutes;     /* one reminder this long after an unanswered check-in; 0 = none */
    int jitter_minutes;       /* each client's send is spread over [time, time + this) */
    enum lang lang;           /* the language new clients on this schedule get by default */
    /* The question per language; NULL = templates.<lang>.checkin. Owned. */
    char *question[LANG__COUNT];
    /* flow = "NAME": each check-in asks this flow's questions instead of the
     * one question (config_flows.h); flow NULL for a plain check-in. The
     * flow is borrowed from the config (a configured flow) or static (a
     * built-in instrument: instrument is its enum instrument_kind, else -1). */
    char flow_name[CFG_NAME_MAX];
    const struct flow *flow;
    int instrument;
    /* kind SCHED_CARING only (times, days and the reply settings unused): */
    int caring_days[CFG_MAX_CARING_DAYS]; /* days after enrolment, ascending, unique, >= 1 */
    int ncaring_days;
    int caring_from, caring_to;           /* the send window, minutes after local midnight,
                                           * from < to */
    struct gw_caring_text caring_texts[CFG_MAX_CARING_TEXTS]; /* rotated through */
    int ncaring_texts;
    struct gw_caring_text birthday_text;  /* text[LANG_EN] NULL = the rotation */
};

/* Program-wide quiet hours, in each client's local time: no check-in or
 * reminder is sent inside them. start > end wraps midnight (21:00-08:00). */
struct gw_quiet {
    bool enabled;
    int start, end;           /* minutes after local midnight; start != end */
};

/* One on-call shift: who takes unacknowledged alerts that have no backup. */
struct gw_oncall {
    char specialist[CFG_NAME_MAX]; /* a specialist's id */
    int start, end;           /* minutes after midnight, program.timezone; end <= start wraps */
    unsigned days;            /* the weekdays a shift starts on (bit n = tm_wday n) */
};

/* escalation: how a concerning reply becomes a human response. */
struct gw_escalation {
    int realert_seconds;        /* an unacknowledged alert is repeated after this */
    int realerts_before_handoff;/* repeats to the same people before the backup / on-call */
    int max_realerts;           /* regular re-alerts; after them the late ones, below */
    int late_realert_seconds;   /* still unacknowledged after max_realerts: every specialist,
                                 * this often, until someone acknowledges (never silent) */
    int flood_window_seconds;   /* crisis messages closer than this merge; 0 = never */
    int follow_up_hours;        /* after an ACK, the person's messages go to the acknowledger
                                 * this long; then one reminder to RESOLVE, no more forwarding */
    int screen_timeout_minutes; /* an unanswered screening question escalates (urgent) after */
    int conversation_idle_hours;/* a conversation with no message either way ends after this */
    char followup_after[64];    /* "1d, 72h, 1w": follow-up tasks after an ACK (durations) */
    int followup_secs[CFG_MAX_FOLLOWUPS]; /* followup_after in seconds, ascending */
    int nfollowups;
    int followup_grace_hours;   /* a task not DONE this long after it was sent is sent again;
                                 * as long again: overdue (digest, STATUS); again: handed to
                                 * the backup or on-call */
    char digest_time[8];        /* "HH:MM" in program.timezone: the daily watch digest */
    int digest_minute;          /* digest_time as minutes after midnight */
    char relapse[8];            /* the severity of talk of relapse: "urgent", "high", "watch" */
    int watch_drops_in_row;     /* this many falling scores in a row is a watch finding; 0 = off */
    int watch_weekly_drop;      /* the weekly mean (0-100) fell by at least this; 0 = off */
    int watch_missed_in_row;    /* this many missed check-ins in a row; 0 = off */
};

#endif
