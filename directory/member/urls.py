"""URLs of the member screens, mounted at /mijn-organisatie/."""

from django.urls import path

from . import views

app_name = "directory_member"

urlpatterns = [
    path("", views.index, name="index"),
    path("inloggen/", views.MemberLoginView.as_view(), name="login"),
    path("uitloggen/", views.MemberLogoutView.as_view(), name="logout"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("<uuid:uuid>/", views.profile, name="profile"),
    path("<uuid:uuid>/bewerken/", views.edit, name="edit"),
    path("<uuid:uuid>/aanbieden/", views.submit, name="submit"),
    path("<uuid:uuid>/gecontroleerd/", views.confirm_reviewed, name="confirm_reviewed"),
    path("<uuid:uuid>/collega-s/", views.members, name="members"),
    path("<uuid:uuid>/meldingen/", views.reports, name="reports"),
    path(
        "<uuid:uuid>/collega-s/<int:membership_id>/verwijderen/",
        views.remove_member,
        name="remove_member",
    ),
    path(
        "<uuid:uuid>/uitnodigingen/<int:invitation_id>/intrekken/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
]
