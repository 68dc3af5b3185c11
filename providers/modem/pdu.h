/* SPDX-License-Identifier: Apache-2.0 */
/* pdu.h: pure encoder and decoder of SMS TPDUs as a GSM modem exchanges
 * them in PDU mode (AT+CMGF=0), as hex text.
 *
 *   SMS-SUBMIT (3GPP TS 23.040 9.2.2.2), for AT+CMGS: GSM 7-bit default
 *   alphabet when every character has a GSM-7 code (extension table
 *   included), else UCS-2 (UTF-16BE, emoji as surrogate pairs). A text too
 *   long for one SMS (160 septets / 70 UCS-2 units) is split into parts of
 *   153 / 67 with a concatenation header (IEI 0x00, 8-bit reference), never
 *   splitting an escape sequence or a surrogate pair.
 *   SMS-DELIVER (9.2.2.1) and SMS-STATUS-REPORT (9.2.2.3), from +CMGR,
 *   +CMGL and +CDS: address, time stamp, DCS (23.038 4), the user data
 *   header's concatenation element (IEI 0x00 or 0x08), text as UTF-8.
 *
 * No I/O, no clock, no allocation. */
#ifndef GW_PDU_H
#define GW_PDU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/sms.h"

/* SMS_MAX_PARTS, enum sms_coding, struct sms_size and sms_measure (what a
 * text costs, split as this encoder splits it) are in base/sms.h. */
#define SMS_ADDR_MAX     24   /* '+', up to 20 digits or 11 alphanumeric characters as UTF-8 */
#define SMS_TEXT_MAX     512  /* one part's text as UTF-8, with the NUL */
/* One SMS-SUBMIT as hex, with the leading "00" (use the SIM's SMSC), and the NUL. */
#define SMS_SUBMIT_HEX_MAX (2 * (1 + 1 + 1 + 12 + 1 + 1 + 1 + 1 + 140) + 1)

struct sms_submit {
    enum sms_coding coding;
    int nparts;
    struct {
        char hex[SMS_SUBMIT_HEX_MAX]; /* "00" + the TPDU */
        int tpdu_len;                 /* octets after the SMSC octet: AT+CMGS=<this> */
    } part[SMS_MAX_PARTS];
};

/* Encodes utf8 to E.164 number `to` as one SMS-SUBMIT per part (validity
 * 24 h, status report requested if srr). ref is the concatenation
 * reference (only its low 8 bits are used). Invalid UTF-8 bytes are sent as
 * '?'. Returns 0, or -1 with err filled (a number that is not E.164, an
 * empty text, a text over SMS_MAX_PARTS parts). */
int pdu_encode_submit(const char *to, const char *utf8, unsigned ref, bool srr,
                      struct sms_submit *out, char *err, size_t errlen);

enum sms_type { SMS_TYPE_DELIVER, SMS_TYPE_STATUS_REPORT };

struct sms_pdu {
    enum sms_type type;
    char smsc[SMS_ADDR_MAX];   /* "" when the PDU carried none */
    /* DELIVER: the sender (TP-OA); STATUS-REPORT: the recipient (TP-RA).
     * "+<digits>" for an international number, "<digits>" for another
     * numeric one, the text for an alphanumeric sender (addr_alpha). */
    char addr[SMS_ADDR_MAX];
    bool addr_international;
    bool addr_alpha;
    int64_t scts;              /* service centre time stamp, unix seconds; 0 if unreadable */
    enum sms_coding coding;
    bool concat;               /* part of a concatenated message */
    unsigned concat_ref;       /* 8- or 16-bit reference */
    unsigned concat_total, concat_seq; /* 1 <= seq <= total */
    char text[SMS_TEXT_MAX];   /* UTF-8, NUL-terminated; may hold NUL ('@' is not one) */
    size_t text_len;
    /* STATUS-REPORT only */
    unsigned mr;               /* the TP-MR of the message it reports on */
    unsigned status;           /* TP-ST */
    int64_t discharge;         /* TP-DT, unix seconds */
};

/* Decodes a PDU given as hex (hexlen characters, need not be
 * NUL-terminated). tpdu_len is the <length> from +CMGR/+CMGL/+CDS: the
 * TPDU's octets without the SMSC part, or -1 if unknown; when the hex is
 * exactly that long the PDU carries no SMSC octets, otherwise it starts
 * with them (27.005 3.1). Returns 0, or -1 with a one-line reason in err
 * (odd or non-hex characters, a truncated field, an SMS-SUBMIT or other
 * type, compressed text). */
int pdu_decode(const char *hex, size_t hexlen, int tpdu_len, struct sms_pdu *out, char *err,
               size_t errlen);

/* TP-ST classes (23.040 9.2.3.15). */
enum sms_st_class {
    SMS_ST_DELIVERED,  /* 0x00: received by the recipient */
    SMS_ST_FORWARDED,  /* 0x01-0x02: passed on, delivery not confirmed */
    SMS_ST_PENDING,    /* 0x20-0x3F and reserved values: the SC is still trying */
    SMS_ST_FAILED,     /* 0x40-0x7F: permanent error, or the SC gave up */
};
enum sms_st_class sms_status_class(unsigned st);
/* What a TP-ST value means (23.040 9.2.3.15), for logs and last_error:
 * "delivered", "congestion (the SC keeps trying)", "incompatible
 * destination (permanent)"... Static strings; reserved and SC-specific
 * values are named by their class. */
const char *sms_status_text(unsigned st);

/* Parses the time stamp semi-octets at p (7 octets): unix seconds, or 0. */
int64_t pdu_timestamp(const uint8_t *p);

#endif
