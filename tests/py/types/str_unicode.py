# non-ASCII strings index and slice by code point
s = 'héllo wörld €'
print(len(s), s[1], s[7], s[-1], s[1:5], s[::-1])
print(s.find('ö'), s.index('€'), s.rfind('l'))
print([c for c in 'añb'])
e = 'π≈3.14 😀!'
print(len(e), e[0], e[1], e[-2], e[2:6])
print(ord('é'), ord('€'), ord('😀'), chr(233), chr(8364), chr(128512))
print('é' * 3, 'ü' + 'ß', 'ö' in s, 'x' in 'ü')
b = s.encode('utf-8')
print(len(b), b[:4])
print(b.decode('utf-8') == s)
print('日本語'.split('本'), '日本語'.replace('本', '-'))
print(repr('é€'), str('é€'))
print(sorted('béa'), max('aé'), 'é' > 'z')
