"""Generates the large benchmark project once: 10,000 cards, 20,000 dependencies,
2,000 test cases of 10 steps in one cycle. Bulk SQL inserts keep this to seconds."""
from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from app.database import ProjectDatabase

ITEMS, DEPENDENCIES, CASES, STEPS = 10_000, 20_000, 2_000, 10
AREAS = ["Order to cash", "Procure to pay", "Inventory to deliver", "Record to report",
         "Plan to produce", "Hire to retire"]
VERBS = ["Approve", "Validate", "Post", "Reconcile", "Release", "Block", "Notify", "Import",
         "Export", "Calculate", "Allocate", "Confirm"]
OBJECTS = ["large orders", "vendor invoices", "credit limits", "price lists", "web orders",
           "bank statements", "cycle counts", "purchase requisitions", "intercompany orders",
           "customer master", "item attributes", "pick lists"]
CLASSES = ["configure", "customize", "interface"]
STAGES = ["intake", "analysis", "design", "build", "test"]


def _u() -> str:
    return str(uuid.uuid4())


def generate(path: Path, seed: int = 42) -> Path:
    """Create the benchmark project at `path` (replacing it)."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    ProjectDatabase.create(path, name="Benchmark project", client="Bench AG").close()
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    cur = conn.cursor()
    area_ids = []
    for pos, name in enumerate(AREAS):
        cur.execute("INSERT INTO process_area (uuid, created_at, updated_at, parent_id, name, "
                    "level, catalog_id, url, position) VALUES (?,?,?,?,?,?,?,?,?)",
                    (_u(), now, now, None, name, "end_to_end", f"{pos + 1}0", "", pos))
        area_ids.append(cur.lastrowid)
    items = []
    for i in range(1, ITEMS + 1):
        title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} #{i}"
        items.append((_u(), now, now, f"REQ-{i:05d}", title, rng.choice(area_ids),
                      f"Outcome for {title}", "", "", "", "workshop", None,
                      rng.choice(["must", "should", "could"]), rng.choice(STAGES), "draft", "",
                      None, None, "", 0))
    cur.executemany(
        "INSERT INTO item (uuid, created_at, updated_at, key, title, process_area_id, "
        "desired_outcome, rationale, source_system, key_constraints, source, requester_id, "
        "priority, stage, status, blocked_reason, owner_id, workshop_id, tags, archived) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", items)
    cur.execute("INSERT INTO key_sequence (prefix, next_value) VALUES ('REQ', ?)", (ITEMS + 1,))
    cur.executemany(
        "INSERT INTO classification (uuid, created_at, updated_at, item_id, fit_class, "
        "design_required, object_type, rationale, standard_alternative, effort_band, "
        "decided_by_id, decided_in_id, decided_by_name, decided_at, is_current) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(_u(), now, now, i, rng.choice(CLASSES), 0, "", "generated", "", "M", None, None,
          "bench", now, 1) for i in range(1, ITEMS + 1) if rng.random() < 0.8])
    edges: set[tuple[int, int]] = set()
    while len(edges) < DEPENDENCIES:
        a = rng.randint(2, ITEMS)
        b = rng.randint(max(1, a - 400), a - 1)  # only towards lower ids: acyclic
        edges.add((a, b))
    cur.executemany(
        "INSERT INTO dependency (uuid, created_at, updated_at, item_id, depends_on_id, kind, "
        "note) VALUES (?,?,?,?,?,?,?)",
        [(_u(), now, now, a, b, rng.choice(["data", "integration", "sequencing"]), "")
         for a, b in sorted(edges)])
    cur.execute("INSERT INTO test_cycle (uuid, created_at, updated_at, name, planned_start, "
                "status) VALUES (?,?,?,?,?,?)", (_u(), now, now, "UAT 1", None, "planned"))
    cycle_id = cur.lastrowid
    for c in range(1, CASES + 1):
        cur.execute("INSERT INTO test_case (uuid, created_at, updated_at, key, title, "
                    "case_type, priority, tester_role, preconditions) VALUES (?,?,?,?,?,?,?,?,?)",
                    (_u(), now, now, f"TC-{c:05d}", f"Verify {rng.choice(OBJECTS)} #{c}", "uat",
                     "should", "Business tester", "Logged in as tester"))
        case_id = cur.lastrowid
        cur.executemany(
            "INSERT INTO test_step (uuid, created_at, updated_at, case_id, position, action, "
            "expected, test_data) VALUES (?,?,?,?,?,?,?,?)",
            [(_u(), now, now, case_id, s, f"Step {s}: {rng.choice(VERBS)} the record",
              "The system accepts it", f"DATA-{c}-{s}") for s in range(1, STEPS + 1)])
        cur.execute("INSERT INTO test_case_item (case_id, item_id) VALUES (?, ?)",
                    (case_id, rng.randint(1, ITEMS)))
        cur.execute("INSERT INTO test_cycle_case (cycle_id, case_id) VALUES (?, ?)",
                    (cycle_id, case_id))
    cur.execute("INSERT INTO key_sequence (prefix, next_value) VALUES ('TC', ?)", (CASES + 1,))
    conn.commit()
    conn.close()
    return path
