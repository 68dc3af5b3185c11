/* fuzz_reply.c: libFuzzer target for the reply parser (gateway/reply.c).
 * Any bytes, any length, on two scales; the JSON writer gets a buffer of the
 * size the daemon uses. ASan catches a read past the input: libFuzzer hands
 * us exactly `size` bytes with no terminator. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct reply_opts scales[] = {{0, 0}, {1, 5}, {0, 100}};
    char json[512];
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        struct reply_result r;
        reply_parse((const char *)data, size, &scales[i], &r);
        if (r.has_score && (r.score < (scales[i].scale_max ? scales[i].scale_min : 1) ||
                            r.score > (scales[i].scale_max ? scales[i].scale_max : 10)))
            __builtin_trap(); /* a score off the scale must never be reported */
        (void)reply_to_json(&r, json, sizeof json);
    }
    return 0;
}
