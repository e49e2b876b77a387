"""Numbers, amounts, percentages, dates and sizes as Belgian Dutch (default) or English text.

Belgian Dutch: `1.234,5`, `12,3 %`, `€ 1.234`, `22-11-2026` or `22 november 2026`.
English:       `1,234.5`, `12.3%`,  `€1,234`,  `2026-11-22` or `22 November 2026`.

Rounding is half away from zero on the decimal text of the value (12.35 -> 12,4), which is
what readers of a table expect; Python's own `format` rounds the binary value (12.35 -> 12.3).
The space before `%` and after `€` in Dutch is a no-break space (NBSP), so a value never
wraps inside a table cell. Missing values (None, NaN) become an en dash.
"""
from __future__ import annotations

import math
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from numbers import Real

from etl import clock

NBSP = "\u00a0"
MISSING = "–"  # en dash
TIMEZONE = clock.BRUSSELS

# The notation of each language, as data: adding a language means adding its entry here (and its
# texts in dashboard/i18n/catalogues), never a branch in a function. `{sign}` is "-" or "".
NOTATION = {
    "nl": {"decimal": ",", "group": ".", "percent": "{n}" + NBSP + "%", "euro": "€" + NBSP + "{sign}{n}",
           "date": "{d:02d}-{m:02d}-{y}", "hour": "u", "percent_point": "procentpunt",
           "months": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                      "september", "oktober", "november", "december")},
    "en": {"decimal": ".", "group": ",", "percent": "{n}%", "euro": "{sign}€{n}",
           "date": "{y}-{m:02d}-{d:02d}", "hour": "h", "percent_point": "ppt",
           "months": ("January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December")},
}
DEFAULT_LANG = "nl"


def _lang(lang: str | None) -> str:
    return lang if lang in NOTATION else DEFAULT_LANG


def is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value)) or value != value
    except (TypeError, ValueError):  # pandas.NA and friends
        return True


def number(value, decimals: int = 0, lang: str = "nl") -> str:
    """`1234.5` -> `1.234,5` (nl) or `1,234.5` (en), with `decimals` digits after the separator."""
    if is_missing(value):
        return MISSING
    if not isinstance(value, (Real, Decimal)):
        raise TypeError(f"not a number: {value!r}")
    try:
        with localcontext(prec=80):
            d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # infinity
        return MISSING
    if d == 0:
        d = abs(d)  # no "-0,0"
    notation = NOTATION[_lang(lang)]
    return f"{d:,.{decimals}f}".translate(str.maketrans({",": notation["group"], ".": notation["decimal"]}))


def integer(value, lang: str = "nl") -> str:
    return number(value, 0, lang)


def percent(value, decimals: int = 1, lang: str = "nl", fraction: bool = False) -> str:
    """`12.3` -> `12,3 %` (nl) or `12.3%` (en). With fraction=True the value is a share (0.123)."""
    if is_missing(value):
        return MISSING
    text = number(value * 100 if fraction else value, decimals, lang)
    if text == MISSING:
        return MISSING
    return NOTATION[_lang(lang)]["percent"].format(n=text)


def euro(value, decimals: int = 0, lang: str = "nl") -> str:
    """`1234` -> `€ 1.234` (nl) or `€1,234` (en); negative amounts: `€ -1.234` / `-€1,234`."""
    if is_missing(value):
        return MISSING
    text = number(abs(value), decimals, lang)
    if text == MISSING:
        return MISSING
    sign = "-" if value < 0 and text.strip("0.,") else ""  # no "-€0"
    return NOTATION[_lang(lang)]["euro"].format(sign=sign, n=text)


def file_size(n_bytes, lang: str = "nl") -> str:
    """Bytes in decimal units: `1.234.567` -> `1,2 MB` (nl) or `1.2 MB` (en)."""
    if is_missing(n_bytes):
        return MISSING
    n = float(n_bytes)
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if abs(n) >= factor:
            return f"{number(n / factor, 1, lang)}{NBSP}{unit}"
    return f"{integer(n, lang)}{NBSP}B"


def now() -> datetime:
    """This moment in Brussels time (aware): export stamps read in the same clock as the build times
    they sit beside, whatever the server's own time zone."""
    return clock.now()


def _to_datetime(value) -> datetime | date | None:
    if is_missing(value) or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp
        return value.to_pydatetime()
    text = str(value).strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def date_text(value, lang: str = "nl", long: bool = False) -> str:
    """A date: `22-11-2026` / `22 november 2026` (nl), `2026-11-22` / `22 November 2026` (en).

    Accepts date, datetime or an ISO 8601 string; aware datetimes are shown in Brussels time.
    Text that is not a date is returned unchanged (never hide what the data says).
    """
    d = _to_datetime(value)
    if d is None:
        return MISSING if is_missing(value) or value == "" else str(value)
    if isinstance(d, datetime) and d.tzinfo is not None:
        d = d.astimezone(TIMEZONE)
    notation = NOTATION[_lang(lang)]
    if long:
        return f"{d.day} {notation['months'][d.month - 1]} {d.year}"
    return notation["date"].format(d=d.day, m=d.month, y=d.year)


def datetime_text(value, lang: str = "nl") -> str:
    """A moment: `22-11-2026 11:33` (nl) / `2026-11-22 11:33` (en), in Brussels time when the
    value carries a time zone (the ETL writes UTC); naive values are shown as they are."""
    d = _to_datetime(value)
    if d is None:
        return MISSING if is_missing(value) or value == "" else str(value)
    if not isinstance(d, datetime):
        return date_text(d, lang)
    return clock.moment_text(d, _lang(lang))


def duration(start, end, lang: str = "nl") -> str:
    """Time between two moments: `45 s`, `2 min 05 s`, `1 u 02 min` (nl) / `1 h 02 min` (en)."""
    a, b = _to_datetime(start), _to_datetime(end)
    if not isinstance(a, datetime) or not isinstance(b, datetime):
        return MISSING
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=UTC), b.replace(tzinfo=UTC)
    seconds = (b - a).total_seconds()
    if seconds < 0:
        return MISSING
    return seconds_text(seconds, lang)


def seconds_text(seconds: float, lang: str = "nl") -> str:
    if is_missing(seconds):
        return MISSING
    s = int(Decimal(str(seconds)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if s < 60:
        return f"{s}{NBSP}s"
    if s < 3600:
        return f"{s // 60}{NBSP}min {s % 60:02d}{NBSP}s"
    hour = NOTATION[_lang(lang)]["hour"]
    return f"{s // 3600}{NBSP}{hour} {s % 3600 // 60:02d}{NBSP}min"


# ------------------------------------------------------------------ indicator values

EURO_UNITS = ("euro", "eur", "€")


def display_meta(meta, lang: str = "nl") -> tuple[str | None, str, int]:
    """(short unit, unit in the page's language, decimals) of an indicator.

    `meta` is an indicator row (dict or pandas row) with the warehouse's display columns
    `short_unit` (`%`, `€` or empty), `unit_nl`, `unit_en`, `decimals`. Rows without them (an older
    warehouse) fall back to `unit` and `kind`: `%` -> 1 decimal, euro and counts -> 0, else 1.
    """
    def get(key):
        value = meta.get(key) if hasattr(meta, "get") else None
        return None if is_missing(value) or value == "" else value

    legacy = str(get("unit") or "").strip()
    short = get("short_unit")
    if short is None and "short_unit" not in meta:
        short = "%" if legacy == "%" else "€" if legacy.lower() in EURO_UNITS else None
    own = _lang(lang)
    unit = (get(f"unit_{own}") if own != DEFAULT_LANG else None) or get("unit_nl") or legacy
    if short or unit == "%" or str(unit).lower() in EURO_UNITS:
        unit = ""
    decimals = get("decimals")
    if decimals is None:
        decimals = 1 if short == "%" else 0 if short == "€" or get("kind") == "count" else 1
    return short, unit, int(decimals)


def value_text(value, meta, lang: str = "nl", decimals: int | None = None, with_unit: bool = True) -> str:
    """An indicator's value as a reader expects it, in the page's notation and language:
    `12,3 %`, `€ 21.345`, `12.345 inwoners` (nl); `12.3%`, `€21,345`, `12,345 residents` (en).
    The one formatter of indicator values for the whole dashboard; `meta` as for display_meta."""
    if is_missing(value):
        return MISSING
    short, unit, own_decimals = display_meta(meta, lang)
    return _value_text(value, short, unit if with_unit else "", own_decimals if decimals is None else decimals,
                       _lang(lang))


def _value_text(value, short: str | None, unit: str, decimals: int, lang: str) -> str:
    if short == "%":
        return percent(value, decimals, lang)
    if short == "€":
        return euro(value, decimals, lang)
    text = number(value, decimals, lang)
    return f"{text}{NBSP}{unit}" if unit and text != MISSING else text


def unit_label(meta, lang: str = "nl") -> str:
    """The unit of an indicator as a label (`%`, `€`, `inwoners` / `residents`), for headers and
    axis titles; `meta` as for display_meta."""
    short, unit, _decimals = display_meta(meta, lang)
    return short or unit


PERCENT_POINT = {lang: notation["percent_point"] for lang, notation in NOTATION.items()}


def change_text(start, end, meta, lang: str = "nl", with_unit: bool = True) -> tuple[str, str]:
    """(absolute, relative) change of an indicator from `start` to `end`, signed: `+1,2 procentpunt`
    / `+4,5 %` for a percentage (`+1.2 ppt` / `+4.5%` in English), `+€ 1.234`, `-312 inwoners`
    otherwise; the relative change is in percent of `start`. En dashes when a value is unknown.
    `meta` as for display_meta."""
    if is_missing(start) or is_missing(end):
        return MISSING, MISSING
    diff = end - start
    short, unit, decimals = display_meta(meta, lang)
    if short == "%":
        absolute = f"{number(diff, decimals, lang)}{NBSP}{PERCENT_POINT[_lang(lang)]}"
    else:
        absolute = _value_text(diff, short, unit if with_unit else "", decimals, _lang(lang))
    relative = percent(diff / start * 100, 1, lang) if start else MISSING
    return _signed(absolute, diff), _signed(relative, diff)


def _signed(text: str, value) -> str:
    """A `+` before the text of a positive change (a negative one carries its own minus)."""
    return "+" + text if not is_missing(value) and value > 0 and not text.startswith("+") else text
