# partition and rpartition
print('key=value=x'.partition('='), 'key=value=x'.rpartition('='))
print('nosep'.partition('='), 'nosep'.rpartition('='))
print('a::b'.partition('::'), '::'.partition('::'), ''.partition('x'))
print('a.b.c'.rpartition('.')[0], 'path/to/file'.rpartition('/')[2])
