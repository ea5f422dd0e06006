# deeply nested source compiles or fails with an exception, never crashes
def attempt(label, src):
    try:
        exec(src)
    except (SyntaxError, RuntimeError, MemoryError):
        pass
    print(label, 'handled')
attempt('parens', 'x = ' + '(' * 5000 + '1' + ')' * 5000)
attempt('lists', 'x = ' + '[' * 5000 + ']' * 5000)
attempt('unary minus', 'x = ' + '-' * 100000 + '1')
attempt('small nesting', 'x = ((((1))))')
