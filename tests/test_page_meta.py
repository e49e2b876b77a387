"""Each page's title, meta description and `<html lang>` follow `?lang=` in the first HTML the server
sends (link previews, search engines, screen readers before the scripts run) and in the title Dash's
page router sets on client-side navigation (issue 14: no Dutch left in the English interface)."""
from __future__ import annotations

import html
import json
import re

import dash
import pytest

from tests.test_fresh_answers import router_body

pytestmark = pytest.mark.usefixtures("synthetic_warehouse")
SAME_NAME = {"/portfolio", "/project", "/briefing"}  # pages whose name is the same word in both languages


def head(app, url: str) -> dict:
    page = app.server.test_client().get(url).get_data(as_text=True)
    return {"lang": re.search(r'<html lang="(\w+)"', page).group(1),
            "title": html.unescape(re.search(r"<title>(.*?)</title>", page).group(1)),
            "description": html.unescape(re.search(r'<meta name="description" content="(.*?)"', page).group(1))}


def test_every_page_is_served_with_its_title_and_description_in_the_url_language(app):
    paths = [p["path"] for p in dash.page_registry.values()]
    assert len(paths) >= 13
    for path in paths:
        dutch, english = head(app, path), head(app, path + "?lang=en")
        assert (dutch["lang"], english["lang"]) == ("nl", "en")
        assert english["title"].endswith("– Kinderarmoedemonitor"), path
        if path not in SAME_NAME:
            assert english["title"] != dutch["title"], path
        assert english["description"] and english["description"] != dutch["description"], path
    profile = head(app, "/gemeente?nis=46029&lang=en")
    assert profile["title"] == "Municipality profile – Kinderarmoedemonitor"
    assert head(app, "/gemeente?nis=46029")["title"] == "Gemeenteprofiel – Kinderarmoedemonitor"


def test_the_page_router_gives_the_title_in_the_url_language(app):
    client = app.server.test_client()

    def routed_title(search: str) -> str:
        answer = client.post("/_dash-update-component", json=router_body("/vergelijk", search))
        assert answer.status_code == 200
        return json.loads(answer.data)["response"]["_pages_store"]["data"]["title"]

    assert routed_title("?lang=en") == "Compare – Kinderarmoedemonitor"
    assert routed_title("") == "Vergelijken – Kinderarmoedemonitor"
