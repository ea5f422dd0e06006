# float floor division and modulo with negative operands
for a in (7.5, -7.5, 3.0, -0.5):
    for b in (2.0, -2.0, 0.5):
        print(a, b, a // b, a % b, divmod(a, b))
print(7 // 2.0, -7 // 2.0, 7 % -2.0, 7.0 % 2)
