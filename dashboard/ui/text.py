"""Text from the data, made safe for the places that read markup, and folded for searching; counts
in words with their singular or plural."""
from __future__ import annotations

import html as html_lib
import unicodedata

from dashboard import formatting as fmt
from dashboard.formatting import is_missing
from dashboard.i18n import t


def esc(text) -> str:
    """Data text for a plotly label, hover or annotation: plotly renders a subset of HTML (<b>,
    <br>, <a href>, <span style>), so every text that comes from data goes through here. Missing
    values become the empty string; 0 stays "0"."""
    if text is None or (not isinstance(text, str) and is_missing(text)):
        return ""
    return html_lib.escape(str(text), quote=False)


def fold(text) -> str:
    """Text for searching and sorting: lower case without accents ("Ónderwijs" -> "onderwijs");
    missing values become ""."""
    if text is None or (not isinstance(text, str) and is_missing(text)):
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def counted(key: str, n: int, lang: str) -> str:
    """`n` things in words with the singular or plural of catalogue `key` (`key.one`, `key.other`):
    "1 network", "2 networks", never "network(s)"."""
    return t(f"{key}.one" if n == 1 else f"{key}.other", lang, n=fmt.integer(n, lang))
