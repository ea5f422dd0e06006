/*
 * sim_telnet.c - the server side of Telnet + RFC 2217 for the virtual
 * board's serial line. See sim_telnet.h.
 *
 * Options the server takes: BINARY and SUPPRESS-GO-AHEAD both ways, ECHO
 * from its side (the board echoes what is typed, so a plain telnet client
 * goes to character mode and stops echoing locally), COM-PORT-OPTION both
 * ways. Every other option is refused. An option's state changes only on a
 * request that differs from it, and a request we made is never answered,
 * so negotiation cannot loop (RFC 854's rule, kept as in RFC 1143).
 */
#include "ports/sim/sim_telnet.h"

#include <string.h>

enum {
    SE = 240,
    NOP = 241,
    BRK = 243,
    SB = 250,
    WILL = 251,
    WONT = 252,
    DO = 253,
    DONT = 254,
    IAC = 255
};
enum { OPT_BINARY = 0, OPT_ECHO = 1, OPT_SGA = 3, OPT_COM_PORT = 44 };
enum { ST_DATA, ST_IAC, ST_VERB, ST_SUB, ST_SUB_IAC };

/* COM-PORT-OPTION commands from the client; the server answers with +100. */
enum {
    CPO_SIGNATURE = 0,
    CPO_SET_BAUDRATE = 1,
    CPO_SET_DATASIZE = 2,
    CPO_SET_PARITY = 3,
    CPO_SET_STOPSIZE = 4,
    CPO_SET_CONTROL = 5,
    CPO_NOTIFY_LINESTATE = 6,
    CPO_NOTIFY_MODEMSTATE = 7,
    CPO_FLOWCONTROL_SUSPEND = 8,
    CPO_FLOWCONTROL_RESUME = 9,
    CPO_SET_LINESTATE_MASK = 10,
    CPO_SET_MODEMSTATE_MASK = 11,
    CPO_PURGE_DATA = 12,
    CPO_SERVER = 100,
};

/* The ESP32-CAM-MB's USB-serial chip has nothing on CTS, DSR, RI and CD;
 * its transmitter is always drained (line state: THRE and TEMT). */
#define MODEM_STATE 0x00
#define LINE_STATE 0x60

static const char signature[] = "campy-board (virtual ESP32-CAM, ESP32-CAM-MB programmer)";

static bool server_takes(uint8_t opt) {
    return opt == OPT_BINARY || opt == OPT_SGA || opt == OPT_ECHO || opt == OPT_COM_PORT;
}

static bool client_may(uint8_t opt) {
    return opt == OPT_BINARY || opt == OPT_SGA || opt == OPT_COM_PORT;
}

static void send_verb(sim_buf *reply, uint8_t verb, uint8_t opt) {
    uint8_t cmd[3] = {IAC, verb, opt};
    sim_buf_append(reply, cmd, 3);
}

/* IAC SB COM-PORT-OPTION code value... IAC SE, with 0xFF in the value
 * doubled. */
static void send_sub(sim_buf *reply, uint8_t code, const uint8_t *value, size_t n) {
    uint8_t head[4] = {IAC, SB, OPT_COM_PORT, code};
    sim_buf_append(reply, head, 4);
    sim_telnet_output(value, n, reply);
    uint8_t tail[2] = {IAC, SE};
    sim_buf_append(reply, tail, 2);
}

static void send_sub_byte(sim_buf *reply, uint8_t code, uint8_t value) {
    send_sub(reply, code, &value, 1);
}

static void send_modemstate(sim_telnet *t, sim_buf *reply) {
    send_sub_byte(reply, CPO_SERVER + CPO_NOTIFY_MODEMSTATE, MODEM_STATE & t->modemstate_mask);
    t->modemstate_sent = true;
}

/* Once COM-PORT-OPTION is agreed either way: the first modem state, which
 * some clients wait for before they report CTS/DSR. */
static void com_port_agreed(sim_telnet *t, sim_buf *reply) {
    if (!t->modemstate_sent) {
        send_modemstate(t, reply);
    }
}

void sim_telnet_start(sim_telnet *t, sim_buf *reply) {
    memset(t, 0, sizeof(*t));
    t->state = ST_DATA;
    t->baud = SIM_BAUD; /* until the client says otherwise */
    t->datasize = 8;
    t->parity = 1;
    t->stopsize = 1;
    t->modemstate_mask = 255; /* RFC 2217's initial masks */
    t->linestate_mask = 0;
    static const uint8_t ours[] = {OPT_BINARY, OPT_SGA, OPT_ECHO};
    for (size_t i = 0; i < sizeof(ours); i++) {
        send_verb(reply, WILL, ours[i]);
        t->us_asked[ours[i]] = true;
    }
    static const uint8_t theirs[] = {OPT_BINARY, OPT_SGA, OPT_COM_PORT};
    for (size_t i = 0; i < sizeof(theirs); i++) {
        send_verb(reply, DO, theirs[i]);
        t->him_asked[theirs[i]] = true;
    }
}

/* WILL/WONT/DO/DONT from the client. */
static void negotiate(sim_telnet *t, uint8_t verb, uint8_t opt, sim_buf *reply) {
    if (verb == WILL || verb == WONT) {
        bool want = verb == WILL && client_may(opt);
        bool asked = t->him_asked[opt];
        t->him_asked[opt] = false;
        if (verb == WILL && !want) {
            send_verb(reply, DONT, opt);
            return;
        }
        if (t->him[opt] != want) {
            t->him[opt] = want;
            if (!asked) {
                send_verb(reply, want ? DO : DONT, opt);
            }
            if (want && opt == OPT_COM_PORT) {
                com_port_agreed(t, reply);
            }
        }
        return;
    }
    bool want = verb == DO && server_takes(opt);
    bool asked = t->us_asked[opt];
    t->us_asked[opt] = false;
    if (verb == DO && !want) {
        send_verb(reply, WONT, opt);
        return;
    }
    if (t->us[opt] != want) {
        t->us[opt] = want;
        if (!asked) {
            send_verb(reply, want ? WILL : WONT, opt);
        }
        if (want && opt == OPT_COM_PORT) {
            com_port_agreed(t, reply);
        }
    }
}

static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* SET-CONTROL: the new setting, or the state asked for; the answer is the
 * value now in effect. */
static uint8_t set_control(sim_telnet *t, uint8_t value, unsigned *events) {
    switch (value) {
    case 0: /* outbound flow control: none is all this adapter has */
    case 1:
    case 2:
    case 3:
        return 1;
    case 4:
        return t->brk ? 5 : 6;
    case 5:
    case 6:
        t->brk = value == 5;
        return value;
    case 7:
        return t->dtr ? 8 : 9;
    case 8:
    case 9:
        t->dtr = value == 8;
        *events |= SIM_TELNET_LINES;
        return value;
    case 10:
        return t->rts ? 11 : 12;
    case 11:
    case 12:
        t->rts = value == 11;
        *events |= SIM_TELNET_LINES;
        return value;
    default: /* inbound flow control (13..19): none */
        return 14;
    }
}

static void com_port_command(sim_telnet *t, const uint8_t *v, size_t n, sim_buf *reply,
                             unsigned *events) {
    if (n == 0) {
        return;
    }
    uint8_t cmd = v[0];
    v++;
    n--;
    uint8_t answer = CPO_SERVER + cmd;
    switch (cmd) {
    case CPO_SIGNATURE:
        if (n == 0) {
            send_sub(reply, answer, (const uint8_t *)signature, sizeof(signature) - 1);
        }
        return;
    case CPO_SET_BAUDRATE: {
        if (n >= 4 && be32(v) != 0) {
            t->baud = be32(v);
        }
        uint8_t rate[4] = {(uint8_t)(t->baud >> 24), (uint8_t)(t->baud >> 16),
                           (uint8_t)(t->baud >> 8), (uint8_t)t->baud};
        send_sub(reply, answer, rate, 4);
        return;
    }
    case CPO_SET_DATASIZE:
        if (n >= 1 && v[0] >= 5 && v[0] <= 8) {
            t->datasize = v[0];
        }
        send_sub_byte(reply, answer, t->datasize);
        return;
    case CPO_SET_PARITY:
        if (n >= 1 && v[0] >= 1 && v[0] <= 5) {
            t->parity = v[0];
        }
        send_sub_byte(reply, answer, t->parity);
        return;
    case CPO_SET_STOPSIZE:
        if (n >= 1 && v[0] >= 1 && v[0] <= 3) {
            t->stopsize = v[0];
        }
        send_sub_byte(reply, answer, t->stopsize);
        return;
    case CPO_SET_CONTROL:
        if (n >= 1) {
            send_sub_byte(reply, answer, set_control(t, v[0], events));
        }
        return;
    case CPO_NOTIFY_LINESTATE: /* a client polling the state */
        send_sub_byte(reply, answer, LINE_STATE);
        return;
    case CPO_NOTIFY_MODEMSTATE:
        send_modemstate(t, reply);
        return;
    case CPO_FLOWCONTROL_SUSPEND:
        t->suspended = true;
        return;
    case CPO_FLOWCONTROL_RESUME:
        t->suspended = false;
        return;
    case CPO_SET_LINESTATE_MASK:
        if (n >= 1) {
            t->linestate_mask = v[0];
        }
        send_sub_byte(reply, answer, t->linestate_mask);
        return;
    case CPO_SET_MODEMSTATE_MASK:
        if (n >= 1) {
            t->modemstate_mask = v[0];
        }
        send_sub_byte(reply, answer, t->modemstate_mask);
        return;
    case CPO_PURGE_DATA:
        if (n >= 1 && v[0] >= 1 && v[0] <= 3) {
            *events |= (v[0] & 1 ? SIM_TELNET_PURGE_FROM_BOARD : 0) |
                       (v[0] & 2 ? SIM_TELNET_PURGE_TO_BOARD : 0);
            send_sub_byte(reply, answer, v[0]);
        }
        return;
    default:
        return; /* unknown commands are ignored */
    }
}

static void data_byte(sim_telnet *t, uint8_t c, sim_buf *data) {
    /* a client not in binary mode sends CR as CR NUL (RFC 854) */
    if (!(t->cr_last && c == 0 && !t->him[OPT_BINARY])) {
        sim_buf_byte(data, c);
    }
    t->cr_last = c == '\r';
}

size_t sim_telnet_input(sim_telnet *t, const uint8_t *in, size_t n, sim_buf *data, sim_buf *reply,
                        unsigned *events) {
    *events = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        switch (t->state) {
        case ST_DATA:
            if (c == IAC) {
                t->state = ST_IAC;
            } else {
                data_byte(t, c, data);
            }
            break;
        case ST_IAC:
            if (c == IAC) {
                data_byte(t, IAC, data);
                t->state = ST_DATA;
            } else if (c >= WILL) {
                t->verb = c;
                t->state = ST_VERB;
            } else if (c == SB) {
                t->sub_len = 0;
                t->sub_overflow = false;
                t->state = ST_SUB;
            } else {
                t->state = ST_DATA; /* NOP, BRK, AYT, GA...: nothing to pass on */
            }
            break;
        case ST_VERB:
            negotiate(t, t->verb, c, reply);
            t->state = ST_DATA;
            break;
        case ST_SUB:
            if (c == IAC) {
                t->state = ST_SUB_IAC;
                break;
            }
            if (t->sub_len < sizeof(t->sub)) {
                t->sub[t->sub_len++] = c;
            } else {
                t->sub_overflow = true;
            }
            break;
        case ST_SUB_IAC:
            if (c == SE) {
                t->state = ST_DATA;
                if (!t->sub_overflow && t->sub_len > 0 && t->sub[0] == OPT_COM_PORT) {
                    com_port_command(t, t->sub + 1, t->sub_len - 1, reply, events);
                    if (*events != 0) {
                        return i + 1;
                    }
                }
            } else {
                /* IAC IAC is a 0xFF in the value; anything else ends a
                 * malformed subnegotiation */
                if (c == IAC && t->sub_len < sizeof(t->sub)) {
                    t->sub[t->sub_len++] = c;
                }
                t->state = c == IAC ? ST_SUB : ST_DATA;
            }
            break;
        }
    }
    return n;
}

void sim_telnet_output(const uint8_t *in, size_t n, sim_buf *out) {
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == IAC) {
            sim_buf_append(out, in + start, i + 1 - start); /* up to and including it */
            start = i;                                      /* it goes out a second time */
        }
    }
    sim_buf_append(out, in + start, n - start);
}
