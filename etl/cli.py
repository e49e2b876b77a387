"""Command line: `python -m etl build | import-indicator FILE | export-wq28 OUT | template OUT | load-report FILE...`.

Exit codes: 0 success, 1 a source or check failed (warehouse untouched), 2 invalid input file
(nothing changed), 130 interrupted (warehouse untouched).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from etl.config import load_settings
from etl.errors import EtlError, EtlErrors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Kinderarmoedemonitor ETL")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="bouw het warehouse uit alle bronnen van de catalogus")
    p_build.add_argument("--quiet", action="store_true", help="geen voortgangsweergave")
    p_imp = sub.add_parser("import-indicator", help="laad een eigen indicator (CSV of xlsx)")
    p_imp.add_argument("file", type=Path)
    p_imp.add_argument("--meta", type=Path, help="metadata als JSON- of TOML-bestand")
    p_imp.add_argument("--sheet", help="werkblad met de gegevens (standaard het eerste, behalve 'metadata')")
    for key in ("indicator-id", "name-nl", "name-en", "unit", "definition-nl", "definition-en", "source",
                "source-url", "licence", "direction", "kind", "scale", "value-min", "value-max",
                "unit-en", "short-unit", "decimals"):
        p_imp.add_argument(f"--{key}")
    p_imp.add_argument("--by", help="wie importeert (standaard de gebruikersnaam)")
    p_wq = sub.add_parser("export-wq28", help="Excel-antwoord op schriftelijke vraag nr. 28 (per provincie, per gemeente)")
    p_wq.add_argument("out", type=Path)
    p_wq.add_argument("--province", help="alleen de gemeenten van deze provincie (NIS-code, bv. 70000; Brussel 04000)")
    p_tpl = sub.add_parser("template", help="schrijf het Excel-sjabloon voor de rapportage van een project")
    p_tpl.add_argument("out", type=Path)
    p_tpl.add_argument("--project", help="vul dit project-id al in (bv. lbn-001)")
    p_rep = sub.add_parser("load-report", help="controleer en laad ingevulde rapportagewerkmappen")
    p_rep.add_argument("files", type=Path, nargs="+")
    p_rep.add_argument("--by", help="wie laadt (standaard de gebruikersnaam)")
    args = parser.parse_args(argv)
    # soft_wrap: messages stay on one line each, so they can be searched and logged.
    console = Console(stderr=True, soft_wrap=True)
    _interrupt_on_sigterm()
    try:
        if args.command == "build":
            return _build(args, console)
        if args.command == "export-wq28":
            return _export_wq28(args, console)
        if args.command in ("template", "load-report"):
            from etl.reports import commands
            return commands.run(args, console)
        return _import(args, console)
    except KeyboardInterrupt:
        console.print("[red]Onderbroken[/red]: het vorige warehouse is ongewijzigd.")
        return 130
    except EtlError as exc:  # what a command did not handle itself
        console.print(f"[bold red]Mislukt[/bold red]: {escape(exc.describe())}. Het warehouse is ongewijzigd.",
                      highlight=False)
        return 1
    except Exception as exc:  # a full disk, a bug: still say what, and the warehouse stayed as it was
        console.print_exception(max_frames=5)
        console.print(f"[bold red]Mislukt[/bold red] door een onverwachte fout: {type(exc).__name__}: {escape(str(exc))}. "
                      "Het warehouse is ongewijzigd.", highlight=False)
        return 1


def _interrupt_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl-C, so an interrupted build still removes its unfinished file."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        def _raise(signum, frame):
            raise KeyboardInterrupt
        signal.signal(signal.SIGTERM, _raise)


def _build(args, console: Console) -> int:
    from etl.build import build
    from etl.progress import BuildProgress

    settings = load_settings()
    try:
        result = build(settings, BuildProgress(enabled=not args.quiet, console=console))
    except EtlError as exc:
        console.print(f"[bold red]Build mislukt[/bold red] ({escape(exc.describe())})", highlight=False)
        console.print(f"Het vorige warehouse ({settings.warehouse_path}) is ongewijzigd.", highlight=False, markup=False)
        return 1
    except Exception as exc:  # a bug or an unforeseen input: still say what and keep the old warehouse
        console.print_exception(max_frames=5)
        console.print(f"[bold red]Build mislukt[/bold red] door een onverwachte fout: {type(exc).__name__}: {escape(str(exc))}. "
                      f"Het vorige warehouse ({settings.warehouse_path}) is ongewijzigd.", highlight=False)
        return 1
    total = sum(result.rows.values())
    console.print(f"[green]Klaar[/green]: build {result.build_id} in {result.seconds:.1f} s, "
                  f"{total:,} rijen uit {len(result.rows)} bestanden -> {result.warehouse}".replace(",", "."),
                  highlight=False)
    return 0


def _import(args, console: Console) -> int:
    from etl.imports import import_indicator, read_meta_file

    settings = load_settings()
    meta = {}
    try:
        if args.meta:
            meta.update(read_meta_file(args.meta))
        for key in ("indicator_id", "name_nl", "name_en", "unit", "definition_nl", "definition_en", "source",
                    "source_url", "licence", "direction", "kind", "scale", "value_min", "value_max",
                    "unit_en", "short_unit", "decimals"):
            if getattr(args, key) is not None:
                meta[key] = getattr(args, key)
        summary = import_indicator(args.file, meta, settings, sheet=args.sheet, user=args.by)
    except EtlErrors as exc:
        console.print(f"[bold red]Import geweigerd[/bold red]: {len(exc.errors)} probleem/problemen; er is niets gewijzigd.")
        for err in exc.errors:
            console.print(f"  - {err.describe()}", highlight=False, markup=False)
        return 2
    except EtlError as exc:
        console.print("[bold red]Import geweigerd[/bold red]; er is niets gewijzigd.")
        console.print(f"  - {exc.describe()}", highlight=False, markup=False)
        return 2
    console.print(f"[green]Geïmporteerd[/green]: {summary['indicator_id']}, {summary['rows']} gemeentewaarden, "
                  f"jaren {summary['years']}, vlaggen {summary['flags']}", highlight=False)
    return 0


def _export_wq28(args, console: Console) -> int:
    from etl.exports import export_wq28

    settings = load_settings()
    if not settings.warehouse_path.exists():
        console.print(f"Geen warehouse op {settings.warehouse_path}: bouw eerst met `python -m etl build`.")
        return 1
    export_wq28(settings.warehouse_path, args.out, args.province)
    console.print(f"[green]Geschreven[/green]: {escape(str(args.out))}", highlight=False)
    return 0
