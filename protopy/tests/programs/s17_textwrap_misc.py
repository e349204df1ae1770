import textwrap
s = "The quick brown fox jumps over the lazy dog. A well-known state-of-the-art example of text-wrapping, with supercalifragilisticexpialidocious words and e-mail addresses."
for w in (10, 20, 35, 60):
    print(textwrap.wrap(s, w))
print(textwrap.fill(s, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(s, 40), "|", textwrap.shorten("Hello  world!", width=12), "|", textwrap.shorten("Hello world", 11))
print(textwrap.wrap(s, 25, max_lines=3), textwrap.wrap(s, 15, break_long_words=False), textwrap.wrap(s, 15, break_on_hyphens=False))
print(repr(textwrap.dedent("    a\n      b\n\n    c\n")), repr(textwrap.dedent("\ta\n\tb")), repr(textwrap.indent("a\n\nb\n", "> ")))
print(textwrap.wrap("  leading and   multiple   spaces  ", 12), textwrap.wrap("tab\there", 20), textwrap.wrap("", 10), textwrap.fill("Hello there. How are you?", 12, fix_sentence_endings=True))
print(textwrap.wrap("a" * 25, 10), textwrap.wrap("xx-yy-zz-ww-vv", 6))
import atexit, gc, warnings, types, sys
def bye(n, sep="!"): print("bye", n, sep)
atexit.register(bye, 1)
atexit.register(bye, 2, sep="?")
atexit.register(print, "unregistered")
atexit.unregister(print)
print(gc.isenabled(), gc.get_threshold()[1:])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("careful", UserWarning)
    warnings.warn("old", DeprecationWarning)
print(len(w), w[0].category.__name__, str(w[0].message), w[1].category.__name__)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try: warnings.warn("boom")
    except UserWarning as e: print("raised", e)
ns = types.SimpleNamespace(a=1, b="x"); ns.c = 3; print(ns, ns == types.SimpleNamespace(a=1, b="x", c=3))
m = types.ModuleType("mymod", "doc"); m.x = 5; print(m.__name__, m.x, m.__doc__, isinstance(m, types.ModuleType), isinstance(sys, types.ModuleType))
class A: pass
def f(self): return self
bm = types.MethodType(f, A()); print(bm() is bm.__self__)
print(isinstance(lambda: 0, types.FunctionType), isinstance(len, types.BuiltinFunctionType), types.GeneratorType, types.NoneType)
mp = types.MappingProxyType({"k": 1}); print(mp["k"], len(mp), mp, "k" in mp)
print("end of main")
