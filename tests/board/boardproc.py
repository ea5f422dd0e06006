"""Starting and stopping build/campy-board for a test, and reading and
editing its flash image file.

A Board runs one campy-board process in its own process group with a
temporary flash image, keeps everything it writes on stdout and stderr
(the board's side channel), and opens its serial line: the pty whose path
it prints, or its RFC 2217 server on a free port. Leaving the `with`
block (or any error) always ends the process: SIGTERM, then SIGKILL.
"""

import hashlib
import os
import re
import signal
import socket
import struct
import subprocess
import threading
import time

from links import LinkTimeout, PtyLink, TelnetComPort

FLASH_SIZE = 4 * 1024 * 1024
PTABLE_OFFSET = 0x8000
VFS_OFFSET = 0x200000
VFS_SIZE = 0x200000

# The layout issue 5 asks for: (label, type, subtype, offset, size)
EXPECTED_PARTITIONS = [
    ("nvs", 0x01, 0x02, 0x9000, 0x6000),
    ("phy_init", 0x01, 0x01, 0xF000, 0x1000),
    ("factory", 0x00, 0x00, 0x10000, 0x1F0000),
    ("vfs", 0x01, 0x81, 0x200000, 0x200000),
]


class Options:
    board = "build/campy-board"
    tool = "build/campy-tool"
    verbose = False


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BoardError(Exception):
    pass


class Board:
    """One run of the virtual board.

    serial: "pty" or "rfc2217"; args: more command-line options."""

    PTY_PATH = re.compile(rb"(/dev/pts/\d+)")

    def __init__(self, flash, serial="pty", args=(), connect=True, env=None):
        self.flash = flash
        self.serial = serial
        self.args = list(args)
        self.connect = connect
        self.env = env
        self.proc = None
        self.link = None
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.port = None
        self.started_at = None
        self._threads = []

    # --- the process
    def argv(self):
        argv = [Options.board]
        if self.flash is not None:
            argv += ["--flash", self.flash]
        if self.serial == "rfc2217":
            self.port = free_port()
            argv += ["--serial", "rfc2217:%d" % self.port]
        elif self.serial:
            argv += ["--serial", self.serial]
        return argv + self.args

    def start(self, timeout=10.0):
        env = dict(os.environ)
        env["LC_ALL"] = "C.UTF-8"
        if self.env:
            env.update(self.env)
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(self.argv(), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True, env=env)
        for stream, buf in ((self.proc.stdout, self.stdout), (self.proc.stderr, self.stderr)):
            t = threading.Thread(target=self._collect, args=(stream, buf), daemon=True)
            t.start()
            self._threads.append(t)
        if self.connect:
            self.open_link(timeout)
        return self

    @staticmethod
    def _collect(stream, buf):
        while True:
            try:
                data = os.read(stream.fileno(), 65536)
            except OSError:
                return
            if not data:
                return
            buf += data

    def side_text(self):
        """stdout and stderr of the process, as text."""
        return (bytes(self.stdout) + bytes(self.stderr)).decode("utf-8", "replace")

    def exited(self):
        return self.proc is not None and self.proc.poll() is not None

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise BoardError("campy-board did not exit within %.1f s; side channel: %r" % (
                timeout, self.side_text()[-600:]))

    def open_link(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        if self.serial.startswith("pty"):
            while True:
                m = self.PTY_PATH.search(bytes(self.stdout) + bytes(self.stderr))
                if m:
                    break
                if self.exited():
                    raise BoardError("campy-board exited (status %r) before printing a pty "
                                     "path; side channel: %r" % (self.proc.returncode,
                                                                 self.side_text()[-800:]))
                if time.monotonic() > deadline:
                    raise BoardError("campy-board printed no /dev/pts path within %.1f s; "
                                     "side channel: %r" % (timeout, self.side_text()[-800:]))
                time.sleep(0.02)
            self.link = PtyLink(m.group(1).decode())
        elif self.serial == "rfc2217":
            last = None
            while True:
                try:
                    self.link = TelnetComPort("127.0.0.1", self.port)
                    break
                except (ConnectionRefusedError, OSError) as e:
                    last = e
                if self.exited():
                    raise BoardError("campy-board exited (status %r) before its RFC 2217 "
                                     "server took a connection; side channel: %r" % (
                                         self.proc.returncode, self.side_text()[-800:]))
                if time.monotonic() > deadline:
                    raise BoardError("could not connect to 127.0.0.1:%d within %.1f s (%s); "
                                     "side channel: %r" % (self.port, timeout, last,
                                                           self.side_text()[-800:]))
                time.sleep(0.05)
        else:
            raise BoardError("no link for serial %r" % self.serial)
        return self.link

    def stop(self, grace=3.0):
        """Ends the process: SIGTERM to its group, SIGKILL after `grace` s."""
        if self.link is not None:
            self.link.close()
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.proc.wait(5.0)
        self._wait_group_gone()
        for t in self._threads:
            t.join(1.0)
        return self.proc.returncode

    def _wait_group_gone(self, timeout=3.0):
        """The board may run the chip as a child process: wait until the
        whole process group is gone (it may hold the image's lock),
        SIGKILL what is left after `timeout`."""
        deadline = time.monotonic() + timeout
        killed = False
        while True:
            try:
                os.killpg(self.proc.pid, 0)
            except (ProcessLookupError, PermissionError):
                return
            if time.monotonic() > deadline:
                if killed:
                    return
                self._signal(signal.SIGKILL)
                killed = True
                deadline = time.monotonic() + 2.0
            time.sleep(0.02)

    def power_cut(self):
        """SIGKILL, the way pulling the USB cable ends a board."""
        if self.link is not None:
            self.link.close()
        if self.proc is not None and self.proc.poll() is None:
            self._signal(signal.SIGKILL)
            self.proc.wait(5.0)
        self._wait_group_gone()

    def _signal(self, sig):
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
        return False


# ---------------------------------------------------------------- flash image

def read_bytes(path, offset, n):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(n)


def write_bytes(path, offset, data):
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(data)


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def parse_partition_table(table):
    """Espressif's binary partition table: 32-byte entries (magic AA 50,
    type, subtype, offset, size, 16-byte label, flags), then an MD5 entry
    (magic EB EB, 14 bytes FF, the MD5 of the entries before it), then FF.
    Returns (entries, md5_ok or None when there is no MD5 entry)."""
    entries = []
    md5_ok = None
    for i in range(0, len(table), 32):
        e = table[i:i + 32]
        if e[:2] == b"\xaa\x50":
            ptype, subtype, offset, size = struct.unpack("<BBII", e[2:12])
            label = e[12:28].split(b"\x00")[0].decode("ascii", "replace")
            flags = struct.unpack("<I", e[28:32])[0]
            entries.append((label, ptype, subtype, offset, size, flags))
        elif e[:2] == b"\xeb\xeb":
            md5_ok = hashlib.md5(table[:i]).digest() == e[16:32]
            break
        else:
            break
    return entries, md5_ok


def extract_vfs(image, out):
    with open(out, "wb") as f:
        f.write(read_bytes(image, VFS_OFFSET, VFS_SIZE))
    return out


def fs_image_ls(image, workdir):
    """Lists the vfs partition of a flash image with campy-tool fs-image:
    the board's files read by an independent littlefs reader."""
    part = extract_vfs(image, os.path.join(workdir, "vfs-part.bin"))
    r = subprocess.run([Options.tool, "fs-image", "ls", part], capture_output=True,
                       timeout=30)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def fs_image_get(image, path, workdir):
    part = extract_vfs(image, os.path.join(workdir, "vfs-part.bin"))
    r = subprocess.run([Options.tool, "fs-image", "get", part, path], capture_output=True,
                       timeout=30)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


__all__ = ["Board", "BoardError", "LinkTimeout", "Options", "FLASH_SIZE", "PTABLE_OFFSET",
           "VFS_OFFSET", "VFS_SIZE", "EXPECTED_PARTITIONS", "read_bytes", "write_bytes",
           "digest", "parse_partition_table", "fs_image_ls", "fs_image_get", "free_port"]
