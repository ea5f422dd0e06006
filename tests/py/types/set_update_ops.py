# in-place set operations
s = {1, 2, 3}
s |= {4}
print(sorted(s))
s &= {1, 2, 4, 9}
print(sorted(s))
s -= {1}
print(sorted(s))
s ^= {4, 5}
print(sorted(s))
s.update([7, 8], (9,))
print(sorted(s))
s.intersection_update({2, 7, 9, 100})
print(sorted(s))
s.difference_update([9])
print(sorted(s))
s.symmetric_difference_update({2, 3})
print(sorted(s))
