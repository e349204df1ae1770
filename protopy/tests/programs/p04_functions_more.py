def make_counter(start=0):
    count = start
    def inc(by=1):
        nonlocal count
        count += by
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter(10)
inc(); inc(5)
print(get(), inc.__name__, inc.__qualname__)
def kwonly(a, *, b, c=3, **rest):
    return a, b, c, rest
print(kwonly(1, b=2), kwonly(1, b=2, c=4, d=5), kwonly(*[1], **{"b": 9}))
def varargs(*args, sep="-"):
    return sep.join(map(str, args))
print(varargs(1, 2, 3), varargs(sep="+"), varargs(*range(4), sep=""))
def defaults(a, b=[], c={}):
    b.append(a)
    c[a] = len(b)
    return b, c
print(defaults(1), defaults(2))
def rec(n, acc=()):
    return acc if n == 0 else rec(n - 1, acc + (n,))
print(rec(5))
def decorator(tag):
    def wrap(fn):
        def inner(*a, **k):
            return f"<{tag}>{fn(*a, **k)}</{tag}>"
        inner.__name__ = fn.__name__
        return inner
    return wrap
@decorator("b")
@decorator("i")
def hello(name):
    return "hi " + name
print(hello("x"), hello.__name__)
funcs = {}
for name in ("a", "b"):
    def handler(n=name):
        return n.upper()
    funcs[name] = handler
print([f() for f in funcs.values()])
print((lambda x, y=2, *z, **w: (x, y, z, w))(1, 3, 4, k=5))
def gen_closures():
    return [lambda: i for i in range(3)], [lambda i=i: i for i in range(3)]
a, b = gen_closures()
print([f() for f in a], [f() for f in b])
def outer():
    x = 1
    def middle():
        x = 2
        def inner():
            nonlocal x
            x += 10
            return x
        return inner(), x
    return middle(), x
print(outer())
g = 100
def read_global():
    return g + 1
def write_global():
    global g
    g = 7
print(read_global(), write_global(), g, read_global())
print(sorted([3, 1, 2], key=lambda v: -v), list(map(lambda p: p[0] * p[1], zip([1, 2], [3, 4]))))
def annotated(x: int, y: "str" = "d") -> list:
    return [x, y]
print(annotated(1), annotated.__defaults__, annotated.__kwdefaults__)
def fib_memo(n, memo={}):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib_memo(n - 1) + fib_memo(n - 2)
    memo[n] = r
    return r
print(fib_memo(90))
import math
print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.gcd(12, 18), math.pi, math.isclose(0.1 + 0.2, 0.3))
print(math.factorial(20), math.log(8, 2), math.log10(1000), math.hypot(3, 4), math.trunc(-3.7), math.inf > 10**300)
