/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_android.c: the android provider's parsers of what arrives from the
 * phone: a webhook event (JSON), its signature check, a send answer and a
 * timestamp. The first byte picks which; the rest is the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "android/android_api.h"
#include "base/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int quiet;
    if (!quiet) {
        log_set_level(LL_ERROR);
        quiet = 1;
    }
    if (size < 1)
        return 0;
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    char *s = malloc(len + 1);
    if (!s)
        return 0;
    memcpy(s, in, len);
    s[len] = '\0';
    switch (data[0] % 3) {
    case 0: {
        struct android_event ev;
        char why[128];
        (void)android_sig_check("key", in, len, "1719046000", s, 1719046000, 300);
        if (android_event_parse(in, len, &ev, why, sizeof why) == 0 && ev.text)
            (void)strlen(ev.id ? ev.id : "");
        android_event_free(&ev);
        break;
    }
    case 1: {
        struct android_send_result r;
        android_send_classify(len ? 100 + (unsigned char)in[0] * 2 : 0, in, len, "x", &r);
        break;
    }
    default: {
        int64_t t;
        (void)android_time_parse(s, &t);
        (void)android_sig_check("key", "", 0, s, s, 0, 300);
        break;
    }
    }
    free(s);
    return 0;
}
