"""Action plan (`/actieplan`): the 201 actions of the Vlaams Actieplan Armoedebestrijding 2015-2019
by fundamental right and by minister, searchable and exportable, with the amounts the plan states.

Which amounts are summed is decided in one place, `dashboard.action_plan.counted_amounts` (one amount
per action, a lower bound; see its docstring), and the page states the rule in words. Charts (per
right, per minister) follow the filters; each has a table with the same figures and downloads.

- `page.py`: the page's entry for Dash (path, title, navigation) and the URL parsed into `layout.build`.
- `layout.py`: the frame (no data read) and the content the callback fills.
- `callbacks.py`: options, content, the URL kept in step, the downloads.
- `view.py`: the data of one build, the search, and the rows and texts of the table and charts.
- `figures.py`: the bar charts.
- `exports.py`: the actions and the charts' figures as CSV/Excel.
"""
