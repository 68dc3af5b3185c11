/* SPDX-License-Identifier: Apache-2.0 */
/* tz.c: time-zone name checks and the zone cache (see tz.h). */
#include "base/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

    if (tz == NULL || tz[0] == '\0' || tz[0] == '/' || strlen(tz) >= TZ_NAME_MAX ||
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

/* glibc silently uses UTC for an unknown zone, so we check the zone file
 * ourselves. Results are cached (the scheduler asks for the same few zones
 * for every client); the cache is process-global, like TZ itself. */
#define TZ_CACHE_N 16
static char tz_cache[TZ_CACHE_N][TZ_NAME_MAX];
static unsigned tz_cache_next;

/* True if name looks like an IANA zone name: relative, no "..", no empty
 * path element, only the characters zone names use. */
static bool tz_name_ok(const char *tz)
{
    size_t n = strlen(tz);
    if (n == 0 || n >= TZ_NAME_MAX || tz[0] == '/' || tz[n - 1] == '/')
        return false;
    if (strstr(tz, "..") != NULL || strstr(tz, "//") != NULL)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = tz[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '/' || c == '_' || c == '-' || c == '+' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

bool tz_known(const char *tz)
{
    if (tz == NULL || !tz_name_ok(tz))
        return false;
    for (unsigned i = 0; i < TZ_CACHE_N; i++)
        if (strcmp(tz_cache[i], tz) == 0)
            return true;
    if (!tz_is_valid(tz))
        return false;
    memcpy(tz_cache[tz_cache_next], tz, strlen(tz) + 1);
    tz_cache_next = (tz_cache_next + 1) % TZ_CACHE_N;
    return true;
}
