/* SPDX-License-Identifier: Apache-2.0 */
/* phone.c: pure helpers for phone numbers in E.164 form ("+15555550123").
 * No I/O, no allocation: every output goes into a buffer the caller owns. */
#include <string.h>

#include "base/phone.h"

/* E.164 allows at most 15 digits after the '+'; we also demand at least 7,
 * which rules out short codes and typos while allowing the shortest real
 * national numbers with their country code. */
#define E164_MIN_DIGITS 7
#define E164_MAX_DIGITS 15

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool phone_is_e164(const char *s)
{
    size_t n = 0;

    if (s == NULL || s[0] != '+' || s[1] < '1' || s[1] > '9')
        return false;
    for (s++; *s != '\0'; s++) {
        if (!is_digit(*s))
            return false;
        if (++n > E164_MAX_DIGITS)
            return false;
    }
    return n >= E164_MIN_DIGITS;
}

/* Separators people and providers put inside numbers; they carry no
 * meaning and are dropped. */
static bool is_separator(char c)
{
    return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')';
}

/* Returns 0 with out holding the E.164 form, or -1 with out = "". Letters,
 * a '+' anywhere but first, or a digit count outside 7..15 are refused: a
 * number we cannot be sure of must never be texted. */
int phone_normalize(const char *in, char out[PHONE_MAX])
{
    char digits[E164_MAX_DIGITS + 2]; /* room for a "00" prefix */
    size_t n = 0;
    bool seen_plus = false, seen_digit = false;
    const char *p;

    out[0] = '\0';
    if (in == NULL)
        return -1;
    for (p = in; *p != '\0'; p++) {
        if (is_separator(*p))
            continue;
        if (*p == '+') {
            if (seen_plus || seen_digit)
                return -1;
            seen_plus = true;
            continue;
        }
        if (!is_digit(*p))
            return -1;
        seen_digit = true;
        if (n == sizeof digits)
            return -1; /* too long even after a "00" prefix is dropped */
        digits[n++] = *p;
    }

    /* "00" is the international call prefix in most of the world: it
     * stands for the '+'. Only when there is no '+' already. */
    size_t start = 0;
    if (!seen_plus && n >= 2 && digits[0] == '0' && digits[1] == '0')
        start = 2;
    if (n - start > E164_MAX_DIGITS || n - start < E164_MIN_DIGITS)
        return -1;

    char tmp[PHONE_MAX];
    tmp[0] = '+';
    memcpy(tmp + 1, digits + start, n - start);
    tmp[1 + n - start] = '\0';
    if (!phone_is_e164(tmp))
        return -1;
    memcpy(out, tmp, (size_t)(n - start) + 2);
    return 0;
}

/* Keeps the first 5 characters ("+1555", the country code and a little
 * more, useful to tell numbers apart in logs) and the last 2; everything
 * between becomes '*'. Anything shorter than 8 characters keeps only a
 * leading '+': a short string is too easy to recognise whole. */
const char *phone_mask(const char *phone, char *out, size_t outsz)
{
    size_t len, i, o = 0;

    if (out == NULL || outsz == 0)
        return out;
    if (phone == NULL) {
        out[0] = '\0';
        return out;
    }
    len = strlen(phone);
    for (i = 0; i < len && o + 1 < outsz; i++) {
        bool keep;
        if (len >= 8)
            keep = i < 5 || i >= len - 2;
        else
            keep = i == 0 && phone[0] == '+';
        out[o++] = keep ? phone[i] : '*';
    }
    out[o] = '\0';
    return out;
}
