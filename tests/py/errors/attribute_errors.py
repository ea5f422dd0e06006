# AttributeError for missing or read-only attributes
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

class C:
    x = 1
c = C()
import sys
check('instance missing', lambda: c.nope)
check('class missing', lambda: C.nope)
check('module missing', lambda: sys.no_such_attr)
check('int missing', lambda: (5).nope)
check('str method missing', lambda: 'abc'.nope())
check('list method missing', lambda: [].push(1))
check('None attribute', lambda: None.x)
check('dict attribute', lambda: {}.x)
check('set attr on object()', lambda: setattr(object(), 'x', 1))
check('set attr on int', lambda: setattr(5, 'x', 1))
check('set attr on str', lambda: setattr('s', 'x', 1))
check('set attr on list', lambda: setattr([], 'x', 1))
check('delattr missing', lambda: delattr(c, 'nope'))
check('getattr missing', lambda: getattr(c, 'nope'))
check('function attribute', lambda: len.nope)
class Slotted:
    @property
    def ro(self):
        return 1
check('set read-only property', lambda: setattr(Slotted(), 'ro', 2))
def del_class_attr_via_instance():
    o = C()
    del o.x
check('del class attr via instance', del_class_attr_via_instance)
check('getattr default', lambda: getattr(c, 'nope', 'dflt'))
print(hasattr(c, 'nope'), hasattr(c, 'x'))
