# asyncio/funcs.py - waiting with a timeout (wait_for, wait_for_ms) and
# waiting for many awaitables at once (gather).

from . import core
from .core import Task, CancelledError, TimeoutError, create_task

_sched = core._sched


def _as_task(aw):
    if aw.__class__ is Task:
        return aw
    return create_task(aw)


def _result(task):
    if task.ended == 2:
        raise task.value
    return task.value


def wait_for_ms(aw, timeout):
    task = _as_task(aw)
    if not task.ended:
        aw = task.awaiters
        if aw is None:
            aw = task.awaiters = []
        cur = core._park(aw)
        _sched.add_timer(cur, timeout)
        try:
            yield
        except core._TimedOut:
            # cancel it and wait for it to end: it may clean up, or even
            # ignore the cancellation and return a result
            task.cancel()
            if not task.ended:
                aw = task.awaiters
                if aw is None:
                    aw = task.awaiters = []
                core._park(aw)
                yield
            if task.ended == 2 and isinstance(task.value, CancelledError):
                raise TimeoutError
        except CancelledError:
            task.cancel()
            raise
    return _result(task)


def wait_for(aw, timeout):
    if timeout is None:
        return _as_task(aw)
    return wait_for_ms(aw, int(timeout * 1000))


class _Gather:
    """Stands in a child's list of awaiters for the task running gather()."""

    def __init__(self, task, pending, return_exceptions):
        self.task = task  # the waiting task, None once woken
        self.pending = pending
        self.return_exceptions = return_exceptions
        self.error = None

    def child_done(self, child):
        self.pending -= 1
        if self.task is None:
            return
        if child.ended == 2 and not self.return_exceptions:
            self.error = child.value
        elif self.pending:
            return
        t = self.task
        self.task = None
        _sched.wake(t)

    def remove(self, task):
        # the waiting task was cancelled: later children are ignored
        self.task = None


def gather(*aws, return_exceptions=False):
    tasks = [_as_task(aw) for aw in aws]
    pending = 0
    for t in tasks:
        if not t.ended:
            pending += 1
    if pending:
        cur = _sched.cur
        if cur is None:
            raise RuntimeError("no running event loop")
        g = _Gather(cur, pending, return_exceptions)
        for t in tasks:
            if not t.ended:
                aw = t.awaiters
                if aw is None:
                    aw = t.awaiters = []
                aw.append(g)
        cur.state = g
        try:
            yield
        except CancelledError:
            for t in tasks:
                if not t.ended:
                    t.cancel()
            raise
        if g.error is not None:
            raise g.error
    elif not return_exceptions:
        for t in tasks:
            if t.ended == 2:
                raise t.value
    if return_exceptions:
        return [t.value for t in tasks]
    return [_result(t) for t in tasks]
