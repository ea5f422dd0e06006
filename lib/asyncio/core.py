# asyncio/core.py - the event loop: tasks, the queue of tasks ready to run,
# timers, and streams waited on through select.poll.
#
# A task is parked in exactly one place while it waits: a list (the tasks
# waiting on an Event, a Lock, or another task), the timer heap, or a
# stream's entry in the poll map. `Task.state` is that place, and every such
# place has a remove(task) method, so cancelling a task takes it out of
# wherever it is with one call. A timed wait (wait_for) is parked in a list
# and has a live timer at the same time; whichever fires first cancels the
# other.
#
# The loop runs in rounds like CPython's: poll streams (without waiting when
# tasks are ready), move due timers to the ready queue, then run the tasks
# that were ready at the start of the round, in order.

from time import ticks_ms, ticks_diff, sleep_ms as _time_sleep_ms
from collections import deque
from heapq import heappush, heappop
import select
import sys


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):
    pass


# Thrown into a task whose timed wait ran out; never seen outside wait_for.
class _TimedOut(BaseException):
    pass


# ---------------------------------------------------------------- tasks


class Task:
    def __init__(self, coro):
        self.coro = coro
        self.state = None  # where it waits (something with remove(task)), or None
        self.timer = 0  # sequence number of its live timer, 0 for none
        self.throw_in = None  # exception to raise in it when it next runs
        self.awaiters = None  # tasks (or gathers) waiting for it to end
        self.value = None  # its result, or the exception it ended with
        self.ended = 0  # 0 running, 1 returned, 2 raised

    def __repr__(self):
        return "<Task>"

    def done(self):
        return self.ended != 0

    def cancel(self):
        if self.ended:
            return False
        if self is _cur:
            raise RuntimeError("can't cancel self")
        _throw(self, CancelledError())
        return True

    def __await__(self):
        if not self.ended:
            cur = _cur
            if cur is None:
                raise RuntimeError("no running event loop")
            aw = self.awaiters
            if aw is None:
                aw = self.awaiters = []
            aw.append(cur)
            cur.state = aw
            yield
        if self.ended == 2:
            raise self.value
        return self.value

    __iter__ = __await__


class _Timers:
    """The timer heap: (due time, sequence number, task); an entry is stale
    once the task's timer no longer holds its sequence number."""

    def __init__(self):
        self.heap = []
        self.seq = 0

    def remove(self, task):
        task.timer = 0


_timers = _Timers()
_ready = deque()
_cur = None  # the task running now
_clock_last = ticks_ms()
_clock_ms = 0  # milliseconds since the module was loaded; never wraps


def _clock():
    global _clock_last, _clock_ms
    now = ticks_ms()
    _clock_ms += ticks_diff(now, _clock_last)
    _clock_last = now
    return _clock_ms


def _add_timer(task, ms):
    t = _timers
    seq = t.seq + 1
    if seq > 0x3FFFFFFF:
        seq = 1
    t.seq = seq
    task.timer = seq
    heappush(t.heap, (_clock() + ms, seq, task))


def _throw(task, exc):
    """Raises exc in a task that is not running: takes it out of where it
    waits and makes it ready."""
    st = task.state
    if st is not None:
        st.remove(task)
        task.state = None
        if task.timer:
            task.timer = 0
        _ready.append(task)
    elif task.timer:
        task.timer = 0
    task.throw_in = exc


def _wake_all(waiting):
    """Makes every task in a waiting list ready, in the order they came."""
    ready = _ready
    for t in waiting:
        t.state = None
        if t.timer:
            t.timer = 0
        ready.append(t)
    waiting.clear()


def _park(place):
    """Parks the running task in a list; the caller then yields."""
    cur = _cur
    place.append(cur)
    cur.state = place
    return cur


def _end(task, value, ended):
    task.value = value
    task.ended = ended
    aw = task.awaiters
    if aw is None:
        if ended == 2 and not isinstance(value, CancelledError):
            _loop.call_exception_handler(
                {"message": "Task exception wasn't retrieved", "exception": value, "future": task}
            )
        return
    task.awaiters = None
    ready = _ready
    for w in aw:
        if w.__class__ is Task:
            w.state = None
            if w.timer:
                w.timer = 0
            ready.append(w)
        else:
            w.child_done(task)


def _run_step(task):
    global _cur
    _cur = task
    exc = task.throw_in
    try:
        if exc is None:
            task.coro.send(None)
        else:
            task.throw_in = None
            task.coro.throw(exc)
    except StopIteration as e:
        _cur = None
        _end(task, e.value, 1)
        return
    except (CancelledError, Exception) as e:
        _cur = None
        _end(task, e, 2)
        return
    except BaseException:
        _cur = None
        raise
    _cur = None
    if task.state is None:
        # a bare yield: the task goes to the back of the queue
        _ready.append(task)


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


def _io_wait(stream, writing):
    """Waits until stream can be read (or written): a generator to await."""
    key = id(stream)
    entry = _io_map.get(key)
    if entry is None:
        entry = _IOEntry(stream)
        _poller.register(stream, 0)
        _io_map[key] = entry
    cur = _cur
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
    ready = _ready
    for stream, ev in _poller.ipoll(timeout):
        entry = _io_map[id(stream)]
        if ev & ~select.POLLOUT:
            t = entry.reader
            if t is not None:
                entry.reader = None
                t.state = None
                ready.append(t)
        if ev & ~select.POLLIN:
            t = entry.writer
            if t is not None:
                entry.writer = None
                t.state = None
                ready.append(t)
        _io_update(entry)


# ---------------------------------------------------------------- sleeping


def sleep_ms(t):
    if t > 0:
        cur = _cur
        if cur is None:
            raise RuntimeError("no running event loop")
        _add_timer(cur, t)
        cur.state = _timers
    yield


def sleep(t):
    return sleep_ms(int(t * 1000))


# ---------------------------------------------------------------- the loop


def _move_due_timers():
    heap = _timers.heap
    now = _clock()
    ready = _ready
    while heap and heap[0][0] <= now:
        _, seq, t = heappop(heap)
        if t.timer != seq:
            continue
        t.timer = 0
        st = t.state
        t.state = None
        if st is not _timers:
            # a timed wait: it stops waiting where it was
            st.remove(t)
            t.throw_in = _TimedOut()
        ready.append(t)


def _wait_for_work():
    """Sleeps until a stream is ready or the next timer is due; returns at
    once when tasks are ready. Interruptible by Ctrl-C."""
    if _ready:
        timeout = 0
    else:
        heap = _timers.heap
        while heap and heap[0][2].timer != heap[0][1]:
            heappop(heap)
        if heap:
            timeout = heap[0][0] - _clock()
            if timeout < 0:
                timeout = 0
        else:
            timeout = -1
    if _io_map:
        _io_poll(timeout)
    elif timeout:
        # nothing else can wake the loop: sleep in slices so that a task made
        # by a scheduled callback is not kept waiting long
        _time_sleep_ms(100 if timeout < 0 or timeout > 100 else timeout)


_stopping = False


def _run(main):
    global _stopping
    ready = _ready
    while True:
        _wait_for_work()
        if _timers.heap:
            _move_due_timers()
        n = len(ready)
        while n:
            n -= 1
            _run_step(ready.popleft())
            if main is not None and main.ended:
                return
        if _stopping:
            _stopping = False
            return


def create_task(coro):
    if not hasattr(coro, "send"):
        raise TypeError("coroutine expected")
    t = Task(coro)
    _ready.append(t)
    return t


def current_task():
    if _cur is None:
        raise RuntimeError("no running event loop")
    return _cur


def run_until_complete(main_task=None):
    if main_task is not None:
        if main_task.__class__ is not Task:
            main_task = create_task(main_task)
        if main_task.awaiters is None:
            main_task.awaiters = []  # its end is looked at here
    if _cur is not None:
        raise RuntimeError("the event loop is already running")
    _run(main_task)
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
        run_until_complete()

    def run_until_complete(self, aw):
        return run_until_complete(aw)

    def stop(self):
        global _stopping
        _stopping = True

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
    global _cur, _stopping, _poller
    _ready.clear()
    _timers.heap.clear()
    _io_map.clear()
    _poller = select.poll()
    _cur = None
    _stopping = False
    Loop._exc_handler = None
    return _loop
