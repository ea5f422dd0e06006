# pass and empty-bodied constructs
def f():
    pass

class C:
    pass

for i in range(3):
    pass
print(i)
while False:
    pass
if True:
    pass
try:
    pass
except Exception:
    pass
print(f(), type(C()).__name__)
def g():
    ...
print(g())
