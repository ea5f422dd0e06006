# campy-opts: -X heapsize=100k
# async with: __aenter__/__aexit__ awaited, the exception passed to
# __aexit__, suppression by a true result, several managers, return/break/
# continue leaving the body, suspension inside the manager.


def run(coro):
    n = 0
    try:
        while True:
            coro.send(None)
            n += 1
    except StopIteration as e:
        return e.value, n


class Suspend:
    def __await__(self):
        yield "tick"


class Manager:
    def __init__(self, name, suppress=False, suspend=False):
        self.name = name
        self.suppress = suppress
        self.suspend = suspend

    async def __aenter__(self):
        if self.suspend:
            await Suspend()
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, exc_type, exc, tb):
        if self.suspend:
            await Suspend()
        print("exit", self.name, exc_type.__name__ if exc_type else None, repr(exc))
        return self.suppress


async def basic():
    async with Manager("a") as v:
        print("body", v)
    async with Manager("b"):
        print("no target")
    return "done"


print(run(basic()))


async def suspending():
    async with Manager("s", suspend=True) as v:
        await Suspend()
        print("body", v)
    return 1


print(run(suspending()))


async def raising():
    try:
        async with Manager("r"):
            raise ValueError("bad")
    except ValueError as e:
        print("propagated", e)
    async with Manager("q", suppress=True, suspend=True):
        raise KeyError("hidden")
    print("after suppression")


run(raising())


async def several():
    async with Manager("x") as a, Manager("y") as b:
        print(a, b)
    try:
        async with Manager("outer"), Manager("inner", suppress=True):
            raise IndexError(1)
        print("inner swallowed it")
        async with Manager("outer2", suppress=True), Manager("inner2"):
            raise IndexError(2)
        print("outer2 swallowed it")
    except IndexError:
        print("not reached")


run(several())


async def leaving():
    for i in range(4):
        async with Manager("loop%d" % i):
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
    async with Manager("ret", suspend=True):
        return "returned"


print(run(leaving()))


async def return_through_two():
    async with Manager("m1"):
        with open(__file__) as f:
            async with Manager("m2"):
                return f.readline().strip()


print(run(return_through_two()))


# __aexit__ itself raising replaces the exception
class BadExit:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *args):
        raise RuntimeError("exit failed")


async def bad_exit():
    try:
        async with BadExit():
            raise ValueError("first")
    except RuntimeError as e:
        print(repr(e), type(e.__context__).__name__)
    try:
        async with BadExit():
            pass
    except RuntimeError as e:
        print("normal exit", repr(e))


run(bad_exit())


# __aenter__ raising: __aexit__ is not called
class BadEnter:
    async def __aenter__(self):
        raise OSError("no entry")

    async def __aexit__(self, *args):
        print("never")


async def bad_enter():
    try:
        async with BadEnter():
            print("never")
    except OSError as e:
        print("enter failed", e)


run(bad_enter())


# a true-ish but non-bool result suppresses; a false-ish one does not
class Result:
    def __init__(self, value):
        self.value = value

    async def __aenter__(self):
        return None

    async def __aexit__(self, t, e, tb):
        return self.value


async def results():
    for value in [1, "yes", [0], 0, "", None]:
        try:
            async with Result(value):
                raise ZeroDivisionError
            print(repr(value), "suppressed")
        except ZeroDivisionError:
            print(repr(value), "raised")


run(results())


# sys.exc_info inside and after
import sys


async def exc_info():
    async with Manager("e", suppress=True):
        raise TypeError("t")
    print(sys.exc_info()[0])


run(exc_info())


# a with statement in a coroutine that suspends while an exception is handled
async def handled():
    try:
        raise LookupError("outer")
    except LookupError:
        async with Manager("h", suspend=True):
            pass
        print("handling", repr(sys.exc_info()[1]))


print(run(handled()))
