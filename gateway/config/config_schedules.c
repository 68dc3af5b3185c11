/* SPDX-License-Identifier: Apache-2.0 */
/* config_schedules.c: the `schedules` section (check-in schedules and
 * caring contacts) and `quiet_hours`. */
#include <stdlib.h>
#include <string.h>

#include "config/config_flows.h"
#include "model/schedule.h"
#include "model/template.h"
#include "config/config_internal.h"

/* ---- schedules --------------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void parse_times(struct loader *ld, const config_setting_t *g, const char *what,
                        struct gw_schedule *sc)
{
    const config_setting_t *s = config_setting_get_member(g, "times");
    int n, k = 0;

    if (s == NULL) {
        cfg_lerr(ld, g, "%s: missing required setting 'times' (e.g. times = [ \"09:00\" ];)", what);
        return;
    }
    if (!cfg_is_seq(s)) {
        cfg_lerr(ld, s, "%s.times must be an array of \"HH:MM\" strings, not %s", what,
                 type_name(config_setting_type(s)));
        return;
    }
    n = config_setting_length(s);
    if (n < 1 || n > CFG_MAX_TIMES) {
        cfg_lerr(ld, s, "%s.times must have 1 to %d times, not %d", what, CFG_MAX_TIMES, n);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        int m;
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            cfg_lerr(ld, e, "%s.times[%d] must be a string \"HH:MM\", not %s", what, i,
                     type_name(config_setting_type(e)));
            continue;
        }
        m = schedule_parse_hhmm(config_setting_get_string(e));
        if (m < 0) {
            cfg_lerr(ld, e, "%s.times[%d]: \"%s\" is not a time of day \"HH:MM\" (00:00 to 23:59)",
                     what, i, config_setting_get_string(e));
            continue;
        }
        sc->times[k++] = m;
    }
    qsort(sc->times, (size_t)k, sizeof sc->times[0], cmp_int);
    sc->ntimes = 0;
    for (int i = 0; i < k; i++)
        if (sc->ntimes == 0 || sc->times[sc->ntimes - 1] != sc->times[i])
            sc->times[sc->ntimes++] = sc->times[i];
}

void cfg_parse_days(struct loader *ld, const config_setting_t *g, const char *what,
                    struct gw_schedule *sc)
{
    const config_setting_t *s = config_setting_get_member(g, "days");
    int n;

    sc->days = 0x7F; /* every day */
    if (s == NULL)
        return;
    if (!cfg_is_seq(s)) {
        cfg_lerr(ld, s, "%s.days must be an array of weekday names [ \"mon\", ... ], not %s", what,
                 type_name(config_setting_type(s)));
        return;
    }
    n = config_setting_length(s);
    if (n == 0) {
        cfg_lerr(ld, s, "%s.days is empty: the schedule would never send (leave days out for every "
                 "day)", what);
        return;
    }
    sc->days = 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        int d;
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            cfg_lerr(ld, e, "%s.days[%d] must be a weekday name, not %s", what, i,
                     type_name(config_setting_type(e)));
            continue;
        }
        d = schedule_parse_weekday(config_setting_get_string(e));
        if (d < 0 || d > 6) {
            cfg_lerr(ld, e,
                     "%s.days[%d]: \"%s\" is not a weekday (mon, tue, wed, thu, fri, sat, sun)",
                     what, i, config_setting_get_string(e));
            continue;
        }
        sc->days |= 1u << d;
    }
}

/* scale = [ min, max ]; returns false (after an error) if malformed. */
static bool parse_scale(struct loader *ld, const config_setting_t *g, const char *what,
                        struct gw_schedule *sc)
{
    const config_setting_t *s = config_setting_get_member(g, "scale");
    const config_setting_t *a, *b;
    long long lo, hi;

    sc->scale_min = 1;
    sc->scale_max = 10;
    if (s == NULL)
        return true;
    if (!cfg_is_seq(s) || config_setting_length(s) != 2) {
        cfg_lerr(ld, s, "%s.scale must be two integers [ min, max ], e.g. [ 1, 10 ]", what);
        return false;
    }
    a = config_setting_get_elem(s, 0);
    b = config_setting_get_elem(s, 1);
    if (!cfg_is_int(a) || !cfg_is_int(b)) {
        cfg_lerr(ld, s, "%s.scale must be two integers [ min, max ], e.g. [ 1, 10 ]", what);
        return false;
    }
    lo = config_setting_get_int64(a);
    hi = config_setting_get_int64(b);
    if (lo < 0 || hi > 100 || lo >= hi) {
        cfg_lerr(ld, s, "%s.scale [ %lld, %lld ]: need 0 <= min < max <= 100", what, lo, hi);
        return false;
    }
    sc->scale_min = (int)lo;
    sc->scale_max = (int)hi;
    return true;
}

/* The smallest distance, in minutes, between two consecutive times of sc
 * (the last and the first of the next day too): the jitter must stay below
 * it, or a spread check-in would be sent after the next one's time. */
static int min_gap(const struct gw_schedule *sc)
{
    int gap = 24 * 60;
    for (int i = 0; i + 1 < sc->ntimes; i++)
        if (sc->times[i + 1] - sc->times[i] < gap)
            gap = sc->times[i + 1] - sc->times[i];
    if (sc->ntimes > 1 && sc->times[0] + 24 * 60 - sc->times[sc->ntimes - 1] < gap)
        gap = sc->times[0] + 24 * 60 - sc->times[sc->ntimes - 1];
    return gap;
}

/* reminder_minutes, jitter_minutes, lang, question: all optional. */
static void parse_schedule_extras(struct loader *ld, const config_setting_t *g, const char *what,
                                  struct gw_schedule *sc)
{
    const config_setting_t *s;

    sc->reminder_minutes = 0;
    if (cfg_member_int(ld, g, what, "reminder_minutes", 0, 1439, &sc->reminder_minutes) &&
        sc->reminder_minutes >= sc->window_minutes)
        cfg_lerr(ld, config_setting_get_member(g, "reminder_minutes"),
                 "%s.reminder_minutes = %d must be less than window_minutes = %d (a reminder after"
                 " the window closes could not be answered)", what, sc->reminder_minutes,
                 sc->window_minutes);

    sc->jitter_minutes = 0;
    if (cfg_member_int(ld, g, what, "jitter_minutes", 0, 120, &sc->jitter_minutes) &&
        sc->jitter_minutes > 0) {
        s = config_setting_get_member(g, "jitter_minutes");
        if (sc->ntimes > 0 && sc->jitter_minutes >= min_gap(sc))
            cfg_lerr(ld, s, "%s.jitter_minutes = %d must be less than the %d minutes between two"
                     " of its times", what, sc->jitter_minutes, min_gap(sc));
        else if (sc->jitter_minutes >= sc->window_minutes)
            cfg_lerr(ld, s, "%s.jitter_minutes = %d must be less than window_minutes = %d", what,
                     sc->jitter_minutes, sc->window_minutes);
    }

    sc->lang = LANG_EN;
    const char *lang = cfg_member_str(ld, g, what, "lang", false);
    if (lang != NULL && lang_parse(lang, &sc->lang) != 0)
        cfg_lerr(ld, config_setting_get_member(g, "lang"), "%s.lang \"%s\" must be \"en\" or"
                 " \"es\"", what, lang);

    s = config_setting_get_member(g, "question");
    if (s == NULL)
        return;
    if (!config_setting_is_group(s)) {
        cfg_lerr(ld, s, "%s.question must be a group { en = \"...\"; es = \"...\"; }, not %s", what,
                 type_name(config_setting_type(s)));
        return;
    }
    const char *keys[LANG__COUNT + 1];
    for (int l = 0; l < LANG__COUNT; l++)
        keys[l] = cfg_lang_names[l];
    keys[LANG__COUNT] = NULL;
    ld->nerr += cfg_check_keys(s, keys, ld->errs);
    for (int l = 0; l < LANG__COUNT; l++) {
        const config_setting_t *q = config_setting_get_member(s, cfg_lang_names[l]);
        char label[64];
        if (q == NULL)
            continue; /* that language asks templates.<lang>.checkin */
        snprintf(label, sizeof label, "%s.question.%s", what, cfg_lang_names[l]);
        if (config_setting_type(q) != CONFIG_TYPE_STRING) {
            cfg_lerr(ld, q, "%s must be a string, not %s", label,
                     type_name(config_setting_type(q)));
            continue;
        }
        if (!cfg_template_text_ok(ld, q, label, config_setting_get_string(q)))
            continue;
        sc->question[l] = strdup(config_setting_get_string(q));
        if (sc->question[l] == NULL)
            cfg_oom(ld);
    }
}

/* quiet_hours = { start = "21:00"; end = "08:00"; }: optional, top level. */
void cfg_parse_quiet_hours(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "start", "end", NULL };
    const config_setting_t *g = config_setting_get_member(root, "quiet_hours");
    struct gw_quiet *q = &ld->c->quiet;
    int m[2] = { -1, -1 };

    q->enabled = false;
    if (g == NULL)
        return;
    if (!config_setting_is_group(g)) {
        cfg_lerr(ld, g,
                 "quiet_hours must be a group { start = \"21:00\"; end = \"08:00\"; }, not %s",
                 type_name(config_setting_type(g)));
        return;
    }
    ld->nerr += cfg_check_keys(g, keys, ld->errs);
    for (int i = 0; i < 2; i++) {
        const char *v = cfg_member_str(ld, g, "quiet_hours", keys[i], true);
        if (v == NULL)
            continue;
        m[i] = schedule_parse_hhmm(v);
        if (m[i] < 0)
            cfg_lerr(ld, config_setting_get_member(g, keys[i]), "quiet_hours.%s: \"%s\" is not a"
                     " time of day \"HH:MM\" (00:00 to 23:59)", keys[i], v);
    }
    if (m[0] < 0 || m[1] < 0)
        return;
    if (m[0] == m[1]) {
        cfg_lerr(ld, g, "quiet_hours: start and end are both %s; leave quiet_hours out for none",
                 config_setting_get_string(config_setting_get_member(g, "start")));
        return;
    }
    q->enabled = true;
    q->start = m[0];
    q->end = m[1];
}

/* ---- caring contacts (kind = "caring") ---------------------------------- */

/* The keys that belong to one kind of schedule only. */
static const char *const checkin_only_keys[] = { "times", "days", "window_minutes",
                                                 "reminder_minutes", "jitter_minutes",
                                                 "question", "flow", NULL };
static const char *const caring_only_keys[] = { "days_after_enrolment", "window", "texts",
                                                "birthday_text", NULL };

/* An error for each key of g (from keys) that does not apply to its kind. */
static void refuse_keys(struct loader *ld, const config_setting_t *g, const char *what,
                        const char *const *keys, const char *why)
{
    for (int i = 0; keys[i] != NULL; i++) {
        const config_setting_t *s = config_setting_get_member(g, keys[i]);
        if (s != NULL)
            cfg_lerr(ld, s, "%s.%s does not apply to %s", what, keys[i], why);
    }
}

/* One caring text in language label: a usable template (not empty, known
 * placeholders) of at most CARING_MAX_SEGMENTS SMS segments rendered with
 * long sample values. Returns an owned copy, or NULL after an error. */
static char *caring_text_parse(struct loader *ld, const config_setting_t *s, const char *label)
{
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        cfg_lerr(ld, s, "%s must be a string, not %s", label, type_name(config_setting_type(s)));
        return NULL;
    }
    const char *text = config_setting_get_string(s);
    if (!cfg_template_text_ok(ld, s, label, text))
        return NULL;
    struct tpl_vars v = { .program = ld->c->program_name, .contact = ld->c->program_contact,
                          .alias = "alias-sixteen-ch", .peer = "Jordan Smith-Lee" };
    char out[2048];
    int ucs2 = 0;
    if (template_render(text, &v, out, sizeof out) < 0) {
        cfg_lerr(ld, s, "%s is too long", label);
        return NULL;
    }
    int n = sms_segments(out, &ucs2);
    if (n > CARING_MAX_SEGMENTS) {
        cfg_lerr(ld, s, "%s is %d SMS segments with sample values (%s; at most %d): a caring "
                 "contact is short, shorten it", label, n, ucs2 ? "Unicode" : "plain",
                 CARING_MAX_SEGMENTS);
        return NULL;
    }
    char *copy = strdup(text);
    if (copy == NULL)
        cfg_oom(ld);
    return copy;
}

/* { en = "..."; es = "..."; } into *t: en required, es optional. */
static void caring_text_group(struct loader *ld, const config_setting_t *g, const char *what,
                              struct gw_caring_text *t)
{
    const char *keys[LANG__COUNT + 1];
    if (!config_setting_is_group(g)) {
        cfg_lerr(ld, g, "%s must be a group { en = \"...\"; es = \"...\"; }, not %s", what,
                 type_name(config_setting_type(g)));
        return;
    }
    for (int l = 0; l < LANG__COUNT; l++)
        keys[l] = cfg_lang_names[l];
    keys[LANG__COUNT] = NULL;
    ld->nerr += cfg_check_keys(g, keys, ld->errs);
    for (int l = 0; l < LANG__COUNT; l++) {
        const config_setting_t *s = config_setting_get_member(g, cfg_lang_names[l]);
        char label[96];
        snprintf(label, sizeof label, "%s.%s", what, cfg_lang_names[l]);
        if (s == NULL) {
            if (l == LANG_EN)
                cfg_lerr(ld, g, "%s: missing required setting 'en' (the English text)", what);
            continue;
        }
        t->text[l] = caring_text_parse(ld, s, label);
    }
}

/* days_after_enrolment = [ 1, 7, ... ]: 1 to CFG_MAX_CARING_DAYS integers,
 * 1 to 3660, ascending. Absent: the default tapering plan. */
static void parse_caring_days(struct loader *ld, const config_setting_t *g, const char *what,
                              struct gw_schedule *sc)
{
    static const int defaults[] = { 1, 7, 14, 30, 60, 90, 120, 180, 240, 300, 365 };
    const config_setting_t *s = config_setting_get_member(g, "days_after_enrolment");
    sc->ncaring_days = 0;
    if (s == NULL) {
        for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
            sc->caring_days[sc->ncaring_days++] = defaults[i];
        return;
    }
    int n = cfg_is_seq(s) ? config_setting_length(s) : -1;
    if (n < 1 || n > CFG_MAX_CARING_DAYS) {
        cfg_lerr(ld, s, "%s.days_after_enrolment must be an array of 1 to %d day numbers, e.g. "
                 "[ 1, 7, 14, 30 ]", what, CFG_MAX_CARING_DAYS);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        long long v = cfg_is_int(e) ? config_setting_get_int64(e) : -1;
        if (v < 1 || v > 3660) {
            cfg_lerr(ld, e, "%s.days_after_enrolment[%d] must be a whole number of days from 1 to "
                     "3660", what, i);
            sc->ncaring_days = 0;
            return;
        }
        if (i > 0 && v <= sc->caring_days[i - 1]) {
            cfg_lerr(ld, e, "%s.days_after_enrolment[%d] = %lld must be greater than the day "
                     "before it (%d): list the days in ascending order, each once", what, i, v,
                     sc->caring_days[i - 1]);
            sc->ncaring_days = 0;
            return;
        }
        sc->caring_days[sc->ncaring_days++] = (int)v;
    }
}

/* window = [ "10:00", "18:00" ]: the caring contacts' send window, local
 * time, start before end (it does not wrap midnight). */
static void parse_caring_window(struct loader *ld, const config_setting_t *g, const char *what,
                                struct gw_schedule *sc)
{
    const config_setting_t *s = config_setting_get_member(g, "window");
    sc->caring_from = 10 * 60;
    sc->caring_to = 18 * 60;
    if (s == NULL)
        return;
    const char *a = NULL, *b = NULL;
    if (cfg_is_seq(s) && config_setting_length(s) == 2) {
        a = config_setting_get_string_elem(s, 0);
        b = config_setting_get_string_elem(s, 1);
    }
    int from = a ? schedule_parse_hhmm(a) : -1, to = b ? schedule_parse_hhmm(b) : -1;
    if (from < 0 || to < 0) {
        cfg_lerr(ld, s, "%s.window must be two times of day [ \"HH:MM\", \"HH:MM\" ], e.g. "
                 "[ \"10:00\", \"18:00\" ]", what);
        return;
    }
    if (from >= to) {
        cfg_lerr(ld, s, "%s.window [ \"%s\", \"%s\" ]: the start must be before the end (the "
                 "window does not wrap midnight)", what, a, b);
        return;
    }
    sc->caring_from = from;
    sc->caring_to = to;
}

/* A caring schedule's own keys: the plan, the window, the texts. */
static void parse_caring(struct loader *ld, const config_setting_t *g, const char *what,
                         struct gw_schedule *sc)
{
    char label[64];
    refuse_keys(ld, g, what, checkin_only_keys,
                "kind = \"caring\" (caring contacts expect no reply; see days_after_enrolment,"
                " window and texts)");
    sc->days = 0x7F;
    parse_caring_days(ld, g, what, sc);
    parse_caring_window(ld, g, what, sc);
    const config_setting_t *t = config_setting_get_member(g, "texts");
    if (t == NULL) {
        cfg_lerr(ld, g, "%s: missing required setting 'texts' (kind = \"caring\": texts = ( { en "
                 "= \"...\"; es = \"...\"; }, ... );)", what);
    } else if (!cfg_is_seq(t) || config_setting_length(t) < 1 ||
               config_setting_length(t) > CFG_MAX_CARING_TEXTS) {
        cfg_lerr(ld, t, "%s.texts must be a list of 1 to %d groups ( { en = \"...\"; es = "
                 "\"...\"; }, ... )", what, CFG_MAX_CARING_TEXTS);
    } else {
        sc->ncaring_texts = config_setting_length(t);
        for (int i = 0; i < sc->ncaring_texts; i++) {
            snprintf(label, sizeof label, "%s.texts[%d]", what, i);
            caring_text_group(ld, config_setting_get_elem(t, (unsigned)i), label,
                              &sc->caring_texts[i]);
        }
    }
    t = config_setting_get_member(g, "birthday_text");
    if (t != NULL) {
        snprintf(label, sizeof label, "%s.birthday_text", what);
        caring_text_group(ld, t, label, &sc->birthday_text);
    }
}

/* flow = "NAME": a configured flow or a built-in instrument. */
static void parse_schedule_flow(struct loader *ld, const config_setting_t *g, const char *what,
                                struct gw_schedule *sc)
{
    const char *name = cfg_member_str(ld, g, what, "flow", false);
    sc->instrument = -1;
    if (name == NULL)
        return;
    sc->flow = gw_config_flow(ld->c, name, &sc->instrument);
    if (sc->flow == NULL)
        cfg_lerr(ld, config_setting_get_member(g, "flow"), "%s.flow \"%s\" is neither a flow in"
                 " flows = ( ... ) nor a built-in instrument (phq9, gad7, cssrs)", what, name);
    else
        cfg_copy_str(sc->flow_name, sizeof sc->flow_name, name);
}

void cfg_parse_schedules(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "name", "kind", "times", "days", "window_minutes",
                                        "scale", "alert_at_or_below", "reminder_minutes",
                                        "jitter_minutes", "lang", "question",
                                        "days_after_enrolment", "window", "texts",
                                        "birthday_text", "flow", NULL };
    struct gw_config *c = ld->c;
    const config_setting_t *l =
        cfg_required_list(ld, root, "schedules", "{ name = \"daily\"; times = [ \"09:00\" ]; }");
    if (l == NULL)
        return;
    int n = config_setting_length(l);
    c->schedules = calloc((size_t)n, sizeof *c->schedules);
    if (c->schedules == NULL) {
        cfg_oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_schedule *sc = &c->schedules[i];
        c->nschedules = (size_t)i; /* entries before this one, for duplicate checks */
        char what[32];
        snprintf(what, sizeof what, "schedules[%d]", i);
        if (!config_setting_is_group(g)) {
            cfg_lerr(ld, g, "%s must be a group { name = ...; times = [...]; }, not %s", what,
                     type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);

        const char *name = cfg_member_str(ld, g, what, "name", true);
        if (name != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "name");
            if (!cfg_name_is_valid(name)) {
                cfg_lerr(ld, s, "%s.name \"%s\" must be 1-63 of a-z, 0-9, '_' and '-'", what, name);
            } else if (gw_config_schedule(c, name) != NULL) {
                cfg_lerr(ld, s, "%s.name: duplicate schedule name \"%s\"", what, name);
            } else {
                cfg_copy_str(sc->name, sizeof sc->name, name);
            }
        }
        const char *kind = cfg_member_str(ld, g, what, "kind", false);
        sc->kind = SCHED_CHECKIN;
        if (kind != NULL && strcmp(kind, "caring") == 0)
            sc->kind = SCHED_CARING;
        bool kind_ok = kind == NULL || sc->kind == SCHED_CARING || strcmp(kind, "checkin") == 0;
        if (!kind_ok) /* then its other keys cannot be judged: no more errors from them */
            cfg_lerr(ld, config_setting_get_member(g, "kind"), "%s.kind \"%s\" must be "
                     "\"checkin\" (the default) or \"caring\"", what, kind);
        sc->window_minutes = 240; /* a caring client's one-off check-in gets it too */
        sc->instrument = -1;
        if (!kind_ok) {
            sc->days = 0x7F;
        } else if (sc->kind == SCHED_CARING) {
            parse_caring(ld, g, what, sc);
        } else {
            refuse_keys(ld, g, what, caring_only_keys, "a check-in schedule (only to kind = "
                        "\"caring\")");
            parse_times(ld, g, what, sc);
            cfg_parse_days(ld, g, what, sc);
            cfg_member_int(ld, g, what, "window_minutes", 1, 1440, &sc->window_minutes);
            parse_schedule_flow(ld, g, what, sc);
        }

        bool scale_ok = parse_scale(ld, g, what, sc);
        const config_setting_t *t = config_setting_get_member(g, "alert_at_or_below");
        sc->alert_at_or_below = 2;
        if (t != NULL && !cfg_member_int(ld, g, what, "alert_at_or_below", 0, 100,
                                         &sc->alert_at_or_below))
            scale_ok = false; /* already reported */
        if (scale_ok &&
            (sc->alert_at_or_below < sc->scale_min || sc->alert_at_or_below > sc->scale_max))
            cfg_lerr(ld, t ? t : g, "%s.alert_at_or_below = %d%s is outside the scale %d-%d", what,
                     sc->alert_at_or_below, t ? "" : " (the default)", sc->scale_min,
                     sc->scale_max);
        parse_schedule_extras(ld, g, what, sc);
    }
    c->nschedules = (size_t)n;
}
