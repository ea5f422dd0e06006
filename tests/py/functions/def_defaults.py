# default argument values
def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct
print(greet('Ann'), greet('Bob', 'Hi'), greet('Cy', 'Yo', '?'))
print(greet(name='Di'), greet('Ed', punct='.'), greet(punct='~', name='Flo'))
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2))
def safe_append(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(safe_append(1), safe_append(2))
n = 5
def captured(v=n):
    return v
n = 6
print(captured())
def expr_default(a, b=2 * 3, c=len('abc')):
    return a, b, c
print(expr_default(0))
