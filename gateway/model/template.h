/* SPDX-License-Identifier: Apache-2.0 */
/* template.h: pure rendering of message templates with {placeholders}. */
#ifndef GW_TEMPLATE_H
#define GW_TEMPLATE_H

#include <stddef.h>

#include "base/sms.h"

/* The placeholders a template may use; values are borrowed, NULL renders "". */
struct tpl_vars {
    const char *program;    /* {program} */
    const char *contact;    /* {contact} */
    const char *alias;      /* {alias}   the client's alias */
    const char *phone;      /* {phone}   the client's number */
    const char *score;      /* {score} */
    const char *scale_min;  /* {scale_min} */
    const char *scale_max;  /* {scale_max} */
    const char *escalation; /* {escalation} its number */
    const char *severity;   /* {severity} */
    const char *why;        /* {why}      the escalation's reason: "crisis language (means)" */
    const char *excerpt;    /* {excerpt}  a short excerpt of the reply (the newest) */
    const char *count;      /* {count}    messages merged into the escalation */
    /* Texts to specialists: */
    const char *by;         /* {by}    who took an escalation */
    const char *how;        /* {how}   how: ACK, RESOLVE */
    const char *state;      /* {state} open, acked, resolved */
    const char *step;       /* {step}  the re-alert's number */
    const char *list;       /* {list}  STATUS's escalations, the digest's findings */
    const char *frequency;  /* {frequency} how often check-ins come, in words */
    const char *peer;       /* {peer} the client's peer specialist's name (scheduled texts) */
    /* Conversations (texts to specialists): */
    const char *text;       /* {text}   what the client wrote, whole */
    const char *ref;        /* {ref}    the conversation: "alex #17", or "alex" (TEXT) */
    const char *target;     /* {target} how to name it in a command: "17", or "alex" */
    /* Working hours (the automatic answer outside them): */
    const char *back;       /* {back} when the peer is back: "Mon 09:00" */
};

/* Renders tpl into out (always NUL-terminated). "{{" is a literal "{".
 * Returns the length rendered, or -1 if out was too small (out holds the
 * truncated text) or tpl has an unknown placeholder. */
int template_render(const char *tpl, const struct tpl_vars *v, char *out, size_t outsz);

/* Returns 0 if every placeholder in tpl is known, else -1 with the first
 * unknown one (without braces) in bad. */
int template_check(const char *tpl, char *bad, size_t badsz);

/* sms_segments (how many SMS segments a text takes) is in base/sms.h. */

#endif
