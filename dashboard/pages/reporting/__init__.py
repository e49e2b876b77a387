"""Reporting tracker (`/rapportering?programme=lbn_2023&province=70000&status=missing&lang=en`): every
project against the years it is expected to report on, what each delivered workbook held, what is
missing, and the problems of refused attempts.

Deliveries come from the warehouse (`report` and the figure tables, history included); refused
attempts from the attempts log (etl/reports/attempts.py), which is not in the warehouse. The default
build has no reports: every project then shows "nog niets ontvangen". The rules (expected years,
statuses, filters) are dashboard/monitoring.py.

- `page.py`: the registration and `layout(**query)` (the filters from the URL).
- `layout.py`: the frame with the filters, the tracker table and the refused attempts.
- `view.py`: the tracker's rows for the filters, and their texts.
- `callbacks.py`: table and URL follow the filters; the download.
- `exports.py`: the tracker and the refused attempts' problems as CSV or Excel, with provenance.
"""
