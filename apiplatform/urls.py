"""Site URLs of the API platform (the APIs themselves are mounted in cms/urls.py)."""

from django.urls import path

from . import member_views, widget_views

urlpatterns = [
    path("widget/organisaties/", widget_views.organisations_frame, name="apiplatform_widget"),
    path(
        "mijn-organisatie/<uuid:uuid>/api-tokens/",
        member_views.tokens,
        name="apiplatform_member_tokens",
    ),
    path(
        "mijn-organisatie/<uuid:uuid>/api-tokens/<int:token_id>/intrekken/",
        member_views.revoke,
        name="apiplatform_member_tokens_revoke",
    ),
]
