/* SPDX-License-Identifier: Apache-2.0 */
/* twilio_sig.h: the X-Twilio-Signature of a webhook. Pure: no I/O.
 *
 * signature = base64(HMAC-SHA1(auth token, URL + for each POST parameter,
 * sorted by name, the name followed by the value)), where URL is the full
 * URL Twilio requested (scheme, host, port, path and query string) and the
 * parameters are form-decoded. The URL comes from the config, not from the
 * request: a proxy in front of the gateway rewrites the one we see. Like
 * Twilio's own validator we accept the URL with and without its port.
 *
 * A webhook with a JSON body is signed differently: Twilio adds
 * bodySHA256=<hex SHA-256 of the body> to the URL's query and signs that URL
 * with no parameters (twilio_sig_valid_json). */
#ifndef GW_TWILIO_SIG_H
#define GW_TWILIO_SIG_H

#include <stdbool.h>
#include <stddef.h>

#include "net/urlform.h"

#define TWILIO_SIG_LEN 29 /* base64 of 20 bytes, plus the NUL */

/* Computes the signature of url with params (sorted with urlform_sort
 * first) into out. Returns 0, or -1 if out of memory. */
int twilio_sig_compute(const char *token, const char *url, const struct urlform *sorted,
                       char out[TWILIO_SIG_LEN]);

/* True when sig (the header's value; NULL counts as missing) is the
 * signature of url (as given, with its port removed, or with the scheme's
 * default port added) and the sorted params. Compared in constant time. */
bool twilio_sig_valid(const char *token, const char *url, const struct urlform *sorted,
                      const char *sig);

/* For a JSON webhook: true when body_hash (the request's bodySHA256, as
 * sent) is the lower-case hex SHA-256 of the body's len bytes, and sig is
 * the signature of url (as in twilio_sig_valid) with "bodySHA256=<body_hash>"
 * added to its query, without parameters. What python3-twilio's
 * RequestValidator.validate(url, body, sig) says. */
bool twilio_sig_valid_json(const char *token, const char *url, const char *body, size_t len,
                           const char *body_hash, const char *sig);

/* Writes url without its ":port" (noport) and with one (withport: the
 * scheme's default, 443 for https, else 80, when none is given). Returns 0,
 * or -1 if a result does not fit in cap or url has no "scheme://". */
int twilio_url_variants(const char *url, char *noport, char *withport, size_t cap);

#endif
