#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""modemsim.py: a GSM modem simulator on a pseudo-terminal, for the modem
provider's integration test (tests/integration/test_modem.sh).

It speaks the AT dialogue of 3GPP TS 27.005 in PDU mode, as a real modem
does: echo until ATE0, AT+CMEE, AT+CPIN?, AT+CMGF=0, AT+CNMI, AT+CMGL=4,
AT+CMGR, AT+CMGD, AT+CMGS=<len> with the "> " prompt, the PDU and Ctrl-Z
(ESC cancels), "+CMGS: <mr>". Messages "received from the network" are
stored on a simulated SIM and announced with +CMTI. It is an independent
implementation (Python, not the gateway's C): the SMS-SUBMIT PDUs the
gateway sends are decoded here and written to a log, which is how the test
checks the text a phone would show.

    modemsim.py --link PATH --ctl FIFO --dir DIR [--pin 1234] [--lock pin|puk|none]
                [--pin-attempts 3] [--quote-cpin] [--sim-size 30] [--strict]

--pin is the SIM's correct PIN; with it the SIM starts locked (+CPIN: SIM
PIN) unless --lock none. --lock puk starts it blocked (+CPIN: SIM PUK).
Each wrong AT+CPIN=<pin> answers +CME ERROR: 16 (incorrect password) and
uses one of --pin-attempts; when none is left the SIM wants its PUK, as a
real one does (3GPP TS 27.007 8.3, 9.2). The PIN itself is never logged.
--quote-cpin answers +CPIN: "SIM PIN" with quotes, as some modems do.
--sim-size is how many messages the SIM holds (AT+CPMS? shows the counts);
a text that arrives while it is full waits "in the network" and is stored
once there is room, as a service centre retries.
--strict is a modem that does not skip bytes before "AT": a command line
that does not begin with it (after a LF or spaces) answers ERROR, so ESC,
a pause and "AT\r" is refused as "\x1bAT" (an ESC still cancels a "> "
prompt). It logs every line it receives, "line <hex>" (" unanswered" while
silent), so a test can see what came before the commands.

PATH becomes a symlink to the pty's slave (the gateway's `device`). DIR
receives:
    sent.log     one line per complete message sent: "<to>\\t<text>"
                 (parts of a long message joined; newlines written as \\n)
    events.log   one line per event: "sent-part <to> <coding> <ref>/<seq>/<total> mr=<n> srr=<0|1>",
                 "pin-ok", "pin-wrong left=<n>", "pin-refused-puk", "report mr=<n> st=<hex> via=<cds|cdsi>",
                 "deleted <index>", "cms <code>", "unplugged", "plugged",
                 "cmti <index>" (a +CMTI went out), "read-after-cmti index=<i>
                 ms=<time since its +CMTI> by=<AT+CMGR=<i>|AT+CMGL=4>",
                 --strict: "line <hex>[ unanswered]", "refused <hex>", ...
    sim.txt      the SIM's stored messages now: "<index> <stat>" lines
Control lines written to FIFO:
    deliver <from> <text>        a message arrives (stored, +CMTI sent);
                                 long texts become concatenated parts
    deliver_reversed <from> <text>  the parts of a long text arrive last first
    deliver_part <from> <ref> <total> <seq> <text>  one part of a long text
    store <from> <text>          stored on the SIM with no +CMTI
    alpha <name> <text>          from an alphanumeric sender
    cms <code>                   the next AT+CMGS answers +CMS ERROR: <code>
    cms_part <seq> <code>        the next part <seq> of a long text answers
                                 +CMS ERROR: <code> (logged "cms <code> part=<seq>")
    report <mr|last> <st> [<to>] an SMS-STATUS-REPORT (TP-ST hex, 23.040
                                 9.2.3.15) for TP-MR <mr>, shown the way the
                                 gateway's AT+CNMI asked: ds=1 +CDS: <len> and
                                 the PDU, ds=2 stored and +CDSI: "SR",<i>,
                                 ds=0 dropped (logged "report-dropped")
    report_stored <mr|last> <st> [<to>]  the same, stored on the SIM and
                                 announced with +CDSI whatever ds is (a
                                 modem that stores its reports)
    size <n>                     the SIM now holds n messages
    delete <index>               a person deletes a stored message
    silent / answer              stop answering / answer again
    unplug / plug                the device disappears / comes back
    quit
"""
import argparse
import os
import select
import sys
import time
import tty

GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXT = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[",
            0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€"}
GSM7_EXT_REV = {v: k for k, v in GSM7_EXT.items()}
assert len(GSM7) == 128


def to_septets(text):
    """Septets for text, or None if GSM-7 cannot carry it."""
    out = []
    for ch in text:
        if ch in GSM7_EXT_REV:
            out += [0x1B, GSM7_EXT_REV[ch]]
        elif ch in GSM7 and ch != "\x1b":
            out.append(GSM7.index(ch))
        else:
            return None
    return out


def from_septets(sep):
    out, i = [], 0
    while i < len(sep):
        if sep[i] == 0x1B and i + 1 < len(sep):
            out.append(GSM7_EXT.get(sep[i + 1], GSM7[sep[i + 1]]))
            i += 2
        else:
            out.append(GSM7[sep[i]])
            i += 1
    return "".join(out)


def pack(sep, fill):
    bits, nbits = 0, fill
    out = bytearray()
    acc = 0
    for s in sep:
        acc |= s << nbits
        nbits += 7
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    if nbits > 0:
        out.append(acc & 0xFF)
    del bits
    return bytes(out)


def unpack(data, fill, count):
    val = int.from_bytes(data, "little")
    return [(val >> (fill + 7 * i)) & 0x7F for i in range(count)]


def bcd(number):
    digits = number + ("F" if len(number) % 2 else "")
    return bytes(int(digits[i + 1] + digits[i], 16) for i in range(0, len(digits), 2))


def unbcd(data, n):
    s = "".join(f"{b & 15:X}{b >> 4:X}" for b in data)
    return s[:n]


def scts_now():
    t = time.gmtime()
    vals = [t.tm_year % 100, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, 0]
    return bytes(((v % 10) << 4) | (v // 10) for v in vals)


def deliver_pdus(sender, text, ref, reverse=False, alpha=False, only=None):
    """SMS-DELIVER PDUs (hex, with an SMSC) and their TPDU lengths."""
    sep = to_septets(text)
    ucs2 = sep is None
    units = list(text.encode("utf-16-be")) if ucs2 else sep
    # Split without cutting a surrogate pair or an escape.
    if ucs2:
        single, per = 140, 134
    else:
        single, per = 160, 153
    parts = []
    if len(units) <= single:
        parts = [units]
    else:
        i = 0
        while i < len(units):
            end = min(i + per, len(units))
            if ucs2:
                if end < len(units) and 0xD8 <= units[end - 2] <= 0xDB:
                    end -= 2
            elif end < len(units) and units[end - 1] == 0x1B:
                end -= 1
            parts.append(units[i:end])
            i = end
    if alpha:
        sep = to_septets(sender)
        a = pack(sep, 0)
        oa = bytes([(len(sep) * 7 + 3) // 4, 0xD0]) + a
    else:
        num = sender.lstrip("+")
        oa = bytes([len(num), 0x91]) + bcd(num)
    out = []
    total = len(parts)
    for k, p in enumerate(parts):
        udh = bytes([5, 0, 3, ref & 0xFF, total, k + 1]) if total > 1 else b""
        fo = 0x04 | (0x40 if udh else 0)
        if ucs2:
            ud = udh + bytes(p)
            udl = len(ud)
        else:
            fill = (7 - (len(udh) * 8) % 7) % 7 if udh else 0
            ud = udh + pack(p, fill)
            udl = (len(udh) * 8 + fill) // 7 + len(p)
        tpdu = bytes([fo]) + oa + bytes([0, 8 if ucs2 else 0]) + scts_now() + bytes([udl]) + ud
        smsc = bytes([7, 0x91]) + bcd("15555550000")
        out.append(((smsc + tpdu).hex().upper(), len(tpdu), k + 1))
    if only is not None:
        out = [out[only - 1]]
    if reverse:
        out.reverse()
    return out


def status_report_pdu(mr, to, st):
    """An SMS-STATUS-REPORT (3GPP TS 23.040 9.2.2.3) as hex with an SMSC,
    and its TPDU length: TP-MTI 10 (first octet 0x06: MTI=2, TP-MMS set, no
    more messages), TP-MR, TP-RA, TP-SCTS, TP-DT, TP-ST, then a TP-PI of 0
    (no optional parameters follow), as many SCs send it."""
    num = to.lstrip("+")
    ra = bytes([len(num), 0x91 if to.startswith("+") else 0x81]) + bcd(num)
    ts = scts_now()
    tpdu = bytes([0x06, mr & 0xFF]) + ra + ts + ts + bytes([st & 0xFF, 0x00])
    smsc = bytes([7, 0x91]) + bcd("15555550000")
    return (smsc + tpdu).hex().upper(), len(tpdu)


def decode_submit(data):
    """(to, text, coding, (ref, total, seq) or None, srr) of an SMS-SUBMIT TPDU."""
    i = 0
    fo = data[i]; i += 1
    if fo & 3 != 1:
        raise ValueError("not an SMS-SUBMIT")
    i += 1  # MR
    dl = data[i]; toa = data[i + 1]; i += 2
    to = unbcd(data[i:i + (dl + 1) // 2], dl); i += (dl + 1) // 2
    if toa == 0x91:
        to = "+" + to
    i += 1  # PID
    dcs = data[i]; i += 1
    vpf = (fo >> 3) & 3
    i += {0: 0, 2: 1}.get(vpf, 7)
    udl = data[i]; i += 1
    ud = data[i:]
    concat, hl = None, 0
    if fo & 0x40:
        hl = ud[0] + 1
        h = ud[1:hl]
        j = 0
        while j + 2 <= len(h):
            iei, iel = h[j], h[j + 1]
            d = h[j + 2:j + 2 + iel]
            if iei == 0 and iel == 3:
                concat = (d[0], d[1], d[2])
            elif iei == 8 and iel == 4:
                concat = ((d[0] << 8) | d[1], d[2], d[3])
            j += 2 + iel
    coding = (dcs >> 2) & 3
    if coding == 2:
        return to, ud[hl:udl].decode("utf-16-be", "surrogatepass"), "ucs2", concat, bool(fo & 0x20)
    if coding == 0:
        hs = (hl * 8 + 6) // 7
        fill = hs * 7 - hl * 8
        sep = unpack(ud[hl:], fill, udl - hs)
        if len(ud) != (udl * 7 + 7) // 8:
            raise ValueError(f"user data is {len(ud)} octets, UDL {udl} septets needs {(udl*7+7)//8}")
        return to, from_septets(sep), "gsm7", concat, bool(fo & 0x20)
    raise ValueError("unexpected DCS %02X" % dcs)


class Sim:
    def __init__(self, args):
        self.link, self.dir, self.pin = args.link, args.dir, args.pin
        self.lock = args.lock or ("pin" if self.pin else "none")
        self.attempts = args.pin_attempts
        self.quote_cpin = args.quote_cpin
        self.cmti_at = {}    # index -> when its +CMTI went out, until it is read
        self.strict = args.strict
        self.size = args.sim_size
        self.ds = 0          # AT+CNMI's <ds>: how status reports are shown
        self.sent_to = {}    # TP-MR -> recipient, for reports
        self.waiting = []    # texts the full SIM could not take yet
        self.state = None    # +CPIN: READY, SIM PIN or SIM PUK
        self.ctl = os.open(args.ctl, os.O_RDWR | os.O_NONBLOCK)
        self.ctlbuf = b""
        self.master = self.slave = None
        self.echo = True
        self.silent = False
        self.store = {}  # index -> [stat, hex, tpdu_len]
        self.mr = 0
        self.ref = 1
        self.fail_next = None
        self.fail_part = None  # (seq, code): the next part seq of a long text fails
        self.inbuf = b""
        self.pdu_len = None  # waiting for a PDU after the prompt
        self.partials = {}  # (to, ref) -> {seq: text}
        self.plug()

    def log(self, line):
        with open(os.path.join(self.dir, "events.log"), "a", encoding="utf-8") as f:
            f.write(line + "\n")

    def save(self):
        tmp = os.path.join(self.dir, ".sim.txt")
        with open(tmp, "w") as f:
            for i in sorted(self.store):
                f.write(f"{i} {self.store[i][0]}\n")
        os.replace(tmp, os.path.join(self.dir, "sim.txt"))

    def plug(self):
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        # Keeping our own slave fd open means a closed gateway fd never makes
        # the master side hang up.
        try:
            os.unlink(self.link)
        except FileNotFoundError:
            pass
        os.symlink(os.ttyname(self.slave), self.link)
        self.echo, self.inbuf, self.pdu_len = True, b"", None
        # Powered up again: a SIM with a PIN is locked again.
        if self.state != "SIM PUK":  # a blocked SIM stays blocked
            self.state = {"none": "READY", "pin": "SIM PIN", "puk": "SIM PUK"}[self.lock]
        self.log("plugged")

    def unplug(self):
        os.unlink(self.link)
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = None
        self.log("unplugged")

    def write(self, s):
        if self.master is not None:
            os.write(self.master, s.encode() if isinstance(s, str) else s)

    def reply(self, *lines):
        for line in lines:
            self.write("\r\n" + line + "\r\n")

    def new_index(self):
        i = 1
        while i in self.store:
            i += 1
        return i

    def receive(self, sender, text, notify=True, reverse=False, alpha=False, part=None):
        if part:
            ref, total, seq = part
            # one part of a set made by hand (the others may never come)
            sep = to_septets(text)
            udh = bytes([5, 0, 3, ref, total, seq])
            num = sender.lstrip("+")
            oa = bytes([len(num), 0x91]) + bcd(num)
            ud = udh + pack(sep, 1)
            tpdu = bytes([0x44]) + oa + bytes([0, 0]) + scts_now() + bytes([7 + len(sep)]) + ud
            pdus = [(("00" + tpdu.hex()).upper(), len(tpdu), seq)]
        else:
            pdus = deliver_pdus(sender, text, self.ref, reverse=reverse, alpha=alpha)
            self.ref += 1
        self.waiting += [(hexpdu, n, notify) for hexpdu, n, _ in pdus]
        self.make_room()

    def make_room(self):
        """Stores what arrived, as far as the SIM has room; the rest waits
        "in the network" (the service centre retries) for a deletion."""
        if self.waiting and len(self.store) >= self.size:
            self.log(f"sim-full waiting={len(self.waiting)}")
        while self.waiting and len(self.store) < self.size:
            hexpdu, n, notify = self.waiting.pop(0)
            i = self.new_index()
            self.store[i] = [0, hexpdu, n]
            self.log(f"stored {i}")
            if notify and not self.silent:
                self.write(f'\r\n+CMTI: "SM",{i}\r\n')
                self.log(f"cmti {i}")
                self.cmti_at.setdefault(i, time.monotonic())
        self.save()

    def status_report(self, mr, st, to=None, ds=None):
        to = to or self.sent_to.get(mr, "+15555550999")
        hexpdu, n = status_report_pdu(mr, to, st)
        ds = self.ds if ds is None else ds
        if ds == 1:
            self.log(f"report mr={mr} st={st:02X} via=cds")
            self.write(f"\r\n+CDS: {n}\r\n{hexpdu}\r\n")
        elif ds == 2:
            i = self.new_index()
            self.store[i] = [0, hexpdu, n]
            self.log(f"report mr={mr} st={st:02X} via=cdsi index={i}")
            self.save()
            self.write(f'\r\n+CDSI: "SR",{i}\r\n')
        else:
            self.log(f"report-dropped mr={mr}")

    def read_after_cmti(self, u):
        """Logs how long each announced message waited for a read."""
        read = list(self.cmti_at) if u == "AT+CMGL=4" else [int(u[8:])]
        for i in read:
            if i in self.cmti_at:
                ms = (time.monotonic() - self.cmti_at.pop(i)) * 1000
                self.log(f"read-after-cmti index={i} ms={ms:.0f} by={u}")

    def cpin(self):
        v = self.state
        return f'+CPIN: "{v}"' if self.quote_cpin else f"+CPIN: {v}"

    def command(self, line):
        self.log("cmd " + ("AT+CPIN=<pin>" if line.upper().startswith("AT+CPIN=") else line))
        u = line.upper()
        if u == "AT+CMGL=4" or u.startswith("AT+CMGR="):
            self.read_after_cmti(u)
        if u.startswith("AT+CNMI="):
            p = (u[8:].split(",") + ["0"] * 5)[:5]
            self.ds = int(p[3] or 0)
            return self.reply("OK")
        if u in ("AT", "ATE0", "AT+CMEE=1", "ATV1") or u == "AT+CMGF=0":
            if u == "ATE0":
                self.echo = False
            return self.reply("OK")
        if u == "AT+CPIN?":
            return self.reply(self.cpin(), "OK")
        if u.startswith("AT+CPIN="):
            if self.state == "SIM PUK":
                self.log("pin-refused-puk")
                return self.reply("+CME ERROR: 12")  # SIM PUK required
            if self.state == "READY":
                return self.reply("+CME ERROR: 3")   # operation not allowed
            if line[8:].strip('"') == self.pin:
                self.state = "READY"
                self.attempts = 3
                self.log("pin-ok")
                return self.reply("OK")
            self.attempts -= 1
            self.log(f"pin-wrong left={self.attempts}")
            if self.attempts <= 0:
                self.state = "SIM PUK"
            return self.reply("+CME ERROR: 16")  # incorrect password
        if self.state != "READY" and u.startswith("AT+C"):
            # 311 SIM PIN required, 316 SIM PUK required (27.005 3.2.5)
            return self.reply("+CMS ERROR: 316" if self.state == "SIM PUK" else "+CMS ERROR: 311")
        if u == "AT+CPMS?":
            n = len(self.store)
            return self.reply(f'+CPMS: "SM",{n},{self.size},"SM",{n},{self.size},"SM",{n},{self.size}', "OK")
        if u == "AT+CMGL=4":
            for i in sorted(self.store):
                st, h, n = self.store[i]
                self.write(f"\r\n+CMGL: {i},{st},,{n}\r\n{h}")
                self.store[i][0] = 1 if st == 0 else st
            self.save()
            return self.reply("OK")
        if u.startswith("AT+CMGR="):
            i = int(u[8:])
            if i not in self.store:
                return self.reply("+CMS ERROR: 321")
            st, h, n = self.store[i]
            self.store[i][0] = 1
            self.save()
            return self.reply(f"+CMGR: {st},,{n}", h, "", "OK")
        if u.startswith("AT+CMGD="):
            i = int(u[8:].split(",")[0])
            if self.store.pop(i, None) is not None:
                self.log(f"deleted {i}")
            self.save()
            self.reply("OK")
            return self.make_room()
        if u.startswith("AT+CMGS="):
            self.pdu_len = int(u[8:])
            return self.write("\r\n> ")
        return self.reply("ERROR")

    def got_pdu(self, text):
        n, self.pdu_len = self.pdu_len, None
        try:
            data = bytes.fromhex(text)
            smsc = data[0]
            tpdu = data[1 + smsc:]
            if len(tpdu) != n:
                raise ValueError(f"AT+CMGS={n} but the TPDU has {len(tpdu)} octets")
            to, body, coding, concat, srr = decode_submit(tpdu)
        except (ValueError, IndexError) as e:
            self.log(f"bad-pdu {e}")
            return self.reply("+CMS ERROR: 304")
        if self.fail_next is not None:
            code, self.fail_next = self.fail_next, None
            self.log(f"cms {code}")
            return self.reply(f"+CMS ERROR: {code}")
        if self.fail_part is not None and concat and concat[2] == self.fail_part[0]:
            (seq, code), self.fail_part = self.fail_part, None
            self.log(f"cms {code} part={seq}")
            return self.reply(f"+CMS ERROR: {code}")
        self.mr = (self.mr + 1) % 256
        ref, total, seq = concat if concat else (0, 1, 1)
        self.log(f"sent-part {to} {coding} {ref}/{seq}/{total} mr={self.mr} srr={int(srr)}")
        self.sent_to[self.mr] = to
        parts = self.partials.setdefault((to, ref), {})
        parts[seq] = body
        if len(parts) == total:
            full = "".join(parts[k] for k in sorted(parts))
            del self.partials[(to, ref)]
            flat = full.replace("\n", "\\n")
            with open(os.path.join(self.dir, "sent.log"), "a", encoding="utf-8") as f:
                f.write(f"{to}\t{flat}\n")
        self.reply(f"+CMGS: {self.mr}", "OK")

    def on_input(self, data):
        if self.silent and not self.strict:
            return
        self.inbuf += data
        while True:
            if self.pdu_len is not None:
                for j, b in enumerate(self.inbuf):
                    if b == 0x1A:
                        text = self.inbuf[:j].decode(errors="replace").strip()
                        self.inbuf = self.inbuf[j + 1:]
                        self.got_pdu(text)
                        break
                    if b == 0x1B:
                        self.inbuf = self.inbuf[j + 1:]
                        self.pdu_len = None
                        self.reply("OK")
                        break
                else:
                    return
                continue
            if (not self.strict and b"\x1b" in self.inbuf
                    and b"\r" not in self.inbuf.split(b"\x1b")[0]):
                self.inbuf = self.inbuf.replace(b"\x1b", b"", 1)
                continue
            if b"\r" not in self.inbuf:
                return
            raw, self.inbuf = self.inbuf.split(b"\r", 1)
            if self.strict:
                self.log(f"line {raw.hex()}" + (" unanswered" if self.silent else ""))
                if self.silent:
                    continue
            line = raw.strip(b"\n " if self.strict else b"\n \x1b").decode(errors="replace")
            if self.echo:
                self.write(line + "\r")
            if self.strict and line and not line.upper().startswith("AT"):
                self.log(f"refused {raw.hex()}")
                self.reply("ERROR")
            elif line:
                self.command(line)

    def on_control(self, line):
        words = line.split(" ", 2)
        cmd = words[0]
        if cmd in ("deliver", "store", "deliver_reversed"):
            self.receive(words[1], words[2] if len(words) > 2 else "",
                         notify=cmd != "store", reverse=cmd == "deliver_reversed")
        elif cmd == "deliver_part":
            w = line.split(" ", 5)
            self.receive(w[1], w[5], part=(int(w[2]), int(w[3]), int(w[4])))
        elif cmd == "alpha":
            self.receive(words[1], words[2], alpha=True)
        elif cmd == "cms":
            self.fail_next = int(words[1])
        elif cmd == "cms_part":
            self.fail_part = (int(words[1]), int(words[2]))
        elif cmd in ("report", "report_stored"):
            mr = self.mr if words[1] == "last" else int(words[1])
            rest = words[2].split() if len(words) > 2 else ["00"]
            self.status_report(mr, int(rest[0], 16), rest[1] if len(rest) > 1 else None,
                               2 if cmd == "report_stored" else None)
        elif cmd == "size":
            self.size = int(words[1])
            self.make_room()
        elif cmd == "delete":
            if self.store.pop(int(words[1]), None) is not None:
                self.log(f"deleted-by-hand {words[1]}")
            self.make_room()
        elif cmd == "silent":
            self.silent = True
            self.log("silent")
        elif cmd == "answer":
            self.silent = False
            self.inbuf = b""
            self.log("answering")
        elif cmd == "unplug":
            self.unplug()
        elif cmd == "plug":
            self.plug()
        elif cmd == "quit":
            sys.exit(0)

    def run(self):
        self.save()
        while True:
            fds = [self.ctl] + ([self.master] if self.master is not None else [])
            r, _, _ = select.select(fds, [], [], 1.0)
            if self.ctl in r:
                self.ctlbuf += os.read(self.ctl, 65536)
                while b"\n" in self.ctlbuf:
                    line, self.ctlbuf = self.ctlbuf.split(b"\n", 1)
                    if line.strip():
                        self.on_control(line.decode())
            if self.master is not None and self.master in r:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    data = b""
                if data:
                    self.on_input(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--link", required=True)
    ap.add_argument("--ctl", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--pin", default="")
    ap.add_argument("--lock", choices=("pin", "puk", "none"))
    ap.add_argument("--pin-attempts", type=int, default=3)
    ap.add_argument("--quote-cpin", action="store_true")
    ap.add_argument("--sim-size", type=int, default=30)
    ap.add_argument("--strict", action="store_true")
    Sim(ap.parse_args()).run()


if __name__ == "__main__":
    main()
