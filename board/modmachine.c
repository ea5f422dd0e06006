/*
 * modmachine.c - the machine module of the ESP32-CAM: resets and their
 * causes, the CPU clock, sleeping, the watchdog, the real-time clock, the
 * board's identity, the system heaps and the firmware's logging.
 *
 * Names and behaviour follow MicroPython's ESP32 port; heap_info, loglevel,
 * redirectlog and restorelog follow the ESP32 port that introduced them
 * (with PSRAM), whose users expect that layout.
 */
#include <string.h>

#include "brd.h"
#include "lib/vfs.h"

#define MHZ 1000000u
#define WDT_TIMEOUT_DEFAULT_MS 5000
#define IDLE_WAIT_US 1000
/* The IDF heap spans several DRAM areas: the largest block is at most this. */
#define INTERNAL_LARGEST_REGION 113804
#define INTERNAL_AVERAGE_BLOCK 660

/* ---------------------------------------------------------------- resets */

static py_val machine_reset(void) {
    brd_sync_filesystems();
    hal_reset(HAL_RESET_HARD);
}
PY_DEFINE_FUN_0(machine_reset_obj, machine_reset);

static py_val machine_soft_reset(void) { brd_soft_reset(); }
PY_DEFINE_FUN_0(machine_soft_reset_obj, machine_soft_reset);

static py_val machine_reset_cause(void) { return PY_SMALL((py_int_t)brd_reset_cause); }
PY_DEFINE_FUN_0(machine_reset_cause_obj, machine_reset_cause);

/* ESP-IDF's wake-up causes (esp_sleep_get_wakeup_cause), as MicroPython's
 * ESP32 port returns them; the board wakes only by its timer. */
enum {
    WAKE_NONE = 0,
    WAKE_EXT0 = 2,
    WAKE_EXT1 = 3,
    WAKE_TIMER = 4,
    WAKE_TOUCHPAD = 5,
    WAKE_ULP = 6
};

static py_val machine_wake_reason(void) {
    return PY_SMALL(brd_boot_cause == HAL_RESET_DEEPSLEEP ? WAKE_TIMER : WAKE_NONE);
}
PY_DEFINE_FUN_0(machine_wake_reason_obj, machine_wake_reason);

/* ---------------------------------------------------------------- clock and sleep */

static py_val machine_freq(size_t n_args, const py_val *args) {
    if (n_args == 0) {
        return py_int_from_u64(hal_cpu_freq_get());
    }
    py_int_t hz = py_get_int(args[0]);
    if ((hz != 80 * (py_int_t)MHZ && hz != 160 * (py_int_t)MHZ && hz != 240 * (py_int_t)MHZ) ||
        !hal_cpu_freq_set((uint32_t)hz)) {
        py_raise_value_error("frequency must be 80MHz, 160MHz or 240MHz");
    }
    brd_log(BRD_LOG_INFO, "pm", "CPU frequency set to %u MHz", (unsigned)(hz / MHZ));
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(machine_freq_obj, 0, 1, machine_freq);

static py_val machine_idle(void) {
    hal_wait_us(IDLE_WAIT_US);
    py_handle_pending();
    return PY_NONE;
}
PY_DEFINE_FUN_0(machine_idle_obj, machine_idle);

/* The longest sleep: "until reset", still countable in microseconds. */
#define SLEEP_FOREVER_MS ((uint64_t)INT64_MAX / 1000000u)

/* Milliseconds from an optional argument: absent (or None) and anything
 * longer is SLEEP_FOREVER_MS. */
static uint64_t sleep_ms_arg(size_t n_args, const py_val *args) {
    if (n_args == 0 || args[0] == PY_NONE) {
        return SLEEP_FOREVER_MS;
    }
    long long ms = py_get_i64(args[0]);
    if (ms < 0) {
        py_raise_value_error("sleep time must be >= 0");
    }
    return (uint64_t)ms < SLEEP_FOREVER_MS ? (uint64_t)ms : SLEEP_FOREVER_MS;
}

static py_val machine_deepsleep(size_t n_args, const py_val *args) {
    uint64_t ms = sleep_ms_arg(n_args, args);
    brd_sync_filesystems();
    hal_deepsleep(ms);
}
PY_DEFINE_FUN_VAR(machine_deepsleep_obj, 0, 1, machine_deepsleep);

static py_val machine_lightsleep(size_t n_args, const py_val *args) {
    uint64_t ms = sleep_ms_arg(n_args, args);
    py_os_sleep_us(ms * 1000u);
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(machine_lightsleep_obj, 0, 1, machine_lightsleep);

/* Interrupts are the port's; code here is never preempted by Python
 * callbacks, so these only keep programs written for other boards working. */
static py_val machine_disable_irq(void) { return PY_SMALL(1); }
PY_DEFINE_FUN_0(machine_disable_irq_obj, machine_disable_irq);

static py_val machine_enable_irq(size_t n_args, const py_val *args) {
    (void)n_args;
    (void)args;
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(machine_enable_irq_obj, 0, 1, machine_enable_irq);

/* ---------------------------------------------------------------- identity */

static py_val machine_unique_id(void) {
    uint8_t mac[6];
    hal_mac_address(mac);
    return py_bytes_new(mac, sizeof(mac));
}
PY_DEFINE_FUN_0(machine_unique_id_obj, machine_unique_id);

/* ---------------------------------------------------------------- RTC */

/* machine.RTC(): the clock that keeps running through resets and deep
 * sleep (hal_rtc_*, microseconds since 2000-01-01). datetime() takes and
 * gives MicroPython's ESP32 tuple, (year, month, day, weekday, hours,
 * minutes, seconds, microseconds), weekday 0 for Monday; a weekday given
 * is ignored, as the date fixes it. Host tools set the board's time with
 * it (mpremote rtc --set). */

#define RTC_YEAR_FIRST 2000
#define RTC_YEAR_LAST 9999
#define SECONDS_PER_DAY 86400
#define US_PER_S 1000000

static const py_type machine_rtc_type;
static const py_head machine_rtc_obj = {&machine_rtc_type};

static bool is_leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(long y, int m) {
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from 2000-01-01 to the first of month m of year y (y >= 2000). */
static int64_t days_since_2000(long y, int m) {
    int64_t days = 0;
    for (long year = RTC_YEAR_FIRST; year < y; year++) {
        days += is_leap(year) ? 366 : 365;
    }
    for (int month = 1; month < m; month++) {
        days += month_days(y, month);
    }
    return days;
}

static py_val rtc_now(void) {
    int64_t us = hal_rtc_get_us();
    if (us < 0) {
        us = 0; /* never set before 2000 */
    }
    int64_t secs = us / US_PER_S, days = secs / SECONDS_PER_DAY;
    int64_t in_day = secs % SECONDS_PER_DAY;
    int weekday = (int)((days + 5) % 7); /* 2000-01-01 was a Saturday */
    long year = RTC_YEAR_FIRST;
    while (days >= (is_leap(year) ? 366 : 365)) {
        days -= is_leap(year) ? 366 : 365;
        year++;
    }
    int month = 1;
    while (days >= month_days(year, month)) {
        days -= month_days(year, month);
        month++;
    }
    py_val items[8] = {
        py_int_from_i64(year),        PY_SMALL(month),
        PY_SMALL((py_int_t)days + 1), PY_SMALL(weekday),
        PY_SMALL(in_day / 3600),      PY_SMALL(in_day / 60 % 60),
        PY_SMALL(in_day % 60),        py_int_from_i64(us % US_PER_S),
    };
    return py_tuple_new(8, items);
}

static long long rtc_field(py_val v, long long lo, long long hi, const char *what) {
    long long n = py_get_i64(v);
    if (n < lo || n > hi) {
        py_raise_value_error("RTC %s must be %lld to %lld", what, lo, hi);
    }
    return n;
}

static void rtc_set(py_val tuple) {
    size_t len;
    py_val *f;
    py_get_array(tuple, &len, &f);
    if (len != 8) {
        py_raise_value_error("RTC datetime is (year, month, day, weekday, hours, minutes, "
                             "seconds, microseconds): 8 items, not %u",
                             (unsigned)len);
    }
    long year = (long)rtc_field(f[0], RTC_YEAR_FIRST, RTC_YEAR_LAST, "year");
    int month = (int)rtc_field(f[1], 1, 12, "month");
    int day = (int)rtc_field(f[2], 1, month_days(year, month), "day");
    int64_t secs = (days_since_2000(year, month) + day - 1) * SECONDS_PER_DAY +
                   rtc_field(f[4], 0, 23, "hours") * 3600 + rtc_field(f[5], 0, 59, "minutes") * 60 +
                   rtc_field(f[6], 0, 59, "seconds");
    hal_rtc_set_us(secs * US_PER_S + rtc_field(f[7], 0, US_PER_S - 1, "microseconds"));
}

static py_val rtc_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    (void)type;
    (void)args;
    if (n_args > 1 || n_kw > 0) {
        py_raise_type_error("RTC() takes at most the id 0");
    }
    if (n_args == 1 && py_get_int(args[0]) != 0) {
        py_raise_value_error("RTC(%d) doesn't exist: the ESP32 has RTC(0)",
                             (int)py_get_int(args[0]));
    }
    return PY_OBJ(&machine_rtc_obj);
}

static py_val rtc_datetime(size_t n_args, const py_val *args) {
    if (n_args == 1) {
        return rtc_now();
    }
    rtc_set(args[1]);
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(rtc_datetime_obj, 1, 2, rtc_datetime);

static py_val rtc_init(py_val self, py_val tuple) {
    (void)self;
    rtc_set(tuple);
    return PY_NONE;
}
PY_DEFINE_FUN_2(rtc_init_obj, rtc_init);

static const py_map_entry rtc_locals_table[] = {
    {PY_QSTR(Q_datetime), PY_OBJ(&rtc_datetime_obj)},
    {PY_QSTR(Q_init), PY_OBJ(&rtc_init_obj)},
};
PY_DEFINE_FIXED_DICT(rtc_locals, rtc_locals_table);

static const py_type machine_rtc_type = {
    .head = {&py_type_type},
    .name = Q_RTC,
    .make_new = rtc_make_new,
    .locals = PY_OBJ(&rtc_locals),
};

/* ---------------------------------------------------------------- heap_info */

typedef struct heap_figures {
    size_t free, allocated, min_free, largest, alloc_blocks, free_blocks;
} heap_figures;

static void print_heap(const char *title, const heap_figures *h) {
    const py_print *out = &py_print_stdout;
    size_t rule = strlen(title);
    py_printf(out, "%s\n", title);
    for (size_t i = 0; i < rule; i++) {
        py_print_str(out, "-");
    }
    py_printf(out, "\n              Free: %zu\n", h->free);
    py_printf(out, "         Allocated: %zu\n", h->allocated);
    py_printf(out, "      Minimum free: %zu\n", h->min_free);
    py_printf(out, "      Total blocks: %zu\n", h->alloc_blocks + h->free_blocks);
    py_printf(out, "Largest free block: %zu\n", h->largest);
    py_printf(out, "  Allocated blocks: %zu\n", h->alloc_blocks);
    py_printf(out, "       Free blocks: %zu\n", h->free_blocks);
}

/* The IDF heap in internal RAM as the port models it (the Python heap is
 * already taken out of it). Blocks are estimated from the byte counts. */
static void internal_figures(heap_figures *h) {
    static size_t lowest = SIZE_MAX;
    hal_memory_map map;
    hal_memory_get(&map);
    h->free = map.idf_heap_free < map.idf_heap_total ? map.idf_heap_free : map.idf_heap_total;
    h->allocated = map.idf_heap_total - h->free;
    if (h->free < lowest) {
        lowest = h->free;
    }
    h->min_free = lowest;
    h->largest = h->free < INTERNAL_LARGEST_REGION ? h->free : INTERNAL_LARGEST_REGION;
    h->free_blocks = h->free == 0 ? 0 : 1 + (h->free - h->largest + 16383) / 16384;
    h->alloc_blocks = h->allocated == 0 ? 0 : 1 + h->allocated / INTERNAL_AVERAGE_BLOCK;
}

/* The PSRAM: all of it is one block, the Python heap's second region. */
static void psram_figures(heap_figures *h) {
    memset(h, 0, sizeof(*h));
    h->allocated = brd_memory.psram.size;
    h->alloc_blocks = h->allocated > 0 ? 1 : 0;
}

static py_val machine_heap_info(void) {
    heap_figures h;
    internal_figures(&h);
    print_heap("Heap outside of MicroPython heap:", &h);
    if (brd_memory.psram.size > 0) {
        psram_figures(&h);
        py_print_str(&py_print_stdout, "\n");
        print_heap("SPIRAM info:", &h);
    }
    return PY_NONE;
}
PY_DEFINE_FUN_0(machine_heap_info_obj, machine_heap_info);

/* ---------------------------------------------------------------- logging */

static py_val machine_loglevel(py_val tag, py_val level) {
    size_t len;
    const char *t = py_get_str(tag, &len);
    if (len == 0 || memchr(t, 0, len) != NULL) {
        py_raise_value_error("log tag must be \"*\" or a component's name");
    }
    py_int_t l = py_get_int(level);
    char name[32];
    if (len >= sizeof(name)) {
        len = sizeof(name) - 1; /* no component's tag is that long */
    }
    memcpy(name, t, len);
    name[len] = 0;
    if (l < BRD_LOG_NONE || l > BRD_LOG_VERBOSE || !brd_log_set_level(name, (int)l)) {
        py_raise_value_error("log level must be 0 (NONE) to 5 (VERBOSE)");
    }
    return PY_NONE;
}
PY_DEFINE_FUN_2(machine_loglevel_obj, machine_loglevel);

static py_val machine_redirectlog(void) {
    brd_log_redirect(true);
    return PY_NONE;
}
PY_DEFINE_FUN_0(machine_redirectlog_obj, machine_redirectlog);

static py_val machine_restorelog(void) {
    brd_log_redirect(false);
    return PY_NONE;
}
PY_DEFINE_FUN_0(machine_restorelog_obj, machine_restorelog);

/* ---------------------------------------------------------------- WDT */

typedef struct machine_wdt {
    py_head head;
    uint32_t timeout_ms;
} machine_wdt;

static const py_type machine_wdt_type;

static py_val wdt_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    static const py_arg_spec spec[] = {
        {Q_id, 0, PY_SMALL(0)},
        {Q_timeout, 0, PY_SMALL(WDT_TIMEOUT_DEFAULT_MS)},
    };
    py_val a[2];
    py_parse_args_raw(n_args, n_kw, args, 2, spec, a);
    if (py_get_int(a[0]) != 0) {
        py_raise_value_error("WDT(%d) doesn't exist: the ESP32 has WDT(0)", (int)py_get_int(a[0]));
    }
    long long timeout = py_get_i64(a[1]);
    if (timeout <= 0 || timeout > UINT32_MAX) {
        py_raise_value_error("WDT timeout must be 1 to 4294967295 ms");
    }
    machine_wdt *w = py_new(machine_wdt);
    w->head.type = type;
    w->timeout_ms = (uint32_t)timeout;
    hal_wdt_start(w->timeout_ms);
    brd_log(BRD_LOG_INFO, "task_wdt", "watchdog started, timeout %lu ms",
            (unsigned long)w->timeout_ms);
    return PY_OBJ(w);
}

static py_val wdt_feed(py_val self) {
    (void)self;
    hal_wdt_feed();
    return PY_NONE;
}
PY_DEFINE_FUN_1(wdt_feed_obj, wdt_feed);

static void wdt_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_printf(out, "WDT(0, timeout=%lu)", (unsigned long)((machine_wdt *)py_ptr(self))->timeout_ms);
}

static const py_map_entry wdt_locals_table[] = {
    {PY_QSTR(Q_feed), PY_OBJ(&wdt_feed_obj)},
};
PY_DEFINE_FIXED_DICT(wdt_locals, wdt_locals_table);

static const py_type machine_wdt_type = {
    .head = {&py_type_type},
    .name = Q_WDT,
    .print = wdt_print,
    .make_new = wdt_make_new,
    .locals = PY_OBJ(&wdt_locals),
};

/* ---------------------------------------------------------------- the module */

static const py_map_entry machine_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_machine)},
    {PY_QSTR(Q_reset), PY_OBJ(&machine_reset_obj)},
    {PY_QSTR(Q_soft_reset), PY_OBJ(&machine_soft_reset_obj)},
    {PY_QSTR(Q_reset_cause), PY_OBJ(&machine_reset_cause_obj)},
    {PY_QSTR(Q_wake_reason), PY_OBJ(&machine_wake_reason_obj)},
    {PY_QSTR(Q_freq), PY_OBJ(&machine_freq_obj)},
    {PY_QSTR(Q_idle), PY_OBJ(&machine_idle_obj)},
    {PY_QSTR(Q_deepsleep), PY_OBJ(&machine_deepsleep_obj)},
    {PY_QSTR(Q_lightsleep), PY_OBJ(&machine_lightsleep_obj)},
    {PY_QSTR(Q_disable_irq), PY_OBJ(&machine_disable_irq_obj)},
    {PY_QSTR(Q_enable_irq), PY_OBJ(&machine_enable_irq_obj)},
    {PY_QSTR(Q_unique_id), PY_OBJ(&machine_unique_id_obj)},
    {PY_QSTR(Q_heap_info), PY_OBJ(&machine_heap_info_obj)},
    {PY_QSTR(Q_loglevel), PY_OBJ(&machine_loglevel_obj)},
    {PY_QSTR(Q_redirectlog), PY_OBJ(&machine_redirectlog_obj)},
    {PY_QSTR(Q_restorelog), PY_OBJ(&machine_restorelog_obj)},
    {PY_QSTR(Q_WDT), PY_OBJ(&machine_wdt_type)},
    {PY_QSTR(Q_RTC), PY_OBJ(&machine_rtc_type)},
    {PY_QSTR(Q_PWRON_RESET), PY_SMALL(HAL_RESET_POWERON)},
    {PY_QSTR(Q_HARD_RESET), PY_SMALL(HAL_RESET_HARD)},
    {PY_QSTR(Q_WDT_RESET), PY_SMALL(HAL_RESET_WDT)},
    {PY_QSTR(Q_DEEPSLEEP_RESET), PY_SMALL(HAL_RESET_DEEPSLEEP)},
    {PY_QSTR(Q_SOFT_RESET), PY_SMALL(HAL_RESET_SOFT)},
    {PY_QSTR(Q_PIN_WAKE), PY_SMALL(WAKE_EXT0)},
    {PY_QSTR(Q_EXT0_WAKE), PY_SMALL(WAKE_EXT0)},
    {PY_QSTR(Q_EXT1_WAKE), PY_SMALL(WAKE_EXT1)},
    {PY_QSTR(Q_TIMER_WAKE), PY_SMALL(WAKE_TIMER)},
    {PY_QSTR(Q_TOUCHPAD_WAKE), PY_SMALL(WAKE_TOUCHPAD)},
    {PY_QSTR(Q_ULP_WAKE), PY_SMALL(WAKE_ULP)},
    {PY_QSTR(Q_LOG_NONE), PY_SMALL(BRD_LOG_NONE)},
    {PY_QSTR(Q_LOG_ERROR), PY_SMALL(BRD_LOG_ERROR)},
    {PY_QSTR(Q_LOG_WARN), PY_SMALL(BRD_LOG_WARN)},
    {PY_QSTR(Q_LOG_INFO), PY_SMALL(BRD_LOG_INFO)},
    {PY_QSTR(Q_LOG_DEBUG), PY_SMALL(BRD_LOG_DEBUG)},
    {PY_QSTR(Q_LOG_VERBOSE), PY_SMALL(BRD_LOG_VERBOSE)},
};
PY_DEFINE_FIXED_DICT(machine_globals, machine_table);
PY_DEFINE_MODULE(brd_module_machine, machine_globals);
PY_REGISTER_MODULE(Q_machine, brd_module_machine);
