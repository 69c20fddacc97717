"""Issue 10's pages for clauses 1.7 and 1.8: accountability reviews and discipline, commendation, and
the records (an official's own, a unit's)."""

from django.urls import path

from congvu.web import views_commendation, views_reviews

urlpatterns = [
    path("ho-so/", views_reviews.my_record, name="my_record"),
    path("ho-so/don-vi/<int:unit_id>/", views_reviews.unit_record, name="unit_record"),
    path("ky-luat/", views_reviews.review_list, name="review_list"),
    path("ky-luat/mo/<slug:kind>/<int:source_id>/", views_reviews.review_open, name="review_open"),
    path("ky-luat/<int:review_id>/", views_reviews.review_detail, name="review"),
    path("ky-luat/<int:review_id>/quyet-dinh.docx", views_reviews.review_file, name="review_file"),
    path("ky-luat/<int:review_id>/<slug:step>/", views_reviews.review_step, name="review_step"),
    path("khen-thuong/", views_commendation.commendation_list, name="commendation_list"),
    path("khen-thuong/de-nghi/", views_commendation.commendation_propose, name="commendation_propose"),
    path("khen-thuong/<int:commendation_id>/", views_commendation.commendation_detail, name="commendation"),
    path("khen-thuong/<int:commendation_id>/quyet-dinh.docx", views_commendation.commendation_file,
         name="commendation_file"),
    path("khen-thuong/<int:commendation_id>/<slug:step>/", views_commendation.commendation_step,
         name="commendation_step"),
]
