# re: the API around matching: compiled pattern attributes, pos/endpos,
# match object methods, sub templates and callables, split and findall
# details, bytes patterns, and non-ASCII text.
import re

r = re.compile(r"(?P<word>\w+)(?:\s+(?P<num>\d+))?")
print(r.pattern, r.groups, r.groupindex, r.flags == re.compile(r"x").flags)
m = r.search("  alpha 42 beta")
print(m.group(), m.group(0), m.group(1), m.group("num"), m.group(1, 2), m.groups())
print(m.groupdict(), m.start(), m.end(), m.span(), m.start(2), m.end("word"), m.span("num"))
print(m.pos, m.endpos, m.lastindex, m.lastgroup, m.re is r, m.string)
print(m[0], m[1], m["num"])
m = r.search("alpha")
print(m.groups(), m.groups("-"), m.groupdict("?"), m.span(2), m.start("num"), m.lastindex)
print(m)
print(r.match("alpha", 2), r.match("alpha", 2, 4), r.search("a b c", 1), r.fullmatch("ab c", 0, 2))
print(r.match("xyz", 10), r.search("xyz", -2), r.match("xyz", 2, 1), r.search("xyz", endpos=-1))
print(re.compile("^b").search("ab", 1), re.compile("^b", re.M).search("a\nb", 1))
print(re.compile("a$").search("ab", 0, 1), re.compile(r"\bb").search("ab", 1))

# sub and friends
print(re.sub(r"(\d+)", r"<\1>", "a1b22c333"))
print(re.sub(r"(\d+)", r"<\g<1>>", "a1b22c333", count=2))
print(re.sub(r"(?P<d>\d)", r"\g<d>\g<d>", "a1b2"))
print(re.sub(r"x", r"\n\t\\\a\b\f\v\0\101\-", "x") == "\n\t\\\a\b\f\v\0\101\\-")
print(re.sub(r"(a)(b)?", r"[\2]", "a ab"))
print(re.sub("a", "", "banana"), re.sub("", "-", "abc"), re.sub("$", "!", "ab\n"))
print(re.subn(r"\s+", " ", "a  b \t c"), re.subn("z", "y", "abc"))
print(re.sub(r"\w+", lambda m: m.group().upper(), "hello big world"))
print(re.sub(r"\w", lambda m: m.group() * m.start(), "abcd"))
print(r.sub(lambda m: m.group("word")[::-1], "abc 1 def"), r.subn("#", "a b c"))
calls = []
def record(m):
    calls.append(m.span())
    return "."
print(re.sub("b*", record, "abbc"), calls)

# split
print(re.split(",", "a,b,,c,"), re.split(r"\s*,\s*", "a , b,c ,d"))
print(re.split("(,)", "a,b"), re.split("(,)|(;)", "a,b;c"), re.split(",", "a,b,c", 1))
print(re.split(",", "a,b,c", maxsplit=2), re.split(",", ""), re.split("x*", "abc"))
print(re.compile(r"\d").split("a1b2c3", 2))

# findall, finditer
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2 c"), re.findall("", "ab"))
print(re.findall(r"(a)|b", "abab"), re.compile(r"\w").findall("abcdef", 1, 4))
it = re.finditer(r"(\w)\w*", "one two three")
print([(m.group(), m.group(1), m.span()) for m in it])
print(list(re.finditer("x", "")), [m.span() for m in re.compile("a").finditer("aaa", 1)])

# flags
print(re.match("abc", "ABC", re.I), re.match("[a-z]+", "HeLLo", re.IGNORECASE).group())
print(re.findall("^x", "x\nx\nx", re.M), re.findall("x$", "x\nx\nx", re.MULTILINE))
print(re.match(".+", "a\nb").group(), re.match(".+", "a\nb", re.S).group() == "a\nb")
print(re.match("(?i)ab", "AB").group(), re.match("(?s).", "\n") is not None, re.match("(?m)a$", "a\n"))
print(int(re.I), int(re.M), int(re.S), int(re.IGNORECASE | re.DOTALL))

# bytes
rb = re.compile(rb"(\w+)=(\d+)")
mb = rb.search(b"  key=123  ")
print(mb.group(), mb.groups(), mb.span(), rb.pattern)
print(re.sub(rb"\d", b"#", b"a1b2"), re.split(rb",", b"a,b"), re.findall(rb"[a-z]", b"aB1c"))
print(re.match(rb"\xff+", b"\xff\xff\x00").span(), re.escape(b"a.b*c"))
print(re.match(b"a", bytearray(b"abc")).group(), re.search(rb"\s", memoryview(b"a b")).start())

# str with non-ASCII characters: positions count characters
t = "caf\u00e9 \u65e5\u672c\u8a9e \U0001f600!"
m = re.search("(\u65e5+)(.)", t)
print(m.span(), m.span(1), m.group(2), m.start(), len(t))
print(re.findall(".", "\u00e9\u00e8"), re.sub("\u00e9", "e", "caf\u00e9\u00e9"), re.split("\u672c", t))
print(re.match("[\u00e0-\u00ff]+", "\u00e9\u00e8z").group(), re.search("[^a-z ]", "ab \u00e9").start())
print(re.compile(".").search(t, 5).span(), re.compile(".").match(t, 9, 10).group() == "\U0001f600")
print(re.escape("a.b c"), re.escape("\u00e9?"))
print(re.compile("a", re.I) == re.compile("a", re.I), re.compile("a") == re.compile("b"))
print(re.compile("a") is re.compile(re.compile("a")) or True)
print(re.sub("a", "b", "aaa", count=-1), re.subn("a", "b", "aaa", -2), re.split("a", "bab", -1))
