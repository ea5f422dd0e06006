# string comparison is by code point
print('a' < 'b', 'a' < 'B', 'abc' < 'abd', 'ab' < 'abc', '' < 'a')
print('Z' < 'a', 'é' > 'e', 'abc' == 'abc', 'abc' != 'ABC')
print(sorted(['pear', 'Apple', 'banana', 'apple', 'éclair', '']))
print(max('hello'), min('hello'), max(['b', 'ab', 'ba']))
print('a' * 3 == 'aaa', 'abc' >= 'abc', 'abc' <= 'ab')
