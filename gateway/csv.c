/* csv.c: pure; see csv.h. */
#include "csv.h"

#include <string.h>

int csv_split(char *line, char **fields, int max, char *err, size_t errsz)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max) {
            snprintf(err, errsz, "more than %d fields", max);
            return -1;
        }
        if (*p == '"') {
            /* Quoted: unescape "" in place; the field ends at the lone quote. */
            char *w = ++p;
            fields[n++] = w;
            for (;;) {
                if (*p == '\0') {
                    snprintf(err, errsz, "field %d: a quote is not closed", n);
                    return -1;
                }
                if (*p == '"') {
                    if (p[1] == '"') {
                        *w++ = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                *w++ = *p++;
            }
            if (*p != ',' && *p != '\0') {
                snprintf(err, errsz, "field %d: text after the closing quote", n);
                return -1;
            }
            char sep = *p;
            *w = '\0';
            if (sep == '\0')
                return n;
            p++;
        } else {
            fields[n++] = p;
            /* A quote inside an unquoted field (Cy "C" D) is kept as it is,
             * as spreadsheets and Python's csv read it. */
            char *comma = strchr(p, ',');
            if (!comma)
                return n;
            *comma = '\0';
            p = comma + 1;
        }
    }
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
