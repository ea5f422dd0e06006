# Generator edge cases: yield in finally during close, self-delegation,
# throw/close of a running generator, deep yield-from chains.
def g1():
    try:
        yield 1
    finally:
        yield 2
g = g1(); next(g)
try:
    g.close()
except RuntimeError as e: print("ignored exit", e)
g = g1()
try: g.send(5)
except TypeError as e: print("send", e)
def g2():
    me = yield
    me.send(1)
g = g2(); next(g)
try: g.send(g)
except ValueError as e: print("self send", e)
def g3():
    yield from g3inst
g3inst = g3()
try: next(g3inst)
except ValueError as e: print("self yf", e)
def g4():
    x = yield from range(3)
    return x
print(list(g4()))
def g5():
    try:
        yield 1
    except ValueError:
        yield "caught"
    yield 3
g = g5(); next(g)
print(g.throw(ValueError))
print(g.throw(ValueError) if False else next(g))
try: g.throw(TypeError("x"))
except TypeError as e: print("throw through", e)
try: next(g)
except StopIteration: print("stopped")
def g6():
    return 5
    yield
try:
    next(g6())
except StopIteration as e: print("stop val", e.value)
def g7():
    raise StopIteration
    yield
try:
    next(g7())
except RuntimeError as e: print("stopiteration in gen", e)
except StopIteration: print("StopIteration leaked")
def inner():
    try:
        yield 1
        yield 2
    finally:
        print("inner finally")
def outer():
    yield from inner()
g = outer(); next(g); g.close(); print("closed")
g = outer(); next(g)
try: g.throw(KeyError("k"))
except KeyError as e: print("yf throw", e)
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration(7)
def g8():
    r = yield from It()
    print("r", r)
    yield r
print(list(g8()))
def g9():
    yield from [1, 2]
g = g9()
print(next(g), g.send(None))
try: g.send(1)
except (StopIteration, AttributeError): print("end g9")
def g10():
    g = (yield)
    try:
        yield from g
    except Exception as e:
        print("g10", type(e).__name__)
        yield "x"
c = g10(); next(c)
try:
    c.send(c)
except ValueError as e: print("g10 self", e)
# generator in a generator expression that refers to itself
ge = (x for x in [1])
ge2 = (y for y in ge)
print(list(ge2), list(ge))
# close a generator that is running
def g11():
    gg.close()
    yield 1
gg = g11()
try: next(gg)
except ValueError as e: print("close running", e)
def g12():
    gg12.throw(KeyError)
    yield 1
gg12 = g12()
try: next(gg12)
except ValueError as e: print("throw running", e)
# deeply nested yield from chain
def chain(n):
    if n == 0:
        yield "bottom"
    else:
        yield from chain(n - 1)
try:
    print(list(chain(50)))
    print(list(chain(100000)))
except RuntimeError as e:
    print("chain", e)
except MemoryError:
    print("chain MemoryError")
print("done")
