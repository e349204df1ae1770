class Vec:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __bool__(self):
        return bool(self.x or self.y)
    def __iter__(self):
        yield self.x
        yield self.y
v = Vec(3, 4)
print(v + v, 2 * v, v * 3, abs(v), bool(Vec(0, 0)), list(v), {v: 1}[Vec(3, 4)], v == Vec(3, 4), v != Vec(1, 1))
try:
    v.z = 1
except AttributeError as e:
    print("AttributeError:", e)
class Base:
    count = 0
    def __init__(self):
        Base.count += 1
        self.id = Base.count
    def describe(self):
        return f"{type(self).__name__}#{self.id}"
    @classmethod
    def make(cls):
        return cls()
    @staticmethod
    def helper(x):
        return x * 2
    @property
    def double_id(self):
        return self.id * 2
class Child(Base):
    def describe(self):
        return "child:" + super().describe()
c = Child.make()
print(c.describe(), Base.make().describe(), Child.helper(4), c.double_id, Base.count, isinstance(c, Base))
print([k.__name__ for k in Child.__mro__], [b.__name__ for b in Child.__bases__], Child.__name__, c.__class__.__name__, hasattr(c, "id"), vars(c))
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
t = Temp(); t.c = 25
try:
    t.c = -300
except ValueError as e:
    print(t.c, e)
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack(); s.push(1); s.push(2)
print(s, len(s), s.peek(), isinstance(s, list), s + [3], type(s).__name__)
class Registry(dict):
    def __missing__(self, key):
        return f"<{key}>"
r = Registry(a=1)
print(r["a"], r["zz"], len(r))
class Meta(type):
    def __new__(mcs, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcs, name, bases, ns)
class Tagged(metaclass=Meta):
    pass
print(Tagged.tag, type(Tagged).__name__)
class Dyn:
    def __getattr__(self, name):
        return name * 2
print(Dyn().ab, getattr(Dyn(), "xy"))
Point = type("Point", (), {"x": 1, "show": lambda self: f"P{self.x}"})
print(Point().show(), Point.__name__)
class Cmp:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"C{self.v}"
print(sorted([Cmp(3), Cmp(1), Cmp(2)]), max([Cmp(3), Cmp(5)], key=lambda c: c.v))
class Sub:
    def __init_subclass__(cls, **kw):
        cls.flag = kw.get("flag", False)
class Yes(Sub, flag=True): pass
print(Yes.flag, Sub.__subclasses__()[0].__name__)
print(object().__repr__().startswith("<object object at 0x"), repr(Base).startswith("<class '"), repr(Base).endswith(".Base'>"))
