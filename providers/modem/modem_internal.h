/* SPDX-License-Identifier: Apache-2.0 */
/* modem_internal.h: what the pieces of the `modem` provider share: the
 * instance (struct modem), its commands and send jobs, its limits, and the
 * functions one piece calls in another. Not for use outside
 * providers/modem/: the provider's interface is modem_provider_ops
 * (provider.h). The pieces, one job each:
 *
 *   modem.c            the design (its header comment), shared helpers,
 *                      the tick, create / destroy, start / stop, ops table
 *   modem_device.c     the serial line: open, read, write, close, reopen
 *   modem_session.c    the AT command session: one command at a time,
 *                      time-outs, the modem's answers routed
 *   modem_send.c       sending: the queue, AT+CMGS per part, resuming
 *   modem_incoming.c   receiving: decode, join, commit, then delete */
#ifndef GW_MODEM_INTERNAL_H
#define GW_MODEM_INTERNAL_H

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "modem/at.h"
#include "base/hash.h"
#include "base/log.h"
#include "modem/pdu.h"
#include "base/phone.h"
#include "provider.h"
#include "modem/smsjoin.h"

#define MODEM_TICK_MS        250
#define MODEM_BACKOFF_MIN_MS 1000
#define MODEM_BACKOFF_MAX_MS 30000
#define MODEM_MAX_JOBS       64
#define MODEM_MAX_IGNORED    64
#define MODEM_OUT_MAX        4096
#define MODEM_SETTLE_MS      300  /* after the prelude that starts the initialisation */
#define MODEM_JOIN_RETRY_S   5    /* after a joined text could not be committed */
#define MODEM_MAX_RESUMES    16   /* long texts stopped part-way, kept to resume */

enum mstate { M_CLOSED, M_INIT, M_READY };

enum ctype {
    C_PLAIN,   /* a command whose OK is all we need */
    C_OPTIONAL,/* a command whose ERROR is logged, not fatal (AT+CNMI) */
    C_CPIN_Q,  /* AT+CPIN? */
    C_CPIN,    /* AT+CPIN=<pin> */
    C_INIT_DONE, /* the last init step: READY on OK */
    C_READ,    /* AT+CMGR=<i> or AT+CMGL=4 */
    C_DELETE,  /* AT+CMGD=<i> */
    C_SEND,    /* AT+CMGS=<n>: the head job's current part */
    C_CPMS,    /* AT+CPMS?: how full the SIM is (an ERROR is not fatal) */
    C_ESC,     /* the prelude (see prelude()), then a pause whose input is dropped
                * (a cancelled prompt may answer OK, the line the ESC ended
                * ERROR; neither must be taken for the next reply) */
};

struct cmd {
    struct cmd *next;
    enum ctype type;
    char text[48];
    int index;
};

struct job {
    struct job *next;
    int64_t id;
    bool urgent;
    send_done_cb done;
    void *arg;
    char masked[PHONE_MAX + 8];
    int part;                /* the part being sent */
    unsigned mr_last;
    unsigned mrs[SMS_MAX_PARTS]; /* each sent part's TP-MR */
    char to[PHONE_MAX];      /* E.164, to match status reports' TP-RA */
    struct sms_submit pdu;
};

/* A long text that went back to the outbox part-way (SEND_RETRY): where
 * its next try resumes. Matched by message id and by what was encoded (a
 * changed text starts over). Kept in memory: after a restart the text goes
 * whole again, under the same reference (see modem_send). */
struct resume {
    int64_t id;              /* 0: free */
    uint64_t hash;           /* of every part's PDU */
    int part;                /* the first part not sent */
    unsigned mrs[SMS_MAX_PARTS];
};

/* A sent message's TP-MR, for its status report. The MR is one octet and
 * wraps after 256 parts: the recipient is checked too, and an entry is
 * cleared by its final report. Kept in memory: a report that comes after
 * a restart is logged as unmatched. */
struct mrent {
    char pmid[40];           /* "" when free */
    char to[PHONE_MAX];
    bool last;               /* the last part: its report decides "delivered" */
};

struct modem {
    struct provider *p;
    /* config */
    char device[256];
    int baud;
    char pin[32];            /* as the config gives it (validated: 4-8 digits) */
    unsigned timeout_ms, send_timeout_ms, poll_ms;
    unsigned tick_ms;        /* MODEM_TICK_MS; CHECKIN_MODEM_TICK_MS in tests */
    int64_t join_timeout;
    bool status_reports;

    enum mstate state;
    int fd;
    uv_poll_t *poll;         /* heap: freed in its close callback */
    int poll_events;
    uv_timer_t cmd_timer, tick;
    bool timers_init, stopping;
    int closing;
    void (*stopped)(struct provider *);

    struct at_parser parser;
    char out[MODEM_OUT_MAX];
    size_t outlen;

    struct cmd *ctl_head, *ctl_tail; /* control commands, in order */
    struct job *jobs;        /* sends: urgent first, then in arrival order */
    size_t njobs;
    struct cmd *cur;         /* the command on the line, or NULL */
    bool awaiting_pdu_write; /* C_SEND: the prompt came, the PDU was written */
    /* C_READ: the +CMGR/+CMGL header just seen; its PDU is the next line */
    int read_index, read_len;
    bool read_expect_pdu;

    uint64_t backoff_ms;
    uint64_t reopen_at;      /* uv_now() when the next open is due */
    uint64_t next_poll_at;
    bool pin_failed;         /* a PIN was refused: never try it again */
    unsigned opens;          /* opens since the modem was last ready: picks the prelude */
    struct resume resumes[MODEM_MAX_RESUMES];
    unsigned next_resume;    /* the slot a new one takes when none is free */
    struct smsjoin *join;
    /* SIM messages left there unused (unreadable, alphanumeric sender): by
     * index AND content, since an index freed by someone else (a person
     * deleting a notice) is reused for the next text, which must be read. */
    struct {
        int index;
        uint64_t hash;
    } ignored[MODEM_MAX_IGNORED];
    size_t nignored;
    bool inbound_failed;     /* host->inbound failed: re-read after a back-off */
    int64_t join_retry_at;   /* no joined text is offered before this (unix s) */
    bool fail_on_ok;         /* AT+CPIN? said the SIM is locked: init fails with why */
    struct mrent mrmap[256]; /* TP-MR -> the message, for status reports */
    char why[200];           /* the last reason for being unhealthy */
    int sim_used, sim_total; /* AT+CPMS?: the storage received texts go to */
    bool sim_full;
};

/* A speed the device can be set to (modem_device.c). */
struct modem_baud {
    int baud;
    speed_t speed;
};
extern const struct modem_baud modem_bauds[11];

/* Shared between the pieces; each is described where it is defined. */
/* modem.c */
void modem_set_status(struct modem *m);
bool modem_ignored(struct modem *m, int index, uint64_t hash);
void modem_ignore(struct modem *m, int index, uint64_t hash);
struct cmd *modem_cmd_new(enum ctype type, int index, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void modem_ctl_push(struct modem *m, struct cmd *c, bool front);
void modem_ctl_add_unique(struct modem *m, enum ctype type, int index, const char *text);
void modem_ctl_clear(struct modem *m);

/* modem_send.c */
void modem_fail_jobs(struct modem *m, const char *why);
void modem_send_result(struct modem *m, const struct at_event *e);
void modem_send_next_part(struct modem *m, struct job *j);
int modem_send(struct provider *p, const struct outmsg *msg, send_done_cb done, void *arg);

/* modem_device.c */
int modem_put(struct modem *m, const char *s, size_t n);
void modem_device_close(struct modem *m, const char *why);
void modem_try_open(struct modem *m);

/* modem_incoming.c */
void modem_join_check(struct modem *m);
void modem_on_stored(struct modem *m, int index, int tpdu_len, const char *hex, size_t hexlen);

/* modem_session.c */
void modem_arm_timer(struct modem *m);
void modem_line_free(struct modem *m);
void modem_cmd_done(struct modem *m);
void modem_error_text(const struct at_event *e, char *out, size_t outsz);
void modem_event_cb(void *arg, const struct at_event *e);
void modem_dispatch(struct modem *m);

#endif
