def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(take(5, naturals()), take(3, (x * x for x in naturals() if x % 2)))
def delegating():
    r = yield from inner_gen()
    yield f"inner returned {r}"
def inner_gen():
    yield 1
    yield 2
    return "done"
print(list(delegating()))
def accumulator():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
acc = accumulator(); next(acc)
print(acc.send(5), acc.send(10), acc.send(1))
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("generator closed")
cg = closer(); print(next(cg)); cg.close(); print(list(cg))
def thrower():
    try:
        yield 1
    except ValueError as e:
        yield f"caught {e}"
tg = thrower(); next(tg); print(tg.throw(ValueError("boom")))
it = iter([1, 2, 3]); print(next(it), list(it), next(it, "end"))
d = {"a": 1, "b": 2, "c": 3}
print(list(d.items()), list(reversed(d)), [k for k in d if d[k] > 1], dict(zip(d.values(), d.keys())))
print(list(enumerate("abc", 10)), list(zip("ab", "cd", "ef")), list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6])))
print(list(filter(lambda x: x % 3 == 0, range(10))), any(x > 8 for x in range(10)), all(x < 10 for x in range(10)))
print(sum(range(1, 101)), sum([[1], [2, 3]], []), sorted({3: "c", 1: "a"}.items()), min("xyz", key=ord))
nums = [5, 3, 8, 1]
nums.sort(key=lambda n: (n % 2, n)); print(nums)
print(list(range(0)), list(range(5, 0, -2)), range(10)[::-1], list(range(10)[2:8:3]), range(3) == range(0, 3))
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), [x for x in Countdown(3)], sum(Countdown(10)))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq(), 25 in Seq())
squares = {x: x * x for x in range(6) if x % 2 == 0}
print(squares, {v for v in "mississippi"} == set("misp"), [[y for y in range(x)] for x in range(4)])
gen = (i for i in range(3)); print(sum(gen), sum(gen))
matrix = [[1, 2], [3, 4], [5, 6]]
print([row[i] for i in range(2) for row in matrix], list(zip(*matrix)), [*map(list, zip(*matrix))])
a, *b, c = range(6); print(a, b, c)
(x, y), z = "ab", "c"; print(x, y, z)
first, second = {"k1": 1, "k2": 2}; print(first, second)
for i, (p, q) in enumerate(zip("ab", "xy")):
    print(i, p + q, end="; ")
print()
