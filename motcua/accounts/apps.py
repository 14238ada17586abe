from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = _("Accounts and API tokens")

    def ready(self) -> None:
        from motcua.accounts import schema  # noqa: F401 - registers the OpenAPI extension
