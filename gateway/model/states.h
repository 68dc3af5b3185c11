/* SPDX-License-Identifier: Apache-2.0 */
/* states.h: the saved states (states.def) as enums, with for each family
 *   const char *F_name(enum F v)   the stored text; "?" for a value out of
 *                                  range (never a stored one)
 *   bool F_parse(const char *s, enum F *out)   false (out untouched) for
 *                                  NULL or a text that is not one of F's
 * (for severity: stored_severity_name and stored_severity_parse)
 * The store converts at its boundary (row readers parse, binders name);
 * the rest of the code compares enums. Pure: no I/O. */
#ifndef GW_STATES_H
#define GW_STATES_H

#include <stdbool.h>

#define STATES_BEGIN(family) enum family {
#define STATE(family, constant, text) constant,
#define STATES_END_AS(family, fn, count) count };
#define STATES_END(family, count) STATES_END_AS(family, family, count)
#include "model/states.def"
#undef STATES_BEGIN
#undef STATE
#undef STATES_END_AS

#define STATES_BEGIN(family)
#define STATE(family, constant, text)
#define STATES_END_AS(family, fn, count)                                                         \
    const char *fn##_name(enum family v);                                                        \
    bool fn##_parse(const char *s, enum family *out);
#include "model/states.def"
#undef STATES_BEGIN
#undef STATE
#undef STATES_END_AS
#undef STATES_END

#endif
