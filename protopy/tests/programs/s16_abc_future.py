from __future__ import annotations
import __future__
from abc import ABC, ABCMeta, abstractmethod
print(__future__.all_feature_names[-1], repr(__future__.annotations), __future__.division.getMandatoryRelease())
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self): return f"{type(self).__name__} with area {self.area()}"
try: Shape()
except TypeError as e: print(e)
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
try: Sq(2)
except TypeError as e: print(e)
class Sq2(Sq):
    def perimeter(self): return 4 * self.s
print(Sq2(3).describe(), isinstance(Sq2(1), Shape), sorted(Shape.__abstractmethods__), Sq2.__abstractmethods__)
class Reg(ABC): pass
Reg.register(int); print(isinstance(3, Reg), issubclass(int, Reg), issubclass(str, Reg))
class Hooked(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return hasattr(C, "quack") or NotImplemented
class Duck:
    def quack(self): pass
print(isinstance(Duck(), Hooked), isinstance(3, Hooked), type(Shape).__name__)
import collections.abc as cabc
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance({}, cabc.MutableMapping), isinstance(set(), cabc.Set), isinstance("", cabc.Iterable), isinstance(3, cabc.Iterable), isinstance(len, cabc.Callable), isinstance((x for x in []), cabc.Generator), isinstance(iter([]), cabc.Iterator), isinstance(3, cabc.Hashable), isinstance([], cabc.Hashable))
class MyMap(cabc.Mapping):
    def __init__(self, d): self._d = d
    def __getitem__(self, k): return self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
m = MyMap({"a": 1, "b": 2}); print(m["a"], m.get("z", 0), "a" in m, list(m.keys()), list(m.items()), list(m.values()), m == {"a": 1, "b": 2}, dict(m))
class MySeq(cabc.Sequence):
    def __getitem__(self, i): return [10, 20, 30][i]
    def __len__(self): return 3
s = MySeq(); print(list(s), 20 in s, s.index(30), s.count(10), list(reversed(s)))
class MySet(cabc.MutableSet):
    def __init__(self): self.items = []
    def __contains__(self, x): return x in self.items
    def __iter__(self): return iter(self.items)
    def __len__(self): return len(self.items)
    def add(self, x):
        if x not in self.items: self.items.append(x)
    def discard(self, x):
        if x in self.items: self.items.remove(x)
ms = MySet(); ms |= {1, 2}; ms.add(3); ms.discard(1); print(sorted(ms), len(ms), ms <= {2, 3, 4})
