"""Shared pieces of the runner and REPL tests (tests/host/): a case registry
that writes PASS/FAIL lines, a way to run build/campy with a time limit, and
a pseudo-terminal session with a small screen model for the REPL.

Nothing here waits without a deadline: a test that times out fails.
"""

import argparse
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import traceback


class CheckFailed(Exception):
    pass


def check(cond, what, detail=None):
    if not cond:
        msg = what if detail is None else "%s\n%s" % (what, detail)
        raise CheckFailed(msg)


def check_eq(got, want, what):
    if got != want:
        raise CheckFailed("%s\n  expected: %r\n  got:      %r" % (what, want, got))


def check_in(part, whole, what):
    if part not in whole:
        raise CheckFailed("%s\n  expected to contain: %r\n  got: %r" % (what, part, whole))


CASES = []


def case(fn):
    CASES.append(fn)
    return fn


class Options:
    campy = None
    tmp = None


def child_env(extra=None):
    env = dict(os.environ)
    env.pop("CAMPYPATH", None)
    env["LC_ALL"] = "C.UTF-8"
    if extra:
        env.update(extra)
    return env


class Result:
    def __init__(self, stdout, stderr, status, timed_out, elapsed):
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
        self.timed_out = timed_out
        self.elapsed = elapsed

    def describe(self):
        return "status %r%s\n--- stdout\n%s--- stderr\n%s---" % (
            self.status, " (timed out)" if self.timed_out else "",
            self.stdout, self.stderr)


def run(args, stdin=b"", cwd=None, env=None, timeout=20, stack_limit=None):
    """Runs campy with args; returns a Result with text stdout/stderr.
    stack_limit: the child's RLIMIT_STACK in bytes (ulimit -s)."""
    def limit_stack():
        import resource
        resource.setrlimit(resource.RLIMIT_STACK, (stack_limit, stack_limit))

    t0 = time.monotonic()
    proc = subprocess.Popen([Options.campy] + list(args), cwd=cwd or Options.tmp,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=child_env(env),
                            start_new_session=True,
                            preexec_fn=limit_stack if stack_limit else None)
    timed_out = False
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        kill_group(proc.pid)
        out, err = proc.communicate()
    return Result(out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                  proc.returncode, timed_out, time.monotonic() - t0)


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def write_file(rel, text):
    path = os.path.join(Options.tmp, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


# ---------------------------------------------------------------- terminal

class Screen:
    """Just enough of a terminal to see what a line editor left on screen:
    printable text, CR, LF, backspace, ESC[K and cursor left/right."""

    ESC = re.compile(rb"\x1b\[([0-9;]*)([A-Za-z~])")

    def __init__(self):
        self.lines = [[]]
        self.row = 0
        self.col = 0
        self.pending = b""

    def feed(self, data):
        data = self.pending + data
        self.pending = b""
        i = 0
        while i < len(data):
            b = data[i]
            if b == 0x1b:
                m = self.ESC.match(data, i)
                if m is None:
                    if len(data) - i < 16:
                        self.pending = data[i:]  # a sequence cut in two
                        return
                    i += 1
                    continue
                self.escape(m.group(1), m.group(2))
                i = m.end()
                continue
            if b == 0x0d:
                self.col = 0
            elif b == 0x0a:
                self.row += 1
                if self.row == len(self.lines):
                    self.lines.append([])
            elif b == 0x08:
                self.col = max(0, self.col - 1)
            elif b == 0x07:
                pass
            else:
                # decode one UTF-8 character as one cell
                n = 1
                if b >= 0xc0:
                    n = 2 if b < 0xe0 else 3 if b < 0xf0 else 4
                if i + n > len(data):
                    self.pending = data[i:]
                    return
                self.put(data[i:i + n].decode("utf-8", "replace"))
                i += n
                continue
            i += 1

    def put(self, ch):
        line = self.lines[self.row]
        while len(line) < self.col:
            line.append(" ")
        if self.col < len(line):
            line[self.col] = ch
        else:
            line.append(ch)
        self.col += 1

    def escape(self, arg, final):
        n = int(arg) if arg.isdigit() else 1
        line = self.lines[self.row]
        if final == b"K":
            del line[self.col:]
        elif final == b"D":
            self.col = max(0, self.col - n)
        elif final == b"C":
            self.col += n

    def text_lines(self):
        return ["".join(l).rstrip() for l in self.lines]

    def text(self):
        return "\n".join(self.text_lines())


class Timeout(CheckFailed):
    pass


class PtySession:
    """campy on a pseudo-terminal that is its controlling terminal, so Ctrl-C
    typed while code runs raises SIGINT as it would for a person."""

    def __init__(self, args=(), env=None, cwd=None, rows=24, cols=80):
        import pty
        self.raw = b""
        self.screen = Screen()
        self.mark = 0
        self.status = None
        argv = [Options.campy] + list(args)
        environ = child_env(env)
        pid, fd = pty.fork()
        if pid == 0:  # the child
            try:
                os.chdir(cwd or Options.tmp)
                os.execve(argv[0], argv, environ)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        try:
            import fcntl
            import struct
            import termios
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        except OSError:
            pass

    def _read_some(self, timeout):
        try:
            r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        except InterruptedError:
            return True
        if not r:
            return True
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            return False
        self.raw += data
        self.screen.feed(data)
        return True

    def output(self):
        """Everything since the last mark, escape sequences removed, CRs gone."""
        return clean(self.raw)[self.mark:]

    def set_mark(self):
        """Marks the end of the output so far (all that has arrived)."""
        while self._read_some(0.0) and select.select([self.fd], [], [], 0.0)[0]:
            pass
        self.mark = len(clean(self.raw))

    def expect(self, pattern, timeout=5.0, what=None):
        """Reads until `pattern` (text or compiled regex) appears in the
        cleaned output after the mark; moves the mark past it and returns
        the cleaned text up to its end."""
        deadline = time.monotonic() + timeout
        while True:
            text = clean(self.raw)[self.mark:]
            end = find_end(pattern, text)
            if end >= 0:
                self.mark += end
                return text[:end]
            name = getattr(pattern, "pattern", pattern)
            if what:
                name = "%r (%s)" % (name, what)
            else:
                name = repr(name)
            if self.status is not None:
                raise CheckFailed("campy exited (status %r) while waiting for %s\n"
                                  "  output: %r" % (self.status, name, text[-800:]))
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout("timed out waiting for %s\n  output so far: %r" % (
                    name, text[-800:]))
            if not self._read_some(min(left, 0.2)):
                self.exited(0.5)

    def prompt(self, timeout=5.0):
        """Waits for a fresh primary prompt (at the start of a line: the
        line editor's redraws of the prompt line are not)."""
        return self.expect("\n>>> ", timeout, "the prompt")

    def send(self, data, timeout=10.0):
        """Writes all of data, reading output meanwhile (the terminal's
        buffers are small: a child blocked on its output reads no input)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        deadline = time.monotonic() + timeout
        while data:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout("could not send %d more bytes to campy" % len(data))
            r, w, _ = select.select([self.fd], [self.fd], [], min(left, 0.2))
            if r:
                self._read_some(0.0)
            if w:
                n = os.write(self.fd, data[:512])
                data = data[n:]

    def typed(self, data, pause=0.02):
        """Sends byte by byte, as typing does."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        for i in range(len(data)):
            self.send(data[i:i + 1])
            time.sleep(pause)

    def line(self, text, timeout=5.0):
        """Sends a line, waits for the end of its echo and the next primary
        prompt; returns the output between them (the prompt excluded)."""
        self.set_mark()
        self.send(text + "\r")
        self.expect("\n", timeout, "end of the line %r" % text)
        out = self.expect(">>> ", timeout, "prompt after %r" % text)
        return out[:-4]

    def enter(self, text, prompt="... ", timeout=5.0):
        """Sends a line that continues a block; waits for the next prompt."""
        self.set_mark()
        self.send(text + "\r")
        self.expect("\n", timeout, "end of the line %r" % text)
        return self.expect(prompt, timeout, "%r after %r" % (prompt, text))

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if not self._read_some(end - time.monotonic()):
                break

    def exited(self, timeout):
        """True when the child has exited (its status in self.status)."""
        deadline = time.monotonic() + timeout
        while True:
            if self.status is not None:
                return True
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = os.waitstatus_to_exitcode(st)
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._read_some(min(left, 0.05))

    def wait_exit(self, timeout=5.0):
        if not self.exited(timeout):
            raise Timeout("campy did not exit within %.1f s\n  output: %r" % (
                timeout, clean(self.raw)[-600:]))
        self.drain(0.1)
        return self.status

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.exited(5.0)
        try:
            os.close(self.fd)
        except OSError:
            pass


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z~]|\x1b(\[[0-9;]*)?$")


def clean(raw):
    """Terminal output as text: escape sequences (and one cut off at the
    end) removed, CRs dropped. Offsets into it stay valid as output grows."""
    text = raw.decode("utf-8", "ignore")
    return ANSI.sub("", text).replace("\r", "")


def find_end(pattern, text):
    if hasattr(pattern, "search"):
        m = pattern.search(text)
        return m.end() if m else -1
    k = text.find(pattern)
    return k + len(pattern) if k >= 0 else -1


# ---------------------------------------------------------------- driver

def main(prefix):
    ap = argparse.ArgumentParser()
    ap.add_argument("--campy", required=True)
    ap.add_argument("--results")
    ap.add_argument("--prefix", default=prefix, help="start of the case names")
    ap.add_argument("only", nargs="*", help="names of cases to run")
    args = ap.parse_args()
    Options.campy = os.path.abspath(args.campy)
    prefix = args.prefix
    out = open(args.results, "a") if args.results else sys.stdout
    passed = failed = 0
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="campy-host-") as tmp:
        Options.tmp = tmp
        for fn in CASES:
            name = fn.__name__
            if name.startswith("test_"):
                name = name[5:]
            if args.only and name not in args.only:
                continue
            work = os.path.join(tmp, name)
            os.makedirs(work)
            Options.tmp = work
            try:
                fn()
                ok, detail = True, None
            except CheckFailed as e:
                ok, detail = False, str(e)
            except Exception:
                ok, detail = False, traceback.format_exc()
            Options.tmp = tmp
            full = "%s.%s" % (prefix, name)
            out.write("%s %s\n" % ("PASS" if ok else "FAIL", full))
            out.flush()
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s\n%s\n" % (full, detail), file=sys.stderr)
    print("%s: %d passed, %d failed (%.1f s)" % (prefix, passed, failed,
                                                time.monotonic() - t0))
    return 0
