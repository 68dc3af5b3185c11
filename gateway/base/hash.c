/* SPDX-License-Identifier: Apache-2.0 */
/* hash.c: FNV-1a (see hash.h). */
#include "base/hash.h"

unsigned long long hash_fnv1a64(const void *data, size_t n)
{
    const unsigned char *p = data;
    unsigned long long h = 0xcbf29ce484222325ULL;

    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
