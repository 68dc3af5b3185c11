/* SPDX-License-Identifier: Apache-2.0 */
/* phone.h: pure helpers for phone numbers in E.164 form ("+15555550123"). */
#ifndef GW_PHONE_H
#define GW_PHONE_H

#include <stddef.h>
#include <stdbool.h>

#define PHONE_MAX 17 /* "+" and at most 15 digits, and the NUL */

/* True if s is E.164: '+', a non-zero digit, then 6 to 14 more digits. */
bool phone_is_e164(const char *s);

/* Normalises what an operator or a provider writes ("+1 (555) 555-0123",
 * "15555550123" from an smstools spool file, "0015555550123") into E.164 in
 * out[PHONE_MAX]. Spaces, dots, dashes and parentheses are dropped; a
 * leading "00" becomes "+"; a number with no "+" is taken as international
 * (smstools writes them so). Returns 0, or -1 if the result is not E.164. */
int phone_normalize(const char *in, char out[PHONE_MAX]);

/* Masks all but the country-code-ish prefix and the last two digits for logs:
 * "+15555550123" -> "+1555*****23". Returns out. Always NUL-terminates. */
const char *phone_mask(const char *phone, char *out, size_t outsz);

#endif
