# re: matching, searching and full matches of many patterns, with groups
# and spans, and what findall, split and sub make of them.
import re
tests = [
    (r"abc", "xxabcxx"), (r"a.c", "abc a\nc"), (r"a*", "aaab"), (r"a+?", "aaa"), (r"(a|b)*c", "ababc"),
    (r"(\d+)-(\d+)", "tel 123-4567 x"), (r"^\s*(\w+)\s*=\s*(.*?)\s*$", "  key =  some value  "),
    (r"[a-c]+", "xxabcabcd"), (r"[^a-c]+", "abcxyzabc"), (r"x{2,3}", "xxxxx"), (r"x{2,3}?", "xxxxx"),
    (r"x{3}", "xxxx"), (r"x{,2}", "xxx"), (r"x{2,}", "xxxxx"), (r"(ab)+", "ababab"), (r"(a*)*", "b"),
    (r"(a*)+", "b"), (r"(a|b)*", "ab"), (r"(?:(a)|b)+", "ab"), (r"\bfoo\b", "a foo b"), (r"\Bo\B", "foo"),
    (r"(?P<first>\w+) (?P<last>\w+)", "Jane Doe"), (r"a|ab|abc", "abc"), (r"(a|ab)(c|bcd)", "abcd"),
    (r"$", "abc\n"), (r"^$", ""), (r"(?i)hello", "HeLLo"), (r"(?m)^b", "a\nb"), (r"(?s)a.b", "a\nb"),
    (r"[\d\s]+", "12 34x"), (r"[\w.-]+@[\w.-]+", "mail me at joe.bloggs@example.com now"),
    (r"\x41\u00e9\t", "A\u00e9\t"), (r"caf\u00e9|\u65e5+", "\u65e5\u65e5 caf\u00e9"), (r"[\u00e0-\u00ff]+", "abc\u00e9\u00e8z"),
    (r"(a)(b)?(c)", "ac"), (r"", "abc"), (r"a??b", "ab"), (r"(.*),(.*)", "a,b,c"), (r".*?,", "a,b,c"),
    (r"[]a]+", "]a]b"), (r"[a-]+", "a-a-b"), (r"[\]]", "x]"), (r"\.\*\+", "a.*+"), (r"a{", "a{"), (r"a{1,x}", "a{1,x}"),
    (r"\Aab\Z", "ab"),
    (r"(?#comment)ab", "ab"), (r"\0", "\0"), (r"[\0-\x1f]+", "\x01\x02a"),
]
names = {re.match: "match", re.search: "search", re.fullmatch: "fullmatch"}
for pat, s in tests:
    for fn in (re.match, re.search, re.fullmatch):
        m = fn(pat, s)
        if m:
            print(names[fn], repr(pat), m.group(0), m.groups(), m.span(), [m.span(i) for i in range(1, len(m.groups()) + 1)])
        else:
            print(names[fn], repr(pat), None)
    print("findall", re.findall(pat, s))
    print("split", re.split(pat, s))
    print("sub", re.sub(pat, "<\\g<0>>", s))
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world foo bar"))
print(re.sub(r"(?P<a>\w)", r"[\g<a>]", "abc", count=2))
print(re.subn(r"x", "y", "xaxbx"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"))
print(re.sub(b"a", b"b", b"banana"), re.split(b",", b"a,b,,c"))
print(re.sub("x*", "-", "abxd"), re.split("x*", "axbc"))
print(re.split(r"(,)", "a,b,c", maxsplit=1), re.split(",", "a,b", maxsplit=-1))
print(re.escape("a.b-c d_\u00e9"), re.escape(b"a.b"))
m = re.search(r"(?P<y>\d{4})-(?P<m>\d\d)", "on 2024-05-17")
print(m.group("y"), m["m"], m.groupdict(), m.start("m"), m.end(), m.lastindex, m.lastgroup, m.string, m.re.pattern)
print(m.expand(r"\g<m>/\g<y> \1"), m.group(0, 1, "m"))
print(re.compile("a+", re.I | re.M), re.compile(b"x"), re.compile("(a)(b)").groups, re.compile("(?P<n>a)").groupindex)
print([m.span() for m in re.finditer(r"\w+", "ab cd  ef")])
print(re.compile(r"\d+").findall("a1b22c333", 2), re.compile(r"\d+").search("a1b22c333", 2, 4))
print(re.compile(r"^a").search("ba", 1), re.compile(r"a$").search("ab", 0, 1))
print(re.match("\u00e9(.)", "\u00e9\u00e8x").span(1), re.search("x", "\u00e9\u00e8x").start())
print(re.findall(r"(a)(b)?", "ab a"), re.findall(r"a(b)?", "ab a"))
print(re.sub(r"(a)|b", r"[\1]", "ab"), re.sub("a", r"\n\t\\", "a"))
print(re.match(r"(?i)[a-c]+", "AbCd").group(), re.match(r"[^a]+", "\u00e9\u00e8a").group())
