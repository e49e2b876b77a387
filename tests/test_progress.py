"""The build's progress display: per dataset how its files were fetched, rows parsed and loaded, and
the seconds of fetching, parsing and loading together (off a terminal: one plain line each)."""
from __future__ import annotations

import io

from rich.console import Console

from etl.progress import BuildProgress


def test_plain_lines_and_summary_name_fetching_rows_and_seconds():
    out = io.StringIO()
    progress = BuildProgress(console=Console(file=out, force_terminal=False, width=140))
    with progress:
        progress.fetching("statbel_population", "pop-2009")
        progress.fetched("statbel_population", "mirror", 1.25)
        progress.fetched("statbel_population", "cached", 0.25)
        progress.parsed("statbel_population", 12369)
        progress.loaded("statbel_population", 6384, 2.0)
    text = out.getvalue()
    line = ("statbel_population: 2 bestand(en) opgehaald (1 mirror, 1 cached), 12.369 rijen gelezen, "
            "6.384 geladen, 3,5 s")
    assert line in text
    summary = text.split(line, 1)[1]
    assert "Kinderarmoedemonitor: warehouse bouwen" in summary
    assert "1 mirror, 1 cached" in summary and "12.369" in summary and "3,5" in summary and "geladen" in summary
