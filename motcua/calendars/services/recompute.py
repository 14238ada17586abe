"""Recompute open deadlines after a calendar change, through providers other apps register.

The dossiers app (lifecycle issue) registers a provider at startup (``AppConfig.ready``):

    deadline_provider_register("dossiers", DossierDeadlines())

A provider lists its open deadlines (``DeadlineInput`` with the agency whose calendar applies)
and stores the changed ones with their reason; ``deadlines_recompute`` does the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from motcua.calendars.selectors import calendar_for_agency
from motcua.organizations.selectors import agency_subtree_ids
from motcua.worktime.recompute import DeadlineInput, Recomputed, recompute_deadlines


class DeadlineProvider(Protocol):
    def open_deadlines(
        self, *, agency_ids: Collection[int] | None
    ) -> Iterable[tuple[int | None, DeadlineInput]]:
        """Open deadlines as (agency id, input); ``agency_ids`` None means every agency."""
        ...

    def apply(self, *, changes: Sequence[Recomputed]) -> None:
        """Store each new due date with its reason (``Recomputed.reason``)."""
        ...


_providers: dict[str, DeadlineProvider] = {}


def deadline_provider_register(name: str, provider: DeadlineProvider) -> None:
    _providers[name] = provider


def deadline_provider_unregister(name: str) -> None:
    _providers.pop(name, None)


@dataclass
class RecomputeReport:
    examined: int = 0
    changes: list[tuple[str, Recomputed]] = field(default_factory=list)


def agency_subtree(agency_id: int) -> set[int]:
    """The agency and every agency below it."""
    return agency_subtree_ids(agency_id=agency_id)


def deadlines_recompute(
    *, agency_ids: Collection[int] | None = None, dry_run: bool = False
) -> RecomputeReport:
    """Recompute the open deadlines of ``agency_ids`` (None: all) against the current calendars.

    Each provider gets the deadlines whose due date changed, with the reason (docs/deadlines.md
    [D21]); nothing is stored with ``dry_run``.
    """
    report = RecomputeReport()
    for name, provider in sorted(_providers.items()):
        by_agency: dict[int | None, list[DeadlineInput]] = defaultdict(list)
        for agency_id, deadline in provider.open_deadlines(agency_ids=agency_ids):
            by_agency[agency_id].append(deadline)
        changed: list[Recomputed] = []
        for agency_id, deadlines in by_agency.items():
            report.examined += len(deadlines)
            changed += recompute_deadlines(deadlines, calendar_for_agency(agency_id))
        report.changes += [(name, change) for change in changed]
        if changed and not dry_run:
            provider.apply(changes=changed)
    return report
