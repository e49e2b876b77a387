"""Comparison (`/vergelijk`): up to 6 chosen municipalities, a peer group (the 10 most similar to the
first chosen one, see dashboard/peers.py) or all municipalities of a province, side by side for one
indicator; and a sortable ranking of all 304 with start value, end value, absolute and relative change.

The view lives in the URL; controls write it back to the shell's `app-url` (no reload) and opening
such a URL restores the view. All values of the indicator come from one query.

- page.py: the page's entry in the app; reads the URL into the initial state.
- layout.py: the controls and the ranking's frame, the chart section, the ranking's header.
- callbacks.py: options, years, the URL, the chart and ranking, sorting and paging (in the browser,
  the rows drawn as plain DOM), the chart's table when opened, downloads.
- figures.py: the trend chart.
- view.py: the URL's state, the view's data (one build), the ranking rows and the chart's lines.
- exports.py: CSV and Excel.
"""
