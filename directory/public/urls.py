"""Public directory URLs, mounted at /partners/ by cms/urls.py."""

from django.urls import path

from . import views

app_name = "directory_public"

urlpatterns = [
    path("", views.directory_list, name="list"),
    # Two segments, so no organisation slug can take this URL.
    path("zoeken/namen/", views.name_suggestions, name="name_suggestions"),
    path("<slug:slug>/", views.organisation_detail, name="organisation"),
    path("<slug:slug>/fout-melden/", views.report_error, name="report_error"),
    path("<slug:slug>/fout-melden/bedankt/", views.report_thanks, name="report_thanks"),
]
