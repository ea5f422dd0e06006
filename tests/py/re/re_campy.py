# re: what campy's re does where CPython's differs. Matching takes linear
# time, so patterns that make a backtracking matcher run for ages finish at
# once; backreferences, lookaround, possessive quantifiers and atomic groups
# are refused; counted repeats are bounded; re.error is ValueError, as on
# MicroPython; the u-prefixed alias works.
import re
import ure

print(ure.compile is re.compile, re.error is ValueError)
print(re.match(r"(x+x+)+y", "x" * 3000))
print(re.search(r"(a*)*b", "a" * 3000))
print(re.match(r"(a|aa)+$", "a" * 2000 + "b"))
print(re.fullmatch(r"(\w+\s?)+", "word " * 500 + "!"))
print(re.match(r"(.*)*x", "y" * 2000))
print(re.search(r"(?:a{1,50}){1,50}z", "a" * 2000))
print(len(re.findall(r"\w+", "ab " * 20000)))

for p in [r"(a)\1", r"(?P<n>a)(?P=n)", r"a(?=b)", r"a(?!b)", r"(?<=a)b", r"(?<!a)b", r"a*+",
          r"(?>a)", "x{70000}", "(?i:a)", "(?:" * 300 + ")" * 300, "(?:a{1000}){1000}", "a{2}+"]:
    try:
        re.compile(p)
        print("compiled", p[:20])
    except ValueError as e:
        print("ValueError", p[:20], e)

try:
    re.compile(re.compile("a"), re.I)
except ValueError as e:
    print("ValueError", e)
try:
    re.compile("a", re.VERBOSE)
except ValueError as e:
    print("ValueError", e)
print(re.compile("a", re.DEBUG), re.compile(r"\d", re.ASCII).match("5").group())

# \w \d \s are ASCII only, as on MicroPython
print(re.findall(r"\w+", "caf\u00e9 na\u00efve"), re.match(r"\d", "\u0663"), re.match(r"\s", "\u2003"))
# ignore-case folds ASCII letters only
print(re.match("\u00e9", "\u00c9", re.I))
try:
    re.compile("(?:" * 100000 + "a" + ")" * 100000)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    re.compile("(" * 100000)
except (RuntimeError, ValueError) as e:
    print(type(e).__name__)
