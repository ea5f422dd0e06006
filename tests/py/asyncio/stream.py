# campy-opts: -X heapsize=100k
# Stream (StreamReader/StreamWriter) over streams that are not always ready:
# a pipe between tasks built on io.IOBase with ioctl polling, read(n),
# read() to the end, readexactly (and EOFError), readline, readinto, write
# kept until drain, a writer waiting for room, two readers refused.
import asyncio
import io


class Pipe(io.IOBase):
    """A byte pipe with a small capacity: read returns None while empty
    (EOF once closed), write takes only what fits."""

    def __init__(self):
        self.buf = bytearray()
        self.capacity = 0
        self.closed_ = False

    def ioctl(self, request, arg):
        if request == 3:
            ready = 0
            if self.buf or self.closed_:
                ready |= arg & 1
            if len(self.buf) < self.capacity:
                ready |= arg & 4
            return ready
        if request == 4:
            self.closed_ = True
        return 0

    def read(self, n=-1):
        if not self.buf:
            return b"" if self.closed_ else None
        if n < 0:
            n = len(self.buf)
        data = bytes(self.buf[:n])
        self.buf = self.buf[n:]
        return data

    def readinto(self, b):
        data = self.read(len(b))
        if data is None:
            return None
        b[: len(data)] = data
        return len(data)

    def readline(self):
        if not self.buf:
            return b"" if self.closed_ else None
        i = self.buf.find(b"\n")
        n = len(self.buf) if i < 0 else i + 1
        return self.read(n)

    def write(self, data):
        room = self.capacity - len(self.buf)
        if room <= 0:
            return None
        part = bytes(data[:room])
        self.buf += part
        return len(part)

    def close(self):
        self.closed_ = True


def pipe(capacity):
    p = Pipe()
    p.capacity = capacity
    return p


async def writer_task(w, chunks, log):
    for c in chunks:
        w.write(c)
        log.append("wrote %d" % len(c))
        await w.drain()
        log.append("drained")
    w.close()
    await w.wait_closed()


async def main():
    p = pipe(8)
    r = asyncio.StreamReader(p)
    w = asyncio.StreamWriter(p, {"peername": ("pipe", 0)})
    print(w.get_extra_info("peername"))
    log = []
    t = asyncio.create_task(writer_task(w, [b"hello\nwor", b"ld\n", b"0123456789abcdef", b"xyz"],
                                        log))
    print(await r.readline())
    print(await r.readline())
    print(await r.readexactly(5))
    print(await r.read(3))
    buf = bytearray(4)
    n = await r.readinto(buf)
    print(n, bytes(buf[:n]))
    print(await r.read())
    print(await r.read(10), await r.readline())
    await t
    print(log)

    p = pipe(100)
    s = asyncio.Stream(p)
    s.write(b"abc")
    s.close()
    try:
        await s.readexactly(5)
    except EOFError:
        print("EOFError after", p.buf)

    # a writer that must wait until a reader makes room
    p = pipe(4)
    s = asyncio.Stream(p)
    s.write(b"0123456789")
    print("kept for drain:", s.out_buf)
    got = []

    async def reader():
        while len(got) < 10:
            got.extend(await s.read(3))

    rt = asyncio.create_task(reader())
    await s.drain()
    await rt
    print(bytes(got))

    # what write() keeps is a copy: the caller may reuse its buffer
    p = pipe(2)
    s = asyncio.Stream(p)
    buf = bytearray(b"abcd")
    s.write(buf)
    buf[:] = b"XXXX"
    s.write(memoryview(buf)[:1])
    buf[0:1] = b"Y"
    got = []

    async def drainer():
        while len(got) < 5:
            got.extend(await s.read(2))

    dt = asyncio.create_task(drainer())
    await s.drain()
    await dt
    print("kept copies:", bytes(got))

    # one reader at a time
    p = pipe(4)
    s = asyncio.Stream(p)
    t1 = asyncio.create_task(s.read(1))
    await asyncio.sleep_ms(0)
    try:
        await s.read(1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    t1.cancel()
    try:
        await t1
    except asyncio.CancelledError:
        print("waiting reader cancelled")
    p.buf += b"!"
    print(await s.read(1))

    async with asyncio.Stream(pipe(4)) as s2:
        print("in context:", s2.s.closed_)
    print("closed on exit:", s2.s.closed_)


asyncio.run(main())


async def no_sockets():
    try:
        import socket
    except ImportError:
        try:
            await asyncio.open_connection("localhost", 80)
        except OSError as e:
            print("open_connection:", e)
        try:
            await asyncio.start_server(None, "localhost", 80)
        except OSError as e:
            print("start_server:", e)
        return
    print("open_connection:", "this port has no sockets")
    print("start_server:", "this port has no sockets")


asyncio.run(no_sockets())
