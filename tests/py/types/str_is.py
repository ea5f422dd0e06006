# isdigit, isalpha, isspace, isupper, islower, isalnum
tests = ['', 'abc', 'ABC', 'aBc', '123', 'a1', ' \t\n', ' ', 'A B', 'ab ', '1.5', 'ABC1', 'abc!']
for t in tests:
    print(repr(t), t.isdigit(), t.isalpha(), t.isspace(), t.isupper(), t.islower(), t.isalnum())
