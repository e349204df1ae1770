# `for` over range(...) counts natively while `range` is the builtin.
def f():
    out = []
    for i in range(3): out.append(i)
    for i in range(5, 1, -2): out.append(i)
    for i in range(2, 4): out.append(i)
    for i in range(True): out.append(("b", i))
    try:
        for i in range(1, 2, 0): pass
    except ValueError as e: out.append(str(e))
    try:
        for i in range("3"): pass
    except TypeError as e: out.append(str(e))
    return out
print(f())
range = lambda n: [n, n]
def g():
    return [i for i in [0]] + [x for x in range(7)] + [y for y in (lambda: 0, )[0:0]]
def h():
    r = []
    for i in range(7): r.append(i)
    return r
print(g(), h())
