"""Human keys (REQ-0042): handed out from a per-prefix counter that only goes up."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import KeySequence

DEFAULT_PREFIXES = {
    "item": "REQ",
    "design_pack": "DP",
    "interface_contract": "IF",
    "mapping_set": "MAP",
    "test_case": "TC",
    "defect": "DEF",
}


def next_key(session: Session, prefix: str, width: int = 4) -> str:
    """Reserve and return the next key for `prefix`; a key is never handed out twice."""
    seq = session.execute(
        select(KeySequence).where(KeySequence.prefix == prefix)
    ).scalar_one_or_none()
    if seq is None:
        seq = KeySequence(prefix=prefix, next_value=1)
        session.add(seq)
        # Flushed at once so a second call finds it even where autoflush is switched off.
        session.flush()
    value = seq.next_value
    seq.next_value = value + 1
    return f"{prefix}-{value:0{width}d}"
