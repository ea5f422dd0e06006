# exec() of statements with module globals and explicit dictionaries
exec('print("hello from exec")')
exec('a_global = 42')
print(a_global)
ns = {}
exec('def f(x):\n    return x + 1\nv = f(1)', ns)
print(ns['v'], ns['f'](10))
exec('y = x * 2', {'x': 21}, ns)
print(ns['y'])
g = {'items': []}
exec('for i in range(3):\n    items.append(i * i)', g)
print(g['items'])
print(exec('1 + 1'))
code = '''
class K:
    def m(self):
        return 'method'
r = K().m()
'''
d = {}
exec(code, d)
print(d['r'])
