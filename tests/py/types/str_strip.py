# strip, lstrip, rstrip with and without characters
s = '  \t hi there \n '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print('xxhixx'.strip('x'), 'xxhixx'.lstrip('x'), 'xxhixx'.rstrip('x'))
print('abcHELLOcba'.strip('abc'), '123abc321'.strip('0123456789'))
print(repr(''.strip()), repr('   '.strip()), 'nochange'.strip())
print('www.example.com'.strip('cmowz.'))
print('aaa'.strip('a') == '', 'ab'.strip(''))
