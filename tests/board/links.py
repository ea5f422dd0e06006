"""Serial lines to the virtual board, as a host tool sees them: a pseudo-
terminal (what `campy-board --serial pty` prints) or an RFC 2217 server
(`--serial rfc2217:PORT`), both behind one small interface:

    write(data)                       send bytes
    read_until(token, timeout)        bytes up to and including token
    read_exact(n, timeout)            exactly n bytes
    read_for(seconds)                 whatever arrives in that time
    mark() / since_mark()             where a test's output starts

The RFC 2217 client speaks Telnet (RFC 854, option negotiation per RFC 855)
in binary mode, escapes IAC in both directions and sends COM-PORT-OPTION
commands: baud rate, data size, parity, stop size and the DTR/RTS lines.
Every wait has a deadline; a silent or hung board raises LinkTimeout.
"""

import os
import select
import socket
import struct
import termios
import time
import tty


class LinkTimeout(Exception):
    pass


class LinkClosed(Exception):
    pass


def shown(data, limit=600):
    """Bytes as a readable repr, the end kept when long."""
    if len(data) > limit:
        return "...%r" % bytes(data[-limit:])
    return repr(bytes(data))


class Link:
    """What both kinds of serial line share: a receive buffer that keeps
    everything that arrived, and a read position in it."""

    def __init__(self):
        self.received = bytearray()  # everything, from the start
        self.pos = 0                 # what the reader has consumed
        self.closed = False

    # --- filled in by each kind of line
    def _fill(self, timeout):
        """Waits up to timeout for bytes and appends them to self.received.
        Returns False at end of file."""
        raise NotImplementedError

    def write(self, data, timeout=10.0):
        raise NotImplementedError

    def close(self):
        raise NotImplementedError

    # --- reading
    def pending(self):
        return bytes(self.received[self.pos:])

    def discard(self):
        """Forgets what arrived so far (and what arrives in 50 ms)."""
        self.read_for(0.05)
        self.pos = len(self.received)

    def mark(self):
        self.pos = len(self.received)
        return self.pos

    def since(self, start):
        return bytes(self.received[start:])

    def poll(self):
        """Takes in what has already arrived, without waiting."""
        if not self.closed:
            self._fill(0.0)

    def read_until(self, token, timeout=5.0, what=None):
        """Bytes from the read position up to the end of `token` (bytes,
        or a compiled bytes regex); the position moves past it."""
        deadline = time.monotonic() + timeout
        while True:
            if hasattr(token, "search"):
                m = token.search(self.received, self.pos)
                end = m.end() if m else -1
            else:
                k = self.received.find(token, self.pos)
                end = k + len(token) if k >= 0 else -1
            if end >= 0:
                out = bytes(self.received[self.pos:end])
                self.pos = end
                return out
            left = deadline - time.monotonic()
            name = what or repr(getattr(token, "pattern", token))
            if self.closed:
                raise LinkClosed("line closed while waiting for %s; got %s" % (
                    name, shown(self.received[self.pos:])))
            if left <= 0:
                raise LinkTimeout("timed out (%.1f s) waiting for %s; got %s" % (
                    timeout, name, shown(self.received[self.pos:])))
            if not self._fill(min(left, 0.2)):
                self.closed = True

    def read_exact(self, n, timeout=5.0):
        deadline = time.monotonic() + timeout
        while len(self.received) - self.pos < n:
            left = deadline - time.monotonic()
            if self.closed:
                raise LinkClosed("line closed while waiting for %d bytes; got %s" % (
                    n, shown(self.received[self.pos:])))
            if left <= 0:
                raise LinkTimeout("timed out waiting for %d bytes; got %s" % (
                    n, shown(self.received[self.pos:])))
            if not self._fill(min(left, 0.2)):
                self.closed = True
        out = bytes(self.received[self.pos:self.pos + n])
        self.pos += n
        return out

    def read_for(self, seconds):
        """Everything that arrives within `seconds` (the position moves)."""
        deadline = time.monotonic() + seconds
        while not self.closed:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if not self._fill(min(left, 0.2)):
                self.closed = True
        out = bytes(self.received[self.pos:])
        self.pos = len(self.received)
        return out

    def quiet_for(self, seconds, limit):
        """Waits until nothing arrives for `seconds`, at most `limit` s;
        returns what came meanwhile."""
        start = self.pos
        end = time.monotonic() + limit
        last = len(self.received)
        quiet_since = time.monotonic()
        while time.monotonic() < end and not self.closed:
            if not self._fill(0.05):
                self.closed = True
            if len(self.received) != last:
                last = len(self.received)
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= seconds:
                break
        self.pos = len(self.received)
        return bytes(self.received[start:])


# ---------------------------------------------------------------- pty

class FdLink(Link):
    """A link over a file descriptor: a pseudo-terminal's slave side (the
    board's serial line) or its master side (a terminal program's screen
    and keyboard)."""

    def __init__(self, fd):
        super().__init__()
        self.fd = fd

    def _fill(self, timeout):
        try:
            r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        except InterruptedError:
            return True
        if not r:
            return True
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return True
        except OSError:  # EIO: the other side closed it
            return False
        if not data:
            return False
        self.received += data
        return True

    def write(self, data, timeout=10.0):
        if isinstance(data, str):
            data = data.encode()
        deadline = time.monotonic() + timeout
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LinkTimeout("could not send %d more bytes (the other side is not reading)"
                                  % len(view))
            r, w, _ = select.select([self.fd], [self.fd], [], min(left, 0.2))
            if r:
                self._fill(0.0)
            if w:
                try:
                    n = os.write(self.fd, view[:1024])
                except BlockingIOError:
                    continue
                view = view[n:]

    def close(self):
        if self.fd is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None
        self.closed = True


class PtyLink(FdLink):
    """The slave side of the board's pseudo-terminal, opened the way a
    terminal program opens a serial device: raw, 8N1, 115200 baud."""

    def __init__(self, path, baud=115200):
        super().__init__(os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK))
        self.path = path
        tty.setraw(self.fd, termios.TCSANOW)  # TCSAFLUSH would drop the boot output
        attrs = termios.tcgetattr(self.fd)
        speed = getattr(termios, "B%d" % baud)
        attrs[4] = attrs[5] = speed
        attrs[2] &= ~(termios.CRTSCTS if hasattr(termios, "CRTSCTS") else 0)
        attrs[2] |= termios.CLOCAL | termios.CREAD
        termios.tcsetattr(self.fd, termios.TCSANOW, attrs)


# ---------------------------------------------------------------- RFC 2217

IAC, DONT, DO, WONT, WILL, SB = 255, 254, 253, 252, 251, 250
SE, NOP = 240, 241
OPT_BINARY, OPT_ECHO, OPT_SGA, OPT_COM_PORT = 0, 1, 3, 44

# COM-PORT-OPTION commands, client to server; the server answers with +100
CPO_SIGNATURE = 0
CPO_SET_BAUDRATE = 1
CPO_SET_DATASIZE = 2
CPO_SET_PARITY = 3
CPO_SET_STOPSIZE = 4
CPO_SET_CONTROL = 5
CPO_NOTIFY_LINESTATE = 6
CPO_NOTIFY_MODEMSTATE = 7
CPO_PURGE_DATA = 12
SERVER_OFFSET = 100

# SET-CONTROL values
CONTROL_FLOW_NONE = 1
CONTROL_DTR_REQUEST, CONTROL_DTR_ON, CONTROL_DTR_OFF = 7, 8, 9
CONTROL_RTS_REQUEST, CONTROL_RTS_ON, CONTROL_RTS_OFF = 10, 11, 12


class TelnetComPort(Link):
    """An RFC 2217 client. The options we ask for: BINARY both ways, SGA
    both ways, COM-PORT-OPTION from our side (the server answers DO)."""

    WANT_LOCAL = (OPT_BINARY, OPT_SGA, OPT_COM_PORT)   # we WILL
    WANT_REMOTE = (OPT_BINARY, OPT_SGA)                # they WILL

    def __init__(self, host, port, timeout=5.0, negotiate=True):
        super().__init__()
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setblocking(False)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.local = {}    # option -> "on" / "off" / "asked"
        self.remote = {}
        self.answers = []  # (command, value bytes) from the server, in order
        self.negotiation_log = []
        self._state = "data"
        self._sb = bytearray()
        self._cr = False
        self.raw_in = bytearray()  # the bytes as they came off the socket
        if negotiate:
            self.negotiate(timeout)

    # --- negotiation (RFC 854/855): answer each request once, never loop
    def _send_raw(self, data):
        deadline = time.monotonic() + 10.0
        view = memoryview(bytes(data))
        while view:
            if time.monotonic() > deadline:
                raise LinkTimeout("could not send %d more bytes to the RFC 2217 server" % len(view))
            try:
                n = self.sock.send(view)
                view = view[n:]
            except BlockingIOError:
                select.select([], [self.sock], [], 0.2)
                self._fill(0.0)
            except OSError as e:
                raise LinkClosed("RFC 2217 connection lost while sending: %s" % e)

    def _ask(self, verb, opt):
        self._send_raw(bytes([IAC, verb, opt]))
        table = self.local if verb in (WILL, WONT) else self.remote
        if verb in (WILL, DO):
            table[opt] = "asked"

    def negotiate(self, timeout):
        for opt in self.WANT_LOCAL:
            self._ask(WILL, opt)
        for opt in self.WANT_REMOTE:
            self._ask(DO, opt)
        deadline = time.monotonic() + timeout
        while self.local.get(OPT_COM_PORT) == "asked" or \
                self.local.get(OPT_BINARY) == "asked" or \
                self.remote.get(OPT_BINARY) == "asked":
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if not self._fill(min(left, 0.2)):
                raise LinkClosed("server closed the connection during negotiation")
        if self.local.get(OPT_COM_PORT) != "on":
            raise LinkClosed("the server did not accept COM-PORT-OPTION (state %r; log %r)" % (
                self.local.get(OPT_COM_PORT), self.negotiation_log))

    def _on_verb(self, verb, opt):
        self.negotiation_log.append((verb, opt))
        if verb in (WILL, WONT):
            table, wanted, yes, no = self.remote, self.WANT_REMOTE, DO, DONT
        else:
            table, wanted, yes, no = self.local, self.WANT_LOCAL, WILL, WONT
        state = table.get(opt, "off")
        if verb in (WILL, DO):
            if opt in wanted:
                if state == "asked":
                    table[opt] = "on"
                elif state == "off":
                    table[opt] = "on"
                    self._send_raw(bytes([IAC, yes, opt]))
            else:
                self._send_raw(bytes([IAC, no, opt]))
        else:  # WONT / DONT
            if state == "on":
                self._send_raw(bytes([IAC, no, opt]))
            table[opt] = "off"

    def _on_subnegotiation(self, sb):
        if len(sb) >= 2 and sb[0] == OPT_COM_PORT:
            self.answers.append((sb[1], bytes(sb[2:])))

    # --- receiving: split Telnet commands from the data
    def _fill(self, timeout):
        try:
            r, _, _ = select.select([self.sock], [], [], max(0.0, timeout))
        except InterruptedError:
            return True
        if not r:
            return True
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return True
        except OSError:
            return False
        if not data:
            return False
        self.raw_in += data
        self._decode(data)
        return True

    def _decode(self, data):
        binary_in = self.remote.get(OPT_BINARY) == "on"
        out = self.received
        for b in data:
            st = self._state
            if st == "data":
                if b == IAC:
                    self._state = "iac"
                elif self._cr and b == 0 and not binary_in:
                    pass  # CR NUL is a bare CR on an NVT
                else:
                    out.append(b)
                self._cr = (b == 13)
            elif st == "iac":
                if b == IAC:
                    out.append(IAC)
                    self._state = "data"
                elif b in (WILL, WONT, DO, DONT):
                    self._verb = b
                    self._state = "verb"
                elif b == SB:
                    self._sb = bytearray()
                    self._state = "sb"
                else:  # NOP, GA, DM...: no data
                    self._state = "data"
            elif st == "verb":
                self._state = "data"
                self._on_verb(self._verb, b)
            elif st == "sb":
                if b == IAC:
                    self._state = "sb_iac"
                else:
                    self._sb.append(b)
            elif st == "sb_iac":
                if b == SE:
                    self._on_subnegotiation(self._sb)
                    self._state = "data"
                else:  # IAC IAC inside: one 0xFF
                    self._sb.append(b)
                    self._state = "sb"

    # --- sending data
    def write(self, data, timeout=10.0):
        if isinstance(data, str):
            data = data.encode()
        data = bytes(data).replace(b"\xff", b"\xff\xff")
        if self.local.get(OPT_BINARY) != "on":
            data = data.replace(b"\r", b"\r\x00")
        self._send_raw(data)

    # --- COM-PORT-OPTION commands
    def command(self, cmd, value):
        """Sends IAC SB COM-PORT-OPTION cmd value IAC SE (value escaped)."""
        body = bytes([cmd]) + bytes(value)
        self._send_raw(bytes([IAC, SB, OPT_COM_PORT]) + body.replace(b"\xff", b"\xff\xff") +
                       bytes([IAC, SE]))

    def wait_answer(self, cmd, timeout=3.0, start=0):
        """The first answer to `cmd` (server code cmd+100) from index
        `start` of self.answers; its value bytes."""
        want = cmd + SERVER_OFFSET
        deadline = time.monotonic() + timeout
        while True:
            for i in range(start, len(self.answers)):
                if self.answers[i][0] == want:
                    return self.answers[i][1]
            left = deadline - time.monotonic()
            if left <= 0:
                raise LinkTimeout("no answer %d to COM-PORT-OPTION command %d within %.1f s "
                                  "(answers so far %r)" % (want, cmd, timeout, self.answers))
            if not self._fill(min(left, 0.2)):
                self.closed = True
                raise LinkClosed("connection closed waiting for answer %d" % want)

    def set_baudrate(self, baud):
        start = len(self.answers)
        self.command(CPO_SET_BAUDRATE, struct.pack(">I", baud))
        return struct.unpack(">I", self.wait_answer(CPO_SET_BAUDRATE, start=start)[:4])[0]

    def set_control(self, value):
        start = len(self.answers)
        self.command(CPO_SET_CONTROL, bytes([value]))
        return self.wait_answer(CPO_SET_CONTROL, start=start)[0]

    def configure(self, baud=115200):
        """What a serial library does when it opens the port: 8N1, no flow
        control, the baud rate."""
        got = self.set_baudrate(baud)
        for cmd, value in ((CPO_SET_DATASIZE, 8), (CPO_SET_PARITY, 1), (CPO_SET_STOPSIZE, 1)):
            start = len(self.answers)
            self.command(cmd, bytes([value]))
            self.wait_answer(cmd, start=start)
        self.set_control(CONTROL_FLOW_NONE)
        return got

    def dtr(self, on):
        return self.set_control(CONTROL_DTR_ON if on else CONTROL_DTR_OFF)

    def rts(self, on):
        return self.set_control(CONTROL_RTS_ON if on else CONTROL_RTS_OFF)

    # --- the reset dances of host tools
    def classic_download_reset(self):
        """esptool's classic reset into the ROM loader: EN low (RTS) with
        IO0 high, then EN released while DTR pulls IO0 low."""
        self.dtr(False)
        self.rts(True)
        time.sleep(0.1)
        self.dtr(True)
        self.rts(False)
        time.sleep(0.05)
        self.dtr(False)

    def hard_reset(self, hold=0.1):
        """esptool's hard reset after flashing, and Thonny's "restart the
        board": RTS pulses EN low with DTR released."""
        self.dtr(False)
        self.rts(True)
        time.sleep(hold)
        self.rts(False)

    def open_like_terminal(self):
        """A terminal program (PuTTY, Thonny) opening the port asserts DTR
        and RTS."""
        self.dtr(True)
        self.rts(True)

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None
        self.closed = True
