/* SPDX-License-Identifier: Apache-2.0 */
/* test_core.c: the rules of gateway/core/ called directly on a temporary
 * store with a fake struct core_io (fake_core.h): no loop, no provider, no
 * daemon. escalate_record (a crisis reply: the escalation, the 988 text
 * and the alert; a second one inside the flood window merges into it),
 * specialist_command (ACK and RESOLVE of that escalation, and of one that
 * does not exist) and inbound_record (a score reply stored against the
 * open check-in; a sender over its rate, read on the fake monotonic clock,
 * is recorded but gets no automatic answer, counted through core_io) and
 * delivery_report (held when it overtakes its send, applied by
 * delivery_replay, expired by delivery_expire). Each in the transaction
 * its caller would hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "core/delivery.h"
#include "core/escalate.h"
#include "core/inbound.h"
#include "fake_core.h"

#define PEOPLE                                                                                     \
    "specialists = ( { id = \"jordan\"; name = \"Jordan\"; phone = \"" JORDAN "\"; } );\n"         \
    "escalation = { flood_window_seconds = 3600; };\n"

static int setup(void **state)
{
    return fake_core_setup(state, "test_core", PEOPLE);
}

/* One number from the database (a count). */
static int64_t one(struct fake_core *f, const char *sql)
{
    int64_t n = count_in(f->db, sql);
    assert_true(n >= 0);
    return n;
}

/* Records an inbound message from alex (as inbound_record's first step
 * does) and returns its id. */
static int64_t inbound_from_alex(struct fake_core *f, const char *ext_id, const char *body)
{
    struct store_inbound in = {.provider = "a",
                               .ext_id = ext_id,
                               .from = ALEX,
                               .body = body,
                               .body_len = strlen(body),
                               .received_at = f->now,
                               .client_id = f->alex};
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(f->store, &in, f->now, &id), STORE_OK);
    return id;
}

/* alex's crisis reply body, escalated at urgent severity as inbound.c
 * would: in one transaction. Returns escalate_record's answer. */
static int crisis(struct fake_core *f, const char *ext_id, const char *body, int64_t *id,
                  bool *merged)
{
    struct store_client c;
    struct reply_result r;
    struct reply_opts opts = {.scale_min = 1, .scale_max = 10, .vocab = f->cfg->vocab};
    assert_int_equal(store_client_get(f->store, f->alex, &c), STORE_OK);
    reply_parse(body, strlen(body), &opts, &r);
    assert_true(r.signals & REPLY_SIG_CRISIS);
    assert_int_equal(store_begin(f->store), STORE_OK);
    struct escalation_input ei = {
        .client = &c,
        .from = ALEX,
        .message_id = inbound_from_alex(f, ext_id, body),
        .reply = &r,
        .schedule = gw_config_schedule(f->cfg, c.schedule),
        .severity = SEV_URGENT,
        .reason = "crisis language",
        .text = body,
        .text_len = strlen(body),
    };
    int rc = escalate_record(&f->core, &ei, f->now, id, merged);
    assert_int_equal(store_commit(f->store), STORE_OK);
    return rc;
}

static void escalate_record_crisis_then_merge(void **state)
{
    struct fake_core *f = *state;
    int64_t id = 0, again = 0;
    bool merged = true;

    assert_int_equal(crisis(f, "m1", "I want to kill myself", &id, &merged), STORE_OK);
    assert_true(id > 0);
    assert_false(merged);
    assert_int_equal(one(f, "SELECT count(*) FROM escalations WHERE state = 'open'"), 1);
    assert_int_equal(queued_in(f->db, ALEX, msg_kind_name(MSG_KIND_CRISIS), "988"), 1);
    assert_int_equal(queued_in(f->db, JORDAN, msg_kind_name(MSG_KIND_ALERT), "%"), 1);
    char sql[128];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM messages WHERE direction = 'out'"
             " AND priority = %d",
             MSG_PRIO_URGENT);
    assert_int_equal(one(f, sql), 2);

    /* A minute later, inside the flood window: merged into the same one,
     * no second escalation and no second page; the reply is answered. */
    f->now += 60;
    assert_int_equal(crisis(f, "m2", "i still want to die", &again, &merged), STORE_OK);
    assert_int_equal(again, id);
    assert_true(merged);
    assert_int_equal(one(f, "SELECT count(*) FROM escalations"), 1);
    assert_int_equal(one(f, "SELECT count FROM escalations"), 2);
    assert_int_equal(queued_in(f->db, JORDAN, msg_kind_name(MSG_KIND_ALERT), "%"), 1);
    assert_int_equal(queued_in(f->db, ALEX, msg_kind_name(MSG_KIND_CRISIS), "988"), 2);
    assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = 'escalation.merged'"), 1);
}

/* jordan's text, as inbound.c hands it over: in a transaction. */
static int command(struct fake_core *f, const char *text)
{
    struct store_specialist spec;
    assert_int_equal(store_specialist_by_key(f->store, "jordan", &spec), STORE_OK);
    assert_int_equal(store_begin(f->store), STORE_OK);
    int rc = specialist_command(&f->core, &spec, text, strlen(text), f->now);
    assert_int_equal(store_commit(f->store), STORE_OK);
    return rc;
}

static void specialist_command_ack_resolve(void **state)
{
    struct fake_core *f = *state;
    int64_t id = 0;
    bool merged = false;
    char text[32];
    assert_int_equal(crisis(f, "m1", "I want to kill myself", &id, &merged), STORE_OK);

    f->now += 120;
    snprintf(text, sizeof text, "ACK %lld", (long long)id);
    assert_int_equal(command(f, text), STORE_OK);
    assert_int_equal(one(f, "SELECT count(*) FROM escalations WHERE state = 'acked'"
                            " AND acked_by = 'jordan'"),
                     1);
    assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = 'escalation.acked'"), 1);
    assert_int_equal(queued_in(f->db, JORDAN, msg_kind_name(MSG_KIND_COMMAND), "%"), 1);

    f->now += 600;
    snprintf(text, sizeof text, "RESOLVE %lld", (long long)id);
    assert_int_equal(command(f, text), STORE_OK);
    assert_int_equal(one(f, "SELECT count(*) FROM escalations WHERE state = 'resolved'"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = 'escalation.resolved'"), 1);
    assert_int_equal(queued_in(f->db, JORDAN, msg_kind_name(MSG_KIND_COMMAND), "%"), 2);

    /* A number that is no escalation: audited and answered, nothing changed. */
    assert_int_equal(command(f, "ACK 999"), STORE_OK);
    assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = 'escalation.unknown'"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM escalations WHERE state = 'resolved'"), 1);
    assert_int_equal(queued_in(f->db, JORDAN, msg_kind_name(MSG_KIND_COMMAND), "%"), 3);
}

static void inbound_record_score_answers_checkin(void **state)
{
    struct fake_core *f = *state;
    int64_t checkin = 0;
    assert_int_equal(store_checkin_insert(f->store, f->alex, f->now - 60, f->now + 3600, &checkin),
                     STORE_OK);

    struct inbound_entry e = {.provider = "a", .now = f->now};
    e.m = (struct inmsg){
        .ext_id = "m1", .from = ALEX, .to = "", .body = "6", .body_len = 1, .received_at = f->now};
    assert_int_equal(store_begin(f->store), STORE_OK);
    assert_int_equal(inbound_record(&f->core, &e), STORE_OK);
    assert_int_equal(store_commit(f->store), STORE_OK);

    assert_true(e.is_client);
    assert_true(e.msg_id > 0);
    assert_int_equal(e.esc_id, 0);
    assert_int_equal(e.sev, SEV_NONE);
    assert_string_equal(e.alias, "alex");
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM moods WHERE checkin_id = %lld AND score = 6"
             " AND message_id = %lld",
             (long long)checkin, (long long)e.msg_id);
    assert_int_equal(one(f, sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM checkins WHERE id = %lld"
             " AND state = 'answered'",
             (long long)checkin);
    assert_int_equal(one(f, sql), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM messages WHERE direction = 'out'"), 0);
    assert_int_equal(f->suppressed, 0);

    /* The same provider id again: a duplicate, nothing recorded twice. */
    struct inbound_entry dup = {.provider = "a", .now = f->now, .m = e.m};
    assert_int_equal(store_begin(f->store), STORE_OK);
    assert_int_equal(inbound_record(&f->core, &dup), STORE_EXISTS);
    assert_int_equal(store_commit(f->store), STORE_OK);
    assert_int_equal(one(f, "SELECT count(*) FROM moods"), 1);
}

/* One message from alex through inbound_record, in its own transaction. */
static void record(struct fake_core *f, struct inbound_entry *e, const char *ext_id,
                   const char *body)
{
    *e = (struct inbound_entry){.provider = "a", .now = f->now};
    e->m = (struct inmsg){.ext_id = ext_id,
                          .from = ALEX,
                          .to = "",
                          .body = body,
                          .body_len = strlen(body),
                          .received_at = f->now};
    assert_int_equal(store_begin(f->store), STORE_OK);
    assert_int_equal(inbound_record(&f->core, e), STORE_OK);
    assert_int_equal(store_commit(f->store), STORE_OK);
}

static void inbound_record_sender_over_rate_unanswered(void **state)
{
    struct fake_core *f = *state;
    struct inbound_entry e;
    char id[16];
    /* limits.sender_burst is 5 by default: five answers, then none. */
    for (int i = 0; i < 5; i++) {
        snprintf(id, sizeof id, "h%d", i);
        record(f, &e, id, "HELP");
        assert_int_equal(e.lim, SENDER_OK);
    }
    assert_int_equal(queued_in(f->db, ALEX, msg_kind_name(MSG_KIND_HELP), "%"), 5);
    record(f, &e, "h5", "HELP");
    assert_int_equal(e.lim, SENDER_LIMITED_FIRST);
    assert_true(e.quiet);
    assert_true(e.msg_id > 0); /* recorded all the same */
    assert_int_equal(queued_in(f->db, ALEX, msg_kind_name(MSG_KIND_HELP), "%"), 5);
    assert_int_equal(f->suppressed, 1);
    /* An hour later on the monotonic clock the bucket has refilled. */
    f->mono_ms += 3600 * 1000;
    record(f, &e, "h6", "HELP");
    assert_int_equal(e.lim, SENDER_OK);
    assert_int_equal(queued_in(f->db, ALEX, msg_kind_name(MSG_KIND_HELP), "%"), 6);
    assert_int_equal(f->suppressed, 1);
}

/* core/delivery.c on the fake core, with no daemon: a report that
 * overtakes its send is held (a "sent" one is not), applied by
 * delivery_replay in the transaction that records the send's id, and one
 * no send ever claims expires after DELIVERY_HOLD_SECONDS, counted. */
static void delivery_report_held_replayed_expired(void **state)
{
    struct fake_core *f = *state;
    struct store_outbound ob = {.to = ALEX,
                                .body = "c",
                                .kind = MSG_KIND_CHECKIN,
                                .priority = MSG_PRIO_NORMAL,
                                .client_id = f->alex};
    struct delivery_outcome out;
    struct delivery_late late;
    struct store_msg m;
    int64_t id = 0;
    int expired = -1;
    char sql[160];
    assert_int_equal(store_outbound_queue(f->store, &ob, f->now, &id), STORE_OK);
    assert_int_equal(store_outbox_claim(f->store, f->now, INT_MIN, INT_MAX, &m, 1), 1);

    assert_int_equal(delivery_report(&f->core, "a", "x-1", DLR_DELIVERED, NULL, &out), STORE_OK);
    assert_true(out.held);
    assert_int_equal(out.rerouted, 0);
    assert_int_equal(delivery_report(&f->core, "a", "x-2", DLR_FAILED, "30003", &out), STORE_OK);
    assert_true(out.held);
    assert_int_equal(delivery_report(&f->core, "a", "x-3", DLR_SENT, NULL, &out), STORE_OK);
    assert_false(out.held);
    assert_int_equal(one(f, "SELECT count(*) FROM delivery_held"), 2);

    /* The outbox records x-1 as the send's id: its held report applies. */
    assert_int_equal(store_begin(f->store), STORE_OK);
    assert_int_equal(store_msg_sent(f->store, id, "a", "x-1", f->now), STORE_OK);
    assert_int_equal(delivery_replay(&f->core, "a", "x-1", f->now, &late), 1);
    assert_int_equal(store_commit(f->store), STORE_OK);
    assert_int_equal(delivery_replayed("a", &late), 0);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM messages WHERE id = %lld"
             " AND state = 'delivered'",
             (long long)id);
    assert_int_equal(one(f, sql), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM delivery_held"), 1);

    /* x-2 is never recorded: gone after the hold, counted once. */
    f->now += DELIVERY_HOLD_SECONDS + 1;
    assert_int_equal(delivery_expire(&f->core, f->now, &expired), 1);
    assert_int_equal(expired, 1);
    assert_int_equal(one(f, "SELECT count(*) FROM delivery_held"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(escalate_record_crisis_then_merge, setup,
                                        fake_core_teardown),
        cmocka_unit_test_setup_teardown(specialist_command_ack_resolve, setup, fake_core_teardown),
        cmocka_unit_test_setup_teardown(inbound_record_score_answers_checkin, setup,
                                        fake_core_teardown),
        cmocka_unit_test_setup_teardown(inbound_record_sender_over_rate_unanswered, setup,
                                        fake_core_teardown),
        cmocka_unit_test_setup_teardown(delivery_report_held_replayed_expired, setup,
                                        fake_core_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
