# Annotated lists, typed returns, float-argument versions and float powers
# must print exactly what the interpreter prints.


def total(v: list[float]) -> float:
    s = 0.0
    for i in range(len(v)):
        s += v[i] * 0.5
    return s


def scale(v: list[float], k: float) -> None:
    for i in range(len(v)):
        v[i] = v[i] * k
    v[-1] = v[-1] + 1.0


def pick(v: list[float], i: int) -> float:
    return v[i] + 0.0


def put(v: list[float], i: int, x: float) -> None:
    v[i] = x


def norms(rows: list[list[float]]) -> list[float]:
    out = []
    for r in rows:
        out.append((r[0] * r[0] + r[1] * r[1]) ** 0.5)
    n = len(rows)
    for i in range(n):
        row = rows[i]
        row[0] -= row[1] * 0.25
    return out


def fact(n: int) -> int:
    if n <= 1:
        return 1
    return n * fact(n - 1)


def fsum(n: int) -> float:
    if n == 0:
        return 0.0
    return 1.0 / n + fsum(n - 1)


def halve(x: float) -> float:
    return x / 2


def twice(x: float, n: int) -> float:
    y = x
    for _ in range(n):
        y = y * 2
    return y


def show(x: float):
    print(x, type(x).__name__)


def powers(x: float, y: float) -> None:
    print(x ** 2, x ** -1, (x * x) ** 0.5, (x * x + y * y) ** 0.5, (y * y) ** 1.5)
    d = x * x + 1.0
    print(d ** 0.5, d ** y)


def pow_errors(x: float) -> None:
    for k in (-1, 400):
        try:
            print((x * x) ** k)
        except (ZeroDivisionError, OverflowError) as e:
            print(type(e).__name__, e)


v = [1.0, 2.0, 3.0]
print(total(v))
scale(v, 2.0)
print(v)
scale(v, 3)
print(v)
mixed = [1.0, "x", 2.5]
print(pick(mixed, 0), pick(mixed, -1))
put(mixed, 1, 4.0)
print(mixed)
for bad in (3, -4):
    try:
        pick(v, bad)
    except IndexError as e:
        print("IndexError:", e)
    try:
        put(v, bad, 1.0)
    except IndexError as e:
        print("IndexError:", e)
rows = [[3.0, 4.0], [6.0, 8.0], [0.5, 0.0]]
print(norms(rows), rows)
print(fact(5), fact(25), fsum(10))
print(halve(3.0), halve(3), halve(True), twice(1.5, 3), twice(3, 2))
show(2.5)
show(7)
powers(3.0, 4.0)
powers(-2.0, 0.5)
powers(0.5, 2.0)
pow_errors(0.0)
pow_errors(1e10)
saved = fact
fact = lambda n: -n
print(saved(3), fact(3))
fact = saved
print(fact(4))


class Falsy:
    def __bool__(self):
        print("bool called")
        return False


def truths(xs, n: int) -> list:
    out = []
    for i in range(-n, n):
        try:
            if xs[i]:
                out.append(i)
        except (IndexError, KeyError) as e:
            out.append(type(e).__name__)
    return out


def stores(xs, n: int) -> None:
    for i in range(n):
        xs[i] = i * 0.5
        xs[i + 1] = i > 0
        xs[-1] = i
    print(xs)


print(truths([True, False, True], 3), truths([0, 2, 0], 2), truths([0.0, -1.5], 2))
print(truths([Falsy(), "", "a"], 3), truths((1, 0), 2), truths({0: 1, -1: 0}, 1))
stores([True, False, True, False], 2)
stores([1, 2, 3, 4], 2)
stores([1.0, 2.0, 3.0, 4.0], 2)
stores({}, 2)
try:
    stores([1.0], 2)
except IndexError as e:
    print("IndexError:", e)
flags = [True] * 10
flags[0] = flags[1] = False
for i in range(2, 4):
    for j in range(i * i, 10, i):
        flags[j] = False
print([i for i in range(10) if flags[i]])


def same(n: int) -> int:
    return n


def labels(n: int) -> str:
    out = ""
    for i in range(-n, n):
        out += f"{i}|{i * 4611686018427387904}|{same(i > 0)}|{same(i)}:"
    return out


print(labels(2), f"{fact(25)}", f"{same(True)}{same(-9223372036854775807 - 1)}")
