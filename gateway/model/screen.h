/* SPDX-License-Identifier: Apache-2.0 */
/* screen.h: the pure part of the screening question (safety rule 6): after
 * ambiguous risk ("I'm so done") the client is asked one direct question,
 * modelled on the C-SSRS screener ("Have you had thoughts of killing
 * yourself in the past week? Reply YES or NO"). Only a clear no closes it
 * as a watch note; YES, anything else, or no answer escalates (urgent).
 * No I/O, no clock. */
#ifndef GW_SCREEN_H
#define GW_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/reply.h"

/* Whether text[0..len) (UTF-8, English or Spanish), parsed as r, is a clear
 * no and only a no: "no", "Nope.", "nah", "no I'm not", "no, just tired",
 * "no thanks", "no gracias", "nunca", "No, estoy bien". A no word followed
 * only by a few known harmless phrases; anything else (a hedge: "not
 * really", "no... maybe", a number, an emoji, "no estoy bien", which is
 * "I'm not well") is not. A reply that raised crisis (even denied),
 * relapse, ambiguous risk, a request for contact or a serious event is
 * never a clear no (when in doubt, escalate: rule 4). r may be NULL. */
bool screen_is_clear_no(const char *text, size_t len, const struct reply_result *r);

#endif
