"""The periodic reports' pages (clause 3): Home Affairs' periods and compiled reports, the units' reports."""

from django.urls import path

from congvu.web import views_reports

urlpatterns = [
    path("bao-cao-dinh-ky/", views_reports.period_list, name="report_periods"),
    path("bao-cao-dinh-ky/mo-ky/", views_reports.period_open, name="report_period_open"),
    path("bao-cao-dinh-ky/ky/<int:period_id>/", views_reports.period_detail, name="report_period"),
    path("bao-cao-dinh-ky/ky/<int:period_id>/don-doc/", views_reports.period_urge, name="report_period_urge"),
    path("bao-cao-dinh-ky/ky/<int:period_id>/tong-hop/", views_reports.period_compile, name="report_period_compile"),
    path("bao-cao-dinh-ky/ky/<int:period_id>/tai-ve/<slug:kind>/", views_reports.period_download,
         name="report_period_download"),
    path("bao-cao-dinh-ky/don-vi/<int:report_id>/", views_reports.unit_report, name="unit_report"),
    path("bao-cao-dinh-ky/don-vi/<int:report_id>/gui/", views_reports.unit_report_submit, name="unit_report_submit"),
]
