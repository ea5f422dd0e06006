# A sort key that empties or shortens the list being sorted: ValueError, not
# a sort over the unfilled part of the key array.
l = list(range(10))
try:
    l.sort(key=lambda x: l.clear() or x)
except ValueError as e:
    print("ValueError", e)
print(l)
l = list(range(10))
try:
    l.sort(key=lambda x: (l.pop(), x)[1])
except ValueError as e:
    print("ValueError", e)
print(l)
l = list(range(10))
l.sort(key=lambda x: -x)
print(l)
