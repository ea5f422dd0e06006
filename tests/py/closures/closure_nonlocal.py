# nonlocal lets inner functions rebind enclosing variables
def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc
c1 = counter()
c2 = counter()
print(c1(), c1(), c1(10), c2())
def bank(balance):
    def deposit(x):
        nonlocal balance
        balance += x
        return balance
    def withdraw(x):
        nonlocal balance
        if x > balance:
            return 'insufficient'
        balance -= x
        return balance
    return deposit, withdraw
dep, wd = bank(100)
print(dep(50), wd(30), wd(500), dep(0))
def layered():
    a = 1
    def middle():
        def inner():
            nonlocal a
            a += 100
        inner()
        return a
    return middle()
print(layered())
