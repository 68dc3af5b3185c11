/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_data.c: checkinctl's bulk data commands: import (clients from CSV),
 * export-all (the program's data as CSV or JSON) and backup (SQLite's
 * online backup). Everything goes through store.h; enrolment through the
 * same enroll_prepare/enroll_in_tx as `checkinctl enroll`, so an imported
 * client is checked and recorded exactly like a typed one. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "base/csv.h"
#include "ctl/ctl.h"
#include "base/utf8.h"

enum { OPT_DRY_RUN = 300, OPT_PARTIAL, OPT_FORMAT, OPT_TABLE, OPT_DAYS, OPT_OUTPUT };

#define RECORD_MAX_BYTES 4096 /* of text in one CSV record */
#define MAX_FIELDS     16

/* ---- import ------------------------------------------------------------------- */

/* The columns import understands; state and enrolled_at (written by
 * export-all --table clients) are accepted and ignored, so an export can be
 * imported into another gateway. */
enum col { COL_ALIAS, COL_PHONE, COL_NAME, COL_TZ, COL_SCHEDULE, COL_SPECIALIST, COL_LANG,
           COL_BIRTHDAY, COL_IGNORED, COL__COUNT };
static const char *const col_names[] = {"alias", "phone", "name", "tz", "schedule",
                                        "specialist", "lang", "birthday", NULL};
static const char *const ignored_cols[] = {"state", "enrolled_at", NULL};

struct import_run {
    struct ctl *ctl;
    const char *file;
    int colmap[MAX_FIELDS]; /* field index -> enum col */
    int nfields;            /* 0 until the header is read */
    size_t good, bad, conflicts;
};

/* A spreadsheet cell of several lines ("Ana\nMaria" in quotes) reads as
 * one line: each run of line breaks becomes a space. */
static void fold_breaks(char *s)
{
    char *w = s;
    for (const char *p = s; *p;) {
        if (*p == '\n' || *p == '\r') {
            while (*p == '\n' || *p == '\r')
                p++;
            *w++ = ' ';
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
}

static void trim(char **s)
{
    while (**s == ' ' || **s == '\t')
        (*s)++;
    size_t n = strlen(*s);
    while (n > 0 && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t'))
        (*s)[--n] = '\0';
}

static void line_error(struct import_run *ir, long lineno, const char *why)
{
    fprintf(stderr, "%s:%ld: %s\n", ir->file, lineno, why);
}

/* Every field UTF-8, line breaks folded, spaces trimmed. Returns false
 * (and prints FILE:LINE) if a field is not UTF-8. */
static bool tidy_fields(struct import_run *ir, const struct csv_record *rec, const char *what)
{
    char why[128];
    for (int i = 0; i < rec->n; i++) {
        if (!utf8_valid(rec->fields[i], strlen(rec->fields[i]))) {
            snprintf(why, sizeof why, "%snot UTF-8 text (save the file as CSV UTF-8)", what);
            line_error(ir, rec->line, why);
            return false;
        }
        fold_breaks(rec->fields[i]);
        trim(&rec->fields[i]);
    }
    return true;
}

/* Reads the header record into ir->colmap. Returns 0, or -1 after printing
 * FILE:LINE: reason. */
static int import_header(struct import_run *ir, const struct csv_record *rec)
{
    char why[256];
    bool seen[COL__COUNT] = {false};
    if (rec->error) {
        snprintf(why, sizeof why, "header: %s", rec->error);
        line_error(ir, rec->line, why);
        return -1;
    }
    if (!tidy_fields(ir, rec, "header: "))
        return -1;
    for (int i = 0; i < rec->n; i++) {
        const char *f = rec->fields[i];
        int c = -1;
        for (int k = 0; col_names[k]; k++)
            if (strcasecmp(f, col_names[k]) == 0)
                c = k;
        for (int k = 0; c < 0 && ignored_cols[k]; k++)
            if (strcasecmp(f, ignored_cols[k]) == 0)
                c = COL_IGNORED;
        if (c < 0) {
            char buf[128];
            snprintf(why, sizeof why, "header: unknown column \"%s\" (known: alias, phone, name, "
                                      "tz, schedule, specialist, lang)",
                     clean(f, buf, sizeof buf));
            line_error(ir, rec->line, why);
            return -1;
        }
        if (c != COL_IGNORED && seen[c]) {
            snprintf(why, sizeof why, "header: column \"%s\" given twice", col_names[c]);
            line_error(ir, rec->line, why);
            return -1;
        }
        seen[c] = true;
        ir->colmap[i] = c;
    }
    if (!seen[COL_ALIAS] || !seen[COL_PHONE]) {
        line_error(ir, rec->line, "header: the columns alias and phone are required (the first "
                                  "line names the columns, e.g. "
                                  "alias,phone,name,tz,schedule,specialist,lang)");
        return -1;
    }
    ir->nfields = rec->n;
    return 0;
}

/* One data record: checked, and enrolled inside the open transaction when
 * there is a store. Returns CTL_OK, CTL_USAGE / CTL_CONFLICT (counted,
 * printed as FILE:LINE, the line where the record starts) or CTL_RUNTIME
 * (the store failed: stop). */
static int import_line(struct import_run *ir, const struct csv_record *rec)
{
    struct ctl *ctl = ir->ctl;
    char err[128], why[512], extra[64], where[320];
    const char *v[COL__COUNT] = {NULL};
    struct enroll_req r;
    struct store_client c;
    const struct gw_specialist *spec = NULL;
    int code;

    if (rec->error || rec->n != ir->nfields) {
        if (!rec->error)
            snprintf(err, sizeof err, "%d field%s, the header has %d", rec->n,
                     rec->n == 1 ? "" : "s", ir->nfields);
        line_error(ir, rec->line, rec->error ? rec->error : err);
        ir->bad++;
        return CTL_USAGE;
    }
    if (!tidy_fields(ir, rec, "")) {
        ir->bad++;
        return CTL_USAGE;
    }
    for (int i = 0; i < rec->n; i++)
        v[ir->colmap[i]] = rec->fields[i];
    r = (struct enroll_req){v[COL_ALIAS], v[COL_PHONE], v[COL_NAME], v[COL_TZ],
                            v[COL_SCHEDULE], v[COL_SPECIALIST], v[COL_LANG], where,
                            v[COL_BIRTHDAY]};
    snprintf(where, sizeof where, "%s:%ld", ir->file, rec->line);
    code = enroll_prepare(ctl, &r, &c, &spec, why, sizeof why);
    if (code == CTL_OK && ctl->store) {
        snprintf(extra, sizeof extra, "line=%ld", rec->line);
        code = enroll_in_tx(ctl, &c, spec, "client.import", extra, why, sizeof why);
    }
    if (code == CTL_OK) {
        ir->good++;
    } else if (code == CTL_USAGE || code == CTL_CONFLICT || code == CTL_CONFIG) {
        line_error(ir, rec->line, why);
        if (code == CTL_CONFLICT)
            ir->conflicts++;
        else
            ir->bad++;
    }
    return code;
}

/* The reader's callback: the first record is the header. Returns 0 to go
 * on, CTL_USAGE for a bad header (nothing is imported), CTL_RUNTIME or
 * CTL_CONFIG to stop. */
static int import_record(const struct csv_record *rec, void *arg)
{
    struct import_run *ir = arg;
    if (ir->nfields == 0)
        return import_header(ir, rec) == 0 ? 0 : CTL_USAGE;
    int code = import_line(ir, rec);
    return code == CTL_RUNTIME || code == CTL_CONFIG ? code : 0;
}

/* Feeds the file to the CSV reader, a line at a time. Returns 0, or what
 * stopped it (import_record's code, -1 out of memory, -2 a read error). */
static int import_read(FILE *in, struct import_run *ir)
{
    struct csv_reader *rd = csv_reader_new(MAX_FIELDS, RECORD_MAX_BYTES);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int rc = rd ? 0 : -1;

    while (rc == 0 && (got = getline(&line, &cap, in)) >= 0) {
        const char *p = line;
        size_t len = (size_t)got;
        if (++lineno == 1 && len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
            p += 3; /* a spreadsheet's byte order mark */
            len -= 3;
        }
        rc = csv_reader_feed(rd, p, len, lineno, import_record, ir);
    }
    if (rc == 0 && ferror(in))
        rc = -2;
    if (rc == 0)
        rc = csv_reader_finish(rd, import_record, ir);
    csv_reader_free(rd);
    free(line);
    return rc;
}

int cmd_import(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {{"dry-run", no_argument, NULL, OPT_DRY_RUN},
                                         {"partial", no_argument, NULL, OPT_PARTIAL},
                                         HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    struct import_run ir;
    bool dry = false, partial = false, in_tx = false;
    char buf[256];
    int opt, rc, code = CTL_OK;
    FILE *in = NULL;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt == OPT_DRY_RUN)
            dry = true;
        else if (opt == OPT_PARTIAL)
            partial = true;
        else
            return flag_other(cmd, opt, argv);
    }
    if (argc - optind != 1)
        return usage_error(cmd, argc - optind < 1 ? "import needs a CSV file (- for stdin)"
                                                  : "too many arguments");
    memset(&ir, 0, sizeof ir);
    ir.ctl = ctl;
    ir.file = argv[optind];
    if ((code = need_config(ctl)) != CTL_OK)
        return code;
    in = strcmp(ir.file, "-") == 0 ? stdin : fopen(ir.file, "r");
    if (!in)
        return usage_error(cmd, "cannot open %s: %s", clean(ir.file, buf, sizeof buf),
                           strerror(errno));
    /* A dry run against a database that does not exist yet checks the
     * lines only; otherwise it runs the real enrolment and rolls back, so
     * "already enrolled" is found too. */
    if ((code = need_store(ctl, !dry)) != CTL_OK)
        goto out;
    if (ctl->store) {
        if ((rc = store_begin(ctl->store)) != STORE_OK) {
            code = store_failure(ctl, rc, "starting a transaction");
            goto out;
        }
        in_tx = true;
    }
    rc = import_read(in, &ir);
    if (rc == CTL_USAGE)
        goto bad_file;
    if (rc == CTL_RUNTIME || rc == CTL_CONFIG) {
        code = rc;
        goto out;
    }
    if (rc < 0) {
        errorf("reading %s: %s", clean(ir.file, buf, sizeof buf),
               rc == -1 ? "out of memory" : strerror(errno));
        code = CTL_RUNTIME;
        goto out;
    }
    if (ir.nfields == 0) {
        errorf("%s is empty: the first line names the columns", clean(ir.file, buf, sizeof buf));
        code = CTL_USAGE;
        goto out;
    }
    /* --partial succeeds (exit 0) once it imported some lines, the refused
     * ones listed on stderr; with none imported it fails like a plain import. */
    size_t skipped = ir.bad + ir.conflicts;
    bool all_or_nothing = skipped && !(partial && ir.good);
    code = !all_or_nothing ? CTL_OK : ir.bad ? CTL_USAGE : CTL_CONFLICT;
    if (dry) {
        printf("dry run: %zu client%s would be enrolled, %zu line%s refused; nothing written\n",
               ir.good, ir.good == 1 ? "" : "s", skipped, skipped == 1 ? "" : "s");
        goto out;
    }
    if (all_or_nothing) {
        printf("nothing imported: %zu line%s refused (fix %s%s)\n", skipped,
               skipped == 1 ? "" : "s", skipped == 1 ? "it" : "them",
               partial ? "" : ", or import the good lines with --partial");
        goto out;
    }
    if ((rc = store_commit(ctl->store)) != STORE_OK) {
        in_tx = false;
        code = store_failure(ctl, rc, "importing");
        goto out;
    }
    in_tx = false;
    printf("imported %zu client%s", ir.good, ir.good == 1 ? "" : "s");
    if (skipped)
        printf(", %zu line%s refused (listed above)", skipped, skipped == 1 ? "" : "s");
    printf("\n");
    fflush(stdout);
    if (ir.good)
        wake_gateway(ctl);
    goto out;

bad_file:
    printf("nothing imported\n");
    code = CTL_USAGE;
out:
    if (in_tx)
        store_rollback(ctl->store);
    if (in && in != stdin)
        fclose(in);
    return code;
}

/* ---- export-all ---------------------------------------------------------------- */

enum table { T_CLIENTS, T_MOODS, T_CHECKINS, T_ESCALATIONS, T__COUNT };
static const char *const table_names[T__COUNT] = {"clients", "moods", "checkins", "escalations"};

/* "2026-11-23T14:00:00Z"; "" for 0. Returns out. */
static const char *iso_utc(int64_t t, char *out, size_t outsz)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (t <= 0 || !gmtime_r(&tt, &tm) || strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        out[0] = '\0';
    return out;
}

struct exporter {
    struct ctl *ctl;
    FILE *f;
    bool json;
    int64_t since;               /* rows before this are left out */
    const struct store_client *c; /* the client being walked */
    json_t *arr[T__COUNT];       /* json: one array per table */
    enum table table;            /* csv: the one table written */
};

/* CSV: writes one row of n fields; text[i] marks free text. */
static int csv_row(FILE *f, const char *const *v, const bool *text, int n)
{
    for (int i = 0; i < n; i++)
        if ((i && fputc(',', f) == EOF) || csv_write_field(f, v[i], text[i]) != 0)
            return -1;
    return fputs("\r\n", f) < 0 ? -1 : 0;
}

static int export_client(struct exporter *x, const struct store_client *c)
{
    char t[32];
    if (x->json) {
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "alias", c->alias,
                              "name", c->name, "phone", c->phone, "tz", c->tz, "schedule",
                              c->schedule, "lang", stored_lang_name(c->lang), "state", client_state_name(c->state),
                              "enrolled_at",
                              iso_utc(c->created_at, t, sizeof t), "birthday", c->birthday);
        return o ? json_array_append_new(x->arr[T_CLIENTS], o) : -1;
    }
    const char *v[] = {c->alias, c->name, c->phone, c->tz, c->schedule, stored_lang_name(c->lang),
                       client_state_name(c->state),
                       iso_utc(c->created_at, t, sizeof t), c->birthday};
    static const bool text[] = {true, true, false, false, true, false, false, false, false};
    return csv_row(x->f, v, text, 9);
}

static int export_mood_cb(void *ctx, const struct store_mood *m)
{
    struct exporter *x = ctx;
    char t[32], score[32], lo[16], hi[16], norm[32];
    if (m->recorded_at < x->since)
        return 0;
    iso_utc(m->recorded_at, t, sizeof t);
    if (x->json) {
        json_t *o = json_pack("{s:s, s:s, s:f, s:i, s:i, s:f}", "alias", x->c->alias, "at", t,
                              "score", m->score, "scale_min", m->scale_min, "scale_max",
                              m->scale_max, "norm", m->norm);
        return o && json_array_append_new(x->arr[T_MOODS], o) == 0 ? 0 : CB_NOMEM;
    }
    snprintf(score, sizeof score, "%g", m->score);
    snprintf(lo, sizeof lo, "%d", m->scale_min);
    snprintf(hi, sizeof hi, "%d", m->scale_max);
    snprintf(norm, sizeof norm, "%.1f", m->norm);
    const char *v[] = {x->c->alias, t, score, lo, hi, norm};
    static const bool text[] = {true, false, false, false, false, false};
    return csv_row(x->f, v, text, 6) == 0 ? 0 : CB_NOMEM;
}

static int export_checkin_cb(void *ctx, const struct store_checkin *k)
{
    struct exporter *x = ctx;
    char due[32], end[32];
    iso_utc(k->due_at, due, sizeof due);
    iso_utc(k->window_end, end, sizeof end);
    if (x->json) {
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "alias", x->c->alias, "due_at", due,
                              "window_end", end, "state", checkin_state_name(k->state));
        return o && json_array_append_new(x->arr[T_CHECKINS], o) == 0 ? 0 : CB_NOMEM;
    }
    const char *v[] = {x->c->alias, due, end, checkin_state_name(k->state)};
    static const bool text[] = {true, false, false, false};
    return csv_row(x->f, v, text, 4) == 0 ? 0 : CB_NOMEM;
}

static int export_esc_cb(void *ctx, const struct store_escalation *e)
{
    struct exporter *x = ctx;
    struct store_client c;
    char id[24], created[32], acked[32], tta[24] = "";
    if (e->created_at < x->since)
        return 0;
    const char *alias = e->client_id && store_client_get(x->ctl->store, e->client_id, &c) ==
                                            STORE_OK ? c.alias : "";
    snprintf(id, sizeof id, "%lld", (long long)e->id);
    iso_utc(e->created_at, created, sizeof created);
    iso_utc(e->acked_at, acked, sizeof acked);
    if (e->acked_at > 0)
        snprintf(tta, sizeof tta, "%lld", (long long)(e->acked_at - e->created_at));
    if (x->json) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)e->id,
                              "alias", alias, "severity", stored_severity_name(e->severity),
                              "reason", e->reason,
                              "state", esc_state_name(e->state), "created_at", created,
                              "acked_at",
                              acked[0] ? json_string(acked) : json_null(), "seconds_to_ack",
                              e->acked_at > 0 ? json_integer(e->acked_at - e->created_at)
                                              : json_null());
        return o && json_array_append_new(x->arr[T_ESCALATIONS], o) == 0 ? 0 : CB_NOMEM;
    }
    const char *v[] = {id, alias, stored_severity_name(e->severity), e->reason,
                       esc_state_name(e->state), created, acked, tta};
    static const bool text[] = {false, true, false, true, false, false, false, false};
    return csv_row(x->f, v, text, 8) == 0 ? 0 : CB_NOMEM;
}

static int export_walk_cb(void *ctx, const struct store_client *c)
{
    struct exporter *x = ctx;
    int rc = 0;
    x->c = c;
    if (x->json || x->table == T_CLIENTS)
        rc = export_client(x, c) == 0 ? 0 : CB_NOMEM;
    if (rc == 0 && (x->json || x->table == T_MOODS))
        rc = store_moods_for_client(x->ctl->store, c->id, export_mood_cb, x);
    if (rc == 0 && (x->json || x->table == T_CHECKINS))
        rc = store_checkins_for_client(x->ctl->store, c->id, x->since, export_checkin_cb, x);
    return rc;
}

/* Opens path for writing with mode 0600 (the export holds health data;
 * 0640 in a shared directory, see output_mode); "-" is stdout. Returns the
 * stream or NULL with errno set. */
static FILE *open_private(const char *path)
{
    if (strcmp(path, "-") == 0)
        return stdout;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return NULL;
    (void)fchmod(fd, output_mode(path)); /* whatever the umask, or a file already there */
    FILE *f = fdopen(fd, "w");
    if (!f)
        close(fd);
    return f;
}

/* Parses --days: 1..3650. Returns 0, or -1. */
int parse_days(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > 3650)
        return -1;
    *out = (int)v;
    return 0;
}

int cmd_export_all(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, OPT_FORMAT},
                                         {"table", required_argument, NULL, OPT_TABLE},
                                         {"days", required_argument, NULL, OPT_DAYS},
                                         {"output", required_argument, NULL, OPT_OUTPUT},
                                         HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    struct exporter x;
    const char *out_path = "-";
    char buf[256];
    int opt, rc, code = CTL_OK, days = 0;
    bool table_given = false;
    static const char *const heads[T__COUNT] = {
        "alias,name,phone,tz,schedule,lang,state,enrolled_at,birthday",
        "alias,recorded_at,score,scale_min,scale_max,norm",
        "alias,due_at,window_end,state",
        "id,alias,severity,reason,state,created_at,acked_at,seconds_to_ack",
    };

    memset(&x, 0, sizeof x);
    x.ctl = ctl;
    x.table = T_MOODS;
    while ((opt = next_flag(argc, argv, opts)) != -1) {
        switch (opt) {
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                x.json = true;
            else if (strcmp(optarg, "csv") != 0)
                return usage_error(cmd, "unknown format \"%s\": use csv or json",
                                   clean(optarg, buf, sizeof buf));
            break;
        case OPT_TABLE: {
            int t = -1;
            for (int i = 0; i < T__COUNT; i++)
                if (strcmp(optarg, table_names[i]) == 0)
                    t = i;
            if (t < 0)
                return usage_error(cmd, "unknown table \"%s\": use clients, moods, checkins or "
                                        "escalations", clean(optarg, buf, sizeof buf));
            x.table = (enum table)t;
            table_given = true;
            break;
        }
        case OPT_DAYS:
            if (parse_days(optarg, &days) != 0)
                return usage_error(cmd, "bad --days \"%s\": a whole number from 1 to 3650",
                                   clean(optarg, buf, sizeof buf));
            break;
        case OPT_OUTPUT: out_path = optarg; break;
        default: return flag_other(cmd, opt, argv);
        }
    }
    if (optind != argc)
        return usage_error(cmd, "export-all takes no arguments (it exports every client)");
    if (x.json && table_given)
        return usage_error(cmd, "--table is for csv: the json export holds every table");
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    x.since = days ? ctl->now - (int64_t)days * 86400 : 0;
    if (!(x.f = open_private(out_path))) {
        errorf("cannot write %s: %s", clean(out_path, buf, sizeof buf), strerror(errno));
        return CTL_RUNTIME;
    }
    for (int i = 0; x.json && i < T__COUNT; i++)
        if (!(x.arr[i] = json_array())) {
            code = CTL_RUNTIME;
            goto out;
        }
    if (!x.json && fprintf(x.f, "%s\r\n", heads[x.table]) < 0)
        goto write_error;
    /* One read transaction would need a BEGIN; the walks are each one
     * statement, and an export is a picture of a moment only to the second. */
    rc = STORE_OK;
    if (ctl->store && (x.json || x.table != T_ESCALATIONS))
        rc = store_clients_each(ctl->store, export_walk_cb, &x);
    if (rc == STORE_OK && ctl->store && (x.json || x.table == T_ESCALATIONS))
        rc = store_escalations_each(ctl->store, 0, false, export_esc_cb, &x);
    if (rc == CB_NOMEM)
        goto write_error;
    if (rc != STORE_OK) {
        code = store_failure(ctl, rc, "exporting");
        goto out;
    }
    if (x.json) {
        char t[32];
        json_t *root = json_pack("{s:s, s:s, s:o, s:O, s:O, s:O, s:O}", "program",
                                 ctl->cfg->program_name, "exported_at",
                                 iso_utc(ctl->now, t, sizeof t), "days",
                                 days ? json_integer(days) : json_null(), "clients",
                                 x.arr[T_CLIENTS], "moods", x.arr[T_MOODS], "checkins",
                                 x.arr[T_CHECKINS], "escalations", x.arr[T_ESCALATIONS]);
        int w = root ? json_dumpf(root, x.f, JSON_INDENT(1) | JSON_ENSURE_ASCII) : -1;
        json_decref(root);
        if (w != 0 || fputc('\n', x.f) == EOF)
            goto write_error;
    }
    if (fflush(x.f) != 0 || ferror(x.f))
        goto write_error;
    goto out;

write_error:
    errorf("cannot write the export to %s", clean(out_path, buf, sizeof buf));
    code = CTL_RUNTIME;
out:
    for (int i = 0; i < T__COUNT; i++)
        json_decref(x.arr[i]);
    if (x.f && x.f != stdout && fclose(x.f) != 0 && code == CTL_OK) {
        errorf("cannot write %s: %s", clean(out_path, buf, sizeof buf), strerror(errno));
        code = CTL_RUNTIME;
    }
    return code;
}

/* ---- backup ---------------------------------------------------------------------- */

int cmd_backup(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    char err[512], buf[256];
    struct stat st;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if (argc - optind != 1)
        return usage_error(cmd, argc - optind < 1 ? "backup needs the file to write"
                                                  : "too many arguments");
    const char *path = argv[optind];
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if (!ctl->store) {
        errorf("nothing to back up: %s does not exist", ctl->cfg->database);
        return CTL_RUNTIME;
    }
    if ((rc = store_backup(ctl->store, path, err, sizeof err)) != STORE_OK) {
        if (rc == STORE_BUSY)
            errorf("%s (the database stayed locked by another process; try again)", err);
        else
            errorf("%s", err);
        return CTL_RUNTIME;
    }
    /* store_backup made it 0600; the operators' group reads it in a shared
     * directory (issue 20: operators who are not root read backups). */
    if (output_mode(path) != 0600 && chmod(path, output_mode(path)) != 0)
        fprintf(stderr, "checkinctl: warning: cannot make %s group-readable: %s\n",
                clean(path, buf, sizeof buf), strerror(errno));
    printf("backed up %s to %s", ctl->cfg->database, clean(path, buf, sizeof buf));
    if (stat(path, &st) == 0)
        printf(" (%lld bytes)", (long long)st.st_size);
    printf("\n");
    return CTL_OK;
}
