# comprehensions calling functions and methods, with side effects in order
calls = []
def rec(x):
    calls.append(x)
    return x
print([rec(x) for x in range(4) if rec(-x) <= 0])
print(calls)
print([s.strip() for s in ['  a ', 'b  '] if s.strip()])
print(sum([x * x for x in range(10)]), max([len(s) for s in ['a', 'abc']]))
print(sorted([w for w in 'b a c'.split()], reverse=True))
