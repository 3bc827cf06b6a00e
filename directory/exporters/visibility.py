"""Which organisations a user may export: the public ones plus those the policy lets them edit.

Uses the directory's one permission policy (``Organisation.objects.for_user``), never its own
checks, so exports can never show more than the admin shows.
"""

from django.db.models import Q


def visible_to(user):
    """Listed (live) organisations, plus the ones this user may change (their own, or all for
    moderators)."""
    from directory.models import Organisation

    listed = Q(live=True)
    if user is None or not user.is_authenticated:
        return Organisation.objects.filter(listed)
    editable = Organisation.objects.for_user(user, "change").values("pk")
    return Organisation.objects.filter(listed | Q(pk__in=editable))
