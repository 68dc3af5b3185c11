/* SPDX-License-Identifier: Apache-2.0 */
/* config.h: etc/checkin.conf (libconfig) -> struct gw_config, validated.
 *
 * Every problem is collected, not just the first, as "file:line: reason",
 * so `checkin-gateway --check-config FILE` can print them all. The scalar
 * settings are described by one table in config.c (key, type, field,
 * default, validator) that drives parsing, defaults and unknown-key errors.
 * Provider-specific settings are checked by each provider's create() (see
 * providers/provider.h); the provider gets its libconfig group, which lives
 * as long as the struct gw_config. */
#ifndef GW_CONFIG_H
#define GW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <libconfig.h>

#include "base/log.h"
#include "base/settings.h"
#include "model/reply.h"
#include "base/phone.h"
#include "base/tz.h"
#include "model/settings.h"

#define CFG_TZ_MAX    TZ_NAME_MAX /* base/tz.h: zone checks live there */
#define CFG_MAX_ROUTE 8
/* A caring contact fits one SMS segment with sample values: short, and it
 * arrives as one text on every phone. */
#define CARING_MAX_SEGMENTS 1

/* ---- the configuration ------------------------------------------------ */

/* The exit status of both binaries (checkin-gateway, checkinctl) when the
 * configuration is invalid; checkinctl's other codes match the daemon's
 * too (1 runtime failure, 2 usage). */
#define GW_EXIT_CONFIG 3

enum tpl_id {
    TPL_CHECKIN,  /* the check-in question */
    TPL_RETRY,    /* asked once more after an off-scale or unreadable answer */
    TPL_CRISIS,   /* to the client: the 988 message */
    TPL_ALERT,    /* to the specialist */
    TPL_STOP,     /* opt-out confirmation */
    TPL_START,    /* opt-in confirmation */
    TPL_HELP,     /* answer to HELP */
    TPL_REMINDER, /* one reminder when a check-in has no reply yet (optional: the question again) */
    /* Optional in the file (built-in English and Spanish texts otherwise): */
    TPL_WELCOME,         /* on enrolment */
    TPL_WELCOME_CONFIRM, /* on enrolment when consent.require_confirmation: asks for YES */
    TPL_CONFIRMED,       /* after the YES */
    TPL_SCREEN,          /* the screening question after ambiguous risk (rule 6): urgent,
                            must give 988, at most SPECIALIST_MAX_SEGMENTS */
    TPL_AWAY,            /* a conversation message outside the holder's working hours:
                            {peer} is back {back}; must give 988, at most
                            SPECIALIST_MAX_SEGMENTS; once per evening */
    /* Texts to specialists other than the alert. Optional: English ones are
     * built in (tpl_default). Each must fit SPECIALIST_MAX_SEGMENTS with
     * sample values; the two prefixes at most TPL_PREFIX_MAX characters. */
    TPL_REALERT,          /* prefix of a re-alert: {step} */
    TPL_UPGRADED,         /* prefix of the alert of a raised escalation: {severity} */
    TPL_TAKEN,            /* to the others alerted: {by} took it ({how}) */
    TPL_FOLLOWUP,         /* to the acknowledger: the person wrote again */
    TPL_USAGE,            /* the answer to anything that is not a command */
    TPL_UNKNOWN,          /* no such escalation */
    TPL_ACKED,            /* ACK: it is yours */
    TPL_ALREADY_TAKEN,    /* ACK: someone else ({by}) has it */
    TPL_ALREADY,          /* ACK or RESOLVE: it is already {state} */
    TPL_NOTED,            /* NOTE added */
    TPL_NOTED_OPEN,       /* NOTE added; it is still unacknowledged */
    TPL_RESOLVED,         /* RESOLVE: closed */
    TPL_STATUS,           /* STATUS: {list} of the specialist's escalations */
    TPL_STATUS_NONE,      /* STATUS: none */
    TPL_DIGEST,           /* the daily watch digest: {list} of findings */
    TPL_REMIND_RESOLVE,   /* to the acknowledger, once, follow_up_hours after the ACK */
    /* Conversations through the program number (conversation.c): to
     * specialists, with built-in English (tpl_default) and Spanish texts. */
    TPL_CONV_ACKED,       /* ACK that opens a conversation: their texts now go to {alias} */
    TPL_CONV_IN,          /* the client's message to the holder: {ref} {text} */
    TPL_CONV_OPENED,      /* TEXT: sent, the conversation is open */
    TPL_CONV_HELD,        /* someone else ({by}) holds {ref}: TAKE {target} */
    TPL_CONV_TAKEN,       /* TAKE: you hold {ref} now (from {by}) */
    TPL_CONV_TAKEN_AWAY,  /* to the former holder: {by} took {ref} */
    TPL_CONV_ENDED,       /* END (or RESOLVE): their texts no longer go to the client */
    TPL_CONV_NONE,        /* END, TAKE, @: no open conversation {target} */
    TPL_CONV_WHICH,       /* a plain text while holding {count} conversations ({list}) */
    TPL_CONV_STOPPED,     /* not sent: the client opted out and has not written since */
    TPL_CONV_QUIET,       /* queued for the end of the client's quiet hours; ! sends now */
    TPL_CONV_NOT_YOURS,   /* TEXT: {target} is not one of your clients */
    TPL_CONV_PENDING,     /* not sent: the client never confirmed (YES) nor wrote */
    TPL_CONV_IDLE,        /* to the holder: ended after {count} hours with no message */
    /* Follow-up tasks (followup.c), to specialists, built-in English and Spanish: */
    TPL_FU_DUE,           /* follow up with {alias} (#{escalation}): DONE or SNOOZE */
    TPL_FU_HANDED,        /* to the backup / on-call: {by} has not followed up */
    TPL_FU_DONE,          /* DONE: noted */
    TPL_FU_SNOOZED,       /* SNOOZE: again in {how} */
    TPL_FU_NONE,          /* DONE, SNOOZE: no follow-up of #{escalation} is due */
    TPL__COUNT
};
#define TPL_FIRST_CONV TPL_CONV_ACKED
#define TPL_IS_CONV(i) ((i) >= TPL_FIRST_CONV && (i) < TPL__COUNT)
#define TPL_FIRST_SPECIALIST TPL_REALERT
/* Texts to a specialist stay within this many SMS segments (checked with
 * sample values at load; a {list} is filled only while the text fits). */
#define SPECIALIST_MAX_SEGMENTS 2
#define SPECIALIST_LIST_SEGMENTS 3
/* A client text that must arrive whole and at once (the screening
 * question, each question of a check-in flow) is held to the same budget. */
#define CLIENT_TEXT_MAX_SEGMENTS SPECIALIST_MAX_SEGMENTS
/* The segment check of a text with a budget: true if rendered (the text as
 * sent) takes at most max SMS segments; else adds at s "LABEL is N SMS
 * segments[how] (plain|Unicode; at most MAX[note]): shorten it" and returns
 * false. how is "" or " with sample values"; note is "" or ", ...". */
bool cfg_segments_fit(struct cfg_errors *errs, const config_setting_t *s, const char *label,
                      const char *how, const char *rendered, int max, const char *note);
#define TPL_PREFIX_MAX 40
/* The built-in English text of an optional specialist template, or NULL. */
const char *tpl_default(enum tpl_id id);
/* The client texts with built-in English and Spanish versions: the consent
 * texts, the screening question and the away answer. */
#define TPL_HAS_BUILTIN(i) ((i) >= TPL_WELCOME && (i) <= TPL_AWAY)
/* "checkin", "retry", "crisis", "alert", "stop", "start", "help", "reminder",
 * "welcome", "welcome_confirm", "confirmed", "screen", "away", "realert", "upgraded", "taken", "followup", "usage", "unknown", "acked",
 * "already_taken", "already", "noted", "noted_open", "resolved", "status",
 * "status_none", "digest", "remind_resolve", "conv_acked", "conv_in", "conv_opened",
 * "conv_held", "conv_taken", "conv_taken_away", "conv_ended", "conv_none",
 * "conv_which", "conv_stopped", "conv_quiet", "conv_not_yours", "conv_pending",
 * "conv_idle", "followup_due", "followup_handed", "followup_done", "followup_snoozed", "followup_none" */
const char *tpl_name(enum tpl_id id);

/* enum lang is in model/settings.h. "en" / "es"; lang_parse returns -1
 * for anything else. */
const char *lang_name(enum lang l);
int lang_parse(const char *s, enum lang *out);

/* The setting types the pure model reads (struct gw_schedule, gw_quiet,
 * gw_oncall, gw_escalation, enum lang) are in model/settings.h. */
struct gw_flow; /* config/config_flows.h: a configured flow */

/* A specialist's working hours (hours = [ "mon-fri 09:00-17:00" ]) are
 * shifts of the same shape (its specialist field unused). */
#define CFG_MAX_HOURS 8

struct gw_specialist {
    char id[CFG_NAME_MAX];    /* the key operators use: "jordan" */
    char name[CFG_NAME_MAX];
    char phone[PHONE_MAX];    /* E.164 */
    char backup[CFG_NAME_MAX];/* another specialist's id, or "" */
    enum lang lang;           /* the language of the texts they get (default en) */
    struct gw_oncall hours[CFG_MAX_HOURS]; /* working hours, program.timezone; none = always */
    int nhours;
};

struct gw_provider_conf {
    char name[CFG_NAME_MAX];  /* instance name, unique: "spool", "twilio-main" */
    char kind[CFG_NAME_MAX];  /* registry kind: "spool", "twilio", ... */
    double rate_per_second;   /* the outbox sends at most this many a second; 0 = no limit */
    const config_setting_t *settings; /* its whole group; borrowed from the config */
};

struct gw_route {
    char names[CFG_MAX_ROUTE][CFG_NAME_MAX]; /* provider instance names, in order */
    int n;
};

/* limits: what one sender or one day may cost (see README, Security). */
struct gw_limits {
    int sender_burst;      /* inbound messages a sender may send at once and still be answered */
    int sender_per_hour;   /* ... and at this sustained rate; beyond, no automatic answers */
    int daily_per_client;  /* ordinary outbound messages to one number per day */
    int daily_per_program; /* ordinary outbound messages in all per day
                            * (the local day in program.timezone) */
};

struct gw_config {
    char *file;                     /* the path it was loaded from */
    config_t lc;                    /* the parsed tree: provider settings point into it */

    /* program: who the texts come from */
    char *program_name;
    char *program_contact;          /* who to call for help, e.g. "(555) 555-0100" */
    char default_tz[CFG_TZ_MAX];    /* for clients enrolled without a zone */
    char country[3];                /* ISO 3166 "US": national phone numbers are read in it */

    /* daemon */
    char *database;                 /* SQLite file; relative paths are from the working dir */
    char *pid_file;
    char *user;                     /* started as root: become this user; NULL = stay */
    enum log_level log_level;
    char log_format[8];             /* "text" (key=value) or "json" */

    /* http */
    char http_listen[64];           /* numeric IPv4 address, default 127.0.0.1 */
    int http_port;                  /* default 8780; 0 = pick a free port (tests) */
    int http_request_timeout;       /* seconds a connection gets for one whole request */
    int http_connections;           /* open at once (lowered at start to fit RLIMIT_NOFILE) */
    int http_connections_per_address; /* open at once from one client address */
    struct gw_limits limits;

    /* outbox */
    int retry_base_seconds;         /* first retry after this, doubling, with jitter */
    int retry_max_seconds;          /* back-off cap */
    int max_attempts;               /* ordinary messages fail after this many */

    /* replies */
    char *vocabulary_file;          /* operator's extra phrases (vocab.h), or NULL */
    struct reply_vocab *vocab;      /* loaded from it, or NULL; passed to reply_parse */

    /* consent, retention, encryption (privacy of the people enrolled) */
    bool require_confirmation;      /* a new client is "pending" until they reply YES */
    bool send_welcome;              /* the welcome text on enrolment (default true) */
    int reask_after_hours;          /* a pending client is asked once more after this; 0 = never */
    int retention_days;             /* message bodies older than this are removed; 0 = kept */
    char *encryption_key;           /* 64 hex digits or NULL (off); owned, wiped on free */
    char *encryption_previous_key;  /* during a key rotation, else NULL; owned, wiped */

    struct gw_provider_conf *providers; size_t nproviders;
    struct gw_route route_checkin;  /* check-ins and ordinary replies */
    struct gw_route route_urgent;   /* 988 messages and specialist alerts */
    struct gw_schedule *schedules;  size_t nschedules;
    struct gw_flow *flows;          size_t nflows; /* flows = ( ... ), may be empty */
    struct gw_flow *instruments;    /* instruments = { ... }: INSTR__COUNT, or NULL */
    struct gw_quiet quiet;          /* quiet_hours; enabled = false if absent */
    struct gw_specialist *specialists; size_t nspecialists;
    struct gw_escalation esc;
    struct gw_oncall *oncall;       size_t noncall; /* optional, may be empty */

    /* templates[lang][id]; every English one is required; a missing Spanish
     * one points at the English text (not a copy: do not free it twice). */
    char *templates[LANG__COUNT][TPL__COUNT];
};

/* Loads and validates path. On success returns 0 and *out (owned by the
 * caller, free with gw_config_free). On failure returns -1, *out = NULL, and
 * errs holds every problem found (parse errors stop at the first). */
int gw_config_load(struct gw_config **out, const char *path, struct cfg_errors *errs);
void gw_config_free(struct gw_config *c); /* NULL is a no-op */
/* Settings that hold a secret written into the file itself (a name ending
 * in password, secret, token, pin or _key, or named key, whose value is not "env:..."
 * or "file:..."): how many, and their paths ("providers[1].secret", comma
 * separated) into names. For the start-up warning about a config file that
 * others can read. */
size_t gw_config_inline_secrets(const struct gw_config *c, char *names, size_t namescap);

/* Lookups; NULL if absent. Returned pointers are borrowed from c. */
const struct gw_schedule *gw_config_schedule(const struct gw_config *c, const char *name);
const struct gw_specialist *gw_config_specialist(const struct gw_config *c, const char *id);
const struct gw_specialist *gw_config_specialist_by_phone(const struct gw_config *c,
                                                          const char *phone);
const char *gw_config_template(const struct gw_config *c, enum lang l, enum tpl_id id);

#endif
