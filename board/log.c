/*
 * log.c - firmware logging in ESP-IDF's format: "E (1234) tag: message",
 * the letter giving the level and the number the milliseconds since boot.
 *
 * Each tag may have its own level, the others follow the default (ERROR,
 * as MicroPython's ESP32 builds set it). Lines go straight to UART0, or
 * through the Python console once machine.redirectlog() asked for it, so
 * they reach os.dupterm too. The raw REPL mutes them: a host tool must see
 * only what it asked for.
 */
#include <stdio.h>
#include <string.h>

#include "brd.h"

#define TAG_MAX 16 /* tags with a level of their own */
#define TAG_LEN 24
#define LINE_MAX 240

typedef struct tag_level {
    char tag[TAG_LEN];
    int level;
} tag_level;

static tag_level tags[TAG_MAX];
static size_t n_tags;
static int default_level = BRD_LOG_ERROR;
static bool through_console;
static bool muted;

static const char LETTERS[] = "-EWIDV";

int brd_log_level(const char *tag) {
    for (size_t i = 0; i < n_tags; i++) {
        if (strcmp(tags[i].tag, tag) == 0) {
            return tags[i].level;
        }
    }
    return default_level;
}

bool brd_log_set_level(const char *tag, int level) {
    if (level < BRD_LOG_NONE || level > BRD_LOG_VERBOSE) {
        return false;
    }
    if (strcmp(tag, "*") == 0) {
        /* as esp_log_level_set("*"): one level for all, earlier ones forgotten */
        default_level = level;
        n_tags = 0;
        return true;
    }
    size_t len = strlen(tag);
    if (len >= TAG_LEN) {
        len = TAG_LEN - 1; /* no firmware tag is this long: kept, cut, matching none */
    }
    for (size_t i = 0; i < n_tags; i++) {
        if (strncmp(tags[i].tag, tag, len) == 0 && tags[i].tag[len] == 0) {
            tags[i].level = level;
            return true;
        }
    }
    if (n_tags == TAG_MAX) {
        /* the table is full: the oldest setting makes room */
        memmove(tags, tags + 1, sizeof(tags[0]) * (TAG_MAX - 1));
        n_tags--;
    }
    memcpy(tags[n_tags].tag, tag, len);
    tags[n_tags].tag[len] = 0;
    tags[n_tags].level = level;
    n_tags++;
    return true;
}

void brd_log_redirect(bool console) { through_console = console; }

void brd_log_mute(bool mute) { muted = mute; }

void brd_log(int level, const char *tag, const char *fmt, ...) {
    if (muted || level <= BRD_LOG_NONE || level > BRD_LOG_VERBOSE || level > brd_log_level(tag)) {
        return;
    }
    char line[LINE_MAX];
    unsigned long ms = (unsigned long)(hal_ticks_us() / 1000);
    int n = snprintf(line, sizeof(line), "%c (%lu) %s: ", LETTERS[level], ms, tag);
    if (n < 0 || (size_t)n >= sizeof(line)) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len >= sizeof(line)) {
        /* a long message is cut, and says so */
        len = sizeof(line) - 4;
        memcpy(line + len, "...", 3);
        len += 3;
    }
    if (through_console) {
        brd_console_write(line, len);
        brd_console_write("\r\n", 2);
    } else {
        hal_uart_write((const uint8_t *)line, len);
        hal_uart_write((const uint8_t *)"\r\n", 2);
    }
}
