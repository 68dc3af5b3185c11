/* SPDX-License-Identifier: Apache-2.0 */
/* test_store_history.c: the store's moods, escalations (the chain of
 * re-alerts, ACK, merge, upgrade and follow-up; unknown saved states and
 * severities refused), a client's messages, conversations and the audit
 * trail, on a real SQLite file (harness: store_harness.h). */
#include "store_harness.h"

/* ---- moods, escalations, history, audit
 * -------------------------------------------------------------- */

struct moods_seen {
    int n;
    struct store_mood m[8];
};

static int seen_mood(void *ctx, const struct store_mood *m)
{
    struct moods_seen *v = ctx;
    assert_true(v->n < 8);
    v->m[v->n++] = *m;
    return 0;
}

static void test_moods(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t c2 = add_client(f->s, "bob", "+15550000002", "", 0);
    int64_t msg = inbound(f->s, "spool", "a", c1, 100);
    int64_t ck = 0;
    assert_int_equal(store_checkin_insert(f->s, c1, 50, 500, &ck), STORE_OK);
    struct store_mood a = {.message_id = msg,
                           .checkin_id = ck,
                           .score = 7,
                           .scale_min = 1,
                           .scale_max = 10,
                           .norm = 66.7,
                           .recorded_at = 300};
    struct store_mood b = {
        .score = 2.5, .scale_min = 1, .scale_max = 5, .norm = 37.5, .recorded_at = 100};
    struct store_mood c = {
        .score = 9, .scale_min = 1, .scale_max = 10, .norm = 88.9, .recorded_at = 200};
    int64_t ida = 0, idb = 0;
    assert_int_equal(store_mood_insert(f->s, c1, &a, &ida), STORE_OK);
    assert_int_equal(store_mood_insert(f->s, c1, &b, &idb), STORE_OK);
    assert_int_equal(store_mood_insert(f->s, c2, &c, NULL), STORE_OK);
    assert_true(ida > 0 && idb > ida);

    struct moods_seen v = {0};
    assert_int_equal(store_moods_for_client(f->s, c1, seen_mood, &v), STORE_OK);
    assert_int_equal(v.n, 2);
    assert_int_equal(v.m[0].id, idb); /* oldest first */
    assert_int_equal(v.m[0].recorded_at, 100);
    assert_int_equal(v.m[0].message_id, 0);
    assert_int_equal(v.m[0].checkin_id, 0);
    assert_float_equal(v.m[0].score, 2.5, 1e-9);
    assert_int_equal(v.m[0].scale_max, 5);
    assert_int_equal(v.m[1].id, ida);
    assert_int_equal(v.m[1].message_id, msg);
    assert_int_equal(v.m[1].checkin_id, ck);
    assert_float_equal(v.m[1].norm, 66.7, 1e-9);
    assert_int_equal(v.m[1].scale_min, 1);

    /* A mood of no client, or of a message that does not exist, is refused. */
    assert_int_equal(store_mood_insert(f->s, 9999, &b, NULL), STORE_ERR);
    struct store_mood bad = b;
    bad.message_id = 9999;
    assert_int_equal(store_mood_insert(f->s, c1, &bad, NULL), STORE_ERR);
}

struct esc_seen {
    int n;
    struct store_escalation e[8];
    int stop_after;
};

static int seen_esc(void *ctx, const struct store_escalation *e)
{
    struct esc_seen *v = ctx;
    assert_true(v->n < 8);
    v->e[v->n++] = *e;
    return v->stop_after && v->n >= v->stop_after ? -99 : 0;
}

static int64_t add_esc(struct store *s, int64_t client, int64_t msg, int64_t sp, const char *sev,
                       int64_t at)
{
    struct store_escalation e = {
        .client_id = client, .message_id = msg, .specialist_id = sp, .created_at = at};
    assert_true(stored_severity_parse(sev, &e.severity));
    snprintf(e.reason, sizeof e.reason, "crisis language");
    assert_int_equal(store_escalation_insert(s, &e), STORE_OK);
    assert_true(e.id > 0);
    assert_string_equal(esc_state_name(e.state), "open");
    return e.id;
}

static void test_escalations(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t c2 = add_client(f->s, "bob", "+15550000002", "", 0);
    int64_t sp = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "J", "+15551110001", 1, &sp),
                     STORE_OK);
    int64_t msg = inbound(f->s, "spool", "a", c1, 100);
    int64_t e1 = add_esc(f->s, c1, msg, sp, "urgent", 100);
    int64_t e2 = add_esc(f->s, c2, 0, 0, "watch", 200);
    int64_t e3 = add_esc(f->s, c1, 0, sp, "high", 300);
    /* The store has no ACK call yet; ack e1 behind its back. */
    char q[128];
    snprintf(q, sizeof q, "UPDATE escalations SET state = 'acked', acked_at = 150 WHERE id = %lld",
             (long long)e1);
    exec2(db2(f), q);
    snprintf(q, sizeof q, "UPDATE escalations SET state = 'resolved' WHERE id = %lld",
             (long long)e2);
    exec2(db2(f), q);

    struct esc_seen v = {0};
    assert_int_equal(store_escalations_each(f->s, 0, false, seen_esc, &v), STORE_OK);
    assert_int_equal(v.n, 3);
    assert_int_equal(v.e[0].id, e3); /* newest first */
    assert_int_equal(v.e[1].id, e2);
    assert_int_equal(v.e[2].id, e1);
    assert_string_equal(esc_state_name(v.e[2].state), "acked");
    assert_int_equal(v.e[2].acked_at, 150);
    assert_int_equal(v.e[2].message_id, msg);
    assert_int_equal(v.e[2].specialist_id, sp);
    assert_string_equal(stored_severity_name(v.e[2].severity), "urgent");
    assert_string_equal(v.e[2].reason, "crisis language");
    assert_int_equal(v.e[2].created_at, 100);
    assert_int_equal(v.e[1].message_id, 0);
    assert_int_equal(v.e[1].specialist_id, 0);
    assert_int_equal(v.e[1].acked_at, 0);
    assert_int_equal(v.e[1].client_id, c2);

    struct esc_seen w = {0};
    assert_int_equal(store_escalations_each(f->s, c1, false, seen_esc, &w), STORE_OK);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.e[0].id, e3);
    assert_int_equal(w.e[1].id, e1);

    /* Open: not resolved, acknowledged or not (as STATUS lists them). */
    struct esc_seen x = {0};
    assert_int_equal(store_escalations_each(f->s, c1, true, seen_esc, &x), STORE_OK);
    assert_int_equal(x.n, 2);
    assert_int_equal(x.e[0].id, e3);
    assert_int_equal(x.e[1].id, e1);

    struct esc_seen y = {0};
    assert_int_equal(store_escalations_each(f->s, 0, true, seen_esc, &y), STORE_OK);
    assert_int_equal(y.n, 2);
    assert_int_equal(y.e[0].id, e3);
    assert_int_equal(y.e[1].id, e1); /* e2 is resolved */

    struct esc_seen z = {.stop_after = 1};
    assert_int_equal(store_escalations_each(f->s, 0, false, seen_esc, &z), -99);
    assert_int_equal(z.n, 1);

    /* Bad input: an unknown severity, a client that does not exist. */
    struct store_escalation bad = {.client_id = c1, .created_at = 1};
    bad.severity = (enum severity)99; /* named "?" */
    snprintf(bad.reason, sizeof bad.reason, "x");
    assert_int_equal(store_escalation_insert(f->s, &bad), STORE_ERR);
    bad.severity = SEV_HIGH;
    bad.client_id = 9999;
    assert_int_equal(store_escalation_insert(f->s, &bad), STORE_ERR);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM escalations"), 3);
}

/* ---- the escalation chain: re-alerts, ACK, re-arming, reminders ------------------ */

/* An escalation of number peer with its first re-alert at realert_at (0: none). */
static int64_t add_chain(struct store *s, int64_t client, int64_t msg, int64_t sp,
                         const char *sev, const char *peer, int64_t at, int64_t realert_at)
{
    struct store_escalation e = {.client_id = client, .message_id = msg, .specialist_id = sp,
                                 .created_at = at, .realert_at = realert_at};
    assert_true(stored_severity_parse(sev, &e.severity));
    snprintf(e.reason, sizeof e.reason, "crisis language");
    snprintf(e.peer, sizeof e.peer, "%s", peer);
    assert_int_equal(store_escalation_insert(s, &e), STORE_OK);
    return e.id;
}

/* A saved escalation state this build does not know is refused, never read
 * as open, acked or resolved. */
static void test_escalation_unknown_saved_state(void **state)
{
    struct fx *f = *state;
    int64_t c = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t id = add_esc(f->s, c, 0, 0, "urgent", 100);
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;"
                  "UPDATE escalations SET state = 'closed';");
    struct store_escalation e;
    assert_int_equal(store_escalation_get(f->s, id, &e), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown esc_state \"closed\""));
    struct esc_seen v = {0};
    assert_int_equal(store_escalations_each(f->s, 0, false, seen_esc, &v), STORE_ERR);
    assert_int_equal(v.n, 0);
}

static int count_esc(void *ctx, enum severity sev, enum esc_state st, int64_t n)
{
    int64_t(*counts)[ESC_STATE__COUNT] = ctx;
    counts[sev][st] += n;
    return 0;
}

/* So is a saved severity it does not know, and "none", which names no
 * escalation and is never stored. */
static void test_escalation_unknown_saved_severity(void **state)
{
    struct fx *f = *state;
    int64_t c = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t id = add_esc(f->s, c, 0, 0, "urgent", 100);
    struct store_escalation e = {.client_id = c, .severity = SEV_NONE, .created_at = 1};
    assert_int_equal(store_escalation_insert(f->s, &e), STORE_ERR);
    int64_t counts[SEV__COUNT][ESC_STATE__COUNT] = {{0}};
    assert_int_equal(store_escalation_counts(f->s, count_esc, counts), STORE_OK);
    assert_int_equal(counts[SEV_URGENT][ESC_OPEN], 1);
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;"
                  "UPDATE escalations SET severity = 'severe';");
    assert_int_equal(store_escalation_get(f->s, id, &e), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "\"severe\""));
    assert_int_equal(store_escalation_counts(f->s, count_esc, counts), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown severity \"severe\""));
    exec2(db2(f), "UPDATE escalations SET severity = 'none';");
    assert_int_equal(store_escalation_get(f->s, id, &e), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown severity \"none\""));
}

static struct store_escalation esc_get(struct store *s, int64_t id)
{
    struct store_escalation e;
    assert_int_equal(store_escalation_get(s, id, &e), STORE_OK);
    return e;
}

static int64_t next_at(struct store *s, int64_t remind_after)
{
    int64_t at = -1;
    int rc = store_escalation_realert_next(s, remind_after, &at);
    return rc == STORE_NOTFOUND ? 0 : (assert_int_equal(rc, STORE_OK), at);
}

static void test_escalation_realert_chain(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t sp = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "J", "+15551110001", 1, &sp),
                     STORE_OK);
    int64_t e1 = add_chain(f->s, c1, 0, sp, "urgent", "+15550000001", 100, 160);
    int64_t e2 = add_chain(f->s, 0, 0, 0, "high", "+15550009999", 110, 130);
    int64_t e3 = add_chain(f->s, c1, 0, sp, "watch", "+15550000001", 120, 0);
    assert_int_equal(esc_get(f->s, e3).realert_at, 0);

    /* The timer's next instant is the earliest re-alert. */
    assert_int_equal(next_at(f->s, 3600), 130);
    struct esc_seen d = {0};
    assert_int_equal(store_escalations_realert_due(f->s, 129, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(store_escalations_realert_due(f->s, 160, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.e[0].id, e2); /* earliest first */
    assert_int_equal(d.e[1].id, e1);
    struct esc_seen one = {0};
    assert_int_equal(store_escalations_realert_due(f->s, 160, 1, seen_esc, &one), STORE_OK);
    assert_int_equal(one.n, 1);

    /* A step: the next time and the count. */
    assert_int_equal(store_escalation_set_realert(f->s, e2, 200, 1), STORE_OK);
    assert_int_equal(esc_get(f->s, e2).realert_at, 200);
    assert_int_equal(esc_get(f->s, e2).realerts, 1);
    assert_int_equal(next_at(f->s, 3600), 160);

    /* The first ACK stops the chain; a second one changes nothing. */
    assert_int_equal(store_escalation_ack(f->s, e1, "jordan", 170), 1);
    assert_int_equal(store_escalation_ack(f->s, e1, "sam", 171), 0);
    struct store_escalation a = esc_get(f->s, e1);
    assert_string_equal(esc_state_name(a.state), "acked");
    assert_string_equal(a.acked_by, "jordan");
    assert_int_equal(a.acked_at, 170);
    assert_int_equal(a.realert_at, 0);
    /* set_realert only touches open ones. */
    assert_int_equal(store_escalation_set_realert(f->s, e1, 999, 5), STORE_OK);
    assert_int_equal(esc_get(f->s, e1).realert_at, 0);
    /* Next: e2's step at 200, then e1's reminder to resolve at 170 + 3600. */
    assert_int_equal(next_at(f->s, 3600), 200);

    /* A chain with nothing pending while open is re-armed; acked and
     * watch ones are not. */
    assert_int_equal(store_escalation_set_realert(f->s, e2, 0, 2), STORE_OK);
    assert_int_equal(next_at(f->s, 3600), 3770);
    assert_int_equal(store_escalations_rearm(f->s, 500), 1);
    assert_int_equal(esc_get(f->s, e2).realert_at, 500);
    assert_int_equal(esc_get(f->s, e2).realerts, 2);
    assert_int_equal(esc_get(f->s, e3).realert_at, 0);
    assert_int_equal(esc_get(f->s, e1).realert_at, 0);
    assert_int_equal(store_escalations_rearm(f->s, 600), 0);

    /* Resolved: off the timer for good; resolving twice is refused. */
    assert_int_equal(store_escalation_resolve(f->s, e2, "sam", 510), 1);
    assert_int_equal(store_escalation_resolve(f->s, e2, "sam", 511), 0);
    assert_string_equal(esc_get(f->s, e2).acked_by, "sam"); /* resolving acknowledges too */
    assert_int_equal(store_escalations_rearm(f->s, 600), 0);
    assert_int_equal(next_at(f->s, 3600), 3770);

    /* The reminder to resolve: due remind_after seconds after the ACK,
     * once; a new ACK (after an upgrade opened it again) makes it due afresh. */
    struct esc_seen r = {0};
    assert_int_equal(store_escalations_remind_due(f->s, 3769, 3600, 10, seen_esc, &r), STORE_OK);
    assert_int_equal(r.n, 0);
    assert_int_equal(store_escalations_remind_due(f->s, 3770, 3600, 10, seen_esc, &r), STORE_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.e[0].id, e1);
    assert_int_equal(store_escalations_remind_due(f->s, 3770, 60, 10, seen_esc, &r), STORE_OK);
    assert_int_equal(r.n, 2); /* a shorter limit: due sooner */
    assert_int_equal(store_escalation_set_reminded(f->s, e1, 3770), STORE_OK);
    struct esc_seen r2 = {0};
    assert_int_equal(store_escalations_remind_due(f->s, 99999, 3600, 10, seen_esc, &r2), STORE_OK);
    assert_int_equal(r2.n, 0);
    assert_int_equal(next_at(f->s, 3600), 0);
    assert_int_equal(store_escalation_upgrade(f->s, e1, SEV_URGENT, "again", 0, 4000, 4100), 1);
    assert_int_equal(next_at(f->s, 3600), 4100);
    assert_int_equal(store_escalation_ack(f->s, e1, "jordan", 5000), 1);
    assert_int_equal(next_at(f->s, 3600), 8600);
    assert_int_equal(store_escalations_remind_due(f->s, 8600, 3600, 10, seen_esc, &r2), STORE_OK);
    assert_int_equal(r2.n, 1);
}

static int64_t inbound_text(struct store *s, const char *ext_id, int64_t client_id,
                            const char *body, int64_t now)
{
    struct store_inbound m = {.provider = "spool", .ext_id = ext_id, .from = "+15550000001",
                              .body = body, .body_len = strlen(body), .client_id = client_id};
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(s, &m, now, &id), STORE_OK);
    return id;
}

static void queue_about(struct store *s, int64_t esc, int64_t sp, enum msg_kind kind, int64_t now)
{
    struct store_outbound m = {.to = "+15551110001", .body = "x", .kind = kind,
                               .priority = MSG_PRIO_URGENT, .specialist_id = sp,
                               .escalation_id = esc};
    assert_int_equal(store_outbound_queue(s, &m, now, NULL), STORE_OK);
}

static void test_escalation_merge_upgrade_followup(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t jo = 0, sam = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "J", "+15551110001", 1, &jo), STORE_OK);
    assert_int_equal(store_specialist_upsert(f->s, "sam", "S", "+15551110002", 1, &sam), STORE_OK);
    int64_t m1 = inbound_text(f->s, "m1", c1, "2", 100);
    int64_t e = add_chain(f->s, c1, m1, jo, "high", "+15550000001", 100, 700);
    int64_t w = add_chain(f->s, c1, 0, jo, "watch", "+15550000001", 105, 0);

    /* The flood window: the newest unresolved urgent/high of the number
     * updated at or after since (watch findings are not in it). */
    struct store_escalation r;
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 100, &r), STORE_OK);
    assert_int_equal(r.id, e);
    assert_string_equal(r.text, "2");
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 101, &r), STORE_NOTFOUND);
    assert_int_equal(store_escalation_recent(f->s, "+15550000002", 0, &r), STORE_NOTFOUND);

    /* A merge: count, newest message and text, updated_at; the reason only
     * when one is given. */
    int64_t m2 = inbound_text(f->s, "m2", c1, "I'm doing it now", 150);
    assert_int_equal(store_escalation_merge(f->s, e, m2, "", 150), STORE_OK);
    r = esc_get(f->s, e);
    assert_int_equal(r.count, 2);
    assert_int_equal(r.last_message_id, m2);
    assert_int_equal(r.message_id, m1);
    assert_int_equal(r.updated_at, 150);
    assert_string_equal(r.reason, "crisis language");
    assert_string_equal(r.text, "I'm doing it now");
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 101, &r), STORE_OK);
    assert_int_equal(store_escalation_merge(f->s, w, 0, "3 drops in a row", 160), STORE_OK);
    assert_string_equal(esc_get(f->s, w).reason, "3 drops in a row");
    assert_int_equal(esc_get(f->s, w).last_message_id, 0); /* merged without a message */

    /* Acked: a held-back follow-up rides on the re-alert timer. */
    assert_int_equal(store_escalation_ack(f->s, e, "jordan", 200), 1);
    assert_int_equal(store_escalation_set_followup(f->s, e, 300), STORE_OK);
    assert_int_equal(esc_get(f->s, e).followup_due_at, 300);
    assert_int_equal(next_at(f->s, 86400), 300);
    struct esc_seen d = {0};
    assert_int_equal(store_escalations_followup_due(f->s, 299, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(store_escalations_followup_due(f->s, 300, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.e[0].id, e);

    /* What was sent about it, and to whom. */
    int64_t at = 0;
    assert_int_equal(store_escalation_last_sent(f->s, e, MSG_KIND_ALERT, &at), STORE_NOTFOUND);
    queue_about(f->s, e, sam, MSG_KIND_ALERT, 110);
    queue_about(f->s, e, jo, MSG_KIND_ALERT, 120);
    queue_about(f->s, e, jo, MSG_KIND_FOLLOWUP, 250);
    queue_about(f->s, e, sam, MSG_KIND_TAKEN, 260);
    assert_int_equal(store_escalation_last_sent(f->s, e, MSG_KIND_ALERT, &at), STORE_OK);
    assert_int_equal(at, 120);
    assert_int_equal(store_escalation_last_sent(f->s, e, MSG_KIND_FOLLOWUP, &at), STORE_OK);
    assert_int_equal(at, 250);
    int64_t ids[4] = {0};
    assert_int_equal(store_escalation_alerted(f->s, e, ids, 4), 2); /* alerts only */
    assert_int_equal(ids[0], jo < sam ? jo : sam);
    assert_int_equal(ids[1], jo < sam ? sam : jo);
    assert_int_equal(store_escalation_alerted(f->s, e, ids, 1), 1);
    assert_int_equal(store_escalation_alerted(f->s, w, ids, 4), 0);

    /* A more severe message raises it: open again, a fresh chain, the ACK
     * and any held-back follow-up dropped. */
    int64_t m3 = inbound_text(f->s, "m3", c1, "I want to die", 400);
    assert_int_equal(store_escalation_upgrade(f->s, e, SEV_URGENT, "crisis language", m3, 400, 460),
                     1);
    r = esc_get(f->s, e);
    assert_string_equal(stored_severity_name(r.severity), "urgent");
    assert_string_equal(esc_state_name(r.state), "open");
    assert_int_equal(r.count, 3);
    assert_int_equal(r.acked_at, 0);
    assert_string_equal(r.acked_by, "");
    assert_int_equal(r.realert_at, 460);
    assert_int_equal(r.realerts, 0);
    assert_int_equal(r.followup_due_at, 0);
    assert_string_equal(r.text, "I want to die");
    struct esc_seen d2 = {0};
    assert_int_equal(store_escalations_followup_due(f->s, 9999, 10, seen_esc, &d2), STORE_OK);
    assert_int_equal(d2.n, 0);
    /* A resolved one is not raised. */
    assert_int_equal(store_escalation_resolve(f->s, e, "jordan", 500), 1);
    assert_int_equal(store_escalation_upgrade(f->s, e, SEV_URGENT, "x", 0, 600, 660), 0);
    assert_string_equal(esc_state_name(esc_get(f->s, e).state), "resolved");
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 0, &r), STORE_NOTFOUND);

    /* The digest's lines: unresolved watch findings updated since, the
     * specialist's or nobody's. */
    int64_t w2 = add_chain(f->s, 0, 0, 0, "watch", "+15550000003", 170, 0);
    add_chain(f->s, c1, 0, sam, "watch", "+15550000004", 170, 0);
    struct esc_seen ws = {0};
    assert_int_equal(store_escalations_watch_since(f->s, 150, jo, seen_esc, &ws), STORE_OK);
    assert_int_equal(ws.n, 2);
    assert_int_equal(ws.e[0].id, w2); /* newest first */
    assert_int_equal(ws.e[1].id, w);
    struct esc_seen ws2 = {0};
    assert_int_equal(store_escalations_watch_since(f->s, 165, jo, seen_esc, &ws2), STORE_OK);
    assert_int_equal(ws2.n, 1);
    assert_int_equal(store_escalation_resolve(f->s, w2, "jordan", 180), 1);
    struct esc_seen ws3 = {0};
    assert_int_equal(store_escalations_watch_since(f->s, 150, jo, seen_esc, &ws3), STORE_OK);
    assert_int_equal(ws3.n, 1);
}

struct msgs_seen {
    int n;
    struct store_msg_row m[8];
};

static int seen_msg(void *ctx, const struct store_msg_row *m)
{
    struct msgs_seen *v = ctx;
    assert_true(v->n < 8);
    v->m[v->n++] = *m;
    return 0;
}

static void test_messages_for_client(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t c2 = add_client(f->s, "bob", "+15550000002", "", 0);
    struct store_outbound o = {.to = "+15550000001",
                               .body = "How are you, 1-10?",
                               .kind = MSG_KIND_CHECKIN,
                               .client_id = c1};
    int64_t out1 = 0, in1, out2 = 0;
    assert_int_equal(store_outbound_queue(f->s, &o, 100, &out1), STORE_OK);
    in1 = inbound(f->s, "spool", "r1", c1, 110);
    inbound(f->s, "spool", "r2", c2, 120);
    o.body = "Thanks";
    o.kind = MSG_KIND_HELP;
    assert_int_equal(store_outbound_queue(f->s, &o, 130, &out2), STORE_OK);

    struct msgs_seen v = {0};
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &v), STORE_OK);
    assert_int_equal(v.n, 3);
    assert_int_equal(v.m[0].id, out1);
    assert_string_equal(msg_direction_name(v.m[0].direction), "out");
    assert_string_equal(v.m[0].peer, "+15550000001");
    assert_string_equal(v.m[0].body, "How are you, 1-10?");
    assert_string_equal(msg_kind_name(v.m[0].kind), "checkin");
    assert_string_equal(msg_state_name(v.m[0].state), "queued");
    assert_int_equal(v.m[0].created_at, 100);
    assert_int_equal(v.m[1].id, in1);
    assert_string_equal(msg_direction_name(v.m[1].direction), "in");
    assert_string_equal(v.m[1].peer, "+15550002222");
    assert_string_equal(v.m[1].body, "7");
    assert_string_equal(msg_state_name(v.m[1].state), "received");
    assert_int_equal(v.m[2].id, out2);
    assert_string_equal(msg_kind_name(v.m[2].kind), "help");

    struct msgs_seen w = {0};
    assert_int_equal(store_messages_for_client(f->s, 9999, seen_msg, &w), STORE_OK);
    assert_int_equal(w.n, 0);

    /* A saved message state this build does not know stops the walk with
     * an error; it is never read as another state. */
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;");
    char q[128];
    snprintf(q, sizeof q, "UPDATE messages SET state = 'bounced' WHERE id = %lld",
             (long long)out2);
    exec2(db2(f), q);
    struct msgs_seen x = {0};
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &x), STORE_ERR);
    assert_int_equal(x.n, 2);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_state \"bounced\""));
    snprintf(q, sizeof q, "UPDATE messages SET state = 'queued', direction = 'sideways'"
             " WHERE id = %lld", (long long)out2);
    exec2(db2(f), q);
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &x), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_direction \"sideways\""));
    /* And a kind (no CHECK here): the walk and the outbox claim refuse it. */
    snprintf(q, sizeof q, "UPDATE messages SET direction = 'out', kind = 'fax' WHERE id = %lld",
             (long long)out2);
    exec2(db2(f), q);
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &x), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_kind \"fax\""));
    struct store_msg claimed[4];
    assert_int_equal(store_outbox_claim(f->s, 1000, 0, MSG_PRIO_URGENT, claimed, 4), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_kind \"fax\""));
}

/* ---- conversations (issue 18) ---------------------------------------------------- */

static int64_t inbound_from(struct store *s, const char *ext_id, const char *from,
                            int64_t client_id, int64_t specialist_id, int64_t now)
{
    struct store_inbound m = {.provider = "spool", .ext_id = ext_id, .from = from,
                              .body = "hello", .body_len = 5, .client_id = client_id,
                              .specialist_id = specialist_id};
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(s, &m, now, &id), STORE_OK);
    return id;
}

static int seen_conv(void *ctx, const struct store_conversation *v)
{
    struct seen *w = ctx;
    assert_true(w->n < 16);
    snprintf(w->alias[w->n], sizeof w->alias[0], "%s", v->alias);
    w->id[w->n] = v->id;
    w->t[w->n] = v->ended_at;
    w->n++;
    return 0;
}

static void test_conversations(void **state)
{
    struct fx *f = *state;
    int64_t amy = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t bob = add_client(f->s, "bob", "+15550000002", "", 0);
    int64_t jo = 0, kim = 0, conv = 0, conv2 = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jo", "Jo", "+15550009001", 1, &jo), STORE_OK);
    assert_int_equal(store_specialist_upsert(f->s, "kim", "Kim", "+15550009002", 1, &kim),
                     STORE_OK);
    struct store_escalation e = {.client_id = amy, .severity = SEV_URGENT, .reason = "crisis",
                                 .peer = "+15550000001", .created_at = 100, .score = "none"};
    assert_int_equal(store_escalation_insert(f->s, &e), STORE_OK);

    /* One open conversation per client. */
    assert_int_equal(store_conversation_open(f->s, amy, e.id, jo, 200, &conv), STORE_OK);
    assert_int_equal(store_conversation_open(f->s, amy, 0, kim, 201, NULL), STORE_EXISTS);
    assert_int_equal(store_conversation_open(f->s, bob, 0, jo, 202, &conv2), STORE_OK);
    struct store_conversation v;
    assert_int_equal(store_conversation_of_escalation(f->s, e.id, &v), STORE_OK);
    assert_int_equal(v.id, conv);
    assert_string_equal(v.alias, "amy");
    assert_string_equal(v.holder, "jo");
    assert_int_equal(v.opened_at, 200);
    assert_int_equal(v.ended_at, 0);
    assert_int_equal(store_conversation_of_client(f->s, bob, &v), STORE_OK);
    assert_int_equal(v.escalation_id, 0);
    struct seen w = {0};
    assert_int_equal(store_conversations_of_specialist(f->s, jo, seen_conv, &w), STORE_OK);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.alias[0], "amy");
    assert_string_equal(w.alias[1], "bob");

    /* TAKE hands it over; activity moves the idle clock. */
    assert_int_equal(store_conversation_hand(f->s, conv, kim, 0, 300), 1);
    assert_int_equal(store_conversation_get(f->s, conv, &v), STORE_OK);
    assert_string_equal(v.holder, "kim");
    assert_int_equal(v.escalation_id, e.id);
    assert_int_equal(v.last_at, 300);
    assert_int_equal(store_conversation_touch(f->s, conv2, 1000), STORE_OK);

    /* Idle: amy's (last 300) ends at 300 + 600; bob's (last 1000) stays open. */
    assert_int_equal(store_conversations_expire(f->s, 1000, 600), 1);
    assert_int_equal(store_conversation_get(f->s, conv, &v), STORE_OK);
    assert_int_equal(v.ended_at, 900);
    assert_string_equal(conv_end_name(v.end_reason), "idle");
    assert_int_equal(store_conversation_of_client(f->s, amy, &v), STORE_NOTFOUND);
    /* END once; a second END changes nothing. */
    assert_int_equal(store_conversation_end(f->s, conv2, CONV_ENDED, 1100), 1);
    assert_int_equal(store_conversation_end(f->s, conv2, CONV_ENDED, 1200), 0);
    assert_int_equal(store_conversation_hand(f->s, conv2, kim, 0, 1200), 0);
    assert_int_equal(store_conversation_get(f->s, conv2, &v), STORE_OK);
    assert_int_equal(v.end_reason, CONV_ENDED);
    /* An end reason this build does not know is refused, not read as END. */
    char q[128];
    snprintf(q, sizeof q,
             "PRAGMA ignore_check_constraints = ON;"
             "UPDATE conversations SET end_reason = 'lost' WHERE id = %lld;",
             (long long)conv2);
    exec2(db2(f), q);
    assert_int_equal(store_conversation_get(f->s, conv2, &v), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown conv_end \"lost\""));
    exec2(db2(f), "PRAGMA ignore_check_constraints = OFF;");
    /* A new one after the old ended. */
    assert_int_equal(store_conversation_open(f->s, amy, 0, jo, 1300, &conv2), STORE_OK);
    memset(&w, 0, sizeof w);
    assert_int_equal(store_conversations_for_client(f->s, amy, seen_conv, &w), STORE_OK);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.t[0], 900);
    assert_int_equal(w.t[1], 0);

    /* Messages both ways are the client's history, with the specialist. */
    int64_t from_amy = inbound_from(f->s, "a1", "+15550000001", amy, 0, 1310);
    int64_t from_jo = inbound_from(f->s, "j1", "+15550009001", 0, jo, 1320);
    struct store_outbound o = {.to = "+15550000001", .body = "hi amy", .kind = MSG_KIND_CONVERSATION,
                               .client_id = amy, .specialist_id = jo};
    int64_t to_amy = 0;
    assert_int_equal(store_outbound_queue(f->s, &o, 1320, &to_amy), STORE_OK);
    assert_int_equal(store_message_link(f->s, from_amy, conv2, amy), STORE_OK);
    assert_int_equal(store_message_link(f->s, from_jo, conv2, amy), STORE_OK);
    assert_int_equal(store_message_link(f->s, to_amy, conv2, amy), STORE_OK);
    struct msgs_seen m = {0};
    assert_int_equal(store_messages_for_client(f->s, amy, seen_msg, &m), STORE_OK);
    assert_int_equal(m.n, 3);
    assert_int_equal(m.m[0].conversation_id, conv2);
    assert_string_equal(m.m[0].specialist, "");
    assert_string_equal(m.m[1].peer, "+15550009001");
    assert_string_equal(m.m[1].specialist, "jo");
    assert_string_equal(msg_direction_name(m.m[2].direction), "out");
    assert_string_equal(m.m[2].specialist, "jo");
    int64_t last = 0;
    assert_int_equal(store_client_last_inbound(f->s, amy, &last), STORE_OK);
    assert_int_equal(last, 1310); /* the specialist's message is not the client writing */
    assert_int_equal(store_client_last_inbound(f->s, bob, &last), STORE_NOTFOUND);

    /* After STOP: only a message after the STOP message counts, even in
     * the same second. */
    int64_t stop = inbound_from(f->s, "a2", "+15550000001", amy, 0, 1400);
    assert_int_equal(store_client_set_state(f->s, amy, CLIENT_OPTED_OUT, 1400), STORE_OK);
    assert_int_equal(store_client_set_stop_message(f->s, amy, stop), STORE_OK);
    bool after = true;
    assert_int_equal(store_client_wrote_after_stop(f->s, amy, &after), STORE_OK);
    assert_false(after);
    inbound_from(f->s, "j2", "+15550009001", amy, jo, 1400); /* the specialist, not amy */
    assert_int_equal(store_client_wrote_after_stop(f->s, amy, &after), STORE_OK);
    assert_false(after);
    inbound_from(f->s, "a3", "+15550000001", amy, 0, 1400);
    assert_int_equal(store_client_wrote_after_stop(f->s, amy, &after), STORE_OK);
    assert_true(after);

    /* Removing the client removes the conversations and every relayed copy. */
    struct store_client c;
    assert_int_equal(store_client_get(f->s, amy, &c), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_client_remove(f->s, &c, NULL), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM conversations WHERE client_id = %lld",
                           (long long)amy), 0);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages WHERE id = %lld",
                           (long long)from_jo), 0);
}

static void test_audit(void **state)
{
    struct fx *f = *state;
    char buf[128];
    assert_int_equal(
        store_audit(f->s, 1700000000, "specialist:jordan", "escalation.ack", "17", "called, safe"),
        STORE_OK);
    assert_int_equal(store_audit(f->s, 1700000001, "operator", "client.enroll", NULL, NULL),
                     STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM audit"), 2);
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT at || '|' || actor || '|' || action || '|' || subject"
                               " || '|' || detail FROM audit ORDER BY id LIMIT 1"),
                        "1700000000|specialist:jordan|escalation.ack|17|called, safe");
    assert_int_equal(q_int(db2(f), "SELECT subject IS NULL AND detail IS NULL FROM audit"
                                   " WHERE action = 'client.enroll'"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn, setup) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_moods, setup_store),
        T(test_escalations, setup_store),
        T(test_escalation_unknown_saved_state, setup_store),
        T(test_escalation_unknown_saved_severity, setup_store),
        T(test_escalation_realert_chain, setup_store),
        T(test_escalation_merge_upgrade_followup, setup_store),
        T(test_messages_for_client, setup_store),
        T(test_conversations, setup_store),
        T(test_audit, setup_store),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
