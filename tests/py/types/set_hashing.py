# sets of mixed hashable values; equal numbers collapse
s = {1, 1.0, True, 2, 2.0, 'a', b'a', (1, 2), None}
print(len(s), 1 in s, 'a' in s, b'a' in s, (1, 2) in s, None in s)
big = set(range(1000))
print(len(big), 999 in big, 1000 in big)
big -= set(range(0, 1000, 2))
print(len(big), sorted(big)[:5])
words = set('the quick brown fox jumps over the lazy dog'.split())
print(sorted(words), len(words))
