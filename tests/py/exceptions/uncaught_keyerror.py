# stderr
# exit: 1
# KeyError shows the repr of the missing key
d = {'a': 1}
print(d['a'])
print(d['b'])
