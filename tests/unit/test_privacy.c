/* SPDX-License-Identifier: Apache-2.0 */
/* test_privacy.c: unit tests of the consent and privacy pieces: crypt.c
 * (seal/open, tampering, wrong column, unknown key, rotation keys),
 * consent.c (plain yes in English and Spanish, frequency in words), and the
 * store functions behind them on a real SQLite file in a temporary
 * directory: sealed columns and store_set_crypt's refusal, the STOP
 * cancellation, consent events for the digest, retention, remove, rekey. */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "config/config.h"
#include "model/consent.h"
#include "base/crypt.h"
#include "core/digest_consent.h"
#include "store/store.h"

#define K1 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define K2 "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"

/* ---- crypt ------------------------------------------------------------- */

static void test_seal_open(void **state)
{
    (void)state;
    struct crypt *c = NULL;
    char err[256], why[256];
    size_t blen = 0, plen = 0;
    assert_int_equal(crypt_new(&c, K1, NULL, err, sizeof err), 0);
    assert_true(crypt_sealing(c));
    unsigned char *b = crypt_seal(c, "messages.body", "I feel 3 today", 14, &blen);
    assert_non_null(b);
    assert_int_equal(blen, 14 + CRYPT_OVERHEAD);
    assert_true(crypt_is_sealed(b, blen));
    assert_true(crypt_blob_is_current(c, b, blen));
    assert_null(memmem(b, blen, "feel", 4)); /* no plaintext in the blob */
    char *pt = crypt_open(c, "messages.body", b, blen, &plen, why, sizeof why);
    assert_non_null(pt);
    assert_int_equal(plen, 14);
    assert_string_equal(pt, "I feel 3 today");
    free(pt);
    /* Another column's label does not open it. */
    assert_null(crypt_open(c, "clients.name", b, blen, &plen, why, sizeof why));
    assert_non_null(strstr(why, "does not authenticate"));
    /* One flipped bit anywhere does not open. */
    for (size_t i = 0; i < blen; i++) {
        b[i] ^= 0x01;
        assert_null(crypt_open(c, "messages.body", b, blen, &plen, why, sizeof why));
        b[i] ^= 0x01;
    }
    /* Two seals of the same text differ (random nonce). */
    size_t blen2 = 0;
    unsigned char *b2 = crypt_seal(c, "messages.body", "I feel 3 today", 14, &blen2);
    assert_memory_not_equal(b, b2, blen);
    free(b2);
    free(b);
    crypt_free(c);
}

static void test_keys_and_rotation(void **state)
{
    (void)state;
    struct crypt *old = NULL, *rot = NULL, *none = NULL, *bad = NULL;
    char err[256], why[256], id[CRYPT_ID_HEX_LEN + 1];
    size_t blen = 0, plen = 0;
    assert_int_equal(crypt_new(&old, K1, NULL, err, sizeof err), 0);
    unsigned char *b = crypt_seal(old, "clients.name", "Ana Diaz", 8, &blen);
    crypt_blob_id(b, blen, id);
    assert_string_equal(id, crypt_current_id(old));
    /* New key with the old one as previous: opens, but is not current. */
    assert_int_equal(crypt_new(&rot, K2, K1, err, sizeof err), 0);
    assert_true(crypt_knows_id(rot, id));
    assert_false(crypt_blob_is_current(rot, b, blen));
    char *pt = crypt_open(rot, "clients.name", b, blen, &plen, why, sizeof why);
    assert_non_null(pt);
    assert_string_equal(pt, "Ana Diaz");
    free(pt);
    /* Only the new key: the old value cannot be opened, and says why. */
    assert_int_equal(crypt_new(&none, K2, NULL, err, sizeof err), 0);
    assert_null(crypt_open(none, "clients.name", b, blen, &plen, why, sizeof why));
    assert_non_null(strstr(why, "not configured"));
    assert_non_null(strstr(why, id));
    /* No key at all: nothing is sealed, a sealed value is refused. */
    assert_null(crypt_seal(NULL, "clients.name", "x", 1, &blen));
    assert_false(crypt_sealing(NULL));
    /* Bad keys are refused without echoing them. */
    assert_int_equal(crypt_new(&bad, "abc", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "64 hex digits"));
    assert_int_equal(crypt_new(&bad, K1, K1, err, sizeof err), -1);
    assert_non_null(strstr(err, "same key"));
    char k[CRYPT_KEY_HEX_LEN + 1];
    k[CRYPT_KEY_HEX_LEN] = '\0';
    memset(k, 'g', CRYPT_KEY_HEX_LEN);
    assert_int_equal(crypt_key_check(k, err, sizeof err), -1);
    assert_null(strstr(err, "gggg"));
    char gen[CRYPT_KEY_HEX_LEN + 1];
    assert_int_equal(crypt_keygen(gen), 0);
    assert_int_equal(crypt_key_check(gen, err, sizeof err), 0);
    free(b);
    crypt_free(old);
    crypt_free(rot);
    crypt_free(none);
    crypt_free(NULL);
}

/* ---- consent ----------------------------------------------------------- */

static void test_yes(void **state)
{
    (void)state;
    static const char *const yes[] = {"YES", "yes", " Yes! ", "y", "Yes please", "yes, please",
                                      "OK", "okay.", "I agree", "SI", "Sí", "sí", "¡Sí!", "si.",
                                      "De acuerdo", "claro", "Yep", "START"};
    static const char *const no[] = {"", "no", "yes but not daily", "yes 3", "7", "STOP",
                                     "yesterday", "sin", "si no", "yes \xF0\x9F\x98\x8A",
                                     "\xff\xfe", "maybe", "YESS"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!consent_is_yes(yes[i], strlen(yes[i])))
            fail_msg("\"%s\" should be a yes", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (consent_is_yes(no[i], strlen(no[i])))
            fail_msg("\"%s\" should not be a yes", no[i]);
    assert_false(consent_is_yes(NULL, 0));
}

static void test_frequency(void **state)
{
    (void)state;
    struct gw_schedule s = {.ntimes = 1, .times = {9 * 60}, .days = 0x7f};
    char out[160];
    assert_string_equal(consent_frequency(&s, LANG_EN, out, sizeof out), "every day at 9:00 AM");
    assert_string_equal(consent_frequency(&s, LANG_ES, out, sizeof out),
                        "todos los días a las 09:00");
    s.ntimes = 2;
    s.times[1] = 18 * 60 + 30;
    s.days = 0x3e;
    assert_string_equal(consent_frequency(&s, LANG_EN, out, sizeof out),
                        "on weekdays at 9:00 AM and 6:30 PM");
    assert_string_equal(consent_frequency(&s, LANG_ES, out, sizeof out),
                        "de lunes a viernes a las 09:00 y 18:30");
    s.ntimes = 1;
    s.times[0] = 60;
    s.days = (1u << 1) | (1u << 3) | (1u << 5);
    assert_string_equal(consent_frequency(&s, LANG_EN, out, sizeof out),
                        "on Mon, Wed and Fri at 1:00 AM");
    assert_string_equal(consent_frequency(&s, LANG_ES, out, sizeof out),
                        "los lun, mié y vie a la 01:00");
    s.ntimes = 4;
    s.days = 0x7f;
    assert_string_equal(consent_frequency(&s, LANG_EN, out, sizeof out), "4 times a day");
    s.days = 0x41;
    assert_string_equal(consent_frequency(&s, LANG_EN, out, sizeof out),
                        "4 times a day on weekends");
    assert_string_equal(consent_frequency(NULL, LANG_EN, out, sizeof out), "");
    /* A small buffer is cut, never overrun. */
    char tiny[8];
    consent_frequency(&s, LANG_EN, tiny, sizeof tiny);
    assert_int_equal(strlen(tiny), 7);
}

/* ---- the store ----------------------------------------------------------- */

struct fx {
    char dir[64], path[96];
    struct store *s;
    struct crypt *c;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    char err[256];
    snprintf(f->dir, sizeof f->dir, "/tmp/test_privacy.XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/db.sqlite", f->dir);
    if (store_open(&f->s, f->path, err, sizeof err) != STORE_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char p[128];
    store_close(f->s);
    crypt_free(f->c);
    snprintf(p, sizeof p, "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->path);
    unlink(p);
    unlink(f->path);
    rmdir(f->dir);
    free(f);
    return 0;
}

static int64_t add_client(struct store *s, const char *alias, const char *phone, int64_t spec)
{
    struct store_client c = {0};
    snprintf(c.alias, sizeof c.alias, "%s", alias);
    snprintf(c.name, sizeof c.name, "Name of %s", alias);
    snprintf(c.phone, sizeof c.phone, "%s", phone);
    snprintf(c.tz, sizeof c.tz, "UTC");
    snprintf(c.schedule, sizeof c.schedule, "daily");
    c.state = CLIENT_ACTIVE;
    c.specialist_id = spec;
    c.created_at = 1000;
    assert_int_equal(store_client_insert(s, &c), STORE_OK);
    return c.id;
}

static int64_t add_in(struct store *s, int64_t client, const char *from, const char *body,
                      const char *ext, int64_t at)
{
    struct store_inbound m = {.provider = "spool", .ext_id = ext, .from = from, .body = body,
                              .body_len = strlen(body), .received_at = at, .client_id = client};
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(s, &m, at, &id), STORE_OK);
    return id;
}

/* The raw bytes of a whole column, to look for plaintext. */
static bool column_contains(const char *path, const char *q, const char *needle)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    bool found = false;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const void *v = sqlite3_column_blob(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        if (v && memmem(v, (size_t)n, needle, strlen(needle)))
            found = true;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return found;
}

static int count_cb(void *ctx, const struct store_msg_row *m)
{
    (void)m;
    (*(int *)ctx)++;
    return 0;
}

static int body_cb(void *ctx, const struct store_msg_row *m)
{
    char *out = ctx;
    strcat(out, m->body);
    strcat(out, "|");
    return 0;
}

/* Turns encryption off with previous key prev: rekey writes every value
 * plain, then the store runs without a key. The crypt used, to free. */
static struct crypt *turn_off(struct fx *f, const char *prev)
{
    char err[256];
    struct crypt *off = NULL;
    struct store_rekey r = {0};
    int64_t left = -1;
    assert_int_equal(crypt_new(&off, NULL, prev, err, sizeof err), 0);
    assert_int_equal(store_set_crypt(f->s, off), STORE_OK);
    while (!r.done)
        assert_int_equal(store_rekey_step(f->s, &r, 100), STORE_OK);
    assert_int_equal(store_rekey_finish(f->s, &left), STORE_OK);
    assert_int_equal(left, 0);
    assert_int_equal(store_set_crypt(f->s, NULL), STORE_OK);
    return off;
}

static void test_sealed_store_and_rekey(void **state)
{
    struct fx *f = *state;
    char err[256], bodies[512] = "";
    struct store_client c;
    assert_int_equal(crypt_new(&f->c, K1, NULL, err, sizeof err), 0);
    assert_int_equal(store_set_crypt(f->s, f->c), STORE_OK);
    int64_t id = add_client(f->s, "ana", "+15555550101", 0);
    add_in(f->s, id, "+15555550101", "secret-walrus 4", "a1", 2000);
    assert_false(column_contains(f->path, "SELECT body FROM messages", "walrus"));
    assert_false(column_contains(f->path, "SELECT name FROM clients", "Name of"));
    assert_int_equal(store_client_by_alias(f->s, "ana", &c), STORE_OK);
    assert_string_equal(c.name, "Name of ana");
    assert_int_equal(store_messages_for_client(f->s, id, body_cb, bodies), STORE_OK);
    assert_string_equal(bodies, "secret-walrus 4|");

    /* Without the key the store refuses the database, and says which key. */
    assert_int_equal(store_set_crypt(f->s, NULL), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), crypt_current_id(f->c)));

    /* Rotation: K2 current, K1 previous; rekey in batches of 1. */
    struct crypt *rot = NULL;
    assert_int_equal(crypt_new(&rot, K2, K1, err, sizeof err), 0);
    assert_int_equal(store_set_crypt(f->s, rot), STORE_OK);
    add_in(f->s, id, "+15555550101", "during-rotation", "a2", 2001);
    int64_t left = 0;
    assert_int_equal(store_rekey_finish(f->s, &left), STORE_OK);
    assert_int_equal(left, 2); /* the first body and the name */
    struct store_rekey r = {0};
    int steps = 0;
    while (!r.done && steps++ < 20)
        assert_int_equal(store_rekey_step(f->s, &r, 1), STORE_OK);
    assert_true(r.done);
    assert_int_equal(r.rewritten, 2);
    assert_int_equal(store_rekey_finish(f->s, &left), STORE_OK);
    assert_int_equal(left, 0);
    /* K1 is forgotten: K2 alone is enough now. */
    struct crypt *k2 = NULL;
    assert_int_equal(crypt_new(&k2, K2, NULL, err, sizeof err), 0);
    assert_int_equal(store_set_crypt(f->s, k2), STORE_OK);
    bodies[0] = '\0';
    assert_int_equal(store_messages_for_client(f->s, id, body_cb, bodies), STORE_OK);
    assert_string_equal(bodies, "secret-walrus 4|during-rotation|");
    assert_int_equal(store_client_by_alias(f->s, "ana", &c), STORE_OK);
    assert_string_equal(c.name, "Name of ana");

    /* Turning encryption off: rekey with no current key writes plain text. */
    struct crypt *off = turn_off(f, K2);
    assert_true(column_contains(f->path, "SELECT body FROM messages", "walrus"));
    store_set_crypt(f->s, NULL);
    crypt_free(rot);
    crypt_free(k2);
    crypt_free(off);
}

/* A birthday (month and day, for caring contacts) is sealed like the name:
 * on insert and update, re-sealed by rekey, opened when read, and written
 * plain again when encryption is turned off. */
static void test_sealed_birthday(void **state)
{
    struct fx *f = *state;
    char err[256];
    struct store_client c;
    assert_int_equal(crypt_new(&f->c, K1, NULL, err, sizeof err), 0);
    assert_int_equal(store_set_crypt(f->s, f->c), STORE_OK);
    int64_t id = add_client(f->s, "ana", "+15555550101", 0);
    assert_int_equal(store_client_by_alias(f->s, "ana", &c), STORE_OK);
    assert_string_equal(c.birthday, "");
    snprintf(c.birthday, sizeof c.birthday, "07-14");
    assert_int_equal(store_client_update(f->s, &c), STORE_OK);
    assert_false(column_contains(f->path, "SELECT birthday FROM clients", "07-14"));
    memset(&c, 0, sizeof c);
    assert_int_equal(store_client_by_alias(f->s, "ana", &c), STORE_OK);
    assert_string_equal(c.birthday, "07-14");
    /* Enrolled with one: sealed on insert. */
    struct store_client b = c;
    snprintf(b.alias, sizeof b.alias, "bea");
    snprintf(b.phone, sizeof b.phone, "+15555550102");
    snprintf(b.birthday, sizeof b.birthday, "02-29");
    assert_int_equal(store_client_insert(f->s, &b), STORE_OK);
    assert_false(column_contains(f->path, "SELECT birthday FROM clients", "02-29"));

    /* Rotation: both birthdays and both names are left under the old key. */
    struct crypt *rot = NULL;
    int64_t left = 0;
    assert_int_equal(crypt_new(&rot, K2, K1, err, sizeof err), 0);
    assert_int_equal(store_set_crypt(f->s, rot), STORE_OK);
    assert_int_equal(store_rekey_finish(f->s, &left), STORE_OK);
    assert_int_equal(left, 4);
    struct store_rekey r = {0};
    while (!r.done)
        assert_int_equal(store_rekey_step(f->s, &r, 1), STORE_OK);
    assert_int_equal(r.rewritten, 4);
    assert_int_equal(store_rekey_finish(f->s, &left), STORE_OK);
    assert_int_equal(left, 0);
    assert_int_equal(store_client_by_alias(f->s, "bea", &c), STORE_OK);
    assert_string_equal(c.birthday, "02-29");

    /* Off: written plain again, and read without a key. */
    struct crypt *off = turn_off(f, K2);
    assert_true(column_contains(f->path, "SELECT birthday FROM clients", "07-14"));
    assert_int_equal(store_client_by_alias(f->s, "ana", &c), STORE_OK);
    assert_int_equal(c.id, id);
    assert_string_equal(c.birthday, "07-14");
    crypt_free(rot);
    crypt_free(off);
}

static int event_cb(void *ctx, const struct store_consent_event *e)
{
    char *out = ctx;
    strcat(out, e->alias);
    strcat(out, ":");
    strcat(out, e->action);
    strcat(out, " ");
    return 0;
}

static void test_stop_cancel_events_retention_remove(void **state)
{
    struct fx *f = *state;
    int64_t spec = 0, esc_msg;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "Jordan", "+15555550100", 1, &spec),
                     STORE_OK);
    int64_t ana = add_client(f->s, "ana", "+15555550101", spec);
    int64_t bo = add_client(f->s, "bo", "+15555550102", 0);

    /* A queued check-in and an urgent message; STOP cancels only the first. */
    struct store_outbound ci = {.to = "+15555550101", .body = "How are you?", .kind = MSG_KIND_CHECKIN,
                                .client_id = ana};
    struct store_outbound ur = {.to = "+15555550101", .body = "988", .kind = MSG_KIND_CRISIS,
                                .priority = MSG_PRIO_URGENT, .client_id = ana};
    assert_int_equal(store_outbound_queue(f->s, &ci, 1500, NULL), STORE_OK);
    assert_int_equal(store_outbound_queue(f->s, &ur, 1500, NULL), STORE_OK);
    assert_int_equal(store_outbox_cancel_client(f->s, ana, 1600), 1);
    struct store_msg claimed[4];
    assert_int_equal(store_outbox_claim(f->s, 2000, 0, MSG_PRIO_URGENT, claimed, 4), 1);
    assert_string_equal(msg_kind_name(claimed[0].kind), "crisis");

    /* Consent events for the digest: by specialist, after an audit id. */
    char ev[256] = "";
    assert_int_equal(store_audit(f->s, 1600, "client", "client.opt_out", "ana", NULL), STORE_OK);
    assert_int_equal(store_audit(f->s, 1601, "client", "client.opt_out", "bo", NULL), STORE_OK);
    assert_int_equal(store_audit(f->s, 1602, "client", "mood", "ana", NULL), STORE_OK);
    assert_int_equal(store_consent_events(f->s, spec, 0, event_cb, ev), STORE_OK);
    assert_string_equal(ev, "ana:client.opt_out ");
    ev[0] = '\0';
    assert_int_equal(store_consent_events(f->s, 0, 0, event_cb, ev), STORE_OK);
    assert_string_equal(ev, "ana:client.opt_out bo:client.opt_out ");
    ev[0] = '\0';
    assert_int_equal(store_consent_events(f->s, 0, 2, event_cb, ev), STORE_OK);
    assert_string_equal(ev, "");

    /* Retention: old bodies go, new ones and the mood stay. */
    esc_msg = add_in(f->s, ana, "+15555550101", "old 2 words", "o1", 1000);
    add_in(f->s, ana, "+15555550101", "new 8 words", "n1", 9000);
    struct store_mood m = {.message_id = esc_msg, .score = 2, .scale_min = 1, .scale_max = 10,
                           .recorded_at = 1000};
    assert_int_equal(store_mood_insert(f->s, ana, &m, NULL), STORE_OK);
    struct store_escalation e = {.client_id = ana, .message_id = esc_msg, .created_at = 1000};
    snprintf(e.peer, sizeof e.peer, "+15555550101");
    e.severity = SEV_HIGH;
    snprintf(e.reason, sizeof e.reason, "score 2");
    assert_int_equal(store_escalation_insert(f->s, &e), STORE_OK);
    struct store_outbound al = {.to = "+15555550100", .body = "alert about ana", .kind = MSG_KIND_ALERT,
                                .priority = MSG_PRIO_URGENT, .escalation_id = e.id,
                                .specialist_id = spec};
    assert_int_equal(store_outbound_queue(f->s, &al, 1000, NULL), STORE_OK);
    int n = store_purge_bodies(f->s, 5000, 9500, 100);
    assert_true(n >= 2); /* "old 2 words" and the cancelled check-in; queued ones stay */
    assert_false(column_contains(f->path, "SELECT body FROM messages", "old 2 words"));
    assert_true(column_contains(f->path, "SELECT body FROM messages", "new 8 words"));
    assert_true(column_contains(f->path, "SELECT body FROM messages", "alert about ana"));
    int moods = 0;
    assert_int_equal(store_moods_for_client(f->s, ana, (store_mood_cb)(void *)count_cb, &moods),
                     STORE_OK);
    assert_int_equal(moods, 1);
    assert_int_equal(store_purge_bodies(f->s, 5000, 9500, 100), 0); /* nothing twice */

    /* A message from ana's number before she was enrolled. */
    add_in(f->s, 0, "+15555550101", "before enrolment", "p1", 900);
    struct store_client c;
    struct store_removed rm;
    assert_int_equal(store_client_by_alias(f->s, "ana", &c), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_client_remove(f->s, &c, &rm), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(rm.escalations, 1);
    assert_int_equal(rm.moods, 1);
    assert_int_equal(rm.audit_renamed, 2);
    assert_int_equal(store_client_by_alias(f->s, "ana", &c), STORE_NOTFOUND);
    assert_false(column_contains(f->path, "SELECT body FROM messages", "alert about ana"));
    assert_false(column_contains(f->path, "SELECT body FROM messages", "before enrolment"));
    assert_false(column_contains(f->path, "SELECT subject FROM audit", "ana"));
    assert_true(column_contains(f->path, "SELECT subject FROM audit", "client#"));
    int msgs = 0;
    assert_int_equal(store_messages_for_client(f->s, ana, count_cb, &msgs), STORE_OK);
    assert_int_equal(msgs, 0);
    /* bo is untouched. */
    assert_int_equal(store_client_by_alias(f->s, "bo", &c), STORE_OK);
    assert_int_equal(c.id, bo);
}

/* The digest's consent lines (pure) in both languages; only the listed
 * actions; an item that does not fit is refused, not cut. */
static void test_digest_consent_item(void **state)
{
    (void)state;
    char out[96];
    assert_true(digest_consent_item("client.opt_out", "ana", LANG_EN, true, out, sizeof out) > 0);
    assert_string_equal(out, "ana opted out (STOP), no more texts.");
    assert_true(digest_consent_item("client.opt_in", "bo", LANG_EN, false, out, sizeof out) > 0);
    assert_string_equal(out, " bo opted in again (START).");
    assert_true(digest_consent_item("client.confirmed", "cy", LANG_ES, true, out, sizeof out) > 0);
    assert_string_equal(out, "cy confirmó (SÍ), empiezan los mensajes.");
    assert_int_equal(digest_consent_item("client.enroll_pending", "d", LANG_EN, true, out,
                                         sizeof out), -1);
    assert_int_equal(digest_consent_item("mood", "d", LANG_EN, true, out, sizeof out), -1);
    assert_int_equal(digest_consent_item("client.opt_out", "ana", LANG_EN, true, out, 10), -1);
}

/* Nothing unread (issue 18 item 5): which parsed replies a person must
 * still read in the digest. */
static void test_digest_unread(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool unread, unclear;
    } cases[] = {
        {"6", false, false},
        {"pretty rough, 3", false, false},
        {"I'm a 6 today", false, false},
        {"15", false, false},
        {"15 out of 10 honestly", false, false},
        {"STOP", false, false},
        {"HELP", false, false},
        {"what time is group thursday", true, true},
        {"7 today, went to the meeting with my sponsor", true, false},
        {"my friend overdosed last year", true, false},
    };
    struct reply_opts opts = {.scale_min = 1, .scale_max = 10};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct reply_result r;
        bool unclear = true;
        reply_parse(cases[i].text, strlen(cases[i].text), &opts, &r);
        bool unread = digest_unread(&r, cases[i].text, strlen(cases[i].text), &unclear);
        if (unread != cases[i].unread || (unread && unclear != cases[i].unclear))
            fail_msg("\"%s\": unread %d unclear %d", cases[i].text, unread, unclear);
    }
}

static int alias_cb(void *ctx, const struct store_client *c)
{
    strcat(ctx, c->alias);
    strcat(ctx, " ");
    return 0;
}

/* The digest's watermark, and who is due for the one re-ask: pending,
 * enrolled long enough ago, not asked again yet. */
static void test_watermark_and_reask_due(void **state)
{
    struct fx *f = *state;
    int64_t id = 0, first = 0;
    assert_int_equal(store_audit_last_id(f->s, "digest.run", &id), STORE_NOTFOUND);
    assert_int_equal(store_audit(f->s, 10, "gateway", "digest.run", NULL, NULL), STORE_OK);
    assert_int_equal(store_audit_last_id(f->s, "digest.run", &first), STORE_OK);
    assert_int_equal(store_audit(f->s, 11, "client", "client.opt_out", "x", NULL), STORE_OK);
    assert_int_equal(store_audit(f->s, 12, "gateway", "digest.run", NULL, NULL), STORE_OK);
    assert_int_equal(store_audit_last_id(f->s, "digest.run", &id), STORE_OK);
    assert_int_equal(id, first + 2);

    add_client(f->s, "act", "+15555550101", 0);              /* active: never */
    int64_t p1 = add_client(f->s, "pen", "+15555550102", 0); /* pending since 1000 */
    int64_t p2 = add_client(f->s, "new", "+15555550103", 0); /* pending since 5000 */
    struct store_client c;
    assert_int_equal(store_client_get(f->s, p1, &c), STORE_OK);
    c.state = CLIENT_PENDING;
    assert_int_equal(store_client_update(f->s, &c), STORE_OK);
    assert_int_equal(store_client_get(f->s, p2, &c), STORE_OK);
    c.state = CLIENT_PENDING;
    assert_int_equal(store_client_update(f->s, &c), STORE_OK);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    assert_int_equal(sqlite3_exec(db, "UPDATE clients SET created_at = 5000 WHERE alias = 'new'",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char due[64] = "";
    assert_int_equal(store_clients_reask_due(f->s, 4000, 10, alias_cb, due), STORE_OK);
    assert_string_equal(due, "pen ");
    due[0] = '\0';
    assert_int_equal(store_clients_reask_due(f->s, 6000, 10, alias_cb, due), STORE_OK);
    assert_string_equal(due, "pen new ");
    assert_int_equal(store_audit(f->s, 6000, "gateway", "client.reasked", "pen", NULL), STORE_OK);
    due[0] = '\0';
    assert_int_equal(store_clients_reask_due(f->s, 6000, 10, alias_cb, due), STORE_OK);
    assert_string_equal(due, "new ");
    due[0] = '\0';
    assert_int_equal(store_clients_reask_due(f->s, 6000, 0, alias_cb, due), STORE_OK);
    assert_string_equal(due, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seal_open),
        cmocka_unit_test(test_keys_and_rotation),
        cmocka_unit_test(test_yes),
        cmocka_unit_test(test_frequency),
        cmocka_unit_test_setup_teardown(test_sealed_store_and_rekey, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sealed_birthday, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_cancel_events_retention_remove, setup,
                                        teardown),
        cmocka_unit_test(test_digest_consent_item),
        cmocka_unit_test(test_digest_unread),
        cmocka_unit_test_setup_teardown(test_watermark_and_reask_due, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
