from django.urls import path

from congvu.web import views_imports as views

urlpatterns = [
    path("van-ban-den/nhap-edxml/", views.edxml_upload, name="edxml_upload"),
    path("van-ban-den/nhap-edxml/xac-nhan/", views.edxml_confirm, name="edxml_confirm"),
    path("van-ban-den/<int:document_id>/dinh-kem/<int:index>/", views.edxml_attachment, name="edxml_attachment"),
    path("van-ban-den/nhap-excel/", views.excel_upload, name="excel_upload"),
    path("van-ban-den/nhap-excel/mau.xlsx", views.excel_template, name="excel_template"),
]
