#!/usr/bin/env python3
"""Tests of the virtual board's port (ports/sim): campy-board's command
line, flash image, ROM lines, resets, watchdog, deep sleep, RTC, UART0
over stdio, a pty and RFC 2217 with the DTR/RTS reset circuit, driven the
way a person or a host tool drives a board. The port runs a small test
firmware (tests/sim/echo_fw.c) instead of the real one, so that each HAL
function can be reached directly.

Usage: test_sim.py --board BINARY [--results FILE] [case ...]
Writes one PASS/FAIL line per case; prints details of failures and the
measured figures.
"""

import argparse
import hashlib
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import traceback
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rfc2217  # noqa: E402

BOARD = None
WORK = None
FLASH_SIZE = 4 * 1024 * 1024
PROMPT = b"> "
ROM_POWERON = b"rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"
ROM_BLOCK = (b"ets Jun  8 2016 00:22:57\r\n\r\n"
             b"rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"
             b"configsip: 0, SPIWP:0xee\r\n"
             b"clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00\r\n"
             b"mode:DIO, clock div:2\r\n")
FIGURES = []


class Failed(Exception):
    pass


def check(cond, what, detail=""):
    if not cond:
        raise Failed("%s\n%s" % (what, detail) if detail else what)


def check_eq(got, want, what):
    if got != want:
        raise Failed("%s: expected %r, got %r" % (what, want, got))


def figure(name, value):
    FIGURES.append("%s: %s" % (name, value))


# ---------------------------------------------------------------- the board process

class Pty:
    """The slave side of the board's pty, opened like a serial device."""

    def __init__(self, path, baud=termios.B115200):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        tty.setraw(self.fd, termios.TCSANOW)
        self.set_baud(baud)
        self.data = bytearray()

    def set_baud(self, baud):
        a = termios.tcgetattr(self.fd)
        a[4] = a[5] = baud
        termios.tcsetattr(self.fd, termios.TCSANOW, a)

    def _fill(self, timeout):
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if r:
            try:
                self.data += os.read(self.fd, 65536)
            except (BlockingIOError, OSError):
                pass

    def write(self, data):
        view = memoryview(bytes(data))
        end = time.monotonic() + 10
        while view:
            check(time.monotonic() < end, "the board does not take input")
            _, w, _ = select.select([], [self.fd], [], 0.1)
            if w:
                try:
                    view = view[os.write(self.fd, view[:4096]):]
                except BlockingIOError:
                    pass
            self._fill(0)

    def read_until(self, token, timeout=5.0):
        end = time.monotonic() + timeout
        while True:
            k = self.data.find(token)
            if k >= 0:
                out = bytes(self.data[:k + len(token)])
                del self.data[:k + len(token)]
                return out
            if time.monotonic() > end:
                raise Failed("timed out waiting for %r; got %r" % (token, bytes(self.data[-400:])))
            self._fill(min(0.1, end - time.monotonic()))

    def read_for(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._fill(min(0.1, end - time.monotonic()))
        out = bytes(self.data)
        self.data.clear()
        return out

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class Board:
    def __init__(self, flash=None, serial="pty", args=(), connect=True):
        self.flash = flash or os.path.join(WORK, "flash.bin")
        self.serial = serial
        argv = [BOARD, "--flash", self.flash]
        if serial == "rfc2217":
            argv += ["--serial", "rfc2217:0"]
        elif serial:
            argv += ["--serial", serial]
        argv += list(args)
        self.started = time.monotonic()
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, start_new_session=True)
        self.err = bytearray()
        self.out = bytearray()
        self.threads = [threading.Thread(target=self._collect, args=(s, b), daemon=True)
                        for s, b in ((self.proc.stderr, self.err), (self.proc.stdout, self.out))]
        for t in self.threads:
            t.start()
        self.link = None
        if connect:
            self.link = self.connect()

    @staticmethod
    def _collect(stream, buf):
        while True:
            try:
                data = os.read(stream.fileno(), 65536)
            except OSError:
                return
            if not data:
                return
            buf += data

    def wait_side(self, pattern, timeout=5.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = re.search(pattern, bytes(self.err))
            if m:
                return m
            if self.proc.poll() is not None:
                time.sleep(0.1)
                m = re.search(pattern, bytes(self.err))
                if m:
                    return m
                raise Failed("campy-board exited (%r); stderr %r" % (self.proc.returncode,
                                                                     bytes(self.err)))
            time.sleep(0.01)
        raise Failed("no %r on stderr; got %r" % (pattern, bytes(self.err)))

    def connect(self):
        if self.serial == "rfc2217":
            port = int(self.wait_side(rb"rfc2217://127\.0\.0\.1:(\d+)").group(1))
            self.port = port
            return rfc2217.ComPort("127.0.0.1", port)
        path = self.wait_side(rb"(/dev/pts/\d+)").group(1).decode()
        self.pty_path = path
        return Pty(path)

    def side(self):
        return bytes(self.err).decode("utf-8", "replace")

    def stop(self):
        if self.link is not None:
            self.link.close()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        else:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for t in self.threads:
            t.join(1)
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def cmd(link, line, until=PROMPT, timeout=5.0):
    """Types a command; returns what it printed up to the next prompt,
    without the echo."""
    link.write(line.encode() + b"\r")
    link.read_until(b"\r\n", timeout)
    out = link.read_until(until, timeout)
    return out[:-len(until)] if until == PROMPT else out


_syncs = [0]


def sync(link, timeout=5.0):
    """A fresh prompt with nothing pending: Ctrl-U drops a half-typed line,
    then a command whose answer is unique."""
    _syncs[0] += 1
    token = b"sync%d" % _syncs[0]
    link.write(b"\x15echo " + token + b"\r")
    link.read_until(token + b"\r\n> ", timeout)


def booted(link, timeout=5.0):
    """The boot output up to the first prompt."""
    return link.read_until(PROMPT, timeout)


def run_cli(args, timeout=10.0):
    r = subprocess.run([BOARD] + args, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=timeout, start_new_session=True)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def parse_table(raw):
    entries, md5_ok = [], None
    for i in range(0, len(raw), 32):
        e = raw[i:i + 32]
        if e[:2] == b"\xaa\x50":
            t, st, off, size = struct.unpack("<BBII", e[2:12])
            entries.append((e[12:28].rstrip(b"\0").decode(), t, st, off, size))
        elif e[:2] == b"\xeb\xeb":
            md5_ok = hashlib.md5(raw[:i]).digest() == e[16:32]
            break
        else:
            break
    return entries, md5_ok


def read_image(path, offset, n):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(n)


def write_image(path, offset, data):
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(data)


def ready_image(name="flash.bin"):
    path = os.path.join(WORK, name)
    if not os.path.exists(path):
        with Board(path) as b:
            booted(b.link)
    return path


# ---------------------------------------------------------------- cases

CASES = []


def case(name):
    def register(fn):
        CASES.append(("sim." + name, fn))
        return fn
    return register


@case("image.created_with_layout")
def _():
    path = os.path.join(WORK, "new.bin")
    t0 = time.monotonic()
    with Board(path) as b:
        boot = booted(b.link)
        figure("process start to first prompt (new image, echo firmware)",
               "%.1f ms" % ((time.monotonic() - t0) * 1000))
        check(ROM_BLOCK in boot, "the ROM lines", boot)
        check(b"echo-fw cause=1" in boot, "brd_main with PWRON", boot)
    check_eq(os.path.getsize(path), FLASH_SIZE, "image size")
    entries, md5_ok = parse_table(read_image(path, 0x8000, 0xC00))
    check_eq(entries, [("nvs", 1, 2, 0x9000, 0x6000), ("phy_init", 1, 1, 0xF000, 0x1000),
                       ("factory", 0, 0, 0x10000, 0x1F0000), ("vfs", 1, 0x81, 0x200000, 0x200000)],
             "partition table")
    check_eq(md5_ok, True, "MD5 entry")
    app = read_image(path, 0x10000, 320)
    check_eq(app[0], 0xE9, "app image magic")
    check_eq(app[1], 1, "one segment")
    seg_len = struct.unpack("<I", app[28:32])[0]
    data = app[32:32 + seg_len]
    check_eq(data[:4], struct.pack("<I", 0xABCD5432), "app description magic")
    csum = 0xEF
    for x in data:
        csum ^= x
    end = 32 + seg_len
    padded = (end + 1 + 15) // 16 * 16
    check_eq(app[padded - 1], csum, "image checksum")
    rest = read_image(path, 0x9000, 0x1000) + read_image(path, 0x200000, 0x1000)
    check_eq(set(rest), {0xFF}, "the rest of a new image is erased")
    check(re.match(r"mac 24:0a:c4(:[0-9a-f]{2}){3}\n$", open(path + ".efuse").read()),
          "the eFuse file holds a MAC")


@case("image.blank_and_empty_files_are_laid_out")
def _():
    for content in (b"", b"\xff" * FLASH_SIZE):
        path = os.path.join(WORK, "blank.bin")
        with open(path, "wb") as f:
            f.write(content)
        with Board(path) as b:
            booted(b.link)
            check_eq(cmd(b.link, "part vfs"), b"part 1 0x200000 0x200000\r\n", "vfs partition")
        check_eq(os.path.getsize(path), FLASH_SIZE, "size")


@case("image.partitions_found")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        for label, want in (("nvs", b"1 0x9000 0x6000"), ("phy_init", b"1 0xf000 0x1000"),
                            ("factory", b"1 0x10000 0x1f0000"), ("vfs", b"1 0x200000 0x200000"),
                            ("nope", b"0 0x0 0x0")):
            check_eq(cmd(b.link, "part " + label), b"part " + want + b"\r\n", label)


def corrupt_and_boot(mutate, expect):
    path = os.path.join(WORK, "corrupt.bin")
    shutil.copyfile(ready_image(), path)
    mutate(path)
    before = hashlib.sha256(read_image(path, 0, FLASH_SIZE)).digest()
    with Board(path) as b:
        got = b.link.read_for(1.0)
        check(expect in got, "the bootloader's error %r" % expect, got)
        check(re.search(rb"E \(\d+\) boot: ", got), "ESP-IDF log format", got)
        check(b"echo-fw" not in got, "the firmware does not start", got)
        check("partition table" in b.side(), "a note on stderr", b.side())
        check(b.proc.poll() is None, "the board stays on, halted")
    check_eq(hashlib.sha256(read_image(path, 0, FLASH_SIZE)).digest(), before,
             "the image was left as it was")


@case("image.corrupt_partition_table_stops_boot")
def _():
    corrupt_and_boot(lambda p: write_image(p, 0x8000, b"\x12\x34"),
                     b"flash_parts: partition 0 invalid magic number 0x3412")
    corrupt_and_boot(lambda p: write_image(p, 0x8000 + 12, b"NVS"),
                     b"flash_parts: Incorrect MD5 checksum")
    corrupt_and_boot(lambda p: write_image(p, 0x8000 + 32 + 8, struct.pack("<I", 0x7FFFFFFF)),
                     b"exceeds flash chip size 0x400000")
    corrupt_and_boot(lambda p: write_image(p, 0x10000, b"\xff"),
                     b"esp_image: image at 0x10000 has invalid magic byte")


@case("image.bad_files_refused")
def _():
    wrong = os.path.join(WORK, "wrong.bin")
    with open(wrong, "wb") as f:
        f.write(b"hello" * 1000)
    status, out, err = run_cli(["--flash", wrong, "--serial", "pty"])
    check_eq(status, 2, "wrong size: exit status")
    check("not a 4 MiB flash image" in err and len(err.strip().splitlines()) == 1,
          "one line saying why", err)
    check_eq(open(wrong, "rb").read(), b"hello" * 1000, "the file was left as it was")
    status, out, err = run_cli(["--flash", WORK, "--serial", "pty"])
    check_eq(status, 2, "a folder: exit status")
    status, out, err = run_cli(["--flash", "/nonexistent/dir/f.bin", "--serial", "pty"])
    check_eq(status, 2, "missing folder: exit status")
    check("does its folder exist" in err, "says what to check", err)
    with Board(ready_image()) as b:
        booted(b.link)
        status, out, err = run_cli(["--flash", b.flash, "--serial", "pty"])
        check_eq(status, 2, "an image in use: exit status")
        check("in use by another campy-board" in err, "says it is in use", err)
    if os.geteuid() != 0:
        ro = os.path.join(WORK, "ro.bin")
        shutil.copyfile(ready_image(), ro)
        os.chmod(ro, 0o444)
        status, out, err = run_cli(["--flash", ro, "--serial", "pty"])
        check_eq(status, 2, "read-only image: exit status")


@case("options.errors_and_help")
def _():
    img = os.path.join(WORK, "opt.bin")
    for args in (["--bogus"], ["--serial", "nonsense"], ["--serial", "rfc2217:x"],
                 ["--serial", "rfc2217:70000"], ["--reset-circuit", "sideways"],
                 ["--reset-circuit", "mb", "--serial", "pty"], ["--flash"], ["--flash="]):
        status, out, err = run_cli(["--flash", img] + args if args[0] != "--flash" else args)
        check_eq(status, 2, "exit status for %r" % args)
        check(len(err.strip().splitlines()) == 1 and "--help" in err,
              "one line pointing at --help for %r" % args, err)
    check(not os.path.exists(img), "no image made for a bad command line")
    status, out, err = run_cli(["--help"])
    check_eq(status, 0, "--help")
    for word in ("--flash", "--serial", "--reset-circuit", "--no-psram", "rfc2217:PORT"):
        check(word in out, "--help mentions " + word, out)


@case("options.quiet_and_power_off_signals")
def _():
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        with Board(ready_image(), args=["-q"]) as b:
            booted(b.link)
            os.kill(b.proc.pid, sig)
            check_eq(b.proc.wait(5), 0, "signal %d powers off with status 0" % sig)
            time.sleep(0.1)
            lines = b.side().strip().splitlines()
            check(len(lines) == 1 and "/dev/pts/" in lines[0], "with -q only where to connect",
                  b.side())


@case("options.default_flash_in_data_folder")
def _():
    home = os.path.join(WORK, "home")
    env = dict(os.environ, HOME=home)
    env.pop("XDG_DATA_HOME", None)
    p = subprocess.Popen([BOARD, "--serial", "pty"], env=env, stdin=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        end = time.monotonic() + 5
        path = os.path.join(home, ".local/share/campy/flash.bin")
        while not os.path.exists(path + ".efuse") and time.monotonic() < end:
            time.sleep(0.05)
        check(os.path.exists(path), "image made under ~/.local/share/campy")
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait(5)
    env["XDG_DATA_HOME"] = os.path.join(WORK, "xdg")
    p = subprocess.Popen([BOARD, "--serial", "pty"], env=env, stdin=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        end = time.monotonic() + 5
        path = os.path.join(WORK, "xdg/campy/flash.bin")
        while not os.path.exists(path + ".efuse") and time.monotonic() < end:
            time.sleep(0.05)
        check(os.path.exists(path), "image made under $XDG_DATA_HOME/campy")
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait(5)


@case("reset.hard")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        times = []
        for _ in range(5):
            b.link.write(b"reset\r")
            t0 = time.monotonic()
            out = b.link.read_until(b"echo-fw cause=2\r\n> ")
            times.append((time.monotonic() - t0) * 1000)
            check(b"rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)" in out, "ROM line", out)
        figure("hal_reset to the firmware's first prompt", "%.1f ms (best of 5: %.1f ms)" % (
            sum(times) / len(times), min(times)))
        b.link.write(b"reset 1\r")
        out = b.link.read_until(b"echo-fw cause=1\r\n> ")
        check(ROM_POWERON in out, "hal_reset(POWERON)", out)


@case("reset.ram_does_not_survive")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        check(b"zeroed=1" in cmd(b.link, "mem"), "zeroed at boot")
        check(b"zeroed=0" in cmd(b.link, "mem"), "the check writes")
        b.link.write(b"reset\r")
        booted(b.link)
        check(b"zeroed=1" in cmd(b.link, "mem"), "zeroed again after a reset")


@case("reset.watchdog")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        check_eq(cmd(b.link, "feed 200 700", timeout=3), b"fed\r\n", "a fed watchdog stays quiet")
        t0 = time.monotonic()
        b.link.write(b"wdt 300\r")
        out = b.link.read_until(b"echo-fw cause=3\r\n> ", 3)
        took = time.monotonic() - t0
        check(0.25 < took < 1.0, "fires after about 300 ms (%.3f s)" % took)
        check(re.search(rb"E \(\d+\) task_wdt: Task watchdog got triggered", out), "IDF message", out)
        check(b"rst:0x7 (TG0WDT_SYS_RESET),boot:0x13" in out, "ROM line", out)
        check("watchdog" in b.side(), "a note on stderr", b.side())


@case("reset.deepsleep")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        b.link.write(b"sleep 600\r")
        b.link.read_until(b"\r\n")
        t0 = time.monotonic()
        b.link.write(b"echo lost\r")
        quiet = b.link.read_for(0.4)
        check_eq(quiet, b"", "silent while asleep")
        out = b.link.read_until(b"echo-fw cause=4\r\n> ", 3)
        took = time.monotonic() - t0
        check(0.55 < took < 1.2, "wakes after 600 ms (%.3f s)" % took)
        check(b"rst:0x5 (DEEPSLEEP_RESET),boot:0x13" in out, "ROM line", out)
        check(b"lost" not in out, "input while asleep is lost", out)


@case("reset.rtc_survives")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        host = int(cmd(b.link, "rtc").split()[1])
        now_2000 = (time.time() - 946684800) * 1e6
        check(abs(host - now_2000) < 5e6, "starts from the host's clock (%d vs %d)" % (host, now_2000))
        cmd(b.link, "rtcset 1000000000")
        b.link.write(b"reset\r")
        booted(b.link)
        v = int(cmd(b.link, "rtc").split()[1])
        check(1000000000 <= v < 1000000000 + 2e6, "kept across a reset: %d" % v)
        b.link.write(b"sleep 100\r")
        booted(b.link, 3)
        v = int(cmd(b.link, "rtc").split()[1])
        check(1000100000 <= v < 1000000000 + 3e6, "kept across deep sleep: %d" % v)
        os.kill(b.proc.pid, signal.SIGUSR1)  # the EN button: a chip reset, RTC included
        out = booted(b.link)
        check(ROM_POWERON in out, "EN reset boots like power-on", out)
        v = int(cmd(b.link, "rtc").split()[1])
        check(abs(v - (time.time() - 946684800) * 1e6) < 5e6, "from the host's clock after EN")


@case("time.freq_ticks_random")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        check_eq(cmd(b.link, "freq"), b"freq 240000000\r\n", "240 MHz at boot")
        check_eq(cmd(b.link, "freq 80000000"), b"set 1\r\nfreq 80000000\r\n", "80 MHz")
        check_eq(cmd(b.link, "freq 100000000"), b"set 0\r\nfreq 80000000\r\n", "100 MHz refused")
        t1 = int(cmd(b.link, "ticks").split()[1])
        time.sleep(0.2)
        t2 = int(cmd(b.link, "ticks").split()[1])
        check(150000 < t2 - t1 < 1000000, "ticks in real time (%d us)" % (t2 - t1))
        r1, r2 = cmd(b.link, "rand 16"), cmd(b.link, "rand 16")
        check(r1 != r2 and len(r1) == 34, "random bytes", (r1, r2))
        b.link.write(b"reset\r")
        booted(b.link)
        check_eq(cmd(b.link, "freq"), b"freq 240000000\r\n", "240 MHz after a reset")


@case("uart.wait_wakes_on_input_and_interrupt")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        b.link.write(b"wait 5000000\r")
        b.link.read_until(b"\r\n")
        time.sleep(0.1)
        b.link.write(b"x")
        out = b.link.read_until(b"\r\n", 2)
        waited = int(out.split()[1])
        check(waited < 1000000, "input ends the wait (%d us)" % waited)
        sync(b.link)
        out = cmd(b.link, "wait 200000")
        check(200000 <= int(out.split()[1]) < 400000, "a full wait without input", out)
        check_eq(cmd(b.link, "intr", until=b"busy\r\n"), b"busy\r\n", "busy")
        t0 = time.monotonic()
        b.link.write(b"\x03")
        b.link.read_until(b"interrupted\r\n> ", 2)
        check(time.monotonic() - t0 < 0.5, "Ctrl-C reaches a busy loop at once")
        b.link.write(b"read 10 2000\r")
        b.link.read_until(b"\r\n")
        b.link.write(b"a\x03c")  # no interrupt character now: all three arrive
        out = b.link.read_until(PROMPT)
        check(out.startswith(b"got ") and b"61" in out, "hal_uart_read returns input", out)
        sync(b.link)
        b.link.write(b"rx 300\r")
        time.sleep(0.1)
        b.link.write(b"abcde")
        b.link.read_until(b"rx 5\r\n> ", 2)
        b.link.write(b"\x15")
        b.link.read_until(b"abcde")
        check_eq(cmd(b.link, "echo z"), b"z\r\n", "the waiting bytes were then read")


@case("uart.input_is_lossless")
def _():
    blob = bytes((i * 7 + 3) % 251 for i in range(300000))
    for serial in ("pty", "rfc2217"):
        with Board(ready_image(), serial=serial) as b:
            sync(b.link)
            b.link.write(b"sink %d\r" % len(blob))
            b.link.read_until(b"\r\n")
            t0 = time.monotonic()
            b.link.write(blob)
            out = b.link.read_until(PROMPT, 20)
            took = time.monotonic() - t0
            check_eq(out, b"sank %d %d\r\n> " % (len(blob), sum(blob)), "all bytes arrive (%s)" % serial)
            figure("input throughput over %s" % serial, "%.1f MB/s" % (len(blob) / took / 1e6))


@case("uart.output_paced_at_115200")
def _():
    """Output leaves at the line's rate, 11520 bytes/s for 8N1 at 115200
    baud (plus the UART's 256-byte buffer), never faster; none is lost."""
    for serial in ("pty", "rfc2217"):
        with Board(ready_image(), serial=serial) as b:
            sync(b.link)
            n = 23040  # two seconds of the line
            t0 = time.monotonic()
            b.link.write(b"flood %d\r" % n)
            out = b.link.read_until(b"flooded\r\n", 30)
            took = time.monotonic() - t0
            check(out.count(b"x") == n, "all output arrives (%s)" % serial)
            rate = n / took
            check(rate < 11520 * 1.05, "not faster than the line (%s): %.0f bytes/s" % (serial, rate))
            check(rate > 11520 * 0.6, "not much slower than the line (%s): %.0f bytes/s"
                  % (serial, rate))
            figure("output rate over %s" % serial, "%.0f bytes/s" % rate)


@case("memory.map_and_stack")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        out = cmd(b.link, "mem")
        check(b"internal=112640 psram=4194304" in out and b"stack=16384" in out, "memory map", out)
        check_eq(cmd(b.link, "stack 300", timeout=5), b"stack %d\r\n" % sum(d & 255 for d in range(301)),
                 "the task's real stack has room beyond the 16 KiB budget")
    with Board(ready_image(), args=["--no-psram"]) as b:
        booted(b.link)
        check(b"psram=0 " in cmd(b.link, "mem"), "--no-psram: no PSRAM")


@case("identity.mac_stable_per_image")
def _():
    img = ready_image()
    with Board(img) as b:
        booted(b.link)
        mac1 = cmd(b.link, "mac")
    with Board(img) as b:
        booted(b.link)
        check_eq(cmd(b.link, "mac"), mac1, "the same MAC on the next run")
    other = os.path.join(WORK, "other.bin")
    with Board(other) as b:
        booted(b.link)
        check(cmd(b.link, "mac") != mac1, "another image, another board")
    check(mac1.startswith(b"240ac4"), "Espressif's OUI", mac1)


@case("flash.nor_semantics_and_errors")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        a = 0x300000
        check_eq(cmd(b.link, "ferase %d 4096" % a), b"err 0\r\n", "erase")
        check_eq(cmd(b.link, "fread %d 4" % a), b"err 0 ffffffff\r\n", "erased reads FF")
        check_eq(cmd(b.link, "fwrite %d f0f00f0f" % a), b"err 0\r\n", "write")
        check_eq(cmd(b.link, "fwrite %d 3cc33cc3" % a), b"err 0\r\n", "write again")
        check_eq(cmd(b.link, "fread %d 4" % a), b"err 0 30c00c03\r\n", "bits only clear (AND)")
        check_eq(cmd(b.link, "ferase %d 100" % a), b"err -22\r\n", "unaligned erase: -EINVAL")
        check_eq(cmd(b.link, "ferase %d 4096" % (a + 1)), b"err -22\r\n", "unaligned address")
        check_eq(cmd(b.link, "fread %d 2" % (FLASH_SIZE - 1)), b"err -22 \r\n", "past the end")
        check_eq(cmd(b.link, "fwrite %d 0102" % (FLASH_SIZE - 1)), b"err -22\r\n", "write past end")
        check_eq(cmd(b.link, "ferase %d 4096" % FLASH_SIZE), b"err -22\r\n", "erase past end")
        check_eq(cmd(b.link, "fwrite %d 0102" % (FLASH_SIZE - 2)), b"err 0\r\n", "last bytes")
        check_eq(cmd(b.link, "fwrite %d a5a5" % (a + 8)), b"err 0\r\n", "write before a kill")
        b.link.write(b"fwrite %d 5a5a\r" % (a + 16))
        b.link.read_until(b"err 0\r\n")
        os.killpg(b.proc.pid, signal.SIGKILL)  # the USB cable pulled
        b.proc.wait(5)
    with Board(ready_image()) as b:
        booted(b.link)
        check_eq(cmd(b.link, "fread %d 20" % a),
                 b"err 0 30c00c03ffffffffa5a5ffffffffffff5a5affff\r\n", "all writes kept")
        check_eq(cmd(b.link, "ferase %d 4096" % a), b"err 0\r\n", "erase")
        check_eq(cmd(b.link, "fread %d 4" % a), b"err 0 ffffffff\r\n", "erased again")


@case("crash.reboots_like_a_panic")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        b.link.write(b"crash\r")
        out = b.link.read_until(b"echo-fw cause=2\r\n> ", 5)
        check(b"Guru Meditation Error: Core  0 panic'ed (LoadProhibited)" in out, "panic line", out)
        check(b"rst:0xc (SW_CPU_RESET)" in out, "ROM line", out)
        check("crashed" in b.side(), "a note on stderr", b.side())
        check_eq(cmd(b.link, "echo alive"), b"alive\r\n", "works after the reboot")


# ---------------------------------------------------------------- pty

@case("pty.reconnect_and_buffered_boot")
def _():
    with Board(ready_image(), connect=False) as b:
        path = b.wait_side(rb"(/dev/pts/\d+)").group(1).decode()
        time.sleep(0.5)  # the board boots with nobody on the pty
        link = Pty(path)
        out = booted(link)
        check(b"echo-fw cause=1" in out, "the boot output waited for the first program", out)
        link.close()
        time.sleep(0.3)
        link = Pty(path)
        b.link = link
        sync(link)
        check_eq(cmd(link, "echo again"), b"again\r\n", "works after reopening")
        link.close()
        time.sleep(0.3)
        b.link = link = Pty(path)
        link.write(b"echo third\r")
        link.read_until(b"third\r\n> ")


@case("pty.link_option")
def _():
    link_path = os.path.join(WORK, "ttyCAM")
    with Board(ready_image(), serial="pty:" + link_path, connect=False) as b:
        b.wait_side(rb"/dev/pts/\d+")
        check(os.path.islink(link_path), "the link exists")
        b.link = Pty(link_path)
        sync(b.link)
        check_eq(cmd(b.link, "echo linked"), b"linked\r\n", "works through the link")
    check(not os.path.lexists(link_path), "the link is removed at power-off")


@case("pty.wrong_baud_is_garbage")
def _():
    with Board(ready_image()) as b:
        booted(b.link)
        b.link.set_baud(termios.B9600)
        b.link.write(b"echo hello\r")
        got = b.link.read_for(0.5)
        check(b"hello" not in got and got and all(c >= 0x80 for c in got),
              "only garbage at 9600 baud", got)
        b.link.set_baud(termios.B115200)
        sync(b.link)
        check_eq(cmd(b.link, "echo clear"), b"clear\r\n", "fine at 115200 again")


# ---------------------------------------------------------------- stdio

@case("stdio.terminal_and_escape_key")
def _():
    img = ready_image()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BOARD, [BOARD, "--flash", img])
    try:
        buf = bytearray()

        def until(token, timeout=5.0):
            end = time.monotonic() + timeout
            while token not in buf:
                check(time.monotonic() < end, "waiting for %r" % token, bytes(buf))
                r, _, _ = select.select([fd], [], [], 0.1)
                if r:
                    try:
                        buf.extend(os.read(fd, 4096))
                    except OSError:
                        break

        until(b"echo-fw cause=1\r\n> ")
        check(b"Ctrl-]" in buf, "the escape key is named", bytes(buf))
        os.write(fd, b"echo term\r")
        until(b"term\r\n> ")
        os.write(fd, b"\x1d")
        end = time.monotonic() + 5
        status = None
        while time.monotonic() < end and status is None:
            p, st = os.waitpid(pid, os.WNOHANG)
            if p == pid:
                status = os.waitstatus_to_exitcode(st)
            time.sleep(0.02)
        check_eq(status, 0, "Ctrl-] powers off with status 0")
        lflag = termios.tcgetattr(fd)[3]
        check(lflag & termios.ICANON and lflag & termios.ECHO, "the terminal's modes are restored")
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)


@case("stdio.pipes")
def _():
    p = subprocess.Popen([BOARD, "--flash", ready_image()], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        p.stdin.write(b"echo piped\r")
        p.stdin.flush()
        out = bytearray()
        end = time.monotonic() + 5
        while b"piped\r\n> " not in out and time.monotonic() < end:
            r, _, _ = select.select([p.stdout], [], [], 0.1)
            if r:
                out += os.read(p.stdout.fileno(), 4096)
        check(b"piped\r\n> " in out, "commands through a pipe", bytes(out))
        p.stdin.close()
        time.sleep(0.2)
        check(p.poll() is None, "end of input leaves the board on")
        os.killpg(p.pid, signal.SIGTERM)
        check_eq(p.wait(5), 0, "SIGTERM powers off cleanly")
        check(b"powered off" in p.stderr.read(), "says so")
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


# ---------------------------------------------------------------- RFC 2217

@case("rfc2217.negotiation_and_commands")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        c = b.link
        check(rfc2217.COM_PORT in c.we and rfc2217.BINARY in c.they and rfc2217.SGA in c.they,
              "options agreed", c.verbs)
        check(rfc2217.ECHO in c.they, "the server echoes (a telnet client stops echoing)")
        c._fill(0.2)
        check(any(code == 107 for code, _ in c.answers), "an initial NOTIFY-MODEMSTATE", c.answers)
        check(b"campy-board" in c.ask(rfc2217.SIGNATURE), "signature")
        check_eq(c.set_baudrate(0), 115200, "baud query")
        check_eq(c.set_baudrate(115200), 115200, "baud set")
        check_eq(c.ask(rfc2217.SET_DATASIZE, b"\x08"), b"\x08", "data size")
        check_eq(c.ask(rfc2217.SET_PARITY, b"\x01"), b"\x01", "parity none")
        check_eq(c.ask(rfc2217.SET_STOPSIZE, b"\x01"), b"\x01", "one stop bit")
        check_eq(c.set_control(1), 1, "no flow control")
        check_eq(c.set_control(7), 9, "DTR query: off")
        check_eq(c.set_control(10), 12, "RTS query: off")
        check_eq(c.ask(rfc2217.SET_MODEMSTATE_MASK, b"\xff"), b"\xff", "mask 255 (IAC doubled)")
        check_eq(c.ask(rfc2217.PURGE_DATA, b"\x03"), b"\x03", "purge both")
        sync(c)
        check_eq(cmd(c, "echo telnet"), b"telnet\r\n", "data")


@case("rfc2217.flow_control_and_purge")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        c = b.link
        sync(c)
        c.command(rfc2217.FLOW_SUSPEND)
        c.write(b"flood 3000\r")
        check_eq(c.read_for(0.4), b"", "nothing while the client suspended flow")
        c.command(rfc2217.FLOW_RESUME)
        out = c.read_until(b"flooded\r\n> ")
        check_eq(out.count(b"x"), 3000, "all of it after FLOWCONTROL-RESUME")
        c.command(rfc2217.FLOW_SUSPEND)
        c.write(b"flood 3000\r")
        time.sleep(0.3)
        check_eq(c.ask(rfc2217.PURGE_DATA, b"\x01"), b"\x01", "purge the receive buffer")
        c.command(rfc2217.FLOW_RESUME)
        check_eq(c.read_for(0.4), b"", "what the board had sent is gone")
        sync(c)


@case("rfc2217.iac_escaping")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        c = b.link
        sync(c)
        out = cmd(c, "bytes")
        check_eq(out, bytes(range(256)) + b"\r\n", "all byte values arrive once")
        c.write(b"read 4 3000\r")
        c.read_until(b"\r\n")
        c.write(b"\xff\x00\xfe\xff")
        check_eq(c.read_until(PROMPT), b"got 4 ff00feff\r\n> ", "0xFF from the client")


@case("rfc2217.rts_holds_reset_dtr_selects_download")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        c = b.link
        sync(c)
        check_eq(c.rts(True), 11, "RTS on")
        c.write(b"echo ignored\r")
        check_eq(c.read_for(0.8), b"", "silent while EN is low")
        check("held in reset" in b.side(), "the side channel says why", b.side())
        t0 = time.monotonic()
        check_eq(c.rts(False), 12, "RTS off")
        out = c.read_until(b"echo-fw cause=1\r\n> ")
        figure("RTS released to the firmware's first prompt", "%.1f ms" % ((time.monotonic() - t0) * 1000))
        check(ROM_POWERON in out and b"ignored" not in out, "boots like power-on", out)
        # esptool's classic reset into the ROM loader
        c.dtr(False)
        c.rts(True)
        c.dtr(True)
        c.rts(False)
        out = c.read_until(b"waiting for download\r\n")
        check(b"rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))"
              in out, "download boot", out)
        c.dtr(False)
        check(b"echo-fw" not in c.read_for(0.5), "no firmware in download mode")
        c.rts(True)
        c.rts(False)
        out = c.read_until(b"echo-fw cause=1\r\n> ")
        check(b"boot:0x13" in out, "a flash boot after the next reset")
        # a terminal that asserts both on opening holds the board in reset
        c.dtr(True)
        c.rts(True)
        check_eq(c.read_for(0.5), b"", "silent with DTR and RTS on")
        c.close()  # closing the port drops both lines: the board boots
        time.sleep(0.3)
        c = b.link = rfc2217.ComPort("127.0.0.1", b.port)
        sync(c)


@case("rfc2217.reset_circuit_none")
def _():
    with Board(ready_image(), serial="rfc2217", args=["--reset-circuit", "none"]) as b:
        c = b.link
        sync(c)
        c.rts(True)
        c.dtr(True)
        check_eq(cmd(c, "echo still"), b"still\r\n", "DTR/RTS do nothing")


@case("rfc2217.wrong_baud_is_garbage")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        c = b.link
        sync(c)
        check_eq(c.set_baudrate(9600), 9600, "9600")
        c.write(b"echo hello\r")
        got = c.read_for(0.5)
        check(got and b"hello" not in got and all(x >= 0x80 for x in got), "garbage", got)
        check_eq(c.set_baudrate(115200), 115200, "back")
        sync(c)
        check_eq(cmd(c, "echo ok"), b"ok\r\n", "fine again")
        check_eq(c.ask(rfc2217.SET_DATASIZE, b"\x07"), b"\x07", "7 data bits")
        c.write(b"echo seven\r")
        got = c.read_for(0.5)
        check(b"seven" not in got, "7 bits is garbage too", got)


@case("rfc2217.one_client_at_a_time_and_reconnect")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        c = b.link
        sync(c)
        try:
            second = rfc2217.ComPort("127.0.0.1", b.port, timeout=1.0)
            second.read_for(0.3)
            raise Failed("a second client was served")
        except (rfc2217.Closed, rfc2217.Timeout, OSError):
            pass
        c.close()
        time.sleep(0.2)
        c = b.link = rfc2217.ComPort("127.0.0.1", b.port)
        sync(c)
        check_eq(cmd(c, "echo back"), b"back\r\n", "a new client after the first left")


@case("rfc2217.plain_telnet_client")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        c = b.link
        c.close()
        time.sleep(0.2)
        c = b.link = rfc2217.ComPort("127.0.0.1", b.port, binary=False)
        sync(c)
        c.write(b"echo nvt\r")  # sent as CR NUL
        check_eq(c.read_until(PROMPT), b"echo nvt\r\nnvt\r\n> ", "CR NUL is one CR")


# ---------------------------------------------------------------- driver

def main():
    global BOARD, WORK
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", required=True)
    ap.add_argument("--results")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    BOARD = os.path.abspath(args.board)
    root = tempfile.mkdtemp(prefix="campy-sim-")
    results = []
    try:
        shared = os.path.join(root, "shared")
        os.mkdir(shared)
        for name, fn in CASES:
            if args.cases and not any(c in name for c in args.cases):
                continue
            ready = ready_in(shared)
            WORK = os.path.join(root, name)
            os.mkdir(WORK)
            shutil.copyfile(ready, os.path.join(WORK, "flash.bin"))
            shutil.copyfile(ready + ".efuse", os.path.join(WORK, "flash.bin.efuse"))
            t0 = time.monotonic()
            try:
                fn()
                results.append("PASS " + name)
            except Exception as e:
                results.append("FAIL " + name)
                print("FAIL %s: %s" % (name, e))
                if not isinstance(e, Failed):
                    traceback.print_exc()
            if time.monotonic() - t0 > 20:
                print("note: %s took %.1f s" % (name, time.monotonic() - t0))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if args.results:
        with open(args.results, "a") as f:
            f.write("".join(r + "\n" for r in results))
    passed = sum(r.startswith("PASS") for r in results)
    print("sim: %d passed, %d failed" % (passed, len(results) - passed))
    for f in FIGURES:
        print("  " + f)
    return 0


_ready = {}


def ready_in(folder):
    """One image set up by the board, copied into each case's folder."""
    if "path" not in _ready:
        global WORK
        WORK = folder
        path = os.path.join(folder, "flash.bin")
        with Board(path) as b:
            booted(b.link)
        _ready["path"] = path
    return _ready["path"]


if __name__ == "__main__":
    sys.exit(main())
