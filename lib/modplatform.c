/*
 * modplatform.c - the platform module: which build of campy is running.
 *
 * As MicroPython's: platform() joins the system name, version, machine
 * architecture and C library into one dash-separated string; the compiler
 * and C library come from the predefined macros of the compiler that built
 * this file, so the answers describe the binary itself.
 */
#include <stdio.h>

#include "campy.h"

#define CAMPY_VERSION_TEXT "0.1.0"

#if defined(__x86_64__)
#define ARCH_NAME "x86_64"
#elif defined(__i386__)
#define ARCH_NAME "x86"
#elif defined(__aarch64__)
#define ARCH_NAME "aarch64"
#elif defined(__arm__)
#define ARCH_NAME "arm"
#elif defined(__XTENSA__) || defined(__xtensa__)
#define ARCH_NAME "xtensa"
#elif defined(__riscv)
#define ARCH_NAME "riscv"
#else
#define ARCH_NAME ""
#endif

#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)

/* The C library name and version; both empty when unknown. */
static void libc_name_version(const char **name, const char **version) {
#if defined(__GLIBC__)
    *name = "glibc";
    *version = NUMBER_TEXT(__GLIBC__) "." NUMBER_TEXT(__GLIBC_MINOR__);
#elif defined(__NEWLIB__)
    *name = "newlib";
    *version = NUMBER_TEXT(__NEWLIB__) "." NUMBER_TEXT(__NEWLIB_MINOR__) "." NUMBER_TEXT(
        __NEWLIB_PATCHLEVEL__);
#else
    *name = "";
    *version = "";
#endif
}

static py_val platform_python_compiler(void) {
#if defined(__clang__)
    return py_str_from_cstr("Clang " NUMBER_TEXT(__clang_major__) "." NUMBER_TEXT(
        __clang_minor__) "." NUMBER_TEXT(__clang_patchlevel__));
#elif defined(__GNUC__)
    return py_str_from_cstr("GCC " NUMBER_TEXT(__GNUC__) "." NUMBER_TEXT(
        __GNUC_MINOR__) "." NUMBER_TEXT(__GNUC_PATCHLEVEL__));
#else
    return py_str_from_cstr("");
#endif
}
static PY_DEFINE_FUN_0(platform_python_compiler_obj, platform_python_compiler);

static py_val platform_libc_ver(void) {
    const char *name, *version;
    libc_name_version(&name, &version);
    return py_tuple2(py_str_from_cstr(name), py_str_from_cstr(version));
}
static PY_DEFINE_FUN_0(platform_libc_ver_obj, platform_libc_ver);

/* "campy-0.1.0-x86_64-with-glibc2.35"; the parts that are unknown are left out. */
static py_val platform_platform(void) {
    const char *name, *version;
    libc_name_version(&name, &version);
    char text[96];
    int n = snprintf(text, sizeof(text), "campy-%s%s%s%s%s%s", CAMPY_VERSION_TEXT,
                     ARCH_NAME[0] != 0 ? "-" : "", ARCH_NAME, name[0] != 0 ? "-with-" : "", name,
                     version);
    if (n < 0) {
        n = 0;
    }
    size_t len = (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1;
    return py_str_new(text, len);
}
static PY_DEFINE_FUN_0(platform_platform_obj, platform_platform);

static const py_map_entry platform_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_platform)},
    {PY_QSTR(Q_platform), PY_OBJ(&platform_platform_obj)},
    {PY_QSTR(Q_python_compiler), PY_OBJ(&platform_python_compiler_obj)},
    {PY_QSTR(Q_libc_ver), PY_OBJ(&platform_libc_ver_obj)},
};
static PY_DEFINE_FIXED_DICT(platform_globals, platform_table);
PY_DEFINE_MODULE(py_module_platform, platform_globals);
PY_REGISTER_MODULE(Q_platform, py_module_platform);
