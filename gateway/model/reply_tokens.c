/* SPDX-License-Identifier: Apache-2.0 */
/* reply_tokens.c: the reply parser's first stages (see reply.c): decoding,
 * normalising, de-obfuscation and the token line. */
#include "model/reply_scan.h"

#include <string.h>

#include "base/utf8.h"

/* ---- token buffer ---------------------------------------------------------- */

static void tok_begin(struct scan *sc, enum tk kind)
{
    if (sc->len > 0)
        sc->w[sc->len++] = ' ';
    sc->cur = kind;
    sc->cur_start = sc->len;
    sc->cur_point = false;
    sc->cur_joined = false;
}

/* Text-speak and texted misspellings of the words a crisis is said in,
 * read as the word: "dont wanna liv", "end my lyf", "cnt go on", "ya no
 * quiero bivir". Only forms that are no other word in either
 * language; none grows by more than two bytes (the buffer keeps room). */
static const struct {
    const char *from, *to;
} text_speak[] = {
    {"cnt", "cant"}, {"liv", "live"}, {"livin", "living"}, {"lyf", "life"}, {"lyfe", "life"},
    {"bivir", "vivir"}, {"bibir", "vivir"},
    {"vivr", "vivir"}, {"noxe", "noche"}, {"aki", "aqui"},
};

/* The word token just written, if it is one of text_speak, as its word. */
static void tok_respell(struct scan *sc)
{
    size_t n = sc->len - sc->cur_start;
    const char *t = sc->w + sc->cur_start;
    if (n < 3 || n > 5 || !(t[0] == 'c' || t[0] == 'l' || t[0] == 'b' || t[0] == 'v' ||
                            t[0] == 'n' || t[0] == 'a'))
        return; /* the common case, before the table */
    for (size_t k = 0; k < sizeof text_speak / sizeof text_speak[0]; k++) {
        size_t l = strlen(text_speak[k].from);
        if (l == n && memcmp(t, text_speak[k].from, n) == 0) {
            size_t m = strlen(text_speak[k].to);
            memcpy(sc->w + sc->cur_start, text_speak[k].to, m);
            sc->len = sc->cur_start + m;
            return;
        }
    }
}

/* Finishes the current token; scans the buffer when it is nearly full.
 * Only called between tokens, so a flush never cuts one. */
static void tok_end(struct scan *sc)
{
    if (sc->cur == TK_NONE)
        return;
    if (sc->cur == TK_WORD)
        tok_respell(sc);
    sc->last = sc->cur;
    sc->cur = TK_NONE;
    if (sc->len >= W_FLUSH)
        rp_chunk_scan(sc, false);
}

/* A one-character token: a symbol or a clause break (never two breaks in
 * a row, never one first). */
static void tok_single(struct scan *sc, enum tk kind, char c)
{
    tok_end(sc);
    if (kind == TK_BRK && (sc->last == TK_BRK || sc->len == 0))
        return;
    tok_begin(sc, kind);
    sc->w[sc->len++] = c;
    tok_end(sc);
}

static void tok_char(struct scan *sc, enum tk kind, char c)
{
    if (sc->cur != kind) {
        bool glued = (sc->cur == TK_WORD && kind == TK_NUM) || (sc->cur == TK_NUM && kind == TK_WORD);
        tok_end(sc);
        tok_begin(sc, kind);
        if (glued && sc->cur_start > 0)
            sc->w[sc->cur_start - 1] = GLUE; /* "2day", "b4": see rp_glued() */
    } else if (sc->len - sc->cur_start >= TOK_MAX) {
        tok_end(sc);
        tok_begin(sc, kind);
    }
    sc->w[sc->len++] = c;
}

/* The token just ended is a number word ("four" of "four-five"). */
static bool last_is_numword(const struct scan *sc)
{
    if (sc->last != TK_WORD || sc->cur != TK_NONE || sc->cur_start >= sc->len)
        return false;
    const char *t = sc->w + sc->cur_start;
    size_t n = sc->len - sc->cur_start;
    for (size_t k = 0; k < rp_numwords_n; k++)
        if (rp_numwords[k].w[0] == t[0] && strlen(rp_numwords[k].w) == n &&
            memcmp(rp_numwords[k].w, t, n) == 0)
            return true;
    return false;
}

/* Settles a pending '.', ',' or '-' now that byte c follows it. */
static void resolve_pending(struct scan *sc, unsigned char c)
{
    char p = sc->pending;
    bool digit = c >= '0' && c <= '9';
    sc->pending = 0;
    if (p == '.' || p == ',') {
        /* we are still inside a number */
        if (digit) {
            sc->w[sc->len++] = p; /* decimal mark ("6.5", "6,5") */
            sc->cur_point = true;
        } else {
            tok_single(sc, TK_BRK, '|');
        }
        return;
    }
    /* '-': "6-7" and "6 - 7" are ranges, "four-five" too, "-3" and
     * "feeling -3" negative, "rough - 3" a dash. */
    if ((sc->last == TK_NUM && sc->cur == TK_NONE) || last_is_numword(sc)) {
        tok_single(sc, TK_SYM, '-');
    } else if (digit) {
        tok_end(sc);
        tok_begin(sc, TK_NUM);
        sc->w[sc->len++] = '-';
    }
}

static int emoji_value(uint32_t cp)
{
    for (size_t k = 0; k < rp_mood_emoji_n; k++)
        if (rp_mood_emoji[k].cp == cp)
            return rp_mood_emoji[k].v;
    return 0;
}

/* A byte of a multi-byte UTF-8 character (the normaliser's output is
 * valid): a mood emoji becomes a TK_EMO token, anything else separates. */
static void tok_utf8(struct scan *sc, unsigned char c)
{
    if (c >= 0xc0) {
        int need = utf8_lead(c, &sc->u8cp);
        sc->u8need = need > 0 ? need : 0;
        tok_end(sc);
        return;
    }
    if (sc->u8need == 0)
        return;
    sc->u8cp = (sc->u8cp << 6) | (c & 0x3fu);
    if (--sc->u8need > 0)
        return;
    /* a means said in an emoji ("💊💊💊 took them all"): its word */
    static const struct {
        uint32_t cp;
        const char *w;
    } means_emoji[] = {{0x1F48A, "pills"}, {0x1F52B, "gun"}, {0x1F52A, "knife"}};
    for (size_t k = 0; k < sizeof means_emoji / sizeof means_emoji[0]; k++)
        if (sc->u8cp == means_emoji[k].cp) {
            size_t n = strlen(means_emoji[k].w);
            tok_begin(sc, TK_WORD);
            memcpy(sc->w + sc->len, means_emoji[k].w, n);
            sc->len += n;
            tok_end(sc);
            return;
        }
    int v = emoji_value(sc->u8cp);
    if (v > 0) {
        tok_begin(sc, TK_EMO);
        sc->w[sc->len++] = '~';
        sc->w[sc->len++] = (char)('a' + v - 1);
        if (sc->u8cp == 0x1F44D)
            sc->w[sc->len++] = 't'; /* a thumb up: alone, a receipt (rp_mood_emoji_candidate) */
        tok_end(sc);
    }
}

/* Appends one byte of normalised, de-obfuscated text to the token line. */
static void tok_byte(struct scan *sc, unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c - 'A' + 'a');
    if (c == '>' && sc->pending == '-') {
        /* "4 -> 7": an arrow is a change, read "then" (the later wins) */
        sc->pending = 0;
        tok_end(sc);
        tok_begin(sc, TK_WORD);
        memcpy(sc->w + sc->len, "then", 4);
        sc->len += 4;
        tok_end(sc);
        return;
    }
    if (sc->pending)
        resolve_pending(sc, c);

    if (c == WILD) {
        /* a censored letter ("k*ll"): a '*' in the word, see word_match */
        if (!(sc->cur == TK_WORD && sc->w[sc->len - 1] == '*'))
            tok_char(sc, TK_WORD, '*');
        return;
    }
    if (c >= 'a' && c <= 'z') {
        /* Real double letters stay ("good" is not "god", "odd" not "OD");
         * a run of three or more is emphasis and reads as one letter
         * ("diiiie" -> "die", "sooo" -> "so"). */
        if (sc->cur == TK_WORD && sc->swallow == (char)c)
            return;
        sc->swallow = 0;
        if (sc->cur == TK_WORD && sc->len >= sc->cur_start + 2 && sc->w[sc->len - 1] == (char)c &&
            sc->w[sc->len - 2] == (char)c) {
            /* but "gooood" is "good": collapsing must not make "god" */
            if (!(c == 'o' && sc->len == sc->cur_start + 3 && sc->w[sc->cur_start] == 'g'))
                sc->len--;
            sc->swallow = (char)c;
            return;
        }
        tok_char(sc, TK_WORD, (char)c);
    } else if (c >= '0' && c <= '9') {
        tok_char(sc, TK_NUM, (char)c);
    } else if (c == '\'' || c == '`') {
        /* "don't" -> "dont"; but "OD'd" must not become "odd" */
        if (sc->cur == TK_WORD && sc->len - sc->cur_start == 2 &&
            memcmp(sc->w + sc->cur_start, "od", 2) == 0)
            sc->w[sc->len++] = 'e';
    } else if (c == '.' || c == ',') {
        if (sc->cur == TK_NUM && !sc->cur_point)
            sc->pending = (char)c;
        else
            tok_single(sc, TK_BRK, '|');
    } else if (c == '-') {
        tok_end(sc);
        sc->pending = '-';
    } else if (c == '/' || c == ':') {
        /* after a number, or a number word ("seven/10", "ocho/10": the
         * slash of a score out of ten) */
        bool after_num = sc->cur == TK_NUM || (sc->cur == TK_NONE && sc->last == TK_NUM);
        if (!after_num && c == '/' && sc->cur == TK_WORD) {
            tok_end(sc);
            after_num = last_is_numword(sc);
        }
        if (after_num)
            tok_single(sc, TK_SYM, (char)c);
        else if (c == ':')
            tok_single(sc, TK_BRK, '|');
        else
            tok_end(sc);
    } else if (c == '%' || c == '$') {
        tok_single(sc, TK_SYM, (char)c); /* "$5" is money (reply_score.c) */
    } else if (c == '&') {
        /* "8 & a half", "me & my sister": "and" */
        tok_end(sc);
        tok_begin(sc, TK_WORD);
        memcpy(sc->w + sc->len, "and", 3);
        sc->len += 3;
        tok_end(sc);
    } else if (c == '@') {
        /* "im @ 7", "group @ 6": "at" (before a letter it was an "a") */
        tok_end(sc);
        tok_begin(sc, TK_WORD);
        sc->w[sc->len++] = 'a';
        sc->w[sc->len++] = 't';
        tok_end(sc);
    } else if (c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r' || c == '(' ||
               c == ')') {
        tok_single(sc, TK_BRK, c == '?' ? '?' : '|'); /* a question is told apart (reply_score.c) */
    } else if (c >= 0x80) {
        tok_utf8(sc, c);
    } else {
        tok_end(sc); /* space, other punctuation */
    }
}

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Spaced-out letters: "k i l l", "s.u.i.c.i.d.e", "d-i-e" are one word.
 * After a word of one letter (or one already joined), separators are held;
 * a single letter after them joins the word, anything else (a longer word,
 * a digit, the end) lets the held bytes through unchanged. */
static void gap_release(struct scan *sc)
{
    for (int k = 0; k < sc->ngap; k++)
        tok_byte(sc, sc->gap[k]);
    sc->ngap = 0;
}

/* The joined word being written starts with a letter that is a word of its
 * own ("I r e l a p s e d" reads "irelapsed"): its separator becomes a tab,
 * so rp_chunk_scan also tries the phrases on the rest of it. */
void rp_mark_lone_first(struct scan *sc)
{
    char f = sc->w[sc->cur_start];
    if (sc->cur_joined || !(f == 'i' || f == 'a' || f == 'y' || f == 'o'))
        return;
    if (sc->cur_start == 0) {
        memmove(sc->w + 1, sc->w, sc->len);
        sc->len++;
        sc->cur_start = 1;
    }
    sc->w[sc->cur_start - 1] = '\t';
}

static bool gap_is_stars(const struct scan *sc)
{
    for (int k = 0; k < sc->ngap; k++)
        if (sc->gap[k] != '*')
            return false;
    return sc->ngap > 0;
}

static void spaced_byte(struct scan *sc, unsigned char c)
{
    if (sc->held) {
        unsigned char l = sc->held;
        sc->held = 0;
        if (gap_is_stars(sc)) {
            /* "k*ll", "d*e", "s*u*i*c*i*d*e": stars between single letters
             * are censored letters or separators; a wildcard is both */
            sc->ngap = 0;
            tok_byte(sc, WILD);
            tok_byte(sc, l);
            rp_mark_lone_first(sc);
            sc->cur_joined = true;
        } else if (is_letter(c)) {
            gap_release(sc); /* "i want": a word starts, nothing to join */
            tok_byte(sc, l);
        } else {
            sc->ngap = 0; /* the separators vanish: "k i" -> "ki" */
            tok_byte(sc, l);
            rp_mark_lone_first(sc);
            sc->cur_joined = true;
        }
    } else if (sc->ngap > 0) {
        if (is_letter(c)) {
            sc->held = c;
            return;
        }
        if (!(c == ' ' || c == '.' || c == '-' || c == '_' || c == '*') ||
            sc->ngap == (int)sizeof sc->gap)
            gap_release(sc);
    }
    bool joinable = sc->cur == TK_WORD && (sc->len - sc->cur_start == 1 || sc->cur_joined);
    if (joinable && (c == ' ' || c == '.' || c == '-' || c == '_' || c == '*') &&
        sc->ngap < (int)sizeof sc->gap) {
        sc->gap[sc->ngap++] = c;
        return;
    }
    tok_byte(sc, c);
}

/* Letters written as digits or symbols: "su1cide", "k1ll", "$uicidal",
 * "d!e", "su*cide" (a censored letter: WILD). Only between letters (or, for
 * '$' and '@', before one), so "covid 19", "5ish" and "$5" are left alone;
 * a run of up to three ("k!!ll") counts. */
static unsigned char leet_letter(unsigned char c)
{
    switch (c) {
    case '*': return WILD;
    case '0': return 'o';
    case '1': case '!': return 'i';
    case '3': return 'e';
    case '4': case '@': return 'a';
    case '5': case '$': return 's';
    case '7': return 't';
    default: return 0;
    }
}

static void feed_byte(struct scan *sc, unsigned char c)
{
    if (c < 0x20 && c != '\n' && c != '\r')
        c = ' '; /* control bytes separate; WILD is the parser's own */
    if (sc->nleet > 0) {
        if (leet_letter(c) && sc->nleet < (int)sizeof sc->leet) {
            sc->leet[sc->nleet++] = c; /* "k!!ll" */
            return;
        }
        bool letter = is_letter(c);
        for (int k = 0; k < sc->nleet; k++)
            spaced_byte(sc, letter ? leet_letter(sc->leet[k]) : sc->leet[k]);
        sc->nleet = 0;
        sc->prev_letter = letter;
    }
    /* '*' after a lone letter ("k*ll", "k*i*l*l") is left to spaced_byte */
    bool lone = sc->cur == TK_WORD && (sc->len - sc->cur_start == 1 || sc->cur_joined);
    if (leet_letter(c) && (sc->prev_letter || c == '$' || c == '@') &&
        !(c == '*' && (lone || sc->ngap > 0 || sc->held))) {
        sc->leet[sc->nleet++] = c;
        return;
    }
    sc->prev_letter = is_letter(c);
    spaced_byte(sc, c);
}

/* The end of the text: lets every held byte through and ends the last
 * token. */
void rp_feed_end(struct scan *sc)
{
    feed_byte(sc, ' ');
    gap_release(sc);
    tok_byte(sc, ' ');
}

/* ---- normalisation ------------------------------------------------------- */

/* Normalises UTF-8 s[0..n) (valid) and feeds the result. Returns 0, or -1
 * if it did not fit in cps (the caller then goes character by character). */
static int norm_run(struct norm *nm, struct scan *sc, const uint8_t *s, size_t n)
{
    utf8proc_ssize_t k = utf8proc_decompose(s, (utf8proc_ssize_t)n, nm->cps, CP_MAX, NORM_OPTS);
    if (k < 0 || k > CP_MAX)
        return -1;
    k = utf8proc_reencode(nm->cps, k, NORM_OPTS);
    if (k < 0)
        return -1;
    const uint8_t *out = (const uint8_t *)nm->cps;
    for (utf8proc_ssize_t i = 0; i < k; i++)
        feed_byte(sc, out[i]);
    return 0;
}

static void seg_flush(struct norm *nm, struct scan *sc)
{
    if (nm->seglen == 0)
        return;
    if (!nm->nonascii) {
        /* ASCII is its own NFKC form; feed_byte lower-cases it. The
         * common byte, a letter inside a word with nothing held, pending
         * or swallowed, not a third of a kind and within TOK_MAX, is what
         * feed_byte would append: appended here */
        for (size_t i = 0; i < nm->seglen; i++) {
            unsigned char c = nm->seg[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            size_t wl = sc->len - sc->cur_start;
            if (c >= 'a' && c <= 'z' && sc->cur == TK_WORD &&
                (sc->nleet | sc->held | sc->ngap | sc->pending | sc->swallow) == 0 && wl < TOK_MAX &&
                !(wl >= 2 && sc->w[sc->len - 1] == (char)c && sc->w[sc->len - 2] == (char)c)) {
                sc->w[sc->len++] = (char)c;
                sc->prev_letter = true;
                continue;
            }
            feed_byte(sc, nm->seg[i]);
        }
    } else if (norm_run(nm, sc, nm->seg, nm->seglen) != 0) {
        /* Expanded too much (a few characters expand 18-fold): one
         * character at a time; only composition across them is lost. */
        size_t i = 0;
        while (i < nm->seglen) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t l = utf8proc_iterate(nm->seg + i, (utf8proc_ssize_t)(nm->seglen - i), &cp);
            if (l <= 0)
                l = 1;
            if (norm_run(nm, sc, nm->seg + i, (size_t)l) != 0)
                feed_byte(sc, ' ');
            i += (size_t)l;
        }
    }
    nm->seglen = 0;
    nm->nonascii = false;
}

/* Decodes text, replacing invalid bytes and NULs by spaces, and hands it
 * to the normaliser in segments. */
void rp_norm_text(struct norm *nm, struct scan *sc, const uint8_t *s, size_t len)
{
    size_t i = 0;
    nm->seglen = 0;
    nm->nonascii = false;
    while (i < len) {
        if (s[i] < 0x80) {
            /* before an ASCII byte is a safe place to cut */
            if (nm->seglen >= SEG_SOFT)
                seg_flush(nm, sc);
            nm->seg[nm->seglen++] = s[i] ? s[i] : ' ';
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        size_t rem = len - i;
        utf8proc_ssize_t l = utf8proc_iterate(s + i, (utf8proc_ssize_t)(rem < 4 ? rem : 4), &cp);
        if (nm->seglen + 4 > SEG_MAX)
            seg_flush(nm, sc);
        if (l <= 0) {
            nm->seg[nm->seglen++] = ' ';
            i++;
            continue;
        }
        if (cp == 0x1F51F || cp == 0x2192) {
            /* the keycap ten "🔟" has no decomposition: the number it
             * shows; "4→7" is "4 -> 7" (tok_byte) */
            memcpy(nm->seg + nm->seglen, cp == 0x2192 ? " -> " : " 10 ", 4);
            nm->seglen += 4;
            i += (size_t)l;
            continue;
        }
        if (cp == 0xBD) {
            /* "6½": NFKC would make it "61⁄2"; written " 1/2" it is the
             * half of "6 1/2" (reply_score.c) */
            memcpy(nm->seg + nm->seglen, " 1/2", 4);
            nm->seglen += 4;
            i += (size_t)l;
            continue;
        }
        memcpy(nm->seg + nm->seglen, s + i, (size_t)l);
        nm->seglen += (size_t)l;
        nm->nonascii = true;
        i += (size_t)l;
    }
    seg_flush(nm, sc);
}

