/* SPDX-License-Identifier: Apache-2.0 */
/* crypt.h: encryption at rest of what people wrote (message bodies) and who
 * they are (client names), with libsodium's XChaCha20-Poly1305 (IETF AEAD).
 *
 * A sealed value is one blob:
 *   byte 0      format (1)
 *   bytes 1-8   key id: the first 8 bytes of BLAKE2b(key), so the store can
 *               tell which key wrote a value without holding the key
 *   bytes 9-32  random nonce (24 bytes)
 *   the rest    ciphertext and its 16-byte tag
 * The header and a label naming the column ("messages.body") are the
 * associated data, so a value moved to another column, or a header edited,
 * fails to open. Keys are 32 bytes written as 64 hex digits. One current
 * key seals; the current and one previous key open (for key rotation). */
#ifndef GW_CRYPT_H
#define GW_CRYPT_H

#include <stdbool.h>
#include <stddef.h>

#define CRYPT_KEY_HEX_LEN 64 /* hex digits of a key */
#define CRYPT_ID_HEX_LEN  16 /* hex digits of a key id */
#define CRYPT_OVERHEAD    (1 + 8 + 24 + 16)

struct crypt;

/* Checks that hex is a key (64 hex digits). Returns 0, or -1 with why
 * filled; the key itself is never copied into why. */
int crypt_key_check(const char *hex, char *why, size_t whylen);

/* Makes a key set. current_hex seals new values; NULL or "" means new
 * values are stored in the clear. previous_hex (NULL or "" for none) only
 * opens. Returns 0 and *out (free with crypt_free), or -1 with err filled. */
int crypt_new(struct crypt **out, const char *current_hex, const char *previous_hex, char *err,
              size_t errlen);
void crypt_free(struct crypt *c); /* wipes the keys; NULL is a no-op */

/* True if new values are sealed (there is a current key). NULL: false. */
bool crypt_sealing(const struct crypt *c);
/* The current key's id as 16 hex digits, or NULL. */
const char *crypt_current_id(const struct crypt *c);
/* True if the key with this id (16 hex digits) is in the set. */
bool crypt_knows_id(const struct crypt *c, const char *id_hex);

/* True if blob[len] looks like a sealed value (format byte, long enough). */
bool crypt_is_sealed(const void *blob, size_t len);
/* The key id of a sealed value into id_hex[CRYPT_ID_HEX_LEN + 1]. */
void crypt_blob_id(const void *blob, size_t len, char *id_hex);
/* True if a sealed value was written with the current key. */
bool crypt_blob_is_current(const struct crypt *c, const void *blob, size_t len);

/* Seals pt[ptlen] for the column label. Returns a malloc'd blob of
 * ptlen + CRYPT_OVERHEAD bytes (*outlen) that the caller frees, or NULL
 * (no current key, or out of memory). */
unsigned char *crypt_seal(const struct crypt *c, const char *label, const void *pt, size_t ptlen,
                          size_t *outlen);
/* Opens a sealed value of the column label. Returns a malloc'd,
 * NUL-terminated plaintext (*outlen bytes before the NUL) that the caller
 * frees, or NULL with why filled: the key is not configured, the value was
 * altered, or memory ran out. */
char *crypt_open(const struct crypt *c, const char *label, const void *blob, size_t len,
                 size_t *outlen, char *why, size_t whylen);

/* A fresh random key as 64 hex digits into hex[CRYPT_KEY_HEX_LEN + 1].
 * Returns 0, or -1 if libsodium cannot start. */
int crypt_keygen(char *hex);

#endif
