"""Recording dossier events: the next link of the dossier's hash chain, published after commit."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction

from motcua.dossiers.events import GENESIS_HASH, canonical_json, event_hash
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.permissions import Actor

#: Called with an event id after the transaction that wrote the event commits (notifications,
#: the national-portal outbox, webhooks register here).
event_listeners: list[Callable[[int], None]] = []


def _publish(event_id: int) -> None:
    for listener in event_listeners:
        listener(event_id)


def dossier_event_record(
    *,
    dossier: Dossier,
    action: str,
    actor: Actor | None,
    occurred_at: dt.datetime,
    from_status: int | None,
    data: dict[str, Any] | None = None,
) -> DossierEvent:
    """Append one event to ``dossier`` (locked by the caller) and chain its hash.

    The dossier's ``version`` is the number of its events, so the previous event is found by it.
    """
    sequence = dossier.version
    if sequence > 1:
        previous_hash = (
            DossierEvent.objects.filter(dossier=dossier, sequence=sequence - 1)
            .values_list("hash", flat=True)
            .get()
        )
    else:
        previous_hash = GENESIS_HASH
    user = actor if actor is not None and actor.is_authenticated else None
    event = DossierEvent(
        dossier=dossier,
        sequence=sequence,
        action=action,
        actor_id=user.pk if user is not None else None,
        actor_label=user.get_username() if user is not None else "",
        occurred_at=occurred_at,
        from_status=from_status,
        to_status=dossier.status,
        # Stored as plain JSON (datetimes as UTC text) so the reloaded event hashes the same.
        data=json.loads(canonical_json(data or {})),
        previous_hash=previous_hash,
    )
    event.hash = event_hash(event.hashed_content())
    event.save(force_insert=True)
    transaction.on_commit(partial(_publish, event.pk))
    return event
