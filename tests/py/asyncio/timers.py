# campy-opts: -X heapsize=100k
# Many timers at once: tasks sleeping for different times wake in order of
# their times (equal times in the order they were set), cancelled sleepers
# never wake, sleeps as tasks of their own, a task woken while it also has
# a timer.
import asyncio


async def sleeper(i, ms, log):
    await asyncio.sleep(ms / 1000)
    log.append(i)


async def ordered():
    log = []
    # buckets 40 ms apart; inside a bucket a few ms of difference
    plan = [(i, 40 * ((i * 7) % 5) + (i % 3)) for i in range(100)]
    tasks = [asyncio.create_task(sleeper(i, ms, log)) for i, ms in plan]
    await asyncio.sleep(0)
    cancelled = set()
    for i in range(0, 100, 3):
        tasks[i].cancel()
        cancelled.add(i)
    await asyncio.gather(*tasks, return_exceptions=True)
    print("woke:", len(log), "cancelled woke:", len(cancelled & set(log)))
    buckets = [dict(plan)[i] // 40 for i in log]
    print("in time order:", buckets == sorted(buckets))
    print("all accounted for:", sorted(log + list(cancelled)) == list(range(100)))


asyncio.run(ordered())


async def same_time():
    log = []
    tasks = [asyncio.create_task(sleeper(i, 20, log)) for i in range(10)]
    await asyncio.gather(*tasks)
    print(log)


asyncio.run(same_time())


async def churn():
    # sleepers cancelled and replaced many times: the heap stays consistent
    log = []
    live = {}
    for round_ in range(30):
        for k in range(8):
            key = (round_, k)
            live[key] = asyncio.create_task(sleeper(key, 1000 + 10 * k, log))
        await asyncio.sleep(0)
        for key in list(live):
            if (key[0] + key[1]) % 2 == 0 or key[0] < round_ - 1:
                live.pop(key).cancel()
    quick = [asyncio.create_task(sleeper(("q", i), 5 * i, log)) for i in range(5)]
    await asyncio.gather(*quick)
    for t in live.values():
        t.cancel()
    await asyncio.sleep(0)
    print("only the quick ones woke:", log)


asyncio.run(churn())


async def sleep_as_task():
    t = asyncio.create_task(asyncio.sleep(0.01))
    print("sleep task result:", await t)
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("sleep task cancelled")
    r = await asyncio.gather(asyncio.sleep(0.01), asyncio.sleep(0), sleeper(1, 1, []))
    print("gathered sleeps:", r)


asyncio.run(sleep_as_task())


async def woken_with_timer():
    ev = asyncio.Event()

    async def setter():
        await asyncio.sleep(0.01)
        ev.set()

    asyncio.create_task(setter())
    print("woken before the timeout:", await asyncio.wait_for(ev.wait(), 5))
    # the timer of that wait is gone: nothing fires later
    await asyncio.sleep(0.02)
    print("nothing left over")


asyncio.run(woken_with_timer())
