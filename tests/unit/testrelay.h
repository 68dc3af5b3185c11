/* SPDX-License-Identifier: Apache-2.0 */
/* testrelay.h: the real gateway on a private loop with a fake provider and
 * a temporary SQLite file, a client alex of specialist jordan, messages
 * said through the group commit and what is queued to whom counted; for
 * the unit tests of conversations and follow-ups (header-only; include it
 * after cmocka.h). */
#ifndef TESTS_UNIT_TESTRELAY_H
#define TESTS_UNIT_TESTRELAY_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <uv.h>

#include "fake_core.h"
#include "provider.h"
#include "testfx.h"


static void heard_cb(void *arg, int rc, const char *err)
{
    (void)err;
    *(int *)arg = rc + 1000; /* any call, even rc 0 */
}

/* One message from `from`, recorded (committed) before it returns. */
static void say(struct fx *f, const char *from, const char *body)
{
    static int n;
    char id[16], err[256];
    int heard = 0;
    snprintf(id, sizeof id, "m%d", ++n);
    struct inmsg m = {.ext_id = id, .from = from, .to = "", .body = body,
                      .body_len = strlen(body)};
    assert_int_equal(gw_inbound_queue(&f->gw, gw_provider(&f->gw, "a"), &m, heard_cb, &heard,
                                      err, sizeof err),
                     0);
    for (int i = 0; i < 100 && heard == 0; i++)
        uv_run(&f->loop, UV_RUN_NOWAIT);
    assert_int_equal(heard, 1000);
}

/* How many outbound messages to `to` of kind match body LIKE pattern. */
static int queued(struct fx *f, const char *to, const char *kind, const char *pattern)
{
    int n = queued_in(f->db, to, kind, pattern);
    assert_true(n >= 0);
    return n;
}

/* Starts the gateway in a new directory /tmp/NAME.XXXXXX with one fake
 * provider "a", the schedule "daily" and people (the specialists and
 * escalation settings, as config text; see testfx.h), and enrols alex as
 * jordan's client. Returns 0 or -1. */
static int relay_setup(void **state, const char *name, const char *people)
{
    if (fx_setup(state, name, people) != 0)
        return -1;
    struct fx *f = *state;
    /* alex, Jordan's client. */
    return test_enrol_alex(f->gw.store, NULL);
}

static int relay_teardown(void **state)
{
    return fx_teardown(state);
}

#endif
