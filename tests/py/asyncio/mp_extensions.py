# campy-opts: -X heapsize=100k
# stderr
# MicroPython's own parts of asyncio: sleep_ms, wait_for_ms, ThreadSafeFlag
# set by a task, new_event_loop forgetting every task, cancelling the running
# task, the default exception handler, the Task class and create_task's type
# check.
import asyncio


async def sleeps():
    log = []

    async def s(name, ms):
        await asyncio.sleep_ms(ms)
        log.append(name)

    await asyncio.gather(s("b", 40), s("a", 5), s("c", 0))
    print(log)
    try:
        await asyncio.wait_for_ms(asyncio.sleep_ms(1000), 10)
    except asyncio.TimeoutError:
        print("wait_for_ms timed out")
    print(await asyncio.wait_for_ms(asyncio.sleep_ms(0), 100))


asyncio.run(sleeps())


async def flags():
    flag = asyncio.ThreadSafeFlag()
    log = []

    async def waiter():
        for i in range(3):
            await flag.wait()
            log.append("woke %d" % i)

    t = asyncio.create_task(waiter())
    for i in range(3):
        await asyncio.sleep_ms(5)
        log.append("set %d" % i)
        flag.set()
    await t
    print(log)
    flag.set()
    await flag.wait()
    print("set before wait returns at once, then clear")
    try:
        await asyncio.wait_for_ms(flag.wait(), 10)
    except asyncio.TimeoutError:
        print("flag.wait timed out")
    flag.set()
    flag.clear()
    try:
        await asyncio.wait_for_ms(flag.wait(), 10)
    except asyncio.TimeoutError:
        print("cleared flag not seen")


asyncio.run(flags())


async def cancel_self():
    try:
        asyncio.current_task().cancel()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(cancel_self())


async def await_self():
    try:
        await asyncio.current_task()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(await_self())


def bad_create():
    for v in [1, None, "coro", asyncio.sleep_ms]:
        try:
            asyncio.create_task(v)
        except TypeError as e:
            print("TypeError:", e)


bad_create()


async def forever():
    await asyncio.sleep_ms(100000)


loop = asyncio.get_event_loop()
left = loop.create_task(forever())
loop2 = asyncio.new_event_loop()
print("same loop:", loop2 is loop)


async def quick():
    return "new loop runs only new tasks"


print(loop.run_until_complete(quick()), left.done())


class FakeTask:
    coro = "<coro>"

    def __repr__(self):
        return "<FakeTask>"


try:
    raise KeyError("k")
except KeyError as e:
    err = e
loop.default_exception_handler({"message": "a message", "exception": err, "future": FakeTask()})
print(isinstance(asyncio.create_task, object), asyncio.Task)
print(asyncio.StreamReader is asyncio.Stream, asyncio.StreamWriter is asyncio.Stream)
