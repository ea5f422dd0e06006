# campy-opts: -X heapsize=100k
# Event and Lock: waiting and waking in order, set before wait, clear,
# mutual exclusion under contention, FIFO hand-over, release errors, the lock
# released when the body raises.
import asyncio


async def events():
    ev = asyncio.Event()
    print("initially set:", ev.is_set())
    log = []

    async def waiter(i):
        log.append("wait %d" % i)
        r = await ev.wait()
        log.append("woke %d %r" % (i, r))

    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    log.append("setting")
    ev.set()
    print("set:", ev.is_set())
    await asyncio.gather(*tasks)
    print(log)
    print("already set returns at once:", await ev.wait())
    ev.clear()
    print("cleared:", ev.is_set())
    ev.set()
    ev.set()
    ev.clear()
    t = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    print("waiting after clear:", t.done())
    ev.set()
    await t
    print("woke after set:", t.done())


asyncio.run(events())


async def set_and_clear_before_waking():
    ev = asyncio.Event()
    log = []

    async def waiter():
        await ev.wait()
        log.append("woke though cleared again")

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    await t
    print(log)


asyncio.run(set_and_clear_before_waking())


async def locks():
    lock = asyncio.Lock()
    print("locked:", lock.locked())
    inside = []
    order = []

    async def worker(i):
        for _ in range(2):
            async with lock:
                inside.append(i)
                if len(inside) > 1:
                    print("two tasks inside!")
                order.append(i)
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                inside.remove(i)

    await asyncio.gather(*[worker(i) for i in range(4)])
    print(order)
    print("acquire returns", await lock.acquire(), lock.locked())
    lock.release()
    print("released:", lock.locked())
    try:
        lock.release()
    except RuntimeError:
        print("RuntimeError releasing a free lock")


asyncio.run(locks())


async def raising_body():
    lock = asyncio.Lock()
    try:
        async with lock:
            raise ValueError("in body")
    except ValueError as e:
        print(e, "and locked:", lock.locked())

    async def holder():
        async with lock:
            await asyncio.sleep(0.02)
            return "held"

    t = asyncio.create_task(holder())
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(lock.acquire(), 0.001)
    except asyncio.TimeoutError:
        print("acquire timed out, locked by holder:", lock.locked())
    print(await t, "then locked:", lock.locked())
    await lock.acquire()
    print("acquired after the timeout:", lock.locked())
    lock.release()


asyncio.run(raising_body())


# tasks handing a token around through events, many times
async def relay(n):
    evs = [asyncio.Event() for _ in range(5)]
    count = [0]

    async def runner(i):
        for _ in range(n):
            await evs[i].wait()
            evs[i].clear()
            count[0] += 1
            evs[(i + 1) % 5].set()

    tasks = [asyncio.create_task(runner(i)) for i in range(5)]
    evs[0].set()
    await asyncio.gather(*tasks)
    print("relayed", count[0])


asyncio.run(relay(200))
