from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "congvu.org"
    verbose_name = "Tổ chức bộ máy"
