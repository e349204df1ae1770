# PEP 695: generic functions and classes, type aliases, and the objects
# that stand for their type parameters.

def first[T](items: list[T]) -> T:
    return items[0]

def pair[K, V = int](k: K, v: V) -> tuple[K, V]:
    return (k, v)

def each[*Ts](*args: *Ts) -> tuple[*Ts]:
    return args

def call[**P, R](f, *args: P.args, **kwargs: P.kwargs) -> R:
    return f(*args, **kwargs)

print(first([3, 2]), pair("a", 1), each(1, "x"), call(max, 3, 9))
for fn in (first, pair, each, call):
    kinds = [type(p).__name__ for p in fn.__type_params__]
    print(fn.__name__, fn.__qualname__, fn.__type_params__, kinds)

T = first.__type_params__[0]
print(T.__name__, repr(T), T.__bound__, T.__constraints__, T.__default__)
print(T.__covariant__, T.__contravariant__, T.__infer_variance__, T.has_default())
K, V = pair.__type_params__
print(V.__default__ is int, V.has_default(), K.has_default(), T.__module__)
Ts = each.__type_params__[0]
print(repr(Ts), Ts.__name__, Ts.has_default(), len(list(Ts)))
P, R = call.__type_params__
print(repr(P), P.args, P.kwargs, P.args.__origin__ is P, P.__bound__)

# Bounds, constraints and defaults are evaluated when first asked for.
def clamp[N: (int, float)](x: N) -> N:
    return x
def named[S: Later, D = Later](x):
    return x
class Later:
    pass
N = clamp.__type_params__[0]
S, D = named.__type_params__
print(N.__constraints__ == (int, float), N.__bound__, S.__bound__ is Later, D.__default__ is Later)

# The function body sees its type parameters; an outer variable of the
# same name is hidden.
def outer():
    T = "outer T"
    def inner[T]():
        return T
    def nested[U]():
        def deeper():
            return U
        return deeper()
    return inner().__name__, nested().__name__, T
print(outer())

# Decorators, then defaults, are evaluated before the annotation scope.
log = []
def note(x):
    log.append(x)
    return x
def deco(f):
    log.append("deco")
    return f
@deco
def h[T](a=note("a"), *, b=note("b")):
    return a, b
print(log, h(), h.__defaults__, h.__kwdefaults__, h.__type_params__)

# Generic classes get typing.Generic as a base.
class Stack[T]:
    def __init__(self):
        self.items = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
    def kind(self):
        return T
s = Stack()
s.push(1)
s.push(2)
print(s.pop(), s.kind(), Stack.__type_params__, Stack.__parameters__)
print([b.__name__ for b in Stack.__bases__], [c.__name__ for c in Stack.__mro__])
alias = Stack[int]
print(alias.__origin__ is Stack, alias.__args__, Stack.push.__qualname__)

class Tagged[T](Stack):
    def kind(self):
        return ("tagged", super().kind())
print(Tagged().kind(), [c.__name__ for c in Tagged.__mro__], Tagged.__type_params__)

class Pair[A, B = str]:
    attr = (A, B)
    def swap(self):
        return [(B, A) for _ in range(1)]
print(Pair.attr, Pair().swap(), Pair.__type_params__[1].__default__)

class Plain:
    pass
def plain():
    pass
print(Plain.__type_params__, plain.__type_params__, int.__type_params__)

# Annotation scopes in a class body see the class's names.
class Registry:
    Key = str
    type Entry = dict[Key, int]
    def lookup[Q: Key](self, q: Q) -> Q:
        return q
print(Registry.Entry.__value__, Registry.lookup.__type_params__[0].__bound__)

# Type aliases.
type Vector = list[float]
type Pairs[K, V] = list[tuple[K, V]]
print(Vector, repr(Vector), Vector.__name__, Vector.__value__, Vector.__type_params__)
print(type(Vector).__name__, Pairs.__type_params__, Pairs.__value__, Pairs[str, int])
try:
    Vector[int]
except TypeError as e:
    print("TypeError:", e)
type Deferred = NotYetDefined
try:
    Deferred.__value__
except NameError as e:
    print("NameError:", e)
NotYetDefined = bytes
print(Deferred.__value__)

# The classes can be called directly too.
TypeVar = type(T)
U = TypeVar("U", bound=int)
print(repr(U), U.__bound__, U.__infer_variance__, repr(TypeVar("Co", covariant=True)))
print(repr(TypeVar("Contra", contravariant=True)), TypeVar("C2", int, str).__constraints__)
for args, kwargs in [(("B",), {"covariant": True, "contravariant": True}), (("One", int), {})]:
    try:
        TypeVar(*args, **kwargs)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
Manual = type(Vector)("Manual", list[int])
print(Manual, Manual.__value__, Manual.__type_params__)

for source in [
    "def f[T, T](): pass",
    "class C[T]:\n    nonlocal T",
    "type A = (yield)",
    "def f[T: (x := 1)](): pass",
]:
    try:
        exec(source, {})
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
