"""Names for the types of the interpreter's objects, and a few helpers
(SimpleNamespace, MappingProxyType, new_class)."""

import sys
from _types import MethodType, ModuleType


def _f():
    pass


async def _c():
    pass


def _g():
    yield 1


async def _ag():
    yield 1


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(getattr(_f, "__code__", None))
GeneratorType = type(_g())
_coro = _c()
CoroutineType = type(_coro)
_coro.close()
AsyncGeneratorType = type(_ag())
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
WrapperDescriptorType = type(object.__init__)
MethodWrapperType = type(object().__str__)
MethodDescriptorType = type(str.join)
ClassMethodDescriptorType = type(dict.__dict__.get("fromkeys", None))
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
GenericAlias = type(list[int])
CellType = type((lambda: _f).__closure__) if False else None
del _f, _c, _g, _ag, _coro

try:
    UnionType = type(int | str)
except TypeError:
    UnionType = None


class SimpleNamespace:
    """An object whose attributes are the keyword arguments it was made with."""

    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        self.__dict__.update(dict(mapping_or_iterable))
        self.__dict__.update(kwargs)

    def __repr__(self):
        items = (f"{k}={v!r}" for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return f"{name}({', '.join(items)})"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None

    def __replace__(self, /, **changes):
        new = type(self)(**self.__dict__)
        new.__dict__.update(changes)
        return new


class MappingProxyType:
    """A read-only view of a mapping."""

    __slots__ = ("_mapping",)

    def __init__(self, mapping):
        if not hasattr(mapping, "__getitem__") or not hasattr(mapping, "keys"):
            raise TypeError(f"mappingproxy() argument must be a mapping, not {type(mapping).__name__}")
        object.__setattr__(self, "_mapping", mapping)

    def __getitem__(self, key):
        return self._mapping[key]

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __repr__(self):
        return f"mappingproxy({self._mapping!r})"

    def __str__(self):
        return str(self._mapping)

    def __eq__(self, other):
        return self._mapping == other

    def __or__(self, other):
        return dict(self._mapping) | other

    def __setattr__(self, name, value):
        raise AttributeError(f"'mappingproxy' object has no attribute '{name}'")


def resolve_bases(bases):
    """Replace bases that define __mro_entries__ by what it returns."""
    new_bases = []
    for base in bases:
        if isinstance(base, type):
            new_bases.append(base)
            continue
        entries = getattr(base, "__mro_entries__", None)
        if entries is None:
            new_bases.append(base)
        else:
            new_bases.extend(entries(bases))
    return tuple(new_bases)


def prepare_class(name, bases=(), kwds=None):
    kwds = {} if kwds is None else dict(kwds)
    meta = kwds.pop("metaclass", type(bases[0]) if bases else type)
    if hasattr(meta, "__prepare__"):
        ns = meta.__prepare__(name, bases, **kwds)
    else:
        ns = {}
    return meta, ns, kwds


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class as a class statement would."""
    resolved = resolve_bases(bases)
    meta, ns, kwds = prepare_class(name, resolved, kwds)
    if exec_body is not None:
        exec_body(ns)
    if resolved is not bases:
        ns["__orig_bases__"] = bases
    return meta(name, resolved, ns, **kwds)


def get_original_bases(cls, /):
    return cls.__dict__.get("__orig_bases__", cls.__bases__)


DynamicClassAttribute = property


def coroutine(func):
    return func
