#!/usr/bin/env python3
# Runs the benchmark programs in bench/ under campy and under python3 in the
# same run, checks that both print the same thing, and prints a table of the
# best wall-clock times, their ratio and the smallest heap campy needs.
#
# Every program takes an optional first argument, a round count; the heap a
# program needs does not depend on it, so the heap search runs each program
# for a few rounds only.

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
BOARD_HEAP_KIB = 100


def parse_size_kib(text):
    """'8k' -> 8, '16m' -> 16384, '4096' (bytes) -> 4."""
    t = text.strip().lower()
    scale = {"k": 1, "m": 1024}
    try:
        if t and t[-1] in scale:
            return max(1, int(t[:-1]) * scale[t[-1]])
        return max(1, int(t) // 1024)
    except ValueError:
        raise argparse.ArgumentTypeError("not a size: %r (use e.g. 8k or 16m)" % text)


def usage_error(message):
    sys.stderr.write("run.py: %s\n" % message)
    sys.exit(2)


def find_programs(names):
    if not names:
        found = []
        for f in sorted(os.listdir(BENCH_DIR)):
            if f.endswith(".py") and f != "run.py" and not f.startswith("_"):
                found.append(os.path.join(BENCH_DIR, f))
        return found
    paths = []
    for name in names:
        candidates = [name, os.path.join(BENCH_DIR, name), os.path.join(BENCH_DIR, name + ".py")]
        for c in candidates:
            if os.path.isfile(c):
                paths.append(os.path.abspath(c))
                break
        else:
            usage_error("no benchmark program named %r in %s" % (name, BENCH_DIR))
    return paths


class Outcome:
    """One run of one program: what it printed, how long it took, what went wrong."""

    def __init__(self, seconds, stdout, error):
        self.seconds = seconds
        self.stdout = stdout
        self.error = error


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def run_once(command, timeout):
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome(None, "", "timed out after %gs" % timeout)
    except OSError as e:
        return Outcome(None, "", "cannot run %s: %s" % (command[0], e.strerror))
    seconds = time.perf_counter() - start
    stdout = proc.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
    if proc.returncode != 0:
        why = last_line(proc.stderr.decode("utf-8", "replace")) or "no message"
        if proc.returncode < 0:
            return Outcome(seconds, stdout, "killed by signal %d (%s)" % (-proc.returncode, why))
        return Outcome(seconds, stdout, "exit status %d: %s" % (proc.returncode, why))
    return Outcome(seconds, stdout, None)


def first_difference(got, want):
    got_lines = got.splitlines()
    want_lines = want.splitlines()
    for i in range(max(len(got_lines), len(want_lines))):
        g = got_lines[i] if i < len(got_lines) else "<no line>"
        w = want_lines[i] if i < len(want_lines) else "<no line>"
        if g != w:
            return "output differs at line %d: campy %r, python3 %r" % (i + 1, g, w)
    return "output differs in line endings or trailing text"


class Result:
    def __init__(self, name):
        self.name = name
        self.campy_s = None
        self.python_s = None
        self.min_heap_kib = None
        self.heap_note = ""
        self.at_floor = False  # completed even with the smallest heap tried
        self.heap_trouble = ""  # first crash or hang seen during the heap search
        self.error = None

    @property
    def ratio(self):
        if self.error or not self.campy_s or not self.python_s:
            return None
        return self.campy_s / self.python_s

    @property
    def fits_board(self):
        return self.min_heap_kib is not None and self.min_heap_kib <= BOARD_HEAP_KIB


def time_program(path, opts, result):
    """Best of opts.repeat runs each, campy and python3 taking turns."""
    for _ in range(opts.repeat):
        ref = run_once([opts.python, path], opts.timeout)
        if ref.error:
            result.error = "python3 failed: " + ref.error
            return
        result.python_s = ref.seconds if result.python_s is None else min(result.python_s, ref.seconds)
        mine = run_once([opts.campy, path], opts.timeout)
        if mine.error:
            result.error = mine.error
            return
        if mine.stdout != ref.stdout:
            result.error = first_difference(mine.stdout, ref.stdout)
            return
        result.campy_s = mine.seconds if result.campy_s is None else min(result.campy_s, mine.seconds)


def find_min_heap(path, opts, result):
    """Smallest heap (KiB) with which campy prints the right answer, by bisection."""
    rounds = str(opts.heap_rounds)
    ref = run_once([opts.python, path, rounds], opts.timeout)
    if ref.error:
        result.heap_note = "python3 failed: " + ref.error
        return

    tried = {}

    def completes(kib):
        if kib not in tried:
            runner = opts.heap_campy or opts.campy
            out = run_once([runner, "-X", "heapsize=%dk" % kib, path, rounds], opts.heap_timeout)
            tried[kib] = out.error is None and out.stdout == ref.stdout
            # A full heap must end in MemoryError; anything harsher is a bug worth showing.
            if out.error and out.error.startswith(("killed", "timed out")) and not result.heap_trouble:
                result.heap_trouble = "with -X heapsize=%dk: %s" % (kib, out.error)
            if not tried[kib] and kib == opts.heap_max:
                result.heap_note = out.error or first_difference(out.stdout, ref.stdout)
        return tried[kib]

    lo, hi = opts.heap_min, opts.heap_max
    if not completes(hi):
        return
    if completes(lo):
        result.min_heap_kib = lo
        result.at_floor = True
        return
    # Invariant: lo fails, hi completes.
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if completes(mid):
            hi = mid
        else:
            lo = mid
    result.min_heap_kib = hi


def fmt_seconds(s):
    return "-" if s is None else "%.3f" % s


def fmt_heap(r):
    if r.min_heap_kib is None:
        return "-"
    return "%s%dk%s" % ("<=" if r.at_floor else "", r.min_heap_kib, " *" if r.fits_board else "  ")


def geometric_mean(values):
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def print_table(results, opts):
    width = max([len("program")] + [len(r.name) for r in results])
    head = "%-*s  %9s  %9s  %7s  %10s" % (width, "program", "campy s", "python3 s", "ratio", "min heap")
    print(head)
    print("-" * len(head))
    for r in results:
        campy = "FAIL" if r.error else fmt_seconds(r.campy_s)
        ratio = "-" if r.ratio is None else "%.2f" % r.ratio
        heap = "skipped" if opts.no_heap else fmt_heap(r)
        print("%-*s  %9s  %9s  %7s  %10s" % (width, r.name, campy, fmt_seconds(r.python_s), ratio, heap))
    print("-" * len(head))
    ratios = [r.ratio for r in results if r.ratio is not None]
    mean = geometric_mean(ratios)
    if mean is None:
        print("geometric mean of ratios: - (no program passed)")
    else:
        print("geometric mean of ratios: %.2f (%d of %d programs)" % (mean, len(ratios), len(results)))
    if not opts.no_heap:
        fits = sum(1 for r in results if r.fits_board)
        print("* completes within a %d KiB heap (%d of %d programs); heap found with %d round(s)"
              % (BOARD_HEAP_KIB, fits, len(results), opts.heap_rounds))
    failed = [r for r in results if r.error]
    for r in failed:
        print("FAIL %s: %s" % (r.name, r.error))
    if not opts.no_heap:
        for r in results:
            if not r.error and r.min_heap_kib is None:
                print("note %s: no heap up to %dk worked: %s" % (r.name, opts.heap_max, r.heap_note))
            if r.heap_trouble:
                print("note %s: %s" % (r.name, r.heap_trouble))
    return mean


def save_json(path, results, mean, opts):
    data = {
        "campy": opts.campy,
        "python": opts.python,
        "repeat": opts.repeat,
        "heap_rounds": None if opts.no_heap else opts.heap_rounds,
        "geomean_ratio": mean,
        "programs": [
            {
                "name": r.name,
                "ok": r.error is None,
                "error": r.error,
                "campy_s": r.campy_s,
                "python_s": r.python_s,
                "ratio": r.ratio,
                "min_heap_kib": r.min_heap_kib,
                "fits_100k": r.fits_board,
            }
            for r in results
        ],
    }
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def parse_args(argv):
    p = argparse.ArgumentParser(description="Compare campy with python3 on the bench/ programs.")
    p.add_argument("--campy", required=True, help="the campy runner to measure, e.g. build/campy")
    p.add_argument("--python", default="python3", help="the reference interpreter (default python3)")
    p.add_argument("--repeat", type=int, default=3, help="runs per interpreter; the best counts (default 3)")
    p.add_argument("--timeout", type=float, default=300, help="seconds allowed for one timed run (default 300)")
    p.add_argument("--no-heap", action="store_true", help="skip the smallest-heap search")
    p.add_argument("--heap-campy", help="the runner the heap search uses (default: --campy); "
                   "build/campy32 measures the board's configuration (32-bit words, single floats)")
    p.add_argument("--heap-min", type=parse_size_kib, default=8, help="smallest heap tried (default 8k)")
    p.add_argument("--heap-max", type=parse_size_kib, default=16384, help="largest heap tried (default 16m)")
    p.add_argument("--heap-rounds", type=int, default=1, help="rounds each program runs during the heap search (default 1)")
    p.add_argument("--heap-timeout", type=float, default=20, help="seconds allowed for one heap-search run (default 20)")
    p.add_argument("--json", metavar="FILE", help="also save the numbers as JSON")
    p.add_argument("programs", nargs="*", help="program names (default: every bench/*.py)")
    opts = p.parse_args(argv)
    if opts.repeat < 1:
        p.error("--repeat must be at least 1")
    if opts.heap_rounds < 1:
        p.error("--heap-rounds must be at least 1")
    if opts.heap_min >= opts.heap_max:
        p.error("--heap-min must be below --heap-max")
    return opts


def check_runnable(command, what):
    if shutil.which(command) is None:
        usage_error("%s %s: no such executable (build it first?)" % (what, command))


def main(argv):
    opts = parse_args(argv)
    check_runnable(opts.campy, "--campy")
    if opts.heap_campy:
        check_runnable(opts.heap_campy, "--heap-campy")
    check_runnable(opts.python, "--python")
    results = []
    for path in find_programs(opts.programs):
        r = Result(os.path.splitext(os.path.basename(path))[0])
        sys.stderr.write("%s: timing..." % r.name)
        sys.stderr.flush()
        time_program(path, opts, r)
        if not r.error and not opts.no_heap:
            sys.stderr.write(" heap search...")
            sys.stderr.flush()
            find_min_heap(path, opts, r)
        sys.stderr.write(" %s\n" % ("FAIL" if r.error else "done"))
        results.append(r)
    mean = print_table(results, opts)
    if opts.json:
        save_json(opts.json, results, mean, opts)
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
