/* SPDX-License-Identifier: Apache-2.0 */
/* test_store.c: unit tests of gateway/store/store.c against a real SQLite file.
 *
 * Each test gets its own directory from mkdtemp under /tmp (fixture setup)
 * and the teardown removes it, also when the test failed (cmocka runs the
 * teardown after a failed assertion). Where the store's effect must be seen
 * from outside, a second connection opened with the sqlite3 API looks at
 * the file, as checkinctl would. No test waits on the clock: times are
 * plain numbers passed in, and the busy case uses a 20 ms busy timeout. */
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store.h"
#include "testdir.h"

struct fx {
    char dir[64];
    char path[128];
    struct store *s;
    sqlite3 *db2; /* a second connection, opened on demand */
    mode_t old_umask;
    struct rlimit old_fsize;
};

/* ---- fixture -------------------------------------------------------------- */

static int setup_dir(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f) return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/test_store.XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/gw.db", f->dir);
    f->old_umask = umask(022);
    umask(f->old_umask);
    getrlimit(RLIMIT_FSIZE, &f->old_fsize);
    *state = f;
    return 0;
}

static int setup_store(void **state)
{
    if (setup_dir(state)) return -1;
    struct fx *f = *state;
    char err[256] = "";
    if (store_open(&f->s, f->path, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (!f) return 0;
    /* A failed test may have left these changed. */
    setrlimit(RLIMIT_FSIZE, &f->old_fsize);
    umask(f->old_umask);
    store_close(f->s);
    if (f->db2) sqlite3_close(f->db2);
    rm_test_dir(f->dir);
    free(f);
    return 0;
}

/* ---- helpers: a second connection ------------------------------------------ */

static sqlite3 *db2(struct fx *f)
{
    if (!f->db2) {
        assert_int_equal(sqlite3_open_v2(f->path, &f->db2, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
        sqlite3_busy_timeout(f->db2, 2000);
    }
    return f->db2;
}

/* The integer the one-row query q gives (q is built with printf arguments). */
static int64_t q_int(sqlite3 *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int64_t q_int(sqlite3 *db, const char *fmt, ...)
{
    char q[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The text of the one-row query q, copied into buf ("(null)" for NULL). */
static const char *q_text(sqlite3 *db, char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static const char *q_text(sqlite3 *db, char *buf, size_t n, const char *fmt, ...)
{
    char q[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, 0);
    snprintf(buf, n, "%s", v ? (const char *)v : "(null)");
    sqlite3_finalize(st);
    return buf;
}

static void exec2(sqlite3 *db, const char *q)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, q, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fail_msg("%s: %s", q, msg ? msg : "?");
}

static void write_file(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- helpers: store rows ----------------------------------------------------- */

static int64_t add_client(struct store *s, const char *alias, const char *phone, const char *state,
                          int64_t next_due)
{
    struct store_client c;
    memset(&c, 0, sizeof c);
    snprintf(c.alias, sizeof c.alias, "%s", alias);
    snprintf(c.phone, sizeof c.phone, "%s", phone);
    snprintf(c.tz, sizeof c.tz, "America/Chicago");
    snprintf(c.schedule, sizeof c.schedule, "daily");
    if (*state) /* "": the default */
        assert_true(client_state_parse(state, &c.state));
    c.next_due_at = next_due;
    c.created_at = 1000;
    assert_int_equal(store_client_insert(s, &c), STORE_OK);
    assert_true(c.id > 0);
    return c.id;
}

static int64_t queue(struct store *s, const char *body, int prio, int64_t now)
{
    struct store_outbound m = {
        .to = "+15550001111",
        .body = body,
        .kind = MSG_KIND_CHECKIN,
        .priority = prio,
    };
    int64_t id = 0;
    assert_int_equal(store_outbound_queue(s, &m, now, &id), STORE_OK);
    assert_true(id > 0);
    return id;
}

static int64_t inbound(struct store *s, const char *provider, const char *ext_id, int64_t client_id,
                       int64_t now)
{
    struct store_inbound m = {
        .provider = provider,
        .ext_id = ext_id,
        .from = "+15550002222",
        .body = "7",
        .body_len = 1,
        .client_id = client_id,
    };
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(s, &m, now, &id), STORE_OK);
    assert_true(id > 0);
    return id;
}

/* Collects aliases (or ids) seen by the walk callbacks. */
struct seen {
    int n;
    int stop_after; /* 0 = never stop */
    char alias[16][64];
    int64_t id[16];
    int64_t t[16];
};

static int seen_client(void *ctx, const struct store_client *c)
{
    struct seen *v = ctx;
    assert_true(v->n < 16);
    snprintf(v->alias[v->n], sizeof v->alias[0], "%s", c->alias);
    v->id[v->n] = c->id;
    v->t[v->n] = c->next_due_at;
    v->n++;
    return v->stop_after && v->n >= v->stop_after ? 7 : 0;
}

/* ---- open --------------------------------------------------------------------- */

static void test_open_creates_file_0600_even_under_umask_0(void **state)
{
    struct fx *f = *state;
    char err[256] = "";
    umask(0);
    assert_int_equal(store_open(&f->s, f->path, err, sizeof err), STORE_OK);
    assert_non_null(f->s);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    /* The write-ahead log holds the same health information. */
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    assert_int_equal(stat(wal, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
}

static void test_open_tightens_an_empty_precreated_file(void **state)
{
    struct fx *f = *state;
    char err[256] = "";
    write_file(f->path, "", 0);
    assert_int_equal(chmod(f->path, 0644), 0);
    assert_int_equal(store_open(&f->s, f->path, err, sizeof err), STORE_OK);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
}

static void test_open_wal_fk_schema(void **state)
{
    struct fx *f = *state;
    char buf[64];
    assert_string_equal(q_text(db2(f), buf, sizeof buf, "PRAGMA journal_mode"), "wal");
    assert_int_equal(q_int(db2(f), "PRAGMA user_version"), store_schema_latest());
    assert_int_equal(store_schema_version(f->s), store_schema_latest());
    assert_true(store_schema_latest() >= 1);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                   " AND name IN ('clients','specialists','checkins','messages',"
                                   "'moods','escalations','audit')"),
                     7);
    assert_int_equal(store_ping(f->s), STORE_OK);

    /* foreign_keys is per connection, so look at its effect: a client whose
     * specialist does not exist, a check-in of no client, are refused. */
    struct store_client c;
    memset(&c, 0, sizeof c);
    snprintf(c.alias, sizeof c.alias, "amy");
    snprintf(c.phone, sizeof c.phone, "+15550000001");
    snprintf(c.tz, sizeof c.tz, "UTC");
    snprintf(c.schedule, sizeof c.schedule, "daily");
    c.specialist_id = 999;
    assert_int_equal(store_client_insert(f->s, &c), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "FOREIGN KEY"));
    assert_int_equal(store_checkin_insert(f->s, 4242, 10, 20, NULL), STORE_ERR);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 0);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM checkins"), 0);
}

static void test_reopen_keeps_data_and_does_not_migrate_again(void **state)
{
    struct fx *f = *state;
    char err[256] = "";
    int64_t id = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t objects = q_int(db2(f), "SELECT count(*) FROM sqlite_schema");
    store_close(f->s);
    f->s = NULL;
    /* Running migration 1 again would fail ("table ... already exists"). */
    assert_int_equal(store_open(&f->s, f->path, err, sizeof err), STORE_OK);
    assert_int_equal(store_schema_version(f->s), store_schema_latest());
    struct store_client c;
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_OK);
    assert_int_equal(c.id, id);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM sqlite_schema"), objects);
    /* And a third time, with the second connection still open. */
    store_close(f->s);
    f->s = NULL;
    assert_int_equal(store_open(&f->s, f->path, err, sizeof err), STORE_OK);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_OK);
}

static void test_open_refuses_newer_schema(void **state)
{
    struct fx *f = *state;
    char err[256] = "";
    store_close(f->s);
    f->s = NULL;
    int newer = store_schema_latest() + 5;
    char q[64];
    snprintf(q, sizeof q, "PRAGMA user_version = %d", newer);
    exec2(db2(f), q);
    struct store *s = (struct store *)&s; /* must be reset to NULL */
    assert_int_equal(store_open(&s, f->path, err, sizeof err), STORE_ERR);
    assert_null(s);
    char want[32];
    snprintf(want, sizeof want, "version %d", newer);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "newer"));
    assert_non_null(strstr(err, f->path));
    /* Nothing was changed. */
    assert_int_equal(q_int(db2(f), "PRAGMA user_version"), newer);
}

static void test_open_missing_directory(void **state)
{
    struct fx *f = *state;
    char err[256] = "", path[192];
    snprintf(path, sizeof path, "%s/no/such/dir/gw.db", f->dir);
    struct store *s = (struct store *)&s;
    assert_true(store_open(&s, path, err, sizeof err) < 0);
    assert_null(s);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "No such file"));
    snprintf(path, sizeof path, "%s/no", f->dir);
    assert_false(file_exists(path));
}

static void test_open_directory_and_empty_path(void **state)
{
    struct fx *f = *state;
    char err[256] = "";
    struct store *s = NULL;
    assert_true(store_open(&s, f->dir, err, sizeof err) < 0);
    assert_null(s);
    assert_non_null(strstr(err, f->dir));
    err[0] = '\0';
    assert_true(store_open(&s, "", err, sizeof err) < 0);
    assert_null(s);
    assert_true(err[0] != '\0');
}

static void test_open_garbage_file(void **state)
{
    struct fx *f = *state;
    char err[256] = "";
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 131 + 7);
    memcpy(junk, "not a database, just bytes\n", 27);
    /* A page-sized file and a tiny one take different paths in SQLite. */
    size_t sizes[] = {sizeof junk, 27};
    for (size_t k = 0; k < 2; k++) {
        write_file(f->path, junk, sizes[k]);
        struct store *s = (struct store *)&s;
        err[0] = '\0';
        assert_int_equal(store_open(&s, f->path, err, sizeof err), STORE_ERR);
        assert_null(s);
        assert_non_null(strstr(err, f->path));
        assert_non_null(strstr(err, "not a database"));
        /* The file is left as it was: not truncated, not "repaired". */
        char back[4096];
        int fd = open(f->path, O_RDONLY);
        assert_true(fd >= 0);
        assert_int_equal(read(fd, back, sizeof back), (ssize_t)sizes[k]);
        close(fd);
        assert_memory_equal(back, junk, sizes[k]);
    }
}

/* Read-only: root ignores file modes, so the open runs in a child process
 * that has dropped to the "nobody" user (or, when the tests do not run as
 * root, simply in a child). The child cannot use cmocka's asserts; it exits
 * 0 when all held, or the number of the check that did not. */
static int read_only_child(const char *path)
{
    char err[256] = "";
    struct store *s = (struct store *)&s;
    int rc = store_open(&s, path, err, sizeof err);
    fprintf(stderr, "read-only open: rc %d: %s\n", rc, err);
    if (rc != STORE_READONLY) return 1;
    if (s != NULL) return 2;
    if (!strstr(err, path)) return 3;
    return 0;
}

static void test_open_read_only(void **state)
{
    struct fx *f = *state;
    char err[256] = "";
    assert_int_equal(store_open(&f->s, f->path, err, sizeof err), STORE_OK);
    add_client(f->s, "amy", "+15550000001", "", 0);
    store_close(f->s);
    f->s = NULL;
    if (geteuid() == 0) {
        assert_int_equal(chown(f->dir, 65534, 65534), 0);
        assert_int_equal(chown(f->path, 65534, 65534), 0);
    }
    /* A read-only file; then a writable file in a directory where the
     * -wal and -shm files cannot be created. */
    static const mode_t file_modes[] = {0400, 0600};
    for (size_t k = 0; k < 2; k++) {
        assert_int_equal(chmod(f->path, file_modes[k]), 0);
        assert_int_equal(chmod(f->dir, 0500), 0);
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (geteuid() == 0 &&
                (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
                _exit(77);
            _exit(read_only_child(f->path));
        }
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_int_equal(chmod(f->dir, 0700), 0);
        assert_true(WIFEXITED(status));
        if (WEXITSTATUS(status) == 77) skip(); /* could not drop privileges here */
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    /* The file is untouched and still opens for a writer. */
    assert_int_equal(chmod(f->path, 0600), 0);
    assert_int_equal(store_open(&f->s, f->path, err, sizeof err), STORE_OK);
    struct store_client c;
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_OK);
}

static void test_close_null(void **state)
{
    (void)state;
    store_close(NULL);
}

/* ---- specialists ----------------------------------------------------------------- */

static void test_specialists(void **state)
{
    struct fx *f = *state;
    struct store_specialist sp;
    int64_t id1 = 0, id1b = 0, id2 = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "Jordan", "+15551110001", 100, &id1),
                     STORE_OK);
    assert_true(id1 > 0);
    assert_int_equal(store_specialist_upsert(f->s, "sam", "Sam", "+15551110002", 100, &id2),
                     STORE_OK);
    assert_true(id2 != id1);
    /* Same key: same row, new name and phone. */
    assert_int_equal(
        store_specialist_upsert(f->s, "jordan", "Jordan R.", "+15551110009", 200, &id1b), STORE_OK);
    assert_int_equal(id1b, id1);
    assert_int_equal(
        store_specialist_upsert(f->s, "jordan", "Jordan R.", "+15551110009", 300, NULL), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM specialists"), 2);

    assert_int_equal(store_specialist_by_key(f->s, "jordan", &sp), STORE_OK);
    assert_int_equal(sp.id, id1);
    assert_string_equal(sp.key, "jordan");
    assert_string_equal(sp.name, "Jordan R.");
    assert_string_equal(sp.phone, "+15551110009");

    assert_int_equal(store_specialist_by_phone(f->s, "+15551110002", &sp), STORE_OK);
    assert_int_equal(sp.id, id2);
    assert_string_equal(sp.key, "sam");
    assert_int_equal(store_specialist_get(f->s, id2, &sp), STORE_OK);
    assert_string_equal(sp.name, "Sam");
    assert_string_equal(sp.phone, "+15551110002");

    /* The old phone no longer finds anyone. */
    assert_int_equal(store_specialist_by_phone(f->s, "+15551110001", &sp), STORE_NOTFOUND);
    assert_int_equal(store_specialist_by_key(f->s, "nobody", &sp), STORE_NOTFOUND);
    assert_int_equal(store_specialist_get(f->s, id2 + 100, &sp), STORE_NOTFOUND);
}

/* ---- clients ---------------------------------------------------------------------- */

static void test_client_insert_and_lookups(void **state)
{
    struct fx *f = *state;
    int64_t sp = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "Jordan", "+15551110001", 1, &sp),
                     STORE_OK);
    struct store_client c, got;
    memset(&c, 0, sizeof c);
    snprintf(c.alias, sizeof c.alias, "amy");
    snprintf(c.name, sizeof c.name, "Amy Q");
    snprintf(c.phone, sizeof c.phone, "+15550000001");
    snprintf(c.tz, sizeof c.tz, "America/New_York");
    snprintf(c.schedule, sizeof c.schedule, "mornings");
    c.specialist_id = sp;
    c.next_due_at = 5000;
    c.created_at = 1234;
    assert_int_equal(store_client_insert(f->s, &c), STORE_OK);
    assert_true(c.id > 0);

    assert_int_equal(store_client_get(f->s, c.id, &got), STORE_OK);
    assert_int_equal(got.id, c.id);
    assert_string_equal(got.alias, "amy");
    assert_string_equal(got.name, "Amy Q");
    assert_string_equal(got.phone, "+15550000001");
    assert_string_equal(got.tz, "America/New_York");
    assert_string_equal(got.schedule, "mornings");
    assert_string_equal(got.lang, "en");      /* default */
    assert_string_equal(client_state_name(got.state), "active"); /* default */
    assert_int_equal(got.specialist_id, sp);
    assert_int_equal(got.next_due_at, 5000);
    assert_int_equal(got.created_at, 1234);
    assert_int_equal(got.opted_out_at, 0);

    memset(&got, 0, sizeof got);
    assert_int_equal(store_client_by_alias(f->s, "amy", &got), STORE_OK);
    assert_int_equal(got.id, c.id);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_client_by_phone(f->s, "+15550000001", &got), STORE_OK);
    assert_int_equal(got.id, c.id);
    assert_string_equal(got.alias, "amy");

    /* Language and "no specialist" round trip. */
    struct store_client d;
    memset(&d, 0, sizeof d);
    snprintf(d.alias, sizeof d.alias, "bea");
    snprintf(d.phone, sizeof d.phone, "+15550000002");
    snprintf(d.tz, sizeof d.tz, "UTC");
    snprintf(d.schedule, sizeof d.schedule, "daily");
    snprintf(d.lang, sizeof d.lang, "es");
    assert_int_equal(store_client_insert(f->s, &d), STORE_OK);
    assert_int_equal(store_client_get(f->s, d.id, &got), STORE_OK);
    assert_string_equal(got.lang, "es");
    assert_int_equal(got.specialist_id, 0);
    assert_int_equal(got.next_due_at, 0);

    assert_int_equal(store_client_get(f->s, d.id + 100, &got), STORE_NOTFOUND);
    assert_int_equal(store_client_by_alias(f->s, "nobody", &got), STORE_NOTFOUND);
    assert_int_equal(store_client_by_phone(f->s, "+15559999999", &got), STORE_NOTFOUND);
}

static void test_client_duplicates(void **state)
{
    struct fx *f = *state;
    add_client(f->s, "amy", "+15550000001", "", 0);
    struct store_client c;
    memset(&c, 0, sizeof c);
    snprintf(c.tz, sizeof c.tz, "UTC");
    snprintf(c.schedule, sizeof c.schedule, "daily");

    snprintf(c.alias, sizeof c.alias, "amy"); /* alias taken */
    snprintf(c.phone, sizeof c.phone, "+15550000009");
    assert_int_equal(store_client_insert(f->s, &c), STORE_EXISTS);
    assert_true(store_errmsg(f->s)[0] != '\0');

    snprintf(c.alias, sizeof c.alias, "amy2"); /* phone taken */
    snprintf(c.phone, sizeof c.phone, "+15550000001");
    assert_int_equal(store_client_insert(f->s, &c), STORE_EXISTS);

    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 1);

    /* A state outside the three is refused by the schema, not stored. */
    snprintf(c.alias, sizeof c.alias, "cat");
    snprintf(c.phone, sizeof c.phone, "+15550000003");
    c.state = (enum client_state)99; /* named "?" */
    assert_int_equal(store_client_insert(f->s, &c), STORE_ERR);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 1);
}

static void test_client_state_and_next_due(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    int64_t id = add_client(f->s, "amy", "+15550000001", "", 100);

    assert_int_equal(store_client_set_state(f->s, id, CLIENT_PAUSED, 500), STORE_OK);
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    assert_string_equal(client_state_name(c.state), "paused");
    assert_int_equal(c.opted_out_at, 0);

    assert_int_equal(store_client_set_state(f->s, id, CLIENT_OPTED_OUT, 777), STORE_OK);
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    assert_string_equal(client_state_name(c.state), "opted_out");
    assert_int_equal(c.opted_out_at, 777);

    /* Re-activation keeps the record of when they opted out. */
    assert_int_equal(store_client_set_state(f->s, id, CLIENT_ACTIVE, 900), STORE_OK);
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    assert_string_equal(client_state_name(c.state), "active");
    assert_int_equal(c.opted_out_at, 777);

    /* An unknown state is refused and changes nothing. */
    assert_int_equal(store_client_set_state(f->s, id, (enum client_state)99, 950), STORE_ERR);
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    assert_string_equal(client_state_name(c.state), "active");

    assert_int_equal(store_client_set_next_due(f->s, id, 4242), STORE_OK);
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    assert_int_equal(c.next_due_at, 4242);
    assert_int_equal(store_client_set_next_due(f->s, id, 0), STORE_OK);
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    assert_int_equal(c.next_due_at, 0);
    assert_int_equal(
        q_int(db2(f), "SELECT next_due_at IS NULL FROM clients WHERE id = %lld", (long long)id), 1);

    /* The scheduler's plan write: the three plan columns, nothing else. */
    assert_int_equal(store_client_set_plan(f->s, id, 5000, 4900, 4950), STORE_OK);
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    assert_int_equal(c.next_due_at, 5000);
    assert_int_equal(c.next_slot_at, 4900);
    assert_int_equal(c.oneoff_at, 4950);
    assert_string_equal(client_state_name(c.state), "active");
    assert_int_equal(c.opted_out_at, 777);
    assert_int_equal(store_client_set_plan(f->s, id, 6000, 6000, 0), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT oneoff_at IS NULL FROM clients WHERE id = %lld", (long long)id), 1);
    assert_int_equal(store_client_set_plan(f->s, id + 1000, 1, 1, 0), STORE_NOTFOUND);
}

/* A saved client state this build does not know (a newer version wrote
 * it, or the file was edited) is refused with a clear message, never read
 * as another state; the walks stop at it too. */
static void test_client_unknown_saved_state(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    int64_t id = add_client(f->s, "amy", "+15550000001", "", 100);
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;"
                  "UPDATE clients SET state = 'frozen';");
    assert_int_equal(store_client_get(f->s, id, &c), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown client_state \"frozen\""));
    struct seen v = {0};
    assert_int_equal(store_clients_each(f->s, seen_client, &v), STORE_ERR);
    assert_int_equal(v.n, 0);
}

static void test_clients_each_order_and_stop(void **state)
{
    struct fx *f = *state;
    add_client(f->s, "carl", "+15550000003", "", 0);
    add_client(f->s, "amy", "+15550000001", "opted_out", 0);
    add_client(f->s, "bob", "+15550000002", "paused", 0);
    struct seen v = {0};
    assert_int_equal(store_clients_each(f->s, seen_client, &v), STORE_OK);
    assert_int_equal(v.n, 3);
    assert_string_equal(v.alias[0], "amy");
    assert_string_equal(v.alias[1], "bob");
    assert_string_equal(v.alias[2], "carl");

    struct seen w = {.stop_after = 2};
    assert_int_equal(store_clients_each(f->s, seen_client, &w), 7);
    assert_int_equal(w.n, 2);
    /* The statement was reset: a new walk starts from the top. */
    struct seen x = {0};
    assert_int_equal(store_clients_each(f->s, seen_client, &x), STORE_OK);
    assert_int_equal(x.n, 3);
    assert_string_equal(x.alias[0], "amy");
}

static void test_clients_due_and_next_due(void **state)
{
    struct fx *f = *state;
    int64_t t;
    struct seen v = {0};

    assert_int_equal(store_next_due(f->s, &t), STORE_NOTFOUND);
    assert_int_equal(store_clients_due(f->s, 1000, 10, seen_client, &v), STORE_OK);
    assert_int_equal(v.n, 0);

    add_client(f->s, "off", "+15550000005", "opted_out", 10);
    add_client(f->s, "zero", "+15550000006", "", 0);
    assert_int_equal(store_next_due(f->s, &t), STORE_NOTFOUND);

    add_client(f->s, "a", "+15550000001", "", 100);
    add_client(f->s, "b", "+15550000002", "", 50);
    add_client(f->s, "c", "+15550000003", "", 200);
    add_client(f->s, "p", "+15550000004", "paused", 20);
    add_client(f->s, "e", "+15550000007", "", 150); /* exactly now: due */

    assert_int_equal(store_next_due(f->s, &t), STORE_OK);
    assert_int_equal(t, 50);

    assert_int_equal(store_clients_due(f->s, 150, 10, seen_client, &v), STORE_OK);
    assert_int_equal(v.n, 3);
    assert_string_equal(v.alias[0], "b");
    assert_string_equal(v.alias[1], "a");
    assert_string_equal(v.alias[2], "e");
    assert_int_equal(v.t[0], 50);
    assert_int_equal(v.t[2], 150);

    struct seen w = {0};
    assert_int_equal(store_clients_due(f->s, 150, 2, seen_client, &w), STORE_OK);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.alias[0], "b");
    assert_string_equal(w.alias[1], "a");

    struct seen y = {0};
    assert_int_equal(store_clients_due(f->s, 49, 10, seen_client, &y), STORE_OK);
    assert_int_equal(y.n, 0);

    /* A client who opts out leaves the schedule. */
    struct store_client c;
    assert_int_equal(store_client_by_alias(f->s, "b", &c), STORE_OK);
    assert_int_equal(store_client_set_state(f->s, c.id, CLIENT_OPTED_OUT, 60), STORE_OK);
    assert_int_equal(store_next_due(f->s, &t), STORE_OK);
    assert_int_equal(t, 100);
    struct seen z = {0};
    assert_int_equal(store_clients_due(f->s, 150, 10, seen_client, &z), STORE_OK);
    assert_int_equal(z.n, 2);
    assert_string_equal(z.alias[0], "a");
}

/* ---- schedules: update, pauses, reminders, missed in a row ------------------------------ */

static int count_cb(void *ctx, const struct store_client *c)
{
    (void)c;
    (*(int *)ctx)++;
    return 0;
}

struct seen_checkins {
    int n;
    int64_t id[8];
};

static int seen_checkin(void *ctx, const struct store_checkin *k)
{
    struct seen_checkins *v = ctx;
    v->id[v->n++] = k->id;
    return 0;
}

/* A saved check-in state this build does not know is refused, not read as
 * pending, answered or missed. */
static void test_checkin_unknown_saved_state(void **state)
{
    struct fx *f = *state;
    int64_t c = add_client(f->s, "amy", "+15550000001", "", 100);
    int64_t k;
    assert_int_equal(store_checkin_insert(f->s, c, 100, 200, &k), STORE_OK);
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;"
                  "UPDATE checkins SET state = 'late';");
    struct seen_checkins v = {0};
    assert_int_equal(store_checkins_for_client(f->s, c, 0, seen_checkin, &v), STORE_ERR);
    assert_int_equal(v.n, 0);
    assert_non_null(strstr(store_errmsg(f->s), "unknown checkin_state \"late\""));
}

static void test_schedule_columns(void **state)
{
    struct fx *f = *state;
    int64_t a = add_client(f->s, "a", "+15550000001", "", 100);
    int64_t b = add_client(f->s, "b", "+15550000002", "", 200);
    struct store_client c;

    /* insert copies next_due_at into next_slot_at when no slot is given */
    assert_int_equal(store_client_get(f->s, a, &c), STORE_OK);
    assert_int_equal(c.next_slot_at, 100);
    assert_int_equal(c.oneoff_at, 0);
    assert_int_equal(c.paused_until, 0);

    /* update writes every scheduling column and keeps the rest */
    snprintf(c.schedule, sizeof c.schedule, "evening");
    snprintf(c.tz, sizeof c.tz, "Europe/London");
    snprintf(c.lang, sizeof c.lang, "es");
    c.next_slot_at = 500;
    c.oneoff_at = 300;
    c.next_due_at = 300;
    assert_int_equal(store_client_update(f->s, &c), STORE_OK);
    struct store_client got;
    assert_int_equal(store_client_get(f->s, a, &got), STORE_OK);
    assert_string_equal(got.schedule, "evening");
    assert_string_equal(got.tz, "Europe/London");
    assert_string_equal(got.lang, "es");
    assert_string_equal(got.phone, "+15550000001");
    assert_int_equal(got.next_slot_at, 500);
    assert_int_equal(got.oneoff_at, 300);
    assert_int_equal(got.next_due_at, 300);
    got.id = 99999;
    assert_int_equal(store_client_update(f->s, &got), STORE_NOTFOUND);

    /* a pause with an end wakes the timer through store_next_pause_end */
    int64_t t;
    assert_int_equal(store_next_pause_end(f->s, &t), STORE_NOTFOUND);
    assert_int_equal(store_client_get(f->s, b, &c), STORE_OK);
    c.state = CLIENT_PAUSED;
    c.paused_until = 5000;
    c.next_due_at = c.next_slot_at = 0;
    assert_int_equal(store_client_update(f->s, &c), STORE_OK);
    assert_int_equal(store_next_pause_end(f->s, &t), STORE_OK);
    assert_int_equal(t, 5000);
    int n = 0;
    assert_int_equal(store_pauses_ended(f->s, 4999, 10, count_cb, &n), STORE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_pauses_ended(f->s, 5000, 10, count_cb, &n), STORE_OK);
    assert_int_equal(n, 1);
    /* a paused client is never due */
    assert_int_equal(store_next_due(f->s, &t), STORE_OK);
    assert_int_equal(t, 300);

    /* batches by id */
    n = 0;
    assert_int_equal(store_clients_after(f->s, 0, 1, count_cb, &n), STORE_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(store_clients_after(f->s, a, 10, count_cb, &n), STORE_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(store_clients_after(f->s, b, 10, count_cb, &n), STORE_OK);
    assert_int_equal(n, 0);
}

static void test_reminders_and_missed_in_row(void **state)
{
    struct fx *f = *state;
    int64_t a = add_client(f->s, "a", "+15550000001", "", 100);
    int64_t k1, k2, k3, k4, t, missed;

    assert_int_equal(store_next_reminder(f->s, &t), STORE_NOTFOUND);
    assert_int_equal(store_next_window_end(f->s, &t), STORE_NOTFOUND);
    assert_int_equal(store_checkins_missed_in_row(f->s, a, &missed), STORE_OK);
    assert_int_equal(missed, 0);

    assert_int_equal(store_checkin_insert(f->s, a, 100, 200, &k1), STORE_OK);
    assert_int_equal(store_checkin_set_remind(f->s, k1, 150), STORE_OK);
    assert_int_equal(store_next_reminder(f->s, &t), STORE_OK);
    assert_int_equal(t, 150);
    assert_int_equal(store_next_window_end(f->s, &t), STORE_OK);
    assert_int_equal(t, 200);
    struct seen_checkins v = {0};
    assert_int_equal(store_reminders_due(f->s, 149, 8, seen_checkin, &v), STORE_OK);
    assert_int_equal(v.n, 0);
    assert_int_equal(store_reminders_due(f->s, 150, 8, seen_checkin, &v), STORE_OK);
    assert_int_equal(v.n, 1);
    assert_int_equal(v.id[0], k1);
    /* at most one reminder */
    assert_int_equal(store_checkin_reminded(f->s, k1, 150), STORE_OK);
    struct seen_checkins w = {0};
    assert_int_equal(store_reminders_due(f->s, 1000, 8, seen_checkin, &w), STORE_OK);
    assert_int_equal(w.n, 0);
    /* an answered check-in gets no reminder */
    /* the reminder set in the INSERT itself (the scheduler's way) */
    assert_int_equal(store_checkin_insert_remind(f->s, a, 300, 400, 350, &k2), STORE_OK);
    assert_int_equal(store_next_reminder(f->s, &t), STORE_OK);
    assert_int_equal(t, 350);
    assert_int_equal(store_checkin_answer(f->s, k2, 320), STORE_OK);
    assert_int_equal(store_reminders_due(f->s, 1000, 8, seen_checkin, &w), STORE_OK);
    assert_int_equal(w.n, 0);
    assert_int_equal(store_next_reminder(f->s, &t), STORE_NOTFOUND);

    /* k1 missed (before the answer), then two missed after it */
    assert_int_equal(store_checkin_insert(f->s, a, 500, 600, &k3), STORE_OK);
    assert_int_equal(store_checkin_insert(f->s, a, 700, 800, &k4), STORE_OK);
    assert_int_equal(store_checkins_expire(f->s, 650), 2); /* k1, k3 */
    assert_int_equal(store_checkins_missed_in_row(f->s, a, &missed), STORE_OK);
    assert_int_equal(missed, 1); /* k4 is still pending */
    assert_int_equal(store_next_window_end(f->s, &t), STORE_OK);
    assert_int_equal(t, 800);
    assert_int_equal(store_checkins_expire(f->s, 801), 1);
    assert_int_equal(store_checkins_missed_in_row(f->s, a, &missed), STORE_OK);
    assert_int_equal(missed, 2);
    assert_int_equal(store_next_window_end(f->s, &t), STORE_NOTFOUND);
    int64_t other = add_client(f->s, "b", "+15550000002", "", 100);
    assert_int_equal(store_checkins_missed_in_row(f->s, other, &missed), STORE_OK);
    assert_int_equal(missed, 0);
}

/* ---- check-ins ------------------------------------------------------------------------ */

static void test_checkins(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t c2 = add_client(f->s, "bob", "+15550000002", "", 0);
    int64_t k1, k2, k3, k4, got;
    assert_int_equal(store_checkin_insert(f->s, c1, 100, 200, &k1), STORE_OK);
    assert_int_equal(store_checkin_insert(f->s, c1, 300, 400, &k2), STORE_OK);
    assert_int_equal(store_checkin_insert(f->s, c2, 100, 1000, &k4), STORE_OK);
    assert_true(k1 > 0 && k2 > k1 && k4 > k2);

    assert_int_equal(store_checkin_open(f->s, c1, 150, &got), STORE_OK);
    assert_int_equal(got, k1);
    assert_int_equal(store_checkin_open(f->s, c1, 200, &got), STORE_OK); /* last second */
    assert_int_equal(got, k1);
    assert_int_equal(store_checkin_open(f->s, c1, 250, &got), STORE_NOTFOUND); /* ended */
    assert_int_equal(store_checkin_open(f->s, c1, 99, &got), STORE_NOTFOUND);  /* not yet */
    assert_int_equal(store_checkin_open(f->s, c1, 350, &got), STORE_OK);
    assert_int_equal(got, k2);

    /* Overlapping windows: the newest one. */
    assert_int_equal(store_checkin_insert(f->s, c1, 320, 500, &k3), STORE_OK);
    assert_int_equal(store_checkin_open(f->s, c1, 350, &got), STORE_OK);
    assert_int_equal(got, k3);

    /* Answered: no longer open; answering twice keeps the first time. */
    assert_int_equal(store_checkin_answer(f->s, k3, 360), STORE_OK);
    assert_int_equal(store_checkin_answer(f->s, k3, 370), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT answered_at FROM checkins WHERE id = %lld", (long long)k3), 360);
    assert_int_equal(store_checkin_open(f->s, c1, 350, &got), STORE_OK);
    assert_int_equal(got, k2);
    assert_int_equal(store_checkin_open(f->s, c1, 450, &got), STORE_NOTFOUND);

    /* Another client's check-in is not this client's. */
    assert_int_equal(store_checkin_open(f->s, c2, 150, &got), STORE_OK);
    assert_int_equal(got, k4);

    /* Expire at 450: k1 (200) and k2 (400) ended; k3 answered; k4 open. */
    assert_int_equal(store_checkins_expire(f->s, 450), 2);
    char buf[32];
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM checkins WHERE id = %lld", (long long)k1),
                        "missed");
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM checkins WHERE id = %lld", (long long)k2),
                        "missed");
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM checkins WHERE id = %lld", (long long)k3),
                        "answered");
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM checkins WHERE id = %lld", (long long)k4),
                        "pending");
    assert_int_equal(store_checkins_expire(f->s, 450), 0);
    /* A missed check-in is not open even inside its old window. */
    assert_int_equal(store_checkin_open(f->s, c1, 150, &got), STORE_NOTFOUND);
    /* window_end == now is still open, so not expired. */
    assert_int_equal(store_checkins_expire(f->s, 1000), 0);
    assert_int_equal(store_checkins_expire(f->s, 1001), 1);
}

/* ---- inbound ------------------------------------------------------------------------------ */

static void test_inbound_dedup(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t id1 = inbound(f->s, "spool", "GSM1.abc", c1, 100);

    struct store_inbound m = {
        .provider = "spool",
        .ext_id = "GSM1.abc",
        .from = "+15550000001",
        .body = "8",
        .body_len = 1,
        .client_id = c1,
    };
    int64_t id2 = -1;
    assert_int_equal(store_inbound_insert(f->s, &m, 101, &id2), STORE_EXISTS);
    assert_int_equal(id2, -1);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), 1);
    char buf[32];
    assert_string_equal(q_text(db2(f), buf, sizeof buf, "SELECT body FROM messages"), "7");

    /* The same id from another provider is another message. */
    m.provider = "twilio";
    assert_int_equal(store_inbound_insert(f->s, &m, 102, &id2), STORE_OK);
    assert_true(id2 > id1);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), 2);

    /* State, direction, times: received_at given, else now. */
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT direction || '/' || state FROM messages WHERE id = %lld",
                               (long long)id1),
                        "in/received");
    assert_int_equal(
        q_int(db2(f), "SELECT created_at FROM messages WHERE id = %lld", (long long)id2), 102);
    m.ext_id = "other";
    m.received_at = 90;
    assert_int_equal(store_inbound_insert(f->s, &m, 103, &id2), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT created_at FROM messages WHERE id = %lld", (long long)id2), 90);
    /* Not a client: client_id NULL, not 0 (it references clients). */
    m.ext_id = "stranger";
    m.client_id = 0;
    assert_int_equal(store_inbound_insert(f->s, &m, 104, &id2), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT client_id IS NULL FROM messages WHERE id = %lld", (long long)id2), 1);
}

/* A provider that gives no message id must not have every later message
 * taken for a duplicate of its first one (that would drop replies). */
static void test_inbound_without_ext_id_is_never_a_duplicate(void **state)
{
    struct fx *f = *state;
    struct store_inbound m = {
        .provider = "modem",
        .ext_id = NULL,
        .from = "+15550000001",
        .body = "I want to die",
        .body_len = 13,
    };
    assert_int_equal(store_inbound_insert(f->s, &m, 100, NULL), STORE_OK);
    assert_int_equal(store_inbound_insert(f->s, &m, 101, NULL), STORE_OK);
    m.ext_id = "";
    assert_int_equal(store_inbound_insert(f->s, &m, 102, NULL), STORE_OK);
    assert_int_equal(store_inbound_insert(f->s, &m, 103, NULL), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages WHERE provider = 'modem'"), 4);
}

static void test_inbound_body_byte_for_byte(void **state)
{
    struct fx *f = *state;
    static const char body[] = "ok\xff\xfe\0tail\xc3"; /* invalid UTF-8, a NUL, a cut sequence */
    const size_t len = sizeof body - 1;                /* 10 bytes */
    struct store_inbound m = {
        .provider = "spool",
        .ext_id = "x1",
        .from = "+15550000001",
        .body = body,
        .body_len = len,
    };
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(f->s, &m, 100, &id), STORE_OK);

    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db2(f), "SELECT body FROM messages WHERE id = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(st, 1, id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const void *got = sqlite3_column_blob(st, 0);
    int n = sqlite3_column_bytes(st, 0);
    assert_int_equal(n, (int)len);
    assert_memory_equal(got, body, len);
    sqlite3_finalize(st);

    /* An empty body (and a NULL one) is stored as "", not refused. */
    m.ext_id = "x2";
    m.body = NULL;
    m.body_len = 0;
    assert_int_equal(store_inbound_insert(f->s, &m, 101, &id), STORE_OK);
    assert_int_equal(
        q_int(db2(f), "SELECT length(body) FROM messages WHERE id = %lld", (long long)id), 0);
}

/* ---- outbox ---------------------------------------------------------------------------------- */

static void test_outbox_claim_order_and_states(void **state)
{
    struct fx *f = *state;
    int64_t cl = add_client(f->s, "amy", "+15550000001", "", 0);
    struct store_outbound m = {
        .to = "+15550000001",
        .body = "How are you today, 1-10?",
        .kind = MSG_KIND_CHECKIN,
        .priority = MSG_PRIO_NORMAL,
        .client_id = cl,
        .expires_at = 9999,
        .queued_ms = 100123, /* 123 ms into second 100 */
    };
    int64_t n1, n2, u1, u2, fut;
    assert_int_equal(store_outbound_queue(f->s, &m, 100, &n1), STORE_OK);
    n2 = queue(f->s, "normal 2", MSG_PRIO_NORMAL, 101);
    u1 = queue(f->s, "urgent 1", MSG_PRIO_URGENT, 102);
    u2 = queue(f->s, "urgent 2", MSG_PRIO_URGENT, 103);
    fut = queue(f->s, "later", MSG_PRIO_URGENT, 500); /* due at 500 */

    int64_t q, s, fl;
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 5);
    assert_int_equal(s, 0);
    assert_int_equal(fl, 0);
    int64_t t;
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_OK);
    assert_int_equal(t, 100);

    struct store_msg out[8];
    assert_int_equal(store_outbox_claim(f->s, 99, INT_MIN, INT_MAX, out, 8), 0); /* nothing due yet */
    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 0), 0);

    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 2), 2);
    assert_int_equal(out[0].id, u1);
    assert_int_equal(out[1].id, u2);
    assert_int_equal(out[0].priority, MSG_PRIO_URGENT);
    assert_int_equal(out[0].attempts, 1);
    assert_string_equal(out[0].body, "urgent 1");

    memset(out, 0x5a, sizeof out);
    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 8), 2); /* fut is not due */
    assert_int_equal(out[0].id, n1);
    assert_int_equal(out[1].id, n2);
    assert_string_equal(out[0].to, "+15550000001");
    assert_string_equal(out[0].body, "How are you today, 1-10?");
    assert_string_equal(msg_kind_name(out[0].kind), msg_kind_name(MSG_KIND_CHECKIN));
    assert_int_equal(out[0].priority, MSG_PRIO_NORMAL);
    assert_int_equal(out[0].attempts, 1);
    assert_int_equal(out[0].client_id, cl);
    assert_int_equal(out[0].expires_at, 9999);
    assert_string_equal(out[0].provider, "");
    assert_int_equal(out[1].client_id, 0);
    assert_int_equal(out[1].expires_at, 0);
    /* The queue time in milliseconds: as given, or the second it was queued. */
    assert_int_equal(out[0].queued_ms, 100123);
    assert_int_equal(out[0].created_at, 100);
    assert_int_equal(out[1].queued_ms, 101000);

    assert_int_equal(store_outbox_claim(f->s, 200, INT_MIN, INT_MAX, out, 8), 0); /* all taken */
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 1);
    assert_int_equal(s, 4);
    char buf[32];
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM messages WHERE id = %lld", (long long)u1),
                        "sending");
    assert_int_equal(q_int(db2(f), "SELECT attempts FROM messages WHERE id = %lld", (long long)n1),
                     1);
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_OK);
    assert_int_equal(t, 500);

    /* Retry: back in the queue at 400, with the provider remembered. */
    assert_int_equal(store_msg_retry(f->s, n1, "spool", "modem busy", 400, 201), STORE_OK);
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_OK);
    assert_int_equal(t, 400);
    assert_int_equal(store_outbox_claim(f->s, 399, INT_MIN, INT_MAX, out, 8), 0);
    assert_int_equal(store_outbox_claim(f->s, 400, INT_MIN, INT_MAX, out, 8), 1);
    assert_int_equal(out[0].id, n1);
    assert_int_equal(out[0].attempts, 2);
    assert_string_equal(out[0].provider, "spool");
    assert_int_equal(q_int(db2(f), "SELECT attempts FROM messages WHERE id = %lld", (long long)n1),
                     2);

    /* Final states. */
    assert_int_equal(store_msg_sent(f->s, n1, "twilio", "SM123", 410), STORE_OK);
    assert_int_equal(store_msg_failed(f->s, n2, "spool", "no route", 411), STORE_OK);
    assert_int_equal(store_msg_expired(f->s, u1, 412), STORE_OK);
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state || '/' || provider || '/' || provider_msg_id"
                               " FROM messages WHERE id = %lld",
                               (long long)n1),
                        "sent/twilio/SM123");
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state || '/' || last_error FROM messages WHERE id = %lld",
                               (long long)n2),
                        "failed/no route");
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT state FROM messages WHERE id = %lld", (long long)u1),
                        "expired");
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 1);  /* fut */
    assert_int_equal(s, 1);  /* u2 */
    assert_int_equal(fl, 1); /* n2 */
    /* Inbound messages are not counted. */
    inbound(f->s, "spool", "in1", 0, 420);
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q + s + fl, 3);

    /* After a crash: u2 was left in "sending". */
    assert_int_equal(store_outbox_recover(f->s, 600), 1);
    assert_int_equal(store_outbox_recover(f->s, 601), 0);
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 2);
    assert_int_equal(s, 0);
    assert_int_equal(store_outbox_claim(f->s, 600, INT_MIN, INT_MAX, out, 8), 2);
    assert_int_equal(out[0].id, fut); /* due at 500, before u2's 600 */
    assert_int_equal(out[1].id, u2);
    assert_int_equal(out[1].attempts, 2);
    assert_int_equal(store_outbox_next(f->s, INT_MIN, INT_MAX, &t), STORE_NOTFOUND);
}

static void test_outbox_claim_in_callers_transaction(void **state)
{
    struct fx *f = *state;
    int64_t id = queue(f->s, "hello", MSG_PRIO_NORMAL, 100);
    struct store_msg out[2];
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 2), 1);
    assert_int_equal(out[0].id, id);
    store_rollback(f->s);
    /* The claim was part of the rolled back transaction. */
    int64_t q, s, fl;
    assert_int_equal(store_outbox_counts(f->s, &q, &s, &fl), STORE_OK);
    assert_int_equal(q, 1);
    assert_int_equal(s, 0);
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 2), 1);
    assert_int_equal(out[0].attempts, 1);
}

static void test_outbox_long_body_truncated_safely(void **state)
{
    struct fx *f = *state;
    char *body = malloc(3000);
    assert_non_null(body);
    memset(body, 'x', 2999);
    body[2999] = '\0';
    queue(f->s, body, MSG_PRIO_NORMAL, 100);
    free(body);
    struct store_msg out[1];
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 1), 1);
    assert_int_equal(strlen(out[0].body), STORE_BODY_MAX - 1);
    /* The stored row is whole; only the copy is bounded. */
    assert_int_equal(q_int(db2(f), "SELECT length(body) FROM messages"), 2999);
}

/* ---- transactions ------------------------------------------------------------------------------
 */

static void test_transactions(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "amy", "+15550000001", "", 0);
    /* Not visible to another connection before the commit. */
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 0);
    store_rollback(f->s);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_NOTFOUND);

    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "amy", "+15550000001", "", 0);
    inbound(f->s, "spool", "m1", 0, 10);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 1);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), 1);

    /* Transactions do not nest; the misuse is reported, not ignored. */
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "within a transaction"));
    store_rollback(f->s);
    assert_int_equal(store_commit(f->s), STORE_ERR); /* none open */
    store_rollback(f->s);                            /* none open: a no-op */
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
}

/* The WAL is written at COMMIT; a file size limit (RLIMIT_FSIZE, with
 * SIGXFSZ ignored so the write fails with EFBIG) makes that write fail
 * without root tricks. The store must report the failure, end the
 * transaction, and keep working once the limit is lifted. */
static void limit_file_size(struct fx *f)
{
    char wal[160];
    struct stat st;
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    assert_int_equal(stat(wal, &st), 0);
    struct rlimit rl = f->old_fsize;
    rl.rlim_cur = (rlim_t)st.st_size;
    signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

static void unlimit_file_size(struct fx *f)
{
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &f->old_fsize), 0);
}

static void test_failed_commit(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    add_client(f->s, "amy", "+15550000001", "", 0);
    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "bob", "+15550000002", "", 0);
    limit_file_size(f);
    int rc = store_commit(f->s);
    unlimit_file_size(f);
    assert_true(rc < 0);
    assert_true(store_errmsg(f->s)[0] != '\0');
    /* Not committed, and no transaction left open. */
    assert_int_equal(store_client_by_alias(f->s, "bob", &c), STORE_NOTFOUND);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_OK);
    add_client(f->s, "bob", "+15550000002", "", 0);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM clients"), 2);
}

/* The same failure outside an explicit transaction: each store function
 * commits on its own and must report a commit that did not happen. */
static void test_failed_autocommit_is_reported(void **state)
{
    struct fx *f = *state;
    struct store_specialist sp;
    struct store_client c;
    int rc;

    limit_file_size(f);
    rc = store_specialist_upsert(f->s, "jordan", "Jordan", "+15551110001", 1, NULL);
    unlimit_file_size(f);
    if (rc == STORE_OK)
        assert_int_equal(store_specialist_by_key(f->s, "jordan", &sp), STORE_OK);
    else
        assert_int_equal(store_specialist_by_key(f->s, "jordan", &sp), STORE_NOTFOUND);
    assert_true(rc < 0);

    struct store_client n;
    memset(&n, 0, sizeof n);
    snprintf(n.alias, sizeof n.alias, "amy");
    snprintf(n.phone, sizeof n.phone, "+15550000001");
    snprintf(n.tz, sizeof n.tz, "UTC");
    snprintf(n.schedule, sizeof n.schedule, "daily");
    limit_file_size(f);
    rc = store_client_insert(f->s, &n);
    unlimit_file_size(f);
    assert_true(rc < 0);
    assert_int_equal(store_client_by_alias(f->s, "amy", &c), STORE_NOTFOUND);

    /* And all is well afterwards. */
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "Jordan", "+15551110001", 1, NULL),
                     STORE_OK);
    assert_int_equal(store_client_insert(f->s, &n), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM specialists"), 1);
}

/* ---- busy
 * ------------------------------------------------------------------------------------------ */

static void test_busy(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    int64_t id = add_client(f->s, "amy", "+15550000001", "", 0);
    queue(f->s, "hi", MSG_PRIO_NORMAL, 100);
    store_set_busy_timeout(f->s, 20);

    exec2(db2(f), "BEGIN IMMEDIATE");
    assert_int_equal(store_begin(f->s), STORE_BUSY);
    assert_non_null(strstr(store_errmsg(f->s), "locked"));
    /* A single write outside a transaction, and the outbox claim, too. */
    assert_int_equal(store_audit(f->s, 1, "operator", "client.pause", "amy", NULL), STORE_BUSY);
    struct store_msg out[1];
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 1), STORE_BUSY);
    /* Readers are not blocked by a writer in WAL mode. */
    assert_int_equal(store_client_get(f->s, id, &c), STORE_OK);
    exec2(db2(f), "COMMIT");

    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_outbox_claim(f->s, 100, INT_MIN, INT_MAX, out, 1), 1);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(store_audit(f->s, 1, "operator", "client.pause", "amy", NULL), STORE_OK);
}

/* ---- full
 * ------------------------------------------------------------------------------------------ */

static void test_full(void **state)
{
    struct fx *f = *state;
    int64_t cl = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t pages = q_int(db2(f), "PRAGMA page_count");
    assert_int_equal(store_limit_pages(f->s, (int)pages + 8), STORE_OK);

    static char body[3000];
    memset(body, 'z', sizeof body);
    struct store_inbound m = {
        .provider = "spool",
        .from = "+15550000001",
        .body = body,
        .body_len = sizeof body,
        .client_id = cl,
    };
    char ext[32];
    int rc = STORE_OK, i, stored = 0;
    for (i = 0; i < 200 && rc == STORE_OK; i++) {
        snprintf(ext, sizeof ext, "m%d", i);
        m.ext_id = ext;
        rc = store_inbound_insert(f->s, &m, 100 + i, NULL);
        if (rc == STORE_OK) stored++;
    }
    assert_int_equal(rc, STORE_FULL);
    assert_non_null(strstr(store_errmsg(f->s), "full"));
    assert_true(stored > 0);

    /* Reads still work. */
    struct store_client c;
    assert_int_equal(store_client_get(f->s, cl, &c), STORE_OK);
    assert_int_equal(store_ping(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), stored);

    /* In a transaction: the failure leaves it to be rolled back, and then
     * the store carries on. */
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_audit(f->s, 1, "gateway", "test", NULL, NULL), STORE_OK);
    snprintf(ext, sizeof ext, "tx");
    m.ext_id = ext;
    assert_int_equal(store_inbound_insert(f->s, &m, 500, NULL), STORE_FULL);
    store_rollback(f->s);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM audit"), 0);
    assert_int_equal(store_client_get(f->s, cl, &c), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_audit(f->s, 2, "gateway", "small", NULL, NULL), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM audit"), 1);

    /* Room again: the same message goes in. */
    assert_int_equal(store_limit_pages(f->s, 1 << 30), STORE_OK);
    assert_int_equal(store_inbound_insert(f->s, &m, 501, NULL), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages"), stored + 1);
}

/* ---- moods, escalations, history, audit
 * -------------------------------------------------------------- */

struct moods_seen {
    int n;
    struct store_mood m[8];
};

static int seen_mood(void *ctx, const struct store_mood *m)
{
    struct moods_seen *v = ctx;
    assert_true(v->n < 8);
    v->m[v->n++] = *m;
    return 0;
}

static void test_moods(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t c2 = add_client(f->s, "bob", "+15550000002", "", 0);
    int64_t msg = inbound(f->s, "spool", "a", c1, 100);
    int64_t ck = 0;
    assert_int_equal(store_checkin_insert(f->s, c1, 50, 500, &ck), STORE_OK);
    struct store_mood a = {.message_id = msg,
                           .checkin_id = ck,
                           .score = 7,
                           .scale_min = 1,
                           .scale_max = 10,
                           .norm = 66.7,
                           .recorded_at = 300};
    struct store_mood b = {
        .score = 2.5, .scale_min = 1, .scale_max = 5, .norm = 37.5, .recorded_at = 100};
    struct store_mood c = {
        .score = 9, .scale_min = 1, .scale_max = 10, .norm = 88.9, .recorded_at = 200};
    int64_t ida = 0, idb = 0;
    assert_int_equal(store_mood_insert(f->s, c1, &a, &ida), STORE_OK);
    assert_int_equal(store_mood_insert(f->s, c1, &b, &idb), STORE_OK);
    assert_int_equal(store_mood_insert(f->s, c2, &c, NULL), STORE_OK);
    assert_true(ida > 0 && idb > ida);

    struct moods_seen v = {0};
    assert_int_equal(store_moods_for_client(f->s, c1, seen_mood, &v), STORE_OK);
    assert_int_equal(v.n, 2);
    assert_int_equal(v.m[0].id, idb); /* oldest first */
    assert_int_equal(v.m[0].recorded_at, 100);
    assert_int_equal(v.m[0].message_id, 0);
    assert_int_equal(v.m[0].checkin_id, 0);
    assert_float_equal(v.m[0].score, 2.5, 1e-9);
    assert_int_equal(v.m[0].scale_max, 5);
    assert_int_equal(v.m[1].id, ida);
    assert_int_equal(v.m[1].message_id, msg);
    assert_int_equal(v.m[1].checkin_id, ck);
    assert_float_equal(v.m[1].norm, 66.7, 1e-9);
    assert_int_equal(v.m[1].scale_min, 1);

    /* A mood of no client, or of a message that does not exist, is refused. */
    assert_int_equal(store_mood_insert(f->s, 9999, &b, NULL), STORE_ERR);
    struct store_mood bad = b;
    bad.message_id = 9999;
    assert_int_equal(store_mood_insert(f->s, c1, &bad, NULL), STORE_ERR);
}

struct esc_seen {
    int n;
    struct store_escalation e[8];
    int stop_after;
};

static int seen_esc(void *ctx, const struct store_escalation *e)
{
    struct esc_seen *v = ctx;
    assert_true(v->n < 8);
    v->e[v->n++] = *e;
    return v->stop_after && v->n >= v->stop_after ? -99 : 0;
}

static int64_t add_esc(struct store *s, int64_t client, int64_t msg, int64_t sp, const char *sev,
                       int64_t at)
{
    struct store_escalation e = {
        .client_id = client, .message_id = msg, .specialist_id = sp, .created_at = at};
    assert_true(stored_severity_parse(sev, &e.severity));
    snprintf(e.reason, sizeof e.reason, "crisis language");
    assert_int_equal(store_escalation_insert(s, &e), STORE_OK);
    assert_true(e.id > 0);
    assert_string_equal(esc_state_name(e.state), "open");
    return e.id;
}

static void test_escalations(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t c2 = add_client(f->s, "bob", "+15550000002", "", 0);
    int64_t sp = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "J", "+15551110001", 1, &sp),
                     STORE_OK);
    int64_t msg = inbound(f->s, "spool", "a", c1, 100);
    int64_t e1 = add_esc(f->s, c1, msg, sp, "urgent", 100);
    int64_t e2 = add_esc(f->s, c2, 0, 0, "watch", 200);
    int64_t e3 = add_esc(f->s, c1, 0, sp, "high", 300);
    /* The store has no ACK call yet; ack e1 behind its back. */
    char q[128];
    snprintf(q, sizeof q, "UPDATE escalations SET state = 'acked', acked_at = 150 WHERE id = %lld",
             (long long)e1);
    exec2(db2(f), q);
    snprintf(q, sizeof q, "UPDATE escalations SET state = 'resolved' WHERE id = %lld",
             (long long)e2);
    exec2(db2(f), q);

    struct esc_seen v = {0};
    assert_int_equal(store_escalations_each(f->s, 0, false, seen_esc, &v), STORE_OK);
    assert_int_equal(v.n, 3);
    assert_int_equal(v.e[0].id, e3); /* newest first */
    assert_int_equal(v.e[1].id, e2);
    assert_int_equal(v.e[2].id, e1);
    assert_string_equal(esc_state_name(v.e[2].state), "acked");
    assert_int_equal(v.e[2].acked_at, 150);
    assert_int_equal(v.e[2].message_id, msg);
    assert_int_equal(v.e[2].specialist_id, sp);
    assert_string_equal(stored_severity_name(v.e[2].severity), "urgent");
    assert_string_equal(v.e[2].reason, "crisis language");
    assert_int_equal(v.e[2].created_at, 100);
    assert_int_equal(v.e[1].message_id, 0);
    assert_int_equal(v.e[1].specialist_id, 0);
    assert_int_equal(v.e[1].acked_at, 0);
    assert_int_equal(v.e[1].client_id, c2);

    struct esc_seen w = {0};
    assert_int_equal(store_escalations_each(f->s, c1, false, seen_esc, &w), STORE_OK);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.e[0].id, e3);
    assert_int_equal(w.e[1].id, e1);

    /* Open: not resolved, acknowledged or not (as STATUS lists them). */
    struct esc_seen x = {0};
    assert_int_equal(store_escalations_each(f->s, c1, true, seen_esc, &x), STORE_OK);
    assert_int_equal(x.n, 2);
    assert_int_equal(x.e[0].id, e3);
    assert_int_equal(x.e[1].id, e1);

    struct esc_seen y = {0};
    assert_int_equal(store_escalations_each(f->s, 0, true, seen_esc, &y), STORE_OK);
    assert_int_equal(y.n, 2);
    assert_int_equal(y.e[0].id, e3);
    assert_int_equal(y.e[1].id, e1); /* e2 is resolved */

    struct esc_seen z = {.stop_after = 1};
    assert_int_equal(store_escalations_each(f->s, 0, false, seen_esc, &z), -99);
    assert_int_equal(z.n, 1);

    /* Bad input: an unknown severity, a client that does not exist. */
    struct store_escalation bad = {.client_id = c1, .created_at = 1};
    bad.severity = (enum severity)99; /* named "?" */
    snprintf(bad.reason, sizeof bad.reason, "x");
    assert_int_equal(store_escalation_insert(f->s, &bad), STORE_ERR);
    bad.severity = SEV_HIGH;
    bad.client_id = 9999;
    assert_int_equal(store_escalation_insert(f->s, &bad), STORE_ERR);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM escalations"), 3);
}

/* ---- the escalation chain: re-alerts, ACK, re-arming, reminders ------------------ */

/* An escalation of number peer with its first re-alert at realert_at (0: none). */
static int64_t add_chain(struct store *s, int64_t client, int64_t msg, int64_t sp,
                         const char *sev, const char *peer, int64_t at, int64_t realert_at)
{
    struct store_escalation e = {.client_id = client, .message_id = msg, .specialist_id = sp,
                                 .created_at = at, .realert_at = realert_at};
    assert_true(stored_severity_parse(sev, &e.severity));
    snprintf(e.reason, sizeof e.reason, "crisis language");
    snprintf(e.peer, sizeof e.peer, "%s", peer);
    assert_int_equal(store_escalation_insert(s, &e), STORE_OK);
    return e.id;
}

/* A saved escalation state this build does not know is refused, never read
 * as open, acked or resolved. */
static void test_escalation_unknown_saved_state(void **state)
{
    struct fx *f = *state;
    int64_t c = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t id = add_esc(f->s, c, 0, 0, "urgent", 100);
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;"
                  "UPDATE escalations SET state = 'closed';");
    struct store_escalation e;
    assert_int_equal(store_escalation_get(f->s, id, &e), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown esc_state \"closed\""));
    struct esc_seen v = {0};
    assert_int_equal(store_escalations_each(f->s, 0, false, seen_esc, &v), STORE_ERR);
    assert_int_equal(v.n, 0);
}

static int count_esc(void *ctx, enum severity sev, enum esc_state st, int64_t n)
{
    int64_t(*counts)[ESC_STATE__COUNT] = ctx;
    counts[sev][st] += n;
    return 0;
}

/* So is a saved severity it does not know, and "none", which names no
 * escalation and is never stored. */
static void test_escalation_unknown_saved_severity(void **state)
{
    struct fx *f = *state;
    int64_t c = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t id = add_esc(f->s, c, 0, 0, "urgent", 100);
    struct store_escalation e = {.client_id = c, .severity = SEV_NONE, .created_at = 1};
    assert_int_equal(store_escalation_insert(f->s, &e), STORE_ERR);
    int64_t counts[SEV__COUNT][ESC_STATE__COUNT] = {{0}};
    assert_int_equal(store_escalation_counts(f->s, count_esc, counts), STORE_OK);
    assert_int_equal(counts[SEV_URGENT][ESC_OPEN], 1);
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;"
                  "UPDATE escalations SET severity = 'severe';");
    assert_int_equal(store_escalation_get(f->s, id, &e), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "\"severe\""));
    assert_int_equal(store_escalation_counts(f->s, count_esc, counts), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown severity \"severe\""));
    exec2(db2(f), "UPDATE escalations SET severity = 'none';");
    assert_int_equal(store_escalation_get(f->s, id, &e), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown severity \"none\""));
}

static struct store_escalation esc_get(struct store *s, int64_t id)
{
    struct store_escalation e;
    assert_int_equal(store_escalation_get(s, id, &e), STORE_OK);
    return e;
}

static int64_t next_at(struct store *s, int64_t remind_after)
{
    int64_t at = -1;
    int rc = store_escalation_realert_next(s, remind_after, &at);
    return rc == STORE_NOTFOUND ? 0 : (assert_int_equal(rc, STORE_OK), at);
}

static void test_escalation_realert_chain(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t sp = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "J", "+15551110001", 1, &sp),
                     STORE_OK);
    int64_t e1 = add_chain(f->s, c1, 0, sp, "urgent", "+15550000001", 100, 160);
    int64_t e2 = add_chain(f->s, 0, 0, 0, "high", "+15550009999", 110, 130);
    int64_t e3 = add_chain(f->s, c1, 0, sp, "watch", "+15550000001", 120, 0);
    assert_int_equal(esc_get(f->s, e3).realert_at, 0);

    /* The timer's next instant is the earliest re-alert. */
    assert_int_equal(next_at(f->s, 3600), 130);
    struct esc_seen d = {0};
    assert_int_equal(store_escalations_realert_due(f->s, 129, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(store_escalations_realert_due(f->s, 160, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.e[0].id, e2); /* earliest first */
    assert_int_equal(d.e[1].id, e1);
    struct esc_seen one = {0};
    assert_int_equal(store_escalations_realert_due(f->s, 160, 1, seen_esc, &one), STORE_OK);
    assert_int_equal(one.n, 1);

    /* A step: the next time and the count. */
    assert_int_equal(store_escalation_set_realert(f->s, e2, 200, 1), STORE_OK);
    assert_int_equal(esc_get(f->s, e2).realert_at, 200);
    assert_int_equal(esc_get(f->s, e2).realerts, 1);
    assert_int_equal(next_at(f->s, 3600), 160);

    /* The first ACK stops the chain; a second one changes nothing. */
    assert_int_equal(store_escalation_ack(f->s, e1, "jordan", 170), 1);
    assert_int_equal(store_escalation_ack(f->s, e1, "sam", 171), 0);
    struct store_escalation a = esc_get(f->s, e1);
    assert_string_equal(esc_state_name(a.state), "acked");
    assert_string_equal(a.acked_by, "jordan");
    assert_int_equal(a.acked_at, 170);
    assert_int_equal(a.realert_at, 0);
    /* set_realert only touches open ones. */
    assert_int_equal(store_escalation_set_realert(f->s, e1, 999, 5), STORE_OK);
    assert_int_equal(esc_get(f->s, e1).realert_at, 0);
    /* Next: e2's step at 200, then e1's reminder to resolve at 170 + 3600. */
    assert_int_equal(next_at(f->s, 3600), 200);

    /* A chain with nothing pending while open is re-armed; acked and
     * watch ones are not. */
    assert_int_equal(store_escalation_set_realert(f->s, e2, 0, 2), STORE_OK);
    assert_int_equal(next_at(f->s, 3600), 3770);
    assert_int_equal(store_escalations_rearm(f->s, 500), 1);
    assert_int_equal(esc_get(f->s, e2).realert_at, 500);
    assert_int_equal(esc_get(f->s, e2).realerts, 2);
    assert_int_equal(esc_get(f->s, e3).realert_at, 0);
    assert_int_equal(esc_get(f->s, e1).realert_at, 0);
    assert_int_equal(store_escalations_rearm(f->s, 600), 0);

    /* Resolved: off the timer for good; resolving twice is refused. */
    assert_int_equal(store_escalation_resolve(f->s, e2, "sam", 510), 1);
    assert_int_equal(store_escalation_resolve(f->s, e2, "sam", 511), 0);
    assert_string_equal(esc_get(f->s, e2).acked_by, "sam"); /* resolving acknowledges too */
    assert_int_equal(store_escalations_rearm(f->s, 600), 0);
    assert_int_equal(next_at(f->s, 3600), 3770);

    /* The reminder to resolve: due remind_after seconds after the ACK,
     * once; a new ACK (after an upgrade opened it again) makes it due afresh. */
    struct esc_seen r = {0};
    assert_int_equal(store_escalations_remind_due(f->s, 3769, 3600, 10, seen_esc, &r), STORE_OK);
    assert_int_equal(r.n, 0);
    assert_int_equal(store_escalations_remind_due(f->s, 3770, 3600, 10, seen_esc, &r), STORE_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.e[0].id, e1);
    assert_int_equal(store_escalations_remind_due(f->s, 3770, 60, 10, seen_esc, &r), STORE_OK);
    assert_int_equal(r.n, 2); /* a shorter limit: due sooner */
    assert_int_equal(store_escalation_set_reminded(f->s, e1, 3770), STORE_OK);
    struct esc_seen r2 = {0};
    assert_int_equal(store_escalations_remind_due(f->s, 99999, 3600, 10, seen_esc, &r2), STORE_OK);
    assert_int_equal(r2.n, 0);
    assert_int_equal(next_at(f->s, 3600), 0);
    assert_int_equal(store_escalation_upgrade(f->s, e1, SEV_URGENT, "again", 0, 4000, 4100), 1);
    assert_int_equal(next_at(f->s, 3600), 4100);
    assert_int_equal(store_escalation_ack(f->s, e1, "jordan", 5000), 1);
    assert_int_equal(next_at(f->s, 3600), 8600);
    assert_int_equal(store_escalations_remind_due(f->s, 8600, 3600, 10, seen_esc, &r2), STORE_OK);
    assert_int_equal(r2.n, 1);
}

static int64_t inbound_text(struct store *s, const char *ext_id, int64_t client_id,
                            const char *body, int64_t now)
{
    struct store_inbound m = {.provider = "spool", .ext_id = ext_id, .from = "+15550000001",
                              .body = body, .body_len = strlen(body), .client_id = client_id};
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(s, &m, now, &id), STORE_OK);
    return id;
}

static void queue_about(struct store *s, int64_t esc, int64_t sp, enum msg_kind kind, int64_t now)
{
    struct store_outbound m = {.to = "+15551110001", .body = "x", .kind = kind,
                               .priority = MSG_PRIO_URGENT, .specialist_id = sp,
                               .escalation_id = esc};
    assert_int_equal(store_outbound_queue(s, &m, now, NULL), STORE_OK);
}

static void test_escalation_merge_upgrade_followup(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t jo = 0, sam = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jordan", "J", "+15551110001", 1, &jo), STORE_OK);
    assert_int_equal(store_specialist_upsert(f->s, "sam", "S", "+15551110002", 1, &sam), STORE_OK);
    int64_t m1 = inbound_text(f->s, "m1", c1, "2", 100);
    int64_t e = add_chain(f->s, c1, m1, jo, "high", "+15550000001", 100, 700);
    int64_t w = add_chain(f->s, c1, 0, jo, "watch", "+15550000001", 105, 0);

    /* The flood window: the newest unresolved urgent/high of the number
     * updated at or after since (watch findings are not in it). */
    struct store_escalation r;
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 100, &r), STORE_OK);
    assert_int_equal(r.id, e);
    assert_string_equal(r.text, "2");
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 101, &r), STORE_NOTFOUND);
    assert_int_equal(store_escalation_recent(f->s, "+15550000002", 0, &r), STORE_NOTFOUND);

    /* A merge: count, newest message and text, updated_at; the reason only
     * when one is given. */
    int64_t m2 = inbound_text(f->s, "m2", c1, "I'm doing it now", 150);
    assert_int_equal(store_escalation_merge(f->s, e, m2, "", 150), STORE_OK);
    r = esc_get(f->s, e);
    assert_int_equal(r.count, 2);
    assert_int_equal(r.last_message_id, m2);
    assert_int_equal(r.message_id, m1);
    assert_int_equal(r.updated_at, 150);
    assert_string_equal(r.reason, "crisis language");
    assert_string_equal(r.text, "I'm doing it now");
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 101, &r), STORE_OK);
    assert_int_equal(store_escalation_merge(f->s, w, 0, "3 drops in a row", 160), STORE_OK);
    assert_string_equal(esc_get(f->s, w).reason, "3 drops in a row");
    assert_int_equal(esc_get(f->s, w).last_message_id, 0); /* merged without a message */

    /* Acked: a held-back follow-up rides on the re-alert timer. */
    assert_int_equal(store_escalation_ack(f->s, e, "jordan", 200), 1);
    assert_int_equal(store_escalation_set_followup(f->s, e, 300), STORE_OK);
    assert_int_equal(esc_get(f->s, e).followup_due_at, 300);
    assert_int_equal(next_at(f->s, 86400), 300);
    struct esc_seen d = {0};
    assert_int_equal(store_escalations_followup_due(f->s, 299, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(store_escalations_followup_due(f->s, 300, 10, seen_esc, &d), STORE_OK);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.e[0].id, e);

    /* What was sent about it, and to whom. */
    int64_t at = 0;
    assert_int_equal(store_escalation_last_sent(f->s, e, MSG_KIND_ALERT, &at), STORE_NOTFOUND);
    queue_about(f->s, e, sam, MSG_KIND_ALERT, 110);
    queue_about(f->s, e, jo, MSG_KIND_ALERT, 120);
    queue_about(f->s, e, jo, MSG_KIND_FOLLOWUP, 250);
    queue_about(f->s, e, sam, MSG_KIND_TAKEN, 260);
    assert_int_equal(store_escalation_last_sent(f->s, e, MSG_KIND_ALERT, &at), STORE_OK);
    assert_int_equal(at, 120);
    assert_int_equal(store_escalation_last_sent(f->s, e, MSG_KIND_FOLLOWUP, &at), STORE_OK);
    assert_int_equal(at, 250);
    int64_t ids[4] = {0};
    assert_int_equal(store_escalation_alerted(f->s, e, ids, 4), 2); /* alerts only */
    assert_int_equal(ids[0], jo < sam ? jo : sam);
    assert_int_equal(ids[1], jo < sam ? sam : jo);
    assert_int_equal(store_escalation_alerted(f->s, e, ids, 1), 1);
    assert_int_equal(store_escalation_alerted(f->s, w, ids, 4), 0);

    /* A more severe message raises it: open again, a fresh chain, the ACK
     * and any held-back follow-up dropped. */
    int64_t m3 = inbound_text(f->s, "m3", c1, "I want to die", 400);
    assert_int_equal(store_escalation_upgrade(f->s, e, SEV_URGENT, "crisis language", m3, 400, 460),
                     1);
    r = esc_get(f->s, e);
    assert_string_equal(stored_severity_name(r.severity), "urgent");
    assert_string_equal(esc_state_name(r.state), "open");
    assert_int_equal(r.count, 3);
    assert_int_equal(r.acked_at, 0);
    assert_string_equal(r.acked_by, "");
    assert_int_equal(r.realert_at, 460);
    assert_int_equal(r.realerts, 0);
    assert_int_equal(r.followup_due_at, 0);
    assert_string_equal(r.text, "I want to die");
    struct esc_seen d2 = {0};
    assert_int_equal(store_escalations_followup_due(f->s, 9999, 10, seen_esc, &d2), STORE_OK);
    assert_int_equal(d2.n, 0);
    /* A resolved one is not raised. */
    assert_int_equal(store_escalation_resolve(f->s, e, "jordan", 500), 1);
    assert_int_equal(store_escalation_upgrade(f->s, e, SEV_URGENT, "x", 0, 600, 660), 0);
    assert_string_equal(esc_state_name(esc_get(f->s, e).state), "resolved");
    assert_int_equal(store_escalation_recent(f->s, "+15550000001", 0, &r), STORE_NOTFOUND);

    /* The digest's lines: unresolved watch findings updated since, the
     * specialist's or nobody's. */
    int64_t w2 = add_chain(f->s, 0, 0, 0, "watch", "+15550000003", 170, 0);
    add_chain(f->s, c1, 0, sam, "watch", "+15550000004", 170, 0);
    struct esc_seen ws = {0};
    assert_int_equal(store_escalations_watch_since(f->s, 150, jo, seen_esc, &ws), STORE_OK);
    assert_int_equal(ws.n, 2);
    assert_int_equal(ws.e[0].id, w2); /* newest first */
    assert_int_equal(ws.e[1].id, w);
    struct esc_seen ws2 = {0};
    assert_int_equal(store_escalations_watch_since(f->s, 165, jo, seen_esc, &ws2), STORE_OK);
    assert_int_equal(ws2.n, 1);
    assert_int_equal(store_escalation_resolve(f->s, w2, "jordan", 180), 1);
    struct esc_seen ws3 = {0};
    assert_int_equal(store_escalations_watch_since(f->s, 150, jo, seen_esc, &ws3), STORE_OK);
    assert_int_equal(ws3.n, 1);
}

struct msgs_seen {
    int n;
    struct store_msg_row m[8];
};

static int seen_msg(void *ctx, const struct store_msg_row *m)
{
    struct msgs_seen *v = ctx;
    assert_true(v->n < 8);
    v->m[v->n++] = *m;
    return 0;
}

static void test_messages_for_client(void **state)
{
    struct fx *f = *state;
    int64_t c1 = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t c2 = add_client(f->s, "bob", "+15550000002", "", 0);
    struct store_outbound o = {.to = "+15550000001",
                               .body = "How are you, 1-10?",
                               .kind = MSG_KIND_CHECKIN,
                               .client_id = c1};
    int64_t out1 = 0, in1, out2 = 0;
    assert_int_equal(store_outbound_queue(f->s, &o, 100, &out1), STORE_OK);
    in1 = inbound(f->s, "spool", "r1", c1, 110);
    inbound(f->s, "spool", "r2", c2, 120);
    o.body = "Thanks";
    o.kind = MSG_KIND_HELP;
    assert_int_equal(store_outbound_queue(f->s, &o, 130, &out2), STORE_OK);

    struct msgs_seen v = {0};
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &v), STORE_OK);
    assert_int_equal(v.n, 3);
    assert_int_equal(v.m[0].id, out1);
    assert_string_equal(msg_direction_name(v.m[0].direction), "out");
    assert_string_equal(v.m[0].peer, "+15550000001");
    assert_string_equal(v.m[0].body, "How are you, 1-10?");
    assert_string_equal(msg_kind_name(v.m[0].kind), "checkin");
    assert_string_equal(msg_state_name(v.m[0].state), "queued");
    assert_int_equal(v.m[0].created_at, 100);
    assert_int_equal(v.m[1].id, in1);
    assert_string_equal(msg_direction_name(v.m[1].direction), "in");
    assert_string_equal(v.m[1].peer, "+15550002222");
    assert_string_equal(v.m[1].body, "7");
    assert_string_equal(msg_state_name(v.m[1].state), "received");
    assert_int_equal(v.m[2].id, out2);
    assert_string_equal(msg_kind_name(v.m[2].kind), "help");

    struct msgs_seen w = {0};
    assert_int_equal(store_messages_for_client(f->s, 9999, seen_msg, &w), STORE_OK);
    assert_int_equal(w.n, 0);

    /* A saved message state this build does not know stops the walk with
     * an error; it is never read as another state. */
    exec2(db2(f), "PRAGMA ignore_check_constraints = ON;");
    char q[128];
    snprintf(q, sizeof q, "UPDATE messages SET state = 'bounced' WHERE id = %lld",
             (long long)out2);
    exec2(db2(f), q);
    struct msgs_seen x = {0};
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &x), STORE_ERR);
    assert_int_equal(x.n, 2);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_state \"bounced\""));
    snprintf(q, sizeof q, "UPDATE messages SET state = 'queued', direction = 'sideways'"
             " WHERE id = %lld", (long long)out2);
    exec2(db2(f), q);
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &x), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_direction \"sideways\""));
    /* And a kind (no CHECK here): the walk and the outbox claim refuse it. */
    snprintf(q, sizeof q, "UPDATE messages SET direction = 'out', kind = 'fax' WHERE id = %lld",
             (long long)out2);
    exec2(db2(f), q);
    assert_int_equal(store_messages_for_client(f->s, c1, seen_msg, &x), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_kind \"fax\""));
    struct store_msg claimed[4];
    assert_int_equal(store_outbox_claim(f->s, 1000, 0, MSG_PRIO_URGENT, claimed, 4), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown msg_kind \"fax\""));
}

/* ---- conversations (issue 18) ---------------------------------------------------- */

static int64_t inbound_from(struct store *s, const char *ext_id, const char *from,
                            int64_t client_id, int64_t specialist_id, int64_t now)
{
    struct store_inbound m = {.provider = "spool", .ext_id = ext_id, .from = from,
                              .body = "hello", .body_len = 5, .client_id = client_id,
                              .specialist_id = specialist_id};
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(s, &m, now, &id), STORE_OK);
    return id;
}

static int seen_conv(void *ctx, const struct store_conversation *v)
{
    struct seen *w = ctx;
    assert_true(w->n < 16);
    snprintf(w->alias[w->n], sizeof w->alias[0], "%s", v->alias);
    w->id[w->n] = v->id;
    w->t[w->n] = v->ended_at;
    w->n++;
    return 0;
}

static void test_conversations(void **state)
{
    struct fx *f = *state;
    int64_t amy = add_client(f->s, "amy", "+15550000001", "", 0);
    int64_t bob = add_client(f->s, "bob", "+15550000002", "", 0);
    int64_t jo = 0, kim = 0, conv = 0, conv2 = 0;
    assert_int_equal(store_specialist_upsert(f->s, "jo", "Jo", "+15550009001", 1, &jo), STORE_OK);
    assert_int_equal(store_specialist_upsert(f->s, "kim", "Kim", "+15550009002", 1, &kim),
                     STORE_OK);
    struct store_escalation e = {.client_id = amy, .severity = SEV_URGENT, .reason = "crisis",
                                 .peer = "+15550000001", .created_at = 100, .score = "none"};
    assert_int_equal(store_escalation_insert(f->s, &e), STORE_OK);

    /* One open conversation per client. */
    assert_int_equal(store_conversation_open(f->s, amy, e.id, jo, 200, &conv), STORE_OK);
    assert_int_equal(store_conversation_open(f->s, amy, 0, kim, 201, NULL), STORE_EXISTS);
    assert_int_equal(store_conversation_open(f->s, bob, 0, jo, 202, &conv2), STORE_OK);
    struct store_conversation v;
    assert_int_equal(store_conversation_of_escalation(f->s, e.id, &v), STORE_OK);
    assert_int_equal(v.id, conv);
    assert_string_equal(v.alias, "amy");
    assert_string_equal(v.holder, "jo");
    assert_int_equal(v.opened_at, 200);
    assert_int_equal(v.ended_at, 0);
    assert_int_equal(store_conversation_of_client(f->s, bob, &v), STORE_OK);
    assert_int_equal(v.escalation_id, 0);
    struct seen w = {0};
    assert_int_equal(store_conversations_of_specialist(f->s, jo, seen_conv, &w), STORE_OK);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.alias[0], "amy");
    assert_string_equal(w.alias[1], "bob");

    /* TAKE hands it over; activity moves the idle clock. */
    assert_int_equal(store_conversation_hand(f->s, conv, kim, 0, 300), 1);
    assert_int_equal(store_conversation_get(f->s, conv, &v), STORE_OK);
    assert_string_equal(v.holder, "kim");
    assert_int_equal(v.escalation_id, e.id);
    assert_int_equal(v.last_at, 300);
    assert_int_equal(store_conversation_touch(f->s, conv2, 1000), STORE_OK);

    /* Idle: amy's (last 300) ends at 300 + 600; bob's (last 1000) stays open. */
    assert_int_equal(store_conversations_expire(f->s, 1000, 600), 1);
    assert_int_equal(store_conversation_get(f->s, conv, &v), STORE_OK);
    assert_int_equal(v.ended_at, 900);
    assert_string_equal(conv_end_name(v.end_reason), "idle");
    assert_int_equal(store_conversation_of_client(f->s, amy, &v), STORE_NOTFOUND);
    /* END once; a second END changes nothing. */
    assert_int_equal(store_conversation_end(f->s, conv2, CONV_ENDED, 1100), 1);
    assert_int_equal(store_conversation_end(f->s, conv2, CONV_ENDED, 1200), 0);
    assert_int_equal(store_conversation_hand(f->s, conv2, kim, 0, 1200), 0);
    assert_int_equal(store_conversation_get(f->s, conv2, &v), STORE_OK);
    assert_int_equal(v.end_reason, CONV_ENDED);
    /* An end reason this build does not know is refused, not read as END. */
    char q[128];
    snprintf(q, sizeof q,
             "PRAGMA ignore_check_constraints = ON;"
             "UPDATE conversations SET end_reason = 'lost' WHERE id = %lld;",
             (long long)conv2);
    exec2(db2(f), q);
    assert_int_equal(store_conversation_get(f->s, conv2, &v), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown conv_end \"lost\""));
    exec2(db2(f), "PRAGMA ignore_check_constraints = OFF;");
    /* A new one after the old ended. */
    assert_int_equal(store_conversation_open(f->s, amy, 0, jo, 1300, &conv2), STORE_OK);
    memset(&w, 0, sizeof w);
    assert_int_equal(store_conversations_for_client(f->s, amy, seen_conv, &w), STORE_OK);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.t[0], 900);
    assert_int_equal(w.t[1], 0);

    /* Messages both ways are the client's history, with the specialist. */
    int64_t from_amy = inbound_from(f->s, "a1", "+15550000001", amy, 0, 1310);
    int64_t from_jo = inbound_from(f->s, "j1", "+15550009001", 0, jo, 1320);
    struct store_outbound o = {.to = "+15550000001", .body = "hi amy", .kind = MSG_KIND_CONVERSATION,
                               .client_id = amy, .specialist_id = jo};
    int64_t to_amy = 0;
    assert_int_equal(store_outbound_queue(f->s, &o, 1320, &to_amy), STORE_OK);
    assert_int_equal(store_message_link(f->s, from_amy, conv2, amy), STORE_OK);
    assert_int_equal(store_message_link(f->s, from_jo, conv2, amy), STORE_OK);
    assert_int_equal(store_message_link(f->s, to_amy, conv2, amy), STORE_OK);
    struct msgs_seen m = {0};
    assert_int_equal(store_messages_for_client(f->s, amy, seen_msg, &m), STORE_OK);
    assert_int_equal(m.n, 3);
    assert_int_equal(m.m[0].conversation_id, conv2);
    assert_string_equal(m.m[0].specialist, "");
    assert_string_equal(m.m[1].peer, "+15550009001");
    assert_string_equal(m.m[1].specialist, "jo");
    assert_string_equal(msg_direction_name(m.m[2].direction), "out");
    assert_string_equal(m.m[2].specialist, "jo");
    int64_t last = 0;
    assert_int_equal(store_client_last_inbound(f->s, amy, &last), STORE_OK);
    assert_int_equal(last, 1310); /* the specialist's message is not the client writing */
    assert_int_equal(store_client_last_inbound(f->s, bob, &last), STORE_NOTFOUND);

    /* After STOP: only a message after the STOP message counts, even in
     * the same second. */
    int64_t stop = inbound_from(f->s, "a2", "+15550000001", amy, 0, 1400);
    assert_int_equal(store_client_set_state(f->s, amy, CLIENT_OPTED_OUT, 1400), STORE_OK);
    assert_int_equal(store_client_set_stop_message(f->s, amy, stop), STORE_OK);
    bool after = true;
    assert_int_equal(store_client_wrote_after_stop(f->s, amy, &after), STORE_OK);
    assert_false(after);
    inbound_from(f->s, "j2", "+15550009001", amy, jo, 1400); /* the specialist, not amy */
    assert_int_equal(store_client_wrote_after_stop(f->s, amy, &after), STORE_OK);
    assert_false(after);
    inbound_from(f->s, "a3", "+15550000001", amy, 0, 1400);
    assert_int_equal(store_client_wrote_after_stop(f->s, amy, &after), STORE_OK);
    assert_true(after);

    /* Removing the client removes the conversations and every relayed copy. */
    struct store_client c;
    assert_int_equal(store_client_get(f->s, amy, &c), STORE_OK);
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_client_remove(f->s, &c, NULL), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM conversations WHERE client_id = %lld",
                           (long long)amy), 0);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM messages WHERE id = %lld",
                           (long long)from_jo), 0);
}

static void test_audit(void **state)
{
    struct fx *f = *state;
    char buf[128];
    assert_int_equal(
        store_audit(f->s, 1700000000, "specialist:jordan", "escalation.ack", "17", "called, safe"),
        STORE_OK);
    assert_int_equal(store_audit(f->s, 1700000001, "operator", "client.enroll", NULL, NULL),
                     STORE_OK);
    assert_int_equal(q_int(db2(f), "SELECT count(*) FROM audit"), 2);
    assert_string_equal(q_text(db2(f), buf, sizeof buf,
                               "SELECT at || '|' || actor || '|' || action || '|' || subject"
                               " || '|' || detail FROM audit ORDER BY id LIMIT 1"),
                        "1700000000|specialist:jordan|escalation.ack|17|called, safe");
    assert_int_equal(q_int(db2(f), "SELECT subject IS NULL AND detail IS NULL FROM audit"
                                   " WHERE action = 'client.enroll'"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn, setup) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_open_creates_file_0600_even_under_umask_0, setup_dir),
        T(test_open_tightens_an_empty_precreated_file, setup_dir),
        T(test_open_wal_fk_schema, setup_store),
        T(test_reopen_keeps_data_and_does_not_migrate_again, setup_store),
        T(test_open_refuses_newer_schema, setup_store),
        T(test_open_missing_directory, setup_dir),
        T(test_open_directory_and_empty_path, setup_dir),
        T(test_open_garbage_file, setup_dir),
        T(test_open_read_only, setup_dir),
        cmocka_unit_test(test_close_null),
        T(test_specialists, setup_store),
        T(test_client_insert_and_lookups, setup_store),
        T(test_client_duplicates, setup_store),
        T(test_client_state_and_next_due, setup_store),
        T(test_client_unknown_saved_state, setup_store),
        T(test_checkin_unknown_saved_state, setup_store),
        T(test_clients_each_order_and_stop, setup_store),
        T(test_clients_due_and_next_due, setup_store),
        T(test_checkins, setup_store),
        T(test_schedule_columns, setup_store),
        T(test_reminders_and_missed_in_row, setup_store),
        T(test_inbound_dedup, setup_store),
        T(test_inbound_without_ext_id_is_never_a_duplicate, setup_store),
        T(test_inbound_body_byte_for_byte, setup_store),
        T(test_outbox_claim_order_and_states, setup_store),
        T(test_outbox_claim_in_callers_transaction, setup_store),
        T(test_outbox_long_body_truncated_safely, setup_store),
        T(test_transactions, setup_store),
        T(test_failed_commit, setup_store),
        T(test_failed_autocommit_is_reported, setup_store),
        T(test_busy, setup_store),
        T(test_full, setup_store),
        T(test_moods, setup_store),
        T(test_escalations, setup_store),
        T(test_escalation_unknown_saved_state, setup_store),
        T(test_escalation_unknown_saved_severity, setup_store),
        T(test_escalation_realert_chain, setup_store),
        T(test_escalation_merge_upgrade_followup, setup_store),
        T(test_messages_for_client, setup_store),
        T(test_conversations, setup_store),
        T(test_audit, setup_store),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
