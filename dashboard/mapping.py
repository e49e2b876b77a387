"""Class breaks, colours and value labels for the choropleth map. No Dash, no database: pure
functions of the values, so they are easy to test and cheap to call in a callback.

- Breaks: quantiles and equal intervals from mapclassify; natural breaks (Fisher-Jenks, the exact and
  deterministic form of Jenks' natural breaks) from jenkspy, whose C implementation takes 5-40 ms for
  an indicator's 2,000-5,000 values where mapclassify's takes 5-35 s without numba (and its breaks
  leave a slightly larger within-class spread: float drift). 3 to 7 classes (5 by default).
- Colours are ColorBrewer's YlOrRd sequences (colour-blind safe, print friendly); the darkest
  class is always the least favourable end (`indicator.direction`): for `higher_is_better`
  the lowest values are darkest. Municipalities without a value are light grey.
- Class labels are in the notation of the values (formatting.value_text and the indicator's
  display metadata).
- The map trace gets the class number as `z`: 0 means no data, 1..k the classes, with a
  stepped colour scale, so a year or indicator change only sends small integers.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from dashboard import formatting as fmt

SCHEMES = ("quantiles", "equal_interval", "natural_breaks")
DEFAULT_SCHEME = "quantiles"
K_MIN, K_MAX, DEFAULT_K = 3, 7, 5

NO_DATA_COLOUR = "#d4d4d4"
# ColorBrewer YlOrRd, light to dark (Cynthia Brewer, Mark Harrower, Penn State; Apache 2.0 licence).
YLORRD = {
    3: ["#ffeda0", "#feb24c", "#f03b20"],
    4: ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"],
    5: ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"],
    6: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"],
    7: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
}


def normalise_scheme(scheme) -> str:
    scheme = str(scheme or "").strip().lower()
    return scheme if scheme in SCHEMES else DEFAULT_SCHEME


def normalise_k(k) -> int:
    try:
        k = int(str(k).strip())
    except (TypeError, ValueError):
        return DEFAULT_K
    return min(K_MAX, max(K_MIN, k))


@dataclass(frozen=True)
class Classes:
    """Upper bounds (inclusive) of each class; `lower` is the smallest value classified."""

    lower: float
    bins: tuple[float, ...]
    scheme: str

    @property
    def k(self) -> int:
        return len(self.bins)

    def index(self, values) -> np.ndarray:
        """Class number per value: 1..k, and 0 for a missing value."""
        x = np.asarray(values, dtype=float)
        out = np.zeros(x.shape, dtype=np.int8)
        present = ~np.isnan(x)
        if self.k:
            idx = np.searchsorted(np.asarray(self.bins), x[present], side="left") + 1
            out[present] = np.minimum(idx, self.k)
        return out

    def bounds(self) -> list[tuple[float, float]]:
        """(lower, upper) of each class: a class holds values above `lower` up to `upper`
        (the first class includes its lower bound)."""
        lows = (self.lower, *self.bins[:-1])
        return list(zip(lows, self.bins))


def classify(values, scheme: str = DEFAULT_SCHEME, k: int = DEFAULT_K) -> Classes:
    """Class breaks for `values` (NaN ignored). Fewer classes come back when the values do not
    allow k distinct ones (few distinct values, ties at quantile edges)."""
    import jenkspy
    import mapclassify

    scheme, k = normalise_scheme(scheme), normalise_k(k)
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return Classes(math.nan, (), scheme)
    lo, hi = float(x.min()), float(x.max())
    distinct = np.unique(x)
    if distinct.size <= k:
        return Classes(lo, tuple(float(v) for v in distinct), scheme)
    with warnings.catch_warnings():  # mapclassify warns about duplicate quantile edges
        warnings.simplefilter("ignore")
        if scheme == "equal_interval":
            bins = mapclassify.EqualInterval(x, k=k).bins
        elif scheme == "natural_breaks":
            bins = jenkspy.jenks_breaks(x, n_classes=k)[1:]  # [min, upper bound of class 1, ..., max]
        else:
            bins = mapclassify.Quantiles(x, k=k).bins
    bins = sorted({float(b) for b in bins})
    bins[-1] = max(bins[-1], hi)
    return Classes(lo, tuple(bins), scheme)


def colours(k: int, direction: str) -> list[str]:
    """One colour per class, class 1 (lowest values) first; darkest = least favourable."""
    if k <= 0:
        return []
    if k < K_MIN:
        palette = YLORRD[K_MIN][-k:] if direction != "higher_is_better" else YLORRD[K_MIN][:k]
        palette = list(palette)
    else:
        palette = list(YLORRD[min(k, K_MAX)])
    return palette[::-1] if direction == "higher_is_better" else palette


def colorscale(k: int, direction: str) -> list[list]:
    """A stepped plotly colour scale for z in 0..k (with zmin=-0.5, zmax=k+0.5): step 0 is
    the no-data grey, steps 1..k the classes."""
    steps = [NO_DATA_COLOUR, *colours(k, direction)]
    n = len(steps)
    scale = []
    for i, colour in enumerate(steps):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


# ------------------------------------------------------------------------- class labels

def bound_decimals(classes: Classes, meta, lang: str = "nl") -> int:
    """Enough decimals that neighbouring class bounds do not print the same (at least the
    indicator's own, from its display metadata)."""
    _short, _unit, decimals = fmt.display_meta(meta, lang)
    edges = [classes.lower, *classes.bins]
    for extra in range(0, 3):
        texts = [fmt.number(e, decimals + extra) for e in edges]
        if len(set(texts)) == len(texts):
            return decimals + extra
    return decimals + 2


def class_labels(classes: Classes, meta, lang: str = "nl") -> list[str]:
    """`8,0 – 10,5 %` per class, in the notation of the values (`meta` is the indicator row, as for
    formatting.value_text). The unit follows the upper bound only, except a euro sign, which
    belongs to each amount: `€ 20.000 – € 25.000`."""
    decimals = bound_decimals(classes, meta, lang)
    short, _unit, _decimals = fmt.display_meta(meta, lang)
    labels = []
    for low, high in classes.bounds():
        upper = fmt.value_text(high, meta, lang, decimals)
        if low == high:
            labels.append(upper)
            continue
        lower = fmt.value_text(low, meta, lang, decimals) if short == "€" else fmt.number(low, decimals, lang)
        labels.append(f"{lower} – {upper}")
    return labels
