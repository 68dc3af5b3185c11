/* SPDX-License-Identifier: Apache-2.0 */
/* spool_internal.h: what the pieces of the `spool` provider share: the
 * instance (struct spool), its limits, and the functions one piece calls in
 * another. Not for use outside providers/spool/: the provider's interface is
 * spool_provider_ops (provider.h). The pieces, one job each:
 *
 *   spool.c           the design (its header comment), directory helpers,
 *                     create / destroy, start / stop, the ops table
 *   spool_outgoing.c  writing outgoing files; the outgoing backlog
 *   spool_incoming.c  reading, offering and removing one file
 *   spool_index.c     the report index (reports/)
 *   spool_scan.c      listing the directories, inotify, the scan timer */
#ifndef GW_SPOOL_INTERNAL_H
#define GW_SPOOL_INTERNAL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/phone.h"
#include "provconf.h"
#include "provider.h"
#include "spool/spoolfile.h"

#define SPOOL_MAX_FILE      (64 * 1024) /* a bigger incoming file is rejected */
#define SPOOL_BACKOFF_MIN   1000        /* ms, first retry after host->inbound failed */
#define SPOOL_BACKOFF_MAX   30000       /* ms */
#define SPOOL_RESCAN_MS     30000       /* periodic rescan, in case an event was missed */
#define SPOOL_COALESCE_MS   20          /* an event burst becomes one scan */
#define SPOOL_SETTLE_MS     1000        /* default settle_ms: the fallback wait for a young file */
#define SPOOL_CLOSED_MAX    64          /* files closed since the last scan, remembered */
#define SPOOL_URGENT_SUFFIX "-urgent"   /* ends the name of an urgent outgoing file */
#define SPOOL_DIR_MODE      0750
#define SPOOL_FILE_MODE     0660 /* smsd, in the spool's group, rewrites what it sends */
#define REPORT_WAIT_S       300         /* an unmatched status report waits this long */
#define INDEX_KEEP_S        (7 * 86400) /* a report index entry older than this is removed */
#define INDEX_SWEEP_S       3600        /* how often old index entries are looked for */

struct spool {
    struct provider *p;         /* borrowed: the instance that owns us */
    char *dir;                  /* owned: as configured */
    char *outgoing, *incoming, *rejected; /* owned: <dir>/... */
    char *sent, *failed, *reports;        /* owned: <dir>/... */
    bool ucs2;                  /* write Alphabet: UCS2 instead of UTF-8 */
    bool report;                /* ask smsd for status reports (Report: yes) */
    int64_t last_sweep;         /* when old report index entries were last removed */
    /* incoming/ through inotify itself (uv_fs_event cannot ask for
     * IN_CLOSE_WRITE): the descriptor polled on the loop. */
    int in_fd;
    uv_poll_t watch;
    int settle_ms;              /* the fallback wait for a young file not known closed */
    int urgent_stuck_s, stuck_s; /* outgoing/ backlog limits: degraded beyond */
    bool stuck;                 /* the backlog is beyond a limit (out_stuck says how) */
    char out_stuck[200];
    /* Names in incoming/ a writer closed or renamed in since the last scan,
     * and when (ms): ready unless changed after that. */
    struct closed_file { char name[NAME_MAX + 1]; int64_t at_ms; } closed[SPOOL_CLOSED_MAX];
    int nclosed;
    uv_fs_event_t watch_res[2]; /* sent/ and failed/; without them the periodic scan serves */
    bool watch_res_init[2];
    uv_timer_t timer;           /* scans: coalescing, settling, back-off, periodic */
    bool watch_init, timer_init, watching;
    bool rewatch;               /* the watch reported an error: restart it on the next scan */
    bool stopping;
    int closing;                /* handles whose close callback is pending */
    void (*stopped)(struct provider *);
    unsigned backoff_ms;        /* 0 unless host->inbound failed on the last scan */
    uint64_t seq;               /* makes outgoing names unique within a second */
    bool in_ok, out_ok;         /* incoming readable / outgoing writable */
    char in_status[200], out_status[200];
};

/* Outcome of offering one incoming file. */
enum file_rc {
    FILE_DONE = 0,   /* committed and removed, rejected, or gone */
    FILE_LATER = 1,  /* could not read it now: leave it for the next scan */
    FILE_STORE = 2,  /* host->inbound failed: stop the scan and back off */
};

/* Shared between the pieces; each is described where it is defined. */

/* spool.c */
const char *spool_safe(const char *s, char *out, size_t outsz);
int spool_join(char *out, size_t outsz, const char *a, const char *b);
int spool_write_all(int fd, const char *buf, size_t len);
int spool_fsync_dir(const char *path);
void spool_update_health(struct spool *s);
void spool_schedule(struct spool *s, uint64_t ms);

/* spool_incoming.c */
int spool_reject_file(struct spool *s, const char *name, const char *reason);
enum file_rc spool_process_result(struct spool *s, const char *dir, const char *name);
enum file_rc spool_process_file(struct spool *s, const char *name);

/* spool_index.c */
int spool_index_path(struct spool *s, const char *to, int message_id, char *out, size_t outsz);
int spool_index_put(struct spool *s, const char *to, int message_id, const char *file);
int spool_index_get(struct spool *s, const char *to, int message_id, char *out, size_t outsz);
void spool_index_sweep(struct spool *s, int64_t now);

/* spool_scan.c */
int64_t spool_ts_ms(const struct timespec *t);
int spool_watch_incoming(struct spool *s);
void spool_timer_cb(uv_timer_t *t);
void spool_watch_cb(uv_fs_event_t *h, const char *filename, int events, int status);
void spool_inotify_cb(uv_poll_t *h, int status, int events);

/* spool_outgoing.c */
int spool_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg);
int spool_backlog(struct provider *p, struct provider_backlog *b);


#endif
