# bitwise operators on positive and negative ints
vals = (0, 1, 5, -1, -5, 255, -256, 0x5555)
for a in vals:
    print(a, ~a, a & 0xff, a | 0x10, a ^ -3)
print(-5 & -3, -5 | -3, -5 ^ -3)
print(6 & 3, 6 | 3, 6 ^ 3)
print(-1 & 0xffffffff, -2 & 0xffff)
print(~0, ~-1, ~~7)
