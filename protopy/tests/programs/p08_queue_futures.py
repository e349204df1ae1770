import queue, threading
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED
q = queue.Queue()
for i in range(5):
    q.put(i)
print(q.qsize(), q.get(), q.get_nowait(), q.empty())
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("empty")
pq = queue.PriorityQueue()
for x in [5, 1, 4, 2, 3]:
    pq.put(x)
print([pq.get() for _ in range(5)])
lq = queue.LifoQueue(); lq.put(1); lq.put(2); print(lq.get())
bq = queue.Queue(maxsize=1); bq.put(1)
try:
    bq.put(2, block=False)
except queue.Full:
    print("full")
def sq(x):
    return x * x
with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(sq, range(10))))
    fs = [ex.submit(sq, i) for i in range(5)]
    print(sorted(f.result() for f in as_completed(fs)))
    done, not_done = wait(fs)
    print(len(done), len(not_done))
    bad = ex.submit(lambda: 1 / 0)
    print(type(bad.exception()).__name__)
work = queue.Queue()
results = []
lock = threading.Lock()
def consumer():
    while True:
        item = work.get()
        if item is None:
            work.task_done()
            break
        with lock:
            results.append(item * 2)
        work.task_done()
cs = [threading.Thread(target=consumer) for _ in range(3)]
for c in cs: c.start()
for i in range(100): work.put(i)
for _ in cs: work.put(None)
work.join()
print(len(results), sum(results))
