# PEP 750: template strings. (Expected output written from the 3.14
# documentation: the CPython on hand predates t-strings.)
from string.templatelib import Template, Interpolation, convert

name = "World"
t = t"Hello {name}!"
print(type(t).__name__, type(t).__module__, type(t).__qualname__)
print(t.strings, t.values)
print(t.interpolations)
print(t)
print(list(t), bool(t""))

# Conversions and format specs are recorded, not applied; a nested
# replacement field in a spec is evaluated.
width = 8
v = 3.14159
t = t"{v!r:>{width}} {v:.2f} {name!s} {name!a}"
for i in t.interpolations:
    print(repr(i.value), repr(i.expression), i.conversion, repr(i.format_spec))
print(t.strings)

# `{x=}` puts its text in the strings; the expression keeps its spaces.
value = 42
t = t"Value: {value=} {value = :04}|{ value }"
print(t.strings)
print(t.interpolations)

print(t"".strings, t"".interpolations, list(t""))
print(t"just text".strings, list(t"just text"))
print(rt"{name}\n".strings)

# Adjacent interpolations get an empty string between them; implicitly
# concatenated t-strings make one template.
a, b = 1, 2
t = t"{a}{b}" t" and {a + b}"
print(t.strings, t.values, [i.expression for i in t.interpolations])
print(list(t))

# Values, then their format specs, left to right.
order = []
def f(x):
    order.append(x)
    return x
t = t"{f(1)}{f(2):{f(3)}}{f(4)}"
print(order, [i.format_spec for i in t.interpolations])

# Templates concatenate with templates only.
greeting = t"Hello, " + t"{name}!"
print(greeting.strings, greeting.values)
greeting += Template(" Bye.")
print(greeting.strings)
for bad in ("x", 1):
    try:
        t"a" + bad
    except TypeError as e:
        print("TypeError:", e)

# Made by hand.
manual = Template("Hello, ", Interpolation("Maria", "name"), "!", " Bye", Interpolation(1, "x", "r", "02"))
print(manual.strings, manual.interpolations)
print(Template(Interpolation(1), Interpolation(2)).strings, Template().strings)
try:
    Template(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Interpolation(1, "x", "z")
except ValueError as e:
    print("ValueError:", e)

# Processing a template.
def render(template):
    parts = []
    for item in template:
        match item:
            case str() as s:
                parts.append(s)
            case Interpolation(value, _, conversion, spec):
                parts.append(format(convert(value, conversion), spec))
    return "".join(parts)
print(render(t"{name!r:>10}|{v:.3f}|{a + b}"))
print(convert("é", "a"), convert(1, None), convert("x", "r"), convert(2, "s"))
try:
    convert(1, "x")
except ValueError as e:
    print("ValueError:", e)

inner = t"{name}"
outer = t"<{inner}>"
print(outer.interpolations[0].value.values, outer.interpolations[0].expression)
for target in (t, t.interpolations[0]):
    try:
        target.strings = ()
    except AttributeError:
        print("AttributeError")
