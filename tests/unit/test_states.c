/* SPDX-License-Identifier: Apache-2.0 */
/* test_states.c: the saved states of model/states.def. Every family
 * round-trips (name -> parse gives the constant back), unknown texts are
 * refused and leave the output alone, a value out of range is named "?",
 * and each family's stored texts are exactly the ones its column's CHECK
 * constraint allows in a freshly migrated database. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "model/states.h"
#include "store/store.h"
#include "testdir.h"

/* One test per family: each value by its constant, then texts that are not
 * the family's (empty, NULL, unknown, a value in capitals or with a space). */
#define STATES_BEGIN(family)                                                                     \
    static void family##_round_trips(void **state)                                               \
    {                                                                                            \
        (void)state;                                                                             \
        static const struct {                                                                    \
            int v;                                                                               \
            const char *text;                                                                    \
        } vals[] = {
#define STATE(family, constant, text) {constant, text},
#define STATES_END_AS(family, fn, count)                                                         \
        };                                                                                       \
        size_t n = sizeof vals / sizeof vals[0];                                                 \
        assert_int_equal(n, count);                                                              \
        for (size_t i = 0; i < n; i++) {                                                         \
            enum family v = (enum family)-1;                                                     \
            assert_int_equal(vals[i].v, i);                                                      \
            assert_string_equal(fn##_name((enum family)vals[i].v), vals[i].text);                \
            assert_true(fn##_parse(vals[i].text, &v));                                           \
            assert_int_equal(v, vals[i].v);                                                      \
        }                                                                                        \
        char upper[32] = "", spaced[40];                                                         \
        for (size_t i = 0; vals[0].text[i] && i + 1 < sizeof upper; i++)                         \
            upper[i] = (char)toupper((unsigned char)vals[0].text[i]);                            \
        snprintf(spaced, sizeof spaced, "%s ", vals[0].text);                                    \
        enum family keep = (enum family)(count - 1), out = keep;                                 \
        const char *bad[] = {"", "nonsense", "?", upper, spaced};                                \
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {                                \
            bool ours = false; /* "" is MSG_KIND_NONE, CONV_OPEN */                              \
            for (size_t j = 0; j < n; j++)                                                       \
                ours |= strcmp(bad[i], vals[j].text) == 0;                                       \
            if (ours)                                                                            \
                continue;                                                                        \
            assert_false(fn##_parse(bad[i], &out));                                              \
            assert_int_equal(out, keep);                                                         \
        }                                                                                        \
        assert_false(fn##_parse(NULL, &out));                                                    \
        assert_int_equal(out, keep);                                                             \
        assert_string_equal(fn##_name((enum family)(count)), "?");                               \
        assert_string_equal(fn##_name((enum family)-1), "?");                                    \
    }
#define STATES_END(family, count) STATES_END_AS(family, family, count)
#include "model/states.def"
#undef STATES_BEGIN
#undef STATE
#undef STATES_END_AS
#undef STATES_END

/* Each family's texts, in order. */
#define STATES_BEGIN(family) static const char *const family##_texts[] = {
#define STATE(family, constant, text) text,
#define STATES_END_AS(family, fn, count) };
#define STATES_END(family, count) };
#include "model/states.def"
#undef STATES_BEGIN
#undef STATE
#undef STATES_END_AS
#undef STATES_END

#define TEXTS(family) family##_texts, sizeof family##_texts / sizeof family##_texts[0]

/* The texts a CHECK (column IN ('a','b',...)) of table allows, read from
 * the schema db holds, into out; returns how many. Fails the test if the
 * table has no such constraint. */
static size_t check_list(sqlite3 *db, const char *table, const char *column, char out[][32],
                         size_t max)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = ?1", -1,
                                        &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *sql = (const char *)sqlite3_column_text(st, 0);
    char want[64];
    snprintf(want, sizeof want, "CHECK (%s IN", column);
    const char *p = strstr(sql, want);
    if (!p)
        fail_msg("%s has no \"%s\"", table, want);
    p = strchr(p + strlen(want), '(');
    assert_non_null(p);
    size_t n = 0;
    while (*p && *p != ')') {
        const char *q = strchr(p, '\'');
        const char *end = q ? strchr(q + 1, '\'') : NULL;
        if (!q || !end || (size_t)(end - q - 1) >= sizeof out[0] || n >= max)
            fail_msg("%s.%s: a CHECK list this test cannot read", table, column);
        memcpy(out[n], q + 1, (size_t)(end - q - 1));
        out[n][end - q - 1] = '\0';
        n++;
        p = end + 1;
        while (*p == ',' || *p == ' ')
            p++;
    }
    sqlite3_finalize(st);
    return n;
}

/* The family's texts are exactly the CHECK list of table.column. */
static void same_as_check(sqlite3 *db, const char *table, const char *column,
                          const char *const *texts, size_t ntexts)
{
    char got[16][32];
    size_t n = check_list(db, table, column, got, 16);
    assert_int_equal(n, ntexts);
    for (size_t i = 0; i < ntexts; i++) {
        bool found = false;
        for (size_t j = 0; j < n; j++)
            found |= strcmp(texts[i], got[j]) == 0;
        if (!found)
            fail_msg("%s.%s: \"%s\" is not in its CHECK", table, column, texts[i]);
    }
}

static void stored_texts_match_the_schema(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_states.XXXXXX", path[64], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/gw.db", dir);
    struct store *s = NULL;
    assert_int_equal(store_open(&s, path, err, sizeof err), STORE_OK);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);

    same_as_check(db, "clients", "state", TEXTS(client_state));
    same_as_check(db, "checkins", "state", TEXTS(checkin_state));
    same_as_check(db, "escalations", "state", TEXTS(esc_state));
    /* SEV_NONE ("none") is never stored: the CHECK lists the others. */
    assert_string_equal(severity_texts[SEV_NONE], "none");
    same_as_check(db, "escalations", "severity", severity_texts + 1, SEV__COUNT - 1);
    same_as_check(db, "messages", "state", TEXTS(msg_state));
    same_as_check(db, "messages", "direction", TEXTS(msg_direction));
    same_as_check(db, "followups", "state", TEXTS(fu_state));
    same_as_check(db, "flow_runs", "state", TEXTS(run_state));
    /* An open conversation has no end_reason (NULL): CONV_OPEN, "". */
    assert_string_equal(conv_end_texts[CONV_OPEN], "");
    same_as_check(db, "conversations", "end_reason", conv_end_texts + 1, CONV_END__COUNT - 1);

    sqlite3_close(db);
    store_close(s);
    rm_test_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(client_state_round_trips),
        cmocka_unit_test(checkin_state_round_trips),
        cmocka_unit_test(esc_state_round_trips),
        cmocka_unit_test(severity_round_trips),
        cmocka_unit_test(msg_state_round_trips),
        cmocka_unit_test(msg_direction_round_trips),
        cmocka_unit_test(fu_state_round_trips),
        cmocka_unit_test(run_state_round_trips),
        cmocka_unit_test(msg_kind_round_trips),
        cmocka_unit_test(conv_end_round_trips),
        cmocka_unit_test(lang_round_trips),
        cmocka_unit_test(stored_texts_match_the_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
