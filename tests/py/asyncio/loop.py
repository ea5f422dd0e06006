# campy-opts: -X heapsize=100k
# The event loop object: get_event_loop, run_until_complete with a coroutine
# or a task, create_task on the loop, run_forever until stop(), tasks left
# over from one run carried on by the next, the exception handler.
import asyncio

loop = asyncio.get_event_loop()


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


print(loop.run_until_complete(add(1, 2)))
t = loop.create_task(add(3, 4))
print(loop.run_until_complete(t), t.done())

log = []


async def ticker(n):
    for i in range(n):
        log.append(i)
        await asyncio.sleep(0)


async def stopper():
    await asyncio.sleep(0.02)
    log.append("stop")
    loop.stop()


loop.create_task(ticker(3))
loop.create_task(stopper())
loop.run_forever()
print(log)

# a task that outlives run_until_complete goes on in the next run
log = []
background = loop.create_task(ticker(4))


async def brief():
    await asyncio.sleep(0)
    return "brief"


print(loop.run_until_complete(brief()), background.done())
print(loop.run_until_complete(background), log)


# errors
async def fails():
    await asyncio.sleep(0)
    raise ValueError("from the task")


try:
    loop.run_until_complete(fails())
except ValueError as e:
    print("run_until_complete raised", e)

try:
    asyncio.run(fails())
except ValueError as e:
    print("run raised", e)


# an exception nobody awaits goes to the handler
print("no handler set:", loop.get_exception_handler())
seen = []


def handler(lp, context):
    seen.append((lp is loop, sorted(context), type(context["exception"]).__name__))


loop.set_exception_handler(handler)
print("handler set:", loop.get_exception_handler() is handler)


async def main():
    asyncio.create_task(fails())
    for _ in range(5):
        await asyncio.sleep(0)


loop.run_until_complete(main())
print(seen)
loop.set_exception_handler(None)
print("handler cleared:", loop.get_exception_handler())


# a cancelled task that nobody awaits is not reported
async def main2():
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    for _ in range(3):
        await asyncio.sleep(0)
    return "quiet"


print(loop.run_until_complete(main2()))
