"""The dashboard's pages under /tong-hop/ (included from congvu/web/urls.py)."""

from django.urls import path

from congvu.web import views_dashboard

urlpatterns = [
    path("danh-sach/", views_dashboard.period_items, name="dashboard_items"),
    path("dau-hieu/", views_dashboard.signals_page, name="dashboard_signals"),
    path("dau-hieu/<slug:slug>/", views_dashboard.signal_evidence, name="dashboard_evidence"),
    path("tu-choi/", views_dashboard.period_refusals_page, name="dashboard_refusals"),
]
