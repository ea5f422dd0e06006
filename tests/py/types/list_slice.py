# reading list slices
l = list(range(10))
print(l[2:5], l[:3], l[7:], l[-3:], l[:-7], l[::3], l[::-1], l[8:2:-2])
print(l[100:], l[-100:2], l[5:5], l[6:2])
s = l[:]
s[0] = 'x'
print(l[0], s[0])
print(l[slice(1, 9, 3)], l[1:9][::2])
