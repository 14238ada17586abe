"""The national portal's sender: a claimed batch → create/update packets, then progress packets.

For a batch of dossiers: one create packet with the dossiers the portal does not hold yet (a
"đã tồn tại" reply turns them into updates), one update packet with the others, each dossier as of
its latest pending event; then every pending event as a progress entry, in (dossier, sequence)
order, ten per packet. A packet with several dossiers that the portal rejects is split, so one bad
dossier cannot hold back the others. A transport failure stops the pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from motcua.dossiers.lifecycle import Transition
from motcua.dossiers.models import Dossier, DossierDocument, DossierEvent, DossierPause
from motcua.integration.models import AttemptOutcome, DeliveryAttempt, Receiver
from motcua.integration.national_portal import mapping
from motcua.integration.national_portal import schemas as s
from motcua.integration.national_portal.client import Outcome, PortalClient, PostResult
from motcua.integration.services.outbox import Pending, Progress, SendReport
from motcua.organizations.models import Role, StaffRole

_FACT_ACTIONS = [
    Transition.REFUSE.value,
    Transition.REJECT.value,
    Transition.RETURN_RESULT.value,
    Transition.REQUEST_PAYMENT.value,
]
#: Actions an applicant (or the portal on the applicant's behalf) performs.
_APPLICANT_ACTIONS = {Transition.SUBMIT, Transition.SUBMIT_SUPPLEMENT, Transition.WITHDRAW}


@dataclass(slots=True)
class _Item:
    pending: Pending
    dossier: Dossier
    facts: mapping.DossierFacts
    key: str  # the key of the snapshot: the latest pending event
    progress: Progress


def _dossiers(ids: list[int]) -> dict[int, Dossier]:
    documents = DossierDocument.objects.select_related("required_document").order_by("id")
    rows = Dossier.objects.filter(pk__in=ids).select_related(
        "procedure_version__procedure", "procedure_version__sector", "agency", "receiving_unit"
    )
    rows = rows.prefetch_related(
        Prefetch("documents", queryset=documents),
        Prefetch("pauses", queryset=DossierPause.objects.order_by("started_at")),
    )
    return {d.pk: d for d in rows}


def _facts(
    dossier: Dossier, upto: DossierEvent, history: list[DossierEvent]
) -> mapping.DossierFacts:
    by_sequence = {e.sequence: e for e in history if e.sequence <= upto.sequence}
    earlier = [by_sequence[n] for n in sorted(by_sequence)]

    def last_at(*actions: Transition) -> dt.datetime | None:
        times = [e.occurred_at for e in earlier if e.action in {a.value for a in actions}]
        return max(times) if times else None

    return mapping.DossierFacts(
        dossier=dossier,
        status=upto.to_status,
        documents=list(dossier.documents.all()),
        pauses=[p for p in dossier.pauses.all() if p.started_at <= upto.occurred_at],
        payments=[
            mapping.Payment(
                amount=int(e.data.get("amount") or 0),
                description=str(e.data.get("description", "")),
            )
            for e in earlier
            if e.action == Transition.REQUEST_PAYMENT.value
        ],
        refused_at=last_at(Transition.REFUSE, Transition.REJECT),
        returned_at=last_at(Transition.RETURN_RESULT),
    )


def _steps(items: list[_Item]) -> list[tuple[_Item, DossierEvent, s.QuaTrinhXuLyDongBoDVC]]:
    actor_ids = {e.actor_id for i in items for e in i.pending.events if e.actor_id}
    agency_ids = {i.dossier.agency_id for i in items}
    roles: dict[tuple[int, int], StaffRole] = {}
    for staff in (
        StaffRole.objects.filter(
            user_id__in=actor_ids, unit__agency_id__in=agency_ids, is_active=True
        )
        .select_related("unit")
        .order_by("-id")
    ):
        roles[(staff.user_id, staff.unit.agency_id)] = staff
    steps = []
    for item in items:
        dossier = item.dossier
        for event in item.pending.events:
            role = roles.get((event.actor_id or 0, dossier.agency_id))
            name = ""
            if event.actor is not None:
                name = event.actor.get_full_name() or event.actor.get_username()
            if role is None and event.action in {t.value for t in _APPLICANT_ACTIONS}:
                name = dossier.applicant_name
            step = mapping.StepFacts(
                event=event,
                dossier_code=dossier.code,
                due_at=dossier.due_at,
                handler_name=name,
                handler_title=(role.title or str(Role(role.role).label))
                if role is not None
                else "",
                handler_unit=role.unit.name if role is not None else "",
            )
            steps.append((item, event, mapping.progress_entry(step)))
    return steps


def _attempt(
    receiver: Receiver, operation: str, keys: Sequence[str], result: PostResult, now: dt.datetime
) -> DeliveryAttempt:
    outcome = {
        Outcome.DELIVERED: AttemptOutcome.DELIVERED,
        Outcome.EXISTS: AttemptOutcome.DELIVERED,
        Outcome.REJECTED: AttemptOutcome.REJECTED,
        Outcome.FAILED: AttemptOutcome.FAILED,
    }[result.outcome]
    return DeliveryAttempt(
        receiver=receiver,
        started_at=now,
        duration_ms=result.duration_ms,
        operation=operation,
        url=result.url,
        keys=list(keys),
        outcome=outcome,
        http_status=result.http_status,
        response=result.detail,
    )


class PortalSender:
    """Sends batches through a :class:`PortalClient` (one per worker)."""

    def __init__(self, client: PortalClient) -> None:
        self.client = client

    def send(self, receiver: Receiver, batch: Sequence[Pending], now: dt.datetime) -> SendReport:
        report = SendReport(progress={})
        for pending in batch:
            report.progress[pending.state.pk] = Progress(
                pending.state.delivered_sequence, is_known=pending.state.is_known_to_receiver
            )
        work = [p for p in batch if p.events]
        if not work:
            return report
        dossiers = _dossiers([p.state.dossier_id for p in work])
        history: dict[int, list[DossierEvent]] = {}
        for event in DossierEvent.objects.filter(
            dossier_id__in=list(dossiers), action__in=_FACT_ACTIONS
        ).order_by("sequence"):
            history.setdefault(event.dossier_id, []).append(event)
        items = []
        for p in work:
            dossier = dossiers[p.state.dossier_id]
            latest = p.events[-1]
            items.append(
                _Item(
                    pending=p,
                    dossier=dossier,
                    facts=_facts(dossier, latest, history.get(dossier.pk, []) + p.events),
                    key=mapping.event_key(dossier.code, latest.sequence),
                    progress=report.progress[p.state.pk],
                )
            )
        if not self._send_snapshots(receiver, items, report, now):
            return report
        ready = [i for i in items if i.progress.is_known and not i.progress.rejected]
        self._send_progress(receiver, ready, report, now)
        return report

    # -- snapshots ----------------------------------------------------------------------------

    def _post_split(
        self,
        receiver: Receiver,
        operation: str,
        post: Callable[[list[s.HoSoDongBoDVC], list[str]], PostResult],
        items: list[_Item],
        report: SendReport,
        now: dt.datetime,
    ) -> list[tuple[_Item, Outcome]] | None:
        """Post ``items`` in one packet, splitting on rejection; None after a transport failure."""
        if not items:
            return []
        keys = [i.key for i in items]
        result = post([mapping.dossier_packet(i.facts) for i in items], keys)
        report.attempts.append(_attempt(receiver, operation, keys, result, now))
        if result.outcome is Outcome.FAILED:
            for item in items:
                item.progress.failed = result.detail or "failed"
            report.transport_failed = True
            return None
        if result.outcome is Outcome.REJECTED and len(items) > 1:
            outcomes: list[tuple[_Item, Outcome]] = []
            for item in items:
                single = self._post_split(receiver, operation, post, [item], report, now)
                if single is None:
                    return None
                outcomes += single
            return outcomes
        if result.outcome is Outcome.REJECTED:
            items[0].progress.rejected = result.detail or "rejected"
        return [(item, result.outcome) for item in items]

    def _send_snapshots(
        self, receiver: Receiver, items: list[_Item], report: SendReport, now: dt.datetime
    ) -> bool:
        new = [i for i in items if not i.progress.is_known]
        known = [i for i in items if i.progress.is_known]
        created = self._post_split(receiver, "create", self.client.create, new, report, now)
        if created is None:
            return False
        exists = [item for item, outcome in created if outcome is Outcome.EXISTS]
        if len(exists) > 1:
            # One packet named dossiers the portal holds: find out which, one at a time.
            retried = []
            for item in exists:
                single = self._post_split(
                    receiver, "create", self.client.create, [item], report, now
                )
                if single is None:
                    return False
                retried += single
            created = [c for c in created if c[1] is not Outcome.EXISTS] + retried
        for item, outcome in created:
            if outcome is Outcome.DELIVERED:
                item.progress.is_known = True
            elif outcome is Outcome.EXISTS:
                known.append(item)
        updated = self._post_split(receiver, "update", self.client.update, known, report, now)
        if updated is None:
            return False
        for item, outcome in updated:
            if outcome is not Outcome.REJECTED:
                item.progress.is_known = True
        return True

    # -- progress -----------------------------------------------------------------------------

    def _send_progress(
        self, receiver: Receiver, items: list[_Item], report: SendReport, now: dt.datetime
    ) -> None:
        steps = _steps(items)
        for chunk in mapping.progress_chunks(steps):
            chunk = [c for c in chunk if not c[0].progress.rejected]
            if not chunk:
                continue
            if not self._post_steps(receiver, chunk, report, now):
                return

    def _post_steps(
        self,
        receiver: Receiver,
        chunk: Sequence[tuple[_Item, DossierEvent, s.QuaTrinhXuLyDongBoDVC]],
        report: SendReport,
        now: dt.datetime,
    ) -> bool:
        keys = [mapping.event_key(item.dossier.code, event.sequence) for item, event, _ in chunk]
        result = self.client.progress([entry for _, _, entry in chunk], keys)
        report.attempts.append(_attempt(receiver, "progress", keys, result, now))
        if result.outcome is Outcome.FAILED:
            for item, _, _ in chunk:
                item.progress.failed = result.detail or "failed"
            report.transport_failed = True
            return False
        if result.outcome is Outcome.REJECTED:
            if len(chunk) == 1:
                chunk[0][0].progress.rejected = result.detail or "rejected"
                return True
            for step in chunk:
                if step[0].progress.rejected:
                    continue  # an earlier event of this dossier failed: keep the order
                if not self._post_steps(receiver, [step], report, now):
                    return False
            return True
        for item, event, _ in chunk:
            item.progress.delivered_sequence = max(item.progress.delivered_sequence, event.sequence)
        return True
