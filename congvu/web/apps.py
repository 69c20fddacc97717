from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "congvu.web"
    verbose_name = "Giao diện"
