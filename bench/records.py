# Benchmark in the spirit of the classic "stone" tests: small records linked
# to one another, short procedures passing them around, integer arithmetic,
# array stores and short string compares, all in one tight loop.
# Usage: records.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 1200000
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

RED = 0
GREEN = 1
BLUE = 2
GOLD = 3
SHADES = 4


class Item:
    def __init__(self, link, shade, qty, label):
        self.link = link
        self.shade = shade
        self.qty = qty
        self.label = label

    def take(self, other):
        self.link = other.link
        self.shade = other.shade
        self.qty = other.qty
        self.label = other.label


class State:
    def __init__(self):
        self.counter = 0
        self.flag = False
        self.letter = "A"
        self.row = [0] * 32
        self.grid = [[0] * 32 for _ in range(32)]


def next_shade(shade):
    if shade == RED:
        return GREEN
    if shade == GREEN:
        return BLUE
    if shade == BLUE:
        return GOLD
    return RED


def shade_ok(shade, wanted):
    return next_shade(shade) != wanted


def restock(item, amount, st):
    spare = item.link
    spare.take(item)
    item.qty = amount
    spare.qty = item.qty
    spare.link = item.link
    if spare.shade == RED:
        spare.qty = 6
        spare.shade = next_shade(item.shade)
        spare.label = item.label
        st.counter += 1
    else:
        item.take(spare)
    return item


def bump(n, st):
    k = n + 10
    while True:
        if st.letter == "A":
            k -= 1
            n = k - st.counter
            break
    return n


def store(st, i, value):
    at = i + 5
    row = st.row
    row[at] = value
    row[at + 1] = row[at]
    row[at + 20] = at
    line = st.grid[at]
    for j in range(at, at + 2):
        line[j] = at
    line[at - 1] += 1
    st.grid[at + 20][at] = row[at]
    st.counter = 5


def letters_differ(a, b):
    if a != b:
        return 1
    return 0


def compare_labels(s1, s2, st):
    i = 2
    ch = "A"
    while i <= 2:
        if letters_differ(s1[i], s2[i + 1]) == 0:
            ch = "A"
            i += 1
        else:
            break
    if "W" <= ch <= "Z":
        i = 7
    if ch == "R":
        return True
    if s1 > s2:
        st.counter = i + 7
        return True
    return False


def one_round(st, head, label_a, label_b):
    st.flag = compare_labels(label_a, label_b, st)
    a = 2
    b = 3
    c = 0
    shade = BLUE
    while a < b:
        c = 5 * a - b
        c = a + c + 2
        a += 1
    store(st, a, c)
    restock(head, c, st)
    ch = "A"
    while ch <= st.letter:
        if shade_ok(shade, SHADES):
            shade = next_shade(shade)
        ch = chr(ord(ch) + 1)
    b = b * a
    a = b // c
    b = 7 * (b - a) - c
    a = bump(a, st)
    return a + b + c + shade


def main():
    st = State()
    tail = Item(None, GREEN, 0, "TAIL ITEM NUMBER ONE")
    head = Item(tail, RED, 40, "HEAD ITEM NUMBER ONE")
    tail.link = Item(head, BLUE, 3, "SPARE ITEM NUMBER 1")
    label_a = "LABEL STRING, THE FIRST ONE"
    label_b = "LABEL STRING, THE 2ND ONE"
    total = 0
    for i in range(ROUNDS):
        total = (total * 3 + one_round(st, head, label_a, label_b) + i) & 0xFFFFF
        if i & 1:
            label_b = "LABEL STRING, THE 3RD ONE"
        else:
            label_b = "LABEL STRING, THE 2ND ONE"
    grid_sum = 0
    for line in st.grid:
        for v in line:
            grid_sum += v
    print("counter", st.counter, "flag", st.flag, "letter", st.letter)
    print("head", head.shade, head.qty, head.label)
    print("tail", tail.shade, tail.qty, tail.link.qty)
    print("row", sum(st.row), "grid", grid_sum & 0xFFFFFF)
    print("checksum", total)


main()
