"""One error type for everything that must stop a build or an import with a clear message."""
from __future__ import annotations


class EtlError(Exception):
    """A problem the user can act on: names the source or file, where in it, and what was expected."""

    def __init__(self, reason: str, *, source: str | None = None, file: str | None = None,
                 sheet: str | None = None, row: int | None = None, column: str | None = None):
        self.reason = reason
        self.source = source
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.source:
            where.append(f"bron {self.source}")
        if self.file:
            where.append(f"bestand {self.file}")
        if self.sheet:
            where.append(f"blad {self.sheet}")
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class EtlErrors(EtlError):
    """Several problems found in one pass; all are reported at once."""

    def __init__(self, errors: list[EtlError]):
        self.errors = errors
        super().__init__("\n".join(e.describe() for e in errors))
