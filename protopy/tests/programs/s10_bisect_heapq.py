import bisect, heapq
a = [1, 2, 2, 2, 5, 8]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 0), bisect.bisect(a, 9), bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3))
bisect.insort(a, 3); bisect.insort_left(a, 2); print(a)
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ("d", 4), key=lambda r: r[1]); print(recs)
try: bisect.bisect([1], 1, -1)
except ValueError as e: print(e)
h = []
for x in [5, 3, 8, 1, 9, 2, 7]: heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(len(h))])
h = [9, 4, 7, 1, 3, 8]; heapq.heapify(h); print(h, heapq.heappushpop(h, 0), heapq.heapreplace(h, 10), h)
print(heapq.nlargest(3, [1, 8, 2, 9, 3]), heapq.nsmallest(2, [5, 1, 4]), heapq.nlargest(2, ["aa", "b", "ccc"], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(heapq.merge([7, 4, 1], [8, 5], reverse=True)), list(heapq.merge(["a", "bbb"], ["cc"], key=len)))
pq = []
for item in [(2, "b"), (1, "a"), (3, "c"), (1, "z")]: heapq.heappush(pq, item)
print([heapq.heappop(pq) for _ in range(4)])
try: heapq.heappop([])
except IndexError as e: print(e)
try: heapq.heappush((), 1)
except TypeError as e: print(e)
class T:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"T({self.v})"
hh = []
for v in [4, 1, 3]: heapq.heappush(hh, T(v))
print(heapq.heappop(hh), hh)
import random
random.seed(1); data = [random.random() for _ in range(200)]; hd = []
for d in data: heapq.heappush(hd, d)
print([heapq.heappop(hd) for _ in range(200)] == sorted(data))
class Job:
    def __init__(self, n): self.n = n
    def __lt__(self, o): return self.n > o.n
    def __repr__(self): return f"J{self.n}"
random.seed(7)
jobs = []
for i in range(300):
    heapq.heappush(jobs, (random.randint(0, 5), Job(i)))
out = [heapq.heappop(jobs) for _ in range(300)]
print(out[:6], all((a[0], -a[1].n) <= (b[0], -b[1].n) for a, b in zip(out, out[1:])))
mixed = [(3, Job(1)), (1, Job(2)), (3, Job(3)), (2, Job(4)), (1, Job(5))]
heapq.heapify(mixed); print([heapq.heappop(mixed) for _ in range(5)])
