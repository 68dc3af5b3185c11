/* SPDX-License-Identifier: Apache-2.0 */
/* config_flows.c: `flows = ( ... )` -> struct gw_flow (config_flows.h).
 *
 *   flows = ( { name = "recovery";
 *               questions = (
 *                 { id = "mood"; type = "scale"; min = 1; max = 10;
 *                   text = { en = "How are you today, 1-10?"; es = "..."; }; },
 *                 { id = "cravings"; type = "scale"; min = 0; max = 10;
 *                   text = "Cravings today, 0-10?"; alert = [ ">= 8 high" ]; },
 *                 { id = "meeting"; type = "yesno"; ask_if = "mood >= 3";
 *                   text = "Made it to a meeting? YES or NO"; } ); } );
 *
 * A condition is "ID [+ ID ...] OP NUMBER"; an alert "OP NUMBER SEVERITY".
 * Everything the model checks (order, cycles, reachability, ranges) is
 * flow_validate's; this file reads the settings and says where they are. */
#include "config/config_flows.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/instrument.h"
#include "model/severity.h"

struct fl {
    struct cfg_errors *errs;
    int nerr;
};

static void ferr(struct fl *x, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void ferr(struct fl *x, const config_setting_t *s, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cfg_errors_at(x->errs, s, "%s", msg);
    x->nerr++;
}

/* A string member of g, or NULL (an error when present and not a string). */
static const char *str_member(struct fl *x, const config_setting_t *g, const char *what,
                              const char *key)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL)
        return NULL;
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        ferr(x, s, "%s.%s must be a string", what, key);
        return NULL;
    }
    return config_setting_get_string(s);
}

static bool int_member(struct fl *x, const config_setting_t *g, const char *what, const char *key,
                       int *out)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL)
        return false;
    if (config_setting_type(s) != CONFIG_TYPE_INT) {
        ferr(x, s, "%s.%s must be a whole number", what, key);
        return false;
    }
    *out = config_setting_get_int(s);
    return true;
}

/* "mood + cravings >= 8" into c, its ids copied into ids. Returns 0 or -1. */
static int parse_cond(const char *text, struct flow_cond *c, char ids[][FLOW_ID_MAX])
{
    char buf[256], *save = NULL, *tok;
    bool want_id = true;
    snprintf(buf, sizeof buf, "%s", text);
    memset(c, 0, sizeof *c);
    for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        if (want_id) {
            if (c->nterms == FLOW_COND_TERMS || strlen(tok) >= FLOW_ID_MAX)
                return -1;
            snprintf(ids[c->nterms], FLOW_ID_MAX, "%s", tok);
            c->terms[c->nterms] = ids[c->nterms];
            c->nterms++;
            want_id = false;
        } else if (strcmp(tok, "+") == 0) {
            want_id = true;
        } else {
            char *num = strtok_r(NULL, " \t", &save), *end = NULL;
            if (flow_op_parse(tok, &c->op) != 0 || num == NULL)
                return -1;
            c->value = strtod(num, &end);
            return end == num || *end != '\0' || strtok_r(NULL, " \t", &save) ? -1 : 0;
        }
    }
    return -1;
}

/* ">= 8 high" into a. Returns 0 or -1. */
static int parse_alert(const char *text, struct flow_alert *a)
{
    char op[4], num[32], sev[16], extra[2];
    char *end = NULL;
    if (sscanf(text, "%3s %31s %15s %1s", op, num, sev, extra) != 3 ||
        flow_op_parse(op, &a->op) != 0)
        return -1;
    a->value = strtod(num, &end);
    a->sev = severity_parse(sev);
    return end == num || *end != '\0' || a->sev == SEV_NONE ? -1 : 0;
}

/* A question's text in one language, s its setting: the text, or NULL
 * after an error when it takes more SMS segments than a client text may
 * (it is sent as written: one question per text, arriving whole). */
static const char *text_fits(struct fl *x, const config_setting_t *s, const char *what,
                             const char *lang, const char *text)
{
    char label[200];
    snprintf(label, sizeof label, "%s.text%s%s", what, lang[0] ? "." : "", lang);
    if (text != NULL && !cfg_segments_fit(x->errs, s, label, "", text, CLIENT_TEXT_MAX_SEGMENTS,
                                          "")) {
        x->nerr++;
        return NULL;
    }
    return text;
}

/* text = "..." (English) or { en = "..."; es = "..."; }. */
static void parse_text(struct fl *x, const config_setting_t *g, const char *what,
                       struct flow_question *q)
{
    const config_setting_t *t = config_setting_get_member(g, "text");
    static const char *const keys[] = {"en", "es", NULL};
    if (t == NULL)
        return; /* flow_validate says the English text is missing */
    if (config_setting_type(t) == CONFIG_TYPE_STRING) {
        q->text[0] = text_fits(x, t, what, "", config_setting_get_string(t));
        return;
    }
    if (!config_setting_is_group(t)) {
        ferr(x, t, "%s.text must be a string or a group { en = \"...\"; es = \"...\"; }", what);
        return;
    }
    x->nerr += cfg_check_keys(t, keys, x->errs);
    for (int l = 0; l < FLOW_LANGS; l++)
        q->text[l] = text_fits(x, config_setting_get_member(t, keys[l]), what, keys[l],
                               str_member(x, t, what, keys[l]));
}

static void parse_alerts(struct fl *x, const config_setting_t *g, const char *what,
                         struct flow_question *q)
{
    const config_setting_t *a = config_setting_get_member(g, "alert");
    if (a == NULL)
        return;
    bool one = config_setting_type(a) == CONFIG_TYPE_STRING;
    int n = one ? 1 : config_setting_is_aggregate(a) ? config_setting_length(a) : -1;
    if (n < 1 || n > FLOW_MAX_ALERTS) {
        ferr(x, a, "%s.alert must be a rule \">= 8 high\" or a list of 1 to %d of them", what,
             FLOW_MAX_ALERTS);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = one ? a : config_setting_get_elem(a, (unsigned)i);
        const char *v = config_setting_type(s) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(s) : NULL;
        if (v == NULL || parse_alert(v, &q->alerts[q->nalerts]) != 0) {
            ferr(x, s, "%s.alert \"%s\" must read OP NUMBER SEVERITY, e.g. \">= 8 high\" (OP one"
                 " of == != < <= > >=; SEVERITY watch, high or urgent)", what, v ? v : "?");
            continue;
        }
        q->nalerts++;
    }
}

static void parse_choices(struct fl *x, const config_setting_t *g, const char *what,
                          struct flow_question *q)
{
    const config_setting_t *c = config_setting_get_member(g, "choices");
    if (c == NULL)
        return;
    int n = config_setting_is_aggregate(c) ? config_setting_length(c) : -1;
    if (n < 0 || n > FLOW_MAX_CHOICES) {
        ferr(x, c, "%s.choices must be a list of 2 to %d strings", what, FLOW_MAX_CHOICES);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem(c, (unsigned)i);
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
            ferr(x, s, "%s.choices[%d] must be a string", what, i);
            return;
        }
        q->choices[q->nchoices++] = config_setting_get_string(s);
    }
}

static void parse_question(struct fl *x, const config_setting_t *g, const char *what,
                           struct gw_flow *fw, int i)
{
    static const char *const keys[] = {"id",     "text",    "type",    "min",   "max", "choices",
                                       "ask_if", "jump_to", "jump_if", "alert", NULL};
    struct flow_question *q = &fw->q[i];
    const char *s;
    x->nerr += cfg_check_keys(g, keys, x->errs);
    q->id = str_member(x, g, what, "id");
    if (q->id == NULL) {
        ferr(x, g, "%s: missing required setting 'id'", what);
        q->id = "";
    }
    parse_text(x, g, what, q);
    s = str_member(x, g, what, "type");
    if (s == NULL)
        ferr(x, g, "%s: missing required setting 'type' (scale, yesno, number, choice or text)",
             what);
    else if (flow_type_parse(s, &q->type) != 0)
        ferr(x, config_setting_get_member(g, "type"), "%s.type \"%s\" must be scale, yesno,"
             " number, choice or text", what, s);
    int_member(x, g, what, "min", &q->min);
    int_member(x, g, what, "max", &q->max);
    parse_choices(x, g, what, q);
    q->jump_to = str_member(x, g, what, "jump_to");
    const char *conds[2] = {"ask_if", "jump_if"};
    struct flow_cond *dst[2] = {&q->ask_if, &q->jump_if};
    for (int k = 0; k < 2; k++) {
        if ((s = str_member(x, g, what, conds[k])) != NULL &&
            parse_cond(s, dst[k], fw->cond_ids[i][k]) != 0)
            ferr(x, config_setting_get_member(g, conds[k]), "%s.%s \"%s\" must read ID [+ ID"
                 " ...] OP NUMBER, e.g. \"mood <= 3\" (OP one of == != < <= > >=; at most %d"
                 " ids)", what, conds[k], s, FLOW_COND_TERMS);
    }
    parse_alerts(x, g, what, q);
}

/* The setting of the question flow_validate's message names ("question
 * 'x': ..."), so the error points at it; else the flow's. */
static const config_setting_t *named_question(const config_setting_t *qs,
                                              const config_setting_t *flow, const char *msg)
{
    const char *p = strstr(msg, "question '");
    if (p == NULL || qs == NULL)
        return flow;
    p += strlen("question '");
    size_t n = strcspn(p, "'");
    for (int i = 0; i < config_setting_length(qs); i++) {
        const config_setting_t *g = config_setting_get_elem(qs, (unsigned)i);
        const char *id = NULL;
        if (config_setting_lookup_string(g, "id", &id) && strlen(id) == n &&
            strncmp(id, p, n) == 0)
            return g;
    }
    return flow;
}

static bool flow_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= CFG_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_' ||
              s[i] == '-'))
            return false;
    return true;
}

static void parse_flow(struct fl *x, struct gw_config *c, const config_setting_t *g, int i)
{
    static const char *const keys[] = {"name", "questions", NULL};
    struct gw_flow *fw = &c->flows[i];
    char what[96], err[256];
    enum instrument_kind k;
    snprintf(what, sizeof what, "flows[%d]", i);
    fw->line = (int)config_setting_source_line(g);
    fw->f.q = fw->q;
    if (!config_setting_is_group(g)) {
        ferr(x, g, "%s must be a group { name = ...; questions = ( ... ); }", what);
        return;
    }
    x->nerr += cfg_check_keys(g, keys, x->errs);
    const char *name = str_member(x, g, what, "name");
    if (name == NULL) {
        ferr(x, g, "%s: missing required setting 'name'", what);
        return;
    }
    const config_setting_t *ns = config_setting_get_member(g, "name");
    if (!flow_name_ok(name)) {
        ferr(x, ns, "%s.name \"%s\" must be 1-63 of a-z, 0-9, '_' and '-'", what, name);
        return;
    }
    if (instrument_parse(name, &k) == 0) {
        ferr(x, ns, "%s.name \"%s\" is a built-in instrument's name: schedule it with flow ="
             " \"%s\", or name this flow otherwise", what, name, name);
        return;
    }
    for (int j = 0; j < i; j++)
        if (c->flows[j].f.name && strcmp(c->flows[j].f.name, name) == 0) {
            ferr(x, ns, "%s.name: duplicate flow name \"%s\" (line %d)", what, name,
                 c->flows[j].line);
            return;
        }
    snprintf(what, sizeof what, "flow \"%s\"", name);
    const config_setting_t *qs = config_setting_get_member(g, "questions");
    int n = qs && config_setting_is_list(qs) ? config_setting_length(qs) : -1;
    if (n < 1 || n > FLOW_MAX_QUESTIONS) {
        ferr(x, qs ? qs : g, "%s: questions must be a list of 1 to %d groups ( { id = ...;"
             " type = ...; text = ...; }, ... )", what, FLOW_MAX_QUESTIONS);
        return;
    }
    int before = x->nerr;
    for (int j = 0; j < n; j++) {
        const config_setting_t *qg = config_setting_get_elem(qs, (unsigned)j);
        char qwhat[160];
        snprintf(qwhat, sizeof qwhat, "%s questions[%d]", what, j);
        if (!config_setting_is_group(qg)) {
            ferr(x, qg, "%s must be a group { id = ...; type = ...; text = ...; }", qwhat);
            continue;
        }
        parse_question(x, qg, qwhat, fw, j);
    }
    fw->f.n = n;
    if (x->nerr > before)
        return; /* the model's checks would repeat what was said */
    fw->f.name = name;
    if (flow_validate(&fw->f, err, sizeof err) != 0) {
        fw->f.name = NULL;
        ferr(x, named_question(qs, g, err), "%s: %s", what, err);
    }
}

int cfg_flows_parse(struct gw_config *c, const config_setting_t *root, struct cfg_errors *errs)
{
    struct fl x = {errs, 0};
    const config_setting_t *l = config_setting_get_member(root, "flows");
    if (l == NULL)
        return 0;
    if (!config_setting_is_list(l)) {
        ferr(&x, l, "flows must be a list ( { name = ...; questions = ( ... ); }, ... )");
        return x.nerr;
    }
    int n = config_setting_length(l);
    c->flows = calloc((size_t)(n ? n : 1), sizeof *c->flows);
    if (c->flows == NULL) {
        cfg_errors_add(errs, c->file, 0, "out of memory");
        return 1;
    }
    c->nflows = (size_t)n;
    for (int i = 0; i < n; i++)
        parse_flow(&x, c, config_setting_get_elem(l, (unsigned)i), i);
    return x.nerr;
}

/* One instrument's texts in one language: { ID = "..."; ... } into fw. */
static void parse_instrument_lang(struct fl *x, const config_setting_t *t, const char *name,
                                  int lang, struct gw_flow *fw)
{
    static const char *const langs[] = {"en", "es"};
    char what[160], ids[400] = "";
    for (int i = 0; i < fw->f.n; i++)
        snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", i ? ", " : "", fw->q[i].id);
    if (!config_setting_is_group(t)) {
        ferr(x, t, "instruments.%s.%s must be a group { ID = \"text\"; ... } (its questions: %s)",
             name, langs[lang], ids);
        return;
    }
    for (int e = 0; e < config_setting_length(t); e++) {
        const config_setting_t *s = config_setting_get_elem(t, (unsigned)e);
        const char *id = config_setting_name(s);
        int i = 0;
        while (i < fw->f.n && strcmp(fw->q[i].id, id) != 0)
            i++;
        snprintf(what, sizeof what, "instruments.%s.%s.%s", name, langs[lang], id);
        if (i == fw->f.n) {
            ferr(x, s, "%s: %s has no question \"%s\" (its questions: %s)", what, name, id, ids);
            continue;
        }
        if (config_setting_type(s) != CONFIG_TYPE_STRING || !config_setting_get_string(s)[0]) {
            ferr(x, s, "%s must be a non-empty string", what);
            continue;
        }
        const char *text = config_setting_get_string(s);
        if (!cfg_segments_fit(x->errs, s, what, "", text, CLIENT_TEXT_MAX_SEGMENTS, "")) {
            x->nerr++;
            continue;
        }
        fw->q[i].text[lang] = text;
    }
}

/* instruments = { cssrs = { es = { c1 = "..."; ... }; }; ... }: a built-in
 * instrument's question texts replaced by the operator's, for example the
 * publisher's official Spanish wording from the clinic's licensed copy
 * (README "Instruments": the built-in Spanish C-SSRS and GAD-7 texts are
 * not the publishers'). Only texts change: the questions, their order,
 * conditions, answers and scoring stay the instrument's. */
int cfg_instruments_parse(struct gw_config *c, const config_setting_t *root,
                          struct cfg_errors *errs)
{
    static const char *const langs[] = {"en", "es", NULL};
    struct fl x = {errs, 0};
    const config_setting_t *g = config_setting_get_member(root, "instruments");
    if (g == NULL)
        return 0;
    if (!config_setting_is_group(g)) {
        ferr(&x, g, "instruments must be a group { cssrs = { es = { c1 = \"...\"; }; }; }");
        return x.nerr;
    }
    c->instruments = calloc(INSTR__COUNT, sizeof *c->instruments);
    if (c->instruments == NULL) {
        cfg_errors_add(errs, c->file, 0, "out of memory");
        return 1;
    }
    for (int e = 0; e < config_setting_length(g); e++) {
        const config_setting_t *ig = config_setting_get_elem(g, (unsigned)e);
        const char *name = config_setting_name(ig);
        enum instrument_kind k;
        if (instrument_parse(name, &k) != 0) {
            ferr(&x, ig, "instruments.%s: not a built-in instrument (phq9, gad7 or cssrs)", name);
            continue;
        }
        if (!config_setting_is_group(ig)) {
            ferr(&x, ig, "instruments.%s must be a group { es = { ID = \"text\"; ... }; }", name);
            continue;
        }
        x.nerr += cfg_check_keys(ig, langs, errs);
        const struct flow *base = instrument_flow(k);
        struct gw_flow *fw = &c->instruments[k];
        memcpy(fw->q, base->q, (size_t)base->n * sizeof fw->q[0]);
        fw->f = (struct flow){base->name, fw->q, base->n};
        fw->line = (int)config_setting_source_line(ig);
        for (int l = 0; l < FLOW_LANGS; l++) {
            const config_setting_t *t = config_setting_get_member(ig, langs[l]);
            if (t != NULL)
                parse_instrument_lang(&x, t, name, l, fw);
        }
    }
    return x.nerr;
}

const struct flow *gw_config_flow(const struct gw_config *c, const char *name, int *instrument)
{
    enum instrument_kind k;
    int dummy;
    if (!instrument)
        instrument = &dummy;
    *instrument = -1;
    for (size_t i = 0; name && i < c->nflows; i++)
        if (c->flows[i].f.name && strcmp(c->flows[i].f.name, name) == 0)
            return &c->flows[i].f;
    if (name && instrument_parse(name, &k) == 0) {
        *instrument = (int)k;
        if (c->instruments && c->instruments[k].f.name)
            return &c->instruments[k].f; /* the operator's texts */
        return instrument_flow(k);
    }
    return NULL;
}
