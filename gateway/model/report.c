/* SPDX-License-Identifier: Apache-2.0 */
/* report.c: the HTML report; see report.h.
 *
 * The markup is written as well-formed XML (every element closed, every
 * attribute quoted, only numeric character references), so that a test can
 * parse it strictly and a browser needs no error recovery. Text from the
 * database goes through html_text(), which escapes markup and turns
 * invalid UTF-8 and control characters into U+FFFD / spaces: a client's
 * alias or an escalation reason cannot inject markup or break the file. */
#include "model/report.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "model/instrument.h"
#include "model/schedule.h"

#define DAY 86400

/* Chart geometry (SVG user units). */
#define CW  760
#define CH  280
#define ML  44
#define MR  16
#define MT  14
#define MB  40
#define PW  (CW - ML - MR)
#define PH  (CH - MT - MB)

/* At most this many clients get a line of their own in the mood chart;
 * past it only the daily mean is drawn, or the chart would be a tangle. */
#define MAX_LINES 8
/* Past this many moods the points lose their circles (and tooltips), to
 * keep the file small for a large program; a client's only point keeps its
 * circle, and so does every point of the daily mean (one per day at most):
 * a polyline of one point draws nothing, so on day one the chart would be
 * empty. */
#define MAX_DOTS 1500

/* At most this many small charts of instrument totals (a client and a
 * scale each); past it the table above still lists every result. */
#define MAX_INSTRUMENT_CHARTS 24

static const char *const palette[MAX_LINES] = {
    "#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
};

/* ---- text --------------------------------------------------------------------- */

/* Writes s as HTML text or attribute value. */
static void html_text(FILE *f, const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            fputs("&#65533;", f);
            n = 1;
        } else if (cp == '&') {
            fputs("&amp;", f);
        } else if (cp == '<') {
            fputs("&lt;", f);
        } else if (cp == '>') {
            fputs("&gt;", f);
        } else if (cp == '"') {
            fputs("&quot;", f);
        } else if (cp == '\'') {
            fputs("&#39;", f);
        } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            fputc(' ', f);
        } else {
            fwrite(p, 1, (size_t)n, f);
        }
        p += n;
        left -= n;
    }
}

/* Local time of t in the report's zone ("2026-11-23 09:00 EST"), UTC if the
 * zone is unusable. Returns out. */
static const char *local_time(const struct report *r, int64_t t, char *out, size_t outsz)
{
    if (schedule_format_local(t, r->tz, out, outsz) != 0 &&
        schedule_format_local(t, "UTC", out, outsz) != 0)
        snprintf(out, outsz, "@%lld", (long long)t);
    return out;
}

const char *report_duration(int64_t s, char *out, size_t outsz)
{
    if (s < 0)
        s = 0;
    if (s < 60)
        snprintf(out, outsz, "%lld s", (long long)s);
    else if (s < 3600)
        snprintf(out, outsz, "%lld min", (long long)(s / 60));
    else if (s < DAY)
        snprintf(out, outsz, "%lld h %02lld min", (long long)(s / 3600),
                 (long long)(s % 3600 / 60));
    else
        snprintf(out, outsz, "%lld d %lld h", (long long)(s / DAY), (long long)(s % DAY / 3600));
    return out;
}

/* ---- figures ------------------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void report_totals(const struct report *r, struct report_totals *t)
{
    double sum = 0;
    memset(t, 0, sizeof *t);
    t->clients = r->nclients;
    for (size_t i = 0; i < r->nclients; i++) {
        const struct report_client *c = &r->clients[i];
        for (size_t j = 0; j < c->nmoods; j++)
            sum += c->moods[j].norm;
        t->moods += c->nmoods;
        for (size_t j = 0; j < c->ncheckins; j++) {
            t->checkins++;
            switch (c->checkins[j].state) {
            case REPORT_ANSWERED: t->answered++; break;
            case REPORT_MISSED: t->missed++; break;
            default: t->pending++; break;
            }
        }
    }
    t->mood_mean = t->moods ? sum / (double)t->moods : NAN;
    t->response_rate = t->answered + t->missed
                           ? (double)t->answered / (double)(t->answered + t->missed)
                           : NAN;
    t->escalations = r->nescs;
    t->ack_median = t->ack_max = -1;
    int64_t *d = r->nescs ? malloc(r->nescs * sizeof *d) : NULL;
    for (size_t i = 0; i < r->nescs; i++)
        if (r->escs[i].acked_at > 0) {
            int64_t v = r->escs[i].acked_at - r->escs[i].created_at;
            if (d)
                d[t->acked] = v < 0 ? 0 : v;
            t->acked++;
        }
    if (d && t->acked) {
        qsort(d, t->acked, sizeof *d, cmp_i64);
        t->ack_median = t->acked % 2 ? d[t->acked / 2]
                                     : (d[t->acked / 2 - 1] + d[t->acked / 2]) / 2;
        t->ack_max = d[t->acked - 1];
    }
    free(d);
}

/* ---- charts ---------------------------------------------------------------------- */

static double x_of(const struct report *r, int64_t t)
{
    double span = (double)(r->to - r->from);
    double x = span > 0 ? (double)(t - r->from) / span : 0;
    if (x < 0)
        x = 0;
    if (x > 1)
        x = 1;
    return ML + x * PW;
}

static double y_of(double norm)
{
    if (norm < 0)
        norm = 0;
    if (norm > 100)
        norm = 100;
    return MT + PH - norm * PH / 100.0;
}

/* Day ticks along the x axis, labelled MM-DD in the report's zone. */
static void x_axis(FILE *f, const struct report *r)
{
    int step = r->days <= 14 ? 1 : (r->days + 9) / 10;
    char t[64];
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>\n", ML, MT + PH,
            ML + PW, MT + PH);
    for (int d = 0; d <= r->days; d += step) {
        int64_t at = r->from + (int64_t)d * DAY;
        double x = x_of(r, at);
        fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"axis\"/>\n", x,
                MT + PH, x, MT + PH + 4);
        if (d == r->days)
            break;
        /* One day per tick: the label sits under the day; wider steps
         * label the tick itself. */
        local_time(r, at + DAY / 2, t, sizeof t);
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%.5s</text>\n",
                step == 1 ? x_of(r, at + DAY / 2) : x, MT + PH + 16,
                strlen(t) >= 10 ? t + 5 : t);
    }
}

/* The daily mean of everyone's moods of day d, into *mean; false if that
 * day has none. */
static bool day_mean(const struct report *r, int d, double *mean)
{
    int64_t lo = r->from + (int64_t)d * DAY, hi = lo + DAY;
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < r->nclients; i++)
        for (size_t j = 0; j < r->clients[i].nmoods; j++) {
            const struct report_mood *m = &r->clients[i].moods[j];
            if (m->at >= lo && m->at < hi) {
                sum += m->norm;
                n++;
            }
        }
    if (n)
        *mean = sum / (double)n;
    return n > 0;
}

/* The thick line of the daily mean, with a dot on each day's point (its
 * tooltip the date and the mean). */
static void mean_line(FILE *f, const struct report *r)
{
    char t[64];
    double v;
    bool first = true;
    fputs("<polyline class=\"mean\" points=\"", f);
    for (int d = 0; d < r->days; d++)
        if (day_mean(r, d, &v)) {
            int64_t mid = r->from + (int64_t)d * DAY + DAY / 2;
            fprintf(f, "%s%.1f,%.1f", first ? "" : " ", x_of(r, mid), y_of(v));
            first = false;
        }
    fputs("\"/>\n", f);
    for (int d = 0; d < r->days; d++)
        if (day_mean(r, d, &v)) {
            int64_t mid = r->from + (int64_t)d * DAY + DAY / 2;
            fprintf(f, "<circle class=\"mean-pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>daily "
                       "mean %.10s: %.0f/100</title></circle>\n",
                    x_of(r, mid), y_of(v), local_time(r, mid, t, sizeof t), v);
        }
}

/* Opens an SVG chart of the standard geometry, drawn at width x height
 * (a small chart is the same drawing, scaled down); cls and label (escaped)
 * name it. */
static void svg_open(FILE *f, const char *id, const char *cls, const char *label, int width,
                     int height)
{
    fputs("<svg xmlns=\"http://www.w3.org/2000/svg\"", f);
    if (id)
        fprintf(f, " id=\"%s\"", id);
    if (cls)
        fprintf(f, " class=\"%s\"", cls);
    fprintf(f, " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
            CW, CH, width, height);
    html_text(f, label);
    fputs("\">\n", f);
}

/* Grid lines at vals[0..n) of a 0-top axis, each labelled with its value. */
static void y_grid(FILE *f, const int *vals, size_t n, int top)
{
    for (size_t i = 0; i < n; i++) {
        double y = y_of(vals[i] * 100.0 / top);
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>\n", ML, y,
                ML + PW, y);
        fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%d</text>\n",
                ML - 6, y + 4, vals[i]);
    }
}

/* One client's line through points m[0..n) (norm 0-100), with a circle on
 * each point when dots (or when it is the only one: a polyline of one point
 * draws nothing), its tooltip "ALIAS WHEN: SCORE/MAX". */
static void client_line(FILE *f, const struct report *r, const char *alias, const char *colour,
                        const struct report_mood *m, size_t n, bool dots)
{
    char t[64];
    fprintf(f, "<polyline class=\"mood\" stroke=\"%s\" points=\"", colour);
    for (size_t j = 0; j < n; j++)
        fprintf(f, "%s%.1f,%.1f", j ? " " : "", x_of(r, m[j].at), y_of(m[j].norm));
    fputs("\"/>\n", f);
    for (size_t j = 0; (dots || n == 1) && j < n; j++) {
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>", x_of(r, m[j].at),
                y_of(m[j].norm), colour);
        html_text(f, alias);
        fprintf(f, " %s: %g/%d</title></circle>\n", local_time(r, m[j].at, t, sizeof t),
                m[j].score, m[j].scale_max);
    }
}

/* The mood chart: one line per client (up to MAX_LINES), and for the
 * program a thick line of the daily mean of everyone's moods. */
static void mood_chart(FILE *f, const struct report *r, const struct report_totals *tot)
{
    static const int grid[] = {0, 25, 50, 75, 100};
    bool lines = r->nclients <= MAX_LINES;
    bool dots = tot->moods <= MAX_DOTS;
    bool mean = r->alias == NULL && r->nclients > 1;

    svg_open(f, "mood-chart", NULL, "mood over time", CW, CH);
    y_grid(f, grid, sizeof grid / sizeof grid[0], 100);
    x_axis(f, r);
    if (tot->moods == 0)
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"empty\" text-anchor=\"middle\">no moods "
                   "recorded in this period</text>\n", ML + PW / 2, MT + PH / 2);
    for (size_t i = 0; lines && i < r->nclients; i++) {
        const struct report_client *c = &r->clients[i];
        if (c->nmoods)
            client_line(f, r, c->alias, palette[i % MAX_LINES], c->moods, c->nmoods, dots);
    }
    if (mean && tot->moods > 0)
        mean_line(f, r);
    fputs("</svg>\n<p class=\"legend\">", f);
    if (mean)
        fputs("<span class=\"sw\" style=\"background:#111\"></span>daily mean of all clients ", f);
    for (size_t i = 0; lines && i < r->nclients; i++) {
        if (r->clients[i].nmoods == 0)
            continue;
        fprintf(f, "<span class=\"sw\" style=\"background:%s\"></span>", palette[i % MAX_LINES]);
        html_text(f, r->clients[i].alias);
        fputc(' ', f);
    }
    if (!lines)
        fprintf(f, "(%zu clients: only the daily mean is drawn)", r->nclients);
    fputs("<br/>Moods are normalised to 0-100 (0 is the bottom of the client's scale, 100 the "
          "top), so scales of different schedules compare.</p>\n", f);
}

/* Check-ins per day as stacked bars: answered, missed, still open. */
static void checkin_chart(FILE *f, const struct report *r)
{
    size_t days = r->days > 0 ? (size_t)r->days : 1;
    size_t *cnt = calloc(days * 3, sizeof *cnt), maxday = 0;
    if (!cnt)
        return;
    for (size_t i = 0; i < r->nclients; i++)
        for (size_t j = 0; j < r->clients[i].ncheckins; j++) {
            const struct report_checkin *k = &r->clients[i].checkins[j];
            if (k->due_at < r->from || k->due_at >= r->to)
                continue;
            size_t d = (size_t)((k->due_at - r->from) / DAY);
            if (d < days)
                cnt[d * 3 + (size_t)k->state]++;
        }
    for (size_t d = 0; d < days; d++) {
        size_t s = cnt[d * 3] + cnt[d * 3 + 1] + cnt[d * 3 + 2];
        if (s > maxday)
            maxday = s;
    }
    svg_open(f, "checkin-chart", NULL, "check-ins per day", CW, CH);
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>\n", ML, MT, ML + PW,
            MT);
    fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%zu</text>\n", ML - 6,
            MT + 4, maxday);
    fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">0</text>\n", ML - 6,
            MT + PH + 4);
    x_axis(f, r);
    if (maxday == 0)
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"empty\" text-anchor=\"middle\">no check-ins "
                   "in this period</text>\n", ML + PW / 2, MT + PH / 2);
    static const char *const cls[3] = {"pending", "answered", "missed"};
    static const int order[3] = {REPORT_ANSWERED, REPORT_MISSED, REPORT_PENDING};
    double bw = (double)PW / (double)days;
    for (size_t d = 0; maxday && d < days; d++) {
        double y = MT + PH;
        for (int o = 0; o < 3; o++) {
            size_t n = cnt[d * 3 + (size_t)order[o]];
            if (n == 0)
                continue;
            double h = (double)n * PH / (double)maxday;
            y -= h;
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\">"
                       "<title>%zu %s</title></rect>\n",
                    ML + bw * (double)d + bw * 0.1, y, bw * 0.8, h, cls[order[o]], n,
                    cls[order[o]]);
        }
    }
    fputs("</svg>\n<p class=\"legend\"><span class=\"sw answered\"></span>answered "
          "<span class=\"sw missed\"></span>missed (no reply within the window) "
          "<span class=\"sw pending\"></span>still open</p>\n", f);
    free(cnt);
}

/* True if sc is a complete administration of a scale banded by its total
 * (a PHQ-9, a GAD-7): a partial run or a two-item screen has no place on
 * the scale's bands. */
static bool charted(const struct report_score *sc)
{
    return sc->band[0] && instrument_bands(sc->scale) != NULL;
}

/* One client's totals of one banded scale over the period (the results
 * from sc on with its alias and scale), drawn as a small mood chart: the
 * grid at the limits of the bands, the line of the totals, the bands named
 * under it. m is scratch room for r->nscores points. */
static void instrument_chart(FILE *f, const struct report *r, const struct report_score *sc,
                             struct report_mood *m)
{
    const struct instrument_bands *b = instrument_bands(sc->scale);
    int grid[INSTRUMENT_MAX_BANDS + 1];
    size_t n = 0;
    char label[128];
    for (const struct report_score *o = sc; o < r->scores + r->nscores; o++)
        if (charted(o) && strcmp(o->alias, sc->alias) == 0 && strcmp(o->scale, sc->scale) == 0)
            m[n++] = (struct report_mood){o->at, o->total * 100.0 / b->max, o->total, b->max};
    for (int i = 0; i < b->n; i++)
        grid[i] = b->lo[i];
    grid[b->n] = b->max;
    snprintf(label, sizeof label, "%s of %s over time", sc->scale, sc->alias);
    svg_open(f, NULL, "instrument-chart", label, CW / 2, CH / 2);
    y_grid(f, grid, (size_t)b->n + 1, b->max);
    x_axis(f, r);
    client_line(f, r, sc->alias, palette[0], m, n, true);
    fputs("</svg>\n<p class=\"legend\">", f);
    html_text(f, sc->alias);
    fprintf(f, ", %s: ", sc->scale);
    for (int i = 0; i < b->n; i++)
        fprintf(f, "%s%d-%d %s", i ? ", " : "", b->lo[i], i + 1 < b->n ? b->lo[i + 1] - 1 : b->max,
                b->name[i]);
    fputs("</p>\n", f);
}

/* A small chart per client and banded scale with a complete result in
 * the period (the first MAX_INSTRUMENT_CHARTS). */
static void instrument_charts(FILE *f, const struct report *r)
{
    size_t drawn = 0, more = 0;
    struct report_mood *m = NULL;
    for (size_t i = 0; i < r->nscores; i++) {
        const struct report_score *sc = &r->scores[i];
        bool first = charted(sc);
        for (size_t j = 0; first && j < i; j++)
            first = !(charted(&r->scores[j]) && strcmp(r->scores[j].alias, sc->alias) == 0 &&
                      strcmp(r->scores[j].scale, sc->scale) == 0);
        if (!first)
            continue;
        if (drawn == 0) {
            if (!(m = malloc(r->nscores * sizeof *m)))
                return;
            fputs("<h3>Instrument totals over time</h3>\n<p class=\"note\">Complete PHQ-9 and"
                  " GAD-7 administrations, on the lines where their severity bands start. A"
                  " negative two-item screen, a C-SSRS and a partly answered run are in the"
                  " table above only.</p>\n", f);
        }
        if (drawn == MAX_INSTRUMENT_CHARTS) {
            more++;
            continue;
        }
        instrument_chart(f, r, sc, m);
        drawn++;
    }
    if (more)
        fprintf(f, "<p class=\"note\">%zu more charts not drawn (at most %d).</p>\n", more,
                MAX_INSTRUMENT_CHARTS);
    free(m);
}

/* ---- tables ---------------------------------------------------------------------- */

static void pct(FILE *f, double v)
{
    if (isnan(v))
        fputs("n/a", f);
    else
        fprintf(f, "%.0f%%", v * 100.0);
}

static void summary(FILE *f, const struct report_totals *t)
{
    char d[64];
    fputs("<table class=\"summary\">\n", f);
    fprintf(f, "<tr><th>clients</th><td id=\"n-clients\">%zu</td></tr>\n", t->clients);
    fprintf(f, "<tr><th>moods recorded</th><td id=\"n-moods\">%zu</td></tr>\n", t->moods);
    fputs("<tr><th>mean mood (0-100)</th><td id=\"mood-mean\">", f);
    if (isnan(t->mood_mean))
        fputs("n/a", f);
    else
        fprintf(f, "%.0f", t->mood_mean);
    fputs("</td></tr>\n", f);
    fprintf(f, "<tr><th>check-ins sent</th><td id=\"n-checkins\">%zu</td></tr>\n", t->checkins);
    fprintf(f, "<tr><th>answered</th><td id=\"n-answered\">%zu</td></tr>\n", t->answered);
    fprintf(f, "<tr><th>missed</th><td id=\"n-missed\">%zu</td></tr>\n", t->missed);
    fputs("<tr><th>response rate</th><td id=\"response-rate\">", f);
    pct(f, t->response_rate);
    fputs("</td></tr>\n", f);
    fprintf(f, "<tr><th>escalations</th><td id=\"n-escalations\">%zu</td></tr>\n",
            t->escalations);
    fprintf(f, "<tr><th>acknowledged</th><td id=\"n-acked\">%zu</td></tr>\n", t->acked);
    fprintf(f, "<tr><th>median time to acknowledgement</th><td id=\"ack-median\">%s</td></tr>\n",
            t->ack_median < 0 ? "n/a" : report_duration(t->ack_median, d, sizeof d));
    fprintf(f, "<tr><th>longest time to acknowledgement</th><td id=\"ack-max\">%s</td></tr>\n",
            t->ack_max < 0 ? "n/a" : report_duration(t->ack_max, d, sizeof d));
    fputs("</table>\n<p class=\"note\">Response rate: answered check-ins out of those answered or "
          "missed; check-ins still open are not counted.</p>\n", f);
}

static void client_table(FILE *f, const struct report *r)
{
    fputs("<h2>Clients</h2>\n<table class=\"list\" id=\"clients\">\n<tr><th>client</th>"
          "<th>state</th><th>moods</th><th>mean</th><th>latest</th><th>check-ins</th>"
          "<th>answered</th><th>missed</th><th>response rate</th></tr>\n", f);
    for (size_t i = 0; i < r->nclients; i++) {
        const struct report_client *c = &r->clients[i];
        size_t ans = 0, mis = 0;
        double sum = 0;
        for (size_t j = 0; j < c->ncheckins; j++) {
            ans += c->checkins[j].state == REPORT_ANSWERED;
            mis += c->checkins[j].state == REPORT_MISSED;
        }
        for (size_t j = 0; j < c->nmoods; j++)
            sum += c->moods[j].norm;
        fputs("<tr><td>", f);
        html_text(f, c->alias);
        fputs("</td><td>", f);
        html_text(f, c->state);
        fprintf(f, "</td><td>%zu</td><td>", c->nmoods);
        if (c->nmoods) {
            const struct report_mood *last = &c->moods[c->nmoods - 1];
            fprintf(f, "%.0f</td><td>%g/%d", sum / (double)c->nmoods, last->score,
                    last->scale_max);
        } else {
            fputs("-</td><td>-", f);
        }
        fprintf(f, "</td><td>%zu</td><td>%zu</td><td%s>%zu</td><td>", c->ncheckins, ans,
                mis ? " class=\"bad\"" : "", mis);
        pct(f, ans + mis ? (double)ans / (double)(ans + mis) : NAN);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void escalation_table(FILE *f, const struct report *r)
{
    char t[64], d[64];
    fputs("<h2>Escalations</h2>\n", f);
    if (r->nescs == 0) {
        fputs("<p id=\"escalations\">No escalations in this period.</p>\n", f);
        return;
    }
    fputs("<table class=\"list\" id=\"escalations\">\n<tr><th>#</th><th>client</th>"
          "<th>severity</th><th>reason</th><th>state</th><th>raised</th>"
          "<th>time to acknowledgement</th></tr>\n", f);
    for (size_t i = 0; i < r->nescs; i++) {
        const struct report_esc *e = &r->escs[i];
        fprintf(f, "<tr class=\"sev-");
        html_text(f, e->severity);
        fprintf(f, "\"><td>%lld</td><td>", (long long)e->id);
        html_text(f, e->alias[0] ? e->alias : "(not enrolled)");
        fputs("</td><td>", f);
        html_text(f, e->severity);
        fputs("</td><td>", f);
        html_text(f, e->reason);
        fputs("</td><td>", f);
        html_text(f, esc_state_name(e->state));
        fprintf(f, "</td><td>%s</td>", local_time(r, e->created_at, t, sizeof t));
        if (e->acked_at > 0)
            fprintf(f, "<td>%s</td>", report_duration(e->acked_at - e->created_at, d, sizeof d));
        else if (e->state == ESC_OPEN)
            fprintf(f, "<td class=\"bad\">not acknowledged (open %s)</td>",
                    report_duration(r->generated_at - e->created_at, d, sizeof d));
        else
            fputs("<td>-</td>", f);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* Per flow: how its administrations ended, and per question how often it
 * was asked and answered (the response rate), the mean answer, and how
 * many unfinished runs stopped at it. */
static void flow_tables(FILE *f, const struct report *r)
{
    fputs("<h2>Check-in flows</h2>\n", f);
    for (size_t i = 0; i < r->nflows; i++) {
        const struct report_flow *fl = &r->flows[i];
        fputs("<h3>", f);
        html_text(f, fl->name);
        fprintf(f, "</h3>\n<p class=\"note\">%zu administered: %zu complete, %zu partly"
                " answered, %zu unanswered, %zu ended by a crisis reply, %zu stopped (STOP),"
                " %zu still open.</p>\n", fl->runs, fl->complete, fl->partial, fl->unanswered,
                fl->crisis, fl->stopped, fl->open);
        fputs("<table class=\"list flow\">\n<tr><th>question</th><th>asked</th>"
              "<th>answered</th><th>response rate</th><th>mean answer</th>"
              "<th>flows stopped here</th></tr>\n", f);
        for (int q = 0; q < fl->nq; q++) {
            const struct report_flow_question *fq = &fl->q[q];
            fputs("<tr><td>", f);
            html_text(f, fq->id);
            fprintf(f, "</td><td>%zu</td><td>%zu</td><td>", fq->asked, fq->answered);
            pct(f, fq->asked ? (double)fq->answered / (double)fq->asked : NAN);
            if (fq->valued)
                fprintf(f, "</td><td>%.1f", fq->sum / (double)fq->valued);
            else
                fputs("</td><td>-", f);
            fprintf(f, "</td><td%s>%zu</td></tr>\n", fq->stopped ? " class=\"bad\"" : "",
                    fq->stopped);
        }
        fputs("</table>\n", f);
    }
    if (r->nscores == 0)
        return;
    char t[64];
    fputs("<h3>Instrument results</h3>\n<table class=\"list\" id=\"scores\">\n<tr>"
          "<th>when</th><th>client</th><th>scale</th><th>total</th><th>band</th></tr>\n", f);
    for (size_t i = 0; i < r->nscores; i++) {
        const struct report_score *sc = &r->scores[i];
        fprintf(f, "<tr><td>%s</td><td>", local_time(r, sc->at, t, sizeof t));
        html_text(f, sc->alias);
        fputs("</td><td>", f);
        html_text(f, sc->scale);
        if (sc->band[0]) {
            fprintf(f, "</td><td>%d/%d</td><td>", sc->total, sc->max);
            html_text(f, sc->band);
        } else if (sc->asked) {
            fprintf(f, "</td><td>partial %d</td><td>no band (%d of %d answered)", sc->total,
                    sc->answered, sc->asked);
        } else {
            fprintf(f, "</td><td>partial %d</td><td>no band", sc->total);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
    instrument_charts(f, r);
}

/* Per conversation: who opened it and when, how it ended, the hand-overs,
 * and how many messages went each way. Counts and times only: no body. */
static void conversation_table(FILE *f, const struct report *r)
{
    char t[64];
    fputs("<h2>Conversations</h2>\n", f);
    if (r->nconvs == 0) {
        fputs("<p id=\"conversations\">No conversations in this period.</p>\n", f);
        return;
    }
    fputs("<table class=\"list\" id=\"conversations\">\n<tr><th>client</th><th>about</th>"
          "<th>opened</th><th>by</th><th>ended</th><th>how</th><th>taken over</th>"
          "<th>held at the end by</th><th>to the client</th><th>from the client</th></tr>\n",
          f);
    for (size_t i = 0; i < r->nconvs; i++) {
        const struct report_conv *c = &r->convs[i];
        fputs("<tr><td>", f);
        html_text(f, c->alias);
        if (c->escalation_id)
            fprintf(f, "</td><td>#%lld", (long long)c->escalation_id);
        else
            fputs("</td><td>TEXT", f);
        fprintf(f, "</td><td>%s</td><td>", local_time(r, c->opened_at, t, sizeof t));
        html_text(f, c->opened_by);
        if (c->ended_at) {
            fprintf(f, "</td><td>%s</td><td>", local_time(r, c->ended_at, t, sizeof t));
            html_text(f, c->how);
        } else {
            fputs("</td><td>-</td><td>still open", f);
        }
        fprintf(f, "</td><td>%zu</td><td>", c->taken);
        html_text(f, c->holder);
        fprintf(f, "</td><td>%zu</td><td>%zu</td></tr>\n", c->to_client, c->from_client);
    }
    fputs("</table>\n<p class=\"note\">Messages are counted, not shown: their text is in the"
          " client's history (checkinctl conversation).</p>\n", f);
}

/* Per specialist: the follow-up tasks due in the period and what became
 * of them. */
static void followup_table(FILE *f, const struct report *r)
{
    fputs("<h2>Follow-up tasks</h2>\n", f);
    if (r->nfus == 0) {
        fputs("<p id=\"followups\">No follow-up tasks due in this period.</p>\n", f);
        return;
    }
    fputs("<table class=\"list\" id=\"followups\">\n<tr><th>specialist</th><th>due</th>"
          "<th>done on time</th><th>done late</th><th>snoozed</th><th>overdue</th>"
          "<th>handed to the backup</th></tr>\n", f);
    for (size_t i = 0; i < r->nfus; i++) {
        const struct report_followups *u = &r->fus[i];
        fputs("<tr><td>", f);
        html_text(f, u->specialist);
        fprintf(f, "</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td><td%s>%zu</td>"
                   "<td>%zu</td></tr>\n", u->due, u->on_time, u->late, u->snoozed,
                u->overdue ? " class=\"bad\"" : "", u->overdue, u->handed);
    }
    fputs("</table>\n<p class=\"note\">Done late: after the task was overdue (sent twice and"
          " not done). Overdue: still not done. Snoozed: at least once.</p>\n", f);
}

/* ---- the document ---------------------------------------------------------------- */

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "margin:2em auto;max-width:800px;color:#222;background:#fff;line-height:1.4}\n"
    "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}"
    "h3{font-size:1em;margin-bottom:.2em}\n"
    ".meta{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;margin:.5em 0}th,td{padding:.25em .7em;text-align:left;"
    "border-bottom:1px solid #ddd}\n"
    "table.summary td{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}\n"
    "table.list td{font-variant-numeric:tabular-nums}.bad{color:#b71c1c;font-weight:600}\n"
    "tr.sev-urgent td:first-child{border-left:4px solid #b71c1c}"
    "tr.sev-high td:first-child{border-left:4px solid #ef6c00}"
    "tr.sev-watch td:first-child{border-left:4px solid #f9a825}\n"
    "svg{max-width:100%;height:auto;display:block}\n"
    "svg .grid{stroke:#e0e0e0;stroke-width:1}svg .axis{stroke:#888;stroke-width:1}\n"
    "svg .tick{font-size:11px;fill:#555}svg .empty{font-size:14px;fill:#888}\n"
    "svg .mood{fill:none;stroke-width:1.5}svg .mean{fill:none;stroke:#111;stroke-width:3}\n"
    "svg .mean-pt{fill:#111}\n"
    ".answered{fill:#2e7d32;background:#2e7d32}.missed{fill:#c62828;background:#c62828}"
    ".pending{fill:#9e9e9e;background:#9e9e9e}\n"
    ".legend,.note{font-size:.9em;color:#444}\n"
    ".sw{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .6em;vertical-align:middle}\n";

int report_write_html(const struct report *r, FILE *f)
{
    struct report_totals tot;
    char a[64], b[64], g[64];
    report_totals(r, &tot);

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>", f);
    html_text(f, r->program);
    fputs(" - check-in report", f);
    if (r->alias) {
        fputs(": ", f);
        html_text(f, r->alias);
    }
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
    html_text(f, r->program);
    fputs(": ", f);
    if (r->alias) {
        fputs("client <span id=\"scope\">", f);
        html_text(f, r->alias);
        fputs("</span>", f);
    } else {
        fputs("<span id=\"scope\">the whole program</span>", f);
    }
    fprintf(f, "</h1>\n<p class=\"meta\">The last %d day%s: %s to %s (", r->days,
            r->days == 1 ? "" : "s", local_time(r, r->from, a, sizeof a),
            local_time(r, r->to, b, sizeof b));
    html_text(f, r->tz);
    fprintf(f, "). Made %s by checkinctl report.</p>\n",
            local_time(r, r->generated_at, g, sizeof g));
    fputs("<h2>Summary</h2>\n", f);
    summary(f, &tot);
    fputs("<h2>Mood over time</h2>\n", f);
    mood_chart(f, r, &tot);
    fputs("<h2>Check-ins per day</h2>\n", f);
    checkin_chart(f, r);
    if (!r->alias)
        client_table(f, r);
    escalation_table(f, r);
    if (r->nflows)
        flow_tables(f, r);
    conversation_table(f, r);
    followup_table(f, r);
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? -1 : 0;
}
