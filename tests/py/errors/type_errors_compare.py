# TypeError for ordering comparisons between unrelated types
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('int < str', lambda: 1 < 'a')
check('str > int', lambda: 'a' > 1)
check('list < tuple', lambda: [1] < (1,))
check('None < None', lambda: None < None)
check('None < 0', lambda: None < 0)
check('dict < dict', lambda: {} < {})
check('complex < complex', lambda: 1j < 2j)
check('bytes < str', lambda: b'a' < 'a')
check('object < object', lambda: object() < object())
check('sorted mixed', lambda: sorted([3, 'a', 1]))
check('max mixed', lambda: max(1, 'a'))
check('list with mixed elems', lambda: [1, 2] < [1, 'a'])
check('int == str ok', lambda: 1 == 'a')
check('list == tuple ok', lambda: [1] == (1,))
check('set < set ok', lambda: {1} < {1, 2})
