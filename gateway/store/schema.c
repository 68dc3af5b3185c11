/* SPDX-License-Identifier: Apache-2.0 */
/* schema.c: the numbered migrations (the store, see store.c). Append a new
 * one at the end of the list; each is applied in its own transaction that
 * also bumps user_version. */
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- migrations ---------------------------------------------------------- */

static const char *const migrations[] = {
    /* 1: the first schema */
    "CREATE TABLE specialists ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE clients ("
    "  id INTEGER PRIMARY KEY,"
    "  alias TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL UNIQUE,"
    "  tz TEXT NOT NULL,"
    "  schedule TEXT NOT NULL,"
    "  lang TEXT NOT NULL DEFAULT 'en',"
    "  specialist_id INTEGER REFERENCES specialists(id),"
    "  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','opted_out','paused')),"
    "  next_due_at INTEGER,"
    "  created_at INTEGER NOT NULL,"
    "  opted_out_at INTEGER);"
    "CREATE INDEX clients_due ON clients(next_due_at) WHERE state = 'active' AND next_due_at > 0;"
    "CREATE TABLE checkins ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
    "  due_at INTEGER NOT NULL,"
    "  window_end INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','answered','missed')),"
    "  retried INTEGER NOT NULL DEFAULT 0,"
    "  answered_at INTEGER);"
    "CREATE INDEX checkins_client ON checkins(client_id, due_at);"
    "CREATE INDEX checkins_pending ON checkins(window_end) WHERE state = 'pending';"
    "CREATE TABLE escalations ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,"
    "  peer TEXT NOT NULL,"
    "  message_id INTEGER,"
    "  specialist_id INTEGER REFERENCES specialists(id),"
    "  severity TEXT NOT NULL CHECK (severity IN ('watch','high','urgent')),"
    "  reason TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','acked','resolved')),"
    "  created_at INTEGER NOT NULL,"
    "  acked_at INTEGER, acked_by TEXT,"
    "  resolved_at INTEGER, resolved_by TEXT);"
    "CREATE INDEX escalations_client ON escalations(client_id, state);"
    "CREATE TABLE messages ("
    "  id INTEGER PRIMARY KEY,"
    "  direction TEXT NOT NULL CHECK (direction IN ('in','out')),"
    "  client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,"
    "  specialist_id INTEGER REFERENCES specialists(id),"
    "  peer TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  priority INTEGER NOT NULL DEFAULT 0,"
    "  state TEXT NOT NULL CHECK (state IN"
    "    ('received','queued','sending','sent','delivered','failed','expired')),"
    "  provider TEXT,"
    "  provider_msg_id TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_at INTEGER,"
    "  expires_at INTEGER,"
    "  last_error TEXT,"
    "  escalation_id INTEGER REFERENCES escalations(id),"
    "  checkin_id INTEGER REFERENCES checkins(id) ON DELETE SET NULL,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL);"
    /* Safety rule: a provider's retry never records a reply twice. */
    "CREATE UNIQUE INDEX messages_inbound_id ON messages(provider, provider_msg_id)"
    "  WHERE direction = 'in';"
    "CREATE INDEX messages_outbox ON messages(priority DESC, next_attempt_at, id)"
    "  WHERE state = 'queued';"
    "CREATE INDEX messages_client ON messages(client_id, id);"
    "CREATE TABLE moods ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
    "  message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,"
    "  checkin_id INTEGER REFERENCES checkins(id) ON DELETE SET NULL,"
    "  score REAL NOT NULL,"
    "  scale_min INTEGER NOT NULL,"
    "  scale_max INTEGER NOT NULL,"
    "  norm REAL NOT NULL,"
    "  recorded_at INTEGER NOT NULL);"
    "CREATE INDEX moods_client ON moods(client_id, recorded_at);"
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  subject TEXT,"
    "  detail TEXT);",
    /* 2: delivery reports find an outbound message by the provider's id. */
    "CREATE INDEX messages_outbound_id ON messages(provider, provider_msg_id)"
    "  WHERE direction = 'out' AND provider_msg_id IS NOT NULL;",
    /* 3: schedules. next_due_at stays the one instant the timer looks at
     * (the earlier of the next scheduled send and a one-off); next_slot_at
     * is the schedule's nominal time behind it (before jitter and quiet
     * hours), so the next slot is found from the slot, not from the send.
     * A pause that ends wakes the timer through its own index; reminders
     * and window ends through theirs. messages_sending makes the start-up
     * recovery of interrupted sends an index lookup, not a scan. */
    "ALTER TABLE clients ADD COLUMN next_slot_at INTEGER;"
    "ALTER TABLE clients ADD COLUMN oneoff_at INTEGER;"
    "ALTER TABLE clients ADD COLUMN paused_until INTEGER;"
    "UPDATE clients SET next_slot_at = next_due_at;"
    "CREATE INDEX clients_pause_end ON clients(paused_until)"
    "  WHERE state = 'paused' AND paused_until > 0;"
    "ALTER TABLE checkins ADD COLUMN remind_at INTEGER;"
    "ALTER TABLE checkins ADD COLUMN reminded_at INTEGER;"
    "CREATE INDEX checkins_remind ON checkins(remind_at)"
    "  WHERE state = 'pending' AND remind_at > 0;"
    "CREATE INDEX messages_sending ON messages(id) WHERE state = 'sending';",
    /* 4: an escalation message re-routed after a failed delivery report
     * avoids the provider that failed it; a scratch table proves the file
     * can take a write again after the disk was full (store_probe_write). */
    "ALTER TABLE messages ADD COLUMN avoid_provider TEXT;"
    "CREATE TABLE write_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, pad BLOB);",
    /* 5: escalations that reach a person: the re-alert chain (one timer on
     * the earliest realert_at), flood merging (count, newest message), the
     * score for re-alerts, digests of watch findings. */
    "ALTER TABLE escalations ADD COLUMN score TEXT NOT NULL DEFAULT 'none';"
    "ALTER TABLE escalations ADD COLUMN count INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE escalations ADD COLUMN last_message_id INTEGER;"
    "ALTER TABLE escalations ADD COLUMN updated_at INTEGER;"
    "ALTER TABLE escalations ADD COLUMN realert_at INTEGER;"
    "ALTER TABLE escalations ADD COLUMN realerts INTEGER NOT NULL DEFAULT 0;"
    "UPDATE escalations SET updated_at = created_at, last_message_id = message_id;"
    "CREATE INDEX escalations_realert ON escalations(realert_at)"
    "  WHERE state = 'open' AND realert_at IS NOT NULL;"
    "CREATE INDEX escalations_peer ON escalations(peer, id);"
    "CREATE INDEX messages_escalation ON messages(escalation_id) WHERE escalation_id IS NOT NULL;"
    "CREATE INDEX audit_subject ON audit(subject, id);",
    /* 6: a follow-up to the specialist who acknowledged an escalation, held
     * back to one per flood window: when the next one may go (the newest
     * merged message is sent then), on the re-alert timer. */
    "ALTER TABLE escalations ADD COLUMN followup_due_at INTEGER;"
    "CREATE INDEX escalations_followup ON escalations(followup_due_at)"
    "  WHERE state = 'acked' AND followup_due_at IS NOT NULL;",
    /* 7: the daily digest reads the unresolved watch findings of the last
     * day through an index, not a scan of every escalation ever made. */
    "CREATE INDEX escalations_watch ON escalations(updated_at)"
    "  WHERE severity = 'watch' AND state <> 'resolved';",
    /* 8: the re-alert chain no longer stops while an escalation is open
     * (late re-alerts to every specialist): chains that went silent under
     * the old rule are due again at once. */
    "UPDATE escalations SET realert_at = coalesce(updated_at, created_at)"
    "  WHERE state = 'open' AND severity <> 'watch' AND realert_at IS NULL;",
    /* 9: consent and privacy. A client can be 'pending' (enrolled, waiting
     * for their YES). SQLite cannot alter a CHECK constraint, and rebuilding
     * clients would cascade-delete every row that references it, so the
     * constraint's text is widened in place (the documented writable_schema
     * procedure; every existing row still satisfies it); the ALTER TABLE
     * after it bumps the schema cookie so other connections re-read the
     * schema. Retention marks removed bodies; encryption remembers which
     * keys have sealed values. */
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace(sql, '''paused''))', '''paused'',''pending''))')"
    "  WHERE type = 'table' AND name = 'clients';"
    "PRAGMA writable_schema = OFF;"
    "ALTER TABLE messages ADD COLUMN body_removed_at INTEGER;"
    "CREATE INDEX messages_body_kept ON messages(created_at) WHERE body_removed_at IS NULL;"
    "CREATE INDEX audit_action ON audit(action, id);"
    "CREATE TABLE crypt_keys ("
    "  key_id TEXT PRIMARY KEY,"
    "  first_used_at INTEGER NOT NULL);",
    /* 10: follow-ups after an ACK end after escalation.follow_up_hours with
     * one reminder to resolve it: when it was sent (once per ACK), and the
     * acked escalations not yet reminded, by the time of their ACK. */
    "ALTER TABLE escalations ADD COLUMN resolve_reminded_at INTEGER;"
    "CREATE INDEX escalations_remind ON escalations(acked_at)"
    "  WHERE state = 'acked' AND resolve_reminded_at IS NULL;",
    /* 11: when an outbound message was queued, in milliseconds of the wall
     * clock (created_at is whole seconds): the escalation-latency histogram
     * measures the 988 message and alerts to below a second. 0 in rows
     * written before (read as created_at * 1000). */
    "ALTER TABLE messages ADD COLUMN queued_ms INTEGER NOT NULL DEFAULT 0;",
    /* 12: the screening question after ambiguous risk (rule 6): one open
     * per client at most; the re-alert timer wakes at the earliest open
     * deadline, so a restart keeps it. message_id is the reply that raised
     * it, question_id the question sent, answer_id the reply that closed
     * it, escalation_id what it became (an urgent escalation or a watch
     * note). */
    "CREATE TABLE screenings ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
    "  message_id INTEGER,"
    "  question_id INTEGER,"
    "  asked_at INTEGER NOT NULL,"
    "  deadline INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'open'"
    "    CHECK (state IN ('open','no','yes','timeout','crisis')),"
    "  answer_id INTEGER,"
    "  closed_at INTEGER,"
    "  escalation_id INTEGER REFERENCES escalations(id) ON DELETE SET NULL);"
    "CREATE UNIQUE INDEX screenings_open_client ON screenings(client_id) WHERE state = 'open';"
    "CREATE INDEX screenings_deadline ON screenings(deadline) WHERE state = 'open';"
    "CREATE INDEX screenings_escalation ON screenings(escalation_id)"
    "  WHERE escalation_id IS NOT NULL;",
    /* 13: caring contacts (issue 19): the client's birthday, "MM-DD" or
     * NULL; and each caring contact sent, by its key ("day-30",
     * "birthday-2027"), so none is sent twice. */
    "ALTER TABLE clients ADD COLUMN birthday TEXT;"
    "CREATE TABLE caring_sent ("
    "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  due_at INTEGER NOT NULL,"
    "  sent_at INTEGER NOT NULL,"
    "  message_id INTEGER,"
    "  PRIMARY KEY (client_id, key));",
    /* 14: conversations through the program number (issue 18): a specialist
     * holds at most one open conversation per client (about an escalation,
     * or opened with TEXT); every message relayed either way carries its
     * conversation. stop_message_id is the client's STOP, so "answered a
     * message sent after the STOP" is exact within one second. */
    "CREATE TABLE conversations ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
    "  escalation_id INTEGER REFERENCES escalations(id) ON DELETE SET NULL,"
    "  specialist_id INTEGER NOT NULL REFERENCES specialists(id),"
    "  opened_at INTEGER NOT NULL,"
    "  last_at INTEGER NOT NULL,"
    "  ended_at INTEGER,"
    "  end_reason TEXT CHECK (end_reason IN ('end','resolve','idle')));"
    "CREATE UNIQUE INDEX conversations_open_client ON conversations(client_id)"
    "  WHERE ended_at IS NULL;"
    "CREATE INDEX conversations_open_last ON conversations(last_at) WHERE ended_at IS NULL;"
    "CREATE INDEX conversations_client ON conversations(client_id, id);"
    "ALTER TABLE messages ADD COLUMN conversation_id INTEGER;"
    "CREATE INDEX messages_conversation ON messages(conversation_id, id)"
    "  WHERE conversation_id IS NOT NULL;"
    "ALTER TABLE clients ADD COLUMN stop_message_id INTEGER;",
    /* 15: check-in flows (issue 19): one row per administration of a flow
     * (step: the question waiting for its answer, or that it stopped at;
     * retried: it was asked
     * once more; alerted: the highest severity escalated so far; an
     * instrument's scale, total, max and band once scored), and one row per
     * question reached (state: flow.h's enum flow_astate; a free-text
     * answer is its message, not a copy of the words). */
    "CREATE TABLE flow_runs ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
    "  checkin_id INTEGER REFERENCES checkins(id) ON DELETE SET NULL,"
    "  flow TEXT NOT NULL,"
    "  started_at INTEGER NOT NULL,"
    "  window_end INTEGER NOT NULL,"
    "  step INTEGER NOT NULL DEFAULT -1,"
    "  retried INTEGER NOT NULL DEFAULT 0,"
    "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN"
    "    ('open','complete','partial','unanswered','crisis','stopped')),"
    "  ended_at INTEGER,"
    "  alerted INTEGER NOT NULL DEFAULT 0,"
    "  scale TEXT, total INTEGER, max INTEGER, band TEXT);"
    "CREATE UNIQUE INDEX flow_runs_open_client ON flow_runs(client_id) WHERE state = 'open';"
    "CREATE INDEX flow_runs_open_end ON flow_runs(window_end) WHERE state = 'open';"
    "CREATE INDEX flow_runs_client ON flow_runs(client_id, started_at);"
    "CREATE TABLE flow_answers ("
    "  run_id INTEGER NOT NULL REFERENCES flow_runs(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  qid TEXT NOT NULL,"
    "  state INTEGER NOT NULL,"
    "  value REAL,"
    "  message_id INTEGER,"
    "  answered_at INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, idx));",
    /* 16: follow-up tasks (issue 18 item 4): each acknowledged urgent/high
     * escalation gets tasks for its holder at escalation.followup_after
     * offsets. step: 0 waiting, 1 sent, 2 sent again, 3 overdue (in the
     * digest and STATUS), 4 handed to the backup or on-call (handed_to);
     * next_at is when the re-alert timer looks at it next (NULL: nothing
     * more to do until DONE). */
    "CREATE TABLE followups ("
    "  id INTEGER PRIMARY KEY,"
    "  escalation_id INTEGER NOT NULL REFERENCES escalations(id) ON DELETE CASCADE,"
    "  client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,"
    "  specialist_id INTEGER NOT NULL REFERENCES specialists(id),"
    "  due_at INTEGER NOT NULL,"
    "  step INTEGER NOT NULL DEFAULT 0,"
    "  next_at INTEGER,"
    "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','done')),"
    "  handed_to TEXT,"
    "  snoozes INTEGER NOT NULL DEFAULT 0,"
    "  done_at INTEGER,"
    "  done_by TEXT,"
    "  created_at INTEGER NOT NULL);"
    "CREATE INDEX followups_next ON followups(next_at) WHERE state = 'open' AND next_at IS NOT NULL;"
    "CREATE INDEX followups_escalation ON followups(escalation_id, due_at);",
    /* 17: the id of the question a flow run waits on, beside its index, so
     * that a reload which reordered, inserted or removed questions is seen
     * (core/flowrun.c) instead of an answer landing on another question. */
    "ALTER TABLE flow_runs ADD COLUMN step_qid TEXT;",
    /* 18: delivery reports held until the outbox records their message's
     * provider id (core/delivery.c): a report can overtake the send's own
     * result. One row per (provider, id, state); received_at bounds how
     * long it is held. */
    "CREATE TABLE delivery_held ("
    "  id INTEGER PRIMARY KEY,"
    "  provider TEXT NOT NULL,"
    "  provider_msg_id TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('delivered','failed')),"
    "  error TEXT,"
    "  received_at INTEGER NOT NULL,"
    "  UNIQUE (provider, provider_msg_id, state));"
    "CREATE INDEX delivery_held_age ON delivery_held(received_at);",
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_schema_latest(void) { return NMIGRATIONS; }

int store_schema_version(struct store *s)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Applies the migrations newer than the file's user_version, each in its own
 * transaction. A file from a newer build is refused rather than guessed at. */
int store__migrate(struct store *s)
{
    int v = store_schema_version(s);
    if (v < 0)
        return store__fail(s, sqlite3_extended_errcode(s->db), "reading schema version");
    if (v > NMIGRATIONS) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "database schema version %d is newer than this build knows (%d)", v,
                 NMIGRATIONS);
        return STORE_ERR;
    }
    for (int i = v; i < NMIGRATIONS; i++) {
        char bump[64];
        int rc = store__exec_sql(s, "BEGIN IMMEDIATE", "migration begin");
        if (rc)
            return rc;
        /* Another process (the daemon and checkinctl starting together) may
         * have applied this one while we waited for the lock. */
        if (store_schema_version(s) > i) {
            store__exec_sql(s, "ROLLBACK", "migration rollback");
            continue;
        }
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", i + 1);
        if ((rc = store__exec_sql(s, migrations[i], "migration")) != STORE_OK ||
            (rc = store__exec_sql(s, bump, "migration version")) != STORE_OK ||
            (rc = store__exec_sql(s, "COMMIT", "migration commit")) != STORE_OK) {
            char keep[sizeof s->errmsg];
            memcpy(keep, s->errmsg, sizeof keep);
            store__exec_sql(s, "ROLLBACK", "migration rollback");
            memcpy(s->errmsg, keep, sizeof keep);
            return rc;
        }
    }
    return STORE_OK;
}
