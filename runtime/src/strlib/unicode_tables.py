"""Regenerates tables.rs: Unicode character classes as Python 3.14 sees them.

Run with a Python whose `unicodedata2` package carries the Unicode version of
the targeted CPython (16.0.0 for 3.14); str.isidentifier and str.title of the
running interpreter supply the identifier classes and titlecase mappings for
code points that its own Unicode version knows.
"""
import sys
import unicodedata
import unicodedata2 as ud

TARGET = ud.unidata_version
ALL = range(0x80, 0x110000)  # ASCII is handled inline by the Rust code


def ranges(pred):
    out = []
    for cp in ALL:
        if pred(cp):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    return out


def cat(cp):
    return ud.category(chr(cp))


def known_to_host(cp):
    return unicodedata.category(chr(cp)) != "Cn"


def xid_start(cp):
    if known_to_host(cp):
        return chr(cp).isidentifier()
    return cat(cp) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nl")


def xid_continue(cp):
    if known_to_host(cp):
        return ("a" + chr(cp)).isidentifier()
    return cat(cp) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Mn", "Mc", "Nd", "Pc")


NONPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}

TABLES = [
    ("ALPHA", "letters (general category L*): str.isalpha",
     lambda cp: cat(cp)[0] == "L"),
    ("DECIMAL", "decimal digits (category Nd): str.isdecimal",
     lambda cp: ud.decimal(chr(cp), None) is not None),
    ("DIGIT", "code points with a digit value: str.isdigit",
     lambda cp: ud.digit(chr(cp), None) is not None),
    ("NUMERIC", "code points with a numeric value: str.isnumeric",
     lambda cp: ud.numeric(chr(cp), None) is not None),
    ("PRINTABLE", "code points str.isprintable accepts (not C*, Z*)",
     lambda cp: cat(cp) not in NONPRINTABLE),
    ("TITLECASE", "titlecase letters (category Lt)",
     lambda cp: cat(cp) == "Lt"),
    ("XID_START", "identifier start (XID_Start)", xid_start),
    ("XID_CONTINUE", "identifier continuation (XID_Continue)", xid_continue),
]


def check_host_agrees():
    """The host interpreter's str predicates match the unicodedata rules above."""
    for cp in range(0x110000):
        c = chr(cp)
        if unicodedata.category(c) == "Cn":
            continue
        assert c.isdecimal() == (unicodedata.decimal(c, None) is not None), hex(cp)
        assert c.isdigit() == (unicodedata.digit(c, None) is not None), hex(cp)
        assert c.isnumeric() == (unicodedata.numeric(c, None) is not None), hex(cp)
        assert c.isalpha() == (unicodedata.category(c)[0] == "L"), hex(cp)
        printable = unicodedata.category(c) not in NONPRINTABLE or c == " "
        assert c.isprintable() == printable, hex(cp)
    # Decimal digits come in runs that start at zero, so a value is an offset.
    for lo, hi in ranges(lambda cp: ud.decimal(chr(cp), None) is not None):
        for cp in range(lo, hi + 1):
            assert ud.decimal(chr(cp)) == (cp - lo) % 10, hex(cp)


def rust_ranges(name, doc, rs):
    lines = [f"/// {doc}; {len(rs)} ranges.", f"pub(super) static {name}: &[(u32, u32)] = &["]
    row = []
    for lo, hi in rs:
        row.append(f"(0x{lo:X}, 0x{hi:X})")
        if len(row) == 6:
            lines.append("    " + ", ".join(row) + ",")
            row = []
    if row:
        lines.append("    " + ", ".join(row) + ",")
    lines.append("];")
    return "\n".join(lines)


def rust_str(s):
    return '"' + "".join(f"\\u{{{ord(ch):X}}}" for ch in s) + '"'


def title_map():
    entries = []
    for cp in ALL:
        c = chr(cp)
        if not known_to_host(cp):
            continue
        if c.title() == c.upper():
            continue
        if 0x10D0 <= cp <= 0x10FF:
            continue  # Georgian Mkhedruli titlecases to itself: handled by rule
        entries.append((cp, c.title()))
    lines = [f"/// Titlecase mappings that differ from the uppercase mapping; {len(entries)} entries.",
             "pub(super) static TITLE_MAP: &[(u32, &str)] = &["]
    row = []
    for cp, t in entries:
        row.append(f"(0x{cp:X}, {rust_str(t)})")
        if len(row) == 3:
            lines.append("    " + ", ".join(row) + ",")
            row = []
    if row:
        lines.append("    " + ", ".join(row) + ",")
    lines.append("];")
    return "\n".join(lines)


def main():
    check_host_agrees()
    print("//! Unicode character classes for the `str` predicates, as CPython 3.14")
    print(f"//! (Unicode {TARGET}) defines them. Generated data: sorted, disjoint,")
    print("//! inclusive code point ranges above ASCII, looked up by binary search.")
    print("//! Regenerate with `unicode_tables.py` beside this file.")
    print()
    for name, doc, pred in TABLES:
        print(rust_ranges(name, doc, ranges(pred)))
        print()
    print(title_map())


main()
