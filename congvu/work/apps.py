from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "congvu.work"
    verbose_name = _("Incoming documents and work")
