# `in` uses __contains__, else iterates __iter__
class Evens:
    def __iter__(self):
        return iter([0, 2, 4, 6])
class Custom:
    def __contains__(self, x):
        print('contains', x)
        return x == 'magic'
print(4 in Evens(), 5 in Evens(), 5 not in Evens())
print('magic' in Custom(), 'other' in Custom())
class Truthy:
    def __contains__(self, x):
        return 1
print(0 in Truthy())
