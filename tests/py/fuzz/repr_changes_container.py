# __repr__ and __eq__ of the items shrink the list being printed or searched
# (pop() gives the list's spare memory back) and then allocate, so the freed
# memory gets reused: printing and searching must read the list as it is.
class R:
    def __repr__(self):
        while len(rl) > 1:
            rl.pop()
        junk = [[i] * 3 for i in range(200)]
        return "r"


rl = [R() for _ in range(300)]
print(repr(rl))


class Q:
    def __eq__(self, o):
        while len(ql) > 1:
            ql.pop()
        junk = [[i] * 3 for i in range(200)]
        return False


ql = [Q() for _ in range(300)]
print(1 in ql, len(ql))
ql = [Q() for _ in range(300)]
print(ql == [1] * 300, ql.count(1))


class D:
    def __repr__(self):
        d.clear()
        junk = [[i] * 3 for i in range(200)]
        return "r"


d = {i: D() for i in range(300)}
print(repr(d))
