/*
 * main.c - the ESP32-CAM firmware's entry point and boot sequence.
 *
 * brd_main runs once per hardware boot (power-on, reset, watchdog, wake
 * from deep sleep) and loops over soft resets. Each pass: the heap regions
 * (internal RAM, then PSRAM when the board has it), the interpreter and its
 * port hooks, the banner, the filesystem, /main.py from default_main.py when
 * missing, the frozen boot module, /boot.py, /main.py (friendly REPL
 * only), the REPL; then "MPY: soft reboot", files closed, the interpreter
 * and everything it held dropped.
 */
#include <string.h>

#include "brd.h"
#include "frozen.h"
#include "lib/vfs.h"

/* sys.platform is Q_esp32 (mk/board.mk sets PY_PLATFORM_QSTR to it); naming
 * it here is what makes the build intern "esp32". */

#define TAG "boot"
#define HEAP_INTERNAL_MAX (100 * 1024) /* as MicroPython's ESP32 port has */
#define STACK_MARGIN 4096              /* C stack kept for code between two checks */
#define EPOCH_2000_US (946684800LL * 1000000)

hal_reset_cause brd_reset_cause;
hal_reset_cause brd_boot_cause;
hal_memory_map brd_memory;
static bool soft_reset_asked;

size_t brd_heap_internal_size(void) {
    return brd_memory.internal.size < HEAP_INTERNAL_MAX ? brd_memory.internal.size
                                                          : HEAP_INTERNAL_MAX;
}

/* ---------------------------------------------------------------- banner */

/* __DATE__ ("Jan 31 2025") as MicroPython prints a build date: 2025-01-31. */
static void build_date(char out[11]) {
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const char *d = __DATE__;
    int month = 1;
    for (int m = 0; m < 12; m++) {
        if (memcmp(d, months + 3 * m, 3) == 0) {
            month = m + 1;
        }
    }
    out[0] = d[7];
    out[1] = d[8];
    out[2] = d[9];
    out[3] = d[10];
    out[4] = '-';
    out[5] = (char)('0' + month / 10);
    out[6] = (char)('0' + month % 10);
    out[7] = '-';
    out[8] = d[4] == ' ' ? '0' : d[4];
    out[9] = d[5];
    out[10] = 0;
}

void brd_print_banner(void) {
    char date[11];
    build_date(date);
    brd_console_printf("campy v%s on %s; %s\n", BRD_VERSION, date, BRD_MACHINE);
    brd_console_printf("Type \"help()\" for more information.\n");
}

static const char help_text[] =
    "Welcome to campy on the ESP32-CAM!\n"
    "\n"
    "Files live on the flash, mounted at /. At each boot the board runs boot.py,\n"
    "then main.py (edit or delete /main.py to change what starts).\n"
    "\n"
    "Basic board control:\n"
    "  import machine\n"
    "  machine.freq()            CPU clock: 240 MHz; machine.freq(80000000) slows it\n"
    "  machine.reset()           hard reset (as the EN button)\n"
    "  machine.soft_reset()      restart Python, as Ctrl-D does\n"
    "  machine.reset_cause()     why the board started: machine.PWRON_RESET ...\n"
    "  machine.deepsleep(ms)     sleep, then boot again with DEEPSLEEP_RESET\n"
    "  machine.WDT(timeout=ms)   watchdog: call .feed() in time or the board resets\n"
    "  machine.heap_info()       the system heaps; micropython.mem_info() for Python's\n"
    "  machine.loglevel('*', 3)  show firmware log lines up to INFO\n"
    "\n"
    "Files: import os; os.listdir(), open('data.txt', 'w').write('hi')\n"
    "Memory: import gc; gc.mem_free(), gc.collect()\n"
    "\n"
    "Control keys at the REPL:\n"
    "  Ctrl-A  raw REPL (for host tools)    Ctrl-B  friendly REPL, banner\n"
    "  Ctrl-C  interrupt a running program  Ctrl-D  soft reset\n"
    "  Ctrl-E  paste mode                   Tab     complete a name\n"
    "\n"
    "help('modules') lists the built-in modules; help(obj) shows an object.\n";

/* ---------------------------------------------------------------- port hooks */

static void write_console(const char *s, size_t n) { brd_console_write_cooked(s, n); }

static void board_sleep_us(uint64_t us) {
    if (py_pending == 0) {
        hal_wait_us(us);
    }
}

static uint64_t board_ticks_cpu(void) {
    return hal_ticks_us() * (hal_cpu_freq_get() / 1000000u);
}

static int64_t board_time_us(void) { return hal_rtc_get_us() + EPOCH_2000_US; }

static bool board_urandom(void *buf, size_t n) {
    hal_random(buf, n);
    return true;
}

/* The random module seeds itself from this (lib/modrandom.c). */
uint32_t py_port_entropy(void);
uint32_t py_port_entropy(void) {
    uint32_t x;
    hal_random(&x, sizeof(x));
    return x;
}

static char uname_version[48];

static void set_hooks(void) {
    py_port_hooks.write_stdout = write_console;
    py_port_hooks.write_stderr = write_console;
    py_port_hooks.flush_stdout = NULL; /* the UART sends as it is written */
    py_port_hooks.import_stat = py_vfs_import_stat;
    py_port_hooks.read_file = py_vfs_read_file;
    py_port_hooks.read_stdin = brd_console_read_stdin;
    brd_console_stdio_init();
    py_port_hooks.help_text = help_text;
    brd_repl_hooks();

    char date[11];
    build_date(date);
    memcpy(uname_version, "v" BRD_VERSION " on ", sizeof("v" BRD_VERSION " on ") - 1);
    memcpy(uname_version + sizeof("v" BRD_VERSION " on ") - 1, date, sizeof(date));
    memset(&py_os_hooks, 0, sizeof(py_os_hooks));
    py_os_hooks.ticks_us = hal_ticks_us;
    py_os_hooks.ticks_cpu = board_ticks_cpu;
    py_os_hooks.time_us = board_time_us;
    py_os_hooks.sleep_us = board_sleep_us;
    py_os_hooks.urandom = board_urandom;
    py_os_hooks.stdin_ready = brd_console_input_ready;
    py_os_hooks.set_interrupt_char = brd_console_set_interrupt_char; /* kbd_intr */
    py_os_hooks.sysname = "esp32";
    py_os_hooks.nodename = "esp32";
    py_os_hooks.release = BRD_VERSION;
    py_os_hooks.version = uname_version;
    py_os_hooks.machine = BRD_MACHINE;
    py_os_hooks.epoch_year = 2000;
}

/* ---------------------------------------------------------------- one boot of Python */

static void add_heap_regions(void) {
    py_gc_init();
    py_gc_add_region(brd_memory.internal.start, brd_heap_internal_size());
    if (brd_memory.psram.size > 0) {
        py_gc_add_region(brd_memory.psram.start, brd_memory.psram.size);
    }
}

/* The interpreter and what it needs at hand; false if even that fails. */
static bool start_python(void) {
    py_nlr nlr;
    py_try(nlr) {
        py_init();
        py_st.extra[BRD_ROOT_KBD_INTR] = py_exc_new(&py_type_KeyboardInterrupt, 0, NULL);
        py_st.extra[BRD_ROOT_FLASH_BDEV] = PY_NONE;
        /* as MicroPython's ESP32 port: the current folder, frozen modules, /lib */
        py_list_append(py_st.sys_path, PY_QSTR(Q_));
        py_list_append(py_st.sys_path, py_str_from_cstr(".frozen"));
        py_list_append(py_st.sys_path, py_str_from_cstr("/lib"));
        py_nlr_pop();
        return true;
    } else {
        return false;
    }
}

static void stop_python(void) {
    brd_console_python_ready(false);
    py_nlr nlr;
    py_try(nlr) {
        py_deinit();
        py_nlr_pop();
    } else {
        /* what py_deinit could not finish goes with the heap, rebuilt next */
    }
}

void brd_sync_filesystems(void) {
    py_nlr nlr;
    py_try(nlr) {
        py_vfs_umount_all();
        py_nlr_pop();
    } else {
        /* errors are reported by the files' owners; a reset follows anyway */
    }
}

_Noreturn void brd_soft_reset(void) {
    soft_reset_asked = true;
    py_raise_type(&py_type_SystemExit);
}

bool brd_soft_reset_requested(void) { return soft_reset_asked; }

const char *brd_frozen_text(const char *path, size_t *len) {
    const py_frozen_file *f = py_frozen_find_file(path, strlen(path));
    if (f == NULL) {
        return NULL;
    }
    *len = f->len;
    return f->data;
}

static void autorun_setup(bool have_fs) {
    size_t len;
    const char *main_py = brd_frozen_text("default_main.py", &len);
    if (!have_fs || !brd_autorun || main_py == NULL) {
        return;
    }
    if (brd_fs_write_if_missing("/main.py", main_py, len)) {
        brd_log(BRD_LOG_INFO, TAG, "wrote /main.py from the firmware's default_main.py");
    }
}

static void run_boot_scripts(void) {
    if (brd_exec_frozen("_boot.py") == BRD_EXEC_EXIT && soft_reset_asked) {
        return;
    }
    int boot = brd_exec_file("/boot.py");
    if (boot == BRD_EXEC_EXIT && soft_reset_asked) {
        return;
    }
    /* As MicroPython's ports: main.py only after a boot.py that succeeded,
     * so that Ctrl-C in a boot.py that hangs stops the boot before the
     * program starts. */
    if (boot == BRD_EXEC_EXCEPTION) {
        brd_log(BRD_LOG_WARN, TAG, "boot.py failed: main.py is not run");
        return;
    }
    /* a SystemExit in main.py ends main.py, and the REPL starts */
    if (brd_repl_mode == BRD_REPL_FRIENDLY) {
        brd_exec_file("/main.py");
    }
}

/* One life of the interpreter, from its start to a soft reset. */
static void run_python(void) {
    soft_reset_asked = false;
    add_heap_regions();
    set_hooks();
    brd_console_set_interrupt_char(-1);
    brd_log_redirect(false);
    brd_log_mute(brd_repl_mode == BRD_REPL_RAW);
    if (!start_python()) {
        brd_log(BRD_LOG_ERROR, TAG, "the Python heap is too small to start");
        brd_console_printf("The Python heap (%lu bytes) is too small to start: resetting.\n",
                           (unsigned long)brd_heap_internal_size());
        hal_reset(HAL_RESET_HARD);
    }
    brd_console_python_ready(true);
    if (brd_repl_mode == BRD_REPL_FRIENDLY) {
        brd_print_banner();
    }
    bool have_fs = brd_fs_mount();
    autorun_setup(have_fs);
    run_boot_scripts();
    if (!soft_reset_asked) {
        brd_repl_run();
    }
    py_sys_atexit_run(); /* sys.atexit's function, as MicroPython's ports before a soft reset */
    brd_console_puts("MPY: soft reboot\r\n");
    brd_sync_filesystems();
    brd_repl_reset();
    stop_python();
}

static const char *cause_name(hal_reset_cause cause) {
    switch (cause) {
    case HAL_RESET_POWERON:
        return "PWRON_RESET";
    case HAL_RESET_HARD:
        return "HARD_RESET";
    case HAL_RESET_WDT:
        return "WDT_RESET";
    case HAL_RESET_DEEPSLEEP:
        return "DEEPSLEEP_RESET";
    default:
        return "SOFT_RESET";
    }
}

void brd_main(hal_reset_cause cause) {
    volatile int stack_top = 0;
    py_stack_set_top((void *)&stack_top);
    size_t stack = hal_task_stack_size();
    py_stack_set_limit(stack > 2 * STACK_MARGIN ? stack - STACK_MARGIN : stack / 2);
    hal_memory_get(&brd_memory);
    brd_reset_cause = cause;
    brd_boot_cause = cause;
    brd_log(BRD_LOG_INFO, TAG, "reset cause: %s", cause_name(cause));
    if (cause == HAL_RESET_WDT) {
        brd_log(BRD_LOG_ERROR, "task_wdt", "the watchdog was not fed in time: the board reset");
    }
    brd_log(BRD_LOG_INFO, "heap", "Python heap: %lu bytes of internal RAM, %lu of PSRAM",
            (unsigned long)brd_heap_internal_size(), (unsigned long)brd_memory.psram.size);
    for (;;) {
        run_python();
        brd_reset_cause = HAL_RESET_SOFT;
        brd_log(BRD_LOG_INFO, TAG, "soft reset");
    }
}
