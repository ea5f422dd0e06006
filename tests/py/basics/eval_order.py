# operands, arguments and display items evaluate left to right
def t(x):
    print('eval', x)
    return x
print(t(1) + t(2) * t(3))
def f(*a, **k):
    return a, sorted(k)
print(f(t('a'), t('b'), c=t('c')))
print([t(1), t(2)])
print({t('k1'): t('v1'), t('k2'): t('v2')})
l = [0, 0]
l[t(0)] = t('rhs')
print(l)
print(t(1) < t(2) < t(3))
