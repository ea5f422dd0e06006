# max() and min() with several arguments, iterables, key and default
print(max(3, 7, 1), min(3, 7, 1), max([4, 9, 2]), min((4, 9, 2)), max('hello'), min('hello'))
print(max([1, 2], [1, 3]), min(2.5, 2), max(-1, -1.5))
print(max(['apple', 'fig', 'banana'], key=len), min(['apple', 'fig', 'banana'], key=len))
print(max([], default='empty'), min([], default=None), max([5], default=0))
print(max({'a': 3, 'b': 1}, key=lambda k: -ord(k)), min(range(10), key=lambda x: (x - 4) ** 2))
print(max([(1, 'b'), (1, 'a')]), max(3, 3.0), min(True, 0))
print(max(x * x for x in range(-5, 3)), max('a', 'b', key=str.upper))
print(max([2, 5, 5, 1], key=lambda x: x % 5), min([3, 1, 1], key=lambda x: 0))
