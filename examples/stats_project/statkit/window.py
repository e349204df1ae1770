"""Moving-window filters over a sequence."""

from collections import deque


def moving_average(xs, n):
    if n <= 0:
        raise ValueError("window must be positive")
    out = []
    total = 0
    window = deque()
    for x in xs:
        window.append(x)
        total += x
        if len(window) > n:
            total -= window.popleft()
        if len(window) == n:
            out.append(total / n)
    return out


def moving_max(xs, n):
    """Maximum of each window of n items (monotonic deque, O(len(xs)))."""
    out = []
    candidates = deque()
    for i, x in enumerate(xs):
        while candidates and xs[candidates[-1]] <= x:
            candidates.pop()
        candidates.append(i)
        if candidates[0] <= i - n:
            candidates.popleft()
        if i >= n - 1:
            out.append(xs[candidates[0]])
    return out


def smooth(xs, passes=2, n=3):
    """Repeated moving averages, padded at the ends to keep the length."""
    ys = list(xs)
    for _ in range(passes):
        avg = moving_average(ys, n)
        pad = (len(ys) - len(avg)) // 2
        ys = ys[:pad] + avg + ys[len(ys) - (len(ys) - len(avg) - pad):]
    return ys
