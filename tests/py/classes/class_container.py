# __getitem__, __setitem__, __delitem__, __len__, __contains__
class Store:
    def __init__(self):
        self.data = {}
    def __getitem__(self, k):
        print('get', k)
        return self.data[k]
    def __setitem__(self, k, v):
        print('set', k, v)
        self.data[k] = v
    def __delitem__(self, k):
        print('del', k)
        del self.data[k]
    def __len__(self):
        return len(self.data)
    def __contains__(self, k):
        return k in self.data
s = Store()
s['a'] = 1
s[2] = 'two'
s[(1, 2)] = 'tuple'
print(s['a'], s[2], s[1, 2], len(s))
del s['a']
print(len(s), 'a' in s, 2 in s, 3 not in s)
try:
    s['missing']
except KeyError:
    print('KeyError propagated')
s['n'] = 0
s['n'] += 5
print(s.data['n'])
