# String work: build short formatted records, join them into a text, split
# it back, parse fields, search, replace, change case, slice and compare.
# Strings stay a few KiB long so the working set is small.
# Usage: strings.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 5000
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

NAMES = ["amber", "birch", "cedar", "dune", "ember", "fjord", "grove", "heath",
         "iris", "juniper", "kelp", "lotus", "moss", "nettle", "oak", "pine"]


def make_record(i):
    name = NAMES[i % len(NAMES)]
    qty = (i * 37) % 101
    price = (i * 7919) % 10000
    return "id=%05d;name=%s;qty=%d;price=%d.%02d;tag=%s" % (
        i, name, qty, price // 100, price % 100, name[:3].upper())


def parse_record(line):
    fields = {}
    for part in line.split(";"):
        eq = part.find("=")
        fields[part[:eq]] = part[eq + 1:]
    return fields


def digest(text):
    h = 0
    for ch in text:
        h = (h * 33 + ord(ch)) & 0xFFFFF
    return h


def one_pass(base):
    lines = []
    for i in range(base, base + 80):
        lines.append(make_record(i))
    text = "\n".join(lines)

    total_qty = 0
    cents = 0
    tags = []
    for line in text.split("\n"):
        f = parse_record(line)
        total_qty += int(f["qty"])
        whole, frac = f["price"].split(".")
        cents += int(whole) * 100 + int(frac)
        if f["tag"] not in tags:
            tags.append(f["tag"])

    hits = text.count("name=oak") + text.count(";qty=1")
    where = text.find("juniper")
    last = text.rfind("moss")
    swapped = text.replace("name=", "N:").replace(";", " | ")
    shouted = swapped.upper()
    words = shouted.split()
    long_words = [w for w in words if len(w) > 6 and w.startswith("PRICE")]
    mirrored = "".join(reversed(lines[3]))
    stripped = ("   " + lines[5] + "\t\n").strip()
    parts = ["%s:%d" % (t.lower(), len(t)) for t in sorted(tags)]
    summary = ",".join(parts)

    check = digest(summary) + digest(mirrored) + digest(stripped)
    check += len(swapped) + len(words) + len(long_words) + hits + where + last
    check += shouted.count("OAK") + (1 if lines[0] < lines[1] else 0)
    check += sum(1 for line in lines if line.endswith("TAG=OAK"))
    return total_qty, cents, check


def main():
    qty = cents = check = 0
    for r in range(ROUNDS):
        q, c, k = one_pass(r * 17)
        qty = (qty + q) % 1000000
        cents = (cents + c) % 100000000
        check = (check * 7 + k) & 0xFFFFFF
    print("qty", qty, "value %d.%02d" % (cents // 100, cents % 100))
    print("checksum", check)


main()
