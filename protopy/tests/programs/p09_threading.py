import threading, time
results = [0] * 4
lock = threading.Lock()
counter = 0
def work(k):
    global counter
    s = 0
    for i in range(100000):
        s += i % 7
    results[k] = s
    for _ in range(1000):
        with lock:
            counter += 1
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(results, counter, threading.active_count(), threading.current_thread().name)
class W(threading.Thread):
    def run(self):
        print("subclass run", self.name)
w = W(name="worker"); w.start(); w.join(); print(w.is_alive())
e = threading.Event()
def setter():
    time.sleep(0.05); e.set()
threading.Thread(target=setter).start()
print(e.wait(2))
c = threading.Condition()
items = []
def producer():
    for i in range(3):
        with c:
            items.append(i); c.notify()
def consumer():
    got = []
    while len(got) < 3:
        with c:
            c.wait_for(lambda: items)
            got.append(items.pop(0))
    print("consumed", got)
tc = threading.Thread(target=consumer); tc.start()
tp = threading.Thread(target=producer); tp.start()
tp.join(); tc.join()
def boom():
    raise ValueError("in thread")
t = threading.Thread(target=boom); t.start(); t.join()
print("still running")
b = threading.Barrier(3)
out = []
def bw(i):
    out.append(b.wait() >= 0)
bs = [threading.Thread(target=bw, args=(i,)) for i in range(3)]
for t in bs: t.start()
for t in bs: t.join()
print(out)
loc = threading.local(); loc.x = 1
def lw():
    loc.x = 2
    print("thread sees", loc.x)
t = threading.Thread(target=lw); t.start(); t.join(); print("main sees", loc.x)
