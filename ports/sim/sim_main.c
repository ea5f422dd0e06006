/*
 * sim_main.c - campy-board's command line: the virtual ESP32-CAM on an
 * ESP32-CAM-MB programmer. Reads the options, opens the flash image, and
 * hands over to the programmer (sim_board.c), which powers the board on.
 * docs/sim.md is the user's guide.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64 /* and a 64-bit time_t on 32-bit builds */
#define _TIME_BITS 64
#include "ports/sim/sim_board.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char usage[] =
    "usage: campy-board [options]\n"
    "\n"
    "A virtual ESP32-CAM (ESP32, 4 MiB flash, 4 MiB PSRAM) on its ESP32-CAM-MB\n"
    "programmer, running the campy firmware. UART0 runs at 115200 baud.\n"
    "\n"
    "options:\n"
    "  --flash FILE          the 4 MiB flash image (created when missing; default\n"
    "                        $XDG_DATA_HOME/campy/flash.bin or ~/.local/share/campy/flash.bin)\n"
    "  --serial stdio        UART0 on this terminal (default); Ctrl-] powers off\n"
    "  --serial pty[:LINK]   UART0 on a new pseudo-terminal, its path printed on\n"
    "                        stderr (and linked from LINK when given)\n"
    "  --serial rfc2217:PORT an RFC 2217 server on 127.0.0.1:PORT (0: any free port)\n"
    "  --reset-circuit mb    DTR/RTS drive GPIO0/EN as on the ESP32-CAM-MB\n"
    "                        (default with rfc2217: RTS on holds the board in reset)\n"
    "  --reset-circuit none  a plain USB-serial adapter: DTR/RTS do nothing\n"
    "                        (default with stdio and pty, which have no such lines)\n"
    "  --no-psram            a board without PSRAM\n"
    "  -q, --quiet           no notes on stderr besides errors and where to connect\n"
    "  -h, --help            this text\n"
    "\n"
    "SIGUSR1 presses the reset button; SIGTERM, SIGINT and SIGHUP power the board\n"
    "off. The board's MAC address is kept next to the image, in FILE.efuse.\n";

_Noreturn static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn static void usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "campy-board: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (campy-board --help lists the options)\n");
    va_end(ap);
    exit(2);
}

static int parse_port(const char *text) {
    char *end;
    errno = 0;
    long port = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || port < 0 || port > 65535) {
        usage_error("'%s' is not a TCP port number (0 to 65535)", text);
    }
    return (int)port;
}

static void parse_serial(const char *value, sim_options *opt) {
    if (strcmp(value, "stdio") == 0) {
        opt->serial = SIM_SERIAL_STDIO;
    } else if (strcmp(value, "pty") == 0) {
        opt->serial = SIM_SERIAL_PTY;
    } else if (strncmp(value, "pty:", 4) == 0 && value[4] != '\0') {
        opt->serial = SIM_SERIAL_PTY;
        opt->pty_link = value + 4;
    } else if (strncmp(value, "rfc2217:", 8) == 0) {
        opt->serial = SIM_SERIAL_RFC2217;
        opt->port = parse_port(value + 8);
    } else {
        usage_error("unknown serial line '%s': use stdio, pty, pty:LINK or rfc2217:PORT", value);
    }
}

/* The default image: in the user's data folder. */
static const char *default_flash_path(void) {
    static char path[4096];
    const char *data = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int n;
    if (data != NULL && data[0] == '/') {
        n = snprintf(path, sizeof(path), "%s/campy/flash.bin", data);
    } else if (home != NULL && home[0] != '\0') {
        n = snprintf(path, sizeof(path), "%s/.local/share/campy/flash.bin", home);
    } else {
        usage_error("no HOME or XDG_DATA_HOME to keep the flash image in; give one with "
                    "--flash FILE");
    }
    if (n < 0 || (size_t)n >= sizeof(path)) {
        usage_error("the data folder's path is too long; give an image with --flash FILE");
    }
    return path;
}

/* The value of an option given as "--name value" or "--name=value". */
static const char *option_value(int argc, char **argv, int *i, const char *name) {
    size_t len = strlen(name);
    const char *arg = argv[*i];
    if (arg[len] == '=') {
        return arg + len + 1;
    }
    if (*i + 1 >= argc) {
        usage_error("%s needs a value", name);
    }
    return argv[++*i];
}

static bool is_option(const char *arg, const char *name) {
    size_t len = strlen(name);
    return strncmp(arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

static void parse_options(int argc, char **argv, sim_options *opt, bool *default_flash) {
    int circuit = -1; /* not given */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            sim_quiet = true;
        } else if (strcmp(arg, "--no-psram") == 0) {
            opt->psram = false;
        } else if (is_option(arg, "--flash")) {
            opt->flash_path = option_value(argc, argv, &i, "--flash");
            if (opt->flash_path[0] == '\0') {
                usage_error("--flash needs a file name");
            }
        } else if (is_option(arg, "--serial")) {
            parse_serial(option_value(argc, argv, &i, "--serial"), opt);
        } else if (is_option(arg, "--reset-circuit")) {
            const char *v = option_value(argc, argv, &i, "--reset-circuit");
            if (strcmp(v, "mb") == 0) {
                circuit = 1;
            } else if (strcmp(v, "none") == 0) {
                circuit = 0;
            } else {
                usage_error("unknown reset circuit '%s': use mb or none", v);
            }
        } else {
            usage_error("unknown option '%s'", arg);
        }
    }
    if (circuit == 1 && opt->serial != SIM_SERIAL_RFC2217) {
        usage_error("--reset-circuit mb needs --serial rfc2217:PORT: a terminal or a pty has no "
                    "DTR/RTS lines");
    }
    opt->reset_circuit = circuit < 0 ? opt->serial == SIM_SERIAL_RFC2217 : circuit == 1;
    *default_flash = opt->flash_path == NULL;
    if (*default_flash) {
        opt->flash_path = default_flash_path();
    }
}

int main(int argc, char **argv) {
    sim_options opt = {.serial = SIM_SERIAL_STDIO, .psram = true};
    bool default_flash;
    parse_options(argc, argv, &opt, &default_flash);

    char why[600];
    if (sim_flash_open(opt.flash_path, default_flash, why, sizeof(why)) != 0) {
        fprintf(stderr, "campy-board: %s\n", why);
        return 2;
    }
    sim_note("flash image %s", opt.flash_path);

    /* the RTC lives here, in memory the chip processes share */
    sim_shared *shared =
        mmap(NULL, sizeof(sim_shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        fprintf(stderr, "campy-board: cannot map shared memory: %s\n", strerror(errno));
        return 1;
    }
    sim_chip_config chip = {.programmer = getpid(), .psram = opt.psram, .shared = shared};
    sim_efuse_mac(opt.flash_path, chip.mac);
    return sim_board_run(&opt, &chip);
}
