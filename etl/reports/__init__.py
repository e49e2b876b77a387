"""Project reporting: the workbook template, its contract, validation and validated loading.

contract.py (sheets, columns, kinds) · periods.py (periods, project runtimes) · template.py
(`etl template`) · validate.py (`validate_workbook`, pure, also for the dashboard) · load.py
(`etl load-report`, archive, ledger, replay by `etl build`) · commands.py (the CLI glue).
"""
