# alignment, fill and width in format specs
print('[{:10}]'.format('left'), '[{:>10}]'.format('right'), '[{:^10}]'.format('mid'), '[{:<10}]'.format('l'))
print('[{:*^9}]'.format('ab'), '[{:->6}]'.format('x'), '[{:.<6}]'.format('y'), '[{:0>4}]'.format('7'))
print('[{:10}]'.format(42), '[{:<6}]'.format(42), '[{:^6}]'.format(42), '[{:=+8}]'.format(42), '[{:0=8}]'.format(-42))
print('[{:3}]'.format('longer'), '[{:^7}]'.format('é€'))
print('[{:>8}]'.format(1.5), '[{:*<8}]'.format(-0.5))
