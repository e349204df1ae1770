# What compiled code's fast paths (inline int/float arithmetic, native
# range and list loops, direct calls between module-level functions, global
# caches) must not change: every line here is compared with the interpreter.
import sys


def add(a: int, b: int) -> int:
    return a + b


def mul(a: int, b: int) -> int:
    return a * b


def fdiv(a: float, b: float) -> float:
    return a / b


def square(x):
    return x * x


def countdown(n: int) -> int:
    total = 0
    for i in range(n, -n, -3):
        total += i
    return total


# int overflow past i64 becomes a big int, never a wrong answer
big = sys.maxsize
print(add(big, 1), add(-big, -2), mul(big, big), mul(-(2**62), 2), mul(2**62, 2))
x = 2**62
for _ in range(3):
    x += x
print(x, -x - x, x // 7, x % 7, -7 // 2, -7 % 2, 7 // -2, 7 % -2, 1 << 70, -(2**63) >> 3)
print(big + 1 - 1 == big, (big + 1) * 0, abs(-(2**63)))
print(10 / 4, -9 // 2.5, 7.5 % 2, 2**53 + 1 / 1, (2**53 + 1) / 1, 1 / 3, (2**60) / 3)

# float division by zero, int division by zero
for a, b in [(1.0, 0.0), (1, 0), (0.0, 0.0), (1.5, 0)]:
    try:
        print(fdiv(a, b))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
for op in ["//", "%"]:
    try:
        print(eval("5 " + op + " 0"))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
try:
    print(7 // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(7.0 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

# negative indexing, IndexError, item assignment
items = [10, 20, 30]
print(items[-1], items[-3], (1, 2, 3)[-2])
for i in [3, -4]:
    try:
        print(items[i])
    except IndexError as e:
        print("IndexError:", e)
    try:
        items[i] = 0
    except IndexError as e:
        print("IndexError:", e)
    try:
        print((1, 2)[i])
    except IndexError as e:
        print("IndexError:", e)
items[-1] = 99
print(items)

# comparisons: mixed, NaN, big ints
nan = float("nan")
print(1 < 2.5, 2**64 > 1, nan == nan, nan != nan, nan < 1.0, 3 == 3.0, True + 1, True < 2)

# loops: ranges (negative steps, empty, near the i64 limits), lists growing
print(countdown(10), countdown(0), [i for i in range(5, 0, -2)], list(range(big - 2, big)))
total = 0
for i in range(big - 3, big):
    total += i - big
print(total)
grow = [1, 2, 3]
for v in grow:
    if v < 6:
        grow.append(v + 3)
print(grow)
for i in range(3):
    pass
print(i)


# rebinding a module global from outside the function that calls it
def caller():
    return square(7)


print(caller())
_saved = square
square = lambda x: -x
print(caller())
globals()["square"] = _saved
print(caller())
sys.modules[__name__].square = lambda x: "replaced"
print(caller())
square = _saved
print(caller())


# a subclass overriding a method the base class calls
class Shape:
    def area(self):
        return 0

    def describe(self):
        return f"{type(self).__name__} {self.area()}"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side


print(Shape().describe(), Square(3).describe())
Square.area = lambda self: -1
print(Square(3).describe())


# recursion through a direct call still hits the recursion limit
def deep(n):
    return deep(n + 1)


try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)


# errors inside a directly called function propagate to the caller
def fails(n):
    return [1][n]


try:
    fails(5)
except IndexError as e:
    print("IndexError:", e)

# bools and ints in arithmetic keep their types
print(True + True, True * 2.5, 3 - False, type(True + 0).__name__, -True, 5 & True)
# float results print as CPython's
print(0.1 + 0.2, 1e308 * 10, -1e308 * 10, 2.0**0.5, 1e16 + 1.0)


# attribute sites: the cached resolution must follow every change
class Box:
    kind = "box"

    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    @property
    def double(self):
        return self.v * 2


def probe(b):
    return (b.kind, b.v, b.get(), b.double)


b = Box(1)
print(probe(b))
b.kind = "mine"                      # instance attribute shadows the class's
print(probe(b))
Box.kind = "crate"                   # class attribute changed
print(probe(b), probe(Box(2)))
b.get = lambda: "instance method"    # instance dict shadows the method
print(probe(b))
del b.get
Box.get = lambda self: -self.v       # method replaced on the class
print(probe(b))
Box.double = 5                       # property replaced by a plain value
print(probe(b))


class Other:
    kind = "other"
    v = "class v"

    def get(self):
        return "other get"

    double = property(lambda self: "other double")


b.__class__ = Other                  # class of the instance changed
print(probe(b))


class Slotted:
    __slots__ = ("v",)
    kind = "slotted"

    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    double = 0


s = Slotted(3)
print(probe(s))
try:
    s.other = 1
except AttributeError as e:
    print("AttributeError:", e)


class Hooked:
    def __getattr__(self, name):
        return "missing " + name

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 10)


h = Hooked()
h.v = 4
print(h.v, h.kind, h.get)


def set_v(o, value):
    o.v = value
    return o.v


print(set_v(b, 7), set_v(s, 8), set_v(h, 9))


# `x.append(v)`: in place for lists, the method call for everything else
from collections import deque


class Log(list):
    def append(self, x):
        super().append(x * 10)


class Appender:
    def append(self, x):
        print("appended", x)
        return "result"


for target in ([], Log(), deque(), Appender()):
    r = target.append(1)
    print(type(target).__name__, r, list(target) if not isinstance(target, Appender) else "-")
try:
    (1, 2).append(3)
except AttributeError as e:
    print("AttributeError:", e)

# methods of builtin types through method sites
print("  x ".strip(), [3, 1, 2].index(1), {"a": 1}.get("b", 0), (1, 2, 1).count(1), b"ab".upper(), (5).bit_length(), (2.5).is_integer())
for bad in [lambda: "x".strip(1), lambda: [].index(1), lambda: {}.get()]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


class Shout(str):
    def strip(self):
        return "overridden"


print(Shout(" y ").strip(), Shout(" y ").upper())
