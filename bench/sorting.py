# Sorting: the built-in list sort on ints, strings and tuples, with keys and
# reversed, plus merge sort, quicksort and insertion sort written in Python,
# each checked against the built-in result.
# Usage: sorting.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 940
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

SIZE = 600


def random_list(seed, n):
    out = []
    x = seed
    for _ in range(n):
        # 16-bit state: every intermediate stays a small int on 32-bit builds.
        x = (x * 12869 + 6927) & 0xFFFF
        out.append(x)
    return out


def insertion_sort(a, lo, hi):
    for i in range(lo + 1, hi):
        v = a[i]
        j = i - 1
        while j >= lo and a[j] > v:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = v


def quicksort(a, lo, hi):
    # Loop on the larger side and recurse on the smaller, so the stack stays shallow.
    while hi - lo > 12:
        mid = (lo + hi) // 2
        pivot = sorted([a[lo], a[mid], a[hi - 1]])[1]
        i = lo
        j = hi - 1
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if j - lo < hi - i:
            quicksort(a, lo, j + 1)
            lo = i
        else:
            quicksort(a, i, hi)
            hi = j + 1
    insertion_sort(a, lo, hi)


def merge_sort(a):
    n = len(a)
    src = list(a)
    dst = [0] * n
    width = 1
    while width < n:
        for lo in range(0, n, 2 * width):
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i = lo
            j = mid
            k = lo
            while i < mid and j < hi:
                if src[j] < src[i]:
                    dst[k] = src[j]
                    j += 1
                else:
                    dst[k] = src[i]
                    i += 1
                k += 1
            while i < mid:
                dst[k] = src[i]
                i += 1
                k += 1
            while j < hi:
                dst[k] = src[j]
                j += 1
                k += 1
        src, dst = dst, src
        width *= 2
    return src


def digest(seq):
    h = 0
    for v in seq:
        h = (h * 31 + v) & 0xFFFFFF
    return h


def one_pass(seed):
    data = random_list(seed, SIZE)
    expect = sorted(data)
    mine = list(data)
    quicksort(mine, 0, len(mine))
    ok = mine == expect
    ok = ok and merge_sort(data) == expect
    small = data[:120]
    insertion_sort(small, 0, len(small))
    ok = ok and small == sorted(data[:120])

    down = sorted(data, reverse=True)
    by_last_digit = sorted(data, key=lambda v: (v % 10, v))
    words = ["w%d" % (v % 997) for v in data[:200]]
    words.sort()
    pairs = [(v % 13, -v) for v in data[:300]]
    pairs.sort()
    check = digest(expect) + digest(down) + digest(by_last_digit)
    check += digest([len(w) for w in words]) + words.index(min(words))
    check += digest([p[0] * 7 - p[1] for p in pairs])
    return ok, check & 0xFFFFFF, expect[SIZE // 2]


def main():
    all_ok = True
    check = 0
    median = 0
    for r in range(ROUNDS):
        ok, c, median = one_pass(r + 7)
        all_ok = all_ok and ok
        check = (check * 5 + c) & 0xFFFFFF
    print("sorts agree", all_ok, "median", median)
    print("checksum", check)


main()
