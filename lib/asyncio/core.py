# asyncio/core.py - the event loop, over the C core in _asyncio (tasks, the
# ready queue, timers, the loop itself): the exceptions, create_task, run,
# sleep, the Loop object and waiting for streams through select.poll.
#
# A task waits in one place, its `state`: None (ready or running), the
# scheduler (sleeping), or an object with a remove(task) method (a list of
# waiting tasks, a stream's entry in the poll map), so cancelling a task
# takes it out of wherever it is. Code that parks a task puts it there, sets
# its state, and yields; code that wakes it calls _sched.wake.

import _asyncio
import select
import sys


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):
    pass


# Thrown into a task whose timed wait ran out; never seen outside wait_for.
class _TimedOut(BaseException):
    pass


Task = _asyncio.Task


def _task_await(task):
    """What `await task` runs: waits for the task's end, then gives its
    result or raises its exception."""
    if not task.ended:
        cur = _sched.cur
        if cur is None:
            raise RuntimeError("no running event loop")
        if cur is task:
            raise RuntimeError("Task cannot await on itself")
        aw = task.awaiters
        if aw is None:
            aw = task.awaiters = []
        aw.append(cur)
        cur.state = aw
        yield
    if task.ended == 2:
        raise task.value
    return task.value


def _on_error(task, exc):
    _loop.call_exception_handler(
        {"message": "Task exception wasn't retrieved", "exception": exc, "future": task}
    )


# ---------------------------------------------------------------- waiting for streams


class _IOEntry:
    """The tasks waiting to read from and to write to one stream."""

    def __init__(self, stream):
        self.stream = stream
        self.reader = None
        self.writer = None

    def remove(self, task):
        if self.reader is task:
            self.reader = None
        if self.writer is task:
            self.writer = None
        _io_update(self)


_poller = select.poll()
_io_map = {}


def _io_update(entry):
    mask = (select.POLLIN if entry.reader is not None else 0) | (
        select.POLLOUT if entry.writer is not None else 0
    )
    if mask:
        _poller.modify(entry.stream, mask)
    else:
        _poller.unregister(entry.stream)
        del _io_map[id(entry.stream)]
        _sched.io_streams = len(_io_map)


def _io_wait(stream, writing):
    """Waits until stream can be read (or written): a generator to await."""
    cur = _sched.cur
    if cur is None:
        raise RuntimeError("no running event loop")
    key = id(stream)
    entry = _io_map.get(key)
    if entry is None:
        entry = _IOEntry(stream)
        _poller.register(stream, 0)
        _io_map[key] = entry
        _sched.io_streams = len(_io_map)
    if writing:
        if entry.writer is not None:
            raise RuntimeError("another task is waiting to write to this stream")
        entry.writer = cur
    else:
        if entry.reader is not None:
            raise RuntimeError("another task is waiting to read from this stream")
        entry.reader = cur
    cur.state = entry
    _io_update(entry)
    yield


def _io_poll(timeout):
    wake = _sched.wake
    for stream, ev in _poller.ipoll(timeout):
        entry = _io_map[id(stream)]
        if ev & ~select.POLLOUT:
            t = entry.reader
            if t is not None:
                entry.reader = None
                wake(t)
        if ev & ~select.POLLIN:
            t = entry.writer
            if t is not None:
                entry.writer = None
                wake(t)
        _io_update(entry)


_sched = _asyncio.Scheduler(CancelledError, _TimedOut, _on_error, _task_await, _io_poll)

sleep_ms = _sched.sleep_ms
sleep = _sched.sleep
create_task = _sched.create_task


def _park(place):
    """Parks the running task in a list of waiting tasks; the caller then
    yields."""
    cur = _sched.cur
    if cur is None:
        raise RuntimeError("no running event loop")
    place.append(cur)
    cur.state = place
    return cur


def current_task():
    cur = _sched.cur
    if cur is None:
        raise RuntimeError("no running event loop")
    return cur


def run_until_complete(main_task=None):
    if main_task is not None:
        if main_task.__class__ is not Task:
            main_task = create_task(main_task)
        if main_task.awaiters is None:
            main_task.awaiters = []  # its end is looked at here
    _sched.run(main_task)
    if main_task is not None:
        if main_task.ended == 2:
            raise main_task.value
        return main_task.value


def run(coro):
    return run_until_complete(create_task(coro))


class Loop:
    _exc_handler = None

    def create_task(self, coro):
        return create_task(coro)

    def run_forever(self):
        _sched.run(None)

    def run_until_complete(self, aw):
        return run_until_complete(aw)

    def stop(self):
        _sched.stop()

    def close(self):
        pass

    def set_exception_handler(self, handler):
        Loop._exc_handler = handler

    def get_exception_handler(self):
        return Loop._exc_handler

    def default_exception_handler(self, context):
        print(context["message"], file=sys.stderr)
        future = context.get("future")
        if future is not None:
            print("future:", future, "coro=", future.coro, file=sys.stderr)
        exc = context.get("exception")
        if exc is not None:
            sys.print_exception(exc, sys.stderr)

    def call_exception_handler(self, context):
        handler = Loop._exc_handler
        if handler is None:
            self.default_exception_handler(context)
        else:
            handler(self, context)


_loop = Loop()


def get_event_loop(runq_len=0, waitq_len=0):
    return _loop


def new_event_loop():
    """Forgets every task and timer: campy has one loop, made new again."""
    global _poller
    _sched.clear()
    _io_map.clear()
    _sched.io_streams = 0
    _poller = select.poll()
    Loop._exc_handler = None
    return _loop
