"""Heap queue algorithm: the primitives are native (_heapq); merge,
nlargest and nsmallest are built on them."""

from _heapq import (heappush, heappop, heapreplace, heappushpop, heapify,
                    heappush_max, heappop_max, heapreplace_max,
                    heappushpop_max, heapify_max)

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge",
           "nlargest", "nsmallest", "heappushpop", "heappush_max",
           "heappop_max", "heapify_max", "heapreplace_max", "heappushpop_max"]

# The names CPython's pure-Python version used for the max-heap helpers.
_heappop_max = heappop_max
_heapreplace_max = heapreplace_max
_heapify_max = heapify_max


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted output (lazily)."""
    h = []
    push = heappush_max if reverse else heappush
    pop = heappop_max if reverse else heappop
    replace = heapreplace_max if reverse else heapreplace
    direction = -1 if reverse else 1
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            k = value if key is None else key(value)
            push(h, [k, order * direction, value, it])
            break
    while h:
        k, order, value, it = h[0]
        yield value
        for value in it:
            top = h[0]
            top[0] = value if key is None else key(value)
            top[2] = value
            replace(h, top)
            break
        else:
            pop(h)


def nsmallest(n, iterable, key=None):
    """The n smallest items, as sorted(iterable, key=key)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items, as sorted(iterable, key=key, reverse=True)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
