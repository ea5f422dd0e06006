# campy-opts: -X heapsize=100k
# asyncio.run, create_task, current_task, sleep and sleep_ms: results, the
# order tasks run in, tasks awaited after they ended, awaiting a task twice.
import asyncio

sleep_ms = getattr(asyncio, "sleep_ms", None) or (lambda ms: asyncio.sleep(ms / 1000))


async def simple():
    return 42


print(asyncio.run(simple()))


async def child(name, turns, log):
    for i in range(turns):
        log.append((name, i))
        await asyncio.sleep(0)
    return name.upper()


async def round_robin():
    log = []
    a = asyncio.create_task(child("a", 3, log))
    b = asyncio.create_task(child("b", 2, log))
    c = asyncio.create_task(child("c", 1, log))
    print("created, nothing ran yet:", log)
    ra = await a
    rb = await b
    rc = await c
    print(ra, rb, rc)
    print(log)
    print("done:", a.done(), b.done(), c.done())
    print("awaited again:", await a, await c)


asyncio.run(round_robin())


async def timed():
    log = []

    async def sleeper(name, ms):
        await sleep_ms(ms)
        log.append(name)

    tasks = [asyncio.create_task(sleeper(n, ms)) for n, ms in
             [("slow", 150), ("fast", 10), ("middle", 80), ("zero", 0)]]
    for t in tasks:
        await t
    print(log)
    await asyncio.sleep(0.01)
    await asyncio.sleep(0)
    await sleep_ms(0)
    await sleep_ms(-5)
    await asyncio.sleep(-1)
    print("negative and zero sleeps return")


asyncio.run(timed())


async def who_am_i():
    me = asyncio.current_task()
    other = asyncio.create_task(asyncio.sleep(0))

    async def inner():
        return asyncio.current_task()

    t = asyncio.create_task(inner())
    print("inner task is its own:", (await t) is t, t is not me)
    await other
    print("main task still current:", asyncio.current_task() is me)


asyncio.run(who_am_i())


# a task that ends before anyone awaits it, and one awaited by two tasks
async def shared():
    quick = asyncio.create_task(simple())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("ended before await:", quick.done(), await quick)
    slow = asyncio.create_task(child("s", 3, []))

    async def watcher(k):
        return k, await slow

    print(await asyncio.gather(watcher(1), watcher(2)))


asyncio.run(shared())


# return values of every kind pass through
async def returns(v):
    await asyncio.sleep(0)
    return v


async def many_values():
    for v in [None, 0, "", (1, 2), [3], {"k": "v"}, 1.5, 10 ** 30]:
        print(repr(await asyncio.create_task(returns(v))))


asyncio.run(many_values())


# coroutines awaited directly run in the caller's task
async def nested(depth):
    if depth == 0:
        return asyncio.current_task()
    await asyncio.sleep(0)
    return await nested(depth - 1)


async def direct():
    me = asyncio.current_task()
    print("same task at depth 50:", (await nested(50)) is me)


asyncio.run(direct())

# run() may be called again
print(asyncio.run(returns("again")))
