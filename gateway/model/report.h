/* SPDX-License-Identifier: Apache-2.0 */
/* report.h: the operator's HTML report (checkinctl report). Takes plain
 * data that the caller read from the store and writes one self-contained
 * HTML file: inline CSS, SVG charts drawn here, no scripts, no outside
 * assets. Everything that came from a person (aliases, reasons, the
 * program's name) is escaped. No SQL and no clock read: the period is
 * passed in, so the output is a function of the input. */
#ifndef GW_REPORT_H
#define GW_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/states.h"

enum report_checkin_state { REPORT_PENDING, REPORT_ANSWERED, REPORT_MISSED };

struct report_mood {
    int64_t at;
    double norm;       /* 0-100 */
    double score;      /* as given */
    int scale_max;
};

struct report_checkin {
    int64_t due_at;
    enum report_checkin_state state;
};

struct report_client {
    char alias[64];
    char state[16];                 /* "active", "paused", ... */
    struct report_mood *moods;      /* owned by the caller; in the period, oldest first */
    size_t nmoods;
    struct report_checkin *checkins; /* owned by the caller; in the period */
    size_t ncheckins;
};

struct report_esc {
    int64_t id;
    char alias[64];     /* "" when not from an enrolled client */
    char severity[16];
    char reason[128];
    enum esc_state state;
    int64_t created_at;
    int64_t acked_at;   /* 0 = not acknowledged */
};

/* A check-in flow's administrations in the period (issue 19). */
#define REPORT_FLOW_QUESTIONS 32
struct report_flow_question {
    char id[32];
    size_t asked;     /* sent (answered, left unanswered, or waiting when the flow stopped) */
    size_t answered;
    double sum;       /* of the answers with a value, for the mean */
    size_t valued;
    size_t stopped;   /* runs that ended (not complete) waiting for this question */
};
struct report_flow {
    char name[64];
    size_t runs, complete, partial, unanswered, crisis, stopped, open;
    struct report_flow_question q[REPORT_FLOW_QUESTIONS];
    int nq;
};

/* One scored administration of an instrument. */
struct report_score {
    int64_t at;
    char alias[64];
    char scale[16];   /* "PHQ-9", "PHQ-2", "GAD-7", "GAD-2", "C-SSRS" */
    int total, max;
    char band[24];    /* "" when incomplete */
    int answered, asked; /* an incomplete one: how far it went (0 of 0 unknown) */
};

/* A conversation through the program number (issue 18) that overlaps the
 * period: who, when, how it ended, and how many messages each way. Never
 * a message's body: the report is an aggregate document. */
struct report_conv {
    int64_t id;             /* the conversation's number */
    int64_t escalation_id;  /* 0 = opened with TEXT */
    char alias[64];
    char opened_by[64];     /* the specialist's key who opened it */
    char holder[64];        /* who holds (or held) it at the end */
    int64_t opened_at;
    int64_t ended_at;       /* 0 = still open */
    char how[16];           /* "END", "RESOLVE", "idle", "" while open */
    size_t taken;           /* TAKE hand-overs */
    size_t to_client, from_client;
};

/* One specialist's follow-up tasks due in the period (issue 18). */
struct report_followups {
    char specialist[64];
    size_t due, on_time, late, snoozed, overdue, handed;
};

struct report {
    const char *program;   /* the program's name */
    const char *alias;     /* the one client reported on, or NULL for the program */
    const char *tz;        /* times are shown in this zone */
    int64_t from, to;      /* the period [from, to) */
    int days;              /* its length in days (from = to - days * 86400 or local midnight) */
    int64_t generated_at;
    struct report_client *clients; /* borrowed */
    size_t nclients;
    struct report_esc *escs;       /* borrowed; created in the period, newest first */
    size_t nescs;
    struct report_flow *flows;     /* borrowed; flows administered in the period */
    size_t nflows;
    struct report_score *scores;   /* borrowed; instrument results in the period, by client */
    size_t nscores;
    struct report_conv *convs;     /* borrowed; by client, oldest first */
    size_t nconvs;
    struct report_followups *fus;  /* borrowed; per specialist */
    size_t nfus;
};

/* Figures for the summary (also used by tests and the terminal). */
struct report_totals {
    size_t clients;
    size_t moods;
    double mood_mean;        /* of norm; NaN if no moods */
    size_t checkins, answered, missed, pending;
    double response_rate;    /* answered / (answered + missed), 0-1; NaN if none settled */
    size_t escalations, acked;
    int64_t ack_median;      /* seconds; -1 if none acknowledged */
    int64_t ack_max;         /* seconds; -1 if none acknowledged */
};
void report_totals(const struct report *r, struct report_totals *t);

/* "45 s", "12 min", "3 h 05 min", "2 d 4 h" into out; returns out. */
const char *report_duration(int64_t seconds, char *out, size_t outsz);

/* Writes the HTML document to f. Returns 0, or -1 on a write error (or
 * out of memory). */
int report_write_html(const struct report *r, FILE *f);

#endif
