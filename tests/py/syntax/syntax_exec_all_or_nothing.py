# a source with a syntax error anywhere runs none of its statements
ran = []
try:
    exec('ran.append(1)\nran.append(2)\nx = = 3\n')
except SyntaxError:
    print('SyntaxError, ran =', ran)
try:
    exec('def f():\n    return 1\nprint("never")\nif x\n')
except SyntaxError:
    print('SyntaxError before printing')
print(issubclass(SyntaxError, Exception), issubclass(IndentationError, SyntaxError))
try:
    eval('1 +')
except SyntaxError as e:
    print(type(e).__name__, isinstance(e, Exception))
try:
    compile('  indented', 'f', 'exec')
except SyntaxError as e:
    print(isinstance(e, SyntaxError))
print('after all errors')
