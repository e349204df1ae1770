def describe(point):
    match point:
        case (0, 0):
            return "origin"
        case [x, 0] | [0, x]:
            return f"axis {x}"
        case {"x": x, **rest}:
            return f"dict {x} {rest}"
        case int(n) if n > 10:
            return "big"
        case str() | bytes():
            return "text"
        case _:
            return "other"

print([describe(p) for p in [(0, 0), [3, 0], {"x": 1, "y": 2}, 42, "s", 1.5]])
