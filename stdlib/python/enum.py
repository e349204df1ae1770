"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique."""

import sys

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag",
           "ReprEnum", "auto", "unique", "member", "nonmember", "global_enum",
           "property", "verify", "FlagBoundary", "STRICT", "CONFORM", "EJECT",
           "KEEP", "EnumCheck", "CONTINUOUS", "NAMED_FLAGS", "UNIQUE", "pickle_by_enum_name"]

_builtin_property = property
_auto_null = object()


class auto:
    """Stand-in for a member value: the next value is filled in."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return f"auto({self.value!r})"


class nonmember:
    """Keep an attribute of an enum class from becoming a member."""

    def __init__(self, value):
        self.value = value


class member:
    """Make an attribute a member even if it would not be one."""

    def __init__(self, value):
        self.value = value


property = _builtin_property


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_private(cls_name, name):
    prefix = f"_{cls_name}__"
    return name.startswith(prefix) and not name.endswith("__")


def _is_descriptor(obj):
    if isinstance(obj, (_builtin_property, staticmethod, classmethod)):
        return True
    t = type(obj)
    if hasattr(t, "__get__") or hasattr(t, "__set__") or hasattr(t, "__delete__"):
        return True
    # Functions and nested classes are not members.
    return callable(obj) and not isinstance(obj, (int, str, float, bytes, tuple))


class _EnumDict(dict):
    """The class namespace of an enum: records member names in order and
    fills in auto() values."""

    def __init__(self, cls_name=""):
        super().__init__()
        self._member_names = {}
        self._last_values = []
        self._ignore = []
        self._cls_name = cls_name
        self._generate_next_value = None

    def __setitem__(self, key, value):
        if _is_private(self._cls_name, key):
            pass
        elif _is_sunder(key):
            if key == "_ignore_":
                if isinstance(value, str):
                    value = value.replace(",", " ").split()
                self._ignore = list(value)
            elif key == "_generate_next_value_":
                self._generate_next_value = getattr(value, "__func__", value)
        elif _is_dunder(key):
            if key == "__order__":
                key = "_order_"
        elif key in self._member_names:
            raise TypeError(f"{key!r} already defined as {self[key]!r}")
        elif key in self._ignore:
            pass
        elif isinstance(value, nonmember):
            value = value.value
        elif not isinstance(value, member) and _is_descriptor(value):
            pass
        else:
            if key in self:
                raise TypeError(f"{key!r} already defined as {self[key]!r}")
            if isinstance(value, member):
                value = value.value
            value = self._resolve_auto(key, value)
            self._member_names[key] = None
            self._last_values.append(value)
        super().__setitem__(key, value)

    def _resolve_auto(self, key, value):
        if isinstance(value, auto):
            if value.value is _auto_null:
                value.value = self._next_value(key)
            return value.value
        if isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
            return tuple(self._resolve_auto(key, v) for v in value)
        return value

    def _next_value(self, key):
        gen = self._generate_next_value or Enum._generate_next_value_
        gen = getattr(gen, "__func__", gen)
        return gen(key, 1, len(self._member_names), self._last_values[:])


def _find_data_type(bases):
    for chain in bases:
        for base in chain.__mro__:
            if base is object or isinstance(base, EnumType):
                continue
            if "__new__" in base.__dict__ or base in (int, str, float, bytes, tuple):
                return base
    return object


class EnumType(type):
    """Metaclass of Enum: makes the members and gives the class its
    container behaviour (iteration, len, lookup by name and value)."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError(f"<enum {cls!r}> cannot extend {base!r}")
        d = _EnumDict(cls)
        for base in bases:
            gen = getattr(base, "_generate_next_value_", None)
            if gen is not None and isinstance(base, EnumType):
                d._generate_next_value = getattr(gen, "__func__", gen)
                break
        return d

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        member_names = list(getattr(classdict, "_member_names", ()))
        values = {name: classdict[name] for name in member_names}
        body = {k: v for k, v in classdict.items() if k not in values}
        body.setdefault("_ignore_", None)
        body.pop("_ignore_")
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        data_type = _find_data_type(bases)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        enum_class._unhashable_values_ = []
        enum_class._member_type_ = data_type
        enum_class._boundary_ = boundary or getattr(enum_class, "_boundary_", None)
        if data_type is not object and "__repr__" not in body:
            # The data type's repr (int.__repr__) must not hide the enum's.
            owner = next((b for b in enum_class.__mro__ if "__repr__" in b.__dict__), None)
            if owner is not None and not isinstance(owner, EnumType):
                enum_repr = next(b.__dict__["__repr__"] for b in enum_class.__mro__
                                 if isinstance(b, EnumType) and "__repr__" in b.__dict__)
                type.__setattr__(enum_class, "__repr__", enum_repr)
        custom_new = body.get("__new__") if _enum_defined else None
        if custom_new is None:
            for base in bases:
                if isinstance(base, EnumType) and "_new_member_" in base.__dict__:
                    custom_new = base._new_member_
                    break
        elif "__new__" in body:
            enum_class._new_member_ = custom_new
        for name in member_names:
            metacls._add_member(enum_class, name, values[name], data_type, custom_new)
        if _enum_defined and (data_type is not object or "__new__" in body):
            # Calling the class looks members up by value (Enum.__new__),
            # whatever made the members.
            type.__setattr__(enum_class, "__new__", Enum.__dict__["__new__"])
        if Flag is not None and issubclass(enum_class, Flag):
            if data_type is not object:
                # int's operators would come first in the MRO of IntFlag.
                for name in ("__or__", "__and__", "__xor__", "__ror__", "__rand__",
                             "__rxor__", "__invert__"):
                    if name not in body:
                        type.__setattr__(enum_class, name, Flag.__dict__[name])
            bits = 0
            for m in enum_class._member_map_.values():
                bits |= m._value_
            enum_class._flag_mask_ = bits
            enum_class._all_bits_ = 2 ** bits.bit_length() - 1
        return enum_class

    @staticmethod
    def _add_member(enum_class, name, value, data_type, custom_new):
        args = value if isinstance(value, tuple) and data_type is not tuple else (value,)
        if custom_new is not None:
            new = getattr(custom_new, "__func__", custom_new)
            obj = new(enum_class, *args)
            if not hasattr(obj, "_value_"):
                obj._value_ = value if data_type is object else data_type(*args)
        elif data_type is object:
            obj = object.__new__(enum_class)
            obj._value_ = value
        else:
            obj = data_type.__new__(enum_class, *args)
            obj._value_ = data_type(*args) if data_type is not tuple else tuple(args)
        value = obj._value_
        obj._name_ = name
        obj.__objclass__ = enum_class
        init = enum_class.__dict__.get("__init__") or next(
            (b.__dict__["__init__"] for b in enum_class.__mro__[1:]
             if "__init__" in b.__dict__ and isinstance(b, EnumType) and b is not Enum), None)
        if init is not None:
            init(obj, *args)
        for existing in enum_class._member_map_.values():
            if existing._value_ == value:
                enum_class._member_map_[name] = existing
                type.__setattr__(enum_class, name, existing)
                return
        enum_class._member_names_.append(name)
        enum_class._member_map_[name] = obj
        try:
            enum_class._value2member_map_.setdefault(value, obj)
        except TypeError:
            enum_class._unhashable_values_.append(value)
        type.__setattr__(enum_class, name, obj)

    def __call__(cls, value, names=None, *values, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname,
                            type=type, start=start, boundary=boundary)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None,
                 start=1, boundary=None):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        classdict = metacls.__prepare__(class_name, bases)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original_names, names = names, []
            last_values = []
            for count, name in enumerate(original_names):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        if isinstance(names, dict):
            names = names.items()
        for item in names:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        if module is None:
            module = "__main__"
        classdict["__module__"] = module
        if qualname is not None:
            classdict["__qualname__"] = qualname
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)

    def __contains__(cls, value):
        if isinstance(value, cls):
            return True
        try:
            return value in cls._value2member_map_
        except TypeError:
            return value in cls._unhashable_values_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @_builtin_property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return f"<flag {cls.__name__!r}>"
        return f"<enum {cls.__name__!r}>"

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get("_member_map_", {})
        if name in member_map:
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(f"cannot delete member {name!r}")
        super().__delattr__(name)


EnumMeta = EnumType
Flag = None
# Enum's own __new__ looks members up; only later classes' make members.
_enum_defined = False


class Enum(metaclass=EnumType):
    """Base class of enumerations."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            for m in cls._member_map_.values():
                if m._value_ == value:
                    return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        raise TypeError(f"error in {cls.__name__}._missing_: returned {result!r} "
                        f"instead of None or a valid member")

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            last_value = sorted(last_values).pop()
        except TypeError:
            raise TypeError("unable to sort non-numeric values") from None
        try:
            return last_value + 1
        except TypeError:
            raise TypeError(f"unable to increment {last_value!r}") from None

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return f"<{self.__class__.__name__}.{self._name_}: {v_repr(self._value_)}>"

    _value_repr_ = None

    def __str__(self):
        return f"{self.__class__.__name__}.{self._name_}"

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __dir__(self):
        return ["__class__", "__doc__", "__eq__", "__hash__", "__module__", "name", "value"]

    @_builtin_property
    def name(self):
        return self._name_

    @_builtin_property
    def value(self):
        return self._value_


_enum_defined = True


class ReprEnum(Enum):
    """An enum whose str() and format() are those of its data type."""


class IntEnum(int, ReprEnum):
    """Enum whose members are ints."""

    _value_repr_ = int.__repr__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)


class StrEnum(str, ReprEnum):
    """Enum whose members are strs."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError(f"too many arguments for str(): {values!r}")
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError(f"{values[0]!r} is not a string")
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary(StrEnum):
    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()


STRICT, CONFORM, EJECT, KEEP = FlagBoundary


class Flag(Enum, boundary=STRICT):
    """Enum whose members combine with the bitwise operators."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high_bit = max(last_values).bit_length() - 1
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        flag_mask = cls._flag_mask_
        all_bits = cls._all_bits_
        boundary = cls._boundary_
        if value < 0:
            value = all_bits + 1 + value if boundary is not KEEP else value
        if value & ~flag_mask and boundary is STRICT:
            raise ValueError(f"{cls.__name__} invalid value {value!r}\n"
                             f"    given {bin(value)}\n  allowed {bin(flag_mask)}")
        if boundary is CONFORM:
            value &= flag_mask
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        names = [m._name_ for m in cls._iter_bits(value)]
        unknown = value & ~flag_mask
        if names or unknown:
            if unknown:
                names.append(str(unknown))
            pseudo._name_ = "|".join(names)
        else:
            pseudo._name_ = None
        if value & ~flag_mask == 0:
            cls._value2member_map_.setdefault(value, pseudo)
        return pseudo

    @classmethod
    def _iter_bits(cls, value):
        for name in cls._member_names_:
            m = cls._member_map_[name]
            v = m._value_
            if v and v & (v - 1) == 0 and v & value == v:
                yield m

    def __iter__(self):
        return iter(list(self.__class__._iter_bits(self._value_)))

    def __len__(self):
        return bin(self._value_).count("1")

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(f"unsupported operand type(s) for 'in': "
                            f"{type(other).__qualname__!r} and {self.__class__.__qualname__!r}")
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return f"<{cls_name}: {v_repr(self._value_)}>"
        return f"<{cls_name}.{self._name_}: {v_repr(self._value_)}>"

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return f"{cls_name}({self._value_!r})"
        return f"{cls_name}.{self._name_}"

    def _get_value(self, flag):
        if isinstance(flag, self.__class__):
            return flag._value_
        if self._member_type_ is not object and isinstance(flag, self._member_type_):
            return flag
        return NotImplemented

    def __or__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | other_value)

    def __and__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & other_value)

    def __xor__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ other_value)

    def __invert__(self):
        if self._member_type_ is object or self._boundary_ is not KEEP:
            return self.__class__(self._flag_mask_ & ~self._value_)
        return self.__class__(~self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Flag whose members are ints."""

    _value_repr_ = int.__repr__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)


def unique(enumeration):
    """Class decorator: no two members may have the same value."""
    duplicates = [(name, m.name) for name, m in enumeration.__members__.items() if name != m.name]
    if duplicates:
        details = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {details}")
    return enumeration


class EnumCheck(StrEnum):
    CONTINUOUS = "no skipped integer values"
    NAMED_FLAGS = "multi-flag aliases may not contain unnamed flags"
    UNIQUE = "one name per value"


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck


class verify:
    """Class decorator checking the given EnumCheck constraints."""

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        if UNIQUE in self.checks:
            unique(enumeration)
        return enumeration


def global_enum(cls, update_str=False):
    """Export the members into the module namespace of the enum."""
    module = sys.modules.get(cls.__module__)
    if module is not None:
        module.__dict__.update(cls.__members__)
    return cls


def pickle_by_enum_name(self, proto):
    return getattr, (self.__class__, self._name_)
