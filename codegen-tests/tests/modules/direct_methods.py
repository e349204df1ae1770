# Method calls and constructions that compiled code may enter directly,
# and every way the direct path must give way to the generic one.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)


class Point3(Point):
    def __init__(self, x, y, z=0):
        self.x, self.y, self.z = x, y, z

    def norm1(self):
        return abs(self.x) + abs(self.y) + abs(self.z)


class Loud:
    def __init__(self, x, y):
        return x + y


class Made:
    def __new__(cls, x, y):
        print("Made.__new__", x, y)
        return super().__new__(cls)

    def __init__(self, x, y):
        print("Made.__init__", x, y)


class Meta(type):
    def __call__(cls, *args):
        print("Meta.__call__", args)
        return super().__call__(*args)


class Metered(metaclass=Meta):
    def __init__(self, x, y):
        self.x = x


class Failing:
    def __init__(self, x, y):
        raise ValueError(f"bad {x} {y}")


def report(p):
    return p.norm1()


def main():
    p = Point(1, -2)
    q = Point3(1, -2, 3)
    print(report(p), report(q), p.moved(2, 2).norm1(), type(p.moved(0, 0)).__name__)
    print(Point3(4, 5).norm1())
    # An instance attribute shadows the class's method.
    p.norm1 = lambda: "shadowed"
    print(report(p))
    del p.norm1
    print(report(p))
    # Replacing the method on the class is seen at once.
    old = Point.norm1
    Point.norm1 = lambda self: "replaced"
    print(report(Point(0, 0)), report(q))
    Point.norm1 = old
    print(report(Point(3, 4)))
    # Not a Point at all.
    class Other:
        def norm1(self):
            return "other"
    print(report(Other()))
    try:
        Loud(1, 2)
    except TypeError as e:
        print("TypeError:", e)
    m = Made(1, 2)
    print(type(m).__name__)
    print(Metered(5, 6).x)
    try:
        Failing(1, 2)
    except ValueError as e:
        print("ValueError:", e)
    try:
        Point(1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        p.moved(1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        report(None)
    except AttributeError as e:
        print("AttributeError:", e)


main()
# Rebinding the class's global name: calls construct whatever it holds.
Point = Point3
print(type(Point(1, 2)).__name__, Point(1, 2).z)


# `super().name(...)` finds the next class's method, which may be entered
# directly with the instance as `self`.
class Base:
    def describe(self, tag):
        return f"Base({tag}, {type(self).__name__})"


class Middle(Base):
    def describe(self, tag):
        return "Middle+" + super().describe(tag)


class Leaf(Middle):
    def describe(self, tag):
        return "Leaf+" + super().describe(tag)

    @classmethod
    def make(cls):
        return super().__new__(cls)


print(Leaf().describe("t"), Middle().describe("m"), Leaf.make().describe("c"))
Base.describe = lambda self, tag: f"patched({tag})"
print(Leaf().describe("p"))
