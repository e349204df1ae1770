"""statkit: descriptive statistics, histograms and a moving-window filter.

The three modules are compiled by `protopyc build` (see pyproject.toml);
this file stays interpreted and re-exports their functions.
"""

from statkit.summary import mean, median, variance, stdev, describe
from statkit.hist import histogram, render
from statkit.window import moving_average, moving_max, smooth

__all__ = [
    "mean", "median", "variance", "stdev", "describe",
    "histogram", "render",
    "moving_average", "moving_max", "smooth",
]
