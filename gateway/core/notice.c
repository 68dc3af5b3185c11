/* SPDX-License-Identifier: Apache-2.0 */
/* notice.c: renders and queues the gateway's own texts (see notice.h). */
#include "core/notice.h"

#include <stdio.h>
#include <string.h>

#include "model/consent.h"
#include "base/log.h"
#include "model/schedule.h"
#include "model/template.h"

int notice_queue(struct store *s, const struct gw_config *cfg, const struct store_client *client,
                 const char *to, enum tpl_id id, enum msg_kind kind, int64_t now)
{
    return notice_queue_with(s, cfg, client, to, id, kind, NULL, NULL, now, NULL);
}

int notice_queue_with(struct store *s, const struct gw_config *cfg,
                      const struct store_client *client, const char *to, enum tpl_id id,
                      enum msg_kind kind, const char *peer, const char *back, int64_t now,
                      int64_t *id_out)
{
    char body[STORE_BODY_MAX], smin[8], smax[8], freq[160];
    enum lang l = client ? client->lang : LANG_EN;
    const struct gw_schedule *sch = client ? gw_config_schedule(cfg, client->schedule) : NULL;
    if (!sch && cfg->nschedules > 0)
        sch = &cfg->schedules[0];
    snprintf(smin, sizeof smin, "%d", sch ? sch->scale_min : 1);
    snprintf(smax, sizeof smax, "%d", sch ? sch->scale_max : 10);
    consent_frequency(sch, l, freq, sizeof freq);
    struct tpl_vars v = {.program = cfg->program_name, .contact = cfg->program_contact,
                         .alias = client ? client->alias : NULL, .scale_min = smin,
                         .scale_max = smax, .frequency = freq, .peer = peer, .back = back};
    if (id_out)
        *id_out = 0;
    if (template_render(gw_config_template(cfg, l, id), &v, body, sizeof body) < 0) {
        log_error("template.render", "template=%s lang=%s", tpl_name(id), lang_name(l));
        return STORE_OK; /* a broken template must not lose what caused it */
    }
    struct store_outbound m = {.to = to, .body = body, .kind = kind,
                               .priority = MSG_PRIO_NORMAL, .client_id = client ? client->id : 0};
    /* The welcome is the gateway's own first word, not an answer: like a
     * check-in it waits for the end of quiet hours in the client's zone
     * (an unknown zone is not quiet). Answers (STOP, HELP...) go at once. */
    if (client && kind == MSG_KIND_WELCOME &&
        schedule_quiet_end(&cfg->quiet, client->tz, now, &m.not_before) != 0)
        m.not_before = 0;
    return store_outbound_queue(s, &m, now, id_out);
}
