"""The two report commands of `python -m etl`: `template` and `load-report`.

Exit codes as the rest of the CLI: 0 done, 2 invalid workbook(s) (nothing loaded, warehouse
unchanged), 1 any other failure (no warehouse, unreadable registers, a failed check).
"""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from etl.config import load_settings
from etl.errors import EtlError


def run(args, console: Console) -> int:
    try:
        return _template(args, console) if args.command == "template" else _load(args, console)
    except EtlError as exc:
        console.print(f"[bold red]Mislukt[/bold red]: {escape(exc.describe())}", highlight=False)
        return 1


def _template(args, console: Console) -> int:
    from etl.reports.periods import runtimes_from_registers
    from etl.reports.template import write_template

    settings = load_settings()
    runtimes = runtimes_from_registers(settings.registers_dir)
    write_template(args.out, runtimes, args.project)
    which = f"project {args.project}" if args.project else f"{len(runtimes)} projecten"
    console.print(f"[green]Geschreven[/green]: {escape(str(args.out))} (sjabloon voor {escape(which)})", highlight=False)
    return 0


def _load(args, console: Console) -> int:
    from etl.reports.load import ReportsRejected, load_reports

    settings = load_settings()
    try:
        summary = load_reports(list(args.files), settings, user=args.by, channel="cli")
    except ReportsRejected as exc:
        files = len(exc.reports)
        console.print(f"[bold red]Geweigerd[/bold red]: {len(exc.problems)} probleem/problemen in {files} "
                      f"bestand(en); er is niets geladen en het warehouse is ongewijzigd.", highlight=False)
        for problem in exc.problems:
            console.print(f"  - {problem.describe()} (verwacht: {problem.expected})", highlight=False, markup=False)
        return 2
    for entry, rows in summary.loaded:
        counts = ", ".join(f"{n} {table.removeprefix('project_')}" for table, n in rows.items())
        console.print(f"[green]Geladen[/green]: {escape(entry.file_name)} -> rapport {entry.report_id} "
                      f"({entry.project_id}, {entry.period}; {counts})", highlight=False)
    for file_name, report_id in summary.unchanged:
        console.print(f"Ongewijzigd: {file_name} is al geladen als rapport {report_id}", highlight=False, markup=False)
    return 0
