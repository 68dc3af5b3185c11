/* SPDX-License-Identifier: Apache-2.0 */
/* test_vocab.c: the operator vocabulary: vocab_load (file -> phrases, every
 * bad line reported as file:line and the file refused), reply_vocab_add's
 * phrase rules, and reply_parse with a vocabulary (crisis, relapse,
 * substance after a use verb, negation, prefixes, accents), including the
 * shipped example etc/vocabulary.txt. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/reply_model.h"
#include "config/vocab.h"

static char tmpdir[] = "/tmp/test_vocab_XXXXXX";

static const char *write_file(const char *name, const char *text, size_t len)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

static unsigned parse(const char *text, const struct reply_vocab *v)
{
    struct reply_result r;
    struct reply_opts o = {.vocab = v};
    reply_parse(text, strlen(text), &o, &r);
    return r.signals;
}

static bool errs_have(const struct cfg_errors *e, const char *s)
{
    for (size_t i = 0; i < e->n; i++)
        if (strstr(e->msg[i], s) != NULL)
            return true;
    return false;
}

static void test_load_and_match(void **state)
{
    (void)state;
    static const char text[] = "# comment\n"
                               "\n"
                               "  crisis: go to sleep forever  \r\n"
                               "crisis:catch the bus\n"
                               "relapse: tranq\n"
                               "relapse: Fent*\n"
                               "substance: tusi\n"
                               "crisis: me quiero petatear\n"
                               "crisis: ÑAÑA total\n";
    const char *path = write_file("good.txt", text, sizeof text - 1);
    struct reply_vocab *v = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    assert_int_equal(vocab_load(path, &v, &errs), 0);
    assert_int_equal(errs.n, 0);
    assert_non_null(v);
    assert_int_equal(reply_vocab_count(v, REPLY_VOCAB_CRISIS), 4);
    assert_int_equal(reply_vocab_count(v, REPLY_VOCAB_RELAPSE), 2);
    assert_int_equal(reply_vocab_count(v, REPLY_VOCAB_SUBSTANCE), 1);

    /* with the vocabulary */
    assert_int_equal(parse("I just want to GO TO SLEEP FOREVERRR", v), REPLY_SIG_CRISIS);
    assert_int_equal(parse("gonna catch the bus tonight", v), REPLY_SIG_CRISIS);
    assert_int_equal(parse("not going to catch the bus", v), REPLY_SIG_CRISIS | REPLY_SIG_NEGATED);
    assert_int_equal(parse("got some tranq", v), REPLY_SIG_RELAPSE);
    assert_int_equal(parse("fentanyl again", v), REPLY_SIG_RELAPSE); /* prefix */
    assert_int_equal(parse("smoked some tusi", v), REPLY_SIG_RELAPSE); /* use verb + substance */
    /* a substance alone is no use by the rules; the learned model, which
     * knows no operator's words, may guess at "what is X" (a question
     * about a built-in substance is a topic: test_reply) */
    reply_model_set_mode(REPLY_MODEL_OFF);
    assert_int_equal(parse("what is tusi", v), 0);
    reply_model_set_mode(REPLY_MODEL_ON);
    assert_int_equal(parse("me quiero petatear", v), REPLY_SIG_CRISIS);
    assert_int_equal(parse("nana total", v), REPLY_SIG_CRISIS);      /* accents either way */
    assert_int_equal(parse("7", v), 0);
    assert_int_equal(parse("Fentanyl", v), REPLY_SIG_RELAPSE);
    /* without it: none of these is built into the rules (tranq is, since
     * issue 16's street names). The learned model may still guess a
     * substance after "smoked" (it does): the rules alone are asked here. */
    reply_model_set_mode(REPLY_MODEL_OFF);
    assert_int_equal(parse("gonna catch the bus tonight", NULL), 0);
    assert_int_equal(parse("got some tranq", NULL), REPLY_SIG_RELAPSE);
    assert_int_equal(parse("smoked some tusi", NULL), 0);
    reply_model_set_mode(REPLY_MODEL_ON);
    /* the built-in lists still work beside it */
    assert_int_equal(parse("I want to die", v), REPLY_SIG_CRISIS);
    reply_vocab_free(v);
    cfg_errors_free(&errs);
}

static void test_bad_file(void **state)
{
    (void)state;
    static const char text[] = "crisis: fine phrase\n"      /* 1 */
                               "crisis go to sleep\n"       /* 2: no colon */
                               "bogus: word\n"              /* 3: unknown kind */
                               "relapse:\n"                 /* 4: empty */
                               "crisis: 99 problems\n"      /* 5: starts with a digit */
                               "crisis: end. it\n"          /* 6: punctuation */
                               "relapse: \xf0\x9f\x8e\x89\n" /* 7: emoji only (a party
                                                              * popper; a pill, a gun, a knife
                                                              * are read as their words) */
                               "crisis: \xff\xfe bad\n"     /* 8: invalid UTF-8 */
                               "crisis: u r a g h o s t\n"  /* 9: fine: read "ura ghost" */
                               "crisis: one two three four five six seven eight nine\n"; /* 10 */
    const char *path = write_file("bad.txt", text, sizeof text - 1);
    struct reply_vocab *v = (struct reply_vocab *)1;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    assert_int_equal(vocab_load(path, &v, &errs), -1);
    assert_null(v);
    char want[PATH_MAX + 16];
    static const int bad_lines[] = {2, 3, 4, 5, 6, 7, 8, 10};
    for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
        snprintf(want, sizeof want, "%s:%d: ", path, bad_lines[i]);
        if (!errs_have(&errs, want))
            fail_msg("no error for line %d", bad_lines[i]);
    }
    assert_int_equal(errs.n, 8);
    assert_true(errs_have(&errs, "expected \"KIND: phrase\""));
    assert_true(errs_have(&errs, "unknown kind \"bogus\""));
    assert_true(errs_have(&errs, "empty phrase"));
    assert_true(errs_have(&errs, "must start with a letter"));
    assert_true(errs_have(&errs, "only letters, digits and spaces"));
    assert_true(errs_have(&errs, "not valid UTF-8"));
    assert_true(errs_have(&errs, "too many words"));
    assert_int_equal(vocab_load(write_file("star.txt", "relapse: f*nt\n", 14), &v, &errs), -1);
    assert_true(errs_have(&errs, "star.txt:1: relapse phrase: only the last word may end in '*'"));
    cfg_errors_free(&errs);

    /* no file, a directory, a NUL byte, too big */
    cfg_errors_init(&errs);
    snprintf(want, sizeof want, "%s/absent.txt", tmpdir);
    assert_int_equal(vocab_load(want, &v, &errs), -1);
    assert_true(errs_have(&errs, "cannot read the vocabulary file"));
    assert_int_equal(vocab_load(tmpdir, &v, &errs), -1);
    assert_true(errs_have(&errs, "is not a regular file"));
    path = write_file("nul.txt", "crisis: a\0b\n", 12);
    assert_int_equal(vocab_load(path, &v, &errs), -1);
    assert_true(errs_have(&errs, "nul.txt:1: holds a NUL byte"));
    char *big = malloc(VOCAB_FILE_MAX + 2);
    assert_non_null(big);
    memset(big, '#', VOCAB_FILE_MAX + 1);
    path = write_file("big.txt", big, VOCAB_FILE_MAX + 1);
    free(big);
    assert_int_equal(vocab_load(path, &v, &errs), -1);
    assert_true(errs_have(&errs, "too big"));
    assert_null(v);
    cfg_errors_free(&errs);
}

static void test_add_rules(void **state)
{
    (void)state;
    struct reply_vocab *v = reply_vocab_new();
    char why[256];
    assert_non_null(v);
    assert_int_equal(reply_vocab_add(v, REPLY_VOCAB_CRISIS, "", 0, why, sizeof why), -1);
    assert_int_equal(reply_vocab_add(v, REPLY_VOCAB_CRISIS, "  ", 2, why, sizeof why), -1);
    assert_int_equal(reply_vocab_add(v, REPLY_VOCAB__COUNT, "x", 1, why, sizeof why), -1);
    char longp[300];
    memset(longp, 'a', sizeof longp);
    assert_int_equal(reply_vocab_add(v, REPLY_VOCAB_CRISIS, longp, sizeof longp, why, sizeof why),
                     -1);
    assert_non_null(strstr(why, "too long"));
    /* len is obeyed: the phrase is "tranq", not "tranquil" */
    assert_int_equal(reply_vocab_add(v, REPLY_VOCAB_RELAPSE, "tranquil", 5, why, sizeof why), 0);
    assert_int_equal(parse("tranq", v), REPLY_SIG_RELAPSE);
    assert_int_equal(parse("tranquil", v), 0);
    /* as many as allowed, then a clear refusal */
    char p[32];
    for (int i = 1; i < REPLY_VOCAB_MAX; i++) {
        int n = snprintf(p, sizeof p, "w%d", i);
        assert_int_equal(reply_vocab_add(v, REPLY_VOCAB_RELAPSE, p, (size_t)n, why, sizeof why), 0);
    }
    assert_int_equal(reply_vocab_add(v, REPLY_VOCAB_RELAPSE, "more", 4, why, sizeof why), -1);
    assert_non_null(strstr(why, "too many"));
    assert_int_equal(parse("w4095", v), REPLY_SIG_RELAPSE);
    reply_vocab_free(v);
    reply_vocab_free(NULL);
    enum reply_vocab_kind k;
    assert_int_equal(reply_vocab_kind_parse("substance", &k), 0);
    assert_int_equal(k, REPLY_VOCAB_SUBSTANCE);
    assert_int_equal(reply_vocab_kind_parse("Crisis", &k), -1);
    assert_string_equal(reply_vocab_kind_name(REPLY_VOCAB_RELAPSE), "relapse");
}

/* The example shipped in etc/ loads and means what it says. */
static void test_shipped_example(void **state)
{
    (void)state;
    const char *paths[] = {"etc/vocabulary.txt", "../etc/vocabulary.txt",
                           "../../etc/vocabulary.txt"};
    struct reply_vocab *v = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    size_t i;
    for (i = 0; i < sizeof paths / sizeof paths[0]; i++)
        if (access(paths[i], R_OK) == 0)
            break;
    assert_true(i < sizeof paths / sizeof paths[0]);
    if (vocab_load(paths[i], &v, &errs) != 0) {
        cfg_errors_print(&errs, stderr);
        fail_msg("etc/vocabulary.txt is refused");
    }
    assert_int_equal(parse("gonna catch the bus tonight", v), REPLY_SIG_CRISIS);
    assert_int_equal(parse("smoked tusi", v), REPLY_SIG_RELAPSE);
    reply_vocab_free(v);
    cfg_errors_free(&errs);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_and_match),
        cmocka_unit_test(test_bad_file),
        cmocka_unit_test(test_add_rules),
        cmocka_unit_test(test_shipped_example),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
