/* SPDX-License-Identifier: Apache-2.0 */
/* config.c: etc/checkin.conf (libconfig) -> struct gw_config, validated.
 *
 * The loader never stops at the first problem: every bad setting adds one
 * "file:line: reason" to a struct cfg_errors, so an operator fixes them all
 * in one pass (`checkin-gateway --check-config`). The scalar settings of the
 * program, daemon, http and outbox groups are described by ONE table
 * (`scalars` below) that gives their type, their field in struct gw_config,
 * their default and their validator; the same table drives parsing, the
 * defaults and the unknown-key errors. The lists (providers, routing,
 * schedules, specialists, templates) have their own small parsers.
 *
 * Provider groups are only checked for name and kind here: their other keys
 * belong to the provider kind, whose create() validates them (Kannel-style:
 * the schema of a backend lives with the backend). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config/config.h"
#include "config/config_flows.h"
#include "base/crypt.h"
#include "base/phone_shim.h"
#include "model/command.h"
#include "model/schedule.h"
#include "model/template.h"
#include "config/vocab.h"

/* ---- small helpers ---------------------------------------------------- */

/* The loader's short name for base/settings' cfg_type_name, in many of its
 * messages. */
static const char *type_name(int type) { return cfg_type_name(type); }

static bool is_int(const config_setting_t *s)
{
    return config_setting_type(s) == CONFIG_TYPE_INT || config_setting_type(s) == CONFIG_TYPE_INT64;
}

/* Arrays [ ] and lists ( ) both hold sequences; an empty "[]" parses as an
 * array even where a list of groups is meant. */
static bool is_seq(const config_setting_t *s)
{
    return config_setting_is_array(s) || config_setting_is_list(s);
}

/* Operator-chosen identifiers: [a-z0-9_-]{1,63}. They appear in URLs
 * (/sms/<provider>), in the database and on the command line. */
static bool name_is_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= CFG_NAME_MAX)
        return false;
    for (; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* Copies src into dst[dstsz]; false (and dst untouched) if it does not fit. */
static bool copy_str(char *dst, size_t dstsz, const char *src)
{
    size_t n = strlen(src);
    if (n >= dstsz)
        return false;
    memcpy(dst, src, n + 1);
    return true;
}

/* ---- secrets ---------------------------------------------------------- */

/* Whether a setting's name is one that holds a secret, by its ending:
 * "password", "auth_token", "secret", "pin", "signing_key", or "key" itself
 * (encryption.key); not "key_file". */
static bool secret_name(const char *name)
{
    static const char *const ends[] = {"password", "passwd", "secret", "token", "pin",
                                       "_key", "apikey", NULL};
    size_t n = name ? strlen(name) : 0;
    if (n == 3 && strcasecmp(name, "key") == 0)
        return true;
    for (int i = 0; ends[i]; i++) {
        size_t k = strlen(ends[i]);
        if (n >= k && strcasecmp(name + n - k, ends[i]) == 0)
            return true;
    }
    return false;
}

static void inline_secrets_walk(const config_setting_t *s, char *path, size_t cap,
                                size_t *count, char *names, size_t namescap)
{
    size_t len = strlen(path);
    const char *name = config_setting_name(s);
    if (name)
        snprintf(path + len, cap - len, "%s%s", len ? "." : "", name);
    else if (config_setting_parent(s))
        snprintf(path + len, cap - len, "[%d]", config_setting_index(s));
    if (config_setting_is_aggregate(s)) {
        for (int i = 0; i < config_setting_length(s); i++)
            inline_secrets_walk(config_setting_get_elem(s, (unsigned)i), path, cap, count, names,
                                namescap);
    } else if (config_setting_type(s) == CONFIG_TYPE_STRING && secret_name(name)) {
        const char *v = config_setting_get_string(s);
        if (v && *v && strncmp(v, "env:", 4) != 0 && strncmp(v, "file:", 5) != 0) {
            size_t used = strlen(names);
            snprintf(names + used, namescap - used, "%s%s", used ? "," : "", path);
            (*count)++;
        }
    }
    path[len] = '\0';
}

size_t gw_config_inline_secrets(const struct gw_config *c, char *names, size_t namescap)
{
    char path[512] = "";
    size_t count = 0;
    if (namescap)
        names[0] = '\0';
    if (!c || !namescap)
        return 0;
    inline_secrets_walk(config_root_setting(&c->lc), path, sizeof path, &count, names, namescap);
    return count;
}

/* ---- time zones ------------------------------------------------------- */

/* The IANA names of today are Area/Location (and UTC, Etc/...); the rest
 * (EST, US/Central, Canada/Eastern, GB, Japan) are links kept in tzdata's
 * "backward" file for old systems: their rules may differ from what the
 * operator means (EST has no summer time), and Debian moves them to
 * tzdata-legacy from trixie on. */
bool tz_is_legacy(const char *tz)
{
    static const char *const areas[] = { "Africa/", "America/", "Antarctica/", "Arctic/",
                                         "Asia/", "Atlantic/", "Australia/", "Europe/",
                                         "Indian/", "Pacific/", "Etc/" };
    if (tz == NULL || strcmp(tz, "UTC") == 0)
        return false;
    for (size_t i = 0; i < sizeof areas / sizeof areas[0]; i++)
        if (strncmp(tz, areas[i], strlen(areas[i])) == 0)
            return false;
    return true;
}

bool tz_is_valid(const char *tz)
{
    const char *dir = getenv("TZDIR");
    char path[512], magic[4];
    struct stat st;
    FILE *f;
    bool ok;

    if (tz == NULL || tz[0] == '\0' || tz[0] == '/' || strlen(tz) >= CFG_TZ_MAX ||
        strstr(tz, "..") != NULL)
        return false;
    if (dir == NULL || dir[0] == '\0')
        dir = "/usr/share/zoneinfo";
    if (snprintf(path, sizeof path, "%s/%s", dir, tz) >= (int)sizeof path)
        return false;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    /* zone.tab, tzdata.zi and friends live in the same directory: only a
     * compiled zone file (magic "TZif") is a zone. */
    f = fopen(path, "rb");
    if (f == NULL)
        return false;
    ok = fread(magic, 1, sizeof magic, f) == sizeof magic && memcmp(magic, "TZif", 4) == 0;
    fclose(f);
    return ok;
}

/* ---- names ------------------------------------------------------------ */

static const char *const tpl_names[TPL__COUNT] = {
    "checkin", "retry", "crisis", "alert", "stop", "start", "help", "reminder",
    "welcome", "welcome_confirm", "confirmed", "screen", "away",
    "realert", "upgraded", "taken", "followup", "usage", "unknown", "acked",
    "already_taken", "already", "noted", "noted_open", "resolved", "status",
    "status_none", "digest", "remind_resolve",
    "conv_acked", "conv_in", "conv_opened", "conv_held", "conv_taken", "conv_taken_away",
    "conv_ended", "conv_none", "conv_which", "conv_stopped", "conv_quiet", "conv_not_yours",
    "conv_pending", "conv_idle", "followup_due", "followup_handed", "followup_done", "followup_snoozed",
    "followup_none",
};

/* The texts of the optional templates when the file has none: the welcome
 * says who writes, how often, that this is peer support and not therapy,
 * how to stop and where to turn in a crisis. */
static const char *const tpl_builtin[LANG__COUNT][TPL__COUNT] = {
    [LANG_EN] = {
        [TPL_WELCOME] = "{program}: Welcome! You will get a short check-in {frequency}. This is "
                        "peer support, not therapy or medical advice. Reply STOP to opt out, "
                        "HELP for help. In crisis? Call or text 988.",
        [TPL_WELCOME_CONFIRM] = "{program}: Welcome! Reply YES to get a short check-in "
                                "{frequency}. This is peer support, not therapy or medical "
                                "advice. Reply STOP to opt out, HELP for help. In crisis? Call "
                                "or text 988.",
        [TPL_CONFIRMED] = "{program}: Thank you, you are signed up. Check-ins come {frequency}. "
                          "Reply STOP to opt out, HELP for help.",
        /* Modelled on the C-SSRS screener's direct question. */
        [TPL_SCREEN] = "{program}: Thank you for telling us. Have you had thoughts of killing "
                       "yourself in the past week? Please reply YES or NO. In crisis, call or "
                       "text 988 any time.",
        [TPL_AWAY] = "{program}: {peer} is away now and back {back}. Your message is saved "
                     "for them. In crisis, call or text 988 now.",
    },
    [LANG_ES] = {
        [TPL_WELCOME] = "{program}: ¡Bienvenido/a! Recibirá un breve mensaje {frequency}. Esto "
                        "es apoyo entre pares, no terapia ni consejo médico. Responda STOP para "
                        "no recibir más, HELP para ayuda. ¿En crisis? Llame o envíe un texto al "
                        "988.",
        [TPL_WELCOME_CONFIRM] = "{program}: ¡Bienvenido/a! Responda SI para recibir un breve "
                                "mensaje {frequency}. Esto es apoyo entre pares, no terapia ni "
                                "consejo médico. Responda STOP para no recibir más, HELP para "
                                "ayuda. ¿En crisis? Llame o envíe un texto al 988.",
        [TPL_CONFIRMED] = "{program}: Gracias, ya está inscrito/a. Recibirá mensajes "
                          "{frequency}. Responda STOP para no recibir más, HELP para ayuda.",
        /* Only GSM-7 characters (no á, í, ú): one plain-text segment pair, not UCS-2. */
        [TPL_SCREEN] = "{program}: Gracias por contarnos. ¿Ha pensado en quitarse la vida durante "
                       "la semana pasada? Responda SI o NO. En una crisis, llame o escriba al "
                       "988 a cualquier hora.",
        [TPL_AWAY] = "{program}: {peer} no esta disponible ahora y vuelve el {back}. Su mensaje "
                     "queda guardado. En una crisis, llame o escriba al 988 ahora.",
        /* The conversation texts to a specialist who reads Spanish, also in
         * GSM-7 only (no á, í, ó, ú), so two segments hold them. */
        [TPL_CONV_ACKED] = "{program}: #{escalation} ({alias}) es suyo. Lo que escriba aqui "
                           "ahora le llega a {alias} desde el numero del programa, hasta END "
                           "{escalation}. NOTE y RESOLVE como antes.",
        [TPL_CONV_IN] = "{ref}: {text}",
        [TPL_CONV_OPENED] = "{program}: enviado a {alias}. Lo que escriba aqui ahora le llega, "
                            "hasta END {target}.",
        [TPL_CONV_HELD] = "{program}: {ref} lo atiende {by}. TAKE {target} para hacerse cargo.",
        [TPL_CONV_TAKEN] = "{program}: ahora usted atiende {ref} (antes {by}). Lo que escriba "
                           "aqui le llega, hasta END {target}.",
        [TPL_CONV_TAKEN_AWAY] = "{program}: {by} se hizo cargo de {ref}. Lo que escriba ya no "
                                "le llega.",
        [TPL_CONV_ENDED] = "{program}: termino la conversacion con {ref}. Lo que escriba ya no "
                           "le llega.",
        [TPL_CONV_NONE] = "{program}: no tiene una conversacion abierta con {target}. TEXT alias "
                          "mensaje para empezar una.",
        [TPL_CONV_WHICH] = "{program}: tiene {count} conversaciones ({list}). Empiece con @ y "
                           "una de ellas, p. ej. @{target} hola.",
        [TPL_CONV_STOPPED] = "{program}: no enviado. {alias} respondio STOP y no ha escrito "
                             "desde entonces; solo puede contestar un mensaje posterior al STOP.",
        [TPL_CONV_QUIET] = "{program}: son horas de silencio para {alias}: su mensaje sale al "
                           "terminar. Empiece con ! para enviarlo ya.",
        [TPL_CONV_NOT_YOURS] = "{program}: {target} no es uno de sus clientes.",
        [TPL_CONV_PENDING] = "{program}: no enviado. {alias} no ha confirmado (SI) ni ha "
                             "escrito; puede contestarle cuando escriba.",
        [TPL_CONV_IDLE] = "{program}: la conversacion con {ref} termino tras {count} horas sin "
                          "mensajes. Lo que escriba ya no le llega; TEXT {alias} para seguir.",
        [TPL_FU_DUE] = "{program}: haga seguimiento con {alias} (#{escalation}): responda "
                       "DONE {escalation} o SNOOZE {escalation} 4h.",
        [TPL_FU_HANDED] = "{program}: {by} no ha hecho el seguimiento con {alias} "
                          "(#{escalation}). Hagalo usted: responda DONE {escalation} o SNOOZE "
                          "{escalation} 4h.",
        [TPL_FU_DONE] = "{program}: seguimiento con {alias} (#{escalation}) hecho. Gracias.",
        [TPL_FU_SNOOZED] = "{program}: seguimiento con {alias} (#{escalation}) de nuevo en "
                           "{how}.",
        [TPL_FU_NONE] = "{program}: no hay seguimiento pendiente de #{escalation}.",
    },
};

/* The English texts to specialists, when the config has none. */
static const char *const tpl_defaults[TPL__COUNT] = {
    [TPL_REALERT] = "NOT YET ACKNOWLEDGED ({step}): ",
    [TPL_UPGRADED] = "UPGRADED to {severity}: ",
    [TPL_TAKEN] = "{program}: #{escalation} was taken by {by} ({how}). No action needed.",
    [TPL_FOLLOWUP] = "{program}: #{escalation} ({alias}) wrote again after your ACK: "
                     "\"{excerpt}\" (messages: {count}). RESOLVE {escalation} when done.",
    [TPL_USAGE] = "{program}: Commands: ACK 17 (I have it), NOTE 17 your note, RESOLVE 17 "
                  "(closed), STATUS (your open escalations). Conversations: TEXT alias message, "
                  "@17 message, END 17, TAKE 17. Follow-ups: DONE 17, SNOOZE 17 4h.",
    [TPL_UNKNOWN] = "{program}: there is no escalation #{escalation}. STATUS lists yours.",
    [TPL_ACKED] = "{program}: #{escalation} ({alias}) is yours. NOTE {escalation} <text> to add "
                  "a note, RESOLVE {escalation} when done.",
    [TPL_ALREADY_TAKEN] = "{program}: #{escalation} ({alias}) was already taken by {by}.",
    [TPL_ALREADY] = "{program}: #{escalation} ({alias}) is already {state}.",
    [TPL_NOTED] = "{program}: note added to #{escalation} ({alias}).",
    [TPL_NOTED_OPEN] = "{program}: note added to #{escalation} ({alias}). It is still "
                       "unacknowledged: ACK to take it.",
    [TPL_RESOLVED] = "{program}: #{escalation} ({alias}) is resolved. Thank you.",
    [TPL_STATUS] = "{program}: {list}",
    [TPL_STATUS_NONE] = "{program}: no open escalations.",
    [TPL_DIGEST] = "{program} daily watch: {list} Reply ACK n or RESOLVE n.",
    [TPL_REMIND_RESOLVE] = "{program}: #{escalation} ({alias}) is still not resolved since your "
                           "ACK. Their messages no longer come to you; a new crisis alerts "
                           "afresh. RESOLVE {escalation} if it is done.",
    [TPL_CONV_ACKED] = "{program}: #{escalation} ({alias}) is yours. Texts you send here now "
                       "go to {alias} from the program number, until END {escalation}. NOTE "
                       "and RESOLVE as before.",
    [TPL_CONV_IN] = "{ref}: {text}",
    [TPL_CONV_OPENED] = "{program}: sent to {alias}. Your texts here now go to them, until END "
                        "{target}.",
    [TPL_CONV_HELD] = "{program}: {ref} is held by {by}. TAKE {target} to take it over.",
    [TPL_CONV_TAKEN] = "{program}: you now hold {ref} (from {by}). Your texts here go to them, "
                       "until END {target}.",
    [TPL_CONV_TAKEN_AWAY] = "{program}: {by} took over {ref}. Your texts no longer go to them.",
    [TPL_CONV_ENDED] = "{program}: the conversation with {ref} ended. Your texts no longer go "
                       "to them.",
    [TPL_CONV_NONE] = "{program}: you hold no open conversation with {target}. TEXT alias "
                      "message starts one.",
    [TPL_CONV_WHICH] = "{program}: you hold {count} conversations ({list}). Start your text with "
                       "@ and one of them, e.g. @{target} hello.",
    [TPL_CONV_STOPPED] = "{program}: not sent. {alias} replied STOP and has not written since; "
                         "you can only answer a message they send after the STOP.",
    [TPL_CONV_QUIET] = "{program}: quiet hours for {alias}: your text goes when they end. Start "
                       "it with ! to send it now.",
    [TPL_CONV_NOT_YOURS] = "{program}: {target} is not one of your clients.",
    [TPL_CONV_PENDING] = "{program}: not sent. {alias} has not confirmed (YES) and has not "
                         "written; you can answer once they write.",
    [TPL_CONV_IDLE] = "{program}: the conversation with {ref} ended after {count} hours with "
                      "no message. Your texts no longer go to them; TEXT {alias} to go on.",
    [TPL_FU_DUE] = "{program}: Follow up with {alias} (#{escalation}): reply DONE "
                   "{escalation} or SNOOZE {escalation} 4h.",
    [TPL_FU_HANDED] = "{program}: {by} has not followed up with {alias} (#{escalation}). "
                      "Please do: reply DONE {escalation} or SNOOZE {escalation} 4h.",
    [TPL_FU_DONE] = "{program}: follow-up with {alias} (#{escalation}) done. Thank you.",
    [TPL_FU_SNOOZED] = "{program}: follow-up with {alias} (#{escalation}) again in {how}.",
    [TPL_FU_NONE] = "{program}: no follow-up of #{escalation} is due.",
};

const char *tpl_default(enum tpl_id id)
{
    return (unsigned)id < TPL__COUNT ? tpl_defaults[id] : NULL;
}

const char *tpl_name(enum tpl_id id)
{
    return (unsigned)id < TPL__COUNT ? tpl_names[id] : "?";
}

static const char *const lang_names[LANG__COUNT] = { "en", "es" };

const char *lang_name(enum lang l)
{
    return (unsigned)l < LANG__COUNT ? lang_names[l] : "?";
}

int lang_parse(const char *s, enum lang *out)
{
    for (int i = 0; s != NULL && i < LANG__COUNT; i++) {
        if (strcasecmp(s, lang_names[i]) == 0) {
            *out = (enum lang)i;
            return 0;
        }
    }
    return -1;
}

/* ---- the loader ------------------------------------------------------- */

struct loader {
    struct gw_config *c;
    struct cfg_errors *errs;
    int nerr; /* counted here: errs may drop a message on allocation failure */
};

static void lerr(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void lerr(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (s != NULL)
        cfg_errors_vat(ld->errs, s, fmt, ap);
    else
        cfg_errors_vadd(ld->errs, ld->c->file, 0, fmt, ap);
    va_end(ap);
    ld->nerr++;
}

static void oom(struct loader *ld)
{
    lerr(ld, NULL, "out of memory");
}

/* ---- the scalar table ------------------------------------------------- */

enum scalar_type {
    SC_STRING,   /* char * in the struct, owned (strdup) */
    SC_STRBUF,   /* char[size] in the struct */
    SC_INT,      /* int, within [min, max] */
    SC_LOGLEVEL, /* enum log_level, from "debug" | "info" | "warn" | "error" */
    SC_BOOL,     /* bool; default def_int */
    SC_SECRET,   /* char * in the struct, owned, read through cfg_secret (env:, file:);
                  * the check runs on the secret's value, which no message echoes */
};

/* A string validator: 0 if v is acceptable, else -1 with why filled. */
typedef int (*str_check_fn)(const char *v, char *why, size_t whylen);

struct scalar_def {
    const char *group, *key;
    enum scalar_type type;
    size_t offset;       /* of the field in struct gw_config */
    size_t size;         /* SC_STRBUF: the buffer size */
    bool required;
    const char *def_str; /* default for the string-valued types (NULL if required) */
    int def_int, min, max;
    str_check_fn check;  /* extra validation of a string value, or NULL */
};

static int check_tz(const char *v, char *why, size_t whylen)
{
    if (tz_is_valid(v))
        return 0;
    snprintf(why, whylen,
             "unknown time zone \"%s\" (an IANA name such as \"America/New_York\" or \"UTC\")",
             v);
    return -1;
}

/* program.country: the region a national number ("(202) 555-0123") is
 * read in, as libphonenumber knows it. */
static int check_country(const char *v, char *why, size_t whylen)
{
    if (phone_region_known(v))
        return 0;
    snprintf(why, whylen, "unknown country \"%s\" (an ISO 3166 code in upper case, such as "
             "\"US\" or \"GB\")", v);
    return -1;
}

static int check_ipv4(const char *v, char *why, size_t whylen)
{
    struct in_addr a;
    if (inet_pton(AF_INET, v, &a) == 1)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a numeric IPv4 address (e.g. \"127.0.0.1\")", v);
    return -1;
}

static int check_log_format(const char *v, char *why, size_t whylen)
{
    enum log_format f;
    if (log_format_parse(v, &f) == 0)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a log format (text or json)", v);
    return -1;
}

static int check_hhmm(const char *v, char *why, size_t whylen)
{
    if (schedule_parse_hhmm(v) >= 0)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a time of day \"HH:MM\" (00:00 to 23:59)", v);
    return -1;
}

/* "1d, 72h, 1w": 1 to CFG_MAX_FOLLOWUPS durations (command_duration), from
 * 1 hour to 90 days, ascending, comma separated, into secs (may be NULL).
 * Returns how many, or -1 with why filled. */
static int followup_offsets(const char *v, int *secs, char *why, size_t whylen)
{
    int n = 0;
    int64_t prev = 0;
    const char *p = v;
    for (;;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, ", ");
        int64_t d = 0;
        if (n == CFG_MAX_FOLLOWUPS) {
            snprintf(why, whylen, "\"%s\": at most %d follow-ups", v, CFG_MAX_FOLLOWUPS);
            return -1;
        }
        if (command_duration(p, len, &d) != 0 || d < 3600 || d > 90 * 86400) {
            snprintf(why, whylen, "\"%s\": \"%.*s\" is not a duration from 1h to 90d (like "
                     "\"1d, 72h, 1w\")", v, (int)len, p);
            return -1;
        }
        if (d <= prev) {
            snprintf(why, whylen, "\"%s\": list the follow-ups in ascending order, each once",
                     v);
            return -1;
        }
        if (secs)
            secs[n] = (int)d;
        n++;
        prev = d;
        p += len;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return n;
        if (*p++ != ',') {
            snprintf(why, whylen, "\"%s\": separate the durations with commas", v);
            return -1;
        }
    }
}

static int check_followup_after(const char *v, char *why, size_t whylen)
{
    return followup_offsets(v, NULL, why, whylen) < 0 ? -1 : 0;
}

static int check_severity(const char *v, char *why, size_t whylen)
{
    if (strcmp(v, "urgent") == 0 || strcmp(v, "high") == 0 || strcmp(v, "watch") == 0)
        return 0;
    snprintf(why, whylen, "\"%s\" is not a severity (urgent, high or watch)", v);
    return -1;
}

#define F(field) offsetof(struct gw_config, field)
#define FS(field) offsetof(struct gw_config, field), sizeof(((struct gw_config *)0)->field)

/* Every scalar setting. Keys of a group not listed here are errors. */
static const struct scalar_def scalars[] = {
    /* group      key                   type         field                     req    default               int  min  max      check */
    { "program", "name",               SC_STRING,   F(program_name), 0,       true,  NULL,                  0,   0,   0,       NULL },
    { "program", "contact",            SC_STRING,   F(program_contact), 0,    true,  NULL,                  0,   0,   0,       NULL },
    { "program", "timezone",           SC_STRBUF,   FS(default_tz),           false, "UTC",                 0,   0,   0,       check_tz },
    { "program", "country",            SC_STRBUF,   FS(country),              false, "US",                  0,   0,   0,       check_country },
    { "daemon",  "database",           SC_STRING,   F(database), 0,           false, "var/checkin.db",      0,   0,   0,       NULL },
    { "daemon",  "pid_file",           SC_STRING,   F(pid_file), 0,           false, "var/checkin-gateway.pid", 0, 0, 0,       NULL },
    { "daemon",  "log_level",          SC_LOGLEVEL, F(log_level), 0,          false, "info",                0,   0,   0,       NULL },
    { "daemon",  "user",               SC_STRING,   F(user), 0,               false, NULL,                  0,   0,   0,       NULL },
    { "daemon",  "log_format",         SC_STRBUF,   FS(log_format),           false, "text",                0,   0,   0,       check_log_format },
    { "http",    "listen",             SC_STRBUF,   FS(http_listen),          false, "127.0.0.1",           0,   0,   0,       check_ipv4 },
    { "http",    "port",               SC_INT,      F(http_port), 0,          false, NULL,                  8780, 0,  65535,   NULL },
    { "http",    "request_timeout_seconds", SC_INT, F(http_request_timeout), 0, false, NULL,                30,  1,   3600,    NULL },
    { "http",    "connections",        SC_INT,      F(http_connections), 0,   false, NULL,                  1024, 16, 65536,   NULL },
    { "http",    "connections_per_address", SC_INT, F(http_connections_per_address), 0, false, NULL,        768, 1,   65536,   NULL },
    { "limits",  "sender_burst",       SC_INT,      F(limits.sender_burst), 0, false, NULL,                 5,   1,   1000,    NULL },
    { "limits",  "sender_per_hour",    SC_INT,      F(limits.sender_per_hour), 0, false, NULL,              20,  1,   100000,  NULL },
    { "limits",  "daily_per_client",   SC_INT,      F(limits.daily_per_client), 0, false, NULL,             20,  1,   100000,  NULL },
    { "limits",  "daily_per_program",  SC_INT,      F(limits.daily_per_program), 0, false, NULL,            10000, 1, 10000000, NULL },
    { "outbox",  "retry_base_seconds", SC_INT,      F(retry_base_seconds), 0, false, NULL,                  30,  1,   86400,   NULL },
    { "outbox",  "retry_max_seconds",  SC_INT,      F(retry_max_seconds), 0,  false, NULL,                  3600, 1,  604800,  NULL },
    { "outbox",  "max_attempts",       SC_INT,      F(max_attempts), 0,       false, NULL,                  10,  1,   1000,    NULL },
    { "replies", "vocabulary",         SC_STRING,   F(vocabulary_file), 0,    false, NULL,                  0,   0,   0,       NULL },
    { "escalation", "realert_seconds",  SC_INT,      F(esc.realert_seconds), 0, false, NULL,                600, 1,   86400,   NULL },
    { "escalation", "realerts_before_handoff", SC_INT, F(esc.realerts_before_handoff), 0, false, NULL,      1,   0,   10,      NULL },
    { "escalation", "max_realerts",     SC_INT,      F(esc.max_realerts), 0,   false, NULL,                  6,   1,   100,     NULL },
    { "escalation", "late_realert_seconds", SC_INT,  F(esc.late_realert_seconds), 0, false, NULL,           1800, 1,  86400,   NULL },
    { "escalation", "flood_window_seconds", SC_INT,  F(esc.flood_window_seconds), 0, false, NULL,           1800, 0,  86400,   NULL },
    { "escalation", "follow_up_hours",  SC_INT,      F(esc.follow_up_hours), 0, false, NULL,                72,  1,   8760,    NULL },
    { "escalation", "screen_timeout_minutes", SC_INT, F(esc.screen_timeout_minutes), 0, false, NULL,         30,  1,   1440,    NULL },
    { "escalation", "conversation_idle_hours", SC_INT, F(esc.conversation_idle_hours), 0, false, NULL,       24,  1,   720,     NULL },
    { "escalation", "followup_after",   SC_STRBUF,   FS(esc.followup_after),   false, "1d, 72h, 1w",         0,   0,   0,       check_followup_after },
    { "escalation", "followup_grace_hours", SC_INT,  F(esc.followup_grace_hours), 0, false, NULL,           12,  1,   168,     NULL },
    { "escalation", "digest_time",      SC_STRBUF,   FS(esc.digest_time),      false, "08:00",               0,   0,   0,       check_hhmm },
    { "escalation", "relapse",          SC_STRBUF,   FS(esc.relapse),          false, "high",                0,   0,   0,       check_severity },
    { "escalation", "watch_drops_in_row", SC_INT,    F(esc.watch_drops_in_row), 0, false, NULL,              3,   0,   20,      NULL },
    { "escalation", "watch_weekly_drop", SC_INT,     F(esc.watch_weekly_drop), 0, false, NULL,              20,  0,   100,     NULL },
    { "escalation", "watch_missed_in_row", SC_INT,   F(esc.watch_missed_in_row), 0, false, NULL,             3,   0,   50,      NULL },
    { "consent", "require_confirmation", SC_BOOL,   F(require_confirmation), 0, false, NULL,                0,   0,   1,       NULL },
    { "consent", "send_welcome",       SC_BOOL,     F(send_welcome), 0,       false, NULL,                  1,   0,   1,       NULL },
    { "consent", "reask_after_hours",  SC_INT,      F(reask_after_hours), 0,  false, NULL,                  0,   0,   720,     NULL },
    { "retention", "message_days",     SC_INT,      F(retention_days), 0,     false, NULL,                  0,   0,   36500,   NULL },
    { "encryption", "key",             SC_SECRET,   F(encryption_key), 0,     false, NULL,                  0,   0,   0,       crypt_key_check },
    { "encryption", "previous_key",    SC_SECRET,   F(encryption_previous_key), 0, false, NULL,             0,   0,   0,       crypt_key_check },
};
#define NSCALARS (sizeof scalars / sizeof scalars[0])
#define SCALAR_GROUP_KEYS_MAX 16

#undef F
#undef FS

/* Sets one field from a string value (a default or the file's). Returns 0,
 * or -1 with why filled (too long, unknown log level, out of memory). */
static int scalar_set_str(struct gw_config *c, const struct scalar_def *d, const char *v,
                          char *why, size_t whylen)
{
    char *field = (char *)c + d->offset;

    switch (d->type) {
    case SC_STRING: {
        char *dup = strdup(v);
        if (dup == NULL) {
            snprintf(why, whylen, "out of memory");
            return -1;
        }
        free(*(char **)field);
        *(char **)field = dup;
        return 0;
    }
    case SC_STRBUF:
        if (!copy_str(field, d->size, v)) {
            snprintf(why, whylen, "too long (at most %zu characters)", d->size - 1);
            return -1;
        }
        return 0;
    case SC_LOGLEVEL: {
        enum log_level l;
        if (log_level_parse(v, &l) != 0) {
            snprintf(why, whylen, "unknown log level \"%s\" (debug, info, warn or error)", v);
            return -1;
        }
        *(enum log_level *)(void *)field = l;
        return 0;
    }
    case SC_INT:
    case SC_BOOL:
    case SC_SECRET:
        break;
    }
    snprintf(why, whylen, "internal: not a string setting");
    return -1;
}

static void scalar_defaults(struct loader *ld)
{
    char why[256];

    for (size_t i = 0; i < NSCALARS; i++) {
        const struct scalar_def *d = &scalars[i];
        if (d->type == SC_INT)
            *(int *)(void *)((char *)ld->c + d->offset) = d->def_int;
        else if (d->type == SC_BOOL)
            *(bool *)(void *)((char *)ld->c + d->offset) = d->def_int != 0;
        else if (d->def_str != NULL && scalar_set_str(ld->c, d, d->def_str, why, sizeof why) != 0)
            lerr(ld, NULL, "%s.%s: default: %s", d->group, d->key, why);
    }
}

/* Parses one present scalar setting s described by d. */
static void scalar_parse(struct loader *ld, const struct scalar_def *d, const config_setting_t *s)
{
    char why[512];
    int type = config_setting_type(s);

    if (d->type == SC_INT) {
        long long v;
        if (!is_int(s)) {
            lerr(ld, s, "%s.%s must be an integer, not %s", d->group, d->key, type_name(type));
            return;
        }
        v = config_setting_get_int64(s);
        if (v < d->min || v > d->max) {
            lerr(ld, s, "%s.%s = %lld is out of range (%d to %d)", d->group, d->key, v, d->min,
                 d->max);
            return;
        }
        *(int *)(void *)((char *)ld->c + d->offset) = (int)v;
        return;
    }

    if (d->type == SC_BOOL) {
        if (type != CONFIG_TYPE_BOOL) {
            lerr(ld, s, "%s.%s must be true or false, not %s", d->group, d->key, type_name(type));
            return;
        }
        *(bool *)(void *)((char *)ld->c + d->offset) = config_setting_get_bool(s) != 0;
        return;
    }
    if (d->type == SC_SECRET) {
        char secret[256];
        int before = (int)ld->errs->n;
        int rc = cfg_secret(config_setting_parent(s), d->key, secret, sizeof secret, ld->errs);
        if (rc < 0) {
            ld->nerr += (int)ld->errs->n - before > 0 ? (int)ld->errs->n - before : 1;
        } else if (rc == 0 && d->check != NULL && d->check(secret, why, sizeof why) != 0) {
            lerr(ld, s, "%s.%s: %s", d->group, d->key, why);
        } else if (rc == 0) {
            char **field = (char **)(void *)((char *)ld->c + d->offset);
            if ((*field = strdup(secret)) == NULL)
                oom(ld);
        }
        explicit_bzero(secret, sizeof secret);
        return;
    }
    if (type != CONFIG_TYPE_STRING) {
        lerr(ld, s, "%s.%s must be a string, not %s", d->group, d->key, type_name(type));
        return;
    }
    const char *v = config_setting_get_string(s);
    if (v[0] == '\0') {
        lerr(ld, s, "%s.%s is empty", d->group, d->key);
        return;
    }
    if (d->check != NULL && d->check(v, why, sizeof why) != 0) {
        lerr(ld, s, "%s.%s: %s", d->group, d->key, why);
        return;
    }
    if (scalar_set_str(ld->c, d, v, why, sizeof why) != 0)
        lerr(ld, s, "%s.%s: %s", d->group, d->key, why);
}

/* Parses every group named in the scalar table. */
static void parse_scalars(struct loader *ld, const config_setting_t *root)
{
    scalar_defaults(ld);

    for (size_t i = 0; i < NSCALARS; i++) {
        const char *group = scalars[i].group;
        const char *keys[SCALAR_GROUP_KEYS_MAX + 1];
        size_t nkeys = 0;
        bool seen = false;

        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(scalars[j].group, group) == 0;
        if (seen)
            continue; /* the group was handled at its first row */

        const config_setting_t *g = config_setting_get_member(root, group);
        char missing[256] = "";
        for (size_t j = i; j < NSCALARS; j++) {
            if (strcmp(scalars[j].group, group) != 0)
                continue;
            if (nkeys < SCALAR_GROUP_KEYS_MAX)
                keys[nkeys++] = scalars[j].key;
            if (scalars[j].required && (g == NULL || !config_setting_is_group(g) ||
                                        config_setting_get_member(g, scalars[j].key) == NULL)) {
                size_t l = strlen(missing);
                snprintf(missing + l, sizeof missing - l, "%s%s", l ? ", " : "", scalars[j].key);
            }
        }
        keys[nkeys] = NULL;

        if (g == NULL) {
            if (missing[0] != '\0')
                lerr(ld, NULL, "missing required group %s { %s }", group, missing);
            continue;
        }
        if (!config_setting_is_group(g)) {
            lerr(ld, g, "%s must be a group { ... }, not %s", group,
                 type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);
        if (missing[0] != '\0')
            lerr(ld, g, "%s: missing required setting%s: %s", group,
                 strchr(missing, ',') ? "s" : "", missing);
        for (size_t j = i; j < NSCALARS; j++) {
            if (strcmp(scalars[j].group, group) != 0)
                continue;
            const config_setting_t *s = config_setting_get_member(g, scalars[j].key);
            if (s != NULL)
                scalar_parse(ld, &scalars[j], s);
        }
    }

    /* Cross-field rule: a client waiting for a YES must be asked for it. */
    if (ld->c->require_confirmation && !ld->c->send_welcome) {
        const config_setting_t *g = config_setting_get_member(root, "consent");
        lerr(ld, g, "consent.require_confirmation needs consent.send_welcome: the welcome is "
             "what asks the client for their YES");
    }

    /* Cross-field rule: the back-off starts below its cap. */
    if (ld->c->retry_base_seconds > ld->c->retry_max_seconds) {
        const config_setting_t *root_outbox = config_setting_get_member(root, "outbox");
        const config_setting_t *at =
            root_outbox ? config_setting_get_member(root_outbox, "retry_base_seconds") : NULL;
        lerr(ld, at ? at : root_outbox,
             "outbox.retry_base_seconds (%d) must not exceed outbox.retry_max_seconds (%d)",
             ld->c->retry_base_seconds, ld->c->retry_max_seconds);
    }
}

/* ---- list helpers ------------------------------------------------------ */

/* Looks up a required/optional member of group g expected to be a string.
 * Returns the string, or NULL (with an error if it is required or of the
 * wrong type). */
static const char *member_str(struct loader *ld, const config_setting_t *g, const char *what,
                              const char *key, bool required)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL) {
        if (required)
            lerr(ld, g, "%s: missing required setting '%s'", what, key);
        return NULL;
    }
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        lerr(ld, s, "%s.%s must be a string, not %s", what, key,
             type_name(config_setting_type(s)));
        return NULL;
    }
    return config_setting_get_string(s);
}

/* Like member_str for an integer within [min, max]. Returns true and sets
 * *out if present and valid. */
static bool member_int(struct loader *ld, const config_setting_t *g, const char *what,
                       const char *key, int min, int max, int *out)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    long long v;
    if (s == NULL)
        return false;
    if (!is_int(s)) {
        lerr(ld, s, "%s.%s must be an integer, not %s", what, key,
             type_name(config_setting_type(s)));
        return false;
    }
    v = config_setting_get_int64(s);
    if (v < min || v > max) {
        lerr(ld, s, "%s.%s = %lld is out of range (%d to %d)", what, key, v, min, max);
        return false;
    }
    *out = (int)v;
    return true;
}

/* A provider instance's optional rate_per_second (the outbox enforces it):
 * an integer or decimal number of messages a second, 0.01 to 10000; absent
 * means no limit (0). */
static void member_rate(struct loader *ld, const config_setting_t *g, const char *what,
                        double *out)
{
    const config_setting_t *s = config_setting_get_member(g, "rate_per_second");
    double v;
    *out = 0;
    if (s == NULL)
        return;
    if (is_int(s))
        v = (double)config_setting_get_int64(s);
    else if (config_setting_type(s) == CONFIG_TYPE_FLOAT)
        v = config_setting_get_float(s);
    else {
        lerr(ld, s, "%s.rate_per_second must be a number (messages a second), not %s", what,
             type_name(config_setting_type(s)));
        return;
    }
    if (!(v >= 0.01 && v <= 10000)) {
        lerr(ld, s, "%s.rate_per_second = %g is out of range (0.01 to 10000 messages a second;"
             " leave it out for no limit)", what, v);
        return;
    }
    *out = v;
}

/* A required top-level list of groups. Returns it, or NULL after an error. */
static const config_setting_t *required_list(struct loader *ld, const config_setting_t *root,
                                             const char *key, const char *example)
{
    const config_setting_t *l = config_setting_get_member(root, key);
    if (l == NULL) {
        lerr(ld, NULL, "missing required list %s = ( %s );", key, example);
        return NULL;
    }
    if (!is_seq(l)) {
        lerr(ld, l, "%s must be a list ( { ... }, ... ), not %s", key,
             type_name(config_setting_type(l)));
        return NULL;
    }
    if (config_setting_length(l) == 0) {
        lerr(ld, l, "%s must have at least one entry", key);
        return NULL;
    }
    return l;
}

/* ---- providers --------------------------------------------------------- */

static void parse_providers(struct loader *ld, const config_setting_t *root)
{
    struct gw_config *c = ld->c;
    const config_setting_t *l =
        required_list(ld, root, "providers", "{ name = \"spool\"; kind = \"spool\"; dir = \"var/spool\"; }");
    if (l == NULL)
        return;
    int n = config_setting_length(l);
    c->providers = calloc((size_t)n, sizeof *c->providers);
    if (c->providers == NULL) {
        oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_provider_conf *p = &c->providers[i];
        c->nproviders = (size_t)i; /* entries before this one, for duplicate checks */
        char what[32];
        snprintf(what, sizeof what, "providers[%d]", i);
        if (!config_setting_is_group(g)) {
            lerr(ld, g, "%s must be a group { name = ...; kind = ...; }, not %s", what,
                 type_name(config_setting_type(g)));
            continue;
        }
        const char *name = member_str(ld, g, what, "name", true);
        const char *kind = member_str(ld, g, what, "kind", true);
        if (name != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "name");
            if (!name_is_valid(name)) {
                lerr(ld, s, "%s.name \"%s\" must be 1-63 of a-z, 0-9, '_' and '-'", what, name);
            } else {
                bool dup = false;
                for (size_t j = 0; j < c->nproviders && !dup; j++)
                    dup = strcmp(c->providers[j].name, name) == 0;
                if (dup)
                    lerr(ld, s, "%s.name: duplicate provider name \"%s\"", what, name);
                else
                    copy_str(p->name, sizeof p->name, name);
            }
        }
        if (kind != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "kind");
            if (kind[0] == '\0' || !copy_str(p->kind, sizeof p->kind, kind))
                lerr(ld, s, "%s.kind must be 1-63 characters", what);
        }
        member_rate(ld, g, what, &p->rate_per_second);
        p->settings = g;
    }
    c->nproviders = (size_t)n;
}

/* ---- routing ----------------------------------------------------------- */

static void route_default(struct loader *ld, struct gw_route *r, const char *which,
                          const config_setting_t *at)
{
    struct gw_config *c = ld->c;
    r->n = 0;
    if (c->nproviders > CFG_MAX_ROUTE) {
        lerr(ld, at, "routing.%s: %zu providers are more than a route holds (%d); list the "
             "route explicitly", which, c->nproviders, CFG_MAX_ROUTE);
        return;
    }
    for (size_t i = 0; i < c->nproviders; i++)
        if (c->providers[i].name[0] != '\0')
            memcpy(r->names[r->n++], c->providers[i].name, CFG_NAME_MAX);
}

static void parse_route(struct loader *ld, const config_setting_t *s, const char *which,
                        struct gw_route *r)
{
    struct gw_config *c = ld->c;
    int n;

    r->n = 0;
    if (!is_seq(s)) {
        lerr(ld, s, "routing.%s must be an array of provider names [ \"a\", \"b\" ], not %s",
             which, type_name(config_setting_type(s)));
        return;
    }
    n = config_setting_length(s);
    if (n == 0) {
        lerr(ld, s, "routing.%s must name at least one provider", which);
        return;
    }
    if (n > CFG_MAX_ROUTE) {
        lerr(ld, s, "routing.%s names %d providers; at most %d", which, n, CFG_MAX_ROUTE);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            lerr(ld, e, "routing.%s[%d] must be a provider name (a string), not %s", which, i,
                 type_name(config_setting_type(e)));
            continue;
        }
        const char *name = config_setting_get_string(e);
        bool known = false, dup = false;
        for (size_t j = 0; j < c->nproviders && !known; j++)
            known = strcmp(c->providers[j].name, name) == 0;
        for (int j = 0; j < r->n && !dup; j++)
            dup = strcmp(r->names[j], name) == 0;
        if (!known)
            lerr(ld, e, "routing.%s: unknown provider \"%s\" (not in providers)", which, name);
        else if (dup)
            lerr(ld, e, "routing.%s: provider \"%s\" is listed twice", which, name);
        else
            memcpy(r->names[r->n++], name, strlen(name) + 1);
    }
}

static void parse_routing(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "checkin", "urgent", NULL };
    const config_setting_t *g = config_setting_get_member(root, "routing");
    const config_setting_t *s;

    if (g != NULL && !config_setting_is_group(g)) {
        lerr(ld, g, "routing must be a group { checkin = [...]; urgent = [...]; }, not %s",
             type_name(config_setting_type(g)));
        g = NULL;
    }
    if (g != NULL)
        ld->nerr += cfg_check_keys(g, keys, ld->errs);

    s = g ? config_setting_get_member(g, "checkin") : NULL;
    if (s != NULL)
        parse_route(ld, s, "checkin", &ld->c->route_checkin);
    else
        route_default(ld, &ld->c->route_checkin, "checkin", g);
    s = g ? config_setting_get_member(g, "urgent") : NULL;
    if (s != NULL)
        parse_route(ld, s, "urgent", &ld->c->route_urgent);
    else
        route_default(ld, &ld->c->route_urgent, "urgent", g);
}

/* ---- template text (templates and schedule questions) ------------------- */

/* True if text (the string setting s, named label in messages) is a usable
 * template: not empty, every {placeholder} known. Else adds an error. */
static bool template_text_ok(struct loader *ld, const config_setting_t *s, const char *label,
                             const char *text)
{
    char bad[64];
    if (text[0] == '\0') {
        lerr(ld, s, "%s is empty", label);
        return false;
    }
    if (template_check(text, bad, sizeof bad) != 0) {
        char braced[80];
        snprintf(braced, sizeof braced, "{%s}", bad);
        if (strstr(text, braced) == NULL)
            lerr(ld, s, "%s: unterminated placeholder {%s (no closing '}')", label, bad);
        else
            lerr(ld, s, "%s: unknown placeholder {%s} (known: {program} {contact} "
                 "{alias} {phone} {score} {scale_min} {scale_max} {escalation} {severity} "
                 "{excerpt} {count} {frequency} {by} {how} {state} {step} {list} {peer}; write {{ for a literal "
                 "brace)", label, bad);
        return false;
    }
    return true;
}

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
        lerr(ld, g, "%s: missing required setting 'times' (e.g. times = [ \"09:00\" ];)", what);
        return;
    }
    if (!is_seq(s)) {
        lerr(ld, s, "%s.times must be an array of \"HH:MM\" strings, not %s", what,
             type_name(config_setting_type(s)));
        return;
    }
    n = config_setting_length(s);
    if (n < 1 || n > CFG_MAX_TIMES) {
        lerr(ld, s, "%s.times must have 1 to %d times, not %d", what, CFG_MAX_TIMES, n);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        int m;
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            lerr(ld, e, "%s.times[%d] must be a string \"HH:MM\", not %s", what, i,
                 type_name(config_setting_type(e)));
            continue;
        }
        m = schedule_parse_hhmm(config_setting_get_string(e));
        if (m < 0) {
            lerr(ld, e, "%s.times[%d]: \"%s\" is not a time of day \"HH:MM\" (00:00 to 23:59)",
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

static void parse_days(struct loader *ld, const config_setting_t *g, const char *what,
                       struct gw_schedule *sc)
{
    const config_setting_t *s = config_setting_get_member(g, "days");
    int n;

    sc->days = 0x7F; /* every day */
    if (s == NULL)
        return;
    if (!is_seq(s)) {
        lerr(ld, s, "%s.days must be an array of weekday names [ \"mon\", ... ], not %s", what,
             type_name(config_setting_type(s)));
        return;
    }
    n = config_setting_length(s);
    if (n == 0) {
        lerr(ld, s, "%s.days is empty: the schedule would never send (leave days out for every "
             "day)", what);
        return;
    }
    sc->days = 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        int d;
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            lerr(ld, e, "%s.days[%d] must be a weekday name, not %s", what, i,
                 type_name(config_setting_type(e)));
            continue;
        }
        d = schedule_parse_weekday(config_setting_get_string(e));
        if (d < 0 || d > 6) {
            lerr(ld, e, "%s.days[%d]: \"%s\" is not a weekday (mon, tue, wed, thu, fri, sat, sun)",
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
    if (!is_seq(s) || config_setting_length(s) != 2) {
        lerr(ld, s, "%s.scale must be two integers [ min, max ], e.g. [ 1, 10 ]", what);
        return false;
    }
    a = config_setting_get_elem(s, 0);
    b = config_setting_get_elem(s, 1);
    if (!is_int(a) || !is_int(b)) {
        lerr(ld, s, "%s.scale must be two integers [ min, max ], e.g. [ 1, 10 ]", what);
        return false;
    }
    lo = config_setting_get_int64(a);
    hi = config_setting_get_int64(b);
    if (lo < 0 || hi > 100 || lo >= hi) {
        lerr(ld, s, "%s.scale [ %lld, %lld ]: need 0 <= min < max <= 100", what, lo, hi);
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
    if (member_int(ld, g, what, "reminder_minutes", 0, 1439, &sc->reminder_minutes) &&
        sc->reminder_minutes >= sc->window_minutes)
        lerr(ld, config_setting_get_member(g, "reminder_minutes"),
             "%s.reminder_minutes = %d must be less than window_minutes = %d (a reminder after"
             " the window closes could not be answered)", what, sc->reminder_minutes,
             sc->window_minutes);

    sc->jitter_minutes = 0;
    if (member_int(ld, g, what, "jitter_minutes", 0, 120, &sc->jitter_minutes) &&
        sc->jitter_minutes > 0) {
        s = config_setting_get_member(g, "jitter_minutes");
        if (sc->ntimes > 0 && sc->jitter_minutes >= min_gap(sc))
            lerr(ld, s, "%s.jitter_minutes = %d must be less than the %d minutes between two"
                 " of its times", what, sc->jitter_minutes, min_gap(sc));
        else if (sc->jitter_minutes >= sc->window_minutes)
            lerr(ld, s, "%s.jitter_minutes = %d must be less than window_minutes = %d", what,
                 sc->jitter_minutes, sc->window_minutes);
    }

    sc->lang = LANG_EN;
    const char *lang = member_str(ld, g, what, "lang", false);
    if (lang != NULL && lang_parse(lang, &sc->lang) != 0)
        lerr(ld, config_setting_get_member(g, "lang"), "%s.lang \"%s\" must be \"en\" or"
             " \"es\"", what, lang);

    s = config_setting_get_member(g, "question");
    if (s == NULL)
        return;
    if (!config_setting_is_group(s)) {
        lerr(ld, s, "%s.question must be a group { en = \"...\"; es = \"...\"; }, not %s", what,
             type_name(config_setting_type(s)));
        return;
    }
    const char *keys[LANG__COUNT + 1];
    for (int l = 0; l < LANG__COUNT; l++)
        keys[l] = lang_names[l];
    keys[LANG__COUNT] = NULL;
    ld->nerr += cfg_check_keys(s, keys, ld->errs);
    for (int l = 0; l < LANG__COUNT; l++) {
        const config_setting_t *q = config_setting_get_member(s, lang_names[l]);
        char label[64];
        if (q == NULL)
            continue; /* that language asks templates.<lang>.checkin */
        snprintf(label, sizeof label, "%s.question.%s", what, lang_names[l]);
        if (config_setting_type(q) != CONFIG_TYPE_STRING) {
            lerr(ld, q, "%s must be a string, not %s", label, type_name(config_setting_type(q)));
            continue;
        }
        if (!template_text_ok(ld, q, label, config_setting_get_string(q)))
            continue;
        sc->question[l] = strdup(config_setting_get_string(q));
        if (sc->question[l] == NULL)
            oom(ld);
    }
}

/* quiet_hours = { start = "21:00"; end = "08:00"; }: optional, top level. */
static void parse_quiet_hours(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "start", "end", NULL };
    const config_setting_t *g = config_setting_get_member(root, "quiet_hours");
    struct gw_quiet *q = &ld->c->quiet;
    int m[2] = { -1, -1 };

    q->enabled = false;
    if (g == NULL)
        return;
    if (!config_setting_is_group(g)) {
        lerr(ld, g, "quiet_hours must be a group { start = \"21:00\"; end = \"08:00\"; }, not %s",
             type_name(config_setting_type(g)));
        return;
    }
    ld->nerr += cfg_check_keys(g, keys, ld->errs);
    for (int i = 0; i < 2; i++) {
        const char *v = member_str(ld, g, "quiet_hours", keys[i], true);
        if (v == NULL)
            continue;
        m[i] = schedule_parse_hhmm(v);
        if (m[i] < 0)
            lerr(ld, config_setting_get_member(g, keys[i]), "quiet_hours.%s: \"%s\" is not a"
                 " time of day \"HH:MM\" (00:00 to 23:59)", keys[i], v);
    }
    if (m[0] < 0 || m[1] < 0)
        return;
    if (m[0] == m[1]) {
        lerr(ld, g, "quiet_hours: start and end are both %s; leave quiet_hours out for none",
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
            lerr(ld, s, "%s.%s does not apply to %s", what, keys[i], why);
    }
}

/* One caring text in language label: a usable template (not empty, known
 * placeholders) of at most CARING_MAX_SEGMENTS SMS segments rendered with
 * long sample values. Returns an owned copy, or NULL after an error. */
static char *caring_text_parse(struct loader *ld, const config_setting_t *s, const char *label)
{
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        lerr(ld, s, "%s must be a string, not %s", label, type_name(config_setting_type(s)));
        return NULL;
    }
    const char *text = config_setting_get_string(s);
    if (!template_text_ok(ld, s, label, text))
        return NULL;
    struct tpl_vars v = { .program = ld->c->program_name, .contact = ld->c->program_contact,
                          .alias = "alias-sixteen-ch", .peer = "Jordan Smith-Lee" };
    char out[2048];
    int ucs2 = 0;
    if (template_render(text, &v, out, sizeof out) < 0) {
        lerr(ld, s, "%s is too long", label);
        return NULL;
    }
    int n = sms_segments(out, &ucs2);
    if (n > CARING_MAX_SEGMENTS) {
        lerr(ld, s, "%s is %d SMS segments with sample values (%s; at most %d): a caring "
             "contact is short, shorten it", label, n, ucs2 ? "Unicode" : "plain",
             CARING_MAX_SEGMENTS);
        return NULL;
    }
    char *copy = strdup(text);
    if (copy == NULL)
        oom(ld);
    return copy;
}

/* { en = "..."; es = "..."; } into *t: en required, es optional. */
static void caring_text_group(struct loader *ld, const config_setting_t *g, const char *what,
                              struct gw_caring_text *t)
{
    const char *keys[LANG__COUNT + 1];
    if (!config_setting_is_group(g)) {
        lerr(ld, g, "%s must be a group { en = \"...\"; es = \"...\"; }, not %s", what,
             type_name(config_setting_type(g)));
        return;
    }
    for (int l = 0; l < LANG__COUNT; l++)
        keys[l] = lang_names[l];
    keys[LANG__COUNT] = NULL;
    ld->nerr += cfg_check_keys(g, keys, ld->errs);
    for (int l = 0; l < LANG__COUNT; l++) {
        const config_setting_t *s = config_setting_get_member(g, lang_names[l]);
        char label[96];
        snprintf(label, sizeof label, "%s.%s", what, lang_names[l]);
        if (s == NULL) {
            if (l == LANG_EN)
                lerr(ld, g, "%s: missing required setting 'en' (the English text)", what);
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
    int n = is_seq(s) ? config_setting_length(s) : -1;
    if (n < 1 || n > CFG_MAX_CARING_DAYS) {
        lerr(ld, s, "%s.days_after_enrolment must be an array of 1 to %d day numbers, e.g. "
             "[ 1, 7, 14, 30 ]", what, CFG_MAX_CARING_DAYS);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        long long v = is_int(e) ? config_setting_get_int64(e) : -1;
        if (v < 1 || v > 3660) {
            lerr(ld, e, "%s.days_after_enrolment[%d] must be a whole number of days from 1 to "
                 "3660", what, i);
            sc->ncaring_days = 0;
            return;
        }
        if (i > 0 && v <= sc->caring_days[i - 1]) {
            lerr(ld, e, "%s.days_after_enrolment[%d] = %lld must be greater than the day "
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
    if (is_seq(s) && config_setting_length(s) == 2) {
        a = config_setting_get_string_elem(s, 0);
        b = config_setting_get_string_elem(s, 1);
    }
    int from = a ? schedule_parse_hhmm(a) : -1, to = b ? schedule_parse_hhmm(b) : -1;
    if (from < 0 || to < 0) {
        lerr(ld, s, "%s.window must be two times of day [ \"HH:MM\", \"HH:MM\" ], e.g. "
             "[ \"10:00\", \"18:00\" ]", what);
        return;
    }
    if (from >= to) {
        lerr(ld, s, "%s.window [ \"%s\", \"%s\" ]: the start must be before the end (the "
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
        lerr(ld, g, "%s: missing required setting 'texts' (kind = \"caring\": texts = ( { en "
             "= \"...\"; es = \"...\"; }, ... );)", what);
    } else if (!is_seq(t) || config_setting_length(t) < 1 ||
               config_setting_length(t) > CFG_MAX_CARING_TEXTS) {
        lerr(ld, t, "%s.texts must be a list of 1 to %d groups ( { en = \"...\"; es = "
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
    const char *name = member_str(ld, g, what, "flow", false);
    sc->instrument = -1;
    if (name == NULL)
        return;
    sc->flow = gw_config_flow(ld->c, name, &sc->instrument);
    if (sc->flow == NULL)
        lerr(ld, config_setting_get_member(g, "flow"), "%s.flow \"%s\" is neither a flow in"
             " flows = ( ... ) nor a built-in instrument (phq9, gad7, cssrs)", what, name);
    else
        copy_str(sc->flow_name, sizeof sc->flow_name, name);
}

static void parse_schedules(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "name", "kind", "times", "days", "window_minutes",
                                        "scale", "alert_at_or_below", "reminder_minutes",
                                        "jitter_minutes", "lang", "question",
                                        "days_after_enrolment", "window", "texts",
                                        "birthday_text", "flow", NULL };
    struct gw_config *c = ld->c;
    const config_setting_t *l =
        required_list(ld, root, "schedules", "{ name = \"daily\"; times = [ \"09:00\" ]; }");
    if (l == NULL)
        return;
    int n = config_setting_length(l);
    c->schedules = calloc((size_t)n, sizeof *c->schedules);
    if (c->schedules == NULL) {
        oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_schedule *sc = &c->schedules[i];
        c->nschedules = (size_t)i; /* entries before this one, for duplicate checks */
        char what[32];
        snprintf(what, sizeof what, "schedules[%d]", i);
        if (!config_setting_is_group(g)) {
            lerr(ld, g, "%s must be a group { name = ...; times = [...]; }, not %s", what,
                 type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);

        const char *name = member_str(ld, g, what, "name", true);
        if (name != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "name");
            if (!name_is_valid(name)) {
                lerr(ld, s, "%s.name \"%s\" must be 1-63 of a-z, 0-9, '_' and '-'", what, name);
            } else if (gw_config_schedule(c, name) != NULL) {
                lerr(ld, s, "%s.name: duplicate schedule name \"%s\"", what, name);
            } else {
                copy_str(sc->name, sizeof sc->name, name);
            }
        }
        const char *kind = member_str(ld, g, what, "kind", false);
        sc->kind = SCHED_CHECKIN;
        if (kind != NULL && strcmp(kind, "caring") == 0)
            sc->kind = SCHED_CARING;
        bool kind_ok = kind == NULL || sc->kind == SCHED_CARING || strcmp(kind, "checkin") == 0;
        if (!kind_ok) /* then its other keys cannot be judged: no more errors from them */
            lerr(ld, config_setting_get_member(g, "kind"), "%s.kind \"%s\" must be "
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
            parse_days(ld, g, what, sc);
            member_int(ld, g, what, "window_minutes", 1, 1440, &sc->window_minutes);
            parse_schedule_flow(ld, g, what, sc);
        }

        bool scale_ok = parse_scale(ld, g, what, sc);
        const config_setting_t *t = config_setting_get_member(g, "alert_at_or_below");
        sc->alert_at_or_below = 2;
        if (t != NULL && !member_int(ld, g, what, "alert_at_or_below", 0, 100,
                                     &sc->alert_at_or_below))
            scale_ok = false; /* already reported */
        if (scale_ok &&
            (sc->alert_at_or_below < sc->scale_min || sc->alert_at_or_below > sc->scale_max))
            lerr(ld, t ? t : g, "%s.alert_at_or_below = %d%s is outside the scale %d-%d", what,
                 sc->alert_at_or_below, t ? "" : " (the default)", sc->scale_min,
                 sc->scale_max);
        parse_schedule_extras(ld, g, what, sc);
    }
    c->nschedules = (size_t)n;
}

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
    int n = is_seq(s) ? config_setting_length(s) : -1;
    if (n < 1 || n > CFG_MAX_HOURS) {
        lerr(ld, s, "%s.hours must be an array of 1 to %d shifts, e.g. [ \"mon-fri "
             "09:00-17:00\" ] (leave it out for none)", what, CFG_MAX_HOURS);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        const char *v = config_setting_type(e) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(e) : NULL;
        if (v == NULL || !parse_shift(v, &sp->hours[sp->nhours])) {
            lerr(ld, e, "%s.hours[%d] must be \"DAYS HH:MM-HH:MM\" (days: mon, mon-fri or "
                 "mon,wed,fri), e.g. \"mon-fri 09:00-17:00\"", what, i);
            sp->nhours = 0;
            return;
        }
        sp->nhours++;
    }
}

static void parse_specialists(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "id", "name", "phone", "backup", "lang", "hours", NULL };
    struct gw_config *c = ld->c;
    const config_setting_t *l = required_list(
        ld, root, "specialists",
        "{ id = \"jordan\"; name = \"Jordan\"; phone = \"+15555550100\"; }");
    if (l == NULL)
        return;
    int n = config_setting_length(l);
    c->specialists = calloc((size_t)n, sizeof *c->specialists);
    if (c->specialists == NULL) {
        oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_specialist *sp = &c->specialists[i];
        c->nspecialists = (size_t)i; /* entries before this one, for duplicate checks */
        char what[32];
        snprintf(what, sizeof what, "specialists[%d]", i);
        if (!config_setting_is_group(g)) {
            lerr(ld, g, "%s must be a group { id = ...; phone = ...; }, not %s", what,
                 type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);

        const char *id = member_str(ld, g, what, "id", true);
        if (id != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "id");
            if (!name_is_valid(id))
                lerr(ld, s, "%s.id \"%s\" must be 1-63 of a-z, 0-9, '_' and '-'", what, id);
            else if (gw_config_specialist(c, id) != NULL)
                lerr(ld, s, "%s.id: duplicate specialist id \"%s\"", what, id);
            else
                copy_str(sp->id, sizeof sp->id, id);
        }

        /* The display name is optional: it defaults to the id. */
        const char *name = member_str(ld, g, what, "name", false);
        if (name == NULL)
            name = sp->id;
        if (!copy_str(sp->name, sizeof sp->name, name))
            lerr(ld, config_setting_get_member(g, "name"), "%s.name is too long (at most %d "
                 "characters)", what, CFG_NAME_MAX - 1);

        const char *phone = member_str(ld, g, what, "phone", true);
        if (phone != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "phone");
            if (!phone_is_e164(phone))
                lerr(ld, s, "%s.phone \"%s\" is not an E.164 number (\"+\", country code, "
                     "number: \"+15555550100\")", what, phone);
            else if (gw_config_specialist_by_phone(c, phone) != NULL)
                lerr(ld, s, "%s.phone: %s is already another specialist's number", what, phone);
            else
                copy_str(sp->phone, sizeof sp->phone, phone);
        }

        const char *backup = member_str(ld, g, what, "backup", false);
        if (backup != NULL && !copy_str(sp->backup, sizeof sp->backup, backup))
            lerr(ld, config_setting_get_member(g, "backup"),
                 "%s.backup is too long (at most %d characters)", what, CFG_NAME_MAX - 1);

        /* The language of the texts they get: alerts, answers, digests. */
        const char *lang = member_str(ld, g, what, "lang", false);
        sp->lang = LANG_EN;
        if (lang != NULL && lang_parse(lang, &sp->lang) != 0)
            lerr(ld, config_setting_get_member(g, "lang"), "%s.lang \"%s\" must be \"en\" or "
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
            lerr(ld, s, "specialists[%zu].backup: \"%s\" cannot be their own backup", i,
                 sp->backup);
        else if (gw_config_specialist(c, sp->backup) == NULL)
            lerr(ld, s, "specialists[%zu].backup: unknown specialist id \"%s\"", i, sp->backup);
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
static void parse_oncall(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "specialist", "hours", "days", NULL };
    struct gw_config *c = ld->c;
    const config_setting_t *l = config_setting_get_member(root, "oncall");
    if (l == NULL)
        return;
    if (!is_seq(l)) {
        lerr(ld, l, "oncall must be a list ( { specialist = ...; hours = ...; }, ... ), not %s",
             type_name(config_setting_type(l)));
        return;
    }
    int n = config_setting_length(l);
    if (n == 0)
        return;
    c->oncall = calloc((size_t)n, sizeof *c->oncall);
    if (c->oncall == NULL) {
        oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_oncall *o = &c->oncall[i];
        char what[32];
        snprintf(what, sizeof what, "oncall[%d]", i);
        if (!config_setting_is_group(g)) {
            lerr(ld, g, "%s must be a group { specialist = ...; hours = ...; }, not %s", what,
                 type_name(config_setting_type(g)));
            continue;
        }
        ld->nerr += cfg_check_keys(g, keys, ld->errs);
        const char *who = member_str(ld, g, what, "specialist", true);
        if (who != NULL) {
            if (gw_config_specialist(c, who) == NULL)
                lerr(ld, config_setting_get_member(g, "specialist"),
                     "%s.specialist: unknown specialist id \"%s\"", what, who);
            else
                copy_str(o->specialist, sizeof o->specialist, who);
        }
        const char *hours = member_str(ld, g, what, "hours", true);
        if (hours != NULL && !parse_hours(hours, &o->start, &o->end))
            lerr(ld, config_setting_get_member(g, "hours"),
                 "%s.hours \"%s\" is not \"HH:MM-HH:MM\" (e.g. \"18:00-08:00\")", what, hours);
        struct gw_schedule days = {0};
        parse_days(ld, g, what, &days);
        o->days = days.days;
    }
    c->noncall = (size_t)n;
}

/* ---- templates --------------------------------------------------------- */

/* True if a text to specialists (template id) fits: a prefix at most
 * TPL_PREFIX_MAX characters, anything else SPECIALIST_MAX_SEGMENTS SMS
 * segments (a list text with its list empty: one segment), rendered with
 * long but ordinary sample values. Else adds an error. */
static bool specialist_text_fits(struct loader *ld, const config_setting_t *s,
                                 const char *label, enum tpl_id id, const char *text)
{
    struct tpl_vars v = {
        .program = ld->c->program_name, .contact = ld->c->program_contact,
        .alias = "alias-sixteen-ch", .phone = "+15555550123", .score = "10/10",
        .scale_min = "1", .scale_max = "10", .escalation = "12345", .severity = "urgent",
        .why = "crisis language (self_death,means)",
        .excerpt = "a sixty character excerpt of what the person wrote, and so..",
        .count = "12", .by = "Jordan Smith-Lee", .how = "RESOLVE", .state = "resolved",
        .step = "10", .list = "",
        .text = "a sixty character message of what the person wrote, and so.",
        .ref = "alias-sixteen-ch #12345", .target = "alias-sixteen-ch",
        .peer = "Jordan Smith-Lee", .back = "Mon 09:00",
    };
    char out[2048];
    int len = template_render(text, &v, out, sizeof out);
    if (len < 0) {
        lerr(ld, s, "%s is too long", label);
        return false;
    }
    if (id == TPL_REALERT || id == TPL_UPGRADED) {
        if (len > TPL_PREFIX_MAX) {
            lerr(ld, s, "%s is a prefix of the alert and may be at most %d characters with "
                 "sample values (it is %d)", label, TPL_PREFIX_MAX, len);
            return false;
        }
        return true;
    }
    int max = (id == TPL_STATUS || id == TPL_DIGEST) ? 1 : SPECIALIST_MAX_SEGMENTS;
    if (!cfg_segments_fit(ld->errs, s, label, " with sample values", out, max,
                          max == 1 ? ", the {list} is added while it fits" : "")) {
        ld->nerr++;
        return false;
    }
    return true;
}

bool cfg_segments_fit(struct cfg_errors *errs, const config_setting_t *s, const char *label,
                      const char *how, const char *rendered, int max, const char *note)
{
    int ucs2 = 0, n = sms_segments(rendered, &ucs2);
    if (n <= max)
        return true;
    cfg_errors_at(errs, s, "%s is %d SMS segments%s (%s; at most %d%s): shorten it", label, n,
                  how, ucs2 ? "Unicode" : "plain", max, note);
    return false;
}

/* replies.vocabulary: the operator's extra crisis and relapse phrases,
 * read now so that a bad file refuses the whole config (and a SIGHUP
 * reload keeps the running one). */
static void parse_vocabulary(struct loader *ld, const config_setting_t *root)
{
    struct gw_config *c = ld->c;
    if (c->vocabulary_file == NULL)
        return;
    const config_setting_t *g = config_setting_get_member(root, "replies");
    const config_setting_t *s = g ? config_setting_get_member(g, "vocabulary") : NULL;
    if (c->vocabulary_file[0] == '\0') {
        lerr(ld, s, "replies.vocabulary: empty path (leave the setting out for none)");
        return;
    }
    if (vocab_load(c->vocabulary_file, &c->vocab, ld->errs) != 0)
        lerr(ld, s, "replies.vocabulary: the vocabulary file \"%s\" is refused (see above)",
             c->vocabulary_file);
}

static void parse_template_lang(struct loader *ld, const config_setting_t *g, enum lang l)
{
    const char *keys[TPL__COUNT + 1];
    struct gw_config *c = ld->c;
    const char *ln = lang_name(l);

    for (int i = 0; i < TPL__COUNT; i++)
        keys[i] = tpl_names[i];
    keys[TPL__COUNT] = NULL;
    ld->nerr += cfg_check_keys(g, keys, ld->errs);

    for (int i = 0; i < TPL__COUNT; i++) {
        const config_setting_t *s = config_setting_get_member(g, tpl_names[i]);
        if (s == NULL) {
            /* Only English is complete by rule; other languages fall back.
             * The reminder is optional everywhere: without it the question
             * is asked again. Texts to specialists have English defaults;
             * the consent texts have English and Spanish ones. */
            if (TPL_HAS_BUILTIN(i) || (TPL_IS_CONV(i) && tpl_builtin[l][i] != NULL)) {
                if ((c->templates[l][i] = strdup(tpl_builtin[l][i])) == NULL)
                    oom(ld);
            } else if (l == LANG_EN && tpl_defaults[i] != NULL) {
                if ((c->templates[l][i] = strdup(tpl_defaults[i])) == NULL)
                    oom(ld);
            } else if (l == LANG_EN && i != TPL_REMINDER) {
                lerr(ld, g, "templates.%s: missing required template '%s'", ln, tpl_names[i]);
            }
            continue;
        }
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
            lerr(ld, s, "templates.%s.%s must be a string, not %s", ln, tpl_names[i],
                 type_name(config_setting_type(s)));
            continue;
        }
        const char *text = config_setting_get_string(s);
        char label[64];
        snprintf(label, sizeof label, "templates.%s.%s", ln, tpl_names[i]);
        /* The screening question is held to the specialists' budget: it
         * must arrive whole and at once, not as a long multi-part text. */
        if (!template_text_ok(ld, s, label, text) ||
            ((i >= TPL_FIRST_SPECIALIST || i == TPL_SCREEN || i == TPL_AWAY) &&
             !specialist_text_fits(ld, s, label, (enum tpl_id)i, text)))
            continue;
        /* Safety rule: the crisis reply must always give the person the
         * 988 Suicide & Crisis Lifeline, and so must the screening
         * question (it goes to someone who may be in crisis). A config
         * that drops it is refused. */
        if ((i == TPL_CRISIS || i == TPL_SCREEN || i == TPL_AWAY) && strstr(text, "988") == NULL) {
            lerr(ld, s, "templates.%s.%s must include the 988 Suicide & Crisis Lifeline "
                 "number", ln, tpl_names[i]);
            continue;
        }
        /* The first text a person gets says how to stop and where to turn. */
        if ((i == TPL_WELCOME || i == TPL_WELCOME_CONFIRM) &&
            (strstr(text, "988") == NULL || strstr(text, "STOP") == NULL)) {
            lerr(ld, s, "templates.%s.%s must say how to opt out (STOP) and give the 988 "
                 "Suicide & Crisis Lifeline number", ln, tpl_names[i]);
            continue;
        }
        char *dup = strdup(text);
        if (dup == NULL) {
            oom(ld);
            continue;
        }
        c->templates[l][i] = dup;
    }
}

static void parse_templates(struct loader *ld, const config_setting_t *root)
{
    const char *keys[LANG__COUNT + 1];
    const config_setting_t *g = config_setting_get_member(root, "templates");
    struct gw_config *c = ld->c;

    if (g == NULL) {
        lerr(ld, NULL, "missing required group templates { en = { checkin = \"...\"; ... }; }");
        return;
    }
    if (!config_setting_is_group(g)) {
        lerr(ld, g, "templates must be a group { en = { ... }; es = { ... }; }, not %s",
             type_name(config_setting_type(g)));
        return;
    }
    for (int l = 0; l < LANG__COUNT; l++) {
        const config_setting_t *lg = config_setting_get_member(g, lang_names[l]);
        if (lg == NULL) {
            if (l == LANG_EN)
                lerr(ld, g, "templates: missing required group 'en' (the English templates)");
            continue;
        }
        if (!config_setting_is_group(lg)) {
            lerr(ld, lg, "templates.%s must be a group { checkin = \"...\"; ... }, not %s",
                 lang_names[l], type_name(config_setting_type(lg)));
            continue;
        }
        parse_template_lang(ld, lg, (enum lang)l);
    }
    for (int i = 0; i < LANG__COUNT; i++)
        keys[i] = lang_names[i];
    keys[LANG__COUNT] = NULL;
    ld->nerr += cfg_check_keys(g, keys, ld->errs);

    /* A missing translation falls back to the English text (shared, not
     * copied: gw_config_free knows). */
    for (int l = 1; l < LANG__COUNT; l++)
        for (int i = 0; i < TPL__COUNT; i++) {
            if (c->templates[l][i] != NULL)
                continue;
            /* A language group left out entirely still gets the built-in
             * welcome texts in that language. */
            if ((TPL_HAS_BUILTIN(i) || (TPL_IS_CONV(i) && tpl_builtin[l][i] != NULL)) &&
                config_setting_get_member(g, lang_names[l]) == NULL) {
                if ((c->templates[l][i] = strdup(tpl_builtin[l][i])) == NULL)
                    oom(ld);
            } else {
                c->templates[l][i] = c->templates[LANG_EN][i];
            }
        }
}

/* ---- load / free -------------------------------------------------------- */

/* The program's daily cap must leave room for one client's; one address
 * cannot be allowed more connections than the listener has. */
static void check_limits(struct loader *ld)
{
    const struct gw_limits *l = &ld->c->limits;
    if (l->daily_per_program < l->daily_per_client)
        lerr(ld, config_lookup(&ld->c->lc, "limits.daily_per_program"),
             "limits.daily_per_program = %d is below limits.daily_per_client = %d",
             l->daily_per_program, l->daily_per_client);
    if (ld->c->http_connections_per_address > ld->c->http_connections)
        lerr(ld, config_lookup(&ld->c->lc, "http.connections_per_address"),
             "http.connections_per_address = %d is above http.connections = %d",
             ld->c->http_connections_per_address, ld->c->http_connections);
}

static void validate(struct loader *ld)
{
    static const char *const top[] = { "program", "daemon", "http", "limits", "outbox", "replies",
                                       "consent", "retention", "encryption", "providers",
                                       "routing", "schedules", "quiet_hours", "specialists",
                                       "oncall", "escalation", "templates", "flows", NULL };
    const config_setting_t *root = config_root_setting(&ld->c->lc);

    parse_scalars(ld, root);
    parse_vocabulary(ld, root);
    check_limits(ld);
    parse_providers(ld, root);
    parse_routing(ld, root);
    ld->nerr += cfg_flows_parse(ld->c, root, ld->errs); /* before the schedules that name them */
    parse_schedules(ld, root);
    parse_quiet_hours(ld, root);
    parse_specialists(ld, root);
    parse_oncall(ld, root);
    ld->c->esc.digest_minute = schedule_parse_hhmm(ld->c->esc.digest_time);
    {
        char why[160];
        int n = followup_offsets(ld->c->esc.followup_after, ld->c->esc.followup_secs, why,
                                 sizeof why);
        ld->c->esc.nfollowups = n > 0 ? n : 0; /* a bad value was reported by its check */
    }
    parse_templates(ld, root);
    /* Last, so the report reads in the order of the file's sections. */
    ld->nerr += cfg_check_keys(root, top, ld->errs);
}

int gw_config_load(struct gw_config **out, const char *path, struct cfg_errors *errs)
{
    struct gw_config *c = NULL;
    struct loader ld;
    struct stat st;

    *out = NULL;
    if (path == NULL || path[0] == '\0') {
        cfg_errors_add(errs, "(config)", 0, "no configuration file given");
        return -1;
    }
    c = calloc(1, sizeof *c);
    if (c == NULL) {
        cfg_errors_add(errs, path, 0, "out of memory");
        return -1;
    }
    config_init(&c->lc);
    /* Without this, libconfig would quietly turn port = 80.5 into 80. */
    config_set_options(&c->lc, config_get_options(&c->lc) & ~CONFIG_OPTION_AUTOCONVERT);
    c->file = strdup(path);
    if (c->file == NULL) {
        cfg_errors_add(errs, path, 0, "out of memory");
        goto fail;
    }

    /* libconfig only says "file I/O error": look first, to say why. */
    if (stat(path, &st) != 0) {
        cfg_errors_add(errs, path, 0, "cannot read the configuration file: %s", strerror(errno));
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        cfg_errors_add(errs, path, 0, "is a directory, not a configuration file");
        goto fail;
    }
    if (!config_read_file(&c->lc, path)) {
        if (config_error_type(&c->lc) == CONFIG_ERR_FILE_IO)
            cfg_errors_add(errs, path, 0, "cannot read the configuration file: %s",
                           errno ? strerror(errno) : "I/O error");
        else
            cfg_errors_add(errs, config_error_file(&c->lc) ? config_error_file(&c->lc) : path,
                           config_error_line(&c->lc), "%s",
                           config_error_text(&c->lc) ? config_error_text(&c->lc)
                                                      : "syntax error");
        goto fail;
    }

    ld.c = c;
    ld.errs = errs;
    ld.nerr = 0;
    validate(&ld);
    if (ld.nerr > 0)
        goto fail;
    *out = c;
    return 0;

fail:
    gw_config_free(c);
    return -1;
}

void gw_config_free(struct gw_config *c)
{
    if (c == NULL)
        return;
    for (int l = 0; l < LANG__COUNT; l++)
        for (int i = 0; i < TPL__COUNT; i++)
            if (l == LANG_EN || c->templates[l][i] != c->templates[LANG_EN][i])
                free(c->templates[l][i]);
    free(c->oncall);
    /* Key material is wiped, not just freed. */
    if (c->encryption_key != NULL)
        explicit_bzero(c->encryption_key, strlen(c->encryption_key));
    if (c->encryption_previous_key != NULL)
        explicit_bzero(c->encryption_previous_key, strlen(c->encryption_previous_key));
    free(c->encryption_key);
    free(c->encryption_previous_key);
    free(c->specialists);
    free(c->flows);
    for (size_t i = 0; c->schedules != NULL && i < c->nschedules; i++)
        for (int l = 0; l < LANG__COUNT; l++) {
            struct gw_schedule *sc = &c->schedules[i];
            free(sc->question[l]);
            free(sc->birthday_text.text[l]);
            for (int k = 0; k < sc->ncaring_texts; k++)
                free(sc->caring_texts[k].text[l]);
        }
    free(c->schedules);
    free(c->providers);
    reply_vocab_free(c->vocab);
    free(c->vocabulary_file);
    free(c->pid_file);
    free(c->user);
    free(c->database);
    free(c->program_contact);
    free(c->program_name);
    config_destroy(&c->lc);
    free(c->file);
    free(c);
}

/* ---- lookups ------------------------------------------------------------ */

const struct gw_schedule *gw_config_schedule(const struct gw_config *c, const char *name)
{
    if (c == NULL || name == NULL || name[0] == '\0')
        return NULL;
    for (size_t i = 0; i < c->nschedules; i++)
        if (strcmp(c->schedules[i].name, name) == 0)
            return &c->schedules[i];
    return NULL;
}

const struct gw_specialist *gw_config_specialist(const struct gw_config *c, const char *id)
{
    if (c == NULL || id == NULL || id[0] == '\0')
        return NULL;
    for (size_t i = 0; i < c->nspecialists; i++)
        if (strcmp(c->specialists[i].id, id) == 0)
            return &c->specialists[i];
    return NULL;
}

const struct gw_specialist *gw_config_specialist_by_phone(const struct gw_config *c,
                                                          const char *phone)
{
    if (c == NULL || phone == NULL || phone[0] == '\0')
        return NULL;
    for (size_t i = 0; i < c->nspecialists; i++)
        if (strcmp(c->specialists[i].phone, phone) == 0)
            return &c->specialists[i];
    return NULL;
}

const char *gw_config_template(const struct gw_config *c, enum lang l, enum tpl_id id)
{
    if (c == NULL || (unsigned)l >= LANG__COUNT || (unsigned)id >= TPL__COUNT)
        return NULL;
    return c->templates[l][id];
}
