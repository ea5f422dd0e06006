/*
 * sim_telnet.h - the access-server side of RFC 2217 (Telnet Com Port
 * Control Option) over Telnet (RFC 854, option negotiation per RFC 855):
 * what the programmer's RFC 2217 server uses to turn the bytes of a TCP
 * client into serial data and line changes, and serial data into bytes for
 * the client. It does no I/O itself.
 */
#ifndef CAMPY_SIM_TELNET_H
#define CAMPY_SIM_TELNET_H

#include "ports/sim/sim.h"

/* What a client's bytes asked of the serial port, besides data. */
enum {
    SIM_TELNET_LINES = 1, /* DTR or RTS set (maybe to the same level) */
    /* PURGE-DATA 1, the access server's receive buffer: what the adapter
     * received from the board and has not sent to the client yet */
    SIM_TELNET_PURGE_FROM_BOARD = 2,
    /* PURGE-DATA 2, its transmit buffer: what the client sent that has not
     * gone out to the board yet */
    SIM_TELNET_PURGE_TO_BOARD = 4,
};

typedef struct sim_telnet {
    int state;
    uint8_t verb;
    uint8_t sub[64];
    size_t sub_len;
    bool sub_overflow;
    bool cr_last; /* the previous data byte was CR (for CR NUL) */
    /* option states, RFC 1143 style: on, and "we asked, no answer yet" */
    bool us[256], him[256], us_asked[256], him_asked[256];
    /* the serial port as the client configured it */
    uint32_t baud;
    uint8_t datasize, parity, stopsize;
    bool dtr, rts, brk;
    bool suspended; /* FLOWCONTROL-SUSPEND from the client */
    uint8_t linestate_mask, modemstate_mask;
    bool modemstate_sent;
} sim_telnet;

/* A new connection: the state, and the server's opening requests in `reply`. */
void sim_telnet_start(sim_telnet *t, sim_buf *reply);

/* Reads client bytes: serial data goes to `data`, answers to `reply`.
 * Returns how many bytes were used; it stops right after a command that
 * sets *events, so that the caller acts on it before the data after it. */
size_t sim_telnet_input(sim_telnet *t, const uint8_t *in, size_t n, sim_buf *data, sim_buf *reply,
                        unsigned *events);

/* Serial data for the client, IAC doubled. */
void sim_telnet_output(const uint8_t *in, size_t n, sim_buf *out);

#endif
