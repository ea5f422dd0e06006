"""MicroPython's raw REPL, driven the way host tools drive it, written from
the protocol's documentation (docs/reference/repl.rst, "Raw mode and
raw-paste mode"):

  enter        Ctrl-C to stop what runs, Ctrl-A; the board answers
               "raw REPL; CTRL-B to exit\\r\\n>"
  exec         code, Ctrl-D; the board answers "OK", runs it and sends
               stdout, \\x04, the uncaught exception's text, \\x04, ">"
  raw-paste    "\\x05A\\x01"; the board answers "R\\x01" and a 16-bit little
               endian window increment; the code goes in at most the window,
               each \\x01 from the board adds one increment, a \\x04 from the
               board means "stop sending" and is answered with \\x04; a
               final \\x04 ends the code and the board acknowledges with
               \\x04 before it runs it
  soft reset   Ctrl-D on an empty raw REPL line: "soft reboot", then the raw
               REPL banner again
  leave        Ctrl-B: the friendly REPL's banner and ">>> "
"""

import time

from links import LinkTimeout

RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"


class ProtocolError(Exception):
    pass


class RawPasteStats:
    def __init__(self):
        self.window = 0
        self.increments = 0       # \x01 bytes received
        self.device_end = False   # the board sent \x04 to stop the data
        self.sent = 0
        self.seconds = 0.0


class RawRepl:
    def __init__(self, link, chunk=256, chunk_pause=0.01):
        self.link = link
        self.chunk = chunk
        self.chunk_pause = chunk_pause

    def enter(self, timeout=5.0):
        link = self.link
        link.write(b"\r\x03")
        time.sleep(0.05)
        link.write(b"\x03")
        link.discard()
        link.write(b"\r\x01")
        link.read_until(RAW_BANNER + b">", timeout, "the raw REPL banner")

    def soft_reset(self, timeout=10.0):
        """Ctrl-D at the raw prompt; returns what the board printed on the
        way back to the raw REPL (boot.py output...)."""
        self.link.write(b"\x04")
        self.link.read_until(b"soft reboot\r\n", timeout, "'soft reboot'")
        return self.link.read_until(RAW_BANNER + b">", timeout, "the raw REPL banner after "
                                    "the soft reboot")

    def leave(self, timeout=5.0):
        self.link.write(b"\x02")
        return self.link.read_until(b">>> ", timeout, "the friendly prompt after Ctrl-B")

    def send_code(self, code):
        """Plain raw mode has no flow control: send in small pieces with a
        pause, as host tools do for boards with small UART buffers."""
        for i in range(0, len(code), self.chunk):
            self.link.write(code[i:i + self.chunk])
            if self.chunk_pause:
                time.sleep(self.chunk_pause)

    def exec_start(self, code, timeout=5.0):
        """Sends code and Ctrl-D, waits for OK; the code then runs."""
        if isinstance(code, str):
            code = code.encode()
        self.send_code(code)
        self.link.write(b"\x04")
        ok = self.link.read_exact(2, timeout)
        if ok != b"OK":
            raise ProtocolError("expected OK after the code, got %r then %r" % (
                ok, self.link.pending()[:200]))

    def follow(self, timeout=10.0):
        """stdout and the exception text of the running code, then the
        raw prompt."""
        out = self.link.read_until(b"\x04", timeout, "the end of the output (\\x04)")[:-1]
        err = self.link.read_until(b"\x04", timeout, "the end of the error text (\\x04)")[:-1]
        prompt = self.link.read_exact(1, timeout)
        if prompt != b">":
            raise ProtocolError("expected '>' after the output, got %r" % prompt)
        return out, err

    def exec(self, code, timeout=10.0):
        self.exec_start(code, timeout=min(timeout, 5.0))
        return self.follow(timeout)

    def eval(self, expr, timeout=10.0):
        """repr() of an expression, as text; raises ProtocolError with the
        board's traceback when it fails."""
        out, err = self.exec("print(repr(%s))" % expr, timeout)
        if err:
            raise ProtocolError("%s raised:\n%s" % (expr, err.decode("utf-8", "replace")))
        return out.decode("utf-8", "replace").rstrip("\r\n")

    def run_ok(self, code, timeout=10.0):
        """Runs code that must not raise; returns its output as text."""
        out, err = self.exec(code, timeout)
        if err:
            raise ProtocolError("code raised:\n%s\n--- code:\n%s" % (
                err.decode("utf-8", "replace"), code if len(code) < 400 else code[:400]))
        return out.decode("utf-8", "replace")

    # --- raw-paste
    def raw_paste_start(self, timeout=5.0):
        """Asks for raw-paste mode; returns the window increment, or None
        when the board answers that it has no raw-paste (then the plain raw
        REPL is still there)."""
        self.link.write(b"\x05A\x01")
        answer = self.link.read_exact(2, timeout)
        if answer == b"R\x01":
            return int.from_bytes(self.link.read_exact(2, timeout), "little")
        if answer == b"R\x00":
            return None
        if answer == b"ra":
            self.link.read_until(b"w REPL; CTRL-B to exit\r\n>", timeout)
            return None
        raise ProtocolError("unexpected answer to \\x05A\\x01: %r %r" % (
            answer, self.link.pending()[:100]))

    def raw_paste(self, code, timeout=30.0, stats=None):
        """Sends code in raw-paste mode with its flow control; returns
        (stdout, error text). Raises ProtocolError when the board has no
        raw-paste mode."""
        if isinstance(code, str):
            code = code.encode()
        stats = stats or RawPasteStats()
        t0 = time.monotonic()
        window = self.raw_paste_start()
        if window is None:
            raise ProtocolError("the board did not enter raw-paste mode")
        if window <= 0:
            raise ProtocolError("raw-paste window increment is %d" % window)
        stats.window = window
        link = self.link
        deadline = time.monotonic() + timeout
        remaining = window
        acked = window          # bytes the board has allowed so far
        i = 0
        while i < len(code):
            if time.monotonic() > deadline:
                raise LinkTimeout("raw-paste: sent %d of %d bytes in %.1f s (window %d, "
                                  "%d increments)" % (i, len(code), timeout, window,
                                                      stats.increments))
            # read flow-control bytes when the window is used up or one waits
            link.poll()
            while remaining == 0 or len(link.received) > link.pos:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                b = link.read_exact(1, min(left, 5.0))
                if b == b"\x01":
                    remaining += window
                    acked += window
                    stats.increments += 1
                elif b == b"\x04":
                    stats.device_end = True
                    link.write(b"\x04")
                    i = len(code)
                    break
                else:
                    raise ProtocolError("raw-paste: unexpected byte %r from the board after "
                                        "%d bytes; then %r" % (b, i, link.pending()[:200]))
            if i >= len(code):
                break
            n = min(remaining, len(code) - i)
            link.write(code[i:i + n])
            i += n
            remaining -= n
            stats.sent = i
            if i > acked:
                raise ProtocolError("raw-paste: sent beyond the window (a bug of this client)")
        if not stats.device_end:
            link.write(b"\x04")
        # the board acknowledges the end with \x04 (flow-control bytes may
        # still come before it); after the board's own \x04 nothing more
        while not stats.device_end:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LinkTimeout("raw-paste: no \\x04 after the end of the code")
            b = link.read_exact(1, left)
            if b == b"\x04":
                break
            if b == b"\x01":
                stats.increments += 1
                continue
            raise ProtocolError("raw-paste: unexpected byte %r while waiting for the end "
                                "acknowledgement; then %r" % (b, link.pending()[:200]))
        out, err = self.follow(max(1.0, deadline - time.monotonic()))
        stats.seconds = time.monotonic() - t0
        return out, err
