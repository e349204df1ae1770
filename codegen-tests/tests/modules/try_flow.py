# return / break / continue leaving try, except, else and finally blocks.
def f(n):
    out = []
    for i in range(n):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(-i)
    else:
        out.append("else")
    return out


def g():
    try:
        return "try"
    finally:
        print("finally runs")


def h():
    for i in range(3):
        try:
            raise ValueError(i)
        except ValueError as e:
            if i == 1:
                return f"returned {e}"
    return "none"


def k():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise KeyError("inner")
    except KeyError as e:
        return repr(e), repr(e.__context__)


def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")


def nested_loops():
    found = None
    for a in range(3):
        for b in range(3):
            try:
                if a * b == 2:
                    found = (a, b)
                    break
            finally:
                pass
        else:
            continue
        break
    return found


print(f(2), f(5), g(), h(), k(), next(gen()), nested_loops())
try:
    raise ExceptionGroup("grp", [ValueError(1), TypeError(2)])
except* ValueError as eg:
    print("values", eg.exceptions)
except* TypeError as eg:
    print("types", eg.exceptions)
