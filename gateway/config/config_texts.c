/* SPDX-License-Identifier: Apache-2.0 */
/* config_texts.c: the texts: template and language names, the built-in
 * texts of every language, and the `templates` and `vocabulary` sections
 * that override them, with the template-text check schedules share. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "model/template.h"
#include "config/vocab.h"
#include "config/config_internal.h"

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

const char *const cfg_lang_names[LANG__COUNT] = { "en", "es" };

const char *lang_name(enum lang l)
{
    return (unsigned)l < LANG__COUNT ? cfg_lang_names[l] : "?";
}

int lang_parse(const char *s, enum lang *out)
{
    for (int i = 0; s != NULL && i < LANG__COUNT; i++) {
        if (strcasecmp(s, cfg_lang_names[i]) == 0) {
            *out = (enum lang)i;
            return 0;
        }
    }
    return -1;
}

/* ---- template text (templates and schedule questions) ------------------- */

/* True if text (the string setting s, named label in messages) is a usable
 * template: not empty, every {placeholder} known. Else adds an error. */
bool cfg_template_text_ok(struct loader *ld, const config_setting_t *s, const char *label,
                          const char *text)
{
    char bad[64];
    if (text[0] == '\0') {
        cfg_lerr(ld, s, "%s is empty", label);
        return false;
    }
    if (template_check(text, bad, sizeof bad) != 0) {
        char braced[80];
        snprintf(braced, sizeof braced, "{%s}", bad);
        if (strstr(text, braced) == NULL)
            cfg_lerr(ld, s, "%s: unterminated placeholder {%s (no closing '}')", label, bad);
        else
            cfg_lerr(ld, s, "%s: unknown placeholder {%s} (known: {program} {contact} "
                     "{alias} {phone} {score} {scale_min} {scale_max} {escalation} {severity} "
                     "{excerpt} {count} {frequency} {by} {how} {state} {step} {list} {peer}; write {{ for a literal "
                     "brace)", label, bad);
        return false;
    }
    return true;
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
        cfg_lerr(ld, s, "%s is too long", label);
        return false;
    }
    if (id == TPL_REALERT || id == TPL_UPGRADED) {
        if (len > TPL_PREFIX_MAX) {
            cfg_lerr(ld, s, "%s is a prefix of the alert and may be at most %d characters with "
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
void cfg_parse_vocabulary(struct loader *ld, const config_setting_t *root)
{
    struct gw_config *c = ld->c;
    if (c->vocabulary_file == NULL)
        return;
    const config_setting_t *g = config_setting_get_member(root, "replies");
    const config_setting_t *s = g ? config_setting_get_member(g, "vocabulary") : NULL;
    if (c->vocabulary_file[0] == '\0') {
        cfg_lerr(ld, s, "replies.vocabulary: empty path (leave the setting out for none)");
        return;
    }
    if (vocab_load(c->vocabulary_file, &c->vocab, ld->errs) != 0)
        cfg_lerr(ld, s, "replies.vocabulary: the vocabulary file \"%s\" is refused (see above)",
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
                    cfg_oom(ld);
            } else if (l == LANG_EN && tpl_defaults[i] != NULL) {
                if ((c->templates[l][i] = strdup(tpl_defaults[i])) == NULL)
                    cfg_oom(ld);
            } else if (l == LANG_EN && i != TPL_REMINDER) {
                cfg_lerr(ld, g, "templates.%s: missing required template '%s'", ln, tpl_names[i]);
            }
            continue;
        }
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
            cfg_lerr(ld, s, "templates.%s.%s must be a string, not %s", ln, tpl_names[i],
                     type_name(config_setting_type(s)));
            continue;
        }
        const char *text = config_setting_get_string(s);
        char label[64];
        snprintf(label, sizeof label, "templates.%s.%s", ln, tpl_names[i]);
        /* The screening question is held to the specialists' budget: it
         * must arrive whole and at once, not as a long multi-part text. */
        if (!cfg_template_text_ok(ld, s, label, text) ||
            ((i >= TPL_FIRST_SPECIALIST || i == TPL_SCREEN || i == TPL_AWAY) &&
             !specialist_text_fits(ld, s, label, (enum tpl_id)i, text)))
            continue;
        /* Safety rule: the crisis reply must always give the person the
         * 988 Suicide & Crisis Lifeline, and so must the screening
         * question (it goes to someone who may be in crisis). A config
         * that drops it is refused. */
        if ((i == TPL_CRISIS || i == TPL_SCREEN || i == TPL_AWAY) && strstr(text, "988") == NULL) {
            cfg_lerr(ld, s, "templates.%s.%s must include the 988 Suicide & Crisis Lifeline "
                     "number", ln, tpl_names[i]);
            continue;
        }
        /* The first text a person gets says how to stop and where to turn. */
        if ((i == TPL_WELCOME || i == TPL_WELCOME_CONFIRM) &&
            (strstr(text, "988") == NULL || strstr(text, "STOP") == NULL)) {
            cfg_lerr(ld, s, "templates.%s.%s must say how to opt out (STOP) and give the 988 "
                     "Suicide & Crisis Lifeline number", ln, tpl_names[i]);
            continue;
        }
        char *dup = strdup(text);
        if (dup == NULL) {
            cfg_oom(ld);
            continue;
        }
        c->templates[l][i] = dup;
    }
}

void cfg_parse_templates(struct loader *ld, const config_setting_t *root)
{
    const char *keys[LANG__COUNT + 1];
    const config_setting_t *g = config_setting_get_member(root, "templates");
    struct gw_config *c = ld->c;

    if (g == NULL) {
        cfg_lerr(ld, NULL, "missing required group templates { en = { checkin = \"...\"; ... }; }");
        return;
    }
    if (!config_setting_is_group(g)) {
        cfg_lerr(ld, g, "templates must be a group { en = { ... }; es = { ... }; }, not %s",
                 type_name(config_setting_type(g)));
        return;
    }
    for (int l = 0; l < LANG__COUNT; l++) {
        const config_setting_t *lg = config_setting_get_member(g, cfg_lang_names[l]);
        if (lg == NULL) {
            if (l == LANG_EN)
                cfg_lerr(ld, g, "templates: missing required group 'en' (the English templates)");
            continue;
        }
        if (!config_setting_is_group(lg)) {
            cfg_lerr(ld, lg, "templates.%s must be a group { checkin = \"...\"; ... }, not %s",
                     cfg_lang_names[l], type_name(config_setting_type(lg)));
            continue;
        }
        parse_template_lang(ld, lg, (enum lang)l);
    }
    for (int i = 0; i < LANG__COUNT; i++)
        keys[i] = cfg_lang_names[i];
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
                config_setting_get_member(g, cfg_lang_names[l]) == NULL) {
                if ((c->templates[l][i] = strdup(tpl_builtin[l][i])) == NULL)
                    cfg_oom(ld);
            } else {
                c->templates[l][i] = c->templates[LANG_EN][i];
            }
        }
}
