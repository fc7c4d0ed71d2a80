"""Parse step of the process-catalogue import: real Microsoft files and hand-built edge cases."""
from __future__ import annotations

import re
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from app.errors import SpreadsheetFormatError
from app.importers.process_catalog import CatalogNode, CatalogReadResult, read_process_catalog

REPO_ROOT = Path(__file__).resolve().parents[2]
FITGAP = REPO_ROOT.parent / "shared" / "realdata" / "fitgap"
SIMPLE = FITGAP / "d365_business_process_catalog_simple_may2025.xlsx"
ADO_EXPORT = FITGAP / "d365_bpc_order_to_cash_full_export_may2025.xlsx"

HEADER = ["State", "ID", "Work Item Type", "End to end", "Process area", "Process", "Scenario",
          "Process Sequence ID", "Microsoft Learn URL"]
E2E = "10 Acquire to dispose"
AREA = "10.05 Define asset strategy"
PROCESS = "10.05.010 Classify assets"


def _real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real catalogue {path.name} not found under {FITGAP} "
                    "(the shared/realdata folder sits beside the repository checkout)")
    return path


@pytest.fixture(scope="module")
def simple() -> CatalogReadResult:
    return read_process_catalog(_real(SIMPLE))


@pytest.fixture(scope="module")
def ado() -> CatalogReadResult:
    return read_process_catalog(_real(ADO_EXPORT))


def _write(path: Path, rows: Sequence[Sequence[object]], *,
           before: Sequence[Sequence[object]] = (), cover_sheet: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if cover_sheet:  # a first sheet without a catalogue header must be passed over
        ws.title = "Cover"
        ws.append(["Business process catalogue", "May 2025"])
        ws = wb.create_sheet("Catalog")
    else:
        ws.title = "Catalog"
    for row in [*before, *rows]:
        ws.append(row)
    wb.save(path)
    return path


def _row(kind: str, e2e: str | None, area: str | None = None, process: str | None = None,
         scenario: str | None = None, seq: str | None = None, url: str | None = None
         ) -> list[object]:
    return ["New", None, kind, e2e, area, process, scenario, seq, url]


def _assert_tree(nodes: tuple[CatalogNode, ...]) -> None:
    """Ids unique, parents first, every parent_id resolves to the level above."""
    levels = ["end_to_end", "area", "process", "scenario"]
    seen: dict[str, CatalogNode] = {}
    for node in nodes:
        assert node.catalog_id not in seen, node
        if node.parent_id is None:
            assert node.level == "end_to_end", node
        else:
            parent = seen.get(node.parent_id)
            assert parent is not None, f"{node} comes before (or without) its parent"
            assert levels.index(parent.level) == levels.index(node.level) - 1, node
        assert node.name and node.name == node.name.strip(), node
        seen[node.catalog_id] = node


# --- the real Microsoft Business Process Catalog (simple layout) ---------------------------


def test_real_catalog_counts_per_level(simple: CatalogReadResult) -> None:
    # The file has 15 / 93 / 669 / 3,440 rows per work item type. 42 scenario rows repeat a
    # catalogue id already taken by another scenario (e.g. 65.30.010.500 on rows 1783-1785,
    # each a different deployment), so the first is kept and 42 rows are reported: 3,398.
    assert simple.file_name == SIMPLE.name
    assert simple.sheet == "May 2025"
    counts = Counter(node.level for node in simple.nodes)
    assert counts == {"end_to_end": 15, "area": 93, "process": 669, "scenario": 3398}
    skipped = [p for p in simple.problems if p.reason.startswith("Row skipped")]
    assert len(skipped) == 42
    assert all("is also used by row" in p.reason for p in skipped)
    assert len(simple.nodes) + len(skipped) == 4217  # every data row is a node or a problem
    assert all(p.file == SIMPLE.name and p.sheet == "May 2025" for p in simple.problems)


def test_real_catalog_tree_is_consistent(simple: CatalogReadResult) -> None:
    _assert_tree(simple.nodes)
    assert len({node.source_row for node in simple.nodes}) == len(simple.nodes)  # none made up


def test_real_catalog_known_scenario_and_its_ancestors(simple: CatalogReadResult) -> None:
    by_id = {node.catalog_id: node for node in simple.nodes}
    assert by_id["65.50.010.100"] == CatalogNode(
        catalog_id="65.50.010.100",
        name="Manually set credit limits in Dynamics 365 Finance",
        level="scenario",
        parent_id="65.50.010",
        url="https://learn.microsoft.com/en-us/dynamics365/guidance/business-processes/"
            "pattern-manually-set-check-customer-credit-limits",
        source_row=1886,
    )
    assert (by_id["65.50.010"].name, by_id["65.50.010"].parent_id) == (
        "Assess customer credit risk", "65.50")
    assert (by_id["65.50"].name, by_id["65.50"].parent_id) == ("Manage credit and collections",
                                                             "65")
    # End-to-end "10" is written "10.00.000.000" in Process Sequence ID: the short form wins.
    assert by_id["10"].name == "Acquire to dispose"
    assert by_id["10"].level == "end_to_end"
    assert by_id["10"].url.endswith("/acquire-to-dispose-introduction")
    assert by_id["10.05.010"].name == "Classify assets"
    # "65.50.070.101Create interest notes..." has no space after the number.
    assert by_id["65.50.070.101"].name.startswith("Create interest notes in mass")
    # Double spaces inside names collapse: "50.55  Conduct financial planning".
    assert by_id["50.55"].name == "Conduct financial planning"


def test_real_catalog_uses_sequence_id_when_the_name_number_is_wrong(
    simple: CatalogReadResult,
) -> None:
    by_row = {node.source_row: node for node in simple.nodes}
    # Row 517 reads "3035.700.200 Manage customer opt in..." (a dot is missing).
    assert by_row[517].catalog_id == "30.35.700.200"
    assert by_row[517].parent_id == "30.35.700"
    # Row 477 carries the stale number 30.15.600.150 but sits under process 30.35.100.
    assert by_row[477].catalog_id == "30.35.100.150"
    noted = {p.row: p for p in simple.problems}
    assert "imported as 30.35.700.200" in noted[517].reason
    assert noted[517].column == "Scenario"


def test_real_catalog_keeps_every_formula_row(simple: CatalogReadResult) -> None:
    wb = openpyxl.load_workbook(SIMPLE, read_only=True, data_only=False)
    try:
        formula_rows = {
            row_no
            for row_no, row in enumerate(wb["May 2025"].iter_rows(values_only=True), start=1)
            if any(isinstance(v, str) and v.startswith("=") for v in row)
        }
    finally:
        wb.close()
    assert len(formula_rows) == 236
    node_rows = {node.source_row for node in simple.nodes}
    duplicate_rows = {p.row for p in simple.problems if "is also used by row" in p.reason}
    missing = formula_rows - node_rows
    assert missing <= duplicate_rows  # only row 234, whose scenario id repeats row 233
    assert missing == {234}


def test_real_catalog_parses_in_well_under_two_seconds() -> None:
    path = _real(SIMPLE)
    start = time.perf_counter()
    result = read_process_catalog(path)
    elapsed = time.perf_counter() - start
    assert len(result.nodes) == 4175
    assert elapsed < 2.0, f"parsing took {elapsed:.2f} s"


# --- the real Azure DevOps raw export (indented Title 1..5) --------------------------------


def test_ado_export_builds_the_order_to_cash_tree(ado: CatalogReadResult) -> None:
    assert ado.sheet == "May 2025 Full Raw Export"
    counts = Counter(node.level for node in ado.nodes)
    # 481 scenario rows; 12 repeat an id already used (e.g. 65.30.010.500 three times).
    assert counts == {"end_to_end": 1, "area": 7, "process": 79, "scenario": 469}
    assert sum(p.reason.startswith("Row skipped") for p in ado.problems) == 12
    _assert_tree(ado.nodes)
    # Configuration deliverables, workshops and tasks are not catalogue nodes.
    assert not any(">" in node.name for node in ado.nodes)
    assert not any("workshop" in node.name.lower() for node in ado.nodes)
    by_id = {node.catalog_id: node for node in ado.nodes}
    scenario = by_id["65.50.010.100"]
    assert scenario.name == "Manually set credit limits in Dynamics 365 Finance"
    assert scenario.parent_id == "65.50.010"
    assert scenario.source_row == 744
    assert scenario.url.endswith("/pattern-manually-set-check-customer-credit-limits")
    assert by_id["65.05.010"].parent_id == "65.05"  # process under area across a workshop row


# --- hand-built catalogues -----------------------------------------------------------------


def test_missing_parent_duplicate_blank_and_nameless_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "catalog.xlsx", [
        HEADER,
        _row("End to end", E2E, seq="10.00.000.000",
             url='<div><a href="https://example.com/a2d?x=1&amp;y=2">link</a><br> </div>'),
        _row("Process area", E2E, AREA, seq="10.05.000.000"),
        # no Process row for 10.05.010: it is synthesised from the scenario's columns
        _row("Scenario", E2E, AREA, PROCESS, "10.05.010.100 Classify fixed assets",
             seq="10.05.010.100"),
        [],  # a blank row is passed over silently
        _row("Scenario", E2E, AREA, PROCESS, "10.05.010.100 Classify fixed assets again",
             seq="10.05.010.100"),
        _row("Scenario", E2E, AREA, PROCESS, None),
        _row("Scenario", E2E, AREA, PROCESS, "10.05.010.200 Classify leases",
             url="https://example.com/leases"),
    ])
    result = read_process_catalog(path)
    assert result.sheet == "Catalog"
    assert [(n.catalog_id, n.name, n.level, n.parent_id, n.url, n.source_row)
            for n in result.nodes] == [
        ("10", "Acquire to dispose", "end_to_end", None, "https://example.com/a2d?x=1&y=2", 2),
        ("10.05", "Define asset strategy", "area", "10", "", 3),
        ("10.05.010", "Classify assets", "process", "10.05", "", 4),
        ("10.05.010.100", "Classify fixed assets", "scenario", "10.05.010", "", 4),
        ("10.05.010.200", "Classify leases", "scenario", "10.05.010",
         "https://example.com/leases", 8),
    ]
    assert [(p.file, p.sheet, p.row, p.column) for p in result.problems] == [
        ("catalog.xlsx", "Catalog", 6, "Scenario"),
        ("catalog.xlsx", "Catalog", 7, "Scenario"),
    ]
    assert "10.05.010.100" in result.problems[0].reason
    assert "row 4" in result.problems[0].reason
    assert "no name" in result.problems[1].reason


def test_parent_row_after_its_child_replaces_the_synthesised_parent(tmp_path: Path) -> None:
    path = _write(tmp_path / "late_parent.xlsx", [
        HEADER,
        _row("End to end", E2E),
        _row("Scenario", E2E, AREA, PROCESS, "10.05.010.100 Classify fixed assets"),
        _row("Process area", E2E, AREA, url="https://example.com/area"),
    ])
    result = read_process_catalog(path)
    _assert_tree(result.nodes)
    by_id = {node.catalog_id: node for node in result.nodes}
    assert (by_id["10.05"].source_row, by_id["10.05"].url) == (4, "https://example.com/area")
    assert by_id["10.05.010"].source_row == 3  # still synthesised from the scenario row
    assert result.problems == ()


def test_parent_is_moved_before_children_when_its_row_names_a_new_grandparent(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "moved.xlsx", [
        HEADER,
        _row("Scenario", E2E, AREA, PROCESS, "10.05.010.100 Classify fixed assets"),
        _row("Process", E2E, "10.09 Count assets", PROCESS),
    ])
    result = read_process_catalog(path)
    _assert_tree(result.nodes)
    by_id = {node.catalog_id: node for node in result.nodes}
    # The real process row (row 3) replaces the one made up from row 2, under its own area,
    # which is new and so made up after the process: it must still come out first.
    assert (by_id["10.05.010"].parent_id, by_id["10.05.010"].source_row) == ("10.09", 3)
    assert by_id["10.09"].source_row == 3
    assert result.problems == ()


def test_duplicate_id_goes_to_the_row_whose_place_matches_the_number(tmp_path: Path) -> None:
    path = _write(tmp_path / "stale.xlsx", [
        HEADER,
        _row("End to end", E2E),
        _row("Process area", E2E, AREA),
        _row("Process", E2E, AREA, "10.05.020 Lease assets"),
        # copied from 10.05.030 without renumbering: the number does not fit 10.05.020
        _row("Scenario", E2E, AREA, "10.05.020 Lease assets", "10.05.030.100 Lease vehicles"),
        _row("Process", E2E, AREA, "10.05.030 Insure assets"),
        _row("Scenario", E2E, AREA, "10.05.030 Insure assets", "10.05.030.100 Insure vehicles"),
    ])
    result = read_process_catalog(path)
    by_id = {node.catalog_id: node for node in result.nodes}
    assert (by_id["10.05.030.100"].name, by_id["10.05.030.100"].source_row) == (
        "Insure vehicles", 7)
    assert [(p.row, p.column) for p in result.problems] == [(5, "Scenario")]
    assert "row 7, whose place matches the number" in result.problems[0].reason


def test_wrong_sheet_dimensions_do_not_cut_rows(tmp_path: Path) -> None:
    # Some tools write <dimension ref="A1"/> whatever the size; read-only openpyxl trusts it.
    good = _write(tmp_path / "good.xlsx", [
        HEADER,
        _row("End to end", E2E),
        _row("Process area", E2E, AREA),
        _row("Process", E2E, AREA, PROCESS),
    ])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
                assert b'<dimension ref="A1"/>' in data
            target.writestr(item, data)
    result = read_process_catalog(bad)
    assert [node.catalog_id for node in result.nodes] == ["10", "10.05", "10.05.010"]


def test_formula_cells_without_cached_values_drop_no_row(tmp_path: Path) -> None:
    # openpyxl writes formulas without cached values, as a script-made workbook would have:
    # read with data_only=True, every formula cell comes back empty.
    path = _write(tmp_path / "formulas.xlsx", [
        HEADER,
        _row("End to end", E2E),
        _row("Process area", "=D2", AREA),
        _row("Process", "=D3", AREA, PROCESS),
        _row("Scenario", "=D4", "=E4", "=F4", "10.05.010.100 Classify fixed assets"),
        _row("Scenario", "=D5", "=E5", PROCESS, "10.05.010.200 Classify leases"),
    ])
    result = read_process_catalog(path)
    assert [(n.catalog_id, n.parent_id, n.source_row) for n in result.nodes] == [
        ("10", None, 2),
        ("10.05", "10", 3),
        ("10.05.010", "10.05", 4),
        ("10.05.010.100", "10.05.010", 5),
        ("10.05.010.200", "10.05.010", 6),
    ]
    assert result.problems == ()


def test_header_found_below_a_title_on_a_later_sheet_in_any_case(tmp_path: Path) -> None:
    header = ["WORK ITEM TYPE", "end-to-end", "Process Area", "PROCESS", "scenario ",
              "process sequence id"]
    path = _write(tmp_path / "shifted.xlsx", [
        header,
        ["End to end", E2E, None, None, None, "10.00.000.000"],
        ["Process area", E2E, AREA, None, None, "10.05.000.000"],
        ["Process", E2E, AREA, PROCESS, None, "10.05.010.000"],
        # no number in the name: the Process Sequence ID supplies the id, without a problem
        ["Scenario", E2E, AREA, PROCESS, "Classify fixed assets", "10.05.010.100"],
        # a stale number that does not belong under its process: Process Sequence ID wins
        ["Scenario", E2E, AREA, PROCESS, "10.40.020.300 Classify leases", "10.05.010.300"],
        # a scenario's sequence id on a process row gives no process number
        ["Process", E2E, AREA, "Insure assets", None, "10.05.020.100"],
    ], before=[["Business process catalogue"], [], ["Exported May 2025"]], cover_sheet=True)
    result = read_process_catalog(path)
    assert result.sheet == "Catalog"
    assert [(n.catalog_id, n.name, n.source_row) for n in result.nodes] == [
        ("10", "Acquire to dispose", 5),
        ("10.05", "Define asset strategy", 6),
        ("10.05.010", "Classify assets", 7),
        ("10.05.010.100", "Classify fixed assets", 8),
        ("10.05.010.300", "Classify leases", 9),
    ]
    assert [(p.row, p.column) for p in result.problems] == [(9, "scenario"), (10, "PROCESS")]
    assert "10.40.020.300" in result.problems[0].reason
    assert "imported as 10.05.010.300" in result.problems[0].reason
    assert "has no process number" in result.problems[1].reason


def test_small_ado_export_skips_non_catalogue_rows(tmp_path: Path) -> None:
    header = ["ID", "Work Item Type", "Title 1", "Title 2", "Title 3", "Title 4", "Title 5",
              "Process Sequence ID"]
    path = _write(tmp_path / "ado.xlsx", [
        header,
        [1, "End to end", "65 Order to cash", None, None, None, None, "65.00.000.000"],
        [2, "Workshop", None, "65.01 Order to cash discovery workshop", None, None, None, None],
        [3, "Task", None, None, "65.01.001 Create user stories", None, None, None],
        [4, "Process area", None, "65.05 Develop sales policies", None, None, None, None],
        [5, "Process", None, None, "65.05.010 Develop order policies", None, None, None],
        [6, "Scenario", None, None, None, "65.05.010.100 Define order policies", None, None],
        [7, "Configuration deliverable", None, None, None, "Sales > Setup > Parameters",
         None, None],
        [8, "Scenario", None, None, None, "65.05.010.200 Define call center policies", None,
         None],
    ])
    result = read_process_catalog(path)
    assert [(n.catalog_id, n.level, n.parent_id, n.source_row) for n in result.nodes] == [
        ("65", "end_to_end", None, 2),
        ("65.05", "area", "65", 5),
        ("65.05.010", "process", "65.05", 6),
        ("65.05.010.100", "scenario", "65.05.010", 7),
        ("65.05.010.200", "scenario", "65.05.010", 9),
    ]
    assert result.problems == ()


def test_workbook_without_catalogue_header_names_the_expected_columns(tmp_path: Path) -> None:
    path = _write(tmp_path / "requirements.xlsx", [
        ["Key", "Title", "Owner", "Status"],
        ["REQ-0001", "Approve large orders", "Ana", "Draft"],
    ])
    with pytest.raises(SpreadsheetFormatError) as caught:
        read_process_catalog(path)
    message = str(caught.value)
    assert "requirements.xlsx" in message
    for column in ("End to end", "Process area", "Process", "Scenario", "Work Item Type",
                   "Title 1"):
        assert column in message


def test_file_that_is_not_a_workbook_raises_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xlsx"
    path.write_text("End to end;Process area;Process;Scenario\n10 Acquire;;;\n",
                    encoding="utf-8")
    with pytest.raises(SpreadsheetFormatError, match="catalog.xlsx"):
        read_process_catalog(path)
