from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultConfig(AppConfig):
    name = "congvu.consult"
    verbose_name = _("Consultations between units")

    def ready(self) -> None:
        # An incoming letter with a reply date becomes a consultation request (clause 2.2); work, below
        # this area, calls it through its hook.
        from congvu.consult.incoming import consult_from_incoming  # noqa: PLC0415 - models load first
        from congvu.work.actions import AFTER_REGISTER  # noqa: PLC0415

        if consult_from_incoming not in AFTER_REGISTER:
            AFTER_REGISTER.append(consult_from_incoming)
