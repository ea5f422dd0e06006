# upper, lower, swapcase-free ASCII case conversions
s = 'Hello World 123!'
print(s.upper(), s.lower())
print('ABC'.lower(), 'abc'.upper(), ''.upper(), '123'.lower())
print('MiXeD'.upper().lower())
print('hello world'.title(), 'HELLO wORLD'.title(), "it's 3rd".title())
print('hello'.capitalize(), 'HELLO'.capitalize(), '1abc'.capitalize(), ''.capitalize())
print('a-b_c d'.title())
