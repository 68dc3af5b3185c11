/* SPDX-License-Identifier: Apache-2.0 */
/* config_specialists.c: the `specialists` section and the on-call rota. */
#include <stdlib.h>
#include <string.h>

#include "model/schedule.h"
#include "config/config_internal.h"

/* ---- specialists ------------------------------------------------------- */

static bool parse_hours(const char *v, int *start, int *end);

/* "mon-fri 09:00-17:00", "sat 10:00-14:00", "mon,wed 18:00-22:00" (days:
 * one, a range that may wrap past sunday, or a comma list) into shift o.
 * Returns false if malformed. */
static bool parse_shift(const char *v, struct gw_oncall *o)
{
    char days[64];
    const char *sp = strchr(v, ' ');
    if (sp == NULL || (size_t)(sp - v) >= sizeof days || !parse_hours(sp + 1, &o->start, &o->end))
        return false;
    memcpy(days, v, (size_t)(sp - v));
    days[sp - v] = '\0';
    o->days = 0;
    for (char *save = NULL, *part = strtok_r(days, ",", &save); part;
         part = strtok_r(NULL, ",", &save)) {
        char *dash = strchr(part, '-');
        if (dash)
            *dash = '\0';
        int from = schedule_parse_weekday(part), to = dash ? schedule_parse_weekday(dash + 1) : from;
        if (from < 0 || to < 0)
            return false;
        for (int d = from;; d = (d + 1) % 7) {
            o->days |= 1u << d;
            if (d == to)
                break;
        }
    }
    return o->days != 0;
}

/* hours = [ "mon-fri 09:00-17:00", ... ]: optional working hours, in
 * program.timezone (issue 18 item 6). */
static void parse_work_hours(struct loader *ld, const config_setting_t *g, const char *what,
                             struct gw_specialist *sp)
{
    const config_setting_t *s = config_setting_get_member(g, "hours");
    sp->nhours = 0;
    if (s == NULL)
        return;
    int n = cfg_is_seq(s) ? config_setting_length(s) : -1;
    if (n < 1 || n > CFG_MAX_HOURS) {
        cfg_lerr(ld, s, "%s.hours must be an array of 1 to %d shifts, e.g. [ \"mon-fri "
                 "09:00-17:00\" ] (leave it out for none)", what, CFG_MAX_HOURS);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        const char *v = config_setting_type(e) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(e) : NULL;
        if (v == NULL || !parse_shift(v, &sp->hours[sp->nhours])) {
            cfg_lerr(ld, e, "%s.hours[%d] must be \"DAYS HH:MM-HH:MM\" (days: mon, mon-fri or "
                     "mon,wed,fri), e.g. \"mon-fri 09:00-17:00\"", what, i);
            sp->nhours = 0;
            return;
        }
        sp->nhours++;
    }
}

void cfg_parse_specialists(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "id", "name", "phone", "backup", "lang", "hours", NULL };
    struct gw_config *c = ld->c;
    const config_setting_t *l = cfg_required_list(
        ld, root, "specialists",
        "{ id = \"jordan\"; name = \"Jordan\"; phone = \"+15555550100\"; }");
    if (l == NULL)
        return;
    int n = config_setting_length(l);
    c->specialists = calloc((size_t)n, sizeof *c->specialists);
    if (c->specialists == NULL) {
        cfg_oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_specialist *sp = &c->specialists[i];
        c->nspecialists = (size_t)i; /* entries before this one, for duplicate checks */
        char what[32];
        snprintf(what, sizeof what, "specialists[%d]", i);
        if (!config_setting_is_group(g)) {
            cfg_lerr(ld, g, "%s must be a group { id = ...; phone = ...; }, not %s", what,
                     type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);

        const char *id = cfg_member_str(ld, g, what, "id", true);
        if (id != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "id");
            if (!cfg_name_is_valid(id))
                cfg_lerr(ld, s, "%s.id \"%s\" must be 1-63 of a-z, 0-9, '_' and '-'", what, id);
            else if (gw_config_specialist(c, id) != NULL)
                cfg_lerr(ld, s, "%s.id: duplicate specialist id \"%s\"", what, id);
            else
                cfg_copy_str(sp->id, sizeof sp->id, id);
        }

        /* The display name is optional: it defaults to the id. */
        const char *name = cfg_member_str(ld, g, what, "name", false);
        if (name == NULL)
            name = sp->id;
        if (!cfg_copy_str(sp->name, sizeof sp->name, name))
            cfg_lerr(ld, config_setting_get_member(g, "name"), "%s.name is too long (at most %d "
                     "characters)", what, CFG_NAME_MAX - 1);

        const char *phone = cfg_member_str(ld, g, what, "phone", true);
        if (phone != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "phone");
            if (!phone_is_e164(phone))
                cfg_lerr(ld, s, "%s.phone \"%s\" is not an E.164 number (\"+\", country code, "
                         "number: \"+15555550100\")", what, phone);
            else if (gw_config_specialist_by_phone(c, phone) != NULL)
                cfg_lerr(ld, s, "%s.phone: %s is already another specialist's number", what, phone);
            else
                cfg_copy_str(sp->phone, sizeof sp->phone, phone);
        }

        const char *backup = cfg_member_str(ld, g, what, "backup", false);
        if (backup != NULL && !cfg_copy_str(sp->backup, sizeof sp->backup, backup))
            cfg_lerr(ld, config_setting_get_member(g, "backup"),
                     "%s.backup is too long (at most %d characters)", what, CFG_NAME_MAX - 1);

        /* The language of the texts they get: alerts, answers, digests. */
        const char *lang = cfg_member_str(ld, g, what, "lang", false);
        sp->lang = LANG_EN;
        if (lang != NULL && lang_parse(lang, &sp->lang) != 0)
            cfg_lerr(ld, config_setting_get_member(g, "lang"), "%s.lang \"%s\" must be \"en\" or "
                     "\"es\"", what, lang);
        parse_work_hours(ld, g, what, sp);
    }
    c->nspecialists = (size_t)n;

    /* Backups can name specialists defined later, so check after the list. */
    for (size_t i = 0; i < c->nspecialists; i++) {
        struct gw_specialist *sp = &c->specialists[i];
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        const config_setting_t *s = g ? config_setting_get_member(g, "backup") : NULL;
        if (sp->backup[0] == '\0')
            continue;
        if (strcmp(sp->backup, sp->id) == 0)
            cfg_lerr(ld, s, "specialists[%zu].backup: \"%s\" cannot be their own backup", i,
                     sp->backup);
        else if (gw_config_specialist(c, sp->backup) == NULL)
            cfg_lerr(ld, s, "specialists[%zu].backup: unknown specialist id \"%s\"", i, sp->backup);
    }
}

/* ---- on-call rota ------------------------------------------------------ */

/* "HH:MM-HH:MM" -> start and end minutes; false if malformed. */
static bool parse_hours(const char *v, int *start, int *end)
{
    char a[6], b[6];
    if (strlen(v) != 11 || v[5] != '-')
        return false;
    memcpy(a, v, 5);
    a[5] = '\0';
    memcpy(b, v + 6, 5);
    b[5] = '\0';
    *start = schedule_parse_hhmm(a);
    *end = schedule_parse_hhmm(b);
    return *start >= 0 && *end >= 0;
}

/* oncall = ( { specialist = "sam"; hours = "18:00-08:00"; days = [...]; } );
 * Optional: who takes an unacknowledged alert whose specialist has no
 * backup. Hours are in program.timezone; a shift may run past midnight. */
void cfg_parse_oncall(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "specialist", "hours", "days", NULL };
    struct gw_config *c = ld->c;
    const config_setting_t *l = config_setting_get_member(root, "oncall");
    if (l == NULL)
        return;
    if (!cfg_is_seq(l)) {
        cfg_lerr(ld, l, "oncall must be a list ( { specialist = ...; hours = ...; }, ... ), not %s",
                 type_name(config_setting_type(l)));
        return;
    }
    int n = config_setting_length(l);
    if (n == 0)
        return;
    c->oncall = calloc((size_t)n, sizeof *c->oncall);
    if (c->oncall == NULL) {
        cfg_oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_oncall *o = &c->oncall[i];
        char what[32];
        snprintf(what, sizeof what, "oncall[%d]", i);
        if (!config_setting_is_group(g)) {
            cfg_lerr(ld, g, "%s must be a group { specialist = ...; hours = ...; }, not %s", what,
                     type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);
        const char *who = cfg_member_str(ld, g, what, "specialist", true);
        if (who != NULL) {
            if (gw_config_specialist(c, who) == NULL)
                cfg_lerr(ld, config_setting_get_member(g, "specialist"),
                         "%s.specialist: unknown specialist id \"%s\"", what, who);
            else
                cfg_copy_str(o->specialist, sizeof o->specialist, who);
        }
        const char *hours = cfg_member_str(ld, g, what, "hours", true);
        if (hours != NULL && !parse_hours(hours, &o->start, &o->end))
            cfg_lerr(ld, config_setting_get_member(g, "hours"),
                     "%s.hours \"%s\" is not \"HH:MM-HH:MM\" (e.g. \"18:00-08:00\")", what, hours);
        struct gw_schedule days = {0};
        cfg_parse_days(ld, g, what, &days);
        o->days = days.days;
    }
    c->noncall = (size_t)n;
}
