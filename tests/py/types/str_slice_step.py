# slices with steps on ASCII and non-ASCII strings
s = '0123456789'
print(s[::2], s[1::3], s[::-3], s[7:1:-2], s[-1:-8:-3])
u = 'aébèc€d'
print(u[::2], u[1::2], u[::-1], u[-2::-3])
print(s[slice(2, 8, 2)], u[slice(None, None, -2)])
