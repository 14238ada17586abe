"""``motcua worker``: the background worker (django-tasks database backend).

It also runs the integration outbox loop (national portal, webhooks) in a thread unless
``INTEGRATION_IN_WORKER`` is false (then run ``motcua integration_deliver`` on its own), and the
periodic late-dossier check (``motcua late_dossiers_check``) every ``MOTCUA_LATE_CHECK_MINUTES``.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from motcua.integration.services.runner import outbox_run
from motcua.processes.schedule import late_dossiers_loop


class Command(BaseCommand):
    help = "Run the background task worker."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.INTEGRATION_IN_WORKER:
            threading.Thread(target=outbox_run, name="integration-outbox", daemon=True).start()
        threading.Thread(target=late_dossiers_loop, name="late-dossiers", daemon=True).start()
        call_command("db_worker")
