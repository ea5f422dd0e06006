#!/usr/bin/env python3
"""The tests of bytecode files and frozen modules that are not single
scripts (those are in tests/py/persist and run in the language suites).

Usage:
    tests/persist/run_persist.py --build build [--results FILE]
                                 [--only cli,api,help,heap,corpus,crafted,fuzz] [-j2]

cli     campy-cross: bad command lines, unreadable files, syntax errors, bad
        manifests and unsafe float constants end in one line on stderr and
        exit status 1 or 2, never a crash or a partly written file.
api     the C interface of frozen modules and files (tests/persist/test_frozen.c)
help    help('modules') lists the built-in and the frozen modules.
heap    importing a frozen module takes less heap than importing the same
        module from source or from a bytecode file; the figures are printed.
corpus  every script of tests/py compiles to a bytecode file (for the 64-bit
        build, and for the board's, run by the 32-bit build) that the
        verifier accepts and that, imported, prints what importing its
        source prints.
crafted hand-made bytecode files that break each rule the VM relies on
        (a list under LIST_APPEND, cells in a closure, stack and handler
        bounds, jumps, operands...) are refused, naming the rule.
fuzz    bytecode files mutated in many ways (truncated, bytes changed,
        inserted, removed, spliced) are loaded and, when accepted, run by
        build/fuzz/mpy_load_replay: no input may crash it or hang.

Results: `PASS name` / `FAIL name` lines in the results file (SKIP for
corpus scripts whose output changes from run to run); failures are
described on stdout. The exit status is 0 whenever the tests ran.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TESTS_PY = os.path.join(ROOT, "tests", "py")
TIMEOUT = 60

results = []

# The programs under test, copied at the start: in a tree where others build
# while the tests run, a program being relinked cannot be started.
BIN = {}
PROGRAMS = {"campy": "campy", "campy32": "campy32", "campy-cross": "campy-cross",
            "test_frozen": "tests/test_frozen", "mpy_load_replay": "fuzz/mpy_load_replay"}


def snapshot_programs(build):
    folder = os.path.join(ROOT, build, "persist", "bin")
    os.makedirs(folder, exist_ok=True)
    for name, rel in PROGRAMS.items():
        src, dst = os.path.join(ROOT, build, rel), os.path.join(folder, name)
        try:
            shutil.copy2(src, dst)
        except OSError as e:
            print("can't copy %s: %s" % (src, e))
        BIN[name] = dst


def record(ok, name, detail=""):
    results.append(("PASS " if ok else "FAIL ") + name)
    if not ok:
        print("FAIL " + name)
        if detail:
            for line in detail.rstrip().splitlines()[:20]:
                print("    " + line)


def run(cmd, cwd=ROOT, timeout=TIMEOUT, stdin_data=b""):
    try:
        p = subprocess.run(cmd, cwd=cwd, input=stdin_data, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode(
            "utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %d s" % timeout
    except OSError as e:  # the program is missing or being rebuilt
        return None, "", "can't run %s: %s" % (cmd[0], e)


# ---------------------------------------------------------------- cli

def check_cli(build):
    cross = BIN["campy-cross"]
    tmp = os.path.join(build, "persist", "cli")
    os.makedirs(tmp, exist_ok=True)

    def write(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def case(name, args, status, pattern):
        code, out, err = run([cross] + args)
        lines = err.strip().splitlines()
        ok = (code == status and len(lines) == 1 and lines[0].startswith("campy-cross: ")
              and re.search(pattern, lines[0]) is not None)
        record(ok, "persist.cli." + name,
               "status %r, stderr:\n%s\nexpected status %d and one line matching %r"
               % (code, err, status, pattern))

    good = write("good.py", "print('compiled')\n")
    bad = write("bad.py", "x = 1\ndef f(:\n    pass\n")
    case("no-input", [], 2, "no input file")
    case("unknown-option", ["-q", good], 2, "unknown option '-q'")
    case("unknown-target", ["-t", "pdp11", good], 2, "unknown target 'pdp11'")
    case("option-without-value", [good, "-o"], 2, "needs a value")
    case("two-inputs", [good, good], 2, "one input file at a time")
    case("missing-file", [os.path.join(tmp, "nope.py")], 1, "can't read .*nope.py")
    case("syntax-error", [bad], 1, r"bad\.py:2: SyntaxError")
    out = os.path.join(tmp, "no-such-folder", "x.mpy")
    case("unwritable-output", ["-o", out, good], 1, "can't write")
    case("freeze-needs-output", ["--freeze", good], 2, "needs -o")
    case("output-is-input", ["-o", good, good], 1, "is the input file")
    halfway = write("halfway.py", "x = 1.00000005960464477539062500000001\n")
    case("float-halfway", ["-t", "board", halfway], 1, "halfway between two single-precision")
    code, _, err = run([cross, "-t", "pc", halfway])
    record(code == 0, "persist.cli.float-halfway-double", err)

    # a syntax error leaves no output file behind, not even a partial one
    target = os.path.join(tmp, "bad.mpy")
    if os.path.exists(target):
        os.remove(target)
    run([cross, bad])
    record(not os.path.exists(target) and not os.path.exists(target + ".tmp"),
           "persist.cli.no-output-on-error")

    manifests = {
        "unknown-entry": ("modul good.py\n", "unknown entry 'modul'"),
        "missing-module": ("module nope.py\n", "can't read"),
        "not-py": ("module good.py good.txt\n", "must be relative and end in .py"),
        "twice": ("module good.py\nmodule good.py\n", "frozen twice"),
        "include-loop": ("include loop.txt\n", "too deeply"),
        "bad-source": ("module bad.py\n", r"bad\.py:2: SyntaxError"),
        "too-many-words": ("module good.py a.py b.py\n", "takes a source path"),
        "five-words": ("file a b c d\n", "too many words"),
    }
    for name, (text, pattern) in manifests.items():
        path = write("loop.txt" if name == "include-loop" else name + ".txt", text)
        case("manifest-" + name, ["--freeze", path, "-o", os.path.join(tmp, "out.c")], 1,
             pattern)
    ok_manifest = write("ok.txt", "# a comment\n\nmodule good.py  # frozen as good.py\n"
                        "file good.py data/good.txt\n")
    code, _, err = run([cross, "--freeze", ok_manifest, "-o", os.path.join(tmp, "ok.c"),
                        "-d", os.path.join(tmp, "ok.d")])
    text = open(os.path.join(tmp, "ok.c")).read() if code == 0 else ""
    record(code == 0 and "py_frozen_content" in text and "PY_QSTR_DEF" in text,
           "persist.cli.manifest-ok", err)


# ---------------------------------------------------------------- api

def check_api(build):
    """tests/persist/test_frozen.c: the C interface a port's boot uses."""
    code, out, err = run([BIN["test_frozen"]])
    lines = [l for l in out.splitlines() if l.startswith(("PASS ", "FAIL "))]
    for line in lines:
        record(line.startswith("PASS "), line[5:])
    for line in out.splitlines():
        if line.startswith("    "):
            print(line)
    record(code == 0 and len(lines) >= 6, "persist.frozen-api.ran", out + err)


# ---------------------------------------------------------------- help

def check_help(build):
    for exe in ("campy", "campy32"):
        code, out, err = run([BIN[exe], "-c", "help('modules')"])
        words = out.split()
        want = ["builtins", "sys", "frozentest", "frozen_roundtrip", "frozenpkg/__init__",
                "frozenpkg/sub"]
        missing = [w for w in want if w not in words]
        ok = code == 0 and not missing and out.rstrip().endswith(
            "Plus any modules on the filesystem") and words[:-6] == sorted(words[:-6])
        record(ok, "persist.help-modules." + exe,
               "missing %r or not sorted:\n%s%s" % (missing, out, err))


# ---------------------------------------------------------------- running

def check_run(build):
    """The runner runs a bytecode file given as the script, and -m finds
    NAME.mpy in a folder and frozen modules through '.frozen'."""
    tmp = os.path.join(ROOT, build, "persist", "run")
    os.makedirs(tmp, exist_ok=True)
    src = os.path.join(tmp, "prog.py")
    with open(src, "w") as f:
        f.write("import sys\nprint('prog', __name__, sys.argv[1:])\nraise SystemExit(3)\n")
    mpy = os.path.join(tmp, "prog.mpy")
    code, out, err = run([BIN["campy-cross"], "-o", mpy, src])
    if code != 0:
        record(False, "persist.run.compile", err)
        return
    os.remove(src)
    code, out, err = run([BIN["campy"], mpy, "a", "b"])
    record(code == 3 and out == "prog __main__ ['a', 'b']\n", "persist.run.script",
           "status %r\n%s%s" % (code, out, err))
    code, out, err = run([BIN["campy"], "-m", "prog", "x"], cwd=tmp)
    record(code == 3 and out == "prog __main__ ['x']\n", "persist.run.module",
           "status %r\n%s%s" % (code, out, err))
    code, out, err = run([BIN["campy32"], mpy])
    record(code == 1 and out == "" and "compile it with campy-cross -t board" in err,
           "persist.run.wrong-build", "status %r\n%s%s" % (code, out, err))
    with open(mpy, "rb") as f:
        head = f.read(24)
    with open(mpy, "wb") as f:
        f.write(head)
    code, out, err = run([BIN["campy"], mpy])
    record(code == 1 and out == "" and "truncated" in err, "persist.run.truncated",
           "status %r\n%s%s" % (code, out, err))
    code, out, err = run([BIN["campy"], "-m", "frozentest"], cwd=tmp)
    record(code == 0 and out == "frozentest runs as __main__\n", "persist.run.frozen-module",
           "status %r\n%s%s" % (code, out, err))


# ---------------------------------------------------------------- heap

HEAP_PROGRAM = """
import gc, sys
gc.collect()
before = gc.mem_alloc()
import %s as m
gc.collect()
print(gc.mem_alloc() - before)
"""


def check_heap(build):
    """The heap an import keeps: frozen (code in the image) against source
    and bytecode file (code on the heap)."""
    for exe, kind in (("campy", "pc"), ("campy32", "board")):
        cwd = os.path.join(ROOT, "tests", "py", "persist", "mpy")
        figures = {}
        for label, module, extra in (("source", "roundtrip", ""),
                                     ("mpy", "roundtrip", os.path.join(
                                         ROOT, build, "persist", kind)),
                                     ("frozen", "frozen_roundtrip", "")):
            prog = HEAP_PROGRAM % module
            if extra:
                prog = "import sys\nsys.path.insert(0, %r)\n" % extra + prog
            code, out, err = run([BIN[exe], "-c", prog], cwd=cwd)
            try:
                figures[label] = int(out.split()[-1])
            except (ValueError, IndexError):
                figures[label] = None
                print("    %s %s: %s %s" % (exe, label, out, err))
        ok = None not in figures.values() and figures["frozen"] < figures["mpy"] <= \
            figures["source"] * 2 and figures["frozen"] < figures["source"]
        print("    heap kept by importing roundtrip (%s): source %s, .mpy %s, frozen %s bytes"
              % (exe, figures["source"], figures["mpy"], figures["frozen"]))
        record(ok, "persist.heap." + exe, repr(figures))


# ---------------------------------------------------------------- corpus

DIRECTIVE = re.compile(r"#\s*(campy-opts|args|stdin|skip-if)\b")


def corpus_scripts():
    for cat in sorted(os.listdir(TESTS_PY)):
        folder = os.path.join(TESTS_PY, cat)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py") and not name.startswith("mod_"):
                yield cat, name


def left_out(path):
    """Scripts run with options, arguments or input are left out: the
    comparison below runs each one plainly, through import. So are scripts
    that read their own file (__file__ names the .mpy)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if DIRECTIVE.search(line):
            return True
    return "__file__" in text


def import_run(exe, cwd, module, path_dir, timeout=30):
    # the same lines either way, so tracebacks through <stdin> agree
    prog = "import sys\nsys.path.insert(0, %r)\nimport %s\n" % (path_dir or "", module)
    code, out, err = run([exe, "-c", prog], cwd=cwd, timeout=timeout)
    if path_dir:
        out = out.replace(path_dir + "/", "")
        err = err.replace(path_dir + "/", "")
    return code, out.replace(module + ".mpy", module + ".py"), err.replace(
        module + ".mpy", module + ".py")


def corpus_one(build, exe, target, cat, name):
    module = name[:-3]
    src = os.path.join(TESTS_PY, cat, name)
    out_dir = os.path.join(ROOT, build, "persist", "corpus", target, cat)
    os.makedirs(out_dir, exist_ok=True)
    mpy = os.path.join(out_dir, module + ".mpy")
    test = "persist.corpus.%s.%s/%s" % (target, cat, name)
    code, _, err = run([BIN["campy-cross"], "-t", target, "-s", name,
                        "-o", mpy, src])
    if code != 0:
        # scripts the compiler refuses are tests of SyntaxError: fine, but
        # never a verifier or writer complaint
        ok = "SyntaxError" in err or "IndentationError" in err
        return ("PASS " if ok else "FAIL ") + test, "" if ok else err
    cwd = os.path.join(TESTS_PY, cat)
    from_mpy = import_run(exe, cwd, module, out_dir)
    from_py = import_run(exe, cwd, module, None)
    if from_mpy == from_py:
        return "PASS " + test, ""
    if from_mpy[0] is None or from_py[0] is None:
        # a timeout on a busy machine: once more with time to spare
        from_mpy = import_run(exe, cwd, module, out_dir, timeout=180)
        from_py = import_run(exe, cwd, module, None, timeout=180)
        if from_mpy == from_py:
            return "PASS " + test, ""
    if import_run(exe, cwd, module, None, timeout=180) != from_py:
        return "SKIP " + test, ""  # its output changes from run to run
    detail = "from .py: status %r\n%s%s\nfrom .mpy: status %r\n%s%s" % (
        from_py[0], from_py[1][-800:], from_py[2][-800:], from_mpy[0], from_mpy[1][-800:],
        from_mpy[2][-800:])
    return "FAIL " + test, detail


def check_corpus(build, jobs):
    scripts = [(c, n) for c, n in corpus_scripts()
               if not left_out(os.path.join(TESTS_PY, c, n)) and c != "persist"]
    work = [(BIN["campy"], "pc", c, n) for c, n in scripts]
    work += [(BIN["campy32"], "board", c, n) for c, n in scripts]
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for line, detail in pool.map(lambda w: corpus_one(build, *w), work):
            results.append(line)
            if line.startswith("FAIL"):
                print(line)
                for d in detail.splitlines()[:30]:
                    print("    " + d)


# ---------------------------------------------------------------- fuzz

def mutations(seeds, rng):
    """(name, data) pairs: many ways of spoiling each seed file."""
    names = sorted(seeds)
    for name in names:
        good = seeds[name]
        n = len(good)
        for k in range(48):
            yield "%s.cut%d" % (name, k), good[: n * k // 48]
        for k in range(160):
            at = rng.randrange(n)
            value = rng.choice([0, 0xFF, 0x7F, 0x80, 1, rng.randrange(256), good[at] ^ 1])
            yield "%s.set%d" % (name, k), good[:at] + bytes([value]) + good[at + 1:]
        for k in range(40):
            data = bytearray(good)
            for _ in range(rng.randrange(2, 8)):
                data[rng.randrange(12, n)] = rng.randrange(256)
            yield "%s.multi%d" % (name, k), bytes(data)
        for k in range(20):
            at = rng.randrange(12, n)
            yield "%s.ins%d" % (name, k), good[:at] + bytes([rng.randrange(256)]) + good[at:]
            yield "%s.del%d" % (name, k), good[:at] + good[at + 1:]
        for k in range(10):
            at = rng.randrange(12, n)
            big = bytes([0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
            yield "%s.varint%d" % (name, k), good[:at] + big + good[at:]
        other = seeds[rng.choice(names)]
        for k in range(10):
            a, b = rng.randrange(12, n), rng.randrange(12, len(other))
            yield "%s.splice%d" % (name, k), good[:a] + other[b:]


def replay(binary, files):
    """Exit status of the replay over files, None on a timeout."""
    code, out, err = run([binary] + files, timeout=TIMEOUT)
    return code, err


def culprits(binary, files):
    """The files that make the replay fail on their own."""
    bad = []
    for f in files:
        code, err = replay(binary, [f])
        if code != 0:
            bad.append((f, code, err))
    return bad


def check_fuzz(build):
    binary = BIN["mpy_load_replay"]
    seed_dir = os.path.join(ROOT, build, "persist", "pc")
    seeds = {}
    for dirpath, _, names in os.walk(seed_dir):
        for name in names:
            if name.endswith(".mpy") and not name.startswith("badfile"):
                with open(os.path.join(dirpath, name), "rb") as f:
                    seeds[os.path.relpath(os.path.join(dirpath, name), seed_dir)
                          .replace("/", "_")] = f.read()
    # code of more shapes: a few compiled scripts of the corpus
    corpus = os.path.join(ROOT, build, "persist", "corpus", "pc")
    for cat in ("generators", "exceptions", "closures", "classes", "comprehensions"):
        folder = os.path.join(corpus, cat)
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder))[:4]:
                with open(os.path.join(folder, name), "rb") as f:
                    seeds[cat + "_" + name] = f.read()
    out_dir = os.path.join(ROOT, build, "persist", "fuzz")
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        os.remove(os.path.join(out_dir, old))
    rng = random.Random(20240611)
    files = []
    for name, data in mutations(seeds, rng):
        path = os.path.join(out_dir, name)
        with open(path, "wb") as f:
            f.write(data)
        files.append(path)
    failures = []
    for i in range(0, len(files), 400):
        batch = files[i:i + 400]
        code, err = replay(binary, batch)
        if code != 0:
            failures += culprits(binary, batch)
    for f, code, err in failures:
        record(False, "persist.fuzz." + os.path.basename(f),
               "exit status %r (None: hung)\n%s" % (code, err[-1500:]))
    record(not failures, "persist.fuzz.all-%d-mutated-files" % len(files))


# ---------------------------------------------------------------- crafted

def opcodes():
    """Opcode numbers and operand sizes, in py/bytecode.h's order."""
    text = open(os.path.join(ROOT, "py", "bytecode.h")).read()
    sizes = {"PY_BC_NONE": 0, "PY_BC_U16": 2, "PY_BC_U32": 4, "PY_BC_U16_U8": 3}
    ops = {}
    for name, fmt in re.findall(r"X\((\w+), (PY_BC_\w+)\)", text):
        ops[name] = (len(ops), sizes[fmt])
    return ops


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


class Asm:
    """Builds a bytecode file by hand (the layout of py/persist.h)."""

    def __init__(self, header):
        self.header = header  # 12 bytes of a good file: this build's features
        self.names = []
        self.ops = opcodes()

    def name(self, text):
        if text not in self.names:
            self.names.append(text)
        return self.names.index(text)

    def code(self, instrs, flags=64, n_pos=0, n_locals=0, n_cells=0, n_free=0, stack=4,
             blocks=0, consts=(), names=(), cell2arg=()):
        bc = bytearray()
        for ins in instrs:
            if isinstance(ins, int):  # a raw byte
                bc.append(ins)
                continue
            op, arg = (ins, 0) if isinstance(ins, str) else ins
            number, size = self.ops[op]
            bc.append(number)
            if size == 3:
                bc += bytes([arg[0] & 0xFF, arg[0] >> 8, arg[1]])
            else:
                bc += arg.to_bytes(4, "little")[:size] if size else b""
        out = bytearray()
        for v in (flags, n_pos, 0, 0, n_locals, n_cells, n_free, stack, blocks):
            out += varint(v)
        out += varint(self.name("f")) + varint(1)
        out += varint(len(bc)) + bc + varint(0)
        out += varint(len(names)) + b"".join(varint(self.name(n)) for n in names)
        for i in range(n_locals + n_cells + n_free):
            out += varint(self.name("s%d" % i))
        out += b"".join(varint(c) for c in cell2arg)
        out += varint(len(consts)) + b"".join(consts)
        return bytes(out)

    def file(self, module_code):
        file_name = varint(self.name("crafted.py"))
        table = varint(len(self.names)) + b"".join(
            varint(len(n.encode())) + n.encode() for n in self.names)
        return self.header + table + file_name + module_code


def crafted_cases(asm):
    """(label, module code, what the verifier must say; None: it loads)."""
    ret = ["LOAD_NONE", "RETURN_VALUE"]
    fn_const = lambda code: b"C" + code
    closure_fn = asm.code(["LOAD_NONE", "RETURN_VALUE"], flags=16, n_free=1)
    return [
        ("valid", asm.code([("LOAD_SMALL_INT", 3), ("STORE_NAME", 0)] + ret,
                           names=("three",)), None),
        ("list-append-to-int", asm.code([("LOAD_SMALL_INT", 1), ("LOAD_SMALL_INT", 2),
                                         ("LIST_APPEND", 1), "POP_TOP"] + ret),
         "wrong kind"),
        ("list-to-tuple-of-none", asm.code(["LOAD_NONE", "LIST_TO_TUPLE", "POP_TOP"] + ret),
         "wrong kind"),
        ("map-add-to-list", asm.code([("BUILD_LIST", 0), "LOAD_NONE", "LOAD_NONE",
                                      ("MAP_ADD", 2), "POP_TOP"] + ret), "wrong kind"),
        ("pop-empty", asm.code(["POP_TOP"] + ret), "pops an empty stack"),
        ("local-out-of-range", asm.code([("LOAD_FAST", 5), "POP_TOP"] + ret, n_locals=1),
         "local slot out of range"),
        ("deref-of-local", asm.code([("LOAD_DEREF", 0), "POP_TOP"] + ret, n_locals=1),
         "cell slot out of range"),
        ("const-out-of-range", asm.code([("LOAD_CONST", 2), "POP_TOP"] + ret),
         "constant index out of range"),
        ("name-out-of-range", asm.code([("LOAD_NAME", 0), "POP_TOP"] + ret),
         "name index out of range"),
        ("jump-mid-instruction", asm.code([("JUMP", 1)] + ret), "middle of an instruction"),
        ("jump-past-end", asm.code([("JUMP", 100)] + ret), "past the end"),
        ("stack-too-small", asm.code(["LOAD_NONE", "LOAD_NONE", "LOAD_NONE", "POP_TOP",
                                      "POP_TOP"] + ret, stack=2), "outgrows stack_size"),
        ("null-returned", asm.code(["LOAD_NONE", ("LOAD_METHOD", 0), "RETURN_VALUE"],
                                   names=("x",)), "wrong kind"),
        ("null-stored", asm.code(["LOAD_NONE", ("LOAD_METHOD", 0), ("STORE_NAME", 0),
                                  "POP_TOP"] + ret, names=("x",)), "wrong kind"),
        ("reraise-non-exception", asm.code([("LOAD_SMALL_INT", 7), "RERAISE"]),
         "wrong kind"),
        ("closure-of-non-cells", asm.code([("LOAD_SMALL_INT", 1), ("BUILD_TUPLE", 1),
                                           ("MAKE_FUNCTION", (0, 4)), "POP_TOP"] + ret,
                                          consts=(fn_const(closure_fn),)), "wrong kind"),
        ("free-vars-without-closure", asm.code([("MAKE_FUNCTION", (0, 0)), "POP_TOP"] + ret,
                                               consts=(fn_const(closure_fn),)),
         "without a closure"),
        ("make-function-of-int", asm.code([("MAKE_FUNCTION", (0, 0)), "POP_TOP"] + ret,
                                          consts=(b"i" + varint(2),)), "not code"),
        ("pop-below-handler", asm.code(["LOAD_NONE", ("SETUP_EXCEPT", 9), "POP_TOP"] + ret +
                                       ["POP_TOP", "POP_TOP"] + ret, blocks=1),
         "below the level"),
        ("handler-over-stack", asm.code([("SETUP_FINALLY", 8), "POP_BLOCK"] + ret +
                                        ["POP_TOP"] + ret, blocks=1, stack=0),
         "outgrows stack_size"),
        ("blocks-over-depth", asm.code([("SETUP_FINALLY", 7)] + ret + ["POP_TOP"] + ret,
                                       blocks=0), "outgrows block_depth"),
        ("pop-block-without-block", asm.code(["POP_BLOCK"] + ret), "without a block"),
        ("yield-outside-generator", asm.code(["LOAD_NONE", "YIELD_VALUE", "POP_TOP"] + ret),
         "not a generator"),
        ("runs-off-the-end", asm.code(["LOAD_NONE", "POP_TOP"]), "runs off the end"),
        ("depths-disagree", asm.code(["LOAD_TRUE", ("POP_JUMP_IF_FALSE", 12), "LOAD_NONE",
                                      ("JUMP", 12)] + ret), "different stack depths"),
        ("keyword-not-a-name", asm.code(["LOAD_NONE", ("LOAD_SMALL_INT", 1), "LOAD_NONE",
                                         ("CALL_FUNCTION", 1 << 8), "POP_TOP"] + ret),
         "wrong kind"),
        ("binary-op-out-of-range", asm.code(["LOAD_NONE", "LOAD_NONE", ("BINARY_OP", 200),
                                             "POP_TOP"] + ret), "operator out of range"),
        ("unknown-opcode", asm.code([250] + ret), "unknown opcode"),
        ("cut-instruction", asm.code(["LOAD_NONE", "RETURN_VALUE", asm.ops["LOAD_CONST"][0]]),
         "cut off by the end"),
        ("module-with-parameters", asm.code(ret, n_pos=1, n_locals=1),
         "module code with parameters"),
        ("cell-from-non-parameter", asm.code(ret, flags=16, n_locals=1, n_cells=1,
                                             cell2arg=(0,)), "not a parameter"),
    ]


def check_crafted(build):
    """Hand-made bytecode files that break each rule the VM relies on are
    refused by the verifier, naming the rule; a valid one loads."""
    with open(os.path.join(ROOT, build, "persist", "pc", "shadow.mpy"), "rb") as f:
        header = f.read(12)
    folder = os.path.join(ROOT, build, "persist", "crafted")
    os.makedirs(folder, exist_ok=True)
    for label, code, want in crafted_cases(Asm(header)):
        asm = Asm(header)
        # names are numbered per file: build the case again with its own table
        code = dict((l, c) for l, c, _ in crafted_cases(asm))[label]
        path = os.path.join(folder, "crafted.mpy")
        with open(path, "wb") as f:
            f.write(asm.file(code))
        prog = ("import sys\nsys.path.insert(0, %r)\ntry:\n    import crafted\n"
                "    print('loaded', crafted.__dict__.get('three'))\n"
                "except ValueError as e:\n    print('ValueError', e)\n" % folder)
        status, out, err = run([BIN["campy"], "-c", prog])
        if want is None:
            ok = status == 0 and out.startswith("loaded 3")
        else:
            ok = status == 0 and out.startswith("ValueError") and "invalid bytecode" in out \
                and want in out
        record(ok, "persist.crafted." + label, "wanted %r, got status %r:\n%s%s"
               % (want, status, out, err))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--results")
    ap.add_argument("--only", default="cli,api,help,run,heap,corpus,crafted,fuzz")
    ap.add_argument("-j", type=int, default=2)
    args = ap.parse_args()
    parts = args.only.split(",")
    snapshot_programs(args.build)
    if "cli" in parts:
        check_cli(args.build)
    if "api" in parts:
        check_api(args.build)
    if "help" in parts:
        check_help(args.build)
    if "run" in parts:
        check_run(args.build)
    if "heap" in parts:
        check_heap(args.build)
    if "corpus" in parts:
        check_corpus(args.build, args.j)
    if "crafted" in parts:
        check_crafted(args.build)
    if "fuzz" in parts:
        check_fuzz(args.build)
    n_pass = sum(1 for r in results if r.startswith("PASS"))
    n_fail = sum(1 for r in results if r.startswith("FAIL"))
    if args.results:
        with open(args.results, "w") as f:
            f.write("\n".join(results) + "\n")
    print("%d passed, %d failed" % (n_pass, n_fail))
    return 0


if __name__ == "__main__":
    sys.exit(main())
