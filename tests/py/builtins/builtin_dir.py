# dir() lists attributes, including user-defined ones
class C:
    cls_attr = 1
    def method(self):
        pass
c = C()
c.inst_attr = 2
names = dir(c)
print('cls_attr' in names, 'method' in names, 'inst_attr' in names, 'nope' in names)
print('append' in dir([]), 'keys' in dir({}), 'upper' in dir(''), 'add' in dir(set()))
import sys
print('argv' in dir(sys), 'exit' in dir(sys))
print(isinstance(dir(), list), 'C' in dir(), 'names' in dir())
