# json.loads accepts and refuses exactly what CPython's does: thousands of
# small edits of a valid document, each parsed or rejected with ValueError.
import json
seed = 5
def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    return (seed >> 8) % n
base = json.dumps({"a": [1, 2.5, -3e10, "x\u00e9\n\"", None, True, {"b": []}], "c": "\\u1234 \U0001f600"})
alphabet = '{}[]":,-+.eE0123456789tfnulr \\\n\tabu\u00e9'
counts = {}
for i in range(6000):
    s = list(base)
    for k in range(1 + rand(3)):
        op = rand(3)
        pos = rand(len(s))
        if op == 0: s[pos] = alphabet[rand(len(alphabet))]
        elif op == 1: del s[pos]
        else: s.insert(pos, alphabet[rand(len(alphabet))])
    t = "".join(s)
    try:
        json.loads(t); r = "ok"
    except ValueError:
        r = "ValueError"
    counts[r] = counts.get(r, 0) + 1
print(counts)
# the documents that parse come back from dumps unchanged
seed = 11
same = 0
for i in range(2000):
    s = list(base)
    pos = rand(len(s))
    s.insert(pos, alphabet[rand(len(alphabet))])
    try:
        v = json.loads("".join(s))
    except ValueError:
        continue
    same += json.loads(json.dumps(v)) == v
print(same > 0, same)
