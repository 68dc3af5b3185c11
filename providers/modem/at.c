/* SPDX-License-Identifier: Apache-2.0 */
/* at.c: incremental AT response parser and error texts. Pure: see at.h. */
#include "modem/at.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void at_parser_init(struct at_parser *p)
{
    memset(p, 0, sizeof *p);
    p->want_pdu = AT_LINE;
    p->want_len = -1;
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A decimal number after optional blanks; -1 if none. */
static int number(const char *s)
{
    char *end;
    long v;
    while (*s == ' ')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    v = strtol(s, &end, 10);
    return v > 1000000 ? -1 : (int)v;
}

/* +CMTI: "SM",3  ->  mem "SM", index 3. Returns 0 or -1. */
static int mem_index(const char *s, struct at_event *e)
{
    size_t o = 0;
    const char *comma;
    while (*s == ' ')
        s++;
    if (*s == '"')
        s++;
    while (*s && *s != '"' && *s != ',' && o + 1 < sizeof e->mem)
        e->mem[o++] = *s++;
    e->mem[o] = '\0';
    comma = strchr(s, ',');
    if (comma == NULL)
        return -1;
    e->index = number(comma + 1);
    return e->index < 0 ? -1 : 0;
}

static void emit_line(struct at_parser *p, at_event_cb cb, void *arg)
{
    struct at_event e;
    char *l = p->line;

    memset(&e, 0, sizeof e);
    e.code = -1;
    e.index = -1;
    e.tpdu_len = -1;
    l[p->len] = '\0';
    e.line = l;
    e.len = p->len;

    if (p->overflow) {
        e.kind = AT_TOO_LONG;
        p->want_pdu = AT_LINE;
        cb(arg, &e);
        return;
    }
    if (p->want_pdu != AT_LINE) {
        /* The line after +CDS/+CMT is its PDU. */
        e.kind = p->want_pdu;
        e.line = p->head;
        e.len = strlen(p->head);
        e.pdu = l;
        e.pdu_len = p->len;
        e.tpdu_len = p->want_len;
        p->want_pdu = AT_LINE;
        cb(arg, &e);
        return;
    }
    if (strcmp(l, "OK") == 0 || strcmp(l, "0") == 0) {
        e.kind = AT_OK;
    } else if (strcmp(l, "ERROR") == 0 || strcmp(l, "NO CARRIER") == 0 || strcmp(l, "BUSY") == 0 ||
               strcmp(l, "NO ANSWER") == 0 || strcmp(l, "NO DIALTONE") == 0 ||
               strcmp(l, "COMMAND NOT SUPPORT") == 0 || strcmp(l, "4") == 0) {
        e.kind = AT_ERROR;
    } else if (starts(l, "+CMS ERROR:")) {
        e.kind = AT_CMS_ERROR;
        e.code = number(l + 11);
    } else if (starts(l, "+CME ERROR:")) {
        e.kind = AT_CME_ERROR;
        e.code = number(l + 11);
    } else if (starts(l, "+CMTI:") && mem_index(l + 6, &e) == 0) {
        e.kind = AT_CMTI;
    } else if (starts(l, "+CDSI:") && mem_index(l + 6, &e) == 0) {
        e.kind = AT_CDSI;
    } else if (starts(l, "+CDS:") || starts(l, "+CMT:")) {
        /* The length is the last field: +CDS: <length> / +CMT: [<alpha>],<length>. */
        const char *c = strrchr(l, ',');
        p->want_len = number(c ? c + 1 : l + 5);
        p->want_pdu = l[2] == 'D' ? AT_CDS : AT_CMT;
        memcpy(p->head, l, p->len + 1);
        return;
    } else {
        e.kind = AT_LINE;
    }
    cb(arg, &e);
}

void at_parser_feed(struct at_parser *p, const char *data, size_t n, at_event_cb cb, void *arg)
{
    for (size_t i = 0; i < n; i++) {
        char c = data[i];
        if (c == '\r' || c == '\n') {
            if (p->len > 0 || p->overflow)
                emit_line(p, cb, arg);
            p->len = 0;
            p->overflow = false;
            continue;
        }
        /* The AT+CMGS prompt is "> " with no line end; nothing else a
         * modem writes starts a line with '>'. */
        if (p->len == 0 && c == '>' && p->want_pdu == AT_LINE) {
            struct at_event e;
            memset(&e, 0, sizeof e);
            e.kind = AT_PROMPT;
            e.line = ">";
            e.len = 1;
            e.code = e.index = e.tpdu_len = -1;
            p->after_prompt = true;
            cb(arg, &e);
            continue;
        }
        if (p->after_prompt) {
            p->after_prompt = false;
            if (c == ' ')
                continue; /* the space of "> ", maybe in the next chunk */
        }
        if (c == '\0')
            continue;
        if (p->len < AT_LINE_MAX)
            p->line[p->len++] = c;
        else
            p->overflow = true;
    }
}

/* ---- error texts ------------------------------------------------------- */

struct code_text {
    int code;
    const char *text;
};

static const char *lookup(const struct code_text *t, size_t n, int code)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].code == code)
            return t[i].text;
    return NULL;
}

/* 27.005 3.2.5; 0-127 are 24.011 Annex E-2 RP causes, 128-255 23.040
 * 9.2.3.22 TP-FCS values. */
static const struct code_text cms[] = {
    {1, "unassigned (unallocated) number"},
    {8, "operator determined barring"},
    {10, "call barred"},
    {17, "network failure"},
    {21, "short message transfer rejected"},
    {22, "memory capacity exceeded"},
    {27, "destination out of service"},
    {28, "unidentified subscriber"},
    {29, "facility rejected"},
    {30, "unknown subscriber"},
    {38, "network out of order"},
    {41, "temporary failure"},
    {42, "congestion"},
    {47, "resources unavailable, unspecified"},
    {50, "requested facility not subscribed"},
    {69, "requested facility not implemented"},
    {81, "invalid short message transfer reference value"},
    {95, "invalid message, unspecified"},
    {96, "invalid mandatory information"},
    {97, "message type non-existent or not implemented"},
    {98, "message not compatible with short message protocol state"},
    {99, "information element non-existent or not implemented"},
    {111, "protocol error, unspecified"},
    {127, "interworking, unspecified"},
    {128, "telematic interworking not supported"},
    {129, "short message type 0 not supported"},
    {130, "cannot replace short message"},
    {143, "unspecified TP-PID error"},
    {144, "data coding scheme (alphabet) not supported"},
    {145, "message class not supported"},
    {159, "unspecified TP-DCS error"},
    {160, "command cannot be actioned"},
    {161, "command unsupported"},
    {175, "unspecified TP-Command error"},
    {176, "TPDU not supported"},
    {192, "SC busy"},
    {193, "no SC subscription"},
    {194, "SC system failure"},
    {195, "invalid SME address"},
    {196, "destination SME barred"},
    {197, "SM rejected, duplicate SM"},
    {198, "TP-VPF not supported"},
    {199, "TP-VP not supported"},
    {208, "(U)SIM SMS storage full"},
    {209, "no SMS storage capability in (U)SIM"},
    {210, "error in MS"},
    {211, "memory capacity exceeded"},
    {212, "(U)SIM application toolkit busy"},
    {213, "(U)SIM data download error"},
    {255, "unspecified error cause"},
    {300, "ME failure"},
    {301, "SMS service of ME reserved"},
    {302, "operation not allowed"},
    {303, "operation not supported"},
    {304, "invalid PDU mode parameter"},
    {305, "invalid text mode parameter"},
    {310, "(U)SIM not inserted"},
    {311, "(U)SIM PIN required"},
    {312, "PH-(U)SIM PIN required"},
    {313, "(U)SIM failure"},
    {314, "(U)SIM busy"},
    {315, "(U)SIM wrong"},
    {316, "(U)SIM PUK required"},
    {317, "(U)SIM PIN2 required"},
    {318, "(U)SIM PUK2 required"},
    {320, "memory failure"},
    {321, "invalid memory index"},
    {322, "memory full"},
    {330, "SMSC address unknown"},
    {331, "no network service"},
    {332, "network timeout"},
    {340, "no +CNMA acknowledgement expected"},
    {500, "unknown error"},
};

/* 27.007 9.2.1 (general) and 9.2.2 (GPRS), the ones a modem used for SMS meets. */
static const struct code_text cme[] = {
    {0, "phone failure"},
    {1, "no connection to phone"},
    {2, "phone-adaptor link reserved"},
    {3, "operation not allowed"},
    {4, "operation not supported"},
    {5, "PH-SIM PIN required"},
    {6, "PH-FSIM PIN required"},
    {7, "PH-FSIM PUK required"},
    {10, "SIM not inserted"},
    {11, "SIM PIN required"},
    {12, "SIM PUK required"},
    {13, "SIM failure"},
    {14, "SIM busy"},
    {15, "SIM wrong"},
    {16, "incorrect password"},
    {17, "SIM PIN2 required"},
    {18, "SIM PUK2 required"},
    {20, "memory full"},
    {21, "invalid index"},
    {22, "not found"},
    {23, "memory failure"},
    {24, "text string too long"},
    {25, "invalid characters in text string"},
    {26, "dial string too long"},
    {27, "invalid characters in dial string"},
    {30, "no network service"},
    {31, "network timeout"},
    {32, "network not allowed - emergency calls only"},
    {40, "network personalization PIN required"},
    {41, "network personalization PUK required"},
    {100, "unknown"},
};

const char *at_cms_text(int code)
{
    const char *t = lookup(cms, sizeof cms / sizeof cms[0], code);
    if (t != NULL)
        return t;
    if (code >= 0 && code <= 127)
        return "network (RP) cause, unspecified";
    if (code >= 128 && code <= 255)
        return "SMS centre (TP) error, unspecified";
    if (code >= 512)
        return "manufacturer-specific error";
    return "unknown error";
}

const char *at_cme_text(int code)
{
    const char *t = lookup(cme, sizeof cme / sizeof cme[0], code);
    return t != NULL ? t : "unknown error";
}

int at_parse_cpms(const char *line, char mem[8], int *used, int *total)
{
    char f[9][16];
    int n = 0;
    const char *p = line;

    if (strncmp(p, "+CPMS:", 6) != 0)
        return -1;
    p += 6;
    while (n < 9) {
        size_t k = 0;
        while (*p == ' ' || *p == '"')
            p++;
        while (*p && *p != ',' && k + 1 < sizeof f[0])
            if (*p != '"' && *p != ' ')
                f[n][k++] = *p++;
            else
                p++;
        f[n++][k] = '\0';
        if (*p != ',')
            break;
        p++;
    }
    if (n != 3 && n != 6 && n != 9)
        return -1;
    int t = n == 9 ? 6 : 0; /* mem3, or mem1 */
    for (int i = t + 1; i <= t + 2; i++) {
        if (f[i][0] == '\0' || strlen(f[i]) > 6)
            return -1;
        for (const char *c = f[i]; *c; c++)
            if (*c < '0' || *c > '9')
                return -1;
    }
    snprintf(mem, 8, "%s", f[t]);
    *used = atoi(f[t + 1]);
    *total = atoi(f[t + 2]);
    return 0;
}

bool at_cms_permanent(int code)
{
    switch (code) {
    case 1:   /* unassigned number */
    case 10:  /* call barred */
    case 21:  /* transfer rejected */
    case 28:  /* unidentified subscriber */
    case 29:  /* facility rejected */
    case 30:  /* unknown subscriber */
    case 50:  /* not subscribed */
    case 96:  /* invalid mandatory information */
    case 304: /* invalid PDU mode parameter */
    case 305:
        return true;
    default:
        /* TP-FCS: PID/DCS/command errors and a barred or invalid address
         * are about the message; SC busy, failures and storage are not. */
        if (code >= 128 && code <= 191)
            return true;
        return code == 195 || code == 196 || code == 197;
    }
}
