/*
 * sim_board.h - the programmer board (ESP32-CAM-MB) of the virtual
 * ESP32-CAM: its USB-serial side, its reset circuit and the power switch.
 */
#ifndef CAMPY_SIM_BOARD_H
#define CAMPY_SIM_BOARD_H

#include "ports/sim/sim.h"

typedef enum sim_serial_kind {
    SIM_SERIAL_STDIO,  /* this process's terminal (stdin/stdout) */
    SIM_SERIAL_PTY,    /* a pseudo-terminal, for terminal programs and host tools */
    SIM_SERIAL_RFC2217 /* an RFC 2217 server on 127.0.0.1 */
} sim_serial_kind;

typedef struct sim_options {
    const char *flash_path;
    sim_serial_kind serial;
    const char *pty_link; /* --serial pty:LINK: a symlink to the pty */
    int port;             /* --serial rfc2217:PORT (0: any free port) */
    bool reset_circuit;   /* DTR/RTS wired to GPIO0/EN as on the ESP32-CAM-MB */
    bool psram;
} sim_options;

/* Opens the serial side, powers the board on and runs until it is powered
 * off (escape key, SIGTERM, SIGINT, SIGHUP). Returns the exit status: 0,
 * or 2 when the serial side cannot be opened (after saying why). */
int sim_board_run(const sim_options *options, const sim_chip_config *chip);

#endif
