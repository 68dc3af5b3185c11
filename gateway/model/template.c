/* SPDX-License-Identifier: Apache-2.0 */
/* template.c: pure rendering of message templates with {placeholders}.
 *
 * The syntax is deliberately tiny: "{name}" is replaced by a value, "{{" is
 * a literal '{', and everything else (including '}') is copied as is. An
 * unknown or unterminated placeholder is an error, never passed through,
 * so a typo in etc/checkin.conf is caught by the config check instead of
 * reaching a person as "{scroe}". */
#include <stddef.h>
#include <string.h>

#include "model/template.h"
#include "base/utf8.h"


struct tpl_field {
    const char *name;
    size_t offset; /* of the const char * in struct tpl_vars */
};

static const struct tpl_field fields[] = {
    { "program",    offsetof(struct tpl_vars, program) },
    { "contact",    offsetof(struct tpl_vars, contact) },
    { "alias",      offsetof(struct tpl_vars, alias) },
    { "phone",      offsetof(struct tpl_vars, phone) },
    { "score",      offsetof(struct tpl_vars, score) },
    { "scale_min",  offsetof(struct tpl_vars, scale_min) },
    { "scale_max",  offsetof(struct tpl_vars, scale_max) },
    { "escalation", offsetof(struct tpl_vars, escalation) },
    { "severity",   offsetof(struct tpl_vars, severity) },
    { "why",        offsetof(struct tpl_vars, why) },
    { "excerpt",    offsetof(struct tpl_vars, excerpt) },
    { "count",      offsetof(struct tpl_vars, count) },
    { "by",         offsetof(struct tpl_vars, by) },
    { "how",        offsetof(struct tpl_vars, how) },
    { "state",      offsetof(struct tpl_vars, state) },
    { "step",       offsetof(struct tpl_vars, step) },
    { "list",       offsetof(struct tpl_vars, list) },
    { "frequency",  offsetof(struct tpl_vars, frequency) },
    { "peer",       offsetof(struct tpl_vars, peer) },
    { "text",       offsetof(struct tpl_vars, text) },
    { "ref",        offsetof(struct tpl_vars, ref) },
    { "target",     offsetof(struct tpl_vars, target) },
    { "back",       offsetof(struct tpl_vars, back) },
};

/* The field called name[0..len), or NULL. */
static const struct tpl_field *field_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strlen(fields[i].name) == len && memcmp(fields[i].name, name, len) == 0)
            return &fields[i];
    return NULL;
}

/* Output cursor: out may be NULL (checking only). */
struct sink {
    char *out;
    size_t size, len;
    int full;
};

/* Appends n bytes, or as many as fit (keeping room for the NUL) and marks
 * the sink full. */
static void sink_put(struct sink *k, const char *s, size_t n)
{
    if (k->out == NULL || k->full)
        return;
    if (k->len + n >= k->size) {
        n = k->size - 1 - k->len;
        k->full = 1;
    }
    memcpy(k->out + k->len, s, n);
    k->len += n;
}

/* A cut may land inside a UTF-8 sequence; drop the incomplete tail so the
 * truncated text is still valid UTF-8. */
static void trim_partial_utf8(char *s, size_t *len)
{
    size_t i = *len, back = 0;
    while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    if (i == 0)
        return;
    int need = utf8_lead((unsigned char)s[i - 1], NULL);
    if (need == 0)
        return; /* ends on ASCII (any continuation bytes before it were stray) */
    if (need < 0)
        return; /* not UTF-8 anyway: leave it */
    if (back < (size_t)need)
        *len = i - 1;
}

/* The one scanner behind render and check. Returns 0, or -1 at the first
 * unknown/unterminated placeholder (its name, truncated to fit, goes to bad
 * if bad is not NULL). Fills k if k->out is set. */
static int scan(const char *tpl, const struct tpl_vars *v, struct sink *k, char *bad,
                size_t badsz)
{
    const char *p = tpl;

    while (*p != '\0') {
        const char *brace = strchr(p, '{');
        if (brace == NULL) {
            sink_put(k, p, strlen(p));
            break;
        }
        sink_put(k, p, (size_t)(brace - p));
        if (brace[1] == '{') {
            sink_put(k, "{", 1);
            p = brace + 2;
            continue;
        }
        const char *name = brace + 1;
        const char *close = strchr(name, '}');
        size_t len = close != NULL ? (size_t)(close - name) : strlen(name);
        const struct tpl_field *f = close != NULL ? field_find(name, len) : NULL;
        if (f == NULL) {
            if (bad != NULL && badsz > 0) {
                size_t n = len < badsz - 1 ? len : badsz - 1;
                memcpy(bad, name, n);
                bad[n] = '\0';
            }
            return -1;
        }
        if (v != NULL) {
            const char *val = *(const char *const *)((const char *)v + f->offset);
            if (val != NULL)
                sink_put(k, val, strlen(val));
        }
        p = close + 1;
    }
    return 0;
}

int template_render(const char *tpl, const struct tpl_vars *v, char *out, size_t outsz)
{
    struct sink k = { out, outsz, 0, 0 };
    int rc;

    if (out == NULL || outsz == 0)
        return -1;
    out[0] = '\0';
    if (tpl == NULL)
        return -1;
    rc = scan(tpl, v, &k, NULL, 0);
    if (k.full)
        trim_partial_utf8(out, &k.len);
    out[k.len] = '\0';
    if (rc != 0 || k.full)
        return -1;
    return k.len > (size_t)0x7fffffff ? -1 : (int)k.len;
}

int template_check(const char *tpl, char *bad, size_t badsz)
{
    struct sink k = { NULL, 0, 0, 0 };

    if (bad != NULL && badsz > 0)
        bad[0] = '\0';
    if (tpl == NULL)
        return -1;
    return scan(tpl, NULL, &k, bad, badsz);
}
