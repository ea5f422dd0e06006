/*
 * brd.h - what the parts of the ESP32-CAM firmware share: the console on
 * UART0, logging, the flash filesystem, running code, and the REPL.
 *
 * The firmware reaches the hardware only through hal.h. Everything here runs
 * on the application task, except brd_uart_interrupt (hal.h), which the port
 * calls from its receive context.
 */
#ifndef CAMPY_BRD_H
#define CAMPY_BRD_H

#include <stdarg.h>

#include "campy.h"
#include "hal.h"

#define BRD_VERSION "0.1.0"
#define BRD_MACHINE "ESP32-CAM with ESP32"

/* Slots of py_st.extra the firmware keeps objects in (emptied by py_init at
 * each soft reset, like every other piece of Python state). */
enum {
    BRD_ROOT_KBD_INTR = 0,    /* the KeyboardInterrupt that Ctrl-C raises */
    BRD_ROOT_FLASH_BDEV = 1,  /* the block device on the "vfs" partition */
};

/* ---------------------------------------------------------------- main.c */

/* Why this boot happened, as machine.reset_cause() reports it. */
extern hal_reset_cause brd_reset_cause;
/* Why the chip last came out of a hard reset (soft resets leave it), for
 * machine.wake_reason(). */
extern hal_reset_cause brd_boot_cause;
/* The memory the port gave this boot. */
extern hal_memory_map brd_memory;
/* Bytes of internal RAM the Python heap takes (the rest is the IDF's). */
size_t brd_heap_internal_size(void);
/* machine.soft_reset(): raises SystemExit, which ends whatever runs, and the
 * board restarts Python once it reaches the top. */
_Noreturn void brd_soft_reset(void);
bool brd_soft_reset_requested(void);
/* "campy v0.1.0 on 2025-01-31; ESP32-CAM with ESP32" and the help line. */
void brd_print_banner(void);
/* Flushes and closes every file before a reset or deep sleep, so that data
 * a program wrote is on the flash. */
void brd_sync_filesystems(void);

/* ---------------------------------------------------------------- console.c */

/* Output to UART0 and to the os.dupterm streams, as is (protocol bytes). */
void brd_console_write(const char *s, size_t n);
void brd_console_puts(const char *s);
/* Output with each "\n" sent as "\r\n", as the board's stdout does. */
void brd_console_write_cooked(const char *s, size_t n);
/* printf to the console (cooked), for firmware messages. */
void brd_console_printf(const char *fmt, ...);
/* The next input byte from UART0 or a dupterm stream; waits for it. */
int brd_console_read_byte(void);
/* The same for code that runs (input()): Ctrl-C raises KeyboardInterrupt
 * while it waits. */
int brd_console_read_key(void);
/* Whether a read would not wait (select/poll on sys.stdin). */
bool brd_console_input_ready(void);
/* sys.stdin: up to n bytes, waiting for the first; Ctrl-C raises
 * KeyboardInterrupt. */
size_t brd_console_read_stdin(char *buf, size_t n);
/* The board's own sys.stdin (Enter reads as "\n") and sys.stdout.buffer /
 * sys.stderr.buffer (bytes as they are). */
void brd_console_stdio_init(void);
/* The byte that interrupts running code (3), or -1 for none. */
void brd_console_set_interrupt_char(int c);
int brd_console_interrupt_char(void);
/* Python may now be called (dupterm); false before py_init and after
 * py_deinit. */
void brd_console_python_ready(bool ready);

/* ---------------------------------------------------------------- log.c */

/* ESP-IDF's levels, in machine.loglevel()'s numbering. */
enum {
    BRD_LOG_NONE = 0,
    BRD_LOG_ERROR = 1,
    BRD_LOG_WARN = 2,
    BRD_LOG_INFO = 3,
    BRD_LOG_DEBUG = 4,
    BRD_LOG_VERBOSE = 5,
};

/* A line "E (1234) tag: message" when tag's level lets it through. */
void brd_log(int level, const char *tag, const char *fmt, ...);
/* tag "*" sets every tag's level. false for a level outside 0..5. */
bool brd_log_set_level(const char *tag, int level);
int brd_log_level(const char *tag);
/* Log lines through the Python console (reaching dupterm) or straight to
 * UART0 (the default, and after each soft reset). */
void brd_log_redirect(bool through_console);
/* The raw REPL mutes logs, so host tools see clean output. */
void brd_log_mute(bool mute);

/* ---------------------------------------------------------------- flashfs.c */

/* Mounts the "vfs" partition at "/" (first boot: formats a blank partition
 * and writes boot.py). false when the board runs without a filesystem. */
bool brd_fs_mount(void);
/* Writes path from text unless the file exists; true when it was written. */
bool brd_fs_write_if_missing(const char *path, const char *text, size_t len);

/* ---------------------------------------------------------------- exec.c */

/* A growable text on the Python heap that reports a full heap instead of
 * raising, so a protocol can keep reading its input and answer cleanly. */
typedef struct brd_text {
    char *data;
    size_t len, cap;
} brd_text;
bool brd_text_add(brd_text *t, const char *s, size_t n);
void brd_text_free(brd_text *t);

enum {
    BRD_EXEC_OK = 0,
    BRD_EXEC_EXCEPTION = 1, /* printed */
    BRD_EXEC_EXIT = 2,      /* SystemExit, or a soft reset was asked for */
};
/* Flags of brd_exec. */
enum {
    BRD_EXEC_RAW = 1,      /* raw REPL: \x04 after the output and after the exception */
};
/* Compiles and runs src in __main__ with Ctrl-C armed. */
int brd_exec(const char *src, size_t len, py_qstr file, int mode, unsigned flags);
/* The same for source gathered in a brd_text, which is freed as soon as it
 * is compiled (a big raw-paste script does not stay while it runs). */
int brd_exec_text(brd_text *source, py_qstr file, int mode, unsigned flags);
/* Runs a file of the filesystem if it exists (boot.py, main.py). */
int brd_exec_file(const char *path);
/* Runs a module frozen into the firmware ("_boot.py") in a module of its
 * own; nothing when the image has no such module. */
int brd_exec_frozen(const char *path);


/* ---------------------------------------------------------------- repl.c */

typedef enum { BRD_REPL_FRIENDLY, BRD_REPL_RAW } brd_repl_kind;
/* Which REPL the board is in; kept across soft resets, as in MicroPython. */
extern brd_repl_kind brd_repl_mode;
/* Runs the REPL until a soft reset is asked for. */
void brd_repl_run(void);
/* Sets input()'s port hook: the line editor reads the line. */
void brd_repl_hooks(void);
/* Forgets the line editor's history (soft reset). */
void brd_repl_reset(void);

/* ---------------------------------------------------------------- frozen files */

/* The text of a file frozen into the firmware (frozen/board.txt):
 * "default_main.py", "template_boot.py"; NULL if the image has none. */
const char *brd_frozen_text(const char *path, size_t *len);
/* Write /main.py from default_main.py when it is missing (CAMPY_AUTORUN). */
extern const bool brd_autorun;

#endif
