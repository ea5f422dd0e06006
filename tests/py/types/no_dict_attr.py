# builtin objects and plain functions carry no __dict__; user instances do
def f():
    pass
class C:
    pass
c = C()
c.x = 1
print(hasattr(1, '__dict__'), hasattr('s', '__dict__'), hasattr([], '__dict__'), hasattr(object(), '__dict__'))
print(hasattr(f, '__dict__'), hasattr(len, '__dict__'))
print(c.__dict__)
