/* SPDX-License-Identifier: Apache-2.0 */
/* test_prom.c: the /metrics building blocks (gateway/daemon/metrics.c): histogram
 * buckets, the text builder's families, label escaping, number formats and
 * the cumulative histogram samples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/metrics.h"

static void histogram_buckets(void **state)
{
    (void)state;
    static const double b[] = {1, 5};
    struct histogram h = {.bounds = b, .n = 2};
    histogram_observe(&h, 0.5);
    histogram_observe(&h, 1); /* le is inclusive */
    histogram_observe(&h, 3);
    histogram_observe(&h, 99);
    histogram_observe(&h, -2); /* clamped to 0 */
    histogram_observe(&h, NAN); /* ignored */
    histogram_observe(NULL, 1);
    assert_int_equal(h.counts[0], 3);
    assert_int_equal(h.counts[1], 1);
    assert_int_equal(h.inf, 1);
    assert_int_equal(h.count, 5);
    assert_true(fabs(h.sum - 103.5) < 1e-9);
}

static void text_format(void **state)
{
    (void)state;
    struct prom p = {0};
    prom_family(&p, "x_total", "counter", "Things.");
    const char *l[] = {"provider", "a\"b\\c\nd", "kind", "spool", NULL};
    prom_sample(&p, "x_total", l, 3);
    prom_sample(&p, "y", NULL, 0.25);
    prom_sample(&p, "z", NULL, INFINITY);
    prom_sample(&p, "w", NULL, 1e20);
    assert_string_equal(p.buf, "# HELP x_total Things.\n# TYPE x_total counter\n"
                               "x_total{provider=\"a\\\"b\\\\c\\nd\",kind=\"spool\"} 3\n"
                               "y 0.25\nz +Inf\nw 1e+20\n");
    struct prom q = {0};
    prom_sample(&q, "extra", NULL, 1);
    prom_append(&p, &q);
    assert_non_null(strstr(p.buf, "\nextra 1\n"));
    assert_int_equal(p.oom, 0);
    free(p.buf);
    free(q.buf);
}

static void histogram_text(void **state)
{
    (void)state;
    static const double b[] = {0.5, 2};
    struct histogram h = {.bounds = b, .n = 2};
    histogram_observe(&h, 0.1);
    histogram_observe(&h, 1);
    histogram_observe(&h, 10);
    struct prom p = {0};
    const char *l[] = {"provider", "spool", NULL};
    prom_histogram(&p, "lat_seconds", l, &h);
    assert_string_equal(p.buf, "lat_seconds_bucket{provider=\"spool\",le=\"0.5\"} 1\n"
                               "lat_seconds_bucket{provider=\"spool\",le=\"2\"} 2\n"
                               "lat_seconds_bucket{provider=\"spool\",le=\"+Inf\"} 3\n"
                               "lat_seconds_sum{provider=\"spool\"} 11.1\n"
                               "lat_seconds_count{provider=\"spool\"} 3\n");
    free(p.buf);
    struct prom e = {0};
    struct histogram empty = {.bounds = b, .n = 2};
    prom_histogram(&e, "h", NULL, &empty);
    assert_string_equal(e.buf, "h_bucket{le=\"0.5\"} 0\nh_bucket{le=\"2\"} 0\n"
                               "h_bucket{le=\"+Inf\"} 0\nh_sum 0\nh_count 0\n");
    free(e.buf);
}

/* Output far past the first buffer still comes out whole. */
static void grows(void **state)
{
    (void)state;
    struct prom p = {0};
    for (int i = 0; i < 5000; i++)
        prom_sample(&p, "a_long_enough_metric_name_for_growth", NULL, i);
    assert_int_equal(p.oom, 0);
    assert_int_equal(strlen(p.buf), p.len);
    assert_non_null(strstr(p.buf, "a_long_enough_metric_name_for_growth 4999\n"));
    free(p.buf);
}

static void provider_slots(void **state)
{
    (void)state;
    struct metrics m;
    assert_int_equal(metrics_init(&m, 2), 0);
    assert_non_null(metrics_provider(&m, 1));
    assert_null(metrics_provider(&m, 2));
    assert_null(metrics_provider(NULL, 0));
    assert_int_equal(m.prov[0].send_latency.n > 0, 1);
    metrics_free(&m);
    metrics_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(histogram_buckets),
        cmocka_unit_test(text_format),
        cmocka_unit_test(histogram_text),
        cmocka_unit_test(grows),
        cmocka_unit_test(provider_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
