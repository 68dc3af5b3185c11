/* SPDX-License-Identifier: Apache-2.0 */
/* test_screen.c: the answer to the screening question (pure): only a clear
 * no, in English or Spanish, is a no; hedges, added worries, numbers,
 * emoji and anything the parser reads as risk are not (rule 6: an unclear
 * answer escalates). The built-in question texts fit the budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "config/config.h"
#include "model/reply.h"
#include "model/screen.h"
#include "model/template.h"

/* Parses text as the gateway does and asks whether it is a clear no. */
static bool no(const char *text)
{
    struct reply_result r;
    reply_parse(text, strlen(text), NULL, &r);
    return screen_is_clear_no(text, strlen(text), &r);
}

static void clear_no_in_english(void **state)
{
    (void)state;
    const char *yes_no[] = {
        "no", "No", "NO", "no.", "No!", "nope", "Nope.", "nah", "naw", "never", "no no",
        "no I'm not", "No, I am not", "no i havent", "No I haven't", "no, just tired",
        "No just tired today", "no thanks", "no, thank you", "nope, I'm fine", "No im ok",
        "no I'm good, just tired", "No, not at all", "no I\xe2\x80\x99m not", "  no  ",
        "No I don't", "no, never",
    };
    for (size_t i = 0; i < sizeof yes_no / sizeof yes_no[0]; i++) {
        if (!no(yes_no[i]))
            fail_msg("\"%s\" should be a clear no", yes_no[i]);
    }
}

static void clear_no_in_spanish(void **state)
{
    (void)state;
    const char *yes_no[] = {
        "no gracias", "No, gracias", "nunca", "Nunca.", "jamás", "¡No!", "no, para nada",
        "No, estoy bien", "no, solo cansada", "no no lo he pensado", "No, todo bien",
    };
    for (size_t i = 0; i < sizeof yes_no / sizeof yes_no[0]; i++) {
        if (!no(yes_no[i]))
            fail_msg("\"%s\" should be a clear no", yes_no[i]);
    }
}

static void not_a_clear_no(void **state)
{
    (void)state;
    const char *others[] = {
        /* yes, in any form */
        "yes", "YES", "si", "sí", "yeah", "sometimes", "maybe",
        /* hedges and worries after the no */
        "not really", "no... maybe", "no but sometimes", "no, well kind of", "no I do",
        "no i have", "no im not okay", "no im not ok", "no, I don't know", "nope but I'm scared",
        "no not really", "no i dont know", "no but i want to disappear",
        /* "no estoy bien" is "I'm not well"; "no solo cansado", "not only tired" */
        "no estoy bien", "no solo cansado", "no se", "no sé",
        /* anything the parser reads as risk, even denied */
        "no, I'm not suicidal", "no I just want to die", "no. can someone call me",
        "no, I relapsed", "no, what's the point",
        /* more than words */
        "no 3", "no \xf0\x9f\x98\xa2", "2", "", "no?? why", "n",
        /* a no that is not first */
        "I said no", "tired, no",
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        if (no(others[i]))
            fail_msg("\"%s\" must not be a clear no", others[i]);
    }
    /* A risk signal from any source makes it unclear, whatever the text. */
    struct reply_result r = {.intent = REPLY_OTHER, .signals = REPLY_SIG_AMBIGUOUS};
    assert_false(screen_is_clear_no("no", 2, &r));
    r.signals = REPLY_SIG_CRISIS | REPLY_SIG_NEGATED;
    assert_false(screen_is_clear_no("no", 2, &r));
    assert_true(screen_is_clear_no("no", 2, NULL));
    assert_false(screen_is_clear_no(NULL, 0, NULL));
    /* Never reads past len. */
    assert_true(screen_is_clear_no("no way", 2, NULL));
}

/* The built-in questions give 988, ask for YES/SI or NO, and fit two
 * plain (GSM-7) segments with a long program name. */
static void builtin_questions_fit(void **state)
{
    (void)state;
    const char *conf = "/tmp/test_screen.conf";
    FILE *f = fopen(conf, "w");
    assert_non_null(f);
    fputs("program = { name = \"Riverside Peer Support\"; contact = \"c\"; };\n"
          "providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"var/spool\"; } );\n"
          "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; } );\n"
          "specialists = ( { id = \"jordan\"; phone = \"+15555550100\"; } );\n"
          "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\";"
          " alert = \"a\"; stop = \"s\"; start = \"s\"; help = \"h\"; }; es = { checkin = \"c\"; }; };\n",
          f);
    fclose(f);
    struct gw_config *c = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    assert_int_equal(gw_config_load(&c, conf, &errs), 0);
    remove(conf);
    for (int l = 0; l < LANG__COUNT; l++) {
        char out[600];
        int ucs2 = -1;
        struct tpl_vars v = {.program = c->program_name, .contact = c->program_contact};
        assert_true(template_render(gw_config_template(c, (enum lang)l, TPL_SCREEN), &v, out,
                                    sizeof out) > 0);
        assert_non_null(strstr(out, "988"));
        assert_non_null(strstr(out, l == LANG_EN ? "YES or NO" : "SI o NO"));
        assert_true(sms_segments(out, &ucs2) <= SPECIALIST_MAX_SEGMENTS);
        assert_int_equal(ucs2, 0);
    }
    assert_int_equal(c->esc.screen_timeout_minutes, 30);
    gw_config_free(c);
    cfg_errors_free(&errs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clear_no_in_english),
        cmocka_unit_test(clear_no_in_spanish),
        cmocka_unit_test(not_a_clear_no),
        cmocka_unit_test(builtin_questions_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
