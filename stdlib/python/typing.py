"""The typing names programs use at run time: special forms (Any, Union,
Optional, Literal, ...), generic aliases of the collections (List[int]),
TypeVar and Generic (native), Protocol, NamedTuple, TypedDict, NewType and
the introspection helpers."""

import sys
import collections
import collections.abc as _abc
import contextlib as _contextlib
import functools as _functools
from abc import ABCMeta as _ABCMeta
from _typing import (TypeVar, TypeVarTuple, ParamSpec, ParamSpecArgs,
                     ParamSpecKwargs, TypeAliasType, Generic, NoDefault)

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type) and not isinstance(obj, _GenericAlias):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if type(obj).__name__ == "function":
        return obj.__name__
    if isinstance(obj, tuple):
        return "[" + ", ".join(_type_repr(t) for t in obj) + "]"
    return repr(obj)


def _type_check(arg, msg):
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


class ForwardRef:
    """A type written as a string, evaluated later."""

    def __init__(self, arg, is_argument=True, module=None, *, is_class=False):
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        self.__forward_arg__ = arg
        self.__forward_module__ = module

    def __eq__(self, other):
        return isinstance(other, ForwardRef) and self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return f"ForwardRef({self.__forward_arg__!r})"

    def _evaluate(self, globalns, localns):
        return eval(self.__forward_arg__, globalns, localns)


# ---- special forms ----------------------------------------------------------------------

class _SpecialForm:
    """A typing construct that is subscripted, not instantiated."""

    __slots__ = ("_name", "_getitem", "__doc__")

    def __init__(self, name, getitem, doc=""):
        self._name = name
        self._getitem = getitem
        self.__doc__ = doc

    def __repr__(self):
        return "typing." + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")

    def __getitem__(self, parameters):
        return self._getitem(self, parameters)

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")


def _not_subscriptable(self, parameters):
    raise TypeError(f"{self} is not subscriptable")


Any = _SpecialForm("Any", _not_subscriptable, "Special type indicating an unconstrained type.")
NoReturn = _SpecialForm("NoReturn", _not_subscriptable)
Never = _SpecialForm("Never", _not_subscriptable)
Self = _SpecialForm("Self", _not_subscriptable)
LiteralString = _SpecialForm("LiteralString", _not_subscriptable)
TypeAlias = _SpecialForm("TypeAlias", _not_subscriptable)


def _flatten_union(params):
    out = []
    for p in params:
        if isinstance(p, _UnionGenericAlias):
            out.extend(p.__args__)
        elif type(p).__name__ == "UnionType":
            out.extend(p.__args__)
        else:
            out.append(p)
    unique = []
    for p in out:
        if not any(p == q for q in unique):
            unique.append(p)
    return tuple(unique)


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    params = _flatten_union(tuple(_type_check(p, "") for p in parameters))
    if len(params) == 1:
        return params[0]
    return _UnionGenericAlias(self, params)


def _optional_getitem(self, parameters):
    arg = _type_check(parameters, "")
    return Union[arg, type(None)]


def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    return _LiteralGenericAlias(self, parameters)


def _single_getitem(self, parameters):
    return _GenericAlias(self, (_type_check(parameters, ""),))


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments "
                        "(a type and an annotation).")
    return _AnnotatedAlias(params[0], tuple(params[1:]))


def _concatenate_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    return _GenericAlias(self, parameters)


Union = _SpecialForm("Union", _union_getitem)
Optional = _SpecialForm("Optional", _optional_getitem)
Literal = _SpecialForm("Literal", _literal_getitem)
Final = _SpecialForm("Final", _single_getitem)
ClassVar = _SpecialForm("ClassVar", _single_getitem)
TypeGuard = _SpecialForm("TypeGuard", _single_getitem)
TypeIs = _SpecialForm("TypeIs", _single_getitem)
Required = _SpecialForm("Required", _single_getitem)
NotRequired = _SpecialForm("NotRequired", _single_getitem)
ReadOnly = _SpecialForm("ReadOnly", _single_getitem)
Unpack = _SpecialForm("Unpack", _single_getitem)
Concatenate = _SpecialForm("Concatenate", _concatenate_getitem)
Annotated = _SpecialForm("Annotated", _annotated_getitem)


# ---- generic aliases --------------------------------------------------------------------

class _GenericAlias:
    """`List[int]`: an origin subscripted with arguments."""

    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self._name = name

    def _origin_repr(self):
        if self._name:
            return "typing." + self._name
        return _type_repr(self.__origin__)

    def __repr__(self):
        if not self.__args__:
            return f"{self._origin_repr()}[()]"
        return f"{self._origin_repr()}[{', '.join(_type_repr(a) for a in self.__args__)}]"

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if isinstance(self.__origin__, _SpecialForm):
            raise TypeError(f"Cannot instantiate {self.__origin__!r}")
        if self._name is not None:
            raise TypeError(f"Type {self._name} cannot be instantiated; "
                            f"use {self.__origin__.__name__}() instead")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except (AttributeError, TypeError):
            pass
        return result

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __subclasscheck__(self, cls):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    @property
    def __parameters__(self):
        return tuple(a for a in self.__args__ if isinstance(a, TypeVar))

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        subst = dict(zip(self.__parameters__, params))
        args = tuple(subst.get(a, a) if isinstance(a, TypeVar) else a for a in self.__args__)
        return self.__class__(self.__origin__, args, self._name) if type(self) is _GenericAlias \
            else _GenericAlias(self.__origin__, args, self._name)


class _UnionGenericAlias(_GenericAlias):
    def __init__(self, origin, args):
        super().__init__(Union, args, "Union")

    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return f"typing.Optional[{_type_repr(other)}]"
        return f"typing.Union[{', '.join(_type_repr(a) for a in args)}]"

    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __instancecheck__(self, obj):
        return any(isinstance(obj, a) for a in self.__args__ if isinstance(a, type))

    def __subclasscheck__(self, cls):
        return any(issubclass(cls, a) for a in self.__args__ if isinstance(a, type))


class _LiteralGenericAlias(_GenericAlias):
    def __init__(self, origin, args):
        super().__init__(Literal, args, "Literal")

    def __repr__(self):
        return f"typing.Literal[{', '.join(repr(a) for a in self.__args__)}]"


class _CallableGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return f"typing.Callable[..., {_type_repr(args[1])}]"
        params = ", ".join(_type_repr(a) for a in args[:-1])
        return f"typing.Callable[[{params}], {_type_repr(args[-1])}]"


class _AnnotatedAlias(_GenericAlias):
    def __init__(self, origin, metadata):
        super().__init__(origin, (origin,), "Annotated")
        self.__metadata__ = metadata

    def __repr__(self):
        meta = ", ".join(repr(m) for m in self.__metadata__)
        return f"typing.Annotated[{_type_repr(self.__origin__)}, {meta}]"

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)


class _SpecialGenericAlias:
    """`typing.List` unsubscripted: stands for the builtin type."""

    def __init__(self, origin, nparams, name):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(_type_check(p, "") for p in params)
        if self._nparams >= 0 and len(params) != self._nparams and self._name != "Tuple":
            raise TypeError(f"Too {'many' if len(params) > self._nparams else 'few'} arguments "
                            f"for {self}; actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Type {self._name} cannot be instantiated; "
                        f"use {self.__origin__.__name__}() instead")

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __or__(self, other):
        return Union[self, other]

    def __eq__(self, other):
        return isinstance(other, _SpecialGenericAlias) and self.__origin__ is other.__origin__

    def __hash__(self):
        return hash(self.__origin__)


class _TupleAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if params == ():
            return _GenericAlias(tuple, (), "Tuple")
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(tuple, tuple(_type_check(p, "") for p in params), "Tuple")


class _CallableAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        if args is ...:
            return _CallableGenericAlias(self.__origin__, (..., result), "Callable")
        if not isinstance(args, (list, tuple)):
            raise TypeError(f"Callable[args, result]: args must be a list. Got {_type_repr(args)}")
        return _CallableGenericAlias(self.__origin__, tuple(args) + (result,), "Callable")


List = _SpecialGenericAlias(list, 1, "List")
Dict = _SpecialGenericAlias(dict, 2, "Dict")
Set = _SpecialGenericAlias(set, 1, "Set")
FrozenSet = _SpecialGenericAlias(frozenset, 1, "FrozenSet")
Tuple = _TupleAlias(tuple, -1, "Tuple")
Type = _SpecialGenericAlias(type, 1, "Type")
DefaultDict = _SpecialGenericAlias(collections.defaultdict, 2, "DefaultDict")
OrderedDict = _SpecialGenericAlias(collections.OrderedDict, 2, "OrderedDict")
Counter = _SpecialGenericAlias(collections.Counter, 1, "Counter")
ChainMap = _SpecialGenericAlias(collections.ChainMap, 2, "ChainMap")
Deque = _SpecialGenericAlias(collections.deque, 1, "Deque")
Callable = _CallableAlias(_abc.Callable, 2, "Callable")
Iterable = _SpecialGenericAlias(_abc.Iterable, 1, "Iterable")
Iterator = _SpecialGenericAlias(_abc.Iterator, 1, "Iterator")
Reversible = _SpecialGenericAlias(_abc.Reversible, 1, "Reversible")
Generator = _SpecialGenericAlias(_abc.Generator, 3, "Generator")
Sequence = _SpecialGenericAlias(_abc.Sequence, 1, "Sequence")
MutableSequence = _SpecialGenericAlias(_abc.MutableSequence, 1, "MutableSequence")
Mapping = _SpecialGenericAlias(_abc.Mapping, 2, "Mapping")
MutableMapping = _SpecialGenericAlias(_abc.MutableMapping, 2, "MutableMapping")
AbstractSet = _SpecialGenericAlias(_abc.Set, 1, "AbstractSet")
MutableSet = _SpecialGenericAlias(_abc.MutableSet, 1, "MutableSet")
Collection = _SpecialGenericAlias(_abc.Collection, 1, "Collection")
Container = _SpecialGenericAlias(_abc.Container, 1, "Container")
Hashable = _abc.Hashable
Sized = _abc.Sized
KeysView = _SpecialGenericAlias(_abc.KeysView, 1, "KeysView")
ItemsView = _SpecialGenericAlias(_abc.ItemsView, 2, "ItemsView")
ValuesView = _SpecialGenericAlias(_abc.ValuesView, 1, "ValuesView")
MappingView = _SpecialGenericAlias(_abc.MappingView, 1, "MappingView")
Awaitable = _SpecialGenericAlias(_abc.Awaitable, 1, "Awaitable")
Coroutine = _SpecialGenericAlias(_abc.Coroutine, 3, "Coroutine")
AsyncIterable = _SpecialGenericAlias(_abc.AsyncIterable, 1, "AsyncIterable")
AsyncIterator = _SpecialGenericAlias(_abc.AsyncIterator, 1, "AsyncIterator")
AsyncGenerator = _SpecialGenericAlias(_abc.AsyncGenerator, 2, "AsyncGenerator")
ContextManager = _SpecialGenericAlias(_contextlib.AbstractContextManager, 1, "ContextManager")
AsyncContextManager = _SpecialGenericAlias(_contextlib.AbstractAsyncContextManager, 1,
                                           "AsyncContextManager")
Text = str
AnyStr = TypeVar("AnyStr", bytes, str)


# ---- protocols ---------------------------------------------------------------------------

_PROTO_SKIP = frozenset({"__abstractmethods__", "__annotations__", "__dict__", "__doc__",
                         "__init__", "__module__", "__new__", "__slots__", "__subclasshook__",
                         "__weakref__", "__class_getitem__", "__parameters__", "__qualname__",
                         "__protocol_attrs__", "_is_protocol", "_is_runtime_protocol",
                         "__orig_bases__", "__type_params__", "__firstlineno__",
                         "__static_attributes__", "_abc_registry", "_abc_cache",
                         "_abc_negative_cache", "_abc_cache_version", "__init_subclass__"})


def _protocol_attrs(cls):
    attrs = set()
    for base in cls.__mro__[:-1]:
        if base.__name__ in ("Protocol", "Generic"):
            continue
        for attr in list(base.__dict__) + list(getattr(base, "__annotations__", {})):
            if not attr.startswith("_abc_") and attr not in _PROTO_SKIP:
                attrs.add(attr)
    return attrs


class _ProtocolMeta(_ABCMeta):
    def __instancecheck__(cls, instance):
        if not getattr(cls, "_is_protocol", False):
            return super().__instancecheck__(instance)
        if not getattr(cls, "_is_runtime_protocol", False):
            raise TypeError("Instance and class checks can only be used with "
                            "@runtime_checkable protocols")
        if super().__instancecheck__(instance):
            return True
        for attr in cls.__protocol_attrs__:
            try:
                val = getattr(instance, attr)
            except AttributeError:
                return False
            if val is None and callable(getattr(cls, attr, None)):
                return False
        return True

    def __subclasscheck__(cls, other):
        if getattr(cls, "_is_protocol", False) and not getattr(cls, "_is_runtime_protocol", False):
            if cls is not Protocol:
                raise TypeError("Instance and class checks can only be used with "
                                "@runtime_checkable protocols")
        return super().__subclasscheck__(other)


class Protocol(metaclass=_ProtocolMeta):
    """Base class for structural types (static duck typing)."""

    __slots__ = ()
    _is_protocol = True
    _is_runtime_protocol = False

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if not cls.__dict__.get("_is_protocol", False):
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)
        cls.__protocol_attrs__ = _protocol_attrs(cls)

    def __class_getitem__(cls, params):
        return _GenericAlias(cls, params if isinstance(params, tuple) else (params,))


def runtime_checkable(cls):
    """Allow isinstance() and issubclass() with a Protocol class."""
    if not getattr(cls, "_is_protocol", False):
        raise TypeError("@runtime_checkable can be only applied to protocol classes,"
                        f" got {cls!r}")
    cls._is_runtime_protocol = True
    return cls


class SupportsInt(Protocol):
    def __int__(self): ...


class SupportsFloat(Protocol):
    def __float__(self): ...


class SupportsIndex(Protocol):
    def __index__(self): ...


class SupportsAbs(Protocol):
    def __abs__(self): ...


class SupportsRound(Protocol):
    def __round__(self, ndigits=0): ...


class SupportsBytes(Protocol):
    def __bytes__(self): ...


for _p in (SupportsInt, SupportsFloat, SupportsIndex, SupportsAbs, SupportsRound, SupportsBytes):
    runtime_checkable(_p)


# ---- NamedTuple, TypedDict, NewType ---------------------------------------------------------

def _class_annotations(ns):
    ann = ns.get("__annotations__")
    if ann is None and "__annotate__" in ns:
        ann = ns["__annotate__"](1)
    return dict(ann or {})


class _NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        types = _class_annotations(ns)
        defaults = [ns[name] for name in types if name in ns]
        nm_tpl = collections.namedtuple(typename, list(types), defaults=defaults or None,
                                        module=ns.get("__module__", "__main__"))
        nm_tpl.__annotations__ = types
        for key, val in ns.items():
            if key not in types and key not in ("__annotations__", "__annotate__", "__module__",
                                                "__qualname__", "__orig_bases__") \
                    and not key.startswith("__static") and key != "__firstlineno__":
                setattr(nm_tpl, key, val)
        return nm_tpl


def NamedTuple(typename, fields=None, /, **kwargs):
    """Typed version of collections.namedtuple."""
    if fields is None:
        fields = list(kwargs.items())
    types = {n: t for n, t in fields}
    nt = collections.namedtuple(typename, list(types), module="__main__")
    nt.__annotations__ = types
    return nt


_NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})


def _namedtuple_mro_entries(bases):
    return (_NamedTuple,)


NamedTuple.__mro_entries__ = _namedtuple_mro_entries


class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        annotations = {}
        for base in bases:
            annotations.update(base.__dict__.get("__annotations__", {}))
        annotations.update(_class_annotations(ns))
        tp_dict = type.__new__(_TypedDictMeta, name, (dict,), dict(ns))
        tp_dict.__annotations__ = annotations
        tp_dict.__total__ = total
        keys = frozenset(annotations)
        tp_dict.__required_keys__ = keys if total else frozenset()
        tp_dict.__optional_keys__ = frozenset() if total else keys
        return tp_dict

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __instancecheck__(cls, obj):
        raise TypeError("TypedDict does not support instance and class checks")

    __subclasscheck__ = __instancecheck__


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    """A dict with a fixed set of typed keys (a plain dict at run time)."""
    ns = {"__annotations__": dict(fields or {}), "__module__": "__main__"}
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)


def is_typeddict(tp):
    return isinstance(tp, _TypedDictMeta)


class NewType:
    """A distinct name for a type, for checkers; the identity at run time."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        if "." in name:
            name = name.rpartition(".")[-1]
        self.__name__ = name
        self.__supertype__ = tp
        self.__module__ = "__main__"

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


# ---- functions ----------------------------------------------------------------------------

def cast(typ, val):
    """Tell a type checker that val has type typ; returns val unchanged."""
    return val


def assert_type(val, typ, /):
    return val


def reveal_type(obj, /):
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + "..."
    raise AssertionError(f"Expected code to be unreachable, but got: {value}")


_overload_registry = {}


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        "You should not call an overloaded function. "
        "A series of @typing.overload-decorated functions "
        "outside a stub module should always be followed "
        "by an implementation that is not @overload-ed.")


def overload(func):
    """Mark a signature-only definition of an overloaded function."""
    key = getattr(func, "__qualname__", None)
    if key is not None:
        _overload_registry.setdefault(key, []).append(func)
    return _overload_dummy


def get_overloads(func):
    return list(_overload_registry.get(getattr(func, "__qualname__", None), []))


def clear_overloads():
    _overload_registry.clear()


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def override(method, /):
    try:
        method.__override__ = True
    except (AttributeError, TypeError):
        pass
    return method


def no_type_check(arg):
    return arg


def no_type_check_decorator(decorator):
    return decorator


def dataclass_transform(*, eq_default=True, order_default=False, kw_only_default=False,
                        frozen_default=False, field_specifiers=(), **kwargs):
    def decorator(cls_or_fn):
        cls_or_fn.__dataclass_transform__ = {
            "eq_default": eq_default, "order_default": order_default,
            "kw_only_default": kw_only_default, "frozen_default": frozen_default,
            "field_specifiers": field_specifiers, "kwargs": kwargs}
        return cls_or_fn
    return decorator


def get_origin(tp):
    """The unsubscripted version of a type: List[int] -> list."""
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    origin = getattr(tp, "__origin__", None)
    if origin is not None and type(tp).__name__ in ("GenericAlias", "UnionType"):
        return origin
    if type(tp).__name__ == "UnionType":
        return Union
    return None


def get_args(tp):
    """The arguments of a subscripted type: Dict[str, int] -> (str, int)."""
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _CallableGenericAlias):
        args = tp.__args__
        if args and args[0] is not ...:
            return (list(args[:-1]), args[-1])
        return args
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    args = getattr(tp, "__args__", None)
    if isinstance(args, tuple) and type(tp).__name__ in ("GenericAlias", "UnionType"):
        return args
    return ()


def _eval_hint(value, globalns, localns):
    if isinstance(value, str):
        return eval(value, globalns, localns)
    if isinstance(value, ForwardRef):
        return value._evaluate(globalns, localns)
    if value is None:
        return type(None)
    return value


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a class, module or function, with strings
    evaluated."""
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = _class_annotations(base.__dict__)
            module = sys.modules.get(base.__module__)
            g = globalns if globalns is not None else getattr(module, "__dict__", {})
            for name, value in ann.items():
                hints[name] = _eval_hint(value, g, localns if localns is not None else dict(vars(base)))
        return hints
    ann = getattr(obj, "__annotations__", None) or {}
    if globalns is None:
        globalns = getattr(obj, "__globals__", None)
        if globalns is None:
            globalns = getattr(obj, "__dict__", {})
    for name, value in ann.items():
        hints[name] = _eval_hint(value, globalns, localns)
    return hints


class IO:
    """Generic base of file objects (for annotations)."""
    __slots__ = ()


class TextIO(IO):
    __slots__ = ()


class BinaryIO(IO):
    __slots__ = ()


def __getattr__(name):
    if name in ("Pattern", "Match"):
        import re
        return getattr(re, name)
    raise AttributeError(f"module 'typing' has no attribute {name!r}")
