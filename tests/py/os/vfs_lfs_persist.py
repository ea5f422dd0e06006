# VfsLfs2: what was written survives unmounting, a new filesystem object
# and a copy of the device; open files are written out at umount
import gc
import os
from mod_ramdev import RAMBlockDev

bdev = RAMBlockDev(1024, 32)
os.VfsLfs2.mkfs(bdev, readsize=64, progsize=64, lookahead=64)
os.mount(os.VfsLfs2(bdev, readsize=64, progsize=64), "/p")
os.mkdir("/p/logs")
for i in range(5):
    with open("/p/logs/%d.log" % i, "w") as f:
        f.write("entry %d\n" % i * (i + 1))
open_file = open("/p/open.txt", "w")
open_file.write("still open at umount")
dropped = open("/p/dropped.txt", "w")
dropped.write("dropped without close")
dropped = None
gc.collect()
os.umount("/p")
print(open_file.closed)
try:
    open_file.write("more")
except (OSError, ValueError) as e:
    print(type(e).__name__)

# a new object on the same device: everything is there
os.mount(os.VfsLfs2(bdev), "/again")
print(sorted(os.listdir("/again")), sorted(os.listdir("/again/logs")))
print(open("/again/logs/3.log").read().splitlines())
print(open("/again/open.txt").read())
print(open("/again/dropped.txt").read())
os.umount("/again")

# a copy of the device's bytes, mounted read-only
copy = RAMBlockDev(1024, 32)
copy.data[:] = bdev.data
os.mount(copy, "/copy", readonly=True)
print(sorted(os.listdir("/copy")))
for what, fn, args in (
    ("open w", open, ("/copy/new", "w")),
    ("open a", open, ("/copy/open.txt", "a")),
    ("open r+", open, ("/copy/open.txt", "r+")),
    ("mkdir", os.mkdir, ("/copy/d",)),
    ("remove", os.remove, ("/copy/open.txt",)),
    ("rename", os.rename, ("/copy/open.txt", "/copy/x")),
    ("rmdir", os.rmdir, ("/copy/logs",)),
):
    try:
        fn(*args)
        print(what, "no error")
    except OSError as e:
        print(what, e)
print(open("/copy/open.txt").read())
print(os.statvfs("/copy")[8])
os.umount("/copy")

# mount(readonly, mkfs=True) formats
fs = os.VfsLfs2(bdev)
fs.mount(False, True)
print(list(fs.ilistdir("/")))
print(copy.data != bdev.data)
