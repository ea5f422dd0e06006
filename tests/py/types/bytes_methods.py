# bytes methods
b = b'  Hello, World  '
print(b.strip(), b.lstrip(), b.rstrip(), b'xxaxx'.strip(b'x'))
print(b.split(), b'a,b,,c'.split(b','), b'a b c'.split(None, 1), b'a,b'.rsplit(b',', 1))
print(b'-'.join([b'a', b'b', b'c']), b''.join([]))
print(b'hello'.find(b'l'), b'hello'.rfind(b'l'), b'hello'.find(b'z'), b'hello'.index(b'e'))
print(b'hello'.count(b'l'), b'hello'.replace(b'l', b'L'), b'hello'.replace(b'l', b'', 1))
print(b'hello'.startswith(b'he'), b'hello'.endswith(b'lo'), b'hello'.endswith((b'x', b'o')))
print(b'ABCdef'.upper(), b'ABCdef'.lower())
print(b'123'.isdigit(), b'abc'.isalpha(), b'  '.isspace(), b'A'.isupper(), b'a'.islower())
print(b'k=v'.partition(b'='), b'a.b.c'.rpartition(b'.'))
print(b'a\nb\r\nc'.splitlines())
