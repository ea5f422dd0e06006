# reference cycles are collectable and do not disturb live data
import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
live = Node('live')
live.other = Node('peer')
live.other.other = live
for i in range(2000):
    a = Node('a%d' % i)
    b = Node('b%d' % i)
    a.other = b
    b.other = a
    l = []
    l.append(l)
del a, b, l
gc.collect()
print(live.name, live.other.name, live.other.other is live)
