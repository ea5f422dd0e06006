# select.poll and select.select over streams
import io
import select
import time

print(select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP)
s = io.StringIO("data")
b = io.BytesIO()
names = {id(s): "s", id(b): "b"}


def show(result):
    print(sorted((names[id(o)], ev) for o, ev in result))


p = select.poll()
p.register(s, select.POLLIN)
p.register(b)
show(p.poll(0))
p.modify(s, select.POLLOUT)
show(p.poll())
p.modify(s, 0)
show(p.poll(10))
p.unregister(b)
show(p.poll(0))
try:
    p.unregister(b)
except KeyError:
    print("KeyError")
try:
    p.modify(b, select.POLLIN)
except OSError as e:
    print("OSError", e.errno)
try:
    p.register(5)
except TypeError:
    print("TypeError")

# a closed stream reports POLLNVAL
p.register(b, select.POLLIN)
b.close()
show(p.poll(0))
p.unregister(b)


# a stream that is never ready: poll waits for the timeout
class Never(io.IOBase):
    def ioctl(self, req, arg):
        return 0


n = Never()
names[id(n)] = "never"
p.register(n, select.POLLIN)
t = time.ticks_ms()
show(p.poll(50))
print(time.ticks_diff(time.ticks_ms(), t) >= 50)


# a stream that becomes ready after a few polls
class Later(io.IOBase):
    def __init__(self):
        self.polls = 0

    def ioctl(self, req, arg):
        if req == 3:
            self.polls += 1
            return arg & select.POLLIN if self.polls > 3 else 0
        return 0


later = Later()
names[id(later)] = "later"
p.register(later, select.POLLIN)
show(p.poll(1000))
print(later.polls)

# ipoll, one-shot: the mask is cleared after an event
q = select.poll()
s2 = io.StringIO("x")
names[id(s2)] = "s2"
q.register(s2, select.POLLIN)
print([(names[id(o)], ev) for o, ev in q.ipoll(0, 1)])
print([(names[id(o)], ev) for o, ev in q.ipoll(0, 1)])
q.modify(s2, select.POLLIN)
print([(names[id(o)], ev) for o, ev in q.ipoll(0)])


# a stream whose ioctl fails reports POLLERR
class Broken(io.IOBase):
    def ioctl(self, req, arg):
        raise OSError(5)


br = Broken()
names[id(br)] = "broken"
q.register(br)
show(q.poll(0))

# select.select
r, w, x = select.select([s2], [s2], [], 0)
print(len(r), len(w), len(x))
r, w, x = select.select([n], [], [], 0.02)
print(r, w, x)
