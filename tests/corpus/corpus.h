/* SPDX-License-Identifier: Apache-2.0 */
/* corpus.h: loads tests/corpus/replies.txt (format at the top of that file)
 * for the corpus test and the reply benchmark. Header-only, static inline:
 * tests and benchmarks are single .c files linked against libgw.a. */
#ifndef GW_TEST_CORPUS_H
#define GW_TEST_CORPUS_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/reply.h"

struct corpus_line {
    int lineno;
    char cls[16];          /* mood, optout, keyword, crisis, relapse, trap, other */
    char label[96];        /* the four label fields as written, for messages */
    enum reply_intent intent;
    bool has_score;
    double score;
    unsigned signals;
    char *text;            /* owned, escapes decoded; may hold any byte */
    size_t len;
};

struct corpus {
    struct corpus_line *lines; /* owned */
    size_t n;
};

static inline void corpus_free(struct corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->lines[i].text);
    free(c->lines);
    c->lines = NULL;
    c->n = 0;
}

static inline int corpus_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Parses one non-comment line into *l. Returns NULL or a reason. */
static inline const char *corpus_parse_line(char *s, struct corpus_line *l)
{
    static const char *const intents[] = {"other", "mood", "stop", "start", "help", "ack"};
    static const struct {
        const char *name;
        unsigned bit;
    } sigs[] = {{"crisis", REPLY_SIG_CRISIS}, {"relapse", REPLY_SIG_RELAPSE},
                {"negated", REPLY_SIG_NEGATED}, {"out_of_range", REPLY_SIG_OUT_OF_RANGE}};
    char *bar = strstr(s, "| ");
    if (bar == NULL) {
        size_t n = strlen(s);
        if (n > 0 && s[n - 1] == '|')
            bar = s + n - 1; /* "... |": the empty reply */
        else
            return "no \"| \" before the text";
    }
    char *text = bar[1] ? bar + 2 : bar + 1;
    *bar = '\0';
    char *f[5], *save = NULL;
    int nf = 0;
    for (char *t = strtok_r(s, " \t", &save); t && nf < 5; t = strtok_r(NULL, " \t", &save))
        f[nf++] = t;
    if (nf != 4)
        return "expected CLASS INTENT SCORE SIGNALS before \"| \"";
    snprintf(l->cls, sizeof l->cls, "%s", f[0]);
    snprintf(l->label, sizeof l->label, "%s %s %s %s", f[0], f[1], f[2], f[3]);
    size_t k;
    for (k = 0; k < sizeof intents / sizeof intents[0]; k++)
        if (strcmp(f[1], intents[k]) == 0)
            break;
    if (k == sizeof intents / sizeof intents[0])
        return "unknown intent (mood, stop, start, help, ack, other)";
    l->intent = (enum reply_intent)k;
    if (strcmp(f[2], "null") == 0) {
        l->has_score = false;
        l->score = 0;
    } else {
        char *end;
        errno = 0;
        l->score = strtod(f[2], &end);
        if (*end != '\0' || errno != 0)
            return "score is neither a number nor null";
        l->has_score = true;
    }
    l->signals = 0;
    if (strcmp(f[3], "-") != 0) {
        char *save2 = NULL;
        for (char *t = strtok_r(f[3], ",", &save2); t; t = strtok_r(NULL, ",", &save2)) {
            for (k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
                if (strcmp(t, sigs[k].name) == 0)
                    break;
            if (k == sizeof sigs / sizeof sigs[0])
                return "unknown signal (crisis, relapse, negated, out_of_range)";
            l->signals |= sigs[k].bit;
        }
    }
    size_t n = strlen(text), o = 0;
    l->text = malloc(n + 1);
    if (l->text == NULL)
        return "out of memory";
    for (size_t i = 0; i < n; i++) {
        if (text[i] != '\\' || i + 1 >= n) {
            l->text[o++] = text[i];
        } else if (text[i + 1] == 'n') {
            l->text[o++] = '\n';
            i++;
        } else if (text[i + 1] == '\\') {
            l->text[o++] = '\\';
            i++;
        } else if (text[i + 1] == 'x' && i + 3 < n && corpus_hex(text[i + 2]) >= 0 &&
                   corpus_hex(text[i + 3]) >= 0) {
            l->text[o++] = (char)(corpus_hex(text[i + 2]) * 16 + corpus_hex(text[i + 3]));
            i += 3;
        } else {
            free(l->text);
            l->text = NULL;
            return "bad escape (\\xNN, \\n or \\\\)";
        }
    }
    l->text[o] = '\0';
    l->len = o;
    return NULL;
}

/* Loads path into *c (free with corpus_free). Returns 0, or -1 with err
 * "path:line: reason". */
static inline int corpus_load(const char *path, struct corpus *c, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t got;
    int lineno = 0;

    c->lines = NULL;
    c->n = 0;
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while ((got = getline(&buf, &cap, f)) >= 0) {
        lineno++;
        size_t n = (size_t)got;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        if (n == 0 || buf[0] == '#')
            continue;
        if (c->n == alloc) {
            alloc = alloc ? alloc * 2 : 256;
            struct corpus_line *nl = realloc(c->lines, alloc * sizeof *nl);
            if (nl == NULL) {
                snprintf(err, errlen, "%s:%d: out of memory", path, lineno);
                goto fail;
            }
            c->lines = nl;
        }
        struct corpus_line *l = &c->lines[c->n];
        memset(l, 0, sizeof *l);
        l->lineno = lineno;
        const char *why = corpus_parse_line(buf, l);
        if (why != NULL) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
            goto fail;
        }
        c->n++;
    }
    free(buf);
    fclose(f);
    return 0;
fail:
    free(buf);
    fclose(f);
    corpus_free(c);
    return -1;
}

#endif
