# Function annotations: __annotations__ of functions, methods, lambdas,
# nested and async functions; class annotations keep working.
import typing


def f(a: int, *b: str, c: "float" = 1.0, **d: bool) -> list[int]:
    return [a]


print(f.__annotations__)
print(list(f.__annotations__))


def plain(x, y=2):
    return x


print(plain.__annotations__, (lambda q: q).__annotations__)


class C:
    attr: int = 3

    def m(self, __p: int, q: "C") -> "C":
        return self

    @staticmethod
    def s(x: bytes) -> None:
        pass

    @classmethod
    def k(cls, y: dict[str, int]):
        pass


print(C.m.__annotations__)
print(C.s.__annotations__, C.k.__annotations__, C.__annotations__)


def outer():
    T = dict

    def inner(x: T, y: "T") -> T:
        return x

    return inner


print(outer().__annotations__)


async def co(a: int, b: typing.Optional[str] = None) -> None:
    pass


print(co.__annotations__)


def gen(n: int) -> typing.Iterator[int]:
    yield n


print(gen.__annotations__, list(gen(4)))


def h(x: int) -> int:
    return x


first = h.__annotations__
print(first is h.__annotations__)
h.__annotations__ = {"z": 1}
print(h.__annotations__)
try:
    h.__annotations__ = 5
except TypeError as e:
    print("TypeError:", e)
del h.__annotations__
print(h.__annotations__)

counter = 0


def side_effect():
    global counter
    counter += 1
    return int


def once(v: side_effect()):
    pass


print(once.__annotations__, counter, once.__annotations__, counter)


def default_and_annotation(x: int = 5, *, y: str = "y") -> bool:
    return True


print(default_and_annotation.__defaults__, default_and_annotation.__kwdefaults__)
print(default_and_annotation.__annotations__)
print(typing.get_type_hints(default_and_annotation))


def wrapped(a: int) -> str:
    return str(a)


import functools


@functools.wraps(wrapped)
def wrapper(*args):
    return wrapped(*args)


print(wrapper.__annotations__, wrapper(3))
