# os.dupterm: the terminal's output is repeated on the stream, and input
# the stream has is taken by input(); a stream that fails is detached
import os, io

print(os.dupterm())
b = io.BytesIO()
print(os.dupterm(b))
print('mirrored line')
print(os.dupterm(None) is b)
print(b.getvalue())
print('not mirrored')
print(b.getvalue())


class Duplex(io.IOBase):
    def __init__(self, incoming):
        self.incoming = incoming
        self.out = bytearray()

    def readinto(self, buf):
        if not self.incoming:
            return None  # nothing yet
        n = min(len(buf), len(self.incoming))
        buf[:n] = self.incoming[:n]
        self.incoming = self.incoming[n:]
        return n

    def write(self, data):
        self.out += data
        return len(data)


d = Duplex(b'typed line\nsecond\n')
os.dupterm(d)
line1 = input('prompt> ')
line2 = input()
os.dupterm(None)
print(repr(line1), repr(line2), bytes(d.out))

# both slots at once
d0, d1 = Duplex(b''), Duplex(b'')
os.dupterm(d0, 0)
os.dupterm(d1, 1)
print('to both')
print(os.dupterm(None, 1) is d1, os.dupterm(None, 0) is d0)
print(bytes(d0.out), bytes(d1.out))


class Broken(io.IOBase):
    def write(self, data):
        raise OSError(5)

    def readinto(self, buf):
        return None


os.dupterm(Broken(), 1)
print('the stream fails here')
print(os.dupterm(None, 1))

# errors
for args in [(None, 2), (None, -1)]:
    try:
        os.dupterm(*args)
    except ValueError:
        print('ValueError')
for args in [(42,), ('text',), (None, 'x')]:
    try:
        os.dupterm(*args)
    except TypeError:
        print('TypeError')
print(os.dupterm_notify(None), os.dupterm_notify(d))
