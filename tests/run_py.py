#!/usr/bin/env python3
"""Runs the language test scripts in tests/py/ under campy and compares their
output with the expected output.

Usage:
    tests/run_py.py --campy build/campy [--single-float] [--valgrind]
                    [--results build/results/py64.txt] [-j2] [paths...]

Paths may be test scripts or folders (default: tests/py). A test is a `*.py`
file sitting directly in a category folder (tests/py/<category>/x.py) whose
name does not start with `mod_`. Files deeper down (packages) and `mod_*.py`
files are helper modules that tests import; they are never run on their own.

Expected output
    `<script>.exp` if that file exists, else what python3 prints when running
    the script. python3's output is cached in build/py-expected/, keyed by a
    hash of the script, its helper modules, its stdin and its arguments.

Directives: comment lines at the very top of a script (before any other line)
    # skip-if: single-float   skip under --single-float (the 32-bit build)
    # skip-if: 64bit          skip unless --single-float
    # stderr                  compare stdout followed by stderr; needs a .exp
                              file holding both (stdout text, then stderr text)
    # exit: N                 expected exit status (default: python3's status
                              when there is no .exp, else 0); use `# exit: 1`
                              with a .exp for a script ending in an uncaught
                              exception
    # args: a b c             arguments after the script name (both sides)
    # campy-opts: -X heapsize=100k   options before the script, campy only

Other per-test files
    `<script>.in`             fed to stdin (else stdin is empty)

Each script runs with its own folder as the working directory, invoked by its
base name, so tracebacks name it as `File "x.py"`.

Comparison
    Exact, byte for byte. With --single-float, outputs are compared token-wise:
    numbers that look like floats on both sides (contain `.` or an exponent,
    or are inf/nan) must agree to a relative tolerance of 1e-5; every other
    piece of text must match exactly. A float on one side against an integer
    on the other is a mismatch.

Results
    A line `FAIL path` and a short diff for each failure; `PASS path` /
    `FAIL path` (and `SKIP path`) lines in the results file; a final line
    `N passed, N failed`. The exit status is 0 whenever the tests ran, however
    many failed. A test that runs past its timeout (30 s, 20 times that under
    valgrind) is killed and fails. Under --valgrind any valgrind error (exit
    status 99) fails the test.

Self-check
    `tests/run_py.py --campy python3 --limit-memory 2000 -j2` runs the suite
    against python3 itself: everything passes except the tests with a .exp
    file (MicroPython-specific behaviour, tracebacks, gc.mem_free, heap limits).
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import math
import os
import re
import resource
import shlex
import signal
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TESTS_ROOT = os.path.join(HERE, "py")
CACHE_DIR = os.path.join(ROOT, "build", "py-expected")
TIMEOUT = 30.0
VALGRIND_FACTOR = 20
VALGRIND_ERROR = 99
VALGRIND = ["valgrind", "--error-exitcode=%d" % VALGRIND_ERROR,
            "--leak-check=full", "--errors-for-leak-kinds=definite", "-q"]
DIFF_LINES = 24


class Test:
    """One script and what its directives say about it."""

    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.dir = os.path.dirname(self.path)
        self.base = os.path.basename(self.path)
        self.name = os.path.relpath(self.path, ROOT)
        self.skip_if = set()
        self.want_stderr = False
        self.exit_status = None
        self.args = []
        self.campy_opts = []
        self.exp_path = self.path + ".exp"
        self.in_path = self.path + ".in"
        self.directive_error = None
        try:
            self.parse_directives()
        except ValueError as e:
            self.directive_error = "bad directive: %s" % e

    def parse_directives(self):
        with open(self.path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
        for line in lines:
            if not line.startswith("#"):
                break
            text = line[1:].strip()
            key, _, value = text.partition(":")
            key = key.strip()
            value = value.strip()
            if key == "skip-if":
                self.skip_if.update(v.strip() for v in value.split(","))
            elif key == "stderr" and not value:
                self.want_stderr = True
            elif key == "exit":
                self.exit_status = int(value)
            elif key == "args":
                self.args = shlex.split(value)
            elif key == "campy-opts":
                self.campy_opts = shlex.split(value)

    def has_exp(self):
        return os.path.exists(self.exp_path)

    def stdin_bytes(self):
        if os.path.exists(self.in_path):
            with open(self.in_path, "rb") as f:
                return f.read()
        return b""


def is_test_file(path):
    """True for tests/py/<category>/<name>.py that is not a helper module."""
    name = os.path.basename(path)
    if not name.endswith(".py") or name.startswith("mod_"):
        return False
    category_dir = os.path.dirname(os.path.abspath(path))
    return os.path.dirname(category_dir) == TESTS_ROOT


def find_tests(paths):
    found = []
    for p in paths:
        if os.path.isdir(p):
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                for fn in sorted(filenames):
                    full = os.path.join(dirpath, fn)
                    if is_test_file(full):
                        found.append(full)
        elif os.path.isfile(p):
            found.append(p)
        else:
            print("no such test: %s" % p, file=sys.stderr)
            sys.exit(2)
    seen = set()
    unique = []
    for p in found:
        a = os.path.abspath(p)
        if a not in seen:
            seen.add(a)
            unique.append(a)
    return unique


def child_env():
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    env["LC_ALL"] = "C.UTF-8"
    return env


class RunResult:
    def __init__(self, stdout, stderr, status, timed_out):
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
        self.timed_out = timed_out


memory_limit_bytes = 0


def limit_memory():
    if memory_limit_bytes:
        resource.setrlimit(resource.RLIMIT_AS,
                           (memory_limit_bytes, memory_limit_bytes))


def run_command(cmd, cwd, stdin, timeout):
    """Runs cmd in its own process group so a timeout kills all of it."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=child_env(), start_new_session=True,
                            preexec_fn=limit_memory if memory_limit_bytes
                            else None)
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
        return RunResult(out, err, proc.returncode, False)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return RunResult(out, err, proc.returncode, True)


def helper_files(test):
    """Files a test may import: mod_*.py beside it and everything in its
    subfolders (packages)."""
    files = []
    for dirpath, dirnames, filenames in os.walk(test.dir):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        top = dirpath == test.dir
        for fn in sorted(filenames):
            if top and not fn.startswith("mod_"):
                continue
            if fn.endswith(".py") or not top:
                files.append(os.path.join(dirpath, fn))
    return files


def cache_key(test, python):
    h = hashlib.sha256()
    h.update(python.encode() + b"\0" + sys.version.encode() + b"\0")
    for path in [test.path] + helper_files(test):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            # a temporary file another test (running in parallel in the same
            # folder) made and removed between listing and reading
            continue
        h.update(os.path.relpath(path, test.dir).encode() + b"\0")
        h.update(data)
        h.update(b"\0")
    h.update(repr(test.args).encode() + b"\0")
    h.update(test.stdin_bytes())
    return h.hexdigest()


_cache_lock = threading.Lock()


def cpython_expected(test, python):
    """Returns (stdout, exit status) of python3 on the script, cached."""
    key = cache_key(test, python)
    out_path = os.path.join(CACHE_DIR, key + ".out")
    status_path = os.path.join(CACHE_DIR, key + ".status")
    if os.path.exists(out_path) and os.path.exists(status_path):
        with open(out_path, "rb") as f:
            out = f.read()
        with open(status_path) as f:
            return out, int(f.read().strip())
    r = run_command([python, test.base] + test.args, test.dir,
                    test.stdin_bytes(), TIMEOUT)
    if r.timed_out:
        return None, "python3 timed out"
    with _cache_lock:
        os.makedirs(CACHE_DIR, exist_ok=True)
        tmp = out_path + ".tmp%d" % threading.get_ident()
        with open(tmp, "wb") as f:
            f.write(r.stdout)
        os.replace(tmp, out_path)
        tmp = status_path + ".tmp%d" % threading.get_ident()
        with open(tmp, "w") as f:
            f.write("%d\n" % r.status)
        os.replace(tmp, status_path)
    return r.stdout, r.status


FLOAT_TOKEN = re.compile(
    rb"[-+]?(?:(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+|inf|nan)"
    rb"|[-+]?\d+")


def split_numbers(data):
    """Splits into alternating text and number pieces: [text, num, text, ...]"""
    pieces = []
    pos = 0
    for m in FLOAT_TOKEN.finditer(data):
        pieces.append(data[pos:m.start()])
        pieces.append(m.group())
        pos = m.end()
    pieces.append(data[pos:])
    return pieces


def looks_like_float(token):
    t = token.lstrip(b"+-")
    return b"." in t or b"e" in t or b"E" in t or t in (b"inf", b"nan")


def floats_agree(a, b):
    x = float(a)
    y = float(b)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= 1e-5 * max(abs(x), abs(y)) or abs(x - y) < 1e-30


def outputs_match(expected, actual, single_float):
    if expected == actual:
        return True
    if not single_float:
        return False
    exp_pieces = split_numbers(expected)
    act_pieces = split_numbers(actual)
    if len(exp_pieces) != len(act_pieces):
        return False
    for i, (e, a) in enumerate(zip(exp_pieces, act_pieces)):
        if i % 2 == 0 or e == a:
            if e != a:
                return False
            continue
        if not (looks_like_float(e) and looks_like_float(a)):
            return False
        if not floats_agree(e, a):
            return False
    return True


def short_diff(expected, actual):
    exp_lines = expected.decode("utf-8", "replace").splitlines()
    act_lines = actual.decode("utf-8", "replace").splitlines()
    diff = list(difflib.unified_diff(exp_lines, act_lines, "expected",
                                     "campy", lineterm="", n=2))
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + ["... (%d more diff lines)"
                                    % (len(diff) - DIFF_LINES)]
    return "\n".join("    " + line for line in diff)


def describe_status(status):
    if status < 0:
        try:
            return "killed by %s" % signal.Signals(-status).name
        except ValueError:
            return "killed by signal %d" % -status
    return "exit status %d" % status


def run_test(test, opts):
    """Returns ('PASS'|'FAIL'|'SKIP', details)."""
    if test.directive_error:
        return "FAIL", "    " + test.directive_error
    config = "single-float" if opts.single_float else "64bit"
    if config in test.skip_if:
        return "SKIP", ""
    if test.want_stderr and not test.has_exp():
        return "FAIL", "    '# stderr' test needs a .exp file"

    if test.has_exp():
        with open(test.exp_path, "rb") as f:
            expected = f.read()
        expected_status = test.exit_status if test.exit_status is not None else 0
    else:
        expected, status = cpython_expected(test, opts.python)
        if expected is None:
            return "FAIL", "    " + status
        expected_status = (test.exit_status if test.exit_status is not None
                           else status)

    cmd = shlex.split(opts.campy) + test.campy_opts + [test.base] + test.args
    timeout = TIMEOUT
    if opts.valgrind:
        cmd = VALGRIND + cmd
        timeout *= VALGRIND_FACTOR
    try:
        r = run_command(cmd, test.dir, test.stdin_bytes(), timeout)
    except OSError as e:
        return "FAIL", "    cannot run %s: %s" % (cmd[0], e.strerror)

    actual = r.stdout + (r.stderr if test.want_stderr else b"")
    problems = []
    if r.timed_out:
        problems.append("timed out after %g s" % timeout)
    elif opts.valgrind and r.status == VALGRIND_ERROR:
        problems.append("valgrind reported errors")
    elif r.status != expected_status:
        problems.append("%s, expected %d" % (describe_status(r.status),
                                             expected_status))
    if not outputs_match(expected, actual, opts.single_float):
        problems.append("output differs:\n" + short_diff(expected, actual))
    if problems:
        details = ["    " + p for p in problems]
        if r.stderr and not test.want_stderr:
            tail = r.stderr.decode("utf-8", "replace").strip().splitlines()
            details.append("    stderr: " + "\n            ".join(tail[-8:]))
        return "FAIL", "\n".join(details)
    return "PASS", ""


def main():
    ap = argparse.ArgumentParser(description="Run campy language tests.")
    ap.add_argument("--campy", required=True,
                    help="command that runs a script (e.g. build/campy)")
    ap.add_argument("--python", default="python3",
                    help="reference interpreter (default python3)")
    ap.add_argument("--single-float", action="store_true",
                    help="campy uses single-precision floats")
    ap.add_argument("--valgrind", action="store_true",
                    help="run campy under valgrind")
    ap.add_argument("--results", help="file for PASS/FAIL lines")
    ap.add_argument("--limit-memory", type=int, default=0, metavar="MB",
                    help="cap each child's address space (e.g. when the "
                         "command under test is python3 itself)")
    ap.add_argument("-j", dest="jobs", type=int, default=1,
                    help="tests run in parallel")
    ap.add_argument("paths", nargs="*", help="test scripts or folders")
    opts = ap.parse_args()
    global memory_limit_bytes
    memory_limit_bytes = opts.limit_memory * 1024 * 1024

    campy_cmd = shlex.split(opts.campy)
    if campy_cmd and os.sep in campy_cmd[0]:
        campy_cmd[0] = os.path.abspath(campy_cmd[0])
        if not os.path.exists(campy_cmd[0]):
            print("campy not found: %s" % campy_cmd[0], file=sys.stderr)
            sys.exit(2)
        opts.campy = shlex.join(campy_cmd)

    tests = [Test(p) for p in find_tests(opts.paths or [TESTS_ROOT])]
    lock = threading.Lock()
    outcome = {}

    def one(test):
        try:
            verdict, details = run_test(test, opts)
        except Exception as e:  # a broken runner must not hide the rest
            verdict, details = "FAIL", "    runner error: %r" % (e,)
        with lock:
            outcome[test.name] = verdict
            if verdict == "FAIL":
                print("FAIL %s" % test.name)
                if details:
                    print(details)
                sys.stdout.flush()

    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
        list(pool.map(one, tests))

    passed = sum(1 for v in outcome.values() if v == "PASS")
    failed = sum(1 for v in outcome.values() if v == "FAIL")
    skipped = sum(1 for v in outcome.values() if v == "SKIP")
    if opts.results:
        os.makedirs(os.path.dirname(os.path.abspath(opts.results)),
                    exist_ok=True)
        with open(opts.results, "w") as f:
            for name in sorted(outcome):
                f.write("%s %s\n" % (outcome[name], name))
    if skipped:
        print("%d skipped" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
