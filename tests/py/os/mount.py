# the mount table: mounting, unmounting, nesting, errors, the root
import os
from mod_ramdev import RAMBlockDev

print(os.getcwd().endswith("/os"))  # the runner starts in the script folder
a, b = RAMBlockDev(512, 32), RAMBlockDev(512, 32)
os.VfsLfs2.mkfs(a)
os.VfsLfs2.mkfs(b)
fa = os.VfsLfs2(a)
os.mount(fa, "/mnt_a")
os.mount(b, "/mnt_a/inner")  # a block device gets a VfsLfs2
print([(type(fs).__name__, path) for fs, path in os.mount()][:2])
open("/mnt_a/in_a", "w").close()
open("/mnt_a/inner/in_b", "w").close()
print(os.listdir("/mnt_a"), os.listdir("/mnt_a/inner"))
print(fa.stat("/inner") if False else sorted(x[0] for x in fa.ilistdir("/")))

for what, fn, args in (
    ("mount twice", os.mount, (fa, "/mnt_a")),
    ("umount unknown path", os.umount, ("/nothing",)),
    ("umount unknown object", os.umount, (RAMBlockDev(),)),
):
    try:
        fn(*args)
        print(what, "no error")
    except OSError as e:
        print(what, e)
try:
    os.mount(42, "/x")
except AttributeError:
    print("AttributeError")
try:
    os.mount(RAMBlockDev(512, 16), "/blank")  # no filesystem on it
except OSError as e:
    print("blank", e)

# the current directory leaves a filesystem that is unmounted
os.chdir("/mnt_a/inner")
print(os.getcwd(), os.listdir())
os.umount("/mnt_a/inner")
print(os.getcwd())
os.chdir("/mnt_a")
print(os.listdir())
os.umount(fa)
print(os.getcwd())

# with nothing at "/", the root lists the mount points
os.mount(a, "/only")
root = [m for m in os.mount() if m[1] == "/"][0][0]
os.umount("/")
print(os.listdir("/"), list(os.ilistdir("/")), os.getcwd())
print(os.stat("/")[0], os.statvfs("/"))
for what, fn, args in (
    ("open /", open, ("/",)),
    ("open /x", open, ("/x",)),
    ("stat /x", os.stat, ("/x",)),
    ("mkdir /", os.mkdir, ("/",)),
    ("listdir relative", os.listdir, ("x",)),
):
    try:
        fn(*args)
        print(what, "no error")
    except OSError as e:
        print(what, e)
os.chdir("/only")
print(os.listdir(), os.getcwd())
os.chdir("/")
os.umount("/only")
print(os.mount(), os.listdir("/"))
