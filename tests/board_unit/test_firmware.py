#!/usr/bin/env python3
"""Tests of the ESP32-CAM firmware (board/) on a plain HAL (fake_hal.c):
UART0 is a pipe, the flash an image file. They cover what the firmware
decides: the boot sequence and first-boot setup, autorun, refusing to format
a filesystem it cannot mount, the REPL modes and their protocols (raw REPL,
raw-paste with flow control, paste mode), Ctrl-C, soft resets, machine,
logging and memory.

The virtual board with its real port is tested by tests/board/.

Usage: test_firmware.py --board build/tests/board_unit/fake_board
           [--results FILE] [case ...]
"""

import argparse
import os
import select
import struct
import subprocess
import sys
import tempfile
import time
import traceback

OPTS = argparse.Namespace(board=None, tmp=None)
CASES = []


def case(fn):
    CASES.append(fn)
    return fn


class CheckFailed(Exception):
    pass


def check(cond, what, detail=""):
    if not cond:
        raise CheckFailed("%s\n%s" % (what, detail) if detail else what)


class Board:
    """A fake board process; every wait has a deadline."""

    def __init__(self, image, *flags):
        self.image = image
        self.proc = subprocess.Popen(
            [OPTS.board, image] + list(flags), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.out = b""
        self.mark = 0

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def pump(self, timeout):
        r, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if r:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return False
            self.out += chunk
        return True

    def expect(self, what, timeout=5.0):
        """Waits for `what` after the mark; returns the text before it and
        moves the mark past it."""
        if isinstance(what, str):
            what = what.encode()
        deadline = time.time() + timeout
        while True:
            at = self.out.find(what, self.mark)
            if at >= 0:
                before = self.out[self.mark:at]
                self.mark = at + len(what)
                return before
            left = deadline - time.time()
            if left <= 0 or not self.pump(min(left, 0.2)) and self.proc.poll() is not None:
                raise CheckFailed("timed out waiting for %r; output after the mark:\n%r"
                                  % (what, self.out[self.mark:][-1500:]))

    def read_exact(self, n, timeout=5.0):
        deadline = time.time() + timeout
        while len(self.out) - self.mark < n:
            if time.time() > deadline:
                raise CheckFailed("timed out reading %d bytes: %r" % (n, self.out[self.mark:]))
            self.pump(0.1)
        data = self.out[self.mark:self.mark + n]
        self.mark += n
        return data

    def prompt(self, timeout=5.0):
        return self.expect(b">>> ", timeout)

    def line(self, text, timeout=5.0):
        """Types a line at the friendly REPL; returns its output (\r\n kept)."""
        self.send(text + "\r")
        self.expect(text.split("\r")[0].encode() + b"\r\n", timeout)
        return self.prompt(timeout).decode()

    def raw_exec(self, code, timeout=10.0):
        """Runs code in the raw REPL (already entered): (stdout, exception)."""
        self.send(code.encode() + b"\x04")
        self.expect(b"OK", timeout)
        out = self.expect(b"\x04", timeout)
        err = self.expect(b"\x04", timeout)
        self.expect(b">", timeout)
        return out.decode(), err.decode()

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def new_image(name):
    path = os.path.join(OPTS.tmp, name + ".img")
    if os.path.exists(path):
        os.remove(path)
    return path


def booted(image, *flags):
    b = Board(image, *flags)
    b.prompt(10.0)
    return b


VFS = 0x200000

# ---------------------------------------------------------------- boot


@case
def first_boot_sets_up_the_flash():
    img = new_image("first")
    with Board(img) as b:
        b.expect("rst:0x1 (POWERON_RESET)")
        b.expect("\r\ncampy v")
        banner = b.expect("Type \"help()\" for more information.\r\n")
        check(banner.endswith(b"; ESP32-CAM with ESP32\r\n"), "banner", repr(banner))
        b.expect("Performing initial setup\r\n")
        b.expect("ESP32-CAM started by power-on")  # default_main.py ran
        b.prompt()
        out = b.line("import os; print(sorted(os.listdir('/')))")
        check("['boot.py', 'main.py']" in out, "boot.py and main.py written", out)
    with booted(img) as b:
        check(b"Performing initial setup" not in b.out, "second boot: no setup", b.out)
        check(b"ESP32-CAM started by power-on" in b.out, "main.py runs at every boot", b.out)


@case
def main_py_never_overwritten():
    img = new_image("own_main")
    with booted(img) as b:
        b.line("with open('main.py', 'w') as f: f.write('print(\"my own program\")')\r")
    with booted(img) as b:
        check(b"my own program" in b.out, "the user's main.py runs", b.out)
        check(b"started by" not in b.out, "default not written back", b.out)
        b.line("import os; os.remove('main.py')")
        b.send("\x04")
        b.expect("MPY: soft reboot\r\n")
        b.prompt()
        check(b"started by soft reset" in b.out, "a missing main.py is written again", b.out)


@case
def corrupted_filesystem_is_never_formatted():
    img = new_image("corrupt")
    with booted(img):
        pass
    with open(img, "r+b") as f:
        f.seek(VFS)
        f.write(b"\x00garbage" * 1024)  # superblocks gone, data stays
        f.seek(0)
        before = f.read()
    with booted(img) as b:
        check(b"cannot be mounted" in b.out and b"left exactly as it is" in b.out,
              "says so", b.out)
        check(b"Performing initial setup" not in b.out, "no setup", b.out)
        out = b.line("import os; print(os.listdir('/'))")
        check("[]" in out, "no filesystem", out)
        out = b.line("open('x.txt', 'w')")
        check("OSError" in out, "cannot write", out)
    with open(img, "rb") as f:
        check(f.read() == before, "flash untouched")


@case
def no_vfs_partition():
    img = new_image("novfs")
    with booted(img, "--no-vfs") as b:
        check(b"No \"vfs\" partition" in b.out, "says so", b.out)
        out = b.line("1 + 1")
        check("2" in out, "REPL works", out)


# ---------------------------------------------------------------- friendly REPL


@case
def friendly_repl_basics():
    with booted(new_image("friendly")) as b:
        check(b.line("print('a\\nb')") == "a\r\nb\r\n", "stdout \\n is \\r\\n")
        b.send("for i in range(3):\r")
        b.expect("...     ")  # auto-indent
        b.send("print(i)\r\r")
        out = b.prompt().decode()
        check("0\r\n1\r\n2\r\n" in out, "block runs", out)
        out = b.line("1/0")
        check("ZeroDivisionError" in out and "Traceback" in out, "traceback", out)
        out = b.line("import sys; sys.platform")
        check("'esp32'" in out, "platform", out)


@case
def input_echoes_and_edits():
    with booted(new_image("input")) as b:
        b.send("s = input('name? ')\r")
        b.expect("name? ")
        b.send("camx\x7fpy\r")  # typed with a correction
        b.prompt()
        check(b.line("s") == "'campy'\r\n", "input() got the edited line")
        b.send("input()\r")
        time.sleep(0.3)
        b.send("\x03")
        out = b.prompt().decode()
        check("KeyboardInterrupt" in out, "Ctrl-C in input()", out)
        b.send("input()\r")
        time.sleep(0.2)
        b.send("\x04")
        out = b.prompt().decode()
        check("EOFError" in out, "Ctrl-D in input()", out)
        b.send("input()\r")
        time.sleep(0.2)
        b.send(b"\xff\xc3\xa9\r")
        out = b.prompt().decode("utf-8", "replace")
        check("'?\xe9'" in out or "'?é'" in out, "bytes that are not UTF-8", out)


@case
def help_is_a_board_guide():
    with booted(new_image("help")) as b:
        out = b.line("help()")
        check("ESP32-CAM" in out and "machine.freq" in out, "board guide", out)
        out = b.line("help('modules')")
        check("machine" in out and "flashbdev" in out, "module list", out)


@case
def paste_mode():
    with booted(new_image("paste")) as b:
        b.send("\x05")
        b.expect("paste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ")
        b.send("def f():\r\n    return 7\r\n\r\nx = f()\r\nprint('x is', x)\r\n\x04")
        out = b.prompt().decode()
        check("x is 7" in out, "pasted code ran", out)
        check("=== " in out, "=== prompts", out)


@case
def ctrl_c_interrupts_loop_and_sleep():
    with booted(new_image("ctrlc")) as b:
        b.send("while True: pass\r\r")
        time.sleep(0.5)
        b.send("\x03")
        out = b.prompt().decode()
        check("KeyboardInterrupt" in out, "busy loop interrupted", out)
        b.send("import time; time.sleep(30)\r")
        time.sleep(0.5)
        t = time.time()
        b.send("\x03")
        out = b.prompt().decode()
        check("KeyboardInterrupt" in out and time.time() - t < 2, "sleep interrupted", out)
        check(b.line("print('alive')") == "alive\r\n", "REPL works after")


@case
def kbd_intr_off_makes_ctrl_c_data():
    with booted(new_image("kbdintr")) as b:
        b.send("import micropython, sys; micropython.kbd_intr(-1); print('wait' + 'ing'); "
               "ch = sys.stdin.read(1); micropython.kbd_intr(3); print(ord(ch))\r")
        b.expect("waiting")
        time.sleep(0.1)
        b.send("\x03")
        out = b.prompt().decode()
        check("3\r\n" in out and "KeyboardInterrupt" not in out, "Ctrl-C read as data", out)
        b.send("import time; time.sleep(10)\r")
        time.sleep(0.3)
        b.send("\x03")
        out = b.prompt().decode()
        check("KeyboardInterrupt" in out, "Ctrl-C interrupts again", out)


@case
def soft_reset_clears_state():
    with booted(new_image("soft")) as b:
        b.line("x = 42")
        b.line("import os; os.dupterm(None)")
        b.send("\x04")
        b.expect("MPY: soft reboot\r\n")
        b.prompt()
        out = b.line("x")
        check("NameError" in out, "variables gone", out)
        out = b.line("import os; os.listdir('/')")
        check("main.py" in out, "filesystem mounted again", out)
        out = b.line("import machine; machine.reset_cause() == machine.SOFT_RESET")
        check("True" in out, "reset cause", out)
        b.send("machine.soft_reset()\r")
        b.expect("MPY: soft reboot\r\n")
        b.prompt()


@case
def deep_recursion_is_an_error():
    with booted(new_image("recursion")) as b:
        b.line("def f(n): return f(n + 1) if n < 10**9 else 0\r")
        out = b.line("f(0)", timeout=20)
        check("RuntimeError" in out, "recursion error", out)
        out = b.line("print(repr([[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]])[:5])")
        check("[[[[[" in out, "nested repr fine", out)


# ---------------------------------------------------------------- raw REPL


def enter_raw(b):
    b.send("\x01")
    b.expect("raw REPL; CTRL-B to exit\r\n>")


@case
def raw_repl_protocol():
    with booted(new_image("raw")) as b:
        enter_raw(b)
        check(b.raw_exec("print(1)") == ("1\r\n", ""), "print(1)")
        out, err = b.raw_exec("print('a')\n1/0")
        check(out == "a\r\n" and "ZeroDivisionError" in err, "exception after \\x04", err)
        b.send("garbage\x03print(2)\x04")  # Ctrl-C drops what was sent
        b.expect("OK2\r\n\x04\x04>")
        b.send("\x02")
        b.expect("\r\n")
        b.expect("Type \"help()\" for more information.\r\n")
        b.prompt()


@case
def raw_repl_soft_reset_skips_main():
    img = new_image("rawsoft")
    with booted(img) as b:
        b.line("with open('main.py', 'w') as f: f.write('print(\"MAIN RAN\")')\r")
        b.line("with open('boot.py', 'w') as f: f.write('print(\"BOOT RAN\")')\r")
        enter_raw(b)
        b.mark = len(b.out)
        b.send("\x04")
        b.expect("OK\r\nMPY: soft reboot\r\n")
        b.expect("BOOT RAN\r\n")
        before = b.expect("raw REPL; CTRL-B to exit\r\n>")
        check(b"MAIN RAN" not in before and b"campy v" not in before, "no main.py, no banner",
              before)
        check(b.raw_exec("print(3)") == ("3\r\n", ""), "raw REPL again")


def raw_paste(b, code, window_check=True):
    """Sends code in raw-paste mode as MicroPython's tools do; returns
    (stdout, exception)."""
    b.send(b"\x05A\x01")
    check(b.read_exact(2) == b"R\x01", "raw-paste supported")
    window = struct.unpack("<H", b.read_exact(2))[0]
    remain = window
    data = code.encode()
    i = 0
    while i < len(data):
        while remain == 0 or len(b.out) > b.mark:
            c = b.read_exact(1, 10.0)
            if c == b"\x01":
                remain += window
            elif c == b"\x04":
                b.send(b"\x04")
                return b.expect(b"\x04", 20).decode(), b.expect(b"\x04", 20).decode()
            else:
                raise CheckFailed("unexpected byte %r in raw-paste" % c)
        chunk = data[i:i + remain]
        b.send(chunk)
        remain -= len(chunk)
        i += len(chunk)
        b.pump(0)
    b.send(b"\x04")
    b.expect(b"\x04", 20)
    out = b.expect(b"\x04", 30).decode()
    err = b.expect(b"\x04", 30).decode()
    b.expect(b">")
    return out, err


@case
def raw_paste_50k_script():
    with booted(new_image("rawpaste")) as b:
        enter_raw(b)
        lines = ["total = 0"]
        while sum(len(x) + 1 for x in lines) < 50 * 1024:
            n = len(lines)
            lines.append("total += %d  # line %d of a long script, padded out to some width" % (n, n))
        lines.append("print('total', total)")
        script = "\n".join(lines) + "\n"
        want = sum(range(1, len(lines) - 1))
        t = time.time()
        out, err = raw_paste(b, script)
        elapsed = time.time() - t
        check(err == "" and out == "total %d\r\n" % want, "script ran", (out, err))
        sys.stdout.write("  (raw-paste of %d bytes: %.2f s)\n" % (len(script), elapsed))
        out, err = raw_paste(b, "print(1 +)")
        check("SyntaxError" in err, "syntax error reported", err)
        out, err = raw_paste(b, "print('small')")
        check(out == "small\r\n", "small script", out)


@case
def raw_paste_too_big_for_heap():
    with booted(new_image("rawbig"), "--no-psram") as b:
        enter_raw(b)
        out, err = raw_paste(b, "x = 1\n" * 40000)  # 240 KB: more than the heap
        check("MemoryError" in err, "MemoryError reported", err)
        b.expect(">")
        check(b.raw_exec("print(5)") == ("5\r\n", ""), "raw REPL works after")


# ---------------------------------------------------------------- machine, memory, logs


@case
def machine_basics():
    with booted(new_image("machine")) as b:
        out = b.line("import machine; machine.freq()")
        check("240000000" in out, "240 MHz", out)
        out = b.line("machine.freq(80000000); machine.freq()")
        check("80000000" in out, "80 MHz", out)
        out = b.line("machine.freq(100000000)")
        check("ValueError" in out, "bad frequency", out)
        out = b.line("machine.unique_id()")
        check("b'$\\n\\xc4\\x124V'" in out, "MAC", out)
        out = b.line("machine.reset_cause(), machine.PWRON_RESET")
        check("(1, 1)" in out, "power-on", out)
        out = b.line("machine.idle(); machine.WDT(1)")
        check("ValueError" in out, "WDT(1)", out)
        b.send("machine.reset()\r")
        b.expect("rst:0x2")
        b.prompt()
        out = b.line("machine.reset_cause() == machine.HARD_RESET")
        check("True" in out, "hard reset cause", out)


@case
def watchdog_resets_board():
    with booted(new_image("wdt")) as b:
        b.line("import machine; w = machine.WDT(timeout=300); w.feed()")
        b.expect("rst:0x3", 5)
        b.expect("task_wdt")
        b.prompt()
        out = b.line("machine.reset_cause() == machine.WDT_RESET")
        check("True" in out, "WDT reset cause", out)


@case
def deepsleep_resets_board():
    with booted(new_image("deepsleep")) as b:
        b.send("import machine; machine.deepsleep(200)\r")
        b.expect("rst:0x4", 5)
        b.prompt()
        out = b.line("machine.reset_cause() == machine.DEEPSLEEP_RESET")
        check("True" in out, "deep-sleep reset cause", out)


@case
def heap_regions():
    with booted(new_image("heap")) as b:
        out = b.line("import gc; gc.collect(); gc.mem_free() > 4000000")
        check("True" in out, "PSRAM in the heap", out)
        out = b.line("import micropython; micropython.mem_info()")
        check("region 1" in out, "two regions listed", out)
        out = b.line("machine = __import__('machine'); machine.heap_info()")
        for field in ("Free:", "Allocated:", "Minimum free:", "Total blocks:",
                      "Largest free block:", "Allocated blocks:", "Free blocks:", "SPIRAM"):
            check(field in out, "heap_info shows " + field, out)
    with booted(new_image("nopsram"), "--no-psram") as b:
        out = b.line("import gc; gc.collect(); 80000 < gc.mem_free() < 102400")
        check("True" in out, "about 100 KiB without PSRAM", out)
        out = b.line("x = bytearray(200000)")
        check("MemoryError" in out, "a big buffer does not fit", out)
        out = b.line("machine = __import__('machine'); machine.heap_info()")
        check("SPIRAM" not in out, "no SPIRAM section", out)


@case
def logging_levels_and_routes():
    with booted(new_image("log")) as b:
        out = b.line("import machine; machine.freq(160000000)")
        check("pm:" not in out, "INFO hidden at the default level", out)
        b.line("machine.loglevel('pm', machine.LOG_INFO)")
        out = b.line("machine.freq(240000000)")
        check(out.startswith("I (") and "pm: CPU frequency set to 240 MHz\r\n" in out,
              "INFO line", out)
        out = b.line("machine.loglevel('*', 6)")
        check("ValueError" in out, "bad level", out)
        out = b.line("machine.loglevel('*', 0); machine.freq(160000000)")
        check("pm:" not in out, "'*' sets every tag", out)
        b.line("import io, os; s = io.BytesIO(); os.dupterm(s)")
        b.line("machine.loglevel('*', 3); machine.freq(80000000)")
        out = b.line("os.dupterm(None); b'pm: ' + b'CPU' in s.getvalue()")
        check("False" in out, "logs skip dupterm by default", out)
        b.line("machine.redirectlog(); s = io.BytesIO(); os.dupterm(s)")
        b.line("machine.freq(240000000)")
        out = b.line("os.dupterm(None); b'pm: ' + b'CPU' in s.getvalue()")
        check("True" in out, "redirected logs reach dupterm", out)
        b.line("machine.restorelog()")
        enter_raw(b)
        out, err = b.raw_exec("machine.freq(160000000)")
        check(out == "" and err == "", "raw REPL mutes logs", (out, err))


@case
def dupterm_output_and_failure():
    with booted(new_image("dupterm")) as b:
        b.line("import io, os; s = io.BytesIO(); os.dupterm(s)")
        b.line("print('to both')")
        out = b.line("os.dupterm(None); s.getvalue().count(b'to both\\r\\n')")
        check("1" in out, "dupterm got stdout", out)
        b.line("class Bad(io.IOBase):\rdef write(self, b): raise OSError(5)\r"
               "def readinto(self, b): return 0\rdef ioctl(self, op, arg): return 0\r\r")
        out = b.line("os.dupterm(Bad()); print('still here')")
        check("detached" in out and "still here" in out, "a failing stream is dropped", out)


@case
def dupterm_input_reaches_the_repl():
    with booted(new_image("dupin")) as b:
        b.send("\x05")
        b.expect("=== ")
        b.send("import io, os\r"
               "class In(io.IOBase):\r"
               "    def readinto(self, buf):\r"
               "        if not self.d: return None\r"
               "        buf[0] = self.d[0]; self.d = self.d[1:]; return 1\r"
               "    def write(self, b): return len(b)\r"
               "    def ioctl(self, op, arg): return 1 if op == 3 and self.d else 0\r\x04")
        b.prompt()
        b.send("i = In(); i.d = b'print(6 * 7)\\r'; os.dupterm(i)\r")
        b.prompt()
        out = b.prompt().decode()
        check("42\r\n" in out, "a line typed on the dupterm stream ran", out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", required=True)
    ap.add_argument("--results")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    OPTS.board = os.path.abspath(args.board)
    lines, failed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        OPTS.tmp = tmp
        for fn in CASES:
            if args.cases and fn.__name__ not in args.cases:
                continue
            name = "board_unit." + fn.__name__
            try:
                fn()
                lines.append("PASS " + name)
            except Exception as e:  # a failed check or a broken test: both FAIL
                failed += 1
                lines.append("FAIL " + name)
                detail = str(e) if isinstance(e, CheckFailed) else traceback.format_exc()
                print("FAIL %s: %s" % (name, detail))
    if args.results:
        with open(args.results, "a") as f:
            f.write("\n".join(lines) + "\n")
    print("board_unit: %d passed, %d failed" % (len(lines) - failed, failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
