# Subclasses of native types: collections.deque and io.StringIO with
# overridden methods, __init__ and super() calls.
import copy
import io
from collections import deque


class D(deque):
    def append(self, x):
        print("append", x)
        super().append(x * 2)


d = D([1, 2])
d.append(3)
print(d, type(d).__name__, len(d), list(d), d[0], 4 in d, 6 in d, isinstance(d, deque))
d.appendleft(0)
print(d.popleft(), d.pop(), d)


class Bounded(deque):
    def __init__(self, items, limit):
        super().__init__(items, maxlen=limit)
        self.limit = limit


b = Bounded(range(10), 3)
print(b, b.maxlen, b.limit)
b.extend([7, 8])
print(b, list(reversed(b)), b.index(8))
e = D()
print(e, bool(e), e == deque(), D([1]) == deque([1]), D([1]) != D([2]))
print(copy.copy(D([5, 6])), type(copy.copy(D([5, 6]))).__name__)


class Stack(deque):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


s = Stack()
s.push(1)
s.push(2)
print(s.peek(), s, s.count(1), s.__dict__)
try:
    Stack().pop()
except IndexError as err:
    print("IndexError:", err)
try:
    Bounded([], -1)
except ValueError as err:
    print("ValueError:", err)
print(deque([1, 2], 5))


class Upper(io.StringIO):
    def write(self, s):
        return super().write(s.upper())


u = Upper()
print(u.write("hello "))
print("world", file=u)
print(repr(u.getvalue()), u.tell(), isinstance(u, io.StringIO), type(u).__name__)


class Log(io.StringIO):
    def __init__(self, prefix):
        super().__init__("start\n")
        self.prefix = prefix
        self.count = 0

    def write(self, s):
        self.count += 1
        return super().write(self.prefix + s)


log = Log("> ")
log.seek(0, 2)
log.write("a\n")
log.writelines(["b\n", "c\n"])
print(log.getvalue(), log.count)
log.seek(0)
print(repr(log.readline()), repr(log.read()), list(Log("x")))
with Log("# ") as lg:
    lg.write("in")
    print(lg.closed)
print(lg.closed)
try:
    lg.getvalue()
except ValueError as e:
    print("ValueError:", e)
print([line for line in Upper("init\nlines\n")])
try:
    io.StringIO(5)
except TypeError as e:
    print("TypeError:", e)
try:
    Upper(newline="x")
except ValueError as e:
    print("ValueError:", e)


class Tagged(deque):
    def __init__(self, items=()):
        super().__init__(items)
        self.tag = "t"


t = Tagged([1, 2])
t.extra = 5
r = t.__reduce__()
print(r[0].__name__, r[1:3], list(r[3]))
c = copy.copy(t)
print(c, c.__dict__)
dc = copy.deepcopy(t)
print(dc, dc.__dict__)
bounded = deque([[1], [2]], 3)
r = bounded.__reduce__()
print(r[:3], list(r[3]))
e = copy.deepcopy(bounded)
print(e, e[0] is bounded[0], copy.copy(bounded)[0] is bounded[0])
print(copy.deepcopy(D([1, 2])), copy.copy(D([1, 2])))
print(deque, io.StringIO, io.BytesIO, [k.__name__ for k in D.__mro__])
