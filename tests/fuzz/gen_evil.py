#!/usr/bin/env python3
"""Generates Python programs in which objects with hostile special methods
meet the built-in containers, and runs them under a sanitized campy.

libFuzzer mutates bytes and rarely writes a class whose __eq__ empties the
list being searched. These programs do little else: every special method of
the `Evil` objects performs an action picked at random (empty a container,
grow it, shrink it with pop, raise, collect garbage, allocate junk, return a
value of the wrong type) and the program then calls container operations
with those objects as items, keys, indices, sort keys and callbacks. Any
Python exception is fine; a crash, a sanitizer report or a hang is not.

Usage:
    tests/fuzz/gen_evil.py --runner build/fuzz/py_exec_triage [--count N]
                           [--seed S] [--keep DIR] [--seconds T]
    tests/fuzz/gen_evil.py --print SEED      (write one program to stdout)

The runner is any program that takes a script path: the sanitized replay
build (build/fuzz/py_exec_triage) or build/campy. Failing programs are saved
in --keep (default build/fuzz/evil) as evil-SEED.py.
"""

import argparse
import os
import random
import subprocess
import sys
import time

PRELUDE = '''
import gc
from collections import deque, OrderedDict
import array
import heapq

L = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] * 3
T = tuple(range(12))
D = {i: i for i in range(20)}
S = set(range(20))
B = bytearray(b"0123456789" * 3)
A = array.array("i", range(30))
Q = deque(range(20))
O = OrderedDict((i, i) for i in range(10))
C = [L, D, S, B, A, Q, O]


def act(n):
    c = C[n % len(C)]
    k = n // len(C) % 9
    if k == 0:
        if isinstance(c, array.array):
            del c[:]
        else:
            c.clear()
    elif k == 1:
        if isinstance(c, (dict, OrderedDict)):
            for i in range(40):
                c[1000 + i + n] = i
        elif isinstance(c, set):
            c.update(range(1000, 1040))
        elif isinstance(c, (bytearray, array.array)):
            c.extend(range(40))
        else:
            c.extend(range(40))
    elif k == 2:
        for _ in range(min(len(c), 25)):
            c.pop() if not isinstance(c, (dict, OrderedDict)) else c.popitem()
    elif k == 3:
        raise ValueError("evil")
    elif k == 4:
        gc.collect()
    elif k == 5:
        junk = [[i] * 4 for i in range(30)]
    elif k == 6:
        raise KeyError(n)
    elif k == 7:
        if isinstance(c, (list, bytearray, array.array, deque)) and len(c) > 0:
            del c[0]
    return None


class Evil:
    def __init__(self, seed):
        self.seed = seed

    def _go(self, slot, result):
        n = (self.seed * 31 + slot * 7) % 97
        if n < 40:
            act(n)
        if n % 11 == 0:
            return object()
        return result

    def __eq__(self, o):
        return self._go(1, self is o)

    def __ne__(self, o):
        return self._go(2, self is not o)

    def __lt__(self, o):
        return self._go(3, id(self) < id(o))

    def __le__(self, o):
        return self._go(4, True)

    def __gt__(self, o):
        return self._go(5, False)

    def __hash__(self):
        r = self._go(6, self.seed % 5)
        return r if isinstance(r, int) else 3

    def __index__(self):
        r = self._go(7, self.seed % 12 - 4)
        return r if isinstance(r, int) else 1

    def __int__(self):
        return self.__index__()

    def __float__(self):
        return float(self.__index__())

    def __repr__(self):
        r = self._go(8, "E%d" % self.seed)
        return r if isinstance(r, str) else "E"

    def __str__(self):
        return self.__repr__()

    def __len__(self):
        r = self._go(9, self.seed % 4)
        return r if isinstance(r, int) else 2

    def __bool__(self):
        r = self._go(10, self.seed % 2 == 0)
        return r if isinstance(r, bool) else True

    def __iter__(self):
        self._go(11, None)
        return iter([self.seed, self.seed + 1, Evil(self.seed + 1)])

    def __getitem__(self, k):
        return self._go(12, self.seed)

    def __contains__(self, x):
        return self._go(13, False)

    def __call__(self, *a, **k):
        return self._go(14, self.seed)

    def __add__(self, o):
        return self._go(15, self.seed)

    def __radd__(self, o):
        return self._go(16, self.seed)

    def __format__(self, spec):
        r = self._go(17, "F")
        return r if isinstance(r, str) else "F"

    def __enter__(self):
        return self._go(18, self)

    def __exit__(self, *a):
        return self._go(19, False)


E = [Evil(i) for i in range(40)]
'''

# Each template is one statement; {e} is an Evil, {c} a container name,
# {i} a small int.
TEMPLATES = [
    "L.index({e})", "L.count({e})", "L.remove({e})", "{e} in L", "{e} in T",
    "T.index({e})", "L == [{e}] * len(L)", "L < [{e}]", "[{e}, {e2}] == L",
    "L[{e}]", "L[{e}] = {e2}", "del L[{e}]", "L.pop({e})", "L.insert({e}, {e2})",
    "L[{e}:{e2}]", "L[{e}:{e2}] = [{e}]", "L[{e}:{e2}:2] = []", "del L[{e}::{e2}]",
    "L[::{e}]", "L.sort(key=lambda x: {e}(x))", "L.sort()", "sorted(L + [{e}])",
    "L.append({e}); L.sort()", "L.extend({e})", "L += [{e}, {e2}]", "L * 2",
    "D[{e}] = {i}", "D.get({e})", "D.pop({e}, None)", "{e} in D", "D.setdefault({e}, 1)",
    "del D[{e}]", "D.update({{{e}: 1, {e2}: 2}})", "dict.fromkeys([{e}, {e2}, {i}])",
    "D == {{{e}: 1}}", "D.keys() & {{{e}}}", "({e}, 1) in D.items()", "list(D.items())",
    "S.add({e})", "S.discard({e})", "{e} in S", "S & {{{e}, {e2}}}", "S | {{{e}}}",
    "S - {{{e}}}", "S ^ {{{e}, {i}}}", "S <= {{{e}}}", "S.isdisjoint([{e}])",
    "S.intersection_update([{e}, {i}])", "S.symmetric_difference_update({{{e}}})",
    "B[{e}]", "B[{e}] = {i}", "B[{e}:{e2}]", "B[{e}:{e2}] = b'xy'", "B.pop({e})",
    "B.insert({e}, {i})", "B.extend([{e}, {i}])", "B.find(b'1', {e})", "bytes([{e}, {i}])",
    "bytearray([{e}, {e2}])",
    "A[{e}]", "A[{e}] = {i}", "A.pop({e})", "A[{e}:{e2}]", "A.index({i})", "A.count({e})",
    "array.array('i', [{e}, {i}])",
    "Q[{e}]", "Q.append({e}); Q.remove({e2})", "{e} in Q", "Q.count({e})", "Q.extend({e})",
    "Q.rotate({e})",
    "O[{e}] = 1", "O.move_to_end({i})", "list(O)", "O.pop({e}, None)",
    "heapq.heappush(L, {e})", "heapq.heappop(L)", "heapq.heapify(L)",
    "heapq.heappushpop(L, {e})", "heapq.heapreplace(L, {e})",
    "max(L + [{e}])", "min([{e}, {e2}, {i}])", "sum([{e}, {e2}], 0)",
    "any([{e}, {e2}])", "all(L + [{e}])", "sorted([{e}, {e2}, {e3}])",
    "sorted(L, key={e})", "max(L, key={e})", "list(map({e}, L))", "list(filter({e}, L))",
    "list(zip(L, {e}))", "list(enumerate({e}))", "tuple({e})", "set([{e}, {e2}])",
    "frozenset([{e}, {e2}])", "repr(L + [{e}])", "repr(D)", "str([{e}, L])",
    "repr({{{e}: L}})", "'%s %r' % ({e}, {e2})", "'{{}} {{!r}}'.format({e}, {e2})",
    "f'{{{e}}} {{{e2}!r}} {{{e3}:>5}}'", "format({e}, '')", "'-'.join(map(str, [{e}, {e2}]))",
    "hash(({e}, {e2}))", "{{({e}, 1): 2}}", "len({e})", "range(10)[{e}]", "'abcdef'[{e}]",
    "b'abcdef'[{e}:{e2}]", "[1, 2, 3][{e}]", "list(range({e}))", "'ab' * {e}",
    "[0] * {e}", "divmod(7, {e})", "round(1.5, {e})", "int({e})", "float({e})",
    "abs({e})", "{e} + 1", "1 + {e}", "{e} == {e2}", "{e} < {e2}",
    "isinstance({e}, (int, Evil))", "getattr({e}, 'seed')",
    "exec('x = [{i}] * 3')", "eval('L[{i} % 3]')",
    "with {e}: L.append({i})", "for x in {e}: L.append(x)",
    "[x for x in L if x == {e}]", "{{x: {e} for x in range(3)}}",
    "act({i})", "gc.collect()", "L.reverse()", "L.copy()",
    "D.clear(); D.update((j, j) for j in range(30))", "L[:] = range(30)",
    "B[:] = b'0123456789' * 3", "A[:] = array.array('i', range(30))",
    "S.update(range(20))", "Q.extend(range(10))",
    "'-'.join([str({e}), 'a'])", "'abcabc'.replace('a', 'x', {e})", "'a b c'.split(None, {e})",
    "'abc'.center({e}, '*')", "'12'.zfill({e})", "'abc'.startswith(('a', {e}))",
    "'abc'.find('b', {e}, {e2})", "'abc'.index('c', {e})", "'x'.ljust({e})",
    "b'abc'.split(b'b', {e})", "b'ab'.center({e})", "bytes({e})", "bytearray({e})",
    "int.to_bytes({i}, {e}, 'big')", "int.from_bytes([{e}, {i}], 'big')",
    "(7).to_bytes({e}, 'little')", "pow({e}, 2, 7)", "pow(2, {e}, 7)",
    "a, b, *c = {e}", "x = [*{e}, *L]", "x = {{**D, {e}: 1}}", "print(*{e}, sep='')",
    "(lambda *a: a)(*{e})", "(lambda **k: k)(**D) if all(isinstance(k, str) for k in D) else 0",
    "L[{e}] += 1", "D[{e}] += 1", "L[{i} % 3] = L", "D[{i}] = D", "L.append(L); repr(L)",
    "x = next(iter({e}))", "x = list(reversed(L))", "x = sorted(D, key={e})",
    "x = sorted(S, reverse={e})", "x = L.index({i}, {e})", "x = T.index({i}, {e}, {e2})",
    "x = slice({e}, {e2}, {e3}).indices(10)", "x = range({e}, {e2})[{e3}]",
    "x = str({e}).encode()", "x = '%d' % {e}", "x = '%x' % {e}", "x = '%*d' % ({e}, 1)",
    "x = '{{:{{}}}}'.format(1, {e})", "x = format({i}, 'x' if {e} else 'd')",
    "x = {e} is {e2} or {e} in [{e2}]", "x = [{e}] * 3 == [{e2}] * 3",
    "x = ({e}, {e2}) < ({e2}, {e})", "x = max({e}, {e2})", "x = min(L, default={e})",
    "x = dict(zip(L, [{e}] * 5))", "x = set(D) == S", "x = D.keys() == S",
    "x = OrderedDict.fromkeys([{e}, {e2}])", "x = O == OrderedDict(D)",
    "O.popitem(last={e})", "O.move_to_end({e}, last={e2})", "x = Q.index({e})",
    "Q.insert({e}, {e2})", "x = Q.pop()", "del Q[{e}]", "x = A.tolist()",
    "A.extend([{e}, {i}])", "A.insert({e}, {i})", "x = A == array.array('i', L)",
]


def make_program(seed):
    rnd = random.Random(seed)
    lines = [PRELUDE]
    for _ in range(rnd.randint(10, 60)):
        t = rnd.choice(TEMPLATES)
        stmt = t.format(e="E[%d]" % rnd.randrange(40), e2="E[%d]" % rnd.randrange(40),
                        e3="E[%d]" % rnd.randrange(40), i=rnd.randrange(-3, 40))
        lines.append("try:\n    %s\nexcept Exception:\n    pass" % stmt)
    lines.append('''
for c in C:
    n = 0
    for x in c:
        n += 1
    assert n == len(c), (type(c), n, len(c))
    try:
        repr(c)
    except Exception:
        pass
for k in list(D):
    try:
        D[k]
    except Exception:
        pass
print("end", len(L), len(D), len(S))
''')
    return "\n".join(lines)


def run(runner, path, timeout):
    try:
        p = subprocess.run([runner, path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0:
        return "signal %d" % -p.returncode
    for marker in ("runtime error:", "ERROR: AddressSanitizer", "*** fuzz:"):
        if marker in err:
            return err[err.index(marker):][:300]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runner")
    ap.add_argument("--count", type=int, default=1000000)
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--keep", default="build/fuzz/evil")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--print", type=int, dest="print_seed")
    args = ap.parse_args()
    if args.print_seed is not None:
        sys.stdout.write(make_program(args.print_seed))
        return 0
    os.makedirs(args.keep, exist_ok=True)
    path = os.path.join(args.keep, "current.py")
    start = time.time()
    failures = 0
    n = 0
    for n in range(args.count):
        if time.time() - start > args.seconds:
            break
        seed = args.seed + n
        with open(path, "w") as f:
            f.write(make_program(seed))
        what = run(args.runner, path, args.timeout)
        if what is not None:
            failures += 1
            keep = os.path.join(args.keep, "evil-%d.py" % seed)
            os.replace(path, keep)
            print("FAIL seed %d: %s" % (seed, what.splitlines()[0] if what else what))
            sys.stdout.flush()
    print("%d programs, %d failures, %.0f s" % (n + 1, failures, time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
