"""The garbage collector interface. Memory is reference counted; the cycle
collector finds what reference counting cannot free (cyclic garbage)."""

import _gc
from _gc import (enable, disable, isenabled, get_count, get_threshold,
                 set_threshold, get_objects, get_referents, get_referrers,
                 is_tracked, is_finalized, freeze, unfreeze, get_freeze_count)

garbage = []
callbacks = []
DEBUG_STATS = 1
DEBUG_COLLECTABLE = 2
DEBUG_UNCOLLECTABLE = 4
DEBUG_SAVEALL = 32
DEBUG_LEAK = 38

_debug = 0


def collect(generation=2):
    """Run a collection of `generation` (0-2); return the number of
    unreachable objects found."""
    if callbacks:
        for cb in list(callbacks):
            cb("start", {"generation": generation, "collected": 0, "uncollectable": 0})
    n = _gc.collect(generation)
    if callbacks:
        for cb in list(callbacks):
            cb("stop", {"generation": generation, "collected": n, "uncollectable": 0})
    return n


def get_debug():
    return _debug


def set_debug(flags):
    global _debug
    _debug = flags.__index__()


def get_stats():
    return [{"collections": c, "collected": n, "uncollectable": 0} for c, n in _gc._stats()]
