"""Helpers for tests that call page modules directly (plain functions; fixtures are in conftest.py)."""
from __future__ import annotations

import json
import sys

import dash
import plotly


def page(path: str):
    """The page module as the app loaded it (Dash imports pages under its own module names, and
    only once an app exists: use with the `app` fixture)."""
    entry = next(p for p in dash.page_registry.values() if p["path"] == path)
    return sys.modules[entry["module"]]


def as_text(component) -> str:
    """A layout or figure as the JSON the browser receives."""
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def find(component, component_id):
    """The component with this id inside a layout (depth first), or None."""
    if isinstance(component, (list, tuple)):
        for child in component:
            found = find(child, component_id)
            if found is not None:
                return found
        return None
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    return find(children, component_id) if children is not None else None


def text_of(component) -> str:
    """The text of a layout, children joined by spaces."""
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    if hasattr(component, "children"):
        return text_of(component.children)
    return "" if component is None else str(component)


def loaded_page(path: str):
    """The page module at `path`, after creating an app (which is what loads the page files)."""
    from dashboard.app import create_app

    create_app()
    return page(path)
