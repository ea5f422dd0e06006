/*
 * sim_util.c - small pieces both processes of the virtual board use: the
 * side channel on stderr, byte queues, clocks.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64 /* and a 64-bit time_t on 32-bit builds */
#define _TIME_BITS 64
#include "ports/sim/sim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

bool sim_quiet = false;
bool sim_terminal_raw = false;

/* One write per note, so that notes from the two processes never mix
 * within a line. */
static void note_out(const char *fmt, va_list ap) {
    char line[600];
    int n = snprintf(line, sizeof(line), "campy-board: ");
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 3, fmt, ap);
    if (m < 0) {
        m = 0;
    }
    size_t len = (size_t)n + (size_t)m;
    if (len > sizeof(line) - 3) {
        len = sizeof(line) - 3;
    }
    if (sim_terminal_raw) {
        line[len++] = '\r';
    }
    line[len++] = '\n';
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(2, line + done, len - done);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return; /* nowhere to say it */
        }
        done += (size_t)w;
    }
}

void sim_note(const char *fmt, ...) {
    if (sim_quiet) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    note_out(fmt, ap);
    va_end(ap);
}

void sim_say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    note_out(fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- byte queues */

static void buf_reserve(sim_buf *b, size_t more) {
    if (b->start > 0 && b->start + b->len + more > b->cap) {
        memmove(b->data, b->data + b->start, b->len);
        b->start = 0;
    }
    if (b->len + more <= b->cap) {
        return;
    }
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more) {
        cap *= 2;
    }
    uint8_t *data = realloc(b->data, cap);
    if (data == NULL) {
        sim_say("out of memory for a %zu-byte serial buffer", cap);
        exit(1);
    }
    b->data = data;
    b->cap = cap;
}

void sim_buf_append(sim_buf *b, const void *data, size_t n) {
    if (n == 0) {
        return;
    }
    buf_reserve(b, n);
    memcpy(b->data + b->start + b->len, data, n);
    b->len += n;
}

void sim_buf_byte(sim_buf *b, uint8_t c) { sim_buf_append(b, &c, 1); }

void sim_buf_consume(sim_buf *b, size_t n) {
    if (n >= b->len) {
        b->start = b->len = 0;
        return;
    }
    b->start += n;
    b->len -= n;
}

void sim_buf_clear(sim_buf *b) { b->start = b->len = 0; }

void sim_buf_free(sim_buf *b) {
    free(b->data);
    b->data = NULL;
    b->start = b->len = b->cap = 0;
}

/* ---------------------------------------------------------------- clocks */

uint64_t sim_monotonic_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* 2000-01-01 00:00:00 UTC in Unix seconds. */
#define EPOCH_2000_UNIX 946684800

int64_t sim_host_rtc_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((int64_t)ts.tv_sec - EPOCH_2000_UNIX) * 1000000 + (int64_t)ts.tv_nsec / 1000;
}
