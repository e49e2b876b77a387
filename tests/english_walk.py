"""Walk a page as a browser would, without one: its layout, then every callback whose inputs are on
the page (through the app's own callback endpoint, round after round until nothing new comes), then
every download button. Used by test_english_everywhere.py to read all a user can see or download.
"""
from __future__ import annotations

import base64
import io
import json
from urllib.parse import urlencode

import plotly

from tests.dash_pages import page

# Props that hold codes, addresses or styling, never text a reader sees.
NOT_TEXT_PROPS = frozenset({
    "id", "href", "className", "style", "value", "src", "type", "key", "pathname", "search", "data",
    "target", "rel", "role", "htmlFor", "n_clicks", "n_clicks_timestamp", "config", "columns_ids",
    "hash", "refresh", "tabIndex", "download", "accept", "lang", "loading_state", "setProps",
    "hoverData", "clickData", "selectedData", "relayoutData", "restyleData", "figure_ids", "width",
})
# Figure keys that hold text a reader sees.
FIGURE_TEXT_KEYS = frozenset({"text", "title", "name", "hovertemplate", "ticktext", "label", "labels",
                              "customdata", "legendgrouptitle", "header", "cells", "values"})


def _as_plain(component):
    """A layout (Dash components) as plain JSON values, as the browser receives it."""
    return json.loads(json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder))


def _components(node, found: dict) -> dict:
    """{id: props} of every component with a plain id in a plain layout."""
    if isinstance(node, list):
        for child in node:
            _components(child, found)
    elif isinstance(node, dict):
        if "props" in node and "type" in node:
            props = node["props"]
            if isinstance(props.get("id"), str):
                found[props["id"]] = props
            for value in props.values():
                _components(value, found)
        else:
            for value in node.values():
                _components(value, found)
    return found


def visible_text(node, out: list[str], inside_figure: bool = False) -> list[str]:
    """Every string a reader sees in a plain layout or callback answer, leaving out elements marked
    `lang="nl"` (quoted Dutch, WCAG 3.1.2) and props that hold codes or addresses."""
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, list):
        for child in node:
            visible_text(child, out, inside_figure)
    elif isinstance(node, dict):
        if "props" in node and "type" in node:
            props = node["props"]
            if props.get("lang") == "nl":
                return out
            for name, value in props.items():
                if name == "figure":
                    visible_text(_figure_text(value), out, True)
                elif name == "options":
                    visible_text([o.get("label") if isinstance(o, dict) else o for o in value or []], out)
                elif name not in NOT_TEXT_PROPS:
                    visible_text(value, out, inside_figure)
        elif inside_figure:
            for name, value in node.items():
                if name in FIGURE_TEXT_KEYS or isinstance(value, (dict, list)):
                    visible_text(value, out, True)
        else:
            for name, value in node.items():
                if name not in NOT_TEXT_PROPS:
                    visible_text(value, out, inside_figure)
    return out


def _figure_text(figure) -> list:
    if not isinstance(figure, dict):
        return []
    return [{k: v for k, v in trace.items() if k in FIGURE_TEXT_KEYS} for trace in figure.get("data") or []] + \
        [figure.get("layout") or {}]


def _deps(spec: dict):
    return spec["inputs"], spec["state"]


def _plain_ids(items) -> bool:
    """No pattern-matching ids (those need the components a click creates)."""
    return all(isinstance(i["id"], str) and not i["id"].startswith("{") for i in items)


def _outputs(key: str, spec: dict) -> list[dict]:
    outs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    return [{"id": o.component_id, "property": o.component_property} for o in outs]


def _sends_a_file(key: str, spec: dict) -> bool:
    return any(o["property"] == "data" and isinstance(o["id"], str) and "download" in o["id"]
               for o in _outputs(key, spec))


def _post(client, key, spec, store, changed=()):
    inputs, state = _deps(spec)
    body = {
        "output": key, "outputs": _outputs(key, spec) if isinstance(spec["output"], list) else _outputs(key, spec)[0],
        "inputs": [{**i, "value": store[i["id"]].get(i["property"])} for i in inputs],
        "state": [{**s, "value": store[s["id"]].get(s["property"])} for s in state],
        "changedPropIds": list(changed),
    }
    response = client.post("/_dash-update-component", json=body)
    if response.status_code == 204:
        return {}
    assert response.status_code == 200, (key, response.status_code, response.get_data(as_text=True)[:2000])
    return response.get_json().get("response", {})


def walk(app, path: str, query: dict, rounds: int = 4) -> tuple[list, list[tuple[str, bytes]]]:
    """(every layout and callback answer of the page, every downloaded file as (name, bytes))."""
    client = app.server.test_client()
    client.get(path)  # sets Dash's callback map up, as a browser's first request does
    layout = _as_plain(page(path).layout(**query))
    search = "?" + urlencode(query)
    store = _components(layout, {})
    store["app-url"] = {"pathname": path, "search": search}
    seen = [layout]
    # only the server's callbacks: a clientside one (no "callback") runs in the browser
    specs = {k: v for k, v in app.callback_map.items()
             if not k.startswith("..app-") and not k.startswith("app-") and "callback" in v}
    prevented = {c["output"] for c in app._callback_list if c.get("prevent_initial_call")}
    done: dict[str, str] = {}
    for _ in range(rounds):
        changed = False
        for key, spec in specs.items():
            inputs, state = _deps(spec)
            if not (_plain_ids(inputs) and _plain_ids(state) and _plain_ids(_outputs(key, spec))) or _sends_a_file(key, spec):
                continue
            if not all(i["id"] in store for i in inputs + state) or key in prevented:
                continue
            signature = json.dumps([store[i["id"]].get(i["property"]) for i in inputs + state], sort_keys=True, default=str)
            if done.get(key) == signature:
                continue
            done[key] = signature
            answer = _post(client, key, spec, store)
            seen.append(answer)
            for component_id, props in answer.items():
                store.setdefault(component_id, {}).update(props)
                for value in props.values():
                    _components(value, store)
                changed = True
        if not changed:
            break
    files = []
    for key, spec in specs.items():
        inputs, state = _deps(spec)
        if not _sends_a_file(key, spec):
            continue
        if not (_plain_ids(inputs) and _plain_ids(state) and _plain_ids(_outputs(key, spec))) or not all(i["id"] in store for i in inputs + state):
            continue
        for button in inputs:
            if button["property"] != "n_clicks":
                continue
            clicked = {**store, button["id"]: {**store[button["id"]], "n_clicks": 1}}
            answer = _post(client, key, spec, clicked, [f"{button['id']}.n_clicks"])
            for props in answer.values():
                sent = props.get("data")
                if isinstance(sent, dict) and sent.get("content") is not None:
                    content = base64.b64decode(sent["content"]) if sent.get("base64") else sent["content"].encode()
                    files.append((sent["filename"], content))
    return seen, files


def file_text(name: str, content: bytes) -> str:
    """A downloaded file's text: a CSV as it is, a workbook's every cell."""
    if name.endswith(".csv"):
        return content.decode("utf-8-sig")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content))
    return "\n".join(ws.title + "\n" + "\n".join(" | ".join("" if v is None else str(v) for v in row)
                                                  for row in ws.iter_rows(values_only=True)) for ws in wb.worksheets)
