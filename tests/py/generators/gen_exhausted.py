# an exhausted generator stays exhausted; generators are single-use
def g():
    yield 1
    yield 2
it = g()
print(list(it), list(it), next(it, 'empty'))
it2 = g()
print(next(it2), list(it2))
for x in it2:
    print('never')
print(iter(it2) is it2)
