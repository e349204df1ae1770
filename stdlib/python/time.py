"""Time access and conversions.

The clocks, sleep() and the conversions that need the C library (gmtime,
localtime, mktime, asctime, ctime, strftime, tzset) are native, in `_time`.
This module adds struct_time, the zone constants (timezone, altzone,
daylight, tzname), get_clock_info() and strptime(), which CPython also
writes in Python."""

import _time
from _time import *

_FIELDS = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
           "tm_wday", "tm_yday", "tm_isdst")
# Attributes only: not part of the 9-tuple.
_EXTRA_FIELDS = ("tm_zone", "tm_gmtoff")
_ALL_FIELDS = _FIELDS + _EXTRA_FIELDS
_MISSING = object()
_STRUCT_TM_ITEMS = 11


def _structseq_args(args, kwargs):
    """The (sequence, dict) arguments of struct_time(), with the messages of
    CPython's structseq constructor."""
    if len(args) > 2:
        raise TypeError(f"structseq() takes at most 2 arguments ({len(args)} given)")
    found = list(args) + [_MISSING] * (2 - len(args))
    for name, value in kwargs.items():
        if name not in ("sequence", "dict"):
            raise TypeError(f"structseq() got an unexpected keyword argument '{name}'")
        i = 0 if name == "sequence" else 1
        if found[i] is not _MISSING:
            raise TypeError(f"argument for structseq() given by name ('{name}') and position ({i + 1})")
        found[i] = value
    if found[0] is _MISSING:
        raise TypeError("structseq() missing required argument 'sequence' (pos 1)")
    return found[0], found[1]


def _field(index):
    return property(lambda self: tuple.__getitem__(self, index),
                    doc=f"struct_time field {_FIELDS[index]}")


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
    accepted by asctime(), mktime() and strftime().  May be considered as a
    sequence of 9 integers.

    Note that several fields' values are not the same as those defined by
    the C language standard for struct tm.  For example, the value of the
    field tm_year is the actual year, not year - 1900.  See individual
    fields' descriptions for details."""

    # tm_zone and tm_gmtoff, which are not items of the tuple. Set by
    # __new__, and by _time, which makes instances without calling it; the
    # default serves instances made by tuple.__new__.
    _extra = (None, None)
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    __match_args__ = _FIELDS

    def __new__(cls, *args, **kwargs):
        sequence, extra = _structseq_args(args, kwargs)
        if extra is not _MISSING and not isinstance(extra, dict):
            raise TypeError("time.struct_time() takes a dict as second arg, if any")
        try:
            items = iter(sequence)
        except TypeError:
            raise TypeError("constructor requires a sequence") from None
        items = tuple(items)
        if len(items) < 9:
            raise TypeError(f"time.struct_time() takes an at least 9-sequence ({len(items)}-sequence given)")
        if len(items) > 11:
            raise TypeError(f"time.struct_time() takes an at most 11-sequence ({len(items)}-sequence given)")
        extra = {} if extra is _MISSING else extra
        # The fields past the sequence come from the dict; every key of the
        # dict must name one of them.
        zone_fields = list(items[9:])
        used = 0
        for name in _ALL_FIELDS[len(items):]:
            if name in extra:
                used += 1
            zone_fields.append(extra.get(name))
        if used != len(extra):
            raise TypeError("time.struct_time() got duplicate or unexpected field name(s)")
        self = tuple.__new__(cls, items[:9])
        object.__setattr__(self, "_extra", tuple(zone_fields))
        return self

    tm_year = _field(0)
    tm_mon = _field(1)
    tm_mday = _field(2)
    tm_hour = _field(3)
    tm_min = _field(4)
    tm_sec = _field(5)
    tm_wday = _field(6)
    tm_yday = _field(7)
    tm_isdst = _field(8)
    tm_zone = property(lambda self: self._extra[0], doc="abbreviation of timezone name")
    tm_gmtoff = property(lambda self: self._extra[1], doc="offset from UTC in seconds")

    def __repr__(self):
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self))
        return f"time.struct_time({fields})"

    __str__ = __repr__

    def __reduce__(self):
        return (struct_time, (tuple(self), {"tm_zone": self._extra[0], "tm_gmtoff": self._extra[1]}))

    def __replace__(self, /, *args, **changes):
        if args:
            raise TypeError("__replace__() takes no positional arguments")
        values = [changes.pop(name, value) for name, value in zip(_ALL_FIELDS, tuple(self) + self._extra)]
        if changes:
            raise TypeError(f"Got unexpected field name(s): {list(changes)!r}")
        return struct_time(values)

    # Fixed-shape and immutable, as CPython's struct sequences.
    def __setattr__(self, name, value):
        _refuse_change(self, name)

    def __delattr__(self, name):
        _refuse_change(self, name)

    def __getattr__(self, name):
        raise AttributeError(f"'time.struct_time' object has no attribute '{name}'")

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'time.struct_time' is not an acceptable base type")


def _refuse_change(obj, name):
    if name in _ALL_FIELDS:
        raise AttributeError("readonly attribute")
    if hasattr(struct_time, name):
        raise AttributeError(f"'time.struct_time' object attribute '{name}' is read-only")
    raise AttributeError(f"'time.struct_time' object has no attribute '{name}' "
                         "and no __dict__ for setting new attributes")


_time._set_struct_time(struct_time)


def _set_zone_constants():
    """timezone, altzone, daylight and tzname, as CPython computes them on
    glibc: from the local time of the first days of January and July of
    this year (the C library's own globals describe only the zone's
    current rules)."""
    global timezone, altzone, daylight, tzname
    year = (365 * 24 + 6) * 3600
    start = int(_time.time()) // year * year
    january, july = localtime(start), localtime(start + year // 2)
    jan_zone, jul_zone = -january.tm_gmtoff, -july.tm_gmtoff
    if max(abs(jan_zone), abs(jul_zone)) > 48 * 3600:
        raise RuntimeError("invalid GMT offset")
    # C keeps at most 9 bytes of each name.
    jan_name, jul_name = (january.tm_zone or "   ")[:9], (july.tm_zone or "   ")[:9]
    daylight = int(jan_zone != jul_zone)
    if jan_zone < jul_zone:
        # Southern hemisphere: summer time is in January.
        timezone, altzone, tzname = jul_zone, jan_zone, (jul_name, jan_name)
    else:
        timezone, altzone, tzname = jan_zone, jul_zone, (jan_name, jul_name)


_set_zone_constants()


def tzset(*args, **kwargs):
    """Initialize, or reinitialize, the local timezone to the value of the
    TZ environment variable, and update timezone, altzone, daylight and
    tzname."""
    _time.tzset(*args, **kwargs)
    _set_zone_constants()


_CLOCKS = {
    "time": ("clock_gettime(CLOCK_REALTIME)", False, True, CLOCK_REALTIME),
    "monotonic": ("clock_gettime(CLOCK_MONOTONIC)", True, False, CLOCK_MONOTONIC),
    "perf_counter": ("clock_gettime(CLOCK_MONOTONIC)", True, False, CLOCK_MONOTONIC),
    "process_time": ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", True, False, CLOCK_PROCESS_CPUTIME_ID),
    "thread_time": ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", True, False, CLOCK_THREAD_CPUTIME_ID),
}


def get_clock_info(*args, **kwargs):
    """Get information of the specified clock."""
    if kwargs:
        raise TypeError("get_clock_info() takes no keyword arguments")
    if len(args) != 1:
        raise TypeError(f"get_clock_info() takes exactly 1 argument ({len(args)} given)")
    name = args[0]
    if not isinstance(name, str):
        raise TypeError(f"get_clock_info() argument 1 must be str, not {type(name).__name__}")
    if name not in _CLOCKS:
        raise ValueError("unknown clock")
    implementation, monotonic, adjustable, clock = _CLOCKS[name]
    from types import SimpleNamespace
    return SimpleNamespace(implementation=implementation, monotonic=monotonic,
                           adjustable=adjustable, resolution=clock_getres(clock))


def strptime(*args, **kwargs):
    """strptime(string, format) -> struct_time

    Parse a string to a time tuple according to a format specification."""
    if kwargs:
        raise TypeError("strptime() takes no keyword arguments")
    import _strptime
    return _strptime._strptime_time(*args)
