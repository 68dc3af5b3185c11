/* SPDX-License-Identifier: Apache-2.0 */
/* consent.c: pure consent helpers (see consent.h). */
#include "model/consent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Plain yeses, after case folding and accent stripping. */
static const char *const yes_words[] = {
    "yes", "y", "yeah", "yep", "yup", "ya", "yes please", "ok", "okay", "sure", "agree",
    "i agree", "yes i agree", "confirm", "i confirm", "start",
    "si", "s", "claro", "vale", "de acuerdo", "acepto", "si acepto", "si por favor", "confirmo",
};

bool consent_is_yes(const char *text, size_t len)
{
    utf8proc_uint8_t *norm = NULL;
    char buf[64];
    size_t o = 0;
    bool space = false, yes = false;
    if (!text || len == 0 || len > 200)
        return false;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &norm,
                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE |
                                          UTF8PROC_STABLE);
    if (n < 0)
        return false;
    /* Letters kept, runs of spaces and punctuation become one space: "Yes!!",
     * " yes. ", "yes, please" all read as words. */
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        unsigned char ch = norm[i];
        if ((ch >= 'a' && ch <= 'z')) {
            if (space && o > 0 && o + 1 < sizeof buf)
                buf[o++] = ' ';
            space = false;
            if (o + 1 >= sizeof buf)
                goto out;
            buf[o++] = (char)ch;
        } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '.' ||
                   ch == ',' || ch == '!' || ch == '?' || ch == '-' || ch == ':' || ch == ';') {
            space = true;
        } else if (ch >= 0x80) {
            /* "¡Sí!" after folding starts with U+00A1; other non-ASCII
             * (emoji, letters of other words) make it more than a plain yes. */
            if (!(ch == 0xC2 && i + 1 < n && norm[i + 1] == 0xA1))
                goto out;
            i++;
            space = true;
        } else {
            goto out; /* digits and the rest: not a plain yes */
        }
    }
    buf[o] = '\0';
    for (size_t i = 0; i < sizeof yes_words / sizeof yes_words[0]; i++)
        if (strcmp(buf, yes_words[i]) == 0)
            yes = true;
out:
    free(norm);
    return yes;
}

/* Appends to out at *o, never past outsz. */
static void put(char *out, size_t outsz, size_t *o, const char *s)
{
    size_t n = strlen(s);
    if (*o + n >= outsz)
        n = outsz - 1 - *o;
    memcpy(out + *o, s, n);
    *o += n;
    out[*o] = '\0';
}

static void fmt_time(int minutes, enum lang l, char *out, size_t outsz)
{
    int h = minutes / 60, m = minutes % 60;
    if (l == LANG_ES)
        snprintf(out, outsz, "%02d:%02d", h, m);
    else
        snprintf(out, outsz, "%d:%02d %s", h % 12 == 0 ? 12 : h % 12, m, h < 12 ? "AM" : "PM");
}

/* "a, b and c" / "a, b y c" of n items produced by item(i). */
static void put_list(char *out, size_t outsz, size_t *o, enum lang l, int n,
                     void (*item)(const void *ctx, int i, enum lang l, char *b, size_t bs),
                     const void *ctx)
{
    char b[32];
    for (int i = 0; i < n; i++) {
        if (i > 0)
            put(out, outsz, o, i == n - 1 ? (l == LANG_ES ? " y " : " and ") : ", ");
        item(ctx, i, l, b, sizeof b);
        put(out, outsz, o, b);
    }
}

static void time_item(const void *ctx, int i, enum lang l, char *b, size_t bs)
{
    fmt_time(((const struct gw_schedule *)ctx)->times[i], l, b, bs);
}

struct day_set {
    int wday[7];
    int n;
};

static void day_item(const void *ctx, int i, enum lang l, char *b, size_t bs)
{
    static const char *const en[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const es[] = {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"};
    int d = ((const struct day_set *)ctx)->wday[i];
    snprintf(b, bs, "%s", l == LANG_ES ? es[d] : en[d]);
}

const char *consent_frequency(const struct gw_schedule *s, enum lang l, char *out, size_t outsz)
{
    size_t o = 0;
    char n[32];
    if (outsz == 0)
        return out;
    out[0] = '\0';
    bool es = l == LANG_ES;
    /* Caring contacts come on days after enrolment, not at set times. */
    if (s && s->kind == SCHED_CARING) {
        put(out, outsz, &o, es ? "de vez en cuando" : "now and then");
        return out;
    }
    if (!s || s->ntimes <= 0)
        return out;
    unsigned all = 0x7f, weekdays = 0x3e, weekend = 0x41;
    if (s->ntimes > 3) {
        snprintf(n, sizeof n, es ? "%d veces al día" : "%d times a day", s->ntimes);
        put(out, outsz, &o, n);
    }
    if ((s->days & all) == all)
        put(out, outsz, &o, s->ntimes > 3 ? "" : es ? "todos los días" : "every day");
    else {
        if (o)
            put(out, outsz, &o, " ");
        if ((s->days & all) == weekdays)
            put(out, outsz, &o, es ? "de lunes a viernes" : "on weekdays");
        else if ((s->days & all) == weekend)
            put(out, outsz, &o, es ? "los fines de semana" : "on weekends");
        else {
            struct day_set ds = {{0}, 0};
            /* Monday first, Sunday last, as people say them. */
            for (int i = 1; i <= 7; i++)
                if (s->days & (1u << (i % 7)))
                    ds.wday[ds.n++] = i % 7;
            put(out, outsz, &o, es ? "los " : "on ");
            put_list(out, outsz, &o, l, ds.n, day_item, &ds);
        }
    }
    if (s->ntimes <= 3) {
        put(out, outsz, &o, es ? (s->ntimes == 1 && s->times[0] / 60 == 1 ? " a la " : " a las ")
                               : " at ");
        put_list(out, outsz, &o, l, s->ntimes, time_item, s);
    }
    return out;
}
