/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_pdu.c: libFuzzer target for the SMS-DELIVER / STATUS-REPORT decoder
 * (providers/modem/pdu.c), fed as the hex text a modem writes, with and without
 * a <length>, and its result through the joiner. The text must always be
 * NUL-terminated within its buffer. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modem/pdu.h"
#include "modem/smsjoin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct sms_pdu d;
    static char hex[2 * 256 + 1];
    static char joined[SMSJOIN_MAX_PARTS * SMS_TEXT_MAX];
    char err[160];
    int lens[2];

    /* As given (the modem's own hex, odd or not) ... */
    lens[0] = -1;
    lens[1] = size > 0 ? data[0] : 0;
    for (int k = 0; k < 2; k++)
        if (pdu_decode((const char *)data, size, lens[k], &d, err, sizeof err) == 0 &&
            strlen(d.text) > d.text_len)
            __builtin_trap();
    /* ... and as bytes turned into valid hex, which reaches the deeper fields. */
    size_t n = size < 256 ? size : 256;
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = "0123456789ABCDEF"[data[i] >> 4];
        hex[2 * i + 1] = "0123456789ABCDEF"[data[i] & 15];
    }
    for (int k = 0; k < 2; k++) {
        if (pdu_decode(hex, 2 * n, lens[k], &d, err, sizeof err) != 0)
            continue;
        if (d.text_len >= sizeof d.text || d.text[d.text_len] != '\0')
            __builtin_trap();
        if (d.type == SMS_TYPE_STATUS_REPORT && sms_status_text(d.status)[0] == '\0')
            __builtin_trap();
        if (smsjoin_wanted(&d)) {
            struct smsjoin *j = smsjoin_new();
            struct smsjoin_set *s = j ? smsjoin_add(j, &d, 1, 1, 0) : NULL;
            if (s != NULL && smsjoin_text(s, joined, sizeof joined) >= sizeof joined)
                __builtin_trap();
            smsjoin_free(j);
        }
    }
    return 0;
}
