# explicit and implicit line joining, semicolons
total = 1 + \
    2 + \
    3
print(total)
items = [
    1,
    2,
    3,  # trailing comma and comment
]
print(items)
d = {'a': 1,
     'b': 2}
print(d)
def f(a,
      b=2,
      ):
    return a + b
print(f(1,
        5))
x = 1; y = 2; print(x + y)
if x: print('one-line if')
for i in range(2): print('one-line for', i)
s = ('implicit '
     'concat')
print(s)
