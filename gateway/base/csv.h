/* SPDX-License-Identifier: Apache-2.0 */
/* csv.h: pure. Reading whole CSV records (RFC 4180, with Debian's libcsv:
 * a quoted field may hold commas, doubled quotes and line breaks) and
 * writing fields safely, for checkinctl's import and export. */
#ifndef GW_CSV_H
#define GW_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One record. fields[0..n-1] are NUL-terminated, owned by the reader and
 * valid until the callback returns (it may modify them). line is the line
 * where the record starts. error is NULL, or why the record is refused
 * (fields are then not to be used): a quote inside an unquoted field or
 * text after a closing quote, a quote not closed at the end of the input,
 * more than max_fields fields, more than max_bytes of text, a NUL byte. */
struct csv_record {
    char **fields;
    int n;
    long line;
    const char *error;
};
/* Called for each record; a non-zero return stops the reading and is
 * returned by csv_reader_feed / csv_reader_finish. */
typedef int (*csv_record_cb)(const struct csv_record *rec, void *arg);

struct csv_reader;

/* A reader of records of at most max_fields fields and max_bytes bytes of
 * text; NULL when out of memory. Free with csv_reader_free (NULL is a no-op). */
struct csv_reader *csv_reader_new(int max_fields, size_t max_bytes);
void csv_reader_free(struct csv_reader *r);

/* Feeds one line of input, with its line ending (len bytes, lineno counts
 * from 1), calling cb for every record it completes. Between records, a
 * line that is empty or starts with # is skipped. After a refused quote the
 * rest of the line is dropped and the next line starts a new record.
 * Returns 0, cb's non-zero answer, or -1 when out of memory. */
int csv_reader_feed(struct csv_reader *r, const char *line, size_t len, long lineno,
                    csv_record_cb cb, void *arg);

/* The end of the input: the last record if it had no line ending, or an
 * error record if a quote is still open. Returns as csv_reader_feed. */
int csv_reader_finish(struct csv_reader *r, csv_record_cb cb, void *arg);

/* Writes s as one CSV field: quoted when it holds a comma, a quote, a
 * line break or leading/trailing spaces. text = true marks free text (a
 * name, a message): if it starts with = + - @ or a tab, a ' is put in
 * front so that a spreadsheet shows it instead of running it as a
 * formula. Phone numbers are written with text = false (they start with
 * +). Returns 0, or -1 on a write error. */
int csv_write_field(FILE *f, const char *s, bool text);

#endif
