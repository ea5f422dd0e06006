# Digits of pi from a streaming spigot: a linear fractional transformation
# is composed with one series term at a time, and a digit is emitted whenever
# the images of 3 and 4 agree on it. All big-integer arithmetic.
# Usage: pidigits.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 43
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

DIGITS = 1000


def pi_digits(count):
    # The transformation x -> (q*x + r) / t, which starts as the identity.
    q = 1
    r = 0
    t = 1
    k = 0
    made = 0
    while made < count:
        low = (3 * q + r) // t
        if low == (4 * q + r) // t:
            yield low
            made += 1
            q = 10 * q
            r = 10 * (r - low * t)
        else:
            k += 1
            twice = 2 * k + 1
            q, r, t = q * k, (2 * twice) * q + twice * r, twice * t


def main():
    head = tail = ""
    digit_sum = rolling = 0
    for _ in range(ROUNDS):
        head = tail = ""
        digit_sum = rolling = 0
        for d in pi_digits(DIGITS):
            if len(head) < 10:
                head += str(d)
            tail = (tail + str(d))[-10:]
            digit_sum += d
            rolling = (rolling * 10 + d) % 999983
    print("digits", DIGITS, "first", head, "last", tail)
    print("digit sum", digit_sum, "checksum", rolling)


main()
