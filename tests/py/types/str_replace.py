# str.replace
print('hello world'.replace('o', '0'), 'aaaa'.replace('a', 'b', 2))
print('abc'.replace('', '-'), 'abc'.replace('x', 'y'), ''.replace('', 'z'))
print('aaa'.replace('aa', 'b'), 'banana'.replace('ana', '_'))
print('one two one'.replace('one', 'three'), 'x'.replace('x', ''))
print('abcabc'.replace('abc', 'abcabc'), 'aXbXc'.replace('X', '', 1))
print('a.b.c'.replace('.', '', 0), 'éaé'.replace('é', 'e'))
