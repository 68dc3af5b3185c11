/* SPDX-License-Identifier: Apache-2.0 */
/* severity.c: pure escalation rules (see severity.h). */
#include "model/severity.h"

#include <stdio.h>
#include <string.h>

const char *severity_name(enum severity s)
{
    return (s >= SEV_NONE && s <= SEV_URGENT) ? stored_severity_name(s) : "none";
}

enum severity severity_parse(const char *name)
{
    enum severity s = SEV_NONE;
    return stored_severity_parse(name, &s) ? s : SEV_NONE;
}

enum severity escalate_severity(const struct reply_result *r, const struct gw_schedule *s,
                                const struct gw_escalation *esc, char *reason,
                                size_t reasonsz)
{
    int threshold = s ? s->alert_at_or_below : 2;
    enum severity relapse = esc ? severity_parse(esc->relapse) : SEV_HIGH;
    enum severity out = SEV_NONE;
    reason[0] = '\0';
    char why[160];
    reply_reasons_text(r->reasons, why, sizeof why);
    if (r->signals & REPLY_SIG_CRISIS) {
        /* An explicit denial ("I'm not suicidal, just worn out") lowers it
         * to high: the specialist is told, the client gets no automatic
         * crisis text. It never silences it (rule 4). */
        bool denied = r->signals & REPLY_SIG_NEGATED;
        snprintf(reason, reasonsz, "crisis language%s%s%s%s", denied ? " (negated" : "",
                 why[0] ? (denied ? "; " : " (") : "", why, denied || why[0] ? ")" : "");
        return denied ? SEV_HIGH : SEV_URGENT;
    }
    if (relapse == SEV_NONE)
        relapse = SEV_HIGH; /* a config that validated never gets here */
    if (r->has_score && r->score <= threshold) {
        snprintf(reason, reasonsz, "score %g <= %d", r->score, threshold);
        out = SEV_HIGH;
    }
    /* A low score and relapse together: the higher of the two, both named. */
    if ((r->signals & REPLY_SIG_RELAPSE) && relapse >= out) {
        size_t l = strlen(reason);
        snprintf(reason + l, reasonsz - l, "%srelapse", l ? ", " : "");
        out = relapse;
    }
    /* A request for contact or a serious life event: a person is paged at
     * once (rule 6), without the crisis text. */
    static const struct {
        unsigned sig;
        const char *text;
    } pages[] = {{REPLY_SIG_CONTACT, "asks for contact"}, {REPLY_SIG_EVENT, "serious life event"}};
    for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
        if (!(r->signals & pages[k].sig))
            continue;
        size_t l = strlen(reason);
        snprintf(reason + l, reasonsz - l, "%s%s", l ? ", " : "", pages[k].text);
        if (out < SEV_HIGH)
            out = SEV_HIGH;
    }
    /* Risk words about somebody else, the past or a group's topic, or a
     * drug of misuse taken as prescribed: a watch note with the text, in
     * the digest. */
    if (out == SEV_NONE && (r->signals & REPLY_SIG_CONTEXT)) {
        const uint32_t elsewhere = REPLY_R_OTHER_PERSON | REPLY_R_PAST | REPLY_R_TOPIC;
        if ((r->reasons & REPLY_R_DOSE) && !(r->reasons & elsewhere))
            snprintf(reason, reasonsz, "a medication taken as prescribed (%s)", why);
        else
            snprintf(reason, reasonsz, "risk words, not about the client now (%s)", why);
        out = SEV_WATCH;
    }
    return out;
}

bool severity_sends_crisis_text(const struct reply_result *r, const struct gw_schedule *s,
                                const struct gw_escalation *esc)
{
    int threshold = s ? s->alert_at_or_below : 2;
    enum severity relapse = esc ? severity_parse(esc->relapse) : SEV_HIGH;
    if (r->signals & REPLY_SIG_CRISIS)
        return !(r->signals & REPLY_SIG_NEGATED);
    return (r->has_score && r->score <= threshold) ||
           ((r->signals & REPLY_SIG_RELAPSE) && relapse >= SEV_HIGH);
}

/* Appends "; " and a formatted reason. */
static void add_reason(char *reason, size_t sz, const char *text)
{
    size_t l = strlen(reason);
    if (l + 1 < sz)
        snprintf(reason + l, sz - l, "%s%s", l ? "; " : "", text);
}

enum severity severity_of_trend(const struct gw_escalation *esc, const struct trend_point *p,
                                size_t n, int missed_in_row, int64_t now, char *reason,
                                size_t reasonsz)
{
    char text[128];
    reason[0] = '\0';

    if (esc->watch_drops_in_row > 0 && n > 1) {
        size_t drops = 0;
        while (drops + 1 < n && p[n - 1 - drops].norm < p[n - 2 - drops].norm)
            drops++;
        if (drops >= (size_t)esc->watch_drops_in_row) {
            snprintf(text, sizeof text, "%zu drops in a row (%.0f -> %.0f)", drops,
                     p[n - 1 - drops].norm, p[n - 1].norm);
            add_reason(reason, reasonsz, text);
        }
    }

    if (esc->watch_weekly_drop > 0) {
        double sum[2] = {0, 0};
        int cnt[2] = {0, 0};
        for (size_t i = 0; i < n; i++) {
            int64_t age = now - p[i].at;
            if (age < 0 || age >= 2 * TREND_WEEK)
                continue;
            int w = age < TREND_WEEK ? 0 : 1; /* 0: this week, 1: the week before */
            sum[w] += p[i].norm;
            cnt[w]++;
        }
        if (cnt[0] && cnt[1]) {
            double cur = sum[0] / cnt[0], prev = sum[1] / cnt[1];
            if (prev - cur >= esc->watch_weekly_drop) {
                snprintf(text, sizeof text, "weekly mean fell %.0f points (%.0f -> %.0f)",
                         prev - cur, prev, cur);
                add_reason(reason, reasonsz, text);
            }
        }
    }

    if (esc->watch_missed_in_row > 0 && missed_in_row >= esc->watch_missed_in_row) {
        snprintf(text, sizeof text, "%d missed check-ins in a row", missed_in_row);
        add_reason(reason, reasonsz, text);
    }
    return reason[0] ? SEV_WATCH : SEV_NONE;
}

int shifts_minutes_until(const struct gw_oncall *shifts, int n, int wday, int minute)
{
    for (int m = 0; m <= 7 * 1440; m++) {
        int t = minute + m;
        for (int i = 0; i < n; i++)
            if (oncall_covers(&shifts[i], (wday + t / 1440) % 7, t % 1440))
                return m;
    }
    return -1;
}

int oncall_covers(const struct gw_oncall *o, int wday, int minute)
{
    int yesterday = (wday + 6) % 7;
    bool today = (o->days >> wday) & 1u, prev = (o->days >> yesterday) & 1u;
    if (o->start < o->end)
        return today && minute >= o->start && minute < o->end;
    /* Past midnight: the evening of a shift day, or the morning after one. */
    return (today && minute >= o->start) || (prev && minute < o->end);
}
