"""Pluggable senders, one per channel (settings.NOTIFICATION_BACKENDS).

A backend sends one message and returns nothing, or raises ``DeliveryError``. The file backend
(the default) appends every message as one JSON line to ``NOTIFICATION_FILE_DIR/outbox.jsonl``,
so a demo's codes can be read there; the console backend logs them; ``DjangoEmailBackend``
sends e-mail through Django's mail settings. An SMS gateway is one more class.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("motcua.notifications")


class DeliveryError(Exception):
    """The backend could not hand the message over."""


@dataclass(frozen=True, slots=True)
class Message:
    channel: str
    recipient: str
    subject: str
    body: str
    key: str


class Backend:
    def send(self, message: Message) -> None:
        raise NotImplementedError


class FileBackend(Backend):
    """Append the message to ``outbox.jsonl`` (one JSON object a line) in the notifications dir."""

    def send(self, message: Message) -> None:
        folder = Path(settings.NOTIFICATION_FILE_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        line = json.dumps({**asdict(message), "at": timezone.now().isoformat()}, ensure_ascii=False)
        with (folder / "outbox.jsonl").open("a", encoding="utf-8") as outbox:
            outbox.write(line + "\n")


class ConsoleBackend(Backend):
    """Write the message to the log (development)."""

    def send(self, message: Message) -> None:
        logger.info(
            "%s to %s: %s %s", message.channel, message.recipient, message.subject, message.body
        )


class DjangoEmailBackend(Backend):
    """Send e-mail with Django's configured mail backend (EMAIL_HOST, …)."""

    def send(self, message: Message) -> None:
        try:
            send_mail(message.subject, message.body, None, [message.recipient])
        except OSError as exc:
            raise DeliveryError(str(exc)) from exc


@cache
def _backend(path: str) -> Backend:
    backend_class = import_string(path)
    backend: Backend = backend_class()
    return backend


def backend_for(channel: str) -> tuple[str, Backend]:
    """The configured backend of ``channel`` and its dotted path."""
    path = settings.NOTIFICATION_BACKENDS[channel]
    return path, _backend(path)


def read_outbox(folder: Path | None = None) -> list[dict[str, str]]:
    """Every message the file backend wrote, oldest first (demo and tests)."""
    outbox = Path(folder or settings.NOTIFICATION_FILE_DIR) / "outbox.jsonl"
    if not outbox.exists():
        return []
    lines = outbox.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
