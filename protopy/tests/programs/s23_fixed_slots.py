class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x; self.y = y
class Q(P):
    __slots__ = ("z",)
class R(P):
    pass
p = P(1, 2)
print(p.x, p.y)
try:
    p.w = 3
except AttributeError as e:
    print(e)
try:
    p.__dict__
except AttributeError as e:
    print(e)
del p.x
try:
    p.x
except AttributeError as e:
    print(e)
try:
    del p.x
except AttributeError as e:
    print(e)
q = Q(3, 4); q.z = 5
print(q.x, q.y, q.z)
r = R(5, 6); r.extra = 7
print(r.x, r.extra)
try:
    p.__class__ = R
except TypeError as e:
    print(e)
import copy
c = copy.copy(q)
print(c.x, c.y, c.z)
d = copy.deepcopy(q)
print(d.x, d.y, d.z)
print(hasattr(p, "y"), getattr(p, "x", "none"))
setattr(p, "x", 10); print(p.x)
from dataclasses import dataclass
@dataclass(slots=True)
class DC:
    a: int
    b: str = "s"
print(DC(1), DC(2, "t").b)
for i in range(3):
    p.y += i
print(p.y)
# Slotted objects in a cycle are collected.
import gc
class Link:
    __slots__ = ("other", "__weakref__")
gc.collect()
a = Link(); b = Link(); a.other = b; b.other = a
del a, b
print(gc.collect() >= 2)
