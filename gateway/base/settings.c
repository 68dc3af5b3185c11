/* SPDX-License-Identifier: Apache-2.0 */
/* settings.c: the libconfig helpers every reader of settings uses: the
 * error list ("file:line: reason", all of them, not just the first), the
 * unknown-key check and secrets (env:, file:, literal). Shared by config/
 * (the loader) and the providers' create(), which check their own keys. */
#include "base/settings.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* ---- error list ------------------------------------------------------- */

void cfg_errors_init(struct cfg_errors *e)
{
    e->msg = NULL;
    e->n = 0;
    e->cap = 0;
}

void cfg_errors_free(struct cfg_errors *e)
{
    if (e == NULL)
        return;
    for (size_t i = 0; i < e->n; i++)
        free(e->msg[i]);
    free(e->msg);
    cfg_errors_init(e);
}

/* Formats and appends one message. On allocation failure the message is
 * lost; callers that must know whether an error happened (the loader)
 * count errors themselves instead of trusting e->n. */
void cfg_errors_vadd(struct cfg_errors *e, const char *file, int line, const char *fmt,
                     va_list ap)
{
    char reason[1024];
    char *msg;
    int n;

    vsnprintf(reason, sizeof reason, fmt, ap);
    if (file == NULL)
        file = "(config)";
    if (line > 0)
        n = snprintf(NULL, 0, "%s:%d: %s", file, line, reason);
    else
        n = snprintf(NULL, 0, "%s: %s", file, reason);
    if (n < 0)
        return;
    msg = malloc((size_t)n + 1);
    if (msg == NULL)
        return;
    if (line > 0)
        snprintf(msg, (size_t)n + 1, "%s:%d: %s", file, line, reason);
    else
        snprintf(msg, (size_t)n + 1, "%s: %s", file, reason);

    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 8;
        char **m = realloc(e->msg, cap * sizeof *m);
        if (m == NULL) {
            free(msg);
            return;
        }
        e->msg = m;
        e->cap = cap;
    }
    e->msg[e->n++] = msg;
}

void cfg_errors_add(struct cfg_errors *e, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfg_errors_vadd(e, file, line, fmt, ap);
    va_end(ap);
}

/* The file a setting came from. libconfig leaves it NULL on the root, so
 * walk up, then fall back to the first file read. */
static const char *setting_file(const config_setting_t *s)
{
    for (const config_setting_t *p = s; p != NULL; p = config_setting_parent(p))
        if (config_setting_source_file(p) != NULL)
            return config_setting_source_file(p);
    if (s != NULL && s->config != NULL && s->config->num_filenames > 0)
        return s->config->filenames[0];
    return NULL;
}

void cfg_errors_vat(struct cfg_errors *e, const config_setting_t *s, const char *fmt, va_list ap)
{
    cfg_errors_vadd(e, setting_file(s), s != NULL ? (int)config_setting_source_line(s) : 0, fmt,
                    ap);
}

void cfg_errors_at(struct cfg_errors *e, const config_setting_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfg_errors_vat(e, s, fmt, ap);
    va_end(ap);
}

void cfg_errors_print(const struct cfg_errors *e, FILE *f)
{
    for (size_t i = 0; i < e->n; i++)
        fprintf(f, "%s\n", e->msg[i]);
}

/* ---- settings --------------------------------------------------------- */

/* "schedules[0].times[1]": where a setting is, for messages. */
void cfg_setting_path(const config_setting_t *s, char *buf, size_t n)
{
    const config_setting_t *parent;
    size_t len;

    buf[0] = '\0';
    if (s == NULL || config_setting_is_root(s))
        return;
    parent = config_setting_parent(s);
    cfg_setting_path(parent, buf, n);
    len = strlen(buf);
    if (config_setting_name(s) != NULL)
        snprintf(buf + len, n - len, "%s%s", len ? "." : "", config_setting_name(s));
    else
        snprintf(buf + len, n - len, "[%d]", config_setting_index(s));
}

const char *cfg_type_name(int type)
{
    switch (type) {
    case CONFIG_TYPE_GROUP:  return "a group { }";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:  return "an integer";
    case CONFIG_TYPE_FLOAT:  return "a decimal number";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL:   return "a boolean";
    case CONFIG_TYPE_ARRAY:  return "an array [ ]";
    case CONFIG_TYPE_LIST:   return "a list ( )";
    default:                 return "an unknown type";
    }
}

int cfg_check_keys(const config_setting_t *group, const char *const *allowed,
                   struct cfg_errors *errs)
{
    int unknown = 0;
    char path[256], known[512];
    size_t klen = 0;

    if (group == NULL || !config_setting_is_group(group))
        return 0;
    known[0] = '\0';
    for (size_t i = 0; allowed[i] != NULL; i++) {
        int w = snprintf(known + klen, sizeof known - klen, "%s%s", i ? ", " : "", allowed[i]);
        if (w < 0 || (size_t)w >= sizeof known - klen)
            break;
        klen += (size_t)w;
    }
    cfg_setting_path(group, path, sizeof path);
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(m);
        bool ok = false;
        for (size_t j = 0; allowed[j] != NULL && !ok; j++)
            ok = name != NULL && strcmp(name, allowed[j]) == 0;
        if (ok)
            continue;
        unknown++;
        if (path[0] != '\0')
            cfg_errors_at(errs, m, "unknown setting '%s' in %s (known: %s)", name ? name : "?",
                          path, known);
        else
            cfg_errors_at(errs, m, "unknown setting '%s' (known: %s)", name ? name : "?", known);
    }
    return unknown;
}

/* ---- secrets ---------------------------------------------------------- */

/* Reads the first line of path into out[outsz], newline stripped. Returns 0
 * or -1 with why filled. The line buffer is wiped: it holds a secret. */
static int read_secret_file(const char *path, char *out, size_t outsz, char *why, size_t whylen)
{
    FILE *f = NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = -1;

    f = fopen(path, "r");
    if (f == NULL) {
        snprintf(why, whylen, "cannot read secret file %s: %s", path, strerror(errno));
        goto out;
    }
    errno = 0;
    n = getline(&line, &cap, f);
    if (n < 0) {
        if (errno != 0)
            snprintf(why, whylen, "cannot read secret file %s: %s", path, strerror(errno));
        else
            snprintf(why, whylen, "secret file %s is empty", path);
        goto out;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n == 0) {
        snprintf(why, whylen, "secret file %s: first line is empty", path);
        goto out;
    }
    if ((size_t)n >= outsz) {
        snprintf(why, whylen, "secret file %s: first line is too long (at most %zu bytes)", path,
                 outsz ? outsz - 1 : 0);
        goto out;
    }
    memcpy(out, line, (size_t)n + 1);
    rc = 0;
out:
    if (line != NULL) {
        explicit_bzero(line, cap);
        free(line);
    }
    if (f != NULL)
        fclose(f);
    return rc;
}

/* Copies src into dst[dstsz]; false (and dst untouched) if it does not fit. */
static bool copy_fits(char *dst, size_t dstsz, const char *src)
{
    size_t n = strlen(src);
    if (n >= dstsz)
        return false;
    memcpy(dst, src, n + 1);
    return true;
}

int cfg_secret(const config_setting_t *group, const char *key, char *out, size_t outsz,
               struct cfg_errors *errs)
{
    const config_setting_t *s;
    const char *v;
    char why[512];

    if (outsz > 0)
        out[0] = '\0';
    s = group != NULL ? config_setting_get_member(group, key) : NULL;
    if (s == NULL)
        return 1;
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        cfg_errors_at(errs, s, "%s must be a string, not %s", key,
                      cfg_type_name(config_setting_type(s)));
        return -1;
    }
    v = config_setting_get_string(s);
    if (outsz == 0) {
        cfg_errors_at(errs, s, "%s: no room for the value", key);
        return -1;
    }
    if (strncmp(v, "env:", 4) == 0) {
        const char *name = v + 4, *val;
        if (*name == '\0') {
            cfg_errors_at(errs, s, "%s: \"env:\" needs a variable name, e.g. \"env:TWILIO_TOKEN\"",
                          key);
            return -1;
        }
        val = getenv(name);
        if (val == NULL || *val == '\0') {
            cfg_errors_at(errs, s, "%s: environment variable %s is %s", key, name,
                          val == NULL ? "not set" : "empty");
            return -1;
        }
        if (!copy_fits(out, outsz, val)) {
            cfg_errors_at(errs, s, "%s: environment variable %s is too long (at most %zu bytes)",
                          key, name, outsz - 1);
            return -1;
        }
        return 0;
    }
    if (strncmp(v, "file:", 5) == 0) {
        if (v[5] == '\0') {
            cfg_errors_at(errs, s, "%s: \"file:\" needs a path, e.g. \"file:/etc/checkin/token\"",
                          key);
            return -1;
        }
        if (read_secret_file(v + 5, out, outsz, why, sizeof why) != 0) {
            out[0] = '\0';
            cfg_errors_at(errs, s, "%s: %s", key, why);
            return -1;
        }
        return 0;
    }
    if (*v == '\0') {
        cfg_errors_at(errs, s, "%s is empty", key);
        return -1;
    }
    if (!copy_fits(out, outsz, v)) {
        /* The value itself is never echoed: it is a secret. */
        cfg_errors_at(errs, s, "%s is too long (at most %zu bytes)", key, outsz - 1);
        return -1;
    }
    return 0;
}
