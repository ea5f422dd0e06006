# gmtime, localtime, mktime and time() (epoch 1970 on the PC runner)
import time

for t in (0, 1, 59, 86399, 86400, 951782400, 951868800, 978307199, 4102444800,
          1234567890, 2147483648, -1, -86401, -2208988800):
    print(t, tuple(time.gmtime(t))[:8])
print(tuple(time.gmtime(1.9))[:6], tuple(time.gmtime(-1.5))[:6])
for t in (0, 1234567890, 1700000000):
    print(time.mktime(tuple(time.localtime(t))) == t)
now = time.time()
print(abs(now - time.time_ns() // 10**9) < 5, now > 1.6e9)
print(tuple(time.gmtime())[0] >= 2024, len(tuple(time.localtime())) >= 8)
print(abs(time.mktime(time.localtime()) - now) < 5)
for bad in ("x", None, (1, 2)):
    try:
        time.mktime(bad)
    except TypeError:
        print("TypeError")
try:
    time.gmtime(1e300)
except (OverflowError, OSError, ValueError):
    print("out of range")
