/* SPDX-License-Identifier: Apache-2.0 */
/* at.h: pure, incremental parser of what a GSM modem writes on its serial
 * line (ITU-T V.250 framing; 3GPP TS 27.007 and 27.005 result codes).
 *
 * Bytes go in as they arrive, in any chunks; complete events come out
 * through a callback: final result codes (OK, ERROR, +CMS ERROR: <n>,
 * +CME ERROR: <n>, and V.250's NO CARRIER & co. as ERROR), the "> " prompt
 * of AT+CMGS (which has no line end), the unsolicited +CMTI / +CDSI
 * (a message stored at an index) and +CDS / +CMT (a PDU on the next line,
 * joined into one event), and every other non-empty line as an
 * intermediate line for the command in progress. No I/O, no allocation. */
#ifndef GW_AT_H
#define GW_AT_H

#include <stdbool.h>
#include <stddef.h>

#define AT_LINE_MAX 1024 /* longer lines are cut and reported as AT_TOO_LONG */

enum at_kind {
    AT_OK,
    AT_ERROR,      /* ERROR, NO CARRIER, BUSY, NO ANSWER, NO DIALTONE, COMMAND NOT SUPPORT */
    AT_CMS_ERROR,  /* code, or -1 with the text in line (verbose mode) */
    AT_CME_ERROR,
    AT_PROMPT,     /* "> ": send the PDU now */
    AT_CMTI,       /* +CMTI: <mem>,<index>: a message was stored */
    AT_CDSI,       /* +CDSI: <mem>,<index>: a status report was stored */
    AT_CDS,        /* +CDS: <length> and the PDU line */
    AT_CMT,        /* +CMT: [<alpha>],<length> and the PDU line */
    AT_LINE,       /* anything else: an intermediate line */
    AT_TOO_LONG,   /* a line longer than AT_LINE_MAX (its start is in line) */
};

struct at_event {
    enum at_kind kind;
    const char *line;   /* the line without CR/LF, NUL-terminated; borrowed for the callback */
    size_t len;
    int code;           /* CMS/CME error code, or -1 */
    char mem[8];        /* CMTI/CDSI storage ("SM", "ME", "SR") */
    int index;          /* CMTI/CDSI index */
    const char *pdu;    /* CDS/CMT: the PDU hex line */
    size_t pdu_len;
    int tpdu_len;       /* CDS/CMT: the <length> (octets without SMSC), or -1 */
};

typedef void (*at_event_cb)(void *arg, const struct at_event *e);

struct at_parser {
    char line[AT_LINE_MAX + 1];
    size_t len;
    bool overflow;            /* the current line is being cut */
    bool after_prompt;        /* a '>' was just seen: its space is not a line */
    enum at_kind want_pdu;    /* AT_CDS or AT_CMT when the next line is its PDU; else AT_LINE */
    int want_len;
    char head[AT_LINE_MAX + 1]; /* the +CDS/+CMT line awaiting its PDU */
};

void at_parser_init(struct at_parser *p);
/* Feeds n bytes; calls cb for each complete event, in order. */
void at_parser_feed(struct at_parser *p, const char *data, size_t n, at_event_cb cb, void *arg);

/* Meaning of a +CMS ERROR code (27.005 3.2.5, RP causes of 24.011 E.2
 * and TP-FCS of 23.040 9.2.3.22) or a +CME ERROR code (27.007 9.2).
 * Static strings; "unknown error" for codes not listed. */
const char *at_cms_text(int code);
const char *at_cme_text(int code);

/* Whether a +CMS ERROR from AT+CMGS means the message itself can never
 * go (unassigned number, barred, invalid PDU...) rather than "try again
 * later" (no network, SIM busy, congestion, unknown). */
bool at_cms_permanent(int code);

/* Parses the answer to AT+CPMS? (27.005 3.2.2):
 *   +CPMS: <mem1>,<used1>,<total1>[,<mem2>,<used2>,<total2>[,<mem3>,<used3>,<total3>]]
 * and gives the storage received messages go to (mem3, or mem1 when the
 * modem lists only one) with its counts. Returns 0, or -1 if the line is
 * not such an answer. */
int at_parse_cpms(const char *line, char mem[8], int *used, int *total);

#endif
