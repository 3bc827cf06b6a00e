"""Public directory URLs, mounted at /partners/ by cms/urls.py."""

from django.urls import path

from . import views

app_name = "directory_public"

urlpatterns = [
    path("", views.directory_list, name="list"),
    path("<slug:slug>/", views.organisation_detail, name="organisation"),
    path("<slug:slug>/fout-melden/", views.report_error, name="report_error"),
    path("<slug:slug>/fout-melden/bedankt/", views.report_thanks, name="report_thanks"),
]
