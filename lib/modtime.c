/*
 * modtime.c - the time module: sleeps, the wrapping tick counters and the
 * calendar.
 *
 * ticks_ms/us/cpu wrap at TICKS_PERIOD = 2**30, as on MicroPython's ports,
 * so ticks are always small ints on the 32-bit board too; ticks_diff gives
 * the signed distance in [-2**29, 2**29). The epoch is the port's choice
 * (py_os_hooks.epoch_year): 1970 on the PC, as MicroPython's unix port, and
 * 2000 on the board, as its embedded ports. time() is a float where floats
 * are double and an int on single-float builds, whose floats could not hold
 * the seconds of today to the second. The calendar is the proleptic
 * Gregorian one in 64-bit arithmetic.
 */
#include "campy.h"
#include "vfs.h"

#define TICKS_PERIOD ((py_int_t)1 << 30)
#define TICKS_MASK (TICKS_PERIOD - 1)
#define TICKS_HALF (TICKS_PERIOD / 2)
#define EPOCH_2000 946684800

static int64_t epoch_offset(void) { return py_os_hooks.epoch_year == 2000 ? EPOCH_2000 : 0; }

/* ---- sleeping */

static py_val time_sleep(py_val seconds) {
    py_float_t s = py_get_float(seconds);
    if (!(s >= 0)) {
        py_raise_value_error("sleep length must be non-negative");
    }
    if (s > 1e12) {
        py_raise_msg(&py_type_OverflowError, "sleep length is too large");
    }
    py_os_sleep_us((uint64_t)((double)s * 1e6 + 0.5));
    return PY_NONE;
}
PY_DEFINE_FUN_1(time_sleep_obj, time_sleep);

/* sleep_ms / sleep_us: negative lengths sleep not at all. */
static uint64_t non_negative(py_val v) {
    long long n = py_get_i64(v);
    return n < 0 ? 0 : (uint64_t)n;
}

static py_val time_sleep_ms(py_val ms) {
    uint64_t n = non_negative(ms);
    if (n > UINT64_MAX / 1000) {
        py_raise_msg(&py_type_OverflowError, "sleep length is too large");
    }
    py_os_sleep_us(n * 1000);
    return PY_NONE;
}
PY_DEFINE_FUN_1(time_sleep_ms_obj, time_sleep_ms);

static py_val time_sleep_us(py_val us) {
    py_os_sleep_us(non_negative(us));
    return PY_NONE;
}
PY_DEFINE_FUN_1(time_sleep_us_obj, time_sleep_us);

/* ---- ticks */

static py_val ticks(uint64_t t) { return PY_SMALL((py_int_t)(t & (uint64_t)TICKS_MASK)); }

static py_val time_ticks_ms(void) { return ticks(py_os_ticks_us() / 1000); }
PY_DEFINE_FUN_0(time_ticks_ms_obj, time_ticks_ms);

static py_val time_ticks_us(void) { return ticks(py_os_ticks_us()); }
PY_DEFINE_FUN_0(time_ticks_us_obj, time_ticks_us);

static py_val time_ticks_cpu(void) {
    return ticks(py_os_hooks.ticks_cpu != NULL ? py_os_hooks.ticks_cpu() : py_os_ticks_us());
}
PY_DEFINE_FUN_0(time_ticks_cpu_obj, time_ticks_cpu);

static py_int_t ticks_arg(py_val v) {
    py_int_t n;
    if (!py_get_int_maybe(v, &n)) {
        if (py_is_int(v)) {
            py_raise_msg(&py_type_OverflowError, "ticks value out of range");
        }
        py_raise_type_error("can't convert %s to int", py_type_name(v));
    }
    return n;
}

static py_val time_ticks_add(py_val t, py_val delta) {
    py_int_t base = ticks_arg(t), d = ticks_arg(delta);
    if (d < -TICKS_HALF || d >= TICKS_HALF) {
        py_raise_msg(&py_type_OverflowError, "ticks interval overflow");
    }
    return PY_SMALL((py_int_t)(((uint64_t)base + (uint64_t)d) & (uint64_t)TICKS_MASK));
}
PY_DEFINE_FUN_2(time_ticks_add_obj, time_ticks_add);

static py_val time_ticks_diff(py_val end, py_val start) {
    uint64_t diff =
        ((uint64_t)ticks_arg(end) - (uint64_t)ticks_arg(start) + TICKS_HALF) & (uint64_t)TICKS_MASK;
    return PY_SMALL((py_int_t)diff - TICKS_HALF);
}
PY_DEFINE_FUN_2(time_ticks_diff_obj, time_ticks_diff);

/* ---- wall clock */

static py_val time_time(void) {
    int64_t us = py_os_time_us() - epoch_offset() * 1000000;
#if PY_FLOAT_SINGLE
    return py_int_from_i64(us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000));
#else
    return py_float_new((py_float_t)us / 1e6);
#endif
}
PY_DEFINE_FUN_0(time_time_obj, time_time);

static py_val time_time_ns(void) {
    return py_int_from_i64((py_os_time_us() - epoch_offset() * 1000000) * 1000);
}
PY_DEFINE_FUN_0(time_time_ns_obj, time_time_ns);

/* ---- the calendar */

/* Days from 1970-01-01 to year-month-day (month 1..12); negative before. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* Seconds since 1970 of time.time()'s argument (floored), or now. */
static int64_t unix_seconds_arg(size_t n_args, const py_val *args) {
    if (n_args == 0 || args[0] == PY_NONE) {
        int64_t us = py_os_time_us();
        return us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
    }
    int64_t s;
    if (py_is_int(args[0])) {
        s = py_get_i64(args[0]);
    } else {
        py_float_t f = py_get_float(args[0]);
        if (f != f) {
            py_raise_value_error("Invalid value NaN (not a number)");
        }
        if (!(f > -9.2e18 && f < 9.2e18)) {
            py_raise_msg(&py_type_OverflowError, "timestamp out of range for platform time_t");
        }
        s = (int64_t)f;
        s -= (py_float_t)s > f; /* floor */
    }
    int64_t offset = epoch_offset();
    if (s > INT64_MAX - offset - 86400 * 2 || s < INT64_MIN + 86400 * 2) {
        py_raise_msg(&py_type_OverflowError, "timestamp out of range for platform time_t");
    }
    return s + offset;
}

/* (year, month, mday, hour, minute, second, weekday, yearday), Monday 0. */
static py_val time_tuple(int64_t unix_seconds) {
    int64_t days = unix_seconds / 86400, secs = unix_seconds % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    int64_t y, m, d;
    civil_from_days(days, &y, &m, &d);
    /* as far as C's struct tm goes (its year is an int from 1900) */
    if (y - 1900 > INT32_MAX || y - 1900 < INT32_MIN) {
        py_raise_msg(&py_type_OverflowError, "timestamp out of range for platform time_t");
    }
    int64_t weekday = ((days % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday */
    int64_t yearday = days - days_from_civil(y, 1, 1) + 1;
    py_val items[8] = {
        py_int_from_i64(y),       PY_SMALL(m),         PY_SMALL(d),       PY_SMALL(secs / 3600),
        PY_SMALL(secs / 60 % 60), PY_SMALL(secs % 60), PY_SMALL(weekday), PY_SMALL(yearday)};
    return py_tuple_new(8, items);
}

static py_val time_gmtime(size_t n_args, const py_val *args) {
    return time_tuple(unix_seconds_arg(n_args, args));
}
PY_DEFINE_FUN_VAR(time_gmtime_obj, 0, 1, time_gmtime);

static int64_t utc_offset(int64_t unix_seconds) {
    return py_os_hooks.utc_offset != NULL ? py_os_hooks.utc_offset(unix_seconds) : 0;
}

static py_val time_localtime(size_t n_args, const py_val *args) {
    int64_t s = unix_seconds_arg(n_args, args);
    return time_tuple(s + utc_offset(s));
}
PY_DEFINE_FUN_VAR(time_localtime_obj, 0, 1, time_localtime);

/* mktime((year, month, mday, hour, minute, second, wday, yday[, isdst])):
 * local time to seconds; out-of-range fields carry over, as in C. */
static py_val time_mktime(py_val tuple) {
    size_t n;
    py_val *items;
    py_get_array_any(tuple, &n, &items);
    if (n < 8 || n > 9) {
        py_raise_type_error("mktime needs a tuple of 8 or 9 items");
    }
    int64_t f[6];
    for (size_t i = 0; i < n; i++) {
        /* weekday, yearday and isdst are checked, then ignored, as in C */
        int64_t v = py_get_i64(items[i]);
        if (v > (int64_t)1e12 || v < -(int64_t)1e12) {
            py_raise_msg(&py_type_OverflowError, "mktime argument out of range");
        }
        if (i < 6) {
            f[i] = v;
        }
    }
    /* months carry into years first; days, hours ... add up linearly */
    int64_t month0 = f[1] - 1;
    int64_t year = f[0] + (month0 >= 0 ? month0 / 12 : -((11 - month0) / 12));
    int64_t month = month0 - (year - f[0]) * 12 + 1;
    if (year > 100000000 || year < -100000000) {
        py_raise_msg(&py_type_OverflowError, "mktime argument out of range");
    }
    int64_t days = days_from_civil(year, month, 1) + f[2] - 1;
    int64_t local = days * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
    int64_t utc = local - utc_offset(local);
    return py_int_from_i64(utc - epoch_offset());
}
PY_DEFINE_FUN_1(time_mktime_obj, time_mktime);

static const py_map_entry time_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_time)},
    {PY_QSTR(Q_sleep), PY_OBJ(&time_sleep_obj)},
    {PY_QSTR(Q_sleep_ms), PY_OBJ(&time_sleep_ms_obj)},
    {PY_QSTR(Q_sleep_us), PY_OBJ(&time_sleep_us_obj)},
    {PY_QSTR(Q_ticks_ms), PY_OBJ(&time_ticks_ms_obj)},
    {PY_QSTR(Q_ticks_us), PY_OBJ(&time_ticks_us_obj)},
    {PY_QSTR(Q_ticks_cpu), PY_OBJ(&time_ticks_cpu_obj)},
    {PY_QSTR(Q_ticks_add), PY_OBJ(&time_ticks_add_obj)},
    {PY_QSTR(Q_ticks_diff), PY_OBJ(&time_ticks_diff_obj)},
    {PY_QSTR(Q_time), PY_OBJ(&time_time_obj)},
    {PY_QSTR(Q_time_ns), PY_OBJ(&time_time_ns_obj)},
    {PY_QSTR(Q_gmtime), PY_OBJ(&time_gmtime_obj)},
    {PY_QSTR(Q_localtime), PY_OBJ(&time_localtime_obj)},
    {PY_QSTR(Q_mktime), PY_OBJ(&time_mktime_obj)},
};
PY_DEFINE_FIXED_DICT(time_globals, time_table);
PY_DEFINE_MODULE(py_module_time, time_globals);
PY_REGISTER_MODULE(Q_time, py_module_time);
