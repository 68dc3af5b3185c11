/* SPDX-License-Identifier: Apache-2.0 */
/* states.c: the name tables and the _name/_parse pairs of states.def. */
#include "model/states.h"

#include <string.h>

/* The index of s in names[0..n), or -1 (also for NULL). */
static int states_find(const char *const *names, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

#define STATES_BEGIN(family) static const char *const family##_names[] = {
#define STATE(family, constant, text) [constant] = text,
#define STATES_END_AS(family, fn, count)                                                         \
    };                                                                                           \
    const char *fn##_name(enum family v)                                                         \
    {                                                                                            \
        return (unsigned)v < (unsigned)(count) ? family##_names[v] : "?";                        \
    }                                                                                            \
    bool fn##_parse(const char *s, enum family *out)                                             \
    {                                                                                            \
        int i = states_find(family##_names, (int)(count), s);                                    \
        if (i < 0)                                                                               \
            return false;                                                                        \
        *out = (enum family)i;                                                                   \
        return true;                                                                             \
    }
#define STATES_END(family, count) STATES_END_AS(family, family, count)
#include "model/states.def"
#undef STATES_BEGIN
#undef STATE
#undef STATES_END_AS
#undef STATES_END
