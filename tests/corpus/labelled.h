/* SPDX-License-Identifier: Apache-2.0 */
/* labelled.h: reads labelled reply sets in the format of
 * tests/corpus/blind/FORMAT.md ("CLASS/SUBTYPE LANG SCORE | TEXT") and
 * judges reply_parse() on them the way the gateway acts on a reply. Used by
 * tests/unit/test_blind.c (the blind sets, figures per sub-type) and
 * tests/unit/test_corpus.c (the training lines in this format, 100%
 * required). Header-only, static inline, like corpus.h. */
#ifndef GW_TEST_LABELLED_H
#define GW_TEST_LABELLED_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/reply.h"

struct lab_line {
    int lineno;
    char cls[16], sub[24], lang[8];
    bool has_score;
    double score;
    char *text; /* owned, "\n" decoded */
    size_t len;
};

struct lab_set {
    struct lab_line *l; /* owned */
    size_t n;
};

static inline void lab_free(struct lab_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->l[i].text);
    free(s->l);
    s->l = NULL;
    s->n = 0;
}

/* Loads path into *s. Returns 0, or -1 with a reason (file:line) in err. */
static inline int lab_load(const char *path, struct lab_set *s, char *err, size_t errsz)
{
    FILE *f = fopen(path, "r");
    char line[8192];
    int lineno = 0;
    size_t cap = 0;
    memset(s, 0, sizeof *s);
    if (f == NULL) {
        snprintf(err, errsz, "%s: cannot open", path);
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        lineno++;
        size_t l = strcspn(line, "\r\n");
        line[l] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *bar = strstr(line, " | ");
        char cs[48], lang[8], score[16];
        if (bar == NULL || (*bar = '\0', sscanf(line, "%47s %7s %15s", cs, lang, score) != 3)) {
            snprintf(err, errsz, "%s:%d: not CLASS/SUBTYPE LANG SCORE | TEXT", path, lineno);
            fclose(f);
            return -1;
        }
        if (s->n == cap) {
            cap = cap ? cap * 2 : 256;
            struct lab_line *nl = realloc(s->l, cap * sizeof *nl);
            if (nl == NULL) {
                fclose(f);
                snprintf(err, errsz, "out of memory");
                return -1;
            }
            s->l = nl;
        }
        struct lab_line *x = &s->l[s->n];
        memset(x, 0, sizeof *x);
        x->lineno = lineno;
        char *slash = strchr(cs, '/');
        if (slash == NULL || strlen(slash + 1) >= sizeof x->sub || (size_t)(slash - cs) >= sizeof x->cls) {
            snprintf(err, errsz, "%s:%d: CLASS/SUBTYPE expected, got '%s'", path, lineno, cs);
            fclose(f);
            return -1;
        }
        memcpy(x->cls, cs, (size_t)(slash - cs));
        snprintf(x->sub, sizeof x->sub, "%s", slash + 1);
        snprintf(x->lang, sizeof x->lang, "%s", lang);
        if (strcmp(score, "-") != 0) {
            x->has_score = true;
            x->score = atof(score);
        }
        const char *t = bar + 3;
        x->text = malloc(strlen(t) + 1);
        if (x->text == NULL) {
            fclose(f);
            snprintf(err, errsz, "out of memory");
            return -1;
        }
        size_t o = 0;
        for (size_t k = 0; t[k]; k++) {
            if (t[k] == '\\' && t[k + 1] == 'n') {
                x->text[o++] = '\n';
                k++;
            } else {
                x->text[o++] = t[k];
            }
        }
        x->text[o] = '\0';
        x->len = o;
        s->n++;
    }
    fclose(f);
    return 0;
}

/* Whether the parser's result r does what line x asks for:
 * crisis: raises crisis; relapse: raises relapse; high: pages a person
 * (contact, event, or crisis); ambiguous: asks (ambiguous) or escalates
 * (crisis); trap: raises no un-denied crisis and no relapse; mood: the
 * score; noscore: no score and no alarm; unclear: nothing understood (the
 * reply goes to a person in the digest) and no alarm; stop: opts out. */
static inline bool lab_ok(const struct lab_line *x, const struct reply_result *r)
{
    unsigned s = r->signals;
    bool crisis = s & REPLY_SIG_CRISIS, denied = crisis && (s & REPLY_SIG_NEGATED);
    if (strcmp(x->cls, "crisis") == 0)
        return crisis;
    if (strcmp(x->cls, "relapse") == 0)
        return s & REPLY_SIG_RELAPSE;
    if (strcmp(x->cls, "high") == 0)
        return (s & (REPLY_SIG_CONTACT | REPLY_SIG_EVENT)) || crisis;
    if (strcmp(x->cls, "ambiguous") == 0)
        return (s & REPLY_SIG_AMBIGUOUS) || crisis;
    if (strcmp(x->cls, "trap") == 0)
        return !(crisis && !denied) && !(s & REPLY_SIG_RELAPSE);
    if (strcmp(x->cls, "mood") == 0)
        return r->has_score && r->score == x->score && !crisis;
    if (strcmp(x->cls, "noscore") == 0)
        return !r->has_score && !crisis && !(s & REPLY_SIG_RELAPSE);
    if (strcmp(x->cls, "unclear") == 0)
        return reply_is_unclear(r) || (!r->has_score && !crisis && !(s & REPLY_SIG_RELAPSE) &&
                                       r->intent == REPLY_OTHER);
    if (strcmp(x->cls, "stop") == 0)
        return r->intent == REPLY_STOP;
    return false;
}

#endif
