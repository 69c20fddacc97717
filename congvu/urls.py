from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "congvu — Quản trị danh mục"
admin.site.site_title = "congvu"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("congvu.api.urls")),
    path("", include("congvu.consult.urls")),
    path("", include("congvu.documents.urls")),
    path("", include("congvu.web.urls")),
]
