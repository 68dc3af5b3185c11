/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_kannel.c: libFuzzer target for what smsbox sends the kannel
 * provider (providers/kannel/kannelproto.c): the input is split at NUL bytes into
 * the arguments of a received message (id, from, to, coding, charset, time,
 * then the rest as the text, which may itself hold NULs, as a UCS-2 post-url
 * body does) and of a delivery report (its type). The parsed text must fit
 * the documented bound and every accepted sender must be E.164. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kannel/kannelproto.h"
#include "base/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    const char *field[6] = {NULL};
    size_t pos = 0;

    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    /* Six NUL-terminated fields, then the text (the remaining bytes). */
    for (int i = 0; i < 6 && pos < size; i++) {
        field[i] = copy + pos;
        pos += strlen(copy + pos) + 1;
    }
    struct kannel_mo_args a = {
        .id = field[0], .from = field[1], .to = field[2], .coding = field[3],
        .charset = field[4], .time = field[5],
        .text = pos < size ? copy + pos : NULL, .text_len = pos < size ? size - pos : 0,
    };
    size_t cap = kannel_utf8_max(a.text_len) + 1;
    char *buf = malloc(cap), err[KANNEL_ERR_MAX];
    struct kannel_mo mo;
    if (buf != NULL && kannel_parse_mo(&a, buf, cap, &mo, err, sizeof err) == 0) {
        if (mo.text_len >= cap || mo.text[mo.text_len] != '\0' || !phone_is_e164(mo.from) ||
            (mo.to[0] && !phone_is_e164(mo.to)) || mo.ext_id[0] == '\0')
            __builtin_trap();
    }
    free(buf);

    enum dlr_state st;
    int r = kannel_dlr_type(field[0], &st);
    if (r == 0 && st != DLR_SENT && st != DLR_DELIVERED && st != DLR_FAILED)
        __builtin_trap();
    (void)kannel_secret_equal(field[1], "0123456789abcdef");
    (void)kannel_send_verdict(size > 0 ? data[0] * 3 : 0, copy);
    free(copy);
    return 0;
}
