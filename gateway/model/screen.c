/* SPDX-License-Identifier: Apache-2.0 */
/* screen.c: whether an answer to the screening question is a clear no
 * (see screen.h). A short whitelist, not a parser: every word of the
 * answer must be accounted for, so a hedge or an added worry is never read
 * as a no. */
#include "model/screen.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define SCREEN_MAX_BYTES 120
#define SCREEN_MAX_WORDS 16
#define BREAK ","  /* a punctuation mark between words, kept as its own token */

/* The answer starts with one of these (one token, or two for "no no"). */
static const char *const heads[] = {
    "no", "nope", "nah", "naw", "nop", "never", "negative", "nunca", "jamas",
};

/* Then nothing but these, in any order. A leading BREAK means the phrase
 * must follow a punctuation mark: "no, estoy bien" is "no, I'm fine", but
 * "no estoy bien" is "I'm not well"; "no solo cansado" could be "not only
 * tired". */
static const struct tail {
    const char *words;
    bool needs_break;
} tails[] = {
    {"no", false}, {"nope", false}, {"never", false}, {"nunca", false}, {"jamas", false},
    {"im not", false}, {"i am not", false}, {"i have not", false}, {"i havent", false},
    {"i dont", false}, {"i do not", false}, {"not at all", false}, {"not me", false},
    {"thanks", false}, {"thank you", false}, {"thx", false}, {"gracias", false},
    {"just tired", false}, {"im just tired", false}, {"just tired today", false},
    {"im ok", false}, {"im okay", false}, {"im fine", false}, {"im good", false},
    {"im alright", false}, {"i am ok", false}, {"i am okay", false}, {"i am fine", false},
    {"i am good", false}, {"para nada", false}, {"no lo he pensado", false},
    {"estoy bien", true}, {"solo cansado", true}, {"solo cansada", true},
    {"solo estoy cansado", true}, {"solo estoy cansada", true}, {"todo bien", true},
};

struct words {
    char buf[SCREEN_MAX_BYTES + SCREEN_MAX_WORDS + 2];
    const char *w[SCREEN_MAX_WORDS];
    int n;
};

/* Splits folded text into lower-case ASCII words and BREAK tokens.
 * Apostrophes vanish ("I'm" is "im"); spaces separate; ".,!?;:-" and the
 * Spanish "¡" and "¿" are a BREAK; anything else (digits, emoji, other
 * letters) makes it more than a plain answer: returns false. */
static bool split(const unsigned char *t, size_t n, struct words *out)
{
    size_t o = 0;
    bool in_word = false, brk = false;
    out->n = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = t[i];
        bool apostrophe = ch == '\'' || (ch == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
                                         (t[i + 2] == 0x99 || t[i + 2] == 0x98));
        if (apostrophe) {
            i += ch == '\'' ? 0 : 2;
            continue; /* "i'm" -> "im", still one word */
        }
        if (ch >= 'a' && ch <= 'z') {
            if (!in_word) {
                if (brk && out->n > 0) {
                    if (out->n >= SCREEN_MAX_WORDS)
                        return false;
                    out->w[out->n++] = BREAK;
                }
                brk = false;
                if (out->n >= SCREEN_MAX_WORDS)
                    return false;
                out->w[out->n++] = out->buf + o;
                in_word = true;
            }
            out->buf[o++] = (char)ch;
            continue;
        }
        if (in_word)
            out->buf[o++] = '\0';
        in_word = false;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
            continue;
        if (strchr(".,!?;:-", ch) != NULL)
            brk = true;
        else if (ch == 0xC2 && i + 1 < n && (t[i + 1] == 0xA1 || t[i + 1] == 0xBF))
            brk = true, i++;
        else
            return false;
    }
    if (in_word)
        out->buf[o++] = '\0';
    return out->n > 0;
}

static bool is_head(const char *w)
{
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (strcmp(w, heads[i]) == 0)
            return true;
    return false;
}

/* The number of tokens of w[at..n) that tail phrase t covers, or 0. */
static int tail_match(const struct words *w, int at, const struct tail *t)
{
    char phrase[48];
    int k = at;
    strcpy(phrase, t->words);
    for (char *save = NULL, *p = strtok_r(phrase, " ", &save); p;
         p = strtok_r(NULL, " ", &save), k++)
        if (k >= w->n || strcmp(w->w[k], p) != 0)
            return 0;
    return k - at;
}

bool screen_is_clear_no(const char *text, size_t len, const struct reply_result *r)
{
    const unsigned risk = REPLY_SIG_CRISIS | REPLY_SIG_RELAPSE | REPLY_SIG_AMBIGUOUS |
                          REPLY_SIG_CONTACT | REPLY_SIG_EVENT | REPLY_SIG_NEGATED;
    utf8proc_uint8_t *norm = NULL;
    struct words w;
    bool no = false;
    /* A score read from words ("I'm fine" is a 6) is no objection; a digit
     * fails the whitelist below. */
    if (!text || len == 0 || len > SCREEN_MAX_BYTES || (r && (r->signals & risk)))
        return false;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
                                      &norm, UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                 UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n < 0)
        return false;
    if (!split(norm, (size_t)n, &w) || !is_head(w.w[0]))
        goto out;
    for (int at = 1; at < w.n;) {
        bool brk = false;
        while (at < w.n && strcmp(w.w[at], BREAK) == 0)
            brk = true, at++;
        if (at == w.n)
            break;
        int took = 0; /* the longest phrase: "just tired today", not "just tired" */
        for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
            int k = (brk || !tails[i].needs_break) ? tail_match(&w, at, &tails[i]) : 0;
            took = k > took ? k : took;
        }
        if (!took)
            goto out; /* a word we cannot account for: not only a no */
        at += took;
    }
    no = true;
out:
    free(norm);
    return no;
}
