/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_config.c: libFuzzer target for the config loader (gateway/config/config.c
 * over libconfig, then every provider's create() through providers_check):
 * the input is written to a file and loaded as etc/checkin.conf would be.
 * Whatever it holds must give either a config or a list of errors, each
 * with text, never a crash or a leak. Inputs with libconfig's @include are
 * skipped: it would read whatever path the input names (/dev/zero), which
 * tests the file system, not the parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "daemon/gw.h"
#include "provider.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int contains(const uint8_t *d, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(d + i, needle, k) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fuzz_config.%ld.conf", (long)getpid());
    if (contains(data, size, "@include") || contains(data, size, "@INCLUDE"))
        return 0;
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    size_t w = fwrite(data, 1, size, f);
    if (fclose(f) != 0 || w != size)
        return 0;
    struct gw_config *c = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    if (gw_config_load(&c, path, &errs) == 0) {
        if (c == NULL || errs.n != 0)
            abort();
        char names[256];
        gw_config_inline_secrets(c, names, sizeof names);
        providers_check(c, &errs);
        gw_config_free(c);
    } else if (c != NULL || errs.n == 0) {
        abort(); /* a refusal always says why */
    }
    for (size_t i = 0; i < errs.n; i++)
        if (errs.msg[i] == NULL || errs.msg[i][0] == '\0')
            abort();
    cfg_errors_free(&errs);
    return 0;
}
