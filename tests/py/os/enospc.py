# A full filesystem: writes fail with OSError ENOSPC, what was written
# before stays readable, and freeing space makes writing work again
import errno
import os
from mod_ramdev import RAMBlockDev

dev = RAMBlockDev(512, 24)
os.VfsLfs2.mkfs(dev)
os.mount(dev, "/small")
with open("/small/keep.txt", "w") as f:
    f.write("kept")

chunk = b"0123456789abcdef" * 32
written = 0
f = open("/small/big.bin", "wb")
try:
    for i in range(100):
        f.write(chunk)
        f.flush()
        written += len(chunk)
    print("never full")
except OSError as e:
    print("OSError", e.errno == errno.ENOSPC, errno.errorcode[e.errno])
try:
    f.close()
except OSError as e:
    print("close: OSError", errno.errorcode[e.errno])
print(written > 0, written < 24 * 512)
print(open("/small/keep.txt").read())

# more files and directories fail the same way
try:
    for i in range(100):
        with open("/small/f%d" % i, "w") as g:
            g.write("x" * 100)
except OSError as e:
    print("OSError", errno.errorcode[e.errno])
try:
    for i in range(100):
        os.mkdir("/small/d%d" % i)
except OSError as e:
    print("OSError", errno.errorcode[e.errno])

# freeing space: writing works again
for name in os.listdir("/small"):
    if name != "keep.txt":
        path = "/small/" + name
        if os.stat(path)[0] & 0o040000:
            os.rmdir(path)
        else:
            os.remove(path)
print(sorted(os.listdir("/small")))
with open("/small/again.txt", "w") as g:
    print(g.write("works"))
print(open("/small/again.txt").read(), open("/small/keep.txt").read())
os.umount("/small")
