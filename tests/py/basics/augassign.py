# augmented assignment on names, items, attributes
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x %= 3; print(x)
x **= 4; print(x)
x <<= 3; print(x)
x >>= 2; print(x)
x &= 6; print(x)
x |= 9; print(x)
x ^= 3; print(x)
y = 7
y /= 2; print(y)
l = [1]
alias = l
l += [2, 3]
print(l, alias, l is alias)
t = (1,)
talias = t
t += (2,)
print(t, talias)
d = {'k': 1}
d['k'] += 10
print(d)
class C:
    pass
c = C()
c.n = 1
c.n += 41
print(c.n)
s = 'ab'
s *= 3
print(s)
l2 = [0, 1, 2]
l2[1] *= 10
l2[-1] -= 5
print(l2)
