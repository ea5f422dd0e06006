# campy-opts: -X heapsize=100k
# async for: __aiter__/__anext__, StopAsyncIteration ending the loop, else,
# break/continue/return inside, nesting, suspension inside __anext__.


def run(coro):
    """Drives a coroutine, counting how often it suspends."""
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


class Counter:
    def __init__(self, n, suspend=False):
        self.i = 0
        self.n = n
        self.suspend = suspend

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.suspend:
            await Suspend()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def plain():
    out = []
    async for x in Counter(3):
        out.append(x)
    return out


print(run(plain()))


async def with_else():
    async for x in Counter(2):
        print("item", x)
    else:
        print("else ran")
    async for x in Counter(5):
        if x == 2:
            continue
        if x == 4:
            break
        print("kept", x)
    else:
        print("not reached")
    return "ok"


print(run(with_else()))


async def suspending():
    total = 0
    async for x in Counter(4, suspend=True):
        total += x
    return total


print(run(suspending()))


async def nested():
    pairs = []
    async for a in Counter(3):
        async for b in Counter(a):
            pairs.append((a, b))
    return pairs


print(run(nested()))


async def returns_from_loop():
    async for x in Counter(10, suspend=True):
        if x == 3:
            return x * 100
    return -1


print(run(returns_from_loop()))


async def unpacking():
    class Pairs:
        def __init__(self):
            self.items = [(1, "a"), (2, "b")]

        def __aiter__(self):
            return self

        async def __anext__(self):
            if not self.items:
                raise StopAsyncIteration
            return self.items.pop(0)

    async for n, s in Pairs():
        print(n, s)


run(unpacking())


# an exception from __anext__ other than StopAsyncIteration goes through
class Failing:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise ValueError("broken iterator")


async def failing():
    try:
        async for x in Failing():
            print("never", x)
    except ValueError as e:
        print("caught", e)
    return "after"


print(run(failing()))


# StopAsyncIteration raised in the body is not the end of the loop
async def stop_in_body():
    try:
        async for x in Counter(3):
            raise StopAsyncIteration("from body")
    except StopAsyncIteration as e:
        print("propagated", e)


run(stop_in_body())


# __anext__ may be a plain method returning any awaitable
class Manual:
    def __init__(self):
        self.n = 0

    def __aiter__(self):
        return self

    def __anext__(self):
        self.n += 1
        if self.n > 2:
            raise StopAsyncIteration
        return self.value(self.n)

    async def value(self, n):
        return n * 11


async def manual():
    return [x async for x in Manual()]


print(run(manual()))


# the loop variable keeps its last value, the iterator is released
async def last_value():
    x = None
    async for x in Counter(3):
        pass
    return x


print(run(last_value()))

# loops inside try/finally and with exceptions being handled
async def in_handler():
    try:
        raise KeyError("k")
    except KeyError:
        async for x in Counter(2, suspend=True):
            print("in handler", x)
        try:
            raise
        except KeyError as e:
            print("still handling", repr(e))


run(in_handler())
