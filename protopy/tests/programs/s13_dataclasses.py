from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, make_dataclass, KW_ONLY, InitVar
import dataclasses
@dataclass
class Point:
    __annotations__ = {"x": int, "y": int}
    x: int
    y: int = 0
p = Point(1, 2); print(p, p == Point(1, 2), p != Point(1, 3), Point(5), fields(Point)[0].name, [f.name for f in fields(p)])
print(asdict(p), astuple(p), replace(p, y=9), is_dataclass(p), is_dataclass(Point), is_dataclass(3), Point.__match_args__)
try: Point()
except TypeError as e: print(e)
try: Point(1, 2, 3)
except TypeError as e: print(e)
@dataclass(order=True, frozen=True)
class Card:
    __annotations__ = {"rank": int, "suit": str}
    rank: int
    suit: str = "S"
cs = sorted([Card(3, "H"), Card(1), Card(3, "C")]); print(cs, hash(Card(1)) == hash(Card(1)), Card(1) < Card(2))
try: cs[0].rank = 5
except FrozenInstanceError as e: print("Frozen:", e)
@dataclass
class Inv:
    __annotations__ = {"name": str, "tags": list, "count": int}
    name: str
    tags: list = field(default_factory=list)
    count: int = field(default=0, repr=False, compare=False)
a = Inv("a"); b = Inv("b"); a.tags.append(1); print(a, b, a.tags is not b.tags, Inv("z", [1], 5) == Inv("z", [1], 6))
try:
    @dataclass
    class Bad:
        __annotations__ = {"x": list}
        x: list = []
except ValueError as e: print(e)
try:
    @dataclass
    class Bad2:
        __annotations__ = {"x": int, "y": int}
        x: int = 1
        y: int
except TypeError as e: print(e)
@dataclass
class Base:
    __annotations__ = {"a": int}
    a: int
@dataclass
class Child(Base):
    __annotations__ = {"b": str}
    b: str = "x"
    def __post_init__(self): self.c = self.a * 2
ch = Child(4); print(ch, ch.c, [f.name for f in fields(Child)])
@dataclass
class KW:
    __annotations__ = {"a": int, "_": KW_ONLY, "b": int}
    a: int
    _: KW_ONLY
    b: int = 3
print(KW(1, b=2), KW(1))
try: KW(1, 2)
except TypeError as e: print(e)
M = make_dataclass("M", [("x", int), ("y", int, field(default=5))]); print(M(1), M(1, 2).y)
@dataclass(eq=False)
class NoEq:
    __annotations__ = {"v": int}
    v: int
print(NoEq(1) == NoEq(1), hash(NoEq(1)) is not None)
@dataclass
class Unh:
    __annotations__ = {"v": int}
    v: int
try: hash(Unh(1))
except TypeError as e: print(e)
@dataclass
class Nested:
    __annotations__ = {"p": Point, "items": list}
    p: Point
    items: list
print(asdict(Nested(Point(1, 2), [Point(3, 4)])))
print(type(dataclasses.MISSING).__name__, Point.__init__.__qualname__)
@dataclass(slots=True)
class Sl:
    __annotations__ = {"a": int}
    a: int
s = Sl(1); print(s, Sl.__slots__)
try: s.zzz = 1
except AttributeError as e: print("AttributeError")
