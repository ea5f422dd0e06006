# campy-opts: -X heapsize=100k
# Asynchronous comprehensions: `async for` clauses and `await` in list, set
# and dict comprehensions inside async functions.


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
        yield


class Range:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Suspend()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i - 1


async def double(x):
    await Suspend()
    return 2 * x


async def comps():
    print([x async for x in Range(4)])
    print({x % 2 async for x in Range(5)})
    print({x: str(x) async for x in Range(3)})
    print([x async for x in Range(6) if x % 2 if x > 1])
    print([await double(x) for x in range(3)])
    print([await double(x) async for x in Range(3)])
    print([(x, y) for x in range(3) async for y in Range(x)])
    print([(x, y) async for x in Range(3) for y in range(x)])
    print([[await double(y) for y in range(x)] for x in range(3)])
    print([x for x in await double(1) * [7]])
    n = 10
    print([x + n async for x in Range(2)])
    return "end"


print(run(comps()))


async def comp_errors():
    class Boom:
        def __aiter__(self):
            return self

        async def __anext__(self):
            raise ValueError("in anext")

    try:
        [x async for x in Boom()]
    except ValueError as e:
        print("caught", e)
    try:
        [await double(x) for x in [1, None]]
    except TypeError:
        print("TypeError from the await")


run(comp_errors())
