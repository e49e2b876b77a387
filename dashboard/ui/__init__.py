"""The shared UI kit: what every page uses, once.

- `text`: escaping data text for plotly labels, the one `value_text` (re-exported from formatting).
- `links`: hrefs to pages, profiles, projects and briefings that keep the language.
- `graphs`: the graph config (PNG button, file name) and the common figure fonts.
- `maps`: the map figure layout, the default view of Flanders and Brussels, fitting a view to boxes.
- `components`: notices, sections, dropdowns in the page language, table cells, sortable tables.
- `downloads`: CSV and Excel files (provenance lines, labels, formats) and `send_table`, the one
  download factory every page uses.
- `presenting`: presentation mode's marks: a page's main chart (`main`), method text behind a link (`method`).
- `official`: the official sources of a build as a table section (status and data pages).
- `vintages`: a municipality code of 2018 or 2019 in a URL as its 2025 municipality, and the note saying so.
- `sources`: a register's source document in words (title, publisher, date, a link when its address is
  known, the place in it), never `seed:00x`; our line numbers only in a tooltip or their own export column.
"""
