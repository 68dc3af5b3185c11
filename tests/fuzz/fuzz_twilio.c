/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_twilio.c: the Twilio provider's parsers of what arrives from the
 * network: the webhook form (decoding, sorting, the signature check over
 * it, the inbound fields), a Messages.json list page, a send answer and
 * an RFC 2822 date. The first byte picks which; the rest is the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "twilio/twilio_api.h"
#include "twilio/twilio_sig.h"
#include "net/urlform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_cb(void *arg, const struct twilio_listed *m)
{
    size_t *n = arg;
    *n += strlen(m->sid) + strlen(m->from) + m->body_len + (m->date_sent != 0);
    return 0;
}

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
    switch (data[0] % 4) {
    case 0: {
        struct urlform f;
        struct twilio_inbound msg;
        char why[64];
        if (urlform_parse(in, len, 256, &f) != 0)
            return 0;
        urlform_sort(&f);
        /* The signature header is whatever value the form carried. */
        const char *sig = urlform_get(&f, "Sig");
        (void)twilio_sig_valid("token", "https://gw.example.org:8443/sms/twilio?x=1", &f, sig);
        (void)twilio_inbound_parse(&f, &msg, why, sizeof why);
        urlform_free(&f);
        break;
    }
    case 1: {
        char next[256], why[128];
        size_t n = 0;
        (void)twilio_list_parse(in, len, count_cb, &n, next, sizeof next, why, sizeof why);
        break;
    }
    case 2: {
        struct twilio_send_result r;
        int status = len > 0 ? 100 + (unsigned char)in[0] * 2 : 0;
        twilio_send_classify(status, in, len, "transport", &r);
        break;
    }
    default: {
        char *s = malloc(len + 1);
        int64_t t;
        if (!s)
            return 0;
        memcpy(s, in, len);
        s[len] = '\0';
        (void)twilio_date_parse(s, &t);
        char a[300], b[300];
        (void)twilio_url_variants(s, a, b, sizeof a);
        free(s);
        break;
    }
    }
    return 0;
}
