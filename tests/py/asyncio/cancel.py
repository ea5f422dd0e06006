# campy-opts: -X heapsize=100k
# Task.cancel: CancelledError thrown into the task wherever it waits (sleep,
# Event, Lock, another task), cleanup in finally, a cancellation caught and
# ignored, cancelling before the task starts, cancel() of a finished task.
import asyncio


async def sleeper(log):
    try:
        log.append("sleeping")
        await asyncio.sleep(10)
        log.append("woke")
    except asyncio.CancelledError:
        log.append("cancelled")
        raise
    finally:
        log.append("cleanup")


async def cancel_sleep():
    log = []
    t = asyncio.create_task(sleeper(log))
    await asyncio.sleep(0)
    print("cancel returns", t.cancel())
    print("done right after cancel:", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("await raised CancelledError")
    print(log, t.done())
    print("cancel again returns", t.cancel())


asyncio.run(cancel_sleep())


async def cancel_before_start():
    log = []
    t = asyncio.create_task(sleeper(log))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("never started:", log)


asyncio.run(cancel_before_start())


async def cancel_waiters():
    ev = asyncio.Event()
    lock = asyncio.Lock()
    log = []

    async def on_event():
        try:
            await ev.wait()
        except asyncio.CancelledError:
            log.append("event waiter cancelled")
            raise

    async def on_lock():
        try:
            async with lock:
                log.append("never has the lock")
        except asyncio.CancelledError:
            log.append("lock waiter cancelled")
            raise

    await lock.acquire()
    t1 = asyncio.create_task(on_event())
    t2 = asyncio.create_task(on_lock())
    await asyncio.sleep(0)
    t1.cancel()
    t2.cancel()
    for t in (t1, t2):
        try:
            await t
        except asyncio.CancelledError:
            pass
    print(log)
    lock.release()
    print("lock free:", not lock.locked())
    # the event and lock still work for others
    t3 = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    ev.set()
    print("event wait result:", await t3)
    async with lock:
        print("lock taken again:", lock.locked())


asyncio.run(cancel_waiters())


async def stubborn(log):
    for i in range(3):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log.append("ignored %d" % i)
    return "finished anyway"


async def ignore_cancel():
    log = []
    t = asyncio.create_task(stubborn(log))
    for _ in range(3):
        await asyncio.sleep(0)
        t.cancel()
    print(await t, log)


asyncio.run(ignore_cancel())


# a cancelled task that awaits inside its handler, then returns normally
async def graceful(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0)
        log.append("cleaned up slowly")
        return "graceful"


async def cancel_graceful():
    log = []
    t = asyncio.create_task(graceful(log))
    await asyncio.sleep(0)
    t.cancel()
    print(await t, log)


asyncio.run(cancel_graceful())


# CancelledError is not an Exception: `except Exception` does not catch it
async def catch_all(log):
    try:
        await asyncio.sleep(10)
    except Exception:
        log.append("wrongly caught")


async def not_exception():
    print(issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))
    log = []
    t = asyncio.create_task(catch_all(log))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("went through except Exception:", log)


asyncio.run(not_exception())


# cancelling a task while it is in the ready queue (woken, not yet run)
async def cancel_ready():
    ev = asyncio.Event()
    log = []

    async def w():
        try:
            await ev.wait()
            log.append("ran after wake")
            await asyncio.sleep(0)
            log.append("not reached")
        except asyncio.CancelledError:
            log.append("cancelled")
            raise

    t = asyncio.create_task(w())
    await asyncio.sleep(0)
    ev.set()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        pass
    print(log)


asyncio.run(cancel_ready())


# many tasks cancelled in a loop
async def mass_cancel():
    tasks = [asyncio.create_task(asyncio.sleep(5)) for _ in range(50)]
    await asyncio.sleep(0)
    n = sum(1 for t in tasks if t.cancel())
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print(n, all(isinstance(r, asyncio.CancelledError) for r in results))


asyncio.run(mass_cancel())
