from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "congvu.registry"
    verbose_name = "Danh mục và lịch làm việc"
