from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return f"{self.name}={self.value}"
    @classmethod
    def first(cls): return cls.RED
print(Color.RED, repr(Color.RED), Color["GREEN"], Color(3), Color.CRIMSON, Color.CRIMSON is Color.RED, list(Color), len(Color), Color.RED.describe(), Color.first())
print(Color, repr(Color), type(Color.RED), isinstance(Color.RED, Color), Color.RED.name, Color.RED.value, Color.RED == 1, Color.RED == Color.RED, hash(Color.RED) == hash(Color.RED))
print(list(Color.__members__), Color.RED in Color, 1 in Color, 5 in Color, f"{Color.RED}", format(Color.GREEN, ">12"), str(Color.BLUE), {Color.RED: 1})
try: Color(7)
except ValueError as e: print(e)
try: Color["NOPE"]
except KeyError as e: print(repr(e))
try: Color.RED = 5
except AttributeError as e: print(e)
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE, repr(Num.TWO), Num.ONE + 1, Num.TWO * 3, Num.ONE == 1, Num.ONE < Num.TWO, sorted([Num.TWO, Num.ONE]), f"{Num.TWO}", int(Num.TWO), Num(2), [n.name for n in Num], isinstance(Num.ONE, int))
class A(Enum):
    X = auto()
    Y = auto()
    Z = 10
    W = auto()
print(list(A), [a.value for a in A])
class S(StrEnum):
    NORTH = auto()
    SOUTH = "s"
print(S.NORTH, repr(S.NORTH), S.NORTH == "north", S.SOUTH.upper(), f"{S.NORTH}!")
class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm(0)), repr(Perm(0)), list(rw), rw & Perm.R, ~Perm.R, Perm(7), len(rw))
class F(Flag):
    A = auto()
    B = auto()
    C = auto()
print([f.value for f in F], F.A | F.C, repr(F.A | F.B | F.C))
class IF(IntFlag):
    A = 1
    B = 2
print(IF.A | IF.B, repr(IF.A | IF.B), IF.A | 4, repr(IF.A | 4), IF.B + 1, str(IF.A))
try:
    @unique
    class U(Enum):
        A = 1
        B = 1
except ValueError as e: print(e)
try:
    class Color2(Color): pass
except TypeError as e: print(e)
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.EARTH.value, Planet((3.303e+23, 2.4397e6)))
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, repr(Animal.CAT))
class Sh(Enum):
    SQUARE = 2
    @property
    def sides(self): return 4
print(Sh.SQUARE.sides)
class Miss(Enum):
    A = 1
    @classmethod
    def _missing_(cls, value): return cls.A
print(Miss(99))
match Color.GREEN:
    case Color.RED: print("red")
    case Color.GREEN: print("green")
print(Color.RED.__class__.__name__, Color.__members__["CRIMSON"])
try:
    class Dup(Enum):
        A = 1
        A = 2
except TypeError as e: print(e)
