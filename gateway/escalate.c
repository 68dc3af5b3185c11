/* escalate.c: severity rules and the transactional outbox of an escalation. */
#include "escalate.h"

#include <stdio.h>
#include <string.h>

#include "gw.h"
#include "log.h"
#include "template.h"

void escalate_excerpt(const char *text, size_t len, size_t maxchars, char *out, size_t outsz)
{
    size_t o = 0, chars = 0, i = 0;
    if (outsz == 0)
        return;
    while (i < len && chars < maxchars) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > len)
            n = len - i;
        if (o + n + 4 >= outsz)
            break;
        if (n == 1 && (c < 0x20 || c == 0x7f || c >= 0x80))
            out[o++] = (c >= 0x80) ? '?' : ' '; /* a stray byte or a line break */
        else {
            memcpy(out + o, text + i, n);
            o += n;
        }
        i += n;
        chars++;
    }
    if (i < len && o + 4 < outsz) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* Renders template id for the language lang into out. Returns 0 or -1. */
static int render(struct gw *gw, const char *lang, enum tpl_id id, const struct tpl_vars *v,
                  char *out, size_t outsz)
{
    enum lang l = LANG_EN;
    if (lang && lang_parse(lang, &l) != 0)
        l = LANG_EN;
    const char *tpl = gw_config_template(gw->cfg, l, id);
    if (!tpl || template_render(tpl, v, out, outsz) < 0) {
        log_error("template.render", "template=%s lang=%s", tpl_name(id), lang_name(l));
        return -1;
    }
    return 0;
}

int escalate_record(struct gw *gw, const struct escalation_input *in, int64_t now,
                    int64_t *id_out)
{
    const struct gw_config *cfg = gw->cfg;
    const struct store_client *c = in->client;
    struct store_escalation e = {0};
    char body[STORE_BODY_MAX], excerpt[96], esc_no[24], score[32], smin[8], smax[8];
    int rc;

    e.client_id = c ? c->id : 0;
    snprintf(e.peer, sizeof e.peer, "%s", in->from);
    e.message_id = in->message_id;
    e.specialist_id = c ? c->specialist_id : 0;
    snprintf(e.severity, sizeof e.severity, "%s", severity_name(in->severity));
    snprintf(e.reason, sizeof e.reason, "%s", in->reason);
    e.created_at = now;
    if ((rc = store_escalation_insert(gw->store, &e)) != STORE_OK)
        return rc;
    *id_out = e.id;

    int lo = in->schedule ? in->schedule->scale_min : 1;
    int hi = in->schedule ? in->schedule->scale_max : 10;
    snprintf(esc_no, sizeof esc_no, "%lld", (long long)e.id);
    snprintf(smin, sizeof smin, "%d", lo);
    snprintf(smax, sizeof smax, "%d", hi);
    if (in->reply->has_score)
        snprintf(score, sizeof score, "%g/%d", in->reply->score, hi);
    else
        snprintf(score, sizeof score, "none");
    escalate_excerpt(in->text, in->text_len, 60, excerpt, sizeof excerpt);

    struct tpl_vars v = {
        .program = cfg->program_name,
        .contact = cfg->program_contact,
        .alias = c ? c->alias : "unknown number",
        .phone = in->from,
        .score = score,
        .scale_min = smin,
        .scale_max = smax,
        .escalation = esc_no,
        .severity = e.severity,
        .excerpt = excerpt,
    };

    /* The 988 message answers the person who wrote, enrolled or not, opted
     * out or not (rule 5: it answers a message they sent). */
    if (render(gw, c ? c->lang : "en", TPL_CRISIS, &v, body, sizeof body) == 0) {
        struct store_outbound m = {
            .to = in->from, .body = body, .kind = MSG_KIND_CRISIS,
            .priority = MSG_PRIO_URGENT, .client_id = e.client_id, .escalation_id = e.id,
        };
        if ((rc = store_outbound_queue(gw->store, &m, now, NULL)) != STORE_OK)
            return rc;
    }

    /* The alert: to the client's specialist; when there is nobody assigned,
     * or the assigned one has left the config, to every specialist. */
    int alerted = 0;
    for (int pass = 0; pass < 2 && alerted == 0; pass++) {
        for (size_t i = 0; i < cfg->nspecialists; i++) {
            const struct gw_specialist *sp = &cfg->specialists[i];
            struct store_specialist ss;
            if (store_specialist_by_key(gw->store, sp->id, &ss) != STORE_OK)
                continue;
            if (pass == 0 && e.specialist_id && ss.id != e.specialist_id)
                continue;
            if (render(gw, "en", TPL_ALERT, &v, body, sizeof body) != 0)
                continue;
            struct store_outbound m = {
                .to = sp->phone, .body = body, .kind = MSG_KIND_ALERT,
                .priority = MSG_PRIO_URGENT, .client_id = e.client_id, .specialist_id = ss.id,
                .escalation_id = e.id,
            };
            if ((rc = store_outbound_queue(gw->store, &m, now, NULL)) != STORE_OK)
                return rc;
            alerted++;
        }
    }
    if (alerted == 0)
        log_error("escalation.unrouted", "escalation=%lld reason=\"no specialist to alert\"",
                  (long long)e.id);

    char detail[320];
    snprintf(detail, sizeof detail, "severity=%s reason=%s alerts=%d", e.severity, e.reason,
             alerted);
    return store_audit(gw->store, now, "gateway", "escalation.created", esc_no, detail);
}
