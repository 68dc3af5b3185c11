/* SPDX-License-Identifier: Apache-2.0 */
/* ctl.c: checkinctl, the operator CLI.
 *
 * Enrols clients, shows them, their moods and open escalations, queues a
 * check-in at once, and runs the reply parser over stdin. It opens the same
 * SQLite file as a running gateway (WAL and a busy timeout make that safe)
 * and never writes SQL itself: everything goes through store.h. After a
 * change it wakes the gateway with SIGUSR1 so the scheduler re-reads the
 * earliest due check-in.
 *
 * Commands are a static table of function pointers. Each command parses its
 * own flags first (so `COMMAND --help` works with a broken config), then
 * asks for what it needs: the config (exit 3 if invalid) and the store.
 *
 * Everything read from the database that a person or a phone wrote (names,
 * message bodies) is printed through clean(), so an SMS cannot put control
 * sequences on the operator's terminal. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/crypt.h"
#include "ctl/ctl.h"
#include "base/version.h"

static const struct command commands[];

/* ---- help ---------------------------------------------------------------------------- */

static void print_help(FILE *f)
{
    fprintf(f,
            "usage: " PROG " [-c|--config FILE] COMMAND [ARGS]\n"
            "\n"
            "The operator's tool for checkin-gateway: enrol clients, see their moods and\n"
            "open escalations, queue a check-in now, try the reply parser. It works on the\n"
            "database named in the configuration, also while the gateway runs, and wakes\n"
            "the gateway (SIGUSR1, pid from daemon.pid_file) after a change.\n"
            "\n"
            "Options:\n"
            "  -c, --config FILE   the configuration (default: $CHECKIN_CONFIG, else\n"
            "                      etc/checkin.conf if it exists here, else\n"
            "                      %s)\n"
            "  -w, --wait SECONDS  how long to wait for a database another process holds\n"
            "                      locked before giving up with exit 1 (default 5)\n"
            "  -h, --help          this text\n"
            "      --version       the version\n"
            "\n"
            "Commands:\n", gw_installed_config());
    for (const struct command *c = commands; c->name; c++)
        fprintf(f, "  %-12s %s\n", c->name, c->summary);
    fprintf(f,
            "\n"
            "`" PROG " help COMMAND` or `" PROG " COMMAND --help` shows a command's arguments.\n"
            "\n"
            "Exit codes:\n"
            "  0  success\n"
            "  1  runtime failure: database error, database locked too long, or refused\n"
            "     (checkin-now for a client who opted out or is paused)\n"
            "  2  usage error: unknown command or option, missing argument, bad alias, phone\n"
            "     number, time zone, schedule, specialist, language or scale\n"
            "  3  the configuration file is invalid (each problem printed as file:line: reason;\n"
            "     checkin-gateway exits 3 too)\n"
            "  4  no such client\n"
            "  5  conflict: the alias or the phone number is already enrolled\n"
            "\n"
            "Environment:\n"
            "  CHECKIN_GATEWAY_TIME_OFFSET  seconds added to the clock, as the gateway does\n"
            "                               (for tests)\n");
}

static const struct command *find_command(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static int cmd_help(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    char buf[256];
    int opt;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if (argc - optind > 1)
        return usage_error(cmd, "too many arguments");
    if (argc - optind == 0) {
        print_help(stdout);
        return CTL_OK;
    }
    const struct command *which = find_command(argv[optind]);
    if (!which)
        return usage_error(cmd, "unknown command \"%s\"", clean(argv[optind], buf, sizeof buf));
    print_command_help(which, stdout);
    return CTL_OK;
}

/* The commands, in the order the help lists them. */
static const struct command commands[] = {
    {"enroll", cmd_enroll,
     "ALIAS PHONE [--name NAME] [--tz ZONE] [--schedule NAME] [--specialist ID] [--lang en|es]"
     " [--birthday MM-DD]",
     "enrol a client and schedule their first check-in",
     "\n"
     "  ALIAS              what specialists and operators call the client: 1-63 of\n"
     "                     a-z 0-9 _ - (lower case); unique\n"
     "  PHONE              the client's mobile number with its country code:\n"
     "                     +15555550123 or 0015555550123; spaces, dashes, dots and\n"
     "                     parentheses are dropped; unique\n"
     "  --name NAME        optional full name\n"
     "  --tz ZONE          IANA time zone for check-in times (default: program.timezone)\n"
     "  --schedule NAME    a schedule of the configuration (default: the first)\n"
     "  --specialist ID    the peer specialist alerted for this client (default: the first)\n"
     "  --lang en|es       the language of the texts (default en)\n"
     "  --birthday MM-DD   optional: a caring schedule also writes on this day\n"
     "\n"
     "Prints the next check-in time in the client's zone and wakes the gateway.\n"
     "Exit 5 if the alias or the number is already enrolled.\n"},
    {"list", cmd_list, "", "one line per client: phone, state, schedule, next check-in, last mood",
     "\n"
     "Times are local to each client. \"-\" means none (no check-in is sent to a client\n"
     "who opted out or is paused).\n"},
    {"show", cmd_show, "ALIAS", "everything about one client, with open escalations",
     "\n"
     "Prints key: value lines (alias, name, phone, zone, schedule, language, specialist,\n"
     "state, enrolled, next check-in, last mood), then the open escalations as\n"
     "  #ID SEVERITY REASON since TIME\n"
     "Exit 4 if there is no such client.\n"},
    {"history", cmd_history, "ALIAS [--messages]", "a client's moods, oldest first, as a bar chart",
     "\n"
     "  --messages   also every message to and from the client, in order: time,\n"
     "               in/out, kind, state and the text\n"
     "After the moods, when the client was asked check-in flows (`checkinctl flows`):\n"
     "\"flows:\" and a line per administration, oldest first: when, the flow, how it\n"
     "ended (complete, partial, unanswered, crisis, stopped, or open), an instrument's\n"
     "total and severity band, and each answer as QUESTION=VALUE.\n"
     "Exit 4 if there is no such client.\n"},
    {"conversation", cmd_conversation, "ALIAS", "a client's conversations with specialists",
     "\n"
     "One line per conversation (its escalation or TEXT, the specialist holding it,\n"
     "opened, last activity, open or ended and why: END, RESOLVE, idle), then what\n"
     "the client wrote (alias ->) and what the specialist sent them (<- key, with the\n"
     "delivery state), in order. Exit 4 if there is no such client.\n"},
    {"checkin-now", cmd_checkin_now, "ALIAS", "send a client a check-in now",
     "\n"
     "Makes a one-off check-in due now and wakes the gateway; the regular schedule\n"
     "goes on as before. Inside quiet hours it waits for their end. Exit 1 if the\n"
     "client opted out (STOP) or is paused. Exit 4 if there is no such client.\n"},
    {"checkin-at", cmd_checkin_at, "ALIAS \"YYYY-MM-DD HH:MM\"",
     "a one-off check-in at a time in the client's zone",
     "\n"
     "  YYYY-MM-DD HH:MM   local time in the client's zone (quoted, or as two\n"
     "                     arguments); not in the past\n"
     "\n"
     "Adds one check-in at that time; the regular schedule goes on as before. Inside\n"
     "quiet hours it waits for their end. Exit 1 if the client opted out or is paused,\n"
     "2 for a malformed or past time, 4 if there is no such client.\n"},
    {"pause", cmd_pause, "ALIAS [--until YYYY-MM-DD]", "no check-ins for a while",
     "\n"
     "  --until YYYY-MM-DD   resume by themselves at the start of that day (the\n"
     "                       client's zone); without it, until `resume`\n"
     "\n"
     "A pending one-off is dropped. Replies are still read and crisis messages still\n"
     "escalate while paused. Exit 1 if the client opted out, 4 if there is no such\n"
     "client.\n"},
    {"resume", cmd_resume, "ALIAS", "end a pause now",
     "\n"
     "The next check-in is the schedule's next time after now. Exit 1 if the client\n"
     "opted out (only their START resumes them), 4 if there is no such client.\n"},
    {"update", cmd_update, "ALIAS [--schedule NAME] [--tz ZONE] [--lang en|es] [--birthday MM-DD]",
     "change a client's schedule, zone or language",
     "\n"
     "  --schedule NAME   a schedule of the configuration\n"
     "  --tz ZONE         IANA time zone\n"
     "  --lang en|es      the language of the texts\n"
     "  --birthday MM-DD  the birthday (caring contacts); \"\" forgets it\n"
     "\n"
     "History (check-ins, replies, moods) is kept; the next check-in is planned\n"
     "again from now. Exit 2 for an unknown schedule, zone or language, 4 if there\n"
     "is no such client.\n"},
    {"followups", cmd_followups, "[--all]", "follow-up tasks after escalations, by due time",
     "\n"
     "One line per task: escalation, client, state, due time (program.timezone), the\n"
     "specialist holding it, whether it was sent twice or handed to the backup or\n"
     "on-call, and who did it when. States: open (not due yet), due (sent, waiting\n"
     "for DONE or SNOOZE), overdue (in the holder's digest and STATUS), done.\n"
     "  --all    done tasks too (by default only those not done)\n"},
    {"escalations", cmd_escalations, "[--open] [ID]",
     "escalations with time to acknowledgement, or one with its audit trail",
     "\n"
     "  --open   only open ones: not resolved yet (acknowledged or not)\n"
     "  ID       one escalation: severity, reason, client, messages merged, who\n"
     "           acknowledged it and after how long, then every step (created,\n"
     "           alerted, re-alerted, handed off, acked, noted, resolved) with\n"
     "           who and when. Exit 4 if there is no such escalation.\n"
     "Times are in program.timezone. TO ACK is the time from the first message to the\n"
     "first ACK (\"open 12m00s\" while nobody has it).\n"},
    {"parse", cmd_parse,
     "[--scale MIN-MAX] [--lang en|es] [--vocabulary FILE | --config FILE] [--explain]",
     "run the reply parser on each line of stdin, print JSON",
     "\n"
     "  --scale MIN-MAX    the check-in scale (default 1-10; 0 <= MIN < MAX <= 100)\n"
     "  --lang en|es       accepted and checked; the parser reads both languages\n"
     "  --vocabulary FILE  an operator vocabulary file (extra crisis/relapse phrases)\n"
     "  --config FILE      use the vocabulary named by FILE's replies.vocabulary\n"
     "                     (so does the global -c FILE; --vocabulary FILE wins over it)\n"
     "  --explain          add \"reasons\": which concept or rule raised each signal\n"
     "                     (self_death, means, overdose, farewell, state, dealer,\n"
     "                     contact, event, despair, other_person, past, denial...)\n"
     "\n"
     "Prints one JSON object per input line (an empty line too), e.g.\n"
     "  {\"intent\":\"mood\",\"score\":7,\"signals\":[],\"ack_id\":null}\n"
     "signals may hold crisis, relapse, negated, out_of_range, contact (asks for\n"
     "a person), event (a serious life event), ambiguous (risk without a stated\n"
     "intent: the client is asked) and context (risk words about somebody else,\n"
     "the past or a group's topic). Exits 0 after\n"
     "the last line; a bad vocabulary is refused (file:line errors, exit 3).\n"
     "Needs no configuration (unless -c or --config names one) and no database.\n"},
    {"import", cmd_import, "FILE.csv [--dry-run] [--partial]", "enrol many clients from a CSV file",
     "\n"
     "  FILE.csv    UTF-8 CSV (- for stdin). The first line names the columns:\n"
     "              alias and phone are required; name, tz, schedule,\n"
     "              specialist and lang are optional (empty = the default, as\n"
     "              for enroll); state and enrolled_at (from export-all) are\n"
     "              ignored. Lines that are empty or start with # are skipped.\n"
     "              A field in quotes may hold commas, \"\" for a quote and line\n"
     "              breaks (each becomes a space); a quote elsewhere is refused.\n"
     "  --dry-run   check every line (also against the database: already\n"
     "              enrolled) and write nothing\n"
     "  --partial   enrol the good lines even if some are refused\n"
     "\n"
     "Every line is checked like `enroll`; each refused one is printed as\n"
     "FILE:LINE: reason (the line where its record starts). Without --partial\n"
     "nothing is written when any line is refused: the import is one\n"
     "transaction, all or nothing. Exit 0 if every line was enrolled, or with\n"
     "--partial if at least one was (the refused ones listed); else 2 if a line\n"
     "is malformed or the file cannot be read, 5 if lines only conflict with\n"
     "enrolled clients. --dry-run exits as the import would.\n"},
    {"export-all", cmd_export_all,
     "[--format csv|json] [--table NAME] [--days N] [--output FILE]",
     "the whole program's data as CSV or JSON",
     "\n"
     "  --format csv|json  default csv\n"
     "  --table NAME       csv: clients, moods (default), checkins or escalations;\n"
     "                     json holds every table in one object\n"
     "  --days N           only moods, check-ins and escalations of the last N days\n"
     "  --output FILE      write FILE instead of stdout (mode 0600; 0640 in a\n"
     "                     setgid directory: the operators' group reads it)\n"
     "\n"
     "Times are UTC, ISO 8601. In CSV, free text (names, reasons) starting with\n"
     "= + - or @ gets a ' in front so a spreadsheet does not run it as a formula.\n"},
    {"report", cmd_report, "-o FILE.html [--client ALIAS] [--days N]",
     "an HTML report with charts: moods, response rate, missed, escalations",
     "\n"
     "  -o, --output FILE  the HTML file to write (mode 0600; replaced whole)\n"
     "  --client ALIAS     one client (default: the whole program)\n"
     "  --days N           the last N days, today included (default 30)\n"
     "\n"
     "One self-contained file (no scripts, no outside files): a summary (response\n"
     "rate, missed check-ins, mean mood, escalations and time to acknowledgement),\n"
     "mood over time and check-ins per day as SVG charts, a table per client and\n"
     "the escalations. Times are in program.timezone. Exit 4 if there is no such\n"
     "client.\n"},
    {"backup", cmd_backup, "FILE", "a consistent copy of the database, also while the gateway runs",
     "\n"
     "  FILE   the new file (refused if it exists; mode 0600, or 0640 in a setgid\n"
     "         directory such as /var/backups/checkin-gateway: the operators'\n"
     "         group reads it)\n"
     "\n"
     "Uses SQLite's online backup: one consistent snapshot, taken while the gateway\n"
     "keeps working. Restore by stopping the gateway and copying FILE over the\n"
     "database (remove its -wal and -shm files). Exit 1 if it fails.\n"},
    {"flows", cmd_flows, "[--max-segments N]",
     "the check-in flows the schedules ask, validated, with each text's SMS length",
     "\n"
     "Loads the configuration (every flow is validated there: an invalid one is\n"
     "refused with its file:line, exit 3) and prints each configured flow and each\n"
     "built-in instrument a schedule names: per question its type, its answers, the\n"
     "condition it is asked under, and per language the text's encoding (GSM-7 or\n"
     "UCS-2), bytes and SMS segments; then which schedule asks which flow.\n"
     "  --max-segments N   exit 1 if any text takes more than N segments (default 4)\n"},
    {"templates", cmd_templates, "[--max-segments N]",
     "every text template rendered, with its SMS encoding and length",
     "\n"
     "Renders each template of each language with sample values (the longest alias\n"
     "and excerpt) and prints: language, template, encoding (GSM-7 or UCS-2),\n"
     "bytes and SMS segments.\n"
     "  --max-segments N   exit 1 if any text takes more than N segments (default 4)\n"},
    {"export", cmd_export, "ALIAS", "everything held about one client, as JSON",
     "\n"
     "For a person's request to see their data: the client record, every message\n"
     "to and from them (decrypted), moods, escalations and the audit lines about\n"
     "them, as one JSON object on stdout. Exit 4 if there is no such client.\n"},
    {"remove", cmd_remove, "ALIAS --yes", "delete everything held about one client",
     "\n"
     "Deletes the client, their messages (also alerts about them), moods, check-ins\n"
     "and escalations in one transaction, and leaves one audit line\n"
     "(client.removed, subject client#ID, with the counts); earlier audit lines keep\n"
     "their actions but no longer name the alias. --yes is required.\n"
     "Exit 4 if there is no such client.\n"},
    {"retention", cmd_retention, "", "remove message bodies older than retention.message_days now",
     "\n"
     "What the gateway does daily, at once: bodies of messages older than\n"
     "retention.message_days are removed; moods, escalations and audit lines stay.\n"},
    {"rekey", cmd_rekey, "[--batch N]", "re-encrypt stored values with the current key",
     "\n"
     "Key rotation, while the gateway runs: set the new key as encryption.key and\n"
     "the old one as encryption.previous_key, reload the gateway (SIGHUP), then run\n"
     "this. It re-encrypts message bodies and client names in short transactions\n"
     "of N values (default 500), then checks that nothing is left under the old\n"
     "key; previous_key can then be removed. With no encryption.key it decrypts\n"
     "everything (turning encryption off).\n"},
    {"keygen", cmd_keygen, "", "print a new random encryption key (64 hex digits)",
     "\n"
     "Write it to a file readable only by the gateway's user and set\n"
     "encryption.key = \"file:/path\" (or an environment variable, \"env:NAME\").\n"},
    {"help", cmd_help, "[COMMAND]", "this list, or the arguments of COMMAND", ""},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- main ---------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'},
        {"wait", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct ctl ctl;
    char buf[256];
    int opt, code;

    memset(&ctl, 0, sizeof ctl);
    ctl.config_path = gw_default_config(&ctl.config_origin);
    ctl.wait_ms = 5000;
    opterr = 0;
    /* "+": stop at the command name; the rest are the command's flags. */
    while ((opt = getopt_long(argc, argv, "+:c:hw:", opts, NULL)) != -1) {
        switch (opt) {
        case 'c':
            ctl.config_path = optarg;
            ctl.config_given = true;
            break;
        case 'w': {
            char *end;
            errno = 0;
            long secs = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || secs < 0 || secs > 3600)
                return usage_error(NULL, "bad --wait \"%s\": seconds, 0 to 3600",
                                   clean(optarg, buf, sizeof buf));
            ctl.wait_ms = (int)secs * 1000;
            break;
        }
        case 'h': print_help(stdout); return CTL_OK;
        case 'V': puts(PROG " " GW_VERSION); return CTL_OK;
        case ':':
            return usage_error(NULL, "%s needs a value", clean(argv[optind - 1], buf, sizeof buf));
        default:
            if (optopt)
                return usage_error(NULL, "unknown option -%c", optopt);
            return usage_error(NULL, "unknown option %s",
                               clean(argv[optind - 1], buf, sizeof buf));
        }
    }
    if (optind == argc)
        return usage_error(NULL, "no command given");
    ctl.cmd = find_command(argv[optind]);
    if (!ctl.cmd)
        return usage_error(NULL, "unknown command \"%s\"", clean(argv[optind], buf, sizeof buf));

    /* The same clock as the gateway's (gw_now), so tests can move both. */
    ctl.now = (int64_t)time(NULL);
    const char *off = getenv("CHECKIN_GATEWAY_TIME_OFFSET");
    if (off && *off)
        ctl.now += strtoll(off, NULL, 10);

    /* The command sees argv[0] = its name; optind = 0 makes GNU getopt
     * start afresh for it. */
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0;
    code = ctl.cmd->run(&ctl, sub_argc, sub_argv);

    store_close(ctl.store);
    crypt_free(ctl.crypt);
    gw_config_free(ctl.cfg);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        errorf("cannot write the output: %s", strerror(errno));
        if (code == CTL_OK)
            code = CTL_RUNTIME;
    }
    return code;
}
