"""Loading Microsoft's Business Process Catalog as a project's process hierarchy."""
from __future__ import annotations

from app.project import ProjectServices
from tests.core.conftest import realdata


def test_real_catalogue_loads_as_hierarchy_and_cards_can_use_it(
        project: ProjectServices) -> None:
    path = realdata("fitgap", "d365_business_process_catalog_simple_may2025.xlsx")
    preview = project.catalog.preview(path)
    assert preview.counts_by_level["end_to_end"] == 15
    assert preview.counts_by_level["area"] == 93
    assert preview.counts_by_level["process"] == 669
    assert preview.new_nodes == sum(preview.counts_by_level.values())
    added = project.catalog.apply(preview)
    assert added == preview.new_nodes

    areas = project.lookups.process_areas()
    assert len(areas) == added
    import sqlite3

    conn = sqlite3.connect(project.path)
    audited = conn.execute("SELECT count(*) FROM audit_event WHERE entity = 'ProcessArea' "
                           "AND action = 'insert'").fetchone()[0]
    conn.close()
    assert audited == added
    by_catalog = {a.catalog_id: a for a in areas}
    scenario = by_catalog["10.05.010.100"]
    assert scenario.level == "scenario"
    assert scenario.path == ("Acquire to dispose › Define asset strategy › Classify assets › "
                             "Classify fixed assets in Dynamics 365 Finance")

    card = project.items.capture_item("Asset classes per company", process_area_id=scenario.id)
    row = project.items.register_rows([card.id])[0]
    assert row.process_area.endswith("Classify fixed assets in Dynamics 365 Finance")

    again = project.catalog.preview(path)
    assert again.new_nodes == 0
    assert project.catalog.apply(again) == 0
    assert len(project.lookups.process_areas()) == added


def test_catalogue_problems_are_split_into_skipped_and_noted(project: ProjectServices) -> None:
    path = realdata("fitgap", "d365_business_process_catalog_simple_may2025.xlsx")
    preview = project.catalog.preview(path)
    assert len(preview.skipped) == 42  # scenario rows whose ID repeats an earlier one
    assert len(preview.warnings) == len(preview.problems) - 42
    assert all("Row skipped" not in p.reason for p in preview.warnings)
