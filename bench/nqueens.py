# N-queens by backtracking over column and diagonal occupancy lists:
# counts every solution for boards of size 4 to 8 and keeps the first one.
# Usage: nqueens.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 240
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))


def solve(n):
    cols = [False] * n
    rising = [False] * (2 * n)
    falling = [False] * (2 * n)
    placed = [0] * n
    found = [0, None]

    def place(row):
        if row == n:
            if found[0] == 0:
                found[1] = list(placed)
            found[0] += 1
            return
        for col in range(n):
            up = row + col
            down = row - col + n
            if cols[col] or rising[up] or falling[down]:
                continue
            cols[col] = rising[up] = falling[down] = True
            placed[row] = col
            place(row + 1)
            cols[col] = rising[up] = falling[down] = False

    place(0)
    return found[0], found[1]


def main():
    counts = []
    first = None
    for _ in range(ROUNDS):
        counts = []
        for n in range(4, 10):
            count, first = solve(n)
            counts.append(count)
    print("counts", counts)
    print("first 9x9", first)
    print("total", sum(counts))


main()
