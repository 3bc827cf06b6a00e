"""Stable public URLs of the Klantreis (linked from the home page and other sites)."""

from django.urls import path

from . import views

app_name = "journey"

urlpatterns = [
    path("", views.journey, name="index"),
    path("mindmap/", views.mindmap, name="mindmap"),
    path("versies/", views.versions, name="versions"),
    path("versies/vergelijk/", views.compare, name="compare-form"),
    path("versies/<int:old>/vergelijk/<int:new>/", views.compare, name="compare"),
    path("versies/<int:number>/", views.journey, name="version"),
    path("versies/<int:number>/mindmap/", views.mindmap, name="version-mindmap"),
    path("<str:kind>-a3.pdf", views.download_pdf, name="pdf"),
    path("versies/<int:number>/<str:kind>-a3.pdf", views.download_pdf, name="version-pdf"),
]
