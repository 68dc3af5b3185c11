/* SPDX-License-Identifier: Apache-2.0 */
/* sparkline.c: pure; see sparkline.h. Eight levels either way, so the
 * plain ramp shows the same steps as the blocks. */
#include "base/sparkline.h"

#include <math.h>
#include <string.h>

#define LEVELS 8

/* U+2581 LOWER ONE EIGHTH BLOCK .. U+2588 FULL BLOCK, as UTF-8. */
static const char *const blocks[LEVELS] = {
    "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
    "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
static const char ramp[LEVELS + 1] = "_.-=+*#@";

size_t sparkline_size(size_t n, bool utf8) { return n * (utf8 ? 3 : 1) + 1; }

/* 0..LEVELS-1 for a value on 0-100: the range split in LEVELS equal parts,
 * 100 in the top one. */
static int level_of(double x)
{
    if (x <= 0)
        return 0;
    if (x >= 100)
        return LEVELS - 1;
    int l = (int)(x * LEVELS / 100.0);
    return l >= LEVELS ? LEVELS - 1 : l;
}

size_t sparkline(const double *v, size_t n, bool utf8, char *out, size_t outsz)
{
    size_t o = 0, i, w = utf8 ? 3 : 1;
    if (outsz == 0)
        return 0;
    for (i = 0; i < n; i++) {
        bool gap = isnan(v[i]);
        size_t need = gap ? 1 : w;
        if (o + need >= outsz)
            break;
        if (gap)
            out[o] = ' ';
        else if (utf8)
            memcpy(out + o, blocks[level_of(v[i])], 3);
        else
            out[o] = ramp[level_of(v[i])];
        o += need;
    }
    out[o] = '\0';
    return i;
}
