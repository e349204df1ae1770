# Code compiled again and again (exec in a loop, as a test harness or a
# template engine does): each code object's cache slots go back when it is
# freed, caches hold neither the module dict nor the classes, and the
# classes' subclass lists drop dead entries. Memory stays flat.
src = """
class A:
    def f(self):
        return self.x + len([self])
a = A()
a.x = 1
def g(n):
    try:
        raise ValueError(n)
    except ValueError as e:
        return e.args[0] + a.f()
r = g(2)
"""


def peak_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])


total = 0
for i in range(60_000):
    d = {}
    exec(src, d)
    total += d["r"]
    d.clear()
print(total)
print("peak_kb", peak_kb())
