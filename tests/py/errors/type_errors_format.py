# TypeError from % formatting with wrong arguments
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('%d of str', lambda: '%d' % 'x')
check('%f of str', lambda: '%f' % 'x')
check('%x of float', lambda: '%x' % 1.5)
check('too few args', lambda: '%s %s' % ('a',))
check('too many args', lambda: '%s' % ('a', 'b'))
check('no format but arg', lambda: 'plain' % 5)
check('%c of long str', lambda: '%c' % 'ab')
check('mapping needed', lambda: '%(k)s' % 5)
check('%*d with str width', lambda: '%*d' % ('a', 1))
check('format int with s', lambda: '{:s}'.format(5))
check('format str with d', lambda: '{:d}'.format('x'))
check('format float with d', lambda: '{:d}'.format(1.5))
check('%d of list', lambda: '%d' % [1])
