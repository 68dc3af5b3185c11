/* csv.h: pure. Reading one CSV record (RFC 4180 quoting) and writing
 * fields safely, for checkinctl's import and export. */
#ifndef GW_CSV_H
#define GW_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Splits line (one record, without its line ending; modified in place)
 * into at most max fields, stored as pointers into line. Fields may be
 * quoted ("a, b" and "say ""hi"""); a quote inside an unquoted field is
 * kept as text; spaces around a field are kept (the caller decides). Returns the number of fields, or -1 with a reason in
 * err: an unterminated quote (a field may not span lines), text after a
 * closing quote, or more than max fields. */
int csv_split(char *line, char **fields, int max, char *err, size_t errsz);

/* Writes s as one CSV field: quoted when it holds a comma, a quote, a
 * line break or leading/trailing spaces. text = true marks free text (a
 * name, a message): if it starts with = + - @ or a tab, a ' is put in
 * front so that a spreadsheet shows it instead of running it as a
 * formula. Phone numbers are written with text = false (they start with
 * +). Returns 0, or -1 on a write error. */
int csv_write_field(FILE *f, const char *s, bool text);

#endif
