# Object-heavy work: a chaos game in fixed-point integers where every step
# makes a new point object through polymorphic map objects, plus small binary
# trees built, walked and dropped again. Many short-lived objects, attribute
# reads and writes, method calls and a little inheritance.
# Usage: objects.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 245
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

ONE = 4096          # fixed-point 1.0; coordinates stay in [0, ONE)
CELLS = 32          # the histogram is CELLS x CELLS
CELL_SHIFT = 7      # ONE // CELLS == 1 << CELL_SHIFT


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def plus(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def halved(self):
        return Point(self.x >> 1, self.y >> 1)

    def cell(self):
        return (self.y >> CELL_SHIFT) * CELLS + (self.x >> CELL_SHIFT)


class Map:
    def __init__(self, weight):
        self.weight = weight
        self.uses = 0

    def apply(self, p):
        self.uses += 1
        return self.move(p)

    def move(self, p):
        return p


class TowardCorner(Map):
    def __init__(self, weight, corner):
        Map.__init__(self, weight)
        self.corner = corner

    def move(self, p):
        return p.plus(self.corner).halved()


class QuarterTurn(Map):
    # Rotate a quarter turn about the centre, then shrink toward it.
    def move(self, p):
        half = ONE >> 1
        dx = p.x - half
        dy = p.y - half
        return Point(half - (dy >> 1), half + (dx >> 1))


class Mirror(Map):
    def move(self, p):
        return Point(ONE - 1 - p.y, p.x).halved()


class Random:
    def __init__(self, seed):
        self.state = seed & 0xFFFF

    def below(self, n):
        # A 16-bit generator keeps every intermediate a small int even on
        # 32-bit builds, so the benchmark measures objects, not bignums.
        self.state = (self.state * 12869 + 6927) & 0xFFFF
        return (self.state * n) >> 16


class ChaosGame:
    def __init__(self, maps, seed):
        self.maps = maps
        self.total_weight = 0
        for m in maps:
            self.total_weight += m.weight
        self.rng = Random(seed)
        self.point = Point(ONE >> 1, ONE >> 1)
        self.hist = [0] * (CELLS * CELLS)

    def choose(self):
        r = self.rng.below(self.total_weight)
        for m in self.maps:
            if r < m.weight:
                return m
            r -= m.weight
        return self.maps[-1]

    def run(self, steps):
        for _ in range(steps):
            self.point = self.choose().apply(self.point)
            self.hist[self.point.cell()] += 1


class Node:
    def __init__(self, left, right, value):
        self.left = left
        self.right = right
        self.value = value

    def total(self):
        s = self.value
        if self.left is not None:
            s += self.left.total() + self.right.total()
        return s


def build_tree(depth, value):
    if depth == 0:
        return Node(None, None, value)
    return Node(build_tree(depth - 1, 2 * value), build_tree(depth - 1, 2 * value + 1), value)


def tree_work():
    acc = 0
    for depth in range(1, 8):
        for v in range(1, 6):
            acc += build_tree(depth, v).total()
    return acc


def hist_digest(hist):
    h = 0
    for count in hist:
        h = (h * 31 + count) & 0xFFFFFF
    return h


def main():
    digest = trees = 0
    uses = []
    filled = 0
    for _ in range(ROUNDS):
        maps = [
            TowardCorner(3, Point(0, 0)),
            TowardCorner(3, Point(ONE - 1, 0)),
            TowardCorner(3, Point(ONE >> 1, ONE - 1)),
            QuarterTurn(1),
            Mirror(1),
        ]
        game = ChaosGame(maps, 12345)
        game.run(6000)
        digest = hist_digest(game.hist)
        filled = 0
        for count in game.hist:
            if count:
                filled += 1
        uses = [m.uses for m in maps]
        trees = tree_work()
    print("map uses", uses)
    print("cells filled", filled, "digest", digest)
    print("tree sum", trees)


main()
