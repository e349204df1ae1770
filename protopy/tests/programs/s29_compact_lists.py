# Lists of bools, ints or floats stored compactly: slice assignment,
# list() of ranges and lists, and cycles made once they hold objects.
a = list(range(10))
a[2:5] = [7, 8]
print(a)
a[::2] = [0, 0, 0, 0, 0]
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print(e)
a[:3] = a[7::-1]
print(a)
b = [1.5, 2.5, 3.5]
b[1:] = [9.0]
print(b)
b[0:0] = [True]
print(b)
c = [True, False]
c[1:] = [1, 2]
print(c)
d = [1, 2, 3]
d[5:9] = [4, 5]
print(d)
d[-1:-3:-1] = [10, 20]
print(d)
d[3:1] = [99]
print(d)
d[:] = d
print(d)
d[1:2] = ["x", 1]
print(d)
e = [1, 2, 3, 4]
e[::-1] = e
print(e)
a = list(range(5))
a.append("x"); print(a)
b = list(range(3)); b[1] = 2.5; print(b, list(b), list([1.5, 2.5]))
c = list(range(0)); c.append(1); print(c, list(range(10, 0, -3)))
print(list(range(3)) == [0, 1, 2], list(range(2)) * 2, sorted(list(range(4)), reverse=True))
import gc
class Node:
    pass
def make():
    l = list(range(3))
    l.append(l)
    m = [1.5] * 4
    n = Node()
    m[2] = n
    n.back = m
    k = [True, False]
    k[0:1] = [k]
gc.collect()
for _ in range(3):
    make()
print(gc.collect() >= 9)
l = list(range(5)); l[1:3] = [7.5]
print(l)
