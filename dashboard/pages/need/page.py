"""The need page's registration (`/behoefte`): the layout for the view in the URL, and its
callbacks attached to the app being created (see dashboard/ui/callbacks.py)."""
from __future__ import annotations

import dash

from dashboard.pages.need import callbacks
from dashboard.pages.need import layout as page_layout
from dashboard.pages.need.state import PATH, parse_state

dash.register_page(
    __name__, path=PATH, name="Nood en aanbod", title="Nood en aanbod – Kinderarmoedemonitor", order=45,
    nav_key="nav.need",
    description="Nood tegenover aanbod per gemeente: netwerken tegen kinderarmoede per inwoner en per kind, "
                "gemeenten met veel nood zonder netwerk, spreiding over de provincies en de concentratiecurve.",
)


def layout(**query):
    """The page for `?indicator=&year=&region=&measure=&rule=&need_t=&int_t=&gap_n=&gap_mode=&gap_top=&gap_min=&lang=`."""
    return page_layout.build(parse_state(**query))


callbacks.page.register()
