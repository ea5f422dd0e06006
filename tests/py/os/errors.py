# OSError numbers of failing operations (Linux values, as MicroPython's)
import errno
import os
import mod_tmp

d = mod_tmp.make("errors")
os.mkdir(d + "/dir")
os.mkdir(d + "/dir/inner")
open(d + "/file", "w").close()


def show(what, fn, *args):
    try:
        fn(*args)
        print(what, "no error")
    except OSError as e:
        print(what, e.errno, errno.errorcode[e.errno])


show("stat missing", os.stat, d + "/missing")
show("listdir missing", os.listdir, d + "/missing")
show("listdir file", os.listdir, d + "/file")
show("mkdir existing", os.mkdir, d + "/dir")
show("mkdir over file", os.mkdir, d + "/file")
show("mkdir no parent", os.mkdir, d + "/no/such")
show("rmdir not empty", os.rmdir, d + "/dir")
show("rmdir file", os.rmdir, d + "/file")
show("rmdir missing", os.rmdir, d + "/missing")
show("remove dir", os.remove, d + "/dir")
show("remove missing", os.remove, d + "/missing")
show("rename missing", os.rename, d + "/missing", d + "/x")
show("rename into missing", os.rename, d + "/file", d + "/no/such")
show("rename dir over file", os.rename, d + "/dir", d + "/file")
show("rename file over dir", os.rename, d + "/file", d + "/dir")
show("open dir", open, d + "/dir")
show("open through file", open, d + "/file/x")
show("chdir missing", os.chdir, d + "/missing")
show("chdir file", os.chdir, d + "/file")

for bad in (None, 4.5, ["x"]):
    try:
        os.stat(bad)
    except TypeError:
        print("TypeError")
try:
    os.stat("a\x00b")
except ValueError:
    print("ValueError")

mod_tmp.remove(d)
