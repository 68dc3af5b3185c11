/* SPDX-License-Identifier: Apache-2.0 */
/* store.c: the connection, its transactions and the prepared statements.
 * The files of store/ are the only ones that speak SQL (store_internal.h).
 *
 * One SQLite connection per process (the daemon's, or checkinctl's) on a
 * file in WAL mode, so the CLI reads and writes while the daemon runs.
 * synchronous=FULL because an inbound message is acknowledged to its
 * provider as soon as its transaction commits (safety rule 1): a commit
 * must survive a power cut, not just a crash. Every statement is prepared
 * once, on first use, and kept. Schema changes are numbered migrations
 * (schema.c) applied in order inside a transaction that also bumps
 * user_version. */
#include "store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- prepared statements --------------------------------------------------- */

/* The messages safety rule 5 holds back (see Q_OUT_WITHHOLD). */
#define OUT_WITHHELD                                                                           \
    "priority < 100 AND direction = 'out' AND kind NOT IN ('stop', 'help', 'conversation')"  \
    " AND EXISTS"                                                                             \
    " (SELECT 1 FROM clients c WHERE c.id = messages.client_id"                               \
    " AND c.state IN ('opted_out', 'paused') AND c.phone = messages.peer)"

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
    " coalesce(max,0), coalesce(band,''), coalesce(step_qid,'')"

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
                      " step, step_qid) VALUES (?1, nullif(?2,0), ?3, ?4, ?5, ?6, nullif(?7,''))",
    [Q_FLOW_OPEN] = "SELECT " FLOW_COLS " FROM flow_runs WHERE client_id = ?1 AND state = 'open'"
                    " AND window_end >= ?2",
    [Q_FLOW_UPDATE] = "UPDATE flow_runs SET step = ?2, retried = ?3, state = ?4,"
                      " ended_at = nullif(?5,0), alerted = ?6, scale = nullif(?7,''),"
                      " total = CASE WHEN ?7 = '' THEN NULL ELSE ?8 END,"
                      " max = CASE WHEN ?7 = '' THEN NULL ELSE ?9 END, band = nullif(?10,''),"
                      " step_qid = nullif(?11,'') WHERE id = ?1",
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
    [Q_REKEY_BIRTHDAYS] = "SELECT id, birthday FROM clients WHERE id > ?1 ORDER BY id LIMIT ?2",
    [Q_REKEY_BIRTHDAY_SET] = "UPDATE clients SET birthday = nullif(?2,'') WHERE id = ?1",
    /* ?1: the current key id in hex, or NULL when nothing is to be sealed. */
    [Q_REKEY_LEFT] = "SELECT (SELECT count(*) FROM messages WHERE CASE WHEN ?1 IS NULL"
                     "   THEN typeof(body) = 'blob'"
                     "   ELSE (typeof(body) = 'text' AND body != '')"
                     "     OR (typeof(body) = 'blob' AND hex(substr(body, 2, 8)) != upper(?1)) END)"
                     " + (SELECT count(*) FROM clients WHERE CASE WHEN ?1 IS NULL"
                     "   THEN typeof(name) = 'blob'"
                     "   ELSE (typeof(name) = 'text' AND name != '')"
                     "     OR (typeof(name) = 'blob' AND hex(substr(name, 2, 8)) != upper(?1)) END)"
                     " + (SELECT count(*) FROM clients WHERE CASE WHEN ?1 IS NULL"
                     "   THEN typeof(birthday) = 'blob'"
                     "   ELSE (typeof(birthday) = 'text' AND birthday != '')"
                     "     OR (typeof(birthday) = 'blob' AND hex(substr(birthday, 2, 8)) != upper(?1))"
                     "   END)",
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
    /* Delivery reports held until their message's provider id is known
     * (store_dlr_*, core/delivery.c). */
    [Q_MSG_KNOWN] = "SELECT count(*) FROM messages WHERE direction = 'out' AND provider = ?1"
                    " AND provider_msg_id = ?2",
    [Q_DLR_HOLD] = "INSERT OR IGNORE INTO delivery_held (provider, provider_msg_id, state, error,"
                   " received_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_DLR_EVICT] = "DELETE FROM delivery_held WHERE id IN (SELECT id FROM delivery_held"
                    " WHERE provider = ?1 ORDER BY id DESC LIMIT -1 OFFSET ?2)",
    [Q_DLR_HELD] = "SELECT state, coalesce(error, ''), received_at FROM delivery_held"
                   " WHERE provider = ?1 AND provider_msg_id = ?2 AND received_at >= ?3"
                   " ORDER BY id",
    [Q_DLR_FORGET] = "DELETE FROM delivery_held WHERE provider = ?1 AND provider_msg_id = ?2"
                     " AND received_at >= ?3",
    [Q_DLR_EXPIRE] = "DELETE FROM delivery_held WHERE received_at < ?1"
                     " RETURNING provider, provider_msg_id, state, coalesce(error, ''),"
                     " received_at",
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_SAVEPOINT] = "SAVEPOINT one",
    [Q_RELEASE] = "RELEASE one",
    [Q_ROLLBACK_TO] = "ROLLBACK TO one",
    [Q_PING] = "SELECT count(*) FROM sqlite_schema",
};

/* Maps an SQLite result code to a STORE_* code and remembers its message. */
int store__fail(struct store *s, int rc, const char *what)
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
sqlite3_stmt *store__stmt(struct store *s, enum stmt_id id)
{
    sqlite3_stmt *st = s->stmt[id];
    if (!st) {
        int rc = sqlite3_prepare_v3(s->db, sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) {
            store__fail(s, rc, "prepare");
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
int store__exec_stmt(struct store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
    int out = rc == SQLITE_DONE ? STORE_OK : store__fail(s, sqlite3_extended_errcode(s->db), what);
    sqlite3_reset(st);
    return out;
}

/* The one loop over a statement's rows (store_internal.h). The statement
 * is reset before returning, so each may use other statements of s. */
int store__walk(struct store *s, sqlite3_stmt *st, store__row_fn each, void *arg, const char *what)
{
    int rc, code = STORE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((code = each(s, st, arg)) != 0)
            break;
    }
    if (code == STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = store__fail(s, sqlite3_extended_errcode(s->db), what);
    sqlite3_reset(st);
    return code;
}

/* A store__row_fn: integer columns 0, 1... into the int64_t pointers of the
 * NULL-terminated array out. */
int store__int_cols(struct store *s, sqlite3_stmt *st, void *out)
{
    int64_t *const *cols = out;
    (void)s;
    for (int i = 0; cols[i]; i++)
        *cols[i] = sqlite3_column_int64(st, i);
    return STORE_OK;
}

/* The one step for a query of at most one row (store_internal.h). */
int store__one(struct store *s, sqlite3_stmt *st, store__row_fn read, void *out, const char *what)
{
    int rc = sqlite3_step(st), code;
    if (rc == SQLITE_ROW)
        code = read(s, st, out);
    else if (rc == SQLITE_DONE)
        code = STORE_NOTFOUND;
    else
        code = store__fail(s, sqlite3_extended_errcode(s->db), what);
    sqlite3_reset(st);
    return code;
}

void store__bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

/* Binds a value that is sealed when a key is set (message bodies, client
 * names); empty values stay empty. Returns STORE_OK or STORE_ERR (memory). */
int store__bind_secret(struct store *s, sqlite3_stmt *st, int i, const char *v, size_t len,
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
int store__copy_secret(struct store *s, char *dst, size_t n, sqlite3_stmt *st, int col,
                       const char *label, int64_t row_id)
{
    if (sqlite3_column_type(st, col) != SQLITE_BLOB) {
        store__copy_col(dst, n, st, col);
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

/* A saved state the build does not know (a newer version wrote it, or the
 * file was edited): refused, never mapped to another state. Says which
 * column, row (0 for an aggregate) and text in store_errmsg; returns
 * STORE_ERR. */
int store__unknown_state(struct store *s, const char *column, int64_t row_id, const char *text)
{
    snprintf(s->errmsg, sizeof s->errmsg, "row %lld: unknown %s \"%.40s\"", (long long)row_id,
             column, text ? text : "(null)");
    return STORE_ERR;
}

void store__copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
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

/* ---- open, close, transactions ---------------------------------------------- */

int store__exec_sql(struct store *s, const char *text, const char *what)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, text, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = store__fail(s, sqlite3_extended_errcode(s->db), what);
        if (msg) {
            snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, msg);
            sqlite3_free(msg);
        }
        return code;
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
    if ((rc = store__exec_sql(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                          " PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
                       "pragmas")) != STORE_OK ||
        (rc = store__migrate(s)) != STORE_OK) {
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
    if (v != store_schema_latest()) {
        if (rc != SQLITE_OK || v < 0)
            snprintf(err, errlen, "store: cannot read %s: %s", path,
                     s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        else
            snprintf(err, errlen, "store: %s has schema version %d, this build needs %d (a"
                     " write)", path, v, store_schema_latest());
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
    sqlite3_stmt *st = store__stmt(s, Q_BEGIN);
    return st ? store__exec_stmt(s, st, "begin") : STORE_ERR;
}

int store_commit(struct store *s)
{
    sqlite3_stmt *st = store__stmt(s, Q_COMMIT);
    int rc = st ? store__exec_stmt(s, st, "commit") : STORE_ERR;
    /* A failed COMMIT can leave the transaction open (SQLITE_BUSY): end it,
     * so the caller's "not committed" answer is the whole truth. */
    if (rc != STORE_OK && !sqlite3_get_autocommit(s->db))
        store_rollback(s);
    return rc;
}

int store_savepoint(struct store *s)
{
    sqlite3_stmt *st = store__stmt(s, Q_SAVEPOINT);
    return st ? store__exec_stmt(s, st, "savepoint") : STORE_ERR;
}

int store_release(struct store *s)
{
    sqlite3_stmt *st = store__stmt(s, Q_RELEASE);
    return st ? store__exec_stmt(s, st, "release") : STORE_ERR;
}

bool store_rollback_to(struct store *s)
{
    if (sqlite3_get_autocommit(s->db))
        return false; /* SQLite ended the whole transaction (full disk, I/O error) */
    sqlite3_stmt *undo = store__stmt(s, Q_ROLLBACK_TO), *end = store__stmt(s, Q_RELEASE);
    char keep[sizeof s->errmsg];
    memcpy(keep, s->errmsg, sizeof keep);
    bool ok = undo && end && store__exec_stmt(s, undo, "rollback to") == STORE_OK &&
              store__exec_stmt(s, end, "release") == STORE_OK;
    memcpy(s->errmsg, keep, sizeof keep);
    return ok && !sqlite3_get_autocommit(s->db);
}

void store_rollback(struct store *s)
{
    if (sqlite3_get_autocommit(s->db))
        return;
    sqlite3_stmt *st = store__stmt(s, Q_ROLLBACK);
    if (st) {
        char keep[sizeof s->errmsg];
        memcpy(keep, s->errmsg, sizeof keep);
        store__exec_stmt(s, st, "rollback");
        memcpy(s->errmsg, keep, sizeof keep);
    }
}

int store_ping(struct store *s)
{
    sqlite3_stmt *st = store__stmt(s, Q_PING);
    return st ? store__exec_stmt(s, st, "ping") : STORE_ERR;
}

void store_set_busy_timeout(struct store *s, int ms) { sqlite3_busy_timeout(s->db, ms); }

int store_limit_pages(struct store *s, int max_pages)
{
    char q[64];
    snprintf(q, sizeof q, "PRAGMA max_page_count = %d", max_pages);
    return store__exec_sql(s, q, "max_page_count");
}
