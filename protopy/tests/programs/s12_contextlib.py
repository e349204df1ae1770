import contextlib, io, sys
from contextlib import contextmanager, suppress, closing, ExitStack, nullcontext, redirect_stdout
@contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name.upper()
    finally:
        print("</%s>" % name)
with tag("a") as t:
    print("inside", t)
@contextmanager
def catcher():
    try:
        yield
    except ValueError as e:
        print("caught", e)
with catcher():
    raise ValueError("boom")
print("after")
try:
    with tag("b"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
with suppress(ZeroDivisionError):
    1 / 0
print("suppressed")
class Res:
    def close(self): print("closed res")
with closing(Res()) as r: print(type(r).__name__)
with ExitStack() as stack:
    for n in ["x", "y", "z"]:
        stack.enter_context(tag(n))
    stack.callback(print, "callback ran")
    print("body")
with nullcontext(5) as v: print(v)
buf = io.StringIO()
with redirect_stdout(buf):
    print("hidden")
print(repr(buf.getvalue()))
@tag("deco")
def decorated(): print("in decorated")
decorated()
@contextmanager
def no_yield():
    if False: yield
try:
    with no_yield(): pass
except RuntimeError as e: print(e)
@contextmanager
def two_yields():
    yield 1
    yield 2
try:
    with two_yields(): pass
except RuntimeError as e: print(e)
try:
    with ExitStack() as st:
        st.callback(lambda: print("cleanup 1"))
        st.push(lambda *a: print("exit cb", a[0].__name__) or True)
        raise IndexError("i")
except IndexError: print("not suppressed?")
else: print("suppressed by push")
with ExitStack() as st:
    st.callback(print, "moved")
    st2 = st.pop_all()
print("popped")
st2.close()
print(issubclass(type(nullcontext()), contextlib.AbstractContextManager))
