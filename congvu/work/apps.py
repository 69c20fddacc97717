from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "congvu.work"
    verbose_name = "Văn bản đến và công việc"
