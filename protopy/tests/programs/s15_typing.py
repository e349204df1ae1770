import typing
from typing import (Any, Optional, Union, List, Dict, Set, Tuple, Callable, Iterable, Iterator, Sequence, Mapping,
    TypeVar, Generic, Literal, Final, ClassVar, cast, overload, NamedTuple, TypedDict, Protocol, runtime_checkable,
    TYPE_CHECKING, NewType, get_origin, get_args, Annotated, Type, FrozenSet, DefaultDict, Deque, NoReturn)
print(Any, Optional[int], Union[int, str], Union[int], Union[int, None], List[int], Dict[str, int], Tuple[int, ...], Tuple[()], Callable[[int, str], bool], Callable[..., int])
print(Literal["a", 1], Final[int], ClassVar[int], Annotated[int, "meta"], Type[int], Set[str], FrozenSet[int], Iterable[int], Sequence[str], Mapping[str, int], List, Dict, Optional)
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]), get_args(Optional[int]), get_origin(Literal[1]), get_args(Callable[[int], str]), get_origin(int))
T = TypeVar("T")
print(T, List[T], cast(int, "x"), TYPE_CHECKING, Union[int, str] == Union[str, int], List[int] == List[int], hash(List[int]) == hash(List[int]))
class Stack(Generic[T]):
    def __init__(self): self.items = []
    def push(self, x): self.items.append(x)
s = Stack[int](); s.push(1); print(s.items, Stack.__parameters__ if hasattr(Stack, "__parameters__") else None)
P = NamedTuple("P", [("x", int), ("y", float)]); p = P(1, 2.0); print(p, p.x, P._fields)
UserId = NewType("UserId", int); print(UserId(5), UserId)
@runtime_checkable
class Closable(Protocol):
    def close(self): ...
class F:
    def close(self): pass
print(isinstance(F(), Closable), isinstance(1, Closable))
@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x): return x
print(f(3))
print(isinstance([], List), isinstance({}, Dict), issubclass(list, Sequence), isinstance(iter([]), Iterator), isinstance(3, Iterable))
try: isinstance([], List[int])
except TypeError as e: print(e)
try: Union[int, str]()
except TypeError as e: print(e)
print(Optional[List[int]], Union[int, Union[str, float]], Union[int, str, int])
M = TypedDict("M", {"name": str, "year": int}); m = M(name="x", year=1); print(m, type(m))
print(typing.get_type_hints(f))
