# splitlines with the common line endings
print('a\nb\r\nc\rd'.splitlines())
print('a\nb\n'.splitlines(), '\n'.splitlines(), ''.splitlines())
print('one\n\ntwo'.splitlines())
print('x\ny\r\n'.splitlines(True))
print('no newline'.splitlines())
