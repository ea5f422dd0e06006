# uname, urandom, sep
import os

u = os.uname()
print(isinstance(u, tuple), len(u))
print(u.sysname == u[0], u.nodename == u[1], u.release == u[2], u.version == u[3],
      u.machine == u[4])
print(all(isinstance(x, str) for x in u))
print(list(u) == [u.sysname, u.nodename, u.release, u.version, u.machine])
r = os.urandom(16)
print(type(r), len(r), len(os.urandom(0)), len(os.urandom(1000)))
print(os.urandom(16) != r)
try:
    os.urandom(-1)
except ValueError:
    print("ValueError")
print(os.sep, type(os.getcwd()))
