/* SPDX-License-Identifier: Apache-2.0 */
/* config_flows.h: the `flows = ( ... )` section of etc/checkin.conf (issue
 * 19): check-in flows an operator writes, read into the model's struct
 * flow (model/flow.h) and checked with flow_validate at load, with
 * file:line errors. A schedule names one of them, or a built-in instrument
 * (phq9, gad7, cssrs), with `flow = "NAME"`. */
#ifndef GW_CONFIG_FLOWS_H
#define GW_CONFIG_FLOWS_H

#include <libconfig.h>

#include "config/config.h"
#include "model/flow.h"

/* One configured flow. Its texts and ids are borrowed from the libconfig
 * tree (which lives as long as the struct gw_config); the ids a condition
 * names are copied into cond_ids (a condition is one string there). */
struct gw_flow {
    struct flow f; /* f.q points at q */
    struct flow_question q[FLOW_MAX_QUESTIONS];
    char cond_ids[FLOW_MAX_QUESTIONS][2][FLOW_COND_TERMS][FLOW_ID_MAX];
    int line;      /* where it is defined */
};

/* Reads root's flows list into c->flows / c->nflows (c owns the array).
 * Returns the number of errors added to errs. */
int cfg_flows_parse(struct gw_config *c, const config_setting_t *root, struct cfg_errors *errs);

/* Reads root's instruments group (an instrument's texts replaced by the
 * operator's) into c->instruments (INSTR__COUNT flows, c owns the array;
 * f.name NULL for an instrument left as built). Returns the number of
 * errors added to errs. */
int cfg_instruments_parse(struct gw_config *c, const config_setting_t *root,
                          struct cfg_errors *errs);

/* The flow a schedule names: a configured flow, else a built-in instrument;
 * an instrument with the operator's texts when instruments = { ... } set
 * any. NULL if neither. *instrument is the instrument (enum instrument_kind) or
 * -1 for a configured flow. Borrowed from c or static. */
const struct flow *gw_config_flow(const struct gw_config *c, const char *name, int *instrument);

#endif
