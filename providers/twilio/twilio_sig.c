/* SPDX-License-Identifier: Apache-2.0 */
/* twilio_sig.c: X-Twilio-Signature (HMAC-SHA1, base64) with OpenSSL's libcrypto. */
#include "twilio/twilio_sig.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int twilio_sig_compute(const char *token, const char *url, const struct urlform *sorted,
                       char out[TWILIO_SIG_LEN])
{
    size_t n = strlen(url);
    for (size_t i = 0; i < sorted->n; i++)
        n += sorted->v[i].name_len + sorted->v[i].value_len;
    char *data = malloc(n + 1);
    if (!data)
        return -1;
    size_t o = strlen(url);
    memcpy(data, url, o);
    for (size_t i = 0; i < sorted->n; i++) {
        memcpy(data + o, sorted->v[i].name, sorted->v[i].name_len);
        o += sorted->v[i].name_len;
        memcpy(data + o, sorted->v[i].value, sorted->v[i].value_len);
        o += sorted->v[i].value_len;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    unsigned char *r = HMAC(EVP_sha1(), token, (int)strlen(token), (unsigned char *)data, o, md,
                            &mdlen);
    free(data);
    if (!r || mdlen != 20)
        return -1;
    EVP_EncodeBlock((unsigned char *)out, md, (int)mdlen); /* 28 chars + NUL */
    return 0;
}

int twilio_url_variants(const char *url, char *noport, char *withport, size_t cap)
{
    const char *sep = strstr(url, "://");
    if (!sep)
        return -1;
    const char *host = sep + 3;
    size_t hostlen = strcspn(host, "/?#");
    const char *rest = host + hostlen;
    /* The port is after the last ':' of the authority (after any user@). */
    const char *at = memchr(host, '@', hostlen);
    const char *h = at ? at + 1 : host;
    const char *colon = NULL;
    for (const char *p = h; p < rest; p++)
        if (*p == ':')
            colon = p;
    size_t prefix = (size_t)((colon ? colon : rest) - url);
    int n1 = snprintf(noport, cap, "%.*s%s", (int)prefix, url, rest);
    int n2;
    if (colon) {
        n2 = snprintf(withport, cap, "%s", url);
    } else {
        bool https = (size_t)(sep - url) == 5 && strncasecmp(url, "https", 5) == 0;
        n2 = snprintf(withport, cap, "%.*s:%s%s", (int)prefix, url, https ? "443" : "80", rest);
    }
    return (n1 < 0 || (size_t)n1 >= cap || n2 < 0 || (size_t)n2 >= cap) ? -1 : 0;
}

/* Constant-time for equal lengths; a length difference is not a secret. */
static bool sig_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}

bool twilio_sig_valid(const char *token, const char *url, const struct urlform *sorted,
                      const char *sig)
{
    char computed[TWILIO_SIG_LEN];
    size_t cap = strlen(url) + 16;
    bool ok = false;
    if (!sig || !*sig || !token || !*token)
        return false;
    char *a = malloc(cap), *b = malloc(cap);
    if (!a || !b || twilio_url_variants(url, a, b, cap) != 0)
        goto out;
    /* Both computed, whatever the first gives: no early exit to time. */
    if (twilio_sig_compute(token, a, sorted, computed) == 0)
        ok |= sig_equal(computed, sig);
    if (twilio_sig_compute(token, b, sorted, computed) == 0)
        ok |= sig_equal(computed, sig);
out:
    free(a);
    free(b);
    return ok;
}

bool twilio_sig_valid_json(const char *token, const char *url, const char *body, size_t len,
                           const char *body_hash, const char *sig)
{
    static const char hexdig[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    if (!body_hash || !url || (!body && len) ||
        EVP_Digest(body ? body : "", len, md, &mdlen, EVP_sha256(), NULL) != 1)
        return false;
    for (unsigned int i = 0; i < mdlen; i++) {
        hex[2 * i] = hexdig[md[i] >> 4];
        hex[2 * i + 1] = hexdig[md[i] & 15];
    }
    hex[2 * mdlen] = '\0';
    /* The URL Twilio requested: ours with the hash it sent in the query. */
    size_t cap = strlen(url) + strlen(body_hash) + 16;
    char *signed_url = malloc(cap);
    if (!signed_url)
        return false;
    snprintf(signed_url, cap, "%s%cbodySHA256=%s", url, strchr(url, '?') ? '&' : '?',
             body_hash);
    struct urlform none = {0};
    bool ok = twilio_sig_valid(token, signed_url, &none, sig);
    free(signed_url);
    return sig_equal(hex, body_hash) && ok;
}
