from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """The `congvu` command's operations: serve, demo, sweep, deadline, bench, audit."""

    name = "congvu.ops"
    verbose_name = _("Operations")
