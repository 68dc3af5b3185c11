/* SPDX-License-Identifier: Apache-2.0 */
/* fake.c: a provider with no peer, for the core's own tests (outbox,
 * failover) and for trying a config without a modem.
 *
 *   { name = "fake"; kind = "fake"; mode = "ok"; log = "/tmp/sent.log"; }
 *
 * mode: "ok" (every send succeeds), "retry" (every send fails temporarily,
 * like an HTTP 500 or 429), "fail" (every send fails permanently),
 * "optout" (the carrier says the recipient opted out), "down" (unhealthy;
 * sends are refused, like a connection refused), "timeout" (each send fails
 * temporarily after timeout_ms, like a peer that stops answering).
 * mode_file: optional file whose first word, when the file exists,
 * replaces mode at each send, so a test can break and mend the provider
 * while the daemon runs. log: optional file to which each accepted message
 * is appended as one line "<id>\t<to>\t<body with newlines as \n>". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "provider.h"

/* A send waiting to time out (mode "timeout"). */
struct fake_wait {
    uv_timer_t timer;
    struct provider *p;
    send_done_cb done;
    void *arg;
    struct fake_wait *next;
};

struct fake {
    char mode[16];
    char mode_file[1024];
    char log_path[1024];
    int timeout_ms;
    unsigned long sent;
    struct fake_wait *waits;   /* sends in mode "timeout" */
    int closing;               /* timers still closing after stop */
    void (*stopped)(struct provider *);
};

static bool mode_valid(const char *m)
{
    static const char *const modes[] = {"ok", "retry", "fail", "optout", "down", "timeout", NULL};
    for (int i = 0; modes[i]; i++)
        if (strcmp(m, modes[i]) == 0)
            return true;
    return false;
}

static int fake_create(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs)
{
    static const char *const keys[] = {"mode", "mode_file", "log", "timeout_ms", NULL};
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
        if (!mode_valid(mode)) {
            cfg_errors_at(errs, m, "provider \"%s\": mode must be ok, retry, fail, optout, down"
                          " or timeout", p->name);
            bad++;
        }
    }
    const config_setting_t *mf = config_setting_get_member(cfg, "mode_file");
    if (mf && config_setting_type(mf) != CONFIG_TYPE_STRING) {
        cfg_errors_at(errs, mf, "provider \"%s\": mode_file must be a string (a file path)",
                      p->name);
        bad++;
    } else if (mf) {
        snprintf(f->mode_file, sizeof f->mode_file, "%s", config_setting_get_string(mf));
    }
    f->timeout_ms = 2000;
    const config_setting_t *to = config_setting_get_member(cfg, "timeout_ms");
    if (to && (config_setting_type(to) != CONFIG_TYPE_INT || config_setting_get_int(to) < 1 ||
               config_setting_get_int(to) > 600000)) {
        cfg_errors_at(errs, to, "provider \"%s\": timeout_ms must be an integer from 1 to"
                      " 600000", p->name);
        bad++;
    } else if (to) {
        f->timeout_ms = config_setting_get_int(to);
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

/* The mode in force: mode_file's first word when that file exists and
 * holds a valid mode, else the configured one. Keeps p->healthy in step. */
static const char *current_mode(struct provider *p, char *buf, size_t bufsz)
{
    struct fake *f = p->impl;
    const char *mode = f->mode;
    FILE *in = f->mode_file[0] ? fopen(f->mode_file, "r") : NULL;
    if (in) {
        char fmt[16];
        snprintf(fmt, sizeof fmt, "%%%zus", bufsz - 1);
        if (fscanf(in, fmt, buf) == 1 && mode_valid(buf))
            mode = buf;
        fclose(in);
    }
    p->healthy = strcmp(mode, "down") != 0;
    if (strcmp(mode, "ok") == 0)
        snprintf(p->status, sizeof p->status, "ok");
    else
        snprintf(p->status, sizeof p->status, "fake mode %s", mode);
    return mode;
}

static int fake_start(struct provider *p)
{
    char buf[16];
    current_mode(p, buf, sizeof buf);
    return 0;
}

static void wait_closed_cb(uv_handle_t *h)
{
    struct fake_wait *w = h->data;
    struct fake *f = w->p->impl;
    struct provider *p = w->p;
    free(w);
    if (--f->closing == 0 && f->stopped)
        f->stopped(p);
}

/* Ends a waiting send with a time-out and frees it. */
static void wait_end(struct fake_wait *w)
{
    struct fake *f = w->p->impl;
    for (struct fake_wait **pp = &f->waits; *pp; pp = &(*pp)->next)
        if (*pp == w) {
            *pp = w->next;
            break;
        }
    f->closing++;
    w->done(w->arg, SEND_RETRY, NULL, "fake: no answer (mode timeout)");
    uv_close((uv_handle_t *)&w->timer, wait_closed_cb);
}

static void wait_timer_cb(uv_timer_t *t) { wait_end(t->data); }

static int fake_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
{
    struct fake *f = p->impl;
    char id[32], buf[16];
    const char *mode = current_mode(p, buf, sizeof buf);
    if (strcmp(mode, "down") == 0)
        return -1;
    if (strcmp(mode, "retry") == 0) {
        done(arg, SEND_RETRY, NULL, "fake: temporary failure (mode retry)");
        return 0;
    }
    if (strcmp(mode, "fail") == 0) {
        done(arg, SEND_FAILED, NULL, "fake: permanent failure (mode fail)");
        return 0;
    }
    if (strcmp(mode, "optout") == 0) {
        done(arg, SEND_OPTED_OUT, NULL, "fake: recipient opted out (mode optout)");
        return 0;
    }
    if (strcmp(mode, "timeout") == 0) {
        struct fake_wait *w = calloc(1, sizeof *w);
        if (!w || uv_timer_init(p->loop, &w->timer) != 0) {
            free(w);
            return -1;
        }
        w->timer.data = w;
        w->p = p;
        w->done = done;
        w->arg = arg;
        w->next = f->waits;
        f->waits = w;
        uv_timer_start(&w->timer, wait_timer_cb, (uint64_t)f->timeout_ms, 0);
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

static void fake_stop(struct provider *p, void (*stopped)(struct provider *))
{
    struct fake *f = p->impl;
    f->stopped = stopped;
    if (!f->waits && f->closing == 0) {
        stopped(p);
        return;
    }
    while (f->waits) /* every send gets its one answer, even at a stop */
        wait_end(f->waits);
}

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
