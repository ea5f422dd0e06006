#!/usr/bin/env python3
"""Counts PASS/FAIL lines in build/results/*.txt and prints the closing line
"N passed, N failed". Exits 1 when anything failed or nothing ran."""
import glob
import os
import sys

results = sys.argv[1] if len(sys.argv) > 1 else "build/results"
passed = failed = 0
for path in sorted(glob.glob(os.path.join(results, "*.txt"))):
    suite = os.path.basename(path)[:-4]
    p = f = 0
    with open(path, errors="replace") as fh:
        for line in fh:
            if line.startswith("PASS "):
                p += 1
            elif line.startswith("FAIL "):
                f += 1
                print("  failed: %s: %s" % (suite, line[5:].rstrip()))
    print("%-12s %5d passed, %d failed" % (suite, p, f))
    passed += p
    failed += f
print("%d passed, %d failed" % (passed, failed))
sys.exit(0 if failed == 0 and passed > 0 else 1)
