/* SPDX-License-Identifier: Apache-2.0 */
/* store.h: the only module that speaks SQL. One SQLite file in WAL mode with
 * foreign keys on, numbered migrations, every statement prepared once.
 *
 * Times are unix seconds (UTC). Functions return STORE_OK (0) or a negative
 * STORE_* code; store_errmsg() says more about the last error. The daemon
 * and checkinctl open the same file at once (WAL plus a busy timeout). */
#ifndef GW_STORE_H
#define GW_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/phone.h"
#include "model/states.h"

enum {
    STORE_OK       = 0,
    STORE_ERR      = -1, /* anything else; see store_errmsg */
    STORE_NOTFOUND = -2,
    STORE_EXISTS   = -3, /* a unique key is taken (alias, phone, inbound id) */
    STORE_BUSY     = -4, /* locked for longer than the busy timeout */
    STORE_FULL     = -5, /* disk or database full */
    STORE_READONLY = -6,
};

struct store;

/* Opens (creating with mode 0600 if absent) and migrates path. Returns 0 and
 * *out, or a STORE_* code with err filled. */
int store_open(struct store **out, const char *path, char *err, size_t errlen);
void store_close(struct store *s); /* NULL is a no-op */
/* Opens an existing, fully migrated path read-only (for a database on a
 * read-only file system): reads work, every write fails with
 * STORE_READONLY. Returns 0 and *out, or a STORE_* code with err filled. */
int store_open_readonly(struct store **out, const char *path, char *err, size_t errlen);
/* Whether s was opened by store_open_readonly (and not reopened since). */
bool store_readonly(const struct store *s);
/* Opens path read-write (as store_open, migrating) and, on success, puts
 * that connection in s in place of the old one. Returns 0 or a STORE_*
 * code with err filled (s unchanged). */
int store_reopen(struct store *s, const char *path, char *err, size_t errlen);
const char *store_errmsg(struct store *s);
int store_schema_version(struct store *s);
/* The newest migration this build knows. */
int store_schema_latest(void);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Transactions do not nest. */
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
/* One nested step inside a transaction (group commit: one per message), so
 * a message that fails is undone alone. store_savepoint opens it,
 * store_release keeps its changes, store_rollback_to undoes and closes it.
 * store_rollback_to returns false when the enclosing transaction itself is
 * gone (SQLite ends it on some errors: a full disk, an I/O error), so every
 * step already taken in it is lost too. */
int store_savepoint(struct store *s);
int store_release(struct store *s);
bool store_rollback_to(struct store *s);

/* A trivial read of the schema: 0 if the database answers. */
int store_ping(struct store *s);

/* How long a statement waits for another connection's lock before failing
 * with STORE_BUSY; store_open sets 5000 ms. Tests use a few ms. */
void store_set_busy_timeout(struct store *s, int ms);
/* Writes and removes a 4 KiB row in one transaction: whether the file can
 * take a write right now (after the disk was full, read-only or locked).
 * Returns 0 or a STORE_* code. */
int store_probe_write(struct store *s, int64_t now);
/* For tests: caps the file at max_pages pages (PRAGMA max_page_count, on
 * this connection only; never below the current size) so that STORE_FULL
 * can be produced without filling a disk. Returns 0 or a STORE_* code. */
int store_limit_pages(struct store *s, int max_pages);

/* ---- specialists (from the config, kept for history) -------------------- */

struct store_specialist {
    int64_t id;
    char key[64];       /* the config's id, "jordan" */
    char name[64];
    char phone[PHONE_MAX];
};
/* Inserts or updates by key; *id_out may be NULL. */
int store_specialist_upsert(struct store *s, const char *key, const char *name,
                            const char *phone, int64_t now, int64_t *id_out);
int store_specialist_get(struct store *s, int64_t id, struct store_specialist *out);
int store_specialist_by_key(struct store *s, const char *key, struct store_specialist *out);
int store_specialist_by_phone(struct store *s, const char *phone, struct store_specialist *out);

/* ---- clients ------------------------------------------------------------ */

struct store_client {
    int64_t id;
    char alias[64];         /* what specialists and operators call them; unique */
    char name[128];         /* optional */
    char phone[PHONE_MAX];  /* E.164, unique */
    char tz[64];            /* IANA zone */
    char schedule[64];      /* a schedule name from the config */
    enum lang lang;         /* stored "en", "es" */
    int64_t specialist_id;  /* 0 = none */
    enum client_state state; /* stored "active", "opted_out", "paused", "pending"
                              * (enrolled, waiting for the client's YES: no check-ins yet) */
    int64_t next_due_at;    /* when the next check-in goes out; 0 = nothing scheduled */
    int64_t created_at;
    int64_t opted_out_at;   /* 0 = never */
    /* Scheduling (see scheduler.c): next_due_at is the earlier of the send
     * instant of next_slot_at (after jitter and quiet hours) and oneoff_at. */
    int64_t next_slot_at;   /* the schedule's nominal time of the next check-in; 0 = none */
    int64_t oneoff_at;      /* a one-off check-in asked for by the operator; 0 = none */
    int64_t paused_until;   /* state "paused": resumes then; 0 = until `resume` */
    char birthday[6];       /* "MM-DD" or "" (unknown): a caring schedule's birthday contact */
};
/* Sets c->id. STORE_EXISTS if the alias or the phone is taken. */
int store_client_insert(struct store *s, struct store_client *c);
int store_client_get(struct store *s, int64_t id, struct store_client *out);
int store_client_by_alias(struct store *s, const char *alias, struct store_client *out);
int store_client_by_phone(struct store *s, const char *phone, struct store_client *out);
/* CLIENT_OPTED_OUT sets opted_out_at = now. */
int store_client_set_state(struct store *s, int64_t id, enum client_state state, int64_t now);
int store_client_set_next_due(struct store *s, int64_t id, int64_t next_due_at);
/* Writes c's tz, schedule, lang, state, next_due_at, next_slot_at, oneoff_at
 * and paused_until (by c->id); history (check-ins, moods, messages) is keyed
 * by the id and untouched. STORE_NOTFOUND if there is no such client. */
int store_client_update(struct store *s, const struct store_client *c);
/* Caring contacts: marks contact key ("day-30", "birthday-2027") of client
 * client_id sent (due at due_at, queued now). STORE_EXISTS, changing
 * nothing, if it already was: then it must not be queued again. */
int store_caring_mark(struct store *s, int64_t client_id, const char *key, int64_t due_at,
                      int64_t now);
/* How many caring contacts client_id was sent, into *n. */
int store_caring_count(struct store *s, int64_t client_id, int64_t *n);
/* Writes only the plan (next_due_at, next_slot_at, oneoff_at) of client id:
 * the scheduler's one write per due client, cheaper than a whole update.
 * STORE_NOTFOUND if there is no such client. */
int store_client_set_plan(struct store *s, int64_t id, int64_t next_due_at, int64_t next_slot_at,
                          int64_t oneoff_at);
/* Calls cb for each client ordered by alias; a non-zero return from cb stops
 * the walk and is returned. */
typedef int (*store_client_cb)(void *ctx, const struct store_client *c);
int store_clients_each(struct store *s, store_client_cb cb, void *ctx);
/* Active clients with 0 < next_due_at <= now, earliest first, at most limit. */
int store_clients_due(struct store *s, int64_t now, int limit, store_client_cb cb, void *ctx);
/* The earliest next_due_at of an active client; STORE_NOTFOUND if none. */
int store_next_due(struct store *s, int64_t *out);
/* Clients with id > after_id, by id, at most limit (walks in batches). */
int store_clients_after(struct store *s, int64_t after_id, int limit, store_client_cb cb,
                        void *ctx);
/* Paused clients whose paused_until <= now, earliest first, at most limit. */
int store_pauses_ended(struct store *s, int64_t now, int limit, store_client_cb cb, void *ctx);
/* The earliest paused_until of a paused client; STORE_NOTFOUND if none. */
int store_next_pause_end(struct store *s, int64_t *out);

/* ---- check-ins ---------------------------------------------------------- */

int store_checkin_insert(struct store *s, int64_t client_id, int64_t due_at, int64_t window_end,
                         int64_t *id_out);
/* The same with its reminder time (0 = never) in the one INSERT. */
int store_checkin_insert_remind(struct store *s, int64_t client_id, int64_t due_at,
                                int64_t window_end, int64_t remind_at, int64_t *id_out);
/* When to remind the client if there is no reply yet (0 = never). */
int store_checkin_set_remind(struct store *s, int64_t id, int64_t remind_at);

struct store_checkin {
    int64_t id;
    int64_t client_id;
    int64_t due_at;         /* when it was sent (queued) */
    int64_t window_end;     /* a reply after this does not answer it; it is missed */
    enum checkin_state state; /* stored "pending", "answered", "missed" */
    int64_t remind_at;      /* 0 = no reminder (left) */
};
typedef int (*store_checkin_cb)(void *ctx, const struct store_checkin *k);
/* Pending check-ins whose reminder is due (remind_at <= now), earliest
 * first, at most limit. */
int store_reminders_due(struct store *s, int64_t now, int limit, store_checkin_cb cb, void *ctx);
/* The reminder went out (or was dropped): clears remind_at, so at most one. */
int store_checkin_reminded(struct store *s, int64_t id, int64_t now);
/* The earliest remind_at / window_end of a pending check-in; STORE_NOTFOUND if none. */
int store_next_reminder(struct store *s, int64_t *out);
int store_next_window_end(struct store *s, int64_t *out);
/* How many of the client's check-ins were missed since their newest
 * answered one (0 if the newest settled one was answered). The escalation
 * rules read "several missed in a row" from this. */
int store_checkins_missed_in_row(struct store *s, int64_t client_id, int64_t *out);
/* The client's check-ins due at or after since, oldest first (reports). */
int store_checkins_for_client(struct store *s, int64_t client_id, int64_t since,
                              store_checkin_cb cb, void *ctx);
/* The newest pending check-in of the client whose window is still open at
 * now; STORE_NOTFOUND if none. */
int store_checkin_open(struct store *s, int64_t client_id, int64_t now, int64_t *id_out);
int store_checkin_answer(struct store *s, int64_t id, int64_t now);
/* Marks the check-in as having been asked once more (after an off-scale
 * answer). Returns 1 if this call marked it, 0 if it was already marked (ask
 * only once), or a STORE_* code. */
int store_checkin_retry_once(struct store *s, int64_t id);
/* Marks pending check-ins whose window ended before now as missed; returns
 * the number changed (>= 0) or a STORE_* code. */
int store_checkins_expire(struct store *s, int64_t now);

/* ---- messages: inbound ---------------------------------------------------- */

struct store_inbound {
    const char *provider;   /* instance name */
    const char *ext_id;     /* the provider's id; unique per provider */
    const char *from;       /* E.164 */
    const char *body;
    size_t body_len;
    int64_t received_at;
    int64_t client_id;      /* 0 = not a client */
    int64_t specialist_id;  /* 0 = not a specialist */
};
/* Inserts an inbound message in state "received". STORE_EXISTS if
 * (provider, ext_id) was recorded before: a duplicate. */
int store_inbound_insert(struct store *s, const struct store_inbound *m, int64_t now,
                         int64_t *id_out);

/* The newest received_at (created_at) of the inbound messages recorded
 * from provider; STORE_NOTFOUND if there are none. */
int store_inbound_last(struct store *s, const char *provider, int64_t *out);

/* ---- messages: outbound (the outbox) -------------------------------------- */

/* Kinds of message: enum msg_kind (model/states.def), stored as text. */

/* Priorities: urgent traffic is claimed first. */
#define MSG_PRIO_NORMAL 0
#define MSG_PRIO_STAFF  50  /* answers to specialists: before check-ins, ordinary retries */
#define MSG_PRIO_URGENT 100

struct store_outbound {
    const char *to;         /* E.164 */
    const char *body;
    enum msg_kind kind;
    int priority;           /* MSG_PRIO_* */
    int64_t client_id;      /* 0 = none */
    int64_t specialist_id;  /* 0 = none */
    int64_t escalation_id;  /* 0 = none */
    int64_t checkin_id;     /* 0 = none */
    int64_t expires_at;     /* 0 = never; a check-in is not sent after its window */
    int64_t queued_ms;      /* wall-clock milliseconds it was queued (gw_now_ms); 0 = now */
    int64_t not_before;     /* 0 = due now; else not sent before (the end of quiet hours) */
};
/* Queues a message (state "queued", due now or at m->not_before). */
int store_outbound_queue(struct store *s, const struct store_outbound *m, int64_t now,
                         int64_t *id_out);

#define STORE_BODY_MAX 1600

/* One claimed outbound message. */
struct store_msg {
    int64_t id;
    char to[PHONE_MAX];
    char body[STORE_BODY_MAX];
    enum msg_kind kind;
    int priority;
    int attempts;           /* including this one */
    int64_t client_id;
    int64_t expires_at;
    char provider[64];      /* the last provider tried, or "" */
    int64_t escalation_id;  /* 0 = not escalation traffic */
    char avoid_provider[64];/* try this provider last (it failed this message), or "" */
    int64_t created_at;     /* when it was queued */
    int64_t queued_ms;      /* the same in milliseconds (created_at * 1000 for old rows) */
};
/* Claims up to max queued messages due at now whose priority is within
 * [prio_min, prio_max] (priority first, then oldest), moving them to
 * "sending" and counting the attempt. Due ordinary messages to a client
 * who opted out or is paused are cancelled first, in the same transaction
 * (state "expired", last_error says why; safety rule 5): all but the
 * answers to STOP and HELP and conversation messages (a specialist may
 * answer what the person wrote after the STOP; conversation.c checks,
 * and STOP cancels those queued before it). Returns the number claimed (>= 0) or a STORE_*
 * code. */
int store_outbox_claim(struct store *s, int64_t now, int prio_min, int prio_max,
                       struct store_msg *out, int max);
/* 1 if message id is one the claim would now cancel (see above: its client
 * opted out or is paused), 0 if not, or a STORE_* code. */
int store_outbox_withheld(struct store *s, int64_t id);
/* A claimed message that no provider could take after all goes back to
 * "queued" for at, and the attempt is not counted. */
int store_msg_unclaim(struct store *s, int64_t id, int64_t at, int64_t now);
/* Queued ordinary messages whose expires_at passed become "expired" (urgent
 * ones never expire). Returns the number changed (>= 0) or a STORE_* code. */
int store_outbox_expire(struct store *s, int64_t now);
/* Queued messages whose last attempt failed at provider and that wait out
 * their back-off, and every waiting urgent message, become due at now (the
 * provider answers again). Returns the number changed (>= 0) or a STORE_*
 * code. */
int store_outbox_release(struct store *s, const char *provider, int64_t now);
/* Queues a copy of outbound message id (body, kind, priority, escalation),
 * due now: to another number when to is not NULL or "" (and then for
 * specialist_id when not 0), avoiding avoid_provider (may be NULL). Sets
 * *id_out (may be NULL). STORE_NOTFOUND if id is not an outbound message. */
int store_msg_copy(struct store *s, int64_t id, const char *to, int64_t specialist_id,
                   const char *avoid_provider, int64_t now, int64_t *id_out);
/* The number of outbound messages of the escalation to peer. */
int store_escalation_msg_count(struct store *s, int64_t escalation_id, const char *peer,
                               int64_t *out);
/* The earliest next_attempt_at among queued messages whose priority is
 * within [prio_min, prio_max]; STORE_NOTFOUND if none. */
int store_outbox_next(struct store *s, int prio_min, int prio_max, int64_t *out);
/* The four below change only a message in "sending" (one claimed by the
 * outbox): a late or repeated provider callback cannot requeue a sent one. */
int store_msg_sent(struct store *s, int64_t id, const char *provider, const char *provider_msg_id,
                   int64_t now);
/* Back to "queued" with next_attempt_at = at. */
int store_msg_retry(struct store *s, int64_t id, const char *provider, const char *error,
                    int64_t at, int64_t now);
int store_msg_failed(struct store *s, int64_t id, const char *provider, const char *error,
                     int64_t now);
int store_msg_expired(struct store *s, int64_t id, int64_t now);
/* A delivery report from provider for its message provider_msg_id: state is
 * MSG_SENT, MSG_DELIVERED or MSG_FAILED (error says why, may be NULL). Never moves
 * a message backwards. STORE_OK with *out filled (may be NULL), or
 * STORE_NOTFOUND for an id we do not know or a report that changes nothing. */
struct store_msg_ref {
    int64_t id;
    int priority;
    int64_t escalation_id; /* 0 = not escalation traffic */
    int64_t specialist_id; /* 0 = not to a specialist */
    char peer[PHONE_MAX];  /* the number it went to */
};
int store_msg_delivery(struct store *s, const char *provider, const char *provider_msg_id,
                       enum msg_state state, const char *error, int64_t now,
                       struct store_msg_ref *out);
/* 1 when an outbound message of provider carries provider_msg_id, 0 when
 * none does (yet), or a STORE_* code: what tells a report for a message not
 * recorded yet from one that would not move its message forward. */
int store_msg_known(struct store *s, const char *provider, const char *provider_msg_id);

/* Delivery reports held for a provider id no message carries yet (the report
 * overtook the send's own result; core/delivery.c). */
#define STORE_DLR_STATES 2 /* "delivered" and "failed": at most one row each */
struct store_dlr_held {
    char provider[64];
    char provider_msg_id[128];
    enum msg_state state;   /* MSG_DELIVERED or MSG_FAILED */
    char error[256];        /* "" when none */
    int64_t received_at;
};
typedef void (*store_dlr_cb)(void *ctx, const struct store_dlr_held *r);
/* Holds a report (state "delivered" or "failed"; error may be NULL). A repeat
 * of a held (provider, id, state) changes nothing. Keeps at most max per
 * provider, removing the oldest. Returns the number removed (>= 0) or a
 * STORE_* code. */
int store_dlr_hold(struct store *s, const char *provider, const char *provider_msg_id,
                   enum msg_state state, const char *error, int64_t now, int max);
/* Takes the reports held for provider's provider_msg_id received at or after
 * since: fills out[STORE_DLR_STATES] in arrival order and removes them.
 * Returns the number (>= 0) or a STORE_* code. */
int store_dlr_take(struct store *s, const char *provider, const char *provider_msg_id,
                   int64_t since, struct store_dlr_held *out);
/* Removes the reports received before before, each passed to cb first (may
 * be NULL). Returns the number removed (>= 0) or a STORE_* code. */
int store_dlr_expire(struct store *s, int64_t before, store_dlr_cb cb, void *ctx);

/* On start: messages left in "sending" by a crash go back to "queued"
 * (at-least-once). Returns the number requeued or a STORE_* code. */
int store_outbox_recover(struct store *s, int64_t now);
/* Counts by state for /healthz and checkinctl. */
int store_outbox_counts(struct store *s, int64_t *queued, int64_t *sending, int64_t *failed);

/* A message of either direction, for history listings. */
struct store_msg_row {
    int64_t id;
    enum msg_direction direction; /* stored "in" / "out" */
    char peer[PHONE_MAX];
    char body[STORE_BODY_MAX];
    enum msg_kind kind;
    enum msg_state state;
    int64_t created_at;
    int64_t conversation_id;/* 0 = not relayed in a conversation */
    char specialist[64];    /* the specialist's key it went to or came from, or "" */
};
typedef int (*store_msg_cb)(void *ctx, const struct store_msg_row *m);
/* Messages to or from the client, oldest first. */
int store_messages_for_client(struct store *s, int64_t client_id, store_msg_cb cb, void *ctx);

/* ---- flows (issue 19) ---------------------------------------------------- */

/* One administration of a check-in flow (core/flowrun.c). */
struct store_flowrun {
    int64_t id, client_id;
    int64_t checkin_id;     /* the check-in that started it */
    char flow[64];          /* the flow's or instrument's name */
    int64_t started_at, window_end, ended_at;
    int step;               /* the question waiting for its answer; after the end,
                               the one it stopped at (-1 when it ran to the end) */
    int retried;            /* 1: that question was asked once more */
    enum run_state state;   /* stored open, complete, partial, unanswered, crisis, stopped */
    int alerted;            /* the highest enum severity escalated so far */
    char scale[16];         /* an instrument's scored scale ("PHQ-9"), "" none */
    int total, max;
    char band[24];          /* "" when not banded (incomplete) */
    char step_qid[32];      /* the id of question step: a reload that changed the
                               flow is seen by it ("" in runs from before it was kept) */
};
typedef int (*store_flowrun_cb)(void *ctx, const struct store_flowrun *r);
/* Sets r->id. */
int store_flowrun_insert(struct store *s, struct store_flowrun *r);
/* The client's open run whose window has not ended; STORE_NOTFOUND if none. */
int store_flowrun_open(struct store *s, int64_t client_id, int64_t now, struct store_flowrun *r);
int store_flowrun_update(struct store *s, const struct store_flowrun *r);
/* Open runs whose window ended before now, oldest first, at most limit. */
int store_flowruns_expired(struct store *s, int64_t now, int limit, store_flowrun_cb cb,
                           void *ctx);
int store_flowruns_for_client(struct store *s, int64_t client_id, store_flowrun_cb cb, void *ctx);
/* The earliest window end of an open run; STORE_NOTFOUND if none. */
int store_next_flow_end(struct store *s, int64_t *out);

/* One question reached in a run: state is flow.h's enum flow_astate. */
struct store_flow_answer {
    int64_t run_id;
    int idx;                /* the question's index in the flow */
    char qid[32];
    int state;
    double value;
    int64_t message_id;     /* the reply that answered it, 0 none */
    int64_t answered_at;
};
typedef int (*store_flow_answer_cb)(void *ctx, const struct store_flow_answer *a);
/* Inserts or replaces the row of (run_id, idx). */
int store_flow_answer_put(struct store *s, const struct store_flow_answer *a);
int store_flow_answers(struct store *s, int64_t run_id, store_flow_answer_cb cb, void *ctx);

/* ---- moods -------------------------------------------------------------- */

struct store_mood {
    int64_t id;
    int64_t message_id;
    int64_t checkin_id;     /* 0 = not an answer to a check-in */
    double score;           /* as given, on the scale */
    int scale_min, scale_max;
    double norm;            /* 0-100 */
    int64_t recorded_at;
};
int store_mood_insert(struct store *s, int64_t client_id, const struct store_mood *m,
                      int64_t *id_out);
typedef int (*store_mood_cb)(void *ctx, const struct store_mood *m);
int store_moods_for_client(struct store *s, int64_t client_id, store_mood_cb cb, void *ctx);
/* The client's newest limit moods, newest first. */
int store_moods_recent(struct store *s, int64_t client_id, int limit, store_mood_cb cb,
                       void *ctx);

/* ---- escalations ---------------------------------------------------------- */

struct store_escalation {
    int64_t id;
    int64_t client_id;      /* 0 = from a number that is not an enrolled client */
    char peer[PHONE_MAX];   /* the number the concerning message came from */
    int64_t message_id;
    int64_t specialist_id;  /* 0 = none assigned */
    enum severity severity; /* stored "urgent", "high", "watch"; never SEV_NONE */
    char reason[128];       /* "crisis language", "score 2 <= 3", ... */
    enum esc_state state;   /* stored "open", "acked", "resolved" */
    int64_t created_at;
    int64_t acked_at;       /* 0 = not yet */
    char score[24];         /* "2/10" or "none", as the alert showed it */
    int count;              /* concerning messages merged into it (>= 1) */
    int64_t last_message_id;/* the newest of them */
    int64_t updated_at;     /* when the newest was merged (the flood window) */
    int64_t realert_at;     /* the next re-alert while open; 0 = none */
    int realerts;           /* re-alerts sent so far */
    char acked_by[64];      /* a specialist's key, "" */
    int64_t resolved_at;    /* 0 = not yet */
    char resolved_by[64];
    char text[304];         /* read only: the start of the newest message's body */
    int64_t followup_due_at;/* acked: a held-back follow-up to the acknowledger; 0 = none */
};
int store_escalation_insert(struct store *s, struct store_escalation *e); /* sets e->id */
typedef int (*store_escalation_cb)(void *ctx, const struct store_escalation *e);
/* Escalations of a client (client_id 0: all), newest first; open_only skips
 * resolved ones (acknowledged but not resolved is still open: the
 * specialist's STATUS lists it too). */
int store_escalations_each(struct store *s, int64_t client_id, bool open_only,
                           store_escalation_cb cb, void *ctx);

/* Marks an open escalation acknowledged by `by` (a specialist's id) and
 * stops its re-alerts (a reminder to resolve it is due afresh). Returns 1 if this call acknowledged it, 0 if it was
 * not open (unknown, already acked or resolved), or a STORE_* code. */
int store_escalation_ack(struct store *s, int64_t id, const char *by, int64_t now);
/* Closes an escalation that is open or acked (acknowledging it too when
 * nobody had). Returns 1 if this call resolved it, 0 if not (unknown or
 * already resolved), or a STORE_* code. */
int store_escalation_resolve(struct store *s, int64_t id, const char *by, int64_t now);
/* STORE_NOTFOUND if there is no such escalation. */
int store_escalation_get(struct store *s, int64_t id, struct store_escalation *out);
/* The newest unresolved urgent/high escalation of number peer updated at or
 * after since (the flood window); STORE_NOTFOUND if none. */
int store_escalation_recent(struct store *s, const char *peer, int64_t since,
                            struct store_escalation *out);
/* The client's newest unresolved watch escalation; STORE_NOTFOUND if none. */
int store_escalation_open_watch(struct store *s, int64_t client_id,
                                struct store_escalation *out);
/* One more concerning message (message_id, may be 0) in escalation id:
 * count + 1, newest message, updated_at = now, and the reason when not "". */
int store_escalation_merge(struct store *s, int64_t id, int64_t message_id, const char *reason,
                           int64_t now);
/* Sets the next re-alert (at 0: none) and the number sent, while open. */
int store_escalation_set_realert(struct store *s, int64_t id, int64_t at, int realerts);
/* Open escalations whose re-alert is due at now, earliest first, at most limit. */
int store_escalations_realert_due(struct store *s, int64_t now, int limit,
                                  store_escalation_cb cb, void *ctx);
/* The earliest pending re-alert, held-back follow-up of an acked
 * escalation, reminder to resolve one (due remind_after seconds after
 * its ACK) or deadline of an open screening; STORE_NOTFOUND if none. */
int store_escalation_realert_next(struct store *s, int64_t remind_after, int64_t *out);
/* Makes every open urgent/high escalation with no re-alert pending due at
 * now (a chain must never be lost, whatever stopped it). Returns how many
 * or a STORE_* code. */
int store_escalations_rearm(struct store *s, int64_t now);
/* Acked escalations acknowledged at least remind_after seconds before now
 * whose acknowledger has not yet been reminded to resolve them, at most
 * limit, oldest ACK first. */
int store_escalations_remind_due(struct store *s, int64_t now, int64_t remind_after, int limit,
                                 store_escalation_cb cb, void *ctx);
/* Records that the acknowledger of escalation id was reminded (once per
 * ACK: a new ACK clears it). */
int store_escalation_set_reminded(struct store *s, int64_t id, int64_t now);
/* Raises unresolved escalation id to severity (a more severe message,
 * message_id, merged into it): count + 1, the new reason, open again with
 * a fresh re-alert chain starting at realert_at (it needs a new ACK), any
 * held-back follow-up dropped (the alert carries the news). Returns 1 if
 * upgraded, 0 if it was resolved meanwhile, or a STORE_* code. */
int store_escalation_upgrade(struct store *s, int64_t id, enum severity severity,
                             const char *reason, int64_t message_id, int64_t now,
                             int64_t realert_at);
/* Holds back a follow-up to the acknowledger until at (0: none pending). */
int store_escalation_set_followup(struct store *s, int64_t id, int64_t at);
/* Acked escalations whose held-back follow-up is due at now, at most limit. */
int store_escalations_followup_due(struct store *s, int64_t now, int limit,
                                   store_escalation_cb cb, void *ctx);
/* When the newest message of kind about escalation id was
 * queued; STORE_NOTFOUND if none. */
int store_escalation_last_sent(struct store *s, int64_t id, enum msg_kind kind, int64_t *out);
/* Unresolved watch escalations updated at or after since that are the
 * specialist's (store id) or nobody's, newest first: a digest's lines. */
int store_escalations_watch_since(struct store *s, int64_t since, int64_t specialist_id,
                                  store_escalation_cb cb, void *ctx);
/* Unresolved escalations assigned to, alerted to or acknowledged by the
 * specialist (id and key), newest first. */
int store_escalations_for_specialist(struct store *s, int64_t specialist_id, const char *key,
                                     store_escalation_cb cb, void *ctx);
/* The specialists (ids, ascending) an alert of escalation id was queued
 * to; writes at most max. Returns how many (>= 0) or a STORE_* code. */
int store_escalation_alerted(struct store *s, int64_t id, int64_t *ids, int max);

/* ---- aggregates: daily caps and /metrics ---------------------------------- */

typedef int (*store_count_cb)(void *ctx, const char *key, int64_t n);
typedef int (*store_queue_cb)(void *ctx, int priority, enum msg_state state, int64_t n);
typedef int (*store_esc_count_cb)(void *ctx, enum severity severity, enum esc_state state,
                                  int64_t n);
/* Ordinary outbound messages (not urgent, not STOP confirmations) sent or
 * delivered since `since`, per recipient number: the daily caps' start. */
int store_outbound_sent_since(struct store *s, int64_t since, store_count_cb cb, void *ctx);
/* Queued and sending messages by priority and state. */
int store_queue_depth(struct store *s, store_queue_cb cb, void *ctx);
/* Escalations by severity and state. A severity or state this build does
 * not know is STORE_ERR (store_errmsg says which), as in the row readers. */
int store_escalation_counts(struct store *s, store_esc_count_cb cb, void *ctx);
/* When the oldest escalation still open (not acknowledged) was raised,
 * unix seconds, into *created_at; 0 when none is open. */
int store_oldest_open_escalation(struct store *s, int64_t *created_at);

/* ---- audit ---------------------------------------------------------------- */

/* actor: "operator", "gateway", "specialist:jordan"; action: "client.enroll"... */
int store_audit(struct store *s, int64_t now, const char *actor, const char *action,
                const char *subject, const char *detail);

struct store_audit_row {
    int64_t id, at;
    char actor[96], action[64], subject[64], detail[512];
};
typedef int (*store_audit_cb)(void *ctx, const struct store_audit_row *a);
/* The time of the newest audit row with this action; STORE_NOTFOUND if none. */
int store_audit_last(struct store *s, const char *action, int64_t *out);
/* The audit rows about subject (an escalation's number...), oldest first. */
int store_audit_each(struct store *s, const char *subject, store_audit_cb cb, void *ctx);
/* The start (about 300 bytes) of the body of message id, opened if sealed,
 * into out ("" once retention removed it); STORE_NOTFOUND if there is no
 * such message (removed with its client). */
int store_message_body(struct store *s, int64_t id, char *out, size_t outsz);

/* ---- screenings: the question after ambiguous risk (rule 6) ---------------- */

struct store_screening {
    int64_t id, client_id;
    int64_t message_id;     /* the reply that raised it */
    int64_t question_id;    /* the question sent */
    int64_t asked_at, deadline;
    char state[16];         /* "open", "no", "yes" (anything but a clear no), "timeout",
                               "crisis" (a crisis reply came first) */
    int64_t answer_id;      /* the reply that closed it, 0 for none */
    int64_t closed_at;
    int64_t escalation_id;  /* what it became, 0 for nothing yet */
};
typedef int (*store_screening_cb)(void *ctx, const struct store_screening *sc);
/* Records an open screening (sc->state and sc->id are set). A client has at
 * most one open: STORE_ERR (a constraint) for a second. */
int store_screening_insert(struct store *s, struct store_screening *sc);
/* The client's open screening, or STORE_NOTFOUND. */
int store_screening_open(struct store *s, int64_t client_id, struct store_screening *out);
/* Closes open screening id as state (answer_id, escalation_id: 0 for none).
 * A screening already closed is left as it is. */
int store_screening_close(struct store *s, int64_t id, const char *state, int64_t answer_id,
                          int64_t escalation_id, int64_t now);
/* Open screenings whose deadline is at or before now, earliest first, at
 * most limit. Their deadlines also wake the re-alert timer
 * (store_escalation_realert_next). */
int store_screenings_due(struct store *s, int64_t now, int limit, store_screening_cb cb,
                         void *ctx);
/* The screenings that became escalation_id, oldest first. */
int store_screenings_for_escalation(struct store *s, int64_t escalation_id,
                                    store_screening_cb cb, void *ctx);

/* ---- consent and privacy ---------------------------------------------------- */

struct crypt;
/* Encrypts message bodies and client names from now on with c's current key
 * and decrypts with any of its keys (crypt.h); c is borrowed and must
 * outlive its use (NULL: store and read in the clear). Refused (STORE_ERR,
 * store_errmsg says which) if the database holds values sealed with a key c
 * does not have, so a missing key is found at start, not on the first read. */
int store_set_crypt(struct store *s, const struct crypt *c);

/* After STOP: every queued ordinary (not urgent) message to the client is
 * cancelled (state "expired", last_error says why), so a check-in queued
 * before the STOP is not sent after it. Returns the number cancelled or a
 * STORE_* code. */
int store_outbox_cancel_client(struct store *s, int64_t client_id, int64_t now);

/* Consent changes and unclear replies for a specialist's digest: the audit
 * lines client.opt_out, client.opt_in, client.confirmed (and
 * client.enroll_pending), reply.unclear and reply.unread (detail "message=ID") of clients
 * assigned to specialist_id (0: every client) with audit id > after_id,
 * oldest first. A digest remembers the last id it reported. */
struct store_consent_event {
    int64_t audit_id;
    int64_t at;
    char alias[64];
    char action[32];        /* "client.opt_out", "client.opt_in", "client.confirmed", ... */
    int64_t specialist_id;
    char detail[64];        /* reply.unclear, reply.unread: "message=ID" */
};
typedef int (*store_consent_cb)(void *ctx, const struct store_consent_event *e);
int store_consent_events(struct store *s, int64_t specialist_id, int64_t after_id,
                         store_consent_cb cb, void *ctx);
/* The id of the newest audit row with this action (a digest's watermark);
 * STORE_NOTFOUND if none. */
int store_audit_last_id(struct store *s, const char *action, int64_t *out);
/* Pending clients (no YES yet) enrolled at or before `before` who were not
 * asked again yet (no client.reasked audit line), by id, at most limit. */
int store_clients_reask_due(struct store *s, int64_t before, int limit, store_client_cb cb,
                            void *ctx);

/* Retention: removes the bodies of at most limit messages created before
 * `before` (not queued or sending ones), keeping the rows, so moods,
 * escalations and audit lines that point at them stay. Returns the number
 * of bodies removed (>= 0) or a STORE_* code. */
int store_purge_bodies(struct store *s, int64_t before, int64_t now, int limit);

/* Deletes everything held about client c: the client, check-ins, moods,
 * escalations about them and every message to, from or about them (also
 * those from their number before enrolment, and alerts to specialists).
 * Earlier audit lines naming their alias are kept but renamed to
 * "client#ID". Run it inside a transaction; the caller adds its own audit
 * line. counts may be NULL. */
struct store_removed {
    int64_t messages, moods, checkins, escalations, audit_renamed;
};
int store_client_remove(struct store *s, const struct store_client *c, struct store_removed *counts);

/* Key rotation. One step re-seals at most batch values (message bodies,
 * then client names) that are not under the current setting of
 * store_set_crypt (sealed with another key, or in the clear while a key is
 * set, or sealed while none is), in one short transaction, so the daemon
 * keeps running. Call until r->done. */
struct store_rekey {
    int64_t next_message_id, next_client_id; /* cursors; start at 0 */
    int64_t rewritten;
    bool done;
    int64_t next_birthday_id; /* the third table pass's cursor; starts at 0 */
};
int store_rekey_step(struct store *s, struct store_rekey *r, int batch);
/* Counts values still not under the current setting (*left); when there are
 * none, keys no longer used are forgotten (store_set_crypt stops asking for
 * them). */
int store_rekey_finish(struct store *s, int64_t *left);

/* ---- conversations: a specialist and a client through the program number -- */

/* A specialist holds at most one open conversation per client, about an
 * escalation (after ACK) or opened with TEXT (escalation_id 0). */
struct store_conversation {
    int64_t id, client_id;
    int64_t escalation_id;  /* 0 = opened with TEXT */
    int64_t specialist_id;  /* the holder */
    int64_t opened_at, last_at;
    int64_t ended_at;       /* 0 = open */
    enum conv_end end_reason; /* stored "end", "resolve", "idle"; CONV_OPEN while open */
    char alias[64];         /* the client's, read only */
    char holder[64];        /* the holder's key, read only */
};
typedef int (*store_conversation_cb)(void *ctx, const struct store_conversation *v);
/* Opens one. STORE_EXISTS if the client already has an open one. */
int store_conversation_open(struct store *s, int64_t client_id, int64_t escalation_id,
                            int64_t specialist_id, int64_t now, int64_t *id_out);
/* STORE_NOTFOUND if none (open or not: _get; open: the others). */
int store_conversation_get(struct store *s, int64_t id, struct store_conversation *out);
int store_conversation_of_client(struct store *s, int64_t client_id,
                                 struct store_conversation *out);
int store_conversation_of_escalation(struct store *s, int64_t escalation_id,
                                     struct store_conversation *out);
/* The specialist's open conversations, oldest first. */
int store_conversations_of_specialist(struct store *s, int64_t specialist_id,
                                      store_conversation_cb cb, void *ctx);
/* Every conversation of the client, open or ended, oldest first. */
int store_conversations_for_client(struct store *s, int64_t client_id, store_conversation_cb cb,
                                   void *ctx);
/* Ends open conversation id (reason CONV_ENDED, CONV_RESOLVED). Returns 1
 * if this call ended it, 0 if it was not open, or a STORE_* code. */
int store_conversation_end(struct store *s, int64_t id, enum conv_end reason, int64_t now);
/* A message went through it: last activity now. */
int store_conversation_touch(struct store *s, int64_t id, int64_t now);
/* Open conversation id is now held by specialist_id (TAKE), and about
 * escalation_id when not 0. Returns 1, 0 if it was not open, or a code. */
int store_conversation_hand(struct store *s, int64_t id, int64_t specialist_id,
                            int64_t escalation_id, int64_t now);
/* Ends (reason "idle", at last activity + idle_seconds) every open
 * conversation idle that long at now. Returns how many or a STORE_* code. */
int store_conversations_expire(struct store *s, int64_t now, int64_t idle_seconds);
/* The open conversations idle that long at now (the ones
 * store_conversations_expire would end), oldest first, at most limit; and
 * when the next one will be (STORE_NOTFOUND: none open), for the re-alert
 * timer, so the holder is told when it ends. */
int store_conversations_idle(struct store *s, int64_t now, int64_t idle_seconds, int limit,
                             store_conversation_cb cb, void *ctx);
int store_conversations_idle_next(struct store *s, int64_t idle_seconds, int64_t *out);
/* Marks message msg_id (either direction) as relayed in conversation_id,
 * and as the client's (client_id) if it was nobody's: the client's history,
 * export, retention and removal then cover it. */
int store_message_link(struct store *s, int64_t msg_id, int64_t conversation_id,
                       int64_t client_id);
/* The inbound message that was the client's STOP. */
int store_client_set_stop_message(struct store *s, int64_t client_id, int64_t msg_id);
/* When the client last wrote (from their own number); STORE_NOTFOUND if never. */
int store_client_last_inbound(struct store *s, int64_t client_id, int64_t *out);
/* When a message of kind was last queued to the client; STORE_NOTFOUND if
 * never. */
int store_client_last_out(struct store *s, int64_t client_id, enum msg_kind kind, int64_t *out);
/* Whether the client wrote after their STOP (*out). */
int store_client_wrote_after_stop(struct store *s, int64_t client_id, bool *out);

/* ---- follow-up tasks (issue 18 item 4) ------------------------------------ */

/* One task: follow up with the client of an escalation. step 0 waiting
 * (due_at), 1 sent, 2 sent again, 3 overdue (listed in the digest and
 * STATUS), 4 handed to the backup or on-call (handed_to, a key). */
struct store_followup {
    int64_t id, escalation_id, client_id;
    int64_t specialist_id;  /* the holder */
    int64_t due_at;
    int step;
    int64_t next_at;        /* the timer's next look; 0 = none */
    enum fu_state state;    /* stored "open", "done" */
    char handed_to[64];
    int snoozes;
    int64_t done_at;
    char done_by[64];       /* a specialist's key */
    char alias[64];         /* the client's, read only ("?" once removed) */
    char holder[64];        /* the holder's key, read only */
};
typedef int (*store_followup_cb)(void *ctx, const struct store_followup *f);
/* Adds the escalation's nth task (1, 2, ...) unless it has that many. */
int store_followup_insert(struct store *s, int64_t escalation_id, int64_t client_id,
                          int64_t specialist_id, int64_t due_at, int nth, int64_t now);
/* Open tasks whose next_at <= now, earliest first, at most limit. Their
 * next_at also wakes the re-alert timer (store_escalation_realert_next). */
int store_followups_due(struct store *s, int64_t now, int limit, store_followup_cb cb, void *ctx);
/* Open task id: step, next look (0: none), handed_to when not NULL/"". */
int store_followup_step(struct store *s, int64_t id, int step, int64_t next_at,
                        const char *handed_to);
/* The escalation's earliest open task already sent (DONE, SNOOZE act on
 * it); STORE_NOTFOUND if none. */
int store_followup_current(struct store *s, int64_t escalation_id, struct store_followup *out);
int store_followup_done(struct store *s, int64_t id, const char *by, int64_t now);
/* Due again at until, waiting (step 0), one snooze more. */
int store_followup_snooze(struct store *s, int64_t id, int64_t until);
/* Open tasks (all: done ones too) of a specialist (held or handed to
 * them; 0: everyone's), by due time. */
int store_followups_each(struct store *s, int64_t specialist_id, bool all, store_followup_cb cb,
                         void *ctx);
/* The open tasks of an escalation are held by specialist_id now (TAKE). */
int store_followups_hand(struct store *s, int64_t escalation_id, int64_t specialist_id);

/* ---- backup ----------------------------------------------------------------- */

/* Copies the whole database into a new file at path (created 0600; an
 * existing file is refused) with SQLite's online backup, safe while the
 * gateway runs. On failure the partial file is removed and err says why.
 * Returns 0 or a STORE_* code (STORE_BUSY: locked for too long). */
int store_backup(struct store *s, const char *path, char *err, size_t errlen);

#endif
