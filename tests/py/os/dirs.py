# directories and names: mkdir, listdir, rename, remove, rmdir, stat
import os
import mod_tmp

d = mod_tmp.make("dirs")
print(os.listdir(d))
os.mkdir(d + "/sub")
os.mkdir(d + "/sub/deeper")
for name in ("a.txt", "b.txt", "sub/c.txt"):
    with open(d + "/" + name, "w") as f:
        f.write(name * 3)
print(sorted(os.listdir(d)), sorted(os.listdir(d + "/sub")))
print(sorted(os.listdir(d + "/sub/")), os.listdir(d + "/sub/deeper"))

st = os.stat(d + "/a.txt")
print(len(st), st[6], st[0] & 0o170000 == 0o100000)
st = os.stat(d + "/sub")
print(st[0] & 0o170000 == 0o040000)
print(os.stat(d + "/sub/../a.txt")[6], os.stat(d + "/./sub/./c.txt")[6])

os.rename(d + "/a.txt", d + "/renamed.txt")
print(sorted(os.listdir(d)))
os.rename(d + "/renamed.txt", d + "/b.txt")  # replaces b.txt
print(sorted(os.listdir(d)), open(d + "/b.txt").read())
os.rename(d + "/sub", d + "/moved")
print(sorted(os.listdir(d)), sorted(os.listdir(d + "/moved")))
os.remove(d + "/b.txt")
os.remove(d + "/moved/c.txt")
os.rmdir(d + "/moved/deeper")
os.rmdir(d + "/moved")
print(os.listdir(d))

# names with spaces and non-ASCII characters
os.mkdir(d + "/a dir ünï")
open(d + "/a dir ünï/f ✓.txt", "w").close()
print(os.listdir(d), os.listdir(d + "/a dir ünï"))
print(os.stat(d + "/a dir ünï/f ✓.txt")[6])
mod_tmp.remove(d)
print(os.path if hasattr(os, "path") and False else "end")
