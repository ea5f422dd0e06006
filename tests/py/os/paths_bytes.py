# paths given as bytes: the same files; listdir names come back as bytes
import os
import mod_tmp

d = mod_tmp.make("bytes")
bd = d.encode()
with open(bd + b"/one.txt", "w") as f:
    f.write("1")
with open(d + "/two.bin", "wb") as f:
    f.write(b"22")
os.mkdir(bd + b"/sub")
print(sorted(os.listdir(bd)), sorted(os.listdir(d)))
print(os.stat(bd + b"/two.bin")[6], os.stat(bd + b"/sub")[0] & 0o170000 == 0o040000)
f = open(bd + b"/one.txt")
print(f.read(), type(f.name).__name__)
f.close()
os.rename(bd + b"/one.txt", bd + b"/uno.txt")
print(sorted(os.listdir(bd)))
os.remove(bd + b"/uno.txt")
os.remove(bd + b"/two.bin")
os.rmdir(bd + b"/sub")
print(os.listdir(bd))
for bad in (5.0, [b"x"]):
    try:
        os.stat(bad)
    except TypeError:
        print("TypeError", type(bad).__name__)
try:
    os.stat(bd + b"/missing")
except OSError as e:
    print("OSError", e.errno)
mod_tmp.remove(d)
