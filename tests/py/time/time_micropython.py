# time as MicroPython has it: 8-item tuples, mktime of 8 items, integer
# results, sleeps in ms and us, time_ns
import time

t = time.localtime(1234567890)
print(len(t), type(t).__name__)
print(time.mktime(t[:8]) == time.mktime(t), type(time.mktime(t[:8])).__name__)
print(time.mktime(list(t)) == time.mktime(t))
for bad in (t[:7], t + (0, 0), ()):
    try:
        time.mktime(bad)
    except TypeError:
        print('TypeError', len(bad))
print(type(time.time_ns()).__name__, time.time_ns() > 1600000000 * 10 ** 9)
a = time.time_ns()
b = time.time_ns()
print(b >= a)

# sleeps: negative sleep_ms / sleep_us do not sleep, negative sleep() is an error
start = time.ticks_ms()
time.sleep_ms(-5)
time.sleep_us(-5)
time.sleep_ms(0)
time.sleep_us(0)
time.sleep(0)
print(time.ticks_diff(time.ticks_ms(), start) < 50)
start = time.ticks_us()
time.sleep_us(2000)
print(time.ticks_diff(time.ticks_us(), start) >= 2000)
start = time.ticks_ms()
time.sleep(0.02)
time.sleep_ms(20)
print(time.ticks_diff(time.ticks_ms(), start) >= 40)
for bad in (-1, -0.5, float('nan')):
    try:
        time.sleep(bad)
    except ValueError:
        print('ValueError', bad)
for f, bad in ((time.sleep, 'x'), (time.sleep_ms, 1.5), (time.sleep_us, None), (time.sleep_ms, '1')):
    try:
        f(bad)
    except TypeError:
        print('TypeError')
for f, bad in ((time.sleep, 1e300), (time.sleep_ms, 2 ** 70), (time.sleep_us, 2 ** 70)):
    try:
        f(bad)
    except OverflowError:
        print('OverflowError')
