# bool() conversions
print(bool(), bool(0), bool(1), bool(''), bool('0'), bool([]), bool([[]]), bool(0.0), bool(-0.0))
print(bool(None), bool(()), bool({}), bool(set()), bool(range(0)), bool(1j))
print(type(bool(1)).__name__, bool(True) is True, bool(2) is True)
class Z:
    def __bool__(self):
        return False
print(bool(Z()), not Z())
