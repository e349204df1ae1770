"""Summary statistics over a sequence of numbers."""

import math


def mean(xs):
    if not xs:
        raise ValueError("mean requires at least one data point")
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


def median(xs):
    if not xs:
        raise ValueError("median requires at least one data point")
    ordered = sorted(xs)
    n = len(ordered)
    mid = n // 2
    if n % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def variance(xs):
    if len(xs) < 2:
        raise ValueError("variance requires at least two data points")
    m = mean(xs)
    acc = 0.0
    for x in xs:
        d = x - m
        acc += d * d
    return acc / (len(xs) - 1)


def stdev(xs):
    return math.sqrt(variance(xs))


def describe(xs):
    """A dict of the usual numbers, as a report would print them."""
    return {
        "count": len(xs),
        "min": min(xs),
        "max": max(xs),
        "mean": round(mean(xs), 6),
        "median": median(xs),
        "stdev": round(stdev(xs), 6),
    }
