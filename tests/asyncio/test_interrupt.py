#!/usr/bin/env python3
"""Ctrl-C (SIGINT) reaches a program whose tasks all wait in asyncio: a long
sleep, an Event nobody sets (the loop idle with nothing to wake it), a
ThreadSafeFlag (the loop polling a stream), and a busy task that never
yields. Each must end with KeyboardInterrupt within 2 s of the signal, and a
KeyboardInterrupt caught around asyncio.run must leave the program running.

Usage: tests/asyncio/test_interrupt.py --campy build/campy [--results FILE]
"""

import os
import select
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "host"))
from harness import (CheckFailed, Options, case, check, check_eq, child_env,  # noqa: E402
                     kill_group, main)

PRELUDE = "import asyncio\n"


def interrupt(body):
    """Runs PRELUDE + body, which prints 'go' when it is about to wait;
    sends SIGINT then. Returns (status, stdout, stderr, seconds to exit)."""
    proc = subprocess.Popen([Options.campy, "-c", PRELUDE + body], cwd=Options.tmp,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=child_env(), start_new_session=True)
    seen = b""
    try:
        deadline = time.monotonic() + 10
        while b"go" not in seen and time.monotonic() < deadline and proc.poll() is None:
            r, _, _ = select.select([proc.stdout], [], [], 0.2)
            if r:
                chunk = os.read(proc.stdout.fileno(), 100)
                if not chunk:
                    break
                seen += chunk
        if proc.poll() is not None:
            raise CheckFailed("ended before the signal\n%s%s" % (
                seen.decode(), proc.stderr.read().decode()))
        time.sleep(0.2)  # well inside the wait
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            kill_group(proc.pid)
            proc.communicate()
            raise CheckFailed("no exit within 5 s of SIGINT")
        return proc.returncode, (seen + out).decode(), err.decode(), time.monotonic() - t0
    finally:
        if proc.poll() is None:
            kill_group(proc.pid)
            proc.wait()


def check_interrupted(body, what):
    status, out, err, secs = interrupt(body)
    check_eq(status, 1, "exit status (%s)" % what)
    check(err.endswith("KeyboardInterrupt\n"), "KeyboardInterrupt (%s)" % what, err)
    check(secs < 2, "%s: took %.2f s" % (what, secs))


@case
def test_sleep():
    check_interrupted(
        "async def main():\n"
        "    print('go', flush=True)\n"
        "    await asyncio.sleep(1000)\n"
        "asyncio.run(main())\n", "sleep")


@case
def test_sleep_ms_among_tasks():
    check_interrupted(
        "async def tick():\n"
        "    while True:\n"
        "        await asyncio.sleep_ms(300)\n"
        "async def main():\n"
        "    for _ in range(5):\n"
        "        asyncio.create_task(tick())\n"
        "    print('go', flush=True)\n"
        "    await asyncio.sleep_ms(1000000)\n"
        "asyncio.run(main())\n", "sleep_ms among tasks")


@case
def test_idle_loop():
    check_interrupted(
        "async def main():\n"
        "    print('go', flush=True)\n"
        "    await asyncio.Event().wait()\n"
        "asyncio.run(main())\n", "event nobody sets")


@case
def test_polling_loop():
    check_interrupted(
        "async def main():\n"
        "    print('go', flush=True)\n"
        "    await asyncio.ThreadSafeFlag().wait()\n"
        "asyncio.run(main())\n", "ThreadSafeFlag")


@case
def test_busy_task():
    check_interrupted(
        "async def spin():\n"
        "    print('go', flush=True)\n"
        "    while True:\n"
        "        pass\n"
        "asyncio.run(spin())\n", "busy task")


@case
def test_caught_and_run_again():
    status, out, err, secs = interrupt(
        "async def main():\n"
        "    print('go', flush=True)\n"
        "    try:\n"
        "        await asyncio.sleep(1000)\n"
        "    finally:\n"
        "        print('finally ran')\n"
        "try:\n"
        "    asyncio.run(main())\n"
        "except KeyboardInterrupt:\n"
        "    print('caught')\n"
        "async def after():\n"
        "    await asyncio.sleep_ms(1)\n"
        "    return 'ran again'\n"
        "print(asyncio.new_event_loop().run_until_complete(after()))\n")
    check_eq(status, 0, "exit status")
    check_eq(out, "go\ncaught\nran again\n", "stdout")


if __name__ == "__main__":
    sys.exit(main("asyncio.interrupt"))
