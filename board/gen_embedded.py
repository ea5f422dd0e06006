#!/usr/bin/env python3
"""gen_embedded.py - turns the firmware's Python files into C.

Writes a C file defining brd_embedded(name), which gives the text of each
file named on the command line (the name is the file's stem), and
brd_autorun, from --autorun. The output is rewritten only when its text
changes, so a build that changes nothing compiles nothing.

Usage: gen_embedded.py --autorun 0|1 OUT.c FILE.py ...
"""

import argparse
import os
import sys


def c_string(data):
    """The bytes as C string literal lines, escapes for anything unusual."""
    lines, cur = [], []
    for b in data:
        if b == 0x0A:
            cur.append("\\n")
            lines.append('"' + "".join(cur) + '"')
            cur = []
        elif b in (0x22, 0x5C):
            cur.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F and b != 0x3F:  # no '?': no trigraphs
            cur.append(chr(b))
        else:
            cur.append("\\%03o" % b)
    if cur:
        lines.append('"' + "".join(cur) + '"')
    return "\n    ".join(lines) if lines else '""'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--autorun", choices=["0", "1"], required=True)
    ap.add_argument("out")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    parts = [
        "/* Made by board/gen_embedded.py from " + ", ".join(args.files) + ": do not edit. */",
        '#include <string.h>',
        '',
        '#include "board/brd.h"',
        '',
        "const bool brd_autorun = %s;" % ("true" if args.autorun == "1" else "false"),
        '',
    ]
    entries = []
    for i, path in enumerate(args.files):
        with open(path, "rb") as f:
            data = f.read()
        name = os.path.splitext(os.path.basename(path))[0]
        parts.append("static const char text_%d[] =\n    %s;" % (i, c_string(data)))
        entries.append('    {"%s", text_%d, sizeof(text_%d) - 1},' % (name, i, i))
    parts += ["", "static const brd_embedded_file files[] = {"] + entries + ["};", ""]
    parts += [
        "const brd_embedded_file *brd_embedded(const char *name) {",
        "    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {",
        "        if (strcmp(files[i].name, name) == 0) {",
        "            return &files[i];",
        "        }",
        "    }",
        "    return NULL;",
        "}",
        "",
    ]
    text = "\n".join(parts)
    try:
        with open(args.out) as f:
            if f.read() == text:
                return 0
    except OSError:
        pass
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
