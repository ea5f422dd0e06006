# str and repr of floats with short exact values
for x in (0.0, -0.0, 1.0, -1.0, 0.5, 0.25, 0.125, 1.5, 3.0, 100.0, 1024.0,
          1e20, 1e-5, 2.5e-3, 123.5, 65536.0, 1e16, 1e-4, 0.001):
    print(str(x), repr(x))
print(str(12.0), str(12.5), str(-0.75))
print([0.5, 1.0], (2.0,), {1.5: 2.5})
