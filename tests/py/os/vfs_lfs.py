# os.VfsLfs2 on a block device in RAM: format, mount, files, directories
import os
import time
from mod_ramdev import RAMBlockDev

bdev = RAMBlockDev(4096, 64)
try:
    os.VfsLfs2(bdev)
except OSError as e:
    print("blank device:", e)
os.VfsLfs2.mkfs(bdev)
fs = os.VfsLfs2(bdev)
print(fs.statvfs("/"))
os.mount(fs, "/ram")
print(os.listdir("/ram"), os.stat("/ram")[0])

with open("/ram/hello.txt", "w") as f:
    print(f.write("hello littlefs\n" * 100))
os.mkdir("/ram/sub")
print(sorted(os.listdir("/ram")))
print(sorted(os.ilistdir("/ram")))
st = os.stat("/ram/hello.txt")
print(st[:7], abs(st[8] - time.time()) < 100, st[7] == st[8] == st[9])
print(os.stat("/ram/sub")[0], os.stat("/ram/sub")[6])

# relative paths through the current directory
os.chdir("/ram/sub")
print(os.getcwd())
with open("data.bin", "wb") as f:
    f.write(bytes(range(256)) * 40)
print(os.listdir(), os.listdir("."), os.stat("data.bin")[6])
os.chdir("..")
print(os.getcwd(), sorted(os.listdir()))
os.rename("hello.txt", "sub/moved.txt")
print(sorted(os.listdir("sub")), os.listdir("/ram/sub/../sub/.")[0])

# reading back, seeking, appending, r+
with open("sub/moved.txt") as f:
    print(repr(f.readline()), f.tell())
    f.seek(15 * 99)
    print(repr(f.read()))
with open("sub/data.bin", "rb") as f:
    f.seek(-4, 2)
    print(f.read(), f.tell())
    f.seek(1000)
    print(f.read(4))
with open("sub/moved.txt", "a") as f:
    f.write("the end\n")
with open("sub/moved.txt", "r+") as f:
    f.write("HELLO")
print(open("sub/moved.txt").read()[:20], open("sub/moved.txt").readlines()[-1])

# small files (inline) and empty files
for i in range(20):
    with open("/ram/small%02d" % i, "w") as f:
        f.write("x" * i)
print([os.stat("/ram/small%02d" % i)[6] for i in range(20)])
open("/ram/empty", "w").close()
print(repr(open("/ram/empty").read()))
for i in range(20):
    os.remove("/ram/small%02d" % i)
os.remove("/ram/empty")

# statvfs counts the blocks in use
before = os.statvfs("/ram")[3]
with open("/ram/big", "wb") as f:
    f.write(b"\x55" * 40000)
after = os.statvfs("/ram")[3]
print(before - after >= 10)
os.remove("/ram/big")
print(os.statvfs("/ram")[3] == before)

# direct calls on the filesystem object use its own paths
print(sorted(fs.ilistdir("/")))
print(fs.stat("/sub/data.bin")[6], fs.getcwd())
fs.chdir("/sub")
print(fs.getcwd(), sorted(x[0] for x in fs.ilistdir()))

os.chdir("/")
os.umount("/ram")
print(bdev.erases > 0, bdev.syncs > 0)
