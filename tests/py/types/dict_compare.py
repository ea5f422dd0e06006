# dict equality ignores order
print({'a': 1, 'b': 2} == {'b': 2, 'a': 1}, {'a': 1} == {'a': 2}, {} == {})
print({1: [1, 2]} == {1: [1, 2]}, {'a': 1} != {'a': 1, 'b': 2})
print({1: 'x'} == {1.0: 'x'}, dict(a=1) == {'a': 1})
