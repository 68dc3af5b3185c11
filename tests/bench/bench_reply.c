/* SPDX-License-Identifier: Apache-2.0 */
/* bench_reply.c: replies parsed per second by reply_parse on one core (one
 * thread), for a realistic mix: every reply of the labelled corpus
 * tests/corpus/replies.txt (moods, opt-outs, crisis and relapse language in
 * English and Spanish, idioms, junk), in file order, over and over. Also the
 * same mix with the shipped example vocabulary, and the longest SMS chain
 * (255 x 153 characters) as bytes per second. Each figure is the median
 * of RUNS timed runs. Rows: figure<TAB>value<TAB>unit<TAB>command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../corpus/corpus.h"
#include "model/reply.h"
#include "config/vocab.h"

#define RUNS 7
#define RUN_SECONDS 0.3

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static volatile unsigned sink; /* keeps the results alive */

/* Median over RUNS of items per second, each run parsing texts[0..n) in
 * rounds for about RUN_SECONDS. */
static double rate(char *const *texts, const size_t *lens, size_t n,
                   const struct reply_opts *o)
{
    double r[RUNS];
    for (int k = 0; k < RUNS; k++) {
        size_t done = 0;
        double t0 = now(), t;
        do {
            for (size_t i = 0; i < n; i++) {
                struct reply_result res;
                reply_parse(texts[i], lens[i], o, &res);
                sink += res.signals + (unsigned)res.intent;
            }
            done += n;
        } while ((t = now() - t0) < RUN_SECONDS);
        r[k] = (double)done / t;
    }
    qsort(r, RUNS, sizeof r[0], cmp_double);
    return r[RUNS / 2];
}

int main(void)
{
    const char *path = "tests/corpus/replies.txt";
    struct corpus c;
    struct reply_vocab *v = NULL;
    struct cfg_errors errs;
    char err[512];
    if (corpus_load(path, &c, err, sizeof err) != 0) {
        fprintf(stderr, "bench_reply: %s (run from the repository root)\n", err);
        return 1;
    }
    char **texts = malloc(c.n * sizeof *texts);
    size_t *lens = malloc(c.n * sizeof *lens), bytes = 0;
    if (texts == NULL || lens == NULL)
        return 1;
    for (size_t i = 0; i < c.n; i++) {
        texts[i] = c.lines[i].text;
        lens[i] = c.lines[i].len;
        bytes += lens[i];
    }
    struct reply_opts plain = {.scale_min = 1, .scale_max = 10};
    double mix = rate(texts, lens, c.n, &plain);
    printf("reply_parse, corpus mix (%zu replies, %.0f bytes avg), 1 core\t%.0f\treplies/s\t"
           "make bench BENCH=bench_reply\n", c.n, (double)bytes / (double)c.n, mix);

    cfg_errors_init(&errs);
    if (vocab_load("etc/vocabulary.txt", &v, &errs) != 0) {
        cfg_errors_print(&errs, stderr);
        return 1;
    }
    cfg_errors_free(&errs);
    struct reply_opts withv = {.scale_min = 1, .scale_max = 10, .vocab = v};
    printf("reply_parse, corpus mix with etc/vocabulary.txt, 1 core\t%.0f\treplies/s\t"
           "make bench BENCH=bench_reply\n", rate(texts, lens, c.n, &withv));

    /* the longest reply an SMS chain carries, a crisis phrase at its end */
    size_t ln = 255 * 153;
    char *longt = malloc(ln);
    const char *fill = "work was long and the bus was late again. ", *tail = " I want to die";
    if (longt == NULL)
        return 1;
    for (size_t i = 0; i < ln; i++)
        longt[i] = fill[i % strlen(fill)];
    memcpy(longt + ln - strlen(tail), tail, strlen(tail));
    double lr = rate(&longt, &ln, 1, &plain);
    printf("reply_parse, 39015-character reply (255 SMS segments)\t%.1f\tMB/s\t"
           "make bench BENCH=bench_reply\n", lr * (double)ln / 1e6);

    free(longt);
    reply_vocab_free(v);
    free(texts);
    free(lens);
    corpus_free(&c);
    return sink == 0xdeadbeef; /* never: only keeps sink used */
}
