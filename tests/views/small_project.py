"""A small real project for GUI tests: five cards, people, process areas, a workshop, links."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.project import ProjectServices
from app.services.classification import ClassificationInput
from models import MasterDataDomain, ProcessArea


@dataclass
class SmallProject:
    """Ids of what the fixture project holds, by a readable name."""

    path: Path
    people: dict[str, int] = field(default_factory=dict)
    areas: dict[str, int] = field(default_factory=dict)
    workshop_id: int = 0
    cards: dict[str, int] = field(default_factory=dict)  # key -> id


def build_small_project(path: Path) -> SmallProject:
    """Five cards, three people, a process hierarchy, three domains, one workshop, two links."""
    services = ProjectServices.create(path, name="Contoso Finance", client="Contoso",
                                      erp_product="Microsoft Dynamics 365 Finance")
    info = SmallProject(path)
    try:
        lookups = services.lookups
        info.people["anna"] = lookups.add_person("Anna Berg", "Solution architect", "SI")
        info.people["ben"] = lookups.add_person("Ben Ortiz", "Business process owner", "Client")
        info.people["chloe"] = lookups.add_person("Chloe Ng", "QA lead", "SI")
        # The app has no service for hand-made process areas yet (they come from catalogues),
        # so the fixture writes them directly.
        with services.db.write() as s:
            o2c = ProcessArea(name="Order to cash", level="end_to_end", catalog_id="65")
            sales = ProcessArea(name="Sales orders", level="area", catalog_id="65.10",
                                parent=o2c)
            approve = ProcessArea(name="Approve sales orders", level="process",
                                  catalog_id="65.10.020", parent=sales)
            invoicing = ProcessArea(name="Invoicing", level="area", catalog_id="65.20",
                                    parent=o2c)
            p2p = ProcessArea(name="Procure to pay", level="end_to_end", catalog_id="70")
            s.add_all([o2c, sales, approve, invoicing, p2p])
            s.add_all([MasterDataDomain(name=n) for n in ("Customers", "Items", "Vendors")])
            s.flush()
            info.areas = {"o2c": o2c.id, "sales": sales.id, "approve": approve.id,
                          "invoicing": invoicing.id, "p2p": p2p.id}
        info.workshop_id = lookups.add_workshop("O2C fit-to-standard", date(2026, 11, 3),
                                                info.areas["sales"], info.people["anna"])
        items = services.items
        specs = [
            ("Approve sales orders above the credit limit", info.areas["approve"]),
            ("Approve purchase orders by amount", info.areas["p2p"]),
            ("Send invoices to the EDI hub", info.areas["invoicing"]),
            ("Clean up customer master data", info.areas["o2c"]),
            ("Approve credit notes before posting", info.areas["invoicing"]),
        ]
        for title, area in specs:
            ref = items.capture_item(title, workshop_id=info.workshop_id, process_area_id=area)
            info.cards[ref.key] = ref.id
        c = info.cards
        classify = services.classification.classify_item
        classify(c["REQ-0001"], ClassificationInput(
            "customize", rationale="Credit check needs a second approver",
            decided_by_id=info.people["anna"]))
        classify(c["REQ-0002"], ClassificationInput("configure"))
        classify(c["REQ-0003"], ClassificationInput(
            "interface", design_required=True, rationale="The EDI hub is outside the ERP"))
        services.dependencies.add_dependency(c["REQ-0003"], c["REQ-0001"], "data")
        services.dependencies.add_dependency(c["REQ-0001"], c["REQ-0004"], "sequencing")
    finally:
        services.close()
    return info
