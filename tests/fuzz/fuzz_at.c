/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_at.c: libFuzzer target for the AT response parser (providers/modem/at.c).
 * The input is fed in chunks whose sizes come from the input itself, as a
 * serial line delivers it; every event's pointers must stay in bounds, and
 * each line also goes through the AT+CPMS? parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modem/at.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void touch(void *arg, const struct at_event *e)
{
    size_t *sum = arg;
    /* Read every byte the event points at: ASan catches a bad length. */
    for (size_t i = 0; i < e->len; i++)
        *sum += (unsigned char)e->line[i];
    for (size_t i = 0; e->pdu && i < e->pdu_len; i++)
        *sum += (unsigned char)e->pdu[i];
    if (e->kind == AT_CMS_ERROR)
        *sum += strlen(at_cms_text(e->code));
    if (e->kind == AT_CME_ERROR)
        *sum += strlen(at_cme_text(e->code));
    if (e->kind == AT_LINE) {
        char mem[8];
        int used, total;
        if (at_parse_cpms(e->line, mem, &used, &total) == 0)
            *sum += strlen(mem) + (size_t)used + (size_t)total;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct at_parser p;
    size_t sum = 0, i = 0;
    at_parser_init(&p);
    while (i < size) {
        size_t chunk = 1 + (data[i] % 17);
        if (chunk > size - i)
            chunk = size - i;
        at_parser_feed(&p, (const char *)data + i, chunk, touch, &sum);
        i += chunk;
    }
    return sum == 1 ? 1 : 0;
}
