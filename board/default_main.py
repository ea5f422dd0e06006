# main.py - runs at boot after boot.py, each time the board starts.
#
# The firmware wrote this file because the flash had no main.py. It is yours
# now: edit it (from the REPL, or with a host tool such as campy-tool or
# mpremote) or delete it; it is never written over. Press Ctrl-C to stop a
# program that runs for ever, Ctrl-D to restart Python and run it again.
#
# This one reports how the board is doing, then returns to the REPL.

import gc
import machine
import os
import time

CAUSES = {
    machine.PWRON_RESET: "power-on",
    machine.HARD_RESET: "reset",
    machine.WDT_RESET: "watchdog",
    machine.DEEPSLEEP_RESET: "wake from deep sleep",
    machine.SOFT_RESET: "soft reset",
}


def kib(n):
    return "%d KiB" % (n // 1024)


def flash_free():
    try:
        st = os.statvfs("/")
    except OSError:
        return "no filesystem"
    return "%s free of %s" % (kib(st[0] * st[3]), kib(st[0] * st[2]))


def report():
    gc.collect()
    print("ESP32-CAM started by", CAUSES.get(machine.reset_cause(), "unknown cause"))
    print("  CPU", machine.freq() // 1000000, "MHz; Python heap", kib(gc.mem_free()), "free")
    print("  flash:", flash_free() + "; files:", " ".join(sorted(os.listdir("/"))))
    print("  up", time.ticks_ms(), "ms")


report()
