/* SPDX-License-Identifier: Apache-2.0 */
/* flows.c: flow runs and their answers. */
#include "store/store_internal.h"

#include <string.h>

int store_flowrun_insert(struct store *s, struct store_flowrun *r)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, r->client_id);
    sqlite3_bind_int64(st, 2, r->checkin_id);
    store__bind_text(st, 3, r->flow);
    sqlite3_bind_int64(st, 4, r->started_at);
    sqlite3_bind_int64(st, 5, r->window_end);
    sqlite3_bind_int(st, 6, r->step);
    store__bind_text(st, 7, r->step_qid);
    int rc = store__exec_stmt(s, st, "flow run insert");
    if (rc == STORE_OK)
        r->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/* Reads one run; STORE_ERR (store_errmsg says why) for a state this
 * build does not know. */
static int flowrun_row(struct store *s, sqlite3_stmt *st, struct store_flowrun *r)
{
    int rc = STORE_OK;
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->client_id = sqlite3_column_int64(st, 1);
    r->checkin_id = sqlite3_column_int64(st, 2);
    store__copy_col(r->flow, sizeof r->flow, st, 3);
    r->started_at = sqlite3_column_int64(st, 4);
    r->window_end = sqlite3_column_int64(st, 5);
    r->step = sqlite3_column_int(st, 6);
    r->retried = sqlite3_column_int(st, 7);
    STORE__STATE(run_state, s, st, 8, r->id, &r->state, rc);
    r->ended_at = sqlite3_column_int64(st, 9);
    r->alerted = sqlite3_column_int(st, 10);
    store__copy_col(r->scale, sizeof r->scale, st, 11);
    r->total = sqlite3_column_int(st, 12);
    r->max = sqlite3_column_int(st, 13);
    store__copy_col(r->band, sizeof r->band, st, 14);
    store__copy_col(r->step_qid, sizeof r->step_qid, st, 15);
    return rc;
}

STORE__WALKER(flowrun_walk, struct store_flowrun, flowrun_row, store_flowrun_cb)

/* flowrun_row as a store__row_fn for store__one. */
static int flowrun_into(struct store *s, sqlite3_stmt *st, void *out)
{
    return flowrun_row(s, st, out);
}

int store_flowrun_open(struct store *s, int64_t client_id, int64_t now, struct store_flowrun *r)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, now);
    return store__one(s, st, flowrun_into, r, "flow run open");
}

int store_flowrun_update(struct store *s, const struct store_flowrun *r)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_UPDATE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int(st, 2, r->step);
    sqlite3_bind_int(st, 3, r->retried);
    store__bind_text(st, 4, run_state_name(r->state));
    sqlite3_bind_int64(st, 5, r->ended_at);
    sqlite3_bind_int(st, 6, r->alerted);
    store__bind_text(st, 7, r->scale);
    sqlite3_bind_int(st, 8, r->total);
    sqlite3_bind_int(st, 9, r->max);
    store__bind_text(st, 10, r->band);
    store__bind_text(st, 11, r->step_qid);
    return store__exec_stmt(s, st, "flow run update");
}

int store_flowruns_expired(struct store *s, int64_t now, int limit, store_flowrun_cb cb,
                           void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_EXPIRED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return flowrun_walk(s, st, cb, ctx, "flow runs walk");
}

int store_flowruns_for_client(struct store *s, int64_t client_id, store_flowrun_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return flowrun_walk(s, st, cb, ctx, "flow runs walk");
}

int store_next_flow_end(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_NEXT_END);
    if (!st)
        return STORE_ERR;
    return store__single_int(s, st, out, "next flow end");
}

int store_flow_answer_put(struct store *s, const struct store_flow_answer *a)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_ANSWER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, a->run_id);
    sqlite3_bind_int(st, 2, a->idx);
    store__bind_text(st, 3, a->qid);
    sqlite3_bind_int(st, 4, a->state);
    sqlite3_bind_double(st, 5, a->value);
    sqlite3_bind_int64(st, 6, a->message_id);
    sqlite3_bind_int64(st, 7, a->answered_at);
    return store__exec_stmt(s, st, "flow answer");
}

static int flow_answer_row(struct store *s, sqlite3_stmt *st, struct store_flow_answer *a)
{
    (void)s;
    memset(a, 0, sizeof *a);
    a->run_id = sqlite3_column_int64(st, 0);
    a->idx = sqlite3_column_int(st, 1);
    store__copy_col(a->qid, sizeof a->qid, st, 2);
    a->state = sqlite3_column_int(st, 3);
    a->value = sqlite3_column_double(st, 4);
    a->message_id = sqlite3_column_int64(st, 5);
    a->answered_at = sqlite3_column_int64(st, 6);
    return STORE_OK;
}

STORE__WALKER(flow_answer_walk, struct store_flow_answer, flow_answer_row, store_flow_answer_cb)

int store_flow_answers(struct store *s, int64_t run_id, store_flow_answer_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_FLOW_ANSWERS);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, run_id);
    return flow_answer_walk(s, st, cb, ctx, "flow answers walk");
}
