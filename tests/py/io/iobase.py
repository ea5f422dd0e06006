# Python classes derived from io.IOBase are streams for C code
import io
import os


class Echo(io.IOBase):
    def __init__(self):
        self.data = bytearray()

    def write(self, buf):
        self.data += buf
        return len(buf)

    def readinto(self, buf):
        n = min(len(buf), len(self.data))
        buf[:n] = self.data[:n]
        self.data = self.data[n:]
        return n

    def ioctl(self, req, arg):
        return 0


e = Echo()
print(isinstance(e, io.IOBase))
print(os.dupterm(e))
print(os.dupterm(None) is e)
print(os.dupterm(None))
print(os.dupterm(e, 1))
print(os.dupterm(None, 1) is e)
try:
    os.dupterm(e, 2)
except ValueError:
    print("ValueError")
try:
    os.dupterm(42)
except TypeError:
    print("TypeError")
