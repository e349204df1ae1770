# Lists made without containers are not tracked by the cycle collector
# until they may hold one: every way of adding one is seen.
import gc
class N: pass
def mk():
    a = []           # untracked: empty
    a.append(a)      # now a cycle
    b = [1, "x"]
    b.extend([b])
    c = ["s"]
    c.insert(0, c)
    d = [None]
    d[0] = d
    e = [0, 1]
    e[0:1] = [e]
    f = []
    f += [f]
    g = list("ab")
    g.sort(key=lambda x: x); g.append(N()); g[-1].g = g
    h = [1]
    h *= 2
    h.append({"h": h})
gc.collect()
for _ in range(5):
    mk()
print(gc.collect())
