"""time.strptime's parser, imported on its first use (as CPython's
`_strptime` is) so `import time` stays cheap."""

from time import struct_time
import time as _time_module

# ---------------------------------------------------------------------
# strptime: CPython's _strptime matches a regular expression made from the
# format. There is no `re` here, so each directive is a list of
# alternatives tried in the same order with the same backtracking, which
# gives the same matches. Names are those of the C locale.

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
_AM_PM = ("am", "pm")

# Numeric directives in a small regular-expression subset: alternatives
# split by "|", "[...]" a class (with ranges), "D" any decimal digit, any
# other character itself.
_NUMERIC = {
    "d": "3[0-1]|[1-2]D|0[1-9]|[1-9]| [1-9]",
    "f": "|".join("[0-9]" * n for n in range(6, 0, -1)),
    "H": "2[0-3]|[0-1]D|D",
    "I": "1[0-2]|0[1-9]|[1-9]",
    "G": "DDDD",
    "j": "36[0-6]|3[0-5]D|[1-2]DD|0[1-9]D|00[1-9]|[1-9]D|0[1-9]|[1-9]",
    "m": "1[0-2]|0[1-9]|[1-9]",
    "M": "[0-5]D|D",
    "S": "6[0-1]|[0-5]D|D",
    "U": "5[0-3]|[0-4]D|D",
    "W": "5[0-3]|[0-4]D|D",
    "w": "[0-6]",
    "u": "[1-7]",
    "V": "5[0-3]|0[1-9]|[1-4]D|D",
    "y": "DD",
    "Y": "DDDD",
}


def _utc_offset_pattern():
    """%z: [+-]HH[:]MM, then optionally [:]SS and optionally .ffffff, or a
    capital Z; every optional part tried present first, as a greedy regex."""
    tails = []
    for colon in (":", ""):
        for digits in range(6, -1, -1):
            fraction = "[.]" + "D" * digits if digits else ""
            tails.append(colon + "[0-5]D" + fraction)
    tails.append("")
    heads = ["[+-]DD" + colon + "[0-5]D" for colon in (":", "")]
    return "|".join(head + tail for head in heads for tail in tails) + "|[Z]"


_NUMERIC["z"] = _utc_offset_pattern()

# What %c, %x and %X stand for in the C locale.
_COMPOSITE = {"c": "%a %b %d %H:%M:%S %Y", "x": "%m/%d/%y", "X": "%H:%M:%S"}

# After these (and whitespace), CPython's escaping puts a backslash, which
# it then reports as a bad directive "%".
_REGEX_SPECIALS = "\\.^$*+?(){}[]|"


def _parse_alternatives(pattern):
    """The alternatives of a _NUMERIC pattern, each a list with, for each
    character, None for any digit or else the set of characters allowed
    (literals match in either case, as CPython's regex is IGNORECASE)."""
    alternatives = []
    for text in pattern.split("|"):
        items, i = [], 0
        while i < len(text):
            c = text[i]
            if c == "[":
                end = text.index("]", i)
                items.append(_char_class(text[i + 1:end]))
                i = end + 1
                continue
            items.append(None if c == "D" else frozenset((c.lower(), c.upper())))
            i += 1
        alternatives.append(items)
    return alternatives


def _char_class(spec):
    chars, i = set(), 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            chars.update(chr(n) for n in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            chars.add(spec[i])
            i += 1
    return frozenset(chars)


def _alternative_ends(alternatives, s, i):
    found = []
    for items in alternatives:
        end = i + len(items)
        if end > len(s):
            continue
        j = i
        for allowed in items:
            c = s[j]
            if not (c.isdecimal() if allowed is None else c in allowed):
                break
            j += 1
        else:
            found.append(end)
    return found


class _Directive:
    """One piece of the format: `ends(s, i)` lists where a match starting at
    i can end, in the order the regular expression would try them; `key`
    names the group the matched text goes to (None for literals)."""

    def __init__(self, key, alternatives=None, names=None, literal=None, spaces=False):
        self.key = key
        self.alternatives = alternatives
        self.names = names
        self.literal = literal
        self.spaces = spaces

    def ends(self, s, i):
        if self.spaces:
            j = i
            while j < len(s) and s[j].isspace():
                j += 1
            return range(j, i, -1)
        if self.literal is not None:
            end = i + len(self.literal)
            return [end] if s[i:end].lower() == self.literal else []
        if self.names is not None:
            return [i + len(n) for n in self.names if s[i:i + len(n)].lower() == n]
        return _alternative_ends(self.alternatives, s, i)


def _names_directive(key, names):
    # Longest first, so that a name is not cut short by one of its prefixes.
    return _Directive(key, names=sorted((n.lower() for n in names), key=len, reverse=True))


def _zone_names():
    names = ["utc", "gmt", _time_module.tzname[0].lower()]
    if _time_module.daylight:
        names.append(_time_module.tzname[1].lower())
    # A set in CPython: no duplicates.
    return list(dict.fromkeys(names))


# _NUMERIC parsed, filled in as directives are first used.
_PARSED = {}


def _directive(char):
    if char in _NUMERIC:
        if char not in _PARSED:
            _PARSED[char] = _parse_alternatives(_NUMERIC[char])
        return _Directive(char, alternatives=_PARSED[char])
    names = {"A": _WEEKDAYS, "a": [n[:3] for n in _WEEKDAYS], "B": _MONTHS,
             "b": [n[:3] for n in _MONTHS], "p": _AM_PM}
    if char in names:
        return _names_directive(char, names[char])
    if char == "Z":
        return _names_directive("Z", _zone_names())
    return None


def _compile(format, top=True):
    """The format as a list of _Directive, with CPython's errors for a bad
    format. Returns (pieces, has_year, has_day)."""
    pieces, literal = [], ""
    has_year = has_day = False

    def flush():
        nonlocal literal
        if literal:
            pieces.append(_Directive(None, literal=literal.lower()))
        literal = ""

    i = 0
    while i < len(format):
        c = format[i]
        if c.isspace():
            flush()
            while i < len(format) and format[i].isspace():
                i += 1
            pieces.append(_Directive(None, spaces=True))
            continue
        if c != "%":
            literal += c
            i += 1
            continue
        if i + 1 >= len(format):
            raise ValueError(f"stray % in format '{format}'")
        char = format[i + 1]
        i += 2
        if char == "%":
            literal += "%"
            continue
        if char in _REGEX_SPECIALS or char.isspace():
            raise ValueError(f"'%' is a bad directive in format '{format}'")
        flush()
        if char in _COMPOSITE:
            pieces.extend(_compile(_COMPOSITE[char], False)[0])
            continue
        d = _directive(char)
        if d is None:
            raise ValueError(f"'{char}' is a bad directive in format '{format}'")
        pieces.append(d)
        has_year = has_year or char in "YyG"
        has_day = has_day or char == "d"
    flush()
    return pieces, has_year, has_day


# A few compiled formats, as CPython's _strptime keeps; %Z depends on the
# zone names, so they are part of the key.
_FORMATS = {}


def _compiled(format):
    key = (format, _time_module.tzname, _time_module.daylight)
    if key not in _FORMATS:
        compiled = _compile(format)
        _check_unique(compiled[0])
        if len(_FORMATS) > 5:
            _FORMATS.clear()
        _FORMATS[key] = compiled
    return _FORMATS[key]


def _check_unique(pieces):
    # CPython's regular expression cannot name two groups alike (its error
    # is re.error, which does not exist here).
    seen = set()
    for piece in pieces:
        if piece.key in seen:
            raise ValueError(f"redefinition of group name {piece.key!r}")
        if piece.key is not None:
            seen.add(piece.key)


def _match(pieces, s, groups):
    """Match the pieces against the start of s, backtracking as a regular
    expression does; the end of the match, or None. A stack instead of
    recursion, so a long format cannot exhaust the recursion limit."""
    if not pieces:
        return 0
    starts, options = [0], [iter(pieces[0].ends(s, 0))]
    while options:
        k = len(options) - 1
        end = next(options[k], None)
        if end is None:
            options.pop()
            starts.pop()
            continue
        if pieces[k].key is not None:
            groups[pieces[k].key] = s[starts[k]:end]
        if k + 1 == len(pieces):
            return end
        starts.append(end)
        options.append(iter(pieces[k + 1].ends(s, end)))
    return None


# Proleptic Gregorian dates as day numbers (1 is 0001-01-01), for the day of
# the week and of the year; the errors are those of datetime.date.

_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before(year, month):
    return _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))


def _days_in_month(year, month):
    return _days_before(year, month + 1) - _days_before(year, month) if month < 12 else 31


def _year_start(year):
    """Day number of the day before January 1 of year."""
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ordinal(year, month, day):
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")
    return _year_start(year) + _days_before(year, month) + day


def _from_ordinal(n):
    if n < 1:
        raise ValueError("ordinal must be >= 1")
    year = n * 400 // 146097 + 1
    while _year_start(year) >= n:
        year -= 1
    while _year_start(year + 1) < n:
        year += 1
    if year > 9999:
        raise ValueError(f"year {year} is out of range")
    day_of_year = n - _year_start(year)
    month = 1
    while month < 12 and day_of_year > _days_before(year, month + 1):
        month += 1
    return year, month, day_of_year - _days_before(year, month)


def _weekday(year, month, day):
    """Monday is 0."""
    return (_ordinal(year, month, day) + 6) % 7


def _from_iso_calendar(year, week, day):
    if not 1 <= year <= 9999:
        raise ValueError(f"Year is out of range: {year}")
    jan1 = _weekday(year, 1, 1)
    long_year = jan1 == 3 or (jan1 == 2 and _is_leap(year))
    if not 0 < week < 53 + long_year:
        raise ValueError(f"Invalid week: {week}")
    if not 0 < day < 8:
        raise ValueError(f"Invalid weekday: {day} (range is [1, 7])")
    jan4 = _ordinal(year, 1, 4)
    week1_monday = jan4 - (jan4 + 6) % 7
    return _from_ordinal(week1_monday + (week - 1) * 7 + day - 1)


def _julian_from_week(year, week, weekday, week_starts_monday):
    """Day of the year from %U or %W and a weekday (Monday 0); 0 or less
    when it falls in the previous year."""
    first = _weekday(year, 1, 1)
    if not week_starts_monday:
        first, weekday = (first + 1) % 7, (weekday + 1) % 7
    if week == 0:
        return 1 + weekday - first
    return 1 + (7 - first) % 7 + 7 * (week - 1) + weekday


def _utc_offset(z):
    """Seconds east of UTC from a %z match."""
    if z == "Z":
        return 0
    if z[3] == ":":
        z = z[:3] + z[4:]
        if len(z) > 5:
            if z[5] != ":":
                raise ValueError(f"Inconsistent use of : in {z[:3] + ':' + z[3:]}")
            z = z[:5] + z[6:]
    offset = int(z[1:3]) * 3600 + int(z[3:5]) * 60 + int(z[5:7] or 0)
    return -offset if z[0] == "-" else offset


def _zone_dst(name):
    """tm_isdst for a %Z name: 0, 1, or -1 when it cannot be told."""
    name = name.lower()
    if name in ("utc", "gmt", _time_module.tzname[0].lower()):
        value = 0
    elif _time_module.daylight and name == _time_module.tzname[1].lower():
        value = 1
    else:
        return -1
    if _time_module.tzname[0] == _time_module.tzname[1] and _time_module.daylight and name not in ("utc", "gmt"):
        return -1
    return value


def _strptime_time(data_string, format="%a %b %d %H:%M:%S %Y"):
    for index, arg in enumerate((data_string, format)):
        if not isinstance(arg, str):
            raise TypeError(f"strptime() argument {index} must be str, not {type(arg)}")
    pieces, has_year, has_day = _compiled(format)
    if has_day and not has_year:
        import warnings
        warnings.warn(
            "Parsing dates involving a day of month without a year specified is ambiguious\n"
            "and fails to parse leap day. The default behavior will change in Python 3.15\n"
            "to either always raise an exception or to use a different default year (TBD).\n"
            "To avoid trouble, add a specific year to the input & format.\n"
            "See https://github.com/python/cpython/issues/70647.",
            DeprecationWarning, stacklevel=3)
    found = {}
    end = _match(pieces, data_string, found)
    if end is None:
        raise ValueError(f"time data {data_string!r} does not match format {format!r}")
    if end != len(data_string):
        raise ValueError(f"unconverted data remains: {data_string[end:]}")
    return struct_time(_fields_from(found))


def _fields_from(found):
    """The 11 struct_time fields from the matched directives."""
    year = iso_year = iso_week = week = week_starts_monday = weekday = julian = None
    month = day = 1
    hour = minute = second = 0
    dst, gmtoff = -1, None
    for key, text in found.items():
        if key == "y":
            year = int(text)
            year += 2000 if year <= 68 else 1900
        elif key == "Y":
            year = int(text)
        elif key == "G":
            iso_year = int(text)
        elif key == "m":
            month = int(text)
        elif key == "B":
            month = _MONTHS.index(text.lower()) + 1
        elif key == "b":
            month = [n[:3] for n in _MONTHS].index(text.lower()) + 1
        elif key == "d":
            day = int(text)
        elif key == "H":
            hour = int(text)
        elif key == "I":
            hour = _hour_from_12(int(text), found.get("p", "").lower())
        elif key == "M":
            minute = int(text)
        elif key == "S":
            second = int(text)
        elif key == "A":
            weekday = _WEEKDAYS.index(text.lower())
        elif key == "a":
            weekday = [n[:3] for n in _WEEKDAYS].index(text.lower())
        elif key == "w":
            weekday = (int(text) + 6) % 7
        elif key == "u":
            weekday = int(text) - 1
        elif key == "j":
            julian = int(text)
        elif key in "UW":
            week, week_starts_monday = int(text), key == "W"
        elif key == "V":
            iso_week = int(text)
        elif key == "z":
            gmtoff = _utc_offset(text)
        elif key == "Z":
            dst = _zone_dst(text)
    _check_iso(iso_year, iso_week, year, weekday, julian)
    # Without a year, February 29 needs a leap year to be computed; the
    # result says 1900 all the same.
    leap_fix = year is None and month == 2 and day == 29
    if year is None:
        year = 1904 if leap_fix else 1900
    if julian is None and weekday is not None:
        if week is not None:
            julian = _julian_from_week(year, week, weekday, week_starts_monday)
        elif iso_year is not None and iso_week is not None:
            year, month, day = _from_iso_calendar(iso_year, iso_week, weekday + 1)
        if julian is not None and julian <= 0:
            year -= 1
            julian += 366 if _is_leap(year) else 365
    if julian is None:
        julian = _ordinal(year, month, day) - _ordinal(year, 1, 1) + 1
    else:
        year, month, day = _from_ordinal(julian - 1 + _ordinal(year, 1, 1))
    if weekday is None:
        weekday = _weekday(year, month, day)
    if leap_fix:
        year = 1900
    return (year, month, day, hour, minute, second, weekday, julian, dst, found.get("Z"), gmtoff)


def _hour_from_12(hour, am_pm):
    # 12 AM is midnight and 12 PM noon; no AM/PM counts as AM.
    if am_pm in ("", "am"):
        return 0 if hour == 12 else hour
    if am_pm == "pm" and hour != 12:
        return hour + 12
    return hour


def _check_iso(iso_year, iso_week, year, weekday, julian):
    if iso_year is not None:
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not compatible with ISO year "
                             "directive '%G'. Use '%Y' instead.")
        if iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with the ISO week directive "
                             "'%V' and a weekday directive ('%A', '%a', '%w', or '%u').")
    elif iso_week is not None:
        if year is None or weekday is None:
            raise ValueError("ISO week directive '%V' must be used with the ISO year directive "
                             "'%G' and a weekday directive ('%A', '%a', '%w', or '%u').")
        raise ValueError("ISO week directive '%V' is incompatible with the year directive '%Y'. "
                         "Use the ISO year '%G' instead.")
