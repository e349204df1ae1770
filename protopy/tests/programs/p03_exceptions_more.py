import sys
def chain():
    try:
        try:
            raise KeyError("inner")
        except KeyError as e:
            raise ValueError("middle") from e
    except ValueError as e:
        return e
e = chain()
print(repr(e), repr(e.__cause__), e.__suppress_context__, repr(e.__context__))
class E(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
    def __str__(self):
        return f"E<{self.args[0]}, {self.b}>"
try:
    raise E(1, 2)
except Exception as x:
    print(x, repr(x), x.args, type(x).__mro__[1].__name__)
def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("cleanup", i)
    return i
print(g())
try:
    raise TypeError
except TypeError as t:
    print(repr(t), t.args, str(t) == "")
try:
    [1, 2, 3].index(4)
except ValueError as v:
    print(v)
try:
    {}.pop("x")
except KeyError as k:
    print(repr(k), k.args)
try:
    int("12a", 16)
except ValueError as v:
    print(v)
try:
    raise RuntimeError("a") from None
except RuntimeError as r:
    print(r.__cause__, r.__suppress_context__)
excs = []
for exc in (IndexError, KeyError, ZeroDivisionError, AttributeError, StopIteration, OverflowError):
    try:
        raise exc("m")
    except LookupError as l:
        excs.append(("lookup", type(l).__name__))
    except ArithmeticError as a:
        excs.append(("arith", type(a).__name__))
    except Exception as o:
        excs.append(("other", type(o).__name__))
print(excs)
try:
    try:
        1 / 0
    finally:
        print("inner finally")
except ZeroDivisionError:
    print("caught after finally")
def nested_handlers():
    try:
        raise ValueError(1)
    except ValueError:
        try:
            raise TypeError(2)
        except TypeError as t:
            return repr(t.__context__)
print(nested_handlers())
try:
    raise ExceptionGroup("eg", [ValueError(1), ValueError(2), TypeError(3)])
except* ValueError as g:
    print("values", len(g.exceptions), repr(g.exceptions[0]))
except* TypeError as g:
    print("types", [repr(x) for x in g.exceptions])
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, BaseException), isinstance(KeyError(), LookupError))
try:
    assert False
except AssertionError as a:
    print("assert", repr(a))
try:
    sys.exit(5)
except SystemExit as s:
    print("exit code", s.code)
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None, v)
        return True
with Ctx() as c:
    raise KeyError("suppressed")
print("after with", type(c).__name__)
