# gc.collect() keeps live objects intact
import gc
keep = {'list': list(range(50)), 'text': 'x' * 100, 'nested': [[1, 2], (3, 4), {5: 6}]}
for i in range(200):
    garbage = [str(j) for j in range(20)]
gc.collect()
print(keep['list'][-1], len(keep['text']), keep['nested'])
gc.collect()
gc.collect()
print(sum(keep['list']), garbage[-1])
