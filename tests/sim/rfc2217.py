"""A small RFC 2217 client (Telnet Com Port Control) for driving the
virtual board's serial line the way pyserial's rfc2217:// ports do.

    port = ComPort("127.0.0.1", 4000)   # connects and negotiates
    port.set_baudrate(115200)           # -> the rate the server answers
    port.set_control(DTR_ON)            # -> the value the server answers
    port.write(b"...")                  # IAC doubled on the way out
    port.read_until(b"> ", 5.0)         # data only, IAC IAC undone

Every wait has a deadline (Timeout); a closed connection raises Closed.
"""

import select
import socket
import struct
import time

IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
BINARY, ECHO, SGA, COM_PORT = 0, 1, 3, 44

SIGNATURE, SET_BAUDRATE, SET_DATASIZE, SET_PARITY, SET_STOPSIZE, SET_CONTROL = 0, 1, 2, 3, 4, 5
NOTIFY_LINESTATE, NOTIFY_MODEMSTATE, FLOW_SUSPEND, FLOW_RESUME = 6, 7, 8, 9
SET_LINESTATE_MASK, SET_MODEMSTATE_MASK, PURGE_DATA = 10, 11, 12
SERVER = 100

DTR_ON, DTR_OFF, RTS_ON, RTS_OFF = 8, 9, 11, 12


class Timeout(Exception):
    pass


class Closed(Exception):
    pass


class ComPort:
    def __init__(self, host, port, timeout=5.0, binary=True):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setblocking(False)
        self.data = bytearray()      # serial data received, not yet read
        self.answers = []            # (code, value) of COM-PORT-OPTION subnegotiations
        self.verbs = []              # (verb, option) received, in order
        self.they = set()            # options the server WILL
        self.we = set()              # options we WILL (the server said DO)
        self.binary = binary
        self._state = "data"
        self._sub = bytearray()
        self._cr = False
        self.closed = False
        asks = [(WILL, COM_PORT), (DO, SGA), (WILL, SGA), (DO, ECHO)]
        if binary:
            asks += [(WILL, BINARY), (DO, BINARY)]
        self._asked = set(asks)
        for verb, opt in asks:
            self._send(bytes([IAC, verb, opt]))
        end = time.monotonic() + timeout
        while COM_PORT not in self.we or (binary and BINARY not in self.they):
            if time.monotonic() > end:
                raise Timeout("negotiation did not finish: verbs %r" % self.verbs)
            self._fill(0.1)

    # --- the socket
    def _send(self, raw):
        view = memoryview(raw)
        end = time.monotonic() + 10.0
        while view:
            if time.monotonic() > end:
                raise Timeout("server not reading")
            try:
                n = self.sock.send(view)
                view = view[n:]
            except BlockingIOError:
                select.select([self.sock], [self.sock], [], 0.1)
                self._fill(0.0)
            except OSError as e:
                raise Closed(str(e))

    def _fill(self, timeout):
        if self.closed:
            raise Closed("connection closed")
        r, _, _ = select.select([self.sock], [], [], max(0.0, timeout))
        if not r:
            return
        try:
            raw = self.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            raw = b""
        if not raw:
            self.closed = True
            raise Closed("connection closed by the server")
        self._decode(raw)

    def _verb(self, verb, opt):
        self.verbs.append((verb, opt))
        wanted = opt in (BINARY, SGA, COM_PORT, ECHO) and (self.binary or opt != BINARY)
        if verb in (WILL, WONT):
            have, on = self.they, verb == WILL
            yes, no = DO, DONT
        else:
            have, on = self.we, verb == DO
            yes, no = WILL, WONT
            wanted = wanted and opt != ECHO  # we never echo
        asked = (yes, opt) in self._asked
        self._asked.discard((yes, opt))
        if on and not wanted:
            self._send(bytes([IAC, no, opt]))
        elif on != (opt in have):
            (have.add if on else have.discard)(opt)
            if not asked:
                self._send(bytes([IAC, yes if on else no, opt]))

    def _decode(self, raw):
        for b in raw:
            st = self._state
            if st == "data":
                if b == IAC:
                    self._state = "iac"
                elif not (self._cr and b == 0 and BINARY not in self.they):
                    self.data.append(b)
                self._cr = b == 13
            elif st == "iac":
                if b == IAC:
                    self.data.append(IAC)
                    self._state = "data"
                elif b in (WILL, WONT, DO, DONT):
                    self._pending_verb = b
                    self._state = "verb"
                elif b == SB:
                    self._sub = bytearray()
                    self._state = "sub"
                else:
                    self._state = "data"
            elif st == "verb":
                self._state = "data"
                self._verb(self._pending_verb, b)
            elif st == "sub":
                if b == IAC:
                    self._state = "sub_iac"
                else:
                    self._sub.append(b)
            elif st == "sub_iac":
                if b == SE:
                    if len(self._sub) >= 2 and self._sub[0] == COM_PORT:
                        self.answers.append((self._sub[1], bytes(self._sub[2:])))
                    self._state = "data"
                else:
                    self._sub.append(b)
                    self._state = "sub"

    # --- data
    def write(self, data):
        data = bytes(data).replace(b"\xff", b"\xff\xff")
        if BINARY not in self.we:
            data = data.replace(b"\r", b"\r\x00")
        self._send(data)

    def read_until(self, token, timeout=5.0):
        end = time.monotonic() + timeout
        while True:
            k = self.data.find(token)
            if k >= 0:
                out = bytes(self.data[:k + len(token)])
                del self.data[:k + len(token)]
                return out
            if time.monotonic() > end:
                raise Timeout("waiting for %r; got %r" % (token, bytes(self.data[-300:])))
            self._fill(min(0.1, max(0.0, end - time.monotonic())))

    def read_for(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._fill(min(0.1, max(0.0, end - time.monotonic())))
        out = bytes(self.data)
        self.data.clear()
        return out

    # --- COM-PORT-OPTION
    def command(self, code, value=b""):
        body = bytes([COM_PORT, code]) + bytes(value)
        self._send(bytes([IAC, SB]) + body.replace(b"\xff", b"\xff\xff") + bytes([IAC, SE]))

    def answer(self, code, start=0, timeout=3.0):
        end = time.monotonic() + timeout
        while True:
            for c, v in self.answers[start:]:
                if c == code + SERVER:
                    return v
            if time.monotonic() > end:
                raise Timeout("no answer to command %d (answers %r)" % (code, self.answers))
            self._fill(0.1)

    def ask(self, code, value=b""):
        start = len(self.answers)
        self.command(code, value)
        return self.answer(code, start)

    def set_baudrate(self, baud):
        return struct.unpack(">I", self.ask(SET_BAUDRATE, struct.pack(">I", baud)))[0]

    def set_control(self, value):
        return self.ask(SET_CONTROL, bytes([value]))[0]

    def dtr(self, on):
        return self.set_control(DTR_ON if on else DTR_OFF)

    def rts(self, on):
        return self.set_control(RTS_ON if on else RTS_OFF)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
        self.closed = True
