from dataclasses import dataclass, field, fields, asdict, KW_ONLY, InitVar
from typing import NamedTuple, TypedDict, ClassVar, Optional, List
import typing

class A:
    x: int
    y: str = "a"
    __priv: float
    if True:
        z: list[int] = []
print(A.__annotations__, A.y)
w: int = 5
print(__annotations__)
def f():
    q: int = 1
    return q
print(f())

@dataclass
class P:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
    count: ClassVar[int] = 0
print(P(1), P(1, 2, [3]), [f.name for f in fields(P)], P.count)

@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
    label: Optional[str] = None
print(sorted([Version(2), Version(1, 5), Version(1, 2, "rc")]), Version(1) == Version(1, 0))

@dataclass
class Inv:
    name: str
    _: KW_ONLY
    qty: int = 1
    scale: InitVar[int] = 1
    def __post_init__(self, scale):
        self.qty *= scale
print(Inv("bolt", qty=3, scale=2), asdict(Inv("nut")))

class Emp(NamedTuple):
    name: str
    id: int = 3
    def greet(self): return f"hi {self.name}"
e = Emp("a")
print(e, Emp("b", 5)._asdict(), e.greet(), Emp._fields, Emp.__annotations__)

class Movie(TypedDict):
    title: str
    year: int
m = Movie(title="x", year=1)
print(m, type(m).__name__, Movie.__annotations__, sorted(Movie.__required_keys__))
print(typing.get_type_hints(P), typing.get_type_hints(Emp))

class B(A):
    k: bool
print(B.__annotations__, A.__annotations__ is not B.__annotations__)
