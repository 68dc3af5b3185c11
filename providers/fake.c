/* fake.c: a provider with no peer, for the core's own tests (outbox,
 * failover) and for trying a config without a modem.
 *
 *   { name = "fake"; kind = "fake"; mode = "ok"; log = "/tmp/sent.log"; }
 *
 * mode: "ok" (every send succeeds), "retry" (every send fails temporarily),
 * "fail" (every send fails permanently), "down" (unhealthy; sends are
 * refused). log: optional file to which each accepted message is appended
 * as one line "<id>\t<to>\t<body with newlines as \n>". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "provider.h"

struct fake {
    char mode[16];
    char log_path[1024];
    unsigned long sent;
};

static int fake_create(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs)
{
    static const char *const keys[] = {"mode", "log", NULL};
    struct fake *f = calloc(1, sizeof *f);
    const char *mode = "ok", *logp = "";
    int bad = provider_check_keys(cfg, keys, errs);
    if (!f)
        return -1;
    const config_setting_t *m = config_setting_get_member(cfg, "mode");
    if (m && config_setting_type(m) != CONFIG_TYPE_STRING) {
        cfg_errors_at(errs, m, "provider \"%s\": mode must be a string", p->name);
        bad++;
    } else if (m) {
        mode = config_setting_get_string(m);
        if (strcmp(mode, "ok") && strcmp(mode, "retry") && strcmp(mode, "fail") &&
            strcmp(mode, "down")) {
            cfg_errors_at(errs, m, "provider \"%s\": mode must be ok, retry, fail or down",
                          p->name);
            bad++;
        }
    }
    const config_setting_t *l = config_setting_get_member(cfg, "log");
    if (l && config_setting_type(l) != CONFIG_TYPE_STRING) {
        cfg_errors_at(errs, l, "provider \"%s\": log must be a string (a file path)", p->name);
        bad++;
    } else if (l) {
        logp = config_setting_get_string(l);
    }
    if (bad) {
        free(f);
        return -1;
    }
    snprintf(f->mode, sizeof f->mode, "%s", mode);
    snprintf(f->log_path, sizeof f->log_path, "%s", logp);
    p->impl = f;
    return 0;
}

static int fake_start(struct provider *p)
{
    struct fake *f = p->impl;
    p->healthy = strcmp(f->mode, "down") != 0;
    snprintf(p->status, sizeof p->status, "%s", p->healthy ? "ok" : "down (fake mode)");
    return 0;
}

static int fake_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
{
    struct fake *f = p->impl;
    char id[32];
    if (strcmp(f->mode, "down") == 0)
        return -1;
    if (strcmp(f->mode, "retry") == 0) {
        done(arg, SEND_RETRY, NULL, "fake: temporary failure (mode retry)");
        return 0;
    }
    if (strcmp(f->mode, "fail") == 0) {
        done(arg, SEND_FAILED, NULL, "fake: permanent failure (mode fail)");
        return 0;
    }
    if (f->log_path[0]) {
        FILE *out = fopen(f->log_path, "a");
        if (!out) {
            char err[1200];
            snprintf(err, sizeof err, "fake: cannot open %s: %s", f->log_path, strerror(errno));
            done(arg, SEND_RETRY, NULL, err);
            return 0;
        }
        fprintf(out, "%lld\t%s\t", (long long)m->id, m->to);
        for (const char *c = m->body; *c; c++)
            if (*c == '\n')
                fputs("\\n", out);
            else
                fputc(*c, out);
        fputc('\n', out);
        fclose(out);
    }
    snprintf(id, sizeof id, "fake-%lu", ++f->sent);
    done(arg, SEND_OK, id, NULL);
    return 0;
}

static void fake_stop(struct provider *p, void (*stopped)(struct provider *)) { stopped(p); }

static void fake_destroy(struct provider *p)
{
    free(p->impl);
    p->impl = NULL;
}

const struct provider_ops fake_provider_ops = {
    .kind = "fake",
    .create = fake_create,
    .start = fake_start,
    .send = fake_send,
    .stop = fake_stop,
    .destroy = fake_destroy,
};
