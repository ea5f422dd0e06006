# campy-opts: -X heapsize=100k
# ThreadSafeFlag set from outside the loop: by callbacks scheduled with
# micropython.schedule (as an interrupt handler would), while the loop is
# idle and while other tasks keep it busy; a flag waited on by two tasks.
import asyncio
import micropython

flag = asyncio.ThreadSafeFlag()
hits = []


def callback(arg):
    hits.append(arg)
    flag.set()


async def idle_loop():
    async def later():
        await asyncio.sleep_ms(10)
        micropython.schedule(callback, "idle")

    asyncio.create_task(later())
    # nothing else runs: the loop polls the flag while it waits
    await asyncio.wait_for_ms(flag.wait(), 2000)
    print("woken while idle:", hits)


asyncio.run(idle_loop())


async def busy_loop():
    stop = asyncio.Event()
    spins = [0]

    async def spinner():
        while not stop.is_set():
            spins[0] += 1
            await asyncio.sleep_ms(0)

    async def later():
        await asyncio.sleep_ms(5)
        micropython.schedule(callback, "busy")

    asyncio.create_task(spinner())
    asyncio.create_task(later())
    await asyncio.wait_for_ms(flag.wait(), 2000)
    stop.set()
    print("woken while busy:", hits, spins[0] > 0)


asyncio.run(busy_loop())


async def repeated():
    got = 0
    for i in range(5):
        micropython.schedule(callback, i)
        await asyncio.wait_for_ms(flag.wait(), 2000)
        got += 1
    print("woken", got, "times")


asyncio.run(repeated())


async def two_waiters():
    t = asyncio.create_task(flag.wait())
    await asyncio.sleep_ms(0)
    try:
        await flag.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    flag.set()
    await t
    print("first waiter woke")


asyncio.run(two_waiters())
