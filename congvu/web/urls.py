from django.urls import path

from congvu.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
