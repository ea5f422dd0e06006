# campy-opts: -X heapsize=100k
# Control flow through async for and async with: break/continue/return
# inside try/finally and except, values kept through awaited exits,
# exceptions raised while exiting, unpacking targets, awaits in odd places.


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Suspend:
    def __await__(self):
        yield


class AIter:
    def __init__(self, n, log=None):
        self.i = 0
        self.n = n
        self.log = log

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Suspend()
        if self.i >= self.n:
            if self.log is not None:
                self.log.append("exhausted")
            raise StopAsyncIteration
        self.i += 1
        return self.i


class Mgr:
    def __init__(self, log, name, fail_exit=False):
        self.log = log
        self.name = name
        self.fail_exit = fail_exit

    async def __aenter__(self):
        await Suspend()
        self.log.append("enter " + self.name)
        return (self.name, len(self.name))

    async def __aexit__(self, t, e, tb):
        await Suspend()
        self.log.append("exit %s %s" % (self.name, t.__name__ if t else "-"))
        if self.fail_exit:
            raise OSError("exit of " + self.name)
        return False


async def loops_in_try(log):
    total = 0
    try:
        async for x in AIter(10, log):
            try:
                if x == 2:
                    continue
                if x == 5:
                    break
                total += x
            finally:
                log.append("finally %d" % x)
    finally:
        log.append("outer finally")
    async for x in AIter(3, log):
        try:
            raise ValueError(x)
        except ValueError:
            if x == 2:
                return total, x
    return None


log = []
print(run(loops_in_try(log)))
print(log)


async def return_through_with(log):
    async with Mgr(log, "a") as (name, n):
        async for x in AIter(5):
            async with Mgr(log, "b"):
                if x == 2:
                    return name * n, x


log = []
print(run(return_through_with(log)))
print(log)


async def exit_raises(log):
    try:
        async with Mgr(log, "bad", fail_exit=True):
            return "lost"
    except OSError as e:
        log.append("caught " + str(e))
    try:
        async with Mgr(log, "bad2", fail_exit=True):
            raise KeyError("original")
    except OSError as e:
        log.append("caught %s, context %r" % (e, e.__context__))
    return "after"


log = []
print(run(exit_raises(log)))
print(log)


async def targets():
    d = {}
    out = []

    async def key():
        await Suspend()
        return "k"

    async for d[await key()] in AIter(2):
        out.append(dict(d))
    pairs = [(1, "a"), (2, "b")]

    class PairIter:
        def __aiter__(self):
            return self

        async def __anext__(self):
            if not pairs:
                raise StopAsyncIteration
            return pairs.pop(0)

    async for n, (c,) in PairIter():
        out.append(n * c)
    async with Mgr([], "xy") as (a, b):
        out.append((a, b))
    return out


print(run(targets()))


async def with_in_finally(log):
    try:
        raise IndexError("pending")
    except IndexError:
        pass
    finally:
        async with Mgr(log, "in finally"):
            log.append("body")
    while True:
        async with Mgr(log, "loop"):
            break
    return len(log)


log = []
print(run(with_in_finally(log)), log)


async def deep(n):
    if n == 0:
        return 0
    async with Mgr([], "d"):
        async for x in AIter(1):
            return x + await deep(n - 1)


print(run(deep(30)))


async def comp_in_with():
    async with Mgr([], "c") as (name, n):
        return [y * n async for y in AIter(3)], {y: [z async for z in AIter(y)]
                                                  async for y in AIter(2)}


print(run(comp_in_with()))
