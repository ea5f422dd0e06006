# string literal forms and escapes
print('single', "double", '''triple single''', """triple double""")
print('a\tb|', 'a\\b', 'it\'s', "say \"hi\"")
print('\x41\x42', '\101\102', '\u00e9', '\U0001F600' == '\U0001f600')
print(len('\n'), len('\\n'), len(r'\n'), r'a\tb')
print('con' 'cat' "en" 'ation')
s = """line1
line2"""
print(s)
print(len(s))
print('a\
b')
print(repr('\x00\x1f\x7f'))
print(ord('\0'), ord('\a'), ord('\b'), ord('\f'), ord('\v'), ord('\r'))
print(b'bytes\x00\xff', rb'\x00', br'\n')
