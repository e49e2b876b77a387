"""From one municipality's profile to another's without rebuilding the page: a dash.Patch of only the
parts that differ between two municipalities (layout.CHANGING), when the rest of the content, its
skeleton, is the one the browser shows.

Returned whole, the content (~460 components) was mounted again for every choice, and its eleven
charts with it: some 1.5 s of the browser's main thread. Patched, the skeleton's components stay
mounted, the charts' graphs too (assets/staged_charts.js gives them their new figures, which
plotly redraws in place), and the browser renders only the sections that changed.

The skeleton is compared by a digest of everything outside the changing parts (components, their
props and texts): equal digests mean the patched content is exactly the content a full answer
would have shown, so any difference in structure (another language, other indicators, a notice
instead of a profile) falls back to the full answer.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from dash import Patch
from dash.development.base_component import Component

from dashboard.pages.profile.layout import CHANGING, CHANGING_TYPES


def changing(component: Component) -> bool:
    element_id = getattr(component, "id", None)
    if isinstance(element_id, dict):
        return element_id.get("type") in CHANGING_TYPES
    return element_id in CHANGING


def walk(node, path: tuple = ()) -> Iterator[tuple[tuple, Component]]:
    """(path, component) of every component of a layout, outside the changing parts; a changing part
    is given, but not entered. The path is the one a Patch of the parent's `children` takes."""
    if isinstance(node, (list, tuple)):
        for i, child in enumerate(node):
            yield from walk(child, (*path, i))
    elif isinstance(node, Component):
        yield path, node
        children = getattr(node, "children", None)
        if not changing(node) and children is not None:
            yield from walk(children, (*path, "props", "children"))


def skeleton(content) -> str | None:
    """A digest of the content outside its changing parts; None for content without any (a notice)."""
    parts, found = [], False
    for path, component in walk(content):
        if changing(component):
            found = True
            parts.append([path, component.to_plotly_json()["type"], "changing"])
            continue
        props = component.to_plotly_json()["props"]
        children = props.get("children")
        own = {k: v for k, v in props.items() if k != "children"}
        if isinstance(children, (list, tuple)):
            own["children"] = [c if isinstance(c, (str, int, float)) else None for c in children]
        elif not isinstance(children, Component):
            own["children"] = children
        parts.append([path, component.to_plotly_json()["type"], own])
    if not found:
        return None
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def changes(content) -> Patch:
    """A patch of the browser's content, shown with the same skeleton, that puts in `content`'s
    changing parts."""
    patch = Patch()
    for path, component in walk(content):
        if changing(component):
            target = patch
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = component
    return patch
