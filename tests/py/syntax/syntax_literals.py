# malformed numeric, string and character literals
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['x = 0x', 'x = 0b2', 'x = 0o8', 'x = 1__0', 'x = 1_', 'x = 1e', 'x = 1.2.3', 'x = 09',
            'x = 1 2', '$x = 1', 'x = 1 ? 2 : 3', 'x = `x`', "x = '\\x1'", "x = b'\\x'", 'x = 0x_',
            'x = 5j5', "x = 'a' 'b", 'x = 1.e', 'x = .e1']:
    check(src)
check('x = 0x1f + 0o17 + 0b1 + 1_000 + 1e5 + 1.5j + .5')
check("x = 'a' 'b' \"c\" '''d'''")
