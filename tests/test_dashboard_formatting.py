"""Belgian Dutch and English formatting of numbers, amounts, percentages, dates and sizes."""
from datetime import date, datetime

import numpy as np
import pytest

from dashboard import formatting as fmt

NB = "\u00a0"


@pytest.mark.parametrize("value, decimals, nl, en", [
    (1234.5, 1, "1.234,5", "1,234.5"),
    (1234567, 0, "1.234.567", "1,234,567"),
    (0.5, 0, "1", "1"),                # half away from zero, not banker's rounding
    (2.5, 0, "3", "3"),
    (12.35, 1, "12,4", "12.4"),        # on the decimal text, not the binary value 12.3499...
    (-1234.56, 1, "-1.234,6", "-1,234.6"),
    (-0.04, 1, "0,0", "0.0"),          # no negative zero
    (999.999, 2, "1.000,00", "1,000.00"),
    (np.float64(3.14159), 2, "3,14", "3.14"),
    (np.int64(98765), 0, "98.765", "98,765"),
    (12345678901.235, 2, "12.345.678.901,24", "12,345,678,901.24"),
])
def test_number(value, decimals, nl, en):
    assert fmt.number(value, decimals, "nl") == nl
    assert fmt.number(value, decimals, "en") == en


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, float("inf")])
def test_missing_values_become_a_dash(missing):
    assert fmt.number(missing) == fmt.MISSING == "–"
    assert fmt.percent(missing) == fmt.MISSING
    assert fmt.euro(missing) == fmt.MISSING
    assert fmt.date_text(None) == fmt.MISSING


def test_number_rejects_text():
    with pytest.raises(TypeError):
        fmt.number("12")


def test_unknown_language_is_dutch():
    assert fmt.number(1234.5, 1, "fr") == "1.234,5"
    assert fmt.number(1234.5, 1, None) == "1.234,5"


def test_percent():
    assert fmt.percent(12.3) == f"12,3{NB}%"
    assert fmt.percent(12.3, lang="en") == "12.3%"
    assert fmt.percent(0.1234, 1, "nl", fraction=True) == f"12,3{NB}%"
    assert fmt.percent(100, 0, "nl") == f"100{NB}%"


def test_euro():
    assert fmt.euro(1234) == f"€{NB}1.234"
    assert fmt.euro(1234.5, 2) == f"€{NB}1.234,50"
    assert fmt.euro(1234, lang="en") == "€1,234"
    assert fmt.euro(-1234, lang="en") == "-€1,234"
    assert fmt.euro(-1234) == f"€{NB}-1.234"


def test_integer_and_file_size():
    assert fmt.integer(304) == "304"
    assert fmt.integer(1234567.4) == "1.234.567"
    assert fmt.file_size(723) == f"723{NB}B"
    assert fmt.file_size(1_250_000) == f"1,3{NB}MB"
    assert fmt.file_size(1_250_000, "en") == f"1.3{NB}MB"
    assert fmt.file_size(5120) == f"5,1{NB}kB"


def test_dates():
    d = date(2026, 11, 22)
    assert fmt.date_text(d) == "22-11-2026"
    assert fmt.date_text(d, long=True) == "22 november 2026"
    assert fmt.date_text(d, "en") == "2026-11-22"
    assert fmt.date_text(d, "en", long=True) == "22 November 2026"
    assert fmt.date_text("2026-03-05") == "05-03-2026"
    assert fmt.date_text(datetime(2026, 3, 5, 14, 0)) == "05-03-2026"


def test_utc_moments_are_shown_in_brussels_time():
    # winter: UTC+1; summer: UTC+2; late evening UTC is already the next day in Brussels
    assert fmt.datetime_text("2026-11-22T09:30:00+00:00") == "22-11-2026 10:30"
    assert fmt.datetime_text("2026-07-01T09:30:00Z") == "01-07-2026 11:30"
    assert fmt.datetime_text("2026-07-01T09:30:00Z", "en") == "2026-07-01 11:30"
    assert fmt.date_text("2026-12-31T23:30:00+00:00", long=True) == "1 januari 2027"
    assert fmt.datetime_text("2026-11-22T09:30:00") == "22-11-2026 09:30"  # naive: as is


def test_text_that_is_not_a_date_is_kept():
    assert fmt.date_text("ergens in 2024") == "ergens in 2024"
    assert fmt.datetime_text("onbekend") == "onbekend"


def test_duration():
    assert fmt.duration("2026-11-22T09:30:00+00:00", "2026-11-22T09:31:12+00:00") == f"1{NB}min 12{NB}s"
    assert fmt.duration("2026-11-22T09:30:00+00:00", "2026-11-22T09:30:45+00:00") == f"45{NB}s"
    assert fmt.duration("2026-11-22T08:00:00Z", "2026-11-22T09:02:00Z") == f"1{NB}u 02{NB}min"
    assert fmt.duration("2026-11-22T08:00:00Z", "2026-11-22T09:02:00Z", "en") == f"1{NB}h 02{NB}min"
    assert fmt.duration("2026-11-22T09:30:00Z", None) == fmt.MISSING
    assert fmt.duration("2026-11-22T09:30:00Z", "2026-11-22T09:00:00Z") == fmt.MISSING
