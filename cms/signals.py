"""Signal wiring: cache invalidation on publish (connected in CmsConfig.ready)."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.caching import bump_content_version


def connect() -> None:
    page_published.connect(bump_content_version, dispatch_uid="cms-cache-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="cms-cache-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="cms-cache-moved")

    from wagtail.models import Page

    from cms.models import ContactPerson, OrganisationSettings

    post_delete.connect(bump_content_version, sender=Page, dispatch_uid="cms-cache-page-deleted")
    for model in (ContactPerson, OrganisationSettings):
        post_save.connect(
            bump_content_version, sender=model, dispatch_uid=f"cms-cache-{model.__name__}"
        )
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"cms-cache-del-{model.__name__}"
        )
