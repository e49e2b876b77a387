"""Building blocks shared by the pages: notices, sections, table cells and sortable tables.

Everything here renders data through Dash components, so text from the warehouse is escaped
by React; nothing uses dangerouslySetInnerHTML or Markdown.

Sortable tables sort on the server: the rows travel in a dcc.Store next to the table and one
pattern-matching callback (registered by `register_callbacks(app)` from create_app, so every
app instance gets it) re-renders the body. Header buttons are real <button>s (keyboard) and the
<th> carries aria-sort (screen readers). A long table can show its rows page by page (`page_size`):
the same callback turns the pages, and the browser holds only the rows in view as components.
"""
from __future__ import annotations

import math
from urllib.parse import unquote, urlsplit

from dash import ALL, MATCH, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import formatting as fmt
from dashboard.db import BUILD_COMMAND, WarehouseError, WarehouseMissing, display_path
from dashboard.i18n import TRANSLATIONS, normalise_lang, t
from dashboard.ui.text import fold

NUMERIC_KINDS = {"int", "bytes", "year"}


# ---------------------------------------------------------------------------- notices

DROPDOWN_LABELS = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
                   "no_options_found")


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts inside a dcc.Dropdown (search box, "3 selected", ...) in the page's language."""
    return {key: TRANSLATIONS[f"dropdown.{key}"][normalise_lang(lang)] for key in DROPDOWN_LABELS}


def dropdown(lang: str, **props) -> dcc.Dropdown:
    """A dcc.Dropdown whose own texts are in the page's language."""
    return dcc.Dropdown(labels=dropdown_labels(lang), **props)


def warehouse_notice(exc: WarehouseError, lang: str) -> html.Div:
    """What a page shows instead of data when the warehouse is missing or unreadable."""
    missing = isinstance(exc, WarehouseMissing)
    key = "warehouse.missing" if missing else "warehouse.unreadable"
    children = [
        html.H2(t(f"{key}.title", lang)),
        html.P(t(f"{key}.body", lang, path=display_path(exc.path))),
        html.Pre(html.Code(BUILD_COMMAND), className="command"),
        html.P(t("warehouse.missing.after", lang)),
    ]
    if not missing:
        children.append(html.P([t("warehouse.unreadable.detail", lang), " ", html.Code(str(exc))]))
    return html.Div(children, className="notice notice-warning", role="alert",
                    id="warehouse-missing" if missing else "warehouse-unreadable")


def section(section_id: str, title: str, *children, intro: str | None = None) -> html.Section:
    heading_id = f"{section_id}-heading"
    body = [html.H2(title, id=heading_id)]
    if intro:
        body.append(html.P(intro, className="section-intro"))
    body.extend(children)
    return html.Section(body, id=section_id, className="card", **{"aria-labelledby": heading_id})


def empty(text: str) -> html.P:
    return html.P(text, className="empty")


# ------------------------------------------------------------------------------ cells

def safe_href(url) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays plain text."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def url_parts(url: str) -> tuple[str, str]:
    """(file name, host) of a URL, for a link that reads as the file and names where it lives."""
    parts = urlsplit(url)
    name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) or parts.netloc
    return name, parts.netloc


def cell(kind: str, value, lang: str):
    """The content of one table cell for a raw value of the given kind."""
    if fmt.is_missing(value) or value == "":
        return fmt.MISSING
    if kind == "int":
        return fmt.integer(value, lang)
    if kind == "year":
        return str(int(value))
    if kind == "bytes":
        return fmt.file_size(value, lang)
    if kind == "datetime":
        return fmt.datetime_text(value, lang)
    if kind == "date":
        return fmt.date_text(value, lang)
    if kind == "code":
        return html.Code(str(value))
    if kind == "sha":
        text = str(value)
        return html.Span(text[:12] + "…" if len(text) > 12 else text, title=text, className="mono")
    if kind == "url":
        href = safe_href(value)
        if href is None:
            return html.Span(str(value), className="url")
        name, host = url_parts(href)
        return [html.A(name, href=href, title=href, rel="noopener noreferrer", className="url"),
                html.Span(host, className="sub")]
    return str(value)


def sort_key(kind: str, value):
    """Missing values sort last in either direction (handled by the caller); text sorts without
    regard to case or accents."""
    if kind in NUMERIC_KINDS:
        try:
            return float(value)
        except (TypeError, ValueError):
            return math.inf
    return fold(value)


def sort_rows(rows: list[dict], key: str, kind: str, ascending: bool) -> list[dict]:
    present = [r for r in rows if not (fmt.is_missing(r.get(key)) or r.get(key) == "")]
    absent = [r for r in rows if fmt.is_missing(r.get(key)) or r.get(key) == ""]
    return sorted(present, key=lambda r: sort_key(kind, r[key]), reverse=not ascending) + absent


# ---------------------------------------------------------------------------- tables

def scroll_box(table, caption: str, lang: str) -> html.Div:
    """A focusable, labelled scroll container, so wide tables scroll by keyboard too."""
    return html.Div(table, className="table-scroll", tabIndex="0", role="region",
                    **{"aria-label": t("table.scroll", lang, caption=caption)})


def plain_table(table_id: str, columns: list[dict], rows: list[dict], lang: str, caption: str) -> html.Div:
    """A table of rows (dicts of raw values) with columns [{key, label, kind}]."""
    head = html.Thead(html.Tr([
        html.Th(c["label"], scope="col", className=_align(c)) for c in columns]))
    body = html.Tbody(_body_rows(columns, rows, lang))
    table = html.Table([html.Caption(caption), head, body], id=table_id, className="data-table")
    return scroll_box(table, caption, lang)


def sortable_table(table_id: str, columns: list[dict], rows: list[dict], lang: str, caption: str,
                   sort: tuple[str, bool] | None = None, page_size: int | None = None) -> html.Div:
    """Like plain_table, with a sort button in every header whose column has `sortable` != False.

    `sort` is the initial (column key, ascending); rows are shown in the order given when None.
    With `page_size`, a longer table shows that many rows at a time, with previous/next buttons
    under it: the browser renders only the rows in view (every row is a component that Dash's
    renderer revisits on each update, so a long table blocks the page). Sorting sorts all rows
    and returns to the first page; exports are unaffected (they read the data, not the table).
    """
    paged = bool(page_size) and len(rows) > page_size
    state = {"columns": columns, "rows": rows, "lang": lang,
             "sort": {"key": sort[0], "asc": sort[1]} if sort else None,
             "page": 0, "page_size": page_size if paged else None}
    head = html.Thead(html.Tr([_sortable_th(table_id, c, state["sort"], lang) for c in columns]))
    body = html.Tbody(_body_rows(columns, _page_rows(state), lang), id={"type": "sortable-body", "table": table_id})
    table = html.Table([html.Caption(caption), head, body], id=table_id, className="data-table sortable")
    children = [scroll_box(table, caption, lang)]
    if paged:
        children.append(_pager(table_id, state, caption, lang))
    children.append(dcc.Store(id={"type": "sortable-state", "table": table_id}, data=state))
    return html.Div(children)


def _page_rows(state: dict) -> list[dict]:
    """The rows in view: all rows in the state's sort order, then its current page when it has pages."""
    rows, sort = state["rows"], state.get("sort")
    if sort:
        kind = next(c["kind"] for c in state["columns"] if c["key"] == sort["key"])
        rows = sort_rows(rows, sort["key"], kind, sort["asc"])
    size = state.get("page_size")
    if not size:
        return rows
    start = state.get("page", 0) * size
    return rows[start:start + size]


def _page_count(state: dict) -> int:
    size = state.get("page_size")
    return max(1, math.ceil(len(state["rows"]) / size)) if size else 1


def _page_status(state: dict, lang: str) -> str:
    """"Rijen 21–40 van 48" for the page in view."""
    size, total = state["page_size"], len(state["rows"])
    first = state["page"] * size + 1
    return t("table.page.status", lang, first=fmt.integer(first, lang),
             last=fmt.integer(min(total, first + size - 1), lang), total=fmt.integer(total, lang))


PAGE_STEPS = ("previous", "next")


def _pager(table_id: str, state: dict, caption: str, lang: str) -> html.Nav:
    """Previous/next buttons and where the page in view is; the status is announced when it changes."""
    def button(step: str) -> html.Button:
        return html.Button(t(f"table.page.{step}", lang), type="button", className="button button-secondary",
                           id={"type": "sortable-page", "table": table_id, "step": step},
                           disabled=_step_disabled(step, state))

    return html.Nav([
        button("previous"),
        html.Span(_page_status(state, lang), className="table-pager-status", **{"aria-live": "polite"},
                  id={"type": "sortable-page-status", "table": table_id, "part": "status"}),
        button("next"),
    ], className="table-pager", **{"aria-label": t("table.page.nav", lang, caption=caption)})


def _step_disabled(step: str, state: dict) -> bool:
    return state["page"] <= 0 if step == "previous" else state["page"] >= _page_count(state) - 1


def _align(column: dict) -> str:
    classes = ["num"] if column.get("kind") in NUMERIC_KINDS or column.get("align") == "right" else []
    if column.get("nowrap"):
        classes.append("nowrap")
    return " ".join(classes)


def _body_rows(columns: list[dict], rows: list[dict], lang: str) -> list:
    out, previous = [], None
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c["key"])
            if (c.get("ditto") and previous is not None and previous.get(c["key"]) == value
                    and not fmt.is_missing(value) and value != ""):
                cells.append(html.Td(_ditto(str(value), lang), className=_align(c)))
            else:
                # a column of quotes in another language (`quote_lang`) says so, for readers and screen readers
                quoted = c.get("quote_lang") if c.get("quote_lang") not in (None, lang) else None
                cells.append(html.Td(_linked(c, row, lang), className=_align(c), lang=quoted))
        out.append(html.Tr(cells))
        previous = row
    return out


def _ditto(text: str, lang: str) -> html.Span:
    """A long value equal to the row above: shown as "idem" (full text on hover and for screen
    readers), so long repeated texts do not stretch the table. Recomputed after every sort."""
    return html.Span([html.Span(t("table.ditto", lang), **{"aria-hidden": "true"}),
                      html.Span(text, className="visually-hidden")], title=text, className="ditto")


def _linked(column: dict, row: dict, lang: str):
    """The cell; linked to an app path when the column names one (`href_key`), with a second,
    smaller line when it names one (`sub_key`)."""
    content = cell(column["kind"], row.get(column["key"]), lang)
    href = row.get(column["href_key"]) if column.get("href_key") else None
    if isinstance(href, str) and href.startswith("/") and not href.startswith("//"):
        content = html.A(content, href=href)
    sub = row.get(column["sub_key"]) if column.get("sub_key") else None
    if sub is not None and sub != "":
        content = [content, html.Span(str(sub), className="sub")]
    return content


def _aria_sort(column: dict, sort: dict | None) -> str:
    if not sort or sort["key"] != column["key"]:
        return "none"
    return "ascending" if sort["asc"] else "descending"


ARROWS = {"none": "↕", "ascending": "▲", "descending": "▼"}


def _sortable_th(table_id: str, column: dict, sort: dict | None, lang: str) -> html.Th:
    key = column["key"]
    th_id = {"type": "sortable-th", "table": table_id, "col": key}
    if column.get("sortable") is False:
        # Same pattern id, so the callback's ALL outputs line up with every column.
        return html.Th(column["label"], id=th_id, scope="col", className=_align(column),
                       **{"aria-sort": "none"})
    state = _aria_sort(column, sort)
    button = html.Button(
        [html.Span(column["label"]),
         html.Span(ARROWS[state], className="sort-arrow", **{"aria-hidden": "true"},
                   id={"type": "sortable-arrow", "table": table_id, "col": key})],
        id={"type": "sortable-button", "table": table_id, "col": key},
        className="sort-button", type="button", title=t("sort.button", lang, label=column["label"]))
    return html.Th(button, id=th_id, scope="col", className=_align(column), **{"aria-sort": state})


def register_callbacks(app) -> None:
    """Attach the sorting and paging callback to `app` (called by create_app for every new app)."""

    @app.callback(
        Output({"type": "sortable-body", "table": MATCH}, "children"),
        Output({"type": "sortable-th", "table": MATCH, "col": ALL}, "aria-sort"),
        Output({"type": "sortable-arrow", "table": MATCH, "col": ALL}, "children"),
        Output({"type": "sortable-state", "table": MATCH}, "data"),
        # ALL, not MATCH: a table without pages has none of these (empty lists)
        Output({"type": "sortable-page-status", "table": MATCH, "part": ALL}, "children"),
        Output({"type": "sortable-page", "table": MATCH, "step": ALL}, "disabled"),
        Input({"type": "sortable-button", "table": MATCH, "col": ALL}, "n_clicks"),
        Input({"type": "sortable-page", "table": MATCH, "step": ALL}, "n_clicks"),
        State({"type": "sortable-state", "table": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def _sort_or_turn_page(_clicks, _page_clicks, state):
        shown = table_step(state, ctx.triggered_id)
        if shown is None:
            raise PreventUpdate
        return shown


def table_step(state: dict | None, trigger) -> tuple | None:
    """What a sortable table shows after a click on a sort button or a page button (`trigger`, the
    button's id): its body, each header's aria-sort and arrow, the new state, the pager's status and
    whether each page button is disabled. None when nothing changes (the last page's "next")."""
    if not state or not isinstance(trigger, dict):
        return None
    columns = state["columns"]
    if trigger.get("type") == "sortable-page":
        step = 1 if trigger.get("step") == "next" else -1
        page = min(max(0, state.get("page", 0) + step), _page_count(state) - 1)
        if page == state.get("page", 0):
            return None
        state = {**state, "page": page}
    else:
        key = trigger.get("col")
        column = next((c for c in columns if c["key"] == key), None)
        if column is None:
            return None
        previous = state.get("sort") or {}
        ascending = not previous.get("asc", False) if previous.get("key") == key else True
        state = {**state, "sort": {"key": key, "asc": ascending}, "page": 0}
    # Wildcard outputs take a list, never a bare no_update: the headers are sent as they are.
    aria = [_aria_sort(c, state.get("sort")) for c in columns]
    arrows = [ARROWS[_aria_sort(c, state.get("sort"))] for c in columns if c.get("sortable") is not False]
    return (_body_rows(columns, _page_rows(state), state["lang"]), aria, arrows, state, *_pager_outputs(state))


def _pager_outputs(state: dict) -> tuple[list, list]:
    """The pager's status and its buttons' disabled flags: empty lists for a table without pages."""
    if not state.get("page_size"):
        return [], []
    return [_page_status(state, state["lang"])], [_step_disabled(step, state) for step in PAGE_STEPS]


def read_page(name: str, lang: str) -> html.Div:
    """The frame of a page whose content is read from the warehouse in one callback: title and lead
    from the page's catalogue (`<name>.title`, `<name>.intro`), the language in `<name>-lang` and an
    empty `<name>-content` that the callback fills. Building it never reads the warehouse (Dash
    calls every layout once at start-up to validate callbacks)."""
    return html.Div([
        html.H1(t(f"{name}.title", lang)),
        html.P(t(f"{name}.intro", lang), className="lead"),
        dcc.Store(id=f"{name}-lang", data=lang),
        dcc.Loading(html.Div(id=f"{name}-content"), delay_show=300),
    ], id=f"{name}-page", className="page")


def column(key: str, kind: str = "text", label_key: str | None = None, lang: str = "nl", **extra) -> dict:
    """A column of plain_table/sortable_table, labelled from the catalogue (`col.<key>` unless named)."""
    return {"key": key, "kind": kind, "label": t(label_key or f"col.{key}", lang), **extra}
