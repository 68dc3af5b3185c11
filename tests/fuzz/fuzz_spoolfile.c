/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_spoolfile.c: libFuzzer target for the smstools3 file parsers
 * (providers/spool/spoolfile.c). The same bytes go through every entry point that
 * reads a file smsd (or anyone with write access to the spool) made: the
 * incoming parser and its UTF-8 conversion, the sent/failed parser and the
 * status-report parser; and the writer gets them as a message text in both
 * alphabets. libFuzzer hands us exactly `size` bytes, unterminated. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spool/spoolfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    char err[SPOOL_ERROR_MAX];
    struct spool_in in;
    struct spool_result res;
    struct spool_report rp;

    if (spoolfile_parse(buf, size, &in, err, sizeof err) == 0) {
        size_t cap = spoolfile_utf8_max(in.body_len) + 1, n = 0;
        char *text = malloc(cap);
        if (text == NULL)
            return 0;
        /* The documented bound must always be enough. */
        if (spoolfile_body_utf8(&in, text, cap, &n, err, sizeof err) != 0 || n >= cap)
            __builtin_trap();
        if (in.is_status_report &&
            spoolfile_parse_report(in.body, in.body_len, &rp, err, sizeof err) == 0 &&
            (rp.status < 0 || rp.status > 255 || rp.message_id < 0))
            __builtin_trap();
        free(text);
    }
    if (spoolfile_parse_result(buf, size, &res, err, sizeof err) == 0 && res.to[0] == '\0')
        __builtin_trap(); /* a result is only accepted with its recipient */
    (void)spoolfile_parse_report(buf, size, &rp, err, sizeof err);

    /* The writer: the input as a text (NUL-terminated copy), both alphabets,
     * in a buffer of the documented size. */
    char *body = malloc(size + 1);
    if (body == NULL)
        return 0;
    memcpy(body, data, size);
    body[size] = '\0';
    size_t cap = spoolfile_body_max(strlen(body)) + 160;
    char *out = malloc(cap);
    if (out != NULL) {
        for (int u = 0; u < 2; u++) {
            struct spool_out m = {.to = "+15555550123", .body = body, .ucs2 = u, .report = true};
            if (spoolfile_format(&m, out, cap, err, sizeof err) < 0)
                __builtin_trap();
        }
        free(out);
    }
    free(body);
    return 0;
}
