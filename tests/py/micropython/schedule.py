# micropython.schedule: calls run at the next pending check (between
# opcodes, in sleeps and polls), first in first out, one at a time, never
# inside another scheduled call; a full queue raises RuntimeError
import micropython, time, select, io

log = []

def note(x):
    log.append(x)

def spin(n=3):
    for i in range(n):
        pass

micropython.schedule(note, 1)
micropython.schedule(note, 2)
spin()
print('ran in order:', log)

# nothing runs inside a scheduled call: the queue fills up there
log.clear()
def filler(arg):
    n = 0
    try:
        for i in range(100):
            micropython.schedule(note, i)
            n += 1
    except RuntimeError as e:
        print('full after', n, '-', e)
    spin(50)
    print('inside, nothing ran yet:', log)
micropython.schedule(filler, None)
spin(50)
print('after:', log)

# a call scheduled by a scheduled call runs after it
log.clear()
def outer(x):
    log.append(('outer', x))
    micropython.schedule(note, 'inner')
    spin()
    log.append(('outer end', x))
micropython.schedule(outer, 7)
spin(10)
print(log)

# an exception in a scheduled call is reported and the program goes on
def failing(x):
    raise ValueError(x)
micropython.schedule(failing, 'bad')
spin()
print('went on')

# sleeps and polls run scheduled calls, even when they do not wait
log.clear()
micropython.schedule(note, 'sleep')
time.sleep(0)
print(log)
micropython.schedule(note, 'sleep_ms')
time.sleep_ms(0)
print(log)
p = select.poll()
p.register(io.BytesIO(), select.POLLIN)
micropython.schedule(note, 'poll')
p.poll(0)
print(log)
micropython.schedule(note, 'ipoll')
for x in p.ipoll(0):
    pass
print(log)

# schedule(kbd_intr, None) raises KeyboardInterrupt soon
micropython.schedule(micropython.kbd_intr, None)
try:
    spin()
    print('not interrupted')
except KeyboardInterrupt:
    print('KeyboardInterrupt')

# KeyboardInterrupt raised in a scheduled call reaches the program
def interrupting(x):
    raise KeyboardInterrupt
micropython.schedule(interrupting, None)
try:
    spin()
except KeyboardInterrupt:
    print('KeyboardInterrupt from a scheduled call')

# a bound method, a builtin and a lambda are all fine; a wrong argument count
# is reported like any exception
class Counter:
    n = 0
    def bump(self, k):
        self.n += k
c = Counter()
micropython.schedule(c.bump, 5)
micropython.schedule(log.append, 'builtin')
micropython.schedule(lambda x: log.append(('lambda', x)), 1)
micropython.schedule(lambda: None, 1)
spin(10)
print(c.n, log[-2:])

# wrong arguments to schedule itself
for args in [(), (note,), (note, 1, 2)]:
    try:
        micropython.schedule(*args)
    except TypeError:
        print('TypeError', len(args))

# scheduling needs no heap: it works with the heap locked, as in an IRQ
# handler (done inside a scheduled call, so nothing runs before the unlock)
log.clear()
def irq_like(x):
    micropython.heap_lock()
    micropython.schedule(note, 'from a locked heap')
    micropython.heap_unlock()
micropython.schedule(irq_like, None)
spin(10)
print(log)
