"""Design packs: versions that are drafted, approved (frozen) and superseded; contracts."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.database import ProjectDatabase
from app.errors import NotFoundError, ValidationError
from app.keys import next_key
from app.services.design_content import pack_content
from models import (
    DesignPack,
    DesignPackVersion,
    InterfaceContract,
    InterfaceField,
    Item,
    Person,
    utc_now,
)
from models.design import DIRECTIONS, PACK_SECTIONS, TRANSPORTS

SECTION_KEYS = tuple(key for key, _ in PACK_SECTIONS)
SECTION_TITLES = dict(PACK_SECTIONS)


@dataclass(frozen=True)
class DesignPackSummary:
    """A pack as lists show it, with its latest version."""

    id: int
    key: str
    title: str
    version: str
    status: str
    item_keys: tuple[str, ...]


@dataclass(frozen=True)
class ContractFieldInput:
    """One payload field of an interface contract, as entered or imported."""

    name: str
    data_type: str = "string"
    length: int | None = None
    required: bool = False
    validation_rule: str = ""
    example: str = ""
    source_field: str = ""
    target_field: str = ""


@dataclass(frozen=True)
class ContractInput:
    """Everything an interface contract says, for creating one."""

    title: str
    source_system: str = ""
    target_system: str = ""
    direction: str = "inbound"
    trigger: str = ""
    frequency: str = ""
    transport: str = "API"
    response_format: str = ""
    error_handling: str = ""
    retry_policy: str = ""
    idempotency_key: str = ""
    duplicate_handling: str = ""
    late_messages: str = ""
    partial_failures: str = ""
    version: str = "1.0"
    status: str = "draft"
    item_ids: tuple[int, ...] = ()
    fields: tuple[ContractFieldInput, ...] = field(default_factory=tuple)


def _latest(pack: DesignPack) -> DesignPackVersion | None:
    return pack.versions[-1] if pack.versions else None


class DesignService:
    """Create design packs and contracts, edit draft versions, approve and freeze them."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def list_packs(self) -> list[DesignPackSummary]:
        with self.db.read() as s:
            packs = s.execute(select(DesignPack).order_by(DesignPack.key)).scalars()
            out = []
            for p in packs:
                latest = _latest(p)
                out.append(DesignPackSummary(
                    p.id, p.key, p.title, latest.label if latest else "",
                    latest.status if latest else "", tuple(i.key for i in p.items)))
            return out

    def create_pack(self, title: str, item_ids: list[int], *,
                    approval_owner_id: int | None = None,
                    contract_ids: list[int] | None = None) -> int:
        """A new pack with an empty draft version 0.1; returns its id."""
        if not title.strip():
            raise ValidationError("A design pack needs a title.")
        with self.db.write() as s:
            items = list(s.execute(select(Item).where(Item.id.in_(item_ids))).scalars())
            contracts = list(s.execute(select(InterfaceContract)
                                       .where(InterfaceContract.id.in_(contract_ids or [])))
                             .scalars())
            pack = DesignPack(key=next_key(s, "DP"), title=title.strip(), items=items,
                              contracts=contracts, approval_owner_id=approval_owner_id)
            pack.versions.append(DesignPackVersion(major=0, minor=1, status="draft",
                                                   sections={k: "" for k in SECTION_KEYS},
                                                   approval_owner_id=approval_owner_id))
            s.add(pack)
            s.flush()
            return pack.id

    def save_sections(self, pack_id: int, sections: dict[str, str], *,
                      change_summary: str | None = None, version: str | None = None) -> None:
        """Edit the latest version's text; approved versions are frozen and refuse edits."""
        unknown = set(sections) - set(SECTION_KEYS)
        if unknown:
            raise ValidationError(f"Unknown design pack section(s): {', '.join(sorted(unknown))}.")
        with self.db.write() as s:
            pack = self._pack(s, pack_id)
            latest = _latest(pack)
            assert latest is not None
            if latest.status in ("approved", "superseded"):
                raise ValidationError(
                    f"{pack.key} v{latest.label} is approved and frozen; start a new version "
                    "to change it.")
            if version is not None:
                major, minor = _parse_version(version)
                latest.major, latest.minor = major, minor
            merged = dict(latest.sections or {})
            merged.update(sections)
            latest.sections = merged
            if change_summary is not None:
                latest.change_summary = change_summary

    def approve_latest(self, pack_id: int, approval_owner_id: int | None = None) -> str:
        """Approve and freeze the latest version (earlier approved ones are superseded)."""
        with self.db.write() as s:
            pack = self._pack(s, pack_id)
            latest = _latest(pack)
            assert latest is not None
            if latest.status == "approved":
                raise ValidationError(f"{pack.key} v{latest.label} is already approved.")
            owner_id = approval_owner_id or pack.approval_owner_id
            if owner_id is None or s.get(Person, owner_id) is None:
                raise ValidationError(f"{pack.key} needs an approval owner before approval.")
            for version in pack.versions[:-1]:
                if version.status == "approved":
                    version.status = "superseded"
            latest.status = "approved"
            latest.approval_owner_id = owner_id
            latest.approved_at = utc_now()
            s.flush()
            latest.snapshot = pack_content(s, pack, latest)
            return latest.label

    def start_new_version(self, pack_id: int, *, major: bool = False) -> str:
        """A new draft copied from the latest version (minor or major step); returns its label."""
        with self.db.write() as s:
            pack = self._pack(s, pack_id)
            latest = _latest(pack)
            assert latest is not None
            if latest.status not in ("approved", "superseded"):
                raise ValidationError(f"{pack.key} v{latest.label} is still a draft; edit it "
                                      "instead of starting a new version.")
            new = DesignPackVersion(
                major=latest.major + 1 if major else latest.major,
                minor=0 if major else latest.minor + 1, status="draft",
                sections=dict(latest.sections or {}), approval_owner_id=latest.approval_owner_id)
            pack.versions.append(new)
            return new.label

    def create_contract(self, spec: ContractInput) -> int:
        """A new interface contract with its payload fields; returns its id."""
        if spec.direction not in DIRECTIONS:
            raise ValidationError(f"Direction must be one of {', '.join(DIRECTIONS)}.")
        if spec.transport not in TRANSPORTS:
            raise ValidationError(f"Transport must be one of {', '.join(TRANSPORTS)}.")
        with self.db.write() as s:
            values = {k: getattr(spec, k) for k in (
                "title", "source_system", "target_system", "direction", "trigger", "frequency",
                "transport", "response_format", "error_handling", "retry_policy",
                "idempotency_key", "duplicate_handling", "late_messages", "partial_failures",
                "version", "status")}
            contract = InterfaceContract(key=next_key(s, "IF"), **values)
            contract.items = list(s.execute(select(Item).where(Item.id.in_(spec.item_ids)))
                                  .scalars())
            for pos, f in enumerate(spec.fields, start=1):
                contract.fields.append(InterfaceField(position=pos, **f.__dict__))
            s.add(contract)
            s.flush()
            return contract.id

    @staticmethod
    def _pack(s: Any, pack_id: int) -> DesignPack:
        pack = s.get(DesignPack, pack_id)
        if pack is None:
            raise NotFoundError(f"Design pack #{pack_id} no longer exists.")
        return pack  # type: ignore[no-any-return]


def _parse_version(text: str) -> tuple[int, int]:
    try:
        major, minor = (int(p) for p in text.strip().split("."))
    except ValueError as exc:
        raise ValidationError(f"'{text}' is not a version; write it as 1.0 or 2.3.") from exc
    return major, minor
