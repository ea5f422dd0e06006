# Benchmark of the data-logging kind of work a board does: sensor records
# turned into JSON text and back, and packed into binary frames with struct
# and unpacked again, with checksums over everything produced.
# Usage: jsonstruct.py [rounds]   (the heap it needs does not depend on rounds)
import json
import struct
import sys

ROUNDS = 11000
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

NAMES = ["temp", "humidity", "pressure", "light", "motion", "battery", "rssi", "door"]
FRAME = "<IHhBBfd"  # sequence, sensor id, reading, flags, kind, scale, time
FRAME_SIZE = struct.calcsize(FRAME)


def make_record(seq, state):
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    kind = state % len(NAMES)
    reading = (state >> 8) % 2000 - 1000
    return state, {
        "seq": seq,
        "sensor": NAMES[kind],
        "reading": reading,
        "scale": (state & 255) * 0.125,
        "ok": reading > -900,
        "tags": ["n%d" % (state % 7), "zone\u00e9"] if kind & 1 else [],
        "where": {"x": state % 97, "y": -(state % 89), "z": None},
    }


def json_pass(records):
    text = json.dumps(records, separators=(",", ":"))
    back = json.loads(text)
    total = len(text)
    for r in back:
        total += r["seq"] + r["reading"] + len(r["tags"]) + r["where"]["x"]
        if r["ok"]:
            total += 1
    pretty = json.dumps(back[0])
    return total + len(pretty), back


def struct_pass(records):
    frames = bytearray()
    for r in records:
        frames += struct.pack(FRAME, r["seq"], NAMES.index(r["sensor"]), r["reading"],
                              r["ok"], len(r["tags"]), r["scale"], r["seq"] * 0.5)
    total = 0
    scale_sum = 0.0
    for off in range(0, len(frames), FRAME_SIZE):
        seq, sensor, reading, flags, kind, scale, when = struct.unpack_from(FRAME, frames, off)
        total += seq * 3 + sensor + reading + flags + kind
        scale_sum += scale + when
    header = struct.pack(">HHI", 0xCAFE, len(records), len(frames))
    magic, count, size = struct.unpack(">HHI", header)
    return total + magic + count + size, scale_sum


def main():
    state = 12345
    json_total = 0
    struct_total = 0
    scale_total = 0.0
    for round_no in range(ROUNDS):
        records = []
        for i in range(24):
            state, rec = make_record(round_no * 24 + i, state)
            records.append(rec)
        t, back = json_pass(records)
        json_total = (json_total * 31 + t) & 0xFFFFFFF
        s, scale_sum = struct_pass(back)
        struct_total = (struct_total * 17 + s) & 0xFFFFFFF
        scale_total += scale_sum
    print("json", json_total)
    print("struct", struct_total)
    print("scales", round(scale_total, 3))
    print("last", json.dumps(records[-1], separators=(",", ":")))


main()
