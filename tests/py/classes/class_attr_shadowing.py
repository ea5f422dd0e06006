# class attributes versus instance attributes
class C:
    shared = []
    value = 1
    def add(self, x):
        self.shared.append(x)
a, b = C(), C()
a.add(1)
b.add(2)
print(C.shared, a.shared is b.shared)
a.value = 10
print(a.value, b.value, C.value)
del a.value
print(a.value)
C.value = 5
print(a.value, b.value)
a.shared = ['own']
print(a.shared, b.shared)
class D:
    def method(self):
        return 'method'
d = D()
d.method = lambda: 'instance override'
print(d.method(), D().method())
