# Attribute reads, stores and method calls repeated at the same sites while
# classes, instances and their hooks change underneath them.


class A:
    k = 1

    def m(self):
        return "A.m"


class B:
    k = 2

    def m(self):
        return "B.m"


def read_k(o):
    return o.k


def call_m(o):
    return o.m()


def store_v(o, v):
    o.v = v


def read_v(o):
    return o.v


a, b = A(), B()
print([read_k(x) for x in (a, b, a, b, a)])
print([call_m(x) for x in (a, b, a, b)])

# Class attribute changes.
for i in range(3):
    print(read_k(a), end=" ")
    A.k = i + 10
print(read_k(a))
del A.k
try:
    read_k(a)
except AttributeError as e:
    print("AttributeError:", e)
A.k = 5

# Instance attribute shadows the class attribute, then goes away.
a.k = "inst"
print(read_k(a))
del a.k
print(read_k(a))

# A method replaced on the class, shadowed on the instance, removed.
print(call_m(a))
A.m = lambda self: "new A.m"
print(call_m(a))
a.m = lambda: "instance m"
print(call_m(a))
del a.m
print(call_m(a))
del A.m
try:
    call_m(a)
except AttributeError as e:
    print("AttributeError:", e)

# __class__ reassignment.
c = A()
print(read_k(c), call_m(b))
c.__class__ = B
print(read_k(c), call_m(c))

# __setattr__ added after stores were cached.
class S:
    pass


s = S()
for i in range(3):
    store_v(s, i)
print(read_v(s))


def logging_setattr(self, name, value):
    print("setattr", name, value)
    object.__setattr__(self, name, value * 100)


S.__setattr__ = logging_setattr
store_v(s, 7)
print(read_v(s))
del S.__setattr__
store_v(s, 8)
print(read_v(s))

# __getattribute__ added after reads were cached.
print(read_v(s))
S.__getattribute__ = lambda self, name: "intercepted " + name
print(read_v(s), call_m(s) if False else "")
del S.__getattribute__
print(read_v(s))

# __getattr__ fallback for missing names.
class G:
    def __getattr__(self, name):
        return "missing " + name


g = G()
print(read_v(g))
g.v = "present"
print(read_v(g))


# Properties and data descriptors, including ones added later.
class P:
    def __init__(self):
        self._v = 0


p = P()
store_v(p, 3)
print(read_v(p))
P.v = property(lambda self: self._v * 2, lambda self, v: setattr(self, "_v", v))
store_v(p, 4)
print(read_v(p), p.__dict__)
del P.v
print(read_v(p))


class Desc:
    def __get__(self, obj, owner):
        return "desc get"

    def __set__(self, obj, value):
        print("desc set", value)


class D:
    v = Desc()


d = D()
store_v(d, 1)
print(read_v(d))


# A non-data descriptor on the class: the instance dict wins.
class NonData:
    def __get__(self, obj, owner):
        return "nondata"


class N:
    v = NonData()


n = N()
print(read_v(n))
store_v(n, "dict")
print(read_v(n))


# __slots__: only slot names may be stored.
class Sl:
    __slots__ = ("v",)


sl = Sl()
store_v(sl, 1)
print(read_v(sl))
try:
    sl.w = 2
except AttributeError as e:
    print("AttributeError:", e)


def store_w(o, v):
    o.w = v


for o in (S(), sl, S()):
    try:
        store_w(o, 5)
        print("stored", type(o).__name__, o.w)
    except AttributeError as e:
        print("AttributeError:", e)


# Inheritance: a base class change shows through subclasses.
class Base:
    def who(self):
        return "base"


class Sub(Base):
    pass


def who(o):
    return o.who()


x = Sub()
print(who(x))
Base.who = lambda self: "patched base"
print(who(x))
Sub.who = lambda self: "sub"
print(who(x))


# staticmethod and classmethod through a method-call site.
class Kinds:
    def go(self, *args, **kw):
        return ("method", args, kw)


def go(o):
    return o.go(1, 2)


k = Kinds()
print(go(k), k.go(1, x=2))
Kinds.go = staticmethod(lambda *a: ("static", a))
print(go(k))
Kinds.go = classmethod(lambda cls, *a: ("class", cls.__name__, a))
print(go(k))


# Builtin values' methods at one site, and a list subclass's append.
def app(o, v):
    o.append(v)
    return o


class L(list):
    def append(self, v):
        super().append(v * 10)


print(app([1], 2), app(L([1]), 2), app([], "x"))


def up(o):
    return o.upper()


print([up(v) for v in ("ab", b"cd", "ef")])

# The same attribute name read from many classes at one site.
classes = [type("C%d" % i, (), {"k": i}) for i in range(5)]
print([read_k(cls()) for cls in classes * 2])

# Module and class objects through the same sites.
import math

print(read_k(A), call_m(B()), math.floor(2.5))


# Threads use their own caches.
import threading

results = []


def worker(cls):
    o = cls()
    total = 0
    for i in range(200):
        o.v = i
        total += o.v + o.k
    results.append(total)


ts = [threading.Thread(target=worker, args=(cls,)) for cls in (A, B, A, B)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))
