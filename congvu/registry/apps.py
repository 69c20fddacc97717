from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "congvu.registry"
    verbose_name = _("Registries and the working calendar")

    def ready(self) -> None:
        # Cache invalidation only (no domain logic): any registry write makes the snapshots stale.
        from congvu.registry import snapshot

        def stale(**kwargs) -> None:
            snapshot.bump()

        for model in snapshot.WATCHED:
            post_save.connect(stale, sender=model, weak=False, dispatch_uid=f"snapshot-save-{model.__name__}")
            post_delete.connect(stale, sender=model, weak=False, dispatch_uid=f"snapshot-del-{model.__name__}")
        from congvu.registry.models import MatterType

        m2m_changed.connect(stale, sender=MatterType.related_units.through, weak=False, dispatch_uid="snapshot-related")
