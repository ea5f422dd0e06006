/* tools/main.c: campy-tool, the host side of campy. One program, one
 * subcommand per job; this file only finds the subcommand and runs it. */
#include "tools/tool.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const tool_command commands[] = {
    {"fs-image", tool_fs_image,
     "build, list and extract flash filesystem images"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

int tool_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("campy-tool: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

static void usage(FILE *out) {
    fputs("usage: campy-tool COMMAND [ARGS...]\n\ncommands:\n", out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'campy-tool COMMAND --help' describes a command.\n", out);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    tool_error("unknown command '%s' (see campy-tool --help)", argv[1]);
    return 2;
}
