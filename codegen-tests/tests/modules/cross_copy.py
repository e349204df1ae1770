# Objects made by the host's copy of the runtime (typing, staticmethod,
# classmethod, property) used by compiled code, and the other way round.
from typing import Generic, TypeVar

T = TypeVar("T")


class Box(Generic[T]):
    def __init__(self, item=None):
        self._item = item

    @staticmethod
    def make(x):
        return Box(x)

    @classmethod
    def kind(cls):
        return cls.__name__

    @property
    def item(self):
        return self._item


b = Box.make(3)
print(b.kind(), b.item, Box[int].__args__, Box.__orig_bases__)
