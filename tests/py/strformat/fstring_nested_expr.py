# f-string expressions: arithmetic, conditionals, comprehensions, attributes
class Pt:
    def __init__(self):
        self.x = 5
        self.tags = ['t1', 't2']
p = Pt()
print(f'{p.x} {p.tags[1]} {p.x * 2 - 1}')
vals = [1, 2, 3]
print(f'{sum(vals)} {max(vals)} {[v * v for v in vals]} {vals[1:]}')
print(f'{"yes" if p.x > 3 else "no"}')
print(f'{ p.x }', f'{p.x:3}|', f'{"a" + "b"}')
print(f'{3 % 2}', f'{7 // 2}', f'{2 ** 10}', f'{-p.x}')
