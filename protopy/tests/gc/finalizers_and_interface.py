import gc

class Res:
    saved = []
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        print("del", self.name)
        if self.name == "phoenix":
            Res.saved.append(self)

gc.collect()
Res("plain")
Res("phoenix")
n = gc.collect()
print("found", n >= 2)
print("saved", [r.name for r in Res.saved])
print("finalized", gc.is_finalized(Res.saved[0]))
Res.saved.clear()
print("again", gc.collect() >= 1)
print("end")

class Parent:
    def __init__(self):
        self.children = []
class Child:
    def __init__(self, parent):
        self.parent = parent
        parent.children.append(self)
p = Parent()
for i in range(3):
    Child(p)
del p
print(gc.collect() >= 4)

try:
    raise ValueError("x")
except ValueError as exc:
    exc.keep = exc
print(gc.collect() >= 1)

d = {}
d["self"] = d
s = {1}
class H:
    pass
h = H()
h.s = s
s.add(h) if False else None
del d
print(gc.collect() >= 1)

calls = []
def cb(phase, info):
    calls.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(calls)
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
old = gc.get_threshold()
gc.set_threshold(500)
print(gc.get_threshold()[0])
gc.set_threshold(*old)
try:
    gc.collect(3)
except ValueError as err:
    print("ValueError", err)
print(type(gc.get_count()), len(gc.get_count()))
print(gc.is_tracked([]), gc.is_tracked(3), gc.is_tracked("s"), gc.is_tracked((1, 2)), gc.is_tracked(([],)))
x = [1]
y = {"k": x}
print(any(r is y for r in gc.get_referrers(x)))
print(x in gc.get_referents(y))
