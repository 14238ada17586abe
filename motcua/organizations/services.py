"""Writes to the agency tree and its staff (R1): create, rename, move, merge; units and roles.

Mergers and renames are data changes: a rename keeps the electronic identifier; a merge
deactivates the agency, points ``merged_into`` at its successor and moves its active
sub-agencies under the successor. The tree never gets a cycle.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from motcua.core.errors import NotFoundError
from motcua.organizations.exceptions import (
    AgencyIdentifierTakenError,
    AgencyInactiveError,
    AgencyNameRequiredError,
    AgencyTreeCycleError,
    InvalidAgencyIdentifierError,
)
from motcua.organizations.models import Agency, AgencyLevel, Role, StaffRole, Unit, UnitKind
from motcua.organizations.validators import is_agency_identifier


def _active_agency(agency_id: int) -> Agency:
    agency = Agency.objects.select_for_update().filter(pk=agency_id).first()
    if agency is None:
        raise NotFoundError()
    if not agency.is_active:
        raise AgencyInactiveError(identifier=agency.identifier)
    return agency


def _ensure_not_within(agency: Agency, candidate: Agency | None) -> None:
    """Raise when ``candidate`` is ``agency`` or one of its sub-agencies (a cycle)."""
    seen: set[int] = set()
    node = candidate
    while node is not None and node.pk not in seen:
        if node.pk == agency.pk:
            raise AgencyTreeCycleError(identifier=agency.identifier)
        seen.add(node.pk)
        node = node.parent


def agency_ensure_can_move(*, agency: Agency, parent: Agency | None) -> None:
    """Raise ``AgencyTreeCycleError`` when ``parent`` is ``agency`` or under it (for forms)."""
    if agency.pk is not None:
        _ensure_not_within(agency, parent)


@transaction.atomic
def agency_create(
    *,
    identifier: str,
    name: str,
    level: AgencyLevel | str,
    parent_id: int | None = None,
    **details: Any,
) -> Agency:
    """Create an agency (cơ quan) with its QCVN 102 electronic identifier.

    ``details`` are the optional fields: short_name, address, phone, email.
    """
    if not is_agency_identifier(identifier):
        raise InvalidAgencyIdentifierError(identifier=identifier)
    if not name.strip():
        raise AgencyNameRequiredError()
    if Agency.objects.filter(identifier=identifier).exists():
        raise AgencyIdentifierTakenError(identifier=identifier)
    parent = _active_agency(parent_id) if parent_id is not None else None
    return Agency.objects.create(
        identifier=identifier, name=name.strip(), level=level, parent=parent, **details
    )


@transaction.atomic
def agency_rename(*, agency_id: int, name: str, short_name: str | None = None) -> Agency:
    """Rename an agency (đổi tên); its identifier and history stay."""
    if not name.strip():
        raise AgencyNameRequiredError()
    agency = _active_agency(agency_id)
    agency.name = name.strip()
    fields = ["name", "updated_at"]
    if short_name is not None:
        agency.short_name = short_name
        fields.append("short_name")
    agency.save(update_fields=fields)
    return agency


@transaction.atomic
def agency_move(*, agency_id: int, parent_id: int | None) -> Agency:
    """Place an agency under another one (or at the root); refuses cycles."""
    agency = _active_agency(agency_id)
    parent = _active_agency(parent_id) if parent_id is not None else None
    _ensure_not_within(agency, parent)
    agency.parent = parent
    agency.save(update_fields=["parent", "updated_at"])
    return agency


@transaction.atomic
def agency_merge(*, agency_id: int, into_id: int) -> Agency:
    """Merge an agency into its successor (sáp nhập): deactivate it and move its sub-agencies.

    Returns the merged (now inactive) agency.
    """
    agency = _active_agency(agency_id)
    successor = _active_agency(into_id)
    _ensure_not_within(agency, successor)
    for child in Agency.objects.select_for_update().filter(parent=agency, is_active=True):
        child.parent = successor
        child.save(update_fields=["parent", "updated_at"])
    agency.is_active = False
    agency.merged_into = successor
    agency.save(update_fields=["is_active", "merged_into", "updated_at"])
    return agency


@transaction.atomic
def unit_ensure(*, agency_id: int, name: str, kind: UnitKind | str, **details: Any) -> Unit:
    """The unit of that name in the agency, created when missing (idempotent)."""
    agency = _active_agency(agency_id)
    unit, _created = Unit.objects.get_or_create(
        agency=agency, name=name, defaults={"kind": kind, **details}
    )
    return unit


@transaction.atomic
def official_ensure(
    *, username: str, password_hash: str, first_name: str = "", last_name: str = "", email: str = ""
) -> AbstractBaseUser:
    """The official's user account, created with ``password_hash`` when missing (idempotent)."""
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "password": password_hash,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "is_staff": False,
        },
    )
    return user


@transaction.atomic
def staff_role_grant(*, user_id: int, unit_id: int, role: Role | str, title: str = "") -> StaffRole:
    """Give an official a role in a unit (idempotent; a revoked role is re-activated)."""
    staff_role, created = StaffRole.objects.get_or_create(
        user_id=user_id, unit_id=unit_id, role=role, defaults={"title": title}
    )
    if not created and not staff_role.is_active:
        staff_role.is_active = True
        staff_role.save(update_fields=["is_active"])
    return staff_role
