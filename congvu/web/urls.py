from django.contrib.auth import views as auth_views
from django.urls import path

from congvu.web import views, views_incoming, views_items

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
         name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tong-hop/", views.overview, name="overview"),
    path("van-ban-den/", views_incoming.register_list, name="register_list"),
    path("van-ban-den/moi/", views_incoming.register, name="register"),
    path("van-ban-den/<int:document_id>/tep-goc/", views_incoming.original, name="original"),
    path("cong-viec/<int:item_id>/", views_items.item_detail, name="item"),
    path("cong-viec/<int:item_id>/<slug:slug>/", views_items.item_action, name="item_action"),
]
