# int() constructor
print(int(), int(5), int(-5.9), int('12'), int('-0x10', 16), int(' 42\n'), int(True), int('0b11', 0))
print(int('123456789' * 3), int(-(10 ** 20)), int(2.0 ** 62))
print(int('7', 8), int('Z', 36), int('10', base=2), int('0o17', 8))
class I:
    def __int__(self):
        return 99
print(int(I()))
