# Dictionary work: count words of a generated text, count which word follows
# which in a dict of dicts, look keys up (present and missing), update, delete
# rare entries and rebuild. Dict order is never relied on: everything printed
# is sorted first, since iteration order is not specified the same way everywhere.
# Usage: dicts.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 550
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

TEXT_WORDS = 1200
SYLLABLES = ["ka", "lo", "mi", "ne", "so", "tu", "ra", "vi", "de", "po"]


class Random:
    def __init__(self, seed):
        self.state = seed & 0xFFFF

    def below(self, n):
        # A 16-bit generator keeps every intermediate a small int even on
        # 32-bit builds, so the benchmark measures objects, not bignums.
        self.state = (self.state * 12869 + 6927) & 0xFFFF
        return (self.state * n) >> 16


def make_word(rng):
    # Short words are common and long ones rare, as in real text.
    n = 1 + rng.below(2) + rng.below(2)
    w = ""
    for _ in range(n):
        w += SYLLABLES[rng.below(len(SYLLABLES))]
    return w


def text(seed, length):
    # The text is regenerated from its seed rather than kept, to keep the heap small.
    rng = Random(seed)
    for _ in range(length):
        yield make_word(rng)


def count_words(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def count_followers(words):
    follows = {}
    prev = None
    for w in words:
        if prev is None:
            prev = w
            continue
        inner = follows.get(prev)
        if inner is None:
            inner = {}
            follows[prev] = inner
        if w in inner:
            inner[w] += 1
        else:
            inner[w] = 1
        prev = w
    return follows


def one_pass(seed):
    counts = count_words(text(seed, TEXT_WORDS))
    follows = count_followers(text(seed, TEXT_WORDS))

    # Lookups, half of them for words that were never generated.
    found = missing = 0
    for i in range(3000):
        key = SYLLABLES[i % 10] + SYLLABLES[(i // 10) % 10]
        if i & 1:
            key += "x"
        if key in counts:
            found += counts[key]
        else:
            missing += 1

    # Drop rare words everywhere, then rebuild the follower table without them.
    rare = [w for w in counts if counts[w] < 3]
    for w in rare:
        del counts[w]
        if w in follows:
            del follows[w]
    for inner in follows.values():
        for w in [k for k in inner if k not in counts]:
            inner.pop(w)

    pairs = 0
    busiest = ""
    most = -1
    for w in sorted(follows):
        n = len(follows[w])
        pairs += n
        if n > most:
            most = n
            busiest = w
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    lengths = {}
    for w in counts:
        lengths[len(w)] = lengths.get(len(w), 0) + counts[w]
    return ranked[:3], busiest, most, pairs, found, missing, sorted(lengths.items())


def main():
    result = None
    check = 0
    for r in range(ROUNDS):
        result = one_pass(1000 + r)
        top, busiest, most, pairs, found, missing, lengths = result
        check = (check * 31 + pairs + found * 7 + missing + most) & 0xFFFFFF
    top, busiest, most, pairs, found, missing, lengths = result
    print("top", top)
    print("busiest", busiest, most, "pairs", pairs)
    print("found", found, "missing", missing, "by length", lengths)
    print("checksum", check)


main()
