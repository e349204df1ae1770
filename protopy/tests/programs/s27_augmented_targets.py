# Augmented assignment evaluates the target's object (and index) once,
# before the right-hand side, even when the right-hand side rebinds the
# name that held it.


class Box:
    def __init__(self, name, v):
        self.name = name
        self.v = v

    def __repr__(self):
        return f"Box({self.name}, {self.v})"


def attribute_targets():
    a = Box("a", 1)
    b = Box("b", 10)
    a.v += 5
    print(a, b)
    old = a
    a.v += (a := b).v
    print(old, a, b)
    x = Box("x", 0)
    for i in range(4):
        x.v += i
    print(x)
    y = Box("y", [1])
    y.v += [2, 3]
    print(y)


def subscript_targets():
    items = [1, 2, 3]
    other = [100, 200, 300]
    i = 0
    items[i] += 10
    items[2] -= 1
    print(items)
    items[i] += (i := 1) + other[i]
    print(items, i)
    first = items
    items[i] *= len(items := other)
    print(first, items, other, i)
    d = {"k": 1}
    d["k"] += 41
    print(d)
    try:
        d["missing"] += 1
    except KeyError as e:
        print("KeyError", e)
    try:
        items[7] += 1
    except IndexError as e:
        print("IndexError", e)


def unbound_target():
    try:
        z.v += 1
        z = Box("z", 0)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k):
        self.n += k
        return self


def rebinding_in_comprehension():
    c = Counter()
    c.n += sum([(c := Counter()).n + j for j in range(3)])
    print(c.n)


attribute_targets()
subscript_targets()
unbound_target()
rebinding_in_comprehension()
print(Counter().bump(3).bump(4).n)
