# re: bad patterns raise re.error; wrong types raise TypeError.
import re


def check(pattern, flags=0):
    try:
        re.compile(pattern, flags)
        print("ok", repr(pattern))
    except re.error:
        print("error", repr(pattern))


for p in ["a**", "a{2}{3}", "*a", "+", "?", "(", ")", "a)", "(a", "[a", "[]", "[^]",
          "a{3,2}", "[z-a]", "\\", "a\\", "\\q", "\\x4", "\\xg0", "(?P<1a>x)", "(?P<n>a)(?P<n>b)",
          "(?P<>x)", "(?Px)", "a|*", "(?z)", "[\\d-z]", "\\u12", "a{1,2}{3}", "(*)",
          "a(?i)b", "\\N"]:
    check(p)
for p in ["a{", "a{,", "a{1,x}", "{", "}", "a}", "]", "a{,5}", "x{2,}", "[]]", "[a-]", "[-a]",
          "(?:)", "()", "a||b", "|", "(|)", "\\-", "\\.", "[\\b]", "\\0", "\\01", "\\x41", "\\t\\n"]:
    check(p)
check(b"\\u1234")
check("\\u1234")

for bad in [lambda: re.match("a", b"a"), lambda: re.match(b"a", "a"), lambda: re.compile(1),
            lambda: re.search("a", 5), lambda: re.sub("a", 1, "a"), lambda: re.sub(b"a", "b", b"a"),
            lambda: re.sub("a", lambda m: 1, "a"), lambda: re.match("a", "a").group(5), lambda: re.match("a", "a").group("x"),
            lambda: re.sub("a", "\\9", "xyz"), lambda: re.sub("(a)", "\\g<2>", "a"),
            lambda: re.sub("(a)", "\\g<x", "a"), lambda: re.sub("a", "\\q", "a")]:
    try:
        bad()
        print("no error")
    except re.error:
        print("re.error")
    except TypeError:
        print("TypeError")
    except IndexError:
        print("IndexError")
