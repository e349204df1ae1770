import gc, threading

shared = []
counts = {}
lock = threading.Lock()

class Node:
    def __init__(self, k):
        self.k = k
        self.peer = None

def work(t):
    for i in range(5000):
        a = Node(i); b = Node(i)
        a.peer = b; b.peer = a
        l = [a]; l.append(l)
        shared.append(i)
        with lock:
            counts[t] = counts.get(t, 0) + 1

ts = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for t in ts: t.start()
found = 0
while any(t.is_alive() for t in ts):
    found += gc.collect()
for t in ts: t.join()
print(len(shared), sum(shared), sorted(counts.items()))
print(found + gc.collect() > 0)

# A thread blocked on an event does not keep a collection from running.
ev = threading.Event()
waiter = threading.Thread(target=ev.wait)
waiter.start()
l = []; l.append(l); del l
print(gc.collect() >= 1)
ev.set()
waiter.join()

# Objects made on one thread and dropped on another, with collections
# running meanwhile.
import queue
q = queue.Queue()
got = []
def produce():
    for i in range(3000):
        n = Node(i)
        n.peer = [n, {"k": i}]
        q.put(n)
    q.put(None)
def consume():
    while True:
        n = q.get()
        if n is None:
            return
        got.append(n.k)
ps = [threading.Thread(target=produce) for _ in range(2)]
cs = [threading.Thread(target=consume) for _ in range(2)]
for t in ps + cs: t.start()
for t in ps: t.join()
while any(t.is_alive() for t in cs):
    gc.collect()
for t in cs: t.join()
print(len(got), sum(got))
print(gc.collect() >= 0)

# References moved between containers while collections run: nothing live
# is ever taken for garbage.
left = [Node(i) for i in range(2000)]
right = []
def mover(src, dst):
    for _ in range(20000):
        try:
            x = src.pop()
        except IndexError:
            continue
        x.peer = {"self": x, "junk": [x, [x]]}
        dst.append(x)
movers = [threading.Thread(target=mover, args=(left, right)), threading.Thread(target=mover, args=(right, left))]
for t in movers: t.start()
while any(t.is_alive() for t in movers):
    gc.collect(0)
    gc.collect()
for t in movers: t.join()
both = left + right
print(len(both), sum(n.k for n in both), all(n.peer is None or n.peer["self"] is n for n in both))
