# startswith and endswith, with tuples and positions
s = 'hello.py'
print(s.startswith('he'), s.startswith('lo'), s.endswith('.py'), s.endswith('.c'))
print(s.startswith(''), s.endswith(''), s.startswith(('x', 'h')), s.endswith(('.c', '.py')))
print(s.startswith('llo', 2), s.startswith('llo', 3), s.endswith('hello', 0, 5))
print(s.startswith('.', 5, 6), s.endswith('py', -2))
print(''.startswith(''), ''.endswith('a'))
