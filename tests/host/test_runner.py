#!/usr/bin/env python3
"""Tests of the command line of build/campy (host/main.c): scripts and their
arguments, -c, -m, -i, -X options, sys.path, tracebacks, exit statuses,
SystemExit, standard input and Ctrl-C (SIGINT).

Usage: tests/host/test_runner.py --campy build/campy [--results FILE] [case ...]
"""

import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (CheckFailed, Options, case, check, check_eq, check_in,  # noqa: E402
                     child_env, kill_group, main, run, write_file)


def ok_run(r, what="run"):
    check(r.status == 0 and not r.timed_out, "%s failed" % what, r.describe())


def one_line(text):
    return text.count("\n") == 1 and text.endswith("\n")


# ---------------------------------------------------------------- scripts

@case
def test_script_argv():
    write_file("s.py", "import sys\nprint(sys.argv)\nprint(__name__)\n")
    r = run(["s.py", "a", "b c", "-x", "--y"])
    ok_run(r)
    check_eq(r.stdout, "['s.py', 'a', 'b c', '-x', '--y']\n__main__\n", "sys.argv and __name__")


@case
def test_script_file_attr():
    write_file("sub/f.py", "print(__file__)\n")
    r = run(["sub/f.py"])
    ok_run(r)
    check_eq(r.stdout, "sub/f.py\n", "__file__")


@case
def test_script_options_after_name_are_arguments():
    write_file("s.py", "import sys\nprint(sys.argv[1:])\n")
    r = run(["s.py", "-c", "print(1)", "-X", "heapsize=1"])
    ok_run(r)
    check_eq(r.stdout, "['-c', 'print(1)', '-X', 'heapsize=1']\n", "arguments")


@case
def test_sys_path_script_folder_then_campypath():
    write_file("d1/s.py", "import sys\nprint(sys.path)\n")
    r = run(["d1/s.py"], env={"CAMPYPATH": "/x/lib:/y::rel"})
    ok_run(r)
    # the frozen modules come right after the script's folder, as in
    # MicroPython's unix port
    check_eq(r.stdout, "['d1', '.frozen', '/x/lib', '/y', 'rel']\n", "sys.path")
    r = run([os.path.join(Options.tmp, "d1", "s.py")])
    ok_run(r)
    check_eq(r.stdout, "[%r, '.frozen']\n" % os.path.join(Options.tmp, "d1"),
             "absolute script path")


@case
def test_import_beside_script():
    write_file("app/main.py", "import helper\nprint(helper.VALUE)\n")
    write_file("app/helper.py", "VALUE = 'from beside the script'\n")
    r = run(["app/main.py"])
    ok_run(r)
    check_eq(r.stdout, "from beside the script\n", "import beside the script")


@case
def test_import_from_campypath():
    write_file("libs/one/m1.py", "X = 1\n")
    write_file("libs/two/m2.py", "X = 2\n")
    write_file("libs/two/pkg/__init__.py", "Y = 3\n")
    r = run(["-c", "import m1, m2, pkg; print(m1.X, m2.X, pkg.Y)"],
            env={"CAMPYPATH": os.path.join(Options.tmp, "libs/one") + ":" +
                 os.path.join(Options.tmp, "libs/two")})
    ok_run(r)
    check_eq(r.stdout, "1 2 3\n", "imports through CAMPYPATH")


@case
def test_script_folder_comes_first():
    write_file("first/clash.py", "WHERE = 'script folder'\n")
    write_file("first/s.py", "import clash\nprint(clash.WHERE)\n")
    write_file("second/clash.py", "WHERE = 'CAMPYPATH'\n")
    r = run(["first/s.py"], env={"CAMPYPATH": os.path.join(Options.tmp, "second")})
    ok_run(r)
    check_eq(r.stdout, "script folder\n", "the script's folder wins")


@case
def test_missing_script():
    r = run(["nope.py"])
    check_eq(r.status, 2, "exit status")
    check_eq(r.stdout, "", "stdout")
    check_in("can't open file 'nope.py'", r.stderr, "message")
    check_in("[Errno 2]", r.stderr, "message")
    check(one_line(r.stderr), "one line", r.stderr)


@case
def test_script_is_a_folder():
    os.makedirs(os.path.join(Options.tmp, "adir"))
    r = run(["adir"])
    check_eq(r.status, 2, "exit status")
    check_in("can't open file 'adir'", r.stderr, "message")
    check(one_line(r.stderr), "one line", r.stderr)


@case
def test_script_not_readable():
    if os.geteuid() == 0:
        # root reads anything: a path through a file fails for everyone
        write_file("plain.py", "print(1)\n")
        r = run(["plain.py/inner.py"])
        check_eq(r.status, 2, "exit status")
        check_in("can't open file 'plain.py/inner.py': [Errno 20]", r.stderr, "message")
        return
    path = write_file("secret.py", "print(1)\n")
    os.chmod(path, 0)
    r = run(["secret.py"])
    check_eq(r.status, 2, "exit status")
    check_in("[Errno 13]", r.stderr, "message")


@case
def test_empty_script():
    write_file("empty.py", "")
    r = run(["empty.py"])
    ok_run(r)
    check_eq(r.stdout + r.stderr, "", "output")


# ---------------------------------------------------------------- -c

@case
def test_command():
    r = run(["-c", "import sys\nprint(sys.argv)\nprint(sys.path[0] == '', __name__)", "x", "-y"])
    ok_run(r)
    check_eq(r.stdout, "['-c', 'x', '-y']\nTrue __main__\n", "-c")


@case
def test_command_needs_argument():
    for opt in ("-c", "-m"):
        r = run([opt])
        check_eq(r.status, 2, "exit status of %s alone" % opt)
        check_in(opt, r.stderr, "message names the option")


@case
def test_x_needs_argument():
    r = run(["-X"])
    check_eq(r.status, 2, "exit status of -X alone", )
    check_in("-X", r.stderr, "message names the option")


# ---------------------------------------------------------------- -m

@case
def test_module_on_campypath():
    write_file("mods/greet.py", "import sys\nprint('hello', __name__, sys.argv)\n")
    r = run(["-m", "greet", "a", "b"], env={"CAMPYPATH": os.path.join(Options.tmp, "mods")})
    ok_run(r)
    check_eq(r.stdout, "hello __main__ ['greet', 'a', 'b']\n", "-m module")


@case
def test_module_in_current_folder():
    write_file("here.py", "print('here', __name__)\n")
    r = run(["-m", "here"])
    ok_run(r)
    check_eq(r.stdout, "here __main__\n", "-m from the current folder")


@case
def test_module_package_main():
    write_file("mods/tool/__init__.py", "")
    write_file("mods/tool/__main__.py", "print('package main', __name__)\n")
    r = run(["-m", "tool"], env={"CAMPYPATH": os.path.join(Options.tmp, "mods")})
    ok_run(r)
    check_eq(r.stdout, "package main __main__\n", "-m package")


@case
def test_module_missing_or_package_without_main():
    r = run(["-m", "no_such_module_here"])
    check_eq(r.status, 1, "exit status for a missing module")
    check_in("no module named 'no_such_module_here'", r.stderr, "says which")
    write_file("mods/plain/__init__.py", "print('init ran')\n")
    r = run(["-m", "plain"], env={"CAMPYPATH": os.path.join(Options.tmp, "mods")})
    check_eq(r.status, 1, "exit status for a package without __main__")
    check_in("'plain' is a package and cannot be directly executed", r.stderr,
             "a package without __main__.py, as CPython says")
    r = run(["-m", "asyncio"])
    check_in("'asyncio' is a package and cannot be directly executed", r.stderr,
             "a frozen package without __main__")


@case
def test_module_dotted():
    write_file("mods/pk/__init__.py", "")
    write_file("mods/pk/sub.py", "print('sub', __name__)\n")
    r = run(["-m", "pk.sub"], env={"CAMPYPATH": os.path.join(Options.tmp, "mods")})
    ok_run(r)
    check_eq(r.stdout, "sub __main__\n", "-m pk.sub")


@case
def test_module_dotted_runs_its_package_and_relative_imports():
    # as CPython and MicroPython: the package is imported first, and the
    # module's relative imports start from it
    write_file("mods/rp/__init__.py", "print('rp init', __name__)\nX = 5\n")
    write_file("mods/rp/util.py", "def f():\n    return 'util ' + __name__\n")
    write_file("mods/rp/tool.py",
               "from . import util\nfrom .util import f\nfrom . import X\n"
               "print('tool', __name__, util.f(), f(), X)\n")
    write_file("mods/rp/__main__.py", "from .util import f\nprint('main', __name__, f())\n")
    env = {"CAMPYPATH": os.path.join(Options.tmp, "mods")}
    r = run(["-m", "rp.tool"], env=env)
    ok_run(r)
    check_eq(r.stdout, "rp init rp\ntool __main__ util rp.util util rp.util 5\n",
             "-m rp.tool")
    r = run(["-m", "rp"], env=env)
    ok_run(r)
    check_eq(r.stdout, "rp init rp\nmain __main__ util rp.util\n", "-m rp")


@case
def test_module_dotted_missing_package():
    r = run(["-m", "no_such_pkg_here.mod"])
    check_eq(r.status, 1, "exit status")
    check_in("no_such_pkg_here", r.stderr, "message")


@case
def test_module_imports_its_neighbours():
    write_file("mods/runme.py", "import buddy\nprint(buddy.N)\n")
    write_file("mods/buddy.py", "N = 7\n")
    r = run(["-m", "runme"], env={"CAMPYPATH": os.path.join(Options.tmp, "mods")})
    ok_run(r)
    check_eq(r.stdout, "7\n", "import from the module's folder on sys.path")


@case
def test_module_missing():
    r = run(["-m", "no_such_module_here"])
    check_eq(r.status, 1, "exit status")
    check_eq(r.stdout, "", "stdout")
    check_in("no_such_module_here", r.stderr, "message")


@case
def test_module_raises():
    write_file("bad.py", "raise ValueError('from module')\n")
    r = run(["-m", "bad"])
    check_eq(r.status, 1, "exit status")
    check_in("ValueError: from module", r.stderr, "traceback")


# ---------------------------------------------------------------- -i

@case
def test_inspect_after_script():
    write_file("i.py", "x = 20\nprint('ran')\n")
    r = run(["-i", "i.py"], stdin=b"print(x * 2 + 2)\n")
    ok_run(r)
    check_in("ran\n", r.stdout, "the script ran")
    check_in("42", r.stdout, "the REPL saw the script's globals")
    check(r.stdout.index("ran") < r.stdout.index("42"), "order", r.stdout)


@case
def test_inspect_after_command():
    r = run(["-i", "-c", "y = 6"], stdin=b"y * 7\n")
    ok_run(r)
    check_in("42", r.stdout, "expression echoed in the REPL")


@case
def test_inspect_after_exception():
    write_file("boom.py", "z = 5\nraise KeyError\n")
    r = run(["-i", "boom.py"], stdin=b"print(z + 1)\n")
    check_in("KeyError", r.stderr, "traceback")
    check_in("6", r.stdout, "REPL after the exception")


@case
def test_inspect_after_sys_exit():
    r = run(["-i", "-c", "import sys; sys.exit(4)"], stdin=b"print('no repl')\n")
    check_eq(r.status, 4, "exit status")
    check("no repl" not in r.stdout, "no REPL after SystemExit", r.stdout)


@case
def test_inspect_repl_sys_exit():
    r = run(["-i", "-c", "pass"], stdin=b"import sys\nsys.exit(5)\nprint('after')\n")
    check_eq(r.status, 5, "exit status of sys.exit in the REPL")
    check("after" not in r.stdout, "nothing runs after sys.exit", r.stdout)


@case
def test_inspect_piped_input_is_not_echoed_twice():
    r = run(["-i", "-c", "pass"], stdin=b"print('mark' + 'er')\n")
    ok_run(r)
    check_eq(r.stdout.count("marker"), 1, "the result appears once")
    check("\x1b[" not in r.stdout, "no line-editor escapes for piped input", repr(r.stdout))


# ---------------------------------------------------------------- -X

BIG = "data = []\nfor i in range(%d):\n    data.append(bytearray(1000))\nprint('ok', len(data))\n"


@case
def test_heapsize_limits_memory():
    write_file("big.py", BIG % 200)
    r = run(["-X", "heapsize=100k", "big.py"])
    check_eq(r.status, 1, "exit status", )
    check_in("MemoryError", r.stderr, "traceback")
    check_in("Traceback (most recent call last):", r.stderr, "traceback")
    check("ok" not in r.stdout, "did not finish", r.stdout)
    # the same script fits the default heap
    r = run(["big.py"])
    ok_run(r)
    check_eq(r.stdout, "ok 200\n", "default heap")


@case
def test_heapsize_small_program_fits():
    write_file("small.py", BIG % 20)
    r = run(["-X", "heapsize=100k", "small.py"])
    ok_run(r)
    check_eq(r.stdout, "ok 20\n", "a program that fits in 100k")


@case
def test_heapsize_is_the_heap():
    code = "import gc\ngc.collect()\nprint(gc.mem_free() + gc.mem_alloc())\n"
    for opt, size in (("heapsize=100k", 100 * 1024), ("heapsize=100K", 100 * 1024),
                      ("heapsize=2m", 2 << 20), ("heapsize=300000", 300000)):
        r = run(["-X", opt, "-c", code])
        ok_run(r, opt)
        total = int(r.stdout)
        check(size * 0.9 < total <= size, "%s gives a heap of %d bytes" % (opt, total))


@case
def test_heapsize_bad_values():
    for bad in ("abc", "0", "12q", "", "-5", "1g", "99999999999999999999999", "100kk", "3"):
        r = run(["-X", "heapsize=" + bad, "-c", "print('ran')"])
        check_eq(r.status, 2, "exit status for heapsize=%r" % bad)
        check_eq(r.stdout, "", "stdout for heapsize=%r" % bad)
        check(one_line(r.stderr), "one-line error for heapsize=%r" % bad, r.stderr)
        check("Traceback" not in r.stderr, "no traceback", r.stderr)


@case
def test_heapsize_too_small_to_start():
    # too small a heap either refuses to start (status 2, one line) or
    # fails with MemoryError; nothing else is the truth
    for size in ("4k", "5k", "6k", "7k"):
        r = run(["-X", "heapsize=" + size, "-c", "print('ran')"])
        what = "heapsize=%s: runs, refuses, or MemoryError" % size
        check(r.status in (0, 1, 2) and not r.timed_out, what, r.describe())
        if r.status == 2:
            check(one_line(r.stderr), "one-line error", r.stderr)
        elif r.status == 1:
            check("MemoryError" in r.stderr, what, r.describe())


@case
def test_heapsize_huge():
    r = run(["-X", "heapsize=100000000m", "-c", "print('ran')"])
    check_eq(r.status, 2, "exit status")
    check(one_line(r.stderr), "one-line error", r.stderr)


@case
def test_emit_bytecode_accepted():
    r = run(["-X", "emit=bytecode", "-c", "print('bytecode')"])
    ok_run(r)
    check_eq(r.stdout, "bytecode\n", "output")


@case
def test_other_emitters_refused():
    for emit in ("native", "viper", ""):
        r = run(["-X", "emit=" + emit, "-c", "print('ran')"])
        check_eq(r.status, 2, "exit status for emit=%s" % emit)
        check_eq(r.stdout, "", "stdout")
        check_in("bytecode", r.stderr, "the message says what is supported")
        check(one_line(r.stderr), "one-line error", r.stderr)


@case
def test_unknown_x_option():
    r = run(["-X", "frobnicate=1", "-c", "print('ran')"])
    check_eq(r.status, 2, "exit status")
    check_in("frobnicate", r.stderr, "message names the option")
    check_eq(r.stdout, "", "stdout")


@case
def test_unknown_option():
    for opt in ("-q", "--nonsense", "-Z"):
        r = run([opt, "-c", "print('ran')"])
        check_eq(r.status, 2, "exit status for %s" % opt)
        check_in(opt, r.stderr, "message names the option")
        check_eq(r.stdout, "", "stdout")


@case
def test_help():
    r = run(["-h"])
    ok_run(r)
    check_in("usage:", r.stdout, "usage")
    check_in("heapsize", r.stdout, "usage mentions -X heapsize")


@case
def test_accepted_flags():
    r = run(["-v", "-O", "-O2", "-c", "print('fine')"])
    ok_run(r)
    check_eq(r.stdout, "fine\n", "output")


@case
def test_stacksize_and_deep_recursion():
    code = "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RuntimeError as e:\n    print('caught', e)\n"
    for opts in ([], ["-X", "stacksize=64k"]):
        r = run(opts + ["-c", code])
        ok_run(r, " ".join(opts) or "default stack")
        check_eq(r.stdout, "caught maximum recursion depth exceeded\n", "recursion")


DEEP_REPR = ("x = []\nfor i in range(150000):\n    x = [x]\ntry:\n    repr(x)\n"
             "except RuntimeError as e:\n    print('caught', e)\n")


@case
def test_stacksize_within_the_process_limit():
    # recursion in C (repr of deeply nested lists) must stop with
    # RuntimeError before the process's real stack runs out
    eight_mb = 8 << 20
    for opts, limit in (([], eight_mb), (["-X", "stacksize=6m"], eight_mb),
                        ([], 512 << 10), (["-X", "stacksize=300k"], 512 << 10)):
        r = run(opts + ["-c", DEEP_REPR], stack_limit=limit)
        what = "%s with ulimit -s %dk" % (" ".join(opts) or "default stack", limit >> 10)
        check(r.status == 0 and not r.timed_out, what, r.describe())
        check_eq(r.stdout, "caught maximum recursion depth exceeded\n", what)


@case
def test_stacksize_beyond_the_process_limit():
    r = run(["-X", "stacksize=100m", "-c", "print('ran')"], stack_limit=8 << 20)
    check_eq(r.status, 2, "exit status")
    check_eq(r.stdout, "", "stdout")
    check_in("ulimit -s", r.stderr, "the message says what to do")
    check(one_line(r.stderr), "one-line error", r.stderr)


# ---------------------------------------------------------------- errors and exit status

TB_SCRIPT = """\
def inner(x):
    return 10 // x

def outer():
    print('before')
    return inner(0)

outer()
"""


@case
def test_traceback_format():
    write_file("tb.py", TB_SCRIPT)
    r = run(["tb.py"])
    check_eq(r.status, 1, "exit status")
    check_eq(r.stdout, "before\n", "stdout")
    want = ('Traceback (most recent call last):\n'
            '  File "tb.py", line 8, in <module>\n'
            '  File "tb.py", line 6, in outer\n'
            '  File "tb.py", line 2, in inner\n')
    check(r.stderr.startswith(want), "traceback lines", r.stderr)
    last = r.stderr[len(want):]
    check(re.fullmatch(r"ZeroDivisionError: .+\n", last) is not None,
          "last line: the exception", r.stderr)


@case
def test_traceback_after_stdout_in_order():
    write_file("tb.py", TB_SCRIPT)
    proc = subprocess.run([Options.campy, "tb.py"], cwd=Options.tmp, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, env=child_env(), timeout=20)
    text = proc.stdout.decode()
    check(text.startswith("before\nTraceback"), "stdout flushed before the traceback", text)


@case
def test_traceback_exception_forms():
    cases = [
        ("raise KeyError", "KeyError\n"),
        ("raise ValueError('bad value')", "ValueError: bad value\n"),
        ("raise Exception('a', 2)", "Exception: ('a', 2)\n"),
        ("class MyError(Exception): pass\nraise MyError('mine')", "MyError: mine\n"),
        ("assert 1 == 2", "AssertionError\n"),
        ("undefined_name", "NameError: name 'undefined_name' isn't defined\n"),
    ]
    for src, last in cases:
        r = run(["-c", src])
        check_eq(r.status, 1, "exit status of %r" % src)
        check(r.stderr.startswith("Traceback (most recent call last):\n  File \"<stdin>\", line "),
              "traceback head for %r" % src, r.stderr)
        if "NameError" in last:
            check(re.search(r"NameError: name 'undefined_name' is(n't| not) defined\n$",
                            r.stderr), "NameError message", r.stderr)
        else:
            check(r.stderr.endswith(last), "last line for %r" % src, r.stderr)


@case
def test_syntax_error():
    write_file("syn.py", "x = 1\nif x\n    pass\n")
    r = run(["syn.py"])
    check_eq(r.status, 1, "exit status")
    check_in('File "syn.py", line 2', r.stderr, "location")
    check(r.stderr.rstrip("\n").split("\n")[-1].startswith("SyntaxError"), "SyntaxError",
          r.stderr)


@case
def test_chained_exception_exit_status():
    r = run(["-c", "try:\n    1/0\nexcept ZeroDivisionError:\n    raise TypeError('second')"])
    check_eq(r.status, 1, "exit status")
    check(r.stderr.endswith("TypeError: second\n"), "the last exception is reported", r.stderr)


@case
def test_sys_exit_codes():
    cases = [
        ("import sys; sys.exit(3)", 3, ""),
        ("import sys; sys.exit(0)", 0, ""),
        ("import sys; sys.exit()", 0, ""),
        ("import sys; sys.exit(None)", 0, ""),
        ("raise SystemExit", 0, ""),
        ("raise SystemExit(7)", 7, ""),
        ("import sys; sys.exit('bye now')", 1, "bye now\n"),
        ("import sys; sys.exit(255)", 255, ""),
        ("import sys\ntry:\n    sys.exit(9)\nfinally:\n    print('finally')", 9, ""),
    ]
    for src, status, err in cases:
        r = run(["-c", src])
        check_eq(r.status, status, "exit status of %r" % src)
        check_eq(r.stderr, err, "stderr of %r" % src)


@case
def test_sys_exit_caught():
    r = run(["-c", "import sys\ntry:\n    sys.exit(3)\nexcept SystemExit as e:\n"
             "    print('caught', e.args)\nprint('went on')"])
    ok_run(r)
    check_eq(r.stdout, "caught (3,)\nwent on\n", "SystemExit can be caught")


@case
def test_sys_exit_from_script_and_module():
    write_file("ex.py", "import sys\nprint('a')\nsys.exit(6)\nprint('b')\n")
    r = run(["ex.py"])
    check_eq((r.status, r.stdout), (6, "a\n"), "script")
    r = run(["-m", "ex"])
    check_eq((r.status, r.stdout), (6, "a\n"), "module")


# ---------------------------------------------------------------- stdin

@case
def test_stdin_as_script():
    r = run([], stdin=b"print(1)\nprint('two')\n")
    ok_run(r)
    check_eq(r.stdout, "1\ntwo\n", "piped script")
    check_eq(r.stderr, "", "no banner, no prompts on stderr")


@case
def test_stdin_dash_with_args():
    r = run(["-", "p", "q"], stdin=b"import sys\nprint(sys.argv)\n")
    ok_run(r)
    check_eq(r.stdout, "['-', 'p', 'q']\n", "sys.argv for -")


@case
def test_stdin_script_error():
    r = run([], stdin=b"print('x')\nraise OSError(5)\n")
    check_eq(r.status, 1, "exit status")
    check_eq(r.stdout, "x\n", "stdout")
    check_in('File "<stdin>", line 2', r.stderr, "traceback names <stdin>")


@case
def test_stdin_script_sys_exit():
    r = run([], stdin=b"import sys\nsys.exit(12)\n")
    check_eq(r.status, 12, "exit status")


@case
def test_input_reads_piped_stdin():
    r = run(["-c", "a = input()\nb = input('name? ')\nprint(repr(a), repr(b))"],
            stdin=b"first line\nsecond\n")
    ok_run(r)
    check_eq(r.stdout, "name? 'first line' 'second'\n", "input()")


@case
def test_input_without_final_newline():
    r = run(["-c", "print(repr(input()))"], stdin=b"no newline")
    ok_run(r)
    check_eq(r.stdout, "'no newline'\n", "input() at the end of input")


@case
def test_input_at_end_of_input():
    r = run(["-c", "try:\n    input()\nexcept EOFError:\n    print('eof')"], stdin=b"")
    ok_run(r)
    check_eq(r.stdout, "eof\n", "EOFError")


@case
def test_input_many_lines():
    lines = "".join("line %d\n" % i for i in range(2000))
    r = run(["-c", "n = 0\nwhile True:\n    try:\n        s = input()\n    except EOFError:\n"
             "        break\n    n += len(s)\nprint(n)"], stdin=lines.encode())
    ok_run(r)
    check_eq(int(r.stdout), sum(len("line %d" % i) for i in range(2000)), "all lines read")


@case
def test_output_not_held_back():
    # a line printed into a pipe arrives while the program still runs
    proc = subprocess.Popen([Options.campy, "-c", "print('early')\nwhile True: pass"],
                            cwd=Options.tmp, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=child_env(), start_new_session=True)
    try:
        import select
        r, _, _ = select.select([proc.stdout], [], [], 5.0)
        check(bool(r), "the line arrives before the program ends")
        check_eq(os.read(proc.stdout.fileno(), 100), b"early\n", "the line")
    finally:
        kill_group(proc.pid)
        proc.wait()


@case
def test_large_output():
    r = run(["-c", "for i in range(20000):\n    print(i)"])
    ok_run(r)
    lines = r.stdout.split("\n")
    check_eq(len(lines), 20001, "all lines arrive")
    check_eq(lines[-2], "19999", "last line")


# ---------------------------------------------------------------- Ctrl-C

def interrupt(args, stdin_pipe=False, wait_for=b"go"):
    """Starts campy, waits until it prints `wait_for` (its handler for
    SIGINT is in place by then), sends SIGINT; returns (status, stdout,
    stderr, seconds from signal to exit)."""
    proc = subprocess.Popen([Options.campy] + args, cwd=Options.tmp,
                            stdin=subprocess.PIPE if stdin_pipe else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=child_env(), start_new_session=True)
    line = b""
    try:
        if wait_for is not None:
            deadline = time.monotonic() + 10
            import select
            while wait_for not in line and time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                r, _, _ = select.select([proc.stdout], [], [], 0.2)
                if r:
                    chunk = os.read(proc.stdout.fileno(), 100)
                    if not chunk:
                        break
                    line += chunk
        else:
            time.sleep(0.5)
        check(proc.poll() is None, "still running before the signal")
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=3)
        except subprocess.TimeoutExpired:
            kill_group(proc.pid)
            proc.communicate()
            raise CheckFailed("no exit within 3 s of SIGINT")
        return proc.returncode, (line + out).decode(), err.decode(), time.monotonic() - t0
    finally:
        if proc.poll() is None:
            kill_group(proc.pid)
            proc.wait()


def check_keyboard_interrupt(status, err, what):
    check_eq(status, 1, "exit status after SIGINT (%s)" % what)
    check(err.startswith("Traceback (most recent call last):\n"), "traceback (%s)" % what, err)
    check(err.endswith("KeyboardInterrupt\n"), "KeyboardInterrupt (%s)" % what, err)


@case
def test_sigint_busy_loop():
    status, out, err, secs = interrupt(["-c", "print('go')\nwhile True: pass"])
    check_keyboard_interrupt(status, err, "while True: pass")
    check(secs < 2, "took %.2f s" % secs)


@case
def test_sigint_list_appends():
    status, out, err, secs = interrupt(
        ["-c", "print('go')\na = []\nwhile True:\n    a.append(len(a))\n    if len(a) > 5000:\n"
         "        a = []"])
    check_keyboard_interrupt(status, err, "appends")
    check(secs < 2, "took %.2f s" % secs)


@case
def test_sigint_function_calls():
    status, out, err, secs = interrupt(
        ["-c", "print('go')\ndef f(x):\n    return [x] * 3\nwhile True:\n    f(1)"])
    check_keyboard_interrupt(status, err, "calls")


@case
def test_sigint_long_c_operation():
    # one long operation inside C (a big sort), repeated
    status, out, err, secs = interrupt(
        ["-c", "print('go')\nwhile True:\n    sorted(range(200000), key=lambda x: -x)"])
    check_keyboard_interrupt(status, err, "sorting")
    check(secs < 2, "took %.2f s" % secs)


@case
def test_sigint_caught():
    status, out, err, secs = interrupt(
        ["-c", "print('go')\ntry:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n"
         "    print('caught')\nprint('after')"], wait_for=b"go")
    check_eq(status, 0, "exit status")
    check_eq(out, "go\ncaught\nafter\n", "stdout")


@case
def test_sigint_blocked_in_input():
    status, out, err, secs = interrupt(["-c", "print('waiting')\ninput()"], stdin_pipe=True,
                                       wait_for=b"waiting")
    check_keyboard_interrupt(status, err, "input()")
    check(secs < 2, "took %.2f s" % secs)


@case
def test_sigint_script_file():
    write_file("loop.py", "print('start')\nn = 0\nwhile True:\n    n += 1\n")
    status, out, err, secs = interrupt(["loop.py"], wait_for=b"start")
    check_keyboard_interrupt(status, err, "script")
    check_in('File "loop.py", line', err, "traceback names the script")


if __name__ == "__main__":
    sys.exit(main("host.runner"))
