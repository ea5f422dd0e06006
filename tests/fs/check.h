/* tests/fs/check.h: the little harness the filesystem tests share.
 *
 * A test program runs named cases; each adds "PASS name" or "FAIL name" to
 * the results file given on the command line (appending, so several
 * programs can fill one file) and prints what failed.
 */
#ifndef CAMPY_TESTS_CHECK_H
#define CAMPY_TESTS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *check_results;
static int check_case_failures, check_total_failed, check_total_passed;
static const char *check_case_name = "";
static const char *check_suffix = "";

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond))                                                         \
            check_fail(__FILE__, __LINE__, #cond, 0, 0, 0);                  \
    } while (0)

#define CHECK_EQ(a, b)                                                       \
    do {                                                                     \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);      \
        if (check_a_ != check_b_)                                            \
            check_fail(__FILE__, __LINE__, #a " == " #b, 1, check_a_,        \
                       check_b_);                                            \
    } while (0)

static void check_fail(const char *file, int line, const char *what,
                       int values, long long a, long long b) {
    if (check_case_failures++ < 5) {
        if (values)
            printf("  %s:%d: %s: check failed: %s (%lld vs %lld)\n", file,
                   line, check_case_name, what, a, b);
        else
            printf("  %s:%d: %s: check failed: %s\n", file, line,
                   check_case_name, what);
        fflush(stdout);
    }
}

/* argv[1]: results file; argv[2]: optional tag added to every case name
 * (the same tests built another way, e.g. "32-bit") */
static void check_begin(int argc, char **argv) {
    check_results = argc > 1 ? fopen(argv[1], "a") : NULL;
    check_suffix = argc > 2 ? argv[2] : "";
}

static void check_case(const char *name, void (*fn)(void)) {
    check_case_name = name;
    check_case_failures = 0;
    fn();
    const char *verdict = check_case_failures ? "FAIL" : "PASS";
    if (check_case_failures)
        check_total_failed++;
    else
        check_total_passed++;
    const char *open = *check_suffix ? " (" : "";
    const char *close = *check_suffix ? ")" : "";
    printf("%s %s%s%s%s\n", verdict, name, open, check_suffix, close);
    fflush(stdout);
    if (check_results) {
        fprintf(check_results, "%s %s%s%s%s\n", verdict, name, open,
                check_suffix, close);
        fflush(check_results);
    }
}

static int check_end(void) {
    if (check_results)
        fclose(check_results);
    return 0;
}

#endif
