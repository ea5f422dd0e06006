# VfsLfs2 with block devices that fail: the device's exception reaches the
# caller, the filesystem stays usable afterwards; bad geometry is refused
import os
from mod_ramdev import RAMBlockDev


class Flaky(RAMBlockDev):
    fail_reads = fail_writes = False

    def readblocks(self, block, buf, offset=0):
        if self.fail_reads:
            raise RuntimeError("read failed")
        super().readblocks(block, buf, offset)

    def writeblocks(self, block, buf, offset=None):
        if self.fail_writes:
            raise RuntimeError("write failed")
        super().writeblocks(block, buf, offset)


dev = Flaky(512, 64)
os.VfsLfs2.mkfs(dev)
os.mount(dev, "/flaky")
with open("/flaky/keep.txt", "w") as f:
    f.write("kept")

dev.fail_writes = True
try:
    with open("/flaky/new.txt", "w") as f:
        f.write("x" * 3000)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    os.mkdir("/flaky/dir")
except RuntimeError as e:
    print("RuntimeError", e)
dev.fail_writes = False
dev.fail_reads = True
try:
    os.listdir("/flaky")
except RuntimeError as e:
    print("RuntimeError", e)
dev.fail_reads = False
print(sorted(os.listdir("/flaky")), open("/flaky/keep.txt").read())
os.mkdir("/flaky/dir")
print(sorted(os.listdir("/flaky")))


# a device calling back into its own filesystem
class Reentrant(RAMBlockDev):
    armed = False

    def readblocks(self, block, buf, offset=0):
        if self.armed:
            self.armed = False
            os.listdir("/re")
        super().readblocks(block, buf, offset)


re_dev = Reentrant(512, 32)
os.VfsLfs2.mkfs(re_dev)
re_fs = os.VfsLfs2(re_dev)
os.mount(re_fs, "/re")
re_fs.umount()  # drop what the caches hold, so the next call reads
os.umount("/re")
re_fs = os.VfsLfs2(re_dev)
os.mount(re_fs, "/re")
re_dev.armed = True
try:
    os.stat("/re/x")
except OSError as e:
    print(e)
print(os.listdir("/re"))


# devices that cannot be used
class NoIoctl:
    def readblocks(self, block, buf, offset=0):
        pass

    def writeblocks(self, block, buf, offset=0):
        pass


class Geometry(RAMBlockDev):
    def __init__(self, size, count):
        super().__init__(512, 8)
        self.size, self.count = size, count

    def ioctl(self, op, arg):
        if op == 4:
            return self.count
        if op == 5:
            return self.size
        return super().ioctl(op, arg)


for what, make in (
    ("no ioctl", lambda: os.VfsLfs2(NoIoctl())),
    ("tiny blocks", lambda: os.VfsLfs2.mkfs(Geometry(64, 8))),
    ("no blocks", lambda: os.VfsLfs2.mkfs(Geometry(512, 0))),
    ("one block", lambda: os.VfsLfs2.mkfs(Geometry(512, 1))),
    ("count not int", lambda: os.VfsLfs2.mkfs(Geometry(512, "8"))),
    ("readsize", lambda: os.VfsLfs2.mkfs(RAMBlockDev(512, 8), readsize=48)),
    ("progsize", lambda: os.VfsLfs2.mkfs(RAMBlockDev(512, 8), progsize=1024)),
    ("lookahead", lambda: os.VfsLfs2.mkfs(RAMBlockDev(512, 8), lookahead=0)),
    ("not a device", lambda: os.VfsLfs2(42)),
):
    try:
        make()
        print(what, "no error")
    except Exception as e:
        print(what, type(e).__name__)
