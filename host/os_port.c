/*
 * os_port.c - clocks, sleeping, entropy and uname for the standard modules
 * on the PC runner, and the mount of the host's file tree at "/" with the
 * current directory as the start directory.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "os_port.h"

static uint64_t host_ticks_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static int64_t host_time_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int32_t host_utc_offset(int64_t utc_seconds) {
    time_t t = (time_t)utc_seconds;
    struct tm tm;
    if ((int64_t)t != utc_seconds || localtime_r(&t, &tm) == NULL) {
        return 0;
    }
    return (int32_t)tm.tm_gmtoff;
}

/* Ctrl-C's signal handler has no SA_RESTART, so nanosleep returns early
 * with EINTR and the caller sees py_pending. */
static void host_sleep_us(uint64_t us) {
    struct timespec ts = {(time_t)(us / 1000000), (long)(us % 1000000) * 1000};
    if (py_pending == 0) {
        nanosleep(&ts, NULL);
    }
}

static bool host_urandom(void *buf, size_t n) {
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r <= 0) {
            if (r < 0 && errno == EINTR) {
                continue;
            }
            close(fd);
            return false;
        }
        p += r;
        n -= (size_t)r;
    }
    close(fd);
    return true;
}

/* The random module seeds itself from this when it is linked in. */
uint32_t py_port_entropy(void);
uint32_t py_port_entropy(void) {
    uint32_t x = 0;
    if (!host_urandom(&x, sizeof(x))) {
        x = (uint32_t)host_ticks_us() ^ (uint32_t)getpid();
    }
    return x;
}

static bool host_stdin_ready(void) {
    struct pollfd p = {0, POLLIN, 0};
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}

/* micropython.kbd_intr: any other character than Ctrl-C hands SIGINT back
 * to the system (Ctrl-C then ends the runner, as it ends any program);
 * Ctrl-C again restores the handler that raises KeyboardInterrupt. */
static void host_set_interrupt_char(int c) {
    static struct sigaction saved;
    static bool released;
    if (c != 3 && !released) {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof(dfl));
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        released = sigaction(SIGINT, &dfl, &saved) == 0;
    } else if (c == 3 && released) {
        sigaction(SIGINT, &saved, NULL);
        released = false;
    }
}

static struct utsname host_uname;

void host_os_init(void) {
    py_os_hooks.ticks_us = host_ticks_us;
    py_os_hooks.time_us = host_time_us;
    py_os_hooks.utc_offset = host_utc_offset;
    py_os_hooks.sleep_us = host_sleep_us;
    py_os_hooks.urandom = host_urandom;
    py_os_hooks.stdin_ready = host_stdin_ready;
    py_os_hooks.posix = &host_posix_ops;
    py_os_hooks.epoch_year = 1970;
    py_os_hooks.set_interrupt_char = host_set_interrupt_char;
    if (uname(&host_uname) == 0) {
        py_os_hooks.sysname = host_uname.sysname;
        py_os_hooks.nodename = host_uname.nodename;
        py_os_hooks.release = host_uname.release;
        py_os_hooks.version = host_uname.version;
        py_os_hooks.machine = host_uname.machine;
    }
    char *cwd = getcwd(NULL, 0);
    if (cwd == NULL) {
        return; /* no current directory: the root stays virtual */
    }
    py_nlr nlr;
    py_try(nlr) {
        /* the host's whole tree at "/", as MicroPython's unix port: absolute
         * paths mean what they mean to the shell; relative ones start in the
         * directory the runner was started in */
        py_val fs = py_call1(PY_OBJ(&py_type_vfs_posix), py_str_from_cstr("/"));
        py_vfs_mount(fs, "/", false);
        py_val os = py_import_name("os");
        py_call1(py_getattr(os, Q_chdir), py_str_from_cstr(cwd));
        py_nlr_pop();
    }
    else {
        /* the runner still works, only without files */
    }
    free(cwd);
}
