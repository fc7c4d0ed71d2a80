"""The command line: the same services as the window, for scripts and CI (no display needed).

Exit codes (stable; scripts may rely on them):
  0  done, nothing to report
  1  done, with findings: `check` found problems, or an import skipped unusable rows
  2  wrong usage (unknown command, missing argument)
  3  the project file cannot be used (missing, not a project, newer format, in use)
  4  the input file cannot be used (not a spreadsheet, not a pack); nothing was changed
  5  an export or edit failed; nothing was changed
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from app.demo import build_demo_project
from app.errors import (
    AppError,
    ExportError,
    ImportValidationError,
    ProjectFileError,
    ProjectInUseError,
    ProjectNotWritableError,
    SpreadsheetFormatError,
)
from app.project import ProjectServices

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_PROJECT, EXIT_INPUT, EXIT_FAILED = 0, 1, 2, 3, 4, 5
COMMANDS = ("demo", "import-catalog", "export", "import-uat", "check")
EXPORT_KINDS = ("design-pack", "mapping", "uat-pack", "fitgap")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="ERP Pipeline Studio. Without a command it opens the window (on PROJECT, "
                    "the last project, or the demo project on first launch).",
        epilog=__doc__.split("\n", 2)[2] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="build the demo project into OUT")
    demo.add_argument("out", type=Path, metavar="OUT.erpp")
    demo.add_argument("--force", action="store_true", help="replace OUT if it exists")

    cat = sub.add_parser("import-catalog", help="load a process catalogue (.xlsx) into PROJECT")
    cat.add_argument("project", type=Path)
    cat.add_argument("file", type=Path)

    exp = sub.add_parser("export", help="export a document or workbook")
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("project", type=Path)
    exp.add_argument("--out", type=Path, required=True, help="folder to write into")
    exp.add_argument("--pack", help="design pack key (default: every pack)")
    exp.add_argument("--version", help="design pack version (default: latest)")
    exp.add_argument("--cycle", help="test cycle name (default: every cycle)")

    uat = sub.add_parser("import-uat", help="import a filled-in UAT pack into PROJECT")
    uat.add_argument("project", type=Path)
    uat.add_argument("file", type=Path)
    uat.add_argument("--dry-run", action="store_true", help="show what would change, change "
                     "nothing")

    chk = sub.add_parser("check", help="check PROJECT: cycles, unclassified cards, gaps "
                         "without a design pack, tests without cards")
    chk.add_argument("project", type=Path)
    return parser


def run(argv: Sequence[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run one command; returns the exit code (see the module docstring)."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        if args.command == "demo":
            path = build_demo_project(args.out, overwrite=args.force)
            print(f"Demo project written to {path}", file=out)
            return EXIT_OK
        services = _open_for(args, err)
    except ProjectFileError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_PROJECT
    try:
        return _COMMANDS[args.command](services, args, out, err)
    except SpreadsheetFormatError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_INPUT
    except ImportValidationError as exc:
        print(f"error: {exc}", file=err)
        for problem in exc.problems:
            print(f"  {problem}", file=err)
        return EXIT_INPUT
    except ExportError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_FAILED
    except AppError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_FAILED
    finally:
        services.close()


def _open_for(args: argparse.Namespace, err: TextIO) -> ProjectServices:
    """Open the project the way the command needs it: commands that only read (check,
    export, a dry run) still work while the project is open in the window or read-only
    on disk."""
    if args.command == "check" or getattr(args, "dry_run", False):
        return ProjectServices.open(args.project, read_only=True)
    try:
        return ProjectServices.open(args.project)
    except (ProjectInUseError, ProjectNotWritableError) as exc:
        if args.command != "export":
            raise
        print(f"note: {exc} Exporting from a read-only view; the export is not recorded in "
              "the project.", file=err)
        return ProjectServices.open(args.project, read_only=True)


def _import_catalog(services: ProjectServices, args: argparse.Namespace, out: TextIO,
                    err: TextIO) -> int:
    preview, added = services.catalog.import_file(args.file)
    print(f"Read {preview.file_name}: {preview.describe()}.", file=out)
    print(f"Added {added:,} process areas ({preview.existing_nodes:,} were already there).",
          file=out)
    for problem in preview.skipped:
        print(f"  skipped: {problem}", file=err)
    for problem in preview.warnings:
        print(f"  note: {problem}", file=err)
    if preview.problems:
        print(f"{len(preview.skipped):,} row(s) skipped, {len(preview.warnings):,} loaded with "
              "a note (listed on standard error).", file=out)
    return EXIT_FINDINGS if preview.problems else EXIT_OK


def _export(services: ProjectServices, args: argparse.Namespace, out: TextIO,
            err: TextIO) -> int:
    written: list[Path] = []
    if args.kind == "design-pack":
        packs = [p for p in services.designs.list_packs() if not args.pack or p.key == args.pack]
        if not packs:
            print(f"error: no design pack {args.pack or ''} in this project.".replace("  ", " "),
                  file=err)
            return EXIT_FAILED
        for pack in packs:
            written.append(services.exports.export_design_pack(pack.id, args.out, args.version))
    elif args.kind == "mapping":
        written.append(services.exports.export_mapping_workbook(args.out))
    elif args.kind == "uat-pack":
        cycles = [c for c in services.testing.list_cycles()
                  if not args.cycle or c.name == args.cycle]
        if not cycles:
            print(f"error: no test cycle {args.cycle or ''} in this project.".replace("  ", " "),
                  file=err)
            return EXIT_FAILED
        for cycle in cycles:
            written.append(services.exports.export_uat_pack(cycle.id, args.out))
    else:
        written.append(services.exports.export_fitgap_register(args.out))
    for path in written:
        print(path, file=out)
    return EXIT_OK


def _import_uat(services: ProjectServices, args: argparse.Namespace, out: TextIO,
                err: TextIO) -> int:
    preview = services.uat_import.preview(args.file)
    print(f"{preview.file_name} (cycle '{preview.cycle_name}'): {len(preview.changes)} result(s) "
          f"to update, {len(preview.defects_to_create)} defect(s) to raise, "
          f"{preview.unchanged_count} unchanged.", file=out)
    for warning in preview.warnings:
        print(f"warning: {warning}", file=err)
    for change in preview.changes:
        print(f"  {change.case_key} step {change.step_number}: {change.old_result} → "
              f"{change.new_result}", file=out)
    for problem in preview.problems:
        print(f"  unusable: {problem}", file=err)
    if args.dry_run:
        print("Dry run: nothing was changed.", file=out)
    else:
        outcome = services.uat_import.apply(preview)
        print(f"Applied: {outcome.results_changed} result(s) updated, "
              f"{len(outcome.defect_keys)} defect(s) raised.", file=out)
        for defect, item in zip(outcome.defect_keys, outcome.support_item_keys, strict=True):
            print(f"  {defect} → support item {item}", file=out)
    return EXIT_FINDINGS if preview.problems else EXIT_OK


def _check(services: ProjectServices, args: argparse.Namespace, out: TextIO,
           err: TextIO) -> int:
    report = services.checks.run()
    for finding in report.findings:
        print(f"{finding.severity}: {finding.code}: {finding.message}", file=out)
    summary = services.summary()
    print(f"{summary.item_count} cards, {len(report.findings)} finding(s).", file=out)
    return EXIT_OK if report.ok else EXIT_FINDINGS


_COMMANDS = {
    "import-catalog": _import_catalog,
    "export": _export,
    "import-uat": _import_uat,
    "check": _check,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python main.py COMMAND ...`."""
    return run(sys.argv[1:] if argv is None else argv)
