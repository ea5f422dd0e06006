# the wrapping tick counters: TICKS_PERIOD is 2**30, ticks_diff is signed
import time

MAX = time.ticks_add(0, -1)
HALF = MAX // 2 + 1
print(MAX == 2**30 - 1, HALF == 2**29)
print(time.ticks_diff(1, 0), time.ticks_diff(0, 1))
print(time.ticks_diff(0, MAX), time.ticks_diff(MAX, 0), time.ticks_diff(0, MAX - 1))
print(time.ticks_diff(HALF, 1) == HALF - 1, time.ticks_diff(HALF, 0) == -HALF)
off = 100
print(time.ticks_diff(HALF + off, 1 + off) == HALF - 1)
print(time.ticks_diff(HALF - off, time.ticks_add(0, -off)) == -HALF)
print(time.ticks_add(MAX, 1), time.ticks_add(0, HALF - 1) == HALF - 1)
print(time.ticks_add(5, -10) == MAX - 4, time.ticks_add(MAX - 4, 10))
for bad in (HALF, -HALF - 1, 2**40):
    try:
        time.ticks_add(0, bad)
        print("no error")
    except OverflowError:
        print("OverflowError")
try:
    time.ticks_diff("a", 1)
except TypeError:
    print("TypeError")

for f in (time.ticks_ms, time.ticks_us, time.ticks_cpu):
    t = f()
    print(type(t) is int, 0 <= t <= MAX)

# sleeps last at least as long as asked
t = time.ticks_ms()
time.sleep_ms(30)
print(30 <= time.ticks_diff(time.ticks_ms(), t) < 1000)
t = time.ticks_us()
time.sleep_us(5000)
print(5000 <= time.ticks_diff(time.ticks_us(), t) < 1000000)
t = time.ticks_ms()
time.sleep(0.02)
time.sleep(0)
print(20 <= time.ticks_diff(time.ticks_ms(), t) < 1000)
time.sleep_ms(-5)
time.sleep_us(-5)
try:
    time.sleep(-1)
except ValueError:
    print("ValueError")
try:
    time.sleep("1")
except TypeError:
    print("TypeError")
