import functools
from functools import reduce, partial, lru_cache, cache, wraps, total_ordering, cmp_to_key, singledispatch, cached_property
print(reduce(lambda a, b: a + b, [1, 2, 3]), reduce(lambda a, b: a * b, [], 7))
try: reduce(lambda a, b: a, [])
except TypeError as e: print(e)
p = partial(int, base=2); print(p("101"), p.func, p.args, p.keywords)
p2 = partial(p, "111"); print(p2(), p2.args)
def f(a, b, c=3): return (a, b, c)
print(partial(f, 1)(2), partial(f, c=9)(1, 2), repr(partial(f, 1, c=2)).startswith("functools.partial(<function f at"))
@lru_cache(maxsize=2)
def sq(x):
    print("compute", x); return x * x
print(sq(2), sq(3), sq(2), sq(4), sq(3), sq.cache_info())
sq.cache_clear(); print(sq.cache_info())
@cache
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(100), fib.cache_info())
def deco(fn):
    @wraps(fn)
    def inner(*a, **k):
        """inner doc"""
        return fn(*a, **k)
    return inner
@deco
def hello(x):
    """hello doc"""
    return x
print(hello.__name__, hello.__doc__, hello.__wrapped__.__name__, hello(5))
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) < V(2), V(1) >= V(2), V(3) > V(2), V(2) <= V(2))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
@singledispatch
def show(x): return f"obj {x!r}"
@show.register(int)
def _(x): return f"int {x}"
@show.register(str)
def _(x: str): return f"str {x}"
@show.register(list)
@show.register(tuple)
def _(x): return f"seq {len(x)}"
print(show(1), show("a"), show(2.5), show([1]), show((1, 2)), show(True))
class C:
    calls = 0
    @cached_property
    def val(self):
        C.calls += 1; return 42
c = C(); print(c.val, c.val, C.calls)
print(functools.lru_cache(maxsize=None)(lambda x: x)(3))
try: lru_cache(maxsize="x")
except TypeError as e: print(e)
@lru_cache
def g(x, y=1): return x + y
print(g(1), g(1, y=1), g(1, 1), g.cache_info())
