# after many different errors the interpreter state is intact
ops = [lambda: 1 / 0, lambda: [][1], lambda: {}['k'], lambda: int('x'), lambda: None.x,
       lambda: undefined_name, lambda: 'a' + 1, lambda: [1].index(2), lambda: (1).to_bytes(0, 'big'),
       lambda: iter(1), lambda: next(iter([]))]
counts = {}
for round_ in range(50):
    for op in ops:
        try:
            op()
        except Exception as e:
            n = type(e).__name__
            counts[n] = counts.get(n, 0) + 1
for k in sorted(counts):
    print(k, counts[k])
l = [i for i in range(10)]
print(sum(l), {'ok': True}, 'still' + ' fine')
