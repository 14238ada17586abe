from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self) -> None:
        from motcua.calendars.services.recompute import deadline_provider_register
        from motcua.dossiers.services.recompute import DossierDeadlines

        # A calendar change recomputes the due dates of open dossiers (with an event each).
        deadline_provider_register("dossiers", DossierDeadlines())
