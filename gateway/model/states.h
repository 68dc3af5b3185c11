/* SPDX-License-Identifier: Apache-2.0 */
/* states.h: the saved states (states.def) as enums, with for each family
 *   const char *F_name(enum F v)   the stored text; "?" for a value out of
 *                                  range (never a stored one)
 *   bool F_parse(const char *s, enum F *out)   false (out untouched) for
 *                                  NULL or a text that is not one of F's
 * The store converts at its boundary (row readers parse, binders name);
 * the rest of the code compares enums. Pure: no I/O. */
#ifndef GW_STATES_H
#define GW_STATES_H

#include <stdbool.h>

#define STATES_BEGIN(family) enum family {
#define STATE(family, constant, text) constant,
#define STATES_END(family, count) count };
#include "model/states.def"
#undef STATES_BEGIN
#undef STATE
#undef STATES_END

#define STATES_BEGIN(family)                                                                     \
    const char *family##_name(enum family v);                                                    \
    bool family##_parse(const char *s, enum family *out);
#define STATE(family, constant, text)
#define STATES_END(family, count)
#include "model/states.def"
#undef STATES_BEGIN
#undef STATE
#undef STATES_END

#endif
