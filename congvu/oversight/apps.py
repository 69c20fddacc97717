from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "congvu.oversight"
    verbose_name = "Theo dõi, giám sát kỷ luật hành chính"
