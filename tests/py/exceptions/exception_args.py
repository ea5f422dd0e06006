# args and str() of exceptions
for e in (Exception(), Exception('one'), Exception('a', 'b'), ValueError(3), KeyError('k'), KeyError()):
    print(type(e).__name__, e.args, repr(str(e)))
e = Exception('x')
print(e.args[0], len(e.args), isinstance(e.args, tuple))
print(OSError(2, 'No such file').args)
try:
    raise StopIteration(5)
except StopIteration as s:
    print(s.args, s.value)
