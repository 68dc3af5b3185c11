/* SPDX-License-Identifier: Apache-2.0 */
/* crypt.c: sealing and opening values at rest with libsodium (see crypt.h).
 *
 * Everything here is memory in, memory out: no SQL, no files. The store
 * calls it on the way in and out of the database; the keys come from the
 * config (cfg_secret: the environment or a key file). */
#include "base/crypt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define FORMAT   1
#define KEY_LEN  crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG      crypto_aead_xchacha20poly1305_ietf_ABYTES
#define ID_LEN   8
#define HDR_LEN  (1 + ID_LEN + NONCE)
#define LABEL_MAX 64

struct key {
    unsigned char k[KEY_LEN];
    unsigned char id[ID_LEN];
    char id_hex[CRYPT_ID_HEX_LEN + 1];
};

struct crypt {
    struct key keys[2]; /* [0] current (if sealing), then the previous one */
    int nkeys;
    bool sealing;
};

_Static_assert(CRYPT_OVERHEAD == HDR_LEN + TAG, "CRYPT_OVERHEAD matches the blob layout");

int crypt_key_check(const char *hex, char *why, size_t whylen)
{
    size_t n = hex ? strlen(hex) : 0;
    if (n != CRYPT_KEY_HEX_LEN) {
        snprintf(why, whylen, "a key is %d hex digits (32 random bytes, e.g. from "
                              "`checkinctl keygen`), not %zu characters", CRYPT_KEY_HEX_LEN, n);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = hex[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
            snprintf(why, whylen, "a key is %d hex digits (0-9, a-f); character %zu is not one",
                     CRYPT_KEY_HEX_LEN, i + 1);
            return -1;
        }
    }
    return 0;
}

/* Parses and derives one key. Returns 0, or -1 with err filled. */
static int key_load(struct key *k, const char *hex, const char *what, char *err, size_t errlen)
{
    char why[160];
    size_t bin_len = 0;
    if (crypt_key_check(hex, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s: %s", what, why);
        return -1;
    }
    if (sodium_hex2bin(k->k, sizeof k->k, hex, CRYPT_KEY_HEX_LEN, NULL, &bin_len, NULL) != 0 ||
        bin_len != KEY_LEN) {
        snprintf(err, errlen, "%s: not a hex key", what);
        return -1;
    }
    /* The id is a hash of the key, so it names the key without revealing it
     * and the operator never has to number keys by hand. */
    unsigned char h[crypto_generichash_BYTES_MIN];
    static const unsigned char ctx[] = "checkin-gateway key id";
    if (crypto_generichash(h, sizeof h, k->k, sizeof k->k, ctx, sizeof ctx - 1) != 0) {
        snprintf(err, errlen, "%s: cannot derive the key id", what);
        return -1;
    }
    memcpy(k->id, h, ID_LEN);
    sodium_bin2hex(k->id_hex, sizeof k->id_hex, k->id, ID_LEN);
    return 0;
}

int crypt_new(struct crypt **out, const char *current_hex, const char *previous_hex, char *err,
              size_t errlen)
{
    *out = NULL;
    if (sodium_init() < 0) {
        snprintf(err, errlen, "encryption: libsodium cannot start");
        return -1;
    }
    struct crypt *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "encryption: out of memory");
        return -1;
    }
    if (current_hex && *current_hex) {
        if (key_load(&c->keys[c->nkeys], current_hex, "encryption.key", err, errlen) != 0)
            goto fail;
        c->nkeys++;
        c->sealing = true;
    }
    if (previous_hex && *previous_hex) {
        if (key_load(&c->keys[c->nkeys], previous_hex, "encryption.previous_key", err, errlen) != 0)
            goto fail;
        if (c->sealing && memcmp(c->keys[0].id, c->keys[1].id, ID_LEN) == 0) {
            snprintf(err, errlen, "encryption.previous_key is the same key as encryption.key");
            goto fail;
        }
        c->nkeys++;
    }
    *out = c;
    return 0;
fail:
    crypt_free(c);
    return -1;
}

void crypt_free(struct crypt *c)
{
    if (!c)
        return;
    sodium_memzero(c, sizeof *c);
    free(c);
}

bool crypt_sealing(const struct crypt *c) { return c && c->sealing; }

const char *crypt_current_id(const struct crypt *c)
{
    return crypt_sealing(c) ? c->keys[0].id_hex : NULL;
}

bool crypt_knows_id(const struct crypt *c, const char *id_hex)
{
    for (int i = 0; c && i < c->nkeys; i++)
        if (strcmp(c->keys[i].id_hex, id_hex) == 0)
            return true;
    return false;
}

bool crypt_is_sealed(const void *blob, size_t len)
{
    return blob && len >= CRYPT_OVERHEAD && ((const unsigned char *)blob)[0] == FORMAT;
}

void crypt_blob_id(const void *blob, size_t len, char *id_hex)
{
    id_hex[0] = '\0';
    if (crypt_is_sealed(blob, len))
        sodium_bin2hex(id_hex, CRYPT_ID_HEX_LEN + 1, (const unsigned char *)blob + 1, ID_LEN);
}

bool crypt_blob_is_current(const struct crypt *c, const void *blob, size_t len)
{
    return crypt_sealing(c) && crypt_is_sealed(blob, len) &&
           memcmp((const unsigned char *)blob + 1, c->keys[0].id, ID_LEN) == 0;
}

/* The associated data: the blob's header, then the column label. */
static size_t make_ad(unsigned char *ad, const unsigned char *hdr, const char *label)
{
    size_t n = strlen(label);
    if (n > LABEL_MAX)
        n = LABEL_MAX;
    memcpy(ad, hdr, HDR_LEN);
    memcpy(ad + HDR_LEN, label, n);
    return HDR_LEN + n;
}

unsigned char *crypt_seal(const struct crypt *c, const char *label, const void *pt, size_t ptlen,
                          size_t *outlen)
{
    unsigned char ad[HDR_LEN + LABEL_MAX];
    if (!crypt_sealing(c) || ptlen > SIZE_MAX - CRYPT_OVERHEAD)
        return NULL;
    unsigned char *out = malloc(ptlen + CRYPT_OVERHEAD);
    if (!out)
        return NULL;
    out[0] = FORMAT;
    memcpy(out + 1, c->keys[0].id, ID_LEN);
    randombytes_buf(out + 1 + ID_LEN, NONCE);
    size_t adlen = make_ad(ad, out, label);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + HDR_LEN, &clen, pt, ptlen, ad, adlen, NULL,
                                               out + 1 + ID_LEN, c->keys[0].k);
    *outlen = HDR_LEN + (size_t)clen;
    return out;
}

char *crypt_open(const struct crypt *c, const char *label, const void *blob, size_t len,
                 size_t *outlen, char *why, size_t whylen)
{
    const unsigned char *b = blob;
    unsigned char ad[HDR_LEN + LABEL_MAX];
    char id[CRYPT_ID_HEX_LEN + 1];
    if (!crypt_is_sealed(blob, len)) {
        snprintf(why, whylen, "%s: not an encrypted value", label);
        return NULL;
    }
    const struct key *k = NULL;
    for (int i = 0; c && i < c->nkeys && !k; i++)
        if (memcmp(b + 1, c->keys[i].id, ID_LEN) == 0)
            k = &c->keys[i];
    if (!k) {
        crypt_blob_id(blob, len, id);
        snprintf(why, whylen, "%s: encrypted with key %s, which is not configured "
                              "(encryption.key or encryption.previous_key)", label, id);
        return NULL;
    }
    char *pt = malloc(len - CRYPT_OVERHEAD + 1);
    if (!pt) {
        snprintf(why, whylen, "%s: out of memory", label);
        return NULL;
    }
    size_t adlen = make_ad(ad, b, label);
    unsigned long long plen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)pt, &plen, NULL, b + HDR_LEN,
                                                   len - HDR_LEN, ad, adlen, b + 1 + ID_LEN,
                                                   k->k) != 0) {
        free(pt);
        snprintf(why, whylen, "%s: the encrypted value does not authenticate with key %s "
                              "(altered or damaged)", label, k->id_hex);
        return NULL;
    }
    pt[plen] = '\0';
    *outlen = (size_t)plen;
    return pt;
}

int crypt_keygen(char *hex)
{
    unsigned char k[KEY_LEN];
    if (sodium_init() < 0)
        return -1;
    randombytes_buf(k, sizeof k);
    sodium_bin2hex(hex, CRYPT_KEY_HEX_LEN + 1, k, sizeof k);
    sodium_memzero(k, sizeof k);
    return 0;
}
