# zfill and count
print('42'.zfill(5), '-42'.zfill(5), '+7'.zfill(4), 'abc'.zfill(2), ''.zfill(3))
print('aaa'.count('a'), 'aaa'.count('aa'), 'abc'.count(''), 'banana'.count('an'))
print('banana'.count('a', 2), 'banana'.count('a', 2, 4), 'xyz'.count('q'))
print(''.count(''), 'ééé'.count('é'))
