"""Agency tree services: create, rename, move, merge (data changes, never cycles)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password

from motcua.core.errors import NotFoundError
from motcua.organizations.exceptions import (
    AgencyIdentifierTakenError,
    AgencyInactiveError,
    AgencyNameRequiredError,
    AgencyTreeCycleError,
    InvalidAgencyIdentifierError,
)
from motcua.organizations.models import Agency, AgencyLevel, Role, StaffRole, Unit, UnitKind
from motcua.organizations.services import (
    agency_create,
    agency_merge,
    agency_move,
    agency_rename,
    official_ensure,
    staff_role_grant,
    unit_ensure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return agency_create(identifier="000.00.00.H99", name="UBND tỉnh", level=AgencyLevel.PROVINCE)


def commune(province, number, name=None):
    return agency_create(
        identifier=f"000.00.{number:02d}.H99",
        name=name or f"UBND xã {number}",
        level=AgencyLevel.COMMUNE,
        parent_id=province.pk,
    )


def test_create_builds_the_tree(province):
    child = commune(province, 41, "  UBND xã An Bình ")

    child.refresh_from_db()
    assert (child.parent, child.name, child.level, child.is_active) == (
        province,
        "UBND xã An Bình",
        AgencyLevel.COMMUNE,
        True,
    )


@pytest.mark.parametrize(
    "identifier", ["H99", "000.00.00.h99", "000.0.00.H99", "000.00.00.H999", ""]
)
def test_create_rejects_an_invalid_identifier(identifier):
    with pytest.raises(InvalidAgencyIdentifierError):
        agency_create(identifier=identifier, name="X", level=AgencyLevel.OTHER)

    assert Agency.objects.count() == 0


def test_create_rejects_a_taken_identifier_and_an_empty_name(province):
    with pytest.raises(AgencyIdentifierTakenError):
        agency_create(identifier="000.00.00.H99", name="Khác", level=AgencyLevel.PROVINCE)
    with pytest.raises(AgencyNameRequiredError):
        agency_create(identifier="000.00.01.H99", name=" ", level=AgencyLevel.DEPARTMENT)

    assert Agency.objects.count() == 1


def test_create_under_an_unknown_parent_fails():
    with pytest.raises(NotFoundError):
        agency_create(
            identifier="000.00.01.H99", name="Sở", level=AgencyLevel.DEPARTMENT, parent_id=999
        )


def test_rename_keeps_the_identifier(province):
    renamed = agency_rename(agency_id=province.pk, name="UBND tỉnh Mới", short_name="Tỉnh Mới")

    renamed.refresh_from_db()
    assert (renamed.identifier, renamed.name, renamed.short_name) == (
        "000.00.00.H99",
        "UBND tỉnh Mới",
        "Tỉnh Mới",
    )


def test_move_places_an_agency_under_another(province):
    first, second = commune(province, 41), commune(province, 42)

    agency_move(agency_id=second.pk, parent_id=first.pk)
    agency_move(agency_id=first.pk, parent_id=None)

    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.parent, first.parent) == (first, None)


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_move_refuses_a_cycle(province, depth):
    chain = [province]
    for number in range(depth):
        chain.append(commune(chain[-1], 41 + number))

    with pytest.raises(AgencyTreeCycleError):
        agency_move(agency_id=province.pk, parent_id=chain[-1].pk)

    province.refresh_from_db()
    assert province.parent is None


def test_merge_deactivates_and_points_at_the_successor(province):
    old, successor = commune(province, 41), commune(province, 42)
    hamlet = commune(old, 51)
    unit = unit_ensure(agency_id=old.pk, name="Bộ phận một cửa", kind=UnitKind.RECEPTION)

    merged = agency_merge(agency_id=old.pk, into_id=successor.pk)

    merged.refresh_from_db()
    hamlet.refresh_from_db()
    assert (merged.is_active, merged.merged_into) == (False, successor)
    assert hamlet.parent == successor
    assert Unit.objects.get(pk=unit.pk).agency == old  # history stays with the old agency


def test_merge_refuses_itself_a_descendant_and_inactive_agencies(province):
    first, second = commune(province, 41), commune(province, 42)
    child = commune(first, 51)

    with pytest.raises(AgencyTreeCycleError):
        agency_merge(agency_id=first.pk, into_id=first.pk)
    with pytest.raises(AgencyTreeCycleError):
        agency_merge(agency_id=first.pk, into_id=child.pk)
    agency_merge(agency_id=second.pk, into_id=first.pk)
    with pytest.raises(AgencyInactiveError):
        agency_merge(agency_id=first.pk, into_id=second.pk)
    with pytest.raises(AgencyInactiveError):
        agency_rename(agency_id=second.pk, name="X")

    first.refresh_from_db()
    assert (first.is_active, first.merged_into) == (True, None)


def test_units_officials_and_roles_are_idempotent(province):
    password_hash = make_password("motcua-demo")
    unit = unit_ensure(agency_id=province.pk, name="Trung tâm PVHCC", kind=UnitKind.RECEPTION)
    user = official_ensure(username="tiepnhan", password_hash=password_hash, last_name="An")
    role = staff_role_grant(user_id=user.pk, unit_id=unit.pk, role=Role.RECEPTION_OFFICER)
    StaffRole.objects.filter(pk=role.pk).update(is_active=False)

    again = unit_ensure(agency_id=province.pk, name="Trung tâm PVHCC", kind=UnitKind.RECEPTION)
    same_user = official_ensure(username="tiepnhan", password_hash=make_password("other"))
    same_role = staff_role_grant(user_id=user.pk, unit_id=unit.pk, role=Role.RECEPTION_OFFICER)

    assert (again, same_user, same_role) == (unit, user, role)
    assert same_user.check_password("motcua-demo")
    assert StaffRole.objects.get().is_active is True
