from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "congvu.api"
    verbose_name = "Giao diện lập trình (API)"
