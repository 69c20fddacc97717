from django.apps import AppConfig


class OpsConfig(AppConfig):
    """The `congvu` command's operations: serve, demo, sweep, deadline, bench, audit."""

    name = "congvu.ops"
    verbose_name = "Vận hành"
