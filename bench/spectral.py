# Spectral norm of an infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1),
# truncated to SIZE x SIZE, by power iteration on A'A. Pure float work; the
# answer is printed to 4 decimals so single-precision builds agree with it.
# Usage: spectral.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 26
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

SIZE = 100


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(v, out):
    n = len(v)
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(i, j) * v[j]
        out[i] = acc


def times_transposed(v, out):
    n = len(v)
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(j, i) * v[j]
        out[i] = acc


def times_both(v, out, tmp):
    times(v, tmp)
    times_transposed(tmp, out)


def norm(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        times_both(u, v, tmp)
        times_both(v, u, tmp)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return (vbv / vv) ** 0.5


def main():
    result = 0.0
    for _ in range(ROUNDS):
        result = norm(SIZE)
    print("size", SIZE, "norm %.4f" % result)


main()
