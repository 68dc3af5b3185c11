/* SPDX-License-Identifier: Apache-2.0 */
/* settings.h: the libconfig helpers every reader of settings uses: the
 * error list (each problem as "file:line: reason", all collected so an
 * operator fixes them in one pass), the unknown-key check and secrets.
 * config/ (the loader) and the providers' create() (their own keys) both
 * report through them, so they live here, below both. */
#ifndef GW_SETTINGS_H
#define GW_SETTINGS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <libconfig.h>

/* The longest operator-chosen name, with its NUL: a provider, schedule or
 * specialist ([a-z0-9_-]{1,63}). */
#define CFG_NAME_MAX 64

/* ---- error list ------------------------------------------------------- */

struct cfg_errors {
    char **msg; /* each "file:line: reason" (or "file: reason"), owned */
    size_t n, cap;
};

void cfg_errors_init(struct cfg_errors *e);
void cfg_errors_free(struct cfg_errors *e);
/* line <= 0 leaves the line out. */
void cfg_errors_add(struct cfg_errors *e, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* File and line taken from the setting (config_setting_source_file/line). */
void cfg_errors_at(struct cfg_errors *e, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* One per line. */
void cfg_errors_print(const struct cfg_errors *e, FILE *f);
/* The va_list forms of cfg_errors_add and cfg_errors_at, for a reader that
 * wraps them (the loader counts its errors). */
void cfg_errors_vadd(struct cfg_errors *e, const char *file, int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
void cfg_errors_vat(struct cfg_errors *e, const config_setting_t *s, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* ---- settings -------------------------------------------------------- */

/* "schedules[0].times[1]": where a setting is, for messages, into buf[n]. */
void cfg_setting_path(const config_setting_t *s, char *buf, size_t n);
/* "a string", "an integer", ...: a libconfig CONFIG_TYPE_*, for messages. */
const char *cfg_type_name(int type);

/* Adds an error for each member of group whose name is not in allowed
 * (NULL-terminated). Returns the number of unknown keys. */
int cfg_check_keys(const config_setting_t *group, const char *const *allowed,
                   struct cfg_errors *errs);

/* Reads a secret setting. The value may be "env:NAME" (from the
 * environment), "file:/path" (the file's first line, without its newline), or
 * the literal text. Returns 0 and fills out; 1 if the key is absent (out = "");
 * -1 after adding an error (unset variable, unreadable file, too long). */
int cfg_secret(const config_setting_t *group, const char *key, char *out, size_t outsz,
               struct cfg_errors *errs);

#endif
