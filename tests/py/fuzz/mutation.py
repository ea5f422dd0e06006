# Containers changed by the code they call: sort keys and comparisons that
# raise or mutate the list, iteration over a list/dict/set that changes,
# __eq__ that empties the container being searched.
# sorted with a key that raises; list mutated during sort / iteration
def bad(x):
    if x == 5: raise ValueError("key")
    return x
l = list(range(10))
try:
    sorted(l, key=bad)
except ValueError as e: print("key raises", e)
try:
    l.sort(key=bad)
except ValueError as e: print("sort key raises", e, l)
class Cmp:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        lst.append(Cmp(0))
        lst.clear()
        return self.v < o.v
    def __repr__(self): return "C%d" % self.v
lst = [Cmp(i) for i in range(20, 0, -1)]
try:
    lst.sort()
    print("sorted", len(lst))
except ValueError as e:
    print("mutated during sort", e)
class Cmp2:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        if self.v == 3: raise TypeError("lt")
        return self.v < o.v
lst2 = [Cmp2(i) for i in range(10)]
try:
    lst2.sort(reverse=True)
except TypeError as e: print("lt raises", e, len(lst2))
l = [1,2,3]
for x in l:
    if len(l) < 10: l.append(x)
print(l)
l = [1,2,3,4,5]
for x in l:
    l.remove(x)
print(l)
d = {1:1, 2:2}
try:
    for k in d:
        d[k+10] = 1
except RuntimeError as e: print("dict", e)
d = {1:1, 2:2}
try:
    for k in d:
        del d[k]
except RuntimeError as e: print("dict del", e)
s = {1,2,3}
try:
    for k in s:
        s.add(k+10)
except RuntimeError as e: print("set", e)
d = {i: i for i in range(10)}
try:
    for v in d.values():
        d.clear()
except RuntimeError as e: print("dict values", e)
# key returning different types
try:
    sorted([1, "a", 2.0])
except TypeError as e: print("mixed", e)
l = [3, 1, 2]
def k(x):
    l.append(x)
    return x
try:
    l.sort(key=k)
    print(l)
except ValueError as e: print("key mutates", e)
# sort huge-ish with cmp that does gc
import gc
class G:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        gc.collect(); [0]*10
        return self.v < o.v
g = [G(i % 7) for i in range(50)]
g.sort()
print([x.v for x in g][:10])
# max/min with raising key
try: max([1,2,3], key=lambda x: 1/0)
except ZeroDivisionError: print("max key")
# list.index/count/remove with raising __eq__
class E:
    def __eq__(self, o):
        el.clear(); return False
el = [E(), E(), E()]
try:
    print(el.count(1), el.index(1))
except ValueError as e: print("index ValueError")
el = [E() for _ in range(5)]
try: el.remove(1)
except ValueError as e: print("remove", e)
el = [E() for _ in range(5)]
print(1 in el)
t = tuple(E() for _ in range(5))
print(1 in t)
d = {E(): 1} if False else {}
class HE:
    def __hash__(self): return 1
    def __eq__(self, o):
        dd.clear()
        return False
dd = {}
dd[HE()] = 1
try:
    dd[HE()] = 2
except RuntimeError as e: print('dict set eq mut', e)
print(len(dd))
dd = {}
for i in range(3): dd[HE()] = i

try:
    print(dd.get(HE()))
except RuntimeError as e: print("dict eq mut", e)
print("done")
