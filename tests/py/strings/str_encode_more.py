# encodings and decoding errors
print('é€'.encode(), 'é'.encode('latin-1'), 'abc'.encode('ascii'), 'é'.encode('ascii', 'replace'), 'é'.encode('ascii', 'ignore'), 'x'.encode('UTF-8'), 'x'.encode('utf_8'))
print(b'caf\xc3\xa9'.decode(), b'\xe9'.decode('latin-1'), b'abc'.decode('ascii'), b'a\xffb'.decode('utf-8', 'replace'), b'a\xffb'.decode('ascii', 'ignore'))
print(b'\xf0\x9f\x98\x80'.decode(), len(b'\xf0\x9f\x98\x80'.decode()), b'\xed\xa0\x80'.decode('utf-8', 'replace'), b'\xc0\xaf'.decode('utf-8', 'replace'))
print(bytes('é', 'utf-8'), bytearray('é', 'latin-1'), str(b'\xc3\xa9', 'utf-8'))
for bad in [lambda: b'\xff'.decode(), lambda: b'a\xe2\x82'.decode(), lambda: b'\xe2\x28\xa1'.decode(), lambda: b'\xe2\x82\x28'.decode(),
            lambda: 'é'.encode('ascii'), lambda: '€'.encode('latin-1'), lambda: b'\x80'.decode('ascii'), lambda: b'\xed\xa0\x80'.decode(),
            lambda: b'\xf4\x90\x80\x80'.decode(), lambda: b'\xc0\x80'.decode()]:
    try:
        print(bad())
    except UnicodeError as e:
        print('UnicodeError', e)
for bad in [lambda: 'x'.encode('nope'), lambda: b'x'.decode('nope'), lambda: 'x'.encode('utf-8', 'nope')]:
    try:
        print(bad())
    except LookupError as e:
        print('LookupError', e)
