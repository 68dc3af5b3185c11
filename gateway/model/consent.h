/* SPDX-License-Identifier: Apache-2.0 */
/* consent.h: pure pieces of a client's consent: whether a reply says "yes"
 * (confirming enrolment), and how often check-ins come, in words, for the
 * welcome, the confirmation and the HELP answer. No I/O. */
#ifndef GW_CONSENT_H
#define GW_CONSENT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/settings.h"

/* True if text[len] is a plain yes in English or Spanish: "YES", "y",
 * "Yes!", "yes please", "ok", "I agree", "SI", "Sí", "claro", "de acuerdo"...
 * Case, accents, surrounding spaces and trailing punctuation do not matter;
 * anything more ("yes but not daily", "yes 3") is not a plain yes. */
bool consent_is_yes(const char *text, size_t len);

/* How often schedule s sends, in language l, into out: "every day at
 * 9:00 AM", "on weekdays at 9:00 AM and 6:30 PM", "4 times a day on Mon,
 * Wed and Fri"; Spanish "todos los días a las 09:00"... s may be NULL ("").
 * Always NUL-terminates; returns out. */
const char *consent_frequency(const struct gw_schedule *s, enum lang l, char *out, size_t outsz);

#endif
