/* SPDX-License-Identifier: Apache-2.0 */
/* urlform.c: application/x-www-form-urlencoded decoding and encoding. */
#include "net/urlform.h"
#include "base/textconv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes s[0..len) into a new NUL-terminated string; *outlen its length. */
static char *decode(const char *s, size_t len, size_t *outlen)
{
    char *o = malloc(len + 1);
    size_t k = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int hi, lo;
        if (c == '+') {
            o[k++] = ' ';
        } else if (c == '%' && i + 2 < len && (hi = textconv_hexval((unsigned char)s[i + 1])) >= 0 &&
                   (lo = textconv_hexval((unsigned char)s[i + 2])) >= 0) {
            o[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            o[k++] = (char)c;
        }
    }
    o[k] = '\0';
    *outlen = k;
    return o;
}

void urlform_free(struct urlform *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].name);
        free(f->v[i].value);
    }
    free(f->v);
    f->v = NULL;
    f->n = 0;
}

int urlform_parse(const char *body, size_t len, size_t max_pairs, struct urlform *f)
{
    size_t cap = 0;
    f->v = NULL;
    f->n = 0;
    size_t i = 0;
    while (i < len) {
        const char *seg = body + i;
        const char *amp = memchr(seg, '&', len - i);
        size_t seglen = amp ? (size_t)(amp - seg) : len - i;
        i += seglen + 1;
        if (seglen == 0)
            continue;
        if (f->n == max_pairs)
            goto fail;
        if (f->n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct urlform_pair *nv = realloc(f->v, ncap * sizeof *nv);
            if (!nv)
                goto fail;
            f->v = nv;
            cap = ncap;
        }
        const char *eq = memchr(seg, '=', seglen);
        size_t nlen = eq ? (size_t)(eq - seg) : seglen;
        struct urlform_pair *p = &f->v[f->n];
        p->name = decode(seg, nlen, &p->name_len);
        p->value = eq ? decode(eq + 1, seglen - nlen - 1, &p->value_len) : decode("", 0, &p->value_len);
        if (!p->name || !p->value) {
            free(p->name);
            free(p->value);
            goto fail;
        }
        f->n++;
    }
    return 0;
fail:
    urlform_free(f);
    return -1;
}

const char *urlform_get(const struct urlform *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->v[i].name, name) == 0)
            return f->v[i].value;
    return NULL;
}

/* Byte-wise comparison of two counted strings (NULs inside count). */
static int bytecmp(const char *a, size_t al, const char *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    if (c)
        return c;
    return al < bl ? -1 : al > bl;
}

static int pair_cmp(const void *x, const void *y)
{
    const struct urlform_pair *a = x, *b = y;
    int c = bytecmp(a->name, a->name_len, b->name, b->name_len);
    return c ? c : bytecmp(a->value, a->value_len, b->value, b->value_len);
}

void urlform_sort(struct urlform *f)
{
    if (f->n > 1)
        qsort(f->v, f->n, sizeof *f->v, pair_cmp);
}

static int unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

/* Writes s encoded at buf+*off; returns -1 (nothing promised) if it does not fit. */
static int put_escaped(char *buf, size_t cap, size_t *off, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = *off;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (unreserved(*p)) {
            if (o + 1 >= cap)
                return -1;
            buf[o++] = (char)*p;
        } else {
            if (o + 3 >= cap)
                return -1;
            buf[o++] = '%';
            buf[o++] = hex[*p >> 4];
            buf[o++] = hex[*p & 15];
        }
    }
    *off = o;
    return 0;
}

int urlform_escape(char *buf, size_t cap, const char *s)
{
    size_t o = 0;
    if (cap == 0)
        return -1;
    if (put_escaped(buf, cap, &o, s) != 0) {
        buf[0] = '\0';
        return -1;
    }
    buf[o] = '\0';
    return 0;
}

int urlform_append(char *buf, size_t cap, size_t *off, const char *name, const char *value)
{
    size_t o = *off;
    if (cap == 0 || o >= cap)
        return -1;
    if (o > 0) {
        if (o + 1 >= cap)
            goto full;
        buf[o++] = '&';
    }
    if (put_escaped(buf, cap, &o, name) != 0 || o + 1 >= cap)
        goto full;
    buf[o++] = '=';
    if (put_escaped(buf, cap, &o, value) != 0)
        goto full;
    buf[o] = '\0';
    *off = o;
    return 0;
full:
    buf[*off] = '\0';
    return -1;
}
