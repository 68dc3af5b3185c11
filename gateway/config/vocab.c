/* SPDX-License-Identifier: Apache-2.0 */
/* vocab.c: reads an operator's vocabulary file (format in vocab.h). The
 * phrases are compiled by reply_vocab_add in reply.c, so they are read
 * exactly the way replies are. */
#include "config/vocab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One line (without its newline) into v; an error is added to errs. */
static int vocab_line(struct reply_vocab *v, const char *path, int lineno, char *line,
                      size_t len, struct cfg_errors *errs)
{
    char why[256];
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i == len || line[i] == '#')
        return 0;
    char *colon = memchr(line + i, ':', len - i);
    if (colon == NULL) {
        cfg_errors_add(errs, path, lineno,
                       "expected \"KIND: phrase\" (KIND is crisis, relapse or substance)");
        return -1;
    }
    size_t ke = (size_t)(colon - line);
    while (ke > i && (line[ke - 1] == ' ' || line[ke - 1] == '\t'))
        ke--;
    line[ke] = '\0';
    enum reply_vocab_kind kind;
    if (reply_vocab_kind_parse(line + i, &kind) != 0) {
        cfg_errors_add(errs, path, lineno,
                       "unknown kind \"%.40s\" (crisis, relapse or substance)", line + i);
        return -1;
    }
    size_t p = (size_t)(colon - line) + 1, pe = len;
    while (p < pe && (line[p] == ' ' || line[p] == '\t'))
        p++;
    while (pe > p && (line[pe - 1] == ' ' || line[pe - 1] == '\t'))
        pe--;
    if (p == pe) {
        cfg_errors_add(errs, path, lineno, "%s: empty phrase", reply_vocab_kind_name(kind));
        return -1;
    }
    if (reply_vocab_add(v, kind, line + p, pe - p, why, sizeof why) != 0) {
        cfg_errors_add(errs, path, lineno, "%s phrase: %s", reply_vocab_kind_name(kind), why);
        return -1;
    }
    return 0;
}

int vocab_load(const char *path, struct reply_vocab **out, struct cfg_errors *errs)
{
    struct reply_vocab *v = NULL;
    FILE *f = NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    struct stat st;
    int lineno = 0, bad = 0;

    *out = NULL;
    if (stat(path, &st) != 0) {
        cfg_errors_add(errs, path, 0, "cannot read the vocabulary file: %s", strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        cfg_errors_add(errs, path, 0, "is not a regular file");
        return -1;
    }
    if (st.st_size > VOCAB_FILE_MAX) {
        cfg_errors_add(errs, path, 0, "too big (%lld bytes; at most %d)", (long long)st.st_size,
                       VOCAB_FILE_MAX);
        return -1;
    }
    if ((f = fopen(path, "r")) == NULL) {
        cfg_errors_add(errs, path, 0, "cannot read the vocabulary file: %s", strerror(errno));
        return -1;
    }
    if ((v = reply_vocab_new()) == NULL) {
        cfg_errors_add(errs, path, 0, "out of memory");
        goto fail;
    }
    while ((n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (memchr(line, '\0', len) != NULL) {
            cfg_errors_add(errs, path, lineno, "holds a NUL byte (not a text file?)");
            bad++;
            continue;
        }
        bad += vocab_line(v, path, lineno, line, len, errs) != 0;
    }
    if (ferror(f)) {
        cfg_errors_add(errs, path, lineno, "read error: %s", strerror(errno));
        bad++;
    }
    if (bad > 0)
        goto fail;
    free(line);
    fclose(f);
    *out = v;
    return 0;
fail:
    free(line);
    fclose(f);
    reply_vocab_free(v);
    return -1;
}
