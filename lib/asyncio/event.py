# asyncio/event.py - Event, for tasks to wait until another task says so,
# and ThreadSafeFlag, which code outside the loop (an interrupt handler, a
# scheduled callback) may set: the loop finds it set by polling it as a
# stream.

import io
from . import core


_sched = core._sched


class Event:
    def __init__(self):
        self.state = False
        self.waiting = []

    def is_set(self):
        return self.state

    def set(self):
        self.state = True
        if self.waiting:
            _sched.wake(self.waiting)

    def clear(self):
        self.state = False

    def wait(self):
        if not self.state:
            core._park(self.waiting)
            yield
        return True


class ThreadSafeFlag(io.IOBase):
    def __init__(self):
        self.state = 0

    def ioctl(self, request, arg):
        if request == 3:  # poll: readable while set
            return arg & 1 if self.state else 0
        return 0

    def set(self):
        self.state = 1

    def clear(self):
        self.state = 0

    def wait(self):
        if not self.state:
            yield from core._io_wait(self, False)
        self.state = 0
