"""The inspection pages (issue 10, clause 1.6), under /kiem-tra/."""

from django.urls import path

from congvu.web import views_inspections as v

urlpatterns = [
    path("kiem-tra/", v.inspection_list, name="inspection_list"),
    path("kiem-tra/ke-hoach/", v.inspection_plan, name="inspection_plan"),
    path("kiem-tra/dot-xuat/", v.inspection_draw, name="inspection_draw"),
    path("kiem-tra/<int:inspection_id>/", v.inspection_detail, name="inspection"),
    path("kiem-tra/<int:inspection_id>/mo/", v.inspection_open, name="inspection_open"),
    path("kiem-tra/<int:inspection_id>/phat-hien/", v.inspection_finding, name="inspection_finding"),
    path("kiem-tra/<int:inspection_id>/bien-phap/", v.inspection_measure, name="inspection_measure"),
    path("kiem-tra/<int:inspection_id>/ket-luan/", v.inspection_conclude, name="inspection_conclude"),
    path("kiem-tra/<int:inspection_id>/bien-phap/<int:measure_id>/theo-doi/", v.measure_follow_up,
         name="inspection_follow_up"),
    path("kiem-tra/<int:inspection_id>/van-ban/<slug:kind>/", v.inspection_document, name="inspection_document"),
    path("kiem-tra/<int:inspection_id>/quan-the/", v.inspection_population, name="inspection_population"),
]
