/* SPDX-License-Identifier: Apache-2.0 */
/* profile_reply.c: the run that the profile-guided build of the reply
 * parser learns from (Makefile, "Profile-guided optimisation"). It parses
 * every reply of the labelled files named on its command line (the
 * training sets, the .txt files of tests/corpus/train; not
 * tests/corpus/replies.txt, whose mix make bench times), plain and with
 * the example operator vocabulary, so
 * the compiler sees which branches real replies take. Linked against the
 * parser compiled with -fprofile-generate; prints nothing but errors.
 *
 *   profile_reply VOCABULARY FILE...
 */
#include <stdio.h>
#include <stdlib.h>

#include "../corpus/labelled.h"
#include "config/vocab.h"
#include "model/reply.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: profile_reply VOCABULARY FILE...\n");
        return 2;
    }
    struct reply_vocab *v = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    if (vocab_load(argv[1], &v, &errs) != 0) {
        cfg_errors_print(&errs, stderr);
        cfg_errors_free(&errs);
        return 1;
    }
    cfg_errors_free(&errs);
    struct reply_opts plain = {.scale_min = 1, .scale_max = 10};
    struct reply_opts withv = {.scale_min = 1, .scale_max = 10, .vocab = v};
    size_t parsed = 0;
    for (int a = 2; a < argc; a++) {
        struct lab_set c;
        char err[1024];
        if (lab_load(argv[a], &c, err, sizeof err) != 0) {
            fprintf(stderr, "profile_reply: %s\n", err);
            reply_vocab_free(v);
            return 1;
        }
        for (size_t i = 0; i < c.n; i++) {
            struct reply_result r;
            reply_parse(c.l[i].text, c.l[i].len, &plain, &r);
            reply_parse(c.l[i].text, c.l[i].len, &withv, &r);
            parsed++;
        }
        lab_free(&c);
    }
    reply_vocab_free(v);
    if (parsed == 0) {
        fprintf(stderr, "profile_reply: no replies in the files given\n");
        return 1;
    }
    return 0;
}
