/* SPDX-License-Identifier: Apache-2.0 */
/* test_store.c: unit tests of gateway/store/store.c against a real SQLite file.
 *
 * Each test gets its own directory from mkdtemp under /tmp (fixture setup)
 * and the teardown removes it, also when the test failed (cmocka runs the
 * teardown after a failed assertion). Where the store's effect must be seen
 * from outside, a second connection opened with the sqlite3 API looks at
 * the file, as checkinctl would. No test waits on the clock: times are
 * plain numbers passed in, and the busy case uses a 20 ms busy timeout. */
#include "store_harness.h"


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
    assert_string_equal(stored_lang_name(got.lang), "en");      /* default */
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
    d.lang = LANG_ES;
    assert_int_equal(store_client_insert(f->s, &d), STORE_OK);
    assert_int_equal(store_client_get(f->s, d.id, &got), STORE_OK);
    assert_string_equal(stored_lang_name(got.lang), "es");
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

/* A language this build does not know is refused, never read as English. */
static void test_client_unknown_saved_language(void **state)
{
    struct fx *f = *state;
    struct store_client c;
    int64_t id = add_client(f->s, "amy", "+15550000001", "", 100);
    exec2(db2(f), "UPDATE clients SET lang = 'fr';");
    assert_int_equal(store_client_get(f->s, id, &c), STORE_ERR);
    assert_non_null(strstr(store_errmsg(f->s), "unknown stored_lang \"fr\""));
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
    c.lang = LANG_ES;
    c.next_slot_at = 500;
    c.oneoff_at = 300;
    c.next_due_at = 300;
    assert_int_equal(store_client_update(f->s, &c), STORE_OK);
    struct store_client got;
    assert_int_equal(store_client_get(f->s, a, &got), STORE_OK);
    assert_string_equal(got.schedule, "evening");
    assert_string_equal(got.tz, "Europe/London");
    assert_string_equal(stored_lang_name(got.lang), "es");
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
        T(test_client_unknown_saved_language, setup_store),
        T(test_checkin_unknown_saved_state, setup_store),
        T(test_clients_each_order_and_stop, setup_store),
        T(test_clients_due_and_next_due, setup_store),
        T(test_checkins, setup_store),
        T(test_schedule_columns, setup_store),
        T(test_reminders_and_missed_in_row, setup_store),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
