from django.contrib.auth import views as auth_views
from django.urls import include, path

from congvu.web import (
    language,
    sso,
    views,
    views_account,
    views_authority,
    views_dashboard,
    views_incoming,
    views_items,
    views_lists,
    views_oversight,
)
from congvu.web.throttle import ThrottledAuthenticationForm, throttled

urlpatterns = [
    path("", include("congvu.web.urls_reports")),  # periodic reports to the Province (clause 3)
    path("", views.home, name="home"),
    path("", include("congvu.web.urls_inspections")),  # issue 10: inspections (1.6)
    path("dang-nhap/", throttled(views_account.LoginView.as_view(
        authentication_form=ThrottledAuthenticationForm)), name="login"),
    path("dang-nhap/tinh/", sso.SignInView.as_view(), name="sso_sign_in"),
    path("dang-nhap/tinh/xong/", sso.CallbackView.as_view(), name="sso_callback"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views_account.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/thu-dien-tu/", views_account.email_notifications, name="email_notifications"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", views_account.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("ngon-ngu/", language.choose_language, name="choose_language"),
    path("danh-sach/", views_lists.item_list, name="item_list"),
    path("tong-hop/", views_dashboard.dashboard, name="overview"),
    path("tong-hop/", include("congvu.web.urls_dashboard")),
    path("tong-hop/xuat-excel/<slug:table>/", views_oversight.overview_export, name="overview_export"),
    path("tong-hop/quyet-dinh-thuc-hien/", views_authority.queue, name="authority_queue"),
    path("tong-hop/quyet-dinh-thuc-hien/<int:event_id>/", views_authority.resolve, name="authority_resolve"),
    path("tong-hop/tra-lai-sai/<int:item_id>/", views_authority.find_return_wrong, name="authority_return_wrong"),
    path("van-ban-den/", views_incoming.register_list, name="register_list"),
    path("van-ban-den/moi/", views_incoming.register, name="register"),
    path("van-ban-den/<int:document_id>/tep-goc/", views_incoming.original, name="original"),
    path("cong-viec/<int:item_id>/", views_items.item_detail, name="item"),
    path("cong-viec/<int:item_id>/gia-han/<int:request_id>/quyet-dinh/", views_items.extension_decision,
         name="extension_decision"),
    path("cong-viec/<int:item_id>/<slug:slug>/", views_items.item_action, name="item_action"),
    path("", include("congvu.web.urls_reviews")),
]
