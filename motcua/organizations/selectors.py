"""Reads of the agency tree."""

from __future__ import annotations

from motcua.organizations.models import Agency


def agency_subtree_ids(*, agency_id: int) -> set[int]:
    """``agency_id`` and the primary keys of every agency below it, at any depth.

    Inactive (e.g. merged) agencies are included: what is linked to one still belongs to the
    tree. Costs one query per level of the tree.
    """
    return _with_descendants({agency_id})


def agency_subtree_ids_by_identifier(*, identifier: str) -> set[int]:
    """Like ``agency_subtree_ids``, from an electronic identifier; empty when none has it."""
    return _with_descendants(
        set(Agency.objects.filter(identifier=identifier).values_list("pk", flat=True))
    )


def _with_descendants(roots: set[int]) -> set[int]:
    found = set(roots)
    frontier = found
    while frontier:
        frontier = (
            set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= frontier
    return found
