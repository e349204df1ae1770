"""Tests of statkit, run by protopy: `protopy tests/test_statkit.py`.

With PROTOPY_REQUIRE_COMPILED=1 the package's modules must import from
the libraries `protopyc build` made, never from source.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import statkit
from statkit import summary, hist, window

failures = 0


def check(name, got, expected):
    global failures
    if got == expected:
        print(f"ok   {name}")
    else:
        failures += 1
        print(f"FAIL {name}: got {got!r}, expected {expected!r}")


def raises(name, exc, fn, *args):
    global failures
    try:
        fn(*args)
    except exc as e:
        print(f"ok   {name}: {type(e).__name__}: {e}")
        return
    failures += 1
    print(f"FAIL {name}: no {exc.__name__}")


data = [2, 4, 4, 4, 5, 5, 7, 9]
check("mean", statkit.mean(data), 5.0)
check("median even", statkit.median(data), 4.5)
check("median odd", statkit.median([3, 1, 2]), 2)
check("variance", round(statkit.variance(data), 6), 4.571429)
check("stdev", round(statkit.stdev(data), 6), 2.13809)
check("describe", statkit.describe(data), {"count": 8, "min": 2, "max": 9, "mean": 5.0, "median": 4.5, "stdev": 2.13809})
raises("mean of nothing", ValueError, statkit.mean, [])
raises("variance of one", ValueError, statkit.variance, [1])

counts, edges = statkit.histogram(data, 4)
check("histogram counts", counts, [1, 5, 1, 1])
check("histogram edges", edges, [2.0, 3.75, 5.5, 7.25, 9.0])
check("histogram total", sum(statkit.histogram(list(range(100)), 7)[0]), 100)
raises("histogram bins", ValueError, statkit.histogram, data, 0)
print(statkit.render(counts, edges, width=12))

check("moving average", statkit.moving_average([1, 2, 3, 4, 5], 2), [1.5, 2.5, 3.5, 4.5])
check("moving max", statkit.moving_max([1, 3, 2, 5, 4, 1, 0], 3), [3, 5, 5, 5, 4])
check("smooth keeps length", len(statkit.smooth(list(range(20)))), 20)
big = [(i * 7919) % 1000 for i in range(20000)]
check("moving max agrees", statkit.moving_max(big, 50), [max(big[i - 49:i + 1]) for i in range(49, len(big))])

for module in (summary, hist, window):
    print(f"{module.__name__}: {'compiled' if getattr(module, '__compiled__', False) else 'interpreted'}")

if failures:
    print(f"{failures} failed")
    sys.exit(1)
print("all passed")
