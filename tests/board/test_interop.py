"""The virtual board with the host tools people use on a real ESP32-CAM.

pyserial is the serial library under mpremote, pyboard.py, esptool, Thonny
and miniterm. Here the genuine library (Debian's python3-serial) drives
build/campy-board: serial.Serial on its pseudo-terminal, serial_for_url on
its RFC 2217 server (DTR/RTS wired like the ESP32-CAM-MB), and miniterm run
on a terminal of its own, typed into as a person would. The REPL sequences
are the ones MicroPython documents for host tools (docs/reference/repl.rst,
"Raw mode and raw-paste mode").

Run it with a Python that has pyserial (mk/boardinterop.mk):
    /usr/bin/python3 tests/board/test_interop.py --board build/campy-board \\
        --results build/results/board-interop.txt --prefix board-interop
"""

import contextlib
import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from boardproc import Board, BoardError  # noqa: E402
from harness import (CheckFailed, case, check, check_eq, check_in, check_not_in,  # noqa: E402
                     main, ready_image, record, text)
from links import FdLink, Link, LinkClosed, LinkTimeout  # noqa: E402

try:
    import serial
except ImportError:
    serial = None

BAUD = 115200
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"
FRESH_PROMPT = re.compile(rb"(?m)^>>> ")
ROM_POWERON = b"rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"
ROM_DOWNLOAD = b"boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))"
BANNER = re.compile(rb"campy v\d+\.\d+\.\d+ on [^;]+; ESP32-CAM with ESP32\r\n")


# ---------------------------------------------------------------- lines

class SerialLink(Link):
    """A pyserial port (a tty device or an rfc2217:// URL) behind the
    tests' reading interface: read_until, read_exact, read_for... with
    deadlines. Bytes are taken the way tools take them: what in_waiting
    says is there, or one byte within the port's short timeout."""

    POLL = 0.05

    def __init__(self, port):
        super().__init__()
        self.port = port

    def _fill(self, timeout):
        try:
            n = self.port.in_waiting
            if n == 0 and timeout <= 0:
                return True
            data = self.port.read(min(n, 65536) or 1)
        except (serial.SerialException, OSError):
            return False
        self.received += data
        return True

    def waiting(self):
        """Bytes from the board not read yet (in our buffer or pyserial's)."""
        if len(self.received) > self.pos:
            return True
        try:
            return self.port.in_waiting > 0
        except (serial.SerialException, OSError):
            return False

    def write(self, data, timeout=10.0):
        if isinstance(data, str):
            data = data.encode()
        try:
            self.port.write(data)
        except serial.SerialException as e:
            raise LinkClosed("pyserial could not send %d bytes: %s" % (len(data), e))

    def close(self):
        try:
            self.port.close()
        except (serial.SerialException, OSError):
            pass
        self.closed = True

    def reopen(self):
        """The same pyserial object opened again, as a tool reconnects."""
        self.port.open()
        self.closed = False


class TerminalLink(FdLink):
    """The master side of the pseudo-terminal a terminal program runs on:
    what it shows, and the keys typed into it."""


# ---------------------------------------------------------------- boards

def side_wait(board, pattern, timeout=10.0, what=None):
    """Waits until the board's side channel (stdout + stderr) matches."""
    deadline = time.monotonic() + timeout
    while True:
        m = re.search(pattern, board.side_text())
        if m:
            return m
        if board.exited():
            raise BoardError("campy-board exited (status %r) while waiting for %s; side "
                             "channel: %r" % (board.proc.returncode, what or pattern,
                                              board.side_text()[-800:]))
        if time.monotonic() > deadline:
            raise CheckFailed("the side channel did not show %s within %.1f s: %r" % (
                what or pattern, timeout, board.side_text()[-800:]))
        time.sleep(0.02)


@contextlib.contextmanager
def start_board(kind, args=()):
    """campy-board on a ready image with UART0 on a pty or an RFC 2217
    server, once it says where UART0 is; its process group is killed when
    the with block ends, however it ends."""
    with Board(ready_image(), serial=kind, args=args, connect=False) as board:
        if kind == "pty":
            board.pty_path = side_wait(board, r"UART0 is on (/dev/pts/\d+)", 10.0,
                                       "the pty path").group(1)
        else:
            side_wait(board, r"UART0 is at rfc2217://127\.0\.0\.1:%d" % board.port, 10.0,
                      "the RFC 2217 server")
            board.url = "rfc2217://127.0.0.1:%d" % board.port
        yield board


def open_pty(board):
    """The pty as mpremote opens a serial device: 115200 baud, an
    exclusive lock, a one-second gap between bytes allowed."""
    port = serial.Serial(board.pty_path, BAUD, timeout=SerialLink.POLL,
                         inter_byte_timeout=1, exclusive=True)
    return SerialLink(port)


def open_rfc2217(board, dtr=False, rts=False):
    """The RFC 2217 port as a tool that knows the ESP32 auto-reset circuit
    opens it: DTR and RTS set before the port opens (None: pyserial's
    default, both asserted on open)."""
    port = serial.serial_for_url(board.url, baudrate=BAUD, timeout=SerialLink.POLL,
                                 do_not_open=True)
    if dtr is not None:
        port.dtr = dtr
    if rts is not None:
        port.rts = rts
    port.open()
    return SerialLink(port)


def to_prompt(link, timeout=20.0):
    """Gets a fresh friendly prompt from a board that may still be booting
    (Enter, and Ctrl-C when a second passes without one)."""
    deadline = time.monotonic() + timeout
    while True:
        link.write(b"\r")
        try:
            link.read_until(FRESH_PROMPT, 1.0, "a >>> prompt")
            break
        except LinkTimeout:
            if time.monotonic() > deadline:
                raise
            link.write(b"\x03")
    link.quiet_for(0.2, 3.0)


# ---------------------------------------------------------------- the raw REPL over pyserial

def enter_raw(link, timeout=10.0):
    """As pyboard.py and mpremote do: Ctrl-C twice to stop what runs, the
    input waiting dropped, Ctrl-A, then the banner and the '>' prompt."""
    link.write(b"\r\x03\x03")
    link.quiet_for(0.1, 2.0)
    link.write(b"\r\x01")
    link.read_until(RAW_BANNER + b">", timeout, "the raw REPL banner")


def send_paced(link, code):
    """Plain raw mode has no flow control: 256 bytes every 10 ms."""
    for i in range(0, len(code), 256):
        link.write(code[i:i + 256])
        time.sleep(0.01)


def raw_follow(link, timeout):
    """stdout up to \\x04, the error text up to \\x04, then '>'."""
    out = link.read_until(b"\x04", timeout, "the end of the output")[:-1]
    err = link.read_until(b"\x04", timeout, "the end of the error text")[:-1]
    prompt = link.read_exact(1, timeout)
    check_eq(prompt, b">", "the raw prompt after the run")
    return out, err


def raw_exec(link, code, timeout=10.0):
    """Code and Ctrl-D at the raw prompt: 'OK', then (stdout, error text)."""
    if isinstance(code, str):
        code = code.encode()
    send_paced(link, code)
    link.write(b"\x04")
    ok = link.read_exact(2, 5.0)
    check_eq(ok, b"OK", "the board acknowledges the code")
    return raw_follow(link, timeout)


def raw_ok(link, code, timeout=10.0):
    out, err = raw_exec(link, code, timeout)
    check_eq(err, b"", "no exception from %r" % code[:80])
    return out


class PasteStats:
    window = 0
    increments = 0
    board_ended = False


def raw_paste(link, code, timeout=60.0, stats=None):
    """Raw-paste mode at the raw prompt, flow control as documented: write
    at most the window; take a byte from the board when the window is used
    up or one is waiting (\\x01: one more window; \\x04: stop, answered
    with \\x04); \\x04 at the end; the board's \\x04 says it has it all.
    Returns (stdout, error text)."""
    if isinstance(code, str):
        code = code.encode()
    stats = stats or PasteStats()
    deadline = time.monotonic() + timeout

    def left():
        return max(0.1, deadline - time.monotonic())
    link.write(b"\x05A\x01")
    check_eq(link.read_exact(2, 5.0), b"R\x01", "the board enters raw-paste mode")
    stats.window = int.from_bytes(link.read_exact(2, 5.0), "little")
    check(stats.window > 0, "a window increment above zero", stats.window)
    remaining = stats.window
    sent = 0
    while sent < len(code) and not stats.board_ended:
        while remaining == 0 or link.waiting():
            if time.monotonic() > deadline:
                raise LinkTimeout("raw-paste: %d of %d bytes sent in %.0f s" % (
                    sent, len(code), timeout))
            b = link.read_exact(1, left())
            if b == b"\x01":
                remaining += stats.window
                stats.increments += 1
            elif b == b"\x04":
                stats.board_ended = True
                link.write(b"\x04")
                break
            else:
                raise CheckFailed("raw-paste: the board sent %r after %d bytes; then %r" % (
                    b, sent, link.pending()[:200]))
        if stats.board_ended:
            break
        piece = code[sent:sent + remaining]
        link.write(piece)
        sent += len(piece)
        remaining -= len(piece)
    if not stats.board_ended:
        link.write(b"\x04")
        ack = link.read_until(b"\x04", left(), "the board's \\x04 after the code")
        check(set(ack[:-1]) <= {1}, "only flow-control bytes before the board's \\x04", ack)
    return raw_follow(link, left())


def paste_script(size):
    """About `size` bytes of Python whose last line proves that every line
    arrived, in order: a running hash over the line numbers."""
    lines = ["h = 0"]
    h = 0
    i = 0
    total = 6
    while total < size - 64:
        line = "h = (h * 31 + %d) %% 1000003  # line %06d of the pasted script" % (i, i)
        lines.append(line)
        total += len(line) + 1
        h = (h * 31 + i) % 1000003
        i += 1
    lines.append("print('lines', %d, 'hash', h)" % i)
    return "\n".join(lines) + "\n", "lines %d hash %d" % (i, h)


def check_raw_session(link):
    """The raw REPL answers a small program correctly."""
    out = raw_ok(link, "import sys\nprint(6 * 7)\nsys.stdout.write('end')")
    check_eq(out, b"42\r\nend", "stdout of the program, newlines as \\r\\n")


def check_friendly(link, line, want):
    """A line typed at the friendly prompt prints `want`."""
    link.write(line.encode() + b"\r")
    out = link.read_until(FRESH_PROMPT, 10.0, "the prompt after %r" % line)
    check_in(want.encode(), out, "the answer to %r" % line)


# ---------------------------------------------------------------- pyserial on the pty

@case("pty.raw_exec")
def _():
    with start_board("pty") as b, contextlib.closing(open_pty(b)) as link:
        to_prompt(link)
        enter_raw(link)
        check_raw_session(link)
        out = raw_ok(link, "for i in range(3):\n    print('row', i)\n")
        check_eq(out, b"row 0\r\nrow 1\r\nrow 2\r\n", "a loop's output")
        link.write(b"\x02")
        banner = link.read_until(FRESH_PROMPT, 5.0, "the friendly prompt after Ctrl-B")
        check(BANNER.search(banner), "Ctrl-B shows the banner", banner)
        check_friendly(link, "2 ** 10", "1024")


@case("pty.raw_exception")
def _():
    with start_board("pty") as b, contextlib.closing(open_pty(b)) as link:
        to_prompt(link)
        enter_raw(link)
        out, err = raw_exec(link, "print('before')\nraise ValueError('boom')\n")
        check_eq(out, b"before\r\n", "stdout up to the exception")
        check(err.startswith(b"Traceback (most recent call last):\r\n"), "a traceback", err)
        check(err.endswith(b"ValueError: boom\r\n"), "the exception's line ends the text", err)
        out, err = raw_exec(link, "def f(:\n")
        check_eq(out, b"", "a syntax error prints nothing on stdout")
        check_in(b"SyntaxError", err, "the syntax error is in the error text")
        check_raw_session(link)


@case("pty.raw_paste_50k", limit=120)
def _():
    src, want = paste_script(50 * 1024)
    check(len(src) >= 50 * 1024 - 64, "a 50 KiB script", len(src))
    with start_board("pty") as b, contextlib.closing(open_pty(b)) as link:
        to_prompt(link)
        enter_raw(link)
        stats = PasteStats()
        t0 = time.monotonic()
        out, err = raw_paste(link, src, 90.0, stats)
        seconds = time.monotonic() - t0
        check_eq(err, b"", "no error from the 50 KiB script")
        check_eq(text(out).strip(), want, "every line arrived, in order")
        check(not stats.board_ended, "the board took it all", stats.board_ended)
        need = (len(src) - 1) // stats.window
        check(stats.increments >= need, "the data went in under flow control: %d windows of "
              "%d bytes for %d bytes" % (stats.increments, stats.window, len(src)))
        print("  pty raw-paste: %d bytes in %.2f s (%.0f KiB/s), window %d" % (
            len(src), seconds, len(src) / 1024 / max(seconds, 1e-6), stats.window))
        check_eq(raw_ok(link, "print(h % 1000)"), ("%d\r\n" % (int(want.split()[-1]) % 1000))
                 .encode(), "the raw REPL works after raw-paste")


@case("pty.raw_soft_reset")
def _():
    with start_board("pty") as b, contextlib.closing(open_pty(b)) as link:
        to_prompt(link)
        enter_raw(link)
        raw_ok(link, "f = open('main.py', 'w'); f.write(\"print('main.py ran')\\n\"); f.close()\n"
               "left_over = 1")
        link.write(b"\x04")
        link.read_until(b"OK", 5.0, "OK for Ctrl-D at the raw prompt")
        link.read_until(b"soft reboot\r\n", 10.0, "'soft reboot'")
        back = link.read_until(RAW_BANNER + b">", 10.0, "the raw REPL again")
        check_not_in(b"main.py ran", back, "a soft reset in the raw REPL skips main.py")
        out = raw_ok(link, "print('left_over' in globals())")
        check_eq(out, b"False\r\n", "Python state is gone after the soft reset")
        check_raw_session(link)
        link.write(b"\x02")
        link.read_until(FRESH_PROMPT, 5.0, "the friendly prompt")
        link.write(b"\x04")
        back = link.read_until(FRESH_PROMPT, 10.0, "the prompt after a friendly soft reset")
        check_in(b"soft reboot", back, "Ctrl-D at >>> soft-resets")
        check_in(b"main.py ran", back, "a friendly soft reset runs main.py")


@case("pty.raw_enter_while_running")
def _():
    """The usual way mpremote meets a board: main.py's loop is running when
    the tool opens the port; its Ctrl-Cs stop it and Ctrl-A gets the raw
    REPL."""
    with start_board("pty") as b:
        with contextlib.closing(open_pty(b)) as link:
            to_prompt(link)
            link.write(b"import time\r")
            link.read_until(FRESH_PROMPT, 5.0, "the prompt")
            link.write(b"while True: print('tick'); time.sleep_ms(20)\r\r")
            link.read_until(b"tick\r\n", 5.0, "the loop running")
        with contextlib.closing(open_pty(b)) as link:
            enter_raw(link)
            check_raw_session(link)


@case("pty.close_reopen")
def _():
    with start_board("pty") as b:
        with contextlib.closing(open_pty(b)) as link:
            to_prompt(link)
            enter_raw(link)
            raw_ok(link, "kept = 'across the reopen'")
        side_wait(b, r"the program on the pty closed it", 5.0, "the close noticed")
        with contextlib.closing(open_pty(b)) as link:
            enter_raw(link)
            out = raw_ok(link, "print(kept)")
            check_eq(out, b"across the reopen\r\n", "the board kept running between the opens")


# ---------------------------------------------------------------- pyserial over RFC 2217

@case("rfc2217.raw_exec")
def _():
    with start_board("rfc2217") as b, contextlib.closing(open_rfc2217(b)) as link:
        to_prompt(link)
        enter_raw(link)
        check_raw_session(link)
        out, err = raw_exec(link, "print('before')\nraise OSError(2, 'gone')\n")
        check_eq(out, b"before\r\n", "stdout up to the exception")
        check_in(b"OSError", err, "the exception in the error text")
        out = raw_ok(link, "print('\\xff\\xfe \\u00ff')")
        check_eq(out, "\xff\xfe \u00ff\r\n".encode(), "non-ASCII text arrives as UTF-8")
        check_not_in("RTS on", b.side_text(), "opening with RTS off never reset the board")


@case("rfc2217.binary_stdio")
def _():
    """What mpremote's mount does over the raw REPL: bytes both ways through
    sys.stdout.buffer and sys.stdin.buffer, unchanged; text stdout turns
    \\n into \\r\\n and text stdin reads Enter (\\r) as \\n, as on
    MicroPython's boards."""
    data = bytes(range(256))
    with start_board("rfc2217") as b, contextlib.closing(open_rfc2217(b)) as link:
        to_prompt(link)
        enter_raw(link)
        out = raw_ok(link, "import sys\nsys.stdout.buffer.write(bytes(range(5, 256)))")
        check_eq(out, data[5:], "sys.stdout.buffer sends every byte as it is")
        out = raw_ok(link, "import sys\nsys.stdout.write('a\\nb')")
        check_eq(out, b"a\r\nb", "text stdout sends \\n as \\r\\n")
        send_paced(link, b"import sys, micropython\nmicropython.kbd_intr(-1)\n"
                   b"d = sys.stdin.buffer.read(256)\nmicropython.kbd_intr(3)\n"
                   b"print(d == bytes(range(256)), len(d), d[:16].hex())")
        link.write(b"\x04")
        check_eq(link.read_exact(2, 5.0), b"OK", "the board runs the reader")
        time.sleep(0.1)
        link.write(data)
        out, err = raw_follow(link, 10.0)
        check_eq((out, err), (b"True 256 000102030405060708090a0b0c0d0e0f\r\n", b""),
                 "sys.stdin.buffer reads every byte as it was sent")
        send_paced(link, b"import sys\nprint(repr(sys.stdin.read(4)))")
        link.write(b"\x04")
        check_eq(link.read_exact(2, 5.0), b"OK", "the board runs the reader")
        time.sleep(0.1)
        link.write(b"ab\rc")
        out, err = raw_follow(link, 10.0)
        check_eq((out, err), (b"'ab\\nc'\r\n", b""), "text stdin reads \\r as \\n")


@case("rfc2217.raw_enter_while_running")
def _():
    """A tool that connects over RFC 2217 while a program prints (at about
    a 115200-baud line's rate) stops it and gets the raw REPL."""
    with start_board("rfc2217") as b:
        with contextlib.closing(open_rfc2217(b)) as link:
            to_prompt(link)
            link.write(b"import time\r")
            link.read_until(FRESH_PROMPT, 5.0, "the prompt")
            link.write(b"while True: print('tick', time.ticks_ms()); time.sleep_ms(2)\r\r")
            link.read_until(b"tick", 5.0, "the loop running")
        side_wait(b, r"the RFC 2217 client disconnected", 5.0, "the close noticed")
        with contextlib.closing(open_rfc2217(b)) as link:
            enter_raw(link)
            check_raw_session(link)


@case("rfc2217.raw_paste_50k", limit=120)
def _():
    src, want = paste_script(50 * 1024)
    with start_board("rfc2217") as b, contextlib.closing(open_rfc2217(b)) as link:
        to_prompt(link)
        enter_raw(link)
        stats = PasteStats()
        t0 = time.monotonic()
        out, err = raw_paste(link, src, 90.0, stats)
        seconds = time.monotonic() - t0
        check_eq(err, b"", "no error from the 50 KiB script")
        check_eq(text(out).strip(), want, "every line arrived, in order")
        need = (len(src) - 1) // stats.window
        check(stats.increments >= need, "flow control: %d windows of %d bytes for %d bytes" % (
            stats.increments, stats.window, len(src)))
        print("  rfc2217 raw-paste: %d bytes in %.2f s (%.0f KiB/s), window %d" % (
            len(src), seconds, len(src) / 1024 / max(seconds, 1e-6), stats.window))
        check_raw_session(link)


@case("rfc2217.rts_holds_reset")
def _():
    with start_board("rfc2217") as b, contextlib.closing(open_rfc2217(b)) as link:
        to_prompt(link)
        link.port.rts = True
        side_wait(b, r"RTS on: EN is low", 5.0, "the note that EN is held low")
        link.write(b"print('typed into a board in reset')\r")
        held = link.read_for(1.5)
        check_eq(held, b"", "a board held in reset says nothing")
        link.port.rts = False
        boot = link.read_until(FRESH_PROMPT, 20.0, "the prompt after RTS is released")
        check_in(ROM_POWERON, boot, "the ROM's power-on lines")
        check(BANNER.search(boot), "the firmware banner", boot)
        check_not_in(b"typed into a board in reset", boot, "what was typed meanwhile is lost")
        enter_raw(link)
        check_eq(raw_ok(link, "import machine\nprint(machine.reset_cause() == "
                        "machine.PWRON_RESET)"), b"True\r\n", "EN reset counts as power-on")


@case("rfc2217.default_open_holds_reset")
def _():
    """pyserial asserts DTR and RTS when it opens a port unless told
    otherwise: on the ESP32-CAM-MB that holds EN low (the board is silent
    until RTS is released) and GPIO0 low, so releasing RTS first boots the
    ROM loader. Releasing DTR first, then RTS, boots the firmware."""
    with start_board("rfc2217") as b, \
            contextlib.closing(open_rfc2217(b, dtr=None, rts=None)) as link:
        side_wait(b, r"RTS on: EN is low", 5.0, "the note that EN is held low")
        check(link.port.dtr and link.port.rts, "pyserial opened with DTR and RTS asserted")
        link.write(b"\r")
        check_eq(link.read_for(1.0), b"", "held in reset: silent")
        link.port.rts = False
        boot = link.read_until(b"waiting for download\r\n", 10.0, "the ROM loader")
        check_in(ROM_DOWNLOAD, boot, "RTS released while DTR holds GPIO0 low: download boot")
        link.port.dtr = False
        link.port.rts = True
        time.sleep(0.1)
        link.port.rts = False
        boot = link.read_until(FRESH_PROMPT, 20.0, "the prompt after a reset with DTR off")
        check_in(ROM_POWERON, boot, "a normal boot")
        enter_raw(link)
        check_raw_session(link)


@case("rfc2217.esptool_resets")
def _():
    with start_board("rfc2217") as b, contextlib.closing(open_rfc2217(b)) as link:
        to_prompt(link)
        port = link.port
        # esptool's classic reset into the loader: EN low with IO0 high,
        # then EN released while DTR holds IO0 low, then IO0 released
        port.dtr = False
        port.rts = True
        time.sleep(0.1)
        port.dtr = True
        port.rts = False
        time.sleep(0.05)
        port.dtr = False
        boot = link.read_until(b"waiting for download\r\n", 10.0, "the ROM loader's line")
        check_in(b"rst:0x1 (POWERON_RESET)," + ROM_DOWNLOAD[:-1], boot, "download boot")
        check_not_in(b"campy", boot, "the firmware does not start in download mode")
        check_eq(link.read_for(0.5), b"", "the loader waits quietly")
        # esptool's hard reset after flashing: an RTS pulse
        port.rts = True
        time.sleep(0.1)
        port.rts = False
        boot = link.read_until(FRESH_PROMPT, 20.0, "the prompt after the hard reset")
        check_in(ROM_POWERON, boot, "power-on ROM lines")
        check(BANNER.search(boot), "the firmware banner", boot)
        enter_raw(link)
        check_raw_session(link)


@case("rfc2217.baudrate")
def _():
    with start_board("rfc2217") as b, contextlib.closing(open_rfc2217(b)) as link:
        to_prompt(link)
        port = link.port
        port.baudrate = 9600
        port.rts = True
        time.sleep(0.1)
        port.rts = False
        garbage = link.read_for(2.5)
        check(len(garbage) > 100, "a boot at the wrong rate still sends bytes", garbage)
        for word in (b"campy", b"rst:", b">>>", b"\r\n"):
            check_not_in(word, garbage, "9600 baud shows garbage, not the boot text")
        link.write(b"print('typed at 9600')\r")
        check_not_in(b"typed at 9600", link.read_for(0.5), "input at 9600 is garbage too")
        port.baudrate = 115200
        check_eq(port.baudrate, 115200, "back at 115200")
        link.write(b"\x03")  # drop the garbled line
        to_prompt(link)
        check_friendly(link, "print(6 * 7)", "42\r\n")
        enter_raw(link)
        check_raw_session(link)


@case("rfc2217.purge_break_modem")
def _():
    with start_board("rfc2217") as b, contextlib.closing(open_rfc2217(b)) as link:
        to_prompt(link)
        port = link.port
        # about what a 115200-baud line carries: 1000 lines a second
        link.write(b"import time; i = 0\r")
        link.read_until(FRESH_PROMPT, 5.0, "the prompt")
        link.write(b"while True: i += 1; print('line', i); time.sleep_ms(1)\r\r")
        link.read_until(b"line 100\r\n", 10.0, "the loop printing")
        port.reset_input_buffer()
        link.mark()
        link.write(b"\x03")
        link.read_until(b"KeyboardInterrupt", 10.0, "the loop stopped by Ctrl-C")
        link.read_until(FRESH_PROMPT, 5.0, "the prompt after Ctrl-C")
        port.reset_output_buffer()
        port.send_break(0.1)
        check_eq((port.cts, port.dsr, port.ri, port.cd), (False, False, False, False),
                 "the programmer's modem lines (nothing wired to CTS, DSR, RI, CD)")
        link.quiet_for(0.3, 3.0)
        enter_raw(link)
        check_raw_session(link)
        check_eq(raw_ok(link, "print('x' * 3000)"), b"x" * 3000 + b"\r\n",
                 "a long output arrives whole after the purges")


@case("rfc2217.close_reopen")
def _():
    with start_board("rfc2217") as b:
        with contextlib.closing(open_rfc2217(b)) as link:
            to_prompt(link)
            enter_raw(link)
            raw_ok(link, "kept = 'across the reopen'")
            link.close()
            side_wait(b, r"the RFC 2217 client disconnected", 5.0, "the close noticed")
            link.reopen()
            enter_raw(link)
            check_eq(raw_ok(link, "print(kept)"), b"across the reopen\r\n",
                     "the same port object opened again; the board kept running")
            t0 = time.monotonic()
            try:
                other = open_rfc2217(b)
            except serial.SerialException as e:
                other = None
                refusal = e
            if other is not None:
                other.close()
                raise CheckFailed("a second client could open the port in use")
            check(time.monotonic() - t0 < 10.0, "the second client was refused in time")
            check_in("RFC2217", str(refusal), "pyserial's own error for a server that does not "
                     "take it")
            side_wait(b, r"second RFC 2217 client was turned away", 5.0, "the refusal noted")
            with socket.create_connection(("127.0.0.1", b.port), timeout=5.0) as plain:
                said = b""
                while True:
                    got = plain.recv(4096)
                    if not got:
                        break
                    said += got
            check_in(b"in use", said, "a turned-away client is told why before the close")
            check_raw_session(link)


@case("rfc2217.open_while_board_prints", limit=60)
def _():
    """pyserial's open() ends with reset_input_buffer(), which empties its
    receive queue until it finds it empty. A board prints at most 11.5 KB/s
    at 115200 baud, so the queue soon is; a line faster than that, with a
    program printing without pause, would keep the queue filling as fast as
    it drains and open() would never return."""
    with start_board("rfc2217") as b:
        with contextlib.closing(open_rfc2217(b)) as link:
            to_prompt(link)
            link.write(b"i = 0\r")
            link.read_until(FRESH_PROMPT, 5.0, "the prompt")
            link.write(b"while True: i += 1; print('line', i)\r\r")
            link.read_until(b"line 1000\r\n", 10.0, "the loop printing")
        side_wait(b, r"the RFC 2217 client disconnected", 5.0, "the close noticed")
        outcome = {}

        def open_and_stop():
            try:
                again = open_rfc2217(b)
                outcome["opened"] = True
                again.write(b"\x03")
                again.read_until(b"KeyboardInterrupt", 10.0, "the loop stopped")
                outcome["stopped"] = True
                again.close()
            except Exception as e:  # reported below
                outcome["error"] = "%s: %s" % (type(e).__name__, e)
        opener = threading.Thread(target=open_and_stop, daemon=True)
        opener.start()
        opener.join(15.0)
        check(not opener.is_alive(), "pyserial's open() returns within 15 s while the board "
              "prints", outcome)
        check_eq(outcome, {"opened": True, "stopped": True}, "opened, and Ctrl-C stopped the loop")


# ---------------------------------------------------------------- miniterm

class Miniterm:
    """pyserial's miniterm on a pseudo-terminal of its own, its keys typed
    and its screen read through the master side."""

    def __init__(self, args):
        master, slave = pty.openpty()
        env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONUNBUFFERED="1")
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "serial.tools.miniterm"] + list(args),
                stdin=slave, stdout=slave, stderr=slave, start_new_session=True, env=env)
        finally:
            os.close(slave)
        self.screen = TerminalLink(master)

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.proc.wait(5.0)
        self.screen.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def screen_text(data):
    """What the terminal shows: the pty's output processing adds a CR
    before each LF."""
    return data.replace(b"\r\r\n", b"\r\n")


@case("miniterm.lines_off", limit=60)
def _():
    """miniterm with --rts 0 --dtr 0 leaves the board running: Enter
    (sent as CR LF, miniterm's default) runs one line."""
    with start_board("rfc2217") as b:
        with Miniterm(["--raw", "--rts", "0", "--dtr", "0", b.url, str(BAUD)]) as mt:
            mt.screen.read_until(b"--- Quit: Ctrl+]", 10.0, "miniterm's banner")
            side_wait(b, r"RFC 2217 client connected", 5.0, "miniterm connected")
            mt.screen.write(b"print(6*7)\r")
            shown = screen_text(mt.screen.read_until(b"42\r\r\n>>> ", 10.0, "42 and a prompt"))
            check_in(b"print(6*7)\r\n42\r\n>>> ", shown, "the echo, the answer, the prompt")
            after = mt.screen.read_for(0.7)
            check_not_in(b">>>", after, "one Enter, one prompt: the LF of CR LF is no second "
                         "Enter")
            mt.screen.write(b"\x1d")
            rc = mt.wait_exit(10.0)
            check_eq(rc, 0, "Ctrl-] ends miniterm with status 0")
            check_in(b"--- exit ---", mt.screen.read_for(0.3) + mt.screen.since(0),
                     "miniterm says it exits")
        check_not_in("RTS on", b.side_text(), "the board was never reset")
        side_wait(b, r"the RFC 2217 client disconnected", 5.0, "the disconnect")
        with contextlib.closing(open_rfc2217(b)) as link:
            to_prompt(link)
            check_friendly(link, "print(7 * 6)", "42")


@case("miniterm.default_lines_hold_reset", limit=60)
def _():
    """miniterm without --rts/--dtr opens the port with both asserted
    (pyserial's default): the ESP32-CAM-MB holds the board in reset, as
    PuTTY and Thonny users see. Ctrl-T Ctrl-D drops DTR, Ctrl-T Ctrl-R
    drops RTS: the board boots and answers."""
    with start_board("rfc2217") as b:
        with Miniterm(["--raw", b.url, str(BAUD)]) as mt:
            mt.screen.read_until(b"--- Quit: Ctrl+]", 10.0, "miniterm's banner")
            side_wait(b, r"RTS on: EN is low", 5.0, "the board held in reset")
            mt.screen.mark()
            mt.screen.write(b"print(6*7)\r")
            check_not_in(b"42", mt.screen.read_for(1.0), "a board in reset does not answer")
            mt.screen.write(b"\x14\x04")
            mt.screen.read_until(b"--- DTR inactive ---", 5.0, "miniterm's DTR note")
            start = mt.screen.mark()
            mt.screen.write(b"\x14\x12")
            mt.screen.read_until(FRESH_PROMPT, 20.0, "the boot's prompt")
            mt.screen.read_for(0.3)  # miniterm's note comes once pyserial has the answer
            boot = screen_text(mt.screen.since(start))
            check_in(b"--- RTS inactive ---", boot, "miniterm's RTS note")
            check_in(ROM_POWERON, boot, "a normal power-on boot")
            check(BANNER.search(boot), "the banner on miniterm's screen", boot)
            mt.screen.write(b"print(6*7)\r")
            mt.screen.read_until(b"42\r\r\n>>> ", 10.0, "42 and a prompt")
            mt.screen.write(b"\x1d")
            check_eq(mt.wait_exit(10.0), 0, "Ctrl-] ends miniterm with status 0")


@case("miniterm.exit_releases_board", limit=60)
def _():
    """A terminal that held the board in reset and exits leaves it
    running: the adapter drops DTR and RTS when the port closes."""
    with start_board("rfc2217") as b:
        with Miniterm(["--raw", b.url, str(BAUD)]) as mt:
            mt.screen.read_until(b"--- Quit: Ctrl+]", 10.0, "miniterm's banner")
            side_wait(b, r"RTS on: EN is low", 5.0, "the board held in reset")
            mt.screen.write(b"\x1d")
            check_eq(mt.wait_exit(10.0), 0, "Ctrl-] ends miniterm with status 0")
        side_wait(b, r"RTS off: EN rises, the chip boots", 5.0, "the board released")
        with contextlib.closing(open_rfc2217(b)) as link:
            to_prompt(link)
            enter_raw(link)
            check_raw_session(link)


def missing_pyserial():
    """Without pyserial nothing here can run: one FAIL line says why."""
    results = None
    prefix = "board-interop"
    argv = sys.argv[1:]
    for i, a in enumerate(argv[:-1]):
        if a == "--results":
            results = argv[i + 1]
        elif a == "--prefix":
            prefix = argv[i + 1]
    line = "FAIL %s.pyserial (no module 'serial' in %s: install python3-serial, " \
           "tools/setup-deps.sh does)" % (prefix, sys.executable)
    if results:
        record(results, line)
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main() if serial is not None else missing_pyserial())
