"""Late dossiers (Decree 61/2018 Art 19.9): warn before the due date and draft the apology (Mẫu 04).

The apology must reach the applicant no later than one working day before the due date, so the
daily job looks ``MOTCUA_LATE_WARNING_WORKING_DAYS`` (default 2) working days ahead: a dossier not
finished with that little working time left is flagged, its assignee and the agency's leaders are
told, and a draft Mẫu 04 proposing a new date waits for the leader to sign and send.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.calendars.selectors import calendar_for_agency
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.permissions import Actor
from motcua.processes.models import LateNotice
from motcua.processes.selectors import leaders_of
from motcua.worktime.deadlines import add_working_time, working_time_between

logger = logging.getLogger(__name__)
User = get_user_model()

#: Statuses in which the clock runs and the dossier is not finished.
RUNNING = (DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.PAYMENT_REQUESTED)


def warning_working_days() -> int:
    return int(getattr(settings, "MOTCUA_LATE_WARNING_WORKING_DAYS", 2))


def proposed_extension_working_days() -> int:
    return int(getattr(settings, "MOTCUA_LATE_PROPOSED_EXTENSION_WORKING_DAYS", 5))


def _notify(notice_id: int) -> None:
    from motcua.notifications.services.delivery import notification_send

    notice = LateNotice.objects.select_related("dossier").get(pk=notice_id)
    with translation.override("vi"):
        subject = _("Dossier %(code)s will be late") % {"code": notice.dossier.code}
        body = _(
            "Dossier %(code)s is due at %(due)s and is not finished. "
            "A draft apology (Form 04) waits for the leader to sign and send "
            "at least one working day before the due date."
        ) % {
            "code": notice.dossier.code,
            "due": timezone.localtime(notice.due_at).strftime("%H:%M %d/%m/%Y"),
        }
    for user in notice.recipients.all():
        if user.email:
            notification_send(
                channel="email",
                recipient=user.email,
                subject=subject,
                body=body,
                key=f"late-dossier:{notice.pk}:{user.pk}",
            )


def _whole_minute_up(moment: dt.datetime) -> dt.datetime:
    """An appointment is given to the minute (the form shows minutes): round up, never earlier."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + dt.timedelta(minutes=1)


@transaction.atomic
def late_dossier_flag(*, dossier_id: int, now: dt.datetime) -> LateNotice | None:
    """Flag one dossier if it will be late; idempotent (one notice per dossier)."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
    if dossier.status not in RUNNING or dossier.due_at is None or dossier.due_at <= now:
        return None
    if LateNotice.objects.filter(dossier=dossier).exists():
        return None
    calendar = calendar_for_agency(dossier.agency_id)
    left = working_time_between(now, dossier.due_at, calendar)
    if left > calendar.working_day_length * warning_working_days():
        return None
    proposed = None
    if dossier.reappointment_count == 0:
        proposed = _whole_minute_up(
            add_working_time(
                dossier.due_at,
                calendar.working_day_length * proposed_extension_working_days(),
                calendar,
            )
        )
    notice = LateNotice.objects.create(
        dossier=dossier, due_at=dossier.due_at, found_at=now, proposed_due_at=proposed
    )
    recipients = set(leaders_of(agency_id=dossier.agency_id))
    if dossier.assignee_id is not None:
        recipients.add(dossier.assignee_id)
    notice.recipients.set(sorted(recipients))
    transaction.on_commit(partial(_notify, notice.pk))
    return notice


def late_dossiers_check(*, now: dt.datetime) -> list[LateNotice]:
    """The daily job: flag every running dossier that will be late (one transaction each)."""
    horizon = now + dt.timedelta(days=warning_working_days() * 3 + 7)  # covers weekends, Tết
    candidates = Dossier.objects.filter(
        status__in=RUNNING, due_at__gt=now, due_at__lte=horizon
    ).values_list("pk", flat=True)
    flagged = []
    for dossier_id in list(candidates.order_by("due_at", "pk")):
        notice = late_dossier_flag(dossier_id=dossier_id, now=now)
        if notice is not None:
            flagged.append(notice)
    logger.info("late dossiers flagged: %d", len(flagged))
    return flagged


@transaction.atomic
def late_apology_send(
    *,
    dossier_id: int,
    actor: Actor,
    new_due_at: dt.datetime,
    reason: str,
    now: dt.datetime | None = None,
) -> Dossier:
    """The leader signs and sends the apology (Mẫu 04) with the new date.

    Through the dossier's ``apologize`` transition: once, and at least one working day before the
    due date (Decree 61/2018 Art 19.9).
    """
    now = now or timezone.now()
    dossier = t.dossier_apologize(
        dossier_id=dossier_id, actor=actor, new_due_at=new_due_at, reason=reason, now=now
    )
    LateNotice.objects.filter(dossier_id=dossier_id, apology_sent_at__isnull=True).update(
        apology_sent_at=now
    )
    return dossier
