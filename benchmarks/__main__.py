"""`python -m benchmarks [--json] [--regenerate]`: speed figures on a 10,000-card project.

The project is generated once into the cache folder and reused. Each figure is printed with a
reference measured in the same run where one exists (raw SQLite, plain openpyxl), so a slow
machine shows up in both columns.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.figures import run_all
from benchmarks.generate import generate


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "erp-pipeline-studio-bench"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the project")
    args = parser.parse_args()
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    project = folder / "benchmark-v1.erpp"
    if args.regenerate or not project.exists():
        print(f"Generating {project} (10,000 cards, 20,000 dependencies, 2,000 test cases "
              "of 10 steps)…", file=sys.stderr)
        generate(project)
    figures = run_all(project, folder)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{'figure':<24}{'value':>12}  {'reference':>12}  reference is")
    print("-" * 78)
    for name, fig in figures.items():
        ref = "" if fig["reference"] is None else f"{fig['reference']:.3f}"
        print(f"{name:<24}{fig['value']:>12.3f}  {ref:>12}  {fig['reference_is']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
