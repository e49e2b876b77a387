"""Comparison (`/vergelijk`): up to 6 chosen municipalities, a peer group (the 10 most similar to the
first chosen one, see dashboard/peers.py) or all municipalities of a province, side by side for one
indicator; and a sortable ranking of all 304 with start value, end value, absolute and relative change.

The view lives in the URL: `?indicator=arop_admin&nis=46029,44021&group=peers|<province code>
&start=2015&end=2022&sort=change-desc&lang=en`. Controls write it back to the shell's `app-url`
(no reload); opening such a URL restores the view. All values of the indicator come from one query.
"""
from __future__ import annotations

import html as html_lib

import dash
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from dashboard import db, peers
from dashboard.ui import downloads
from dashboard import formatting as fmt
from dashboard.queries import profile as qp
from dashboard.ui.components import dropdown, scroll_box, section, warehouse_notice
from dashboard.i18n import normalise_lang, t, t_or
from dashboard.queries import FLAGS
from dashboard.urls import page_href, with_query

dash.register_page(
    __name__, path="/vergelijk", name="Vergelijken", title="Vergelijken – Kinderarmoedemonitor", order=40,
    nav_key="nav.compare",
    description="Gemeenten naast elkaar: gekozen gemeenten, gelijkaardige gemeenten of een provincie, met een "
                "rangschikking van alle gemeenten.",
)

MAX_CHOSEN = 6
DEFAULT_INDICATOR = "arop_admin"
PALETTE = ["#0b4f8a", "#a34700", "#00795a", "#8b2f8b", "#6b5b00", "#b0223a"]
MEMBER_COLOUR = "#8a96a3"
SORT_COLUMNS = ("rank", "name", "province", "start", "end", "change", "change_rel")
NUMERIC = {"rank", "start", "end", "change", "change_rel"}


def _first(value):
    if isinstance(value, (list, tuple)):
        return value[-1] if value else None
    return value


def parse_nis_list(value) -> list[str]:
    text = _first(value)
    codes = [qp.valid_nis(p) for p in str(text or "").split(",")]
    return list(dict.fromkeys(c for c in codes if c))[:MAX_CHOSEN]


def parse_group(value) -> tuple[str, str | None]:
    """('own', None), ('peers', None) or ('province', code)."""
    text = str(_first(value) or "").strip()
    if text == "peers":
        return "peers", None
    code = qp.valid_nis(text)
    return ("province", code) if code else ("own", None)


def parse_year(value) -> int | None:
    try:
        return int(str(_first(value)).strip())
    except (TypeError, ValueError):
        return None


def parse_sort(value) -> dict:
    text = str(_first(value) or "")
    key, _, direction = text.partition("-")
    if key not in SORT_COLUMNS:
        return {"key": "rank", "asc": True}
    return {"key": key, "asc": direction != "desc"}


def layout(indicator=None, nis=None, group=None, start=None, end=None, sort=None, lang=None, **_query):
    lang = normalise_lang(lang)
    mode, province = parse_group(group)
    indicator_value = str(_first(indicator) or DEFAULT_INDICATOR)[:64]
    return html.Div([
        html.H1(t("compare.title", lang)),
        html.P(t("compare.intro", lang), className="lead"),
        html.Div([
            html.Div([html.Label(t("compare.indicator", lang), htmlFor="compare-indicator"),
                      dropdown(lang, id="compare-indicator", options=[], value=None, clearable=False)],
                     className="control control-wide"),
            html.Div([html.Label(t("compare.municipalities", lang, n=MAX_CHOSEN), htmlFor="compare-nis"),
                      dropdown(lang, id="compare-nis", options=[], value=[], multi=True,
                                     placeholder=t("compare.municipalities_placeholder", lang))],
                     className="control control-wide"),
            html.Fieldset([
                html.Legend(t("compare.group", lang)),
                dcc.RadioItems(id="compare-mode", value=mode, options=[
                    {"label": t("compare.mode.own", lang), "value": "own"},
                    {"label": t("compare.mode.peers", lang), "value": "peers"},
                    {"label": t("compare.mode.province", lang), "value": "province"}],
                    className="radio-list", inputClassName="radio-input"),
                html.Label(t("compare.province", lang), htmlFor="compare-province", className="sub-label"),
                dropdown(lang, id="compare-province", options=[], value=None, clearable=False,
                               placeholder=t("compare.province_placeholder", lang)),
            ], className="control control-group"),
            html.Div([
                html.Div([html.Label(t("compare.start", lang), htmlFor="compare-start"),
                          dropdown(lang, id="compare-start", options=[], value=None, clearable=False)],
                         className="control control-year"),
                html.Div([html.Label(t("compare.end", lang), htmlFor="compare-end"),
                          dropdown(lang, id="compare-end", options=[], value=None, clearable=False)],
                         className="control control-year"),
            ], className="control-years"),
        ], className="controls compare-controls no-print"),
        dcc.Store(id="compare-lang", data=lang),
        # The URL's choices. The dropdowns start empty (no value): a Dash 4 dropdown that mounts with
        # a value its still empty options lack sets it to None, and when that lands after the options
        # callback's answer the choice is lost. `_options` and `_years` set options and value at once.
        dcc.Store(id="compare-initial", data={"indicator": indicator_value, "nis": parse_nis_list(nis),
                                              "province": province, "start": parse_year(start), "end": parse_year(end)}),
        dcc.Store(id="compare-sort", data=parse_sort(sort)),
        dcc.Store(id="compare-ranking-data"),
        dcc.Download(id="compare-download-csv"),
        dcc.Download(id="compare-download-xlsx"),
        html.Div(id="compare-message", role="status"),
        dcc.Loading(html.Div(id="compare-chart"), delay_show=300),
        html.Section([
            html.H2(t("compare.ranking", lang), id="compare-ranking-heading"),
            html.Div([
                dcc.Checklist(id="compare-only", options=[{"label": t("compare.only_selection", lang), "value": "only"}],
                              value=[], className="checklist", inputClassName="check-input"),
                html.Div([html.Button(t("download.csv", lang), id="compare-csv", type="button", className="button"),
                          html.Button(t("download.xlsx", lang), id="compare-xlsx", type="button", className="button")],
                         className="control-buttons", role="group", **{"aria-label": t("compare.downloads", lang)}),
            ], className="ranking-tools no-print"),
            html.Div(html.Table([html.Caption(id="compare-ranking-caption"), html.Thead(id="compare-ranking-head"),
                                 html.Tbody(id="compare-ranking-body")],
                                id="compare-ranking-table", className="data-table sortable ranking"),
                     id="compare-ranking", className="table-scroll", tabIndex="0", role="region",
                     **{"aria-labelledby": "compare-ranking-heading"}),
            html.Div([
                html.Button(t("compare.prev", lang), id="compare-prev", type="button", className="button button-light"),
                html.Span(id="compare-page-info", **{"aria-live": "polite"}),
                html.Button(t("compare.next", lang), id="compare-next", type="button", className="button button-light"),
            ], className="pager no-print"),
            dcc.Store(id="compare-page", data=0),
        ], id="compare-ranking-section", className="card", **{"aria-labelledby": "compare-ranking-heading"}),
    ], id="compare-page", className="page compare")


# ------------------------------------------------------------------------------ options

@callback(Output("compare-indicator", "options"), Output("compare-nis", "options"),
          Output("compare-province", "options"), Output("compare-indicator", "value"), Output("compare-nis", "value"),
          Output("compare-province", "value"), Input("compare-lang", "data"), State("compare-initial", "data"))
def _options(lang, initial):
    lang = normalise_lang(lang)
    initial = initial or {}
    try:
        with db.reader() as r:
            inds = qp.per_build(r, qp.indicators)
            muns = qp.per_build(r, qp.municipalities)
            area = qp.per_build(r, qp.areas)
    except db.WarehouseError:
        return [], [], [], None, [], None
    ind_options = [{"label": f"{qp.indicator_name(row, lang)} ({row['unit']})", "value": row["indicator_id"]}
                   for row in inds.to_dict("records")]
    mun_options = [{"label": f"{m.name_nl} ({m.province_name if m.province_nis != '04000' else 'Brussel'})",
                    "value": m.nis_code, "search": " ".join(x for x in (m.name_nl, m.name_fr, m.nis_code) if isinstance(x, str))}
                   for m in muns.itertuples()]
    provinces = area[(area["level"] == "province") | (area["nis_code"] == "04000")]
    prov_options = [{"label": (a.name_en if lang == "en" and isinstance(a.name_en, str) else a.name_nl), "value": a.nis_code}
                    for a in provinces.itertuples()]
    indicator = initial.get("indicator")
    if indicator not in set(inds["indicator_id"]):
        indicator = DEFAULT_INDICATOR if DEFAULT_INDICATOR in set(inds["indicator_id"]) else inds["indicator_id"].iloc[0]
    codes = set(muns["nis_code"])
    nis = [c for c in initial.get("nis") or [] if c in codes][:MAX_CHOSEN]
    province = initial.get("province") if initial.get("province") in set(provinces["nis_code"]) else None
    return ind_options, mun_options, prov_options, indicator, nis, province


@callback(Output("compare-start", "options"), Output("compare-end", "options"),
          Output("compare-start", "value"), Output("compare-end", "value"),
          Input("compare-indicator", "value"), State("compare-start", "value"), State("compare-end", "value"),
          State("compare-initial", "data"))
def _years(indicator, start, end, initial):
    initial = initial or {}
    try:
        with db.reader() as r:
            ind = qp.per_build(r, _indicator_rows).get(indicator)
    except db.WarehouseError:
        return [], [], None, None
    if ind is None:
        return [], [], None, None
    years = [int(y) for y in ind["years"]]
    options = [{"label": str(y), "value": y} for y in years]
    start = start if start in years else initial.get("start") if initial.get("start") in years else years[0]
    end = end if end in years else initial.get("end") if initial.get("end") in years else years[-1]
    if start > end:
        start, end = end, start
    return options, options, start, end


@callback(Output("compare-nis", "value", allow_duplicate=True), Input("compare-nis", "value"), prevent_initial_call=True)
def _limit(value):
    if isinstance(value, list) and len(value) > MAX_CHOSEN:
        return value[:MAX_CHOSEN]
    return no_update


# ------------------------------------------------------------------------------- state in the URL

def search_for(indicator, nis, mode, province, start, end, sort, search) -> str:
    group = "peers" if mode == "peers" else (province if mode == "province" and province else None)
    sort_text = None
    if sort and (sort.get("key"), sort.get("asc")) != ("rank", True):
        sort_text = f"{sort['key']}-{'asc' if sort.get('asc') else 'desc'}"
    return with_query("", search, indicator=indicator or None, nis=",".join(nis or []) or None, group=group,
                      start=str(start) if start else None, end=str(end) if end else None, sort=sort_text)


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("compare-indicator", "value"), Input("compare-nis", "value"), Input("compare-mode", "value"),
          Input("compare-province", "value"), Input("compare-start", "value"), Input("compare-end", "value"),
          Input("compare-sort", "data"), State("app-url", "search"), State("app-url", "pathname"),
          prevent_initial_call=True)
def _sync_url(indicator, nis, mode, province, start, end, sort, search, pathname):
    if not str(pathname or "").rstrip("/").endswith("/vergelijk"):
        return no_update
    new = search_for(indicator, nis, mode, province, start, end, sort, search)
    return new if new != (search or "") else no_update


# ------------------------------------------------------------------------------- data

def load(indicator: str, nis: list[str], mode: str, province: str | None, start, end) -> dict:
    """Everything for one view, from one build; raises db.WarehouseError."""
    with db.reader() as r:
        all_inds = qp.per_build(r, _indicator_rows)
        ind = all_inds.get(indicator)
        if ind is None:
            return {"status": "unknown_indicator"}
        muns = qp.per_build(r, qp.municipalities)
        area = qp.per_build(r, qp.areas)
        by_code = qp.per_build(r, _values_by_code, indicator)
        model = peers.model(r) if mode == "peers" else None
        names = qp.per_build(r, qp.code_names)
        group = None
        if mode == "peers" and nis and nis[0] in model.neighbours:
            group = qp.group_values(r, model.peers(nis[0]), [indicator])
    years = [int(y) for y in ind["years"]]
    start = start if start in years else years[0]
    end = end if end in years else years[-1]
    if start > end:
        start, end = end, start
    nis = [c for c in nis if c in set(muns["nis_code"])]
    members, reference, aggregate = list(nis), None, None
    if mode == "peers" and nis:
        reference = nis[0]
        peer_codes = model.peers(reference)
        members = [reference, *peer_codes]
        aggregate = ("peers", peer_codes)
    elif mode == "province" and province:
        members = list(muns.loc[muns["province_nis"] == province, "nis_code"])
        aggregate = ("area", province)
    return {"status": "ok", "ind": ind, "muns": muns, "area": area, "by_code": by_code, "model": model,
            "names": names, "group": group, "all_inds": all_inds, "start": start, "end": end, "chosen": nis, "members": members,
            "reference": reference, "aggregate": aggregate, "mode": mode, "province": province}


def _values_by_code(r, indicator: str) -> dict[str, dict[int, dict]]:
    """code -> year -> value record of one indicator, once per build (shared: do not modify)."""
    by_code: dict[str, dict[int, dict]] = {}
    for rec in qp.indicator_values(r, indicator).to_dict("records"):
        by_code.setdefault(rec["nis_code"], {})[int(rec["year"])] = rec
    return by_code


def _indicator_rows(r) -> dict[str, dict]:
    return {row["indicator_id"]: row for row in qp.per_build(r, qp.indicators).to_dict("records")}


def ranking_rows(data: dict, lang: str) -> list[dict]:
    ind, muns = data["ind"], data["muns"]
    by_code = data["by_code"]
    members = set(data["members"])
    rows = []
    for mun in muns.to_dict("records"):
        code = mun["nis_code"]
        start = by_code.get(code, {}).get(data["start"]) or {}
        end = by_code.get(code, {}).get(data["end"]) or {}
        sv, ev = start.get("value"), end.get("value")
        sv = None if sv is None or sv != sv else float(sv)
        ev = None if ev is None or ev != ev else float(ev)
        change = ev - sv if sv is not None and ev is not None else None
        rows.append({
            "nis": code, "name": mun["name_nl"],
            "province": "Brussel" if mun["province_nis"] == "04000" else mun["province_name"],
            "start": sv, "start_flag": start.get("flag"), "start_note": start.get("note"),
            "end": ev, "end_flag": end.get("flag"), "end_note": end.get("note"),
            "change": change, "change_rel": (change / sv * 100) if change is not None and sv else None,
            "selected": code in members,
        })
    worst_high = ind["kind"] == "count" or ind["direction"] != "higher_is_better"
    present = sorted((r for r in rows if r["end"] is not None), key=lambda r: -r["end"] if worst_high else r["end"])
    previous, rank = None, 0
    for i, r in enumerate(present, start=1):
        if r["end"] != previous:
            rank, previous = i, r["end"]
        r["rank"] = rank
    for r in rows:
        r.setdefault("rank", None)
    return rows


def sort_rows(rows: list[dict], sort: dict) -> list[dict]:
    key, asc = sort.get("key", "rank"), sort.get("asc", True)
    present = [r for r in rows if r.get(key) is not None]
    absent = [r for r in rows if r.get(key) is None]
    if key in NUMERIC:
        ordered = sorted(present, key=lambda r: (r[key], r["name"]), reverse=not asc)
    else:
        from dashboard.ui.components import sort_key

        ordered = sorted(present, key=lambda r: (sort_key("text", r[key]), sort_key("text", r["name"])), reverse=not asc)
    return ordered + absent


# ------------------------------------------------------------------------------- render

def _flag(flag, note, names, lang):
    if not isinstance(flag, str) or flag == "original":
        return None
    explained = qp.note_with_names(note, names) or t_or(f"flag.{flag}.help", lang, "")
    return html.Span(t_or(f"flag.{flag}", lang, flag), className=f"flag flag-{flag}", title=explained)


def _value(value, flag, note, data, lang):
    ind = data["ind"]
    text = qp.value_text(value, ind["unit"], ind["kind"], lang)
    badge = _flag(flag, note, data["names"], lang)
    return [text, badge] if badge is not None else text


def columns(data: dict, lang: str) -> list[tuple[str, str]]:
    ind = data["ind"]
    rank_note = t("profile.rank_count", lang) if ind["kind"] == "count" else t(f"profile.rank_{ind['direction']}", lang)
    return [("rank", t("compare.col.rank", lang, year=data["end"], note=rank_note)),
            ("name", t("compare.col.name", lang)), ("province", t("compare.col.province", lang)),
            ("start", t("compare.col.value", lang, year=data["start"])),
            ("end", t("compare.col.value", lang, year=data["end"])),
            ("change", t("compare.col.change_pp" if ind["unit"] == "%" else "compare.col.change", lang)),
            ("change_rel", t("compare.col.change_rel", lang))]


ARROWS = {"none": "↕", "ascending": "▲", "descending": "▼"}


def _aria(key, sort):
    if sort.get("key") != key:
        return "none"
    return "ascending" if sort.get("asc") else "descending"


def client_rows(data: dict, rows: list[dict], lang: str) -> list[dict]:
    """The ranking as compact JSON for the browser, which sorts and draws it (see RENDER_JS): raw
    numbers to sort on, texts already in Belgian or English notation, flags in words."""
    ind, names = data["ind"], data["names"]
    profile = page_href("/gemeente", lang)
    out = []
    for r in rows:
        absolute, relative = qp.change_text(r["start"], r["end"], ind["unit"], ind["kind"], lang)
        item = {k: r[k] for k in ("nis", "name", "province", "rank", "start", "end", "change", "change_rel")}
        item.update({
            "href": with_query(profile, None, nis=r["nis"], lang="en" if lang == "en" else None),
            "rank_t": fmt.integer(r["rank"], lang) if r["rank"] is not None else fmt.MISSING,
            "start_t": qp.value_text(r["start"], ind["unit"], ind["kind"], lang),
            "end_t": qp.value_text(r["end"], ind["unit"], ind["kind"], lang),
            "change_t": absolute, "change_rel_t": relative, "sel": bool(r["selected"]),
        })
        for key in ("start", "end"):
            flag = r[f"{key}_flag"]
            if isinstance(flag, str) and flag != "original":
                item[f"{key}_f"] = t_or(f"flag.{flag}", lang, flag)
                item[f"{key}_fn"] = qp.note_with_names(r[f"{key}_note"], names) or t_or(f"flag.{flag}.help", lang, "")
        out.append(item)
    return out


# Sorts and draws the ranking in the browser: the server sends the rows once per view; a click on a
# header only changes `compare-sort`. Text goes in as React children (escaped), never as HTML.
RENDER_JS = """
function(data, sort, page) {
    var nu = window.dash_clientside.no_update;
    if (!data || !data.rows) { return [nu, nu, nu, nu, nu, nu]; }
    sort = sort || {key: "rank", asc: true};
    var key = sort.key, asc = sort.asc !== false, numeric = data.numeric.indexOf(key) >= 0;
    var present = [], absent = [];
    data.rows.forEach(function(r) { (r[key] === null || r[key] === undefined ? absent : present).push(r); });
    var coll = new Intl.Collator(data.lang === "en" ? "en" : "nl", {sensitivity: "base"});
    present.sort(function(a, b) {
        var c = numeric ? a[key] - b[key] : coll.compare(String(a[key]), String(b[key]));
        if (!asc) { c = -c; }
        return c || coll.compare(a.name, b.name);
    });
    function el(type, props, ns) {
        return {type: type, namespace: ns || "dash_html_components", props: props};
    }
    function value(r, k) {
        var kids = [r[k + "_t"]];
        if (r[k + "_f"]) {
            kids.push(el("Span", {children: r[k + "_f"], className: "flag flag-small", title: r[k + "_fn"]}));
        }
        return el("Td", {children: kids, className: "num"});
    }
    var all = present.concat(absent), size = data.page_size, pages = Math.max(1, Math.ceil(all.length / size));
    page = Math.min(Math.max(page || 0, 0), pages - 1);
    var from = page * size, to = Math.min(all.length, from + size);
    var body = all.slice(from, to).map(function(r) {
        var name = [el("A", {children: r.name, href: r.href})];
        if (r.sel) { name.push(el("Span", {children: " " + data.selected, className: "visually-hidden"})); }
        return el("Tr", {className: r.sel ? "is-selected" : "", children: [
            el("Td", {children: r.rank_t, className: "num"}),
            el("Th", {children: name, scope: "row"}),
            el("Td", {children: r.province}),
            value(r, "start"), value(r, "end"),
            el("Td", {children: r.change_t, className: "num"}),
            el("Td", {children: r.change_rel_t, className: "num"})
        ]});
    });
    var aria = data.keys.map(function(k) { return k === key ? (asc ? "ascending" : "descending") : "none"; });
    var arrows = aria.map(function(a) { return a === "ascending" ? "\u25b2" : a === "descending" ? "\u25bc" : "\u2195"; });
    var info = data.rows_text.replace("{from}", all.length ? from + 1 : 0).replace("{to}", to).replace("{n}", all.length);
    return [body, aria, arrows, info, page <= 0, page >= pages - 1];
}
"""

# Paging: a new sort or new data starts at the first page.
PAGE_JS = """
function(prev, next, sort, data, page) {
    var trig = (window.dash_clientside.callback_context.triggered || []).map(function(t) { return t.prop_id; });
    if (trig.indexOf("compare-prev.n_clicks") >= 0) { return Math.max(0, (page || 0) - 1); }
    if (trig.indexOf("compare-next.n_clicks") >= 0) { return (page || 0) + 1; }
    return 0;
}
"""
PAGE_SIZE = 50


def ranking_head(data: dict, rows: list[dict], sort: dict, lang: str):
    """(caption, header row) of the ranking: real <button>s to sort, aria-sort on the <th>; the body
    is drawn in the browser from `compare-ranking-data` (RENDER_JS)."""
    head = []
    for key, label in columns(data, lang):
        state = _aria(key, sort)
        button = html.Button([html.Span(label), html.Span(ARROWS[state], className="sort-arrow", **{"aria-hidden": "true"},
                                                          id={"type": "compare-sort-arrow", "col": key})],
                             id={"type": "compare-sort-button", "col": key}, type="button", className="sort-button",
                             title=t("sort.button", lang, label=label))
        head.append(html.Th(button, scope="col", className="num" if key in NUMERIC else "",
                            id={"type": "compare-sort-th", "col": key}, **{"aria-sort": state}))
    caption = t("compare.ranking.caption", lang, indicator=qp.indicator_name(data["ind"], lang),
                start=data["start"], end=data["end"], n=len(rows))
    return caption, html.Tr(head)


def ranking_data(data: dict, rows: list[dict], lang: str) -> dict:
    return {"rows": client_rows(data, rows, lang), "keys": [k for k, _ in columns(data, lang)],
            "numeric": sorted(NUMERIC), "lang": lang, "selected": t("compare.selected", lang),
            "page_size": PAGE_SIZE, "rows_text": t("compare.rows", lang)}


def series_list(data: dict, lang: str) -> list[dict]:
    """The lines of the chart: chosen or member municipalities, the group's value, regions."""
    ind, muns = data["ind"], data["muns"]
    names = dict(zip(muns["nis_code"], muns["name_nl"]))
    years = [int(y) for y in ind["years"]]
    by_code = data["by_code"]
    out = []

    def line(code, label, role, colour):
        g = by_code.get(code, {})
        pts = []
        for y in years:
            rec = g.get(y)
            if rec is not None:
                value = rec["value"]
                pts.append((y, None if value is None or value != value else float(value), rec["flag"], rec["note"]))
            else:
                pts.append((y, None, "missing", None))
        out.append({"code": code, "label": label, "role": role, "colour": colour, "points": pts})

    many = len(data["members"]) > MAX_CHOSEN
    highlighted = [data["reference"]] if data["reference"] else [c for c in data["chosen"] if c in data["members"]]
    if many:
        for code in data["members"]:
            if code not in highlighted:
                line(code, names.get(code, code), "member", MEMBER_COLOUR)
    for i, code in enumerate(highlighted if many else data["members"]):
        line(code, names.get(code, code), "chosen", PALETTE[i % len(PALETTE)])
    agg = data["aggregate"]
    if agg and agg[0] == "peers":
        got = {int(rec["year"]): rec["value"] for rec in (data["group"].to_dict("records")
                                                           if data["group"] is not None else [])}
        pts = [(y, got.get(y), None, None) for y in years]
        out.append({"code": "peers", "label": t("profile.peer_group", lang, k=len(agg[1])), "role": "group",
                    "colour": "#00795a", "points": pts})
    elif agg and agg[0] == "area" and ind["kind"] != "count":
        line(agg[1], _area_name(data, agg[1], lang), "group", "#1a1a1a")
    if ind["kind"] != "count":
        regions = sorted(set(muns.loc[muns["nis_code"].isin(data["members"]), "region_nis"]))
        for code in regions:
            if not (agg and agg[0] == "area" and agg[1] == code):
                line(code, _area_name(data, code, lang), "region", "#4a4a4a")
    return out


def _area_name(data, code, lang):
    a = data["area"][data["area"]["nis_code"] == code]
    if a.empty:
        return code
    row = a.iloc[0]
    return row["name_en"] if lang == "en" and isinstance(row["name_en"], str) else row["name_nl"]


def _esc(text) -> str:
    return html_lib.escape(str(text or ""), quote=False)


def figure(data: dict, lines: list[dict], lang: str) -> dict:
    ind = data["ind"]
    traces = []
    order = {"member": 0, "region": 1, "group": 2, "chosen": 3}
    for s in sorted(lines, key=lambda s: order[s["role"]]):
        texts = []
        for _y, v, f, n in s["points"]:
            extra = ""
            if isinstance(f, str) and f != "original":
                extra = " · " + t_or(f"flag.{f}", lang, f)
            texts.append(_esc(qp.value_text(v, ind["unit"], ind["kind"], lang) + extra))
        role = s["role"]
        traces.append({
            "type": "scatter", "mode": "lines" if role == "member" else "lines+markers",
            "x": [p[0] for p in s["points"]], "y": [p[1] for p in s["points"]], "name": _esc(s["label"]),
            "line": {"color": s["colour"], "width": {"member": 1, "region": 2, "group": 3, "chosen": 3}[role],
                     "dash": {"member": "solid", "region": "dot", "group": "dash", "chosen": "solid"}[role]},
            "marker": {"size": 6, "symbol": ["circle" if p[2] in (None, "original") else "circle-open" for p in s["points"]]},
            "customdata": texts, "hovertemplate": "%{customdata}<extra>" + _esc(s["label"]) + "</extra>",
            "showlegend": role != "member",
            "opacity": 0.8 if role == "member" else 1,
        })
    return {"data": traces, "layout": {
        "height": 420, "margin": {"l": 70, "r": 20, "t": 20, "b": 40}, "hovermode": "closest",
        "separators": ",." if lang == "nl" else ".,", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "font": {"family": "system-ui, Arial, sans-serif", "size": 13, "color": "#1a1a1a"},
        "legend": {"orientation": "h", "y": -0.15},
        "xaxis": {"tickformat": "d", "gridcolor": "#e5e8ec", "dtick": 1 if len(ind["years"]) <= 12 else None},
        "yaxis": {"gridcolor": "#e5e8ec", "title": {"text": _esc(ind["unit"])},
                  "rangemode": "tozero" if ind["kind"] == "count" else "normal"},
    }}


def chart_table(data: dict, lines: list[dict], lang: str):
    ind = data["ind"]
    years = [int(y) for y in ind["years"]]
    head = html.Thead(html.Tr([html.Th(t("compare.col.series", lang), scope="col")]
                              + [html.Th(str(y), scope="col", className="num") for y in years]))
    body = []
    for s in lines:
        cells = [html.Th(s["label"], scope="row")]
        for _y, v, f, n in s["points"]:
            text = qp.value_text(v, ind["unit"], ind["kind"], lang)
            if isinstance(f, str) and f != "original":
                cells.append(html.Td(f"{text} · {t_or(f'flag.{f}', lang, f)}", className="num flagged",
                                     title=qp.note_with_names(n, data["names"])))
            else:
                cells.append(html.Td(text, className="num"))
        body.append(html.Tr(cells))
    caption = t("compare.chart_table", lang, indicator=qp.indicator_name(ind, lang))
    return html.Details([html.Summary(t("profile.show_table", lang), id="compare-chart-table-toggle"),
                         scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)],
                                               id="compare-chart-table", className="data-table compact"), caption, lang)],
                        className="details chart-table")


def method_text(data: dict, lang: str) -> list:
    mode = data["mode"]
    if mode == "peers" and data["model"] is not None:
        variables = []
        for v in data["model"].variables:
            meta = data["all_inds"].get(v["indicator_id"])
            name = qp.indicator_name(meta, lang) if meta else v["indicator_id"]
            if v["transform"] == "log10":
                name = t("peers.log", lang, name=name)
            variables.append(f"{name} ({v['year']})")
        return [html.P(t("peers.method", lang, k=peers.K, variables="; ".join(variables)), id="compare-method",
                       className="section-intro method")]
    if mode == "province" and data["province"]:
        return [html.P(t("compare.method.province", lang, area=_area_name(data, data["province"], lang)),
                       id="compare-method", className="section-intro method")]
    return []


GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage"]]}


@callback(Output("compare-chart", "children"), Output("compare-ranking-caption", "children"),
          Output("compare-ranking-head", "children"), Output("compare-message", "children"),
          Output("compare-ranking-data", "data"),
          Input("compare-indicator", "value"), Input("compare-nis", "value"), Input("compare-mode", "value"),
          Input("compare-province", "value"), Input("compare-start", "value"), Input("compare-end", "value"),
          Input("compare-only", "value"), Input("compare-lang", "data"), State("compare-sort", "data"))
def _render(indicator, nis, mode, province, start, end, only, lang, sort):
    return render(indicator, nis, mode, province, start, end, only, normalise_lang(lang), sort or {})


def render(indicator, nis, mode, province, start, end, only, lang, sort):
    nis = [c for c in (nis or []) if qp.valid_nis(c)][:MAX_CHOSEN]
    try:
        data = load(indicator, nis, mode or "own", province, start, end)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang), None, None, None, None
    if data["status"] != "ok":
        return html.Div(t("compare.unknown_indicator", lang, indicator=str(indicator)[:64]),
                        className="notice", id="compare-unknown"), None, None, None, None
    message = None
    if mode == "peers" and not nis:
        message = html.P(t("compare.peers_need_one", lang), className="notice")
    elif mode == "province" and not province:
        message = html.P(t("compare.province_need", lang), className="notice")
    elif mode in (None, "own") and not nis:
        message = html.P(t("compare.choose_some", lang), className="notice")
    lines = series_list(data, lang)
    ind = data["ind"]
    chart = section("compare-trend", t("compare.trend", lang, indicator=qp.indicator_name(ind, lang)),
                    *method_text(data, lang),
                    html.P(t("compare.count_note", lang), className="section-intro") if ind["kind"] == "count" else None,
                    dcc.Graph(id="compare-graph", figure=figure(data, lines, lang), config=GRAPH_CONFIG),
                    chart_table(data, lines, lang),
                    html.P(ind.get(f"definition_{lang}") or ind.get("definition_nl") or "", className="section-intro"))
    rows = ranking_rows(data, lang)
    if only and "only" in only and data["members"]:
        rows = [r for r in rows if r["selected"]]
    caption, head = ranking_head(data, rows, sort or {"key": "rank", "asc": True}, lang)
    return chart, caption, head, message, ranking_data(data, rows, lang)


@callback(Output("compare-sort", "data"),
          Input({"type": "compare-sort-button", "col": ALL}, "n_clicks"),
          State("compare-sort", "data"), prevent_initial_call=True)
def _sort(clicks, sort):
    """A header click: the new sort (same column again flips it). Numbers start with the most need
    or the largest value first; text starts A-Z."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(clicks or []):
        return no_update
    key = trigger["col"]
    sort = sort or {}
    asc = not sort.get("asc", True) if sort.get("key") == key else key not in ("end", "start", "change", "change_rel")
    return {"key": key, "asc": asc}


clientside_callback(
    RENDER_JS,
    Output("compare-ranking-body", "children"),
    Output({"type": "compare-sort-th", "col": ALL}, "aria-sort"),
    Output({"type": "compare-sort-arrow", "col": ALL}, "children"),
    Output("compare-page-info", "children"), Output("compare-prev", "disabled"), Output("compare-next", "disabled"),
    Input("compare-ranking-data", "data"), Input("compare-sort", "data"), Input("compare-page", "data"),
)

clientside_callback(
    PAGE_JS, Output("compare-page", "data"),
    Input("compare-prev", "n_clicks"), Input("compare-next", "n_clicks"), Input("compare-sort", "data"),
    Input("compare-ranking-data", "data"), State("compare-page", "data"), prevent_initial_call=True,
)


# ------------------------------------------------------------------------------- downloads

def export(indicator, nis, mode, province, start, end, sort, lang):
    try:
        data = load(indicator, [c for c in (nis or []) if qp.valid_nis(c)][:MAX_CHOSEN], mode or "own", province, start, end)
    except db.WarehouseError:
        return None
    if data["status"] != "ok":
        return None
    ind = data["ind"]
    rows = sort_rows(ranking_rows(data, lang), sort or {"key": "rank", "asc": True})
    names = data["names"]
    C = downloads.Column
    decimals = 4 if ind["unit"] == "%" else 2

    def words(flag):
        return t_or(f"flag.{flag}", lang, str(flag)) if isinstance(flag, str) else ""

    out = [{**r, "start_flag": words(r["start_flag"]), "end_flag": words(r["end_flag"]),
            "start_note": qp.note_with_names(r["start_note"], names), "end_note": qp.note_with_names(r["end_note"], names),
            "selected": t("compare.yes", lang) if r["selected"] else ""} for r in rows]
    cols = [C("rank", t("compare.col.rank_plain", lang, year=data["end"]), "int"),
            C("name", t("compare.col.name", lang)), C("nis", t("compare.col.nis", lang)),
            C("province", t("compare.col.province", lang)),
            C("start", t("compare.col.value", lang, year=data["start"]), "number", decimals),
            C("start_flag", t("compare.col.flag", lang, year=data["start"])),
            C("end", t("compare.col.value", lang, year=data["end"]), "number", decimals),
            C("end_flag", t("compare.col.flag", lang, year=data["end"])),
            C("change", t("compare.col.change_pp" if ind["unit"] == "%" else "compare.col.change", lang), "number", decimals),
            C("change_rel", t("compare.col.change_rel", lang), "number", 2),
            C("selected", t("compare.col.selected", lang)),
            C("end_note", t("compare.col.note", lang, year=data["end"]))]
    name = qp.indicator_name(ind, lang)
    intro = [t("compare.export_title", lang, indicator=name, start=data["start"], end=data["end"]),
             f"{t('col.unit', lang)}: {ind['unit']} · " + (t("profile.rank_count", lang) if ind["kind"] == "count"
                                                         else t(f"profile.rank_{ind['direction']}", lang))]
    lines = series_list(data, lang)
    series_rows = [{"series": s["label"], "year": y, "value": v, "flag": words(f) if s["role"] != "group" else "",
                    "note": qp.note_with_names(n, names)} for s in lines for (y, v, f, n) in s["points"]]
    series_cols = [C("series", t("compare.col.series", lang)), C("year", t("col.year", lang), "int"),
                   C("value", t("profile.col.value", lang), "number", None), C("flag", t("profile.col.flag", lang)),
                   C("note", t("profile.col.note", lang))]
    notes = [{"text": f"{name}: {ind.get(f'definition_{lang}') or ind.get('definition_nl') or ''}"}]
    notes += [{"text": p.children} for p in method_text(data, lang)]
    notes += [{"text": f"{t(f'flag.{f}', lang)}: {t(f'flag.{f}.help', lang)}"} for f in FLAGS]
    notes.append({"text": t("profile.sources", lang)})
    sheets = [downloads.Sheet(t("compare.sheet.ranking", lang), cols, out, intro),
              downloads.Sheet(t("compare.sheet.series", lang), series_cols, series_rows, intro[:1]),
              downloads.Sheet(t("profile.sheet.notes", lang), [C("text", t("profile.col.note", lang))], notes, intro[:1])]
    return name, sheets


CONTROL_STATES = [State("compare-indicator", "value"), State("compare-nis", "value"), State("compare-mode", "value"),
                  State("compare-province", "value"), State("compare-start", "value"), State("compare-end", "value"),
                  State("compare-sort", "data"), State("compare-lang", "data")]


@callback(Output("compare-download-csv", "data"), Input("compare-csv", "n_clicks"), *CONTROL_STATES,
          prevent_initial_call=True)
def _download_csv(_n, indicator, nis, mode, province, start, end, sort, lang):
    made = export(indicator, nis, mode, province, start, end, sort, normalise_lang(lang))
    if made is None:
        return no_update
    name, sheets = made
    return dcc.send_bytes(downloads.csv_bytes(sheets[0].columns, sheets[0].rows),
                          downloads.file_name("vergelijking", name, ext="csv"), type=downloads.CSV_MIME)


@callback(Output("compare-download-xlsx", "data"), Input("compare-xlsx", "n_clicks"), *CONTROL_STATES,
          prevent_initial_call=True)
def _download_xlsx(_n, indicator, nis, mode, province, start, end, sort, lang):
    made = export(indicator, nis, mode, province, start, end, sort, normalise_lang(lang))
    if made is None:
        return no_update
    name, sheets = made
    return dcc.send_bytes(downloads.workbook_bytes(sheets), downloads.file_name("vergelijking", name, ext="xlsx"),
                          type=downloads.XLSX_MIME)
