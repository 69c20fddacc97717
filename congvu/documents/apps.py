from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "congvu.documents"
    verbose_name = "Văn bản: thư, Excel, edXML"
