# malformed f-strings
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ["f'{'", "f'}'", "f'{}'", "f'{x!z}'", "f'{1 +}'", "f'{x'", "f'{:>3}'", "f'{!r}'"]:
    check(src)
check("f'{x!r:>{w}} {{}}'")
