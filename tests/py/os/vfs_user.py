# a filesystem written in Python, mounted in the VFS: every call reaches it
# with the path inside the filesystem
import io
import os


class LoggingFS:
    def __init__(self):
        self.files = {"/readme": "hello from python\n"}

    def log(self, *args):
        print("  fs:", *args)

    def mount(self, readonly, mkfs):
        self.log("mount", readonly, mkfs)

    def umount(self):
        self.log("umount")

    def ilistdir(self, path):
        self.log("ilistdir", path)
        for name in sorted(self.files):
            yield (name[1:], 0x8000, 0, len(self.files[name]))
        yield ("dir", 0x4000, 0)

    def stat(self, path):
        self.log("stat", path)
        if path in ("/", "/dir"):
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
        raise OSError(2)

    def statvfs(self, path):
        self.log("statvfs", path)
        return (512, 512, 10, 5, 5, 0, 0, 0, 0, 255)

    def open(self, path, mode):
        self.log("open", path, mode)
        if "w" in mode:
            self.files[path] = ""
        if path not in self.files:
            raise OSError(2)
        return io.StringIO(self.files[path])

    def mkdir(self, path):
        self.log("mkdir", path)

    def rmdir(self, path):
        self.log("rmdir", path)

    def remove(self, path):
        self.log("remove", path)
        del self.files[path]

    def rename(self, old, new):
        self.log("rename", old, new)
        self.files[new] = self.files.pop(old)

    def chdir(self, path):
        self.log("chdir", path)

    def getcwd(self):
        return "/"


fs = LoggingFS()
os.mount(fs, "/py")
print(os.listdir("/py"))
print(list(os.ilistdir("/py/")))
print(os.stat("/py/readme")[6])
print(open("/py/readme").read())
with open("/py/new", "w") as f:
    print(type(f).__name__)
os.mkdir("/py/dir/sub")
os.rename("/py/new", "/py/other")
os.remove("/py/other")
os.rmdir("/py/dir")
print(os.statvfs("/py/x"))
os.chdir("/py/dir")
print(os.getcwd())
print(os.stat("..")[0])
print(os.listdir())
os.chdir("..")
print(open("readme").readline())
os.chdir("/")
try:
    open("/py/missing")
except OSError as e:
    print(e)
os.umount(fs)
try:
    os.stat("/py/readme")
except OSError as e:
    print(e)
