"""The pieces every board test uses: the case registry and its driver
(PASS/FAIL lines, a time limit per case), checks, a friendly-REPL console
on a serial line, a small screen model for the line editor, and boards
started with a fresh or a ready-made flash image.
"""

import argparse
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback

from boardproc import Board, Options
from links import LinkClosed, LinkTimeout
from rawrepl import ProtocolError, RawRepl


class CheckFailed(Exception):
    pass


class CaseTimeout(Exception):
    pass


def check(cond, what, detail=None):
    if not cond:
        raise CheckFailed(what if detail is None else "%s\n%s" % (what, detail))


def check_eq(got, want, what):
    if got != want:
        raise CheckFailed("%s\n  expected: %r\n  got:      %r" % (what, want, got))


def check_in(part, whole, what):
    if part not in whole:
        raise CheckFailed("%s\n  expected to contain: %r\n  got: %r" % (what, part, whole))


def check_not_in(part, whole, what):
    if part in whole:
        raise CheckFailed("%s\n  expected not to contain: %r\n  got: %r" % (what, part, whole))


def text(data):
    """Serial bytes as text with CRLF made LF."""
    if isinstance(data, (bytes, bytearray)):
        data = bytes(data).decode("utf-8", "replace")
    return data.replace("\r\n", "\n")


# ---------------------------------------------------------------- cases

CASES = []


def case(name, limit=60, pending=False):
    """Registers a case. pending: a feature the board does not have yet;
    run only with --pending or when named."""
    def register(fn):
        CASES.append((name, fn, limit, pending))
        return fn
    return register


class Work:
    """The case's temporary folder."""
    dir = None
    root = None

    @staticmethod
    def path(name):
        return os.path.join(Work.dir, name)


# ---------------------------------------------------------------- consoles

PROMPT = b">>> "
# A fresh prompt starts a line; the line editor's redraws of the prompt
# line ("\r>>> " + text) do not.
FRESH_PROMPT = re.compile(rb"(?m)^>>> ")
FRESH_MORE = re.compile(rb"(?m)^\.\.\. ")


class Console:
    """The friendly REPL as a person at a terminal meets it."""

    def __init__(self, link):
        self.link = link

    def prompt(self, timeout=10.0):
        return self.link.read_until(FRESH_PROMPT, timeout, "the >>> prompt")

    def sync(self, timeout=5.0):
        """Back at a fresh prompt with nothing pending."""
        self.link.write(b"\x03")
        time.sleep(0.05)
        self.link.discard()
        self.link.write(b"\r")
        self.prompt(timeout)
        self.link.quiet_for(0.2, 3.0)

    def line(self, line, timeout=10.0):
        """Types a line and Enter; returns what it printed (LF newlines)
        up to the next primary prompt, the echo left out."""
        self.link.write(line.encode() + b"\r")
        self.link.read_until(b"\r\n", timeout, "the end of the echo of %r" % line)
        out = self.link.read_until(FRESH_PROMPT, timeout, "the prompt after %r" % line)
        return text(out[:-len(PROMPT)])

    def enter(self, line, timeout=5.0):
        """Types a line that continues a block; waits for the '... '
        prompt (and the auto-indent after it)."""
        self.link.write(line.encode() + b"\r")
        self.link.read_until(b"\r\n", timeout, "the end of the echo of %r" % line)
        return self.link.read_until(FRESH_MORE, timeout, "the continuation prompt after %r" % line)

    def typed(self, data, pause=0.01):
        if isinstance(data, str):
            data = data.encode()
        for i in range(len(data)):
            self.link.write(data[i:i + 1])
            time.sleep(pause)


class Screen:
    """Just enough of a terminal to see what the line editor left on the
    screen: text, CR, LF, BS, ESC[K and cursor left/right."""

    ESC = re.compile(rb"\x1b\[([0-9;]*)([A-Za-z~])")

    def __init__(self):
        self.lines = [[]]
        self.row = 0
        self.col = 0

    def feed(self, data):
        i = 0
        while i < len(data):
            b = data[i]
            if b == 0x1b:
                m = self.ESC.match(data, i)
                if m:
                    n = int(m.group(1)) if m.group(1).isdigit() else 1
                    if m.group(2) == b"K":
                        del self.lines[self.row][self.col:]
                    elif m.group(2) == b"D":
                        self.col = max(0, self.col - n)
                    elif m.group(2) == b"C":
                        self.col += n
                    i = m.end()
                    continue
            elif b == 0x0d:
                self.col = 0
            elif b == 0x0a:
                self.row += 1
                if self.row == len(self.lines):
                    self.lines.append([])
            elif b == 0x08:
                self.col = max(0, self.col - 1)
            elif b >= 0x20:
                line = self.lines[self.row]
                while len(line) < self.col:
                    line.append(" ")
                if self.col < len(line):
                    line[self.col] = chr(b)
                else:
                    line.append(chr(b))
                self.col += 1
            i += 1
        return self

    def text_lines(self):
        return ["".join(l).rstrip() for l in self.lines]


def screen_of(data):
    return Screen().feed(data).text_lines()


# ---------------------------------------------------------------- boards

BOOT_TIMEOUT = 20.0


def new_image(name="flash.bin"):
    """A path where no image exists yet: the board creates it."""
    return Work.path(name)


_ready = {}


def ready_image(name="flash.bin"):
    """A copy of an image the board has already set up (formatted, boot.py
    written), with a main.py that does nothing, so boots go straight to
    the REPL whatever the frozen default main.py does."""
    if "error" in _ready:
        raise CheckFailed("no ready-made image (it failed once): %s" % _ready["error"])
    if "image" not in _ready:
        path = os.path.join(Work.root, "ready-flash.bin")
        try:
            with Board(path) as b:
                c = Console(b.link)
                boot_to_prompt(b)
                r = RawRepl(b.link)
                r.enter()
                r.run_ok("f = open('main.py', 'w'); f.write('# main.py of the board tests\\n'); "
                         "f.close()")
                r.leave()
                c.sync()
            check(os.path.exists(path), "the board created its flash image %s" % path)
        except Exception as e:
            _ready["error"] = "%s: %s" % (type(e).__name__, e)
            raise
        _ready["image"] = path
    dst = Work.path(name)
    shutil.copyfile(_ready["image"], dst)
    return dst


def boot_to_prompt(board, timeout=BOOT_TIMEOUT):
    """Waits for the first >>> after a boot (a main.py that keeps running
    gets a Ctrl-C after `timeout`); returns the boot output."""
    link = board.link
    start = link.pos
    try:
        link.read_until(FRESH_PROMPT, timeout, "the first >>> prompt")
    except LinkTimeout:
        link.write(b"\x03")
        link.read_until(FRESH_PROMPT, 5.0, "the >>> prompt after Ctrl-C (main.py kept running)")
    return link.since(start)


def rfc2217_to_prompt(board, timeout=BOOT_TIMEOUT):
    """An RFC 2217 client has connected to a board that booted while
    nobody listened: open it like a serial library and get a prompt."""
    link = board.link
    link.configure(115200)
    deadline = time.monotonic() + timeout
    while True:
        link.write(b"\r")
        try:
            link.read_until(FRESH_PROMPT, 1.0, "a prompt")
            break
        except LinkTimeout:
            if time.monotonic() > deadline:
                raise
            link.write(b"\x03")
    link.quiet_for(0.2, 3.0)
    return link


def run_board_cli(args, timeout=10.0, input_bytes=b""):
    """Runs campy-board to completion (for option errors)."""
    import subprocess
    try:
        r = subprocess.run([Options.board] + list(args), input=input_bytes,
                           capture_output=True, timeout=timeout, start_new_session=True)
        return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        # the process group is gone with run(); report the hang
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace")
        return None, out, err


# ---------------------------------------------------------------- driver

def record(path, line):
    """Appends one result line, opening the file each time: a results
    folder emptied meanwhile by another run still gets the later lines."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "a") as f:
        f.write(line + "\n")


def _alarm(signum, frame):
    raise CaseTimeout("the case ran past its time limit")


def main():
    ap = argparse.ArgumentParser(description="tests of build/campy-board over its serial line")
    ap.add_argument("--board", default="build/campy-board")
    ap.add_argument("--tool", default="build/campy-tool")
    ap.add_argument("--results", help="file to append PASS/FAIL lines to")
    ap.add_argument("--prefix", default="board")
    ap.add_argument("--list", action="store_true", help="list the cases and stop")
    ap.add_argument("--pending", action="store_true",
                    help="also run the cases of features the board does not have yet")
    ap.add_argument("only", nargs="*", help="cases to run (names or name prefixes)")
    args = ap.parse_args()
    if args.list:
        for name, _, _, pending in CASES:
            print(name + (" (pending)" if pending else ""))
        return 0
    Options.board = os.path.abspath(args.board)
    Options.tool = os.path.abspath(args.tool)
    passed = failed = 0
    t0 = time.monotonic()
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory(prefix="campy-board-tests-") as tmp:
        Work.root = tmp
        for name, fn, limit, pending in CASES:
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            if pending and not args.pending and name not in args.only:
                print("skipped %s.%s (pending: a feature not there yet)" % (args.prefix, name))
                continue
            Work.dir = os.path.join(tmp, name)
            os.makedirs(Work.dir)
            started = time.monotonic()
            signal.alarm(limit)
            try:
                fn()
                ok, detail = True, None
            except (CheckFailed, LinkTimeout, LinkClosed, ProtocolError, CaseTimeout) as e:
                ok, detail = False, "%s: %s" % (type(e).__name__, e)
            except Exception:
                ok, detail = False, traceback.format_exc()
            finally:
                signal.alarm(0)
            full = "%s.%s" % (args.prefix, name)
            line = "%s %s" % ("PASS" if ok else "FAIL", full)
            if args.results:
                record(args.results, line)
            print("%s (%.1f s)" % (line, time.monotonic() - started), flush=True)
            if ok:
                passed += 1
            else:
                failed += 1
                print("  " + detail.replace("\n", "\n  "), file=sys.stderr, flush=True)
    print("%s: %d passed, %d failed (%.1f s)" % (args.prefix, passed, failed,
                                                time.monotonic() - t0))
    return 0
