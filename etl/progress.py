"""Live progress of a build per dataset: fetched (downloaded, mirror or cached), rows parsed,
rows loaded, seconds (fetching, parsing and loading together); and a summary at the end. Uses
rich; plain lines when not on a terminal."""
from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.live import Live
from rich.table import Table


@dataclass
class _Row:
    files: int = 0
    how: dict[str, int] = field(default_factory=dict)
    parsed: int | None = None
    loaded: int | None = None
    seconds: float | None = None
    fetch_seconds: float = 0.0
    status: str = "wacht"

    def fetched_how(self) -> str:
        return ", ".join(f"{n} {k}" for k, n in self.how.items())


class BuildProgress:
    def __init__(self, enabled: bool = True, console: Console | None = None):
        self.enabled = enabled
        self.console = console or Console(stderr=True)
        self.rows: dict[str, _Row] = {}
        self._live: Live | None = None

    def __enter__(self):
        if self.enabled and self.console.is_terminal:
            self._live = Live(self.table(), console=self.console, refresh_per_second=8, transient=False)
            self._live.__enter__()
        return self

    def __exit__(self, *exc):
        if self._live is not None:
            self._live.update(self.table())
            self._live.__exit__(*exc)
            self._live = None
        elif self.enabled:
            self.console.print(self.table())
        return False

    def _row(self, dataset: str) -> _Row:
        return self.rows.setdefault(dataset, _Row())

    def _refresh(self, line: str | None = None) -> None:
        if self._live is not None:
            self._live.update(self.table())
        elif self.enabled and line and not self.console.is_terminal:
            self.console.print(line, highlight=False)

    def fetching(self, dataset: str, file_id: str) -> None:
        row = self._row(dataset)
        row.status = f"ophalen {file_id}"
        self._refresh()

    def fetched(self, dataset: str, how: str, seconds: float = 0.0) -> None:
        row = self._row(dataset)
        row.files += 1
        row.how[how] = row.how.get(how, 0) + 1
        row.fetch_seconds += seconds
        row.status = "opgehaald"
        self._refresh()

    def parsed(self, dataset: str, n: int) -> None:
        row = self._row(dataset)
        row.parsed, row.status = n, "gelezen"
        self._refresh()

    def loaded(self, dataset: str, n: int, seconds: float) -> None:
        """`seconds` of parsing and loading; the row adds the time its files took to fetch."""
        row = self._row(dataset)
        row.loaded, row.seconds, row.status = n, row.fetch_seconds + seconds, "geladen"
        fetched = f"{row.files} bestand(en) opgehaald ({row.fetched_how()}), " if row.files else ""
        self._refresh(f"{dataset}: {fetched}{_belgian(row.parsed)} rijen gelezen, {_belgian(n)} geladen, "
                      f"{_seconds(row.seconds)} s")

    def stage(self, name: str, status: str) -> None:
        self._row(name).status = status
        self._refresh(f"{name}: {status}")

    def table(self) -> Table:
        table = Table(title="Kinderarmoedemonitor: warehouse bouwen", expand=False)
        for col in ("bron", "bestanden", "opgehaald", "rijen gelezen", "rijen geladen", "seconden", "status"):
            table.add_column(col, justify="right" if col.startswith(("rijen", "sec", "best")) else "left")
        for name, row in self.rows.items():
            table.add_row(name, str(row.files or ""), row.fetched_how(), _belgian(row.parsed), _belgian(row.loaded),
                          "" if row.seconds is None else _seconds(row.seconds), row.status)
        return table


def _belgian(n: int | None) -> str:
    """12.369: thousands with a dot, as the Dutch interface writes them."""
    return "" if n is None else f"{n:,}".replace(",", ".")


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",")
