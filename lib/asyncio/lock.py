# asyncio/lock.py - Lock: one task at a time. release() hands the lock
# straight to the task that has waited longest, so a task that never waited
# cannot take it first.

from . import core
from _asyncio import done as _done


_sched = core._sched


class Lock:
    def __init__(self):
        self.state = 0  # 0 free, 1 held, or the task it was handed to
        self.waiting = []

    def locked(self):
        return self.state != 0

    def release(self):
        if self.state != 1:
            raise RuntimeError("Lock not acquired")
        if self.waiting:
            t = self.waiting.pop(0)
            self.state = t
            _sched.wake(t)
        else:
            self.state = 0

    def acquire(self):
        if self.state != 0:
            cur = core._park(self.waiting)
            try:
                yield
            except BaseException:
                if self.state is cur:
                    # handed over, then cancelled before it ran: pass it on
                    self.state = 1
                    self.release()
                raise
        self.state = 1
        return True

    # plain functions returning awaitables: no coroutine to make per use
    def __aenter__(self):
        return self.acquire()

    def __aexit__(self, exc_type, exc, tb):
        self.release()
        return _done
