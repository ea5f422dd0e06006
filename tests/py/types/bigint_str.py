# conversions between big ints and strings in several bases
n = 2 ** 130 + 12345
print(str(n), repr(n))
print(hex(n), oct(n), bin(n))
print(hex(-n))
print(int(str(n)) == n, int(hex(n), 16) == n, int(bin(n), 0) == n)
print(int('-' + '9' * 50))
print(int('1' * 30, 36))
print('%d' % n, '%x' % n, '{:d}'.format(-n))
print(len(str(10 ** 99)), len(str(10 ** 100)))
print(str(-10 ** 25))
