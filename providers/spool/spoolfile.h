/* SPDX-License-Identifier: Apache-2.0 */
/* spoolfile.h: pure parser and formatter for smstools3 spool files.
 *
 * No I/O, no clock, no allocation: bytes in, plain data out, so it can be
 * unit-tested and fuzzed. providers/spool/spool.c does the file handling.
 *
 * The format (smstools3 doc/fileformat.html): header lines "Name: value",
 * one empty line, then the text up to the end of the file (smsd writes no
 * newline after it). Incoming files carry From, Received, Alphabet and more;
 * a status report is an incoming file whose text starts "SMS STATUS REPORT".
 * Outgoing files need To (international digits, no '+'). After sending,
 * smsd moves an outgoing file to sent/ (adding Sent, Modem and, when a
 * report was asked for, Message_id) or to failed/ (adding Failed and
 * Fail_reason); with its default keep_filename = yes the name stays ours. */
#ifndef GW_SPOOLFILE_H
#define GW_SPOOLFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SPOOL_FROM_MAX    24   /* '+', up to 20 digits, NUL */
#define SPOOL_HEADER_MAX  1024 /* longest header line accepted, in bytes */
#define SPOOL_ERROR_MAX   160

/* The Alphabet header. smsd checks the first three characters only, so
 * "ISO-8859-15" is ISO and "UCS-2" is UCS2; we do the same. */
enum spool_alphabet {
    SPOOL_ALPHA_NONE = 0, /* no Alphabet header */
    SPOOL_ALPHA_UTF8,     /* "UTF-8" */
    SPOOL_ALPHA_ISO,      /* "ISO", "Latin", "Ansi": ISO-8859-15 */
    SPOOL_ALPHA_GSM,      /* "GSM": raw GSM 03.38 codes (smsd with cs_convert = no) */
    SPOOL_ALPHA_UCS2,     /* "UCS2", "UCS", "Unicode", "Chinese": raw UTF-16BE */
    SPOOL_ALPHA_BINARY,   /* "binary": 8-bit data, no text */
    SPOOL_ALPHA_UNKNOWN,  /* anything else ("reserved"...) */
};

/* A parsed incoming file. Pointers point into the caller's buffer. */
struct spool_in {
    char from[SPOOL_FROM_MAX];    /* From as written: digits, maybe a leading '+' */
    bool has_received;            /* Received parsed into `received` */
    bool received_bad;            /* a Received header was there but unreadable */
    struct tm received;           /* local time of the box, tm_isdst = -1; for mktime */
    enum spool_alphabet alphabet;
    bool is_status_report;        /* text starts "SMS STATUS REPORT" */
    bool incomplete;              /* "Incomplete: yes": smsd gave up waiting for parts */
    /* From UDH-DATA when smsd did not join a long message (internal_combine
     * = no): part concat_seq of concat_total, reference concat_ref. All 0
     * for a whole message. */
    int concat_ref, concat_total, concat_seq;
    const char *body;             /* raw text bytes, as in the file */
    size_t body_len;
};

/* Parses an incoming file's bytes (buf, len; need not be NUL-terminated).
 * Returns 0 and fills *out; or -1 with a one-line reason in err (no number
 * or text of the message in it): no blank line after the headers, a header
 * line without ':' or too long or with a NUL byte, no From, a duplicate
 * From, From not digits, a national or alphanumeric sender (From_TOA), an
 * Error header (smsd could not decode the message), a binary message, a
 * UCS2 text of odd length. A status report parses (is_status_report set). */
int spoolfile_parse(const char *buf, size_t len, struct spool_in *out, char *err,
                    size_t errlen);

/* The worst-case UTF-8 size of a body of n raw bytes, without the NUL. */
static inline size_t spoolfile_utf8_max(size_t n) { return n * 3; }

/* Converts in's body to UTF-8 into out (outsz bytes; at least
 * spoolfile_utf8_max(in->body_len) + 1 is always enough) and NUL-terminates
 * it; *outlen gets the length without the NUL (the text may itself hold NUL
 * bytes from UCS2 or GSM '@': use the length).
 *   UTF-8: copied as is (invalid bytes stay as given).
 *   none / unknown: as is if valid UTF-8, else read as ISO-8859-15.
 *   ISO: ISO-8859-15 (0xA4 is the euro sign).
 *   GSM: GSM 03.38 default alphabet and its 0x1B extension table.
 *   UCS2: UTF-16BE; surrogate pairs joined, a lone surrogate becomes U+FFFD.
 * Returns 0, or -1 (err filled) if out is too small or the alphabet is binary. */
int spoolfile_body_utf8(const struct spool_in *in, char *out, size_t outsz, size_t *outlen,
                        char *err, size_t errlen);

/* What smsd says happened to an outgoing file: one in sent/ or failed/. */
struct spool_result {
    char to[SPOOL_FROM_MAX];      /* To, digits only */
    char original_name[128];      /* Original_filename (keep_filename = no), or "" */
    int message_id;               /* the SMSC's reference (0-255), -1 without a report */
    bool failed;                  /* a Failed or Fail_reason header */
    char fail_reason[SPOOL_ERROR_MAX]; /* "+CMS ERROR: 38 (Network out of order)", control bytes as '?' */
};

/* Parses the headers of a sent/ or failed/ file (the text is not needed).
 * Returns 0, or -1 with a reason (no blank line, a malformed header, no To). */
int spoolfile_parse_result(const char *buf, size_t len, struct spool_result *out, char *err,
                           size_t errlen);

/* The text of a status report (spool_in.body when is_status_report):
 *   SMS STATUS REPORT\nMessage_id: 117\nDischarge_timestamp: ...\n
 *   Status: 0,Ok,short message received by the SME */
struct spool_report {
    int message_id;               /* the Message_id of the sent file it is about */
    int status;                   /* TP-Status, 0-255 */
    char status_text[SPOOL_ERROR_MAX]; /* the whole Status value, control bytes as '?' */
};
int spoolfile_parse_report(const char *body, size_t len, struct spool_report *out, char *err,
                           size_t errlen);

/* TP-Status (3GPP TS 23.040 9.2.3.15) -> what it means for us: 0-31 the
 * message was delivered, 32-63 the SMSC is still trying, anything else it
 * gave up (permanent error, or temporary and no longer trying). */
enum spool_report_state {
    SPOOL_REPORT_DELIVERED,
    SPOOL_REPORT_PENDING,
    SPOOL_REPORT_FAILED,
};
enum spool_report_state spoolfile_report_state(int status);

/* One outgoing message. */
struct spool_out {
    const char *to;     /* E.164: '+' and 7 to 15 digits */
    const char *body;   /* UTF-8; NULL is "" */
    bool urgent;        /* Priority: High */
    bool report;        /* Report: yes (smsd then writes Message_id into the sent file) */
    bool ucs2;          /* Alphabet: UCS2 with a UTF-16BE text (for smsd < 3.1.16,
                         * which has no UTF-8); else Alphabet: UTF-8 */
};

/* The worst-case size of the text of m in the file: 2 bytes of UTF-16 per
 * byte of UTF-8 at most. */
static inline size_t spoolfile_body_max(size_t utf8_len) { return utf8_len * 2; }

/* Writes an outgoing file for smsd into out (outsz bytes):
 *   To: <to without '+'>\nAlphabet: UTF-8|UCS2\n[Priority: High\n][Report: yes\n]\n<text>
 * with no newline after the text (smsd would send it as part of the SMS).
 * Invalid UTF-8 in a UCS2 text becomes U+FFFD. Returns the length written
 * (out is NUL-terminated; a UCS2 text holds NUL bytes: use the length), or
 * -1 (err filled) for a bad number or a buffer too small. */
long spoolfile_format(const struct spool_out *m, char *out, size_t outsz, char *err,
                      size_t errlen);

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool spoolfile_utf8_valid(const char *s, size_t n);

/* FNV-1a 64-bit hash of n bytes (base/hash.h): with the file name it makes
 * a stable, content-bound id for de-duplication. */
unsigned long long spoolfile_fnv1a64(const void *data, size_t n);

#endif
