/* SPDX-License-Identifier: Apache-2.0 */
/* instrument.h: the built-in validated instruments (issue 19) as flows
 * (flow.h), with their scoring by the published rules. Pure: no I/O.
 *
 *   phq9   PHQ-2, then the rest of the PHQ-9 when the PHQ-2 scores 3 or
 *          more; item 9 (thoughts of being better off dead or of hurting
 *          oneself) always asked: above 0 high, 2 or 3 urgent.
 *   gad7   GAD-2, then the rest of the GAD-7 when the GAD-2 scores 3 or more.
 *   cssrs  the C-SSRS screener (recent version): six yes/no questions, no
 *          to 2 skips to 6; yes to 6 asks whether it was within the past
 *          three months; yes to 4, 5, or to 6 within three months is urgent.
 *
 * The wording is adapted to SMS (one short question per text, answered
 * with a number or yes/no); see instrument.c for the sources and the
 * README ("Instruments") for the terms of use. */
#ifndef GW_INSTRUMENT_H
#define GW_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/flow.h"
#include "model/severity.h"

enum instrument_kind { INSTR_PHQ9 = 0, INSTR_GAD7, INSTR_CSSRS, INSTR__COUNT };

/* "phq9", "gad7", "cssrs" (the names an operator schedules). */
const char *instrument_name(enum instrument_kind k);
/* The inverse of instrument_name; -1 for anything else. */
int instrument_parse(const char *name, enum instrument_kind *out);

/* The instrument's flow (static, never NULL for a valid k). */
const struct flow *instrument_flow(enum instrument_kind k);

/* Where the built-in texts of k in language lang (0 en, 1 es) come from,
 * in a phrase for the operator (`checkinctl flows`): whether they are the
 * publisher's wording adapted to SMS, or a text to replace with the
 * publisher's through the config's instruments = { ... }. Static. */
const char *instrument_text_source(enum instrument_kind k, int lang);

/* One administration's result, stored with it. */
struct instrument_score {
    const char *scale; /* "PHQ-9", "PHQ-2", "GAD-7", "GAD-2", "C-SSRS" */
    int total;         /* the sum of the items answered; C-SSRS: the yeses */
    int max;           /* the highest total the scale has */
    int answered;      /* items answered */
    bool complete;     /* every item the rules ask for was answered */
    /* PHQ-9 "minimal", "mild", "moderate", "moderately severe", "severe";
     * GAD-7 "minimal", "mild", "moderate", "severe"; PHQ-2 and GAD-2
     * "negative" / "positive"; C-SSRS "none", "low", "moderate", "high"
     * risk. NULL when incomplete (no band from part of the items). */
    const char *band;
    enum severity severity; /* what it asks of the specialist */
    char reason[160];       /* why severity, "" for none */
};

/* Scores the answers a of instrument k (a borrowed). Returns 0, or -1 for
 * an unknown k. */
int instrument_score(enum instrument_kind k, const struct flow_answers *a,
                     struct instrument_score *out);

/* The severity bands of a scale scored by its total: band i runs from
 * lo[i] to lo[i + 1] - 1, the last to max. */
#define INSTRUMENT_MAX_BANDS 5
struct instrument_bands {
    const char *scale; /* "PHQ-9", "GAD-7" */
    int max;
    int n;
    int lo[INSTRUMENT_MAX_BANDS];
    const char *name[INSTRUMENT_MAX_BANDS];
};
/* The bands of scale (as instrument_score names it), static; NULL for a
 * scale without bands by total (the two-item screens, the C-SSRS). */
const struct instrument_bands *instrument_bands(const char *scale);
/* The band of total on b (NULL outside 0-max). */
const char *instrument_band_of(const struct instrument_bands *b, int total);

/* The band of a PHQ-9 / GAD-7 total (NULL outside 0-27 / 0-21). */
const char *instrument_phq9_band(int total);
const char *instrument_gad7_band(int total);

#endif
