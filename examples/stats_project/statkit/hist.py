"""Fixed-width histograms and their text rendering."""


def histogram(xs, bins, lo=None, hi=None):
    """Counts of `xs` in `bins` equal-width bins over [lo, hi]."""
    if bins <= 0:
        raise ValueError(f"bins must be positive, not {bins}")
    lo = min(xs) if lo is None else lo
    hi = max(xs) if hi is None else hi
    counts = [0] * bins
    width = (hi - lo) / bins if hi > lo else 1
    for x in xs:
        if x < lo or x > hi:
            continue
        i = int((x - lo) / width)
        if i == bins:
            i -= 1
        counts[i] += 1
    edges = [lo + k * width for k in range(bins + 1)]
    return counts, edges


def render(counts, edges, width=30, mark="#"):
    """One line per bin: its range, a bar scaled to the largest count, the count."""
    top = max(counts) if counts else 0
    lines = []
    for k, c in enumerate(counts):
        bar = mark * (c * width // top if top else 0)
        lines.append(f"{edges[k]:8.2f} .. {edges[k + 1]:8.2f} | {bar:<{width}} {c}")
    return "\n".join(lines)
