# Compiled and interpreted code mutating the same objects from many threads
# at once: nothing may be lost. The functions of this module are compiled;
# `interp_worker` is made by exec(), so it runs in the interpreter.
import threading

shared = []
counts = {}
lock = threading.Lock()


class Tally:
    def __init__(self):
        self.hits = 0


tally = Tally()


def compiled_worker(n):
    for i in range(n):
        shared.append(i)
        with lock:
            counts["compiled"] = counts.get("compiled", 0) + 1
            tally.hits += 1


ns = {"shared": shared, "counts": counts, "lock": lock, "tally": tally}
exec(
    "def interp_worker(n):\n"
    "    for i in range(n):\n"
    "        shared.append(-i)\n"
    "        with lock:\n"
    "            counts['interpreted'] = counts.get('interpreted', 0) + 1\n"
    "            tally.hits += 1\n",
    ns,
)
threads = [threading.Thread(target=compiled_worker, args=(20000,)) for _ in range(3)]
threads += [threading.Thread(target=ns["interp_worker"], args=(20000,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), sorted(counts.items()), tally.hits, sum(x for x in shared if x > 0))
