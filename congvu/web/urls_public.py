"""Issue 11's pages: the directives officials acknowledge (clause 1.1), and the public reports —
the citizen's form and lookup, with no sign-in, and Home Affairs' and the units' desks (clause 1.7)."""

from django.urls import path

from congvu.web import views_directives, views_public, views_public_figures

urlpatterns = [
    path("chi-dao/", views_directives.directive_list, name="directive_list"),
    path("chi-dao/moi/", views_directives.directive_new, name="directive_new"),
    path("chi-dao/<int:directive_id>/", views_directives.directive_detail, name="directive"),
    path("chi-dao/<int:directive_id>/gui/", views_directives.directive_send, name="directive_send"),
    path("chi-dao/<int:directive_id>/quan-triet/", views_directives.directive_acknowledge,
         name="directive_acknowledge"),
    path("chi-dao/<int:directive_id>/tep/", views_directives.directive_file, name="directive_file"),
    path("cong-khai/", views_public_figures.figures_page, name="public_figures"),
    path("cong-khai/so-lieu.csv", views_public_figures.figures_csv, name="public_figures_csv"),
    path("cong-khai/so-lieu.json", views_public_figures.figures_json, name="public_figures_json"),
    path("cong-khai/chi-dao/<int:directive_id>/tep/", views_public_figures.directive_file,
         name="public_directive_file"),
    path("cong-khai/phan-anh/", views_public.report_form, name="public_report"),
    path("cong-khai/phan-anh/tra-cuu/", views_public.report_lookup, name="public_report_lookup"),
    path("phan-anh/", views_public.report_queue, name="public_report_queue"),
    path("phan-anh/<int:report_id>/", views_public.report_detail, name="public_report_detail"),
]
