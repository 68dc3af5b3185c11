/* SPDX-License-Identifier: Apache-2.0 */
/* csv.c: pure; see csv.h. Reading is Debian's libcsv (no .pc file: -lcsv). */
#include "base/csv.h"

#include <stdlib.h>
#include <string.h>

#include <csv.h> /* libcsv: with -iquote gateway, <csv.h> is Debian's, "csv.h" this one */

/* libcsv in strict mode: a stray quote is an error (never a guess that
 * could swallow the rest of the file), and so is a quote still open at the
 * end. Spaces around an unquoted field are dropped by libcsv. */
#define READER_OPTS (CSV_STRICT | CSV_STRICT_FINI)

struct csv_reader {
    struct csv_parser p;
    char **fields;       /* into buf */
    int max_fields, n;
    char *buf;           /* the current record's fields, NUL-terminated */
    size_t max_bytes, used;
    bool in_record;
    long line;           /* where the current record starts */
    long lineno;         /* the line being fed */
    const char *error;   /* the current record's, or NULL */
    char why[160];
    csv_record_cb cb;
    void *arg;
    int stop;            /* cb's non-zero answer */
};

struct csv_reader *csv_reader_new(int max_fields, size_t max_bytes)
{
    struct csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->max_fields = max_fields;
    r->max_bytes = max_bytes;
    r->fields = calloc((size_t)max_fields, sizeof *r->fields);
    r->buf = malloc(max_bytes + 1);
    if (!r->fields || !r->buf || csv_init(&r->p, READER_OPTS) != 0) {
        free(r->fields);
        free(r->buf);
        free(r);
        return NULL;
    }
    return r;
}

void csv_reader_free(struct csv_reader *r)
{
    if (!r)
        return;
    csv_free(&r->p);
    free(r->fields);
    free(r->buf);
    free(r);
}

static void record_begin(struct csv_reader *r)
{
    r->in_record = true;
    r->line = r->lineno;
    r->n = 0;
    r->used = 0;
    r->error = NULL;
}

/* The record's first error is the one reported. */
static void record_refuse(struct csv_reader *r, const char *fmt, long a)
{
    if (r->error)
        return;
    snprintf(r->why, sizeof r->why, fmt, a);
    r->error = r->why;
}

static void record_end(struct csv_reader *r)
{
    struct csv_record rec = {r->fields, r->n, r->line, r->error};
    r->in_record = false;
    if (!r->stop)
        r->stop = r->cb(&rec, r->arg);
}

/* libcsv's callbacks: a field ended; a record ended. */
static void field_cb(void *s, size_t len, void *data)
{
    struct csv_reader *r = data;
    if (!r->in_record) /* a second record on the line (a bare CR ended the first) */
        record_begin(r);
    if (r->n == r->max_fields) {
        record_refuse(r, "more than %ld fields", r->max_fields);
    } else if (r->used + len + 1 > r->max_bytes) {
        record_refuse(r, "the record is longer than %ld bytes", (long)r->max_bytes);
    } else if (len && memchr(s, '\0', len)) {
        record_refuse(r, "field %ld holds a NUL byte", r->n + 1);
    } else if (!r->error) {
        r->fields[r->n++] = r->buf + r->used;
        if (len)
            memcpy(r->buf + r->used, s, len);
        r->buf[r->used + len] = '\0';
        r->used += len + 1;
    }
}

static void record_cb(int c, void *data)
{
    struct csv_reader *r = data;
    (void)c;
    if (r->in_record)
        record_end(r);
}

/* Only spaces or tabs before the line ending, or a # comment. */
static bool skippable(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return i == len || line[i] == '\n' || line[i] == '\r' || line[i] == '#';
}

int csv_reader_feed(struct csv_reader *r, const char *line, size_t len, long lineno,
                    csv_record_cb cb, void *arg)
{
    r->cb = cb;
    r->arg = arg;
    r->stop = 0;
    r->lineno = lineno;
    if (!r->in_record) {
        if (skippable(line, len))
            return 0;
        record_begin(r);
    }
    size_t done = csv_parse(&r->p, line, len, field_cb, record_cb, r);
    if (done == len || r->stop)
        return r->stop;
    if (csv_error(&r->p) != CSV_EPARSE)
        return -1; /* out of memory */
    /* A stray quote: refuse the record, drop the rest of the line and start
     * again with a fresh parser on the next one. */
    if (!r->in_record)
        record_begin(r);
    record_refuse(r, "field %ld: a quote that neither opens nor closes the field (write "
                     "the whole field in quotes and double the quotes in it: \"Cy \"\"C\"\" D\")",
                  r->n + 1);
    record_end(r);
    csv_free(&r->p);
    if (csv_init(&r->p, READER_OPTS) != 0)
        return -1;
    return r->stop;
}

int csv_reader_finish(struct csv_reader *r, csv_record_cb cb, void *arg)
{
    r->cb = cb;
    r->arg = arg;
    r->stop = 0;
    if (csv_fini(&r->p, field_cb, record_cb, r) != 0 && r->in_record && !r->stop) {
        record_refuse(r, "field %ld: a quote is not closed (the field runs to the end of "
                         "the file)", r->n + 1);
        record_end(r);
    }
    return r->stop;
}

int csv_write_field(FILE *f, const char *s, bool text)
{
    size_t len = strlen(s);
    bool formula = text && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                            s[0] == '\t');
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL ||
                 (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
    if (!quote)
        return fputs(s, f) < 0 ? -1 : 0;
    if (fputc('"', f) == EOF || (formula && fputc('\'', f) == EOF))
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && fputc('"', f) == EOF)
            return -1;
        if (fputc(*p, f) == EOF)
            return -1;
    }
    return fputc('"', f) == EOF ? -1 : 0;
}
