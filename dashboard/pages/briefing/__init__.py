"""Briefing (`/briefing`): one printable page per municipality or province for a policy evaluation or
a parliamentary answer: the key figures with their year, rank and benchmarks, the networks there, and
footnotes with the data years, the sources (publisher, licence, URL, retrieval date), the flags and
the merger status. "Print or save as PDF" uses the browser's print dialogue with the print style
sheet (A4, controls hidden).

- `page.py`: the page's entry for Dash (path, title, navigation) and the URL parsed into `layout.build`.
- `layout.py`: the frame (no data read), the footnotes and the sheet of a municipality or a province.
- `callbacks.py`: the places, the sheet of the chosen one (read from one build), the URL, printing.
- `view.py`: the place chosen, and the texts of the sheet (values, changes, footnotes).
"""
