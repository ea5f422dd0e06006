# Every recursive path in the core ends in RuntimeError (RecursionError in
# CPython, a subclass), never in a crash of the C stack.
def check(label, f, limits=(RuntimeError,)):
    try:
        f()
        print(label, "returned")
    except limits:
        print(label, "stopped")


def nest(make, depth=100000):
    x = make(None)
    for _ in range(depth):
        x = make(x)
    return x


deep_list = nest(lambda x: [x])
check("repr list", lambda: repr(deep_list))
check("str dict", lambda: str(nest(lambda x: {1: x})))
check("repr tuple", lambda: repr(nest(lambda x: (x,))))
try:  # CPython may get through this one
    hash(nest(lambda x: (x,)))
except RuntimeError:
    pass
check("eq lists", lambda: deep_list == nest(lambda x: [x]))
check("lt lists", lambda: deep_list < nest(lambda x: [x]))
check("in list", lambda: deep_list in [nest(lambda x: [x])])
del deep_list


class Eq:
    def __eq__(self, o):
        return self == o


class Hash:
    def __hash__(self):
        return hash(self)


class Repr:
    def __repr__(self):
        return repr(self)


class Str:
    def __str__(self):
        return str(self)


class GetAttr:
    def __getattr__(self, n):
        return getattr(self, n)


class Len:
    def __len__(self):
        return len(self)


class Iter:
    def __iter__(self):
        return iter(self)


class Bool:
    def __bool__(self):
        return bool(self)


class Prop:
    @property
    def p(self):
        return self.p


class Lt:
    def __lt__(self, o):
        return sorted([self, o])


class Contains:
    def __contains__(self, x):
        return x in self


class GetItem:
    def __getitem__(self, i):
        return self[i]


class Add:
    def __add__(self, o):
        return self + o


class Init:
    def __init__(self):
        Init()


class New:
    def __new__(cls):
        return New()


class Call:
    def __call__(self):
        return self()


class Enter:
    def __enter__(self):
        with self:
            pass

    def __exit__(self, *a):
        pass


class SetAttr:
    def __setattr__(self, n, v):
        setattr(self, n, v)


class Format:
    def __format__(self, s):
        return format(self, s)


class Next:
    def __iter__(self):
        return self

    def __next__(self):
        return next(self)


def with_enter():
    with Enter():
        pass


def set_attr():
    SetAttr().x = 1


def loop_next():
    for _ in Next():
        pass


def recurse(n):
    return recurse(n + 1)


def gen_recurse():
    yield from gen_recurse()


check("__eq__", lambda: Eq() == Eq())
check("__hash__", lambda: {Hash(): 1})
check("__repr__", lambda: repr(Repr()))
check("__repr__ in list", lambda: repr([Repr()]))
check("__str__", lambda: str(Str()))
check("f-string", lambda: f"{Str()}")
check("__getattr__", lambda: GetAttr().x)
check("__len__", lambda: len(Len()))
check("__iter__", lambda: iter(Iter()))
check("__bool__", lambda: bool(Bool()))
check("property", lambda: Prop().p)
check("__lt__ via sorted", lambda: sorted([Lt(), Lt()]))
check("__contains__", lambda: 1 in Contains())
check("__getitem__", lambda: GetItem()[0])
check("__add__", lambda: Add() + 1)
check("__init__", Init)
check("__new__", New)
check("__call__", lambda: Call()())
check("__enter__", with_enter)
check("__setattr__", set_attr)
check("__format__", lambda: format(Format(), ""))
check("__next__", loop_next)
check("function", lambda: recurse(0))
try:
    next(gen_recurse())
except (RuntimeError, MemoryError):
    print("generator chain stopped")
check("eval nesting", lambda: eval("(" * 5000 + "1" + ")" * 5000), (RuntimeError, SyntaxError))
check("exec nesting", lambda: exec("x = " + "[" * 5000 + "]" * 5000), (RuntimeError, SyntaxError))
print("still running")
