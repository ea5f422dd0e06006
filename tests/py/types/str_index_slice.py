# indexing and slicing strings (ASCII)
s = 'hello world'
print(s[0], s[4], s[-1], s[-5])
print(s[0:5], s[6:], s[:5], s[-5:], s[:], s[3:3])
print(s[::2], s[1::2], s[::-1], s[-2::-2], s[8:2:-1])
print(s[100:], s[-100:3], s[5:1], s[2:-2])
print(s[::3], s[10:0:-4])
print(len(s), len(s[2:9]))
print(''[:5], 'a'[0], 'a'[-1])
