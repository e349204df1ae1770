# Typed fast paths (ints, floats and bools unboxed where their types are
# known) must print exactly what the interpreter prints.


def grow(n: int) -> int:
    x = 1
    for i in range(n):
        x = x * 3 + i
    return x


def edges() -> None:
    big = 9223372036854775807
    big += 1
    small = -9223372036854775807 - 1
    print(big, small - 1, -small, small * -1, small // -1, ~small, 1 << 63, (1 << 62) << 1)
    k = 3
    print(k << 70, -k >> 1, k >> 200, -k >> 200)


def divmods(a: int, b: int) -> None:
    try:
        print(a // b, a % b, a / b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)


def floats(x: float) -> None:
    y = 0.0
    z = 2.5
    for op in range(3):
        try:
            if op == 0:
                print(z / y)
            elif op == 1:
                print(z // y)
            else:
                print(z % y)
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
    print(-y, z // -1.5, z % -1.5, -z % 1.5, x / 2, x * 2, x)


def mix(n: int) -> float:
    s = 0.0
    for i in range(n):
        s += i * 0.5
        s -= i / 4
    return s


def overflow_to_float() -> None:
    s = 1.5
    try:
        s += 10 ** 400
    except OverflowError as e:
        print("OverflowError:", e)
    a = 9007199254740993
    f = 9007199254740992.0
    print(a == f, a > f, f < a, a + 0.0 == f)


def ident(n: int) -> int:
    return n


def half(x: float) -> float:
    return x / 2


def show(x: float) -> float:
    return x


def unbound(flag: bool) -> int:
    if flag:
        k = 1
    return k + 1


def flags(n: int) -> int:
    count = 0
    done = False
    while not done:
        n -= 1
        done = n <= 0 or n == 7
        if n % 3 == 0 and not done:
            count += 1
    return count


def walrus(n: int) -> int:
    steps = 0
    while (n := n - 2) > 0:
        steps += 1
    return steps * 10 + n


def ranges() -> None:
    total = 0
    for i in range(10, 0, -3):
        total = total * 10 + i
    for i in range(-5, 5, 4):
        total += i
    for i in range(9223372036854775800, 9223372036854775807, 3):
        total += i
    print(total, i)


print(grow(5), grow(80))
edges()
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (7, 0), (0, 0), (-9223372036854775807 - 1, -1)]:
    divmods(a, b)
floats(3.0)
floats(3)
print(mix(10), mix(0))
overflow_to_float()
print(ident(True), ident(False) + 1, ident(True) & True, ident(5) | ident(True), ident(2 ** 70) - 1)
print(half(3), show(3), show(2.5), half(True))
try:
    unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(unbound(True))
print(flags(20), walrus(9), walrus(10))
ranges()
