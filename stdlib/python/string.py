"""String constants, capwords, Template ($-substitution) and Formatter."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = " \t\n\r\v\f"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split on `sep`, capitalize each word, join with `sep` (or a space)."""
    return (sep or " ").join(map(str.capitalize, s.split(sep)))


# ---- Template -------------------------------------------------------------------

_sentinel_dict = {}


def _is_id_start(c):
    return c == "_" or ("a" <= c <= "z") or ("A" <= c <= "Z")


def _is_id_char(c):
    return _is_id_start(c) or ("0" <= c <= "9")


class Template:
    """A string with $-placeholders: $name, ${name}, and $$ for a dollar."""

    delimiter = "$"
    idpattern = None
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def _scan(self):
        """Yield (kind, text, index) pieces: text runs, "name"/"braced"
        placeholders, "escaped" delimiters and "invalid" delimiters."""
        t = self.template
        d = self.delimiter
        n = len(t)
        i = 0
        start = 0
        while True:
            j = t.find(d, i)
            if j < 0:
                break
            if j > start:
                yield "text", t[start:j], start
            k = j + len(d)
            if t.startswith(d, k):
                yield "escaped", d, j
                i = start = k + len(d)
                continue
            if k < n and t[k] == "{":
                m = k + 1
                if m < n and _is_id_start(t[m]):
                    e = m + 1
                    while e < n and _is_id_char(t[e]):
                        e += 1
                    if e < n and t[e] == "}":
                        yield "braced", t[m:e], j
                        i = start = e + 1
                        continue
                yield "invalid", d, k
                i = start = k
                continue
            if k < n and _is_id_start(t[k]):
                e = k + 1
                while e < n and _is_id_char(t[e]):
                    e += 1
                yield "name", t[k:e], j
                i = start = e
                continue
            yield "invalid", d, k
            i = start = k
        if start < n:
            yield "text", t[start:], start

    def _invalid(self, index):
        lines = self.template[:index].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = index - len("".join(lines[:-1]))
            lineno = len(lines)
        raise ValueError(f"Invalid placeholder in string: line {lineno}, col {colno}")

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = _ChainLookup(kws, mapping)
        out = []
        for kind, text, index in self._scan():
            if kind == "text":
                out.append(text)
            elif kind == "escaped":
                out.append(text)
            elif kind in ("name", "braced"):
                out.append(str(mapping[text]))
            else:
                self._invalid(index)
        return "".join(out)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = _ChainLookup(kws, mapping)
        out = []
        d = self.delimiter
        for kind, text, index in self._scan():
            if kind in ("text", "escaped"):
                out.append(text)
            elif kind == "name":
                try:
                    out.append(str(mapping[text]))
                except KeyError:
                    out.append(d + text)
            elif kind == "braced":
                try:
                    out.append(str(mapping[text]))
                except KeyError:
                    out.append(d + "{" + text + "}")
            else:
                out.append(d)
        return "".join(out)

    def is_valid(self):
        return all(kind != "invalid" for kind, _, _ in self._scan())

    def get_identifiers(self):
        ids = []
        for kind, text, index in self._scan():
            if kind in ("name", "braced") and text not in ids:
                ids.append(text)
            elif kind == "invalid":
                self._invalid(index)
        return ids


class _ChainLookup:
    def __init__(self, first, second):
        self.first = first
        self.second = second

    def __getitem__(self, key):
        try:
            return self.first[key]
        except KeyError:
            return self.second[key]


# ---- Formatter ------------------------------------------------------------------

def _parse_format(s):
    """Split a format string into (literal, field_name, spec, conversion)."""
    i = 0
    n = len(s)
    literal = []
    while i < n:
        c = s[i]
        if c == "{":
            if i + 1 < n and s[i + 1] == "{":
                literal.append("{")
                i += 2
                continue
            depth = 1
            j = i + 1
            while j < n and depth:
                if s[j] == "{":
                    depth += 1
                elif s[j] == "}":
                    depth -= 1
                j += 1
            if depth:
                raise ValueError("expected '}' before end of string")
            field = s[i + 1:j - 1]
            spec = ""
            conversion = None
            bracket = 0
            name_end = len(field)
            for k, ch in enumerate(field):
                if ch == "[":
                    bracket += 1
                elif ch == "]":
                    bracket -= 1
                elif bracket == 0 and ch in "!:":
                    name_end = k
                    break
            name = field[:name_end]
            rest = field[name_end:]
            if rest.startswith("!"):
                if len(rest) < 2:
                    raise ValueError("end of string while looking for conversion specifier")
                conversion = rest[1]
                rest = rest[2:]
                if rest and not rest.startswith(":"):
                    raise ValueError("expected ':' after conversion specifier")
            if rest.startswith(":"):
                spec = rest[1:]
            yield "".join(literal), name, spec, conversion
            literal = []
            i = j
        elif c == "}":
            if i + 1 < n and s[i + 1] == "}":
                literal.append("}")
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        else:
            literal.append(c)
            i += 1
    if literal:
        yield "".join(literal), None, None, None


class Formatter:
    """The machinery of str.format, with overridable steps."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError("Max string recursion exceeded")
        result = []
        for literal, field_name, format_spec, conversion in self.parse(format_string):
            if literal:
                result.append(literal)
            if field_name is None:
                continue
            if field_name == "":
                if auto_arg_index is False:
                    raise ValueError("cannot switch from manual field specification to automatic field numbering")
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError("cannot switch from automatic field numbering to manual field specification")
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1,
                auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return "".join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError(f"Unknown conversion specifier {conversion}")

    def parse(self, format_string):
        return list(_parse_format(format_string))

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            obj = getattr(obj, key) if is_attr else obj[key]
        return obj, first


def _split_field(name):
    i = 0
    n = len(name)
    while i < n and name[i] not in ".[":
        i += 1
    first = name[:i]
    first = int(first) if first.isdigit() else first
    rest = []
    while i < n:
        if name[i] == ".":
            j = i + 1
            while j < n and name[j] not in ".[":
                j += 1
            rest.append((True, name[i + 1:j]))
            i = j
        else:
            j = name.index("]", i)
            key = name[i + 1:j]
            rest.append((False, int(key) if key.isdigit() else key))
            i = j + 1
    return first, rest
