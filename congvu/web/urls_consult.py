from django.urls import path

from congvu.web import views_consult as views

urlpatterns = [
    path("cong-viec/<int:item_id>/xin-y-kien/", views.ask, name="consult_ask"),
    path("xin-y-kien/", views.requests_page, name="consult_requests"),
    path("xin-y-kien/<int:request_id>/phan-cong/", views.assign, name="consult_assign"),
    path("xin-y-kien/<int:request_id>/tra-loi/", views.reply, name="consult_reply"),
    path("xin-y-kien/<int:request_id>/lam-viec-truc-tiep/", views.reconcile, name="consult_reconcile"),
    path("xin-y-kien/dot/<int:consultation_id>/tai-lieu/", views.attachment, name="consult_attachment"),
    path("xin-y-kien/dot/<int:consultation_id>/van-ban-goc/", views.shared_original, name="consult_original"),
    path("thong-bao/<int:notice_id>/tai-ve/", views.notice_file, name="notice_file"),
    path("thong-bao/<int:notice_id>/ky-ban-hanh/", views.sign_notice, name="notice_sign"),
    path("thong-bao/chua-ky/", views.unsigned_notices, name="unsigned_notices"),
    path("thong-bao-cua-toi/", views.notifications, name="my_notifications"),
    path("thong-bao-cua-toi/da-doc-het/", views.notifications_all_read, name="notifications_all_read"),
    path("thong-bao-cua-toi/<int:notification_id>/da-doc/", views.notification_read, name="notification_read"),
]
