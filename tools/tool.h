/* tools/tool.h: what the parts of campy-tool share: the command table
 * entry, and the one way to report an error. */
#ifndef CAMPY_TOOL_H
#define CAMPY_TOOL_H

typedef struct tool_command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the command's name */
    const char *summary;
} tool_command;

/* Prints "campy-tool: <message>" on one line to stderr; returns 1, the exit
 * status of a failed command. */
int tool_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* commands */
int tool_fs_image(int argc, char **argv);

#endif
