/* SPDX-License-Identifier: Apache-2.0 */
/* store.c: the only file that speaks SQL.
 *
 * One SQLite connection per process (the daemon's, or checkinctl's) on a
 * file in WAL mode, so the CLI reads and writes while the daemon runs.
 * synchronous=FULL because an inbound message is acknowledged to its
 * provider as soon as its transaction commits (safety rule 1): a commit
 * must survive a power cut, not just a crash. Every statement is prepared
 * once, on first use, and kept. Schema changes are numbered migrations
 * applied in order inside a transaction that also bumps user_version. */
#include "store/store.h"

#include "base/crypt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

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
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_schema_latest(void) { return NMIGRATIONS; }

/* ---- prepared statements --------------------------------------------------- */

/* The messages safety rule 5 holds back (see Q_OUT_WITHHOLD). */
#define OUT_WITHHELD                                                                           \
    "priority < 100 AND direction = 'out' AND kind NOT IN ('stop', 'help', 'conversation')"  \
    " AND EXISTS"                                                                             \
    " (SELECT 1 FROM clients c WHERE c.id = messages.client_id"                               \
    " AND c.state IN ('opted_out', 'paused') AND c.phone = messages.peer)"

enum stmt_id {
    Q_SPEC_UPSERT, Q_SPEC_GET, Q_SPEC_BY_KEY, Q_SPEC_BY_PHONE,
    Q_CLIENT_INSERT, Q_CLIENT_GET, Q_CLIENT_BY_ALIAS, Q_CLIENT_BY_PHONE, Q_CLIENT_SET_STATE,
    Q_CLIENT_SET_DUE, Q_CLIENTS_EACH, Q_CLIENTS_DUE, Q_NEXT_DUE,
    Q_CLIENT_UPDATE, Q_CLIENT_SET_PLAN, Q_CLIENTS_AFTER, Q_PAUSES_ENDED, Q_NEXT_PAUSE_END,
    Q_CHECKIN_INSERT, Q_CHECKIN_SET_REMIND, Q_REMINDERS_DUE, Q_CHECKIN_REMINDED, Q_NEXT_REMIND,
    Q_NEXT_WINDOW_END, Q_MISSED_IN_ROW,
    Q_CHECKINS_FOR_CLIENT,
    Q_CHECKIN_OPEN, Q_CHECKIN_ANSWER, Q_CHECKIN_RETRY_ONCE, Q_CHECKINS_EXPIRE,
    Q_INBOUND_INSERT, Q_INBOUND_LAST,
    Q_OUT_QUEUE, Q_OUT_WITHHOLD, Q_OUT_WITHHELD, Q_OUT_CLAIM, Q_OUT_MARK_SENDING, Q_OUT_NEXT, Q_MSG_SENT, Q_MSG_RETRY,
    Q_MSG_FAILED, Q_MSG_EXPIRED, Q_MSG_DELIVERY, Q_OUT_RECOVER, Q_OUT_COUNTS, Q_MSGS_FOR_CLIENT,
    Q_MSG_UNCLAIM, Q_OUT_EXPIRE, Q_OUT_RELEASE, Q_MSG_COPY, Q_ESC_MSG_COUNT, Q_PROBE_INSERT, Q_PROBE_DELETE,
    Q_MOOD_INSERT, Q_MOODS_FOR_CLIENT,
    Q_ESC_INSERT, Q_ESC_EACH, Q_ESC_ACK,
    Q_ESC_GET, Q_ESC_RECENT, Q_ESC_OPEN_WATCH, Q_ESC_MERGE, Q_ESC_RESOLVE, Q_ESC_SET_REALERT,
    Q_ESC_REALERT_DUE, Q_ESC_REALERT_NEXT, Q_ESC_FOR_SPECIALIST, Q_ESC_ALERTED, Q_AUDIT_EACH,
    Q_ESC_UPGRADE, Q_ESC_SET_FOLLOWUP, Q_ESC_FOLLOWUP_DUE, Q_ESC_LAST_SENT, Q_ESC_WATCH_SINCE,
    Q_MOODS_RECENT, Q_ESC_REMIND_DUE, Q_ESC_SET_REMINDED, Q_ESC_REARM,
    Q_AUDIT_LAST,
    Q_AUDIT,
    Q_OUT_CANCEL_CLIENT, Q_CONSENT_EVENTS, Q_AUDIT_LAST_ID, Q_REASK_DUE, Q_PURGE_BODIES,
    Q_MSG_BODY, Q_SCREEN_INSERT, Q_SCREEN_OPEN, Q_SCREEN_CLOSE, Q_SCREEN_DUE, Q_SCREEN_FOR_ESC,
    Q_RM_COUNT, Q_RM_ALERTS, Q_RM_ESC, Q_RM_MSGS, Q_RM_CLIENT, Q_RM_AUDIT,
    Q_CARING_MARK, Q_CARING_COUNT,
    Q_KEYS_LIST, Q_KEYS_ADD, Q_KEYS_FORGET, Q_REKEY_MSGS, Q_REKEY_MSG_SET, Q_REKEY_CLIENTS,
    Q_REKEY_CLIENT_SET, Q_REKEY_LEFT,
    Q_CONV_OPEN, Q_CONV_GET, Q_CONV_OF_CLIENT, Q_CONV_OF_ESC, Q_CONV_OF_SPEC, Q_CONV_END,
    Q_CONV_TOUCH, Q_CONV_HAND, Q_CONV_EXPIRE, Q_CONV_HISTORY, Q_MSG_LINK, Q_CLIENT_SET_STOP_MSG,
    Q_CLIENT_LAST_IN, Q_CLIENT_WROTE_AFTER_STOP,
    Q_FLOW_INSERT, Q_FLOW_OPEN, Q_FLOW_UPDATE, Q_FLOW_EXPIRED, Q_FLOW_NEXT_END, Q_FLOW_ANSWER,
    Q_FLOW_ANSWERS, Q_FLOW_FOR_CLIENT,
    Q_CONV_IDLE, Q_CONV_IDLE_NEXT, Q_CLIENT_LAST_OUT, Q_FU_INSERT, Q_FU_DUE, Q_FU_STEP, Q_FU_CURRENT, Q_FU_DONE, Q_FU_SNOOZE, Q_FU_EACH, Q_FU_HAND,
    Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_SAVEPOINT, Q_RELEASE, Q_ROLLBACK_TO, Q_PING,
    Q__COUNT
};

#define SCREEN_COLS                                                                        \
    "id, client_id, coalesce(message_id,0), coalesce(question_id,0), asked_at, deadline, "  \
    "state, coalesce(answer_id,0), coalesce(closed_at,0), coalesce(escalation_id,0)"

/* A conversation, with its client's alias and its holder's key (v is the
 * conversations table). */
#define CONV_COLS                                                                          \
    "v.id, v.client_id, coalesce(v.escalation_id,0), v.specialist_id, v.opened_at, v.last_at," \
    " coalesce(v.ended_at,0), coalesce(v.end_reason,''),"                                  \
    " (SELECT alias FROM clients WHERE id = v.client_id),"                                 \
    " (SELECT key FROM specialists WHERE id = v.specialist_id)"

#define FLOW_COLS                                                                          \
    "id, client_id, coalesce(checkin_id,0), flow, started_at, window_end, step, retried,"   \
    " state, coalesce(ended_at,0), alerted, coalesce(scale,''), coalesce(total,0),"          \
    " coalesce(max,0), coalesce(band,'')"

/* A follow-up task, with its client's alias and its holder's key. */
#define FU_COLS                                                                            \
    "f.id, f.escalation_id, coalesce(f.client_id,0), f.specialist_id, f.due_at, f.step,"    \
    " coalesce(f.next_at,0), f.state, coalesce(f.handed_to,''), f.snoozes,"                \
    " coalesce(f.done_at,0), coalesce(f.done_by,''),"                                       \
    " coalesce((SELECT alias FROM clients WHERE id = f.client_id),'?'),"                   \
    " (SELECT key FROM specialists WHERE id = f.specialist_id)"

#define CLIENT_COLS                                                                        \
    "id, alias, name, phone, tz, schedule, lang, coalesce(specialist_id,0), state, "       \
    "coalesce(next_due_at,0), created_at, coalesce(opted_out_at,0), coalesce(next_slot_at,0), " \
    "coalesce(oneoff_at,0), coalesce(paused_until,0), coalesce(birthday,'')"
#define ESC_COLS                                                                           \
    "id, coalesce(client_id,0), coalesce(message_id,0), coalesce(specialist_id,0), severity, " \
    "reason, state, created_at, coalesce(acked_at,0), peer, score, count,"                    \
    " coalesce(last_message_id, message_id, 0), coalesce(updated_at, created_at),"             \
    " coalesce(realert_at,0), realerts, coalesce(acked_by,''), coalesce(resolved_at,0),"        \
    " coalesce(resolved_by,''), (SELECT CASE typeof(body) WHEN 'blob' THEN body"              \
    "   ELSE substr(body, 1, 300) END FROM messages m"                                          \
    "   WHERE m.id = coalesce(escalations.last_message_id, escalations.message_id)),"      \
    " coalesce(followup_due_at,0)"

static const char *const sql[Q__COUNT] = {
    [Q_SPEC_UPSERT] = "INSERT INTO specialists(key, name, phone, created_at) VALUES (?1,?2,?3,?4)"
                      " ON CONFLICT(key) DO UPDATE SET name = excluded.name,"
                      " phone = excluded.phone RETURNING id",
    [Q_SPEC_GET] = "SELECT id, key, name, phone FROM specialists WHERE id = ?1",
    [Q_SPEC_BY_KEY] = "SELECT id, key, name, phone FROM specialists WHERE key = ?1",
    [Q_SPEC_BY_PHONE] = "SELECT id, key, name, phone FROM specialists WHERE phone = ?1"
                        " ORDER BY id LIMIT 1",
    [Q_CLIENT_INSERT] = "INSERT INTO clients(alias, name, phone, tz, schedule, lang,"
                        " specialist_id, state, next_due_at, created_at, next_slot_at, birthday)"
                        " VALUES (?1,?2,?3,?4,?5,?6,nullif(?7,0),?8,nullif(?9,0),?10,"
                        " nullif(?11,0), nullif(?12,''))",
    [Q_CARING_MARK] = "INSERT INTO caring_sent(client_id, key, due_at, sent_at)"
                      " VALUES (?1,?2,?3,?4) ON CONFLICT DO NOTHING",
    [Q_CARING_COUNT] = "SELECT count(*) FROM caring_sent WHERE client_id = ?1",
    [Q_FLOW_INSERT] = "INSERT INTO flow_runs(client_id, checkin_id, flow, started_at, window_end,"
                      " step) VALUES (?1, nullif(?2,0), ?3, ?4, ?5, ?6)",
    [Q_FLOW_OPEN] = "SELECT " FLOW_COLS " FROM flow_runs WHERE client_id = ?1 AND state = 'open'"
                    " AND window_end >= ?2",
    [Q_FLOW_UPDATE] = "UPDATE flow_runs SET step = ?2, retried = ?3, state = ?4,"
                      " ended_at = nullif(?5,0), alerted = ?6, scale = nullif(?7,''),"
                      " total = CASE WHEN ?7 = '' THEN NULL ELSE ?8 END,"
                      " max = CASE WHEN ?7 = '' THEN NULL ELSE ?9 END, band = nullif(?10,'')"
                      " WHERE id = ?1",
    [Q_FLOW_EXPIRED] = "SELECT " FLOW_COLS " FROM flow_runs WHERE state = 'open'"
                       " AND window_end < ?1 ORDER BY window_end LIMIT ?2",
    [Q_FLOW_NEXT_END] = "SELECT min(window_end) FROM flow_runs WHERE state = 'open'",
    [Q_FLOW_ANSWER] = "INSERT INTO flow_answers(run_id, idx, qid, state, value, message_id,"
                      " answered_at) VALUES (?1,?2,?3,?4,?5,nullif(?6,0),?7)"
                      " ON CONFLICT(run_id, idx) DO UPDATE SET state = excluded.state,"
                      " value = excluded.value, message_id = excluded.message_id,"
                      " answered_at = excluded.answered_at",
    [Q_FLOW_ANSWERS] = "SELECT run_id, idx, qid, state, coalesce(value,0),"
                       " coalesce(message_id,0), answered_at FROM flow_answers WHERE run_id = ?1"
                       " ORDER BY answered_at, idx",
    [Q_FLOW_FOR_CLIENT] = "SELECT " FLOW_COLS " FROM flow_runs WHERE client_id = ?1"
                          " ORDER BY started_at, id",
    [Q_CLIENT_GET] = "SELECT " CLIENT_COLS " FROM clients WHERE id = ?1",
    [Q_CLIENT_BY_ALIAS] = "SELECT " CLIENT_COLS " FROM clients WHERE alias = ?1",
    [Q_CLIENT_BY_PHONE] = "SELECT " CLIENT_COLS " FROM clients WHERE phone = ?1",
    [Q_CLIENT_SET_STATE] = "UPDATE clients SET state = ?2, opted_out_at = CASE WHEN ?2 ="
                           " 'opted_out' THEN ?3 ELSE opted_out_at END WHERE id = ?1",
    [Q_CLIENT_SET_DUE] = "UPDATE clients SET next_due_at = nullif(?2,0) WHERE id = ?1",
    /* The scheduling columns only; opted_out_at is store_client_set_state's. */
    [Q_CLIENT_UPDATE] = "UPDATE clients SET tz = ?2, schedule = ?3, lang = ?4, state = ?5,"
                        " next_due_at = nullif(?6,0), next_slot_at = nullif(?7,0),"
                        " oneoff_at = nullif(?8,0), paused_until = nullif(?9,0),"
                        " birthday = nullif(?10,'') WHERE id = ?1",
    [Q_CLIENT_SET_PLAN] = "UPDATE clients SET next_due_at = nullif(?2,0), next_slot_at ="
                          " nullif(?3,0), oneoff_at = nullif(?4,0) WHERE id = ?1",
    [Q_CLIENTS_AFTER] = "SELECT " CLIENT_COLS " FROM clients WHERE id > ?1 ORDER BY id LIMIT ?2",
    [Q_PAUSES_ENDED] = "SELECT " CLIENT_COLS " FROM clients WHERE state = 'paused'"
                       " AND paused_until > 0 AND paused_until <= ?1 ORDER BY paused_until"
                       " LIMIT ?2",
    [Q_NEXT_PAUSE_END] = "SELECT min(paused_until) FROM clients WHERE state = 'paused'"
                         " AND paused_until > 0",
    [Q_CLIENTS_EACH] = "SELECT " CLIENT_COLS " FROM clients ORDER BY alias",
    [Q_CLIENTS_DUE] = "SELECT " CLIENT_COLS " FROM clients WHERE state = 'active'"
                      " AND next_due_at > 0 AND next_due_at <= ?1 ORDER BY next_due_at LIMIT ?2",
    [Q_NEXT_DUE] = "SELECT min(next_due_at) FROM clients WHERE state = 'active'"
                   " AND next_due_at > 0",
    [Q_CHECKIN_INSERT] = "INSERT INTO checkins(client_id, due_at, window_end, remind_at)"
                         " VALUES (?1,?2,?3,nullif(?4,0))",
    [Q_CHECKIN_SET_REMIND] = "UPDATE checkins SET remind_at = nullif(?2,0) WHERE id = ?1",
    [Q_REMINDERS_DUE] = "SELECT id, client_id, due_at, window_end, state, coalesce(remind_at,0)"
                        " FROM checkins WHERE state = 'pending' AND remind_at > 0"
                        " AND remind_at <= ?1 ORDER BY remind_at LIMIT ?2",
    [Q_CHECKINS_FOR_CLIENT] = "SELECT id, client_id, due_at, window_end, state,"
                              " coalesce(remind_at,0) FROM checkins WHERE client_id = ?1"
                              " AND due_at >= ?2 ORDER BY due_at, id",
    [Q_CHECKIN_REMINDED] = "UPDATE checkins SET remind_at = NULL, reminded_at = ?2 WHERE id = ?1",
    [Q_NEXT_REMIND] = "SELECT min(remind_at) FROM checkins WHERE state = 'pending'"
                      " AND remind_at > 0",
    [Q_NEXT_WINDOW_END] = "SELECT min(window_end) FROM checkins WHERE state = 'pending'",
    /* Missed check-ins since the newest answered one (pending ones, whose
     * window is still open, are neither). */
    [Q_MISSED_IN_ROW] = "SELECT count(*) FROM checkins WHERE client_id = ?1 AND state = 'missed'"
                        " AND due_at > coalesce((SELECT max(due_at) FROM checkins"
                        " WHERE client_id = ?1 AND state = 'answered'), -1)",
    [Q_CHECKIN_OPEN] = "SELECT id FROM checkins WHERE client_id = ?1 AND state = 'pending'"
                       " AND due_at <= ?2 AND window_end >= ?2 ORDER BY due_at DESC, id DESC LIMIT 1",
    [Q_CHECKIN_ANSWER] = "UPDATE checkins SET state = 'answered', answered_at = ?2"
                         " WHERE id = ?1 AND state = 'pending'",
    [Q_CHECKIN_RETRY_ONCE] = "UPDATE checkins SET retried = 1 WHERE id = ?1 AND retried = 0",
    [Q_CHECKINS_EXPIRE] = "UPDATE checkins SET state = 'missed'"
                          " WHERE state = 'pending' AND window_end < ?1",
    [Q_INBOUND_INSERT] = "INSERT INTO messages(direction, client_id, specialist_id, peer, body,"
                         " kind, state, provider, provider_msg_id, created_at, updated_at)"
                         " VALUES ('in', nullif(?1,0), nullif(?2,0), ?3, ?4, 'reply', 'received',"
                         " ?5, ?6, ?7, ?8)",
    [Q_INBOUND_LAST] = "SELECT max(created_at) FROM messages WHERE direction = 'in'"
                       " AND provider = ?1",
    [Q_OUT_QUEUE] = "INSERT INTO messages(direction, client_id, specialist_id, peer, body, kind,"
                    " priority, state, next_attempt_at, expires_at, escalation_id, checkin_id,"
                    " created_at, updated_at, queued_ms) VALUES ('out', nullif(?1,0),"
                    " nullif(?2,0), ?3, ?4, ?5, ?6, 'queued', max(?7, ?12), nullif(?8,0), nullif(?9,0),"
                    " nullif(?10,0), ?7, ?7, ?11)",
    /* Safety rule 5, at every claim: an ordinary message to a client who
     * opted out or is paused is not sent, whenever it was queued (a retry
     * of one that was in flight when STOP came, one requeued after a
     * crash). Only the answers to STOP and HELP still go: they answer what
     * the person just sent; so do conversation messages, which
     * conversation.c lets through after STOP only in answer to a message
     * sent after it. Urgent messages (988) always go. */
    [Q_OUT_WITHHOLD] = "UPDATE messages SET state = 'expired', updated_at = ?1, last_error ="
                       " (SELECT CASE c.state WHEN 'paused' THEN 'cancelled: the client is paused'"
                       " ELSE 'cancelled: the client opted out (STOP)' END FROM clients c"
                       " WHERE c.id = messages.client_id)"
                       " WHERE state = 'queued' AND next_attempt_at <= ?1 AND " OUT_WITHHELD,
    [Q_OUT_WITHHELD] = "SELECT count(*) FROM messages WHERE id = ?1 AND " OUT_WITHHELD,
    [Q_OUT_CLAIM] = "SELECT id, peer, body, kind, priority, attempts + 1, coalesce(client_id,0),"
                    " coalesce(expires_at,0), coalesce(provider,''), coalesce(escalation_id,0),"
                    " coalesce(avoid_provider,''), created_at, queued_ms FROM messages"
                    " WHERE state = 'queued' AND next_attempt_at <= ?1"
                    " AND priority BETWEEN ?3 AND ?4"
                    " ORDER BY priority DESC, next_attempt_at, id LIMIT ?2",
    [Q_OUT_MARK_SENDING] = "UPDATE messages SET state = 'sending', attempts = attempts + 1,"
                           " updated_at = ?2 WHERE id = ?1",
    [Q_OUT_NEXT] = "SELECT min(next_attempt_at) FROM messages WHERE state = 'queued'"
                   " AND priority BETWEEN ?1 AND ?2",
    [Q_MSG_SENT] = "UPDATE messages SET state = 'sent', provider = ?2, provider_msg_id = ?3,"
                   " last_error = NULL, updated_at = ?4 WHERE id = ?1"
                    " AND state = 'sending'",
    [Q_MSG_RETRY] = "UPDATE messages SET state = 'queued', provider = ?2, last_error = ?3,"
                    " next_attempt_at = ?4, updated_at = ?5 WHERE id = ?1"
                    " AND state = 'sending'",
    [Q_MSG_FAILED] = "UPDATE messages SET state = 'failed', provider = ?2, last_error = ?3,"
                     " updated_at = ?4 WHERE id = ?1"
                    " AND state = 'sending'",
    /* A report never moves a message backwards: 'delivered' is final, and a
     * late "sent" does not undo "failed". */
    [Q_MSG_DELIVERY] = "UPDATE messages SET state = ?3, last_error = ?4, updated_at = ?5"
                       " WHERE direction = 'out' AND provider = ?1 AND provider_msg_id = ?2"
                       " AND (state IN ('sending', 'sent')"
                       "      OR (state = 'failed' AND ?3 = 'delivered'))"
                       " RETURNING id, priority, coalesce(escalation_id,0),"
                       " coalesce(specialist_id,0), peer",
    [Q_MSG_EXPIRED] = "UPDATE messages SET state = 'expired', updated_at = ?2 WHERE id = ?1"
                    " AND state = 'sending'",
    /* Claimed but not handed to any provider (all were at their rate or
     * down): the attempt did not happen. */
    [Q_MSG_UNCLAIM] = "UPDATE messages SET state = 'queued', attempts = max(attempts - 1, 0),"
                      " next_attempt_at = ?2, updated_at = ?3 WHERE id = ?1 AND state = 'sending'",
    [Q_OUT_EXPIRE] = "UPDATE messages SET state = 'expired', updated_at = ?1,"
                     " last_error = coalesce(last_error, 'not sent within its window')"
                     " WHERE state = 'queued' AND priority < ?2 AND expires_at > 0"
                     " AND expires_at < ?1",
    [Q_OUT_RELEASE] = "UPDATE messages SET next_attempt_at = ?2 WHERE state = 'queued'"
                      " AND next_attempt_at > ?2 AND (provider = ?1 OR priority >= ?3)",
    [Q_MSG_COPY] = "INSERT INTO messages(direction, client_id, specialist_id, peer, body, kind,"
                   " priority, state, next_attempt_at, escalation_id, avoid_provider, created_at,"
                   " updated_at, queued_ms) SELECT 'out', client_id,"
                   " coalesce(nullif(?3,0), specialist_id), coalesce(nullif(?2,''), peer), body,"
                   " kind, priority, 'queued', ?5, escalation_id, nullif(?4,''), ?5, ?5, ?5 * 1000"
                   " FROM messages"
                   " WHERE id = ?1 AND direction = 'out'",
    [Q_ESC_MSG_COUNT] = "SELECT count(*) FROM messages WHERE direction = 'out'"
                        " AND escalation_id = ?1 AND peer = ?2",
    [Q_PROBE_INSERT] = "INSERT INTO write_probe(at, pad) VALUES (?1, zeroblob(4096))",
    [Q_PROBE_DELETE] = "DELETE FROM write_probe",
    [Q_OUT_RECOVER] = "UPDATE messages SET state = 'queued', next_attempt_at = ?1,"
                      " last_error = 'interrupted by a restart', updated_at = ?1"
                      " WHERE state = 'sending'",
    [Q_OUT_COUNTS] = "SELECT coalesce(sum(state = 'queued'),0), coalesce(sum(state = 'sending'),0),"
                     " coalesce(sum(state = 'failed'),0) FROM messages WHERE direction = 'out'",
    [Q_MSGS_FOR_CLIENT] = "SELECT id, direction, peer, body, kind, state, created_at,"
                          " coalesce(conversation_id,0), coalesce((SELECT key FROM specialists"
                          " WHERE id = messages.specialist_id),'') FROM messages"
                          " WHERE client_id = ?1 ORDER BY id",
    [Q_MOOD_INSERT] = "INSERT INTO moods(client_id, message_id, checkin_id, score, scale_min,"
                      " scale_max, norm, recorded_at) VALUES (?1, nullif(?2,0), nullif(?3,0),"
                      " ?4, ?5, ?6, ?7, ?8)",
    [Q_MOODS_FOR_CLIENT] = "SELECT id, coalesce(message_id,0), coalesce(checkin_id,0), score,"
                           " scale_min, scale_max, norm, recorded_at FROM moods"
                           " WHERE client_id = ?1 ORDER BY recorded_at, id",
    [Q_ESC_INSERT] = "INSERT INTO escalations(client_id, peer, message_id, specialist_id, severity,"
                     " reason, state, created_at, score, last_message_id, updated_at, realert_at)"
                     " VALUES (nullif(?1,0), ?7, nullif(?2,0), nullif(?3,0), ?4, ?5, 'open', ?6,"
                     " ?8, nullif(?2,0), ?6, nullif(?9,0))",
    [Q_ESC_EACH] = "SELECT " ESC_COLS " FROM escalations WHERE (?1 = 0 OR client_id = ?1)"
                   " AND (?2 = 0 OR state <> 'resolved') ORDER BY id DESC",
    [Q_ESC_ACK] = "UPDATE escalations SET state = 'acked', acked_at = ?2, acked_by = ?3,"
                  " realert_at = NULL, resolve_reminded_at = NULL WHERE id = ?1 AND state = 'open'",
    [Q_ESC_GET] = "SELECT " ESC_COLS " FROM escalations WHERE id = ?1",
    /* The flood window: the newest unresolved alerting escalation of a number. */
    [Q_ESC_RECENT] = "SELECT " ESC_COLS " FROM escalations WHERE peer = ?1 AND state <> 'resolved'"
                     " AND severity <> 'watch' AND coalesce(updated_at, created_at) >= ?2"
                     " ORDER BY id DESC LIMIT 1",
    [Q_ESC_OPEN_WATCH] = "SELECT " ESC_COLS " FROM escalations WHERE client_id = ?1"
                         " AND state <> 'resolved' AND severity = 'watch' ORDER BY id DESC LIMIT 1",
    [Q_ESC_MERGE] = "UPDATE escalations SET count = count + 1, last_message_id = nullif(?2,0),"
                    " updated_at = ?3, reason = coalesce(nullif(?4,''), reason) WHERE id = ?1",
    /* Resolving an escalation nobody acknowledged acknowledges it too. */
    [Q_ESC_RESOLVE] = "UPDATE escalations SET state = 'resolved', resolved_at = ?2, resolved_by = ?3,"
                      " acked_at = coalesce(acked_at, ?2), acked_by = coalesce(acked_by, ?3),"
                      " realert_at = NULL WHERE id = ?1 AND state <> 'resolved'",
    [Q_ESC_SET_REALERT] = "UPDATE escalations SET realert_at = nullif(?2,0), realerts = ?3"
                          " WHERE id = ?1 AND state = 'open'",
    [Q_ESC_REALERT_DUE] = "SELECT " ESC_COLS " FROM escalations WHERE state = 'open'"
                          " AND realert_at IS NOT NULL AND realert_at <= ?1"
                          " ORDER BY realert_at, id LIMIT ?2",
    /* The re-alert timer also carries held-back follow-ups (acked ones). */
    [Q_ESC_REALERT_NEXT] = "SELECT min(t) FROM (SELECT min(realert_at) AS t FROM escalations"
                           " WHERE state = 'open' AND realert_at IS NOT NULL UNION ALL"
                           " SELECT min(followup_due_at) FROM escalations WHERE state = 'acked'"
                           " AND followup_due_at IS NOT NULL UNION ALL"
                           " SELECT min(acked_at) + ?1 FROM escalations WHERE state = 'acked'"
                           " AND resolve_reminded_at IS NULL UNION ALL"
                           " SELECT min(deadline) FROM screenings WHERE state = 'open'"
                           " UNION ALL SELECT min(next_at) FROM followups WHERE state = 'open')",
    [Q_ESC_REMIND_DUE] = "SELECT " ESC_COLS " FROM escalations WHERE state = 'acked'"
                         " AND resolve_reminded_at IS NULL AND acked_at <= ?1 - ?3"
                         " ORDER BY acked_at, id LIMIT ?2",
    [Q_ESC_REARM] = "UPDATE escalations SET realert_at = ?1 WHERE state = 'open'"
                    " AND severity <> 'watch' AND realert_at IS NULL",
    [Q_ESC_SET_REMINDED] = "UPDATE escalations SET resolve_reminded_at = ?2 WHERE id = ?1",
    /* A more severe message: the same escalation, raised, open again (it
     * needs a new ACK) with a fresh re-alert chain. */
    [Q_ESC_UPGRADE] = "UPDATE escalations SET severity = ?2, reason = ?3, count = count + 1,"
                      " last_message_id = nullif(?4,0), updated_at = ?5, state = 'open',"
                      " acked_at = NULL, acked_by = NULL, realert_at = nullif(?6,0), realerts = 0,"
                      " followup_due_at = NULL WHERE id = ?1 AND state <> 'resolved'",
    [Q_ESC_SET_FOLLOWUP] = "UPDATE escalations SET followup_due_at = nullif(?2,0) WHERE id = ?1",
    [Q_ESC_FOLLOWUP_DUE] = "SELECT " ESC_COLS " FROM escalations WHERE state = 'acked'"
                           " AND followup_due_at IS NOT NULL AND followup_due_at <= ?1"
                           " ORDER BY followup_due_at, id LIMIT ?2",
    [Q_ESC_WATCH_SINCE] = "SELECT " ESC_COLS " FROM escalations WHERE severity = 'watch'"
                          " AND state <> 'resolved' AND updated_at >= ?1"
                          " AND (specialist_id IS NULL OR specialist_id = ?2) ORDER BY id DESC",
    /* The newest moods of a client, newest first (moods_client index). */
    [Q_MOODS_RECENT] = "SELECT id, coalesce(message_id,0), coalesce(checkin_id,0), score,"
                       " scale_min, scale_max, norm, recorded_at FROM moods"
                       " WHERE client_id = ?1 ORDER BY recorded_at DESC, id DESC LIMIT ?2",
    [Q_ESC_LAST_SENT] = "SELECT max(created_at) FROM messages WHERE escalation_id = ?1"
                        " AND kind = ?2",
    /* STATUS: unresolved escalations that are a specialist's: assigned to
     * them, alerted to them, or acknowledged by them. */
    [Q_ESC_FOR_SPECIALIST] = "SELECT " ESC_COLS " FROM escalations WHERE state <> 'resolved'"
                             " AND (specialist_id = ?1 OR acked_by = ?2 OR EXISTS (SELECT 1"
                             " FROM messages m WHERE m.escalation_id = escalations.id"
                             " AND m.specialist_id = ?1)) ORDER BY id DESC",
    [Q_ESC_ALERTED] = "SELECT DISTINCT specialist_id FROM messages WHERE escalation_id = ?1"
                      " AND kind = 'alert' AND specialist_id IS NOT NULL ORDER BY specialist_id",
    [Q_AUDIT_LAST] = "SELECT max(at) FROM audit WHERE action = ?1",
    [Q_AUDIT_EACH] = "SELECT id, at, actor, action, coalesce(subject,''), coalesce(detail,'')"
                     " FROM audit WHERE subject = ?1 ORDER BY id",
    [Q_AUDIT] = "INSERT INTO audit(at, actor, action, subject, detail) VALUES (?1,?2,?3,?4,?5)",
    [Q_OUT_CANCEL_CLIENT] = "UPDATE messages SET state = 'expired', updated_at = ?2,"
                            " last_error = 'cancelled: the client opted out (STOP)'"
                            " WHERE client_id = ?1 AND direction = 'out' AND state = 'queued'"
                            " AND priority < 100",
    [Q_CONSENT_EVENTS] = "SELECT a.id, a.at, a.subject, a.action, coalesce(c.specialist_id,0),"
                         " coalesce(a.detail,'')"
                         " FROM audit a JOIN clients c ON c.alias = a.subject"
                         " WHERE a.action IN ('client.opt_out','client.opt_in','client.confirmed',"
                         " 'client.enroll_pending','reply.unclear','reply.unread') AND a.id > ?2"
                         " AND (?1 = 0 OR c.specialist_id = ?1) ORDER BY a.id",
    [Q_AUDIT_LAST_ID] = "SELECT max(id) FROM audit WHERE action = ?1",
    /* Pending since before ?1 and never asked again (the audit line is the
     * record: a re-ask goes out once per client, whatever the restarts). */
    [Q_REASK_DUE] = "SELECT " CLIENT_COLS " FROM clients c WHERE state = 'pending'"
                    " AND created_at <= ?1 AND NOT EXISTS (SELECT 1 FROM audit a"
                    " WHERE a.subject = c.alias AND a.action = 'client.reasked')"
                    " ORDER BY id LIMIT ?2",
    [Q_PURGE_BODIES] = "UPDATE messages SET body = '', body_removed_at = ?2 WHERE id IN"
                       " (SELECT id FROM messages WHERE body_removed_at IS NULL"
                       " AND created_at < ?1 AND state NOT IN ('queued','sending') LIMIT ?3)",
    [Q_MSG_BODY] = "SELECT CASE typeof(body) WHEN 'blob' THEN body ELSE substr(body, 1, 300)"
                   " END FROM messages WHERE id = ?1",
    [Q_SCREEN_INSERT] = "INSERT INTO screenings(client_id, message_id, question_id, asked_at,"
                        " deadline) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_SCREEN_OPEN] = "SELECT " SCREEN_COLS " FROM screenings WHERE client_id = ?1"
                      " AND state = 'open'",
    [Q_SCREEN_CLOSE] = "UPDATE screenings SET state = ?2, answer_id = nullif(?3, 0),"
                       " escalation_id = nullif(?4, 0), closed_at = ?5"
                       " WHERE id = ?1 AND state = 'open'",
    [Q_SCREEN_DUE] = "SELECT " SCREEN_COLS " FROM screenings WHERE state = 'open'"
                     " AND deadline <= ?1 ORDER BY deadline, id LIMIT ?2",
    [Q_SCREEN_FOR_ESC] = "SELECT " SCREEN_COLS " FROM screenings WHERE escalation_id = ?1"
                         " ORDER BY id",
    [Q_RM_COUNT] = "SELECT (SELECT count(*) FROM moods WHERE client_id = ?1),"
                   " (SELECT count(*) FROM checkins WHERE client_id = ?1)",
    [Q_RM_ALERTS] = "DELETE FROM messages WHERE escalation_id IN"
                    " (SELECT id FROM escalations WHERE client_id = ?1 OR peer = ?2)",
    [Q_RM_ESC] = "DELETE FROM escalations WHERE client_id = ?1 OR peer = ?2",
    [Q_RM_MSGS] = "DELETE FROM messages WHERE client_id = ?1 OR peer = ?2",
    [Q_RM_CLIENT] = "DELETE FROM clients WHERE id = ?1",
    [Q_RM_AUDIT] = "UPDATE audit SET subject = ?2 WHERE subject = ?1",
    [Q_KEYS_LIST] = "SELECT key_id FROM crypt_keys ORDER BY key_id",
    [Q_KEYS_ADD] = "INSERT OR IGNORE INTO crypt_keys(key_id, first_used_at)"
                   " VALUES (?1, CAST(strftime('%s','now') AS INTEGER))",
    [Q_KEYS_FORGET] = "DELETE FROM crypt_keys WHERE key_id IS NOT ?1",
    [Q_REKEY_MSGS] = "SELECT id, body FROM messages WHERE id > ?1 ORDER BY id LIMIT ?2",
    [Q_REKEY_MSG_SET] = "UPDATE messages SET body = ?2 WHERE id = ?1",
    [Q_REKEY_CLIENTS] = "SELECT id, name FROM clients WHERE id > ?1 ORDER BY id LIMIT ?2",
    [Q_REKEY_CLIENT_SET] = "UPDATE clients SET name = ?2 WHERE id = ?1",
    /* ?1: the current key id in hex, or NULL when nothing is to be sealed. */
    [Q_REKEY_LEFT] = "SELECT (SELECT count(*) FROM messages WHERE CASE WHEN ?1 IS NULL"
                     "   THEN typeof(body) = 'blob'"
                     "   ELSE (typeof(body) = 'text' AND body != '')"
                     "     OR (typeof(body) = 'blob' AND hex(substr(body, 2, 8)) != upper(?1)) END)"
                     " + (SELECT count(*) FROM clients WHERE CASE WHEN ?1 IS NULL"
                     "   THEN typeof(name) = 'blob'"
                     "   ELSE (typeof(name) = 'text' AND name != '')"
                     "     OR (typeof(name) = 'blob' AND hex(substr(name, 2, 8)) != upper(?1)) END)",
    /* ---- conversations (issue 18) ---- */
    [Q_CONV_OPEN] = "INSERT INTO conversations(client_id, escalation_id, specialist_id, opened_at,"
                    " last_at) VALUES (?1, nullif(?2,0), ?3, ?4, ?4)",
    [Q_CONV_GET] = "SELECT " CONV_COLS " FROM conversations v WHERE id = ?1",
    [Q_CONV_OF_CLIENT] = "SELECT " CONV_COLS " FROM conversations v WHERE client_id = ?1"
                         " AND ended_at IS NULL",
    [Q_CONV_OF_ESC] = "SELECT " CONV_COLS " FROM conversations v WHERE escalation_id = ?1"
                      " AND ended_at IS NULL",
    [Q_CONV_OF_SPEC] = "SELECT " CONV_COLS " FROM conversations v WHERE specialist_id = ?1"
                       " AND ended_at IS NULL ORDER BY id",
    [Q_CONV_END] = "UPDATE conversations SET ended_at = ?3, end_reason = ?2"
                   " WHERE id = ?1 AND ended_at IS NULL",
    [Q_CONV_TOUCH] = "UPDATE conversations SET last_at = max(last_at, ?2) WHERE id = ?1",
    /* A hand-over (TAKE), or the escalation an open conversation is now about. */
    [Q_CONV_HAND] = "UPDATE conversations SET specialist_id = ?2,"
                    " escalation_id = coalesce(nullif(?3,0), escalation_id), last_at = ?4"
                    " WHERE id = ?1 AND ended_at IS NULL",
    /* Idle: ended when the idle time ran out, not when someone noticed. */
    [Q_CONV_EXPIRE] = "UPDATE conversations SET ended_at = last_at + ?2, end_reason = 'idle'"
                      " WHERE ended_at IS NULL AND last_at + ?2 <= ?1",
    [Q_CONV_HISTORY] = "SELECT " CONV_COLS " FROM conversations v WHERE client_id = ?1"
                       " ORDER BY id",
    [Q_MSG_LINK] = "UPDATE messages SET conversation_id = ?2,"
                   " client_id = coalesce(client_id, nullif(?3,0)) WHERE id = ?1",
    [Q_CLIENT_SET_STOP_MSG] = "UPDATE clients SET stop_message_id = ?2 WHERE id = ?1",
    [Q_CLIENT_LAST_IN] = "SELECT max(created_at) FROM messages WHERE client_id = ?1"
                         " AND direction = 'in' AND peer = (SELECT phone FROM clients"
                         " WHERE id = ?1)",
    /* A message from the client after their STOP: after the STOP message
     * itself when it is known, else (an opt-out before migration 13) in a
     * later second. */
    [Q_CLIENT_WROTE_AFTER_STOP] = "SELECT count(*) FROM messages m JOIN clients c"
                                  " ON c.id = m.client_id WHERE c.id = ?1 AND m.direction = 'in'"
                                  " AND m.peer = c.phone AND CASE WHEN c.stop_message_id"
                                  " IS NOT NULL THEN m.id > c.stop_message_id"
                                  " ELSE m.created_at > coalesce(c.opted_out_at, 0) END",
    [Q_CONV_IDLE] = "SELECT " CONV_COLS " FROM conversations v WHERE ended_at IS NULL"
                    " AND last_at + ?2 <= ?1 ORDER BY last_at, id LIMIT ?3",
    [Q_CONV_IDLE_NEXT] = "SELECT min(last_at) + ?1 FROM conversations WHERE ended_at IS NULL",
    [Q_CLIENT_LAST_OUT] = "SELECT max(created_at) FROM messages WHERE client_id = ?1"
                          " AND direction = 'out' AND kind = ?2",
    /* ---- follow-up tasks (issue 18 item 4) ---- */
    /* The nth task of an escalation, once: a second ACK (after an upgrade)
     * adds none. */
    [Q_FU_INSERT] = "INSERT INTO followups(escalation_id, client_id, specialist_id, due_at,"
                    " next_at, created_at) SELECT ?1, nullif(?2,0), ?3, ?4, ?4, ?5"
                    " WHERE (SELECT count(*) FROM followups WHERE escalation_id = ?1) < ?6",
    [Q_FU_DUE] = "SELECT " FU_COLS " FROM followups f WHERE state = 'open' AND next_at <= ?1"
                 " ORDER BY next_at, id LIMIT ?2",
    [Q_FU_STEP] = "UPDATE followups SET step = ?2, next_at = nullif(?3,0),"
                  " handed_to = coalesce(nullif(?4,''), handed_to) WHERE id = ?1 AND state = 'open'",
    /* DONE and SNOOZE act on the escalation's earliest task already sent. */
    [Q_FU_CURRENT] = "SELECT " FU_COLS " FROM followups f WHERE escalation_id = ?1"
                     " AND state = 'open' AND step > 0 ORDER BY due_at, id LIMIT 1",
    [Q_FU_DONE] = "UPDATE followups SET state = 'done', done_at = ?3, done_by = ?2,"
                  " next_at = NULL WHERE id = ?1 AND state = 'open'",
    [Q_FU_SNOOZE] = "UPDATE followups SET due_at = ?2, next_at = ?2, step = 0,"
                    " snoozes = snoozes + 1 WHERE id = ?1 AND state = 'open'",
    /* ?1: a specialist's id (the holder or the one it was handed to), 0 for
     * all; ?2: 1 to list done ones too. */
    [Q_FU_EACH] = "SELECT " FU_COLS " FROM followups f WHERE (?1 = 0 OR specialist_id = ?1"
                  " OR handed_to = (SELECT key FROM specialists WHERE id = ?1))"
                  " AND (?2 = 1 OR state = 'open') ORDER BY due_at, id",
    [Q_FU_HAND] = "UPDATE followups SET specialist_id = ?2 WHERE escalation_id = ?1"
                  " AND state = 'open'",
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_SAVEPOINT] = "SAVEPOINT one",
    [Q_RELEASE] = "RELEASE one",
    [Q_ROLLBACK_TO] = "ROLLBACK TO one",
    [Q_PING] = "SELECT count(*) FROM sqlite_schema",
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[Q__COUNT];
    const struct crypt *crypt; /* borrowed; NULL: values in the clear */
    char errmsg[256];
    bool readonly;      /* opened by store_open_readonly: every write fails */
};

/* Column labels: the associated data of sealed values (crypt.h), so a value
 * copied into another column does not open. */
#define LABEL_BODY "messages.body"
#define LABEL_NAME "clients.name"


/* Maps an SQLite result code to a STORE_* code and remembers its message. */
static int fail(struct store *s, int rc, const char *what)
{
    snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, sqlite3_errmsg(s->db));
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        return (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
                   ? STORE_EXISTS : STORE_ERR;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return STORE_BUSY;
    case SQLITE_FULL: return STORE_FULL;
    case SQLITE_READONLY: return STORE_READONLY;
    case SQLITE_IOERR:
        /* ENOSPC and EROFS surface as I/O errors on some paths (WAL writes). */
        switch (sqlite3_system_errno(s->db) ? sqlite3_system_errno(s->db) : errno) {
        case ENOSPC:
        case EDQUOT: return STORE_FULL;
        case EROFS: return STORE_READONLY;
        default: return STORE_ERR;
        }
    default: return STORE_ERR;
    }
}

/* The statement for id, reset and unbound, prepared on first use; NULL on error. */
static sqlite3_stmt *stmt(struct store *s, enum stmt_id id)
{
    sqlite3_stmt *st = s->stmt[id];
    if (!st) {
        int rc = sqlite3_prepare_v3(s->db, sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) {
            fail(s, rc, "prepare");
            return NULL;
        }
        s->stmt[id] = st;
    } else {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    return st;
}

/* Steps a statement that returns no row (or ignores them). */
static int exec_stmt(struct store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
    int out = rc == SQLITE_DONE ? STORE_OK : fail(s, sqlite3_extended_errcode(s->db), what);
    sqlite3_reset(st);
    return out;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col);

/* Binds a value that is sealed when a key is set (message bodies, client
 * names); empty values stay empty. Returns STORE_OK or STORE_ERR (memory). */
static int bind_secret(struct store *s, sqlite3_stmt *st, int i, const char *v, size_t len,
                       const char *label)
{
    if (!v)
        v = "", len = 0;
    if (len == 0 || !crypt_sealing(s->crypt)) {
        sqlite3_bind_text(st, i, v, (int)len, SQLITE_STATIC);
        return STORE_OK;
    }
    size_t blen = 0;
    unsigned char *blob = crypt_seal(s->crypt, label, v, len, &blen);
    if (!blob) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: cannot encrypt (out of memory)", label);
        return STORE_ERR;
    }
    sqlite3_bind_blob(st, i, blob, (int)blen, free);
    return STORE_OK;
}

/* Copies a column bound by bind_secret into dst[n] (truncated like
 * copy_col), opening it if it is sealed. Returns STORE_OK, or STORE_ERR
 * with errmsg naming the row when it cannot be opened. */
static int copy_secret(struct store *s, char *dst, size_t n, sqlite3_stmt *st, int col,
                       const char *label, int64_t row_id)
{
    if (sqlite3_column_type(st, col) != SQLITE_BLOB) {
        copy_col(dst, n, st, col);
        return STORE_OK;
    }
    const void *blob = sqlite3_column_blob(st, col);
    size_t len = (size_t)sqlite3_column_bytes(st, col), plen = 0;
    char why[200];
    char *pt = crypt_open(s->crypt, label, blob, len, &plen, why, sizeof why);
    if (!pt) {
        dst[0] = '\0';
        snprintf(s->errmsg, sizeof s->errmsg, "row %lld: %s", (long long)row_id, why);
        return STORE_ERR;
    }
    if (plen >= n)
        plen = n - 1;
    memcpy(dst, pt, plen);
    dst[plen] = '\0';
    free(pt);
    return STORE_OK;
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    int len = sqlite3_column_bytes(st, col);
    if (!v || len < 0)
        len = 0;
    if ((size_t)len >= n)
        len = (int)n - 1;
    if (len)
        memcpy(dst, v, (size_t)len);
    dst[len] = '\0';
}

/* ---- open, migrate, close ---------------------------------------------------- */

static int exec_sql(struct store *s, const char *text, const char *what)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, text, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = fail(s, sqlite3_extended_errcode(s->db), what);
        if (msg) {
            snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, msg);
            sqlite3_free(msg);
        }
        return code;
    }
    return STORE_OK;
}

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
static int migrate(struct store *s)
{
    int v = store_schema_version(s);
    if (v < 0)
        return fail(s, sqlite3_extended_errcode(s->db), "reading schema version");
    if (v > NMIGRATIONS) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "database schema version %d is newer than this build knows (%d)", v,
                 NMIGRATIONS);
        return STORE_ERR;
    }
    for (int i = v; i < NMIGRATIONS; i++) {
        char bump[64];
        int rc = exec_sql(s, "BEGIN IMMEDIATE", "migration begin");
        if (rc)
            return rc;
        /* Another process (the daemon and checkinctl starting together) may
         * have applied this one while we waited for the lock. */
        if (store_schema_version(s) > i) {
            exec_sql(s, "ROLLBACK", "migration rollback");
            continue;
        }
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", i + 1);
        if ((rc = exec_sql(s, migrations[i], "migration")) != STORE_OK ||
            (rc = exec_sql(s, bump, "migration version")) != STORE_OK ||
            (rc = exec_sql(s, "COMMIT", "migration commit")) != STORE_OK) {
            char keep[sizeof s->errmsg];
            memcpy(keep, s->errmsg, sizeof keep);
            exec_sql(s, "ROLLBACK", "migration rollback");
            memcpy(s->errmsg, keep, sizeof keep);
            return rc;
        }
    }
    return STORE_OK;
}

int store_open(struct store **out, const char *path, char *err, size_t errlen)
{
    struct store *s = NULL;
    int rc = STORE_ERR;
    *out = NULL;

    /* Create the file ourselves so it is 0600 whatever the umask: it holds
     * health information. SQLite gives the -wal and -shm files the same mode. */
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "store: cannot open %s: %s", path, strerror(errno));
        return errno == EROFS || errno == EACCES ? STORE_READONLY : STORE_ERR;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size == 0)
        (void)fchmod(fd, 0600);
    close(fd);

    s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "store: out of memory");
        return STORE_ERR;
    }
    int src = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        snprintf(err, errlen, "store: cannot open %s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 5000);
    /* secure_delete: a removed body (retention, remove, a re-encrypted
     * value) is overwritten in the file, not left in a free page. */
    if ((rc = exec_sql(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                          " PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
                       "pragmas")) != STORE_OK ||
        (rc = migrate(s)) != STORE_OK) {
        snprintf(err, errlen, "store: %s: %s", path, s->errmsg);
        goto out;
    }
    *out = s;
    return STORE_OK;
out:
    store_close(s);
    return rc == STORE_OK ? STORE_ERR : rc;
}

int store_open_readonly(struct store **out, const char *path, char *err, size_t errlen)
{
    /* immutable: the file system is read-only, so nobody writes it, and a
     * WAL database opens without creating its -shm file. */
    char uri[4096 + 32];
    size_t o = 0;
    o += (size_t)snprintf(uri, sizeof uri, "file:");
    for (const unsigned char *c = (const unsigned char *)path; *c && o + 4 < sizeof uri; c++) {
        if (*c == '%' || *c == '?' || *c == '#' || *c <= ' ')
            o += (size_t)snprintf(uri + o, sizeof uri - o, "%%%02X", *c);
        else
            uri[o++] = (char)*c;
    }
    snprintf(uri + o, sizeof uri - o, "?immutable=1");
    *out = NULL;
    struct store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "store: out of memory");
        return STORE_ERR;
    }
    s->readonly = true;
    int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                             SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        sqlite3_extended_result_codes(s->db, 1);
    int v = rc == SQLITE_OK ? store_schema_version(s) : -1;
    if (v != NMIGRATIONS) {
        if (rc != SQLITE_OK || v < 0)
            snprintf(err, errlen, "store: cannot read %s: %s", path,
                     s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        else
            snprintf(err, errlen, "store: %s has schema version %d, this build needs %d (a"
                     " write)", path, v, NMIGRATIONS);
        store_close(s);
        return STORE_ERR;
    }
    *out = s;
    return STORE_OK;
}

bool store_readonly(const struct store *s) { return s->readonly; }

int store_reopen(struct store *s, const char *path, char *err, size_t errlen)
{
    struct store *n = NULL;
    int rc = store_open(&n, path, err, errlen);
    if (rc != STORE_OK)
        return rc;
    for (int i = 0; i < Q__COUNT; i++) {
        sqlite3_finalize(s->stmt[i]);
        s->stmt[i] = NULL;
    }
    sqlite3_close(s->db);
    s->db = n->db;
    s->readonly = false;
    s->errmsg[0] = '\0';
    free(n); /* n never prepared a statement */
    return STORE_OK;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_close(s->db);
    free(s);
}

const char *store_errmsg(struct store *s) { return s->errmsg; }

int store_begin(struct store *s)
{
    sqlite3_stmt *st = stmt(s, Q_BEGIN);
    return st ? exec_stmt(s, st, "begin") : STORE_ERR;
}

int store_commit(struct store *s)
{
    sqlite3_stmt *st = stmt(s, Q_COMMIT);
    int rc = st ? exec_stmt(s, st, "commit") : STORE_ERR;
    /* A failed COMMIT can leave the transaction open (SQLITE_BUSY): end it,
     * so the caller's "not committed" answer is the whole truth. */
    if (rc != STORE_OK && !sqlite3_get_autocommit(s->db))
        store_rollback(s);
    return rc;
}

int store_savepoint(struct store *s)
{
    sqlite3_stmt *st = stmt(s, Q_SAVEPOINT);
    return st ? exec_stmt(s, st, "savepoint") : STORE_ERR;
}

int store_release(struct store *s)
{
    sqlite3_stmt *st = stmt(s, Q_RELEASE);
    return st ? exec_stmt(s, st, "release") : STORE_ERR;
}

bool store_rollback_to(struct store *s)
{
    if (sqlite3_get_autocommit(s->db))
        return false; /* SQLite ended the whole transaction (full disk, I/O error) */
    sqlite3_stmt *undo = stmt(s, Q_ROLLBACK_TO), *end = stmt(s, Q_RELEASE);
    char keep[sizeof s->errmsg];
    memcpy(keep, s->errmsg, sizeof keep);
    bool ok = undo && end && exec_stmt(s, undo, "rollback to") == STORE_OK &&
              exec_stmt(s, end, "release") == STORE_OK;
    memcpy(s->errmsg, keep, sizeof keep);
    return ok && !sqlite3_get_autocommit(s->db);
}

void store_rollback(struct store *s)
{
    if (sqlite3_get_autocommit(s->db))
        return;
    sqlite3_stmt *st = stmt(s, Q_ROLLBACK);
    if (st) {
        char keep[sizeof s->errmsg];
        memcpy(keep, s->errmsg, sizeof keep);
        exec_stmt(s, st, "rollback");
        memcpy(s->errmsg, keep, sizeof keep);
    }
}

int store_ping(struct store *s)
{
    sqlite3_stmt *st = stmt(s, Q_PING);
    return st ? exec_stmt(s, st, "ping") : STORE_ERR;
}

void store_set_busy_timeout(struct store *s, int ms) { sqlite3_busy_timeout(s->db, ms); }

int store_limit_pages(struct store *s, int max_pages)
{
    char q[64];
    snprintf(q, sizeof q, "PRAGMA max_page_count = %d", max_pages);
    return exec_sql(s, q, "max_page_count");
}

/* ---- specialists ------------------------------------------------------------ */

int store_specialist_upsert(struct store *s, const char *key, const char *name,
                            const char *phone, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_SPEC_UPSERT);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, key);
    bind_text(st, 2, name);
    bind_text(st, 3, phone);
    sqlite3_bind_int64(st, 4, now);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        int code = fail(s, sqlite3_extended_errcode(s->db), "specialist upsert");
        sqlite3_reset(st);
        return code;
    }
    int64_t id = sqlite3_column_int64(st, 0);
    /* Step to the end rather than reset after the RETURNING row: outside a
     * transaction the implicit COMMIT runs there, and sqlite3_reset's result
     * was ignored, so a failed commit (disk full, I/O error) was reported
     * as STORE_OK with nothing stored. */
    if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
        int code = fail(s, sqlite3_extended_errcode(s->db), "specialist upsert");
        sqlite3_reset(st);
        return code;
    }
    if (id_out)
        *id_out = id;
    sqlite3_reset(st);
    return STORE_OK;
}

static int specialist_one(struct store *s, sqlite3_stmt *st, struct store_specialist *out)
{
    int rc = sqlite3_step(st);
    int code = STORE_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(st, 0);
        copy_col(out->key, sizeof out->key, st, 1);
        copy_col(out->name, sizeof out->name, st, 2);
        copy_col(out->phone, sizeof out->phone, st, 3);
    } else if (rc == SQLITE_DONE) {
        code = STORE_NOTFOUND;
    } else {
        code = fail(s, sqlite3_extended_errcode(s->db), "specialist lookup");
    }
    sqlite3_reset(st);
    return code;
}

int store_specialist_get(struct store *s, int64_t id, struct store_specialist *out)
{
    sqlite3_stmt *st = stmt(s, Q_SPEC_GET);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    return specialist_one(s, st, out);
}

int store_specialist_by_key(struct store *s, const char *key, struct store_specialist *out)
{
    sqlite3_stmt *st = stmt(s, Q_SPEC_BY_KEY);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, key);
    return specialist_one(s, st, out);
}

int store_specialist_by_phone(struct store *s, const char *phone, struct store_specialist *out)
{
    sqlite3_stmt *st = stmt(s, Q_SPEC_BY_PHONE);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, phone);
    return specialist_one(s, st, out);
}

/* ---- clients ------------------------------------------------------------------ */

static int client_row(struct store *s, sqlite3_stmt *st, struct store_client *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    copy_col(c->alias, sizeof c->alias, st, 1);
    int rc = copy_secret(s, c->name, sizeof c->name, st, 2, LABEL_NAME, c->id);
    copy_col(c->phone, sizeof c->phone, st, 3);
    copy_col(c->tz, sizeof c->tz, st, 4);
    copy_col(c->schedule, sizeof c->schedule, st, 5);
    copy_col(c->lang, sizeof c->lang, st, 6);
    c->specialist_id = sqlite3_column_int64(st, 7);
    copy_col(c->state, sizeof c->state, st, 8);
    c->next_due_at = sqlite3_column_int64(st, 9);
    c->created_at = sqlite3_column_int64(st, 10);
    c->opted_out_at = sqlite3_column_int64(st, 11);
    c->next_slot_at = sqlite3_column_int64(st, 12);
    c->oneoff_at = sqlite3_column_int64(st, 13);
    c->paused_until = sqlite3_column_int64(st, 14);
    copy_col(c->birthday, sizeof c->birthday, st, 15);
    return rc;
}

int store_client_insert(struct store *s, struct store_client *c)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_INSERT);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, c->alias);
    if (bind_secret(s, st, 2, c->name, strlen(c->name), LABEL_NAME) != STORE_OK)
        return STORE_ERR;
    bind_text(st, 3, c->phone);
    bind_text(st, 4, c->tz);
    bind_text(st, 5, c->schedule);
    bind_text(st, 6, c->lang[0] ? c->lang : "en");
    sqlite3_bind_int64(st, 7, c->specialist_id);
    bind_text(st, 8, c->state[0] ? c->state : "active");
    sqlite3_bind_int64(st, 9, c->next_due_at);
    sqlite3_bind_int64(st, 10, c->created_at);
    sqlite3_bind_int64(st, 11, c->next_slot_at ? c->next_slot_at : c->next_due_at);
    bind_text(st, 12, c->birthday);
    int rc = exec_stmt(s, st, "client insert");
    if (rc == STORE_OK)
        c->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int client_one(struct store *s, sqlite3_stmt *st, struct store_client *out)
{
    int rc = sqlite3_step(st);
    int code = STORE_OK;
    if (rc == SQLITE_ROW)
        code = client_row(s, st, out);
    else if (rc == SQLITE_DONE)
        code = STORE_NOTFOUND;
    else
        code = fail(s, sqlite3_extended_errcode(s->db), "client lookup");
    sqlite3_reset(st);
    return code;
}

int store_client_get(struct store *s, int64_t id, struct store_client *out)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_GET);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    return client_one(s, st, out);
}

int store_client_by_alias(struct store *s, const char *alias, struct store_client *out)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_BY_ALIAS);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, alias);
    return client_one(s, st, out);
}

int store_client_by_phone(struct store *s, const char *phone, struct store_client *out)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_BY_PHONE);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, phone);
    return client_one(s, st, out);
}

int store_client_set_state(struct store *s, int64_t id, const char *state, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_SET_STATE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, state);
    sqlite3_bind_int64(st, 3, now);
    return exec_stmt(s, st, "client state");
}

int store_client_set_next_due(struct store *s, int64_t id, int64_t next_due_at)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_SET_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, next_due_at);
    return exec_stmt(s, st, "client next due");
}

int store_client_update(struct store *s, const struct store_client *c)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_UPDATE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    bind_text(st, 2, c->tz);
    bind_text(st, 3, c->schedule);
    bind_text(st, 4, c->lang[0] ? c->lang : "en");
    bind_text(st, 5, c->state[0] ? c->state : "active");
    sqlite3_bind_int64(st, 6, c->next_due_at);
    sqlite3_bind_int64(st, 7, c->next_slot_at);
    sqlite3_bind_int64(st, 8, c->oneoff_at);
    sqlite3_bind_int64(st, 9, c->paused_until);
    bind_text(st, 10, c->birthday);
    int rc = exec_stmt(s, st, "client update");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOTFOUND;
    return rc;
}

int store_caring_mark(struct store *s, int64_t client_id, const char *key, int64_t due_at,
                      int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CARING_MARK);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    bind_text(st, 2, key);
    sqlite3_bind_int64(st, 3, due_at);
    sqlite3_bind_int64(st, 4, now);
    int rc = exec_stmt(s, st, "caring contact");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_EXISTS;
    return rc;
}

/* ---- flows ------------------------------------------------------------------------- */

static int single_int(struct store *s, sqlite3_stmt *st, int64_t *out, const char *what);

int store_flowrun_insert(struct store *s, struct store_flowrun *r)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, r->client_id);
    sqlite3_bind_int64(st, 2, r->checkin_id);
    bind_text(st, 3, r->flow);
    sqlite3_bind_int64(st, 4, r->started_at);
    sqlite3_bind_int64(st, 5, r->window_end);
    sqlite3_bind_int(st, 6, r->step);
    int rc = exec_stmt(s, st, "flow run insert");
    if (rc == STORE_OK)
        r->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static void flowrun_row(sqlite3_stmt *st, struct store_flowrun *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->client_id = sqlite3_column_int64(st, 1);
    r->checkin_id = sqlite3_column_int64(st, 2);
    copy_col(r->flow, sizeof r->flow, st, 3);
    r->started_at = sqlite3_column_int64(st, 4);
    r->window_end = sqlite3_column_int64(st, 5);
    r->step = sqlite3_column_int(st, 6);
    r->retried = sqlite3_column_int(st, 7);
    copy_col(r->state, sizeof r->state, st, 8);
    r->ended_at = sqlite3_column_int64(st, 9);
    r->alerted = sqlite3_column_int(st, 10);
    copy_col(r->scale, sizeof r->scale, st, 11);
    r->total = sqlite3_column_int(st, 12);
    r->max = sqlite3_column_int(st, 13);
    copy_col(r->band, sizeof r->band, st, 14);
}

static int flowrun_walk(struct store *s, sqlite3_stmt *st, store_flowrun_cb cb, void *ctx)
{
    int rc, code = STORE_OK;
    struct store_flowrun r;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        flowrun_row(st, &r);
        if ((code = cb(ctx, &r)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "flow runs walk");
    sqlite3_reset(st);
    return code;
}

int store_flowrun_open(struct store *s, int64_t client_id, int64_t now, struct store_flowrun *r)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st), code = STORE_OK;
    if (rc == SQLITE_ROW)
        flowrun_row(st, r);
    else if (rc == SQLITE_DONE)
        code = STORE_NOTFOUND;
    else
        code = fail(s, sqlite3_extended_errcode(s->db), "flow run open");
    sqlite3_reset(st);
    return code;
}

int store_flowrun_update(struct store *s, const struct store_flowrun *r)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_UPDATE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int(st, 2, r->step);
    sqlite3_bind_int(st, 3, r->retried);
    bind_text(st, 4, r->state);
    sqlite3_bind_int64(st, 5, r->ended_at);
    sqlite3_bind_int(st, 6, r->alerted);
    bind_text(st, 7, r->scale);
    sqlite3_bind_int(st, 8, r->total);
    sqlite3_bind_int(st, 9, r->max);
    bind_text(st, 10, r->band);
    return exec_stmt(s, st, "flow run update");
}

int store_flowruns_expired(struct store *s, int64_t now, int limit, store_flowrun_cb cb,
                           void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_EXPIRED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return flowrun_walk(s, st, cb, ctx);
}

int store_flowruns_for_client(struct store *s, int64_t client_id, store_flowrun_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return flowrun_walk(s, st, cb, ctx);
}

int store_next_flow_end(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_NEXT_END);
    if (!st)
        return STORE_ERR;
    return single_int(s, st, out, "next flow end");
}

int store_flow_answer_put(struct store *s, const struct store_flow_answer *a)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_ANSWER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, a->run_id);
    sqlite3_bind_int(st, 2, a->idx);
    bind_text(st, 3, a->qid);
    sqlite3_bind_int(st, 4, a->state);
    sqlite3_bind_double(st, 5, a->value);
    sqlite3_bind_int64(st, 6, a->message_id);
    sqlite3_bind_int64(st, 7, a->answered_at);
    return exec_stmt(s, st, "flow answer");
}

int store_flow_answers(struct store *s, int64_t run_id, store_flow_answer_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_FLOW_ANSWERS);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, run_id);
    int rc, code = STORE_OK;
    struct store_flow_answer a;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&a, 0, sizeof a);
        a.run_id = sqlite3_column_int64(st, 0);
        a.idx = sqlite3_column_int(st, 1);
        copy_col(a.qid, sizeof a.qid, st, 2);
        a.state = sqlite3_column_int(st, 3);
        a.value = sqlite3_column_double(st, 4);
        a.message_id = sqlite3_column_int64(st, 5);
        a.answered_at = sqlite3_column_int64(st, 6);
        if ((code = cb(ctx, &a)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "flow answers walk");
    sqlite3_reset(st);
    return code;
}

int store_caring_count(struct store *s, int64_t client_id, int64_t *n)
{
    sqlite3_stmt *st = stmt(s, Q_CARING_COUNT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : fail(s, sqlite3_extended_errcode(s->db), "caring count");
}

int store_client_set_plan(struct store *s, int64_t id, int64_t next_due_at, int64_t next_slot_at,
                          int64_t oneoff_at)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_SET_PLAN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, next_due_at);
    sqlite3_bind_int64(st, 3, next_slot_at);
    sqlite3_bind_int64(st, 4, oneoff_at);
    int rc = exec_stmt(s, st, "client plan");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOTFOUND;
    return rc;
}

/* Walks the client rows of st. The row is copied before cb runs, and the
 * statement is finished before returning, so cb may itself use the store
 * (other statements). */
static int clients_walk(struct store *s, sqlite3_stmt *st, store_client_cb cb, void *ctx)
{
    int rc, code = STORE_OK;
    struct store_client c;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((code = client_row(s, st, &c)) != STORE_OK || (code = cb(ctx, &c)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "client walk");
    sqlite3_reset(st);
    return code;
}

int store_clients_each(struct store *s, store_client_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENTS_EACH);
    return st ? clients_walk(s, st, cb, ctx) : STORE_ERR;
}

int store_clients_due(struct store *s, int64_t now, int limit, store_client_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENTS_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return clients_walk(s, st, cb, ctx);
}

int store_clients_after(struct store *s, int64_t after_id, int limit, store_client_cb cb,
                        void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENTS_AFTER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, after_id);
    sqlite3_bind_int(st, 2, limit);
    return clients_walk(s, st, cb, ctx);
}

int store_pauses_ended(struct store *s, int64_t now, int limit, store_client_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_PAUSES_ENDED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return clients_walk(s, st, cb, ctx);
}

/* Runs a one-row, one-column integer query; STORE_NOTFOUND when it is NULL. */
static int single_int(struct store *s, sqlite3_stmt *st, int64_t *out, const char *what)
{
    int rc = sqlite3_step(st);
    int code = STORE_OK;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *out = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        code = STORE_NOTFOUND;
    else
        code = fail(s, sqlite3_extended_errcode(s->db), what);
    sqlite3_reset(st);
    return code;
}

int store_next_due(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_NEXT_DUE);
    return st ? single_int(s, st, out, "next due") : STORE_ERR;
}

int store_next_pause_end(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_NEXT_PAUSE_END);
    return st ? single_int(s, st, out, "next pause end") : STORE_ERR;
}

/* ---- check-ins ------------------------------------------------------------------ */

int store_checkin_set_remind(struct store *s, int64_t id, int64_t remind_at)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKIN_SET_REMIND);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, remind_at);
    return exec_stmt(s, st, "checkin reminder");
}

/* Walks the check-in rows a bound statement yields (columns id, client_id,
 * due_at, window_end, state, remind_at), calling cb for each until it
 * returns non-zero. what names the walk in an error. */
static int walk_checkins(struct store *s, sqlite3_stmt *st, store_checkin_cb cb, void *ctx,
                         const char *what)
{
    int rc, code = STORE_OK;
    struct store_checkin k;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&k, 0, sizeof k);
        k.id = sqlite3_column_int64(st, 0);
        k.client_id = sqlite3_column_int64(st, 1);
        k.due_at = sqlite3_column_int64(st, 2);
        k.window_end = sqlite3_column_int64(st, 3);
        copy_col(k.state, sizeof k.state, st, 4);
        k.remind_at = sqlite3_column_int64(st, 5);
        if ((code = cb(ctx, &k)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), what);
    sqlite3_reset(st);
    return code;
}

int store_reminders_due(struct store *s, int64_t now, int limit, store_checkin_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_REMINDERS_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return walk_checkins(s, st, cb, ctx, "reminders due");
}

int store_checkin_reminded(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKIN_REMINDED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return exec_stmt(s, st, "checkin reminded");
}

int store_next_reminder(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_NEXT_REMIND);
    return st ? single_int(s, st, out, "next reminder") : STORE_ERR;
}

int store_next_window_end(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_NEXT_WINDOW_END);
    return st ? single_int(s, st, out, "next window end") : STORE_ERR;
}

int store_checkins_missed_in_row(struct store *s, int64_t client_id, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_MISSED_IN_ROW);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    int rc = single_int(s, st, out, "missed in a row");
    if (rc == STORE_NOTFOUND) { /* count(*) is never NULL; keep the contract simple */
        *out = 0;
        rc = STORE_OK;
    }
    return rc;
}

int store_checkin_insert(struct store *s, int64_t client_id, int64_t due_at, int64_t window_end,
                         int64_t *id_out)
{
    return store_checkin_insert_remind(s, client_id, due_at, window_end, 0, id_out);
}

int store_checkin_insert_remind(struct store *s, int64_t client_id, int64_t due_at,
                                int64_t window_end, int64_t remind_at, int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKIN_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, due_at);
    sqlite3_bind_int64(st, 3, window_end);
    sqlite3_bind_int64(st, 4, remind_at);
    int rc = exec_stmt(s, st, "checkin insert");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_checkin_open(struct store *s, int64_t client_id, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKIN_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, now);
    return single_int(s, st, id_out, "checkin open");
}

int store_checkin_answer(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKIN_ANSWER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return exec_stmt(s, st, "checkin answer");
}

int store_checkin_retry_once(struct store *s, int64_t id)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKIN_RETRY_ONCE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    int rc = exec_stmt(s, st, "checkin retry once");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_checkins_expire(struct store *s, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKINS_EXPIRE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    int rc = exec_stmt(s, st, "checkins expire");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

/* ---- messages ---------------------------------------------------------------------- */

int store_inbound_insert(struct store *s, const struct store_inbound *m, int64_t now,
                         int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_INBOUND_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, m->client_id);
    sqlite3_bind_int64(st, 2, m->specialist_id);
    bind_text(st, 3, m->from);
    /* The body is stored byte for byte, even if it is not valid UTF-8:
     * nothing a person wrote is altered or dropped. */
    if (bind_secret(s, st, 4, m->body, m->body ? m->body_len : 0, LABEL_BODY) != STORE_OK)
        return STORE_ERR;
    bind_text(st, 5, m->provider);
    /* No provider id: bind NULL, which the unique index never matches. An
     * empty string was bound before, so every id-less message after the
     * first from a provider was taken for a duplicate and dropped. */
    if (m->ext_id && m->ext_id[0])
        bind_text(st, 6, m->ext_id);
    sqlite3_bind_int64(st, 7, m->received_at ? m->received_at : now);
    sqlite3_bind_int64(st, 8, now);
    int rc = exec_stmt(s, st, "inbound insert");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_inbound_last(struct store *s, const char *provider, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_INBOUND_LAST);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, provider);
    return single_int(s, st, out, "inbound last");
}

int store_outbound_queue(struct store *s, const struct store_outbound *m, int64_t now,
                         int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_QUEUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, m->client_id);
    sqlite3_bind_int64(st, 2, m->specialist_id);
    bind_text(st, 3, m->to);
    if (bind_secret(s, st, 4, m->body, m->body ? strlen(m->body) : 0, LABEL_BODY) != STORE_OK)
        return STORE_ERR;
    bind_text(st, 5, m->kind);
    sqlite3_bind_int(st, 6, m->priority);
    sqlite3_bind_int64(st, 7, now);
    sqlite3_bind_int64(st, 8, m->expires_at);
    sqlite3_bind_int64(st, 9, m->escalation_id);
    sqlite3_bind_int64(st, 10, m->checkin_id);
    sqlite3_bind_int64(st, 11, m->queued_ms > 0 ? m->queued_ms : now * 1000);
    sqlite3_bind_int64(st, 12, m->not_before);
    int rc = exec_stmt(s, st, "outbound queue");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_outbox_claim(struct store *s, int64_t now, int prio_min, int prio_max,
                       struct store_msg *out, int max)
{
    bool own_tx = sqlite3_get_autocommit(s->db);
    int rc, n = 0;
    if (own_tx && (rc = store_begin(s)) != STORE_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    if (prio_min < MSG_PRIO_URGENT) {
        if (!(st = stmt(s, Q_OUT_WITHHOLD))) {
            rc = STORE_ERR;
            goto fail;
        }
        sqlite3_bind_int64(st, 1, now);
        if ((rc = exec_stmt(s, st, "outbox withhold")) != STORE_OK)
            goto fail;
    }
    st = stmt(s, Q_OUT_CLAIM);
    if (!st) {
        rc = STORE_ERR;
        goto fail;
    }
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, max);
    sqlite3_bind_int(st, 3, prio_min);
    sqlite3_bind_int(st, 4, prio_max);
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_msg *m = &out[n++];
        memset(m, 0, sizeof *m);
        m->id = sqlite3_column_int64(st, 0);
        copy_col(m->to, sizeof m->to, st, 1);
        if ((rc = copy_secret(s, m->body, sizeof m->body, st, 2, LABEL_BODY, m->id)) != STORE_OK) {
            sqlite3_reset(st);
            goto fail;
        }
        copy_col(m->kind, sizeof m->kind, st, 3);
        m->priority = sqlite3_column_int(st, 4);
        m->attempts = sqlite3_column_int(st, 5);
        m->client_id = sqlite3_column_int64(st, 6);
        m->expires_at = sqlite3_column_int64(st, 7);
        copy_col(m->provider, sizeof m->provider, st, 8);
        m->escalation_id = sqlite3_column_int64(st, 9);
        copy_col(m->avoid_provider, sizeof m->avoid_provider, st, 10);
        m->created_at = sqlite3_column_int64(st, 11);
        m->queued_ms = sqlite3_column_int64(st, 12);
        if (m->queued_ms <= 0)
            m->queued_ms = m->created_at * 1000; /* queued before migration 11 */
    }
    if (n < max && rc != SQLITE_DONE) {
        rc = fail(s, sqlite3_extended_errcode(s->db), "outbox claim");
        sqlite3_reset(st);
        goto fail;
    }
    sqlite3_reset(st);
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *up = stmt(s, Q_OUT_MARK_SENDING);
        if (!up) {
            rc = STORE_ERR;
            goto fail;
        }
        sqlite3_bind_int64(up, 1, out[i].id);
        sqlite3_bind_int64(up, 2, now);
        if ((rc = exec_stmt(s, up, "outbox mark sending")) != STORE_OK)
            goto fail;
    }
    if (own_tx && (rc = store_commit(s)) != STORE_OK)
        return rc;
    return n;
fail:
    if (own_tx)
        store_rollback(s);
    return rc;
}

int store_outbox_next(struct store *s, int prio_min, int prio_max, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_NEXT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int(st, 1, prio_min);
    sqlite3_bind_int(st, 2, prio_max);
    return single_int(s, st, out, "outbox next");
}

int store_msg_sent(struct store *s, int64_t id, const char *provider, const char *provider_msg_id,
                   int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_SENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, provider);
    if (provider_msg_id)
        bind_text(st, 3, provider_msg_id);
    sqlite3_bind_int64(st, 4, now);
    return exec_stmt(s, st, "message sent");
}

int store_msg_retry(struct store *s, int64_t id, const char *provider, const char *error,
                    int64_t at, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_RETRY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, provider);
    bind_text(st, 3, error);
    sqlite3_bind_int64(st, 4, at);
    sqlite3_bind_int64(st, 5, now);
    return exec_stmt(s, st, "message retry");
}

int store_msg_delivery(struct store *s, const char *provider, const char *provider_msg_id,
                       const char *state, const char *error, int64_t now,
                       struct store_msg_ref *out)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_DELIVERY);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, provider);
    bind_text(st, 2, provider_msg_id);
    bind_text(st, 3, state);
    if (error)
        bind_text(st, 4, error);
    sqlite3_bind_int64(st, 5, now);
    int rc = sqlite3_step(st);
    int out_rc;
    if (rc == SQLITE_ROW) {
        if (out) {
            out->id = sqlite3_column_int64(st, 0);
            out->priority = sqlite3_column_int(st, 1);
            out->escalation_id = sqlite3_column_int64(st, 2);
            out->specialist_id = sqlite3_column_int64(st, 3);
            copy_col(out->peer, sizeof out->peer, st, 4);
        }
        out_rc = STORE_OK;
    } else if (rc == SQLITE_DONE) {
        out_rc = STORE_NOTFOUND;
    } else {
        out_rc = fail(s, sqlite3_extended_errcode(s->db), "delivery report");
    }
    sqlite3_reset(st);
    return out_rc;
}

int store_msg_failed(struct store *s, int64_t id, const char *provider, const char *error,
                     int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_FAILED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, provider);
    bind_text(st, 3, error);
    sqlite3_bind_int64(st, 4, now);
    return exec_stmt(s, st, "message failed");
}

int store_msg_expired(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_EXPIRED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return exec_stmt(s, st, "message expired");
}

int store_msg_unclaim(struct store *s, int64_t id, int64_t at, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_UNCLAIM);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    sqlite3_bind_int64(st, 3, now);
    return exec_stmt(s, st, "message unclaim");
}

int store_outbox_expire(struct store *s, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_EXPIRE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, MSG_PRIO_URGENT);
    int rc = exec_stmt(s, st, "outbox expire");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_outbox_release(struct store *s, const char *provider, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_RELEASE);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, provider);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, MSG_PRIO_URGENT);
    int rc = exec_stmt(s, st, "outbox release");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_msg_copy(struct store *s, int64_t id, const char *to, int64_t specialist_id,
                   const char *avoid_provider, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_COPY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, to);
    sqlite3_bind_int64(st, 3, specialist_id);
    bind_text(st, 4, avoid_provider);
    sqlite3_bind_int64(st, 5, now);
    int rc = exec_stmt(s, st, "message copy");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOTFOUND;
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_escalation_msg_count(struct store *s, int64_t escalation_id, const char *peer,
                               int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_MSG_COUNT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    bind_text(st, 2, peer);
    return single_int(s, st, out, "escalation message count");
}

int store_probe_write(struct store *s, int64_t now)
{
    sqlite3_stmt *st;
    int rc = store_begin(s);
    if (rc != STORE_OK)
        return rc;
    if (!(st = stmt(s, Q_PROBE_INSERT)))
        rc = STORE_ERR;
    else {
        sqlite3_bind_int64(st, 1, now);
        rc = exec_stmt(s, st, "write probe");
    }
    if (rc == STORE_OK)
        rc = (st = stmt(s, Q_PROBE_DELETE)) ? exec_stmt(s, st, "write probe") : STORE_ERR;
    if (rc != STORE_OK) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s);
}

int store_outbox_withheld(struct store *s, int64_t id)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_WITHHELD);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), code;
    if (rc == SQLITE_ROW)
        code = sqlite3_column_int(st, 0) > 0;
    else
        code = fail(s, sqlite3_extended_errcode(s->db), "outbox withheld");
    sqlite3_reset(st);
    return code;
}

int store_outbox_recover(struct store *s, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_RECOVER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    int rc = exec_stmt(s, st, "outbox recover");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_outbox_counts(struct store *s, int64_t *queued, int64_t *sending, int64_t *failed)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_COUNTS);
    if (!st)
        return STORE_ERR;
    int rc = sqlite3_step(st), code = STORE_OK;
    if (rc == SQLITE_ROW) {
        *queued = sqlite3_column_int64(st, 0);
        *sending = sqlite3_column_int64(st, 1);
        *failed = sqlite3_column_int64(st, 2);
    } else {
        code = fail(s, sqlite3_extended_errcode(s->db), "outbox counts");
    }
    sqlite3_reset(st);
    return code;
}

int store_messages_for_client(struct store *s, int64_t client_id, store_msg_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_MSGS_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    int rc, code = STORE_OK;
    struct store_msg_row m;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&m, 0, sizeof m);
        m.id = sqlite3_column_int64(st, 0);
        copy_col(m.direction, sizeof m.direction, st, 1);
        copy_col(m.peer, sizeof m.peer, st, 2);
        if ((code = copy_secret(s, m.body, sizeof m.body, st, 3, LABEL_BODY, m.id)) != STORE_OK)
            break;
        copy_col(m.kind, sizeof m.kind, st, 4);
        copy_col(m.state, sizeof m.state, st, 5);
        m.created_at = sqlite3_column_int64(st, 6);
        m.conversation_id = sqlite3_column_int64(st, 7);
        copy_col(m.specialist, sizeof m.specialist, st, 8);
        if ((code = cb(ctx, &m)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "messages walk");
    sqlite3_reset(st);
    return code;
}

/* ---- moods ------------------------------------------------------------------------ */

int store_mood_insert(struct store *s, int64_t client_id, const struct store_mood *m,
                      int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_MOOD_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, m->message_id);
    sqlite3_bind_int64(st, 3, m->checkin_id);
    sqlite3_bind_double(st, 4, m->score);
    sqlite3_bind_int(st, 5, m->scale_min);
    sqlite3_bind_int(st, 6, m->scale_max);
    sqlite3_bind_double(st, 7, m->norm);
    sqlite3_bind_int64(st, 8, m->recorded_at);
    int rc = exec_stmt(s, st, "mood insert");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/* Steps st and calls cb for each mood row. */
static int mood_walk(struct store *s, sqlite3_stmt *st, store_mood_cb cb, void *ctx)
{
    int rc, code = STORE_OK;
    struct store_mood m;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        m.id = sqlite3_column_int64(st, 0);
        m.message_id = sqlite3_column_int64(st, 1);
        m.checkin_id = sqlite3_column_int64(st, 2);
        m.score = sqlite3_column_double(st, 3);
        m.scale_min = sqlite3_column_int(st, 4);
        m.scale_max = sqlite3_column_int(st, 5);
        m.norm = sqlite3_column_double(st, 6);
        m.recorded_at = sqlite3_column_int64(st, 7);
        if ((code = cb(ctx, &m)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "moods walk");
    sqlite3_reset(st);
    return code;
}

int store_moods_for_client(struct store *s, int64_t client_id, store_mood_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_MOODS_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return mood_walk(s, st, cb, ctx);
}

int store_moods_recent(struct store *s, int64_t client_id, int limit, store_mood_cb cb,
                       void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_MOODS_RECENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int(st, 2, limit);
    return mood_walk(s, st, cb, ctx);
}

/* ---- escalations ------------------------------------------------------------------- */

int store_escalation_insert(struct store *s, struct store_escalation *e)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, e->client_id);
    sqlite3_bind_int64(st, 2, e->message_id);
    sqlite3_bind_int64(st, 3, e->specialist_id);
    bind_text(st, 4, e->severity);
    bind_text(st, 5, e->reason);
    sqlite3_bind_int64(st, 6, e->created_at);
    bind_text(st, 7, e->peer);
    bind_text(st, 8, e->score[0] ? e->score : "none");
    sqlite3_bind_int64(st, 9, e->realert_at);
    int rc = exec_stmt(s, st, "escalation insert");
    if (rc == STORE_OK) {
        e->id = sqlite3_last_insert_rowid(s->db);
        snprintf(e->state, sizeof e->state, "open");
        e->count = 1;
        e->updated_at = e->created_at;
        e->last_message_id = e->message_id;
    }
    return rc;
}

/* Reads one escalation row of ESC_COLS. Returns STORE_OK, or STORE_ERR if
 * the message text is sealed with a key the store does not have. */
static int esc_row(struct store *s, sqlite3_stmt *st, struct store_escalation *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->client_id = sqlite3_column_int64(st, 1);
    e->message_id = sqlite3_column_int64(st, 2);
    e->specialist_id = sqlite3_column_int64(st, 3);
    copy_col(e->severity, sizeof e->severity, st, 4);
    copy_col(e->reason, sizeof e->reason, st, 5);
    copy_col(e->state, sizeof e->state, st, 6);
    e->created_at = sqlite3_column_int64(st, 7);
    e->acked_at = sqlite3_column_int64(st, 8);
    copy_col(e->peer, sizeof e->peer, st, 9);
    copy_col(e->score, sizeof e->score, st, 10);
    e->count = sqlite3_column_int(st, 11);
    e->last_message_id = sqlite3_column_int64(st, 12);
    e->updated_at = sqlite3_column_int64(st, 13);
    e->realert_at = sqlite3_column_int64(st, 14);
    e->realerts = sqlite3_column_int(st, 15);
    copy_col(e->acked_by, sizeof e->acked_by, st, 16);
    e->resolved_at = sqlite3_column_int64(st, 17);
    copy_col(e->resolved_by, sizeof e->resolved_by, st, 18);
    e->followup_due_at = sqlite3_column_int64(st, 20);
    /* A sealed body is read whole and opened (a cut blob cannot be). */
    return copy_secret(s, e->text, sizeof e->text, st, 19, LABEL_BODY, e->last_message_id);
}

/* Steps st and calls cb for each escalation row. */
static int esc_walk(struct store *s, sqlite3_stmt *st, store_escalation_cb cb, void *ctx)
{
    int rc, code = STORE_OK;
    struct store_escalation e;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((code = esc_row(s, st, &e)) != STORE_OK || (code = cb(ctx, &e)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "escalations walk");
    sqlite3_reset(st);
    return code;
}

/* Steps st for at most one escalation row into *out. */
static int esc_one(struct store *s, sqlite3_stmt *st, struct store_escalation *out)
{
    int rc = sqlite3_step(st);
    int code = STORE_OK;
    if (rc == SQLITE_ROW)
        code = esc_row(s, st, out);
    else if (rc == SQLITE_DONE)
        code = STORE_NOTFOUND;
    else
        code = fail(s, sqlite3_extended_errcode(s->db), "escalation get");
    sqlite3_reset(st);
    return code;
}

int store_escalations_each(struct store *s, int64_t client_id, bool open_only,
                           store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_EACH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int(st, 2, open_only ? 1 : 0);
    return esc_walk(s, st, cb, ctx);
}

int store_escalation_get(struct store *s, int64_t id, struct store_escalation *out)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_GET);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    return esc_one(s, st, out);
}

int store_escalation_recent(struct store *s, const char *peer, int64_t since,
                            struct store_escalation *out)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_RECENT);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, peer);
    sqlite3_bind_int64(st, 2, since);
    return esc_one(s, st, out);
}

int store_escalation_open_watch(struct store *s, int64_t client_id, struct store_escalation *out)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_OPEN_WATCH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return esc_one(s, st, out);
}

int store_escalation_merge(struct store *s, int64_t id, int64_t message_id, const char *reason,
                           int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_MERGE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, message_id);
    sqlite3_bind_int64(st, 3, now);
    bind_text(st, 4, reason);
    return exec_stmt(s, st, "escalation merge");
}

int store_escalation_resolve(struct store *s, int64_t id, const char *by, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_RESOLVE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    bind_text(st, 3, by);
    int rc = exec_stmt(s, st, "escalation resolve");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_escalation_set_realert(struct store *s, int64_t id, int64_t at, int realerts)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_SET_REALERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    sqlite3_bind_int(st, 3, realerts);
    return exec_stmt(s, st, "escalation realert");
}

/* Walks the escalations of query q (?1 now, ?2 limit): what is due. */
static int esc_due(struct store *s, enum stmt_id q, int64_t now, int limit,
                   store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, q);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return esc_walk(s, st, cb, ctx);
}

int store_escalations_realert_due(struct store *s, int64_t now, int limit,
                                  store_escalation_cb cb, void *ctx)
{
    return esc_due(s, Q_ESC_REALERT_DUE, now, limit, cb, ctx);
}

int store_escalation_realert_next(struct store *s, int64_t remind_after, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_REALERT_NEXT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, remind_after);
    return single_int(s, st, out, "next realert");
}

int store_escalations_rearm(struct store *s, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_REARM);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    int rc = exec_stmt(s, st, "escalations rearm");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_escalations_remind_due(struct store *s, int64_t now, int64_t remind_after, int limit,
                                 store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_REMIND_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    sqlite3_bind_int64(st, 3, remind_after);
    return esc_walk(s, st, cb, ctx);
}

int store_escalation_set_reminded(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_SET_REMINDED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return exec_stmt(s, st, "escalation reminded");
}

int store_escalation_upgrade(struct store *s, int64_t id, const char *severity,
                             const char *reason, int64_t message_id, int64_t now,
                             int64_t realert_at)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_UPGRADE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, severity);
    bind_text(st, 3, reason);
    sqlite3_bind_int64(st, 4, message_id);
    sqlite3_bind_int64(st, 5, now);
    sqlite3_bind_int64(st, 6, realert_at);
    int rc = exec_stmt(s, st, "escalation upgrade");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_escalation_set_followup(struct store *s, int64_t id, int64_t at)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_SET_FOLLOWUP);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    return exec_stmt(s, st, "escalation followup");
}

int store_escalations_followup_due(struct store *s, int64_t now, int limit,
                                   store_escalation_cb cb, void *ctx)
{
    return esc_due(s, Q_ESC_FOLLOWUP_DUE, now, limit, cb, ctx);
}

int store_escalation_last_sent(struct store *s, int64_t id, const char *kind, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_LAST_SENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, kind);
    return single_int(s, st, out, "escalation last sent");
}

int store_escalations_watch_since(struct store *s, int64_t since, int64_t specialist_id,
                                  store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_WATCH_SINCE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, since);
    sqlite3_bind_int64(st, 2, specialist_id);
    return esc_walk(s, st, cb, ctx);
}

int store_escalations_for_specialist(struct store *s, int64_t specialist_id, const char *key,
                                     store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_FOR_SPECIALIST);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    bind_text(st, 2, key);
    return esc_walk(s, st, cb, ctx);
}

int store_escalation_alerted(struct store *s, int64_t id, int64_t *ids, int max)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_ALERTED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (n < max)
            ids[n++] = sqlite3_column_int64(st, 0);
    int code = rc == SQLITE_DONE ? n : fail(s, sqlite3_extended_errcode(s->db), "alerted");
    sqlite3_reset(st);
    return code;
}

int store_escalation_ack(struct store *s, int64_t id, const char *by, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_ESC_ACK);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    bind_text(st, 3, by);
    int rc = exec_stmt(s, st, "escalation ack");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

/* ---- audit ---------------------------------------------------------------------------- */

int store_audit(struct store *s, int64_t now, const char *actor, const char *action,
                const char *subject, const char *detail)
{
    sqlite3_stmt *st = stmt(s, Q_AUDIT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    bind_text(st, 2, actor);
    bind_text(st, 3, action);
    if (subject)
        bind_text(st, 4, subject);
    if (detail)
        bind_text(st, 5, detail);
    return exec_stmt(s, st, "audit");
}

int store_audit_each(struct store *s, const char *subject, store_audit_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_AUDIT_EACH);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, subject);
    int rc, code = STORE_OK;
    struct store_audit_row a;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        a.id = sqlite3_column_int64(st, 0);
        a.at = sqlite3_column_int64(st, 1);
        copy_col(a.actor, sizeof a.actor, st, 2);
        copy_col(a.action, sizeof a.action, st, 3);
        copy_col(a.subject, sizeof a.subject, st, 4);
        copy_col(a.detail, sizeof a.detail, st, 5);
        if ((code = cb(ctx, &a)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "audit walk");
    sqlite3_reset(st);
    return code;
}

int store_audit_last(struct store *s, const char *action, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_AUDIT_LAST);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, action);
    return single_int(s, st, out, "audit last");
}

/* ---- operator reads and backup --------------------------------------------------------- */

int store_checkins_for_client(struct store *s, int64_t client_id, int64_t since,
                              store_checkin_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CHECKINS_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, since);
    return walk_checkins(s, st, cb, ctx, "check-ins walk");
}

/* ---- consent and privacy ------------------------------------------------------------ */

int store_set_crypt(struct store *s, const struct crypt *c)
{
    sqlite3_stmt *st = stmt(s, Q_KEYS_LIST);
    if (!st)
        return STORE_ERR;
    int rc, code = STORE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (id && !crypt_knows_id(c, id)) {
            snprintf(s->errmsg, sizeof s->errmsg,
                     "the database holds values encrypted with key %s, which is not configured"
                     " (set it as encryption.key or encryption.previous_key)", id);
            code = STORE_ERR;
            break;
        }
    }
    if (code == STORE_OK && rc != SQLITE_DONE)
        code = fail(s, sqlite3_extended_errcode(s->db), "encryption keys");
    sqlite3_reset(st);
    if (code != STORE_OK)
        return code;
    /* Remember the key before the first value is sealed with it. */
    if (crypt_sealing(c)) {
        if (!(st = stmt(s, Q_KEYS_ADD)))
            return STORE_ERR;
        bind_text(st, 1, crypt_current_id(c));
        /* Read-only (a start on a read-only file system): nothing can be
         * sealed either; the gateway records the key once it can write. */
        if ((code = exec_stmt(s, st, "encryption key record")) != STORE_OK &&
            code != STORE_READONLY)
            return code;
    }
    s->crypt = c;
    return STORE_OK;
}

int store_outbox_cancel_client(struct store *s, int64_t client_id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_OUT_CANCEL_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, now);
    int rc = exec_stmt(s, st, "outbox cancel");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_message_body(struct store *s, int64_t id, char *out, size_t outsz)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_BODY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), code;
    if (rc == SQLITE_ROW)
        code = copy_secret(s, out, outsz, st, 0, LABEL_BODY, id);
    else if (rc == SQLITE_DONE)
        code = STORE_NOTFOUND;
    else
        code = fail(s, sqlite3_extended_errcode(s->db), "message body");
    sqlite3_reset(st);
    return code;
}

/* ---- screenings -------------------------------------------------------------- */

int store_screening_insert(struct store *s, struct store_screening *sc)
{
    sqlite3_stmt *st = stmt(s, Q_SCREEN_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, sc->client_id);
    sqlite3_bind_int64(st, 2, sc->message_id);
    sqlite3_bind_int64(st, 3, sc->question_id);
    sqlite3_bind_int64(st, 4, sc->asked_at);
    sqlite3_bind_int64(st, 5, sc->deadline);
    int rc = exec_stmt(s, st, "screening insert");
    if (rc == STORE_OK) {
        sc->id = sqlite3_last_insert_rowid(s->db);
        snprintf(sc->state, sizeof sc->state, "open");
    }
    return rc;
}

static void screening_row(sqlite3_stmt *st, struct store_screening *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->id = sqlite3_column_int64(st, 0);
    sc->client_id = sqlite3_column_int64(st, 1);
    sc->message_id = sqlite3_column_int64(st, 2);
    sc->question_id = sqlite3_column_int64(st, 3);
    sc->asked_at = sqlite3_column_int64(st, 4);
    sc->deadline = sqlite3_column_int64(st, 5);
    copy_col(sc->state, sizeof sc->state, st, 6);
    sc->answer_id = sqlite3_column_int64(st, 7);
    sc->closed_at = sqlite3_column_int64(st, 8);
    sc->escalation_id = sqlite3_column_int64(st, 9);
}

/* Walks the screenings of st (bound) through cb; resets st. */
static int screenings_walk(struct store *s, sqlite3_stmt *st, store_screening_cb cb, void *ctx)
{
    struct store_screening sc;
    int rc, code = STORE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        screening_row(st, &sc);
        if ((code = cb(ctx, &sc)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "screenings");
    sqlite3_reset(st);
    return code;
}

static int screening_first(void *ctx, const struct store_screening *sc)
{
    *(struct store_screening *)ctx = *sc;
    return 1;
}

int store_screening_open(struct store *s, int64_t client_id, struct store_screening *out)
{
    sqlite3_stmt *st = stmt(s, Q_SCREEN_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    out->id = 0;
    int rc = screenings_walk(s, st, screening_first, out);
    if (rc == 1)
        return STORE_OK;
    return rc == STORE_OK ? STORE_NOTFOUND : rc;
}

int store_screening_close(struct store *s, int64_t id, const char *state, int64_t answer_id,
                          int64_t escalation_id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_SCREEN_CLOSE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, state);
    sqlite3_bind_int64(st, 3, answer_id);
    sqlite3_bind_int64(st, 4, escalation_id);
    sqlite3_bind_int64(st, 5, now);
    return exec_stmt(s, st, "screening close");
}

int store_screenings_due(struct store *s, int64_t now, int limit, store_screening_cb cb,
                         void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_SCREEN_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return screenings_walk(s, st, cb, ctx);
}

int store_screenings_for_escalation(struct store *s, int64_t escalation_id,
                                    store_screening_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_SCREEN_FOR_ESC);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    return screenings_walk(s, st, cb, ctx);
}

int store_consent_events(struct store *s, int64_t specialist_id, int64_t after_id,
                         store_consent_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CONSENT_EVENTS);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    sqlite3_bind_int64(st, 2, after_id);
    int rc, code = STORE_OK;
    struct store_consent_event e;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&e, 0, sizeof e);
        e.audit_id = sqlite3_column_int64(st, 0);
        e.at = sqlite3_column_int64(st, 1);
        copy_col(e.alias, sizeof e.alias, st, 2);
        copy_col(e.action, sizeof e.action, st, 3);
        e.specialist_id = sqlite3_column_int64(st, 4);
        copy_col(e.detail, sizeof e.detail, st, 5);
        if ((code = cb(ctx, &e)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "consent events");
    sqlite3_reset(st);
    return code;
}

int store_audit_last_id(struct store *s, const char *action, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_AUDIT_LAST_ID);
    if (!st)
        return STORE_ERR;
    bind_text(st, 1, action);
    return single_int(s, st, out, "audit last id");
}

int store_clients_reask_due(struct store *s, int64_t before, int limit, store_client_cb cb,
                            void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_REASK_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, before);
    sqlite3_bind_int(st, 2, limit);
    return clients_walk(s, st, cb, ctx);
}

/* SQLite's online backup: the copy is one consistent snapshot even while
 * the gateway writes (a WAL reader sees one point in time), and the file
 * is created here with O_EXCL and mode 0600 so that neither an existing
 * file is overwritten nor health data made readable to others. */
int store_backup(struct store *s, const char *path, char *err, size_t errlen)
{
    sqlite3 *dst = NULL;
    sqlite3_backup *b = NULL;
    int code = STORE_ERR, rc;
    bool created = false;

    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path,
                 errno == EEXIST ? "it exists already (give a new file name)" : strerror(errno));
        return errno == EROFS || errno == EACCES ? STORE_READONLY : STORE_ERR;
    }
    created = true;
    (void)fchmod(fd, 0600);
    close(fd);
    if ((rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL)) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path,
                 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        goto out;
    }
    if (!(b = sqlite3_backup_init(dst, "main", s->db, "main"))) {
        snprintf(err, errlen, "backup to %s: %s", path, sqlite3_errmsg(dst));
        goto out;
    }
    /* All pages in one step: one read transaction on the source, so the
     * copy is never a mix of two moments. The busy timeout of s applies to
     * the source's lock. */
    rc = sqlite3_backup_step(b, -1);
    int fin = sqlite3_backup_finish(b);
    b = NULL;
    if (rc != SQLITE_DONE || fin != SQLITE_OK) {
        int e = rc != SQLITE_DONE ? rc : fin;
        snprintf(err, errlen, "backup to %s: %s", path, sqlite3_errstr(e));
        code = (e & 0xff) == SQLITE_BUSY || (e & 0xff) == SQLITE_LOCKED ? STORE_BUSY
               : (e & 0xff) == SQLITE_FULL                               ? STORE_FULL
                                                                         : STORE_ERR;
        goto out;
    }
    /* The copy says "WAL" in its header like the source; make it one
     * self-contained file with no -wal beside it. */
    if (sqlite3_exec(dst, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;", NULL,
                     NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "backup to %s: %s", path, sqlite3_errmsg(dst));
        goto out;
    }
    code = STORE_OK;
out:
    sqlite3_close(dst);
    if (code != STORE_OK && created)
        (void)unlink(path);
    return code;
}

int store_purge_bodies(struct store *s, int64_t before, int64_t now, int limit)
{
    sqlite3_stmt *st = stmt(s, Q_PURGE_BODIES);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, before);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, limit);
    int rc = exec_stmt(s, st, "retention");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

/* Runs a delete/update keyed by (client id, phone); *changed gets the count. */
static int remove_step(struct store *s, enum stmt_id id, const struct store_client *c,
                       int64_t *changed, const char *what)
{
    sqlite3_stmt *st = stmt(s, id);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    bind_text(st, 2, c->phone);
    int rc = exec_stmt(s, st, what);
    if (rc == STORE_OK && changed)
        *changed += sqlite3_changes(s->db);
    return rc;
}

int store_client_remove(struct store *s, const struct store_client *c, struct store_removed *counts)
{
    struct store_removed n = {0};
    char renamed[32];
    int rc;
    sqlite3_stmt *st = stmt(s, Q_RM_COUNT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        rc = fail(s, sqlite3_extended_errcode(s->db), "remove count");
        sqlite3_reset(st);
        return rc;
    }
    n.moods = sqlite3_column_int64(st, 0);
    n.checkins = sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    /* Alerts about them first (they reference the escalations), then the
     * escalations, then every other message, then the client: check-ins and
     * moods follow by ON DELETE CASCADE. */
    if ((rc = remove_step(s, Q_RM_ALERTS, c, &n.messages, "remove alerts")) != STORE_OK ||
        (rc = remove_step(s, Q_RM_ESC, c, &n.escalations, "remove escalations")) != STORE_OK ||
        (rc = remove_step(s, Q_RM_MSGS, c, &n.messages, "remove messages")) != STORE_OK)
        return rc;
    if (!(st = stmt(s, Q_RM_CLIENT)))
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    if ((rc = exec_stmt(s, st, "remove client")) != STORE_OK)
        return rc;
    if (!(st = stmt(s, Q_RM_AUDIT)))
        return STORE_ERR;
    snprintf(renamed, sizeof renamed, "client#%lld", (long long)c->id);
    bind_text(st, 1, c->alias);
    bind_text(st, 2, renamed);
    if ((rc = exec_stmt(s, st, "remove audit rename")) != STORE_OK)
        return rc;
    n.audit_renamed = sqlite3_changes(s->db);
    if (counts)
        *counts = n;
    return STORE_OK;
}

/* True if a stored value is not as the current setting would write it. */
static bool needs_reseal(const struct store *s, sqlite3_stmt *st, int col)
{
    int type = sqlite3_column_type(st, col);
    if (type == SQLITE_BLOB)
        return !crypt_blob_is_current(s->crypt, sqlite3_column_blob(st, col),
                                      (size_t)sqlite3_column_bytes(st, col));
    return crypt_sealing(s->crypt) && type == SQLITE_TEXT && sqlite3_column_bytes(st, col) > 0;
}

/* One batch of one table: reads up to batch rows after *cursor, re-seals
 * those that need it. */
static int rekey_table(struct store *s, enum stmt_id q_read, enum stmt_id q_write,
                       const char *label, int64_t *cursor, int batch, int64_t *rewritten,
                       bool *table_done)
{
    struct row { int64_t id; char *text; size_t len; } *rows = calloc((size_t)batch, sizeof *rows);
    int n = 0, rc, code = STORE_OK;
    if (!rows) {
        snprintf(s->errmsg, sizeof s->errmsg, "rekey: out of memory");
        return STORE_ERR;
    }
    sqlite3_stmt *st = stmt(s, q_read);
    if (!st) {
        free(rows);
        return STORE_ERR;
    }
    sqlite3_bind_int64(st, 1, *cursor);
    sqlite3_bind_int(st, 2, batch);
    int seen = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        seen++;
        *cursor = id;
        if (!needs_reseal(s, st, 1))
            continue;
        /* Opened in full (no truncation: inbound bodies have no cap). */
        if (sqlite3_column_type(st, 1) == SQLITE_BLOB) {
            char why[200];
            rows[n].text = crypt_open(s->crypt, label, sqlite3_column_blob(st, 1),
                                      (size_t)sqlite3_column_bytes(st, 1), &rows[n].len, why,
                                      sizeof why);
            if (!rows[n].text) {
                snprintf(s->errmsg, sizeof s->errmsg, "row %lld: %s", (long long)id, why);
                code = STORE_ERR;
                break;
            }
        } else {
            rows[n].len = (size_t)sqlite3_column_bytes(st, 1);
            rows[n].text = malloc(rows[n].len + 1);
            if (!rows[n].text) {
                snprintf(s->errmsg, sizeof s->errmsg, "rekey: out of memory");
                code = STORE_ERR;
                break;
            }
            memcpy(rows[n].text, sqlite3_column_blob(st, 1), rows[n].len);
            rows[n].text[rows[n].len] = '\0';
        }
        rows[n++].id = id;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "rekey read");
    sqlite3_reset(st);
    for (int i = 0; code == STORE_OK && i < n; i++) {
        if (!(st = stmt(s, q_write))) {
            code = STORE_ERR;
            break;
        }
        sqlite3_bind_int64(st, 1, rows[i].id);
        if ((code = bind_secret(s, st, 2, rows[i].text, rows[i].len, label)) == STORE_OK &&
            (code = exec_stmt(s, st, "rekey write")) == STORE_OK)
            (*rewritten)++;
    }
    for (int i = 0; i < batch; i++) {
        if (rows[i].text) {
            memset(rows[i].text, 0, rows[i].len);
            free(rows[i].text);
        }
    }
    free(rows);
    *table_done = code == STORE_OK && seen < batch;
    return code;
}

int store_rekey_step(struct store *s, struct store_rekey *r, int batch)
{
    bool done = false;
    int rc;
    if (r->done)
        return STORE_OK;
    if (batch < 1)
        batch = 1;
    if ((rc = store_begin(s)) != STORE_OK)
        return rc;
    /* Messages first (-1 marks that table finished), then client names. */
    if (r->next_message_id >= 0) {
        rc = rekey_table(s, Q_REKEY_MSGS, Q_REKEY_MSG_SET, LABEL_BODY, &r->next_message_id, batch,
                         &r->rewritten, &done);
        if (rc == STORE_OK && done)
            r->next_message_id = -1;
    } else {
        rc = rekey_table(s, Q_REKEY_CLIENTS, Q_REKEY_CLIENT_SET, LABEL_NAME, &r->next_client_id,
                         batch, &r->rewritten, &done);
        if (rc == STORE_OK && done)
            r->done = true;
    }
    if (rc != STORE_OK) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s);
}

int store_rekey_finish(struct store *s, int64_t *left)
{
    sqlite3_stmt *st = stmt(s, Q_REKEY_LEFT);
    if (!st)
        return STORE_ERR;
    const char *cur = crypt_current_id(s->crypt);
    if (cur)
        bind_text(st, 1, cur);
    int rc = single_int(s, st, left, "rekey count");
    if (rc != STORE_OK || *left > 0)
        return rc;
    if (!(st = stmt(s, Q_KEYS_FORGET)))
        return STORE_ERR;
    if (cur)
        bind_text(st, 1, cur);
    return exec_stmt(s, st, "forget old keys");
}

/* ---- aggregates: daily caps and /metrics ------------------------------------------------- */

/* Runs one grouped query (prepared per call: these run at start or once
 * per scrape, not per message, and keep the statement table for the hot
 * paths). Each row's text columns 0..ntext-1 and integer column ntext go to
 * cb; a non-zero return from cb stops the walk and is returned. */
typedef int (*agg_cb)(void *ctx, const char *const *text, int64_t n);
static int aggregate(struct store *s, const char *q, const int64_t *binds, int nbinds, int ntext,
                     agg_cb cb, void *ctx, const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, q, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc, what);
    for (int i = 0; i < nbinds; i++)
        sqlite3_bind_int64(st, i + 1, binds[i]);
    int code = STORE_OK;
    const char *text[4] = {"", "", "", ""};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ntext && i < 4; i++) {
            const unsigned char *t = sqlite3_column_text(st, i);
            text[i] = t ? (const char *)t : "";
        }
        if ((code = cb(ctx, text, sqlite3_column_int64(st, ntext))) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), what);
    sqlite3_finalize(st);
    return code;
}

struct sent_since_ctx {
    store_count_cb cb;
    void *ctx;
};
static int sent_since_row(void *ctx, const char *const *text, int64_t n)
{
    struct sent_since_ctx *c = ctx;
    return c->cb(c->ctx, text[0], n);
}

int store_outbound_sent_since(struct store *s, int64_t since, store_count_cb cb, void *ctx)
{
    struct sent_since_ctx c = {cb, ctx};
    int64_t b[2] = {MSG_PRIO_URGENT, since};
    return aggregate(s,
                     "SELECT peer, count(*) FROM messages WHERE direction = 'out'"
                     " AND priority < ?1 AND kind NOT IN ('stop', 'conversation')"
                     " AND state IN ('sent','delivered')"
                     " AND updated_at >= ?2 GROUP BY peer",
                     b, 2, 1, sent_since_row, &c, "outbound sent since");
}

struct pair_ctx {
    store_pair_cb cb;
    void *ctx;
};
static int pair_row(void *ctx, const char *const *text, int64_t n)
{
    struct pair_ctx *c = ctx;
    return c->cb(c->ctx, text[0], text[1], n);
}

int store_queue_depth(struct store *s, store_pair_cb cb, void *ctx)
{
    struct pair_ctx c = {cb, ctx};
    return aggregate(s,
                     "SELECT CAST(priority AS TEXT), state, count(*) FROM messages"
                     " WHERE state IN ('queued','sending') GROUP BY priority, state",
                     NULL, 0, 2, pair_row, &c, "queue depth");
}

int store_escalation_counts(struct store *s, store_pair_cb cb, void *ctx)
{
    struct pair_ctx c = {cb, ctx};
    return aggregate(s, "SELECT severity, state, count(*) FROM escalations GROUP BY severity, state",
                     NULL, 0, 2, pair_row, &c, "escalation counts");
}

static int int_row(void *ctx, const char *const *text, int64_t n)
{
    (void)text;
    *(int64_t *)ctx = n;
    return 0;
}

int store_oldest_open_escalation(struct store *s, int64_t *created_at)
{
    *created_at = 0;
    return aggregate(s, "SELECT coalesce(min(created_at), 0) FROM escalations WHERE state = 'open'",
                     NULL, 0, 0, int_row, created_at, "oldest open escalation");
}

/* ---- conversations (issue 18) ------------------------------------------------------ */

int store_conversation_open(struct store *s, int64_t client_id, int64_t escalation_id,
                            int64_t specialist_id, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, escalation_id);
    sqlite3_bind_int64(st, 3, specialist_id);
    sqlite3_bind_int64(st, 4, now);
    int rc = exec_stmt(s, st, "conversation open");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/* Walks the conversations of st (bound) through cb; resets st. */
static int conv_walk(struct store *s, sqlite3_stmt *st, store_conversation_cb cb, void *ctx)
{
    struct store_conversation v;
    int rc, code = STORE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&v, 0, sizeof v);
        v.id = sqlite3_column_int64(st, 0);
        v.client_id = sqlite3_column_int64(st, 1);
        v.escalation_id = sqlite3_column_int64(st, 2);
        v.specialist_id = sqlite3_column_int64(st, 3);
        v.opened_at = sqlite3_column_int64(st, 4);
        v.last_at = sqlite3_column_int64(st, 5);
        v.ended_at = sqlite3_column_int64(st, 6);
        copy_col(v.end_reason, sizeof v.end_reason, st, 7);
        copy_col(v.alias, sizeof v.alias, st, 8);
        copy_col(v.holder, sizeof v.holder, st, 9);
        if ((code = cb(ctx, &v)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "conversations");
    sqlite3_reset(st);
    return code;
}

static int conv_first(void *ctx, const struct store_conversation *v)
{
    *(struct store_conversation *)ctx = *v;
    return 1;
}

/* The one conversation query q finds for key, or STORE_NOTFOUND. */
static int conv_one(struct store *s, enum stmt_id q, int64_t key, struct store_conversation *out)
{
    sqlite3_stmt *st = stmt(s, q);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, key);
    int rc = conv_walk(s, st, conv_first, out);
    if (rc == 1)
        return STORE_OK;
    return rc == STORE_OK ? STORE_NOTFOUND : rc;
}

int store_conversation_get(struct store *s, int64_t id, struct store_conversation *out)
{
    return conv_one(s, Q_CONV_GET, id, out);
}

int store_conversation_of_client(struct store *s, int64_t client_id,
                                 struct store_conversation *out)
{
    return conv_one(s, Q_CONV_OF_CLIENT, client_id, out);
}

int store_conversation_of_escalation(struct store *s, int64_t escalation_id,
                                     struct store_conversation *out)
{
    return conv_one(s, Q_CONV_OF_ESC, escalation_id, out);
}

int store_conversations_of_specialist(struct store *s, int64_t specialist_id,
                                      store_conversation_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_OF_SPEC);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    return conv_walk(s, st, cb, ctx);
}

int store_conversations_for_client(struct store *s, int64_t client_id, store_conversation_cb cb,
                                   void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_HISTORY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return conv_walk(s, st, cb, ctx);
}

int store_conversation_end(struct store *s, int64_t id, const char *reason, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_END);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, reason);
    sqlite3_bind_int64(st, 3, now);
    int rc = exec_stmt(s, st, "conversation end");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_conversation_touch(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_TOUCH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return exec_stmt(s, st, "conversation touch");
}

int store_conversation_hand(struct store *s, int64_t id, int64_t specialist_id,
                            int64_t escalation_id, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_HAND);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, specialist_id);
    sqlite3_bind_int64(st, 3, escalation_id);
    sqlite3_bind_int64(st, 4, now);
    int rc = exec_stmt(s, st, "conversation hand");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_conversations_expire(struct store *s, int64_t now, int64_t idle_seconds)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_EXPIRE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, idle_seconds);
    int rc = exec_stmt(s, st, "conversations expire");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_message_link(struct store *s, int64_t msg_id, int64_t conversation_id,
                       int64_t client_id)
{
    sqlite3_stmt *st = stmt(s, Q_MSG_LINK);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, msg_id);
    sqlite3_bind_int64(st, 2, conversation_id);
    sqlite3_bind_int64(st, 3, client_id);
    return exec_stmt(s, st, "message link");
}

int store_client_set_stop_message(struct store *s, int64_t client_id, int64_t msg_id)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_SET_STOP_MSG);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, msg_id);
    return exec_stmt(s, st, "client stop message");
}

int store_client_last_inbound(struct store *s, int64_t client_id, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_LAST_IN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return single_int(s, st, out, "client last inbound");
}

int store_client_wrote_after_stop(struct store *s, int64_t client_id, bool *out)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_WROTE_AFTER_STOP);
    int64_t n = 0;
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    int rc = single_int(s, st, &n, "client wrote after stop");
    *out = rc == STORE_OK && n > 0;
    return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

/* ---- follow-up tasks (issue 18 item 4) --------------------------------------------- */

int store_followup_insert(struct store *s, int64_t escalation_id, int64_t client_id,
                          int64_t specialist_id, int64_t due_at, int nth, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_FU_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int(st, 6, nth);
    sqlite3_bind_int64(st, 1, escalation_id);
    sqlite3_bind_int64(st, 2, client_id);
    sqlite3_bind_int64(st, 3, specialist_id);
    sqlite3_bind_int64(st, 4, due_at);
    sqlite3_bind_int64(st, 5, now);
    return exec_stmt(s, st, "followup insert");
}

/* Walks the follow-ups of st (bound) through cb; resets st. */
static int fu_walk(struct store *s, sqlite3_stmt *st, store_followup_cb cb, void *ctx)
{
    struct store_followup f;
    int rc, code = STORE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&f, 0, sizeof f);
        f.id = sqlite3_column_int64(st, 0);
        f.escalation_id = sqlite3_column_int64(st, 1);
        f.client_id = sqlite3_column_int64(st, 2);
        f.specialist_id = sqlite3_column_int64(st, 3);
        f.due_at = sqlite3_column_int64(st, 4);
        f.step = sqlite3_column_int(st, 5);
        f.next_at = sqlite3_column_int64(st, 6);
        copy_col(f.state, sizeof f.state, st, 7);
        copy_col(f.handed_to, sizeof f.handed_to, st, 8);
        f.snoozes = sqlite3_column_int(st, 9);
        f.done_at = sqlite3_column_int64(st, 10);
        copy_col(f.done_by, sizeof f.done_by, st, 11);
        copy_col(f.alias, sizeof f.alias, st, 12);
        copy_col(f.holder, sizeof f.holder, st, 13);
        if ((code = cb(ctx, &f)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, sqlite3_extended_errcode(s->db), "followups");
    sqlite3_reset(st);
    return code;
}

int store_followups_due(struct store *s, int64_t now, int limit, store_followup_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_FU_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return fu_walk(s, st, cb, ctx);
}

int store_followup_step(struct store *s, int64_t id, int step, int64_t next_at,
                        const char *handed_to)
{
    sqlite3_stmt *st = stmt(s, Q_FU_STEP);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, step);
    sqlite3_bind_int64(st, 3, next_at);
    bind_text(st, 4, handed_to ? handed_to : "");
    return exec_stmt(s, st, "followup step");
}

static int fu_first(void *ctx, const struct store_followup *f)
{
    *(struct store_followup *)ctx = *f;
    return 1;
}

int store_followup_current(struct store *s, int64_t escalation_id, struct store_followup *out)
{
    sqlite3_stmt *st = stmt(s, Q_FU_CURRENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    int rc = fu_walk(s, st, fu_first, out);
    if (rc == 1)
        return STORE_OK;
    return rc == STORE_OK ? STORE_NOTFOUND : rc;
}

int store_followup_done(struct store *s, int64_t id, const char *by, int64_t now)
{
    sqlite3_stmt *st = stmt(s, Q_FU_DONE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, by);
    sqlite3_bind_int64(st, 3, now);
    return exec_stmt(s, st, "followup done");
}

int store_followup_snooze(struct store *s, int64_t id, int64_t until)
{
    sqlite3_stmt *st = stmt(s, Q_FU_SNOOZE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, until);
    return exec_stmt(s, st, "followup snooze");
}

int store_followups_each(struct store *s, int64_t specialist_id, bool all, store_followup_cb cb,
                         void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_FU_EACH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    sqlite3_bind_int(st, 2, all ? 1 : 0);
    return fu_walk(s, st, cb, ctx);
}

int store_followups_hand(struct store *s, int64_t escalation_id, int64_t specialist_id)
{
    sqlite3_stmt *st = stmt(s, Q_FU_HAND);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    sqlite3_bind_int64(st, 2, specialist_id);
    return exec_stmt(s, st, "followups hand");
}

int store_client_last_out(struct store *s, int64_t client_id, const char *kind, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_CLIENT_LAST_OUT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    bind_text(st, 2, kind);
    return single_int(s, st, out, "client last out");
}

int store_conversations_idle(struct store *s, int64_t now, int64_t idle_seconds, int limit,
                             store_conversation_cb cb, void *ctx)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_IDLE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, idle_seconds);
    sqlite3_bind_int(st, 3, limit);
    return conv_walk(s, st, cb, ctx);
}

int store_conversations_idle_next(struct store *s, int64_t idle_seconds, int64_t *out)
{
    sqlite3_stmt *st = stmt(s, Q_CONV_IDLE_NEXT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, idle_seconds);
    return single_int(s, st, out, "next idle conversation");
}
