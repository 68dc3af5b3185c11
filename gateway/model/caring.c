/* SPDX-License-Identifier: Apache-2.0 */
/* caring.c: the pure plan of caring contacts (see caring.h). Builds on
 * schedule.c's zone handling (local day of an instant, instant of a local
 * time, quiet hours) and its per-client hash. */
#include "model/caring.h"

#include <stdio.h>
#include <string.h>

#include "model/schedule.h"

int caring_parse_birthday(const char *s, int *month, int *day)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (s == NULL || strlen(s) != 5 || s[2] != '-')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int m = (s[0] - '0') * 10 + (s[1] - '0'), d = (s[3] - '0') * 10 + (s[4] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    *month = m;
    *day = d;
    return 0;
}

int64_t caring_birthday_day(int year, int month, int day)
{
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap)
        day = 28;
    return schedule_days_from_civil(year, month, day);
}

/* The varied instant of client_id's contact on local date day: a minute of
 * the window chosen by a hash of (client, date), plus seconds. */
static int slot_on(const struct gw_schedule *s, const char *tz, int64_t client_id, int64_t day,
                   int64_t *out)
{
    int y, m, d;
    int64_t span = (int64_t)(s->caring_to - s->caring_from) * 60;
    int64_t j = schedule_jitter(client_id, day, (int)span);
    schedule_civil_from_days(day, &y, &m, &d);
    if (schedule_local_instant(tz, y, m, d, s->caring_from + (int)(j / 60), out) != 0)
        return -1;
    *out += j % 60;
    return 0;
}

/* Keeps candidate (day, slot) in *best when it is after `after` and earlier
 * than what *best holds. */
static void consider(struct caring_slot *best, bool *found, const struct caring_slot *c,
                     int64_t after)
{
    if (c->slot > after && (!*found || c->slot < best->slot)) {
        *best = *c;
        *found = true;
    }
}

int caring_next(const struct gw_schedule *s, const struct gw_quiet *q, const char *tz,
                int64_t client_id, int64_t enrolled_at, const char *birthday, int64_t after,
                struct caring_slot *out)
{
    int64_t e0, ds, de, quiet_end;
    int bm = 0, bd = 0, y0, y1, mm, dd;
    bool found = false, has_bday;
    struct caring_slot best = {0}, c;

    if (s == NULL || out == NULL || s->kind != SCHED_CARING || s->ncaring_days < 1 ||
        schedule_local_day(enrolled_at, tz, &e0, &ds, &de) != 0)
        return -1;
    has_bday = birthday != NULL && caring_parse_birthday(birthday, &bm, &bd) == 0;
    int64_t last = e0 + s->caring_days[s->ncaring_days - 1];
    schedule_civil_from_days(e0, &y0, &mm, &dd);
    schedule_civil_from_days(last, &y1, &mm, &dd);

    /* Birthdays inside (enrolment, last day]. */
    for (int y = y0; has_bday && y <= y1; y++) {
        int64_t day = caring_birthday_day(y, bm, bd);
        if (day <= e0 || day > last)
            continue;
        memset(&c, 0, sizeof c);
        c.day = day;
        c.birthday = true;
        c.day_offset = (int)(day - e0);
        c.ordinal = y;
        if (slot_on(s, tz, client_id, day, &c.slot) != 0)
            return -1;
        consider(&best, &found, &c, after);
    }
    for (int i = 0; i < s->ncaring_days; i++) {
        int64_t day = e0 + s->caring_days[i];
        int by, bmm, bdd;
        schedule_civil_from_days(day, &by, &bmm, &bdd);
        if (has_bday && caring_birthday_day(by, bm, bd) == day)
            continue; /* the birthday's contact stands for it */
        memset(&c, 0, sizeof c);
        c.day = day;
        c.day_offset = s->caring_days[i];
        c.ordinal = i;
        if (slot_on(s, tz, client_id, day, &c.slot) != 0)
            return -1;
        consider(&best, &found, &c, after);
    }
    if (!found)
        return 1;
    if (schedule_quiet_end(q, tz, best.slot, &quiet_end) != 0)
        return -1;
    best.send = quiet_end; /* the slot itself when outside quiet hours */
    *out = best;
    return 0;
}

void caring_key(const struct caring_slot *c, char *out, size_t outsz)
{
    if (c->birthday)
        snprintf(out, outsz, "birthday-%d", c->ordinal);
    else
        snprintf(out, outsz, "day-%d", c->day_offset);
}

const char *caring_text(const struct gw_schedule *s, int64_t client_id,
                        const struct caring_slot *c, enum lang l)
{
    const struct gw_caring_text *t;
    if ((unsigned)l >= LANG__COUNT)
        l = LANG_EN;
    if (c->birthday && s->birthday_text.text[LANG_EN] != NULL) {
        t = &s->birthday_text;
    } else {
        if (s->ncaring_texts < 1)
            return NULL;
        /* The client's own starting place keeps a cohort enrolled on the
         * same day from all getting the same words on the same day. */
        uint64_t k = (uint64_t)client_id + (uint64_t)c->ordinal;
        t = &s->caring_texts[k % (uint64_t)s->ncaring_texts];
    }
    return t->text[l] ? t->text[l] : t->text[LANG_EN];
}
