#!/usr/bin/env python3
"""Checks of the standard modules that a script under tests/py cannot make
by itself: Ctrl-C (SIGINT) ending sleeps and polls, micropython.kbd_intr
handing Ctrl-C back, the shape of mem_info and qstr_info reports, and
deflate against CPython's zlib in both directions.

Usage: tests/modules/run.py --results build/results/modules.txt CAMPY...
Writes `PASS name` / `FAIL name` lines; prints what failed; exits 0.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


class Failed(Exception):
    pass


def run(campy, program, timeout=30):
    r = subprocess.run([campy, "-c", program], capture_output=True, text=True,
                       timeout=timeout, stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout, r.stderr


def interrupted(campy, program, wait_for="go"):
    """Starts program, sends SIGINT once it printed `wait_for`; returns
    (status, stdout, stderr, seconds from the signal to the exit)."""
    proc = subprocess.Popen([campy, "-c", program], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        line = proc.stdout.readline().decode()
        if wait_for not in line:
            raise Failed("no %r before the signal: %r" % (wait_for, line))
        time.sleep(0.2)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            raise Failed("still running 5 s after SIGINT")
        return proc.returncode, line + out.decode(), err.decode(), time.monotonic() - t0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


WAITS = {
    "time.sleep": "import time\nprint('go', flush=True)\ntime.sleep(60)",
    "time.sleep_ms": "import time\nprint('go', flush=True)\ntime.sleep_ms(60000)",
    "time.sleep_us": "import time\nprint('go', flush=True)\ntime.sleep_us(60000000)",
    "poll.poll": "import select, io\np = select.poll()\np.register(io.BytesIO(), 0)\n"
                 "print('go', flush=True)\np.poll()",
    "poll.ipoll": "import select, io\np = select.poll()\np.register(io.BytesIO(), 0)\n"
                  "print('go', flush=True)\nfor x in p.ipoll(-1):\n    pass",
    "select.select": "import select\nprint('go', flush=True)\nselect.select([], [], [])",
    # the sleep is inside a scheduled call, which the main loop runs
    "scheduled sleeper": "import micropython, time\n"
                         "def nap(x):\n    time.sleep(60)\n"
                         "print('go', flush=True)\nmicropython.schedule(nap, 0)\n"
                         "while True:\n    pass",
}


def check_interrupt(campy, name):
    status, out, err, secs = interrupted(campy, WAITS[name])
    if status != 1 or not err.rstrip().endswith("KeyboardInterrupt"):
        raise Failed("status %s, stderr %r" % (status, err[-200:]))
    if secs > 2:
        raise Failed("took %.1f s" % secs)


def check_kbd_intr_off(campy):
    # -1: Ctrl-C is no longer KeyboardInterrupt; the runner ends on SIGINT
    status, out, err, secs = interrupted(
        campy, "import micropython, time\nmicropython.kbd_intr(-1)\n"
        "try:\n    print('go', flush=True)\n    time.sleep(30)\nexcept KeyboardInterrupt:\n"
        "    print('caught')\n")
    if status != -signal.SIGINT or "caught" in out:
        raise Failed("status %s, stdout %r" % (status, out))


def check_kbd_intr_back(campy):
    status, out, err, secs = interrupted(
        campy, "import micropython, time\nmicropython.kbd_intr(-1)\nmicropython.kbd_intr(3)\n"
        "try:\n    print('go', flush=True)\n    time.sleep(30)\nexcept KeyboardInterrupt:\n"
        "    print('caught')\n")
    if status != 0 or "caught" not in out:
        raise Failed("status %s, stdout %r" % (status, out))


MEM_INFO = [r"stack: \d+ out of \d+",
            r"GC: total: \d+, used: \d+, free: \d+",
            r" No\. of 1-blocks: \d+, 2-blocks: \d+, max blk sz: \d+, max free sz: \d+"]


def check_mem_info(campy):
    status, out, err = run(campy, "import micropython\nmicropython.mem_info()\nprint('--')\n"
                                  "x = [bytearray(100) for i in range(50)]\n"
                                  "micropython.mem_info(True)")
    if status != 0:
        raise Failed(err)
    plain, verbose = out.split("--\n")
    lines = plain.splitlines()
    for pattern, line in zip(MEM_INFO, lines):
        if not re.fullmatch(pattern, line):
            raise Failed("%r is not %r" % (line, pattern))
    if len(lines) < 4 or not all(re.fullmatch(r" region \d+: \d+ bytes, \d+ free", l)
                                 for l in lines[3:]):
        raise Failed("region lines: %r" % lines[3:])
    vlines = verbose.splitlines()
    at = vlines.index("GC memory layout (. free, h head, T tail):")
    layout = vlines[at + 1:]
    if not layout or not all(re.fullmatch(r"[0-9a-f]{8}: [.hT]+|       \(\d+ lines all free\)", l)
                             for l in layout) or "h" not in "".join(layout):
        raise Failed("layout lines: %r" % layout[:3])
    total = int(re.search(r"total: (\d+)", plain).group(1))
    used, free = (int(x) for x in re.search(r"used: (\d+), free: (\d+)", plain).groups())
    if used + free != total:
        raise Failed("used %d + free %d != total %d" % (used, free, total))


def check_qstr_info(campy):
    status, out, err = run(campy, "import micropython\nname = 'zq' + 'marker' * 2\n"
                                  "d = {}\nsetattr(type('T', (), {}), name, 1)\n"
                                  "micropython.qstr_info()\nprint('--')\nmicropython.qstr_info(1)")
    if status != 0:
        raise Failed(err)
    plain, verbose = out.split("--\n")
    pattern = (r"qstr pool: n_pool=\d+, n_qstr=\d+, n_str_data_bytes=\d+, "
               r"n_total_bytes=\d+\n")
    if not re.fullmatch(pattern, plain):
        raise Failed("plain: %r" % plain)
    vlines = verbose.splitlines()
    if not re.fullmatch(pattern.rstrip("\\n"), vlines[0]):
        raise Failed("verbose head: %r" % vlines[0])
    if "Q(zqmarkermarker)" not in vlines[1:] or not all(re.fullmatch(r"Q\(.*\)", l)
                                                       for l in vlines[1:]):
        raise Failed("verbose names: %r" % vlines[1:6])


def check_atexit(campy):
    status, out, err = run(campy, "import sys\nsys.atexit(lambda: print('bye'))\n"
                                  "raise ValueError('end')")
    if status != 1 or not out.endswith("bye\n") or "ValueError: end" not in err:
        raise Failed("status %s, stdout %r, stderr %r" % (status, out, err))


def check_deflate_zlib(campy):
    r = subprocess.run([sys.executable, os.path.join(ROOT, "tests/py/deflate/mod_crosscheck.py"),
                        campy], capture_output=True, text=True, timeout=600)
    if r.stdout.strip().splitlines()[-1:] != ["ok"]:
        raise Failed(r.stdout[-500:] + r.stderr[-500:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("campy", nargs="+")
    args = parser.parse_args()
    cases = []
    for campy in args.campy:
        tag = os.path.basename(campy)
        for name in WAITS:
            cases.append(("%s: Ctrl-C ends %s" % (tag, name),
                          lambda c=campy, n=name: check_interrupt(c, n)))
        cases.append(("%s: kbd_intr(-1) hands Ctrl-C back" % tag,
                      lambda c=campy: check_kbd_intr_off(c)))
        cases.append(("%s: kbd_intr(3) restores KeyboardInterrupt" % tag,
                      lambda c=campy: check_kbd_intr_back(c)))
        cases.append(("%s: mem_info" % tag, lambda c=campy: check_mem_info(c)))
        cases.append(("%s: qstr_info" % tag, lambda c=campy: check_qstr_info(c)))
        cases.append(("%s: sys.atexit after an uncaught exception" % tag,
                      lambda c=campy: check_atexit(c)))
        cases.append(("%s: deflate and zlib read each other" % tag,
                      lambda c=campy: check_deflate_zlib(c)))
    lines, failed = [], 0
    for name, check in cases:
        try:
            check()
            lines.append("PASS %s" % name)
        except (Failed, subprocess.TimeoutExpired, OSError, ValueError) as e:
            failed += 1
            lines.append("FAIL %s" % name)
            print("FAIL %s\n    %s" % (name, str(e).replace("\n", "\n    ")))
    os.makedirs(os.path.dirname(args.results) or ".", exist_ok=True)
    with open(args.results, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%d passed, %d failed" % (len(cases) - failed, failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
