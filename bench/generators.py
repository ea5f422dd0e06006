# Generators and closures: lazy pipelines of generator functions and
# generator expressions, yield from over a recursive structure, closures
# that keep state through nonlocal, and small lambdas passed to map/filter.
# Usage: generators.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 820
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))


def numbers(seed, count):
    x = seed
    for _ in range(count):
        x = (x * 75 + 74) % 65537
        yield x


def take_while_below(limit, source):
    for v in source:
        if v >= limit:
            return
        yield v


def windows(source, size):
    window = []
    for v in source:
        window.append(v)
        if len(window) > size:
            window.pop(0)
        if len(window) == size:
            yield sum(window)


def running_max(source):
    best = None
    for v in source:
        if best is None or v > best:
            best = v
        yield best


def make_counter(step):
    count = 0

    def tick():
        nonlocal count
        count += step
        return count
    return tick


def make_scaler(num, den):
    return lambda v: v * num // den


def compose(f, g):
    def both(v):
        return f(g(v))
    return both


def flatten(tree):
    # tree: an int or a list of trees
    if isinstance(tree, list):
        for sub in tree:
            yield from flatten(sub)
    else:
        yield tree


def nested(depth, start):
    if depth == 0:
        return start
    return [nested(depth - 1, start * 3 + i) for i in range(3)]


def accumulate():
    # A coroutine: send values in, read the running total back.
    total = 0
    while True:
        v = yield total
        total += v


def one_pass(seed):
    check = 0
    evens = (v for v in numbers(seed, 4000) if v % 2 == 0)
    scaled = map(make_scaler(3, 7), evens)
    check += sum(take_while_below(30000, filter(lambda v: v % 3 != 1, scaled)))

    for s in windows(numbers(seed + 1, 1500), 5):
        check = (check + s) & 0xFFFFFF
    for m in running_max(numbers(seed + 2, 1500)):
        check = (check + m) & 0xFFFFFF

    tick = make_counter(seed % 5 + 1)
    f = compose(make_scaler(5, 3), compose(lambda v: v + 1, make_scaler(2, 1)))
    for _ in range(800):
        check = (check + f(tick())) & 0xFFFFFF

    tree = nested(5, seed % 4)
    check += sum(flatten(tree)) + len([1 for _ in flatten(tree)])

    acc = accumulate()
    next(acc)
    last = 0
    for v in numbers(seed + 3, 800):
        last = acc.send(v & 255)
    check = (check + last) & 0xFFFFFF
    squares = [v * v for v in range(50) if v % 3]
    check += sum(squares) + max(v for v in squares if v < 1000)
    return check


def main():
    check = 0
    for r in range(ROUNDS):
        check = (check * 13 + one_pass(r + 1)) & 0xFFFFFF
    print("checksum", check)


main()
