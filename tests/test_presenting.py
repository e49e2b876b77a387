"""Presentation mode's shared parts (dashboard/ui/presenting.py) and the comparison's named peer lines
(issue 14, "Every screen" and "Edges"): plain functions, no browser."""
from __future__ import annotations

from dash import dcc, html

from dashboard.pages.compare import figures
from dashboard.ui import presenting


def test_main_marks_a_component_and_a_loading_box():
    section = presenting.main(html.Section("x", className="card"))
    assert section.className == "card present-main"
    loading = presenting.main(dcc.Loading(html.Div(id="x")))
    assert loading.parent_className == "present-main"


def test_method_text_has_a_link_to_itself():
    fold = presenting.method(html.P("how"), "x-method", "en")
    link, text = fold.children
    assert link.children == "Method" and text.id == "x-method"
    assert link.type == "button" and getattr(link, "aria-controls") == "x-method"
    assert getattr(link, "aria-expanded") == "false"
    assert presenting.method("hoe", "y", "nl").children[0].children == "Methode"


def _line(label, role, values):
    return {"code": label, "label": label, "role": role, "points": [(2020 + i, v, None, None) for i, v in enumerate(values)]}


def test_peer_lines_are_named_at_their_ends_without_overlap():
    lines = [_line("Lokeren", "chosen", [10, 11]), _line("A", "member", [10, 12.0]), _line("B", "member", [10, 12.1]),
             _line("C", "member", [9, None]), _line("<i>D</i>", "member", [5, 4])]
    labels = figures.end_labels(lines)
    assert [a["text"] for a in labels] == ["&lt;i&gt;D&lt;/i&gt;", "C", "A", "B"]
    assert next(a for a in labels if a["text"] == "C")["x"] == 2020  # its last value
    ys = [a["y"] for a in labels]
    assert all(b - a >= (12.1 - 4) * figures.LABEL_GAP - 1e-9 for a, b in zip(ys, ys[1:]))
    # a province's many municipalities stay unnamed
    many = [_line(str(i), "member", [i, i]) for i in range(figures.MAX_NAMED_MEMBERS + 1)]
    assert figures.end_labels(many) == []
