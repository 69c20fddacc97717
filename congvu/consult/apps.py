from django.apps import AppConfig


class ConsultConfig(AppConfig):
    name = "congvu.consult"
    verbose_name = "Xin ý kiến giữa các đơn vị"
