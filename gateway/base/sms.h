/* SPDX-License-Identifier: Apache-2.0 */
/* sms.h: what a text costs as SMS, one set of rules for the whole gateway:
 * GSM 03.38 7-bit when every character has a code (extension table
 * included, its characters taking two septets), else UCS-2 (UTF-16 units,
 * emoji as surrogate pairs); 160 septets / 70 units in one SMS, 153 / 67 a
 * part when split, never between an escape and its character nor between
 * the halves of a surrogate pair. The modem's PDU encoder
 * (providers/modem/pdu.c) splits with these, so a count is what goes out.
 * Also the two values a provider hands up to the gateway, one received
 * message (struct inmsg) and what a delivery report says (enum dlr_state):
 * the providers read them from their peers, the core (core/inbound.c,
 * core/delivery.c) records them, and this is the layer below both.
 * Pure: no I/O, no allocation. */
#ifndef GW_SMS_H
#define GW_SMS_H

#include <stddef.h>
#include <stdint.h>

#define SMS_MAX_PARTS 10 /* a longer text is refused (1530 GSM-7 characters) */
/* Units measured in full; a longer text is counted, not split. */
#define SMS_UNITS_MAX (SMS_MAX_PARTS * 160 + 2)

enum sms_coding {
    SMS_GSM7 = 0, /* GSM 7-bit default alphabet */
    SMS_8BIT = 1, /* 8-bit data: shown as ISO-8859-1 */
    SMS_UCS2 = 2, /* UTF-16BE */
};

/* One received message, as a provider hands it up (the strings borrowed). */
struct inmsg {
    const char *ext_id; /* the provider's id for de-duplication; unique per provider */
    const char *from;   /* E.164 */
    const char *to;     /* our number, E.164 or "" */
    const char *body;   /* UTF-8 (invalid bytes are stored as given) */
    size_t body_len;
    int64_t received_at; /* unix seconds; 0 = now */
};

/* What a delivery report says happened to a message we sent. */
enum dlr_state {
    DLR_SENT,      /* accepted onward by the carrier/SMSC (not yet on the phone) */
    DLR_DELIVERED, /* on the handset */
    DLR_FAILED,    /* undelivered or rejected; error says why */
};
/* "sent", "delivered", "failed": the name the store and the log use. */
const char *dlr_state_name(enum dlr_state s);

/* Units in one SMS, and in each part of a split one, by coding. */
extern const size_t sms_single_units[3];
extern const size_t sms_part_units[3];

/* What a text costs: its coding, its length in that coding's units
 * (septets, escapes counting two; or UTF-16 units) and its parts. */
struct sms_size {
    enum sms_coding coding;
    size_t units;
    int parts;
};

/* Measures a UTF-8 text (invalid bytes count as '?', as they are sent). */
void sms_measure(const char *utf8, struct sms_size *out);

/* How many SMS segments text (UTF-8) takes, as sms_measure counts them,
 * but broken UTF-8 counted as UCS-2 (another provider may send it so).
 * *ucs2 (may be NULL) says which coding. */
int sms_segments(const char *text, int *ucs2);

/* The coding a UTF-8 text is sent in: GSM-7 if every character has a code. */
enum sms_coding sms_coding_of(const char *utf8);
/* The text as units of coding c into u (cap entries): septets for GSM-7,
 * UTF-16 units for UCS-2. Returns the count (may exceed cap: then only cap
 * were written). */
size_t sms_units(const char *utf8, enum sms_coding c, uint16_t *u, size_t cap);
/* Where the part of u[0..n) starting at unit `from` ends (exclusive),
 * taking at most `max` units and never ending between an ESC and its
 * character or between the halves of a surrogate pair. */
size_t sms_part_end(const uint16_t *u, size_t n, size_t from, size_t max, enum sms_coding c);

#endif
