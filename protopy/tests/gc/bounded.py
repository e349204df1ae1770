# Cyclic garbage made in a loop of a million iterations: reference counting
# alone would keep every cycle (well over 100 MB); the collector keeps the
# peak near the program's live size.
import gc


class Node:
    def __init__(self, k):
        self.k = k
        self.peer = None


def peak_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])


total = 0
for i in range(1_000_000):
    l = [i]
    l.append(l)
    if i % 10 == 0:
        a = Node(i)
        b = Node(i)
        a.peer = b
        b.peer = a
        total += a.peer.k
print(total)
print(gc.get_stats()[0]["collections"] > 0)
print("peak_kb", peak_kb())
