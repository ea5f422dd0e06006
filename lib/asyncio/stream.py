# asyncio/stream.py - Stream (also StreamReader and StreamWriter): a
# non-blocking stream (socket, UART, pipe, any io.IOBase with ioctl) read
# and written by tasks that wait for it through select.poll; and TCP
# connections and servers where the port has sockets.
#
# The stream's read methods return None when nothing is there yet; writes
# may take only part of the data. Output is kept until drain(). Text streams
# (sys.stdin) give str, binary ones bytes.

from . import core


class Stream:
    def __init__(self, s, e=None):
        self.s = s
        self.e = e if e is not None else {}
        self.out_buf = b""

    def get_extra_info(self, v):
        return self.e[v]

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()

    def close(self):
        self.s.close()

    async def wait_closed(self):
        pass

    async def read(self, n=-1):
        if n < 0:
            parts = []
            while True:
                await core._io_wait(self.s, False)
                data = self.s.read(4096)
                if data is None:
                    continue
                if not data:
                    return data.join(parts)
                parts.append(data)
        while True:
            await core._io_wait(self.s, False)
            data = self.s.read(n)
            if data is not None:
                return data

    async def readinto(self, buf):
        while True:
            await core._io_wait(self.s, False)
            n = self.s.readinto(buf)
            if n is not None:
                return n

    async def readexactly(self, n):
        parts = []
        while n > 0:
            await core._io_wait(self.s, False)
            data = self.s.read(n)
            if data is None:
                continue
            if not data:
                raise EOFError
            parts.append(data)
            n -= len(data)
        return parts[0][:0].join(parts) if parts else b""

    async def readline(self):
        parts = []
        while True:
            await core._io_wait(self.s, False)
            line = self.s.readline()
            if line is None:
                continue
            parts.append(line)
            if not line or line[-1:] in (b"\n", "\n"):
                return line[:0].join(parts)

    def write(self, buf):
        if self.out_buf:
            self.out_buf += buf
            return
        # try at once: most writes need no waiting
        n = self.s.write(buf)
        if n is not None and n >= len(buf):
            return
        rest = buf[n:] if n else buf
        # a copy: the caller may reuse its buffer before drain()
        self.out_buf = rest if isinstance(rest, (str, bytes)) else bytes(rest)

    async def drain(self):
        if not self.out_buf:
            # give other tasks a turn, as a drain that waits would
            await core.sleep_ms(0)
            return
        while self.out_buf:
            await core._io_wait(self.s, True)
            n = self.s.write(self.out_buf)
            if n:
                self.out_buf = self.out_buf[n:]


StreamReader = Stream
StreamWriter = Stream


# ---------------------------------------------------------------- TCP


def _socket():
    try:
        import socket
    except ImportError:
        raise OSError("this port has no sockets")
    return socket


async def open_connection(host, port, ssl=None):
    socket = _socket()
    ai = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    s = socket.socket(ai[0], ai[1], ai[2])
    s.setblocking(False)
    try:
        s.connect(ai[-1])
    except OSError as e:
        if e.errno != 115:  # EINPROGRESS: the connection goes on in the background
            s.close()
            raise
    await core._io_wait(s, True)
    if ssl:
        raise OSError("ssl is not supported")
    ss = Stream(s)
    return ss, ss


class Server:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()
        await self.wait_closed()

    def close(self):
        self.task.cancel()

    async def wait_closed(self):
        await self.task

    async def _serve(self, s, cb):
        try:
            while True:
                await core._io_wait(s, False)
                try:
                    s2, addr = s.accept()
                except OSError:
                    continue
                s2.setblocking(False)
                ss = Stream(s2, {"peername": addr})
                core.create_task(cb(ss, ss))
        finally:
            s.close()


async def start_server(cb, host, port, backlog=5, ssl=None):
    socket = _socket()
    ai = socket.getaddrinfo(host, port)[0]
    s = socket.socket()
    s.setblocking(False)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(ai[-1])
    s.listen(backlog)
    srv = Server()
    srv.task = core.create_task(srv._serve(s, cb))
    return srv
