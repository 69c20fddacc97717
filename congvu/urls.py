from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from congvu.web.throttle import ThrottledAdminAuthenticationForm, throttled

admin.site.site_header = _("congvu — registry administration")
admin.site.site_title = "congvu"
# The administration's sign-in counts against the same accounts and addresses as the site's
# (congvu/web/throttle.py); the path below shadows the admin's own, so it answers 429 the same way.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("quan-tri/login/", throttled(admin.site.login)),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("congvu.api.urls")),
    # Every page is the web's. The consultation and import pages come first: their addresses
    # (e.g. /cong-viec/<id>/xin-y-kien/) would otherwise be taken for an item action's slug.
    path("", include("congvu.web.urls_consult")),
    path("", include("congvu.web.urls_imports")),
    path("", include("congvu.web.urls_public")),
    path("", include("congvu.web.urls_backlog")),
    path("", include("congvu.web.urls")),
]

# 400, 403 and 404 are Django's handlers with congvu's templates; the 500 page must not need the database.
handler500 = "congvu.web.errors.server_error"
