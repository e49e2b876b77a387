"""What every chart shares: the plotly config (a PNG button with a readable file name) and fonts."""
from __future__ import annotations

FONT = {"family": "system-ui, Arial, sans-serif", "size": 13, "color": "#1a1a1a"}
FILE_PREFIX = "kinderarmoedemonitor"


def graph_config(filename: str, *, scroll_zoom: bool = False, only_png: bool = False) -> dict:
    """The `config` of a dcc.Graph: no plotly logo, responsive, PNG export at twice the size named
    `kinderarmoedemonitor-<filename>.png`. `only_png` leaves just that button (charts where zoom and
    pan mean nothing); maps set `scroll_zoom`."""
    config = {
        "displaylogo": False, "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": f"{FILE_PREFIX}-{filename}", "scale": 2},
    }
    if only_png:
        config["modeBarButtons"] = [["toImage"]]
    else:
        config["modeBarButtonsToRemove"] = ["select2d", "lasso2d", "autoScale2d"]
    if scroll_zoom:
        config["scrollZoom"] = True
    return config
