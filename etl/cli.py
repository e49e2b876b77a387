"""Command line: `python -m etl build | import-indicator FILE | snapshot SOURCE_ID | export-wq28 OUT | template OUT | load-report FILE...`.

Exit codes: 0 success, 1 a source or check failed (warehouse untouched), 2 invalid input file
(nothing changed), 130 interrupted (warehouse untouched).
"""
from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from etl.cache import DiskError
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
    p_imp.add_argument("--gsm", metavar="CODE", help="een extract van de Gemeente-Stadsmonitor (bv. AR_03): metadata "
                       "uit de GSM-catalogus; herkend zonder deze optie als het bestand GSM_Extract_<CODE>.xlsx heet")
    p_imp.add_argument("--decimal", choices=[",", "."],
                       help="decimaalteken van getallen als tekst: , (Belgisch, 1.234,5) of . (1,234.5); "
                            "nodig als een kolom het niet zelf beslist")
    p_wq = sub.add_parser("export-wq28", help="Excel-antwoord op schriftelijke vraag nr. 28 (per provincie, per gemeente)")
    p_wq.add_argument("out", type=Path)
    p_wq.add_argument("--province", help="alleen de gemeenten van deze provincie (NIS-code, bv. 70000; Brussel 04000)")
    # The workbook's languages are those of etl/exports_texts.toml.
    p_wq.add_argument("--lang", choices=("nl", "en"), default="nl",
                      help="taal van de werkmap: nl (standaard) of en")
    p_tpl = sub.add_parser("template", help="schrijf het Excel-sjabloon voor de rapportage van een project")
    p_tpl.add_argument("out", type=Path)
    p_tpl.add_argument("--project", help="vul dit project-id al in (bv. lbn-001)")
    p_snap = sub.add_parser("snapshot", help="haal de nieuwste uitgave van een officiële bron op, controleer ze en "
                            "schrijf haar vaste versie in de catalogus")
    p_snap.add_argument("source_id", help="bv. gsm-extract-ar-03, statbel-pop-struct, statbel-fiscal-income-zip")
    p_snap.add_argument("--year", type=int, help="het jaar van een bron met één bestand per jaar "
                        "(standaard het nieuwste jaar dat de bron declareert)")
    p_rep = sub.add_parser("load-report", help="controleer en laad ingevulde rapportagewerkmappen")
    p_rep.add_argument("files", type=Path, nargs="+")
    p_rep.add_argument("--by", help="wie laadt (standaard de gebruikersnaam)")
    args = parser.parse_args(argv)
    # soft_wrap: messages stay on one line each, so they can be searched and logged.
    console = Console(stderr=True, soft_wrap=True)
    _interrupt_on_sigterm()
    with _warnings_to(console):
        return _run(args, console)


@contextmanager
def _warnings_to(console: Console) -> Iterator[None]:
    """Warnings of the ETL's modules (a leftover of a killed run removed, ...) on the console, for
    the length of one command."""
    from rich.logging import RichHandler

    handler = RichHandler(console=console, show_time=False, show_path=False, markup=False)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("etl")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _run(args, console: Console) -> int:
    try:
        if args.command == "build":
            return _build(args, console)
        if args.command == "snapshot":
            return _snapshot(args, console)
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
    except OSError as exc:  # a full disk, a read-only folder: one line, no traceback
        _print_disk_error(exc, console, "Mislukt", "Het warehouse is ongewijzigd.")
        return 1
    except Exception as exc:  # a bug: still say what, and the warehouse stayed as it was
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


def _interrupted(exc: BaseException) -> bool:
    """Ctrl-C or SIGTERM that reached DuckDB in the middle of a statement: DuckDB cancels the statement
    and raises its own error instead of KeyboardInterrupt. It is still an interruption (exit 130)."""
    import duckdb

    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and str(exc).strip() == "Query interrupted")


def _build(args, console: Console) -> int:
    from etl.build import build
    from etl.progress import BuildProgress

    settings = load_settings()
    unchanged = f"Het vorige warehouse ({settings.warehouse_path}) is ongewijzigd."
    try:
        result = build(settings, BuildProgress(enabled=not args.quiet, console=console))
    except EtlError as exc:  # one line: the reason, and that nothing changed
        console.print(f"[bold red]Build mislukt[/bold red] ({escape(exc.describe())}). {escape(unchanged)}",
                      highlight=False)
        return 1
    except OSError as exc:  # a full disk, a read-only or misplaced folder: one line, no traceback
        _print_disk_error(exc, console, "Build mislukt", unchanged, settings.warehouse_path.parent)
        return 1
    except Exception as exc:  # a bug or an unforeseen input: still say what and keep the old warehouse
        if _interrupted(exc):
            raise KeyboardInterrupt from exc
        console.print_exception(max_frames=5)
        console.print(f"[bold red]Build mislukt[/bold red] door een onverwachte fout: {type(exc).__name__}: {escape(str(exc))}. "
                      f"Het vorige warehouse ({settings.warehouse_path}) is ongewijzigd.", highlight=False)
        return 1
    total = sum(result.rows.values())
    console.print(f"[green]Klaar[/green]: build {result.build_id} in {result.seconds:.1f} s, "
                  f"{total:,} rijen uit {len(result.rows)} bestanden -> {result.warehouse}".replace(",", "."),
                  highlight=False)
    _print_official(result.official, console)
    for skipped in result.superseded_imports:
        console.print(superseded_line(skipped), highlight=False, markup=False)
    return 0


def superseded_line(skipped: dict) -> str:
    """One line for a stored import the build skipped because the official release was loaded."""
    return (f"  = import {skipped['indicator_id']} ({skipped['file_name']}, geïmporteerd {skipped['imported_at']}) "
            f"overgeslagen: de officiële uitgave {skipped['official_source']} is geladen en gaat voor. De import "
            f"blijft bewaard in {skipped['folder']} en telt weer in een build zonder die uitgave.")


def _print_disk_error(exc: OSError, console: Console, failed: str, unchanged: str, folder: Path | None = None) -> None:
    """An OSError the code below did not word itself (a full disk while the warehouse is written, ...):
    one line with the path (the one it names, else `folder`, default the warehouse's), the cause and
    what to do."""
    from etl.cache import disk_error

    message = disk_error(exc, folder or load_settings().warehouse_path.parent, "WAREHOUSE_PATH").describe()
    console.print(f"[bold red]{failed}[/bold red]: {escape(message)}. {escape(unchanged)}", highlight=False)


def _print_official(statuses: list[dict], console: Console) -> None:
    """Per official source: loaded (rows, years, retrieved) or missing (why, and the command that loads it)."""
    from etl.sources.official import summary_lines

    for line in summary_lines(statuses):
        console.print(line, highlight=False, markup=False)


META_OPTIONS = ("indicator_id", "name_nl", "name_en", "unit", "definition_nl", "definition_en", "source",
                "source_url", "licence", "direction", "kind", "scale", "value_min", "value_max",
                "unit_en", "short_unit", "decimals")


def _is_gsm_extract(args) -> bool:
    """--gsm given, or a file named like a Gemeente-Stadsmonitor extract imported without metadata."""
    if args.gsm:
        return True
    from etl.gsm_import import recognise
    return (recognise(args.file) is not None and not args.meta
            and all(getattr(args, key) is None for key in META_OPTIONS))


def _import(args, console: Console) -> int:
    from etl.imports import import_indicator, read_meta_file

    settings = load_settings()
    meta = {}
    try:
        if _is_gsm_extract(args):
            from etl.gsm_import import import_gsm_extract
            summary = import_gsm_extract(args.file, args.gsm, settings, user=args.by)
        else:
            if args.meta:
                meta.update(read_meta_file(args.meta))
            for key in META_OPTIONS:
                if getattr(args, key) is not None:
                    meta[key] = getattr(args, key)
            summary = import_indicator(args.file, meta, settings, sheet=args.sheet, user=args.by,
                                       decimal=args.decimal)
    except DiskError as exc:  # not the file's fault: one line, exit 1
        console.print(f"[bold red]Import mislukt[/bold red]: {escape(exc.describe())}. Er is niets gewijzigd.",
                      highlight=False)
        return 1
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


def _snapshot(args, console: Console) -> int:
    from etl.snapshot import THRESHOLD, snapshot

    try:
        result = snapshot(args.source_id, args.year, load_settings())
    except EtlError as exc:
        console.print(f"[bold red]Snapshot geweigerd[/bold red]: {escape(exc.describe())}. De catalogus is ongewijzigd.",
                      highlight=False)
        return 2
    entry, changes = result["entry"], result["changes"]
    console.print(f"[green]Vastgezet[/green] in de catalogus: {entry['id']} (sha256 {entry['sha256'][:16]}…, "
                  f"{entry['bytes']} bytes, jaren {entry['years'][0]}-{entry['years'][-1]}, "
                  f"{entry['municipalities']} gemeenten)", highlight=False)
    console.print(f"Nieuwe jaren: {changes['new_years'] or 'geen'}; gemeenten vorige keer: "
                  f"{changes['municipalities_before'] or 'geen vorige'}; waarden meer dan {THRESHOLD:.0%} verschoven "
                  f"tegenover het warehouse: {changes['moved_count']}", highlight=False, markup=False)
    for row in changes["moved"]:
        console.print(f"  - {row['indicator_id']} {row['nis_code']} {row['year']}: {row['value_live']:.6g} -> "
                      f"{row['value']:.6g}", highlight=False, markup=False)
    if changes["moved_count"] > len(changes["moved"]):
        console.print(f"  ... en nog {changes['moved_count'] - len(changes['moved'])} (de eerste {len(changes['moved'])} "
                      "hierboven)", highlight=False, markup=False)
    console.print("Controleer de wijziging in etl/sources/catalog.toml en commit ze.", highlight=False, markup=False)
    return 0


def _export_wq28(args, console: Console) -> int:
    from etl.exports import export_wq28

    settings = load_settings()
    if not settings.warehouse_path.exists():
        console.print(f"Geen warehouse op {settings.warehouse_path}: bouw eerst met `python -m etl build`.")
        return 1
    export_wq28(settings.warehouse_path, args.out, args.province, args.lang)
    console.print(f"[green]Geschreven[/green]: {escape(str(args.out))}", highlight=False)
    return 0
