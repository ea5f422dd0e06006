# campy-opts: -X heapsize=100k
# asyncio.wait_for and wait_for_ms: a result in time, a timeout cancelling
# the awaitable (which may clean up, or ignore the cancellation), errors
# passing through, no timeout, the waiting task cancelled.
import asyncio

wait_for_ms = getattr(asyncio, "wait_for_ms", None) or (
    lambda aw, ms: asyncio.wait_for(aw, ms / 1000))


async def slow(v, seconds, log=None):
    try:
        await asyncio.sleep(seconds)
        return v
    except asyncio.CancelledError:
        if log is not None:
            log.append("cancelled %s" % v)
        raise


async def in_time():
    print(await asyncio.wait_for(slow("fast", 0), 1))
    print(await asyncio.wait_for(slow("soon", 0.01), 2))
    print(await wait_for_ms(slow("ms", 0), 1000))
    t = asyncio.create_task(slow("task", 0))
    print(await asyncio.wait_for(t, 1))
    print(await asyncio.wait_for(slow("no limit", 0.01), None))


asyncio.run(in_time())


async def too_late():
    log = []
    try:
        await asyncio.wait_for(slow("late", 10, log), 0.05)
    except asyncio.TimeoutError:
        print("timed out", log)
    try:
        await wait_for_ms(slow("late ms", 10, log), 30)
    except asyncio.TimeoutError:
        print("timed out", log)
    t = asyncio.create_task(slow("task", 10, log))
    try:
        await asyncio.wait_for(t, 0.02)
    except asyncio.TimeoutError:
        print("task timed out:", t.done(), log)


asyncio.run(too_late())


async def cleanup_then_timeout():
    log = []

    async def careful():
        try:
            await asyncio.sleep(10)
        finally:
            await asyncio.sleep(0)
            log.append("cleaned up")

    try:
        await asyncio.wait_for(careful(), 0.02)
    except asyncio.TimeoutError:
        print("timeout after cleanup:", log)


asyncio.run(cleanup_then_timeout())


async def errors_pass():
    async def bad():
        await asyncio.sleep(0)
        raise ValueError("inner")

    try:
        await asyncio.wait_for(bad(), 1)
    except ValueError as e:
        print("inner error:", e)
    try:
        await asyncio.wait_for(bad(), None)
    except ValueError as e:
        print("inner error without timeout:", e)


asyncio.run(errors_pass())


async def outer_cancelled():
    log = []

    async def waiter():
        try:
            await asyncio.wait_for(slow("inner", 10, log), 5)
        except asyncio.CancelledError:
            log.append("outer cancelled")
            raise

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        pass
    await asyncio.sleep(0)
    print(sorted(log))


asyncio.run(outer_cancelled())


async def on_event():
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.02)
    except asyncio.TimeoutError:
        print("event not set in time")

    async def setter():
        await asyncio.sleep(0)
        ev.set()

    asyncio.create_task(setter())
    print("event:", await asyncio.wait_for(ev.wait(), 1))


asyncio.run(on_event())


async def many_timeouts():
    n = 0
    for i in range(20):
        try:
            await asyncio.wait_for(slow(i, 1), 0.001)
        except asyncio.TimeoutError:
            n += 1
    print("timeouts:", n)
    total = 0
    for i in range(20):
        total += await asyncio.wait_for(slow(i, 0), 1)
    print("in time:", total)


asyncio.run(many_timeouts())
