# Temporary folders for the io tests: a fresh name per run, removed with
# everything in it at the end.
import os


def is_dir(path):
    return os.stat(path)[0] & 0o170000 == 0o040000


def make(prefix):
    name = "tmp_%s_%s" % (prefix, "".join("%02x" % b for b in os.urandom(4)))
    os.mkdir(name)
    return name


def remove(path):
    for entry in os.listdir(path):
        full = path + "/" + entry
        if is_dir(full):
            remove(full)
        else:
            os.remove(full)
    os.rmdir(path)
