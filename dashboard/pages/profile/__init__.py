"""Municipality profile (`/gemeente?nis=46029&lang=nl|en`): every indicator's trend against the
province, the region and the peer group; the latest value with its ranks and the change since the
first year; flags on every value; merger status; the networks active there; print, CSV and Excel.

- page.py: the page's entry in the app and its URL (`nis`, `lang`).
- layout.py: the frame (never reads the warehouse) and the sections, from one municipality's data.
- callbacks.py: the chooser, the content (everything read from one build by profile_data.load,
  about ten parameterised queries, none per municipality), `?nis=` into the address bar without a
  reload, print, downloads, and the chart tables filled when opened.
- update.py: another municipality chosen: a patch of only the parts that differ (the page and its
  charts stay mounted; the charts get their new figures, assets/staged_charts.js).
- figures.py: the trend chart per indicator (mounted one per browser task by assets/staged_charts.js).
- view.py: labels, ranks, mergers and networks as texts and rows.
- exports.py: CSV and Excel.
"""
