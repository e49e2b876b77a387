"""The map (home page, `/`): a choropleth of the 304 municipalities (2025) for one indicator and
year, with the networks against child poverty as an overlay and a table as its alternative.

- page.py: the registration with Dash and `layout(**query)` (Dash loads only that file as a page).
- state.py: the view in the URL (parse and write back).
- layout.py: the frame of the page and the panels (legend, selection, networks, table rows).
- view.py: the view model (indicator, year, classes, values, ranks, networks, control options).
- figures.py: the figure and the patch of a change (hover lines, zoom to a municipality).
- callbacks.py: the callbacks; exports.py: the CSV/Excel download.
"""
