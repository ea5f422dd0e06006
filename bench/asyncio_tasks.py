# Benchmark of cooperative tasks, the way a board juggles sensors, a network
# link and a user interface: a pipeline of tasks passing readings through
# small queues built on Event, many tasks taking turns under a Lock, a fan-out
# gathered back, waits with timeouts that do not expire, waiters cancelled,
# and async iterators and context managers. Every task switch is a yield to
# the loop (no real sleeping), so the time is the scheduler's and the tasks'.
# Usage: asyncio_tasks.py [rounds]   (the heap it needs does not depend on rounds)
import asyncio
import sys

ROUNDS = 500
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))


class Queue:
    """A bounded FIFO of items for one producer and one consumer."""

    def __init__(self, size):
        self.items = []
        self.size = size
        self.put_ev = asyncio.Event()
        self.get_ev = asyncio.Event()

    async def put(self, item):
        while len(self.items) >= self.size:
            self.get_ev.clear()
            await self.get_ev.wait()
        self.items.append(item)
        self.put_ev.set()

    async def get(self):
        while not self.items:
            self.put_ev.clear()
            await self.put_ev.wait()
        item = self.items.pop(0)
        self.get_ev.set()
        return item


async def sensor(q, seed, count):
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        await q.put(x % 1000)
    await q.put(None)


async def smooth(qin, qout):
    window = []
    while True:
        v = await qin.get()
        if v is None:
            await qout.put(None)
            return
        window.append(v)
        if len(window) > 4:
            window.pop(0)
        await qout.put(sum(window) // len(window))


async def sink(q):
    total = 0
    n = 0
    while True:
        v = await q.get()
        if v is None:
            return total, n
        total += v
        n += 1


async def pipeline(seed):
    q1, q2 = Queue(3), Queue(2)
    asyncio.create_task(sensor(q1, seed, 300))
    asyncio.create_task(smooth(q1, q2))
    return await sink(q2)


async def locked_counter(n_tasks, steps):
    lock = asyncio.Lock()
    state = {"count": 0, "max_inside": 0, "inside": 0}

    async def worker(k):
        for i in range(steps):
            async with lock:
                state["inside"] += 1
                if state["inside"] > state["max_inside"]:
                    state["max_inside"] = state["inside"]
                c = state["count"]
                await asyncio.sleep(0)
                state["count"] = c + k
                state["inside"] -= 1
            if i % 3 == 0:
                await asyncio.sleep(0)
        return k

    done = await asyncio.gather(*[worker(k) for k in range(1, n_tasks + 1)])
    return state["count"], state["max_inside"], sum(done)


async def fan_out(width):
    async def square_after(v, turns):
        for _ in range(turns):
            await asyncio.sleep(0)
        return v * v

    results = await asyncio.gather(*[square_after(v, v % 5) for v in range(width)])
    timed = 0
    for v in range(width // 4):
        timed += await asyncio.wait_for(square_after(v, 2), 10)
    return sum(results), timed


async def cancelling(n):
    ev = asyncio.Event()
    stats = {"cancelled": 0, "cleaned": 0}

    async def waiter():
        try:
            await ev.wait()
        except asyncio.CancelledError:
            stats["cancelled"] += 1
            raise
        finally:
            stats["cleaned"] += 1

    tasks = [asyncio.create_task(waiter()) for _ in range(n)]
    await asyncio.sleep(0)
    for t in tasks[::2]:
        t.cancel()
    await asyncio.sleep(0)
    ev.set()
    outcome = await asyncio.gather(*tasks, return_exceptions=True)
    for r in outcome:
        if isinstance(r, Exception):
            raise r  # a task that failed fails the program
    ended = sum(1 for r in outcome if r is True)
    return stats["cancelled"], stats["cleaned"], ended


class Ticker:
    """An async iterator that yields to the loop before each value."""

    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.i += 1
        return self.i


class Session:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.log.append(1)
        return self

    async def __aexit__(self, t, e, tb):
        await asyncio.sleep(0)
        self.log.append(2 if t is None else 3)
        return t is KeyError


async def iterate(n):
    log = []
    total = 0
    async for v in Ticker(n):
        async with Session(log):
            total += v
            if v % 7 == 0:
                raise KeyError(v)
    return total, sum(log), len(log)


def task_failed(loop, context):
    # a task nobody awaits failed (out of memory, say): so does the program
    sys.stderr.write("%s: %r\n" % (context["message"], context.get("exception")))
    sys.exit(1)


async def main(rounds):
    asyncio.get_event_loop().set_exception_handler(task_failed)
    check = 0
    for r in range(rounds):
        total, n = await pipeline(r + 1)
        check = (check * 31 + total + n) % 1000000007
        a = await locked_counter(12, 8)
        b = await fan_out(60)
        c = await cancelling(40)
        d = await iterate(50)
        for part in a + b + c + d:
            check = (check * 31 + part) % 1000000007
    return check


print("asyncio tasks", ROUNDS, "rounds: check", asyncio.run(main(ROUNDS)))
