# Error cases of the native and Python stdlib modules: the exception type
# and CPython's message for each.
import abc
import collections
import contextlib
import copy
import dataclasses
import enum
import functools
import io
import itertools
import json
import math
import operator
import os.path
import random
import string


def check(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
    else:
        print(f"{label}: ok {r!r}")


print("-- math")
check("sqrt(-1)", math.sqrt, -1)
check("log(0)", math.log, 0)
check("log(-1)", math.log, -1)
check("log(10, 1)", math.log, 10, 1)
check("exp(1000)", math.exp, 1000)
check("factorial(-1)", math.factorial, -1)
check("factorial(1.5)", math.factorial, 1.5)
check("acos(2)", math.acos, 2)
check("sqrt('x')", math.sqrt, "x")
check("comb(3, -1)", math.comb, 3, -1)
check("perm(-3)", math.perm, -3)
check("gcd(1.5)", math.gcd, 1.5)
check("isqrt(-4)", math.isqrt, -4)
check("floor(inf)", math.floor, math.inf)
check("floor(nan)", math.floor, math.nan)
check("ldexp(1, 2000)", math.ldexp, 1, 2000)
check("fmod(1, 0)", math.fmod, 1, 0)
check("pow(0, -1)", math.pow, 0, -1)
check("dist", math.dist, (1, 2), (1,))
check("prod", math.prod, [1, 2], 3)

print("-- itertools")
check("islice(-1)", itertools.islice, [1], -1)
check("islice step 0", itertools.islice, [1], 0, 5, 0)
check("islice('a')", itertools.islice, [1], "a")
check("repeat times", itertools.repeat, 1, "x")
check("combinations(-1)", itertools.combinations, [1], -1)
check("permutations(-1)", itertools.permutations, [1], -1)
check("chain(1)", lambda: list(itertools.chain(1)))
check("count('a')", itertools.count, "a")
check("batched(0)", itertools.batched, [1], 0)
check("product repeat", itertools.product, [1], repeat=-1)
check("accumulate none", lambda: list(itertools.accumulate([1, "a"])))
check("zip_longest kw", itertools.zip_longest, [1], bad=1)
check("pairwise(1)", itertools.pairwise, 1)
check("tee(-1)", itertools.tee, [1], -1)
check("starmap", lambda: list(itertools.starmap(pow, [1])))

print("-- functools")
check("reduce empty", functools.reduce, operator.add, [])
check("reduce not iterable", functools.reduce, operator.add, 1)
check("partial()", functools.partial)
check("partial(1)", functools.partial, 1)
check("cmp_to_key", lambda: sorted([1, 2], key=functools.cmp_to_key(lambda a: 0)))
check("lru_cache(1)(x)", functools.lru_cache, "x")
check("total_ordering", functools.total_ordering, type("NoOrder", (), {}))
check("singledispatch no arg", functools.singledispatch(lambda x: x))

print("-- operator")
check("itemgetter()", operator.itemgetter)
check("attrgetter(1)", operator.attrgetter, 1)
check("methodcaller()", operator.methodcaller)
check("itemgetter miss", operator.itemgetter(5), [1])
check("attrgetter miss", operator.attrgetter("nope"), 1)
check("add", operator.add, 1, "a")
check("index", operator.index, 1.5)
check("neg", operator.neg, "a")
check("truediv", operator.truediv, 1, 0)
check("length_hint", operator.length_hint, 1, "x")
check("concat", operator.concat, 1, 2)

print("-- collections")
check("deque maxlen", collections.deque, [], -1)
check("deque pop", collections.deque().pop)
check("deque remove", collections.deque([1]).remove, 2)
check("deque index", collections.deque([1]).index, 2)
check("deque getitem", lambda: collections.deque([1])[5])
check("Counter bad", collections.Counter, 1)
check("namedtuple bad name", collections.namedtuple, "P", ["a", "1b"])
check("namedtuple dup", collections.namedtuple, "P", ["a", "a"])
check("namedtuple kw", lambda: collections.namedtuple("P", "a b")(1, 2, 3))
check("defaultdict factory", collections.defaultdict, 1)
check("defaultdict miss", lambda: collections.defaultdict(None)["k"])
check("OrderedDict popitem", collections.OrderedDict().popitem)
check("OrderedDict move", collections.OrderedDict().move_to_end, "k")
check("ChainMap pop", collections.ChainMap({}, {"a": 1}).pop, "a")

print("-- copy")


class NoCopy:
    def __reduce_ex__(self, proto):
        raise TypeError("cannot copy NoCopy")


check("copy", copy.copy, NoCopy())
check("deepcopy", copy.deepcopy, NoCopy())
check("replace", copy.replace, 1)

print("-- random")
random.seed(12345)
print(random.random(), random.randint(1, 100), random.randrange(0, 50, 5))
print(random.choice("abcdef"), random.sample(range(20), 4), random.uniform(1, 2))
items = list(range(8))
random.shuffle(items)
print(items, random.getrandbits(16), random.choices("xyz", k=5))
random.seed("text seed")
print(random.random(), random.randint(0, 10**12))
r = random.Random(7)
print(r.random(), r.gauss(0, 1) != r.gauss(0, 1), r.triangular(0, 1) <= 1)
check("randrange empty", random.randrange, 5, 5)
check("randrange step 0", random.randrange, 0, 10, 0)
check("randint bad", random.randint, 5, 1)
check("choice empty", random.choice, [])
check("sample too big", random.sample, [1, 2], 3)
check("sample negative", random.sample, [1, 2], -1)
check("getrandbits(-1)", random.getrandbits, -1)
check("choices weights", random.choices, [1, 2], weights=[1])
check("randrange float", random.randrange, 1.5)

print("-- string")
check("Template missing", string.Template("$who likes $what").substitute, who="tim")
check("Template invalid", string.Template("$who $").substitute, who="x")
print(string.Template("$who $what").safe_substitute(who="tim"))
check("Formatter", string.Formatter().format, "{0} {1}", 1)
check("capwords", string.capwords, 1)
check("format spec", "{:d}".format, "x")
check("format index", "{1}".format, 1)
check("format key", "{k}".format)

print("-- json")
for text in ('{"a": 1,}', "[1, 2", "nul", '{"a" 1}', '"abc', "", "[1] x", '{"a": NaNx}', "01"):
    check(f"loads {text!r}", json.loads, text)
check("dumps set", json.dumps, {1, 2})
check("dumps key", json.dumps, {(1, 2): 3})
check("dumps nan strict", json.dumps, float("nan"), allow_nan=False)
circular = []
circular.append(circular)
check("dumps circular", json.dumps, circular)
check("loads bytes-ish", json.loads, 5)
try:
    json.loads('{"a": [1, 2,, 3]}')
except json.JSONDecodeError as e:
    print("JSONDecodeError", e.msg, e.pos, e.lineno, e.colno, isinstance(e, ValueError))

print("-- io")
s = io.StringIO("abc")
check("StringIO seek", s.seek, -1)
check("StringIO seek whence", s.seek, 1, 1)
check("StringIO write int", s.write, 1)
s.close()
check("StringIO closed read", s.read)
b = io.BytesIO(b"abc")
check("BytesIO write str", b.write, "x")
check("BytesIO seek", b.seek, -1)
b.close()
check("BytesIO closed", b.getvalue)
check("open missing", open, "/nonexistent/dir/file.txt")
check("open mode", open, "x.txt", "rw")

print("-- os.path")
print(os.path.join("a", "b", "c"), os.path.split("/x/y.txt"), os.path.splitext("f.tar.gz"))
print(os.path.basename("/a/b/"), os.path.dirname("/a/b/c"), os.path.normpath("/a/./b/../c"))
print(os.path.isabs("x"), os.path.exists("/nonexistent/zzz"), os.path.commonprefix(["abc", "abd"]))
check("join int", os.path.join, "a", 1)
check("split int", os.path.split, 5)
check("getsize missing", os.path.getsize, "/nonexistent/zzz")

print("-- dataclasses")


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0


check("frozen set", setattr, Point(1), "x", 5)
check("missing arg", Point)
check("too many", Point, 1, 2, 3)
check("fields(1)", dataclasses.fields, 1)
check("asdict(1)", dataclasses.asdict, 1)
check("replace bad", dataclasses.replace, Point(1), z=3)
check("mutable default", dataclasses.dataclass, type("M", (), {"__annotations__": {"a": list}, "a": []}))
check("order", lambda: Point(1) < Point(2))

print("-- enum")


class Color(enum.Enum):
    RED = 1
    GREEN = 2


check("value miss", Color, 5)
check("name miss", lambda: Color["BLUE"])
check("reassign", setattr, Color, "RED", 3)
def extend():
    class More(Color):
        BLUE = 3


check("extend", extend)
check("unique", enum.unique, enum.Enum("Dup", [("A", 1), ("B", 1)]))
check("compare", lambda: Color.RED < Color.GREEN)


class Flags(enum.IntFlag):
    A = 1
    B = 2


print(Flags.A | Flags.B, Flags(3), Color(1), Color["GREEN"], list(Color))

print("-- abc")


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self):
        ...

    @abc.abstractmethod
    def stop(self):
        ...


class Half(Base):
    def run(self):
        return 1


check("abstract", Base)
check("half", Half)
print(Half.__abstractmethods__ == frozenset({"stop"}), isinstance(1, Base))

print("-- contextlib")


@contextlib.contextmanager
def twice():
    yield 1
    yield 2


def use_twice():
    with twice():
        pass


check("two yields", use_twice)


@contextlib.contextmanager
def never():
    if False:
        yield


def use_never():
    with never():
        pass


check("no yield", use_never)
with contextlib.suppress(KeyError):
    {}["x"]
print("suppressed")
check("ExitStack pop", lambda: contextlib.ExitStack().pop_all().close())
check("closing", lambda: contextlib.closing(1).__exit__(None, None, None))
