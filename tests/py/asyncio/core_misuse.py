# campy-opts: -X heapsize=100k
# The C core (_asyncio) used wrongly from Python: clean TypeErrors and
# RuntimeErrors, never a crash; the `done` awaitable; awaiting a sleep twice.
import asyncio
import _asyncio


def attempt(what, f):
    try:
        r = f()
        print(what, "->", type(r).__name__)
    except Exception as e:
        print(what, "->", type(e).__name__, e)


attempt("Task()", lambda: _asyncio.Task())
attempt("Scheduler()", lambda: _asyncio.Scheduler())
s = _asyncio.Scheduler(1, 2, 3, 4, 5)


def failing():
    yield
    raise ValueError


attempt("handler not callable", lambda: s.run(s.create_task(failing())))
attempt("run(5)", lambda: s.run(5))
attempt("wake(5)", lambda: s.wake(5))
attempt("wake([1])", lambda: s.wake([1]))
attempt("add_timer(5, 1)", lambda: s.add_timer(5, 1))
attempt("sleep_ms('x')", lambda: s.sleep_ms("x"))
attempt("sleep(nan)", lambda: s.sleep(float("nan")))
attempt("sleep(inf)", lambda: s.sleep(float("inf")))
attempt("sleep_ms(2**100)", lambda: s.sleep_ms(2 ** 100))
attempt("sleep outside the loop", lambda: list(s.sleep_ms(1)))
attempt("cur", lambda: s.cur)
attempt("io_streams = 'x'", lambda: setattr(s, "io_streams", "x"))
t = s.create_task(failing())
attempt("task.bogus = 1", lambda: setattr(t, "bogus", 1))
attempt("task.ended = 1", lambda: setattr(t, "ended", 1))
attempt("del task.state", lambda: delattr(t, "state"))
attempt("task.coro", lambda: t.coro)
attempt("create_task(1)", lambda: s.create_task(1))
attempt("run inside run", lambda: asyncio.run(asyncio.sleep(0)) or asyncio.run(
    (lambda: (yield from [asyncio.run(asyncio.sleep(0))]))()))
asyncio.new_event_loop()

done = _asyncio.done
print("done is empty:", list(done), list(done))
attempt("done.throw", lambda: done.throw(KeyError("k")))
attempt("done.send", lambda: done.send(None))
print("done still empty:", list(done))


async def main():
    await done
    await done
    z = asyncio.sleep_ms(1)
    await z
    await z
    lock = asyncio.Lock()
    async with lock as got:
        print("async with lock gives", got, lock.locked())
    print("released:", lock.locked())
    return "awaited"


print(asyncio.run(main()))
