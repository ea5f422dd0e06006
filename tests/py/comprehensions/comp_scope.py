# comprehension variables do not leak; the first iterable evaluates in the enclosing scope
i = 'unchanged'
_ = [i for i in range(5)]
print(i)
_ = {i: i for i in range(3)}
_ = {i for i in range(3)}
_ = list(i for i in range(3))
print(i)
class C:
    items = [1, 2, 3]
    doubled = [x * 2 for x in items]
print(C.doubled)
def f():
    data = [3, 4]
    return [d + len(data) for d in data]
print(f())
