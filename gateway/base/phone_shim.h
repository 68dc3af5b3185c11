/* SPDX-License-Identifier: Apache-2.0 */
/* phone_shim.h: phone numbers checked against libphonenumber (Google's
 * numbering plan data, Debian's libphonenumber-dev) through a small C
 * interface; the C++ lives in phone_shim.cc alone. */
#ifndef GW_PHONE_SHIM_H
#define GW_PHONE_SHIM_H

#include <stdbool.h>

#include "base/phone.h"

enum phone_kind {
    PHONE_INVALID = 0,  /* not a number anyone can be given in its country */
    PHONE_MOBILE,
    PHONE_LANDLINE,     /* texts to it are usually lost */
    PHONE_EITHER,       /* the plan does not tell (the US and Canada) */
    PHONE_OTHER,        /* VoIP, pager, personal number, toll free ... */
    PHONE_FICTIONAL,    /* a range reserved for films and tests (see phone_shim.cc) */
};

/* Parses what an operator typed: E.164 ("+442079460000", "0044 ..."), or
 * a national number ("(202) 555-0123", "020 7946 0000") read in region
 * (ISO 3166 alpha-2, "US"). Fills out[PHONE_MAX] with the E.164 form and
 * returns its kind; PHONE_INVALID with out = "" if it cannot be parsed or
 * is not a valid number. */
enum phone_kind phone_lookup(const char *in, const char *region, char out[PHONE_MAX]);

/* True if libphonenumber knows region ("US", "GB"; upper case only). */
bool phone_region_known(const char *region);

/* "mobile", "landline", ... for messages. */
const char *phone_kind_name(enum phone_kind k);

#endif
