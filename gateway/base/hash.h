/* SPDX-License-Identifier: Apache-2.0 */
/* hash.h: FNV-1a, the one non-cryptographic hash shared by the providers
 * (the spool file's and the modem's content-bound ids for de-duplication).
 * Pure. */
#ifndef GW_HASH_H
#define GW_HASH_H

#include <stddef.h>

/* FNV-1a 64-bit hash of n bytes. The value is stored in ids (inbound
 * ext_id), so it must never change. */
unsigned long long hash_fnv1a64(const void *data, size_t n);

#endif
