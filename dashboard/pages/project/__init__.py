"""Project page (`/project?id=lbn-001&lang=en`): one project of the registers with its places (list and
small map), partners (table and network graph) and the figures it reported in its monitoring
workbooks: budget per year, reach per period and measure, outcomes against baseline and target.

- `page.py`: the registration and `layout(**query)` (the id from the URL).
- `layout.py`: the sections, from one build's rows (queries/project.page_data, cached per build).
- `view.py`: the rows as texts (places, partners, amounts, progress, reporting status).
- `figures.py`: the small map, the partner network and the budget, reach and outcome charts.
- `exports.py`: each chart's data as CSV or Excel, with provenance; `callbacks.py`: the downloads.
Progress and period order are dashboard/monitoring.py.
"""
