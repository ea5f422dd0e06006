#!/usr/bin/env python3
"""Figures of the virtual ESP32-CAM (build/campy-board) as a host tool sees
them over its serial line:

  boot to >>>         time from starting the process to the first prompt
                      (a formatted image with an empty main.py; median)
  raw REPL print(1)   one exec round trip in the raw REPL: code, Ctrl-D,
                      OK, output, \\x04\\x04> (median of many); sent at once,
                      and as pyboard.py/mpremote send it (a 10 ms pause
                      after each 256-byte piece, so at least 10 ms)
  raw-paste 50 KiB    throughput of raw-paste mode with its flow control
                      for a 50 KiB script, until the board acknowledges
                      the end and the script's output is back (KiB/s)

Over the pty by default; --serial rfc2217 measures the RFC 2217 server.

Usage: bench/board/figures.py [--board build/campy-board] [--serial pty|rfc2217]
           [--rounds N] [--json FILE]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "board"))

from boardproc import Board, Options  # noqa: E402
from rawrepl import RawPasteStats, RawRepl  # noqa: E402

PROMPT = b">>> "


def to_prompt(board, timeout=30.0):
    if board.serial == "rfc2217":
        board.link.configure(115200)
        board.link.hard_reset()  # a boot the client sees from the start
    board.link.read_until(PROMPT, timeout, "the first >>> prompt")


def prepare_image(path, serial):
    with Board(path, serial=serial) as b:
        to_prompt(b)
        r = RawRepl(b.link)
        r.enter()
        r.run_ok("f = open('main.py', 'w'); f.write('# bench\\n'); f.close()")


def boot_time(path, rounds):
    """Seconds from Popen to the first prompt on the pty (the pty path
    printed, the line opened, ROM lines, mount, boot.py, main.py)."""
    times = []
    for _ in range(rounds):
        b = Board(path, serial="pty")
        try:
            t0 = time.monotonic()
            b.start()
            b.link.read_until(PROMPT, 30.0, "the first >>> prompt")
            times.append(time.monotonic() - t0)
        finally:
            b.stop()
    return times


def round_trips(r, count):
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        out, err = r.exec("print(1)")
        times.append(time.perf_counter() - t0)
        if out != b"1\r\n" or err:
            raise RuntimeError("print(1) gave %r %r" % (out, err))
    return times


def script_50k():
    lines = ["n = 0"]
    i = 0
    while sum(len(x) + 1 for x in lines) < 50 * 1024 - 40:
        lines.append("n += %d  # raw-paste throughput line %05d" % (i % 10, i))
        i += 1
    lines.append("print(n)")
    return "\n".join(lines) + "\n", str(sum(k % 10 for k in range(i)))


def raw_paste(r, rounds):
    src, want = script_50k()
    rates = []
    stats = None
    for _ in range(rounds):
        stats = RawPasteStats()
        t0 = time.perf_counter()
        out, err = r.raw_paste(src, timeout=120.0, stats=stats)
        dt = time.perf_counter() - t0
        if err or out.strip().decode() != want:
            raise RuntimeError("the 50 KiB script gave %r %r" % (out[:100], err[:300]))
        rates.append(len(src) / 1024 / dt)
    return rates, len(src), stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", default="build/campy-board")
    ap.add_argument("--serial", default="pty", choices=["pty", "rfc2217"])
    ap.add_argument("--rounds", type=int, default=5, help="boots and raw-paste runs")
    ap.add_argument("--execs", type=int, default=200, help="raw REPL round trips")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    Options.board = os.path.abspath(args.board)
    if not os.access(Options.board, os.X_OK):
        print("bench/board/figures.py: %s is not built (make %s)" % (args.board, args.board),
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="campy-board-bench-") as tmp:
        img = os.path.join(tmp, "flash.bin")
        prepare_image(img, "pty")
        boots = boot_time(img, args.rounds)
        with Board(img, serial=args.serial) as b:
            to_prompt(b)
            r = RawRepl(b.link, chunk_pause=0)
            r.enter()
            trips = round_trips(r, args.execs)
            paced = round_trips(RawRepl(b.link), max(20, args.execs // 5))
            rates, size, stats = raw_paste(r, args.rounds)
    figures = {
        "serial": args.serial,
        "boot_to_prompt_ms": statistics.median(boots) * 1000,
        "boot_to_prompt_ms_min": min(boots) * 1000,
        "raw_repl_print1_ms": statistics.median(trips) * 1000,
        "raw_repl_print1_ms_p90": sorted(trips)[int(len(trips) * 0.9)] * 1000,
        "raw_repl_print1_paced_ms": statistics.median(paced) * 1000,
        "raw_paste_kib_s": statistics.median(rates),
        "raw_paste_bytes": size,
        "raw_paste_window": stats.window,
        "raw_paste_increments": stats.increments,
    }
    print("campy-board figures (serial line: %s; the boots over the pty)" % args.serial)
    print("  %-34s %10s" % ("", "median"))
    print("  %-34s %8.1f ms   (min %.1f ms, %d boots)" % (
        "process start to first >>>", figures["boot_to_prompt_ms"],
        figures["boot_to_prompt_ms_min"], len(boots)))
    print("  %-34s %8.2f ms   (p90 %.2f ms, %d runs)" % (
        "raw REPL round trip, print(1)", figures["raw_repl_print1_ms"],
        figures["raw_repl_print1_ms_p90"], len(trips)))
    print("  %-34s %8.2f ms   (%d runs)" % (
        "  the same, paced as mpremote", figures["raw_repl_print1_paced_ms"], len(paced)))
    print("  %-34s %8.1f KiB/s (%d bytes, window %d, %d runs)" % (
        "raw-paste of a 50 KiB script", figures["raw_paste_kib_s"], size, stats.window,
        len(rates)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
