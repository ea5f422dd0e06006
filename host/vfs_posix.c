/*
 * vfs_posix.c - the host directory calls behind os.VfsPosix on the PC
 * runner (py_posix_ops of lib/vfs.h): thin wrappers over POSIX that
 * return 0 or an errno value and never touch the Python heap.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "os_port.h"

static int result(int r) { return r == 0 ? 0 : errno; }

static int host_open(const char *path, unsigned flags, intptr_t *fd) {
    int oflags = (flags & PY_OPEN_READ) && (flags & PY_OPEN_WRITE) ? O_RDWR
                 : (flags & PY_OPEN_WRITE)                         ? O_WRONLY
                                                                   : O_RDONLY;
    oflags |= (flags & PY_OPEN_CREATE) ? O_CREAT : 0;
    oflags |= (flags & PY_OPEN_EXCL) ? O_EXCL : 0;
    oflags |= (flags & PY_OPEN_TRUNC) ? O_TRUNC : 0;
    oflags |= (flags & PY_OPEN_APPEND) ? O_APPEND : 0;
    int f;
    do {
        f = open(path, oflags | O_CLOEXEC, 0666);
    } while (f < 0 && errno == EINTR);
    if (f < 0) {
        return errno;
    }
    struct stat st;
    if (fstat(f, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(f);
        return EISDIR; /* open() of a directory for reading succeeds on Linux */
    }
    *fd = f;
    return 0;
}

static int host_close(intptr_t fd) { return result(close((int)fd)); }

static int host_read(intptr_t fd, void *buf, size_t n, size_t *got) {
    for (;;) {
        ssize_t r = read((int)fd, buf, n);
        if (r >= 0) {
            *got = (size_t)r;
            return 0;
        }
        if (errno != EINTR) {
            return errno;
        }
    }
}

static int host_write(intptr_t fd, const void *buf, size_t n, size_t *done) {
    for (;;) {
        ssize_t r = write((int)fd, buf, n);
        if (r >= 0) {
            *done = (size_t)r;
            return 0;
        }
        if (errno != EINTR) {
            return errno;
        }
    }
}

static int host_seek(intptr_t fd, long long offset, int whence, long long *pos) {
    int w = whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END;
    off_t r = lseek((int)fd, (off_t)offset, w);
    if (r < 0) {
        return errno;
    }
    *pos = (long long)r;
    return 0;
}

static int host_fsync(intptr_t fd) { return result(fsync((int)fd)); }

static int host_stat(const char *path, py_stat_info *out) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return errno;
    }
    out->mode = (uint32_t)st.st_mode;
    out->ino = (uint64_t)st.st_ino;
    out->dev = (uint64_t)st.st_dev;
    out->nlink = (uint64_t)st.st_nlink;
    out->uid = (uint64_t)st.st_uid;
    out->gid = (uint64_t)st.st_gid;
    out->size = (uint64_t)st.st_size;
    out->atime = (int64_t)st.st_atime;
    out->mtime = (int64_t)st.st_mtime;
    out->ctime = (int64_t)st.st_ctime;
    return 0;
}

static int host_statvfs(const char *path, uint64_t out[10]) {
    struct statvfs s;
    if (statvfs(path, &s) != 0) {
        return errno;
    }
    uint64_t v[10] = {s.f_bsize, s.f_frsize, s.f_blocks, s.f_bfree, s.f_bavail,
                      s.f_files, s.f_ffree,  s.f_favail, s.f_flag,  s.f_namemax};
    memcpy(out, v, sizeof(v));
    return 0;
}

static int host_mkdir(const char *path) { return result(mkdir(path, 0777)); }
static int host_rmdir(const char *path) { return result(rmdir(path)); }
static int host_remove(const char *path) { return result(unlink(path)); }
static int host_rename(const char *from, const char *to) { return result(rename(from, to)); }

static int host_opendir(const char *path, void **dir) {
    DIR *d = opendir(path);
    if (d == NULL) {
        return errno;
    }
    *dir = d;
    return 0;
}

static int host_readdir(void *dir, py_dir_entry *entry) {
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(dir);
        if (e == NULL) {
            return errno == 0 ? 0 : -errno;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        snprintf(entry->name, sizeof(entry->name), "%s", e->d_name);
        entry->ino = (uint64_t)e->d_ino;
        entry->type = e->d_type == DT_DIR ? 0x4000 : e->d_type == DT_REG ? 0x8000 : 0;
        return 1;
    }
}

static void host_closedir(void *dir) { closedir(dir); }

const py_posix_ops host_posix_ops = {
    host_open,   host_close,  host_read,    host_write,   host_seek,
    host_fsync,  host_stat,   host_statvfs, host_mkdir,   host_rmdir,
    host_remove, host_rename, host_opendir, host_readdir, host_closedir,
};
