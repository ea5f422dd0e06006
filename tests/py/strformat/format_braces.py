# escaped braces and nested replacement fields in specs
print('{{}}'.format(), '{{{}}}'.format(5), '{{x}} {}'.format('y'))
print('{:{}}|'.format('ab', 5), '{:>{w}}|'.format('ab', w=6), '{:{f}^{w}}'.format('c', f='*', w=5))
print('{:.{p}f}'.format(3.14159, p=3), '{0:{1}}|'.format(7, 4))
print('}}{{', '}} {{'.format())
