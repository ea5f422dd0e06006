# integer literal forms
print(0, 00, 0x1f, 0X1F, 0o17, 0O17, 0b101, 0B101)
print(1_000_000, 0x_ff, 0b_1010_1010, 0o_7_7)
print(-0x10, +0b11, -0o10)
print(123456789012345678901234567890)
print(0xffffffffffffffffffffffff)
print(0b1111111111111111111111111111111111111111111111111111111111111111)
print(type(0x7fffffff).__name__, type(10**30).__name__)
