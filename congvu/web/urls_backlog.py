"""The backlog review (clause 1.5) and the trail's XES export for Home Affairs' analysts."""

from django.urls import path

from congvu.web import views_backlog, views_xes

urlpatterns = [
    path("ra-soat-ton-dong/", views_backlog.round_list, name="backlog_rounds"),
    path("ra-soat-ton-dong/mo-dot/", views_backlog.round_open, name="backlog_round_open"),
    path("ra-soat-ton-dong/<int:round_id>/", views_backlog.round_detail, name="backlog_round"),
    path("ra-soat-ton-dong/muc/<int:entry_id>/ke-hoach/", views_backlog.plan_record, name="backlog_plan"),
    path("tong-hop/nhat-ky.xes", views_xes.xes_export, name="xes_export"),
]
