#!/usr/bin/env python3
"""Tests of the virtual ESP32-CAM (build/campy-board), driven through its
serial line the way a person at a terminal or a host tool drives a real
board: over a pseudo-terminal and over RFC 2217 with the DTR/RTS lines.

Each case starts its own board with a temporary flash image and writes one
PASS or FAIL line; every wait has a deadline and every board is ended.

Usage: tests/board/test_board.py [--board build/campy-board]
           [--results FILE] [--list] [case or group ...]
"""

import glob
import os
import re
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from boardproc import (EXPECTED_PARTITIONS, FLASH_SIZE, PTABLE_OFFSET,  # noqa: E402
                       VFS_OFFSET, VFS_SIZE, Board, Options, digest, fs_image_get, fs_image_ls,
                       parse_partition_table, read_bytes, write_bytes)
from harness import (FRESH_MORE, FRESH_PROMPT, PROMPT, Console, Work, boot_to_prompt, case, check,  # noqa: E402
                     check_eq, check_in, check_not_in, main, new_image, ready_image,
                     rfc2217_to_prompt, run_board_cli, screen_of, text)
from links import LinkTimeout  # noqa: E402
from rawrepl import RAW_BANNER, RawPasteStats, RawRepl  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ROM_POWERON = "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"
ROM_DOWNLOAD = "boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))"
ROM_RST = re.compile(r"rst:0x[0-9a-f]+ \(\w+\),boot:0x[0-9a-f]+ \(\w+")
BANNER = re.compile(r"campy v\d+\.\d+\.\d+\S* on \d{4}-\d{2}-\d{2}; ESP32-CAM with ESP32\n"
                    r"Type \"help\(\)\" for more information\.\n")
IDF_LOG_LINE = re.compile(r"(?m)^([EWIDV]) \((\d+)\) ([\w.\-]+): (.*)$")
UP, DOWN, RIGHT, LEFT = b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D"
HOME, END = b"\x1b[H", b"\x1b[F"
BACKSPACE, TAB = b"\x7f", b"\t"


def raw_session(board):
    r = RawRepl(board.link)
    r.enter()
    return r


def reset_cause(r):
    return int(r.eval("__import__('machine').reset_cause()"))


def default_main_source():
    """The frozen default main.py: a file in the repository."""
    found = [p for p in glob.glob(os.path.join(REPO, "**", "default_main.py"), recursive=True)
             if "/build/" not in p]
    return found


def write_board_file(r, path, data):
    """Writes a file on the board through the raw REPL, in pieces."""
    if isinstance(data, str):
        data = data.encode()
    r.run_ok("f = open(%r, 'wb')" % path)
    for i in range(0, len(data), 512):
        r.run_ok("f.write(%r)" % data[i:i + 512])
    r.run_ok("f.close(); del f")


def read_board_file(r, path):
    out = r.run_ok("import binascii\nwith open(%r, 'rb') as f:\n"
                   "    print(binascii.hexlify(f.read()).decode())" % path, timeout=20)
    return bytes.fromhex(out.strip())


# ================================================================ flash image

@case("image.created_with_layout")
def _():
    img = new_image()
    with Board(img) as b:
        boot_to_prompt(b)
    check(os.path.exists(img), "the board created its flash image at --flash")
    check_eq(os.path.getsize(img), FLASH_SIZE, "image size (4 MiB)")
    entries, md5_ok = parse_partition_table(read_bytes(img, PTABLE_OFFSET, 0xC00))
    got = [(e[0], e[1], e[2], e[3], e[4]) for e in entries]
    for want in EXPECTED_PARTITIONS:
        label, ptype, subtype, offset, size = want
        match = [g for g in got if g[0] == label]
        check(match, "partition %r in the table at 0x8000" % label, got)
        g = match[0]
        check_eq((g[1], g[3], g[4]), (ptype, offset, size),
                 "partition %r: type, offset, size" % label)
        if label != "vfs":  # vfs is a data partition; its subtype is the board's choice
            check_eq(g[2], subtype, "partition %r subtype" % label)
    check(md5_ok is not False, "the table's MD5 entry matches its entries", entries)


@case("image.blank_is_set_up")
def _():
    img = new_image()
    with open(img, "wb") as f:
        f.write(b"\xff" * FLASH_SIZE)
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_in("Performing initial setup", boot, "a blank image gets the initial setup")
    entries, _ = parse_partition_table(read_bytes(img, PTABLE_OFFSET, 0xC00))
    check_eq([e[0] for e in entries], [p[0] for p in EXPECTED_PARTITIONS],
             "partition table written into the blank image")


@case("image.corrupt_partition_table_stops_boot")
def _():
    img = ready_image()
    table = bytearray(read_bytes(img, PTABLE_OFFSET, 0x1000))
    table[0:32] = bytes(range(0x40, 0x60))  # the first entry: garbage, magic gone
    write_bytes(img, PTABLE_OFFSET, bytes(table))
    before = digest(read_bytes(img, 0, FLASH_SIZE))
    b = Board(img)
    try:
        b.start()
        got = b.link.read_for(4.0)
        check_not_in(b">>> ", got, "no REPL with a corrupted partition table")
        said = text(got) + b.side_text()
        check(re.search(r"(?i)partition", said), "a message about the partition table "
              "(serial or side channel)", "serial: %r\nside: %r" % (got[-600:], b.side_text()[-600:]))
    except Exception as e:
        # a board that refuses to start at all is fine if it says why
        if not b.exited():
            raise
        check(re.search(r"(?i)partition", b.side_text()), "exit message names the partition "
              "table", "%s\nside channel: %r" % (e, b.side_text()))
    finally:
        b.stop()
    check_eq(digest(read_bytes(img, 0, FLASH_SIZE)), before, "the image was left as it was")


@case("image.one_board_per_image")
def _():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        status, out, err = run_board_cli(["--flash", img, "--serial", "pty"], timeout=5.0)
        check(status is not None and status > 0, "a second board on the same image is refused",
              "status %r\n%s%s" % (status, out, err))
        check(err.strip(), "with a message", repr(err))
        check_eq(Console(b.link).line("print(5)"), "5\n", "the first board is unharmed")


@case("image.wrong_size_file_not_destroyed")
def _():
    img = new_image()
    junk = bytes((i * 7 + 3) & 0xFF for i in range(1000))
    with open(img, "wb") as f:
        f.write(junk)
    status, out, err = run_board_cli(["--flash", img, "--serial", "pty"], timeout=4.0)
    check(status is None or status >= 0, "campy-board did not die from a signal",
          "status %r\n%s%s" % (status, out, err))
    check_eq(read_bytes(img, 0, 1000), junk, "the first 1000 bytes of the file are unchanged")


# ================================================================ boot

@case("boot.rom_lines_and_banner")
def _():
    with Board(new_image()) as b:
        boot = text(boot_to_prompt(b))
    check_in(ROM_POWERON, boot, "power-on ROM line")
    m = BANNER.search(boot)
    check(m, "the banner and the help line", boot)
    check(boot.find(ROM_POWERON) < m.start(), "ROM lines come before the banner", boot)
    check(boot.endswith(">>> "), "a prompt after the banner", boot[-200:])


@case("boot.first_setup_writes_boot_py")
def _():
    img = new_image()
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_in("Performing initial setup", boot, "first boot of a blank vfs")
        r = raw_session(b)
        names = r.eval("sorted(__import__('os').listdir('/'))")
        check_in("'boot.py'", names, "boot.py in / after the setup")
        src = read_board_file(r, "/boot.py").decode("utf-8", "replace")
        check(src.strip(), "boot.py is not empty", repr(src))
        r.run_ok("compile(open('/boot.py').read(), 'boot.py', 'exec')")
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_not_in("Performing initial setup", boot, "second boot: no setup again")


@case("boot.help")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        out = Console(b.link).line("help()")
    check(len(out.strip().splitlines()) >= 3, "help() prints a short guide", out)
    check_not_in("Traceback", out, "help() raised")


@case("boot.default_log_level_error")
def _():
    with Board(new_image()) as b:
        boot = text(boot_to_prompt(b))
    noisy = [m.group(0) for m in IDF_LOG_LINE.finditer(boot) if m.group(1) != "E"]
    check(not noisy, "no log lines below ERROR at boot by default", noisy)


# ================================================================ autorun

@case("autorun.main_py_from_default")
def _():
    sources = default_main_source()
    check(len(sources) == 1, "one default_main.py in the repository", sources)
    want = open(sources[0], "rb").read()
    with Board(new_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        got = read_board_file(r, "/main.py")
    check_eq(got, want, "/main.py written from %s" % os.path.relpath(sources[0], REPO))


@case("autorun.existing_main_kept_and_run")
def _():
    img = ready_image()
    mine = "print('MAIN' + '-RAN')\n"
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/main.py", mine)
        write_board_file(r, "/boot.py", "print('BOOT' + '-RAN')\n")
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_in("BOOT-RAN", boot, "boot.py ran at power-on")
        check_in("MAIN-RAN", boot, "main.py ran at power-on")
        check(boot.find("BOOT-RAN") < boot.find("MAIN-RAN"), "boot.py before main.py", boot)
        check(boot.find("MAIN-RAN") < boot.rfind(">>> "), "main.py before the REPL", boot)
        r = raw_session(b)
        check_eq(read_board_file(r, "/main.py").decode(), mine, "main.py not overwritten")


@case("autorun.missing_main_written_again")
def _():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.run_ok("import os; os.remove('/main.py')")
    sources = default_main_source()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        got = read_board_file(r, "/main.py")
    if len(sources) == 1:
        check_eq(got, open(sources[0], "rb").read(), "main.py back from the default")


@case("autorun.script_errors_keep_booting")
def _():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/boot.py", "print('boot start')\n1/0\n")
        write_board_file(r, "/main.py", "print('main start')\n")
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_in("ZeroDivisionError", boot, "boot.py's exception is shown")
        # as MicroPython's ports: main.py runs only after a boot.py that succeeded
        check_not_in("main start", boot, "main.py is not run after boot.py failed")
        check_eq(Console(b.link).line("print('repl ok')"), "repl ok\n", "the REPL starts anyway")
        r = raw_session(b)
        write_board_file(r, "/boot.py", "print('boot start')\n")
        write_board_file(r, "/main.py", "print('main start')\ndef broken(:\n")
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_in("SyntaxError", boot, "main.py's syntax error is shown")
        check(boot.find("boot start") < boot.find("SyntaxError"), "in boot order", boot)
        check_eq(Console(b.link).line("print('repl ok')"), "repl ok\n", "the REPL starts anyway")
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/boot.py", "# fine again\n")
        write_board_file(r, "/main.py", "import sys\nprint('bye')\nsys.exit()\nprint('not here')\n")
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_in("bye", boot, "main.py ran")
        check_not_in("not here", boot, "sys.exit() ended main.py")
        check_not_in("Traceback", boot, "sys.exit() in main.py is not an error")


@case("autorun.ctrl_c_in_boot_py_skips_main")
def _():
    """Ctrl-C while boot.py runs stops the boot there: main.py, which
    would start next, is not run (MicroPython's ports do this), so a
    board whose boot.py hangs can be stopped before its program starts."""
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/boot.py", "import time\nprint('boot waits')\n"
                         "while True:\n    time.sleep_ms(50)\n")
        write_board_file(r, "/main.py", "print('main start')\n")
        b.link.write(b"\x02")
        b.link.read_until(PROMPT, 5, "the friendly prompt")
        start = b.link.mark()
        b.link.write(b"\x04")
        b.link.read_until(b"boot waits", 10, "boot.py running after Ctrl-D")
        b.link.write(b"\x03")
        b.link.read_until(FRESH_PROMPT, 10, "the prompt after Ctrl-C in boot.py")
        boot = text(b.link.since(start))
        check_in("KeyboardInterrupt", boot, "Ctrl-C stopped boot.py")
        check_not_in("main start", boot, "main.py was not run")


@case("autorun.keeps_running_until_ctrl_c")
def _():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/main.py", "import time\nprint('LOOP' + 'ING')\n"
                         "while True:\n    time.sleep_ms(50)\n")
    with Board(img) as b:
        b.link.read_until(b"LOOPING", 15.0, "main.py's first line")
        got = b.link.read_for(1.0)
        check_not_in(PROMPT, got, "no prompt while main.py runs")
        b.link.write(b"\x03")
        out = b.link.read_until(FRESH_PROMPT, 5.0, "the prompt after Ctrl-C")
        check_in(b"KeyboardInterrupt", out, "main.py interrupted")


# ================================================================ filesystem

BLOB = bytes((i * 131 + 7) & 0xFF for i in range(20000))


@case("fs.files_persist_across_runs")
def _():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.run_ok("import os; os.mkdir('/data')")
        write_board_file(r, "/data/notes.txt", "line one\nline two\n")
        write_board_file(r, "/data/blob.bin", BLOB)
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        check_eq(r.eval("sorted(__import__('os').listdir('/data'))"),
                 "['blob.bin', 'notes.txt']", "files after a restart")
        check_eq(read_board_file(r, "/data/notes.txt"), b"line one\nline two\n", "text file")
        check_eq(read_board_file(r, "/data/blob.bin"), BLOB, "20000-byte binary file")
        st = r.eval("__import__('os').statvfs('/')")
        nums = [int(x) for x in st.strip("()").split(",")]
        check_eq(nums[0] * nums[2], 2 * 1024 * 1024, "statvfs: the 2 MiB vfs partition")
    # the same files, read by campy-tool's littlefs reader from the image
    status, listing, err = fs_image_ls(img, Work.dir)
    check_eq(status, 0, "campy-tool fs-image ls reads the vfs partition (%s)" % err)
    check_in("blob.bin", listing, "fs-image ls lists the board's file")
    status, data, err = fs_image_get(img, "/data/blob.bin", Work.dir)
    check_eq((status, data == BLOB), (0, True), "fs-image get gives the same bytes (%s)" % err)


@case("fs.power_cut_keeps_closed_files")
def _():
    img = ready_image()
    b = Board(img)
    try:
        b.start()
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/kept.bin", BLOB[:5000])
        b.power_cut()
    finally:
        b.stop()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        check_eq(read_board_file(r, "/kept.bin"), BLOB[:5000], "file closed before SIGKILL")


@case("fs.soft_reset_closes_open_files")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("f = open('/unclosed.txt', 'w'); f.write('written, never closed')")
        b.link.write(b"\x04")
        c.prompt(10.0)
        check_eq(c.line("print(open('/unclosed.txt').read())"), "written, never closed\n",
                 "a file left open is complete after a soft reset")


@case("fs.full_is_oserror", limit=120)
def _():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/small.txt", "small\n")
        out = r.run_ok("import os, errno\nf = open('/fill.bin', 'wb')\nn = 0\n"
                       "try:\n    while True:\n        f.write(b'x' * 4096)\n        n += 1\n"
                       "except OSError as e:\n    print('OSError', e.errno == errno.ENOSPC, n)\n"
                       "try:\n    f.close()\nexcept OSError:\n    pass\n", timeout=90)
        parts = out.split()
        check(parts[:2] == ["OSError", "True"], "a full flash raises OSError(ENOSPC)", out)
        check(300 <= int(parts[2]) <= 520, "about 2 MiB went in before", out)
        r.run_ok("os.remove('/fill.bin')")
        write_board_file(r, "/after.txt", "room again\n")
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        check_eq(read_board_file(r, "/small.txt"), b"small\n", "older file intact")
        check_eq(read_board_file(r, "/after.txt"), b"room again\n", "file written after the "
                 "space came back")


@case("fs.power_cut_during_writes", limit=120)
def _():
    """The USB cable pulled while a program writes: the filesystem still
    mounts and what was closed before is intact (littlefs is power-loss
    safe; the image must be too)."""
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        write_board_file(raw_session(b), "/before.bin", BLOB)
    for delay in (0.15, 0.4, 0.8):
        b = Board(img)
        try:
            b.start()
            boot_to_prompt(b)
            r = raw_session(b)
            r.exec_start("i = 0\nwhile True:\n    with open('/churn%d.bin' % (i % 3), 'wb') as f:\n"
                         "        for k in range(40):\n            f.write(b'%06d' % i * 170)\n"
                         "    i += 1\n")
            time.sleep(delay)
            b.power_cut()
        finally:
            b.stop()
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        check_not_in("cannot be mounted", boot, "the filesystem mounts after power cuts")
        r = raw_session(b)
        check_eq(read_board_file(r, "/before.bin"), BLOB, "a file closed before is intact")
        r.run_ok("import os; [os.stat(n) for n in os.listdir('/')]")


@case("fs.corrupt_filesystem_not_formatted")
def _():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/precious.txt", "keep me\n")
    good = read_bytes(img, VFS_OFFSET, VFS_SIZE)
    # both littlefs superblocks (blocks 0 and 1) overwritten: not blank,
    # not mountable
    bad = bytes([0x55, 0xAA]) * 4096 + good[8192:]
    write_bytes(img, VFS_OFFSET, bad)
    with Board(img) as b:
        boot = text(boot_to_prompt(b))
        said = boot + b.side_text()
        check_not_in("Performing initial setup", boot, "no setup on a corrupted filesystem")
        check(re.search(r"(?i)(mount|filesystem|file system|corrupt)", said),
              "the board says the filesystem could not be mounted", said[-800:])
        check_eq(Console(b.link).line("print(6 * 7)"), "42\n", "the REPL works without a "
                 "filesystem")
    check(read_bytes(img, VFS_OFFSET, VFS_SIZE) == bad, "the vfs partition was not touched "
          "(not formatted, data kept for recovery)")
    write_bytes(img, VFS_OFFSET, good)
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        check_eq(read_board_file(r, "/precious.txt"), b"keep me\n", "data back once repaired")


# ================================================================ friendly REPL

@case("repl.expressions_and_traceback")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        check_eq(c.line("1 + 1"), "2\n", "expression echo")
        check_eq(c.line("x = 'ab' * 2"), "", "assignment")
        check_eq(c.line("x"), "'abab'\n", "repr")
        out = c.line("1 / 0")
        check_in("Traceback (most recent call last):", out, "traceback")
        check_in("ZeroDivisionError", out, "exception name")
        check_eq(c.line("print('still', 'here')"), "still here\n", "REPL after an error")


@case("repl.line_editing")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        link = b.link
        # "prnt(12)": left x2, insert "3", home, right x2, insert "i", end,
        # backspace twice and type "4)"
        start = link.mark()
        c.typed(b"prnt(12)" + LEFT * 2 + b"3" + HOME + RIGHT * 2 + b"i" + END)
        c.typed(BACKSPACE * 2 + b"4)")
        link.write(b"\r")
        out = text(link.read_until(FRESH_PROMPT, 5.0, "the prompt after the edited line"))
        check_in("134\n", out, "the edited line ran as print(134)")
        scr = screen_of(b">>> " + link.since(start))  # the cursor started after the prompt
        check_in(">>> print(134)", scr, "the screen shows the edited line")


@case("repl.history")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("a = 5")
        check_eq(c.line("print(a * 3)"), "15\n", "the line to recall")
        # Up: print(a * 3), Up: a = 5, Down: print(a * 3) again
        b.link.write(UP + UP + DOWN + b"\r")
        out = text(c.prompt(5.0))
        check_in("15\n", out, "Up, Up, Down recalled print(a * 3)")
        c.line("a = 7")
        # Up: a = 7, Up: print(a * 3)
        b.link.write(UP + UP + b"\r")
        out = text(c.prompt(5.0))
        check_in("21\n", out, "history follows new lines")


@case("repl.tab_completion")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("import machine")
        c.line("some_long_name = 41")
        start = b.link.mark()
        c.typed(b"some_lo" + TAB)
        time.sleep(0.2)
        b.link.write(b" + 1\r")
        out = text(c.prompt(5.0))
        check("42\n" in out, "a global name completed", b.link.since(start))
        start = b.link.mark()
        c.typed(b"machine.fr" + TAB)
        time.sleep(0.2)
        b.link.write(b"() // 1000000\r")
        out = text(c.prompt(5.0))
        check("240\n" in out, "an attribute completed (machine.freq)", b.link.since(start))
        # several matches: the candidates are listed, the line stays
        start = b.link.mark()
        c.typed(b"machine.reset" + TAB)
        time.sleep(0.3)
        shown = text(b.link.read_for(0.3))
        check_in("reset_cause", shown, "the candidates of machine.reset are listed")
        b.link.write(b"\x03")
        c.prompt(5.0)


@case("repl.auto_indent")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        start = b.link.mark()
        c.enter("for i in range(3):")
        after = b.link.read_for(0.2)
        check(after.startswith(b"    ") or b.link.since(start).endswith(b"...     "),
              "four spaces after '... '", b.link.since(start))
        c.enter("if i != 1:")
        b.link.write(b"print(i * 10)\r")
        b.link.read_until(FRESH_MORE, 5.0, "continuation prompt")
        scr = screen_of(b">>> " + b.link.since(start))
        check_in("...         print(i * 10)", scr, "two levels of auto-indent on the screen")
        # one Backspace takes away one level; Enter on a bare indent ends
        # the block
        b.link.write(BACKSPACE + b"print('x')\r")
        b.link.read_until(FRESH_MORE, 5.0, "continuation prompt")
        check_in("...     print('x')", screen_of(b">>> " + b.link.since(start)),
                 "Backspace went back one level (4 spaces)")
        b.link.write(b"\r")
        out = text(c.prompt(5.0))
        check_eq(out.split("\n")[1:-1], ["0", "x", "x", "20", "x"], "the block's output")


@case("repl.paste_mode")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        b.link.write(b"\x05")
        b.link.read_until(b"paste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ", 5.0,
                          "the paste mode banner")
        b.link.write(b"def f(n):\r    if n:\r        return 'yes'\r    return 'no'\r"
                     b"print(f(1), f(0))\r")
        b.link.read_until(b"=== ", 5.0)
        b.link.write(b"\x04")
        out = text(c.prompt(5.0))
        check_in("yes no\n", out, "pasted code ran, indentation as sent")
        check_not_in("...", out, "no continuation prompts in paste mode")
        # Ctrl-C cancels
        b.link.write(b"\x05")
        b.link.read_until(b"=== ", 5.0)
        b.link.write(b"print('should not run')\r\x03")
        out = text(c.prompt(5.0))
        check_not_in("should not run\n", out.replace("print('should not run')", ""),
                     "Ctrl-C cancels the paste")
        check_eq(c.line("f(0)"), "'no'\n", "REPL fine after a cancelled paste")


# ================================================================ raw REPL

@case("repl.paste_mode_fast_5k")
def _():
    """An editor pasting 5 KiB at once into paste mode."""
    lines = ["total = 0"] + ["total += %d  # pasted line %04d" % (i, i) for i in range(200)]
    lines.append("print('pasted', total)")
    body = "\r".join(lines).encode() + b"\r"
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        b.link.write(b"\x05")
        b.link.read_until(b"=== ", 5.0)
        b.link.write(body)
        b.link.write(b"\x04")
        out = text(c.prompt(15.0))
        check_in("pasted %d\n" % sum(range(200)), out, "every pasted line ran")


@case("repl.unicode_typing")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        check_eq(c.line("s = 'h\u00e9llo \u20ac'; print(len(s), s)"), "7 h\u00e9llo \u20ac\n",
                 "UTF-8 typed and printed")
        b.link.write("print('ab\u20ac".encode() + BACKSPACE + b"c')\r")
        out = text(c.prompt(5.0))
        check_in("abc\n", out, "one Backspace removes the whole character")


@case("repl.long_line")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        word = "campy-" * 230  # a 1400-character line
        check_eq(c.line("print(len(%r))" % word), "1380\n", "a 1400-character line")


@case("repl.long_operator_chain")
def _():
    """300 terms joined by + (generated code, long formulas): MicroPython
    compiles such a chain without recursing per term."""
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        check_eq(c.line("print(%s)" % "+".join(["1"] * 300)), "300\n",
                 "a 300-term sum on a 16 KiB task stack")


@case("repl.input_and_stdin_poll")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        b.link.write(b"name = input('name? ')\r")
        b.link.read_until(b"name? ", 5.0, "the input() prompt")
        b.link.write(b"ESP\r")
        c.prompt(5.0)
        check_eq(c.line("print(name * 2)"), "ESPESP\n", "input() read a line from UART0")
        c.line("import select, sys; p = select.poll(); p.register(sys.stdin, select.POLLIN)")
        check_eq(c.line("print(len(p.poll(200)))"), "0\n", "nothing to read: poll times out")
        b.link.write(b"print(len(p.poll(3000)), sys.stdin.read(1))\r")
        b.link.read_until(b"\r\n", 5.0)
        time.sleep(0.3)
        b.link.write(b"Z")
        out = text(c.prompt(5.0))
        check_in("1 Z\n", out, "poll() wakes up for a byte from UART0")


@case("repl.ctrl_keys_on_a_line")
def _():
    """MicroPython's line editor: Ctrl-A on a line with text is Home, not
    the raw REPL; Ctrl-E is End, not paste mode; Ctrl-B prints the banner."""
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        b.link.write(b"rint(55)\x01p\x05\r")
        out = text(c.prompt(5.0))
        check_in("55\n", out, "Ctrl-A went to the start, Ctrl-E to the end")
        check_not_in("raw REPL", out, "no raw REPL from a line with text")
        b.link.write(b"\x02")
        out = text(c.prompt(5.0))
        check(BANNER.search(out), "Ctrl-B at the prompt prints the banner", out)
        check_eq(c.line("print('x')"), "x\n", "REPL fine")


@case("raw.exec_output_and_errors")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        out, err = r.exec("print(1)")
        check_eq((out, err), (b"1\r\n", b""), "print(1) in the raw REPL")
        out, err = r.exec("x = 5\nfor i in range(3):\n    print(x + i)")
        check_eq((out, err), (b"5\r\n6\r\n7\r\n", b""), "several lines, no echo")
        out, err = r.exec("print('before')\n1/0")
        check_eq(out, b"before\r\n", "output before the exception")
        check_in(b"ZeroDivisionError", err, "exception text after the first \\x04")
        check(err.startswith(b"Traceback (most recent call last):"), "a traceback", err)
        out, err = r.exec("def f(:\n")
        check_in(b"SyntaxError", err, "syntax error reported")
        out, err = r.exec("pass")
        check_eq((out, err), (b"", b""), "code with no output")
        check_eq(r.eval("x"), "5", "state kept between raw executions")


@case("raw.ctrl_b_back_to_friendly")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        back = text(r.leave())
        check(BANNER.search(back), "the banner after Ctrl-B", back)
        check_eq(Console(b.link).line("2 ** 10"), "1024\n", "friendly REPL works again")


@case("raw.paste_50k_pty", limit=90)
def _():
    raw_paste_50k(lambda: Board(ready_image()), boot_to_prompt)


@case("raw.paste_50k_rfc2217", limit=90)
def _():
    raw_paste_50k(lambda: Board(ready_image(), serial="rfc2217"), rfc2217_to_prompt)


def big_script(kib=50):
    """A script of about `kib` KiB whose output proves each line arrived."""
    lines = ["total = 0", "count = 0"]
    i = 0
    while sum(len(x) + 1 for x in lines) < kib * 1024 - 64:
        lines.append("total += %d; count += 1  # line %05d of the raw-paste test script" %
                     (i * 7 + 1, i))
        i += 1
    lines.append("print('sum', total, 'lines', count)")
    src = "\n".join(lines) + "\n"
    want = "sum %d lines %d" % (sum(k * 7 + 1 for k in range(i)), i)
    return src, want


def raw_paste_50k(make_board, to_prompt):
    src, want = big_script(50)
    check(len(src) >= 50 * 1024 - 100, "the script is 50 KiB", len(src))
    with make_board() as b:
        to_prompt(b)
        r = raw_session(b)
        stats = RawPasteStats()
        out, err = r.raw_paste(src, timeout=60.0, stats=stats)
        check_eq(err, b"", "no error from the 50 KiB script")
        check_eq(text(out).strip(), want, "every line of the script ran")
        check(stats.window > 0, "a window increment", stats.window)
        needed = (len(src) - stats.window) // stats.window
        check(stats.increments >= needed, "the board granted the data with \\x01 bytes "
              "(%d increments of %d bytes for %d bytes)" % (stats.increments, stats.window,
                                                            len(src)))
        check_eq(r.eval("count"), want.split()[-1], "raw REPL usable after raw-paste")


@case("raw.paste_syntax_error_ends_cleanly", limit=60)
def _():
    src, _ = big_script(20)
    src = "def broken(:\n" + src
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        out, err = r.raw_paste(src, timeout=30.0)
        check_in(b"SyntaxError", err, "the syntax error is reported")
        check_eq(r.eval("1 + 2"), "3", "raw REPL usable afterwards")


@case("raw.paste_too_big_for_heap_stops_early", limit=90)
def _():
    src, _ = big_script(150)  # more than the ~100 KiB heap of a board without PSRAM
    with Board(ready_image(), args=["--no-psram"]) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        stats = RawPasteStats()
        out, err = r.raw_paste(src, timeout=60.0, stats=stats)
        check(stats.device_end, "the board asked to stop the data with \\x04 (sent %d of %d "
              "bytes)" % (stats.sent, len(src)), (out, err))
        check(stats.sent < len(src), "the host stopped before the end", stats.sent)
        check_in(b"MemoryError", err, "the board says the code does not fit")
        check_eq(r.eval("6 * 7"), "42", "raw REPL usable afterwards")


@case("raw.exec_20k_paced_like_pyboard")
def _():
    """Plain raw mode has no flow control: pyboard.py and mpremote send
    256-byte pieces 10 ms apart. 20 KiB that way must arrive whole."""
    src, want = big_script(20)
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        out, err = r.exec(src, timeout=30.0)
        check_eq((text(out).strip(), err), (want, b""), "a 20 KiB script in plain raw mode")


@case("raw.enter_interrupts_running_main")
def _():
    """mpremote connecting to a board whose main.py never ends: Ctrl-C,
    Ctrl-A, then a soft reset in the raw REPL (main.py is not run)."""
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        write_board_file(raw_session(b), "/main.py",
                         "import time\nwhile True:\n    time.sleep_ms(20)\n")
    with Board(img) as b:
        time.sleep(0.5)
        r = RawRepl(b.link)
        r.enter()
        r.soft_reset()
        check_eq(r.eval("'raw ok'"), "'raw ok'", "raw REPL after soft reset, main.py skipped")


@case("raw.ctrl_c_during_raw_paste_data")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        window = r.raw_paste_start()
        check(window, "raw-paste mode", window)
        b.link.write(b"print('never')\n" * 5)
        b.link.write(b"\x03")
        got = b.link.read_until(b">", 5.0, "the raw prompt after Ctrl-C in raw-paste")
        check_not_in(b"never", got, "the cancelled code did not run")
        check_eq(r.eval("'alive'"), "'alive'", "raw REPL usable afterwards")


@case("raw.exec_too_big_for_heap", limit=90)
def _():
    """Plain raw mode on a board without PSRAM: 120 KiB of code cannot be
    held; the board says so and the raw REPL goes on."""
    src, _ = big_script(120)
    with Board(ready_image(), args=["--no-psram"]) as b:
        boot_to_prompt(b)
        r = RawRepl(b.link, chunk=1024, chunk_pause=0.01)
        r.enter()
        out, err = r.exec(src, timeout=30.0)
        check_in(b"MemoryError", err, "too much code for the heap")
        check_eq(r.eval("7 * 6"), "42", "raw REPL usable afterwards")


@case("raw.paste_small_and_exception")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        out, err = r.raw_paste("print(123)")
        check_eq((out, err), (b"123\r\n", b""), "the documented example")
        out, err = r.raw_paste("print('a')\nraise ValueError('bad')\n")
        check_eq(out, b"a\r\n", "output before the exception")
        check_in(b"ValueError: bad", err, "the exception")


# ================================================================ Ctrl-C

def ctrl_c_after(c, line, marker, wait=0.3):
    c.link.write(line.encode() + b"\r")
    c.link.read_until(marker, 10.0, "the code to start")
    time.sleep(wait)
    c.link.poll()
    c.link.mark()  # prompts of earlier statements on the line are past
    t0 = time.monotonic()
    c.link.write(b"\x03")
    out = text(c.prompt(5.0))
    return out, time.monotonic() - t0


@case("ctrlc.busy_loop")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        out, dt = ctrl_c_after(c, "print('go' + 'ing'); n = 0\rwhile True: n += 1\r", b"going")
        check_in("KeyboardInterrupt", out, "KeyboardInterrupt from a busy loop")
        check(dt < 2.0, "interrupted within 2 s", dt)
        check_eq(c.line("n > 0"), "True\n", "the loop ran and the REPL works")


@case("ctrlc.sleep")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("import time")
        out, dt = ctrl_c_after(c, "print('sle' + 'eping'); time.sleep(30)", b"sleeping")
        check_in("KeyboardInterrupt", out, "KeyboardInterrupt from time.sleep")
        check(dt < 2.0, "interrupted within 2 s", dt)
        out, dt = ctrl_c_after(c, "print('sle' + 'eping'); time.sleep_ms(30000)", b"sleeping")
        check_in("KeyboardInterrupt", out, "KeyboardInterrupt from time.sleep_ms")


@case("ctrlc.output_flood")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        out, dt = ctrl_c_after(c, "while True: print('flood ' * 10)\r", b"flood", wait=0.5)
        check_in("KeyboardInterrupt", out, "Ctrl-C stops a program that only prints")
        check(dt < 3.0, "within 3 s", dt)
        check_eq(c.line("print('calm')"), "calm\n", "REPL usable afterwards")


@case("ctrlc.kbd_intr_off_reads_ctrl_c")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        b.link.write(b"import micropython, sys; micropython.kbd_intr(-1); "
                     b"print('wait' + 'ing'); ch = sys.stdin.read(1); micropython.kbd_intr(3); "
                     b"print(ord(ch))\r")
        b.link.read_until(b"waiting", 5.0)
        time.sleep(0.1)
        b.link.write(b"\x03")
        out = text(c.prompt(5.0))
        check_in("3\n", out, "with kbd_intr(-1) Ctrl-C is data for stdin")
        check_not_in("KeyboardInterrupt", out, "and no KeyboardInterrupt")
        out, dt = ctrl_c_after(c, "print('sle' + 'eping'); import time; time.sleep(10)",
                               b"sleeping")
        check_in("KeyboardInterrupt", out, "kbd_intr(3) makes Ctrl-C interrupt again")


@case("ctrlc.raw_repl")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.exec_start("print('busy')\nwhile True:\n    pass")
        b.link.read_until(b"busy", 5.0)
        time.sleep(0.2)
        b.link.write(b"\x03")
        out, err = r.follow(5.0)
        check_in(b"KeyboardInterrupt", err, "Ctrl-C stops code run from the raw REPL")
        check_eq(r.eval("'ok'"), "'ok'", "raw REPL usable afterwards")


# ================================================================ resets

MARKERS = ("print('BOOT' + '-PY')\n", "print('MAIN' + '-PY')\n")


def image_with_markers():
    img = ready_image()
    with Board(img) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        write_board_file(r, "/boot.py", MARKERS[0])
        write_board_file(r, "/main.py", MARKERS[1])
    return img


@case("reset.soft_ctrl_d_friendly")
def _():
    with Board(image_with_markers()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("state = 123")
        b.link.write(b"\x04")
        out = text(c.prompt(10.0))
        check_in("MPY: soft reboot\n", out, "soft reboot line")
        check_in("BOOT-PY", out, "boot.py again")
        check_in("MAIN-PY", out, "main.py again")
        check(BANNER.search(out), "the banner again", out)
        check_not_in("rst:0x", out, "no ROM lines on a soft reset")
        check_in("NameError", c.line("state"), "Python state reset")
        check_eq(c.line("import machine; machine.reset_cause() == machine.SOFT_RESET"),
                 "True\n", "reset_cause() is SOFT_RESET")


@case("reset.soft_runs_atexit")
def _():
    """sys.atexit's function runs before a soft reset, as on MicroPython's
    ports, and only once."""
    with Board(image_with_markers()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("import sys; sys.atexit(lambda: print('ATEXIT-RAN'))")
        b.link.write(b"\x04")
        out = text(c.prompt(10.0))
        check_in("ATEXIT-RAN", out, "the atexit function before the reboot")
        check(out.index("ATEXIT-RAN") < out.index("MPY: soft reboot"), "before the reboot line",
              out)
        b.link.write(b"\x04")
        out = text(c.prompt(10.0))
        check_not_in("ATEXIT-RAN", out, "not again after the reboot")


@case("repl.heap_lock_released_at_prompt")
def _():
    """A program that leaves the heap locked does not lock out the REPL: the
    next prompt unlocks it, in the friendly and the raw REPL."""
    with Board(image_with_markers()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("import micropython; micropython.heap_lock()")
        check_eq(c.line("print([1, 2] + [3])"), "[1, 2, 3]\n", "the next line can allocate")
        r = raw_session(b)
        r.run_ok("import micropython; micropython.heap_lock()")
        out, err = r.exec("print(list(range(3)))")
        check_eq((out, err), (b"[0, 1, 2]\r\n", b""), "the next raw command can allocate")


@case("reset.soft_in_raw_repl_skips_main")
def _():
    with Board(image_with_markers()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.run_ok("state = 1")
        out = text(r.soft_reset())
        check_in("BOOT-PY", out, "boot.py runs on a raw REPL soft reset")
        check_not_in("MAIN-PY", out, "main.py is skipped in the raw REPL")
        out, err = r.exec("state")
        check_in(b"NameError", err, "state reset")


@case("reset.machine_soft_reset")
def _():
    with Board(image_with_markers()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        b.link.write(b"import machine; machine.soft_reset()\r")
        out = text(c.prompt(10.0))
        check_in("MPY: soft reboot", out, "machine.soft_reset() reboots")
        check_eq(c.line("import machine; machine.reset_cause()"), "5\n", "SOFT_RESET (5)")


@case("reset.hard_machine_reset")
def _():
    with Board(image_with_markers()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("state = 1")
        b.link.write(b"import machine; machine.reset()\r")
        out = text(c.prompt(15.0))
        check(ROM_RST.search(out), "ROM lines again", out)
        check_in("BOOT-PY", out, "boot.py after a hard reset")
        check_in("MAIN-PY", out, "main.py after a hard reset")
        check_in("NameError", c.line("state"), "RAM did not survive")
        check_eq(c.line("import machine; machine.reset_cause() == machine.HARD_RESET"),
                 "True\n", "reset_cause() is HARD_RESET")
        check_eq(b.proc.poll(), None, "the same campy-board process runs on")


@case("reset.wdt")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        # fed in time: no reset
        b.link.write(b"import machine, time\rw = machine.WDT(timeout=1000)\r")
        c.prompt(5.0)
        c.prompt(5.0)
        out = c.line("for i in range(10): w.feed(); time.sleep_ms(250)\r", timeout=10.0)
        check_not_in("rst:", out, "a fed watchdog does not reset")
        check_eq(c.line("print('alive')"), "alive\n", "alive after 2.5 s of feeding")
        t0 = time.monotonic()
        got = text(b.link.read_until(FRESH_PROMPT, 10.0, "the prompt after the watchdog reset"))
        dt = time.monotonic() - t0
        check(ROM_RST.search(got), "ROM lines after the watchdog fired", got)
        check(re.search(r"(?m)^E \(\d+\) task_wdt: ", got), "the board says the watchdog "
              "reset it (an E task_wdt line)", got)
        check(0.5 <= dt <= 6.0, "reset about 1 s after the last feed", dt)
        check_eq(c.line("import machine; machine.reset_cause() == machine.WDT_RESET"),
                 "True\n", "reset_cause() is WDT_RESET")


@case("reset.sigusr1_presses_reset_button")
def _():
    import signal as sig
    with Board(image_with_markers()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("state = 1")
        os.kill(b.proc.pid, sig.SIGUSR1)
        out = text(b.link.read_until(FRESH_PROMPT, 15.0, "the boot after the reset button"))
        check_in(ROM_POWERON, out, "the EN button: rst:0x1 as on the chip")
        check_in("MAIN-PY", out, "main.py after the button")
        check_in("NameError", c.line("state"), "RAM did not survive")


@case("reset.deepsleep")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        b.link.write(b"import machine; machine.deepsleep(1500)\r")
        b.link.read_until(b"\r\n", 5.0)
        t0 = time.monotonic()
        time.sleep(0.4)
        b.link.write(b"\r\r")  # UART input does not wake the chip
        got = text(b.link.read_until(FRESH_PROMPT, 10.0, "the prompt after waking"))
        dt = time.monotonic() - t0
        check(ROM_RST.search(got), "ROM lines on waking", got)
        check_in("rst:0x5 (DEEPSLEEP_RESET)", got, "the chip's deep-sleep reset line")
        check(dt >= 1.3, "slept about 1.5 s, not woken by UART input (%.2f s)" % dt)
        check(dt <= 6.0, "woke up (%.2f s)" % dt)
        check_eq(c.line("import machine; machine.reset_cause() == machine.DEEPSLEEP_RESET"),
                 "True\n", "reset_cause() is DEEPSLEEP_RESET")
        epoch = int(c.line("import time; print(time.time())"))
        check(abs(epoch + 946684800 - time.time()) < 5, "the RTC kept the time through the "
              "deep sleep", epoch)


@case("reset.deepsleep_wake_reason")
def _():
    """machine.wake_reason(), as MicroPython's ESP32 port: TIMER_WAKE after
    a timed deep sleep (a soft reset keeps it), 0 after other resets."""
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        check_eq(c.line("import machine; (machine.PIN_WAKE, machine.EXT0_WAKE, "
                        "machine.EXT1_WAKE, machine.TIMER_WAKE, machine.TOUCHPAD_WAKE, "
                        "machine.ULP_WAKE)"), "(2, 2, 3, 4, 5, 6)\n", "wake constants")
        check_eq(c.line("machine.wake_reason()"), "0\n", "no wake-up after power-on")
        b.link.write(b"machine.deepsleep(300)\r")
        b.link.read_until(b"rst:0x5 (DEEPSLEEP_RESET)", 10.0, "the wake-up")
        b.link.read_until(FRESH_PROMPT, 10.0, "the prompt after waking")
        check_eq(c.line("import machine; machine.wake_reason() == machine.TIMER_WAKE"),
                 "True\n", "TIMER_WAKE after a timed deep sleep")
        b.link.write(b"\x04")
        b.link.read_until(FRESH_PROMPT, 10.0, "the prompt after Ctrl-D")
        check_eq(c.line("import machine; machine.wake_reason()"), "4\n",
                 "a soft reset keeps the wake reason")
        b.link.write(b"machine.reset()\r")
        b.link.read_until(b"rst:0xc (SW_CPU_RESET)", 10.0, "the hard reset")
        b.link.read_until(FRESH_PROMPT, 10.0, "the prompt after the reset")
        check_eq(c.line("import machine; machine.wake_reason()"), "0\n",
                 "no wake reason after machine.reset()")


# ================================================================ machine

@case("machine.basics")
def _():
    with Board(new_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        check_eq(r.eval("(machine.PWRON_RESET, machine.HARD_RESET, machine.WDT_RESET, "
                        "machine.DEEPSLEEP_RESET, machine.SOFT_RESET)"
                        .replace("machine.", "__import__('machine').")),
                 "(1, 2, 3, 4, 5)", "reset cause constants")
        check_eq(reset_cause(r), 1, "reset_cause() after power-on is PWRON_RESET")
        r.run_ok("import machine")
        check_eq(r.eval("machine.freq()"), "240000000", "240 MHz at boot")
        for hz in (80000000, 160000000, 240000000):
            r.run_ok("machine.freq(%d)" % hz)
            check_eq(r.eval("machine.freq()"), str(hz), "freq(%d)" % hz)
        out, err = r.exec("machine.freq(123)")
        check_in(b"ValueError", err, "freq(123) raises ValueError")
        check_eq(r.eval("machine.freq()"), "240000000", "a bad freq() changes nothing")
        uid = r.eval("machine.unique_id()")
        check(uid.startswith("b'") or uid.startswith('b"'), "unique_id() is bytes", uid)
        check_eq(r.eval("len(machine.unique_id())"), "6", "unique_id() is the 6-byte MAC")
        r.run_ok("machine.idle()")


@case("machine.platform_and_uname")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        check_eq(r.eval("__import__('sys').platform"), "'esp32'", "sys.platform")
        check_in("ESP32-CAM with ESP32", r.eval("__import__('os').uname().machine"),
                 "os.uname().machine")
        out = r.run_ok("help('modules')")
        for mod in ("machine", "os", "time", "gc"):
            check_in(mod, out, "help('modules') lists %s" % mod)


@case("machine.unique_id_stable_per_image")
def _():
    img = ready_image()
    ids = []
    for _ in range(2):
        with Board(img) as b:
            boot_to_prompt(b)
            ids.append(raw_session(b).eval("__import__('machine').unique_id()"))
    check_eq(ids[1], ids[0], "unique_id() across runs with the same image")


@case("machine.time_runs_in_real_time")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.run_ok("import time")
        t0 = time.monotonic()
        ms = int(r.run_ok("t = time.ticks_ms(); time.sleep_ms(700); "
                          "print(time.ticks_diff(time.ticks_ms(), t))"))
        host = (time.monotonic() - t0) * 1000
        check(690 <= ms <= 1500, "sleep_ms(700) takes 700 board ms (a busy host may add)", ms)
        check(ms <= host + 50, "board time does not run ahead of the host's", (ms, host))
        epoch = int(r.eval("__import__('time').time()"))
        check(abs(epoch + 946684800 - time.time()) < 5, "time.time() is the host clock "
              "since 2000", epoch)


@case("machine.rtc_datetime")
def _():
    """machine.RTC as host tools use it: `mpremote rtc` reads
    RTC().datetime(), `mpremote rtc --set` writes the PC's time with it;
    the clock keeps running through a hard reset."""
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.run_ok("import machine, time")
        now = eval(r.eval("(machine.RTC().datetime(), time.localtime())"))
        dt, lt = now
        check_eq(len(dt), 8, "datetime() is an 8-tuple")
        check_eq((dt[0], dt[1], dt[2], dt[4], dt[5]), (lt[0], lt[1], lt[2], lt[3], lt[4]),
                 "datetime() and localtime() tell the same time")
        check_eq(dt[3], lt[6], "datetime()'s weekday is localtime()'s (0 for Monday)")
        r.run_ok("machine.RTC().datetime((2024, 2, 29, 0, 13, 14, 15, 0))")
        dt = eval(r.eval("machine.RTC().datetime()"))
        check_eq(dt[:6], (2024, 2, 29, 3, 13, 14), "the time set, weekday from the date")
        check_eq(r.eval("time.localtime()[:6]"), "(2024, 2, 29, 13, 14, 15)",
                 "time.localtime() follows the RTC")
        r.run_ok("machine.RTC().init((2023, 12, 31, 6, 23, 59, 59, 0))")
        check_eq(r.eval("time.localtime()[:3]"), "(2023, 12, 31)", "RTC().init(datetime)")
        for bad, what in (("(2024, 2, 30, 0, 0, 0, 0, 0)", "a day past the month's end"),
                          ("(2024, 13, 1, 0, 0, 0, 0, 0)", "month 13"),
                          ("(2024, 1, 1, 0, 24, 0, 0, 0)", "hour 24"),
                          ("(2024, 1, 1)", "a short tuple")):
            out, err = r.exec("machine.RTC().datetime(%s)" % bad)
            check_in(b"ValueError", err, "%s is a ValueError" % what)
        check_eq(r.eval("time.localtime()[:3]"), "(2023, 12, 31)", "bad values change nothing")
        r.run_ok("machine.RTC().datetime((2030, 6, 1, 0, 12, 0, 0, 0))")
        b.link.write(b"import machine; machine.reset()\x04")
        b.link.read_until(b"rst:0xc (SW_CPU_RESET)", 10, "the hard reset's ROM line")
        boot_to_prompt(b)
        r = raw_session(b)
        check_eq(r.eval("__import__('time').localtime()[:4]"), "(2030, 6, 1, 12)",
                 "the RTC kept its time through machine.reset()")


# ================================================================ memory

def heap_total(r):
    return int(r.eval("(__import__('gc').collect(), __import__('gc').mem_free() + "
                      "__import__('gc').mem_alloc())[1]"))


@case("memory.heap_with_psram")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        total = heap_total(r)
        check(3500 * 1024 <= total <= 4700 * 1024, "heap is ~100 KiB + 4 MiB PSRAM", total)
        r.run_ok("big = bytearray(3 * 1024 * 1024); big = None")
        out = r.run_ok("import micropython; micropython.mem_info()")
        check(len(out.splitlines()) >= 2, "mem_info() shows the heap", out)


@case("memory.no_psram_heap")
def _():
    with Board(ready_image(), args=["--no-psram"]) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        total = heap_total(r)
        check(64 * 1024 <= total <= 160 * 1024, "heap is ~100 KiB without PSRAM", total)
        out, err = r.exec("big = bytearray(1024 * 1024)")
        check_in(b"MemoryError", err, "1 MiB does not fit without PSRAM")


@case("memory.memory_error_recoverable")
def _():
    with Board(ready_image(), args=["--no-psram"]) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        out, err = r.exec("x = bytearray(200 * 1024)")
        check_in(b"MemoryError", err, "200 KiB does not fit without PSRAM")
        out = r.run_ok("import gc\nchunks = []\ntry:\n    while True:\n"
                       "        chunks.append(bytearray(1024))\nexcept MemoryError:\n"
                       "    n = len(chunks)\nchunks = None\ngc.collect()\nprint(n)",
                       timeout=30)
        n = int(out.strip())
        check(40 <= n <= 160, "filled the heap with ~100 x 1 KiB before MemoryError", n)
        r.run_ok("y = bytearray(40 * 1024); print(len(y))")
        check_eq(r.eval("len(y)"), "40960", "memory usable again after MemoryError")


@case("memory.deep_recursion")
def _():
    for args in ([], ["--no-psram"]):
        with Board(ready_image(), args=args) as b:
            boot_to_prompt(b)
            r = raw_session(b)
            out, err = r.exec("def f(n):\n    return f(n + 1)\nf(0)", timeout=20)
            check_in(b"RuntimeError", err, "deep recursion is a RuntimeError %r" % args)
            check_in(b"recursion", err, "the message says recursion")
            # recursion inside C: repr of a deeply nested list
            out, err = r.exec("a = []\nfor i in range(2000):\n    a = [a]\n"
                              "try:\n    print('OK', len(repr(a)))\n"
                              "except (RuntimeError, MemoryError) as e:\n"
                              "    print(type(e).__name__)\na = None", timeout=30)
            check(out.strip() in (b"RuntimeError", b"MemoryError", b"OK 4000") and not err,
                  "repr of 2000 nested lists: the text or a clean exception %r" % args,
                  (out, err))
            out, err = r.exec("eval('(' * 500 + ')' * 500)", timeout=20)
            check(b"Error" in err or out.strip() == b"()", "500 nested parentheses: an "
                  "exception or the value, no crash", (out, err))
            check_eq(r.eval("sum(range(10))"), "45", "board alive after deep recursion")
            check_eq(b.proc.poll(), None, "campy-board still running")


HEAP_INFO_LABELS = ["Free", "Allocated", "Minimum free", "Total blocks", "Largest free block",
                    "Allocated blocks", "Free blocks"]


@case("memory.heap_info_format")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        out = r.run_ok("import machine; machine.heap_info()")
    pos = 0
    for label in HEAP_INFO_LABELS:
        m = re.compile(r"(?m)^\s*%s\b\W*\s*(\d+)" % re.escape(label)).search(out, pos)
        check(m, "heap_info() shows %r with a number, in order" % label, out)
        pos = m.end()
    check(re.search(r"SPIRAM", out[pos:]), "then a SPIRAM section", out)


# ================================================================ logging

@case("log.loglevel_errors")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.run_ok("import machine")
        for lvl in range(6):
            r.run_ok("machine.loglevel('*', %d)" % lvl)
        r.run_ok("machine.loglevel('vfs', 3)")
        for bad in ("6", "-1", "100"):
            out, err = r.exec("machine.loglevel('*', %s)" % bad)
            check_in(b"ValueError", err, "loglevel('*', %s) is a ValueError" % bad)
        out, err = r.exec("machine.loglevel(5, 1)")
        check_in(b"TypeError", err, "a tag that is not a str is a TypeError")


LOG_ACTIONS = ("import os, gc, machine\n"
               "f = open('/log-probe.txt', 'w'); f.write('x'); f.close()\n"
               "os.listdir('/'); os.remove('/log-probe.txt'); gc.collect()\n"
               "machine.freq(160000000); machine.freq(240000000)\n")


LOG_SETUP = """
import io, os, machine
class Tap(io.IOBase):
    def __init__(self):
        self.buf = bytearray()
    def write(self, b):
        self.buf.extend(b)
        return len(b)
    def readinto(self, b):
        return None
def log_lines(data):
    return [l for l in bytes(data).split(b'\\n') if len(l) > 3 and l[1:3] == b' (']
def probe():
""" + "".join("    " + l + "\n" for l in LOG_ACTIONS.splitlines())


def tapped_lines(c):
    """Runs probe() with a dupterm tap; the number of log lines the tap saw
    and what reached the serial line."""
    out = c.line("tap = Tap(); os.dupterm(tap); probe(); os.dupterm(None)")
    n = int(c.line("print(len(log_lines(tap.buf)))").strip() or -1)
    return n, out


@case("log.redirect_and_restore")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        c = Console(b.link)
        c.line("import machine; machine.loglevel('*', 5)")
        # a soft reset runs the boot again: mounting, boot.py...
        b.link.write(b"\x04")
        boot = text(c.prompt(10.0))
        r = raw_session(b)
        r.run_ok(LOG_SETUP)
        r.leave()
        logged = c.line("probe()")
        found = IDF_LOG_LINE.findall(boot + logged)
        check(found, "log lines in ESP-IDF's format at level VERBOSE (soft reset, files, gc, "
              "freq)", boot + logged)
        n, _ = tapped_lines(c)
        check_eq(n, 0, "by default log lines go straight to UART0, not through dupterm")
        c.line("machine.redirectlog()")
        n, _ = tapped_lines(c)
        check(n > 0, "after redirectlog() log lines reach dupterm", n)
        c.line("machine.restorelog()")
        n, serial = tapped_lines(c)
        check_eq(n, 0, "after restorelog() log lines bypass dupterm again")
        check(IDF_LOG_LINE.search(serial), "and still reach UART0", serial)


@case("log.raw_repl_muted")
def _():
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        r = raw_session(b)
        r.run_ok("import machine; machine.loglevel('*', 5)")
        r.run_ok(LOG_SETUP)
        out, err = r.exec("probe()")
        check_eq(err, b"", "the actions ran")
        check(not IDF_LOG_LINE.search(text(out)), "no log lines in raw REPL output", out)
        check_eq(out, b"", "nothing but the program's output")


# ================================================================ serial lines

@case("serial.rfc2217_negotiation")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        link = b.link
        check_eq(link.local.get(44), "on", "server accepted COM-PORT-OPTION")
        check_eq(link.set_baudrate(115200), 115200, "SET-BAUDRATE answered with the rate")
        check_eq(link.dtr(False), 9, "SET-CONTROL DTR off acknowledged")
        check_eq(link.rts(False), 12, "SET-CONTROL RTS off acknowledged")
        c = Console(link)
        c.sync()
        check_eq(c.line("print(3 * 3)"), "9\n", "the REPL over RFC 2217")


@case("serial.rfc2217_queries")
def _():
    """Value 0 of SET-BAUDRATE and the request values of SET-CONTROL ask
    for the current setting (RFC 2217)."""
    with Board(ready_image(), serial="rfc2217") as b:
        link = b.link
        link.set_baudrate(115200)
        check_eq(link.set_baudrate(0), 115200, "SET-BAUDRATE 0 answers the current rate")
        link.dtr(False)
        check_eq(link.set_control(7), 9, "DTR state request answers DTR off")
        link.rts(False)
        check_eq(link.set_control(10), 12, "RTS state request answers RTS off")
        # a rate whose bytes hold 0xFF: IAC doubled inside the subnegotiation
        check_eq(link.set_baudrate(0x1C2FF), 0x1C2FF, "SET-BAUDRATE 115455 (an 0xFF byte)")
        check_eq(link.set_baudrate(115200), 115200, "and back")
        start = len(link.answers)
        link.command(12, b"\x03")  # PURGE-DATA both buffers, as reset_input_buffer() does
        check_eq(link.wait_answer(12, start=start), b"\x03", "PURGE-DATA answered")
        start = len(link.answers)
        link.command(0, b"")
        check(link.wait_answer(0, start=start), "SIGNATURE answered with a text")
        # Telnet commands in the middle of the data are not data
        c = Console(link)
        c.sync()
        link._send_raw(b"pri\xff\xf1nt(4\xff\xf1 * 4)\r")  # IAC NOP twice
        link.read_until(b"\r\n", 5.0)
        check_eq(text(c.prompt(5.0)), "16\n>>> ", "IAC NOP inside a line is dropped")


@case("serial.rfc2217_reconnect_keeps_running")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        link = rfc2217_to_prompt(b)
        Console(link).line("kept = 'still here'")
        link.close()
        time.sleep(0.3)
        b.open_link()
        link = rfc2217_to_prompt(b)
        check_eq(Console(link).line("print(kept)"), "still here\n",
                 "the board ran on while no client was connected")


@case("serial.pty_closed_and_reopened")
def _():
    """picocom quits, mpremote connects: the board runs on in between."""
    with Board(ready_image()) as b:
        boot_to_prompt(b)
        Console(b.link).line("kept = 21")
        path = b.link.path
        b.link.close()
        time.sleep(0.3)
        from links import PtyLink
        b.link = PtyLink(path)
        c = Console(b.link)
        c.sync()
        check_eq(c.line("print(kept * 2)"), "42\n", "same board, same state")


@case("serial.pty_link_path")
def _():
    link_path = Work.path("ttyCAM")
    with Board(ready_image(), serial="pty:" + link_path) as b:
        boot_to_prompt(b)
        check(os.path.islink(link_path), "--serial pty:LINK makes a symlink", link_path)
        target = os.path.realpath(link_path)
        check_eq(target, b.link.path, "the link points at the pty")
    check(not os.path.lexists(link_path), "the link is removed at power-off", link_path)


@case("serial.rfc2217_iac_escaping")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        rfc2217_to_prompt(b)
        r = raw_session(b)
        out, err = r.exec("import sys; sys.stdout.buffer.write(bytes([255, 1, 255, 255, 0, 254]))")
        check_eq((out, err), (b"\xff\x01\xff\xff\x00\xfe", b""), "0xFF from the board arrives "
                 "once (IAC IAC on the wire)")
        r.exec_start("import sys; print(list(sys.stdin.buffer.read(4)))")
        b.link.write(b"\xff\x00\xfe\xff")
        out, err = r.follow(5.0)
        check_eq((out, err), (b"[255, 0, 254, 255]\r\n", b""), "0xFF sent as IAC IAC reaches "
                 "the board as one byte")


@case("serial.rts_holds_board_in_reset")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        link = rfc2217_to_prompt(b)
        side_before = len(b.stderr)
        link.dtr(False)
        link.rts(True)
        time.sleep(0.2)
        link.write(b"print(12321)\r")
        silent = link.read_for(1.5)
        check_eq(silent, b"", "silent while RTS holds EN low")
        side = bytes(b.stderr[side_before:]).decode("utf-8", "replace")
        check("RTS" in side, "the side channel says why the board is silent", side)
        link.rts(False)
        boot = text(link.read_until(FRESH_PROMPT, 15.0, "the boot after RTS is released"))
        check_in(ROM_POWERON, boot, "an EN reset boots like power-on")
        check_not_in("12321", boot, "input sent during reset was not run")
        check_eq(Console(link).line("print(4 + 4)"), "8\n", "REPL after the reset")


@case("serial.disconnect_releases_rts")
def _():
    """Closing the port drops DTR and RTS, as a USB-serial adapter does: a
    board held in reset boots when its client goes away."""
    with Board(ready_image(), serial="rfc2217") as b:
        link = rfc2217_to_prompt(b)
        link.rts(True)
        time.sleep(0.2)
        link.close()
        time.sleep(0.5)
        b.open_link()
        b.link.write(b"\r")
        b.link.read_until(FRESH_PROMPT, 5.0, "a running board after the reconnect")


@case("serial.reset_circuit_none")
def _():
    """--reset-circuit none: a plain adapter, DTR and RTS do nothing."""
    with Board(ready_image(), serial="rfc2217", args=["--reset-circuit", "none"]) as b:
        link = rfc2217_to_prompt(b)
        link.rts(True)
        link.dtr(True)
        check_eq(Console(link).line("print(5)"), "5\n", "the board runs with RTS and DTR on")
        link.rts(False)
        link.dtr(False)
        check_not_in(b"rst:", link.read_for(0.5), "no reset when they drop")


@case("serial.download_boot_with_dtr_rts")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        link = rfc2217_to_prompt(b)
        link.classic_download_reset()
        got = text(link.read_until(b"waiting for download", 5.0, "the download-mode ROM lines"))
        check_in(ROM_DOWNLOAD, got, "download boot ROM line")
        check_not_in(">>>", text(link.read_for(1.0)), "no firmware in download mode")
        link.hard_reset()
        boot = text(link.read_until(FRESH_PROMPT, 15.0, "a normal boot after an RTS pulse"))
        check_in(ROM_POWERON, boot, "normal boot after the hard reset")
        check_eq(Console(link).line("import machine; machine.reset_cause()"), "1\n",
                 "EN reset is PWRON_RESET, as on the chip")


@case("serial.loader_silence_explained")
def _():
    """After esptool's reset into the ROM loader, DTR goes off again and
    the chip stays in the loader, silent to typing, until the next reset:
    the side channel says so, so that the user knows why nothing answers
    and what brings the board back."""
    with Board(ready_image(), serial="rfc2217") as b:
        link = rfc2217_to_prompt(b)
        link.classic_download_reset()
        link.read_until(b"waiting for download", 5.0, "the download-mode ROM lines")
        time.sleep(0.3)
        side = b.side_text()
        notes = side[side.rfind("RTS off"):]
        check(re.search(r"DTR off: .*(stays|still).*loader.*(reset|RTS)", notes),
              "the note for DTR off says the chip stays in the loader until a reset", notes)
        link.write(b"\r")
        check_not_in(">>>", text(link.read_for(0.5)), "typing gets no answer in the loader")


@case("serial.terminal_opening_with_dtr_rts")
def _():
    """A terminal that asserts DTR and RTS on opening (PuTTY, Thonny's
    defaults) holds EN low; dropping RTS first lets EN rise with IO0 low:
    download mode; a plain RTS pulse then boots the firmware."""
    with Board(ready_image(), serial="rfc2217") as b:
        link = rfc2217_to_prompt(b)
        link.open_like_terminal()
        link.write(b"print(1)\r")
        check_eq(link.read_for(1.0), b"", "silent while RTS is asserted")
        side = b.side_text()
        note = side[side.rfind("RTS on"):].split("\n")[0]
        check(re.search(r"held in reset.*RTS off.*--reset-circuit none", note),
              "the note says why the board is silent and what to do about it", note)
        link.rts(False)
        got = text(link.read_until(b"waiting for download", 5.0, "download mode"))
        check_in(ROM_DOWNLOAD, got, "EN rose with DTR asserted: download boot")
        link.dtr(False)
        link.hard_reset()
        boot = text(link.read_until(FRESH_PROMPT, 15.0, "a normal boot"))
        check_in(ROM_POWERON, boot, "normal boot once DTR is released")


@case("serial.baud_mismatch_is_garbage")
def _():
    with Board(ready_image(), serial="rfc2217") as b:
        link = rfc2217_to_prompt(b)
        check_eq(link.set_baudrate(9600), 9600, "server takes 9600")
        link.hard_reset()
        got = link.read_for(3.0)
        for word in (b"rst:", b"campy", b">>>"):
            check_not_in(word, got, "boot output unreadable at 9600 baud")
        link.write(b"print(6 * 7)\r")
        got = link.read_for(1.5)
        check_not_in(b"42", got, "input at the wrong rate is not understood")
        check_eq(link.set_baudrate(115200), 115200, "back to 115200")
        link.write(b"\x03\r")
        link.read_until(FRESH_PROMPT, 5.0, "a prompt at the right rate")
        link.read_for(0.2)
        check_eq(Console(link).line("print(6 * 7)"), "42\n", "REPL at 115200 again")


@case("serial.stdio_escape_powers_off")
def _():
    import pty
    img = ready_image()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execv(Options.board, [Options.board, "--flash", img])
        finally:
            os._exit(127)
    buf = bytearray()

    def read_until(token, timeout):
        end = time.monotonic() + timeout
        while token not in buf:
            left = end - time.monotonic()
            if left <= 0:
                raise LinkTimeout("waiting for %r; got %r" % (token, bytes(buf[-400:])))
            import select
            r, _, _ = select.select([fd], [], [], min(left, 0.2))
            if r:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    raise LinkTimeout("terminal closed waiting for %r; got %r" % (token, bytes(buf)))
                buf.extend(data)

    try:
        read_until(PROMPT, 15.0)
        hint = re.search(rb"Ctrl-([A-Z\]\\^_@\[])", bytes(buf))
        check(hint, "the escape key is shown at start", bytes(buf[:600]))
        os.write(fd, b"print(7 * 6)\r")
        read_until(b"42", 5.0)
        key = bytes([ord(hint.group(1)) & 0x1F])
        os.write(fd, key)
        end = time.monotonic() + 5.0
        status = None
        while time.monotonic() < end:
            p, st = os.waitpid(pid, os.WNOHANG)
            if p == pid:
                status = os.waitstatus_to_exitcode(st)
                break
            time.sleep(0.05)
        check(status is not None, "the escape key %r powers the board off" % key, bytes(buf[-300:]))
        check(status >= 0, "a clean exit, not a signal", status)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)


# ================================================================ command line

@case("options.errors_are_clean")
def _():
    img = Work.path("opt.bin")
    bad = [
        ["--bogus-option"],
        ["--flash", img, "--serial", "nonsense"],
        ["--flash", img, "--serial", "rfc2217:notaport"],
        ["--flash", img, "--serial", "rfc2217:70000"],
        ["--flash", "/nonexistent-dir/for/sure/flash.bin", "--serial", "pty"],
        ["--flash", img, "--reset-circuit", "sideways", "--serial", "pty"],
        ["--flash"],
    ]
    for args in bad:
        status, out, err = run_board_cli(args, timeout=5.0)
        check(status is not None, "campy-board %s exits (no hang)" % " ".join(args), err)
        check(status > 0, "campy-board %s fails with a status > 0" % " ".join(args),
              "status %r\n%s%s" % (status, out, err))
        msg = err.strip()
        check(msg and len(msg.splitlines()) <= 5, "a short message on stderr for %s" % args,
              repr(err))
    status, out, err = run_board_cli(["--help"], timeout=5.0)
    check_eq(status, 0, "--help exits 0")
    check_in("--flash", out + err, "--help describes --flash")
    check_in("--serial", out + err, "--help describes --serial")


if __name__ == "__main__":
    sys.exit(main())
