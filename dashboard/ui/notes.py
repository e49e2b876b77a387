"""The harmonisation note of a value, as a sentence in the page's language.

Pages never read a note themselves: they pass what the warehouse holds for a value's `note` to
`value_note`, with the names of the municipalities (code -> name) so codes read as places.
"""
from __future__ import annotations

import re

_CODE = re.compile(r"\b([0-9]{5})\b")


def value_note(note, names: dict[str, str], lang: str) -> str:
    """The note of one value ("" when it has none)."""
    if not isinstance(note, str) or not note:
        return ""
    return _CODE.sub(lambda m: f"{names[m.group(1)]} ({m.group(1)})" if m.group(1) in names else m.group(1), note)
