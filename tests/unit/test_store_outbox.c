/* SPDX-License-Identifier: Apache-2.0 */
/* test_store_outbox.c: the store's inbound messages (duplicates by
 * provider id, bodies byte for byte), the outbox (claim order and states,
 * in the caller's transaction, long bodies), transactions and failed
 * commits, a busy database and a full disk, on a real SQLite file
 * (harness: store_harness.h). */
#include "store_harness.h"

/* ---- inbound ------------------------------------------------------------------------------ */

static void test_inbound_dedup(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t id1 = inbound(f->s, "spool", "GSM1.abc", c1, 100);

    struct store_inbound m = {
        .provider = "spool",
        .ext_id = "GSM1.abc",
        .from = "+15550000001",
        .body = "8",
        .body_len = 1,
        .client_id = c1,
    };
    int64_t id2 = -1;
    assert_int_equal(store_inbound_insert(f->s, &m, 101, &id2), STORE_EXISTS);
    assert_int_equal(id2, -1);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), 1);
    char buf[32];
    assert_string_equal(q_text(db2(f), buf, sizeof buf, "SELECT body FROM messages"), "7");

    /* The same id from another provider is another message. */
    m.provider = "twilio";
    assert_int_equal(store_inbound_insert(f->s, &m, 102, &id2), STORE_OK);
    assert_true(id2 > id1);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), 2);

    /* State, direction, times: received_at given, else now. */
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT direction || '/' || state FROM messages WHERE id = %lld",
                               (long long)id1),
                        "in/received");
    assert_int_equal(
        q_int(db2(f), "SELECT created_at FROM messages WHERE id = %lld", (long long)id2), 102);
    m.ext_id = "other";
    m.received_at = 90;
    assert_int_equal(store_inbound_insert(f->s, &m, 103, &id2), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT created_at FROM messages WHERE id = %lld", (long long)id2), 90);
    /* Not a client: client_id NULL, not 0 (it references clients). */
    m.ext_id = "stranger";
    m.client_id = 0;
    assert_int_equal(store_inbound_insert(f->s, &m, 104, &id2), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT client_id IS NULL FROM messages WHERE id = %lld", (long long)id2), 1);
}

/* A provider that gives no message id must not have every later message
 * taken for a duplicate of its first one (that would drop replies). */
static void test_inbound_without_ext_id_is_never_a_duplicate(void **state)
{
    struct fx *f = *state;
    struct store_inbound m = {
        .provider = "modem",
        .ext_id = NULL,
        .from = "+15550000001",
        .body = "I want to die",
        .body_len = 13,
    };
    assert_int_equal(store_inbound_insert(f->s, &m, 100, NULL), STORE_OK);
    assert_int_equal(store_inbound_insert(f->s, &m, 101, NULL), STORE_OK);
    m.ext_id = "";
    assert_int_equal(store_inbound_insert(f->s, &m, 102, NULL), STORE_OK);
    assert_int_equal(store_inbound_insert(f->s, &m, 103, NULL), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages WHERE provider = 'modem'"), 4);
}

static void test_inbound_body_byte_for_byte(void **state)
{
    struct fx *f = *state;
    static const char body[] = "ok\xff\xfe\0tail\xc3"; /* invalid UTF-8, a NUL, a cut sequence */
    const size_t len = sizeof body - 1;                /* 10 bytes */
    struct store_inbound m = {
        .provider = "spool",
        .ext_id = "x1",
        .from = "+15550000001",
        .body = body,
        .body_len = len,
    };
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(f->s, &m, 100, &id), STORE_OK);

    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db2(f), "SELECT body FROM messages WHERE id = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(st, 1, id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const void *got = sqlite3_column_blob(st, 0);
    int n = sqlite3_column_bytes(st, 0);
    assert_int_equal(n, (int)len);
    assert_memory_equal(got, body, len);
    sqlite3_finalize(st);

    /* An empty body (and a NULL one) is stored as "", not refused. */
    m.ext_id = "x2";
    m.body = NULL;
    m.body_len = 0;
    assert_int_equal(store_inbound_insert(f->s, &m, 101, &id), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT length(body) FROM messages WHERE id = %lld", (long long)id), 0);
}

/* ---- outbox ---------------------------------------------------------------------------------- */

static void test_outbox_claim_order_and_states(void **state)
{
    struct fx *f = *state;
    int64_t cl = add_client(f->s, "amy", "+15550000001", "", 0);
    struct store_outbound m = {
        .to = "+15550000001",
        .body = "How are you today, 1-10?",
        .kind = MSG_KIND_CHECKIN,
        .priority = MSG_PRIO_NORMAL,
        .client_id = cl,
        .expires_at = 9999,
        .queued_ms = 100123, /* 123 ms into second 100 */
    };
    int64_t n1, n2, u1, u2, fut;
    assert_int_equal(store_outbound_queue(f->s, &m, 100, &n1), STORE_OK);
    n2 = queue(f->s, "normal 2", MSG_PRIO_NORMAL, 101);
    u1 = queue(f->s, "urgent 1", MSG_PRIO_URGENT, 102);
    u2 = queue(f->s, "urgent 2", MSG_PRIO_URGENT, 103);
    fut = queue(f->s, "later", MSG_PRIO_URGENT, 500); /* due at 500 */

    int64_t q, s, fl;
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 5);
    assert_int_equal(s, 0);
    assert_int_equal(fl, 0);
    int64_t t;
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_OK);
    assert_int_equal(t, 100);

    struct store_msg out[8];
    assert_int_equal(store_outbox_claim(f->s, 99, INT_MIN, INT_MAX, out, 8), 0); /* nothing due yet */
    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 0), 0);

    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 2), 2);
    assert_int_equal(out[0].id, u1);
    assert_int_equal(out[1].id, u2);
    assert_int_equal(out[0].priority, MSG_PRIO_URGENT);
    assert_int_equal(out[0].attempts, 1);
    assert_string_equal(out[0].body, "urgent 1");

    memset(out, 0x5a, sizeof out);
    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 8), 2); /* fut is not due */
    assert_int_equal(out[0].id, n1);
    assert_int_equal(out[1].id, n2);
    assert_string_equal(out[0].to, "+15550000001");
    assert_string_equal(out[0].body, "How are you today, 1-10?");
    assert_string_equal(msg_kind_name(out[0].kind), msg_kind_name(MSG_KIND_CHECKIN));
    assert_int_equal(out[0].priority, MSG_PRIO_NORMAL);
    assert_int_equal(out[0].attempts, 1);
    assert_int_equal(out[0].client_id, cl);
    assert_int_equal(out[0].expires_at, 9999);
    assert_string_equal(out[0].provider, "");
    assert_int_equal(out[1].client_id, 0);
    assert_int_equal(out[1].expires_at, 0);
    /* The queue time in milliseconds: as given, or the second it was queued. */
    assert_int_equal(out[0].queued_ms, 100123);
    assert_int_equal(out[0].created_at, 100);
    assert_int_equal(out[1].queued_ms, 101000);

    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 8), 0); /* all taken */
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 1);
    assert_int_equal(s, 4);
    char buf[32];
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM messages WHERE id = %lld", (long long)u1),
                        "sending");
    assert_int_equal(q_int(db2(f), "SELECT attempts FROM messages WHERE id = %lld", (long long)n1),
                     1);
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_OK);
    assert_int_equal(t, 500);

    /* Retry: back in the queue at 400, with the provider remembered. */
    assert_int_equal(store_msg_retry(f->s, n1, "spool", "modem busy", 400, 201), STORE_OK);
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_OK);
    assert_int_equal(t, 400);
    assert_int_equal(store_outbox_claim(f->s, 399, INT_MIN, INT_MAX, out, 8), 0);
    assert_int_equal(store_outbox_claim(f->s, 400, INT_MIN, INT_MAX, out, 8), 1);
    assert_int_equal(out[0].id, n1);
    assert_int_equal(out[0].attempts, 2);
    assert_string_equal(out[0].provider, "spool");
    assert_int_equal(q_int(db2(f), "SELECT attempts FROM messages WHERE id = %lld", (long long)n1),
                     2);

    /* Final states. */
    assert_int_equal(store_msg_sent(f->s, n1, "twilio", "SM123", 410), STORE_OK);
    assert_int_equal(store_msg_failed(f->s, n2, "spool", "no route", 411), STORE_OK);
    assert_int_equal(store_msg_expired(f->s, u1, 412), STORE_OK);
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state || '/' || provider || '/' || provider_msg_id"
                               " FROM messages WHERE id = %lld",
                               (long long)n1),
                        "sent/twilio/SM123");
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state || '/' || last_error FROM messages WHERE id = %lld",
                               (long long)n2),
                        "failed/no route");
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM messages WHERE id = %lld", (long long)u1),
                        "expired");
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 1);  /* fut */
    assert_int_equal(s, 1);  /* u2 */
    assert_int_equal(fl, 1); /* n2 */
    /* Inbound messages are not counted. */
    inbound(f->s, "spool", "in1", 0, 420);
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q + s + fl, 3);

    /* After a crash: u2 was left in "sending". */
    assert_int_equal(store_outbox_recover(f->s, 600), 1);
    assert_int_equal(store_outbox_recover(f->s, 601), 0);
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 2);
    assert_int_equal(s, 0);
    assert_int_equal(store_outbox_claim(f->s, 600, INT_MIN, INT_MAX, out, 8), 2);
    assert_int_equal(out[0].id, fut); /* due at 500, before u2's 600 */
    assert_int_equal(out[1].id, u2);
    assert_int_equal(out[1].attempts, 2);
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_NOTFOUND);
}

static void test_outbox_claim_in_callers_transaction(void **state)
{
    struct fx *f = *state;
    int64_t id = queue(f->s, "hello", MSG_PRIO_NORMAL, 100);
    struct store_msg out[2];
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 2), 1);
    assert_int_equal(out[0].id, id);
    store_rollback(f->s);
    /* The claim was part of the rolled back transaction. */
    int64_t q, s, fl;
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 1);
    assert_int_equal(s, 0);
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 2), 1);
    assert_int_equal(out[0].attempts, 1);
}

static void test_outbox_long_body_truncated_safely(void **state)
{
    struct fx *f = *state;
    char *body = malloc(3000);
    assert_non_null(body);
    memset(body, 'x', 2999);
    body[2999] = '\0';
    queue(f->s, body, MSG_PRIO_NORMAL, 100);
    free(body);
    struct store_msg out[1];
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 1), 1);
    assert_int_equal(strlen(out[0].body), STORE_BODY_MAX - 1);
    /* The stored row is whole; only the copy is bounded. */
    assert_int_equal(q_int(db2(f), "SELECT length(body) FROM messages"), 2999);
}

/* ---- transactions ------------------------------------------------------------------------------
 */

static void test_transactions(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "amy", "+15550000001", "", 0);
    /* Not visible to another connection before the commit. */
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 0);
    store_rollback(f->s);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_NOTFOUND);

    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "amy", "+15550000001", "", 0);
    inbound(f->s, "spool", "m1", 0, 10);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 1);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), 1);

    /* Transactions do not nest; the misuse is reported, not ignored. */
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "within a transaction"));
    store_rollback(f->s);
    assert_int_equal(store_commit(f->s), STORE_ERR); /* none open */
    store_rollback(f->s);                            /* none open: a no-op */
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
}

/* The WAL is written at COMMIT; a file size limit (RLIMIT_FSIZE, with
 * SIGXFSZ ignored so the write fails with EFBIG) makes that write fail
 * without root tricks. The store must report the failure, end the
 * transaction, and keep working once the limit is lifted. */
static void limit_file_size(struct fx *f)
{
    char wal[160];
    struct stat st;
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    assert_int_equal(stat(wal, &st), 0);
    struct rlimit rl = f->old_fsize;
    rl.rlim_cur = (rlim_t)st.st_size;
    signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

static void unlimit_file_size(struct fx *f)
{
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &f->old_fsize), 0);
}

static void test_failed_commit(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    add_client(f->s, "amy", "+15550000001", "", 0);
    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "bob", "+15550000002", "", 0);
    limit_file_size(f);
    int rc = store_commit(f->s);
    unlimit_file_size(f);
    assert_true(rc < 0);
    assert_true(store_errmsg(f->s)[0] != '\0');
    /* Not committed, and no transaction left open. */
    assert_int_equal(store_client_by_alias(f->s, "bob", &c), STORE_NOTFOUND);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "bob", "+15550000002", "", 0);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 2);
}

/* The same failure outside an explicit transaction: each store function
 * commits on its own and must report a commit that did not happen. */
static void test_failed_autocommit_is_reported(void **state)
{
    struct fx *f = *state;
    struct store_specialist sp;
    struct store_client c;
    int rc;

    limit_file_size(f);
    rc = store_specialist_upsert(f->s, "jordan", "Jordan", "+15551110001", 1, NULL);
    unlimit_file_size(f);
    if (rc == STORE_OK)
        assert_int_equal(store_specialist_by_key(f->s, "jordan", &sp), STORE_OK);
    else
        assert_int_equal(store_specialist_by_key(f->s, "jordan", &sp), STORE_NOTFOUND);
    assert_true(rc < 0);

    struct store_client n;
    memset(&n, 0, sizeof n);
    snprintf(n.alias, sizeof n.alias, "amy");
    snprintf(n.phone, sizeof n.phone, "+15550000001");
    snprintf(n.tz, sizeof n.tz, "UTC");
    snprintf(n.schedule, sizeof n.schedule, "daily");
    limit_file_size(f);
    rc = store_client_insert(f->s, &n);
    unlimit_file_size(f);
    assert_true(rc < 0);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_NOTFOUND);

    /* And all is well afterwards. */
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "Jordan", "+15551110001", 1, NULL),
                     STORE_OK);
    assert_int_equal(store_client_insert(f->s, &n), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM specialists"), 1);
}

/* ---- busy
 * ------------------------------------------------------------------------------------------ */

static void test_busy(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    int64_t id = add_client(f->s, "amy", "+15550000001", "", 0);
    queue(f->s, "hi", MSG_PRIO_NORMAL, 100);
    store_set_busy_timeout(f->s, 20);

    exec2(db2(f), "BEGIN IMMEDIATE");
    assert_int_equal(store_begin(f->s), STORE_BUSY);
    assert_non_null(strstr(store_errmsg(f->s), "locked"));
    /* A single write outside a transaction, and the outbox claim, too. */
    assert_int_equal(store_audit(f->s, 1, "operator", "client.pause", "amy", NULL), STORE_BUSY);
    struct store_msg out[1];
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 1), STORE_BUSY);
    /* Readers are not blocked by a writer in WAL mode. */
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    exec2(db2(f), "COMMIT");

    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 1), 1);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(store_audit(f->s, 1, "operator", "client.pause", "amy", NULL), STORE_OK);
}

/* ---- full
 * ------------------------------------------------------------------------------------------ */

static void test_full(void **state)
{
    struct fx *f = *state;
    int64_t cl = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t pages = q_int(db2(f), "PRAGMA page_count");
    assert_int_equal(store_limit_pages(f->s, (int)pages + 8), STORE_OK);

    static char body[3000];
    memset(body, 'z', sizeof body);
    struct store_inbound m = {
        .provider = "spool",
        .from = "+15550000001",
        .body = body,
        .body_len = sizeof body,
        .client_id = cl,
    };
    char ext[32];
    int rc = STORE_OK, i, stored = 0;
    for (i = 0; i < 200 && rc == STORE_OK; i++) {
        snprintf(ext, sizeof ext, "m%d", i);
        m.ext_id = ext;
        rc = store_inbound_insert(f->s, &m, 100 + i, NULL);
        if (rc == STORE_OK) stored++;
    }
    assert_int_equal(rc, STORE_FULL);
    assert_non_null(strstr(store_errmsg(f->s), "full"));
    assert_true(stored > 0);

    /* Reads still work. */
    struct store_client c;
    assert_int_equal(store_client_get(f->s, cl, &c), STORE_OK);
    assert_int_equal(store_ping(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), stored);

    /* In a transaction: the failure leaves it to be rolled back, and then
     * the store carries on. */
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_audit(f->s, 1, "gateway", "test", NULL, NULL), STORE_OK);
    snprintf(ext, sizeof ext, "tx");
    m.ext_id = ext;
    assert_int_equal(store_inbound_insert(f->s, &m, 500, NULL), STORE_FULL);
    store_rollback(f->s);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM audit"), 0);
    assert_int_equal(store_client_get(f->s, cl, &c), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_audit(f->s, 2, "gateway", "small", NULL, NULL), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM audit"), 1);

    /* Room again: the same message goes in. */
    assert_int_equal(store_limit_pages(f->s, 1 << 30), STORE_OK);
    assert_int_equal(store_inbound_insert(f->s, &m, 501, NULL), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), stored + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn, setup) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_inbound_dedup, setup_store),
        T(test_inbound_without_ext_id_is_never_a_duplicate, setup_store),
        T(test_inbound_body_byte_for_byte, setup_store),
        T(test_outbox_claim_order_and_states, setup_store),
        T(test_outbox_claim_in_callers_transaction, setup_store),
        T(test_outbox_long_body_truncated_safely, setup_store),
        T(test_transactions, setup_store),
        T(test_failed_commit, setup_store),
        T(test_failed_autocommit_is_reported, setup_store),
        T(test_busy, setup_store),
        T(test_full, setup_store),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
