"""Sample inputs for the exporter tests, plain and hostile.

HOSTILE holds what users paste: NUL, Word's cell mark and vertical tab, a non-character, an
emoji, Arabic and Hebrew. FORMULA_LIKE must stay text. LONG_NOTE is over Excel's cell limit.
"""
from __future__ import annotations

import uuid

from exporters.design_pack_docx import (
    ContractDoc,
    ContractFieldDoc,
    CoveredItem,
    DesignPackDoc,
    DocSection,
    TraceRow,
)
from exporters.fitgap_xlsx import FitGapEntry, FitGapRegister
from exporters.mapping_xlsx import MappingRow, MappingSetSheet, MappingWorkbook
from exporters.uat_pack_xlsx import UatCase, UatPack, UatStep

HOSTILE = "Bad\x00chars\x07here\x0bnext line \uffff😀 مرحبا بالعالم שלום"
HOSTILE_CLEAN = "Badcharshere\nnext line 😀 مرحبا بالعالم שלום"
FORMULA_LIKE = ("=SUM(A1:A3)", "+1+2", "-5*3", "@cmd", "\t=1+1", "=HYPERLINK(\"http://x\")")
EMOJI_NOTE = "😀" * 20_000  # 20,000 characters but 40,000 UTF-16 units: over Excel's limit
LONG_NOTE = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 800)[:40_000]
RTL = "مرحبا بالعالم"

BODY = """The order approval flow uses standard workflow with two thresholds.

- Orders under 10,000 EUR are approved automatically.
- Orders from 10,000 EUR need the sales manager.

Configuration steps:

1. Enable change management for sales orders.
2. Create the workflow.
3. Assign the approver roles.

Open questions:

1. Confirm the thresholds with finance.
2. Decide who approves when the manager is absent."""


def design_pack(*, hostile: bool = False, status: str = "in review") -> DesignPackDoc:
    """A realistic design pack; `hostile` puts awkward text in every kind of field."""
    extra = f" {HOSTILE}" if hostile else ""
    fields = (
        ContractFieldDoc("CustomerAccount", "string", "20", True, "Must exist in CustomersV3",
                         "C-000123", "KUNNR", "CUSTOMERACCOUNT"),
        ContractFieldDoc("Comment" + extra, "string", "1000", False, "No control characters",
                         FORMULA_LIKE[0], "BSTKD", "CUSTOMERREQUISITIONNUMBER"),
    )
    contract = ContractDoc(
        "IC-0003", "Approved sales orders to WMS" + extra, "1.2", "D365 F&O", "Manhattan WMS",
        "outbound", "Sales order approved", "Near real time", "REST API", "JSON, HTTP 202",
        "Dead-letter queue" + extra, "3 retries, backoff 1/5/25 min", "SalesOrderNumber",
        "Ignore duplicates with the same key", "Accepted up to 24 h", "Failed lines reported",
        fields,
    )
    sections = (
        DocSection("Configuration approach", BODY),
        DocSection("Security", ""),
    )
    if hostile:
        sections += (
            DocSection("Hostile " + HOSTILE, f"{HOSTILE}\n\n{FORMULA_LIKE[0]}\n\n- {RTL}\n\n"
                                             f"{LONG_NOTE}"),
        )
    return DesignPackDoc(
        key="DP-0001", title="Order approval" + extra, version="1.0", status=status,
        approval_owner="Head of Sales Operations" + extra,
        approved_at="2025-03-20" if status == "approved" else None,
        project_name="Contoso D365 rollout", client_name="Contoso Ltd" + extra,
        erp_product="Dynamics 365 Finance", change_summary=(
            f"{FORMULA_LIKE[0]} {HOSTILE} {LONG_NOTE}" if hostile else "First version."),
        generated_at="2025-03-14 10:22",
        items=(
            CoveredItem("REQ-0042", "Approve large sales orders" + extra,
                        "Order to cash > Sales orders", "configure", "Orders wait for approval."),
            CoveredItem("REQ-0051", "Send approved orders to WMS", "Order to cash > Warehouse",
                        "interface", "Orders reach the warehouse within 5 minutes."),
        ),
        sections=sections,
        interface_contracts=(contract,),
        traceability=(
            TraceRow("REQ-0042", "Approve large sales orders", "Configuration approach",
                     ("TC-0007", "TC-0008")),
            TraceRow("REQ-0051", "Send approved orders to WMS", "Interface contracts", ()),
        ),
    )


def mapping_row(notes: str = "", transformation: str = "Strip leading zeros") -> MappingRow:
    """One customer field mapping."""
    return MappingRow("SAP ECC", "KNA1", "KUNNR", "CustomersV3", "CUSTOMERACCOUNT",
                      transformation, "", True, "", True, "C-######", 20, notes)


def mapping_book(*, hostile: bool = False) -> MappingWorkbook:
    """Two domains; `hostile` adds awkward text, clashing and reserved sheet names."""
    rows: tuple[MappingRow, ...] = (
        mapping_row("Key of the customer."),
        MappingRow("SAP ECC", "KNB1", "ZTERM", "CustomersV3", "PAYMENTTERMS", "Map ZB30 -> Net30",
                   "Net30", False, "Net14, Net30", False, "", None, ""),
    )
    if hostile:
        rows += (
            mapping_row(HOSTILE, transformation=FORMULA_LIKE[0]),
            mapping_row(LONG_NOTE),
            mapping_row(EMOJI_NOTE),
        ) + tuple(mapping_row(text) for text in FORMULA_LIKE)
    sets = (
        MappingSetSheet("Customers", "Customer master", "2.0", "approved", rows),
        MappingSetSheet("Vendors/Suppliers: [EU]", "Vendor master", "1.1", "draft", rows[:1]),
    )
    if hostile:
        sets += (
            MappingSetSheet("History", "Reserved by Excel", "1.0", "draft", ()),
            MappingSetSheet("CUSTOMERS", "Clashes ignoring case", "1.0", "draft", rows[:1]),
            MappingSetSheet("A very long master data domain name", "Long", "1.0", "draft", ()),
        )
    return MappingWorkbook("Contoso D365 rollout", "2025-03-14 10:22", sets)


def uat_pack(cases: int = 3, steps: int = 2, *, hostile: bool = False) -> UatPack:
    """A pack with `cases` cases of `steps` steps each and fresh UUIDs."""
    built = []
    for c in range(1, cases + 1):
        step_list = tuple(
            UatStep(str(uuid.uuid4()), s, f"Open the sales order form and enter line {s}",
                    "The order is saved with status Open",
                    FORMULA_LIKE[(c + s) % len(FORMULA_LIKE)] if hostile else "Customer C-001")
            for s in range(1, steps + 1)
        )
        built.append(UatCase(
            str(uuid.uuid4()), f"TC-{c:04d}", f"Create sales order {c}" + (
                f" {HOSTILE}" if hostile else ""),
            ("REQ-0042", "REQ-0051"), "Customer exists.\nUser has the Sales clerk role.",
            "Ana Tester", step_list,
        ))
    if hostile:
        built.append(UatCase(str(uuid.uuid4()), "TC-9999", LONG_NOTE, (), LONG_NOTE, "",
                             (UatStep(str(uuid.uuid4()), 1, LONG_NOTE, EMOJI_NOTE, RTL),)))
    return UatPack(str(uuid.uuid4()), "Contoso D365 rollout", "UAT cycle 1", str(uuid.uuid4()),
                   "1.0", "2025-03-14 10:22", tuple(built))


def fitgap_register(*, hostile: bool = False) -> FitGapRegister:
    """Items across three process areas and every class, one without a class."""
    def entry(n: int, area: str, cls: str, design: bool, text: str = "") -> FitGapEntry:
        return FitGapEntry(f"REQ-{n:04d}", f"Requirement {n}{text}", area, cls, design,
                           "Report" if cls == "customize" else "", f"Rationale {n}{text}",
                           "Must", "analysis", "in review", "M", "Solution architect",
                           "2025-03-14")
    extra = f" {HOSTILE} {FORMULA_LIKE[0]}" if hostile else ""
    entries = (
        entry(1, "Order to cash", "configure", False, extra),
        entry(2, "Order to cash", "customize", True),
        entry(3, "Order to cash", "interface", True),
        entry(4, "Procure to pay", "configure", False),
        entry(5, "Procure to pay", "", False),
        entry(6, "", "Configure", True),
    )
    if hostile:
        entries += (entry(7, "Record to report", "customize", True, LONG_NOTE),)
    return FitGapRegister("Contoso D365 rollout", "2025-03-14 10:22", entries)
