from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tổ chức và người dùng")

    def ready(self) -> None:
        from . import checks, sessions  # noqa: F401  (registers the system checks, the session receivers)
        from .scope import connect_forgetting

        connect_forgetting()
