"""Reads of the agency tree."""

from __future__ import annotations

import pytest

from motcua.organizations.selectors import (
    agency_subtree_ids,
    agency_subtree_ids_by_identifier,
)
from motcua.organizations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_subtree_holds_the_agency_and_everything_below_it_at_any_depth():
    root = AgencyFactory()
    child = AgencyFactory(parent=root)
    grandchild = AgencyFactory(parent=child)
    great_grandchild = AgencyFactory(parent=grandchild, is_active=False)
    sibling = AgencyFactory(parent=root)
    unrelated = AgencyFactory()

    assert agency_subtree_ids_by_identifier(identifier=root.identifier) == {
        root.pk,
        child.pk,
        grandchild.pk,
        great_grandchild.pk,
        sibling.pk,
    }
    assert agency_subtree_ids(agency_id=grandchild.pk) == {
        grandchild.pk,
        great_grandchild.pk,
    }
    assert agency_subtree_ids_by_identifier(identifier=unrelated.identifier) == {unrelated.pk}


def test_unknown_identifier_is_an_empty_subtree():
    AgencyFactory()

    assert agency_subtree_ids_by_identifier(identifier="000.00.99.H99") == set()
