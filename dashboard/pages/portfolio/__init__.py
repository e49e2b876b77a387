"""Portfolio (`/portfolio`): every programme with its facts as the sources state them (disagreeing
sources side by side, never one picked), every project in a filterable table with CSV and Excel
export, and the answer to written question nr. 28 per province and per municipality (Excel).

- `page.py`: the page's entry for Dash (path, title, navigation) and the URL parsed into `layout.build`.
- `layout.py`: the frame (no data read) and the sections the callbacks fill.
- `callbacks.py`: filling, filtering, the URL kept in step, the downloads.
- `view.py`: the data of one build, the filters, and the rows and texts of the tables.
- `exports.py`: the projects as CSV/Excel and the written-question workbook.

Text from the data reaches the page only through Dash components (escaped by React) and the
exports only through `dashboard.ui.downloads`.
"""
