"""Class breaks, colours and value labels for the choropleth map. No Dash, no database: pure
functions of the values, so they are easy to test and cheap to call in a callback.

- Breaks come from mapclassify: quantiles, equal intervals or natural breaks (Fisher-Jenks, the
  exact and deterministic form of Jenks' natural breaks), 3 to 7 classes (5 by default).
- Colours are ColorBrewer's YlOrRd sequences (colour-blind safe, print friendly); the darkest
  class is always the least favourable end (`indicator.direction`): for `higher_is_better`
  the lowest values are darkest. Municipalities without a value are light grey.
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
            bins = mapclassify.FisherJenks(x, k=k).bins
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


# ------------------------------------------------------------------------- values as text

def decimals_for(unit: str | None, kind: str | None) -> int:
    unit = (unit or "").strip().lower()
    if unit == "%":
        return 1
    if unit in ("euro", "eur", "€") or kind == "count":
        return 0
    return 1


def value_text(value, unit: str | None, kind: str | None, lang: str = "nl",
               decimals: int | None = None) -> str:
    """A value with its unit, in Belgian Dutch (or English) notation: `12,3 %`, `€ 21.345`,
    `12.345 inwoners`."""
    if fmt.is_missing(value):
        return fmt.MISSING
    d = decimals_for(unit, kind) if decimals is None else decimals
    u = (unit or "").strip()
    if u == "%":
        return fmt.percent(value, d, lang)
    if u.lower() in ("euro", "eur", "€"):
        return fmt.euro(value, d, lang)
    text = fmt.number(value, d, lang)
    return f"{text}{fmt.NBSP}{u}" if u else text


def bound_decimals(classes: Classes, unit: str | None, kind: str | None) -> int:
    """Enough decimals that neighbouring class bounds do not print the same."""
    d = decimals_for(unit, kind)
    edges = [classes.lower, *classes.bins]
    for extra in range(0, 3):
        texts = [fmt.number(e, d + extra) for e in edges]
        if len(set(texts)) == len(texts):
            return d + extra
    return d + 2


def class_labels(classes: Classes, unit: str | None, kind: str | None, lang: str = "nl") -> list[str]:
    """`8,0 – 10,5 %` per class (bounds in the same notation as the values)."""
    d = bound_decimals(classes, unit, kind)
    labels = []
    for low, high in classes.bounds():
        a = value_text(low, unit, kind, lang, d)
        b = value_text(high, unit, kind, lang, d)
        labels.append(a if low == high else f"{_strip_unit(a, unit)} – {b}")
    return labels


def _strip_unit(text: str, unit: str | None) -> str:
    """`8,0 %` -> `8,0` for the lower bound of a range (the unit follows the upper one)."""
    u = (unit or "").strip()
    if u == "%":
        return text.replace(f"{fmt.NBSP}%", "").replace("%", "")
    if u and not u.lower() in ("euro", "eur", "€") and text.endswith(u):
        return text[: -len(u)].rstrip(fmt.NBSP + " ")
    return text
