# repr of strings chooses quotes and escapes control characters
print(repr('plain'), repr("it's"), repr('say "x"'), repr('both \' and "'))
print(repr('tab\there'), repr('nl\n'), repr('cr\r'), repr('back\\slash'))
print(repr('\x00\x01\x1b\x7f'), repr(''))
print(repr('é€😀'))
print(repr(['a', "b'c"]))
print(str('\x07') == '\x07', len(repr('\n')))
