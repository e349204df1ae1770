import copy
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple
a = [1, [2, 3], {"k": [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
print(b == a, b is a, b[1] is a[1], c[1] is a[1], c[2]["k"] is a[2]["k"], c == a)
class P:
    def __init__(self, x): self.x = x; self.l = [x]
p = P(5); q = copy.copy(p); r = copy.deepcopy(p)
print(q.x, q.l is p.l, r.l is p.l, r.l == p.l, type(r).__name__)
class S:
    __slots__ = ("a", "b")
s = S(); s.a = [1]; t = copy.deepcopy(s); print(t.a, t.a is s.a)
class C:
    def __copy__(self): return "custom copy"
    def __deepcopy__(self, memo): return "custom deep"
print(copy.copy(C()), copy.deepcopy(C()))
rec = [1]; rec.append(rec); rc = copy.deepcopy(rec); print(rc[1] is rc, rc[0])
d = deque([[1], [2]], maxlen=5); dc = copy.deepcopy(d); print(dc, dc[0] is d[0], copy.copy(d)[0] is d[0])
dd = defaultdict(list, {"a": [1]}); ddc = copy.deepcopy(dd); print(ddc, ddc["a"] is dd["a"], type(ddc).__name__)
print(copy.deepcopy(Counter("aab")), copy.copy(OrderedDict(a=1)), copy.deepcopy(OrderedDict(b=[2])))
Pt = namedtuple("Pt", "x y"); pt = Pt([1], 2); print(copy.copy(pt) is pt or copy.copy(pt) == pt, copy.deepcopy(pt), copy.replace(pt, x=9))
t = (1, 2, (3, 4)); print(copy.deepcopy(t) is t, copy.copy(t) is t)
t2 = (1, [2]); print(copy.deepcopy(t2) is t2, copy.deepcopy(t2))
class L(list):
    pass
l = L([1, [2]]); lc = copy.deepcopy(l); l.extra = 1; print(type(lc).__name__, lc, lc[1] is l[1], copy.copy(l).extra)
print(copy.copy({1, 2}), copy.deepcopy(frozenset({1})), copy.copy(len) is len, copy.deepcopy(int) is int)
try: copy.replace(5)
except TypeError as e: print(e)
