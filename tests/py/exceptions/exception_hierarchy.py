# the builtin exception hierarchy
pairs = [
    (Exception, BaseException), (SystemExit, BaseException), (KeyboardInterrupt, BaseException),
    (GeneratorExit, BaseException), (ArithmeticError, Exception), (ZeroDivisionError, ArithmeticError),
    (OverflowError, ArithmeticError), (LookupError, Exception), (IndexError, LookupError),
    (KeyError, LookupError), (ValueError, Exception), (TypeError, Exception), (NameError, Exception),
    (AttributeError, Exception), (RuntimeError, Exception), (NotImplementedError, RuntimeError),
    (StopIteration, Exception), (OSError, Exception), (ImportError, Exception), (MemoryError, Exception),
    (AssertionError, Exception), (EOFError, Exception), (SyntaxError, Exception),
    (IndentationError, SyntaxError), (UnicodeError, ValueError),
    (SystemExit, Exception), (KeyboardInterrupt, Exception), (GeneratorExit, Exception),
    (KeyError, IndexError), (ZeroDivisionError, ValueError),
]
for sub, base in pairs:
    print(sub.__name__, base.__name__, issubclass(sub, base))
try:
    raise KeyError('x')
except LookupError:
    print('KeyError caught as LookupError')
try:
    1 / 0
except ArithmeticError:
    print('ZeroDivisionError caught as ArithmeticError')
try:
    raise NotImplementedError
except RuntimeError:
    print('NotImplementedError caught as RuntimeError')
