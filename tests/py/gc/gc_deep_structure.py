# collecting a very deep structure does not overflow the collector
import gc
deep = None
for i in range(100000):
    deep = [deep, i]
gc.collect()
n = 0
node = deep
while node is not None:
    n += 1
    node = node[0]
print(n, deep[1])
deep = None
gc.collect()
chain = {}
cur = chain
for i in range(50000):
    cur['next'] = {}
    cur = cur['next']
gc.collect()
print('ok')
