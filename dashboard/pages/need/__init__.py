"""Need and provision (`/behoefte`): does the provision (the networks against child poverty, and
their funding once projects report it) reach the municipalities with most need?

Four views on one choice of need indicator, year, region (Flanders, Brussels or both) and split
rule: a scatter of need against intensity with movable thresholds and quadrant counts; a gap finder
(municipalities ranked by need with (almost) no network, as a list, a map and an export); the
spread over the provinces and Brussels (summed counts, never averaged rates); the concentration
curve and index, with the index per region and together whatever the region chosen. A print button
prints the page once its charts and map are drawn (`dashboard/ui/printing.py`).

- `page.py`: the registration and `layout(**query)`;
- `state.py`: the view in the URL, read and written;
- `layout.py`: the frame and the sections' components;
- `callbacks.py`: every callback (on a `PageCallbacks`);
- `view.py`: the view model (the cached model per indicator, year and rule; rows and sentences);
- `figures.py`: the plotly figures; `exports.py`: the CSV and Excel downloads.
The rules are in `dashboard/need.py` (pure, tested), the reads in `dashboard/queries/need.py`.
"""
