# slicing a range gives a range
r = range(0, 20, 2)
print(r[2:5], r[::2], r[::-1], r[1:-1:3])
print(list(r[2:5]), list(r[::-1]), list(r[-3:]))
print(range(10)[3:100], range(10)[-100:2], list(range(5, 0, -1)[1:3]))
