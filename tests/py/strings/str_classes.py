# character classes beyond ASCII
for t in ['abc', 'ABC', 'Abc', 'ab1', '123', '½', '²', '٣', 'é', 'É', 'ß', '中文', '€', ' \t', '\u3000', '\x1c', 'a b', '', 'Ab Cd', 'Ab cd']:
    print(repr(t), t.isalpha(), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalnum(), t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isprintable(), t.isascii())
print('abc'.isidentifier(), '1a'.isidentifier(), '_x1'.isidentifier(), 'é'.isidentifier(), ''.isidentifier(), 'a-b'.isidentifier())
print('a\n'.isprintable(), '\xa0'.isprintable(), '\u200b'.isprintable())
