from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficialFormsConfig(AppConfig):
    name = "motcua.official_forms"
    label = "official_forms"
    verbose_name = _("Official forms")
