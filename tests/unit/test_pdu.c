/* SPDX-License-Identifier: Apache-2.0 */
/* test_pdu.c: GSM-7 alphabet and packing, SMS-SUBMIT encoding, SMS-DELIVER
 * and SMS-STATUS-REPORT decoding, and joining concatenated parts, against
 * reference PDUs from the specifications' well-known examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/gsm7.h"
#include "modem/pdu.h"
#include "modem/smsjoin.h"

static void test_gsm7_pack_reference(void **state)
{
    /* "hellohello": the classic example of 23.038 septet packing. */
    const char *t = "hellohello";
    uint8_t sep[10], out[16], back[10];
    char hex[40];
    (void)state;
    for (int i = 0; i < 10; i++)
        assert_int_equal(gsm7_from_ucs((uint32_t)t[i], &sep[i]), 1);
    size_t n = gsm7_pack(sep, 10, 0, out);
    assert_int_equal(n, 9);
    for (size_t i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02X", out[i]);
    assert_string_equal(hex, "E8329BFD4697D9EC37");
    assert_int_equal(gsm7_unpack(out, n, 0, 10, back), 10);
    assert_memory_equal(back, sep, 10);
}

static void test_gsm7_alphabet(void **state)
{
    uint8_t s[2];
    (void)state;
    assert_int_equal(gsm7_from_ucs('@', s), 1);
    assert_int_equal(s[0], 0x00);
    assert_int_equal(gsm7_from_ucs(0x00E9 /* é */, s), 1);
    assert_int_equal(s[0], 0x05);
    assert_int_equal(gsm7_from_ucs(0x20AC /* € */, s), 2);
    assert_int_equal(s[0], 0x1B);
    assert_int_equal(s[1], 0x65);
    assert_int_equal(gsm7_from_ucs('{', s), 2);
    assert_int_equal(s[1], 0x28);
    assert_int_equal(gsm7_from_ucs('`', s), 0);        /* not in GSM-7 */
    assert_int_equal(gsm7_from_ucs(0x1F622, s), 0);    /* emoji */
    assert_int_equal(gsm7_to_ucs(0x10), 0x0394);        /* Δ */
    assert_int_equal(gsm7_ext_to_ucs(0x3C), '[');
    assert_int_equal(gsm7_ext_to_ucs(0x41), 0);
    /* An ESC before a septet with no extension shows the basic one. */
    uint8_t esc[] = {0x1B, 0x41, 0x1B};
    char out[16];
    assert_int_equal(gsm7_to_utf8(esc, 3, out, sizeof out), 2);
    assert_string_equal(out, "A ");
}

static void test_measure(void **state)
{
    struct sms_size z;
    char buf[400];
    (void)state;
    memset(buf, 'a', 160);
    buf[160] = '\0';
    sms_measure(buf, &z);
    assert_int_equal(z.coding, SMS_GSM7);
    assert_int_equal(z.parts, 1);
    buf[160] = 'a';
    buf[161] = '\0';
    sms_measure(buf, &z);
    assert_int_equal(z.parts, 2);
    sms_measure("price 5€", &z); /* the euro sign counts two septets */
    assert_int_equal(z.units, 9);
    /* 70 UCS-2 characters fit one SMS, 71 need two of 67. */
    size_t o = 0;
    for (int i = 0; i < 70; i++) {
        memcpy(buf + o, "\xc5\x9f", 2); /* ş: not in GSM-7 */
        o += 2;
    }
    buf[o] = '\0';
    sms_measure(buf, &z);
    assert_int_equal(z.coding, SMS_UCS2);
    assert_int_equal(z.parts, 1);
    memcpy(buf + o, "\xc5\x9f", 3);
    sms_measure(buf, &z);
    assert_int_equal(z.parts, 2);
    sms_measure("\xf0\x9f\x98\xa2", &z); /* one emoji: two UTF-16 units */
    assert_int_equal(z.units, 2);
}

static void test_submit_reference(void **state)
{
    struct sms_submit s;
    char err[100];
    (void)state;
    assert_int_equal(pdu_encode_submit("+46708251358", "hellohello", 0, false, &s, err,
                                       sizeof err), 0);
    assert_int_equal(s.nparts, 1);
    /* The well-known example (VP 0xA7 = 24 h here instead of AA). */
    assert_string_equal(s.part[0].hex, "0011000B916407281553F80000A70AE8329BFD4697D9EC37");
    assert_int_equal(s.part[0].tpdu_len, 23);
    assert_int_equal(pdu_encode_submit("+46708251358", "x", 0, true, &s, err, sizeof err), 0);
    assert_memory_equal(s.part[0].hex, "0031", 4); /* status report requested */
}

static void test_submit_errors(void **state)
{
    struct sms_submit s;
    char err[100], big[2000];
    (void)state;
    assert_int_equal(pdu_encode_submit("5555550123", "hi", 0, false, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "E.164"));
    assert_int_equal(pdu_encode_submit("+1555555012x", "hi", 0, false, &s, err, sizeof err), -1);
    assert_int_equal(pdu_encode_submit("+15555550123", "", 0, false, &s, err, sizeof err), -1);
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(pdu_encode_submit("+15555550123", big, 0, false, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "too long"));
    /* Invalid UTF-8 is sent as '?', never refused. */
    assert_int_equal(pdu_encode_submit("+15555550123", "ok\xff", 0, false, &s, err, sizeof err), 0);
    assert_int_equal(s.coding, SMS_GSM7);
}

/* Turns a SUBMIT part from the encoder into a DELIVER from +46708251358 with
 * the same user data, so the decoder can read it back. */
static void submit_to_deliver(const char *sub, char *out, size_t outsz)
{
    /* "00" SMSC, FO, MR, DA (0B 91 + 6 octets), PID, DCS, VP: UDL at 28. */
    char fo[3];
    unsigned f;
    sscanf(sub + 2, "%2x", &f);
    snprintf(fo, sizeof fo, "%02X", (f & 0x40) | 0x04);
    snprintf(out, outsz, "00%s0B916407281553F800%.2s99309251619580%s", fo, sub + 24, sub + 28);
}

static void roundtrip(const char *text, int want_parts, enum sms_coding want)
{
    struct sms_submit s;
    struct sms_pdu d;
    char err[100], deliver[400], joined[2000] = "";
    assert_int_equal(pdu_encode_submit("+46708251358", text, 77, false, &s, err, sizeof err), 0);
    assert_int_equal(s.nparts, want_parts);
    assert_int_equal(s.coding, want);
    for (int i = 0; i < s.nparts; i++) {
        submit_to_deliver(s.part[i].hex, deliver, sizeof deliver);
        assert_int_equal(pdu_decode(deliver, strlen(deliver), -1, &d, err, sizeof err), 0);
        assert_int_equal(d.type, SMS_TYPE_DELIVER);
        assert_string_equal(d.addr, "+46708251358");
        if (want_parts > 1) {
            assert_true(d.concat);
            assert_int_equal(d.concat_ref, 77);
            assert_int_equal(d.concat_total, (unsigned)want_parts);
            assert_int_equal(d.concat_seq, (unsigned)i + 1);
        }
        strcat(joined, d.text);
    }
    assert_string_equal(joined, text);
}

static void test_roundtrip(void **state)
{
    char buf[600];
    (void)state;
    roundtrip("hellohello", 1, SMS_GSM7);
    roundtrip("Caf\xc3\xa9 {ok} [5] ~ | \\ ^ \xe2\x82\xac", 1, SMS_GSM7);
    roundtrip("I feel \xf0\x9f\x98\xa2 today", 1, SMS_UCS2);
    memset(buf, 'a', 300);
    buf[300] = '\0';
    roundtrip(buf, 2, SMS_GSM7);
    /* An escape pair straddling the 153-septet cut moves whole to part 2. */
    memset(buf, 'b', 152);
    memcpy(buf + 152, "\xe2\x82\xac and a tail after it", 23);
    roundtrip(buf, 2, SMS_GSM7);
    /* A surrogate pair straddling the 67-unit cut moves whole to part 2. */
    size_t o = 0;
    for (int i = 0; i < 66; i++) {
        memcpy(buf + o, "\xc5\x9f", 2);
        o += 2;
    }
    memcpy(buf + o, "\xf0\x9f\x98\xa2 and more text", 19);
    roundtrip(buf, 2, SMS_UCS2);
}

static void test_deliver_reference(void **state)
{
    struct sms_pdu d;
    char err[100];
    const char *hello = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37";
    (void)state;
    assert_int_equal(pdu_decode(hello, strlen(hello), -1, &d, err, sizeof err), 0);
    assert_string_equal(d.smsc, "+27381000015");
    assert_string_equal(d.addr, "27838890001"); /* TOA C8: not international */
    assert_false(d.addr_international);
    assert_int_equal(d.coding, SMS_GSM7);
    assert_string_equal(d.text, "hellohello");
    assert_int_equal(d.scts, 922713419); /* 99-03-29 15:16:59 +02:00 */
    assert_false(d.concat);
    /* The same with the SMSC dropped, told by the <length> of +CMGR. */
    assert_int_equal(pdu_decode(hello + 16, strlen(hello) - 16, 28, &d, err, sizeof err), 0);
    assert_string_equal(d.text, "hellohello");
    assert_string_equal(d.smsc, "");

    /* UCS-2 "测试1" from +8613356673796. */
    const char *u = "0891683108502405F0240D91683153663797F6000860808051845100066D4B8BD50031";
    assert_int_equal(pdu_decode(u, strlen(u), 26, &d, err, sizeof err), 0);
    assert_string_equal(d.addr, "+8613356673796");
    assert_true(d.addr_international);
    assert_int_equal(d.coding, SMS_UCS2);
    assert_string_equal(d.text, "\xe6\xb5\x8b\xe8\xaf\x95" "1");
    assert_int_equal(d.scts, 1155052095);
}

static void test_deliver_udh16_and_alpha(void **state)
{
    struct sms_pdu d;
    char err[100];
    (void)state;
    /* UCS-2 with a 16-bit reference header (IEI 08): part 2 of 3, ref 0x1234. */
    const char *h = "0044" "0B915155550521F3" "0008" "99309251619580" "0B" "0608041234030200410042";
    assert_int_equal(pdu_decode(h, strlen(h), -1, &d, err, sizeof err), 0);
    assert_true(d.concat);
    assert_int_equal(d.concat_ref, 0x1234);
    assert_int_equal(d.concat_total, 3);
    assert_int_equal(d.concat_seq, 2);
    assert_string_equal(d.text, "AB");
    /* Alphanumeric sender "Carrier" (TON 5). */
    const char *a = "0004" "0DD0C3B05C9E2ECB01" "0000" "99309251619580" "02" "E834";
    assert_int_equal(pdu_decode(a, strlen(a), -1, &d, err, sizeof err), 0);
    assert_true(d.addr_alpha);
    assert_string_equal(d.addr, "Carrier");
    assert_string_equal(d.text, "hi");
    /* The same with the length counted in whole octets (14): no trailing '@'. */
    const char *a2 = "0004" "0ED0C3B05C9E2ECB01" "0000" "99309251619580" "02" "E834";
    assert_int_equal(pdu_decode(a2, strlen(a2), -1, &d, err, sizeof err), 0);
    assert_string_equal(d.addr, "Carrier");
}

static void test_status_report(void **state)
{
    struct sms_pdu d;
    char err[100];
    (void)state;
    const char *sr = "00062A0B916407281553F8" "99309251619580" "99309251619580" "00";
    assert_int_equal(pdu_decode(sr, strlen(sr), -1, &d, err, sizeof err), 0);
    assert_int_equal(d.type, SMS_TYPE_STATUS_REPORT);
    assert_int_equal(d.mr, 42);
    assert_string_equal(d.addr, "+46708251358");
    assert_int_equal(d.status, 0);
    assert_int_equal(sms_status_class(0x00), SMS_ST_DELIVERED);
    assert_int_equal(sms_status_class(0x01), SMS_ST_FORWARDED);
    assert_int_equal(sms_status_class(0x21), SMS_ST_PENDING);
    assert_int_equal(sms_status_class(0x41), SMS_ST_FAILED);
    assert_int_equal(sms_status_class(0x63), SMS_ST_FAILED);
}

/* A failure report as a service centre sends it: the SMSC in front (the
 * <length> of +CDS counts only the TPDU), a national recipient address
 * (type 0x81) and a TP-PI of 0 after TP-ST. */
static void test_status_report_failed(void **state)
{
    struct sms_pdu d;
    char err[100];
    (void)state;
    const char *sr = "07915155550500F0" "06" "07" "0A81" "5555551033" "99309251619580"
                     "99309251619580" "41" "00";
    assert_int_equal(pdu_decode(sr, strlen(sr), 25, &d, err, sizeof err), 0);
    assert_int_equal(d.type, SMS_TYPE_STATUS_REPORT);
    assert_string_equal(d.smsc, "+15555550000");
    assert_int_equal(d.mr, 7);
    assert_string_equal(d.addr, "5555550133");
    assert_false(d.addr_international);
    assert_int_equal(d.status, 0x41);
    assert_int_equal(sms_status_class(d.status), SMS_ST_FAILED);
    assert_true(d.scts > 0);
    assert_int_equal(d.discharge, d.scts);
    /* Cut inside TP-DT: refused, never read past the end. */
    assert_int_equal(pdu_decode(sr, strlen(sr) - 10, -1, &d, err, sizeof err), -1);
    assert_non_null(strstr(err, "truncated"));
}

static void test_status_text(void **state)
{
    static const struct {
        unsigned st;
        const char *text;
    } cases[] = {
        {0x00, "delivered"},
        {0x01, "forwarded, delivery not confirmed"},
        {0x20, "congestion (the service centre keeps trying)"},
        {0x21, "recipient busy"},
        {0x41, "incompatible destination"},
        {0x46, "validity period expired"},
        {0x49, "message does not exist"},
        {0x62, "no response from the recipient"}, /* the centre gave up */
        {0x50, "permanent error"},
        {0x30, "temporary error (the service centre keeps trying)"},
        {0x03, "reserved status"},
        {0xFF, "reserved status"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(sms_status_text(cases[i].st), cases[i].text);
    assert_int_equal(sms_status_class(0x62), SMS_ST_FAILED);
}

static void test_decode_errors(void **state)
{
    struct sms_pdu d;
    char err[100];
    (void)state;
    assert_int_equal(pdu_decode("0", 1, -1, &d, err, sizeof err), -1);
    assert_int_equal(pdu_decode("00ZZ", 4, -1, &d, err, sizeof err), -1);
    assert_non_null(strstr(err, "hex"));
    assert_int_equal(pdu_decode("0004", 4, -1, &d, err, sizeof err), -1);
    assert_non_null(strstr(err, "truncated"));
    /* An SMS-SUBMIT is not something a modem delivers. */
    assert_int_equal(pdu_decode("0011000B916407281553F80000A70AE8329BFD4697D9EC37", 48, -1, &d,
                                err, sizeof err), -1);
    assert_non_null(strstr(err, "MTI"));
    /* A header claiming more than the user data. */
    assert_int_equal(pdu_decode("0044" "0B915155550521F3" "0008" "99309251619580" "02" "0900",
                                36, -1, &d, err, sizeof err), -1);
    /* Compressed text. */
    assert_int_equal(pdu_decode("0004" "0B915155550521F3" "0020" "99309251619580" "01" "41", 36,
                                -1, &d, err, sizeof err), -1);
}

static struct sms_pdu part(const char *from, unsigned ref, unsigned total, unsigned seq,
                           const char *text)
{
    struct sms_pdu p;
    memset(&p, 0, sizeof p);
    p.type = SMS_TYPE_DELIVER;
    snprintf(p.addr, sizeof p.addr, "%s", from);
    p.concat = true;
    p.concat_ref = ref;
    p.concat_total = total;
    p.concat_seq = seq;
    snprintf(p.text, sizeof p.text, "%s", text);
    p.text_len = strlen(text);
    p.scts = 1000 + seq;
    return p;
}

static void test_join(void **state)
{
    struct smsjoin *j = smsjoin_new();
    struct smsjoin_set *s, *t;
    struct sms_pdu a = part("+15555550123", 9, 3, 3, "three"), b = part("+15555550123", 9, 3, 1, "one "),
                   c = part("+15555550123", 9, 3, 2, "two "), other = part("+15555550124", 9, 3, 1, "x");
    char out[SMSJOIN_MAX_PARTS * SMS_TEXT_MAX];
    (void)state;
    assert_non_null(j);
    assert_true(smsjoin_wanted(&a));
    s = smsjoin_add(j, &a, 5, 111, 100);
    assert_non_null(s);
    assert_false(smsjoin_complete(s));
    assert_null(smsjoin_ready(j, 101, 600));
    assert_int_equal(smsjoin_next_due(j, 101, 600), 599);
    assert_ptr_equal(smsjoin_add(j, &b, 3, 222, 102), s);
    assert_ptr_equal(smsjoin_add(j, &b, 4, 222, 103), s); /* seen again: index updated */
    assert_int_equal(s->have, 2);
    assert_int_equal(s->part[0].index, 4);
    t = smsjoin_add(j, &other, 7, 333, 103); /* another sender, same ref: another set */
    assert_ptr_not_equal(t, s);
    assert_ptr_equal(smsjoin_add(j, &c, 6, 444, 104), s);
    assert_true(smsjoin_complete(s));
    assert_ptr_equal(smsjoin_ready(j, 104, 600), s);
    assert_int_equal(smsjoin_text(s, out, sizeof out), strlen("one two three"));
    assert_string_equal(out, "one two three");
    assert_int_equal(s->scts, 1001);
    uint64_t id = smsjoin_id(s);
    smsjoin_remove(j, s);
    /* The same parts in another order give the same id (a re-read after a crash). */
    smsjoin_add(j, &c, 1, 444, 200);
    smsjoin_add(j, &a, 2, 111, 200);
    s = smsjoin_add(j, &b, 3, 222, 200);
    assert_int_equal(smsjoin_id(s), id);
    smsjoin_remove(j, s);
    /* The incomplete set times out and is handed over as what arrived. */
    assert_null(smsjoin_ready(j, 702, 600));
    assert_ptr_equal(smsjoin_ready(j, 703, 600), t);
    smsjoin_text(t, out, sizeof out);
    assert_string_equal(out, "x");
    smsjoin_remove(j, t);
    assert_int_equal(smsjoin_count(j), 0);
    assert_int_equal(smsjoin_next_due(j, 0, 600), -1);
    smsjoin_free(j);
    smsjoin_free(NULL);
}

static void test_join_full(void **state)
{
    struct smsjoin *j = smsjoin_new();
    (void)state;
    for (unsigned i = 0; i < SMSJOIN_MAX_SETS; i++) {
        struct sms_pdu p = part("+15555550123", i, 2, 1, "p");
        assert_non_null(smsjoin_add(j, &p, (int)i, i, 100 + i));
    }
    struct sms_pdu q = part("+15555550123", 999, 2, 1, "q");
    assert_null(smsjoin_add(j, &q, 99, 1, 200)); /* full */
    struct smsjoin_set *oldest = smsjoin_ready(j, 200, 600);
    assert_non_null(oldest);
    assert_int_equal(oldest->ref, 0); /* the oldest is handed over early */
    smsjoin_remove(j, oldest);
    assert_non_null(smsjoin_add(j, &q, 99, 1, 200));
    smsjoin_free(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gsm7_pack_reference),
        cmocka_unit_test(test_gsm7_alphabet),
        cmocka_unit_test(test_measure),
        cmocka_unit_test(test_submit_reference),
        cmocka_unit_test(test_submit_errors),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_deliver_reference),
        cmocka_unit_test(test_deliver_udh16_and_alpha),
        cmocka_unit_test(test_status_report),
        cmocka_unit_test(test_status_report_failed),
        cmocka_unit_test(test_status_text),
        cmocka_unit_test(test_decode_errors),
        cmocka_unit_test(test_join),
        cmocka_unit_test(test_join_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
