# str.maketrans, str.translate and str.format_map
t = str.maketrans('abc', 'xyz', 'd')
print(sorted(t.items()), 'abcdd-e'.translate(t), 'héllo'.translate({ord('é'): 'e', ord('l'): None}), 'abc'.translate({97: 'AA', 98: 66}))
print(str.maketrans({'a': 'b', 99: None}), ''.translate({}), 'abc'.translate([]) if False else '')
class D(dict):
    def __missing__(self, k):
        return '?'
print('{a}-{b}'.format_map({'a': 1, 'b': 2}), '{x}'.format_map(D()), '{a.real}'.format_map({'a': 5}))
for bad in [lambda: str.maketrans('ab', 'c'), lambda: str.maketrans({'ab': 1}), lambda: 'a'.translate({97: 1.5}), lambda: '{z}'.format_map({}), lambda: str.maketrans(1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
