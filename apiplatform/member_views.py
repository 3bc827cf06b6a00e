"""'Mijn organisatie' → API-tokens: a member creates and revokes its personal tokens.

Lives beside the member screens (same base template, same access rule through the directory's
permission policy); a new token is shown once, on the page that created it.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.member.views import member_required, organisation_for
from directory.roles import CHANGE

from .member_tokens import create_member_token
from .models import MemberToken


@member_required
def tokens(request, uuid):
    organisation = organisation_for(request, uuid, CHANGE)
    new_token = None
    if request.method == "POST":
        name = (request.POST.get("name") or "").strip()[:200]
        if not name:
            messages.error(request, _("Geef het token een omschrijving."))
        else:
            _token, new_token = create_member_token(request.user, organisation, name)
    return render(
        request,
        "apiplatform/member_tokens.html",
        {
            "organisation": organisation,
            "tokens": MemberToken.objects.filter(
                organisation=organisation, user=request.user, is_active=True
            ),
            "new_token": new_token,
        },
    )


@member_required
@require_POST
def revoke(request, uuid, token_id):
    organisation = organisation_for(request, uuid, CHANGE)
    token = get_object_or_404(
        MemberToken, pk=token_id, organisation=organisation, user=request.user
    )
    token.is_active = False
    token.save(update_fields=["is_active"])
    messages.success(request, _("Het token is ingetrokken."))
    return redirect("apiplatform_member_tokens", uuid=organisation.uuid)
