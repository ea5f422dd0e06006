# f-strings across lines, concatenated with other literals, with braces
a = 'A'
b = 'B'
print(f'{a}' 'plain' f'{b}')
print('plain ' f'{a}' " more")
msg = (f'first {a} '
       f'second {b}')
print(msg)
t = f"""multi
{a}
line {b}"""
print(t)
print(f'{{literal}} {a}', f'{{{a}}}', f'{{}}')
print(f'{a!r:}', f'{(a, b)}')
