"""The dashboard's reads of the warehouse: SQL only, one module per subject (`map`, `need`,
`profile`, `portfolio`, `project`, `status`), each function taking a `db.Reader` and returning a
DataFrame, rows or a dict of them. Parameters travel as bound values, never formatted into SQL.
Presentation (text, links, figures) lives in the pages and in dashboard/ui.
"""

# The flags of etl.tables.FLAGS, in that order (a test keeps them in step; importing etl.tables
# would pull pandera into the web server).
FLAGS = ("original", "recomputed_2025", "estimated", "suppressed", "missing")
CURRENT_VINTAGE = 2025
