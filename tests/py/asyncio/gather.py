# campy-opts: -X heapsize=100k
# asyncio.gather: results in argument order, coroutines and tasks mixed, an
# exception raised as soon as it happens (the others go on), exceptions
# collected with return_exceptions, cancelling the gathering task.
import asyncio


async def value_after(v, turns, log=None):
    for _ in range(turns):
        await asyncio.sleep(0)
    if log is not None:
        log.append(v)
    return v


async def fail_after(exc, turns):
    for _ in range(turns):
        await asyncio.sleep(0)
    raise exc


async def basics():
    print(await asyncio.gather())
    print(await asyncio.gather(value_after(1, 3), value_after(2, 0), value_after(3, 1)))
    t = asyncio.create_task(value_after("task", 2))
    print(await asyncio.gather(value_after("coro", 1), t))
    done = asyncio.create_task(value_after("early", 0))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(done.done(), await asyncio.gather(done, done))
    print(await asyncio.gather(*[value_after(i, i % 3) for i in range(10)]))
    print(await asyncio.gather(asyncio.gather(value_after(1, 1), value_after(2, 0)),
                               value_after(3, 2)))


asyncio.run(basics())


async def first_error():
    log = []
    try:
        await asyncio.gather(value_after("a", 1, log), fail_after(ValueError("x"), 2),
                             value_after("c", 5, log), fail_after(KeyError("later"), 3))
    except ValueError as e:
        print("raised", repr(e), "with", log)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("the others went on:", log)


asyncio.run(first_error())


async def collected():
    r = await asyncio.gather(value_after(1, 0), fail_after(ZeroDivisionError("z"), 1),
                             value_after(3, 2), fail_after(IndexError(), 0),
                             return_exceptions=True)
    print([type(x).__name__ for x in r], r[0], r[2])
    failed = asyncio.create_task(fail_after(LookupError("gone"), 0))
    try:
        await failed
    except LookupError:
        pass
    r = await asyncio.gather(failed, value_after(9, 1), return_exceptions=True)
    print(repr(r[0]), r[1])
    try:
        await asyncio.gather(failed, value_after(8, 0))
    except LookupError as e:
        print("a task that already failed fails the gather:", e)


asyncio.run(collected())


async def gather_cancelled():
    log = []

    async def long(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log.append(name)
            raise

    async def both():
        return await asyncio.gather(long("x"), long("y"))

    g = asyncio.create_task(both())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled")
    await asyncio.sleep(0)
    print(sorted(log))


asyncio.run(gather_cancelled())


async def child_cancelled():
    victim = asyncio.create_task(asyncio.sleep(10))
    other = value_after("ok", 2)

    async def canceller():
        await asyncio.sleep(0)
        victim.cancel()

    asyncio.create_task(canceller())
    r = await asyncio.gather(victim, other, return_exceptions=True)
    print(type(r[0]).__name__, r[1])
    victim = asyncio.create_task(asyncio.sleep(10))
    asyncio.create_task(canceller())
    try:
        await asyncio.gather(victim, value_after("x", 3))
    except asyncio.CancelledError:
        print("a cancelled child cancels the gather's result")


asyncio.run(child_cancelled())
