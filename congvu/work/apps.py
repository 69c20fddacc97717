from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _search_index_in_step(sender, using, **kwargs) -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table: put the search index's back."""
    from django.db import connections

    from congvu.work import search_index

    search_index.ensure(connections[using])


class WorkConfig(AppConfig):
    name = "congvu.work"
    verbose_name = _("Incoming documents and work")

    def ready(self) -> None:
        post_migrate.connect(_search_index_in_step, sender=self, dispatch_uid="congvu.work.search_index")
