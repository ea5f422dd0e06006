# except takes a class or a flat tuple of classes; a nested tuple, however
# deep, is refused with TypeError (it once recursed the C stack away)
def check(spec):
    try:
        try:
            1 / 0
        except spec:
            print("caught")
    except TypeError as e:
        print("TypeError", e)


check(ZeroDivisionError)
check((ValueError, ZeroDivisionError))
check(((ZeroDivisionError,),))
check((ValueError, 5))
t = ZeroDivisionError
for i in range(200000):
    t = (t,)
check(t)
