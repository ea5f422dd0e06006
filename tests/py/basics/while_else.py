# while ... else
n = 0
while n < 3:
    n += 1
else:
    print('else after', n)

n = 0
while True:
    n += 1
    if n == 4:
        break
else:
    print('not printed')
print('broke at', n)

n = 10
while n < 3:
    print('never')
else:
    print('else without iterations')

n = 0
total = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    total += n
else:
    print('total', total)
