# stderr
# exit: 1
# an exception inside a generator shows the generator's frame
def numbers():
    yield 1
    yield 2
    raise RuntimeError('generator failed')

for n in numbers():
    print(n)
