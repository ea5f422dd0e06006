# Fannkuch: for every permutation of 0..n-1, repeatedly reverse the prefix
# whose length is given by the first element until 0 comes first; report the
# most flips seen and an alternating-sign sum of the flip counts.
# Usage: fannkuch.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 27
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

SIZE = 8


def count_flips(perm, work):
    first = perm[0]
    if first == 0:
        return 0
    for i in range(len(perm)):
        work[i] = perm[i]
    flips = 0
    while first != 0:
        lo = 0
        hi = first
        while lo < hi:
            work[lo], work[hi] = work[hi], work[lo]
            lo += 1
            hi -= 1
        flips += 1
        first = work[0]
    return flips


def fannkuch(n):
    perm = list(range(n))
    work = [0] * n
    # turns[i] counts how often the prefix of length i+1 has been rotated.
    turns = [0] * n
    most = 0
    checksum = 0
    sign = 1
    while True:
        flips = count_flips(perm, work)
        if flips > most:
            most = flips
        checksum += sign * flips
        sign = -sign
        # Next permutation: rotate the shortest prefix not yet fully turned.
        i = 1
        while True:
            if i >= n:
                return most, checksum
            head = perm[0]
            for j in range(i):
                perm[j] = perm[j + 1]
            perm[i] = head
            turns[i] += 1
            if turns[i] <= i:
                break
            turns[i] = 0
            i += 1


def main():
    result = None
    for _ in range(ROUNDS):
        result = fannkuch(SIZE)
    print("n", SIZE, "max flips", result[0], "checksum", result[1])


main()
